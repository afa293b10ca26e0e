/* Tests for the string scanner of ws_json_read.c: escapes, surrogate pairs,
 * UTF-8 checked byte by byte (and at every offset of the scanner's blocks),
 * the exact messages for each way a string can be wrong, and reading a
 * string under allocation failure. */
#include "failalloc.h"

#include <string.h>

#include "json_doc.h"
#include "ws_str.h"

/* ---- helpers ------------------------------------------------------------- */

/* Reads a top-level string; returns its status, the text in *out. */
static ws_status read_top_str(doc *d, const char *json, ws_str *out) {
  ws_reader *r = open_doc(d, json);
  ws_read_str(r, out);
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

/* ---- UTF-8 --------------------------------------------------------------- */

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

/* ---- the scanner's blocks ------------------------------------------------ */

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

/* ---- allocation failure -------------------------------------------------- */

/* What the sweep reads, and where the string goes. */
typedef struct str_case {
  const char *json;
  ws_str str;
} str_case;

static void free_str_case(void *ctx) {
  str_case *c = ctx;
  ws_str_free(&c->str);
}

static ws_status op_read_str(void *ctx) {
  str_case *c = ctx;
  doc d;
  ws_reader *r = open_doc(&d, c->json);
  ws_read_str(r, &c->str);
  ws_read_end(r);
  ws_reader_free(r);
  return d.r.status;
}

static void test_read_str_survives_allocation_failure(void **state) {
  (void)state;
  str_case c = {"\"caf\\u00e9\"", {NULL, 0}};
  assert_true(failalloc_check(op_read_str, free_str_case, &c) >= 1);
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
      cmocka_unit_test(test_string_escape_at_every_block_offset),
      cmocka_unit_test(test_string_control_byte_at_every_block_offset),
      cmocka_unit_test(test_string_bad_utf8_at_every_block_offset),
      cmocka_unit_test(test_string_multibyte_range_edges),
      cmocka_unit_test(test_read_str_survives_allocation_failure),
      cmocka_unit_test(test_read_str_failure_reports_enomem_and_keeps_old),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
