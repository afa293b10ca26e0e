/* ws_kind_float.c - the float kind: a C double that prints, writes and
 * compares as a Python float, its range checks, and the walk that finds a
 * value JSON cannot carry (NaN or an infinity) when an encode refused one. */
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "ws_check.h"
#include "ws_float.h"
#include "ws_kind.h"

/* ---- the kind ----------------------------------------------------------------- */

static void float_free(const ws_kind *k, void *v) {
  (void)k;
  *(double *)v = 0.0;
}
static ws_status float_copy(const ws_kind *k, void *dst, const void *src) {
  (void)k;
  *(double *)dst = *(const double *)src;
  return WS_OK;
}
/* Equal as Python's ==, except that NaN equals NaN: a copy is equal to
 * what it copies (and 0.0 == -0.0, as in Python). */
static bool float_equal(const ws_kind *k, const void *a, const void *b) {
  double x = *(const double *)a, y = *(const double *)b;
  (void)k;
  return x == y || (isnan(x) && isnan(y));
}
static void float_pv(const ws_kind *k, const void *v, ws_pv *out) {
  (void)k;
  *out = ws_pv_none();
  out->kind = WS_PV_FLOAT;
  out->f = *(const double *)v;
}

static const ws_kind_ops float_ops = {float_free, float_copy, float_equal,
                                      NULL,       float_pv,   ws_float_read};

const ws_kind ws_float_kind = {
    &float_ops, WS_KIND_FLOAT, "float", sizeof(double), true, NULL, 0, 0, 0, 0,
    0,          0,             NULL,    NULL, NULL, false, NULL, 0};

/* ---- JSON ---------------------------------------------------------------------- */

void ws_json_put_float(ws_buf *b, double v) {
  char text[WS_FLOAT_REPR_MAX];
  if (!isfinite(v)) {
    ws_buf_fail(b, WS_ERANGE);
    return;
  }
  ws_buf_put(b, text, ws_float_repr(v, text));
}

/* ---- ranges ---------------------------------------------------------------------- */

ws_status ws_float_range_check(double v, double min, double max,
                               const char *path, ws_error *err) {
  char shown[WS_FLOAT_REPR_MAX], range[2 * WS_FLOAT_REPR_MAX + 4];
  if (v >= min && v <= max)
    return WS_OK;
  ws_float_repr(v, shown);
  ws_range_text_float(range, sizeof range, min, max);
  ws_error_set(err, WS_ERANGE, "%s is %s, outside the range %s", path, shown,
               range);
  return ws_invalid_at(err, WS_ERANGE, path);
}

/* ---- a value JSON cannot carry ---------------------------------------------------- */

static ws_status not_finite(double v, const char *path, ws_error *err) {
  char shown[WS_FLOAT_REPR_MAX];
  ws_float_repr(v, shown);
  ws_error_set(err, WS_ERANGE,
               "%s is %s: JSON has no NaN or infinity (a float must be finite "
               "to be written as JSON)",
               path, shown);
  return ws_invalid_at(err, WS_ERANGE, path);
}

static bool holds_float(const ws_kind *k) {
  while (k->elem != NULL)
    k = k->elem;
  return k->tag == WS_KIND_FLOAT;
}

ws_status ws_kind_check_finite(const ws_kind *k, const void *v,
                               const char *path, ws_error *err) {
  char at[256]; /* 200 + 40 + brackets and quotes: below sizeof err->path */
  const char *items;
  size_t len;
  if (!holds_float(k))
    return WS_OK;
  if (k->tag == WS_KIND_FLOAT)
    return isfinite(*(const double *)v) ? WS_OK
                                        : not_finite(*(const double *)v, path,
                                                     err);
  if (k->tag == WS_KIND_OPT) {
    if (!*(const bool *)((const char *)v + k->present_at))
      return WS_OK;
    return ws_kind_check_finite(k->elem, (const char *)v + k->value_at, path,
                                err);
  }
  memcpy(&len, (const char *)v + k->len_at, sizeof len);
  memcpy(&items, (const char *)v + k->items_at, sizeof items);
  for (size_t i = 0; i < len; i++) {
    const void *e = items + i * k->elem->size;
    if (ws_kind_check_finite(k->elem, e, path, NULL) == WS_OK)
      continue;
    if (k->tag == WS_KIND_MAP) {
      const ws_str *keys;
      memcpy(&keys, (const char *)v + k->keys_at, sizeof keys);
      snprintf(at, sizeof at, "%.200s[\"%.40s\"]", path, ws_str_c(&keys[i]));
    } else {
      snprintf(at, sizeof at, "%.200s[%zu]", path, i);
    }
    return ws_kind_check_finite(k->elem, e, at, err);
  }
  return WS_OK;
}
