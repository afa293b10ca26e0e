/* ws_json_write.c - JSON values written exactly as CPython's json.dumps does.
 *
 * Strings are the bulk of every document, so they get the care: the runs of
 * bytes json.dumps copies unchanged are found 16 (SSE2) or 8 bytes at a time
 * and copied with one memcpy each, escapes are formed in place in room made
 * up front, and a measuring buffer gets the exact length from a scan that
 * forms no escapes at all. */
#include "ws_json_write.h"

#include <string.h>

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

#include "ws_base64.h"
#include "ws_utf8.h"

#include "internal/ws_bits.h"
#include "internal/ws_copy.h"
#include "internal/ws_inline.h"

/* Most strings are short: their scan and copy are inlined (WS_ALWAYS_INLINE)
 * into the string writer, which then makes no call on its way to a plain
 * copy. */

/* ---- finding plain runs ---------------------------------------------------*
 * A plain run is what json.dumps copies unchanged: ASCII other than the
 * controls, '"', '\\' and (python mode) DEL. SSE2 tests 16 bytes at once;
 * the portable version 8, with a table for the last few. */

#if defined(__SSE2__)

/* Bit k set when byte k of v cannot be copied as is: a control, '"', '\\',
 * `extra` (DEL in python mode, else '"' again, which keeps the test free of
 * a branch on the mode) or a byte >= 0x80 (to be checked as UTF-8). A
 * signed compare with 0x20 catches the controls and every byte >= 0x80 at
 * once. */
static uint32_t vector_stops(__m128i v, __m128i extra) {
  __m128i hit = _mm_cmplt_epi8(v, _mm_set1_epi8(0x20));
  hit = _mm_or_si128(hit, _mm_cmpeq_epi8(v, _mm_set1_epi8('"')));
  hit = _mm_or_si128(hit, _mm_cmpeq_epi8(v, _mm_set1_epi8('\\')));
  hit = _mm_or_si128(hit, _mm_cmpeq_epi8(v, extra));
  return (uint32_t)_mm_movemask_epi8(hit);
}

/* vector_stops of the 16 bytes at s. */
static uint32_t block_stops(const unsigned char *s, __m128i extra) {
  return vector_stops(_mm_loadu_si128((const __m128i *)(const void *)s), extra);
}

/* plain_end for a string of 16 bytes or more: whole blocks, then one last
 * block that overlaps bytes already seen (their bits are shifted out), so
 * the tail costs no byte loop. */
static size_t plain_end_long(const unsigned char *s, size_t i, size_t len,
                             __m128i extra) {
  while (len - i >= 16) {
    uint32_t hit = block_stops(s + i, extra);
    if (hit != 0) {
      return i + ws_lowest_bit(hit);
    }
    i += 16;
  }
  if (i == len) {
    return len;
  }
  uint32_t hit = block_stops(s + len - 16, extra) >> (16 - (len - i));
  return hit != 0 ? i + ws_lowest_bit(hit) : len;
}

/* plain_end from the start of a string of 4 to 15 bytes (most keys and
 * values): its first and last `half` bytes (8 or 4, overlapping) side by
 * side in one vector, as reading past the string is not allowed. Bit k of
 * the first half is byte k; of the second, byte len - 2 * half + k. */
WS_ALWAYS_INLINE size_t plain_end_short(const unsigned char *s, size_t len,
                                         __m128i extra) {
  __m128i v;
  size_t half = len >= 8 ? 8 : 4;
  if (half == 8) {
    v = _mm_unpacklo_epi64(_mm_loadl_epi64((const void *)s),
                           _mm_loadl_epi64((const void *)(s + len - 8)));
  } else {
    uint32_t head, tail;
    memcpy(&head, s, 4);
    memcpy(&tail, s + len - 4, 4);
    v = _mm_unpacklo_epi32(_mm_cvtsi32_si128((int)head),
                           _mm_cvtsi32_si128((int)tail));
  }
  /* Only the 2 * half bytes loaded count (the rest of v is zero). */
  uint32_t hit = vector_stops(v, extra) & ((1u << (2 * half)) - 1);
  if (hit == 0) {
    return len;
  }
  size_t k = ws_lowest_bit(hit);
  /* A hit in the second half is the first one: the first half is clean. */
  return k < half ? k : len - 2 * half + k;
}

