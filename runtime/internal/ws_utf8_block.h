/* ws_utf8_block.h - strict UTF-8 checked a block of bytes at a time, for
 * the JSON reader's string scanner and the JSON writer (not part of the
 * public API; wstypes.h does not include it). The one UTF-8 block checker
 * of the runtime, in two forms:
 *   - the compare form (ws_utf8_compare_errors), with SSE2 alone, x86-64's
 *     baseline;
 *   - the shuffle form (ws_utf8_shuffle_errors, 16 bytes with SSSE3, and
 *     ws_utf8_shuffle_errors32, 32 with AVX2): three table look-ups a
 *     block, after Keiser and Lemire's "Validating UTF-8 in less than one
 *     instruction per byte" (2021). Only code compiled for those
 *     instructions may call them, and only when the CPU has them
 *     (ws_utf8_simd_level, found once when the library loads).
 * ws_utf8_block_errors gives one 16-byte block's errors with the best form
 * the CPU has (the reader's sixteen-byte scanner; its 32-byte scanner for
 * CPUs with AVX2, ws_json_string_avx2.c, has ws_utf8_shuffle_errors32
 * inline); ws_utf8_blocks_valid checks a whole span so (the writer,
 * ws_utf8_valid). Without SSE2 there is none of
 * this: the scanners check a sequence at a time (ws_utf8.h).
 *
 * Both forms say only whether and where a rule is broken: at a byte of
 * the broken sequence, or at the byte just after it (the shuffle form
 * looks at each byte with the one before; a lone C0, C1 or F5..FF shows
 * at the byte after it). So a caller looks at the bits up to and
 * including the byte that ends its text, and at the next block's first
 * bytes when a block ends in bytes >= 0x80. Where the first invalid
 * sequence starts, and so the error message, is for a byte-by-byte scan
 * of the same text to find: invalid input is rare and its cost does not
 * matter, while two ways of wording one error would.
 *
 * The compare form: each rule of RFC 3629 becomes a comparison of the
 * block with itself moved one, two or three bytes along (the bytes moved
 * in at the bottom are the top of the block before):
 *   - the byte after a lead C0..FF, the second after E0..FF and the third
 *     after F0..FF are owed continuation bytes (80..BF), and every
 *     continuation byte must be owed;
 *   - C0, C1 (always overlong) and F5..FF (above U+10FFFF) never appear;
 *   - after E0 comes A0..BF (else overlong), after ED 80..9F (else a
 *     surrogate), after F0 90..BF (else overlong), after F4 80..8F (else
 *     above U+10FFFF). */
#ifndef WS_UTF8_BLOCK_H
#define WS_UTF8_BLOCK_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#if defined(__SSE2__)
#include <emmintrin.h>

/* A byte as the signed char SSE2's set1 takes. */
#define WS_UTF8_BYTE(b) _mm_set1_epi8((char)((b) - ((b) > 0x7F ? 256 : 0)))

/* The block v moved k bytes up, the bottom k from the top of prev (the
 * block before it). A macro: the byte shifts take immediate counts. */
#define WS_UTF8_BACK(v, prev, k)                                               \
  _mm_or_si128(_mm_slli_si128(v, k), _mm_srli_si128(prev, 16 - (k)))

/* Bit i set when byte i of v breaks a rule, looking back into prev (zero
 * when what came before v is ASCII). A byte after the text (the quote that
 * ends it) is flagged too when a sequence before it is unfinished, so a
 * caller looks at the bits up to and including the byte that ends its
 * text. */
