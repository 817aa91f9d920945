# validate: every example is valid; every invalid manifest gets exactly its located messages
# (tests/data/manifest/invalid.expected, one line per problem) and exit 1.
source "$(dirname "$0")/lib.sh"
for dir in "$SRC"/examples/*/; do
  g validate "$dir"
  expect_code 0
  expect_out "The manifests are valid"
done

cd "$SRC/tests/data/manifest/invalid"
: >"$WORK/actual"
count=0
for f in *.yaml; do
  g validate "$f"
  expect_code 1
  grep -v '^glancer: error: the manifests have' <<<"$OUT" >>"$WORK/actual"
  count=$((count + 1))
done
sed -i "s|$SRC|SRC|g" "$WORK/actual"
diff -u "$SRC/tests/data/manifest/invalid.expected" "$WORK/actual" ||
  { OUT="see the diff above"; fail "messages differ from invalid.expected"; }
(( count >= 40 )) || fail "at least 40 invalid manifests (have $count)"

# --format json: only JSON on stdout, one entry per problem with its position.
set +e
json=$("$GLANCER" validate --format json several-problems.yaml 2>/dev/null)
set -e
python3 - "$json" <<'PY' || fail "validate --format json"
import json, sys
d = json.loads(sys.argv[1])
assert d["valid"] is False
got = [(x["line"], x["column"], x["severity"]) for x in d["diagnostics"]]
assert got == [(7, 14, "error"), (8, 5, "error"), (8, 5, "error"), (10, 12, "error")], got
PY
g validate --format json "$SRC/examples/quickstart"
expect_code 0
python3 -c 'import json,sys; d=json.loads(sys.argv[1]); assert d["valid"] and d["diagnostics"]==[]' "$OUT" ||
  fail "valid JSON for a valid manifest"

# Unrelated YAML in a scanned directory (clouds.yaml, CI files) is skipped with one note line on
# stderr; named explicitly, it is an error.
mkdir -p "$WORK/repo/ci"
cp "$SRC/examples/quickstart/images.yaml" "$WORK/repo/"
cp -r "$SRC/examples/quickstart/images" "$WORK/repo/"
printf 'clouds:\n  prod: {auth: {auth_url: https://keystone}}\n' >"$WORK/repo/clouds.yaml"
printf 'services:\n  web: {image: nginx}\n' >"$WORK/repo/ci/docker-compose.yaml"
set +e
OUT=$(cd "$WORK" && "$GLANCER" validate repo 2>"$WORK/validate.err")
CODE=$?
set -e
expect_code 0
expect_out "The manifests are valid: 3 images in 1 set."
OUT=$(cat "$WORK/validate.err")
[[ $(wc -l <"$WORK/validate.err") == 1 ]] || fail "expected one note line on stderr"
expect_out "note: skipped 2 YAML files without \`apiVersion: glancer/…\`: repo/ci/docker-compose.yaml, repo/clouds.yaml"
g validate "$WORK/repo/clouds.yaml"
expect_code 1
expect_out "$WORK/repo/clouds.yaml:1:1: error: missing required field \`apiVersion\`"
g validate --format json "$WORK/repo"
expect_code 0
python3 -c 'import json,sys; d=json.loads(sys.argv[1]); assert [x["severity"] for x in d["diagnostics"]]==["note"], d' "$OUT" ||
  fail "the note in validate --format json"

# A member that is not a project id (a project's name, say) is a warning, located.
cat >"$WORK/members.yaml" <<'YAML'
apiVersion: glancer/v1
kind: ImageSet
metadata: {name: s}
images:
  - name: x
    visibility: shared
    members: [4b9a9ae7200a4f8c9d1e2f3a4b5c6d7e, research]
YAML
g validate "$WORK/members.yaml"
expect_code 0
expect_out "$WORK/members.yaml:7:49: warning: member \`research\` is not a project id (32 hex digits or a UUID)"
passed
