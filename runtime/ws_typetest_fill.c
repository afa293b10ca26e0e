/* ws_typetest_fill.c - test values for a whole class value, made by walking
 * its descriptor (ws_typetest_fill_class in ws_typetest.h): each field gets
 * the sample of its kind, or for a field with a constraint a sample that
 * keeps it, and containers, nullables, enums and class values are filled
 * through their kinds. Being data-driven, it fills a class of any module
 * the same way, including classes an importing module holds in its fields.
 *
 * A class that holds itself through a list, a map or a pointer would be
 * filled without end: two levels of held class values are filled, deeper
 * ones keep their init value. */
#include <stdlib.h>
#include <string.h>

#include "ws_class.h"
#include "ws_kind_enum.h"
#include "ws_typetest.h"

/* How deep the fills of held class values nest (the suite is one thread). */
static int class_fill_depth;

static void fill_kind(const ws_kind *k, void *v, int variant, ws_status *st);

/* How many lists and maps nest in a value of kind k (a nullable adds
 * none). */
static unsigned container_depth(const ws_kind *k) {
  unsigned depth = 0;
  for (; k->tag == WS_KIND_OPT || k->tag == WS_KIND_LIST ||
         k->tag == WS_KIND_MAP;
       k = k->elem)
    depth += k->tag != WS_KIND_OPT;
  return depth;
}

/* Adds item, a value of k's element kind, to the list or map v. */
static ws_status add_item(const ws_kind *k, void *v, int variant,
                          const void *item) {
  const ws_kind *e = k->elem;
  if (k->tag == WS_KIND_MAP) {
    ws_strview key = ws_typetest_key(variant);
    return e->tag == WS_KIND_REF
               ? ws_map_set_ref(k, v, key, *(void *const *)item)
               : ws_map_set(k, v, key, item);
  }
  return e->tag == WS_KIND_REF ? ws_list_append_ref(k, v, *(void *const *)item)
                               : ws_list_append(k, v, item);
}

/* Elements built one by one and added (the container copies): two, so that
 * order and separators are exercised, where the elements hold at most one
 * more level of containers; one further out, so that a test value grows
 * with the nesting depth, not exponentially (the allocation sweep runs
 * the whole value once per allocation). */
static void fill_items(const ws_kind *k, void *v, int variant, ws_status *st) {
  int count = container_depth(k->elem) >= 2 ? 1 : 2;
  for (int i = 0; i < count && *st == WS_OK; i++) {
    void *item = calloc(1, k->elem->size);
    if (item == NULL) {
      *st = WS_ENOMEM;
      return;
    }
    fill_kind(k->elem, item, variant + i, st);
    if (*st == WS_OK)
      *st = add_item(k, v, variant + i, item);
    ws_kind_free(k->elem, item);
    free(item);
  }
}

/* A class value's own fill, one level deeper, with field 0 flipped by
 * variant so that two variants differ. */
static void fill_nested(const ws_type *t, void *v, int variant,
                        ws_status *st) {
  ws_typetest_fill how = {false, variant % 2 ? 0 : WS_TYPETEST_NO_FLIP};
  if (*st != WS_OK || class_fill_depth >= 2)
    return;
  class_fill_depth++;
  *st = ws_typetest_fill_class(t, v, &how);
  class_fill_depth--;
}

/* A class value in place: its init value (the slot may hold one already,
 * a field of a value init made), then filled. */
static void fill_in_place(const ws_type *t, void *v, int variant,
                          ws_status *st) {
  t->free(t, v);
  if (*st == WS_OK)
    *st = t->init(t, v);
  fill_nested(t, v, variant, st);
}

/* A class value through a pointer: one of the classes the kind allows (by
 * variant), made and filled, then copied in as the kind's set does. */
static void fill_ref(const ws_kind *k, void *slot, int variant,
                     ws_status *st) {
  const ws_type *t = k->cls;
  void *item;
  if (k->classes != NULL) {
    size_t n = 0;
    while (k->classes[n] != NULL)
      n++;
    t = k->classes[(size_t)variant % n];
  }
  if (*st != WS_OK)
    return;
  item = calloc(1, t->size);
  *st = item == NULL ? WS_ENOMEM : t->init(t, item);
  fill_nested(t, item, variant, st);
  if (*st == WS_OK)
    *st = ws_ref_set(k, slot, item);
  if (item != NULL)
    t->free(t, item);
  free(item);
}

