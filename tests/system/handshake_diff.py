"""The handshake codec against autobahn's own server, on the same bytes.

Every request (a few modelled on browsers, and randomized ones) is sent to
a python3-autobahn asyncio server on 127.0.0.1 whose onConnect records
str(request), and is fed to our codec (tool_hs_batch, one process for all).
Checked, per request:
  - where autobahn calls onConnect, we give a ConnectionRequest whose str()
    is autobahn's, byte for byte (extensions written as text, see
    docs/handshake.md: the one field the schema types differently);
  - the response bytes are autobahn's: its 101 (server name off, as ours),
    or its error response (control bytes of a reason as '?'), including
    the 400 it sends after onConnect, when it accepts, for extension
    offers (permessage-deflate, -bzip2, -snappy) it cannot parse;
  - where autobahn refuses, we refuse with the same status.
The run ends by naming each reason for refusing an offer that no request
hit: the random requests are meant to reach them all.

With WSTYPES set (the tool), the first 60 requests also go through
`wstypes handshake request --to str`: its stdout is autobahn's str(), or
its stderr is "STATUS REASON" as autobahn's status line has them.

usage: handshake_diff.py TOOL_HS_BATCH [COUNT] [SEED]
Ends with "N passed, M failed".
"""

import asyncio
import os
import re
import sys

from autobahn.asyncio.websocket import WebSocketServerProtocol
from autobahn.websocket.types import ConnectionRequest

from handshake_common import (autobahn_server, exchange, finish, rand_case,
                              rand_text, run_batch, run_tool, start)

KEY = b"dGhlIHNhbXBsZSBub25jZQ=="

# Modelled on what Chrome 120, Firefox 121 and Safari 17 send (header order
# and values as their developer tools show them), and two non-browser
# clients.
BROWSERS = [
    b"GET /chat HTTP/1.1\r\nHost: localhost:9000\r\nConnection: Upgrade\r\n"
    b"Pragma: no-cache\r\nCache-Control: no-cache\r\nUser-Agent: Mozilla/5.0 "
    b"(X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) "
    b"Chrome/120.0.0.0 Safari/537.36\r\nUpgrade: websocket\r\n"
    b"Origin: http://localhost:8080\r\nSec-WebSocket-Version: 13\r\n"
    b"Accept-Encoding: gzip, deflate, br\r\n"
    b"Accept-Language: en-US,en;q=0.9,de;q=0.8\r\n"
    b"Cookie: session=abc123; theme=dark\r\n"
    b"Sec-WebSocket-Key: " + KEY + b"\r\n"
    b"Sec-WebSocket-Extensions: permessage-deflate; client_max_window_bits\r\n"
    b"\r\n",
    b"GET /ws?room=lobby&user=ann HTTP/1.1\r\nHost: localhost:9000\r\n"
    b"User-Agent: Mozilla/5.0 (X11; Linux x86_64; rv:121.0) Gecko/20100101 "
    b"Firefox/121.0\r\nAccept: */*\r\nAccept-Language: en-US,en;q=0.5\r\n"
    b"Accept-Encoding: gzip, deflate, br\r\nSec-WebSocket-Version: 13\r\n"
    b"Origin: http://localhost:8080\r\n"
    b"Sec-WebSocket-Protocol: wamp.2.json, wamp.2.msgpack\r\n"
    b"Sec-WebSocket-Extensions: permessage-deflate\r\n"
    b"Sec-WebSocket-Key: " + KEY + b"\r\nConnection: keep-alive, Upgrade\r\n"
    b"Sec-Fetch-Dest: empty\r\nSec-Fetch-Mode: websocket\r\n"
    b"Sec-Fetch-Site: same-site\r\nPragma: no-cache\r\n"
    b"Cache-Control: no-cache\r\nUpgrade: websocket\r\n\r\n",
    b"GET / HTTP/1.1\r\nHost: example.com\r\nSec-WebSocket-Version: 13\r\n"
    b"Upgrade: websocket\r\nSec-WebSocket-Key: " + KEY + b"\r\n"
    b"Connection: Upgrade\r\nSec-WebSocket-Extensions: permessage-deflate\r\n"
    b"Origin: https://example.com\r\nUser-Agent: Mozilla/5.0 (Macintosh; "
    b"Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 (KHTML, like Gecko) "
    b"Version/17.2 Safari/605.1.15\r\nPragma: no-cache\r\n"
    b"Cache-Control: no-cache\r\n\r\n",
    b"GET /feed HTTP/1.1\r\nHost: 127.0.0.1:9000\r\nUpgrade: websocket\r\n"
    b"Connection: Upgrade\r\nSec-WebSocket-Key: " + KEY + b"\r\n"
    b"Sec-WebSocket-Version: 13\r\nSec-WebSocket-Extensions: "
    b"permessage-deflate; client_max_window_bits\r\n"
    b"User-Agent: Python/3.11 websockets/10.4\r\n\r\n",
    b"GET /socket HTTP/1.1\r\nSec-WebSocket-Version: 13\r\n"
    b"Sec-WebSocket-Key: " + KEY + b"\r\nConnection: Upgrade\r\n"
    b"Upgrade: websocket\r\nSec-WebSocket-Extensions: permessage-deflate; "
    b"client_max_window_bits\r\nHost: localhost:8080\r\n\r\n",
]


