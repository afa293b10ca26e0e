/* Tests for ws_utf8.c: strict validation, decoding, encoding, counting. */
#include "failalloc.h"

#include <string.h>

#include "ws_utf8.h"

/* Validity of a byte string given as a literal with its length. */
#define VALID(lit) ws_utf8_valid(lit, sizeof(lit) - 1, NULL)

/* Offset reported for an invalid string. */
static size_t bad_offset(const char *s, size_t len) {
  size_t at = 12345;
  assert_false(ws_utf8_valid(s, len, &at));
  return at;
}

static void test_valid_empty_and_ascii(void **state) {
  (void)state;
  assert_true(ws_utf8_valid(NULL, 0, NULL));
  assert_true(VALID("plain ASCII text, long enough to use the word loop"));
  assert_true(VALID("\x7f\x01"));
}

static void test_valid_embedded_nul(void **state) {
  (void)state;
  assert_true(VALID("a\0b"));
  assert_true(VALID("\0\0\0\0\0\0\0\0\0\0"));
}

static void test_valid_multibyte_boundaries(void **state) {
  (void)state;
  assert_true(VALID("\xc2\x80"));         /* U+0080 */
  assert_true(VALID("\xdf\xbf"));         /* U+07FF */
  assert_true(VALID("\xe0\xa0\x80"));     /* U+0800 */
  assert_true(VALID("\xed\x9f\xbf"));     /* U+D7FF */
  assert_true(VALID("\xee\x80\x80"));     /* U+E000 */
  assert_true(VALID("\xef\xbf\xbf"));     /* U+FFFF */
  assert_true(VALID("\xf0\x90\x80\x80")); /* U+10000 */
  assert_true(VALID("\xf4\x8f\xbf\xbf")); /* U+10FFFF */
  assert_true(VALID("h\xc3\xa9llo w\xc3\xb6rld \xe2\x82\xac \xf0\x9f\x98\x80"));
}

static void test_overlong_forms_rejected(void **state) {
  (void)state;
  assert_false(VALID("\xc0\x80"));         /* NUL, 2 bytes */
  assert_false(VALID("\xc1\xbf"));         /* U+007F, 2 bytes */
  assert_false(VALID("\xe0\x80\x80"));     /* NUL, 3 bytes */
  assert_false(VALID("\xe0\x9f\xbf"));     /* U+07FF, 3 bytes */
  assert_false(VALID("\xf0\x80\x80\x80")); /* NUL, 4 bytes */
  assert_false(VALID("\xf0\x8f\xbf\xbf")); /* U+FFFF, 4 bytes */
}

static void test_surrogates_rejected(void **state) {
  (void)state;
  assert_false(VALID("\xed\xa0\x80"));             /* U+D800 */
  assert_false(VALID("\xed\xbf\xbf"));             /* U+DFFF */
  assert_false(VALID("\xed\xa0\xbd\xed\xb8\x80")); /* CESU-8 pair */
}

static void test_above_max_rejected(void **state) {
  (void)state;
  assert_false(VALID("\xf4\x90\x80\x80")); /* U+110000 */
  assert_false(VALID("\xf5\x80\x80\x80"));
  assert_false(VALID("\xf8\x88\x80\x80\x80"));
  assert_false(VALID("\xff"));
  assert_false(VALID("\xfe"));
}

static void test_truncated_sequences_rejected(void **state) {
  (void)state;
  assert_false(VALID("\xc3"));
  assert_false(VALID("\xe2\x82"));
  assert_false(VALID("\xf0\x9f\x98"));
  assert_false(VALID("\xe2\x82x"));    /* continuation replaced */
  assert_false(VALID("\xc3\xc3\xa9")); /* a lead byte where a trail was due */
}

static void test_lone_continuation_rejected(void **state) {
  (void)state;
  assert_false(VALID("\x80"));
  assert_false(VALID("abc\xbf"));
}

static void test_bad_at_points_at_sequence_start(void **state) {
  (void)state;
  assert_int_equal(bad_offset("\x80", 1), 0);
  assert_int_equal(bad_offset("ok \xc3\xa9 \xe2\x82", 8), 6);
  /* past the word-at-a-time prefix */
  const char *s = "0123456789abcdefghij\xed\xa0\x80";
  assert_int_equal(bad_offset(s, strlen(s)), 20);
  assert_int_equal(bad_offset("a\0b\xc0\x80", 5), 3);
}

static void test_decode_each_length(void **state) {
  (void)state;
  uint32_t cp = 0;
  assert_int_equal(ws_utf8_decode("A", 1, &cp), 1);
  assert_int_equal(cp, 0x41);
  assert_int_equal(ws_utf8_decode("\xc3\xa9", 2, &cp), 2);
  assert_int_equal(cp, 0xE9);
  assert_int_equal(ws_utf8_decode("\xe2\x82\xac!", 4, &cp), 3);
  assert_int_equal(cp, 0x20AC);
  assert_int_equal(ws_utf8_decode("\xf4\x8f\xbf\xbf", 4, &cp), 4);
  assert_int_equal(cp, 0x10FFFF);
}

