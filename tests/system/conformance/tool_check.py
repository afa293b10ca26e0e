"""Conformance of the command-line tool: autobahn's own JSON for random
instances goes through `wstypes convert`, and what comes out must be, byte
for byte, what autobahn gives for the same value (DESIGN.md section 3).

Usage: tool_check.py CASES WSTYPES [WSTYPES_FOR_STR]
CASES is a case file written by cases.py. The JSON forms go through
`--lines`, one run per class and form; str() goes one document per run
(it spans lines), with WSTYPES_FOR_STR when given (an unsanitized build is
much faster to start). Prints a tally per class and form, the first few
mismatches, and ends with "N passed, M failed".
"""

import json
import subprocess
import sys
from collections import defaultdict

SHOW = 5


def load_cases(path):
    by_class = defaultdict(list)
    with open(path, encoding="ascii") as f:
        for line in f:
            case = json.loads(line)
            if len(case) >= 4:  # rejection cases have two elements
                by_class[case[0]].append(case)
    return by_class


def run(tool, args, text):
    proc = subprocess.run([tool] + args, input=text.encode("utf-8"),
                          capture_output=True, check=False)
    return proc.returncode, proc.stdout.decode("utf-8", "replace"), \
        proc.stderr.decode("utf-8", "replace")


class Tally:
    def __init__(self):
        self.counts = defaultdict(lambda: [0, 0])
        self.shown = 0

    def check(self, cls, form, expected, actual, detail=""):
        ok = expected == actual
        self.counts[(cls, form)][0 if ok else 1] += 1
        if not ok and self.shown < SHOW:
            self.shown += 1
            print(f"MISMATCH {cls} {form} {detail}")
            print(f"  expected: {expected!r}")
            print(f"  actual:   {actual!r}")
        return ok

    def report(self):
        passed = failed = 0
        for (cls, form), (p, f) in sorted(self.counts.items()):
            print(f"{cls} {form}: {p}/{p + f}")
            passed += p
            failed += f
        print(f"{passed} passed, {failed} failed")
        return failed == 0


def check_lines(tally, tool, cls, cases, form, source):
    """All instances of cls in one JSON Lines run: input is field `source`
    of each case (1 compact, 2 python), expected output the `form` text."""
    column = {"json": 1, "json-python": 2}[form]
    text = "".join(case[source] + "\n" for case in cases)
    code, out, err = run(tool, ["convert", "--type", cls, "--to", form,
                                "--lines"], text)
    lines = out.split("\n")
    if code != 0 or len(lines) != len(cases) + 1:
        tally.check(cls, form, "exit 0", f"exit {code}: {err.strip()}")
        return
    for i, case in enumerate(cases):
        tally.check(cls, form, case[column], lines[i], f"record {i + 1}")


def check_str(tally, tool, cls, cases):
    for i, case in enumerate(cases):
        code, out, err = run(tool, ["convert", "--type", cls, "--to", "str"],
                             case[2])
        actual = out if code == 0 else f"exit {code}: {err.strip()}"
        tally.check(cls, "str", case[3] + "\n", actual, f"record {i + 1}")


def main():
    cases_path, tool = sys.argv[1], sys.argv[2]
    str_tool = sys.argv[3] if len(sys.argv) > 3 else tool
    tally = Tally()
    for cls, cases in load_cases(cases_path).items():
        check_lines(tally, tool, cls, cases, "json", 2)        # python in
        check_lines(tally, tool, cls, cases, "json-python", 1)  # compact in
        check_str(tally, str_tool, cls, cases)
    sys.exit(0 if tally.report() else 1)


if __name__ == "__main__":
    main()
