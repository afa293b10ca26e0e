/* ws_json_read_parts.h - what the parts of the JSON reader share (not part
 * of the public API; wstypes.h does not include it).
 *
 * The reader is these files, one concern each:
 *   ws_json_read.c        scanning, numbers, containers, scalar reads: the
 *                         hot paths
 *   ws_json_string.c      strings: checked, unescaped, copied
 *   ws_json_skip.c        skipping a value
 *   ws_json_read_error.c  error records and every message they carry
 *                         (the path as text, the token found, why it fails)
 *   ws_json_path.c        the path stack decoders push and pop
 *   ws_headers_read.c     a headers object into a ws_headers
 * The scanning primitives below are inline: the hot paths use them on
 * every token. Functions named ws_jr_ are the reader's own, used across
 * its files. */
#ifndef WS_JSON_READ_PARTS_H
#define WS_JSON_READ_PARTS_H

#include <stdbool.h>
#include <stddef.h>
#include <string.h>

#include "ws_json_read.h"
#include "ws_keyset.h"
#include "ws_utf8.h"

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
static inline size_t word_len(const char *p, const char *end) {
  const char *q = p;
  while (q < end && is_word_char(*q)) {
    q++;
  }
  return (size_t)(q - p);
}

static inline bool is_word(const char *p, const char *end, const char *word) {
  size_t n = strlen(word);
  return word_len(p, end) == n && memcmp(p, word, n) == 0;
}

/* The kind of the token at p, from its first bytes (ws_read_peek's). */
ws_token_kind ws_jr_token_kind(const char *p, const char *end);

/* Grows a scratch buffer to hold at least need bytes. */
bool ws_jr_ensure_cap(char **buf, size_t *cap, size_t need);

/* ---- failures (ws_json_read_error.c) ------------------------------------
 * Each records the first failure in r (later ones keep it) and returns its
 * status, r->status. */

/* The failure at `at`, with the message fmt makes. */
ws_status ws_jr_fail(ws_reader *r, ws_status code, const char *at,
                     const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 4, 5)))
#endif
    ;
/* "out of memory" at the next token. */
ws_status ws_jr_fail_nomem(ws_reader *r);
/* The next token is not what the caller wanted: "expected WHAT[ for PATH],
 * found TOKEN", or "unexpected end of input, expected WHAT[ for PATH]".
 * A token that is no value at all (or a malformed number) is a syntax error;
 * a well-formed value of another type is a type error. */
ws_status ws_jr_fail_expected(ws_reader *r, const char *what, bool with_path);
/* A structural token was wanted ("',' or '}' after a member"): always a
 * syntax error, and the path is in err->path rather than the sentence. */
ws_status ws_jr_fail_syntax(ws_reader *r, const char *what);
/* A number at `at` that breaks the grammar, and why. */
ws_status ws_jr_fail_number(ws_reader *r, const char *at, const char *why);
/* Why the number at [at, num_end) is no int64_t: it has a fraction or an
 * exponent, or it is out of range. */
ws_status ws_jr_fail_integer(ws_reader *r, const char *at, const char *num_end,
                             bool frac_or_exp);
/* The string at `at` is not strict base64: invalid at character bad_at. */
ws_status ws_jr_fail_base64(ws_reader *r, const char *at, size_t bad_at);
/* Something follows the top-level value at r->p. */
ws_status ws_jr_fail_trailing(ws_reader *r);
/* The key just read was given before in this object. */
ws_status ws_jr_fail_duplicate_key(ws_reader *r, const char *key, size_t len);
/* One scalar value at r->p, checked and consumed (for ws_json_skip.c). */
ws_status ws_jr_skip_scalar(ws_reader *r);

/* ---- strings and numbers (ws_json_read.c) ------------------------------ */

/* A checked string: where its source text is and how long it decodes to.
 * Every escape decodes to fewer bytes than it takes in the source, so the
 * text has an escape exactly when the two lengths differ. */
typedef struct str_span {
  const char *at; /* the opening quote */
  size_t raw_len; /* source bytes between the quotes */
  size_t len;     /* decoded bytes */
} str_span;

static inline bool has_escape(const str_span *s) {
  return s->len != s->raw_len;
}

/* Decodes and checks the string at r->p (its opening quote), writing the
 * text and a NUL to out (room for the source length plus one) or, when out
 * is NULL, only checking it and counting its decoded length. Leaves r->p
 * after the closing quote. */
ws_status ws_jr_scan_string(ws_reader *r, char *out, size_t *out_len);
/* ws_jr_scan_string into out, which has room for cap bytes, the string's
 * length unknown: WS_OK, r->status after an error, or WS_EFULL (nothing
 * consumed, nothing recorded) when out may be too small for it. */
ws_status ws_jr_scan_string_into(ws_reader *r, char *out, size_t cap,
                                 size_t *out_len);
/* The string at r->p decoded straight into the pool's room for text, in
 * one pass (ws_json_read.c): WS_OK with *text a piece of *len bytes (NULL
 * for an empty string), r->status after an error, or WS_EFULL when the
 * room may be too small, nothing consumed: then check the string first
 * (check_string), size its text and copy it. */
ws_status ws_jr_read_text(ws_reader *r, char **text, size_t *len);
/* The usual key: a string at r->p of plain ASCII short enough for out (cap
 * bytes with its NUL) is written there in one pass, *out_len set and r->p
 * moved past it. False, with nothing consumed, for any other string. */
