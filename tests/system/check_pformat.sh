#!/bin/sh
# Checks the pprint engine against CPython 3.11, byte for byte, and that the
# committed Unicode table is what scripts/gen_unicode_table.py writes now.
#
# Random nested values (dicts with str keys, among them dicts given as entries
# with repeated keys, as headers are, and dicts of plain keys given sorted, as
# generated classes are; lists, str of every kind of Unicode, bytes, ints,
# bools, None) go to $BIN/tool_pformat; each output must
# equal pprint.pformat (and, in --repr mode, pprint.saferepr) of the same
# value. Run from the repo root. Environment: BIN (default build/asan/bin),
# PYTHON (default /usr/bin/python3), WSTYPES_SEED (default 20240611),
# WSTYPES_COUNT (values, default 2500). Ends with "N passed, M failed".
set -u
BIN=${BIN:-build/asan/bin}
PYTHON=${PYTHON:-/usr/bin/python3}
SEED=${WSTYPES_SEED:-20240611}
COUNT=${WSTYPES_COUNT:-2500}
tool=$BIN/tool_pformat
. tests/lib/check.sh

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

if "$PYTHON" scripts/gen_unicode_table.py "$tmp/table.c" &&
  cmp -s "$tmp/table.c" runtime/ws_unicode_table.c; then
  pass "runtime/ws_unicode_table.c matches scripts/gen_unicode_table.py"
else
  fail "runtime/ws_unicode_table.c differs from what the script writes:" \
    "$(diff "$tmp/table.c" runtime/ws_unicode_table.c | head -20)"
fi

[ -x "$tool" ] || give_up "$tool is missing (build it with make)"

run_counted "pformat and saferepr against CPython" "$PYTHON" - "$tool" "$SEED" "$COUNT" <<'EOF'
import difflib
import pprint
import random
import subprocess
import sys

tool, seed, count = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
passed, failed = 0, 0
rng = random.Random(seed)

# Characters by kind; str values are built from runs of these.
LINE_BREAKS = ["\n", "\r", "\r\n", "\v", "\f", "\x1c", "\x1d", "\x1e",
               "\x85", "\u2028", "\u2029"]
SPACES = [" ", "\t", "\xa0", "\u1680", "\u2000", "\u2005", "\u200a",
          "\u202f", "\u205f", "\u3000", "\x1f"]
CONTROLS = [chr(c) for c in range(0x20)] + [chr(c) for c in range(0x7f, 0xa1)]
COMBINING = ["\u0301", "\u0300", "\u0308", "\u20dd", "\ufe0f", "\u200d"]
WIDE = ["\u4e2d", "\u6587", "\uac00", "\uff21", "\u3042"]
ASTRAL = ["\U0001f600", "\U0001f468", "\U00020000", "\U0001d11e",
          "\U000e0001", "\U000f0000", "\U0010ffff", "\U0001fbff"]
ODD_BMP = ["\u00ad", "\u200b", "\ufeff", "\u0378", "\ue000", "\ufffd",
           "\uffff", "\u2066", "\u0600", "\u00e9", "\u03a9", "\u0416"]
QUOTES = ["'", '"', "\\", "''", '""', "'\""]


def any_code_point():
    while True:
        top = 0x110000 if rng.random() < 0.5 else 0x3000
        cp = rng.randrange(top)
        if not 0xD800 <= cp <= 0xDFFF:
            return chr(cp)


def word(n):
    return "".join(rng.choice("abcdefghijklmnopqrstuvwxyz0123456789_-/.:")
                   for _ in range(n))


def piece():
    kind = rng.random()
    if kind < 0.35:
        return word(rng.randrange(1, 12))
    if kind < 0.5:
        return rng.choice(SPACES) * rng.choice([1, 1, 1, 2, 5])
    if kind < 0.58:
        return rng.choice(LINE_BREAKS)
    if kind < 0.64:
        return rng.choice(QUOTES)
    if kind < 0.70:
        return rng.choice(CONTROLS)
    if kind < 0.75:
        return rng.choice("aeo") + rng.choice(COMBINING)
    if kind < 0.80:
        return "".join(rng.choice(WIDE) for _ in range(rng.randrange(1, 6)))
    if kind < 0.85:
        return rng.choice(ASTRAL)
    if kind < 0.90:
        return rng.choice(ODD_BMP)
    if kind < 0.95:
        return any_code_point()
    return word(rng.randrange(30, 120))  # too long for any line


def text(limit):
    """A str whose length lands anywhere up to limit, often near 80."""
    target = rng.choice([0, 1, 3, 10, 40, 60, 70, 75, 78, 80, 85, 100, 160,
                         250, rng.randrange(limit + 1)])
    out = ""
    while len(out) < target:
        out += piece()
    return out


def dense_text():
    """A small alphabet of troublemakers, so that spaces, breaks, quotes
    and escapes land on every column near the width limit."""
    alphabet = ["a", "b", " ", " ", "\n", "\r", "\r\n", "'", '"', "\x00",
                "\\", "\u00e9", "\u4e2d", "\u3000", "\x85", "\U0001f600",
                "\t", "\u2028"]
    n = rng.randrange(40, 220)
    return "".join(rng.choice(alphabet) for _ in range(n))


def plain_text():
    """Mostly words and spaces, as real field values are."""
    n = rng.randrange(0, 200)
    parts = []
    while sum(map(len, parts)) < n:
        parts.append(word(rng.randrange(1, 10)))
    return " ".join(parts)


