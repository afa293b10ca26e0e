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
 * (embedded NULs are kept, and count in len).
 *
 * Only the library makes and releases the bytes: they may be an allocation
 * of their own or a share of a block that a decode filled with a value's
 * text, and ws_str_free knows which. So never free ptr yourself (not with
 * free, not with ws_free) and never point ptr at memory of your own; set
 * text with ws_str_set and release it with ws_str_free
 * (docs/generated-api.md, "Ownership"). ws_bytes likewise. */
typedef struct ws_str {
  char *ptr;
  size_t len;
} ws_str;

/* Any octets with a length. Owned: {NULL, 0} or len bytes (plus a NUL). */
typedef struct ws_bytes {
  unsigned char *ptr;
  size_t len;
} ws_bytes;

/* Borrowed text: a view of someone else's bytes, for passing text into
 * functions that only read it or copy it (setters, make, lookups). Its
 * pointer is const, so a view cannot be stored in an owned field:
 * `v.name = ws_cstr("Bob")` does not compile. ptr may be NULL when len is
 * 0. A view does not need to end in a NUL. */
typedef struct ws_strview {
  const char *ptr;
  size_t len;
} ws_strview;

typedef struct ws_bytesview {
  const unsigned char *ptr;
  size_t len;
} ws_bytesview;

/* A view of ptr[0..len). */
static inline ws_strview ws_str_view(const char *ptr, size_t len) {
  ws_strview v;
  v.ptr = ptr;
  v.len = len;
  return v;
}
/* A view of the C string z (NULL is ""). */
static inline ws_strview ws_cstr(const char *z) {
  return ws_str_view(z, z ? strlen(z) : 0);
}
/* A view of ptr[0..len), any octets. */
static inline ws_bytesview ws_bytes_view(const void *ptr, size_t len) {
  ws_bytesview v;
  v.ptr = (const unsigned char *)ptr;
  v.len = len;
  return v;
}
/* A view of an owned value, valid while *s is unchanged. */
static inline ws_strview ws_str_view_of(const ws_str *s) {
  return ws_str_view(s->ptr, s->len);
}
static inline ws_bytesview ws_bytes_view_of(const ws_bytes *b) {
  return ws_bytes_view(b->ptr, b->len);
}

/* A NUL-terminated pointer for any ws_str, "" when empty. */
static inline const char *ws_str_c(const ws_str *s) {
  return s->ptr ? s->ptr : "";
}

/* Replaces *dst, which must be initialised (all-zero or owned), with a
 * copy of ptr[0..len). On failure *dst is unchanged. The text may point
 * into *dst itself. */
ws_status ws_str_set(ws_str *dst, const char *ptr, size_t len);
/* ws_str_set from a view: ws_str_set_view(&v.host, ws_cstr("example.com")). */
ws_status ws_str_set_view(ws_str *dst, ws_strview src);
/* ws_str_set from src: dst must be initialised (all-zero or owned). */
ws_status ws_str_copy(ws_str *dst, const ws_str *src);
/* Frees and resets to {NULL, 0}; safe on an already empty value. */
void ws_str_free(ws_str *s);
bool ws_str_equal(const ws_str *a, const ws_str *b);
/* The same bytes as the view (for example ws_str_is(&s, ws_cstr("x"))). */
bool ws_str_is(const ws_str *s, ws_strview text);

/* Same contracts as the ws_str functions above. */
ws_status ws_bytes_set(ws_bytes *dst, const void *ptr, size_t len);
ws_status ws_bytes_set_view(ws_bytes *dst, ws_bytesview src);
ws_status ws_bytes_copy(ws_bytes *dst, const ws_bytes *src);
void ws_bytes_free(ws_bytes *b);
bool ws_bytes_equal(const ws_bytes *a, const ws_bytes *b);

#ifdef __cplusplus
}
#endif

#endif
