/* test_gen_oom.c - the generator when memory runs out.
 *
 * For n = 1, 2, ... the n-th allocation of the whole pipeline (diagnostics,
 * parse, check, emit) fails, until a run sees no failure. Every run that
 * met a failure must end in an error that says "out of memory", free all it
 * allocated, and not crash (the build runs under ASan). The generator calls
 * malloc and friends directly; this test links with -Wl,--wrap for them, so
 * its own __wrap_ functions stand between the generator and the C library.
 * Schemas: a small one that uses every construct, the real one (parse
 * and check only: emitting it for each n would take minutes), and a
 * schema that imports another, read through the loader. The printer
 * the emitters write through is swept on its own as well. */
#define _POSIX_C_SOURCE 200809L /* mkdtemp */

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <cmocka.h>

#include "check.h"
#include "diag.h"
#include "emit.h"
#include "load.h"
#include "parse.h"
#include "printer.h"

/* ---- the failing allocator ---- */

void *__real_malloc(size_t size);
void *__real_calloc(size_t n, size_t size);
void *__real_realloc(void *p, size_t size);
void __real_free(void *p);

static size_t calls;   /* allocation calls since armed */
static size_t fail_at; /* 0: never */
static int failed;     /* the armed call has failed */
static long live;      /* blocks handed out and not freed */

static int should_fail(void) {
  calls++;
  if (fail_at != 0 && calls == fail_at) {
    failed = 1;
    return 1;
  }
  return 0;
}

void *__wrap_malloc(size_t size) {
  void *p = should_fail() ? NULL : __real_malloc(size);
  live += p != NULL;
  return p;
}

void *__wrap_calloc(size_t n, size_t size) {
  void *p = should_fail() ? NULL : __real_calloc(n, size);
  live += p != NULL;
  return p;
}

void *__wrap_realloc(void *old, size_t size) {
  if (should_fail())
    return NULL;
  void *p = __real_realloc(old, size);
  live += old == NULL && p != NULL;
  return p;
}

void __wrap_free(void *p) {
  live -= p != NULL;
  __real_free(p);
}

/* ---- one run of the pipeline ---- */

static const char small_schema[] =
    "/// A module.\n"
    "module t.oom;\n"
    "prefix to;\n"
    "/// A base.\n"
    "abstract class Base {\n"
    "  const LIMIT: int = 3;\n"
    "  const NAME: str = \"b\\u00e9\";\n"
    "  tags: list<str> = [];\n"
    "  extra: map<str, list<int>> = {};\n"
    "}\n"
    "/// Sides.\n"
    "enum Side { /// Buy.\n BUY = \"buy\", SELL = \"s*/\", }\n"
    "enum Code { A = 1, B = -2 }\n"
    "class Leaf : Base {\n"
    "  /// A doc.\n"
    "  name: str = \"x\" [max_len 10];\n"
    "  side: Side = SELL;\n"
    "  sides: list<Side>? = null [min_items 1, max_items 3];\n"
    "  codes: map<str, Code> = {};\n"
    "  title: str [min_len 1, alias \"old\"];\n"
    "  n: int? = null [range 0..9];\n"
    "  h: headers;\n"
    "  b: bytes?;\n"
    "  ok: bool = true;\n"
    "}\n"
    "exception Oops {\n"
    "  why: str;\n"
    "}\n";

/* Whether the text f holds contains needle. */
static int file_has(FILE *f, const char *needle) {
  char buf[4096];
  size_t n;
  rewind(f);
  n = fread(buf, 1, sizeof buf - 1, f);
  buf[n] = '\0';
  return strstr(buf, needle) != NULL;
}

/* Set while sweeping a schema with errors: a run without a failure must
 * then end in its errors, not succeed. */
static bool sweeping_broken;

/* Runs the pipeline on text with allocation n failing; returns whether the
 * armed failure happened (and checks what a failed run must do). */