def some_bytes():
    n = rng.choice([0, 1, 4, 5, 8, 16, 20, 21, 40, 63, 64, 77, 80, 120,
                    rng.randrange(300)])
    kind = rng.random()
    if kind < 0.3:
        return bytes(rng.randrange(256) for _ in range(n))
    if kind < 0.6:
        return plain_text().encode()[:n]
    alphabet = b"ab'\"\\\t\n\r\x00\x7f\x80\xff  xyz"
    return bytes(rng.choice(alphabet) for _ in range(n))


def key():
    r = rng.random()
    if r < 0.6:
        return word(rng.randrange(1, 16))
    if r < 0.75:
        return text(20)
    if r < 0.83:
        return dense_text()[:rng.randrange(1, 60)]
    if r < 0.9:
        return word(rng.randrange(40, 90))  # pushes values past column 80
    return rng.choice(["", "a", "B", "\u00e9", "\U0001f600", "_", "A" * 3])


def scalar():
    r = rng.random()
    if r < 0.05:
        return None
    if r < 0.10:
        return rng.random() < 0.5
    if r < 0.25:
        return rng.choice([0, -1, 1, 2**63 - 1, -2**63, 10**18,
                           rng.randrange(-2**63, 2**63),
                           rng.randrange(-1000, 1000)])
    if r < 0.50:
        return text(300)
    if r < 0.60:
        return dense_text()
    if r < 0.75:
        return plain_text()
    return some_bytes()


class Entries:
    """A dict given as entries whose keys may repeat (as headers are):
    Python sees each key once, with its one value or the list of them."""

    def __init__(self, pairs):
        self.pairs = pairs

    def as_dict(self):
        grouped = {}
        for k, v in self.pairs:
            grouped.setdefault(k, []).append(v)
        return {k: vs[0] if len(vs) == 1 else vs for k, vs in grouped.items()}


class ClassLike(dict):
    """A dict of plain keys, given sorted: as a generated class's view."""


PLAIN_KEY_CHARS = "abcdefghijklmnopqrstuvwxyz_0123456789"


def plain_key():
    return "".join(rng.choice(PLAIN_KEY_CHARS)
                   for _ in range(rng.choice([1, 3, 5, 8, 12, 20, 40])))


def value(depth):
    r = rng.random()
    if depth >= 5 or r < 0.45:
        return scalar()
    n = rng.choice([0, 1, 2, 3, 4, 6, 9])
    if r < 0.66:
        return [value(depth + 1) for _ in range(n)]
    if r < 0.76:
        return ClassLike({plain_key(): value(depth + 1) for _ in range(n)})
    if r < 0.86:
        names = [key() for _ in range(rng.randrange(1, 4))] if n else []
        return Entries([(rng.choice(names), value(depth + 1))
                        for _ in range(n)])
    return {key(): value(depth + 1) for _ in range(n)}


def python_value(v):
    """The value as Python sees it: Entries grouped, all else as is."""
    if isinstance(v, Entries):
        return {k: python_value(x) for k, x in v.as_dict().items()}
    if isinstance(v, dict):
        return {k: python_value(x) for k, x in v.items()}
    if isinstance(v, list):
        return [python_value(x) for x in v]
    return v


def encode(v, out):
    if v is None:
        out.append("N")
    elif isinstance(v, bool):
        out.append("T" if v else "F")
    elif isinstance(v, int):
        out.append("I %d" % v)
    elif isinstance(v, str):
        out.append("S " + v.encode("utf-8").hex())
    elif isinstance(v, bytes):
        out.append("B " + v.hex())
    elif isinstance(v, list):
        out.append("L %d" % len(v))
        for item in v:
            encode(item, out)
    elif isinstance(v, Entries):
        out.append("E %d" % len(v.pairs))
        for k, item in v.pairs:
            out.append("K " + k.encode("utf-8").hex())
            encode(item, out)
    elif isinstance(v, ClassLike):
        out.append("C %d" % len(v))
        for k in sorted(v):
            out.append("K " + k.encode("utf-8").hex())
            encode(v[k], out)
    else:
        out.append("D %d" % len(v))
        for k, item in v.items():
            out.append("K " + k.encode("utf-8").hex())
            encode(item, out)


values = []
for i in range(count):
    # Top-level scalars get the parenthesised layout; make sure there are some.
    values.append(scalar() if i % 5 == 0 else value(0))
lines = []
for v in values:
    encode(v, lines)
stdin = ("\n".join(lines) + "\n").encode()

shown = 0
for mode, expect in (("pformat", pprint.pformat), ("--repr", pprint.saferepr)):
    args = [tool] + ([mode] if mode == "--repr" else [])
    run = subprocess.run(args, input=stdin, capture_output=True)
    got = run.stdout.decode("utf-8", "replace").split("\n@@\n")
    if run.returncode != 0 or len(got) != count + 1:
        print("FAIL %s mode: exit %d, %d outputs for %d values\n%s" %
              (mode, run.returncode, len(got) - 1, count,
               run.stderr.decode("utf-8", "replace")[-2000:]))
    for i, v in enumerate(values):
        want = expect(python_value(v))
        if i < len(got) - 1 and got[i] == want:
            passed += 1
            continue
        failed += 1
        if shown < 5:
            shown += 1
            print("FAIL %s of value %d: %s" % (mode, i,
                                               ascii(python_value(v))[:300]))
            mine = got[i] if i < len(got) - 1 else "<no output>"
            sys.stdout.writelines(difflib.unified_diff(
                want.splitlines(True), mine.splitlines(True),
                "python", "ours", n=2))
            print()
print("seed %d, %d values" % (seed, count))
print("%d passed, %d failed" % (passed, failed))
sys.exit(1 if failed else 0)
EOF
summary
