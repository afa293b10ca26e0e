/* emit_tests.c - STEM_test.c: the table that runs runtime/ws_typetest.c's
 * checks on every concrete class, and a main.
 *
 * The checks themselves live in the runtime, once; what is written here is
 * what only the schema knows: each class's defaults as the schema states
 * them, its make and own functions called by name, the JSON its init value
 * must encode to, and the inputs its decoder must refuse with their
 * messages (those two in emit_tests_expect.c). Test values are filled in by the runtime from the
 * descriptors (ws_typetest_fill_class). */
#include <inttypes.h>
#include <string.h>

#include "emit.h"
#include "emit_enum.h"
#include "emit_tests_expect.h"
#include "emit_util.h"
#include "printer.h"

/* ---- what a field needs ------------------------------------------------------- */

/* "v->" + the member path of fd in c: "v->payload", "s->base.payload". */
static void put_member(gstr *s, const char *prefix, const ir_class *c,
                       const ir_field *fd) {
  gstr_puts(s, prefix);
  for (const ir_class *k = c; k != NULL && k != fd->owner; k = k->base)
    gstr_puts(s, "base.");
  gstr_puts(s, fd->name);
}

/* An int64_t constant: INT64_C(400), and INT64_MIN by name, since no
 * literal can spell it. */
static void put_int64(gstr *s, int64_t v) {
  if (v == INT64_MIN)
    gstr_puts(s, "INT64_MIN");
  else
    gstr_printf(s, "INT64_C(%" PRId64 ")", v);
}

static bool is_concrete(const ir_class *c) { return !c->is_abstract; }

/* ---- the file's prologue ---------------------------------------------------------- */

static void emit_prologue(printer *p, const ir_module *m) {
  emit_generated_by(p, m);
  pr_line(p, "/* The checks of ws_typetest.h on every class of %s.", m->name);
  pr_line(p, " * For each: its defaults as the schema states them, the JSON "
             "of its");
  pr_line(p, " * defaults, the inputs its decoder must refuse.");
  pr_line(p, " * The conformance tests compare every form with Python. */");
  pr_line(p, "#include <stdbool.h>");
  pr_line(p, "#include <stddef.h>");
  pr_line(p, "#include <stdint.h>");
  pr_blank(p);
  pr_line(p, "#include \"%s.h\"", m->stem);
  pr_line(p, "#include \"ws_typetest.h\"");
  pr_blank(p);
}

/* ---- per class: defaults as the schema states them --------------------------------- */

/* For a T? field, "v->f.present = true;", and ".value", the member that
 * then holds the T; "" for any other field. */
static const char *emit_present(printer *p, const ir_class *c,
                                const ir_field *fd) {
  gstr line;
  if (fd->type->kind != IR_OPT)
    return "";
  gstr_init(&line);
  put_member(&line, "v->", c, fd);
  gstr_puts(&line, ".present = true;");
  pr_line_of(p, &line);
  gstr_free(&line);
  return ".value";
}

/* The member that holds the type tag: "v->base.type" or "v->type". */
static void put_tag_member(gstr *s, const ir_class *c) {
  gstr_puts(s, "v->");
  for (const ir_class *k = c; k->base != NULL; k = k->base)
    gstr_puts(s, "base.");
  gstr_puts(s, "type");
}

/* One field's default onto an all-zero value, as the schema states it;
 * empty and null need nothing. */
