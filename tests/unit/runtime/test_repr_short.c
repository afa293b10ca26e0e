/* test_repr_short.c - the one-pass repr of a short str
 * (runtime/ws_repr_short.c) against pprint in Python 3.11, at its edges:
 * every byte length around its vector blocks and its limit, each kind of
 * character it treats apart (both quotes, the backslash, controls, DEL,
 * characters Python does not print of two, three and four bytes,
 * printable ones of four bytes inside and past the Unicode table) at the
 * start, the middle and the end, among text of one, two and three bytes a
 * character; widths on both sides of the line's end; invalid UTF-8 cut at
 * the blocks' edges. How the comparison with Python is made is
 * tests/lib/pformat_tree.h: values are gathered into a few large ones, so
 * that Python runs a few times, not once a string. */
#define _POSIX_C_SOURCE 200809L /* popen, mkstemp */

#include "pformat_tree.h"

enum {
  LONGEST = 140, /* past the short way's limit, whatever it is */
  MAX_TEXTS = 4096,
  POOL = MAX_TEXTS * (LONGEST + 8)
};

/* The texts of a test, and the nodes that hold them. */
static char pool[POOL];
static size_t pool_used;
static tnode texts[MAX_TEXTS];
static tnode singles[MAX_TEXTS][1];
static tnode wrapped[MAX_TEXTS];
static size_t n_texts;

static void start_texts(void) {
  pool_used = 0;
  n_texts = 0;
}

static void add_text(const char *s, size_t n) {
  assert_true(n_texts < MAX_TEXTS && pool_used + n <= POOL);
  memcpy(pool + pool_used, s, n);
  texts[n_texts] = text_n(pool + pool_used, n);
  singles[n_texts][0] = texts[n_texts];
  wrapped[n_texts] = container(WS_PV_LIST, singles[n_texts], 1);
  pool_used += n;
  n_texts++;
}

/* Each text as an item of a broken list (the str laid out where it goes)
 * and alone in a list that is an item (the str measured for the one-line
 * attempt of its list). */
static void expect_texts_like_python(void) {
  expect_like_python(container(WS_PV_LIST, texts, n_texts));
  expect_like_python(container(WS_PV_LIST, wrapped, n_texts));
}

/* Fillers of one, two and three bytes a character (Latin, Cyrillic, CJK),
 * with spaces. */
static const char *const fillers[] = {
    "abc def ghij klm ",
    "\xd0\x9f\xd1\x80\xd0\xb8 \xd0\xb2\xd0\xb5\xd1\x82 ",
    "\xe4\xbd\xa0\xe5\xa5\xbd \xe4\xb8\x96\xe7\x95\x8c ",
};

/* The characters the short way treats apart. */
static const char *const odd[] = {
    "'",            "\"",           "\\",           "\x01",
    "\n",           "\x7f",         "\xc2\x85",     "\xc2\xa0",
    "\xcd\xb8",     "\xe2\x80\xa8", "\xe3\x80\x80", "\xef\xbf\xbf",
    "\xf0\x9f\x8e\x89", "\xf0\xa0\x80\x80", "\xf3\xa0\x80\x81",
    "\xc3\xa9",
};

/* n bytes of filler f, cut back to a character's start; returns the
 * length. */
static size_t fill(char *out, const char *f, size_t n) {
  size_t flen = strlen(f);
  for (size_t i = 0; i < n; i++) {
    out[i] = f[i % flen];
  }
  while (n > 0 && ((unsigned char)out[n - 1] & 0xC0) == 0x80) {
    n--;
  }
  if (n > 0 && (unsigned char)out[n - 1] >= 0xC0) {
    n--; /* a lead whose continuation was cut */
  }
  return n;
}

/* Text of about n bytes with c at its start, its middle or its end. */
static void add_with(const char *c, const char *f, size_t n, int where) {
  char buf[2 * LONGEST];
  size_t clen = strlen(c);
  size_t rest = n > clen ? n - clen : 0;
  size_t at = 0;
  if (where == 0) {
    memcpy(buf, c, clen);
    at = clen + fill(buf + clen, f, rest);
  } else if (where == 1) {
    at = fill(buf, f, rest / 2);
    memcpy(buf + at, c, clen);
    at += clen;
    at += fill(buf + at, f, rest - rest / 2);
  } else {
    at = fill(buf, f, rest);
    memcpy(buf + at, c, clen);
    at += clen;
  }
  add_text(buf, at);
}

static void test_every_length_and_place_like_python(void **state) {
  (void)state;
  for (size_t fi = 0; fi < sizeof fillers / sizeof fillers[0]; fi++) {
    start_texts();
    for (size_t n = 1; n <= LONGEST; n++) {
      for (size_t ci = 0; ci < sizeof odd / sizeof odd[0]; ci++) {
        /* every length near the blocks' edges, a few between them */
        if (n % 16 > 3 && n % 16 < 13 && (n + ci) % 5 != 0) {
          continue;
        }
        add_with(odd[ci], fillers[fi], n, (int)((n + ci) % 3));
      }
    }
    expect_texts_like_python();
  }
}

