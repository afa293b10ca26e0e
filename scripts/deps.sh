#!/bin/sh
# Checks that Debian packages are installed: `deps.sh build` (what `make`
# needs: the generator, the libraries, the tool), `deps.sh check` (what
# `make check` needs on top), `deps.sh install` (what `make install` needs:
# the build's, and cmocka for libwstypes-test); else
# `deps.sh LABEL PACKAGE...` (make bench uses it for its own). As root it
# installs what is missing (after one apt-get update); otherwise it prints
# the exact apt-get line and fails.
set -u
build="gcc make clang-format nettle-dev"
case "${1:-build}" in
build) label=deps pkgs=$build ;;
check) label=check-deps
  pkgs="$build g++ clang libcmocka-dev libclang-rt-14-dev python3 python3-autobahn locales cmake pkgconf" ;;
install) label=install-deps pkgs="$build libcmocka-dev" ;;
*) label=$1; shift; pkgs="$*" ;;
esac
need=""
have_pkg() { dpkg-query -W -f='${Status}' "$1" 2>/dev/null | grep -q 'install ok installed'; }
for pkg in $pkgs; do
  have_pkg "$pkg" || need="$need $pkg"
done
[ -z "$need" ] && exit 0
if [ "$(id -u)" = 0 ]; then
  echo "$label: installing$need" >&2
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq >/dev/null && apt-get install -y -qq $need >/dev/null && exit 0
  echo "$label: apt-get install failed" >&2
  exit 1
fi
echo "$label: missing Debian packages; run:" >&2
echo "  sudo apt-get update && sudo apt-get install -y$need" >&2
exit 1