static inline uint32_t ws_utf8_compare_errors(__m128i v, __m128i prev) {
  __m128i back1 = WS_UTF8_BACK(v, prev, 1);
  __m128i back2 = WS_UTF8_BACK(v, prev, 2);
  __m128i back3 = WS_UTF8_BACK(v, prev, 3);
  /* Not zero where a continuation byte is owed: saturating subtraction
   * leaves something only from a lead at or above the threshold. */
  __m128i owed = _mm_or_si128(
      _mm_subs_epu8(back1, WS_UTF8_BYTE(0xBF)),
      _mm_or_si128(_mm_subs_epu8(back2, WS_UTF8_BYTE(0xDF)),
                   _mm_subs_epu8(back3, WS_UTF8_BYTE(0xEF))));
  __m128i zero = _mm_setzero_si128();
  __m128i not_owed = _mm_cmpeq_epi8(owed, zero);
  /* 80..BF are the signed bytes below -64. */
  __m128i cont = _mm_cmplt_epi8(v, WS_UTF8_BYTE(0xC0));
  __m128i err = _mm_cmpeq_epi8(not_owed, cont); /* owed xor continuation */
  /* C0, C1: equal to C0 but for the last bit; F5..FF: unsigned max. */
  err = _mm_or_si128(err, _mm_cmpeq_epi8(_mm_and_si128(v, WS_UTF8_BYTE(0xFE)),
                                         WS_UTF8_BYTE(0xC0)));
  err = _mm_or_si128(err,
                     _mm_cmpeq_epi8(_mm_max_epu8(v, WS_UTF8_BYTE(0xF5)), v));
  uint32_t bits = (uint32_t)_mm_movemask_epi8(err);
  __m128i after_e0_up = _mm_subs_epu8(back1, WS_UTF8_BYTE(0xDF));
  if (_mm_movemask_epi8(_mm_cmpeq_epi8(after_e0_up, zero)) == 0xFFFF) {
    return bits; /* no byte follows a lead from E0 up */
  }
  /* Second bytes, as signed: 80..9F are below -96, A0..BF above -97;
   * 80..8F below -112, 90..BF above -113. An ASCII byte there is wrong
   * already, whichever way these take it. */
  __m128i e0 = _mm_and_si128(_mm_cmpeq_epi8(back1, WS_UTF8_BYTE(0xE0)),
                             _mm_cmplt_epi8(v, WS_UTF8_BYTE(0xA0)));
  __m128i ed = _mm_and_si128(_mm_cmpeq_epi8(back1, WS_UTF8_BYTE(0xED)),
                             _mm_cmpgt_epi8(v, WS_UTF8_BYTE(0x9F)));
  __m128i f0 = _mm_and_si128(_mm_cmpeq_epi8(back1, WS_UTF8_BYTE(0xF0)),
                             _mm_cmplt_epi8(v, WS_UTF8_BYTE(0x90)));
  __m128i f4 = _mm_and_si128(_mm_cmpeq_epi8(back1, WS_UTF8_BYTE(0xF4)),
                             _mm_cmpgt_epi8(v, WS_UTF8_BYTE(0x8F)));
  return bits | (uint32_t)_mm_movemask_epi8(_mm_or_si128(
                    _mm_or_si128(e0, ed), _mm_or_si128(f0, f4)));
}
#endif


/* ---- the shuffle form -----------------------------------------------------*
 * A byte and the one before it decide nearly every rule: the three nibbles
 * that matter (the high and low nibble of the byte before, the high nibble
 * of the byte) each pick, from a table of 16 bytes, the set of errors they
 * are consistent with, one error a bit; an error is there when all three
 * agree. The bits:
 *   SHORT  a lead (C0..FF) followed by a byte that is not a continuation
 *   LONG   an ASCII byte followed by a continuation
 *   OVER2  C0 or C1 followed by a continuation (overlong)
 *   OVER3  E0 followed by 80..9F (overlong)
 *   SURR   ED followed by A0..BF (a surrogate)
 *   F_8X   F0 followed by 80..8F (overlong), or F5..FF by 80..8F
 *   BIG    F4..FF followed by 90..BF (above U+10FFFF)
 *   CONT2  a continuation followed by a continuation: not an error by
 *          itself, but right exactly where the byte is the third or fourth
 *          of a sequence (two bytes after E0..FF, or three after F0..FF),
 *          which one subtraction each tells; the two are XORed.
 * A lead with too few continuations shows as SHORT or a third or fourth
 * byte missing, one with too many as CONT2 where none is owed. */
#if defined(__SSE2__) && defined(__GNUC__) && defined(__x86_64__)
#define WS_UTF8_SHUFFLE 1
#include <immintrin.h>

