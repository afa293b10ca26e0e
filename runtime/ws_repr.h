/* ws_repr.h - Python 3.11 repr() of str and bytes.
 *
 * str: quoted with ' unless the text holds ' and no ", then with ";
 * \\, the quote, \t \n \r by name; other non-printable characters (Python's
 * str.isprintable, from Unicode 14 tables as CPython 3.11 has them) as \xhh,
 * \uhhhh or \Uhhhhhhhh. bytes: b'...' with the same quoting, printable ASCII
 * as is, the rest as \xhh. */
#ifndef WS_REPR_H
#define WS_REPR_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "ws_buf.h"

#ifdef __cplusplus
extern "C" {
#endif

/* s must be valid UTF-8 (else WS_EUTF8 is recorded in b). */
void ws_repr_str(ws_buf *b, const char *s, size_t len);
/* Width of ws_repr_str's output in code points (what Python's len() says). */
size_t ws_repr_str_width(const char *s, size_t len);
void ws_repr_bytes(ws_buf *b, const void *p, size_t len);
size_t ws_repr_bytes_width(const void *p, size_t len);

/* Python's str.isprintable() for one code point (Unicode 14 tables). */
bool ws_uni_isprintable(uint32_t cp);
/* Python's str.isspace() for one code point (what re's \s matches). */
bool ws_uni_isspace(uint32_t cp);
/* True for the line boundaries str.splitlines() splits at. */
bool ws_uni_islinebreak(uint32_t cp);

#ifdef __cplusplus
}
#endif

#endif
