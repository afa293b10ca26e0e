/* ws_json_write.c - JSON values written exactly as CPython's json.dumps does.
 *
 * Strings are the bulk of every document, so they get the care: a short
 * plain one (most keys and values) is checked and copied on a path that
 * makes no call; any other is written in place by ws_json_write_str.c into
 * room for the longest output it can have, or, where that room is not
 * there, a piece at a time through the stack, so that a buffer grows by no
 * more than the output and a fixed one fails only when the output does not
 * fit. */
#include "ws_json_write.h"

#include <string.h>

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

#include "ws_base64.h"

#include "internal/ws_bits.h"
#include "internal/ws_copy.h"
#include "internal/ws_inline.h"
#include "internal/ws_json_str.h"

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

/* Whether a string of 1 to 32 bytes is plain all through. Under 16
 * bytes, as one vector of its ends, since reading past the string is not
 * allowed: its first and last 8 or 4 bytes (overlapping), or under 4 its
 * first, middle and last; else its first and last 16 bytes, which
 * overlap. */
WS_ALWAYS_INLINE bool plain_whole_short(const unsigned char *s, size_t len,
                                         bool python) {
  __m128i extra = _mm_set1_epi8(python ? 0x7F : '"');
  __m128i v;
  uint32_t lanes;
  if (len >= 16) {
    return (block_stops(s, extra) | block_stops(s + len - 16, extra)) == 0;
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
  return (vector_stops(v, extra) & lanes) == 0;
}

#else /* portable */

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

/* Whether a string of 1 to 32 bytes is plain all through: its words, and
 * a last word that overlaps them. */
static inline bool plain_whole_short(const unsigned char *s, size_t len,
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
    if (word_needs_look(s + i, extra)) {
      return false;
    }
  }
  return !word_needs_look(s + len - 8, extra);
}

#endif

/* ---- short plain strings ---------------------------------------------------*/

#if defined(__GNUC__)
#define OUT_OF_LINE __attribute__((noinline))
#else
#define OUT_OF_LINE
#endif
static OUT_OF_LINE void put_str_any(ws_buf *b, const char *s, size_t len,
                                    ws_json_mode mode, const char *tail,
                                    size_t tail_len);

/* Most strings are short (1 to 32 bytes), plain and fit the room there is:
 * they take a path that makes no call and keeps nothing on the stack,
 * written with `tail` (a key's separator, or nothing) after the closing
 * quote. False, having written nothing, for every other string. Inline
 * with a constant `python`, so that each mode gets its own copy with its
 * constants folded. */
WS_ALWAYS_INLINE bool put_short_plain(ws_buf *b, const char *s, size_t len,
                                       bool python, const char *tail,
                                       size_t tail_len) {
  if (len - 1 > 31 || b->status != WS_OK || b->measuring ||
      b->cap - b->len < len + 2 + tail_len ||
      !plain_whole_short((const unsigned char *)s, len, python)) {
    return false;
  }
  char *out = b->data + b->len;
  out[0] = '"';
  if (len >= 4) {
    ws_copy_short(out + 1, s, len);
  } else { /* first, middle and last: every byte of 1 to 3 */
    out[1] = s[0];
    out[1 + len / 2] = s[len / 2];
    out[len] = s[len - 1];
  }
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
    put_str_any(b, s, len, mode, "", 0);
  }
}

/* ---- any string -----------------------------------------------------------*/

/* The quoted string and `tail` (a key's separator, or nothing), written in
 * place: the room for the longest body the string can have is there. */
static void put_in_place(ws_buf *b, const char *s, size_t len, bool python,
                         const char *tail, size_t tail_len) {
  char *start = b->data + b->len;
  start[0] = '"';
  char *end = ws_json_str_body(start + 1, s, len, python);
  if (end == NULL) {
    start[0] = '\0';
    ws_buf_fail(b, WS_EUTF8);
    return;
  }
  *end++ = '"';
  for (size_t k = 0; k < tail_len; k++) { /* at most 2: no call */
    *end++ = tail[k];
  }
  *end = '\0';
  b->len = (size_t)(end - b->data);
}

/* Input bytes a piece of a string takes through the stack, below. */
enum { PIECE = 256 };

/* Where the piece of s[0..len) from i ends: PIECE bytes on, moved back to
 * the start of a character (of valid UTF-8; on invalid text the pieces
 * fail anyway). */
static size_t piece_end(const char *s, size_t i, size_t len) {
  if (len - i <= PIECE) {
    return len;
  }
  size_t end = i + PIECE;
  for (int k = 0; k < 3 && ((unsigned char)s[end] & 0xC0) == 0x80; k++) {
    end--;
  }
  return end;
}

/* The same, for a buffer without that room (a fixed one, one sized exactly,
 * a measuring one): the string is written a piece at a time into room on
 * the stack, and each piece's output is put as it is, so the buffer grows
 * by no more than it takes and a fixed one fails only when the output does
 * not fit. On failure the buffer is cut back to what it held. */
static void put_in_pieces(ws_buf *b, const char *s, size_t len, bool python,
                          const char *tail, size_t tail_len) {
  char room[WS_JSON_STR_ROOM(PIECE)];
  size_t start = b->len;
  ws_buf_putc(b, '"');
  for (size_t i = 0; i < len && b->status == WS_OK;) {
    size_t end = piece_end(s, i, len);
    char *stop = ws_json_str_body(room, s + i, end - i, python);
    if (stop == NULL) {
      ws_buf_fail(b, WS_EUTF8);
      break;
    }
    ws_buf_put(b, room, (size_t)(stop - room));
    i = end;
  }
  ws_buf_putc(b, '"');
  ws_buf_put(b, tail, tail_len);
  if (b->status != WS_OK) {
    b->len = start;
    if (b->data != NULL && !b->measuring) {
      b->data[start] = '\0';
    }
  }
}

/* Any string, quoted, then `tail`. Kept out of line so that the short path
 * before it saves no registers. */
static OUT_OF_LINE void put_str_any(ws_buf *b, const char *s, size_t len,
                                    ws_json_mode mode, const char *tail,
                                    size_t tail_len) {
  bool python = mode == WS_JSON_PYTHON;
  if (b->status != WS_OK) {
    return;
  }
  if (len == 0) { /* s may be NULL: no pointer arithmetic on it */
    ws_buf_put(b, "\"\"", 2);
    ws_buf_put(b, tail, tail_len);
  } else if (!b->measuring && len <= WS_JSON_STR_MAX &&
             b->cap - b->len >= WS_JSON_STR_ROOM(len) + 2 + tail_len) {
    put_in_place(b, s, len, python, tail, tail_len);
  } else {
    put_in_pieces(b, s, len, python, tail, tail_len);
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
    if (mode == WS_JSON_PYTHON) {
      put_str_any(b, key, len, mode, ": ", 2);
    } else {
      put_str_any(b, key, len, mode, ":", 1);
    }
  }
}
