/* check.c - semantic checks and IR construction (see check.h).
 *
 * Passes, in order: class names; enums (check_enum.c); bases (unknown, not
 * a class, cycles, depth); IR classes in bases-first order (not past a
 * hierarchy deeper than the limit: every later pass would cost the depth for
 * each class of it, so the depth error is the last); fields and constants of each class (types,
 * defaults, constraints, names); the C identifiers the emitters will
 * generate (no two may collide); doc comments. Every lookup goes through a
 * hash map so a schema of many classes checks in linear time. The checks of
 * names that become C (keywords, snake_case, generated identifiers) are
 * check_names.c's. */
#include "check.h"

#include <inttypes.h>
#include <stdint.h>
#include <stdio.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "check_parts.h"
#include "printer.h"

const char *const schema_keywords[] = {
    "module", "prefix", "class", "abstract", "exception", "const", "true", "false", "null",
    "str",    "bytes",  "int",   "bool",     "headers",   "list",  "map",  "float", "import",
    "enum",   NULL};

/* ---- pass 1: class names -------------------------------------------------- */
static void check_class_names(checker *k) {
  for (size_t i = 0; i < k->ast->class_count && !k->oom; i++) {
    const ast_class *c = k->ast->classes[i];
    if (in_list(c->name, schema_keywords)) {
      diag_error(k->d, c->name_pos.offset, "'%s' is a keyword and cannot be a class name",
                 c->name);
      continue;
    }
    size_t first = (size_t)(uintptr_t)ir_map_get(k->class_index, c->name);
    if (first) {
      diag_error(k->d, c->name_pos.offset, "duplicate class '%s'", c->name);
      diag_note(k->d, k->ast->classes[first - 1]->name_pos.offset, "first defined here");
    } else if (!ir_map_put(k->class_index, c->name, (void *)(uintptr_t)(i + 1))) {
      k->oom = true;
    }
  }
}

/* ---- pass 2: bases ---------------------------------------------------------- */
static void resolve_bases(checker *k) {
  for (size_t i = 0; i < k->ast->class_count; i++) {
    const ast_class *c = k->ast->classes[i];
    k->base[i] = NONE;
    if (!c->base) continue;
    size_t b = class_named(k, c->base);
    const check_named *imported = b == NONE ? check_imported(k, c->base) : NULL;
    if (b != NONE) k->base[i] = b;
    else if (imported && imported->kind == CHECK_NAMED_CLASS)
      check_foreign_base(k, i, imported->class_def);
    else if (in_list(c->base, schema_keywords))
      diag_error(k->d, c->base_pos.offset, "base of '%s' must be a class; '%s' is not one",
                 c->name, c->base);
    else if (ir_map_get(k->enum_index, c->base) || imported)
      diag_error(k->d, c->base_pos.offset, "base of '%s' must be a class; '%s' is an enum",
                 c->name, c->base);
    else
      diag_error(k->d, c->base_pos.offset, "unknown base class '%s'", c->base);
  }
}

/* Reports the cycle that walking up from `entry` ran into, then cuts it. */
static void report_cycle(checker *k, size_t entry) {
  size_t first = entry; /* the member of the cycle that comes first in the file */
  for (size_t j = k->base[entry]; j != entry; j = k->base[j])
    if (j < first) first = j;
  gstr chain = {0};
  size_t j = first;
  do {
    gstr_printf(&chain, "%s : ", k->ast->classes[j]->name);
    j = k->base[j];
  } while (j != first);
  gstr_puts(&chain, k->ast->classes[first]->name);
  if (gstr_failed(&chain)) k->oom = true;
  const ast_class *c = k->ast->classes[first];
  diag_error(k->d, c->base_pos.offset, "class '%s' inherits from itself (%s)", c->name,
             gstr_cstr(&chain));
  gstr_free(&chain);
  for (j = first; k->base[j] != NONE;) { /* cut the cycle so later passes end */
    size_t next = k->base[j];
    k->base[j] = NONE;
    j = next;
  }
}

