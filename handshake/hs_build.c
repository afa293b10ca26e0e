/* hs_build.c - the request's fields, carved from the server's builder
 * (ws_builder.h) as decode carves a value's: a request of a dozen headers
 * is one block rather than a hundred allocations, and each field can
 * still be freed or replaced alone. The text is Latin-1 from the block,
 * written as UTF-8 (hs_internal.h). */
#include <string.h>

#include "hs_internal.h"

/* Values are mostly ASCII, copied whole; names are short, and lowered a
 * character at a time (ASCII ones without a branch). */
static ws_status put(ws_builder *b, ws_str *dst, ws_strview latin1,
                     bool lower) {
  size_t high = hs_count_high(latin1);
  char *at;
  ws_status st = ws_builder_text(b, dst, latin1.len + high, &at);
  if (st != WS_OK || latin1.len == 0)
    return st;
  const unsigned char *p = (const unsigned char *)latin1.ptr;
  if (lower && high == 0) {
    for (size_t i = 0; i < latin1.len; i++)
      at[i] = (char)(p[i] | ((unsigned)(p[i] - 'A') < 26) << 5);
  } else if (lower) {
    for (size_t i = 0; i < latin1.len; i++)
      at = hs_utf8_of(at, hs_lower(p[i]));
  } else if (high == 0) {
    memcpy(at, latin1.ptr, latin1.len);
  } else {
    for (size_t i = 0; i < latin1.len; i++)
      at = hs_utf8_of(at, p[i]);
  }
  return st;
}

ws_status hs_set_latin1(ws_builder *b, ws_str *dst, ws_strview latin1) {
  return put(b, dst, latin1, false);
}

ws_status hs_set_latin1_lower(ws_builder *b, ws_str *dst, ws_strview latin1) {
  return put(b, dst, latin1, true);
}

/* A new last item of l, empty. */
static ws_str *add_item(ws_builder *b, ab_list_str *l, ws_status *st) {
  *st = ws_builder_grow(b, (void **)&l->items, &l->cap, l->len + 1,
                        sizeof *l->items);
  return *st == WS_OK ? &l->items[l->len++] : NULL;
}

ws_status hs_list_add(ws_builder *b, ab_list_str *l, ws_strview utf8) {
  ws_status st;
  ws_str *item = add_item(b, l, &st);
  return item ? ws_builder_set(b, item, utf8) : st;
}

ws_status hs_list_add_latin1(ws_builder *b, ab_list_str *l,
                             ws_strview latin1) {
  ws_status st;
  ws_str *item = add_item(b, l, &st);
  return item ? hs_set_latin1(b, item, latin1) : st;
}

ws_status hs_put_headers(ws_builder *b, const hs_block *blk, ws_headers *h) {
  ws_status st = ws_builder_grow(b, (void **)&h->items, &h->cap, blk->len,
                                 sizeof *h->items);
  for (size_t i = 0; i < blk->len && st == WS_OK; i++) {
    const hs_field *f = &blk->fields[i];
    ws_header *e = &h->items[h->len++];
    st = hs_set_latin1_lower(b, &e->name, f->key);
    if (st == WS_OK)
      st = hs_set_latin1(b, &e->value, hs_field_value(f));
  }
  return st;
}
