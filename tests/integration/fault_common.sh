# Shared by the fault, crash and concurrency tests (after lib.sh and serve_common.sh):
# glancer as a client of `glancer serve`, sets of file images, and the set invariants.

# use_serve_cloud: the cloud `serve` (auth_type none) points at $URL.
use_serve_cloud() {
  printf 'clouds:\n  serve:\n    auth_type: none\n    auth: {endpoint: "%s"}\n' "$URL" >"$WORK/clouds.yaml"
  export OS_CLIENT_CONFIG_FILE="$WORK/clouds.yaml"
}

# gc ARGS…: glancer against the served store, output in $OUT, exit code in $CODE.
gc() {
  set +e
  OUT=$("$GLANCER" --cloud serve "$@" 2>&1)
  CODE=$?
  set -e
}

# make_set DIR SET KEY[:VERSION]…: a manifest of raw images, one file each (random 64-320 KiB).
# Each key's data depends on its version, so a new version is new content.
make_set() {
  local dir=$1 set=$2
  shift 2
  mkdir -p "$dir/images"
  rm -f "$dir"/images/*
  {
    printf 'apiVersion: glancer/v1\nkind: ImageSet\nmetadata: {name: %s}\ndefaults: {disk_format: raw}\nimages:\n' "$set"
    for spec in "$@"; do
      local key=${spec%%:*} version=1 rotate=
      [[ $spec == *:* ]] && version=${spec#*:}
      [[ $key == rot* ]] && rotate='    rotation: {keep: 1, retire: delete}\n'
      "$PY" -c "import random,sys; r=random.Random('$key-$version'); sys.stdout.buffer.write(r.randbytes(r.randint(64,320)*1024))" \
        >"$dir/images/$key.raw"
      printf "  - key: %s\n    name: %s\n    properties: {release: \"%s\"}\n    source: {file: images/%s.raw, version: \"v%s\"}\n$rotate" \
        "$key" "$key image" "$version" "$key" "$version"
    done
  } >"$dir/set.yaml"
}

# served_images: every image of the served store as JSON (hidden ones included), no faults
# expected on this path (call it on a server without --faults or between runs).
served_images() {
  "$PY" - "$URL" <<'PYEOF'
import json, sys, urllib.request
url = sys.argv[1]
seen = {}
for extra in ("", "&os_hidden=true"):
    path = "/v2/images?visibility=all&limit=1000" + extra
    while path:
        page = json.load(urllib.request.urlopen(url + path))
        for im in page["images"]:
            seen[im["id"]] = im
        path = page.get("next")
print(json.dumps(sorted(seen.values(), key=lambda i: (i["created_at"], i["id"]))))
PYEOF
}

# check_set SET KEY… < images.json: exactly one current active image per key, the right
# release, no other key, nothing of the set pending, queued or saving. Prints problems.
check_set() {
  "$PY" -c '
import json, sys
set_, keys = sys.argv[1], sys.argv[2:]
images = json.load(sys.stdin)
mine = [i for i in images if i.get("glancer.set") == set_]
problems = []
for i in mine:
    if i["status"] not in ("active", "deactivated"):
        problems.append("%s (%s) is %s" % (i["id"], i.get("glancer.key"), i["status"]))
    if "glancer.pending" in i:
        problems.append("%s (%s) still pending" % (i["id"], i.get("glancer.key")))
current = {}
for i in mine:
    if "glancer.previous" not in i and "glancer.pending" not in i:
        current.setdefault(i["glancer.key"], []).append(i["id"])
for spec in keys:
    key, _, version = spec.partition(":")
    ids = current.pop(key, [])
    if len(ids) != 1:
        problems.append("key %s has %d current images" % (key, len(ids)))
    else:
        im = next(i for i in mine if i["id"] == ids[0])
        if im.get("release") != (version or "1"):
            problems.append("key %s holds release %s" % (key, im.get("release")))
for key, ids in current.items():
    problems.append("key %s should not exist (%d images)" % (key, len(ids)))
print("\n".join(problems))
' "$@"
}

# fingerprint SET_OR_EMPTY < images.json: id+updated_at of images NOT managed by glancer (empty)
# or of another set, to prove they were not touched.
fingerprint() {
  "$PY" -c '
import json, sys
want = sys.argv[1]
print(sorted((i["id"], i["updated_at"], i["status"]) for i in json.load(sys.stdin) if i.get("glancer.set", "") == want))
' "$1"
}
