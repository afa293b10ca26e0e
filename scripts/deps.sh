#!/bin/sh
# Checks that the Debian packages the build and tests need are installed.
# As root it installs what is missing; otherwise it prints the exact
# apt-get line and fails.
set -u
need=""
have_pkg() { dpkg-query -W -f='${Status}' "$1" 2>/dev/null | grep -q 'install ok installed'; }
for pkg in gcc g++ clang make clang-format libcmocka-dev python3 python3-autobahn; do
  have_pkg "$pkg" || need="$need $pkg"
done
[ -z "$need" ] && exit 0
if [ "$(id -u)" = 0 ]; then
  echo "deps: installing$need" >&2
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq >/dev/null && apt-get install -y -qq $need >/dev/null && exit 0
  echo "deps: apt-get install failed" >&2
  exit 1
fi
echo "deps: missing Debian packages; run:" >&2
echo "  sudo apt-get install -y$need" >&2
exit 1
