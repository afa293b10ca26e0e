#!/usr/bin/python3
"""Benchmark data for `make bench`.

  make_data.py fixtures DIR      the two ConnectionRequest fixtures and the
                                 Quote (committed in bench/fixtures/; rerun to
                                 regenerate them)
  make_data.py handshake DIR     the handshake benchmark's requests (committed
                                 in bench/fixtures/handshake/)
  make_data.py lines FILE N      N mixed ConnectionRequest records, JSON Lines
  make_data.py schema FILE N     a synthetic schema of N classes

Everything is deterministic (fixed seeds), so runs compare like with like.
Documents are written the way autobahn's types print them in compact JSON:
json.dumps(d, ensure_ascii=False, separators=(',', ':')); the Quote is
CPython's output for a value of its model (bench/quote_model.py).
"""
import json
import random
import sys

import quote_model

CHROME_UA = ("Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 "
             "(KHTML, like Gecko) Chrome/124.0.0.0 Safari/537.36 Edg/124.0.2478.80")


def dumps(d):
    return json.dumps(d, ensure_ascii=False, separators=(',', ':'))


def browser_request():
    """What a browser's opening handshake looks like once autobahn parsed it:
    14 headers (lower-cased names, as autobahn keeps them), a long user-agent,
    a cookie of a few hundred bytes, query parameters, two subprotocols and
    one extension."""
    cookie = ("_ga=GA1.1.1585245367.1714380263; "
              "session=eyJ1c2VyIjoiYWxpY2UiLCJyb2xlIjoiYWRtaW4ifQ.ZjAxYw.k3J9vQ2xTnY8wRz"
              "5LmP0aHsUeBdKcFgI; csrftoken=Qm9vdHN0cmFwQ3NyZlRva2VuMTIzNDU2Nzg5MA; "
              "theme=dark; lang=en-GB; tz=Europe%2FLondon; "
              "_gid=GA1.2.1122334455.1714380263; consent=analytics%3Atrue%2Cads%3Afalse")
    headers = {
        "host": "ws.example.com:8443",
        "connection": "Upgrade",
        "pragma": "no-cache",
        "cache-control": "no-cache",
        "user-agent": CHROME_UA,
        "upgrade": "websocket",
        "origin": "https://app.example.com",
        "sec-websocket-version": "13",
        "accept-encoding": "gzip, deflate, br, zstd",
        "accept-language": "en-GB,en;q=0.9,de;q=0.8,fr;q=0.7",
        "cookie": cookie,
        "sec-websocket-key": "dGhlIHNhbXBsZSBub25jZQ==",
        "sec-websocket-extensions": "permessage-deflate; client_max_window_bits",
        "sec-websocket-protocol": "wamp.2.json, wamp.2.msgpack",
    }
    return {
        "peer": "tcp:203.0.113.54:51742",
        "headers": headers,
        "host": "ws.example.com",
        "path": "/ws/v2/realtime",
        "params": {"token": ["a1b2c3d4e5f6"], "room": ["lobby"],
                   "v": ["2", "3"], "client": ["web-4.18.2"]},
        "version": 13,
        "origin": "https://app.example.com",
        "protocols": ["wamp.2.json", "wamp.2.msgpack"],
        "extensions": ["permessage-deflate; client_max_window_bits"],
    }


# Text that is not ASCII, and text that JSON must escape.
WORLD = ["Grüße aus Köln", "Привет, мир", "こんにちは世界", "你好，世界",
         "مرحبا بالعالم", "Γειά σου Κόσμε", "שלום עולם", "नमस्ते दुनिया",
         "emoji 🎉🚀✨", "Ünïcödé — “quotes” ‘single’ …"]
ESCAPES = ['say "hi"', "back\\slash", "tab\there", "line\nbreak",
           "cr\rlf", "bell\x07", "soh\x01in", "form\ffeed", "\x1f unit sep"]


def large_request():
    """About 16 KB: the browser request plus many headers and parameters whose
    values mix non-ASCII text with characters JSON has to escape."""
    rng = random.Random(16)
    d = browser_request()
    for i in range(112):
        text = " / ".join(rng.sample(WORLD, 3)) + " | " + rng.choice(ESCAPES)
        d["headers"]["x-note-%02d" % i] = text
    for i in range(66):
        d["params"]["q%02d" % i] = [rng.choice(WORLD), rng.choice(ESCAPES)]
    d["protocols"] += ["chat.v%d.example.com" % i for i in range(20)]
    return d


def quote():
    """One side of an order book as a market-data feed sends it: 300 price
    levels of a coin quoted in cents, whose sizes are lots to eight decimals
    (some whole, some tiny enough that repr writes them with an exponent),
    a summary computed over them at full precision, and the last trade."""
    rng = random.Random(300)
    price, levels = 64231.57, []
    for _ in range(300):
        roll = rng.random()
        if roll < 0.05:
            size = round(rng.uniform(1e-6, 9e-5), 9)
        elif roll < 0.15:
            size = float(rng.randint(1, 50))
        else:
            size = round(rng.lognormvariate(-1, 1.5), 8)
        levels.append(quote_model.Level(price, size, rng.randint(1, 40)))
        price = round(price + rng.choice([0.01, 0.02, 0.05, 0.13, 0.5]), 2)
    best_ask, best_bid = levels[0].price, 64231.5
    depth = sum(l.size for l in levels)
    summary = quote_model.Summary(
        mid=(best_ask + best_bid) / 2, spread=best_ask - best_bid,
        vwap=sum(l.price * l.size for l in levels) / depth, depth=depth)
    last = quote_model.Trade(at=1714380263.123456, price=64231.5, size=0.0025)
    return quote_model.Quote("XCOIN", "BTC-USD", "ask", summary, last, levels)


