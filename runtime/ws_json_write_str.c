/* ws_json_write_str.c - the body of a JSON string, written in place as
 * CPython's json.dumps writes it: the string writer's inner loop.
 *
 * The caller has made room for the worst case (WS_JSON_STR_ROOM), so the
 * loop never asks for room: it loads 16 bytes (32 with AVX2), stores them
 * to the output whatever they hold, and only then looks at what it
 * stored. A block of plain bytes (most of every document) is then done.
 * In compact mode bytes >= 0x80 are kept as they are once checked as
 * UTF-8 by the block checker (internal/ws_utf8_block.h): with AVX2, each
 * block as it goes by; else the whole rest of the string at the first
 * such byte. Escapes are written in place, the bytes after each stored
 * again after it. In python mode the first byte that is not plain ends
 * the block: an escape, or a run of code points decoded and escaped one at
 * a time. The rest of the string is checked as UTF-8 once, at its first
 * byte >= 0x80 (ws_utf8_blocks_valid), so that the runs decode each
 * character by its lead byte alone. Without SSE2 the same is done 8 bytes at a time by word
 * arithmetic, and UTF-8 is checked a sequence at a time. */
#include "internal/ws_json_str.h"

#include <string.h>

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

#include "ws_utf8.h"

#include "internal/ws_bits.h"
#include "internal/ws_inline.h"
#include "internal/ws_utf8_block.h"

/* ---- escapes --------------------------------------------------------------*/

#define HEX_DIGIT(n) ((n) < 10 ? '0' + (n) : 'a' + (n)-10)
#define HEX_PAIR(n)                                                            \
  { HEX_DIGIT((n) >> 4), HEX_DIGIT((n)&15) }
#define HEX_ROW(h)                                                             \
  HEX_PAIR(h * 16 + 0), HEX_PAIR(h * 16 + 1), HEX_PAIR(h * 16 + 2),            \
      HEX_PAIR(h * 16 + 3), HEX_PAIR(h * 16 + 4), HEX_PAIR(h * 16 + 5),        \
      HEX_PAIR(h * 16 + 6), HEX_PAIR(h * 16 + 7), HEX_PAIR(h * 16 + 8),        \
      HEX_PAIR(h * 16 + 9), HEX_PAIR(h * 16 + 10), HEX_PAIR(h * 16 + 11),      \
      HEX_PAIR(h * 16 + 12), HEX_PAIR(h * 16 + 13), HEX_PAIR(h * 16 + 14),     \
      HEX_PAIR(h * 16 + 15)

/* A byte as two lowercase hex digits, as CPython writes \uXXXX: a unit's
 * four digits are two look-ups. */
static const char hex_pair[256][2] = {
    HEX_ROW(0),  HEX_ROW(1),  HEX_ROW(2),  HEX_ROW(3), HEX_ROW(4),  HEX_ROW(5),
    HEX_ROW(6),  HEX_ROW(7),  HEX_ROW(8),  HEX_ROW(9), HEX_ROW(10), HEX_ROW(11),
    HEX_ROW(12), HEX_ROW(13), HEX_ROW(14), HEX_ROW(15)};

/* The letter of an ASCII byte's short escape (\n, \", ...), or 0 when
 * json.dumps writes it as \u00XX. */
static const char short_letter[128] = {
    ['"'] = '"',  ['\\'] = '\\', ['\n'] = 'n', ['\r'] = 'r',
    ['\t'] = 't', ['\b'] = 'b',  ['\f'] = 'f'};

/* \uXXXX for one UTF-16 unit. */
static inline char *put_unit(char *out, uint32_t unit) {
  out[0] = '\\';
  out[1] = 'u';
  memcpy(out + 2, hex_pair[(unit >> 8) & 0xFF], 2);
  memcpy(out + 4, hex_pair[unit & 0xFF], 2);
  return out + 6;
}

/* The escape of an ASCII byte: a control, '"', '\\' or (python) DEL. */
static inline char *put_ascii_escape(char *out, unsigned char c) {
  char letter = short_letter[c];
  if (letter != 0) {
    out[0] = '\\';
    out[1] = letter;
    return out + 2;
  }
  return put_unit(out, c);
}

