#!/bin/sh
# The README's example program must compile (strict warnings) against the
# generated header and print exactly what the README says it prints; the
# README's table of errors must be the rows of tests/data/json_errors.tsv
# that have a README column.
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

# NAME, README, WHERE and MESSAGE of each row the README shows.
while read_tsv_row name readme command class options input where status message; do
  [ "$readme" = - ] || printf '| %s | %s | `%s: %s` |\n' "$name" "$readme" "$where" "$message"
done <tests/data/json_errors.tsv >"$tmp/errors.md"
sed -n '/<!-- json-errors:begin -->/,/<!-- json-errors:end -->/p' README.md |
  sed '1,3d;$d' >"$tmp/readme-errors.md"
if [ ! -s "$tmp/readme-errors.md" ]; then
  fail "README table of errors not found"
elif cmp -s "$tmp/errors.md" "$tmp/readme-errors.md"; then
  pass "README table of errors is tests/data/json_errors.tsv"
else
  fail "README table of errors differs from tests/data/json_errors.tsv (- README, + data):" \
    "$(diff "$tmp/readme-errors.md" "$tmp/errors.md")"
fi
summary
