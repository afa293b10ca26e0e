/* hs_build.c - the request's fields, carved from the server's builder
 * (ws_builder.h) as decode carves a value's: a request of a dozen headers
 * is one block rather than a hundred allocations, and each field can
 * still be freed or replaced alone. The text is Latin-1 from the block,
 * written as UTF-8 (hs_internal.h). */
#include <string.h>

#include "hs_internal.h"

static size_t utf8_len(ws_strview latin1) {
  size_t n = latin1.len;
  for (size_t i = 0; i < latin1.len; i++)
    n += (unsigned char)latin1.ptr[i] >= 0x80;
  return n;
}

static ws_status put(ws_builder *b, ws_str *dst, ws_strview latin1,
                     bool lower) {
  char *at;
  ws_status st = ws_builder_text(b, dst, utf8_len(latin1), &at);
  for (size_t i = 0; st == WS_OK && i < latin1.len; i++) {
    unsigned char c = (unsigned char)latin1.ptr[i];
    if (lower)
      c = hs_lower(c);
    if (c < 0x80) {
      *at++ = (char)c;
    } else {
      *at++ = (char)(0xC0 | (c >> 6));
      *at++ = (char)(0x80 | (c & 0x3F));
    }
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