def write_fixtures(outdir):
    for name, doc in (("request-1k.json", browser_request()),
                      ("request-16k.json", large_request()),
                      ("quote.json", quote().__json__())):
        with open("%s/%s" % (outdir, name), "w", encoding="utf-8") as f:
            f.write(dumps(doc))


# The browser-shaped requests tests/system/handshake_diff.py sends autobahn,
# named for the client each is modelled on.
HANDSHAKE_NAMES = ["chrome", "firefox", "safari", "python-websockets", "bare"]


def browser_request_bytes():
    """browser_request() as the browser sent it: Chrome's header order and
    capitalisation, the parameters in the request target."""
    d = browser_request()
    names = {"user-agent": "User-Agent", "sec-websocket-version":
             "Sec-WebSocket-Version", "sec-websocket-key": "Sec-WebSocket-Key",
             "sec-websocket-extensions": "Sec-WebSocket-Extensions",
             "sec-websocket-protocol": "Sec-WebSocket-Protocol"}
    query = "&".join("%s=%s" % (k, v) for k, vs in d["params"].items()
                     for v in vs)
    lines = ["GET %s?%s HTTP/1.1" % (d["path"], query)]
    for name, value in d["headers"].items():
        title = names.get(name, "-".join(w.capitalize() for w in name.split("-")))
        lines.append("%s: %s" % (title, value))
    return ("\r\n".join(lines) + "\r\n\r\n").encode("latin-1")


def write_handshake(outdir):
    sys.path.insert(0, "tests/system")
    from handshake_diff import BROWSERS
    requests = [("chrome-cookies", browser_request_bytes())] + \
        list(zip(HANDSHAKE_NAMES, BROWSERS))
    for name, data in requests:
        with open("%s/%s.http" % (outdir, name), "wb") as f:
            f.write(data)


def mixed_record(rng, base):
    """One record: a request with some headers, parameters and lists varied."""
    d = json.loads(base)
    hdrs = list(d["headers"].items())
    rng.shuffle(hdrs)
    keep = rng.randint(6, len(hdrs))
    d["headers"] = dict(hdrs[:keep])
    if rng.random() < 0.2:
        d["headers"]["x-forwarded-for"] = ["198.51.100.%d" % rng.randint(1, 254),
                                           "10.0.0.%d" % rng.randint(1, 254)]
    d["peer"] = "tcp:%d.%d.%d.%d:%d" % (rng.randint(1, 223), rng.randint(0, 255),
                                        rng.randint(0, 255), rng.randint(1, 254),
                                        rng.randint(1024, 65535))
    d["params"] = {k: v for k, v in d["params"].items() if rng.random() < 0.7}
    if rng.random() < 0.3:
        d["params"]["msg"] = [rng.choice(WORLD), rng.choice(ESCAPES)]
    d["origin"] = None if rng.random() < 0.25 else d["origin"]
    d["protocols"] = d["protocols"][:rng.randint(0, 2)]
    d["extensions"] = d["extensions"][:rng.randint(0, 1)]
    d["version"] = rng.choice([8, 13, 13, 13])
    return dumps(d)


def write_lines(path, n):
    rng = random.Random(100000)
    base = dumps(browser_request())
    with open(path, "w", encoding="utf-8") as f:
        for _ in range(n):
            f.write(mixed_record(rng, base))
            f.write("\n")


FIELD_TYPES = ["str", "int", "bool", "bytes", "str?", "list<str>",
               "map<str, list<str>>", "headers", "int?", "list<int>"]


def write_schema(path, n):
    """n classes of 2..9 fields of every kind, some with defaults and
    constraints, every fifth one derived from the one before."""
    rng = random.Random(n)
    out = ["/// A synthetic schema of %d classes for timing the generator." % n,
           "module bench.synthetic;", "prefix sy;", ""]
    for c in range(n):
        base = " : C%d" % (c - 1) if c % 5 == 4 else ""
        abstract = "abstract " if c % 5 == 3 else ""
        out.append("/// Class number %d." % c)
        out.append("%sclass C%d%s {" % (abstract, c, base))
        for f in range(rng.randint(2, 9)):
            t = rng.choice(FIELD_TYPES)
            default = ""
            if t == "int" and rng.random() < 0.5:
                default = " = %d" % rng.randint(0, 1000)
            elif t.endswith("?") and rng.random() < 0.5:
                default = " = null"
            elif t == "str" and rng.random() < 0.3:
                default = ' = "x%d"' % f
            cons = ""
            if t == "str" and rng.random() < 0.2:
                cons = " [max_len %d]" % rng.randint(8, 200)
            elif t == "int" and rng.random() < 0.2:
                cons = " [range 0..65535]"
            out.append("  /// Field %d of class %d." % (f, c))
            out.append("  f%d_%d: %s%s%s;" % (c, f, t, default, cons))
        out.append("}")
        out.append("")
    with open(path, "w", encoding="utf-8") as f:
        f.write("\n".join(out))


def main(argv):
    if len(argv) == 3 and argv[1] == "fixtures":
        write_fixtures(argv[2])
    elif len(argv) == 3 and argv[1] == "handshake":
        write_handshake(argv[2])
    elif len(argv) == 4 and argv[1] == "lines":
        write_lines(argv[2], int(argv[3]))
    elif len(argv) == 4 and argv[1] == "schema":
        write_schema(argv[2], int(argv[3]))
    else:
        sys.stderr.write(__doc__)
        return 2
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
