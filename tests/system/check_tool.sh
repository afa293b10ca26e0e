#!/bin/sh
# The wstypes tool: commands, usage errors, and the catalogue of bad input
# (README, "Errors"): for each, the exit code, stderr exactly (message and
# FILE:LINE:COL), and nothing on stdout.
set -u
BIN=${BIN:-build/asan/bin}
W=$BIN/wstypes
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
. tests/lib/check.sh
IN=$tmp/in.json

# expect NAME EXIT STDERR ARGS... : runs wstypes ARGS with $IN as FILE.
expect() {
  name=$1 code=$2 want=$3; shift 3
  "$W" "$@" >"$tmp/out" 2>"$tmp/err"
  got=$?
  if [ "$got" = "$code" ] && [ "$(cat "$tmp/err")" = "$want" ] && [ ! -s "$tmp/out" ]; then
    pass "$name"
  else
    fail "$name: exit $got (want $code)" "want: $want" "got:  $(cat "$tmp/err")" \
      "stdout: $(head -c 200 "$tmp/out")"
  fi
}
# input TEXT : writes TEXT (printf %b escapes) to $IN.
input() { printf '%b' "$1" >"$IN"; }
# same NAME EXPECTED ARGS... : stdout must be EXPECTED (exit 0, no stderr).
same() {
  name=$1 want=$2; shift 2
  out=$("$W" "$@" 2>"$tmp/err"); got=$?
  if [ "$got" = 0 ] && [ "$out" = "$want" ] && [ ! -s "$tmp/err" ]; then pass "$name"
  else fail "$name: exit $got" "want: $want" "got:  $out" "stderr: $(cat "$tmp/err")"; fi
}

# ---- commands that work ------------------------------------------------------
input '{"port": 9000, "headers": {"Host": "example.com"}}'
same "convert default json" \
  '{"host":"localhost","port":9000,"resource":"/","headers":{"Host":"example.com"},"useragent":null,"origin":null,"protocols":[]}' \
  convert --type ConnectingRequest "$IN"
same "convert json-python from stdin" \
  '{"host": "localhost", "port": 9000, "resource": "/", "headers": {"Host": "example.com"}, "useragent": null, "origin": null, "protocols": []}' \
  convert --type ConnectingRequest --to json-python - <"$IN"
same "convert str" "{'headers': {'Host': 'example.com'},
 'host': 'localhost',
 'origin': None,
 'port': 9000,
 'protocols': [],
 'resource': '/',
 'useragent': None}" convert --type ConnectingRequest --to=str "$IN"
input '{"code": 404}\n\n{"code": 500, "reason": "oops"}\n'
same "convert --lines" '{"code":404,"reason":null}
{"code":500,"reason":"oops"}' convert --type ConnectionDeny --lines "$IN"
input '{"code": 1}\n{"code": 2}'
same "--lines: a last line without a newline" '{"code":1,"reason":null}
{"code":2,"reason":null}' convert --type ConnectionDeny --lines "$IN"
input '{"code": 404, "colour": "red"}'
same "--skip-unknown" '{"code":404,"reason":null}' convert --type ConnectionDeny --skip-unknown "$IN"
same "validate good input" "" validate --type ConnectionDeny --skip-unknown "$IN"
same "--version" "wstypes 0.1.0" --version
# shows NAME PATTERN ARGS... : the output of wstypes ARGS has a line matching PATTERN.
shows() {
  name=$1 pattern=$2; shift 2
  if "$W" "$@" | grep -q -- "$pattern"; then pass "$name"; else fail "$name"; fi
}
shows "--help" "^  convert " --help
shows "convert --help" "--skip-unknown" convert --help
shows "types" "^ConnectionDeny .*(exception)" types
shows "types Ping" "payload: bytes? = null \[max_len 125\]" types Ping
shows "types constants" "BAD_REQUEST: int = 400" types ConnectionDeny

# ---- usage errors: exit 2 ----------------------------------------------------
USAGE='usage: wstypes convert --type CLASS [--to json|json-python|str] [--lines]
                       [--skip-unknown] [FILE|-]
       wstypes validate --type CLASS [--lines] [--skip-unknown] [FILE|-]
       wstypes types [CLASS]
       wstypes --help | --version'
