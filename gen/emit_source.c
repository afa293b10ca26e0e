/* emit_source.c - STEM.c up to the decoders: what each composite type and
 * class needs of generated code, which is data and typed wrappers.
 *
 * The runtime does the schema-independent work by walking descriptors
 * (ws_kind.h for the composites, ws_class.h for the classes): free, copy,
 * equal, validate, init, the str() view and the encode frame. So per
 * composite the output has its JSON writer, its kind descriptor and one-line
 * public functions; per class its field table and key order, one-line
 * functions, make, its JSON writer and its descriptor; then the module
 * table. Composites come first, elements before their containers, so every
 * name is defined before its use.
 *
 * The JSON writers stay straight-line code per field writing into a ws_buf:
 * that is where encode's speed comes from. */
#include <stdbool.h>
#include <string.h>

#include "emit.h"
#include "emit_util.h"

/* Longest member path or expression we build ("v->base.base.name.value"). */
enum { EXPR_MAX = 512 };

/* ---- names and expressions -------------------------------------------------- */

/* Appends part to the expression out[0..*n), cutting at EXPR_MAX - 1 (no
 * schema comes near). part may point into out. */
static void expr_append(char *out, size_t *n, const char *part) {
  size_t len = strlen(part);
  if (len > EXPR_MAX - 1 - *n)
    len = EXPR_MAX - 1 - *n;
  memmove(out + *n, part, len);
  *n += len;
  out[*n] = '\0';
}

/* "v->base.payload": field fd of the class-c value that obj points to. */
static void field_expr(char *out, const char *obj, const ir_class *c,
                       const ir_field *fd) {
  size_t n = 0;
  expr_append(out, &n, obj);
  expr_append(out, &n, "->");
  for (const ir_class *k = c; k != NULL && k != fd->owner; k = k->base)
    expr_append(out, &n, "base.");
  expr_append(out, &n, fd->name);
}

/* out = "lv.member"; out may be lv itself. */
static void member_of(char *out, const char *lv, const char *member) {
  size_t n = 0;
  expr_append(out, &n, lv);
  expr_append(out, &n, ".");
  expr_append(out, &n, member);
}

/* Statements: write the value at lv as JSON into b (mode in scope). */
static void emit_put_json(FILE *f, const ir_type *t, const char *lv,
                          const char *in) {
  char inner[EXPR_MAX];
  switch (t->kind) {
  case IR_STR:
    fprintf(f, "%sws_json_put_str(b, ws_str_c(&%s), %s.len, mode);\n", in, lv,
            lv);
    break;
  case IR_BYTES:
    fprintf(f, "%sws_json_put_bytes(b, %s.ptr, %s.len);\n", in, lv, lv);
    break;
  case IR_INT:
    fprintf(f, "%sws_json_put_int(b, %s);\n", in, lv);
    break;
  case IR_BOOL:
    fprintf(f, "%sws_json_put_bool(b, %s);\n", in, lv);
    break;
  case IR_HEADERS:
    fprintf(f, "%sws_headers_put_json(b, &%s, mode);\n", in, lv);
    break;
  case IR_OPT:
    member_of(inner, lv, "value");
    fprintf(f, "%sif (%s.present)\n", in, lv);
    emit_put_json(f, t->elem, inner, "    ");
    fprintf(f, "%selse\n%s  ws_json_put_null(b);\n", in, in);
    break;
  default:
    fprintf(f, "%s%s_put_json(b, &%s, mode);\n", in, t->c_name, lv);
    break;
  }
}

/* ---- composites ------------------------------------------------------------ */

/* "&ws_str_kind", "&ab_list_str_kind": the kind descriptor of t. */
static void emit_kind_ref(FILE *f, const ir_type *t) {
  if (t->kind >= IR_OPT)
    fprintf(f, "&%s_kind", t->c_name);
  else
    fprintf(f, "&ws_%s_kind", t->mangled);
}

/* An element argument: plain values by value, the rest by pointer. */
static void emit_elem_param(FILE *f, const ir_type *e, const char *name) {
  if (emit_type_is_plain(e))
    fprintf(f, "%s %s", e->c_name, name);
  else
    fprintf(f, "const %s *%s", e->c_name, name);
}

