/* Tests for ws_json_read_error.c: the error record the reader keeps (code,
 * line and column, offset, path, message), what a message says was found
 * and how it quotes and cuts source text, ws_reader_fail and
 * ws_reader_fail_at, and that the first error sticks. */
#include "json_doc.h"

#include <string.h>

#include "ws_str.h"

/* ---- positions ----------------------------------------------------------- */

static void test_line_and_column_count_lf_and_bytes(void **state) {
  (void)state;
  doc d;
  int64_t v;
  assert_int_equal(
      read_member_int(&d, "{\r\n  \"x\":\n\t\"\xc3\xa9\xc3\xa9\" }", &v),
      WS_ETYPE);
  assert_int_equal(d.err.line, 3);
  assert_int_equal(d.err.col, 2);
  assert_int_equal(d.err.offset, 11);
}

static void test_reader_offset_skips_whitespace(void **state) {
  (void)state;
  doc d;
  ws_reader *r = open_doc(&d, "  \n 1");
  assert_int_equal(ws_reader_offset(r), 4);
  ws_reader_free(r);
}

static void test_reader_fail_uses_position_and_path(void **state) {
  (void)state;
  doc d;
  const char *key;
  size_t len;
  ws_reader *r = open_doc(&d, "{\"a\":\n  {}}");
  ws_read_object_begin(r, "an object");
  assert_true(ws_read_object_next(r, &key, &len));
  ws_path_push_key(r, key, len);
  assert_int_equal(ws_reader_fail(r, WS_ECONSTRAINT, "too %s", "big"),
                   WS_ECONSTRAINT);
  expect_error(&d, WS_ECONSTRAINT, 2, 3, "$.a", "too big");
  assert_int_equal(d.err.offset, 8);
  ws_reader_free(r);
}

static void test_reader_fail_at_earlier_line(void **state) {
  (void)state;
  doc d;
  const char *key;
  size_t len;
  ws_reader *r = open_doc(&d, "{\n \"port\": 1,\n \"port\":\n 2}");
  int64_t v;
  ws_read_object_begin(r, "an object");
  assert_true(ws_read_object_next(r, &key, &len));
  ws_read_int(r, &v);
  assert_true(ws_read_object_next(r, &key, &len));
  ws_read_int(r, &v); /* now on line 4 */
  size_t at = ws_reader_key_offset(r);
  assert_int_equal(at, 15);
  ws_reader_fail_at(r, at, WS_EDUPLICATE, "duplicate key \"port\" in $");
  expect_error(&d, WS_EDUPLICATE, 3, 2, "$", "duplicate key \"port\" in $");
  ws_reader_free(r);
}

/* ---- what was found ------------------------------------------------------ */

static void test_found_token_descriptions(void **state) {
  (void)state;
  static const struct {
    const char *json;
    const char *msg;
  } cases[] = {
      {"{}", "expected a string for $, found object"},
      {"[]", "expected a string for $, found array"},
      {"-3.5e2", "expected a string for $, found number -3.5e2"},
      {"true", "expected a string for $, found true"},
      {"false", "expected a string for $, found false"},
      {"null", "expected a string for $, found null"},
      {"]", "expected a string for $, found ']'"},
      {"'a'", "expected a string for $, found '''"},
      {"\xc2\xa0", "expected a string for $, found character U+00A0"},
      {"\xef\xbb\xbf\"a\"", "expected a string for $, found character U+FEFF"},
      {"\x01", "expected a string for $, found byte 0x01"},
      {"\f\"a\"", "expected a string for $, found byte 0x0c"},
  };
  for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
    doc d;
    ws_str s = {NULL, 0};
    ws_reader *r = open_doc(&d, cases[i].json);
    assert_int_not_equal(ws_read_str(r, &s), WS_OK);
    assert_string_equal(d.err.msg, cases[i].msg);
    ws_reader_free(r);
  }
}

static void test_wrong_value_type_is_type_error_non_value_is_syntax(void **s) {
  (void)s;
  doc d;
  int64_t v;
  assert_int_equal(read_top_int(&d, "true", &v), WS_ETYPE);
  assert_int_equal(read_top_int(&d, "}", &v), WS_ESYNTAX);
}

static void test_found_long_string_is_cut_and_escaped(void **state) {
  (void)state;
  doc d;
  int64_t v;
  ws_reader *r = open_doc(&d, "\"0123456789\\\"123456789\\n123456789012345678"
                              "901234567890\"");
  assert_int_equal(ws_read_int(r, &v), WS_ETYPE);
  assert_string_equal(d.err.msg,
                      "expected an integer for $, found string "
                      "\"0123456789\\\"123456789\\n12345678901234567...\"");
  ws_reader_free(r);
}

