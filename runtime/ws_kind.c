/* ws_kind.c - the operations of each kind, and of the composite shapes
 * (T?, list<T>, map<str, T>) over any element kind, driven by the layout
 * in their descriptors. */
#include "ws_kind.h"

#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "ws_alloc.h"
#include "ws_check.h"
#include "ws_headers.h"
#include "ws_list.h"
#include "ws_pv.h"
#include "ws_utf8.h"
#include "internal/ws_kind_pool.h"
#include "internal/ws_name_index.h"
#include "internal/ws_pool.h"

/* ---- members by offset ---------------------------------------------------- */

static void *at(void *v, size_t offset) {
  return (char *)v + offset;
}
static const void *at_c(const void *v, size_t offset) {
  return (const char *)v + offset;
}
static size_t get_size(const void *v, size_t offset) {
  size_t n;
  memcpy(&n, at_c(v, offset), sizeof n);
  return n;
}
static void put_size(void *v, size_t offset, size_t n) {
  memcpy(at(v, offset), &n, sizeof n);
}
static void *get_ptr(const void *v, size_t offset) {
  void *p;
  memcpy(&p, at_c(v, offset), sizeof p);
  return p;
}
static void put_ptr(void *v, size_t offset, void *p) {
  memcpy(at(v, offset), &p, sizeof p);
}

/* ---- scalars and headers ------------------------------------------------- */

static void str_free(const ws_kind *k, void *v) {
  (void)k;
  ws_str_free(v);
}
static ws_status str_copy(const ws_kind *k, void *dst, const void *src) {
  (void)k;
  return ws_str_copy(dst, src);
}
static bool str_equal(const ws_kind *k, const void *a, const void *b) {
  (void)k;
  return ws_str_equal(a, b);
}
static ws_status str_check(const ws_kind *k, const void *v, const char *path,
                           ws_error *err) {
  (void)k;
  return ws_utf8_check(v, "", path, err);
}
static void str_pv(const ws_kind *k, const void *v, ws_pv *out) {
  (void)k;
  ws_str_pv(v, out);
}

static void bytes_free(const ws_kind *k, void *v) {
  (void)k;
  ws_bytes_free(v);
}
static ws_status bytes_copy(const ws_kind *k, void *dst, const void *src) {
  (void)k;
  return ws_bytes_copy(dst, src);
}
static bool bytes_equal(const ws_kind *k, const void *a, const void *b) {
  (void)k;
  return ws_bytes_equal(a, b);
}
static void bytes_pv(const ws_kind *k, const void *v, ws_pv *out) {
  (void)k;
  ws_bytes_pv(v, out);
}

/* int and bool: plain values, copied by assignment. (Their free stores
 * the zero of the type: a memset of k->size would be a libc call.) */
static void int_free(const ws_kind *k, void *v) {
  (void)k;
  *(int64_t *)v = 0;
}
static void bool_free(const ws_kind *k, void *v) {
  (void)k;
  *(bool *)v = false;
}
static ws_status plain_copy(const ws_kind *k, void *dst, const void *src) {
  memcpy(dst, src, k->size);
  return WS_OK;
}
static bool int_equal(const ws_kind *k, const void *a, const void *b) {
  (void)k;
  return *(const int64_t *)a == *(const int64_t *)b;
}
static void int_pv(const ws_kind *k, const void *v, ws_pv *out) {
  (void)k;
  ws_int_pv(v, out);
}
static bool bool_equal(const ws_kind *k, const void *a, const void *b) {
  (void)k;
  return *(const bool *)a == *(const bool *)b;
}
static void bool_pv(const ws_kind *k, const void *v, ws_pv *out) {
  (void)k;
  ws_bool_pv(v, out);
}

