/* ws_encode.h - the frame of every generated encode function: check the
 * format, size the output, write it, and leave the buffer as it was on
 * failure. The generated part is only the put function that writes one
 * value. */
#ifndef WS_ENCODE_H
#define WS_ENCODE_H

#include "ws_buf.h"
#include "ws_status.h"
#include "ws_type.h"

#ifdef __cplusplus
extern "C" {
#endif

/* Writes the value obj in format (one of ws_format) into b, recording any
 * failure in b's status. */
typedef void (*ws_put_fn)(ws_buf *b, const void *obj, ws_format format);

/* Appends obj in format to out: JSON through ws_buf_write_sized (which
 * writes into the room out has, or into a 32 KB block it grows out by;
 * see ws_buf.h), and str through ws_pformat, which writes into out's room
 * or such a block the same way (a longer output into larger room; see
 * ws_pformat.h). Returns out's status if it already holds a
 * failure, WS_EINVAL for an unknown format, else what writing gave; on
 * failure out is cut back to what it held before and its status cleared. */
ws_status ws_encode_with(ws_put_fn put, const void *obj, ws_format format,
                         ws_buf *out);

/* Fills err with "cannot encode CLASS: STATUS" and returns st. */
ws_status ws_encode_failed(ws_status st, const char *class_name, ws_error *err);

#ifdef __cplusplus
}
#endif

#endif
