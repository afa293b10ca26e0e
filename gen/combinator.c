/* combinator.c - the parser-combinator core: an arena, parser nodes, and one
 * interpreter (run) that walks them with backtracking and furthest-failure
 * error tracking. See combinator.h for the vocabulary.
 *
 * Longer than most files here: cb_recover's repairs (a missing closer
 * taken as written) rerun parts of the interpreter with its run state,
 * which nothing outside this file sees; splitting them off would expose
 * that state. */
#include "combinator.h"

#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* ---- arena ---------------------------------------------------------------- */
typedef struct cb_chunk {
  struct cb_chunk *next;
  size_t used, size;
  max_align_t data[]; /* flexible array member: aligned for anything */
} cb_chunk;

struct cb_arena {
  cb_chunk *head;
  size_t next_size;
};

/* Small at first: every imported module keeps its syntax tree's arena. */
enum { CB_FIRST_CHUNK = 2 * 1024, CB_MAX_CHUNK = 1024 * 1024 };

cb_arena *cb_arena_new(void) {
  cb_arena *a = calloc(1, sizeof *a);
  if (a) a->next_size = CB_FIRST_CHUNK;
  return a;
}

static size_t round_up(size_t n) {
  size_t align = sizeof(max_align_t);
  return (n + align - 1) / align * align;
}

void *cb_arena_alloc(cb_arena *a, size_t size) {
  size = round_up(size ? size : 1);
  cb_chunk *c = a->head;
  if (!c || c->size - c->used < size) {
    size_t want = size > a->next_size ? size : a->next_size;
    if (want > SIZE_MAX - sizeof *c) return NULL;
    c = malloc(sizeof *c + want);
    if (!c) return NULL;
    c->next = a->head;
    c->used = 0;
    c->size = want;
    a->head = c;
    if (a->next_size < CB_MAX_CHUNK) a->next_size *= 2;
  }
  void *p = (char *)c->data + c->used;
  c->used += size;
  memset(p, 0, size);
  return p;
}

char *cb_arena_strndup(cb_arena *a, const char *s, size_t n) {
  if (n == SIZE_MAX) return NULL;
  char *d = cb_arena_alloc(a, n + 1);
  if (d && n) memcpy(d, s, n);
  return d;
}

void cb_arena_free(cb_arena *a) {
  if (!a) return;
  for (cb_chunk *c = a->head, *next; c; c = next) {
    next = c->next;
    free(c);
  }
  free(a);
}

/* ---- parser nodes ---------------------------------------------------------- */
typedef enum cb_kind {
  CB_CLASS,
  CB_STRING,
  CB_EOF,
  CB_SEQ,
  CB_CHOICE,
  CB_MANY,
  CB_OPTIONAL,
  CB_NOT,
  CB_LEXEME,
  CB_EXPECT,
  CB_QUIET,
  CB_RULE,
  CB_LIMIT,
  CB_RECOVER,
  CB_AFTER
} cb_kind;

struct cb_parser {
  cb_kind kind;
  const char *label;        /* what a failure expects / a success names */
  unsigned char set[32];    /* CB_CLASS: 256-bit membership */
  const char *str;          /* CB_STRING */
  size_t str_len;
  cb_parser **kids;         /* parts; kids[0] for single-part kinds */
  size_t kid_count;
  size_t min;               /* CB_MANY: 0 or 1 */
  cb_fold fold;
  cb_sync sync;             /* CB_RECOVER; kids[1] is its stop parser */
  cb_fallback fallback;     /* CB_RECOVER: what stands for a failed part */
  size_t max, active;       /* CB_LIMIT: the bound, and the current nesting */
  bool insertable;          /* CB_STRING made by cb_closer */
};

struct cb_grammar {
  cb_arena *arena;
  cb_parser *skip;
  bool oom; /* a constructor failed: the grammar is incomplete */
};

cb_grammar *cb_grammar_new(void) {
  cb_grammar *g = calloc(1, sizeof *g);
  if (!g) return NULL;
  g->arena = cb_arena_new();
  if (!g->arena) {
    free(g);
    return NULL;
  }
  return g;
}

