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

Usage: cases.py [--seed N] [--count N] [--out FILE]
The seed defaults to $WSTYPES_SEED, else a fixed value, so runs repeat.
Must run under /usr/bin/python3 (Debian's, which has python3-autobahn).
"""

import argparse
import os
import random
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

import autobahn.websocket.types as ws  # noqa: E402

import expect  # noqa: E402
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


def case_line(rng, class_name: str) -> str:
    obj, at_default = BUILDERS[class_name](rng)
    assert type(obj).__name__ == class_name
    d = field_dict(obj)
    variant = None
    if rng.random() < 0.5:
        variant = expect.shuffled_input(rng, d, at_default)
    return expect.record(class_name, expect.compact_json(d),
                         expected_python(obj, d), expected_str(obj, d), variant)


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--seed", type=int,
                    default=int(os.environ.get("WSTYPES_SEED", DEFAULT_SEED)))
    ap.add_argument("--count", type=int, default=500,
                    help="instances per class (default 500)")
    ap.add_argument("--out", default="-", help="case file (default stdout)")
    args = ap.parse_args(argv)

    out = sys.stdout if args.out == "-" else open(args.out, "w", encoding="ascii")
    with out:
        for class_name in BUILDERS:
            # One stream per class: adding a class leaves the others' cases alone.
            rng = random.Random(f"{args.seed}:{class_name}")
            for _ in range(args.count):
                out.write(case_line(rng, class_name) + "\n")
    print(f"cases.py: seed {args.seed}, {args.count} per class, "
          f"{len(BUILDERS)} classes", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
