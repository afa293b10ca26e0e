/* Tests for gen/combinator.c: each combinator, the furthest-failure error and
 * its expected set, labels, recovery and bounded nesting. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "combinator.h"

typedef struct fixture {
  cb_grammar *g;
  cb_val val;
  cb_error err;
  int reports;
  cb_error last_report;
} fixture;

static int setup(void **state) {
  static fixture f;
  memset(&f, 0, sizeof f);
  f.g = cb_grammar_new();
  *state = &f;
  return f.g ? 0 : -1;
}

static int teardown(void **state) {
  fixture *f = *state;
  cb_grammar_free(f->g);
  return 0;
}

static void count_report(cb_ctx *c, const cb_error *e) {
  fixture *f = cb_user(c);
  f->reports++;
  f->last_report = *e;
}

static cb_status parse(fixture *f, cb_parser *p, const char *text) {
  cb_input in = {text, strlen(text), f, count_report, 0, NULL};
  return cb_run(f->g, p, &in, &f->val, &f->err);
}

static void assert_expected(const cb_error *e, const char *text) {
  char buf[256];
  cb_expected_text(e, buf, sizeof buf);
  assert_string_equal(buf, text);
}

/* A fold that records how many parts it saw, as the value. */
static bool count_parts(cb_ctx *c, cb_val *out, const cb_val *xs, size_t n) {
  (void)c, (void)xs;
  out->p = (void *)(uintptr_t)(n + 100);
  return true;
}

/* A fold on the skip parser that counts its runs in the fixture. */
static bool count_skips(cb_ctx *c, cb_val *out, const cb_val *xs, size_t n) {
  (void)out, (void)xs, (void)n;
  fixture *f = cb_user(c);
  f->reports++;
  return true;
}

static void test_char_matches_one_byte(void **state) {
  fixture *f = *state;
  assert_int_equal(parse(f, cb_char(f->g, 'a'), "a"), CB_OK);
  assert_int_equal(f->val.start, 0);
  assert_int_equal(f->val.end, 1);
}

static void test_char_failure_expects_it_quoted(void **state) {
  fixture *f = *state;
  assert_int_equal(parse(f, cb_char(f->g, 'a'), "b"), CB_FAIL);
  assert_int_equal(f->err.pos, 0);
  assert_expected(&f->err, "'a'");
}

static void test_string_needs_every_byte(void **state) {
  fixture *f = *state;
  cb_parser *p = cb_string(f->g, "max_len");
  assert_int_equal(parse(f, p, "max_len"), CB_OK);
  assert_int_equal(f->val.end, 7);
  assert_int_equal(parse(f, p, "max_le"), CB_FAIL);
  assert_expected(&f->err, "'max_len'");
}

static void test_class_accepts_ranges_and_bytes(void **state) {
  fixture *f = *state;
  cb_parser *p = cb_class(f->g, "a-c_", "letter");
  assert_int_equal(parse(f, p, "b"), CB_OK);
  assert_int_equal(parse(f, p, "_"), CB_OK);
  assert_int_equal(parse(f, p, "d"), CB_FAIL);
  assert_expected(&f->err, "letter");
}

static void test_not_class_rejects_listed_and_passes_utf8(void **state) {
  fixture *f = *state;
  cb_parser *p = cb_not_class(f->g, "\"\n", "character");
  assert_int_equal(parse(f, p, "x"), CB_OK);
  assert_int_equal(parse(f, p, "\xc3"), CB_OK);
  assert_int_equal(parse(f, p, "\""), CB_FAIL);
}

static void test_eof_only_at_end(void **state) {
  fixture *f = *state;
  assert_int_equal(parse(f, cb_eof(f->g), ""), CB_OK);
  assert_int_equal(parse(f, cb_eof(f->g), "x"), CB_FAIL);
  assert_expected(&f->err, "end of file");
}

static void test_seq_folds_its_parts(void **state) {
  fixture *f = *state;
  cb_parser *p = cb_seq(f->g, count_parts, cb_char(f->g, 'a'), cb_char(f->g, 'b'), NULL);
  assert_int_equal(parse(f, p, "ab"), CB_OK);
  assert_int_equal((uintptr_t)f->val.p, 102);
  assert_int_equal(f->val.end, 2);
}

static void test_seq_fails_where_a_part_fails(void **state) {
  fixture *f = *state;
  cb_parser *p = cb_seq(f->g, NULL, cb_char(f->g, 'a'), cb_char(f->g, 'b'), NULL);
  assert_int_equal(parse(f, p, "ax"), CB_FAIL);
  assert_int_equal(f->err.pos, 1);
  assert_expected(&f->err, "'b'");
}

