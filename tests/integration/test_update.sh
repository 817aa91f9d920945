# glancer update against a local mirror: an Apache-style autoindex of two dated Ubuntu release
# folders, a CentOS-style CHECKSUM of several builds and a python http.server listing of Debian
# builds. --dry-run writes nothing; update rewrites exactly the pins (whole files compared to a
# golden); an unreachable index is a located error while the other images are updated; a second
# update changes nothing; plan afterwards shows the rotation.
source "$(dirname "$0")/lib.sh"
source "$SRC/tests/integration/mirror.sh"
M="$WORK/mirror"
mkdir -p "$M/ubuntu/release-20240101" "$M/ubuntu/release-20240201" "$M/centos" \
  "$M/debian/20240101-1000" "$M/debian/20240201-1234" "$WORK/set"
start_mirror "$M"
export GLANCER_MIRROR_ATTEMPTS=1  # the dead index fails at once

img() { python3 -c "import sys; sys.stdout.write((sys.argv[1] + '\n') * 2000)" "$2" >"$1"; }
for r in 20240101 20240201; do
  img "$M/ubuntu/release-$r/focal.img" "focal $r"
  (cd "$M/ubuntu/release-$r" && sha256sum --binary focal.img >SHA256SUMS)
done
cat >"$M/ubuntu/index.html" <<'HTML'
<!DOCTYPE HTML PUBLIC "-//W3C//DTD HTML 3.2 Final//EN">
<html>
 <head>
  <title>Index of /ubuntu</title>
 </head>
 <body>
<h1>Index of /ubuntu</h1>
  <table>
   <tr><th valign="top"><img src="/icons/blank.gif" alt="[ICO]"></th><th><a href="?C=N;O=D">Name</a></th><th><a href="?C=M;O=A">Last modified</a></th><th><a href="?C=S;O=A">Size</a></th></tr>
   <tr><td valign="top"><img src="/icons/back.gif" alt="[PARENTDIR]"></td><td><a href="/">Parent Directory</a></td><td>&nbsp;</td><td align="right">  - </td></tr>
   <tr><td valign="top"><img src="/icons/folder.gif" alt="[DIR]"></td><td><a href="release-20240101/">release-20240101/</a></td><td align="right">2024-01-02 08:12  </td><td align="right">  - </td></tr>
   <tr><td valign="top"><img src="/icons/folder.gif" alt="[DIR]"></td><td><a href="release-20240201/">release-20240201/</a></td><td align="right">2024-02-02 08:12  </td><td align="right">  - </td></tr>
  </table>
</body></html>
HTML
for b in 9-20240108.0 9-20240115.1 9-20240201.0; do
  img "$M/centos/CentOS-Stream-GenericCloud-$b.x86_64.qcow2" "centos $b"
done
cp "$M/centos/CentOS-Stream-GenericCloud-9-20240201.0.x86_64.qcow2" \
  "$M/centos/CentOS-Stream-GenericCloud-9-latest.x86_64.qcow2"
(cd "$M/centos" && for f in *.qcow2; do
  echo "# $f: $(stat -c %s "$f") bytes"
  echo "SHA256 ($f) = $(sha256sum "$f" | cut -d' ' -f1)"
done >CHECKSUM)
for b in 20240101-1000 20240201-1234; do
  img "$M/debian/$b/debian-12.qcow2" "debian $b"
  (cd "$M/debian/$b" && sha512sum debian-12.qcow2 >SHA512SUMS)
done
DEAD=$(python3 -c "import socket; s = socket.socket(); s.bind(('127.0.0.1', 0)); print(s.getsockname()[1])")

sha() { sha256sum "$1" | cut -d' ' -f1; }
# fill FILE PIN-RELEASE: tests/data/update/FILE with this run's mirror, dead port and the
# digests of the Ubuntu, CentOS and Debian release of index PIN-RELEASE (0 old, 1 new).
fill() {
  local u=(20240101 20240201) c=(9-20240115.1 9-20240201.0) d=(20240101-1000 20240201-1234)
  sed -e "s#@BASE@#$BASE#g" -e "s#@DEAD@#$DEAD#g" \
    -e "s#@FOCAL@#$(sha "$M/ubuntu/release-${u[$2]}/focal.img")#" \
    -e "s#@CENTOS@#$(sha "$M/centos/CentOS-Stream-GenericCloud-${c[$2]}.x86_64.qcow2")#" \
    -e "s#@DEBIAN@#$(sha512sum "$M/debian/${d[$2]}/debian-12.qcow2" | cut -d' ' -f1)#" \
    "$SRC/tests/data/update/$1"
}
fill catalogue.yaml 0 >"$WORK/set/catalogue.yaml"
fill dead.yaml 0 >"$WORK/set/dead.yaml"
cp "$WORK/set/catalogue.yaml" "$WORK/before.yaml"
CAT="$WORK/set/catalogue.yaml"

