/* parse_fold.c - the folds that build the AST (ast.h) from what the rules
 * of parse.c match: each takes the values of a rule's parts and makes the
 * rule's value; tokens become words, literals and doc text, and the
 * declarations become AST nodes with their positions. */
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "parse_parts.h"
#include "ws_float.h"

/* ---- values the folds pass around ---------------------------------------- */
typedef struct word {
  const char *text;
  size_t offset; /* of its first byte */
} word;

typedef struct doc_text {
  const char *text;
  size_t offset;
} doc_text;

typedef struct plist {
  void **items;
  size_t n;
} plist;

typedef struct member {
  ast_field *field; /* exactly one of the two */
  ast_const *constant;
} member;

typedef struct module_head {
  word name;
  doc_text *doc;
} module_head;

#define NEW(c, T) ((T *)cb_arena_alloc(cb_ctx_arena(c), sizeof(T)))

/* ---- folds: cb_val parts in, AST out -------------------------------------- */
bool fold_second(cb_ctx *c, cb_val *out, const cb_val *xs, size_t n) {
  (void)c;
  out->p = n > 1 ? xs[1].p : NULL;
  return true;
}

bool fold_list(cb_ctx *c, cb_val *out, const cb_val *xs, size_t n) {
  plist *l = NEW(c, plist);
  if (!l) return false;
  if (n) {
    l->items = cb_arena_alloc(cb_ctx_arena(c), n * sizeof *l->items);
    if (!l->items) return false;
  }
  for (size_t i = 0; i < n; i++)
    if (xs[i].p) l->items[l->n++] = xs[i].p;
  out->p = l;
  return true;
}

/* The first element, then the list: for "x (',' x)*". */
bool fold_prepend(cb_ctx *c, cb_val *out, const cb_val *xs, size_t n) {
  const plist *rest = n > 1 ? xs[1].p : NULL;
  size_t count = 1 + (rest ? rest->n : 0);
  plist *l = NEW(c, plist);
  if (!l) return false;
  l->items = cb_arena_alloc(cb_ctx_arena(c), count * sizeof *l->items);
  if (!l->items) return false;
  l->items[l->n++] = xs[0].p;
  for (size_t i = 0; rest && i < rest->n; i++) l->items[l->n++] = rest->items[i];
  out->p = l;
  return true;
}

bool fold_word(cb_ctx *c, cb_val *out, const cb_val *xs, size_t n) {
  (void)xs, (void)n;
  word *w = NEW(c, word);
  if (!w) return false;
  w->offset = out->start;
  w->text = cb_arena_strndup(cb_ctx_arena(c), cb_text(c) + out->start, out->end - out->start);
  out->p = w;
  return w->text != NULL;
}

/* ident ("." ident)* joined with dots: the spaces around them dropped. */
bool fold_dotted(cb_ctx *c, cb_val *out, const cb_val *xs, size_t n) {
  (void)n;
  const word *first = xs[0].p;
  const plist *rest = xs[1].p;
  size_t total = strlen(first->text);
  for (size_t i = 0; i < rest->n; i++) total += 1 + strlen(((word *)rest->items[i])->text);
  word *w = NEW(c, word);
  char *buf = cb_arena_alloc(cb_ctx_arena(c), total + 1);
  if (!w || !buf) return false;
  strcpy(buf, first->text);
  for (size_t i = 0; i < rest->n; i++) {
    strcat(buf, ".");
    strcat(buf, ((word *)rest->items[i])->text);
  }
  w->text = buf;
  w->offset = first->offset;
  out->p = w;
  return true;
}

/* Whether a lexical error at offset is to be reported now: once per spot
 * (a repair reads a declaration again), and not past PARSE_MAX_ERRORS. The
 * declaration that holds it is left unchecked either way. */
static bool new_lexical_error(ps *s, size_t offset) {
  s->lexical_at = offset + 1;
  if (s->too_many || diag_has_any_error_at(s->d, offset)) return false;
  if (diag_error_count(s->d) < PARSE_MAX_ERRORS) return true;
  s->too_many = true;
  diag_stopped_after(s->d, PARSE_MAX_ERRORS);
  return false;
}

static void lexical_error(ps *s, size_t offset, const char *message) {
  if (new_lexical_error(s, offset)) diag_error(s->d, offset, "%s", message);
}

