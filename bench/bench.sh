#!/usr/bin/env bash
# `make bench`: glancer against its references (curl, openstackclient, a real Glance), each pair
# measured in the same run on this machine, interleaved, BENCH_RUNS times; writes the medians and
# ratios to OUT (default docs/performance.md) through bench/render.py.
#   bench/bench.sh BUILD_DIR [OUT]
# Environment: BENCH_RUNS (default 3), BENCH_QUICK=1 (tiny sizes, one run: checks the harness),
# BENCH_ONLY="plan scale paging upload updates serve cpu" (a subset of the sections), and the sizes:
# BENCH_SERVE_IMAGES (10000, in 10 sets), BENCH_GLANCE_IMAGES (2000; the first half is the set
# the update measure changes), BENCH_CREATE (100), BENCH_BIG_MIB (1024), BENCH_RSS_MIB ("256 2048").
# BENCH_FOREIGN_IMAGES (20000: the images of another set beside the 100 the scale measure plans),
# BENCH_GLANCE_FOREIGN_IMAGES (2000: unlabelled images beside 100 managed ones in the real Glance),
# BENCH_PAGING_IMAGES (100000: the store whose page 100 is timed against its page 1).
# BENCH_GLANCE_WORKERS (the number of cores): Glance's API processes, on PostgreSQL as in
# production (the test suite's single process on SQLite serialises every request).
# BENCH_KEEP=1 keeps the work directory (logs, results.jsonl); a run that fails keeps it anyway
# and leaves OUT untouched.
set -euo pipefail
BUILD=$(realpath "${1:-build}")
HERE=$(cd "$(dirname "$0")" && pwd)
OUT=$(realpath -m "${2:-$HERE/../docs/performance.md}")
GLANCER="$BUILD/glancer"
ONLY=${BENCH_ONLY:-plan scale paging cpu upload updates serve}
if [[ ${BENCH_QUICK:-0} == 1 ]]; then
  RUNS=1 N10K=100 N2K=40 N_CREATE=5 BIG=16 RSS_MIB="8 32" N_FOREIGN=200 N_FOREIGN_GLANCE=50 N_PAGING=3000
else
  RUNS=${BENCH_RUNS:-3} N10K=${BENCH_SERVE_IMAGES:-10000} N2K=${BENCH_GLANCE_IMAGES:-2000}
  N_CREATE=${BENCH_CREATE:-100} BIG=${BENCH_BIG_MIB:-1024} RSS_MIB=${BENCH_RSS_MIB:-256 2048}
  N_FOREIGN=${BENCH_FOREIGN_IMAGES:-20000} N_FOREIGN_GLANCE=${BENCH_GLANCE_FOREIGN_IMAGES:-2000}
  N_PAGING=${BENCH_PAGING_IMAGES:-100000}
fi
N_SET=$((N10K / 10)) N_UPD=$((N2K / 2))
WORK=$(mktemp -d "${TMPDIR:-/tmp}/glancer-bench.XXXXXX")
LOG=$WORK/bench.log
RESULTS=$WORK/results.jsonl
: >"$RESULTS"
source "$HERE/lib.sh"
source "$HERE/../tests/integration/openstack/stack.sh"
SERVE_PIDS=()
render() {
  [[ -s $RESULTS ]] || return 0
  {
    echo "date=$(date -u '+%Y-%m-%d %H:%M UTC')"
    echo "machine=$(nproc) cores, $(awk -F': ' '/model name/ { print $2; exit }' /proc/cpuinfo), $(free -g | awk '/Mem:/ { print $2 }') GiB"
    echo "load=$(cut -d' ' -f1-3 /proc/loadavg)"
    echo "runs=$RUNS"
    echo "stack=${STACK_SECONDS:-?}s"
    echo "glance=$(dpkg-query -W -f '${Version}' glance-api 2>/dev/null), $STACK_GLANCE_WORKERS API workers on PostgreSQL"
    echo "sizes=$N10K images on serve, $N2K on Glance, $N_UPD updates, $N_CREATE creates, $BIG MiB upload"
  } >"$WORK/meta.txt"
  # A run that stopped early keeps OUT as it was: its partial tables stay in WORK, kept.
  local to=$OUT
  [[ -n ${BENCH_COMPLETE:-} ]] || to=$WORK/performance.partial.md BENCH_KEEP=1
  /usr/bin/python3 "$HERE/render.py" "$RESULTS" "$WORK/meta.txt" "$HERE/notes.md" >"$to"
  echo "bench: wrote $to"
  # Each target with its reference, ratio and verdict, on the terminal too.
  sed -n '/^## Summary/,/^## Each/p' "$to" | grep '^|' || true
}
cleanup() {
  local pid
  render || true
  for pid in "${SERVE_PIDS[@]}"; do kill -TERM -- "-$pid" 2>/dev/null || true; done
  for pid in "${SERVE_PIDS[@]}"; do wait "$pid" 2>/dev/null || true; done
  stack_stop
  [[ -n ${BENCH_KEEP:-} ]] || rm -rf "$WORK"
}
trap cleanup EXIT
trap 'exit 143' TERM INT
has() { [[ " $ONLY " == *" $1 "* ]]; }

