/* ws_json_read_error.c - the JSON reader's error records and the messages
 * they carry.
 *
 * A failure is recorded once, where it is found: code, line and column,
 * byte offset, the path as text ($.headers["Host"]) and one sentence that
 * says what was expected and what was found. The sentence quotes source
 * text cut after QUOTE_LIMIT bytes and escaped as JSON would write it, so a
 * message is always printable and bounded. See ws_json_read.h for the
 * forms. */
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "internal/ws_json_read_parts.h"

/* Bytes of source text a message quotes before cutting with "...". */
#define QUOTE_LIMIT 40
/* Room for a described token: a cut string where every byte may need a
 * six-character escape, plus the words around it. */
#define FOUND_SIZE (QUOTE_LIMIT * 6 + 64)

/* ---- bounded text for messages and paths -------------------------------- */

/* Appends to a fixed buffer, always NUL-terminated, silently truncating. */
typedef struct text {
  char *buf;
  size_t size;
  size_t len;
} text;

static text text_on(char *buf, size_t size) {
  text t = {buf, size, 0};
  if (size) {
    buf[0] = '\0';
  }
  return t;
}

static void text_put(text *t, const char *s, size_t n) {
  if (t->size == 0 || t->len >= t->size - 1) {
    return;
  }
  size_t room = t->size - 1 - t->len;
  if (n > room) {
    n = room;
  }
  memcpy(t->buf + t->len, s, n);
  t->len += n;
  t->buf[t->len] = '\0';
}

static void text_puts(text *t, const char *s) {
  text_put(t, s, strlen(s));
}

static void text_printf(text *t, const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 2, 3)))
#endif
    ;
static void text_printf(text *t, const char *fmt, ...) {
  char tmp[64];
  va_list ap;
  va_start(ap, fmt);
  int n = vsnprintf(tmp, sizeof tmp, fmt, ap);
  va_end(ap);
  if (n > 0) {
    text_put(t, tmp, (size_t)n < sizeof tmp ? (size_t)n : sizeof tmp - 1);
  }
}

/* One byte that JSON must escape, as \n, \t, ... or \u00XX. */
static void put_control_escape(text *t, unsigned char c) {
  switch (c) {
  case '\b':
    text_puts(t, "\\b");
    break;
  case '\f':
    text_puts(t, "\\f");
    break;
  case '\n':
    text_puts(t, "\\n");
    break;
  case '\r':
    text_puts(t, "\\r");
    break;
  case '\t':
    text_puts(t, "\\t");
    break;
  default:
    text_printf(t, "\\u%04x", c);
    break;
  }
}

/* An escape as written in source text (p at the backslash), kept whole but
 * cut before any byte that would itself need escaping in a message. Returns
 * the bytes used. */
static size_t put_source_escape(text *t, const unsigned char *p,
                                const unsigned char *end) {
  size_t unit = p + 1 < end && p[1] == 'u' ? 6 : 2;
  if (unit > (size_t)(end - p)) {
    unit = (size_t)(end - p);
  }
  for (size_t i = 1; i < unit; i++) {
    if (p[i] < 0x20 || p[i] >= 0x7F) {
      unit = i;
      break;
    }
  }
  text_put(t, (const char *)p, unit);
  return unit;
}

/* One character as JSON would write it (quotes and backslashes escaped only
 * when escape_quoting); control bytes escaped; bytes that are not UTF-8 as
 * \xNN. Returns the bytes used. */
static size_t put_text_char(text *t, const unsigned char *p,
                            const unsigned char *end, bool escape_quoting) {
  unsigned char c = *p;
  if (escape_quoting && (c == '"' || c == '\\')) {
    char esc[2] = {'\\', (char)c};
    text_put(t, esc, 2);
    return 1;
  }
  if (c < 0x20 || c == 0x7F) {
    put_control_escape(t, c);
    return 1;
  }
  size_t n = utf8_seq_len(p, end);
  if (!n) {
    text_printf(t, "\\x%02x", c);
    return 1;
  }
  text_put(t, (const char *)p, n);
  return n;
}