/* The JSON writer of a list or map: straight-line, as the classes'. */
static void emit_container_put_json(FILE *f, const ir_type *t) {
  bool map = t->kind == IR_MAP;
  fprintf(f,
          "static void %s_put_json(ws_buf *b, const %s *v, ws_json_mode mode) "
          "{\n  ws_buf_putc(b, '%c');\n"
          "  for (size_t i = 0; i < v->len; i++) {\n"
          "    if (i > 0)\n"
          "      ws_json_put_fixed(b, mode, \",\", 1, \", \", 2);\n",
          t->c_name, t->c_name, map ? '{' : '[');
  if (map)
    fputs("    ws_json_put_key(b, ws_str_c(&v->keys[i]), v->keys[i].len, "
          "mode);\n",
          f);
  emit_put_json(f, t->elem, map ? "v->values[i]" : "v->items[i]", "    ");
  fprintf(f, "  }\n  ws_buf_putc(b, '%c');\n}\n\n", map ? '}' : ']');
}

/* The str() view's callbacks of a list or map, which bind its kind. */
static void emit_container_view(FILE *f, const ir_type *t) {
  const char *n = t->c_name;
  const char *shape = t->kind == IR_MAP ? "map" : "list";
  fprintf(f,
          "static const ws_kind %s_kind;\n"
          "static void %s_child(const void *obj, size_t index, const char "
          "**key,\n"
          "                     size_t *key_len, ws_pv *value) {\n"
          "  ws_%s_child(&%s_kind, obj, index, key, key_len, value);\n}\n",
          n, n, shape, n);
  if (t->kind == IR_MAP)
    fprintf(f,
            "static void %s_key(const void *obj, size_t index, const char "
            "**key,\n"
            "                   size_t *key_len) {\n"
            "  ws_map_key(&%s_kind, obj, index, key, key_len);\n}\n",
            n, n);
}

static void emit_kind_desc(FILE *f, const ir_type *t) {
  const char *n = t->c_name;
  static const char *const macros[] = {"WS_OPT_KIND", "WS_LIST_KIND",
                                       "WS_MAP_KIND"};
  fprintf(f, "static const ws_kind %s_kind =\n    %s(%s, ", n,
          macros[t->kind - IR_OPT], n);
  emit_c_cstring(f, t->spelling);
  fputs(", ", f);
  emit_kind_ref(f, t->elem);
  if (t->kind == IR_LIST)
    fprintf(f, ", %s_child", n);
  if (t->kind == IR_MAP)
    fprintf(f, ", %s_child, %s_key", n, n);
  fputs(");\n\n", f);
}

/* free, copy and equal of every composite, as one-line calls. */
static void emit_kind_wrappers(FILE *f, const ir_type *t) {
  const char *n = t->c_name;
  fprintf(f,
          "void %s_free(%s *v) { ws_kind_free(&%s_kind, v); }\n"
          "ws_status %s_copy(%s *dst, const %s *src) {\n"
          "  return ws_kind_copy(&%s_kind, dst, src);\n}\n"
          "bool %s_equal(const %s *a, const %s *b) {\n"
          "  return ws_kind_equal(&%s_kind, a, b);\n}\n",
          n, n, n, n, n, n, n, n, n, n, n);
}

/* append, set or set/get: the element argument as a pointer. */
static void emit_elem_arg(FILE *f, const ir_type *e, const char *name) {
  fprintf(f, "%s%s", emit_type_is_plain(e) ? "&" : "", name);
}

static void emit_shape_functions(FILE *f, const ir_type *t) {
  const char *n = t->c_name;
  const ir_type *e = t->elem;
  if (t->kind == IR_LIST) {
    fprintf(f, "ws_status %s_append(%s *v, ", n, n);
    emit_elem_param(f, e, "item");
    fprintf(f, ") {\n  return ws_list_append(&%s_kind, v, ", n);
    emit_elem_arg(f, e, "item");
    fputs(");\n}\n\n", f);
  } else if (t->kind == IR_MAP) {
    fprintf(f, "ws_status %s_set(%s *m, ws_str key, ", n, n);
    emit_elem_param(f, e, "value");
    fprintf(f, ") {\n  return ws_map_set(&%s_kind, m, key, ", n);
    emit_elem_arg(f, e, "value");
    fprintf(f,
            ");\n}\n"
            "const %s *%s_get(const %s *m, ws_str key) {\n"
            "  return ws_map_get(&%s_kind, m, key);\n}\n\n",
            e->c_name, n, n, n);
  } else {
    fprintf(f, "ws_status %s_set(%s *o, ", n, n);
    emit_elem_param(f, e, "value");
    fprintf(f, ") {\n  return ws_opt_set(&%s_kind, o, ", n);
    emit_elem_arg(f, e, "value");
    fputs(");\n}\n\n", f);
  }
}

