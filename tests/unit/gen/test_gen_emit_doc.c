/* Tests for gen/emit_doc.c: a schema's doc becomes a C comment that nothing
 * in the doc can end early, nest or splice ("*" "/", "/" "*", a "??/"
 * trigraph at a line's end), wrapped to DOC_WIDTH columns (counted in
 * characters) with the schema's own lines kept; a run of documented lines
 * puts short docs beside, lined up, and long ones above. (The docs of both
 * test schemas compiled in a header, C and C++: check_warnings.sh.) */
#define _POSIX_C_SOURCE 200809L /* strdup */

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "emit_doc.h"

/* What emit_doc writes for doc at `depth` blocks in; the caller frees it. */
static char *doc_comment(const char *doc, unsigned depth) {
  printer p;
  printer_init(&p);
  p.depth = depth;
  emit_doc(&p, doc);
  p.depth = 0;
  assert_false(printer_failed(&p));
  char *text = strdup(printer_text(&p));
  assert_non_null(text);
  printer_free(&p);
  return text;
}

static size_t count(const char *text, const char *needle) {
  size_t n = 0;
  for (const char *at = strstr(text, needle); at != NULL; at = strstr(at + 1, needle))
    n++;
  return n;
}

/* Every line of text within DOC_WIDTH characters. */
static void expect_within_width(const char *text) {
  size_t col = 0;
  for (const char *at = text; *at != '\0'; at++) {
    col = *at == '\n' ? 0 : col + (((unsigned char)*at & 0xC0) != 0x80);
    if (col > DOC_WIDTH)
      fail_msg("a line past %d columns in:\n%s", DOC_WIDTH, text);
  }
}

static void test_a_doc_cannot_end_or_nest_its_comment(void **state) {
  (void)state;
  char *c = doc_comment("Ends */ here, opens /* there,\nand */* /*/ both.", 1);
  assert_string_equal(c, "  /* Ends * / here, opens / * there,\n"
                         "   * and * / * / * / both. */\n");
  assert_int_equal(count(c, "/*"), 1);
  assert_int_equal(count(c, "*/"), 1);
  free(c);
}

/* The trigraph "?" "?/" is a backslash to a C compiler that reads them: at
 * the end of a line it would splice the next one on (gcc warns, -Wtrigraphs). */
static void test_a_trigraph_backslash_never_ends_a_line(void **state) {
  (void)state;
  char *c = doc_comment("What?\?/\nnext line?\?/", 0);
  assert_string_equal(c, "/* What?\? /\n"
                         " * next line?\?/ */\n");
  free(c);
}

/* A backslash ending a line of a block comment splices the next line of
 * the same comment onto it: nothing changes, and the text stays as written. */
static void test_a_trailing_backslash_is_kept(void **state) {
  (void)state;
  char *c = doc_comment("C:\\dir\\\nthen more\\", 0);
  assert_string_equal(c, "/* C:\\dir\\\n"
                         " * then more\\ */\n");
  free(c);
}

static void test_blank_lines_and_trailing_blanks_leave_no_trailing_space(void **state) {
  (void)state;
  char *c = doc_comment("First.  \n\nThird.\t", 0);
  assert_string_equal(c, "/* First.\n"
                         " *\n"
                         " * Third. */\n");
  free(c);
}

/* The schema's lines are kept; one too long is broken at spaces, within the
 * width at the indent, " *" "/" counted on the last line. */
static void test_long_lines_wrap_within_the_width(void **state) {
  (void)state;
  char doc[600] = "Short first line.\n";
  for (int i = 0; i < 40; i++)
    strcat(doc, i % 2 ? "word " : "another ");
  strcat(doc, "end.");
  for (unsigned depth = 0; depth < 4; depth++) {
    char *c = doc_comment(doc, depth);
    expect_within_width(c);
    assert_non_null(strstr(c, "/* Short first line.\n"));
    assert_int_equal(count(c, "word"), 20);
    assert_int_equal(count(c, "another"), 20);
    assert_non_null(strstr(c, " end. */\n"));
    free(c);
  }
}

static void test_a_word_wider_than_the_width_stays_whole(void **state) {
  (void)state;
  char doc[200] = "See ";
  memset(doc + 4, 'x', 120);
  strcpy(doc + 124, " for more.");
  char *c = doc_comment(doc, 1);
  assert_non_null(strstr(c, "  /* See\n   * xxxx"));
  assert_non_null(strstr(c, "xxxx\n   * for more. */\n"));
  free(c);
}

/* Width counts characters, not bytes: 70 "é" fit at indent 2. */
static void test_width_counts_characters(void **state) {
  (void)state;
  char doc[200] = "";
  for (int i = 0; i < 70; i++)
    strcat(doc, "\303\251");
  char *c = doc_comment(doc, 1);
  assert_int_equal(count(c, "\n"), 1);
  free(c);
}

