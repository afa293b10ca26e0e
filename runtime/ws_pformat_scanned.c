/* ws_pformat_scanned.c - pprint's layout of a str that is not plain text,
 * from one scan of it (ws_repr_scan.h): on one line when it fits, else in
 * pieces as CPython 3.11's PrettyPrinter._pprint_str cuts it.
 *
 * pprint cuts a str into lines (str.splitlines(keepends=True)), writes a
 * line that fits as one piece, and cuts a longer one at word ends
 * (re.findall(r'\S*\s*')), words joining the current piece while its repr
 * fits; the width less the allowance applies to the string's last word.
 * The scan records every character that is not one column as it is and
 * every white space character but the space (line breaks among them), and
 * the width of a piece only grows as words join it. So between two of
 * those records each code point is one column and only the space ends a
 * word, and a piece is found as split_plain (ws_pformat_str.c) finds one:
 * by counting code points forward to the width and looking back from there
 * for the last word end, not by reading every word. */
#include <string.h>

#include "internal/ws_bits.h"
#include "internal/ws_plain.h"
#include "internal/ws_pformat_write.h"
#include "internal/ws_repr_scan.h"

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

enum { BLOCK = 16 };

/* A scanned str. */
typedef struct scanned {
  const char *s;
  const unsigned char *u;
  size_t len;
  const ws_str_scan *sc;
} scanned;

/* ---- counting code points ---- */

/* Bit k set when byte k of the BLOCK at p starts a character (is not a
 * continuation byte). */
static inline unsigned starts_of_block(const unsigned char *p) {
#if defined(__SSE2__)
  __m128i v = _mm_loadu_si128((const __m128i *)(const void *)p);
  /* As signed bytes, continuation bytes (80..BF) are below -64. */
  return ~(unsigned)_mm_movemask_epi8(_mm_cmplt_epi8(v, _mm_set1_epi8(-64))) &
         0xFFFFu;
#else
  unsigned m = 0;
  for (unsigned k = 0; k < BLOCK; k++) {
    m |= (p[k] & 0xC0u) != 0x80 ? 1u << k : 0;
  }
  return m;
#endif
}

/* The starts among the n (1..BLOCK) bytes from at: a whole block read
 * where the text has one there, else the text's last block, moved down. */
static inline unsigned starts_at(const scanned *sd, size_t at, size_t n) {
  unsigned m;
  if (sd->len - at >= BLOCK) {
    m = starts_of_block(sd->u + at);
  } else if (sd->len >= BLOCK) {
    m = starts_of_block(sd->u + sd->len - BLOCK) >> (at + BLOCK - sd->len);
  } else {
    m = 0;
    for (size_t k = 0; k < n; k++) {
      m |= (sd->u[at + k] & 0xC0u) != 0x80 ? 1u << k : 0;
    }
  }
  return m & ((1u << n) - 1);
}

/* Set bits of a 16-bit mask. */
static inline unsigned count_bits(unsigned x) {
  x -= (x >> 1) & 0x5555u;
  x = (x & 0x3333u) + ((x >> 2) & 0x3333u);
  x = (x + (x >> 4)) & 0x0F0Fu;
  return (x + (x >> 8)) & 0x1Fu;
}

/* Code points starting in [from, to). */
static size_t count_code_points(const scanned *sd, size_t from, size_t to) {
  size_t n = 0;
  while (from < to) {
    size_t span = to - from < BLOCK ? to - from : BLOCK;
    n += count_bits(starts_at(sd, from, span));
    from += span;
  }
  return n;
}

/* Where the code point after the next `room` ones from at starts, or end
 * when that is sooner (at and end are where characters start); *passed
 * is how many it passed. */
static size_t pass_code_points(const scanned *sd, size_t at, size_t end,
                               size_t room, size_t *passed) {
  size_t left = room;
  while (at < end) {
    size_t span = end - at < BLOCK ? end - at : BLOCK;
    unsigned starts = starts_at(sd, at, span);
    size_t n = count_bits(starts);
    if (n > left) {
      for (; left > 0; left--) {
        starts &= starts - 1;
      }
      *passed = room;
      return at + ws_lowest_bit(starts);
    }
    left -= n;
    at += span;
  }
  *passed = room - left;
  return end;
}

/* The highest set bit of a 16-bit mask (mask != 0). */
static inline unsigned high_bit(unsigned mask) {
  return (unsigned)ws_highest_bit(mask);
}

/* Where the code point `room` ones back from at starts, or lo when that
 * is further back (lo and at are where characters start); *passed is how
 * many it passed. */
