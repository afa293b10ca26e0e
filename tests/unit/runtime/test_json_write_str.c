/* Tests for ws_json_write_str.c, the body of a JSON string: its UTF-8
 * check, which looks at 16 or 32 bytes at a time, and the two ways a string
 * reaches it (in place, into room for the longest output; or a piece at a
 * time through the stack, for a buffer without that room), which must
 * write the same. Sequences valid and invalid are put at every offset of
 * strings of every length up to 70, so that each meets the start, the
 * middle and the end of a block, the boundary between two, and the short
 * last block. Expected outputs come from a one-code-point-at-a-time
 * reference built on ws_utf8_next_fast (test_json_write.c checks the
 * writer against CPython itself). All of it runs once for each level of
 * vector instructions the UTF-8 checker and the string loop may use
 * (internal/ws_utf8_block.h), down to none. */
#include "failalloc.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ws_json_write.h"
#include "ws_utf8.h"

#include "internal/ws_json_str.h"
#include "internal/ws_utf8_block.h"

/* ---- the reference -------------------------------------------------------*/

/* What json.dumps writes for one character of s (its n bytes, code point
 * cp): escaped as CPython's encoder escapes it, or as it is. */
static void reference_char(ws_buf *b, const char *s, size_t n, uint32_t cp,
                           ws_json_mode mode) {
  static const char *const named[128] = {
      ['"'] = "\\\"", ['\\'] = "\\\\", ['\n'] = "\\n", ['\r'] = "\\r",
      ['\t'] = "\\t",  ['\b'] = "\\b",    ['\f'] = "\\f"};
  char esc[16];
  if (cp < 0x80 && named[cp] != NULL) {
    ws_buf_puts(b, named[cp]);
  } else if (cp < 0x20 || (cp == 0x7F && mode == WS_JSON_PYTHON)) {
    snprintf(esc, sizeof esc, "\\u%04x", (unsigned)cp);
    ws_buf_puts(b, esc);
  } else if (cp < 0x80 || mode == WS_JSON_COMPACT) {
    ws_buf_put(b, s, n);
  } else if (cp <= 0xFFFF) {
    snprintf(esc, sizeof esc, "\\u%04x", (unsigned)cp);
    ws_buf_puts(b, esc);
  } else {
    uint32_t v = cp - 0x10000;
    snprintf(esc, sizeof esc, "\\u%04x\\u%04x", (unsigned)(0xD800 | v >> 10),
             (unsigned)(0xDC00 | (v & 0x3FF)));
    ws_buf_puts(b, esc);
  }
}

/* What json.dumps writes for s[0..len) (valid UTF-8), one code point at a
 * time. */
static ws_buf reference(const char *s, size_t len, ws_json_mode mode) {
  ws_buf b;
  ws_buf_init(&b);
  ws_buf_putc(&b, '"');
  const unsigned char *u = (const unsigned char *)s;
  for (size_t i = 0; i < len;) {
    uint32_t cp = 0;
    size_t n = ws_utf8_next_fast(u + i, len - i, &cp);
    assert_true(n > 0);
    reference_char(&b, s + i, n, cp, mode);
    i += n;
  }
  ws_buf_putc(&b, '"');
  assert_int_equal(b.status, WS_OK);
  return b;
}

/* ---- the ways in ---------------------------------------------------------*/

/* Writes s in every way there is and checks that they agree: into a fresh
 * buffer (a piece at a time), into one with room for the longest output
 * (in place), and measuring. Returns the status; on WS_OK *out holds the
 * text (freed by the caller). */
