/* ws_type.h - run-time descriptors of generated classes, for tools and tests
 * that work on types by name. Every generated class has one, e.g.
 * `extern const ws_type ab_ping_type;`, and every generated module a table
 * of them. */
#ifndef WS_TYPE_H
#define WS_TYPE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "ws_buf.h"
#include "ws_json_read.h"
#include "ws_kind.h"
#include "ws_pformat.h"
#include "ws_status.h"

#ifdef __cplusplus
extern "C" {
#endif

/* The three representations of a value (DESIGN.md section 3). */
typedef enum ws_format {
  WS_FORMAT_JSON = 0,        /* json.dumps(d, ensure_ascii=False, separators=(',', ':')) */
  WS_FORMAT_JSON_PYTHON = 1, /* json.dumps(d) */
  WS_FORMAT_STR = 2          /* pprint.pformat(d) */
} ws_format;

enum ws_type_flags {
  WS_TYPE_ABSTRACT = 1u << 0,
  WS_TYPE_EXCEPTION = 1u << 1,
  /* The value starts with its own class (`const ws_type *type`, in the
   * root class of a hierarchy), which init sets and copy copies. */
  WS_TYPE_TAGGED = 1u << 2,
  /* The class is tagged, so it may have subclasses (or is abstract), in
   * its module or in one that imports it: a value handed to its functions
   * may be of another class, whose own functions then run. */
  WS_TYPE_DISPATCHES = 1u << 3,
  /* Every field name is plain text for pformat (ws_pv.keys_plain). */
  WS_TYPE_KEYS_PLAIN = 1u << 4,
  /* No field has a constraint (max_len, range, min_len, min_items,
   * max_items, an enum's membership), so encode and the reader need not
   * look for one. Like KEYS_PLAIN, a promise that saves work: a descriptor
   * without it is checked field by field, which is only slower. */
  WS_TYPE_UNCONSTRAINED = 1u << 5
};

enum ws_field_flags {
  WS_FIELD_REQUIRED = 1u << 0,
  /* init stores the default: default_int (int, bool) or default_str (str,
   * bytes) or default_float (float), making a T? present. Not set for defaults that are the
   * all-zero value: 0, false, "", null, [] and {}. */
  WS_FIELD_DEFAULT = 1u << 1,
  /* The field holds values of classes (a class, or a T?, list or map of
   * one): validate and encode check their fields' constraints too. */
  WS_FIELD_NESTED = 1u << 2,
  /* The value holds enum members (itself, or in a list, map or T?), which
   * must be members: encode checks them with the constraints. */
  WS_FIELD_ENUM = 1u << 3
};

typedef struct ws_field_desc {
  const char *name;
  const char *type;          /* schema spelling: "map<str, list<str>>" */
  const char *doc;           /* "" when none */
  const char *default_value; /* schema literal ("80", "null", "[]"), NULL if required */
  bool has_max_len;
  uint64_t max_len;
  bool has_range;
  int64_t min, max; /* an int's range; an open end is INT64_MIN, INT64_MAX */
  bool http; /* [http]: text fit for an HTTP/1.1 wire (ws_http.h) */
  /* What the runtime walks (generated tables fill these in). */
  size_t name_len;
  const ws_kind *kind;
  size_t offset;  /* of the member in the class's struct */
  unsigned flags; /* ws_field_flags */
  int64_t default_int; /* int, bool; an enum's member index */
  const char *default_str;
  size_t default_len;
  /* A float field's default (WS_FIELD_DEFAULT) and range (has_range); an
   * open end of the range is -HUGE_VAL or HUGE_VAL. */
  double default_float;
  double fmin, fmax;
  /* More constraints (ws_constraint.h), on the value of a T? like the
   * others: min_len (str, bytes), min_items and max_items (list, map). */
  bool has_min_len;
  uint64_t min_len;
  bool has_min_items;
  uint64_t min_items;
  bool has_max_items;
  uint64_t max_items;
  /* An older JSON key the reader also takes for this field, or NULL. */
  const char *alias;
  size_t alias_len;
} ws_field_desc;

/* The start of a generated field table's row: the field's schema name, the
 * struct member it is stored in (MEMBER may be a path, base.payload, for an
 * inherited field) and its kind. The row goes on with .type, .flags, .doc
 * and whatever else the field has:
 *   {WS_FIELD(ab_ping, "payload", payload, &ws_bytes_kind), .type = ...}. */
#define WS_FIELD(T, NAME, MEMBER, KIND)                                        \
  .name = NAME, .name_len = sizeof NAME - 1, .kind = KIND,                     \
  .offset = offsetof(T, MEMBER)

/* A field in the str() view's key order: its index in the field table and
 * the length of its name. */
typedef struct ws_key_slot {
  size_t field;
  size_t name_len;
} ws_key_slot;

typedef struct ws_const_desc {
  const char *name;
  const char *type;  /* "int", "str" or "bool" */
  const char *value; /* schema literal */
  const char *doc;
} ws_const_desc;

typedef struct ws_type ws_type;
struct ws_type {
  const char *name;   /* schema name, "ConnectionRequest" */
  const char *c_name; /* "ab_connection_request" */
  const char *doc;
  const ws_type *base; /* NULL for a root class */
  unsigned flags;      /* ws_type_flags */
  size_t size;         /* sizeof the struct */
  const ws_field_desc *fields; /* all fields, inherited first, in order */
  size_t field_count;
  const ws_const_desc *consts;
  size_t const_count;
  /* The str() view: the fields in key order (code point order of the
   * names), a width its one-line form needs at least (ws_pv.min_width),
   * and the module's one-line wrapper of ws_class_child for this type. */
  const ws_key_slot *key_order;
  size_t min_width;
  ws_pv_child_fn child;
  /* Writes the value as JSON (format WS_FORMAT_JSON or _JSON_PYTHON):
   * straight-line generated code. NULL for an abstract class. */
  void (*put_json)(ws_buf *b, const void *obj, ws_format format);
  /* The operations, called with the descriptor itself as t:
   * t->free(t, obj). Generated descriptors point them at the runtime's
   * table walks (ws_class.h), so they need no code of their own. init
   * fills all of obj, which is uninitialised before (on failure obj is
   * all-zero); it is NULL for abstract classes, which cannot be made.
   * copy replaces dst, a valid value, and leaves it unchanged on failure
   * (docs/generated-api.md, "Ownership"). */
  ws_status (*init)(const ws_type *t, void *obj);
  /* The rest take an object of exactly this class (or, through a base's
   * descriptor, any subclass: they dispatch on the object's own type). */
  void (*free)(const ws_type *t, void *obj);
  ws_status (*copy)(const ws_type *t, void *dst, const void *src);
  bool (*equal)(const ws_type *t, const void *a, const void *b);
  ws_status (*validate)(const ws_type *t, const void *obj, ws_error *err);
  /* Appends obj in format to out. Refuses, before writing anything, a
   * value that breaks a max_len or range constraint (WS_ECONSTRAINT,
   * WS_ERANGE, err as validate fills it); checks text for valid UTF-8 as
   * it writes (WS_EUTF8, naming the field). Nothing else is checked. On
   * any failure out holds what it held before. */
  ws_status (*encode)(const ws_type *t, const void *obj, ws_format format,
                      ws_buf *out, ws_error *err);
  /* Reads one JSON object into obj, which init has prepared, checking all
   * that validate checks (the reader refuses invalid UTF-8; constraints are
   * checked as each field is read); on failure obj may hold a partial value
   * that free releases. */
  ws_status (*read)(const ws_type *t, ws_reader *r, void *obj);
};

/* True when t is `base` or derives from it. */
bool ws_type_is(const ws_type *t, const ws_type *base);

/* Decodes json into an object of type t (init, read, end of input; no
 * separate validate pass, since reading checks UTF-8 and every constraint)
 * that replaces *obj: obj must be valid (all-zero or filled,
 * docs/generated-api.md, "Ownership"), and its old value is freed. On
 * failure *obj is unchanged and err says why. An abstract type (no init)
 * gives WS_EINVAL. */
ws_status ws_type_decode(const ws_type *t, void *obj, const char *json,
                         size_t len, const ws_decode_opts *opts,
                         ws_error *err);

#ifdef __cplusplus
}
#endif

#endif
