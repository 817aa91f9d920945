# `glancer serve --auth-cloud` with the real Keystone, registered as the image endpoint of a
# second Keystone region (shared/reference/tempest.md), on one stack start:
# - Glance's rules with real tokens of two projects, an admin and a reader
#   (openstack/serve_identity_check.py), forged and revoked tokens refused;
# - openstackclient's sharing commands (add project, set --accept, remove project);
# - OpenStack's own Image API tests (tempest.api.image and glance_tempest_plugin) against the
#   real Glance and against serve: every test that passes against Glance must pass against serve;
# - Keystone down → 503, never a pass; no token in serve's output at debug verbosity.
source "$(dirname "$0")/lib.sh"
source "$(dirname "$0")/openstack/lib_openstack.sh"
trap 'echo "FAIL: line $LINENO: $BASH_COMMAND exited $?" >&2' ERR
start_stack
T0=$SECONDS

# The real Glance's metadef tests need resource types; Debian's db_sync loads none.
glance-manage --config-file "$STACK_DIR/glance/glance-api.conf" db_load_metadefs /etc/glance/metadefs \
  >"$WORK/metadefs.log" 2>&1 || { cat "$WORK/metadefs.log" >&2; fail "db_load_metadefs failed"; }

# serve validates tokens as the stack's admin (a service identity may validate others'
# tokens), logging every HTTP request it makes (tokens must never appear).
GLANCER_LOG=debug start_serve --auth-cloud admin
SERVICE_ID=$(os admin service list -f value -c ID -c Type | awk '$2 == "image" {print $1}')
[[ -n $SERVICE_ID ]] || fail "no image service in the catalog"
os admin region create glancer >/dev/null
os admin endpoint create --region glancer "$SERVICE_ID" public "$URL" >/dev/null

T=$SECONDS
set +e
OUT=$(/usr/bin/python3 "$SRC/tests/integration/openstack/serve_identity_check.py" "$URL" "$WORK/tokens" 2>&1)
CODE=$?
set -e
expect_code 0
echo "$OUT"

# A token serve has accepted (and cached) is refused once revoked, at the latest --auth-cache
# seconds later: a second serve with a 1 s cache, and Keystone's own revocation.
MAIN_URL=$URL MAIN_PID=$SERVE_PID
start_serve -n serve-cache -s "$WORK/store-cache" --auth-cloud admin --auth-cache 1
CACHE_URL=$URL URL=$MAIN_URL SERVE_PID=$MAIN_PID
keystone_token() { # USER PASSWORD PROJECT → a project-scoped token
  curl -s -D - -o /dev/null -H 'Content-Type: application/json' "$STACK_AUTH_URL/auth/tokens" -d \
    "{\"auth\":{\"identity\":{\"methods\":[\"password\"],\"password\":{\"user\":{\"name\":\"$1\",\"domain\":{\"id\":\"default\"},\"password\":\"$2\"}}},\"scope\":{\"project\":{\"name\":\"$3\",\"domain\":{\"id\":\"default\"}}}}}" |
    tr -d '\r' | sed -n 's/^[Xx]-[Ss]ubject-[Tt]oken: //p'
}
CACHED=$(keystone_token demo "$STACK_DEMO_PASSWORD" demo)
ADMIN_TOKEN=$(keystone_token admin "$STACK_ADMIN_PASSWORD" admin)
[[ -n $CACHED && -n $ADMIN_TOKEN ]] || fail "Keystone issued no token"
OUT=$(curl -s -o /dev/null -w '%{http_code}' -H "X-Auth-Token: $CACHED" "$CACHE_URL/v2/images")
expect_out 200
OUT=$(curl -s -o /dev/null -w '%{http_code}' -X DELETE -H "X-Auth-Token: $ADMIN_TOKEN" \
  -H "X-Subject-Token: $CACHED" "$STACK_AUTH_URL/auth/tokens")
expect_out 204
sleep 1.2
OUT=$(curl -s -w ' %{http_code}' -H "X-Auth-Token: $CACHED" "$CACHE_URL/v2/images")
expect_out '"code":"401 Unauthorized"'
expect_out ' 401'

# openstackclient's sharing commands against serve: clouds of region glancer (openstacksdk
# accepts only the region a cloud names), which needs Keystone there too (`image remove
# project` looks the project up).
IDENTITY_ID=$(os admin service list -f value -c ID -c Type | awk '$2 == "identity" {print $1}')
os admin endpoint create --region glancer "$IDENTITY_ID" public "$STACK_AUTH_URL" >/dev/null
/usr/bin/python3 -c '
import json, sys
clouds = json.load(open(sys.argv[1]))
for cloud in clouds["clouds"].values():
    cloud["region_name"] = "glancer"