static ws_status write_every_way(const char *text, size_t len,
                                 ws_json_mode mode, ws_buf *out) {
  /* the text in memory of exactly its size, so that the sanitizer sees a
   * read past its end */
  char *s = malloc(len > 0 ? len : 1);
  assert_non_null(s);
  memcpy(s, text, len);
  ws_buf pieces;
  ws_buf_init(&pieces);
  ws_json_put_str(&pieces, s, len, mode);
  ws_buf roomy;
  ws_buf_init(&roomy);
  assert_int_equal(ws_buf_reserve(&roomy, 6 * len + 64), WS_OK);
  ws_json_put_str(&roomy, s, len, mode);
  ws_buf count;
  ws_buf_measure(&count);
  ws_json_put_str(&count, s, len, mode);
  assert_int_equal(roomy.status, pieces.status);
  assert_int_equal(count.status, pieces.status);
  ws_status st = pieces.status;
  if (st == WS_OK) {
    assert_int_equal(roomy.len, pieces.len);
    assert_memory_equal(roomy.data, pieces.data, pieces.len);
    assert_int_equal(count.len, pieces.len);
    *out = pieces;
  } else {
    /* a failed string leaves nothing behind */
    assert_int_equal(pieces.len, 0);
    assert_int_equal(roomy.len, 0);
    ws_buf_free(&pieces);
  }
  ws_buf_free(&roomy);
  free(s);
  return st;
}

/* s must write as the reference in both modes. */
static void expect_valid(const char *s, size_t len) {
  for (int m = WS_JSON_COMPACT; m <= WS_JSON_PYTHON; m++) {
    ws_buf got;
    assert_int_equal(write_every_way(s, len, (ws_json_mode)m, &got), WS_OK);
    ws_buf want = reference(s, len, (ws_json_mode)m);
    assert_int_equal(got.len, want.len);
    assert_memory_equal(got.data, want.data, want.len);
    ws_buf_free(&got);
    ws_buf_free(&want);
  }
}

/* s must be refused in both modes, as ws_utf8_valid refuses it. */
static void expect_invalid(const char *s, size_t len) {
  assert_false(ws_utf8_valid(s, len, NULL));
  for (int m = WS_JSON_COMPACT; m <= WS_JSON_PYTHON; m++) {
    ws_buf got;
    assert_int_equal(write_every_way(s, len, (ws_json_mode)m, &got), WS_EUTF8);
  }
}

/* ---- sequences at every offset ----------------------------------------*/

typedef struct seq {
  const char *bytes;
  size_t len;
} seq;
#define SEQ(lit)                                                               \
  { lit, sizeof(lit) - 1 }

/* Every kind of lead, and the bounds of the second byte where a lead
 * narrows them. */
static const seq valid_seqs[] = {
    SEQ("\xc2\x80"),         SEQ("\xdf\xbf"),         SEQ("\xe0\xa0\x80"),
    SEQ("\xe0\xbf\xbf"),     SEQ("\xe1\x80\x80"),     SEQ("\xec\xbf\xbf"),
    SEQ("\xed\x80\x80"),     SEQ("\xed\x9f\xbf"),     SEQ("\xee\x80\x80"),
    SEQ("\xef\xbf\xbf"),     SEQ("\xf0\x90\x80\x80"), SEQ("\xf0\xbf\xbf\xbf"),
    SEQ("\xf1\x80\x80\x80"), SEQ("\xf3\xbf\xbf\xbf"), SEQ("\xf4\x80\x80\x80"),
    SEQ("\xf4\x8f\xbf\xbf"), SEQ("\xc3\xa9\""),       SEQ("\"\xe2\x82\xac"),
};

/* Bytes never valid, overlong forms, surrogates, values above U+10FFFF,
 * stray and missing continuations. */
static const seq invalid_seqs[] = {
    SEQ("\x80"),
    SEQ("\xbf"),
    SEQ("\xc0\x80"),
    SEQ("\xc1\xbf"),
    SEQ("\xe0\x80\x80"),
    SEQ("\xe0\x9f\xbf"),
    SEQ("\xed\xa0\x80"),
    SEQ("\xed\xbf\xbf"),
    SEQ("\xf0\x80\x80\x80"),
    SEQ("\xf0\x8f\xbf\xbf"),
    SEQ("\xf4\x90\x80\x80"),
    SEQ("\xf4\xbf\xbf\xbf"),
    SEQ("\xf5\x80\x80\x80"),
    SEQ("\xf8\x88\x80\x80\x80"),
    SEQ("\xfe"),
    SEQ("\xff"),
    SEQ("\xc2"),
    SEQ("\xc2"
        "a"),
    SEQ("\xe2\x82"),
    SEQ("\xe2\x82"
        "a"),
    SEQ("\xf0\x9f\x98"),
    SEQ("\xf0\x9f\x98"
        "a"),
    SEQ("\xc2\x80\x80"),
    SEQ("\xe2\x82\xac\xac"),
    SEQ("\xc2\xe2\x82\xac"),
    SEQ("\xe2\xc3\xa9"),
};

