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
    err->code = code;
    va_list ap;
    va_start(ap, fmt);
    /* vsnprintf truncates and always terminates: a long message is cut, not
     * overflowed. */
    vsnprintf(err->msg, sizeof err->msg, fmt, ap);
    va_end(ap);
  }
  return code;
}
