# Shared by test_serve_*.sh (after lib.sh): start_serve runs `glancer serve` on a free port.
PY=/usr/bin/python3
SERVE_PID=

# start_serve [ARGS…]: starts the server on the test's store; sets URL and SERVE_PID.
start_serve() {
  : >"$WORK/serve.out"
  "$GLANCER" --store "$STORE" serve --listen 127.0.0.1:0 "$@" >"$WORK/serve.out" 2>>"$WORK/serve.err" &
  SERVE_PID=$!
  local line=
  for _ in $(seq 1 200); do
    line=$(head -1 "$WORK/serve.out")
    [[ -n $line ]] && break
    sleep 0.05
  done
  URL=$(sed -n 's/^glancer serve: listening on \(http:[^ ]*\) .*/\1/p' <<<"$line")
  [[ -n $URL ]] || { OUT="$line $(cat "$WORK/serve.err")"; CODE=-; fail "server did not start"; }
}

# stop_serve [SIGNAL]: stops the server and waits for it.
stop_serve() {
  [[ -n $SERVE_PID ]] || return 0
  kill "-${1:-TERM}" "$SERVE_PID" 2>/dev/null || true
  wait "$SERVE_PID" 2>/dev/null || true
  SERVE_PID=
}

trap 'stop_serve KILL; rm -rf "$WORK"' EXIT

# os ARGS…: the openstack CLI against the server, output in $OUT, exit code in $CODE.
os() {
  set +e
  OUT=$(/usr/bin/openstack --os-auth-type none --os-endpoint "$URL" "$@" 2>&1)
  CODE=$?
  set -e
}
