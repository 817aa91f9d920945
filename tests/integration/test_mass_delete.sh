# A set spanning two files: applying one of them alone would delete the rest of the set. That
# needs --allow-mass-delete (exit 1, nothing applied, without it); a plan saved with consent
# applies; destroy is consent by itself.
source "$(dirname "$0")/lib.sh"
D="$WORK/set"
mkdir -p "$D"
for n in 1 2 3 4; do head -c 2048 /dev/urandom >"$D/img$n.raw"; done
image() { printf '  - {key: img%s, name: Image %s, disk_format: raw, source: {file: img%s.raw}}\n' "$1" "$1" "$1"; }
header='apiVersion: glancer/v1
kind: ImageSet
metadata: {name: catalogue}
images:'
{ echo "$header"; image 1; } >"$D/a.yaml"
{ echo "$header"; image 2; image 3; image 4; } >"$D/b.yaml"
count() { store_json "len(images)"; }

g apply --auto-approve "$D"
expect_code 0
[[ $(count) == 4 ]] || fail "the whole set is applied"

for cmd in plan "apply --auto-approve"; do
  g $cmd "$D/a.yaml"
  expect_code 1
  expect_out "the plan would delete 3 of the 4 images of set \`catalogue\`, loaded from $D/a.yaml; a set may span several files: plan with all of them, or pass --allow-mass-delete if these images should go"
  [[ $(count) == 4 ]] || fail "$cmd deleted nothing"
done

# A plan saved with consent carries it.
g plan --allow-mass-delete --out "$WORK/plan.json" "$D/a.yaml"
expect_code 0
expect_out "3 to delete."
g apply --auto-approve "$WORK/plan.json"
expect_code 0
[[ $(count) == 1 ]] || fail "the saved plan deleted the three images"

# Back to the whole set; then consent on the command line.
g apply --auto-approve "$D"
expect_code 0
g apply --auto-approve --allow-mass-delete "$D/a.yaml"
expect_code 0
[[ $(count) == 1 ]] || fail "--allow-mass-delete deleted the three images"

# destroy is explicit consent: every image of the set goes.
g apply --auto-approve "$D"
g destroy --auto-approve "$D/b.yaml"
expect_code 0
[[ $(count) == 0 ]] || fail "destroy deleted the set"
passed
