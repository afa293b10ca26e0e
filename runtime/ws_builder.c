/* ws_builder.c - the decoder's pool, for code that builds values itself
 * (ws_builder.h). */
#include "ws_builder.h"

#include <string.h>

#include "internal/ws_pool.h"

void ws_builder_start(ws_builder *b, size_t size_hint) {
  ws_pool_start(&b->pool, size_hint);
}

void ws_builder_finish(ws_builder *b) { ws_pool_finish(&b->pool); }

ws_status ws_builder_text(ws_builder *b, ws_str *dst, size_t len, char **at) {
  ws_str_free(dst);
  *at = NULL;
  if (len == 0)
    return WS_OK;
  char *t = ws_pool_text(&b->pool, len);
  if (t == NULL)
    return WS_ENOMEM;
  t[len] = '\0';
  dst->ptr = t;
  dst->len = len;
  *at = t;
  return WS_OK;
}

ws_status ws_builder_set(ws_builder *b, ws_str *dst, ws_strview text) {
  ws_str fresh = {NULL, 0};
  char *at;
  ws_status st = ws_builder_text(b, &fresh, text.len, &at);
  if (st != WS_OK)
    return st;
  if (at != NULL)
    memcpy(at, text.ptr, text.len);
  ws_str_free(dst); /* only now: text may be a view of it */
  *dst = fresh;
  return WS_OK;
}

ws_status ws_builder_grow(ws_builder *b, void **items, size_t *cap,
                          size_t need, size_t elem_size) {
  return ws_pool_grow(&b->pool, items, cap, need, elem_size);
}

void ws_builder_fit(ws_builder *b, void *items, size_t len, size_t elem_size,
                    size_t *cap) {
  ws_pool_fit_in_place(&b->pool, items, len, elem_size, cap);
}
