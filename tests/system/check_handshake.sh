#!/bin/sh
# The opening-handshake codec (handshake/) against python3-autobahn's own
# asyncio server on 127.0.0.1 (handshake_diff.py: browser-shaped and
# randomized requests; str() of the request, statuses and response bytes
# must be autobahn's), including `wstypes handshake request` on the first
# of them; the client side against autobahn's own client on the same
# server responses (handshake_client_diff.py), with `wstypes handshake
# response`; docs/handshake.md's server and client, live; then the tool's
# usage errors.
set -u
. tests/lib/check.sh
BIN=${BIN:-build/asan/bin}
PYTHON=${PYTHON:-/usr/bin/python3}
wstypes=$BIN/wstypes

WSTYPES=$wstypes run_counted handshake_diff \
  "$PYTHON" tests/system/handshake_diff.py "$BIN/tool_hs_batch" \
  "${HANDSHAKE_COUNT:-1500}"

WSTYPES=$wstypes run_counted handshake_client_diff \
  "$PYTHON" tests/system/handshake_client_diff.py "$BIN/tool_hs_client_batch" \
  "${HANDSHAKE_CLIENT_COUNT:-600}"

WSTYPES=$wstypes run_counted handshake_reverse \
  "$PYTHON" tests/system/handshake_reverse.py "$wstypes" \
  "${HANDSHAKE_REVERSE_COUNT:-300}"

# docs/handshake.md's server and client, built from the page, against
# autobahn's client and server
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
# build_from_docs NAME: the C between <!-- NAME:begin --> and its end
build_from_docs() {
  sed -n "/<!-- $1:begin -->/,/<!-- $1:end -->/p" docs/handshake.md |
    sed '1,2d;$d' | sed '$d' >"$tmp/hs_$1.c"
  ${CC:-cc} -std=c11 -D_POSIX_C_SOURCE=200809L -Wall -Wextra -Wpedantic \
    -Wconversion -Werror -fsanitize=address,undefined -Iruntime -Igenerated \
    -Ihandshake "$tmp/hs_$1.c" "$BIN/../libwstypes-handshake.a" \
    "$BIN/../libwstypes.a" -lnettle -o "$tmp/hs_$1" 2>"$tmp/cc.log"
}
if build_from_docs server; then
  pass "docs/handshake.md server compiles"
  run_counted handshake_live "$PYTHON" tests/system/handshake_live.py "$tmp/hs_server"
else
  fail "docs/handshake.md server does not compile" "$(cat "$tmp/cc.log")"
fi
if build_from_docs client; then
  pass "docs/handshake.md client compiles"
  run_counted handshake_client_live "$PYTHON" \
    tests/system/handshake_client_live.py "$tmp/hs_client"
else
  fail "docs/handshake.md client does not compile" "$(cat "$tmp/cc.log")"
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
expect_usage handshake_response_no_peer response --key dGhlIHNhbXBsZSBub25jZQ==
expect_usage handshake_response_no_key response --peer p
expect_usage handshake_response_bad_key response --peer p --key abc
expect_usage handshake_response_bad_form response --peer p --to xml \
  --key dGhlIHNhbXBsZSBub25jZQ==
expect_usage handshake_connect_bad_key connect --key abc
expect_usage handshake_connect_bad_option connect --peer p
expect_usage accept_no_request accept
expect_usage accept_two_stdins accept --request -
expect_usage accept_unknown_option accept --request r --to str
expect_usage deny_two_inputs deny a b
expect_usage accept_bad_server accept --request /dev/null --server "$(printf 'a\rb')"

# each verb's --help and -h (tool/args.c reads both for every verb), alone
# and after an option: exit 0, its usage on stdout, nothing on stderr
for verb in request response connect accept deny; do
  case $verb in
  connect) option=--key=k ;;
  deny) option=- ;; # deny takes no option: after its input, then
  *) option=--peer=p ;;
  esac
  for help in --help -h "$option --help" "$option -h"; do
    if out=$("$wstypes" handshake $verb $help 2>"$tmp/help_err") &&
      printf '%s\n' "$out" | grep -q "^usage: wstypes handshake $verb " &&
      [ ! -s "$tmp/help_err" ]; then
      pass "handshake $verb $help"
    else
      fail "handshake $verb $help"
    fi
  done
done

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
# the response ends inside its header block; a ConnectingRequest that is
# not one: exit 1, a message naming the input
printf 'HTTP/1.1 101 OK\r\nUpgrade: websocket\r\n' >"$tmp/short_response"
if out=$("$wstypes" handshake response --peer p \
    --key dGhlIHNhbXBsZSBub25jZQ== "$tmp/short_response" 2>&1); then
  fail handshake_response_short "exit 0: $out"
