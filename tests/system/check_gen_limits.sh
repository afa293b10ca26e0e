#!/bin/sh
# What a schema can say is not bounded by the generator's buffers: schemas
# with very long names, docs and defaults, deep nesting and many fields or
# classes are either generated into C that compiles cleanly (gcc and clang
# with the strict flags, the header as C++, the generated tests linked and
# run) or refused with a diagnostic at FILE:LINE:COL. Never accepted and then
# broken. For a wide class, many classes and deep nesting, the generated
# tests are also linked and run. Run from the repository root; BIN defaults to the
# ASan build.
set -u
BIN=${BIN:-build/asan/bin}
PYTHON=${PYTHON:-python3}
INC=${INCLUDES:--Iruntime -Igenerated -Igen -Itests/lib}
WARN="-std=c11 -Wall -Wextra -Wpedantic -Wconversion -Wshadow -Werror"
gen=$BIN/wstypes-gen
. tests/lib/check.sh
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

# The schemas: one file each, named for what it stresses.
"$PYTHON" - "$work" <<'EOF' || give_up "cannot write the test schemas"
import sys
out = sys.argv[1]

def schema(name, body):
    with open(f"{out}/{name}.wst", "w", encoding="utf-8") as f:
        f.write(f"module limits.{name};\nprefix lim;\n{body}")

def nest(depth, leaf="str"):
    t = leaf
    for i in range(depth):
        t = f"list<{t}>" if i % 2 else f"map<str, {t}>"
    return t

for n in (509, 510, 600, 4000):
    schema(f"field_name_{n}",
           f"class A {{ {'f' * n}: str; {'g' * n}: list<str> = []; "
           f"{'h' * n}: map<str, int>? = null; n: int; }}\n")
schema("class_name_600", f"class {'C' * 600} {{ x: str; y: int = 3; }}\n")
schema("const_name_600",
       f"class K {{ const {'K' * 600}: int = 7; x: int = 1; }}\n")
schema("doc_10k", "/// " + "word " * 2000 + "\nclass D {\n  /// "
       + "x" * 10000 + "\n  v: str = \"a\";\n}\n")
schema("default_10k",
       'class S { s: str = "' + "\\u00e9\\\"\\\\\\n" * 2500 + '"; }\n')
for d in (30, 63):
    empty = "[]" if d % 2 == 0 else "{}"  # the outermost is a list when d is even
    schema(f"nest_{d}", f"class N {{ a: {nest(d)}; b: {nest(d, 'bytes')}? = null; "
           f"c: {nest(d, 'headers')} = {empty}; }}\n")
schema("nest_65", f"class N {{ a: {nest(65)}; }}\n")
# an int enum holding both ends of int64: the generated test's non-member
# value can be neither the largest plus one nor the smallest minus one
schema("enum_int_extremes", "enum E { HI = 9223372036854775807, ZERO = 0, "
       "LO = -9223372036854775808, ONE = 1 }\nclass C { e: E; f: list<E> = []; }\n")
schema("fields_1000", "class F {\n" + "".join(
    f"  f{i}: {['str', 'int', 'bool', 'bytes?', 'list<str>'][i % 5]};\n"
    for i in range(1000)) + "}\n")
schema("classes_300", "".join(
    f"class K{i} {{ a: str; b: list<int> = []; }}\n" for i in range(300)))
EOF

compile() { # name, dir, stem
  for cc in gcc clang; do
    for file in "$3.c" "$3_test.c"; do
      if out=$($cc $WARN -O0 $INC -I"$2" -fsyntax-only "$2/$file" 2>&1); then
        pass "$1: $cc compiles $file"
      else
        fail "$1: $cc rejects $file" "$(echo "$out" | cut -c1-200 | head -8)"
      fi
    done
  done
  printf '#include "%s.h"\n' "$3" >"$2/cxx.cpp"
  if out=$(g++ -std=c++11 -Wall -Wextra -Wpedantic -Werror $INC -I"$2" \
      -fsyntax-only "$2/cxx.cpp" 2>&1); then
    pass "$1: $3.h compiles as C++"
  else
    fail "$1: $3.h does not compile as C++" "$(echo "$out" | cut -c1-200 | head -8)"
  fi
}

# The generated tests of NAME (already generated in $work/out_NAME), linked
# with the ASan runtime that make check built, must pass.
run_generated_tests() { # name
  dir=$work/out_$1
  lib=$BIN/../libwstypes.a
  suite=
  for part in typetest typetest_sweep typetest_replace typetest_fill typetest_fit; do
    suite="$suite $BIN/../obj/runtime/ws_$part.o"
  done
  if [ ! -f "$lib" ] || ! ls $suite >/dev/null 2>&1; then
    skip "$1: generated tests" "no ASan runtime in $BIN/.. (run make check)"
    return
  fi
  if ! out=$(gcc $WARN -O1 -fsanitize=address,undefined -fno-sanitize-recover=all \
      $INC -I"$dir" "$dir/$1.c" "$dir/$1_test.c" $suite "$lib" -lcmocka \
      -o "$dir/tests" 2>&1); then
    fail "$1: generated tests do not build" "$(echo "$out" | cut -c1-200 | head -8)"
  elif out=$("$dir/tests" 2>&1); then
    pass "$1: generated tests pass ($(echo "$out" | grep -c '^\[       OK \]') checks)"
  else
    fail "$1: generated tests fail" "$(echo "$out" | grep -v '^\[       OK \]\|^\[ RUN' | head -12)"
  fi
}

for schema in "$work"/*.wst; do
  name=$(basename "$schema" .wst)
  dir=$work/out_$name
  mkdir -p "$dir"
  (cd "$work" && "$OLDPWD/$gen" -o "out_$name" "$name.wst") \
    >"$work/stdout" 2>"$work/stderr"
  status=$?
  if [ "$status" -eq 0 ]; then
    compile "$name" "$dir" "$name"
  elif [ "$status" -eq 1 ] && grep -Eq "^$name\.wst:[0-9]+:[0-9]+: error: " "$work/stderr"; then
    if [ -n "$(ls -A "$dir")" ]; then
      fail "$name: refused, but wrote $(ls "$dir" | tr '\n' ' ')"
    else
      pass "$name: refused with a diagnostic ($(head -1 "$work/stderr" | cut -c1-80))"
    fi
  else
    fail "$name: exit $status without a FILE:LINE:COL diagnostic" "$(head -5 "$work/stderr" | cut -c1-200)"
  fi
done

run_generated_tests fields_1000
run_generated_tests classes_300
run_generated_tests nest_30
run_generated_tests enum_int_extremes

# The deepest nesting the language allows must be accepted, and one level
# more refused: otherwise the cases above test nothing about the limit.
[ -f "$work/out_nest_63/nest_63.h" ] && pass "nesting 63 is accepted" ||
  fail "nesting 63 is refused"
[ -f "$work/out_nest_65/nest_65.h" ] && fail "nesting 65 is accepted" ||
  pass "nesting 65 is refused"

summary