#define WS_TARGET_SSSE3 __attribute__((target("ssse3")))
#define WS_TARGET_AVX2 __attribute__((target("avx2")))

enum {
  WS_U8_SHORT = 0x01,
  WS_U8_LONG = 0x02,
  WS_U8_OVER2 = 0x04,
  WS_U8_OVER3 = 0x08,
  WS_U8_SURR = 0x10,
  WS_U8_F_8X = 0x20,
  WS_U8_BIG = 0x40,
  WS_U8_CONT2 = 0x80,
  /* what the low nibble of the byte before does not decide */
  WS_U8_ANY_LOW = WS_U8_SHORT | WS_U8_LONG | WS_U8_CONT2
};

/* The tables, in _mm_setr_epi8's order (index 0 first). By the byte
 * before's high nibble: what kind of byte it is. */
#define WS_U8_BY_PREV_HIGH                                                     \
  WS_U8_LONG, WS_U8_LONG, WS_U8_LONG, WS_U8_LONG, WS_U8_LONG, WS_U8_LONG,      \
      WS_U8_LONG, WS_U8_LONG, /* 0..7: ASCII */                               \
      (char)WS_U8_CONT2, (char)WS_U8_CONT2, (char)WS_U8_CONT2,                 \
      (char)WS_U8_CONT2, /* 8..B: continuations */                             \
      WS_U8_SHORT | WS_U8_OVER2, WS_U8_SHORT,                                  \
      WS_U8_SHORT | WS_U8_OVER3 | WS_U8_SURR,                                  \
      WS_U8_SHORT | WS_U8_F_8X | WS_U8_BIG
/* By the byte before's low nibble: which lead it is, where that matters
 * (C0, C1; E0, ED; F0, F4, F5..FF). */
#define WS_U8_BY_PREV_LOW                                                      \
  (char)(WS_U8_ANY_LOW | WS_U8_OVER2 | WS_U8_OVER3 | WS_U8_F_8X),              \
      (char)(WS_U8_ANY_LOW | WS_U8_OVER2), (char)WS_U8_ANY_LOW,                \
      (char)WS_U8_ANY_LOW, (char)(WS_U8_ANY_LOW | WS_U8_BIG),                  \
      (char)(WS_U8_ANY_LOW | WS_U8_F_8X | WS_U8_BIG),                          \
      (char)(WS_U8_ANY_LOW | WS_U8_F_8X | WS_U8_BIG),                          \
      (char)(WS_U8_ANY_LOW | WS_U8_F_8X | WS_U8_BIG),                          \
      (char)(WS_U8_ANY_LOW | WS_U8_F_8X | WS_U8_BIG),                          \
      (char)(WS_U8_ANY_LOW | WS_U8_F_8X | WS_U8_BIG),                          \
      (char)(WS_U8_ANY_LOW | WS_U8_F_8X | WS_U8_BIG),                          \
      (char)(WS_U8_ANY_LOW | WS_U8_F_8X | WS_U8_BIG),                          \
      (char)(WS_U8_ANY_LOW | WS_U8_F_8X | WS_U8_BIG),                          \
      (char)(WS_U8_ANY_LOW | WS_U8_SURR | WS_U8_F_8X | WS_U8_BIG),             \
      (char)(WS_U8_ANY_LOW | WS_U8_F_8X | WS_U8_BIG),                          \
      (char)(WS_U8_ANY_LOW | WS_U8_F_8X | WS_U8_BIG)
/* By the byte's own high nibble: what may come before it. */
#define WS_U8_BY_HIGH                                                          \
  WS_U8_SHORT, WS_U8_SHORT, WS_U8_SHORT, WS_U8_SHORT, WS_U8_SHORT,             \
      WS_U8_SHORT, WS_U8_SHORT, WS_U8_SHORT, /* 0..7: ASCII */                \
      (char)(WS_U8_LONG | WS_U8_OVER2 | WS_U8_OVER3 | WS_U8_F_8X |             \
             WS_U8_CONT2), /* 8 */                                             \
      (char)(WS_U8_LONG | WS_U8_OVER2 | WS_U8_OVER3 | WS_U8_BIG |              \
             WS_U8_CONT2), /* 9 */                                             \
      (char)(WS_U8_LONG | WS_U8_OVER2 | WS_U8_SURR | WS_U8_BIG |               \
             WS_U8_CONT2), /* A */                                             \
      (char)(WS_U8_LONG | WS_U8_OVER2 | WS_U8_SURR | WS_U8_BIG |               \
             WS_U8_CONT2), /* B */                                             \
      WS_U8_SHORT, WS_U8_SHORT, WS_U8_SHORT, WS_U8_SHORT /* C..F: leads */