static void test_choice_takes_first_success_after_backtracking(void **state) {
  fixture *f = *state;
  cb_grammar *g = f->g;
  cb_parser *p = cb_choice(g, cb_seq(g, count_parts, cb_char(g, 'a'), cb_char(g, 'b'), NULL),
                           cb_seq(g, count_parts, cb_char(g, 'a'), cb_char(g, 'c'),
                                  cb_char(g, 'd'), NULL),
                           NULL);
  assert_int_equal(parse(f, p, "acd"), CB_OK);
  assert_int_equal((uintptr_t)f->val.p, 103);
}

static void test_many_accepts_zero_and_many1_needs_one(void **state) {
  fixture *f = *state;
  cb_parser *many = cb_many(f->g, count_parts, cb_char(f->g, 'a'));
  cb_parser *many1 = cb_many1(f->g, count_parts, cb_char(f->g, 'a'));
  assert_int_equal(parse(f, many, ""), CB_OK);
  assert_int_equal((uintptr_t)f->val.p, 100);
  assert_int_equal(parse(f, many, "aaa"), CB_OK);
  assert_int_equal((uintptr_t)f->val.p, 103);
  assert_int_equal(parse(f, many1, ""), CB_FAIL);
  assert_int_equal(parse(f, many1, "aa"), CB_OK);
}

static void test_optional_yields_empty_value(void **state) {
  fixture *f = *state;
  cb_parser *p = cb_optional(f->g, cb_char(f->g, 'a'));
  assert_int_equal(parse(f, p, "b"), CB_OK);
  assert_null(f->val.p);
  assert_int_equal(f->val.end, 0);
}

static void test_not_is_lookahead_without_consuming(void **state) {
  fixture *f = *state;
  cb_grammar *g = f->g;
  cb_parser *p = cb_seq(g, NULL, cb_not(g, cb_char(g, 'x')), cb_any(g), NULL);
  assert_int_equal(parse(f, p, "a"), CB_OK);
  assert_int_equal(f->val.end, 1);
  assert_int_equal(parse(f, p, "x"), CB_FAIL);
}

static cb_parser *blanks(cb_grammar *g) {
  cb_parser *comment = cb_seq(g, NULL, cb_char(g, '#'),
                              cb_many(g, NULL, cb_not_class(g, "\n", "character")), NULL);
  return cb_many(g, NULL, cb_choice(g, cb_class(g, " \n", "blank"), comment, NULL));
}

static void test_lexeme_skips_blanks_and_comments_first(void **state) {
  fixture *f = *state;
  cb_set_skip(f->g, blanks(f->g));
  cb_parser *p = cb_lexeme(f->g, cb_char(f->g, 'a'));
  assert_int_equal(parse(f, p, "  # note\n a"), CB_OK);
  assert_int_equal(f->val.start, 10); /* the token, not the blanks */
}

static void test_failure_keeps_the_furthest_position(void **state) {
  fixture *f = *state;
  cb_grammar *g = f->g;
  cb_parser *p = cb_choice(g, cb_seq(g, NULL, cb_char(g, 'a'), cb_char(g, 'b'), cb_char(g, 'c'),
                                     NULL),
                           cb_char(g, 'd'), NULL);
  assert_int_equal(parse(f, p, "abx"), CB_FAIL);
  assert_int_equal(f->err.pos, 2);
  assert_expected(&f->err, "'c'");
}

static void test_failures_at_one_position_merge_their_expected_sets(void **state) {
  fixture *f = *state;
  cb_grammar *g = f->g;
  cb_parser *p = cb_choice(g, cb_seq(g, NULL, cb_char(g, 'a'), cb_char(g, ';'), NULL),
                           cb_seq(g, NULL, cb_char(g, 'a'), cb_char(g, '='), NULL),
                           cb_seq(g, NULL, cb_char(g, 'a'), cb_char(g, ';'), NULL), NULL);
  assert_int_equal(parse(f, p, "a("), CB_FAIL);
  assert_int_equal(f->err.pos, 1);
  assert_int_equal(f->err.expected_count, 2); /* ';' only once */
  assert_expected(&f->err, "';' or '='");
}