else
  case $out in
  *"short_response: error: the input ends before the response's header block"*)
    pass handshake_response_short ;;
  *) fail handshake_response_short "$out" ;;
  esac
fi
printf '{"port": "80"}' >"$tmp/bad_connecting.json"
if out=$("$wstypes" handshake connect "$tmp/bad_connecting.json" 2>&1); then
  fail handshake_connect_bad_json "exit 0: $out"
else
  case $out in
  *"bad_connecting.json:1:10: error:"*) pass handshake_connect_bad_json ;;
  *) fail handshake_connect_bad_json "$out" ;;
  esac
fi
printf '{"resource": "/a b"}' >"$tmp/spaced.json"
if out=$("$wstypes" handshake connect "$tmp/spaced.json" 2>&1); then
  fail handshake_connect_refused "exit 0: $out"
else
  case $out in
  *"spaced.json: error: the resource has byte 0x20 at offset 2"*)
    pass handshake_connect_refused ;;
  *) fail handshake_connect_refused "$out" ;;
  esac
fi
# two runs without --key: two fresh keys
k1=$(echo '{}' | "$wstypes" handshake connect | grep '^Sec-WebSocket-Key:')
k2=$(echo '{}' | "$wstypes" handshake connect | grep '^Sec-WebSocket-Key:')
if [ -n "$k1" ] && [ "$k1" != "$k2" ]; then
  pass handshake_connect_fresh_keys
else
  fail handshake_connect_fresh_keys "$k1 / $k2"
fi
# accept and deny refuse what autobahn would refuse or an HTTP/1.1
# response cannot carry: exit 1, nothing on stdout, stderr says why
printf 'GET /chat HTTP/1.1\r\nHost: h\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\nSec-WebSocket-Protocol: chat\r\n\r\n' >"$tmp/req"
printf 'GET /chat HTTP/1.1\r\nHost: h\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Version: 13\r\n\r\n' >"$tmp/nokey"
expect_refusal() { # name, JSON, expected stderr, tool arguments...
  name=$1 json=$2 want=$3
  shift 3
  out=$(printf '%s' "$json" | "$wstypes" handshake "$@" 2>"$tmp/err")
  status=$?
  err=$(cat "$tmp/err")
  if [ $status = 1 ] && [ -z "$out" ] && [ "$err" = "$want" ]; then
    pass "$name"
  else
    fail "$name" "exit $status, stdout '$out'" "got:  $err" "want: $want"
  fi
}
expect_refusal accept_unoffered_subprotocol '{"subprotocol": "superchat"}' \
  "<stdin>: error: no response can be written: protocol accepted must be from the list client sent or None" \
  accept --request "$tmp/req"
expect_refusal accept_bad_header_name '{"headers": {"X Y": "1"}}' \
  "<stdin>: error: no response can be written: header name \"X Y\" is not an HTTP token" \
  accept --request "$tmp/req"
expect_refusal accept_header_injection '{"headers": {"X-A": ["ok", "1\r\nSet-Cookie: evil"]}}' \
  "<stdin>: error: no response can be written: the value of header \"X-A\" has byte 0x0D at offset 1, which an HTTP/1.1 field value cannot hold" \
  accept --request "$tmp/req"
expect_refusal accept_refused_request '{"subprotocol": "chat"}' \
  "$tmp/nokey: error: autobahn's server refuses this request, so it cannot be accepted: 400 HTTP Sec-WebSocket-Key header missing" \
  accept --request "$tmp/nokey"
printf 'GET /chat HTTP/1.1\r\nHost: h\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\nSec-WebSocket-Extensions: permessage-deflate; foo=1\r\n\r\n' >"$tmp/badoffer"
expect_refusal accept_refused_when_accepting '{}' \
  "$tmp/badoffer: error: autobahn's server refuses this request when it accepts it: 400 illegal extension parameter 'foo' for extension 'permessage-deflate'" \
  accept --request "$tmp/badoffer"
expect_refusal accept_short_request '{}' \
  "$tmp/short: error: the input ends before the request's header block (an empty line) does" \
  accept --request "$tmp/short"
expect_refusal accept_bad_json '{"subprotocol": 7}' \
  "<stdin>:1:17: error: expected a string for \$.subprotocol (str?), found number 7" \
  accept --request "$tmp/req"
expect_refusal deny_code_not_three_digits '{"code": 1000}' \
  "<stdin>: error: no response can be written: HTTP status 1000 is not three digits" deny
expect_refusal deny_reason_newline '{"code": 403, "reason": "no\nX-Evil: 1"}' \
  "<stdin>: error: no response can be written: the reason has byte 0x0A at offset 2, which an HTTP/1.1 field value cannot hold" \
  deny -
expect_refusal deny_no_code '{"reason": "x"}' \
  "<stdin>:1:1: error: missing required field \"code\" in \$ (ConnectionDeny)" deny
summary
