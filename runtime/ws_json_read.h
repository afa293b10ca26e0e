/* ws_json_read.h - a pull reader for strict RFC 8259 JSON in UTF-8.
 *
 * Generated decoders read tokens straight into their structs: no DOM. The
 * reader tracks line and column, keeps the JSON path of the value being read
 * ($.headers["Host"], $.protocols[3]) and fills one ws_error on the first
 * failure, after which every call fails with the same status.
 *
 * Messages say what was expected and what was found, e.g.
 *   expected an integer for $.port, found string "80"
 */
#ifndef WS_JSON_READ_H
#define WS_JSON_READ_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "ws_headers.h"
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
  const char *key; /* NULL for an array index; points into path_keys */
  size_t key_len;
  size_t index;
} ws_path_seg;

typedef struct ws_reader {
  const char *src;
  const char *p;
  const char *end;
  size_t line;
  const char *line_start;
  ws_error *err; /* never NULL inside the reader (points to own_err) */
  ws_error own_err;
  ws_status status;
  ws_decode_opts opts;
  size_t depth;
  ws_path_seg path[WS_JSON_MAX_DEPTH];
  char *keybuf; /* scratch for unescaped keys (owned, via ws_malloc) */
  size_t keybuf_cap;
  char *pathkeys; /* storage for keys on the path stack */
  size_t pathkeys_len, pathkeys_cap;
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
/* Writes the current path ("$", "$.port", ...) into out (NUL-terminated,
 * truncated to size). */
void ws_reader_path(const ws_reader *r, char *out, size_t size);

/* Objects: ws_read_object_begin consumes '{' (else a type error naming what
 * was expected, e.g. "an object"); then ws_read_object_next returns true with
 * the next key (unescaped, valid while the next key is read) and the ':'
 * consumed, or false at '}' or on error (check r->status). Duplicate keys are
 * the caller's to detect (generated decoders keep a seen-set). */
ws_status ws_read_object_begin(ws_reader *r, const char *expected);
bool ws_read_object_next(ws_reader *r, const char **key, size_t *key_len);

/* Arrays: same shape. */
ws_status ws_read_array_begin(ws_reader *r, const char *expected);
bool ws_read_array_next(ws_reader *r);

/* Path stack for error messages: push before reading a member/element's
 * value, pop after. */
ws_status ws_path_push_key(ws_reader *r, const char *key, size_t len);
ws_status ws_path_push_index(ws_reader *r, size_t index);
void ws_path_pop(ws_reader *r);

/* Scalars. Each fails with WS_ETYPE ("expected a string for $.x, found
 * number 3") when the token has another type. */
ws_status ws_read_str(ws_reader *r, ws_str *out);     /* replaces *out */
ws_status ws_read_bytes(ws_reader *r, ws_bytes *out); /* base64 string */
ws_status ws_read_int(ws_reader *r, int64_t *out);    /* no fraction/exp */
ws_status ws_read_bool(ws_reader *r, bool *out);
/* Consumes `null` and returns true if the next value is null. */
bool ws_read_null(ws_reader *r);
/* A headers object: name -> string, or name -> list of strings. */
ws_status ws_read_headers(ws_reader *r, ws_headers *out);
/* Skips any value (for skip_unknown), within the depth limit. */
ws_status ws_read_skip(ws_reader *r);
/* After the top-level value: only whitespace may follow. */
ws_status ws_read_end(ws_reader *r);

#ifdef __cplusplus
}
#endif

#endif
