/* Tests for the string scanner's block path (runtime/ws_json_string.c):
 * random strings of valid and broken UTF-8, escapes and control bytes, at
 * every alignment and near the end of the input, read by ws_read_str and
 * compared with a byte-by-byte model of RFC 8259 and RFC 3629 written
 * here: the same text, or the same first error with the same message at
 * the same byte. The scanner checks sixteen bytes at a time and hands
 * anything wrong to a byte-by-byte scanner; this is what keeps the two in
 * step. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include <cmocka.h>

#include "ws_json_read.h"
#include "ws_str.h"
#include "ws_utf8.h"

/* ---- the model ------------------------------------------------------------ */

typedef struct outcome {
  ws_status code;
  size_t offset; /* of the error */
  char msg[128];
  char text[512]; /* decoded, when code is WS_OK */
  size_t len;
} outcome;

static int hex_digit(unsigned char c) {
  if (c >= '0' && c <= '9')
    return c - '0';
  if (c >= 'a' && c <= 'f')
    return c - 'a' + 10;
  if (c >= 'A' && c <= 'F')
    return c - 'A' + 10;
  return -1;
}

/* The four hex digits of a \u escape at s[i] (the backslash), or -1. */
static long hex4(const unsigned char *s, size_t len, size_t i) {
  if (len - i < 6 || s[i] != '\\' || s[i + 1] != 'u')
    return -1;
  long v = 0;
  for (size_t k = 2; k < 6; k++) {
    int h = hex_digit(s[i + k]);
    if (h < 0)
      return -1;
    v = v << 4 | h;
  }
  return v;
}

static void fail_at(outcome *o, ws_status code, size_t at, const char *fmt,
                    unsigned v) {
  o->code = code;
  o->offset = at;
  snprintf(o->msg, sizeof o->msg, fmt, v);
}

/* One escape at s[i]: its bytes used, or 0 after recording the error. */
static size_t model_escape(const unsigned char *s, size_t len, size_t i,
                           outcome *o) {
  static const char from[] = "\"\\/bfnrt", to[] = "\"\\/\b\f\n\r\t";
  if (len - i < 2) {
    fail_at(o, WS_ESYNTAX, i,
            "unexpected end of input, expected '\"' to end the string", 0);
    return 0;
  }
  const char *simple = s[i + 1] ? strchr(from, s[i + 1]) : NULL;
  if (simple) {
    o->text[o->len++] = to[simple - from];
    return 2;
  }
  if (s[i + 1] != 'u') {
    unsigned char e = s[i + 1];
    if (e >= 0x21 && e < 0x7F)
      fail_at(o, WS_ESYNTAX, i, "invalid escape \\%c in a string", e);
    else
      fail_at(o, WS_ESYNTAX, i,
              "invalid escape: byte 0x%02x after \\ in a string", e);
    return 0;
  }
  long hi = hex4(s, len, i);
  if (hi < 0) {
    fail_at(o, WS_ESYNTAX, i, "expected 4 hex digits after \\u in a string", 0);
    return 0;
  }
  uint32_t cp = (uint32_t)hi;
  size_t used = 6;
  if (hi >= 0xD800 && hi <= 0xDFFF) {
    long lo = hi <= 0xDBFF ? hex4(s, len, i + 6) : -1;
    if (lo < 0xDC00 || lo > 0xDFFF) {
      fail_at(o, WS_EUTF8, i, "lone surrogate escape \\u%04x", (unsigned)hi);
      return 0;
    }
    cp = 0x10000 + ((uint32_t)(hi - 0xD800) << 10) + (uint32_t)(lo - 0xDC00);
    used = 12;
  }
  o->len += ws_utf8_encode(cp, o->text + o->len);
  return used;
}