g apply --auto-approve "$WORK/set"  # plan and apply read the pins, never the (dead) index
expect_code 0

# drift: the tracked images whose index offers a newer release are `upstream` (the dead index
# is a warning).
g drift --ignore-unmanaged "$WORK/set"
expect_code 2
expect_out "upstream: public/ubuntu-20.04 \"Ubuntu 20.04\""
expect_out "upstream offers release 20240201 (pinned 20240101): run glancer update"
expect_out "dead.yaml:15:15: warning: GET http://127.0.0.1:$DEAD/cirros/"
expect_out "3 upstream."
set +e
"$GLANCER" --store "$STORE" drift --ignore-unmanaged --format json "$WORK/set" >"$WORK/stdout" 2>/dev/null
CODE=$?
set -e
expect_code 2
"$GLANCER_SCHEMA_CHECK" "$SRC/schemas/drift.schema.json" "$WORK/stdout" ||
  fail "drift --format json does not match schemas/drift.schema.json"

# --dry-run: the diffs and the exit code of a change, and not one byte written.
g update --dry-run "$CAT"
expect_code 2
expect_out "+++ $CAT"
expect_out "-      url: $BASE/ubuntu/release-20240101/focal.img   # pinned by glancer update"
expect_out "+      url: $BASE/ubuntu/release-20240201/focal.img   # pinned by glancer update"
expect_out "public/ubuntu-20.04: 20240101 -> 20240201"
expect_out "3 pins would change in 1 file (3 tracked images)."
cmp -s "$CAT" "$WORK/before.yaml" || fail "--dry-run wrote the manifest"
CHECKS=$((CHECKS + 1))
set +e
"$GLANCER" update --dry-run --format json "$WORK/set" >"$WORK/stdout" 2>/dev/null
CODE=$?
set -e
expect_code 1  # the dead index
"${GLANCER_SCHEMA_CHECK:?}" "$SRC/schemas/update.schema.json" "$WORK/stdout" ||
  fail "update --format json does not match schemas/update.schema.json"
cmp -s "$CAT" "$WORK/before.yaml" || fail "--dry-run wrote the manifest"
CHECKS=$((CHECKS + 2))

# update: exactly the pins change; the dead index is located and the others are updated.
g update "$WORK/set"
expect_code 1
expect_out "$WORK/set/dead.yaml:15:15: error: GET http://127.0.0.1:$DEAD/cirros/: Failed to connect"
expect_out "public/centos-stream-9: 9-20240115.1 -> 9-20240201.0"
expect_out "bookworm/debian-12: (no version) -> 20240201-1234"
expect_out "3 pins changed in 1 file (4 tracked images)."
diff -u <(fill catalogue.golden.yaml 1) "$CAT" >&2 || fail "the manifest differs from the golden"
diff -u <(fill dead.yaml 0) "$WORK/set/dead.yaml" >&2 || fail "the failed image's file changed"
CHECKS=$((CHECKS + 2))

# A second update finds nothing newer and changes nothing.
cp "$CAT" "$WORK/after.yaml"
g update "$CAT"
expect_code 0
expect_out "No newer release of the 3 tracked images."
cmp -s "$CAT" "$WORK/after.yaml" || fail "a second update changed the manifest"
CHECKS=$((CHECKS + 1))

# plan shows the rotation of the three updated images; apply converges.
g plan --detailed-exitcode "$WORK/set"
expect_code 2
expect_out "0 to create, 0 to update, 0 to replace, 3 to rotate, 0 to delete."
g apply --auto-approve "$WORK/set"
expect_code 0
g plan --detailed-exitcode "$WORK/set"
expect_code 0

# drift: a floating source (checksum_url, no track) whose upstream moved on is `upstream`, not
# `content` (which reads like tampering).
mkdir -p "$WORK/float"
cat >"$WORK/float/f.yaml" <<YAML
apiVersion: glancer/v1
kind: ImageSet
metadata: {name: float}
images:
  - key: centos-latest
    name: CentOS Stream 9 (latest)
    disk_format: raw
    source: {url: "$BASE/centos/CentOS-Stream-GenericCloud-9-latest.x86_64.qcow2", checksum_url: "$BASE/centos/CHECKSUM"}
YAML
g apply --auto-approve "$WORK/float"
expect_code 0
img "$M/centos/CentOS-Stream-GenericCloud-9-latest.x86_64.qcow2" "centos 9-20240301.0"
(cd "$M/centos" && for f in *.qcow2; do echo "SHA256 ($f) = $(sha "$f")"; done >CHECKSUM)
g drift --ignore-unmanaged "$WORK/float"
expect_code 2
expect_out "upstream: float/centos-latest"
expect_out "upstream now publishes sha256:$(sha "$M/centos/CentOS-Stream-GenericCloud-9-latest.x86_64.qcow2") at $BASE/centos/CHECKSUM"
expect_no_out "content:"
passed