/* A string in quotes, from either decoded text (which gets JSON escapes) or
 * raw source text after an opening quote (whose escapes are already written;
 * it ends at the closing quote). Stops after `limit` bytes with "...". */
static void put_quoted(text *t, const char *s, size_t len, bool raw,
                       size_t limit) {
  const unsigned char *start = ubytes(s), *p = start, *end = start + len;
  text_put(t, "\"", 1);
  while (p < end) {
    if ((size_t)(p - start) >= limit) {
      text_puts(t, "...");
      break;
    }
    if (raw && *p == '"') {
      break;
    }
    p += raw && *p == '\\' ? put_source_escape(t, p, end)
                           : put_text_char(t, p, end, !raw);
  }
  text_put(t, "\"", 1);
}

void ws_reader_quote(char *out, size_t size, const char *s, size_t len) {
  text t = text_on(out, size);
  put_quoted(&t, s, len, false, QUOTE_LIMIT);
}

static bool is_identifier(const char *s, size_t len) {
  if (len == 0 || (s[0] >= '0' && s[0] <= '9')) {
    return false;
  }
  for (size_t i = 0; i < len; i++) {
    if (!is_word_char(s[i])) {
      return false;
    }
  }
  return true;
}

static void put_path(text *t, const ws_reader *r) {
  text_put(t, "$", 1);
  for (size_t i = 0; i < r->depth; i++) {
    const ws_path_seg *seg = &r->path[i];
    if (!seg->key) {
      text_printf(t, "[%zu]", seg->index);
    } else if (is_identifier(seg->key, seg->key_len)) {
      text_put(t, ".", 1);
      text_put(t, seg->key, seg->key_len);
    } else {
      text_put(t, "[", 1);
      put_quoted(t, seg->key, seg->key_len, false, SIZE_MAX);
      text_put(t, "]", 1);
    }
  }
}

void ws_reader_path(const ws_reader *r, char *out, size_t size) {
  text t = text_on(out, size);
  put_path(&t, r);
}

/* ---- error records -------------------------------------------------------- */

static void locate(const ws_reader *r, const char *at, size_t *line,
                   size_t *col) {
  if (at >= r->line_start) {
    *line = r->line;
    *col = (size_t)(at - r->line_start) + 1;
    return;
  }
  /* An earlier line (a key before a newline): count from the start. */
  size_t n = 1;
  const char *start = r->src;
  for (const char *p = r->src; p < at; p++) {
    if (*p == '\n') {
      n++;
      start = p + 1;
    }
  }
  *line = n;
  *col = (size_t)(at - start) + 1;
}

/* Records the first failure; later ones keep the first record. */
static ws_status fail_v(ws_reader *r, ws_status code, const char *at,
                        const char *fmt, va_list ap) {
  if (r->status != WS_OK) {
    return r->status;
  }
  ws_error *err = r->err;
  r->status = code;
  err->code = code;
  locate(r, at, &err->line, &err->col);
  err->offset = (size_t)(at - r->src);
  ws_reader_path(r, err->path, sizeof err->path);
  vsnprintf(err->msg, sizeof err->msg, fmt, ap);
  return code;
}

ws_status ws_jr_fail(ws_reader *r, ws_status code, const char *at,
                     const char *fmt, ...) {
  va_list ap;
  va_start(ap, fmt);
  ws_status st = fail_v(r, code, at, fmt, ap);
  va_end(ap);
  return st;
}

ws_status ws_jr_fail_nomem(ws_reader *r) {
  return ws_jr_fail(r, WS_ENOMEM, r->p, "out of memory");
}

ws_status ws_reader_fail(ws_reader *r, ws_status code, const char *fmt, ...) {
  skip_ws(r);
  va_list ap;
  va_start(ap, fmt);
  ws_status st = fail_v(r, code, r->p, fmt, ap);
  va_end(ap);
  return st;
}

ws_status ws_reader_fail_at(ws_reader *r, size_t offset, ws_status code,
                            const char *fmt, ...) {
  size_t size = (size_t)(r->end - r->src);
  const char *at = r->src + (offset < size ? offset : size);
  va_list ap;
  va_start(ap, fmt);
  ws_status st = fail_v(r, code, at, fmt, ap);
  va_end(ap);
  return st;
}