bool ws_jr_scan_plain_string(ws_reader *r, char *out, size_t cap,
                             size_t *out_len);
/* Writes the decoded text of a checked string and a NUL to out (s->len + 1
 * bytes): a plain copy of the source unless it has escapes. */
void ws_jr_copy_string(ws_reader *r, const str_span *s, char *out);
/* Checks the RFC 8259 number grammar at `at`:
 *   -? (0 | [1-9][0-9]*) (. [0-9]+)? ([eE] [+-]? [0-9]+)?
 * and says whether it has a fraction or exponent and where it ends. */
ws_status ws_jr_check_number(ws_reader *r, const char *at, bool *frac_or_exp,
                             const char **num_end);

/* The three below are inline: every string read goes through them, from
 * the reader and from the readers of domain types (ws_headers_read.c). */

/* Checks the string at r->p and moves past it, without copying anything:
 * callers size their storage from s->len, then copy it. */
static inline ws_status check_string(ws_reader *r, str_span *s) {
  s->at = r->p;
  s->raw_len = s->len = 0;
  if (ws_jr_scan_string(r, NULL, &s->len) != WS_OK) {
    return r->status;
  }
  s->raw_len = (size_t)(r->p - s->at) - 2;
  return WS_OK;
}

/* The decoded text of a checked string, not NUL-terminated: the source
 * itself when it has no escape, else decoded into the scratch buffer *buf.
 * NULL when the scratch buffer cannot grow. */
static inline const char *string_text(ws_reader *r, const str_span *s,
                                      char **buf, size_t *cap) {
  if (!has_escape(s)) {
    return s->at + 1;
  }
  if (!ws_jr_ensure_cap(buf, cap, s->len + 1)) {
    return NULL;
  }
  ws_jr_copy_string(r, s, *buf);
  return *buf;
}

/* Skips whitespace and checks the next token starts with c; else records
 * "expected WHAT for PATH, found ...". */
static inline bool expect_start(ws_reader *r, char c, const char *what) {
  if (r->status != WS_OK) {
    return false;
  }
  skip_ws(r);
  if (r->p < r->end && *r->p == c) {
    return true;
  }
  ws_jr_fail_expected(r, what, true);
  return false;
}

/* ---- the path stack (ws_json_path.c) ------------------------------------
 * Every member and element a decoder reads is pushed and popped: the usual
 * cases are inline here for the readers of the runtime (class, kinds,
 * headers), which the public ws_path_* would cost a call each; the rare
 * ones (too deep, a key to copy) stay out of line. */

/* "nesting deeper than ..." at the next token. */
ws_status ws_jr_path_too_deep(ws_reader *r);
/* Pushes key, copied into pathkeys (it is not the key just read, or that
 * had escapes). */
ws_status ws_jr_path_push_copied_key(ws_reader *r, const char *key, size_t len);

/* True when key is the key just read and reads the same as its source text,
 * which outlives the path: then the segment can point there. */
static inline bool ws_jr_key_is_source_text(const ws_reader *r, const char *key,
                                            size_t len) {
  return r->key_text != NULL && key == r->key_text && len == r->key_text_len &&
         !r->key_escaped;
}

/* Adds key to a decoder's set of the keys an object gave: the key just
 * read, when it had no escapes, is kept where it is in the input (which
 * outlives the set) rather than copied. */
static inline ws_status ws_jr_keyset_add(ws_keyset *s, const ws_reader *r,
                                         const char *key, size_t len) {
  if (ws_jr_key_is_source_text(r, key, len)) {
    return ws_keyset_add_kept(s, r->key_at + 1, len);
  }
  return ws_keyset_add(s, key, len);
}

static inline ws_status ws_jr_path_push_key(ws_reader *r, const char *key,
                                            size_t len) {
  if (r->status != WS_OK) {
    return r->status;
  }
  if (r->depth >= WS_JSON_MAX_DEPTH) {
    return ws_jr_path_too_deep(r);
  }
  if (!ws_jr_key_is_source_text(r, key, len)) {
    return ws_jr_path_push_copied_key(r, key, len);
  }
  ws_path_seg *seg = &r->path[r->depth++];
  seg->type = NULL;
  seg->key = r->key_at + 1;
  seg->key_len = len;
  seg->index = 0;
  seg->in_source = true;
  return WS_OK;
}

static inline ws_status ws_jr_path_push_index(ws_reader *r, size_t index) {
  if (r->status != WS_OK) {
    return r->status;
  }
  if (r->depth >= WS_JSON_MAX_DEPTH) {
    return ws_jr_path_too_deep(r);
  }
  ws_path_seg *seg = &r->path[r->depth++];
  seg->type = NULL;
  seg->key = NULL;
  seg->key_len = 0;
  seg->index = index;
  seg->in_source = false;
  return WS_OK;
}

static inline void ws_jr_path_pop(ws_reader *r) {
  if (r->depth == 0) {
    return;
  }
  ws_path_seg *seg = &r->path[--r->depth];
  if (seg->key && !seg->in_source) {
    r->pathkeys_len = seg->index;
  }
}

static inline void ws_jr_path_set_type(ws_reader *r, const char *type) {
  if (r->depth) {
    r->path[r->depth - 1].type = type;
  } else {
    r->root_type = type;
  }
}

#endif
