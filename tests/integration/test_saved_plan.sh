# A saved plan applies exactly what was shown, needs no manifests, and refuses when stale.
source "$(dirname "$0")/lib.sh"
copy_quickstart
QS="$WORK/qs"

new_store
g plan --out "$WORK/create.plan" "$QS"
expect_code 0
expect_out "glancer apply $WORK/create.plan"
g show "$WORK/create.plan"
expect_code 0
expect_out "Plan: 3 to create"
g show --format json "$WORK/create.plan"
python3 -c "import json,sys; p=json.loads(sys.argv[1][sys.argv[1].index('{'):]); assert p['format_version']==1" "$OUT" ||
  fail "show --format json"

# A saved plan is applied alone: manifests beside it are refused, and nothing is applied.
g apply "$WORK/create.plan" "$QS" </dev/null
expect_code 1
expect_out "$WORK/create.plan is a saved plan: a saved plan is applied alone"
[[ $(store_json "len(images)") == 0 ]] || fail "a refused apply changed the store"

# Manifests are not needed to apply it (the image files are) (and without a TTY a saved plan needs no --auto-approve).
mv "$QS/images.yaml" "$WORK/images.yaml.away"
g apply "$WORK/create.plan" </dev/null
expect_code 0
expect_out "Apply complete: 3 succeeded"
mv "$WORK/images.yaml.away" "$QS/images.yaml"

# Applying it a second time: the images now exist, so the plan is stale.
g apply "$WORK/create.plan" </dev/null
expect_code 1
expect_out "plan is stale"
expect_out "was created since the plan"

# A plan made, then the service changed behind its back: refused, nothing changed.
sed -i 's/min_ram: 64/min_ram: 256/' "$QS/images.yaml"
g plan --out "$WORK/update.plan" "$QS"
tiny=$(store_json "[i['id'] for i in images if i['name']=='Tiny Linux 1.0'][0]")
sleep 1  # updated_at has a resolution of one second
"$STORE_TOOL" "$STORE" set-property "$tiny" note "changed out of band"
snapshot=$(store_json "images")
g apply "$WORK/update.plan" </dev/null
expect_code 1
expect_out "plan is stale"
expect_out "($tiny) changed at"
[[ $(store_json "images") == "$snapshot" ]] || fail "a stale plan changed something"

# Without a TTY and without a saved plan, apply refuses to guess.
g apply "$QS" </dev/null
expect_code 1
expect_out "pass --auto-approve"

# A plan for another target is refused.
set +e
OUT=$("$GLANCER" --store "$WORK/other-store" apply "$WORK/update.plan" 2>&1 </dev/null)
CODE=$?
set -e
expect_code 1
expect_out "plan was made for target \`local store $STORE\`"
passed
