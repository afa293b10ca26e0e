/* emit_header.c - STEM.h: the public API of one schema (see
 * docs/generated-api.md). Layout: banner, guard, includes, composite types
 * (elements first), class structs with their constants (bases first), then
 * the function prototypes in the same order, then the module table. */
#include <ctype.h>

#include "emit.h"
#include "emit_util.h"

/* AB_AUTOBAHN_H: prefix and stem, anything not alphanumeric as '_'. */
static void emit_guard(FILE *f, const ir_module *m) {
  emit_upper(f, m->prefix);
  fputc('_', f);
  for (const char *p = m->stem; *p; p++)
    fputc(isalnum((unsigned char)*p) ? toupper((unsigned char)*p) : '_', f);
  fputs("_H", f);
}

/* ---- types ---------------------------------------------------------------- */

static void emit_composite_typedef(FILE *f, const ir_type *t) {
  const char *elem = t->elem->c_name;
  fprintf(f, "/* %s */\ntypedef struct %s {\n", t->spelling, t->c_name);
  switch (t->kind) {
  case IR_OPT:
    fprintf(f, "  bool present; /* false is None */\n  %s value;\n", elem);
    break;
  case IR_LIST:
    fprintf(f, "  %s *items;\n  size_t len;\n  size_t cap;\n", elem);
    break;
  case IR_MAP:
    fprintf(f, "  ws_str *keys; /* unique, in insertion order */\n"
               "  %s *values;\n  size_t len;\n  size_t cap;\n", elem);
    break;
  default:
    break;
  }
  fprintf(f, "} %s;\n\n", t->c_name);
}

/* The members before the fields: the base struct, or at a hierarchy's root
 * the value's own descriptor. */
static void emit_struct_head(FILE *f, const ir_class *c) {
  if (c->base != NULL)
    fprintf(f, "  %s base; /* %s */\n", c->base->c_name, c->base->name);
  else if (c->in_hierarchy)
    fputs("  const ws_type *type; /* the value's own class */\n", f);
}

static void emit_class_struct(FILE *f, const ir_class *c) {
  emit_doc_comment(f, c->doc, "");
  fprintf(f, "typedef struct %s {\n", c->c_name);
  emit_struct_head(f, c);
  for (size_t i = 0; i < c->field_count; i++) {
    const ir_field *fd = &c->fields[i];
    emit_doc_comment(f, fd->doc, "  ");
    fprintf(f, "  %s %s;\n", fd->type->c_name, fd->name);
  }
  if (c->field_count == 0 && !c->in_hierarchy)
    fputs("  char unused; /* C has no empty structs */\n", f);
  fprintf(f, "} %s;\n\n", c->c_name);
}

static void emit_const_value(FILE *f, const ir_const *k) {
  switch (k->type->kind) {
  case IR_INT:
    emit_int64(f, k->value.i);
    break;
  case IR_STR:
    emit_c_string(f, k->value.s, k->value.s_len);
    break;
  default:
    fputs(k->value.b ? "true" : "false", f);
    break;
  }
}

static void emit_class_consts(FILE *f, const ir_class *c) {
  for (size_t i = 0; i < c->const_count; i++) {
    const ir_const *k = &c->consts[i];
    emit_doc_comment(f, k->doc, "");
    fputs("#define ", f);
    emit_const_name(f, c, k);
    fputc(' ', f);
    emit_const_value(f, k);
    fputc('\n', f);
  }
  if (c->const_count > 0)
    fputc('\n', f);
}

/* ---- prototypes ----------------------------------------------------------- */

/* An element argument: plain values by value, the rest by pointer. */
static void emit_elem_param(FILE *f, const ir_type *e, const char *name) {
  if (emit_type_is_plain(e))
    fprintf(f, "%s %s", e->c_name, name);
  else
    fprintf(f, "const %s *%s", e->c_name, name);
}

static void emit_composite_prototypes(FILE *f, const ir_type *t) {
  const char *n = t->c_name;
  const char *self = t->kind == IR_OPT ? "o" : t->kind == IR_MAP ? "m" : "v";
  fprintf(f, "void %s_free(%s *%s);\n", n, n, self);
  fprintf(f, "ws_status %s_copy(%s *dst, const %s *src);\n", n, n, n);
  fprintf(f, "bool %s_equal(const %s *a, const %s *b);\n", n, n, n);
  if (t->kind == IR_LIST) {
    fprintf(f, "ws_status %s_append(%s *v, ", n, n);
    emit_elem_param(f, t->elem, "item");
    fputs(");\n", f);
  } else if (t->kind == IR_MAP) {
    fprintf(f, "ws_status %s_set(%s *m, ws_str key, ", n, n);
    emit_elem_param(f, t->elem, "value");
    fprintf(f, ");\nconst %s *%s_get(const %s *m, ws_str key);\n",
            t->elem->c_name, n, n);
  } else {
    fprintf(f, "ws_status %s_set(%s *o, ", n, n);
    emit_elem_param(f, t->elem, "value");
    fputs(");\n", f);
  }
  fputc('\n', f);
}

