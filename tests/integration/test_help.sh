#!/usr/bin/env bash
# --help as an operator reads it: `Usage: glancer …` (not the path the binary was run by),
# plain value names, and every command listed, `completion` and `man` included.
source "$(dirname "$0")/lib.sh"

gx --help
expect_code 0
[[ $(sed -n 2p <<<"$OUT") == "Usage: glancer [OPTIONS] SUBCOMMAND" ]] || fail "usage line"
CHECKS=$((CHECKS + 1))
expect_no_out "$GLANCER"
expect_out "  completion                  Print a shell completion script"
expect_out "  man                         Print the glancer(1) man page in roff"

gx serve --help
expect_out "Usage: glancer serve [OPTIONS]"
expect_out "  --max-image-size SIZE "
expect_out "  --read-timeout SECONDS "
gx apply --help
expect_out "  --parallelism N "
expect_out "  --format human|json|markdown|junit"
expect_out "  --target KEY ..."
gx plan --help
expect_out "  --out FILE "
expect_out "  paths ... "
# Nothing of CLI11's type and validator text, in any command's help.
for cmd in "" validate plan apply destroy import show drift graph serve completion man; do
  gx $cmd --help
  for noise in 'SIZE:' 'kb(=1024b)' ':POSITIVE' 'INT' 'TEXT' ':{' "$GLANCER"; do
    expect_no_out "$noise"
  done
done

# The listed doc commands work, and their completion is offered.
gx completion bash
expect_code 0
expect_out "complete -F _glancer glancer"
expect_out "    completion)"
gx man
expect_code 0
expect_out ".SY \"glancer completion\""
passed
