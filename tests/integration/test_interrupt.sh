# Ctrl-C during apply: the first says at once what runs and what will not start; no new action
# starts, the running one finishes, the rest are reported skipped, exit 130, "Apply interrupted",
# and nothing is left half-published; the next apply converges. A second Ctrl-C aborts the
# upload in flight and removes its unfinished image.
source "$(dirname "$0")/lib.sh"
source "$(dirname "$0")/mirror.sh"

# interrupt_and_wait PID OUTFILE: one more Ctrl-C to PID, then its exit code in $CODE and its
# output in $OUT.
interrupt_and_wait() {
  kill -INT "$1"
  set +e
  wait "$1"
  CODE=$?
  set -e
  OUT=$(cat "$2")
}
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
interrupt_and_wait $PID "$WORK/apply.out"
expect_code 130
expect_out "apply was interrupted"
expect_out "Apply interrupted: "
expect_no_out "Apply complete"
grep -qE "^interrupting: [01] actions? running, [0-9]+ not started \(Ctrl-C again to abort running uploads\)$" <<<"$OUT" ||
  fail "no interrupting line"
CHECKS=$((CHECKS + 1))
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

# Two Ctrl-C while an image downloads from a slow mirror: the first is reported at once and
# lets the upload go on, the second aborts it and removes the unfinished image.
mkdir -p "$WORK/mirror" "$WORK/slow"
start_mirror "$WORK/mirror"
head -c 8M /dev/urandom >"$WORK/mirror/big.img"
(cd "$WORK/mirror" && sha256sum big.img >SHA256SUMS)
cat >"$WORK/slow/slow.yaml" <<YAML
apiVersion: glancer/v1
kind: ImageSet
metadata: {name: slow}
images:
  - key: big
    name: Big
    disk_format: raw
    source: {url: "$BASE/slow/big.img", checksum_url: "$BASE/SHA256SUMS"}
YAML
"$GLANCER" --store "$STORE" apply --auto-approve "$WORK/slow" >"$WORK/slow.out" 2>&1 &
PID=$!
for _ in $(seq 200); do grep -q "slow/big: uploading" "$WORK/slow.out" && break; sleep 0.05; done
sleep 0.5
kill -INT $PID
for _ in $(seq 20); do grep -q "^interrupting:" "$WORK/slow.out" && break; sleep 0.05; done
OUT=$(cat "$WORK/slow.out")
expect_out "interrupting: 1 action running, 0 not started (Ctrl-C again to abort running uploads)"
kill -0 $PID 2>/dev/null || fail "the first Ctrl-C stopped the upload"
interrupt_and_wait $PID "$WORK/slow.out"
expect_code 130
# The abort is seen by the upload (between reads) or by the download (while it waits).
grep -qE "^slow/big: failed: .*(was aborted \(Ctrl-C\)|: interrupted)$" <<<"$OUT" || fail "not aborted"
expect_out "Apply interrupted: 0 succeeded, 1 failed, 0 skipped."
[[ $(store_json "len([i for i in images if i.get('glancer.set') == 'slow'])") == 0 ]] ||
  fail "the aborted image was left behind: $(store_json "images")"
CHECKS=$((CHECKS + 1))
passed
