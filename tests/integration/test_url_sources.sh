# URL sources from a local mirror: streamed upload and web-download, checksum_url in its three
# formats, an upstream release picked up through checksum_url as a rotation, a corrupted mirror
# and a broken download that never publish anything, plan-time errors with positions, and
# constant memory for a large download.
source "$(dirname "$0")/lib.sh"
source "$(dirname "$0")/mirror.sh"
MIRROR="$WORK/mirror"
mkdir -p "$MIRROR" "$WORK/set"
start_mirror "$MIRROR"

# publish NAME TEXT: a mirror file whose content is TEXT repeated (64 KiB+), dated one minute later
# than anything before, so every release has its own Last-Modified.
STAMP=1700000000
publish() {
  python3 -c "import sys; sys.stdout.write((sys.argv[1] + '\n') * 4000)" "$2" >"$MIRROR/$1"
  STAMP=$((STAMP + 60))
  touch -d "@$STAMP" "$MIRROR/$1"
}
sums() {  # regenerate the three checksum files from the files as they are now
  (cd "$MIRROR" && sha256sum focal.img >SHA256SUMS)
  (cd "$MIRROR" && echo "SHA256 (centos.img) = $(sha256sum centos.img | cut -d' ' -f1)" >CHECKSUM)
  (cd "$MIRROR" && md5sum cirros.img | cut -d' ' -f1 >cirros.img.md5)
}
publish focal.img "focal 20240101"
publish centos.img "centos 8.4"
publish cirros.img "cirros 0.3.6"
publish plain.img "plain data"
sums
cat >"$WORK/set/upstream.yaml" <<YAML
apiVersion: glancer/v1
kind: ImageSet
metadata: {name: upstream}
images:
  - key: ubuntu
    name: Ubuntu 20.04
    disk_format: raw
    visibility: public
    source: {url: "$BASE/focal.img", checksum_url: "$BASE/SHA256SUMS"}
    rotation: {keep: 1, retire: delete}
  - key: centos
    name: CentOS 8
    disk_format: raw
    source: {url: "$BASE/centos.img", checksum_url: "$BASE/CHECKSUM"}
  - key: cirros
    name: Cirros 0.3.6
    disk_format: raw
    source: {url: "$BASE/cirros.img", checksum_url: "$BASE/cirros.img.md5", method: web-download}
  - key: plain
    name: Plain
    disk_format: raw
    source: {url: "$BASE/plain.img"}
YAML

# digest_of KEY: the glancer.digest label of the current image of KEY.
digest_of() { store_json "[i.get('glancer.digest') for i in images if i.get('glancer.key') == '$1' and 'glancer.previous' not in i]"; }

g validate "$WORK/set"
expect_code 0
expect_out "warning: a \`url\` source without \`checksum\` or \`checksum_url\` cannot be verified"
new_store
g plan --detailed-exitcode "$WORK/set"
expect_code 2
expect_out "Plan: 4 to create, 0 to update, 0 to replace, 0 to rotate, 0 to delete."
g apply --auto-approve "$WORK/set"
expect_code 0
expect_out "4 succeeded"
[[ $(digest_of ubuntu) == "['sha256:$(sha256sum "$MIRROR/focal.img" | cut -d' ' -f1)']" ]] || fail "ubuntu digest $(digest_of ubuntu)"
[[ $(digest_of centos) == "['sha256:$(sha256sum "$MIRROR/centos.img" | cut -d' ' -f1)']" ]] || fail "centos digest"
[[ $(digest_of cirros) == "['md5:$(md5sum "$MIRROR/cirros.img" | cut -d' ' -f1)']" ]] || fail "cirros digest $(digest_of cirros)"
[[ $(digest_of plain) == "['sha256:$(sha256sum "$MIRROR/plain.img" | cut -d' ' -f1)']" ]] || fail "plain digest"
# Without a manifest version, each image is labelled with its file's Last-Modified (UTC).
[[ $(store_json "sorted(i.get('glancer.version') for i in images)") == \
   "['2023-11-14 22:14', '2023-11-14 22:15', '2023-11-14 22:16', '2023-11-14 22:17']" ]] ||
  fail "versions $(store_json "sorted(i.get('glancer.version') for i in images)")"