/* The tables and constants of the shuffle form, 32 bytes each (the
 * 16-byte form takes the first 16). */
enum {
  WS_U8_K_BY_PREV_HIGH,
  WS_U8_K_BY_PREV_LOW,
  WS_U8_K_BY_HIGH,
  WS_U8_K_NIBBLE,
  WS_U8_K_E0_LESS80,
  WS_U8_K_F0_LESS80,
  WS_U8_K_TOP,
  WS_U8_K_COUNT
};
/* Defined in ws_utf8_block.c, out of the callers' sight: loaded, not
 * built from immediates in every call. */
extern const char ws_utf8_shuffle_table[WS_U8_K_COUNT][32];

typedef struct ws_utf8_shuffle_k {
  __m256i by_prev_high, by_prev_low, by_high, nibble, e0_less80, f0_less80,
      top;
} ws_utf8_shuffle_k;

#define WS_U8_K32(i)                                                           \
  _mm256_loadu_si256((const __m256i *)(const void *)ws_utf8_shuffle_table[i])
#define WS_U8_K16(i)                                                           \
  _mm_loadu_si128((const __m128i *)(const void *)ws_utf8_shuffle_table[i])

WS_TARGET_AVX2 static inline ws_utf8_shuffle_k ws_utf8_shuffle_consts(void) {
  ws_utf8_shuffle_k k = {
      WS_U8_K32(WS_U8_K_BY_PREV_HIGH), WS_U8_K32(WS_U8_K_BY_PREV_LOW),
      WS_U8_K32(WS_U8_K_BY_HIGH),      WS_U8_K32(WS_U8_K_NIBBLE),
      WS_U8_K32(WS_U8_K_E0_LESS80),    WS_U8_K32(WS_U8_K_F0_LESS80),
      WS_U8_K32(WS_U8_K_TOP)};
  return k;
}

/* Not zero at each byte of v where a rule is seen broken (see the top),
 * given the bytes one, two and three before each (prev1, prev2, prev3).
 * Saturating subtraction of E0 - 80 (F0 - 80) leaves
 * the top bit set exactly where the byte two (three) before is E0..FF
 * (F0..FF). */
WS_TARGET_AVX2 static inline __m256i
ws_utf8_shuffle_errors32(const ws_utf8_shuffle_k *k, __m256i v, __m256i prev1,
                         __m256i prev2, __m256i prev3) {
  __m256i pair = _mm256_and_si256(
      _mm256_and_si256(
          _mm256_shuffle_epi8(k->by_prev_high,
                              _mm256_and_si256(_mm256_srli_epi16(prev1, 4),
                                               k->nibble)),
          _mm256_shuffle_epi8(k->by_prev_low,
                              _mm256_and_si256(prev1, k->nibble))),
      _mm256_shuffle_epi8(
          k->by_high, _mm256_and_si256(_mm256_srli_epi16(v, 4), k->nibble)));
  __m256i third_or_fourth = _mm256_or_si256(_mm256_subs_epu8(prev2, k->e0_less80),
                                            _mm256_subs_epu8(prev3, k->f0_less80));
  return _mm256_xor_si256(pair, _mm256_and_si256(third_or_fourth, k->top));
}

/* The same for 16 bytes, with SSSE3 (k's bottom halves, loaded by the
 * caller as SSE vectors). */
typedef struct ws_utf8_shuffle_k16 {
  __m128i by_prev_high, by_prev_low, by_high, nibble, e0_less80, f0_less80,
      top;
} ws_utf8_shuffle_k16;

