# Shared helpers for integration tests: sourced by test_*.sh, which get build/glancer as $1.
set -euo pipefail
GLANCER=$(realpath "$1")
SRC=${GLANCER_SOURCE_DIR:?}
STORE_TOOL=${GLANCER_STORE_TOOL:?}
WORK=$(mktemp -d "${TMPDIR:-/tmp}/glancer-it.XXXXXX")
STORE="$WORK/store"
trap 'rm -rf "$WORK"' EXIT
CHECKS=0

# g ARGS…: runs glancer on the test's store, output in $OUT, exit code in $CODE (never fails).
g() {
  set +e
  OUT=$("$GLANCER" --store "$STORE" "$@" 2>&1)
  CODE=$?
  set -e
}

# gx ARGS…: runs glancer without --store (the target comes from --cloud / clouds.yaml), output in
# $OUT, exit code in $CODE (never fails).
gx() {
  set +e
  OUT=$("$GLANCER" "$@" 2>&1)
  CODE=$?
  set -e
}

fail() {
  echo "FAIL: $*" >&2
  echo "--- last output (exit $CODE) ---" >&2
  echo "$OUT" >&2
  exit 1
}

expect_code() { [[ "$CODE" == "$1" ]] || fail "expected exit $1, got $CODE"; CHECKS=$((CHECKS + 1)); }
expect_out() { grep -qF -- "$1" <<<"$OUT" || fail "output lacks: $1"; CHECKS=$((CHECKS + 1)); }
expect_no_out() { ! grep -qF -- "$1" <<<"$OUT" || fail "output has: $1"; CHECKS=$((CHECKS + 1)); }

# store_json PYTHON-EXPR: evaluates EXPR with `images` = the store's image list; prints the result.
store_json() {
  "$STORE_TOOL" "$STORE" list | python3 -c "import json,sys; images=json.load(sys.stdin); print($1)"
}

# copy_quickstart: a private copy of examples/quickstart in $WORK/qs.
copy_quickstart() { cp -r "$SRC/examples/quickstart" "$WORK/qs"; }

passed() { echo "PASS: $(basename "$0") ($CHECKS checks)"; }
