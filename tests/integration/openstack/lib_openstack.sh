# Helpers for the real-stack tests (sourced after ../lib.sh): starts the stack in $WORK/stack,
# stops it on exit, and runs glancer / the openstack CLI against its clouds, keeping every
# output in $WORK/outputs.log so a test can check that no secret was ever printed.
source "$(dirname "${BASH_SOURCE[0]}")/stack.sh"
defer stack_stop
ALL_OUTPUT="$WORK/outputs.log"

start_stack() {
  stack_start "$WORK/stack" || { echo "FAIL: the OpenStack stack did not start" >&2; exit 1; }
  echo "stack: Keystone + Glance up in ${STACK_SECONDS}s (keystone :$STACK_KEYSTONE_PORT, glance :$STACK_GLANCE_PORT)"
}

# gc CLOUD ARGS…: glancer against a cloud; output in $OUT, exit code in $CODE.
gc() {
  local cloud=$1
  shift
  set +e
  OUT=$("$GLANCER" --cloud "$cloud" "$@" 2>&1)
  CODE=$?
  set -e
  printf '%s\n' "$OUT" >>"$ALL_OUTPUT"
}

# os CLOUD ARGS…: the openstack CLI (Debian's, under /usr/bin/python3); prints its output.
os() {
  local cloud=$1
  shift
  /usr/bin/python3 /usr/bin/openstack --os-cloud "$cloud" "$@" 2>&1 | tee -a "$ALL_OUTPUT"
}

# image_id CLOUD NAME: the id of the image called NAME, visible to CLOUD (hidden ones too).
image_id() {
  { os "$1" image list --name "$2" -f value -c ID; os "$1" image list --hidden --name "$2" -f value -c ID; } | head -1
}

# image_field CLOUD ID FIELD: one field of `openstack image show` (JSON; booleans print as True/False).
image_field() {
  os "$1" image show "$2" -f json | /usr/bin/python3 -c '
import json, sys
d = json.load(sys.stdin); print(d.get(sys.argv[1], (d.get("properties") or {}).get(sys.argv[1])))' "$3"
}

# expect_no_secrets: none of the canary secrets appears in any output or in any file under $WORK
# (every glancer/openstack output, the Keystone, uwsgi, Glance and PostgreSQL logs), except the
# two files that hold them.
expect_no_secrets() {
  local leaks
  leaks=$(grep -rIlF --exclude=secure.yaml --exclude=stack.env \
    -e "$STACK_DEMO_PASSWORD" -e "$STACK_APPCRED_SECRET" -e "$STACK_OTHER_PASSWORD" "$WORK" || true)
  [[ -z $leaks ]] || { echo "FAIL: a secret appears in: $leaks" >&2; exit 1; }
  CHECKS=$((CHECKS + 1))
}