# start_serve NAME: `glancer serve` on the store $WORK/NAME; sets URL_<NAME>.
start_serve() {
  local port
  port=$(stack_free_ports 1)
  setsid "$GLANCER" --store "$WORK/$1" serve --listen "127.0.0.1:$port" >"$WORK/$1.log" 2>&1 </dev/null &
  SERVE_PIDS+=($!)
  stack_wait_http "http://127.0.0.1:$port/versions" 30 "$!"
  printf -v "URL_$1" '%s' "http://127.0.0.1:$port"
}

# ---- set-up: the stack, two `glancer serve`, the manifests, the populated catalogues ----------
echo "bench: work directory $WORK; $RUNS run(s) per measure"
export STACK_GLANCE_WORKERS=${BENCH_GLANCE_WORKERS:-$(nproc)}
# The paging and cpu sections need no Keystone or Glance: run alone, they start none.
if has plan || has scale || has upload || has updates || has serve; then
  stack_start "$WORK/stack" >/dev/null
  echo "bench: Keystone + Glance up in ${STACK_SECONDS}s"
  TOKEN=$(keystone_token)
else
  printf 'clouds: {}\n' >"$WORK/no-stack.yaml"
  export OS_CLIENT_CONFIG_FILE=$WORK/no-stack.yaml STACK_GLANCE_PORT=none
fi
start_serve s10k  # N10K images in 10 sets: the large catalogue
start_serve s2k   # N2K images in 2 sets: the same catalogue as the real Glance
GLANCE=http://127.0.0.1:$STACK_GLANCE_PORT
/usr/bin/python3 - "$OS_CLIENT_CONFIG_FILE" "$WORK/clouds.yaml" "$URL_s10k" "$URL_s2k" <<'PY'
import sys, yaml
clouds = yaml.safe_load(open(sys.argv[1]))
for name, url in (("s10k", sys.argv[3]), ("s2k", sys.argv[4])):
    clouds["clouds"][name] = {"auth_type": "none", "auth": {"endpoint": url}}
yaml.safe_dump(clouds, open(sys.argv[2], "w"))
PY
export OS_CLIENT_CONFIG_FILE=$WORK/clouds.yaml
TINY=$WORK/tiny.raw
printf 'glancer bench image\n' >"$TINY"
TINY_SUM=sha256:$(sha256sum "$TINY" | cut -d' ' -f1)
mkdir -p "$WORK/m10k" "$WORK/m2k" "$WORK/mcreate"
for ((i = 0; i < 10; i++)); do gen_set "$WORK/m10k/set$i.yaml" "bench-$i" "$N_SET"; done
gen_set "$WORK/m2k/a.yaml" bench-a "$N_UPD" 0
gen_set "$WORK/m2k/b.yaml" bench-b "$((N2K - N_UPD))" 0
gen_set "$WORK/mcreate/c.yaml" bench-create "$N_CREATE"
populate() {  # populate WHAT TARGET-ARGS…: glancer's own apply, 8 at a time
  local s fast=()
  # Setting up only: the embedded store's per-commit fsyncs are skipped while it is filled.
  [[ $2 == --store ]] && fast=(eatmydata)
  s=$(secs "${fast[@]}" "$GLANCER" "${@:2}" apply --auto-approve --parallelism 8 "$WORK/$1")
  echo "bench: populated $1 (${*:2}) in ${s}s"
}
# The serve catalogues are written through the embedded store directly (the directories serve
# answers from; under eatmydata, as no measure depends on how they were filled); the real
# Glance's through its API.
populate m10k --store "$WORK/s10k"
populate m2k --store "$WORK/s2k"