static void test_expected_text_lists_with_commas_and_or(void **state) {
  (void)state;
  cb_error e;
  memset(&e, 0, sizeof e);
  e.expected[0] = "'a'";
  e.expected[1] = "'b'";
  e.expected[2] = "'c'";
  e.expected_count = 3;
  assert_expected(&e, "'a', 'b' or 'c'");
  e.expected_count = 1;
  assert_expected(&e, "'a'");
}

static void test_expect_names_a_failure_at_its_start(void **state) {
  fixture *f = *state;
  cb_grammar *g = f->g;
  cb_parser *digits = cb_many1(g, NULL, cb_class(g, "0-9", "digit"));
  cb_parser *p = cb_expect(g, cb_choice(g, digits, cb_char(g, '-'), NULL), "number");
  assert_int_equal(parse(f, p, "x"), CB_FAIL);
  assert_expected(&f->err, "number");
}

static void test_expect_keeps_a_deeper_failure(void **state) {
  fixture *f = *state;
  cb_grammar *g = f->g;
  cb_parser *p = cb_expect(g, cb_seq(g, NULL, cb_char(g, '<'), cb_char(g, '>'), NULL), "pair");
  assert_int_equal(parse(f, p, "<x"), CB_FAIL);
  assert_int_equal(f->err.pos, 1);
  assert_expected(&f->err, "'>'");
}

static void test_quiet_leaves_an_alternative_unnamed(void **state) {
  fixture *f = *state;
  cb_grammar *g = f->g;
  cb_parser *p = cb_seq(g, NULL, cb_optional(g, cb_quiet(g, cb_char(g, '<'))), cb_char(g, ';'),
                        NULL);
  assert_int_equal(parse(f, p, "x"), CB_FAIL);
  assert_expected(&f->err, "';'");
}

static void test_error_names_what_came_before(void **state) {
  fixture *f = *state;
  cb_grammar *g = f->g;
  cb_set_skip(g, blanks(g));
  cb_parser *name = cb_expect(g, cb_lexeme(g, cb_many1(g, NULL, cb_class(g, "a-z", "letter"))),
                              "class name");
  cb_parser *p = cb_seq(g, NULL, name, cb_lexeme(g, cb_char(g, '{')), NULL);
  assert_int_equal(parse(f, p, "point ("), CB_FAIL);
  assert_int_equal(f->err.pos, 6);
  assert_string_equal(f->err.after, "class name");
}

static size_t sync_past_semicolon(cb_ctx *c, size_t start, size_t err_pos) {
  (void)start;
  const char *t = cb_text(c);
  while (err_pos < cb_len(c) && t[err_pos] != ';') err_pos++;
  return err_pos < cb_len(c) ? err_pos + 1 : err_pos;
}

static void test_recover_reports_and_resumes(void **state) {
  fixture *f = *state;
  cb_grammar *g = f->g;
  cb_parser *item = cb_seq(g, NULL, cb_char(g, 'a'), cb_char(g, ';'), NULL);
  cb_parser *p = cb_seq(g, NULL,
                        cb_many(g, count_parts, cb_recover(g, item, cb_eof(g), sync_past_semicolon)),
                        cb_eof(g), NULL);
  assert_int_equal(parse(f, p, "a;ax;b;a;"), CB_OK);
  assert_int_equal(f->reports, 2);
  assert_int_equal(f->last_report.pos, 5); /* the 'b' */
}

static void test_recover_stops_at_its_stop_parser(void **state) {
  fixture *f = *state;
  cb_grammar *g = f->g;
  cb_parser *item = cb_seq(g, NULL, cb_char(g, 'a'), cb_char(g, ';'), NULL);
  cb_parser *p = cb_many(g, count_parts, cb_recover(g, item, cb_char(g, '}'), sync_past_semicolon));
  assert_int_equal(parse(f, p, "a;}"), CB_OK);
  assert_int_equal(f->val.end, 2);
  assert_int_equal(f->reports, 0);
}

/* Counts the parts with a value (an item, or a stand-in). */
static bool count_values(cb_ctx *c, cb_val *out, const cb_val *xs, size_t n) {
  (void)c;
  size_t values = 0;
  for (size_t i = 0; i < n; i++) values += xs[i].p != NULL;
  out->p = (void *)(uintptr_t)values;
  return true;
}

static bool first_value(cb_ctx *c, cb_val *out, const cb_val *xs, size_t n) {
  (void)c, (void)n;
  out->p = xs[0].p;
  return true;
}