static void emit_make_prototype(FILE *f, const ir_class *c) {
  emit_make_signature(f, c);
  fputs(";\n", f);
}

static void emit_class_prototypes(FILE *f, const ir_class *c) {
  const char *n = c->c_name;
  fprintf(f, "/* %s%s */\n", c->name, c->is_abstract ? " (abstract)" : "");
  if (!c->is_abstract)
    fprintf(f, "ws_status %s_init(%s *v);\n", n, n);
  if (emit_class_has_make(c))
    emit_make_prototype(f, c);
  fprintf(f, "void %s_free(%s *v);\n", n, n);
  fprintf(f, "ws_status %s_copy(%s *dst, const %s *src);\n", n, n, n);
  fprintf(f, "bool %s_equal(const %s *a, const %s *b);\n", n, n, n);
  fprintf(f, "ws_status %s_validate(const %s *v, ws_error *err);\n", n, n);
  fprintf(f,
          "ws_status %s_encode(const %s *v, ws_format format, ws_buf *out,\n"
          "                    ws_error *err);\n",
          n, n);
  if (!c->is_abstract) {
    fprintf(f,
            "ws_status %s_decode(%s *v, const char *json, size_t len,\n"
            "                    const ws_decode_opts *opts, ws_error *err);\n",
            n, n);
    fprintf(f, "ws_status %s_read(ws_reader *r, %s *v);\n", n, n);
  }
  fprintf(f, "extern const ws_type %s_type;\n\n", n);
}

/* What every function does, said once rather than per class. */
static const char functions_comment[] =
    "/* The functions. For every type above:\n"
    " *   _free     releases everything and leaves the all-zero value (safe\n"
    " *             twice).\n"
    " *   _copy     deep copy into an uninitialised dst; on failure dst is\n"
    " *             freed. Through a base class, dst needs room for src's own\n"
    " *             class (src->type->size).\n"
    " *   _equal    same value (a map's entries in any order, as in Python).\n"
    " * Lists, maps and nullables: _append and _set copy their argument (a\n"
    " * map's _set replaces an existing key's value in place); _get returns\n"
    " * NULL when the key is absent. Classes:\n"
    " *   _init     every field to its default; may allocate (string\n"
    " *             defaults).\n"
    " *   _make     _init, then a copy of each required field (for a\n"
    " *             nullable, NULL is None).\n"
    " *   _validate constraints (max_len, range) and the UTF-8 of every str;\n"
    " *             err may be NULL.\n"
    " *   _encode   appends the chosen representation to out; on failure out\n"
    " *             keeps its earlier content.\n"
    " *   _decode   one JSON document into an uninitialised v; on failure v\n"
    " *             is freed and err says why and where. opts may be NULL.\n"
    " *   _read     one JSON object from a reader into an _init'ed v.\n"
    " * Whatever fails returns a ws_status and leaves values safe to free.\n"
    " * Abstract classes have no _init, _make, _decode or _read; their other\n"
    " * functions dispatch on the value's type. */\n"
    "\n";

static void emit_module_table(FILE *f, const ir_module *m) {
  const char *p = m->prefix;
  fprintf(f, "/* Every class, bases first, otherwise in schema order. */\n");
  fprintf(f, "extern const ws_type *const %s_types[];\n", p);
  fprintf(f, "extern const size_t %s_type_count;\n", p);
  fprintf(f, "/* The class of that schema name, or NULL. */\n");
  fprintf(f, "const ws_type *%s_type_find(const char *name);\n\n", p);
}

void emit_header(FILE *f, const ir_module *m) {
  emit_banner(f, m);
  fprintf(f, "/* Module %s. */\n", m->name);
  emit_doc_comment(f, m->doc, "");
  fputs("#ifndef ", f);
  emit_guard(f, m);
  fputs("\n#define ", f);
  emit_guard(f, m);
  fputs("\n\n#include <stdbool.h>\n#include <stddef.h>\n#include <stdint.h>\n\n"
        "#include \"wstypes.h\"\n\n"
        "#ifdef __cplusplus\nextern \"C\" {\n#endif\n\n",
        f);
  for (size_t i = 0; i < m->composite_count; i++)
    emit_composite_typedef(f, m->composites[i]);
  for (size_t i = 0; i < m->class_count; i++) {
    emit_class_struct(f, m->classes[i]);
    emit_class_consts(f, m->classes[i]);
  }
  fputs(functions_comment, f);
  for (size_t i = 0; i < m->composite_count; i++)
    emit_composite_prototypes(f, m->composites[i]);
  for (size_t i = 0; i < m->class_count; i++)
    emit_class_prototypes(f, m->classes[i]);
  emit_module_table(f, m);
  fputs("#ifdef __cplusplus\n}\n#endif\n\n#endif\n", f);
}