static void test_number_text_in_messages_is_cut(void **state) {
  (void)state;
  doc d;
  int64_t v;
  char json[120];
  memset(json, '9', 100);
  json[100] = '\0';
  assert_int_equal(read_top_int(&d, json, &v), WS_ERANGE);
  assert_string_equal(d.err.msg,
                      "integer 9999999999999999999999999999999999999999... is "
                      "out of range for $: it must lie between "
                      "-9223372036854775808 and 9223372036854775807");
}

static void test_reader_quote_escapes_and_cuts(void **state) {
  (void)state;
  char out[128];
  ws_reader_quote(out, sizeof out, "a\"b\\c\x01\xff", 7);
  assert_string_equal(out, "\"a\\\"b\\\\c\\u0001\\xff\"");
  ws_reader_quote(out, sizeof out,
                  "0123456789012345678901234567890123456789tail", 44);
  assert_string_equal(out, "\"0123456789012345678901234567890123456789...\"");
}

static void test_end_of_input_where_a_value_is_expected(void **state) {
  (void)state;
  doc d;
  int64_t v;
  assert_int_equal(read_top_int(&d, "  ", &v), WS_ESYNTAX);
  expect_error(&d, WS_ESYNTAX, 1, 3, "$",
               "unexpected end of input, expected an integer for $");
  assert_int_equal(read_member_int(&d, "{\"port\":", &v), WS_ESYNTAX);
  expect_error(&d, WS_ESYNTAX, 1, 9, "$.port",
               "unexpected end of input, expected an integer for $.port");
}

/* ---- the record ---------------------------------------------------------- */

static void test_errors_are_sticky_and_keep_the_first_record(void **state) {
  (void)state;
  doc d;
  int64_t v;
  ws_str s = {NULL, 0};
  bool b;
  const char *key;
  size_t len;
  ws_reader *r = open_doc(&d, "\"x\" {}");
  assert_int_equal(ws_read_int(r, &v), WS_ETYPE);
  ws_error first = d.err;
  assert_int_equal(ws_read_str(r, &s), WS_ETYPE);
  assert_int_equal(ws_read_bool(r, &b), WS_ETYPE);
  assert_int_equal(ws_read_object_begin(r, "an object"), WS_ETYPE);
  assert_false(ws_read_object_next(r, &key, &len));
  assert_false(ws_read_array_next(r));
  assert_false(ws_read_null(r));
  assert_int_equal(ws_read_skip(r), WS_ETYPE);
  assert_int_equal(ws_read_end(r), WS_ETYPE);
  assert_int_equal(ws_path_push_key(r, "k", 1), WS_ETYPE);
  assert_int_equal(ws_reader_fail(r, WS_EINVAL, "other"), WS_ETYPE);
  assert_int_equal(ws_read_peek(r), WS_TOKEN_INVALID);
  assert_null(s.ptr);
  assert_memory_equal(&first, &d.err, sizeof first);
  ws_reader_free(r);
}

static void test_null_err_uses_own_record(void **state) {
  (void)state;
  ws_reader r;
  int64_t v;
  ws_reader_init(&r, "x", 1, NULL, NULL);
  assert_int_equal(ws_read_int(&r, &v), WS_ESYNTAX);
  assert_ptr_equal(r.err, &r.own_err);
  assert_string_equal(r.own_err.msg, "expected an integer for $, found 'x'");
  ws_reader_free(&r);
}

static void test_init_clears_error_and_copies_options(void **state) {
  (void)state;
  ws_error err;
  memset(&err, 0x5a, sizeof err);
  ws_decode_opts opts = {true};
  ws_reader r;
  ws_reader_init(&r, NULL, 0, &opts, &err);
  assert_int_equal(err.code, WS_OK);
  assert_string_equal(err.msg, "");
  assert_true(r.opts.skip_unknown);
  assert_int_equal(ws_read_end(&r), WS_OK);
  ws_reader_free(&r);
  ws_reader_free(&r); /* safe twice */
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_line_and_column_count_lf_and_bytes),
      cmocka_unit_test(test_reader_offset_skips_whitespace),
      cmocka_unit_test(test_reader_fail_uses_position_and_path),
      cmocka_unit_test(test_reader_fail_at_earlier_line),
      cmocka_unit_test(test_found_token_descriptions),
      cmocka_unit_test(test_wrong_value_type_is_type_error_non_value_is_syntax),
      cmocka_unit_test(test_found_long_string_is_cut_and_escaped),
      cmocka_unit_test(test_number_text_in_messages_is_cut),
      cmocka_unit_test(test_reader_quote_escapes_and_cuts),
      cmocka_unit_test(test_end_of_input_where_a_value_is_expected),
      cmocka_unit_test(test_errors_are_sticky_and_keep_the_first_record),
      cmocka_unit_test(test_null_err_uses_own_record),
      cmocka_unit_test(test_init_clears_error_and_copies_options),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
