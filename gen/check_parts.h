/* check_parts.h - what check.c and check_names.c share: the checker's
 * state and the small helpers both use. Not part of check.h: nothing outside
 * the checker needs it. */
#ifndef GEN_CHECK_PARTS_H
#define GEN_CHECK_PARTS_H

#include <stdbool.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "check.h"

#define NONE SIZE_MAX

typedef struct checker {
  const ast_module *ast;
  diag *d;
  ir_module *m;
  bool oom;
  bool too_deep;         /* a hierarchy deeper than CHECK_MAX_INHERITANCE */
  ir_map *class_index;   /* name -> ast index + 1 */
  size_t *base;          /* ast index of each class's base, or NONE */
  ir_class **ir;         /* by ast index */
  size_t *order;         /* ast index of each class in m->classes */
  ir_map **field_index;  /* by ast index: own field name -> ast_field */
  ir_map *c_names;       /* generated C identifier -> owner (c_owner) */
  struct cb_arena *owners; /* the c_owners, each holding its name: the key */
  const ir_module *const *imports; /* one per ast->imports entry, */
  size_t import_count;             /* or none (check_schema) */
  ir_map *imported;      /* name -> check_named, for what imports define */
  struct check_named *named;
  const ir_class **foreign_base; /* by ast index: an imported base, or NULL */
  ir_map *enum_index;    /* enum name -> ast index + 1 (the first of a name) */
  ir_map *std_names;     /* check_reserved.c's names of C and POSIX */
} checker;

static inline char *dup_str(checker *k, const char *s) {
  char *d = malloc(strlen(s) + 1);
  if (!d) {
    k->oom = true;
    return NULL;
  }
  return strcpy(d, s);
}

static inline bool in_list(const char *s, const char *const *list) {
  for (; *list; list++)
    if (strcmp(s, *list) == 0) return true;
  return false;
}

/* The ast index of the class called name, or NONE. */
static inline size_t class_named(const checker *k, const char *name) {
  size_t i = (size_t)(uintptr_t)ir_map_get(k->class_index, name);
  return i ? i - 1 : NONE;
}

/* ---- check_class_types.c: classes as field types -------------------------- */

/* The type of a field that names class t->name (known to be a class). */
const ir_type *resolve_class_type(checker *k, const ast_type *t);

/* The type of a field that names c, a class of an imported module; for an
 * abstract c, reports the classes of the imports below it that have a field
 * named type. */
const ir_type *resolve_imported_class_type(checker *k, const ast_type *t, const ir_class *c);

/* elem? for elem a class type that is not nullable yet. */
const ir_type *nullable_class_type(checker *k, const ir_type *elem);

/* Reports every class that contains itself by value: through fields of
 * class type and bases, with no '?', list or map in between; and a field
 * named type below an abstract class that a field holds. */
void check_containment(checker *k);

/* ---- check_imports.c: what imported modules define ---------------------- */

/* A name an imported module defines: a class or an enum. Every kind of
 * named type an import can bring is looked up through this one table. */
typedef enum check_named_kind { CHECK_NAMED_CLASS, CHECK_NAMED_ENUM } check_named_kind;

typedef struct check_named {
  check_named_kind kind;
  const ir_class *class_def; /* CHECK_NAMED_CLASS */
  const ir_type *enum_type;  /* CHECK_NAMED_ENUM: the imported module's */
  const ir_module *module;   /* the module that defines it */
} check_named;

/* Reports the unknown type name at offset, with a hint when the file can
 * see a type of a close name or name is another language's word for one of
 * ours (check_suggest.c). */
void check_report_unknown_type(checker *k, size_t offset, const char *name);

/* Indexes what the imported modules define (k->imported). */
void check_index_imports(checker *k);

/* What an imported module defines under name, or NULL. */
const check_named *check_imported(const checker *k, const char *name);

/* The type of the imported enum called name, or NULL. */
const ir_type *check_imported_enum(const checker *k, const char *name);

/* Class i's base is b, an imported class: reports a base that cannot be
 * one across modules, else records it in k->foreign_base. */
void check_foreign_base(checker *k, size_t i, const ir_class *b);

/* How deep class i sits below its imported ancestors: 0 without an
 * imported base, else one more than the imported base's depth. */
size_t check_foreign_depth(const checker *k, size_t i);

/* Reports field f of class ci if it repeats a field inherited from an
 * imported ancestor; false then. */
bool check_field_not_inherited_across(checker *k, size_t ci, const ast_field *f);

/* Lists in k->m->foreign the imported composite types the module's classes
 * reach through inherited fields, and records the imports in k->m. */
void check_link_imports(checker *k);
/* ---- check.c: shared with check_enum.c ---------------------------------- */
extern const char *const schema_keywords[];
void check_doc(checker *k, const char *doc, ast_pos pos);
void check_name_length(checker *k, const char *what, const char *name, ast_pos pos);
void check_literal_length(checker *k, const ast_literal *lit);

/* ---- check_enum.c: enums -------------------------------------------------- */

/* Checks every enum (names, members, values) and builds k->m->enums,
 * parallel to the AST's. */
void check_enums(checker *k);
/* The type of the enum called name, or NULL. */
const ir_type *check_enum_named(checker *k, const char *name);
/* Whether lit names a member of e (reported when not); what is "default". */
bool check_enum_default(checker *k, const ir_enum *e, const ast_literal *lit, const char *what);
/* v (IR_VALUE_MEMBER, fitting t or t's element) gets its member's index. */
void check_enum_member_index(const ir_type *t, ir_value *v);

/* ---- check_constraint.c: min_len, min_items, max_items, alias ----------- */

/* The constraints check.c leaves: each once, on a type it applies to, not
 * negative, not crossing its max; an alias into out->alias. */
void check_more_constraints(checker *k, const ast_field *f, ir_field *out);
/* A default that breaks min_len or min_items. */
void check_default_in_more(checker *k, const ast_field *f, const ir_field *out);
/* No alias of a field of c (ast a) may be another field's name or alias. */
void check_aliases(checker *k, const ast_class *a, const ir_class *c);

/* ---- check_names.c: the names the generated C will use ------------------ */

/* Reports a field name that is a C or C++ keyword, or a member the generated
 * struct has already. */
void check_field_name(checker *k, const ast_field *f, const ir_class *c);

/* Claims the C identifiers the emitters will generate, in turn, and reports
 * any that two things would share. */
void check_c_names(checker *k);

/* Reports a stem (the schema file's name) that makes a bad header name. */
void check_stem(checker *k);

/* Frees what check_c_names claimed. */
void check_c_names_free(checker *k);

/* ---- check_reserved.c: names C, POSIX and the runtime own ------------------ */

/* Fills k->std_names with the standard names and the keywords given;
 * false when out of memory. */
bool check_reserved_init(checker *k, const char *const *c_keywords,
                         const char *const *cxx_keywords);

/* check_names.c's keyword lists, for check_reserved_init. */
void check_reserved_names_init(checker *k);

/* Why NAME may not be declared by generated code (a sentence fragment:
 * "the runtime's ..."), or NULL when it may. FILE_SCOPE: as a file-scope
 * identifier (a leading underscore is reserved there), else as a member
 * or parameter. */
const char *check_reserved_reason(const checker *k, const char *name, bool file_scope);

#endif