static void headers_free(const ws_kind *k, void *v) {
  (void)k;
  ws_headers_free(v);
}
static ws_status headers_copy(const ws_kind *k, void *dst, const void *src) {
  (void)k;
  return ws_headers_copy(dst, src);
}
static bool headers_equal(const ws_kind *k, const void *a, const void *b) {
  (void)k;
  return ws_headers_equal(a, b);
}
static ws_status headers_check(const ws_kind *k, const void *v,
                               const char *path, ws_error *err) {
  (void)k;
  return ws_headers_check(v, path, err);
}
static void headers_pv(const ws_kind *k, const void *v, ws_pv *out) {
  (void)k;
  ws_headers_pv_entries(v, out);
}

static const ws_kind_ops str_ops = {str_free,  str_copy, str_equal,
                                    str_check, str_pv,   ws_str_read};
static const ws_kind_ops bytes_ops = {bytes_free, bytes_copy, bytes_equal,
                                      NULL,       bytes_pv,   ws_bytes_read};
static const ws_kind_ops int_ops = {int_free, plain_copy, int_equal,
                                    NULL,     int_pv,     ws_int_read};
static const ws_kind_ops bool_ops = {bool_free, plain_copy, bool_equal,
                                     NULL,      bool_pv,    ws_bool_read};
static const ws_kind_ops headers_ops = {headers_free,  headers_copy,
                                        headers_equal, headers_check,
                                        headers_pv,    ws_headers_read};

#define WS_SCALAR_KIND(OPS, TAG, NAME, T, PLAIN)                               \
  {                                                                            \
    &OPS, TAG, NAME, sizeof(T), PLAIN, NULL, 0, 0, 0, 0, 0, 0, NULL, NULL,      \
        NULL, false, NULL, 0                                                   \
  }
const ws_kind ws_str_kind =
    WS_SCALAR_KIND(str_ops, WS_KIND_STR, "str", ws_str, false);
const ws_kind ws_bytes_kind =
    WS_SCALAR_KIND(bytes_ops, WS_KIND_BYTES, "bytes", ws_bytes, false);
const ws_kind ws_int_kind =
    WS_SCALAR_KIND(int_ops, WS_KIND_INT, "int", int64_t, true);
const ws_kind ws_bool_kind =
    WS_SCALAR_KIND(bool_ops, WS_KIND_BOOL, "bool", bool, true);
const ws_kind ws_headers_kind =
    WS_SCALAR_KIND(headers_ops, WS_KIND_HEADERS, "headers", ws_headers, false);

bool ws_kind_has_text(const ws_kind *k) {
  if (k->ops == &ws_map_ops)
    return true; /* its keys */
  if (k->ops == &ws_opt_ops || k->ops == &ws_list_ops)
    return ws_kind_has_text(k->elem);
  return k->ops->check != NULL;
}

ws_status ws_kind_check(const ws_kind *k, const void *v, const char *path,
                        ws_error *err) {
  return ws_kind_has_text(k) ? k->ops->check(k, v, path, err) : WS_OK;
}

/* ---- a copy made aside ----------------------------------------------------- */

/* Room for one element copied before its container changes (the source may
 * point into the container): on the stack for the kinds there are, on the
 * heap for a larger one. */
typedef struct spare {
  union {
    max_align_t align;
    unsigned char bytes[64];
  } local;
  void *p;
} spare;

/* A copy of *src of kind k in s->p, or the failure (nothing to release). */
static ws_status spare_copy(spare *s, const ws_kind *k, const void *src) {
  s->p = s->local.bytes;
  if (k->size > sizeof s->local.bytes) {
    s->p = ws_malloc(k->size);
    if (s->p == NULL)
      return WS_ENOMEM;
  }
  memset(s->p, 0, k->size);
  ws_status st = ws_kind_copy(k, s->p, src);
  if (st != WS_OK) {
    ws_kind_free(k, s->p);
    if (s->p != s->local.bytes)
      ws_free(s->p);
  }
  return st;
}

/* Moves the copy into dst (whose old value the caller has released). */
static void spare_move(spare *s, const ws_kind *k, void *dst) {
  memcpy(dst, s->p, k->size);
  if (s->p != s->local.bytes)
    ws_free(s->p);
}

static void spare_drop(spare *s, const ws_kind *k) {
  ws_kind_free(k, s->p);
  if (s->p != s->local.bytes)
    ws_free(s->p);
}

