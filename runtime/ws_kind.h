/* ws_kind.h - what the runtime knows about a kind of value: one set of
 * operations per kind (str, bytes, int, bool, headers) and per composite
 * shape (T?, list<T>, map<str, T>), and a descriptor that gives a
 * composite's element kind and layout as data. Class tables (ws_type.h)
 * point at these for each field, and the runtime walks them for the cold
 * paths: free, copy, equal, the UTF-8 check and the str() view.
 *
 * A generated composite is its struct, a ws_kind constant built with
 * WS_OPT_KIND, WS_LIST_KIND or WS_MAP_KIND, and typed one-line wrappers
 * around the functions below. Layouts (docs/generated-api.md):
 *   T?            { bool present; T value; }
 *   list<T>       { T *items; size_t len; size_t cap; }
 *   map<str, T>   { ws_str *keys; T *values; size_t len; size_t cap;
 *                   struct ws_name_index *index; }
 * (a map's index is the runtime's lookup cache: internal/ws_name_index.h)
 * The runtime reaches the members through the offsets in the descriptor,
 * and reads and writes the element pointers as void * (all object pointers
 * share one representation on the platforms C11 code like this targets). */
#ifndef WS_KIND_H
#define WS_KIND_H

#include <stdbool.h>
#include <stddef.h>

#include "ws_float.h"
#include "ws_headers.h"
#include "ws_json_read.h"
#include "ws_pformat.h"
#include "ws_pv.h"
#include "ws_read_refuse.h"
#include "ws_status.h"
#include "ws_str.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef struct ws_kind ws_kind;
typedef struct ws_type ws_type; /* ws_type.h */

/* Which kind or shape a descriptor is, for the hot walks (read, str() view,
 * free), which switch on it and call the kind's function directly instead
 * of through its operations. WS_KIND_OTHER is a kind known only by its
 * operations; every walk also works through those alone. */
typedef enum ws_kind_tag {
  WS_KIND_OTHER = 0,
  WS_KIND_STR,
  WS_KIND_BYTES,
  WS_KIND_INT,
  WS_KIND_BOOL,
  WS_KIND_HEADERS,
  WS_KIND_OPT,
  WS_KIND_LIST,
  WS_KIND_MAP,
  WS_KIND_FLOAT,
  WS_KIND_CLASS, /* a value of a class, held in place: ws_kind_class.c */
  WS_KIND_REF    /* a pointer to a value of a class: ws_kind_ref.c */
} ws_kind_tag;

/* The operations of one kind. v, a, b, dst and src point at a value of the
 * kind k. */
typedef struct ws_kind_ops {
  /* Releases *v and leaves it all-zero (the empty value). */
  void (*free)(const ws_kind *k, void *v);
  /* A deep copy of src into dst, which is all-zero before; on failure dst
   * is all-zero again. */
  ws_status (*copy)(const ws_kind *k, void *dst, const void *src);
  bool (*equal)(const ws_kind *k, const void *a, const void *b);
  /* The UTF-8 of all text in *v (see ws_check.h; path names *v). NULL for
   * a kind that holds no text of its own (int, bool, bytes). */
  ws_status (*check)(const ws_kind *k, const void *v, const char *path,
                     ws_error *err);
  /* The pformat view of *v. */
  void (*pv)(const ws_kind *k, const void *v, ws_pv *out);
  /* Reads one JSON value into *v (an empty value before; on failure it
   * may hold part of the value, which free releases): ws_kind_read.c. */
  ws_status (*read)(const ws_kind *k, ws_reader *r, void *v);
} ws_kind_ops;

