# Catalogue rotation through four successive sources with keep 2: exact names, hidden flags and
# deletions at every step; the canonical name always points at the newest verified image.
source "$(dirname "$0")/lib.sh"
mkdir -p "$WORK/cat/images"
write_set() {  # write_set VERSION: the manifest for that release, with its own image data
  printf 'ubuntu focal release %s\n' "$1" >"$WORK/cat/images/focal.img"
  cat >"$WORK/cat/set.yaml" <<YAML
apiVersion: glancer/v1
kind: ImageSet
metadata: {name: catalogue}
images:
  - key: ubuntu-20.04
    name: Ubuntu 20.04
    visibility: public
    disk_format: raw
    properties: {os_distro: ubuntu, os_version: "20.04"}
    source: {file: images/focal.img, version: "$1"}
    rotation: {keep: 2, retire: delete}
YAML
}
# state: "name|hidden|visibility|version" of every image, sorted.
state() {
  store_json "sorted('%s|%s|%s|%s' % (i['name'], i['os_hidden'], i['visibility'], i.get('glancer.version')) for i in images)"
}
expect_state() { [[ $(state) == "$1" ]] || fail "state: $(state), expected $1"; CHECKS=$((CHECKS + 1)); }

write_set 20240101
g apply --auto-approve "$WORK/cat"
expect_code 0
expect_state "['Ubuntu 20.04|False|public|20240101']"

write_set 20240201
g plan --detailed-exitcode "$WORK/cat"
expect_code 2
expect_out "will be rotated (new source version 20240201)"
expect_out '~ previous.name   = "Ubuntu 20.04" -> "Ubuntu 20.04 (20240101)"'
expect_out "Plan: 0 to create, 0 to update, 0 to replace, 1 to rotate, 0 to delete."
echo "$OUT" >"$WORK/rotation-plan.txt"
g apply --auto-approve "$WORK/cat"
expect_code 0
expect_state "['Ubuntu 20.04 (20240101)|True|public|20240101', 'Ubuntu 20.04|False|public|20240201']"
g plan --detailed-exitcode "$WORK/cat"
expect_code 0

write_set 20240301
g apply --auto-approve "$WORK/cat"
expect_code 0
expect_state "['Ubuntu 20.04 (20240101)|True|public|20240101', 'Ubuntu 20.04 (20240201)|True|public|20240201', 'Ubuntu 20.04|False|public|20240301']"

write_set 20240401
g plan --detailed-exitcode "$WORK/cat"
expect_code 2
expect_out "retired: beyond rotation.keep 2 (version 20240101)"
expect_out "Plan: 0 to create, 0 to update, 0 to replace, 1 to rotate, 1 to delete."
g apply --auto-approve "$WORK/cat"
expect_code 0
expect_state "['Ubuntu 20.04 (20240201)|True|public|20240201', 'Ubuntu 20.04 (20240301)|True|public|20240301', 'Ubuntu 20.04|False|public|20240401']"
g plan --detailed-exitcode "$WORK/cat"
expect_code 0
# The current image holds the newest data.
[[ $(store_json "[i['size'] for i in images if i['name']=='Ubuntu 20.04'][0]") == $(stat -c %s "$WORK/cat/images/focal.img") ]] ||
  fail "current image has the new data"

# retire: hide keeps old versions but makes them private.
sed -i 's/retire: delete/retire: hide/; s/keep: 2/keep: 1/' "$WORK/cat/set.yaml"
g apply --auto-approve "$WORK/cat"
expect_code 0
expect_state "['Ubuntu 20.04 (20240201)|True|private|20240201', 'Ubuntu 20.04 (20240301)|True|public|20240301', 'Ubuntu 20.04|False|public|20240401']"
g plan --detailed-exitcode "$WORK/cat"
expect_code 0
cat "$WORK/rotation-plan.txt"
passed