static void emit_default_field(printer *p, const ir_class *c,
                               const ir_field *fd) {
  const ir_value *d = &fd->def;
  gstr line;
  if (fd->type->kind == IR_CLASS) { /* a class value holds its defaults */
    gstr_init(&line);
    gstr_printf(&line, "st = st != WS_OK ? st : %s_init(", fd->type->c_name);
    put_member(&line, "&v->", c, fd);
    gstr_puts(&line, ");");
    pr_line_of(p, &line);
    gstr_free(&line);
    return;
  }
  if (d->kind != IR_VALUE_STR && d->kind != IR_VALUE_INT &&
      d->kind != IR_VALUE_BOOL && d->kind != IR_VALUE_MEMBER &&
      d->kind != IR_VALUE_FLOAT)
    return;
  const char *value = emit_present(p, c, fd);
  gstr_init(&line);
  if (d->kind == IR_VALUE_STR) {
    put_member(&line, "st = st != WS_OK ? st : ws_str_set(&v->", c, fd);
    gstr_printf(&line, "%s, ", value);
    gstr_put_c_string(&line, d->s, d->s_len);
    gstr_printf(&line, ", %zu);", d->s_len);
  } else {
    put_member(&line, "v->", c, fd);
    gstr_printf(&line, "%s = ", value);
    if (d->kind == IR_VALUE_BOOL)
      gstr_puts(&line, d->b ? "true" : "false");
    else if (d->kind == IR_VALUE_MEMBER)
      gstr_puts(&line,
                expect_value_type(fd)->enumeration->members[d->i].c_name);
    else if (d->kind == IR_VALUE_FLOAT)
      put_double_expr(&line, d->f);
    else
      put_int64(&line, d->i);
    gstr_putc(&line, ';');
  }
  pr_line_of(p, &line);
  gstr_free(&line);
}

/* True when some field's default is a value the schema states (a str, int
 * or bool literal), not empty or null, or is a class value's defaults. */
static bool has_stated_default(const ir_class *c) {
  for (size_t i = 0; i < c->all_field_count; i++) {
    ir_value_kind k = c->all_fields[i]->def.kind;
    if (k == IR_VALUE_STR || k == IR_VALUE_INT || k == IR_VALUE_BOOL ||
        k == IR_VALUE_MEMBER || k == IR_VALUE_FLOAT ||
        c->all_fields[i]->type->kind == IR_CLASS)
      return true;
  }
  return false;
}

static void emit_class_defaults(printer *p, const ir_class *c) {
  if (!c->in_hierarchy && !has_stated_default(c))
    return; /* every default is empty or null: the table says NULL */
  pr_open(p, "static ws_status defaults_%s(void *p)", c->snake);
  pr_line(p, "%s *v = p;", c->c_name);
  pr_line(p, "ws_status st = WS_OK;");
  if (c->in_hierarchy) {
    gstr tag;
    gstr_init(&tag);
    put_tag_member(&tag, c);
    gstr_printf(&tag, " = &%s_type;", c->c_name);
    pr_line_of(p, &tag);
    gstr_free(&tag);
  }
  for (size_t i = 0; i < c->all_field_count; i++)
    emit_default_field(p, c, c->all_fields[i]);
  pr_line(p, "return st;");
  pr_close(p, "");
  pr_blank(p);
}

/* ---- per class: make and the class's own functions ------------------------------- */

/* A str? or bytes? field: make takes its text as a pointer to a view. */
static bool is_opt_text(const ir_field *fd) {
  return fd->type->kind == IR_OPT && emit_type_is_text(fd->type->elem);
}

/* make's argument for a required field, taken from the value at s. */
static void put_make_arg(gstr *s, const ir_class *c, const ir_field *fd) {
  const ir_type *t = fd->type;
  if (emit_type_is_text(t)) {
    gstr_printf(s, "%s_view_of(", t->c_name);
    put_member(s, "&s->", c, fd);
    gstr_putc(s, ')');
  } else if (emit_make_takes_value(t)) {
    put_member(s, "s->", c, fd);
  } else if (is_opt_text(fd)) {
    put_member(s, "s->", c, fd);
    gstr_printf(s, ".present ? &view_%s : NULL", fd->name);
  } else if (t->kind == IR_REF) { /* the pointer: NULL is None */
    put_member(s, "s->", c, fd);
  } else if (t->kind == IR_OPT) {
    put_member(s, "s->", c, fd);
    gstr_puts(s, ".present ? &");
    put_member(s, "s->", c, fd);
    gstr_puts(s, ".value : NULL");
  } else {
    put_member(s, "&s->", c, fd);
  }
}

