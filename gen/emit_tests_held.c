/* emit_tests_held.c - the test file's fills of class values that fields
 * hold: in place (fill_held_C) or through a pointer (fill_T, which picks one
 * of the concrete classes a field of an abstract class may hold). They call
 * the classes' own fills, which emit_tests.c writes. */
#include "emit_tests_held.h"

#include "emit_util.h"

/* A class value, as a field or an element holds it: its init value, then
 * its class's own fill (emit_tests.c writes it), with field 0 flipped by
 * variant so that the two variants differ. A class that holds itself through a list or map
 * would be filled without end: two levels of class values are filled, and
 * deeper ones keep their init value. The slot may hold an init value
 * already (a field of a value init made). */
void emit_fill_class(printer *p, const ir_type *t) {
  pr_line(p, "static ws_status fill_%s(void *p, const ws_typetest_fill *how);",
          t->cls->snake);
  pr_open(p, "static void fill_held_%s(%s *v, int variant, ws_status *st)",
          t->c_name, t->c_name);
  pr_line(p, "ws_typetest_fill how = {false, variant %% 2 ? 0 : "
             "WS_TYPETEST_NO_FLIP};");
  pr_line(p, "%s_free(v);", t->c_name);
  pr_line(p, "if (*st == WS_OK)");
  pr_line(p, "  *st = %s_init(v);", t->c_name);
  pr_open(p, "if (*st == WS_OK && class_fill_depth < 2)");
  pr_line(p, "class_fill_depth++;");
  pr_line(p, "*st = fill_%s(v, &how);", t->cls->snake);
  pr_line(p, "class_fill_depth--;");
  pr_close(p, "");
  pr_close(p, "");
  pr_blank(p);
}

/* Appends "{&C_type, fill_c}, " for each concrete class at or below c. */
static void put_makers(gstr *s, const ir_module *m, const ir_class *c) {
  for (size_t i = 0; i < m->class_count; i++) {
    const ir_class *k = m->classes[i];
    if (emit_class_can_be(k, c))
      gstr_printf(s, "{&%s_type, fill_%s}, ", k->c_name, k->snake);
  }
}

/* The number of concrete classes at or below c. */
static size_t concrete_below(const ir_module *m, const ir_class *c) {
  size_t n = 0;
  for (size_t i = 0; i < m->class_count; i++)
    n += emit_class_can_be(m->classes[i], c);
  return n;
}

/* A class value through a pointer: a value of one of the classes it may
 * be (by variant), made and filled as fill_ of a class value does, then
 * copied in by the type's _set. */
void emit_fill_ref(printer *p, const ir_module *m, const ir_type *t) {
  gstr makers;
  gstr_init(&makers);
  put_makers(&makers, m, t->cls);
  for (size_t i = 0; i < m->class_count; i++)
    if (emit_class_can_be(m->classes[i], t->cls))
      pr_line(p, "static ws_status fill_%s(void *p, const ws_typetest_fill *how);",
              m->classes[i]->snake);
  pr_open(p, "static void fill_%s(%s **v, int variant, ws_status *st)",
          t->c_name, t->cls->c_name);
  pr_line(p, "static const struct {");
  pr_line(p, "  const ws_type *type;");
  pr_line(p, "  ws_status (*fill)(void *p, const ws_typetest_fill *how);");
  pr_begin(p);
  pr_add(p, "} makers[] = {");
  pr_add_str(p, &makers);
  pr_add(p, "};");
  pr_end(p);
  pr_line(p, "ws_typetest_fill how = {false, variant %% 2 ? 0 : "
             "WS_TYPETEST_NO_FLIP};");
  pr_line(p, "const ws_type *type = makers[(size_t)variant %% %zu].type;",
          concrete_below(m, t->cls));
  pr_line(p, "void *item = calloc(1, type->size);");
  pr_line(p, "if (*st == WS_OK)");
  pr_line(p, "  *st = item == NULL ? WS_ENOMEM : type->init(type, item);");
  pr_open(p, "if (*st == WS_OK && class_fill_depth < 2)");
  pr_line(p, "class_fill_depth++;");
  pr_line(p, "*st = makers[(size_t)variant %% %zu].fill(item, &how);",
          concrete_below(m, t->cls));
  pr_line(p, "class_fill_depth--;");
  pr_close(p, "");
  pr_line(p, "if (*st == WS_OK)");
  pr_line(p, "  *st = %s_set(v, item);", t->c_name);
  pr_line(p, "if (item != NULL)");
  pr_line(p, "  type->free(type, item);");
  pr_line(p, "free(item);");
  pr_close(p, "");
  pr_blank(p);
  gstr_free(&makers);
}