json.dump(clouds, open(sys.argv[2], "w"))' "$OS_CLIENT_CONFIG_FILE" "$WORK/clouds-glancer.yaml"
osr() { OS_CLIENT_CONFIG_FILE=$WORK/clouds-glancer.yaml os "$@"; }
SHARED=$(osr demo image create --shared shared-by-demo -f value -c id | tail -1)
[[ $SHARED =~ ^[0-9a-f-]{36}$ ]] || fail "openstack image create against serve printed no id"
osr demo image add project "$SHARED" "$STACK_OTHER_PROJECT_ID" >/dev/null
OUT=$(osr other image list -f value -c ID)
expect_no_out "$SHARED"
OUT=$(osr other image set --accept "$SHARED" 2>&1 && echo accepted)
expect_out accepted
OUT=$(osr other image list -f value -c ID)
expect_out "$SHARED"
OUT=$(osr demo image remove project "$SHARED" "$STACK_OTHER_PROJECT_ID" 2>&1 && echo removed)
expect_out removed
OUT=$(osr other image show "$SHARED" 2>&1 || true)
expect_out "No Image found"
echo "identity checks and openstackclient: $((SECONDS - T))s"

# The image tests; web-download needs an internet address (this Glance refuses loopback).
REGEX='^(tempest\.api\.image|glance_tempest_plugin\.tests)\.'
EXCLUDE='test_image_web_download_import'

# run_tempest REGION NAME: the suite against the image endpoint of REGION; results in $WORK/NAME.csv.
run_tempest() {
  local ws=$WORK/tempest-$2
  tempest init --workspace-path "$WORK/workspaces-$2.yaml" "$ws" >/dev/null
  cat >"$ws/etc/tempest.conf" <<CONF
[DEFAULT]
log_file = $ws/tempest.log
[auth]
use_dynamic_credentials = True
admin_username = admin
admin_password = $STACK_ADMIN_PASSWORD
admin_project_name = admin
admin_domain_name = Default
[identity]
uri_v3 = $STACK_AUTH_URL
auth_version = v3
region = RegionOne
[service_available]
glance = True
nova = False
neutron = False
cinder = False
swift = False
horizon = False
[image]
region = $1
endpoint_type = public
[image-feature-enabled]
api_v1 = False
api_v2 = True
import_image = True
os_glance_reserved = True
manage_locations = False
image_caching_enabled = False
[enforce_scope]
glance = False
CONF
  local t=$SECONDS
  (cd "$ws" && tempest run --regex "$REGEX" --exclude-regex "$EXCLUDE" --concurrency 2 \
    >"$ws/run.log" 2>&1) || true
  # stestr and subunit2csv exit non-zero when the run had failures: the results are what counts.
  (cd "$ws" && stestr last --subunit >"$ws/last.subunit") || true
  subunit2csv <"$ws/last.subunit" >"$WORK/$2.csv" || true
  [[ $(wc -l <"$WORK/$2.csv") -gt 50 ]] || { tail -30 "$ws/run.log" >&2; fail "no tempest results for $2"; }
  echo "tempest against $2: $((SECONDS - t))s"
}

# One after the other: run concurrently (own workspaces, own dynamic credentials) they took as
# long in total on this 2-core machine (190 s against 193 s): a run is CPU-bound.
run_tempest RegionOne glance
run_tempest glancer serve
set +e
OUT=$(/usr/bin/python3 "$SRC/tests/integration/openstack/tempest_compare.py" "$WORK/glance.csv" "$WORK/serve.csv")
CODE=$?
set -e
echo "$OUT"
[[ $CODE == 0 ]] || { cp "$WORK/tempest-serve/tempest.log" /tmp/tempest-serve.log 2>/dev/null; fail "tests that pass against Glance fail against serve (log kept in /tmp/tempest-serve.log)"; }
CHECKS=$((CHECKS + 1))
grep -q 'passed, 0 failed' <<<"$(head -1 <<<"$OUT")" || fail "the real Glance failed tests: the harness is wrong"
echo "tempest: both runs in $((SECONDS - T0))s after a ${STACK_SECONDS}s stack start"

# Keystone down: a token serve has not seen cannot be validated → 503, never a pass.
kill -INT -- "-$STACK_KEYSTONE_PID" 2>/dev/null || true
for _ in $(seq 1 50); do kill -0 "$STACK_KEYSTONE_PID" 2>/dev/null || break; sleep 0.1; done
OUT=$(curl -s -w ' %{http_code}' -H 'X-Auth-Token: gAAAAAB-never-seen' "$URL/v2/images")
expect_out ' 503'

# No token (nor the service's password) in anything serve printed, at debug verbosity.
grep -q 'debug: .*GET .*auth/tokens' "$WORK/serve.err" || { OUT=$(tail "$WORK/serve.err"); fail "serve logged no Keystone request at debug level"; }
while read -r tok; do
  [[ -z $tok ]] || ! grep -qF -- "$tok" "$WORK/serve.out" "$WORK/serve.err" || fail "a token appears in serve's log"
done < <(cat "$WORK/tokens"; echo "$CACHED"; echo "$ADMIN_TOKEN")
! grep -qF -- "$STACK_ADMIN_PASSWORD" "$WORK/serve.out" "$WORK/serve.err" || fail "the service password appears in serve's log"
! grep -qF -- "$CACHED" "$WORK/serve-cache.out" "$WORK/serve-cache.err" || fail "a token appears in serve's log"
CHECKS=$((CHECKS + 1))
passed
