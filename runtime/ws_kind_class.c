/* ws_kind_class.c - the kind of a field or element that holds a value of a
 * class in place (WS_KIND_CLASS): its operations are the class's own,
 * through the descriptor the kind names, and the walks that find the class
 * values held anywhere in a value (validate's and encode's constraint
 * checks descend into them). */
#include <stdint.h>
#include <stdio.h>

#include "ws_alloc.h"
#include "ws_check.h"
#include "ws_class.h"
#include "ws_constraint.h"
#include "ws_float.h"
#include "ws_http.h"
#include "ws_kind.h"
#include "internal/ws_json_read_parts.h"

/* Field paths nest: "$.authors[0].name". As for elements (ws_kind.c), the
 * parent's path is kept to 200 bytes, which leaves room below
 * sizeof(ws_error.path) for a field name of up to 255 bytes cut short. */
typedef char field_path[256];

static void put_field_path(field_path out, const char *path,
                           const ws_field_desc *fd) {
  snprintf(out, sizeof(field_path), "%.200s.%s", path, fd->name);
}

static const void *field_at(const ws_field_desc *fd, const void *v) {
  return (const char *)v + fd->offset;
}

/* ---- depth -------------------------------------------------------------- */

static size_t class_depth(const ws_type *t, const void *v, size_t room);

/* NO_FIXED_DEPTH, or how deep the JSON of every value of kind k nests
 * whatever it holds: 0 for a number, text or enum (or a T? of one), one
 * more than its deepest field for a class whose fields are all of that
 * kind, held in place. A list of them (a list of price levels) then costs
 * one look at the element's class, not a walk over every element. */
#define NO_FIXED_DEPTH SIZE_MAX

static size_t class_fixed_depth(const ws_type *t);

static size_t kind_fixed_depth(const ws_kind *k) {
  switch (k->tag) {
  case WS_KIND_CLASS:
    return class_fixed_depth(k->cls);
  case WS_KIND_OPT:
    return kind_fixed_depth(k->elem) == 0 ? 0 : NO_FIXED_DEPTH;
  case WS_KIND_HEADERS:
  case WS_KIND_LIST:
  case WS_KIND_MAP:
  case WS_KIND_REF:
    return NO_FIXED_DEPTH;
  default:
    return 0;
  }
}

/* A class held in place never holds itself in place: this ends. */
static size_t class_fixed_depth(const ws_type *t) {
  size_t deepest = 0;
  for (size_t i = 0; i < t->field_count; i++) {
    size_t d = kind_fixed_depth(t->fields[i].kind);
    if (d == NO_FIXED_DEPTH)
      return d;
    if (d > deepest)
      deepest = d;
  }
  return 1 + deepest;
}

/* d, or room + 1 once that is more than room. */
static size_t within(size_t d, size_t room) {
  return d <= room ? d : room + 1;
}

/* How deep the JSON of *v (of kind k) nests (an object or array is one
 * level; headers count as two, for the lists their values may be), or
 * room + 1 once that is more than room: the walk goes no deeper than
 * that, so a value linked by hand without end costs a bounded stack. */
size_t ws_kind_depth(const ws_kind *k, const void *v, size_t room) {
  size_t n, deepest = 0, fixed;
  switch (k->tag) {
  case WS_KIND_HEADERS:
    return ((const ws_headers *)v)->len > 0 ? 2 : 1;
  case WS_KIND_OPT:
    if (!*(const bool *)((const char *)v + k->present_at))
      return 0;
    return ws_kind_depth(k->elem, (const char *)v + k->value_at, room);
  case WS_KIND_CLASS:
    return class_depth(k->cls, v, room);
  case WS_KIND_REF:
    memcpy(&v, v, sizeof v);
    if (v == NULL)
      return 0;
    return class_depth(ws_class_handler(k->cls, v), v, room);
  case WS_KIND_LIST:
  case WS_KIND_MAP:
    if (room == 0)
      return 1;
    memcpy(&n, (const char *)v + k->len_at, sizeof n);
    if (n > 0 && (fixed = kind_fixed_depth(k->elem)) != NO_FIXED_DEPTH)
      return 1 + within(fixed, room - 1);
    for (size_t i = 0; i < n && deepest < room; i++) {
      size_t d = ws_kind_depth(k->elem, ws_kind_item(k, v, k->items_at, i),
                               room - 1);
      if (d > deepest)
        deepest = d;
    }
    return 1 + deepest;
  default:
    return 0;
  }
}

