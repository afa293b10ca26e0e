/* Tests for gen/printer.c: the growable string holds any length, C literals
 * escape what C needs, and the printer indents lines by the blocks it has
 * open and notices an emitter's unbalanced blocks. (Allocation failure is
 * swept in test_gen_oom.c, which can wrap malloc.) */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "printer.h"

/* ---- gstr ---- */

static void test_empty_gstr_reads_as_empty_text(void **state) {
  (void)state;
  gstr s;
  gstr_init(&s);
  assert_string_equal(gstr_cstr(&s), "");
  assert_int_equal(s.len, 0);
  assert_false(gstr_failed(&s));
  gstr_free(&s);
}

static void test_gstr_grows_past_any_fixed_size(void **state) {
  (void)state;
  gstr s;
  gstr_init(&s);
  for (int i = 0; i < 10000; i++)
    gstr_puts(&s, "0123456789");
  assert_false(gstr_failed(&s));
  assert_int_equal(s.len, 100000);
  assert_int_equal(strlen(gstr_cstr(&s)), 100000);
  assert_memory_equal(s.data + 99990, "0123456789", 10);
  gstr_free(&s);
}

/* A printf result longer than the memory the string has so far. */
static void test_gstr_printf_writes_long_results_whole(void **state) {
  (void)state;
  size_t n = 5000;
  char *name = malloc(n + 1);
  assert_non_null(name);
  memset(name, 'a', n);
  name[n] = '\0';
  gstr s;
  gstr_init(&s);
  gstr_puts(&s, "x");
  gstr_printf(&s, "<%s>%d", name, 42);
  assert_int_equal(s.len, 1 + 1 + n + 1 + 2);
  assert_int_equal(s.data[1], '<');
  assert_int_equal(s.data[n + 2], '>');
  assert_string_equal(s.data + n + 3, "42");
  free(name);
  gstr_free(&s);
}

static void test_gstr_reset_keeps_memory_and_empties(void **state) {
  (void)state;
  gstr s;
  gstr_init(&s);
  gstr_puts(&s, "hello");
  const char *before = s.data;
  gstr_reset(&s);
  assert_string_equal(gstr_cstr(&s), "");
  gstr_putc(&s, 'x');
  assert_ptr_equal(s.data, before);
  assert_string_equal(gstr_cstr(&s), "x");
  gstr_free(&s);
}

static void expect_c_string(const char *in, size_t n, const char *want) {
  gstr s;
  gstr_init(&s);
  gstr_put_c_string(&s, in, n);
  assert_string_equal(gstr_cstr(&s), want);
  gstr_free(&s);
}

static void test_c_string_escapes_what_c_needs(void **state) {
  (void)state;
  expect_c_string("plain", 5, "\"plain\"");
  expect_c_string("", 0, "\"\"");
  expect_c_string("q\"b\\", 4, "\"q\\\"b\\\\\"");
  expect_c_string("a\nb\r\tc", 6, "\"a\\nb\\r\\tc\"");
}

/* A NUL and high bytes as 3-digit octal, so a following digit stays a
 * digit; "??" broken so no trigraph forms. */
static void test_c_string_octal_and_trigraphs(void **state) {
  (void)state;
  expect_c_string("\0"
                  "1",
                  2, "\"\\0001\"");
  expect_c_string("Zo\xc3\xab", 4, "\"Zo\\303\\253\"");
  expect_c_string("\x7f", 1, "\"\\177\"");
  expect_c_string("?\?=", 3, "\"?\\?=\"");
  expect_c_string("a?b", 3, "\"a?b\"");
}

/* ---- printer ---- */

static void test_lines_are_indented_by_open_blocks(void **state) {
  (void)state;
  printer p;
  printer_init(&p);
  pr_open(&p, "static int f(int %s)", "x");
  pr_open(&p, "if (x > %d)", 0);
  pr_line(&p, "return %d;", 1);
  pr_reopen(&p, "else");
  pr_line(&p, "x = -x;");
  pr_close(&p, "");
  pr_blank(&p);
  pr_line(&p, "return x;");
  pr_close(&p, "");
  assert_false(printer_failed(&p));
  assert_string_equal(printer_text(&p), "static int f(int x) {\n"
                                        "  if (x > 0) {\n"
                                        "    return 1;\n"
                                        "  } else {\n"
                                        "    x = -x;\n"
                                        "  }\n"
                                        "\n"
                                        "  return x;\n"
                                        "}\n");
  printer_free(&p);
}

