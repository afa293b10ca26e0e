/* Tests for ws_json_read.c, the pull reader: integers and numbers,
 * literals, bytes, objects and arrays with their syntax errors, trailing
 * data, peeking, skipping, and the depth limit. Strings have their own file
 * (test_json_read_string.c), as do the error records
 * (test_json_read_error.c), the path (test_json_path.c) and the headers
 * reader (test_headers_read.c); the errors as a user meets them, through a
 * class, are the catalogue tests/data/json_errors.tsv, checked by
 * tests/system/test_json_errors.c and check_tool.sh. */
#include "failalloc.h"

#include <stdio.h>
#include <string.h>

#include "json_doc.h"
#include "ws_str.h"

/* ---- integers ------------------------------------------------------------ */

static void test_int_small_values(void **state) {
  (void)state;
  doc d;
  int64_t v = 99;
  assert_int_equal(read_top_int(&d, "0", &v), WS_OK);
  assert_int_equal(v, 0);
  assert_int_equal(read_top_int(&d, " 42 ", &v), WS_OK);
  assert_int_equal(v, 42);
  assert_int_equal(read_top_int(&d, "-7", &v), WS_OK);
  assert_int_equal(v, -7);
}

static void test_int_negative_zero_is_zero(void **state) {
  (void)state;
  doc d;
  int64_t v = 99;
  assert_int_equal(read_top_int(&d, "-0", &v), WS_OK);
  assert_int_equal(v, 0);
}

static void test_int_extremes_read_exactly(void **state) {
  (void)state;
  doc d;
  int64_t v = 0;
  assert_int_equal(read_top_int(&d, "9223372036854775807", &v), WS_OK);
  assert_true(v == INT64_MAX);
  assert_int_equal(read_top_int(&d, "-9223372036854775808", &v), WS_OK);
  assert_true(v == INT64_MIN);
}

static void test_int_one_past_max_is_range_error(void **state) {
  (void)state;
  doc d;
  int64_t v = 5;
  assert_int_equal(read_member_int(&d, "{\"port\": 9223372036854775808}", &v),
                   WS_ERANGE);
  expect_error(&d, WS_ERANGE, 1, 10, "$.port",
               "integer 9223372036854775808 is out of range for $.port: it "
               "must lie between "
               "-9223372036854775808 and 9223372036854775807");
  assert_int_equal(v, 5);
}

static void test_int_one_past_min_is_range_error(void **state) {
  (void)state;
  doc d;
  int64_t v = 5;
  assert_int_equal(read_top_int(&d, "-9223372036854775809", &v), WS_ERANGE);
  expect_error(&d, WS_ERANGE, 1, 1, "$",
               "integer -9223372036854775809 is out of range for $: it must "
               "lie between "
               "-9223372036854775808 and 9223372036854775807");
}

static void test_int_far_out_of_range(void **state) {
  (void)state;
  doc d;
  int64_t v = 5;
  assert_int_equal(read_member_int(&d, "{\"port\":12345678901234567890}", &v),
                   WS_ERANGE);
  assert_string_equal(d.err.msg,
                      "integer 12345678901234567890 is out of range for "
                      "$.port: it must lie between "
                      "-9223372036854775808 and 9223372036854775807");
}

static void test_int_fraction_or_exponent_is_type_error(void **state) {
  (void)state;
  doc d;
  int64_t v = 5;
  assert_int_equal(read_member_int(&d, "{\"port\": 1.5}", &v), WS_ETYPE);
  expect_error(&d, WS_ETYPE, 1, 10, "$.port",
               "expected an integer for $.port, found number 1.5 (it has a "
               "fraction)");
  assert_int_equal(read_top_int(&d, "1e3", &v), WS_ETYPE);
  assert_string_equal(d.err.msg, "expected an integer for $, found number 1e3 "
                                 "(it has an exponent)");
  assert_int_equal(read_top_int(&d, "-2.0E+1", &v), WS_ETYPE);
  assert_string_equal(d.err.msg, "expected an integer for $, found number "
                                 "-2.0E+1 (it has a fraction)");
  assert_int_equal(v, 5);
}

/* ---- numbers ------------------------------------------------------------- */