/* The string whose opening quote is s[at], as RFC 8259 reads it. */
static void model(const unsigned char *s, size_t len, size_t at, outcome *o) {
  memset(o, 0, sizeof *o);
  size_t i = at + 1;
  for (;;) {
    if (i == len) {
      fail_at(o, WS_ESYNTAX, at,
              "unexpected end of input, expected '\"' to end the string", 0);
      return;
    }
    unsigned char c = s[i];
    if (c == '"')
      return;
    if (c == '\\') {
      size_t used = model_escape(s, len, i, o);
      if (!used)
        return;
      i += used;
    } else if (c < 0x20) {
      fail_at(o, WS_ESYNTAX, i,
              "unescaped control character 0x%02x in a string", c);
      return;
    } else {
      uint32_t cp;
      size_t n = ws_utf8_next((const char *)s + i, len - i, &cp);
      if (n == 0) {
        fail_at(o, WS_EUTF8, i, "invalid UTF-8 byte 0x%02x", c);
        return;
      }
      memcpy(o->text + o->len, s + i, n);
      o->len += n;
      i += n;
    }
  }
}

/* ---- random strings ------------------------------------------------------- */

static uint64_t rng_state = 0x9E3779B97F4A7C15u;

static unsigned rnd(unsigned n) {
  rng_state ^= rng_state << 13;
  rng_state ^= rng_state >> 7;
  rng_state ^= rng_state << 17;
  return (unsigned)(rng_state % n);
}

/* Pieces of text: mostly valid, some with one thing wrong. */
static const char *const valid_pieces[] = {
    "a", "hello world ", "0123456789abcdef", "-", " ", "\xc3\xa9", "\xce\x93",
    "\xd7\xa9", "\xe4\xbd\xa0", "\xe0\xa4\xa8", "\xe0\xa0\x80", "\xed\x9f\xbf",
    "\xee\x80\x80", "\xef\xbf\xbf", "\xf0\x9f\x8e\x89", "\xf0\x90\x80\x80",
    "\xf4\x8f\xbf\xbf", "\xf3\xa0\x80\x80", "\xe2\x80\x9c", "\\n", "\\\"",
    "\\\\", "\\/", "\\u0041", "\\u00e9", "\\u20ac", "\\ud83c\\udf89", "\\t",
    "\xc2\x80", "\xdf\xbf"};
static const char *const broken_pieces[] = {
    "\x80", "\xbf", "\xc0\x80", "\xc1\xbf", "\xc3", "\xe4\xbd", "\xf0\x9f\x8e",
    "\xe0\x80\x80", "\xe0\x9f\xbf", "\xed\xa0\x80", "\xed\xbf\xbf",
    "\xf0\x80\x80\x80", "\xf0\x8f\xbf\xbf", "\xf4\x90\x80\x80", "\xf5\x80",
    "\xff", "\xfe", "\xc3\x28", "\xe4\x28\xa0", "\x01", "\x1f", "\n", "\x7f",
    "\\x", "\\u12", "\\ud800", "\\udc00", "\\ud800\\u0041", "\\", "\\\x80"};

#define N_VALID (sizeof valid_pieces / sizeof valid_pieces[0])
#define N_BROKEN (sizeof broken_pieces / sizeof broken_pieces[0])

/* A document: some spaces (to move the string against the blocks), a
 * string of random pieces, and usually its closing quote and more JSON. */
static size_t make_doc(unsigned char *buf, size_t cap, size_t *at) {
  size_t n = rnd(20);
  memset(buf, ' ', n);
  *at = n;
  buf[n++] = '"';
  unsigned pieces = rnd(12);
  bool broken = rnd(3) == 0;
  unsigned bad_piece = broken ? rnd(pieces + 1) : pieces + 1;
  for (unsigned k = 0; k <= pieces; k++) {
    const char *piece = k == bad_piece ? broken_pieces[rnd(N_BROKEN)]
                                       : valid_pieces[rnd(N_VALID)];
    size_t len = strlen(piece);
    if (n + len + 40 > cap)
      break;
    memcpy(buf + n, piece, len);
    n += len;
  }
  switch (rnd(4)) {
  case 0: /* the input ends inside the string */
    break;
  case 1:
    buf[n++] = '"';
    break;
  default: /* more JSON after it, some of it not ASCII */
    memcpy(buf + n, "\",\"\xc3\xa9\xe4\xbd\xa0\"]", 11);
    n += 11;
    break;
  }
  return n;
}

