/* emit_source.c - STEM.c: what each composite type and class needs of
 * generated code, which is data and typed wrappers.
 *
 * The runtime does the schema-independent work by walking descriptors
 * (ws_kind.h for the composites, ws_class.h for the classes): free, copy,
 * equal, validate, init, the str() view, the encode frame and the reader.
 * So per composite the output has its JSON writer, its kind descriptor and
 * its public functions; per class its field table and key order, its
 * public functions, its JSON writer and its descriptor; then the module
 * table. The public functions come from emit_api.c's table, as the
 * header's prototypes do (those alike for every class or composite
 * through the runtime's macros, WS_CLASS_FUNCTIONS and WS_KIND_FUNCTIONS). Composites come first, elements before their
 * containers, so every name is defined before its use.
 *
 * The JSON writers stay straight-line code per field writing into a ws_buf:
 * that is where encode's speed comes from. */
#include <math.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#include "emit.h"
#include "emit_api.h"
#include "emit_enum.h"
#include "emit_util.h"

/* ---- JSON writers ------------------------------------------------------------ */

/* The statement that writes the value at lv (of type t, not a T?) as JSON
 * into b, with `mode` in scope. */
static void put_json_call(gstr *s, const ir_type *t, const gstr *lv) {
  const char *v = gstr_cstr(lv);
  take_failure(s, lv);
  switch (t->kind) {
  case IR_STR:
    gstr_printf(s, "ws_json_put_str(b, ws_str_c(&%s), %s.len, mode);", v, v);
    break;
  case IR_BYTES:
    gstr_printf(s, "ws_json_put_bytes(b, %s.ptr, %s.len);", v, v);
    break;
  case IR_INT:
    gstr_printf(s, "ws_json_put_int(b, %s);", v);
    break;
  case IR_BOOL:
    gstr_printf(s, "ws_json_put_bool(b, %s);", v);
    break;
  case IR_FLOAT:
    gstr_printf(s, "ws_json_put_float(b, %s);", v);
    break;
  case IR_HEADERS:
    gstr_printf(s, "ws_headers_put_json(b, &%s, mode);", v);
    break;
  case IR_CLASS:
    gstr_printf(s, "ws_json_put_class(b, &%s_type, &%s, mode);", t->c_name, v);
    break;
  case IR_REF:
    gstr_printf(s, "ws_json_put_ref(b, &%s_kind, %s, mode);", t->c_name, v);
    break;
  case IR_ENUM:
    gstr_printf(s, "ws_enum_put_json(b, &%s_kind, (long)%s, mode);", t->c_name,
                v);
    break;
  default:
    gstr_printf(s, "%s_put_json(b, &%s, mode);", t->c_name, v);
    break;
  }
}

/* Writes the value at lv as JSON: one statement, or for a T? the value or
 * null. */
static void emit_put_json(printer *p, const ir_type *t, const gstr *lv) {
  gstr line, inner;
  gstr_init(&line);
  gstr_init(&inner);
  if (t->kind == IR_OPT) {
    take_failure(&inner, lv);
    gstr_printf(&inner, "%s.value", gstr_cstr(lv));
    gstr_printf(&line, "if (%s.present)", gstr_cstr(lv));
    take_failure(&line, lv);
    pr_line_of(p, &line);
    gstr_reset(&line);
    gstr_puts(&line, "  "); /* the if's one statement */
    put_json_call(&line, t->elem, &inner);
    pr_line_of(p, &line);
    pr_line(p, "else");
    pr_line(p, "  ws_json_put_null(b);");
  } else {
    put_json_call(&line, t, lv);
    pr_line_of(p, &line);
  }
  gstr_free(&line);
  gstr_free(&inner);
}

/* The JSON writer of a list or map: straight-line, as the classes'. */
static void emit_container_put_json(printer *p, const ir_type *t) {
  bool map = t->kind == IR_MAP;
  gstr lv;
  gstr_init(&lv);
  gstr_puts(&lv, map ? "v->values[i]" : "v->items[i]");
  pr_open(p, "static void %s_put_json(ws_buf *b, const %s *v, ws_json_mode mode)",
          t->c_name, t->c_name);
  pr_line(p, "ws_buf_putc(b, '%c');", map ? '{' : '[');
  pr_open(p, "for (size_t i = 0; i < v->len; i++)");
  pr_line(p, "if (i > 0)");
  pr_line(p, "  ws_json_put_fixed(b, mode, \",\", 1, \", \", 2);");
  if (map)
    pr_line(p, "ws_json_put_key(b, ws_str_c(&v->keys[i]), v->keys[i].len, mode);");
  emit_put_json(p, t->elem, &lv);
  pr_close(p, "");
  pr_line(p, "ws_buf_putc(b, '%c');", map ? '}' : ']');
  pr_close(p, "");
  pr_blank(p);
  gstr_free(&lv);
}

