#!/bin/sh
# `wstypes --module LIB types` on a module with enums and class-typed
# fields: the catalogue (tests/system/catalog/library.wst), generated into
# build/catalog and built here as a shared library on the release
# libwstypes. Each expected line is what library.wst says of the field.
set -u
B=${B:-build}
W=$B/bin/wstypes
CC=${CC:-cc}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
. tests/lib/check.sh

lib=$tmp/liblibrary.so
if ! $CC -std=c11 -shared -fPIC -Iruntime -I"$B/catalog" "$B/catalog/library.c" \
    -L"$B/lib" -lwstypes -Wl,-rpath,"$PWD/$B/lib" -o "$lib" 2>"$tmp/cc"; then
  fail "build the catalogue as a shared library" "$(head -5 "$tmp/cc")"
  summary
  exit 1
fi

# has NAME WANT ARGS... : stdout of wstypes --module LIB ARGS has the line WANT.
has() {
  name=$1 want=$2; shift 2
  if "$W" --module "$lib" "$@" >"$tmp/out" 2>"$tmp/err" && grep -qxF -- "$want" "$tmp/out"; then
    pass "$name"
  else
    fail "$name" "want the line: $want" "got: $(head -c 300 "$tmp/out") $(cat "$tmp/err")"
  fi
}

has "summary shows a subclass of an abstract class" \
  "Returned             : LoanEvent  The book came back." types
has "a string enum field" "    state: Status (required)" types Loan
has "the string enum's members and values" \
  '        enum Status: AVAILABLE = "available", ON_LOAN = "on loan", LOST = "lost", REPAIR = "at the \"binder'"'"'s\" \\ réparation"' \
  types Loan
has "an int enum inside T?" "    end: LoanEnd? = null" types Loan
has "the int enum's members and values" \
  "        enum LoanEnd: RETURNED = 0, RENEWED = 1, LOST_BOOK = -1, WRITTEN_OFF = 9007199254740993" \
  types Loan
has "a list of enums with its constraint" "    history: list<LoanEnd> = [] [max_items 4]" types Loan
has "a float with an open range" "    daily_fine: float = 0.1 [range ..100.0]" types Loan
has "a class held in place" "    address: Address (required)" types Loan
has "a field of an abstract class" "    first_event: LoanEvent (required)" types Loan
has "an alias" "    due: int (required) [alias \"due_day\"]" types Loan
summary
