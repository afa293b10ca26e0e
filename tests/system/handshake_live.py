"""autobahn's asyncio client against the server of docs/handshake.md
(built from the page by check_handshake.sh): the handshake completes, the
client's onConnect sees the subprotocol the C server chose, and the server
printed the request it read, exactly as str(request) in the onConnect of
autobahn's own asyncio server given the same bytes from the same peer.

usage: handshake_live.py SERVER_BINARY
Ends with "N passed, M failed".
"""

import asyncio
import subprocess
import sys

import txaio
from autobahn.asyncio.websocket import (WebSocketClientFactory,
                                        WebSocketClientProtocol,
                                        WebSocketServerFactory,
                                        WebSocketServerProtocol)


class Client(WebSocketClientProtocol):
    response = None
    opened = None

    def onConnect(self, response):
        Client.response = response

    def onOpen(self):
        # what the C server read, and where from (its peer)
        Client.sent = self.http_request_data
        Client.local = self.transport.get_extra_info("sockname")
        Client.opened.set_result(True)
        self.transport.close()


class Server(WebSocketServerProtocol):
    """autobahn's server: records str(request) for the C server's peer."""
    seen = []

    def onConnect(self, request):
        # autobahn names a peer "tcp4:HOST:PORT": check that on this
        # connection, then give the request the C server's connection's
        local = self.transport.get_extra_info("peername")
        Server.seen.append(request.peer == "tcp4:%s:%d" % local[:2])
        request.peer = "tcp4:%s:%d" % Client.local[:2]
        Server.seen.append(str(request))


async def autobahn_str(data):
    """str(request) in autobahn's server's onConnect for the bytes data."""
    factory = WebSocketServerFactory("ws://127.0.0.1")
    factory.protocol = Server
    server = await asyncio.get_running_loop().create_server(
        factory, "127.0.0.1", 0)
    port = server.sockets[0].getsockname()[1]
    reader, writer = await asyncio.open_connection("127.0.0.1", port)
    writer.write(data)
    await writer.drain()
    await asyncio.wait_for(reader.readuntil(b"\r\n\r\n"), 10)
    writer.close()
    server.close()
    return Server.seen


async def run(port):
    Client.opened = asyncio.get_running_loop().create_future()
    factory = WebSocketClientFactory(
        "ws://127.0.0.1:%d/chat?room=a&room=b" % port,
        protocols=["chat", "superchat"])
    factory.protocol = Client
    await asyncio.get_running_loop().create_connection(factory, "127.0.0.1",
                                                       port)
    await asyncio.wait_for(Client.opened, 10)


def main():
    txaio.use_asyncio()
    server = subprocess.Popen([sys.argv[1]], stdout=subprocess.PIPE)
    port = int(server.stdout.readline())
    passed = failed = 0
    try:
        asyncio.run(run(port))
        printed = server.stdout.read().decode()
        server.wait(10)
    except Exception as e:  # a failed handshake: say so, count it
        server.kill()
        print("FAIL handshake with the C server: %r" % (e,))
        print("0 passed, 1 failed")
        return 1
    seen = asyncio.run(autobahn_str(Client.sent))
    checks = [
        ("autobahn's server names its peer tcp4:HOST:PORT",
         len(seen) == 2 and seen[0]),
        ("the server printed str(request) as autobahn's onConnect has it",
         len(seen) == 2 and printed == seen[1] + "\n"),
        ("the client's onConnect sees the chosen subprotocol",
         Client.response is not None and Client.response.protocol == "chat"),
        ("the server printed the request's protocols",
         "'protocols': ['chat', 'superchat']" in printed),
        ("the server printed the request's params",
         "'params': {'room': ['a', 'b']}" in printed),
        ("the server printed the path", "'path': '/chat'" in printed),
        ("the server exited 0", server.returncode == 0),
    ]
    for name, ok in checks:
        if ok:
            passed += 1
        else:
            failed += 1
            print("FAIL %s\n    server printed: %s\n    autobahn: %s" %
                  (name, printed, seen[1:]))
    print("%d passed, %d failed" % (passed, failed))
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