static ast_literal *new_literal(cb_ctx *c, ast_literal_kind kind, const cb_val *span) {
  ps *s = state(c);
  ast_literal *l = NEW(c, ast_literal);
  if (!l) return NULL;
  l->kind = kind;
  l->pos = parse_pos_at(s, span->start);
  l->text = cb_arena_strndup(cb_ctx_arena(c), s->text + l->pos.offset, span->end - l->pos.offset);
  return l->text ? l : NULL;
}

/* '-'? digit+ : out of the int64 range is an error here, not later. */
bool fold_integer(cb_ctx *c, cb_val *out, const cb_val *xs, size_t n) {
  (void)xs, (void)n;
  ast_literal *l = new_literal(c, AST_LIT_INT, out);
  if (!l) return false;
  bool negative = l->text[0] == '-';
  uint64_t limit = negative ? (uint64_t)INT64_MAX + 1 : (uint64_t)INT64_MAX, v = 0;
  for (const char *p = l->text + negative; *p; p++) {
    unsigned digit = (unsigned)(*p - '0');
    if (v > (limit - digit) / 10) {
      lexical_error(state(c), l->pos.offset, "integer out of range (64-bit signed)");
      v = 0;
      break;
    }
    v = v * 10 + digit;
  }
  l->i = negative ? (v == 0 ? 0 : -(int64_t)(v - 1) - 1) : (int64_t)v;
  out->p = l;
  return true;
}

/* A number: an integer (as fold_integer) unless it has a fraction or an
 * exponent, then a float, which must be a well-formed JSON number that a
 * double holds (a value too small for one becomes 0 or a subnormal, as
 * Python's float() gives). */
bool fold_number(cb_ctx *c, cb_val *out, const cb_val *xs, size_t n) {
  ast_literal *l = new_literal(c, AST_LIT_FLOAT, out);
  if (!l) return false;
  if (strpbrk(l->text, ".eE") == NULL) { /* the arena keeps l until the end */
    if (!fold_integer(c, out, xs, n)) return false;
    l = out->p;
    l->f = (double)l->i;
    return true;
  }
  switch (ws_float_parse(l->text, strlen(l->text), &l->f)) {
  case WS_FLOAT_OK: break;
  case WS_FLOAT_OVERFLOW:
    if (new_lexical_error(state(c), l->pos.offset))
      diag_error(state(c)->d, l->pos.offset,
                 "float literal '%s' is out of range: a double holds at most "
                 "1.7976931348623157e+308",
                 l->text);
    break;
  default:
    if (new_lexical_error(state(c), l->pos.offset))
      diag_error(state(c)->d, l->pos.offset,
                 "malformed float literal '%s': write an optional '-', digits (no leading "
                 "zero), then '.' and digits, an exponent, or both: 1.5, -0.5, 2e10, 1e-3",
                 l->text);
  }
  out->p = l;
  return true;
}

static unsigned hex_value(char ch) {
  if (ch >= '0' && ch <= '9') return (unsigned)(ch - '0');
  if (ch >= 'a' && ch <= 'f') return (unsigned)(ch - 'a' + 10);
  return (unsigned)(ch - 'A' + 10);
}

/* Appends code point cp (< 0x10000) as UTF-8. */
static size_t put_utf8(char *out, unsigned cp) {
  if (cp < 0x80) {
    out[0] = (char)cp;
    return 1;
  }
  if (cp < 0x800) {
    out[0] = (char)(0xC0 | cp >> 6);
    out[1] = (char)(0x80 | (cp & 0x3F));
    return 2;
  }
  out[0] = (char)(0xE0 | cp >> 12);
  out[1] = (char)(0x80 | (cp >> 6 & 0x3F));
  out[2] = (char)(0x80 | (cp & 0x3F));
  return 3;
}

/* '"' char* '"': the grammar has checked the escapes' shape; here they are
 * decoded (the result is never longer than the text). */
