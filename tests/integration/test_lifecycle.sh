# --target, --replace, prevent_destroy, destroy and import on the embedded store.
source "$(dirname "$0")/lib.sh"
copy_quickstart
QS="$WORK/qs"

# --target: only the named image (and what it references) is planned and applied.
new_store
g plan --target rescue "$QS"
expect_code 0
expect_out "Plan: 1 to create, 0 to update, 0 to replace, 0 to rotate, 0 to delete."
g plan --target nope "$QS"
expect_code 1
expect_out "--target \`nope\` names no image of the loaded sets"
g apply --auto-approve --target quickstart/rescue "$QS"
expect_code 0
[[ $(store_json "[i['name'] for i in images]") == "['Rescue Disk 2.1']" ]] || fail "only the target was created"
g apply --auto-approve "$QS"
expect_code 0

# --replace: a fresh image with a new id, the old one gone.
old=$(store_json "[i['id'] for i in images if i['name']=='Scratch'][0]")
g apply --auto-approve --replace scratch "$QS"
expect_code 0
expect_out "replacement requested with --replace"
new=$(store_json "[i['id'] for i in images if i['name']=='Scratch'][0]")
[[ "$new" != "$old" && $(store_json "len(images)") == 3 ]] || fail "scratch replaced"

# prevent_destroy: a plan that would replace the image fails, naming it; nothing changes.
python3 - "$QS/images.yaml" <<'PY'
import sys
p = sys.argv[1]
text = open(p).read().replace("      file: images/scratch.raw\n",
    "      file: images/scratch.raw\n    lifecycle:\n      prevent_destroy: true\n")
open(p, "w").write(text)
PY
g plan --replace scratch "$QS"
expect_code 1
expect_out "image \`quickstart/scratch\` has lifecycle.prevent_destroy, but the plan would replace it"
g destroy --auto-approve "$QS"
expect_code 1
expect_out "has lifecycle.prevent_destroy, but the plan would delete it"
[[ $(store_json "len(images)") == 3 ]] || fail "nothing destroyed"

# destroy: every image of the set goes (prevent_destroy lifted), others stay.
sed -i '/lifecycle:/d; /prevent_destroy: true/d' "$QS/images.yaml"
manual=$("$STORE_TOOL" "$STORE" create "Hand-made" "$QS/images/scratch.raw")
g destroy --auto-approve "$QS"
expect_code 0
expect_out "Plan: 0 to create, 0 to update, 0 to replace, 0 to rotate, 3 to delete."
[[ $(store_json "[i['id'] for i in images]") == "['$manual']" ]] || fail "only the unlabelled image is left"

# import: adopt the hand-made image as `scratch` (same data): afterwards only attributes differ.
g import scratch "$manual" "$QS"
expect_code 0
expect_out "Imported $manual as quickstart/scratch."
expect_no_out "will replace it"
g plan --format json "$QS"
python3 - "$OUT" <<'PY' || fail "after import: scratch is updated in place, not replaced"
import json, sys
t = sys.argv[1]; p = json.loads(t[t.index("{"):])
c = [c for c in p["changes"] if c["key"] == "scratch"][0]
assert c["action"] == "update", c["action"]
PY
g import scratch "$manual" "$QS"
expect_code 1
expect_out "already belongs to \`quickstart/scratch\`"
passed
