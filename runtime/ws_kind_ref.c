/* ws_kind_ref.c - the kind of a field or element that holds a value of a
 * class through a pointer (WS_KIND_REF): a T? of a class (NULL is None),
 * or an abstract class, whose value is of one of its concrete subclasses
 * and says which under the key "type" in its JSON and str() forms. The
 * value is one heap block of its own class's size, owned by the slot. */
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "ws_class.h"
#include "ws_json_write.h"
#include "ws_kind.h"
#include "ws_read_refuse.h"
#include "internal/ws_json_read_parts.h"
#include "internal/ws_piece.h"
#include "internal/ws_pool.h"

static void *ref_get(const void *slot) {
  void *p;
  memcpy(&p, slot, sizeof p);
  return p;
}

static void ref_put(void *slot, void *p) {
  memcpy(slot, &p, sizeof p);
}

static bool is_tagged(const ws_kind *k) {
  return (k->cls->flags & WS_TYPE_ABSTRACT) != 0;
}

/* The class of the value at p: its own, for a class whose values may be
 * of subclasses (NULL when it has none, an all-zero value). */
static const ws_type *own_class(const ws_kind *k, const void *p) {
  return ws_class_handler(k->cls, p);
}

/* Whether a value of class own may be held: exactly the kind's class, or
 * for an abstract one any of its concrete subclasses. */
static bool allowed(const ws_kind *k, const ws_type *own) {
  if (own == NULL)
    return false;
  if (!is_tagged(k))
    return own == k->cls;
  return !(own->flags & WS_TYPE_ABSTRACT) && ws_type_is(own, k->cls);
}

/* ---- the operations ---------------------------------------------------------- */

void ws_ref_free(const ws_kind *k, void *slot) {
  void *p = ref_get(slot);
  if (p == NULL)
    return;
  const ws_type *own = own_class(k, p);
  if (own != NULL)
    own->free(own, p);
  ws_piece_release(p);
  ref_put(slot, NULL);
}

ws_status ws_ref_set(const ws_kind *k, void *slot, const void *value) {
  const ws_type *own;
  void *copy;
  ws_status st;
  if (value == NULL) {
    ws_ref_free(k, slot);
    return WS_OK;
  }
  own = own_class(k, value);
  if (!allowed(k, own))
    return WS_EINVAL;
  /* as for a class in place (ws_kind_class.c): deeper than the reader
   * takes is not copied */
  if (ws_kind_depth(k, (const void *)&value, WS_JSON_MAX_DEPTH) >
      WS_JSON_MAX_DEPTH)
    return WS_EDEPTH;
  copy = ws_piece_array_resize(NULL, 0, own->size);
  if (copy == NULL)
    return WS_ENOMEM;
  memset(copy, 0, own->size); /* copy replaces a valid (here empty) value */
  st = own->copy(own, copy, value); /* before the old value goes: value
                                       may point into it */
  if (st != WS_OK) {
    ws_piece_release(copy);
    return st;
  }
  ws_ref_free(k, slot);
  ref_put(slot, copy);
  return WS_OK;
}

static void ref_free(const ws_kind *k, void *slot) {
  ws_ref_free(k, slot);
}

static ws_status ref_copy(const ws_kind *k, void *dst, const void *src) {
  ref_put(dst, NULL);
  return ws_ref_set(k, dst, ref_get(src));
}

static bool ref_equal(const ws_kind *k, const void *a, const void *b) {
  const void *pa = ref_get(a), *pb = ref_get(b);
  if (pa == NULL || pb == NULL)
    return pa == pb;
  return k->cls->equal(k->cls, pa, pb); /* compares their classes too */
}

static ws_status ref_check(const ws_kind *k, const void *slot,
                           const char *path, ws_error *err) {
  const void *p = ref_get(slot);
  const ws_type *own = p != NULL ? own_class(k, p) : NULL;
  return own != NULL ? ws_class_check_text_in(own, p, path, err) : WS_OK;
}

/* ---- str(): a tagged value's dict has the key "type" among its fields ------- */

/* How many of t's field names sort before "type": where it goes among
 * them in the dict's key order. */
static size_t type_key_at(const ws_type *t) {
  size_t lo = 0, hi = t->field_count;
  while (lo < hi) {
    size_t mid = lo + (hi - lo) / 2;
    if (strcmp(t->fields[t->key_order[mid].field].name, "type") < 0)
      lo = mid + 1;
    else
      hi = mid;
  }
  return lo;
}

/* Child index of a tagged value's view: the value starts with its class
 * (classes below an abstract one are tagged). */
static void tagged_child(const void *obj, size_t index, const char **key,
                         size_t *key_len, ws_pv *value) {
  const ws_type *t;
  size_t at;
  memcpy(&t, obj, sizeof t);
  at = type_key_at(t);
  if (index == at) {
    *key = "type";
    *key_len = 4;
    *value = ws_pv_none();
    value->kind = WS_PV_STR;
    value->s = t->name;
    value->n = strlen(t->name);
    return;
  }
  ws_class_child(t, obj, index < at ? index : index - 1, key, key_len, value);
}

