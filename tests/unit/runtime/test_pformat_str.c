/* test_pformat_str.c - ws_pformat_str.c against pprint in Python 3.11: a
 * str or bytes too wide for its line, broken into pieces (line boundaries,
 * words, spaces, code points that are not one byte, four-byte groups), at
 * the edges of the width. How the comparison with Python is made is
 * tests/lib/pformat_tree.h. */
#define _POSIX_C_SOURCE 200809L /* popen, mkstemp */

#include "pformat_tree.h"

/* ---- str ---- */

static void test_long_top_level_str_wraps_in_parentheses(void **state) {
  (void)state;
  expect_like_python(text(WORDS WORDS));
}

static void test_long_nested_str_wraps_without_parentheses(void **state) {
  (void)state;
  expect_like_python(LIST(text(WORDS WORDS), text("short")));
  expect_like_python(DICT(KV("reason", text(WORDS))));
}

static void test_str_breaks_at_every_line_boundary(void **state) {
  (void)state;
  expect_like_python(text("one\ntwo\rthree\r\nfour\vfive\fsix\x1cseven"
                          "\x1d"
                          "eight\x1enine\xc2\x85ten\xe2\x80\xa8"
                          "eleven\xe2\x80\xa9twelve\n"));
}

static void test_long_word_is_not_split(void **state) {
  (void)state;
  expect_like_python(text("https://example.com/" WORDS));
  static const char word[] = "abcdefghijklmnopqrstuvwxyzabcdefghijklmnopqrstuv"
                             "wxyzabcdefghijklmnopqrstuvwxyz";
  expect_like_python(text(word));
  expect_like_python(LIST(text(word)));
}

/* Plain text (printable ASCII without quotes) takes a shorter way: runs
 * of spaces, leading and trailing ones, words longer than a line, and the
 * last word on each side of the allowance. */
static void test_plain_text_with_space_runs_wraps_like_python(void **state) {
  (void)state;
  static const char spaced[] =
      "  leading spaces then  two   three    four     five      words and a "
      "verylongwordthatkeepsgoingpastthewidthofanylinewhatsoeverandthensome  "
      "trailing   ";
  expect_like_python(text(spaced));
  expect_like_python(DICT(KV("key", text(spaced))));
  for (size_t n = 70; n <= 84; n++) {
    expect_like_python(LIST(text_n(WORDS WORDS, n)));
    expect_like_python(LIST(LIST(text_n(WORDS WORDS, n + 40))));
  }
}

/* Pieces of plain text end where a look back from the width finds a word
 * end: at every indentation, down to none left (keys of 0 to 85 bytes
 * move the value), with runs of spaces where the look back starts. */
static void test_plain_text_at_every_indentation_like_python(void **state) {
  (void)state;
  static const char spaced[] =
      " a  bb   ccc    dddd     eeeee      ffffff       ggggggg        hhhh "
      "i j k l m n o p q r s t u v w x y z aa bb cc dd ee ff gg hh ii jj kk  "
      "  ll mm nn oo pp qq rr ss tt uu vv ww xx yy zz   ";
  static const char keys[] = "kkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkk"
                             "kkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkk";
  for (size_t k = 0; k <= 85; k += 5) {
    char key[sizeof keys];
    memcpy(key, keys, k);
    key[k] = '\0';
    expect_like_python(DICT(KV(key, text(spaced))));
  }
}

static void test_unicode_spaces_are_split_points(void **state) {
  (void)state;
  expect_like_python(text("alpha\xe3\x80\x80"
                          "beta\xc2\xa0gamma\xe2\x80\x83" WORDS "\xe1\x9a\x80"
                          "delta\xe2\x80\xaf" WORDS));
}

static void test_str_width_counts_code_points_not_bytes(void **state) {
  (void)state;
  /* 30 wide characters and astral ones: short in code points, long in
   * bytes; and escapes that are long in columns. */
  expect_like_python(
      LIST(text("\xe4\xb8\xad\xe6\x96\x87\xe4\xb8\xad\xe6\x96\x87\xe4\xb8\xad"
                "\xe6\x96\x87\xe4\xb8\xad\xe6\x96\x87\xe4\xb8\xad\xe6\x96\x87"
                "\xf0\x9f\x98\x80\xf0\x9f\x98\x80 \xe4\xb8\xad\xe6\x96\x87"
                "\xe4\xb8\xad\xe6\x96\x87\xe4\xb8\xad\xe6\x96\x87\xe4\xb8\xad"
                "\xe6\x96\x87\xe4\xb8\xad\xe6\x96\x87\xe4\xb8\xad\xe6\x96\x87"),
           text("\x01\x02\x03 \x04\x05\x06 \x07\x08 \xf3\xa0\x80\x81 "
                "\xe2\x80\x8b\xe2\x80\x8b it's \"quoted\" \\ "
                "\x01\x02\x03 \x04\x05\x06 \x07\x08\x0e")));
}

static void test_str_near_the_width_limit(void **state) {
  (void)state;
  static const char words[] = "aa bb cc dd ee ff gg hh ii jj kk ll mm nn oo "
                              "pp qq rr ss tt uu vv ww xx yy zz";
  for (size_t n = 70; n <= sizeof words - 1; n++) {
    expect_like_python(text_n(words, n));
    expect_like_python(DICT(KV("k", text_n(words, n - 5))));
  }
}

/* ---- bytes ---- */

static void test_long_top_level_bytes_wrap_in_parentheses(void **state) {
  (void)state;
  expect_like_python(octets(WORDS, sizeof WORDS - 1));
}

static void test_long_nested_bytes_wrap_in_four_byte_groups(void **state) {
  (void)state;
  static const char binary[] = "\x00\x01\x02\x03\xff\xfe\xfd\xfc'\"\\\t\n\r"
                               "abcdefgh\x80\x81\x82\x83\x84\x85\x86\x87"
                               "ijklmnopqrstuvwxyz\x7f";
  expect_like_python(LIST(octets(binary, sizeof binary - 1), none()));
  expect_like_python(DICT(KV("payload", octets(binary, sizeof binary - 1))));
}

static void test_bytes_near_the_width_limit(void **state) {
  (void)state;
  /* Lengths on both sides of 80 columns, multiples of 4 among them (where
   * CPython never subtracts the allowance). */
  static const char xs[] =
      "abcdefghijklmnopqrstuvwxyzabcdefghijklmnopqrstuvwxyz"
      "abcdefghijklmnopqrstuvwxyzabcdefghijklmnopqrstuvwxyz";
  for (size_t n = 70; n <= 84; n++) {
    expect_like_python(octets(xs, n));
    expect_like_python(LIST(LIST(octets(xs, n - 3))));
  }
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_long_top_level_str_wraps_in_parentheses),
      cmocka_unit_test(test_long_nested_str_wraps_without_parentheses),
      cmocka_unit_test(test_str_breaks_at_every_line_boundary),
      cmocka_unit_test(test_long_word_is_not_split),
      cmocka_unit_test(test_plain_text_with_space_runs_wraps_like_python),
      cmocka_unit_test(test_plain_text_at_every_indentation_like_python),
      cmocka_unit_test(test_unicode_spaces_are_split_points),
      cmocka_unit_test(test_str_width_counts_code_points_not_bytes),
      cmocka_unit_test(test_str_near_the_width_limit),
      cmocka_unit_test(test_long_top_level_bytes_wrap_in_parentheses),
      cmocka_unit_test(test_long_nested_bytes_wrap_in_four_byte_groups),
      cmocka_unit_test(test_bytes_near_the_width_limit),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