# ---- scale on the real Glance: the same plan of 100 images without, then with, foreign images --
# Measured before the catalogue of the other sections is filled, and cleaned up afterwards, so
# the plan section's raw paging sees only its own 2,000 images.
if has scale; then
  mkdir -p "$WORK/m100g"
  gen_set "$WORK/m100g/set.yaml" bench-managed-glance 100
  populate m100g --cloud demo
  g=() r=()
  for ((run = 1; run <= RUNS; run++)); do
    r+=("$(secs "$GLANCER" --cloud demo plan --detailed-exitcode "$WORK/m100g")")
  done
  # N_FOREIGN_GLANCE queued images of another project's kind (no labels), 8 POSTs at a time.
  t0=$(date +%s)
  seq "$N_FOREIGN_GLANCE" | xargs -P 8 -I{} curl -sf -o /dev/null -H "X-Auth-Token: $TOKEN" \
    -H 'Content-Type: application/json' \
    -d '{"name": "foreign {}", "disk_format": "raw", "container_format": "bare"}' "$GLANCE/v2/images"
  echo "bench: created $N_FOREIGN_GLANCE foreign images in the real Glance in $(($(date +%s) - t0))s"
  for ((run = 1; run <= RUNS; run++)); do
    g+=("$(secs "$GLANCER" --cloud demo plan --detailed-exitcode "$WORK/m100g")")
  done
  record scale-glance at_most 1.5 "plan of 100 managed images, real Glance also holding $N_FOREIGN_GLANCE foreign images" \
    "glancer --cloud demo plan M100G/   (the 100 + $N_FOREIGN_GLANCE unlabelled)" \
    "glancer --cloud demo plan M100G/   (the 100 only, measured before the others were made)" s "${g[*]}" "${r[*]}"
  n=$("$GLANCER" --debug --cloud demo plan "$WORK/m100g" 2>&1 | grep -cE 'http: [A-Z]+ .* -> [0-9]+ ' || true)
  record scale-glance-requests max 4 "HTTP requests of that plan, real Glance (\`--debug\` log)" \
    "glancer --debug --cloud demo plan M100G/ | count request lines" "" requests "$n" "" \
    "Keystone's token, its set's page and its hidden images' page; none for the foreign images"
  page_ids() {  # every image id of the listing, for the clean-up
    local path="/v2/images?visibility=all&limit=1000"
    while [[ -n $path ]]; do
      body=$(curl -sf -H "X-Auth-Token: $TOKEN" "$GLANCE$path")
      jq -r '.images[] | select(.name | startswith("foreign ")) | .id' <<<"$body"
      path=$(jq -r '.next // empty' <<<"$body")
    done
  }
  page_ids | xargs -P 8 -I{} curl -sf -X DELETE -H "X-Auth-Token: $TOKEN" "$GLANCE/v2/images/{}"
  "$GLANCER" --cloud demo destroy --auto-approve "$WORK/m100g" >>"$LOG" 2>&1
fi

# Only the plan, update and serve measures read the real Glance's catalogue (four minutes to fill).
if has plan || has updates || has serve; then populate m2k --cloud demo; fi

