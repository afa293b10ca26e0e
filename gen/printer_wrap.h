/* printer_wrap.h - breaking a long line of C where a person would: after a
 * comma, after an opening bracket, after a top-level "=" or a binary
 * operator, or between the pieces of a long string literal, so that the
 * generator's output reads well before (and without) clang-format.
 *
 * The breaks follow clang-format's LLVM style closely enough that running
 * it afterwards finds little to move: a comma's continuation lines up after
 * its bracket (or, when the line broke right after the bracket, sits four
 * columns in), a break after "=" indents four, an operator's continuation
 * lines up with its first operand, a string literal's with its first quote.
 * Among the places on a line where it may break, the one at the outermost
 * nesting wins, the latest of those that keeps the line within the width;
 * a string literal is split only when nothing else helps, after a "\n"
 * escape if one fits, else after a space, else anywhere but inside an
 * escape. */
#ifndef GEN_PRINTER_WRAP_H
#define GEN_PRINTER_WRAP_H

#include <stddef.h>

#include "printer.h"

/* The width the printer keeps its lines within, where it can break them:
 * the style's (clang-format's ColumnLimit). */
enum { PRINTER_WIDTH = 80 };

/* Appends text[0..n), one line of C without its indent (which the caller
 * has written: `indent` columns), to out, broken into lines of at most
 * `width` columns where it can be; each further line starts with its own
 * indent, and no newline follows the last. Preprocessor lines and comment
 * lines (starting with '#', "/" "*", "*" or "//") go as they are; so does
 * the inside of comments, character and string literals (except for the
 * splits above). */
void wrap_c_line(gstr *out, const char *text, size_t n, size_t indent, size_t width);

#endif