static void ref_pv(const ws_kind *k, const void *slot, ws_pv *out) {
  const void *p = ref_get(slot);
  const ws_type *own = p != NULL ? own_class(k, p) : NULL;
  if (own == NULL) {
    *out = ws_pv_none();
    return;
  }
  ws_class_pv(own, p, out);
  if (!is_tagged(k))
    return;
  out->n = own->field_count + 1;
  out->child = tagged_child;
  out->min_width = 0;
}

/* ---- JSON -------------------------------------------------------------------- */

/* {"type":"Name", then the fields as the class writes them (written aside
 * first, so that "type" comes before them). */
static void put_tagged(ws_buf *b, const ws_type *own, const void *p,
                       ws_json_mode mode) {
  bool compact = mode == WS_JSON_COMPACT;
  ws_buf fields;
  ws_buf_init(&fields);
  ws_json_put_class(&fields, own, p, mode);
  if (fields.status != WS_OK) {
    ws_buf_fail(b, fields.status);
    ws_buf_free(&fields);
    return;
  }
  ws_buf_puts(b, compact ? "{\"type\":\"" : "{\"type\": \"");
  ws_buf_puts(b, own->name); /* a class name: nothing to escape */
  ws_buf_putc(b, '"');
  if (fields.len > 2) {
    ws_buf_puts(b, compact ? "," : ", ");
    ws_buf_put(b, fields.data + 1, fields.len - 1);
  } else {
    ws_buf_putc(b, '}');
  }
  ws_buf_free(&fields);
}

void ws_json_put_ref(ws_buf *b, const ws_kind *k, const void *p,
                     ws_json_mode mode) {
  const ws_type *own = p != NULL ? own_class(k, p) : NULL;
  if (p == NULL)
    ws_json_put_null(b);
  else if (!allowed(k, own))
    ws_buf_fail(b, WS_EINVAL);
  else if (is_tagged(k))
    put_tagged(b, own, p, mode);
  else
    ws_json_put_class(b, own, p, mode);
}

/* ---- validate and encode ------------------------------------------------------- */

/* "Closing, Trade": the classes a tagged value may be. */
static void put_class_names(char *out, size_t size, const ws_kind *k) {
  size_t n = 0;
  out[0] = '\0';
  for (const ws_type *const *c = k->classes; *c != NULL && n < size; c++)
    n += (size_t)snprintf(out + n, size - n, "%s%s", c == k->classes ? "" : ", ",
                          (*c)->name);
}

ws_status ws_ref_check_nested(const ws_kind *k, const void *slot,
                              const char *path, ws_error *err) {
  char names[300];
  const void *p = ref_get(slot);
  const ws_type *own;
  ws_status st;
  if (p == NULL && k->nullable)
    return WS_OK;
  own = p != NULL ? own_class(k, p) : NULL;
  if (allowed(k, own))
    return ws_class_check_nested_in(own, p, path, err);
  if (p == NULL && is_tagged(k)) {
    put_class_names(names, sizeof names, k);
    st = ws_error_set(err, WS_EMISSING, "%.200s is not set (a %s: one of %s)",
                      path, k->cls->name, names);
  } else {
    st = ws_error_set(err, WS_EINVAL, "%.200s does not hold a %s", path,
                      k->name);
  }
  if (err != NULL)
    snprintf(err->path, sizeof err->path, "%s", path);
  return st;
}

/* ---- reading ----------------------------------------------------------------------- */

/* The class that the value's "type" names, found by a second reader that
 * looks ahead through the object (the key may come anywhere) without
 * keeping anything. On failure the error is r's, at the value. */
typedef struct type_key {
  bool found, is_string;
  bool out_of_memory; /* the look ahead could not finish */
  size_t at; /* offset of its value in r */
  ws_str name;
} type_key;

static void scan_type_key(ws_reader *r, type_key *out) {
  size_t start = ws_reader_offset(r);
  ws_reader scan;
  ws_error scan_err;
  const char *key;
  size_t len;
  memset(out, 0, sizeof *out);
  ws_reader_init(&scan, r->src + start, (size_t)(r->end - r->src) - start,
                 NULL, &scan_err);
  if (ws_read_object_begin(&scan, "an object") == WS_OK) {
    while (ws_read_object_next(&scan, &key, &len)) {
      if (len == 4 && memcmp(key, "type", 4) == 0) {
        out->found = true;
        out->at = start + ws_reader_offset(&scan);
        out->is_string = ws_read_peek(&scan) == WS_TOKEN_STRING &&
                         ws_read_str(&scan, &out->name) == WS_OK;
        break;
      }
      if (ws_read_skip(&scan) != WS_OK)
        break;
    }
  }
  out->out_of_memory = scan.status == WS_ENOMEM;
  ws_reader_free(&scan);
}