expect "no command" 2 "wstypes: a command is needed
$USAGE"
expect "unknown command" 2 "wstypes: unknown command 'frob'
$USAGE" frob
expect "missing --type" 2 "wstypes: convert needs --type CLASS
$USAGE" convert "$IN"
expect "bad --to" 2 "wstypes: --to takes json, json-python or str, not 'xml'
$USAGE" convert --type Ping --to xml "$IN"
expect "unknown option" 2 "wstypes: unknown option '--fast'
$USAGE" convert --type Ping --fast "$IN"
expect "two inputs" 2 "wstypes: one input at most; 'b' is one too many
$USAGE" convert --type Ping a b
expect "str with --lines" 2 "wstypes: --lines: str output spans lines; use a JSON form
$USAGE" convert --type Ping --lines --to str "$IN"
expect "unknown class" 2 'wstypes: unknown class "Pong"; the classes are: ConnectionRequest ConnectingRequest ConnectionResponse ConnectionAccept ConnectionDeny Message IncomingMessage OutgoingMessage Ping' convert --type Pong "$IN"
expect "abstract class" 2 "wstypes: Message is abstract: name one of its subclasses
$USAGE" convert --type Message "$IN"
expect "types unknown class" 2 'wstypes: unknown class "Pong"; the classes are: ConnectionRequest ConnectingRequest ConnectionResponse ConnectionAccept ConnectionDeny Message IncomingMessage OutgoingMessage Ping' types Pong

