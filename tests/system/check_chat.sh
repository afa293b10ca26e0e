#!/bin/sh
# Conformance for the third schema, a chat split over two files with an
# import (tests/system/chat/: chat.wst imports common.wst), the way
# check_catalog.sh checks the catalogue: for each module, chat_conform_NAME
# (tests/system/tool_conform.c built against that module's generated code,
# both modules linked) describes its classes, Python makes random field
# dicts of those types and writes json.dumps / pprint.pformat of them, and
# the tool decodes, re-encodes and compares byte for byte. Chat's classes
# derive from common's, so its cases cross the modules.
#
# Environment: BIN (default build/asan/bin), PYTHON (default /usr/bin/python3),
# WSTYPES_SEED (random seed, default fixed), WSTYPES_COUNT (instances per
# class, default 500), WSTYPES_SHOW (mismatches to print, default 5).
set -u
BIN=${BIN:-build/asan/bin}
PYTHON=${PYTHON:-/usr/bin/python3}
. tests/lib/check.sh

work=$(mktemp -d) || give_up "no temporary directory"
trap 'rm -rf "$work"' EXIT

for module in common chat; do
  tool=$BIN/chat_conform_$module
  [ -x "$tool" ] || give_up "$tool is not built (make $tool)"
  "$tool" describe >"$work/$module.json" || give_up "$tool describe failed"
  set -- --count "${WSTYPES_COUNT:-500}"
  [ -n "${WSTYPES_SEED:-}" ] && set -- "$@" --seed "$WSTYPES_SEED"
  "$PYTHON" tests/system/conformance/catalog_cases.py --describe "$work/$module.json" \
    "$@" --out "$work/$module.jsonl" || give_up "catalog_cases.py failed on $module"
  run_counted "chat_conform_$module cases" "$tool" cases "$work/$module.jsonl" \
    --show "${WSTYPES_SHOW:-5}"
done
summary
