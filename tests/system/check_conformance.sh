#!/bin/sh
# Conformance against autobahn itself: Python builds random instances of every
# class of autobahn.websocket.types with autobahn's constructors and writes
# what json.dumps / str() make of them; tool_conform decodes, re-encodes and
# compares byte for byte, and checks that invalid inputs made from the same
# instances are refused; each check of each case counts once.
#
# Environment: BIN (default build/asan/bin), PYTHON (default /usr/bin/python3),
# WSTYPES_SEED (random seed, default fixed), WSTYPES_COUNT (instances per
# class, default 500), WSTYPES_SHOW (mismatches to print, default 5).
set -u
BIN=${BIN:-build/asan/bin}
PYTHON=${PYTHON:-/usr/bin/python3}
tool=$BIN/tool_conform
. tests/lib/check.sh

[ -x "$tool" ] || give_up "$tool is not built (make $tool)"
"$PYTHON" -c 'import autobahn.websocket.types' 2>/dev/null ||
  give_up "$PYTHON cannot import autobahn (install python3-autobahn)"

work=$(mktemp -d) || give_up "no temporary directory"
trap 'rm -rf "$work"' EXIT

# The schema's view of the classes, which cases.py checks against autobahn's
# and uses to make invalid inputs.
"$tool" describe >"$work/describe.json" || give_up "$tool describe failed"
set -- --count "${WSTYPES_COUNT:-500}" --describe "$work/describe.json"
[ -n "${WSTYPES_SEED:-}" ] && set -- "$@" --seed "$WSTYPES_SEED"
"$PYTHON" tests/system/conformance/cases.py "$@" --out "$work/cases.jsonl" ||
  give_up "tests/system/conformance/cases.py failed"

run_counted "tool_conform cases" "$tool" cases "$work/cases.jsonl" --show "${WSTYPES_SHOW:-5}"
summary
