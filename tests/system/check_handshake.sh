#!/bin/sh
# The opening-handshake codec (handshake/) against python3-autobahn's own
# asyncio server on 127.0.0.1 (handshake_diff.py: browser-shaped and
# randomized requests; str() of the request, statuses and response bytes
# must be autobahn's), including `wstypes handshake request` on the first
# of them; then the tool's usage errors.
set -u
. tests/lib/check.sh
BIN=${BIN:-build/asan/bin}
PYTHON=${PYTHON:-/usr/bin/python3}
wstypes=$BIN/wstypes

WSTYPES=$wstypes run_counted handshake_diff \
  "$PYTHON" tests/system/handshake_diff.py "$BIN/tool_hs_batch" \
  "${HANDSHAKE_COUNT:-1500}"

# docs/handshake.md's server, built from the page, against autobahn's client
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
sed -n '/<!-- server:begin -->/,/<!-- server:end -->/p' docs/handshake.md |
  sed '1,2d;$d' | sed '$d' >"$tmp/hs_server.c"
if ${CC:-cc} -std=c11 -D_POSIX_C_SOURCE=200809L -Wall -Wextra -Wpedantic \
    -Wconversion -Werror -fsanitize=address,undefined -Iruntime -Igenerated \
    -Ihandshake "$tmp/hs_server.c" "$BIN/../libwstypes-handshake.a" \
    "$BIN/../libwstypes.a" -lnettle -o "$tmp/hs_server" 2>"$tmp/cc.log"; then
  pass "docs/handshake.md server compiles"
  run_counted handshake_live "$PYTHON" tests/system/handshake_live.py "$tmp/hs_server"
else
  fail "docs/handshake.md server does not compile" "$(cat "$tmp/cc.log")"
fi

# usage: exit 2 and a message
expect_usage() {
  name=$1
  shift
  if out=$("$wstypes" handshake "$@" </dev/null 2>&1); then
    fail "$name" "exit 0: $out"
  elif [ $? -ne 2 ]; then
    fail "$name" "not exit 2: $out"
  else
    pass "$name"
  fi
}
expect_usage handshake_no_verb
expect_usage handshake_no_peer request
expect_usage handshake_bad_form request --peer p --to xml
expect_usage handshake_bad_port request --peer p --external-port 0
expect_usage handshake_bad_version request --peer p --version-only 7

# the input ends inside the header block: exit 1, a message naming it
printf 'GET / HTTP/1.1\r\nHost: h\r\n' >"$tmp/short"
if out=$("$wstypes" handshake request --peer p "$tmp/short" 2>&1); then
  fail handshake_short "exit 0: $out"
else
  case $out in
  *"short: error: the input ends before the request's header block"*)
    pass handshake_short ;;
  *) fail handshake_short "$out" ;;
  esac
fi
summary
