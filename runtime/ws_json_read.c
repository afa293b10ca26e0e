/* ws_json_read.c - the strict JSON pull reader behind generated decoders.
 *
 * Layout: scanning primitives (whitespace, UTF-8, literals), error records
 * (position, path, the found token), strings, numbers, containers, the path
 * stack, scalar reads, headers, skipping. Nothing recurses: ws_read_skip
 * keeps its own stack of open containers, so depth costs no C stack. */
#include "ws_json_read.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

#include "ws_alloc.h"
#include "ws_base64.h"
#include "ws_bits.h"
#include "ws_keyset.h"
#include "ws_utf8.h"

/* Bytes of source text a message quotes before cutting with "...". */
#define QUOTE_LIMIT 40
/* Room for a described token: a cut string where every byte may need a
 * six-character escape, plus the words around it. */
#define FOUND_SIZE (QUOTE_LIMIT * 6 + 64)

/* ---- scanning primitives ------------------------------------------------ */

static inline const unsigned char *ubytes(const char *p) {
  return (const unsigned char *)p;
}

static inline void skip_ws(ws_reader *r) {
  const char *p = r->p;
  while (p < r->end) {
    char c = *p;
    if ((unsigned char)c > ' ') {
      break; /* the usual case, compact JSON: one test */
    }
    if (c == ' ' || c == '\t' || c == '\r') {
      p++;
    } else if (c == '\n') {
      p++;
      r->line++;
      r->line_start = p;
    } else {
      break;
    }
  }
  r->p = p;
}

/* Length of the valid UTF-8 sequence at p (1..4), or 0 when it is invalid:
 * a stray continuation byte, an overlong form, an encoded surrogate, a value
 * above U+10FFFF, or a sequence cut short. */
static inline size_t utf8_seq_len(const unsigned char *p,
                                  const unsigned char *end) {
  uint32_t cp;
  return ws_utf8_next_fast(p, (size_t)(end - p), &cp);
}

static inline bool is_word_char(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
         (c >= '0' && c <= '9') || c == '_';
}

/* Length of the run of letters, digits and '_' at p: a literal must be a
 * whole word, so "truex" is one unknown word, not true followed by junk. */
static size_t word_len(const char *p, const char *end) {
  const char *q = p;
  while (q < end && is_word_char(*q)) {
    q++;
  }
  return (size_t)(q - p);
}

static bool is_word(const char *p, const char *end, const char *word) {
  size_t n = strlen(word);
  return word_len(p, end) == n && memcmp(p, word, n) == 0;
}

static ws_token_kind token_kind(const char *p, const char *end) {
  if (p >= end) {
    return WS_TOKEN_EOF;
  }
  switch (*p) {
  case '{':
    return WS_TOKEN_OBJECT;
  case '[':
    return WS_TOKEN_ARRAY;
  case '"':
    return WS_TOKEN_STRING;
  case '-':
    return WS_TOKEN_NUMBER;
  default:
    break;
  }
  if (*p >= '0' && *p <= '9') {
    return WS_TOKEN_NUMBER;
  }
  if (is_word(p, end, "true") || is_word(p, end, "false")) {
    return WS_TOKEN_BOOL;
  }
  if (is_word(p, end, "null")) {
    return WS_TOKEN_NULL;
  }
  return WS_TOKEN_INVALID;
}

/* Grows a scratch buffer to hold at least need bytes. */
static bool ensure_cap(char **buf, size_t *cap, size_t need) {
  if (*cap >= need && *buf) {
    return true;
  }
  size_t n = *cap ? *cap : 64;
  while (n < need) {
    if (n > SIZE_MAX / 2) {
      n = need;
      break;
    }
    n *= 2;
  }
  char *grown = ws_realloc(*buf, n);
  if (!grown) {
    return false;
  }
  *buf = grown;
  *cap = n;
  return true;
}

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

static ws_status fail(ws_reader *r, ws_status code, const char *at,
                      const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 4, 5)))
#endif
    ;
static ws_status fail(ws_reader *r, ws_status code, const char *at,
                      const char *fmt, ...) {
  va_list ap;
  va_start(ap, fmt);
  ws_status st = fail_v(r, code, at, fmt, ap);
  va_end(ap);
  return st;
}

static ws_status fail_nomem(ws_reader *r) {
  return fail(r, WS_ENOMEM, r->p, "out of memory");
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
  switch (token_kind(at, end)) {
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
    fail(r, WS_EUTF8, at, "invalid UTF-8 byte 0x%02x", *p);
    return true;
  }
  return false;
}

static ws_status check_number(ws_reader *r, const char *at, bool *frac_or_exp,
                              const char **num_end);

