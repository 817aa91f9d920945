# Drift on the embedded store after out-of-band changes of each kind.
source "$(dirname "$0")/lib.sh"
copy_quickstart
QS="$WORK/qs"
g apply --auto-approve "$QS"
expect_code 0

g drift "$QS"
expect_code 0
expect_out "No drift: 3 managed images match the manifests."

id_of() { store_json "[i['id'] for i in images if i['name']=='$1'][0]"; }
"$STORE_TOOL" "$STORE" set-property "$(id_of 'Tiny Linux 1.0')" os_distro changed
"$STORE_TOOL" "$STORE" delete "$(id_of 'Scratch')"
manual=$("$STORE_TOOL" "$STORE" create "Hand-made" "$QS/images/scratch.raw")

g drift "$QS"
expect_code 2
expect_out "missing: quickstart/scratch \"Scratch\""
expect_out "modified: quickstart/tiny-linux"
expect_out "properties.os_distro: manifest \"tinylinux\", live \"changed\""
expect_out "unmanaged: \"Hand-made\" ($manual)"
expect_out "Drift: 1 missing, 1 modified, 0 content, 0 broken, 0 unfinished, 0 ambiguous, 1 unmanaged, 0 outdated, 0 expired."

g drift --format json --ignore-unmanaged "$QS"
expect_code 2
python3 - "$OUT" <<'PY' || fail "drift JSON"
import json, sys
t = sys.argv[1]; d = json.loads(t[t.index("{"):])
kinds = sorted((x["kind"], x["key"]) for x in d["drift"])
assert kinds == [("missing", "scratch"), ("modified", "tiny-linux")], kinds
m = [x for x in d["drift"] if x["kind"] == "modified"][0]
assert m["attributes"] == [{"path": "properties.os_distro", "desired": "tinylinux", "live": "changed"}], m
assert d["summary"]["total"] == 2
PY

# apply repairs what it owns; the unmanaged image is still only reported.
g apply --auto-approve "$QS"
expect_code 0
g drift --ignore-unmanaged "$QS"
expect_code 0

# A public image beside an unlabelled public image of the same name: customers booting by name
# get either. plan warns at the image's name; drift reports it, also with --ignore-unmanaged.
sed -i 's/visibility: private/visibility: public/' "$QS/images.yaml"
g apply --auto-approve "$QS"
expect_code 0
twin=$("$STORE_TOOL" "$STORE" create "Tiny Linux 1.0" "$QS/images/scratch.raw")
"$STORE_TOOL" "$STORE" set-property "$twin" visibility public
g plan --detailed-exitcode "$QS"
expect_code 0
expect_out "images.yaml:16:5: warning: image \`quickstart/tiny-linux\`: the unlabelled public image $twin is also named \"Tiny Linux 1.0\": customers booting by name get either"
g drift --ignore-unmanaged "$QS"
expect_code 2
expect_out "ambiguous: quickstart/tiny-linux \"Tiny Linux 1.0\" ($twin)"

# ${image.KEY.id} references are compared as plan resolves them: after a clean apply of the
# kernel-ramdisk example, plan has no changes and drift finds none (it used to report the
# unresolved "${image.linux-5.15-kernel.id}" against the live kernel_id, exit 2).
cp -r "$SRC/examples/kernel-ramdisk" "$WORK/kr"
g apply --auto-approve "$WORK/kr"
expect_code 0
g plan --detailed-exitcode "$WORK/kr"
expect_code 0
for format in human json markdown junit; do
  g drift --ignore-unmanaged --format "$format" "$WORK/kr"
  expect_code 0
  expect_no_out '${image.'
done
passed