/* Whether an ASCII byte goes out as it is in python mode. */
static inline bool python_plain(unsigned char c) {
  return c >= 0x20 && c < 0x7F && c != '"' && c != '\\';
}

/* Python mode: escapes the code points from s[*at] (a byte >= 0x80) on,
 * with the single plain ASCII bytes between them (the spaces between words
 * of a script), up to other ASCII or the end. s[*at..len) is valid UTF-8
 * (the caller has checked it), so the lead byte alone says how long each
 * sequence is, and nothing is checked here. */
static char *escape_run(char *out, const unsigned char *s, size_t len,
                        size_t *at) {
  const unsigned char *p = s + *at;
  const unsigned char *end = s + len;
  for (;;) {
    uint32_t c = p[0];
    if (c < 0xE0) {
      out = put_unit(out, (c << 6) + p[1] - 0x3080);
      p += 2;
    } else if (c < 0xF0) {
      out = put_unit(out, (c << 12) + ((uint32_t)p[1] << 6) + p[2] - 0xE2080);
      p += 3;
    } else {
      uint32_t v = (c << 18) + ((uint32_t)p[1] << 12) +
                   ((uint32_t)p[2] << 6) + p[3] - 0x3C82080 - 0x10000;
      out = put_unit(out, 0xD800 | (v >> 10));
      out = put_unit(out, 0xDC00 | (v & 0x3FF));
      p += 4;
    }
    if (p == end || p[0] < 0x80) {
      if (end - p > 1 && p[1] >= 0x80 && python_plain(p[0])) {
        *out++ = (char)*p++;
        continue;
      }
      break;
    }
  }
  *at = (size_t)(p - s);
  return out;
}

#if defined(__SSE2__)

/* ---- blocks of 16 bytes ---------------------------------------------------*/

/* s[0..n) (n < 16) in a vector, zero past n, reading only those bytes
 * (x86 is little-endian: byte k of a word is its bits 8k up). */