ws_status ws_kind_assign(const ws_kind *k, void *dst, const void *src) {
  spare s;
  ws_status st = spare_copy(&s, k, src);
  if (st != WS_OK)
    return st;
  ws_kind_free(k, dst);
  spare_move(&s, k, dst);
  return WS_OK;
}

/* ---- T? -------------------------------------------------------------------- */

static bool opt_present(const ws_kind *k, const void *o) {
  return *(const bool *)at_c(o, k->present_at);
}

static void opt_free(const ws_kind *k, void *o) {
  ws_kind_free(k->elem, at(o, k->value_at)); /* leaves it all-zero */
  *(bool *)at(o, k->present_at) = false;
}

ws_status ws_opt_set(const ws_kind *k, void *o, const void *value) {
  spare s;
  ws_status st = spare_copy(&s, k->elem, value);
  if (st != WS_OK)
    return st;
  opt_free(k, o);
  spare_move(&s, k->elem, at(o, k->value_at));
  *(bool *)at(o, k->present_at) = true;
  return WS_OK;
}

static ws_status opt_copy(const ws_kind *k, void *dst, const void *src) {
  memset(dst, 0, k->size);
  return opt_present(k, src) ? ws_opt_set(k, dst, at_c(src, k->value_at))
                             : WS_OK;
}

static bool opt_equal(const ws_kind *k, const void *a, const void *b) {
  if (opt_present(k, a) != opt_present(k, b))
    return false;
  return !opt_present(k, a) ||
         ws_kind_equal(k->elem, at_c(a, k->value_at), at_c(b, k->value_at));
}

static ws_status opt_check(const ws_kind *k, const void *o, const char *path,
                           ws_error *err) {
  if (!opt_present(k, o))
    return WS_OK;
  return ws_kind_check(k->elem, at_c(o, k->value_at), path, err);
}

static void opt_pv(const ws_kind *k, const void *o, ws_pv *out) {
  if (opt_present(k, o))
    ws_kind_pv(k->elem, at_c(o, k->value_at), out);
  else
    *out = ws_pv_none();
}

const ws_kind_ops ws_opt_ops = {opt_free,  opt_copy, opt_equal,
                                opt_check, opt_pv,   ws_opt_read};

/* ---- list<T> and map<str, T>: shared parts ----------------------------------- */

/* Element i of the array at offset array_at. */
static void *item(const ws_kind *k, const void *v, size_t array_at, size_t i) {
  return (char *)get_ptr(v, array_at) + i * k->elem->size;
}

/* Room for need elements in the arrays of v, in pool (NULL: arrays of
 * their own); a map's keys and values grow together, and cap is what both
 * have. */
static ws_status reserve_in(const ws_kind *k, void *v, size_t need,
                            ws_pool *pool) {
  size_t cap = get_size(v, k->cap_at);
  if (need <= cap)
    return WS_OK;
  size_t value_cap = cap;
  void *values = get_ptr(v, k->items_at);
  ws_status st = ws_pool_grow(pool, &values, &value_cap, need, k->elem->size);
  put_ptr(v, k->items_at, values);
  if (st == WS_OK && k->ops == &ws_map_ops) {
    size_t key_cap = cap;
    void *keys = get_ptr(v, k->keys_at);
    st = ws_pool_grow(pool, &keys, &key_cap, need, sizeof(ws_str));
    put_ptr(v, k->keys_at, keys);
    if (key_cap < value_cap)
      value_cap = key_cap;
  }
  if (st == WS_OK)
    put_size(v, k->cap_at, value_cap);
  return st;
}

static ws_status reserve(const ws_kind *k, void *v, size_t need) {
  return reserve_in(k, v, need, NULL);
}