/* ---- runs of documented lines ---- */

typedef struct {
  const char *const *lines, *const *docs, *const *notes;
} fake_run;

static void put_fake_line(gstr *line, const void *ctx, size_t i) {
  gstr_puts(line, ((const fake_run *)ctx)->lines[i]);
}

static const char *fake_doc(const void *ctx, size_t i) {
  return ((const fake_run *)ctx)->docs[i];
}

static void put_fake_note(gstr *note, const void *ctx, size_t i) {
  gstr_puts(note, ((const fake_run *)ctx)->notes[i]);
}

static char *run_text(const fake_run *f, size_t n, bool notes) {
  doc_run run = {f, n, put_fake_line, fake_doc, notes ? put_fake_note : NULL};
  printer p;
  printer_init(&p);
  pr_open(&p, "struct s");
  emit_doc_run(&p, &run);
  pr_close(&p, ";");
  assert_false(printer_failed(&p));
  char *text = strdup(printer_text(&p));
  assert_non_null(text);
  printer_free(&p);
  return text;
}

static void test_short_docs_go_beside_lined_up(void **state) {
  (void)state;
  static const char *const lines[] = {"int64_t code;", "ab_opt_str reason;", "bool x;"};
  static const char *const docs[] = {"HTTP error code.", "HTTP error */ reason.", ""};
  fake_run f = {lines, docs, NULL};
  char *c = run_text(&f, 3, false);
  assert_string_equal(c, "struct s {\n"
                         "  int64_t code;      /* HTTP error code. */\n"
                         "  ab_opt_str reason; /* HTTP error * / reason. */\n"
                         "  bool x;\n"
                         "};\n");
  free(c);
}

static void test_one_long_or_multiline_doc_puts_every_doc_above(void **state) {
  (void)state;
  static const char *const lines[] = {"int a;", "int b;"};
  static const char *const two_lines[] = {"Short.", "Two\nlines."};
  static const char *const long_one[] = {
      "Short.", "A doc that would run past the width if it stood beside its member."};
  fake_run f = {lines, two_lines, NULL};
  char *c = run_text(&f, 2, false);
  assert_string_equal(c, "struct s {\n"
                         "  /* Short. */\n"
                         "  int a;\n"
                         "  /* Two\n"
                         "   * lines. */\n"
                         "  int b;\n"
                         "};\n");
  free(c);
  f.docs = long_one;
  c = run_text(&f, 2, false);
  assert_non_null(strstr(c, "  /* Short. */\n  int a;\n  /* A doc that"));
  free(c);
}

/* A note (an enumerator's value) is always beside; a doc joins it there
 * when all fit, else goes above. */
static void test_notes_stay_beside_and_docs_join_them(void **state) {
  (void)state;
  static const char *const lines[] = {"X_BUY = 0,", "X_SELL = 1"};
  static const char *const notes[] = {"\"buy\"", "\"sell\""};
  static const char *const docs[] = {"Someone wants to buy.", ""};
  static const char *const long_docs[] = {
      "Someone wants to buy, and this doc is far too long to stand beside it.", ""};
  fake_run f = {lines, docs, notes};
  char *c = run_text(&f, 2, true);
  assert_string_equal(c, "struct s {\n"
                         "  X_BUY = 0, /* \"buy\": Someone wants to buy. */\n"
                         "  X_SELL = 1 /* \"sell\" */\n"
                         "};\n");
  free(c);
  f.docs = long_docs;
  c = run_text(&f, 2, true);
  assert_string_equal(c, "struct s {\n"
                         "  /* Someone wants to buy, and this doc is far too long to stand beside "
                         "it. */\n"
                         "  X_BUY = 0, /* \"buy\" */\n"
                         "  X_SELL = 1 /* \"sell\" */\n"
                         "};\n");
  free(c);
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_a_doc_cannot_end_or_nest_its_comment),
      cmocka_unit_test(test_a_trigraph_backslash_never_ends_a_line),
      cmocka_unit_test(test_a_trailing_backslash_is_kept),
      cmocka_unit_test(test_blank_lines_and_trailing_blanks_leave_no_trailing_space),
      cmocka_unit_test(test_long_lines_wrap_within_the_width),
      cmocka_unit_test(test_a_word_wider_than_the_width_stays_whole),
      cmocka_unit_test(test_width_counts_characters),
      cmocka_unit_test(test_short_docs_go_beside_lined_up),
      cmocka_unit_test(test_one_long_or_multiline_doc_puts_every_doc_above),
      cmocka_unit_test(test_notes_stay_beside_and_docs_join_them),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