enum { MAX_LEN = 70 };

/* s of `len` bytes: 'a' everywhere, `q` at `at`. */
static void fill(char *s, size_t len, const seq *q, size_t at) {
  memset(s, 'a', len);
  memcpy(s + at, q->bytes, q->len);
}

static void test_valid_sequences_at_every_offset_of_every_length(void **state) {
  (void)state;
  char s[MAX_LEN];
  for (size_t k = 0; k < sizeof valid_seqs / sizeof valid_seqs[0]; k++) {
    const seq *q = &valid_seqs[k];
    for (size_t len = q->len; len <= MAX_LEN; len++) {
      for (size_t at = 0; at + q->len <= len; at++) {
        fill(s, len, q, at);
        expect_valid(s, len);
      }
    }
  }
}

static void
test_invalid_sequences_at_every_offset_of_every_length(void **state) {
  (void)state;
  char s[MAX_LEN];
  for (size_t k = 0; k < sizeof invalid_seqs / sizeof invalid_seqs[0]; k++) {
    const seq *q = &invalid_seqs[k];
    for (size_t len = q->len; len <= MAX_LEN; len++) {
      for (size_t at = 0; at + q->len <= len; at++) {
        fill(s, len, q, at);
        expect_invalid(s, len);
      }
    }
  }
}

/* A sequence cut short by the end of the string, whatever the string's
 * length: the last block, whole or short, must not pass it. */
static void test_truncated_at_the_end_of_every_length(void **state) {
  (void)state;
  static const seq cut[] = {SEQ("\xc3"), SEQ("\xe2"),     SEQ("\xe2\x82"),
                            SEQ("\xf0"), SEQ("\xf0\x9f"), SEQ("\xf0\x9f\x98")};
  char s[MAX_LEN];
  for (size_t k = 0; k < sizeof cut / sizeof cut[0]; k++) {
    for (size_t len = cut[k].len; len <= MAX_LEN; len++) {
      fill(s, len, &cut[k], len - cut[k].len);
      expect_invalid(s, len);
    }
  }
}

/* Sequences side by side across block boundaries, in a run with no ASCII:
 * every way three-byte text can fall on 16-byte blocks, and four-byte. */
static void test_runs_of_sequences_across_blocks(void **state) {
  (void)state;
  char s[80];
  for (size_t lead = 0; lead < 4; lead++) {
    for (size_t n = 1; n <= 18; n++) {
      size_t len = lead;
      memset(s, 'a', lead);
      for (size_t i = 0; i < n; i++) {
        const char *c = i % 3 == 2 ? "\xf0\x9f\x8e\x89"
                                   : (i % 3 ? "\xe4\xbd\xa0" : "\xd0\x9f");
        size_t clen = strlen(c);
        if (len + clen > sizeof s) {
          break;
        }
        memcpy(s + len, c, clen);
        len += clen;
      }
      expect_valid(s, len);
      /* and cut short by one byte: the last sequence is truncated */
      expect_invalid(s, len - 1);
    }
  }
}

/* Strings longer than the pieces a buffer without room takes (256 bytes):
 * a character and an escape at every offset around the boundaries. */
static void test_long_strings_across_pieces(void **state) {
  (void)state;
  char s[600];
  for (size_t at = 240; at < 280; at++) {
    for (int k = 0; k < 3; k++) {
      static const seq qs[] = {SEQ("\xe2\x82\xac"), SEQ("\xf0\x9f\x98\x80"),
                               SEQ("\"\xc3\xa9\"")};
      fill(s, sizeof s, &qs[k], at);
      memcpy(s + at + 256, qs[k].bytes, qs[k].len);
      expect_valid(s, sizeof s);
    }
    s[at] = '\xff';
    expect_invalid(s, sizeof s);
  }
}