/* The next token is not what the caller wanted: "expected WHAT[ for PATH],
 * found TOKEN", or "unexpected end of input, expected WHAT[ for PATH]".
 * A token that is no value at all (or a malformed number) is a syntax error;
 * a well-formed value of another type is a type error. */
static ws_status fail_expected(ws_reader *r, const char *what, bool with_path) {
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
  ws_token_kind kind = token_kind(at, r->end);
  if (kind == WS_TOKEN_EOF) {
    return fail(r, WS_ESYNTAX, at, "unexpected end of input, expected %s%s",
                what, where);
  }
  if (fail_if_bad_utf8(r, at)) {
    return r->status;
  }
  bool frac = false;
  const char *num_end = NULL;
  if (kind == WS_TOKEN_NUMBER &&
      check_number(r, at, &frac, &num_end) != WS_OK) {
    return r->status;
  }
  char found[FOUND_SIZE];
  describe_token(r, at, found, sizeof found);
  ws_status code = kind == WS_TOKEN_INVALID ? WS_ESYNTAX : WS_ETYPE;
  return fail(r, code, at, "expected %s%s, found %s", what, where, found);
}

/* A structural token was wanted ("',' or '}' after a member"): always a
 * syntax error, and the path is in err->path rather than the sentence. */
static ws_status fail_syntax(ws_reader *r, const char *what) {
  skip_ws(r);
  if (r->p == r->end) {
    return fail_expected(r, what, false); /* unexpected end of input */
  }
  if (fail_if_bad_utf8(r, r->p)) {
    return r->status;
  }
  char found[FOUND_SIZE];
  describe_token(r, r->p, found, sizeof found);
  return fail(r, WS_ESYNTAX, r->p, "expected %s, found %s", what, found);
}

/* ---- strings -------------------------------------------------------------- */

/* Bytes a string copies as they are: printable ASCII but '"' and '\\'. */
static inline bool is_plain(unsigned char c) {
  return c >= 0x20 && c < 0x80 && c != '"' && c != '\\';
}

#if defined(__SSE2__)
/* Length of the run of plain bytes at p, sixteen at a time: one signed
 * compare against 0x20 catches both control bytes and bytes >= 0x80 (which
 * are negative as signed), two equality tests catch '"' and '\\'. */
static size_t plain_run(const unsigned char *p, const unsigned char *end) {
  const unsigned char *q = p;
  const __m128i space = _mm_set1_epi8(0x20);
  const __m128i quote = _mm_set1_epi8('"');
  const __m128i backslash = _mm_set1_epi8('\\');
  while (end - q >= 16) {
    __m128i v = _mm_loadu_si128((const __m128i *)(const void *)q);
    __m128i stop = _mm_or_si128(
        _mm_cmplt_epi8(v, space),
        _mm_or_si128(_mm_cmpeq_epi8(v, quote), _mm_cmpeq_epi8(v, backslash)));
    unsigned mask = (unsigned)_mm_movemask_epi8(stop);
    if (mask != 0) {
      return (size_t)(q - p) + ws_lowest_bit(mask);
    }
    q += 16;
  }
  while (q < end && is_plain(*q)) {
    q++;
  }
  return (size_t)(q - p);
}
#else
#define ONES UINT64_C(0x0101010101010101)
#define HIGHS UINT64_C(0x8080808080808080)

/* True when some byte of w is zero (the classic borrow test: exact about
 * whether, though not about where). */
static inline bool has_zero_byte(uint64_t w) {
  return ((w - ONES) & ~w & HIGHS) != 0;
}

/* True when some byte of w is not plain: below 0x20, at or above 0x80, or a
 * quote or backslash. */
static inline bool has_stop_byte(uint64_t w) {
  bool low_or_high = (((w - ONES * 0x20) | w) & HIGHS) != 0;
  return low_or_high || has_zero_byte(w ^ (ONES * '"')) ||
         has_zero_byte(w ^ (ONES * '\\'));
}

/* Length of the run of plain bytes at p, eight at a time; the word that
 * holds a stop is finished byte by byte, which also keeps this independent
 * of byte order. */
static size_t plain_run(const unsigned char *p, const unsigned char *end) {
  const unsigned char *q = p;
  while (end - q >= 8) {
    uint64_t w;
    memcpy(&w, q, sizeof w);
    if (has_stop_byte(w)) {
      break;
    }
    q += 8;
  }
  while (q < end && is_plain(*q)) {
    q++;
  }
  return (size_t)(q - p);
}
#endif

static int hex_value(char c) {
  if (c >= '0' && c <= '9') {
    return c - '0';
  }
  if (c >= 'a' && c <= 'f') {
    return c - 'a' + 10;
  }
  if (c >= 'A' && c <= 'F') {
    return c - 'A' + 10;
  }
  return -1;
}

