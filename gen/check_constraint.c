/* check_constraint.c - the constraints beside max_len and range (which
 * check.c checks): min_len on str and bytes, min_items and max_items on
 * lists and maps (each also through a T?), and alias, an older JSON key of
 * a field that the decoder also takes. */
#include <inttypes.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "check_parts.h"

/* min_len and min_items stop here: every generated test builds a value at
 * its field's minimum, in memory and as a JSON literal in its source. */
enum { MAX_MINIMUM = 65536 };

static const char *constraint_name(ast_constraint_kind kind) {
  switch (kind) {
  case AST_MIN_LEN: return "min_len";
  case AST_MIN_ITEMS: return "min_items";
  case AST_MAX_ITEMS: return "max_items";
  default: return "alias";
  }
}

/* Whether t (or the value of a T?) is a type the constraint applies to;
 * reported when not. An unresolved type (NULL) was reported already. */
static bool applies(checker *k, const ast_constraint *c, const ir_type *t) {
  const ir_type *base = t && t->kind == IR_OPT ? t->elem : t;
  if (!base) return false;
  if (c->kind == AST_MIN_LEN) {
    if (base->kind == IR_STR || base->kind == IR_BYTES) return true;
    diag_error(k->d, c->pos.offset, "min_len applies to str and bytes, not '%s'", t->spelling);
    return false;
  }
  if (base->kind == IR_LIST || base->kind == IR_MAP) return true;
  diag_error(k->d, c->pos.offset, "%s applies to lists and maps, not '%s'",
             constraint_name(c->kind), t->spelling);
  return false;
}

/* The flag and value of a counting constraint in out. */
static bool *count_slot(ir_constraints *out, ast_constraint_kind kind, uint64_t **value) {
  switch (kind) {
  case AST_MIN_LEN: *value = &out->min_len; return &out->has_min_len;
  case AST_MIN_ITEMS: *value = &out->min_items; return &out->has_min_items;
  default: *value = &out->max_items; return &out->has_max_items;
  }
}

/* An alias is the field's name before a rename: an identifier. */
static bool is_identifier(const char *s, size_t len) {
  if (len == 0 || (s[0] >= '0' && s[0] <= '9')) return false;
  for (size_t i = 0; i < len; i++) {
    char ch = s[i];
    if (!((ch >= 'a' && ch <= 'z') || (ch >= 'A' && ch <= 'Z') || (ch >= '0' && ch <= '9') ||
          ch == '_'))
      return false;
  }
  return true;
}

static void check_alias(checker *k, const ast_field *f, const ast_constraint *c, ir_field *out) {
  const ast_literal *lit = c->alias;
  if (out->alias) {
    diag_error(k->d, c->pos.offset, "duplicate alias constraint");
  } else if (!is_identifier(lit->s, lit->s_len)) {
    diag_error(k->d, lit->pos.offset, "alias must be a field name (an identifier), found %s",
               lit->text);
  } else if (strcmp(lit->s, f->name) == 0) {
    diag_error(k->d, lit->pos.offset, "alias %s is the field's own name", lit->text);
  } else {
    out->alias = dup_str(k, lit->s);
  }
}