/* The WS_*_KIND macros below fill these in order: keep them in step. */
struct ws_kind {
  const ws_kind_ops *ops;
  ws_kind_tag tag;
  const char *name; /* the schema spelling: "map<str, list<str>>" */
  size_t size;      /* sizeof a value */
  bool plain;       /* int, bool: copied by assignment, nothing to free */
  /* Composites: the element kind and where the members are. */
  const ws_kind *elem;
  size_t present_at; /* T? */
  size_t value_at;   /* T? */
  size_t items_at;   /* list<T>: items; map<str, T>: values */
  size_t keys_at;    /* map<str, T> */
  size_t len_at;
  size_t cap_at;
  /* list and map: the module's child (and, for a map, key) function of the
   * str() view, a one-line wrapper of ws_list_child / ws_map_child and
   * ws_map_key that binds this descriptor. */
  ws_pv_child_fn child;
  ws_pv_key_fn key;
  /* WS_KIND_CLASS, WS_KIND_REF: the class of the value. */
  const ws_type *cls;
  /* WS_KIND_REF: whether NULL is None (T?); for an abstract cls, the
   * concrete classes a value may be, NULL-terminated, in schema order. */
  bool nullable;
  const ws_type *const *classes;
  /* map<str, T>: where its lookup cache is (internal/ws_name_index.h). */
  size_t index_at;
};

extern const ws_kind ws_str_kind;
extern const ws_kind ws_bytes_kind;
extern const ws_kind ws_int_kind;
extern const ws_kind ws_bool_kind;
extern const ws_kind ws_headers_kind;
extern const ws_kind ws_float_kind; /* double: ws_kind_float.c */

extern const ws_kind_ops ws_opt_ops;
extern const ws_kind_ops ws_list_ops;
extern const ws_kind_ops ws_map_ops;

/* Descriptor initialisers for a composite of C type T, schema spelling
 * NAME and element kind ELEM (a const ws_kind *). */
#define WS_OPT_KIND(T, NAME, ELEM)                                             \
  {                                                                            \
    &ws_opt_ops, WS_KIND_OPT, NAME, sizeof(T), false, ELEM,                    \
        offsetof(T, present), offsetof(T, value), 0, 0, 0, 0, NULL, NULL, NULL, \
        false, NULL, 0                                                         \
  }
#define WS_LIST_KIND(T, NAME, ELEM, CHILD)                                     \
  {                                                                            \
    &ws_list_ops, WS_KIND_LIST, NAME, sizeof(T), false, ELEM, 0, 0,            \
        offsetof(T, items), 0, offsetof(T, len), offsetof(T, cap), CHILD,      \
        NULL, NULL, false, NULL, 0                                             \
  }
#define WS_MAP_KIND(T, NAME, ELEM, CHILD, KEY)                                 \
  {                                                                            \
    &ws_map_ops, WS_KIND_MAP, NAME, sizeof(T), false, ELEM, 0, 0,              \
        offsetof(T, values), offsetof(T, keys), offsetof(T, len),              \
        offsetof(T, cap), CHILD, KEY, NULL, false, NULL, offsetof(T, index)    \
  }

/* free, copy and equal of a generated composite T (docs/generated-api.md),
 * one-line calls of the operations below with its descriptor T_kind,
 * defined before: a generated STEM.c states them as
 * WS_KIND_FUNCTIONS(ab_list_str) and writes the functions that differ by
 * shape (append, set, get) itself; STEM.h has their prototypes. */
#define WS_KIND_FUNCTIONS(T)                                                   \
  void T##_free(T *v) { ws_kind_free(&T##_kind, v); }                          \
  ws_status T##_copy(T *dst, const T *src) {                                   \
    return ws_kind_assign(&T##_kind, dst, src);                                \
  }                                                                            \
  bool T##_equal(const T *a, const T *b) {                                     \
    return ws_kind_equal(&T##_kind, a, b);                                     \
  }

/* A field or element that holds a value of class TYPE (a const ws_type *)
 * in place, as the C type T: ws_kind_class.c. */
extern const ws_kind_ops ws_class_kind_ops;
#define WS_CLASS_KIND(T, NAME, TYPE)                                           \
  {                                                                            \
    &ws_class_kind_ops, WS_KIND_CLASS, NAME, sizeof(T), false, NULL, 0, 0, 0,  \
        0, 0, 0, NULL, NULL, TYPE, false, NULL, 0                              \
  }