/* The four hex digits after "\u" at p (p points at the backslash). */
static bool read_hex4(const char *p, const char *end, uint32_t *cp) {
  if (end - p < 6 || p[0] != '\\' || p[1] != 'u') {
    return false;
  }
  uint32_t v = 0;
  for (int i = 2; i < 6; i++) {
    int h = hex_value(p[i]);
    if (h < 0) {
      return false;
    }
    v = (v << 4) | (uint32_t)h;
  }
  *cp = v;
  return true;
}

/* A \u escape at p, joining a surrogate pair into one code point. Returns
 * the source bytes used, or 0 after recording an error. */
static size_t decode_u_escape(ws_reader *r, const char *p, uint32_t *cp) {
  uint32_t hi;
  if (!read_hex4(p, r->end, &hi)) {
    fail(r, WS_ESYNTAX, p, "expected 4 hex digits after \\u in a string");
    return 0;
  }
  if (hi < 0xD800 || hi > 0xDFFF) {
    *cp = hi;
    return 6;
  }
  uint32_t lo;
  if (hi <= 0xDBFF && read_hex4(p + 6, r->end, &lo) && lo >= 0xDC00 &&
      lo <= 0xDFFF) {
    *cp = 0x10000 + ((hi - 0xD800) << 10) + (lo - 0xDC00);
    return 12;
  }
  fail(r, WS_EUTF8, p, "lone surrogate escape \\u%04x", (unsigned)hi);
  return 0;
}

/* One escape at p (the backslash): appends its UTF-8 to out (when not
 * NULL) and returns the source bytes used, or 0 after an error. */
static size_t decode_escape(ws_reader *r, const char *p, char *out, size_t *n) {
  if (r->end - p < 2) {
    fail(r, WS_ESYNTAX, p,
         "unexpected end of input, expected '\"' to end the string");
    return 0;
  }
  char c;
  switch (p[1]) {
  case '"':
  case '\\':
  case '/':
    c = p[1];
    break;
  case 'b':
    c = '\b';
    break;
  case 'f':
    c = '\f';
    break;
  case 'n':
    c = '\n';
    break;
  case 'r':
    c = '\r';
    break;
  case 't':
    c = '\t';
    break;
  case 'u': {
    uint32_t cp = 0;
    size_t used = decode_u_escape(r, p, &cp);
    if (used) {
      char counted[4]; /* without out, the length still counts */
      *n += ws_utf8_encode(cp, out ? out + *n : counted);
    }
    return used;
  }
  default: {
    unsigned char e = ubytes(p)[1];
    if (e >= 0x21 && e < 0x7F) {
      fail(r, WS_ESYNTAX, p, "invalid escape \\%c in a string", e);
    } else {
      fail(r, WS_ESYNTAX, p, "invalid escape: byte 0x%02x after \\ in a string",
           e);
    }
    return 0;
  }
  }
  if (out) {
    out[*n] = c;
  }
  (*n)++;
  return 2;
}

/* Decodes and checks the string at r->p (its opening quote), writing the
 * text and a NUL to out (room for the source length plus one) or, when out
 * is NULL, only checking it and counting its decoded length. Leaves r->p
 * after the closing quote. Runs of plain ASCII and of valid multi-byte
 * UTF-8 are found a block at a time and copied with one memcpy each. */
static ws_status scan_string(ws_reader *r, char *out, size_t *out_len) {
  const char *start = r->p;
  const unsigned char *p = ubytes(r->p) + 1, *end = ubytes(r->end);
  size_t n = 0;
  for (;;) {
    size_t run = plain_run(p, end);
    if (p + run < end && p[run] >= 0x80) {
      run += ws_utf8_multibyte_run((const char *)p + run,
                                   (size_t)(end - p) - run);
    }
    if (out) {
      memcpy(out + n, p, run);
    }
    n += run;
    p += run;
    if (p == end) {
      return fail(r, WS_ESYNTAX, start,
                  "unexpected end of input, expected '\"' to end the string");
    }
    if (*p == '"') {
      break;
    }
    if (*p == '\\') {
      size_t used = decode_escape(r, (const char *)p, out, &n);
      if (!used) {
        return r->status;
      }
      p += used;
    } else if (*p < 0x20) {
      return fail(r, WS_ESYNTAX, (const char *)p,
                  "unescaped control character 0x%02x in a string", *p);
    } else if (*p >= 0x80) {
      return fail(r, WS_EUTF8, (const char *)p, "invalid UTF-8 byte 0x%02x",
                  *p);
    } /* else a plain byte after a multi-byte run: the next run takes it */
  }
  if (out) {
    out[n] = '\0';
  }
  if (out_len) {
    *out_len = n;
  }
  r->p = (const char *)p + 1;
  return WS_OK;
}

