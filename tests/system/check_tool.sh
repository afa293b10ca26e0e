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
    fail "$name: exit $got (want $code)" "want: $want" "got:  $(cat "$tmp/err")"
    if [ -s "$tmp/out" ]; then echo "    stdout: $(head -c 200 "$tmp/out")"; fi
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
same "--version" "wstypes $(cat VERSION)" --version
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
USAGE='usage: wstypes [--module LIBRARY] COMMAND ...
       wstypes convert --type CLASS [--to json|json-python|str] [--lines]
                       [--skip-unknown] [FILE|-]
       wstypes validate --type CLASS [--lines] [--skip-unknown] [FILE|-]
       wstypes types [CLASS]
       wstypes handshake request --peer PEER [--to FORM] [FILE|-]
       wstypes handshake response --peer PEER --key KEY [--to FORM] [FILE|-]
       wstypes handshake connect [--key KEY] [FILE|-]
       wstypes handshake accept --request FILE [ACCEPT_JSON|-]
       wstypes handshake deny [DENY_JSON|-]
       wstypes --help | --version'
expect "no command" 2 "wstypes: a command is needed
$USAGE"
expect "unknown command" 2 "wstypes: unknown command 'frob'
$USAGE" frob
expect "--module without a library" 2 "wstypes: --module needs a library
$USAGE" --module
expect "--module: a library that is not there" 2 \
  "wstypes: cannot load module ./libnone.so: ./libnone.so: cannot open shared object file: No such file or directory" \
  --module ./libnone.so types
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
# tests/data/json_errors.tsv: exit 1, stderr exactly FILE:WHERE: error:
# MESSAGE, nothing on stdout.
while read_tsv_row name readme command class options input where status message; do
  tsv_bytes "$input" >"$IN"
  [ "$options" = - ] && options=
  # shellcheck disable=SC2086 # options: none, or words to split
  expect "$name" 1 "$IN:$where: error: $message" "$command" --type "$class" $options "$IN" </dev/null
done <tests/data/json_errors.tsv

expect "unreadable file" 1 "wstypes: cannot read $tmp/none.json: No such file or directory" convert --type Ping "$tmp/none.json"
expect "unreadable file with --lines" 1 "wstypes: cannot read $tmp/none.json: No such file or directory" convert --type Ping --lines "$tmp/none.json"
# One message per way reading fails, the same with and without --lines.
# shellcheck disable=SC2086 # lines: no word, or one
for lines in "" --lines; do
  expect "directory $lines" 1 "wstypes: cannot read $tmp: it is a directory" convert --type Ping $lines "$tmp"
  expect "endless device $lines" 1 "wstypes: cannot read /dev/zero: a document larger than 64 MiB (the most the tool reads at once)" validate --type Ping $lines /dev/zero
done

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
