/* check_class_types.c - classes as the types of fields (see check_parts.h).
 *
 * A field whose type names a concrete class holds a value of exactly that
 * class, in place (IR_CLASS); one whose type is T? of a class, or an
 * abstract class, holds it through a pointer (IR_REF). Such a value is part of the struct that holds
 * it, so a class may not contain itself that way, directly or through other
 * classes or its bases: the struct would be infinitely large. Through '?',
 * a list or a map the value lives on the heap, and recursion is fine. */
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "check_parts.h"
#include "printer.h"

const ir_type *resolve_class_type(checker *k, const ast_type *t) {
  ir_class *c = k->ir[class_named(k, t->name)];
  if (t->has_args) {
    diag_error(k->d, t->pos.offset, "'%s' takes no type arguments", t->name);
    return NULL;
  }
  /* an abstract class's values are of its subclasses, of any size: held
   * through a pointer, tagged with their class */
  const ir_type *type = c->is_abstract ? ir_intern_ref(k->m, c, false) : ir_intern_class(k->m, c);
  if (!type) k->oom = true;
  c->held = true;
  c->held_abstract |= c->is_abstract;
  return type;
}

/* The classes of the modules this one imports that derive from x (x
 * itself not included) and have a field named type. */
static void check_imported_type_key(checker *k, const ast_type *t, const ir_class *x) {
  for (size_t i = 0; i < k->import_count; i++) {
    const ir_module *m = k->imports[i];
    for (size_t j = 0; j < m->class_count; j++) {
      const ir_class *c = m->classes[j];
      const ir_class *b = c->base;
      while (b && b != x) b = b->base;
      for (size_t f = 0; b && f < c->field_count; f++)
        if (strcmp(c->fields[f].name, "type") == 0)
          diag_error(k->d, t->pos.offset,
                     "field 'type' of '%s' (%s:%u) would clash with the \"type\" key that "
                     "names the class of a value held through '%s'",
                     c->name, m->schema_path, c->fields[f].line, x->name);
    }
  }
}

/* A class of an imported module: held as the module's own classes are,
 * through the imported module's struct and descriptor. */
const ir_type *resolve_imported_class_type(checker *k, const ast_type *t, const ir_class *c) {
  if (t->has_args) {
    diag_error(k->d, t->pos.offset, "'%s' takes no type arguments", t->name);
    return NULL;
  }
  if (!c->is_abstract) {
    const ir_type *type = ir_intern_class(k->m, c);
    if (!type) k->oom = true;
    return type;
  }
  size_t known = k->m->type_count;
  const ir_type *type = ir_intern_ref(k->m, c, false);
  if (!type) k->oom = true;
  else if (k->m->type_count > known) check_imported_type_key(k, t, c); /* once a class */
  return type;
}

const ir_type *nullable_class_type(checker *k, const ir_type *elem) {
  const ir_type *type = ir_intern_ref(k->m, elem->cls, true);
  if (!type) k->oom = true;
  return type;
}

/* ---- the "type" key ------------------------------------------------------------ */

/* A value held through an abstract class carries its class's name under
 * the key "type", before its fields: a field of that name in a class below
 * such a base would give the dict the key twice. */
static void report_type_key(checker *k, const ast_class *a, const char *held) {
  for (size_t i = 0; i < a->field_count; i++)
    if (strcmp(a->fields[i]->name, "type") == 0)
      diag_error(k->d, a->fields[i]->pos.offset,
                 "field 'type' of '%s' would clash with the \"type\" key that names the "
                 "class of a value held through '%s'",
                 a->name, held);
}

/* The imported abstract classes that fields of this module hold, by C
 * name (unique across modules, as prefixes are). */
static ir_map *held_imported(checker *k) {
  ir_map *held = ir_map_new();
  for (size_t i = 0; held && i < k->m->type_count; i++) {
    const ir_type *t = k->m->types[i];
    if (t->kind == IR_REF && t->cls->is_abstract && t->cls->module != k->m &&
        !ir_map_put(held, t->cls->c_name, (void *)(uintptr_t)t->cls)) {
      ir_map_free(held);
      held = NULL;
    }
  }
  if (!held) k->oom = true;
  return held;
}

/* Reports a field named type in class ci below a class that a field holds
 * through its abstract type: one of this module's (held_abstract), or an
 * imported one, held by its own module or here (held). */