/* A checked string: where its source text is and how long it decodes to.
 * Every escape decodes to fewer bytes than it takes in the source, so the
 * text has an escape exactly when the two lengths differ. */
typedef struct str_span {
  const char *at; /* the opening quote */
  size_t raw_len; /* source bytes between the quotes */
  size_t len;     /* decoded bytes */
} str_span;

/* Checks the string at r->p and moves past it, without copying anything:
 * callers size their storage from s->len, then copy_string. */
static ws_status check_string(ws_reader *r, str_span *s) {
  s->at = r->p;
  s->raw_len = s->len = 0;
  if (scan_string(r, NULL, &s->len) != WS_OK) {
    return r->status;
  }
  s->raw_len = (size_t)(r->p - s->at) - 2;
  return WS_OK;
}

static inline bool has_escape(const str_span *s) {
  return s->len != s->raw_len;
}

/* Writes the decoded text of a checked string and a NUL to out (s->len + 1
 * bytes): a plain copy of the source unless it has escapes. */
static void copy_string(ws_reader *r, const str_span *s, char *out) {
  if (!has_escape(s)) {
    memcpy(out, s->at + 1, s->len);
    out[s->len] = '\0';
    return;
  }
  const char *after = r->p;
  r->p = s->at;
  scan_string(r, out, NULL); /* cannot fail: this text passed already */
  r->p = after;
}

/* The decoded text of a checked string, not NUL-terminated: the source
 * itself when it has no escape, else decoded into the scratch buffer *buf.
 * NULL when the scratch buffer cannot grow. */
static const char *string_text(ws_reader *r, const str_span *s, char **buf,
                               size_t *cap) {
  if (!has_escape(s)) {
    return s->at + 1;
  }
  if (!ensure_cap(buf, cap, s->len + 1)) {
    return NULL;
  }
  copy_string(r, s, *buf);
  return *buf;
}

/* ---- numbers ------------------------------------------------------------- */

static inline bool is_digit(char c) {
  return c >= '0' && c <= '9';
}

static ws_status fail_number(ws_reader *r, const char *at, const char *why) {
  char shown[QUOTE_LIMIT + 8];
  text t = text_on(shown, sizeof shown);
  put_cut(&t, at, number_lexeme_len(at, r->end));
  return fail(r, WS_ESYNTAX, at, "invalid number %s: %s", shown, why);
}

/* Checks the RFC 8259 number grammar at `at`:
 *   -? (0 | [1-9][0-9]*) (. [0-9]+)? ([eE] [+-]? [0-9]+)?
 * and says whether it has a fraction or exponent and where it ends. */
static ws_status check_number(ws_reader *r, const char *at, bool *frac_or_exp,
                              const char **num_end) {
  const char *p = at, *end = r->end;
  if (p < end && *p == '-') {
    p++;
  }
  if (p == end || !is_digit(*p)) {
    return fail_number(r, at, "expected a digit after '-'");
  }
  if (*p == '0' && p + 1 < end && is_digit(p[1])) {
    return fail_number(r, at, "leading zeros are not allowed");
  }
  while (p < end && is_digit(*p)) {
    p++;
  }
  *frac_or_exp = false;
  if (p < end && *p == '.') {
    *frac_or_exp = true;
    p++;
    if (p == end || !is_digit(*p)) {
      return fail_number(r, at, "expected a digit after '.'");
    }
    while (p < end && is_digit(*p)) {
      p++;
    }
  }
  if (p < end && (*p == 'e' || *p == 'E')) {
    *frac_or_exp = true;
    p++;
    if (p < end && (*p == '+' || *p == '-')) {
      p++;
    }
    if (p == end || !is_digit(*p)) {
      return fail_number(r, at, "expected a digit in the exponent");
    }
    while (p < end && is_digit(*p)) {
      p++;
    }
  }
  *num_end = p;
  return WS_OK;
}

/* Digits at [p, end) (already checked) as a signed 64-bit integer. */
static bool digits_to_i64(const char *p, const char *end, int64_t *out) {
  bool neg = *p == '-';
  if (neg) {
    p++;
  }
  /* Accumulate the magnitude unsigned: INT64_MIN's does not fit int64_t. */
  uint64_t limit = neg ? (uint64_t)INT64_MAX + 1 : (uint64_t)INT64_MAX;
  uint64_t v = 0;
  for (; p < end; p++) {
    uint64_t d = (uint64_t)(*p - '0');
    if (v > (limit - d) / 10) {
      return false;
    }
    v = v * 10 + d;
  }
  if (neg) {
    *out = v == (uint64_t)INT64_MAX + 1 ? INT64_MIN : -(int64_t)v;
  } else {
    *out = (int64_t)v;
  }
  return true;
}

