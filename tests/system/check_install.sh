#!/bin/sh
# wstypes as another project uses it: `make install` into a temporary
# DESTDIR, then, from the installed tree only,
#   - the files are where they belong, internal headers are not there;
#   - the installed wstypes-gen --check says generated/ matches schema/;
#   - the shared libraries export only their public API (check_exports.sh);
#   - examples/chat builds with pkg-config and plain make, and with CMake
#     and wstypes_generate(), its program prints what it should and its
#     generated tests pass;
#   - the installed wstypes --module works on the example's libchat.so;
#   - docs/handshake.md's server, copied out of the tree, builds against the
#     installed handshake library with pkg-config (and with CMake's
#     wstypes::handshake) and completes a handshake with autobahn's client;
#     its client builds with pkg-config and completes one with autobahn's
#     server;
#   - examples/handshake builds with make (as C and C++) and with CMake, and
#     its server and client print what autobahn's own have in onConnect
#     (handshake_example.py);
#   - make uninstall leaves nothing behind.
set -u
. tests/lib/check.sh
MAKE=${MAKE_PROGRAM:-make}
work=$(mktemp -d) || give_up "no temporary directory"
trap 'rm -rf "$work"' EXIT
prefix=/opt/wstypes
dest=$work/dest
root=$dest$prefix
version=$(cat VERSION)
# A make of our own, not a job of the make that runs the tests.
submake() { env -u MAKEFLAGS -u MFLAGS -u MAKELEVEL "$MAKE" "$@"; }

if submake install DESTDIR="$dest" PREFIX="$prefix" >"$work/install.log" 2>&1; then
  pass "make install"
else
  give_up "make install failed: $(tail -20 "$work/install.log")"
fi

# ---- the installed tree -------------------------------------------------------
for f in bin/wstypes-gen bin/wstypes include/wstypes/wstypes.h \
  include/wstypes/ws_typetest.h include/wstypes/autobahn.h \
  lib/libwstypes.a lib/libwstypes-autobahn.a lib/libwstypes-test.a \
  "lib/libwstypes.so.$version" "lib/libwstypes-autobahn.so.$version" \
  lib/libwstypes.so lib/libwstypes-autobahn.so.${version%%.*} \
  lib/pkgconfig/wstypes.pc lib/pkgconfig/wstypes-autobahn.pc \
  lib/pkgconfig/wstypes-test.pc lib/cmake/wstypes/wstypesConfig.cmake \
  lib/libwstypes-handshake.a include/wstypes/ws_handshake.h \
  lib/pkgconfig/wstypes-handshake.pc \
  share/man/man1/wstypes-gen.1 share/man/man1/wstypes.1 \
  share/doc/wstypes/LICENSE share/doc/wstypes/generated-api.md; do
  if [ -e "$root/$f" ]; then pass "installed $f"; else fail "not installed: $f"; fi
