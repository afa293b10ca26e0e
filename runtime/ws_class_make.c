/* ws_class_make.c - a class's _make over its field table: the defaults,
 * then each required field from the caller's arguments, built aside and
 * then moved over the target (the one fill rule, docs/generated-api.md,
 * "Ownership"). */
#include <string.h>

#include "ws_class.h"
#include "internal/ws_aside.h"

/* The field at p, of kind k, from its argument: a view for text, else a
 * value of the kind. p is empty (a required field has no default). */
static ws_status fill(const ws_kind *k, void *p, const void *arg) {
  if (k == &ws_str_kind)
    return ws_str_set_view(p, *(const ws_strview *)arg);
  if (k == &ws_bytes_kind)
    return ws_bytes_set_view(p, *(const ws_bytesview *)arg);
  return ws_kind_copy(k, p, arg);
}

/* A T? from NULL (None) or what T takes. */
static ws_status fill_field(const ws_kind *k, void *p, const void *arg) {
  if (k->ops != &ws_opt_ops)
    return fill(k, p, arg);
  if (arg == NULL)
    return WS_OK;
  *(bool *)((char *)p + k->present_at) = true;
  return fill(k->elem, (char *)p + k->value_at, arg);
}

static ws_status make_fresh(const ws_type *t, void *v,
                            const void *const *args) {
  ws_status st = ws_class_init(t, v);
  for (size_t i = 0; st == WS_OK && i < t->field_count; i++) {
    const ws_field_desc *fd = &t->fields[i];
    if (fd->flags & WS_FIELD_REQUIRED)
      st = fill_field(fd->kind, (char *)v + fd->offset, *args++);
  }
  if (st != WS_OK)
    ws_class_free(t, v);
  return st;
}

ws_status ws_class_make(const ws_type *t, void *v, const void *const *args) {
  ws_aside a;
  void *fresh = ws_aside_room(&a, t->size);
  ws_status st;
  if (fresh == NULL)
    return WS_ENOMEM;
  st = make_fresh(t, fresh, args);
  if (st != WS_OK) {
    ws_aside_release(&a);
    return st;
  }
  ws_class_free(t, v);
  ws_aside_move(&a, v, t->size);
  return WS_OK;
}
