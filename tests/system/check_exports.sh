#!/bin/sh
# The shared libraries export exactly their public API: every symbol they
# export is declared in a public header (runtime/ws*.h, or the module's
# generated header), none is declared only in runtime/internal/, and every
# function or object a public header declares and the library defines is
# exported (so a new public function is never forgotten). Their file names
# carry VERSION and their sonames its major number.
# LIBDIR: where the shared libraries are (default build/lib);
# check_install.sh runs this on the installed copies too.
set -u
. tests/lib/check.sh
LIBDIR=${LIBDIR:-build/lib}
VERSION=$(cat VERSION)
MAJOR=${VERSION%%.*}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

# The names the headers declare (code only, comments dropped): a name
# followed by "(", "[" or ";".
declared() {
  for h in "$@"; do
    ${CC:-cc} -fpreprocessed -dD -E -P "$h" 2>/dev/null
  done | grep -oE '[A-Za-z_][A-Za-z0-9_]*[[:space:]]*[[(;]' |
    sed 's/[[:space:]]*[[(;]$//' | sort -u
}

check_lib() { # name, static library, public headers...
  name=$1 static=$2; shift 2
  so=$LIBDIR/$name.so.$VERSION
  for f in "$so" "$static"; do
    if [ ! -f "$f" ]; then
      fail "$name: no $f"
      return
    fi
  done
  soname=$(readelf -d "$so" | sed -n 's/.*(SONAME).*\[\(.*\)\]/\1/p')
  if [ "$soname" = "$name.so.$MAJOR" ]; then pass "$name: soname $soname"
  else fail "$name: soname is '$soname', not $name.so.$MAJOR"; fi
  nm -D --defined-only "$so" | awk 'NF == 3 { print $3 }' | sed 's/@.*//' |
    sort -u >"$tmp/exported"
  declared "$@" >"$tmp/public"
  declared runtime/internal/*.h | comm -23 - "$tmp/public" >"$tmp/internal"
  nm -g --defined-only -P "$static" | awk 'NF >= 2 { print $1 }' | sort -u |
    comm -12 - "$tmp/public" >"$tmp/should"
  extra=$(comm -23 "$tmp/exported" "$tmp/public")
  if [ -z "$extra" ]; then pass "$name: exports only public names"
  else fail "$name: exports names no public header declares" "$(echo "$extra" | head)"; fi
  leaked=$(comm -12 "$tmp/exported" "$tmp/internal")
  if [ -z "$leaked" ]; then pass "$name: no internal name exported"
  else fail "$name: exports internal names" "$(echo "$leaked" | head)"; fi
  missing=$(comm -23 "$tmp/should" "$tmp/exported")
  if [ -z "$missing" ]; then pass "$name: exports all of its public API ($(wc -l <"$tmp/exported") names)"
  else fail "$name: public names not exported" "$(echo "$missing" | head)"; fi
}

# STATIC: where the static libraries are; INCDIR: the public headers, when
# installed (default: runtime/ and generated/).
STATIC=${STATIC:-build/lib}
check_lib libwstypes "$STATIC/libwstypes.a" ${INCDIR:-runtime}/ws*.h
check_lib libwstypes-autobahn "$STATIC/libwstypes-autobahn.a" ${INCDIR:-generated}/autobahn.h
summary