done
leaked=$(for h in runtime/internal/*.h handshake/hs_internal.h; do
  [ -e "$root/include/wstypes/$(basename "$h")" ] && echo "$h"; done)
[ -e "$root/include/wstypes/internal" ] && leaked="$leaked internal/"
if [ -z "$leaked" ]; then pass "no internal header installed"
else fail "internal headers installed" "$leaked"; fi
out=$("$root/bin/wstypes-gen" --version)
if [ "$out" = "wstypes-gen $version" ]; then pass "wstypes-gen --version"
else fail "wstypes-gen --version says '$out'"; fi
out=$("$root/bin/wstypes" --version)
if [ "$out" = "wstypes $version" ]; then pass "wstypes --version"
else fail "wstypes --version says '$out'"; fi
export PKG_CONFIG_PATH="$root/lib/pkgconfig"
for pc in wstypes wstypes-autobahn wstypes-test wstypes-handshake; do
  out=$(pkg-config --modversion $pc 2>&1)
  if [ "$out" = "$version" ]; then pass "pkg-config $pc: $version"
  else fail "pkg-config --modversion $pc says '$out'"; fi
done

# ---- the CI line: generated/ is what the schema makes --------------------------
if out=$("$root/bin/wstypes-gen" --check --clang-format -o generated schema/autobahn.wst 2>&1) &&
  [ -z "$out" ]; then
  pass "installed wstypes-gen --check: generated/ matches schema/"
else
  fail "wstypes-gen --check on generated/" "$out"
fi

mkdir "$work/stale"
cp generated/autobahn.h generated/autobahn.c "$work/stale/"
echo "/* edited */" >>"$work/stale/autobahn.c"
out=$("$root/bin/wstypes-gen" --check --clang-format -o "$work/stale" schema/autobahn.wst 2>&1)
status=$?
want="wstypes-gen: $work/stale/autobahn.c is stale
wstypes-gen: $work/stale/autobahn_test.c is missing"
if [ $status = 1 ] && [ "$out" = "$want" ]; then pass "wstypes-gen --check lists a stale and a missing file"
else fail "wstypes-gen --check on a stale copy: exit $status" "$out"; fi

# ---- the exported symbols of the installed libraries --------------------------
LIBDIR=$root/lib STATIC=$root/lib INCDIR=$root/include/wstypes run_counted "check_exports.sh (installed)" \
  sh tests/system/check_exports.sh

# ---- examples/chat, against the installed tree only ------------------------------
export PATH="$root/bin:$PATH"
expected=examples/chat/expected-output.txt
run_example() { # name, directory, program
  if out=$("$3" 2>&1) && [ "$out" = "$(cat "$expected")" ]; then
    pass "$1: the program prints $expected"
  else
    fail "$1: the program's output differs" "$(echo "$out" | diff "$expected" - | head)"
  fi
}
cp -R examples/chat "$work/make"
mk() { submake -C "$work/make" CFLAGS="-O1 -Werror" "$@"; }
if mk all chat_test >"$work/make.log" 2>&1; then
  pass "pkg-config and make: builds"
  run_example "pkg-config and make" "$work/make" "$work/make/chat"
  run_counted "pkg-config and make: chat_test" "$work/make/chat_test"
  if grep -q 'chat\.wst' "$work/make/gen/chat.d"; then pass "--depfile names the schema"
  else fail "--depfile: gen/chat.d does not name chat.wst" "$(cat "$work/make/gen/chat.d")"; fi
  if mk -q all >/dev/null 2>&1; then pass "make again: nothing to do"
  else fail "make again rebuilds"; fi
else
  fail "pkg-config and make: does not build" "$(tail -20 "$work/make.log")"
fi

cp -R examples/chat "$work/cmake"
rm -f "$work/cmake/Makefile"
if cmake -S "$work/cmake" -B "$work/cmake/build" -DCMAKE_PREFIX_PATH="$root" \
  -DCMAKE_C_FLAGS="-O1 -Werror -Wall -Wextra -Wpedantic" >"$work/cmake.log" 2>&1 &&
  cmake --build "$work/cmake/build" >>"$work/cmake.log" 2>&1; then
  pass "CMake and wstypes_generate(): builds"
  run_example "CMake" "$work/cmake/build" "$work/cmake/build/chat"
  run_counted "CMake: chat_test" "$work/cmake/build/chat_test"
  touch "$work/cmake/chat.wst"
  if cmake --build "$work/cmake/build" 2>&1 | grep -q 'wstypes-gen chat.wst'; then
    pass "CMake: a schema edit regenerates"
  else fail "CMake: touching chat.wst did not run wstypes-gen"; fi
else
  fail "CMake and wstypes_generate(): does not build" "$(tail -20 "$work/cmake.log")"
fi

# ---- wstypes_generate(IMPORT_DIRS): an import from another directory ------------------
mkdir -p "$work/cmake-imp/shared"
printf 'module imp.shared;\nprefix is;\nclass Money { amount: float; }\n' \
  >"$work/cmake-imp/shared/money.wst"
printf 'module imp.top;\nprefix it;\nimport "money.wst";\nclass Price { money: Money; }\n' \
  >"$work/cmake-imp/price.wst"
cat >"$work/cmake-imp/CMakeLists.txt" <<'CMAKE'
cmake_minimum_required(VERSION 3.14)
project(imp C)
find_package(wstypes REQUIRED)
wstypes_generate(shared/money.wst SOURCES money_src NO_TESTS)
wstypes_generate(price.wst SOURCES price_src NO_TESTS IMPORT_DIRS shared)
add_library(imp STATIC ${money_src} ${price_src})
target_include_directories(imp PRIVATE ${CMAKE_CURRENT_BINARY_DIR}/wstypes)
target_link_libraries(imp PRIVATE wstypes::wstypes)
CMAKE
if cmake -S "$work/cmake-imp" -B "$work/cmake-imp/build" -DCMAKE_PREFIX_PATH="$root" \
  -DCMAKE_C_FLAGS="-O1 -Werror -Wall -Wextra -Wpedantic" >"$work/cmake-imp.log" 2>&1 &&
  cmake --build "$work/cmake-imp/build" >>"$work/cmake-imp.log" 2>&1; then
  pass "CMake: wstypes_generate(IMPORT_DIRS) finds an import elsewhere"
else
  fail "CMake: wstypes_generate(IMPORT_DIRS)" "$(tail -20 "$work/cmake-imp.log")"
fi

# ---- the installed tool on the user's module --------------------------------------
lib=$work/make/libchat.so
tool() { "$root/bin/wstypes" --module "$lib" "$@"; }
out=$(echo '{"name": "#general", "members": ["ada"]}' | tool convert --type Room 2>&1)
want='{"name":"#general","topic":null,"members":["ada"],"moderators":{}}'
if [ "$out" = "$want" ]; then pass "wstypes --module libchat.so convert --type Room"
else fail "wstypes --module convert" "got:  $out" "want: $want"; fi
out=$(tool types 2>&1)
if echo "$out" | grep -q '^Room' && echo "$out" | grep -q '^Post'; then
  pass "wstypes --module libchat.so types"
else fail "wstypes --module types" "$out"; fi
out=$(echo '{"name": "#general", "members": [1]}' | tool validate --type Room 2>&1)
status=$?
if [ $status = 1 ] && echo "$out" | grep -q 'members'; then pass "wstypes --module validate refuses bad input"
else fail "wstypes --module validate: exit $status" "$out"; fi
cp "$lib" "$work/libother.so"
out=$("$root/bin/wstypes" --module "$work/libother.so" types 2>&1)
status=$?
if [ $status = 2 ] && echo "$out" | grep -q 'wstypes_module_other'; then
  pass "wstypes --module: a library without the descriptor is refused"
else fail "wstypes --module on a library without a descriptor: exit $status" "$out"; fi

# ---- the handshake library, from the installed tree only -------------------------
# Only the names ws_handshake.h declares are global in the installed archive.
globals=$(nm -g --defined-only -P "$root/lib/libwstypes-handshake.a" |
  awk 'NF >= 2 { print $1 }' | grep -v '^ws_hs_')
if [ -z "$globals" ]; then pass "libwstypes-handshake.a: only ws_hs_* names are global"
else fail "libwstypes-handshake.a: internal names are global" "$(echo "$globals" | head)"; fi
mkdir "$work/hs"
sed -n '/<!-- server:begin -->/,/<!-- server:end -->/p' docs/handshake.md |
  sed '1,2d;$d' | sed '$d' >"$work/hs/hs_server.c"
hs_libs=$(pkg-config --libs wstypes-handshake)
missing=
for l in -lwstypes-handshake -lwstypes-autobahn -lwstypes -lnettle; do
  case " $hs_libs " in *" $l "*) ;; *) missing="$missing $l" ;; esac
