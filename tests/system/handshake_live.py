"""autobahn's asyncio client against the server of docs/handshake.md
(built from the page by check_handshake.sh): the handshake completes, the
client's onConnect sees the subprotocol the C server chose, and the server
printed the request it read.

usage: handshake_live.py SERVER_BINARY
Ends with "N passed, M failed".
"""

import asyncio
import subprocess
import sys

import txaio
from autobahn.asyncio.websocket import (WebSocketClientFactory,
                                        WebSocketClientProtocol)


class Client(WebSocketClientProtocol):
    response = None
    opened = None

    def onConnect(self, response):
        Client.response = response

    def onOpen(self):
        Client.opened.set_result(True)
        self.transport.close()


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
    checks = [
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
            print("FAIL %s\n    server printed: %s" % (name, printed))
    print("%d passed, %d failed" % (passed, failed))
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