cb_arena *cb_grammar_arena(cb_grammar *g) { return g->arena; }

void cb_grammar_free(cb_grammar *g) {
  if (!g) return;
  cb_arena_free(g->arena);
  free(g);
}

void cb_set_skip(cb_grammar *g, cb_parser *skip) { g->skip = skip; }

static cb_parser *node(cb_grammar *g, cb_kind kind, size_t kid_count) {
  cb_parser *p = cb_arena_alloc(g->arena, sizeof *p);
  if (p && kid_count) {
    p->kids = cb_arena_alloc(g->arena, kid_count * sizeof *p->kids);
    p->kid_count = kid_count;
    if (!p->kids) p = NULL;
  }
  if (!p) {
    g->oom = true;
    return NULL;
  }
  p->kind = kind;
  return p;
}

static cb_parser *wrap(cb_grammar *g, cb_kind kind, cb_parser *inner) {
  if (!inner) return NULL;
  cb_parser *p = node(g, kind, 1);
  if (p) p->kids[0] = inner;
  return p;
}

/* "'x'" for a literal, so expected sets read like the source. */
static const char *quoted(cb_grammar *g, const char *s, size_t n) {
  char *q = cb_arena_alloc(g->arena, n + 3);
  if (!q) {
    g->oom = true;
    return NULL;
  }
  q[0] = '\'';
  memcpy(q + 1, s, n);
  q[n + 1] = '\'';
  return q;
}

static void set_add(unsigned char *set, unsigned char b) {
  set[b / 8] = (unsigned char)(set[b / 8] | (1u << (b % 8)));
}

static bool set_has(const unsigned char *set, unsigned char b) {
  return ((unsigned)set[b / 8] >> (b % 8u)) & 1u;
}

static cb_parser *class_node(cb_grammar *g, const char *spec, const char *label, bool negate) {
  cb_parser *p = node(g, CB_CLASS, 0);
  if (!p) return NULL;
  p->label = label;
  const unsigned char *s = (const unsigned char *)spec;
  for (size_t i = 0; s[i]; i++) {
    if (s[i + 1] == '-' && s[i + 2]) {
      for (unsigned b = s[i]; b <= s[i + 2]; b++) set_add(p->set, (unsigned char)b);
      i += 2;
    } else {
      set_add(p->set, s[i]);
    }
  }
  if (negate) {
    for (size_t i = 0; i < sizeof p->set; i++) p->set[i] = (unsigned char)~p->set[i];
    for (unsigned b = 0x80; b < 0x100; b++) set_add(p->set, (unsigned char)b);
  }
  return p;
}

cb_parser *cb_class(cb_grammar *g, const char *spec, const char *label) {
  return class_node(g, spec, label, false);
}

cb_parser *cb_not_class(cb_grammar *g, const char *spec, const char *label) {
  return class_node(g, spec, label, true);
}

cb_parser *cb_any(cb_grammar *g) {
  cb_parser *p = node(g, CB_CLASS, 0);
  if (!p) return NULL;
  memset(p->set, 0xff, sizeof p->set);
  p->label = "any character";
  return p;
}

const char *cb_quote(cb_grammar *g, const char *s) { return quoted(g, s, strlen(s)); }

cb_parser *cb_string(cb_grammar *g, const char *s) {
  cb_parser *p = node(g, CB_STRING, 0);
  if (!p) return NULL;
  p->str_len = strlen(s);
  p->str = cb_arena_strndup(g->arena, s, p->str_len);
  p->label = quoted(g, s, p->str_len);
  if (!p->str) g->oom = true;
  return p->str && p->label ? p : NULL;
}

cb_parser *cb_char(cb_grammar *g, char ch) {
  char s[2] = {ch, '\0'};
  return cb_string(g, s);
}

cb_parser *cb_eof(cb_grammar *g) {
  cb_parser *p = node(g, CB_EOF, 0);
  if (p) p->label = "end of file";
  return p;
}

/* Reads a NULL-terminated list of parts. A part that failed to build is also
 * NULL and cuts the list short; the grammar is then marked out of memory and
 * never runs, so that is harmless. */
