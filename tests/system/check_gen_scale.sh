#!/bin/sh
# The generator's cost grows with the schema, no faster: a chain of 30,000
# classes each deriving from the last (1.1 MB) is refused at the first class
# past the depth limit, and a module of 10,000 classes is generated whole,
# each under a generous bound (10 CPU seconds, 600 MB: ulimit), far above
# what linear work needs (under a second and some 100 MB) and far below
# what the quadratic work this guards against took (a minute and 3.6 GB for
# the chain). So are the other long things a schema can hold, each of
# which once cost time quadratic in its length: a class of 100,000 fields
# (the key order picked field by field: 97 s), an enum of 100,000 members
# on one line (columns counted from the line's start at every token, values
# compared pair by pair: minutes), and a module importing 10,000 others
# (files and prefixes compared pair by pair, a parser grammar kept per file:
# 12 s and 950 MB). GEN is the optimised generator (make check passes it).
set -u
. tests/lib/check.sh
GEN=${GEN:-build/bin/wstypes-gen}
PYTHON=${PYTHON:-python3}
[ -x "$GEN" ] || give_up "no generator at $GEN"
work=$(mktemp -d) || give_up "no temporary directory"
trap 'rm -rf "$work"' EXIT

"$PYTHON" - "$work" <<'PY' || give_up "could not write the schemas"
import sys
d = sys.argv[1]
with open(d + "/chain.wst", "w") as f:
    f.write("module m;\nprefix p;\nclass C0 { f0: int; }\n")
    for i in range(1, 30000):
        f.write("class C%d : C%d { f%d: int; }\n" % (i, i - 1, i))
with open(d + "/wide.wst", "w") as f:
    f.write("module m;\nprefix p;\n")
    for i in range(10000):
        f.write("/// Class %d.\nclass C%d { const K: int = %d; a: int; "
                "b: str? = null [max_len 9]; c: list<int> = []; d: map<str, bytes> = {}; }\n"
                % (i, i, i))
with open(d + "/fields.wst", "w") as f:
    f.write("module m;\nprefix p;\nclass C {\n")
    f.write("".join("  f%d: int;\n" % i for i in range(100000)))
    f.write("}\n")
with open(d + "/enum.wst", "w") as f:
    f.write("module m;\nprefix p;\nenum E { ")
    f.write(", ".join("m%d = %d" % (i, i) for i in range(100000)))
    f.write(" }\nclass C { e: E; }\n")
import os
os.mkdir(d + "/imports")
for i in range(10000):
    with open(d + "/imports/i%d.wst" % i, "w") as f:
        f.write("module i%d;\nprefix q%d;\nclass K%d { a: int; }\n" % (i, i, i))
with open(d + "/imports/top.wst", "w") as f:
    f.write("module m;\nprefix p;\n")
    f.write("".join('import "i%d.wst";\n' % i for i in range(10000)))
    f.write("class C { a: int; }\n")
PY

# bounded: CPU seconds, virtual memory in KiB
bounded() { (ulimit -t 10 && ulimit -v 600000 && "$@"); }

bounded "$GEN" --check "$work/chain.wst" >/dev/null 2>"$work/chain.err"
status=$?
if [ $status -eq 1 ] && [ "$(grep -c . "$work/chain.err")" -eq 3 ] &&
   grep -q "chain.wst:67:13: error: class 'C64' is more than 64 levels deep" "$work/chain.err"; then
  pass "a chain of 30,000 classes: one depth error, within the bound"
else
  fail "a chain of 30,000 classes (exit $status)" "$(head -3 "$work/chain.err")"
fi

if bounded "$GEN" -o "$work" "$work/wide.wst" >/dev/null 2>"$work/wide.err" &&
   [ -s "$work/wide.c" ] && [ -s "$work/wide_test.c" ]; then
  pass "a module of 10,000 classes generated within the bound"
else
  fail "a module of 10,000 classes" "$(head -3 "$work/wide.err")"
fi
# each generated whole, under the bound
long_one() { # what, schema
  if bounded "$GEN" --no-tests -o "$work/out" "$2" >/dev/null 2>"$work/long.err" &&
     [ -s "$work/out/$(basename "$2" .wst).c" ]; then
    pass "$1 generated within the bound"
  else
    fail "$1" "$(head -3 "$work/long.err")"
  fi
}
long_one "a class of 100,000 fields" "$work/fields.wst"
long_one "an enum of 100,000 members on one line" "$work/enum.wst"
long_one "a module importing 10,000 modules" "$work/imports/top.wst"
summary