# MARK: randomized requests


LATIN1 = "".join(chr(c) for c in range(0xA0, 0x100)) + "\x85\x80\x9f"
QCHARS = "abcxyz019-._~+&=;%/?:@!$'()*,"


def rand_query(rng):
    parts = []
    for _ in range(rng.randint(0, 6)):
        kind = rng.random()
        name = rng.choice(["a", "b", "foo", "bar", "A", "", "x+y", "k%41",
                           "\xe9t\xe9"])
        if kind < 0.3:
            value = rand_text(rng, "abc123", 0, 4)
        elif kind < 0.5:
            value = rng.choice(["%C3%A9", "%E9", "%e2%82", "%F0%9F%98%80",
                                "%ED%A0%80", "%zz", "%4", "%", "%%41",
                                "%C0%AF", "%F4%90%80%80", "+%2B+"])
        elif kind < 0.6:
            value = rng.choice(LATIN1) + rand_text(rng, "ab%C3", 0, 3)
        elif kind < 0.8:
            value = rand_text(rng, QCHARS, 0, 6)
        else:
            parts.append(name)  # a field without '='
            continue
        parts.append(name + "=" + value)
    if rng.random() < 0.2:
        parts.append("")
    return "&".join(parts)


def rand_target(rng):
    if rng.random() < 0.6:
        path = rng.choice(["/", "/chat", "/a/b", "/caf\xe9", "/%41%20"])
    else:
        path = rng.choice(["/x;p=1", "/a;b/c;d", "*", "//host/p",
                           "http://h:1/p", "ws://h/", "/a#", "/a#frag",
                           "//[::1]/p", "//[v1.x]/", "//[1.2.3.4]/",
                           "//[zz]/", "//h]/", "HTTP:/x", "\x01/x",
                           "//[::1%eth0]/", "//u@[::1]:80/", "//[::1]x/"])
    r = rng.random()
    if r < 0.7:
        path += "?" + rand_query(rng)
    elif r < 0.73:
        path += "?" + rand_query(rng) + "#f"
    return path


def rand_host(rng):
    return rng.choice(["localhost", "localhost:9000", "example.com:80",
                       "[::1]:9000", "[::1]", "h:", "h:abc", "h: 80 ",
                       "h:+80", "h:1_0", "h:-1", "a:b:80", "", "H\xc9:9000",
                       "h:99999999999999999999", "h:0x10"])


def rand_origin(rng):
    return rng.choice(["http://localhost:8080", "https://example.com",
                       "null", "NULL", "file:///tmp/x.html", "http://",
                       "http://h:abc", "http://h:70000", "ws://h",
                       "http://[::1]:80", "http://[::1", "http://[1.2.3.4]/",
                       "HTTP://Ex\xc9mple.COM", "x", "//h:1", "http://u@h:1",
                       "http://h:00080", "http://[fe80::1%25eth0]",
                       "http://[v7.abc]", "http://[vx.a]", "\x01http://h",
                       "http://h\t:1", "http://[::ffff:1.2.3.4]",
                       "http://[1::2::3]", "http://[::1.2.3]"])


# The extensions autobahn parses offers of when it accepts, with their
# parameters (autobahn/websocket/compress_*.py: Offer.parse).
PMCE_PARAMS = {
    "permessage-deflate": ["client_max_window_bits",
                           "client_no_context_takeover",
                           "server_max_window_bits",
                           "server_no_context_takeover"],
    "permessage-bzip2": ["client_max_compress_level",
                         "server_max_compress_level"],
    "permessage-snappy": ["client_no_context_takeover",
                          "server_no_context_takeover"],
}
PMCE_VALUES = [None, None, None, "10", '"9"', "15", "8", "16", "abc", "",
               "008", " 1_5", "+9", "-9", "99999999999999999999", "1", "0",
               "5", "x=y", '"', "1\xe9"]


