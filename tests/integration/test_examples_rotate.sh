# Every shipped example through its next upstream release: apply it, publish a new release of
# every image (new bytes, new digests, new versions; URL sources from a local mirror; tracked
# images pinned anew by glancer update), then plan, apply and converge. prevent_destroy on a
# rotated image must not block the release.
source "$(dirname "$0")/lib.sh"
source "$SRC/tests/integration/mirror.sh"
mkdir -p "$WORK/mirror"
start_mirror "$WORK/mirror"

# next_release DIR: new bytes for every local image file, the manifests' pinned checksums moved
# to the new digests, and every pinned version bumped but the tracked ones (glancer update's).
next_release() {
  local file old new
  while IFS= read -r -d '' file; do
    old=$(sha256sum "$file" | cut -d' ' -f1)
    head -c 4096 /dev/urandom >>"$file"
    new=$(sha256sum "$file" | cut -d' ' -f1)
    sed -i "s/$old/$new/" "$1"/*.yaml
  done < <(find "$1" -path '*/images/*' -type f -print0)
  sed -i -E '/version: "/{N;/\n\s*track:/!s/(version: "[^"]*)"/\1.1"/}' "$1"/*.yaml
}

for example in "$SRC"/examples/*/; do
  name=$(basename "$example")
  dir="$WORK/$name"
  cp -r "$example" "$dir"
  # Upstream mirrors become the local mirror: https://host/path → $BASE/host/path.
  localize "$dir"
  publish 1 "$dir"
  g apply --auto-approve "$dir"
  expect_code 0
  g plan --detailed-exitcode "$dir"
  expect_code 0

  publish 2 "$dir"
  next_release "$dir"
  g update "$dir"
  if grep -q '^\s*track:' "$dir"/*.yaml; then expect_code 2; else
    expect_code 0
    expect_out "No image has \`source.track\`: nothing to update."
  fi
  g plan --detailed-exitcode "$dir"
  expect_code 2
  expect_no_out "prevent_destroy"
  g apply --auto-approve "$dir"
  expect_code 0
  g plan --detailed-exitcode "$dir"
  expect_code 0
  echo "$name: rotated and converged"
done

# A third release of the catalogue in the same Last-Modified minute: the versions kept by the
# second and third rotation have the same release label, yet no two images share a name.
dir="$WORK/public-catalogue"
publish 3 "$dir"
g update "$dir"
expect_code 2
g plan --detailed-exitcode "$dir"
expect_code 2
expect_out "will be rotated (new digest, same version 2026-01-01 12:00)"
g apply --auto-approve "$dir"
expect_code 0
g plan --detailed-exitcode "$dir"
expect_code 0
shared=$(store_json "sorted(n for n in set(i['name'] for i in images) if [i['name'] for i in images].count(n) > 1)")
[[ $shared == "[]" ]] || fail "images share a name: $shared"
CHECKS=$((CHECKS + 1))

# The protected, rotated catalogue image kept its previous releases as hidden versions.
ubuntu=$(store_json "sorted((i['os_hidden'], i['name'].startswith('Ubuntu 20.04 (Focal Fossa)')) for i in images if i.get('glancer.key') == 'ubuntu-20.04')")
[[ $ubuntu == "[(False, True), (True, True), (True, True)]" ]] ||
  fail "ubuntu-20.04: $ubuntu, expected the current image and its two hidden previous versions"
passed
