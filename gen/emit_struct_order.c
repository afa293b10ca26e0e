/* emit_struct_order.c - the order of the class structs in the header.
 *
 * A struct must be complete where it is used by value: a subclass starts
 * with its base's struct, and a field of class type (IR_CLASS) holds that
 * class's struct. Lists, maps and T? of a class hold pointers, which only
 * need the struct declared, so recursion through them is fine; the checker
 * has refused every cycle of the other kind. The order keeps m->classes'
 * (bases first, otherwise schema order) and moves each held class just
 * before the first struct that holds it. */
#include <stdint.h>
#include <stdlib.h>

#include "emit_util.h"

/* The class dependency `edge` of c must come before it: its base, then the
 * classes of its own fields of class type; NULL for an edge that is none,
 * and *done past the last. */
static const ir_class *needs(const ir_class *c, size_t edge, bool *done) {
  *done = edge > c->field_count;
  if (*done)
    return NULL;
  if (edge == 0)
    return c->base;
  const ir_type *t = c->fields[edge - 1].type;
  return t->kind == IR_CLASS ? t->cls : NULL;
}

/* The position of class c in m->classes, found through its name; SIZE_MAX
 * for a class of an imported module, whose header (included first) has its
 * struct complete already. */
static size_t index_of(ir_map *index, const ir_class *c) {
  return (size_t)(uintptr_t)ir_map_get(index, c->name) - 1;
}

/* Depth first from every class, without recursion: a class is listed once
 * everything it needs is. */
static void walk(const ir_module *m, ir_map *index, bool *listed,
                 size_t *stack, size_t *edge, const ir_class **out) {
  size_t count = 0;
  for (size_t start = 0; start < m->class_count; start++) {
    size_t len = 0;
    if (listed[start])
      continue;
    stack[len] = start;
    edge[len++] = 0;
    while (len > 0) {
      const ir_class *c = m->classes[stack[len - 1]];
      bool done;
      const ir_class *dep = needs(c, edge[len - 1]++, &done);
      if (done) {
        if (!listed[stack[len - 1]]) {
          listed[stack[len - 1]] = true;
          out[count++] = c;
        }
        len--;
      } else if (dep != NULL && index_of(index, dep) != SIZE_MAX &&
                 !listed[index_of(index, dep)]) {
        stack[len] = index_of(index, dep);
        edge[len++] = 0;
      }
    }
  }
}

const ir_class **emit_struct_order(const ir_module *m) {
  size_t n = m->class_count ? m->class_count : 1;
  const ir_class **out = calloc(n, sizeof *out);
  bool *listed = calloc(n, sizeof *listed);
  size_t *stack = calloc(n, sizeof *stack);
  size_t *edge = calloc(n, sizeof *edge);
  ir_map *index = ir_map_new();
  bool ok = out && listed && stack && edge && index;
  for (size_t i = 0; ok && i < m->class_count; i++)
    ok = ir_map_put(index, m->classes[i]->name, (void *)(uintptr_t)(i + 1));
  if (ok)
    walk(m, index, listed, stack, edge, out);
  ir_map_free(index);
  free(listed);
  free(stack);
  free(edge);
  if (!ok) {
    free(out);
    return NULL;
  }
  return out;
}
