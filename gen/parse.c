/* parse.c - the schema grammar, written with the combinators of
 * combinator.h; the folds that build the AST (ast.h) from what its rules
 * match are parse_fold.c's.
 *
 * The grammar section reads like docs/schema-language.md: one rule, one short
 * definition, the rule's text in a comment above it. Above it: raw lexing
 * and error recovery; below it: error reporting, then parse_schema. */
#include "parse.h"

#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "parse_parts.h"

/* ---- raw lexing, for positions and error recovery --------------------------
 * The grammar does the real lexing; these only find where a token starts and
 * where it ends, so positions skip leading blanks and recovery skips whole
 * tokens (a ';' inside a string does not end a field). */
static bool is_ident_start(char ch) {
  return (ch >= 'a' && ch <= 'z') || (ch >= 'A' && ch <= 'Z') || ch == '_';
}
static bool is_ident_char(char ch) { return is_ident_start(ch) || (ch >= '0' && ch <= '9'); }
static bool is_digit(char ch) { return ch >= '0' && ch <= '9'; }

static bool starts(const char *t, size_t len, size_t i, const char *s) {
  size_t n = strlen(s);
  return len - i >= n && memcmp(t + i, s, n) == 0;
}

static bool at_doc(const char *t, size_t len, size_t i) {
  return starts(t, len, i, "///") && !starts(t, len, i, "////");
}

/* Skips blanks and comments (not doc comments). */
static size_t raw_skip(const char *t, size_t len, size_t i) {
  while (i < len) {
    if (t[i] == ' ' || t[i] == '\t' || t[i] == '\r' || t[i] == '\n') {
      i++;
    } else if (starts(t, len, i, "//") && !at_doc(t, len, i)) {
      while (i < len && t[i] != '\n') i++;
    } else if (starts(t, len, i, "/*")) {
      i += 2;
      while (i < len && !starts(t, len, i, "*/")) i++;
      i = i < len ? i + 2 : len;
    } else {
      break;
    }
  }
  return i;
}

/* The end of the token at i (i < len). */
static size_t raw_token_end(const char *t, size_t len, size_t i) {
  if (at_doc(t, len, i)) {
    while (i < len && t[i] != '\n') i++;
  } else if (is_ident_char(t[i])) {
    while (i < len && is_ident_char(t[i])) i++;
  } else if (t[i] == '"') {
    for (i++; i < len && t[i] != '"' && t[i] != '\n'; i++)
      if (t[i] == '\\' && i + 1 < len && t[i + 1] != '\n') i++;
    if (i < len && t[i] == '"') i++;
  } else {
    i++;
  }
  return i;
}

bool parse_word_is(const char *t, size_t len, size_t i, const char *w) {
  size_t n = strlen(w);
  return starts(t, len, i, w) && (i + n == len || !is_ident_char(t[i + n]));
}

static bool at_class_start(const char *t, size_t len, size_t i) {
  return parse_word_is(t, len, i, "class") || parse_word_is(t, len, i, "abstract") ||
         parse_word_is(t, len, i, "exception") || parse_word_is(t, len, i, "enum");
}

/* Position of the token that starts at or after offset. */
ast_pos parse_pos_at(ps *s, size_t offset) {
  ast_pos p;
  p.offset = raw_skip(s->text, s->len, offset);
  diag_line_col_onward(s->d, p.offset, &p.line, &p.col);
  return p;
}

/* The start of the token after the one at i (len at the end). */
static size_t next_token(const char *t, size_t len, size_t i) {
  return i < len ? raw_skip(t, len, raw_token_end(t, len, i)) : len;
}

/* A class or enum begins at i: its keyword and then its name (so that a
 * field named "class" is not one). */
static bool at_decl_start(const char *t, size_t len, size_t i) {
  if (parse_word_is(t, len, i, "abstract"))
    return parse_word_is(t, len, next_token(t, len, i), "class");
  if (!at_class_start(t, len, i)) return false;
  size_t name = next_token(t, len, i);
  return name < len && is_ident_start(t[name]);
}

/* ---- error recovery: where to resume after an error ------------------------ */
/* Each works on whole tokens from where the failed part began, so a ';' or
 * a word inside a string does not count. Past PARSE_MAX_ERRORS errors,
 * each resumes at the end: the rest of the file is not read. */

