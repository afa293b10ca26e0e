/* emit_names.c - the functions of emit_names.h: the file-scope names of a
 * generated module that emit_api.c's table does not give, as templates in
 * which {P} is the prefix, {C} a class's C name (ab_ping), {S} its
 * snake_case name (ping), {T} a type's C name (ab_list_str) and {F}
 * the schema file's stem (autobahn).
 * Each row says which emitter writes it; a helper added there needs its row
 * here (test_gen_names.c says so). */
#include "emit_names.h"

#include <ctype.h>
#include <string.h>

#include "emit_api.h"
#include "emit_util.h"

typedef struct name_row {
  const char *tmpl;
  const char *what;
} name_row;

/* emit_source.c: module table and descriptor; emit_header.c: their
 * declarations; emit_tests.c: the test file's table and main. */
static const name_row module_rows[] = {
    {"{P}_types", "the class table"},
    {"{P}_type_count", "the class count"},
    {"{P}_type_find", "the lookup function"},
    {"classes", "the test table"},
    {"main", "the test program's main"},
    {"wstypes_module_{F}", "the module descriptor"},
};

/* A list, map or T?: emit_header.c's struct, emit_source.c's kind
 * descriptor and helpers. */
static const name_row composite_rows[] = {
    {"{T}", "the C type"},         {"{T}_kind", "the kind descriptor"},
    {"{T}_put_json", "a helper"},  {"{T}_child", "a helper"},
    {"{T}_key", "a helper"},
};

/* A class: emit_header.c's struct and descriptor, emit_source.c's tables
 * and helpers, emit_tests.c's (and emit_tests_expect.c's) per-class
 * statics, verb first and named by the snake_case name alone. */
static const name_row class_rows[] = {
    {"{C}", "the struct"},
    {"{C}_type", "the descriptor"},
    {"{C}_fields", "the field table"},
    {"{C}_key_order", "the key order table"},
    {"{C}_consts", "the constant table"},
    {"{C}_put_json", "a helper"},
    {"{C}_child", "a helper"},
    /* the kind of a field that holds it in place, which a module that
     * imports this one may write too */
    {"{C}_kind", "the kind descriptor"},
    {"defaults_{S}", "a test helper"},
    {"make_{S}", "a test helper"},
    {"own_{S}", "a test helper"},
    {"encode_any_{S}", "a test helper"},
    {"bases_{S}", "a test table"},
    {"refusals_{S}", "a test table"},
};

/* An enum: emit_enum.c's type, descriptor, member table and helpers. */
static const name_row enum_rows[] = {
    {"{C}", "the C type"},          {"{C}_kind", "the descriptor"},
    {"{C}_members", "the member table"}, {"{C}_value", "a helper"},
    {"{C}_from_value", "a helper"}, {"{C}_name", "a helper"},
};

/* A class through a pointer (T?, or an abstract class) as a field's type:
 * emit_source.c's kind descriptor and the table of the classes it may
 * hold. (A class held in place has its kind named by the class: its
 * rows reserve it, in whichever module the class is.) */
static const name_row ref_rows[] = {
    {"{T}_kind", "the kind descriptor"},
    {"{T}_classes", "the table of its classes"},
};

typedef struct name_args {
  const char *prefix, *c_name, *snake, *stem;
} name_args;

static void put_row(gstr *s, const char *tmpl, const name_args *a) {
  for (const char *t = tmpl; *t; t++) {
    const char *with = NULL;
    if (t[0] == '{' && t[1] != '\0' && t[2] == '}') {
      with = t[1] == 'P'                 ? a->prefix
             : t[1] == 'C' || t[1] == 'T' ? a->c_name
             : t[1] == 'S'                ? a->snake
             : t[1] == 'F'                ? a->stem
                                          : NULL;
    }
    if (with != NULL) {
      gstr_puts(s, with);
      t += 2;
    } else {
      gstr_putc(s, *t);
    }
  }
}

static void each_row(const name_row *rows, size_t n, const name_args *a, emit_name_fn each,
                     void *ctx) {
  gstr name;
  gstr_init(&name);
  for (size_t i = 0; i < n; i++) {
    gstr_reset(&name);
    put_row(&name, rows[i].tmpl, a);
    each(ctx, gstr_failed(&name) ? NULL : gstr_cstr(&name), rows[i].what);
  }
  gstr_free(&name);
}

void emit_put_guard(gstr *s, const ir_module *m) {
  put_upper(s, m->prefix);
  gstr_putc(s, '_');
  for (const char *c = m->stem; *c; c++)
    gstr_putc(s, isalnum((unsigned char)*c) ? (char)toupper((unsigned char)*c) : '_');
  gstr_puts(s, "_H");
}

void emit_module_names(const ir_module *m, emit_name_fn each, void *ctx) {
  name_args a = {m->prefix, NULL, NULL, m->stem};
  gstr guard;
  gstr_init(&guard);
  emit_put_guard(&guard, m);
  each(ctx, gstr_failed(&guard) ? NULL : gstr_cstr(&guard), "the include guard");
  gstr_free(&guard);
  each_row(module_rows, sizeof module_rows / sizeof module_rows[0], &a, each, ctx);
}

void emit_composite_names(const ir_type *t, emit_name_fn each, void *ctx) {
  name_args a = {NULL, t->c_name, NULL, NULL};
  each_row(composite_rows, sizeof composite_rows / sizeof composite_rows[0], &a, each, ctx);
  emit_api_names(t, NULL, each, ctx);
}

void emit_class_names(const ir_class *c, emit_name_fn each, void *ctx) {
  name_args a = {NULL, c->c_name, c->snake, NULL};
  each_row(class_rows, sizeof class_rows / sizeof class_rows[0], &a, each, ctx);
  emit_api_names(NULL, c, each, ctx);
  gstr macro;
  gstr_init(&macro);
  for (size_t i = 0; i < c->const_count; i++) {
    gstr_reset(&macro);
    put_const_name(&macro, c, &c->consts[i]);
    each(ctx, gstr_failed(&macro) ? NULL : gstr_cstr(&macro), "the macro of a constant");
  }
  gstr_free(&macro);
}

void emit_enum_names(const ir_enum *e, emit_name_fn each, void *ctx) {
  name_args a = {NULL, e->c_name, NULL, NULL};
  each_row(enum_rows, sizeof enum_rows / sizeof enum_rows[0], &a, each, ctx);
}

void emit_held_type_names(const ir_type *t, emit_name_fn each, void *ctx) {
  name_args a = {NULL, t->c_name, NULL, NULL};
  if (t->kind == IR_CLASS)
    return;
  each_row(ref_rows, sizeof ref_rows / sizeof ref_rows[0], &a, each, ctx);
  emit_api_names(t, NULL, each, ctx);
}
