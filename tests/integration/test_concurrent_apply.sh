# Two applies of the same set at the same time, then one more apply: no key has two current
# images. A duplicate made on purpose is shown by plan ("duplicate of ID for the same key") and
# resolved the documented way: the image with data and the desired content, oldest first, stays.
# Default: 2 rounds; GLANCER_LONG_TESTS=1: 10.
source "$(dirname "$0")/lib.sh"
source "$(dirname "$0")/serve_common.sh"
source "$(dirname "$0")/fault_common.sh"

ROUNDS=2
[[ ${GLANCER_LONG_TESTS:-0} == 1 ]] && ROUNDS=10
"$STORE_TOOL" "$STORE" create "not managed" "$SRC/examples/quickstart/images/scratch.raw" >/dev/null
start_serve --faults "rate=1,kinds=stall,when=before,stall=20"
use_serve_cloud
FP_UNMANAGED=$(served_images | fingerprint "")

both_ok=0 one_failed=0 duplicates_seen=0
for r in $(seq 1 "$ROUNDS"); do
  keys="a:$r b c:$r d rot1:$r"
  make_set "$WORK/main" main $keys
  "$GLANCER" --cloud serve apply --auto-approve "$WORK/main" >"$WORK/a1.log" 2>&1 &
  p1=$!
  "$GLANCER" --cloud serve apply --auto-approve "$WORK/main" >"$WORK/a2.log" 2>&1 &
  p2=$!
  c1=0 c2=0
  wait $p1 || c1=$?
  wait $p2 || c2=$?
  if [[ $c1 == 0 && $c2 == 0 ]]; then both_ok=$((both_ok + 1)); else one_failed=$((one_failed + 1)); fi
  gc plan "$WORK/main"
  grep -q "duplicate of" <<<"$OUT" && duplicates_seen=$((duplicates_seen + 1))
  gc apply --auto-approve "$WORK/main"
  expect_code 0
  images=$(served_images)
  problems=$(check_set main $keys <<<"$images")
  [[ -z $problems ]] || { OUT="$problems"; fail "round $r: after two racing applies and one more"; }
  [[ $(fingerprint "" <<<"$images") == "$FP_UNMANAGED" ]] || fail "round $r: the unmanaged image changed"
  gc plan --detailed-exitcode "$WORK/main"
  expect_code 0
  echo "round $r: applies exited $c1 and $c2; converged after one more apply"
done
echo "FIGURES concurrency: $ROUNDS rounds of two racing applies ($both_ok both succeeded, $one_failed with a failure), duplicates left by the race in $duplicates_seen, all converged after one more apply"

# A deliberate duplicate of key b (same labels and content, made later): plan names it, the
# original (older) image stays.
ORIG=$(served_images | "$PY" -c 'import json,sys; print([i["id"] for i in json.load(sys.stdin) if i.get("glancer.key") == "b" and "glancer.previous" not in i][0])')
DIGEST=$(served_images | "$PY" -c "import json,sys; print([i['glancer.digest'] for i in json.load(sys.stdin) if i['id'] == '$ORIG'][0])")
DUP=$(curl -s -X POST -H 'Content-Type: application/json' \
  -d "{\"name\":\"b image\",\"disk_format\":\"raw\",\"container_format\":\"bare\",\"glancer.set\":\"main\",\"glancer.key\":\"b\",\"glancer.digest\":\"$DIGEST\",\"release\":\"1\",\"glancer.version\":\"v1\"}" \
  "$URL/v2/images" | "$PY" -c 'import json,sys; print(json.load(sys.stdin)["id"])')
curl -s -X PUT -H 'Content-Type: application/octet-stream' --data-binary @"$WORK/main/images/b.raw" "$URL/v2/images/$DUP/file" >/dev/null
gc plan --detailed-exitcode "$WORK/main"
expect_code 2
expect_out "duplicate of $ORIG for the same key"
gc apply --auto-approve "$WORK/main"
expect_code 0
images=$(served_images)
[[ -z $(check_set main $keys <<<"$images") ]] || { OUT=$(check_set main $keys <<<"$images"); fail "after resolving the duplicate"; }
grep -q "$ORIG" <<<"$images" || fail "the original image of b must be the one kept"
! grep -q "$DUP" <<<"$images" || fail "the duplicate must be deleted"
CHECKS=$((CHECKS + 2))
stop_serve TERM
passed
