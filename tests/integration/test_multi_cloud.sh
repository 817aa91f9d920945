# Several targets: `--cloud east --cloud west` plans and applies both clouds at once, reported
# per cloud, in every format; `{cloud}` keeps one saved plan per cloud; one cloud's failure
# does not stop the other and makes the exit code 1.
source "$(dirname "$0")/lib.sh"
# Two `glancer serve` instances stand in for two clouds (auth_type none in clouds.yaml).
start_serve -n east -s "$WORK/east"
URL_east=$URL
start_serve -n west -s "$WORK/west"
URL_west=$URL
mkdir -p "$WORK/config"
cat >"$WORK/config/clouds.yaml" <<YAML
clouds:
  east: {auth_type: none, auth: {endpoint: "$URL_east"}}
  west: {auth_type: none, auth: {endpoint: "$URL_west"}}
  down: {auth_type: none, auth: {endpoint: "http://127.0.0.1:1"}}
YAML
export OS_CLIENT_CONFIG_FILE="$WORK/config/clouds.yaml"
copy_quickstart

gx --cloud east --cloud west plan --detailed-exitcode "$WORK/qs"
expect_code 2
expect_out "[east] Plan: 3 to create"
expect_out "[west] Plan: 3 to create"
expect_out "[east] exit 2 (changes)"
expect_out "[west] exit 2 (changes)"

# One saved plan per cloud, then applied to both at once without manifests.
gx --cloud east --cloud west plan --out "$WORK/{cloud}.plan" "$WORK/qs"
expect_code 0
[[ -s $WORK/east.plan && -s $WORK/west.plan ]] || fail "saved plans missing"
grep -q "$URL_west" "$WORK/west.plan" || fail "west's plan is not for west"
CHECKS=$((CHECKS + 2))
gx --cloud east --cloud west apply "$WORK/{cloud}.plan"
expect_code 0
expect_out "[east] Apply complete: 3 succeeded"
expect_out "[west] Apply complete: 3 succeeded"
for cloud in east west; do
  n=$(GLANCER_STORE_TOOL= "$STORE_TOOL" "$WORK/$cloud" list | python3 -c "import json,sys; print(len(json.load(sys.stdin)))")
  [[ $n == 3 ]] || fail "$cloud has $n images"
  CHECKS=$((CHECKS + 1))
done

# JSON: one document with each cloud's own plan document.
gx --cloud east --cloud west plan --format json "$WORK/qs"
expect_code 0
python3 - "$OUT" <<'PY' || fail "multi-cloud json"
import json, sys
text = sys.argv[1]
doc = json.loads(text[text.index("{"):])  # stderr's "target:" lines come first
assert [c["cloud"] for c in doc["clouds"]] == ["east", "west"], doc
assert all(c["exit_code"] == 0 and c["output"]["changes"] is not None for c in doc["clouds"]), doc
PY
CHECKS=$((CHECKS + 1))

# A cloud that cannot be reached fails alone; the other is still planned; exit 1.
gx --cloud east --cloud down plan "$WORK/qs"
expect_code 1
expect_out "[east] exit 0 (ok)"
expect_out "[down] exit 1 (failed)"
expect_out "[down] glancer: error:"

# Commands that act on one target refuse several.
gx --cloud east --cloud west import web ID "$WORK/qs"
expect_code 1
expect_out "several --cloud options work with plan, apply, destroy and drift, not import"
passed
