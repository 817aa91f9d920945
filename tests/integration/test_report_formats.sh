# Every output format of plan, show and drift on the embedded store, compared with golden files
# in tests/data/golden/ after normalizing ids, times and paths; JSON validated against schemas/,
# JUnit checked with xmllint. Rewrite the golden files with:
#   GLANCER_UPDATE_GOLDEN=1 ctest --test-dir build -R report_formats
source "$(dirname "$0")/lib.sh"
source "$(dirname "$0")/report_lib.sh"
report_manifests
M="$WORK/m"

# The first revision in place (a change of failing.yaml fails on purpose).
gs apply --auto-approve --parallelism 1 "$M/catalogue.yaml" "$M/failing.yaml"
expect_code 1

# plan: create, update, replace, delete and no-ops in each format.
gs plan --format json --out "$WORK/saved-plan.json" "$M/catalogue-v2.yaml"
expect_code 0
for format in human json markdown junit; do
  gs plan --format "$format" "$M/catalogue-v2.yaml"
  expect_code 0
  cp "$WORK/stdout" "$WORK/plan.$format.raw"
  golden "plan.$format"
done
gs plan --no-color --detailed-exitcode "$M/catalogue-v2.yaml"
expect_code 2
expect_out "Plan: 1 to create, 1 to update, 1 to replace, 0 to rotate, 1 to delete."
[[ "$OUT" != *$'\x1b['* ]] || fail "colour without a terminal"

# show renders a saved plan exactly as plan did (but for the human first line, which says
# "target: … (saved plan of TIME)"; ids chosen at plan time and times are normalized).
for format in human json markdown junit; do
  gs show --format "$format" "$WORK/saved-plan.json"
  expect_code 0
  diff -u <(grep -v '^target: ' "$WORK/plan.$format.raw" | normalize) <(grep -v '^target: ' "$WORK/stdout" | normalize) >&2 ||
    fail "show --format $format differs from plan --format $format"
  CHECKS=$((CHECKS + 1))
done

gs plan --format json "$M/catalogue-v2.yaml"
schema_ok plan.schema.json
gs plan --format junit "$M/catalogue-v2.yaml"
junit_ok 6 4 0
gs plan --format markdown "$M/catalogue-v2.yaml"
markdown_ok
expect_out "| 1 | 1 | 1 | 0 | 1 | 2 |"

# drift after out-of-band changes of every kind.
id_of() { store_json "[i['id'] for i in images if i.get('glancer.key')=='$1'][0]"; }
"$STORE_TOOL" "$STORE" delete "$(id_of alpha)"                                        # missing
"$STORE_TOOL" "$STORE" set-property "$(id_of bravo)" os_distro "changed <by> hand"     # modified
"$STORE_TOOL" "$STORE" set-property "$(id_of charlie)" glancer.digest "sha256:$(printf '%064d' 1)"  # content
"$STORE_TOOL" "$STORE" deactivate "$(id_of delta)"                                     # broken
"$STORE_TOOL" "$STORE" create "Hand-made & <odd>" "$M/images/echo.raw" >/dev/null      # unmanaged
left=$("$STORE_TOOL" "$STORE" create "Foxtrot" "$M/images/foxtrot.raw")                 # unfinished
for label in glancer.set=catalogue glancer.key=foxtrot glancer.pending=2026-01-01T00:00:00Z; do
  "$STORE_TOOL" "$STORE" set-property "$left" "${label%%=*}" "${label#*=}"
done
# and the image of set `failing` (not loaded below) is unmanaged too.

for format in human json markdown junit; do
  gs drift --format "$format" "$M/catalogue.yaml"
  expect_code 2
  golden "drift.$format"
done
gs drift --format json "$M/catalogue.yaml"
schema_ok drift.schema.json
python3 - "$WORK/stdout" <<'PY' || fail "drift JSON kinds"
import json, sys
d = json.load(open(sys.argv[1]))
kinds = sorted(x["kind"] for x in d["drift"])
assert kinds == ["broken", "content", "missing", "modified", "unfinished", "unmanaged", "unmanaged"], kinds
PY
gs drift --format junit "$M/catalogue.yaml"
junit_ok 8 7 0
gs drift --format markdown "$M/catalogue.yaml"
markdown_ok
expect_out "| 1 | 1 | 1 | 1 | 1 | 0 | 2 |"
for kind in missing modified content broken unfinished unmanaged; do expect_out "<code>$kind</code>"; done
gs drift --format human "$M/catalogue.yaml"
expect_out "Drift: 1 missing, 1 modified, 1 content, 1 broken, 1 unfinished, 0 ambiguous, 2 unmanaged, 0 outdated, 0 expired."

# NO_COLOR and --no-color are honoured; without a terminal there is no colour anyway.
NO_COLOR=1 gs drift "$M/catalogue.yaml"
[[ "$OUT" != *$'\x1b['* ]] || fail "colour with NO_COLOR"
passed