/* A field or element that holds a value of class TYPE through a pointer,
 * TYPE *: NULL is None when NULLABLE (T?). For an abstract TYPE the value
 * is of one of CLASSES (a NULL-terminated array of its concrete
 * subclasses), and its JSON and str() carry the class's name under "type",
 * first; else CLASSES is NULL and the value is of exactly TYPE. */
extern const ws_kind_ops ws_ref_kind_ops;
#define WS_REF_KIND(NAME, TYPE, NULLABLE, CLASSES)                             \
  {                                                                            \
    &ws_ref_kind_ops, WS_KIND_REF, NAME, sizeof(void *), false, NULL, 0, 0, 0, \
        0, 0, 0, NULL, NULL, TYPE, NULLABLE, CLASSES, 0                        \
  }
/* Sets the pointer at slot to a new copy of *value (NULL: no value, None
 * for a T?), releasing what it pointed to; on failure it is unchanged.
 * value may point into the old value. A value of another class than the
 * kind allows (not exactly TYPE, or not one of CLASSES) gives WS_EINVAL. */
ws_status ws_ref_set(const ws_kind *k, void *slot, const void *value);
/* Releases the value at slot, if any, and sets the pointer to NULL. */
void ws_ref_free(const ws_kind *k, void *slot);
/* list<T> and map<str, T> of such T: append or set a copy of *value, as
 * ws_ref_set makes it; on failure the container holds what it held. */
ws_status ws_list_append_ref(const ws_kind *k, void *list, const void *value);
ws_status ws_map_set_ref(const ws_kind *k, void *map, ws_strview key,
                         const void *value);
/* Reads a value of kind k (null, or an object; for an abstract class one
 * whose "type" names its class, anywhere among its keys) into slot. */
ws_status ws_ref_read(const ws_kind *k, ws_reader *r, void *slot);

/* Whether a value of kind k may hold a value of a class (a class, or a
 * T?, list or map of one), whose own fields' constraints then apply. */
bool ws_kind_holds_class(const ws_kind *k);
/* How deep the JSON of *v (a value of kind k) nests, an object or array
 * a level and headers two; past room levels the walk stops and gives
 * room + 1 (ws_kind_class.c). Copies of class values deeper than the
 * reader takes (WS_JSON_MAX_DEPTH) are refused with WS_EDEPTH. */
size_t ws_kind_depth(const ws_kind *k, const void *v, size_t room);
/* The constraints (max_len, range) of every class value held in *v, a
 * value of kind k, named from path (which names *v): ws_kind_class.c. */
ws_status ws_kind_check_nested(const ws_kind *k, const void *v,
                               const char *path, ws_error *err);

/* The operations, through the kind. */
/* Text, the most common kind, is freed without the indirect call. */
static inline void ws_kind_free(const ws_kind *k, void *v) {
  if (k->tag == WS_KIND_STR)
    ws_str_free((ws_str *)v);
  else
    k->ops->free(k, v);
}
static inline ws_status ws_kind_copy(const ws_kind *k, void *dst,
                                     const void *src) {
  return k->ops->copy(k, dst, src);
}
/* Replaces dst, a valid value of kind k, with a deep copy of src (which
 * may point into dst); on failure dst is unchanged: the generated
 * composites' _copy (docs/generated-api.md, "Ownership"). ws_kind_copy
 * above is the operation, into an all-zero dst. */
ws_status ws_kind_assign(const ws_kind *k, void *dst, const void *src);
static inline bool ws_kind_equal(const ws_kind *k, const void *a,
                                 const void *b) {
  return k->ops->equal(k, a, b);
}
/* Whether a value of kind k may hold text, which ws_kind_check checks. */
bool ws_kind_has_text(const ws_kind *k);
/* WS_OK for a kind without text. */
ws_status ws_kind_check(const ws_kind *k, const void *v, const char *path,
                        ws_error *err);
