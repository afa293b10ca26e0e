#!/usr/bin/python3
"""CPython's side of the benchmark: autobahn's own ConnectionRequest, and
the Quote's model (bench/quote_model.py).

  cpython.py expect DOC FIXTURE PYTHON_JSON STR  write what our encoders must
                                                 match
  cpython.py time DOC NAME FIXTURE               TSV: ns/op of each operation
  cpython.py callgrind DOC NAME FIXTURE N LIB    the same operations N times
                                                 each between callgrind dumps
                                                 (LIB is the shared object that
                                                 asks callgrind to zero and
                                                 dump)

DOC is what the fixture holds: "request" or "quote".
"""
import ctypes
import json
import pprint
import statistics
import sys
import timeit

from autobahn.websocket.types import ConnectionRequest

from quote_model import Quote

# How each kind of document is made from its JSON text: what "decode" times.
DOCS = {
    "request": lambda text: ConnectionRequest(**json.loads(text)),
    "quote": lambda text: Quote.from_dict(json.loads(text)),
}


def load(doc, path):
    with open(path, encoding="utf-8") as f:
        text = f.read()
    return text, DOCS[doc](text)


def operations(doc, text, obj):
    """(name, bytes it reads or writes, function)."""
    decode = DOCS[doc]
    dumps_py = json.dumps(obj.__json__())
    return [
        ("encode", len(text.encode()),
         lambda: json.dumps(obj.__json__(), ensure_ascii=False, separators=(",", ":"))),
        ("encode-python", len(dumps_py.encode()), lambda: json.dumps(obj.__json__())),
        ("str", len(str(obj).encode()), lambda: str(obj)),
        ("decode", len(text.encode()), lambda: decode(text)),
    ]


def expect(doc, fixture, py_out, str_out):
    text, obj = load(doc, fixture)
    assert json.dumps(obj.__json__(), ensure_ascii=False, separators=(",", ":")) == text, \
        "the fixture is not in compact form"
    assert str(obj) == pprint.pformat(obj.__json__())
    with open(py_out, "w", encoding="utf-8") as f:
        f.write(json.dumps(obj.__json__()))
    with open(str_out, "w", encoding="utf-8") as f:
        f.write(str(obj))


def time_all(doc, name, fixture):
    text, obj = load(doc, fixture)
    note = "python3.11 + autobahn" if doc == "request" else "python3.11 + quote_model.py"
    print("fixture\tlib\tkind\tnote\tbytes\tns_median\tns_min")
    for kind, nbytes, fn in operations(doc, text, obj):
        timer = timeit.Timer(fn)
        number, _ = timer.autorange()  # also the warm-up
        runs = [t / number * 1e9 for t in timer.repeat(repeat=7, number=number)]
        print("%s\tCPython\t%s\t%s\t%d\t%.1f\t%.1f" % (
            name, kind, note, nbytes,
            statistics.median(runs), min(runs)))
        sys.stdout.flush()


def callgrind(doc, name, fixture, n, lib):
    ctl = ctypes.CDLL(lib)
    ctl.bench_cg_dump.argtypes = [ctypes.c_char_p]
    text, obj = load(doc, fixture)
    for kind, _, fn in operations(doc, text, obj):
        fn()
        label = ("%s|CPython|%s|%d" % (name, kind, n)).encode()
        ctl.bench_cg_zero()
        for _ in range(n):
            fn()
        ctl.bench_cg_dump(label)


def main(argv):
    if len(argv) == 6 and argv[1] == "expect" and argv[2] in DOCS:
        expect(argv[2], argv[3], argv[4], argv[5])
    elif len(argv) == 5 and argv[1] == "time" and argv[2] in DOCS:
        time_all(argv[2], argv[3], argv[4])
    elif len(argv) == 7 and argv[1] == "callgrind" and argv[2] in DOCS:
        callgrind(argv[2], argv[3], argv[4], int(argv[5]), argv[6])
    else:
        sys.stderr.write(__doc__)
        return 2
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
