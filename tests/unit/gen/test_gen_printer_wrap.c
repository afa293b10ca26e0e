/* Tests for gen/printer_wrap.c: a long line of generated C is broken where
 * a person would break it (after a comma, lined up after its bracket; after
 * a far bracket; after a top-level "="; after an operator; between the
 * pieces of a string literal), every line fits when it can, and the C is
 * the same C: without the blanks outside literals, and with adjacent
 * string literals joined, the broken text is the line it came from. */
#define _POSIX_C_SOURCE 200809L /* strdup */

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "printer.h"
#include "printer_wrap.h"

/* line, broken at `indent` to `width` columns; the caller frees it. */
static char *broken(const char *line, size_t indent, size_t width) {
  gstr out;
  gstr_init(&out);
  wrap_c_line(&out, line, strlen(line), indent, width);
  assert_false(gstr_failed(&out));
  char *text = strdup(gstr_cstr(&out));
  assert_non_null(text);
  gstr_free(&out);
  return text;
}

static void expect_broken(const char *line, size_t indent, const char *want) {
  char *got = broken(line, indent, PRINTER_WIDTH);
  assert_string_equal(got, want);
  free(got);
}

/* The C of text with the blanks outside literals dropped and adjacent
 * string literals joined ("a" "b" is "ab"). */
static char *same_c(const char *text) {
  size_t n = strlen(text);
  char *c = malloc(n + 1), *to = c;
  assert_non_null(c);
  for (size_t i = 0; i < n;) {
    if (text[i] == ' ' || text[i] == '\n') {
      i++;
    } else if (text[i] == '"' || text[i] == '\'') {
      char quote = text[i];
      if (quote == '"' && to > c && to[-1] == '"')
        to--, i++; /* the next piece of the literal before: one literal */
      else
        *to++ = text[i++];
      while (i < n && text[i] != quote) {
        if (text[i] == '\\')
          *to++ = text[i++];
        *to++ = text[i++];
      }
      if (i < n)
        *to++ = text[i++];
    } else {
      *to++ = text[i++];
    }
  }
  *to = '\0';
  return c;
}

/* Every line of text (the first after `indent` columns) within width. */
static void expect_within(const char *text, size_t indent, size_t width) {
  size_t col = indent;
  for (const char *at = text; *at != '\0'; at++) {
    if (*at == '\n') {
      col = 0;
      continue;
    }
    col += ((unsigned char)*at & 0xC0) != 0x80;
    if (col > width)
      fail_msg("a line past %zu columns in:\n%s", width, text);
  }
}

static void expect_same_c_within(const char *line, size_t indent) {
  char *got = broken(line, indent, PRINTER_WIDTH);
  char *want_c = same_c(line), *got_c = same_c(got);
  assert_string_equal(got_c, want_c);
  expect_within(got, indent, PRINTER_WIDTH);
  free(want_c);
  free(got_c);
  free(got);
}

static void test_a_line_that_fits_is_left_as_it_is(void **state) {
  (void)state;
  expect_broken("ws_status ab_ping_init(ab_ping *v);", 0, "ws_status ab_ping_init(ab_ping *v);");
}

static void test_parameters_line_up_after_their_parenthesis(void **state) {
  (void)state;
  expect_broken("ws_status ab_connection_request_make(ab_connection_request *v, ws_strview "
                "peer, const ws_headers *headers, ws_strview host);",
                0,
                "ws_status ab_connection_request_make(ab_connection_request *v, ws_strview peer,\n"
                "                                     const ws_headers *headers,\n"
                "                                     ws_strview host);");
}

static void test_a_far_parenthesis_breaks_after_itself(void **state) {
  (void)state;
  expect_broken("lib_loan_event *const *lib_map_str_ref_loan_event_get(const "
                "lib_map_str_ref_loan_event *m, ws_strview key);",
                0,
                "lib_loan_event *const *lib_map_str_ref_loan_event_get(\n"
                "    const lib_map_str_ref_loan_event *m, ws_strview key);");
}

static void test_an_initialiser_breaks_after_its_equals_sign(void **state) {
  (void)state;
  expect_broken("static const ws_kind ab_map_str_list_str_kind = WS_MAP_KIND(ab_map_str_list_str, "
                "\"map<str, list<str>>\", &ab_list_str_kind, ab_map_str_list_str_child, "
                "ab_map_str_list_str_key);",
                0,
                "static const ws_kind ab_map_str_list_str_kind =\n"
                "    WS_MAP_KIND(ab_map_str_list_str, \"map<str, list<str>>\", &ab_list_str_kind,\n"
                "                ab_map_str_list_str_child, ab_map_str_list_str_key);");
}