static void test_decode_invalid_gives_replacement(void **state) {
  (void)state;
  uint32_t cp = 0;
  assert_int_equal(ws_utf8_decode("\xe2\x82", 2, &cp), 1);
  assert_int_equal(cp, 0xFFFD);
  assert_int_equal(ws_utf8_decode("x", 0, &cp), 0);
}

static void test_next_reports_invalid_as_zero(void **state) {
  (void)state;
  uint32_t cp = 0;
  assert_int_equal(ws_utf8_next("\xf0\x9f\x98\x80", 4, &cp), 4);
  assert_int_equal(cp, 0x1F600);
  assert_int_equal(ws_utf8_next("\xf0\x9f\x98\x80", 3, &cp), 0);
  assert_int_equal(ws_utf8_next("\xc0\x80", 2, &cp), 0);
  assert_int_equal(ws_utf8_next("\xed\xa0\x80", 3, &cp), 0);
  assert_int_equal(ws_utf8_next("", 0, &cp), 0);
}

static void test_multibyte_run_stops_at_ascii_or_invalid(void **state) {
  (void)state;
  const char *s = "\xc3\xa9\xe2\x82\xac\xf0\x9f\x98\x80x\xc3\xa9";
  assert_int_equal(ws_utf8_multibyte_run(s, strlen(s)), 9);
  assert_int_equal(ws_utf8_multibyte_run("abc", 3), 0);
  assert_int_equal(ws_utf8_multibyte_run("\xc3\xa9\xc0\x80", 4), 2);
  assert_int_equal(ws_utf8_multibyte_run("\xc3\xa9\xe2\x82", 4), 2);
  assert_int_equal(ws_utf8_multibyte_run("\xed\xa0\x80", 3), 0);
  assert_int_equal(ws_utf8_multibyte_run(NULL, 0), 0);
}

static void test_encode_each_length(void **state) {
  (void)state;
  char out[4];
  assert_int_equal(ws_utf8_encode(0, out), 1);
  assert_int_equal(out[0], 0);
  assert_int_equal(ws_utf8_encode(0x7F, out), 1);
  assert_int_equal(ws_utf8_encode(0x80, out), 2);
  assert_memory_equal(out, "\xc2\x80", 2);
  assert_int_equal(ws_utf8_encode(0x7FF, out), 2);
  assert_memory_equal(out, "\xdf\xbf", 2);
  assert_int_equal(ws_utf8_encode(0x800, out), 3);
  assert_memory_equal(out, "\xe0\xa0\x80", 3);
  assert_int_equal(ws_utf8_encode(0xFFFF, out), 3);
  assert_memory_equal(out, "\xef\xbf\xbf", 3);
  assert_int_equal(ws_utf8_encode(0x10000, out), 4);
  assert_memory_equal(out, "\xf0\x90\x80\x80", 4);
  assert_int_equal(ws_utf8_encode(0x10FFFF, out), 4);
  assert_memory_equal(out, "\xf4\x8f\xbf\xbf", 4);
}

static void test_encode_non_scalar_gives_replacement(void **state) {
  (void)state;
  char out[4];
  assert_int_equal(ws_utf8_encode(0xD800, out), 3);
  assert_memory_equal(out, "\xef\xbf\xbd", 3);
  assert_int_equal(ws_utf8_encode(0x110000, out), 3);
  assert_memory_equal(out, "\xef\xbf\xbd", 3);
}

static void test_encode_decode_round_trip(void **state) {
  (void)state;
  for (uint32_t cp = 0; cp <= 0x10FFFF; cp += (cp < 0x11000 ? 1 : 97)) {
    if (cp >= 0xD800 && cp <= 0xDFFF) {
      continue;
    }
    char out[4];
    size_t n = ws_utf8_encode(cp, out);
    assert_true(ws_utf8_valid(out, n, NULL));
    uint32_t back = 0;
    assert_int_equal(ws_utf8_next(out, n, &back), n);
    assert_int_equal(back, cp);
  }
}

static void test_count_code_points(void **state) {
  (void)state;
  assert_int_equal(ws_utf8_count("", 0), 0);
  assert_int_equal(ws_utf8_count("a\0b", 3), 3);
  const char *s = "h\xc3\xa9\xe2\x82\xac\xf0\x9f\x98\x80";
  assert_int_equal(ws_utf8_count(s, strlen(s)), 4);
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_valid_empty_and_ascii),
      cmocka_unit_test(test_valid_embedded_nul),
      cmocka_unit_test(test_valid_multibyte_boundaries),
      cmocka_unit_test(test_overlong_forms_rejected),
      cmocka_unit_test(test_surrogates_rejected),
      cmocka_unit_test(test_above_max_rejected),
      cmocka_unit_test(test_truncated_sequences_rejected),
      cmocka_unit_test(test_lone_continuation_rejected),
      cmocka_unit_test(test_bad_at_points_at_sequence_start),
      cmocka_unit_test(test_decode_each_length),
      cmocka_unit_test(test_decode_invalid_gives_replacement),
      cmocka_unit_test(test_next_reports_invalid_as_zero),
      cmocka_unit_test(test_multibyte_run_stops_at_ascii_or_invalid),
      cmocka_unit_test(test_encode_each_length),
      cmocka_unit_test(test_encode_non_scalar_gives_replacement),
      cmocka_unit_test(test_encode_decode_round_trip),
      cmocka_unit_test(test_count_code_points),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
