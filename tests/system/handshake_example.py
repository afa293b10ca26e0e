"""examples/handshake's server and client against python3-autobahn
(asyncio) on 127.0.0.1, byte for byte:

- autobahn's client, in several configurations, opens and closes cleanly
  (1000) with the example's server, and what the server prints for each
  request (str() and JSON) is what autobahn's own server's onConnect has
  for the same bytes from the same peer;
- raw requests (malformed ones, and a valid one fed byte by byte) get the
  status autobahn's server answers with, but for a plain GET, which gets
  the example's own page, and an oversized header block (431, ours);
- the example's client against autobahn's server prints the str() and
  JSON of the ConnectionResponse that autobahn's own client gets in
  onConnect from the same server with the same key, and the server's
  close code.

usage: handshake_example.py SERVER CLIENT
Ends with "N passed, M failed".
"""

import asyncio
import base64
import json
import os
import re
import subprocess
import sys

import txaio
from autobahn.asyncio.websocket import (WebSocketClientFactory,
                                        WebSocketClientProtocol,
                                        WebSocketServerFactory,
                                        WebSocketServerProtocol)

SERVER, CLIENT = sys.argv[1], sys.argv[2]
RESULTS = {"passed": 0, "failed": 0}


def check(name, ok, detail=""):
    RESULTS["passed" if ok else "failed"] += 1
    if not ok:
        print("FAIL %s\n%s" % (name, detail))


def ext_text(pairs):
    """autobahn's extension offers as docs/handshake.md writes them."""
    out = []
    for name, params in pairs:
        for param, values in params.items():
            for v in values:
                name += "; " + param if v is True else "; %s=%s" % (param, v)
        out.append(name)
    return out


# MARK: autobahn's server


class Server(WebSocketServerProtocol):
    """Records each request as (str, json, key), and answers as the example
    does. With Server.peer set, the request gets that peer (the example
    server's connection's, named as autobahn names this one's)."""
    seen = []
    peer = None
    peer_named = []  # whether autobahn named each peer tcp4:HOST:PORT

    def onConnect(self, request):
        here = self.transport.get_extra_info("peername")
        Server.peer_named.append(request.peer == "tcp4:%s:%d" % here[:2])
        if Server.peer:
            request.peer = "tcp4:%s:%d" % Server.peer[:2]
        request.extensions = ext_text(request.extensions)
        Server.seen.append((str(request), json.dumps(request.__json__()),
                            request.headers.get("sec-websocket-key")))
        return request.protocols[0] if request.protocols else None


async def autobahn_server():
    factory = WebSocketServerFactory("ws://127.0.0.1")
    factory.protocol = Server
    server = await asyncio.get_running_loop().create_server(
        factory, "127.0.0.1", 0)
    return server, server.sockets[0].getsockname()[1]


async def send_raw(port, data, byte_by_byte=False):
    """The head of the response to data (up to its empty line or the end),
    and the address it was sent from."""
    reader, writer = await asyncio.open_connection("127.0.0.1", port)
    local = writer.get_extra_info("sockname")
    for piece in ([data[i:i + 1] for i in range(len(data))] if byte_by_byte
                  else [data]):
        writer.write(piece)
        await writer.drain()
    head = b""
    while b"\r\n\r\n" not in head:
        chunk = await asyncio.wait_for(reader.read(65536), 10)
        if not chunk:
            break
        head += chunk
    writer.close()
    return head, local


def status(head):
    return head.split(b"\r\n", 1)[0].decode("latin-1")


# MARK: autobahn's client


class Client(WebSocketClientProtocol):
    def onConnect(self, response):
        self.factory.seen = (str(response), json.dumps(response.__json__()))

    def onOpen(self):
        self.factory.sent = self.http_request_data
        self.factory.local = self.transport.get_extra_info("sockname")
        self.sendClose(1000)

    def onClose(self, wasClean, code, reason):
        if not self.factory.done.done():
            self.factory.done.set_result((wasClean, code))