static bool some_value(cb_ctx *c, cb_val *out, const cb_val *xs, size_t n) {
  (void)c, (void)xs, (void)n;
  out->p = (void *)(uintptr_t)1;
  return true;
}

/* item = "a" ";" with ';' a closer; items resync past the next ';'. The
 * value: how many items (and stand-ins) there are. */
static cb_parser *closed_items(cb_grammar *g, cb_fallback fallback) {
  cb_set_skip(g, blanks(g));
  cb_parser *a = cb_expect(g, cb_lexeme(g, cb_char(g, 'a')), "item");
  cb_parser *item = cb_seq(g, some_value, cb_after(g, a, "the item"), cb_closer(g, ";"), NULL);
  cb_parser *end = cb_lexeme(g, cb_eof(g));
  return cb_seq(g, first_value,
                cb_many(g, count_values,
                        cb_recover_with(g, item, end, NULL, sync_past_semicolon, fallback)),
                end, NULL);
}

static void test_recover_takes_a_missing_closer_as_written(void **state) {
  fixture *f = *state;
  cb_parser *p = closed_items(f->g, NULL);
  assert_int_equal(parse(f, p, "a;\na\na;"), CB_OK);
  assert_int_equal((size_t)(uintptr_t)f->val.p, 3); /* the repaired item is kept */
  assert_int_equal(f->reports, 1);
  assert_int_equal(f->last_report.missing_count, 1);
  assert_string_equal(f->last_report.missing[0], "';'");
  assert_int_equal(f->last_report.prev_end, 4); /* right after the second 'a' */
  assert_int_equal(f->last_report.pos, 5);      /* not at the next line's 'a' */
  assert_string_equal(f->last_report.missing_after, "the item");
}

static void test_recover_repairs_only_when_what_follows_goes_on(void **state) {
  fixture *f = *state;
  cb_parser *p = closed_items(f->g, NULL);
  /* on one line, "x" after the 'a' is no item: not a missing ';' */
  assert_int_equal(parse(f, p, "a x;a;"), CB_OK);
  assert_int_equal((size_t)(uintptr_t)f->val.p, 1);
  assert_int_equal(f->reports, 1);
  assert_int_equal(f->last_report.missing_count, 0);
  assert_int_equal(f->last_report.pos, 2);
}

static bool mark_failed(cb_ctx *c, cb_val *out, size_t start, size_t resume) {
  (void)c, (void)start, (void)resume;
  out->p = (void *)(uintptr_t)1;
  return true;
}

static void test_recover_with_builds_a_stand_in(void **state) {
  fixture *f = *state;
  cb_parser *p = closed_items(f->g, mark_failed);
  assert_int_equal(parse(f, p, "a; b; a;"), CB_OK);
  assert_int_equal((size_t)(uintptr_t)f->val.p, 3); /* a, the stand-in, a */
  assert_int_equal(f->reports, 1);
}

static void test_limit_bounds_recursion(void **state) {
  fixture *f = *state;
  cb_grammar *g = f->g;
  cb_parser *rule = cb_rule(g);
  cb_parser *nested = cb_choice(g, cb_seq(g, NULL, cb_char(g, '('), rule, cb_char(g, ')'), NULL),
                                cb_char(g, 'x'), NULL);
  cb_define(rule, cb_limit(g, nested, 3));
  assert_int_equal(parse(f, rule, "((x))"), CB_OK);
  assert_int_equal(parse(f, rule, "((((x))))"), CB_TOO_DEEP);
  assert_int_equal(f->err.pos, 3);
  assert_int_equal(parse(f, rule, "((x))"), CB_OK); /* the count went back to zero */
}

static void test_deep_input_cannot_overflow_the_stack(void **state) {
  fixture *f = *state;
  cb_grammar *g = f->g;
  cb_parser *rule = cb_rule(g);
  cb_define(rule, cb_choice(g, cb_seq(g, NULL, cb_char(g, '('), rule, NULL), cb_char(g, 'x'),
                            NULL));
  static char text[200001];
  memset(text, '(', sizeof text - 1);
  assert_int_equal(parse(f, rule, text), CB_TOO_DEEP);
}

static void test_arena_memory_is_zeroed_and_copies_strings(void **state) {
  (void)state;
  cb_arena *a = cb_arena_new();
  assert_non_null(a);
  unsigned char *big = cb_arena_alloc(a, 100000); /* larger than a chunk */
  assert_non_null(big);
  for (size_t i = 0; i < 100000; i++) assert_int_equal(big[i], 0);
  char *s = cb_arena_strndup(a, "abcdef", 3);
  assert_string_equal(s, "abc");
  cb_arena_free(a);
}

