"""Random values that stress the printers: every kind of Unicode, quotes,
backslashes, empty and long strings, the whole int64 range, header maps.

Everything draws from one random.Random passed in, so a seed reproduces a
run exactly. The kinds are weighted towards the awkward ones: plain ASCII
alone would pass even a careless encoder.
"""

import math
import random
import struct

INT64_MIN = -(2**63)
INT64_MAX = 2**63 - 1

# Characters that each printer treats specially somewhere.
QUOTES_AND_ESCAPES = ["'", '"', "\\", "'\"", "\\'", '\\"', "\\\\"]
# Not printable for Python's repr (so escaped in str()), but written raw by
# json.dumps(ensure_ascii=False): NEL, NBSP, soft hyphen, zero-width space,
# line/paragraph separators, BOM, private use, unassigned, noncharacter.
NON_PRINTABLE = ["\x85", "\xa0", "\xad", "\u200b", "\u2028", "\u2029",
                 "\ufeff", "\ue000", "\u0378", "\uffff", "\U000e0001",
                 "\U0010ffff", "\u3000", "\u061c", "\u180e"]
C0_AND_DEL = [chr(c) for c in range(0x20)] + ["\x7f"]
LATIN1 = [chr(c) for c in range(0x80, 0x100)]
COMBINING = ["e\u0301", "a\u0300\u0316", "\u0301", "n\u0303", "\u20dd"]
CJK = ["\u4e2d", "\u6587", "\u5b57", "\u65e5\u672c\u8a9e", "\ud55c\uad6d\uc5b4",
       "\u3042", "\u30ab", "\U00020000", "\U0002a6d6"]
ASTRAL = ["\U0001f600", "\U0001f468\u200d\U0001f469\u200d\U0001f467",
          "\U0001f1e9\U0001f1ea", "\U00010348", "\U0001d11e", "\U0001f44d\U0001f3fd"]
ASCII_PRINTABLE = [chr(c) for c in range(0x20, 0x7f)]
WORDS = ["websocket", "autobahn", "Host", "x", "hello", "world", "a-b_c",
         "tcp:127.0.0.1:5423", "/myservice", "permessage-deflate", "wamp.2.json"]


def ascii_text(rng: random.Random, n: int) -> str:
    return "".join(rng.choice(ASCII_PRINTABLE) for _ in range(n))


def _piece(rng: random.Random) -> str:
    """One short fragment of a randomly chosen awkward kind."""
    kind = rng.randrange(10)
    if kind == 0:
        return rng.choice(QUOTES_AND_ESCAPES)
    if kind == 1:
        return rng.choice(NON_PRINTABLE)
    if kind == 2:
        return rng.choice(C0_AND_DEL)
    if kind == 3:
        return rng.choice(LATIN1)
    if kind == 4:
        return rng.choice(COMBINING)
    if kind == 5:
        return rng.choice(CJK)
    if kind == 6:
        return rng.choice(ASTRAL)
    if kind == 7:
        return rng.choice(WORDS)
    if kind == 8:
        return " " * rng.randrange(1, 3)
    return ascii_text(rng, rng.randrange(1, 6))


def long_word(rng: random.Random) -> str:
    """No whitespace at all: pprint cannot split it however long it is."""
    return ascii_text(rng, rng.randrange(70, 200)).replace(" ", "_")


def long_text(rng: random.Random) -> str:
    """Words, spaces and line breaks: pprint splits it into several lines."""
    parts = []
    for _ in range(rng.randrange(15, 60)):
        parts.append(rng.choice(WORDS) if rng.random() < 0.6 else _piece(rng))
        parts.append(rng.choice([" ", " ", " ", "  ", "\n", "\r\n", "\t"]))
    return "".join(parts)


