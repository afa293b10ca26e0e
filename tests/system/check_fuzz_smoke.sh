#!/bin/sh
# Runs each libFuzzer target (fuzz/, built by `make fuzz-build`) on a copy of
# its committed seed corpus for FUZZ_SECONDS (default 3: a smoke run in
# make check; `make fuzz` passes longer). A crash, leak or sanitizer report
# fails, with the input libFuzzer saved for it.
set -u
. tests/lib/check.sh
FUZZ_BIN=${FUZZ_BIN:-build/fuzz/bin}
SECONDS_EACH=${FUZZ_SECONDS:-3}
work=${FUZZ_WORK:-}
if [ -z "$work" ]; then
  work=$(mktemp -d) || give_up "no temporary directory"
  trap 'rm -rf "$work"' EXIT
fi
for name in decode decode_failalloc schema lines handshake handshake_client; do
  bin=$FUZZ_BIN/fuzz_$name
  seeds=fuzz/corpus/${name%_failalloc}
  [ "$name" = decode_failalloc ] && seeds=fuzz/corpus/decode_failalloc
  dict=fuzz/${name%_failalloc}.dict
  [ -x "$bin" ] || { fail "fuzz_$name" "not built: make fuzz-build"; continue; }
  mkdir -p "$work/$name/corpus" "$work/$name/found"
  cp "$seeds"/* "$work/$name/corpus/" 2>/dev/null
  max_len=4096
  [ "$name" = lines ] && max_len=140000
  if "$bin" -max_total_time="$SECONDS_EACH" -max_len=$max_len -dict="$dict" \
      -artifact_prefix="$work/$name/found/" -print_final_stats=1 \
      "$work/$name/corpus" >"$work/$name/log" 2>&1; then
    pass "fuzz_$name $(grep -m1 'stat::number_of_executed_units' "$work/$name/log" |
      sed 's/.*: *//') runs, $(grep -o 'cov: [0-9]*' "$work/$name/log" | tail -1)"
  else
    fail "fuzz_$name" "$(grep -m 12 -E 'ERROR|SUMMARY|runtime error|#0 |#1 |#2 |Test unit' "$work/$name/log")"
  fi
done
summary
