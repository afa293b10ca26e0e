/* ws_json_string_parts.h - what the two files of the JSON string reader
 * share (not part of the public API; wstypes.h does not include it):
 * ws_json_string.c, the exact scanner, escapes, the block scanner sixteen
 * bytes a turn (SSE2, or eight by word arithmetic without it) and the
 * entry points; ws_json_string_avx2.c, the block scanner 32 bytes a turn
 * for CPUs with AVX2, compiled for it by target attributes. */
#ifndef WS_JSON_STRING_PARTS_H
#define WS_JSON_STRING_PARTS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "internal/ws_json_read_parts.h"
#include "internal/ws_pool.h"
#include "internal/ws_utf8_block.h"

/* ---- in ws_json_string.c ------------------------------------------------- */

/* The string at r->p, run by run and sequence by sequence: the scanner that
 * words every error. out and out_len as for ws_jr_scan_string. */
ws_status ws_jr_scan_exact(ws_reader *r, char *out, size_t *out_len);

/* The rest of a string from p, n bytes decoded into out already (NULL:
 * only checked), sixteen bytes a turn, up to end (the input's, or a
 * window's: then WS_EFULL when it comes first). The three bytes before p
 * must be ASCII: no sequence runs on into p. */
ws_status ws_jr_scan_blocks16(ws_reader *r, const unsigned char *p, size_t n,
                              char *out, size_t *out_len,
                              const unsigned char *end);

/* One escape at p (the backslash): appends its UTF-8 to out (when not
 * NULL) at *n and returns the source bytes used, or 0 after recording an
 * error. */
size_t ws_jr_decode_escape(ws_reader *r, const char *p, char *out, size_t *n);

/* Each hex digit's value with 0x10 added (to tell '0' from a byte that is
 * no digit, 0): the four digits of an escape are looked up and tested
 * together. */
extern const unsigned char ws_jr_hex_digits[256];

/* The four hex digits after "\u" at p (p points at the backslash). */
static inline bool ws_jr_read_hex4(const char *p, const char *end,
                                   uint32_t *cp) {
  if (end - p < 6 || p[0] != '\\' || p[1] != 'u') {
    return false;
  }
  const unsigned char *u = ubytes(p);
  uint32_t a = ws_jr_hex_digits[u[2]], b = ws_jr_hex_digits[u[3]],
           c = ws_jr_hex_digits[u[4]], d = ws_jr_hex_digits[u[5]];
  if ((a & b & c & d & 0x10) == 0) {
    return false;
  }
  *cp = (a & 0xF) << 12 | (b & 0xF) << 8 | (c & 0xF) << 4 | (d & 0xF);
  return true;
}

/* Copies n bytes, n < 16: two moves that overlap in the middle rather
 * than a call to memcpy with a length it must look at. */
static inline void ws_jr_copy_short(char *dst, const unsigned char *src,
                                    size_t n) {
  if (n >= 8) {
    uint64_t a, b;
    memcpy(&a, src, 8);
    memcpy(&b, src + n - 8, 8);
    memcpy(dst, &a, 8);
    memcpy(dst + n - 8, &b, 8);
  } else if (n >= 4) {
    uint32_t a, b;
    memcpy(&a, src, 4);
    memcpy(&b, src + n - 4, 4);
    memcpy(dst, &a, 4);
    memcpy(dst + n - 4, &b, 4);
  } else {
    for (size_t i = 0; i < n; i++) {
      dst[i] = (char)src[i];
    }
  }
}

/* Ends a string read whole: the NUL after its n decoded bytes in out, its
 * length, and r->p after its closing quote at p. */
static inline ws_status ws_jr_string_done(ws_reader *r, const unsigned char *p,
                                          char *out, size_t n,
                                          size_t *out_len) {
  if (out) {
    out[n] = '\0';
  }
  if (out_len) {
    *out_len = n;
  }
  r->p = (const char *)p + 1;
  return WS_OK;
}

/* ws_jr_read_text when the pool has no room: out of memory, or full. */
ws_status ws_jr_no_text_room(ws_reader *r, size_t cap);

/* ws_jr_read_text's end: the room (cap bytes) becomes the text, or is
 * given back when the scan failed (st) or the string is empty. */
static inline ws_status ws_jr_text_read(ws_reader *r, char *room, size_t cap,
                                        ws_status st, char **text,
                                        size_t *len) {
  if (st != WS_OK || *len == 0) {
    ws_pool_text_unused(&r->pool, room, cap);
    *text = NULL;
    return st;
  }
  ws_pool_text_keep(&r->pool, room, cap, *len);
  *text = room;
  return WS_OK;
}

/* ---- in ws_json_string_avx2.c, for CPUs with AVX2 ------------------------ */

#if defined(WS_UTF8_SHUFFLE)
/* ws_jr_scan_blocks16, 32 bytes a turn. */
ws_status ws_jr_scan_blocks32(ws_reader *r, const unsigned char *p, size_t n,
                              char *out, size_t *out_len,
                              const unsigned char *end);

/* ws_jr_read_text, 32 bytes a turn from the string's start. */
ws_status ws_jr_read_text32(ws_reader *r, char **text, size_t *len);
#endif

#endif
