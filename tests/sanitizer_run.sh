#!/usr/bin/env bash
# Runs one test of the sanitizer build (GLANCER_SANITIZE, `make test-asan`): COMMAND… with the
# AddressSanitizer / LeakSanitizer reports of every process it starts written to a fresh
# directory, beside a marker for every process a sanitizer stopped (UBSan included, whose g++
# runtime prints its report on the process's stderr), and fails when any was written. The exit
# code alone is not enough: an integration test expects many glancer runs to fail (exit 1, as a
# report also does), and a `glancer serve` in the background reports to a log nobody reads.
# Usage: tests/sanitizer_run.sh COMMAND [ARGS…]
set -uo pipefail
here=$(cd "$(dirname "$0")" && pwd)
reports=$(mktemp -d "${TMPDIR:-/tmp}/glancer-sanitizer.XXXXXX")
# Defaults first so that options given by the caller win; log_path last so it always applies.
defaults="halt_on_error=1:print_stacktrace=1"
export ASAN_OPTIONS="detect_leaks=1:$defaults:${ASAN_OPTIONS:+$ASAN_OPTIONS:}log_path=$reports/report"
export UBSAN_OPTIONS="$defaults:${UBSAN_OPTIONS:+$UBSAN_OPTIONS:}log_path=$reports/report"
# Leaks inside third-party libraries, one commented entry each (none in glancer's own code).
if [[ -f $here/lsan.supp ]]; then
  export LSAN_OPTIONS="suppressions=$here/lsan.supp:print_suppressions=0${LSAN_OPTIONS:+:$LSAN_OPTIONS}"
fi

# Markers of processes a sanitizer stopped (tests/sanitizer_hook.cpp), UBSan's included.
export GLANCER_SANITIZER_REPORTS=$reports

"$@"
code=$?

shopt -s nullglob
found=("$reports"/report* "$reports"/died.*)
if ((${#found[@]})); then
  for f in "${found[@]}"; do
    echo "=== sanitizer $(basename "$f") ===" >&2
    cat "$f" >&2
  done
  echo "sanitizer: findings in the processes of this test (its exit was $code)" >&2
  rm -rf "$reports"
  exit 1
fi
rm -rf "$reports"
exit "$code"
