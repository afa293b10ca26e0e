/* ws_json_read.c - the strict JSON pull reader behind generated decoders.
 *
 * Layout: token kinds and scratch growth, strings, numbers, containers, the
 * reader's life, scalar reads, skipping. The scanning primitives the
 * reader's files share are in internal/ws_json_read_parts.h; error messages
 * are built in ws_json_read_error.c, the path stack is ws_json_path.c and
 * headers objects are read by ws_headers_read.c.
 * Skipping a value is ws_json_skip.c. */
#include "ws_json_read.h"

#include <string.h>

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

#include "ws_alloc.h"
#include "ws_base64.h"
#include "ws_utf8.h"

#include "internal/ws_bits.h"
#include "internal/ws_json_read_parts.h"
#include "internal/ws_pool.h"

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

ws_token_kind ws_jr_token_kind(const char *p, const char *end) {
  return token_kind(p, end);
}

/* Grows a scratch buffer to hold at least need bytes. */
bool ws_jr_ensure_cap(char **buf, size_t *cap, size_t need) {
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
    ws_jr_fail(r, WS_ESYNTAX, p, "expected 4 hex digits after \\u in a string");
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
  ws_jr_fail(r, WS_EUTF8, p, "lone surrogate escape \\u%04x", (unsigned)hi);
  return 0;
}

/* One escape at p (the backslash): appends its UTF-8 to out (when not
 * NULL) and returns the source bytes used, or 0 after an error. */
static size_t decode_escape(ws_reader *r, const char *p, char *out, size_t *n) {
  if (r->end - p < 2) {
    ws_jr_fail(r, WS_ESYNTAX, p,
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
      ws_jr_fail(r, WS_ESYNTAX, p, "invalid escape \\%c in a string", e);
    } else {
      ws_jr_fail(r, WS_ESYNTAX, p,
                 "invalid escape: byte 0x%02x after \\ in a string", e);
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
      run +=
          ws_utf8_multibyte_run((const char *)p + run, (size_t)(end - p) - run);
    }
    if (out) {
      memcpy(out + n, p, run);
    }
    n += run;
    p += run;
    if (p == end) {
      return ws_jr_fail(
          r, WS_ESYNTAX, start,
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
      return ws_jr_fail(r, WS_ESYNTAX, (const char *)p,
                        "unescaped control character 0x%02x in a string", *p);
    } else if (*p >= 0x80) {
      return ws_jr_fail(r, WS_EUTF8, (const char *)p,
                        "invalid UTF-8 byte 0x%02x", *p);
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

ws_status ws_jr_scan_string(ws_reader *r, char *out, size_t *out_len) {
  return scan_string(r, out, out_len);
}

void ws_jr_copy_string(ws_reader *r, const str_span *s, char *out) {
  copy_string(r, s, out);
}

/* ---- numbers ------------------------------------------------------------- */

static inline bool is_digit(char c) {
  return c >= '0' && c <= '9';
}

ws_status ws_jr_check_number(ws_reader *r, const char *at, bool *frac_or_exp,
                             const char **num_end) {
  const char *p = at, *end = r->end;
  if (p < end && *p == '-') {
    p++;
  }
  if (p == end || !is_digit(*p)) {
    return ws_jr_fail_number(r, at, "expected a digit after '-'");
  }
  if (*p == '0' && p + 1 < end && is_digit(p[1])) {
    return ws_jr_fail_number(r, at, "leading zeros are not allowed");
  }
  while (p < end && is_digit(*p)) {
    p++;
  }
  *frac_or_exp = false;
  if (p < end && *p == '.') {
    *frac_or_exp = true;
    p++;
    if (p == end || !is_digit(*p)) {
      return ws_jr_fail_number(r, at, "expected a digit after '.'");
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
      return ws_jr_fail_number(r, at, "expected a digit in the exponent");
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
    return ws_jr_fail_expected(r, expected, true);
  }
  if (r->nesting >= WS_JSON_MAX_DEPTH) {
    return ws_jr_fail(r, WS_EDEPTH, r->p, "nesting deeper than %d levels",
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
    if (!ws_jr_ensure_cap(&r->keybuf, &r->keybuf_cap, s->len + 1)) {
      ws_jr_fail(r, WS_ENOMEM, s->at, "out of memory");
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
      ws_jr_fail_syntax(r, "',' or '}' after a member");
      return false;
    }
    r->p++;
    skip_ws(r);
  }
  if (r->p == r->end || *r->p != '"') {
    ws_jr_fail_syntax(r,
                      first ? "a string key or '}'" : "a string key after ','");
    return false;
  }
  r->key_at = r->p;
  str_span key;
  if (check_string(r, &key) != WS_OK || (want_key && !keep_key(r, &key))) {
    return false;
  }
  skip_ws(r);
  if (r->p == r->end || *r->p != ':') {
    ws_jr_fail_syntax(r, "':' after a key");
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
    ws_jr_fail_syntax(r, "',' or ']' after an element");
    return false;
  }
  r->p++;
  skip_ws(r);
  if (r->p < r->end && *r->p == ']') {
    ws_jr_fail_syntax(r, "a value after ','");
    return false;
  }
  return true;
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
  ws_pool_finish(&r->pool);
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
  char *buf = ws_pool_text(&r->pool, s.len);
  if (!buf) {
    return ws_jr_fail(r, WS_ENOMEM, s.at, "out of memory");
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
    return ws_jr_fail(r, WS_ENOMEM, at, "out of memory");
  }
  ws_bytes decoded = {NULL, 0};
  size_t bad_at = 0;
  ws_status st = ws_base64_decode(&decoded, b64, s.len, &bad_at);
  if (st == WS_ENOMEM) {
    return ws_jr_fail(r, WS_ENOMEM, at, "out of memory");
  }
  if (st != WS_OK) {
    return ws_jr_fail_base64(r, at, bad_at);
  }
  ws_bytes_free(out);
  *out = decoded;
  return WS_OK;
}

ws_status ws_read_int(ws_reader *r, int64_t *out) {
  if (r->status != WS_OK) {
    return r->status;
  }
  skip_ws(r);
  if (token_kind(r->p, r->end) != WS_TOKEN_NUMBER) {
    return ws_jr_fail_expected(r, "an integer", true);
  }
  const char *at = r->p, *num_end = NULL;
  bool frac = false;
  if (ws_jr_check_number(r, at, &frac, &num_end) != WS_OK) {
    return r->status;
  }
  int64_t v;
  if (frac || !digits_to_i64(at, num_end, &v)) {
    return ws_jr_fail_integer(r, at, num_end, frac);
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
  return ws_jr_fail_expected(r, "true or false", true);
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

/* ---- skipping ------------------------------------------------------------- */

ws_status ws_jr_skip_scalar(ws_reader *r) {
  const char *num_end = NULL;
  bool frac = false;
  switch (token_kind(r->p, r->end)) {
  case WS_TOKEN_STRING:
    return scan_string(r, NULL, NULL);
  case WS_TOKEN_NUMBER:
    if (ws_jr_check_number(r, r->p, &frac, &num_end) == WS_OK) {
      r->p = num_end;
    }
    return r->status;
  case WS_TOKEN_BOOL:
  case WS_TOKEN_NULL:
    r->p += word_len(r->p, r->end);
    return WS_OK;
  default:
    return ws_jr_fail_expected(r, "a value", false);
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
  return ws_jr_fail_trailing(r);
}