/* Every alternative of a choice starts with a token at the same place: the
 * blanks before it are skipped once, not once for each alternative (the
 * cost of a schema was the length of its blanks times the alternatives
 * tried there). */
static void test_skip_runs_once_for_all_alternatives(void **state) {
  fixture *f = *state;
  cb_grammar *g = f->g;
  cb_set_skip(g, cb_many(g, count_skips, cb_class(g, " ", "blank")));
  cb_parser *p = cb_choice(g, cb_lexeme(g, cb_char(g, 'a')), cb_lexeme(g, cb_char(g, 'b')),
                           cb_lexeme(g, cb_char(g, 'c')), cb_lexeme(g, cb_char(g, 'd')), NULL);
  f->reports = 0;
  assert_int_equal(parse(f, p, "    d"), CB_OK);
  assert_int_equal(f->val.start, 4);
  assert_int_equal(f->reports, 1);
  /* and a failure still expects every alternative, at the token */
  f->reports = 0;
  assert_int_equal(parse(f, p, "    e"), CB_FAIL);
  assert_int_equal(f->err.pos, 4);
  assert_expected(&f->err, "'a', 'b', 'c' or 'd'");
  assert_int_equal(f->reports, 1);
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test_setup_teardown(test_char_matches_one_byte, setup, teardown),
      cmocka_unit_test_setup_teardown(test_char_failure_expects_it_quoted, setup, teardown),
      cmocka_unit_test_setup_teardown(test_string_needs_every_byte, setup, teardown),
      cmocka_unit_test_setup_teardown(test_class_accepts_ranges_and_bytes, setup, teardown),
      cmocka_unit_test_setup_teardown(test_not_class_rejects_listed_and_passes_utf8, setup,
                                      teardown),
      cmocka_unit_test_setup_teardown(test_eof_only_at_end, setup, teardown),
      cmocka_unit_test_setup_teardown(test_seq_folds_its_parts, setup, teardown),
      cmocka_unit_test_setup_teardown(test_seq_fails_where_a_part_fails, setup, teardown),
      cmocka_unit_test_setup_teardown(test_choice_takes_first_success_after_backtracking, setup,
                                      teardown),
      cmocka_unit_test_setup_teardown(test_many_accepts_zero_and_many1_needs_one, setup, teardown),
      cmocka_unit_test_setup_teardown(test_optional_yields_empty_value, setup, teardown),
      cmocka_unit_test_setup_teardown(test_not_is_lookahead_without_consuming, setup, teardown),
      cmocka_unit_test_setup_teardown(test_lexeme_skips_blanks_and_comments_first, setup,
                                      teardown),
      cmocka_unit_test_setup_teardown(test_failure_keeps_the_furthest_position, setup, teardown),
      cmocka_unit_test_setup_teardown(test_failures_at_one_position_merge_their_expected_sets,
                                      setup, teardown),
      cmocka_unit_test(test_expected_text_lists_with_commas_and_or),
      cmocka_unit_test_setup_teardown(test_expect_names_a_failure_at_its_start, setup, teardown),
      cmocka_unit_test_setup_teardown(test_expect_keeps_a_deeper_failure, setup, teardown),
      cmocka_unit_test_setup_teardown(test_quiet_leaves_an_alternative_unnamed, setup, teardown),
      cmocka_unit_test_setup_teardown(test_error_names_what_came_before, setup, teardown),
      cmocka_unit_test_setup_teardown(test_recover_reports_and_resumes, setup, teardown),
      cmocka_unit_test_setup_teardown(test_recover_stops_at_its_stop_parser, setup, teardown),
      cmocka_unit_test_setup_teardown(test_recover_takes_a_missing_closer_as_written, setup,
                                      teardown),
      cmocka_unit_test_setup_teardown(test_recover_repairs_only_when_what_follows_goes_on, setup,
                                      teardown),
      cmocka_unit_test_setup_teardown(test_recover_with_builds_a_stand_in, setup, teardown),
      cmocka_unit_test_setup_teardown(test_limit_bounds_recursion, setup, teardown),
      cmocka_unit_test_setup_teardown(test_deep_input_cannot_overflow_the_stack, setup, teardown),
      cmocka_unit_test(test_arena_memory_is_zeroed_and_copies_strings),
      cmocka_unit_test_setup_teardown(test_skip_runs_once_for_all_alternatives, setup, teardown),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
