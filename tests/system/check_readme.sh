#!/bin/sh
# The README's example program must compile (strict warnings) against the
# generated header and print exactly what the README says it prints.
set -u
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
between() { sed -n "/<!-- $1:begin -->/,/<!-- $1:end -->/p" README.md | sed '1,2d;$d' | sed '$d'; }
between example >"$tmp/example.c"
between example-output >"$tmp/expected.txt"
pass=0 fail=0
if [ ! -s "$tmp/example.c" ] || [ ! -s "$tmp/expected.txt" ]; then
  echo "FAIL README example or its output not found"; fail=1
elif ${CC:-cc} -std=c11 -Wall -Wextra -Wpedantic -Wconversion -Werror \
    -fsanitize=address,undefined -Iruntime -Igenerated "$tmp/example.c" \
    "${BIN:-build/asan/bin}/../libwstypes.a" -o "$tmp/example" 2>"$tmp/cc.log"; then
  pass=$((pass + 1))
  "$tmp/example" >"$tmp/actual.txt"
  if cmp -s "$tmp/expected.txt" "$tmp/actual.txt"; then pass=$((pass + 1))
  else fail=$((fail + 1)); echo "FAIL README example output differs"; diff "$tmp/expected.txt" "$tmp/actual.txt"; fi
else
  fail=$((fail + 1)); echo "FAIL README example does not compile"; cat "$tmp/cc.log"
fi
echo "$pass passed, $fail failed"
[ "$fail" -eq 0 ]
