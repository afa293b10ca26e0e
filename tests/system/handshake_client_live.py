"""The client of docs/handshake.md (built from the page by
check_handshake.sh) against python3-autobahn's asyncio server on 127.0.0.1:
the handshake completes, the server's onConnect sees what the C client
asked for, and the ConnectionResponse the C client builds prints exactly
what autobahn's own client gets in onConnect from the same server. For
that, autobahn's client is run against the server with the key the C
client sent (os.urandom gives it those 16 bytes once), so that the two
responses are the same bytes.

usage: handshake_client_live.py CLIENT_BINARY
Ends with "N passed, M failed".
"""

import asyncio
import base64
import os
import sys

import txaio
from autobahn.asyncio.websocket import (WebSocketClientFactory,
                                        WebSocketClientProtocol,
                                        WebSocketServerFactory,
                                        WebSocketServerProtocol)

SEEN = []  # str(request) of each connection the server accepted


class Server(WebSocketServerProtocol):
    def onConnect(self, request):
        SEEN.append(str(request))
        # the first subprotocol, and a header of the server's own
        return (request.protocols[0] if request.protocols else None,
                {"X-Served-By": "autobahn"})


class Client(WebSocketClientProtocol):
    got = None
    done = None

    def onConnect(self, response):
        Client.got = str(response)

    def onOpen(self):
        self.transport.close()

    def onClose(self, wasClean, code, reason):
        if not Client.done.done():
            Client.done.set_result(self.wasNotCleanReason)


async def run_c_client(binary, port):
    proc = await asyncio.create_subprocess_exec(
        binary, str(port), stdout=asyncio.subprocess.PIPE)
    out, _ = await asyncio.wait_for(proc.communicate(), 20)
    return proc.returncode, out.decode()


async def run_autobahn_client(port, key):
    """autobahn's client, its Sec-WebSocket-Key made key."""
    loop = asyncio.get_running_loop()
    Client.done = loop.create_future()
    nonce = base64.b64decode(key)
    real = os.urandom
    calls = []

    def once(n):  # the key is the first 16 bytes autobahn asks for
        if n == 16 and not calls:
            calls.append(n)
            return nonce
        return real(n)
    os.urandom = once
    try:
        factory = WebSocketClientFactory(
            "ws://127.0.0.1:%d/chat?room=a&room=b" % port,
            protocols=["chat", "superchat"], useragent=None)
        factory.protocol = Client
        await loop.create_connection(factory, "127.0.0.1", port)
        reason = await asyncio.wait_for(Client.done, 10)
    finally:
        os.urandom = real
    return reason


async def run(binary):
    factory = WebSocketServerFactory("ws://127.0.0.1")
    factory.protocol = Server
    loop = asyncio.get_running_loop()
    server = await loop.create_server(factory, "127.0.0.1", 0)
    port = server.sockets[0].getsockname()[1]
    rc, printed = await run_c_client(binary, port)
    lines = printed.split("\n", 1)
    key = lines[0]
    ours = lines[1].rstrip("\n") if len(lines) > 1 else ""
    reason = await run_autobahn_client(port, key) if rc == 0 else None
    server.close()
    await server.wait_closed()
    return rc, key, ours, reason


def main():
    txaio.use_asyncio()
    txaio.start_logging(level="critical")
    try:
        rc, key, ours, reason = asyncio.run(run(sys.argv[1]))
    except Exception as e:  # a failed handshake: say so, count it
        print("FAIL handshake with autobahn's server: %r" % (e,))
        print("0 passed, 1 failed")
        return 1
    request = SEEN[0] if SEEN else ""
    checks = [
        ("the C client completed the handshake (exit 0)", rc == 0,
         "exit %d: %s" % (rc, ours)),
        ("the server saw the C client's protocols",
         "'protocols': ['chat', 'superchat']" in request, request),
        ("the server saw the C client's params",
         "'params': {'room': ['a', 'b']}" in request, request),
        ("autobahn's client, with the same key, got a response",
         Client.got is not None, "reason: %r" % (reason,)),
        ("the C client's str(ConnectionResponse) is autobahn's client's",
         Client.got == ours,
         "--- autobahn\n%s\n--- ours\n%s" % (Client.got, ours)),
        ("the response carries the key's accept value and the server's "
         "choices", "'protocol': 'chat'" in ours and
         "'x-served-by': 'autobahn'" in ours and key != "", ours),
    ]
    passed = failed = 0
    for name, ok, detail in checks:
        if ok:
            passed += 1
        else:
            failed += 1
            print("FAIL %s\n    %s" % (name, detail.replace("\n", "\n    ")))
    print("%d passed, %d failed" % (passed, failed))
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