void ws_container_fit(const ws_kind *k, void *v, ws_pool *pool) {
  size_t len = get_size(v, k->len_at);
  size_t cap = get_size(v, k->cap_at);
  size_t value_cap = cap;
  put_ptr(v, k->items_at,
          ws_pool_fit(pool, get_ptr(v, k->items_at), len, k->elem->size,
                      &value_cap));
  if (k->ops == &ws_map_ops) {
    size_t key_cap = cap;
    put_ptr(v, k->keys_at,
            ws_pool_fit(pool, get_ptr(v, k->keys_at), len, sizeof(ws_str),
                        &key_cap));
    if (key_cap < value_cap)
      value_cap = key_cap; /* cap is what both have */
  }
  put_size(v, k->cap_at, value_cap);
}

/* Checks element i, whose path is made by at_path only when it is bad:
 * valid text is the rule. */
static ws_status check_item(const ws_kind *k, const void *e, const char *path,
                            ws_error *err, const char *key, size_t index) {
  /* 200 + 40 + brackets and quotes: below sizeof err->path */
  char at_path[256];
  if (ws_kind_check(k->elem, e, path, NULL) == WS_OK)
    return WS_OK;
  if (key != NULL)
    snprintf(at_path, sizeof at_path, "%.200s[\"%.40s\"]", path, key);
  else
    snprintf(at_path, sizeof at_path, "%.200s[%zu]", path, index);
  return ws_kind_check(k->elem, e, at_path, err);
}

/* ---- list<T> ------------------------------------------------------------------ */

/* Leaves the list all-zero: its three members stored, not a memset of
 * k->size, which would be a libc call for every list freed. */
static void list_clear(const ws_kind *k, void *v) {
  put_ptr(v, k->items_at, NULL);
  put_size(v, k->len_at, 0);
  put_size(v, k->cap_at, 0);
}

static void list_free(const ws_kind *k, void *v) {
  const ws_kind *elem = k->elem;
  char *items = get_ptr(v, k->items_at);
  size_t len = get_size(v, k->len_at);
  size_t size = elem->size; /* read once: the frees write memory */
  if (elem->tag == WS_KIND_STR)
    for (size_t i = 0; i < len; i++)
      ws_str_free((ws_str *)(void *)(items + i * size));
  else if (!elem->plain)
    for (size_t i = 0; i < len; i++)
      elem->ops->free(elem, items + i * size);
  ws_array_free(items);
  list_clear(k, v);
}

ws_status ws_list_append(const ws_kind *k, void *list, const void *item_) {
  spare s;
  size_t len = get_size(list, k->len_at);
  ws_status st = spare_copy(&s, k->elem, item_);
  if (st != WS_OK)
    return st;
  st = reserve(k, list, len + 1);
  if (st != WS_OK) {
    spare_drop(&s, k->elem);
    return st;
  }
  spare_move(&s, k->elem, item(k, list, k->items_at, len));
  put_size(list, k->len_at, len + 1);
  return WS_OK;
}

static ws_status list_copy(const ws_kind *k, void *dst, const void *src) {
  size_t len = get_size(src, k->len_at);
  memset(dst, 0, k->size);
  ws_status st = reserve(k, dst, len);
  for (size_t i = 0; st == WS_OK && i < len; i++) {
    st = ws_kind_copy(k->elem, item(k, dst, k->items_at, i),
                      item(k, src, k->items_at, i));
    if (st == WS_OK)
      put_size(dst, k->len_at, i + 1);
    else
      ws_kind_free(k->elem, item(k, dst, k->items_at, i));
  }
  if (st != WS_OK)
    list_free(k, dst);
  return st;
}

static bool list_equal(const ws_kind *k, const void *a, const void *b) {
  size_t len = get_size(a, k->len_at);
  if (len != get_size(b, k->len_at))
    return false;
  for (size_t i = 0; i < len; i++)
    if (!ws_kind_equal(k->elem, item(k, a, k->items_at, i),
                       item(k, b, k->items_at, i)))
      return false;
  return true;
}

static ws_status list_check(const ws_kind *k, const void *v, const char *path,
                            ws_error *err) {
  size_t len = get_size(v, k->len_at);
  if (!ws_kind_has_text(k->elem))
    return WS_OK;
  for (size_t i = 0; i < len; i++) {
    ws_status st =
        check_item(k, item(k, v, k->items_at, i), path, err, NULL, i);
    if (st != WS_OK)
      return st;
  }
  return WS_OK;
}

