#!/bin/sh
# Checks that the Debian packages `make bench` needs are installed: the JSON
# libraries it compares against, valgrind (callgrind), g++ (simdjson is C++)
# and hyperfine. As root it installs what is missing (after one apt-get
# update); otherwise it prints the exact apt-get line and fails.
set -u
pkgs="libcjson-dev libjansson-dev libyajl-dev libjson-c-dev libsimdjson-dev valgrind g++ hyperfine"
need=""
have_pkg() { dpkg-query -W -f='${Status}' "$1" 2>/dev/null | grep -q 'install ok installed'; }
for pkg in $pkgs; do
  have_pkg "$pkg" || need="$need $pkg"
done
[ -z "$need" ] && exit 0
if [ "$(id -u)" = 0 ]; then
  echo "bench: installing$need" >&2
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq >/dev/null && apt-get install -y -qq $need >/dev/null && exit 0
  echo "bench: apt-get install failed" >&2
  exit 1
fi
echo "bench: missing Debian packages; run:" >&2
echo "  sudo apt-get update && sudo apt-get install -y$need" >&2
exit 1