void check_more_constraints(checker *k, const ast_field *f, ir_field *out) {
  ir_constraints *cs = &out->constraints;
  for (size_t i = 0; i < f->constraint_count; i++) {
    const ast_constraint *c = &f->constraints[i];
    if (c->kind == AST_ALIAS) {
      check_alias(k, f, c, out);
      continue;
    }
    if (c->kind != AST_MIN_LEN && c->kind != AST_MIN_ITEMS && c->kind != AST_MAX_ITEMS) continue;
    uint64_t *value;
    bool *has = count_slot(cs, c->kind, &value);
    if (*has) diag_error(k->d, c->pos.offset, "duplicate %s constraint", constraint_name(c->kind));
    else if (c->a < 0)
      diag_error(k->d, c->pos.offset, "%s must not be negative, found %" PRId64,
                 constraint_name(c->kind), c->a);
    else if (c->kind != AST_MAX_ITEMS && c->a > MAX_MINIMUM)
      diag_error(k->d, c->pos.offset,
                 "%s %" PRId64 " is above %d, the largest minimum (the generated tests "
                 "build a value that meets it)", constraint_name(c->kind), c->a, MAX_MINIMUM);
    else if (applies(k, c, out->type)) {
      *has = true;
      *value = (uint64_t)c->a;
    }
  }
  /* a minimum above the maximum leaves no value at all */
  for (size_t i = 0; i < f->constraint_count; i++) {
    const ast_constraint *c = &f->constraints[i];
    if (c->kind == AST_MIN_LEN && cs->has_min_len && cs->has_max_len && cs->min_len > cs->max_len)
      diag_error(k->d, c->pos.offset,
                 "min_len %" PRIu64 " is above max_len %" PRIu64 ": no value fits", cs->min_len,
                 cs->max_len);
    if (c->kind == AST_MIN_ITEMS && cs->has_min_items && cs->has_max_items &&
        cs->min_items > cs->max_items)
      diag_error(k->d, c->pos.offset,
                 "min_items %" PRIu64 " is above max_items %" PRIu64 ": no value fits",
                 cs->min_items, cs->max_items);
  }
}

void check_default_in_more(checker *k, const ast_field *f, const ir_field *out) {
  const ir_value *v = &out->def;
  const ir_constraints *c = &out->constraints;
  if (v->kind == IR_VALUE_STR && c->has_min_len && v->s_len < c->min_len)
    diag_error(k->d, f->def->pos.offset,
               "default is %zu bytes long, fewer than min_len %" PRIu64, v->s_len, c->min_len);
  if ((v->kind == IR_VALUE_EMPTY_LIST || v->kind == IR_VALUE_EMPTY_MAP) && c->has_min_items &&
      c->min_items > 0)
    diag_error(k->d, f->def->pos.offset, "default %s has no items, fewer than min_items %" PRIu64,
               v->text, c->min_items);
}

/* The alias constraint of ast field f, for its position. */
static const ast_constraint *alias_of(const ast_field *f) {
  for (size_t i = 0; i < f->constraint_count; i++)
    if (f->constraints[i].kind == AST_ALIAS) return &f->constraints[i];
  return NULL;
}

/* Each own field's alias against every field's name (inherited ones
 * included) and every earlier alias; each own field's name against the
 * inherited aliases. Quadratic in the fields of a class with an alias,
 * which a person writes by hand. */
void check_aliases(checker *k, const ast_class *a, const ir_class *c) {
  size_t own_from = c->all_field_count - c->field_count;
  bool any = false; /* most classes have none: they cost one pass */
  for (size_t i = 0; i < c->all_field_count && !any; i++) any = c->all_fields[i]->alias != NULL;
  if (!any) return;
  for (size_t i = 0; i < c->field_count; i++) {
    const ir_field *fd = &c->fields[i];
    const ast_constraint *at = alias_of(a->fields[i]);
    for (size_t j = 0; j < c->all_field_count; j++) {
      const ir_field *other = c->all_fields[j];
      if (other == fd) continue;
      if (fd->alias && strcmp(fd->alias, other->name) == 0)
        diag_error(k->d, at->alias->pos.offset, "alias \"%s\" of field '%s' is the name of field '%s'",
                   fd->alias, fd->name, other->name);
      else if (fd->alias && other->alias && strcmp(fd->alias, other->alias) == 0 &&
               (j < own_from || c->all_fields[j] < fd))
        diag_error(k->d, at->alias->pos.offset, "alias \"%s\" of field '%s' is also the alias of field '%s'",
                   fd->alias, fd->name, other->name);
      else if (j < own_from && other->alias && strcmp(other->alias, fd->name) == 0)
        diag_error(k->d, a->fields[i]->pos.offset,
                   "field '%s' has the name of an alias of inherited field '%s'", fd->name,
                   other->name);
    }
  }
}