static cb_parser *list_node(cb_grammar *g, cb_kind kind, va_list ap) {
  cb_parser *parts[32];
  size_t n = 0;
  for (cb_parser *x; (x = va_arg(ap, cb_parser *)) != NULL;) {
    if (n == 32) {
      g->oom = true; /* more parts than any rule needs: refuse to run */
      return NULL;
    }
    parts[n++] = x;
  }
  cb_parser *p = node(g, kind, n);
  if (!p) return NULL;
  if (n) memcpy(p->kids, parts, n * sizeof *parts); /* kids is NULL for none */
  return p;
}

cb_parser *cb_seq(cb_grammar *g, cb_fold fold, ...) {
  va_list ap;
  va_start(ap, fold);
  cb_parser *p = list_node(g, CB_SEQ, ap);
  va_end(ap);
  if (p) p->fold = fold;
  return p;
}

cb_parser *cb_choice(cb_grammar *g, ...) {
  va_list ap;
  va_start(ap, g);
  cb_parser *p = list_node(g, CB_CHOICE, ap);
  va_end(ap);
  return p;
}

static cb_parser *many_node(cb_grammar *g, cb_fold fold, cb_parser *inner, size_t min) {
  cb_parser *p = wrap(g, CB_MANY, inner);
  if (!p) return NULL;
  p->fold = fold;
  p->min = min;
  return p;
}

cb_parser *cb_many(cb_grammar *g, cb_fold fold, cb_parser *p) { return many_node(g, fold, p, 0); }
cb_parser *cb_many1(cb_grammar *g, cb_fold fold, cb_parser *p) { return many_node(g, fold, p, 1); }
cb_parser *cb_optional(cb_grammar *g, cb_parser *p) { return wrap(g, CB_OPTIONAL, p); }
cb_parser *cb_not(cb_grammar *g, cb_parser *p) { return wrap(g, CB_NOT, p); }
cb_parser *cb_quiet(cb_grammar *g, cb_parser *p) { return wrap(g, CB_QUIET, p); }

cb_parser *cb_after(cb_grammar *g, cb_parser *inner, const char *what) {
  cb_parser *p = wrap(g, CB_AFTER, inner);
  if (p) p->label = what;
  return p;
}

cb_parser *cb_closer(cb_grammar *g, const char *s) {
  cb_parser *token = cb_string(g, s);
  if (token) token->insertable = true;
  return cb_lexeme(g, token);
}

cb_parser *cb_lexeme(cb_grammar *g, cb_parser *inner) {
  cb_parser *p = wrap(g, CB_LEXEME, inner);
  if (p) p->label = inner->label;
  return p;
}

cb_parser *cb_expect(cb_grammar *g, cb_parser *inner, const char *label) {
  if (!label) return NULL;
  cb_parser *p = wrap(g, CB_EXPECT, inner);
  if (p) p->label = label;
  return p;
}

cb_parser *cb_limit(cb_grammar *g, cb_parser *inner, size_t max) {
  cb_parser *p = wrap(g, CB_LIMIT, inner);
  if (p) p->max = max;
  return p;
}

cb_parser *cb_rule(cb_grammar *g) { return node(g, CB_RULE, 1); }

void cb_define(cb_parser *rule, cb_parser *p) {
  if (rule) rule->kids[0] = p;
}

cb_parser *cb_recover_with(cb_grammar *g, cb_parser *inner, cb_parser *stop, cb_parser *follow,
                           cb_sync sync, cb_fallback fallback) {
  if (!inner || !stop) return NULL;
  cb_parser *p = node(g, CB_RECOVER, 3);
  if (!p) return NULL;
  p->kids[0] = inner;
  p->kids[1] = stop;
  p->kids[2] = follow;
  p->sync = sync;
  p->fallback = fallback;
  return p;
}

cb_parser *cb_recover(cb_grammar *g, cb_parser *inner, cb_parser *stop, cb_sync sync) {
  return cb_recover_with(g, inner, stop, NULL, sync, NULL);
}

