# Mirror requests under the retry policy, with bounded waits that are announced: a mirror that
# refuses twice (503) is retried until it serves; a mirror that accepts and never answers fails
# after the configured answer timeout and attempts (seconds, not minutes of silence), for a
# checksum file at plan time and for a download at apply time, which leaves no image behind.
source "$(dirname "$0")/lib.sh"
source "$(dirname "$0")/mirror.sh"
MIRROR="$WORK/mirror"
mkdir -p "$MIRROR" "$WORK/set"
start_mirror "$MIRROR"
head -c 300K /dev/urandom >"$MIRROR/disk.img"
(cd "$MIRROR" && sha256sum disk.img >SHA256SUMS)
export GLANCER_MIRROR_ANSWER_TIMEOUT=1 GLANCER_MIRROR_ATTEMPTS=3

# manifest SET URL CHECKSUM_URL: one image `disk` of SET, the only file of $WORK/set.
manifest() {
  cat >"$WORK/set/images.yaml" <<YAML
apiVersion: glancer/v1
kind: ImageSet
metadata: {name: $1}
images:
  - key: disk
    name: Disk
    disk_format: raw
    source: {url: "$2", checksum_url: "$3"}
YAML
}
# set_images SET: the names of SET's images in the store.
set_images() { store_json "sorted(i['name'] for i in images if i.get('glancer.set') == '$1')"; }

# Two 503s for the image's HEAD, then an answer: the plan retries, announcing each wait.
manifest flaky "$BASE/flaky/disk.img" "$BASE/SHA256SUMS"
new_store
g plan --detailed-exitcode "$WORK/set"
expect_code 2
expect_out "glancer: mirror: HEAD $BASE/flaky/disk.img: the server answered HTTP 503; retry 2/3 in "
expect_out "; retry 3/3 in "
g apply --auto-approve "$WORK/set"
expect_code 0
[[ $(set_images flaky) == "['Disk']" ]] || fail "not published after the mirror recovered"
CHECKS=$((CHECKS + 1))

# A checksum file that never comes: each attempt ends after 1 s, three attempts in all.
manifest silent "$BASE/disk.img" "$BASE/hang/SHA256SUMS"
started=$SECONDS
g plan "$WORK/set"
took=$((SECONDS - started))
expect_code 1
expect_out "glancer: mirror: GET $BASE/hang/SHA256SUMS: no answer within 1 s; retry 2/3 in "
expect_out "GET $BASE/hang/SHA256SUMS: no answer within 1 s (gave up after 3 attempts)"
((took < 15)) || fail "a silent mirror held the plan for ${took}s"
CHECKS=$((CHECKS + 1))

# A download that never starts (HEAD answers, GET does not): apply gives up and removes the
# image it created.
manifest silent "$BASE/hang/disk.img" "$BASE/SHA256SUMS"
cat >>"$WORK/set/images.yaml" <<YAML
  - key: other
    name: Other
    disk_format: raw
    source: {url: "$BASE/disk.img", checksum_url: "$BASE/SHA256SUMS"}
YAML
started=$SECONDS
g apply --auto-approve "$WORK/set"
took=$((SECONDS - started))
expect_code 1
expect_out "glancer: mirror: GET $BASE/hang/disk.img: no answer within 1 s; retry 2/3 in "
expect_out "silent/disk: failed: GET $BASE/hang/disk.img: no answer within 1 s (gave up after 3 attempts)"
expect_out "1 succeeded, 1 failed"
[[ $(set_images silent) == "['Other']" ]] || fail "images after the failed download: $(set_images silent)"
((took < 20)) || fail "a silent mirror held the apply for ${took}s"
CHECKS=$((CHECKS + 2))
passed