async def autobahn_client(port, resource, protocols, **options):
    loop = asyncio.get_running_loop()
    factory = WebSocketClientFactory("ws://127.0.0.1:%d%s" % (port, resource),
                                     protocols=protocols, **options)
    factory.protocol = Client
    factory.done = loop.create_future()
    factory.seen = factory.sent = factory.local = None
    await loop.create_connection(factory, "127.0.0.1", port)
    clean, code = await asyncio.wait_for(factory.done, 10)
    return factory, clean, code


# MARK: the example's server


def printed_requests(out):
    """The example server's output: per connection, its peer and what it
    printed (str, json) or None."""
    conns = []
    for part in re.split(r"(?m)^peer ", out)[1:]:
        peer = part.split("\n", 1)[0]
        m = re.search(r"\nstr:\n(.*?)\njson:\n(.*?)\n", part, re.S)
        conns.append((peer, (m.group(1), m.group(2)) if m else None))
    return conns


CLIENTS = [
    ("/", [], {}),
    ("/chat?room=a&room=b&x=%C3%A9+y&empty=&flag", ["chat", "superchat"], {}),
    ("/a/b;p?q=1", ["wamp.2.json"],
     {"origin": "http://example.com:8080", "useragent": "example/1.0"}),
    ("/h", [], {"headers": {"X-Custom": "  spaced  ", "Cookie": "a=1; b=2"}}),
]

BASE = [b"GET /chat?x=1 HTTP/1.1", b"Host: 127.0.0.1:9000",
        b"Upgrade: websocket", b"Connection: Upgrade",
        b"Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==",
        b"Sec-WebSocket-Version: 13"]


def request(lines):
    return b"\r\n".join(lines) + b"\r\n\r\n"


def swap(name, line):
    return [line if l.startswith(name) else l for l in BASE]


RAW = [  # name, bytes, byte by byte
    ("valid", request(BASE), False),
    ("valid, byte by byte", request(BASE), True),
    ("version 12", request(swap(b"Sec-WebSocket-Version",
                                b"Sec-WebSocket-Version: 12")), False),
    ("no key", request(BASE[:4] + BASE[5:]), False),
    ("POST", request([b"POST / HTTP/1.1"] + BASE[1:]), False),
    ("HTTP/1.0", request([b"GET / HTTP/1.0"] + BASE[1:]), False),
    ("Latin-1 and a vertical tab",
     request(BASE + [b"X-A: caf\xe9", b"X-B: a\x0bb: c"]), False),
    ("a deflate offer autobahn refuses",
     request(BASE + [b"Sec-WebSocket-Extensions: permessage-deflate; x=1"]),
     False),
]
PAGE = ("plain GET", request([BASE[0], BASE[1]]), False)
BIG = ("header block of 20000 bytes", request(BASE + [b"X: " + b"a" * 20000]),
       False)


