# start_mirror DIR [PORT] (after lib.sh): serves DIR as an upstream image mirror on a free loopback
# port, or on PORT (mirror_server.py), stopped on exit; sets BASE to its URL and MIRROR_PID.
start_mirror() {
  rm -f "$WORK/mirror.port"
  python3 "$SRC/tests/integration/mirror_server.py" "$1" "$WORK/mirror.port" ${2:-} &
  MIRROR_PID=$!
  defer stop_process "$MIRROR_PID"
  for _ in $(seq 100); do [[ -s "$WORK/mirror.port" ]] && break; sleep 0.1; done
  [[ -s "$WORK/mirror.port" ]] || { echo "FAIL: the mirror did not start" >&2; exit 1; }
  BASE="http://127.0.0.1:$(cat "$WORK/mirror.port")"
}

# localize DIR (after start_mirror): DIR's upstream mirrors become the local one: every `url:`,
# `checksum_url:` and track `index:` https://host/path becomes $BASE/host/path.
localize() {
  sed -i -E "s#^(\s*(url|checksum_url|index):\s*)https?://#\1$BASE/#" "$1"/*.yaml
}

# publish RELEASE DIR [MATCH] (after start_mirror, which serves $WORK/mirror): a new upstream
# release of DIR's URL images in the mirror, and their checksum files; a new dated release of
# its tracked images beside their pins, and their listings (mirror_publish.py); with MATCH only
# the images whose URL contains it change.
publish() {
  python3 "$SRC/tests/integration/mirror_publish.py" "$1" "$2" "$WORK/mirror" "$BASE" ${3:+"$3"}
}
