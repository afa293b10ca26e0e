/* ws_http.c - the [http] constraint (see ws_http.h). */
#include "ws_http.h"

#include <stdio.h>

#include "ws_check.h"
#include "ws_headers.h"

/* The first byte an HTTP/1.1 field value cannot hold, or len. */
static size_t first_non_field_byte(const char *s, size_t len) {
  size_t i = 0;
  while (i < len && ws_header_value_ok(ws_str_view(s + i, 1))) {
    i++;
  }
  return i;
}

static ws_status refuse_value(const ws_str *s, const char *path,
                              ws_error *err) {
  size_t at = first_non_field_byte(s->ptr, s->len);
  ws_error_set(err, WS_ECONSTRAINT,
               "%s has byte 0x%02X at offset %zu, which an HTTP/1.1 field "
               "value cannot hold (http)",
               path, (unsigned)(unsigned char)s->ptr[at], at);
  return ws_invalid_at(err, WS_ECONSTRAINT, path);
}

static ws_status check_str(const ws_str *s, const char *path, ws_error *err) {
  if (ws_header_value_ok(ws_str_view_of(s))) {
    return WS_OK;
  }
  return refuse_value(s, path, err);
}

static ws_status check_headers(const ws_headers *h, const char *path,
                               ws_error *err) {
  for (size_t i = 0; i < h->len; i++) {
    const ws_header *e = &h->items[i];
    if (!ws_header_name_ok(ws_str_view_of(&e->name))) {
      char quoted[64];
      ws_reader_quote(quoted, sizeof quoted, e->name.ptr, e->name.len);
      ws_error_set(err, WS_ECONSTRAINT,
                   "a name in %s is not an HTTP token: %s (http)", path,
                   quoted);
      return ws_invalid_at(err, WS_ECONSTRAINT, path);
    }
    if (!ws_header_value_ok(ws_str_view_of(&e->value))) {
      /* 200 + 40 + the brackets and quotes: below sizeof err->path */
      char at[256];
      snprintf(at, sizeof at, "%.200s[\"%.40s\"]", path, ws_str_c(&e->name));
      return refuse_value(&e->value, at, err);
    }
  }
  return WS_OK;
}

ws_status ws_http_check(const ws_kind *k, const void *v, const char *path,
                        ws_error *err) {
  if (k->tag == WS_KIND_HEADERS) {
    return check_headers(v, path, err);
  }
  return check_str(v, path, err);
}

ws_status ws_read_check_http(ws_reader *r, size_t at, const ws_kind *k,
                             const void *v) {
  char path[sizeof(((ws_error *)0)->path)];
  ws_error err;
  ws_reader_path(r, path, sizeof path);
  if (ws_http_check(k, v, path, &err) == WS_OK) {
    return WS_OK;
  }
  return ws_reader_fail_at(r, at, WS_ECONSTRAINT, "%s", err.msg);
}
