/* parse.h - schema text to AST (the grammar is in parse.c and in
 * docs/schema-language.md). */
#ifndef GEN_PARSE_H
#define GEN_PARSE_H

#include <stddef.h>

#include "ast.h"
#include "diag.h"

/* Parses a whole schema. Every syntax error goes to d (the parser recovers
 * at the next ';', '}' or class and goes on). Returns the AST only when there
 * were no errors; NULL otherwise, or when out of memory (then d says so).
 * The text must outlive the call only. */
ast_module *parse_schema(const char *text, size_t len, diag *d);

/* Types nest at most this deep (list<list<...>>); deeper is an error. */
#define PARSE_MAX_TYPE_DEPTH 64

#endif
