/* ws_scan_block.h - what pprint's readings of a str see in a block of 16
 * bytes (not part of the public API; wstypes.h does not include it).
 *
 * Shared by the scan that records a str's specials (ws_repr_scan.c) and
 * the one-pass repr of a short str (ws_repr_short.c): a bit a byte for
 * bytes from 0x80 up, ASCII that is not plain, leads, leads of three or
 * four bytes, from one vector where SSE2 is there; and the leads of
 * characters the Unicode table does not find plain (ws_uni_plain.h). */
#ifndef WS_SCAN_BLOCK_H
#define WS_SCAN_BLOCK_H

#include <stdint.h>
#include <string.h>

#include "ws_bits.h"
#include "ws_inline.h"
#include "ws_plain.h"
#include "ws_uni_plain.h"

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

enum { WS_SCAN_BLOCK = 16 };

/* What one block holds, a bit a byte. */
typedef struct block_masks {
  unsigned high;  /* from 0x80 up */
  unsigned odd;   /* ASCII that is not plain: controls, DEL, ' " \ */
  unsigned lead;  /* leads, C0..FF */
  unsigned three; /* leads of three bytes or more, E0..FF */
#if defined(__SSE2__)
  __m128i conts; /* continuation bytes as -1, the others 0 */
  __m128i v4;    /* the bytes times 4: bit 4 on top */
#else
  unsigned four; /* leads of four, F0..FF */
#endif
} block_masks;

/* The index of the lowest set bit of mask (mask != 0). */
static inline unsigned low_bit(unsigned mask) {
  return (unsigned)ws_lowest_bit(mask);
}

/* The first three of the four bytes at p, as a little-endian load has
 * them. */
static inline uint32_t load_bytes(const unsigned char *p) {
#if defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
  uint32_t x;
  memcpy(&x, p, sizeof x);
  return x;
#else
  return (uint32_t)p[0] | (uint32_t)p[1] << 8 | (uint32_t)p[2] << 16;
#endif
}

#if defined(__SSE2__)
WS_ALWAYS_INLINE block_masks read_masks(const unsigned char *p) {
  __m128i v = _mm_loadu_si128((const __m128i *)(const void *)p);
  block_masks m;
  m.high = (unsigned)_mm_movemask_epi8(v);
  m.odd = ws_plain_specials(v, WS_PLAIN_LOW) & ~m.high;
  /* A byte added to itself moves its bits up one: the top bits of v, 2v,
   * 4v and 8v are bits 7 to 4 of each byte, which tell 10xxxxxx
   * (continuation) from 110xxxxx, 1110xxxx and 11110xxx. */
  __m128i v2 = _mm_add_epi8(v, v);
  __m128i v4 = _mm_add_epi8(v2, v2);
  m.lead = m.high & (unsigned)_mm_movemask_epi8(v2);
  m.three = m.lead & (unsigned)_mm_movemask_epi8(v4);
  m.v4 = v4;
  /* As signed bytes, 80..BF are those below -64. */
  m.conts = _mm_cmplt_epi8(v, _mm_set1_epi8(-64));
  return m;
}

/* Leads of four bytes, F0..FF (rare: only where the others do not account
 * for the continuation bytes). */
static inline unsigned four_of(const block_masks *m) {
  return m->three &
         (unsigned)_mm_movemask_epi8(_mm_add_epi8(m->v4, m->v4));
}
#else
WS_ALWAYS_INLINE block_masks read_masks(const unsigned char *p) {
  block_masks m = {0, 0, 0, 0, 0};
  for (unsigned k = 0; k < WS_SCAN_BLOCK; k++) {
    unsigned c = p[k];
    unsigned bit = 1u << k;
    m.high |= c >= 0x80 ? bit : 0;
    m.odd |= c < 0x80 && !ws_plain_byte((unsigned char)c, WS_PLAIN_LOW) ? bit
                                                                         : 0;
    m.lead |= c >= 0xC0 ? bit : 0;
    m.three |= c >= 0xE0 ? bit : 0;
    m.four |= c >= 0xF0 ? bit : 0;
  }
  return m;
}

static inline unsigned four_of(const block_masks *m) {
  return m->four;
}
#endif

/* The leads of p (bits of lead) of characters the table does not find
 * plain: two bytes or three, one look-up each, the word of the first two
 * bytes and its bit by the third (a two-byte sequence's word is all ones
 * or none, so that byte may be anything). The bytes after a lead at the
 * end are not checked yet: only their low bits are used. p[k + 3] must be
 * readable for every lead k. */
WS_ALWAYS_INLINE uint32_t not_plain(const unsigned char *p, uint32_t lead) {
  uint32_t rare = 0;
  for (uint32_t todo = lead; todo != 0; todo &= todo - 1) {
    uint32_t x = load_bytes(p + low_bit(todo));
    uint64_t word = ws_uni_plain_bits[ws_uni_plain_pair[x & 0x3F3Fu]];
    if (!((word >> ((x >> 16) & 0x3Fu)) & 1)) {
      rare |= todo & (0u - todo);
    }
  }
  return rare;
}

/* The leads of p (bits of fours, leads of four bytes whose continuation
 * bytes are there) of characters the table finds plain: emoji and the
 * rest below U+20000, decoded from the four bytes at once. Only the lead
 * F0 reaches there (F1 starts at U+40000); a second byte below 90 is
 * overlong, and is left to the decoder that refuses it. */
WS_ALWAYS_INLINE uint32_t plain_fours(const unsigned char *p, uint32_t fours) {
  uint32_t plain = 0;
  for (uint32_t todo = fours; todo != 0; todo &= todo - 1) {
    const unsigned char *q = p + low_bit(todo);
    uint32_t cp = (uint32_t)(q[1] & 0x3Fu) << 12 |
                  (uint32_t)(q[2] & 0x3Fu) << 6 | (uint32_t)(q[3] & 0x3Fu);
    if (q[0] == 0xF0 && cp >= 0x10000 && ws_uni_plain(cp)) {
      plain |= todo & (0u - todo);
    }
  }
  return plain;
}

#endif