/* ---- composites ------------------------------------------------------------ */

/* The str() view's callbacks of a list or map, which bind its kind. */
static void emit_container_view(printer *p, const ir_type *t) {
  const char *n = t->c_name;
  const char *shape = t->kind == IR_MAP ? "map" : "list";
  pr_line(p, "static const ws_kind %s_kind;", n);
  pr_open(p, "static void %s_child(const void *obj, size_t index, "
             "const char **key, size_t *key_len, ws_pv *value)", n);
  pr_line(p, "ws_%s_child(&%s_kind, obj, index, key, key_len, value);", shape,
          n);
  pr_close(p, "");
  if (t->kind != IR_MAP)
    return;
  pr_open(p, "static void %s_key(const void *obj, size_t index, "
             "const char **key, size_t *key_len)", n);
  pr_line(p, "ws_map_key(&%s_kind, obj, index, key, key_len);", n);
  pr_close(p, "");
}

static void emit_kind_desc(printer *p, const ir_type *t) {
  static const char *const macros[] = {"WS_OPT_KIND", "WS_LIST_KIND",
                                       "WS_MAP_KIND"};
  const char *n = t->c_name;
  gstr line;
  gstr_init(&line);
  gstr_printf(&line, "static const ws_kind %s_kind = %s(%s, ", n,
              macros[t->kind - IR_OPT], n);
  gstr_put_c_string(&line, t->spelling, strlen(t->spelling));
  gstr_puts(&line, ", ");
  put_kind_ref(&line, t->elem);
  if (t->kind == IR_LIST)
    gstr_printf(&line, ", %s_child", n);
  if (t->kind == IR_MAP)
    gstr_printf(&line, ", %s_child, %s_key", n, n);
  gstr_puts(&line, ");");
  pr_line_of(p, &line);
  pr_blank(p);
  gstr_free(&line);
}

/* Appends "&C_type, " for each concrete class of m at or below c, schema
 * order (m->classes lists bases first). */
static void put_concrete_classes_of(gstr *s, const ir_module *m, const ir_class *c) {
  for (size_t i = 0; i < m->class_count; i++) {
    const ir_class *k = m->classes[i];
    if (emit_class_can_be(k, c))
      gstr_printf(s, "&%s_type, ", k->c_name);
  }
}

/* The classes a field of abstract class c may hold: those this module sees,
 * its imports' (in import order) and its own. */
static void put_concrete_classes(gstr *s, const ir_module *m, const ir_class *c) {
  for (size_t i = 0; i < m->import_count; i++)
    put_concrete_classes_of(s, m->imports[i], c);
  put_concrete_classes_of(s, m, c);
}

/* The kind of a field that holds a class through a pointer; for an
 * abstract class, with the classes its values may be. */
static void emit_ref_kind(printer *p, const ir_module *m, const ir_type *t, bool own) {
  gstr line;
  gstr_init(&line);
  if (t->cls->is_abstract) {
    gstr_printf(&line, "static const ws_type *const %s_classes[] = {", t->c_name);
    put_concrete_classes(&line, m, t->cls);
    gstr_puts(&line, "NULL};");
    pr_line_of(p, &line);
    gstr_reset(&line);
  }
  gstr_printf(&line, "static const ws_kind %s_kind = WS_REF_KIND(\"%s\", &%s_type, %s, ",
              t->c_name, t->spelling, t->cls->c_name, t->nullable ? "true" : "false");
  if (t->cls->is_abstract)
    gstr_printf(&line, "%s_classes);", t->c_name);
  else
    gstr_puts(&line, "NULL);");
  pr_line_of(p, &line);
  gstr_free(&line);
  if (own)
    emit_ref_api(p, t, API_DEFINITIONS);
}

