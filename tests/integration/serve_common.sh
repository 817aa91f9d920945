# Shared by the tests of `glancer serve` (after lib.sh, whose start_serve starts it on a free
# port and sets URL): python and the openstack CLI against the server.
PY=/usr/bin/python3

# os ARGS…: the openstack CLI against the server, output in $OUT, exit code in $CODE.
os() {
  set +e
  OUT=$(/usr/bin/openstack --os-auth-type none --os-endpoint "$URL" "$@" 2>&1)
  CODE=$?
  set -e
}