/* A member: just past its ';', or at the '}' that ends the class, or at
 * the next class or enum (when that '}' is missing). */
static size_t sync_member(cb_ctx *c, size_t start, size_t err_pos) {
  (void)err_pos;
  const char *t = cb_text(c);
  size_t len = cb_len(c);
  if (state(c)->too_many) return len;
  size_t first = raw_skip(t, len, start), depth = 0; /* of '{' (the literal {}) */
  for (size_t i = first; i < len; i = next_token(t, len, i)) {
    if (t[i] == '{') depth++;
    if (t[i] == '}' && depth) {
      depth--;
      continue;
    }
    if (t[i] == ';') return i + 1;
    if (t[i] == '}' || (i > first && at_decl_start(t, len, i))) return i;
  }
  return len;
}

/* A class: at the next "class", "abstract" or "exception" after its first
 * token. */
static size_t sync_class(cb_ctx *c, size_t start, size_t err_pos) {
  (void)err_pos;
  const char *t = cb_text(c);
  size_t len = cb_len(c);
  if (state(c)->too_many) return len;
  size_t i = raw_skip(t, len, start);
  if (i < len) i = raw_skip(t, len, raw_token_end(t, len, i));
  for (; i < len; i = raw_skip(t, len, raw_token_end(t, len, i)))
    if (at_class_start(t, len, i) || parse_word_is(t, len, i, "import")) return i;
  return len;
}

/* The module or prefix line: past its ';', or at the next declaration (where
 * it may already be, when the line is missing). */
static size_t sync_decl(cb_ctx *c, size_t start, size_t err_pos) {
  (void)err_pos;
  const char *t = cb_text(c);
  size_t len = cb_len(c);
  if (state(c)->too_many) return len;
  for (size_t i = raw_skip(t, len, start); i < len; i = raw_skip(t, len, raw_token_end(t, len, i))) {
    if (t[i] == ';') return i + 1;
    if (at_class_start(t, len, i) || parse_word_is(t, len, i, "prefix") ||
        parse_word_is(t, len, i, "import"))
      return i;
  }
  return len;
}

/* An import line: past its ';', or at the next declaration after its first
 * token. */
static size_t sync_import(cb_ctx *c, size_t start, size_t err_pos) {
  (void)err_pos;
  const char *t = cb_text(c);
  size_t len = cb_len(c);
  if (state(c)->too_many) return len;
  size_t i = raw_skip(t, len, start);
  if (i < len) i = raw_skip(t, len, raw_token_end(t, len, i));
  for (; i < len; i = raw_skip(t, len, raw_token_end(t, len, i))) {
    if (t[i] == ';') return i + 1;
    if (at_class_start(t, len, i) || parse_word_is(t, len, i, "import")) return i;
  }
  return len;
}

/* ---- stand-ins: what a part that did not parse leaves ----------------------
 * Its span is muted (no semantic error is reported inside it: its syntax
 * error says all there is), and a member, class or enum whose name can be
 * read still declares that name, so that no use of it is "unknown". */

static size_t past_docs(const char *t, size_t len, size_t i) {
  i = raw_skip(t, len, i);
  while (i < len && at_doc(t, len, i)) i = next_token(t, len, i);
  return i;
}

static bool ident_at(const char *t, size_t len, size_t i, size_t before) {
  return i < before && i < len && is_ident_start(t[i]);
}

/* A member: a field, or "const" and a name. */
static bool stand_in_member(cb_ctx *c, cb_val *out, size_t start, size_t resume) {
  ps *s = state(c);
  size_t i = past_docs(s->text, s->len, start);
  diag_mute(s->d, i, resume);
  out->p = NULL;
  if (!ident_at(s->text, s->len, i, resume)) return true;
  size_t name = next_token(s->text, s->len, i);
  bool is_const =
      parse_word_is(s->text, s->len, i, "const") && ident_at(s->text, s->len, name, resume);
  if (!is_const) name = i;
  return parse_stand_in_member(c, out, name, raw_token_end(s->text, s->len, name) - name, is_const);
}

/* A class or enum: ("abstract"? "class" | "exception" | "enum") name
 * (":" base)?; an import line that did not parse leaves the file unchecked. */
