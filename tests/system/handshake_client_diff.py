"""The handshake codec's client side against autobahn's own client, on the
same server responses.

Every response (randomized: status lines, header case, order, repeats and
spacing, right and wrong Sec-WebSocket-Accept, offered and unoffered
subprotocols, extensions, ISO-8859-1 and UTF-8 bytes, now and then the
server's first frame after it) is sent by a loopback server on 127.0.0.1
to python3-autobahn's asyncio client, which records str(response) in
onConnect or the reason it failed the handshake with (wasNotCleanReason),
and is fed to our codec (tool_hs_client_batch, one process for all) with
the key autobahn's client sent and the subprotocols it offered. Checked,
per response:
  - where autobahn calls onConnect, we give a ConnectionResponse whose
    str() is autobahn's, byte for byte;
  - where autobahn fails the handshake, we fail with its reason, word for
    word; where it raises instead (a block that is not UTF-8, which it
    decodes for its log), we fail as not UTF-8.

With WSTYPES set (the tool), the first 40 responses also go through
`wstypes handshake response --to str`: its stdout is autobahn's str(), or
its stderr autobahn's reason. And randomized ConnectingRequests, returned
by autobahn's client from onConnecting with its key made a known one, give
the request bytes `wstypes handshake connect --key KEY` writes for them.

usage: handshake_client_diff.py TOOL_HS_CLIENT_BATCH [COUNT] [SEED]
Ends with "N passed, M failed".
"""

import asyncio
import base64
import hashlib
import json
import os
import sys

from autobahn.asyncio.websocket import (WebSocketClientFactory,
                                        WebSocketClientProtocol)
from autobahn.websocket.compress import PERMESSAGE_COMPRESSION_EXTENSION
from autobahn.websocket.types import ConnectingRequest

from handshake_common import (finish, plain_server, rand_case, rand_text,
                              read_head, run_batch, run_tool, start)

ACCEPT = "@ACCEPT@"  # replaced by the accept value of the client's key
WRONG = "s3pPLMBiTxaQ9kYGzzhZRbK+xOo="
NOT_UTF8 = 2  # ws_hs_failure's WS_HS_FAIL_NOT_UTF8

OFFERS = [[], ["chat"], ["chat", "superchat"], ["a'b", "x"], ["wamp.2.json"]]

# MARK: randomized responses


def rand_status(rng):
    if rng.random() < 0.85:
        return "HTTP/1.1 101 Switching Protocols"
    return rng.choice([
        "HTTP/1.1 101", "HTTP/1.1  101  Web Socket Protocol Handshake",
        "HTTP/1.0 101 OK", "HTTP/1.1 404 Not Found",
        "HTTP/1.1 400 Bad  Request\t now", "HTTP/1.1 +101 OK",
        "HTTP/1.1 1_01 OK", "HTTP/1.1 0101", "HTTP/1.1 abc", "HTTP/1.1", "",
        "http/1.1 101 OK", "HTTP/1.1 101\xa0OK", "HTTP/1.1 -101",
        "HTTP/1.1 99999999999999999999999 x", " HTTP/1.1 101 x ",
        "HTTP/1.1 200 OK caf\xe9", "HTTP/1.1\x0b101 OK", "HTTP/1.1 1__01"])


def rand_extensions(rng):
    return rng.choice([
        "permessage-deflate", "permessage-deflate; client_max_window_bits=10",
        "permessage-deflate; client_max_window_bits",
        "permessage-deflate; server_max_window_bits=\"016\"",
        "permessage-deflate; server_max_window_bits=8",
        "permessage-deflate; client_no_context_takeover; "
        "server_no_context_takeover",
        "permessage-deflate; client_no_context_takeover=1",
        "permessage-deflate; a=1", "permessage-deflate;",
        "permessage-deflate; client_max_window_bits=9; "
        "CLIENT_MAX_WINDOW_BITS=10",
        "Permessage-Deflate; Server_Max_Window_Bits = 1_2",
        "permessage-deflate; server_max_window_bits=abc=1",
        "permessage-deflate; server_max_window_bits=\xe9",
        "permessage-bzip2", "permessage-bzip2; client_max_compress_level",
        "permessage-bzip2; server_max_compress_level=10",
        "permessage-bzip2; server_max_compress_level=x",
        "permessage-snappy", "permessage-snappy; client_no_context_takeover=x",
        "permessage-snappy; q", "x-webkit-deflate-frame", " , ", "",
        "foo, permessage-deflate", "permessage-deflate, foo", "X-\xc9t\xe9"])


