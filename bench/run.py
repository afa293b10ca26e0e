#!/usr/bin/python3
"""Runs every measurement of `make bench` and writes the table.

  run.py BUILD_DIR OUT.md GENERATOR TOOL [README]

GENERATOR and TOOL are build/bin/wstypes-gen and build/bin/wstypes. With
README, the part of it between <!-- bench:begin --> and <!-- bench:end -->
gets the machine, the targets and the 1.2 KB table of this run.
BUILD_DIR also holds the harness's build of the Quote's generated code
(bench/quote.wst, in BUILD_DIR/quote/).
BUILD_DIR (build/bench) holds the harness (`bench`), libcgctl.so, the JSON
Lines file and the synthetic schemas, which bench/bench.mk makes first. The
table goes to stdout and to OUT.md, with a line describing the machine.
"""
import glob
import json
import os
import platform
import re
import shutil
import statistics
import subprocess
import sys
import time

PY = "/usr/bin/python3"
SCHEMA = "schema/autobahn.wst"
# (name, what it holds, file, runs per callgrind count, what the table says)
FIXTURES = [("1.2 KB", "request", "bench/fixtures/request-1k.json", 50,
             "a browser's ConnectionRequest"),
            ("16 KB", "request", "bench/fixtures/request-16k.json", 5,
             "a ConnectionRequest of 126 headers, non-ASCII text and escapes"),
            ("Quote", "quote", "bench/fixtures/quote.json", 5,
             "the float-heavy document of bench/quote.wst: 300 price levels, "
             "a summary class in place, an Event subclass in an abstract field")]
# The targets of issue 12 are set on the two ConnectionRequest fixtures.
TARGET_FIXTURES = ["1.2 KB", "16 KB"]
SYNTHETIC = [100, 1000, 10000]
LINES = 100000
CFLAGS_LINE = ("harness and libwstypes.a built with -std=c11 -O2 -g, no sanitizers; "
               "the other libraries as Debian bookworm packages them")

# yyjson is not packaged in Debian bookworm, so it cannot run here. These
# are its figures from issue 12, measured outside the tree with the same
# compiler and flags (gcc 12, -O2), in callgrind instructions per operation,
# for the same jobs: encode builds a document of the same content and writes
# it compact; decode parses and copies every string into owned memory.
YYJSON_IR = {"1.2 KB": {"encode": 10.8e3, "decode": 31.6e3, "parse": 7.9e3},
             "16 KB": {"encode": 201e3, "decode": 376e3, "parse": 144e3}}
YYJSON_LABEL = "yyjson (outside the harness)"
YYJSON_NOTE = ("yyjson is not packaged in Debian bookworm: its rows are "
               "callgrind instructions per operation measured outside the "
               "harness (gcc 12, -O2; encode: build a document of the same "
               "content and write it compact; decode: parse and copy every "
               "string into owned memory), not timed here. Also measured "
               "outside: its encode takes about 0.25x cJSON's time and 0.27x "
               "yajl's on the 1.2 KB document.")

# Issue 12's targets, on each of TARGET_FIXTURES: instruction ceilings
# (0.67x yyjson's decode, 0.5x its encode) and allocations per decode.
DECODE_IR_MAX = {"1.2 KB": 21e3, "16 KB": 250e3}
ENCODE_IR_MAX = {"1.2 KB": 5.4e3, "16 KB": 100e3}
DECODE_ALLOCS_MAX = {"1.2 KB": 8, "16 KB": 16}


def log(msg):
    sys.stderr.write("bench: %s\n" % msg)
    sys.stderr.flush()


def run(cmd, **kw):
    return subprocess.run(cmd, check=True, text=True, **kw)


def pinned(cmd):
    """Keeps the timing on one core, away from the scheduler's moves."""
    return (["taskset", "-c", str(os.cpu_count() - 1)] + cmd
            if shutil.which("taskset") else cmd)


def read_tsv(text):
    lines = [l.split("\t") for l in text.strip().split("\n")]
    head = lines[0]
    return [dict(zip(head, l)) for l in lines[1:]]


# ---- timing and allocations ---------------------------------------------------

def file_tag(name):
    """"1.2 KB" -> "1_2KB", for file names."""
    return name.replace(" ", "").replace(".", "_")