/* ---- the run --------------------------------------------------------------- */
struct cb_ctx {
  const cb_grammar *g;
  const cb_input *in;
  cb_error err;
  bool err_set;
  unsigned quiet;      /* > 0: failures are not recorded (lookahead) */
  bool skipping;       /* inside the skip parser, which skips nothing itself */
  /* The token being tried: it starts at tok_pre, after skipping at tok_post. */
  size_t tok_pre, tok_post;
  /* The last named success and where it ended: an error's "after". */
  const char *last_label;
  size_t last_end;
  bool has_last;
  /* The last cb_after success and where it ended. */
  const char *last_what;
  size_t what_end;
  bool has_what;
  /* Closers a repair takes as written: the label at pos (see cb_recover).
   * Bounded: a run reports few errors, each repaired by at most three. */
  struct { size_t pos; const char *label; } ins[CB_MAX_INSERTIONS];
  size_t ins_count;
  unsigned trial; /* > 0: inside a repair's trial run */
  size_t depth, max_depth;
  /* skip_from's last clean answer: where the skip from skip_memo_from ends.
   * The alternatives of a choice each start with a token at the same
   * place, and would each run the skip parser over the same blanks. */
  bool skip_memo_set;
  size_t skip_memo_from, skip_memo_to;
  cb_status fatal;     /* CB_OK while running normally */
  cb_val *stack;       /* values of the sequences/repetitions in progress */
  size_t stack_len, stack_cap;
};

const char *cb_text(const cb_ctx *c) { return c->in->text; }
size_t cb_len(const cb_ctx *c) { return c->in->len; }
void *cb_user(const cb_ctx *c) { return c->in->user; }
cb_arena *cb_ctx_arena(const cb_ctx *c) { return c->in->arena ? c->in->arena : c->g->arena; }

static void expect_at(cb_ctx *c, size_t pos, const char *label, bool insertable) {
  if (c->quiet || !label) return;
  const char *after = NULL, *what = NULL;
  bool at_token = pos == c->tok_post;
  if (at_token && c->has_last && c->last_end == c->tok_pre) after = c->last_label;
  if (at_token && c->has_what && c->what_end == c->tok_pre) what = c->last_what;
  if (!c->err_set || pos > c->err.pos) {
    memset(&c->err, 0, sizeof c->err);
    c->err.pos = pos;
    c->err.prev_end = at_token ? c->tok_pre : pos;
    c->err_set = true;
  } else if (pos < c->err.pos) {
    return;
  }
  if (!c->err.after) c->err.after = after;
  for (size_t i = 0; i < c->err.expected_count; i++) {
    if (strcmp(c->err.expected[i], label) != 0) continue;
    if (insertable && !c->err.insertable[i]) c->err.whats[i] = what;
    c->err.insertable[i] = c->err.insertable[i] || insertable;
    return;
  }
  if (c->err.expected_count < CB_MAX_EXPECTED) {
    c->err.insertable[c->err.expected_count] = insertable;
    c->err.whats[c->err.expected_count] = what;
    c->err.expected[c->err.expected_count++] = label;
  }
}

static bool push(cb_ctx *c, cb_val v) {
  if (c->stack_len == c->stack_cap) {
    size_t cap = c->stack_cap ? c->stack_cap * 2 : 64;
    cb_val *s = realloc(c->stack, cap * sizeof *s);
    if (!s) {
      c->fatal = CB_NOMEM;
      return false;
    }
    c->stack = s;
    c->stack_cap = cap;
  }
  c->stack[c->stack_len++] = v;
  return true;
}

static bool run(cb_ctx *c, const cb_parser *p, size_t *pos, cb_val *out);

/* Folds the values pushed since `base` into out, then pops them. */
static bool fold_parts(cb_ctx *c, const cb_parser *p, size_t base, cb_val *out) {
  bool ok = true;
  if (p->fold && !c->trial) ok = p->fold(c, out, c->stack + base, c->stack_len - base);
  c->stack_len = base;
  if (!ok) c->fatal = CB_NOMEM;
  return ok;
}