/* The view a str? argument points to: "ws_strview view_origin = ...;". */
static void emit_make_view(printer *p, const ir_class *c, const ir_field *fd) {
  gstr line;
  gstr_init(&line);
  gstr_printf(&line, "%s view_%s = %s_view_of(", emit_view_name(fd->type->elem),
              fd->name, fd->type->elem->c_name);
  put_member(&line, "&s->", c, fd);
  gstr_puts(&line, ".value);");
  pr_line_of(p, &line);
  gstr_free(&line);
}

static void emit_class_make(printer *p, const ir_class *c) {
  gstr call;
  gstr_init(&call);
  gstr_printf(&call, "return %s_make(v", c->c_name);
  for (size_t i = 0; i < c->all_field_count; i++) {
    if (emit_field_is_required(c->all_fields[i])) {
      gstr_puts(&call, ", ");
      put_make_arg(&call, c, c->all_fields[i]);
    }
  }
  gstr_puts(&call, ");");
  pr_open(p, "static ws_status make_%s(void *v, const void *src)", c->snake);
  pr_line(p, "const %s *s = src;", c->c_name);
  for (size_t i = 0; i < c->all_field_count; i++)
    if (emit_field_is_required(c->all_fields[i]) &&
        is_opt_text(c->all_fields[i]))
      emit_make_view(p, c, c->all_fields[i]);
  pr_line_of(p, &call);
  pr_close(p, "");
  pr_blank(p);
  gstr_free(&call);
}

/* The class's own functions, called by name, for the suite to compare with
 * its descriptor's (see ws_typetest_own). */
static void emit_class_own(printer *p, const ir_class *c) {
  const char *n = c->c_name;
  pr_open(p, "static void own_%s(ws_typetest_own *o)", c->snake);
  pr_line(p, "%s *s = o->scratch;", n);
  pr_line(p, "const %s *v = o->v;", n);
  /* each step replaces s (the one fill rule): nothing to free between */
  pr_line(p, "o->init = %s_init(s);", n);
  pr_line(p, "o->init_equal = %s_equal(s, o->init_value);", n);
  pr_line(p, "o->copy = %s_copy(s, v);", n);
  pr_line(p, "o->copy_equal = %s_equal(s, v);", n);
  pr_line(p, "o->validate = %s_validate(v, NULL);", n);
  pr_line(p, "o->encode = %s_encode(v, WS_FORMAT_JSON, &o->json, NULL);", n);
  pr_line(p, "o->decode = %s_decode(s, o->json.data, o->json.len, NULL, NULL);",
          n);
  pr_line(p, "o->decode_equal = %s_equal(s, v);", n);
  pr_line(p, "%s_free(s);", n);
  pr_close(p, "");
  pr_blank(p);
}

/* ---- per class: its bases ----------------------------------------------------------- */

/* An abstract class's own encode, behind the signature the table wants; one
 * for each abstract class that some concrete class derives from. */
static bool is_base_of_concrete(const ir_module *m, const ir_class *b) {
  for (size_t i = 0; i < m->class_count; i++)
    for (const ir_class *k = m->classes[i]->base;
         is_concrete(m->classes[i]) && k != NULL; k = k->base)
      if (k == b)
        return true;
  return false;
}

/* The name of b's encode_any: by its snake_case name for the module's own
 * class, by its C name (which has its module's prefix) for an imported
 * one, so that two modules' classes cannot share it. */
static const char *encode_any_stem(const ir_class *b, const ir_class *from) {
  return b->module == from->module ? b->snake : b->c_name;
}

static void emit_base_encoder(printer *p, const ir_class *b,
                              const ir_class *from) {
  pr_line(p, "/* %s's own encode, which dispatches on the value's class. */",
          b->name);
  pr_open(p, "static ws_status encode_any_%s(const void *v, ws_format f, "
             "ws_buf *out, ws_error *err)",
          encode_any_stem(b, from));
  pr_line(p, "return %s_encode(v, f, out, err);", b->c_name);
  pr_close(p, "");
  pr_blank(p);
}

/* Whether imported class b is an abstract base of a concrete class before
 * classes[i] (its encoder is written then). */
