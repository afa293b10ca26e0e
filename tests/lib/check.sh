# check.sh - counting and reporting, shared by tests/run_all.sh and every
# tests/system/check_*.sh. Source it (from the repository root):
#
#   . tests/lib/check.sh
#   pass NAME                one check passed (shown with CHECK_VERBOSE=1)
#   fail NAME [TEXT...]      one check failed: "FAIL NAME", then TEXT indented
#   skip NAME REASON         a check that cannot run here
#   give_up MESSAGE          the script cannot go on: one failure, the summary,
#                            exit 1
#   run_counted NAME CMD...  runs CMD, which counts for itself (a cmocka binary,
#                            a program or script ending with a summary), and
#                            adds its counts; CMD's output is shown on failure
#   summary                  the summary; exits 0 when nothing failed
#   read_tsv_row VAR...      reads the next row of a tab-separated table
#                            from stdin into VARs (comments skipped)
#   tsv_bytes TEXT           writes the bytes a table's escaped TEXT stands for
#
# The summary is the last output: "K skipped" when K > 0, then
# "N passed, M failed". run_counted reads a summary of that form (the last
# one CMD printed) and cmocka's "[  PASSED  ]", "[  FAILED  ]" and
# "[  SKIPPED ]" lines, which it sums. A CMD that exits non-zero without
# reporting a failure counts as one failure.

check_passed=0
check_failed=0
check_skipped=0

pass() {
  check_passed=$((check_passed + 1))
  if [ -n "${CHECK_VERBOSE:-}" ]; then echo "ok   $1"; fi
}

fail() {
  check_failed=$((check_failed + 1))
  echo "FAIL $1"
  shift
  if [ $# -gt 0 ]; then printf '%s\n' "$@" | sed 's/^/    /'; fi
}

skip() {
  check_skipped=$((check_skipped + 1))
  echo "skip $1: $2"
}

summary() {
  if [ "$check_skipped" -gt 0 ]; then echo "$check_skipped skipped"; fi
  echo "$check_passed passed, $check_failed failed"
  [ "$check_failed" -eq 0 ]
  exit
}

give_up() {
  fail "$1"
  summary
}

# check_count_in LOG: prints "PASSED FAILED SKIPPED" as LOG reports them: the
# sum of cmocka's lines plus the last summary (a "K skipped" line counts only
# just before its "N passed, M failed").
check_count_in() {
  awk '
    /^\[  PASSED  \] [0-9]+ test/ { p += $4 }
    /^\[  FAILED  \] [0-9]+ test/ { f += $4 }
    /^\[  SKIPPED \] [0-9]+ test/ { s += $4 }
    /^[0-9]+ skipped$/ { pending = $1; next }
    /^[0-9]+ passed, [0-9]+ failed$/ { sp = $1; sf = $3; ss = pending; pending = 0; next }
    { pending = 0 }
    END { print p + sp, f + sf, s + ss }
  ' "$1"
}

# Variables here start with check_: a script's own names stay its own.
run_counted() {
  check_name=$1
  shift
  check_log=$(mktemp) || give_up "$check_name: no temporary file"
  "$@" >"$check_log" 2>&1
  check_status=$?
  # shellcheck disable=SC2046 # three numbers, split on purpose
  set -- $(check_count_in "$check_log")
  if [ "$check_status" -ne 0 ] && [ "$2" -eq 0 ]; then set -- "$1" 1 "$3"; fi
  check_passed=$((check_passed + $1))
  check_failed=$((check_failed + $2))
  check_skipped=$((check_skipped + $3))
  if [ "$2" -ne 0 ]; then
    echo "FAIL $check_name ($1 passed, $2 failed, exit $check_status)"
    tail -40 "$check_log" | sed 's/^/    /'
  elif [ "$3" -ne 0 ]; then
    echo "ok   $check_name ($1 passed, $3 skipped)"
  else
    echo "ok   $check_name ($1 passed)"
  fi
  rm -f "$check_log"
}

check_tab=$(printf '\t')

# Splits on every tab (read with IFS=tab would merge empty fields); skips
# blank lines and lines that begin with #. Returns 1 at the end of input.
# The VARs are set by eval, which shellcheck cannot follow (SC2154 where they
# are used).
read_tsv_row() {
  while IFS= read -r check_row; do
    case $check_row in '' | '#'*) continue ;; esac
    # shellcheck disable=SC2034 # check_cell is read by the eval
    for check_var in "$@"; do
      case $check_row in
      *"$check_tab"*)
        check_cell=${check_row%%"$check_tab"*}
        check_row=${check_row#*"$check_tab"}
        ;;
      *) check_cell=$check_row check_row= ;;
      esac
      eval "$check_var=\$check_cell"
    done
    return 0
  done
  return 1
}

# TEXT uses printf %b escapes (\\ \n \t \0NNN) and \{N*TEXT} for TEXT
# repeated N times (TEXT without a closing brace): tests/data/*.tsv writes
# long or binary input this way.
tsv_bytes() {
  check_text=$1 check_out=
  while :; do
    case $check_text in
    *'\{'*) ;;
    *) break ;;
    esac
    check_out=$check_out${check_text%%'\{'*}
    check_text=${check_text#*'\{'}
    check_n=${check_text%%'*'*}
    check_text=${check_text#*'*'}
    check_unit=${check_text%%'}'*}
    check_text=${check_text#*'}'}
    while [ "$check_n" -gt 0 ]; do
      check_out=$check_out$check_unit
      check_n=$((check_n - 1))
    done
  done
  printf '%b' "$check_out$check_text"
}
