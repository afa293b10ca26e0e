/* ws_class.c - a class's cold paths, walked over its field table. */
#include "ws_class.h"

#include <stdio.h>
#include <string.h>

#include "ws_check.h"
#include "ws_kind_enum.h"

#include "internal/ws_aside.h"

static void *field_at(const ws_field_desc *fd, void *v) {
  return (char *)v + fd->offset;
}
static const void *field_at_c(const ws_field_desc *fd, const void *v) {
  return (const char *)v + fd->offset;
}

/* The class a tagged value says it is (NULL: none yet). */
static const ws_type *own_type(const void *v) {
  return *(const ws_type *const *)v;
}

/* ---- init ---------------------------------------------------------------- */

static ws_status set_default(const ws_field_desc *fd, void *v) {
  void *p = field_at(fd, v);
  const ws_kind *k = fd->kind;
  if (k->ops == &ws_opt_ops) {
    *(bool *)((char *)p + k->present_at) = true;
    p = (char *)p + k->value_at;
    k = k->elem;
  }
  if (k == &ws_int_kind) {
    *(int64_t *)p = fd->default_int;
  } else if (k == &ws_float_kind) {
    *(double *)p = fd->default_float;
  } else if (k == &ws_bool_kind) {
    *(bool *)p = fd->default_int != 0;
  } else if (k == &ws_str_kind) {
    return ws_str_set(p, fd->default_str, fd->default_len);
  } else if (k == &ws_bytes_kind) {
    return ws_bytes_set(p, fd->default_str, fd->default_len);
  } else if (ws_enum_of(k) != NULL) {
    ws_enum_set(ws_enum_of(k), p, (size_t)fd->default_int);
  }
  return WS_OK;
}

ws_status ws_class_init(const ws_type *t, void *v) {
  memset(v, 0, t->size);
  return ws_class_init_zeroed(t, v);
}

ws_status ws_class_init_zeroed(const ws_type *t, void *v) {
  ws_status st = WS_OK;
  if (t->flags & WS_TYPE_TAGGED)
    *(const ws_type **)v = t;
  const ws_field_desc *end = t->fields + t->field_count;
  for (const ws_field_desc *fd = t->fields; st == WS_OK && fd < end; fd++)
    if (fd->flags & WS_FIELD_DEFAULT)
      st = set_default(fd, v);
    else if (fd->kind->tag == WS_KIND_CLASS) /* a class value: its defaults */
      st = fd->kind->cls->init(fd->kind->cls, field_at(fd, v));
  if (st != WS_OK)
    ws_class_free(t, v);
  return st;
}

/* ---- free, copy, equal ------------------------------------------------------ */

void ws_class_free(const ws_type *t, void *v) {
  const ws_type *h = ws_class_handler(t, v);
  if (h != t) {
    if (h != NULL)
      h->free(h, v);
    return;
  }
  const ws_field_desc *end = t->fields + t->field_count;
  for (const ws_field_desc *fd = t->fields; fd < end; fd++)
    ws_kind_free(fd->kind, field_at(fd, v));
  /* each field is all-zero now; only the class a tagged value starts
   * with is left (a memset of t->size would cost a libc call) */
  if (t->flags & WS_TYPE_TAGGED)
    *(const ws_type **)v = NULL;
}

/* A deep copy of src, a value of class t, into dst, all-zero before; on
 * failure dst is all-zero again. */
static ws_status copy_fields(const ws_type *t, void *dst, const void *src) {
  ws_status st = WS_OK;
  if (t->flags & WS_TYPE_TAGGED)
    *(const ws_type **)dst = own_type(src);
  for (size_t i = 0; st == WS_OK && i < t->field_count; i++) {
    const ws_field_desc *fd = &t->fields[i];
    st = ws_kind_copy(fd->kind, field_at(fd, dst), field_at_c(fd, src));
  }
  if (st != WS_OK)
    ws_class_free(t, dst);
  return st;
}

/* The copy is made aside, in the room of src's own class h, then replaces
 * dst: dst is freed as a value of t (its own class may be another
 * subclass of t than src's). */
