# The action graph end to end: references created first and deleted last; a failed source skips
# its dependents while independent images are applied.
source "$(dirname "$0")/lib.sh"
cp -r "$SRC/examples/kernel-ramdisk" "$WORK/kr"
KR="$WORK/kr"

new_store
g graph --format dot "$KR"
expect_code 0
expect_out 'label="create kernel-ramdisk/linux-5.15-kernel"'
expect_out '[label="reference"]'
g graph --format mermaid "$KR"
expect_out "flowchart LR"

g apply --auto-approve --parallelism 3 "$KR"
expect_code 0
expect_out "Apply complete: 3 succeeded, 0 failed, 0 skipped."
# The AMI points at the kernel and ramdisk by id, and was published after them.
[[ $(store_json "(lambda by: by['Linux 5.15 (AMI)']['kernel_id'] == by['Linux 5.15 kernel']['id'] and by['Linux 5.15 (AMI)']['ramdisk_id'] == by['Linux 5.15 ramdisk']['id'])({i['name']: i for i in images})") == True ]] ||
  fail "references substituted with the referenced images' ids"
line() { grep -n -- "$1" <<<"$OUT" | head -1 | cut -d: -f1; }
(( $(line "kernel-ramdisk/linux-5.15-kernel: created") < $(line "kernel-ramdisk/linux-5.15: creating") )) ||
  fail "the kernel is created before the AMI starts"
g plan --detailed-exitcode "$KR"
expect_code 0

# A new kernel: it is replaced, the AMI re-pointed, and the old kernel deleted only after that.
printf 'new kernel' >"$KR/images/vmlinuz-5.15"
sed -i '/vmlinuz-5.15/{n;d}' "$KR/images.yaml"  # drop the kernel's now wrong checksum line
g plan --format json "$KR"
python3 - "$OUT" <<'PY' || fail "plan: replace the kernel, update the AMI's kernel_id"
import json, sys
t = sys.argv[1]; p = json.loads(t[t.index("{"):])
acts = {c["key"]: c for c in p["changes"]}
k, a = acts["linux-5.15-kernel"], acts["linux-5.15"]
assert k["action"] == "replace" and a["action"] == "update", (k["action"], a["action"])
assert a["attributes"] == [{"path": "properties.kernel_id", "before": k["image_id"], "after": k["new_image_id"]}], a
PY
g apply --auto-approve "$KR"
expect_code 0
(( $(line "kernel-ramdisk/linux-5.15: updated") < $(line "kernel-ramdisk/linux-5.15-kernel: deleting the old image") )) ||
  fail "the old kernel is deleted only after the AMI points at the new one"
g plan --detailed-exitcode "$KR"
expect_code 0

# Remove everything: the AMI is deleted before the images it references.
sed -i '/^images:/,$d' "$KR/images.yaml"
echo "images: []" >>"$KR/images.yaml"
g apply --auto-approve --allow-mass-delete "$KR"
expect_code 0
(( $(line "kernel-ramdisk/linux-5.15: deleted") < $(line "kernel-ramdisk/linux-5.15-kernel: deleting") )) ||
  fail "reverse order for deletes"

# A kernel whose data does not match its checksum fails; the AMI is skipped; an independent
# image is still created; nothing unverified is left behind.
cp -r "$SRC/examples/kernel-ramdisk" "$WORK/kr2"
sed -i 's/checksum: sha256:e75e/checksum: sha256:0000/' "$WORK/kr2/images.yaml"
cat >>"$WORK/kr2/images.yaml" <<'YAML'
  - key: standalone
    name: Standalone
    disk_format: raw
    container_format: bare
    source: {file: images/initrd-5.15}
YAML
g apply --auto-approve "$WORK/kr2"
expect_code 1
expect_out "kernel-ramdisk/linux-5.15-kernel: failed"
expect_out "does not match its checksum"
expect_out "kernel-ramdisk/linux-5.15: skipped: depends on kernel-ramdisk/linux-5.15-kernel, which failed"
expect_out "Apply complete: 2 succeeded, 1 failed, 1 skipped."
[[ $(store_json "sorted(i['name'] for i in images)") == "['Linux 5.15 ramdisk', 'Standalone']" ]] ||
  fail "only the verified, independent images exist: $(store_json "sorted(i['name'] for i in images)")"
passed
