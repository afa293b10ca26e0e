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

/* What the width of a repr depends on. Tallies add up over concatenation, so
 * the width of repr(a + b) follows from the tallies of a and b: pprint can
 * try longer and longer pieces of a string without reading them again. */
typedef struct ws_repr_tally {
  size_t body;    /* code points of the escaped text, quotes aside */
  size_t squotes; /* ' characters (counted once each in body) */
  bool dquote;    /* at least one " */
  bool bad_utf8;  /* the text is not valid UTF-8; the tally stopped there */
  bool escaped;   /* some character other than a quote is escaped */
} ws_repr_tally;

/* Adds text (or octets) to *t, starting from an all-zero tally. Stops
 * early, leaving a partial tally, once t->body exceeds `stop` (SIZE_MAX:
 * never): a caller asking "does it fit in N columns" need not read a long
 * string to its end. */
void ws_repr_tally_str(ws_repr_tally *t, const char *s, size_t len,
                       size_t stop);
void ws_repr_tally_bytes(ws_repr_tally *t, const void *p, size_t len,
                         size_t stop);
/* The tally of a followed by b. */
ws_repr_tally ws_repr_tally_join(ws_repr_tally a, ws_repr_tally b);
/* Width of the repr of tallied text: its body, two quotes, and a backslash
 * for each ' when the text holds both kinds of quote. Add 1 for bytes' b. */
size_t ws_repr_tally_width(const ws_repr_tally *t);
/* ws_repr_str of s[0..len), given the complete tally t of that same text:
 * when t shows nothing to escape (most text, in any script), the text is
 * copied whole between its quotes rather than read a character at a time
 * again. */
void ws_repr_str_tallied(ws_buf *b, const char *s, size_t len,
                         const ws_repr_tally *t);

/* Length of the leading run of s[0..len) that repr copies unchanged at one
 * column a byte: printable ASCII but the quotes and the backslash. When it
 * is all of s, repr(s) is s in single quotes, len + 2 columns wide; pprint
 * then needs no other measure. */
size_t ws_repr_plain_prefix(const char *s, size_t len);
/* The same run, stopping at spaces too: in plain text (where the space is
 * the only white space), the length of the word at s. */
size_t ws_repr_plain_word(const char *s, size_t len);

/* Scans the piece of text that re.findall(r'\S*\s*') finds at the start of
 * s[0..len) (len > 0), within the line str.splitlines(keepends=True) finds
 * there: a run of non-space, then a run of space that ends early after a
 * line break (\r\n being one). Adds the piece's tally to *t and returns its
 * length (> 0); *ends_line tells whether it ends at a line break. Invalid
 * UTF-8 sets t->bad_utf8 and ends the piece there. This is how pprint cuts a
 * long str into pieces, one reading of each character. */
size_t ws_repr_tally_word(ws_repr_tally *t, const char *s, size_t len,
                          bool *ends_line);

/* The ASCII characters' classes (ws_uni_ascii_class, generated with the
 * tables below): the columns repr() gives the character inside its quotes
 * (1, 2 or 4; a quote counts 1) and three flags. */
enum {
  WS_UNI_COLUMNS = 0x07,
  WS_UNI_SPACE = 0x08,    /* str.isspace() */
  WS_UNI_LINEBREAK = 0x10, /* a str.splitlines() boundary */
  WS_UNI_QUOTE = 0x20      /* ' or " */
};
extern const unsigned char ws_uni_ascii_class[128];

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
