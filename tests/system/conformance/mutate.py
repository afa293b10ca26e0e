"""Invalid JSON inputs made from valid field dicts: each must be refused.

Works from the field descriptors `tool_conform describe` prints (name, type
spelling, default, max_len, range, http), so it serves any generated module. Each
mutation breaks one rule of DESIGN.md section 3: a required field missing,
null where the type is not nullable, a value of the wrong JSON type, an
unknown or repeated field, an integer outside int64, a broken constraint
(max_len, range, min_len, min_items, max_items), a value no member of an
enum has, a field under both its name and its alias, bad base64, trailing
data, a truncated document. Some also give what the refusal must say.
"""

import json

from expect import jsonable

INT64_MIN = -(2**63)
INT64_MAX = 2**63 - 1
UNKNOWN_FIELD = "no_such_field\u00e9"

# A JSON value of another type than each spelling's base type accepts.
WRONG_TYPE = {"str": 5, "bytes": 5, "int": "5", "bool": 1, "headers": [],
              "list": {}, "map": [], "float": "1.5"}


def _base(spelling: str) -> str:
    """"list<str>?" -> "list", "int?" -> "int"."""
    return spelling.rstrip("?").split("<")[0].strip()


def _dump(obj: dict) -> str:
    return json.dumps(jsonable(obj), ensure_ascii=False)


def _replace(d: dict, name: str, value) -> str:
    changed = dict(jsonable(d))
    changed[name] = value
    return json.dumps(changed, ensure_ascii=False)


def missing_required(rng, d, fields):
    required = [f for f in fields if f["default"] is None]
    if not required:
        return None
    name = rng.choice(required)["name"]
    return _dump({k: v for k, v in d.items() if k != name})


def null_not_nullable(rng, d, fields):
    candidates = [f for f in fields if not f["type"].endswith("?")]
    if not candidates:
        return None
    return _replace(d, rng.choice(candidates)["name"], None)


def wrong_type(rng, d, fields):
    if not fields:
        return None
    f = rng.choice(fields)
    if "enum" in f and _base(f["type"]) == f["enum"]["name"]:
        return (_replace(d, f["name"], "5" if f["enum"]["int"] else 5),
                _allowed(f["enum"]))
    # a class (any other name) wants an object
    return _replace(d, f["name"], WRONG_TYPE.get(_base(f["type"]), 5))


def wrong_element_type(rng, d, fields):
    """A list or map of str given a number inside (or headers with one)."""
    candidates = [f for f in fields
                  if f["type"].rstrip("?") in ("list<str>", "headers",
                                               "map<str, list<str>>",
                                               "map<str, str>")]
    if not candidates:
        return None
    f = rng.choice(candidates)
    spelling = f["type"].rstrip("?")
    bad = {"list<str>": [7], "headers": {"Host": 7},
           "map<str, list<str>>": {"k": [7]}, "map<str, str>": {"k": 7}}
    return _replace(d, f["name"], bad[spelling])


def unknown_field(rng, d, fields):
    names = {f["name"] for f in fields}
    if UNKNOWN_FIELD in names:
        return None
    changed = dict(jsonable(d))
    changed[UNKNOWN_FIELD] = rng.choice([1, "x", None, [], {}])
    return json.dumps(changed, ensure_ascii=False)


def duplicate_field(rng, d, fields):
    if not d:
        return None
    name = rng.choice(list(d))
    text = _dump(d)
    repeat = json.dumps({name: jsonable(d[name])}, ensure_ascii=False)[1:-1]
    return text[:-1] + ", " + repeat + "}"


def int_overflow(rng, d, fields):
    candidates = [f for f in fields if _base(f["type"]) == "int"]
    if not candidates:
        return None
    return _replace(d, rng.choice(candidates)["name"],
                    rng.choice([INT64_MAX + 1, INT64_MIN - 1, 10**30]))


# Numbers a float field refuses (Python's json reads the first three, which
# allow_nan=False would never write; the last is past the largest double).
NOT_A_DOUBLE = ["NaN", "Infinity", "-Infinity", "1e400", "-2e308",
                "1" + "0" * 400]


def float_not_finite(rng, d, fields):
    candidates = [f for f in fields if _base(f["type"]) == "float"]
    if not candidates:
        return None
    name = rng.choice(candidates)["name"]
    marker = "@@not-a-double@@"
    return _replace(d, name, marker).replace('"%s"' % marker, rng.choice(NOT_A_DOUBLE))


def fraction_in_int(rng, d, fields):
    candidates = [f for f in fields if _base(f["type"]) == "int"]
    if not candidates:
        return None
    return _replace(d, rng.choice(candidates)["name"], rng.choice([1.5, -0.5, 1e3]))


def broken_float_range(rng, d, fields):
    candidates = [f for f in fields if "float_range" in f]
    if not candidates:
        return None
    f = rng.choice(candidates)
    lo, hi = f["float_range"]
    outside = ([lo - max(1.0, abs(lo))] if lo is not None else []) + \
              ([hi + max(1.0, abs(hi))] if hi is not None else [])
    return _replace(d, f["name"], rng.choice(outside))