done
if [ -z "$missing" ]; then pass "pkg-config --libs wstypes-handshake: $hs_libs"
else fail "pkg-config --libs wstypes-handshake lacks$missing" "$hs_libs"; fi
live() { # name, server program
  run_counted "$1: a handshake with autobahn's client" \
    "${PYTHON:-/usr/bin/python3}" tests/system/handshake_live.py "$2"
}
if (cd "$work/hs" && ${CC:-cc} -std=c11 -D_POSIX_C_SOURCE=200809L -Wall -Wextra \
  -Wpedantic -Werror $(pkg-config --cflags wstypes-handshake) hs_server.c \
  $hs_libs -Wl,-rpath,"$(pkg-config --variable=libdir wstypes)" -o hs_server) \
  >"$work/hs.log" 2>&1; then
  pass "handshake server, pkg-config: builds"
  live "handshake server, pkg-config" "$work/hs/hs_server"
else
  fail "handshake server, pkg-config: does not build" "$(tail -20 "$work/hs.log")"
fi
# the client of the page too, against autobahn's server
sed -n '/<!-- client:begin -->/,/<!-- client:end -->/p' docs/handshake.md |
  sed '1,2d;$d' | sed '$d' >"$work/hs/hs_client.c"
if (cd "$work/hs" && ${CC:-cc} -std=c11 -D_POSIX_C_SOURCE=200809L -Wall -Wextra \
  -Wpedantic -Werror $(pkg-config --cflags wstypes-handshake) hs_client.c \
  $hs_libs -Wl,-rpath,"$(pkg-config --variable=libdir wstypes)" -o hs_client) \
  >"$work/hs-client.log" 2>&1; then
  pass "handshake client, pkg-config: builds"
  run_counted "handshake client, pkg-config: a handshake with autobahn's server" \
    "${PYTHON:-/usr/bin/python3}" tests/system/handshake_client_live.py \
    "$work/hs/hs_client"
