/* ws_repr_scan.h - one reading of a str for pprint (not part of the public
 * API; wstypes.h does not include it).
 *
 * pprint asks three things of a str that has something to escape or is not
 * ASCII: the width of its repr, where its words end (re's \S*\s*, within
 * the lines of str.splitlines), and the repr of pieces of it. One pass
 * answers all three: it decodes each character once, records each word's
 * end with running tallies (so that the tally of any run of words is a
 * difference), and records the few characters repr escapes or quotes, so
 * that writing a piece is copying the text between them. */
#ifndef WS_REPR_SCAN_H
#define WS_REPR_SCAN_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "ws_buf.h"

/* What one scan holds: enough for a str of a few hundred characters of
 * text. A longer one, or one with more to escape, is laid out the slower
 * way (ws_repr_tally_word), which needs no table. */
enum { WS_SCAN_WORDS = 96, WS_SCAN_SPECIALS = 24 };

/* Running tallies, from the start of the text to a word's end. */
typedef struct ws_scan_mark {
  uint32_t end;     /* offset just past the word */
  uint32_t body;    /* repr columns, quotes aside, each quote counted 1 */
  uint32_t squotes; /* ' characters */
  uint32_t dquotes; /* " characters */
  uint32_t ends_line; /* the word ends at a line break */
} ws_scan_mark;

/* A character repr does not copy as it is (or a quote, which it escapes
 * or not depending on the quote it picks). */
typedef struct ws_scan_special {
  uint32_t at; /* offset of its first byte */
  uint32_t cp;
  uint32_t len; /* its bytes */
} ws_scan_special;

typedef struct ws_str_scan {
  size_t words;
  size_t specials;
  ws_scan_mark word[WS_SCAN_WORDS];
  ws_scan_special special[WS_SCAN_SPECIALS];
} ws_str_scan;

typedef enum ws_scan_result {
  WS_SCAN_OK,
  WS_SCAN_BAD_UTF8, /* the text is not valid UTF-8 */
  WS_SCAN_FULL      /* more words or specials than the tables hold */
} ws_scan_result;

/* Reads s[0..len) (len > 0) into sc. Without words, only the whole text
 * is a word (the last, as always) and only the specials are recorded: what
 * a repr on one line needs. */
ws_scan_result ws_str_scan_run(ws_str_scan *sc, const char *s, size_t len,
                               bool words);

/* The tallies of words first..last (inclusive) of sc, as a mark. */
static inline ws_scan_mark ws_scan_span(const ws_str_scan *sc, size_t first,
                                        size_t last) {
  ws_scan_mark m = sc->word[last];
  if (first > 0) {
    const ws_scan_mark *base = &sc->word[first - 1];
    m.body -= base->body;
    m.squotes -= base->squotes;
    m.dquotes -= base->dquotes;
  }
  return m;
}

/* The width of the repr of text with tallies m. */
static inline size_t ws_scan_width(const ws_scan_mark *m) {
  return 2 + (size_t)m->body + (m->dquotes ? (size_t)m->squotes : 0);
}

/* The width of the repr of words first..last of sc. */
static inline size_t ws_scan_span_width(const ws_str_scan *sc, size_t first,
                                        size_t last) {
  const ws_scan_mark *m = &sc->word[last];
  uint32_t body = m->body;
  uint32_t squotes = m->squotes;
  uint32_t dquotes = m->dquotes;
  if (first > 0) {
    const ws_scan_mark *base = &sc->word[first - 1];
    body -= base->body;
    squotes -= base->squotes;
    dquotes -= base->dquotes;
  }
  return 2 + (size_t)body + (dquotes ? (size_t)squotes : 0);
}

/* Writes repr(s[from..to)), where from and to are word ends of sc (or 0)
 * and m the span's tallies. *next is the first special not yet passed:
 * pieces are written in order, so each looks only at its own. */
void ws_scan_put(ws_buf *b, const char *s, const ws_str_scan *sc, size_t from,
                 size_t to, const ws_scan_mark *m, size_t *next);

/* The backslash escape of cp (one that needs it) into out; returns its
 * length. In ws_repr.c. */
size_t ws_repr_escape(uint32_t cp, char out[10]);

#endif
