# packaging: `glancer --version` from git describe (and the version script's rules), the bash and
# zsh completions and the man page generated from the CLI definition, `cmake --install`, the .deb
# and the pre-commit hook. Uses the build directory of the binary under test: nothing is rebuilt;
# the .deb is made from the built files by cpack into a temporary directory (~10 s).
source "$(dirname "$0")/lib.sh"
BUILD=$(dirname "$GLANCER")
for tool in cmake cpack dpkg-deb dpkg-shlibdeps zsh groff man python3; do
  command -v "$tool" >/dev/null || fail "$tool is missing: run scripts/install-deps packaging"
done
check() { CHECKS=$((CHECKS + 1)); }
# run CMD…: like g, without --store.
run() {
  set +e
  OUT=$("$@" 2>&1)
  CODE=$?
  set -e
}

# --- --version: git describe of the source checkout, else the project version ----------------
project_version=$(sed -n 's/^project(glancer VERSION \([0-9.]*\).*/\1/p' "$SRC/CMakeLists.txt")
[[ -n $project_version ]] || fail "no project version in CMakeLists.txt"
run "$GLANCER" --version
expect_code 0
toplevel=$(git -C "$SRC" rev-parse --show-toplevel 2>/dev/null || true)
if [[ -n $toplevel && $(realpath "$toplevel") == $(realpath "$SRC") ]]; then
  described=$(git -C "$SRC" describe --tags --always --match 'v[0-9]*')
  case $described in
    v[0-9]*) expected="glancer ${described#v}" ;;
    *) expected="glancer $project_version-g$described" ;;
  esac
  # Files edited after the build change -dirty but not the binary: compare without it.
  [[ ${OUT%-dirty} == "$expected" ]] || fail "--version: expected $expected[-dirty]"
else
  [[ $OUT == "glancer $project_version" ]] || fail "--version outside git: expected $project_version"
fi
check

# --- the version script: every rule, on a scratch repository --------------------------------
version_of() {  # version_of DIR: what cmake/GlancerVersion.cmake generates for DIR
  cmake -DSOURCE_DIR="$1" -DFALLBACK_VERSION=9.8.7 -DOUTPUT="$WORK/version.cpp" \
    -P "$SRC/cmake/GlancerVersion.cmake" >/dev/null
  sed -n 's/.*return "\(.*\)";.*/\1/p' "$WORK/version.cpp"
}
expect_version() {  # expect_version DIR VERSION
  OUT=$(version_of "$1")
  [[ $OUT == "$2" ]] || fail "version of $1: expected $2"
  check
}
repo=$WORK/repo
mkdir -p "$repo/sub" "$WORK/tarball"
git -C "$repo" init -q
gitc() { git -C "$repo" -c user.name=test -c user.email=test@example.org "$@"; }
echo one >"$repo/file"
gitc add file && gitc commit -q -m one
expect_version "$repo" "9.8.7-g$(gitc rev-parse --short HEAD)"
gitc tag v1.2.0
expect_version "$repo" "1.2.0"
gitc tag not-a-version  # tags not named v<digit>… are ignored
echo two >"$repo/file"
expect_version "$repo" "1.2.0-dirty"
gitc commit -q -am two
expect_version "$repo" "1.2.0-1-g$(gitc rev-parse --short HEAD)"
expect_version "$WORK/tarball" "9.8.7"  # not a checkout
expect_version "$repo/sub" "9.8.7"      # inside another project's checkout
# Unchanged version: the file (and so its timestamp) is left alone, nothing recompiles.
version_of "$repo" >/dev/null
touch -d '2001-01-01' "$WORK/version.cpp"
version_of "$repo" >/dev/null
[[ $(stat -c %Y "$WORK/version.cpp") == $(date -d '2001-01-01' +%s) ]] || fail "version.cpp rewritten though unchanged"
check

# --- what the CLI definition says: commands and each command's options, from --help ----------
commands=$("$GLANCER" --help | awk '/^Subcommands:/ {s = 1; next} s && /^  [a-z]/ {print $1}')
[[ $(wc -l <<<"$commands") -ge 9 ]] || fail "expected at least 9 commands in --help, got: $commands"
options_of() {  # long options of `glancer CMD --help`
  "$GLANCER" "$1" --help | grep -oE '^  +(-[a-z], ?)?--[a-z-]+' | grep -oE -- '--[a-z-]+'
}