else
  fail "handshake client, pkg-config: does not build" \
    "$(tail -20 "$work/hs-client.log")"
fi
mkdir "$work/hs-cmake"
cp "$work/hs/hs_server.c" "$work/hs-cmake/"
cat >"$work/hs-cmake/CMakeLists.txt" <<'CMAKE'
cmake_minimum_required(VERSION 3.14)
project(hs_server C)
find_package(wstypes REQUIRED)
add_executable(hs_server hs_server.c)
set_target_properties(hs_server PROPERTIES C_STANDARD 11)
target_compile_definitions(hs_server PRIVATE _POSIX_C_SOURCE=200809L)
target_link_libraries(hs_server PRIVATE wstypes::handshake)
CMAKE
if cmake -S "$work/hs-cmake" -B "$work/hs-cmake/build" -DCMAKE_PREFIX_PATH="$root" \
  -DCMAKE_C_FLAGS="-O1 -Werror -Wall -Wextra -Wpedantic" >"$work/hs-cmake.log" 2>&1 &&
  cmake --build "$work/hs-cmake/build" >>"$work/hs-cmake.log" 2>&1; then
  pass "handshake server, CMake wstypes::handshake: builds"
  live "handshake server, CMake" "$work/hs-cmake/build/hs_server"
else
  fail "handshake server, CMake: does not build" "$(tail -20 "$work/hs-cmake.log")"
fi

# ---- examples/handshake, against the installed tree only ---------------------------
example_live() { # name, server, client
  run_counted "$1: against autobahn's client and server" \
    "${PYTHON:-/usr/bin/python3}" tests/system/handshake_example.py "$2" "$3"
}
cp -R examples/handshake "$work/hs-example"
if submake -C "$work/hs-example" \
  CFLAGS="-O1 -Werror -fsanitize=address,undefined -fno-sanitize-recover=all" \
  CXXFLAGS="-O1 -Werror" all cxx >"$work/hs-example.log" 2>&1; then
  pass "examples/handshake, make: builds as C11 (ASan+UBSan) and as C++17"
  example_live "examples/handshake, C" "$work/hs-example/server" \
    "$work/hs-example/client"
  example_live "examples/handshake, C++" "$work/hs-example/server-cxx" \
    "$work/hs-example/client-cxx"
else
  fail "examples/handshake, make: does not build" "$(tail -20 "$work/hs-example.log")"
fi
cp -R examples/handshake "$work/hs-example-cmake"
rm -f "$work/hs-example-cmake/Makefile"
if cmake -S "$work/hs-example-cmake" -B "$work/hs-example-cmake/build" \
  -DCMAKE_PREFIX_PATH="$root" -DCMAKE_C_FLAGS="-O1 -Werror -Wall -Wextra -Wpedantic" \
  >"$work/hs-example-cmake.log" 2>&1 &&
  cmake --build "$work/hs-example-cmake/build" >>"$work/hs-example-cmake.log" 2>&1; then
  pass "examples/handshake, CMake: builds"
  example_live "examples/handshake, CMake" "$work/hs-example-cmake/build/server" \
    "$work/hs-example-cmake/build/client"
else
  fail "examples/handshake, CMake: does not build" "$(tail -20 "$work/hs-example-cmake.log")"
fi

# ---- uninstall ------------------------------------------------------------------------
submake uninstall DESTDIR="$dest" PREFIX="$prefix" >"$work/uninstall.log" 2>&1
left=$(find "$dest" ! -type d)
if [ -z "$left" ]; then pass "make uninstall removes every file"
else fail "make uninstall left files" "$(echo "$left" | head)"; fi
summary
