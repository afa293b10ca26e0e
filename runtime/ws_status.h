/* ws_status.h - status codes and the error record every fallible call fills. */
#ifndef WS_STATUS_H
#define WS_STATUS_H

#include <stddef.h>

#ifdef __cplusplus
extern "C" {
#endif

/* Every function that can fail returns one of these. WS_OK is zero. */
typedef enum ws_status {
  WS_OK = 0,
  WS_ENOMEM,      /* an allocation failed */
  WS_ESYNTAX,     /* malformed JSON text */
  WS_ETYPE,       /* a JSON value of the wrong type */
  WS_ERANGE,      /* an integer outside its type or constraint range */
  WS_EMISSING,    /* a required field is absent */
  WS_EUNKNOWN,    /* a field the type does not have */
  WS_EDUPLICATE,  /* a key given twice */
  WS_EUTF8,       /* invalid UTF-8, or a lone surrogate escape */
  WS_EBASE64,     /* invalid base64 text */
  WS_ECONSTRAINT, /* a value breaks a schema constraint (length) */
  WS_ETRAILING,   /* data after the JSON document */
  WS_EDEPTH,      /* nesting deeper than allowed */
  WS_EINVAL,      /* an invalid argument */
  WS_EFULL,       /* a fixed buffer has no room left (see ws_buf_fixed) */
  WS_ESYSTEM      /* a system call failed (the random generator) */
} ws_status;

/* A short, stable English name for a status ("out of memory", ...). */
const char *ws_status_str(ws_status status);

/* Where and why something failed. Line and column are 1-based (column counts
 * bytes); offset is a 0-based byte offset. path is a JSON path such as
 * $.headers["Host"] or $.protocols[3], empty when it does not apply.
 * Line 0 means no position (an error from encode or validate).
 *
 * The record is plain data (about 800 bytes, no pointers): nothing to free,
 * cheap to keep one and reuse it. Its size is msg's: a sentence may quote
 * the path and up to 40 bytes of input escaped as JSON, which 512 bytes
 * hold; a smaller record would cut messages or need freeing. */
typedef struct ws_error {
  ws_status code;
  size_t line;
  size_t col;
  size_t offset;
  char path[256];
  char msg[512];
} ws_error;

/* Resets an error record to "no error". */
void ws_error_clear(ws_error *err);

/* Sets code and a printf-style message, and clears the position and path
 * (callers that know them set them after); returns code so callers can
 * write `return ws_error_set(err, WS_ETYPE, "...")`. err may be NULL. */
ws_status ws_error_set(ws_error *err, ws_status code, const char *fmt, ...)
#if defined(__GNUC__) && !defined(__cplusplus)
    __attribute__((format(printf, 3, 4)))
#endif
    ;

/* The whole message on one line, as compilers and the wstypes tool print it:
 *   NAME:LINE:COL: error: MESSAGE      in.json:1:9: error: expected ...
 *   NAME: error: MESSAGE               when err->line is 0 (no position)
 * without "NAME:" when source_name is NULL. MESSAGE is err->msg, or the
 * status name (ws_status_str) when msg is empty; the sentences of the
 * reader and of validate name the path themselves where it helps.
 * Writes into out[0..cap), always NUL-terminated when cap > 0 (out may be
 * NULL when cap is 0), and returns the length of the whole line, as
 * snprintf does: a result >= cap means out holds a cut copy, and
 * result + 1 bytes hold all of it. */
size_t ws_error_format(const ws_error *err, const char *source_name, char *out,
                       size_t cap);

#ifdef __cplusplus
}
#endif

#endif
