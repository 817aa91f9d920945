# python-openstackclient against `glancer serve`: the image commands a team uses, unchanged.
source "$(dirname "$0")/lib.sh"
source "$(dirname "$0")/serve_common.sh"
start_serve
[[ $(head -1 "$WORK/serve.out") == "glancer serve: listening on $URL (local store $STORE)" ]] ||
  { OUT=$(cat "$WORK/serve.out"); fail "first line must name the address and the store"; }

head -c $((3 * 1024 * 1024 + 17)) /dev/urandom >"$WORK/disk.raw"
MD5=$(md5sum "$WORK/disk.raw" | cut -d' ' -f1)

os image create --file "$WORK/disk.raw" --disk-format raw --container-format bare --property os_distro=cirros demo -f value -c id
expect_code 0
ID=$(tail -1 <<<"$OUT")
os image show demo -f json
expect_code 0
[[ $($PY -c 'import json,sys; i=json.loads(sys.argv[1]); print(i["status"], i["checksum"], i["size"])' "$OUT") == "active $MD5 $((3 * 1024 * 1024 + 17))" ]] ||
  fail "image must be active with the file's md5 and size"
expect_out '"os_distro": "cirros"'

# Properties, tags, hide, protect.
os image set --property hw_disk_bus=scsi --tag lts --tag tiny demo
expect_code 0
os image show demo -f json
expect_out '"hw_disk_bus": "scsi"'
expect_out '"lts"'
os image unset --property hw_disk_bus --tag tiny demo
expect_code 0
os image show demo -f json
expect_no_out 'hw_disk_bus'
expect_no_out '"tiny"'
os image set --hidden --protected demo
expect_code 0
os image list -f value -c ID
expect_no_out "$ID"
os image list --hidden -f value -c ID
expect_out "$ID"
os image delete demo
[[ $CODE != 0 ]] || fail "deleting a protected image must fail"
os image set --unprotected --unhidden demo
expect_code 0

# Download and compare.
os image save --file "$WORK/saved.raw" demo
expect_code 0
[[ $(md5sum "$WORK/saved.raw" | cut -d' ' -f1) == "$MD5" ]] || fail "downloaded data differs"

# Deactivate / reactivate.
os image set --deactivate demo
expect_code 0
os image show demo -f value -c status
expect_out deactivated
os image save --file "$WORK/nope.raw" demo
[[ $CODE != 0 ]] || fail "downloading a deactivated image must fail"
os image set --activate demo
expect_code 0
os image show demo -f value -c status
expect_out active

# Stage + import (glance-direct) through the CLI.
os image create --import --file "$WORK/disk.raw" --disk-format qcow2 --container-format bare imported -f value -c id
expect_code 0
for _ in $(seq 1 100); do
  os image show imported -f value -c status
  [[ $OUT == active ]] && break
  sleep 0.1
done
expect_out active
os image show imported -f value -c checksum
expect_out "$MD5"

# More than 1,000 images: paging through `next` (created fast with direct POSTs).
$PY - "$URL" <<'PY'
import json, sys, http.client, urllib.parse
u = urllib.parse.urlparse(sys.argv[1])
c = http.client.HTTPConnection(u.hostname, u.port)
for n in range(1100):
    c.request("POST", "/v2/images", json.dumps({"name": "bulk-%04d" % n}), {"Content-Type": "application/json"})
    r = c.getresponse(); r.read()
    assert r.status == 201, r.status
PY
os image list -f value -c Name
expect_code 0
[[ $(grep -c '^bulk-' <<<"$OUT") == 1100 ]] || fail "list must page through all 1100 bulk images"
expect_out imported

os image delete demo imported
expect_code 0
os image show demo
[[ $CODE != 0 ]] || fail "deleted image still shown"
passed
