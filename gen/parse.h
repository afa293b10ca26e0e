/* parse.h - schema text to AST (the grammar is in parse.c and in
 * docs/schema-language.md). */
#ifndef GEN_PARSE_H
#define GEN_PARSE_H

#include <stddef.h>

#include "ast.h"
#include "diag.h"

/* Parses a whole schema. Every syntax error goes to d: a missing ';' or
 * closing bracket is taken as written (reported right after the token
 * before it), other errors are skipped to the next ';', '}' or class, and
 * the parser goes on, up to PARSE_MAX_ERRORS errors.
 * Returns the AST, also after syntax errors: what parsed, with a stand-in
 * (marked broken) for each class, enum or member that did not, whose span
 * d mutes (diag_mute), so that the checks can run on it. NULL when what the
 * file can see is unknown after them (the module, prefix or an import line
 * did not parse, or reading stopped), for a lexical error in the encoding,
 * or when out of memory (then d says so). The text must outlive the call
 * only. */
ast_module *parse_schema(const char *text, size_t len, diag *d);

/* Types nest at most this deep (list<list<...>>); deeper is an error. */
#define PARSE_MAX_TYPE_DEPTH 64

/* After this many errors in a file the reading stops (the rest is not
 * read or checked), with a line that says so. */
#define PARSE_MAX_ERRORS 20

#endif
