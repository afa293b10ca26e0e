/* ws_str.h - strings and byte strings that carry their length. */
#ifndef WS_STR_H
#define WS_STR_H

#include <stdbool.h>
#include <stddef.h>
#include <string.h>

#include "ws_status.h"

#ifdef __cplusplus
extern "C" {
#endif

/* UTF-8 text with a length. An owned ws_str is either empty {NULL, 0} or
 * points to len bytes followed by a NUL, so ptr works with C string functions
 * (embedded NULs are kept, and count in len). */
typedef struct ws_str {
  char *ptr;
  size_t len;
} ws_str;

/* Any octets with a length. Owned: {NULL, 0} or len bytes (plus a NUL). */
typedef struct ws_bytes {
  unsigned char *ptr;
  size_t len;
} ws_bytes;

/* Borrowed views, for passing text into constructors and setters, which
 * always copy. */
static inline ws_str ws_str_view(const char *ptr, size_t len) {
  ws_str s;
  s.ptr = (char *)ptr;
  s.len = len;
  return s;
}
static inline ws_str ws_cstr(const char *z) {
  return ws_str_view(z, z ? strlen(z) : 0);
}
static inline ws_bytes ws_bytes_view(const void *ptr, size_t len) {
  ws_bytes b;
  b.ptr = (unsigned char *)ptr;
  b.len = len;
  return b;
}
/* A NUL-terminated pointer for any ws_str, "" when empty. */
static inline const char *ws_str_c(const ws_str *s) {
  return s->ptr ? s->ptr : "";
}

/* Replaces *dst with a copy of ptr[0..len). On failure *dst is unchanged. */
ws_status ws_str_set(ws_str *dst, const char *ptr, size_t len);
/* ws_str_set from src: dst must be initialised (all-zero or owned). */
ws_status ws_str_copy(ws_str *dst, const ws_str *src);
/* Frees and resets to {NULL, 0}; safe on an already empty value. */
void ws_str_free(ws_str *s);
bool ws_str_equal(const ws_str *a, const ws_str *b);

/* Same contracts as the ws_str functions above. */
ws_status ws_bytes_set(ws_bytes *dst, const void *ptr, size_t len);
ws_status ws_bytes_copy(ws_bytes *dst, const ws_bytes *src);
void ws_bytes_free(ws_bytes *b);
bool ws_bytes_equal(const ws_bytes *a, const ws_bytes *b);

#ifdef __cplusplus
}
#endif

#endif
