#!/bin/sh
# runtime/ws_float.c against CPython: Python writes doubles (by their bits:
# edges, every power of two and its neighbours, random bit patterns) and
# JSON number texts with repr(float(...)) of each; tool_float converts the
# same lines and every line must match. Then the same again under a locale
# whose decimal point is a comma (de_DE.UTF-8, made with localedef into a
# temporary directory when it is not installed): the conversions must not
# notice. Without localedef or the locale's source that run is skipped, and
# says so.
#
# Environment: BIN (default build/asan/bin), PYTHON, WSTYPES_SEED,
# WSTYPES_FLOAT_COUNT (random values of each sort, default 20000).
set -u
BIN=${BIN:-build/asan/bin}
PYTHON=${PYTHON:-/usr/bin/python3}
tool=$BIN/tool_float
cases=tests/system/conformance/float_cases.py
. tests/lib/check.sh

[ -x "$tool" ] || give_up "$tool is not built (make $tool)"
work=$(mktemp -d) || give_up "no temporary directory"
trap 'rm -rf "$work"' EXIT

"$PYTHON" "$cases" make --seed "${WSTYPES_SEED:-20240601}" \
  --count "${WSTYPES_FLOAT_COUNT:-20000}" "$work/in" "$work/expected" ||
  give_up "$cases make failed"

"$tool" <"$work/in" >"$work/actual" || give_up "$tool failed"
run_counted "float repr and parse (C locale)" \
  "$PYTHON" "$cases" compare "$work/in" "$work/expected" "$work/actual"

# A comma-decimal locale: the system's, else one made here.
locale=de_DE.UTF-8
if ! "$tool" --locale "$locale" </dev/null 2>/dev/null &&
  command -v localedef >/dev/null 2>&1; then
  mkdir -p "$work/locales"
  localedef -i de_DE -f UTF-8 "$work/locales/$locale" >/dev/null 2>&1
  if [ -d "$work/locales/$locale" ]; then
    LOCPATH=$work/locales
    export LOCPATH
  fi
fi
if "$tool" --locale "$locale" </dev/null 2>"$work/why"; then
  "$tool" --locale "$locale" <"$work/in" >"$work/actual.de" || give_up "$tool failed"
  run_counted "float repr and parse ($locale)" \
    "$PYTHON" "$cases" compare "$work/in" "$work/expected" "$work/actual.de"
else
  skip "float repr and parse under $locale" \
    "no comma-decimal locale here ($(cat "$work/why")); install Debian's locales package"
fi
summary
