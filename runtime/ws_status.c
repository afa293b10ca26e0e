/* ws_status.c - status names and the error record. */
#include "ws_status.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>

const char *ws_status_str(ws_status status) {
  switch (status) {
  case WS_OK:
    return "ok";
  case WS_ENOMEM:
    return "out of memory";
  case WS_ESYNTAX:
    return "syntax error";
  case WS_ETYPE:
    return "wrong type";
  case WS_ERANGE:
    return "out of range";
  case WS_EMISSING:
    return "missing field";
  case WS_EUNKNOWN:
    return "unknown field";
  case WS_EDUPLICATE:
    return "duplicate key";
  case WS_EUTF8:
    return "invalid UTF-8";
  case WS_EBASE64:
    return "invalid base64";
  case WS_ECONSTRAINT:
    return "constraint violated";
  case WS_ETRAILING:
    return "trailing data";
  case WS_EDEPTH:
    return "nesting too deep";
  case WS_EINVAL:
    return "invalid argument";
  case WS_EFULL:
    return "buffer full";
  case WS_ESYSTEM:
    return "system error";
  }
  /* A value outside the enum (a cast integer): still a readable answer. */
  return "unknown status";
}

void ws_error_clear(ws_error *err) {
  if (err) {
    memset(err, 0, sizeof *err);
  }
}

ws_status ws_error_set(ws_error *err, ws_status code, const char *fmt, ...) {
  if (err) {
    /* a new error has no position until its setter gives one: a record
     * left over from an earlier failure, or never cleared, must not lend
     * this one its line or path */
    err->code = code;
    err->line = 0;
    err->col = 0;
    err->offset = 0;
    err->path[0] = '\0';
    va_list ap;
    va_start(ap, fmt);
    /* vsnprintf truncates and always terminates: a long message is cut, not
     * overflowed. */
    vsnprintf(err->msg, sizeof err->msg, fmt, ap);
    va_end(ap);
  }
  return code;
}

/* err->msg up to its NUL (or its whole array: a record filled by hand may
 * lack one). */
static size_t msg_len(const ws_error *err) {
  const char *nul = memchr(err->msg, '\0', sizeof err->msg);
  return nul ? (size_t)(nul - err->msg) : sizeof err->msg;
}

size_t ws_error_format(const ws_error *err, const char *source_name, char *out,
                       size_t cap) {
  const char *msg = err->msg;
  size_t len = msg_len(err);
  if (len == 0) {
    msg = ws_status_str(err->code);
    len = strlen(msg);
  }
  const char *name = source_name ? source_name : "";
  const char *colon = source_name ? ":" : "";
  int n;
  if (err->line != 0) {
    n = snprintf(out, cap, "%s%s%zu:%zu: error: %.*s", name, colon, err->line,
                 err->col, (int)len, msg);
  } else {
    n = snprintf(out, cap, "%s%s%serror: %.*s", name, colon,
                 source_name ? " " : "", (int)len, msg);
  }
  if (n < 0) { /* longer than INT_MAX: nothing sensible to write */
    if (cap > 0) {
      out[0] = '\0';
    }
    return 0;
  }
  return (size_t)n;
}
