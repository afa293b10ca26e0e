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

/* Text that is not plain is read once (runtime/ws_repr_scan.c), its
 * common characters through a table indexed by their UTF-8 bytes: every
 * length of sequence, the leads E0 and ED (whose second byte is limited),
 * and the code points on both sides of the table's edges and holes, as a
 * value that fits, one that breaks, and one inside a list. */
static void test_scanned_text_in_every_script_like_python(void **state) {
  (void)state;
  static const char *const texts[] = {
      /* Greek with an unassigned U+0378, Cyrillic, Hebrew, Arabic with
       * its format character U+0605, soft hyphen U+00AD, NEL U+0085 (a
       * line break), NBSP U+00A0 (a space), U+0080 and U+00FF. */
      "\xce\x93\xce\xb5\xce\xb9\xce\xac \xcd\xb8 \xd0\x9f\xd1\x80\xd0\xb8 "
      "\xd7\xa9\xd7\x9c\xd7\x95\xd7\x9d \xd9\x85\xd8\xb1 \xd8\x85 \xc2\xad "
      "\xc2\x85 next \xc2\xa0 \xc2\x80 \xc3\xbf " WORDS,
      /* Lead E0: U+0800, Devanagari, U+0FFF; lead ED: U+D000, U+D7FF;
       * U+E000 (private use), U+FFFD, U+FFFF, U+3000 (a space). */
      "\xe0\xa0\x80 \xe0\xa4\xa8\xe0\xa4\xae\xe0\xa4\xb8\xe0\xa5\x8d "
      "\xe0\xbf\xbf \xed\x80\x80 \xed\x9f\xbf \xee\x80\x80 \xef\xbf\xbd "
      "\xef\xbf\xbf\xe3\x80\x80\xe4\xbd\xa0\xe5\xa5\xbd " WORDS,
      /* Four bytes: emoji, U+10000, U+1FFFF, U+20000 (past the table),
       * U+E0001 (a tag, not printable), U+10FFFF. */
      "\xf0\x9f\x8e\x89\xf0\x9f\x9a\x80 \xf0\x90\x80\x80 \xf0\x9f\xbf\xbf "
      "\xf0\xa0\x80\x80 \xf3\xa0\x80\x81 \xf4\x8f\xbf\xbf " WORDS,
      /* Quotes of both kinds and escapes between non-ASCII words. */
      "K\xc3\xb6ln 'it' \"is\" \\ \t\r\n\x7f \xe2\x80\x9cq\xe2\x80\x9d "
      "caf\xc3\xa9's " WORDS,
  };
  for (size_t i = 0; i < sizeof texts / sizeof texts[0]; i++) {
    expect_like_python(text(texts[i]));
    expect_like_python(LIST(LIST(text(texts[i]))));
    expect_like_python(LIST(text(texts[i]), none()));
    expect_like_python(DICT(KV("key", text(texts[i]))));
  }
}

/* A scan holds a few hundred characters' words and a few dozen escapes;
 * a str with more is laid out the slower way, with the same result. */
static void test_str_beyond_one_scan_like_python(void **state) {
  (void)state;
  static const char many_words[] =
      "\xc3\xa9 " WORDS WORDS WORDS WORDS WORDS WORDS WORDS WORDS;
  static const char many_escapes[] =
      "\x01\x02\x03\x04\x05\x06\x07\x08 \x0e\x0f\x10\x11\x12\x13\x14\x15 "
      "\x16\x17\x18\x19\x1a\x1b \x7f\x7f 'a' \"b\" \x01\x02\x03\x04 " WORDS;
  expect_like_python(text(many_words));
  expect_like_python(LIST(text(many_words)));
  expect_like_python(text(many_escapes));
  expect_like_python(LIST(text(many_escapes), text_n(many_escapes, 30)));
}

/* Invalid UTF-8 where the scan's fast paths look: a truncated sequence at
 * the end, a lead E0 with an overlong second byte, a surrogate (lead ED),
 * a stray continuation byte, an overlong four bytes, the overlong two-byte
 * leads C0 and C1 (whose table words are empty), in values that fit and
 * that break. */
static void test_scanned_text_refuses_invalid_utf8(void **state) {
  (void)state;
  static const char *const bad[] = {
      "K\xc3\xb6ln \xc3",         "K\xc3\xb6ln \xe4\xbd",
      "K\xc3\xb6ln \xe0\x80\xaf", "K\xc3\xb6ln \xe0\x9f\xbf",
      "K\xc3\xb6ln \xed\xa0\x80", "K\xc3\xb6ln \x80",
      "K\xc3\xb6ln \xf0\x80\x80\x80", "K\xc3\xb6ln \xf0\x9f\x8e",
      "K\xc3\xb6ln \xf0\x9f\x8e\x89\x80",
      "K\xc3\xb6ln \xc0\xaf",   "K\xc3\xb6ln \xc1\xbf",
  };
  for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
    char wide[512];
    snprintf(wide, sizeof wide, "%s %s %s", WORDS, bad[i], WORDS);
    assert_int_equal(pformat_status(text(bad[i])), WS_EUTF8);
    assert_int_equal(pformat_status(LIST(text(bad[i]))), WS_EUTF8);
    assert_int_equal(pformat_status(text(wide)), WS_EUTF8);
    assert_int_equal(pformat_status(DICT(KV("k", text(wide)))), WS_EUTF8);
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
      cmocka_unit_test(test_scanned_text_in_every_script_like_python),
      cmocka_unit_test(test_str_beyond_one_scan_like_python),
      cmocka_unit_test(test_scanned_text_refuses_invalid_utf8),
      cmocka_unit_test(test_long_top_level_bytes_wrap_in_parentheses),
      cmocka_unit_test(test_long_nested_bytes_wrap_in_four_byte_groups),
      cmocka_unit_test(test_bytes_near_the_width_limit),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
