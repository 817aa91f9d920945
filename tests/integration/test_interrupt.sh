# Ctrl-C during apply: no new action starts, the running one finishes or cleans up, the rest are
# reported skipped, exit 1, and nothing is left half-published; the next apply converges.
source "$(dirname "$0")/lib.sh"
mkdir -p "$WORK/set/images"
{
  printf 'apiVersion: glancer/v1\nkind: ImageSet\nmetadata: {name: many}\nimages:\n'
  for i in 1 2 3 4 5 6; do
    head -c 48M /dev/urandom >"$WORK/set/images/disk$i.img"
    printf '  - {key: disk%s, name: Disk %s, disk_format: raw, source: {file: images/disk%s.img}}\n' "$i" "$i" "$i"
  done
} >"$WORK/set/many.yaml"

"$GLANCER" --store "$STORE" apply --auto-approve --parallelism 1 "$WORK/set" >"$WORK/apply.out" 2>&1 &
PID=$!
# Interrupt once the first image is published (the others are still to come).
for _ in $(seq 600); do
  grep -q "Disk .*: created\|created" "$WORK/apply.out" 2>/dev/null && break
  sleep 0.05
done
kill -INT $PID
set +e
wait $PID
CODE=$?
set -e
OUT=$(cat "$WORK/apply.out")
expect_code 1
expect_out "apply was interrupted"
# Every image of the set is either fully published or absent: none pending, queued or hidden.
state=$(store_json "sorted((i['name'], i['status'], i['visibility'], i['os_hidden'], 'glancer.pending' in i) for i in images)")
python3 - "$state" <<'PY' || fail "half-published images: $state"
import ast, sys
images = ast.literal_eval(sys.argv[1])
assert 1 <= len(images) < 6, images
assert all(s == "active" and vis == "private" and not hidden and not pending for _, s, vis, hidden, pending in images), images
PY
CHECKS=$((CHECKS + 1))
g apply --auto-approve "$WORK/set"
expect_code 0
[[ $(store_json "len(images)") == 6 ]] || fail "the next apply did not converge"
g plan --detailed-exitcode "$WORK/set"
expect_code 0
passed