# ---- plan: glancer plan against raw paging with curl and against `openstack image list` -------
if has plan; then
  g=() r=() o=() g2=() r2=()
  for ((run = 1; run <= RUNS; run++)); do
    g+=("$(secs "$GLANCER" --cloud s10k plan --detailed-exitcode "$WORK/m10k")")
    r+=("$(secs page_all "$URL_s10k" '')")
    g2+=("$(secs "$GLANCER" --cloud demo plan --detailed-exitcode "$WORK/m2k")")
    r2+=("$(secs token_and_page_all "$GLANCE")")
    o+=("$(secs /usr/bin/python3 /usr/bin/openstack --os-cloud demo image list)")
  done
  record plan-serve at_most 1.5 "plan of $N10K managed images, \`glancer serve\`" \
    "glancer --cloud serve plan --detailed-exitcode M10K/   (no change found)" \
    "curl paging /v2/images?visibility=all&limit=1000 following next, then &os_hidden=true" s "${g[*]}" "${r[*]}"
  record plan-glance at_most 1.2 "plan of $N2K managed images, real Glance" \
    "glancer --cloud demo plan --detailed-exitcode M2K/   (no change found)" \
    "curl: POST /v3/auth/tokens, then the same paging as above" s "${g2[*]}" "${r2[*]}"
  record plan-glance-osc speedup 5 "plan of $N2K managed images against \`openstack image list\`, real Glance" \
    "glancer --cloud demo plan --detailed-exitcode M2K/" "openstack --os-cloud demo image list" s "${g2[*]}" "${o[*]}"
  # Requests per plan: every HTTP request glancer makes is one --debug line "http: METHOD URL -> STATUS".
  n=$("$GLANCER" --debug --cloud s10k plan --detailed-exitcode "$WORK/m10k" 2>&1 | grep -cE 'http: [A-Z]+ .* -> [0-9]+ ')
  record plan-requests max $((N10K / 1000 + 3 * 10)) "HTTP requests of one plan over $N10K images in 10 sets (\`--debug\` log)" \
    "glancer --debug --cloud serve plan M10K/ | count request lines" "" requests "$n" "" \
    "one listing per set, pages of 1000: O(pages + sets), never O(images); the bound is pages + 3 × sets (a set's empty page after a full one, its hidden images' page)"
fi

# ---- scale: a plan costs what it manages, not what the cloud holds -----------------------------
# The same 100-image plan against a store of those 100 only and against one that also holds
# N_FOREIGN images of another set: the plan lists its set, filtered by the server.
if has scale; then
  mkdir -p "$WORK/m100" "$WORK/mforeign"
  gen_set "$WORK/m100/set.yaml" bench-managed 100
  gen_set "$WORK/mforeign/set.yaml" bench-foreign "$N_FOREIGN"
  start_serve s100
  start_serve sforeign
  /usr/bin/python3 - "$OS_CLIENT_CONFIG_FILE" "$URL_s100" "$URL_sforeign" <<'PY'
import sys, yaml
clouds = yaml.safe_load(open(sys.argv[1]))
for name, url in (("s100", sys.argv[2]), ("sforeign", sys.argv[3])):
    clouds["clouds"][name] = {"auth_type": "none", "auth": {"endpoint": url}}
