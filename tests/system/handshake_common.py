"""What the handshake checks against autobahn share (handshake_diff.py,
handshake_reverse.py, handshake_client_diff.py): the command line and the
random generator, loopback servers (autobahn's, or a plain one), reading an
HTTP head off a connection, running the tool or a batch program, and the
closing "N passed, M failed" line.
"""

import asyncio
import contextlib
import os
import random
import subprocess
import sys

import txaio
from autobahn.asyncio.websocket import WebSocketServerFactory

END = b"\r\n\r\n"


def start(default_count):
    """Quiets autobahn's logging and reads the command line PROGRAM [COUNT]
    [SEED] (SEED defaults to $HANDSHAKE_SEED, else 13): returns (PROGRAM,
    COUNT, SEED, a random generator seeded with SEED)."""
    txaio.use_asyncio()
    txaio.start_logging(level="critical")
    program = sys.argv[1]
    count = int(sys.argv[2]) if len(sys.argv) > 2 else default_count
    seed = int(sys.argv[3]) if len(sys.argv) > 3 else \
        int(os.environ.get("HANDSHAKE_SEED", "13"))
    return program, count, seed, random.Random(seed)


def finish(passed, failed):
    """Prints the closing line; returns the exit status."""
    print("%d passed, %d failed" % (passed, failed))
    return 1 if failed else 0


# MARK: random text


def rand_case(rng, s):
    return "".join(c.upper() if rng.random() < 0.5 else c.lower() for c in s)


def rand_text(rng, alphabet, lo, hi):
    return "".join(rng.choice(alphabet) for _ in range(rng.randint(lo, hi)))


# MARK: loopback connections


async def read_head(reader, timeout=None):
    """What reader gives up to the end of an HTTP head (the empty line) or
    of the connection, waiting at most timeout seconds (None: no limit) for
    each chunk."""
    data = b""
    while END not in data:
        chunk = await asyncio.wait_for(reader.read(65536), timeout)
        if not chunk:
            break
        data += chunk
    return data


async def exchange(port, data):
    """Sends data to 127.0.0.1:port; returns the response's bytes up to its
    empty line (all of them when there is none)."""
    reader, writer = await asyncio.open_connection("127.0.0.1", port)
    writer.write(data)
    await writer.drain()
    try:
        head = await read_head(reader, 10)
    finally:
        writer.close()
    end = head.find(END)
    return head[:end + len(END)] if end >= 0 else head


@contextlib.asynccontextmanager
async def autobahn_server(protocol, server=None):
    """A python3-autobahn asyncio server on 127.0.0.1 (factory option
    server: the Server header, None for none) speaking protocol; yields its
    port."""
    factory = WebSocketServerFactory("ws://127.0.0.1", server=server)
    factory.protocol = protocol
    loop = asyncio.get_running_loop()
    listener = await loop.create_server(factory, "127.0.0.1", 0)
    try:
        yield listener.sockets[0].getsockname()[1]
    finally:
        listener.close()
        await listener.wait_closed()


@contextlib.asynccontextmanager
async def plain_server(handle):
    """An asyncio server on 127.0.0.1 calling handle(reader, writer) for
    each connection; yields its port."""
    listener = await asyncio.start_server(handle, "127.0.0.1", 0)
    try:
        yield listener.sockets[0].getsockname()[1]
    finally:
        listener.close()
        await listener.wait_closed()


# MARK: our programs


def run_tool(wstypes, args, stdin):
    """`wstypes ARGS` with stdin: (exit status, stdout, stderr)."""
    res = subprocess.run([wstypes] + args, input=stdin,
                         stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                         check=False)
    return res.returncode, res.stdout, res.stderr


def run_batch(program, feed):
    """A batch program's stdout for feed on its stdin; exits the check when
    the program fails."""
    res = subprocess.run([program], input=feed, stdout=subprocess.PIPE,
                         check=False)
    if res.returncode != 0:
        sys.exit("%s failed: exit %d" % (os.path.basename(program),
                                         res.returncode))
    return res.stdout
