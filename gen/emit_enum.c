/* emit_enum.c - enums in the generated C (see emit_enum.h and
 * docs/generated-api.md). An enum becomes a C enum whose enumerators are
 * the member indexes, PREFIX_ENUM_MEMBER = 0, 1, ... in schema order (so
 * the all-zero value is the first member, and a switch reads like the
 * schema), plus a table of the members' values that the runtime's enum
 * kind (runtime/ws_kind_enum.h) reads, and three small functions between
 * members and values. */
#include <inttypes.h>
#include <string.h>

#include "emit_enum.h"
#include "emit_util.h"

bool emit_type_holds_enum(const ir_type *t) {
  for (; t != NULL; t = t->elem)
    if (t->kind == IR_ENUM)
      return true;
  return false;
}

/* The enumerators as a doc_run: "PREFIX_ENUM_MEMBER = 0," with the
 * member's value as the schema writes it beside. */
static void put_enumerator(gstr *line, const void *ctx, size_t i) {
  const ir_enum *e = ctx;
  gstr_printf(line, "%s = %zu%s", e->members[i].c_name, i, i + 1 < e->member_count ? "," : "");
}

static const char *member_doc(const void *ctx, size_t i) {
  return ((const ir_enum *)ctx)->members[i].doc;
}

static void put_value_note(gstr *note, const void *ctx, size_t i) {
  gstr_puts(note, ((const ir_enum *)ctx)->members[i].text);
}

static void emit_enum_typedef(printer *p, const ir_enum *e) {
  doc_run members = {e, e->member_count, put_enumerator, member_doc, put_value_note};
  gstr line;
  gstr_init(&line);
  emit_doc(p, e->doc);
  pr_line(p, "/* enum %s: %s-valued; the enumerators are the members' "
             "indexes. */",
          e->name, e->is_int ? "int" : "string");
  pr_open(p, "typedef enum %s", e->c_name);
  emit_doc_run(p, &members);
  gstr_printf(&line, " %s;", e->c_name);
  pr_close_of(p, &line);
  pr_blank(p);
  gstr_free(&line);
}

void emit_enum_typedefs(printer *p, const ir_module *m) {
  for (size_t i = 0; i < m->enum_count; i++)
    emit_enum_typedef(p, m->enums[i]);
}

/* ---- functions: one signature table for prototypes and definitions --------- */

static void put_value_signature(gstr *s, const ir_enum *e) {
  if (e->is_int)
    gstr_printf(s, "int64_t %s_value(%s v)", e->c_name, e->c_name);
  else
    gstr_printf(s, "ws_strview %s_value(%s v)", e->c_name, e->c_name);
}

static void put_from_signature(gstr *s, const ir_enum *e) {
  gstr_printf(s, "bool %s_from_value(%s value, %s *out)", e->c_name,
              e->is_int ? "int64_t" : "ws_strview", e->c_name);
}

static void put_name_signature(gstr *s, const ir_enum *e) {
  gstr_printf(s, "const char *%s_name(%s v)", e->c_name, e->c_name);
}

typedef void (*signature_fn)(gstr *s, const ir_enum *e);

/* The functions, each with its comment for a string- and an int-valued
 * enum ("%s" is the first member's name). */
static const struct {
  signature_fn signature;
  const char *doc_text, *doc_int;
} functions[] = {
    {put_value_signature,
     "The member's value, a view of static text; {NULL, 0} when v is no "
     "member.",
     "The member's value; 0 when v is no member."},
    {put_from_signature,
     "The member whose value is value, into *out; false (and *out "
     "unchanged) when no member has it.",
     "The member whose value is value, into *out; false (and *out "
     "unchanged) when no member has it."},
    {put_name_signature,
     "The member's schema name (\"%s\"); NULL when v is no member.",
     "The member's schema name (\"%s\"); NULL when v is no member."},
};

/* A function's comment: its doc, "%s" standing for the first member,
 * wrapped by emit_doc. */
static void emit_function_doc(printer *p, const char *doc, const ir_enum *e) {
  gstr text;
  const char *at = strstr(doc, "%s");
  gstr_init(&text);
  if (at != NULL)
    gstr_printf(&text, "%.*s%s%s", (int)(at - doc), doc, e->members[0].name,
                at + 2);
  else
    gstr_puts(&text, doc);
  take_failure(&p->out, &text);
  emit_doc(p, gstr_cstr(&text));
  gstr_free(&text);
}

