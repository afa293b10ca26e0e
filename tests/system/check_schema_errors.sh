#!/bin/sh
# The diagnostics catalogue: for each tests/system/schema_errors/NAME.wst,
# running `wstypes-gen --check NAME.wst` in that directory must exit 1 and
# print exactly NAME.err on stderr (nothing on stdout). Run in the directory,
# the diagnostics name the file without a path, so the catalogue does not
# depend on where it lives. Run from the repository root; BIN defaults to the
# ASan build. Ends with "N passed, M failed".
set -u
BIN=${BIN:-build/asan/bin}
gen=$BIN/wstypes-gen
case $gen in /*) ;; *) gen=$PWD/$gen ;; esac
dir=tests/system/schema_errors
passed=0
failed=0
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT

for schema in "$dir"/*.wst; do
  name=${schema%.wst}
  if [ ! -f "$name.err" ]; then
    echo "FAIL $schema: no $name.err"
    failed=$((failed + 1))
    continue
  fi
  (cd "$dir" && "$gen" --check "${schema##*/}") >"$out/stdout" 2>"$out/stderr"
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