static void test_operands_line_up_with_the_first(void **state) {
  (void)state;
  expect_broken(".flags = WS_TYPE_ABSTRACT | WS_TYPE_TAGGED | WS_TYPE_DISPATCHES | "
                "WS_TYPE_KEYS_PLAIN | WS_TYPE_UNCONSTRAINED,",
                2,
                ".flags = WS_TYPE_ABSTRACT | WS_TYPE_TAGGED | WS_TYPE_DISPATCHES |\n"
                "           WS_TYPE_KEYS_PLAIN | WS_TYPE_UNCONSTRAINED,");
}

/* The string's pieces line up with its first quote; a "\n" late enough in
 * the line is where a piece ends. */
static void test_a_long_string_splits_into_pieces(void **state) {
  (void)state;
  expect_broken(".doc = \"Thin-wrapper for WebSocket connection request information provided "
                "in\\nWebSocketServerProtocol.onConnect when a WebSocket client wants to\\n"
                "establish a connection.\",",
                2,
                ".doc = \"Thin-wrapper for WebSocket connection request information provided \"\n"
                "         \"in\\nWebSocketServerProtocol.onConnect when a WebSocket client wants \"\n"
                "         \"to\\nestablish a connection.\",");
}

static void test_a_table_row_breaks_at_its_own_commas_first(void **state) {
  (void)state;
  expect_broken("{\"unknown_field\", \"{\\\"no_such_field\\\":1}\", 0, 0, NULL, WS_EUNKNOWN, "
                "\"unknown field \\\"no_such_field\\\" in $ (ConnectionRequest has\"},",
                2,
                "{\"unknown_field\", \"{\\\"no_such_field\\\":1}\", 0, 0, NULL, WS_EUNKNOWN,\n"
                "   \"unknown field \\\"no_such_field\\\" in $ (ConnectionRequest has\"},");
}

/* A string without spaces splits between escapes, never inside one. */
static void test_escapes_stay_whole(void **state) {
  (void)state;
  gstr line;
  gstr_init(&line);
  gstr_puts(&line, "f(\"");
  for (int i = 0; i < 40; i++)
    gstr_puts(&line, i % 3 == 0 ? "\\303\\251" : i % 3 == 1 ? "\\\"" : "\\\\?\\?");
  gstr_puts(&line, "\", x);");
  char *got = broken(gstr_cstr(&line), 2, PRINTER_WIDTH);
  assert_non_null(strchr(got, '\n'));
  /* every piece ends at the end of an escape: a closing quote after an odd
   * number of backslashes would be an escaped quote */
  for (const char *at = strstr(got, "\"\n"); at != NULL; at = strstr(at + 1, "\"\n")) {
    size_t backslashes = 0;
    while (at[-1 - (ptrdiff_t)backslashes] == '\\')
      backslashes++;
    assert_int_equal(backslashes % 2, 0);
    assert_false(at[-1] >= '0' && at[-1] <= '7' && at[-2] == '\\');
  }
  free(got);
  expect_same_c_within(gstr_cstr(&line), 2);
  gstr_free(&line);
}

static void test_commas_in_literals_and_comments_are_no_breaks(void **state) {
  (void)state;
  expect_broken("return g(\"a, b, c, d, e, f, g, h, i, j, k, l, m, n, o, p, q\", 'x', y); "
                "/* r, s, t */",
                2,
                "return g(\"a, b, c, d, e, f, g, h, i, j, k, l, m, n, o, p, q\", 'x',\n"
                "           y); /* r, s, t */");
}

static void test_comments_and_preprocessor_lines_are_left_alone(void **state) {
  (void)state;
  static const char *const lines[] = {
      "#define LIB_BOOK_UNSORTED_SHELF \"Unsorted shelf, for books that nobody has sorted yet, "
      "see the desk\"",
      "/* A comment, however long, is the emitter's to wrap: it says what it says, "
      "word for word, here. */",
      " * the middle line of a comment, long as it may be, long as it may be, long as it may be",
      "// a line comment, long as it may be, long as it may be, long as it may be, long as it may",
  };
  for (size_t i = 0; i < sizeof lines / sizeof lines[0]; i++)
    expect_broken(lines[i], 0, lines[i]);
}

/* An identifier wider than the room stays whole: the line runs past the
 * width there, and breaks where it can after it. */
