/* ws_json_read.h - a pull reader for strict RFC 8259 JSON in UTF-8.
 *
 * Generated decoders read tokens straight into their structs: no DOM. The
 * reader tracks line and column, keeps the JSON path of the value being read
 * ($.headers["Host"], $.protocols[3]) and fills one ws_error on the first
 * failure, after which every call fails with the same status.
 *
 * Messages are one sentence without a trailing period that say what was
 * expected and what was found, e.g.
 *   expected an integer for $.port, found string "80"
 *   expected ',' or '}' after a member, found ']'
 *   unexpected end of input, expected a value
 * A found string is quoted as in JSON and cut after about 40 bytes ("abc...").
 *
 * Positions: err->line and err->col (1-based; col counts bytes, lines end at
 * LF) and err->offset (0-based) point at the start of the offending token,
 * or at the offending byte for invalid UTF-8 (the first byte of the bad
 * sequence) and for bad escapes (the backslash).
 *
 * Paths: "$" is the top-level value; an object member adds ".name" when the
 * key is a plain identifier ([A-Za-z_][A-Za-z0-9_]*) and ["key"] (JSON string
 * quoting) otherwise; an array element adds "[index]". So $.headers.Host,
 * $.headers["Set-Cookie"], $.protocols[3].
 *
 * Nesting: at most WS_JSON_MAX_DEPTH open objects/arrays (WS_EDEPTH beyond);
 * nothing in the reader recurses, so deep input cannot exhaust the stack.
 */
#ifndef WS_JSON_READ_H
#define WS_JSON_READ_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "ws_status.h"
#include "ws_str.h"

