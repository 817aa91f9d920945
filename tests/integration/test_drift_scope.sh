# `glancer drift --unmanaged-scope owned|public|all` against `glancer serve`: which images no
# loaded set manages each scope reports, hidden and community ones included, and what the scan
# asks serve for. The caller's project comes from clouds.yaml's auth.project_id (auth_type
# none: no token names one); without it every image is the caller's.
source "$(dirname "$0")/lib.sh"
copy_quickstart
QS="$WORK/qs"
g apply --auto-approve "$QS"
expect_code 0

# Images of two projects beside the managed ones, as a provider's Glance holds them (the
# store's own images belong to "local"). mk NAME OWNER VISIBILITY [HIDDEN]
mk() {
  local id
  id=$("$STORE_TOOL" "$STORE" create "$1")
  "$STORE_TOOL" "$STORE" set-owner "$id" "$2"
  "$STORE_TOOL" "$STORE" set-json "$id" visibility "\"$3\""
  [[ -z ${4:-} ]] || "$STORE_TOOL" "$STORE" set-json "$id" os_hidden true
}
mk "ours" local private
mk "ours hidden" local shared hidden
mk "customer private" customer private
mk "customer hidden" customer private hidden
mk "customer public" customer public
mk "customer community" customer community hidden

start_serve
cat >"$WORK/clouds.yaml" <<YAML
clouds:
  catalogue: {auth_type: none, auth: {endpoint: "$URL", project_id: local}}
  anonymous: {auth_type: none, auth: {endpoint: "$URL"}}
YAML
export OS_CLIENT_CONFIG_FILE="$WORK/clouds.yaml"

# unmanaged CLOUD SCOPE: the names drift reports as unmanaged, sorted, one line; the JSON is
# checked against schemas/drift.schema.json on the way.
unmanaged() {
  local code=0
  "$GLANCER" --cloud "$1" drift --format json --unmanaged-scope "$2" "$QS" >"$WORK/drift.json" \
    2>"$WORK/drift.err" || code=$?
  [[ $code == 2 ]] || fail "drift ($1, $2) exited $code: $(cat "$WORK/drift.err")"
  "$GLANCER_SCHEMA_CHECK" "$SRC/schemas/drift.schema.json" "$WORK/drift.json" >/dev/null ||
    fail "drift JSON ($1, $2) does not match its schema"
  /usr/bin/python3 -c '
import json, sys
d = json.load(open(sys.argv[1]))
assert all(x["kind"] == "unmanaged" for x in d["drift"]), d["drift"]
print(", ".join(sorted(x["name"] for x in d["drift"])))' "$WORK/drift.json"
}
check_scope() {  # check_scope CLOUD SCOPE EXPECTED
  local got
  got=$(unmanaged "$1" "$2")
  [[ $got == "$3" ]] || fail "--cloud $1 --unmanaged-scope $2: got [$got], expected [$3]"
  CHECKS=$((CHECKS + 1))
}
all="customer community, customer hidden, customer private, customer public, ours, ours hidden"
check_scope catalogue owned "ours, ours hidden"
check_scope catalogue public "customer community, customer public, ours, ours hidden"
check_scope catalogue all "$all"
# No project known: every image is the caller's, as serve without --auth-cloud treats it.
check_scope anonymous owned "$all"
check_scope anonymous public "$all"

# The default scope is public; the human report names each image.
gx --cloud catalogue drift "$QS"
expect_code 2
expect_out "unmanaged: \"customer public\""
expect_no_out "customer private"

# The scan lets serve filter: owner=, visibility=public and =community, each with its hidden
# images; never a whole listing (visibility=all without owner).
gx --debug --cloud catalogue drift "$QS"
for q in 'visibility=all&limit=1000&owner=local' 'visibility=public&limit=1000&os_hidden=true' \
  'visibility=community&limit=1000'; do
  expect_out "GET $URL/v2/images?$q"
done
if grep -E "GET [^ ]*/v2/images\?visibility=all&limit=1000( |&os_hidden=true )" <<<"$OUT"; then
  fail "the public scope listed the whole catalogue"
fi
CHECKS=$((CHECKS + 1))

g drift --unmanaged-scope everything "$QS"
expect_code 1
expect_out "--unmanaged-scope: everything not in {owned,public,all}"
passed