CHECKS=$((CHECKS + 5))
g plan --detailed-exitcode "$WORK/set"
expect_code 0
expect_out "No changes."
# A plan fetches each checksum file and HEADs each URL for its Last-Modified; never image data.
: >"$WORK/mirror.log"
g plan "$WORK/set"
[[ $(sort "$WORK/mirror.log" | tr '\n' ' ') == "GET /CHECKSUM GET /SHA256SUMS GET /cirros.img.md5 HEAD /centos.img HEAD /cirros.img HEAD /focal.img HEAD /plain.img " ]] ||
  fail "plan requests: $(cat "$WORK/mirror.log")"
CHECKS=$((CHECKS + 1))

# A new upstream release behind checksum_url: one rotate, the old image kept as a version.
publish focal.img "focal 20240201"
sums
g plan --detailed-exitcode --out "$WORK/rotate.plan" "$WORK/set"
expect_code 2
expect_out "# upstream/ubuntu will be rotated (new source version 2023-11-14 22:18)"
expect_out '~ previous.name   = "Ubuntu 20.04" -> "Ubuntu 20.04 (2023-11-14 22:14)"'
expect_out "Plan: 0 to create, 0 to update, 0 to replace, 1 to rotate, 0 to delete."
echo "$OUT" >"$WORK/rotation-plan.txt"
g apply --auto-approve "$WORK/rotate.plan"  # the saved plan needs no manifests
expect_code 0
[[ $(store_json "sorted((i['name'], i['os_hidden']) for i in images if i.get('glancer.key') == 'ubuntu')") == \
   "[('Ubuntu 20.04', False), ('Ubuntu 20.04 (2023-11-14 22:14)', True)]" ]] || fail "after rotation"
[[ $(digest_of ubuntu) == "['sha256:$(sha256sum "$MIRROR/focal.img" | cut -d' ' -f1)']" ]] || fail "rotated digest"
CHECKS=$((CHECKS + 2))

# A corrupted mirror: SHA256SUMS announces a release whose file does not match. The new image is
# deleted, the error names both digests, and the current image stays current.
before=$(store_json "sorted((i['id'], i['name'], i['os_hidden']) for i in images)")
cp "$MIRROR/focal.img" "$WORK/focal.good"
publish focal.img "focal 20240301"
sums
publish focal.img "focal 20240301 tampered"
announced=$(cut -d' ' -f1 "$MIRROR/SHA256SUMS")
actual=$(sha256sum "$MIRROR/focal.img" | cut -d' ' -f1)
g apply --auto-approve "$WORK/set"
expect_code 1
expect_out "$BASE/focal.img does not match its checksum: expected sha256:$announced, got sha256:$actual"
[[ $(store_json "sorted((i['id'], i['name'], i['os_hidden']) for i in images)") == "$before" ]] ||
  fail "a failed rotation changed the images"
CHECKS=$((CHECKS + 1))

# web-download verified the same way: a tampered cirros is never published.
publish cirros.img "cirros 0.3.6 tampered"
(cd "$MIRROR" && echo "00000000000000000000000000000000" >cirros.img.md5)
g apply --auto-approve "$WORK/set"
expect_code 1
expect_out "$BASE/cirros.img does not match its checksum: expected md5:00000000000000000000000000000000"
[[ $(store_json "len([i for i in images if i.get('glancer.key') == 'cirros'])") == 1 ]] || fail "cirros copies"
CHECKS=$((CHECKS + 1))
cp "$WORK/focal.good" "$MIRROR/focal.img"
publish cirros.img "cirros 0.3.6"
sums