#ifdef __cplusplus
extern "C" {
#endif

#define WS_JSON_MAX_DEPTH 64

typedef struct ws_decode_opts {
  bool skip_unknown; /* ignore unknown fields instead of refusing them */
} ws_decode_opts;

typedef struct ws_path_seg {
  const char *key; /* NULL for an array index; points into pathkeys, or into
                      the source text when in_source */
  size_t key_len;
  size_t index;
  const char *type; /* what the value here must be ("int, 64-bit"), or NULL */
  bool in_source;   /* key is the source text of a key without escapes */
} ws_path_seg;

/* Keys up to this many bytes (with their NUL) are decoded into the reader
 * itself; longer ones go to a heap buffer. */
#define WS_READER_KEY_INLINE 64

/* The kind of the next token, for decoders that accept several shapes. */
typedef enum ws_token_kind {
  WS_TOKEN_EOF,    /* end of input */
  WS_TOKEN_OBJECT, /* { */
  WS_TOKEN_ARRAY,  /* [ */
  WS_TOKEN_STRING,
  WS_TOKEN_NUMBER, /* starts with '-' or a digit (not yet checked) */
  WS_TOKEN_BOOL,   /* true or false */
  WS_TOKEN_NULL,
  WS_TOKEN_INVALID /* anything else: the next read reports it */
} ws_token_kind;

/* Where a whole-value decode (ws_type_decode) puts the text and arrays it
 * reads: a few blocks that the decoded value's fields share
 * (runtime/ws_pool.c). All-zero, as ws_reader_init leaves it, is off:
 * each string read gets an allocation of its own. */
typedef struct ws_pool {
  char *block;   /* the block being carved, or NULL */
  char *lo, *hi; /* its free bytes: text goes up from lo, arrays down from hi */
  char *last;    /* the array carved last, which may grow in place */
  size_t carved; /* pieces carved from block */
  size_t next;   /* bytes for the next block; 0 when off */
} ws_pool;

typedef struct ws_reader {
  const char *src;
  const char *p;
  const char *end;
  size_t line;
  const char *line_start;
  ws_error *err; /* never NULL inside the reader (points to own_err) */
  ws_status status;
  ws_decode_opts opts;
  /* The path stack: `depth` segments (in `path`, below). A key segment also
   * keeps its key's offset into pathkeys in `index`, so keys can follow
   * pathkeys when it grows. A key read from the source without escapes is
   * not copied: its segment points at the source text (in_source). */
  size_t depth;
  const char *root_type; /* what the whole document must be, or NULL */
  char *keybuf; /* scratch for long unescaped keys (owned, via ws_malloc) */
  size_t keybuf_cap;
  const char *key_text; /* the key ws_read_object_next returned last */
  size_t key_text_len;
  bool key_escaped; /* it had escapes (so it differs from its source text) */
  char *pathkeys;   /* storage for keys on the path stack */
  size_t pathkeys_len, pathkeys_cap;
  size_t nesting;     /* open objects and arrays */
  bool at_first;      /* the innermost container has had no member yet */
  const char *key_at; /* opening quote of the last key read */
  char *valbuf;       /* scratch for escaped header values and base64 text */
  size_t valbuf_cap;
  ws_pool pool;       /* where decoded text and arrays go */
  /* Storage always written before it is read, which ws_reader_init leaves
   * uncleared (it is most of the reader's size): the error record when the
   * caller has none (cleared when used), the path segments below depth, and
   * the scratch for the usual short keys. */
  ws_error own_err;
  ws_path_seg path[WS_JSON_MAX_DEPTH];
  char key_inline[WS_READER_KEY_INLINE];
} ws_reader;

/* err may be NULL; opts may be NULL (defaults). */
void ws_reader_init(ws_reader *r, const char *json, size_t len,
                    const ws_decode_opts *opts, ws_error *err);
void ws_reader_free(ws_reader *r);

/* Records an error at the current position with the current path, as
 * "MESSAGE" (the caller writes the whole sentence). Returns code. */
ws_status ws_reader_fail(ws_reader *r, ws_status code, const char *fmt, ...)
#if defined(__GNUC__) && !defined(__cplusplus)
    __attribute__((format(printf, 3, 4)))
#endif
    ;
/* The same at a byte offset into the input (e.g. ws_reader_key_offset, to
 * point a duplicate-field error at the key). */
ws_status ws_reader_fail_at(ws_reader *r, size_t offset, ws_status code,
                            const char *fmt, ...)
#if defined(__GNUC__) && !defined(__cplusplus)
    __attribute__((format(printf, 4, 5)))
#endif
    ;
/* Writes the current path ("$", "$.port", ...) into out (NUL-terminated,
 * truncated to size). */
void ws_reader_path(const ws_reader *r, char *out, size_t size);
/* Writes s[0..len) into out as a JSON string in quotes, cut after about 40
 * bytes ("abc...") and truncated to size, for messages such as
 * duplicate key "Host" in $.headers */
void ws_reader_quote(char *out, size_t size, const char *s, size_t len);
/* Byte offset of the next token (skips whitespace). */
size_t ws_reader_offset(ws_reader *r);
/* Byte offset of the opening quote of the key ws_read_object_next returned
 * last. */
size_t ws_reader_key_offset(const ws_reader *r);
/* The kind of the next token, without consuming it (skips whitespace).
 * Returns WS_TOKEN_INVALID after a failure. */
ws_token_kind ws_read_peek(ws_reader *r);

/* Objects: ws_read_object_begin consumes '{' (else a type error naming what
 * was expected, e.g. "an object"); then ws_read_object_next returns true with
 * the next key (unescaped, NUL-terminated, may hold NULs, valid until the
 * next key is read) and the ':' consumed, or false at '}' or on error (check
 * r->status). Call it again only after reading or skipping the member's
 * value. Duplicate keys are the caller's to detect (generated decoders keep a
 * seen-set). */
ws_status ws_read_object_begin(ws_reader *r, const char *expected);
bool ws_read_object_next(ws_reader *r, const char **key, size_t *key_len);

/* Arrays: same shape; ws_read_array_next returns true when an element
 * follows (read it next), false at ']' or on error. */
ws_status ws_read_array_begin(ws_reader *r, const char *expected);
bool ws_read_array_next(ws_reader *r);

/* Path stack for error messages: push before reading a member/element's
 * value, pop after. */
ws_status ws_path_push_key(ws_reader *r, const char *key, size_t len);
ws_status ws_path_push_index(ws_reader *r, size_t index);
void ws_path_pop(ws_reader *r);
/* Names what the value at the current path must be (a static string such as
 * "int, 64-bit" or "list<str>"; at the root, the class name). Type errors
 * then read "expected an integer for $.port (int, 64-bit), found ...". */
void ws_path_set_type(ws_reader *r, const char *type);

/* Scalars. Each fails with WS_ETYPE ("expected a string for $.x, found
 * number 3") when the token has another type, and leaves *out unchanged on
 * any failure. The phrases are "a string", "a base64 string", "an integer",
 * "true or false". */
ws_status ws_read_str(ws_reader *r, ws_str *out); /* replaces (frees) *out */
/* A base64 string (WS_EBASE64 when the text is not strict base64). */
ws_status ws_read_bytes(ws_reader *r, ws_bytes *out); /* replaces *out */
ws_status ws_read_int(ws_reader *r, int64_t *out);    /* no fraction/exp */
ws_status ws_read_bool(ws_reader *r, bool *out);
/* Consumes `null` and returns true if the next value is null. */
bool ws_read_null(ws_reader *r);
/* Headers objects have their reader with their type: ws_read_headers in
 * ws_headers.h. */
/* Skips any value (for skip_unknown), checking it fully, within the depth
 * limit, and refusing a key given twice in any of its objects. Errors
 * inside it carry the path down to where they are ($.x[1].y). */
ws_status ws_read_skip(ws_reader *r);
/* After the top-level value: only whitespace may follow. */
ws_status ws_read_end(ws_reader *r);

#ifdef __cplusplus
}
#endif

#endif