static void test_number_leading_zero_is_syntax_error(void **state) {
  (void)state;
  doc d;
  int64_t v;
  assert_int_equal(read_top_int(&d, "012", &v), WS_ESYNTAX);
  expect_error(&d, WS_ESYNTAX, 1, 1, "$",
               "invalid number 012: leading zeros are not allowed");
  assert_int_equal(read_top_int(&d, "-00", &v), WS_ESYNTAX);
  assert_string_equal(d.err.msg,
                      "invalid number -00: leading zeros are not allowed");
}

static void test_number_incomplete_forms_are_syntax_errors(void **state) {
  (void)state;
  doc d;
  int64_t v;
  assert_int_equal(read_top_int(&d, "1.", &v), WS_ESYNTAX);
  assert_string_equal(d.err.msg,
                      "invalid number 1.: expected a digit after '.'");
  assert_int_equal(read_top_int(&d, "1.e5", &v), WS_ESYNTAX);
  assert_string_equal(d.err.msg,
                      "invalid number 1.e5: expected a digit after '.'");
  assert_int_equal(read_top_int(&d, "-", &v), WS_ESYNTAX);
  assert_string_equal(d.err.msg,
                      "invalid number -: expected a digit after '-'");
  assert_int_equal(read_top_int(&d, "2e", &v), WS_ESYNTAX);
  assert_string_equal(d.err.msg,
                      "invalid number 2e: expected a digit in the exponent");
  assert_int_equal(read_top_int(&d, "2e+", &v), WS_ESYNTAX);
  assert_string_equal(d.err.msg,
                      "invalid number 2e+: expected a digit in the exponent");
}

static void test_number_plus_sign_and_bare_dot_are_not_values(void **state) {
  (void)state;
  doc d;
  int64_t v;
  assert_int_equal(read_top_int(&d, "+1", &v), WS_ESYNTAX);
  expect_error(&d, WS_ESYNTAX, 1, 1, "$",
               "expected an integer for $, found '+'");
  assert_int_equal(read_top_int(&d, ".5", &v), WS_ESYNTAX);
  assert_string_equal(d.err.msg, "expected an integer for $, found '.'");
}

static void test_number_nan_and_infinity_are_not_values(void **state) {
  (void)state;
  doc d;
  int64_t v;
  assert_int_equal(read_top_int(&d, "NaN", &v), WS_ESYNTAX);
  assert_string_equal(d.err.msg, "expected an integer for $, found 'NaN'");
  assert_int_equal(read_top_int(&d, "Infinity", &v), WS_ESYNTAX);
  assert_string_equal(d.err.msg, "expected an integer for $, found 'Infinity'");
  assert_int_equal(read_top_int(&d, "-Infinity", &v), WS_ESYNTAX);
  assert_string_equal(d.err.msg,
                      "invalid number -Infinity: expected a digit after '-'");
}

/* ---- literals ------------------------------------------------------------ */

static void test_bool_true_and_false(void **state) {
  (void)state;
  doc d;
  bool b = false;
  ws_reader *r = open_doc(&d, "[true, false]");
  ws_read_array_begin(r, "a list");
  assert_true(ws_read_array_next(r));
  assert_int_equal(ws_read_bool(r, &b), WS_OK);
  assert_true(b);
  assert_true(ws_read_array_next(r));
  assert_int_equal(ws_read_bool(r, &b), WS_OK);
  assert_false(b);
  assert_false(ws_read_array_next(r));
  assert_int_equal(ws_read_end(r), WS_OK);
  ws_reader_free(r);
}

static void test_bool_wrong_type(void **state) {
  (void)state;
  doc d;
  bool b = true;
  ws_reader *r = open_doc(&d, "1");
  assert_int_equal(ws_read_bool(r, &b), WS_ETYPE);
  expect_error(&d, WS_ETYPE, 1, 1, "$",
               "expected true or false for $, found number 1");
  assert_true(b);
  ws_reader_free(r);
}

static void test_literals_must_be_whole_words(void **state) {
  (void)state;
  doc d;
  bool b;
  ws_reader *r = open_doc(&d, "truex");
  assert_int_equal(ws_read_bool(r, &b), WS_ESYNTAX);
  assert_string_equal(d.err.msg, "expected true or false for $, found 'truex'");
  ws_reader_free(r);
  r = open_doc(&d, "True");
  assert_int_equal(ws_read_bool(r, &b), WS_ESYNTAX);
  assert_string_equal(d.err.msg, "expected true or false for $, found 'True'");
  ws_reader_free(r);
}