static size_t pass_code_points_back(const scanned *sd, size_t lo, size_t at,
                                    size_t room, size_t *passed) {
  size_t left = room;
  while (at > lo && left > 0) {
    size_t span = at - lo < BLOCK ? at - lo : BLOCK;
    unsigned starts = starts_at(sd, at - span, span);
    size_t n = count_bits(starts);
    if (n >= left) {
      for (; left > 1; left--) {
        starts &= ~(1u << high_bit(starts));
      }
      *passed = room;
      return at - span + high_bit(starts);
    }
    left -= n;
    at -= span;
  }
  *passed = room - left;
  return at;
}

/* ---- white space and word ends ---- */

static bool is_white(const ws_scan_special *sp) {
  return (sp->flags & WS_SCAN_SPACE) != 0;
}

/* Whether the character at p is white space; j is the first special at or
 * after p. */
static bool white_at(const scanned *sd, size_t p, size_t j) {
  if (sd->u[p] == ' ') {
    return true;
  }
  const ws_str_scan *sc = sd->sc;
  return j < sc->specials && sc->special[j].at == p &&
         is_white(&sc->special[j]);
}

/* The line that starts where special k is the first at or after: its end
 * (after its line break, "\r\n" being one), the first special after it,
 * and the columns of the text before its end. */
typedef struct line {
  size_t end;
  size_t k_end;
  uint32_t end_body;
} line;

static line line_from(const scanned *sd, size_t k) {
  const ws_str_scan *sc = sd->sc;
  for (size_t j = k; j < sc->specials; j++) {
    const ws_scan_special *sp = &sc->special[j];
    if (!(sp->flags & WS_SCAN_LINEBREAK)) {
      continue;
    }
    size_t end = sp->at + sp->len;
    if (sp->cp == '\r' && j + 1 < sc->specials &&
        sc->special[j + 1].at == end && sc->special[j + 1].cp == '\n') {
      sp = &sc->special[++j];
      end++;
    }
    line l = {end, j + 1, ws_scan_body(sp) + sp->columns};
    return l;
  }
  line l = {sd->len, sc->specials, sc->body};
  return l;
}

/* The last word end in (pos, x] before the line's end, or 0 when there is
 * none; k and jx are the first specials at or after pos and x. A word end
 * is where white space is followed by a character that is not. */
static size_t last_word_end(const scanned *sd, size_t pos, size_t k,
                            size_t x, size_t jx, size_t end) {
  const ws_str_scan *sc = sd->sc;
  size_t t = x;   /* look at white space that ends by t */
  size_t jt = jx; /* the first special at or after t */
  bool word_at_t = t < end && !white_at(sd, t, jt);
  for (;;) {
    size_t space = ws_plain_last_space(sd->s, pos, t);
    size_t js = jt;
    while (js > k && !is_white(&sc->special[js - 1])) {
      js--;
    }
    size_t w;
    size_t after;
    if (js > k && (space == SIZE_MAX || sc->special[js - 1].at > space)) {
      w = sc->special[js - 1].at;
      after = w + sc->special[js - 1].len;
    } else if (space != SIZE_MAX) {
      w = space;
      after = space + 1;
    } else {
      return 0;
    }
    if (after < t || word_at_t) {
      return after; /* what follows it up to t is not white space */
    }
    /* White space up to t, where no word starts: look before its run. */
    t = w;
    word_at_t = false;
    while (t > pos && sd->u[t - 1] == ' ') {
      t--;
    }
    while (jt > k && sc->special[jt - 1].at >= t) {
      jt--;
    }
  }
}

/* The end of the first word from pos: its run of other characters, then
 * its run of white space, within the line. */
static size_t first_word_end(const scanned *sd, size_t pos, size_t k,
                             const line *l) {
  const ws_str_scan *sc = sd->sc;
  const char *space = memchr(sd->s + pos, ' ', l->end - pos);
  size_t p = space ? (size_t)(space - sd->s) : l->end;
  size_t j = k;
  while (j < l->k_end && sc->special[j].at < p && !is_white(&sc->special[j])) {
    j++;
  }
  if (j < l->k_end && sc->special[j].at < p) {
    p = sc->special[j].at;
  }
  while (p < l->end) {
    while (j < l->k_end && sc->special[j].at < p) {
      j++;
    }
    if (sd->u[p] == ' ') {
      p++;
    } else if (j < l->k_end && sc->special[j].at == p &&
               is_white(&sc->special[j])) {
      p += sc->special[j].len;
    } else {
      break;
    }
  }
  return p;
}

