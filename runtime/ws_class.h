/* ws_class.h - the cold paths of every generated class, walked over its
 * descriptor (ws_type.h) and field table instead of written out per class:
 * init with defaults, free, copy, equal, validate, the str() view and the
 * encode frame. Generated functions are typed one-line wrappers of these.
 *
 * Each takes the class t whose function was called. A class with
 * WS_TYPE_DISPATCHES hands a value of another class (a subclass, through a
 * base) to that class's own descriptor; an abstract class always does, and
 * treats an all-zero value (no class yet) as empty. */
#ifndef WS_CLASS_H
#define WS_CLASS_H

#include <stdbool.h>
#include <stddef.h>
#include <string.h>

#include "ws_buf.h"
#include "ws_pformat.h"
#include "ws_status.h"
#include "ws_type.h"

#ifdef __cplusplus
extern "C" {
#endif

/* The class whose functions handle *v when t's were called: t, or the
 * value's own class when t dispatches and that is another (NULL for an
 * all-zero value of an abstract class). */
static inline const ws_type *ws_class_handler(const ws_type *t, const void *v) {
  const ws_type *own;
  if (!(t->flags & WS_TYPE_DISPATCHES))
    return t;
  memcpy(&own, v, sizeof own); /* a tagged value starts with its class */
  if (own == NULL)
    return (t->flags & WS_TYPE_ABSTRACT) ? NULL : t;
  return own;
}

/* Every field to its default (required fields empty or zero), the class
 * set when t is tagged. The one function that takes uninitialised memory
 * (docs/generated-api.md, "Ownership"). May allocate (text defaults); on
 * failure *v is all-zero. */
ws_status ws_class_init(const ws_type *t, void *v);
/* ws_class_init of an all-zero *v, which it need not clear first. */
ws_status ws_class_init_zeroed(const ws_type *t, void *v);
/* Releases *v and leaves every member zero; safe twice. */
void ws_class_free(const ws_type *t, void *v);
/* Replaces dst, a valid value of t, with a deep copy of src; on failure
 * dst is unchanged. Through a base class, dst needs room for src's own
 * class. */
ws_status ws_class_copy(const ws_type *t, void *dst, const void *src);
bool ws_class_equal(const ws_type *t, const void *a, const void *b);
/* The UTF-8 of every text in *v, in field order (paths "$.name"). */
ws_status ws_class_check_text(const ws_type *t, const void *v, ws_error *err);
/* The first float field value (or element of one) that is NaN or an
 * infinity, as a WS_ERANGE naming its path ("$.x", "$.xs[2]"); WS_OK when
 * there is none. JSON cannot carry those (str() can). */
ws_status ws_class_check_finite(const ws_type *t, const void *v,
                                ws_error *err);
/* Every constraint (max_len, range) in field order; a T? only when
 * present. Messages and paths as ws_check.h makes them:
 *   $.payload is 126 bytes, more than the 125 allowed (max_len 125) */
ws_status ws_class_check_constraints(const ws_type *t, const void *v,
                                     ws_error *err);
/* check_text, then check_constraints. */
ws_status ws_class_validate(const ws_type *t, const void *v, ws_error *err);
/* The str() view of *v: its fields as a dict, read through t->child. */
void ws_class_pv(const ws_type *t, const void *v, ws_pv *out);
/* Child index of that view: the field index-th in key order. Inline, so
 * that the module's one-line wrapper holds the whole step. */
static inline void ws_class_child(const ws_type *t, const void *obj,
                                  size_t index, const char **key,
                                  size_t *key_len, ws_pv *value) {
  const ws_key_slot *slot = &t->key_order[index];
  const ws_field_desc *fd = &t->fields[slot->field];
  *key = fd->name;
  *key_len = slot->name_len;
  ws_kind_pv(fd->kind, (const char *)obj + fd->offset, value);
}
/* "Point has: x, y" (or "Point has no fields") in out, cut to size bytes:
 * what an unknown field's message says the class has. */
void ws_class_field_names(const ws_type *t, char *out, size_t size);
/* Reads one JSON object into *v, which init has prepared: each field's
 * value in place, its constraints checked as it is read; unknown keys are
 * refused (or skipped, with opts.skip_unknown), and so are keys given
 * twice and missing required fields (ws_read_refuse.h). On failure *v may
 * hold a partial value that free releases; r->status says why
 * (ws_class_read.c). The descriptor's read operation. */
ws_status ws_class_read_into(const ws_type *t, ws_reader *r, void *v);
/* The generated _read: replaces *v, a valid value, with the object read
 * (init, then ws_class_read_into, aside); on failure *v is unchanged. */
ws_status ws_class_read(const ws_type *t, ws_reader *r, void *v);
/* The generated _make: replaces *v, a valid value, with t's defaults and
 * each required field, in field order, from args: for text (str, bytes) a
 * pointer to its view (ws_strview, ws_bytesview), for any other kind a
 * pointer to a value of the kind, copied; for a T?, NULL (None) or what T
 * takes. On failure *v is unchanged (ws_class_make.c). */
ws_status ws_class_make(const ws_type *t, void *v, const void *const *args);
/* Appends *v in format to out (see docs/generated-api.md, Encoding):
 * t->put_json for JSON, pformat of the view for str. A value is refused
 * before anything is written when a field breaks its max_len or range
 * (check_constraints; skipped for a class flagged WS_TYPE_UNCONSTRAINED),
 * and while it is written when text is not valid UTF-8 (named by its
 * field, as check_text does). Nothing else is checked. On failure out
 * holds what it held before (ws_encode.c). */
ws_status ws_class_encode(const ws_type *t, const void *v, ws_format format,
                          ws_buf *out, ws_error *err);

/* WS_EDEPTH ("$ nests deeper than 64 levels", path "$") when *v, of a
 * class whose fields hold class values, nests deeper than the reader
 * takes (WS_JSON_MAX_DEPTH); validate and encode check it first, so that
 * their walks over a value linked by hand stay within a bounded stack. */
ws_status ws_class_check_depth(const ws_type *t, const void *v, ws_error *err);

/* For the kinds that hold class values (ws_kind_class.c, ws_kind_ref.c):
 * the UTF-8 of every text in *v, and the constraints of every field
 * (nested values included), with paths made from path, which names *v. */
ws_status ws_class_check_text_in(const ws_type *t, const void *v,
                                 const char *path, ws_error *err);
ws_status ws_class_check_nested_in(const ws_type *t, const void *v,
                                   const char *path, ws_error *err);
/* The same for the value a WS_KIND_REF slot points to: a NULL that is not
 * None (a field of an abstract class never set) is refused, WS_EMISSING. */
ws_status ws_ref_check_nested(const ws_kind *k, const void *slot,
                              const char *path, ws_error *err);
/* ws_class_read_into for a value held through an abstract class: the object may
 * also have the key "type" (once), which names the class and is skipped. */
ws_status ws_class_read_tagged(const ws_type *t, ws_reader *r, void *v);
/* The JSON of the value a WS_KIND_REF slot's pointer p points to: null for
 * NULL, for an abstract class the value's fields after "type" and its
 * class's name. */
void ws_json_put_ref(ws_buf *b, const ws_kind *k, const void *p,
                     ws_json_mode mode);

/* Writes *v, a value of exactly class t, as JSON in mode: for a field or
 * element that holds a class value, inside another value's JSON writer. */
static inline void ws_json_put_class(ws_buf *b, const ws_type *t, const void *v,
                                     ws_json_mode mode) {
  t->put_json(b, v,
              mode == WS_JSON_COMPACT ? WS_FORMAT_JSON : WS_FORMAT_JSON_PYTHON);
}

/* The operations of a generated class's descriptor (ws_type.h): the table
 * walks above. An abstract class has no init and no read. */
#define WS_CLASS_OPS                                                           \
  .init = ws_class_init, WS_ABSTRACT_CLASS_OPS, .read = ws_class_read_into
#define WS_ABSTRACT_CLASS_OPS                                                  \
  .free = ws_class_free, .copy = ws_class_copy, .equal = ws_class_equal,       \
  .validate = ws_class_validate, .encode = ws_class_encode

/* The public functions of a generated class T (docs/generated-api.md), each
 * a one-line call of a walk above with T's descriptor, T_type. A generated
 * STEM.c states them as WS_CLASS_FUNCTIONS(ab_ping) (an abstract class:
 * WS_ABSTRACT_CLASS_FUNCTIONS, without _init, _decode and _read) and
 * writes _make itself; STEM.h has their prototypes. */
#define WS_ABSTRACT_CLASS_FUNCTIONS(T)                                         \
  void T##_free(T *v) { ws_class_free(&T##_type, v); }                         \
  ws_status T##_copy(T *dst, const T *src) {                                   \
    return ws_class_copy(&T##_type, dst, src);                                 \
  }                                                                            \
  bool T##_equal(const T *a, const T *b) {                                     \
    return ws_class_equal(&T##_type, a, b);                                    \
  }                                                                            \
  ws_status T##_validate(const T *v, ws_error *err) {                          \
    return ws_class_validate(&T##_type, v, err);                               \
  }                                                                            \
  ws_status T##_encode(const T *v, ws_format format, ws_buf *out,              \
                       ws_error *err) {                                        \
    return ws_class_encode(&T##_type, v, format, out, err);                    \
  }
#define WS_CLASS_FUNCTIONS(T)                                                  \
  ws_status T##_init(T *v) { return ws_class_init(&T##_type, v); }            \
  WS_ABSTRACT_CLASS_FUNCTIONS(T)                                               \
  ws_status T##_decode(T *v, const char *json, size_t len,                     \
                       const ws_decode_opts *opts, ws_error *err) {            \
    return ws_type_decode(&T##_type, v, json, len, opts, err);                 \
  }                                                                            \
  ws_status T##_read(ws_reader *r, T *v) {                                     \
    return ws_class_read(&T##_type, r, v);                                     \
  }

#ifdef __cplusplus
}
#endif

#endif
