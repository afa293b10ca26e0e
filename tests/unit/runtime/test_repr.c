/* test_repr.c - ws_repr_* and the Unicode tables against Python 3.11.
 *
 * Every expected repr, width and table bit comes from running
 * /usr/bin/python3 at test time on the same text. */
#define _POSIX_C_SOURCE 200809L /* popen */

#include "failalloc.h"

#include "command_output.h"

#include <stdio.h>
#include <string.h>

#include "ws_buf.h"
#include "ws_repr.h"

#define PYTHON "/usr/bin/python3"

/* ---- running Python ---- */

static char *to_hex(const void *data, size_t len) {
  static const char digits[] = "0123456789abcdef";
  const unsigned char *u = data;
  char *hex = malloc(2 * len + 1);
  assert_non_null(hex);
  for (size_t i = 0; i < len; i++) {
    hex[2 * i] = digits[u[i] >> 4];
    hex[2 * i + 1] = digits[u[i] & 15];
  }
  hex[2 * len] = '\0';
  return hex;
}

/* Runs `program` (no single quotes in it) with the hex of data as argv[1],
 * where the program sees it as X (bytes) and T (X decoded as UTF-8), and
 * returns what it writes to stdout (caller frees). */
static char *python(const char *program, const void *data, size_t len) {
  char *hex = to_hex(data, len);
  const char *prelude = "import sys; X = bytes.fromhex(sys.argv[1][1:]); "
                        "T = X.decode(errors=\"replace\"); ";
  size_t cmd_len =
      strlen(PYTHON) + strlen(prelude) + strlen(program) + strlen(hex) + 16;
  char *cmd = malloc(cmd_len);
  assert_non_null(cmd);
  snprintf(cmd, cmd_len, "%s -c '%s%s' h%s", PYTHON, prelude, program, hex);
  char *out = command_output(cmd, NULL);
  free(cmd);
  free(hex);
  return out;
}

#define PY_STR_REPR "sys.stdout.buffer.write(repr(T).encode())"
#define PY_BYTES_REPR "sys.stdout.buffer.write(repr(X).encode())"
#define PY_STR_WIDTH "print(len(repr(T)), end=\"\")"
#define PY_BYTES_WIDTH "print(len(repr(X)), end=\"\")"

/* The tally of s[0..len) as pformat makes it: word pieces, joined. */
static ws_repr_tally tally_by_words(const char *s, size_t len) {
  ws_repr_tally t = {0, 0, false, false, false};
  for (size_t p = 0; p < len;) {
    ws_repr_tally word = {0, 0, false, false, false};
    bool ends_line;
    p += ws_repr_tally_word(&word, s + p, len - p, &ends_line);
    t = ws_repr_tally_join(t, word);
  }
  return t;
}

/* Our repr and width of text s[0..len) equal Python's; so does the repr
 * written from its tally, whole or made of word pieces. */
static void expect_str_like_python(const char *s, size_t len) {
  ws_buf b;
  ws_buf_init(&b);
  ws_repr_str(&b, s, len);
  assert_int_equal(b.status, WS_OK);
  char *want = python(PY_STR_REPR, s, len);
  assert_string_equal(b.data, want);
  ws_repr_tally whole = {0, 0, false, false, false};
  ws_repr_tally_str(&whole, s, len, SIZE_MAX);
  ws_repr_tally by_words = tally_by_words(s, len);
  const ws_repr_tally *tallies[] = {&whole, &by_words};
  for (size_t i = 0; i < 2; i++) {
    ws_buf_reset(&b);
    ws_repr_str_tallied(&b, s, len, tallies[i]);
    assert_int_equal(b.status, WS_OK);
    assert_string_equal(b.data, want);
  }
  free(want);
  want = python(PY_STR_WIDTH, s, len);
  assert_int_equal(ws_repr_str_width(s, len), strtoul(want, NULL, 10));
  free(want);
  ws_buf_free(&b);
}

static void expect_bytes_like_python(const void *p, size_t len) {
  ws_buf b;
  ws_buf_init(&b);
  ws_repr_bytes(&b, p, len);
  assert_int_equal(b.status, WS_OK);
  char *want = python(PY_BYTES_REPR, p, len);
  assert_string_equal(b.data, want);
  free(want);
  want = python(PY_BYTES_WIDTH, p, len);
  assert_int_equal(ws_repr_bytes_width(p, len), strtoul(want, NULL, 10));
  free(want);
  ws_buf_free(&b);
}