static bool run_seq(cb_ctx *c, const cb_parser *p, size_t *pos, cb_val *out) {
  size_t base = c->stack_len, at = *pos;
  for (size_t i = 0; i < p->kid_count; i++) {
    cb_val v;
    if (!run(c, p->kids[i], &at, &v) || !push(c, v)) {
      c->stack_len = base;
      return false;
    }
  }
  *out = (cb_val){NULL, *pos, at};
  *pos = at;
  return fold_parts(c, p, base, out);
}

static bool run_choice(cb_ctx *c, const cb_parser *p, size_t *pos, cb_val *out) {
  for (size_t i = 0; i < p->kid_count && !c->fatal; i++)
    if (run(c, p->kids[i], pos, out)) return true;
  return false;
}

static bool run_many(cb_ctx *c, const cb_parser *p, size_t *pos, cb_val *out) {
  size_t base = c->stack_len, at = *pos;
  for (;;) {
    cb_val v;
    size_t before = at;
    if (!run(c, p->kids[0], &at, &v)) break;
    if (!push(c, v)) break;
    if (at == before) break; /* an item that matched nothing would loop forever */
  }
  if (c->fatal || c->stack_len - base < p->min) {
    c->stack_len = base;
    return false;
  }
  *out = (cb_val){NULL, *pos, at};
  *pos = at;
  return fold_parts(c, p, base, out);
}

/* What names the token before an error: kept across a lookahead or a
 * trial, which read on without going there. */
typedef struct cb_last {
  const char *label, *what;
  size_t end, what_end;
  bool has, has_what;
} cb_last;

static cb_last save_last(const cb_ctx *c) {
  return (cb_last){c->last_label, c->last_what, c->last_end, c->what_end, c->has_last,
                   c->has_what};
}

static void restore_last(cb_ctx *c, const cb_last *l) {
  c->last_label = l->label;
  c->last_what = l->what;
  c->last_end = l->end;
  c->what_end = l->what_end;
  c->has_last = l->has;
  c->has_what = l->has_what;
}

/* Runs p with failures hidden (a lookahead). */
static bool run_lookahead(cb_ctx *c, const cb_parser *p, size_t *pos, cb_val *out) {
  cb_last last = save_last(c);
  c->quiet++;
  bool ok = run(c, p, pos, out);
  c->quiet--;
  restore_last(c, &last);
  return ok;
}

/* Where the next token would start: after the skip parser. */
static size_t skip_from(cb_ctx *c, size_t pos) {
  /* Not within skipping: the skip parser's own named parts (a comment's
   * characters) are not tokens, and skipping there would read a comment
   * inside a comment, nest once per "/" "*" and report the wrong error. */
  if (c->g->skip && !c->skipping) {
    if (c->skip_memo_set && c->skip_memo_from == pos) return c->skip_memo_to;
    cb_val ignored;
    /* Skipping is quiet, unless it fails beyond where it stopped (an
     * unterminated comment): that failure is worth an error of its own. */
    cb_error saved = c->err;
    bool was_set = c->err_set;
    size_t at = pos;
    c->skipping = true;
    if (!run(c, c->g->skip, &at, &ignored)) at = pos;
    c->skipping = false;
    /* Only a comment that runs to the end of the input fails worth an
     * error: elsewhere a failure past at is a comment's alternative that
     * did not fit ("///" is not a line comment), not a mistake. */
    bool kept = c->err_set && c->err.pos > at && c->err.pos == c->in->len;
    bool clean = !kept; /* nothing recorded past at */
    if (c->err_set && !kept) {
      c->err = saved;
      c->err_set = was_set;
    }
    /* Remembered only when running it again would change nothing: no
     * error of its own (which a quiet run would not have recorded). */
    if (clean && !c->fatal && c->quiet == 0) {
      c->skip_memo_set = true;
      c->skip_memo_from = pos;
      c->skip_memo_to = at;
    }
    return at;
  }
  return pos;
}

static void name_success(cb_ctx *c, const char *label, size_t end) {
  if (!label) return;
  c->last_label = label;
  c->last_end = end;
  c->has_last = true;
}

