/* ws_headers_read.c - a JSON headers object into a ws_headers.
 *
 * A headers object maps a name to a string or to a list of strings; each
 * string becomes one entry, in order, and an empty list one entry that
 * says so. The reader knows JSON; this file knows what a headers object
 * is, and builds one with the reader's calls. */
#include "ws_headers.h"

#include "ws_keyset.h"

#include "internal/ws_headers_entries.h"
#include "internal/ws_json_read_parts.h"

/* One header value string at r->p, added as an entry of the given shape.
 * The object's names are distinct (a repeated one is refused), so the
 * entry is appended without looking for others of its name. */
static ws_status read_header_string(ws_reader *r, ws_headers *h,
                                    const char *name, size_t name_len,
                                    ws_header_shape shape) {
  if (!expect_start(r, '"', "a string")) {
    return r->status;
  }
  str_span s;
  if (check_string(r, &s) != WS_OK) {
    return r->status;
  }
  const char *value = string_text(r, &s, &r->valbuf, &r->valbuf_cap);
  if (!value) {
    return ws_jr_fail(r, WS_ENOMEM, s.at, "out of memory");
  }
  if (ws_headers_append_entry(h, ws_str_view(name, name_len),
                              ws_str_view(value, s.len), shape) != WS_OK) {
    return ws_jr_fail_nomem(r);
  }
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
      ws_headers_append_entry(h, ws_str_view(name, name_len),
                              ws_str_view(NULL, 0),
                              WS_HEADER_EMPTY_LIST) != WS_OK) {
    return ws_jr_fail_nomem(r);
  }
  return r->status;
}

ws_status ws_read_headers(ws_reader *r, ws_headers *out) {
  if (ws_read_object_begin(r, "a headers object") != WS_OK) {
    return r->status;
  }
  ws_headers read = {NULL, 0, 0};
  /* The names seen, to refuse one given twice. */
  ws_keyset seen;
  ws_keyset_init(&seen);
  const char *key;
  size_t key_len;
  while (ws_read_object_next(r, &key, &key_len)) {
    ws_status added = ws_jr_keyset_add(&seen, r, key, key_len);
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
  ws_keyset_free(&seen);
  if (r->status != WS_OK) {
    ws_headers_free(&read);
    return r->status;
  }
  ws_headers_free(out);
  *out = read;
  return WS_OK;
}