static int run_failing_at(size_t n, const char *text, const char *dir) {
  FILE *messages = tmpfile();
  FILE *saved_stderr = stderr;
  long before = live;
  int ok = 0;
  assert_non_null(messages);
  stderr = messages; /* emit_module reports there */
  calls = 0;
  failed = 0;
  fail_at = n;
  diag *d = diag_new("oom.wst", text, strlen(text));
  if (d != NULL) {
    ast_module *ast = parse_schema(text, strlen(text), d);
    ir_module *m = ast ? check_schema(ast, "oom.wst", d) : NULL;
    if (m == NULL)
      diag_print(d, messages);
    else
      ok = dir == NULL || emit_module(m, dir) == 0;
    ir_module_free(m);
    ast_module_free(ast);
    diag_free(d);
  }
  fail_at = 0;
  stderr = saved_stderr;
  if (failed) {
    if (ok || (d != NULL && !file_has(messages, "out of memory"))) {
      print_error("allocation %zu failed but the run %s\n", n,
                  ok ? "succeeded" : "did not say 'out of memory'");
      fail();
    }
  } else if (sweeping_broken) {
    assert_false(ok);
    assert_true(file_has(messages, ": error: "));
  } else {
    assert_true(ok);
  }
  assert_int_equal(live, before);
  fclose(messages);
  return failed;
}

/* Fails each allocation in turn; returns how many the full run makes. */
static size_t sweep(const char *text, const char *dir) {
  size_t n = 1;
  while (run_failing_at(n, text, dir))
    n++;
  return n - 1;
}

static void test_small_schema_every_allocation_fails_cleanly(void **state) {
  (void)state;
  char dir[] = "/tmp/test_gen_oom_XXXXXX";
  assert_non_null(mkdtemp(dir));
  size_t n = sweep(small_schema, dir);
  print_message("%zu allocations, each failed in turn\n", n);
  assert_true(n > 10); /* the sweep reached past the first steps */
  static const char *const files[] = {"/oom.h", "/oom.c", "/oom_test.c"};
  for (size_t i = 0; i < 3; i++) {
    char path[sizeof dir + 16];
    snprintf(path, sizeof path, "%s%s", dir, files[i]);
    assert_int_equal(unlink(path), 0); /* the last run wrote it */
  }
  assert_int_equal(rmdir(dir), 0);
}

static void test_real_schema_checks_cleanly_at_every_failure(void **state) {
  (void)state;
  FILE *f = fopen("schema/autobahn.wst", "rb");
  assert_non_null(f);
  static char text[1 << 16];
  size_t len = fread(text, 1, sizeof text - 1, f);
  fclose(f);
  text[len] = '\0';
  size_t n = sweep(text, NULL);
  print_message("%zu allocations, each failed in turn\n", n);
  assert_true(n > 100);
}

/* Syntax errors, repaired and skipped, then the checks on what parsed:
 * error recovery's allocations (stand-ins, muted spans) fail in turn. */
static void test_broken_schema_every_allocation_fails_cleanly(void **state) {
  (void)state;
  static const char broken[] =
      "module oom.broken;\nprefix ob;\n"
      "enum Side { BUY = \"buy\" SELL = \"sell\" }\n"
      "enum Bad { X = true }\n"
      "class A ( { x: int; }\n"
      "class B : A {\n  a: int\n  b: list<int = [];\n  c: int = ;\n  d: strr;\n"
      "  e: Bad = Y;\n  f: map<str int> = {};\n  g: str [min_len 1 max_len 5;\n"
      "class C { n: int = 99999999999999999999 [range 1..2]; }\n";
  sweeping_broken = true;
  size_t n = sweep(broken, NULL);
  sweeping_broken = false;
  print_message("%zu allocations, each failed in turn\n", n);
  assert_true(n > 10);
}

/* ---- a schema with an import, through the loader ---- */

static const char imported_schema[] =
    "module t.base;\n"
    "prefix tb;\n"
    "enum Shade { LIGHT = \"light\", DARK = \"dark\" }\n"
    "abstract class Thing {\n"
    "  id: str;\n"
    "  tags: list<str> = [];\n"
    "  shade: Shade = DARK;\n"
    "}\n"
    "class Named : Thing {\n"
    "  name: str? = null;\n"
    "}\n";

static const char importing_schema[] =
    "module t.top;\n"
    "prefix tt;\n"
    "import \"base.wst\";\n"
    "class Box : Thing {\n"
    "  size: int = 1;\n"
    "  shades: list<Shade> = [];\n"
    "}\n"
    "class Label : Named {\n"
    "  extra: list<str> = [];\n"
    "}\n";