static void emit_composite(FILE *f, const ir_type *t) {
  fprintf(f, "/* ---- %s ---- */\n\n", t->spelling);
  if (t->kind != IR_OPT) {
    emit_container_put_json(f, t);
    emit_container_view(f, t);
  }
  emit_kind_desc(f, t);
  emit_kind_wrappers(f, t);
  emit_shape_functions(f, t);
}

/* ---- classes: the str() view's key order ------------------------------------ */

/* The field whose name comes next after prev's (after none: the first) in
 * code point order, which for UTF-8 is strcmp's byte order. Names are
 * unique within a class. */
static const ir_field *field_after(const ir_class *c, const ir_field *prev) {
  const ir_field *best = NULL;
  for (size_t i = 0; i < c->all_field_count; i++) {
    const ir_field *fd = c->all_fields[i];
    if (prev && strcmp(fd->name, prev->name) <= 0)
      continue;
    if (!best || strcmp(fd->name, best->name) < 0)
      best = fd;
  }
  return best;
}

static size_t field_index(const ir_class *c, const ir_field *fd) {
  size_t i = 0;
  while (c->all_fields[i] != fd)
    i++;
  return i;
}

/* Whether repr() of every field name is the name in quotes: printable
 * ASCII without quotes or backslashes (what pformat's keys_plain says). */
static bool field_names_plain(const ir_class *c) {
  for (size_t i = 0; i < c->all_field_count; i++) {
    for (const char *p = c->all_fields[i]->name; *p; p++) {
      if (*p < 0x20 || *p > 0x7e || *p == '\'' || *p == '"' || *p == '\\')
        return false;
    }
  }
  return true;
}

/* Columns of repr(name) at least: its quotes and one for each code point
 * (exact for a plain name). */
static size_t name_min_width(const char *name) {
  size_t width = 2;
  for (const unsigned char *p = (const unsigned char *)name; *p; p++) {
    width += (*p & 0xc0) != 0x80;
  }
  return width;
}

/* What the field dict's one-line repr needs at least (pformat's
 * min_width): the braces, and for each field its name, ": ", a value of
 * one column or more, and ", " before all but the first. Dicts wider than
 * the line then go straight to their broken layout. */
static size_t class_min_width(const ir_class *c) {
  size_t width = 2;
  for (size_t i = 0; i < c->all_field_count; i++) {
    width += name_min_width(c->all_fields[i]->name) + 3 + (i > 0 ? 2 : 0);
  }
  return width;
}

/* The str() view's key order: field indexes sorted by name, decided here
 * once rather than sorted at every print. */
static void emit_key_order(FILE *f, const ir_class *c) {
  const ir_field *fd = NULL;
  fprintf(f, "static const ws_key_slot %s_key_order[] = {", c->c_name);
  for (size_t k = 0; (fd = field_after(c, fd)) != NULL; k++)
    fprintf(f, "%s{%zu, %zu}", k > 0 ? ", " : "", field_index(c, fd),
            strlen(fd->name));
  fputs("};\n\n", f);
}

/* ---- classes: descriptor tables --------------------------------------------------- */

/* "base.base.name": the member of fd in a value of class c. */
static void emit_member_path(FILE *f, const ir_class *c, const ir_field *fd) {
  for (const ir_class *k = c; k != NULL && k != fd->owner; k = k->base)
    fputs("base.", f);
  fputs(fd->name, f);
}

/* Whether init stores fd's default: anything but the all-zero value, and
 * any non-null default of a T? (which makes it present). */
static bool stores_default(const ir_field *fd) {
  const ir_value *d = &fd->def;
  if (d->kind == IR_VALUE_NONE || d->kind == IR_VALUE_NULL)
    return false;
  return fd->type->kind == IR_OPT || (d->kind == IR_VALUE_INT && d->i != 0) ||
         (d->kind == IR_VALUE_BOOL && d->b) ||
         (d->kind == IR_VALUE_STR && d->s_len > 0);
}