def rand_offer(rng):
    """One offer of an extension autobahn parses (or a near miss), with
    parameters good and bad."""
    name = rng.choice(list(PMCE_PARAMS) + ["permessage-foo"])
    params = []
    for _ in range(rng.choice([0, 1, 1, 2, 3])):
        r = rng.random()
        if r < 0.7:
            key = rng.choice(PMCE_PARAMS.get(name, ["x"]))
        elif r < 0.9:  # a name this extension does not take, mostly
            key = rng.choice(["x", "", "Mux", "client_max_window_bits",
                              "client_max_compress_level"])
        elif params:
            key = params[0][0]  # a repeat
        else:
            key = "server_no_context_takeover"
        params.append((key, rng.choice(PMCE_VALUES)))
    if rng.random() < 0.05 and params:
        params.append(params[0])
    text = rand_case(rng, name) if rng.random() < 0.2 else name
    for key, value in params:
        text += rng.choice(["; ", ";", " ; "]) + key
        if value is not None:
            text += rng.choice(["=", " = "]) + value
    return text


# One offer for each way Offer.parse refuses (and a few it takes), so
# that every reason is met whatever the random requests hit.
OFFERS = [
    "permessage-deflate; client_max_window_bits; client_max_window_bits=10",
    "permessage-deflate; mux", "permessage-deflate; client_max_window_bits=8",
    "permessage-deflate; client_max_window_bits=x",
    "permessage-deflate; client_no_context_takeover=1",
    "permessage-deflate; server_max_window_bits",
    "permessage-deflate; server_max_window_bits=016",
    "permessage-deflate; server_no_context_takeover=\"\"",
    "Permessage-Bzip2; Server_Max_Compress_Level=1; server_max_compress_level",
    "permessage-bzip2; client_max_window_bits",
    "permessage-bzip2; client_max_compress_level=9",
    "permessage-bzip2; server_max_compress_level=10",
    "permessage-snappy; client_no_context_takeover; "
    "client_no_context_takeover",
    "permessage-snappy; =x", "permessage-snappy; client_no_context_takeover=",
    "permessage-snappy; server_no_context_takeover=\xe9",
    "x-webkit-deflate-frame; x=1, permessage-deflate; client_max_window_bits; "
    "server_max_window_bits=\"1_0\"; server_no_context_takeover",
    "permessage-bzip2; server_max_compress_level, permessage-snappy",
]


def offer_request(offer):
    return ("GET / HTTP/1.1\r\nHost: localhost:9000\r\nUpgrade: websocket"
            "\r\nConnection: Upgrade\r\nSec-WebSocket-Key: %s\r\n"
            "Sec-WebSocket-Version: 13\r\nSec-WebSocket-Extensions: %s\r\n"
            "\r\n" % (KEY.decode(), offer)).encode("latin-1")


def rand_extensions(rng):
    if rng.random() < 0.6:
        return ", ".join(rand_offer(rng)
                         for _ in range(rng.choice([1, 1, 1, 2])))
    return rng.choice([
        "permessage-deflate", "permessage-deflate; client_max_window_bits",
        "x-webkit-deflate-frame", "Foo; A=1; b; a=\"2\", bar",
        "permessage-deflate; client_max_window_bits=10",
        "permessage-deflate; server_max_window_bits=abc", "a;b=c=d ; =e",
        " , ,x", "X; Q=\"\"; q", "permessage-deflate;client_no_context_takeover"])


def rand_version(rng):
    return rng.choice(["13", "13", "13", "8", "7", " 13", "1_3", "+13",
                       "013", "abc", "", "-13", "99999999999999999999999",
                       "1__3", "13_"])


def rand_key(rng):
    k = KEY.decode()
    return rng.choice([k, k, k, k[:-1], k[:-2] + "=A", "!" + k[1:],
                       k[:10] + "\xe9" + k[11:], " " + k + " "])


