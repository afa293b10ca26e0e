/* ws_utf8.c - strict UTF-8 validation, decoding and encoding (RFC 3629). */
#include "ws_utf8.h"

#include <string.h>

#include "internal/ws_utf8_block.h"

#define HIGH_BITS UINT64_C(0x8080808080808080)

/* Length of the leading run of ASCII bytes, checked eight at a time: most
 * text is ASCII, and a word test is far cheaper than per-byte decoding. */
static size_t ascii_prefix(const unsigned char *s, size_t len) {
  size_t i = 0;
  while (len - i >= 8) {
    uint64_t word;
    memcpy(&word, s + i, sizeof word);
    if (word & HIGH_BITS) {
      break;
    }
    i += 8;
  }
  while (i < len && s[i] < 0x80) {
    i++;
  }
  return i;
}

size_t ws_utf8_next(const char *s, size_t len, uint32_t *cp) {
  return len ? ws_utf8_next_fast((const unsigned char *)s, len, cp) : 0;
}

bool ws_utf8_valid(const char *s, size_t len, size_t *bad_at) {
  const unsigned char *u = (const unsigned char *)s;
  /* Valid text (nearly all) is checked a block at a time; the sequence
   * at a time scan below finds where invalid text goes wrong. */
  if (ws_utf8_simd_level() != WS_UTF8_SIMD_NONE &&
      ws_utf8_blocks_valid(u, len)) {
    return true;
  }
  size_t i = 0;
  while (i < len) {
    i += ascii_prefix(u + i, len - i);
    if (i == len) {
      break;
    }
    uint32_t cp;
    size_t n = ws_utf8_next(s + i, len - i, &cp);
    if (n == 0) {
      if (bad_at) {
        *bad_at = i;
      }
      return false;
    }
    i += n;
  }
  return true;
}

size_t ws_utf8_decode(const char *s, size_t len, uint32_t *cp) {
  if (len == 0) {
    *cp = 0;
    return 0;
  }
  size_t n = ws_utf8_next(s, len, cp);
  if (n == 0) {
    *cp = 0xFFFD;
    return 1;
  }
  return n;
}

size_t ws_utf8_encode(uint32_t cp, char *out) {
  if (cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) {
    cp = 0xFFFD;
  }
  if (cp < 0x80) {
    out[0] = (char)cp;
    return 1;
  }
  if (cp < 0x800) {
    out[0] = (char)(0xC0 | (cp >> 6));
    out[1] = (char)(0x80 | (cp & 0x3F));
    return 2;
  }
  if (cp < 0x10000) {
    out[0] = (char)(0xE0 | (cp >> 12));
    out[1] = (char)(0x80 | ((cp >> 6) & 0x3F));
    out[2] = (char)(0x80 | (cp & 0x3F));
    return 3;
  }
  out[0] = (char)(0xF0 | (cp >> 18));
  out[1] = (char)(0x80 | ((cp >> 12) & 0x3F));
  out[2] = (char)(0x80 | ((cp >> 6) & 0x3F));
  out[3] = (char)(0x80 | (cp & 0x3F));
  return 4;
}

size_t ws_utf8_count(const char *s, size_t len) {
  const unsigned char *u = (const unsigned char *)s;
  size_t count = 0;
  for (size_t i = 0; i < len; i++) {
    count += !ws_utf8_is_cont(u[i]);
  }
  return count;
}
