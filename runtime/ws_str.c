/* ws_str.c - owned strings and byte strings with a length. Their bytes
 * are pieces (internal/ws_piece.h): made here, or by a decode in a block
 * that a value's fields share, and released here either way. */
#include "ws_str.h"

#include "internal/ws_piece.h"

/* A copy of p[0..len) followed by a NUL, or NULL on failure. */
static void *dup_with_nul(const void *p, size_t len) {
  char *copy = ws_piece_text_new(len);
  if (copy) {
    memcpy(copy, p, len);
    copy[len] = '\0';
  }
  return copy;
}

/* Shared by str and bytes: copies first, frees the old value afterwards, so
 * setting a value from a slice of itself works and failure changes nothing. */
static ws_status replace(void **dst_ptr, size_t *dst_len, const void *p,
                         size_t len) {
  void *copy = NULL;
  if (len > 0) {
    copy = dup_with_nul(p, len);
    if (!copy) {
      return WS_ENOMEM;
    }
  }
  ws_piece_release(*dst_ptr);
  *dst_ptr = copy;
  *dst_len = len;
  return WS_OK;
}

static bool same_octets(const void *a, size_t a_len, const void *b,
                        size_t b_len) {
  return a_len == b_len && (a_len == 0 || memcmp(a, b, a_len) == 0);
}

ws_status ws_str_set(ws_str *dst, const char *ptr, size_t len) {
  void *p = dst->ptr;
  ws_status status = replace(&p, &dst->len, ptr, len);
  dst->ptr = p;
  return status;
}

ws_status ws_str_set_view(ws_str *dst, ws_strview src) {
  return ws_str_set(dst, src.ptr, src.len);
}

ws_status ws_str_copy(ws_str *dst, const ws_str *src) {
  return ws_str_set(dst, src->ptr, src->len);
}

void ws_str_free(ws_str *s) {
  ws_piece_release(s->ptr);
  s->ptr = NULL;
  s->len = 0;
}

bool ws_str_equal(const ws_str *a, const ws_str *b) {
  return same_octets(a->ptr, a->len, b->ptr, b->len);
}

bool ws_str_is(const ws_str *s, ws_strview text) {
  return same_octets(s->ptr, s->len, text.ptr, text.len);
}

ws_status ws_bytes_set(ws_bytes *dst, const void *ptr, size_t len) {
  void *p = dst->ptr;
  ws_status status = replace(&p, &dst->len, ptr, len);
  dst->ptr = p;
  return status;
}

ws_status ws_bytes_set_view(ws_bytes *dst, ws_bytesview src) {
  return ws_bytes_set(dst, src.ptr, src.len);
}

ws_status ws_bytes_copy(ws_bytes *dst, const ws_bytes *src) {
  return ws_bytes_set(dst, src->ptr, src->len);
}

void ws_bytes_free(ws_bytes *b) {
  ws_piece_release(b->ptr);
  b->ptr = NULL;
  b->len = 0;
}

bool ws_bytes_equal(const ws_bytes *a, const ws_bytes *b) {
  return same_octets(a->ptr, a->len, b->ptr, b->len);
}