/* Whether a string of 4 to 32 bytes is plain all through: a short one as
 * plain_end_short reads it; a longer one as its first and last 16 bytes,
 * which overlap. */
WS_ALWAYS_INLINE bool plain_whole_short(const unsigned char *s, size_t len,
                                         bool python) {
  __m128i extra = _mm_set1_epi8(python ? 0x7F : '"');
  if (len < 16) {
    return plain_end_short(s, len, extra) == len;
  }
  return (block_stops(s, extra) | block_stops(s + len - 16, extra)) == 0;
}

/* plain_end for what the vector paths leave: strings under 4 bytes, and
 * short strings after an escape. */
static size_t plain_end_bytes(const unsigned char *s, size_t i, size_t len,
                              bool python) {
  while (i < len && s[i] >= 0x20 && s[i] != '"' && s[i] != '\\' &&
         s[i] < (python ? 0x7F : 0x80)) {
    i++;
  }
  return i;
}

/* Index of the first byte from s[i] on that cannot be copied as is, or len.
 * s[0..len) is the whole string, so loads may overlap bytes before i. */
static inline size_t plain_end(const unsigned char *s, size_t i, size_t len,
                               bool python) {
  __m128i extra = _mm_set1_epi8(python ? 0x7F : '"');
  if (len >= 16) {
    return plain_end_long(s, i, len, extra);
  }
  if (i == 0 && len >= 4) {
    return plain_end_short(s, len, extra);
  }
  return plain_end_bytes(s, i, len, python);
}

#else /* portable */

/* Bit 1 set: compact mode cannot copy the byte as is (a control, '"', '\\'
 * or a byte >= 0x80, which needs checking); bit 2: python mode cannot (the
 * same and DEL). */
static const unsigned char stops[256] = {
    3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, /* 0x00 */
    3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, /* 0x10 */
    0, 0, 3, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, /* 0x20 '"' */
    0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, /* 0x30 */
    0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, /* 0x40 */
    0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 3, 0, 0, 0, /* 0x50 '\\' */
    0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, /* 0x60 */
    0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 2, /* 0x70 DEL */
    3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, /* 0x80 */
    3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, /* 0x90 */
    3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, /* 0xA0 */
    3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, /* 0xB0 */
    3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, /* 0xC0 */
    3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, /* 0xD0 */
    3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, /* 0xE0 */
    3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, /* 0xF0 */
};

/* Word-at-a-time byte tests (the classic "has zero byte" family). Each is
 * exact as an existence test: non-zero iff some byte of w qualifies. They
 * only say whether a word needs a closer look, so byte order never matters. */
#define ONES UINT64_C(0x0101010101010101)
#define HIGHS UINT64_C(0x8080808080808080)

static uint64_t has_byte_below(uint64_t w, unsigned char n) {
  return (w - ONES * n) & ~w & HIGHS; /* valid for n <= 0x80 */
}
static uint64_t has_byte_equal(uint64_t w, unsigned char c) {
  uint64_t x = w ^ (ONES * c);
  return (x - ONES) & ~x & HIGHS;
}

/* True when the 8 bytes at s may hold one that cannot be copied as is.
 * `extra` is DEL in python mode and '"' (already tested) otherwise, which
 * keeps the test free of a branch on the mode. */
static bool word_needs_look(const unsigned char *s, unsigned char extra) {
  uint64_t w;
  memcpy(&w, s, sizeof w); /* alignment-free load */
  return ((w & HIGHS) | has_byte_below(w, 0x20) | has_byte_equal(w, '"') |
          has_byte_equal(w, '\\') | has_byte_equal(w, extra)) != 0;
}

/* Index of the first byte from s[i] on that cannot be copied as is, or len.
 * s[0..len) is the whole string, so loads may overlap bytes before i. */