/* Colours: 0 unseen, 1 on the current walk, 2 done. Linear overall. */
static void check_cycles(checker *k) {
  size_t n = k->ast->class_count;
  unsigned char *colour = calloc(n ? n : 1, 1);
  size_t *depth = calloc(n ? n : 1, sizeof *depth);
  size_t *path = malloc((n ? n : 1) * sizeof *path);
  if (!colour || !depth || !path) {
    k->oom = true;
  } else {
    for (size_t i = 0; i < n; i++) {
      size_t len = 0, j = i;
      while (j != NONE && colour[j] == 0) {
        colour[j] = 1;
        path[len++] = j;
        j = k->base[j];
      }
      if (j != NONE && colour[j] == 1) report_cycle(k, j);
      /* depths from the top of the walk down */
      for (size_t p = len; p-- > 0;) {
        size_t b = k->base[path[p]];
        depth[path[p]] = b == NONE ? check_foreign_depth(k, path[p]) : depth[b] + 1;
        colour[path[p]] = 2;
        if (depth[path[p]] == CHECK_MAX_INHERITANCE) {
          const ast_class *c = k->ast->classes[path[p]];
          k->too_deep = true;
          diag_error(k->d, c->base_pos.offset,
                     "class '%s' is more than %d levels deep in its hierarchy", c->name,
                     CHECK_MAX_INHERITANCE);
        }
      }
    }
  }
  free(colour);
  free(depth);
  free(path);
}

/* ---- pass 3: IR classes, bases first ---------------------------------------- */
static ir_class *new_class(checker *k, const ast_class *c) {
  ir_class *ic = calloc(1, sizeof *ic);
  if (!ic) {
    k->oom = true;
    return NULL;
  }
  ic->module = k->m;
  ic->name = dup_str(k, c->name);
  ic->snake = check_snake_case(c->name);
  ic->doc = dup_str(k, c->doc ? c->doc : "");
  if (ic->snake) {
    size_t n = strlen(k->m->prefix) + 1 + strlen(ic->snake) + 1;
    ic->c_name = malloc(n);
    if (ic->c_name) snprintf(ic->c_name, n, "%s_%s", k->m->prefix, ic->snake);
  }
  if (!ic->snake || !ic->c_name) k->oom = true;
  ic->is_abstract = c->is_abstract;
  ic->is_exception = c->is_exception;
  return ic;
}

static void order_classes(checker *k) {
  size_t n = k->ast->class_count;
  k->m->classes = calloc(n ? n : 1, sizeof *k->m->classes);
  size_t *stack = malloc((n ? n : 1) * sizeof *stack);
  if (!k->m->classes || !stack) {
    free(stack);
    k->oom = true;
    return;
  }
  for (size_t i = 0; i < n && !k->oom; i++) {
    size_t len = 0;
    for (size_t j = i; j != NONE && !k->ir[j]; j = k->base[j]) stack[len++] = j;
    while (len-- > 0 && !k->oom) { /* the base of each is already made */
      size_t j = stack[len];
      ir_class *ic = new_class(k, k->ast->classes[j]);
      if (!ic) break;
      k->ir[j] = ic;
      k->order[k->m->class_count] = j;
      k->m->classes[k->m->class_count++] = ic;
      ic->base = k->base[j] != NONE ? k->ir[k->base[j]] : k->foreign_base[j];
    }
  }
  free(stack);
}

static void link_subclasses(checker *k) {
  size_t n = k->ast->class_count;
  for (size_t i = 0; i < n; i++)
    if (k->base[i] != NONE) k->ir[k->base[i]]->subclass_count++;
  for (size_t i = 0; i < n; i++) {
    ir_class *c = k->ir[i];
    if (c->subclass_count && !(c->subclasses = calloc(c->subclass_count, sizeof *c->subclasses)))
      k->oom = true;
    c->subclass_count = 0;
  }
  if (k->oom) return;
  for (size_t i = 0; i < n; i++) {
    ir_class *c = k->ir[i];
    if (k->base[i] != NONE) {
      ir_class *b = k->ir[k->base[i]];
      b->subclasses[b->subclass_count++] = c;
    }
  }
  for (size_t i = 0; i < n; i++) k->ir[i]->in_hierarchy = k->ir[i]->base || k->ir[i]->subclass_count;
}