/* What the runtime walks: kind, offset, flags and the default to store. */
static void emit_field_layout(FILE *f, const ir_class *c, const ir_field *fd) {
  const ir_value *d = &fd->def;
  fprintf(f, ", .name_len = %zu, .kind = ", strlen(fd->name));
  emit_kind_ref(f, fd->type);
  fprintf(f, ", .offset = offsetof(%s, ", c->c_name);
  emit_member_path(f, c, fd);
  fputc(')', f);
  if (emit_field_is_required(fd))
    fputs(", .flags = WS_FIELD_REQUIRED", f);
  if (!stores_default(fd))
    return;
  fputs(", .flags = WS_FIELD_DEFAULT", f);
  if (d->kind == IR_VALUE_INT) {
    fputs(", .default_int = ", f);
    emit_int64(f, d->i);
  } else if (d->kind == IR_VALUE_BOOL && d->b) {
    fputs(", .default_int = 1", f);
  } else if (d->kind == IR_VALUE_STR) {
    fputs(", .default_str = ", f);
    emit_c_string(f, d->s, d->s_len);
    fprintf(f, ", .default_len = %zu", d->s_len);
  }
}

static void emit_field_desc(FILE *f, const ir_class *c, const ir_field *fd) {
  const ir_constraints *k = &fd->constraints;
  fputs("    {.name = ", f);
  emit_c_cstring(f, fd->name);
  fputs(", .type = ", f);
  emit_c_cstring(f, fd->type->spelling);
  fputs(", .doc = ", f);
  emit_c_cstring(f, fd->doc);
  if (!emit_field_is_required(fd)) {
    fputs(", .default_value = ", f);
    emit_c_cstring(f, fd->def.text);
  }
  if (k->has_max_len)
    fprintf(f, ", .has_max_len = true, .max_len = UINT64_C(%llu)",
            (unsigned long long)k->max_len);
  if (k->has_range) {
    fputs(", .has_range = true, .min = ", f);
    emit_int64(f, k->min);
    fputs(", .max = ", f);
    emit_int64(f, k->max);
  }
  emit_field_layout(f, c, fd);
  fputs("},\n", f);
}

static void emit_desc_tables(FILE *f, const ir_class *c) {
  if (c->all_field_count > 0) {
    fprintf(f, "static const ws_field_desc %s_fields[] = {\n", c->c_name);
    for (size_t i = 0; i < c->all_field_count; i++)
      emit_field_desc(f, c, c->all_fields[i]);
    fputs("};\n", f);
    emit_key_order(f, c);
  }
  if (c->const_count == 0)
    return;
  fprintf(f, "static const ws_const_desc %s_consts[] = {\n", c->c_name);
  for (size_t i = 0; i < c->const_count; i++) {
    const ir_const *k = &c->consts[i];
    fputs("    {.name = ", f);
    emit_c_cstring(f, k->name);
    fputs(", .type = ", f);
    emit_c_cstring(f, k->type->spelling);
    fputs(", .value = ", f);
    emit_c_cstring(f, k->value.text);
    fputs(", .doc = ", f);
    emit_c_cstring(f, k->doc);
    fputs("},\n", f);
  }
  fputs("};\n\n", f);
}

/* ---- classes: functions ------------------------------------------------------ */

/* A class with subclasses may be handed a subclass value through its own
 * type: such values go to their own class's functions. */
static bool dispatches(const ir_class *c) {
  return c->is_abstract || c->subclass_count > 0;
}

/* Prints the next fallible step of a status chain: the first declares st. */
static void emit_step(FILE *f, bool *first, const char *cond) {
  if (*first && cond == NULL)
    fputs("  ws_status st = ", f);
  else if (*first)
    fprintf(f, "  ws_status st = WS_OK;\n  if (%s)\n    st = ", cond);
  else if (cond == NULL)
    fputs("  if (st == WS_OK)\n    st = ", f);
  else
    fprintf(f, "  if (st == WS_OK && %s)\n    st = ", cond);
  *first = false;
}

/* One required field taken by make: a plain value is assigned, anything
 * else is copied as a chain step. */
static void emit_make_field(FILE *f, const ir_class *c, const ir_field *fd,
                            bool *first) {
  char lv[EXPR_MAX];
  char cond[EXPR_MAX];
  const ir_type *t = fd->type;
  field_expr(lv, "v", c, fd);
  if (emit_type_is_plain(t)) {
    fprintf(f, "  %s = ", lv);
    emit_make_param_name(f, fd);
    fputs(";\n", f);
    return;
  }
  if (t->kind == IR_OPT) {
    snprintf(cond, sizeof cond, "%s%s != NULL", fd->name,
             strcmp(fd->name, "v") == 0 || strcmp(fd->name, "st") == 0 ? "_"
                                                                      : "");
    emit_step(f, first, cond);
    fprintf(f, "%s_set(&%s, %s", t->c_name, lv,
            emit_type_is_plain(t->elem) ? "*" : "");
  } else {
    emit_step(f, first, NULL);
    emit_type_fn(f, t, "copy");
    fprintf(f, "(&%s, %s", lv, emit_make_takes_value(t) ? "&" : "");
  }
  emit_make_param_name(f, fd);
  fputs(");\n", f);
}