/* The concrete class of kind k named name[0..len), or NULL. */
static const ws_type *class_named(const ws_kind *k, const ws_str *name) {
  for (const ws_type *const *c = k->classes; *c != NULL; c++)
    if (strlen((*c)->name) == name->len &&
        memcmp((*c)->name, ws_str_c(name), name->len) == 0)
      return *c;
  return NULL;
}

/* The class of the tagged object next in r, or NULL with r's error set:
 * the object's own error when it is no object or is malformed, else a
 * missing "type" or one that names no class the kind allows. */
static const ws_type *tagged_class(const ws_kind *k, ws_reader *r) {
  char names[300], path[200], said[64];
  size_t at = ws_reader_offset(r);
  const ws_type *t = NULL;
  type_key key;
  scan_type_key(r, &key);
  if (key.out_of_memory) {
    ws_str_free(&key.name);
    ws_reader_fail(r, WS_ENOMEM, "out of memory");
    return NULL;
  }
  if (key.is_string)
    t = class_named(k, &key.name);
  if (t == NULL) {
    put_class_names(names, sizeof names, k);
    ws_reader_path(r, path, sizeof path);
    if (!key.found && ws_read_peek(r) != WS_TOKEN_OBJECT)
      ws_read_object_begin(r, "an object"); /* no object: its own error */
    else if (!key.found && ws_read_skip(r) != WS_OK)
      ; /* a malformed object: its own error */
    else if (!key.found)
      ws_reader_fail_at(r, at, WS_EMISSING,
                        "missing \"type\" in %s, which names the class of a "
                        "%s: one of %s",
                        path, k->cls->name, names);
    else {
      if (key.is_string)
        ws_reader_quote(said, sizeof said, ws_str_c(&key.name), key.name.len);
      ws_reader_fail_at(r, key.at, WS_ETYPE,
                        "\"type\" of %s is %s, not a class a %s may be: one "
                        "of %s",
                        path, key.is_string ? said : "not a string",
                        k->cls->name, names);
    }
  }
  ws_str_free(&key.name);
  return t;
}

ws_status ws_ref_read(const ws_kind *k, ws_reader *r, void *slot) {
  const ws_type *t = k->cls;
  void *p;
  ws_jr_path_set_type(r, k->name);
  if (k->nullable && ws_read_null(r)) {
    ws_ref_free(k, slot);
    return WS_OK;
  }
  if (!k->nullable && ws_read_null_refused(r, k->name))
    return r->status;
  if (is_tagged(k) && (t = tagged_class(k, r)) == NULL)
    return r->status;
  ws_ref_free(k, slot);
  /* a piece, as the text and arrays of the value are: in the decode's
   * pool, if it has one */
  p = ws_pool_resize(&r->pool, NULL, 0, t->size);
  if (p == NULL || t->init(t, p) != WS_OK) {
    ws_piece_release(p);
    return ws_reader_fail(r, WS_ENOMEM, "out of memory");
  }
  ref_put(slot, p); /* first, so that free releases a partial value */
  return is_tagged(k) ? ws_class_read_tagged(t, r, p) : t->read(t, r, p);
}

const ws_kind_ops ws_ref_kind_ops = {ref_free,  ref_copy, ref_equal,
                                     ref_check, ref_pv,   ws_ref_read};

/* ---- lists and maps of them ------------------------------------------------------- */

static size_t len_of(const ws_kind *k, const void *v) {
  size_t n;
  memcpy(&n, (const char *)v + k->len_at, sizeof n);
  return n;
}

static void set_len(const ws_kind *k, void *v, size_t n) {
  memcpy((char *)v + k->len_at, &n, sizeof n);
}

ws_status ws_list_append_ref(const ws_kind *k, void *list, const void *value) {
  void *slot = ws_list_push(k, list); /* the values pointed to stay put */
  ws_status st = slot != NULL ? ws_ref_set(k->elem, slot, value) : WS_ENOMEM;
  if (st != WS_OK && slot != NULL)
    set_len(k, list, len_of(k, list) - 1);
  return st;
}

ws_status ws_map_set_ref(const ws_kind *k, void *map, ws_strview key,
                         const void *value) {
  ws_status st = ws_map_index(k, map);
  if (st != WS_OK)
    return st;
  void *slot = (void *)(uintptr_t)ws_map_get(k, map, key);
  ws_str *keys;
  size_t n;
  if (slot != NULL)
    return ws_ref_set(k->elem, slot, value);
  slot = ws_map_push(k, map, key.ptr, key.len);
  if (slot == NULL)
    return WS_ENOMEM;
  st = ws_ref_set(k->elem, slot, value);
  if (st != WS_OK) { /* the entry just added goes again */
    n = len_of(k, map) - 1;
    memcpy(&keys, (char *)map + k->keys_at, sizeof keys);
    ws_str_free(&keys[n]);
    set_len(k, map, n);
  }
  return st;
}
