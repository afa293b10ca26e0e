#!/bin/sh
# The generator's cost grows with the schema, no faster: a chain of 30,000
# classes each deriving from the last (1.1 MB) is refused at the first class
# past the depth limit, and a module of 10,000 classes is generated whole,
# each under a generous bound (10 CPU seconds, 600 MB: ulimit), far above
# what linear work needs (under a second and some 100 MB) and far below
# what the quadratic work this guards against took (a minute and 3.6 GB for
# the chain). GEN is the optimised generator (make check passes it).
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
summary
