/* check_enum.c - the checks of enums (see check_parts.h): a name that is
 * neither a keyword nor another class's or enum's, at least one member,
 * member names and values each unique, values all strings or all integers;
 * and an enum default that names a member. Builds the IR's enums, whose
 * types then resolve by name like the built-in ones. */
#include <ctype.h>
#include <inttypes.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "check_parts.h"
#include "printer.h"

/* The C enumerator of member m of e: PREFIX_ENUM_MEMBER, upper-cased
 * ("FD_SIDE_BUY"): the spelling C code uses for constants. */
static char *enumerator_name(checker *k, const ir_enum *e, const char *member) {
  gstr name = {0};
  gstr_printf(&name, "%s_%s", e->c_name, member);
  if (gstr_failed(&name)) {
    gstr_free(&name);
    k->oom = true;
    return NULL;
  }
  char *out = dup_str(k, gstr_cstr(&name));
  gstr_free(&name);
  for (char *p = out; p && *p; p++) *p = (char)toupper((unsigned char)*p);
  return out;
}

/* ---- the enum's name ------------------------------------------------------- */
/* A keyword, a class's name or an earlier enum's: reported; false then. */
static bool check_enum_name(checker *k, size_t i) {
  const ast_enum *e = k->ast->enums[i];
  if (in_list(e->name, schema_keywords)) {
    diag_error(k->d, e->name_pos.offset, "'%s' is a keyword and cannot be an enum name", e->name);
    return false;
  }
  size_t c = class_named(k, e->name);
  if (c != NONE) {
    diag_error(k->d, e->name_pos.offset, "enum '%s' has the name of a class", e->name);
    diag_note(k->d, k->ast->classes[c]->name_pos.offset, "class defined here");
    return false;
  }
  size_t first = (size_t)(uintptr_t)ir_map_get(k->enum_index, e->name);
  if (first) {
    diag_error(k->d, e->name_pos.offset, "duplicate enum '%s'", e->name);
    diag_note(k->d, k->ast->enums[first - 1]->name_pos.offset, "first defined here");
    return false;
  }
  if (!ir_map_put(k->enum_index, e->name, (void *)(uintptr_t)(i + 1))) k->oom = true;
  return true;
}

/* ---- members ---------------------------------------------------------------- */
static const char *value_kind_name(const ast_literal *v) {
  return v->kind == AST_LIT_INT ? "an integer" : "a string";
}

/* Whether two members' values are the same value. */
static bool same_value(const ast_literal *a, const ast_literal *b) {
  if (a->kind != b->kind) return false;
  if (a->kind == AST_LIT_INT) return a->i == b->i;
  return a->s_len == b->s_len && memcmp(a->s, b->s, a->s_len) == 0;
}

/* A member's value and its place, for sorting by value. */
typedef struct valued {
  const ast_literal *v;
  size_t index;
} valued;

/* qsort's order: by kind, then value, then place, so that the first of a
 * run of equal values is the member that has it first. */
static int by_value(const void *pa, const void *pb) {
  const valued *a = pa, *b = pb;
  int c = (int)a->v->kind - (int)b->v->kind;
  if (c == 0 && a->v->kind == AST_LIT_INT) c = (a->v->i > b->v->i) - (a->v->i < b->v->i);
  else if (c == 0) {
    size_t n = a->v->s_len < b->v->s_len ? a->v->s_len : b->v->s_len;
    c = memcmp(a->v->s, b->v->s, n);
    if (c == 0) c = (a->v->s_len > b->v->s_len) - (a->v->s_len < b->v->s_len);
  }
  if (c == 0) c = (a->index > b->index) - (a->index < b->index);
  return c;
}

/* For each member, the first member whose value equals its own (itself
 * when none before it has it): sorted once, so that a long enum costs
 * n log n, not a comparison of every pair. NULL when out of memory. */
static size_t *first_with_value(const ast_enum *e) {
  size_t n = e->member_count;
  valued *sorted = malloc((n ? n : 1) * sizeof *sorted);
  size_t *first = malloc((n ? n : 1) * sizeof *first);
  if (!sorted || !first) {
    free(sorted);
    free(first);
    return NULL;
  }
  for (size_t j = 0; j < n; j++) sorted[j] = (valued){e->members[j]->value, j};
  qsort(sorted, n, sizeof *sorted, by_value);
  for (size_t j = 0; j < n; j++) {
    bool same = j > 0 && sorted[j - 1].v->kind == sorted[j].v->kind &&
                same_value(sorted[j - 1].v, sorted[j].v);
    first[sorted[j].index] = same ? first[sorted[j - 1].index] : sorted[j].index;
  }
  free(sorted);
  return first;
}

/* Member j against those before it: its name, its value's type and the
 * value itself (first[j]: the first member with j's value). */
static void check_member(checker *k, const ast_enum *e, ir_map *names, const size_t *first_same,
                         size_t j) {
  const ast_enum_member *m = e->members[j];
  const ast_enum_member *first = e->members[0];
  const ast_enum_member *dup = ir_map_get(names, m->name);
  check_doc(k, m->doc, m->doc_pos);
  check_name_length(k, "member name", m->name, m->pos);
  check_literal_length(k, m->value);
  if (dup) {
    diag_error(k->d, m->pos.offset, "duplicate member '%s' in enum '%s'", m->name, e->name);
    diag_note(k->d, dup->pos.offset, "first defined here");
    return;
  }
  if (!ir_map_put(names, m->name, (void *)(uintptr_t)m)) k->oom = true;
  if (m->value->kind != first->value->kind) {
    diag_error(k->d, m->value->pos.offset,
               "value of '%s' is %s, but enum '%s' is %s-valued (its first member '%s' is %s)",
               m->name, value_kind_name(m->value), e->name,
               first->value->kind == AST_LIT_INT ? "int" : "string", first->name,
               value_kind_name(first->value));
    return;
  }
  if (first_same[j] != j) {
    const ast_enum_member *o = e->members[first_same[j]];
    diag_error(k->d, m->value->pos.offset, "duplicate value %s in enum '%s' ('%s' has it too)",
               m->value->text, e->name, o->name);
    diag_note(k->d, o->value->pos.offset, "first used here");
  }
}

