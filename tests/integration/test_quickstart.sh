# The reconcile loop end to end: create, no change, update, delete, on the embedded store.
source "$(dirname "$0")/lib.sh"
copy_quickstart
QS="$WORK/qs"

g validate "$QS"
expect_code 0
expect_out "The manifests are valid: 3 images in 1 set."

new_store  # the first apply would create it; plan never does
g plan --detailed-exitcode "$QS"
expect_code 2
[[ $(head -1 <<<"$OUT") == "target: local store $STORE" ]] || fail "first line must name the target"
expect_out "Plan: 3 to create, 0 to update, 0 to replace, 0 to rotate, 0 to delete."

g apply --auto-approve "$QS"
expect_code 0
expect_out "Apply complete: 3 succeeded, 0 failed, 0 skipped."
[[ $(store_json "sum(1 for i in images if i['status']=='active')") == 3 ]] || fail "3 active images"
[[ $(store_json "sorted(i['name'] for i in images)") == "['Rescue Disk 2.1', 'Scratch', 'Tiny Linux 1.0']" ]] ||
  fail "final names"
[[ $(store_json "[i for i in images if i['name']=='Rescue Disk 2.1'][0]['os_hidden']") == True ]] || fail "hidden"
[[ $(store_json "any('glancer.pending' in i for i in images)") == False ]] || fail "pending label left"

# The second apply changes nothing.
g plan --detailed-exitcode "$QS"
expect_code 0
expect_out "No changes."
g apply --auto-approve "$QS"
expect_code 0
expect_out "No changes."

# Edit: exactly two attribute changes of one image.
sed -i 's/min_ram: 64/min_ram: 128/; s/os_version: "1.0"/os_version: "1.0"\n      hw_qemu_guest_agent: "yes"/' "$QS/images.yaml"
g plan --detailed-exitcode --format json "$QS"
expect_code 2
python3 - "$OUT" <<'PY' || fail "plan JSON does not have exactly the expected changes"
import json, sys
text = sys.argv[1]
plan = json.loads(text[text.index("{"):])
changed = [c for c in plan["changes"] if c["action"] != "no-op"]
assert len(changed) == 1, changed
c = changed[0]
assert (c["key"], c["action"]) == ("tiny-linux", "update"), c
assert c["attributes"] == [
    {"path": "min_ram", "before": 64, "after": 128},
    {"path": "properties.hw_qemu_guest_agent", "before": None, "after": "yes"},
], c["attributes"]
assert plan["summary"]["update"] == 1 and plan["summary"]["changes"] == 1
PY
g apply --auto-approve "$QS"
expect_code 0
expect_out "quickstart/tiny-linux: updated"
g plan --detailed-exitcode "$QS"
expect_code 0

# Remove an image from the manifest: it is deleted.
python3 - "$QS/images.yaml" <<'PY'
import re, sys
p = sys.argv[1]
text = open(p).read()
open(p, "w").write(re.sub(r"\n  - key: scratch\n(    .*\n?)*", "\n", text))
PY
g plan --detailed-exitcode "$QS"
expect_code 2
expect_out '- image "Scratch"'
expect_out "Plan: 0 to create, 0 to update, 0 to replace, 0 to rotate, 1 to delete."
g apply --auto-approve "$QS"
expect_code 0
[[ $(store_json "sorted(i['name'] for i in images)") == "['Rescue Disk 2.1', 'Tiny Linux 1.0']" ]] || fail "scratch deleted"
g plan --detailed-exitcode "$QS"
expect_code 0
passed
