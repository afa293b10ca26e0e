/* Tests for the string scanner's block paths (runtime/ws_json_string.c):
 * random strings of valid and broken UTF-8, escapes and control bytes, at
 * every alignment and near the end of the input, read by ws_read_str and
 * compared with a byte-by-byte model of RFC 8259 and RFC 3629 written
 * here: the same text, or the same first error with the same message at
 * the same byte. The scanners check 32 bytes at a time (with AVX2) or
 * sixteen (with SSE2) and hand anything wrong to a byte-by-byte scanner;
 * this is what keeps them in step. Each document is read on each path the
 * CPU has, both into the reader's pool (the text decoded as it is
 * checked, ws_jr_read_text) and without one (checked, then copied), from
 * a copy of exactly its length, so that ASan sees any read past it. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "ws_json_read.h"
#include "ws_str.h"
#include "ws_utf8.h"

#include "internal/ws_json_read_parts.h"
#include "internal/ws_pool.h"
#include "internal/ws_utf8_block.h"

/* ---- the model ------------------------------------------------------------ */

typedef struct outcome {
  ws_status code;
  size_t offset; /* of the error */
  char msg[128];
  char text[8192]; /* decoded, when code is WS_OK */
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
    "\\x", "\\u12", "\\ud800", "\\udc00", "\\ud800\\u0041", "\\", "\\\x80",
    /* F5..FF, C0 and C1 before continuation bytes, as a lead of their
     * kind would have them */
    "\xf5\x80\x80\x80", "\xf5\x90\x80\x80", "\xf7\xbf\xbf\xbf",
    "\xf8\x88\x80\x80\x80", "\xfb\xbf\xbf\xbf\xbf", "\xfc\x84\x80\x80\x80\x80",
    "\xfd\xbf", "\xfe\x80\x80", "\xff\xbf\xbf\xbf", "\xc0\xaf", "\xc1\x81",
    "\xe0\x80\xaf", "\xf0\x80\x80\xaf", "\xf4\x90\x80", "\xed\xa0",
    "\xbf\x80\x80"};

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

/* The reader's paths: AVX2's scanner, where the CPU has AVX2, and SSE2's,
 * which every lower level takes (and which AVX2's hands the last bytes of
 * the input to). */
static const int levels[] = {WS_UTF8_SIMD_AVX2, WS_UTF8_SIMD_SSE2};
#define N_LEVELS (sizeof levels / sizeof levels[0])

/* Reads the string of doc (len bytes) on the current path, into the pool
 * or not, and compares what it gives with want. */
static void read_one(const unsigned char *doc, size_t len, size_t at,
                     const outcome *want, bool pooled) {
  ws_error err;
  ws_reader r;
  ws_reader_init(&r, (const char *)doc, len, NULL, &err);
  if (pooled) {
    ws_pool_start(&r.pool, len);
  }
  ws_str s = {NULL, 0};
  ws_status got = ws_read_str(&r, &s);
  if (got != want->code ||
      (got == WS_OK && (s.len != want->len ||
                        memcmp(ws_str_c(&s), want->text, want->len) != 0))) {
    print_error("document: \"%.*s\" (%zu bytes), string at %zu, level %d, "
                "%s\n",
                (int)len, (const char *)doc, len, at, ws_utf8_simd_level(),
                pooled ? "pooled" : "not pooled");
  }
  assert_int_equal(got, want->code);
  if (got == WS_OK) {
    assert_int_equal(s.len, want->len);
    assert_memory_equal(ws_str_c(&s), want->text, want->len);
  } else {
    assert_string_equal(err.msg, want->msg);
    assert_int_equal(err.offset, want->offset);
    assert_int_equal(err.col, want->offset + 1);
    assert_null(s.ptr);
  }
  ws_str_free(&s);
  ws_reader_free(&r);
}

/* The string whose opening quote is buf[at], read on every path from a
 * copy of exactly len bytes. */
