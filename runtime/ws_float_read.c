/* ws_float_read.c - a JSON number read into a double, as Python's json
 * module and float() read it, with the reader's messages. */
#include <math.h>
#include <stdint.h>

#include "ws_float.h"
#include "ws_kind.h"
#include "internal/ws_json_read_parts.h"

/* Why the number at [at, end) is no double: it is too large. */
static ws_status fail_too_large(ws_reader *r, const char *at,
                                const char *end) {
  char path[sizeof r->err->path];
  size_t len = (size_t)(end - at);
  ws_reader_path(r, path, sizeof path);
  return ws_jr_fail(r, WS_ERANGE, at,
                    "number %.*s%s is out of range for %s (float): it is "
                    "larger than the largest double, 1.7976931348623157e+308",
                    (int)(len > 40 ? 40 : len), at, len > 40 ? "..." : "",
                    path);
}

ws_status ws_read_float(ws_reader *r, double *out) {
  const char *at, *num_end = NULL;
  bool frac = false;
  if (r->status != WS_OK)
    return r->status;
  skip_ws(r);
  if (ws_jr_token_kind(r->p, r->end) != WS_TOKEN_NUMBER)
    return ws_jr_fail_expected(r, "a number", true);
  at = r->p;
  if (ws_jr_check_number(r, at, &frac, &num_end) != WS_OK)
    return r->status;
  switch (ws_float_parse(at, (size_t)(num_end - at), out)) {
  case WS_FLOAT_OK:
    r->p = num_end;
    return WS_OK;
  case WS_FLOAT_OVERFLOW:
    return fail_too_large(r, at, num_end);
  default: /* the grammar was checked above */
    return ws_jr_fail_number(r, at, "it is not a number");
  }
}

ws_status ws_float_read(const ws_kind *k, ws_reader *r, void *v) {
  (void)k;
  return ws_read_float(r, v);
}

ws_status ws_read_check_float_range(ws_reader *r, size_t at, double v,
                                    double min, double max) {
  char path[sizeof r->err->path], range[2 * WS_FLOAT_REPR_MAX + 4];
  char shown[WS_FLOAT_REPR_MAX], bound[WS_FLOAT_REPR_MAX];
  if (v >= min && v <= max)
    return WS_OK;
  ws_reader_path(r, path, sizeof path);
  ws_float_repr(v, shown);
  ws_float_repr(v < min ? min : max, bound);
  ws_range_text_float(range, sizeof range, min, max);
  return ws_reader_fail_at(r, at, WS_ERANGE, "%s is %s, %s %s (range %s)", path,
                           shown,
                           v < min ? "less than the minimum"
                                   : "more than the maximum",
                           bound, range);
}
