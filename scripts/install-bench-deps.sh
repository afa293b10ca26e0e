#!/bin/sh
# The Debian packages `make bench` needs: the JSON libraries it compares
# against, valgrind (callgrind), g++ (simdjson is C++) and hyperfine.
# Installs them as root, else prints the apt-get line (see deps.sh).
exec "$(dirname "$0")/deps.sh" bench libcjson-dev libjansson-dev libyajl-dev \
  libjson-c-dev libsimdjson-dev valgrind g++ hyperfine
