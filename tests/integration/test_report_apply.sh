# apply in every output format on fresh embedded stores, one change failing on purpose (its
# dependent skipped): compared with golden files in tests/data/golden/, JSON lines validated
# against schemas/apply-event.schema.json, JUnit checked with xmllint. Then the live terminal
# view, through a pseudo-terminal (script). Rewrite the golden files with:
#   GLANCER_UPDATE_GOLDEN=1 ctest --test-dir build -R report_apply
source "$(dirname "$0")/lib.sh"
source "$(dirname "$0")/report_lib.sh"
report_manifests
M="$WORK/m"

for format in human json markdown junit; do
  STORE="$WORK/store-$format"
  gs apply --auto-approve --parallelism 1 --format "$format" "$M/catalogue.yaml" "$M/failing.yaml"
  expect_code 1
  golden "apply.$format"
  case "$format" in
    human) expect_out "Apply complete: 6 succeeded, 1 failed, 1 skipped." ;;
    json)
      schema_ok apply-event.schema.json --lines
      python3 - "$WORK/stdout" <<'PY' || fail "apply events"
import json, sys
events = [json.loads(line) for line in open(sys.argv[1])]
assert events[0]["event"] == "plan" and events[-1]["event"] == "summary", events
assert events[-1]["succeeded"] == 6 and events[-1]["failed"] == 1 and events[-1]["skipped"] == 1
ends = {(e["set"], e["key"]): e["event"] for e in events if e["event"] in ("done", "failed", "skipped")}
assert ends[("failing", "bad-checksum")] == "failed" and ends[("failing", "needs-bad")] == "skipped", ends
assert sum(1 for v in ends.values() if v == "done") == 6, ends
PY
      [[ "$ERR" == *"glancer will perform the following actions"* ]] || fail "the plan goes to stderr with --format json"
      ;;
    markdown) markdown_ok; expect_out "| 6 | 1 | 1 |" ;;
    junit) junit_ok 8 1 1 ;;
  esac
done

# A second apply has nothing to do: the machine formats still say so.
STORE="$WORK/store-json"
gs apply --auto-approve --format json "$M/catalogue.yaml"
expect_code 0
schema_ok apply-event.schema.json --lines
expect_out '"event":"summary"'

# On a terminal: the live view redraws in place and finished changes scroll above it.
if command -v script >/dev/null; then
  STORE="$WORK/store-tty"
  quoted=$(printf '%q ' "$GLANCER" --store "$STORE" apply --auto-approve "$M/catalogue.yaml")
  TERM=xterm COLUMNS=100 script -qec "$quoted" /dev/null >"$WORK/tty.out" </dev/null || true
  OUT=$(cat "$WORK/tty.out")
  expect_out "✓ catalogue/alpha: created"
  expect_out $'\x1b[J'          # the live region is erased before each redraw
  expect_out $'\x1b[32m'        # colour on a terminal
  expect_out "Apply complete: 5 succeeded, 0 failed, 0 skipped."
  quoted=$(printf '%q ' "$GLANCER" --store "$WORK/store-tty-nocolor" apply --auto-approve "$M/catalogue.yaml")
  NO_COLOR=1 TERM=xterm script -qec "$quoted" /dev/null >"$WORK/tty.out" </dev/null || true
  OUT=$(cat "$WORK/tty.out")
  expect_out "✓ catalogue/alpha: created"
  expect_no_out $'\x1b[32m'
  # plan on a terminal is coloured, but not with --no-color (before or after the command).
  plan=$(printf '%q ' "$GLANCER" --store "$WORK/store-tty" plan "$M/catalogue-v2.yaml")
  OUT=$(TERM=xterm script -qec "$plan" /dev/null </dev/null || true)
  expect_out $'\x1b[33m~\x1b[0m image'
  OUT=$(TERM=xterm script -qec "$plan --no-color" /dev/null </dev/null || true)
  expect_out "Plan: 1 to create, 1 to update, 1 to replace, 0 to rotate, 1 to delete."
  expect_no_out $'\x1b['
fi
passed
