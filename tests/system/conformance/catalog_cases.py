"""Writes conformance cases for any generated module, from its descriptors.

No autobahn here: the classes are whatever `tool_conform describe` prints
(name, fields with their schema type spellings, defaults and constraints).
For each class that can be made, --count random field dicts are built from
the field types, within their constraints, and the expected texts come from
json.dumps and pprint.pformat of the dict (expect.py has the file format).
About half the instances also give an invalid input that decoding must
refuse (mutate.py).

Usage: catalog_cases.py --describe FILE [--seed N] [--count N] [--out FILE]
"""

import argparse
import json
import os
import random
import re
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

import expect  # noqa: E402
import mutate  # noqa: E402
import randvalues as rv  # noqa: E402

DEFAULT_SEED = 20240601
P_DEFAULT = 0.25  # how often an optional field keeps its default


# ---- type spellings: "int", "str?", "list<list<int>>", "map<str, str?>" ---

def parse_type(spelling: str, enum_name: str = None):
    """A type as a nested tuple: ("int",), ("opt", T), ("list", T),
    ("map", T), ("enum",) for the enum called enum_name. Raises ValueError
    on a spelling it does not know."""
    tokens = re.findall(r"[A-Za-z_][A-Za-z0-9_]*|[<>,?]", spelling)
    tokens = ["enum" if tok == enum_name else tok for tok in tokens]
    t, rest = _parse(tokens)
    if rest:
        raise ValueError(f"trailing {rest} in type {spelling!r}")
    return t


def _expect(tokens, tok):
    if not tokens or tokens[0] != tok:
        raise ValueError(f"expected {tok!r}, found {tokens[:1]}")
    return tokens[1:]


def _parse(tokens):
    if not tokens:
        raise ValueError("a type ends too early")
    head, rest = tokens[0], tokens[1:]
    if head in ("str", "bytes", "int", "bool", "headers", "float", "enum"):
        t = (head,)
    elif head == "list":
        inner, rest = _parse(_expect(rest, "<"))
        t, rest = ("list", inner), _expect(rest, ">")
    elif head == "map":
        rest = _expect(_expect(_expect(rest, "<"), "str"), ",")
        inner, rest = _parse(rest)
        t, rest = ("map", inner), _expect(rest, ">")
    else:
        raise ValueError(f"unknown type {head!r}")
    if rest and rest[0] == "?":
        t, rest = ("opt", t), rest[1:]
    return t, rest


# ---- random values of a type, within a field's constraints ---------------

def value_of(rng, t, field, depth=0):
    kind = t[0]
    if kind == "opt":
        return None if rng.random() < 0.3 else value_of(rng, t[1], field, depth)
    if kind == "enum":
        return rng.choice(field["enum"]["values"])
    if kind == "str":
        limit = field.get("max_len") if depth == 0 else None
        text = rv.text(rng) if limit is None else rv.text_within(rng, limit)
        text = rv.wire_text(text) if field.get("http") else text
        least = field.get("min_len", 0) if depth == 0 else 0
        return text + "x" * max(0, least - len(text.encode("utf-8")))
    if kind == "bytes":
        limit = field.get("max_len") if depth == 0 else None
        b = rv.octets(rng, 400 if limit is None else min(limit, 400))
        least = field.get("min_len", 0) if depth == 0 else 0
        return b + b"x" * max(0, least - len(b))
    if kind == "int":
        lo, hi = field.get("range") or (rv.INT64_MIN, rv.INT64_MAX)
        return rv.integer(rng, lo, hi) if depth == 0 else rv.integer(rng)
    if kind == "bool":
        return rng.random() < 0.5
    if kind == "float":
        lo, hi = field.get("float_range") or (None, None)
        return rv.double(rng, lo, hi) if depth == 0 else rv.double(rng)
    if kind == "headers":
        return rv.wire_headers(rng) if field.get("http") else rv.headers(rng)
    size = rng.randrange(0, 6 if depth == 0 else 4)
    if depth == 0:  # min_items and max_items hold for the field's value
        least = field.get("min_items", 0)
        most = min(field.get("max_items", 5), max(least, 5))
        size = rng.randint(least, max(least, most))
    if kind == "list":
        return [value_of(rng, t[1], field, depth + 1) for _ in range(size)]
    if kind == "map":
        d = {}
        while len(d) < size:
            d[rv.text(rng)] = value_of(rng, t[1], field, depth + 1)
        return d
    raise ValueError(f"no values for {t}")


def default_of(literal: str, field: dict, t):
    """The Python value of a schema default literal. Schema string escapes
    are a subset of JSON's, and the other literals are JSON words, except
    null/true/false which JSON spells the same way. An integer given to a
    float field is a float, as float(int) makes it; an enum member's name
    stands for its value."""
    enum = field.get("enum")
    if enum and literal in enum["names"]:
        return enum["values"][enum["names"].index(literal)]
    value = json.loads(literal)
    base = t[1] if t[0] == "opt" else t
    if base == ("float",) and isinstance(value, int):
        return float(value)
    return value


def with_aliases(rng, text: str, fields: list) -> str:
    """An input text with, at random, some keys spelled as their field's
    alias, which the decoder must take as the field."""
    aliased = {f["name"]: f["alias"] for f in fields
               if "alias" in f and rng.random() < 0.5}
    if not aliased:
        return text
    d = json.loads(text)
    return json.dumps({aliased.get(k, k): v for k, v in d.items()},
                      ensure_ascii=False)


# ---- cases ------------------------------------------------------------------

def case_lines(rng, cls: dict) -> list:
    d, at_default = {}, set()
    for field in cls["fields"]:
        name, literal = field["name"], field["default"]
        if literal is not None and rng.random() < P_DEFAULT:
            enum_name = field["enum"]["name"] if "enum" in field else None
            d[name] = default_of(literal, field,
                                 parse_type(field["type"], enum_name))
            at_default.add(name)
        else:
            enum_name = field["enum"]["name"] if "enum" in field else None
            d[name] = value_of(rng, parse_type(field["type"], enum_name), field)
    variant = None
    if rng.random() < 0.5:
        variant = with_aliases(rng, expect.shuffled_input(rng, d, at_default),
                               cls["fields"])
    lines = [expect.record(cls["name"], expect.compact_json(d),
                           expect.python_json(d), expect.pformat(d), variant)]
    if rng.random() < 0.5:
        lines.append(expect.reject_record(
            cls["name"], *mutate.invalid_input(rng, d, cls["fields"])))
    return lines


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--describe", required=True,
                    help="output of `tool_conform describe` for the module")
    ap.add_argument("--seed", type=int,
                    default=int(os.environ.get("WSTYPES_SEED", DEFAULT_SEED)))
    ap.add_argument("--count", type=int, default=500,
                    help="instances per class (default 500)")
    ap.add_argument("--out", default="-", help="case file (default stdout)")
    args = ap.parse_args(argv)

    with open(args.describe, encoding="utf-8") as f:
        classes = [c for c in json.load(f) if not c["abstract"]]
    if not classes:
        raise SystemExit("catalog_cases.py: the module has no class to make")
    out = sys.stdout if args.out == "-" else open(args.out, "w", encoding="ascii")
    with out:
        for cls in classes:
            rng = random.Random(f"{args.seed}:{cls['name']}")
            for _ in range(args.count):
                for line in case_lines(rng, cls):
                    out.write(line + "\n")
    print(f"catalog_cases.py: seed {args.seed}, {args.count} per class, "
          f"{len(classes)} classes", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
