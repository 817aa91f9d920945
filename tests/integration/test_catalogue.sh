# `glancer catalogue` against `glancer serve`: a small scs-0102 set applied, one image rotated,
# then the catalogue as json (checked against its schema), markdown, and html opened in Debian's
# headless chromium, where the rows, the filter and the sort are checked in the rendered page:
# from the URL fragment (a shared link) and by typing and clicking (cdp_page.py).
source "$(dirname "$0")/lib.sh"
command -v chromium >/dev/null || fail "chromium is missing: scripts/install-deps browser"
new_store
start_serve
mkdir -p "$WORK/config" "$WORK/cat/images"
cat >"$WORK/config/clouds.yaml" <<YAML
clouds:
  local: {auth_type: none, auth: {endpoint: "$URL"}}
YAML
export OS_CLIENT_CONFIG_FILE="$WORK/config/clouds.yaml"

write_set() {  # write_set UBUNTU_24_VERSION
  printf 'jammy\n' >"$WORK/cat/images/jammy.img"
  printf 'bookworm\n' >"$WORK/cat/images/bookworm.img"
  printf 'noble build %s\n' "$1" >"$WORK/cat/images/noble.img"
  cat >"$WORK/cat/set.yaml" <<YAML
apiVersion: glancer/v1
kind: ImageSet
metadata: {name: cust, standards: [scs-0102]}
defaults:
  visibility: public
  disk_format: raw
  min_ram: 512
  properties: {hw_disk_bus: virtio, replace_frequency: monthly, provided_until: notice, architecture: x86_64}
  rotation: {keep: 2, retire: hide}
images:
  - key: ubuntu-22.04
    name: Ubuntu 22.04
    min_disk: 10
    properties: {os_distro: ubuntu, os_version: "22.04", architecture: aarch64, os_admin_user: ubuntu,
                 image_description: "Ubuntu 22.04 <LTS> & friends"}
    source: {file: images/jammy.img, version: "20260801"}
  - key: debian-12
    name: Debian 12
    min_disk: 2
    properties: {os_distro: debian, os_version: "12", image_original_user: debian,
                 image_description: "Debian 12 genericcloud"}
    source: {file: images/bookworm.img, version: "20260915"}
  - key: ubuntu-24.04
    name: Ubuntu 24.04
    min_disk: 8
    properties: {os_distro: ubuntu, os_version: "24.04", os_admin_user: ubuntu,
                 image_description: "Ubuntu 24.04 LTS"}
    source: {file: images/noble.img, version: "$1"}
YAML
}
write_set 20261001
gx --cloud local apply --auto-approve "$WORK/cat"
expect_code 0
write_set 20261101
gx --cloud local apply --auto-approve "$WORK/cat"
expect_code 0

# json: the schema, the current image and its hidden previous version.
"$GLANCER" --cloud local catalogue --format json "$WORK/cat" >"$WORK/cat.json" 2>"$WORK/err" ||
  fail "catalogue json: $(cat "$WORK/err")"
"$GLANCER_SCHEMA_CHECK" "$SRC/schemas/catalogue.schema.json" "$WORK/cat.json" ||
  fail "catalogue json does not match schemas/catalogue.schema.json"
CHECKS=$((CHECKS + 1))
python3 - "$WORK/cat.json" <<'PY' || fail "catalogue json content"
import json, sys
d = json.load(open(sys.argv[1]))
keys = [i["key"] for i in d["images"]]
assert keys == ["ubuntu-22.04", "debian-12", "ubuntu-24.04"], keys
u = d["images"][2]
assert u["name"] == "Ubuntu 24.04" and u["build_date"] == "2026-11-01 00:00", u
assert u["login_user"] == "ubuntu" and u["min_disk"] == 8 and u["min_ram"] == 512, u
assert [(p["name"], p["hidden"], p["build_date"]) for p in u["previous"]] == \
    [("Ubuntu 24.04 20261001", True, "2026-10-01 00:00")], u["previous"]
assert d["images"][0]["architecture"] == "aarch64" and d["images"][1]["login_user"] == "debian"
assert all(not i["previous"] for i in d["images"][:2])
PY
CHECKS=$((CHECKS + 1))

gx --cloud local catalogue --format markdown "$WORK/cat"
expect_code 0
expect_out "| **Ubuntu 24.04** | ubuntu | 24.04 | x86\_64 | ubuntu | 2026-11-01 00:00 | notice | 8 GiB | 512 MiB |"
expect_out "| Ubuntu 24.04 20261001 | "
expect_out "Ubuntu 22.04 &lt;LTS&gt; &amp; friends"

gx --cloud local catalogue --format html --out "$WORK/cat.html" "$WORK/cat"
expect_code 0
expect_out "Wrote the catalogue of 3 images to $WORK/cat.html."

# The page in headless chromium, driven over the DevTools protocol (cdp_page.py): loaded from
# shared links (the fragment sets the filter and the sort), then used like a customer: typing
# into the filter, clearing it, clicking a header twice. After each step the rows in document
# order ("key:shown|hidden") and the fragment, which follows the view.
python3 "$SRC/tests/integration/cdp_page.py" chromium "$WORK/chromium" "file://$WORK/cat.html" \
  open: open:q=ubuntu open:q=20261001 open:sort=build_date:desc open:sort=min_disk:asc \
  open:q=AARCH64\&sort=name:desc \
  open: type:ubuntu clear click:build_date click:build_date type:deb >"$WORK/cdp.out" 2>&1 ||
  fail "driving the page: $(cat "$WORK/cdp.out")"
OUT=$(cat "$WORK/cdp.out")
expect_out "open: -> ubuntu-22.04:shown debian-12:shown ubuntu-24.04:shown "
expect_out "open:q=ubuntu -> ubuntu-22.04:shown debian-12:hidden ubuntu-24.04:shown #q=ubuntu"
# A previous version's name matches its current image.
expect_out "open:q=20261001 -> ubuntu-22.04:hidden debian-12:hidden ubuntu-24.04:shown #q=20261001"
expect_out "open:sort=build_date:desc -> ubuntu-24.04:shown debian-12:shown ubuntu-22.04:shown #sort"
# Numbers sort as numbers: 2, 8, 10.
expect_out "open:sort=min_disk:asc -> debian-12:shown ubuntu-24.04:shown ubuntu-22.04:shown #sort"
expect_out "open:q=AARCH64&sort=name:desc -> ubuntu-24.04:hidden ubuntu-22.04:shown debian-12:hidden #q"
expect_out "type:ubuntu -> ubuntu-22.04:shown debian-12:hidden ubuntu-24.04:shown #q=ubuntu"
expect_out "clear -> ubuntu-22.04:shown debian-12:shown ubuntu-24.04:shown "
expect_out "click:build_date -> ubuntu-22.04:shown debian-12:shown ubuntu-24.04:shown #sort=build_date:asc"
expect_out "click:build_date -> ubuntu-24.04:shown debian-12:shown ubuntu-22.04:shown #sort=build_date:desc"
expect_out "type:deb -> ubuntu-24.04:hidden debian-12:shown ubuntu-22.04:hidden #q=deb&sort=build_date:desc"

# A read never creates a store; a bad format is refused.
gx --store "$WORK/none" catalogue "$WORK/cat"
expect_code 1
[[ ! -e $WORK/none ]] || fail "catalogue created a store"
gx --cloud local catalogue --format pdf "$WORK/cat"
expect_code 1
gx --cloud local --cloud other catalogue "$WORK/cat"
expect_code 1
expect_out "several --cloud options work with plan, apply, destroy and drift, not catalogue"
passed
