/* ws_load.h - the bytes of a short span in a vector, zero past its end,
 * read without touching a byte outside it (not part of the public API;
 * wstypes.h does not include it). For the string writer's last block and
 * the UTF-8 checker's short spans: a few loads and shifts cost less than
 * a call to memcpy into a zeroed copy, and the vector is not loaded from
 * bytes just stored (which stalls the load until the stores retire). */
#ifndef WS_LOAD_H
#define WS_LOAD_H

#include <stddef.h>
#include <stdint.h>
#include <string.h>

#if defined(__SSE2__)
#include <emmintrin.h>

/* s[0..n) (n < 16) in a vector, zero past n, reading only those bytes
 * (x86 is little-endian: byte k of a word is its bits 8k up): two
 * overlapping words of 8 or of 4 bytes, or one byte at a time below 4. */
static inline __m128i ws_load_partial16(const unsigned char *s, size_t n) {
  uint64_t lo = 0;
  uint64_t hi = 0;
  if (n >= 8) {
    memcpy(&lo, s, 8);
    if (n > 8) {
      memcpy(&hi, s + n - 8, 8);
      hi >>= 8 * (16 - n);
    }
  } else if (n >= 4) {
    uint32_t head;
    uint32_t tail;
    memcpy(&head, s, 4);
    memcpy(&tail, s + n - 4, 4);
    lo = head | (uint64_t)tail << (8 * (n - 4));
  } else {
    for (size_t k = 0; k < n; k++) {
      lo |= (uint64_t)s[k] << (8 * k);
    }
  }
  return _mm_set_epi64x((long long)hi, (long long)lo);
}

/* s[0..n) (n <= 16) in a vector, zero past n (s is not read when n is
 * 0). */
static inline __m128i ws_load_upto16(const unsigned char *s, size_t n) {
  return n == 16 ? _mm_loadu_si128((const __m128i *)(const void *)s)
                 : ws_load_partial16(s, n);
}
#endif

#if defined(__SSE2__) && defined(__GNUC__) && defined(__x86_64__)
#include <immintrin.h>

/* s[0..n) (n <= 32) in an AVX2 vector, zero past n: for code compiled for
 * AVX2 alone (the CPU must have it). */
__attribute__((target("avx2"))) static inline __m256i
ws_load_upto32(const unsigned char *s, size_t n) {
  if (n >= 32) {
    return _mm256_loadu_si256((const __m256i *)(const void *)s);
  }
  if (n <= 16) {
    return _mm256_zextsi128_si256(ws_load_upto16(s, n));
  }
  return _mm256_set_m128i(ws_load_upto16(s + 16, n - 16),
                          _mm_loadu_si128((const __m128i *)(const void *)s));
}
#endif

#endif