#define STR_LIKE_PYTHON(lit) expect_str_like_python(lit, sizeof(lit) - 1)
#define BYTES_LIKE_PYTHON(lit) expect_bytes_like_python(lit, sizeof(lit) - 1)

/* ---- str: quotes ---- */

static void test_str_quote_is_single_by_default(void **state) {
  (void)state;
  STR_LIKE_PYTHON("");
  STR_LIKE_PYTHON("plain text");
  STR_LIKE_PYTHON("say \"hi\"");
}

static void test_str_quote_is_double_when_only_single_quotes(void **state) {
  (void)state;
  STR_LIKE_PYTHON("it's");
  STR_LIKE_PYTHON("'''");
}

static void test_str_both_quotes_escape_the_single(void **state) {
  (void)state;
  STR_LIKE_PYTHON("it's \"so\"");
  STR_LIKE_PYTHON("'\"'\"");
}

/* ---- str: escapes ---- */

static void test_str_backslash_doubled(void **state) {
  (void)state;
  STR_LIKE_PYTHON("C:\\dir\\file");
  STR_LIKE_PYTHON("\\");
}

static void test_str_tab_newline_cr_by_name(void **state) {
  (void)state;
  STR_LIKE_PYTHON("a\tb\nc\rd\r\n");
}

static void test_str_other_controls_as_lowercase_hex(void **state) {
  (void)state;
  STR_LIKE_PYTHON("\x01\x0b\x0c\x1b\x1f\x7f");
  STR_LIKE_PYTHON("nul\0inside");
  STR_LIKE_PYTHON("\xc2\x80\xc2\x85\xc2\x9f\xc2\xa0\xc2\xad"); /* C1, nbsp */
}

static void test_str_nonprintable_bmp_as_u(void **state) {
  (void)state;
  /* zero width space, line separator, BOM, unassigned, private use */
  STR_LIKE_PYTHON("\xe2\x80\x8b\xe2\x80\xa8\xef\xbb\xbf\xcd\xb8\xee\x80\x80");
  STR_LIKE_PYTHON("\xe3\x80\x80"); /* ideographic space */
}

static void test_str_nonprintable_astral_as_big_u(void **state) {
  (void)state;
  STR_LIKE_PYTHON("\xf3\xa0\x80\x81\xf4\x8f\xbf\xbf\xf3\xb0\x80\x80");
}

static void test_str_printable_non_ascii_copied_raw(void **state) {
  (void)state;
  STR_LIKE_PYTHON("caf\xc3\xa9 \xe4\xb8\xad\xe6\x96\x87 \xf0\x9f\x98\x80");
  STR_LIKE_PYTHON("e\xcc\x81 a\xcc\x88"); /* combining marks */
}

static void test_str_width_counts_code_points(void **state) {
  (void)state;
  /* Wide, combining and astral characters are one column each; escapes
   * are as long as they print. */
  STR_LIKE_PYTHON("\xe4\xb8\xad\xcc\x81\xf0\x9f\x98\x80\x01\xe2\x80\xa8'\"");
}

static void test_str_every_ascii_character(void **state) {
  (void)state;
  char all[128];
  for (int c = 0; c < 128; c++) {
    all[c] = (char)c;
  }
  expect_str_like_python(all, sizeof all);
}

static void test_str_invalid_utf8_is_an_error(void **state) {
  (void)state;
  static const char *bad[] = {"\xff", "a\xc0\xafz", "\xed\xa0\x80",
                              "\xf4\x90\x80\x80", "ab\xe4\xb8"};
  for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
    ws_buf b;
    ws_buf_init(&b);
    ws_repr_str(&b, bad[i], strlen(bad[i]));
    assert_int_equal(b.status, WS_EUTF8);
    ws_buf_free(&b);
  }
}

static void test_str_appends_to_what_the_buffer_holds(void **state) {
  (void)state;
  ws_buf b;
  ws_buf_init(&b);
  ws_buf_puts(&b, "x = ");
  ws_repr_str(&b, "it's", 4);
  assert_string_equal(b.data, "x = \"it's\"");
  ws_buf_free(&b);
}

static void test_str_measuring_counts_what_writing_writes(void **state) {
  (void)state;
  static const char s[] = "it's \"\xe4\xb8\xad\x01\xe2\x80\xa8\" \\ end";
  ws_buf m;
  ws_buf w;
  ws_buf_measure(&m);
  ws_buf_init(&w);
  ws_repr_str(&m, s, sizeof s - 1);
  ws_repr_str(&w, s, sizeof s - 1);
  assert_int_equal(m.status, WS_OK);
  assert_int_equal(m.len, w.len);
  ws_buf_free(&w);
  ws_buf_free(&m);
}

