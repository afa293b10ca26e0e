/* Tests for ws_utf8_block.c and internal/ws_utf8_block.h, the UTF-8 block
 * checker, at each level of vector instructions it may use (the compare
 * form with SSE2, the shuffle form with SSSE3 and AVX2, and none): every
 * level must say what a sequence-at-a-time model built on
 * ws_utf8_next_fast says, for sequences valid and invalid at every offset
 * of spans of every length across two 32-byte blocks, for every pair of
 * bytes after each kind of lead at the block boundaries, and for random
 * mixtures. ws_utf8_valid, which asks the block checker first, must still
 * say where invalid text goes wrong. */
#include "failalloc.h"

#include <stdlib.h>
#include <string.h>

#include "ws_utf8.h"

#include "internal/ws_utf8_block.h"

/* ---- the model ------------------------------------------------------------*/

static bool model_valid(const unsigned char *s, size_t len) {
  for (size_t i = 0; i < len;) {
    uint32_t cp;
    size_t n = ws_utf8_next_fast(s + i, len - i, &cp);
    if (n == 0) {
      return false;
    }
    i += n;
  }
  return true;
}

/* The levels to run: each up to what this build and CPU have. */
static int best_level(void) {
  ws_utf8_simd_ceiling(WS_UTF8_SIMD_AVX2);
  return ws_utf8_simd_level();
}

/* Checks s[0..len) at every level against the model; the span is copied
 * to the heap exactly, so that ASan sees any read outside it. */
static void expect_model(const unsigned char *s, size_t len) {
  bool want = model_valid(s, len);
  unsigned char *copy = malloc(len ? len : 1);
  assert_non_null(copy);
  if (len) {
    memcpy(copy, s, len);
  }
  for (int level = best_level(); level >= WS_UTF8_SIMD_NONE; level--) {
    ws_utf8_simd_ceiling(level);
    assert_int_equal(ws_utf8_simd_level(), level);
    if (ws_utf8_blocks_valid(copy, len) != want) {
      fail_msg("level %d says %s for %zu bytes", level,
               want ? "invalid" : "valid", len);
    }
  }
  ws_utf8_simd_ceiling(WS_UTF8_SIMD_AVX2);
  free(copy);
}

/* ---- sequences at every offset ------------------------------------------*/

typedef struct seq {
  const char *bytes;
  size_t len;
} seq;
#define SEQ(lit)                                                               \
  { lit, sizeof(lit) - 1 }

static const seq seqs[] = {
    /* valid: every kind of lead, the bounds of narrowed second bytes */
    SEQ("\xc2\x80"), SEQ("\xdf\xbf"), SEQ("\xe0\xa0\x80"), SEQ("\xe0\xbf\xbf"),
    SEQ("\xe1\x80\x80"), SEQ("\xed\x9f\xbf"), SEQ("\xee\x80\x80"),
    SEQ("\xef\xbf\xbf"), SEQ("\xf0\x90\x80\x80"), SEQ("\xf1\x80\x80\x80"),
    SEQ("\xf4\x8f\xbf\xbf"),
    /* invalid: never valid, overlong, surrogate, too large, stray, short */
    SEQ("\x80"), SEQ("\xbf"), SEQ("\xc0\x80"), SEQ("\xc1\xbf"),
    SEQ("\xe0\x80\x80"), SEQ("\xe0\x9f\xbf"), SEQ("\xed\xa0\x80"),
    SEQ("\xed\xbf\xbf"), SEQ("\xf0\x80\x80\x80"), SEQ("\xf0\x8f\xbf\xbf"),
    SEQ("\xf4\x90\x80\x80"), SEQ("\xf5\x80\x80\x80"), SEQ("\xff"),
    SEQ("\xc2"), SEQ("\xe2\x82"), SEQ("\xf0\x9f\x98"), SEQ("\xc2\x80\x80"),
    SEQ("\xe2\x82\xac\xac"), SEQ("\xf0\x9f\x98\x80\x80"), SEQ("\xc2\xe2\x82"),
};

enum { MAX_SPAN = 72 };

/* Backgrounds: ASCII, and two-byte text (so that the blocks before and
 * after the sequence hold bytes >= 0x80 too). */
static void fill(unsigned char *s, size_t len, bool two_byte) {
  for (size_t i = 0; i < len; i++) {
    s[i] = two_byte ? (i % 2 ? 0xA9 : 0xC3) : 'a';
  }
}

