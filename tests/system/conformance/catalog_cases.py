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

# The module's classes by name, and those of imported modules its fields
# reach, for fields whose type is a class.
CLASSES = {}

# Below this many levels of class values inside class values, lists and
# maps of them are left empty, so that a class that holds itself through a
# list (a tree) makes values of a bounded size.
MAX_NEST = 3


def parse_type(spelling: str, enum_name: str = None):
    """A type as a nested tuple: ("int",), ("opt", T), ("list", T),
    ("map", T), ("enum",) for the enum called enum_name, ("class", NAME).
    Raises ValueError on a spelling it does not know."""
    tokens = re.findall(r"[A-Za-z_][A-Za-z0-9_]*|[<>,?]", spelling)
    tokens = ["enum" if tok == enum_name else tok for tok in tokens]
    t, rest = _parse(tokens)
    if rest:
        raise ValueError(f"trailing {rest} in type {spelling!r}")
    return t


def field_type(field: dict):
    """The parsed type of a described field, knowing its enum."""
    enum_name = field["enum"]["name"] if "enum" in field else None
    return parse_type(field["type"], enum_name)


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
    elif head in CLASSES:
        t = ("class", head)
    else:
        raise ValueError(f"unknown type {head!r}")
    if rest and rest[0] == "?":
        t, rest = ("opt", t), rest[1:]
    return t, rest


# ---- random values of a type, within a field's constraints ---------------

def value_of(rng, t, field, depth=0, nest=0):
    """A random value of type t for field (whose constraints apply at depth
    0, the field's own value); nest counts the class values around it."""
    kind = t[0]
    if kind == "opt":
        return (None if rng.random() < 0.3
                else value_of(rng, t[1], field, depth, nest))
    if kind == "enum":
        return rng.choice(field["enum"]["values"])
    if kind == "class":
        cls = CLASSES[t[1]]
        if not cls["abstract"]:
            return class_dict(rng, cls, nest + 1)
        # a value of an abstract class: one of the classes below it, with
        # its name first under "type"
        own = CLASSES[rng.choice(concrete_below(cls["name"]))]
        return {"type": own["name"], **class_dict(rng, own, nest + 1)}
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
    least = field.get("min_items", 0) if depth == 0 else 0
    if depth == 0:  # min_items and max_items hold for the field's value
        most = min(field.get("max_items", 5), max(least, 5))
        size = rng.randint(least, max(least, most))
    if nest >= MAX_NEST and holds_class(t):
        size = least
    if kind == "list":
        return [value_of(rng, t[1], field, depth + 1, nest)
                for _ in range(size)]
    if kind == "map":
        d = {}
        while len(d) < size:
            d[rv.text(rng)] = value_of(rng, t[1], field, depth + 1, nest)
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


def concrete_below(name: str) -> list:
    """The classes a value of class name may be: itself unless abstract,
    and every class below it that is not, in schema order."""
    def derives(c):
        while c is not None:
            if c["name"] == name:
                return True
            c = CLASSES.get(c["base"]) if c["base"] else None
        return False
    return [c["name"] for c in CLASSES.values()
            if not c["abstract"] and derives(c)]


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


def shuffled_value(rng, v, t):
    """v (of type t) as JSON sees it, with the keys of every class value
    in another order: decoding must not depend on it, and a "type" key
    may come anywhere. A nested field with an alias is spelled as its
    alias at random, which the decoder must take as the field."""
    kind = t[0]
    if v is None:
        return None
    if kind == "opt":
        return shuffled_value(rng, v, t[1])
    if kind == "list":
        return [shuffled_value(rng, x, t[1]) for x in v]
    if kind == "map":
        return {k: shuffled_value(rng, x, t[1]) for k, x in v.items()}
    if kind != "class":
        return expect.jsonable(v)
    cls = CLASSES[v.get("type", t[1])] if CLASSES[t[1]]["abstract"] else CLASSES[t[1]]
    items = [(f["alias"] if "alias" in f and rng.random() < 0.5 else f["name"],
              shuffled_value(rng, v[f["name"]], field_type(f)))
             for f in cls["fields"]]
    if "type" in v and CLASSES[t[1]]["abstract"]:
        items.append(("type", v["type"]))
    rng.shuffle(items)
    return dict(items)


# Values of "type" that name no class a field of an abstract class may
# hold, given the class's name: refused, whatever else the object holds.
def bad_type_values(name: str) -> list:
    others = [c["name"] for c in CLASSES.values()
              if c["name"] not in concrete_below(name)]
    return ["NoSuchClass", name, "", 5, None, ["Renewed"]] + others[:3]


def refused_type(rng, d: dict, fields: list):
    """d as JSON with the "type" of one value of an abstract class changed
    to a name it may not have, or left out; None when d has no such
    value at the top."""
    tagged = [f for f in fields
              if isinstance(d.get(f["name"]), dict) and "type" in d[f["name"]]
              and field_type(f)[0] in ("class", "opt")]
    if not tagged:
        return None
    f = rng.choice(tagged)
    value = dict(expect.jsonable(d[f["name"]]))
    base = field_type(f)
    base = base[1] if base[0] == "opt" else base
    if rng.random() < 0.2:
        del value["type"]
    else:
        value["type"] = rng.choice(bad_type_values(base[1]))
    changed = dict(expect.jsonable(d))
    changed[f["name"]] = value
    return json.dumps(changed, ensure_ascii=False)


def holds_class(t) -> bool:
    return t[0] == "class" or (len(t) > 1 and holds_class(t[1]))


def class_dict(rng, cls: dict, nest=0, at_default=None) -> dict:
    """A random field dict of class cls, fields in schema order; the names
    of fields left at their default go into at_default."""
    d = {}
    for field in cls["fields"]:
        name, literal = field["name"], field["default"]
        if literal is not None and rng.random() < P_DEFAULT:
            d[name] = default_of(literal, field, field_type(field))
            if at_default is not None:
                at_default.add(name)
        else:
            d[name] = value_of(rng, field_type(field), field, 0, nest)
    return d


# ---- cases ------------------------------------------------------------------

def case_lines(rng, cls: dict) -> list:
    at_default = set()
    d = class_dict(rng, cls, 0, at_default)
    shuffled = {f["name"]: shuffled_value(rng, d[f["name"]], field_type(f))
                for f in cls["fields"]}
    variant = None
    if rng.random() < 0.5:
        variant = with_aliases(
            rng, expect.shuffled_input(rng, shuffled, at_default), cls["fields"])
    lines = [expect.record(cls["name"], expect.compact_json(d),
                           expect.python_json(d), expect.pformat(d), variant)]
    if rng.random() < 0.5:
        lines.append(expect.reject_record(
            cls["name"], *mutate.invalid_input(rng, d, cls["fields"])))
    refused = refused_type(rng, d, cls["fields"])
    if refused is not None:
        lines.append(expect.reject_record(cls["name"], refused))
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
        described = json.load(f)
    CLASSES.update((c["name"], c) for c in described)
    # imported classes are described for the module's fields that hold
    # them; their own module's run makes cases of them
    classes = [c for c in described
               if not c["abstract"] and not c.get("imported")]
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