/* ---- bytes ---- */

static void test_bytes_quotes_like_str(void **state) {
  (void)state;
  BYTES_LIKE_PYTHON("");
  BYTES_LIKE_PYTHON("it's");
  BYTES_LIKE_PYTHON("it's \"so\"");
  BYTES_LIKE_PYTHON("say \"hi\"");
}

static void test_bytes_escapes_and_high_octets(void **state) {
  (void)state;
  BYTES_LIKE_PYTHON("\t\n\r\\\0\x1f\x7f\x80\xc3\xa9\xff");
}

static void test_bytes_every_octet(void **state) {
  (void)state;
  unsigned char all[256];
  for (int c = 0; c < 256; c++) {
    all[c] = (unsigned char)c;
  }
  expect_bytes_like_python(all, sizeof all);
}

/* ---- tallies ---- */

static size_t joined_width(const char *a, const char *b) {
  ws_repr_tally ta = {0, 0, false, false, false};
  ws_repr_tally tb = {0, 0, false, false, false};
  ws_repr_tally_str(&ta, a, strlen(a), SIZE_MAX);
  ws_repr_tally_str(&tb, b, strlen(b), SIZE_MAX);
  ws_repr_tally j = ws_repr_tally_join(ta, tb);
  return ws_repr_tally_width(&j);
}

/* The plain runs stop at every byte repr does not copy as it is (the
 * word run at the space too), wherever it is in texts of every length up
 * to the block sizes and past them. */
static void test_plain_runs_stop_at_every_stop_everywhere(void **state) {
  (void)state;
  static const char stops[] = {' ', '\'', '"', '\\', 0x7f, 0x1f, 0,
                               (char)0xc3, (char)0x80};
  char text[48];
  for (size_t len = 1; len <= sizeof text; len++) {
    memset(text, 'a', sizeof text);
    assert_int_equal(ws_repr_plain_prefix(text, len), len);
    assert_int_equal(ws_repr_plain_word(text, len), len);
    for (size_t at = 0; at < len; at++) {
      for (size_t k = 0; k < sizeof stops; k++) {
        text[at] = stops[k];
        size_t prefix = stops[k] == ' ' ? len : at;
        assert_int_equal(ws_repr_plain_prefix(text, len), prefix);
        assert_int_equal(ws_repr_plain_word(text, len), at);
      }
      text[at] = 'a';
    }
  }
}

/* Every byte value, at every place in texts of every length up to past
 * two blocks, is plain exactly when repr copies it as it is. */
static void test_plain_runs_classify_every_byte(void **state) {
  (void)state;
  char text[40];
  for (unsigned c = 0; c < 256; c++) {
    bool plain = c >= 0x20 && c < 0x7f && c != '\'' && c != '"' && c != '\\';
    for (size_t len = 1; len <= sizeof text; len++) {
      memset(text, 'a', sizeof text);
      for (size_t at = 0; at < len; at++) {
        text[at] = (char)c;
        assert_int_equal(ws_repr_plain_prefix(text, len), plain ? len : at);
        assert_int_equal(ws_repr_plain_word(text, len),
                         plain && c != ' ' ? len : at);
        text[at] = 'a';
      }
    }
  }
}

static void test_tallies_add_up_across_quote_kinds(void **state) {
  (void)state;
  static const char *pieces[] = {"", "a", "'", "\"", "it's", "\x01\\"};
  for (size_t i = 0; i < 6; i++) {
    for (size_t j = 0; j < 6; j++) {
      char both[16];
      snprintf(both, sizeof both, "%s%s", pieces[i], pieces[j]);
      assert_int_equal(joined_width(pieces[i], pieces[j]),
                       ws_repr_str_width(both, strlen(both)));
    }
  }
}

static void test_tally_stops_once_past_the_limit(void **state) {
  (void)state;
  char long_text[1000];
  memset(long_text, 'x', sizeof long_text);
  ws_repr_tally t = {0, 0, false, false, false};
  ws_repr_tally_str(&t, long_text, sizeof long_text, 10);
  assert_int_equal(t.body, 11);
  assert_true(ws_repr_tally_width(&t) > 10);
}

