/* ws_check.c - UTF-8, header and constraint checks on values in memory (the
 * reader makes the same checks on its input itself). */
#include "ws_check.h"

#include <stdio.h>

#include "ws_float.h"
#include "ws_utf8.h"

ws_status ws_invalid_at(ws_error *err, ws_status code, const char *path) {
  if (err != NULL)
    snprintf(err->path, sizeof err->path, "%s", path);
  return code;
}

ws_status ws_utf8_check(const ws_str *s, const char *what, const char *path,
                        ws_error *err) {
  size_t bad_at = 0;
  if (ws_utf8_valid(s->ptr, s->len, &bad_at))
    return WS_OK;
  ws_error_set(err, WS_EUTF8,
               "%s%s is not valid UTF-8 (bad byte at offset %zu)", what, path,
               bad_at);
  return ws_invalid_at(err, WS_EUTF8, path);
}

ws_status ws_headers_check(const ws_headers *h, const char *path,
                           ws_error *err) {
  for (size_t i = 0; i < h->len; i++) {
    const ws_header *e = &h->items[i];
    ws_status st = ws_utf8_check(&e->name, "a name in ", path, err);
    if (st == WS_OK && !ws_utf8_valid(e->value.ptr, e->value.len, NULL)) {
      /* 200 + 40 + the brackets and quotes: below sizeof err->path */
      char at[256];
      snprintf(at, sizeof at, "%.200s[\"%.40s\"]", path, ws_str_c(&e->name));
      st = ws_utf8_check(&e->value, "", at, err);
    }
    if (st != WS_OK)
      return st;
  }
  return WS_OK;
}

ws_status ws_len_check(size_t len, uint64_t max, const char *path,
                       ws_error *err) {
  if ((uint64_t)len <= max)
    return WS_OK;
  ws_error_set(err, WS_ECONSTRAINT,
               "%s is %zu bytes, more than the %llu allowed (max_len %llu)",
               path, len, (unsigned long long)max, (unsigned long long)max);
  return ws_invalid_at(err, WS_ECONSTRAINT, path);
}

ws_status ws_range_check(int64_t v, int64_t min, int64_t max, const char *path,
                         ws_error *err) {
  if (v >= min && v <= max)
    return WS_OK;
  char range[48];
  ws_range_text_int(range, sizeof range, min, max);
  ws_error_set(err, WS_ERANGE, "%s is %lld, outside the range %s", path,
               (long long)v, range);
  return ws_invalid_at(err, WS_ERANGE, path);
}
