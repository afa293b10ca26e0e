/* ws_kind_read.c - reading JSON into a value of any kind: the scalars
 * through the reader's own functions, the composite shapes by walking their
 * descriptors. Values are read in place into slots that start empty, so
 * whatever a failure leaves behind is a valid value that free releases.
 * Every error goes through the reader, so after a failure r->status holds
 * it. */
#include <stdint.h>
#include <string.h>

#include "ws_class.h"
#include "ws_headers.h"
#include "ws_kind.h"
#include "ws_read_refuse.h"
#include "internal/ws_json_read_parts.h"
#include "internal/ws_key_index.h"
#include "internal/ws_kind_pool.h"

ws_status ws_str_read(const ws_kind *k, ws_reader *r, void *v) {
  (void)k;
  return ws_read_str(r, v);
}
ws_status ws_bytes_read(const ws_kind *k, ws_reader *r, void *v) {
  (void)k;
  return ws_read_bytes(r, v);
}
ws_status ws_int_read(const ws_kind *k, ws_reader *r, void *v) {
  (void)k;
  return ws_read_int(r, v);
}
ws_status ws_bool_read(const ws_kind *k, ws_reader *r, void *v) {
  (void)k;
  return ws_read_bool(r, v);
}
ws_status ws_headers_read(const ws_kind *k, ws_reader *r, void *v) {
  (void)k;
  return ws_read_headers(r, v);
}

/* null is None; anything else is the value, read in place. The type read
 * errors name is the T?'s own ("str?"; "int?, 64-bit"). */
ws_status ws_opt_read(const ws_kind *k, ws_reader *r, void *v) {
  ws_jr_path_set_type(r,
                      k->elem->tag == WS_KIND_INT ? "int?, 64-bit" : k->name);
  if (ws_read_null(r)) {
    ws_kind_free(k, v);
    return WS_OK;
  }
  /* present first, so that free releases a partial value */
  *(bool *)((char *)v + k->present_at) = true;
  return ws_kind_read(k->elem, r, (char *)v + k->value_at);
}

/* A class element, read into the slot push has just zeroed: its fields
 * take their defaults, then the object. (The class kind's own reader
 * frees its slot and clears it first, as it may hold a value; this one
 * holds nothing yet.) */
static ws_status read_new_class(const ws_type *t, ws_reader *r, void *slot) {
  if (ws_class_init_zeroed(t, slot) != WS_OK)
    return ws_reader_fail(r, WS_ENOMEM, "out of memory");
  return t->read(t, r, slot);
}

ws_status ws_list_read(const ws_kind *k, ws_reader *r, void *v) {
  /* what ws_kind_read_value works out for every element, once */
  const ws_kind *elem = k->elem;
  const char *label = ws_kind_label(elem);
  bool may_be_null = elem->tag == WS_KIND_OPT || elem->tag == WS_KIND_REF;
  const ws_type *new_class = elem->tag == WS_KIND_CLASS &&
                                     elem->cls->init == ws_class_init
                                 ? elem->cls
                                 : NULL;
  size_t index = 0;
  if (ws_read_array_begin(r, "an array") != WS_OK)
    return r->status;
  while (ws_read_array_next(r)) {
    void *slot = ws_list_push_in(k, v, &r->pool);
    if (slot == NULL)
      return ws_reader_fail(r, WS_ENOMEM, "out of memory");
    if (ws_jr_path_push_index(r, index++) != WS_OK)
      return r->status;
    if (may_be_null) { /* they name their type and judge null themselves */
      if (ws_kind_read_value(elem, r, slot) != WS_OK)
        return r->status;
    } else {
      ws_jr_path_set_type(r, label);
      if (ws_read_null_refused(r, elem->name) ||
          (new_class != NULL ? read_new_class(new_class, r, slot)
                             : ws_kind_read(elem, r, slot)) != WS_OK)
        return r->status;
    }
    ws_jr_path_pop(r);
  }
  if (r->status == WS_OK)
    ws_container_fit(k, v, &r->pool);
  return r->status;
}

/* The map's array of keys. */
static const ws_str *keys_of(const ws_kind *k, const void *v) {
  const ws_str *keys;
  memcpy(&keys, (const char *)v + k->keys_at, sizeof keys);
  return keys;
}

static size_t len_of(const ws_kind *k, const void *v) {
  size_t n;
  memcpy(&n, (const char *)v + k->len_at, sizeof n);
  return n;
}

/* The entries of a map, with an index of the keys seen (a hash table, so
 * a large object cannot cost quadratic time). */
static ws_status read_entries(const ws_kind *k, ws_reader *r, void *v,
                              ws_key_index *seen) {
  const char *key;
  size_t key_len;
  while (ws_read_object_next(r, &key, &key_len)) {
    ws_status added = ws_key_index_add(seen, keys_of(k, v), sizeof(ws_str),
                                       len_of(k, v), key, key_len);
    void *slot;
    if (added == WS_EDUPLICATE)
      return ws_read_duplicate_key(r, key, key_len);
    /* known to be new: push, not set, which would search */
    slot = added == WS_OK ? ws_map_push_in(k, v, key, key_len, &r->pool)
                          : NULL;
    if (slot == NULL)
      return ws_reader_fail(r, WS_ENOMEM, "out of memory");
    if (ws_jr_path_push_key(r, key, key_len) != WS_OK ||
        ws_kind_read_value(k->elem, r, slot) != WS_OK)
      return r->status;
    ws_jr_path_pop(r);
  }
  return r->status;
}

ws_status ws_map_read(const ws_kind *k, ws_reader *r, void *v) {
  ws_key_index seen;
  ws_status status;
  if (ws_read_object_begin(r, "an object") != WS_OK)
    return r->status;
  ws_key_index_init(&seen);
  status = read_entries(k, r, v, &seen);
  ws_key_index_free(&seen);
  if (status == WS_OK)
    ws_container_fit(k, v, &r->pool);
  return status;
}
