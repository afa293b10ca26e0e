#!/bin/sh
# Borrowed text cannot end up in an owned value: storing a view (ws_cstr,
# ws_str_view, ws_bytes_view) in a ws_str or ws_bytes field must not compile,
# in C with gcc and clang and in C++, while the spellings the docs teach
# (the setters, make, the composites' setters) must. Each case is one
# statement in the same small program, so a failure to compile can only
# come from that statement.
set -u
INC=${INCLUDES:--Iruntime -Igenerated -Igen -Itests/lib}
. tests/lib/check.sh
dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT

# program STATEMENT: the program around one statement, on stdout.
program() {
  cat <<PROGRAM
#include <string.h>

#include "autobahn.h"

int main(void) {
  ab_connection_request v;
  ab_incoming_message m;
  ab_list_str l;
  ws_headers h;
  ws_str s;
  ws_status st = WS_OK;
  memset(&l, 0, sizeof l);
  memset(&h, 0, sizeof h);
  memset(&s, 0, sizeof s);
  if (ab_connection_request_init(&v) != WS_OK || ab_incoming_message_init(&m) != WS_OK)
    return 1;
  $1
  ab_connection_request_free(&v);
  ab_incoming_message_free(&m);
  ab_list_str_free(&l);
  ws_headers_free(&h);
  ws_str_free(&s);
  return st == WS_OK ? 0 : 1;
}
PROGRAM
}

# compiles COMPILER LANGUAGE STATEMENT: true when the program compiles.
compiles() {
  program "$3" >"$dir/case.c"
  if [ "$2" = c ]; then
    "$1" -std=c11 -Wall -Wextra -Wpedantic -Werror $INC -fsyntax-only \
      "$dir/case.c" >"$dir/out" 2>&1
  else
    "$1" -std=c++11 -Wall -Wextra -Wpedantic -Werror $INC -fsyntax-only \
      -x c++ "$dir/case.c" >"$dir/out" 2>&1
  fi
}

expect() { # ok|refused STATEMENT
  for pair in gcc:c clang:c g++:c++ clang++:c++; do
    cc=${pair%%:*}
    lang=${pair#*:}
    if ! command -v "$cc" >/dev/null 2>&1; then
      skip "$cc: $2" "$cc is not installed"
      continue
    fi
    if compiles "$cc" "$lang" "$2"; then got=ok; else got=refused; fi
    if [ "$got" = "$1" ]; then
      pass "$cc $1: $2"
    else
      fail "$cc: expected '$2' to be $1, it was $got" "$(head -5 "$dir/out")"
    fi
  done
}

# The misuses: a view stored where an owned value belongs.
expect refused 'v.peer = ws_cstr("x");'
expect refused 'v.host = ws_str_view("example.com", 11);'
expect refused 'm.payload = ws_bytes_view("\x01", 1);'
expect refused 's = ws_cstr("x");'
expect refused 'ws_str t = ws_cstr("x"); (void)t;'
expect refused 'v.peer = ws_str_view_of(&s);'
# The spellings that copy.
expect ok 'st = ws_str_set_view(&v.peer, ws_cstr("x"));'
expect ok 'st = ws_str_set(&v.host, "example.com", 11);'
expect ok 'st = ws_bytes_set_view(&m.payload, ws_bytes_view("\x01", 1));'
expect ok 'st = ws_str_set_view(&s, ws_str_view_of(&v.peer));'
expect ok 'st = ab_list_str_append(&l, ws_cstr("chat"));'
expect ok 'st = ws_headers_add(&h, ws_cstr("Host"), ws_cstr("a"));'
expect ok 'ab_incoming_message_free(&m); st = ab_incoming_message_make(&m, ws_bytes_view("hi", 2));'
expect ok 'st = ab_opt_str_set(&v.origin, ws_cstr("http://a"));'
summary