/* The run of characters that could belong to a number, for messages. */
static size_t number_lexeme_len(const char *p, const char *end) {
  const char *q = p;
  while (q < end && (is_word_char(*q) || *q == '.' || *q == '+' || *q == '-')) {
    q++;
  }
  return (size_t)(q - p);
}

static void put_cut(text *t, const char *s, size_t len) {
  if (len > QUOTE_LIMIT) {
    text_put(t, s, QUOTE_LIMIT);
    text_puts(t, "...");
  } else {
    text_put(t, s, len);
  }
}

/* The code point of the valid UTF-8 sequence of n bytes at p. */
static uint32_t code_point(const unsigned char *p, size_t n) {
  uint32_t cp = (uint32_t)(p[0] & (0xFF >> (n + 1)));
  for (size_t i = 1; i < n; i++) {
    cp = (cp << 6) | (uint32_t)(p[i] & 0x3F);
  }
  return cp;
}

/* Something that starts no JSON value: a word ('NaN'), a punctuation mark
 * (']'), another character (character U+00A0) or a byte (byte 0x01). */
static void describe_stray(text *t, const char *at, const char *end) {
  const unsigned char *p = ubytes(at);
  size_t word = word_len(at, end);
  size_t seq = utf8_seq_len(p, ubytes(end));
  if (word > 0) {
    text_put(t, "'", 1);
    put_cut(t, at, word);
    text_put(t, "'", 1);
  } else if (*p >= 0x21 && *p < 0x7F) {
    text_printf(t, "'%c'", *p);
  } else if (*p >= 0x80 && seq) {
    text_printf(t, "character U+%04X", (unsigned)code_point(p, seq));
  } else {
    text_printf(t, "byte 0x%02x", *p);
  }
}

/* What the token at `at` is, for "found ...": string "80", number 3, true,
 * null, object, array, end of input, ']', 'NaN', character U+00A0,
 * byte 0xff. */
static void describe_token(const ws_reader *r, const char *at, char *out,
                           size_t size) {
  text t = text_on(out, size);
  const char *end = r->end;
  switch (ws_jr_token_kind(at, end)) {
  case WS_TOKEN_EOF:
    text_puts(&t, "end of input");
    return;
  case WS_TOKEN_OBJECT:
    text_puts(&t, "object");
    return;
  case WS_TOKEN_ARRAY:
    text_puts(&t, "array");
    return;
  case WS_TOKEN_STRING:
    text_puts(&t, "string ");
    put_quoted(&t, at + 1, (size_t)(end - at - 1), true, QUOTE_LIMIT);
    return;
  case WS_TOKEN_NUMBER:
    text_puts(&t, "number ");
    put_cut(&t, at, number_lexeme_len(at, end));
    return;
  case WS_TOKEN_BOOL:
  case WS_TOKEN_NULL:
    text_put(&t, at, word_len(at, end));
    return;
  case WS_TOKEN_INVALID:
    describe_stray(&t, at, end);
    return;
  }
}

/* Bytes outside strings that are not valid UTF-8 are reported as such. */
static bool fail_if_bad_utf8(ws_reader *r, const char *at) {
  const unsigned char *p = ubytes(at);
  if (at < r->end && *p >= 0x80 && !utf8_seq_len(p, ubytes(r->end))) {
    ws_jr_fail(r, WS_EUTF8, at, "invalid UTF-8 byte 0x%02x", *p);
    return true;
  }
  return false;
}

