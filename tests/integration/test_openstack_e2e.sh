# glancer end to end against a real Keystone v3 + Glance v2 (Debian packages, started here):
# password and application-credential clouds, out-of-band drift, a public image as admin, a shared
# image accepted by its member, unlabelled images left alone, a wrong password, and no secret in
# any output at any verbosity.
source "$(dirname "$0")/lib.sh"
source "$(dirname "$0")/openstack/lib_openstack.sh"
start_stack
t0=$SECONDS

# An image glancer did not create: it must never be touched.
os demo image create --private --property owner_note=keep "Unlabelled" >/dev/null
UNLABELLED=$(image_id demo Unlabelled)
UNLABELLED_AT=$(image_field demo "$UNLABELLED" updated_at)

copy_quickstart
QS="$WORK/qs"

# 1. Create as demo with a password (debug logging on: secrets must still not show).
gc demo --debug apply --auto-approve "$QS"
expect_code 0
[[ $(grep -v '^debug: ' <<<"$OUT" | head -1) == "target: cloud demo (http://127.0.0.1:$STACK_GLANCE_PORT)" ]] || fail "first line names the cloud"
expect_out "Apply complete: 3 succeeded, 0 failed, 0 skipped."
grep -q "req-" <<<"$OUT" || fail "debug output logs request ids"
TINY=$(image_id demo "Tiny Linux 1.0")
[[ $(image_field demo "$TINY" status) == active ]] || fail "Tiny Linux is active"
RESCUE=$(image_id demo "Rescue Disk 2.1")
[[ $(image_field demo "$RESCUE" os_hidden) == True ]] || fail "Rescue Disk is hidden"

# 2. The same manifests with the application credential: nothing to do.
GLANCER_LOG=debug gc demo-appcred plan --detailed-exitcode "$QS"
expect_code 0
expect_out "No changes."
gc demo-appcred apply --auto-approve "$QS"
expect_code 0
expect_out "No changes."

# 3. Out-of-band change: plan names the attribute and exits 2; apply restores it.
os demo image set --min-ram 999 "$TINY" >/dev/null
gc demo plan --detailed-exitcode "$QS"
expect_code 2
expect_out "min_ram"
expect_out "Plan: 0 to create, 1 to update, 0 to replace, 0 to rotate, 0 to delete."
gc demo apply --auto-approve "$QS"
expect_code 0
[[ $(image_field demo "$TINY" min_ram) == 64 ]] || fail "min_ram restored"
gc demo plan --detailed-exitcode "$QS"
expect_code 0

# 4. Out-of-band delete: plan recreates it.
os demo image delete "$(image_id demo Scratch)"
gc demo plan --detailed-exitcode "$QS"
expect_code 2
expect_out "Plan: 1 to create, 0 to update, 0 to replace, 0 to rotate, 0 to delete."
gc demo apply --auto-approve "$QS"
expect_code 0
[[ -n $(image_id demo Scratch) ]] || fail "Scratch recreated"
gc demo plan --detailed-exitcode "$QS"
expect_code 0

# 5. A public image, applied as admin, visible to demo.
mkdir -p "$WORK/pub/images" "$WORK/shared/images"
head -c 70000 /dev/urandom >"$WORK/pub/images/pub.raw"
cp "$WORK/pub/images/pub.raw" "$WORK/shared/images/shared.raw"
cat >"$WORK/pub/public.yaml" <<YAML
apiVersion: glancer/v1
kind: ImageSet
metadata: {name: e2e-public}
images:
  - key: pub
    name: E2E Public
    disk_format: raw
    container_format: bare
    visibility: public
    source: {file: images/pub.raw}
  - key: community
    name: E2E Community
    disk_format: raw
    container_format: bare
    visibility: community
    hidden: true
    source: {file: images/pub.raw}
