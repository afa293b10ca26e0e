#!/bin/sh
# The command-line tool against autobahn: random instances of every class,
# made by autobahn, go through `wstypes convert` in every form and must come
# out byte for byte as autobahn writes them. WSTYPES_SEED and WSTYPES_COUNT
# as in check_conformance.sh.
set -u
BIN=${BIN:-build/asan/bin}
PYTHON=${PYTHON:-/usr/bin/python3}
. tests/lib/check.sh
[ -x "$BIN/wstypes" ] || give_up "$BIN/wstypes is not built"
[ -x "$BIN/tool_conform" ] || give_up "$BIN/tool_conform is not built"
work=$(mktemp -d) || give_up "no temporary directory"
trap 'rm -rf "$work"' EXIT
"$BIN/tool_conform" describe >"$work/describe.json" || give_up "tool_conform describe failed"
set -- --count "${WSTYPES_COUNT:-500}" --describe "$work/describe.json"
[ -n "${WSTYPES_SEED:-}" ] && set -- "$@" --seed "$WSTYPES_SEED"
"$PYTHON" tests/system/conformance/cases.py "$@" --out "$work/cases.jsonl" || give_up "cases.py failed"
# str() runs once per document: the unsanitized tool starts much faster.
str_tool=${WSTYPES:-build/bin/wstypes}
[ -x "$str_tool" ] || str_tool=$BIN/wstypes
run_counted "tool_check.py" "$PYTHON" tests/system/conformance/tool_check.py \
  "$work/cases.jsonl" "$BIN/wstypes" "$str_tool"
summary