def rand_protocol(rng, offered):
    r = rng.random()
    if offered and r < 0.6:
        return rng.choice(offered)
    return rng.choice(["zz", "", " ", "CHAT", "chat, superchat", "caf\xe9"])


def rand_response(rng, offered):
    high = rng.random() < 0.3  # characters past ASCII in extra headers
    fields = [
        ("Upgrade", rng.choice(["WebSocket", " websocket ", "websocket, h2c",
                                "web socket", "WEBSOCKET"])
         if rng.random() < 0.1 else "websocket"),
        ("Connection", rng.choice(["upgrade", "keep-alive, Upgrade", "close",
                                   " UPGRADE ,x"])
         if rng.random() < 0.1 else "Upgrade"),
        ("Sec-WebSocket-Accept", rng.choice([WRONG, " " + ACCEPT, ACCEPT + "x",
                                             ""])
         if rng.random() < 0.08 else ACCEPT)]
    if rng.random() < 0.4:
        fields.append(("Sec-WebSocket-Protocol", rand_protocol(rng, offered)))
    if rng.random() < 0.2:
        fields.append(("Sec-WebSocket-Extensions", rand_extensions(rng)))
    for _ in range(rng.randint(0, 4)):
        fields.append((rng.choice(["X-A", "x-a", "Server", "Date",
                                   "X-\xc9t\xe9", "Sec-WebSocket-Protocol"]),
                       rand_text(rng, "ab =,;:\t" + ("\xe9\xa0" if high else
                                                      ""), 0, 8)))
    if rng.random() < 0.1:
        del fields[rng.randrange(len(fields))]
    if rng.random() < 0.08:
        fields.append(rng.choice(fields))
    rng.shuffle(fields)
    lines = [rand_status(rng)]
    for name, value in fields:
        name = rand_case(rng, name) if rng.random() < 0.3 else name
        before = rng.choice(["", " ", "\t"]) if rng.random() < 0.1 else ""
        after = rng.choice(["", "  ", "\t"]) if rng.random() < 0.2 else " "
        lines.append(before + name + ":" + after + value)
    if rng.random() < 0.05:
        lines.insert(rng.randint(1, len(lines)),
                     rng.choice([" folded", "no colon", ": empty name"]))
    sep = "\n" if rng.random() < 0.05 else "\r\n"
    text = sep.join(lines)
    if rng.random() < 0.05:  # a line break Python sees inside a line
        at = rng.randrange(len(text) + 1)
        text = text[:at] + rng.choice(["\x0b", "\x0c", "\x1c", "\x85",
                                       "\r"]) + text[at:]
    text += "\r\n\r\n"
    # ISO-8859-1 (bytes 0x80.. make a block autobahn cannot decode as
    # UTF-8) or UTF-8
    data = text.encode("utf-8" if rng.random() < 0.5 else "latin-1")
    if rng.random() < 0.1:  # the server's first frame in the same write
        data += rng.choice([b"\x81\x05hello", b"\x82\x02\xff\xfe"])
    return data


# MARK: autobahn's side


class Loopback:
    """A server that answers each connection with the current case's
    response, its accept value the one for the client's key."""

    def __init__(self):
        self.template = b""
        self.sent = None  # (key, response bytes)
        self.finished = None

    async def handle(self, reader, writer):
        data = await read_head(reader)
        key = b""
        for line in data.split(b"\r\n"):
            if line.lower().startswith(b"sec-websocket-key:"):
                key = line.split(b":", 1)[1].strip()
        accept = accept_of(key)
        response = self.template.replace(ACCEPT.encode(), accept)
        self.sent = (key, response)
        writer.write(response)
        await writer.drain()
        try:  # until the client closes; a client that raised never does
            wait = 10 if utf8(response) else 0.05
            await asyncio.wait_for(reader.read(), wait)
        except (asyncio.TimeoutError, ConnectionError):
            pass
        writer.close()
        self.finished.set_result(True)