/* An abstract class is only ever made as one of its subclasses: without any
 * it has no values at all, and no code can be made for it. */
static void check_abstract_classes(checker *k) {
  for (size_t i = 0; i < k->ast->class_count; i++) {
    const ast_class *c = k->ast->classes[i];
    if (c->is_abstract && k->ir[i]->subclass_count == 0)
      diag_error(k->d, c->name_pos.offset,
                 "abstract class '%s' has no subclass, so nothing can be made of it "
                 "(derive a class from it, or drop 'abstract')",
                 c->name);
  }
}

/* ---- types ---------------------------------------------------------------- */
static const ir_type *intern(checker *k, ir_kind kind, const ir_type *elem) {
  const ir_type *t = ir_intern(k->m, kind, elem);
  if (!t) k->oom = true;
  return t;
}

static const ir_type *resolve_type(checker *k, const ast_type *t);

/* Where a type's text begins (an AST_TYPE_OPT node sits at its '?'). */
static size_t type_start(const ast_type *t) {
  while (t->kind == AST_TYPE_OPT) t = t->elem;
  return t->pos.offset;
}

static const ir_type *resolve_generic(checker *k, const ast_type *t) {
  bool is_list = strcmp(t->name, "list") == 0;
  size_t want = is_list ? 1 : 2;
  if (t->arg_count != want) {
    diag_error(k->d, t->pos.offset, is_list ? "'list' takes one type argument: list<T>"
                                            : "'map' takes two type arguments: map<str, T>");
    return NULL;
  }
  const ir_type *key = is_list ? NULL : resolve_type(k, t->args[0]);
  const ir_type *elem = resolve_type(k, t->args[want - 1]);
  if (!is_list && key && key->kind != IR_STR) {
    diag_error(k->d, type_start(t->args[0]), "map keys must be str, found '%s'", key->spelling);
    return NULL;
  }
  if (!elem || (!is_list && !key)) return NULL;
  return intern(k, is_list ? IR_LIST : IR_MAP, elem);
}

static const ir_type *resolve_name(checker *k, const ast_type *t) {
  static const char *const leaves[] = {"str", "bytes", "int", "bool", "headers", "float", NULL};
  for (size_t i = 0; leaves[i]; i++) {
    if (strcmp(t->name, leaves[i]) != 0) continue;
    if (t->has_args) {
      diag_error(k->d, t->pos.offset, "'%s' takes no type arguments", t->name);
      return NULL;
    }
    return intern(k, (ir_kind)i, NULL);
  }
  if (strcmp(t->name, "list") == 0 || strcmp(t->name, "map") == 0) return resolve_generic(k, t);
  const ir_type *e = check_enum_named(k, t->name);
  if (!e) e = check_imported_enum(k, t->name);
  if (e) {
    if (!t->has_args) return e;
    diag_error(k->d, t->pos.offset, "'%s' takes no type arguments", t->name);
    return NULL;
  }
  if (class_named(k, t->name) != NONE) return resolve_class_type(k, t);
  const check_named *named = check_imported(k, t->name);
  if (named && named->kind == CHECK_NAMED_CLASS)
    return resolve_imported_class_type(k, t, named->class_def);
  check_report_unknown_type(k, t->pos.offset, t->name);
  return NULL;
}

/* Recursion follows the type's nesting, which the parser bounds. */
static const ir_type *resolve_type(checker *k, const ast_type *t) {
  if (k->oom) return NULL;
  if (t->kind == AST_TYPE_NAME) return resolve_name(k, t);
  const ir_type *elem = resolve_type(k, t->elem);
  if (!elem) return NULL;
  if (elem->kind == IR_OPT || (elem->kind == IR_REF && elem->nullable)) {
    diag_error(k->d, t->pos.offset, "'%s' is already nullable: '?' cannot be repeated",
               elem->spelling);
    return NULL;
  }
  if (elem->kind == IR_CLASS || elem->kind == IR_REF) return nullable_class_type(k, elem);
  return intern(k, IR_OPT, elem);
}