static void test_tally_flags_invalid_utf8(void **state) {
  (void)state;
  ws_repr_tally t = {0, 0, false, false, false};
  ws_repr_tally_str(&t, "ok\xe2\x28\xa1", 5, SIZE_MAX);
  assert_true(t.bad_utf8);
}

/* ---- the Unicode tables, every code point ---- */

typedef bool (*cp_class)(uint32_t cp);

/* Python prints one '1' or '0' per code point 0..0x10FFFF for `test`. */
static void expect_class_like_python(cp_class ours, const char *test) {
  char program[256];
  snprintf(program, sizeof program,
           "sys.stdout.write(\"\".join(\"1\" if %s else \"0\" "
           "for c in map(chr, range(0x110000))))",
           test);
  char *want = python(program, "", 0);
  assert_int_equal(strlen(want), 0x110000);
  for (uint32_t cp = 0; cp < 0x110000; cp++) {
    if (ours(cp) != (want[cp] == '1')) {
      fail_msg("U+%04X: ours %d, Python %c", (unsigned)cp, ours(cp), want[cp]);
    }
  }
  free(want);
}

static void test_isprintable_matches_python_everywhere(void **state) {
  (void)state;
  expect_class_like_python(ws_uni_isprintable, "c.isprintable()");
}

static void test_isspace_matches_python_everywhere(void **state) {
  (void)state;
  expect_class_like_python(ws_uni_isspace, "c.isspace()");
}

static void test_islinebreak_matches_splitlines_everywhere(void **state) {
  (void)state;
  expect_class_like_python(ws_uni_islinebreak,
                           "len((\"a\" + c + \"b\").splitlines()) == 2");
}

/* ---- allocation failure ---- */

typedef struct grow_case {
  ws_buf b;
} grow_case;

/* Long enough to make the buffer grow several times. */
static ws_status repr_into_new_buffer(void *ctx) {
  grow_case *g = ctx;
  static const char s[] =
      "\xe4\xb8\xad it's \x01 \\ \xe2\x80\xa8 and more text";
  ws_buf_init(&g->b);
  for (int i = 0; i < 40; i++) {
    ws_repr_str(&g->b, s, sizeof s - 1);
    ws_repr_bytes(&g->b, s, sizeof s - 1);
  }
  return g->b.status;
}

static void free_buffer(void *ctx) {
  grow_case *g = ctx;
  ws_buf_free(&g->b);
}

static void test_allocation_failure_is_reported_and_nothing_leaks(void **st) {
  (void)st;
  grow_case g;
  size_t calls = failalloc_check(repr_into_new_buffer, free_buffer, &g);
  assert_true(calls > 1);
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_str_quote_is_single_by_default),
      cmocka_unit_test(test_str_quote_is_double_when_only_single_quotes),
      cmocka_unit_test(test_str_both_quotes_escape_the_single),
      cmocka_unit_test(test_str_backslash_doubled),
      cmocka_unit_test(test_str_tab_newline_cr_by_name),
      cmocka_unit_test(test_str_other_controls_as_lowercase_hex),
      cmocka_unit_test(test_str_nonprintable_bmp_as_u),
      cmocka_unit_test(test_str_nonprintable_astral_as_big_u),
      cmocka_unit_test(test_str_printable_non_ascii_copied_raw),
      cmocka_unit_test(test_str_width_counts_code_points),
      cmocka_unit_test(test_str_every_ascii_character),
      cmocka_unit_test(test_str_invalid_utf8_is_an_error),
      cmocka_unit_test(test_str_appends_to_what_the_buffer_holds),
      cmocka_unit_test(test_str_measuring_counts_what_writing_writes),
      cmocka_unit_test(test_bytes_quotes_like_str),
      cmocka_unit_test(test_bytes_escapes_and_high_octets),
      cmocka_unit_test(test_bytes_every_octet),
      cmocka_unit_test(test_plain_runs_stop_at_every_stop_everywhere),
      cmocka_unit_test(test_plain_runs_classify_every_byte),
      cmocka_unit_test(test_tallies_add_up_across_quote_kinds),
      cmocka_unit_test(test_tally_stops_once_past_the_limit),
      cmocka_unit_test(test_tally_flags_invalid_utf8),
      cmocka_unit_test(test_isprintable_matches_python_everywhere),
      cmocka_unit_test(test_isspace_matches_python_everywhere),
      cmocka_unit_test(test_islinebreak_matches_splitlines_everywhere),
      cmocka_unit_test(test_allocation_failure_is_reported_and_nothing_leaks),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
