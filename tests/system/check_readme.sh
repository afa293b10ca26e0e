#!/bin/sh
# The README's example program must compile (strict warnings) against the
# generated header and print exactly what the README says it prints.
set -u
. tests/lib/check.sh
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
between() { sed -n "/<!-- $1:begin -->/,/<!-- $1:end -->/p" README.md | sed '1,2d;$d' | sed '$d'; }
between example >"$tmp/example.c"
between example-output >"$tmp/expected.txt"
if [ ! -s "$tmp/example.c" ] || [ ! -s "$tmp/expected.txt" ]; then
  fail "README example or its output not found"
elif ${CC:-cc} -std=c11 -Wall -Wextra -Wpedantic -Wconversion -Werror \
    -fsanitize=address,undefined -Iruntime -Igenerated "$tmp/example.c" \
    "${BIN:-build/asan/bin}/../libwstypes.a" -o "$tmp/example" 2>"$tmp/cc.log"; then
  pass "README example compiles"
  "$tmp/example" >"$tmp/actual.txt"
  if cmp -s "$tmp/expected.txt" "$tmp/actual.txt"; then pass "README example output"
  else fail "README example output differs" "$(diff "$tmp/expected.txt" "$tmp/actual.txt")"; fi
else
  fail "README example does not compile" "$(cat "$tmp/cc.log")"
fi
summary
