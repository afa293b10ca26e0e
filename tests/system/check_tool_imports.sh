#!/bin/sh
# `wstypes --module LIB` on a module that imports another: `types` lists
# the imported module's classes after its own, each marked with the module
# it comes from (referenced or not), and the other commands take them by
# name. Built both ways a project may build it: both modules' code in the
# one libtop.so, and libtop.so linked with a libbase.so of its own; and
# once more with base's module descriptor hidden, where the classes its
# own reach are still listed, marked '(imported)'.
set -u
B=${B:-build}
W=$B/bin/wstypes
GEN=${GEN:-$B/bin/wstypes-gen}
CC=${CC:-cc}
. tests/lib/check.sh
tmp=$(mktemp -d) || give_up "no temporary directory"
trap 'rm -rf "$tmp"' EXIT

cat >"$tmp/base.wst" <<'WST'
module shop.base;
prefix sb;
/// An amount of money.
class Money { amount: int; currency: str = "EUR"; }
abstract class Party { id: str; }
class Person : Party { name: str = ""; }
/// No class of top.wst holds one.
class Unused { note: str = ""; }
WST
cat >"$tmp/top.wst" <<'WST'
module shop.top;
prefix st;
import "base.wst";
/// A price.
class Price { money: Money; }
class Buyer : Person { paid: list<Money> = []; }
WST
"$GEN" --no-tests -o "$tmp" "$tmp/base.wst" >"$tmp/gen.log" 2>&1 &&
  "$GEN" --no-tests -o "$tmp" "$tmp/top.wst" >>"$tmp/gen.log" 2>&1 ||
  give_up "wstypes-gen failed: $(head -5 "$tmp/gen.log")"

mkdir -p "$tmp/one" "$tmp/two" "$tmp/hidden"
printf '{ global: *; local: wstypes_module_base; };\n' >"$tmp/hide.map"
cflags="-std=c11 -shared -fPIC -Iruntime -I$tmp"
libs="-L$B/lib -lwstypes -Wl,-rpath,$PWD/$B/lib"
$CC $cflags "$tmp/top.c" "$tmp/base.c" $libs -o "$tmp/one/libtop.so" 2>"$tmp/cc" &&
  $CC $cflags "$tmp/base.c" $libs -o "$tmp/two/libbase.so" 2>>"$tmp/cc" &&
  $CC $cflags "$tmp/top.c" -L"$tmp/two" -lbase -Wl,-rpath,"$tmp/two" $libs \
    -o "$tmp/two/libtop.so" 2>>"$tmp/cc" &&
  $CC $cflags "$tmp/top.c" "$tmp/base.c" -Wl,--version-script,"$tmp/hide.map" $libs \
    -o "$tmp/hidden/libtop.so" 2>>"$tmp/cc" ||
  give_up "cannot build the libraries: $(head -5 "$tmp/cc")"

for how in one two; do
  lib=$tmp/$how/libtop.so
  # has NAME WANT ARGS...: stdout of wstypes --module LIB ARGS has the line WANT
  has() {
    name="$how: $1" want=$2
    shift 2
    if "$W" --module "$lib" "$@" <"$tmp/in" >"$tmp/out" 2>"$tmp/err" &&
      grep -qxF -- "$want" "$tmp/out"; then
      pass "$name"
    else
      fail "$name" "want the line: $want" "got: $(head -c 400 "$tmp/out") $(cat "$tmp/err")"
    fi
  }
  : >"$tmp/in"
  has "own classes as before" "Price                 A price." types
  has "own subclass of an imported class" "Buyer                : Person" types
  has "an imported class, with its module" \
    "Money                (from shop.base)  An amount of money." types
  has "an imported abstract class" "Party                (abstract) (from shop.base)" types
  has "an imported class no class holds" \
    "Unused               (from shop.base)  No class of top.wst holds one." types
  "$W" --module "$lib" types >"$tmp/out" 2>&1
  if [ "$(sed -n 1p "$tmp/out" | cut -c1-5)" = "Price" ] &&
    [ "$(grep -c '(from shop.base)' "$tmp/out")" = 4 ]; then
    pass "$how: its own classes first, then each imported one once"
  else
    fail "$how: its own classes first, then each imported one once" "$(cat "$tmp/out")"
  fi
  has "types CLASS on an imported class" "Money (from shop.base)" types Money
  has "its fields" '    currency: str = "EUR"' types Money
  echo '{"amount": 5}' >"$tmp/in"
  has "convert an imported class" '{"amount":5,"currency":"EUR"}' convert --type Money
  echo '{"id": "p1", "name": "Ann"}' >"$tmp/in"
  has "convert an imported subclass" "{'id': 'p1', 'name': 'Ann'}" convert --type Person --to str
  : >"$tmp/in"
  "$W" --module "$lib" convert --type Nope </dev/null >"$tmp/out" 2>&1
  if grep -q 'the classes are: Price Buyer Money Party Person Unused$' "$tmp/out"; then
    pass "$how: an unknown class's message lists the imported ones"
  else
    fail "$how: an unknown class's message lists the imported ones" "$(cat "$tmp/out")"
  fi
done

lib=$tmp/hidden/libtop.so
"$W" --module "$lib" types >"$tmp/out" 2>&1
want="Price                 A price.
Buyer                : Person
Money                (imported)  An amount of money.
Person               : Party (imported)
Party                (abstract) (imported)"
if [ "$(cat "$tmp/out")" = "$want" ]; then
  pass "hidden: the classes reached, marked (imported)"
else
  fail "hidden: the classes reached, marked (imported)" "got: $(cat "$tmp/out")" "want: $want"
fi
echo '{"amount": 5}' | "$W" --module "$lib" convert --type Money >"$tmp/out" 2>&1
if [ "$(cat "$tmp/out")" = '{"amount":5,"currency":"EUR"}' ]; then
  pass "hidden: convert an imported class"
else
  fail "hidden: convert an imported class" "$(cat "$tmp/out")"
fi
summary