/* The first special at or after p, from j (one at or before it). */
static size_t special_from(const ws_str_scan *sc, size_t j, size_t p) {
  while (j < sc->specials && sc->special[j].at < p) {
    j++;
  }
  return j;
}

/* The columns of [from, to), where specials first..last-1 are those in
 * it. */
static uint32_t span_body(const scanned *sd, size_t from, size_t to,
                          size_t first, size_t last) {
  size_t body = count_code_points(sd, from, to);
  for (size_t j = first; j < last; j++) {
    body += sd->sc->special[j].columns - 1u;
  }
  return (uint32_t)body;
}

/* A piece that starts at pos (a word start, with k the first special at or
 * after it) and does not take the rest of its line: its end, the first
 * special after it, and its columns. The furthest it could reach within
 * the width is found by counting forward; it ends at the last word end
 * before that, or after its first word when there is none. */
typedef struct piece {
  size_t end;
  size_t k_end;
  uint32_t body;
} piece;

/* The furthest a piece from pos may reach within the width, counting
 * forward: the offset, with *j_out the first special from there and
 * *body its columns. */
static size_t reach_forward(const scanned *sd, size_t pos, size_t k,
                            const line *l, long width, size_t *j_out,
                            uint32_t *body) {
  const ws_str_scan *sc = sd->sc;
  size_t at = pos;
  size_t j = k;
  size_t columns = 2; /* the quotes */
  uint32_t squotes = 0;
  uint32_t dquotes = 0;
  for (;;) {
    size_t stop = j < l->k_end ? sc->special[j].at : l->end;
    size_t used = columns + (dquotes ? squotes : 0);
    size_t room = within(used, width) ? (size_t)width - used : 0;
    size_t passed;
    at = pass_code_points(sd, at, stop, room, &passed);
    columns += passed;
    if (at < stop || j == l->k_end) {
      break;
    }
    const ws_scan_special *sp = &sc->special[j];
    uint32_t sq = squotes + (sp->cp == '\'');
    uint32_t dq = dquotes + (sp->cp == '"');
    if (!within(columns + sp->columns + (dq ? sq : 0), width)) {
      break;
    }
    columns += sp->columns;
    squotes = sq;
    dquotes = dq;
    at += sp->len;
    j++;
  }
  *j_out = j;
  *body = (uint32_t)(columns - 2);
  return at;
}

/* The same counting back from the line's end, for text of rest columns
 * (more than fit) with at most one kind of quote, whose width is then its
 * columns and quotes: the furthest end leaves at least rest - (width - 2)
 * columns after it. */
static size_t reach_back(const scanned *sd, size_t pos, size_t k,
                         const line *l, size_t excess, uint32_t rest,
                         size_t *j_out, uint32_t *body) {
  const ws_str_scan *sc = sd->sc;
  size_t at = l->end;
  size_t j = l->k_end;
  size_t dropped = 0;
  while (dropped < excess) {
    size_t lo = j > k ? sc->special[j - 1].at + sc->special[j - 1].len : pos;
    size_t passed;
    at = pass_code_points_back(sd, lo, at, excess - dropped, &passed);
    dropped += passed;
    if (dropped == excess || j == k) {
      break;
    }
    j--;
    dropped += sc->special[j].columns;
    at = sc->special[j].at;
  }
  *j_out = j;
  *body = rest - (uint32_t)dropped;
  return at;
}

static piece piece_from(const scanned *sd, size_t pos, size_t k,
                        const line *l, long width, uint32_t rest,
                        bool both_quotes) {
  const ws_str_scan *sc = sd->sc;
  size_t j;
  uint32_t body;
  size_t at;
  /* Most lines that do not fit are not much wider than the width: from
   * their end, fewer characters are counted. */
  size_t excess = within(rest + 2, width) ? 0 : rest + 2 - (size_t)width;
  if (!both_quotes && width > 2 && excess < (size_t)width - 2) {
    at = reach_back(sd, pos, k, l, excess, rest, &j, &body);
  } else {
    at = reach_forward(sd, pos, k, l, width, &j, &body);
  }
  /* [pos, at) is the most that fits; j is the first special from at. */
  piece p;
  size_t end = last_word_end(sd, pos, k, at, j, l->end);
  if (end != 0) {
    p.end = end;
    p.k_end = special_from(sc, k, end);
    p.body = body - span_body(sd, end, at, p.k_end, j);
  } else {
    p.end = first_word_end(sd, pos, k, l);
    p.k_end = special_from(sc, j, p.end);
    p.body = body + span_body(sd, at, p.end, j, p.k_end);
  }
  return p;
}

/* ---- writing ---- */

