# Helpers of the benchmarks (sourced by bench/bench.sh): timing, manifests, raw clients, results.
# Every timed command's output goes to $LOG; a failing command fails the benchmark (a benchmark
# that measures an error is worse than none), a slow one never does.

# secs CMD…: runs CMD, prints its wall-clock time in seconds.
secs() {
  local t0 t1
  t0=$(date +%s%N)
  if ! "$@" >>"$LOG" 2>&1; then
    echo "bench: failed: $* (see $LOG)" >&2
    tail -20 "$LOG" >&2
    return 1
  fi
  t1=$(date +%s%N)
  echo "scale=4; ($t1 - $t0) / 1000000000" | bc
}

# cpu_jiffies: busy and total jiffies of all cores since boot (/proc/stat; idle and iowait are idle).
cpu_jiffies() {
  awk '/^cpu / { t = 0; for (i = 2; i <= NF; i++) t += $i; print t - $5 - $6, t; exit }' /proc/stat
}

# secs_busy CMD…: as secs, and writes to $WORK/busy the share (%) of the machine's cores that
# were busy while CMD ran: the server's work, glancer's and anything else's.
secs_busy() {
  local b0 t0 b1 t1 s
  read -r b0 t0 < <(cpu_jiffies)
  s=$(secs "$@") || return 1
  read -r b1 t1 < <(cpu_jiffies)
  echo "scale=1; 100 * ($b1 - $b0) / ($t1 - $t0)" | bc >"$WORK/busy"
  echo "$s"
}

# cpu CMD…: runs CMD, prints its user+system CPU time in seconds (/usr/bin/time).
cpu() {
  local f=$WORK/time.out
  /usr/bin/time -o "$f" -f '%U %S' "$@" >>"$LOG" 2>&1 || { echo "bench: failed: $*" >&2; return 1; }
  awk '{ printf "%.3f\n", $1 + $2 }' "$f"
}

# peak_rss_mib CMD…: runs CMD, prints its maximum resident set size in MiB (/usr/bin/time -v).
peak_rss_mib() {
  local f=$WORK/time.out
  /usr/bin/time -v -o "$f" "$@" >>"$LOG" 2>&1 || { echo "bench: failed: $*" >&2; return 1; }
  awk -F': ' '/Maximum resident set size/ { printf "%.1f\n", $2 / 1024 }' "$f"
}

# mib_per_s MIB SECONDS
mib_per_s() { echo "scale=2; $1 / $2" | bc; }

# gen_set FILE SET N [ROUND]: an ImageSet of N images, all made from the tiny source next to FILE
# (its checksum given, as a catalogue generated from upstream SHA256SUMS would). ROUND goes into a
# property of every image, so a new ROUND is N metadata updates.
gen_set() {
  local file=$1 set=$2 n=$3 round=${4:-0}
  {
    printf 'apiVersion: glancer/v1\nkind: ImageSet\nmetadata: {name: %s}\n' "$set"
    printf 'defaults:\n  disk_format: raw\n  container_format: bare\n  visibility: private\n'
    printf '  properties: {os_distro: cirros, hw_disk_bus: virtio, bench_round: "%s"}\n' "$round"
    printf 'images:\n'
    awk -v set="$set" -v n="$n" -v sum="$TINY_SUM" 'BEGIN {
      for (i = 1; i <= n; i++)
        printf "  - {key: k%05d, name: %s %05d, tags: [bench], source: {file: tiny.raw, checksum: \"%s\"}}\n", i, set, i, sum
    }'
  } >"$file"
  cp "$TINY" "$(dirname "$file")/tiny.raw" 2>/dev/null || true
  touch -r "$TINY" "$(dirname "$file")/tiny.raw"
}

