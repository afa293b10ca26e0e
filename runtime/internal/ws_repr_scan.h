/* ws_repr_scan.h - one reading of a str for pprint (not part of the public
 * API; wstypes.h does not include it).
 *
 * pprint asks three things of a str that has something to escape or is not
 * ASCII: the width of its repr, where a piece of it that fits a line may
 * end (a word end: re's \S*\s*, within the lines of str.splitlines), and
 * the repr of pieces of it. One reading answers the first and prepares the
 * others: it counts the columns and the quotes, and records the few
 * characters repr does not copy as they are (quotes, the backslash,
 * controls, whatever Python does not print). Every white space character
 * but the space is one of them (Python prints none of them), and so is
 * every line break; so with the records, breaking a str into pieces needs
 * to count only code points and find spaces (ws_pformat_str.c), and
 * writing a piece is copying the text between them. */
#ifndef WS_REPR_SCAN_H
#define WS_REPR_SCAN_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "ws_buf.h"

/* How many such characters one scan holds. A str with more is laid out
 * the slower way (ws_repr_tally_word), which needs no table. */
enum { WS_SCAN_SPECIALS = 48 };

/* What a recorded character is besides escaped or quoted. */
enum {
  WS_SCAN_SPACE = 0x01,    /* str.isspace(): a word's end follows its run */
  WS_SCAN_LINEBREAK = 0x02 /* a str.splitlines() boundary */
};

/* A character repr does not copy as it is (or a quote, which it escapes or
 * not depending on the quote it picks), or white space other than the
 * space. */
typedef struct ws_scan_special {
  uint32_t at;      /* offset of its first byte */
  uint32_t cp;
  /* The repr columns of the text before it (quotes aside), but for the
   * continuation bytes among the 32 bytes before it, one a bit of
   * conts_near: ws_scan_body counts them when it is asked (rarely). */
  uint32_t body_far;
  uint32_t conts_near;
  uint8_t len;      /* its bytes */
  uint8_t columns;  /* its columns in repr: 1 for a quote, else its escape's */
  uint8_t flags;    /* WS_SCAN_SPACE, WS_SCAN_LINEBREAK */
} ws_scan_special;

/* The repr columns of the text before sp (quotes aside). */
static inline uint32_t ws_scan_body(const ws_scan_special *sp) {
  uint32_t x = sp->conts_near;
  uint32_t n = 0;
  for (; x != 0; x &= x - 1) {
    n++;
  }
  return sp->body_far - n;
}

typedef struct ws_str_scan {
  uint32_t body;    /* repr columns, quotes aside, each quote counted 1 */
  uint32_t squotes; /* ' characters */
  uint32_t dquotes; /* " characters */
  size_t specials;
  ws_scan_special special[WS_SCAN_SPECIALS];
} ws_str_scan;

typedef enum ws_scan_result {
  WS_SCAN_OK,
  WS_SCAN_BAD_UTF8, /* the text is not valid UTF-8 */
  WS_SCAN_FULL      /* more specials than the table holds, or too long */
} ws_scan_result;

/* Reads s[0..len) into sc. */
ws_scan_result ws_str_scan_run(ws_str_scan *sc, const char *s, size_t len);

/* The width of the repr of text of body columns with those quotes: with
 * both kinds the quote is ' and each ' inside is escaped. */
static inline size_t ws_scan_width_of(size_t body, uint32_t squotes,
                                      uint32_t dquotes) {
  return 2 + body + (dquotes ? (size_t)squotes : 0);
}

/* The width of the repr of the whole text. */
static inline size_t ws_scan_width(const ws_str_scan *sc) {
  return ws_scan_width_of(sc->body, sc->squotes, sc->dquotes);
}

/* Writes repr(s[from..to)), where specials first..last-1 of sc are those
 * inside it. */
void ws_scan_put(ws_buf *b, const char *s, const ws_str_scan *sc, size_t from,
                 size_t to, size_t first, size_t last);

/* The longest str ws_repr_short takes. */
enum { WS_REPR_SHORT_MAX = 32 };

/* repr(s[0..n)) on one line for a short str (n <= WS_REPR_SHORT_MAX), in
 * one reading that measures and writes it (ws_repr_short.c): written at
 * b's end when its width is at most budget, and the width returned;
 * SIZE_MAX when it is wider (nothing written); 0 when this way cannot
 * tell (n too long, b failed or without room for the worst case, or s not
 * UTF-8): nothing written, and the caller takes the scan, which reports
 * what is wrong. */
size_t ws_repr_short(ws_buf *b, const char *s, size_t n, size_t budget);

/* The backslash escape of cp (one that needs it) into out; returns its
 * length. Shared by str and bytes (below 0x80 their rules agree), and
 * inline because the str scan writes the ASCII ones in its hot loop. */
static inline size_t ws_repr_escape(uint32_t cp, char out[10]) {
  static const char hex[] = "0123456789abcdef";
  size_t digits;
  out[0] = '\\';
  switch (cp) {
  case '\\':
  case '\'':
  case '"':
    out[1] = (char)cp;
    return 2;
  case '\t':
    out[1] = 't';
    return 2;
  case '\n':
    out[1] = 'n';
    return 2;
  case '\r':
    out[1] = 'r';
    return 2;
  default:
    break;
  }
  if (cp < 0x100) {
    out[1] = 'x', digits = 2;
  } else if (cp < 0x10000) {
    out[1] = 'u', digits = 4;
  } else {
    out[1] = 'U', digits = 8;
  }
  for (size_t i = 0; i < digits; i++) {
    out[2 + i] = hex[(cp >> (4 * (digits - 1 - i))) & 0xFu];
  }
  return 2 + digits;
}

#endif
