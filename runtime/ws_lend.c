/* ws_lend.c - text views lent to the kind operations as elements. */
#include "ws_lend.h"

/* An element that borrows someone else's text. The kind operations only
 * read it (they copy from it), which is what makes dropping const here
 * safe; the borrowed element never reaches a value. */
typedef union lent {
  ws_str str;
  ws_bytes bytes;
} lent;

static const void *lend(const ws_kind *elem, lent *l, const void *ptr,
                        size_t len) {
  if (elem == &ws_bytes_kind) {
    l->bytes.ptr = (unsigned char *)ptr;
    l->bytes.len = len;
    return &l->bytes;
  }
  l->str.ptr = (char *)ptr;
  l->str.len = len;
  return &l->str;
}

ws_status ws_list_append_text(const ws_kind *k, void *list, const void *ptr,
                              size_t len) {
  lent l;
  return ws_list_append(k, list, lend(k->elem, &l, ptr, len));
}

ws_status ws_opt_set_text(const ws_kind *k, void *o, const void *ptr,
                          size_t len) {
  lent l;
  return ws_opt_set(k, o, lend(k->elem, &l, ptr, len));
}

ws_status ws_map_set_text(const ws_kind *k, void *map, ws_strview key,
                          const void *ptr, size_t len) {
  lent l;
  return ws_map_set(k, map, key, lend(k->elem, &l, ptr, len));
}
