/* ws_read_refuse.c - the refusals of class readers. Each formats the
 * current path into a buffer of ws_error.path's size: a longer path could
 * not be kept in the error record anyway. */
#include "ws_read_refuse.h"

#include "ws_float.h"

enum { PATH_MAX_BYTES = sizeof(((ws_error *)0)->path), QUOTED_BYTES = 64 };

void ws_read_refuse_null(ws_reader *r, const char *type) {
  char path[PATH_MAX_BYTES];
  ws_reader_path(r, path, sizeof path);
  ws_reader_fail(r, WS_ETYPE, "null is not allowed for %s (%s)", path, type);
}

ws_status ws_read_duplicate_key(ws_reader *r, const char *key, size_t len) {
  char path[PATH_MAX_BYTES], quoted[QUOTED_BYTES];
  ws_reader_path(r, path, sizeof path);
  ws_reader_quote(quoted, sizeof quoted, key, len);
  return ws_reader_fail_at(r, ws_reader_key_offset(r), WS_EDUPLICATE,
                           "duplicate key %s in %s", quoted, path);
}

ws_status ws_read_unknown_field(ws_reader *r, const char *key, size_t len,
                                const char *known) {
  char path[PATH_MAX_BYTES], quoted[QUOTED_BYTES];
  if (r->opts.skip_unknown) {
    if (ws_path_push_key(r, key, len) != WS_OK || ws_read_skip(r) != WS_OK)
      return r->status;
    ws_path_pop(r);
    return WS_OK;
  }
  ws_reader_path(r, path, sizeof path);
  ws_reader_quote(quoted, sizeof quoted, key, len);
  return ws_reader_fail_at(r, ws_reader_key_offset(r), WS_EUNKNOWN,
                           "unknown field %s in %s (%s)", quoted, path, known);
}

ws_status ws_read_missing_field(ws_reader *r, size_t at, const char *type,
                                const char *name) {
  char path[PATH_MAX_BYTES];
  ws_reader_path(r, path, sizeof path);
  return ws_reader_fail_at(r, at, WS_EMISSING,
                           "missing required field \"%s\" in %s (%s)", name,
                           path, type);
}

ws_status ws_read_check_max_len(ws_reader *r, size_t at, size_t len,
                                uint64_t max) {
  char path[PATH_MAX_BYTES];
  if (len <= max)
    return WS_OK;
  ws_reader_path(r, path, sizeof path);
  return ws_reader_fail_at(
      r, at, WS_ECONSTRAINT,
      "%s is %zu bytes, more than the %llu allowed (max_len %llu)", path, len,
      (unsigned long long)max, (unsigned long long)max);
}

ws_status ws_read_check_range(ws_reader *r, size_t at, int64_t v, int64_t min,
                              int64_t max) {
  char path[PATH_MAX_BYTES], range[48];
  if (v >= min && v <= max)
    return WS_OK;
  ws_reader_path(r, path, sizeof path);
  ws_range_text_int(range, sizeof range, min, max);
  return ws_reader_fail_at(
      r, at, WS_ERANGE, "%s is %lld, %s %lld (range %s)", path, (long long)v,
      v < min ? "less than the minimum" : "more than the maximum",
      (long long)(v < min ? min : max), range);
}
