#!/bin/sh
# Imports as wstypes-gen finds them (docs/schema-language.md, Imports): beside
# the importing file first, then each -I directory in the order given (both
# spellings, -I DIR and -IDIR); what a run writes (the importing schema's
# files only, its header including the imported one's); and the chat
# schema's headers (tests/system/chat/, built by make check) as C++.
# The refusals are in schema_errors/ (import_*.wst).
#
# Environment: BIN (default build/asan/bin), CHAT (default build/chat).
set -u
BIN=${BIN:-build/asan/bin}
CHAT=${CHAT:-build/chat}
gen=$BIN/wstypes-gen
. tests/lib/check.sh
[ -x "$gen" ] || give_up "$gen is not built"
work=$(mktemp -d) || give_up "no temporary directory"
trap 'rm -rf "$work"' EXIT

# top/top.wst imports shared.wst, which is beside it and in both include
# directories; only.wst is in both include directories. The copies that
# must not be read are broken, so reading one fails the run.
mkdir -p "$work/top" "$work/inc1" "$work/inc2" "$work/out"
good() { # file module prefix class-stem
  printf 'module %s;\nprefix %s;\nabstract class %sBase { id: str; }\nclass %sLeaf : %sBase {}\n' \
    "$2" "$3" "$4" "$4" "$4" >"$1"
}
bad() { # file
  printf 'module broken;\nprefix br;\nclass Broken { x: nothing; }\n' >"$1"
}
good "$work/top/shared.wst" near.shared ns Ns
bad "$work/inc1/shared.wst"
bad "$work/inc2/shared.wst"
good "$work/inc1/only.wst" first.only fo Fo
bad "$work/inc2/only.wst"
cat >"$work/top/top.wst" <<'WST'
module top.mod;
prefix tp;
import "shared.wst";
import "only.wst";
class Mine : NsBase { n: int = 0; }
class Yours : FoLeaf {}
WST

run() { # name expected-status args...
  name=$1 want=$2
  shift 2
  "$gen" "$@" >"$work/stdout" 2>"$work/stderr"
  status=$?
  if [ "$status" -eq "$want" ]; then pass "$name"
  else fail "$name" "exit status $status, expected $want" "$(head -5 "$work/stderr")"; fi
}

run "beside the importing file, then -I in order" 0 \
  -I "$work/inc1" -I "$work/inc2" -o "$work/out" "$work/top/top.wst"
run "-IDIR is -I DIR" 0 "-I$work/inc1" --lint "$work/top/top.wst"
run "-I order decides" 1 -I "$work/inc2" -I "$work/inc1" --lint "$work/top/top.wst"
if grep -q "^$work/inc2/only.wst:3:19: error: unknown type 'nothing'" "$work/stderr"; then
  pass "the error names the file found first"
else
  fail "the error names the file found first" "$(head -5 "$work/stderr")"
fi
run "no -I: not found" 1 --lint "$work/top/top.wst"
if grep -q "cannot find 'only.wst' (looked in $work/top)" "$work/stderr"; then
  pass "not found says where it looked"
else
  fail "not found says where it looked" "$(head -5 "$work/stderr")"
fi

# --depfile names the schema and every file it imports, each found where
# the run found it.
run "--depfile with imports" 0 -I "$work/inc1" --depfile "$work/top.d" -o "$work/out" \
  "$work/top/top.wst"
if grep -qx "$work/top/top.wst:" "$work/top.d" && grep -qx "$work/top/shared.wst:" "$work/top.d" &&
  grep -qx "$work/inc1/only.wst:" "$work/top.d"; then
  pass "the depfile lists the schema and its imports"
else
  fail "the depfile lists the schema and its imports" "$(cat "$work/top.d")"
fi
rm -f "$work/top.d"

# An imported enum is a type in the importing file, inside T?, list<T> and
# map<str, T> too, with a default naming one of its members.
mkdir -p "$work/enum"
printf 'module en.colours;\nprefix co;\nenum Colour { RED = "red", BLUE = "blue" }\n' \
  >"$work/enum/colours.wst"
