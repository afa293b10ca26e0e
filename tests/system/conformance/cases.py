"""Writes conformance cases for autobahn.websocket.types, made by autobahn.

For each class that can be made, builds --count random instances with
autobahn's own constructors and writes, per instance, what Python says the
three representations are (see expect.py for the file format):
  compact = json.dumps(d, ensure_ascii=False, separators=(',', ':'))
  python  = json.dumps(obj.__json__())        (json.dumps(d) without __json__)
  str     = str(obj)                          (pprint.pformat(d) without a
                                               pformat-based __str__)
where d is the field dict: the class's __slots__ in order, inherited first,
as obj.__json__() returns it where the class has that method.

With --describe FILE (the output of `tool_conform describe`), it also checks
that the schema's fields are autobahn's __slots__, that autobahn refuses
what the schema's max_len constraints refuse, and adds, for about half the
instances, an invalid input made from it that decoding must refuse
(mutate.py).

Usage: cases.py [--seed N] [--count N] [--describe FILE] [--out FILE]
The seed defaults to $WSTYPES_SEED, else a fixed value, so runs repeat.
Must run under /usr/bin/python3 (Debian's, which has python3-autobahn).
"""

import argparse
import json
import os
import random
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

import autobahn.websocket.types as ws  # noqa: E402

import expect  # noqa: E402
import mutate  # noqa: E402
import randvalues as rv  # noqa: E402

DEFAULT_SEED = 20240601


# ---- builders: (object, names of optional fields left at their default) ---

def make_connection_request(rng):
    obj = ws.ConnectionRequest(
        peer=rv.text(rng), headers=rv.headers(rng), host=rv.text(rng),
        path=rv.text(rng), params=rv.params(rng), version=rv.integer(rng),
        origin=rv.maybe(rng, rv.text), protocols=rv.str_list(rng),
        extensions=rv.str_list(rng))
    return obj, set()


def make_connecting_request(rng):
    # autobahn turns a None argument into the default, so leave some out.
    makers = {"host": rv.text, "port": rv.integer, "resource": rv.text,
              "headers": rv.headers, "useragent": rv.text, "origin": rv.text,
              "protocols": rv.str_list}
    args, left_out = {}, set()
    for name, make in makers.items():
        if rng.random() < 0.3:
            left_out.add(name)
        else:
            args[name] = make(rng)
    return ws.ConnectingRequest(**args), left_out


def make_connection_response(rng):
    obj = ws.ConnectionResponse(
        peer=rv.text(rng), headers=rv.headers(rng), version=rv.integer(rng),
        protocol=rv.maybe(rng, rv.text), extensions=rv.str_list(rng))
    return obj, set()


def make_connection_accept(rng):
    subprotocol = rv.maybe(rng, rv.text)
    headers = rv.maybe(rng, rv.headers)
    obj = ws.ConnectionAccept(subprotocol=subprotocol, headers=headers)
    return obj, {n for n, v in (("subprotocol", subprotocol),
                                ("headers", headers)) if v is None}


def make_connection_deny(rng):
    reason = rv.maybe(rng, rv.text)
    obj = ws.ConnectionDeny(rv.integer(rng), reason)
    return obj, set() if reason is not None else {"reason"}


def make_incoming_message(rng):
    is_binary = rng.random() < 0.5
    obj = ws.IncomingMessage(rv.octets(rng), is_binary=is_binary)
    return obj, set() if is_binary else {"is_binary"}


def make_outgoing_message(rng):
    is_binary = rng.random() < 0.5
    skip = rng.random() < 0.5
    obj = ws.OutgoingMessage(rv.octets(rng), is_binary=is_binary,
                             skip_compress=skip)
    return obj, {n for n, v in (("is_binary", is_binary),
                                ("skip_compress", skip)) if not v}


def make_ping(rng):
    payload = rv.maybe(rng, lambda r: rv.octets(r, 125))
    return ws.Ping(payload), set() if payload is not None else {"payload"}


BUILDERS = {
    "ConnectionRequest": make_connection_request,
    "ConnectingRequest": make_connecting_request,
    "ConnectionResponse": make_connection_response,
    "ConnectionAccept": make_connection_accept,
    "ConnectionDeny": make_connection_deny,
    "IncomingMessage": make_incoming_message,
    "OutgoingMessage": make_outgoing_message,
    "Ping": make_ping,
}


# ---- what autobahn says --------------------------------------------------

def slot_names(cls):
    """__slots__ of cls and its bases, inherited first. (Ping spells its
    __slots__ as a bare string, which means one slot of that name.)"""
    names = []
    for klass in reversed(cls.__mro__):
        slots = vars(klass).get("__slots__", ())
        names.extend((slots,) if isinstance(slots, str) else slots)
    return names


