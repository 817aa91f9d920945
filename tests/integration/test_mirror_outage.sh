# An upstream mirror goes down under a catalogue: plan and apply still manage the images that do
# not need it, every failing source is reported at its manifest line in one run, the images of
# the mirror are left as they are (a new one fails alone and what references it is skipped),
# exit 1, in every format and through a saved plan; the mirror comes back and the catalogue
# converges. The mirror is stopped, so its port is closed (refused at once, no timeout).
source "$(dirname "$0")/lib.sh"
source "$(dirname "$0")/mirror.sh"
source "$(dirname "$0")/report_lib.sh"
MIRROR="$WORK/mirror"
mkdir -p "$MIRROR" "$WORK/set/images"
start_mirror "$MIRROR"
PORT=$(cat "$WORK/mirror.port")
for name in focal centos plain fresh; do
  python3 -c "import sys; sys.stdout.write((sys.argv[1] + '\n') * 2000)" "$name" >"$MIRROR/$name.img"
done
(cd "$MIRROR" && sha256sum focal.img centos.img fresh.img >SHA256SUMS)
echo "local data" >"$WORK/set/images/local.raw"

# catalogue EXTRA LOCAL_TAGS: the set, with EXTRA images appended.
catalogue() {
  cat >"$WORK/set/cat.yaml" <<YAML
apiVersion: glancer/v1
kind: ImageSet
metadata: {name: cat}
defaults: {disk_format: raw}
images:
  - key: ubuntu
    name: Ubuntu
    source: {url: "$BASE/focal.img", checksum_url: "$BASE/SHA256SUMS"}
  - key: centos
    name: CentOS
    source: {url: "$BASE/centos.img", checksum_url: "$BASE/SHA256SUMS"}
  - key: plain
    name: Plain
    source: {url: "$BASE/plain.img", version: "1"}
  - key: local
    name: Local
    tags: $2
    source: {file: images/local.raw}
  - key: app
    name: App
    properties: {base_id: "\${image.ubuntu.id}"}
    source: {file: images/local.raw}
$1
YAML
}
NEW='  - key: fresh
    name: Fresh
    source: {url: "'$BASE'/fresh.img", checksum_url: "'$BASE'/SHA256SUMS"}
  - key: child
    name: Child
    properties: {parent_id: "${image.fresh.id}"}
    source: {file: images/local.raw}'
ids() { store_json "sorted((i['glancer.key'], i['id'], i['updated_at']) for i in images if i.get('glancer.key') in ('ubuntu', 'centos', 'plain', 'app'))"; }

catalogue "" "[a]"
g apply --auto-approve "$WORK/set"
expect_code 0
g plan --detailed-exitcode "$WORK/set"
expect_code 0
BEFORE=$(ids)

# The mirror goes down while the catalogue changes: local gets a tag, fresh and child are added.
# Two attempts per mirror request (one announced retry) keep the nine runs below quick; the
# default policy (6 attempts) would spend about 20 s of backoff in each.
export GLANCER_MIRROR_ATTEMPTS=2
stop_process "$MIRROR_PID"
catalogue "$NEW" "[a, b]"
M="$WORK/set/cat.yaml"
gs plan "$WORK/set"
expect_code 1
# at LINE FIELD: "FILE:LINE:COL" of FIELD's key on that line of the manifest.
at() { echo "$M:$1:$(($(sed -n "${1}p" "$M" | grep -bo "$2:" | head -1 | cut -d: -f1) + 1))"; }
# Every failing source, located at its field, in one run.
for located in "$(at 8 checksum_url): error: image \`ubuntu\`: " \
  "$(at 11 checksum_url): error: image \`centos\`: " "$(at 14 url): error: image \`plain\`: " \
  "$(at 25 checksum_url): error: image \`fresh\`: "; do
  grep -qF -- "$located" <<<"$ERR" || fail "stderr lacks: $located"
  CHECKS=$((CHECKS + 1))
done
[[ $(grep -c ": error: image" <<<"$ERR") == 4 ]] || fail "not exactly 4 source errors: $ERR"
expect_out "# cat/ubuntu is left as it is: its source cannot be resolved"
expect_out "# cat/fresh cannot be created: its source cannot be resolved"
expect_out "# cat/local will be updated in place"
expect_out "# cat/child will be created (not in the image service); apply will skip it: it depends on cat/fresh, which cannot be planned"
expect_out "Plan: 1 to create, 1 to update, 0 to replace, 0 to rotate, 0 to delete."
expect_out "Error: 4 images could not be planned and will not be touched"

gs plan --format json "$WORK/set"
expect_code 1
schema_ok plan.schema.json
python3 - "$WORK/stdout" <<'PY' || fail "plan JSON errors"
import json, sys
p = json.load(open(sys.argv[1]))
assert p["format_version"] == 2 and p["summary"]["errors"] == 4, p["summary"]
errors = {c["key"]: c["error"] for c in p["changes"] if "error" in c}
assert sorted(errors) == ["centos", "fresh", "plain", "ubuntu"], errors
assert all(e["file"].endswith("cat.yaml") and e["line"] > 0 for e in errors.values()), errors
PY
gs plan --format junit "$WORK/set"
expect_code 1
junit_ok 7 6 0  # 4 errors, 1 create, 1 update fail; app passes
gs plan --format markdown "$WORK/set"
expect_code 1
expect_out "> **Error: 4 images could not be planned"

# A saved plan carries the errors; applying it manages the rest, touches nothing else, exit 1.
gs plan --out "$WORK/saved.json" "$WORK/set"
expect_code 1
[[ -s "$WORK/saved.json" ]] || fail "the plan was not saved"
gs apply "$WORK/saved.json"
expect_code 1
expect_out "cat/local: updated"
grep -qF "cat/child skipped: depends on cat/fresh, which failed" <<<"$OUT$ERR" ||
  grep -qF "cat/child: skipped: depends on cat/fresh, which failed" <<<"$OUT$ERR" ||
  fail "child not skipped: $OUT"
CHECKS=$((CHECKS + 1))
[[ "$(ids)" == "$BEFORE" ]] || fail "an image of the mirror (or app) was touched"
CHECKS=$((CHECKS + 1))
store_json "[i['tags'] for i in images if i.get('glancer.key') == 'local'][0] == ['a', 'b'] or exit(1)" >/dev/null ||
  fail "local was not updated"
[[ $(store_json "len([i for i in images if i.get('glancer.key') in ('fresh', 'child')])") == 0 ]] ||
  fail "fresh or child exists without its source"

# apply from the manifests: the same, in the JSON events too.
gs apply --auto-approve --format json "$WORK/set"
expect_code 1
schema_ok apply-event.schema.json --lines
[[ $(grep -c '"event":"failed"' "$WORK/stdout") == 4 ]] || fail "not 4 failed events: $OUT"
CHECKS=$((CHECKS + 1))
gs apply --auto-approve --format junit "$WORK/set"
expect_code 1
junit_ok 5 4 1  # the 4 images that could not be planned fail; child is skipped
gs apply --auto-approve --format markdown "$WORK/set"
expect_code 1
expect_out "depends on cat/fresh, which failed"

# The mirror comes back at its address: fresh and child are created, and the catalogue converges.
start_mirror "$MIRROR" "$PORT"
g apply --auto-approve "$WORK/set"
expect_code 0
expect_out "Apply complete: 2 succeeded"
g plan --detailed-exitcode "$WORK/set"
expect_code 0
expect_out "No changes."
[[ "$(ids)" == "$BEFORE" ]] || fail "the images of the mirror changed after the outage"
CHECKS=$((CHECKS + 1))
passed
