#!/bin/sh
# Runs every test and ends with one line: "N passed, M failed".
# Each test is a cmocka binary in $1 (test_* and *_test) or a script
# tests/system/check_*.sh; tests/lib/check.sh counts and reports for both
# (a script ends with the same summary this prints).
set -u
bindir=$1
. tests/lib/check.sh

for t in "$bindir"/test_* "$bindir"/*_test; do
  [ -x "$t" ] || continue
  run_counted "$(basename "$t")" "$t"
done
for s in tests/system/check_*.sh; do
  [ -f "$s" ] || continue
  run_counted "$(basename "$s")" sh "$s"
done
summary