/* Where the pieces go (see pieces in ws_pformat_str.c). */
typedef struct scanned_out {
  ws_buf *b;
  bool parens; /* put "(" before the first of several pieces */
  size_t count;
  long indent; /* where continuation lines start */
} scanned_out;

static inline void emit(scanned_out *out, const scanned *sd, size_t from,
                        size_t to, size_t first, size_t last) {
  if (out->count > 0) {
    newline_indent(out->b, out->indent);
  } else if (out->parens && to < sd->len) {
    put_char(out->b, '(');
  }
  if (out->b->status == WS_OK) {
    ws_scan_put(out->b, sd->s, sd->sc, from, to, first, last);
  }
  out->count++;
}

/* What repr's width adds to the columns of text with specials k..end-1
 * for its quotes: the quotes themselves, and with both kinds inside, a
 * backslash for each '. */
static uint32_t quote_columns(const ws_str_scan *sc, size_t k, size_t end) {
  if (sc->squotes == 0) {
    return 2; /* no ' to escape (most text) */
  }
  uint32_t squotes = 0;
  uint32_t dquotes = 0;
  for (size_t j = k; j < end; j++) {
    squotes += sc->special[j].cp == '\'';
    dquotes += sc->special[j].cp == '"';
  }
  return 2 + (dquotes ? squotes : 0);
}

static void split_scanned(scanned_out *out, const scanned *sd, long width,
                          long allowance) {
  size_t pos = 0;
  size_t k = 0;
  uint32_t body = 0; /* columns before pos */
  while (pos < sd->len) {
    line l = line_from(sd, k);
    long limit = width - (l.end == sd->len ? allowance : 0);
    while (pos < l.end) {
      uint32_t rest = l.end_body - body;
      uint32_t quotes = quote_columns(sd->sc, k, l.k_end);
      if (within((size_t)rest + quotes, limit)) {
        emit(out, sd, pos, l.end, k, l.k_end);
        break;
      }
      piece p = piece_from(sd, pos, k, &l, width, rest, quotes != 2);
      emit(out, sd, pos, p.end, k, p.k_end);
      pos = p.end;
      k = p.k_end;
      body += p.body;
    }
    pos = l.end;
    k = l.k_end;
    body = l.end_body;
  }
}

bool ws_pf_str_scanned(ws_buf *b, const ws_pv *v, long max_width, long indent,
                       long allowance, unsigned level) {
  if (v->n <= WS_REPR_SHORT_MAX && max_width >= 2) {
    size_t width = ws_repr_short(b, v->s, v->n, (size_t)max_width);
    if (width != 0 && width != SIZE_MAX) {
      return true; /* on one line, in one reading */
    }
  }
  ws_str_scan sc;
  switch (ws_str_scan_run(&sc, v->s, v->n)) {
  case WS_SCAN_FULL:
    return false;
  case WS_SCAN_BAD_UTF8:
    ws_buf_fail(b, WS_EUTF8);
    return true;
  case WS_SCAN_OK:
    break;
  }
  if (within(ws_scan_width(&sc), max_width)) {
    if (b->status == WS_OK) {
      ws_scan_put(b, v->s, &sc, 0, v->n, 0, sc.specials);
    }
    return true;
  }
  bool parens = level == 1;
  if (parens) {
    indent++;
    allowance++;
  }
  scanned sd = {v->s, (const unsigned char *)v->s, v->n, &sc};
  scanned_out out = {b, parens, 0, indent};
  split_scanned(&out, &sd, WIDTH - indent, allowance);
  if (out.count > 1 && parens) {
    put_char(b, ')');
  }
  return true;
}

/* ws_pf_fit_scanned through the scan; kept out of it, so that a short str
 * does not pay for the scan's frame. */
static WS_NOINLINE size_t fit_by_scan(ws_buf *b, const char *s, size_t n,
                                      size_t budget) {
  ws_str_scan sc;
  if (ws_str_scan_run(&sc, s, n) != WS_SCAN_OK) {
    return 0;
  }
  size_t width = ws_scan_width(&sc);
  if (width > budget) {
    return SIZE_MAX;
  }
  if (b->status == WS_OK) {
    ws_scan_put(b, s, &sc, 0, n, 0, sc.specials);
  }
  return width;
}

size_t ws_pf_fit_scanned(ws_buf *b, const char *s, size_t n, size_t budget) {
  if (n <= WS_REPR_SHORT_MAX) {
    size_t width = ws_repr_short(b, s, n, budget);
    if (width != 0) {
      return width; /* or SIZE_MAX */
    }
  }
  return fit_by_scan(b, s, n, budget);
}