/* The str() view of a list or map: a lazy container, read through the
 * module's child (and, for a map, key) function. */
static inline void ws_container_pv(const ws_kind *k, const void *v,
                                   ws_pv *out) {
  *out = ws_pv_none();
  out->kind = k->tag == WS_KIND_MAP ? WS_PV_DICT : WS_PV_LIST;
  memcpy(&out->n, (const char *)v + k->len_at, sizeof out->n);
  out->obj = v;
  out->child = k->child;
  out->key = k->key;
}

/* The str() view of *v. str() builds one for every field and element it
 * prints: text and containers, the kinds it meets most, inline. (More
 * kinds here and compilers stop inlining it, which costs more.) */
static inline void ws_kind_pv(const ws_kind *k, const void *v, ws_pv *out) {
  if (k->tag == WS_KIND_STR)
    ws_str_pv((const ws_str *)v, out);
  else if (k->tag == WS_KIND_LIST || k->tag == WS_KIND_MAP)
    ws_container_pv(k, v, out);
  else
    k->ops->pv(k, v, out);
}

/* What a value of a kind that is not T? must be, as read errors name it:
 * the schema spelling, with the width of an integer ("int, 64-bit"). A
 * T? names itself in its reader (ws_opt_read). */
static inline const char *ws_kind_label(const ws_kind *k) {
  return k->tag == WS_KIND_INT ? "int, 64-bit" : k->name;
}

/* The readers of the kinds, for the operation tables (ws_kind_read.c). */
ws_status ws_str_read(const ws_kind *k, ws_reader *r, void *v);
ws_status ws_bytes_read(const ws_kind *k, ws_reader *r, void *v);
ws_status ws_int_read(const ws_kind *k, ws_reader *r, void *v);
ws_status ws_bool_read(const ws_kind *k, ws_reader *r, void *v);
ws_status ws_headers_read(const ws_kind *k, ws_reader *r, void *v);
ws_status ws_float_read(const ws_kind *k, ws_reader *r, void *v);
ws_status ws_opt_read(const ws_kind *k, ws_reader *r, void *v);
ws_status ws_list_read(const ws_kind *k, ws_reader *r, void *v);
ws_status ws_map_read(const ws_kind *k, ws_reader *r, void *v);

/* Reads a value of kind k into *v, as k->ops->read does: inline, with
 * text, the most common kind, straight to the reader. */
static inline ws_status ws_kind_read(const ws_kind *k, ws_reader *r, void *v) {
  return k->tag == WS_KIND_STR ? ws_read_str(r, (ws_str *)v)
                               : k->ops->read(k, r, v);
}

/* Reads a value of kind k into *v (see ws_kind_ops.read), after naming
 * its type for error messages and refusing null where k has no None (a T?
 * does both in its reader). The reader's path names the value already. */
static inline ws_status ws_kind_read_value(const ws_kind *k, ws_reader *r,
                                           void *v) {
  if (k->tag == WS_KIND_OPT)
    return ws_opt_read(k, r, v);
  if (k->tag == WS_KIND_REF)
    return ws_ref_read(k, r, v);
  ws_path_set_type(r, ws_kind_label(k));
  if (ws_read_null_refused(r, k->name))
    return r->status;
  return ws_kind_read(k, r, v);
}

/* T?: makes *o present with a copy of *value (which may point into *o);
 * on failure *o is unchanged. */
ws_status ws_opt_set(const ws_kind *k, void *o, const void *value);

/* list<T>: appends a copy of *item (which may point into the list); on
 * failure the list holds what it held. */
ws_status ws_list_append(const ws_kind *k, void *list, const void *item);
/* Appends an empty element and returns it (NULL when out of memory, the
 * list unchanged): for readers, which then read the element in place. */
void *ws_list_push(const ws_kind *k, void *list);
/* Element index of the array at offset array_at in the composite v. */
static inline const void *ws_kind_item(const ws_kind *k, const void *v,
                                       size_t array_at, size_t index) {
  const char *items;
  memcpy(&items, (const char *)v + array_at, sizeof items);
  return items + index * k->elem->size;
}

