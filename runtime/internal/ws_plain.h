/* ws_plain.h - runs of plain text, for the runtime's own printers (not
 * part of the public API; wstypes.h does not include it).
 *
 * Plain bytes are printable ASCII other than the backslash and both quotes:
 * repr copies them unchanged, one column each. Every printer first skips
 * such a run, sixteen bytes at a time where SSE2 is there (eight by
 * arithmetic on a word elsewhere). The scan is inline so that a caller's
 * loop keeps its constants in registers and pays no call for the many
 * short keys and values it looks at. */
#ifndef WS_PLAIN_H
#define WS_PLAIN_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "ws_bits.h"

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

/* The scans are inlined even where the compiler would rather call: a call
 * and the reloading of the scan's constants cost more than most runs are
 * long. */
#include "ws_inline.h"

/* What ends a run besides the backslash, the quotes and bytes from 0x7f
 * up: bytes below 0x20 (WS_PLAIN_LOW), or from the space down
 * (WS_PLAIN_WORD_LOW: a word ends at a space). */
enum { WS_PLAIN_LOW = 0x20, WS_PLAIN_WORD_LOW = 0x21 };

static inline bool ws_plain_byte(unsigned char c, unsigned char low) {
  return c >= low && c < 0x7f && c != '\\' && c != '\'' && c != '"';
}

#if defined(__SSE2__)
/* Bit k set when byte k of v is not plain. Bytes outside [low, 0x7e]
 * take one signed comparison: adding 0x80 - low moves that range to the
 * bottom of the signed bytes, from -128 up to -2 - low. */
WS_ALWAYS_INLINE unsigned ws_plain_specials(__m128i v, unsigned char low) {
  __m128i shifted = _mm_add_epi8(v, _mm_set1_epi8((char)(0x80 - low)));
  __m128i m = _mm_cmpgt_epi8(shifted, _mm_set1_epi8((char)(-2 - (int)low)));
  m = _mm_or_si128(m, _mm_cmpeq_epi8(v, _mm_set1_epi8('\\')));
  m = _mm_or_si128(m, _mm_cmpeq_epi8(v, _mm_set1_epi8('\'')));
  m = _mm_or_si128(m, _mm_cmpeq_epi8(v, _mm_set1_epi8('"')));
  return (unsigned)_mm_movemask_epi8(m);
}

static inline __m128i ws_plain_load16(const unsigned char *s) {
  return _mm_loadu_si128((const __m128i *)(const void *)s);
}

/* Bytes s[0..w) and s[len-w..len) (w = 4 or 8, w <= len < 2w) as one
 * vector: low half the first w bytes, high half the last w. */
WS_ALWAYS_INLINE __m128i ws_plain_load_ends(const unsigned char *s, size_t len,
                                            size_t w) {
  if (w == 8) {
    __m128i lo = _mm_loadl_epi64((const __m128i *)(const void *)s);
    __m128i hi = _mm_loadl_epi64((const __m128i *)(const void *)(s + len - 8));
    return _mm_unpacklo_epi64(lo, hi);
  }
  uint32_t lo;
  uint32_t hi;
  memcpy(&lo, s, 4);
  memcpy(&hi, s + len - 4, 4);
  return _mm_unpacklo_epi64(_mm_cvtsi32_si128((int)lo),
                            _mm_cvtsi32_si128((int)hi));
}

/* A short text (4 <= len < 16) in one vector of its two ends, which
 * overlap: bit k of the high half is byte len - w + k. */
WS_ALWAYS_INLINE size_t ws_plain_short_run(const unsigned char *s, size_t len,
                                           unsigned char low) {
  size_t w = len >= 8 ? 8 : 4;
  unsigned mask = ws_plain_specials(ws_plain_load_ends(s, len, w), low);
  unsigned half = (1u << w) - 1; /* with w == 4, lanes 4-7 are zeros */
  unsigned head = mask & half;
  if (head) {
    return ws_lowest_bit(head);
  }
  /* High-half bits for bytes the head covered already are dropped. */
  unsigned tail = ((mask >> 8) & half) >> (2 * w - len);
  return tail ? w + ws_lowest_bit(tail) : len;
}