yaml.safe_dump(clouds, open(sys.argv[1], "w"))
PY
  populate m100 --store "$WORK/s100"
  populate m100 --store "$WORK/sforeign"
  populate mforeign --store "$WORK/sforeign"
  scale_plan() {  # scale_plan CLOUD: the plan's seconds and peak RSS (MiB), "S MIB"
    local f=$WORK/time.out t0 t1
    t0=$(date +%s%N)
    /usr/bin/time -v -o "$f" "$GLANCER" --cloud "$1" plan --detailed-exitcode "$WORK/m100" >>"$LOG" 2>&1 ||
      { echo "bench: failed: plan against $1" >&2; return 1; }
    t1=$(date +%s%N)
    echo "$(echo "scale=4; ($t1 - $t0) / 1000000000" | bc) $(awk -F': ' '/Maximum resident set size/ { printf "%.1f\n", $2 / 1024 }' "$f")"
  }
  g=() r=() d=()
  for ((run = 1; run <= RUNS; run++)); do
    read -r gs gm < <(scale_plan sforeign)
    read -r rs rm < <(scale_plan s100)
    g+=("$gs") r+=("$rs") d+=("$(echo "$gm - $rm" | bc)")
  done
  record scale-serve at_most 1.5 "plan of 100 managed images, \`glancer serve\` also holding $N_FOREIGN foreign images" \
    "glancer --cloud sforeign plan M100/   (the 100 + $N_FOREIGN of another set)" \
    "glancer --cloud s100 plan M100/   (the 100 only)" s "${g[*]}" "${r[*]}"
  record scale-rss max 8 "peak RSS of that plan over the same plan without the foreign images (MiB)" \
    "/usr/bin/time -v: RSS with the foreign images − RSS without" "" MiB "${d[*]}" ""
  n=$("$GLANCER" --debug --cloud sforeign plan "$WORK/m100" 2>&1 | grep -cE 'http: [A-Z]+ .* -> [0-9]+ ' || true)
  record scale-requests max 4 "HTTP requests of that plan (\`--debug\` log)" \
    "glancer --debug --cloud sforeign plan M100/ | count request lines" "" requests "$n" "" \
    "its set's page and its hidden images' page; none for the foreign images"  # drift's unmanaged scan is the one reader of the whole listing: it streams it page by page.
  # Against curl paging the same listing raw (visibility=all, then os_hidden=true).
  scale_drift() {  # scale_drift: drift --unmanaged-scope all's seconds and peak RSS, "S MIB"
    local f=$WORK/time.out t0 t1 code=0
    t0=$(date +%s%N)
    /usr/bin/time -v -o "$f" "$GLANCER" --cloud sforeign drift --unmanaged-scope all "$WORK/m100" \
      >"$WORK/drift.out" 2>>"$LOG" || code=$?
    t1=$(date +%s%N)
    # exit 2: drift found (the foreign images are unmanaged); anything else is a failure
    [[ $code == 2 ]] || { echo "bench: failed: drift against sforeign exited $code" >&2; return 1; }
    grep -q "$N_FOREIGN unmanaged" "$WORK/drift.out" ||
      { echo "bench: drift did not report the $N_FOREIGN foreign images" >&2; return 1; }
    echo "$(echo "scale=4; ($t1 - $t0) / 1000000000" | bc) $(awk -F': ' '/Maximum resident set size/ { printf "%.1f\n", $2 / 1024 }' "$f")"
  }
  g=() r=() m=()
  for ((run = 1; run <= RUNS; run++)); do
    read -r ds dm < <(scale_drift)
    g+=("$ds") m+=("$dm") r+=("$(secs page_all "$URL_sforeign" '')")
  done
  record scale-drift at_most 1.3 "drift --unmanaged-scope all over $((N_FOREIGN + 100)) images, \`glancer serve\`" \
    "glancer --cloud sforeign drift --unmanaged-scope all M100/   (reports the $N_FOREIGN foreign images)" \
    "curl paging /v2/images?visibility=all&limit=1000 following next, then &os_hidden=true" s "${g[*]}" "${r[*]}"
  record scale-drift-rss max 64 "peak RSS of that drift (MiB)" \
    "/usr/bin/time -v glancer --cloud sforeign drift --unmanaged-scope all M100/" "" MiB "${m[*]}" "" \
    "the listing is streamed page by page: memory holds one page and the findings"
fi

