#!/bin/sh
# Strict warnings with both compilers on every source file, and the public
# headers compiled as C++.
set -u
WARN="-std=c11 -Wall -Wextra -Wpedantic -Wconversion -Wshadow -Werror"
# INCLUDES: the include flags of the test build (make check passes them).
INC=${INCLUDES:--Iruntime -Igenerated -Igen -Itests/lib}
. tests/lib/check.sh
try() { # name, command...
  name=$1; shift
  if out=$("$@" 2>&1); then pass "$name"; else fail "$name" "$(echo "$out" | head -20)"; fi
}
for cc in gcc clang; do
  for f in runtime/*.c gen/*.c generated/*.c handshake/*.c $(find tests -name '*.c' | sort); do
    [ -f "$f" ] || continue
    try "$cc $f" $cc $WARN -O2 $INC -c "$f" -o /dev/null
  done
done
# with the chat schema's headers, which the build generates into build/chat
for cxx in g++ clang++; do
  try "$cxx headers" $cxx -std=c++11 -Wall -Wextra -Wpedantic -Werror $INC -Ibuild/chat \
    -fsyntax-only -x c++ tests/system/cxx_headers.hpp
done
summary
