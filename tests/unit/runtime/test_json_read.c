/* Tests for ws_json_read.c: tokens, errors with their exact messages,
 * positions and paths, headers, skipping, depth, and allocation failure.
 * These drive the reader's primitives directly; the errors as a user meets
 * them, through a class, are the catalogue tests/data/json_errors.tsv,
 * checked by tests/system/test_json_errors.c and check_tool.sh. */
#include "failalloc.h"

#include <stdio.h>
#include <string.h>

#include "ws_alloc.h"
#include "ws_headers.h"
#include "ws_json_read.h"
#include "ws_str.h"

/* ---- helpers ------------------------------------------------------------- */

typedef struct doc {
  ws_reader r;
  ws_error err;
} doc;

/* A reader over a NUL-terminated literal (use open_n for embedded NULs). */
static ws_reader *open_n(doc *d, const char *json, size_t len) {
  ws_reader_init(&d->r, json, len, NULL, &d->err);
  return &d->r;
}
static ws_reader *open_doc(doc *d, const char *json) {
  return open_n(d, json, strlen(json));
}

static void expect_error(const doc *d, ws_status code, size_t line, size_t col,
                         const char *path, const char *msg) {
  assert_int_equal(d->r.status, code);
  assert_int_equal(d->err.code, code);
  assert_string_equal(d->err.msg, msg);
  assert_string_equal(d->err.path, path);
  assert_int_equal(d->err.line, line);
  assert_int_equal(d->err.col, col);
}

/* Reads a top-level string; returns its status, the text in *out. */
static ws_status read_top_str(doc *d, const char *json, ws_str *out) {
  ws_reader *r = open_doc(d, json);
  ws_read_str(r, out);
  ws_read_end(r);
  ws_reader_free(r);
  return d->r.status;
}

static ws_status read_top_int(doc *d, const char *json, int64_t *out) {
  ws_reader *r = open_doc(d, json);
  ws_read_int(r, out);
  ws_read_end(r);
  ws_reader_free(r);
  return d->r.status;
}

/* {"key": <value>}: reads the one member's value as an integer, with the
 * key pushed on the path. */
static ws_status read_member_int(doc *d, const char *json, int64_t *out) {
  ws_reader *r = open_doc(d, json);
  const char *key;
  size_t len;
  ws_read_object_begin(r, "an object");
  while (ws_read_object_next(r, &key, &len)) {
    ws_path_push_key(r, key, len);
    ws_read_int(r, out);
    ws_path_pop(r);
  }
  ws_read_end(r);
  ws_reader_free(r);
  return d->r.status;
}

/* Top-level string expected to fail; checks code, column and message. */
static void expect_str_error(const char *json, ws_status code, size_t col,
                             const char *msg) {
  doc d;
  ws_str s = {NULL, 0};
  assert_int_equal(read_top_str(&d, json, &s), code);
  expect_error(&d, code, 1, col, "$", msg);
  assert_null(s.ptr);
}

static void expect_str_value(const char *json, const char *want,
                             size_t want_len) {
  doc d;
  ws_str s = {NULL, 0};
  assert_int_equal(read_top_str(&d, json, &s), WS_OK);
  assert_int_equal(s.len, want_len);
  assert_memory_equal(ws_str_c(&s), want, want_len);
  ws_str_free(&s);
}

/* ---- strings ------------------------------------------------------------- */

static void test_string_plain_ascii(void **state) {
  (void)state;
  expect_str_value("\"hello, world\"", "hello, world", 12);
}

static void test_string_empty_reads_as_empty(void **state) {
  (void)state;
  doc d;
  ws_str s = {NULL, 0};
  assert_int_equal(read_top_str(&d, " \"\" ", &s), WS_OK);
  assert_int_equal(s.len, 0);
  assert_string_equal(ws_str_c(&s), "");
}

static void test_string_result_is_nul_terminated(void **state) {
  (void)state;
  doc d;
  ws_str s = {NULL, 0};
  assert_int_equal(read_top_str(&d, "\"abc\"", &s), WS_OK);
  assert_string_equal(s.ptr, "abc");
  ws_str_free(&s);
}

static void test_string_simple_escapes(void **state) {
  (void)state;
  expect_str_value("\"\\\" \\\\ \\/ \\b \\f \\n \\r \\t\"",
                   "\" \\ / \b \f \n \r \t", 15);
}

static void test_string_unicode_escapes_in_each_utf8_length(void **state) {
  (void)state;
  expect_str_value("\"\\u0041\\u00e9\\u20AC\\uFFFF\"",
                   "A\xc3\xa9\xe2\x82\xac\xef\xbf\xbf", 9);
}

static void test_string_escaped_nul_is_kept(void **state) {
  (void)state;
  expect_str_value("\"a\\u0000b\"", "a\0b", 3);
}

static void test_string_surrogate_pair_is_one_code_point(void **state) {
  (void)state;
  expect_str_value("\"\\ud83d\\ude00\"", "\xf0\x9f\x98\x80", 4);
  expect_str_value("\"\\uDBFF\\uDFFF\"", "\xf4\x8f\xbf\xbf", 4);
}