async def server_side():
    raw = RAW + [PAGE, BIG]
    server = await asyncio.create_subprocess_exec(
        SERVER, "0", str(len(CLIENTS) + len(raw)), stdout=subprocess.PIPE)
    port = int((await server.stdout.readline()).split()[1])
    sent = []
    locals_ = []
    for resource, protocols, options in CLIENTS:
        factory, clean, code = await autobahn_client(port, resource, protocols,
                                                     **options)
        check("autobahn's client on %s: opens and closes cleanly" % resource,
              clean and code == 1000, (clean, code))
        sent.append(factory.sent)
        locals_.append(factory.local)
    heads = []
    for _, data, slow in raw:
        head, local = await send_raw(port, data, slow)
        heads.append(head)
        locals_.append(local)
    out = (await asyncio.wait_for(server.stdout.read(), 30)).decode()
    check("the server exits 0", await server.wait() == 0, out)
    printed = printed_requests(out)
    check("the server printed every connection",
          len(printed) == len(CLIENTS) + len(raw), out)

    ab, abport = await autobahn_server()
    for i, data in enumerate(sent + [data for _, data, _ in RAW]):
        name = CLIENTS[i][0] if i < len(CLIENTS) else RAW[i - len(CLIENTS)][0]
        ours = printed[i][1] if i < len(printed) else None
        Server.seen.clear()
        Server.peer = locals_[i]
        head, _ = await send_raw(abport, data)
        if i >= len(CLIENTS):
            check("%s: autobahn's status" % name,
                  status(head) == status(heads[i - len(CLIENTS)]),
                  "ours:     %r\nautobahn: %r" % (heads[i - len(CLIENTS)],
                                                  head))
        if Server.seen or ours:
            theirs = Server.seen[0][:2] if Server.seen else None
            check("%s: str(request) as autobahn's onConnect" % name,
                  ours and theirs and ours[0] == theirs[0],
                  "ours:\n%s\nautobahn:\n%s" % (ours and ours[0],
                                                theirs and theirs[0]))
            check("%s: its JSON as autobahn's" % name,
                  ours and theirs and ours[1] == theirs[1],
                  "ours:\n%s\nautobahn:\n%s" % (ours and ours[1],
                                                theirs and theirs[1]))
    ab.close()
    Server.peer = None
    check("autobahn names its peers tcp4:HOST:PORT",
          Server.peer_named and all(Server.peer_named), Server.peer_named)
    page, big = heads[-2], heads[-1]
    check("a plain GET gets the example's page",
          page.startswith(b"HTTP/1.1 200 OK\r\n") and
          b"Content-Length: 28\r\n" in page, page)
    check("an oversized header block gets 431",
          status(big).startswith("HTTP/1.1 431 "), big)


# MARK: the example's client


def printed_response(out):
    m = re.search(r"str:\n(.*?)\njson:\n(.*?)\n", out, re.S)
    return (m.group(1), m.group(2)) if m else None


async def client_side():
    import autobahn.websocket.protocol as protocol
    ab, port = await autobahn_server()
    for protocols in ([], ["chat"], ["chat", "superchat"]):
        Server.seen.clear()
        proc = await asyncio.create_subprocess_exec(
            CLIENT, str(port), "/", *protocols, stdout=subprocess.PIPE)
        out = (await asyncio.wait_for(proc.stdout.read(), 30)).decode()
        check("client %s: exits 0" % protocols, await proc.wait() == 0, out)
        check("client %s: the server's close code" % protocols,
              "\nclosed: 1000\n" in out, out)
        ours = printed_response(out)
        if not Server.seen:
            check("client %s: autobahn's server saw it" % protocols, False)
            continue
        key = base64.b64decode(Server.seen[0][2])
        # autobahn's own client, with the key the example's client sent
        urandom = protocol.os.urandom
        protocol.os.urandom = lambda n: key if n == 16 else urandom(n)
        try:
            factory, _, _ = await autobahn_client(port, "/", protocols)
        finally:
            protocol.os.urandom = urandom
        theirs = factory.seen
        check("client %s: str(response) as autobahn's client's" % protocols,
              ours and theirs and ours[0] == theirs[0],
              "ours:\n%s\nautobahn:\n%s" % (ours and ours[0],
                                            theirs and theirs[0]))
        check("client %s: its JSON as autobahn's" % protocols,
              ours and theirs and ours[1] == theirs[1],
              "ours:\n%s\nautobahn:\n%s" % (ours and ours[1],
                                            theirs and theirs[1]))
    ab.close()


async def main():
    await server_side()
    await client_side()


txaio.use_asyncio()
txaio.start_logging(level="critical")
asyncio.run(main())
print("%d passed, %d failed" % (RESULTS["passed"], RESULTS["failed"]))
sys.exit(1 if RESULTS["failed"] else 0)