def text(rng: random.Random) -> str:
    """A str of a random kind: empty, short plain, mixed awkward, long."""
    kind = rng.randrange(12)
    if kind == 0:
        return ""
    if kind in (1, 2):
        return rng.choice(WORDS)
    if kind == 3:
        return long_word(rng)
    if kind == 4:
        return long_text(rng)
    return "".join(_piece(rng) for _ in range(rng.randrange(1, 8)))


def utf8_prefix(s: str, max_bytes: int) -> str:
    """The longest prefix of s whose UTF-8 encoding fits in max_bytes."""
    while len(s.encode("utf-8")) > max_bytes:
        s = s[:-1]
    return s


def text_within(rng: random.Random, max_bytes: int) -> str:
    return utf8_prefix(text(rng), max_bytes)


def integer(rng: random.Random, lo: int = INT64_MIN, hi: int = INT64_MAX) -> int:
    """Edges of the range, small values and uniform ones."""
    kind = rng.randrange(6)
    if kind == 0:
        candidates = [lo, hi, 0, -1, 1, 2**31 - 1, -(2**31), 2**32, 2**53 + 1,
                      -(2**53) - 1, 10**18, -(10**18), lo + 1, hi - 1]
        inside = [c for c in candidates if lo <= c <= hi]
        return rng.choice(inside)
    if kind in (1, 2):
        return max(lo, min(hi, rng.randrange(-1000, 1000)))
    if kind == 3:
        bits = rng.randrange(1, 64)
        v = rng.randrange(-(2**bits), 2**bits)
        return max(lo, min(hi, v))
    return rng.randint(lo, hi)


# Doubles whose repr is easy to get wrong: shortest digits, exponents at
# the switch points (1e16, 1e-05), subnormals, the extremes, integers past
# 2**53 (where not every integer is a double), negative zero.
FLOAT_EDGES = [0.0, -0.0, 0.1, 0.2, 0.30000000000000004, 1.0, -1.5, 1e16,
               1e15, 9999999999999998.0, 1e-05, 0.0001, 1e-07, 5e-324,
               -5e-324, 2.2250738585072014e-308, 2.225073858507201e-308,
               1.7976931348623157e308, -1.7976931348623157e308,
               float(2**53), float(2**53 + 2), float(2**63), float(2**64),
               9007199254740993.0, 123456789.12345679, 1e22, 1e23, 5e-310,
               0.5, 2.5, 1 / 3, 2 / 3, 100.0, 1e300, 4.35, 0.001]


def random_double(rng: random.Random) -> float:
    """A finite double from random bits: any exponent, any mantissa."""
    while True:
        f = struct.unpack("<d", struct.pack("<Q", rng.getrandbits(64)))[0]
        if math.isfinite(f):
            return f


def double(rng: random.Random, lo: float = None, hi: float = None) -> float:
    """Edges, random bit patterns, subnormals, decimals people write and
    integers, kept within [lo, hi] (None: open)."""
    lo_ = -math.inf if lo is None else lo
    hi_ = math.inf if hi is None else hi
    for _ in range(20):
        kind = rng.randrange(7)
        if kind == 0:
            v = rng.choice(FLOAT_EDGES)
        elif kind == 1:
            v = random_double(rng)
        elif kind == 2:  # a subnormal
            v = struct.unpack("<d", struct.pack("<Q", rng.getrandbits(52)))[0]
            v = -v if rng.random() < 0.5 else v
        elif kind == 3:  # a short decimal
            v = round(rng.uniform(-1000, 1000), rng.randrange(0, 6))
        elif kind == 4:  # an integer, perhaps past 2**53
            v = float(rng.randrange(-(2**rng.randrange(1, 70)), 2**rng.randrange(1, 70)))
        elif kind == 5 and lo is not None and hi is not None:
            v = rng.choice([lo, hi, rng.uniform(lo, hi)])
        else:
            v = rng.uniform(-1, 1) * 10.0 ** rng.randrange(-30, 30)
        if lo_ <= v <= hi_:
            return v
    return lo if lo is not None else hi


