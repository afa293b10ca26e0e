/* Tests for gen/emit_names.c: every file-scope identifier the emitters write
 * into STEM.h, STEM.c and STEM_test.c is one of the names emit_names.h
 * gives, which the checker claims. A helper added to an emitter without its
 * row in emit_names.c fails here, naming the helper: the checker could not
 * refuse a schema whose names collide with it. Both committed schemas are
 * generated in memory and their text scanned for declarations at file
 * scope (brace depth 0, outside comments and literals). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "check.h"
#include "diag.h"
#include "emit.h"
#include "emit_names.h"
#include "ir.h"
#include "parse.h"

/* ---- the names emit_names.h gives -------------------------------------------- */
typedef struct name_set {
  ir_map *map;
  char **owned;
  size_t count, cap;
} name_set;

static void add_name(void *ctx, const char *name, const char *what) {
  name_set *s = ctx;
  (void)what;
  assert_non_null(name);
  if (s->count == s->cap) {
    s->cap = s->cap ? s->cap * 2 : 256;
    s->owned = realloc(s->owned, s->cap * sizeof *s->owned);
    assert_non_null(s->owned);
  }
  char *copy = malloc(strlen(name) + 1);
  assert_non_null(copy);
  strcpy(copy, name);
  s->owned[s->count++] = copy;
  assert_true(ir_map_put(s->map, copy, copy));
}

static void names_of(const ir_module *m, name_set *s) {
  s->map = ir_map_new();
  assert_non_null(s->map);
  emit_module_names(m, add_name, s);
  for (size_t i = 0; i < m->composite_count; i++)
    emit_composite_names(m->composites[i], add_name, s);
  for (size_t i = 0; i < m->class_count; i++)
    emit_class_names(m->classes[i], add_name, s);
  for (size_t i = 0; i < m->type_count; i++)
    if (m->types[i]->kind == IR_CLASS || m->types[i]->kind == IR_REF)
      emit_held_type_names(m->types[i], add_name, s);
  for (size_t i = 0; i < m->enum_count; i++) { /* members: check_names.c claims each */
    emit_enum_names(m->enums[i], add_name, s);
    for (size_t j = 0; j < m->enums[i]->member_count; j++)
      add_name(s, m->enums[i]->members[j].c_name, "the enumerator");
  }
}

static void name_set_free(name_set *s) {
  for (size_t i = 0; i < s->count; i++)
    free(s->owned[i]);
  free(s->owned);
  ir_map_free(s->map);
}

/* ---- declarations at file scope in generated text ---------------------------- */
static bool is_ident(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_';
}

/* The identifier that ends just before `end` (skipping spaces), into out. */
static void ident_before(const char *start, const char *end, char *out, size_t size) {
  while (end > start && end[-1] == ' ')
    end--;
  const char *b = end;
  while (b > start && is_ident(b[-1]))
    b--;
  size_t n = (size_t)(end - b) < size - 1 ? (size_t)(end - b) : size - 1;
  memcpy(out, b, n);
  out[n] = '\0';
}

/* The name a depth-0 line declares, or "" when it declares none: a macro,
 * a function or array (the identifier before the first '(' or '['), an
 * object (before " =" or ";"), or the typedef a "} NAME;" line closes. */
static void declared_name(const char *line, size_t len, char *out, size_t size) {
  out[0] = '\0';
  if (strncmp(line, "#define ", 8) == 0 || strncmp(line, "#ifndef ", 8) == 0) {
    const char *e = line + 8;
    while (e < line + len && is_ident(*e))
      e++;
    ident_before(line + 8, e, out, size);
    return;
  }
  /* WS_CLASS_FUNCTIONS(ab_ping) and the like: the runtime's macros, which
   * define the functions whose prototypes the header declares */
  if (line[0] == '#' || line[0] == '/' || line[0] == ' ' || strncmp(line, "extern \"C\"", 10) == 0 ||
      strncmp(line, "WS_", 3) == 0)
    return;
  if (line[0] == '}') {
    const char *semi = memchr(line, ';', len);
    if (semi != NULL)
      ident_before(line, semi, out, size);
    return;
  }
  for (size_t i = 0; i < len; i++) {
    char c = line[i];
    if (c == '(' || c == '[' || c == ';' || (c == '=' && i > 0 && line[i - 1] == ' ') ||
        (c == '{' && strncmp(line, "typedef struct ", 15) == 0)) {
      ident_before(line, line + i, out, size);
      return;
    }
  }
}

