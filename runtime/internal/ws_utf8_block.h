/* ws_utf8_block.h - strict UTF-8 checked sixteen bytes at a time with SSE2,
 * for the JSON reader's string scanner (not part of the public API;
 * wstypes.h does not include it). Empty without SSE2: there the scanner
 * checks a sequence at a time.
 *
 * Each rule of RFC 3629 becomes a comparison of the block with itself
 * moved one, two or three bytes along (the bytes moved in at the bottom
 * are the top of the block before):
 *   - the byte after a lead C0..FF, the second after E0..FF and the third
 *     after F0..FF are owed continuation bytes (80..BF), and every
 *     continuation byte must be owed;
 *   - C0, C1 (always overlong) and F5..FF (above U+10FFFF) never appear;
 *   - after E0 comes A0..BF (else overlong), after ED 80..9F (else a
 *     surrogate), after F0 90..BF (else overlong), after F4 80..8F (else
 *     above U+10FFFF).
 * The check says only whether and where (which byte of the block) a rule
 * is broken; the four narrower second bytes are looked at only after a
 * lead from E0 up. Where the first invalid sequence starts, and so the
 * error message, is for a byte-by-byte scan of the same text to find:
 * invalid input is rare and its cost does not matter, while two ways of
 * wording one error would. */
#ifndef WS_UTF8_BLOCK_H
#define WS_UTF8_BLOCK_H

#if defined(__SSE2__)
#include <emmintrin.h>
#include <stdint.h>

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
static inline uint32_t ws_utf8_block_errors(__m128i v, __m128i prev) {
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

#endif
