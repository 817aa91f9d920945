# kill -9 during a 200 MiB upload, then apply again: exactly one active image, nothing queued.
source "$(dirname "$0")/lib.sh"
mkdir -p "$WORK/big/images"
head -c $((200 * 1024 * 1024)) /dev/urandom >"$WORK/big/images/big.raw"
cat >"$WORK/big/set.yaml" <<'YAML'
apiVersion: glancer/v1
kind: ImageSet
metadata: {name: crash}
images:
  - key: big
    name: Big
    disk_format: raw
    source: {file: images/big.raw}
YAML

"$GLANCER" --store "$STORE" apply --auto-approve "$WORK/big" >"$WORK/apply.log" 2>&1 &
pid=$!
# Wait until the upload is under way (a temporary blob is growing), then kill without warning.
killed=no
for _ in $(seq 1 600); do
  tmp=$(find "$STORE/blobs" -name '*.tmp*' -size +20M 2>/dev/null | head -1 || true)
  if [[ -n "$tmp" ]]; then kill -9 "$pid"; killed=yes; break; fi
  kill -0 "$pid" 2>/dev/null || break
  sleep 0.02
done
wait "$pid" 2>/dev/null || true
[[ $killed == yes ]] || { OUT=$(cat "$WORK/apply.log"); CODE=-; fail "never saw the upload in progress"; }

# What the crash left: one image, not active, labelled pending.
[[ $(store_json "[(i['status'], 'glancer.pending' in i) for i in images]") != "[('active', False)]" ]] ||
  fail "the killed apply must not have published the image"

g plan --detailed-exitcode "$WORK/big"
expect_code 2
expect_out "left unfinished by an interrupted apply"
g drift "$WORK/big"
expect_code 2
expect_out "unfinished: crash/big \"Big\""
expect_out "left unfinished by an interrupted apply (status "
g apply --auto-approve "$WORK/big"
expect_code 0
[[ $(store_json "[(i['name'], i['status']) for i in images]") == "[('Big', 'active')]" ]] ||
  fail "exactly one active image and nothing queued: $(store_json "[(i['name'], i['status']) for i in images]")"
[[ -z $(find "$STORE/blobs" -name '*.tmp*') ]] || fail "temporary blob left behind"
g plan --detailed-exitcode "$WORK/big"
expect_code 0
g drift "$WORK/big"
expect_code 0
passed