# gen_big DIR MIB: a one-image set made from a MIB MiB file of random data, checksum given.
gen_big() {
  local dir=$1 mib=$2
  mkdir -p "$dir"
  head -c $((mib * 1024 * 1024)) /dev/urandom >"$dir/big.raw"
  local sum
  sum=$(sha256sum "$dir/big.raw" | cut -d' ' -f1)
  cat >"$dir/set.yaml" <<YAML
apiVersion: glancer/v1
kind: ImageSet
metadata: {name: bench-big-$mib}
images:
  - {key: big, name: bench big $mib, disk_format: raw, container_format: bare,
     source: {file: big.raw, checksum: "sha256:$sum"}}
YAML
}

# keystone_token: a project-scoped token of the stack's demo user (curl, as the raw reference).
keystone_token() {
  curl -sf -D - -o /dev/null -H 'Content-Type: application/json' \
    -d "{\"auth\": {\"identity\": {\"methods\": [\"password\"], \"password\": {\"user\": {\"name\": \"demo\",
        \"domain\": {\"id\": \"default\"}, \"password\": \"$STACK_DEMO_PASSWORD\"}}},
        \"scope\": {\"project\": {\"name\": \"demo\", \"domain\": {\"id\": \"default\"}}}}}" \
    "http://127.0.0.1:$STACK_KEYSTONE_PORT/v3/auth/tokens" | awk -F': ' 'tolower($1) == "x-subject-token" { sub(/\r$/, "", $2); print $2 }'
}

# page_all ENDPOINT TOKEN: what glancer's listing does, with curl: every page of
# /v2/images?visibility=all&limit=1000 following `next`, then the same for hidden images.
# Prints the number of requests.
page_all() {
  local ep=$1 token=$2 q path n=0
  for q in '' '&os_hidden=true'; do
    path="/v2/images?visibility=all&limit=1000$q"
    while [[ -n $path ]]; do
      path=$(curl -sf -H "X-Auth-Token: $token" "$ep$path" | grep -o '"next": *"[^"]*"' | cut -d'"' -f4)
      n=$((n + 1))
    done
  done
  echo "$n"
}

# token_and_page_all ENDPOINT: a token from Keystone, then page_all (glancer's plan authenticates too).
token_and_page_all() { page_all "$1" "$(keystone_token)"; }

# The raw reference of an upload, with curl: curl_create ENDPOINT TOKEN (prints the new id),
# curl_put ENDPOINT TOKEN ID FILE (`curl -T`), curl_delete ENDPOINT TOKEN ID.
curl_create() {
  curl -sf -H "X-Auth-Token: $2" -H 'Content-Type: application/json' \
    -d '{"name": "curl upload", "disk_format": "raw", "container_format": "bare"}' "$1/v2/images" |
    grep -o '"id": *"[^"]*"' | head -1 | cut -d'"' -f4
}
curl_put() {
  curl -sf -H "X-Auth-Token: $2" -H 'Content-Type: application/octet-stream' -T "$4" "$1/v2/images/$3/file"
}
curl_delete() { curl -sf -X DELETE -H "X-Auth-Token: $2" "$1/v2/images/$3"; }

# record ID KIND THRESHOLD TITLE GLANCER-CMD REF-CMD UNIT "G1 G2…" "R1 R2…" [NOTE]
# KIND: at_most (glancer/ref ≤ T, times), speedup (ref/glancer ≥ T, times), rate (glancer/ref ≥ T,
# rates), max (glancer ≤ T, no reference). Rendered by bench/render.py.
record() {
  local g r
  g=$(printf '%s\n' $8 | jq -sc .)
  r=$(printf '%s\n' ${9:-} | jq -sc .)
  jq -nc --arg id "$1" --arg kind "$2" --argjson threshold "$3" --arg title "$4" --arg gcmd "$5" \
    --arg rcmd "$6" --arg unit "$7" --argjson g "$g" --argjson r "$r" --arg note "${10:-}" \
    '{id: $id, kind: $kind, threshold: $threshold, title: $title, glancer_cmd: $gcmd, ref_cmd: $rcmd,
      unit: $unit, glancer: $g, ref: $r, note: $note}' >>"$RESULTS"
  echo "bench: $1: glancer [$8] reference [${9:-}]"
}