/* Length of the leading run of plain bytes of s[0..len): sixteen at a
 * time, the last sixteen overlapping those already read. */
WS_ALWAYS_INLINE size_t ws_plain_run(const unsigned char *s, size_t len,
                                     unsigned char low) {
  if (len < 16) {
    if (len >= 4) {
      return ws_plain_short_run(s, len, low);
    }
    size_t i = 0;
    while (i < len && ws_plain_byte(s[i], low)) {
      i++;
    }
    return i;
  }
  size_t i = 0;
  for (; len - i >= 16; i += 16) {
    unsigned mask = ws_plain_specials(ws_plain_load16(s + i), low);
    if (mask) {
      return i + ws_lowest_bit(mask);
    }
  }
  if (i == len) {
    return len;
  }
  unsigned tail =
      ws_plain_specials(ws_plain_load16(s + len - 16), low) >> (16 - (len - i));
  return tail ? i + ws_lowest_bit(tail) : len;
}
#else
/* High bit set in each byte of w that equals c (exact, no carries between
 * bytes: the low seven bits are added apart from the eighth). */
static inline uint64_t ws_plain_bytes_equal(uint64_t w, unsigned char c) {
  const uint64_t ones = 0x0101010101010101u;
  const uint64_t highs = 0x8080808080808080u;
  uint64_t x = w ^ (ones * c);
  return ~(((x & ~highs) + ~highs) | x) & highs;
}

/* True when some byte of the eight at s is not plain. */
static inline bool ws_plain_block8_has_special(const unsigned char *s,
                                               unsigned char low) {
  const uint64_t ones = 0x0101010101010101u;
  const uint64_t highs = 0x8080808080808080u;
  uint64_t w;
  memcpy(&w, s, sizeof w);
  uint64_t low7 = w & ~highs;
  uint64_t from_7f = ((low7 + ones) | w) & highs;
  uint64_t below = ~((low7 + ones * (uint64_t)(0x80 - low)) | w) & highs;
  return (from_7f | below | ws_plain_bytes_equal(w, '\\') |
          ws_plain_bytes_equal(w, '\'') | ws_plain_bytes_equal(w, '"')) != 0;
}

/* Length of the leading run of plain bytes of s[0..len). */
WS_ALWAYS_INLINE size_t ws_plain_run(const unsigned char *s, size_t len,
                                     unsigned char low) {
  size_t i = 0;
  while (len - i >= 8 && !ws_plain_block8_has_special(s + i, low)) {
    i += 8;
  }
  while (i < len && ws_plain_byte(s[i], low)) {
    i++;
  }
  return i;
}
#endif

/* Length of the leading run of plain bytes of s[0..len), the space
 * included. */
WS_ALWAYS_INLINE size_t ws_plain_prefix(const char *s, size_t len) {
  return ws_plain_run((const unsigned char *)s, len, WS_PLAIN_LOW);
}

/* The offset of the last space in s[lo..end), or SIZE_MAX when there is
 * none: sixteen bytes at a time where SSE2 is there, since pprint's pieces
 * end some way back from where the look starts. */
static inline size_t ws_plain_last_space(const char *s, size_t lo,
                                         size_t end) {
#if defined(__SSE2__)
  const __m128i spaces = _mm_set1_epi8(' ');
  for (; end - lo >= 16; end -= 16) {
    __m128i block =
        _mm_loadu_si128((const __m128i *)(const void *)(s + end - 16));
    unsigned mask = (unsigned)_mm_movemask_epi8(_mm_cmpeq_epi8(block, spaces));
    if (mask != 0) {
      return end - 16 + ws_highest_bit(mask);
    }
  }
#endif
  while (end > lo) {
    if (s[--end] == ' ') {
      return end;
    }
  }
  return SIZE_MAX;
}

#endif
