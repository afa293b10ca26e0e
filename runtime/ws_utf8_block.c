/* ws_utf8_block.c - a whole span checked as UTF-8 a block at a time, with
 * the best form of the block checker (internal/ws_utf8_block.h) that the
 * CPU has: AVX2's 32 bytes, SSSE3's 16, or SSE2's compares, chosen at each
 * call (a load and a test). A block of ASCII that ends no sequence is
 * passed by one test. The last bytes (maybe none) are checked as a block
 * padded with zeros, which also catches a sequence the span leaves
 * unfinished: a zero byte is no continuation. Those padded blocks are
 * gathered by a few loads of the span's own bytes (internal/ws_load.h),
 * not copied to the stack by memcpy: most spans the writer checks are
 * short, and the copy was a good part of each call. */
#include "internal/ws_utf8_block.h"

#include "ws_utf8.h"

#include "internal/ws_inline.h"
#include "internal/ws_load.h"

#if defined(__SSE2__)

/* Whether the last three bytes of a block (its mask of bytes >= 0x80 is
 * high, of `size` bytes) may start a sequence the next block finishes. */
#define ENDS_HIGH(high, size) ((high) >> ((size)-3))

static bool valid_sse2(const unsigned char *s, size_t len) {
  __m128i prev = _mm_setzero_si128();
  uint32_t tail = 0;
  uint32_t errors = 0;
  size_t i = 0;
  for (;; i += 16) {
    __m128i v;
    if (len - i >= 16) {
      v = _mm_loadu_si128((const __m128i *)(const void *)(s + i));
    } else {
      v = ws_load_partial16(s + i, len - i);
    }
    uint32_t high = (uint32_t)_mm_movemask_epi8(v);
    if ((high | tail) != 0) {
      errors |= ws_utf8_compare_errors(v, prev);
    }
    if (len - i < 16) {
      return errors == 0;
    }
    tail = ENDS_HIGH(high, 16);
    prev = v;
  }
}

#endif

#if defined(WS_UTF8_SHUFFLE)

#define SPLAT32(b)                                                             \
  {(char)(b), (char)(b), (char)(b), (char)(b), (char)(b), (char)(b),           \
   (char)(b), (char)(b), (char)(b), (char)(b), (char)(b), (char)(b),           \
   (char)(b), (char)(b), (char)(b), (char)(b), (char)(b), (char)(b),           \
   (char)(b), (char)(b), (char)(b), (char)(b), (char)(b), (char)(b),           \
   (char)(b), (char)(b), (char)(b), (char)(b), (char)(b), (char)(b),           \
   (char)(b), (char)(b)}

const char ws_utf8_shuffle_table[WS_U8_K_COUNT][32] = {
    {WS_U8_BY_PREV_HIGH, WS_U8_BY_PREV_HIGH},
    {WS_U8_BY_PREV_LOW, WS_U8_BY_PREV_LOW},
    {WS_U8_BY_HIGH, WS_U8_BY_HIGH},
    SPLAT32(0x0F),
    SPLAT32(0x60),
    SPLAT32(0x70),
    SPLAT32(0x80)};

WS_TARGET_AVX2 uint32_t ws_utf8_shuffle_block_errors(__m128i v, __m128i prev) {
  const ws_utf8_shuffle_k16 k = ws_utf8_shuffle_consts16();
  __m128i errors =
      ws_utf8_shuffle_errors(&k, v, WS_UTF8_PREV16(v, prev, 1),
                             WS_UTF8_PREV16(v, prev, 2),
                             WS_UTF8_PREV16(v, prev, 3));
  return (uint32_t)_mm_movemask_epi8(
             _mm_cmpeq_epi8(errors, _mm_setzero_si128())) ^
         0xFFFF;
}

/* Whether text that ends at e (3 bytes or more of it) leaves a sequence
 * unfinished. */
static inline bool ends_unfinished(const unsigned char *e) {
  return e[-1] >= 0xC0 || e[-2] >= 0xE0 || e[-3] >= 0xF0;
}