static size_t class_depth(const ws_type *t, const void *v, size_t room) {
  size_t deepest = 0, fixed;
  if (t == NULL)
    return 0;
  if (room == 0)
    return 1;
  if ((fixed = class_fixed_depth(t)) != NO_FIXED_DEPTH)
    return within(fixed, room);
  for (size_t i = 0; i < t->field_count && deepest < room; i++) {
    const ws_field_desc *fd = &t->fields[i];
    size_t d = ws_kind_depth(fd->kind, field_at(fd, v), room - 1);
    if (d > deepest)
      deepest = d;
  }
  return 1 + deepest;
}

ws_status ws_class_check_depth(const ws_type *t, const void *v,
                               ws_error *err) {
  bool nested = false;
  for (size_t i = 0; i < t->field_count; i++)
    nested |= (t->fields[i].flags & WS_FIELD_NESTED) != 0;
  if (!nested || class_depth(ws_class_handler(t, v), v, WS_JSON_MAX_DEPTH) <=
                     WS_JSON_MAX_DEPTH)
    return WS_OK;
  ws_error_set(err, WS_EDEPTH, "$ nests deeper than %d levels",
               WS_JSON_MAX_DEPTH);
  if (err != NULL)
    snprintf(err->path, sizeof err->path, "$");
  return WS_EDEPTH;
}

/* ---- the operations ------------------------------------------------------ */

static void class_free(const ws_kind *k, void *v) {
  k->cls->free(k->cls, v);
}

/* A value nested deeper than the reader takes is not copied: the values
 * the API builds (every element and field goes in as a copy) stay within
 * a few levels of what decode can make, and every walk over them within a
 * bounded stack. */
static ws_status class_copy(const ws_kind *k, void *dst, const void *src) {
  if (class_depth(k->cls, src, WS_JSON_MAX_DEPTH) > WS_JSON_MAX_DEPTH) {
    memset(dst, 0, k->cls->size);
    return WS_EDEPTH;
  }
  return k->cls->copy(k->cls, dst, src);
}

static bool class_equal(const ws_kind *k, const void *a, const void *b) {
  return k->cls->equal(k->cls, a, b);
}

/* The UTF-8 of every text in the value, field by field, each named from
 * path; the first bad one is reported. */
ws_status ws_class_check_text_in(const ws_type *t, const void *v,
                                 const char *path, ws_error *err) {
  field_path at;
  for (size_t i = 0; i < t->field_count; i++) {
    const ws_field_desc *fd = &t->fields[i];
    const void *p = field_at(fd, v);
    if (!ws_kind_has_text(fd->kind) ||
        ws_kind_check(fd->kind, p, path, NULL) == WS_OK)
      continue;
    put_field_path(at, path, fd);
    return ws_kind_check(fd->kind, p, at, err);
  }
  return WS_OK;
}

static ws_status class_check(const ws_kind *k, const void *v, const char *path,
                             ws_error *err) {
  return ws_class_check_text_in(k->cls, v, path, err);
}

static void class_pv(const ws_kind *k, const void *v, ws_pv *out) {
  ws_class_pv(k->cls, v, out);
}

/* A class value is read into a slot that is empty or holds the class's
 * init value (a field of a value init prepared): made the init value
 * afresh, then read as the class reads an object. */
static ws_status class_read(const ws_kind *k, ws_reader *r, void *v) {
  const ws_type *t = k->cls;
  t->free(t, v);
  if (t->init(t, v) != WS_OK)
    return ws_reader_fail(r, WS_ENOMEM, "out of memory");
  return t->read(t, r, v);
}

const ws_kind_ops ws_class_kind_ops = {class_free,  class_copy, class_equal,
                                       class_check, class_pv,   class_read};

/* ---- constraints of the class values a value holds ------------------------- */

bool ws_kind_holds_class(const ws_kind *k) {
  if (k->tag == WS_KIND_CLASS || k->tag == WS_KIND_REF)
    return true;
  if (k->tag == WS_KIND_OPT || k->tag == WS_KIND_LIST ||
      k->tag == WS_KIND_MAP)
    return ws_kind_holds_class(k->elem);
  return false;
}