static void check_type_key(checker *k, const ir_map *held, size_t ci) {
  const ast_class *a = k->ast->classes[ci];
  size_t top = ci;
  for (size_t b = k->base[ci]; b != NONE; b = k->base[b]) {
    if (k->ir[b]->held_abstract) {
      report_type_key(k, a, k->ast->classes[b]->name);
      return;
    }
    top = b;
  }
  for (const ir_class *b = k->foreign_base[top]; b; b = b->base)
    if (b->held_abstract || ir_map_get(held, b->c_name)) {
      report_type_key(k, a, b->name);
      return;
    }
}

/* ---- containment: a graph walk without recursion ------------------------------ */

/* Edge `edge` of class ci: its fields of class type in order, then its
 * base. Sets *to and returns true, or false past the last. */
static bool edge_of(const checker *k, size_t ci, size_t edge, size_t *to) {
  const ir_class *c = k->ir[ci];
  if (edge < c->field_count) {
    const ir_type *t = c->fields[edge].type;
    if (!t || t->kind != IR_CLASS) {
      *to = NONE;
      return true;
    }
    *to = class_named(k, t->cls->name);
    return true;
  }
  *to = edge == c->field_count ? k->base[ci] : NONE;
  return edge == c->field_count;
}

/* "A.b has type B" or "B derives from A", the step along edge `edge` of ci. */
static void put_step(gstr *s, const checker *k, size_t ci, size_t edge, size_t to) {
  const ast_class *a = k->ast->classes[ci];
  if (edge < a->field_count)
    gstr_printf(s, "%s.%s has type %s", a->name, a->fields[edge]->name, k->ast->classes[to]->name);
  else
    gstr_printf(s, "%s derives from %s", a->name, k->ast->classes[to]->name);
}

static size_t step_offset(const checker *k, size_t ci, size_t edge) {
  const ast_class *a = k->ast->classes[ci];
  return edge < a->field_count ? a->fields[edge]->pos.offset : a->base_pos.offset;
}

/* The cycle path[from..len) (each entry's edge leads to the next, the last
 * one's back to path[from]), reported from the class first in the file. */
static void report_containment(checker *k, const size_t *path, const size_t *edge, size_t from,
                               size_t len) {
  size_t first = from;
  for (size_t i = from; i < len; i++)
    if (path[i] < path[first]) first = i;
  gstr steps = {0};
  for (size_t n = 0; n < len - from; n++) {
    size_t i = from + (first - from + n) % (len - from);
    size_t next = i + 1 < len ? path[i + 1] : path[from];
    if (n > 0) gstr_puts(&steps, ", ");
    put_step(&steps, k, path[i], edge[i], next);
  }
  if (gstr_failed(&steps)) k->oom = true;
  diag_error(k->d, step_offset(k, path[first], edge[first]),
             "class '%s' contains itself: %s (hold it through '?', a list or a map)",
             k->ast->classes[path[first]]->name, gstr_cstr(&steps));
  gstr_free(&steps);
}

/* Depth-first from every class, colours 0 unseen, 1 on the path, 2 done;
 * an edge to a class on the path closes a cycle. Linear overall. */
void check_containment(checker *k) {
  size_t n = k->ast->class_count;
  ir_map *held = held_imported(k);
  for (size_t i = 0; held && i < n; i++) check_type_key(k, held, i);
  ir_map_free(held);
  unsigned char *colour = calloc(n ? n : 1, 1);
  size_t *path = malloc((n ? n : 1) * sizeof *path);
  size_t *edge = malloc((n ? n : 1) * sizeof *edge);
  if (!colour || !path || !edge) k->oom = true;
  for (size_t start = 0; !k->oom && start < n; start++) {
    if (colour[start]) continue;
    size_t len = 0;
    path[len] = start;
    edge[len++] = 0;
    colour[start] = 1;
    while (len > 0) {
      size_t ci = path[len - 1], to;
      if (!edge_of(k, ci, edge[len - 1], &to)) {
        colour[ci] = 2;
        len--;
        if (len > 0) edge[len - 1]++;
        continue;
      }
      if (to == NONE || colour[to] == 2) {
        edge[len - 1]++;
      } else if (colour[to] == 1) {
        size_t from = 0;
        while (path[from] != to) from++;
        report_containment(k, path, edge, from, len);
        edge[len - 1]++;
      } else {
        colour[to] = 1;
        path[len] = to;
        edge[len++] = 0;
      }
    }
  }
  free(colour);
  free(path);
  free(edge);
}