static void test_null_is_consumed_only_when_present(void **state) {
  (void)state;
  doc d;
  ws_reader *r = open_doc(&d, " null ");
  assert_true(ws_read_null(r));
  assert_int_equal(ws_read_end(r), WS_OK);
  ws_reader_free(r);
  int64_t v = 0;
  r = open_doc(&d, "7");
  assert_false(ws_read_null(r));
  assert_int_equal(ws_read_int(r, &v), WS_OK);
  assert_int_equal(v, 7);
  ws_reader_free(r);
  r = open_doc(&d, "nullable");
  assert_false(ws_read_null(r));
  assert_int_equal(r->status, WS_OK);
  ws_reader_free(r);
}

/* ---- bytes --------------------------------------------------------------- */

static void test_bytes_decode_base64(void **state) {
  (void)state;
  doc d;
  ws_bytes b = {NULL, 0};
  ws_reader *r = open_doc(&d, "\"AAH/\"");
  assert_int_equal(ws_read_bytes(r, &b), WS_OK);
  assert_int_equal(b.len, 3);
  assert_memory_equal(b.ptr, "\x00\x01\xff", 3);
  ws_reader_free(r);
  ws_bytes_free(&b);
}

static void test_bytes_with_escaped_base64_text(void **state) {
  (void)state;
  doc d;
  ws_bytes b = {NULL, 0};
  ws_reader *r = open_doc(&d, "\"aGk\\u003d\"");
  assert_int_equal(ws_read_bytes(r, &b), WS_OK);
  assert_int_equal(b.len, 2);
  assert_memory_equal(b.ptr, "hi", 2);
  ws_reader_free(r);
  ws_bytes_free(&b);
}

static void test_bytes_invalid_base64_is_base64_error(void **state) {
  (void)state;
  doc d;
  ws_bytes b = {NULL, 0};
  assert_int_equal(ws_bytes_set(&b, "keep", 4), WS_OK);
  ws_reader *r = open_doc(&d, "{\"payload\":\n  \"ab!c\"}");
  const char *key;
  size_t len;
  ws_read_object_begin(r, "an object");
  assert_true(ws_read_object_next(r, &key, &len));
  ws_path_push_key(r, key, len);
  assert_int_equal(ws_read_bytes(r, &b), WS_EBASE64);
  expect_error(&d, WS_EBASE64, 2, 3, "$.payload",
               "expected a base64 string for $.payload, found string "
               "\"ab!c\" (invalid at character 2)");
  assert_memory_equal(b.ptr, "keep", 4);
  ws_reader_free(r);
  ws_bytes_free(&b);
}

static void test_bytes_wrong_type(void **state) {
  (void)state;
  doc d;
  ws_bytes b = {NULL, 0};
  ws_reader *r = open_doc(&d, "[1]");
  assert_int_equal(ws_read_bytes(r, &b), WS_ETYPE);
  assert_string_equal(d.err.msg, "expected a base64 string for $, found array");
  ws_reader_free(r);
}

/* ---- objects and arrays -------------------------------------------------- */

static void test_object_members_in_order(void **state) {
  (void)state;
  doc d;
  ws_reader *r = open_doc(&d, " { \"a\" : 1 ,\"b\\u0021\":\"x\" } ");
  const char *key;
  size_t len;
  int64_t v = 0;
  ws_str s = {NULL, 0};
  assert_int_equal(ws_read_object_begin(r, "an object"), WS_OK);
  assert_true(ws_read_object_next(r, &key, &len));
  assert_int_equal(len, 1);
  assert_string_equal(key, "a");
  assert_int_equal(ws_read_int(r, &v), WS_OK);
  assert_true(ws_read_object_next(r, &key, &len));
  assert_int_equal(len, 2);
  assert_string_equal(key, "b!");
  assert_int_equal(ws_read_str(r, &s), WS_OK);
  assert_false(ws_read_object_next(r, &key, &len));
  assert_int_equal(r->status, WS_OK);
  assert_int_equal(ws_read_end(r), WS_OK);
  assert_int_equal(v, 1);
  assert_string_equal(s.ptr, "x");
  ws_str_free(&s);
  ws_reader_free(r);
}