# --- bash completion -------------------------------------------------------------------------
"$GLANCER" completion bash >"$WORK/glancer.bash"
bash -n "$WORK/glancer.bash" || fail "bash -n: the bash completion has syntax errors"
check
cmp -s "$WORK/glancer.bash" "$BUILD/share/glancer.bash" || fail "build/share/glancer.bash is not what glancer prints"
check
# candidates WORD…: the candidates bash offers for the last word, one a line, sorted.
candidates() {
  OUT=$(cd "$WORK/files" && bash -c 'source "$1"; shift; COMP_WORDS=("$@"); COMP_CWORD=$(($# - 1))
    _glancer; printf "%s\n" "${COMPREPLY[@]}"' _ "$WORK/glancer.bash" glancer "$@" | sort)
}
expect_words() {  # expect_words "W1 W2 …" WORD…: exactly these candidates
  local want=$1
  shift
  candidates "$@"
  [[ $(tr '\n' ' ' <<<"$OUT" | sed 's/ $//') == "$want" ]] || fail "completing '$*': expected '$want'"
  check
}
mkdir -p "$WORK/files/images" && touch "$WORK/files/set.yaml" "$WORK/files/plan.json"
expect_words "$(sort <<<"$commands" | tr '\n' ' ' | sed 's/ $//')" ""
expect_words "plan" pl
expect_words "human json junit markdown" plan --format ""
expect_words "json junit" plan --format j
expect_words "json junit" plan --format = j           # --format=j (readline splits at =)
expect_words "dot mermaid" graph --format ""
expect_words "--format" --store dir plan --for  # a global option's value is not the command
expect_words "--format" plan images --target k --fo
expect_words "images plan.json set.yaml" validate ""
expect_words "images plan.json set.yaml" plan --out ""
expect_words "images" --store ""                 # a directory
expect_words "" apply --parallelism ""           # a number
expect_words "" import ""                        # KEY: nothing to complete
expect_words "" import key ""                    # IMAGE_ID
expect_words "images plan.json set.yaml" import key id ""
expect_words "" serve --listen ""
for cmd in $commands; do
  for opt in $(options_of "$cmd"); do
    candidates "$cmd" --
    grep -qx -- "$opt" <<<"$OUT" || fail "bash completion of '$cmd --' lacks $opt"
    check
  done
done
expect_words "bash zsh" completion ""  # the doc commands are commands like any other

# --- zsh completion --------------------------------------------------------------------------
"$GLANCER" completion zsh >"$WORK/_glancer"
zsh -n "$WORK/_glancer" || fail "zsh -n: the zsh completion has syntax errors"
check
cmp -s "$WORK/_glancer" "$BUILD/share/_glancer" || fail "build/share/_glancer is not what glancer prints"
check
# compinit finds it on $fpath and binds it to glancer.
mkdir -p "$WORK/zfunc" && cp "$WORK/_glancer" "$WORK/zfunc/"
run zsh -f -c 'fpath=("$1" $fpath); autoload -Uz compinit; compinit -u -D; print -r -- $_comps[glancer]' _ "$WORK/zfunc"
[[ $OUT == "_glancer" ]] || fail "compinit does not bind _glancer to glancer"
check
OUT=$(cat "$WORK/_glancer")
for cmd in $commands; do
  expect_out "'$cmd:"
  for opt in $(options_of "$cmd"); do expect_out "$opt"; done
done

# --- man page --------------------------------------------------------------------------------
"$GLANCER" man >"$WORK/glancer.1"
cmp -s "$WORK/glancer.1" <(gzip -dc "$BUILD/share/glancer.1.gz") || fail "build/share/glancer.1.gz differs"
check
run groff -man -ww -z "$WORK/glancer.1"
[[ -z $OUT ]] || fail "groff warns about the man page"
check
set +e
text=$(MANWIDTH=100 man --warnings -E UTF-8 -l "$WORK/glancer.1" 2>"$WORK/man.err")
set -e
[[ ! -s $WORK/man.err ]] || { OUT=$(cat "$WORK/man.err"); fail "man --warnings complains"; }
OUT=$text
for section in NAME SYNOPSIS DESCRIPTION "GLOBAL OPTIONS" COMMANDS "EXIT STATUS" ENVIRONMENT FILES "SEE ALSO"; do
  grep -qx "$section" <<<"$OUT" || fail "man page lacks section $section"
  check
done
expect_out "glancer $(sed 's/^glancer //' <<<"$("$GLANCER" --version)")"
expect_out "OS_CLOUD"
expect_out "GLANCER_LOG"
for cmd in $commands; do
  expect_out "glancer $cmd"
  for opt in $(options_of "$cmd"); do expect_out "$opt"; done
done

# --- cmake --install -------------------------------------------------------------------------
prefix=$WORK/prefix
run cmake --install "$BUILD" --prefix "$prefix"
expect_code 0
installed=(bin/glancer share/bash-completion/completions/glancer share/zsh/vendor-completions/_glancer
  share/man/man1/glancer.1.gz share/doc/glancer/README.md share/doc/glancer/ci.md
  share/doc/glancer/manifest.md share/doc/glancer/examples/quickstart/images.yaml
  share/doc/glancer/schemas/glancer.schema.json)
for f in "${installed[@]}"; do
  [[ -f $prefix/$f ]] || fail "cmake --install did not install $f"
  check
done
[[ -x $prefix/bin/glancer ]] || fail "installed glancer is not executable"
run "$prefix/bin/glancer" --version
[[ $OUT == "$("$GLANCER" --version)" ]] || fail "installed glancer --version"
check
run "$prefix/bin/glancer" validate "$prefix/share/doc/glancer/examples/quickstart"
expect_code 0
expect_out "The manifests are valid"
cmp -s "$prefix/share/bash-completion/completions/glancer" "$WORK/glancer.bash" || fail "installed bash completion"
check

# --- the .deb (cpack from the existing build: nothing is rebuilt) ----------------------------
run cpack --config "$BUILD/CPackConfig.cmake" -G DEB -B "$WORK/pkg"
expect_code 0
debs=("$WORK"/pkg/glancer_*.deb)
[[ ${#debs[@]} == 1 && -f ${debs[0]} ]] || fail "cpack made no glancer_*.deb"
run dpkg-deb --info "${debs[0]}"
expect_code 0
expect_out "Package: glancer"
# The packaged binary's version, in Debian's form: 0.1.0-3-gabc-dirty -> 0.1.0+3.gabc.dirty
expect_out "Version: $("$GLANCER" --version | sed 's/^glancer //; s/-/+/; s/-/./g')
"
expect_out "Section: admin"
expect_out "Maintainer: "
expect_out "Description: declarative reconciler for OpenStack Glance images"
depends=$(sed -n 's/^ Depends: //p' <<<"$OUT")
for lib in libc6 libcurl4 libyaml-cpp libsqlite3 libssl3 libstdc++6; do
  grep -q "$lib" <<<"$depends" || fail "Depends lacks $lib: $depends"
  check
done
run dpkg-deb --contents "${debs[0]}"
for f in usr/bin/glancer usr/share/bash-completion/completions/glancer usr/share/zsh/vendor-completions/_glancer \
  usr/share/man/man1/glancer.1.gz usr/share/doc/glancer/ci.md usr/share/doc/glancer/examples/quickstart/images.yaml; do
  expect_out "./$f"
done
dpkg-deb -x "${debs[0]}" "$WORK/deb"
run "$WORK/deb/usr/bin/glancer" --version
[[ $OUT == "$("$GLANCER" --version)" ]] || fail "the packaged glancer --version"
check

# --- the pre-commit hook ---------------------------------------------------------------------
hook=$(python3 - "$SRC/.pre-commit-hooks.yaml" <<'PY'
import sys, yaml
hooks = yaml.safe_load(open(sys.argv[1]))
h = next(h for h in hooks if h["id"] == "glancer-validate")
assert h["language"] == "system" and h["pass_filenames"] is False, h
print(h["entry"])
PY
)
mkdir -p "$WORK/bin" && ln -s "$GLANCER" "$WORK/bin/glancer"
# The entry as pre-commit runs it (pass_filenames: false; the user's args are directories).
run env PATH="$WORK/bin:$PATH" $hook "$SRC/examples/quickstart" "$SRC/examples/kernel-ramdisk"
expect_code 0
run env PATH="$WORK/bin:$PATH" $hook "$SRC/tests/data/manifest/invalid/several-problems.yaml"
expect_code 1
expect_out "several-problems.yaml:7:14"
# And through pre-commit itself, on a scratch manifest repository.
if command -v pre-commit >/dev/null && git -C "$SRC" rev-parse --git-dir >/dev/null 2>&1; then
  manifests=$WORK/manifests
  cp -r "$SRC/examples/quickstart" "$manifests"
  git -C "$manifests" init -q && git -C "$manifests" add .
  try_repo() {
    run env -C "$manifests" PATH="$WORK/bin:$PATH" PRE_COMMIT_HOME="$WORK/pre-commit-home" \
      GIT_AUTHOR_NAME=test GIT_AUTHOR_EMAIL=test@example.org GIT_COMMITTER_NAME=test \
      GIT_COMMITTER_EMAIL=test@example.org pre-commit try-repo "$SRC" glancer-validate --all-files
  }
  try_repo
  expect_code 0
  expect_out "glancer validate"
  expect_out "Passed"
  sed -i 's/disk_format: raw/disk_format: floppy/' "$manifests/images.yaml"
  git -C "$manifests" add images.yaml
  try_repo
  expect_code 1
  expect_out "Failed"
  expect_out "images.yaml:"
fi
passed
