#!/usr/bin/env bash
# Benchmark: glancer against `glancer serve` and against a real Keystone + Glance (Debian
# packages), on this machine, in the same run. Reports each measure and the ratio serve/Glance.
#   bench/serve_vs_glance.sh BUILD_DIR [IMAGES] [BIG_MIB]
# Each target gets the same work through the same client (glancer's HttpImageService):
#   create: apply of IMAGES small images (create, upload 64 KiB, verify, publish each)
#   list:   a plan that lists them all and finds no change
#   upload: apply of one BIG_MIB image (streamed, hashed, verified)
set -euo pipefail
BUILD=$(realpath "${1:-build}")
N=${2:-100}
BIG=${3:-512}
GLANCER="$BUILD/glancer"
HERE=$(cd "$(dirname "$0")" && pwd)
WORK=$(mktemp -d "${TMPDIR:-/tmp}/glancer-bench.XXXXXX")
source "$HERE/../tests/integration/openstack/stack.sh"
SERVE_PID=''
cleanup() {
  [[ -n $SERVE_PID ]] && kill -TERM -- "-$SERVE_PID" 2>/dev/null || true
  stack_stop
  rm -rf "$WORK"
}
trap cleanup EXIT

stack_start "$WORK/stack" >/dev/null
echo "stack up in ${STACK_SECONDS}s"
port=$(stack_free_ports 1)
setsid "$GLANCER" --store "$WORK/serve-store" serve --listen "127.0.0.1:$port" >"$WORK/serve.log" 2>&1 </dev/null &
SERVE_PID=$!
stack_wait_http "http://127.0.0.1:$port/versions" 30 "$SERVE_PID"
# One clouds.yaml with both targets: the stack's `demo`, and `serve` without Keystone.
/usr/bin/python3 - "$OS_CLIENT_CONFIG_FILE" "$WORK/clouds.yaml" "$port" <<'PY'
import sys, yaml
clouds = yaml.safe_load(open(sys.argv[1]))
clouds["clouds"]["serve"] = {"auth_type": "none", "auth": {"endpoint": "http://127.0.0.1:%s" % sys.argv[3]}}
yaml.safe_dump(clouds, open(sys.argv[2], "w"))
PY
export OS_CLIENT_CONFIG_FILE="$WORK/clouds.yaml"

# The manifests: N small images, and one big one.
mkdir -p "$WORK/small/images" "$WORK/big/images"
{
  echo "apiVersion: glancer/v1"; echo "kind: ImageSet"; echo "metadata: {name: bench-small}"; echo "images:"
  for i in $(seq 1 "$N"); do
    head -c 65536 /dev/urandom >"$WORK/small/images/img$i.raw"
    echo "  - {key: img$i, name: bench $i, disk_format: raw, container_format: bare, source: {file: images/img$i.raw}}"
  done
} >"$WORK/small/set.yaml"
head -c $((BIG * 1024 * 1024)) /dev/urandom >"$WORK/big/images/big.raw"
cat >"$WORK/big/set.yaml" <<'YAML'
apiVersion: glancer/v1
kind: ImageSet
metadata: {name: bench-big}
images:
  - {key: big, name: bench big, disk_format: raw, container_format: bare, source: {file: images/big.raw}}
YAML

seconds() { local t0 t1; t0=$(date +%s.%N); "$@" >>"$WORK/run.log" 2>&1; t1=$(date +%s.%N); echo "$t1 - $t0" | bc -l; }
declare -A R
for cloud in serve demo; do
  R[$cloud.create]=$(seconds "$GLANCER" --cloud "$cloud" apply --auto-approve "$WORK/small")
  R[$cloud.list]=$(seconds "$GLANCER" --cloud "$cloud" plan --detailed-exitcode "$WORK/small")
  R[$cloud.upload]=$(seconds "$GLANCER" --cloud "$cloud" apply --auto-approve "$WORK/big")
  "$GLANCER" --cloud "$cloud" destroy --auto-approve "$WORK/small" >>"$WORK/run.log" 2>&1
  "$GLANCER" --cloud "$cloud" destroy --auto-approve "$WORK/big" >>"$WORK/run.log" 2>&1
done
printf '%-34s %12s %12s %14s\n' "measure" "serve" "Glance" "serve/Glance"
row() {  # row LABEL KEY UNIT-EXPRESSION(seconds → value)
  local s g
  s=$(echo "${3//T/${R[serve.$2]}}" | bc -l)
  g=$(echo "${3//T/${R[demo.$2]}}" | bc -l)
  printf '%-34s %12.1f %12.1f %14.2f\n' "$1" "$s" "$g" "$(echo "$s / $g" | bc -l)"
}
row "create+upload+verify ($N images/s)" create "$N / T"
row "plan over $N images (s)" list "T"
row "upload $BIG MiB (MB/s)" upload "$BIG * 1.048576 / T"