def expected_outputs(bb, name, doc, path):
    tag = file_tag(name)
    py_out = os.path.join(bb, "expect-%s.python.json" % tag)
    str_out = os.path.join(bb, "expect-%s.str.txt" % tag)
    run([PY, "bench/cpython.py", "expect", doc, path, py_out, str_out])
    return py_out, str_out


def time_fixture(bb, name, doc, path, expect):
    rows = read_tsv(run(pinned([os.path.join(bb, "bench"), "time", doc, name,
                                path] + list(expect)),
                        capture_output=True).stdout)
    rows += read_tsv(run(pinned([PY, "bench/cpython.py", "time", doc, name, path]),
                         capture_output=True).stdout)
    return rows


# ---- instructions (callgrind) -------------------------------------------------

CLIENT_REQUEST = "desc: Trigger: Client Request: "


def callgrind(bb, out_name, cmd):
    prefix = os.path.join(bb, out_name)
    for old in glob.glob(prefix + "*"):
        os.remove(old)
    run(["valgrind", "--tool=callgrind", "--callgrind-out-file=" + prefix,
         "--dump-instr=no", "--dump-line=no"] + cmd,
        capture_output=True, env=dict(os.environ, PYTHONHASHSEED="0"))
    counts = {}
    for dump in glob.glob(prefix + ".*"):
        desc = summary = None
        with open(dump) as f:
            for line in f:
                if line.startswith(CLIENT_REQUEST):
                    desc = line[len(CLIENT_REQUEST):].strip()
                elif line.startswith("summary: "):
                    summary = int(line.split()[1])
        if desc and summary is not None:
            fixture, lib, kind, n = desc.split("|")
            counts[(fixture, lib, kind)] = summary / int(n)
            DUMPS[(fixture, lib, kind)] = dump
    return counts


DUMPS = {}  # (fixture, lib, kind) -> its callgrind dump
PROFILE_LINE = re.compile(r"^\s*([\d,]+) \(\s*([\d.]+)%\)\s+(\S+?):(\S+)")
NOT_WORK = ("(below main)", "__libc_start_main", "0x0", "main")


def hot_functions(dump, top=6):
    """The functions with the most instructions of their own in a dump,
    inlined copies folded into their function."""
    text = run(["callgrind_annotate", "--threshold=100", "--inclusive=no", dump],
               capture_output=True).stdout
    share = {}
    for line in text.split("\n"):
        m = PROFILE_LINE.match(line)
        if not m:
            continue
        func = m.group(4).split("[")[0].strip().split("'")[0].split(".part")[0]
        func = func.split(".constprop")[0].split(".isra")[0].split("@")[0]
        if func.startswith(NOT_WORK) or "below main" in line:
            continue
        share[func] = share.get(func, 0.0) + float(m.group(2))
    ranked = sorted(share.items(), key=lambda kv: -kv[1])[:top]
    return ", ".join("%s %.0f%%" % (f, pct) for f, pct in ranked)