static inline __m128i load_partial(const unsigned char *s, size_t n) {
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

static inline __m128i load16(const unsigned char *s) {
  return _mm_loadu_si128((const __m128i *)(const void *)s);
}

static inline void store16(char *out, __m128i v) {
  _mm_storeu_si128((__m128i *)(void *)out, v);
}

static inline uint32_t mask_of(__m128i v) {
  return (uint32_t)_mm_movemask_epi8(v);
}

/* Bit k set when byte k is not plain: a control, '"', '\\', `extra` (DEL
 * in python mode, else '"' again) or a byte >= 0x80. A signed compare with
 * 0x20 takes the controls and the bytes >= 0x80 at once. */
static inline uint32_t stops(__m128i v, __m128i extra) {
  __m128i hit = _mm_cmplt_epi8(v, _mm_set1_epi8(0x20));
  hit = _mm_or_si128(hit, _mm_cmpeq_epi8(v, _mm_set1_epi8('"')));
  hit = _mm_or_si128(hit, _mm_cmpeq_epi8(v, _mm_set1_epi8('\\')));
  hit = _mm_or_si128(hit, _mm_cmpeq_epi8(v, extra));
  return mask_of(hit);
}

/* A block of the body: the next 16 bytes, or the last few (`step` of
 * them, zero padded), stored to the output as they are, with their stops
 * (bits past the string cleared). */
typedef struct block {
  __m128i v;
  uint32_t hit;
  size_t step;
} block;

/* The last block of a string, s[i..len) with len - i < 16. A string of 16
 * bytes or more gives it from a zero-padded copy of its last 16, which
 * costs less than gathering the bytes one load at a time. */
static inline block last_block(char *out, const unsigned char *s, size_t i,
                               size_t len, __m128i extra) {
  block k;
  size_t n = len - i;
  if (len >= 16) {
    unsigned char copy[32];
    store16((char *)copy, load16(s + len - 16));
    store16((char *)copy + 16, _mm_setzero_si128());
    k.v = load16(copy + 16 - n);
  } else {
    k.v = load_partial(s + i, n);
  }
  k.step = n;
  k.hit = stops(k.v, extra) & ((1u << n) - 1);
  store16(out, k.v);
  return k;
}

/* The rest of a block that holds escapes, `escape` their bits, the block
 * stored at out already: each escape is written in place of its byte,
 * and the bytes after it are stored again after the escape. The block goes
 * through a zero-padded copy so that those loads never read past it. */
static char *escape_block(char *out, __m128i v, size_t step, uint32_t escape) {
  unsigned char copy[32];
  store16((char *)copy, v);
  store16((char *)copy + 16, _mm_setzero_si128());
  size_t pos = 0;
  do {
    size_t at = ws_lowest_bit(escape);
    out = put_ascii_escape(out + (at - pos), copy[at]);
    pos = at + 1;
    store16(out, load16(copy + pos));
    escape &= escape - 1;
  } while (escape != 0);
  return out + (step - pos);
}

/* The stops of a block with bytes >= 0x80 (`high`) once those are known
 * to be valid UTF-8: the escapes. The first such block of a string has
 * the rest of the string, s[i..len), checked whole (every byte before it
 * is ASCII, so a character starts at i), and *checked says so from then
 * on. UINT32_MAX when the rest is not valid UTF-8. */
static inline uint32_t escapes_past_high(const unsigned char *s, size_t i,
                                         size_t len, uint32_t hit,
                                         uint32_t high, uint32_t *checked) {
  if ((high & ~*checked) != 0) {
    if (!ws_utf8_blocks_valid(s + i, len - i)) {
      return UINT32_MAX;
    }
    *checked = UINT32_MAX;
  }
  return hit & ~high;
}

/* Compact mode: every byte but the controls, '"' and '\\' is kept, the
 * bytes >= 0x80 once checked as UTF-8. Whole blocks of plain ASCII go
 * round the inner loop, and so, once the string's UTF-8 is checked, do
 * blocks with other text; a block with escapes has them written in
 * place. `checked` is UINT32_MAX when s is known to be valid UTF-8, else
 * 0. */
static char *compact_from(char *out, const unsigned char *s, size_t len,
                          uint32_t checked) {
  const __m128i extra = _mm_set1_epi8('"');
  size_t i = 0;
  while (i < len) {
    block k = {_mm_setzero_si128(), 0, 16};
    while (len - i >= 16) {
      k.v = load16(s + i);
      k.hit = stops(k.v, extra);
      store16(out, k.v);
      if (k.hit != 0) {
        k.hit = escapes_past_high(s, i, len, k.hit, mask_of(k.v), &checked);
        if (k.hit != 0) {
          break;
        }
      }
      i += 16;
      out += 16;
    }
    if (len - i < 16) {
      if (i == len) {
        break;
      }
      k = last_block(out, s, i, len, extra);
      if (k.hit != 0) {
        k.hit = escapes_past_high(s, i, len, k.hit, mask_of(k.v), &checked);
      }
    }
    if (k.hit == UINT32_MAX) {
      return NULL;
    }
    out = k.hit != 0 ? escape_block(out, k.v, k.step, k.hit) : out + k.step;
    i += k.step;
  }
  return out;
}

#if defined(WS_UTF8_SHUFFLE)

/* The bytes of v that are the string's, n of them (up to 32), at out, with
 * the escapes among them (bits of `escape`) written in place: 16 bytes at
 * a time, as escape_block does. Each store is one the room allows: 16
 * bytes where the string has a byte left, 32 where it has 3 or more. */
WS_TARGET_AVX2 static inline char *put_block32(char *out, __m256i v, size_t n,
                                               uint32_t escape) {
  __m128i low = _mm256_castsi256_si128(v);
  __m128i high = _mm256_extracti128_si256(v, 1);
  if (escape == 0 && n == 32) {
    _mm256_storeu_si256((__m256i *)(void *)out, v);
    return out + 32;
  }
  size_t n_low = n < 16 ? n : 16;
  store16(out, low);
  out = (escape & 0xFFFF) != 0 ? escape_block(out, low, n_low, escape & 0xFFFF)
                               : out + n_low;
  if (n > 16) {
    store16(out, high);
    out = (escape >> 16) != 0 ? escape_block(out, high, n - 16, escape >> 16)
                              : out + (n - 16);
  }
  return out;
}

/* s[i..len) (under 32 bytes) and zeros after, reading nothing outside
 * s[0..len): the string's last 32 bytes moved down through a copy, or
 * for a shorter string, its first and last 16 or what load_partial
 * gathers. */
WS_TARGET_AVX2 static inline __m256i last_bytes32(const unsigned char *s,
                                                  size_t i, size_t len) {
  size_t n = len - i;
  unsigned char copy[64];
  _mm256_storeu_si256((__m256i *)(void *)(copy + 32), _mm256_setzero_si256());
  if (len >= 32) {
    _mm256_storeu_si256(
        (__m256i *)(void *)copy,
        _mm256_loadu_si256((const __m256i *)(const void *)(s + len - 32)));
    return _mm256_loadu_si256((const __m256i *)(const void *)(copy + 32 - n));
  }
  if (n <= 16) {
    return _mm256_zextsi128_si256(load_partial(s, n));
  }
  store16((char *)copy + 32, load16(s));
  store16((char *)copy + 16 + n, load16(s + n - 16));
  return _mm256_loadu_si256((const __m256i *)(const void *)(copy + 32));
}

/* The bytes that end a plain run in compact mode (ws_json_str.h). */
#define STOP_BYTES(i)                                                          \
  _mm256_loadu_si256((const __m256i *)(const void *)ws_json_stop_bytes[i])

/* Compact mode with AVX2: 32 bytes a turn, checked as UTF-8 (the shuffle
 * form, ws_utf8_block.h) and their escapes found; the bytes after the
 * last whole block, zero padded, as one more turn (the zeros, no
 * continuations, end any sequence left open, and are no part of the
 * output). */
WS_TARGET_AVX2 static char *compact_body_avx2(char *out, const unsigned char *s,
                                              size_t len) {
  const ws_utf8_shuffle_k k = ws_utf8_shuffle_consts();
  const __m256i controls = STOP_BYTES(0);
  const __m256i quote = STOP_BYTES(1);
  const __m256i backslash = STOP_BYTES(2);
  __m256i errors = _mm256_setzero_si256();
  __m256i prev = _mm256_setzero_si256();
  uint32_t tail = 0; /* prev's last three bytes hold a byte >= 0x80 */
  size_t i = 0;
  for (;;) {
    size_t n = len - i;
    __m256i v;
    if (n >= 32) {
      n = 32;
      v = _mm256_loadu_si256((const __m256i *)(const void *)(s + i));
    } else {
      if (n == 0 && tail == 0) {
        break;
      }
      v = last_bytes32(s, i, len);
    }
    uint32_t high = (uint32_t)_mm256_movemask_epi8(v);
    if ((high | tail) != 0) {
      errors = _mm256_or_si256(
          errors, ws_utf8_shuffle_errors32(&k, v, WS_UTF8_PREV32(v, prev, 1),
                                           WS_UTF8_PREV32(v, prev, 2),
                                           WS_UTF8_PREV32(v, prev, 3)));
    }
    __m256i hit = _mm256_cmpeq_epi8(_mm256_min_epu8(v, controls), v);
    hit = _mm256_or_si256(hit, _mm256_cmpeq_epi8(v, quote));
    hit = _mm256_or_si256(hit, _mm256_cmpeq_epi8(v, backslash));
    uint32_t escape = (uint32_t)_mm256_movemask_epi8(hit);
    if (n < 32) {
      escape &= (UINT32_C(1) << n) - 1;
      out = n != 0 ? put_block32(out, v, n, escape) : out;
      break;
    }
    out = put_block32(out, v, 32, escape);
    tail = high >> 29;
    prev = v;
    i += 32;
  }
  return _mm256_testz_si256(errors, errors) != 0 ? out : NULL;
}

#endif

/* Compact mode 16 bytes a turn, out of line: ws_json_str_body stays a
 * few instructions on the way to the AVX2 loop. */
WS_NOINLINE static char *compact_body_sse2(char *out, const unsigned char *s,
                                           size_t len) {
  return compact_from(out, s, len, 0);
}

/* Compact mode: with AVX2 where the CPU has it, else 16 bytes a turn. */
static inline char *compact_body(char *out, const unsigned char *s,
                                 size_t len) {
#if defined(WS_UTF8_SHUFFLE)
  if (ws_utf8_simd_level() == WS_UTF8_SIMD_AVX2) {
    return compact_body_avx2(out, s, len);
  }
#endif
  return compact_body_sse2(out, s, len);
}

/* Python mode: ASCII other than the controls, '"', '\\' and DEL is kept;
 * everything else is escaped. Out of line, as compact_body_sse2 is, so that
 * ws_json_str_body saves no registers on compact mode's way through. */
WS_NOINLINE static char *python_body(char *out, const unsigned char *s,
                                     size_t len) {
  const __m128i extra = _mm_set1_epi8(0x7F);
  bool checked = false; /* s[i..len) is known to be valid UTF-8 */
  size_t i = 0;
  while (i < len) {
    block k = {_mm_setzero_si128(), 0, 16};
    while (len - i >= 16) {
      k.v = load16(s + i);
      k.hit = stops(k.v, extra);
      store16(out, k.v);
      if (k.hit != 0) {
        break;
      }
      i += 16;
      out += 16;
    }
    if (len - i < 16) {
      if (i == len) {
        break;
      }
      k = last_block(out, s, i, len, extra);
      if (k.hit == 0) {
        out += k.step;
        break;
      }
    }
    size_t at = ws_lowest_bit(k.hit);
    out += at;
    i += at;
    if (s[i] < 0x80) {
      out = put_ascii_escape(out, s[i]);
      i++;
    } else {
      if (!checked) {
        if (!ws_utf8_blocks_valid(s + i, len - i)) {
          return NULL;
        }
        checked = true;
      }
      out = escape_run(out, s, len, &i);
    }
  }
  return out;
}

#else /* portable */

/* ---- words of 8 bytes -----------------------------------------------------*
 * The classic "has a byte below / equal to" word tests: each is non-zero
 * exactly when some byte of w qualifies, so they only say whether a word
 * needs a closer look, and byte order never matters. */
#define ONES UINT64_C(0x0101010101010101)
#define HIGHS UINT64_C(0x8080808080808080)

static uint64_t has_byte_below(uint64_t w, unsigned char n) {
  return (w - ONES * n) & ~w & HIGHS; /* valid for n <= 0x80 */
}
static uint64_t has_byte_equal(uint64_t w, unsigned char c) {
  uint64_t x = w ^ (ONES * c);
  return (x - ONES) & ~x & HIGHS;
}

/* True when the 8 bytes at s may hold one that is not plain; `extra` is
 * DEL in python mode and '"' (tested already) otherwise. */
static bool word_needs_look(const unsigned char *s, unsigned char extra) {
  uint64_t w;
  memcpy(&w, s, sizeof w);
  return ((w & HIGHS) | has_byte_below(w, 0x20) | has_byte_equal(w, '"') |
          has_byte_equal(w, '\\') | has_byte_equal(w, extra)) != 0;
}

static char *portable_body(char *out, const unsigned char *s, size_t len,
                           bool python) {
  unsigned char extra = python ? 0x7F : '"';
  bool checked = false; /* s[i..len) is known to be valid UTF-8 */
  size_t i = 0;
  while (i < len) {
    while (len - i >= 8 && !word_needs_look(s + i, extra)) {
      memcpy(out, s + i, 8);
      out += 8;
      i += 8;
    }
    if (i == len) {
      break;
    }
    unsigned char c = s[i];
    if (c < 0x80) {
      if (c >= 0x20 && c != '"' && c != '\\' && c != extra) {
        *out++ = (char)c;
      } else {
        out = put_ascii_escape(out, c);
      }
      i++;
    } else if (python) {
      if (!checked) {
        if (!ws_utf8_blocks_valid(s + i, len - i)) {
          return NULL;
        }
        checked = true;
      }
      out = escape_run(out, s, len, &i);
    } else {
      size_t n = ws_utf8_multibyte_run((const char *)s + i, len - i);
      if (n == 0) {
        return NULL;
      }
      memcpy(out, s + i, n);
      out += n;
      i += n;
    }
  }
  return out;
}

#endif

char *ws_json_str_body(char *out, const char *s, size_t len, bool python) {
  const unsigned char *u = (const unsigned char *)s;
#if defined(__SSE2__)
  return python ? python_body(out, u, len) : compact_body(out, u, len);
#else
  return portable_body(out, u, len, python);
#endif
}