bool fold_string(cb_ctx *c, cb_val *out, const cb_val *xs, size_t n) {
  (void)xs, (void)n;
  ast_literal *l = new_literal(c, AST_LIT_STR, out);
  if (!l) return false;
  size_t raw_len = strlen(l->text);
  char *buf = cb_arena_alloc(cb_ctx_arena(c), raw_len);
  if (!buf) return false;
  size_t used = 0;
  for (size_t i = 1; i + 1 < raw_len; i++) {
    if (l->text[i] != '\\') {
      buf[used++] = l->text[i];
      continue;
    }
    char e = l->text[++i];
    if (e == 'u') {
      unsigned cp = 0;
      for (size_t k = 1; k <= 4; k++) cp = cp << 4 | hex_value(l->text[i + k]);
      if (cp >= 0xD800 && cp <= 0xDFFF)
        lexical_error(state(c), l->pos.offset + i - 1,
                      "\\u escape of a surrogate (U+D800..U+DFFF) in a string");
      used += put_utf8(buf + used, cp);
      i += 4;
    } else {
      buf[used++] = e == 'n' ? '\n' : e == 'r' ? '\r' : e == 't' ? '\t' : e;
    }
  }
  buf[used] = '\0';
  l->s = buf;
  l->s_len = used;
  out->p = l;
  return true;
}

#define LITERAL_FOLD(name, kind)                                           \
  bool name(cb_ctx *c, cb_val *out, const cb_val *xs, size_t n) {         \
    (void)xs, (void)n;                                                     \
    out->p = new_literal(c, kind, out);                                    \
    return out->p != NULL;                                                 \
  }
LITERAL_FOLD(fold_true, AST_LIT_TRUE)
LITERAL_FOLD(fold_false, AST_LIT_FALSE)
LITERAL_FOLD(fold_null, AST_LIT_NULL)
LITERAL_FOLD(fold_empty_list, AST_LIT_EMPTY_LIST)
LITERAL_FOLD(fold_empty_map, AST_LIT_EMPTY_MAP)

/* "///" lines: one space after "///" dropped, lines joined with "\n". */
bool fold_doc(cb_ctx *c, cb_val *out, const cb_val *xs, size_t n) {
  const char *t = cb_text(c);
  size_t total = 0;
  for (size_t i = 0; i < n; i++) total += xs[i].end - xs[i].start + 1;
  doc_text *doc = NEW(c, doc_text);
  char *buf = cb_arena_alloc(cb_ctx_arena(c), total + 1);
  if (!doc || !buf) return false;
  size_t used = 0;
  for (size_t i = 0; i < n; i++) {
    size_t a = xs[i].start + 3, b = xs[i].end;
    if (a < b && t[a] == ' ') a++;
    if (b > a && t[b - 1] == '\r') b--;
    if (i) buf[used++] = '\n';
    memcpy(buf + used, t + a, b - a);
    used += b - a;
  }
  buf[used] = '\0';
  doc->text = buf;
  doc->offset = xs[0].start;
  out->p = doc;
  return true;
}

static ast_type *new_type(cb_ctx *c, ast_type_kind kind, size_t offset) {
  ast_type *t = NEW(c, ast_type);
  if (t) {
    t->kind = kind;
    t->pos = parse_pos_at(state(c), offset);
  }
  return t;
}

bool fold_opt_mark(cb_ctx *c, cb_val *out, const cb_val *xs, size_t n) {
  (void)xs, (void)n;
  out->p = new_type(c, AST_TYPE_OPT, out->start);
  return out->p != NULL;
}

/* ident type_args? "?"* */
bool fold_type(cb_ctx *c, cb_val *out, const cb_val *xs, size_t n) {
  (void)n;
  const word *name = xs[0].p;
  const plist *args = xs[1].p, *marks = xs[2].p;
  ast_type *t = new_type(c, AST_TYPE_NAME, name->offset);
  if (!t) return false;
  t->name = name->text;
  if (args) {
    t->has_args = true;
    t->args = (ast_type **)args->items;
    t->arg_count = args->n;
  }
  for (size_t i = 0; i < marks->n; i++) {
    ast_type *opt = marks->items[i];
    opt->elem = t;
    t = opt;
  }
  out->p = t;
  return true;
}

