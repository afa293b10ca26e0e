/* ws_headers_read.c - a JSON headers object into a ws_headers.
 *
 * A headers object maps a name to a string or to a list of strings; each
 * string becomes one entry, in order, and an empty list one entry that
 * says so. The reader knows JSON; this file knows what a headers object
 * is, and builds one with the reader's calls, its entries in the reader's
 * pool (internal/ws_pool.h). */
#include "ws_headers.h"

#include "internal/ws_json_read_parts.h"
#include "internal/ws_key_index.h"
#include "internal/ws_piece.h"
#include "internal/ws_pool.h"

/* Entries the array first has room for. */
#define FIRST_ROOM 16

/* A new entry at the end of h, named name[0..name_len), its value empty,
 * in the reader's pool; NULL when out of memory. The object's names are
 * distinct (a repeated one is refused), so the entry is appended without
 * looking for others of its name. */
static ws_header *push_entry(ws_reader *r, ws_headers *h, const char *name,
                             size_t name_len, ws_header_shape shape) {
  void *items = h->items;
  /* Room for a browser's headers at once (the room not used goes back to
   * the pool when the object ends); doubling after that. */
  size_t need = h->len == 0 ? FIRST_ROOM : h->len + 1;
  if (h->len == h->cap && ws_pool_grow(&r->pool, &items, &h->cap, need,
                                       sizeof(ws_header)) != WS_OK) {
    return NULL;
  }
  h->items = items;
  ws_header *e = &h->items[h->len]; /* zeroed by the growth */
  if (ws_pool_str_set(&r->pool, &e->name, name, name_len) != WS_OK) {
    return NULL;
  }
  e->shape = shape;
  h->len++;
  return e;
}

/* One header value string at r->p, added as an entry of the given shape:
 * decoded straight into its place when the pool has room for it, else
 * checked first, then decoded into room of its size. */
static ws_status read_header_string(ws_reader *r, ws_headers *h,
                                    const char *name, size_t name_len,
                                    ws_header_shape shape) {
  if (!expect_start(r, '"', "a string")) {
    return r->status;
  }
  const char *at = r->p;
  char *text = NULL;
  size_t len = 0;
  ws_status st = ws_jr_read_text(r, &text, &len);
  str_span s = {NULL, 0, 0};
  if (st == WS_EFULL) {
    if (check_string(r, &s) != WS_OK) {
      return r->status;
    }
    len = s.len;
    if (len > 0 && (text = ws_pool_text(&r->pool, len)) == NULL) {
      return ws_jr_fail(r, WS_ENOMEM, at, "out of memory");
    }
    if (text != NULL) {
      ws_jr_copy_string(r, &s, text);
    }
  } else if (st != WS_OK) {
    return st;
  }
  ws_header *e = push_entry(r, h, name, name_len, shape);
  if (e == NULL) {
    ws_piece_release(text);
    return ws_jr_fail(r, WS_ENOMEM, at, "out of memory");
  }
  e->value.ptr = text;
  e->value.len = len;
  return WS_OK;
}

/* name: "value" or name: ["value", ...]. The name lives on the path stack,
 * which no read below touches. */
static ws_status read_header_values(ws_reader *r, ws_headers *h) {
  const ws_path_seg *seg = &r->path[r->depth - 1];
  const char *name = seg->key;
  size_t name_len = seg->key_len;
  /* The first byte tells which (as ws_read_peek would, for a call more). */
  skip_ws(r);
  char first = r->p < r->end ? *r->p : '\0';
  if (first == '"') {
    return read_header_string(r, h, name, name_len, WS_HEADER_STRING);
  }
  if (first != '[') {
    return ws_jr_fail_expected(r, "a string or a list of strings", true);
  }
  ws_read_array_begin(r, "a list of strings");
  size_t i = 0;
  for (; ws_read_array_next(r); i++) {
    ws_jr_path_push_index(r, i);
    read_header_string(r, h, name, name_len, WS_HEADER_LIST_ITEM);
    ws_jr_path_pop(r);
    if (r->status != WS_OK) {
      break;
    }
  }
  if (r->status == WS_OK && i == 0 &&
      push_entry(r, h, name, name_len, WS_HEADER_EMPTY_LIST) == NULL) {
    return ws_jr_fail_nomem(r);
  }
  return r->status;
}

ws_status ws_read_headers(ws_reader *r, ws_headers *out) {
  if (ws_read_object_begin(r, "a headers object") != WS_OK) {
    return r->status;
  }
  ws_headers read = {NULL, 0, 0, NULL};
  /* The names seen, to refuse one given twice: each name's first entry. */
  ws_key_index seen;
  ws_key_index_init(&seen);
  const char *key;
  size_t key_len;
  while (ws_read_object_next(r, &key, &key_len)) {
    ws_status added =
        ws_key_index_add(&seen, read.items, sizeof(ws_header), read.len, key,
                         key_len);
    if (added == WS_EDUPLICATE) {
      ws_jr_fail_duplicate_key(r, key, key_len);
      break;
    }
    if (added != WS_OK) {
      ws_jr_fail_nomem(r);
      break;
    }
    if (ws_jr_path_push_key(r, key, key_len) != WS_OK) {
      break;
    }
    read_header_values(r, &read);
    ws_jr_path_pop(r);
    if (r->status != WS_OK) {
      break;
    }
  }
  ws_key_index_free(&seen);
  if (r->status != WS_OK) {
    ws_headers_free(&read);
    return r->status;
  }
  read.items =
      ws_pool_fit(&r->pool, read.items, read.len, sizeof(ws_header), &read.cap);
  ws_headers_free(out);
  *out = read;
  return WS_OK;
}
