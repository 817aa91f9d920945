# Shared helpers for integration tests: sourced by test_*.sh, which get build/glancer as $1.
set -euo pipefail
GLANCER=$(realpath "$1")
SRC=${GLANCER_SOURCE_DIR:?}
STORE_TOOL=${GLANCER_STORE_TOOL:?}
WORK=$(mktemp -d "${TMPDIR:-/tmp}/glancer-it.XXXXXX")
STORE="$WORK/store"
CHECKS=0

# --- cleanup: one stack, one EXIT trap ------------------------------------------------------
# defer CMD [ARGS…]: runs CMD ARGS… when the test exits, however it exits. The words are taken
# now (like Go's defer); the commands run last-deferred first, each to the end even when one
# fails, and the test keeps its exit status. This is the only EXIT trap: a test never sets one.
DEFERRED=()
defer() { DEFERRED+=("$(printf '%q ' "$@")"); }
run_deferred() {
  local code=$? i
  set +e
  for ((i = ${#DEFERRED[@]} - 1; i >= 0; i--)); do eval "${DEFERRED[i]}"; done
  exit "$code"
}
trap run_deferred EXIT
defer rm -rf "$WORK"

# stop_process PID [SIGNAL]: signals PID (TERM by default; a process group if PID is negative)
# and waits for it when it is the test's child. Quiet when it is already gone.
stop_process() {
  kill -s "${2:-TERM}" -- "$1" 2>/dev/null || true
  wait "${1#-}" 2>/dev/null || true
}

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

# new_store [DIR]: creates an empty embedded store in DIR (default $STORE), as a first
# `glancer apply` would: plan, drift and graph never create one.
new_store() { "$STORE_TOOL" "${1:-$STORE}" list >/dev/null; }

# copy_quickstart: a private copy of examples/quickstart in $WORK/qs.
copy_quickstart() { cp -r "$SRC/examples/quickstart" "$WORK/qs"; }

passed() { echo "PASS: $(basename "$0") ($CHECKS checks)"; }

# --- glancer serve --------------------------------------------------------------------------
SERVE_START_SECONDS=${SERVE_START_SECONDS:-30}
SERVE_PID=
declare -A SERVE_RUNNING=()  # pid → name, of the servers start_serve started and nothing stopped

# start_serve [-n NAME] [-s STORE] [SERVE-ARGS…]: starts `glancer --store STORE serve SERVE-ARGS…`
# (STORE defaults to $STORE) on 127.0.0.1:0 unless SERVE-ARGS has --listen, so the OS picks the
# port. Its stdout goes to $WORK/NAME.out (rewritten), its stderr is appended to $WORK/NAME.err
# (NAME defaults to serve). Waits until it answers, then sets URL (a wildcard address as
# loopback) and SERVE_PID; it is killed at exit unless stop_serve stopped it. Fails the test with
# the server's output if it exits, or does not answer within SERVE_START_SECONDS (30).
start_serve() {
  local name=serve store=$STORE arg listen=(--listen 127.0.0.1:0) faults=no
  while [[ ${1:-} == -n || ${1:-} == -s ]]; do
    if [[ $1 == -n ]]; then name=$2; else store=$2; fi
    shift 2
  done
  for arg in "$@"; do
    [[ $arg == --listen* ]] && listen=()
    [[ $arg == --faults* ]] && faults=yes
  done
  local out="$WORK/$name.out" err="$WORK/$name.err"
  : >"$out"
  "$GLANCER" --store "$store" serve "${listen[@]}" "$@" >"$out" 2>>"$err" &
  local pid=$!
  SERVE_RUNNING[$pid]=$name
  defer serve_kill "$pid" KILL
  local deadline=$((SECONDS + SERVE_START_SECONDS)) url='' status=0
  while :; do
    if ! kill -0 "$pid" 2>/dev/null; then
      unset "SERVE_RUNNING[$pid]"
      wait "$pid" || status=$?
      serve_start_failed "$name" "exited (status $status) before it answered"
    fi
    if [[ -z $url ]]; then
      url=$(sed -n '1s/^glancer serve: listening on \(http:[^ ]*\) .*/\1/p' "$out")
      case $url in
        http://0.0.0.0:*) url=http://127.0.0.1:${url#http://0.0.0.0:} ;;
        'http://[::]:'*) url="http://[::1]:${url#'http://[::]:'}" ;;
      esac
    fi
    # Any HTTP answer will do. With --faults a request would take a place in the seeded fault
    # sequence, so there an accepted connection is the answer.
    if [[ -n $url && $faults == no ]] && curl -s -o /dev/null --max-time 2 "$url/versions"; then
      break
    fi
    if [[ -n $url && $faults == yes ]] && serve_accepts "$url"; then break; fi
    ((SECONDS < deadline)) || serve_start_failed "$name" "did not answer within ${SERVE_START_SECONDS}s"
    sleep 0.05
  done
  URL=$url
  SERVE_PID=$pid
}

# serve_accepts URL: a TCP connection to URL's host and port is accepted (and closed at once).
serve_accepts() {
  local hostport=${1#http://} host port
  port=${hostport##*:}
  host=${hostport%:*}
  host=${host#\[}
  host=${host%]}
  (exec 3<>"/dev/tcp/$host/$port") 2>/dev/null
}

# serve_start_failed NAME WHY: fails the test, with what the server NAME printed.
serve_start_failed() {
  {
    echo "FAIL: glancer serve ($1) $2"
    echo "--- its stdout ($WORK/$1.out) ---"
    cat "$WORK/$1.out"
    echo "--- its stderr ($WORK/$1.err) ---"
    cat "$WORK/$1.err"
  } >&2
  exit 1
}

# stop_serve [SIGNAL]: stops the server start_serve started last (TERM by default) and waits.
stop_serve() {
  [[ -n $SERVE_PID ]] || return 0
  serve_kill "$SERVE_PID" "${1:-TERM}"
  SERVE_PID=
}

# serve_kill PID SIGNAL: signals a server of start_serve's and waits for it, unless it is
# already stopped (so a deferred kill never reaches a recycled pid).
serve_kill() {
  [[ -n ${SERVE_RUNNING[$1]:-} ]] || return 0
  unset "SERVE_RUNNING[$1]"
  kill "-$2" "$1" 2>/dev/null || true
  wait "$1" 2>/dev/null || true
}