/* The usual sample of kind k, by variant. */
static void fill_kind(const ws_kind *k, void *v, int variant, ws_status *st) {
  const ws_enum_kind *e = ws_enum_of(k);
  if (e != NULL) {
    ws_enum_set(e, v, (size_t)variant % e->count);
    return;
  }
  switch (k->tag) {
  case WS_KIND_STR: ws_typetest_str(v, variant, st); break;
  case WS_KIND_BYTES: ws_typetest_bytes(v, variant, st); break;
  case WS_KIND_INT: ws_typetest_int(v, variant, st); break;
  case WS_KIND_BOOL: ws_typetest_bool(v, variant, st); break;
  case WS_KIND_HEADERS: ws_typetest_headers(v, variant, st); break;
  case WS_KIND_FLOAT: ws_typetest_float(v, variant, st); break;
  case WS_KIND_OPT:
    *(bool *)((char *)v + k->present_at) = true;
    fill_kind(k->elem, (char *)v + k->value_at, variant, st);
    break;
  case WS_KIND_LIST:
  case WS_KIND_MAP: fill_items(k, v, variant, st); break;
  case WS_KIND_CLASS: fill_in_place(k->cls, v, variant, st); break;
  case WS_KIND_REF: fill_ref(k, v, variant, st); break;
  default: break; /* a kind known only by its operations keeps its value */
  }
}

/* Whether the runtime picks field fd's sample to keep its constraints: a
 * max_len, a range, or [http] on a str (the usual samples hold a newline).
 * Headers with [http] take the usual fill, whose names and values fit. */
static bool fill_is_constrained(const ws_field_desc *fd) {
  const ws_kind *k = fd->kind->tag == WS_KIND_OPT ? fd->kind->elem : fd->kind;
  return fd->has_max_len || fd->has_range ||
         (fd->http && k->tag == WS_KIND_STR);
}

/* Field `index` with a constraint, at p: a sample that keeps it (a T?
 * made present). */
static void fill_constrained(const ws_field_desc *fd, void *p,
                             const ws_typetest_fill *how, size_t index,
                             ws_status *st) {
  const ws_kind *k = fd->kind;
  uint64_t max_len = fd->has_max_len ? fd->max_len : UINT64_MAX;
  if (k->tag == WS_KIND_OPT) {
    *(bool *)((char *)p + k->present_at) = true;
    p = (char *)p + k->value_at;
    k = k->elem;
  }
  if (fd->has_range && k->tag == WS_KIND_FLOAT)
    ws_typetest_float_in(p, how, index, fd->fmin, fd->fmax);
  else if (fd->has_range)
    ws_typetest_int_in(p, how, index, fd->min, fd->max);
  else if (fd->http)
    ws_typetest_str_http(p, how, index, max_len, st);
  else if (k->tag == WS_KIND_STR)
    ws_typetest_str_max(p, how, index, max_len, st);
  else
    ws_typetest_bytes_max(p, how, index, max_len, st);
}

static void fill_field(const ws_type *t, void *v, const ws_typetest_fill *how,
                       size_t index, ws_status *st) {
  const ws_field_desc *fd = &t->fields[index];
  void *p = (char *)v + fd->offset;
  if (fill_is_constrained(fd))
    fill_constrained(fd, p, how, index, st);
  else
    fill_kind(fd->kind, p, ws_typetest_variant(how, index), st);
  if (fd->has_min_len || fd->has_min_items || fd->has_max_items)
    ws_typetest_fit(fd, p, st);
}

ws_status ws_typetest_fill_class(const ws_type *t, void *v,
                                 const ws_typetest_fill *how) {
  ws_status st = WS_OK;
  for (size_t i = 0; i < t->field_count; i++)
    if (t->fields[i].flags & WS_FIELD_REQUIRED)
      fill_field(t, v, how, i, &st);
  for (size_t i = 0; i < t->field_count && !how->required_only; i++)
    if (!(t->fields[i].flags & WS_FIELD_REQUIRED))
      fill_field(t, v, how, i, &st);
  return st;
}