static bool stand_in_decl(cb_ctx *c, cb_val *out, size_t start, size_t resume) {
  ps *s = state(c);
  const char *t = s->text;
  size_t len = s->len, i = past_docs(t, len, start);
  parse_stand_in in = {i, 0, 0, 0, 0, false, false, false};
  diag_mute(s->d, i, resume);
  out->p = NULL;
  if (parse_word_is(t, len, i, "import")) s->unchecked = true;
  in.is_abstract = parse_word_is(t, len, i, "abstract");
  if (in.is_abstract) i = next_token(t, len, i);
  in.is_enum = !in.is_abstract && parse_word_is(t, len, i, "enum");
  in.is_exception = !in.is_abstract && parse_word_is(t, len, i, "exception");
  if (!in.is_enum && !in.is_exception && !parse_word_is(t, len, i, "class")) return true;
  in.name_at = next_token(t, len, i);
  if (!ident_at(t, len, in.name_at, resume)) return true;
  in.name_n = raw_token_end(t, len, in.name_at) - in.name_at;
  size_t colon = next_token(t, len, in.name_at), base = next_token(t, len, colon);
  if (!in.is_enum && colon < resume && t[colon] == ':' && ident_at(t, len, base, resume)) {
    in.base_at = base;
    in.base_n = raw_token_end(t, len, base) - base;
  }
  return parse_stand_in_decl(c, out, &in);
}

/* An import line: the file it names is not read, so the names the file
 * sees are unknown. */
static bool stand_in_import(cb_ctx *c, cb_val *out, size_t start, size_t resume) {
  (void)start, (void)resume;
  state(c)->unchecked = true;
  out->p = NULL;
  return true;
}

/* ---- the grammar ------------------------------------------------------------ */
typedef struct grammar_parts {
  cb_grammar *g;
  cb_parser *ident, *integer, *string, *literal, *type, *doc, *number;
} grammar_parts;

static cb_parser *sym(cb_grammar *g, const char *s) { return cb_lexeme(g, cb_string(g, s)); }

/* A keyword is a word not followed by more word characters ("classy" is an
 * identifier, not "class" + "y"). */
static cb_parser *keyword(cb_grammar *g, const char *kw) {
  cb_parser *word_char = cb_class(g, "A-Za-z0-9_", "letter");
  cb_parser *p = cb_lexeme(g, cb_seq(g, NULL, cb_string(g, kw), cb_not(g, word_char), NULL));
  return cb_expect(g, p, cb_quote(g, kw));
}

/* skip = (blank | line_comment | block_comment)*
 * line_comment = "//" ("//" | !"/") (!"\n" any)*     -- "///" is a doc comment
 * block_comment = "/" "*" (!"*" "/" any)* "*" "/"  */
static cb_parser *skip_rule(cb_grammar *g) {
  cb_parser *rest_of_line = cb_many(g, NULL, cb_not_class(g, "\n", "character"));
  cb_parser *line_comment =
      cb_seq(g, NULL, cb_string(g, "//"),
             cb_choice(g, cb_string(g, "//"), cb_not(g, cb_char(g, '/')), NULL), rest_of_line, NULL);
  cb_parser *comment_char =
      cb_quiet(g, cb_seq(g, NULL, cb_not(g, cb_string(g, "*/")), cb_any(g), NULL));
  cb_parser *block_comment = cb_seq(g, NULL, cb_string(g, "/*"), cb_many(g, NULL, comment_char),
                                    cb_string(g, "*/"), NULL);
  return cb_many(g, NULL,
                 cb_choice(g, cb_class(g, " \t\r\n", "blank"), line_comment, block_comment, NULL));
}

/* doc = ("///" !"/" (!"\n" any)*)+ */
static cb_parser *doc_rule(cb_grammar *g) {
  cb_parser *line = cb_lexeme(
      g, cb_seq(g, NULL, cb_string(g, "///"), cb_not(g, cb_char(g, '/')),
                cb_many(g, NULL, cb_not_class(g, "\n", "character")), NULL));
  return cb_expect(g, cb_many1(g, fold_doc, cb_quiet(g, line)), "doc comment");
}

/* ident = [A-Za-z_] [A-Za-z0-9_]* */
static cb_parser *ident_rule(cb_grammar *g) {
  return cb_lexeme(g, cb_seq(g, fold_word, cb_class(g, "A-Za-z_", "identifier"),
                             cb_many(g, NULL, cb_quiet(g, cb_class(g, "A-Za-z0-9_", "letter"))),
                             NULL));
}

