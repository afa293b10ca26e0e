/* emit_header.c - STEM.h: the public API of one schema (see
 * docs/generated-api.md). Layout: banner, guard, includes, composite types
 * (elements first), class structs with their constants (bases first), then
 * the function prototypes in the same order (emit_api.c's table), then the
 * module table. */
#include <stdlib.h>
#include <string.h>

#include "emit.h"
#include "emit_api.h"
#include "emit_enum.h"
#include "emit_names.h"
#include "emit_util.h"

/* ---- types ---------------------------------------------------------------- */

/* Ends a typedef'd struct: "} name;". */
static void close_typedef(printer *p, const char *name) {
  gstr tail;
  gstr_init(&tail);
  gstr_printf(&tail, " %s;", name);
  pr_close_of(p, &tail);
  gstr_free(&tail);
  pr_blank(p);
}

/* What goes between a member's C type and its name: nothing after a
 * pointer's '*' ("ab_thing *next"), else a space. */
static const char *decl_gap(const char *c_decl) {
  size_t n = strlen(c_decl);
  return n > 0 && c_decl[n - 1] == '*' ? "" : " ";
}

static void emit_composite_typedef(printer *p, const ir_type *t) {
  const char *elem = t->elem->c_name;
  pr_line(p, "/* %s */", t->spelling);
  pr_open(p, "typedef struct %s", t->c_name);
  if (t->kind == IR_OPT) {
    pr_line(p, "bool present; /* false is None */");
    pr_line(p, "%s value;", elem);
  } else {
    if (t->kind == IR_MAP)
      pr_line(p, "ws_str *keys; /* unique, in insertion order */");
    pr_line(p, "%s%s*%s;", t->elem->c_decl, decl_gap(t->elem->c_decl),
            t->kind == IR_MAP ? "values" : "items");
    pr_line(p, "size_t len;");
    pr_line(p, "size_t cap;");
    if (t->kind == IR_MAP)
      pr_line(p, "struct ws_name_index *index; "
                 "/* the runtime's lookup cache */");
  }
  close_typedef(p, t->c_name);
}

/* A struct's members as a doc_run: first the base struct, or at a
 * hierarchy's root the value's own descriptor, then the fields; a class
 * with neither has a placeholder. */
static size_t head_count(const ir_class *c) {
  return c->base != NULL || c->in_hierarchy || c->field_count == 0 ? 1 : 0;
}

static void put_member(gstr *line, const void *ctx, size_t i) {
  const ir_class *c = ctx;
  if (i < head_count(c)) {
    if (c->base != NULL)
      gstr_printf(line, "%s base;", c->base->c_name);
    else if (c->in_hierarchy)
      gstr_puts(line, "const ws_type *type;");
    else
      gstr_puts(line, "char unused;");
    return;
  }
  const ir_field *fd = &c->fields[i - head_count(c)];
  gstr_printf(line, "%s%s%s;", fd->type->c_decl, decl_gap(fd->type->c_decl), fd->name);
}

static const char *member_doc(const void *ctx, size_t i) {
  const ir_class *c = ctx;
  return i < head_count(c) ? "" : c->fields[i - head_count(c)].doc;
}

static void member_note(gstr *note, const void *ctx, size_t i) {
  const ir_class *c = ctx;
  if (i >= head_count(c))
    return;
  if (c->base != NULL)
    gstr_puts(note, c->base->name);
  else if (c->in_hierarchy)
    gstr_puts(note, "the value's own class");
  else
    gstr_puts(note, "C has no empty structs");
}

static void emit_class_struct(printer *p, const ir_class *c) {
  doc_run members = {c, head_count(c) + c->field_count, put_member, member_doc, member_note};
  emit_doc(p, c->doc);
  /* a held class's typedef came ahead of the composites */
  pr_open(p, c->held ? "struct %s" : "typedef struct %s", c->c_name);
  emit_doc_run(p, &members);
  if (c->held) {
    pr_close(p, ";");
    pr_blank(p);
  } else {
    close_typedef(p, c->c_name);
  }
}

/* The typedefs of the classes that fields hold in place, ahead of the
 * composites, whose lists and maps of them hold pointers. */
static void emit_held_typedefs(printer *p, const ir_module *m) {
  bool any = false;
  for (size_t i = 0; i < m->class_count; i++) {
    const ir_class *c = m->classes[i];
    if (!c->held)
      continue;
    if (!any)
      pr_line(p, "/* Classes that fields hold, defined below. */");
    any = true;
    pr_line(p, "typedef struct %s %s;", c->c_name, c->c_name);
  }
  if (any)
    pr_blank(p);
}


static void put_const_value(gstr *s, const ir_const *k) {
  switch (k->type->kind) {
  case IR_INT:
    put_int64_expr(s, k->value.i);
    break;
  case IR_STR:
    gstr_put_c_string(s, k->value.s, k->value.s_len);
    break;
  default:
    gstr_puts(s, k->value.b ? "true" : "false");
    break;
  }
}

static void put_const_define(gstr *line, const void *ctx, size_t i) {
  const ir_class *c = ctx;
  gstr_puts(line, "#define ");
  put_const_name(line, c, &c->consts[i]);
  gstr_putc(line, ' ');
  put_const_value(line, &c->consts[i]);
}

static const char *const_doc(const void *ctx, size_t i) {
  return ((const ir_class *)ctx)->consts[i].doc;
}

/* The constants as macros, each with its doc. */
static void emit_class_consts(printer *p, const ir_class *c) {
  doc_run consts = {c, c->const_count, put_const_define, const_doc, NULL};
  emit_doc_run(p, &consts);
  if (c->const_count > 0)
    pr_blank(p);
}

