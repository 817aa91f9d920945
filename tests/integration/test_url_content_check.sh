# Content checks on URL sources sent to an HTTP target (`glancer serve` over --cloud): data whose
# format does not match its disk_format is refused while it streams (upload) or after the
# service fetched it (web-download), the image glancer created is removed, and a matching image
# is still published.
source "$(dirname "$0")/lib.sh"
source "$(dirname "$0")/mirror.sh"
command -v qemu-img >/dev/null || { echo "qemu-img missing: run scripts/install-deps" >&2; exit 1; }
MIRROR="$WORK/mirror"
mkdir -p "$MIRROR" "$WORK/set" "$WORK/config"
start_mirror "$MIRROR"
start_serve
cat >"$WORK/config/clouds.yaml" <<YAML
clouds:
  serve: {auth_type: none, auth: {endpoint: "$URL"}}
YAML
export OS_CLIENT_CONFIG_FILE="$WORK/config/clouds.yaml"

head -c 1M /dev/urandom >"$MIRROR/random.img"
qemu-img create -q -f qcow2 "$MIRROR/disk.qcow2" 1M
(cd "$MIRROR" && sha256sum random.img disk.qcow2 >SHA256SUMS)

# manifest KEY FILE DISK_FORMAT [METHOD]: one image KEY in a set of its own.
manifest() {
  cat >"$WORK/set/images.yaml" <<YAML
apiVersion: glancer/v1
kind: ImageSet
metadata: {name: $1}
images:
  - key: $1
    name: $1
    disk_format: $3
    source: {url: "$BASE/$2", checksum_url: "$BASE/SHA256SUMS"${4:+, method: $4}}
YAML
}
images() { store_json "sorted((i['name'], i['status']) for i in images)"; }

# Random bytes declared qcow2, streamed by glancer: refused before the last byte is sent.
manifest random random.img qcow2
gx --cloud serve apply --auto-approve "$WORK/set"
expect_code 1
expect_out "image \`random\`: source $BASE/random.img: the data is not a known image format, but disk_format is qcow2"
expect_out "1 failed"
[[ $(images) == "[]" ]] || fail "the refused image is still there: $(images)"
CHECKS=$((CHECKS + 1))

# A qcow2 declared raw, fetched by the service (web-download): inspected, then removed.
manifest disk disk.qcow2 raw web-download
gx --cloud serve apply --auto-approve "$WORK/set"
expect_code 1
expect_out "image \`disk\`: source $BASE/disk.qcow2 (web-download): the data is qcow2, but disk_format is raw"
[[ $(images) == "[]" ]] || fail "the refused import is still there: $(images)"
CHECKS=$((CHECKS + 1))

# The same data declared as what it is is published, both ways.
manifest disk disk.qcow2 qcow2 web-download
gx --cloud serve apply --auto-approve "$WORK/set"
expect_code 0
manifest random random.img raw
gx --cloud serve apply --auto-approve "$WORK/set"
expect_code 0
[[ $(images) == "[('disk', 'active'), ('random', 'active')]" ]] || fail "published: $(images)"
CHECKS=$((CHECKS + 1))
passed
