/* ws_repr.c - Python 3.11 repr() of str and bytes, and its width.
 *
 * Both writers copy runs of characters that need no escape with one
 * ws_buf_put, so plain text costs a scan and a memcpy. */
#include "ws_repr.h"

static const char hex_digits[] = "0123456789abcdef";

/* Decodes the strict UTF-8 sequence at s[0..len) (len > 0): returns its
 * length and sets *cp, or returns 0 when the bytes there are not valid
 * (overlong, surrogate, above U+10FFFF, truncated). Kept here rather than
 * calling ws_utf8 so that one pass both validates and escapes. */
static size_t next_cp(const unsigned char *s, size_t len, uint32_t *cp) {
  unsigned char lead = s[0];
  size_t n;
  uint32_t v;
  uint32_t min;
  if (lead < 0x80) {
    *cp = lead;
    return 1;
  } else if (lead >= 0xC2 && lead <= 0xDF) {
    n = 2, v = lead & 0x1Fu, min = 0x80;
  } else if (lead >= 0xE0 && lead <= 0xEF) {
    n = 3, v = lead & 0x0Fu, min = 0x800;
  } else if (lead >= 0xF0 && lead <= 0xF4) {
    n = 4, v = lead & 0x07u, min = 0x10000;
  } else {
    return 0;
  }
  if (len < n) {
    return 0;
  }
  for (size_t i = 1; i < n; i++) {
    if ((s[i] & 0xC0u) != 0x80u) {
      return 0;
    }
    v = (v << 6) | (s[i] & 0x3Fu);
  }
  if (v < min || v > 0x10FFFF || (v >= 0xD800 && v <= 0xDFFF)) {
    return 0;
  }
  *cp = v;
  return n;
}

/* Python picks ' unless the text holds ' and no ". */
static char choose_quote(const void *p, size_t len) {
  if (len == 0 || !memchr(p, '\'', len)) {
    return '\'';
  }
  return memchr(p, '"', len) ? '\'' : '"';
}

/* An ASCII character that repr copies as is (quotes aside). */
static bool plain_ascii(unsigned char c) {
  return c >= 0x20 && c < 0x7f && c != '\\';
}

/* The backslash escape of cp, which must need one, into out; returns its
 * length. Shared by str and bytes: below 0x80 the rules agree. */
static size_t escape_cp(uint32_t cp, char out[10]) {
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
    out[2 + i] = hex_digits[(cp >> (4 * (digits - 1 - i))) & 0xFu];
  }
  return 2 + digits;
}

static void put_escape(ws_buf *b, uint32_t cp) {
  char esc[10];
  ws_buf_put(b, esc, escape_cp(cp, esc));
}

void ws_repr_str(ws_buf *b, const char *s, size_t len) {
  const unsigned char *u = (const unsigned char *)s;
  char quote = choose_quote(s, len);
  size_t run = 0; /* start of the characters copied as they are */
  size_t i = 0;
  if (len == 0) {
    ws_buf_put(b, "''", 2);
    return;
  }
  ws_buf_putc(b, quote);
  while (i < len) {
    uint32_t cp = u[i];
    size_t n = 1;
    if (plain_ascii(u[i]) && u[i] != (unsigned char)quote) {
      i++;
      continue;
    }
    if (cp >= 0x80) {
      n = next_cp(u + i, len - i, &cp);
      if (n == 0) {
        ws_buf_fail(b, WS_EUTF8);
        return;
      }
      if (ws_uni_isprintable(cp)) {
        i += n;
        continue;
      }
    }
    ws_buf_put(b, s + run, i - run);
    put_escape(b, cp);
    i += n;
    run = i;
  }
  ws_buf_put(b, s + run, i - run);
  ws_buf_putc(b, quote);
}

void ws_repr_bytes(ws_buf *b, const void *p, size_t len) {
  const unsigned char *u = (const unsigned char *)p;
  char quote = choose_quote(p, len);
  size_t run = 0;
  if (len == 0) {
    ws_buf_put(b, "b''", 3);
    return;
  }
  ws_buf_putc(b, 'b');
  ws_buf_putc(b, quote);
  for (size_t i = 0; i < len; i++) {
    if (plain_ascii(u[i]) && u[i] != (unsigned char)quote) {
      continue;
    }
    ws_buf_put(b, u + run, i - run);
    put_escape(b, u[i]);
    run = i + 1;
  }
  ws_buf_put(b, u + run, len - run);
  ws_buf_putc(b, quote);
}

/* Columns cp takes inside a repr, counting a quote as 1 (the tally adds the
 * backslash when it is needed). */
static size_t cp_width(uint32_t cp) {
  if (cp < 0x80) {
    if (cp == '\\' || cp == '\t' || cp == '\n' || cp == '\r') {
      return 2;
    }
    return (cp < 0x20 || cp == 0x7f) ? 4 : 1;
  }
  if (ws_uni_isprintable(cp)) {
    return 1;
  }
  return cp < 0x100 ? 4 : cp < 0x10000 ? 6 : 10;
}

/* Counts one code point into the tally. */
static void tally_cp(ws_repr_tally *t, uint32_t cp) {
  t->body += cp_width(cp);
  if (cp == '\'') {
    t->squotes++;
  } else if (cp == '"') {
    t->dquote = true;
  }
}

void ws_repr_tally_str(ws_repr_tally *t, const char *s, size_t len,
                       size_t stop) {
  const unsigned char *u = (const unsigned char *)s;
  size_t i = 0;
  while (i < len && t->body <= stop) {
    uint32_t cp = u[i];
    size_t n = 1;
    if (cp >= 0x80) {
      n = next_cp(u + i, len - i, &cp);
      if (n == 0) {
        t->bad_utf8 = true;
        return;
      }
    }
    tally_cp(t, cp);
    i += n;
  }
}

void ws_repr_tally_bytes(ws_repr_tally *t, const void *p, size_t len,
                         size_t stop) {
  const unsigned char *u = (const unsigned char *)p;
  for (size_t i = 0; i < len && t->body <= stop; i++) {
    /* Every byte from 0x7f up is \xhh in bytes, printable or not. */
    tally_cp(t, u[i] < 0x7f ? u[i] : 0x7f);
  }
}

ws_repr_tally ws_repr_tally_join(ws_repr_tally a, ws_repr_tally b) {
  ws_repr_tally sum;
  sum.body = a.body + b.body;
  sum.squotes = a.squotes + b.squotes;
  sum.dquote = a.dquote || b.dquote;
  sum.bad_utf8 = a.bad_utf8 || b.bad_utf8;
  return sum;
}

size_t ws_repr_tally_width(const ws_repr_tally *t) {
  /* With both quote kinds present the quote is ' and each ' is escaped;
   * otherwise the chosen quote never occurs inside. */
  return 2 + t->body + (t->dquote ? t->squotes : 0);
}

size_t ws_repr_str_width(const char *s, size_t len) {
  ws_repr_tally t = {0, 0, false, false};
  ws_repr_tally_str(&t, s, len, SIZE_MAX);
  return ws_repr_tally_width(&t);
}

size_t ws_repr_bytes_width(const void *p, size_t len) {
  ws_repr_tally t = {0, 0, false, false};
  ws_repr_tally_bytes(&t, p, len, SIZE_MAX);
  return 1 + ws_repr_tally_width(&t);
}
