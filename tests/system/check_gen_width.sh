#!/bin/sh
# The generator's output without clang-format reads on its own: for each
# test schema (autobahn, the catalogue, the chat pair), no line of the .h,
# .c or _test.c is wider than the printer's width, 80 columns (counted in
# characters; gen/printer_wrap.h), and the broken lines are the same C as
# clang-format makes of the same output: with the blanks outside literals
# dropped and adjacent string literals joined, the two texts are equal.
# Run from the repository root.
set -u
GEN=${GEN:-build/bin/wstypes-gen}
CFORMAT=${CFORMAT:-clang-format}
PYTHON=${PYTHON:-/usr/bin/python3}
WIDTH=80
. tests/lib/check.sh
work=$(mktemp -d) || give_up "no temporary directory"
trap 'rm -rf "$work"' EXIT
cp .clang-format "$work/"

# NAME SCHEMA [ARGS...]: generates SCHEMA as it is into raw/NAME and
# formatted into formatted/NAME.
generate() {
  name=$1 schema=$2
  shift 2
  "$GEN" "$@" -o "$work/raw/$name" "$schema" &&
    "$GEN" "$@" --clang-format="$CFORMAT" -o "$work/formatted/$name" "$schema"
}

generate autobahn schema/autobahn.wst || give_up "cannot generate schema/autobahn.wst"
generate library tests/system/catalog/library.wst || give_up "cannot generate the catalogue"
generate common tests/system/chat/common.wst || give_up "cannot generate common.wst"
generate chat tests/system/chat/chat.wst -I tests/system/chat || give_up "cannot generate chat.wst"

# FILE: the lines of FILE wider than WIDTH characters, as "LINE: TEXT".
wide_lines() {
  "$PYTHON" - "$1" "$WIDTH" <<'EOF'
import sys
with open(sys.argv[1], encoding="utf-8") as f:
    for number, line in enumerate(f, 1):
        if len(line.rstrip("\n")) > int(sys.argv[2]):
            print(f"{number}: {line.rstrip()}")
EOF
}

# RAW FORMATTED: says where the two differ as C, or nothing.
c_difference() {
  "$PYTHON" - "$1" "$2" <<'EOF'
import sys

def same_c(text):
    """text without the blanks outside literals, adjacent strings joined."""
    out, i, n = [], 0, len(text)
    while i < n:
        c = text[i]
        if c.isspace():
            i += 1
        elif text.startswith("/*", i):
            end = text.find("*/", i + 2)
            end = n if end < 0 else end + 2
            out.append("".join(text[i:end].split()))
            i = end
        elif c in "\"'":
            j = i + 1
            while j < n and text[j] != c:
                j += 2 if text[j] == "\\" else 1
            literal = text[i:j + 1]
            if c == '"' and out and out[-1].endswith('"') and out[-1].startswith('"'):
                out[-1] = out[-1][:-1] + literal[1:]
            else:
                out.append(literal)
            i = j + 1
        else:
            out.append(c)
            i += 1
    return "".join(out)

raw, formatted = (same_c(open(p, encoding="utf-8").read()) for p in sys.argv[1:3])
if raw != formatted:
    at = next((k for k in range(min(len(raw), len(formatted))) if raw[k] != formatted[k]),
              min(len(raw), len(formatted)))
    print(f"as is: ...{raw[max(0, at - 60):at + 60]}...")
    print(f"formatted: ...{formatted[max(0, at - 60):at + 60]}...")
EOF
}

for name in autobahn library common chat; do
  for suffix in .h .c _test.c; do
    file=$name$suffix
    wide=$(wide_lines "$work/raw/$name/$file")
    if [ -z "$wide" ]; then pass "$file within $WIDTH columns"
    else fail "$file has lines wider than $WIDTH columns" "$(echo "$wide" | head -5)"; fi
    diff=$(c_difference "$work/raw/$name/$file" "$work/formatted/$name/$file")
    if [ -z "$diff" ]; then pass "$file is the C clang-format makes"
    else fail "$file broken into other C than clang-format's" "$diff"; fi
  done
done
summary
