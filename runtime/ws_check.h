/* ws_check.h - the value checks generated validate and encode functions
 * call: valid UTF-8 in text and headers, max_len and range constraints.
 *
 * Each returns WS_OK, or the failure's code after filling err (when err is
 * not NULL) with the message and err->path. A path names the value as JSON
 * does ("$.protocols[3]"); err->path keeps its first 255 bytes. */
#ifndef WS_CHECK_H
#define WS_CHECK_H

#include <stddef.h>
#include <stdint.h>

#include "ws_headers.h"
#include "ws_status.h"
#include "ws_str.h"

#ifdef __cplusplus
extern "C" {
#endif

/* Puts path into err->path (when err is not NULL) and returns code. */
ws_status ws_invalid_at(ws_error *err, ws_status code, const char *path);

/* s must be valid UTF-8; what prefixes the path in the message ("" for a
 * value, "a key in " for a map key):
 *   $.host is not valid UTF-8 (bad byte at offset 3) */
ws_status ws_utf8_check(const ws_str *s, const char *what, const char *path,
                        ws_error *err);

/* Every header name and value must be valid UTF-8. A bad value is named by
 * its header, path["Name"], keeping at most 200 bytes of path and 40 of the
 * name, so the whole always fits err->path. */
ws_status ws_headers_check(const ws_headers *h, const char *path,
                           ws_error *err);

/* A max_len constraint: len (bytes; UTF-8 bytes for a str) at most max.
 *   $.payload is 126 bytes, more than the 125 allowed (max_len 125) */
ws_status ws_len_check(size_t len, uint64_t max, const char *path,
                       ws_error *err);

/* A range constraint: min <= v <= max.
 *   $.port is 0, outside the range 1..65535 */
ws_status ws_range_check(int64_t v, int64_t min, int64_t max, const char *path,
                         ws_error *err);

#ifdef __cplusplus
}
#endif

#endif