/* The structs, each after those it holds by value, with their constants. */
static void emit_class_structs(printer *p, const ir_module *m) {
  const ir_class **order = emit_struct_order(m);
  if (order == NULL) {
    gstr oom = {0};
    oom.failed = true;
    pr_line_of(p, &oom);
    return;
  }
  for (size_t i = 0; i < m->class_count; i++) {
    emit_class_struct(p, order[i]);
    emit_class_consts(p, order[i]);
  }
  free(order);
}

/* ---- prototypes ----------------------------------------------------------- */

/* What every function does, said once rather than per class. */
static const char functions_comment[] =
    "/* The functions (docs/generated-api.md). _init is the one that takes\n"
    " * uninitialised memory; _copy, _make, _decode and _read replace a valid\n"
    " * target (all-zero or filled), freeing what it held, and leave it as it\n"
    " * was when they fail (the fill rule, docs/generated-api.md#the-fill-rule).\n"
    " * _free leaves the all-zero value (safe twice); _equal compares maps as\n"
    " * Python does; _encode appends to out (on failure out is as it was);\n"
    " * err and opts may be NULL. Text arguments are borrowed views\n"
    " * (ws_cstr(\"x\"), ws_str_view_of(&s)), which setters and _make copy; a\n"
    " * nullable's NULL is None. Enums are plain values, like int (their\n"
    " * enumerators are PREFIX_ENUM_MEMBER). Abstract classes have no _init,\n"
    " * _make, _decode or _read; their other functions dispatch on the\n"
    " * value's class. */\n";

static void emit_class_prototypes(printer *p, const ir_class *c) {
  pr_line(p, "/* %s%s */", c->name, c->is_abstract ? " (abstract)" : "");
  emit_class_api(p, c, API_PROTOTYPES);
  pr_line(p, "extern const ws_type %s_type;", c->c_name);
  pr_blank(p);
}

/* The one symbol a program that loads the module at run time looks up. */
static void emit_module_descriptor_decl(printer *p, const ir_module *m) {
  gstr name;
  gstr_init(&name);
  put_module_symbol(&name, m);
  pr_line(p, "/* The module as one value (ws_module.h): what a program that loads");
  pr_line(p, " * it from a shared library looks up. */");
  pr_line(p, "extern const ws_module %s;", gstr_cstr(&name));
  take_failure(&p->out, &name);
  gstr_free(&name);
}

static void emit_module_table(printer *p, const ir_module *m) {
  const char *prefix = m->prefix;
  pr_line(p, "/* Every class, bases first, otherwise in schema order. */");
  pr_line(p, "extern const ws_type *const %s_types[];", prefix);
  pr_line(p, "extern const size_t %s_type_count;", prefix);
  pr_line(p, "/* The class of that schema name, or NULL. */");
  pr_line(p, "const ws_type *%s_type_find(const char *name);", prefix);
  emit_module_descriptor_decl(p, m);
  pr_blank(p);
}

/* ---- the file ------------------------------------------------------------- */

static void emit_prologue(printer *p, const ir_module *m) {
  gstr guard;
  gstr_init(&guard);
  emit_put_guard(&guard, m);
  emit_generated_by(p, m);
  pr_line(p, "/* Module %s. */", m->name);
  emit_doc(p, m->doc);
  pr_begin(p);
  pr_add(p, "#ifndef ");
  pr_add_str(p, &guard);
  pr_end(p);
  pr_begin(p);
  pr_add(p, "#define ");
  pr_add_str(p, &guard);
  pr_end(p);
  gstr_free(&guard);
  pr_blank(p);
  pr_line(p, "#include <stdbool.h>");
  pr_line(p, "#include <stddef.h>");
  pr_line(p, "#include <stdint.h>");
  pr_blank(p);
  pr_line(p, "#include \"wstypes.h\"");
  pr_blank(p);
  if (m->import_count > 0) {
    for (size_t i = 0; i < m->import_count; i++)
      pr_line(p, "#include \"%s.h\" /* %s */", m->imports[i]->stem,
              m->imports[i]->name);
    pr_blank(p);
  }
  pr_line(p, "#ifdef __cplusplus");
  pr_line(p, "extern \"C\" {");
  pr_line(p, "#endif");
  pr_blank(p);
}

void emit_header(printer *p, const ir_module *m) {
  emit_prologue(p, m);
  emit_held_typedefs(p, m);
  emit_enum_typedefs(p, m);
  for (size_t i = 0; i < m->composite_count; i++)
    emit_composite_typedef(p, m->composites[i]);
  emit_class_structs(p, m);
  pr_raw(p, functions_comment);
  pr_blank(p);
  for (size_t i = 0; i < m->type_count; i++) {
    if (m->types[i]->kind != IR_REF)
      continue;
    pr_line(p, "/* %s, through a pointer: _set copies value (NULL: none) */", m->types[i]->spelling);
    emit_ref_api(p, m->types[i], API_PROTOTYPES);
    pr_blank(p);
  }
  emit_enum_prototypes(p, m);
  for (size_t i = 0; i < m->composite_count; i++) {
    emit_composite_api(p, m->composites[i], API_PROTOTYPES);
    pr_blank(p);
  }
  for (size_t i = 0; i < m->class_count; i++)
    emit_class_prototypes(p, m->classes[i]);
  emit_module_table(p, m);
  pr_line(p, "#ifdef __cplusplus");
  pr_line(p, "}");
  pr_line(p, "#endif");
  pr_blank(p);
  pr_line(p, "#endif");
}