static bool imported_base_seen(const ir_module *m, size_t i,
                               const ir_class *b) {
  for (size_t j = 0; j < i; j++)
    for (const ir_class *k = m->classes[j]->base;
         is_concrete(m->classes[j]) && k != NULL; k = k->base)
      if (k == b)
        return true;
  return false;
}

static void emit_base_encoders(printer *p, const ir_module *m) {
  for (size_t i = 0; i < m->class_count; i++) {
    const ir_class *b = m->classes[i];
    if (b->is_abstract && is_base_of_concrete(m, b))
      emit_base_encoder(p, b, b);
  }
  for (size_t i = 0; i < m->class_count; i++) {
    const ir_class *c = m->classes[i];
    for (const ir_class *b = c->base; is_concrete(c) && b != NULL; b = b->base)
      if (b->module != m && b->is_abstract && !imported_base_seen(m, i, b))
        emit_base_encoder(p, b, c);
  }
}

static void emit_class_bases(printer *p, const ir_class *c) {
  pr_open(p, "static const ws_typetest_base bases_%s[] =", c->snake);
  for (const ir_class *b = c->base; b != NULL; b = b->base) {
    if (b->is_abstract)
      pr_line(p, "{&%s_type, encode_any_%s},", b->c_name,
              encode_any_stem(b, c));
    else
      pr_line(p, "{&%s_type, NULL},", b->c_name);
  }
  pr_line(p, "{NULL, NULL},");
  pr_close(p, ";");
  pr_blank(p);
}

/* ---- the table and main ---------------------------------------------------------------- */

static void emit_class_parts(printer *p, const ir_class *c) {
  pr_line(p, "/* ---- %s ---- */", c->name);
  pr_blank(p);
  emit_class_defaults(p, c);
  if (emit_class_has_make(c))
    emit_class_make(p, c);
  emit_class_own(p, c);
  emit_class_refusals(p, c);
  if (c->base != NULL)
    emit_class_bases(p, c);
}

/* A string literal line: `.member = "text",`. */
/* C compilers need only take string literals of 4095 bytes; a longer text
 * (a wide class's field list or default JSON) goes in pieces well below
 * that, cut between UTF-8 characters. */
enum { LITERAL_PIECE = 2048 };

static size_t piece_end(const gstr *text, size_t from) {
  size_t end = from + LITERAL_PIECE;
  if (end >= text->len)
    return text->len;
  while (end > from && ((unsigned char)text->data[end] & 0xC0) == 0x80)
    end--;
  return end;
}

/* ".member = \"text\"," or, for a long text,
 * ".member_pieces = (const char *const[]){\"...\", \"...\", NULL},". */
static void emit_literal_member(printer *p, const char *member,
                                const gstr *text) {
  if (text->len <= LITERAL_PIECE) {
    pr_begin(p);
    pr_add(p, ".%s = ", member);
    pr_add_quoted(p, text);
    pr_add(p, ",");
    pr_end(p);
    return;
  }
  pr_open(p, ".%s_pieces = (const char *const[])", member);
  for (size_t at = 0; at < text->len;) {
    size_t end = piece_end(text, at);
    pr_begin(p);
    pr_add_c_string(p, text->data + at, end - at);
    pr_add(p, ",");
    pr_end(p);
    at = end;
  }
  pr_line(p, "NULL");
  pr_close(p, ",");
}

/* Appends to path the path from a value of class c to the first field
 * whose init value encode must refuse, and returns true; false when there
 * is none. Such a field is a required int or float, which starts at 0 where
 * its range may leave 0 out; a required str, bytes, list or map (not a T?,
 * which starts None), which starts empty below its min_len or min_items; a
 * field of an abstract class, which starts unset; or a class value in
 * place that holds one. Nothing else can break a constraint there: the
 * checker refuses a default that breaks one. */