static void emit_class_kind(printer *p, const ir_type *t) {
  pr_line(p, "static const ws_kind %s_kind = WS_CLASS_KIND(%s, \"%s\", &%s_type);",
          t->c_name, t->c_name, t->spelling, t->c_name);
}

/* Whether t (IR_CLASS) is the type of one of the module's fields (its
 * own or inherited, possibly from an imported class) or of a list's or
 * map's items: only those point at the class's kind. Resolving `Thing?`
 * interns `Thing` too, whose kind would be an unused static. */
static bool is_same_class(const ir_type *a, const ir_type *t) {
  return a != NULL && a->kind == IR_CLASS && a->cls == t->cls;
}

static bool held_in_place(const ir_module *m, const ir_type *t) {
  for (size_t i = 0; i < m->class_count; i++)
    for (size_t j = 0; j < m->classes[i]->all_field_count; j++)
      if (is_same_class(m->classes[i]->all_fields[j]->type, t))
        return true;
  for (size_t i = 0; i < m->composite_count; i++)
    if (is_same_class(m->composites[i]->elem, t))
      return true;
  for (size_t i = 0; i < m->foreign_count; i++)
    if (is_same_class(m->foreign[i]->elem, t))
      return true;
  return false;
}

/* The kind of each class that fields hold in place, which the composites
 * and field tables below point at (the class's descriptor, declared in the
 * header, is defined further down). */
static void emit_class_kinds(printer *p, const ir_module *m) {
  bool any = false;
  for (size_t i = 0; i < m->type_count; i++) {
    const ir_type *t = m->types[i];
    if (t->kind != IR_CLASS && t->kind != IR_REF)
      continue;
    if (t->kind == IR_CLASS && !held_in_place(m, t))
      continue;
    if (!any)
      pr_line(p, "/* ---- classes held by fields ---- */");
    if (!any)
      pr_blank(p);
    any = true;
    if (t->kind == IR_CLASS)
      emit_class_kind(p, t);
    else
      emit_ref_kind(p, m, t, true);
  }
  if (any)
    pr_blank(p);
}

/* A composite: its JSON writer, its view's callbacks, its descriptor and,
 * for the module's own, its public functions. An imported module's
 * composite (m->foreign) has its public functions there, and only these
 * static parts here. */
static void emit_composite(printer *p, const ir_type *t, bool own) {
  if (own)
    pr_line(p, "/* ---- %s ---- */", t->spelling);
  else
    pr_line(p, "/* ---- %s of an imported module (%s) ---- */", t->spelling,
            t->c_name);
  pr_blank(p);
  if (t->kind != IR_OPT) {
    emit_container_put_json(p, t);
    emit_container_view(p, t);
  }
  emit_kind_desc(p, t);
  if (!own)
    return;
  emit_composite_api(p, t, API_DEFINITIONS);
  pr_blank(p);
}

/* A type of an imported module that this module's code reaches: its own
 * static kind here (for a composite, with its JSON writer and view). */
static void emit_foreign(printer *p, const ir_module *m, const ir_type *t) {
  if (t->kind == IR_CLASS || t->kind == IR_REF) {
    pr_line(p, "/* ---- %s of an imported module (%s) ---- */", t->spelling, t->c_name);
    pr_blank(p);
    if (t->kind == IR_CLASS)
      emit_class_kind(p, t);
    else
      emit_ref_kind(p, m, t, false);
    pr_blank(p);
    return;
  }
  emit_composite(p, t, false);
}

/* ---- classes: the str() view's key order ------------------------------------ */

/* A field and its index in the class's all_fields. */
typedef struct key_slot {
  const ir_field *field;
  size_t index;
} key_slot;

/* qsort's order of slots: code point order of their names, which for
 * UTF-8 is strcmp's byte order. Names are unique within a class. */
static int by_name(const void *a, const void *b) {
  const key_slot *x = a, *y = b;
  return strcmp(x->field->name, y->field->name);
}

/* The class's fields sorted by name (malloc'd; NULL when out of memory or
 * when there are none). Sorted, not picked one by one: a class of 10^5
 * fields must not cost 10^10 comparisons. */
