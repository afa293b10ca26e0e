#!/bin/sh
# Property: every schema wstypes-gen accepts becomes C that compiles with
# strict warnings under gcc and clang (the header as C++ too), and every one
# it refuses gets a diagnostic at a position (FILE:LINE:COL: error:) and exit
# status 1, never a crash. Schemas come from schema_gen.py, which draws names
# that collide with keywords, macros, the runtime and generated helpers.
#   PROPERTY_COUNT  schemas to try (default 200; make fuzz runs 3,000)
#   PROPERTY_SEED   the generator's seed (default fixed, so a failure repeats)
set -u
. tests/lib/check.sh
BIN=${BIN:-build/asan/bin}
GEN_BIN=${GEN_BIN:-$BIN/wstypes-gen}
PYTHON=${PYTHON:-python3}
COUNT=${PROPERTY_COUNT:-200}
SEED=${PROPERTY_SEED:-11}
WARN="-std=c11 -Wall -Wextra -Wpedantic -Wconversion -Wshadow -Werror"
CXXWARN="-std=c++11 -Wall -Wextra -Wpedantic -Wshadow -Werror"
[ -x "$GEN_BIN" ] || give_up "no generator at $GEN_BIN"

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
"$PYTHON" tests/system/schema_gen.py "$work" "$COUNT" "$SEED" || give_up "schema_gen.py failed"

accepted=0
refused=0
: >"$work/c.list"
: >"$work/h.list"
for d in "$work"/*/; do
  schema=$(ls "$d"*.wst)
  base=$(basename "$schema")
  (cd "$d" && "$OLDPWD/$GEN_BIN" -o . "$base" >out.txt 2>err.txt)
  rc=$?
  case $rc in
    0)
      accepted=$((accepted + 1))
      stem=${base%.wst}
      printf '%s\n' "$d$stem.c" "$d${stem}_test.c" >>"$work/c.list"
      printf '%s\n' "$d$stem.h" >>"$work/h.list"
      ;;
    1)
      refused=$((refused + 1))
      # the first line must be a positioned error naming the schema
      first=$(head -n 1 "$d/err.txt")
      case $first in
        "$base":[0-9]*:[0-9]*": error: "*) ;;
        *) fail "diagnostic of $schema (seed $SEED)" "$first" ;;
      esac
      ;;
    *) fail "generator on $schema (seed $SEED) exited $rc" "$(head -5 "$d/err.txt")" ;;
  esac
done

# Compile in batches: one compiler process for many files keeps this fast.
compile_all() { # name, list, compiler and flags...
  name=$1 list=$2
  shift 2
  bad=0
  xargs -d '\n' -n 40 sh -c '"$@" 2>&1 || echo "BATCH FAILED"' sh "$@" <"$list" >"$work/$name.out"
  if grep -q "BATCH FAILED" "$work/$name.out"; then
    fail "$name (seed $SEED)" "$(grep -m 8 -E 'error|BATCH' "$work/$name.out")"
  else
    pass "$name"
  fi
}
if [ $accepted -gt 0 ]; then
  for cc in ${CC:-gcc} ${CLANG:-clang}; do
    compile_all "$cc generated C" "$work/c.list" $cc $WARN -fsyntax-only -Iruntime
  done
  for cxx in g++ clang++; do
    compile_all "$cxx generated headers" "$work/h.list" $cxx $CXXWARN -fsyntax-only -Iruntime -x c++
  done
fi
# A test of nothing is no test: enough schemas must get through to compile.
if [ $accepted -ge $((COUNT / 5)) ]; then
  pass "accepted $accepted of $COUNT schemas (refused $refused)"
else
  fail "only $accepted of $COUNT schemas accepted (refused $refused): the generator draws too few valid ones"
fi
summary
