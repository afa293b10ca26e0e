/* ws_uni_plain.h - the one Unicode look-up of pprint's reading of a str
 * (not part of the public API; wstypes.h does not include it).
 *
 * Most characters of text in any script are printable, not space, and not
 * a quote or backslash: repr copies them as they are, one column each, and
 * they do not end a word. One bit table (generated into ws_unicode_table.c
 * by scripts/gen_unicode_table.py) answers that for the code points below
 * U+20000, emoji included; the rest take ws_uni_isprintable and
 * ws_uni_isspace. A block of the table is 64 code points, one 64-bit word:
 * a UTF-8 sequence's last byte holds the low 6 bits of its code point, so
 * the other bytes choose the word and the last one the bit, with no
 * decoding in between. */
#ifndef WS_UNI_PLAIN_H
#define WS_UNI_PLAIN_H

#include <stdbool.h>
#include <stdint.h>

enum { WS_UNI_PLAIN_LIMIT = 0x20000 };

extern const uint16_t ws_uni_plain_index[WS_UNI_PLAIN_LIMIT / 64];
extern const uint64_t ws_uni_plain_bits[];

/* The same words reached straight from a UTF-8 sequence's first two
 * bytes, for the scan's inner loop, with no decoding: with x those bytes
 * as a little-endian load has them (lead | second << 8),
 * ws_uni_plain_bits[ws_uni_plain_pair[x & 0x3F3F]] for any lead from C0
 * up. Bit (third & 0x3F) of it for a sequence of three bytes; for one of
 * two the word is all ones or none, so any bit will do. No bits for the
 * overlong forms (C0, C1, and E0 below U+0800), the surrogates (ED
 * A0..BF) or the four-byte leads: the reader looks at those by code
 * point. */
extern const uint8_t ws_uni_plain_pair[64 * 256];

/* The bits of the 64 code points from 64 * block up (block below
 * WS_UNI_PLAIN_LIMIT / 64). */
static inline uint64_t ws_uni_plain_block(uint32_t block) {
  return ws_uni_plain_bits[ws_uni_plain_index[block]];
}

/* chr(cp).isprintable() and not chr(cp).isspace() and cp not one of
 * ' " \ (backslash), for any cp; false from WS_UNI_PLAIN_LIMIT up, where
 * the caller asks the slower look-ups. */
static inline bool ws_uni_plain(uint32_t cp) {
  if (cp >= WS_UNI_PLAIN_LIMIT) {
    return false;
  }
  return (ws_uni_plain_block(cp >> 6) >> (cp & 63)) & 1;
}

#endif
