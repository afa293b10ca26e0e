/* ws_repr_scan.c - one reading of a str for pprint: its words with running
 * tallies, and the characters repr escapes or quotes (see ws_repr_scan.h).
 *
 * The loop takes a character at a time, but a common one (printable, not
 * space, not a quote or backslash: nearly all text in any script) costs a
 * decoding and one bit look-up; everything else goes to take_special. */
#include "internal/ws_repr_scan.h"

#include <string.h>

#include "ws_repr.h"
#include "ws_utf8.h"

#include "internal/ws_copy.h"
#include "internal/ws_uni_plain.h"

/* Where the scan is: the tallies so far, and whether the current word has
 * reached its run of space (a non-space character then starts a new
 * word). */
typedef struct scan_state {
  ws_str_scan *sc;
  ws_scan_mark now; /* tallies up to the current position */
  bool in_space;
  bool words; /* record words (else only the whole text's tallies) */
} scan_state;

/* Ends the current word at offset at. */
static bool end_word(scan_state *st, size_t at, bool ends_line) {
  ws_str_scan *sc = st->sc;
  st->in_space = false;
  if (!st->words) {
    return true;
  }
  if (sc->words == WS_SCAN_WORDS) {
    return false;
  }
  ws_scan_mark *m = &sc->word[sc->words++];
  *m = st->now;
  m->end = (uint32_t)at;
  m->ends_line = ends_line;
  return true;
}

static bool add_special(scan_state *st, size_t at, uint32_t cp, size_t len) {
  ws_str_scan *sc = st->sc;
  if (sc->specials == WS_SCAN_SPECIALS) {
    return false;
  }
  ws_scan_special *sp = &sc->special[sc->specials++];
  sp->at = (uint32_t)at;
  sp->cp = cp;
  sp->len = (uint32_t)len;
  return true;
}

/* Columns of a non-printable code point's escape (\xhh, \uhhhh,
 * \Uhhhhhhhh). */
static uint32_t escape_columns(uint32_t cp) {
  return cp < 0x100 ? 4 : cp < 0x10000 ? 6 : 10;
}

/* The character cp at u[at], n bytes, that is not plain: a quote, a
 * backslash, a control, space, or not printable. Tallies it and records
 * it; returns the offset after it (after "\r\n" for a "\r" there), or 0
 * when a table is full. */
static size_t take_special(scan_state *st, const unsigned char *u, size_t len,
                           size_t at, uint32_t cp, size_t n) {
  bool space;
  bool line_break = false;
  uint32_t columns;
  if (cp < 0x80) {
    unsigned cls = ws_uni_ascii_class[cp];
    space = (cls & WS_UNI_SPACE) != 0;
    line_break = (cls & WS_UNI_LINEBREAK) != 0;
    columns = cls & WS_UNI_COLUMNS;
  } else {
    space = ws_uni_isspace(cp);
    line_break = space && ws_uni_islinebreak(cp);
    columns = ws_uni_isprintable(cp) ? 1 : escape_columns(cp);
  }
  if (!space && st->in_space && !end_word(st, at, false)) {
    return 0;
  }
  st->now.body += columns;
  st->now.squotes += cp == '\'';
  st->now.dquotes += cp == '"';
  if ((columns != 1 || cp == '\'' || cp == '"') &&
      !add_special(st, at, cp, n)) {
    return 0;
  }
  at += n;
  if (space) {
    st->in_space = true;
  }
  if (line_break) {
    if (cp == '\r' && at < len && u[at] == '\n') {
      st->now.body += 2; /* \n */
      if (!add_special(st, at, '\n', 1)) {
        return 0;
      }
      at++;
    }
    if (!end_word(st, at, true)) {
      return 0;
    }
  }
  return at;
}

/* Skips the ordinary characters from u[i] (printable, not space, not a
 * quote or backslash): returns where the first other one is (or the end),
 * and sets *count to how many it skipped. Only the sequences that are
 * nearly all of text are looked at: ASCII, two bytes, three, and four
 * below U+20000; the rest (invalid ones too) are the caller's. The table is read with the sequence's
 * bytes as they are (see ws_uni_plain.h), not a decoded code point. */
static inline size_t ordinary_run(const unsigned char *u, size_t len,
                                  size_t i, uint32_t *count) {
  uint32_t n = 0;
  while (i < len) {
    unsigned c = u[i];
    if (c < 0x80) {
      if (ws_uni_ascii_class[c] != 1) {
        break;
      }
      i++;
    } else if (c < 0xE0) {
      /* A byte that leads no two-byte character has no bits. */
      uint64_t word = ws_uni_plain_two[c];
      unsigned c1;
      if (len - i < 2 || (c1 = u[i + 1] ^ 0x80u) >= 0x40 ||
          !((word >> c1) & 1)) {
        break;
      }
      i += 2;
    } else if (c < 0xF0) {
      unsigned c1;
      unsigned c2;
      /* The overlong forms (lead E0, below U+0800) have no bits, nor have
       * surrogates (lead ED), which are not printable. */
      if (len - i < 3 ||
          ((c1 = u[i + 1] ^ 0x80u) | (c2 = u[i + 2] ^ 0x80u)) >= 0x40 ||
          !((ws_uni_plain_bits[ws_uni_plain_three[(c & 0x0Fu) << 6 | c1]] >>
             c2) &
            1)) {
        break;
      }
      i += 3;
    } else if (c == 0xF0) {
      /* Four bytes below U+20000 (emoji): the second byte is 90..9F. */
      unsigned c1;
      unsigned c2;
      unsigned c3;
      if (len - i < 4 || (c1 = u[i + 1] ^ 0x80u) - 0x10u > 0x0Fu ||
          ((c2 = u[i + 2] ^ 0x80u) | (c3 = u[i + 3] ^ 0x80u)) >= 0x40 ||
          !((ws_uni_plain_block(c1 << 6 | c2) >> c3) & 1)) {
        break;
      }
      i += 4;
    } else {
      break;
    }
    n++;
  }
  *count = n;
  return i;
}

