#!/bin/sh
# The portable code paths: where SSE2 is missing (aarch64, other machines),
# the runtime scans text eight bytes at a time by word arithmetic instead of
# sixteen with vector compares. On x86-64, where SSE2 is always there, build
# the runtime without it (-mno-sse2), with ASan and UBSan, and run the
# runtime's unit tests and the generated tests on that build. Elsewhere the
# normal build is the portable one already. Ends with "N passed, M failed".
set -u
CC=${CC:-cc}
case "$(uname -m)" in
x86_64 | amd64) ;;
*)
  echo "not x86-64: the normal build already takes the portable paths"
  echo "0 passed, 0 failed"
  exit 0
  ;;
esac
work=$(mktemp -d) || exit 1
trap 'rm -rf "$work"' EXIT
FLAGS="-std=c11 -O1 -g -mno-sse2 -fsanitize=address,undefined -fno-sanitize-recover=all"
INC="-Iruntime -Igenerated -Itests/lib"
pass=0 fail=0
for f in runtime/*.c; do
  $CC $FLAGS $INC -c "$f" -o "$work/$(basename "$f" .c).o" || {
    echo "FAIL cannot compile $f without SSE2"
    echo "0 passed, 1 failed"
    exit 1
  }
done
run() { # name, sources...
  name=$1; shift
  if ! $CC $FLAGS $INC "$@" "$work"/*.o -lcmocka -o "$work/$name" 2>"$work/$name.log"; then
    fail=$((fail + 1)); echo "FAIL $name: does not build"; head -20 "$work/$name.log"
    return
  fi
  "$work/$name" >"$work/$name.log" 2>&1
  status=$?
  p=$(sed -n 's/^\[  PASSED  \] \([0-9]*\) test.*/\1/p' "$work/$name.log")
  f=$(sed -n 's/^\[  FAILED  \] \([0-9]*\) test.*/\1/p' "$work/$name.log")
  pass=$((pass + ${p:-0})); fail=$((fail + ${f:-0}))
  if [ "$status" -ne 0 ] && [ -z "$f" ]; then fail=$((fail + 1)); fi
  if [ "$status" -ne 0 ]; then echo "FAIL $name (no SSE2)"; tail -30 "$work/$name.log"; fi
}
for t in tests/unit/runtime/test_*.c; do
  run "$(basename "$t" .c)" "$t"
done
run autobahn_test generated/autobahn_test.c generated/autobahn.c
echo "$pass passed, $fail failed"
[ "$fail" -eq 0 ]
