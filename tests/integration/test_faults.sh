# `glancer serve --faults`: under a 20% fault rate (500/503/429, resets, stalls, truncated
# bodies, before or after the request took effect) apply converges without duplicating an image
# or touching one it does not own; a listing that fails on any page stops the plan.
# GLANCER_FAULT_SEED picks another fault sequence; GLANCER_LONG_TESTS=1 runs 5 seeds.
source "$(dirname "$0")/lib.sh"
source "$(dirname "$0")/serve_common.sh"
source "$(dirname "$0")/fault_common.sh"

SEEDS=${GLANCER_FAULT_SEED:-7}
[[ ${GLANCER_LONG_TESTS:-0} == 1 ]] && SEEDS="7 11 23 42 99"
RATE=0.2

# Someone else's image and another set's images: they must come through unchanged.
"$STORE_TOOL" "$STORE" create "not managed" "$SRC/examples/quickstart/images/scratch.raw" >/dev/null
make_set "$WORK/other" other o1 o2
g apply --auto-approve "$WORK/other"
expect_code 0
BEFORE_OTHERS=$(store_json "json.dumps(sorted((i['id'], i['updated_at']) for i in images if i.get('glancer.set') != 'main'))")

KEYS1=(a b c d e rot1)
KEYS2=(a:2 b c d:2 f rot1:2)  # replace a and d, delete e, create f, rotate rot1
total_requests=0 total_faults=0 runs_needed=() 
for seed in $SEEDS; do
  for step in 1 2; do
    if [[ $step == 1 ]]; then keys=("${KEYS1[@]}"); else keys=("${KEYS2[@]}"); fi
    make_set "$WORK/main" main "${keys[@]}"
    start_serve --faults "rate=$RATE,seed=$((seed * 10 + step)),stall=400"
    use_serve_cloud
    runs=0
    CODE=1
    while [[ $CODE != 0 && $runs -lt 3 ]]; do
      runs=$((runs + 1))
      gc apply --auto-approve "$WORK/main"
    done
    stop_serve TERM
    expect_code 0
    runs_needed+=("$runs")
    summary=$(sed -n 's/^glancer serve: faults: //p' "$WORK/serve.err" | tail -1)
    [[ -n $summary ]] || { OUT=$(cat "$WORK/serve.err"); fail "no fault summary"; }
    total_requests=$((total_requests + ${summary%% requests*}))
    n=${summary#*requests, }
    total_faults=$((total_faults + ${n%% faults*}))
    echo "seed $seed step $step: $summary; apply runs: $runs"

    problems=$(store_json "json.dumps(images)" | check_set main "${keys[@]}")
    [[ -z $problems ]] || { OUT=$problems; fail "set main after faults (seed $seed, step $step)"; }
    CHECKS=$((CHECKS + 1))
    g plan --detailed-exitcode "$WORK/main" "$WORK/other"
    expect_code 0
    [[ $(store_json "json.dumps(sorted((i['id'], i['updated_at']) for i in images if i.get('glancer.set') != 'main'))") == "$BEFORE_OTHERS" ]] ||
      fail "an image glancer does not own in this set changed"
    CHECKS=$((CHECKS + 1))
  done
done
echo "FIGURES faults: rate $RATE, seeds [$SEEDS], $total_requests requests, $total_faults faults, apply runs per step: ${runs_needed[*]}"

# A list page that keeps failing: the plan stops and says which request failed and why.
start_serve --faults "rate=1,kinds=500,match=marker=,page=2"
use_serve_cloud
gc plan --detailed-exitcode "$WORK/main"
expect_code 1
expect_out "GET /v2/images: 500 Internal Server Error: Injected fault"
expect_no_out "to delete."
stop_serve TERM
# Paging itself is sound: two images a page, no faults, nothing to do.
start_serve --faults "rate=0,page=2"
use_serve_cloud
gc plan --detailed-exitcode "$WORK/main"
expect_code 0
stop_serve TERM
# A bad spec is refused with the reason.
g serve --listen 127.0.0.1:0 --faults "rate=2"
expect_code 1
expect_out "rate must be a number from 0 to 1"
passed
