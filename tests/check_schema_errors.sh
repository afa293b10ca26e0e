#!/bin/sh
# The diagnostics catalogue: for each tests/schema_errors/NAME.wst, running
# `wstypes-gen --check` must exit 1 and print exactly NAME.err on stderr
# (nothing on stdout). Run from the repository root; BIN defaults to the
# ASan build. Ends with "N passed, M failed".
set -u
BIN=${BIN:-build/asan/bin}
gen=$BIN/wstypes-gen
passed=0
failed=0
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT

for schema in tests/schema_errors/*.wst; do
  name=${schema%.wst}
  if [ ! -f "$name.err" ]; then
    echo "FAIL $schema: no $name.err"
    failed=$((failed + 1))
    continue
  fi
  "$gen" --check "$schema" >"$out/stdout" 2>"$out/stderr"
  status=$?
  if [ "$status" -ne 1 ]; then
    echo "FAIL $schema: exit status $status, expected 1"
    failed=$((failed + 1))
  elif [ -s "$out/stdout" ]; then
    echo "FAIL $schema: wrote to stdout"
    failed=$((failed + 1))
  elif ! cmp -s "$name.err" "$out/stderr"; then
    echo "FAIL $schema: stderr differs from $name.err"
    diff "$name.err" "$out/stderr" | sed 's/^/    /' | head -20
    failed=$((failed + 1))
  else
    passed=$((passed + 1))
  fi
done

# The real schema must pass the same check cleanly.
if "$gen" --check schema/autobahn.wst >"$out/stdout" 2>"$out/stderr" && [ ! -s "$out/stderr" ]; then
  passed=$((passed + 1))
else
  echo "FAIL schema/autobahn.wst does not check cleanly"
  sed 's/^/    /' "$out/stderr" | head -20
  failed=$((failed + 1))
fi

echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
