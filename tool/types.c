/* types.c - `wstypes types [CLASS]`: the classes as their descriptors
 * describe them, so a schema edit shows up here after `make`. */
#include <stdio.h>
#include <string.h>

#include "tool.h"

/* Writes doc indented, one output line per doc line. */
static void print_doc(const char *doc, const char *indent) {
  while (doc && *doc) {
    const char *nl = strchr(doc, '\n');
    int n = (int)(nl ? (size_t)(nl - doc) : strlen(doc));
    printf("%s%.*s\n", indent, n, doc);
    doc = nl ? nl + 1 : NULL;
  }
}

/* The module an imported class comes from, NULL for the module's own
 * (*imported false) or one whose module is not known (true). */
static const ws_module *module_of(const ws_type *t, bool *imported) {
  *imported = false;
  for (size_t i = 0; i < tool_import_count(); i++) {
    const ws_module *from;
    if (tool_import_at(i, &from) == t) {
      *imported = true;
      return from;
    }
  }
  return NULL;
}

static void print_kind(const ws_type *t) {
  bool imported;
  const ws_module *from = module_of(t, &imported);
  if (t->base)
    printf(" : %s", t->base->name);
  if (t->flags & WS_TYPE_ABSTRACT)
    printf(" (abstract)");
  if (t->flags & WS_TYPE_EXCEPTION)
    printf(" (exception)");
  if (from)
    printf(" (from %s)", from->name);
  else if (imported)
    printf(" (imported)");
}

/* The members of the enum a field's values are (the field's own type, or
 * its elements'), with their values: "enum Side: BUY = "buy", ...". */
static void print_enum(const ws_kind *k) {
  const ws_enum_kind *e = NULL;
  for (; k != NULL && e == NULL; k = k->elem)
    e = ws_enum_of(k);
  if (e == NULL)
    return;
  printf("        enum %s:", e->kind.name);
  for (size_t i = 0; i < e->count; i++) {
    const ws_enum_member *m = &e->members[i];
    printf("%s %s = ", i > 0 ? "," : "", m->name);
    if (e->is_int) {
      printf("%lld", (long long)m->value);
    } else {
      char quoted[80];
      ws_reader_quote(quoted, sizeof quoted, m->text, m->text_len);
      printf("%s", quoted);
    }
  }
  putchar('\n');
}

/* The constraints beside max_len and range, and the alias. */
static void print_more(const ws_field_desc *f) {
  if (f->has_min_len)
    printf(" [min_len %llu]", (unsigned long long)f->min_len);
  if (f->has_min_items)
    printf(" [min_items %llu]", (unsigned long long)f->min_items);
  if (f->has_max_items)
    printf(" [max_items %llu]", (unsigned long long)f->max_items);
  if (f->alias)
    printf(" [alias \"%s\"]", f->alias);
}

static void print_field(const ws_field_desc *f) {
  printf("    %s: %s", f->name, f->type);
  if (f->default_value)
    printf(" = %s", f->default_value);
  else
    printf(" (required)");
  if (f->has_max_len)
    printf(" [max_len %llu]", (unsigned long long)f->max_len);
  if (f->has_range) {
    /* as the schema writes it: an open end left out */
    char range[2 * WS_FLOAT_REPR_MAX + 4];
    const ws_kind *k = f->kind->tag == WS_KIND_OPT ? f->kind->elem : f->kind;
    if (k->tag == WS_KIND_FLOAT)
      ws_range_text_float(range, sizeof range, f->fmin, f->fmax);
    else
      ws_range_text_int(range, sizeof range, f->min, f->max);
    printf(" [range %s]", range);
  }
  if (f->http)
    printf(" [http]");
  print_more(f);
  putchar('\n');
  print_enum(f->kind);
  print_doc(f->doc, "        ");
}

static void print_class(const ws_type *t) {
  printf("%s", t->name);
  print_kind(t);
  putchar('\n');
  print_doc(t->doc, "  ");
  if (t->const_count) {
    printf("  constants:\n");
    for (size_t i = 0; i < t->const_count; i++) {
      const ws_const_desc *c = &t->consts[i];
      printf("    %s: %s = %s\n", c->name, c->type, c->value);
      print_doc(c->doc, "        ");
    }
  }
  printf("  fields:%s\n", t->field_count ? "" : " none");
  for (size_t i = 0; i < t->field_count; i++)
    print_field(&t->fields[i]);
}

/* First line of a doc, for the one-line listing. */
static void print_summary(const ws_type *t) {
  const char *doc = t->doc ? t->doc : "";
  int n = (int)strcspn(doc, "\n");
  printf("%-20s", t->name);
  print_kind(t);
  if (n)
    printf("  %.*s", n, doc);
  putchar('\n');
}

int tool_types(const char *class_name) {
  if (class_name) {
    print_class(tool_find_type(class_name));
    return EXIT_OK;
  }
  for (size_t i = 0; i < tool_type_count(); i++)
    print_summary(tool_type_at(i));
  for (size_t i = 0; i < tool_import_count(); i++) {
    const ws_module *from;
    print_summary(tool_import_at(i, &from));
  }
  return EXIT_OK;
}
