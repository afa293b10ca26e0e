#!/bin/sh
# Conformance for the second schema, tests/system/catalog/library.wst, with no
# autobahn: catalog_conform (tests/system/tool_conform.c built against the catalog's
# generated code) describes the classes, Python makes random field dicts of
# those field types and writes json.dumps / pprint.pformat of them, and the
# tool decodes, re-encodes and compares byte for byte; each check of each case
# counts once.
#
# Environment: BIN (default build/asan/bin), PYTHON (default /usr/bin/python3),
# WSTYPES_SEED (random seed, default fixed), WSTYPES_COUNT (instances per
# class, default 500), WSTYPES_SHOW (mismatches to print, default 5).
set -u
BIN=${BIN:-build/asan/bin}
PYTHON=${PYTHON:-/usr/bin/python3}
tool=$BIN/catalog_conform
. tests/lib/check.sh

[ -x "$tool" ] || give_up "$tool is not built (make $tool)"

work=$(mktemp -d) || give_up "no temporary directory"
trap 'rm -rf "$work"' EXIT

"$tool" describe >"$work/describe.json" || give_up "$tool describe failed"
set -- --count "${WSTYPES_COUNT:-500}"
[ -n "${WSTYPES_SEED:-}" ] && set -- "$@" --seed "$WSTYPES_SEED"
"$PYTHON" tests/system/conformance/catalog_cases.py --describe "$work/describe.json" \
  "$@" --out "$work/cases.jsonl" || give_up "tests/system/conformance/catalog_cases.py failed"

run_counted "catalog_conform cases" "$tool" cases "$work/cases.jsonl" --show "${WSTYPES_SHOW:-5}"
summary