/* Both quotes at once (the ' escaped), quotes alone, several escapes in
 * one block and across the blocks' edge, a text of nothing but escapes,
 * the first escape at byte 15, 16, 31 and 32. */
static void test_quotes_and_escapes_together_like_python(void **state) {
  (void)state;
  static const char *const mixed[] = {
      "'", "\"", "'\"", "it's", "say \"hi\"", "it's \"x\"", "\\'\\\"",
      "\x01\x02\x03\x04\x05\x06\x07\x08\x09\x0a\x0b\x0c\x0d\x0e\x0f\x10"
      "\x11\x12\x13\x14\x15\x16\x17\x18\x19\x1a\x1b\x1c\x1d\x1e\x1f\x7f",
      "aaaaaaaaaaaaaaa\x01" "bbbbbbbbbbbbbbb\x02" "ccc",
      "aaaaaaaaaaaaaaaa\x01" "bbbbbbbbbbbbbbb\x02" "ccc",
      "\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9"
      "\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9\xc2\x85",
      "\xe4\xbd\xa0\xe4\xbd\xa0\xe4\xbd\xa0\xe4\xbd\xa0\xe4\xbd\xa0\xe4\xbd"
      "\xa0\xe4\xbd\xa0\xe4\xbd\xa0\xe4\xbd\xa0\xe4\xbd\xa0\xf0\x9f\x8e\x89",
      "'\xf0\x9f\x8e\x89\"\xf3\xa0\x80\x81'",
      "\xf3\xa0\x80\x81\xf3\xa0\x80\x81\xf3\xa0\x80\x81\xf3\xa0\x80\x81"
      "\xf3\xa0\x80\x81\xf3\xa0\x80\x81\xf3\xa0\x80\x81\xf3\xa0\x80\x81",
  };
  start_texts();
  for (size_t i = 0; i < sizeof mixed / sizeof mixed[0]; i++) {
    add_text(mixed[i], strlen(mixed[i]));
  }
  expect_texts_like_python();
}

/* The same str behind keys of every length: its repr just fits, just
 * does not (and is broken into pieces, or left whole), for text whose
 * escapes make it wider than its bytes and text narrower than them. */
static void test_width_at_the_line_end_like_python(void **state) {
  (void)state;
#define SIZED(s) {s, sizeof s - 1}
  static const struct {
    const char *s;
    size_t n;
  } values[] = {
      SIZED("tab\there and a bell\x07 and a NUL\x00!"),
      SIZED("\xd0\x9f\xd1\x80\xd0\xb8\xd0\xb2\xd0\xb5\xd1\x82, \xd0\xbc\xd0\xb8"
            "\xd1\x80 'quoted' \xe4\xbd\xa0\xe5\xa5\xbd"),
      SIZED("x\xc2\x85y \xe2\x80\xa8 z \xf3\xa0\x80\x81 \"q\""),
  };
#undef SIZED
  static char keys[80][80];
  static tnode items[80];
  for (size_t v = 0; v < sizeof values / sizeof values[0]; v++) {
    for (size_t k = 0; k < 80; k++) {
      memset(keys[k], 'k', k);
      keys[k][k] = '\0';
      items[k] = keyed(keys[k], text_n(values[v].s, values[v].n));
    }
    expect_like_python(container(WS_PV_DICT, items, 80));
    tnode top = text_n(values[v].s, values[v].n);
    expect_like_python(top);
  }
}

/* Invalid UTF-8 cut at the blocks' edges is refused as before: a
 * sequence cut short at byte 15, 16, 31, 32 and at the end, a stray
 * continuation byte, an overlong form, a surrogate. */
static void test_invalid_utf8_at_block_edges_is_refused(void **state) {
  (void)state;
  static const char *const tails[] = {"\xc3",         "\xe4\xbd",
                                      "\xf0\x9f\x8e", "\x80",
                                      "\xe0\x80\xaf", "\xed\xa0\x80",
                                      "\xc0\xaf",     "\xf4\x90\x80\x80"};
  char buf[LONGEST];
  for (size_t i = 0; i < sizeof tails / sizeof tails[0]; i++) {
    size_t tlen = strlen(tails[i]);
    for (size_t n = tlen; n < 70; n++) {
      if (n % 16 > 3 && n % 16 < 13) {
        continue;
      }
      memset(buf, 'a', n - tlen);
      memcpy(buf + n - tlen, tails[i], tlen);
      assert_int_equal(pformat_status(text_n(buf, n)), WS_EUTF8);
      assert_int_equal(pformat_status(LIST(text_n(buf, n))), WS_EUTF8);
      if (n > tlen + 1) { /* and with text after it */
        memcpy(buf + n - tlen - 1, tails[i], tlen);
        buf[n - 1] = 'z';
        assert_int_equal(pformat_status(text_n(buf, n)), WS_EUTF8);
        assert_int_equal(pformat_status(LIST(text_n(buf, n))), WS_EUTF8);
      }
    }
  }
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_every_length_and_place_like_python),
      cmocka_unit_test(test_quotes_and_escapes_together_like_python),
      cmocka_unit_test(test_width_at_the_line_end_like_python),
      cmocka_unit_test(test_invalid_utf8_at_block_edges_is_refused),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