static void test_sequences_at_every_offset_of_every_length(void **state) {
  (void)state;
  unsigned char s[MAX_SPAN];
  for (size_t k = 0; k < sizeof seqs / sizeof seqs[0]; k++) {
    for (int bg = 0; bg < 2; bg++) {
      for (size_t at = 0; at < MAX_SPAN; at += 1 + (size_t)bg) {
        for (size_t len = at + seqs[k].len; len <= MAX_SPAN;
             len += 1 + (size_t)bg) {
          fill(s, len, bg == 1);
          memcpy(s + at, seqs[k].bytes, seqs[k].len);
          expect_model(s, len);
        }
        /* the sequence cut short by the end of the span */
        for (size_t cut = 1; cut < seqs[k].len && at + cut <= MAX_SPAN;
             cut++) {
          fill(s, at, bg == 1);
          memcpy(s + at, seqs[k].bytes, cut);
          expect_model(s, at + cut);
        }
      }
    }
  }
}

/* Every second byte after each interesting lead, with each kind of third
 * byte, where the lead is the last byte of a 16- and of a 32-byte block. */
static void test_every_pair_at_block_boundaries(void **state) {
  (void)state;
  static const unsigned char leads[] = {0x7F, 0x80, 0xC0, 0xC2, 0xDF, 0xE0,
                                        0xE1, 0xED, 0xEF, 0xF0, 0xF3, 0xF4,
                                        0xF5, 0xFF};
  static const unsigned char thirds[] = {'a', 0x80, 0xBF, 0xC2};
  static const size_t ends[] = {15, 31, 33};
  unsigned char s[48];
  for (size_t e = 0; e < sizeof ends / sizeof ends[0]; e++) {
    for (size_t l = 0; l < sizeof leads; l++) {
      for (unsigned second = 0; second < 256; second++) {
        for (size_t t = 0; t < sizeof thirds; t++) {
          fill(s, sizeof s, false);
          s[ends[e]] = leads[l];
          s[ends[e] + 1] = (unsigned char)second;
          s[ends[e] + 2] = thirds[t];
          s[ends[e] + 3] = 0x80;
          expect_model(s, ends[e] + 2);
          expect_model(s, ends[e] + 3);
          expect_model(s, ends[e] + 4);
          expect_model(s, sizeof s);
        }
      }
    }
  }
}

/* Random mixtures of valid and invalid pieces, up to 150 bytes. */
static void test_random_mixtures(void **state) {
  (void)state;
  unsigned char s[200];
  srand(12);
  for (int round = 0; round < 4000; round++) {
    size_t len = 0;
    size_t target = (size_t)(rand() % 150);
    bool spoil = rand() % 3 == 0;
    while (len < target) {
      const seq *q = &seqs[rand() % 11]; /* the valid ones */
      if (rand() % 2) {
        s[len++] = (unsigned char)(' ' + rand() % 95);
      } else {
        memcpy(s + len, q->bytes, q->len);
        len += q->len;
      }
    }
    if (spoil && len > 0) {
      const seq *q = &seqs[11 + rand() % 20];
      size_t at = (size_t)rand() % len;
      memmove(s + at + q->len, s + at, len - at);
      memcpy(s + at, q->bytes, q->len);
      len += q->len;
    }
    expect_model(s, len);
  }
}

/* Spans shorter than two blocks are gathered into vectors by a few loads
 * of their own bytes (internal/ws_load.h): words of 1, 4 and 8 bytes and
 * halves of 16, which meet at lengths 3/4, 7/8, 15/16/17 and 31..35. At
 * every length up to 40, over text of one, two, three and four bytes a
 * character (so that characters straddle each place two loads meet), a
 * bad byte at every position, the text cut at every length, and a lead
 * as the last byte. Each span is checked from a heap copy of exactly its
 * length (expect_model), so that a load reaching past it is seen. */
static void bad_text_at_each_position(size_t len, const seq *bg) {
  static const unsigned char bad[] = {0x80, 0xBF, 0xC0, 0xC1, 0xC2,
                                      0xE0, 0xED, 0xF0, 0xF4, 0xF5, 0xFF};
  unsigned char s[48];
  for (size_t i = 0; i < len; i++) {
    s[i] = (unsigned char)bg->bytes[i % bg->len];
  }
  expect_model(s, len); /* cut anywhere: maybe inside a character */
  for (size_t at = 0; at < len; at++) {
    for (size_t b = 0; b < sizeof bad; b++) {
      unsigned char was = s[at];
      s[at] = bad[b];
      expect_model(s, len);
      s[at] = was;
    }
  }
}

static void test_short_spans_at_the_gather_edges(void **state) {
  (void)state;
  static const seq backgrounds[] = {SEQ("a"), SEQ("\xc3\xa9"),
                                    SEQ("\xe2\x82\xac"),
                                    SEQ("\xf0\x9f\x98\x80")};
  for (size_t len = 0; len <= 40; len++) {
    for (size_t k = 0; k < sizeof backgrounds / sizeof backgrounds[0]; k++) {
      bad_text_at_each_position(len, &backgrounds[k]);
    }
  }
}