def octets(rng: random.Random, max_len: int = 400) -> bytes:
    """Bytes of a random kind: empty, binary, text-like (with spaces and
    quotes, which change how pprint splits and quotes them), long."""
    kind = rng.randrange(6)
    if kind == 0:
        return b""
    if kind == 1:
        n = rng.randrange(0, min(max_len, 40) + 1)
        return bytes(rng.randrange(256) for _ in range(n))
    if kind == 2:
        return text(rng).encode("utf-8")[:max_len]
    if kind == 3:
        return b"".join(rng.choice([b"'", b'"', b"\\", b"ab", b" ", b"\n", b"\x00",
                                    b"\x7f", b"\xff", b"xyz "])
                        for _ in range(rng.randrange(1, 30)))[:max_len]
    n = rng.randrange(0, max_len + 1)
    return bytes(rng.randrange(256) for _ in range(n))


def str_list(rng: random.Random, max_items: int = 6) -> list:
    return [text(rng) for _ in range(rng.randrange(0, max_items + 1))]


def maybe(rng: random.Random, make, p_none: float = 0.3):
    return None if rng.random() < p_none else make(rng)


HEADER_NAMES = ["Host", "Content-Type", "Sec-WebSocket-Protocol", "Cookie",
                "X-Forwarded-For", "Upgrade", "Connection", "Origin", "a", "Z9",
                "x-custom_h"]


def _header_name(rng: random.Random) -> str:
    kind = rng.randrange(5)
    if kind < 3:
        return rng.choice(HEADER_NAMES)
    if kind == 3:
        return ascii_text(rng, rng.randrange(1, 12))
    return text(rng)  # the map holds any string, checks for the wire are separate


def _case_variant(rng: random.Random, name: str) -> str:
    choice = rng.randrange(3)
    if choice == 0:
        return name.lower()
    if choice == 1:
        return name.upper()
    return "".join(c.upper() if rng.random() < 0.5 else c.lower() for c in name)


def headers(rng: random.Random, max_entries: int = 30) -> dict:
    """A headers value as a Python dict: name -> str, or name -> list of str
    of any length (autobahn keeps one-element and empty lists as given).

    Names repeat: the same spelling (the values collect into a list) and
    other letter cases (a separate key, as in a Python dict)."""
    entries = []
    for _ in range(rng.randrange(0, max_entries + 1)):
        if entries and rng.random() < 0.35:
            name = rng.choice(entries)[0]
            if rng.random() < 0.4:
                name = _case_variant(rng, name)
        else:
            name = _header_name(rng)
        entries.append((name, text(rng)))
    grouped = {}
    for name, value in entries:
        grouped.setdefault(name, []).append(value)
    result = {}
    for name, values in grouped.items():
        if len(values) > 1:
            result[name] = values
        else:
            shape = rng.randrange(4)  # a string, or a list of one, or none
            result[name] = (values[0] if shape < 2 else
                            values if shape == 2 else [])
    return result


def wire_text(text: str) -> str:
    """text with what cannot go on an HTTP/1.1 wire (controls other than
    the tab, DEL) turned into spaces: a value for an [http] field."""
    return "".join(" " if (ord(c) < 0x20 and c != "\t") or c == "\x7f" else c
                   for c in text)


def wire_headers(rng: random.Random) -> dict:
    """A headers value for an [http] field: token names, wire values."""
    tokens = [n for n in HEADER_NAMES] + ["!#$%&'*+-.^_`|~09azAZ"]
    result = {}
    for name, value in headers(rng).items():
        name = rng.choice(tokens) if rng.random() < 0.5 else "X-" + str(len(result))
        result[name] = ([wire_text(v) for v in value] if isinstance(value, list)
                        else wire_text(value))
    return result


def params(rng: random.Random) -> dict:
    """A query-parameter map: name -> list of values (lists may be empty)."""
    return {text(rng): str_list(rng, 5) for _ in range(rng.randrange(0, 9))}