static key_slot *fields_by_name(const ir_class *c) {
  size_t n = c->all_field_count;
  key_slot *sorted = n > 0 ? malloc(n * sizeof *sorted) : NULL;
  if (sorted == NULL)
    return NULL;
  for (size_t i = 0; i < n; i++)
    sorted[i] = (key_slot){c->all_fields[i], i};
  qsort(sorted, n, sizeof *sorted, by_name);
  return sorted;
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
static void emit_key_order(printer *p, const ir_class *c) {
  key_slot *sorted = fields_by_name(c);
  if (sorted == NULL && c->all_field_count > 0) {
    p->out.failed = true;
    return;
  }
  pr_begin(p);
  pr_add(p, "static const ws_key_slot %s_key_order[] = {", c->c_name);
  for (size_t k = 0; k < c->all_field_count; k++)
    pr_add(p, "%s{%zu, %zu}", k > 0 ? ", " : "", sorted[k].index,
           strlen(sorted[k].field->name));
  pr_add(p, "};");
  pr_end(p);
  pr_blank(p);
  free(sorted);
}

/* ---- classes: descriptor tables --------------------------------------------------- */

/* Whether init stores fd's default: anything but the all-zero value, and
 * any non-null default of a T? (which makes it present). */
static bool stores_default(const ir_field *fd) {
  const ir_value *d = &fd->def;
  if (d->kind == IR_VALUE_NONE || d->kind == IR_VALUE_NULL)
    return false;
  return fd->type->kind == IR_OPT ||
         ((d->kind == IR_VALUE_INT || d->kind == IR_VALUE_MEMBER) && d->i != 0) ||
         (d->kind == IR_VALUE_BOOL && d->b) ||
         (d->kind == IR_VALUE_STR && d->s_len > 0) ||
         (d->kind == IR_VALUE_FLOAT && (d->f != 0 || signbit(d->f))); /* -0.0 too */
}

/* ", .name = value" of a string: a C string literal of z. */
static void put_str_member(gstr *s, const char *name, const char *z) {
  gstr_printf(s, ", .%s = ", name);
  gstr_put_c_string(s, z, strlen(z));
}

/* " | WS_FIELD_NESTED" for a field that holds class values, whose
 * constraints validate and encode check too; else "". */
static const char *nested_flag(const ir_field *fd) {
  return emit_type_holds_class(fd->type) ? " | WS_FIELD_NESTED" : "";
}

/* The default init stores, when it stores one: flag and value (and for a
 * field that is neither required nor stores its default, the flag that it
 * holds class values). */
static void put_default(gstr *s, const ir_field *fd) {
  const ir_value *d = &fd->def;
  if (!stores_default(fd)) {
    if (!emit_field_is_required(fd) && emit_type_holds_class(fd->type))
      gstr_puts(s, ", .flags = WS_FIELD_NESTED");
    return;
  }
  gstr_printf(s, ", .flags = WS_FIELD_DEFAULT%s", nested_flag(fd));
  if (emit_type_holds_enum(fd->type))
    gstr_puts(s, " | WS_FIELD_ENUM");
  if (d->kind == IR_VALUE_INT || d->kind == IR_VALUE_MEMBER) {
    gstr_puts(s, ", .default_int = ");
    put_int64_expr(s, d->i);
  } else if (d->kind == IR_VALUE_BOOL && d->b) {
    gstr_puts(s, ", .default_int = 1");
  } else if (d->kind == IR_VALUE_FLOAT) {
    gstr_puts(s, ", .default_float = ");
    put_double_expr(s, d->f);
  } else if (d->kind == IR_VALUE_STR) {
    gstr_puts(s, ", .default_str = ");
    gstr_put_c_string(s, d->s, d->s_len);
    gstr_printf(s, ", .default_len = %zu", d->s_len);
  }
}

/* min_len, min_items, max_items and alias, when the field has them. */
static void put_more_constraints(gstr *s, const ir_field *fd) {
  const ir_constraints *k = &fd->constraints;
  if (k->has_min_len)
    gstr_printf(s, ", .has_min_len = true, .min_len = UINT64_C(%llu)",
                (unsigned long long)k->min_len);
  if (k->has_min_items)
    gstr_printf(s, ", .has_min_items = true, .min_items = UINT64_C(%llu)",
                (unsigned long long)k->min_items);
  if (k->has_max_items)
    gstr_printf(s, ", .has_max_items = true, .max_items = UINT64_C(%llu)",
                (unsigned long long)k->max_items);
  if (fd->alias != NULL) {
    put_str_member(s, "alias", fd->alias);
    gstr_printf(s, ", .alias_len = %zu", strlen(fd->alias));
  }
}

/* One row of the field table: "{WS_FIELD(...), .type = ..., ...},". */
static void emit_field_desc(printer *p, const ir_class *c, const ir_field *fd) {
  const ir_constraints *k = &fd->constraints;
  const ir_value *d = &fd->def;
  gstr row;
  gstr_init(&row);
  gstr_printf(&row, "{WS_FIELD(%s, ", c->c_name);
  gstr_put_c_string(&row, fd->name, strlen(fd->name));
  gstr_puts(&row, ", ");
  put_member_path(&row, c, fd);
  gstr_puts(&row, ", ");
  put_kind_ref(&row, fd->type);
  gstr_putc(&row, ')');
  put_str_member(&row, "type", fd->type->spelling);
  if (emit_field_is_required(fd))
    gstr_printf(&row, ", .flags = WS_FIELD_REQUIRED%s%s", nested_flag(fd),
                emit_type_holds_enum(fd->type) ? " | WS_FIELD_ENUM" : "");
  else
    put_str_member(&row, "default_value", d->text);
  if (!emit_field_is_required(fd) && !stores_default(fd) &&
      emit_type_holds_enum(fd->type))
    gstr_puts(&row, ", .flags = WS_FIELD_ENUM");
  if (k->has_max_len)
    gstr_printf(&row, ", .has_max_len = true, .max_len = UINT64_C(%llu)",
                (unsigned long long)k->max_len);
  if (k->has_range && (fd->type->kind == IR_OPT ? fd->type->elem : fd->type)->kind == IR_FLOAT) {
    gstr_puts(&row, ", .has_range = true, .fmin = ");
    put_double_expr(&row, k->fmin);
    gstr_puts(&row, ", .fmax = ");
    put_double_expr(&row, k->fmax);
  } else if (k->has_range) {
    gstr_puts(&row, ", .has_range = true, .min = ");
    put_int64_expr(&row, k->min);
    gstr_puts(&row, ", .max = ");
    put_int64_expr(&row, k->max);
  }
  put_more_constraints(&row, fd);
  if (k->http)
    gstr_puts(&row, ", .http = true");
  put_default(&row, fd);
  put_str_member(&row, "doc", fd->doc);
  gstr_puts(&row, "},");
  pr_line_of(p, &row);
  gstr_free(&row);
}

static void emit_const_desc(printer *p, const ir_const *k) {
  gstr row;
  gstr_init(&row);
  gstr_putc(&row, '{'); /* the name first, so that the row packs */
  gstr_put_c_string(&row, k->name, strlen(k->name));
  put_str_member(&row, "type", k->type->spelling);
  put_str_member(&row, "value", k->value.text);
  put_str_member(&row, "doc", k->doc);
  gstr_puts(&row, "},");
  pr_line_of(p, &row);
  gstr_free(&row);
}

static void emit_desc_tables(printer *p, const ir_class *c) {
  if (c->all_field_count > 0) {
    pr_open(p, "static const ws_field_desc %s_fields[] =", c->c_name);
    for (size_t i = 0; i < c->all_field_count; i++)
      emit_field_desc(p, c, c->all_fields[i]);
    pr_close(p, ";");
    emit_key_order(p, c);
  }
  if (c->const_count == 0)
    return;
  pr_open(p, "static const ws_const_desc %s_consts[] =", c->c_name);
  for (size_t i = 0; i < c->const_count; i++)
    emit_const_desc(p, &c->consts[i]);
  pr_close(p, ";");
  pr_blank(p);
}

/* ---- classes: encoding and the str() view --------------------------------------- */

/* What comes before a field's value, "{" or a separator and then the
 * quoted name and colon, pre-rendered for both JSON modes so that it costs
 * one write. Field names are identifiers: they need no JSON escaping. */
static void emit_field_key_json(printer *p, const char *name, bool first) {
  size_t len = strlen(name);
  const char *comma = first ? "{" : ",";
  const char *python_comma = first ? "{" : ", ";
  pr_line(p, "ws_json_put_fixed(b, mode, \"%s\\\"%s\\\":\", %zu, "
             "\"%s\\\"%s\\\": \", %zu);",
          comma, name, len + 4, python_comma, name,
          strlen(python_comma) + len + 4);
}

static void emit_class_put_json(printer *p, const ir_class *c) {
  gstr lv;
  gstr_init(&lv);
  pr_open(p, "static void %s_put_json(ws_buf *b, const void *obj, "
             "ws_format format)", c->c_name);
  if (c->all_field_count == 0) {
    pr_line(p, "(void)obj;");
    pr_line(p, "(void)format;");
    pr_line(p, "ws_buf_puts(b, \"{}\");");
  } else {
    pr_line(p, "const %s *v = obj;", c->c_name);
    pr_line(p, "ws_json_mode mode = format == WS_FORMAT_JSON ? "
               "WS_JSON_COMPACT : WS_JSON_PYTHON;");
    for (size_t i = 0; i < c->all_field_count; i++) {
      const ir_field *fd = c->all_fields[i];
      emit_field_key_json(p, fd->name, i == 0);
      gstr_reset(&lv);
      gstr_puts(&lv, "v->");
      put_member_path(&lv, c, fd);
      emit_put_json(p, fd->type, &lv);
    }
    pr_line(p, "ws_buf_putc(b, '}');");
  }
  pr_close(p, "");
  pr_blank(p);
  gstr_free(&lv);
}

/* The child of the str() view, which binds the class's descriptor. */
static void emit_class_child(printer *p, const ir_class *c) {
  pr_open(p, "static void %s_child(const void *obj, size_t index, "
             "const char **key, size_t *key_len, ws_pv *value)", c->c_name);
  pr_line(p, "ws_class_child(&%s_type, obj, index, key, key_len, value);",
          c->c_name);
  pr_close(p, "");
  pr_blank(p);
}

/* ---- classes: the descriptor ---------------------------------------------------------- */

/* A class with subclasses may be handed a subclass value through its own
 * type: such values go to their own class's functions. Any tagged class
 * may have some: a module that imports this one may derive from it. */
static bool dispatches(const ir_class *c) { return c->in_hierarchy; }

/* No field of c, inherited ones included, has a constraint, holds enum
 * values or holds class values (which may have constraints): encode has
 * nothing to check. */
static bool unconstrained(const ir_class *c) {
  for (size_t i = 0; i < c->all_field_count; i++) {
    const ir_field *fd = c->all_fields[i];
    if (emit_field_is_constrained(fd) || emit_field_has_more(fd) ||
        emit_type_holds_enum(fd->type) || emit_type_holds_class(fd->type))
      return false;
  }
  return true;
}

static void put_flags(gstr *s, const ir_class *c) {
  static const char *const names[] = {
      "WS_TYPE_ABSTRACT",   "WS_TYPE_EXCEPTION",  "WS_TYPE_TAGGED",
      "WS_TYPE_DISPATCHES", "WS_TYPE_KEYS_PLAIN", "WS_TYPE_UNCONSTRAINED"};
  bool set[] = {c->is_abstract, c->is_exception,      c->in_hierarchy,
                dispatches(c),  field_names_plain(c), unconstrained(c)};
  bool any = false;
  for (size_t i = 0; i < sizeof set / sizeof set[0]; i++) {
    if (set[i]) {
      gstr_printf(s, "%s%s", any ? " | " : "", names[i]);
      any = true;
    }
  }
  if (!any)
    gstr_putc(s, '0');
}

/* One member of the descriptor: ".name = value,". */
static void emit_member(printer *p, const char *name, const gstr *value) {
  pr_begin(p);
  pr_add(p, ".%s = ", name);
  pr_add_str(p, value);
  pr_add(p, ",");
  pr_end(p);
}

/* A member whose value is a C string literal of z. */
static void emit_str_member(printer *p, const char *name, const char *z) {
  gstr value;
  gstr_init(&value);
  gstr_put_c_string(&value, z, strlen(z));
  emit_member(p, name, &value);
  gstr_free(&value);
}

/* The descriptor: the operations (the runtime's walks), names and doc,
 * flags, the field table and what the str() view and the JSON writer
 * need. */
static void emit_descriptor(printer *p, const ir_class *c) {
  const char *n = c->c_name;
  gstr flags;
  gstr_init(&flags);
  put_flags(&flags, c);
  pr_open(p, "const ws_type %s_type =", n);
  pr_line(p, "%s,", c->is_abstract ? "WS_ABSTRACT_CLASS_OPS" : "WS_CLASS_OPS");
  emit_str_member(p, "name", c->name);
  emit_str_member(p, "c_name", n);
  emit_str_member(p, "doc", c->doc);
  if (c->base != NULL)
    pr_line(p, ".base = &%s_type,", c->base->c_name);
  emit_member(p, "flags", &flags);
  pr_line(p, ".size = sizeof(%s),", n);
  if (c->all_field_count > 0) {
    pr_line(p, ".fields = %s_fields,", n);
    pr_line(p, ".field_count = %zu,", c->all_field_count);
    pr_line(p, ".key_order = %s_key_order,", n);
  }
  if (c->const_count > 0) {
    pr_line(p, ".consts = %s_consts,", n);
    pr_line(p, ".const_count = %zu,", c->const_count);
  }
  if (!c->is_abstract) {
    pr_line(p, ".min_width = %zu,", class_min_width(c));
    pr_line(p, ".child = %s_child,", n);
    pr_line(p, ".put_json = %s_put_json,", n);
  }
  pr_close(p, ";");
  pr_blank(p);
  gstr_free(&flags);
}

static void emit_class(printer *p, const ir_class *c) {
  pr_line(p, "/* ---- %s ---- */", c->name);
  pr_blank(p);
  emit_desc_tables(p, c);
  emit_class_api(p, c, API_DEFINITIONS);
  pr_blank(p);
  if (!c->is_abstract) {
    emit_class_put_json(p, c);
    emit_class_child(p, c);
  }
  emit_descriptor(p, c);
}

/* ---- the module ------------------------------------------------------------------------ */

/* The module descriptor the header declares (ws_module.h). */
static void emit_module_descriptor(printer *p, const ir_module *m) {
  gstr name;
  gstr_init(&name);
  put_module_symbol(&name, m);
  pr_blank(p);
  pr_line(p, "const ws_module %s = {", gstr_cstr(&name));
  pr_begin(p);
  pr_add(p, "    WS_MODULE_ABI, ");
  pr_add_c_string(p, m->name, strlen(m->name));
  pr_add(p, ", %s_types, %zu};", m->prefix, m->class_count);
  pr_end(p);
  take_failure(&p->out, &name);
  gstr_free(&name);
}

static void emit_module_table(printer *p, const ir_module *m) {
  const char *prefix = m->prefix;
  pr_line(p, "/* ---- the module ---- */");
  pr_blank(p);
  pr_open(p, "const ws_type *const %s_types[] =", prefix);
  for (size_t i = 0; i < m->class_count; i++)
    pr_line(p, "&%s_type,", m->classes[i]->c_name);
  if (m->class_count == 0)
    pr_line(p, "NULL,");
  pr_close(p, ";");
  pr_line(p, "const size_t %s_type_count = %zu;", prefix, m->class_count);
  pr_blank(p);
  pr_open(p, "const ws_type *%s_type_find(const char *name)", prefix);
  pr_line(p, "if (name == NULL)");
  pr_line(p, "  return NULL;");
  pr_line(p, "for (size_t i = 0; i < %s_type_count; i++)", prefix);
  pr_line(p, "  if (strcmp(%s_types[i]->name, name) == 0)", prefix);
  pr_line(p, "    return %s_types[i];", prefix);
  pr_line(p, "return NULL;");
  pr_close(p, "");
  emit_module_descriptor(p, m);
}

void emit_source(printer *p, const ir_module *m) {
  emit_generated_by(p, m);
  pr_line(p, "#include \"%s.h\"", m->stem);
  pr_blank(p);
  pr_line(p, "#include <stdio.h>");
  pr_line(p, "#include <string.h>");
  pr_blank(p);
  pr_line(p, "#include \"ws_class.h\"");
  pr_line(p, "#include \"ws_lend.h\"");
  pr_blank(p);
  /* The class kinds first: foreign composites may hold the classes. */
  emit_class_kinds(p, m);
  for (size_t i = 0; i < m->foreign_count; i++)
    emit_foreign(p, m, m->foreign[i]);
  emit_enum_definitions(p, m);
  for (size_t i = 0; i < m->composite_count; i++)
    emit_composite(p, m->composites[i], true);
  for (size_t i = 0; i < m->class_count; i++)
    emit_class(p, m->classes[i]);
  emit_module_table(p, m);
}