static void test_close_takes_a_tail(void **state) {
  (void)state;
  printer p;
  printer_init(&p);
  pr_open(&p, "static const int t[] =");
  pr_line(&p, "1, 2,");
  pr_close(&p, ";");
  assert_false(printer_failed(&p));
  assert_string_equal(printer_text(&p),
                      "static const int t[] = {\n  1, 2,\n};\n");
  printer_free(&p);
}

static void test_bare_block_and_whole_line_pieces(void **state) {
  (void)state;
  printer p;
  gstr text, line;
  printer_init(&p);
  gstr_init(&text);
  gstr_init(&line);
  gstr_put(&text, "a\"\n", 3);
  gstr_puts(&line, "x = 1;");
  pr_open(&p, "%s", "");
  pr_line_of(&p, &line);
  pr_begin(&p);
  pr_add(&p, ".s = ");
  pr_add_quoted(&p, &text);
  pr_end(&p);
  pr_close(&p, ",");
  assert_false(printer_failed(&p));
  assert_string_equal(printer_text(&p),
                      "{\n  x = 1;\n  .s = \"a\\\"\\n\"\n},\n");
  text.failed = true; /* as after an allocation failure */
  pr_add_quoted(&p, &text);
  assert_true(printer_out_of_memory(&p));
  gstr_free(&text);
  gstr_free(&line);
  printer_free(&p);
}

static void test_line_built_in_pieces(void **state) {
  (void)state;
  printer p;
  gstr arg;
  printer_init(&p);
  gstr_init(&arg);
  gstr_puts(&arg, "&v->base.name");
  pr_open(&p, "void g(void)");
  pr_begin(&p);
  pr_add(&p, "call(%s", "a");
  pr_add(&p, ", ");
  pr_add_str(&p, &arg);
  pr_add(&p, ", ");
  pr_add_c_string(&p, "\"", 1);
  pr_add(&p, ");");
  pr_end(&p);
  pr_close(&p, "");
  assert_false(printer_failed(&p));
  assert_string_equal(
      printer_text(&p),
      "void g(void) {\n  call(a, &v->base.name, \"\\\"\");\n}\n");
  gstr_free(&arg);
  printer_free(&p);
}

/* Deep nesting and long lines: nothing bounds what a schema can say. */
static void test_deep_nesting_and_long_lines(void **state) {
  (void)state;
  enum { DEPTH = 100, NAME = 600 };
  char name[NAME + 1];
  memset(name, 'n', NAME);
  name[NAME] = '\0';
  printer p;
  printer_init(&p);
  p.width = 0; /* the lines as printed (test_gen_printer_wrap.c breaks them) */
  for (int i = 0; i < DEPTH; i++)
    pr_open(&p, "if (%s)", name);
  pr_line(&p, "%s = 1;", name);
  for (int i = 0; i < DEPTH; i++)
    pr_close(&p, "");
  assert_false(printer_failed(&p));
  const char *text = printer_text(&p);
  const char *inner = strstr(text, "= 1;");
  assert_non_null(inner);
  /* the innermost line: DEPTH levels of indent, then the name */
  const char *line = inner - NAME - 1;
  assert_int_equal(line[-1], ' ');
  assert_int_equal(line[-2 * DEPTH - 1], '\n');
  assert_int_equal(line[-2 * DEPTH], ' ');
  printer_free(&p);
}

static void test_close_without_open_is_noticed(void **state) {
  (void)state;
  printer p;
  printer_init(&p);
  pr_close(&p, "");
  assert_true(printer_failed(&p));
  assert_false(printer_out_of_memory(&p));
  printer_free(&p);
}

static void test_block_left_open_is_noticed(void **state) {
  (void)state;
  printer p;
  printer_init(&p);
  pr_open(&p, "void f(void)");
  assert_true(printer_failed(&p));
  pr_close(&p, "");
  assert_false(printer_failed(&p));
  printer_free(&p);
}

static void test_line_left_open_is_noticed(void **state) {
  (void)state;
  printer p;
  printer_init(&p);
  pr_begin(&p);
  pr_add(&p, "x");
  assert_true(printer_failed(&p));
  pr_end(&p);
  assert_false(printer_failed(&p));
  pr_end(&p); /* a second end: no line was begun */
  assert_true(printer_failed(&p));
  printer_free(&p);
}