static void test_object_empty(void **state) {
  (void)state;
  doc d;
  const char *key;
  size_t len;
  ws_reader *r = open_doc(&d, "{ }");
  ws_read_object_begin(r, "an object");
  assert_false(ws_read_object_next(r, &key, &len));
  assert_int_equal(ws_read_end(r), WS_OK);
  ws_reader_free(r);
}

/* Keys of every length around the reader's inline key storage, plain,
 * ending in an escape or in a non-ASCII character, and at the very end of
 * the input: each read back whole and NUL-terminated, and the value after
 * it read too. */
static void test_object_keys_of_every_length(void **state) {
  (void)state;
  static const char *const tails[] = {"", "\\n", "\xc3\xa9"};
  static const char *const decoded_tails[] = {"", "\n", "\xc3\xa9"};
  for (size_t t = 0; t < 3; t++) {
    for (size_t n = 0; n < 80; n++) {
      char json[256], want[128];
      size_t k = 0;
      memset(want, 0, sizeof want);
      for (size_t i = 0; i < n; i++)
        want[i] = (char)('a' + i % 26);
      strcat(want, decoded_tails[t]);
      k += (size_t)snprintf(json, sizeof json, "{\"%.*s%s\":%zu}", (int)n,
                            want, tails[t], n);
      doc d;
      ws_reader *r = open_n(&d, json, k);
      const char *key;
      size_t len;
      int64_t v = -1;
      assert_int_equal(ws_read_object_begin(r, "an object"), WS_OK);
      assert_true(ws_read_object_next(r, &key, &len));
      assert_int_equal(len, strlen(want));
      assert_memory_equal(key, want, len + 1);
      assert_int_equal(ws_read_int(r, &v), WS_OK);
      assert_int_equal(v, (int64_t)n);
      assert_false(ws_read_object_next(r, &key, &len));
      assert_int_equal(ws_read_end(r), WS_OK);
      ws_reader_free(r);
    }
  }
}

static void test_object_key_with_nul_keeps_its_length(void **state) {
  (void)state;
  doc d;
  const char *key;
  size_t len;
  ws_reader *r = open_doc(&d, "{\"a\\u0000b\": null}");
  ws_read_object_begin(r, "an object");
  assert_true(ws_read_object_next(r, &key, &len));
  assert_int_equal(len, 3);
  assert_memory_equal(key, "a\0b", 4);
  assert_true(ws_read_null(r));
  assert_false(ws_read_object_next(r, &key, &len));
  ws_reader_free(r);
}

static void test_array_elements_and_nesting(void **state) {
  (void)state;
  doc d;
  ws_reader *r = open_doc(&d, "[[1, 2], [], [3]]");
  int64_t sum = 0, count = 0;
  ws_read_array_begin(r, "a list of lists");
  while (ws_read_array_next(r)) {
    ws_read_array_begin(r, "a list");
    while (ws_read_array_next(r)) {
      int64_t v = 0;
      ws_read_int(r, &v);
      sum += v;
      count++;
    }
  }
  assert_int_equal(ws_read_end(r), WS_OK);
  assert_int_equal(sum, 6);
  assert_int_equal(count, 3);
  ws_reader_free(r);
}

static void test_object_wrong_type_names_expected_phrase(void **state) {
  (void)state;
  doc d;
  ws_reader *r = open_doc(&d, "[1]");
  assert_int_equal(ws_read_object_begin(r, "an object"), WS_ETYPE);
  expect_error(&d, WS_ETYPE, 1, 1, "$",
               "expected an object for $, found array");
  ws_reader_free(r);
  r = open_doc(&d, "{}");
  assert_int_equal(ws_read_array_begin(r, "a list of strings"), WS_ETYPE);
  assert_string_equal(d.err.msg,
                      "expected a list of strings for $, found object");
  ws_reader_free(r);
}

