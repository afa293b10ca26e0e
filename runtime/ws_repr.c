/* ws_repr.c - Python 3.11 repr() of str and bytes, and its width.
 *
 * Most text is plain printable ASCII: repr copies it unchanged and it takes
 * one column a character. Every scan here first skips such a run a block of
 * bytes at a time (ws_plain.h), and looks at single characters only where
 * something else is. */
#include "ws_repr.h"

#include "ws_utf8.h"

#include "internal/ws_plain.h"
#include "internal/ws_repr_scan.h"

size_t ws_repr_plain_prefix(const char *s, size_t len) {
  return ws_plain_run((const unsigned char *)s, len, WS_PLAIN_LOW);
}

size_t ws_repr_plain_word(const char *s, size_t len) {
  return ws_plain_run((const unsigned char *)s, len, WS_PLAIN_WORD_LOW);
}

/* Python picks ' unless the text holds ' and no ". */
static char choose_quote(const void *p, size_t len) {
  if (len == 0 || !memchr(p, '\'', len)) {
    return '\'';
  }
  return memchr(p, '"', len) ? '\'' : '"';
}

/* ---- writing ---- */

static void put_escape(ws_buf *b, uint32_t cp) {
  char esc[10];
  ws_buf_put(b, esc, ws_repr_escape(cp, esc));
}

/* Text with nothing to escape and no quote: the common case, one copy. */
static void put_plain_quoted(ws_buf *b, const char *prefix, size_t prefix_len,
                             const char *s, size_t len) {
  ws_buf_put(b, prefix, prefix_len);
  ws_buf_put(b, s, len);
  ws_buf_putc(b, '\'');
}

/* The character at u[0], which plain_run stopped at: its length (0 for
 * invalid UTF-8), its code point, and whether repr escapes it. */
static size_t look_at(const unsigned char *u, size_t len, char quote,
                      uint32_t *cp, bool *escape) {
  *cp = u[0];
  if (u[0] < 0x80) {
    /* Only the quote that is not the delimiter goes in as it is. */
    *escape = !((u[0] == '\'' || u[0] == '"') && u[0] != quote);
    return 1;
  }
  size_t n = ws_utf8_next_fast(u, len, cp);
  *escape = n != 0 && !ws_uni_isprintable(*cp);
  return n;
}

void ws_repr_str(ws_buf *b, const char *s, size_t len) {
  const unsigned char *u = (const unsigned char *)s;
  size_t i = ws_plain_run(u, len, WS_PLAIN_LOW);
  if (i == len) {
    put_plain_quoted(b, "'", 1, s, len);
    return;
  }
  char quote = choose_quote(s, len);
  size_t run = 0; /* start of the characters copied as they are */
  ws_buf_putc(b, quote);
  while (i < len) {
    uint32_t cp;
    bool escape;
    size_t n = look_at(u + i, len - i, quote, &cp, &escape);
    if (n == 0) {
      ws_buf_fail(b, WS_EUTF8);
      return;
    }
    if (escape) {
      ws_buf_put(b, s + run, i - run);
      put_escape(b, cp);
      run = i + n;
    }
    i += n;
    i += ws_plain_run(u + i, len - i, WS_PLAIN_LOW);
  }
  ws_buf_put(b, s + run, len - run);
  ws_buf_putc(b, quote);
}

void ws_repr_bytes(ws_buf *b, const void *p, size_t len) {
  const unsigned char *u = (const unsigned char *)p;
  size_t i = ws_plain_run(u, len, WS_PLAIN_LOW);
  if (i == len) {
    put_plain_quoted(b, "b'", 2, p, len);
    return;
  }
  char quote = choose_quote(p, len);
  size_t run = 0;
  ws_buf_putc(b, 'b');
  ws_buf_putc(b, quote);
  while (i < len) {
    bool other_quote = (u[i] == '\'' || u[i] == '"') && u[i] != quote;
    if (!other_quote) {
      ws_buf_put(b, u + run, i - run);
      put_escape(b, u[i]);
      run = i + 1;
    }
    i++;
    i += ws_plain_run(u + i, len - i, WS_PLAIN_LOW);
  }
  ws_buf_put(b, u + run, len - run);
  ws_buf_putc(b, quote);
}

/* ---- widths ---- */

/* Counts one ASCII character into the tally. */
static void tally_ascii(ws_repr_tally *t, unsigned char c) {
  unsigned columns = ws_uni_ascii_class[c] & WS_UNI_COLUMNS;
  t->body += columns;
  t->escaped |= columns != 1;
  if (c == '\'') {
    t->squotes++;
  } else if (c == '"') {
    t->dquote = true;
  }
}

/* Columns of a code point from U+0080 up inside a repr. */
static size_t wide_cp_width(uint32_t cp) {
  if (ws_uni_isprintable(cp)) {
    return 1;
  }
  return cp < 0x100 ? 4 : cp < 0x10000 ? 6 : 10;
}

/* Counts a code point into the tally. */
static void tally_cp(ws_repr_tally *t, uint32_t cp) {
  if (cp < 0x80) {
    tally_ascii(t, (unsigned char)cp);
  } else {
    size_t columns = wide_cp_width(cp);
    t->body += columns;
    t->escaped |= columns != 1;
  }
}

/* At most the bytes that can be read, as one column each, before the
 * tally's body passes stop. */
static size_t span_before_stop(const ws_repr_tally *t, size_t len,
                               size_t stop) {
  size_t room = stop - t->body;
  return len <= room ? len : room + 1;
}

