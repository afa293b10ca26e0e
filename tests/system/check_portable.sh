#!/bin/sh
# The portable code paths: where SSE2 is missing (aarch64, other machines),
# the runtime scans text eight bytes at a time by word arithmetic instead of
# sixteen with vector compares. On x86-64, where SSE2 is always there, build
# the runtime without it (-mno-sse2), with ASan and UBSan, and run the
# runtime's unit tests and the generated tests on that build. Elsewhere the
# normal build is the portable one already, and this is a skip.
set -u
CC=${CC:-cc}
. tests/lib/check.sh
case "$(uname -m)" in
x86_64 | amd64) ;;
*)
  skip "no SSE2 build" "not x86-64: the normal build already takes the portable paths"
  summary
  ;;
esac
work=$(mktemp -d) || give_up "no temporary directory"
trap 'rm -rf "$work"' EXIT
# The build's warnings, as errors: the paths only this build compiles must
# be as clean as the rest. (gcc: clang cannot return a double without SSE2
# on x86-64.)
WARN="-Wall -Wextra -Wpedantic -Wconversion -Wshadow -Werror"
FLAGS="-std=c11 -O1 -g -mno-sse2 -fsanitize=address,undefined -fno-sanitize-recover=all $WARN"
# INCLUDES: the include flags of the test build (make check passes them).
INC=${INCLUDES:--Iruntime -Igenerated -Igen -Itests/lib}
for f in runtime/*.c; do
  $CC $FLAGS $INC -c "$f" -o "$work/$(basename "$f" .c).o" ||
    give_up "cannot compile $f without SSE2"
done
run() { # name, sources...
  name=$1; shift
  if ! $CC $FLAGS $INC "$@" "$work"/*.o -lcmocka -o "$work/$name" 2>"$work/$name.log"; then
    fail "$name: does not build" "$(head -20 "$work/$name.log")"
    return
  fi
  run_counted "$name (no SSE2)" "$work/$name"
}
for t in tests/unit/runtime/test_*.c; do
  run "$(basename "$t" .c)" "$t"
done
run autobahn_test generated/autobahn_test.c generated/autobahn.c
summary
