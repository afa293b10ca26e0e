/* ws_pformat_write.h - how ws_pformat's parts write into their scratch
 * (not part of the public API; wstypes.h does not include it).
 *
 * pformat is laid out in ws_pformat.c (one-line reprs and the layout of
 * containers) and ws_pformat_str.c (str and bytes broken into pieces);
 * both write through these. */
#ifndef WS_PFORMAT_WRITE_H
#define WS_PFORMAT_WRITE_H

#include <stdbool.h>
#include <stddef.h>
#include <string.h>

#include "ws_buf.h"
#include "ws_copy.h"
#include "ws_pformat.h"
#include "ws_repr.h"

enum {
  WIDTH = 80,
  /* Nesting deeper than this is an error. It bounds our stack use; CPython
   * itself gives up (RecursionError) at about 330 levels. */
  MAX_DEPTH = 300
};

/* ---- writing ----
 * The formatter never grows a buffer and never only counts: it writes into
 * a fixed scratch (ws_buf_fixed, see run_layout in ws_pformat.c), so that
 * each write checks one thing, the room left. A write that does not fit
 * means the scratch is full; it is recorded as WS_EFULL, which sends
 * run_layout to a larger one.
 * Writes after a failure may still land in the scratch; they are thrown
 * away with it. */

#include "ws_inline.h"

static inline bool can_write(ws_buf *b, size_t n) {
  if (b->cap - b->len >= n) {
    return true;
  }
  ws_buf_fail(b, WS_EFULL); /* keeps an earlier failure */
  return false;
}

/* Inline, so that the many short writes of constant length become plain
 * stores. (p may be NULL when n is 0.) */
static inline void put(ws_buf *b, const void *p, size_t n) {
  if (n != 0 && can_write(b, n)) {
    memcpy(b->data + b->len, p, n);
    b->len += n;
  }
}

static inline void put_char(ws_buf *b, char c) {
  if (can_write(b, 1)) {
    b->data[b->len++] = c;
  }
}

/* repr through ws_repr, which writes into the scratch as any writer does:
 * a fixed buffer, so a repr that does not fit records WS_EFULL. */
static inline void put_repr_str(ws_buf *b, const char *s, size_t n) {
  if (b->status == WS_OK) {
    ws_repr_str(b, s, n);
  }
}

/* The same, given the complete tally of s[0..n): text with nothing to
 * escape is copied whole. */
static inline void put_repr_tallied(ws_buf *b, const char *s, size_t n,
                                    const ws_repr_tally *t) {
  if (b->status == WS_OK) {
    ws_repr_str_tallied(b, s, n, t);
  }
}

static inline void put_repr_bytes(ws_buf *b, const char *s, size_t n) {
  if (b->status == WS_OK) {
    ws_repr_bytes(b, s, n);
  }
}

static inline bool within(size_t width, long limit) {
  return limit >= 0 && width <= (size_t)limit;
}

/* A line break and the indentation, in one write when it is not deep:
 * with room to spare, a copy of constant length (a few vector stores) and
 * the length advanced by what is needed. */
WS_ALWAYS_INLINE void newline_indent(ws_buf *b, long indent) {
  static const char spaces[] = "\n                                        "
                               "                                        ";
  enum { SHORT_BREAK = 32 }; /* most indents: two vector moves */
  if ((size_t)indent < SHORT_BREAK && b->cap - b->len >= SHORT_BREAK) {
    memcpy(b->data + b->len, spaces, SHORT_BREAK);
    b->len += (size_t)indent + 1;
    return;
  }
  if ((size_t)indent < sizeof spaces - 1) {
    if (b->cap - b->len >= sizeof spaces) {
      memcpy(b->data + b->len, spaces, sizeof spaces);
      b->len += (size_t)indent + 1;
    } else {
      put(b, spaces, (size_t)indent + 1);
    }
    return;
  }
  put_char(b, '\n');
  ws_buf_put_repeat(b, ' ', (size_t)indent);
}

/* ",", a line break and the indentation: what goes between the items of
 * a broken container. */
WS_ALWAYS_INLINE void put_break(ws_buf *b, long indent) {
  put_char(b, ',');
  newline_indent(b, indent);
}

/* Plain text as its repr: the most common write, so one room check for
 * all three parts. */
static inline void put_quoted(ws_buf *b, const char *s, size_t n) {
  if (!can_write(b, n + 2)) {
    return;
  }
  char *at = b->data + b->len;
  at[0] = '\'';
  ws_copy_short(at + 1, s, n);
  at[n + 1] = '\'';
  b->len += n + 2;
}

/* ---- str and bytes in pieces (ws_pformat_str.c) ----
 * When repr(v) does not fit where it goes, pprint writes several literals
 * that Python concatenates, inside parentheses at the outermost level. */

/* A str; its first known_plain bytes are known to be plain text. */
void ws_pf_pprint_str(ws_buf *b, const ws_pv *v, size_t known_plain,
                      long indent, long allowance, unsigned level);
/* A str with something other than plain text in it (len > 0), in one
 * reading (ws_repr_scan.h): as one repr when that fits in max_width
 * columns, else in pieces as ws_pf_pprint_str lays them out. False, with
 * nothing written, when the str is too long or too full of escapes for
 * the scan's tables: the caller then takes the slower way. */
bool ws_pf_str_scanned(ws_buf *b, const ws_pv *v, long max_width, long indent,
                       long allowance, unsigned level);
/* repr(s[0..n)) on one line, when its width is at most budget, from one
 * scan without words: the width, or SIZE_MAX when it is wider (nothing
 * written), or 0 when the scan could not hold it or the text is not UTF-8
 * (nothing written: the caller takes the slower way, which reports it). */
size_t ws_pf_fit_scanned(ws_buf *b, const char *s, size_t n, size_t budget);
/* A bytes, in groups of 4 bytes. */
void ws_pf_pprint_bytes(ws_buf *b, const ws_pv *v, long indent, long allowance,
                        unsigned level);

#endif