static void test_object_missing_comma(void **state) {
  (void)state;
  doc d;
  int64_t v;
  assert_int_equal(read_member_int(&d, "{\"a\": 1 \"b\": 2}", &v), WS_ESYNTAX);
  expect_error(&d, WS_ESYNTAX, 1, 9, "$",
               "expected ',' or '}' after a member, found string \"b\"");
}

static void test_object_closed_by_bracket(void **state) {
  (void)state;
  doc d;
  int64_t v;
  assert_int_equal(read_member_int(&d, "{\"port\": 1]", &v), WS_ESYNTAX);
  expect_error(&d, WS_ESYNTAX, 1, 11, "$",
               "expected ',' or '}' after a member, found ']'");
}

static void test_object_missing_colon(void **state) {
  (void)state;
  doc d;
  int64_t v;
  assert_int_equal(read_member_int(&d, "{\"a\" 1}", &v), WS_ESYNTAX);
  expect_error(&d, WS_ESYNTAX, 1, 6, "$",
               "expected ':' after a key, found number 1");
}

static void test_object_key_must_be_string(void **state) {
  (void)state;
  doc d;
  int64_t v;
  assert_int_equal(read_member_int(&d, "{a: 1}", &v), WS_ESYNTAX);
  expect_error(&d, WS_ESYNTAX, 1, 2, "$",
               "expected a string key or '}', found 'a'");
}

static void test_object_trailing_comma(void **state) {
  (void)state;
  doc d;
  int64_t v;
  assert_int_equal(read_member_int(&d, "{\"a\": 1,}", &v), WS_ESYNTAX);
  expect_error(&d, WS_ESYNTAX, 1, 9, "$",
               "expected a string key after ',', found '}'");
}

static void test_object_unclosed(void **state) {
  (void)state;
  doc d;
  int64_t v;
  assert_int_equal(read_member_int(&d, "{\"a\": 1", &v), WS_ESYNTAX);
  expect_error(&d, WS_ESYNTAX, 1, 8, "$",
               "unexpected end of input, expected ',' or '}' after a member");
}

static void test_array_trailing_comma(void **state) {
  (void)state;
  doc d;
  int64_t v;
  ws_reader *r = open_doc(&d, "[1,]");
  ws_read_array_begin(r, "a list");
  assert_true(ws_read_array_next(r));
  ws_read_int(r, &v);
  assert_false(ws_read_array_next(r));
  expect_error(&d, WS_ESYNTAX, 1, 4, "$",
               "expected a value after ',', found ']'");
  ws_reader_free(r);
}

static void test_array_missing_comma(void **state) {
  (void)state;
  doc d;
  int64_t v;
  ws_reader *r = open_doc(&d, "[1 2]");
  ws_read_array_begin(r, "a list");
  assert_true(ws_read_array_next(r));
  ws_read_int(r, &v);
  assert_false(ws_read_array_next(r));
  expect_error(&d, WS_ESYNTAX, 1, 4, "$",
               "expected ',' or ']' after an element, found number 2");
  ws_reader_free(r);
}

static void test_array_leading_comma_reports_element_path(void **state) {
  (void)state;
  doc d;
  int64_t v;
  ws_reader *r = open_doc(&d, "[,1]");
  ws_read_array_begin(r, "a list");
  assert_true(ws_read_array_next(r));
  ws_path_push_index(r, 0);
  assert_int_equal(ws_read_int(r, &v), WS_ESYNTAX);
  expect_error(&d, WS_ESYNTAX, 1, 2, "$[0]",
               "expected an integer for $[0], found ','");
  ws_reader_free(r);
}

static void test_only_json_whitespace_is_skipped(void **state) {
  (void)state;
  doc d;
  int64_t v = 0;
  assert_int_equal(read_top_int(&d, " \t\r\n 5 \r\n", &v), WS_OK);
  assert_int_equal(v, 5);
  assert_int_equal(read_top_int(&d, "\v5", &v), WS_ESYNTAX);
  assert_string_equal(d.err.msg, "expected an integer for $, found byte 0x0b");
}

/* ---- peeking ------------------------------------------------------------- */