/* Escapes several to a block, and blocks of nothing but escapes. */
static void test_many_escapes_in_one_block(void **state) {
  (void)state;
  char s[MAX_LEN];
  for (size_t len = 1; len <= MAX_LEN; len++) {
    for (size_t every = 1; every <= 4; every++) {
      memset(s, 'b', len);
      for (size_t i = 0; i < len; i += every) {
        s[i] = '"';
      }
      expect_valid(s, len);
      if (len >= 2) {
        memcpy(s + len / 2 - 1, "\xc3\xa9", 2);
        expect_valid(s, len);
      }
    }
  }
}

/* A fixed buffer takes a long string with escapes and non-ASCII exactly as
 * long as its room, and refuses one byte less. */
static void test_fixed_buffer_takes_a_long_string_exactly(void **state) {
  (void)state;
  const char text[] = "Gr\xc3\xbc\xc3\x9f"
                      "e aus K\xc3\xb6ln / \xe4\xbd\xa0\xe5\xa5\xbd | "
                      "say \"hi\" \xf0\x9f\x8e\x89\n and more plain text";
  char space[512];
  for (int m = WS_JSON_COMPACT; m <= WS_JSON_PYTHON; m++) {
    ws_buf want;
    assert_int_equal(
        write_every_way(text, sizeof text - 1, (ws_json_mode)m, &want), WS_OK);
    ws_buf b;
    ws_buf_fixed(&b, space, want.len + 1);
    ws_json_put_str(&b, text, sizeof text - 1, (ws_json_mode)m);
    assert_int_equal(b.status, WS_OK);
    assert_memory_equal(b.data, want.data, want.len);
    ws_buf_fixed(&b, space, want.len);
    ws_json_put_str(&b, text, sizeof text - 1, (ws_json_mode)m);
    assert_int_equal(b.status, WS_EFULL);
    ws_buf_free(&want);
  }
}

/* The general path, public as ws_json_put_str_slow, writes what
 * ws_json_put_str writes, whatever `stop` says. */
static void test_put_str_slow_writes_the_same(void **state) {
  (void)state;
  static const seq texts[] = {SEQ("plain"), SEQ("a \"quoted\" caf\xc3\xa9"),
                              SEQ("\xff")};
  for (size_t k = 0; k < sizeof texts / sizeof texts[0]; k++) {
    for (int m = WS_JSON_COMPACT; m <= WS_JSON_PYTHON; m++) {
      ws_buf want;
      ws_buf got;
      ws_buf_init(&want);
      ws_buf_init(&got);
      ws_json_put_str(&want, texts[k].bytes, texts[k].len, (ws_json_mode)m);
      ws_json_put_str_slow(&got, texts[k].bytes, texts[k].len, (ws_json_mode)m,
                           0);
      assert_int_equal(got.status, want.status);
      assert_int_equal(got.len, want.len);
      if (want.status == WS_OK) {
        assert_memory_equal(got.data, want.data, want.len);
      }
      ws_buf_free(&want);
      ws_buf_free(&got);
    }
  }
}

/* ---- python mode's runs of escaped text ---------------------------------*/

/* Characters of every kind the python-mode writer tells apart: plain ASCII,
 * a space (plain, between words of a script), each escaped ASCII byte, and
 * code points of every UTF-8 length at the ends of their ranges. */
static const seq mixed_chars[] = {
    SEQ("a"),        SEQ(" "),        SEQ("\""),           SEQ("\\"),
    SEQ("\n"),       SEQ("\x01"),     SEQ("\x1f"),         SEQ("\x7f"),
    SEQ("\xc2\x80"), SEQ("\xc3\xa9"), SEQ("\xdf\xbf"),     SEQ("\xe0\xa0\x80"),
    SEQ("\xe2\x82\xac"), SEQ("\xed\x9f\xbf"), SEQ("\xee\x80\x80"),
    SEQ("\xef\xbf\xbf"), SEQ("\xf0\x90\x80\x80"), SEQ("\xf0\x9f\x98\x80"),
    SEQ("\xf4\x8f\xbf\xbf"),
};
enum { N_MIXED = sizeof mixed_chars / sizeof mixed_chars[0] };