/* ---- the comparison ------------------------------------------------------- */

static void check_one(const unsigned char *buf, size_t len, size_t at) {
  outcome want;
  model(buf, len, at, &want);
  ws_error err;
  ws_reader r;
  ws_reader_init(&r, (const char *)buf, len, NULL, &err);
  ws_str s = {NULL, 0};
  ws_status got = ws_read_str(&r, &s);
  if (got != want.code || (got == WS_OK && (s.len != want.len ||
                                            memcmp(ws_str_c(&s), want.text,
                                                   want.len) != 0))) {
    print_error("document: \"%.*s\" (%zu bytes), string at %zu\n", (int)len,
                (const char *)buf, len, at);
  }
  assert_int_equal(got, want.code);
  if (got == WS_OK) {
    assert_int_equal(s.len, want.len);
    assert_memory_equal(ws_str_c(&s), want.text, want.len);
  } else {
    assert_string_equal(err.msg, want.msg);
    assert_int_equal(err.offset, want.offset);
    assert_int_equal(err.col, want.offset + 1);
    assert_null(s.ptr);
  }
  ws_str_free(&s);
  ws_reader_free(&r);
}

static void test_random_strings_read_as_the_model_says(void **state) {
  (void)state;
  unsigned char buf[512];
  for (int i = 0; i < 60000; i++) {
    size_t at;
    size_t len = make_doc(buf, sizeof buf, &at);
    check_one(buf, len, at);
  }
}

/* One broken sequence at every offset of a long valid string: the block
 * that holds it, and the one after when the sequence straddles two. */
static void test_each_broken_piece_at_every_offset(void **state) {
  (void)state;
  static const char fill[] = "\xe4\xbd\xa0 ab\xc3\xa9";
  unsigned char buf[256];
  for (size_t b = 0; b < N_BROKEN; b++) {
    for (size_t off = 0; off < 40; off++) {
      size_t n = 0;
      buf[n++] = '"';
      while (n < off + 1) /* ASCII up to the offset, then the piece */
        buf[n++] = 'x';
      size_t plen = strlen(broken_pieces[b]);
      memcpy(buf + n, broken_pieces[b], plen);
      n += plen;
      for (int k = 0; k < 4; k++) {
        memcpy(buf + n, fill, sizeof fill - 1);
        n += sizeof fill - 1;
      }
      buf[n++] = '"';
      check_one(buf, n, 0);
    }
  }
}

/* A valid multi-byte sequence across each block boundary, and one cut by
 * the closing quote there. */
static void test_sequences_across_block_boundaries(void **state) {
  (void)state;
  unsigned char buf[128];
  for (size_t v = 0; v < N_VALID; v++) {
    for (size_t off = 0; off < 36; off++) {
      size_t n = 0;
      buf[n++] = '"';
      for (size_t k = 0; k + 1 < off; k += 2) { /* off bytes of filler */
        buf[n++] = 0xC3;
        buf[n++] = 0xA9;
      }
      if (off % 2)
        buf[n++] = 'y';
      size_t plen = strlen(valid_pieces[v]);
      memcpy(buf + n, valid_pieces[v], plen);
      n += plen;
      buf[n++] = '"';
      check_one(buf, n, 0);
      if (plen > 1 && (unsigned char)valid_pieces[v][0] >= 0x80) {
        buf[n - 2] = '"'; /* the sequence cut short by the quote */
        check_one(buf, n - 1, 0);
      }
    }
  }
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_random_strings_read_as_the_model_says),
      cmocka_unit_test(test_each_broken_piece_at_every_offset),
      cmocka_unit_test(test_sequences_across_block_boundaries),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