def field_dict(obj) -> dict:
    names = slot_names(type(obj))
    if hasattr(obj, "__json__"):
        d = obj.__json__()
        if list(d) != names:
            raise SystemExit(f"{type(obj).__name__}.__json__ keys {list(d)} "
                             f"are not its __slots__ {names}")
        return d
    return {name: getattr(obj, name) for name in names}


def expected_str(obj, d) -> str:
    if "__str__" in vars(type(obj)):  # autobahn's own pformat-based __str__
        return str(obj)
    return expect.pformat(d)


def expected_python(obj, d) -> str:
    if hasattr(obj, "__json__"):
        return expect.python_json(obj.__json__())
    return expect.python_json(d)


def fixed_instances():
    """Instances written before the random ones, so that every run has them:
    header values as given, a one-element and an empty list among them."""
    return [
        (ws.ConnectionAccept(headers={"Set-Cookie": ["a=1"], "X-Empty": []}),
         {"subprotocol"}),
        (ws.ConnectionAccept(headers={"A": ["1", "2"], "B": "x", "C": [""],
                                      "c": [], "D": []}), {"subprotocol"}),
    ]


def case_lines(rng, class_name: str, fields, made=None) -> list:
    """The case for one random instance (or the one made) and, when the
    schema's fields are known, at times a rejection case made from it."""
    obj, at_default = made or BUILDERS[class_name](rng)
    assert type(obj).__name__ == class_name
    d = field_dict(obj)
    variant = None
    if rng.random() < 0.5:
        variant = expect.shuffled_input(rng, d, at_default)
    lines = [expect.record(class_name, expect.compact_json(d),
                           expected_python(obj, d), expected_str(obj, d),
                           variant)]
    if fields is not None and rng.random() < 0.5:
        lines.append(expect.reject_record(
            class_name, *mutate.invalid_input(rng, d, fields)))
    return lines


# ---- the schema against autobahn ------------------------------------------

def schema_fields(describe_path: str) -> dict:
    """Class name -> field descriptors, after checking that the schema and
    autobahn agree on each class's fields and on max_len limits."""
    with open(describe_path, encoding="utf-8") as f:
        described = {c["name"]: c for c in json.load(f) if not c["abstract"]}
    if set(described) != set(BUILDERS):
        raise SystemExit(f"schema classes {sorted(described)} are not the "
                         f"ones built here {sorted(BUILDERS)}")
    for name, cls in described.items():
        names = [f["name"] for f in cls["fields"]]
        if names != slot_names(getattr(ws, name)):
            raise SystemExit(f"{name}: schema fields {names} are not "
                             f"autobahn's __slots__ {slot_names(getattr(ws, name))}")
        for field in cls["fields"]:
            if "max_len" in field:
                check_autobahn_limit(getattr(ws, name), field)
    return {name: cls["fields"] for name, cls in described.items()}


def check_autobahn_limit(cls, field):
    """autobahn takes a value of max_len octets and refuses one more (only
    Ping has a limit; its constructor needs nothing else)."""
    n = field["max_len"]
    try:
        cls(**{field["name"]: b"x" * n})
    except AssertionError:
        raise SystemExit(f"{cls.__name__}.{field['name']}: autobahn refuses "
                         f"{n} bytes, the schema's max_len allows them")
    try:
        cls(**{field["name"]: b"x" * (n + 1)})
    except AssertionError:
        return
    raise SystemExit(f"{cls.__name__}.{field['name']}: autobahn takes "
                     f"{n + 1} bytes, the schema's max_len is {n}")


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--seed", type=int,
                    default=int(os.environ.get("WSTYPES_SEED", DEFAULT_SEED)))
    ap.add_argument("--count", type=int, default=500,
                    help="instances per class (default 500)")
    ap.add_argument("--describe", help="output of `tool_conform describe`")
    ap.add_argument("--out", default="-", help="case file (default stdout)")
    args = ap.parse_args(argv)
    fields = schema_fields(args.describe) if args.describe else {}

    out = sys.stdout if args.out == "-" else open(args.out, "w", encoding="ascii")
    with out:
        rng = random.Random(f"{args.seed}:fixed")
        for obj, at_default in fixed_instances():
            name = type(obj).__name__
            for line in case_lines(rng, name, fields.get(name),
                                   (obj, at_default)):
                out.write(line + "\n")
        for class_name in BUILDERS:
            # One stream per class: adding a class leaves the others' cases alone.
            rng = random.Random(f"{args.seed}:{class_name}")
            for _ in range(args.count):
                for line in case_lines(rng, class_name, fields.get(class_name)):
                    out.write(line + "\n")
    print(f"cases.py: seed {args.seed}, {args.count} per class, "
          f"{len(BUILDERS)} classes", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
