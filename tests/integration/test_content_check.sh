# Image content checks: plan and validate refuse data whose format does not match its declared
# disk_format and qcow2/vmdk/vhd data that reads other files (CVE-2024-32498), with the image,
# the finding and the manifest position; apply checks the uploaded bytes again. Real images
# made by qemu-img.
source "$(dirname "$0")/lib.sh"
command -v qemu-img >/dev/null || { echo "qemu-img missing: run scripts/install-deps" >&2; exit 1; }
D="$WORK/m"
mkdir -p "$D/img"
cd "$D/img"
qemu-img create -q -f qcow2 base.qcow2 1M
qemu-img create -q -f qcow2 -b base.qcow2 -F qcow2 overlay.qcow2 1M
qemu-img create -q -f qcow2 -o data_file=ext.raw ext.qcow2 1M
qemu-img create -q -f vmdk -o subformat=monolithicFlat flat.vmdk 1M
qemu-img create -q -f vmdk -o subformat=streamOptimized stream.vmdk 1M
qemu-img create -q -f vpc -o subformat=fixed fixed.vhd 1M
qemu-img create -q -f vhdx disk.vhdx 1M
qemu-img create -q -f vdi disk.vdi 1M
head -c 65536 /dev/urandom >plain.raw
cd "$D"

# manifest FILE FORMAT [EXTRA-SOURCE-LINE]: one image `x` in set `content`.
manifest() {
  cat >"$D/images.yaml" <<YAML
apiVersion: glancer/v1
kind: ImageSet
metadata:
  name: content
images:
  - key: x
    name: X
    disk_format: $2
    source:
      file: img/$1
${3:+      $3}
YAML
}

new_store
# A qcow2 with a backing file, declared raw (the dangerous case) and declared qcow2.
manifest overlay.qcow2 raw
g plan "$D"
expect_code 1
expect_out "images.yaml:10:7: error: image \`x\`: source file $D/img/overlay.qcow2: the data is qcow2, but disk_format is raw"
expect_out "images.yaml:10:7: error: image \`x\`: source file $D/img/overlay.qcow2: the qcow2 image reads a backing file \`base.qcow2\`"
expect_out "the image files have 2 errors"
manifest overlay.qcow2 qcow2
g plan "$D"
expect_code 1
expect_out "image \`x\`: source file $D/img/overlay.qcow2: the qcow2 image reads a backing file \`base.qcow2\` from the host that opens it (allow it with \`allow_backing_file: true\` in \`source\`)"
expect_no_out "disk_format is"
g validate "$D"
expect_code 1
expect_out "reads a backing file \`base.qcow2\`"
g validate --format json "$D"
expect_code 1
expect_out '"line": 10'
g apply --auto-approve "$D"
expect_code 1
[[ $(store_json "len(images)") == 0 ]] || fail "a refused image reached the store"
# Explicitly allowed: accepted as qcow2, still refused as raw.
manifest overlay.qcow2 qcow2 "allow_backing_file: true"
g plan "$D"
expect_code 0
expect_out "Plan: 1 to create"
manifest overlay.qcow2 raw "allow_backing_file: true"
g plan "$D"
expect_code 1
expect_out "the data is qcow2, but disk_format is raw"
expect_no_out "backing file"

# An external data file, vmdk extent files: refused; every clean format of its own kind: planned.
manifest ext.qcow2 qcow2
g plan "$D"
expect_code 1
expect_out "the qcow2 image reads an external data file"
manifest flat.vmdk vmdk
g plan "$D"
expect_code 1
expect_out "the vmdk image reads extent files named by its descriptor (createType \`monolithicFlat\`)"
for pair in base.qcow2:qcow2 stream.vmdk:vmdk fixed.vhd:vhd disk.vhdx:vhdx disk.vdi:vdi plain.raw:raw; do
  manifest "${pair%%:*}" "${pair##*:}"
  g plan "$D"
  expect_code 0
  manifest "${pair%%:*}" "$([[ ${pair##*:} == raw ]] && echo qcow2 || echo raw)"
  g plan "$D"
  expect_code 1
  expect_out "but disk_format is"
done

# Upload time: the plan saw a raw file; by apply the file became a qcow2 with a backing file whose
# digest the manifest declared. The bytes sent are refused before the checksum is even compared.
sum=$(sha256sum img/overlay.qcow2 | cut -d' ' -f1)
cp img/plain.raw img/swap.img
manifest swap.img raw "checksum: sha256:$sum"
g plan --out "$WORK/swap.plan" "$D"
expect_code 0
cp img/overlay.qcow2 img/swap.img
g apply "$WORK/swap.plan" </dev/null
expect_code 1
expect_out "image \`x\`: source file $D/img/swap.img: the data is qcow2, but disk_format is raw"
[[ $(store_json "len(images)") == 0 ]] || fail "a refused upload left an image"
passed