def accept_of(key):
    digest = hashlib.sha1(key + b"258EAFA5-E914-47DA-95CA-C5AB0DC85B11")
    return base64.b64encode(digest.digest())


def utf8(response):
    """Whether the header block (what autobahn decodes) is UTF-8."""
    try:
        response[:response.find(b"\r\n\r\n")].decode("utf-8")
        return True
    except UnicodeDecodeError:
        return False


def client_class(result, done):
    class Client(WebSocketClientProtocol):
        def onConnect(self, response):
            result["str"] = str(response)
            result["peer"] = self.peer

        def onOpen(self):
            self.transport.close()

        def onClose(self, wasClean, code, reason):
            result["reason"] = self.wasNotCleanReason
            if not done.done():
                done.set_result(True)
    return Client


async def ask_autobahn(cases):
    loop = asyncio.get_running_loop()
    lb = Loopback()
    out = []
    async with plain_server(lb.handle) as port:
        for offered, template in cases:
            lb.template = template
            lb.finished = loop.create_future()
            result = {}
            done = loop.create_future()
            factory = WebSocketClientFactory("ws://127.0.0.1:%d/" % port,
                                             protocols=offered)
            factory.protocol = client_class(result, done)
            await loop.create_connection(factory, "127.0.0.1", port)
            await asyncio.wait_for(done, 15)
            await asyncio.wait_for(lb.finished, 15)
            result["key"], result["response"] = lb.sent
            out.append(result)
    return port, out


async def ask_autobahn_requests(requests, nonce):
    """The bytes autobahn's client sends for each ConnectingRequest (as
    keyword arguments), its key base64 of nonce."""
    loop = asyncio.get_running_loop()
    got = []

    async def handle(reader, writer):
        got.append(await read_head(reader))
        writer.close()
    real = os.urandom
    async with plain_server(handle) as port:
        try:
            for kwargs in requests:
                done = loop.create_future()
                os.urandom = lambda n: nonce if n == 16 else real(n)

                class Client(WebSocketClientProtocol):
                    def onConnecting(self, transport_details):
                        return ConnectingRequest(**kwargs)

                    def onClose(self, wasClean, code, reason):
                        if not done.done():
                            done.set_result(True)
                factory = WebSocketClientFactory("ws://127.0.0.1:%d/" % port)
                factory.protocol = Client
                await loop.create_connection(factory, "127.0.0.1", port)
                await asyncio.wait_for(done, 15)
        finally:
            os.urandom = real
    return got


def rand_connecting(rng):
    return {
        "host": rng.choice(["127.0.0.1", "example.com", "h\xe9st", "[::1]"]),
        "port": rng.choice([80, 9000, 65535]),
        "resource": rng.choice(["/", "/chat?x=1&y=%20", "/caf\xe9", "*"]),
        "headers": rng.choice([{}, {"X-A": "1"},
                               {"X-A": "1", "x-b": "caf\xe9", "Cookie": ""}]),
        "useragent": rng.choice([None, "", "agent/1.0"]),
        "origin": rng.choice([None, "", "http://o.example"]),
        "protocols": rng.choice([[], ["a"], ["a", "b c", "\xe9"]]),
    }


def check_connect(wstypes, kwargs, key, theirs):
    """The problem with `handshake connect` for kwargs, or None."""
    rc, out, err = run_tool(wstypes, ["handshake", "connect", "--key",
                                      key.decode(), "-"],
                            json.dumps(kwargs).encode())
    if rc != 0 or out != theirs:
        return "connect gave %r (%r), autobahn sent %r" % (out, err, theirs)
    return None


# MARK: ours