/* ---- values: defaults and constants --------------------------------------- */
static const char *must_be(ir_kind kind) {
  switch (kind) {
  case IR_STR: return "a string";
  case IR_INT: return "an integer";
  case IR_FLOAT: return "a number";
  case IR_BOOL: return "true or false";
  case IR_LIST: return "[]";
  case IR_MAP:
  case IR_HEADERS: return "{}";
  default: return "null (or no default)";
  }
}

static bool literal_fits(ir_kind kind, ast_literal_kind lit) {
  switch (kind) {
  case IR_STR: return lit == AST_LIT_STR;
  case IR_INT: return lit == AST_LIT_INT;
  case IR_FLOAT: return lit == AST_LIT_INT || lit == AST_LIT_FLOAT;
  case IR_BOOL: return lit == AST_LIT_TRUE || lit == AST_LIT_FALSE;
  case IR_LIST: return lit == AST_LIT_EMPTY_LIST;
  case IR_MAP:
  case IR_HEADERS: return lit == AST_LIT_EMPTY_MAP;
  default: return false;
  }
}

/* Checks that the literal fits the type; `what` is "default" or "value". */
static bool value_fits(checker *k, const ir_type *t, const ast_literal *lit, const char *what) {
  if (lit->kind == AST_LIT_NULL) {
    if (t->kind == IR_OPT || (t->kind == IR_REF && t->nullable)) return true;
    diag_error(k->d, lit->pos.offset, "%s null for non-nullable type '%s' (write '%s?' to allow it)",
               what, t->spelling, t->spelling);
    return false;
  }
  const ir_type *base = t->kind == IR_OPT ? t->elem : t;
  if (base->kind == IR_ENUM) return check_enum_default(k, base->enumeration, lit, what);
  if (literal_fits(base->kind, lit->kind)) return true;
  if (base->kind == IR_BYTES)
    diag_error(k->d, lit->pos.offset, "a bytes field takes no %s but null, found %s", what,
               lit->text);
  else if (base->kind == IR_CLASS || (base->kind == IR_REF && !base->nullable))
    diag_error(k->d, lit->pos.offset,
               "a field of class '%s' takes no %s (only '%s?' takes null), found %s",
               base->spelling, what, base->spelling, lit->text);
  else
    diag_error(k->d, lit->pos.offset, "%s for '%s' must be %s, found %s", what, t->spelling,
               must_be(base->kind), lit->text);
  return false;
}

static void set_value(checker *k, ir_value *v, const ast_literal *lit, ir_kind base_kind) {
  static const ir_value_kind kinds[] = {IR_VALUE_STR,  IR_VALUE_INT,  IR_VALUE_BOOL,
                                        IR_VALUE_BOOL, IR_VALUE_NULL, IR_VALUE_EMPTY_LIST,
                                        IR_VALUE_EMPTY_MAP, IR_VALUE_FLOAT, IR_VALUE_MEMBER};
  v->kind = kinds[lit->kind];
  if (base_kind == IR_FLOAT && lit->kind == AST_LIT_INT) v->kind = IR_VALUE_FLOAT; /* 1 is 1.0 there */
  v->f = lit->f;
  v->b = lit->kind == AST_LIT_TRUE;
  v->i = lit->i;
  v->text = dup_str(k, lit->text);
  if (lit->kind == AST_LIT_STR) {
    v->s = malloc(lit->s_len + 1);
    if (v->s) memcpy(v->s, lit->s, lit->s_len + 1);
    else k->oom = true;
    v->s_len = lit->s_len;
  }
}