static inline size_t plain_end(const unsigned char *s, size_t i, size_t len,
                               bool python) {
  unsigned char extra = python ? 0x7F : '"';
  while (len - i >= 8 && !word_needs_look(s + i, extra)) {
    i += 8;
  }
  /* The last word, overlapping: when all of it is plain, so is the rest. */
  if (len >= 8 && len - i < 8 && !word_needs_look(s + len - 8, extra)) {
    return len;
  }
  unsigned char bit = python ? 2 : 1;
  while (i < len && (stops[s[i]] & bit) == 0) {
    i++;
  }
  return i;
}

/* Whether a string of 4 to 32 bytes is plain all through. */
static inline bool plain_whole_short(const unsigned char *s, size_t len,
                                     bool python) {
  return plain_end(s, 0, len, python) == len;
}

#endif

/* ---- escapes --------------------------------------------------------------*/

/* The letter of an ASCII byte's short escape (\n, \", ...), or 0 when
 * json.dumps writes it as \u00XX. */
static char short_escape(unsigned char c) {
  switch (c) {
  case '"':
    return '"';
  case '\\':
    return '\\';
  case '\n':
    return 'n';
  case '\r':
    return 'r';
  case '\t':
    return 't';
  case '\b':
    return 'b';
  case '\f':
    return 'f';
  default:
    return 0;
  }
}

static const char hex_digits[16] = "0123456789abcdef";

/* \uXXXX for one UTF-16 unit at out, lowercase as CPython writes it. */
static inline void u_escape(char *out, uint32_t unit) {
  out[0] = '\\';
  out[1] = 'u';
  out[2] = hex_digits[(unit >> 12) & 15];
  out[3] = hex_digits[(unit >> 8) & 15];
  out[4] = hex_digits[(unit >> 4) & 15];
  out[5] = hex_digits[unit & 15];
}

/* Writes the escape of an ASCII byte at out; returns its length. */
static size_t ascii_escape(char *out, unsigned char c) {
  char letter = short_escape(c);
  if (letter == 0) {
    u_escape(out, c);
    return 6;
  }
  out[0] = '\\';
  out[1] = letter;
  return 2;
}

/* Writes the python-mode escape of code point cp >= 0x80 at out (above
 * U+FFFF as a surrogate pair); returns its length. */
static size_t unicode_escape(char *out, uint32_t cp) {
  if (cp <= 0xFFFF) {
    u_escape(out, cp);
    return 6;
  }
  uint32_t v = cp - 0x10000;
  u_escape(out, 0xD800 | (v >> 10));
  u_escape(out + 6, 0xDC00 | (v & 0x3FF));
  return 12;
}

/* ---- measuring ------------------------------------------------------------*/

/* Bytes the escapes in s[0..len) add over the bytes they replace, without
 * forming any escape, from the first byte that is not plain, `stop`; false
 * when the text is not valid UTF-8. */
static bool escape_growth(const char *s, size_t len, size_t stop, bool python,
                          size_t *out) {
  const unsigned char *u = (const unsigned char *)s;
  size_t grown = 0;
  size_t i = stop;
  while (i < len) {
    if (u[i] < 0x80) {
      grown += short_escape(u[i]) ? 1 : 5;
      i++;
    } else if (!python) { /* copied as is, once checked */
      size_t n = ws_utf8_multibyte_run((const char *)u + i, len - i);
      if (n == 0) {
        return false;
      }
      i += n;
    } else {
      uint32_t cp;
      size_t n = ws_utf8_next_fast(u + i, len - i, &cp);
      if (n == 0) {
        return false;
      }
      grown += (cp > 0xFFFF ? 12 : 6) - n;
      i += n;
    }
    i = plain_end(u, i, len, python);
  }
  *out = grown;
  return true;
}

static void measure_str(ws_buf *b, const char *s, size_t len, size_t stop,
                        bool python) {
  size_t grown = 0;
  if (stop < len && !escape_growth(s, len, stop, python, &grown)) {
    ws_buf_fail(b, WS_EUTF8);
    return;
  }
  b->len += len + 2 + grown;
}