static void test_what_cannot_break_runs_past_and_the_rest_breaks(void **state) {
  (void)state;
  char name[121];
  memset(name, 'n', 120);
  name[120] = '\0';
  gstr line;
  gstr_init(&line);
  gstr_printf(&line, "static const ws_kind %s_kind = WS_LIST_KIND(%s, \"list<str>\", "
                     "&ws_str_kind, %s_child);", name, name, name);
  char *got = broken(gstr_cstr(&line), 0, PRINTER_WIDTH);
  char *want_c = same_c(gstr_cstr(&line)), *got_c = same_c(got);
  assert_string_equal(got_c, want_c);
  assert_non_null(strstr(got, "_kind =\n    WS_LIST_KIND("));
  free(want_c);
  free(got_c);
  free(got);
  gstr_free(&line);
}

/* Lines of the shapes the emitters write, at several indents: each breaks
 * into lines within the width and stays the same C. */
static void test_emitted_shapes_fit_and_stay_the_same_c(void **state) {
  (void)state;
  static const char *const lines[] = {
      "static void lib_map_str_ref_loan_event_child(const void *obj, size_t index, const char "
      "**key, size_t *key_len, ws_pv *value) {",
      "return ab_connection_response_make(v, ws_str_view_of(&s->peer), &s->headers, s->version, "
      "s->protocol.present ? &view_protocol : NULL, &s->extensions);",
      "{WS_FIELD(ab_connection_request, \"peer\", peer, &ws_str_kind), .type = \"str\", .flags = "
      "WS_FIELD_REQUIRED, .doc = \"Descriptor of the connecting client (e.g. IP address/port in "
      "case of\\nTCP transports), such as \\\"tcp:127.0.0.1:5423\\\".\"},",
      "static const ws_key_slot ab_connection_request_key_order[] = {{8, 10}, {1, 7}, {2, 4}, "
      "{6, 6}, {4, 6}, {3, 4}, {0, 4}, {7, 9}, {5, 7}, {9, 10}, {10, 11}, {11, 12}};",
      ".json_python = \"{\\\"peer\\\": \\\"\\\", \\\"headers\\\": {}, \\\"host\\\": \\\"\\\", "
      "\\\"path\\\": \\\"\\\", \\\"params\\\": {}, \\\"version\\\": 0, \\\"origin\\\": null}\",",
      "if (ws_typetest_something_long(alpha_beta_gamma) && ws_typetest_something_long(delta) || "
      "zeta_eta_theta_iota_kappa)",
  };
  for (size_t i = 0; i < sizeof lines / sizeof lines[0]; i++)
    for (size_t indent = 0; indent <= 8; indent += 4)
      expect_same_c_within(lines[i], indent);
}

/* Through the printer: a wide line breaks at the printer's width, its
 * continuation lines indented from the block's indent; width 0 keeps it. */
static void test_the_printer_breaks_wide_lines_unless_told_not_to(void **state) {
  (void)state;
  static const char call[] =
      "ws_json_put_fixed(b, mode, \"{\\\"first\\\":\", 10, \"{\\\"first\\\": \", 11, err);";
  for (size_t width = 0; width <= 60; width += 60) {
    printer p;
    printer_init(&p);
    p.width = width;
    pr_open(&p, "static void f(void)");
    pr_open(&p, "if (x)");
    pr_line(&p, "%s", call);
    pr_close(&p, "");
    pr_close(&p, "");
    assert_false(printer_failed(&p));
    const char *text = printer_text(&p);
    if (width == 0) {
      assert_non_null(strstr(text, call));
    } else {
      assert_non_null(strstr(text, "\n    ws_json_put_fixed(b, mode, \"{\\\"first\\\":\", 10,\n"
                                   "                      \"{\\\"first\\\": \", 11, err);\n"));
      expect_within(text, 0, width);
    }
    printer_free(&p);
  }
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_a_line_that_fits_is_left_as_it_is),
      cmocka_unit_test(test_parameters_line_up_after_their_parenthesis),
      cmocka_unit_test(test_a_far_parenthesis_breaks_after_itself),
      cmocka_unit_test(test_an_initialiser_breaks_after_its_equals_sign),
      cmocka_unit_test(test_operands_line_up_with_the_first),
      cmocka_unit_test(test_a_long_string_splits_into_pieces),
      cmocka_unit_test(test_a_table_row_breaks_at_its_own_commas_first),
      cmocka_unit_test(test_escapes_stay_whole),
      cmocka_unit_test(test_commas_in_literals_and_comments_are_no_breaks),
      cmocka_unit_test(test_comments_and_preprocessor_lines_are_left_alone),
      cmocka_unit_test(test_what_cannot_break_runs_past_and_the_rest_breaks),
      cmocka_unit_test(test_emitted_shapes_fit_and_stay_the_same_c),
      cmocka_unit_test(test_the_printer_breaks_wide_lines_unless_told_not_to),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