static void build_member(checker *k, const ir_enum *e, const ast_enum_member *a,
                         ir_enum_member *out) {
  out->name = dup_str(k, a->name);
  out->doc = dup_str(k, a->doc ? a->doc : "");
  out->c_name = enumerator_name(k, e, a->name);
  out->text = dup_str(k, a->value->text);
  out->i = a->value->i;
  if (a->value->kind == AST_LIT_STR) {
    out->s = malloc(a->value->s_len + 1);
    if (out->s) memcpy(out->s, a->value->s, a->value->s_len + 1);
    else k->oom = true;
    out->s_len = a->value->s_len;
  }
}

static ir_enum *new_enum(checker *k, const ast_enum *a) {
  ir_enum *e = calloc(1, sizeof *e);
  if (!e) {
    k->oom = true;
    return NULL;
  }
  e->name = dup_str(k, a->name);
  e->doc = dup_str(k, a->doc ? a->doc : "");
  e->snake = check_snake_case(a->name);
  e->line = a->name_pos.line;
  gstr c_name = {0};
  gstr_printf(&c_name, "%s_%s", k->m->prefix, e->snake ? e->snake : "");
  e->c_name = gstr_failed(&c_name) ? NULL : dup_str(k, gstr_cstr(&c_name));
  gstr_free(&c_name);
  if (!e->snake || !e->c_name) k->oom = true;
  e->is_int = a->member_count > 0 && a->members[0]->value->kind == AST_LIT_INT;
  e->members = calloc(a->member_count + 1, sizeof *e->members);
  if (!e->members) {
    k->oom = true;
    return e;
  }
  for (size_t j = 0; j < a->member_count && !k->oom; j++, e->member_count++)
    build_member(k, e, a->members[j], &e->members[j]);
  return e;
}

static void check_enum(checker *k, size_t i) {
  const ast_enum *a = k->ast->enums[i];
  check_doc(k, a->doc, a->doc_pos);
  check_name_length(k, "enum name", a->name, a->name_pos);
  check_enum_name(k, i);
  if (a->member_count == 0)
    diag_error(k->d, a->name_pos.offset, "enum '%s' has no members (give it at least one)",
               a->name);
  ir_map *names = ir_map_new();
  size_t *first_same = first_with_value(a);
  if (!names || !first_same) {
    ir_map_free(names);
    free(first_same);
    k->oom = true;
    return;
  }
  for (size_t j = 0; j < a->member_count && !k->oom; j++)
    check_member(k, a, names, first_same, j);
  ir_map_free(names);
  free(first_same);
  ir_enum *e = new_enum(k, a);
  if (e) k->m->enums[k->m->enum_count++] = e;
  /* Interned now, so a module that imports this one finds its type. */
  if (e && !k->oom && !ir_intern_enum(k->m, e)) k->oom = true;
}

void check_enums(checker *k) {
  size_t n = k->ast->enum_count;
  k->m->enums = calloc(n ? n : 1, sizeof *k->m->enums);
  if (!k->m->enums) {
    k->oom = true;
    return;
  }
  for (size_t i = 0; i < n && !k->oom; i++) check_enum(k, i);
}

const ir_type *check_enum_named(checker *k, const char *name) {
  size_t i = (size_t)(uintptr_t)ir_map_get(k->enum_index, name);
  if (!i || i > k->m->enum_count) return NULL;
  const ir_type *t = ir_intern_enum(k->m, k->m->enums[i - 1]);
  if (!t) k->oom = true;
  return t;
}

/* ---- defaults ----------------------------------------------------------------- */
static size_t member_named(const ir_enum *e, const char *name) {
  for (size_t i = 0; i < e->member_count; i++)
    if (e->members[i].name && strcmp(e->members[i].name, name) == 0) return i;
  return NONE;
}

/* Whether e is this module's and stands in for an enum that did not parse:
 * its members are unknown, so no default can be judged against them. */
static bool is_broken(const checker *k, const ir_enum *e) {
  for (size_t i = 0; i < k->m->enum_count; i++)
    if (k->m->enums[i] == e) return k->ast->enums[i]->broken;
  return false;
}

bool check_enum_default(checker *k, const ir_enum *e, const ast_literal *lit, const char *what) {
  if (lit->kind == AST_LIT_NAME && member_named(e, lit->text) != NONE) return true;
  if (is_broken(k, e)) return lit->kind == AST_LIT_NAME;
  if (k->oom) return false; /* the members may lack their names */
  gstr names = {0};
  for (size_t i = 0; i < e->member_count && i < 8; i++)
    gstr_printf(&names, "%s%s", i ? ", " : "", e->members[i].name);
  if (e->member_count > 8) gstr_puts(&names, ", ...");
  if (gstr_failed(&names)) k->oom = true;
  else
    diag_error(k->d, lit->pos.offset, "%s for '%s' must name one of its members (%s), found %s",
               what, e->name, gstr_cstr(&names), lit->text);
  gstr_free(&names);
  return false;
}

void check_enum_member_index(const ir_type *t, ir_value *v) {
  if (t->kind == IR_OPT) t = t->elem;
  if (!v->text) return; /* out of memory, reported */
  size_t i = member_named(t->enumeration, v->text);
  v->i = i == NONE ? 0 : (int64_t)i;
}