static void test_failed_piece_fails_the_printer(void **state) {
  (void)state;
  printer p;
  gstr piece;
  printer_init(&p);
  gstr_init(&piece);
  piece.failed = true; /* as after an allocation failure */
  pr_begin(&p);
  pr_add_str(&p, &piece);
  pr_end(&p);
  assert_true(printer_out_of_memory(&p));
  assert_true(printer_failed(&p));
  printer_free(&p);
}

/* Blocks whose head or tail was built in a gstr: the text goes in whole,
 * and a failed piece fails the printer as pr_add_str's does. */
static void test_blocks_of_built_pieces(void **state) {
  (void)state;
  printer p;
  gstr head, tail;
  printer_init(&p);
  gstr_init(&head);
  gstr_init(&tail);
  gstr_puts(&head, "typedef struct x");
  gstr_puts(&tail, " x;");
  pr_open_of(&p, &head);
  pr_begin(&p);
  pr_add_n(&p, "int a;ignored", 6);
  pr_end(&p);
  pr_close_of(&p, &tail);
  assert_false(printer_failed(&p));
  assert_string_equal(printer_text(&p), "typedef struct x {\n  int a;\n} x;\n");
  tail.failed = true; /* as after an allocation failure */
  pr_open_of(&p, &head);
  pr_close_of(&p, &tail);
  assert_true(printer_out_of_memory(&p));
  gstr_free(&head);
  gstr_free(&tail);
  printer_free(&p);
}

static void test_write_puts_the_text_in_a_file(void **state) {
  (void)state;
  printer p;
  char got[64];
  FILE *f = tmpfile();
  assert_non_null(f);
  printer_init(&p);
  pr_line(&p, "int x = %d;", 3);
  assert_true(printer_write(&p, f));
  rewind(f);
  size_t n = fread(got, 1, sizeof got - 1, f);
  got[n] = '\0';
  assert_string_equal(got, "int x = 3;\n");
  fclose(f);
  printer_free(&p);
}

/* A spooling printer hands its lines to the sink as it goes: printing
 * eight times PRINTER_SPOOL_AT holds no more than about one spill's worth,
 * and the sink ends with every byte, in order. */
static void test_spool_holds_a_bounded_amount(void **state) {
  (void)state;
  printer p;
  FILE *f = tmpfile();
  assert_non_null(f);
  printer_init(&p);
  printer_spool(&p, f);
  size_t lines = 0, total = 0;
  while (total < 8 * (size_t)PRINTER_SPOOL_AT) {
    pr_line(&p, "int x%zu = %zu;", lines, lines);
    total += (size_t)snprintf(NULL, 0, "int x%zu = %zu;\n", lines, lines);
    lines++;
    assert_true(p.out.cap <= 2 * (size_t)PRINTER_SPOOL_AT + 512);
  }
  assert_true(printer_finish(&p));
  assert_false(printer_failed(&p));
  assert_int_equal(p.out.len, 0);
  rewind(f);
  char want[64], got[64];
  for (size_t i = 0; i < lines; i++) {
    int n = snprintf(want, sizeof want, "int x%zu = %zu;\n", i, i);
    assert_int_equal(fread(got, 1, (size_t)n, f), (size_t)n);
    assert_memory_equal(got, want, (size_t)n);
  }
  assert_int_equal(fgetc(f), EOF);
  fclose(f);
  printer_free(&p);
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_empty_gstr_reads_as_empty_text),
      cmocka_unit_test(test_gstr_grows_past_any_fixed_size),
      cmocka_unit_test(test_gstr_printf_writes_long_results_whole),
      cmocka_unit_test(test_gstr_reset_keeps_memory_and_empties),
      cmocka_unit_test(test_c_string_escapes_what_c_needs),
      cmocka_unit_test(test_c_string_octal_and_trigraphs),
      cmocka_unit_test(test_lines_are_indented_by_open_blocks),
      cmocka_unit_test(test_close_takes_a_tail),
      cmocka_unit_test(test_line_built_in_pieces),
      cmocka_unit_test(test_bare_block_and_whole_line_pieces),
      cmocka_unit_test(test_deep_nesting_and_long_lines),
      cmocka_unit_test(test_close_without_open_is_noticed),
      cmocka_unit_test(test_block_left_open_is_noticed),
      cmocka_unit_test(test_line_left_open_is_noticed),
      cmocka_unit_test(test_failed_piece_fails_the_printer),
      cmocka_unit_test(test_blocks_of_built_pieces),
      cmocka_unit_test(test_write_puts_the_text_in_a_file),
      cmocka_unit_test(test_spool_holds_a_bounded_amount),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