/* The slot is empty already: ws_grow zeroes the slots it adds, and no
 * operation writes past len without counting the slot in. */
void *ws_list_push_in(const ws_kind *k, void *list, ws_pool *pool) {
  size_t len = get_size(list, k->len_at);
  if (len >= get_size(list, k->cap_at) &&
      reserve_in(k, list, len + 1, pool) != WS_OK)
    return NULL;
  put_size(list, k->len_at, len + 1);
  return item(k, list, k->items_at, len);
}

void *ws_list_push(const ws_kind *k, void *list) {
  return ws_list_push_in(k, list, NULL);
}

const ws_kind_ops ws_list_ops = {list_free,  list_copy,       list_equal,
                                 list_check, ws_container_pv, ws_list_read};

/* ---- map<str, T> --------------------------------------------------------------- */

static ws_str *map_key(const ws_kind *k, const void *m, size_t i) {
  return (ws_str *)get_ptr(m, k->keys_at) + i;
}

static void map_free(const ws_kind *k, void *m) {
  size_t len = get_size(m, k->len_at);
  for (size_t i = 0; i < len; i++) {
    ws_str_free(map_key(k, m, i));
    ws_kind_free(k->elem, item(k, m, k->items_at, i));
  }
  ws_array_free(get_ptr(m, k->keys_at));
  ws_array_free(get_ptr(m, k->items_at));
  list_clear(k, m);
  put_ptr(m, k->keys_at, NULL);
  ws_name_index *x = get_ptr(m, k->index_at);
  ws_name_index_free(&x);
  put_ptr(m, k->index_at, NULL);
}

ws_status ws_map_insert(const ws_kind *k, void *m, ws_strview key,
                        const void *value) {
  spare s;
  size_t len = get_size(m, k->len_at);
  ws_status st = spare_copy(&s, k->elem, value);
  if (st != WS_OK)
    return st;
  st = reserve(k, m, len + 1);
  if (st == WS_OK)
    st = ws_str_set_view(map_key(k, m, len), key);
  if (st != WS_OK) {
    spare_drop(&s, k->elem);
    return st;
  }
  spare_move(&s, k->elem, item(k, m, k->items_at, len));
  put_size(m, k->len_at, len + 1);
  return WS_OK;
}

void *ws_map_push_in(const ws_kind *k, void *m, const char *key,
                     size_t key_len, ws_pool *pool) {
  size_t len = get_size(m, k->len_at);
  if (len >= get_size(m, k->cap_at) &&
      reserve_in(k, m, len + 1, pool) != WS_OK)
    return NULL;
  /* key and value slots are empty, as in ws_list_push */
  if (ws_pool_str_set(pool, map_key(k, m, len), key, key_len) != WS_OK)
    return NULL;
  put_size(m, k->len_at, len + 1);
  return item(k, m, k->items_at, len);
}

void *ws_map_push(const ws_kind *k, void *m, const char *key, size_t key_len) {
  return ws_map_push_in(k, m, key, key_len, NULL);
}

static ws_names map_names(const ws_kind *k, const void *m) {
  ws_names names = {get_ptr(m, k->keys_at), sizeof(ws_str),
                    get_size(m, k->len_at)};
  return names;
}

/* Where key is, or len: through the index x when it is up to date (or by
 * a pass), counting nothing, for a map that may not change. */
static size_t map_find(const ws_kind *k, const void *m,
                       const ws_name_index *x, ws_strview key) {
  size_t i = ws_name_index_peek(x, map_names(k, m), key);
  if (i != SIZE_MAX)
    return i;
  return ws_keys_find(get_ptr(m, k->keys_at), get_size(m, k->len_at), key.ptr,
                      key.len);
}

