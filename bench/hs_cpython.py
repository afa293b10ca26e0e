#!/usr/bin/python3
"""autobahn's side of the handshake benchmark: its server reading the
requests bench/hs_bench.c gives our codec.

  hs_cpython.py time FILE...           TSV: per request, ns per parse
  hs_cpython.py callgrind N LIB FILE...  each request parsed N times between
                                       callgrind dumps (LIB: libcgctl.so)
  hs_cpython.py str FILE...            str() of each ConnectionRequest, its
                                       extensions written as the codec
                                       writes them (docs/handshake.md)

One parse is autobahn's own WebSocketServerProtocol.processHandshake on the
request's bytes, from finding the end of the header block to building the
ConnectionRequest and calling onConnect with it: parseHttpHeader, the
request line, urlparse and parse_qs, the Host, Upgrade, Connection,
version, subprotocol, Origin and key checks, _parseExtensionsHeader. The
protocol is made once, as autobahn's factory makes one for a connection
(with a stand-in transport, and no opening-handshake timer), and each
parse sets its `data` and calls processHandshake. onConnect stores the
request. txaio's as_future and add_callbacks, which hand onConnect's result
to the event loop, are replaced in autobahn's protocol module by a direct
call and nothing: that is the loop's work, not parsing, and no loop runs
here.
"""
import asyncio
import ctypes
import statistics
import sys
import timeit

import txaio

txaio.use_asyncio()

from autobahn.asyncio.websocket import (WebSocketServerFactory,  # noqa: E402
                                        WebSocketServerProtocol)
from autobahn.websocket import protocol as ab_protocol  # noqa: E402
from autobahn.websocket.types import ConnectionRequest  # noqa: E402


class DirectCall:
    """txaio for a protocol with no event loop: onConnect is called at once
    and nothing is chained after it; everything else is txaio's."""

    def __getattr__(self, name):
        return getattr(txaio, name)

    @staticmethod
    def as_future(fun, *args, **kwargs):
        return fun(*args, **kwargs)

    @staticmethod
    def add_callbacks(future, callback, errback):
        return None


class Parsed(WebSocketServerProtocol):
    request = None

    def onConnect(self, request):
        self.request = request


class Transport:
    """What the protocol asks of its transport before the handshake ends:
    its peer (hs_bench.c's PEER). Writing would mean a refusal."""

    def get_extra_info(self, name, default=None):
        return ("127.0.0.1", 50122) if name == "peername" else default

    def write(self, data):
        raise AssertionError("autobahn answered %r" % data[:80])

    def close(self):
        pass

    def abort(self):
        pass


def protocol():
    ab_protocol.txaio = DirectCall()
    txaio.config.loop = asyncio.new_event_loop()
    # The same factory handshake_diff.py tests the codec against.
    factory = WebSocketServerFactory("ws://127.0.0.1", server=None)
    factory.setProtocolOptions(openHandshakeTimeout=0)
    factory.protocol = Parsed
    proto = factory()
    proto.connection_made(Transport())
    return proto


def parser(proto, data):
    def parse():
        proto.data = data
        proto.request = None
        proto.processHandshake()
        return proto.request
    return parse


def load(paths):
    proto = protocol()
    out = []
    for path in paths:
        with open(path, "rb") as f:
            data = f.read()
        name = "hs:" + path.rsplit("/", 1)[-1].split(".")[0]
        parse = parser(proto, data)
        if parse() is None:
            sys.exit("hs_cpython.py: autobahn did not accept %s" % path)
        out.append((name, data, parse))
    return out


def time_all(paths):
    print("fixture\tlib\tkind\tbytes\tns_median\tns_min")
    for name, data, parse in load(paths):
        timer = timeit.Timer(parse)
        number, _ = timer.autorange()  # also the warm-up
        runs = [t / number * 1e9 for t in timer.repeat(repeat=7, number=number)]
        print("%s\tCPython\tparse\t%d\t%.1f\t%.1f" % (
            name, len(data), statistics.median(runs), min(runs)))
        sys.stdout.flush()


def callgrind(n, lib, paths):
    ctl = ctypes.CDLL(lib)
    ctl.bench_cg_dump.argtypes = [ctypes.c_char_p]
    for name, _, parse in load(paths):
        parse()
        ctl.bench_cg_zero()
        for _ in range(n):
            parse()
        ctl.bench_cg_dump(("%s|CPython|parse|%d" % (name, n)).encode())


def print_all(paths):
    for _, _, parse in load(paths):
        r = parse()
        ext = [name + "".join("; " + k + ("" if v is True else "=" + v)
                              for k, vs in params.items() for v in vs)
               for name, params in r.extensions]
        print(str(ConnectionRequest(r.peer, r.headers, r.host, r.path,
                                    r.params, r.version, r.origin,
                                    r.protocols, ext)))
        print("\f")


def main(argv):
    if len(argv) >= 3 and argv[1] == "time":
        time_all(argv[2:])
    elif len(argv) >= 5 and argv[1] == "callgrind":
        callgrind(int(argv[2]), argv[3], argv[4:])
    elif len(argv) >= 3 and argv[1] == "str":
        print_all(argv[2:])
    else:
        sys.stderr.write(__doc__)
        return 2
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
