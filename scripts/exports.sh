#!/bin/sh
# exports.sh HEADERS -- OBJECTS...: prints a linker version script for a
# shared library made of OBJECTS: the global symbols they define that the
# public HEADERS name (outside comments) are exported, everything else is
# local. Derived at build time, so a new public function is exported as soon
# as its header declares it, and an internal one (declared only in
# runtime/internal/) stays hidden, without any attribute in a header.
set -eu
headers=""
while [ $# -gt 0 ] && [ "$1" != -- ]; do headers="$headers $1"; shift; done
[ $# -gt 0 ] && shift
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
# The names in the headers' code: comments dropped, then one word a line.
# shellcheck disable=SC2086
awk '{
  out = ""; line = $0
  while (line != "") {
    if (incomment) {
      i = index(line, "*/"); if (!i) { line = ""; break }
      line = substr(line, i + 2); incomment = 0
    } else {
      i = index(line, "/*"); j = index(line, "//")
      if (j && (!i || j < i)) { out = out substr(line, 1, j - 1); line = ""; break }
      if (!i) { out = out line; line = ""; break }
      out = out substr(line, 1, i - 1) " "; line = substr(line, i + 2); incomment = 1
    }
  }
  print out
}' $headers | tr -c 'A-Za-z0-9_' '\n' | sort -u >"$tmp/named"
nm -g --defined-only -P "$@" | awk 'NF >= 2 && $2 != "U" { print $1 }' |
  sort -u >"$tmp/defined"
echo "{"
echo "  global:"
comm -12 "$tmp/defined" "$tmp/named" | sed 's/.*/    &;/'
echo "  local: *;"
echo "};"
