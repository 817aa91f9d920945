# validate on hostile YAML: exponential aliases, thousands-deep nesting, files of tens of MB,
# huge scalars and node floods each fail cleanly (exit 1, one located message, no crash)
# within a bounded time (timeout) and bounded memory (ulimit -v).
source "$(dirname "$0")/lib.sh"
cd "$WORK"
HEADER=$'apiVersion: glancer/v1\nkind: ImageSet\nmetadata: {name: s}\n'

# bounded FILE: runs validate under a 1 GiB address-space limit and a 30 s timeout. In the
# sanitizer build (tests/sanitizer_run.sh sets GLANCER_SANITIZER_REPORTS) ASan reserves terabytes
# of address space for its shadow memory, so ulimit -v cannot apply there: ASan's own resident
# memory limit stands in, with 512 MiB more for its shadow and quarantine (exceeding it is a
# sanitizer report, which fails the test), and the timeout allows for its slowdown (the 15 MiB
# scalar takes ~20 s there on 2 busy cores).
LIMIT_S=30
[[ -z ${GLANCER_SANITIZER_REPORTS:-} ]] || LIMIT_S=90
bounded() {
  set +e
  local start=$SECONDS
  if [[ -n ${GLANCER_SANITIZER_REPORTS:-} ]]; then
    OUT=$(ASAN_OPTIONS="$ASAN_OPTIONS:hard_rss_limit_mb=1536" timeout $LIMIT_S "$GLANCER" validate "$1" 2>&1)
  else
    OUT=$( (ulimit -v 1048576; timeout $LIMIT_S "$GLANCER" validate "$1") 2>&1)
  fi
  CODE=$?
  set -e
  echo "$1: exit $CODE in $((SECONDS - start)) s"
  [[ $CODE != 124 ]] || fail "$1: validate took more than $LIMIT_S s"
  (( CODE < 128 )) || fail "$1: validate died with signal $((CODE - 128))"
}

# Exponential aliases: 12 levels of 10 aliases each would be 10^12 nodes once expanded.
python3 - >laughs.yaml <<'PY'
print("apiVersion: glancer/v1\nkind: ImageSet\nmetadata: {name: s}")
print("defaults: {tags: &l0 [a, b, c, d, e, f, g, h, i, j]}\nimages:")
for level in range(1, 13):
    print(f"  - {{name: n{level}, tags: &l{level} [" + ", ".join([f"*l{level-1}"] * 10) + "]}")
PY
bounded laughs.yaml
expect_code 1
expect_out "each entry of \`tags\` must be a string"

# The same bomb where only a valid document could reach the JSON Schema conversion.
python3 - >laughs2.yaml <<'PY'
print("apiVersion: glancer/v1\nkind: ImageSet\nmetadata: {name: s}\nimages:")
print("  - name: base\n    tags: &t [" + ", ".join(f"t{i}" for i in range(120)) + "]")
for i in range(3000):
    print(f"  - {{name: i{i}, tags: *t}}")
PY
bounded laughs2.yaml
expect_code 1
expect_out "expands to more than 200000 YAML nodes through aliases"

# Nested 100,000 deep as flow lists, and 2,500 deep as block mappings (6 MB of indentation).
python3 -c 'print("a: " + "[" * 100000 + "]" * 100000)' >deep-flow.yaml
bounded deep-flow.yaml
expect_code 1
expect_out "deep-flow.yaml:1:"
python3 -c '
print("apiVersion: glancer/v1\nkind: ImageSet\nmetadata: {name: s}\nimages:\n  - name: x\n    properties:")
for i in range(2500): print("  " * (i + 3) + "k%d:" % i)' >deep-block.yaml
bounded deep-block.yaml
expect_code 1
expect_out "YAML is nested too deeply"

# Over 64 MiB: refused before parsing.
python3 -c 'import sys; sys.stdout.write("# " + "x" * (70 << 20) + "\n")' >big.yaml
bounded big.yaml
expect_code 1
expect_out "big.yaml: error: file is larger than 64 MiB"

# Under the size limit: a 15 MiB scalar, and 2,000,001 tiny nodes (a 4 MB file).
python3 -c "
import sys
sys.stdout.write('''$HEADER''' + 'images:\n  - name: x\n    properties:\n      note: ' + 'v' * (15 << 20) + '\n')" >scalar.yaml
bounded scalar.yaml
expect_code 1
expect_out "scalar.yaml:7:13: error: a YAML scalar is longer than 1 MiB"
python3 -c 'print("[" + "1," * 2000000 + "1]")' >flood.yaml
bounded flood.yaml
expect_code 1
expect_out "flood.yaml: error: file has more than 2000000 YAML nodes"

# A large valid manifest (5,000 images, ~90,000 nodes) still validates, quickly.
python3 - >many.yaml <<'PY'
print("apiVersion: glancer/v1\nkind: ImageSet\nmetadata: {name: s}\nimages:")
for i in range(5000):
    print(f"  - name: image-{i}\n    tags: [a, b, c, d]\n    properties: {{os_distro: x, os_version: \"{i}\"}}")
PY
bounded many.yaml
expect_code 0
expect_out "The manifests are valid: 5000 images in 1 set."

# A 20,000-image catalogue in one file (~6 MB, ~500,000 nodes) is plain size, not hostile.
python3 - >catalogue.yaml <<'PY'
print("apiVersion: glancer/v1\nkind: ImageSet\nmetadata: {name: big}\n"
      "defaults: {visibility: public, disk_format: qcow2, rotation: {keep: 2, retire: hide}}\nimages:")
for i in range(20000):
    print(f"""  - key: image-{i}
    name: Image {i} 1.0
    min_disk: 8
    min_ram: 512
    tags: [linux, lts]
    properties: {{os_distro: ubuntu, os_version: "22.04", hw_disk_bus: scsi, build: "{i}"}}
    source:
      url: https://mirror.example/images/image-{i}.qcow2
      checksum: sha256:{i:064x}
      version: "1.0"
""", end="")
PY
bounded catalogue.yaml
expect_code 0
expect_out "The manifests are valid: 20000 images in 1 set."
passed