ws_scan_result ws_str_scan_run(ws_str_scan *sc, const char *s, size_t len,
                               bool words) {
  const unsigned char *u = (const unsigned char *)s;
  scan_state st;
  memset(&st, 0, sizeof st);
  st.sc = sc;
  st.words = words;
  sc->words = 0;
  sc->specials = 0;
  if (len > UINT32_MAX) {
    return WS_SCAN_FULL;
  }
  size_t i = 0;
  while (i < len) {
    uint32_t count;
    size_t j = ordinary_run(u, len, i, &count);
    if (j > i) {
      if (st.in_space && !end_word(&st, i, false)) {
        return WS_SCAN_FULL;
      }
      st.now.body += count;
      i = j;
      if (i == len) {
        break;
      }
    }
    if (u[i] == ' ') {
      /* The space between words: it ends no word, the next character
       * does. */
      size_t k = i + 1;
      while (k < len && u[k] == ' ') {
        k++;
      }
      st.now.body += (uint32_t)(k - i);
      st.in_space = true;
      i = k;
      continue;
    }
    uint32_t cp;
    size_t n = ws_utf8_next_fast(u + i, len - i, &cp);
    if (n == 0) {
      return WS_SCAN_BAD_UTF8;
    }
    if (ws_uni_plain(cp)) {
      /* Ordinary, but beyond ordinary_run: four bytes (emoji), or a lead
       * of E0 or ED. */
      if (st.in_space && !end_word(&st, i, false)) {
        return WS_SCAN_FULL;
      }
      st.now.body++;
      i += n;
      continue;
    }
    i = take_special(&st, u, len, i, cp, n);
    if (i == 0) {
      return WS_SCAN_FULL;
    }
  }
  if (sc->words == 0 || sc->word[sc->words - 1].end != len) {
    st.words = true;
    if (!end_word(&st, len, false)) {
      return WS_SCAN_FULL;
    }
  }
  return WS_SCAN_OK;
}

/* ws_scan_put's writing when b has room for the worst case: straight
 * into it. */
static void put_in_place(ws_buf *b, const char *s, const ws_str_scan *sc,
                         size_t from, size_t to, char quote, size_t k,
                         size_t end) {
  char *at = b->data + b->len;
  size_t run = from;
  *at++ = quote;
  for (; k < end; k++) {
    const ws_scan_special *sp = &sc->special[k];
    if ((sp->cp == '\'' || sp->cp == '"') && sp->cp != (uint32_t)quote) {
      continue; /* the other quote goes in as it is */
    }
    ws_copy_short(at, s + run, sp->at - run);
    at += sp->at - run;
    at += ws_repr_escape(sp->cp, at);
    run = sp->at + sp->len;
  }
  ws_copy_short(at, s + run, to - run);
  at += to - run;
  *at++ = quote;
  b->len = (size_t)(at - b->data);
}

void ws_scan_put(ws_buf *b, const char *s, const ws_str_scan *sc, size_t from,
                 size_t to, const ws_scan_mark *m, size_t *next) {
  /* Python picks ' unless the text holds ' and no ". */
  char quote = m->squotes > 0 && m->dquotes == 0 ? '"' : '\'';
  size_t k = *next;
  size_t end = k;
  while (end < sc->specials && sc->special[end].at < to) {
    end++;
  }
  *next = end;
  /* An escape is at most 10 bytes for a character of at least one. */
  size_t most = to - from + 2 + 9 * (end - k);
  if (b->status == WS_OK && !b->measuring && b->cap - b->len >= most) {
    put_in_place(b, s, sc, from, to, quote, k, end);
    return;
  }
  size_t run = from;
  ws_buf_putc(b, quote); /* failing, or growing the buffer */
  for (; k < end; k++) {
    const ws_scan_special *sp = &sc->special[k];
    if ((sp->cp == '\'' || sp->cp == '"') && sp->cp != (uint32_t)quote) {
      continue;
    }
    char esc[10];
    ws_buf_put(b, s + run, sp->at - run);
    ws_buf_put(b, esc, ws_repr_escape(sp->cp, esc));
    run = sp->at + sp->len;
  }
  ws_buf_put(b, s + run, to - run);
  ws_buf_putc(b, quote);
}
