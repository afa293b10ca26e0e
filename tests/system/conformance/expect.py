"""The three representations of a field dict, computed by Python itself
(DESIGN.md section 3), and the case-file format tool_conform reads.

A case file has one JSON array per line, ASCII only:
    [class, compact, python, str]            or
    [class, compact, python, str, input]     or
    [class, invalid]  or  [class, invalid, said]
where compact/python/str are the expected texts and input, when present, is
another JSON text of the same value (fields shuffled, defaults left out)
that must decode to the same value as compact. A two-element line is a
rejection case: decoding `invalid` as class must fail (with a message that
contains `said`, when there is one).
"""

import base64
import json
import math
import pprint


def jsonable(value):
    """The field dict as JSON sees it: bytes become base64 text."""
    if isinstance(value, bytes):
        return base64.b64encode(value).decode("ascii")
    if isinstance(value, dict):
        return {k: jsonable(v) for k, v in value.items()}
    if isinstance(value, list):
        return [jsonable(v) for v in value]
    return value


def compact_json(d) -> str:
    return json.dumps(jsonable(d), ensure_ascii=False, separators=(",", ":"))


def python_json(d) -> str:
    return json.dumps(jsonable(d))


def pformat(d) -> str:
    return pprint.pformat(d)


def record(class_name: str, compact: str, python: str, text: str,
           variant: str = None) -> str:
    fields = [class_name, compact, python, text]
    if variant is not None:
        fields.append(variant)
    # ensure_ascii: the line is plain ASCII, so raw U+2028, NEL or DEL in the
    # expected texts cannot upset whatever reads it line by line.
    return json.dumps(fields, ensure_ascii=True)


def reject_record(class_name: str, invalid: str, said: str = None) -> str:
    fields = [class_name, invalid] + ([said] if said is not None else [])
    return json.dumps(fields, ensure_ascii=True)


def float_text(rng, f: float) -> str:
    """Another JSON text that Python reads as f: more digits than repr
    gives, an E, or an integer (one past 2**53 that rounds to f, too), as
    other encoders write them. Each is kept only when float() agrees."""
    r = repr(f)
    candidates = ["%.25e" % f, r.upper(), r + "0000000000000000000001"
                  if "." in r and "e" not in r else r]
    if f.is_integer() and abs(f) < 1e300 and not (f == 0 and math.copysign(1, f) < 0):
        candidates += [str(int(f)), str(int(f) + 1), str(int(f) - 1)]
    good = [c for c in candidates if float(c) == f and
            math.copysign(1, float(c)) == math.copysign(1, f)]
    return rng.choice(good) if good else r


def _dumps_with_float_texts(rng, obj, **kwargs) -> str:
    """json.dumps of obj, each float written as float_text picks."""
    texts = {}
    nonce = "%016x" % rng.getrandbits(64)

    def mark(v):
        if isinstance(v, float):
            key = "@@%s:%d@@" % (nonce, len(texts))
            texts['"%s"' % key] = float_text(rng, v)
            return key
        if isinstance(v, dict):
            return {k: mark(x) for k, x in v.items()}
        if isinstance(v, list):
            return [mark(x) for x in v]
        return v
    out = json.dumps(mark(obj), **kwargs)
    for key, text in texts.items():
        out = out.replace(key, text)
    return out


def shuffled_input(rng, d: dict, at_default=()) -> str:
    """d as JSON with its keys in another order and, at random, some of the
    fields named in at_default (fields whose value is their default) left
    out: decoding must bring the defaults back."""
    keys = [k for k in d if not (k in at_default and rng.random() < 0.5)]
    rng.shuffle(keys)
    indent = rng.choice([None, None, 1, "\t"])
    return _dumps_with_float_texts(rng, {k: jsonable(d[k]) for k in keys},
                                   indent=indent, ensure_ascii=rng.random() < 0.5)
