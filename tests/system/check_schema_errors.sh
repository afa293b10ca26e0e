#!/bin/sh
# The diagnostics catalogue: for each tests/system/schema_errors/NAME.wst,
# running `wstypes-gen --lint NAME.wst` in that directory (after the
# arguments in NAME.args, when there is one: -I DIR) must exit 1 and print
# exactly NAME.err on stderr (nothing on stdout), no error twice. Files the
# cases import live in imports/, which is not a case itself. Run in the directory,
# the diagnostics name the file without a path, so the catalogue does not
# depend on where it lives. Run from the repository root; BIN defaults to the
# ASan build.
set -u
BIN=${BIN:-build/asan/bin}
gen=$BIN/wstypes-gen
case $gen in /*) ;; *) gen=$PWD/$gen ;; esac
dir=tests/system/schema_errors
. tests/lib/check.sh
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT

for schema in "$dir"/*.wst; do
  name=${schema%.wst}
  if [ ! -f "$name.err" ]; then
    fail "$schema: no $name.err"
    continue
  fi
  args=
  [ -f "$name.args" ] && args=$(cat "$name.args")
  # $args is split into words on purpose: it holds options
  (cd "$dir" && "$gen" $args --lint "${schema##*/}") >"$out/stdout" 2>"$out/stderr"
  status=$?
  if [ "$status" -ne 1 ]; then
    fail "$schema: exit status $status, expected 1"
  elif [ -s "$out/stdout" ]; then
    fail "$schema: wrote to stdout"
  elif ! cmp -s "$name.err" "$out/stderr"; then
    fail "$schema: stderr differs from $name.err" "$(diff "$name.err" "$out/stderr" | head -20)"
  elif [ -n "$(grep ': error: ' "$name.err" | sort | uniq -d)" ]; then
    # error recovery reads some declarations twice: each error once
    fail "$schema: an error is reported twice" "$(grep ': error: ' "$name.err" | sort | uniq -d)"
  else
    pass "$schema"
  fi
done

# The real schema must pass the same check cleanly.
if "$gen" --lint schema/autobahn.wst >"$out/stdout" 2>"$out/stderr" && [ ! -s "$out/stderr" ]; then
  pass "schema/autobahn.wst checks cleanly"
else
  fail "schema/autobahn.wst does not check cleanly" "$(head -20 "$out/stderr")"
fi
summary