static void test_string_raw_utf8_of_each_length(void **state) {
  (void)state;
  expect_str_value("\"\xc3\xa9\xe2\x82\xac\xf0\x9f\x98\x80\xf4\x8f\xbf\xbf\"",
                   "\xc3\xa9\xe2\x82\xac\xf0\x9f\x98\x80\xf4\x8f\xbf\xbf", 13);
}

static void test_string_long_mixed_text_round_trips(void **state) {
  (void)state;
  char json[3000], want[3000];
  size_t j = 0, w = 0;
  json[j++] = '"';
  for (int i = 0; i < 200; i++) {
    memcpy(json + j, "abc\\n\xc3\xa9", 7);
    j += 7;
    memcpy(want + w, "abc\n\xc3\xa9", 6);
    w += 6;
  }
  json[j++] = '"';
  json[j] = '\0';
  expect_str_value(json, want, w);
}

static void test_read_str_replaces_previous_value(void **state) {
  (void)state;
  doc d;
  ws_str s = {NULL, 0};
  assert_int_equal(ws_str_set(&s, "old", 3), WS_OK);
  assert_int_equal(read_top_str(&d, "\"new\"", &s), WS_OK);
  assert_string_equal(s.ptr, "new");
  ws_str_free(&s);
}

static void test_read_str_failure_leaves_out_unchanged(void **state) {
  (void)state;
  doc d;
  ws_str s = {NULL, 0};
  assert_int_equal(ws_str_set(&s, "old", 3), WS_OK);
  assert_int_equal(read_top_str(&d, "\"bad \\q\"", &s), WS_ESYNTAX);
  assert_string_equal(s.ptr, "old");
  assert_int_equal(read_top_str(&d, "12", &s), WS_ETYPE);
  assert_string_equal(s.ptr, "old");
  ws_str_free(&s);
}

static void test_string_raw_control_character_is_error(void **state) {
  (void)state;
  expect_str_error("\"a\nb\"", WS_ESYNTAX, 3,
                   "unescaped control character 0x0a in a string");
  expect_str_error("\"a\tb\"", WS_ESYNTAX, 3,
                   "unescaped control character 0x09 in a string");
}

static void test_string_raw_nul_is_error(void **state) {
  (void)state;
  doc d;
  ws_reader *r = open_n(&d, "\"a\0\"", 4);
  ws_str s = {NULL, 0};
  assert_int_equal(ws_read_str(r, &s), WS_ESYNTAX);
  expect_error(&d, WS_ESYNTAX, 1, 3, "$",
               "unescaped control character 0x00 in a string");
  ws_reader_free(r);
}

static void test_string_unterminated(void **state) {
  (void)state;
  expect_str_error("\"abc", WS_ESYNTAX, 1,
                   "unexpected end of input, expected '\"' to end the string");
  expect_str_error("\"abc\\\"", WS_ESYNTAX, 1,
                   "unexpected end of input, expected '\"' to end the string");
  expect_str_error("\"abc\\", WS_ESYNTAX, 5,
                   "unexpected end of input, expected '\"' to end the string");
}

static void test_string_unknown_escape(void **state) {
  (void)state;
  expect_str_error("\"ab\\x\"", WS_ESYNTAX, 4,
                   "invalid escape \\x in a string");
  expect_str_error("\"\\'\"", WS_ESYNTAX, 2, "invalid escape \\' in a string");
  expect_str_error("\"\\\xc3\xa9\"", WS_ESYNTAX, 2,
                   "invalid escape: byte 0xc3 after \\ in a string");
}

static void test_string_bad_unicode_escape(void **state) {
  (void)state;
  expect_str_error("\"\\u12G4\"", WS_ESYNTAX, 2,
                   "expected 4 hex digits after \\u in a string");
  expect_str_error("\"\\u12\"", WS_ESYNTAX, 2,
                   "expected 4 hex digits after \\u in a string");
  expect_str_error("\"\\u", WS_ESYNTAX, 2,
                   "expected 4 hex digits after \\u in a string");
}

static void test_string_lone_high_surrogate(void **state) {
  (void)state;
  expect_str_error("\"a\\ud800\"", WS_EUTF8, 3,
                   "lone surrogate escape \\ud800");
  expect_str_error("\"\\uD83D\"", WS_EUTF8, 2, "lone surrogate escape \\ud83d");
}

static void test_string_lone_low_surrogate(void **state) {
  (void)state;
  expect_str_error("\"\\ude00\\ud83d\"", WS_EUTF8, 2,
                   "lone surrogate escape \\ude00");
}

static void test_string_high_surrogate_with_wrong_partner(void **state) {
  (void)state;
  expect_str_error("\"\\ud83d\\u0041\"", WS_EUTF8, 2,
                   "lone surrogate escape \\ud83d");
  expect_str_error("\"\\ud83d\\ud83d\"", WS_EUTF8, 2,
                   "lone surrogate escape \\ud83d");
  expect_str_error("\"\\ud83d\\n\"", WS_EUTF8, 2,
                   "lone surrogate escape \\ud83d");
}

