/* ws_utf8.h - strict UTF-8 (RFC 3629): no overlong forms, no surrogates,
 * nothing above U+10FFFF. */
#ifndef WS_UTF8_H
#define WS_UTF8_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

/* True when s[0..len) is valid UTF-8. When false and bad_at is not NULL,
 * *bad_at is the offset of the first byte of the invalid sequence. */
bool ws_utf8_valid(const char *s, size_t len, size_t *bad_at);

/* Decodes the code point at s[0..len) (which must be valid UTF-8, len > 0)
 * and returns its byte length. Never reads past len: on invalid input it
 * returns 1 with *cp = U+FFFD (and 0 with *cp = 0 when len is 0). */
size_t ws_utf8_decode(const char *s, size_t len, uint32_t *cp);

/* Checked decoding of the sequence at s[0..len): its length (1..4) and code
 * point, or 0 when the sequence is invalid or truncated (or len is 0). */
size_t ws_utf8_next(const char *s, size_t len, uint32_t *cp);

static inline bool ws_utf8_is_cont(unsigned char c) {
  return (c & 0xC0) == 0x80;
}

/* ws_utf8_next for the inner loops of the JSON reader and writer, inline:
 * s[0..len) with len > 0. Returns the sequence length (1..4) with *cp set,
 * or 0 for a continuation byte, C0, C1, F5..FF, an overlong form, a
 * surrogate, a value above U+10FFFF or a truncated sequence. */
static inline size_t ws_utf8_next_fast(const unsigned char *s, size_t len,
                                       uint32_t *cp) {
  unsigned char c = s[0];
  uint32_t v;
  if (c < 0x80) {
    *cp = c;
    return 1;
  }
  if (c >= 0xC2 && c <= 0xDF) {
    if (len < 2 || !ws_utf8_is_cont(s[1])) {
      return 0;
    }
    *cp = (uint32_t)(c & 0x1F) << 6 | (uint32_t)(s[1] & 0x3F);
    return 2;
  }
  if (c >= 0xE0 && c <= 0xEF) {
    if (len < 3 || !ws_utf8_is_cont(s[1]) || !ws_utf8_is_cont(s[2])) {
      return 0;
    }
    v = (uint32_t)(c & 0x0F) << 12 | (uint32_t)(s[1] & 0x3F) << 6 |
        (uint32_t)(s[2] & 0x3F);
    if (v < 0x800 || (v >= 0xD800 && v <= 0xDFFF)) { /* overlong, surrogate */
      return 0;
    }
    *cp = v;
    return 3;
  }
  if (c >= 0xF0 && c <= 0xF4) {
    if (len < 4 || !ws_utf8_is_cont(s[1]) || !ws_utf8_is_cont(s[2]) ||
        !ws_utf8_is_cont(s[3])) {
      return 0;
    }
    v = (uint32_t)(c & 0x07) << 18 | (uint32_t)(s[1] & 0x3F) << 12 |
        (uint32_t)(s[2] & 0x3F) << 6 | (uint32_t)(s[3] & 0x3F);
    if (v < 0x10000 || v > 0x10FFFF) { /* overlong, out of range */
      return 0;
    }
    *cp = v;
    return 4;
  }
  return 0;
}

/* Length of the leading run of valid multi-byte sequences in s[0..len):
 * stops at an ASCII byte, an invalid or truncated sequence, or the end. Lets
 * a scanner cross non-ASCII text in one call rather than one per character.
 * A result of 0 at a byte >= 0x80 means the sequence there is invalid.
 * Inline, for the JSON reader's and writer's inner loops: two-byte
 * sequences, and three-byte ones whose lead allows any continuation (all
 * but E0 and ED), are nearly all real text and are checked here without
 * decoding; the rest go through ws_utf8_next_fast. */
static inline size_t ws_utf8_multibyte_run(const char *s, size_t len) {
  const unsigned char *p = (const unsigned char *)s;
  const unsigned char *q = p;
  const unsigned char *end = p + len;
  while (q < end && *q >= 0x80) {
    unsigned char c = *q;
    size_t avail = (size_t)(end - q);
    if (c >= 0xC2 && c <= 0xDF && avail >= 2 && ws_utf8_is_cont(q[1])) {
      q += 2;
      continue;
    }
    if (c >= 0xE1 && c <= 0xEF && c != 0xED && avail >= 3 &&
        ws_utf8_is_cont(q[1]) && ws_utf8_is_cont(q[2])) {
      q += 3;
      continue;
    }
    uint32_t cp;
    size_t n = ws_utf8_next_fast(q, avail, &cp);
    if (n == 0) {
      break;
    }
    q += n;
  }
  return (size_t)(q - p);
}

/* Writes cp as UTF-8 into out (4 bytes of room) and returns the length.
 * A surrogate or a value above U+10FFFF is written as U+FFFD, so the output
 * is always valid. */
size_t ws_utf8_encode(uint32_t cp, char *out);

/* Number of code points in valid UTF-8 text. */
size_t ws_utf8_count(const char *s, size_t len);

#ifdef __cplusplus
}
#endif

#endif
