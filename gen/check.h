/* check.h - the semantic checks: AST in, IR out (see ir.h).
 *
 * Reports every semantic error to d (unknown or ill-formed types, duplicate
 * or colliding names, bad bases and cycles, defaults and constraints that do
 * not fit, ...). The IR is built only for a schema without errors. */
#ifndef GEN_CHECK_H
#define GEN_CHECK_H

#include "ast.h"
#include "diag.h"
#include "ir.h"

/* Inheritance chains longer than this are an error. */
#define CHECK_MAX_INHERITANCE 64

/* path is the schema path as given (for ir_module.schema_path and .stem).
 * Returns NULL when the schema has errors or memory ran out (d says which). */
ir_module *check_schema(const ast_module *ast, const char *path, diag *d);

/* The same for a schema whose imports are checked already: imports[i] is
 * the module of ast->imports[i]. Their classes are visible by name (as
 * bases); the result borrows them, so they must outlive it. */
ir_module *check_schema_imports(const ast_module *ast, const char *path,
                                const ir_module *const *imports, diag *d);

/* "IncomingMessage" -> "incoming_message", "HTTPThing" -> "http_thing" into
 * a new string (NULL when out of memory). */
char *check_snake_case(const char *name);

#endif