def rand_request(rng):
    fields = [("Host", rand_host(rng) if rng.random() < 0.15 else
               "localhost:9000"),
              ("Upgrade", rng.choice(["websocket", "WebSocket",
                                      "h2c, websocket", "web socket"])
               if rng.random() < 0.1 else "websocket"),
              ("Connection", rng.choice(["keep-alive, Upgrade", "close",
                                         "UPGRADE"])
               if rng.random() < 0.1 else "Upgrade"),
              ("Sec-WebSocket-Key", rand_key(rng) if rng.random() < 0.1
               else KEY.decode()),
              ("Sec-WebSocket-Version", rand_version(rng)
               if rng.random() < 0.15 else "13")]
    if rng.random() < 0.5:
        fields.append(("Origin", rand_origin(rng)))
    if rng.random() < 0.2:
        fields.append(("Sec-WebSocket-Origin", rand_origin(rng)))
    if rng.random() < 0.4:
        fields.append(("Sec-WebSocket-Protocol",
                       rng.choice(["chat", "a, b", "a,a", "a,,", " x , y ",
                                   "wamp.2.json"])))
    if rng.random() < 0.4:
        fields.append(("Sec-WebSocket-Extensions", rand_extensions(rng)))
    for _ in range(rng.randint(0, 4)):
        fields.append((rng.choice(["X-A", "x-a", "Cookie", "Accept",
                                   "X-\xc9t\xe9", "Sec-WebSocket-Protocol"]),
                       rand_text(rng, "ab =,;\t" + LATIN1[:8], 0, 8)))
    # drop or repeat a field now and then
    if rng.random() < 0.15:
        del fields[rng.randrange(len(fields))]
    if rng.random() < 0.1:
        fields.append(rng.choice(fields))
    rng.shuffle(fields)
    method = rng.choice(["GET", "get", "POST"]) if rng.random() < 0.05 \
        else "GET"
    version = rng.choice(["HTTP/1.0", "HTTP/2", "http/1.1", "HTTP/1.1/x"]) \
        if rng.random() < 0.05 else "HTTP/1.1"
    sp = rng.choice([" ", "  ", "\t", " \xa0"]) if rng.random() < 0.1 else " "
    lines = [method + sp + rand_target(rng) + " " + version]
    for name, value in fields:
        name = rand_case(rng, name) if rng.random() < 0.3 else name
        before = rng.choice(["", " ", "\t"]) if rng.random() < 0.2 else ""
        after = rng.choice(["", " ", "  ", "\t"]) if rng.random() < 0.3 \
            else " "
        lines.append(before + name + after.strip(" ") + ":" + after + value +
                     (rng.choice([" ", "\t"]) if rng.random() < 0.1 else ""))
    if rng.random() < 0.1:  # a folded continuation line
        lines.insert(rng.randint(1, len(lines)), rng.choice([
            " continued", "\tx: y", "  : z", "no colon here"]))
    sep = rng.choice(["\r\n", "\n", "\r\n"]) if rng.random() < 0.1 else "\r\n"
    text = sep.join(lines)
    if rng.random() < 0.05:  # a line break Python sees inside a line
        at = rng.randrange(len(text))
        text = text[:at] + rng.choice(["\x0b", "\x0c", "\x1c", "\x85",
                                       "\r"]) + text[at:]
    return text.encode("latin-1") + b"\r\n\r\n"


# MARK: autobahn's side


class Recorder(WebSocketServerProtocol):
    seen = []

    def onConnect(self, request):
        ext_text = [name + "".join("; " + k + ("" if v is True else "=" + v)
                                   for k, vs in params.items() for v in vs)
                    for name, params in request.extensions]
        as_text = ConnectionRequest(request.peer, request.headers,
                                    request.host, request.path,
                                    request.params, request.version,
                                    request.origin, request.protocols,
                                    ext_text)
        Recorder.seen.append((request.peer, str(as_text)))
        return None


async def ask_autobahn(requests):
    """For each request: (the peer autobahn saw or None, its str of the
    request or None, the response's head bytes)."""
    out = []
    async with autobahn_server(Recorder) as port:
        for data in requests:
            Recorder.seen.clear()
            head = await exchange(port, data)
            peer, text = Recorder.seen[0] if Recorder.seen else (None, None)
            out.append((peer, text, head))
    return out


# MARK: ours


def ask_ours(tool, requests, peers):
    feed = b"".join(b"%d %d\n" % (len(p), len(r)) + p + r
                    for p, r in zip(peers, requests))
    data = run_batch(tool, feed)
    out = []
    at = 0
    while at < len(data):
        nl = data.index(b"\n", at)
        kind, n, m = data[at:nl].split()
        at = nl + 1
        if kind == b"REQUEST":
            text = data[at:at + int(n)]
            at += int(n)
            out.append(("REQUEST", text.decode(), data[at:at + int(m)]))
        elif kind == b"REFUSED":
            out.append(("REFUSED", int(n), data[at:at + int(m)]))
        else:
            out.append(("MORE", 0, b""))
        at += int(m)
    return out


def status_of(head):
    parts = head.split(b" ", 2)
    if len(parts) < 2 or not parts[1].isdigit():
        return None
    return int(parts[1])


