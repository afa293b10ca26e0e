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
  ir_map *class_index;   /* name -> ast index + 1 */
  size_t *base;          /* ast index of each class's base, or NONE */
  ir_class **ir;         /* by ast index */
  size_t *order;         /* ast index of each class in m->classes */
  ir_map **field_index;  /* by ast index: own field name -> ast_field */
  ir_map *c_names;       /* generated C identifier -> owner (c_owner) */
  struct c_owner *owners;
  size_t owner_count, owner_cap;
  char **owned_names;    /* the c_names keys, freed at the end */
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

/* elem? for elem a class type that is not nullable yet. */
const ir_type *nullable_class_type(checker *k, const ir_type *elem);

/* Reports every class that contains itself by value: through fields of
 * class type and bases, with no '?', list or map in between; and a field
 * named type below an abstract class that a field holds. */
void check_containment(checker *k);

/* ---- check_names.c: the names the generated C will use ------------------ */

/* Reports a field name that is a C or C++ keyword, or a member the generated
 * struct has already. */
void check_field_name(checker *k, const ast_field *f, const ir_class *c);

/* Claims the C identifiers the emitters will generate, in turn, and reports
 * any that two things would share. */
void check_c_names(checker *k);

/* Frees what check_c_names claimed. */
void check_c_names_free(checker *k);

#endif