static bool init_refused_at(gstr *path, const ir_class *c) {
  for (size_t i = 0; i < c->all_field_count; i++) {
    const ir_field *fd = c->all_fields[i];
    const ir_constraints *k = &fd->constraints;
    bool required = emit_field_is_required(fd) && fd->type->kind != IR_OPT;
    size_t len = path->len;
    gstr_printf(path, ".%s", fd->name);
    if (fd->type->kind == IR_INT && required && k->has_range &&
        (k->min > 0 || k->max < 0))
      return true;
    if (required && ((k->has_min_len && k->min_len > 0) ||
                     (k->has_min_items && k->min_items > 0)))
      return true;
    if (fd->type->kind == IR_FLOAT && emit_field_is_required(fd) &&
        k->has_range && (k->fmin > 0 || k->fmax < 0))
      return true;
    if (fd->type->kind == IR_REF && !fd->type->nullable)
      return true;
    if (fd->type->kind == IR_CLASS && init_refused_at(path, fd->type->cls))
      return true;
    path->len = len;
    if (!path->failed && path->data != NULL)
      path->data[len] = '\0';
  }
  return false;
}

static void emit_class_row(printer *p, const ir_class *c) {
  gstr text;
  gstr_init(&text);
  pr_open(p, "%s", "");
  pr_line(p, ".type = &%s_type,", c->c_name);
  pr_line(p, ".name = \"%s\",", c->name);
  pr_line(p, ".size = sizeof(%s),", c->c_name);
  for (size_t i = 0; i < c->all_field_count; i++)
    gstr_printf(&text, "%s%s", i > 0 ? "," : "", c->all_fields[i]->name);
  emit_literal_member(p, "field_names", &text);
  if (c->in_hierarchy || has_stated_default(c))
    pr_line(p, ".defaults = defaults_%s,", c->snake);
  if (emit_class_has_make(c))
    pr_line(p, ".make = make_%s,", c->snake);
  pr_line(p, ".own = own_%s,", c->snake);
  gstr_reset(&text);
  gstr_puts(&text, "$");
  if (init_refused_at(&text, c)) {
    pr_begin(p);
    pr_add(p, ".init_refused = ");
    pr_add_c_string(p, gstr_cstr(&text), text.len);
    pr_add(p, ",");
    pr_end(p);
  } else {
    gstr_reset(&text);
    expect_defaults_json(&text, c, false);
    emit_literal_member(p, "json", &text);
    gstr_reset(&text);
    expect_defaults_json(&text, c, true);
    emit_literal_member(p, "json_python", &text);
  }
  pr_line(p, ".refusals = refusals_%s,", c->snake);
  if (c->base != NULL)
    pr_line(p, ".bases = bases_%s,", c->snake);
  pr_close(p, ",");
  gstr_free(&text);
}

static size_t concrete_count(const ir_module *m) {
  size_t n = 0;
  for (size_t i = 0; i < m->class_count; i++)
    n += is_concrete(m->classes[i]);
  return n;
}

static void emit_table_and_main(printer *p, const ir_module *m) {
  bool any = concrete_count(m) > 0;
  if (any) {
    pr_open(p, "static const ws_typetest_class classes[] =");
    for (size_t i = 0; i < m->class_count; i++)
      if (is_concrete(m->classes[i]))
        emit_class_row(p, m->classes[i]);
    pr_close(p, ";");
    pr_blank(p);
  }
  pr_open(p, "int main(void)");
  pr_open(p, "ws_typetest_module module =");
  pr_line(p, "\"%s\", %s_types, %s_type_count, %s_type_find,", m->name,
          m->prefix, m->prefix, m->prefix);
  if (any)
    pr_line(p, "classes, sizeof classes / sizeof classes[0],");
  else
    pr_line(p, "NULL, 0,");
  pr_close(p, ";");
  pr_line(p, "return ws_typetest_run(&module);");
  pr_close(p, "");
}

void emit_tests(printer *p, const ir_module *m) {
  emit_prologue(p, m);
  emit_base_encoders(p, m);
  for (size_t i = 0; i < m->class_count; i++)
    if (is_concrete(m->classes[i]))
      emit_class_parts(p, m->classes[i]);
  emit_table_and_main(p, m);
}