/* A small deterministic generator: the same strings every run. */
static uint32_t next_random(uint32_t *state) {
  *state = *state * 1103515245u + 12345u;
  return *state >> 16;
}

/* Text that switches between scripts, spaces and escapes every character
 * or few, as real multilingual text does, after `shift` plain bytes (so
 * that each character meets every place in a 16- or 32-byte block): every
 * way the run loop can enter and leave a run, at the start, the end and
 * across blocks, in both modes and every way in. */
static void test_mixed_runs_at_every_alignment(void **state) {
  (void)state;
  uint32_t rnd = 12;
  char s[400];
  for (size_t shift = 0; shift < 33; shift++) {
    for (int trial = 0; trial < 24; trial++) {
      memset(s, 'x', shift);
      size_t len = shift;
      size_t chars = 1 + next_random(&rnd) % 60;
      /* mostly non-ASCII, as the 16 KB fixture's strings are */
      for (size_t c = 0; c < chars && len + 4 <= sizeof s; c++) {
        uint32_t r = next_random(&rnd);
        const seq *q = r % 3 != 0 ? &mixed_chars[8 + (r / 3) % (N_MIXED - 8)]
                                  : &mixed_chars[(r / 3) % 8];
        memcpy(s + len, q->bytes, q->len);
        len += q->len;
      }
      expect_valid(s, len);
    }
  }
}

/* Each character alone, and each pair, at the very start and end of a
 * string and of strings of 1 to 40 bytes: the run loop's first and last
 * steps. */
static void test_every_pair_of_characters_at_the_ends(void **state) {
  (void)state;
  char s[64];
  for (size_t a = 0; a < N_MIXED; a++) {
    for (size_t b = 0; b < N_MIXED; b++) {
      const seq *qa = &mixed_chars[a];
      const seq *qb = &mixed_chars[b];
      for (size_t pad = 0; pad <= 36; pad += 3) {
        /* at the start, padding after */
        memcpy(s, qa->bytes, qa->len);
        memcpy(s + qa->len, qb->bytes, qb->len);
        memset(s + qa->len + qb->len, 'y', pad);
        expect_valid(s, qa->len + qb->len + pad);
        /* at the end, padding before */
        memset(s, 'y', pad);
        memcpy(s + pad, qa->bytes, qa->len);
        memcpy(s + pad + qa->len, qb->bytes, qb->len);
        expect_valid(s, pad + qa->len + qb->len);
      }
    }
  }
}

/* The exact text CPython writes for characters of each length: lowercase
 * hex, and a surrogate pair above U+FFFF (json.dumps("\u00ab\u20ac\uffff
 * \U0001f600\U0010ffff")). */
static void test_python_hex_is_lowercase_and_pairs_astral(void **state) {
  (void)state;
  const char in[] = "\xc2\xab\xe2\x82\xac\xef\xbf\xbf \xf0\x9f\x98\x80"
                    "\xf4\x8f\xbf\xbf";
  ws_buf b;
  ws_buf_init(&b);
  ws_json_put_str(&b, in, sizeof in - 1, WS_JSON_PYTHON);
  assert_int_equal(b.status, WS_OK);
  assert_string_equal(b.data, "\"\\u00ab\\u20ac\\uffff \\ud83d\\ude00"
                              "\\udbff\\udfff\"");
  ws_buf_free(&b);
}

/* A string whose text is valid where it first leaves ASCII but not later,
 * past escapes and plain runs: python mode checks all of what follows,
 * not only the first run. */