/* ---- containers ---------------------------------------------------------- */

static ws_status open_container(ws_reader *r, char opener,
                                const char *expected) {
  if (r->status != WS_OK) {
    return r->status;
  }
  skip_ws(r);
  if (r->p == r->end || *r->p != opener) {
    return fail_expected(r, expected, true);
  }
  if (r->nesting >= WS_JSON_MAX_DEPTH) {
    return fail(r, WS_EDEPTH, r->p, "nesting deeper than %d levels",
                WS_JSON_MAX_DEPTH);
  }
  r->p++;
  r->nesting++;
  r->at_first = true;
  return WS_OK;
}

static void close_container(ws_reader *r) {
  r->p++;
  if (r->nesting > 0) {
    r->nesting--;
  }
  /* The enclosing container, if any, is past its first member: the value
   * just closed was one. */
  r->at_first = false;
}

ws_status ws_read_object_begin(ws_reader *r, const char *expected) {
  return open_container(r, '{', expected);
}

ws_status ws_read_array_begin(ws_reader *r, const char *expected) {
  return open_container(r, '[', expected);
}

/* Decodes a checked key into the reader's key storage (inline when short)
 * and remembers it, so ws_path_push_key can point at its source instead of
 * copying it. */
static bool keep_key(ws_reader *r, const str_span *s) {
  char *storage = r->key_inline;
  if (s->len >= sizeof r->key_inline) {
    if (!ensure_cap(&r->keybuf, &r->keybuf_cap, s->len + 1)) {
      fail(r, WS_ENOMEM, s->at, "out of memory");
      return false;
    }
    storage = r->keybuf;
  }
  copy_string(r, s, storage);
  r->key_text = storage;
  r->key_text_len = s->len;
  r->key_escaped = has_escape(s);
  return true;
}

/* After '{' or a member: '}' (returns false), or the next key and its ':'
 * (returns true, the key decoded into the reader's key storage when
 * want_key, else only checked). */
static bool object_step(ws_reader *r, bool want_key) {
  if (r->status != WS_OK) {
    return false;
  }
  skip_ws(r);
  bool first = r->at_first;
  r->at_first = false;
  if (r->p < r->end && *r->p == '}') {
    close_container(r);
    return false;
  }
  if (!first) {
    if (r->p == r->end || *r->p != ',') {
      fail_syntax(r, "',' or '}' after a member");
      return false;
    }
    r->p++;
    skip_ws(r);
  }
  if (r->p == r->end || *r->p != '"') {
    fail_syntax(r, first ? "a string key or '}'" : "a string key after ','");
    return false;
  }
  r->key_at = r->p;
  str_span key;
  if (check_string(r, &key) != WS_OK || (want_key && !keep_key(r, &key))) {
    return false;
  }
  skip_ws(r);
  if (r->p == r->end || *r->p != ':') {
    fail_syntax(r, "':' after a key");
    return false;
  }
  r->p++;
  return true;
}

bool ws_read_object_next(ws_reader *r, const char **key, size_t *key_len) {
  if (!object_step(r, true)) {
    return false;
  }
  *key = r->key_text;
  *key_len = r->key_text_len;
  return true;
}

bool ws_read_array_next(ws_reader *r) {
  if (r->status != WS_OK) {
    return false;
  }
  skip_ws(r);
  bool first = r->at_first;
  r->at_first = false;
  if (r->p < r->end && *r->p == ']') {
    close_container(r);
    return false;
  }
  if (first) {
    return true;
  }
  if (r->p == r->end || *r->p != ',') {
    fail_syntax(r, "',' or ']' after an element");
    return false;
  }
  r->p++;
  skip_ws(r);
  if (r->p < r->end && *r->p == ']') {
    fail_syntax(r, "a value after ','");
    return false;
  }
  return true;
}

/* ---- the path stack ------------------------------------------------------ */

static ws_status path_room(ws_reader *r) {
  if (r->depth >= WS_JSON_MAX_DEPTH) {
    skip_ws(r);
    return fail(r, WS_EDEPTH, r->p, "nesting deeper than %d levels",
                WS_JSON_MAX_DEPTH);
  }
  return WS_OK;
}

/* Points the copied keys on the path at pathkeys again after it moved:
 * segments keep their offset in `index` for this. */
static void repoint_path_keys(ws_reader *r) {
  for (size_t i = 0; i < r->depth; i++) {
    if (r->path[i].key && !r->path[i].in_source) {
      r->path[i].key = r->pathkeys + r->path[i].index;
    }
  }
}