/* Whether a repair takes the closer `label` as written at pos. */
static bool inserted_at(const cb_ctx *c, size_t pos, const char *label) {
  for (size_t i = c->ins_count; i-- > 0;)
    if (c->ins[i].pos == pos && strcmp(c->ins[i].label, label) == 0) return true;
  return false;
}

static bool run_lexeme(cb_ctx *c, const cb_parser *p, size_t *pos, cb_val *out) {
  const cb_parser *token = p->kids[0];
  if (token->insertable && c->ins_count && inserted_at(c, *pos, token->label)) {
    *out = (cb_val){NULL, *pos, *pos}; /* empty: the text is as written */
    name_success(c, p->label, *pos);
    return true;
  }
  size_t start = skip_from(c, *pos);
  c->tok_pre = *pos;
  c->tok_post = start;
  size_t at = start;
  if (!run(c, p->kids[0], &at, out)) return false;
  *pos = at;
  name_success(c, p->label, at);
  return true;
}

/* cb_expect and cb_quiet: a failure that stays at the first token is replaced
 * by the label (or by nothing). */
static bool run_named(cb_ctx *c, const cb_parser *p, size_t *pos, cb_val *out) {
  cb_error saved = c->err;
  bool was_set = c->err_set;
  size_t start = skip_from(c, *pos);
  size_t at = *pos;
  if (run(c, p->kids[0], &at, out)) {
    *pos = at;
    if (p->kind == CB_EXPECT) name_success(c, p->label, at);
    return true;
  }
  if (c->fatal) return false;
  if (c->err_set && c->err.pos > start) return false; /* got further: keep that */
  c->err = saved;
  c->err_set = was_set;
  if (p->kind == CB_EXPECT) {
    c->tok_pre = *pos;
    c->tok_post = start;
    expect_at(c, start, p->label, false);
  }
  return false;
}

/* ---- repairs: a missing closer taken as written (see cb_recover) ---------- */

/* Runs parser q from start as a repair's trial: no folds, no reports, no
 * trace in the error state, and no repair made inside it kept (the real
 * run makes it again, and reports it). Its furthest failure goes to *e
 * (when set). */
static bool trial_run(cb_ctx *c, const cb_parser *q, size_t start, size_t *end, cb_error *e) {
  cb_error saved = c->err;
  bool was_set = c->err_set;
  c->err_set = false;
  cb_last last = save_last(c);
  size_t insertions = c->ins_count;
  c->trial++;
  size_t at = start;
  cb_val ignored;
  bool ok = run(c, q, &at, &ignored);
  c->trial--;
  c->ins_count = insertions;
  restore_last(c, &last);
  *end = at;
  if (e) {
    *e = c->err;
    if (!c->err_set) e->pos = start;
  }
  c->err = saved;
  c->err_set = was_set;
  return ok;
}

static bool line_ends_between(const cb_ctx *c, size_t from, size_t to) {
  return memchr(c->in->text + from, '\n', to - from) != NULL;
}

/* Whether what follows a repaired part (at end) goes on: the repaired part
 * took the token that was found, or the follow matches, or the stop takes
 * something (or the input is over), or p matches there, or gets past its
 * first token when a line ends between the repair and the token that was
 * found (the usual place of a forgotten ';'). */
static bool goes_on(cb_ctx *c, const cb_parser *p, size_t end, const cb_error *e) {
  size_t at;
  cb_error next;
  if (end > e->pos) return true;
  if (p->kids[2] && trial_run(c, p->kids[2], end, &at, NULL)) return true;
  if (!c->fatal && trial_run(c, p->kids[1], end, &at, NULL) && (at > end || at == c->in->len))
    return true;
  if (c->fatal) return false;
  if (trial_run(c, p->kids[0], end, &at, &next)) return true;
  return !c->fatal && line_ends_between(c, e->prev_end, e->pos) &&
         next.pos > skip_from(c, end);
}

/* Looks for closers expected at e that, taken as written at e->prev_end,
 * let p succeed from start with what follows going on; each try may find
 * the next one missing at the same place (a '>' and then a ';'), up to
 * `most` of them. On success the insertions stay and e->missing lists
 * them. */