/* The shuffle form's spans: a block's predecessors are loaded from where
 * they are (the bytes one, two and three before it), but for the first
 * block's, which are zeros. A span too short for a block and the bytes
 * before it is checked as two blocks gathered with zeros after it; the
 * bytes after the last whole block are checked as the last 16 or 32 of the
 * span, again in part. */
#define LOAD16(p) _mm_loadu_si128((const __m128i *)(const void *)(p))
#define LOAD32(p) _mm256_loadu_si256((const __m256i *)(const void *)(p))

WS_TARGET_SSSE3 static bool valid_ssse3(const unsigned char *s, size_t len) {
  const ws_utf8_shuffle_k16 k = ws_utf8_shuffle_consts16();
  const __m128i zero = _mm_setzero_si128();
  __m128i errors;
  if (len < 16 + 3) {
    __m128i v0 = ws_load_upto16(s, len < 16 ? len : 16);
    __m128i v1 = len > 16 ? ws_load_partial16(s + 16, len - 16) : zero;
    errors = _mm_or_si128(
        ws_utf8_shuffle_errors(&k, v0, WS_UTF8_PREV16(v0, zero, 1),
                               WS_UTF8_PREV16(v0, zero, 2),
                               WS_UTF8_PREV16(v0, zero, 3)),
        ws_utf8_shuffle_errors(&k, v1, WS_UTF8_PREV16(v1, v0, 1),
                               WS_UTF8_PREV16(v1, v0, 2),
                               WS_UTF8_PREV16(v1, v0, 3)));
    return _mm_movemask_epi8(_mm_cmpeq_epi8(errors, zero)) == 0xFFFF;
  }
  __m128i v = LOAD16(s);
  errors = ws_utf8_shuffle_errors(&k, v, WS_UTF8_PREV16(v, zero, 1),
                                  WS_UTF8_PREV16(v, zero, 2),
                                  WS_UTF8_PREV16(v, zero, 3));
  uint32_t tail = ENDS_HIGH((uint32_t)_mm_movemask_epi8(v), 16);
  size_t i = 16;
  for (; len - i >= 16; i += 16) {
    v = LOAD16(s + i);
    uint32_t high = (uint32_t)_mm_movemask_epi8(v);
    if ((high | tail) != 0) {
      errors = _mm_or_si128(
          errors, ws_utf8_shuffle_errors(&k, v, LOAD16(s + i - 1),
                                         LOAD16(s + i - 2), LOAD16(s + i - 3)));
    }
    tail = ENDS_HIGH(high, 16);
  }
  if (i < len) {
    const unsigned char *last = s + len - 16;
    v = LOAD16(last);
    if (((uint32_t)_mm_movemask_epi8(v) | tail) != 0) {
      errors = _mm_or_si128(
          errors, ws_utf8_shuffle_errors(&k, v, LOAD16(last - 1),
                                         LOAD16(last - 2), LOAD16(last - 3)));
    }
  }
  return _mm_movemask_epi8(_mm_cmpeq_epi8(errors, zero)) == 0xFFFF &&
         !ends_unfinished(s + len);
}

