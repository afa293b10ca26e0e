/* parse_parts.h - what parse.c (the grammar, recovery and reporting) and
 * parse_fold.c (what each rule builds) share. Not part of parse.h: nothing
 * outside the parser needs it. */
#ifndef GEN_PARSE_PARTS_H
#define GEN_PARSE_PARTS_H

#include <stdbool.h>
#include <stddef.h>

#include "combinator.h"
#include "parse.h"

/* Parse state, reached from folds through cb_user. */
typedef struct ps {
  diag *d;
  cb_arena *arena;
  const char *text;
  size_t len;
  bool open_comment; /* an unterminated comment was reported */
  /* Reading stopped at PARSE_MAX_ERRORS: the rest of the file is skipped
   * and nothing is checked. */
  bool too_many;
  /* The module, prefix or an import line did not parse (or an import is
   * misplaced): what names the file sees is unknown, so nothing is checked. */
  bool unchecked;
  /* Where the last lexical error (an integer out of range, ...) is: the
   * declaration holding it is left unchecked (lexical_offset + 1; 0: none). */
  size_t lexical_at;
} ps;

static inline ps *state(cb_ctx *c) { return cb_user(c); }

/* ---- parse.c: raw lexing ------------------------------------------------- */

/* Position of the token that starts at or after offset. */
ast_pos parse_pos_at(ps *s, size_t offset);

/* Whether the word w stands at i (not followed by more word characters). */
bool parse_word_is(const char *t, size_t len, size_t i, const char *w);

/* ---- parse_fold.c: cb_val parts in, AST out ------------------------------ */
bool fold_second(cb_ctx *c, cb_val *out, const cb_val *xs, size_t n);
bool fold_list(cb_ctx *c, cb_val *out, const cb_val *xs, size_t n);
bool fold_prepend(cb_ctx *c, cb_val *out, const cb_val *xs, size_t n);
bool fold_word(cb_ctx *c, cb_val *out, const cb_val *xs, size_t n);
bool fold_dotted(cb_ctx *c, cb_val *out, const cb_val *xs, size_t n);
bool fold_integer(cb_ctx *c, cb_val *out, const cb_val *xs, size_t n);
bool fold_number(cb_ctx *c, cb_val *out, const cb_val *xs, size_t n);
bool fold_string(cb_ctx *c, cb_val *out, const cb_val *xs, size_t n);
bool fold_true(cb_ctx *c, cb_val *out, const cb_val *xs, size_t n);
bool fold_false(cb_ctx *c, cb_val *out, const cb_val *xs, size_t n);
bool fold_null(cb_ctx *c, cb_val *out, const cb_val *xs, size_t n);
bool fold_empty_list(cb_ctx *c, cb_val *out, const cb_val *xs, size_t n);
bool fold_empty_map(cb_ctx *c, cb_val *out, const cb_val *xs, size_t n);
bool fold_doc(cb_ctx *c, cb_val *out, const cb_val *xs, size_t n);
bool fold_opt_mark(cb_ctx *c, cb_val *out, const cb_val *xs, size_t n);
bool fold_type(cb_ctx *c, cb_val *out, const cb_val *xs, size_t n);
bool fold_constraint(cb_ctx *c, cb_val *out, const cb_val *xs, size_t n);
bool fold_field(cb_ctx *c, cb_val *out, const cb_val *xs, size_t n);
bool fold_const(cb_ctx *c, cb_val *out, const cb_val *xs, size_t n);
bool fold_member(cb_ctx *c, cb_val *out, const cb_val *xs, size_t n);
bool fold_class(cb_ctx *c, cb_val *out, const cb_val *xs, size_t n);
bool fold_module_head(cb_ctx *c, cb_val *out, const cb_val *xs, size_t n);
bool fold_schema(cb_ctx *c, cb_val *out, const cb_val *xs, size_t n);

/* ---- parse_import.c: the import declaration ------------------------------ */
bool fold_import(cb_ctx *c, cb_val *out, const cb_val *xs, size_t n);
bool fold_misplaced_import(cb_ctx *c, cb_val *out, const cb_val *xs, size_t n);
/* ---- parse_fold.c: enums, and what tells a class from an enum ----------- */
/* A top-level declaration: exactly one of the two. */
typedef struct parse_decl {
  ast_class *class_decl;
  ast_enum *enum_decl;
} parse_decl;
bool fold_name_literal(cb_ctx *c, cb_val *out, const cb_val *xs, size_t n);
bool fold_enum_member(cb_ctx *c, cb_val *out, const cb_val *xs, size_t n);
bool fold_enum(cb_ctx *c, cb_val *out, const cb_val *xs, size_t n);
bool fold_decl_class(cb_ctx *c, cb_val *out, const cb_val *xs, size_t n);
bool fold_decl_enum(cb_ctx *c, cb_val *out, const cb_val *xs, size_t n);
/* The classes and enums of a list of parse_decl, into m. */
bool parse_split_decls(cb_ctx *c, ast_module *m, void *const *decls, size_t n);

/* ---- parse_fold.c: what stands in for a declaration that did not parse --- */
/* A member of name text[at..at+n) (a field, or a constant when is_const),
 * marked broken; into out->p. */
bool parse_stand_in_member(cb_ctx *c, cb_val *out, size_t at, size_t n, bool is_const);
/* A class (or an enum when is_enum) of that name, marked broken, with its
 * kind and base (base_n 0: none) as written; `kind_at` is its first
 * keyword. Into out->p, as a parse_decl. */
typedef struct parse_stand_in {
  size_t kind_at, name_at, name_n, base_at, base_n;
  bool is_enum, is_abstract, is_exception;
} parse_stand_in;
bool parse_stand_in_decl(cb_ctx *c, cb_val *out, const parse_stand_in *in);
/* Leaves the declaration spanning out unchecked when a lexical error lies
 * in it (its value is not what was written). */
void parse_mute_if_lexical(cb_ctx *c, const cb_val *out);

/* ---- parse_fold.c: min_len, min_items, max_items, alias ----------------- */
bool fold_count_constraint(cb_ctx *c, cb_val *out, const cb_val *xs, size_t n);
bool fold_alias(cb_ctx *c, cb_val *out, const cb_val *xs, size_t n);

#endif