/* ---- constraints ------------------------------------------------------------ */
/* "lo..hi" as written, an open end left empty. */
static char *range_text(checker *k, const ast_constraint *c) {
  const char *lo = c->lo ? c->lo->text : "", *hi = c->hi ? c->hi->text : "";
  size_t n = strlen(lo) + strlen(hi) + 3;
  char *s = malloc(n);
  if (s) snprintf(s, n, "%s..%s", lo, hi);
  else k->oom = true;
  return s;
}

/* A range's bounds for a field of kind `kind` (int or float) into out;
 * false after reporting why they do not fit. */
static bool take_range(checker *k, const ast_constraint *c, ir_kind kind, ir_constraints *out) {
  if (!c->lo && !c->hi) {
    diag_error(k->d, c->pos.offset, "range needs a minimum, a maximum or both ('0..', '..100', "
                                    "'0..100'), found '..'");
    return false;
  }
  if (kind == IR_INT) {
    const ast_literal *bad = c->lo && c->lo->kind == AST_LIT_FLOAT ? c->lo
                             : c->hi && c->hi->kind == AST_LIT_FLOAT ? c->hi
                                                                     : NULL;
    if (bad) {
      diag_error(k->d, bad->pos.offset,
                 "a range on an int field takes integer bounds, found %s (make the field "
                 "float to give it float bounds)",
                 bad->text);
      return false;
    }
    out->min = c->lo ? c->lo->i : INT64_MIN;
    out->max = c->hi ? c->hi->i : INT64_MAX;
    if (out->min > out->max) goto empty;
  } else {
    out->fmin = c->lo ? c->lo->f : -HUGE_VAL;
    out->fmax = c->hi ? c->hi->f : HUGE_VAL;
    if (out->fmin > out->fmax) goto empty;
  }
  return true;
empty:
  diag_error(k->d, c->pos.offset, "empty range %s..%s (min is above max)", c->lo->text,
             c->hi->text);
  return false;
}

/* [http] applies to text that could go on an HTTP/1.1 wire: str and headers
 * (or their T?). */
static void check_http(checker *k, const ast_constraint *c, const ir_type *base,
                       const ir_type *t, ir_constraints *out) {
  if (out->http)
    diag_error(k->d, c->pos.offset, "duplicate http constraint");
  else if (base && base->kind != IR_STR && base->kind != IR_HEADERS)
    diag_error(k->d, c->pos.offset, "http applies to str and headers, not '%s'", t->spelling);
  else
    out->http = true;
}

static void check_constraints(checker *k, const ast_field *f, const ir_type *t, ir_constraints *out) {
  const ir_type *base = t && t->kind == IR_OPT ? t->elem : t;
  for (size_t i = 0; i < f->constraint_count; i++) {
    const ast_constraint *c = &f->constraints[i];
    if (c->kind == AST_HTTP) {
      check_http(k, c, base, t, out);
      continue;
    }
    if (c->kind != AST_MAX_LEN && c->kind != AST_RANGE) continue; /* check_constraint.c's */
    bool is_len = c->kind == AST_MAX_LEN;
    const char *name = is_len ? "max_len" : "range";
    if (is_len ? out->has_max_len : out->has_range) {
      diag_error(k->d, c->pos.offset, "duplicate %s constraint", name);
      continue;
    }
    if (base && is_len && base->kind != IR_STR && base->kind != IR_BYTES) {
      diag_error(k->d, c->pos.offset, "max_len applies to str and bytes, not '%s'", t->spelling);
    } else if (base && !is_len && base->kind != IR_INT && base->kind != IR_FLOAT) {
      diag_error(k->d, c->pos.offset, "range applies to int and float, not '%s'", t->spelling);
    } else if (is_len && c->a < 0) {
      diag_error(k->d, c->pos.offset, "max_len must not be negative, found %" PRId64, c->a);
    } else if (is_len) {
      out->has_max_len = true;
      out->max_len = (uint64_t)c->a;
    } else if (take_range(k, c, base ? base->kind : IR_FLOAT, out)) {
      out->has_range = true;
      out->range_text = range_text(k, c);
    }
  }
}