/* integer = "-"? [0-9]+ */
static cb_parser *integer_rule(cb_grammar *g) {
  cb_parser *digits = cb_many1(g, NULL, cb_quiet(g, cb_class(g, "0-9", "digit")));
  return cb_expect(g, cb_lexeme(g, cb_seq(g, fold_integer, cb_optional(g, cb_char(g, '-')),
                                          digits, NULL)),
                   "integer");
}

/* number = "-"? [0-9]+ ("." !"." [0-9]*)? ([eE] [+-]? [0-9]*)?
 * An integer, or a float when it has a fraction or an exponent. Looser
 * than a float literal must be ("1.", "1e"), so that fold_number can say
 * what is missing; "." followed by "." is a range's, not a fraction. */
static cb_parser *number_rule(cb_grammar *g) {
  cb_parser *digit = cb_quiet(g, cb_class(g, "0-9", "digit"));
  cb_parser *frac = cb_seq(g, NULL, cb_char(g, '.'), cb_not(g, cb_char(g, '.')),
                           cb_many(g, NULL, digit), NULL);
  cb_parser *exp = cb_seq(g, NULL, cb_class(g, "eE", "exponent"),
                          cb_optional(g, cb_class(g, "+-", "sign")), cb_many(g, NULL, digit),
                          NULL);
  return cb_expect(g,
                   cb_lexeme(g, cb_seq(g, fold_number, cb_optional(g, cb_char(g, '-')),
                                       cb_many1(g, NULL, digit), cb_optional(g, cb_quiet(g, frac)),
                                       cb_optional(g, cb_quiet(g, exp)), NULL)),
                   "number");
}

/* string = '"' (plain | "\" escape)* '"'
 * escape = ["\\nrt] | "u" hex hex hex hex */
static cb_parser *string_rule(cb_grammar *g) {
  cb_parser *hex = cb_class(g, "0-9a-fA-F", "hex digit");
  cb_parser *escape = cb_seq(
      g, NULL, cb_char(g, '\\'),
      cb_expect(g, cb_choice(g, cb_class(g, "\"\\nrt", "escape"),
                             cb_seq(g, NULL, cb_char(g, 'u'), hex, hex, hex, hex, NULL), NULL),
                "escape sequence"),
      NULL);
  cb_parser *plain = cb_many1(g, NULL, cb_quiet(g, cb_not_class(g, "\"\\\x01-\x1f", "character")));
  cb_parser *part = cb_quiet(g, cb_choice(g, plain, escape, NULL));
  return cb_expect(g, cb_lexeme(g, cb_seq(g, fold_string, cb_char(g, '"'), cb_many(g, NULL, part),
                                          cb_char(g, '"'), NULL)),
                   "string");
}

/* literal = string | number | "true" | "false" | "null" | "[" "]" | "{" "}"
 *         | ident                                  -- an enum member */
static cb_parser *literal_rule(grammar_parts *r) {
  cb_grammar *g = r->g;
  return cb_expect(
      g,
      cb_choice(g, r->string, r->number, cb_seq(g, fold_true, keyword(g, "true"), NULL),
                cb_seq(g, fold_false, keyword(g, "false"), NULL),
                cb_seq(g, fold_null, keyword(g, "null"), NULL),
                cb_seq(g, fold_empty_list, sym(g, "["), sym(g, "]"), NULL),
                cb_seq(g, fold_empty_map, sym(g, "{"), sym(g, "}"), NULL),
                cb_seq(g, fold_name_literal, r->ident, NULL), NULL),
      "value");
}

/* type      = ident type_args? "?"*
 * type_args = "<" type ("," type)* ">" */