# ---- paging: serve holding N_PAGING images, page 100 against page 1 ----------------------------
# Marker paging must not cost more the deeper it goes: the time of one request for page 100
# (limit 1000, its marker found by paging there) against one for page 1, each repeated.
if has paging; then
  mkdir -p "$WORK/mpaging"
  for ((i = 0; i < N_PAGING / 10000; i++)); do gen_set "$WORK/mpaging/set$i.yaml" "bench-paging-$i" 10000; done
  (( N_PAGING % 10000 == 0 )) || gen_set "$WORK/mpaging/rest.yaml" bench-paging-rest $((N_PAGING % 10000))
  start_serve spaging
  populate mpaging --store "$WORK/spaging"
  last_page=$((N_PAGING / 1000))
  path="/v2/images?limit=1000" marker=''
  for ((p = 1; p < last_page; p++)); do
    path=$(curl -sf "$URL_spaging$path" | jq -r '.next')
  done
  deep=$path
  time_get() {  # time_get PATH: seconds of 5 GETs of PATH
    secs bash -c 'for i in 1 2 3 4 5; do curl -sf -o /dev/null "$0"; done' "$URL_spaging$1"
  }
  g=() r=()
  for ((run = 1; run <= RUNS; run++)); do
    r+=("$(time_get "/v2/images?limit=1000")")
    g+=("$(time_get "$deep")")
  done
  record paging at_most 1.5 "serve holding $N_PAGING images: page $last_page against page 1 (limit 1000)" \
    "curl \$SERVE$deep   (5 requests, marker of page $last_page)" "curl \$SERVE/v2/images?limit=1000   (5 requests)" \
    s "${g[*]}" "${r[*]}"
fi

# ---- cpu: validate + plan of the 10,000-image manifest set -----------------------------------
if has cpu; then
  v=() p=() ps=()
  for ((run = 1; run <= RUNS; run++)); do
    v+=("$(cpu "$GLANCER" validate "$WORK/m10k")")
    p+=("$(cpu "$GLANCER" --cloud s10k plan --detailed-exitcode "$WORK/m10k")")
    ps+=("$(cpu "$GLANCER" --store "$WORK/s10k" plan --detailed-exitcode "$WORK/m10k")")
  done
  record cpu-validate max 1 "validate $N10K images: CPU (user+sys)" "glancer validate M10K/" "" s "${v[*]}"
  record cpu-plan-http max 1 "plan $N10K images against \`glancer serve\`: glancer's CPU (user+sys)" \
    "glancer --cloud serve plan M10K/" "" s "${p[*]}"
  record cpu-plan-store max 1 "plan $N10K images on the embedded store: CPU (user+sys)" \
    "glancer --store S10K plan M10K/" "" s "${ps[*]}"
fi

# ---- upload: a BIG MiB file source, glancer against curl -T to the same server ---------------
# glancer's figure is its PUT …/file request as its --debug log times it (the bytes streamed,
# hashed and verified); curl's is `curl -T` of the same file into an image created beforehand.
# The same apply's wall time (list, create, upload, verify, publish) is shown for information.
put_ms() { grep -oE 'PUT [^ ]*/file -> 2[0-9]+ \([0-9]+ ms' "$1" | grep -oE '[0-9]+ ms' | cut -d' ' -f1; }
if has upload; then
  gen_big "$WORK/big" "$BIG"
  for target in s2k demo; do
    if [[ $target == demo ]]; then ep=$GLANCE tok=$TOKEN; else ep=$URL_s2k tok=''; fi
    g=() r=() e=()
    for ((run = 1; run <= RUNS; run++)); do
      s=$(secs "$GLANCER" --debug --cloud "$target" apply --auto-approve "$WORK/big")
      e+=("$(mib_per_s "$BIG" "$s")")
      g+=("$(mib_per_s "$BIG" "$(echo "scale=3; $(put_ms "$LOG" | tail -1) / 1000" | bc)")")
      "$GLANCER" --cloud "$target" destroy --auto-approve "$WORK/big" >>"$LOG" 2>&1
      id=$(curl_create "$ep" "$tok")
      r+=("$(mib_per_s "$BIG" "$(secs curl_put "$ep" "$tok" "$id" "$WORK/big/big.raw")")")
      curl_delete "$ep" "$tok" "$id"
    done
    name=$([[ $target == demo ]] && echo "real Glance" || echo "\`glancer serve\`")
    record "upload-$target" rate 0.9 "upload of $BIG MiB, $name (MiB/s)" \
      "glancer --cloud $target apply BIG/   (its PUT /file)" "curl -T big.raw \$EP/v2/images/\$ID/file" \
      MiB/s "${g[*]}" "${r[*]}"
    record "upload-$target-apply" rate 0 "whole apply of $BIG MiB (list, create, upload, verify, publish), $name (MiB/s)" \
      "glancer --cloud $target apply BIG/   (wall time)" "curl -T big.raw (as above)" MiB/s "${e[*]}" "${r[*]}" \
      "for information: the apply also plans, creates and publishes"
  done
  rm -rf "$WORK/big"
  for mib in $RSS_MIB; do
    gen_big "$WORK/rss$mib" "$mib"
    m=$(peak_rss_mib "$GLANCER" --cloud s2k apply --auto-approve "$WORK/rss$mib")
    "$GLANCER" --cloud s2k destroy --auto-approve "$WORK/rss$mib" >>"$LOG" 2>&1
    record "rss-$mib" max 32 "peak RSS of an apply uploading $mib MiB (MiB)" \
      "/usr/bin/time -v glancer --cloud serve apply RSS$mib/" "" MiB "$m"
    rm -rf "$WORK/rss$mib"
  done