static void check_default_in_constraints(checker *k, const ast_field *f, const ir_field *irf) {
  const ir_value *v = &irf->def;
  const ir_constraints *c = &irf->constraints;
  if (c->has_range &&
      ((v->kind == IR_VALUE_INT && (v->i < c->min || v->i > c->max)) ||
       (v->kind == IR_VALUE_FLOAT && !(v->f >= c->fmin && v->f <= c->fmax))))
    diag_error(k->d, f->def->pos.offset, "default %s is outside range %s", v->text,
               c->range_text);
  if (v->kind == IR_VALUE_STR && c->has_max_len && v->s_len > c->max_len)
    diag_error(k->d, f->def->pos.offset,
               "default is %zu bytes long, more than max_len %" PRIu64, v->s_len, c->max_len);
}

/* ---- fields and constants -------------------------------------------------- */
/* Own duplicates, then a repeat of an inherited field (chains are bounded). */
static bool check_field_unique(checker *k, size_t ci, const ast_field *f) {
  const ast_field *first = ir_map_get(k->field_index[ci], f->name);
  if (first) {
    diag_error(k->d, f->pos.offset, "duplicate field '%s'", f->name);
    diag_note(k->d, first->pos.offset, "first defined here");
    return false;
  }
  for (size_t b = k->base[ci]; b != NONE; b = k->base[b]) {
    const ast_field *inherited = ir_map_get(k->field_index[b], f->name);
    if (inherited) {
      diag_error(k->d, f->pos.offset, "field '%s' repeats a field inherited from '%s'", f->name,
                 k->ast->classes[b]->name);
      diag_note(k->d, inherited->pos.offset, "'%s' defined here", f->name);
      return false;
    }
  }
  if (!check_field_not_inherited_across(k, ci, f)) return false;
  if (!ir_map_put(k->field_index[ci], f->name, (void *)(uintptr_t)f)) k->oom = true;
  return true;
}

static void check_field(checker *k, size_t ci, const ast_field *f, ir_field *out) {
  ir_class *c = k->ir[ci];
  if (!f->broken) check_field_name(k, f, c);
  check_field_unique(k, ci, f);
  out->name = dup_str(k, f->name);
  out->doc = dup_str(k, f->doc ? f->doc : "");
  out->owner = c;
  out->line = f->pos.line;
  if (f->broken) return; /* its name is declared; the rest did not parse */
  out->type = resolve_type(k, f->type);
  check_constraints(k, f, out->type, &out->constraints);
  check_more_constraints(k, f, out);
  if (f->def && out->type && value_fits(k, out->type, f->def, "default")) {
    set_value(k, &out->def, f->def,
              out->type->kind == IR_OPT ? out->type->elem->kind : out->type->kind);
    if (out->def.kind == IR_VALUE_MEMBER) check_enum_member_index(out->type, &out->def);
    check_default_in_constraints(k, f, out);
    check_default_in_more(k, f, out);
  }
}

static void check_const(checker *k, ir_map *names, const ast_const *a, ir_const *out) {
  const ast_const *first = ir_map_get(names, a->name);
  bool duplicate = first != NULL;
  if (duplicate) {
    diag_error(k->d, a->pos.offset, "duplicate constant '%s'", a->name);
    diag_note(k->d, first->pos.offset, "first defined here");
  } else if (!ir_map_put(names, a->name, (void *)(uintptr_t)a)) {
    k->oom = true;
  }
  out->name = dup_str(k, a->name);
  out->doc = dup_str(k, a->doc ? a->doc : "");
  if (a->broken) return; /* its name is declared; the rest did not parse */
  out->type = resolve_type(k, a->type);
  if (!out->type || duplicate) return; /* a duplicate keeps no value */
  if (out->type->kind != IR_INT && out->type->kind != IR_STR && out->type->kind != IR_BOOL) {
    diag_error(k->d, type_start(a->type), "a constant must be int, str or bool, not '%s'",
               out->type->spelling);
    return;
  }
  if (value_fits(k, out->type, a->value, "value")) set_value(k, &out->value, a->value, out->type->kind);
}