/* The reader's use of one block at a time (ws_json_string.c): text ended
 * by a '"', looked at 16 bytes at a time, each block's bits counted up to
 * and including the byte that ends the text, and the next block looked at
 * when one ends in a byte >= 0x80. Each form must find every invalid text
 * so, and no valid one. */
#if defined(__SSE2__)
static bool read_like_the_reader(const unsigned char *text, size_t len,
                                 uint32_t (*errors)(__m128i, __m128i)) {
  unsigned char s[MAX_SPAN + 48] = {0};
  memcpy(s, text, len);
  s[len] = '"';
  __m128i prev = _mm_setzero_si128();
  uint32_t unfinished = 0;
  for (size_t at = 0;; at += 16) {
    __m128i v = _mm_loadu_si128((const __m128i *)(const void *)(s + at));
    uint32_t high = (uint32_t)_mm_movemask_epi8(v);
    size_t lim = len - at < 16 ? len - at : 16;
    uint32_t upto = (UINT32_C(2) << lim) - 1;
    if (((high & upto) | unfinished) != 0 && (errors(v, prev) & upto) != 0) {
      return false;
    }
    if (lim < 16) {
      return true;
    }
    unfinished = high >> 13;
    prev = v;
  }
}

static uint32_t compare_form(__m128i v, __m128i prev) {
  return ws_utf8_compare_errors(v, prev);
}

static void test_each_form_as_the_reader_uses_it(void **state) {
  (void)state;
  unsigned char s[MAX_SPAN];
  bool shuffle = best_level() == WS_UTF8_SIMD_AVX2;
  for (size_t k = 0; k < sizeof seqs / sizeof seqs[0]; k++) {
    for (int bg = 0; bg < 2; bg++) {
      for (size_t at = 0; at + seqs[k].len <= MAX_SPAN - 8; at++) {
        for (size_t extra = 0; extra < 8; extra += 3) {
          size_t len = at + seqs[k].len + extra;
          fill(s, len, bg == 1);
          memcpy(s + at, seqs[k].bytes, seqs[k].len);
          bool want = model_valid(s, len);
          assert_int_equal(read_like_the_reader(s, len, compare_form), want);
#if defined(WS_UTF8_SHUFFLE)
          if (shuffle) {
            assert_int_equal(
                read_like_the_reader(s, len, ws_utf8_shuffle_block_errors),
                want);
          }
#endif
        }
      }
    }
  }
  (void)shuffle;
}
#endif

/* ws_utf8_valid says where invalid text goes wrong, at every level. */
static void test_valid_still_says_where(void **state) {
  (void)state;
  static const char text[] = "caf\xc3\xa9 and more than thirty-two bytes "
                             "\xed\xa0\x80 after";
  for (int level = best_level(); level >= WS_UTF8_SIMD_NONE; level--) {
    ws_utf8_simd_ceiling(level);
    size_t bad_at = 0;
    assert_false(ws_utf8_valid(text, sizeof text - 1, &bad_at));
    assert_int_equal(bad_at, 37);
    assert_true(ws_utf8_valid(text, 37, NULL));
  }
  ws_utf8_simd_ceiling(WS_UTF8_SIMD_AVX2);
}

/* The level can be held down, and lifted again. */
static void test_ceiling_holds_the_level(void **state) {
  (void)state;
  int best = best_level();
  assert_true(best >= WS_UTF8_SIMD_NONE && best <= WS_UTF8_SIMD_AVX2);
  ws_utf8_simd_ceiling(WS_UTF8_SIMD_NONE);
  assert_int_equal(ws_utf8_simd_level(), WS_UTF8_SIMD_NONE);
  assert_true(ws_utf8_blocks_valid((const unsigned char *)"\xc3\xa9", 2));
  assert_false(ws_utf8_blocks_valid((const unsigned char *)"\xc3", 1));
  assert_true(ws_utf8_blocks_valid(NULL, 0));
  ws_utf8_simd_ceiling(WS_UTF8_SIMD_AVX2);
  assert_int_equal(ws_utf8_simd_level(), best);
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_sequences_at_every_offset_of_every_length),
      cmocka_unit_test(test_every_pair_at_block_boundaries),
      cmocka_unit_test(test_random_mixtures),
      cmocka_unit_test(test_short_spans_at_the_gather_edges),
#if defined(__SSE2__)
      cmocka_unit_test(test_each_form_as_the_reader_uses_it),
#endif
      cmocka_unit_test(test_valid_still_says_where),
      cmocka_unit_test(test_ceiling_holds_the_level),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