cat >"$work/enum/paint.wst" <<'WST'
module en.paint;
prefix pa;
import "colours.wst";
class Paint {
  colour: Colour = BLUE;
  second: Colour? = null;
  mixes: list<Colour> = [];
  by_wall: map<str, Colour> = {};
}
WST
run "an imported enum as a field's type" 0 --lint "$work/enum/paint.wst"
run "generate the enum's module" 0 -o "$work/enum" "$work/enum/colours.wst"
run "generate the module using it" 0 -o "$work/enum" "$work/enum/paint.wst"
if grep -q 'co_colour colour;' "$work/enum/paint.h" && grep -q '&co_colour_kind.kind' "$work/enum/paint.c"
then pass "the field holds the imported enum's C type and descriptor"
else fail "the field holds the imported enum's C type and descriptor" "$(grep -n colour "$work/enum/paint.h")"; fi
if out=$(${CC:-cc} -std=c11 -Wall -Wextra -Wpedantic -Werror -Iruntime -Itests/lib -I"$work/enum" \
  -fsyntax-only "$work/enum/paint.c" "$work/enum/paint_test.c" 2>&1); then
  pass "the importing module's code and tests compile"
else
  fail "the importing module's code and tests compile" "$(echo "$out" | head -10)"
fi

# Classes held in every shape, by an imported class that a class of the
# importing module derives from, and by that module's own fields: each C
# file must declare the kinds its inherited fields point at (the imported
# module keeps its own static) and no kind it does not use (an unused
# static is an error under -Werror).
mkdir -p "$work/held"
cat >"$work/held/money.wst" <<'WST'
module held.money;
prefix hm;
class Money { amount: float; }
abstract class Party { id: str; }
class Person : Party {}
class Account { credit: Money? = null; }
class Ledger {
  total: Money; totals: list<Money> = []; by_day: map<str, Money> = {};
  last: Money? = null; maybe: list<Money?> = [];
  owner: Party; owners: list<Party> = []; heir: Party? = null; by_id: map<str, Party?> = {};
}
class Journal : Ledger {}  // in a hierarchy here, so other modules may derive
class Savings : Account {}
WST
cat >"$work/held/book.wst" <<'WST'
module held.book;
prefix hb;
import "money.wst";
class Daybook : Ledger { own: Money; more: list<Money> = []; spare: Money? = null; }
class Client : Person {}
class Saver : Account {}
WST
run "generate the module of held classes" 0 -o "$work/held" "$work/held/money.wst"
run "generate the module deriving from its classes" 0 -o "$work/held" "$work/held/book.wst"
for cc in ${CC:-cc} ${CLANG:-clang}; do
  if out=$($cc -std=c11 -Wall -Wextra -Wpedantic -Wconversion -Wshadow -Werror -Iruntime \
    -Itests/lib -I"$work/held" -fsyntax-only "$work/held/money.c" "$work/held/book.c" \
    "$work/held/book_test.c" 2>&1); then
    pass "$cc: inherited class-typed fields compile, no unused kinds"
  else
    fail "$cc: inherited class-typed fields compile, no unused kinds" "$(echo "$out" | head -10)"
  fi
done

ls "$work/out" >"$work/written"
if [ "$(tr '\n' ' ' <"$work/written")" = "top.c top.h top_test.c " ]; then
  pass "only the importing schema's files are written"
else
  fail "only the importing schema's files are written" "$(cat "$work/written")"
fi
if grep -q '^#include "shared.h"' "$work/out/top.h" && grep -q '^#include "only.h"' "$work/out/top.h"
then pass "the header includes the imported headers"
else fail "the header includes the imported headers" "$(grep include "$work/out/top.h")"; fi

# A chain of imports one file longer than the limit (64).
mkdir -p "$work/deep"
i=0
while [ $i -le 65 ]; do
  {
    printf 'module deep.m%d;\nprefix d%d;\n' $i $i
    [ $i -lt 65 ] && printf 'import "m%d.wst";\n' $((i + 1))
  } >"$work/deep/m$i.wst"
  i=$((i + 1))
done
run "imports nest 64 deep at most" 1 --lint "$work/deep/m0.wst"
if grep -q "^$work/deep/m63.wst:3:8: error: imports nest more than 64 deep" "$work/stderr"; then
  pass "too deep is reported at the import"
else
  fail "too deep is reported at the import" "$(head -5 "$work/stderr")"
fi

for h in common chat; do
  if [ ! -f "$CHAT/$h.h" ]; then
    skip "$h.h as C++" "$CHAT/$h.h is not built"
    continue
  fi
  for cxx in g++ clang++; do
    if out=$($cxx -std=c++11 -Wall -Wextra -Wpedantic -Werror -Iruntime -I"$CHAT" -fsyntax-only \
      -x c++ "$CHAT/$h.h" 2>&1); then
      pass "$cxx $h.h"
    else
      fail "$cxx $h.h" "$(echo "$out" | head -10)"
    fi
  done
done
summary
