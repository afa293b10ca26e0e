#!/bin/sh
# The stack ws_pformat and ws_prepr take at the deepest nesting they allow
# (300 levels), on the library as `make` builds it (build/lib/libwstypes.a:
# -O2, no sanitizers, whose redzones inflate every frame): each value runs
# in a thread whose stack is the limit, over a guard page, so a layout that
# takes more fails or dies there (tests/system/pformat_stack.c). The limit
# is what ws_pformat.h promises, with room for the compiler: gcc 12 -O2
# measures about 60 KB, clang 14 about 84 KB (before the layout kept its
# per-level state out of its frames: 326 KB).
set -u
CC=${CC:-cc}
. tests/lib/check.sh
lib=build/lib/libwstypes.a
[ -f "$lib" ] || give_up "$lib is missing: run make first"
work=$(mktemp -d) || give_up "no temporary directory"
trap 'rm -rf "$work"' EXIT
WARN="-Wall -Wextra -Wpedantic -Wconversion -Wshadow -Werror"
if ! $CC -std=c11 -O2 $WARN -Iruntime tests/system/pformat_stack.c "$lib" \
  -lpthread -o "$work/pformat_stack" 2>"$work/build.log"; then
  give_up "pformat_stack.c does not build: $(head -20 "$work/build.log")"
fi
if $CC --version 2>/dev/null | grep -qi clang; then
  limit=98304 # 96 KB
else
  limit=65536 # 64 KB
fi
"$work/pformat_stack" "$limit" >"$work/out" 2>&1
status=$?
while IFS= read -r line; do
  case "$line" in
  "ok "*) pass "${line#ok }" ;;
  "not ok "*) fail "${line#not ok }" ;;
  esac
done <"$work/out"
if [ "$status" -ne 0 ] && ! grep -q "^not ok" "$work/out"; then
  fail "pformat_stack $limit" "exit status $status (past the guard page?)" \
    "$(tail -5 "$work/out")"
fi
summary