fi

# ---- updates: N_UPD metadata updates, --parallelism 8 against 1 ------------------------------
if has updates; then
  round=0
  for target in s2k demo; do
    p1=() p8=() b1=() b8=()
    for ((run = 1; run <= RUNS; run++)); do
      for par in 8 1; do
        round=$((round + 1))
        gen_set "$WORK/m2k/a.yaml" bench-a "$N_UPD" "$round"
        s=$(secs_busy "$GLANCER" --cloud "$target" apply --auto-approve --parallelism "$par" "$WORK/m2k/a.yaml")
        if [[ $par == 8 ]]; then p8+=("$s") b8+=("$(cat "$WORK/busy")"); else p1+=("$s") b1+=("$(cat "$WORK/busy")"); fi
      done
    done
    name=$([[ $target == demo ]] && echo "real Glance" || echo "\`glancer serve\`")
    record "updates-$target" speedup 4 "$N_UPD metadata updates, $name" \
      "glancer --cloud $target apply --parallelism 8 A/" "glancer --cloud $target apply --parallelism 1 A/" \
      s "${p8[*]}" "${p1[*]}"
    # Parallelism can only fill idle cores: how busy the machine was says what was left to gain.
    record "updates-$target-busy" rate 0 "cores busy during the $N_UPD updates, $name (%)" \
      "… --parallelism 8" "… --parallelism 1" % "${b8[*]}" "${b1[*]}" \
      "for information: the share of all $(nproc) cores busy (glancer, the server, the rest)"
  done
fi

# ---- serve: `glancer serve` against the real Glance, same client ----------------------------
if has serve; then
  ls=() lg=() cs=() cg=()
  for ((run = 1; run <= RUNS; run++)); do
    ls+=("$(secs curl -sf -o /dev/null "$URL_s2k/v2/images?limit=1000")")
    lg+=("$(secs curl -sf -o /dev/null -H "X-Auth-Token: $TOKEN" "$GLANCE/v2/images?limit=1000")")
    for target in s2k demo; do
      s=$(secs "$GLANCER" --cloud "$target" apply --auto-approve "$WORK/mcreate")
      if [[ $target == demo ]]; then cg+=("$s"); else cs+=("$s"); fi
      "$GLANCER" --cloud "$target" destroy --auto-approve "$WORK/mcreate" >>"$LOG" 2>&1
    done
  done
  record serve-list speedup 10 "list $((N2K < 1000 ? N2K : 1000)) images: \`glancer serve\` against real Glance" \
    "curl \$SERVE/v2/images?limit=1000" "curl -H X-Auth-Token \$GLANCE/v2/images?limit=1000" s "${ls[*]}" "${lg[*]}"
  record serve-create speedup 10 "create $N_CREATE images (create, upload, verify, publish): \`glancer serve\` against real Glance" \
    "glancer --cloud serve apply C/" "glancer --cloud demo apply C/" s "${cs[*]}" "${cg[*]}"
fi

BENCH_COMPLETE=1
echo "bench: done"