def instructions(bb, name, doc, path, expect, n):
    tag = file_tag(name)
    ir = callgrind(bb, "cg-c-%s" % tag,
                   [os.path.join(bb, "bench"), "callgrind", doc, name, path]
                   + list(expect) + [str(n)])
    ir.update(callgrind(bb, "cg-py-%s" % tag,
                        [PY, "bench/cpython.py", "callgrind", doc, name, path,
                         str(max(1, n // 5)), os.path.join(bb, "libcgctl.so")]))
    return ir


# ---- the generator and the tool -------------------------------------------------

def hyperfine(bb, label, cmd, runs):
    out = os.path.join(bb, "hf-%s.json" % label)
    run(["hyperfine", "--style", "none", "--warmup", "1", "--runs", str(runs),
         "--export-json", out, cmd], capture_output=True)
    with open(out) as f:
        r = json.load(f)["results"][0]
    return r["median"] * 1e3, r["min"] * 1e3


def generator_times(bb, gen):
    rows = []
    for label, schema, classes, runs in (
            [("autobahn", SCHEMA, None, 20)] +
            [("%d classes" % n, os.path.join(bb, "schema_%d.wst" % n), n,
              10 if n < 10000 else 3) for n in SYNTHETIC]):
        outdir = os.path.join(bb, "gen-out", label.split()[0])
        os.makedirs(outdir, exist_ok=True)
        median, best = hyperfine(bb, "gen-" + label.split()[0],
                                 "%s -o %s %s" % (gen, outdir, schema), runs)
        size = sum(os.path.getsize(p) for p in glob.glob(outdir + "/*"))
        rows.append((label, classes, median, best, size))
        log("generator on %s: %.2f ms" % (label, median))
    return rows


def tool_time(bb, tool):
    data = os.path.join(bb, "lines.jsonl")
    out = os.path.join(bb, "lines.out.jsonl")
    cmd = "%s convert --type ConnectionRequest --lines %s" % (tool, data)
    # The input is in compact form already, so the output must equal it.
    with open(out, "w") as f:
        run(cmd.split(), stdout=f)
    same = subprocess.run(["cmp", "-s", data, out]).returncode == 0
    median, best = hyperfine(bb, "tool", cmd, 5)
    return os.path.getsize(data), median, best, same


# ---- the machine ----------------------------------------------------------------

# ---- floats (bench/float_bench.c) ----------------------------------------------

def float_section(bb):
    """Our double formatting and parsing against snprintf("%.17g") and
    strtod: time and instructions per value, on float_bench's mix."""
    exe = os.path.join(bb, "float_bench")
    rows = read_tsv(run(pinned([exe, "time"]), capture_output=True).stdout)
    ir = callgrind(bb, "cg-float", [exe, "callgrind", "20"])
    ns = {(r["lib"], r["kind"]): float(r["ns_median"]) for r in rows}
    out = ["### Floats: one double formatted or parsed", "",
           "A mix of prices (101.25), small integers (42.0) and doubles of random "
           "bits (17 digits), a third each; the parsers read our repr of each. "
           "Per value; \"time vs ours\" as in the tables above.", "",
           "| operation | library | ns | instructions | time vs ours |",
           "|---|---|---:|---:|---:|"]
    for r in rows:
        key = (r["lib"], r["kind"])
        out.append("| %s | %s | %.1f | %s | %.2f |" % (
            r["kind"], cell(r["note"]), ns[key],
            fmt_ir(ir.get(("float",) + key)), ns[key] / ns[("ours", r["kind"])]))
    return out + [""]


# ---- large maps (bench/map_bench.c) --------------------------------------------

def maps_section(bb):
    """Building maps of 10,000 entries one call at a time: time and
    instructions per entry, which stay flat because each call finds its
    name through the map's index (O(n) for the whole map, not O(n^2))."""
    exe = os.path.join(bb, "map_bench")
    rows = read_tsv(run(pinned([exe, "time"]), capture_output=True).stdout)
    ir = callgrind(bb, "cg-maps", [exe, "callgrind", "3"])
    out = ["### Large maps: one entry at a time", "",
           "10,000 calls building one map, from empty; per entry, the map's "
           "free included.", "",
           "| operation | ns | instructions |",
           "|---|---:|---:|"]
    for r in rows:
        out.append("| %s | %.1f | %s |" % (
            cell(r["note"]), float(r["ns_median"]),
            fmt_ir(ir.get(("maps", "ours", r["kind"])))))
    return out + [""]


# ---- the opening handshake (bench/hs_bench.c, bench/hs_cpython.py) -------------

HS_FIXTURES = "bench/fixtures/handshake"


def hs_requests():
    return sorted(glob.glob(os.path.join(HS_FIXTURES, "*.http")))


def hs_same_str(bb, files):
    """Per request: whether our str() of its ConnectionRequest is
    autobahn's (extensions as text, docs/handshake.md)."""
    ours = run([os.path.join(bb, "hs_bench"), "str"] + files,
               capture_output=True).stdout.split("\n\f\n")
    theirs = run([PY, "bench/hs_cpython.py", "str"] + files,
                 capture_output=True).stdout.split("\n\f\n")
    return [i < len(ours) and i < len(theirs) and ours[i] == theirs[i]
            for i in range(len(files))]


def handshake_section(bb):
    """Our codec's server side against autobahn's processHandshake on the
    same requests: time, instructions and allocations per parse."""
    files = hs_requests()
    same = hs_same_str(bb, files)
    exe = os.path.join(bb, "hs_bench")
    rows = read_tsv(run(pinned([exe, "time"] + files), capture_output=True).stdout)
    rows += read_tsv(run(pinned([PY, "bench/hs_cpython.py", "time"] + files),
                         capture_output=True).stdout)
    ir = callgrind(bb, "cg-hs-c", [exe, "callgrind", "50"] + files)
    ir.update(callgrind(bb, "cg-hs-py", [PY, "bench/hs_cpython.py", "callgrind",
                                         "10", os.path.join(bb, "libcgctl.so")]
                        + files))
    by = {(r["fixture"], r["lib"]): r for r in rows}
    out = ["### The opening handshake: reading a browser's request", "",
           "Our codec's server side (`ws_hs_server_init`, `feed` of the whole "
           "request, `take_request`, free) against autobahn's own "
           "`processHandshake` building the ConnectionRequest it hands "
           "`onConnect`, on the requests of `%s/` (bench/README.md says "
           "exactly what each side runs). Per parse; \"x\" is CPython's "
           "figure over ours (above 1, ours is faster); \"str() equal\" "
           "says whether the two ConnectionRequests print the same." % HS_FIXTURES,
           "",
           "| request | bytes | ours | instructions | allocations | CPython "
           "| instructions | x (time) | x (instructions) | str() equal |",
           "|---|---:|---:|---:|---:|---:|---:|---:|---:|---|"]
    total = {"ours": 0.0, "CPython": 0.0}
    total_ir = {"ours": 0.0, "CPython": 0.0}
    for path, ok in zip(files, same):
        name = "hs:" + os.path.basename(path).split(".")[0]
        mine, py = by.get((name, "ours")), by.get((name, "CPython"))
        if not mine or not py:
            continue
        a, b = float(mine["ns_median"]), float(py["ns_median"])
        ia, ib = ir.get((name, "ours", "parse")), ir.get((name, "CPython", "parse"))
        total["ours"] += a
        total["CPython"] += b
        total_ir["ours"] += ia or 0
        total_ir["CPython"] += ib or 0
        out.append("| %s | %s | %s | %s | %s | %s | %s | %.1fx | %s | %s |" % (
            name[3:], mine["bytes"], fmt_ns(a), fmt_ir(ia), mine["allocs"],
            fmt_ns(b), fmt_ir(ib), b / a if a else 0,
            "%.1fx" % (ib / ia) if ia and ib else "—", "yes" if ok else "NO"))
    if total["ours"]:
        out += ["", "All %d requests: ours %s, CPython %s, %.1fx the time "
                "(%.1fx the instructions)." % (
                    len(files), fmt_ns(total["ours"]), fmt_ns(total["CPython"]),
                    total["CPython"] / total["ours"],
                    total_ir["CPython"] / total_ir["ours"] if total_ir["ours"] else 0)]
    dump = DUMPS.get(("hs:chrome-cookies", "ours", "parse"))
    if dump:
        out += ["", "Where our time goes on chrome-cookies (callgrind, "
                "instructions of each function's own): " + hot_functions(dump) + "."]
    return out + [""]


def machine():
    info = {}
    try:
        with open("/proc/cpuinfo") as f:
            for line in f:
                key, _, value = line.partition(":")
                info.setdefault(key.strip(), value.strip())
    except OSError:
        pass
    cpu = info.get("model name", platform.processor() or "unknown CPU")
    if "cpu family" in info:
        cpu += " (family %s, model %s)" % (info["cpu family"], info.get("model", "?"))
    cc = run(["cc", "--version"], capture_output=True).stdout.split("\n")[0]
    return "%s, %d cores, %s, Linux %s; %s" % (
        cpu, os.cpu_count(), cc, platform.release(), CFLAGS_LINE)


# ---- the table --------------------------------------------------------------------

GROUPS = [("encode", "build the document and print it (compact JSON)"),
          ("encode-python", "json.dumps(d) form"),
          ("str", "str(obj), i.e. pprint.pformat(d)"),
          ("decode", "parse and copy every field into the struct"),
          ("parse", "parse only / copy only")]


def fmt_ns(ns):
    if ns >= 1e6:
        return "%.2f ms" % (ns / 1e6)
    if ns >= 1e4:
        return "%.1f µs" % (ns / 1e3)
    return "%.0f ns" % ns


def fmt_ir(ir):
    if ir is None:
        return "—"
    if ir >= 1e6:
        return "%.2f M" % (ir / 1e6)
    if ir >= 1e4:
        return "%.1f k" % (ir / 1e3)
    return "%.0f" % ir


def cell(text):
    """Text safe inside a Markdown table cell."""
    return text.replace("|", "\\|")


def ours_row(rows, kind):
    for r in rows:
        if r["lib"] == "ours" and r["kind"] == kind:
            return r
    return None


def fixture_table(name, what, rows, ir):
    out = ["### %s fixture: %s (%s bytes of compact JSON)" % (
        name, what, next(r["bytes"] for r in rows if r["kind"] == "encode")), "",
        "| operation | library | ns/op (median) | MB/s | instructions/op "
        "| allocations/op | output checked | time vs ours |",
        "|---|---|---:|---:|---:|---:|---|---:|"]
    yyjson = YYJSON_IR.get(name, {})
    for kind, title in GROUPS:
        group = [r for r in rows if r["kind"] == kind]
        if not group:
            continue
        ours = ours_row(rows, kind if kind != "parse" else "decode")
        for r in group:
            ns = float(r["ns_median"])
            mbs = int(r["bytes"]) / ns * 1e3 if ns else 0
            allocs = r.get("allocs", "—")
            if r["lib"] == "ours" and r.get("ws_allocs") not in (None, r.get("allocs")):
                allocs = "%s (hook: %s)" % (allocs, r["ws_allocs"])
            vs = ("%.3gx" % (ns / float(ours["ns_median"]))
                  if ours and ns and float(ours["ns_median"]) else "")
            out.append("| %s | %s | %s | %.0f | %s | %s | %s | %s |" % (
                kind, r["lib"], fmt_ns(ns), mbs,
                fmt_ir(ir.get((r["fixture"], r["lib"], r["kind"]))),
                allocs, cell(r.get("matches", "yes (CPython itself)")), vs))
        if kind in yyjson:
            out.append("| %s | %s | — | — | %s | — | not run here | — |" % (
                kind, YYJSON_LABEL, fmt_ir(yyjson[kind])))
    if yyjson:
        out += ["", YYJSON_NOTE]
    out.append("")
    return out


def ns_of(rows, lib, kind):
    for r in rows:
        if r["lib"] == lib and r["kind"] == kind:
            return float(r["ns_median"])
    return None


def ir_of(ir, fixture, lib, kind):
    return ir.get((fixture, lib, kind))


def target_rows(all_rows, ir):
    """Issue 12's targets, one row each: its text, then per fixture of
    TARGET_FIXTURES whether this run meets it and the figure that says so."""
    def judged(ok, text):
        if ok is None:
            return "not measured"
        return "%s: %s" % ("MET" if ok else "NOT MET", text)

    def ratio(a, b):
        return a / b if a is not None and b else None

    def cells(fn):
        return [fn(f, all_rows[f]) for f in TARGET_FIXTURES]

    def decode_time(f, rows):
        r = ratio(ns_of(rows, "ours", "decode"), ns_of(rows, "simdjson", "decode"))
        return judged(None if r is None else r <= 0.67, "%.2fx" % (r or 0))

    def decode_ir(f, rows):
        n = ir_of(ir, f, "ours", "decode")
        return judged(None if n is None else n <= DECODE_IR_MAX[f], fmt_ir(n))

    def encode_ir(f, rows):
        n = ir_of(ir, f, "ours", "encode")
        return judged(None if n is None else n <= ENCODE_IR_MAX[f], fmt_ir(n))

    def python_mode(f, rows):
        r = ratio(ns_of(rows, "ours", "encode-python"), ns_of(rows, "ours", "encode"))
        return judged(None if r is None else r <= 1.3, "%.2fx" % (r or 0))

    def str_speed(f, rows):
        r = ratio(ns_of(rows, "CPython", "str"), ns_of(rows, "ours", "str"))
        i = ratio(ir_of(ir, f, "CPython", "str"), ir_of(ir, f, "ours", "str"))
        return judged(None if r is None else r >= 100,
                      "%.0fx (instructions: %.0fx)" % (r or 0, i or 0))

    def allocs(f, rows):
        r = ours_row(rows, "decode")
        n = int(r["allocs"]) if r else None
        return judged(None if n is None else n <= DECODE_ALLOCS_MAX[f], str(n))

    def limits(table, fmt):
        return " / ".join(fmt(table[f]) for f in TARGET_FIXTURES)

    def kilo(n):
        return "%g k" % (n / 1e3)

    return [
        ("decode (full validation, into the struct): at most 0.67x simdjson's "
         "parse-and-copy time", cells(decode_time)),
        ("decode: at most %s instructions (0.67x yyjson's)" %
         limits(DECODE_IR_MAX, kilo), cells(decode_ir)),
        ("encode (compact): at most %s instructions (0.5x yyjson's)" %
         limits(ENCODE_IR_MAX, kilo), cells(encode_ir)),
        ("encode (python mode): at most 1.3x our compact encode's time",
         cells(python_mode)),
        ("str(): at least 100x faster than CPython's str(obj)", cells(str_speed)),
        ("decode: at most %s allocations" % limits(DECODE_ALLOCS_MAX, str),
         cells(allocs)),
    ]


def speedups(rows, ir, fixture, libs, kinds):
    """"kind: lib 2.10 (1.95); ..." for each kind: the other's median time
    over ours (instructions in brackets; above 1, ours is faster)."""
    parts = []
    for kind in kinds:
        each = []
        for lib in libs:
            a, b = ns_of(rows, lib, kind), ns_of(rows, "ours", kind)
            ia, ib = ir_of(ir, fixture, lib, kind), ir_of(ir, fixture, "ours", kind)
            if a and b:
                each.append("%s %.2f (%s)" % (
                    lib, a / b, "%.2f" % (ia / ib) if ia and ib else "—"))
        if each:
            parts.append("%s: %s" % (kind, ", ".join(each)))
    return "; ".join(parts)


def targets(all_rows, ir):
    """The targets of issue 12, met or not on each ConnectionRequest
    fixture, then the speed-ups that have no target."""
    out = ["### Targets (issue 12)", "",
           "Each target on both ConnectionRequest fixtures, judged from this "
           "run: times are medians, instructions callgrind's count per "
           "operation (stable on a busy machine), allocations per decode. "
           "No target may be reached by skipping a check.", "",
           "| target | %s |" % " | ".join(TARGET_FIXTURES),
           "|---|" + "---|" * len(TARGET_FIXTURES)]
    for text, cells in target_rows(all_rows, ir):
        out.append("| %s | %s |" % (text, " | ".join(cells)))
    out += ["", "Speed-ups (the other's median time over ours; instructions in "
            "brackets; above 1, ours is faster):", ""]
    for name, doc, _, _, _ in FIXTURES:
        rows = all_rows[name]
        libs = ["CPython", "cJSON", "yajl"] if doc == "quote" else ["CPython"]
        kinds = ["encode", "encode-python", "str", "decode"]
        out.append("- %s: %s." % (name, speedups(rows, ir, name, libs, kinds)))
    out.append("")
    return out


def profile_section(names):
    out = ["### Where our time goes (callgrind, instructions of each function's own)", ""]
    for name in names:
        for kind in ("encode", "encode-python", "str", "decode"):
            dump = DUMPS.get((name, "ours", kind))
            if dump:
                out.append("- %s, %s: %s" % (name, kind, hot_functions(dump)))
    out.append("")
    return out


def generator_table(gen):
    out = ["### The generator (build/bin/wstypes-gen, hyperfine median)", "",
           "| schema | classes | time | per class | output |",
           "|---|---:|---:|---:|---:|"]
    for label, classes, median, best, size in gen:
        per = "%.1f µs" % (median * 1e3 / classes) if classes else ""
        out.append("| %s | %s | %.2f ms | %s | %.1f MB |" % (
            label, classes or 9, median, per, size / 1e6))
    syn = [g for g in gen if g[1]]
    if len(syn) >= 2:
        first, last = syn[0], syn[-1]
        out.append("")
        out.append("From %d to %d classes (x%d) the time grows x%.1f: "
                   "per class %.1f µs -> %.1f µs (process start-up weighs on the "
                   "small schema)." % (
                       first[1], last[1], last[1] // first[1], last[2] / first[2],
                       first[2] * 1e3 / first[1], last[2] * 1e3 / last[1]))
    out.append("")
    return out


def tool_table(tool):
    size, median, best, same = tool
    return ["### The tool on %d mixed records (JSON Lines, %.1f MB)" % (LINES, size / 1e6), "",
            "`build/bin/wstypes convert --type ConnectionRequest --lines`: "
            "%.0f ms median (best %.0f ms), %.0f records/s, %.0f MB/s; "
            "output identical to the input: %s." % (
                median, best, LINES / median * 1e3, size / median / 1e3,
                "yes" if same else "NO"), ""]


README_INTRO = """## Benchmarks
`make bench` (not part of `make check`; it installs the Debian packages it
needs when run as root) measures the generated code against cJSON, jansson,
yajl, json-c, simdjson, `memcpy` and CPython with python3-autobahn, on a
browser-like ConnectionRequest of 1.2 KB and a 16 KB variant, and against
cJSON, yajl and CPython on a float-heavy Quote (bench/quote.wst), plus the
generator on synthetic schemas, the tool on 100,000 JSON Lines records, and
the handshake codec reading browser requests against autobahn's own parsing.
It prints the tables, writes them to [bench/results.md](bench/results.md),
which has everything, and puts the targets and the 1.2 KB table here;
[bench/README.md](bench/README.md) explains the method. The latest run:
"""


def update_readme(path, head, targets_part, table_part):
    """Replaces what lies between README's bench markers with the intro, the
    machine and run lines, the targets and the 1.2 KB table (headings one
    level down, under the README's own)."""
    begin, end = "<!-- bench:begin -->", "<!-- bench:end -->"
    with open(path, encoding="utf-8") as f:
        text = f.read()
    if begin not in text or end not in text:
        log("%s has no %s ... %s markers: not updated" % (path, begin, end))
        return
    lines = [README_INTRO] + head + [
        "#" + l if l.startswith("### ") else l for l in targets_part + table_part]
    block = "\n".join(lines).rstrip("\n") + "\n"
    before, rest = text.split(begin, 1)
    after = rest.split(end, 1)[1]
    with open(path, "w", encoding="utf-8") as f:
        f.write(before + begin + "\n" + block + end + after)


def main(argv):
    if len(argv) not in (5, 6):
        sys.stderr.write(__doc__)
        return 2
    bb, out_md, gen_path, tool_path = argv[1:5]
    readme = argv[5] if len(argv) == 6 else None
    started = time.time()
    all_rows, ir = {}, {}
    for name, doc, path, n, _ in FIXTURES:
        expect = expected_outputs(bb, name, doc, path)
        log("timing on the %s fixture" % name)
        all_rows[name] = time_fixture(bb, name, doc, path, expect)
        log("counting instructions on the %s fixture (callgrind)" % name)
        ir.update(instructions(bb, name, doc, path, expect, n))
    log("timing the generator")
    gen = generator_times(bb, gen_path)
    log("timing the tool")
    tool = tool_time(bb, tool_path)
    log("timing float formatting and parsing")
    floats = float_section(bb)
    log("timing large maps built one entry at a time")
    maps = maps_section(bb)
    log("timing the handshake codec against autobahn's parsing")
    handshake = handshake_section(bb)
    elapsed = time.time() - started

    head = ["Machine: " + machine() + ".",
            "Run: %s, `make bench` (%.0f s). Times are medians of 7 runs after a "
            "warm-up; instructions are callgrind's Ir per operation; allocations "
            "count malloc/calloc/realloc calls per operation (ours also through "
            "ws_set_allocator). \"time vs ours\" is the row's time over ours for "
            "the same job (above 1: ours is faster)." % (
                time.strftime("%Y-%m-%d"), elapsed), ""]
    targets_part = targets(all_rows, ir)
    tables = [fixture_table(name, what, all_rows[name], ir)
              for name, _, _, _, what in FIXTURES]
    out = ["# wstypes benchmarks", ""] + head + targets_part
    for table in tables:
        out += table
    out += profile_section([f[0] for f in FIXTURES])
    out += floats
    out += maps
    out += handshake
    out += generator_table(gen)
    out += tool_table(tool)
    out += notes(all_rows)
    text = "\n".join(out)
    with open(out_md, "w", encoding="utf-8") as f:
        f.write(text)
    if readme:
        update_readme(readme, head, targets_part, tables[0])
    print(text)
    return 0


def notes(all_rows):
    seen, out = set(), ["### How each library was used", ""]
    for rows in all_rows.values():
        for r in rows:
            key = (r["lib"], r["kind"], r["note"])
            if key in seen:
                continue
            seen.add(key)
            out.append("- %s, %s: %s" % (r["lib"], r["kind"], r["note"]))
    out += ["",
            "Every encoder builds the document from the same C value (the "
            "generated struct) and its output is compared byte for byte with "
            "CPython's; every parse-and-copy fills the same struct and is compared "
            "with our decoder's value; \"output checked\" says where one differs. "
            "On the Quote, cJSON and yajl write each float as the text of "
            "bench_float_repr (the first of %.15e, %.16e, %.17e that strtod "
            "reads back, laid out as Python's repr), since neither prints "
            "repr by itself.", ""]
    return out


if __name__ == "__main__":
    sys.exit(main(sys.argv))