/* Copies key into pathkeys for seg. False when out of memory. */
static bool copy_path_key(ws_reader *r, ws_path_seg *seg, const char *key,
                          size_t len) {
  if (len > SIZE_MAX - r->pathkeys_len - 1) {
    return false;
  }
  size_t old_cap = r->pathkeys_cap;
  if (!ensure_cap(&r->pathkeys, &r->pathkeys_cap, r->pathkeys_len + len + 1)) {
    return false;
  }
  if (r->pathkeys_cap != old_cap) {
    repoint_path_keys(r);
  }
  if (len) {
    memcpy(r->pathkeys + r->pathkeys_len, key, len);
  }
  seg->key = r->pathkeys + r->pathkeys_len;
  seg->index = r->pathkeys_len;
  r->pathkeys_len += len;
  return true;
}

/* True when key is the key just read and reads the same as its source text,
 * which outlives the path: then the segment can point there. */
static bool key_is_source_text(const ws_reader *r, const char *key,
                               size_t len) {
  return r->key_text != NULL && key == r->key_text &&
         len == r->key_text_len && !r->key_escaped;
}

ws_status ws_path_push_key(ws_reader *r, const char *key, size_t len) {
  if (r->status != WS_OK) {
    return r->status;
  }
  if (path_room(r) != WS_OK) {
    return r->status;
  }
  ws_path_seg *seg = &r->path[r->depth];
  seg->type = NULL;
  seg->key_len = len;
  seg->in_source = key_is_source_text(r, key, len);
  if (seg->in_source) {
    seg->key = r->key_at + 1;
    seg->index = 0;
  } else if (!copy_path_key(r, seg, key, len)) {
    return fail_nomem(r);
  }
  r->depth++;
  return WS_OK;
}

ws_status ws_path_push_index(ws_reader *r, size_t index) {
  if (r->status != WS_OK) {
    return r->status;
  }
  if (path_room(r) != WS_OK) {
    return r->status;
  }
  ws_path_seg *seg = &r->path[r->depth++];
  seg->type = NULL;
  seg->key = NULL;
  seg->key_len = 0;
  seg->index = index;
  seg->in_source = false;
  return WS_OK;
}

void ws_path_set_type(ws_reader *r, const char *type) {
  if (r->depth) {
    r->path[r->depth - 1].type = type;
  } else {
    r->root_type = type;
  }
}

void ws_path_pop(ws_reader *r) {
  if (r->depth == 0) {
    return;
  }
  ws_path_seg *seg = &r->path[--r->depth];
  if (seg->key && !seg->in_source) {
    r->pathkeys_len = seg->index;
  }
}

/* ---- the reader ---------------------------------------------------------- */

void ws_reader_init(ws_reader *r, const char *json, size_t len,
                    const ws_decode_opts *opts, ws_error *err) {
  memset(r, 0, offsetof(ws_reader, own_err));
  if (!json) {
    json = "";
    len = 0;
  }
  r->src = json;
  r->p = json;
  r->end = json + len;
  r->line = 1;
  r->line_start = json;
  r->err = err ? err : &r->own_err;
  memset(r->err, 0, sizeof *r->err);
  if (opts) {
    r->opts = *opts;
  }
  r->key_at = json;
}

void ws_reader_free(ws_reader *r) {
  ws_free(r->keybuf);
  ws_free(r->pathkeys);
  ws_free(r->valbuf);
  r->keybuf = NULL;
  r->pathkeys = NULL;
  r->valbuf = NULL;
  r->keybuf_cap = r->pathkeys_cap = r->pathkeys_len = r->valbuf_cap = 0;
  r->key_text = NULL;
  r->key_text_len = 0;
  r->depth = 0;
}

size_t ws_reader_offset(ws_reader *r) {
  skip_ws(r);
  return (size_t)(r->p - r->src);
}

size_t ws_reader_key_offset(const ws_reader *r) {
  return (size_t)(r->key_at - r->src);
}

ws_token_kind ws_read_peek(ws_reader *r) {
  if (r->status != WS_OK) {
    return WS_TOKEN_INVALID;
  }
  skip_ws(r);
  return token_kind(r->p, r->end);
}

/* ---- scalars ------------------------------------------------------------- */

/* Skips whitespace and checks the next token starts with c; else records
 * "expected WHAT for PATH, found ...". */
static bool expect_start(ws_reader *r, char c, const char *what) {
  if (r->status != WS_OK) {
    return false;
  }
  skip_ws(r);
  if (r->p < r->end && *r->p == c) {
    return true;
  }
  fail_expected(r, what, true);
  return false;
}

