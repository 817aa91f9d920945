# `glancer serve --token`: 401 without the token, works with it, never prints it; a non-loopback
# address needs a token; stopping (SIGTERM) or killing the server mid-upload leaves the image queued.
source "$(dirname "$0")/lib.sh"
source "$(dirname "$0")/serve_common.sh"
TOKEN=s3cr3t-$RANDOM$RANDOM

g serve --listen 0.0.0.0:0
expect_code 1
expect_out "requires --token"

start_serve --token "$TOKEN"
CODE=$(curl -s -o /dev/null -w '%{http_code}' "$URL/v2/images")
[[ $CODE == 401 ]] || fail "no token must give 401"
CODE=$(curl -s -o /dev/null -w '%{http_code}' -H "X-Auth-Token: wrong" "$URL/v2/images")
[[ $CODE == 401 ]] || fail "a wrong token must give 401"
set +e
OUT=$(/usr/bin/openstack --os-auth-type admin_token --os-token "$TOKEN" --os-endpoint "$URL" image create tok -f value -c name 2>&1)
CODE=$?
set -e
expect_code 0
expect_out tok
! grep -qF "$TOKEN" "$WORK/serve.out" "$WORK/serve.err" || fail "the token was printed"
stop_serve

# Kill during an upload: SIGTERM (graceful) and SIGKILL (recovery on the next start).
for sig in TERM KILL; do
  start_serve
  ID=$(curl -s -X POST -H 'Content-Type: application/json' -d '{"name":"big","disk_format":"raw","container_format":"bare"}' "$URL/v2/images" |
    $PY -c 'import json,sys; print(json.load(sys.stdin)["id"])')
  # 100 MiB sent slowly, so the server is killed in the middle of it.
  (head -c $((100 * 1024 * 1024)) /dev/zero | curl -s --limit-rate 20M -X PUT -H 'Content-Type: application/octet-stream' \
    -H 'Expect:' -H 'Content-Length: 104857600' --data-binary @- "$URL/v2/images/$ID/file" >/dev/null 2>&1 || true) &
  CURL=$!
  SAW=no
  for _ in $(seq 1 100); do
    [[ $(curl -s "$URL/v2/images/$ID" | $PY -c 'import json,sys; print(json.load(sys.stdin)["status"])') == saving ]] && { SAW=yes; break; }
    sleep 0.05
  done
  [[ $SAW == yes ]] || { OUT=; CODE=-; fail "never saw the upload in progress"; }
  sleep 0.5
  stop_serve $sig
  wait $CURL 2>/dev/null || true
  start_serve
  STATUS=$(curl -s "$URL/v2/images/$ID" | $PY -c 'import json,sys; i=json.load(sys.stdin); print(i["status"], i["size"])')
  [[ $STATUS == "queued None" ]] || { OUT=$STATUS; CODE=-; fail "after SIG$sig mid-upload the image must be queued with no size"; }
  CHECKS=$((CHECKS + 1))
  stop_serve
done
passed