static void test_peek_reports_each_kind(void **state) {
  (void)state;
  static const struct {
    const char *json;
    ws_token_kind kind;
  } cases[] = {
      {" ", WS_TOKEN_EOF},     {"{", WS_TOKEN_OBJECT},
      {"[", WS_TOKEN_ARRAY},   {"\"", WS_TOKEN_STRING},
      {"-", WS_TOKEN_NUMBER},  {"0", WS_TOKEN_NUMBER},
      {"true", WS_TOKEN_BOOL}, {"false", WS_TOKEN_BOOL},
      {"null", WS_TOKEN_NULL}, {"nul", WS_TOKEN_INVALID},
      {"}", WS_TOKEN_INVALID},
  };
  for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
    doc d;
    ws_reader *r = open_doc(&d, cases[i].json);
    assert_int_equal(ws_read_peek(r), cases[i].kind);
    ws_reader_free(r);
  }
}

/* ---- trailing data ------------------------------------------------------- */

static void test_trailing_whitespace_is_fine(void **state) {
  (void)state;
  doc d;
  int64_t v;
  assert_int_equal(read_top_int(&d, "1 \n\t\r ", &v), WS_OK);
}

static void test_trailing_data_is_error(void **state) {
  (void)state;
  doc d;
  ws_reader *r = open_doc(&d, "{}\n {}");
  const char *key;
  size_t len;
  ws_read_object_begin(r, "an object");
  assert_false(ws_read_object_next(r, &key, &len));
  assert_int_equal(ws_read_end(r), WS_ETRAILING);
  expect_error(&d, WS_ETRAILING, 2, 2, "$",
               "trailing data after the JSON value: object");
  ws_reader_free(r);
  int64_t v;
  assert_int_equal(read_top_int(&d, "1x", &v), WS_ETRAILING);
  assert_string_equal(d.err.msg, "trailing data after the JSON value: 'x'");
}

/* ---- skipping and depth -------------------------------------------------- */

static void test_skip_every_kind_of_value(void **state) {
  (void)state;
  doc d;
  ws_reader *r = open_doc(&d, "[\"s\\n\", -1.5e3, true, false, null, {}, [], "
                              "{\"a\": [1, {\"b\": null}], \"c\": \"\"}, 7]");
  int64_t v = 0;
  size_t n = 0;
  ws_read_array_begin(r, "a list");
  while (ws_read_array_next(r)) {
    if (n++ < 8) {
      assert_int_equal(ws_read_skip(r), WS_OK);
    } else {
      assert_int_equal(ws_read_int(r, &v), WS_OK);
    }
  }
  assert_int_equal(ws_read_end(r), WS_OK);
  assert_int_equal(n, 9);
  assert_int_equal(v, 7);
  ws_reader_free(r);
}

static void test_skip_then_continue_object(void **state) {
  (void)state;
  doc d;
  ws_reader *r = open_doc(&d, "{\"x\": {\"y\": [1, 2]}, \"port\": 8}");
  const char *key;
  size_t len;
  int64_t v = 0;
  ws_read_object_begin(r, "an object");
  while (ws_read_object_next(r, &key, &len)) {
    if (strcmp(key, "port") == 0) {
      ws_read_int(r, &v);
    } else {
      ws_read_skip(r);
    }
  }
  assert_int_equal(ws_read_end(r), WS_OK);
  assert_int_equal(v, 8);
  ws_reader_free(r);
}

static void test_skip_checks_what_it_skips(void **state) {
  (void)state;
  doc d;
  ws_reader *r = open_doc(&d, "[{\"a\": \"\\ud800\"}]");
  assert_int_equal(ws_read_skip(r), WS_EUTF8);
  assert_string_equal(d.err.msg, "lone surrogate escape \\ud800");
  assert_int_equal(d.err.col, 9);
  ws_reader_free(r);
  r = open_doc(&d, "[1, 02]");
  assert_int_equal(ws_read_skip(r), WS_ESYNTAX);
  assert_string_equal(d.err.msg,
                      "invalid number 02: leading zeros are not allowed");
  ws_reader_free(r);
  r = open_doc(&d, "{\"a\" 1}");
  assert_int_equal(ws_read_skip(r), WS_ESYNTAX);
  assert_string_equal(d.err.msg, "expected ':' after a key, found number 1");
  ws_reader_free(r);
  r = open_doc(&d, "[1,]");
  assert_int_equal(ws_read_skip(r), WS_ESYNTAX);
  assert_string_equal(d.err.msg, "expected a value after ',', found ']'");
  ws_reader_free(r);
}

