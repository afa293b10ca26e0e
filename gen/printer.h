/* printer.h - how emitters write C: a growable string for pieces of any
 * length, and a printer that writes one line at a time at the indent of the
 * blocks it has open.
 *
 * Nothing here has a fixed-size buffer: a field name of any length, or a
 * type nested any depth, fits. Allocation failure is remembered, never
 * fatal: every call after it does nothing, and the emitter checks once, at
 * the end (gstr_failed, printer_failed). A printer keeps its text in memory
 * until printer_write, so a failed run writes nothing.
 *
 * The layout: two spaces an indent level, an opening brace at the end of its
 * line, a closing brace on a line of its own (clang-format's LLVM style,
 * which formats the output last). */
#ifndef GEN_PRINTER_H
#define GEN_PRINTER_H

#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

#if defined(__GNUC__) || defined(__clang__)
#define GEN_PRINTF_LIKE(f, a) __attribute__((format(printf, f, a)))
#else
#define GEN_PRINTF_LIKE(f, a)
#endif

/* ---- gstr: a growable string ----------------------------------------------- */

/* Always NUL-terminated once anything was put (data is NULL before); len
 * excludes the NUL. `failed`: an allocation failed, the text is incomplete
 * and stays as it was. Zero-initialised is a valid empty gstr. */
typedef struct gstr {
  char *data;
  size_t len, cap;
  bool failed;
} gstr;

void gstr_init(gstr *s);
void gstr_free(gstr *s); /* and leaves it empty, ready for reuse */
void gstr_reset(gstr *s); /* empties it, keeping its memory and failure */

void gstr_put(gstr *s, const char *p, size_t n);
void gstr_puts(gstr *s, const char *z);
void gstr_putc(gstr *s, char c);
void gstr_printf(gstr *s, const char *fmt, ...) GEN_PRINTF_LIKE(2, 3);
void gstr_vprintf(gstr *s, const char *fmt, va_list ap);

/* p[0..n) as a C string literal, quotes included: escapes what C needs
 * (quote, backslash, controls, bytes >= 0x80 as 3-digit octal so that no
 * escape swallows the next digit, and the second '?' of "??" so that no
 * trigraph forms). */
void gstr_put_c_string(gstr *s, const char *p, size_t n);

/* The text, "" when empty; never NULL. */
const char *gstr_cstr(const gstr *s);
bool gstr_failed(const gstr *s);

/* ---- printer: lines and blocks ------------------------------------------------- */

typedef struct printer {
  gstr out;
  FILE *sink;         /* printer_spool: where finished lines go, or NULL */
  bool sink_failed;   /* a write to the sink failed */
  unsigned depth;     /* blocks open: indent = 2 * depth spaces */
  bool in_line;       /* pr_begin was called, pr_end not yet */
  bool unbalanced;    /* pr_close without pr_open: a bug in the emitter */
  size_t line_at;     /* where the open line's text starts in out, past its indent */
  size_t width;       /* lines of code are broken to fit this many columns; 0: never */
} printer;

void printer_init(printer *p);
void printer_free(printer *p);

/* One line at the current indent, printf-style, newline added. A line of
 * code wider than the printer's width (PRINTER_WIDTH columns unless set
 * otherwise; 0 for none, when a formatter will lay the text out) is broken
 * where a person would break it (printer_wrap.h); comments and
 * preprocessor lines are not. */
void pr_line(printer *p, const char *fmt, ...) GEN_PRINTF_LIKE(2, 3);

/* An empty line (no indent, no trailing spaces). */
void pr_blank(printer *p);

/* "<fmt> {" at the current indent, then one level deeper:
 * pr_open(p, "static void f(void)"), pr_open(p, "if (x)"); a bare "{" when
 * the format gives nothing (pr_open(p, "%s", "")). */
void pr_open(printer *p, const char *fmt, ...) GEN_PRINTF_LIKE(2, 3);

/* One level back, then "}" and tail (plain text, not a format):
 * pr_close(p, "") ends a function or an if, pr_close(p, ";") a struct or an
 * initialiser. */
void pr_close(printer *p, const char *tail);

/* "} <fmt> {" at the enclosing indent, staying inside: pr_reopen(p, "else"). */
void pr_reopen(printer *p, const char *fmt, ...) GEN_PRINTF_LIKE(2, 3);

/* A line built in pieces: pr_begin writes the indent, pr_add and pr_add_str
 * append, pr_end ends the line. For lines whose parts come from loops. */
void pr_begin(printer *p);
void pr_add(printer *p, const char *fmt, ...) GEN_PRINTF_LIKE(2, 3);
void pr_add_str(printer *p, const gstr *s); /* takes on s's failure too */
void pr_add_c_string(printer *p, const char *s, size_t n);
void pr_add_quoted(printer *p, const gstr *s); /* s as a C string literal,
                                                  taking on its failure */
void pr_end(printer *p);

/* One line that holds s (built in pieces elsewhere), taking on its failure. */
void pr_line_of(printer *p, const gstr *s);

/* Verbatim text, for blocks written out as they are (their own newlines and
 * indent). */
void pr_raw(printer *p, const char *text);

/* True when an allocation failed (the text is incomplete) or the emitter
 * closed more blocks than it opened, or left a block or a line open. */
bool printer_failed(const printer *p);
bool printer_out_of_memory(const printer *p);

/* The text so far ("" when none). */
const char *printer_text(const printer *p);

/* Writes the text to f; false on a write error (ferror). */
bool printer_write(const printer *p, FILE *f);

/* From now on, whenever the text held reaches PRINTER_SPOOL_AT bytes at
 * the end of a line, it is written to sink and let go, so that a file of
 * any size is printed in a fixed amount of memory (sink: a temporary file
 * the caller owns; the text it holds is not yet the output, so a failed
 * run still writes nothing). */
enum { PRINTER_SPOOL_AT = 64 * 1024 };
void printer_spool(printer *p, FILE *sink);

/* Writes what the printer still holds to its sink and flushes it; false
 * when a write to the sink failed, now or before. */
bool printer_finish(printer *p);

/* Appends s[0..n) to the line begun with pr_begin. */
void pr_add_n(printer *p, const char *s, size_t n);

/* pr_open of the text of s (built in pieces elsewhere), taking on its
 * failure. */
void pr_open_of(printer *p, const gstr *s);

/* pr_close with a tail built in pieces ("} ab_list_str;"), taking on its
 * failure. */
void pr_close_of(printer *p, const gstr *tail);

#endif