WS_TARGET_SSSE3 static inline ws_utf8_shuffle_k16
ws_utf8_shuffle_consts16(void) {
  ws_utf8_shuffle_k16 k = {
      WS_U8_K16(WS_U8_K_BY_PREV_HIGH), WS_U8_K16(WS_U8_K_BY_PREV_LOW),
      WS_U8_K16(WS_U8_K_BY_HIGH),      WS_U8_K16(WS_U8_K_NIBBLE),
      WS_U8_K16(WS_U8_K_E0_LESS80),    WS_U8_K16(WS_U8_K_F0_LESS80),
      WS_U8_K16(WS_U8_K_TOP)};
  return k;
}

WS_TARGET_SSSE3 static inline __m128i
ws_utf8_shuffle_errors(const ws_utf8_shuffle_k16 *k, __m128i v, __m128i prev1,
                       __m128i prev2, __m128i prev3) {
  __m128i pair = _mm_and_si128(
      _mm_and_si128(
          _mm_shuffle_epi8(k->by_prev_high,
                           _mm_and_si128(_mm_srli_epi16(prev1, 4), k->nibble)),
          _mm_shuffle_epi8(k->by_prev_low, _mm_and_si128(prev1, k->nibble))),
      _mm_shuffle_epi8(k->by_high,
                       _mm_and_si128(_mm_srli_epi16(v, 4), k->nibble)));
  __m128i third_or_fourth = _mm_or_si128(_mm_subs_epu8(prev2, k->e0_less80),
                                         _mm_subs_epu8(prev3, k->f0_less80));
  return _mm_xor_si128(pair, _mm_and_si128(third_or_fourth, k->top));
}

/* The predecessors of a block v from the block before it (zero when
 * none). */
#define WS_UTF8_PREV16(v, prev, n) _mm_alignr_epi8(v, prev, 16 - (n))
#define WS_UTF8_PREV32(v, prev, n)                                             \
  _mm256_alignr_epi8(v, _mm256_permute2x128_si256(prev, v, 0x21), 16 - (n))
#endif

/* ---- whole spans, with the best form there is -----------------------------*/

/* What the checks may use: WS_UTF8_SIMD_NONE (a sequence at a time),
 * _SSE2 (the compare form), _SSSE3 and _AVX2 (the shuffle form, 16 and 32
 * bytes at a time). */
enum {
  WS_UTF8_SIMD_NONE = 0,
  WS_UTF8_SIMD_SSE2 = 1,
  WS_UTF8_SIMD_SSSE3 = 2,
  WS_UTF8_SIMD_AVX2 = 3
};

/* The best level this build and this CPU allow (found when the library
 * is loaded), at most the ceiling. */
extern int ws_utf8_simd_best;
static inline int ws_utf8_simd_level(void) {
  return ws_utf8_simd_best;
}

/* Holds ws_utf8_simd_level at or below `ceiling` (for the tests, which
 * take each path in turn; WS_UTF8_SIMD_AVX2 lifts the hold). Not for use
 * while another thread checks text. */
void ws_utf8_simd_ceiling(int ceiling);

/* True when s[0..len) is valid UTF-8, checked a block at a time (without
 * SSE2, a sequence at a time). Says nothing about where it is not. */
bool ws_utf8_blocks_valid(const unsigned char *s, size_t len);

#if defined(__SSE2__)
#if defined(WS_UTF8_SHUFFLE)
/* The shuffle form of one 16-byte block, as the bits
 * ws_utf8_compare_errors gives (AVX2's VEX forms, out of line). */
uint32_t ws_utf8_shuffle_block_errors(__m128i v, __m128i prev);
#endif

/* Bit i set where byte i of v shows a rule broken (see the top), looking
 * back into prev (the block before v; zero when none), with the best form
 * the CPU has: the shuffle form with AVX2 (a call: the caller is not
 * compiled for it), else the compare form inline. */
static inline uint32_t ws_utf8_block_errors(__m128i v, __m128i prev) {
#if defined(WS_UTF8_SHUFFLE)
  if (ws_utf8_simd_best == WS_UTF8_SIMD_AVX2) {
    return ws_utf8_shuffle_block_errors(v, prev);
  }
#endif
  return ws_utf8_compare_errors(v, prev);
}
#endif

#endif