/* The str() view of element index of the list obj. Inline, like the map's
 * below: the module's one-line wrapper then holds the whole step. */
static inline void ws_list_child(const ws_kind *k, const void *obj,
                                 size_t index, const char **key,
                                 size_t *key_len, ws_pv *value) {
  *key = NULL;
  *key_len = 0;
  ws_kind_pv(k->elem, ws_kind_item(k, obj, k->items_at, index), value);
}

/* map<str, T>: sets key to a copy of *value (which may point into the
 * map), replacing an existing key's value in place or appending the key;
 * on failure the map holds what it held. */
ws_status ws_map_set(const ws_kind *k, void *map, ws_strview key,
                     const void *value);
/* Appends key, known not to be in the map, with a copy of *value. */
ws_status ws_map_insert(const ws_kind *k, void *map, ws_strview key,
                        const void *value);
/* Appends key[0..len), known not to be in the map, with an empty value,
 * and returns the value (NULL when out of memory, the map unchanged): for
 * readers. */
void *ws_map_push(const ws_kind *k, void *map, const char *key, size_t len);
/* The value of key, or NULL: through the map's index when it is current,
 * else by a pass over the keys. */
const void *ws_map_get(const ws_kind *k, const void *map, ws_strview key);
/* Brings the map's index up to date (building it once the map is large):
 * for a change about to look keys up with ws_map_get, so that n changes
 * cost O(n). WS_ENOMEM when it cannot grow; the map is unchanged. */
ws_status ws_map_index(const ws_kind *k, void *map);
/* Where key is in a map about to change (*i), or the map's length when it
 * is not there: ws_map_set's own lookup, through the map's index, which
 * it builds or brings up to date first once the map is large, so that n
 * lookups and appends cost O(n) (for code that appends keys itself, as a
 * builder does). WS_ENOMEM when the index cannot grow; the map is
 * unchanged and *i not set. */
ws_status ws_map_find_to_change(const ws_kind *k, void *map, ws_strview key,
                                size_t *i);
static inline void ws_map_key(const ws_kind *k, const void *obj, size_t index,
                              const char **key, size_t *key_len) {
  const ws_str *name;
  memcpy(&name, (const char *)obj + k->keys_at, sizeof name);
  *key = ws_str_c(&name[index]);
  *key_len = name[index].len;
}
static inline void ws_map_child(const ws_kind *k, const void *obj, size_t index,
                                const char **key, size_t *key_len,
                                ws_pv *value) {
  ws_map_key(k, obj, index, key, key_len);
  ws_kind_pv(k->elem, ws_kind_item(k, obj, k->items_at, index), value);
}

/* The value a field of kind *k at p holds, looking through T?: p itself,
 * a nullable's value when present (and *k becomes the value's kind), or
 * NULL for None. For the constraint checks, which apply to the value. */
static inline const void *ws_kind_value(const ws_kind **k, const void *p) {
  if ((*k)->ops != &ws_opt_ops)
    return p;
  if (!*(const bool *)((const char *)p + (*k)->present_at))
    return NULL;
  p = (const char *)p + (*k)->value_at;
  *k = (*k)->elem;
  return p;
}

/* The first NaN or infinity in a value of kind k (a float, or a
 * composite holding floats) as a WS_ERANGE naming its path; WS_OK when
 * there is none. For encode's message when JSON refused one. */
ws_status ws_kind_check_finite(const ws_kind *k, const void *v,
                               const char *path, ws_error *err);

/* The byte length of the text at p, a str or (k is ws_bytes_kind) bytes. */
static inline size_t ws_kind_text_len(const ws_kind *k, const void *p) {
  return k == &ws_bytes_kind ? ((const ws_bytes *)p)->len
                             : ((const ws_str *)p)->len;
}

#ifdef __cplusplus
}
#endif

#endif