def broken_constraint(rng, d, fields):
    candidates = [f for f in fields
                  if "max_len" in f or _range_breakable(f) or f.get("http")]
    if not candidates:
        return None
    f = rng.choice(candidates)
    if f.get("http"):
        # what cannot go on an HTTP/1.1 wire: a line break in a value, or a
        # name that is not a token
        if _base(f["type"]) == "headers":
            bad = rng.choice([{"Bad Name": "x"}, {"X": "a\r\nInjected: 1"},
                              {"X": ["ok", "nul\x00"]}, {"": "x"}])
        else:
            bad = rng.choice(["a\nb", "\r", "del\x7f", "\x00"])
        return _replace(d, f["name"], bad)
    if "max_len" in f:
        too_long = b"x" * (f["max_len"] + 1)
        value = too_long if _base(f["type"]) == "bytes" else too_long.decode()
        return _replace(d, f["name"], jsonable(value))
    lo, hi = f["range"]
    outside = [v for v in (lo - 1, hi + 1) if INT64_MIN <= v <= INT64_MAX]
    return _replace(d, f["name"], rng.choice(outside))


def _range_breakable(f) -> bool:
    if "range" not in f:
        return False
    lo, hi = f["range"]
    return lo > INT64_MIN or hi < INT64_MAX


def _allowed(enum) -> str:
    """What the refusal of a value outside an enum says: "expected one of "
    and the values as JSON writes them."""
    values = ", ".join(json.dumps(v, ensure_ascii=False) for v in enum["values"])
    return "expected one of " + values


def not_a_member(rng, d, fields):
    """An enum field (or an element of one) given a value of the right JSON
    type that no member has."""
    candidates = [f for f in fields if "enum" in f]
    if not candidates:
        return None
    f = rng.choice(candidates)
    values = f["enum"]["values"]
    if f["enum"]["int"]:
        bad = rng.choice([max(values) + 1, min(values) - 1, 0, 7])
    else:
        bad = rng.choice(["", values[0].upper() + "?", values[0] + " ", "\u00e9"])
    if bad in values:
        bad = ("x" * 9) if not f["enum"]["int"] else max(values) + 1
    base = _base(f["type"])
    value = bad if base == f["enum"]["name"] else [bad] if base == "list" else {"k": bad}
    return _replace(d, f["name"], value), _allowed(f["enum"])


def broken_count(rng, d, fields):
    """A str or bytes below min_len, a list or map outside min_items or
    max_items."""
    candidates = [f for f in fields
                  if f.get("min_len", 0) > 0 or f.get("min_items", 0) > 0
                  or "max_items" in f]
    if not candidates:
        return None
    f = rng.choice(candidates)
    base = _base(f["type"])
    if f.get("min_len", 0) > 0:
        short = b"x" * (f["min_len"] - 1)
        value = short if base == "bytes" else short.decode()
        return _replace(d, f["name"], jsonable(value)), f"(min_len {f['min_len']})"
    element = f["enum"]["values"][0] if "enum" in f else (
        0 if f["type"].rstrip("?") in ("list<int>", "map<str, int>") else
        [] if "list<list" in f["type"] or "map<str, list" in f["type"] else
        True if "bool" in f["type"] else "x")
    if "max_items" in f and (f.get("min_items", 0) == 0 or rng.random() < 0.5):
        n, said = f["max_items"] + 1, f"(max_items {f['max_items']})"
    else:
        n, said = f["min_items"] - 1, f"(min_items {f['min_items']})"
    value = ([element] * n if base == "list"
             else {f"k{i}": element for i in range(n)})
    return _replace(d, f["name"], value), said


def both_keys(rng, d, fields):
    """A field given under its name and under its alias."""
    candidates = [f for f in fields if "alias" in f]
    if not candidates:
        return None
    f = rng.choice(candidates)
    text = _dump(d)
    extra = json.dumps({f["alias"]: jsonable(d[f["name"]])}, ensure_ascii=False)
    return text[:-1] + ", " + extra[1:-1] + "}", "are one field"


def bad_base64(rng, d, fields):
    candidates = [f for f in fields if _base(f["type"]) == "bytes"]
    if not candidates:
        return None
    return _replace(d, rng.choice(candidates)["name"],
                    rng.choice(["@@@@", "a", "ab=c", "Y===", "YQ===", "YQ=!"]))


def trailing_data(rng, d, fields):
    return _dump(d) + rng.choice([" x", "{}", " 1", ",", "\n]"])


def truncated(rng, d, fields):
    text = _dump(d)
    return text[:rng.randrange(0, len(text))]


def not_an_object(rng, d, fields):
    return rng.choice(["[]", "null", "1", '"x"', ""])


MUTATIONS = [missing_required, null_not_nullable, wrong_type,
             wrong_element_type, unknown_field, duplicate_field, int_overflow,
             broken_constraint, bad_base64, trailing_data, truncated,
             not_an_object, not_a_member, broken_count, both_keys,
             float_not_finite, fraction_in_int, broken_float_range]


def invalid_input(rng, d: dict, fields: list) -> tuple:
    """One invalid JSON text made from d, by a mutation that applies, and
    what the refusal must say (or nothing, for mutations that do not say)."""
    order = MUTATIONS[:]
    rng.shuffle(order)
    for mutation in order:
        made = mutation(rng, d, fields)
        if made is not None:
            return made if isinstance(made, tuple) else (made,)
    return (not_an_object(rng, d, fields),)