static void test_skip_at_end_of_input(void **state) {
  (void)state;
  doc d;
  ws_reader *r = open_doc(&d, "");
  assert_int_equal(ws_read_skip(r), WS_ESYNTAX);
  assert_string_equal(d.err.msg, "unexpected end of input, expected a value");
  ws_reader_free(r);
  r = open_doc(&d, "[[1]");
  assert_int_equal(ws_read_skip(r), WS_ESYNTAX);
  assert_string_equal(
      d.err.msg,
      "unexpected end of input, expected ',' or ']' after an element");
  ws_reader_free(r);
}

static void test_skip_very_deep_nesting_fails_with_depth_error(void **state) {
  (void)state;
  size_t n = 100000;
  char *json = malloc(n + 1);
  assert_non_null(json);
  memset(json, '[', n);
  json[n] = '\0';
  doc d;
  ws_reader *r = open_n(&d, json, n);
  assert_int_equal(ws_read_skip(r), WS_EDEPTH);
  /* the path goes down to the element that opens one level too many */
  char path[4 + 3 * WS_JSON_MAX_DEPTH] = "$";
  for (int i = 0; i < WS_JSON_MAX_DEPTH; i++)
    strcat(path, "[0]");
  expect_error(&d, WS_EDEPTH, 1, WS_JSON_MAX_DEPTH + 1, path,
               "nesting deeper than 64 levels");
  ws_reader_free(r);
  free(json);
}

static void test_skip_deep_objects_fail_with_depth_error(void **state) {
  (void)state;
  size_t levels = 1000;
  char *json = malloc(levels * 5 + 1);
  assert_non_null(json);
  for (size_t i = 0; i < levels; i++) {
    memcpy(json + i * 5, "{\"a\":", 5);
  }
  doc d;
  ws_reader *r = open_n(&d, json, levels * 5);
  assert_int_equal(ws_read_skip(r), WS_EDEPTH);
  assert_int_equal(d.err.offset, WS_JSON_MAX_DEPTH * 5);
  ws_reader_free(r);
  free(json);
}

static void test_skip_exactly_max_depth_succeeds(void **state) {
  (void)state;
  char json[2 * WS_JSON_MAX_DEPTH + 1];
  memset(json, '[', WS_JSON_MAX_DEPTH);
  memset(json + WS_JSON_MAX_DEPTH, ']', WS_JSON_MAX_DEPTH);
  json[2 * WS_JSON_MAX_DEPTH] = '\0';
  doc d;
  ws_reader *r = open_doc(&d, json);
  assert_int_equal(ws_read_skip(r), WS_OK);
  assert_int_equal(ws_read_end(r), WS_OK);
  ws_reader_free(r);
}

static void test_skip_counts_depth_of_enclosing_containers(void **state) {
  (void)state;
  char json[WS_JSON_MAX_DEPTH + 2];
  memset(json, '[', WS_JSON_MAX_DEPTH + 1);
  json[WS_JSON_MAX_DEPTH + 1] = '\0';
  doc d;
  ws_reader *r = open_doc(&d, json);
  for (int i = 0; i < 10; i++) {
    ws_read_array_begin(r, "a list");
    assert_true(ws_read_array_next(r));
  }
  assert_int_equal(ws_read_skip(r), WS_EDEPTH);
  assert_int_equal(d.err.offset, WS_JSON_MAX_DEPTH);
  ws_reader_free(r);
}

static void test_begin_beyond_max_depth_is_depth_error(void **state) {
  (void)state;
  char json[WS_JSON_MAX_DEPTH + 2];
  memset(json, '[', WS_JSON_MAX_DEPTH + 1);
  json[WS_JSON_MAX_DEPTH + 1] = '\0';
  doc d;
  ws_reader *r = open_doc(&d, json);
  for (int i = 0; i < WS_JSON_MAX_DEPTH; i++) {
    assert_int_equal(ws_read_array_begin(r, "a list"), WS_OK);
    assert_true(ws_read_array_next(r));
  }
  assert_int_equal(ws_read_array_begin(r, "a list"), WS_EDEPTH);
  assert_int_equal(d.err.col, WS_JSON_MAX_DEPTH + 1);
  ws_reader_free(r);
}