static void build_all_fields(checker *k, ir_class *c) {
  size_t inherited = c->base ? c->base->all_field_count : 0;
  c->all_fields = calloc(inherited + c->field_count + 1, sizeof *c->all_fields);
  if (!c->all_fields) {
    k->oom = true;
    return;
  }
  for (size_t i = 0; i < inherited; i++) c->all_fields[i] = c->base->all_fields[i];
  for (size_t i = 0; i < c->field_count; i++) c->all_fields[inherited + i] = &c->fields[i];
  c->all_field_count = inherited + c->field_count;
}

/* The members of class ci (its base's are done: classes go bases first). */
static void check_members(checker *k, size_t ci) {
  const ast_class *a = k->ast->classes[ci];
  ir_class *c = k->ir[ci];
  c->fields = calloc(a->field_count + 1, sizeof *c->fields);
  c->consts = calloc(a->const_count + 1, sizeof *c->consts);
  ir_map *const_names = ir_map_new();
  if (!c->fields || !c->consts || !const_names || !(k->field_index[ci] = ir_map_new())) {
    ir_map_free(const_names);
    k->oom = true;
    return;
  }
  for (size_t i = 0; i < a->field_count && !k->oom; i++, c->field_count++)
    check_field(k, ci, a->fields[i], &c->fields[i]);
  for (size_t i = 0; i < a->const_count && !k->oom; i++, c->const_count++)
    check_const(k, const_names, a->consts[i], &c->consts[i]);
  ir_map_free(const_names);
  build_all_fields(k, c);
  if (!k->oom) check_aliases(k, a, c);
}

/* ---- doc comments and lengths -------------------------------------------------- */
/* Language limits, so that everything a schema says fits the C it becomes:
 * C compilers need only take string literals of 4095 bytes (C11 5.2.4.1),
 * and every doc, string default and name appears in one. Names are held
 * far below that, since a name is repeated inside longer identifiers and
 * messages. docs/schema-language.md states both. */
enum { NAME_MAX_BYTES = 255, TEXT_MAX_BYTES = 4095 };

void check_doc(checker *k, const char *doc, ast_pos pos) {
  if (!doc) return;
  if (strstr(doc, "*/"))
    diag_error(k->d, pos.offset,
               "doc comment contains '*/', which would end the C comment it becomes");
  size_t n = strlen(doc);
  if (n > TEXT_MAX_BYTES)
    diag_error(k->d, pos.offset, "doc comment is %zu bytes long; at most %d are allowed", n,
               TEXT_MAX_BYTES);
}

void check_name_length(checker *k, const char *what, const char *name, ast_pos pos) {
  size_t n = name ? strlen(name) : 0;
  if (n > NAME_MAX_BYTES)
    diag_error(k->d, pos.offset, "%s is %zu bytes long; at most %d are allowed", what, n,
               NAME_MAX_BYTES);
}

/* A string literal as written (quotes and escapes included): its text is
 * what the descriptors quote, and it is never shorter than the value. */
void check_literal_length(checker *k, const ast_literal *lit) {
  size_t n = lit && lit->text ? strlen(lit->text) : 0;
  if (n > TEXT_MAX_BYTES)
    diag_error(k->d, lit->pos.offset, "string literal is %zu bytes long; at most %d are allowed",
               n, TEXT_MAX_BYTES);
}

static void check_lengths(checker *k) {
  const ast_module *m = k->ast;
  check_doc(k, m->doc, m->doc_pos);
  check_name_length(k, "module name", m->name, m->name_pos);
  check_name_length(k, "prefix", m->prefix, m->prefix_pos);
  for (size_t i = 0; i < m->class_count; i++) {
    const ast_class *c = m->classes[i];
    check_doc(k, c->doc, c->doc_pos);
    check_name_length(k, "class name", c->name, c->name_pos);
    for (size_t j = 0; j < c->field_count; j++) {
      const ast_field *f = c->fields[j];
      check_doc(k, f->doc, f->doc_pos);
      check_name_length(k, "field name", f->name, f->pos);
      check_literal_length(k, f->def);
    }
    for (size_t j = 0; j < c->const_count; j++) {
      const ast_const *a = c->consts[j];
      check_doc(k, a->doc, a->doc_pos);
      check_name_length(k, "constant name", a->name, a->pos);
      check_literal_length(k, a->value);
    }
  }
}