YAML
gc admin apply --auto-approve "$WORK/pub"
expect_code 0
expect_out "Apply complete: 2 succeeded, 0 failed, 0 skipped."
PUB=$(image_id demo "E2E Public")
[[ -n $PUB && $(image_field demo "$PUB" visibility) == public ]] || fail "demo sees the public image"
# A plan lists its set by label (community and hidden images included, which a default listing
# leaves out) and looks up the names of its public images: an unlabelled public image of the
# same name is found and warned about, with no listing of everything.
os admin image create --public "E2E Public" >/dev/null
gc admin --debug plan --detailed-exitcode "$WORK/pub"
expect_code 0
expect_out "No changes."
expect_out "is also named \"E2E Public\""
expect_out "/v2/images?visibility=all&limit=1000&glancer.set=e2e-public&os_hidden=true "
expect_no_out "/v2/images?visibility=all&limit=1000 "
expect_no_out "/v2/images?visibility=all&limit=1000&os_hidden=true "

# 6. A shared image: member `other` added by glancer, accepted as `other`.
cat >"$WORK/shared/shared.yaml" <<YAML
apiVersion: glancer/v1
kind: ImageSet
metadata: {name: e2e-shared}
images:
  - key: shared
    name: E2E Shared
    disk_format: raw
    container_format: bare
    visibility: shared
    members: [$STACK_OTHER_PROJECT_ID]
    source: {file: images/shared.raw}
YAML
gc demo apply --auto-approve "$WORK/shared"
expect_code 0
SHARED=$(image_id demo "E2E Shared")
[[ $(os demo image member list "$SHARED" -f value -c "Member ID" -c Status) == "$STACK_OTHER_PROJECT_ID pending" ]] ||
  fail "other is a pending member"
os other image set --accept "$SHARED" >/dev/null
[[ $(os other image list -f value -c ID) == *"$SHARED"* ]] || fail "other lists the accepted image"
gc demo plan --detailed-exitcode "$WORK/shared"
expect_code 0

# 7. The unlabelled image was never touched.
[[ $(image_field demo "$UNLABELLED" updated_at) == "$UNLABELLED_AT" ]] || fail "unlabelled image untouched"

# 8. A wrong password: one clear error line, exit 1, nothing changed.
BEFORE=$(os admin image list --long -f value | sort)
set +e
OUT=$(env -u OS_CLIENT_CONFIG_FILE -u OS_CLIENT_SECURE_FILE OS_AUTH_URL="$STACK_AUTH_URL" OS_USERNAME=demo \
  OS_PASSWORD="CANARY-wrong-password" OS_PROJECT_NAME=demo OS_USER_DOMAIN_NAME=Default \
  OS_PROJECT_DOMAIN_NAME=Default "$GLANCER" --debug apply --auto-approve "$QS" 2>&1)
CODE=$?
set -e
printf '%s\n' "$OUT" >>"$ALL_OUTPUT"
expect_code 1
ERRORS=$(grep -v '^debug: ' <<<"$OUT")
[[ $(wc -l <<<"$ERRORS") == 1 ]] || fail "exactly one error line"
expect_out "glancer: error: cloud \`envvars\`: authentication failed: POST $STACK_AUTH_URL/auth/tokens: 401 Unauthorized: "
expect_no_out "CANARY-wrong-password"
[[ $(os admin image list --long -f value | sort) == "$BEFORE" ]] || fail "nothing changed"

# 9. The OS_* environment cloud with the right password works too.
set +e
OUT=$(env -u OS_CLIENT_CONFIG_FILE -u OS_CLIENT_SECURE_FILE OS_AUTH_URL="$STACK_AUTH_URL" OS_USERNAME=demo \
  OS_PASSWORD="$STACK_DEMO_PASSWORD" OS_PROJECT_NAME=demo OS_USER_DOMAIN_NAME=Default \
  OS_PROJECT_DOMAIN_NAME=Default GLANCER_LOG=debug "$GLANCER" plan --detailed-exitcode "$QS" 2>&1)
CODE=$?
set -e
printf '%s\n' "$OUT" >>"$ALL_OUTPUT"
expect_code 0
expect_out "target: cloud envvars"

# 10. No canary secret in any output, at any verbosity.
expect_no_secrets
echo "e2e suite: $((SECONDS - t0))s after a ${STACK_SECONDS}s stack start"
passed
