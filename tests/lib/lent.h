/* lent.h - borrowed ws_str and ws_bytes values for tests.
 *
 * Some runtime functions read text through a const ws_str * (the kind
 * operations, the checks, the printer views). A test that hands them a
 * literal lends it as a ws_str, which the public API no longer does (its
 * views are ws_strview and ws_bytesview). Pass these only where the callee
 * reads; never free or store one. */
#ifndef TESTS_LENT_H
#define TESTS_LENT_H

#include <stddef.h>
#include <string.h>

#include "ws_str.h"

static inline ws_str lent_str(const char *ptr, size_t len) {
  ws_str s;
  s.ptr = (char *)ptr;
  s.len = len;
  return s;
}

static inline ws_str lent_cstr(const char *z) {
  return lent_str(z, z ? strlen(z) : 0);
}

static inline ws_bytes lent_bytes(const void *ptr, size_t len) {
  ws_bytes b;
  b.ptr = (unsigned char *)ptr;
  b.len = len;
  return b;
}

#endif
