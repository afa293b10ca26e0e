"""`wstypes handshake accept` and `handshake deny` against autobahn's server.

Each case is a request (the browser-shaped ones of handshake_diff.py, then
randomized ones from its generator) and a decision that a
python3-autobahn asyncio server's onConnect makes for it: accept, returning
(subprotocol, headers) as autobahn's onConnect does, the subprotocol one the
client offered or none and the headers random names with a string or a list
of strings each; or deny, raising ConnectionDeny(code, reason). onConnect
records the decision as the JSON of a ConnectionAccept or ConnectionDeny;
the tool is given that JSON (and, to accept, the request's bytes and the
peer autobahn saw) and must print exactly the bytes autobahn sent, up to the
end of the response's header block. Half the cases run on a factory with
autobahn's default Server header (the tool's --server), half without one.
Where autobahn refuses the request, before onConnect or when accepting
(an extension offer it cannot take: 400), `handshake accept` must refuse it
too: exit 1, nothing on stdout, and on stderr autobahn's status and reason.

usage: handshake_reverse.py WSTYPES [COUNT] [SEED]
Ends with "N passed, M failed".
"""

import asyncio
import contextlib
import json
import os
import random
import sys
import tempfile

from autobahn.asyncio.websocket import WebSocketServerProtocol
from autobahn.websocket.types import ConnectionDeny

from handshake_common import autobahn_server, exchange, finish, run_tool, start
from handshake_diff import BROWSERS, rand_request

# autobahn's default for the factory's server option.
AUTOBAHN_SERVER = "AutobahnPython/22.7.1"

TOKENS = ["Set-Cookie", "X-Trace", "x-a", "Cache-Control", "WWW-Authenticate", "X_B", "X.C", "!#$%&'*+-.^_`|~"]
VALUES = ["a=1", "", "two words", "tab\there", "caf\u00e9", "\u20ac 5",
          "quoted \"x\"", "a, b", "\u00ff\u0100", "  padded  "]
REASONS = [None, "", "Forbidden", "not on the guest list", "Zugriff \u2013 "
           "verweigert \u00fc", "tab\tin it", "x" * 200]
CODES = [400, 401, 403, 404, 406, 408, 418, 500, 501, 503, 599, 100, 999]


def rand_headers(rng):
    headers = {}
    for _ in range(rng.randint(0, 4)):
        name = rng.choice(TOKENS)
        r = rng.random()
        if r < 0.5:
            headers[name] = rng.choice(VALUES)
        else:
            headers[name] = [rng.choice(VALUES)
                             for _ in range(rng.randint(0, 3))]
    return headers


class Decider(WebSocketServerProtocol):
    """onConnect decides with the case's own random generator and records
    the decision's JSON in Decider.decided."""
    rng = None
    deny = False
    decided = None

    def onConnect(self, request):
        rng = Decider.rng
        if Decider.deny:
            code, reason = rng.choice(CODES), rng.choice(REASONS)
            Decider.decided = {"code": code, "reason": reason}
            raise ConnectionDeny(code, reason)
        protocol = None
        if request.protocols and rng.random() < 0.7:
            protocol = rng.choice(request.protocols)
        headers = rand_headers(rng) if rng.random() < 0.7 else {}
        Decider.decided = {"subprotocol": protocol,
                           "headers": headers if headers else None}
        return (protocol, headers)


async def ask_autobahn(cases):
    """For each (request, deny, with_server, seed): (the decision's JSON or
    None when onConnect was not called, autobahn's response)."""
    async with contextlib.AsyncExitStack() as servers:
        ports = {}
        for with_server in (False, True):
            server = AUTOBAHN_SERVER if with_server else None
            ports[with_server] = await servers.enter_async_context(
                autobahn_server(Decider, server))
        out = []
        for data, deny, with_server, seed in cases:
            Decider.rng, Decider.deny, Decider.decided = \
                random.Random(seed), deny, None
            head = await exchange(ports[with_server], data)
            out.append((Decider.decided, head))
    return out


def refused(head, rc, out, err):
    """The problem with the tool's answer where autobahn refused, or None:
    it must exit 1, print nothing and give autobahn's status and reason
    (only the status for autobahn's status page, 200 or 303, whose reason
    is the page's own)."""
    line = head[:head.find(b"\r\n")] if b"\r\n" in head else head
    status_reason = line.split(b" ", 1)[1] if b" " in line else b"?"
    if status_reason[:4] in (b"200 ", b"303 "):
        status_reason = status_reason[:4]
    else:
        status_reason += b"\n"
    if rc == 1 and out == b"" and b": " + status_reason in err:
        return None
    return "autobahn refused with %r; tool: exit %d, %r, %r" % (
        line, rc, out[:60], err)


def check_case(wstypes, tmp, data, deny, with_server, decided, head):
    """The problem, or None."""
    with open(tmp, "wb") as f:
        f.write(data)
    if decided is None:  # refused before onConnect: accepting must fail
        rc, out, err = run_tool(
            wstypes, ["handshake", "accept", "--request", tmp], b"{}")
        return refused(head, rc, out, err)
    text = json.dumps(decided).encode()
    if deny:
        rc, out, err = run_tool(wstypes, ["handshake", "deny", "-"], text)
    else:
        args = ["handshake", "accept", "--request", tmp, "--peer",
                "tcp:127.0.0.1:1"]
        if with_server:
            args += ["--server", AUTOBAHN_SERVER]
        rc, out, err = run_tool(wstypes, args + ["-"], text)
        if not head.startswith(b"HTTP/1.1 101 "):  # refused when accepting
            problem = refused(head, rc, out, err)
            return problem and "%s\n%s" % (text.decode(), problem)
    if (rc, out, err) == (0, head, b""):
        return None
    return "%s\n--- autobahn\n%r\n--- tool (exit %d)\n%r\n%s" % (
        text.decode(), head, rc, out, err.decode(errors="replace"))


def main():
    wstypes, count, seed, rng = start(150)
    requests = [b for b in BROWSERS for _ in range(4)] + \
        [rand_request(rng) for _ in range(count)]
    cases = [(r, rng.random() < 0.3, rng.random() < 0.5, rng.getrandbits(32))
             for r in requests]
    theirs = asyncio.run(ask_autobahn(cases))
    passed = failed = 0
    counts = {"accept": 0, "deny": 0, "refused": 0, "late": 0}
    with tempfile.TemporaryDirectory() as tmpdir:
        tmp = os.path.join(tmpdir, "request")
        for i, ((data, deny, with_server, _), (decided, head)) in \
                enumerate(zip(cases, theirs)):
            problem = check_case(wstypes, tmp, data, deny, with_server,
                                 decided, head)
            if decided is None:
                counts["refused"] += 1
            elif deny:
                counts["deny"] += 1
            elif head.startswith(b"HTTP/1.1 101 "):
                counts["accept"] += 1
            else:
                counts["late"] += 1
            if problem:
                failed += 1
                print("FAIL case %d (seed %d): %r\n    %s" % (
                    i, seed, data, problem.replace("\n", "\n    ")))
            else:
                passed += 1
    print("%d cases: %d accepted and %d denied in onConnect, %d refused by "
          "autobahn before it, %d when accepting (extension offers)" % (
              len(cases), counts["accept"], counts["deny"], counts["refused"],
              counts["late"]))
    return finish(passed, failed)


if __name__ == "__main__":
    sys.exit(main())
