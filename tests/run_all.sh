#!/bin/sh
# Runs every test and ends with one line: "N passed, M failed".
# Each test is a cmocka binary in $1 (test_* and *_test) or a script
# tests/system/check_*.sh; a script prints its own "N passed, M failed" line.
# A test that exits non-zero without reporting a failure counts as one.
set -u
bindir=$1
passed=0
failed=0
log=$(mktemp)
trap 'rm -f "$log"' EXIT

tally() { # name, exit code
  p=$(sed -n 's/^\[  PASSED  \] \([0-9]*\) test.*/\1/p' "$log" | awk '{s+=$1} END {print s+0}')
  f=$(sed -n 's/^\[  FAILED  \] \([0-9]*\) test.*/\1/p' "$log" | awk '{s+=$1} END {print s+0}')
  pp=$(sed -n 's/^\([0-9][0-9]*\) passed, \([0-9][0-9]*\) failed$/\1/p' "$log" | awk '{s+=$1} END {print s+0}')
  ff=$(sed -n 's/^\([0-9][0-9]*\) passed, \([0-9][0-9]*\) failed$/\2/p' "$log" | awk '{s+=$1} END {print s+0}')
  p=$((p + pp)); f=$((f + ff))
  if [ "$2" -ne 0 ] && [ "$f" -eq 0 ]; then f=1; fi
  if [ "$f" -ne 0 ]; then
    echo "FAIL $1 ($p passed, $f failed)"; sed 's/^/    /' "$log" | tail -40
  else
    echo "ok   $1 ($p passed)"
  fi
  passed=$((passed + p)); failed=$((failed + f))
}

for t in "$bindir"/test_* "$bindir"/*_test; do
  [ -x "$t" ] || continue
  "$t" >"$log" 2>&1
  tally "$(basename "$t")" $?
done
for s in tests/system/check_*.sh; do
  [ -f "$s" ] || continue
  sh "$s" >"$log" 2>&1
  tally "$(basename "$s")" $?
done
echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