void emit_enum_prototypes(printer *p, const ir_module *m) {
  gstr line;
  gstr_init(&line);
  for (size_t i = 0; i < m->enum_count; i++) {
    const ir_enum *e = m->enums[i];
    pr_line(p, "/* %s (enum) */", e->name);
    for (size_t f = 0; f < sizeof functions / sizeof functions[0]; f++) {
      emit_function_doc(p, e->is_int ? functions[f].doc_int
                                     : functions[f].doc_text, e);
      gstr_reset(&line);
      functions[f].signature(&line, e);
      gstr_putc(&line, ';');
      pr_line_of(p, &line);
    }
    pr_line(p, "extern const ws_enum_kind %s_kind;", e->c_name);
    pr_blank(p);
  }
  gstr_free(&line);
}

/* ---- STEM.c ------------------------------------------------------------------ */

static void emit_member_table(printer *p, const ir_enum *e) {
  gstr row;
  gstr_init(&row);
  pr_open(p, "static const ws_enum_member %s_members[] =", e->c_name);
  for (size_t i = 0; i < e->member_count; i++) {
    const ir_enum_member *mb = &e->members[i];
    gstr_reset(&row);
    gstr_putc(&row, '{');
    gstr_put_c_string(&row, mb->name, strlen(mb->name));
    if (e->is_int) {
      gstr_puts(&row, ", NULL, 0, ");
      put_int64_expr(&row, mb->i);
    } else {
      gstr_puts(&row, ", ");
      gstr_put_c_string(&row, mb->s, mb->s_len);
      gstr_printf(&row, ", %zu, 0", mb->s_len);
    }
    gstr_puts(&row, "},");
    pr_line_of(p, &row);
  }
  pr_close(p, ";");
  pr_blank(p);
  gstr_free(&row);
}

static void emit_descriptor(printer *p, const ir_enum *e) {
  gstr doc;
  gstr_init(&doc);
  gstr_put_c_string(&doc, e->doc, strlen(e->doc));
  pr_open(p, "const ws_enum_kind %s_kind =", e->c_name);
  pr_line(p, ".kind = WS_ENUM_KIND(%s, \"%s\"),", e->c_name, e->name);
  pr_line(p, ".c_name = \"%s\",", e->c_name);
  pr_begin(p);
  pr_add(p, ".doc = ");
  pr_add_str(p, &doc);
  pr_add(p, ",");
  pr_end(p);
  pr_line(p, ".is_int = %s,", e->is_int ? "true" : "false");
  pr_line(p, ".members = %s_members,", e->c_name);
  pr_line(p, ".count = %zu,", e->member_count);
  pr_close(p, ";");
  pr_blank(p);
  gstr_free(&doc);
}

static void emit_functions(printer *p, const ir_enum *e) {
  const char *n = e->c_name;
  gstr sig;
  gstr_init(&sig);
  put_value_signature(&sig, e);
  pr_open_of(p, &sig);
  pr_line(p, "const ws_enum_member *m = ws_enum_member_at(&%s_kind, (long)v);",
          n);
  if (e->is_int)
    pr_line(p, "return m != NULL ? m->value : 0;");
  else
    pr_line(p, "return m != NULL ? ws_str_view(m->text, m->text_len) "
               ": ws_str_view(NULL, 0);");
  pr_close(p, "");
  pr_blank(p);
  gstr_reset(&sig);
  put_from_signature(&sig, e);
  pr_open_of(p, &sig);
  if (e->is_int)
    pr_line(p, "long i = ws_enum_find_int(&%s_kind, value);", n);
  else
    pr_line(p, "long i = ws_enum_find_text(&%s_kind, value.ptr, value.len);",
            n);
  pr_line(p, "if (i < 0)");
  pr_line(p, "  return false;");
  pr_line(p, "*out = (%s)i;", n);
  pr_line(p, "return true;");
  pr_close(p, "");
  pr_blank(p);
  gstr_reset(&sig);
  put_name_signature(&sig, e);
  pr_open_of(p, &sig);
  pr_line(p, "const ws_enum_member *m = ws_enum_member_at(&%s_kind, (long)v);",
          n);
  pr_line(p, "return m != NULL ? m->name : NULL;");
  pr_close(p, "");
  pr_blank(p);
  gstr_free(&sig);
}

void emit_enum_definitions(printer *p, const ir_module *m) {
  for (size_t i = 0; i < m->enum_count; i++) {
    const ir_enum *e = m->enums[i];
    pr_line(p, "/* ---- enum %s ---- */", e->name);
    pr_blank(p);
    emit_member_table(p, e);
    emit_descriptor(p, e);
    emit_functions(p, e);
  }
}