/* ---- the module ------------------------------------------------------------- */
static char *stem_of(checker *k, const char *path) {
  const char *slash = strrchr(path, '/');
  const char *name = slash ? slash + 1 : path;
  size_t n = strlen(name);
  if (n > 4 && strcmp(name + n - 4, ".wst") == 0) n -= 4;
  char *s = malloc(n + 1);
  if (!s) {
    k->oom = true;
    return NULL;
  }
  memcpy(s, name, n);
  s[n] = '\0';
  return s;
}

static void run_checks(checker *k, const char *path) {
  const ast_module *a = k->ast;
  ir_module *m = k->m;
  m->name = dup_str(k, a->name);
  m->doc = dup_str(k, a->doc ? a->doc : "");
  m->prefix = dup_str(k, a->prefix);
  m->schema_path = dup_str(k, path);
  m->stem = stem_of(k, path);
  if (!k->oom) check_reserved_names_init(k);
  if (k->oom) return;
  check_stem(k);
  check_lengths(k);
  check_index_imports(k);
  check_class_names(k);
  check_enums(k);
  if (k->oom) return;
  resolve_bases(k);
  check_cycles(k);
  /* past the depth limit, every later pass would cost the depth per class */
  if (k->too_deep) return;
  order_classes(k);
  if (k->oom) return;
  link_subclasses(k);
  if (k->oom) return;
  check_abstract_classes(k);
  /* bases first, so inherited fields are known */
  for (size_t i = 0; i < m->class_count && !k->oom; i++) check_members(k, k->order[i]);
  if (!k->oom) check_containment(k);
  if (!k->oom) check_c_names(k);
  if (!k->oom) check_link_imports(k);
}

ir_module *check_schema(const ast_module *ast, const char *path, diag *d) {
  return check_schema_imports(ast, path, NULL, d);
}

ir_module *check_schema_imports(const ast_module *ast, const char *path,
                                const ir_module *const *imports, diag *d) {
  size_t n = ast->class_count ? ast->class_count : 1;
  checker k;
  memset(&k, 0, sizeof k);
  k.ast = ast;
  k.d = d;
  k.m = calloc(1, sizeof *k.m);
  k.class_index = ir_map_new();
  k.c_names = ir_map_new();
  k.enum_index = ir_map_new();
  k.base = malloc(n * sizeof *k.base);
  k.ir = calloc(n, sizeof *k.ir);
  k.order = calloc(n, sizeof *k.order);
  k.field_index = calloc(n, sizeof *k.field_index);
  k.imports = imports;
  k.import_count = imports ? ast->import_count : 0;
  k.imported = ir_map_new();
  k.foreign_base = calloc(n, sizeof *k.foreign_base);
  if (!k.m || !k.class_index || !k.c_names || !k.enum_index || !k.base || !k.ir || !k.order ||
      !k.field_index || !k.imported || !k.foreign_base)
    k.oom = true;
  else run_checks(&k, path);
  for (size_t i = 0; k.field_index && i < ast->class_count; i++) ir_map_free(k.field_index[i]);
  check_c_names_free(&k);
  free(k.field_index);
  free(k.foreign_base);
  free(k.named);
  ir_map_free(k.imported);
  free(k.ir);
  free(k.order);
  free(k.base);
  ir_map_free(k.c_names);
  ir_map_free(k.enum_index);
  ir_map_free(k.class_index);
  if (k.oom) diag_out_of_memory(d);
  if (k.oom || diag_failed(d)) {
    ir_module_free(k.m);
    return NULL;
  }
  return k.m;
}
