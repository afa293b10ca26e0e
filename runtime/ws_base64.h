/* ws_base64.h - RFC 4648 base64, standard alphabet, with padding. */
#ifndef WS_BASE64_H
#define WS_BASE64_H

#include <stddef.h>

#include "ws_buf.h"
#include "ws_str.h"

#ifdef __cplusplus
extern "C" {
#endif

/* Length of the encoding of n bytes (SIZE_MAX when it would not fit). */
size_t ws_base64_encoded_len(size_t n);
/* Appends the encoding of p[0..n) to b. */
void ws_base64_encode(ws_buf *b, const void *p, size_t n);
/* Decodes text[0..len) into *out (replacing it). Strict: length a multiple of
 * 4, padding only at the end, no whitespace, unused bits zero. On failure
 * returns WS_EBASE64 (or WS_ENOMEM), sets *bad_at (when not NULL) to the
 * offset of the offending character, and leaves *out unchanged. The
 * offending character is the first that no valid text has at its place:
 * one outside the alphabet, a misplaced '=' or anything after the padding,
 * the last data character when its unused bits are not zero, or len
 * itself when every character fits but the text ends too soon. */
ws_status ws_base64_decode(ws_bytes *out, const char *text, size_t len,
                           size_t *bad_at);

#ifdef __cplusplus
}
#endif

#endif
