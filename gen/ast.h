/* ast.h - the schema as written: every declaration with its position.
 *
 * The parser (parse.c) builds it; the checker (check.c) judges it and builds
 * the IR. Nothing here is checked: a type may name an unknown type, a default
 * may not fit its field. All nodes live in the module's arena. */
#ifndef GEN_AST_H
#define GEN_AST_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "combinator.h"
#include "printer.h"

typedef struct ast_pos {
  size_t offset; /* byte offset in the schema text */
  unsigned line, col; /* 1-based; col counts characters */
} ast_pos;

typedef enum ast_type_kind {
  AST_TYPE_NAME, /* name, optionally with arguments: str, list<str>, lst<x> */
  AST_TYPE_OPT   /* elem? */
} ast_type_kind;

typedef struct ast_type {
  ast_type_kind kind;
  ast_pos pos;           /* of the name, or of the '?' for AST_TYPE_OPT */
  const char *name;      /* AST_TYPE_NAME */
  struct ast_type **args; /* AST_TYPE_NAME: between '<' and '>' */
  size_t arg_count;
  bool has_args;         /* '<' ... '>' was written */
  struct ast_type *elem; /* AST_TYPE_OPT */
} ast_type;

typedef enum ast_literal_kind {
  AST_LIT_STR,
  AST_LIT_INT,
  AST_LIT_TRUE,
  AST_LIT_FALSE,
  AST_LIT_NULL,
  AST_LIT_EMPTY_LIST, /* [] */
  AST_LIT_EMPTY_MAP,  /* {} */
  AST_LIT_FLOAT,      /* a number with a fraction or an exponent */
  AST_LIT_NAME        /* an identifier: an enum member */
} ast_literal_kind;

typedef struct ast_literal {
  ast_literal_kind kind;
  ast_pos pos;
  const char *text; /* as written: "\"/\"", "80", "[]" */
  int64_t i;        /* AST_LIT_INT */
  const char *s;    /* AST_LIT_STR: decoded, NUL-terminated (may hold NULs) */
  size_t s_len;
  double f; /* AST_LIT_FLOAT, and AST_LIT_INT's value as a double */
} ast_literal;

typedef enum ast_constraint_kind {
  AST_MAX_LEN,
  AST_RANGE,
  AST_MIN_LEN,
  AST_MIN_ITEMS,
  AST_MAX_ITEMS,
  AST_ALIAS,
  AST_HTTP
} ast_constraint_kind;

typedef struct ast_constraint {
  ast_constraint_kind kind;
  ast_pos pos;
  int64_t a; /* max_len a; min_len, min_items, max_items a; http: nothing */
  /* range lo..hi: number literals, NULL for an open end */
  struct ast_literal *lo, *hi;
  const ast_literal *alias; /* AST_ALIAS: the old name, a string literal */
} ast_constraint;

typedef struct ast_field {
  ast_pos pos; /* of the name */
  const char *name;
  const char *doc; /* NULL when none */
  ast_pos doc_pos;
  ast_type *type;
  ast_literal *def; /* NULL when none */
  ast_constraint *constraints;
  size_t constraint_count;
  /* Its declaration did not parse: it stands in for it with its name only
   * (no type), so that the name counts as declared. */
  bool broken;
} ast_field;

typedef struct ast_const {
  ast_pos pos; /* of the name */
  const char *name;
  const char *doc;
  ast_pos doc_pos;
  ast_type *type;
  ast_literal *value;
  bool broken; /* as ast_field's: a name, no type or value */
} ast_const;

typedef struct ast_class {
  ast_pos pos;      /* of the first keyword */
  ast_pos name_pos;
  const char *name;
  const char *doc;
  ast_pos doc_pos;
  bool is_abstract;
  bool is_exception;
  const char *base; /* NULL for none */
  ast_pos base_pos;
  ast_field **fields; /* schema order */
  size_t field_count;
  ast_const **consts;
  size_t const_count;
  /* Its declaration did not parse: it stands in for it with its name, kind
   * and base as written, and no members. */
  bool broken;
} ast_class;

/* import "common.wst"; */
typedef struct ast_import {
  ast_pos pos;      /* of the keyword */
  ast_pos path_pos; /* of the string */
  const char *path; /* decoded, NUL-terminated (may hold NULs: path_len) */
  size_t path_len;
} ast_import;
/* enum Name { MEMBER = "value", ... } or with integer values. */
typedef struct ast_enum_member {
  ast_pos pos; /* of the name */
  const char *name;
  const char *doc;
  ast_pos doc_pos;
  const ast_literal *value; /* AST_LIT_STR or AST_LIT_INT */
} ast_enum_member;

typedef struct ast_enum {
  ast_pos pos;      /* of "enum" */
  ast_pos name_pos;
  const char *name;
  const char *doc;
  ast_pos doc_pos;
  ast_enum_member **members; /* schema order */
  size_t member_count;
  bool broken; /* as ast_class's: a name, no members */
} ast_enum;

typedef struct ast_module {
  cb_arena *arena; /* owns every node */
  const char *name;    /* "autobahn.websocket.types" */
  ast_pos name_pos;
  const char *doc;
  ast_pos doc_pos;
  const char *prefix;
  ast_pos prefix_pos;
  ast_import **imports; /* in the order written */
  size_t import_count;
  ast_class **classes;
  size_t class_count;
  ast_enum **enums; /* schema order */
  size_t enum_count;
} ast_module;

void ast_module_free(ast_module *m);

/* Appends the type as written, canonically spaced ("map<str, list<str>>"),
 * to out (whose failure flag records an allocation failure). */
void ast_type_text(const ast_type *t, gstr *out);

#endif