static cb_parser *type_rule(grammar_parts *r) {
  cb_grammar *g = r->g;
  cb_parser *rule = cb_rule(g);
  cb_parser *type = cb_expect(g, rule, "type");
  cb_parser *arg = cb_after(g, type, "the type argument");
  cb_parser *more = cb_many(g, fold_list, cb_seq(g, fold_second, cb_closer(g, ","), arg, NULL));
  cb_parser *args = cb_seq(g, fold_second, sym(g, "<"),
                           cb_seq(g, fold_prepend, arg, more, NULL), cb_closer(g, ">"), NULL);
  cb_parser *marks = cb_many(g, fold_list, cb_seq(g, fold_opt_mark, sym(g, "?"), NULL));
  cb_parser *body = cb_seq(g, fold_type, r->ident, cb_optional(g, cb_quiet(g, args)), marks, NULL);
  cb_define(rule, cb_limit(g, body, PARSE_MAX_TYPE_DEPTH));
  return type;
}

/* constraints = "[" constraint ("," constraint)* "]"
 * constraint  = "max_len" integer | "range" number? ".." number? | "http"
 *             | ("min_len" | "min_items" | "max_items") integer
 *             | "alias" string */
static cb_parser *constraints_rule(grammar_parts *r) {
  cb_grammar *g = r->g;
  cb_parser *count = cb_choice(g, keyword(g, "min_len"), keyword(g, "min_items"),
                               keyword(g, "max_items"), NULL);
  cb_parser *constraint = cb_choice(
      g, cb_seq(g, fold_constraint, keyword(g, "max_len"), r->integer, NULL),
      cb_seq(g, fold_constraint, keyword(g, "range"), cb_optional(g, r->number), sym(g, ".."),
             cb_optional(g, r->number), NULL),
      cb_seq(g, fold_count_constraint, count, r->integer, NULL),
      cb_seq(g, fold_alias, keyword(g, "alias"), r->string, NULL),
      cb_seq(g, fold_constraint, keyword(g, "http"), NULL), NULL);
  cb_parser *one = cb_after(g, constraint, "the constraint");
  cb_parser *more = cb_many(g, fold_list, cb_seq(g, fold_second, cb_closer(g, ","), one, NULL));
  return cb_seq(g, fold_second, sym(g, "["), cb_seq(g, fold_prepend, one, more, NULL),
                cb_closer(g, "]"), NULL);
}

/* member   = doc? (field | constant)
 * field    = ident ":" type ("=" literal)? constraints? ";"
 * constant = "const" ident ":" type "=" literal ";" */
static cb_parser *member_rule(grammar_parts *r) {
  cb_grammar *g = r->g;
  cb_parser *def = cb_seq(g, fold_second, sym(g, "="), r->literal, NULL);
  cb_parser *field = cb_seq(
      g, fold_field, cb_expect(g, r->ident, "field name"), sym(g, ":"),
      cb_after(g, r->type, "the field's type"),
      cb_optional(g, cb_after(g, def, "the field's default")),
      cb_optional(g, cb_after(g, constraints_rule(r), "the field's constraints")),
      cb_closer(g, ";"), NULL);
  cb_parser *constant =
      cb_seq(g, fold_const, keyword(g, "const"), cb_expect(g, r->ident, "constant name"),
             sym(g, ":"), r->type, sym(g, "="), cb_after(g, r->literal, "the constant's value"),
             cb_closer(g, ";"), NULL);
  return cb_after(g, cb_seq(g, fold_member, cb_optional(g, cb_quiet(g, r->doc)),
                            cb_choice(g, field, constant, NULL), NULL),
                  "the class's last member");
}

/* class_decl = doc? ("abstract"? "class" | "exception") ident (":" ident)?
 *              "{" member* "}" */
/* A class or enum starts here: doc? kind ident, quietly (a lookahead). */
static cb_parser *decl_start(grammar_parts *r) {
  cb_grammar *g = r->g;
  cb_parser *kind = cb_choice(g, cb_seq(g, NULL, keyword(g, "abstract"), keyword(g, "class"), NULL),
                              keyword(g, "class"), keyword(g, "exception"), keyword(g, "enum"),
                              NULL);
  return cb_quiet(g, cb_seq(g, NULL, cb_optional(g, r->doc), kind, r->ident, NULL));
}

