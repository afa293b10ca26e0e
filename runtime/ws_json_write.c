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

#include "ws_base64.h"

#include "internal/ws_copy.h"
#include "internal/ws_inline.h"
#include "internal/ws_json_short.h"
#include "internal/ws_json_str.h"

/* The bytes that end a plain run, 32 of each, for the AVX2 loops of the
 * string writer (ws_json_write_str.c) and the string reader
 * (ws_json_string_avx2.c), which load them: here, so that neither can see
 * them and build them from immediates instead. */
#define SPLAT8(b) b, b, b, b, b, b, b, b
#define SPLAT32(b)                                                             \
  { SPLAT8(b), SPLAT8(b), SPLAT8(b), SPLAT8(b) }
const char ws_json_stop_bytes[3][32] = {SPLAT32(0x1F), SPLAT32('"'),
                                        SPLAT32('\\')};

/* ---- short plain strings -------------------------------------------------*/

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
      !ws_json_plain_short((const unsigned char *)s, len, python)) {
    return false;
  }
  char *out = b->data + b->len;
  out[0] = '"';
  ws_json_copy_1_32(out + 1, s, len);
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

void ws_json_put_str_slow(ws_buf *b, const char *s, size_t len,
                          ws_json_mode mode, size_t stop) {
  (void)stop;
  put_str_any(b, s, len, mode, "", 0);
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