void ws_repr_tally_str(ws_repr_tally *t, const char *s, size_t len,
                       size_t stop) {
  const unsigned char *u = (const unsigned char *)s;
  size_t i = 0;
  while (i < len && t->body <= stop) {
    size_t run = ws_plain_run(u + i, span_before_stop(t, len - i, stop),
                           WS_PLAIN_LOW);
    t->body += run;
    i += run;
    if (i == len || t->body > stop) {
      return;
    }
    uint32_t cp;
    size_t n = ws_utf8_next_fast(u + i, len - i, &cp);
    if (n == 0) {
      t->bad_utf8 = true;
      return;
    }
    tally_cp(t, cp);
    i += n;
  }
}

void ws_repr_tally_bytes(ws_repr_tally *t, const void *p, size_t len,
                         size_t stop) {
  const unsigned char *u = (const unsigned char *)p;
  size_t i = 0;
  while (i < len && t->body <= stop) {
    size_t run = ws_plain_run(u + i, span_before_stop(t, len - i, stop),
                           WS_PLAIN_LOW);
    t->body += run;
    i += run;
    if (i == len || t->body > stop) {
      return;
    }
    /* Every byte from 0x7f up is \xhh in bytes, printable or not. */
    tally_ascii(t, u[i] < 0x7f ? u[i] : 0x7f);
    i++;
  }
}

/* ---- pieces of words ---- */

/* The character at u[0]: its length (0 for invalid UTF-8), its code point
 * and its class (WS_UNI_SPACE, WS_UNI_LINEBREAK). */
static size_t read_char(const unsigned char *u, size_t len, uint32_t *cp,
                        unsigned char *cls) {
  if (u[0] < 0x80) {
    *cp = u[0];
    *cls = ws_uni_ascii_class[u[0]];
    return 1;
  }
  size_t n = ws_utf8_next_fast(u, len, cp);
  if (n == 0 || !ws_uni_isspace(*cp)) {
    *cls = 0;
  } else {
    *cls = ws_uni_islinebreak(*cp) ? WS_UNI_SPACE | WS_UNI_LINEBREAK
                                   : WS_UNI_SPACE;
  }
  return n;
}

/* The run of non-space at the start of u[0..len): tallies it and returns
 * its length (stopping at invalid UTF-8, which it flags). */
static size_t tally_non_space(ws_repr_tally *t, const unsigned char *u,
                              size_t len) {
  size_t i = 0;
  for (;;) {
    size_t run = ws_plain_run(u + i, len - i, WS_PLAIN_WORD_LOW);
    t->body += run;
    i += run;
    if (i == len) {
      return i;
    }
    uint32_t cp;
    unsigned char cls;
    size_t n = read_char(u + i, len - i, &cp, &cls);
    if (n == 0) {
      t->bad_utf8 = true;
      return i;
    }
    if (cls & WS_UNI_SPACE) {
      return i;
    }
    tally_cp(t, cp);
    i += n;
  }
}

/* The run of space after it, up to and with the first line break. */
static size_t tally_space(ws_repr_tally *t, const unsigned char *u,
                          size_t len, bool *ends_line) {
  size_t i = 0;
  while (i < len) {
    uint32_t cp;
    unsigned char cls;
    size_t n = read_char(u + i, len - i, &cp, &cls);
    if (n == 0) {
      t->bad_utf8 = true;
      return i;
    }
    if (!(cls & WS_UNI_SPACE)) {
      return i;
    }
    tally_cp(t, cp);
    i += n;
    if (cls & WS_UNI_LINEBREAK) {
      if (cp == '\r' && i < len && u[i] == '\n') {
        tally_ascii(t, '\n');
        i++;
      }
      *ends_line = true;
      return i;
    }
  }
  return i;
}

size_t ws_repr_tally_word(ws_repr_tally *t, const char *s, size_t len,
                          bool *ends_line) {
  const unsigned char *u = (const unsigned char *)s;
  size_t i = tally_non_space(t, u, len);
  *ends_line = false;
  if (!t->bad_utf8) {
    i += tally_space(t, u + i, len - i, ends_line);
  }
  /* A piece is never empty, even at invalid UTF-8, so callers advance. */
  return i > 0 ? i : len;
}

ws_repr_tally ws_repr_tally_join(ws_repr_tally a, ws_repr_tally b) {
  ws_repr_tally sum;
  sum.body = a.body + b.body;
  sum.squotes = a.squotes + b.squotes;
  sum.dquote = a.dquote || b.dquote;
  sum.bad_utf8 = a.bad_utf8 || b.bad_utf8;
  sum.escaped = a.escaped || b.escaped;
  return sum;
}

size_t ws_repr_tally_width(const ws_repr_tally *t) {
  /* With both quote kinds present the quote is ' and each ' is escaped;
   * otherwise the chosen quote never occurs inside. */
  return 2 + t->body + (t->dquote ? t->squotes : 0);
}

void ws_repr_str_tallied(ws_buf *b, const char *s, size_t len,
                         const ws_repr_tally *t) {
  if (t->escaped || t->bad_utf8 || (t->squotes > 0 && t->dquote)) {
    ws_repr_str(b, s, len);
    return;
  }
  /* Nothing escaped, and the quote Python picks does not occur inside. */
  char quote = t->squotes > 0 ? '"' : '\'';
  ws_buf_putc(b, quote);
  ws_buf_put(b, s, len);
  ws_buf_putc(b, quote);
}

size_t ws_repr_str_width(const char *s, size_t len) {
  ws_repr_tally t = {0, 0, false, false, false};
  ws_repr_tally_str(&t, s, len, SIZE_MAX);
  return ws_repr_tally_width(&t);
}

size_t ws_repr_bytes_width(const void *p, size_t len) {
  ws_repr_tally t = {0, 0, false, false, false};
  ws_repr_tally_bytes(&t, p, len, SIZE_MAX);
  return 1 + ws_repr_tally_width(&t);
}
