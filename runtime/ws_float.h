/* ws_float.h - doubles to text and back, as Python's float does it.
 *
 * Formatting is float.__repr__: the shortest digits that read back as the
 * same double (the closest such when several are as short), laid out as
 * Python lays them out ('0.1', '1e-07', '1e+16', '1000000000000000.0',
 * '-0.0', 'nan', 'inf'). Parsing is correctly rounded, as float() is.
 *
 * Neither depends on the C locale: no text with a decimal point is ever
 * handed to or taken from the C library. */
#ifndef WS_FLOAT_H
#define WS_FLOAT_H

#include <stdbool.h>
#include <stddef.h>
#include <math.h>
#include <stdint.h>

#include "ws_buf.h"
#include "ws_json_read.h"
#include "ws_status.h"

#ifdef __cplusplus
extern "C" {
#endif

/* Room for any repr: sign, 17 digits, point, "e-324" and a NUL. */
#define WS_FLOAT_REPR_MAX 32

/* Writes repr(v) into out (NUL-terminated) and returns its length. */
size_t ws_float_repr(double v, char out[WS_FLOAT_REPR_MAX]);

/* Why a number's text did not become a double. */
typedef enum ws_float_parse_result {
  WS_FLOAT_OK = 0,
  WS_FLOAT_SYNTAX,  /* not a JSON number: '-'? int frac? exp? */
  WS_FLOAT_OVERFLOW /* finite text whose value rounds past the largest double */
} ws_float_parse_result;

/* Reads the JSON number text s[0..len) (an integer or not) into *out,
 * correctly rounded to nearest, ties to even; a value too small becomes a
 * subnormal or a zero of the text's sign. *out is unchanged on failure. */
ws_float_parse_result ws_float_parse(const char *s, size_t len, double *out);

/* ---- the float kind's parts (ws_kind_float.c, ws_float_read.c) ---------- */

/* Writes v as JSON: its repr. JSON has no NaN or infinity, so for those
 * it records WS_ERANGE in b and writes nothing, as json.dumps(...,
 * allow_nan=False) refuses them. */
void ws_json_put_float(ws_buf *b, double v);

/* Reads a JSON number into *out: a fraction or exponent as float() reads
 * it, an integer as float(int) converts it. NaN, Infinity and a number
 * past the largest double are refused (WS_ETYPE, WS_ERANGE). */
ws_status ws_read_float(ws_reader *r, double *out);

/* (ws_float.c) The text of a range as the schema wrote it: "0..1.5", "0..", "..100".
 * A bound at the type's end (INT64_MIN or INT64_MAX, -inf or inf) is an
 * open one and left out. */
void ws_range_text_int(char *out, size_t size, int64_t min, int64_t max);
void ws_range_text_float(char *out, size_t size, double min, double max);

/* A float range constraint, on a value in memory (validate, encode) or
 * just read (at is where it started), as the int ones are. NaN is in no
 * range. */
ws_status ws_float_range_check(double v, double min, double max,
                               const char *path, ws_error *err);
ws_status ws_read_check_float_range(ws_reader *r, size_t at, double v,
                                    double min, double max);

#ifdef __cplusplus
}
#endif

#endif