static cb_parser *class_rule(grammar_parts *r) {
  cb_grammar *g = r->g;
  cb_parser *kind = cb_choice(g, cb_seq(g, NULL, keyword(g, "abstract"), keyword(g, "class"), NULL),
                              keyword(g, "class"), keyword(g, "exception"), NULL);
  cb_parser *base = cb_seq(g, fold_second, sym(g, ":"), cb_expect(g, r->ident, "base class name"),
                           NULL);
  /* A class or enum after a member: this class's '}' is missing. */
  cb_parser *next_decl = cb_not(g, cb_not(g, decl_start(r)));
  cb_parser *class_end = cb_choice(
      g, cb_lexeme(g, cb_choice(g, cb_char(g, '}'), cb_quiet(g, cb_eof(g)), NULL)), next_decl,
      NULL);
  cb_parser *members = cb_many(
      g, fold_list,
      cb_recover_with(g, member_rule(r), class_end, NULL, sync_member, stand_in_member));
  return cb_seq(g, fold_class, cb_optional(g, cb_quiet(g, r->doc)), kind,
                cb_expect(g, r->ident, "class name"), cb_optional(g, base), sym(g, "{"), members,
                cb_closer(g, "}"), NULL);
}

/* import_decl = "import" string ";"
 * Written anywhere else at the top level, the same line is refused with a
 * message that says where it goes (fold_misplaced_import). */
static cb_parser *import_rule(grammar_parts *r, cb_fold fold) {
  cb_grammar *g = r->g;
  return cb_seq(g, fold, keyword(g, "import"),
                cb_after(g, cb_expect(g, r->string, "file name"), "the file name"),
                cb_closer(g, ";"), NULL);
}

/* enum_decl   = doc? "enum" ident "{" (enum_member ("," enum_member)* ","?)? "}"
 * enum_member = doc? ident "=" (string | integer) */
static cb_parser *enum_rule(grammar_parts *r) {
  cb_grammar *g = r->g;
  cb_parser *value = cb_expect(g, cb_choice(g, r->string, r->integer, NULL), "string or integer");
  cb_parser *member = cb_after(
      g,
      cb_seq(g, fold_enum_member, cb_optional(g, cb_quiet(g, r->doc)),
             cb_expect(g, r->ident, "member name"), sym(g, "="), value, NULL),
      "the enum member");
  cb_parser *more = cb_many(g, fold_list, cb_seq(g, fold_second, cb_closer(g, ","), member, NULL));
  cb_parser *members = cb_seq(g, fold_prepend, member, more, cb_optional(g, sym(g, ",")), NULL);
  return cb_seq(g, fold_enum, cb_optional(g, cb_quiet(g, r->doc)), keyword(g, "enum"),
                cb_expect(g, r->ident, "enum name"), sym(g, "{"), cb_optional(g, members),
                cb_closer(g, "}"), NULL);
}

/* schema      = module_decl prefix_decl import_decl* (class_decl | enum_decl)* EOF
 * module_decl = doc? "module" dotted_name ";"
 * dotted_name = ident ("." ident)*
 * prefix_decl = "prefix" ident ";" */
static cb_parser *schema_rule(grammar_parts *r) {
  cb_grammar *g = r->g;
  cb_parser *never = cb_not(g, cb_string(g, ""));
  cb_parser *dotted = cb_seq(g, fold_dotted, r->ident,
                             cb_many(g, fold_list, cb_seq(g, fold_second, sym(g, "."), r->ident,
                                                          NULL)),
                             NULL);
  cb_parser *module_decl = cb_seq(
      g, fold_module_head, cb_optional(g, cb_quiet(g, r->doc)), keyword(g, "module"),
      cb_after(g, cb_expect(g, dotted, "module name"), "the module name"), cb_closer(g, ";"),
      NULL);
  cb_parser *prefix_decl =
      cb_seq(g, fold_second, keyword(g, "prefix"),
             cb_after(g, cb_expect(g, r->ident, "prefix name"), "the prefix"), cb_closer(g, ";"),
             NULL);
  cb_parser *end = cb_lexeme(g, cb_eof(g));
  cb_parser *misplaced = cb_quiet(g, import_rule(r, fold_misplaced_import));
  cb_parser *early = cb_many(g, NULL, misplaced);
  cb_parser *not_import = cb_quiet(g, cb_not(g, keyword(g, "import")));
  /* what may follow each line, for a repair of its ';' */
  cb_parser *after_imports = cb_quiet(g, cb_choice(g, keyword(g, "import"), decl_start(r), end,
                                                   NULL));
  cb_parser *after_module = cb_quiet(g, keyword(g, "prefix"));
  cb_parser *imports = cb_many(g, fold_list,
                               cb_recover_with(g, import_rule(r, fold_import), not_import,
                                               after_imports, sync_import, stand_in_import));
  cb_parser *decl = cb_choice(g, cb_seq(g, fold_decl_class, class_rule(r), NULL),
                              cb_seq(g, fold_decl_enum, enum_rule(r), NULL), misplaced, NULL);
  cb_parser *classes = cb_many(
      g, fold_list, cb_recover_with(g, decl, cb_quiet(g, end), NULL, sync_class, stand_in_decl));
  return cb_seq(g, fold_schema, early,
                cb_recover_with(g, module_decl, never, after_module, sync_decl, NULL), early,
                cb_recover_with(g, prefix_decl, never, after_imports, sync_decl, NULL), imports,
                classes, end, NULL);
}