def ask_ours(tool, records):
    feed = b"".join(b"%d %d %d %d\n" % tuple(len(x) for x in r) + b"".join(r)
                    for r in records)
    data = run_batch(tool, feed)
    out = []
    at = 0
    while at < len(data):
        nl = data.index(b"\n", at)
        words = data[at:nl].split()
        at = nl + 1
        n = int(words[-1])
        text = data[at:at + n].decode()
        at += n
        if words[0] == b"OPEN":
            out.append(("OPEN", None, text))
        elif words[0] == b"FAILED":
            out.append(("FAILED", int(words[1]), text))
        else:
            out.append(("MORE", None, ""))
    return out


def check_tool(wstypes, peer, offered, theirs, want):
    """The problem with the tool's answer, or None."""
    args = ["handshake", "response", "--peer", peer, "--key",
            theirs["key"].decode(), "--to", "str", "-"]
    if offered:
        args[2:2] = ["--offered-protocols", ",".join(offered)]
    rc, out, err = run_tool(wstypes, args, theirs["response"])
    got = (rc, out.decode(), err.decode())
    return None if got == want else "tool gave %r, want %r" % (got, want)


def compare(theirs, mine, snappy):
    """The problem, or None."""
    if "str" in theirs:
        if mine[0] != "OPEN":
            return "autobahn called onConnect, we %s: %s" % (mine[0], mine[2])
        if mine[2] != theirs["str"]:
            return "str() differs:\n--- autobahn\n%s\n--- ours\n%s" % (
                theirs["str"], mine[2])
        return None
    if mine[0] != "FAILED":
        return "autobahn failed (%r), we %s" % (theirs.get("reason"), mine[0])
    if not utf8(theirs["response"]):
        return None if mine[1] == NOT_UTF8 else \
            "autobahn cannot decode the block, we fail with %r" % mine[2]
    if not snappy and b"snappy" in theirs["response"]:
        return None  # autobahn without python3-snappy: another reason
    if mine[2] != theirs["reason"]:
        return "reason differs:\n--- autobahn\n%s\n--- ours\n%s" % (
            theirs["reason"], mine[2])
    return None


def main():
    tool, count, seed, rng = start(400)
    cases = []
    for _ in range(count):
        offered = rng.choice(OFFERS)
        cases.append((offered, rand_response(rng, offered)))
    port, theirs = asyncio.run(ask_autobahn(cases))
    peer = "tcp4:127.0.0.1:%d" % port
    records = [(peer.encode(), t["key"],
                b"".join(p.encode() + b"\n" for p in offered), t["response"])
               for (offered, _), t in zip(cases, theirs)]
    ours = ask_ours(tool, records)
    snappy = "permessage-snappy" in PERMESSAGE_COMPRESSION_EXTENSION
    wstypes = os.environ.get("WSTYPES")
    passed = failed = opened = 0
    for i, ((offered, _), t, mine) in enumerate(zip(cases, theirs, ours)):
        problem = compare(t, mine, snappy)
        opened += "str" in t
        if not problem and wstypes and i < 40:
            want = (0, t["str"] + "\n", "") if "str" in t else \
                (1, "", mine[2] + "\n")
            problem = check_tool(wstypes, peer, offered, t, want)
        if problem:
            failed += 1
            print("FAIL response %d (seed %d): %r\n    %s" % (
                i, seed, t["response"], problem.replace("\n", "\n    ")))
        else:
            passed += 1
    if wstypes:
        nonce = bytes(rng.randrange(256) for _ in range(16))
        key = base64.b64encode(nonce)
        requests = [rand_connecting(rng) for _ in range(30)]
        sent = asyncio.run(ask_autobahn_requests(requests, nonce))
        for kwargs, theirs in zip(requests, sent):
            problem = check_connect(wstypes, kwargs, key, theirs)
            if problem:
                failed += 1
                print("FAIL connect %r:\n    %s" % (kwargs, problem))
            else:
                passed += 1
    print("%d responses: %d opened by both, %d failed by both" % (
        len(cases), opened, len(cases) - opened))
    return finish(passed, failed)


if __name__ == "__main__":
    sys.exit(main())
