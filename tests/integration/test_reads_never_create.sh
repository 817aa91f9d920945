#!/usr/bin/env bash
# Reads never create a store: plan, drift, graph, destroy and validate leave a missing store
# missing and say how to get one; --store naming a missing directory is an error except for
# apply and import; --cloud with --store names two targets and is an error.
source "$(dirname "$0")/lib.sh"
copy_quickstart
QS="$WORK/qs"
EMPTY="$WORK/cwd"  # a working directory without clouds.yaml or .glancer/
mkdir "$EMPTY"
# No cloud from the environment or the usual clouds.yaml places.
export HOME="$WORK/home" XDG_CONFIG_HOME="$WORK/home/.config"
unset OS_CLOUD OS_AUTH_URL OS_ENDPOINT OS_TOKEN OS_AUTH_TYPE 2>/dev/null || true

cd "$EMPTY"
for cmd in plan drift graph; do
  gx "$cmd" "$QS"
  expect_code 1
  expect_out "no image service configured and no store at ./.glancer/store; \`glancer apply\` creates it, or use --cloud"
done
gx destroy --auto-approve "$QS"
expect_code 1
expect_out "no store at ./.glancer/store"
gx validate "$QS"
expect_code 0
[[ ! -e $EMPTY/.glancer ]] || fail "a read created ./.glancer"
CHECKS=$((CHECKS + 1))
cd "$WORK"

# --store naming a missing directory.
for cmd in plan drift graph; do
  g "$cmd" "$QS"
  expect_code 1
  expect_out "no store at $STORE (--store); \`glancer apply --store $STORE\` creates it"
done
[[ ! -e $STORE ]] || fail "a read created $STORE"
CHECKS=$((CHECKS + 1))

# apply creates it; then the reads work.
g apply --auto-approve "$QS"
expect_code 0
g plan --detailed-exitcode "$QS"
expect_code 0
expect_out "No changes."

# import may create its store too (then finds no such image).
gx --store "$WORK/other" import tiny-linux 00000000-0000-0000-0000-000000000000 "$QS"
expect_code 1
[[ -e $WORK/other ]] || fail "import did not open its store"
CHECKS=$((CHECKS + 1))

# Two explicit targets are an error, not a silent choice.
g --cloud somewhere plan "$QS"
expect_code 1
expect_out "--cloud somewhere and --store $STORE name two targets; give one"
g serve --cloud somewhere
expect_code 1
expect_out "glancer serve serves an embedded store (--store DIR); --cloud somewhere names a cloud"

# An explicit --store beats OS_CLOUD from the environment (flags override the environment).
OS_CLOUD=somewhere g plan --detailed-exitcode "$QS"
expect_code 0
expect_out "target: local store $STORE"

passed