/* ---- allocation failure -------------------------------------------------- */

/* What the sweep reads, and where the bytes go. */
typedef struct bytes_case {
  const char *json;
  ws_bytes bytes;
} bytes_case;

static void free_bytes_case(void *ctx) {
  bytes_case *c = ctx;
  ws_bytes_free(&c->bytes);
}

static ws_status op_read_bytes(void *ctx) {
  bytes_case *c = ctx;
  doc d;
  ws_reader *r = open_doc(&d, c->json);
  ws_read_bytes(r, &c->bytes);
  ws_reader_free(r);
  return d.r.status;
}

static void test_read_bytes_survives_allocation_failure(void **state) {
  (void)state;
  bytes_case c = {"\"aGVsbG8=\"", {NULL, 0}};
  assert_true(failalloc_check(op_read_bytes, free_bytes_case, &c) >= 1);
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_int_small_values),
      cmocka_unit_test(test_int_negative_zero_is_zero),
      cmocka_unit_test(test_int_extremes_read_exactly),
      cmocka_unit_test(test_int_one_past_max_is_range_error),
      cmocka_unit_test(test_int_one_past_min_is_range_error),
      cmocka_unit_test(test_int_far_out_of_range),
      cmocka_unit_test(test_int_fraction_or_exponent_is_type_error),
      cmocka_unit_test(test_number_leading_zero_is_syntax_error),
      cmocka_unit_test(test_number_incomplete_forms_are_syntax_errors),
      cmocka_unit_test(test_number_plus_sign_and_bare_dot_are_not_values),
      cmocka_unit_test(test_number_nan_and_infinity_are_not_values),
      cmocka_unit_test(test_bool_true_and_false),
      cmocka_unit_test(test_bool_wrong_type),
      cmocka_unit_test(test_literals_must_be_whole_words),
      cmocka_unit_test(test_null_is_consumed_only_when_present),
      cmocka_unit_test(test_bytes_decode_base64),
      cmocka_unit_test(test_bytes_with_escaped_base64_text),
      cmocka_unit_test(test_bytes_invalid_base64_is_base64_error),
      cmocka_unit_test(test_bytes_wrong_type),
      cmocka_unit_test(test_object_members_in_order),
      cmocka_unit_test(test_object_empty),
      cmocka_unit_test(test_object_key_with_nul_keeps_its_length),
      cmocka_unit_test(test_object_keys_of_every_length),
      cmocka_unit_test(test_array_elements_and_nesting),
      cmocka_unit_test(test_object_wrong_type_names_expected_phrase),
      cmocka_unit_test(test_object_missing_comma),
      cmocka_unit_test(test_object_closed_by_bracket),
      cmocka_unit_test(test_object_missing_colon),
      cmocka_unit_test(test_object_key_must_be_string),
      cmocka_unit_test(test_object_trailing_comma),
      cmocka_unit_test(test_object_unclosed),
      cmocka_unit_test(test_array_trailing_comma),
      cmocka_unit_test(test_array_missing_comma),
      cmocka_unit_test(test_array_leading_comma_reports_element_path),
      cmocka_unit_test(test_only_json_whitespace_is_skipped),
      cmocka_unit_test(test_peek_reports_each_kind),
      cmocka_unit_test(test_trailing_whitespace_is_fine),
      cmocka_unit_test(test_trailing_data_is_error),
      cmocka_unit_test(test_skip_every_kind_of_value),
      cmocka_unit_test(test_skip_then_continue_object),
      cmocka_unit_test(test_skip_checks_what_it_skips),
      cmocka_unit_test(test_skip_at_end_of_input),
      cmocka_unit_test(test_skip_very_deep_nesting_fails_with_depth_error),
      cmocka_unit_test(test_skip_deep_objects_fail_with_depth_error),
      cmocka_unit_test(test_skip_exactly_max_depth_succeeds),
      cmocka_unit_test(test_skip_counts_depth_of_enclosing_containers),
      cmocka_unit_test(test_begin_beyond_max_depth_is_depth_error),
      cmocka_unit_test(test_read_bytes_survives_allocation_failure),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
