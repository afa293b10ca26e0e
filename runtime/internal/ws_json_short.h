/* ws_json_short.h - short plain strings, the most common JSON strings,
 * for the runtime's JSON writers (not part of the public API; wstypes.h
 * does not include it): the test that one is plain, and a string written
 * quoted into room made for it already. Inline, so that a writer's loop
 * keeps its constants in registers and makes no call for a plain string. */
#ifndef WS_JSON_SHORT_H
#define WS_JSON_SHORT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

#include "ws_copy.h"
#include "ws_inline.h"
#include "ws_json_str.h"

/* ---- finding plain runs ---------------------------------------------------*
 * A plain run is what json.dumps copies unchanged: ASCII other than the
 * controls, '"', '\\' and (python mode) DEL. SSE2 tests 16 bytes at once;
 * the portable version 8, by arithmetic on a word. */

#if defined(__SSE2__)

/* Bit k set when byte k of v cannot be copied as is: a control, '"', '\\',
 * `extra` (DEL in python mode, else '"' again, which keeps the test free of
 * a branch on the mode) or a byte >= 0x80 (to be checked as UTF-8). A
 * signed compare with 0x20 catches the controls and every byte >= 0x80 at
 * once. */
static inline uint32_t ws_json_vector_stops(__m128i v, __m128i extra) {
  __m128i hit = _mm_cmplt_epi8(v, _mm_set1_epi8(0x20));
  hit = _mm_or_si128(hit, _mm_cmpeq_epi8(v, _mm_set1_epi8('"')));
  hit = _mm_or_si128(hit, _mm_cmpeq_epi8(v, _mm_set1_epi8('\\')));
  hit = _mm_or_si128(hit, _mm_cmpeq_epi8(v, extra));
  return (uint32_t)_mm_movemask_epi8(hit);
}

/* ws_json_vector_stops of the 16 bytes at s. */
static inline uint32_t ws_json_block_stops(const unsigned char *s,
                                           __m128i extra) {
  return ws_json_vector_stops(_mm_loadu_si128((const __m128i *)(const void *)s),
                              extra);
}

/* Whether a string of 1 to 32 bytes is plain all through. Under 16
 * bytes, as one vector of its ends, since reading past the string is not
 * allowed: its first and last 8 or 4 bytes (overlapping), or under 4 its
 * first, middle and last; else its first and last 16 bytes, which
 * overlap. */
WS_ALWAYS_INLINE bool ws_json_plain_short(const unsigned char *s, size_t len,
                                          bool python) {
  __m128i extra = _mm_set1_epi8(python ? 0x7F : '"');
  __m128i v;
  uint32_t lanes;
  if (len >= 16) {
    return (ws_json_block_stops(s, extra) |
            ws_json_block_stops(s + len - 16, extra)) == 0;
  }
  if (len >= 8) {
    v = _mm_unpacklo_epi64(_mm_loadl_epi64((const void *)s),
                           _mm_loadl_epi64((const void *)(s + len - 8)));
    lanes = 0xFFFF;
  } else if (len >= 4) {
    uint32_t head, tail;
    memcpy(&head, s, 4);
    memcpy(&tail, s + len - 4, 4);
    v = _mm_unpacklo_epi32(_mm_cvtsi32_si128((int)head),
                           _mm_cvtsi32_si128((int)tail));
    lanes = 0xFF;
  } else {
    v = _mm_cvtsi32_si128(s[0] | s[len / 2] << 8 | s[len - 1] << 16);
    lanes = 0x7;
  }
  /* Only the lanes loaded count (the rest of v is zero, a control). */
  return (ws_json_vector_stops(v, extra) & lanes) == 0;
}

#else /* portable */

/* Word-at-a-time byte tests (the classic "has zero byte" family). Each is
 * exact as an existence test: non-zero iff some byte of w qualifies. They
 * only say whether a word needs a closer look, so byte order never matters. */
#define WS_JSON_ONES UINT64_C(0x0101010101010101)
#define WS_JSON_HIGHS UINT64_C(0x8080808080808080)

static inline uint64_t ws_json_has_byte_below(uint64_t w, unsigned char n) {
  return (w - WS_JSON_ONES * n) & ~w & WS_JSON_HIGHS; /* valid for n <= 0x80 */
}
static inline uint64_t ws_json_has_byte_equal(uint64_t w, unsigned char c) {
  uint64_t x = w ^ (WS_JSON_ONES * c);
  return (x - WS_JSON_ONES) & ~x & WS_JSON_HIGHS;
}

/* True when the 8 bytes at s may hold one that cannot be copied as is.
 * `extra` is DEL in python mode and '"' (already tested) otherwise, which
 * keeps the test free of a branch on the mode. */
static inline bool ws_json_word_needs_look(const unsigned char *s,
                                           unsigned char extra) {
  uint64_t w;
  memcpy(&w, s, sizeof w); /* alignment-free load */
  return ((w & WS_JSON_HIGHS) | ws_json_has_byte_below(w, 0x20) |
          ws_json_has_byte_equal(w, '"') | ws_json_has_byte_equal(w, '\\') |
          ws_json_has_byte_equal(w, extra)) != 0;
}

/* Whether a string of 1 to 32 bytes is plain all through: its words, and
 * a last word that overlaps them. */
static inline bool ws_json_plain_short(const unsigned char *s, size_t len,
                                       bool python) {
  unsigned char extra = python ? 0x7F : '"';
  if (len < 8) {
    for (size_t i = 0; i < len; i++) {
      unsigned char c = s[i];
      if (c < 0x20 || c >= 0x80 || c == '"' || c == '\\' || c == extra) {
        return false;
      }
    }
    return true;
  }
  for (size_t i = 0; i + 8 < len; i += 8) {
    if (ws_json_word_needs_look(s + i, extra)) {
      return false;
    }
  }
  return !ws_json_word_needs_look(s + len - 8, extra);
}

#endif

/* Copies 1 to 32 bytes with no call: under 4, as first, middle and last. */
WS_ALWAYS_INLINE void ws_json_copy_1_32(char *to, const char *from, size_t n) {
  if (n >= 4) {
    ws_copy_short(to, from, n);
  } else {
    to[0] = from[0];
    to[n / 2] = from[n / 2];
    to[n - 1] = from[n - 1];
  }
}

/* Writes s[0..len) quoted at out, which has room for
 * WS_JSON_STR_ROOM(len) + 2 bytes (len <= WS_JSON_STR_MAX); returns the
 * end, or NULL when s is not valid UTF-8. A short plain string is copied
 * inline; any other goes to ws_json_str_body. */
WS_ALWAYS_INLINE char *ws_json_str_at(char *out, const char *s, size_t len,
                                      bool python) {
  out[0] = '"';
  if (len - 1 <= 31 &&
      ws_json_plain_short((const unsigned char *)s, len, python)) {
    ws_json_copy_1_32(out + 1, s, len);
    out += len + 1;
  } else if ((out = ws_json_str_body(out + 1, s, len, python)) == NULL) {
    return NULL;
  }
  *out = '"';
  return out + 1;
}

#endif
