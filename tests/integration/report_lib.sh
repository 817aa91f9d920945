# Helpers for the report-format tests: deterministic image files, normalized output, golden files.
# Sourced after lib.sh. GLANCER_UPDATE_GOLDEN=1 rewrites the golden files instead of comparing.
SCHEMA_CHECK=${GLANCER_SCHEMA_CHECK:?}
GOLDEN="$SRC/tests/data/golden"

# report_manifests: tests/data/report/*.yaml in $WORK/m with images/ of fixed content.
report_manifests() {
  mkdir -p "$WORK/m/images"
  cp "$SRC"/tests/data/report/*.yaml "$WORK/m/"
  python3 - "$WORK/m/images" <<'PY'
import os, sys
for seed, name in enumerate(["alpha", "bravo", "charlie", "charlie-2", "delta", "echo", "foxtrot", "bad", "fine"]):
    size = 3000 + 512 * seed
    with open(os.path.join(sys.argv[1], name + ".raw"), "wb") as f:
        f.write(bytes((i * 7 + seed * 31) % 256 for i in range(size)))
PY
}

# gs ARGS…: runs glancer on $STORE with stdout in $OUT and stderr in $ERR, exit code in $CODE.
gs() {
  set +e
  "$GLANCER" --store "$STORE" "$@" >"$WORK/stdout" 2>"$WORK/stderr"
  CODE=$?
  set -e
  OUT=$(cat "$WORK/stdout")
  ERR=$(cat "$WORK/stderr")
}

# normalize < RAW > TEXT: replaces what differs between runs (ids, times, durations, rates, the
# temporary directory) with fixed tokens.
normalize() {
  sed -E \
    -e "s#$WORK#<work>#g" \
    -e 's/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/<id>/g' \
    -e 's/[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}(\.[0-9]+)?Z/<time>/g' \
    -e 's/"seconds": ?[0-9.e+-]+/"seconds":<t>/g' \
    -e 's/ time="[0-9.]+"/ time="<t>"/g' \
    -e 's/\b[0-9]+\.[0-9]+s\b/<t>s/g' \
    -e 's#[0-9.]+ [KMG]?i?B/s#<rate>#g'
}

# golden NAME: compares the normalized $WORK/stdout with tests/data/golden/NAME.
golden() {
  normalize <"$WORK/stdout" >"$WORK/$1"
  if [[ "${GLANCER_UPDATE_GOLDEN:-}" == 1 ]]; then
    mkdir -p "$GOLDEN"
    cp "$WORK/$1" "$GOLDEN/$1"
  elif ! diff -u "$GOLDEN/$1" "$WORK/$1" >&2; then
    fail "output differs from golden file tests/data/golden/$1 (GLANCER_UPDATE_GOLDEN=1 rewrites it)"
  fi
  CHECKS=$((CHECKS + 1))
}

# schema_ok SCHEMA [--lines]: validates $WORK/stdout against schemas/SCHEMA.
schema_ok() {
  "$SCHEMA_CHECK" "$SRC/schemas/$1" "$WORK/stdout" ${2:-} || fail "output does not match schemas/$1"
  CHECKS=$((CHECKS + 1))
}

# junit_ok TESTS FAILURES SKIPPED: $WORK/stdout is well-formed JUnit XML with these counts.
junit_ok() {
  xmllint --noout "$WORK/stdout" || fail "JUnit output is not well-formed XML"
  local tests failures skipped
  tests=$(xmllint --xpath 'count(//testcase)' "$WORK/stdout")
  failures=$(xmllint --xpath 'count(//testcase/failure)' "$WORK/stdout")
  skipped=$(xmllint --xpath 'count(//testcase/skipped)' "$WORK/stdout")
  [[ "$tests $failures $skipped" == "$1 $2 $3" ]] ||
    fail "JUnit has $tests testcases, $failures failures, $skipped skipped; expected $1 $2 $3"
  [[ $(xmllint --xpath 'string(/testsuites/testsuite/@tests)' "$WORK/stdout") == "$1" ]] ||
    fail "testsuite tests= disagrees with its testcases"
  CHECKS=$((CHECKS + 1))
}

# markdown_ok: $WORK/stdout is a report under 60,000 characters with balanced <details>.
markdown_ok() {
  local size opened closed
  size=$(wc -m <"$WORK/stdout")
  opened=$(grep -c '<details>' "$WORK/stdout" || true)
  closed=$(grep -c '</details>' "$WORK/stdout" || true)
  ((size <= 60000)) || fail "Markdown report has $size characters"
  [[ "$opened" == "$closed" ]] || fail "Markdown report has $opened <details> but $closed </details>"
  CHECKS=$((CHECKS + 1))
}