static cb_parser *build_grammar(cb_grammar *g) {
  grammar_parts r = {g, NULL, NULL, NULL, NULL, NULL, NULL, NULL};
  cb_set_skip(g, skip_rule(g));
  r.doc = doc_rule(g);
  r.ident = ident_rule(g);
  r.integer = integer_rule(g);
  r.string = string_rule(g);
  r.number = number_rule(g);
  r.literal = literal_rule(&r);
  r.type = type_rule(&r);
  return schema_rule(&r);
}

/* ---- reporting ------------------------------------------------------------- */
/* What is at pos, for "found ...": the token quoted, or a description. */
static void describe_found(const char *t, size_t len, size_t pos, char *buf, size_t size) {
  enum { MAX_SHOWN = 40 };
  if (pos >= len) {
    snprintf(buf, size, "end of file");
  } else if (t[pos] == '\n' || t[pos] == '\r') {
    snprintf(buf, size, "end of line");
  } else if (at_doc(t, len, pos)) {
    snprintf(buf, size, "doc comment");
  } else if (t[pos] == '"') {
    snprintf(buf, size, "string");
  } else {
    size_t end = pos + 1;
    if (is_ident_char(t[pos]) || (t[pos] == '-' && pos + 1 < len && is_digit(t[pos + 1])))
      for (end = pos + 1; end < len && is_ident_char(t[end]); end++) {}
    else
      end = pos + (diag_utf8_len(t + pos, len - pos) ? diag_utf8_len(t + pos, len - pos) : 1);
    int shown = (int)(end - pos > MAX_SHOWN ? MAX_SHOWN : end - pos);
    snprintf(buf, size, "'%.*s%s'", shown, t + pos, end - pos > MAX_SHOWN ? "..." : "");
  }
}

/* Where the block comment that never ends begins. */
static size_t unterminated_comment(const char *t, size_t len) {
  for (size_t i = 0; i < len;) {
    if (starts(t, len, i, "/*")) {
      size_t j = i + 2;
      while (j < len && !starts(t, len, j, "*/")) j++;
      if (j >= len) return i;
      i = j + 2;
    } else if (starts(t, len, i, "//")) {
      while (i < len && t[i] != '\n') i++;
    } else if (t[i] == '"') {
      i = raw_token_end(t, len, i);
    } else {
      i++;
    }
  }
  return len;
}

/* Whether another error may be reported: past PARSE_MAX_ERRORS, the
 * reading stops (each resumption skips to the end) with a line that says
 * so. */
static bool room_for_error(ps *s) {
  if (s->too_many) return false;
  if (diag_error_count(s->d) < PARSE_MAX_ERRORS) return true;
  s->too_many = true;
  diag_stopped_after(s->d, PARSE_MAX_ERRORS);
  return false;
}

/* A closer a repair took as written (see cb_recover): reported where it is
 * missing, right after the token before, as a compiler does:
 * "expected ';' after the field's type". */
static void report_missing(ps *s, const cb_error *e) {
  char missing[64] = "";
  size_t used = 0;
  for (size_t i = 0; i < e->missing_count; i++) {
    int n = snprintf(missing + used, sizeof missing - used, "%s%s", i ? " and " : "",
                     e->missing[i]);
    if (n < 0 || (size_t)n >= sizeof missing - used) break;
    used += (size_t)n;
  }
  char message[256];
  const char *after = e->missing_after ? e->missing_after : e->after;
  if (after) snprintf(message, sizeof message, "expected %s after %s", missing, after);
  else snprintf(message, sizeof message, "expected %s", missing); /* after a part skipped */
  /* two closers may be missing at one place: a ';' and the class's '}' */
  if (!diag_has_error_saying(s->d, e->prev_end, message) && room_for_error(s))
    diag_error(s->d, e->prev_end, "%s", message);
}

