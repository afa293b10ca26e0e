/* emit_doc.h - a schema's docs as C comments in the generated code: above
 * what they document, or beside it when short, wrapped to DOC_WIDTH
 * columns, and never able to end or nest the comment they are in.
 *
 * What makes a comment safe whatever the doc says: a "*" "/" or a "/" "*"
 * in the text gets a space between its two characters ("*" "/" would end
 * the comment, "/" "*" is a -Wcomment warning), and a "??/" at the end of
 * a line gets one before its "/" (a trigraph for a backslash, which would
 * splice the lines: a -Wtrigraphs warning). A backslash at the end of a
 * line is left alone: inside a block comment the splice it makes joins two
 * lines of the same comment, which changes nothing. Trailing blanks go. */
#ifndef GEN_EMIT_DOC_H
#define GEN_EMIT_DOC_H

#include <stdbool.h>

#include "printer.h"

/* The width docs are wrapped to, the style's (clang-format's ColumnLimit):
 * the column a comment's last character may reach. */
enum { DOC_WIDTH = 80 };

/* doc as a block comment of its own at the current indent: its lines as
 * the schema gives them, each longer one broken at spaces to fit in
 * DOC_WIDTH columns (a word longer than that stays whole). Nothing when
 * doc is empty. */
void emit_doc(printer *p, const char *doc);

/* A run of lines that each may have a doc (struct members, enumerators,
 * macros), as emit_doc_run asks for them: line i without its comment, its
 * doc ("" for none), and optionally a note its comment always holds (an
 * enumerator's value; note NULL for none, else it may append nothing). */
typedef struct doc_run {
  const void *ctx;
  size_t count;
  void (*put_line)(gstr *line, const void *ctx, size_t i);
  const char *(*doc)(const void *ctx, size_t i);
  void (*note)(gstr *note, const void *ctx, size_t i);
} doc_run;

/* The lines of run at the current indent, each with its doc: beside it,
 * the comments lined up in one column ("ws_str host;  / * The host. * /",
 * after the note, "note: doc"), when every doc is one line and every
 * comment fits there within DOC_WIDTH; else each doc above its line (and a
 * note alone beside it). */
void emit_doc_run(printer *p, const doc_run *run);

/* text[0..n) for the inside of a block comment, "*" "/" and "/" "*" broken
 * up (see above). */
void put_comment_text(gstr *s, const char *text, size_t n);

/* Columns text[0..n) takes: its UTF-8 characters. */
size_t text_columns(const char *text, size_t n);

#endif