ws_status ws_jr_fail_expected(ws_reader *r, const char *what, bool with_path) {
  skip_ws(r);
  const char *at = r->p;
  char where[sizeof r->err->path + 80] = "";
  if (with_path) {
    text t = text_on(where, sizeof where);
    const char *type = r->depth ? r->path[r->depth - 1].type : r->root_type;
    text_puts(&t, " for ");
    put_path(&t, r);
    if (type) {
      text_printf(&t, " (%s)", type);
    }
  }
  ws_token_kind kind = ws_jr_token_kind(at, r->end);
  if (kind == WS_TOKEN_EOF) {
    return ws_jr_fail(r, WS_ESYNTAX, at,
                      "unexpected end of input, expected %s%s", what, where);
  }
  if (fail_if_bad_utf8(r, at)) {
    return r->status;
  }
  bool frac = false;
  const char *num_end = NULL;
  if (kind == WS_TOKEN_NUMBER &&
      ws_jr_check_number(r, at, &frac, &num_end) != WS_OK) {
    return r->status;
  }
  char found[FOUND_SIZE];
  describe_token(r, at, found, sizeof found);
  ws_status code = kind == WS_TOKEN_INVALID ? WS_ESYNTAX : WS_ETYPE;
  return ws_jr_fail(r, code, at, "expected %s%s, found %s", what, where, found);
}

ws_status ws_jr_fail_syntax(ws_reader *r, const char *what) {
  skip_ws(r);
  if (r->p == r->end) {
    return ws_jr_fail_expected(r, what, false); /* unexpected end of input */
  }
  if (fail_if_bad_utf8(r, r->p)) {
    return r->status;
  }
  char found[FOUND_SIZE];
  describe_token(r, r->p, found, sizeof found);
  return ws_jr_fail(r, WS_ESYNTAX, r->p, "expected %s, found %s", what, found);
}

/* ---- failures of particular values --------------------------------------- */

ws_status ws_jr_fail_number(ws_reader *r, const char *at, const char *why) {
  char shown[QUOTE_LIMIT + 8];
  text t = text_on(shown, sizeof shown);
  put_cut(&t, at, number_lexeme_len(at, r->end));
  return ws_jr_fail(r, WS_ESYNTAX, at, "invalid number %s: %s", shown, why);
}

ws_status ws_jr_fail_integer(ws_reader *r, const char *at, const char *num_end,
                             bool frac_or_exp) {
  char shown[QUOTE_LIMIT + 8];
  text t = text_on(shown, sizeof shown);
  put_cut(&t, at, (size_t)(num_end - at));
  char where[sizeof r->err->path + 80];
  text w = text_on(where, sizeof where);
  const char *type = r->depth ? r->path[r->depth - 1].type : r->root_type;
  put_path(&w, r);
  if (type) {
    text_printf(&w, " (%s)", type);
  }
  if (frac_or_exp) {
    bool fraction = memchr(at, '.', (size_t)(num_end - at)) != NULL;
    return ws_jr_fail(
        r, WS_ETYPE, at, "expected an integer for %s, found number %s (%s)",
        where, shown, fraction ? "it has a fraction" : "it has an exponent");
  }
  return ws_jr_fail(r, WS_ERANGE, at,
                    "integer %s is out of range for %s: it must lie between "
                    "-9223372036854775808 and 9223372036854775807",
                    shown, where);
}

ws_status ws_jr_fail_base64(ws_reader *r, const char *at, size_t bad_at) {
  char where[sizeof r->err->path];
  ws_reader_path(r, where, sizeof where);
  char found[FOUND_SIZE];
  describe_token(r, at, found, sizeof found);
  return ws_jr_fail(r, WS_EBASE64, at,
                    "expected a base64 string for %s, found %s (invalid at "
                    "character %zu)",
                    where, found, bad_at);
}

ws_status ws_jr_fail_trailing(ws_reader *r) {
  if (fail_if_bad_utf8(r, r->p)) {
    return r->status;
  }
  char found[FOUND_SIZE];
  describe_token(r, r->p, found, sizeof found);
  return ws_jr_fail(r, WS_ETRAILING, r->p,
                    "trailing data after the JSON value: %s", found);
}

ws_status ws_jr_fail_duplicate_key(ws_reader *r, const char *key, size_t len) {
  char quoted[FOUND_SIZE], where[sizeof r->err->path];
  ws_reader_quote(quoted, sizeof quoted, key, len);
  ws_reader_path(r, where, sizeof where);
  return ws_jr_fail(r, WS_EDUPLICATE, r->key_at, "duplicate key %s in %s",
                    quoted, where);
}