ws_status ws_map_index(const ws_kind *k, void *m) {
  ws_name_index *x = get_ptr(m, k->index_at);
  ws_status st = ws_name_index_sync(&x, map_names(k, m));
  put_ptr(m, k->index_at, x);
  return st;
}

/* map_find for a map about to change, which builds or updates its index
 * once it is large (internal/ws_name_index.h), so that n sets cost O(n). */
static ws_status map_find_to_change(const ws_kind *k, void *m, ws_strview key,
                                    size_t *i) {
  ws_status st = ws_map_index(k, m);
  if (st != WS_OK)
    return st;
  ws_name_index *x = get_ptr(m, k->index_at);
  *i = x != NULL ? ws_name_index_find(x, map_names(k, m), key)
                 : map_find(k, m, NULL, key);
  return WS_OK;
}

ws_status ws_map_find_to_change(const ws_kind *k, void *map, ws_strview key,
                                size_t *i) {
  return map_find_to_change(k, map, key, i);
}

ws_status ws_map_set(const ws_kind *k, void *m, ws_strview key,
                     const void *value) {
  spare s;
  size_t i;
  ws_status st = map_find_to_change(k, m, key, &i);
  if (st != WS_OK)
    return st;
  if (i == get_size(m, k->len_at))
    return ws_map_insert(k, m, key, value);
  st = spare_copy(&s, k->elem, value);
  if (st != WS_OK)
    return st;
  ws_kind_free(k->elem, item(k, m, k->items_at, i));
  spare_move(&s, k->elem, item(k, m, k->items_at, i));
  return WS_OK;
}

const void *ws_map_get(const ws_kind *k, const void *m, ws_strview key) {
  size_t i = map_find(k, m, get_ptr(m, k->index_at), key);
  return i < get_size(m, k->len_at) ? item(k, m, k->items_at, i) : NULL;
}

static ws_status map_copy(const ws_kind *k, void *dst, const void *src) {
  size_t len = get_size(src, k->len_at);
  memset(dst, 0, k->size);
  ws_status st = reserve(k, dst, len);
  for (size_t i = 0; st == WS_OK && i < len; i++)
    st = ws_map_insert(k, dst, ws_str_view_of(map_key(k, src, i)),
                       item(k, src, k->items_at, i));
  if (st != WS_OK)
    map_free(k, dst);
  return st;
}

/* Equal as Python dicts are: the same entries, in any order. A large b
 * without an index up to date (a decoded map) gets one for the while, so
 * the comparison stays O(n); without memory for it, a pass per key. */
static bool map_equal(const ws_kind *k, const void *a, const void *b) {
  size_t len = get_size(a, k->len_at);
  if (len != get_size(b, k->len_at))
    return false;
  const ws_name_index *x = get_ptr(b, k->index_at);
  ws_name_index *own = NULL;
  if (!ws_name_index_current(x, len) &&
      ws_name_index_sync(&own, map_names(k, b)) == WS_OK && own != NULL)
    x = own;
  bool equal = true;
  for (size_t i = 0; equal && i < len; i++) {
    size_t j = map_find(k, b, x, ws_str_view_of(map_key(k, a, i)));
    equal = j < len && ws_kind_equal(k->elem, item(k, a, k->items_at, i),
                                     item(k, b, k->items_at, j));
  }
  ws_name_index_free(&own);
  return equal;
}

static ws_status map_check(const ws_kind *k, const void *m, const char *path,
                           ws_error *err) {
  size_t len = get_size(m, k->len_at);
  bool values = ws_kind_has_text(k->elem);
  for (size_t i = 0; i < len; i++) {
    const ws_str *key = map_key(k, m, i);
    if (!ws_utf8_valid(key->ptr, key->len, NULL))
      return ws_utf8_check(key, "a key in ", path, err);
    if (values) {
      ws_status st = check_item(k, item(k, m, k->items_at, i), path, err,
                                ws_str_c(key), i);
      if (st != WS_OK)
        return st;
    }
  }
  return WS_OK;
}

const ws_kind_ops ws_map_ops = {map_free,  map_copy,        map_equal,
                                map_check, ws_container_pv, ws_map_read};
