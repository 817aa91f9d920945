#!/usr/bin/env bash
# Two `glancer serve` on one address: the second must refuse (cpp-httplib's default
# SO_REUSEPORT let both listen, and connections alternated between their stores).
source "$(dirname "$0")/lib.sh"

start_serve -n first -s "$WORK/s1"
address=${URL#http://}

# Bounded: before the fix the second server listened and never returned.
set +e
OUT=$(timeout 20 "$GLANCER" --store "$WORK/s2" serve --listen "$address" 2>&1)
CODE=$?
set -e
expect_code 1
expect_out "cannot listen on $address: address already in use"

# The first server still answers alone.
curl -sf -o /dev/null "$URL/versions" || fail "the first server stopped answering"
listeners=$(ss -Hltn "sport = :${address##*:}" | wc -l)
[[ $listeners == 1 ]] || fail "expected 1 listening socket on $address, found $listeners"
CHECKS=$((CHECKS + 1))

# A stopped server's address can be taken again at once (SO_REUSEADDR is kept).
stop_serve
start_serve -n again -s "$WORK/s2" --listen "$address"
[[ $URL == "http://$address" ]] || fail "restarted on $URL, not $address"
CHECKS=$((CHECKS + 1))

passed