static bool find_repair(cb_ctx *c, const cb_parser *p, size_t start, cb_error *e,
                        const cb_error *at, size_t most) {
  for (size_t i = 0; i < at->expected_count && !c->fatal; i++) {
    if (!at->insertable[i] || c->ins_count == CB_MAX_INSERTIONS) continue;
    c->ins[c->ins_count].pos = e->prev_end;
    c->ins[c->ins_count++].label = at->expected[i];
    if (e->missing_count == 0) e->missing_after = at->whats[i];
    e->missing[e->missing_count++] = at->expected[i];
    size_t end;
    cb_error next;
    if (trial_run(c, p->kids[0], start, &end, &next)) {
      if (goes_on(c, p, end, e)) return true;
    } else if (!c->fatal && e->missing_count < most && next.pos == e->pos &&
               next.prev_end == e->prev_end && find_repair(c, p, start, e, &next, most)) {
      return true;
    }
    c->ins_count--;
    e->missing_count--;
  }
  return false;
}

/* A repair is not looked for from inside the trials of a repair further
 * out: one level of them is enough to tell what follows from what is
 * missing. */
static bool repair(cb_ctx *c, const cb_parser *p, size_t start, cb_error *e) {
  if (c->trial > 1) return false;
  bool any = false;
  for (size_t i = 0; i < e->expected_count; i++) any = any || e->insertable[i];
  e->missing_count = 0;
  /* the fewest closers that do: one alone before any two */
  for (size_t most = 1; any && most <= CB_MAX_MISSING && !c->fatal; most++)
    if (find_repair(c, p, start, e, e, most)) return true;
  return false;
}

static bool run_recover(cb_ctx *c, const cb_parser *p, size_t *pos, cb_val *out) {
  cb_error saved = c->err;
  bool was_set = c->err_set;
  c->err_set = false;
  size_t at = *pos;
  cb_val ignored;
  /* The stop is tried first and may add to the expected set ("'}'"): an
   * error in p then names both ways to go on. */
  if (run(c, p->kids[1], &at, &ignored) || c->fatal) {
    c->err = saved;
    c->err_set = was_set;
    return false;
  }
  at = *pos;
  if (run(c, p->kids[0], &at, out)) {
    if (was_set && (!c->err_set || saved.pos > c->err.pos)) {
      c->err = saved;
      c->err_set = true;
    }
    *pos = at;
    return true;
  }
  if (c->fatal) return false;
  if (!c->err_set) { /* nothing named was expected: report the spot anyway */
    memset(&c->err, 0, sizeof c->err);
    c->err.pos = c->err.prev_end = skip_from(c, *pos);
  }
  cb_error e = c->err;
  if (repair(c, p, *pos, &e)) {
    if (!c->trial && c->in->report) c->in->report(c, &e);
    c->err_set = false;
    at = *pos;
    if (run(c, p->kids[0], &at, out)) { /* as the trial did, now with folds */
      *pos = at;
      return true;
    }
    if (c->fatal) return false;
    e = c->err; /* cannot be, as the trial succeeded; reported all the same */
    e.missing_count = 0;
  }
  if (!c->trial && c->in->report) c->in->report(c, &e);
  c->err_set = false;
  size_t resume = p->sync ? p->sync(c, *pos, e.pos) : e.pos;
  if (resume < *pos) resume = *pos;
  if (resume > c->in->len) resume = c->in->len;
  *out = (cb_val){NULL, *pos, resume};
  if (p->fallback && !c->trial && !p->fallback(c, out, *pos, resume)) {
    c->fatal = CB_NOMEM;
    return false;
  }
  *pos = resume;
  return true;
}