bool fold_constraint(cb_ctx *c, cb_val *out, const cb_val *xs, size_t n) {
  ast_constraint *k = NEW(c, ast_constraint);
  if (!k) return false;
  k->pos = parse_pos_at(state(c), out->start);
  k->kind = n > 2 ? AST_RANGE : n > 1 ? AST_MAX_LEN : AST_HTTP;
  if (n > 2) {
    k->lo = xs[1].p;
    k->hi = xs[3].p;
  } else if (n > 1) {
    k->a = ((ast_literal *)xs[1].p)->i;
  }
  out->p = k;
  return true;
}

static void set_doc(const doc_text *doc, ps *s, const char **text, ast_pos *pos) {
  if (!doc) return;
  *text = doc->text;
  *pos = parse_pos_at(s, doc->offset);
}

/* field = ident ":" type ("=" literal)? constraints? ";" */
bool fold_field(cb_ctx *c, cb_val *out, const cb_val *xs, size_t n) {
  (void)n;
  const word *name = xs[0].p;
  const plist *constraints = xs[4].p;
  ast_field *f = NEW(c, ast_field);
  member *m = NEW(c, member);
  if (!f || !m) return false;
  f->name = name->text;
  f->pos = parse_pos_at(state(c), name->offset);
  f->type = xs[2].p;
  f->def = xs[3].p;
  if (constraints) {
    f->constraint_count = constraints->n;
    f->constraints = cb_arena_alloc(cb_ctx_arena(c), constraints->n * sizeof *f->constraints);
    if (!f->constraints) return false;
    for (size_t i = 0; i < constraints->n; i++)
      f->constraints[i] = *(ast_constraint *)constraints->items[i];
  }
  m->field = f;
  out->p = m;
  parse_mute_if_lexical(c, out);
  return true;
}

/* constant = "const" ident ":" type "=" literal ";" */
bool fold_const(cb_ctx *c, cb_val *out, const cb_val *xs, size_t n) {
  (void)n;
  const word *name = xs[1].p;
  ast_const *k = NEW(c, ast_const);
  member *m = NEW(c, member);
  if (!k || !m) return false;
  k->name = name->text;
  k->pos = parse_pos_at(state(c), name->offset);
  k->type = xs[3].p;
  k->value = xs[5].p;
  m->constant = k;
  out->p = m;
  parse_mute_if_lexical(c, out);
  return true;
}

/* member = doc? (field | constant) */
bool fold_member(cb_ctx *c, cb_val *out, const cb_val *xs, size_t n) {
  (void)n;
  member *m = xs[1].p;
  if (m->field) set_doc(xs[0].p, state(c), &m->field->doc, &m->field->doc_pos);
  else set_doc(xs[0].p, state(c), &m->constant->doc, &m->constant->doc_pos);
  out->p = m;
  return true;
}

/* class_decl = doc? class_kind ident (":" ident)? "{" member* "}" */
bool fold_class(cb_ctx *c, cb_val *out, const cb_val *xs, size_t n) {
  (void)n;
  ps *s = state(c);
  const word *name = xs[2].p, *base = xs[3].p;
  const plist *members = xs[5].p;
  ast_class *k = NEW(c, ast_class);
  if (!k) return false;
  set_doc(xs[0].p, s, &k->doc, &k->doc_pos);
  k->pos = parse_pos_at(s, xs[1].start);
  k->is_abstract = parse_word_is(s->text, s->len, k->pos.offset, "abstract");
  k->is_exception = parse_word_is(s->text, s->len, k->pos.offset, "exception");
  k->name = name->text;
  k->name_pos = parse_pos_at(s, name->offset);
  if (base) {
    k->base = base->text;
    k->base_pos = parse_pos_at(s, base->offset);
  }
  size_t fields = 0;
  for (size_t i = 0; i < members->n; i++) fields += ((member *)members->items[i])->field != NULL;
  k->fields = cb_arena_alloc(cb_ctx_arena(c), (fields + 1) * sizeof *k->fields);
  k->consts = cb_arena_alloc(cb_ctx_arena(c), (members->n - fields + 1) * sizeof *k->consts);
  if (!k->fields || !k->consts) return false;
  for (size_t i = 0; i < members->n; i++) {
    member *m = members->items[i];
    if (m->field) k->fields[k->field_count++] = m->field;
    else k->consts[k->const_count++] = m->constant;
  }
  out->p = k;
  return true;
}