static void test_invalid_text_after_valid_runs(void **state) {
  (void)state;
  char s[MAX_LEN + 16];
  const char head[] = "\xc3\xa9 \xe2\x82\xac\"\n";
  for (size_t k = 0; k < sizeof invalid_seqs / sizeof invalid_seqs[0]; k++) {
    const seq *q = &invalid_seqs[k];
    for (size_t at = sizeof head - 1; at + q->len <= MAX_LEN; at++) {
      memset(s, 'a', MAX_LEN);
      memcpy(s, head, sizeof head - 1);
      memcpy(s + at, q->bytes, q->len);
      expect_invalid(s, MAX_LEN);
    }
  }
}

/* A fixed buffer with the least room the in-place path takes
 * (WS_JSON_STR_ROOM(len) for the body, the quotes, the NUL), allocated
 * exactly so that the sanitizer sees any byte written past it, and one
 * byte less (the path through the stack): both write the reference. The
 * texts grow the most a character can: controls (6 bytes out for 1), two-
 * byte characters (6 for 2), astral ones (12 for 4), at the end. */
static void test_least_room_for_the_longest_output(void **state) {
  (void)state;
  static const seq texts[] = {
      SEQ("\x01\x02\x03\x04\x05\x06\x07\x0e\x0f\x10\x11\x12\x13\x14\x15\x16"
          "\x17\x18\x19\x1a"),
      SEQ("\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9"
          "\xc3\xa9\xc3\xa9\xc3\xa9"),
      SEQ("ab\xe2\x82\xac\xe2\x82\xac\xf0\x9f\x98\x80"),
      SEQ("\xf0\x9f\x98\x80"),
      SEQ("\xc3\xa9"),
      SEQ("\x7f"),
  };
  for (size_t k = 0; k < sizeof texts / sizeof texts[0]; k++) {
    for (int m = WS_JSON_COMPACT; m <= WS_JSON_PYTHON; m++) {
      const seq *q = &texts[k];
      ws_buf want = reference(q->bytes, q->len, (ws_json_mode)m);
      for (size_t less = 0; less <= 1; less++) {
        size_t size = WS_JSON_STR_ROOM(q->len) + 3 - less;
        char *space = malloc(size);
        assert_non_null(space);
        ws_buf b;
        ws_buf_fixed(&b, space, size);
        ws_json_put_str(&b, q->bytes, q->len, (ws_json_mode)m);
        assert_int_equal(b.status, WS_OK);
        assert_int_equal(b.len, want.len);
        assert_memory_equal(b.data, want.data, want.len);
        free(space);
      }
      ws_buf_free(&want);
    }
  }
}

int main(void) {
  static const char *const level_names[] = {
      "json_write_str, sequence at a time", "json_write_str, SSE2",
      "json_write_str, SSSE3", "json_write_str, AVX2"};
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_valid_sequences_at_every_offset_of_every_length),
      cmocka_unit_test(test_invalid_sequences_at_every_offset_of_every_length),
      cmocka_unit_test(test_truncated_at_the_end_of_every_length),
      cmocka_unit_test(test_runs_of_sequences_across_blocks),
      cmocka_unit_test(test_long_strings_across_pieces),
      cmocka_unit_test(test_many_escapes_in_one_block),
      cmocka_unit_test(test_fixed_buffer_takes_a_long_string_exactly),
      cmocka_unit_test(test_put_str_slow_writes_the_same),
      cmocka_unit_test(test_mixed_runs_at_every_alignment),
      cmocka_unit_test(test_every_pair_of_characters_at_the_ends),
      cmocka_unit_test(test_python_hex_is_lowercase_and_pairs_astral),
      cmocka_unit_test(test_invalid_text_after_valid_runs),
      cmocka_unit_test(test_least_room_for_the_longest_output),
  };
  /* Each path the CPU can take (the UTF-8 checker's, and the AVX2 string
   * loop's), from the best down; a level the build or the CPU lacks runs
   * as the best there is below it. */
  int failed = 0;
  for (int level = WS_UTF8_SIMD_AVX2; level >= WS_UTF8_SIMD_NONE; level--) {
    ws_utf8_simd_ceiling(level);
    failed += cmocka_run_group_tests_name(level_names[level], tests, NULL, NULL);
  }
  ws_utf8_simd_ceiling(WS_UTF8_SIMD_AVX2);
  return failed;
}