ws_status ws_read_str(ws_reader *r, ws_str *out) {
  if (!expect_start(r, '"', "a string")) {
    return r->status;
  }
  /* Check first, then allocate exactly and copy: one pass over the text
   * that decides, one memcpy for the usual string without escapes. */
  str_span s;
  if (check_string(r, &s) != WS_OK) {
    return r->status;
  }
  if (s.len == 0) {
    ws_str_free(out);
    return WS_OK;
  }
  char *buf = ws_malloc(s.len + 1);
  if (!buf) {
    return fail(r, WS_ENOMEM, s.at, "out of memory");
  }
  copy_string(r, &s, buf);
  ws_str_free(out);
  out->ptr = buf;
  out->len = s.len;
  return WS_OK;
}

ws_status ws_read_bytes(ws_reader *r, ws_bytes *out) {
  if (!expect_start(r, '"', "a base64 string")) {
    return r->status;
  }
  const char *at = r->p;
  str_span s;
  if (check_string(r, &s) != WS_OK) {
    return r->status;
  }
  const char *b64 = string_text(r, &s, &r->valbuf, &r->valbuf_cap);
  if (!b64) {
    return fail(r, WS_ENOMEM, at, "out of memory");
  }
  ws_bytes decoded = {NULL, 0};
  size_t bad_at = 0;
  ws_status st = ws_base64_decode(&decoded, b64, s.len, &bad_at);
  if (st == WS_ENOMEM) {
    return fail(r, WS_ENOMEM, at, "out of memory");
  }
  if (st != WS_OK) {
    char where[sizeof r->err->path];
    ws_reader_path(r, where, sizeof where);
    char found[FOUND_SIZE];
    describe_token(r, at, found, sizeof found);
    return fail(r, WS_EBASE64, at,
                "expected a base64 string for %s, found %s (invalid at "
                "character %zu)",
                where, found, bad_at);
  }
  ws_bytes_free(out);
  *out = decoded;
  return WS_OK;
}

/* Why the number at [at, num_end) is no int64_t. */
static ws_status fail_integer(ws_reader *r, const char *at, const char *num_end,
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
    return fail(r, WS_ETYPE, at,
                "expected an integer for %s, found number %s (%s)", where,
                shown, fraction ? "it has a fraction" : "it has an exponent");
  }
  return fail(r, WS_ERANGE, at,
              "integer %s is out of range for %s: it must lie between "
              "-9223372036854775808 and 9223372036854775807",
              shown, where);
}

ws_status ws_read_int(ws_reader *r, int64_t *out) {
  if (r->status != WS_OK) {
    return r->status;
  }
  skip_ws(r);
  if (token_kind(r->p, r->end) != WS_TOKEN_NUMBER) {
    return fail_expected(r, "an integer", true);
  }
  const char *at = r->p, *num_end = NULL;
  bool frac = false;
  if (check_number(r, at, &frac, &num_end) != WS_OK) {
    return r->status;
  }
  int64_t v;
  if (frac || !digits_to_i64(at, num_end, &v)) {
    return fail_integer(r, at, num_end, frac);
  }
  r->p = num_end;
  *out = v;
  return WS_OK;
}

ws_status ws_read_bool(ws_reader *r, bool *out) {
  if (r->status != WS_OK) {
    return r->status;
  }
  skip_ws(r);
  if (is_word(r->p, r->end, "true")) {
    r->p += 4;
    *out = true;
    return WS_OK;
  }
  if (is_word(r->p, r->end, "false")) {
    r->p += 5;
    *out = false;
    return WS_OK;
  }
  return fail_expected(r, "true or false", true);
}

bool ws_read_null(ws_reader *r) {
  if (r->status != WS_OK) {
    return false;
  }
  skip_ws(r);
  if (is_word(r->p, r->end, "null")) {
    r->p += 4;
    return true;
  }
  return false;
}

/* ---- headers ------------------------------------------------------------- */

/* A buffer that starts in storage its owner provides (on the stack) and
 * moves to the heap only when that is too small, so the usual small headers
 * object costs no allocation. */
/* One header value string at r->p, added as an entry for the name. */
static ws_status read_header_string(ws_reader *r, ws_headers *h,
                                    const char *name, size_t name_len) {
  if (!expect_start(r, '"', "a string")) {
    return r->status;
  }
  str_span s;
  if (check_string(r, &s) != WS_OK) {
    return r->status;
  }
  const char *value = string_text(r, &s, &r->valbuf, &r->valbuf_cap);
  if (!value) {
    return fail(r, WS_ENOMEM, s.at, "out of memory");
  }
  if (ws_headers_add(h, ws_str_view(name, name_len),
                     ws_str_view(value, s.len)) != WS_OK) {
    return fail_nomem(r);
  }
  return WS_OK;
}

/* name: "value" or name: ["value", ...]. The name lives on the path stack,
 * which no read below touches. */