static void report_syntax(ps *s, const cb_error *e) {
  /* A comment that never ends hides the rest of the file: one error for it,
   * none for what it swallowed. */
  if (s->open_comment && e->pos == s->len) return;
  if (e->missing_count) {
    report_missing(s, e);
    return;
  }
  /* one error per spot: a repair reads a declaration again */
  if (diag_has_any_error_at(s->d, e->pos) || !room_for_error(s)) return;
  if (e->expected_count == 1 && strcmp(e->expected[0], "'*/'") == 0) {
    diag_error(s->d, unterminated_comment(s->text, s->len), "unterminated comment");
    s->open_comment = true;
    return;
  }
  /* Neither buffer bounds what a schema can say: `expected` lists names of
   * the grammar's own items (a fixed set, far below 512 bytes), and `found`
   * quotes the input only up to a short, deliberately cut snippet. */
  char expected[512], found[64];
  cb_expected_text(e, expected, sizeof expected);
  describe_found(s->text, s->len, e->pos, found, sizeof found);
  if (e->expected_count == 0) diag_error(s->d, e->pos, "unexpected %s", found);
  else if (e->after) diag_error(s->d, e->pos, "expected %s after %s, found %s", expected, e->after, found);
  else diag_error(s->d, e->pos, "expected %s, found %s", expected, found);
}

static void on_syntax_error(cb_ctx *c, const cb_error *e) { report_syntax(state(c), e); }

/* The text must be UTF-8 without NULs or control characters (other than tab
 * and line ends): one error per line, and no parsing after them. */
static bool check_encoding(const char *t, size_t len, diag *d) {
  bool ok = true, line_reported = false;
  for (size_t i = 0; i < len; i++) {
    unsigned char b = (unsigned char)t[i];
    const char *problem = NULL;
    if (b == '\n') {
      line_reported = false;
      continue;
    }
    if (b == 0) problem = "NUL byte in schema";
    else if ((b < 0x20 && b != '\t' && b != '\r') || b == 0x7F) problem = "control character";
    else if (b >= 0x80) {
      size_t n = diag_utf8_len(t + i, len - i);
      if (n) i += n - 1;
      else problem = "invalid UTF-8";
    }
    if (!problem || line_reported) continue;
    if (b == 0) diag_error(d, i, "%s", problem);
    else diag_error(d, i, "%s (byte 0x%02X)", problem, b);
    ok = false;
    line_reported = true;
  }
  return ok;
}

ast_module *parse_schema(const char *text, size_t len, diag *d) {
  if (!check_encoding(text, len, d)) return NULL;
  cb_grammar *g = cb_grammar_new();
  cb_arena *nodes = cb_arena_new(); /* the tree's: the grammar goes after the run */
  if (!g || !nodes) {
    cb_grammar_free(g);
    cb_arena_free(nodes);
    diag_out_of_memory(d);
    return NULL;
  }
  cb_parser *root = build_grammar(g);
  ps s = {d, nodes, text, len, false, false, false, 0};
  cb_input in = {text, len, &s, on_syntax_error, 0, nodes};
  cb_val v;
  cb_error e;
  cb_status status = cb_run(g, root, &in, &v, &e);
  if (status == CB_NOMEM) diag_out_of_memory(d);
  else if (status == CB_TOO_DEEP)
    diag_error(d, e.pos, "type nested too deeply (more than %d levels)", PARSE_MAX_TYPE_DEPTH);
  else if (status == CB_FAIL) report_syntax(&s, &e); /* its labels are the grammar's */
  cb_grammar_free(g);
  ast_module *m = status == CB_OK ? v.p : NULL;
  /* After syntax errors the tree holds what parsed and stand-ins for what
   * did not: worth checking unless what names the file sees is unknown. */
  if (m && diag_failed(d) && (s.too_many || s.unchecked || !m->name || !m->prefix)) m = NULL;
  if (!m) {
    cb_arena_free(nodes);
    return NULL;
  }
  m->arena = nodes;
  return m;
}