static void write_text(const char *dir, const char *name, const char *text) {
  char path[256];
  snprintf(path, sizeof path, "%s/%s", dir, name);
  FILE *f = fopen(path, "w");
  assert_non_null(f);
  assert_int_equal(fputs(text, f) >= 0, 1);
  assert_int_equal(fclose(f), 0);
}

/* load_schema, then emit_module, with allocation n failing. */
static int load_failing_at(size_t n, const char *dir) {
  char path[256];
  snprintf(path, sizeof path, "%s/top.wst", dir);
  FILE *messages = tmpfile();
  FILE *saved_stderr = stderr;
  long before = live;
  int ok = 0;
  assert_non_null(messages);
  stderr = messages;
  calls = 0;
  failed = 0;
  fail_at = n;
  load_set *s = load_schema(path, NULL, 0);
  if (s != NULL) {
    const ir_module *m = load_module(s);
    if (m == NULL)
      load_print(s, messages);
    else
      ok = emit_module(m, dir) == 0;
    load_free(s);
  }
  fail_at = 0;
  stderr = saved_stderr;
  if (failed) {
    if (ok || (s != NULL && !file_has(messages, "out of memory"))) {
      print_error("allocation %zu failed but the run %s\n", n,
                  ok ? "succeeded" : "did not say 'out of memory'");
      fail();
    }
  } else {
    assert_true(ok);
  }
  assert_int_equal(live, before);
  fclose(messages);
  return failed;
}

static void test_import_every_allocation_fails_cleanly(void **state) {
  (void)state;
  char dir[] = "/tmp/test_gen_oom_XXXXXX";
  assert_non_null(mkdtemp(dir));
  write_text(dir, "base.wst", imported_schema);
  write_text(dir, "top.wst", importing_schema);
  size_t n = 1;
  while (load_failing_at(n, dir))
    n++;
  print_message("%zu allocations, each failed in turn\n", n - 1);
  assert_true(n > 10);
  static const char *const files[] = {"base.wst", "top.wst", "top.h", "top.c", "top_test.c"};
  for (size_t i = 0; i < sizeof files / sizeof files[0]; i++) {
    char path[sizeof dir + 16];
    snprintf(path, sizeof path, "%s/%s", dir, files[i]);
    assert_int_equal(unlink(path), 0);
  }
  assert_int_equal(rmdir(dir), 0);
}

/* ---- the printer ---- */

/* Lines and pieces long enough to need several allocations; returns whether
 * the armed failure happened, having checked that the printer says so. */
static int print_failing_at(size_t n) {
  static char name[3000];
  long before = live;
  memset(name, 'n', sizeof name - 1);
  calls = 0;
  failed = 0;
  fail_at = n;
  printer p;
  gstr piece;
  printer_init(&p);
  gstr_init(&piece);
  for (int i = 0; i < 4; i++)
    gstr_printf(&piece, "%s.%d", name, i);
  gstr_put_c_string(&piece, name, 200);
  pr_open(&p, "static void %s(void)", name);
  pr_begin(&p);
  pr_add_str(&p, &piece);
  pr_end(&p);
  pr_line(&p, "return;");
  pr_close(&p, "");
  fail_at = 0;
  if (failed) {
    assert_true(printer_out_of_memory(&p));
    assert_true(printer_failed(&p));
  } else {
    assert_false(printer_failed(&p));
    assert_non_null(strstr(printer_text(&p), "return;"));
  }
  gstr_free(&piece);
  printer_free(&p);
  assert_int_equal(live, before);
  return failed;
}

static void test_printer_every_allocation_fails_cleanly(void **state) {
  (void)state;
  size_t n = 1;
  while (print_failing_at(n))
    n++;
  assert_true(n > 3); /* both the piece and the printer grew */
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_small_schema_every_allocation_fails_cleanly),
      cmocka_unit_test(test_real_schema_checks_cleanly_at_every_failure),
      cmocka_unit_test(test_broken_schema_every_allocation_fails_cleanly),
      cmocka_unit_test(test_import_every_allocation_fails_cleanly),
      cmocka_unit_test(test_printer_every_allocation_fails_cleanly),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