WS_TARGET_AVX2 static bool valid_avx2(const unsigned char *s, size_t len) {
  const ws_utf8_shuffle_k k = ws_utf8_shuffle_consts();
  const __m256i zero = _mm256_setzero_si256();
  __m256i errors;
  if (len < 32 + 3) {
    __m256i v0 = ws_load_upto32(s, len < 32 ? len : 32);
    __m256i v1 = len > 32 ? _mm256_zextsi128_si256(
                                ws_load_partial16(s + 32, len - 32))
                          : zero;
    errors = _mm256_or_si256(
        ws_utf8_shuffle_errors32(&k, v0, WS_UTF8_PREV32(v0, zero, 1),
                                 WS_UTF8_PREV32(v0, zero, 2),
                                 WS_UTF8_PREV32(v0, zero, 3)),
        ws_utf8_shuffle_errors32(&k, v1, WS_UTF8_PREV32(v1, v0, 1),
                                 WS_UTF8_PREV32(v1, v0, 2),
                                 WS_UTF8_PREV32(v1, v0, 3)));
    return _mm256_testz_si256(errors, errors) != 0;
  }
  __m256i v = LOAD32(s);
  errors = ws_utf8_shuffle_errors32(&k, v, WS_UTF8_PREV32(v, zero, 1),
                                    WS_UTF8_PREV32(v, zero, 2),
                                    WS_UTF8_PREV32(v, zero, 3));
  uint32_t tail = ENDS_HIGH((uint32_t)_mm256_movemask_epi8(v), 32);
  size_t i = 32;
  for (; len - i >= 32; i += 32) {
    v = LOAD32(s + i);
    uint32_t high = (uint32_t)_mm256_movemask_epi8(v);
    if ((high | tail) != 0) {
      errors = _mm256_or_si256(
          errors, ws_utf8_shuffle_errors32(&k, v, LOAD32(s + i - 1),
                                           LOAD32(s + i - 2),
                                           LOAD32(s + i - 3)));
    }
    tail = ENDS_HIGH(high, 32);
  }
  if (i < len) {
    const unsigned char *last = s + len - 32;
    v = LOAD32(last);
    if (((uint32_t)_mm256_movemask_epi8(v) | tail) != 0) {
      errors = _mm256_or_si256(
          errors, ws_utf8_shuffle_errors32(&k, v, LOAD32(last - 1),
                                           LOAD32(last - 2), LOAD32(last - 3)));
    }
  }
  return _mm256_testz_si256(errors, errors) != 0 && !ends_unfinished(s + len);
}

/* What the CPU has. */
static int cpu_level(void) {
  __builtin_cpu_init();
  if (__builtin_cpu_supports("avx2")) {
    return WS_UTF8_SIMD_AVX2;
  }
  if (__builtin_cpu_supports("ssse3")) {
    return WS_UTF8_SIMD_SSSE3;
  }
  return WS_UTF8_SIMD_SSE2;
}

int ws_utf8_simd_best = WS_UTF8_SIMD_SSE2;

/* Before main (or as the shared library loads): until then, SSE2. */
__attribute__((constructor)) static void find_simd_level(void) {
  ws_utf8_simd_best = cpu_level();
}

#elif defined(__SSE2__)

static int cpu_level(void) {
  return WS_UTF8_SIMD_SSE2;
}

int ws_utf8_simd_best = WS_UTF8_SIMD_SSE2;

#else

static int cpu_level(void) {
  return WS_UTF8_SIMD_NONE;
}

int ws_utf8_simd_best = WS_UTF8_SIMD_NONE;

#endif

void ws_utf8_simd_ceiling(int ceiling) {
  int level = cpu_level();
  ws_utf8_simd_best = level < ceiling ? level : ceiling;
}

/* A sequence at a time, where there are no vectors (and for the tests'
 * ceiling). */
WS_NOINLINE static bool valid_by_sequence(const unsigned char *s,
                                          size_t len) {
  for (size_t i = 0; i < len;) {
    uint32_t cp;
    size_t n = ws_utf8_next_fast(s + i, len - i, &cp);
    if (n == 0) {
      return false;
    }
    i += n;
  }
  return true;
}

/* The level's checker, each a tail call: nothing here saves a register. An
 * empty span is valid at every level without a look (s may be NULL). */
bool ws_utf8_blocks_valid(const unsigned char *s, size_t len) {
  switch (ws_utf8_simd_level()) {
#if defined(WS_UTF8_SHUFFLE)
  case WS_UTF8_SIMD_AVX2:
    return valid_avx2(s, len); /* reads nothing of an empty span */
  case WS_UTF8_SIMD_SSSE3:
    return valid_ssse3(s, len);
#endif
#if defined(__SSE2__)
  case WS_UTF8_SIMD_SSE2:
    return len == 0 || valid_sse2(s, len);
#endif
  default:
    return valid_by_sequence(s, len);
  }
}