static bool run_leaf(cb_ctx *c, const cb_parser *p, size_t *pos, cb_val *out) {
  const unsigned char *s = (const unsigned char *)c->in->text;
  size_t len = c->in->len, at = *pos;
  bool ok;
  switch (p->kind) {
  case CB_CLASS:
    ok = at < len && set_has(p->set, s[at]);
    if (ok) at++;
    break;
  case CB_STRING:
    ok = len - at >= p->str_len && memcmp(s + at, p->str, p->str_len) == 0;
    if (ok) at += p->str_len;
    break;
  default: /* CB_EOF */
    ok = at == len;
    break;
  }
  if (!ok) {
    expect_at(c, *pos, p->label, p->insertable);
    return false;
  }
  *out = (cb_val){NULL, *pos, at};
  *pos = at;
  return true;
}

static bool too_deep(cb_ctx *c, size_t pos) {
  c->fatal = CB_TOO_DEEP;
  c->err.pos = pos;
  c->err.expected_count = 0;
  return false;
}

/* The one mutable part of a grammar: a CB_LIMIT node counts how deep it is
 * nested in the current run (always back to 0 when the run ends). */
static bool run_limit(cb_ctx *c, const cb_parser *p, size_t *pos, cb_val *out) {
  cb_parser *mut = (cb_parser *)(uintptr_t)p;
  if (mut->active >= mut->max) return too_deep(c, skip_from(c, *pos));
  mut->active++;
  bool ok = run(c, p->kids[0], pos, out);
  mut->active--;
  return ok;
}

static bool run(cb_ctx *c, const cb_parser *p, size_t *pos, cb_val *out) {
  if (c->fatal) return false;
  if (c->depth >= c->max_depth) return too_deep(c, *pos);
  c->depth++;
  bool ok;
  size_t at;
  switch (p->kind) {
  case CB_SEQ: ok = run_seq(c, p, pos, out); break;
  case CB_CHOICE: ok = run_choice(c, p, pos, out); break;
  case CB_MANY: ok = run_many(c, p, pos, out); break;
  case CB_OPTIONAL:
    ok = true;
    if (!run(c, p->kids[0], pos, out)) {
      *out = (cb_val){NULL, *pos, *pos};
      ok = !c->fatal;
    }
    break;
  case CB_NOT:
    at = *pos;
    ok = !run_lookahead(c, p->kids[0], &at, out) && !c->fatal;
    *out = (cb_val){NULL, *pos, *pos};
    break;
  case CB_LEXEME: ok = run_lexeme(c, p, pos, out); break;
  case CB_EXPECT:
  case CB_QUIET: ok = run_named(c, p, pos, out); break;
  case CB_RULE: ok = p->kids[0] && run(c, p->kids[0], pos, out); break;
  case CB_LIMIT: ok = run_limit(c, p, pos, out); break;
  case CB_RECOVER: ok = run_recover(c, p, pos, out); break;
  case CB_AFTER:
    ok = run(c, p->kids[0], pos, out);
    if (ok) {
      c->last_what = p->label;
      c->what_end = *pos;
      c->has_what = true;
    }
    break;
  default: ok = run_leaf(c, p, pos, out); break;
  }
  c->depth--;
  return ok;
}

cb_status cb_run(cb_grammar *g, cb_parser *root, const cb_input *in, cb_val *out,
                 cb_error *err) {
  cb_ctx c;
  memset(&c, 0, sizeof c);
  c.g = g;
  c.in = in;
  c.max_depth = in->max_depth ? in->max_depth : 10000;
  size_t pos = 0;
  cb_val v = {NULL, 0, 0};
  if (!root || g->oom) return CB_NOMEM;
  bool ok = run(&c, root, &pos, &v);
  free(c.stack);
  if (err) *err = c.err;
  if (c.fatal) return c.fatal;
  if (!ok) {
    if (err && !c.err_set) err->pos = pos;
    return CB_FAIL;
  }
  if (out) *out = v;
  return CB_OK;
}

void cb_expected_text(const cb_error *e, char *buf, size_t size) {
  if (!size) return;
  buf[0] = '\0';
  size_t used = 0;
  for (size_t i = 0; i < e->expected_count; i++) {
    const char *sep = i == 0 ? "" : i + 1 == e->expected_count ? " or " : ", ";
    int n = snprintf(buf + used, size - used, "%s%s", sep, e->expected[i]);
    if (n < 0 || (size_t)n >= size - used) return;
    used += (size_t)n;
  }
}
