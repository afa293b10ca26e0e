/* ir.h - the checked intermediate representation: what the emitters read.
 *
 * The checker (check.c) builds it from the AST once every semantic rule
 * holds; emitters never see an invalid schema. All memory belongs to the
 * ir_module and is released by ir_module_free. */
#ifndef GEN_IR_H
#define GEN_IR_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

typedef enum ir_kind {
  IR_STR,
  IR_BYTES,
  IR_INT,
  IR_BOOL,
  IR_HEADERS,
  IR_FLOAT, /* a double */
  IR_ENUM, /* enumeration: names an ir_enum */
  IR_CLASS, /* a concrete class, held inline: cls is the class */
  IR_REF,   /* a class through a pointer: T? of a class (nullable), or an
               abstract class, whose values are of its concrete subclasses */
  IR_OPT,  /* T? : elem is T */
  IR_LIST, /* list<T> : elem is T */
  IR_MAP   /* map<str, T> : elem is T */
} ir_kind;

/* Types are interned: one ir_type per distinct spelling, so emitters may
 * compare pointers. */
typedef struct ir_enum ir_enum;

typedef struct ir_type {
  ir_kind kind;
  const struct ir_type *elem; /* IR_OPT, IR_LIST, IR_MAP */
  const struct ir_class *cls; /* IR_CLASS, IR_REF */
  bool nullable;              /* IR_REF: NULL is None */
  const ir_enum *enumeration; /* IR_ENUM */
  char *spelling;             /* canonical schema text: "map<str, list<str>>" */
  char *c_name;   /* C type: "ws_str", "int64_t", "ab_list_str", "ab_opt_str" */
  char *mangled;  /* identifier-safe name for helpers: "str", "list_str",
                     "opt_headers", "map_str_list_str" */
  char *c_decl;   /* the C type of a member or element that holds it: c_name,
                     or for IR_REF a pointer to the class ("ab_thing *") */
} ir_type;

/* One member of an enum: its schema name and its value. */
typedef struct ir_enum_member {
  char *name;  /* "BUY" */
  char *doc;   /* "" when none */
  char *c_name; /* the C enumerator: "FD_SIDE_BUY" */
  int64_t i;   /* an int-valued enum's value */
  char *s;     /* a string-valued enum's value, decoded; may hold NULs */
  size_t s_len;
  char *text;  /* the value as written: "\"buy\"", "1000" */
} ir_enum_member;

/* enum Side { BUY = "buy", SELL = "sell" }: a C enum whose enumerators
 * count from 0 in schema order, so that the all-zero value is the first
 * member; the values are data in its kind descriptor. */
struct ir_enum {
  char *name;   /* "Side" */
  char *snake;  /* "side" */
  char *c_name; /* "fd_side" */
  char *doc;
  bool is_int;  /* every value an integer; else every value a string */
  ir_enum_member *members;
  size_t member_count;
  unsigned line;
};

typedef enum ir_value_kind {
  IR_VALUE_NONE, /* no default: the field is required */
  IR_VALUE_NULL,
  IR_VALUE_BOOL,
  IR_VALUE_INT,
  IR_VALUE_STR,
  IR_VALUE_EMPTY_LIST,
  IR_VALUE_EMPTY_MAP,
  IR_VALUE_FLOAT,
  IR_VALUE_MEMBER /* an enum member: i is its index, text its name */
} ir_value_kind;

typedef struct ir_value {
  ir_value_kind kind;
  bool b;
  int64_t i;
  char *s; /* decoded UTF-8, NUL-terminated; may hold NULs: use s_len */
  size_t s_len;
  char *text; /* the literal as written in the schema: "\"/\"", "80", "[]" */
  double f;   /* IR_VALUE_FLOAT (an integer literal given to a float too) */
} ir_value;

typedef struct ir_constraints {
  bool has_max_len;
  uint64_t max_len;
  bool has_range;
  bool has_min_len;   /* str, bytes */
  uint64_t min_len;
  bool has_min_items; /* list, map */
  uint64_t min_items;
  bool has_max_items;
  uint64_t max_items;
  int64_t min, max;   /* int: an open end is INT64_MIN or INT64_MAX */
  double fmin, fmax;  /* float: an open end is -HUGE_VAL or HUGE_VAL */
  char *range_text;   /* the range as written, bounds' texts: "0..", "-0.5..1.5" */
  bool http; /* [http]: text fit for an HTTP/1.1 wire */
} ir_constraints;

typedef struct ir_class ir_class;

typedef struct ir_field {
  char *name;       /* schema name, also the C member name */
  char *doc;        /* "" when none */
  const ir_type *type;
  ir_value def;     /* kind IR_VALUE_NONE when required */
  ir_constraints constraints;
  char *alias;      /* an older JSON key the decoder also takes, or NULL */
  const ir_class *owner; /* class that declares it */
  unsigned line;    /* schema position, for comments */
} ir_field;