# ---- the catalogue of bad input: exit 1 -------------------------------------
bad() { # NAME INPUT STDERR ARGS...
  name=$1; input "$2"; want=$3; shift 3
  expect "$name" 1 "$want" "$@" "$IN"
}
I=$IN
expect "unreadable file" 1 "wstypes: cannot read $tmp/none.json: No such file or directory" convert --type Ping "$tmp/none.json"
expect "unreadable file with --lines" 1 "wstypes: cannot read $tmp/none.json: No such file or directory" convert --type Ping --lines "$tmp/none.json"
bad "empty input" '' "$I:1:1: error: unexpected end of input, expected an object for \$ (Ping)" convert --type Ping
bad "only whitespace" '  \n ' "$I:2:2: error: unexpected end of input, expected an object for \$ (Ping)" convert --type Ping
bad "wrong top-level type" '["payload"]' "$I:1:1: error: expected an object for \$ (Ping), found array" convert --type Ping
bad "top-level scalar" '42' "$I:1:1: error: expected an object for \$ (Ping), found number 42" convert --type Ping
bad "malformed: missing value" '{"payload": }' "$I:1:13: error: expected a base64 string for \$.payload (bytes?), found '}'" convert --type Ping
bad "malformed: trailing comma" '{"code": 1,}' "$I:1:12: error: expected a string key after ',', found '}'" convert --type ConnectionDeny
bad "malformed: missing colon" '{"code" 1}' "$I:1:9: error: expected ':' after a key, found number 1" convert --type ConnectionDeny
bad "malformed: missing comma" '{"code": 1 "reason": null}' "$I:1:12: error: expected ',' or '}' after a member, found string \"reason\"" convert --type ConnectionDeny
bad "malformed: bad literal" '{"code": 1, "reason": nul}' "$I:1:23: error: expected a string for \$.reason (str?), found 'nul'" convert --type ConnectionDeny
bad "malformed: unterminated string" '{"reason": "abc' "$I:1:12: error: unexpected end of input, expected '\"' to end the string" convert --type ConnectionDeny
bad "malformed: bad escape" '{"reason": "a\\qb"}' "$I:1:14: error: invalid escape \\q in a string" convert --type ConnectionDeny
bad "malformed: raw control character" '{"reason": "a\tb"}' "$I:1:14: error: unescaped control character 0x09 in a string" convert --type ConnectionDeny
bad "malformed: leading zero" '{"code": 012}' "$I:1:10: error: invalid number 012: leading zeros are not allowed" convert --type ConnectionDeny
bad "malformed: unclosed object" '{"code": 1' "$I:1:11: error: unexpected end of input, expected ',' or '}' after a member" convert --type ConnectionDeny
bad "missing required field" '{"reason": "x"}' "$I:1:1: error: missing required field \"code\" in \$ (ConnectionDeny)" convert --type ConnectionDeny
bad "unknown field" '{"code": 1, "colour": "red"}' "$I:1:13: error: unknown field \"colour\" in \$ (ConnectionDeny has: code, reason)" convert --type ConnectionDeny
bad "duplicate key" '{"code": 1, "code": 2}' "$I:1:13: error: duplicate key \"code\" in \$" convert --type ConnectionDeny
bad "null where not nullable" '{"code": null}' "$I:1:10: error: null is not allowed for \$.code (int)" convert --type ConnectionDeny
bad "wrong field type" '{"port": "80"}' "$I:1:10: error: expected an integer for \$.port (int, 64-bit), found string \"80\"" convert --type ConnectingRequest
bad "wrong element type" '{"protocols": ["wamp", 2]}' "$I:1:24: error: expected a string for \$.protocols[1] (str), found number 2" convert --type ConnectingRequest
bad "wrong header value type" '{"headers": {"Set-Cookie": ["a", 1]}}' "$I:1:34: error: expected a string for \$.headers[\"Set-Cookie\"][1], found number 1" convert --type ConnectingRequest
bad "duplicate header name" '{"headers": {"Host": "a", "Host": "b"}}' "$I:1:27: error: duplicate key \"Host\" in \$.headers" convert --type ConnectingRequest
bad "integer too big" '{"port": 9223372036854775808}' "$I:1:10: error: integer 9223372036854775808 is out of range for \$.port (int, 64-bit): it must lie between -9223372036854775808 and 9223372036854775807" convert --type ConnectingRequest
bad "integer too small" '{"port": -9223372036854775809}' "$I:1:10: error: integer -9223372036854775809 is out of range for \$.port (int, 64-bit): it must lie between -9223372036854775808 and 9223372036854775807" convert --type ConnectingRequest
bad "fraction for int" '{"port": 80.5}' "$I:1:10: error: expected an integer for \$.port (int, 64-bit), found number 80.5 (it has a fraction)" convert --type ConnectingRequest
bad "exponent for int" '{"port": 8e1}' "$I:1:10: error: expected an integer for \$.port (int, 64-bit), found number 8e1 (it has an exponent)" convert --type ConnectingRequest
bad "invalid UTF-8" '{"host": "a\0377b"}' "$I:1:12: error: invalid UTF-8 byte 0xff" convert --type ConnectingRequest
bad "overlong UTF-8" '{"host": "\0300\0257"}' "$I:1:11: error: invalid UTF-8 byte 0xc0" convert --type ConnectingRequest
bad "UTF-8 surrogate" '{"host": "\0355\0240\0200"}' "$I:1:11: error: invalid UTF-8 byte 0xed" convert --type ConnectingRequest
bad "UTF-8 above U+10FFFF" '{"host": "\0364\0220\0200\0200"}' "$I:1:11: error: invalid UTF-8 byte 0xf4" convert --type ConnectingRequest
bad "lone high surrogate escape" '{"host": "\\ud800"}' "$I:1:11: error: lone surrogate escape \\ud800" convert --type ConnectingRequest
bad "lone low surrogate escape" '{"host": "x\\udc00"}' "$I:1:12: error: lone surrogate escape \\udc00" convert --type ConnectingRequest
bad "invalid base64" '{"payload": "YWJ"}' "$I:1:13: error: expected a base64 string for \$.payload, found string \"YWJ\" (invalid at character 3)" convert --type IncomingMessage
bad "invalid base64 character" '{"payload": "YW*j"}' "$I:1:13: error: expected a base64 string for \$.payload, found string \"YW*j\" (invalid at character 2)" convert --type IncomingMessage
P126=$(head -c 126 /dev/zero | base64 -w0)
bad "Ping payload over 125 bytes" "{\"payload\": \"$P126\"}" "$I:1:13: error: \$.payload is 126 bytes, more than the 125 allowed (max_len 125)" convert --type Ping
bad "trailing data" '{"code": 1} x' "$I:1:13: error: trailing data after the JSON value: 'x'" convert --type ConnectionDeny
bad "second document" '{"code": 1}\n{"code": 2}' "$I:2:1: error: trailing data after the JSON value: object" convert --type ConnectionDeny
DEEP=$(printf '[%.0s' $(seq 1 5000))
bad "nesting deeper than the type" "{\"protocols\": $DEEP" "$I:1:16: error: expected a string for \$.protocols[0] (str), found array" convert --type ConnectingRequest
bad "deep unknown field skipped" "{\"x\": $DEEP" "$I:1:70: error: nesting deeper than 64 levels" convert --type ConnectingRequest --skip-unknown
bad "validate reports" '{"code": "x"}' "$I:1:10: error: expected an integer for \$.code (int, 64-bit), found string \"x\"" validate --type ConnectionDeny
bad "JSON Lines: the failing line" '{"code": 1}\n{"code": 2}\n{"code": 3,}\n' "$I:3:12: error: expected a string key after ',', found '}'" validate --type ConnectionDeny --lines

# A bad record in JSON Lines: the good records before it are written.
input '{"code": 1}\n{"code": 2}\0000x\n{"code": 3}\n'
out=$("$W" convert --type ConnectionDeny --lines "$IN" 2>"$tmp/err"); got=$?
if [ "$got" = 1 ] && [ "$out" = '{"code":1,"reason":null}' ] &&
   [ "$(cat "$tmp/err")" = "$IN:2:12: error: trailing data after the JSON value: byte 0x00" ]; then
  pass "--lines: NUL byte in a record"
else
  fail "--lines: NUL byte in a record: exit $got" "out: $out" "err: $(cat "$tmp/err")"
fi
summary