/* module_decl = doc? "module" dotted_name ";" */
bool fold_module_head(cb_ctx *c, cb_val *out, const cb_val *xs, size_t n) {
  (void)n;
  module_head *h = NEW(c, module_head);
  if (!h) return false;
  h->doc = xs[0].p;
  h->name = *(word *)xs[2].p;
  out->p = h;
  return true;
}

/* schema = module_decl prefix_decl import_decl* (class_decl | enum_decl)* EOF */
bool fold_schema(cb_ctx *c, cb_val *out, const cb_val *xs, size_t n) {
  (void)n;
  ps *s = state(c);
  const module_head *head = xs[1].p; /* xs[0] and xs[2]: misplaced imports */
  const word *prefix = xs[3].p;
  const plist *imports = xs[4].p;
  const plist *classes = xs[5].p;
  ast_module *m = NEW(c, ast_module);
  if (!m) return false;
  if (head) {
    m->name = head->name.text;
    m->name_pos = parse_pos_at(s, head->name.offset);
    set_doc(head->doc, s, &m->doc, &m->doc_pos);
  }
  if (prefix) {
    m->prefix = prefix->text;
    m->prefix_pos = parse_pos_at(s, prefix->offset);
  }
  m->imports = (ast_import **)imports->items;
  m->import_count = imports->n;
  if (!parse_split_decls(c, m, classes->items, classes->n))
    return false;
  out->p = m;
  return true;
}

/* ---- constraints that take a count, and alias ------------------------------ */

/* ("min_len" | "min_items" | "max_items") integer */
bool fold_count_constraint(cb_ctx *c, cb_val *out, const cb_val *xs, size_t n) {
  (void)n;
  ps *s = state(c);
  ast_constraint *k = NEW(c, ast_constraint);
  if (!k) return false;
  k->pos = parse_pos_at(s, out->start);
  k->kind = parse_word_is(s->text, s->len, k->pos.offset, "min_len")     ? AST_MIN_LEN
            : parse_word_is(s->text, s->len, k->pos.offset, "min_items") ? AST_MIN_ITEMS
                                                                         : AST_MAX_ITEMS;
  k->a = ((ast_literal *)xs[1].p)->i;
  out->p = k;
  return true;
}

/* "alias" string */
bool fold_alias(cb_ctx *c, cb_val *out, const cb_val *xs, size_t n) {
  (void)n;
  ast_constraint *k = NEW(c, ast_constraint);
  if (!k) return false;
  k->pos = parse_pos_at(state(c), out->start);
  k->kind = AST_ALIAS;
  k->alias = xs[1].p;
  out->p = k;
  return true;
}

/* ---- enums ------------------------------------------------------------------ */

/* ident, as a default: the name of an enum member */
bool fold_name_literal(cb_ctx *c, cb_val *out, const cb_val *xs, size_t n) {
  (void)xs, (void)n;
  out->p = new_literal(c, AST_LIT_NAME, out);
  return out->p != NULL;
}

/* enum_member = doc? ident "=" (string | integer) */
bool fold_enum_member(cb_ctx *c, cb_val *out, const cb_val *xs, size_t n) {
  (void)n;
  const word *name = xs[1].p;
  ast_enum_member *m = NEW(c, ast_enum_member);
  if (!m) return false;
  set_doc(xs[0].p, state(c), &m->doc, &m->doc_pos);
  m->name = name->text;
  m->pos = parse_pos_at(state(c), name->offset);
  m->value = xs[3].p;
  out->p = m;
  parse_mute_if_lexical(c, out);
  return true;
}

/* enum_decl = doc? "enum" ident "{" (enum_member ("," enum_member)* ","?)? "}" */
bool fold_enum(cb_ctx *c, cb_val *out, const cb_val *xs, size_t n) {
  (void)n;
  ps *s = state(c);
  const word *name = xs[2].p;
  const plist *members = xs[4].p;
  ast_enum *e = NEW(c, ast_enum);
  if (!e) return false;
  set_doc(xs[0].p, s, &e->doc, &e->doc_pos);
  e->pos = parse_pos_at(s, xs[1].start);
  e->name = name->text;
  e->name_pos = parse_pos_at(s, name->offset);
  if (members) {
    e->members = (ast_enum_member **)members->items;
    e->member_count = members->n;
  }
  out->p = e;
  return true;
}