static void check_one(const unsigned char *buf, size_t len, size_t at) {
  outcome want;
  model(buf, len, at, &want);
  unsigned char *doc = malloc(len);
  assert_non_null(doc);
  memcpy(doc, buf, len);
  int done = -1;
  for (size_t k = 0; k < N_LEVELS; k++) {
    ws_utf8_simd_ceiling(levels[k]);
    if (ws_utf8_simd_level() == done) {
      continue; /* the CPU lacks the level */
    }
    done = ws_utf8_simd_level();
    read_one(doc, len, at, &want, false);
    read_one(doc, len, at, &want, true);
  }
  ws_utf8_simd_ceiling(WS_UTF8_SIMD_AVX2);
  free(doc);
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

/* Long strings, of many blocks: runs of multi-byte text as a header of
 * the 16 KB benchmark has them, escapes among them, and now and then one
 * thing wrong. */
static const char *const long_pieces[] = {
    "\xe0\xa4\xa8\xe0\xa4\xae\xe0\xa4\xb8\xe0\xa5\x8d\xe0\xa4\xa4\xe0\xa5\x87",
    "\xe4\xbd\xa0\xe5\xa5\xbd\xef\xbc\x8c\xe4\xb8\x96\xe7\x95\x8c",
    "\xce\x93\xce\xb5\xce\xb9\xce\xac \xcf\x83\xce\xbf\xcf\x85",
    "\xf0\x9f\x8e\x89\xf0\x9f\x9a\x80\xe2\x9c\xa8",
    " / ",
    " | say ",
    "\xd7\xa9\xd7\x9c\xd7\x95\xd7\x9d",
    "plain ASCII text of some length"};
#define N_LONG (sizeof long_pieces / sizeof long_pieces[0])

static size_t make_long_doc(unsigned char *buf, size_t cap, size_t *at) {
  size_t n = rnd(40);
  memset(buf, ' ', n);
  *at = n;
  buf[n++] = '"';
  unsigned pieces = rnd(120);
  unsigned bad_piece = rnd(3) == 0 ? rnd(pieces + 1) : pieces + 1;
  for (unsigned k = 0; k <= pieces; k++) {
    const char *piece = k == bad_piece ? broken_pieces[rnd(N_BROKEN)]
                        : rnd(3) == 0  ? valid_pieces[rnd(N_VALID)]
                                       : long_pieces[rnd(N_LONG)];
    size_t len = strlen(piece);
    if (n + len + 40 > cap)
      break;
    memcpy(buf + n, piece, len);
    n += len;
  }
  if (rnd(5) != 0) {
    memcpy(buf + n, "\",\"\xc3\xa9\"]", 8);
    n += 8;
  }
  return n;
}

static void test_long_strings_read_as_the_model_says(void **state) {
  (void)state;
  unsigned char buf[4096];
  for (int i = 0; i < 6000; i++) {
    size_t at;
    size_t len = make_long_doc(buf, sizeof buf, &at);
    check_one(buf, len, at);
  }
}

/* Every byte from 0x80 up as the lead of a sequence, before each kind of
 * byte (continuations of each range, ASCII, another lead, the quote and a
 * backslash) and as many continuations as its kind would take, at offsets
 * around the 16- and 32-byte block boundaries, after multi-byte text (so
 * the block before matters) and with more after it. F5..FF before
 * continuation bytes, which random pieces seldom make, are among them. */
static void test_every_lead_before_every_kind_of_byte(void **state) {
  (void)state;
  static const unsigned char seconds[] = {0x80, 0x8F, 0x90, 0x9F, 0xA0,
                                          0xBF, 'a',  0xC3, '"',  '\\'};
  static const size_t offsets[] = {0,  1,  2,  3,  13, 14, 15, 16, 17, 29,
                                   30, 31, 32, 33, 34, 61, 62, 63, 64, 65};
  static const char before[] = "\xe4\xbd\xa0\xc3\xa9";
  static const char after[] = "\xe0\xa4\xa8 ok \xf0\x9f\x8e\x89";
  unsigned char buf[160];
  for (unsigned lead = 0x80; lead <= 0xFF; lead++) {
    for (size_t k = 0; k < sizeof seconds; k++) {
      for (size_t more = 0; more < 3; more++) {
        for (size_t o = 0; o < sizeof offsets / sizeof offsets[0]; o++) {
          size_t n = 0;
          buf[n++] = '"';
          while (n + sizeof before - 1 <= offsets[o] + 1) {
            memcpy(buf + n, before, sizeof before - 1);
            n += sizeof before - 1;
          }
          while (n < offsets[o] + 1)
            buf[n++] = 'x';
          buf[n++] = (unsigned char)lead;
          buf[n++] = seconds[k];
          for (size_t c = 0; c < more; c++)
            buf[n++] = 0x80 + (unsigned char)(c * 0x11);
          for (int rep = 0; rep < 3; rep++) {
            memcpy(buf + n, after, sizeof after - 1);
            n += sizeof after - 1;
          }
          buf[n++] = '"';
          check_one(buf, n, 0);
        }
      }
    }
  }
}

/* Each escape at every offset of a string of multi-byte text, so that it
 * starts, ends or straddles each block boundary; runs of escapes; and the
 * input ending inside an escape at every offset. */
static void test_escapes_at_every_offset(void **state) {
  (void)state;
  static const char *const escapes[] = {"\\n",
                                        "\\\"",
                                        "\\\\",
                                        "\\/",
                                        "\\u0041",
                                        "\\u00e9",
                                        "\\u20ac",
                                        "\\ud83c\\udf89",
                                        "\\u0000",
                                        "\\uFFFF",
                                        "\\n\\t\\r\\b\\f",
                                        "\\u00e9\\u00e9\\\\",
                                        "\\ud800",
                                        "\\q",
                                        "\\u12g4",
                                        "\\udc00\\u0041"};
  static const char fill[] = "\xe4\xbd\xa0\xc3\xa9z";
  unsigned char buf[200];
  for (size_t e = 0; e < sizeof escapes / sizeof escapes[0]; e++) {
    size_t elen = strlen(escapes[e]);
    for (size_t off = 0; off < 72; off++) {
      size_t n = 0;
      buf[n++] = '"';
      while (n + sizeof fill - 1 <= off + 1) {
        memcpy(buf + n, fill, sizeof fill - 1);
        n += sizeof fill - 1;
      }
      while (n < off + 1)
        buf[n++] = 'y';
      memcpy(buf + n, escapes[e], elen);
      n += elen;
      size_t cut = n; /* the input may end anywhere inside the escape */
      for (int rep = 0; rep < 6; rep++) {
        memcpy(buf + n, fill, sizeof fill - 1);
        n += sizeof fill - 1;
      }
      buf[n++] = '"';
      check_one(buf, n, 0);
      for (size_t c = cut - elen + 1; c < cut; c++)
        check_one(buf, c, 0);
    }
  }
}

/* Many strings in one array, of more than the reader's pool has room for
 * in one piece (under ASan, 4 KB): the strings near the end of the room
 * are scanned in a window that ends before the input does. */
static void test_strings_of_a_large_array(void **state) {
  (void)state;
  enum { N = 200 };
  static unsigned char buf[N * (16 * 32 + 3)]; /* room for the longest */
  size_t at[N];
  size_t n = 0;
  buf[n++] = '[';
  for (size_t i = 0; i < N; i++) {
    if (i)
      buf[n++] = ',';
    at[i] = n;
    buf[n++] = '"';
    for (unsigned k = rnd(16); k > 0; k--) {
      const char *piece =
          rnd(2) ? valid_pieces[rnd(N_VALID)] : long_pieces[rnd(N_LONG)];
      memcpy(buf + n, piece, strlen(piece));
      n += strlen(piece);
    }
    buf[n++] = '"';
  }
  buf[n++] = ']';
  assert_true(n < sizeof buf && n > 8192);
  unsigned char *doc = malloc(n);
  assert_non_null(doc);
  memcpy(doc, buf, n);
  for (size_t k = 0; k < N_LEVELS; k++) {
    ws_utf8_simd_ceiling(levels[k]);
    for (int pooled = 0; pooled < 2; pooled++) {
      ws_error err;
      ws_reader r;
      ws_reader_init(&r, (const char *)doc, n, NULL, &err);
      if (pooled)
        ws_pool_start(&r.pool, n);
      assert_int_equal(ws_read_array_begin(&r, "an array"), WS_OK);
      for (size_t i = 0; i < N; i++) {
        assert_true(ws_read_array_next(&r));
        outcome want;
        model(buf, n, at[i], &want);
        assert_int_equal(want.code, WS_OK);
        ws_str s = {NULL, 0};
        assert_int_equal(ws_read_str(&r, &s), WS_OK);
        assert_int_equal(s.len, want.len);
        assert_memory_equal(ws_str_c(&s), want.text, want.len);
        ws_str_free(&s);
      }
      assert_false(ws_read_array_next(&r));
      assert_int_equal(ws_read_end(&r), WS_OK);
      ws_reader_free(&r);
    }
  }
  ws_utf8_simd_ceiling(WS_UTF8_SIMD_AVX2);
  free(doc);
}

/* ws_jr_scan_string_into with room for fewer bytes than the input has
 * left: the scan stops at a window's end and says WS_EFULL, nothing
 * consumed or recorded, unless the string is read whole before it (its
 * text then right, or its first error). Every room size, with escapes and
 * multi-byte text at every place against the window's end; the room is
 * exactly its size on the heap, so that ASan sees a write past it. */
static void scan_into_every_room(const unsigned char *buf, size_t len) {
  outcome want;
  model(buf, len, 0, &want);
  unsigned char *doc = malloc(len);
  assert_non_null(doc);
  memcpy(doc, buf, len);
  for (size_t k = 0; k < N_LEVELS; k++) {
    ws_utf8_simd_ceiling(levels[k]);
    for (size_t cap = 1; cap <= len + 1; cap++) {
      ws_error err;
      ws_reader r;
      ws_reader_init(&r, (const char *)doc, len, NULL, &err);
      char *out = malloc(cap);
      assert_non_null(out);
      size_t got_len = 0;
      ws_status st = ws_jr_scan_string_into(&r, out, cap, &got_len);
      if (st == WS_EFULL) {
        assert_true(cap < len);
        assert_ptr_equal(r.p, (const char *)doc);
        assert_int_equal(r.status, WS_OK);
      } else {
        assert_int_equal(st, want.code);
        if (st == WS_OK) {
          assert_int_equal(got_len, want.len);
          assert_memory_equal(out, want.text, want.len);
          assert_int_equal(out[got_len], '\0');
        } else {
          assert_string_equal(err.msg, want.msg);
          assert_int_equal(err.offset, want.offset);
        }
      }
      free(out);
      ws_reader_free(&r);
    }
  }
  ws_utf8_simd_ceiling(WS_UTF8_SIMD_AVX2);
  free(doc);
}

static void test_scan_into_a_window(void **state) {
  (void)state;
  static const char *const middles[] = {
      "\\u00e9",          "\\ud83c\\udf89", "\\n",     "\\\\",
      "\xf0\x9f\x8e\x89", "\\ud800",        "\xe4\xbd"};
  static const char fill[] = "\xe4\xbd\xa0\xc3\xa9z";
  unsigned char buf[160];
  for (size_t m = 0; m < sizeof middles / sizeof middles[0]; m++) {
    for (size_t off = 0; off < 40; off += 3) {
      size_t n = 0;
      buf[n++] = '"';
      while (n + sizeof fill - 1 <= off + 1) {
        memcpy(buf + n, fill, sizeof fill - 1);
        n += sizeof fill - 1;
      }
      while (n < off + 1)
        buf[n++] = 'y';
      memcpy(buf + n, middles[m], strlen(middles[m]));
      n += strlen(middles[m]);
      for (int rep = 0; rep < 5; rep++) {
        memcpy(buf + n, fill, sizeof fill - 1);
        n += sizeof fill - 1;
      }
      memcpy(buf + n, "\",\"more\",\"and more\"]", 20);
      n += 20;
      scan_into_every_room(buf, n);
    }
  }
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_random_strings_read_as_the_model_says),
      cmocka_unit_test(test_each_broken_piece_at_every_offset),
      cmocka_unit_test(test_sequences_across_block_boundaries),
      cmocka_unit_test(test_long_strings_read_as_the_model_says),
      cmocka_unit_test(test_every_lead_before_every_kind_of_byte),
      cmocka_unit_test(test_escapes_at_every_offset),
      cmocka_unit_test(test_strings_of_a_large_array),
      cmocka_unit_test(test_scan_into_a_window),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