static void test_utf8_overlong_forms_are_rejected(void **state) {
  (void)state;
  expect_str_error("\"x\xc0\x80\"", WS_EUTF8, 3, "invalid UTF-8 byte 0xc0");
  expect_str_error("\"\xc1\xbf\"", WS_EUTF8, 2, "invalid UTF-8 byte 0xc1");
  expect_str_error("\"\xe0\x80\x80\"", WS_EUTF8, 2, "invalid UTF-8 byte 0xe0");
  expect_str_error("\"\xf0\x80\x80\x80\"", WS_EUTF8, 2,
                   "invalid UTF-8 byte 0xf0");
}

static void test_utf8_encoded_surrogates_are_rejected(void **state) {
  (void)state;
  expect_str_error("\"ab\xed\xa0\x80\"", WS_EUTF8, 4,
                   "invalid UTF-8 byte 0xed");
  expect_str_error("\"\xed\xbf\xbf\"", WS_EUTF8, 2, "invalid UTF-8 byte 0xed");
}

static void test_utf8_above_max_code_point_is_rejected(void **state) {
  (void)state;
  expect_str_error("\"\xf4\x90\x80\x80\"", WS_EUTF8, 2,
                   "invalid UTF-8 byte 0xf4");
  expect_str_error("\"\xf5\x80\x80\x80\"", WS_EUTF8, 2,
                   "invalid UTF-8 byte 0xf5");
  expect_str_error("\"\xff\"", WS_EUTF8, 2, "invalid UTF-8 byte 0xff");
}

static void test_utf8_stray_and_truncated_sequences_are_rejected(void **state) {
  (void)state;
  expect_str_error("\"a\x80\"", WS_EUTF8, 3, "invalid UTF-8 byte 0x80");
  expect_str_error("\"\xe2\x82\"", WS_EUTF8, 2, "invalid UTF-8 byte 0xe2");
  expect_str_error("\"\xe2\x82", WS_EUTF8, 2, "invalid UTF-8 byte 0xe2");
  expect_str_error("\"\xc3\x41\"", WS_EUTF8, 2, "invalid UTF-8 byte 0xc3");
}

static void test_utf8_error_offset_is_the_bad_byte(void **state) {
  (void)state;
  doc d;
  ws_str s = {NULL, 0};
  assert_int_equal(read_top_str(&d, "\n  \"\xc3\xa9z\xc0\x80\"", &s), WS_EUTF8);
  assert_int_equal(d.err.offset, 7);
  assert_int_equal(d.err.line, 2);
  assert_int_equal(d.err.col, 7);
}

static void test_invalid_utf8_outside_strings_is_utf8_error(void **state) {
  (void)state;
  doc d;
  ws_reader *r = open_doc(&d, "{\"a\": 1 \xff}");
  const char *key;
  size_t len;
  int64_t v;
  ws_read_object_begin(r, "an object");
  assert_true(ws_read_object_next(r, &key, &len));
  ws_read_int(r, &v);
  assert_false(ws_read_object_next(r, &key, &len));
  expect_error(&d, WS_EUTF8, 1, 9, "$", "invalid UTF-8 byte 0xff");
  ws_reader_free(r);
}

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

static void test_type_label_follows_the_path(void **state) {
  (void)state;
  doc d;
  int64_t v = 0;
  ws_reader *r = open_doc(&d, "{\"port\": \"80\"}");
  const char *key;
  size_t len;
  ws_path_set_type(r, "Thing");
  ws_read_object_begin(r, "an object");
  assert_true(ws_read_object_next(r, &key, &len));
  ws_path_push_key(r, key, len);
  ws_path_set_type(r, "int, 64-bit");
  assert_int_equal(ws_read_int(r, &v), WS_ETYPE);
  expect_error(&d, WS_ETYPE, 1, 10, "$.port",
               "expected an integer for $.port (int, 64-bit), found string "
               "\"80\"");
  ws_reader_free(r);
}

static void test_root_type_label_names_the_class(void **state) {
  (void)state;
  doc d;
  ws_reader *r = open_doc(&d, "[]");
  ws_path_set_type(r, "Thing");
  assert_int_equal(ws_read_object_begin(r, "an object"), WS_ETYPE);
  expect_error(&d, WS_ETYPE, 1, 1, "$",
               "expected an object for $ (Thing), found array");
  ws_reader_free(r);
}

