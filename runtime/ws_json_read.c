/* ws_json_read.c - the strict JSON pull reader behind generated decoders.
 *
 * Layout: token kinds and scratch growth, strings, numbers, containers, the
 * reader's life, scalar reads, skipping. The scanning primitives the
 * reader's files share are in internal/ws_json_read_parts.h; error messages
 * are built in ws_json_read_error.c, the path stack is ws_json_path.c and
 * headers objects are read by ws_headers_read.c. Skipping a value is
 * ws_json_skip.c; scanning and decoding strings is ws_json_string.c. */
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

/* ---- strings ------------------------------------------------------------ */

/* Scanning and decoding strings is ws_json_string.c. */
static ws_status scan_string(ws_reader *r, char *out, size_t *out_len) {
  return ws_jr_scan_string(r, out, out_len);
}

static void copy_string(ws_reader *r, const str_span *s, char *out) {
  ws_jr_copy_string(r, s, out);
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
#if defined(__SSE2__)
/* The usual key: plain ASCII of fewer than 16 bytes, with 16 bytes of
 * input after its opening quote at r->p. Written to out (16 bytes and
 * more of room) with its NUL, r->p moved past it; false, with nothing
 * consumed, for any other key (ws_jr_scan_plain_string and check_string
 * take those). */
static inline bool scan_short_key(ws_reader *r, char *out, size_t *len) {
  const char *p = r->p + 1;
  if (r->end - p < 16) {
    return false;
  }
  __m128i v = _mm_loadu_si128((const __m128i *)(const void *)p);
  __m128i stop = _mm_or_si128(
      _mm_cmplt_epi8(v, _mm_set1_epi8(0x20)),
      _mm_or_si128(_mm_cmpeq_epi8(v, _mm_set1_epi8('"')),
                   _mm_cmpeq_epi8(v, _mm_set1_epi8('\\'))));
  unsigned mask = (unsigned)_mm_movemask_epi8(stop);
  if (mask == 0) {
    return false;
  }
  size_t n = ws_lowest_bit(mask);
  if (p[n] != '"') {
    return false;
  }
  _mm_storeu_si128((__m128i *)(void *)out, v);
  out[n] = '\0';
  *len = n;
  r->p = p + n + 1;
  return true;
}
#else
static inline bool scan_short_key(ws_reader *r, char *out, size_t *len) {
  (void)r;
  (void)out;
  (void)len;
  return false;
}
#endif

/* After '{' or a member, up to the opening quote of the next key: false
 * at '}' (the object closed) or after an error. Whitespace anywhere. */
static bool reach_key(ws_reader *r) {
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
  return true;
}

/* After '{' or a member: '}' (returns false), or the next key and its ':'
 * (returns true, the key decoded into the reader's key storage when
 * want_key, else only checked). Compact JSON, the usual text, has ','
 * right before the key and ':' right after it: those are taken as they
 * are, anything else through reach_key and skip_ws. */
static bool object_step(ws_reader *r, bool want_key) {
  if (r->status != WS_OK) {
    return false;
  }
  const char *p = r->p;
  if (!r->at_first && r->end - p > 1 && p[0] == ',' && p[1] == '"') {
    r->p = p + 1;
  } else if (!reach_key(r)) {
    return false;
  }
  r->key_at = r->p;
  if (want_key &&
      (scan_short_key(r, r->key_inline, &r->key_text_len) ||
       ws_jr_scan_plain_string(r, r->key_inline, sizeof r->key_inline,
                               &r->key_text_len))) {
    r->key_text = r->key_inline; /* checked and kept in one pass */
    r->key_escaped = false;
  } else {
    str_span key;
    if (check_string(r, &key) != WS_OK || (want_key && !keep_key(r, &key))) {
      return false;
    }
  }
  if (r->p == r->end || *r->p != ':') {
    skip_ws(r);
    if (r->p == r->end || *r->p != ':') {
      ws_jr_fail_syntax(r, "':' after a key");
      return false;
    }
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
  char *text;
  size_t len;
  ws_status st = ws_jr_read_text(r, &text, &len);
  if (st == WS_OK) {
    ws_str_free(out);
    out->ptr = text;
    out->len = len;
    return WS_OK;
  }
  if (st != WS_EFULL) {
    return st;
  }
  /* No room to decode into: check first, then allocate exactly and copy. */
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
