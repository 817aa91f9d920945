# `glancer serve` caps what a client can make it hold: listening beyond loopback needs a token;
# request line/header sizes, slow headers and bodies (--read-timeout), JSON body size,
# Glance's property/tag/member quotas and lengths, and image data (--max-image-size).
source "$(dirname "$0")/lib.sh"
source "$(dirname "$0")/serve_common.sh"
TOKEN=lim-$RANDOM$RANDOM

# Not loopback without a token: refused before anything is opened.
for addr in 0.0.0.0:0 '[::]:0' 192.0.2.1:9292; do
  g serve --listen "$addr"
  expect_code 1
  expect_out "requires --token"
  [[ ! -e $STORE ]] || fail "a refused serve must not create the store"
done
# With a token it listens on every address (and answers 401 without the token).
start_serve -n any --listen 0.0.0.0:0 --token "$TOKEN"
[[ $(curl -s -o /dev/null -w '%{http_code}' "$URL/v2/images") == 401 ]] || fail "no token: 401"
[[ $(curl -s -o /dev/null -w '%{http_code}' -H "X-Auth-Token: $TOKEN" "$URL/v2/images") == 200 ]] ||
  fail "with the token: 200"
CHECKS=$((CHECKS + 2))
stop_serve TERM
! grep -qF "$TOKEN" "$WORK/any.out" "$WORK/any.err" || fail "the token was printed"

# Bad values for the new flags are refused.
g serve --max-image-size lots
expect_code 1
g serve --read-timeout 0
expect_code 1

# The caps, probed by a client that does what a hostile one would.
READ_TIMEOUT=2
MAX=$((1024 * 1024))
start_serve --read-timeout $READ_TIMEOUT --max-image-size 1MiB
set +e
OUT=$($PY "$SRC/tests/integration/serve_limits_check.py" "$URL" $READ_TIMEOUT $MAX 2>&1)
CODE=$?
set -e
expect_code 0
N=$(sed -n 's/^CHECKS //p' <<<"$OUT")
CHECKS=$((CHECKS + N))
# The server logged the connections it cut off, and is still healthy.
grep -q "408 Request Timeout" "$WORK/serve.err" || { OUT=$(cat "$WORK/serve.err"); fail "no log line for the 408"; }
[[ $(curl -s -o /dev/null -w '%{http_code}' "$URL/v2/images") == 200 ]] || fail "the server is unhealthy after the probes"
CHECKS=$((CHECKS + 2))
stop_serve
passed
