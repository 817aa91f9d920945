# URL sources against a real Glance: a streamed upload from a mirror, Glance's own web-download
# import verified by streaming the image back (SHA256SUMS digest; Glance hashes sha512), and a
# tampered web-download that is deleted, never published.
source "$(dirname "$0")/lib.sh"
source "$(dirname "$0")/openstack/lib_openstack.sh"
source "$(dirname "$0")/mirror.sh"
MIRROR="$WORK/mirror"
mkdir -p "$MIRROR"
start_mirror "$MIRROR"
start_stack

python3 -c "import sys; sys.stdout.write('focal\n' * 300000)" >"$MIRROR/focal.img"
python3 -c "import sys; sys.stdout.write('cirros\n' * 300000)" >"$MIRROR/cirros.img"
(cd "$MIRROR" && sha256sum focal.img cirros.img >SHA256SUMS)
cat >"$WORK/set.yaml" <<YAML
apiVersion: glancer/v1
kind: ImageSet
metadata: {name: upstream}
images:
  - key: focal
    name: Focal
    disk_format: raw
    source: {url: "$BASE/focal.img", checksum_url: "$BASE/SHA256SUMS"}
  - key: cirros
    name: Cirros
    disk_format: raw
    source: {url: "$BASE/cirros.img", checksum_url: "$BASE/SHA256SUMS", method: web-download}
YAML
gc demo apply --auto-approve "$WORK/set.yaml"
expect_code 0
expect_out "Apply complete: 2 succeeded"
for key in focal cirros; do
  name=$([[ $key == focal ]] && echo Focal || echo Cirros)
  id=$(image_id demo "$name")
  [[ $(image_field demo "$id" status) == active ]] || fail "$name is not active"
  [[ $(image_field demo "$id" glancer.digest) == "sha256:$(sha256sum "$MIRROR/$key.img" | cut -d' ' -f1)" ]] ||
    fail "$name digest label"
  [[ $(image_field demo "$id" size) == $(stat -c %s "$MIRROR/$key.img") ]] || fail "$name size"
  CHECKS=$((CHECKS + 3))
done
# Glance fetched cirros itself: the mirror saw Glance's GET, and glancer's plan-time requests only.
grep -q "GET /cirros.img" "$WORK/mirror.log" || fail "Glance never fetched cirros"
CHECKS=$((CHECKS + 1))
gc demo plan --detailed-exitcode "$WORK/set.yaml"
expect_code 0

# A mirror that announces one file and serves another: the imported image is deleted.
python3 -c "import sys; sys.stdout.write('cirros 2\n' * 300000)" >"$MIRROR/cirros.img"
(cd "$MIRROR" && sha256sum focal.img >SHA256SUMS && echo "$(printf 'f%.0s' {1..64})  cirros.img" >>SHA256SUMS)
OLD=$(image_id demo Cirros)
gc demo apply --auto-approve "$WORK/set.yaml"
expect_code 1
expect_out "$BASE/cirros.img does not match its checksum: expected sha256:$(printf 'f%.0s' {1..64}), got sha256:$(sha256sum "$MIRROR/cirros.img" | cut -d' ' -f1)"
copies=$({ os demo image list -f value -c ID --property glancer.key=cirros
           os demo image list --hidden -f value -c ID --property glancer.key=cirros; } | sort -u | wc -l)
[[ $copies == 1 ]] || fail "the tampered import was left behind ($copies images)"
[[ $(image_id demo Cirros) == "$OLD" ]] || fail "the previous cirros is no longer current"
CHECKS=$((CHECKS + 2))
passed