static void emit_make(FILE *f, const ir_class *c) {
  bool first = false; /* init's status opens the chain */
  emit_make_signature(f, c);
  fprintf(f, " {\n  ws_status st = %s_init(v);\n", c->c_name);
  /* plain values first: assigning them is harmless even when init failed */
  for (int plain = 1; plain >= 0; plain--)
    for (size_t i = 0; i < c->all_field_count; i++) {
      const ir_field *fd = c->all_fields[i];
      if (emit_field_is_required(fd) && emit_type_is_plain(fd->type) == plain)
        emit_make_field(f, c, fd, &first);
    }
  fprintf(f, "  if (st != WS_OK)\n    %s_free(v);\n  return st;\n}\n\n",
          c->c_name);
}

/* init, free, copy, equal, validate and encode: typed one-line calls of
 * the runtime's walk over the class's tables (ws_class.h). */
static void emit_walkers(FILE *f, const ir_class *c) {
  const char *n = c->c_name;
  if (!c->is_abstract)
    fprintf(f,
            "ws_status %s_init(%s *v) { return ws_class_init(&%s_type, v); "
            "}\n",
            n, n, n);
  fprintf(f,
          "void %s_free(%s *v) { ws_class_free(&%s_type, v); }\n"
          "ws_status %s_copy(%s *dst, const %s *src) {\n"
          "  return ws_class_copy(&%s_type, dst, src);\n}\n"
          "bool %s_equal(const %s *a, const %s *b) {\n"
          "  return ws_class_equal(&%s_type, a, b);\n}\n"
          "ws_status %s_validate(const %s *v, ws_error *err) {\n"
          "  return ws_class_validate(&%s_type, v, err);\n}\n"
          "ws_status %s_encode(const %s *v, ws_format format, ws_buf *out,\n"
          "                    ws_error *err) {\n"
          "  return ws_class_encode(&%s_type, v, format, out, err);\n}\n\n",
          n, n, n, n, n, n, n, n, n, n, n, n, n, n, n, n, n);
}

/* ---- classes: encoding ------------------------------------------------------------ */

/* Statement: what comes before a field's value, "{" or a separator and then
 * the quoted name and colon, pre-rendered for both JSON modes so it costs one
 * write. Field names are identifiers, so they need no JSON escaping. */
static void emit_field_key_json(FILE *f, const char *name, bool first) {
  size_t len = strlen(name);
  const char *comma = first ? "{" : ",";
  const char *python_comma = first ? "{" : ", ";
  fprintf(f, "  ws_json_put_fixed(b, mode, \"%s\\\"%s\\\":\", %zu,\n", comma,
          name, len + 4);
  fprintf(f, "                    \"%s\\\"%s\\\": \", %zu);\n", python_comma,
          name, strlen(python_comma) + len + 4);
}

static void emit_class_put_json(FILE *f, const ir_class *c) {
  char lv[EXPR_MAX];
  fprintf(f,
          "static void %s_put_json(ws_buf *b, const void *obj, ws_format "
          "format) {\n",
          c->c_name);
  if (c->all_field_count == 0) {
    fputs("  (void)obj;\n  (void)format;\n  ws_buf_puts(b, \"{}\");\n}\n\n", f);
    return;
  }
  fprintf(f,
          "  const %s *v = obj;\n"
          "  ws_json_mode mode =\n"
          "      format == WS_FORMAT_JSON ? WS_JSON_COMPACT : WS_JSON_PYTHON;\n",
          c->c_name);
  for (size_t i = 0; i < c->all_field_count; i++) {
    const ir_field *fd = c->all_fields[i];
    emit_field_key_json(f, fd->name, i == 0);
    field_expr(lv, "v", c, fd);
    emit_put_json(f, fd->type, lv, "  ");
  }
  fputs("  ws_buf_putc(b, '}');\n}\n\n", f);
}

/* The child of the str() view, which binds the class's descriptor. */
static void emit_class_child(FILE *f, const ir_class *c) {
  fprintf(f,
          "static void %s_child(const void *obj, size_t index, const char "
          "**key,\n"
          "                     size_t *key_len, ws_pv *value) {\n"
          "  ws_class_child(&%s_type, obj, index, key, key_len, value);\n}\n\n",
          c->c_name, c->c_name);
}