# Upstream publishes a release between plan and apply: the saved plan's digest no longer
# matches, and the error says so and asks for a new plan. Nothing changes.
publish focal.img "focal 20240401"
sums
planned=$(cut -d' ' -f1 "$MIRROR/SHA256SUMS")
g plan --out "$WORK/release.plan" "$WORK/set"
expect_code 0
publish focal.img "focal 20240402"
sums
before=$(store_json "sorted((i['id'], i['name'], i['os_hidden']) for i in images)")
g apply "$WORK/release.plan"
expect_code 1
expect_out "the plan took sha256:$planned from $BASE/SHA256SUMS: upstream changed since the plan was made"
expect_out "run \`glancer plan\` again"
[[ $(store_json "sorted((i['id'], i['name'], i['os_hidden']) for i in images)") == "$before" ]] ||
  fail "a plan overtaken by upstream changed the images"
CHECKS=$((CHECKS + 1))
cp "$WORK/focal.good" "$MIRROR/focal.img"
sums

# A download cut in the middle never publishes: the image is removed, nothing else changes.
cat >"$WORK/broken.yaml" <<YAML
apiVersion: glancer/v1
kind: ImageSet
metadata: {name: broken}
images:
  - key: cut
    name: Cut
    disk_format: raw
    source: {url: "$BASE/truncate/centos.img", version: "8.4", checksum: "sha256:$(sha256sum "$MIRROR/centos.img" | cut -d' ' -f1)"}
YAML
g apply --auto-approve "$WORK/broken.yaml"
expect_code 1
expect_out "GET $BASE/truncate/centos.img"
[[ $(store_json "len([i for i in images if i.get('glancer.set') == 'broken'])") == 0 ]] || fail "a broken download left an image"
CHECKS=$((CHECKS + 1))

# Plan-time errors name the manifest position and the request.
sed "s|$BASE/plain.img|$BASE/gone.img|" "$WORK/set/upstream.yaml" >"$WORK/gone.yaml"
g plan "$WORK/gone.yaml"
expect_code 1
expect_out "gone.yaml:22:14: image \`plain\`: HEAD $BASE/gone.img: the server answered HTTP 404"
sed "s|$BASE/centos.img|$BASE/centos-9.img|" "$WORK/set/upstream.yaml" >"$WORK/entry.yaml"
g plan "$WORK/entry.yaml"
expect_code 1
expect_out "entry.yaml:14:58: image \`centos\`:"
expect_out "$BASE/CHECKSUM: the checksum file has no entry for \`centos-9.img\` (it lists 1 file)"

# Memory stays flat: a 256 MiB download streamed into the store.
truncate -s 256M "$MIRROR/big.img"
cat >"$WORK/big.yaml" <<YAML
apiVersion: glancer/v1
kind: ImageSet
metadata: {name: big}
images:
  - {key: big, name: Big, disk_format: raw, source: {url: "$BASE/big.img", checksum: "sha256:$(sha256sum "$MIRROR/big.img" | cut -d' ' -f1)"}}
YAML
# In the sanitizer build (tests/sanitizer_run.sh sets GLANCER_SANITIZER_REPORTS) ASan's shadow
# memory and its quarantine of freed blocks add to the RSS: the quarantine is kept small for this
# run and the bound allows ASan's own share, still well under the 256 MiB a buffered copy would need.
rss_limit_kib=65536 asan_options=${ASAN_OPTIONS:-}
if [[ -n ${GLANCER_SANITIZER_REPORTS:-} ]]; then
  rss_limit_kib=163840 asan_options="$ASAN_OPTIONS:quarantine_size_mb=16"
fi
ASAN_OPTIONS=$asan_options /usr/bin/time -f "%M" -o "$WORK/rss" "$GLANCER" --store "$STORE" apply --auto-approve "$WORK/big.yaml" >"$WORK/big.out" 2>&1 ||
  { OUT=$(cat "$WORK/big.out"); fail "big apply"; }
rss_kib=$(tail -1 "$WORK/rss")
echo "max RSS of a 256 MiB URL apply: $rss_kib KiB (limit $rss_limit_kib KiB)"
((rss_kib < rss_limit_kib)) || fail "max RSS $rss_kib KiB for a 256 MiB download"
CHECKS=$((CHECKS + 1))
cat "$WORK/rotation-plan.txt"
passed
