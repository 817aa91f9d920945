# The ImageService conformance suite through HttpImageService: against `glancer serve`, then
# against a real Keystone + Glance (Debian packages) with a password and with an application
# credential. (LocalImageService runs it as ctest `conformance.local`.)
source "$(dirname "$0")/lib.sh"
source "$(dirname "$0")/openstack/lib_openstack.sh"
CONFORMANCE=${GLANCER_CONFORMANCE:-$(dirname "$GLANCER")/tests/glancer_conformance}
# glancer serve on a free port, its own store; stopped before the stack starts.
start_serve -s "$WORK/serve-store"
set +e
OUT=$("$CONFORMANCE" --endpoint "$URL" 2>&1)
CODE=$?
set -e
expect_code 0
expect_out "Status: SUCCESS!"
stop_serve TERM

# A file for web-download, served over loopback by python's http.server.
mkdir -p "$WORK/web"
head -c 300000 /dev/urandom >"$WORK/web/cirros.raw"
WEB_PORT=$(stack_free_ports 1)
setsid /usr/bin/python3 -m http.server --bind 127.0.0.1 --directory "$WORK/web" "$WEB_PORT" \
  >"$WORK/web.log" 2>&1 </dev/null &
defer stop_process "-$!"
export GLANCER_CONFORMANCE_WEB_URL="http://127.0.0.1:$WEB_PORT/cirros.raw"
GLANCER_CONFORMANCE_WEB_SHA512=$(sha512sum "$WORK/web/cirros.raw" | cut -d' ' -f1)
export GLANCER_CONFORMANCE_WEB_SHA512

start_stack
t0=$SECONDS
for cloud in demo demo-appcred; do
  set +e
  OUT=$(GLANCER_LOG=debug "$CONFORMANCE" --cloud "$cloud" 2>&1)
  CODE=$?
  set -e
  printf '%s\n' "$OUT" >>"$ALL_OUTPUT"
  expect_code 0
  expect_out "conformance target: cloud $cloud (http://127.0.0.1:$STACK_GLANCE_PORT)"
  expect_out "Status: SUCCESS!"
done
expect_no_secrets
# Every test image was cleaned up.
[[ -z $(os demo image list -f value -c ID) ]] || fail "conformance left images behind"
echo "conformance suite: $((SECONDS - t0))s for two runs"
passed