static void test_pushed_segment_starts_without_a_label(void **state) {
  (void)state;
  doc d;
  bool b = false;
  ws_reader *r = open_doc(&d, "[1]");
  ws_path_set_type(r, "Thing");
  ws_read_array_begin(r, "an array");
  assert_true(ws_read_array_next(r));
  ws_path_push_index(r, 0);
  assert_int_equal(ws_read_bool(r, &b), WS_ETYPE);
  expect_error(&d, WS_ETYPE, 1, 2, "$[0]",
               "expected true or false for $[0], found number 1");
  ws_reader_free(r);
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

static void test_member_type_error_with_path(void **state) {
  (void)state;
  doc d;
  int64_t v;
  assert_int_equal(read_member_int(&d, "{\"port\": \"80\"}", &v), WS_ETYPE);
  expect_error(&d, WS_ETYPE, 1, 10, "$.port",
               "expected an integer for $.port, found string \"80\"");
}

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

/* ---- positions and paths ------------------------------------------------- */

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

static void test_path_identifier_key_uses_dot(void **state) {
  (void)state;
  doc d;
  ws_reader *r = open_doc(&d, "");
  char path[64];
  ws_path_push_key(r, "headers", 7);
  ws_path_push_key(r, "Host", 4);
  ws_reader_path(r, path, sizeof path);
  assert_string_equal(path, "$.headers.Host");
  ws_reader_free(r);
}

static void test_path_other_keys_use_quoted_brackets(void **state) {
  (void)state;
  doc d;
  ws_reader *r = open_doc(&d, "");
  char path[128];
  ws_path_push_key(r, "headers", 7);
  ws_path_push_key(r, "Set-Cookie", 10);
  ws_reader_path(r, path, sizeof path);
  assert_string_equal(path, "$.headers[\"Set-Cookie\"]");
  ws_path_pop(r);
  ws_path_push_key(r, "1st", 3);
  ws_path_push_key(r, "", 0);
  ws_path_push_key(r, "q\"\\\n\xc3\xa9", 6);
  ws_reader_path(r, path, sizeof path);
  assert_string_equal(path,
                      "$.headers[\"1st\"][\"\"][\"q\\\"\\\\\\n\xc3\xa9\"]");
  ws_reader_free(r);
}

static void test_path_indexes_and_pop(void **state) {
  (void)state;
  doc d;
  ws_reader *r = open_doc(&d, "");
  char path[64];
  ws_path_push_key(r, "protocols", 9);
  ws_path_push_index(r, 3);
  ws_reader_path(r, path, sizeof path);
  assert_string_equal(path, "$.protocols[3]");
  ws_path_pop(r);
  ws_path_pop(r);
  ws_path_pop(r); /* one too many: harmless */
  ws_reader_path(r, path, sizeof path);
  assert_string_equal(path, "$");
  ws_reader_free(r);
}

static void test_path_survives_key_storage_growth(void **state) {
  (void)state;
  doc d;
  ws_reader *r = open_doc(&d, "");
  char key[200], path[256];
  memset(key, 'k', sizeof key);
  ws_path_push_key(r, "a", 1);
  for (int i = 0; i < 3; i++) {
    assert_int_equal(ws_path_push_key(r, key, 50), WS_OK);
  }
  ws_path_push_key(r, "z", 1);
  ws_reader_path(r, path, sizeof path);
  assert_int_equal(strncmp(path, "$.a.kkk", 7), 0);
  assert_string_equal(path + strlen(path) - 2, ".z");
  ws_reader_free(r);
}

static void test_path_is_truncated_to_its_buffer(void **state) {
  (void)state;
  doc d;
  ws_reader *r = open_doc(&d, "");
  char path[6];
  ws_path_push_key(r, "abcdef", 6);
  ws_reader_path(r, path, sizeof path);
  assert_string_equal(path, "$.abc");
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

static void test_reader_quote_escapes_and_cuts(void **state) {
  (void)state;
  char out[128];
  ws_reader_quote(out, sizeof out, "a\"b\\c\x01\xff", 7);
  assert_string_equal(out, "\"a\\\"b\\\\c\\u0001\\xff\"");
  ws_reader_quote(out, sizeof out,
                  "0123456789012345678901234567890123456789tail", 44);
  assert_string_equal(out, "\"0123456789012345678901234567890123456789...\"");
}

static void test_reader_offset_skips_whitespace(void **state) {
  (void)state;
  doc d;
  ws_reader *r = open_doc(&d, "  \n 1");
  assert_int_equal(ws_reader_offset(r), 4);
  ws_reader_free(r);
}

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

/* ---- reader state -------------------------------------------------------- */

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

/* ---- headers ------------------------------------------------------------- */

static ws_status read_headers_doc(doc *d, const char *json, ws_headers *h) {
  ws_reader *r = open_doc(d, json);
  const char *key;
  size_t len;
  ws_read_object_begin(r, "an object");
  while (ws_read_object_next(r, &key, &len)) {
    ws_path_push_key(r, key, len);
    ws_read_headers(r, h);
    ws_path_pop(r);
  }
  ws_read_end(r);
  ws_reader_free(r);
  return d->r.status;
}

static void expect_header(const ws_headers *h, size_t i, const char *name,
                          const char *value) {
  assert_true(i < h->len);
  assert_string_equal(ws_str_c(&h->items[i].name), name);
  assert_string_equal(ws_str_c(&h->items[i].value), value);
}

static void test_headers_strings_and_lists_in_order(void **state) {
  (void)state;
  doc d;
  ws_headers h = {NULL, 0, 0};
  assert_int_equal(
      read_headers_doc(&d,
                       "{\"headers\": {\"Host\": \"example.com\", "
                       "\"Set-Cookie\": [\"a=1\", \"b=2\"], \"X\": [], "
                       "\"host\": \"\"}}",
                       &h),
      WS_OK);
  assert_int_equal(h.len, 4);
  expect_header(&h, 0, "Host", "example.com");
  expect_header(&h, 1, "Set-Cookie", "a=1");
  expect_header(&h, 2, "Set-Cookie", "b=2");
  expect_header(&h, 3, "host", "");
  ws_headers_free(&h);
}

static void test_headers_empty_object(void **state) {
  (void)state;
  doc d;
  ws_headers h = {NULL, 0, 0};
  assert_int_equal(read_headers_doc(&d, "{\"headers\": {}}", &h), WS_OK);
  assert_int_equal(h.len, 0);
}

static void test_headers_replace_previous_entries(void **state) {
  (void)state;
  doc d;
  ws_headers h = {NULL, 0, 0};
  assert_int_equal(ws_headers_add(&h, ws_cstr("Old"), ws_cstr("1")), WS_OK);
  assert_int_equal(read_headers_doc(&d, "{\"h\": {\"New\": \"2\"}}", &h),
                   WS_OK);
  assert_int_equal(h.len, 1);
  expect_header(&h, 0, "New", "2");
  ws_headers_free(&h);
}

static void test_headers_duplicate_name_is_error(void **state) {
  (void)state;
  doc d;
  ws_headers h = {NULL, 0, 0};
  assert_int_equal(ws_headers_add(&h, ws_cstr("Old"), ws_cstr("1")), WS_OK);
  assert_int_equal(
      read_headers_doc(
          &d, "{\"headers\": {\"Host\": \"a\",\n \"Host\": \"b\"}}", &h),
      WS_EDUPLICATE);
  expect_error(&d, WS_EDUPLICATE, 2, 2, "$.headers",
               "duplicate key \"Host\" in $.headers");
  assert_int_equal(h.len, 1); /* unchanged on failure */
  expect_header(&h, 0, "Old", "1");
  ws_headers_free(&h);
}

static void test_headers_duplicate_after_empty_list_is_error(void **state) {
  (void)state;
  doc d;
  ws_headers h = {NULL, 0, 0};
  assert_int_equal(
      read_headers_doc(&d, "{\"h\": {\"X-A\": [], \"X-A\": \"1\"}}", &h),
      WS_EDUPLICATE);
  assert_string_equal(d.err.msg, "duplicate key \"X-A\" in $.h");
  assert_int_equal(h.len, 0);
}

static void test_headers_names_differing_in_case_are_not_duplicates(void **s) {
  (void)s;
  doc d;
  ws_headers h = {NULL, 0, 0};
  assert_int_equal(
      read_headers_doc(&d, "{\"h\": {\"Host\": \"a\", \"HOST\": \"b\"}}", &h),
      WS_OK);
  assert_int_equal(h.len, 2);
  ws_headers_free(&h);
}

static void test_headers_value_wrong_type(void **state) {
  (void)state;
  doc d;
  ws_headers h = {NULL, 0, 0};
  assert_int_equal(read_headers_doc(&d, "{\"headers\": {\"Host\": 1}}", &h),
                   WS_ETYPE);
  expect_error(&d, WS_ETYPE, 1, 22, "$.headers.Host",
               "expected a string or a list of strings for $.headers.Host, "
               "found number 1");
}

static void test_headers_list_element_wrong_type(void **state) {
  (void)state;
  doc d;
  ws_headers h = {NULL, 0, 0};
  assert_int_equal(
      read_headers_doc(&d, "{\"headers\": {\"Set-Cookie\": [\"a\", null]}}",
                       &h),
      WS_ETYPE);
  expect_error(
      &d, WS_ETYPE, 1, 34, "$.headers[\"Set-Cookie\"][1]",
      "expected a string for $.headers[\"Set-Cookie\"][1], found null");
  assert_int_equal(h.len, 0);
}

static void test_headers_not_an_object(void **state) {
  (void)state;
  doc d;
  ws_headers h = {NULL, 0, 0};
  assert_int_equal(read_headers_doc(&d, "{\"headers\": [\"Host\"]}", &h),
                   WS_ETYPE);
  assert_string_equal(d.err.msg,
                      "expected a headers object for $.headers, found array");
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
  expect_error(&d, WS_EDEPTH, 1, WS_JSON_MAX_DEPTH + 1, "$",
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

static void test_path_push_beyond_max_depth_is_depth_error(void **state) {
  (void)state;
  doc d;
  ws_reader *r = open_doc(&d, "");
  for (size_t i = 0; i < WS_JSON_MAX_DEPTH; i++) {
    assert_int_equal(ws_path_push_index(r, i), WS_OK);
  }
  assert_int_equal(ws_path_push_index(r, 0), WS_EDEPTH);
  assert_string_equal(d.err.msg, "nesting deeper than 64 levels");
  ws_reader_free(r);
}

/* ---- allocation failure -------------------------------------------------- */

typedef struct alloc_case {
  const char *json;
  ws_str str;
  ws_bytes bytes;
  ws_headers headers;
  int64_t sum;
} alloc_case;

static ws_status op_read_str(void *ctx) {
  alloc_case *c = ctx;
  doc d;
  ws_reader *r = open_doc(&d, c->json);
  ws_read_str(r, &c->str);
  ws_read_end(r);
  ws_reader_free(r);
  return d.r.status;
}

static ws_status op_read_bytes(void *ctx) {
  alloc_case *c = ctx;
  doc d;
  ws_reader *r = open_doc(&d, c->json);
  ws_read_bytes(r, &c->bytes);
  ws_reader_free(r);
  return d.r.status;
}

/* Every member's value summed, with keys pushed on the path. */
static ws_status op_read_members(void *ctx) {
  alloc_case *c = ctx;
  doc d;
  ws_reader *r = open_doc(&d, c->json);
  const char *key;
  size_t len;
  c->sum = 0;
  ws_read_object_begin(r, "an object");
  while (ws_read_object_next(r, &key, &len)) {
    int64_t v = 0;
    ws_path_push_key(r, key, len);
    ws_read_int(r, &v);
    ws_path_pop(r);
    c->sum += v;
  }
  ws_read_end(r);
  ws_reader_free(r);
  return d.r.status;
}

static ws_status op_read_headers(void *ctx) {
  alloc_case *c = ctx;
  doc d;
  ws_reader *r = open_doc(&d, c->json);
  ws_read_headers(r, &c->headers);
  ws_read_end(r);
  ws_reader_free(r);
  return d.r.status;
}

static void free_case(void *ctx) {
  alloc_case *c = ctx;
  ws_str_free(&c->str);
  ws_bytes_free(&c->bytes);
  ws_headers_free(&c->headers);
}

static void test_read_str_survives_allocation_failure(void **state) {
  (void)state;
  alloc_case c = {"\"caf\\u00e9\"", {NULL, 0}, {NULL, 0}, {NULL, 0, 0}, 0};
  assert_true(failalloc_check(op_read_str, free_case, &c) >= 1);
}

static void test_read_str_failure_reports_enomem_and_keeps_old(void **s) {
  (void)s;
  doc d;
  ws_str str = {NULL, 0};
  assert_int_equal(ws_str_set(&str, "old", 3), WS_OK);
  failalloc_install();
  failalloc_fail_at(1);
  ws_reader *r = open_doc(&d, "\"new\"");
  assert_int_equal(ws_read_str(r, &str), WS_ENOMEM);
  failalloc_uninstall();
  expect_error(&d, WS_ENOMEM, 1, 1, "$", "out of memory");
  assert_string_equal(str.ptr, "old");
  ws_reader_free(r);
  ws_str_free(&str);
}

static void test_read_bytes_survives_allocation_failure(void **state) {
  (void)state;
  alloc_case c = {"\"aGVsbG8=\"", {NULL, 0}, {NULL, 0}, {NULL, 0, 0}, 0};
  assert_true(failalloc_check(op_read_bytes, free_case, &c) >= 1);
}

static void test_keys_and_path_survive_allocation_failure(void **state) {
  (void)state;
  /* A key longer than the reader's inline room makes the key scratch grow;
   * its escape makes the path keep a decoded copy (a plain key's path
   * segment points at the source instead). */
  alloc_case c = {"{\"a\": 1, \"a-rather-long-key-that-needs-more-room-than-"
                  "the-inline-buffer-has-for-it\\u0021\": 2, \"b\": 3}",
                  {NULL, 0},
                  {NULL, 0},
                  {NULL, 0, 0},
                  0};
  assert_true(failalloc_check(op_read_members, free_case, &c) >= 2);
  assert_int_equal(c.sum, 6);
}

static void test_read_headers_survives_allocation_failure(void **state) {
  (void)state;
  alloc_case c = {"{\"Host\": \"a\", \"Set-Cookie\": [\"x\", \"y\"], "
                  "\"E\": []}",
                  {NULL, 0},
                  {NULL, 0},
                  {NULL, 0, 0},
                  0};
  assert_true(failalloc_check(op_read_headers, free_case, &c) >= 3);
  assert_int_equal(op_read_headers(&c), WS_OK); /* the sweep freed its own */
  assert_int_equal(c.headers.len, 3);
  free_case(&c);
}

/* The scanner looks at 16 (or 8) bytes at a time: a stop byte must be found
 * wherever it falls in a block, and the text around it kept whole. */
static void test_string_escape_at_every_block_offset(void **state) {
  (void)state;
  for (size_t k = 0; k < 40; k++) {
    char json[96], want[96];
    memset(json, 'a', sizeof json);
    memset(want, 'a', sizeof want);
    json[0] = '"';
    memcpy(json + 1 + k, "\\n", 2);
    want[k] = '\n';
    json[1 + k + 2 + 20] = '"'; /* 20 more plain bytes after the escape */
    json[1 + k + 2 + 21] = '\0';
    expect_str_value(json, want, k + 1 + 20);
  }
}

static void test_string_control_byte_at_every_block_offset(void **state) {
  (void)state;
  for (size_t k = 0; k < 40; k++) {
    char json[96];
    memset(json, 'a', sizeof json);
    json[0] = '"';
    json[1 + k] = '\x1f';
    json[60] = '"';
    json[61] = '\0';
    expect_str_error(json, WS_ESYNTAX, k + 2,
                     "unescaped control character 0x1f in a string");
  }
}

static void test_string_bad_utf8_at_every_block_offset(void **state) {
  (void)state;
  for (size_t k = 0; k < 40; k++) {
    char json[96];
    memset(json, 'a', sizeof json);
    json[0] = '"';
    memcpy(json + 1 + k, "\xc3\xa9\xff", 3); /* a valid é, then a bad byte */
    json[60] = '"';
    json[61] = '\0';
    expect_str_error(json, WS_EUTF8, k + 4, "invalid UTF-8 byte 0xff");
  }
}

/* Multi-byte runs are checked inline for the common lead bytes; the edges
 * of the ranges still go through the full check. */
static void test_string_multibyte_range_edges(void **state) {
  (void)state;
  expect_str_value("\"x\xe0\xa0\x80y\xed\x9f\xbf\xef\xbf\xbfz\"",
                   "x\xe0\xa0\x80y\xed\x9f\xbf\xef\xbf\xbfz", 12);
  expect_str_error("\"ab\xe0\x9f\xbf\"", WS_EUTF8, 4,
                   "invalid UTF-8 byte 0xe0"); /* overlong */
  expect_str_error("\"ab\xc3\xa9\xed\xa0\x80\"", WS_EUTF8, 6,
                   "invalid UTF-8 byte 0xed"); /* a surrogate */
  expect_str_error("\"ab\xc1\xbf\"", WS_EUTF8, 4, "invalid UTF-8 byte 0xc1");
  expect_str_error("\"ab\xe2\x82\"", WS_EUTF8, 4, "invalid UTF-8 byte 0xe2");
}

static void test_path_names_escaped_key_decoded(void **state) {
  (void)state;
  doc d;
  int64_t v = 0;
  assert_int_equal(read_member_int(&d, "{\"a\\u0062\": \"x\"}", &v), WS_ETYPE);
  assert_string_equal(d.err.path, "$.ab");
}

/* "{\"headers\": {\"x-h-0\": \"0\", ...}}" with n names; then `extra`. */
static void many_headers_doc(char *out, size_t size, size_t n,
                             const char *extra) {
  size_t len = (size_t)snprintf(out, size, "{\"headers\": {");
  for (size_t i = 0; i < n; i++) {
    len += (size_t)snprintf(out + len, size - len, "%s\"x-h-%zu\": \"%zu\"",
                            i ? ", " : "", i, i);
  }
  snprintf(out + len, size - len, "%s}}", extra);
}

static void test_headers_many_names_are_all_kept(void **state) {
  (void)state;
  static char json[16384];
  many_headers_doc(json, sizeof json, 300, "");
  doc d;
  ws_headers h = {NULL, 0, 0};
  assert_int_equal(read_headers_doc(&d, json, &h), WS_OK);
  assert_int_equal(h.len, 300);
  expect_header(&h, 0, "x-h-0", "0");
  expect_header(&h, 299, "x-h-299", "299");
  ws_headers_free(&h);
}

static void test_headers_duplicate_found_among_many_names(void **state) {
  (void)state;
  static char json[16384];
  many_headers_doc(json, sizeof json, 300, ", \"x-h-157\": \"again\"");
  doc d;
  ws_headers h = {NULL, 0, 0};
  assert_int_equal(read_headers_doc(&d, json, &h), WS_EDUPLICATE);
  assert_string_equal(d.err.msg, "duplicate key \"x-h-157\" in $.headers");
  assert_int_equal(h.len, 0);
}

static void test_many_headers_survive_allocation_failure(void **state) {
  (void)state;
  static char json[8192];
  /* 100 names: past the stack room for names, entries and the table. */
  many_headers_doc(json, sizeof json, 100, "");
  alloc_case c = {json + strlen("{\"headers\": "), {NULL, 0}, {NULL, 0},
                  {NULL, 0, 0}, 0};
  json[strlen(json) - 1] = '\0'; /* the headers object alone */
  assert_true(failalloc_check(op_read_headers, free_case, &c) >= 100);
  assert_int_equal(op_read_headers(&c), WS_OK);
  assert_int_equal(c.headers.len, 100);
  free_case(&c);
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_string_plain_ascii),
      cmocka_unit_test(test_string_empty_reads_as_empty),
      cmocka_unit_test(test_string_result_is_nul_terminated),
      cmocka_unit_test(test_string_simple_escapes),
      cmocka_unit_test(test_string_unicode_escapes_in_each_utf8_length),
      cmocka_unit_test(test_string_escaped_nul_is_kept),
      cmocka_unit_test(test_string_surrogate_pair_is_one_code_point),
      cmocka_unit_test(test_string_raw_utf8_of_each_length),
      cmocka_unit_test(test_string_long_mixed_text_round_trips),
      cmocka_unit_test(test_read_str_replaces_previous_value),
      cmocka_unit_test(test_read_str_failure_leaves_out_unchanged),
      cmocka_unit_test(test_string_raw_control_character_is_error),
      cmocka_unit_test(test_string_raw_nul_is_error),
      cmocka_unit_test(test_string_unterminated),
      cmocka_unit_test(test_string_unknown_escape),
      cmocka_unit_test(test_string_bad_unicode_escape),
      cmocka_unit_test(test_string_lone_high_surrogate),
      cmocka_unit_test(test_string_lone_low_surrogate),
      cmocka_unit_test(test_string_high_surrogate_with_wrong_partner),
      cmocka_unit_test(test_utf8_overlong_forms_are_rejected),
      cmocka_unit_test(test_utf8_encoded_surrogates_are_rejected),
      cmocka_unit_test(test_utf8_above_max_code_point_is_rejected),
      cmocka_unit_test(test_utf8_stray_and_truncated_sequences_are_rejected),
      cmocka_unit_test(test_utf8_error_offset_is_the_bad_byte),
      cmocka_unit_test(test_invalid_utf8_outside_strings_is_utf8_error),
      cmocka_unit_test(test_type_label_follows_the_path),
      cmocka_unit_test(test_root_type_label_names_the_class),
      cmocka_unit_test(test_pushed_segment_starts_without_a_label),
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
      cmocka_unit_test(test_number_text_in_messages_is_cut),
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
      cmocka_unit_test(test_array_elements_and_nesting),
      cmocka_unit_test(test_object_wrong_type_names_expected_phrase),
      cmocka_unit_test(test_member_type_error_with_path),
      cmocka_unit_test(test_found_token_descriptions),
      cmocka_unit_test(test_wrong_value_type_is_type_error_non_value_is_syntax),
      cmocka_unit_test(test_found_long_string_is_cut_and_escaped),
      cmocka_unit_test(test_end_of_input_where_a_value_is_expected),
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
      cmocka_unit_test(test_line_and_column_count_lf_and_bytes),
      cmocka_unit_test(test_path_identifier_key_uses_dot),
      cmocka_unit_test(test_path_other_keys_use_quoted_brackets),
      cmocka_unit_test(test_path_indexes_and_pop),
      cmocka_unit_test(test_path_survives_key_storage_growth),
      cmocka_unit_test(test_path_is_truncated_to_its_buffer),
      cmocka_unit_test(test_reader_fail_uses_position_and_path),
      cmocka_unit_test(test_reader_fail_at_earlier_line),
      cmocka_unit_test(test_reader_quote_escapes_and_cuts),
      cmocka_unit_test(test_reader_offset_skips_whitespace),
      cmocka_unit_test(test_peek_reports_each_kind),
      cmocka_unit_test(test_errors_are_sticky_and_keep_the_first_record),
      cmocka_unit_test(test_null_err_uses_own_record),
      cmocka_unit_test(test_init_clears_error_and_copies_options),
      cmocka_unit_test(test_trailing_whitespace_is_fine),
      cmocka_unit_test(test_trailing_data_is_error),
      cmocka_unit_test(test_headers_strings_and_lists_in_order),
      cmocka_unit_test(test_headers_empty_object),
      cmocka_unit_test(test_headers_replace_previous_entries),
      cmocka_unit_test(test_headers_duplicate_name_is_error),
      cmocka_unit_test(test_headers_duplicate_after_empty_list_is_error),
      cmocka_unit_test(test_headers_names_differing_in_case_are_not_duplicates),
      cmocka_unit_test(test_headers_value_wrong_type),
      cmocka_unit_test(test_headers_list_element_wrong_type),
      cmocka_unit_test(test_headers_not_an_object),
      cmocka_unit_test(test_skip_every_kind_of_value),
      cmocka_unit_test(test_skip_then_continue_object),
      cmocka_unit_test(test_skip_checks_what_it_skips),
      cmocka_unit_test(test_skip_at_end_of_input),
      cmocka_unit_test(test_skip_very_deep_nesting_fails_with_depth_error),
      cmocka_unit_test(test_skip_deep_objects_fail_with_depth_error),
      cmocka_unit_test(test_skip_exactly_max_depth_succeeds),
      cmocka_unit_test(test_skip_counts_depth_of_enclosing_containers),
      cmocka_unit_test(test_begin_beyond_max_depth_is_depth_error),
      cmocka_unit_test(test_path_push_beyond_max_depth_is_depth_error),
      cmocka_unit_test(test_read_str_survives_allocation_failure),
      cmocka_unit_test(test_read_str_failure_reports_enomem_and_keeps_old),
      cmocka_unit_test(test_read_bytes_survives_allocation_failure),
      cmocka_unit_test(test_keys_and_path_survive_allocation_failure),
      cmocka_unit_test(test_read_headers_survives_allocation_failure),
      cmocka_unit_test(test_string_escape_at_every_block_offset),
      cmocka_unit_test(test_string_control_byte_at_every_block_offset),
      cmocka_unit_test(test_string_bad_utf8_at_every_block_offset),
      cmocka_unit_test(test_string_multibyte_range_edges),
      cmocka_unit_test(test_path_names_escaped_key_decoded),
      cmocka_unit_test(test_headers_many_names_are_all_kept),
      cmocka_unit_test(test_headers_duplicate_found_among_many_names),
      cmocka_unit_test(test_many_headers_survive_allocation_failure),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