typedef struct ir_const {
  char *name;
  char *doc;
  const ir_type *type; /* IR_INT, IR_STR or IR_BOOL */
  ir_value value;
} ir_const;

struct ir_class {
  const struct ir_module *module; /* the module that defines it */
  char *name;  /* "ConnectionRequest" */
  char *snake; /* "connection_request" */
  char *c_name; /* "ab_connection_request" */
  char *doc;
  bool is_abstract;
  bool is_exception;
  const ir_class *base; /* NULL for a root */
  /* True when the class has a base or subclasses: its struct then starts
   * with the base struct (member `base`) or, at the root, with
   * `const ws_type *type` so a value can be told apart through its base. */
  bool in_hierarchy;
  ir_field *fields; /* own fields, schema order */
  size_t field_count;
  const ir_field **all_fields; /* inherited first, then own */
  size_t all_field_count;
  ir_const *consts;
  size_t const_count;
  const ir_class **subclasses; /* direct subclasses, schema order */
  size_t subclass_count;
  /* Some field's type is this class (IR_CLASS, IR_REF): the header
   * declares its struct ahead, and defines it before the structs that
   * hold it in place. */
  bool held;
  /* Some field's type is this abstract class (IR_REF): its values come
   * tagged with their class's name. */
  bool held_abstract;
};

typedef struct ir_module {
  char *name;        /* "autobahn.websocket.types" */
  char *doc;
  char *prefix;      /* "ab" */
  char *schema_path; /* as given on the command line */
  char *stem;        /* output file stem: schema file name without .wst */
  ir_class **classes; /* bases before subclasses, otherwise schema order */
  size_t class_count;
  ir_enum **enums; /* schema order */
  size_t enum_count;
  /* Every composite type used (IR_OPT, IR_LIST, IR_MAP), elements before the
   * containers that hold them, in first-use order otherwise. */
  const ir_type **composites;
  size_t composite_count;
  /* The modules this one imports, in import order (borrowed: whoever
   * loaded them frees them). Its header includes theirs. */
  const struct ir_module **imports;
  size_t import_count;
  /* Composite types of imported modules that this module's code reaches:
   * the types of fields its classes inherit from an imported class,
   * elements before their containers (borrowed). The imported module keeps
   * their kind descriptors and JSON writers to itself, so this module's
   * source gives each its own static ones. Such a type that holds a class
   * (IR_CLASS, IR_REF) is listed too, for its kind, unless one of this
   * module's own types has the same C name (and so writes that kind). */
  const ir_type **foreign;
  size_t foreign_count;
  /* internal: all interned types */
  ir_type **types;
  size_t type_count;
  struct ir_map *type_index; /* internal: spelling -> type, for interning */
} ir_module;

void ir_module_free(ir_module *m);

/* ---- for the checker -------------------------------------------------------
 * Interns a type: returns the one ir_type of KIND (over ELEM for IR_OPT,
 * IR_LIST, IR_MAP), creating it on first use and then listing a new composite
 * in m->composites (its element was interned first, so elements come first).
 * Needs m->prefix. NULL when out of memory. */
const ir_type *ir_intern(ir_module *m, ir_kind kind, const ir_type *elem);

/* Interns the type of a field that holds a value of class c (IR_CLASS),
 * spelt as the class's name. NULL when out of memory. */
const ir_type *ir_intern_class(ir_module *m, const ir_class *c);
/* Interns the type of a field that holds a value of class c through a
 * pointer (IR_REF): "Thing?" (nullable) or, for an abstract class, "Thing". */
const ir_type *ir_intern_ref(ir_module *m, const ir_class *c, bool nullable);
/* Whether t is one of m's own types (not one of an imported module's). */
bool ir_module_owns_type(const ir_module *m, const ir_type *t);

/* Lists t, a composite or class type of an imported module, in m->foreign,
 * after its element (nothing when listed already, or for a leaf the
 * runtime describes). False when out of memory. */
bool ir_add_foreign(ir_module *m, const ir_type *t);
/* Interns the type of enum e (spelling its name, C type its c_name). */
const ir_type *ir_intern_enum(ir_module *m, const ir_enum *e);

/* A string-keyed hash table (keys are borrowed, not copied). */
typedef struct ir_map ir_map;
ir_map *ir_map_new(void);
void ir_map_free(ir_map *map);
void *ir_map_get(const ir_map *map, const char *key); /* NULL if absent */
bool ir_map_put(ir_map *map, const char *key, void *value); /* false: out of memory */

#endif
