/* diag.h - compiler-style diagnostics for one schema file.
 *
 *   schema/x.wst:12:7: error: expected ';' after type, found '}'
 *     peer: str }
 *               ^
 *
 * Errors are collected (every error in the file, not just the first), then
 * printed sorted by position; a note belongs to the error before it. */
#ifndef GEN_DIAG_H
#define GEN_DIAG_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

typedef struct diag diag;

/* The text is borrowed and must outlive the diag. NULL when out of memory. */
diag *diag_new(const char *path, const char *text, size_t len);
void diag_free(diag *d);

/* 1-based line and column (in characters) of a byte offset. */
void diag_line_col(const diag *d, size_t offset, unsigned *line, unsigned *col);
/* The same, counting on from the last answer when offset is further along
 * its line: asked in order (as the parser does), the positions of a line
 * of any length cost time linear in it, not quadratic. */
void diag_line_col_onward(diag *d, size_t offset, unsigned *line, unsigned *col);

/* Records an error (or a note on the last error) at a byte offset; the
 * message is printf-formatted. Out of memory is remembered, not fatal. */
void diag_error(diag *d, size_t offset, const char *fmt, ...);
void diag_note(diag *d, size_t offset, const char *fmt, ...);
/* A note on the last error about a place in another file: printed with
 * that file's name, line and excerpt. The other diag must outlive d. */
void diag_note_in(diag *d, const diag *file, size_t offset, const char *fmt, ...);
/* The file's path, as given to diag_new. */
const char *diag_path(const diag *d);
/* Remembers that memory ran out: printed as the last line. */
void diag_out_of_memory(diag *d);

size_t diag_error_count(const diag *d);
bool diag_has_error_at(const diag *d, size_t offset); /* the last error is there */
bool diag_has_any_error_at(const diag *d, size_t offset); /* any error (a scan) */
bool diag_has_error_saying(const diag *d, size_t offset, const char *message);

/* Errors recorded from now on at an offset in [start, end) are dropped,
 * with their notes: the span holds a declaration that did not parse, whose
 * syntax error is all there is to say about it. */
void diag_mute(diag *d, size_t start, size_t end);
/* Remembers that reading stopped after `shown` errors: printed as a line
 * of its own after them. */
void diag_stopped_after(diag *d, size_t shown);
bool diag_failed(const diag *d); /* errors or out of memory */

/* Prints every diagnostic, sorted by position, notes after their error. */
void diag_print(const diag *d, FILE *out);

/* Length of the valid UTF-8 sequence at s (1-4), or 0 if it is not one. */
size_t diag_utf8_len(const char *s, size_t avail);

#endif