def masked(head):
    """An error response as ours writes it: the status line's control
    bytes as '?'."""
    nl = head.index(b"\r\n")
    line = bytes(c if c >= 0x20 and c != 0x7F or c == 0x09 else 0x3F
                 for c in head[:nl])
    return line + head[nl:]


def check_tool(wstypes, req, peer, text, head):
    """The problem with the tool's answer to req, or None."""
    rc, out, err = run_tool(wstypes, ["handshake", "request", "--peer", peer,
                                      "--to", "str", "-"], req)
    if text is not None:
        want = (0, (text + "\n").encode(), b"")
    else:
        line = head[:head.find(b"\r\n")]
        status = line.split(b" ", 2)[1]
        want = (1, b"", line.split(b" ", 1)[1] + b"\n")
        if status in (b"200", b"303"):  # the status page: its own reason
            got = err.split(b" ", 1)[0]
            want = (1, b"", status)
            return None if (rc, out, got) == want else \
                "tool: %r" % ((rc, out, err),)
    got = (rc, out, err)
    return None if got == want else "tool gave %r, want %r" % (got, want)


def offer_reason_kind(head):
    """Which of the Offer.parse refusals an error response's reason is
    (kind, extension, parameter), or None for another reason."""
    line = head[:head.find(b"\r\n")].decode("utf-8", "replace")
    m = re.match(r"HTTP/1.1 400 (multiple occurrence of extension parameter "
                 r"|illegal extension parameter (value .* for parameter "
                 r"'([^']*)' of )?)", line)
    if not m:
        return None
    ext = line.rsplit("extension '", 1)[1].rstrip("'")
    if m.group(1).startswith("multiple"):
        return ("multiple", ext, None)
    if m.group(2):
        return ("value", ext, m.group(3))
    return ("parameter", ext, None)


def offer_reasons():
    """Every refusal Offer.parse can give (kind, extension, parameter)."""
    want = set()
    for ext, params in PMCE_PARAMS.items():
        want.add(("multiple", ext, None))
        want.add(("parameter", ext, None))
        want.update(("value", ext, p) for p in params)
    return want


def main():
    tool, count, seed, rng = start(400)
    requests = BROWSERS + [offer_request(o) for o in OFFERS] + \
        [rand_request(rng) for _ in range(count)]
    theirs = asyncio.run(ask_autobahn(requests))
    peers = [(p or "tcp:127.0.0.1:1").encode() for p, _, _ in theirs]
    ours = ask_ours(tool, requests, peers)
    wstypes = os.environ.get("WSTYPES")
    passed = failed = late = 0
    reasons = set()
    for i, (req, (_, text, head), mine) in enumerate(zip(requests, theirs,
                                                        ours)):
        status = status_of(head)
        problem = None
        if text is not None:
            # a 101, or the 400 for offers autobahn refuses when accepting
            want = head if status == 101 else masked(head)
            if status != 101:
                late += 1
                reasons.add(offer_reason_kind(head))
            if mine[0] != "REQUEST":
                problem = "autobahn called onConnect, we %s %r" % mine[:2]
            elif mine[1] != text:
                problem = "str() differs:\n--- autobahn\n%s\n--- ours\n%s" % (
                    text, mine[1])
            elif mine[2] != want:
                problem = "response after onConnect differs:\n%r\n%r" % (
                    head, mine[2])
        elif mine[0] != "REFUSED":
            problem = "autobahn answered %r, we %s" % (head[:80], mine[0])
        elif mine[1] != status:
            problem = "status %s, ours %s (%r)" % (status, mine[1], head[:120])
        elif status not in (200, 303) and masked(head) != mine[2]:
            problem = "error response differs:\n%r\n%r" % (head, mine[2])
        if not problem and wstypes and i < 60 and (text is None or
                                                   status == 101):
            problem = check_tool(wstypes, req, peers[i].decode(), text, head)
        if problem:
            failed += 1
            print("FAIL request %d (seed %d): %r\n    %s" % (
                i, seed, req, problem.replace("\n", "\n    ")))
        else:
            passed += 1
    print("%d requests: %d accepted by both, %d refused by both before "
          "onConnect, %d after it (extension offers)" % (
              len(requests), sum(1 for t in theirs if t[1] is not None) - late,
              sum(1 for t in theirs if t[1] is None), late))
    for kind in sorted(offer_reasons() - reasons, key=str):
        failed += 1
        print("FAIL no request was refused for an offer with %r (seed %d)" % (
            kind, seed))
    if None in reasons:
        failed += 1
        print("FAIL autobahn refused after onConnect for another reason")
    return finish(passed, failed)


if __name__ == "__main__":
    sys.exit(main())
