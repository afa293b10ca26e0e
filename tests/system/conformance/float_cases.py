"""Doubles and number texts for check_float.sh, with what CPython makes of
them: repr(float) for a double given by its bits, and repr(float(text)) for
a JSON number ("overflow" when float() gives an infinity, as the reader
refuses it).

Usage:
  float_cases.py make --seed N --count N INPUT EXPECTED
  float_cases.py compare INPUT EXPECTED ACTUAL     ("N passed, M failed")
"""

import math
import os
import random
import struct
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

import randvalues as rv  # noqa: E402


def bits_of(f: float) -> str:
    return "x%016x" % struct.unpack("<Q", struct.pack("<d", f))[0]


def number_text(rng: random.Random) -> str:
    """A JSON number: integers (long ones too), fractions, exponents near
    the ends of the double range, many digits, negative zero."""
    digits = "".join(rng.choice("0123456789") for _ in range(rng.randrange(1, 40)))
    digits = digits.lstrip("0") or "0"
    text = digits
    if rng.random() < 0.6:
        text += "." + "".join(rng.choice("0123456789")
                              for _ in range(rng.randrange(1, 30)))
    if rng.random() < 0.6:
        text += rng.choice("eE") + rng.choice(["", "+", "-"]) + \
            str(rng.choice([rng.randrange(0, 30), rng.randrange(280, 330)]))
    if rng.random() < 0.3:
        text = "-" + text
    return text


def expected_of_text(text: str) -> str:
    f = float(text)
    return "overflow" if math.isinf(f) else repr(f)


def make(seed: int, count: int, input_path: str, expected_path: str) -> None:
    rng = random.Random(seed)
    lines = []
    for f in rv.FLOAT_EDGES:
        lines.append((bits_of(f), repr(f)))
        lines.append((repr(f), repr(f)))
    for e in range(-1074, 1024):  # every power of two, and its neighbours
        for f in (math.ldexp(1.0, e), math.nextafter(math.ldexp(1.0, e), 0),
                  math.nextafter(math.ldexp(1.0, e), math.inf)):
            if math.isfinite(f):
                lines.append((bits_of(f), repr(f)))
    for _ in range(count):
        f = rv.double(rng)
        lines.append((bits_of(f), repr(f)))
        lines.append((bits_of(rv.random_double(rng)), None))
        text = number_text(rng)
        lines.append((text, expected_of_text(text)))
        lines.append(("%.25e" % f, repr(f)))  # more digits than needed
    with open(input_path, "w", encoding="ascii") as inp, \
            open(expected_path, "w", encoding="ascii") as exp:
        for text, expected in lines:
            if expected is None:
                bits = int(text[1:], 16)
                expected = repr(struct.unpack("<d", struct.pack("<Q", bits))[0])
            inp.write(text + "\n")
            exp.write(expected + "\n")


def compare(input_path: str, expected_path: str, actual_path: str) -> int:
    with open(input_path) as i, open(expected_path) as e, open(actual_path) as a:
        inputs, expected, actual = i.read().split("\n"), e.read().split("\n"), \
            a.read().split("\n")
    passed = failed = 0
    for k, want in enumerate(expected[:-1]):
        got = actual[k] if k < len(actual) else "(nothing)"
        if got == want:
            passed += 1
            continue
        failed += 1
        if failed <= 5:
            print(f"FAIL {inputs[k]}: expected {want}, got {got}")
    print(f"{passed} passed, {failed} failed")
    return 1 if failed else 0


def main(argv) -> int:
    if len(argv) == 8 and argv[1] == "make":
        make(int(argv[3]), int(argv[5]), argv[6], argv[7])
        return 0
    if len(argv) == 5 and argv[1] == "compare":
        return compare(*argv[2:])
    print(__doc__, file=sys.stderr)
    return 1


if __name__ == "__main__":
    sys.exit(main(sys.argv))