/* ---- writing --------------------------------------------------------------*/

/* A string being written in place: b->data[at] is the next output byte, and
 * s[done..) is the input not yet written. Room for the rest of the input as
 * it is, plus the closing quote, is always there; each escape makes sure of
 * its own extra room first. */
typedef struct str_writer {
  ws_buf *b;
  const char *s;
  size_t len;
  size_t at;
  size_t done;
} str_writer;

/* Copies the plain input s[done..upto) to the output. */
static void copy_upto(str_writer *w, size_t upto) {
  size_t n = upto - w->done;
  if (n > 0) {
    memcpy(w->b->data + w->at, w->s + w->done, n);
    w->at += n;
  }
  w->done = upto;
}

/* Makes sure an escape of `escape` bytes fits, for the `replaced` input
 * bytes at `from`, with the input after them and the closing quote: no
 * more than that, so that a fixed buffer fails only when the output does
 * not fit. Only an unmeasured write can run short: the measured room is
 * exact. */
static bool room_for_escape(str_writer *w, size_t from, size_t replaced,
                            size_t escape) {
  size_t need = escape + (w->len - from - replaced) + 1;
  if (w->b->cap - w->at >= need) {
    return true;
  }
  w->b->len = w->at; /* keeps what is written across the move */
  return ws_buf_make_room(w->b, need) == WS_OK;
}

/* Escapes the code points from s[i], all >= 0x80, up to the next ASCII
 * byte; returns the index after them, or 0 on invalid UTF-8 or no room. */
static size_t escape_non_ascii(str_writer *w, size_t i) {
  const unsigned char *u = (const unsigned char *)w->s;
  while (i < w->len && u[i] >= 0x80) {
    uint32_t cp;
    size_t n = ws_utf8_next_fast(u + i, w->len - i, &cp);
    if (n == 0) {
      ws_buf_fail(w->b, WS_EUTF8);
      return 0;
    }
    if (!room_for_escape(w, i, n, cp > 0xFFFF ? 12 : 6)) {
      return 0;
    }
    w->at += unicode_escape(w->b->data + w->at, cp);
    i += n;
  }
  return i;
}

/* Writes the body of the string (no quotes) from the first byte that is not
 * plain, `stop`; false on failure, recorded. */
static bool write_body(str_writer *w, size_t stop, bool python) {
  const unsigned char *u = (const unsigned char *)w->s;
  size_t i = stop;
  while (i < w->len) {
    if (u[i] >= 0x80 && !python) { /* copied as is, once checked */
      size_t n = ws_utf8_multibyte_run((const char *)u + i, w->len - i);
      if (n == 0) {
        ws_buf_fail(w->b, WS_EUTF8);
        return false;
      }
      i += n;
    } else {
      copy_upto(w, i);
      if (u[i] >= 0x80) {
        i = escape_non_ascii(w, i);
        if (i == 0) {
          return false;
        }
      } else {
        if (!room_for_escape(w, i, 1, short_escape(u[i]) ? 2 : 6)) {
          return false;
        }
        w->at += ascii_escape(w->b->data + w->at, u[i]);
        i++;
      }
      w->done = i;
    }
    i = plain_end(u, i, w->len, python);
  }
  copy_upto(w, w->len);
  return true;
}

/* Writes the quoted string into room for at least len + 2 bytes. */
static void write_str(ws_buf *b, const char *s, size_t len, size_t stop,
                      bool python) {
  size_t start = b->len;
  str_writer w = {b, s, len, start + 1, 0};
  b->data[start] = '"';
  if (!write_body(&w, stop, python)) {
    b->len = start; /* what was there before, still terminated */
    b->data[start] = '\0';
    return;
  }
  b->data[w.at++] = '"';
  b->len = w.at;
  b->data[w.at] = '\0';
}

void ws_json_put_str_slow(ws_buf *b, const char *s, size_t len,
                          ws_json_mode mode, size_t stop) {
  bool python = mode == WS_JSON_PYTHON;
  if (b->measuring) {
    measure_str(b, s, len, stop, python);
  } else if (b->cap - b->len >= len + 2 ||
             ws_buf_make_room(b, len + 2) == WS_OK) {
    write_str(b, s, len, stop, python);
  }
}