/* Calls check for each name declared at file scope in text. */
static void scan(const char *text, const name_set *known, const char *file) {
  int depth = 0;
  bool in_comment = false;
  for (const char *line = text; *line;) {
    const char *nl = strchr(line, '\n');
    size_t len = nl ? (size_t)(nl - line) : strlen(line);
    if (depth == 0 && !in_comment) {
      char name[512];
      declared_name(line, len, name, sizeof name);
      if (name[0] != '\0' && strcmp(name, "__cplusplus") != 0 &&
          ir_map_get(known->map, name) == NULL) {
        fail_msg("%s declares '%s' at file scope, which emit_names.c does not list: "
                 "add its row, so that the checker claims it",
                 file, name);
      }
    }
    char quote = 0;
    for (size_t i = 0; i < len; i++) {
      char c = line[i];
      if (in_comment) {
        if (c == '*' && i + 1 < len && line[i + 1] == '/')
          in_comment = false, i++;
      } else if (quote) {
        if (c == '\\')
          i++;
        else if (c == quote)
          quote = 0;
      } else if (c == '/' && i + 1 < len && line[i + 1] == '*') {
        in_comment = true, i++;
      } else if (c == '/' && i + 1 < len && line[i + 1] == '/') {
        break;
      } else if (c == '"' || c == '\'') {
        quote = c;
      } else if (c == '{' && strncmp(line, "extern \"C\"", 10) != 0) {
        depth++;
      } else if (c == '}' && !(depth == 0 && line[0] == '}')) {
        depth--;
      }
    }
    line = nl ? nl + 1 : line + len;
  }
  assert_int_equal(depth, 0);
}

static char *read_text(const char *path, size_t *len) {
  FILE *f = fopen(path, "rb");
  assert_non_null(f);
  char *buf = malloc(1 << 20);
  assert_non_null(buf);
  *len = fread(buf, 1, (1 << 20) - 1, f);
  buf[*len] = '\0';
  fclose(f);
  return buf;
}

static void check_schema_names(const char *path) {
  size_t len;
  char *text = read_text(path, &len);
  diag *d = diag_new(path, text, len);
  ast_module *ast = parse_schema(text, len, d);
  assert_non_null(ast);
  ir_module *m = check_schema(ast, path, d);
  assert_non_null(m);
  name_set known = {0};
  names_of(m, &known);
  void (*const parts[])(printer *, const ir_module *) = {emit_header, emit_source, emit_tests};
  const char *files[] = {".h", ".c", "_test.c"};
  for (size_t i = 0; i < 3; i++) {
    printer p;
    printer_init(&p);
    parts[i](&p, m);
    assert_false(printer_failed(&p));
    scan(printer_text(&p), &known, files[i]);
    printer_free(&p);
  }
  name_set_free(&known);
  ir_module_free(m);
  ast_module_free(ast);
  diag_free(d);
  free(text);
}

static void test_autobahn_declares_only_listed_names(void **state) {
  (void)state;
  check_schema_names("schema/autobahn.wst");
}

static void test_catalog_declares_only_listed_names(void **state) {
  (void)state;
  check_schema_names("tests/system/catalog/library.wst");
}

/* The scanner itself: a name missing from the set is found. */
static void test_scanner_finds_file_scope_declarations(void **state) {
  (void)state;
  char name[64];
  declared_name("static void ab_x_put_json(ws_buf *b) {", 39, name, sizeof name);
  assert_string_equal(name, "ab_x_put_json");
  declared_name("static const ws_field_desc ab_x_fields[] =", 42, name, sizeof name);
  assert_string_equal(name, "ab_x_fields");
  declared_name("} ab_x;", 7, name, sizeof name);
  assert_string_equal(name, "ab_x");
  declared_name("#define AB_X_K INT64_C(1)", 25, name, sizeof name);
  assert_string_equal(name, "AB_X_K");
  declared_name("const ws_type ab_x_type = {", 27, name, sizeof name);
  assert_string_equal(name, "ab_x_type");
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_scanner_finds_file_scope_declarations),
      cmocka_unit_test(test_autobahn_declares_only_listed_names),
      cmocka_unit_test(test_catalog_declares_only_listed_names),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
