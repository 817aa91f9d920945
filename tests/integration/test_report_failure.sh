#!/usr/bin/env bash
# A command that fails still writes a valid document to stdout in a machine format, so CI
# report readers do not break: json an `error` object with every diagnostic and its position
# (schemas/error.schema.json), junit a failing testcase per error, markdown an error section.
source "$(dirname "$0")/lib.sh"
source "$(dirname "$0")/report_lib.sh"
mkdir -p "$WORK/bad"
cat >"$WORK/bad/images.yaml" <<'YAML'
apiVersion: glancer/v1
kind: ImageSet
metadata: {name: s}
images:
  - name: x
    disk_format: qcow
  - name: y
    min_ram: -1
YAML
new_store

# positions: "line:column:severity" of error.diagnostics
positions() {
  python3 -c 'import json,sys; d=json.load(open(sys.argv[1]))
print(" ".join("%d:%d:%s" % (x["line"], x["column"], x["severity"]) for x in d["error"]["diagnostics"]))' "$WORK/stdout"
}
junit_failures() {
  python3 -c 'import sys, xml.etree.ElementTree as ET; r=ET.parse(sys.argv[1]).getroot()
print(r.get("failures"), len(r.findall(".//testcase/failure")))' "$WORK/stdout"
}

for cmd in plan drift validate; do
  gs "$cmd" --format json "$WORK/bad"
  expect_code 1
  schema_ok error.schema.json
  [[ $(positions) == "6:18:error 8:14:error" ]] || fail "$cmd: diagnostics $(positions)"
  CHECKS=$((CHECKS + 1))
  expect_out "\"file\": \"$WORK/bad/images.yaml\""
  expect_out '"message": "the manifests have 2 errors"'
done

for cmd in plan drift; do
  gs "$cmd" --format junit "$WORK/bad"
  expect_code 1
  [[ $(junit_failures) == "2 2" ]] || fail "$cmd junit: failures $(junit_failures)"
  CHECKS=$((CHECKS + 1))
  expect_out "name=\"$WORK/bad/images.yaml:6:18\""
  gs "$cmd" --format markdown "$WORK/bad"
  expect_code 1
  expect_out "### glancer $cmd failed"
  expect_out "**Error:** the manifests have 2 errors"
  expect_out "| $WORK/bad/images.yaml:8:14 | error | "
done

# An unreachable service: the error names the request; still a valid document.
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
cat >"$WORK/clouds.yaml" <<YAML
clouds:
  down: {auth_type: none, auth: {endpoint: "http://127.0.0.1:$port"}}
YAML
export OS_CLIENT_CONFIG_FILE="$WORK/clouds.yaml"
for cmd in plan drift; do
  set +e  # not gs: that targets $STORE
  "$GLANCER" --cloud down "$cmd" --format json "$SRC/examples/quickstart" >"$WORK/stdout" 2>/dev/null
  CODE=$?
  set -e
  OUT=$(cat "$WORK/stdout")
  expect_code 1
  schema_ok error.schema.json
  expect_out "127.0.0.1:$port"
  set +e
  "$GLANCER" --cloud down "$cmd" --format junit "$SRC/examples/quickstart" >"$WORK/stdout" 2>"$WORK/stderr"
  set -e
  [[ $(junit_failures) == "1 1" ]] || fail "$cmd junit of an unreachable service: $(junit_failures)"
  CHECKS=$((CHECKS + 1))
done
passed