/* Any string: a plain one is scanned and copied (or counted when
 * measuring), the rest go to the slow path. Kept out of line so that the
 * short path before it saves no registers. */
#if defined(__GNUC__)
#define OUT_OF_LINE __attribute__((noinline))
#else
#define OUT_OF_LINE
#endif
static OUT_OF_LINE void put_str_any(ws_buf *b, const char *s, size_t len,
                                    ws_json_mode mode);

/* Most strings are short (4 to 32 bytes), plain and fit the room there is:
 * they take a path that makes no call and keeps nothing on the stack,
 * written with `tail` (a key's separator, or nothing) after the closing
 * quote. False, having written nothing, for every other string. Inline
 * with a constant `python`, so that each mode gets its own copy with its
 * constants folded. */
WS_ALWAYS_INLINE bool put_short_plain(ws_buf *b, const char *s, size_t len,
                                       bool python, const char *tail,
                                       size_t tail_len) {
  if (len - 4 > 28 || b->status != WS_OK || b->measuring ||
      b->cap - b->len < len + 2 + tail_len ||
      !plain_whole_short((const unsigned char *)s, len, python)) {
    return false;
  }
  char *out = b->data + b->len;
  out[0] = '"';
  ws_copy_short(out + 1, s, len);
  out[len + 1] = '"';
  memcpy(out + len + 2, tail, tail_len);
  out[len + 2 + tail_len] = '\0';
  b->len += len + 2 + tail_len;
  return true;
}

void ws_json_put_str(ws_buf *b, const char *s, size_t len, ws_json_mode mode) {
  bool done = mode == WS_JSON_PYTHON
                  ? put_short_plain(b, s, len, true, "", 0)
                  : put_short_plain(b, s, len, false, "", 0);
  if (!done) {
    put_str_any(b, s, len, mode);
  }
}

static OUT_OF_LINE void put_str_any(ws_buf *b, const char *s, size_t len,
                                    ws_json_mode mode) {
  if (b->status != WS_OK) {
    return;
  }
  if (len == 0) { /* s may be NULL: no pointer arithmetic on it */
    ws_buf_put(b, "\"\"", 2);
    return;
  }
  size_t stop =
      plain_end((const unsigned char *)s, 0, len, mode == WS_JSON_PYTHON);
  if (stop != len) {
    ws_json_put_str_slow(b, s, len, mode, stop);
  } else if (b->measuring) {
    b->len += len + 2;
  } else if (b->cap - b->len >= len + 2 ||
             ws_buf_make_room(b, len + 2) == WS_OK) {
    char *out = b->data + b->len;
    out[0] = '"';
    ws_copy_short(out + 1, s, len);
    out[len + 1] = '"';
    out[len + 2] = '\0';
    b->len += len + 2;
  }
}

/* ---- the other values -----------------------------------------------------*/

void ws_json_put_bytes(ws_buf *b, const void *p, size_t len) {
  ws_buf_putc(b, '"');
  ws_base64_encode(b, p, len);
  ws_buf_putc(b, '"');
}

void ws_json_put_int(ws_buf *b, int64_t v) {
  ws_buf_put_i64(b, (long long)v);
}

void ws_json_put_bool(ws_buf *b, bool v) {
  if (v) {
    ws_buf_put(b, "true", 4);
  } else {
    ws_buf_put(b, "false", 5);
  }
}

void ws_json_put_null(ws_buf *b) {
  ws_buf_put(b, "null", 4);
}

void ws_json_put_key(ws_buf *b, const char *key, size_t len,
                     ws_json_mode mode) {
  bool done = mode == WS_JSON_PYTHON
                  ? put_short_plain(b, key, len, true, ": ", 2)
                  : put_short_plain(b, key, len, false, ":", 1);
  if (!done) {
    put_str_any(b, key, len, mode);
    ws_json_put_fixed(b, mode, ":", 1, ": ", 2);
  }
}
