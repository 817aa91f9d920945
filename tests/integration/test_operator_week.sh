# A provider operator's week with the shipped public catalogue (examples/public-catalogue, its
# upstream mirrors replaced by one mirror on 127.0.0.1): `glancer update` pins the tracked
# images' newest dated releases, apply; upstream publishes a new release of two images, the
# tracked, protected ubuntu-20.04 (update rewrites exactly its pins, plan rotates it, a second
# update finds nothing) and the floating RHEL 8; the mirror goes down while a
# file-sourced image is added (plan and apply still manage it, every failing source is reported
# at its manifest line, the catalogue's images are kept, exit 1); the mirror comes back and the
# catalogue converges.
source "$(dirname "$0")/lib.sh"
source "$SRC/tests/integration/mirror.sh"
command -v qemu-img >/dev/null || { echo "qemu-img missing: run scripts/install-deps" >&2; exit 1; }
mkdir -p "$WORK/mirror"
start_mirror "$WORK/mirror"
PORT=$(cat "$WORK/mirror.port")
CAT="$WORK/public-catalogue"
cp -r "$SRC/examples/public-catalogue" "$CAT"
localize "$CAT"
URL_IMAGES=$(grep -c '^\s*url: http' "$CAT"/*.yaml | awk -F: '{n += $2} END {print n}')
TRACKED=$(grep -c '^\s*track:' "$CAT"/linux.yaml)
# current: "key|id|name|version|updated" of each upstream image the catalogue shows (not hidden).
current() {
  store_json "sorted('%s|%s|%s|%s|%s' % (i['glancer.key'], i['id'], i['name'], i['glancer.version'], i['updated_at']) for i in images if not i['os_hidden'] and i['glancer.key'] != 'rescue-tools')"
}

# Monday: the catalogue goes live, with builds of today (it follows scs-0102, whose drift
# reports an image older than its replace_frequency as outdated).
export MIRROR_EPOCH=$(($(date +%s) / 86400 * 86400))
publish 1 "$CAT"
g update "$CAT"
expect_code 2
expect_out "$TRACKED pins changed in 1 file ($TRACKED tracked images)."
g apply --auto-approve "$CAT"
expect_code 0
expect_out "Apply complete: $URL_IMAGES succeeded"
g drift "$CAT"
expect_code 0

# Tuesday: upstream releases new builds of Ubuntu 20.04 (prevent_destroy; a dated release
# folder, tracked) and RHEL 8 (floating). update pins the new Ubuntu release: exactly its url,
# checksum and version lines change.
publish 2 "$CAT" focal
publish 2 "$CAT" rhel/8
cp "$CAT/linux.yaml" "$WORK/linux.before"
g update "$CAT"
expect_code 2
monday=$(date -u -d "@$MIRROR_EPOCH" +%Y%m%d) tuesday=$(date -u -d "@$MIRROR_EPOCH" +%Y%m%d).1  # a re-spin
expect_out "public-catalogue/ubuntu-20.04: $monday -> $tuesday"
expect_out "1 pin changed in 1 file ($TRACKED tracked images)."
focal="$BASE/cloud-images.ubuntu.com/releases/focal/release-"
sha() { sha256sum "$WORK/mirror/cloud-images.ubuntu.com/releases/focal/release-$1/ubuntu-20.04-server-cloudimg-amd64.img" | cut -d' ' -f1; }
diff -u <(printf '%s\n' \
  "-      url: ${focal}$monday/ubuntu-20.04-server-cloudimg-amd64.img" \
  "-      checksum: sha256:$(sha "$monday")" "-      version: \"$monday\"" \
  "+      url: ${focal}$tuesday/ubuntu-20.04-server-cloudimg-amd64.img" \
  "+      checksum: sha256:$(sha "$tuesday")" "+      version: \"$tuesday\"") \
  <(diff -U0 "$WORK/linux.before" "$CAT/linux.yaml" | grep -v '^\(@@\|---\|+++\)') >&2 ||
  fail "update did not rewrite exactly the pins of ubuntu-20.04"
CHECKS=$((CHECKS + 1))
g plan --detailed-exitcode "$CAT"
expect_code 2
expect_out "Plan: 0 to create, 0 to update, 0 to replace, 2 to rotate, 0 to delete."
expect_out "# public-catalogue/ubuntu-20.04 will be rotated"
g apply --auto-approve "$CAT"
expect_code 0
g plan --detailed-exitcode "$CAT"
expect_code 0
g update "$CAT"
expect_code 0
expect_out "No newer release of the $TRACKED tracked images."
[[ $(store_json "len(images)") == $((URL_IMAGES + 2)) ]] || fail "not two kept versions"
CHECKS=$((CHECKS + 1))
BEFORE=$(current)

# Wednesday: the mirror is down while the team adds an image of its own to the catalogue.
stop_process "$MIRROR_PID"
mkdir -p "$CAT/images"
qemu-img create -q -f qcow2 "$CAT/images/tools.qcow2" 2M
cat >"$CAT/tools.yaml" <<'YAML'
apiVersion: glancer/v1
kind: ImageSet
metadata: {name: public-catalogue}
images:
  - key: rescue-tools
    name: Rescue Tools
    visibility: public
    disk_format: qcow2
    source: {file: images/tools.qcow2}
YAML
export GLANCER_MIRROR_ATTEMPTS=2  # a refused connection: one retry, announced
g plan --detailed-exitcode "$CAT"
expect_code 1
[[ $(grep -c ": error: image \`" <<<"$OUT") == "$URL_IMAGES" ]] ||
  fail "not one located error per URL image ($URL_IMAGES)"
CHECKS=$((CHECKS + 1))
for file in linux.yaml licensed.yaml; do expect_out "$CAT/$file:"; done
expect_out "# public-catalogue/rescue-tools will be created"
expect_out "Error: $URL_IMAGES images could not be planned"
g apply --auto-approve "$CAT"
expect_code 1
expect_out "public-catalogue/rescue-tools: created"
[[ $(current) == "$BEFORE" ]] || fail "the outage changed the catalogue: $(current)"
CHECKS=$((CHECKS + 1))
expect_out "gave up earlier in this run"  # a dead mirror costs its retries once
CHECKS=$((CHECKS + 1))
unset GLANCER_MIRROR_ATTEMPTS

# Thursday: the mirror is back at its address; Friday's plan has nothing to do.
start_mirror "$WORK/mirror" "$PORT"
g apply --auto-approve "$CAT"
expect_code 0
g plan --detailed-exitcode "$CAT"
expect_code 0
expect_out "No changes."
g drift "$CAT"
expect_code 0
[[ $(current) == "$BEFORE" ]] || fail "the catalogue changed after the outage: $(current)"
CHECKS=$((CHECKS + 1))
[[ $(store_json "len([i for i in images if i['name'] == 'Rescue Tools'])") == 1 ]] ||
  fail "rescue-tools is not there once"
CHECKS=$((CHECKS + 1))
passed
