#!/usr/bin/env python3
"""Writes the committed seed corpora of fuzz/ (run by hand, see fuzz/README.md).

decode: one file per case line of the conformance case files given (class
name, compact JSON): a byte picking the class (its index in ab_types, then
lib_types, read from the generated sources) and the JSON. decode_failalloc:
the same with two bytes after the class byte, the allocation to fail.
lines: a few of those JSON texts as one --lines file each. schema: the
committed schemas (schema/, tests/system/catalog/, tests/system/schema_errors/).

usage: make_seeds.py OUTDIR GENERATED_C... -- CASE_FILE...
"""
import json
import os
import re
import shutil
import sys


def class_order(sources):
    names = []
    for path in sources:
        text = open(path, encoding="utf-8").read()
        table = re.search(r"_types\[\] =\s*\{(.*?)\}", text, re.S).group(1)
        names += re.findall(r"&\w+?_(\w+)_type\b", table)
    return names


def snake(name):
    return re.sub(r"(?<=[a-z0-9])(?=[A-Z])|(?<=[A-Z])(?=[A-Z][a-z])", "_", name).lower()


def main():
    argv = sys.argv[1:]
    out, rest = argv[0], argv[1:]
    sep = rest.index("--")
    order = class_order(rest[:sep])
    cases = []
    for path in rest[sep + 1:]:
        for line in open(path, encoding="utf-8"):
            row = json.loads(line)
            if len(row) >= 4 and snake(row[0]) in order:
                cases.append((order.index(snake(row[0])), row[1]))
    for d in ("decode", "decode_failalloc", "lines", "schema"):
        shutil.rmtree(os.path.join(out, d), ignore_errors=True)
        os.makedirs(os.path.join(out, d))
    for i, (index, text) in enumerate(cases):
        body = text.encode("utf-8")
        with open(os.path.join(out, "decode", "%03d" % i), "wb") as f:
            f.write(bytes([index]) + body)
        with open(os.path.join(out, "decode_failalloc", "%03d" % i), "wb") as f:
            f.write(bytes([index, (i * 7) % 40, 0]) + body)
        if i % 4 == 0:
            with open(os.path.join(out, "lines", "%03d" % i), "wb") as f:
                f.write(bytes([index]) + body + b"\n\n" + body + b"\r\n{}\n" + body)
    for src in ["schema/autobahn.wst", "tests/system/catalog/library.wst"] + sorted(
            os.path.join("tests/system/schema_errors", n)
            for n in os.listdir("tests/system/schema_errors") if n.endswith(".wst")):
        if os.path.getsize(src) > 8192:  # the limits' tests: large, and nothing new
            continue
        shutil.copy(src, os.path.join(out, "schema", os.path.basename(src)))


if __name__ == "__main__":
    main()