/* ---- classes: the descriptor ---------------------------------------------------------- */

static void emit_flags(FILE *f, const ir_class *c) {
  static const char *const names[] = {"WS_TYPE_ABSTRACT", "WS_TYPE_EXCEPTION",
                                      "WS_TYPE_TAGGED", "WS_TYPE_DISPATCHES",
                                      "WS_TYPE_KEYS_PLAIN"};
  bool set[] = {c->is_abstract, c->is_exception, c->in_hierarchy,
                dispatches(c), field_names_plain(c)};
  bool any = false;
  for (size_t i = 0; i < sizeof set / sizeof set[0]; i++) {
    if (set[i]) {
      fprintf(f, "%s%s", any ? " | " : "", names[i]);
      any = true;
    }
  }
  if (!any)
    fputc('0', f);
}

static void emit_descriptor(FILE *f, const ir_class *c) {
  const char *n = c->c_name;
  fprintf(f, "const ws_type %s_type = {\n    .name = ", n);
  emit_c_cstring(f, c->name);
  fprintf(f, ",\n    .c_name = \"%s\",\n    .doc = ", n);
  emit_c_cstring(f, c->doc);
  if (c->base != NULL)
    fprintf(f, ",\n    .base = &%s_type", c->base->c_name);
  fputs(",\n    .flags = ", f);
  emit_flags(f, c);
  fprintf(f, ",\n    .size = sizeof(%s),\n", n);
  if (c->all_field_count > 0)
    fprintf(f,
            "    .fields = %s_fields,\n    .field_count = %zu,\n"
            "    .key_order = %s_key_order,\n",
            n, c->all_field_count, n);
  if (c->const_count > 0)
    fprintf(f, "    .consts = %s_consts,\n    .const_count = %zu,\n", n,
            c->const_count);
  if (!c->is_abstract)
    fprintf(f,
            "    .min_width = %zu,\n    .child = %s_child,\n"
            "    .put_json = %s_put_json,\n    .init = ws_class_init,\n",
            class_min_width(c), n, n);
  fputs("    .free = ws_class_free,\n"
        "    .copy = ws_class_copy,\n"
        "    .equal = ws_class_equal,\n"
        "    .validate = ws_class_validate,\n"
        "    .encode = ws_class_encode,\n",
        f);
  if (!c->is_abstract)
    fputs("    .read = ws_class_read,\n", f);
  fputs("};\n\n", f);
}

static void emit_class(FILE *f, const ir_class *c) {
  fprintf(f, "/* ---- %s ---- */\n\n", c->name);
  emit_desc_tables(f, c);
  emit_walkers(f, c);
  if (emit_class_has_make(c))
    emit_make(f, c);
  if (!c->is_abstract) {
    emit_class_put_json(f, c);
    emit_class_child(f, c);
  }
  emit_descriptor(f, c);
}

/* ---- the module ------------------------------------------------------------------------ */

static void emit_module_table(FILE *f, const ir_module *m) {
  const char *p = m->prefix;
  fprintf(f, "/* ---- the module ---- */\n\nconst ws_type *const %s_types[] = {\n",
          p);
  for (size_t i = 0; i < m->class_count; i++)
    fprintf(f, "    &%s_type,\n", m->classes[i]->c_name);
  if (m->class_count == 0)
    fputs("    NULL,\n", f);
  fprintf(f,
          "};\n"
          "const size_t %s_type_count = %zu;\n\n"
          "const ws_type *%s_type_find(const char *name) {\n"
          "  if (name == NULL)\n"
          "    return NULL;\n"
          "  for (size_t i = 0; i < %s_type_count; i++)\n"
          "    if (strcmp(%s_types[i]->name, name) == 0)\n"
          "      return %s_types[i];\n"
          "  return NULL;\n}\n\n",
          p, m->class_count, p, p, p, p);
}

void emit_source(FILE *f, const ir_module *m) {
  emit_banner(f, m);
  fprintf(f,
          "#include \"%s.h\"\n\n#include <stdio.h>\n#include <string.h>\n\n"
          "#include \"ws_class.h\"\n\n",
          m->stem);
  for (size_t i = 0; i < m->composite_count; i++)
    emit_composite(f, m->composites[i]);
  for (size_t i = 0; i < m->class_count; i++)
    emit_class(f, m->classes[i]);
  emit_module_table(f, m);
}
