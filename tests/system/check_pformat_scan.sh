#!/bin/sh
# Checks pprint's layout of str that is not plain text against CPython 3.11,
# byte for byte: the one reading of a str (runtime/ws_repr_scan.c, 16 or 32
# bytes at a time with a table look-up a character of two or three bytes,
# or a character at a time for the shortest) and the pieces found from it
# (runtime/ws_pformat_scanned.c, counting code points forward from a
# piece's start or back from its line's end).
#
# Random str of mixed scripts (two, three and four bytes a character),
# characters Python does not print, every kind of white space and line
# break, quotes of both kinds and backslashes, at every byte length around
# the scan's block edges and every width around the line's: on their own
# (the parenthesised top level), in lists, as dict values behind keys of
# every length, and nested. Each goes to $BIN/tool_pformat; its output must
# equal pprint.pformat of the same value. Run from the repo root.
# Environment: BIN (default build/asan/bin), PYTHON (default
# /usr/bin/python3), WSTYPES_SEED (default 20261206), WSTYPES_COUNT (values,
# default 3000). Ends with "N passed, M failed".
set -u
BIN=${BIN:-build/asan/bin}
PYTHON=${PYTHON:-/usr/bin/python3}
SEED=${WSTYPES_SEED:-20261206}
COUNT=${WSTYPES_COUNT:-3000}
tool=$BIN/tool_pformat
. tests/lib/check.sh

[ -x "$tool" ] || give_up "$tool is missing (build it with make)"

run_counted "pformat of scanned str against CPython" "$PYTHON" - "$tool" "$SEED" "$COUNT" <<'EOF'
import difflib
import pprint
import random
import subprocess
import sys

tool, seed, count = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
rng = random.Random(seed)

# Characters by how the scan meets them.
LETTERS = "abcdefghijklmnopqrstuvwxyz0123456789-/.:,;|"
TWO = ("\u00e9\u00f6\u00fc\u00df\u0393\u03b5\u03b9\u03ac\u03c3\u03bf\u03c5"
       "\u041f\u0440\u0438\u05e9\u05dc\u05d5\u05dd\u0645\u0631\u062d\u0628"
       "\u0378\u0380\u00ad\u0600\u0605\u061c\u07ff\u0080\u009f")
THREE = ("\u4f60\u597d\u4e16\u754c\u3053\u3093\u306b\u3061\u306f\u0928\u092e"
         "\u0938\u094d\u2014\u201c\u201d\u2018\u2019\u2026\uff0c\uac00\u0800"
         "\u0fff\ud7ff\ue000\ufffd\uffff\u200b\u2066\ufeff\u3040\u2fff")
FOUR = ("\U0001f389\U0001f680\U0001f600\U00010000\U0001ffff\U00020000"
        "\U000e0001\U0010ffff\U0001d11e\U0002fa1d\U000f0000")
SPACES = [" ", " ", " ", "  ", "\t", "\xa0", "\u1680", "\u2000", "\u2009",
          "\u202f", "\u205f", "\u3000", "\x1c", "\x1f"]
BREAKS = ["\n", "\r", "\r\n", "\v", "\f", "\x1d", "\x1e", "\x85", "\u2028",
          "\u2029"]
ODD = ["'", '"', "\\", "\x00", "\x07", "\x1b", "\x7f", "'", '"']


def word():
    kind = rng.random()
    n = rng.choice([1, 2, 3, 4, 5, 7, 9, 12])
    if kind < 0.3:
        return "".join(rng.choice(LETTERS) for _ in range(n))
    if kind < 0.55:
        return "".join(rng.choice(TWO) for _ in range(n))
    if kind < 0.8:
        return "".join(rng.choice(THREE) for _ in range(n))
    if kind < 0.9:
        return "".join(rng.choice(FOUR) for _ in range(rng.randrange(1, 4)))
    pool = LETTERS + TWO + THREE + FOUR
    return "".join(rng.choice(pool) for _ in range(rng.randrange(20, 70)))


def text():
    """Words of mixed scripts, mostly between spaces, sometimes with a
    line break, an escape or a quote, until a byte length near a block
    edge or a width near the line's."""
    if rng.random() < 0.5:
        # Block edges: 16 bytes, read in place when 3 more follow, two
        # blocks at a time when 35 bytes are left.
        target = rng.choice([15, 16, 17, 18, 19, 20, 31, 32, 33, 34, 35, 36,
                             37, 47, 48, 49, 50, 51, 52, 53, 63, 64, 65, 66,
                             67, 68, 69, 70, 95, 96, 97, 98, 99, 100, 101])
        measure = lambda s: len(s.encode())
    else:
        target = rng.randrange(40, 200)
        measure = len
    out = ""
    while measure(out) < target:
        r = rng.random()
        if r < 0.55:
            out += word()
        elif r < 0.8:
            out += rng.choice(SPACES)
        elif r < 0.88:
            out += rng.choice(BREAKS)
        else:
            out += rng.choice(ODD)
    while measure(out) > target and len(out) > 1:
        out = out[:-1]
    return out


def key():
    return "k" * rng.choice([0, 1, 5, 10, 20, 30, 40, 50, 60, 70])


def value():
    r = rng.random()
    if r < 0.25:
        return text()
    if r < 0.45:
        return [text() for _ in range(rng.randrange(1, 4))]
    if r < 0.8:
        return {key(): text()}
    return {key(): [text(), {key(): text()}]}


def encode(v, out):
    if isinstance(v, str):
        out.append("S " + v.encode("utf-8").hex())
    elif isinstance(v, list):
        out.append("L %d" % len(v))
        for item in v:
            encode(item, out)
    else:
        out.append("D %d" % len(v))
        for k, item in v.items():
            out.append("K " + k.encode("utf-8").hex())
            encode(item, out)


values = [value() for _ in range(count)]
lines = []
for v in values:
    encode(v, lines)
run = subprocess.run([tool], input=("\n".join(lines) + "\n").encode(),
                     capture_output=True)
got = run.stdout.decode("utf-8", "replace").split("\n@@\n")
passed, failed, shown = 0, 0, 0
if run.returncode != 0 or len(got) != count + 1:
    print("FAIL: exit %d, %d outputs for %d values\n%s" %
          (run.returncode, len(got) - 1, count,
           run.stderr.decode("utf-8", "replace")[-2000:]))
for i, v in enumerate(values):
    want = pprint.pformat(v)
    if i < len(got) - 1 and got[i] == want:
        passed += 1
        continue
    failed += 1
    if shown < 5:
        shown += 1
        print("FAIL value %d: %s" % (i, ascii(v)[:300]))
        mine = got[i] if i < len(got) - 1 else "<no output>"
        sys.stdout.writelines(difflib.unified_diff(
            want.splitlines(True), mine.splitlines(True), "python", "ours",
            n=2))
        print()
print("seed %d, %d values" % (seed, count))
print("%d passed, %d failed" % (passed, failed))
sys.exit(1 if failed else 0)
EOF
summary
