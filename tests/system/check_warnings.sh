#!/bin/sh
# Strict warnings with both compilers on every source file, and the public
# headers compiled as C++.
set -u
WARN="-std=c11 -Wall -Wextra -Wpedantic -Wconversion -Wshadow -Werror"
INC="-Iruntime -Igenerated -Igen -Itests/lib"
pass=0 fail=0
try() { # name, command...
  name=$1; shift
  if out=$("$@" 2>&1); then pass=$((pass + 1)); else
    fail=$((fail + 1)); echo "FAIL $name"; echo "$out" | head -20; fi
}
for cc in gcc clang; do
  for f in runtime/*.c gen/*.c generated/*.c $(find tests -name '*.c' | sort); do
    [ -f "$f" ] || continue
    try "$cc $f" $cc $WARN -O2 $INC -c "$f" -o /dev/null
  done
done
for cxx in g++ clang++; do
  try "$cxx headers" $cxx -std=c++11 -Wall -Wextra -Wpedantic -Werror $INC \
    -fsyntax-only -x c++ tests/system/cxx_headers.hpp
done
echo "$pass passed, $fail failed"
[ "$fail" -eq 0 ]