/* The checks below run twice when one fails, and only then: first
 * quietly, with no error to fill and no path to name it, which is all a
 * valid value costs (making "$.levels[299].price" for every value checked
 * took most of an encode); then, for the one field or element that failed,
 * again with its path made and err to fill, so that the message and path
 * are what a single walk would have given. */

/* One field's own constraints (a T? only when present), then those of the
 * class values it holds; at names the field. */
static ws_status check_field_at(const ws_field_desc *fd, const void *v,
                                const char *at, ws_error *err) {
  const void *p = field_at(fd, v);
  const ws_kind *k = fd->kind;
  ws_status st = WS_OK;
  if (ws_field_has_more(fd))
    st = ws_field_check_more(fd, p, at, err);
  if (st == WS_OK && (fd->has_max_len || fd->has_range || fd->http)) {
    const void *value = ws_kind_value(&k, p);
    if (value != NULL && fd->has_max_len)
      st = ws_len_check(ws_kind_text_len(k, value), fd->max_len, at, err);
    /* a value in range (nearly every one) costs a comparison, not a call */
    if (value != NULL && st == WS_OK && fd->has_range && k == &ws_float_kind) {
      double x = *(const double *)value;
      if (!(x >= fd->fmin && x <= fd->fmax))
        st = ws_float_range_check(x, fd->fmin, fd->fmax, at, err);
    } else if (value != NULL && st == WS_OK && fd->has_range) {
      int64_t x = *(const int64_t *)value;
      if (x < fd->min || x > fd->max)
        st = ws_range_check(x, fd->min, fd->max, at, err);
    }
    if (value != NULL && st == WS_OK && fd->http)
      st = ws_http_check(k, value, at, err);
  }
  if (st == WS_OK && (fd->flags & WS_FIELD_NESTED))
    st = ws_kind_check_nested(fd->kind, p, at, err);
  return st;
}

static ws_status check_field(const ws_field_desc *fd, const void *v,
                             const char *path, ws_error *err) {
  field_path at;
  ws_status st = check_field_at(fd, v, "", NULL);
  if (st == WS_OK || err == NULL)
    return st;
  put_field_path(at, path, fd);
  return check_field_at(fd, v, at, err);
}

ws_status ws_class_check_nested_in(const ws_type *t, const void *v,
                                   const char *path, ws_error *err) {
  ws_status st = WS_OK;
  for (size_t i = 0; st == WS_OK && i < t->field_count; i++) {
    const ws_field_desc *fd = &t->fields[i];
    if (fd->has_max_len || fd->has_range || fd->http ||
        ws_field_has_more(fd) || (fd->flags & WS_FIELD_NESTED))
      st = check_field(fd, v, path, err);
  }
  return st;
}

/* Element i of list or map v, named from path: $.xs[3] or $.m["key"]. */
static ws_status check_item(const ws_kind *k, const void *v, size_t i,
                            const char *path, ws_error *err) {
  char at[256];
  const void *e = ws_kind_item(k, v, k->items_at, i);
  ws_status st = ws_kind_check_nested(k->elem, e, "", NULL);
  const char *key;
  size_t key_len;
  if (st == WS_OK || err == NULL)
    return st;
  if (k->tag == WS_KIND_MAP) {
    ws_map_key(k, v, i, &key, &key_len);
    snprintf(at, sizeof at, "%.200s[\"%.40s\"]", path, key);
  } else {
    snprintf(at, sizeof at, "%.200s[%zu]", path, i);
  }
  return ws_kind_check_nested(k->elem, e, at, err);
}

ws_status ws_kind_check_nested(const ws_kind *k, const void *v,
                               const char *path, ws_error *err) {
  ws_status st = WS_OK;
  size_t n;
  switch (k->tag) {
  case WS_KIND_CLASS:
    return ws_class_check_nested_in(k->cls, v, path, err);
  case WS_KIND_REF:
    return ws_ref_check_nested(k, v, path, err);
  case WS_KIND_OPT:
    if (!*(const bool *)((const char *)v + k->present_at))
      return WS_OK;
    return ws_kind_check_nested(k->elem, (const char *)v + k->value_at, path,
                                err);
  case WS_KIND_LIST:
  case WS_KIND_MAP:
    memcpy(&n, (const char *)v + k->len_at, sizeof n);
    for (size_t i = 0; st == WS_OK && i < n; i++)
      st = check_item(k, v, i, path, err);
    return st;
  default:
    return WS_OK;
  }
}