bool fold_decl_class(cb_ctx *c, cb_val *out, const cb_val *xs, size_t n) {
  (void)n;
  parse_decl *d = NEW(c, parse_decl);
  if (!d) return false;
  d->class_decl = xs[0].p;
  out->p = d;
  return true;
}

bool fold_decl_enum(cb_ctx *c, cb_val *out, const cb_val *xs, size_t n) {
  (void)n;
  parse_decl *d = NEW(c, parse_decl);
  if (!d) return false;
  d->enum_decl = xs[0].p;
  out->p = d;
  return true;
}

bool parse_split_decls(cb_ctx *c, ast_module *m, void *const *decls, size_t n) {
  m->classes = cb_arena_alloc(cb_ctx_arena(c), (n + 1) * sizeof *m->classes);
  m->enums = cb_arena_alloc(cb_ctx_arena(c), (n + 1) * sizeof *m->enums);
  if (!m->classes || !m->enums) return false;
  for (size_t i = 0; i < n; i++) {
    const parse_decl *d = decls[i];
    if (d->class_decl) m->classes[m->class_count++] = d->class_decl;
    else if (d->enum_decl) m->enums[m->enum_count++] = d->enum_decl;
  }
  return true;
}

/* ---- stand-ins: what a declaration that did not parse leaves ---------------- */

void parse_mute_if_lexical(cb_ctx *c, const cb_val *out) {
  ps *s = state(c);
  if (s->lexical_at > out->start && s->lexical_at <= out->end)
    diag_mute(s->d, out->start, out->end);
}

bool parse_stand_in_member(cb_ctx *c, cb_val *out, size_t at, size_t n, bool is_const) {
  ps *s = state(c);
  member *m = NEW(c, member);
  const char *name = cb_arena_strndup(cb_ctx_arena(c), s->text + at, n);
  if (!m || !name) return false;
  if (is_const) {
    ast_const *k = NEW(c, ast_const);
    if (!k) return false;
    k->name = name;
    k->pos = parse_pos_at(s, at);
    k->broken = true;
    m->constant = k;
  } else {
    ast_field *f = NEW(c, ast_field);
    if (!f) return false;
    f->name = name;
    f->pos = parse_pos_at(s, at);
    f->broken = true;
    m->field = f;
  }
  out->p = m;
  return true;
}

static ast_class *stand_in_class(cb_ctx *c, const parse_stand_in *in, const char *name) {
  ps *s = state(c);
  ast_class *k = NEW(c, ast_class);
  if (!k) return NULL;
  k->pos = parse_pos_at(s, in->kind_at);
  k->name = name;
  k->name_pos = parse_pos_at(s, in->name_at);
  k->is_abstract = in->is_abstract;
  k->is_exception = in->is_exception;
  k->broken = true;
  k->fields = cb_arena_alloc(cb_ctx_arena(c), sizeof *k->fields);
  k->consts = cb_arena_alloc(cb_ctx_arena(c), sizeof *k->consts);
  if (in->base_n) {
    k->base = cb_arena_strndup(cb_ctx_arena(c), s->text + in->base_at, in->base_n);
    k->base_pos = parse_pos_at(s, in->base_at);
  }
  return k->fields && k->consts && (!in->base_n || k->base) ? k : NULL;
}

static ast_enum *stand_in_enum(cb_ctx *c, const parse_stand_in *in, const char *name) {
  ps *s = state(c);
  ast_enum *e = NEW(c, ast_enum);
  if (!e) return NULL;
  e->pos = parse_pos_at(s, in->kind_at);
  e->name = name;
  e->name_pos = parse_pos_at(s, in->name_at);
  e->broken = true;
  return e;
}

bool parse_stand_in_decl(cb_ctx *c, cb_val *out, const parse_stand_in *in) {
  ps *s = state(c);
  parse_decl *d = NEW(c, parse_decl);
  const char *name = cb_arena_strndup(cb_ctx_arena(c), s->text + in->name_at, in->name_n);
  if (!d || !name) return false;
  if (in->is_enum) d->enum_decl = stand_in_enum(c, in, name);
  else d->class_decl = stand_in_class(c, in, name);
  out->p = d;
  return d->enum_decl || d->class_decl;
}
