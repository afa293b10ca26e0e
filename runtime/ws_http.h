/* ws_http.h - the [http] constraint of a str or headers field: its text can
 * go on an HTTP/1.1 wire. A str is a field value (RFC 7230: HTAB, SP,
 * VCHAR and obs-text, see ws_header_value_ok); headers have token names
 * (ws_header_name_ok) and such values. No CR, LF, NUL or other control
 * gets through. validate and encode check it on the value, decode as each
 * value is read; the messages are the same:
 *   $.subprotocol has byte 0x0A at offset 3, which an HTTP/1.1 field value
 *     cannot hold (http)
 *   a name in $.headers is not an HTTP token: "Bad Name" (http) */
#ifndef WS_HTTP_H
#define WS_HTTP_H

#include "ws_json_read.h"
#include "ws_kind.h"
#include "ws_status.h"

#ifdef __cplusplus
extern "C" {
#endif

/* *v, a value of kind k (str or headers), named path. */
ws_status ws_http_check(const ws_kind *k, const void *v, const char *path,
                        ws_error *err);
/* The same for a value just read, refused at offset `at` of the input. */
ws_status ws_read_check_http(ws_reader *r, size_t at, const ws_kind *k,
                             const void *v);

#ifdef __cplusplus
}
#endif

#endif
