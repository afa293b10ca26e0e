#!/usr/bin/python3
"""CPython's side of the benchmark: autobahn's own ConnectionRequest.

  cpython.py expect FIXTURE PYTHON_JSON STR   write what our encoders must match
  cpython.py time NAME FIXTURE                TSV: ns/op of each operation
  cpython.py callgrind NAME FIXTURE N LIB     the same operations N times each
                                              between callgrind dumps (LIB is
                                              the shared object that asks
                                              callgrind to zero and dump)
"""
import ctypes
import json
import pprint
import statistics
import sys
import timeit

from autobahn.websocket.types import ConnectionRequest


def load(path):
    with open(path, encoding="utf-8") as f:
        text = f.read()
    return text, ConnectionRequest(**json.loads(text))


def operations(text, obj):
    """(name, bytes it reads or writes, function)."""
    dumps_py = json.dumps(obj.__json__())
    return [
        ("encode", len(text.encode()),
         lambda: json.dumps(obj.__json__(), ensure_ascii=False, separators=(",", ":"))),
        ("encode-python", len(dumps_py.encode()), lambda: json.dumps(obj.__json__())),
        ("str", len(str(obj).encode()), lambda: str(obj)),
        ("decode", len(text.encode()), lambda: ConnectionRequest(**json.loads(text))),
    ]


def expect(fixture, py_out, str_out):
    text, obj = load(fixture)
    assert json.dumps(obj.__json__(), ensure_ascii=False, separators=(",", ":")) == text, \
        "the fixture is not in compact form"
    assert str(obj) == pprint.pformat(obj.__json__())
    with open(py_out, "w", encoding="utf-8") as f:
        f.write(json.dumps(obj.__json__()))
    with open(str_out, "w", encoding="utf-8") as f:
        f.write(str(obj))


def time_all(name, fixture):
    text, obj = load(fixture)
    print("fixture\tlib\tkind\tnote\tbytes\tns_median\tns_min")
    for kind, nbytes, fn in operations(text, obj):
        timer = timeit.Timer(fn)
        number, _ = timer.autorange()  # also the warm-up
        runs = [t / number * 1e9 for t in timer.repeat(repeat=7, number=number)]
        print("%s\tCPython\t%s\t%s\t%d\t%.1f\t%.1f" % (
            name, kind, "python3.11 + autobahn", nbytes,
            statistics.median(runs), min(runs)))
        sys.stdout.flush()


def callgrind(name, fixture, n, lib):
    ctl = ctypes.CDLL(lib)
    ctl.bench_cg_dump.argtypes = [ctypes.c_char_p]
    text, obj = load(fixture)
    for kind, _, fn in operations(text, obj):
        fn()
        label = ("%s|CPython|%s|%d" % (name, kind, n)).encode()
        ctl.bench_cg_zero()
        for _ in range(n):
            fn()
        ctl.bench_cg_dump(label)


def main(argv):
    if len(argv) == 5 and argv[1] == "expect":
        expect(argv[2], argv[3], argv[4])
    elif len(argv) == 4 and argv[1] == "time":
        time_all(argv[2], argv[3])
    elif len(argv) == 6 and argv[1] == "callgrind":
        callgrind(argv[2], argv[3], int(argv[4]), argv[5])
    else:
        sys.stderr.write(__doc__)
        return 2
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
