# kill -9 an apply (and sometimes `glancer serve`) at random points — while it creates, uploads,
# verifies, publishes, rotates or deletes — then apply again: it converges, exactly one current
# image per key, nothing of the set left pending/queued/saving, other images untouched.
# Default: 6 kill points; GLANCER_LONG_TESTS=1: 50. GLANCER_CRASH_SEED picks the kill times.
source "$(dirname "$0")/lib.sh"
source "$(dirname "$0")/serve_common.sh"
source "$(dirname "$0")/fault_common.sh"

POINTS=6
[[ ${GLANCER_LONG_TESTS:-0} == 1 ]] && POINTS=50
SEED=${GLANCER_CRASH_SEED:-1}
# Every request waits 25 ms so an apply lasts long enough to be killed anywhere in it.
SLOW="rate=1,kinds=stall,when=before,stall=25"

"$STORE_TOOL" "$STORE" create "not managed" "$SRC/examples/quickstart/images/scratch.raw" >/dev/null
make_set "$WORK/other" other o1 o2
g apply --auto-approve "$WORK/other"
expect_code 0
start_serve --faults "$SLOW"
use_serve_cloud
FP_UNMANAGED=$(served_images | fingerprint "")
FP_OTHER=$(served_images | fingerprint other)

# keys_for I: the set at iteration I; each one replaces a, rotates rot1, creates one of c/e and
# deletes the other, so every phase comes up.
keys_for() {
  if (($1 % 2)); then echo "a:$1 b c rot1:$1"; else echo "a:$1 b e rot1:$1"; fi
}

make_set "$WORK/main" main $(keys_for 0)
t0=$(date +%s%N)
gc apply --auto-approve "$WORK/main"
expect_code 0
DUR_MS=$((($(date +%s%N) - t0) / 1000000))
echo "a full apply takes $DUR_MS ms"

# phase_of LOG: what the apply was doing when it died, from its last debug line.
phase_of() {
  local last
  last=$(grep -E '^debug: http: (GET|POST|PUT|PATCH|DELETE) ' "$1" | tail -1)
  case "$last" in
    "") echo start ;;
    *"GET "*"/v2/images?"*) echo plan ;;
    *"POST "*"/v2/images body"*) echo create ;;
    *"POST "*"/v2/images -> "*) echo upload ;;
    *"PUT "*"/file"*) echo verify ;;
    *"PATCH "*"glancer.previous"*) echo rotate ;;
    *"PATCH "*) echo publish ;;
    *"DELETE "*) echo delete ;;
    *"GET "*) echo verify ;;
    *) echo other ;;
  esac
}

declare -A PHASES=()
converged=0 serve_kills=0
for i in $(seq 1 "$POINTS"); do
  keys=$(keys_for "$i")
  make_set "$WORK/main" main $keys
  delay=$("$PY" -c "import random; r=random.Random($SEED*1000+$i); print('%.3f' % r.uniform(0.01, $DUR_MS*1.1/1000))")
  GLANCER_LOG=debug "$GLANCER" --cloud serve apply --auto-approve "$WORK/main" >"$WORK/apply.out" 2>"$WORK/apply.err" &
  apply_pid=$!
  sleep "$delay"
  victim=apply
  if ((i % 3 == 0)); then victim=serve; fi  # every third point the server dies instead
  if [[ $victim == serve ]]; then
    stop_serve KILL
    serve_kills=$((serve_kills + 1))
  fi
  kill -9 "$apply_pid" 2>/dev/null || true
  wait "$apply_pid" 2>/dev/null || true
  phase=$(phase_of "$WORK/apply.err")
  PHASES[$phase]=$((${PHASES[$phase]:-0} + 1))
  if [[ $victim == serve ]]; then
    start_serve --faults "$SLOW"  # the store reopens after a SIGKILL
    use_serve_cloud
  fi
  gc apply --auto-approve "$WORK/main"
  expect_code 0
  images=$(served_images)
  problems=$(check_set main $keys <<<"$images")
  [[ -z $problems ]] || { OUT="$problems"; fail "point $i (kill $victim after ${delay}s, $phase)"; }
  [[ $(fingerprint "" <<<"$images") == "$FP_UNMANAGED" && $(fingerprint other <<<"$images") == "$FP_OTHER" ]] ||
    fail "point $i: an image outside the set changed"
  gc plan --detailed-exitcode "$WORK/main"
  expect_code 0
  converged=$((converged + 1))
  echo "point $i: killed $victim after ${delay}s during $phase: converged"
done
phases=$(for p in "${!PHASES[@]}"; do echo -n "$p ${PHASES[$p]}, "; done)
echo "FIGURES crash: $POINTS kill points ($serve_kills of glancer serve), $converged converged; phases: ${phases%, }"
stop_serve TERM
passed