ws_status ws_class_copy(const ws_type *t, void *dst, const void *src) {
  const ws_type *h = ws_class_handler(t, src);
  size_t size = h != NULL ? h->size : t->size;
  ws_aside a;
  void *copy = ws_aside_room(&a, size);
  ws_status st = WS_OK;
  if (copy == NULL)
    return WS_ENOMEM;
  memset(copy, 0, size);
  if (h != NULL)
    st = copy_fields(h, copy, src);
  if (st != WS_OK) {
    ws_aside_release(&a);
    return st;
  }
  ws_class_free(t, dst);
  ws_aside_move(&a, dst, size);
  return WS_OK;
}

bool ws_class_equal(const ws_type *t, const void *a, const void *b) {
  if (t->flags & WS_TYPE_DISPATCHES) {
    const ws_type *h = ws_class_handler(t, a);
    if (own_type(a) != own_type(b))
      return false;
    if (h != t)
      return h == NULL || h->equal(h, a, b);
  }
  for (size_t i = 0; i < t->field_count; i++) {
    const ws_field_desc *fd = &t->fields[i];
    if (!ws_kind_equal(fd->kind, field_at_c(fd, a), field_at_c(fd, b)))
      return false;
  }
  return true;
}

/* ---- validate ---------------------------------------------------------------- */

/* "$.name", cut to what ws_error.path holds. */
static void field_path(char *out, size_t size, const ws_field_desc *fd) {
  snprintf(out, size, "$.%s", fd->name);
}

ws_status ws_class_check_text(const ws_type *t, const void *v, ws_error *err) {
  char path[sizeof(((ws_error *)0)->path)];
  for (size_t i = 0; i < t->field_count; i++) {
    const ws_field_desc *fd = &t->fields[i];
    const void *p = field_at_c(fd, v);
    if (!ws_kind_has_text(fd->kind) ||
        ws_kind_check(fd->kind, p, "$", NULL) == WS_OK)
      continue;
    field_path(path, sizeof path, fd);
    return ws_kind_check(fd->kind, p, path, err);
  }
  return WS_OK;
}

ws_status ws_class_check_finite(const ws_type *t, const void *v,
                                ws_error *err) {
  char path[sizeof(((ws_error *)0)->path)];
  for (size_t i = 0; i < t->field_count; i++) {
    const ws_field_desc *fd = &t->fields[i];
    const void *p = field_at_c(fd, v);
    if (ws_kind_check_finite(fd->kind, p, "$", NULL) == WS_OK)
      continue;
    field_path(path, sizeof path, fd);
    return ws_kind_check_finite(fd->kind, p, path, err);
  }
  return WS_OK;
}

/* The walk that checks the constraints of a class value held in another
 * (ws_kind_class.c), from the root: the same checks in the same order,
 * each path made only for a check that fails. */
ws_status ws_class_check_constraints(const ws_type *t, const void *v,
                                     ws_error *err) {
  return ws_class_check_nested_in(t, v, "$", err);
}

ws_status ws_class_validate(const ws_type *t, const void *v, ws_error *err) {
  const ws_type *h = ws_class_handler(t, v);
  ws_status st;
  if (h != t)
    return h == NULL ? WS_OK : h->validate(h, v, err);
  st = ws_class_check_depth(t, v, err);
  if (st == WS_OK)
    st = ws_class_check_text(t, v, err);
  if (st == WS_OK)
    st = ws_class_check_constraints(t, v, err);
  return st;
}

/* ---- messages ------------------------------------------------------------------ */

void ws_class_field_names(const ws_type *t, char *out, size_t size) {
  size_t n = 0;
  if (t->field_count == 0)
    snprintf(out, size, "%s has no fields", t->name);
  else
    n = (size_t)snprintf(out, size, "%s has: ", t->name);
  for (size_t i = 0; i < t->field_count && n < size; i++)
    n += (size_t)snprintf(out + n, size - n, "%s%s", i > 0 ? ", " : "",
                          t->fields[i].name);
}

/* ws_class_pv is in ws_encode.c, where str() inlines it. */