static ws_status read_header_values(ws_reader *r, ws_headers *h) {
  const ws_path_seg *seg = &r->path[r->depth - 1];
  const char *name = seg->key;
  size_t name_len = seg->key_len;
  ws_token_kind kind = ws_read_peek(r);
  if (kind == WS_TOKEN_STRING) {
    return read_header_string(r, h, name, name_len);
  }
  if (kind != WS_TOKEN_ARRAY) {
    return fail_expected(r, "a string or a list of strings", true);
  }
  ws_read_array_begin(r, "a list of strings");
  for (size_t i = 0; ws_read_array_next(r); i++) {
    ws_path_push_index(r, i);
    read_header_string(r, h, name, name_len);
    ws_path_pop(r);
    if (r->status != WS_OK) {
      break;
    }
  }
  return r->status;
}

ws_status ws_read_headers(ws_reader *r, ws_headers *out) {
  if (ws_read_object_begin(r, "a headers object") != WS_OK) {
    return r->status;
  }
  ws_headers read = {NULL, 0, 0};
  /* The names seen, to refuse one given twice (an empty list adds no
   * entry, so the entries alone cannot tell). */
  ws_keyset seen;
  ws_keyset_init(&seen);
  const char *key;
  size_t key_len;
  while (ws_read_object_next(r, &key, &key_len)) {
    ws_status added = ws_keyset_add(&seen, key, key_len);
    if (added == WS_EDUPLICATE) {
      char quoted[FOUND_SIZE], where[sizeof r->err->path];
      ws_reader_quote(quoted, sizeof quoted, key, key_len);
      ws_reader_path(r, where, sizeof where);
      fail(r, WS_EDUPLICATE, r->key_at, "duplicate key %s in %s", quoted,
           where);
      break;
    }
    if (added != WS_OK) {
      fail_nomem(r);
      break;
    }
    if (ws_path_push_key(r, key, key_len) != WS_OK) {
      break;
    }
    read_header_values(r, &read);
    ws_path_pop(r);
    if (r->status != WS_OK) {
      break;
    }
  }
  ws_keyset_free(&seen);
  if (r->status != WS_OK) {
    ws_headers_free(&read);
    return r->status;
  }
  ws_headers_free(out);
  *out = read;
  return WS_OK;
}

/* ---- skipping ------------------------------------------------------------- */

/* One scalar value at r->p, checked and consumed. */
static ws_status skip_scalar(ws_reader *r) {
  const char *num_end = NULL;
  bool frac = false;
  switch (token_kind(r->p, r->end)) {
  case WS_TOKEN_STRING:
    return scan_string(r, NULL, NULL);
  case WS_TOKEN_NUMBER:
    if (check_number(r, r->p, &frac, &num_end) == WS_OK) {
      r->p = num_end;
    }
    return r->status;
  case WS_TOKEN_BOOL:
  case WS_TOKEN_NULL:
    r->p += word_len(r->p, r->end);
    return WS_OK;
  default:
    return fail_expected(r, "a value", false);
  }
}

/* Iterative: `objects` has bit i set when the i-th open container of the
 * skipped value is an object. The depth limit keeps it within 64 bits. */
ws_status ws_read_skip(ws_reader *r) {
  uint64_t objects = 0;
  size_t open = 0;
  if (r->status != WS_OK) {
    return r->status;
  }
  for (;;) {
    skip_ws(r);
    ws_token_kind kind = token_kind(r->p, r->end);
    if (kind == WS_TOKEN_OBJECT || kind == WS_TOKEN_ARRAY) {
      if (open_container(r, *r->p, "a value") != WS_OK) {
        return r->status;
      }
      uint64_t bit = (uint64_t)1 << open;
      objects = kind == WS_TOKEN_OBJECT ? objects | bit : objects & ~bit;
      open++;
    } else if (skip_scalar(r) != WS_OK) {
      return r->status;
    } else if (open == 0) {
      return WS_OK;
    }
    /* Close what ends here; stop at the next member or element. */
    for (;;) {
      bool is_object = (objects >> (open - 1)) & 1;
      bool more =
          is_object ? object_step(r, false) : ws_read_array_next(r);
      if (r->status != WS_OK) {
        return r->status;
      }
      if (more) {
        break;
      }
      if (--open == 0) {
        return WS_OK;
      }
    }
  }
}

ws_status ws_read_end(ws_reader *r) {
  if (r->status != WS_OK) {
    return r->status;
  }
  skip_ws(r);
  if (r->p == r->end) {
    return WS_OK;
  }
  if (fail_if_bad_utf8(r, r->p)) {
    return r->status;
  }
  char found[FOUND_SIZE];
  describe_token(r, r->p, found, sizeof found);
  return fail(r, WS_ETRAILING, r->p, "trailing data after the JSON value: %s",
              found);
}
