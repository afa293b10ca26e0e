/* combinator.h - a small parser-combinator core (in the spirit of mpc).
 *
 * Parsers are built once into a grammar, then run over a byte string. All
 * parsers, and anything folds allocate, live in the grammar's arena and are
 * released together by cb_grammar_free: nothing is freed one by one.
 *
 * Every parser yields a cb_val: the span of input it matched and a pointer
 * that folds build (NULL for raw text). A failure remembers the FURTHEST
 * position reached and the set of things expected there, so the error can say
 * `expected ';' or '=' after type, found '('`. */
#ifndef GEN_COMBINATOR_H
#define GEN_COMBINATOR_H

#include <stdbool.h>
#include <stddef.h>

/* ---- the arena ------------------------------------------------------------ */
typedef struct cb_arena cb_arena;

cb_arena *cb_arena_new(void);                    /* NULL when out of memory */
void *cb_arena_alloc(cb_arena *a, size_t size);  /* zeroed; NULL when out of memory */
char *cb_arena_strndup(cb_arena *a, const char *s, size_t n); /* NUL-terminated copy */
void cb_arena_free(cb_arena *a);

/* ---- values, errors and the run context ---------------------------------- */
typedef struct cb_val {
  void *p;            /* built by a fold, or NULL */
  size_t start, end;  /* input span matched */
} cb_val;

#define CB_MAX_EXPECTED 12
/* At most this many closers are taken as written in one run (cb_recover). */
#define CB_MAX_INSERTIONS 64
/* At most this many at one place, for one error. */
#define CB_MAX_MISSING 3

typedef struct cb_error {
  size_t pos;                               /* furthest position reached */
  const char *expected[CB_MAX_EXPECTED];   /* distinct labels, first-seen order */
  size_t expected_count;
  const char *after; /* label of what ended just before pos, or NULL */
  /* Where the token before pos ended (pos itself when there is none): a
   * missing terminator belongs there, not at the next token. */
  size_t prev_end;
  /* Which expected labels came from cb_closer: what a repair may insert;
   * and the cb_after words of the token before when each was expected. */
  bool insertable[CB_MAX_EXPECTED];
  const char *whats[CB_MAX_EXPECTED];
  /* Set when cb_recover repaired the error by taking these closers (their
   * labels, in order) as written at prev_end: the run then went on. */
  const char *missing[CB_MAX_MISSING];
  size_t missing_count;
  const char *missing_after; /* the words for what they go after, or NULL */
} cb_error;

typedef struct cb_ctx cb_ctx; /* one run: passed to folds and callbacks */

const char *cb_text(const cb_ctx *c); /* the input */
size_t cb_len(const cb_ctx *c);
void *cb_user(const cb_ctx *c);       /* the user pointer given to cb_run */
cb_arena *cb_ctx_arena(const cb_ctx *c);

/* Builds out->p from the values of a sequence's or a repetition's parts.
 * out->start/end are already set to the whole span. Returns false only when
 * out of memory (the run then stops). */
typedef bool (*cb_fold)(cb_ctx *c, cb_val *out, const cb_val *xs, size_t n);
/* Called by cb_recover with the error it caught. */
typedef void (*cb_report)(cb_ctx *c, const cb_error *e);
/* Returns where to resume after an error at err_pos in something that began
 * at start (start <= err_pos). */
typedef size_t (*cb_sync)(cb_ctx *c, size_t start, size_t err_pos);
/* Builds what stands for a part that failed (start..resume skipped) in
 * out->p; false only when out of memory. */
typedef bool (*cb_fallback)(cb_ctx *c, cb_val *out, size_t start, size_t resume);

/* ---- building parsers ----------------------------------------------------- */
typedef struct cb_grammar cb_grammar;
typedef struct cb_parser cb_parser;

cb_grammar *cb_grammar_new(void); /* NULL when out of memory */
cb_arena *cb_grammar_arena(cb_grammar *g);
void cb_grammar_free(cb_grammar *g);
/* The parser cb_lexeme runs before each token (whitespace, comments). */
void cb_set_skip(cb_grammar *g, cb_parser *skip);

/* "'s'" in the grammar's arena: the label a literal is expected as. */
const char *cb_quote(cb_grammar *g, const char *s);

/* Every constructor returns NULL when out of memory, and returns NULL when
 * given a NULL part, so a whole grammar can be built and checked once. */

/* One byte in a class. spec lists bytes and ranges: "A-Za-z_". */
cb_parser *cb_class(cb_grammar *g, const char *spec, const char *label);
/* One byte NOT in the class (bytes of multi-byte UTF-8 all pass). */
cb_parser *cb_not_class(cb_grammar *g, const char *spec, const char *label);
cb_parser *cb_any(cb_grammar *g);                   /* any one byte */
cb_parser *cb_char(cb_grammar *g, char ch);         /* expected as "'c'" */
cb_parser *cb_string(cb_grammar *g, const char *s); /* expected as "'s'" */
cb_parser *cb_eof(cb_grammar *g);                   /* "end of file" */

/* Sequence of n parts (a NULL-terminated list); fold may be NULL. */
cb_parser *cb_seq(cb_grammar *g, cb_fold fold, ...);
/* First part that succeeds (NULL-terminated list). */
cb_parser *cb_choice(cb_grammar *g, ...);
cb_parser *cb_many(cb_grammar *g, cb_fold fold, cb_parser *p);  /* zero or more */
cb_parser *cb_many1(cb_grammar *g, cb_fold fold, cb_parser *p); /* one or more */
cb_parser *cb_optional(cb_grammar *g, cb_parser *p); /* p's value, or {NULL} */
/* Succeeds, consuming nothing, when p fails here. */
cb_parser *cb_not(cb_grammar *g, cb_parser *p);

/* Skips the grammar's skip parser, then runs p: a token. */
cb_parser *cb_lexeme(cb_grammar *g, cb_parser *p);
/* Names p: when p fails without getting past its first token, the error
 * expects LABEL instead of p's own alternatives. Its success also makes
 * LABEL the "after" of an error right behind it. */
cb_parser *cb_expect(cb_grammar *g, cb_parser *p, const char *label);
/* p, whose success an error right behind it describes as `what` ("the
 * field's type") in an error a repair made (cb_error.missing_after). */
cb_parser *cb_after(cb_grammar *g, cb_parser *p, const char *what);
/* The token s (a lexeme) as a terminator or closing bracket: when it is
 * missing, cb_recover may repair the error by taking it as written at the
 * end of the token before (see cb_recover). */
cb_parser *cb_closer(cb_grammar *g, const char *s);
/* Like cb_expect without a label: a failure that does not get past the first
 * token is left out of the expected set (an alternative not worth naming). */
cb_parser *cb_quiet(cb_grammar *g, cb_parser *p);

/* p, but at most `max` of these may be active inside one another: one more
 * stops the run with CB_TOO_DEEP (bounded recursion, e.g. nested types). */
cb_parser *cb_limit(cb_grammar *g, cb_parser *p, size_t max);

/* A rule defined later, for recursion: cb_define(rule, p). */
cb_parser *cb_rule(cb_grammar *g);
void cb_define(cb_parser *rule, cb_parser *p);

/* Error recovery: when `stop` matches here, fails at once (so cb_many ends).
 * Otherwise runs p; if p fails, reports the error (whose expected set also
 * holds what `stop` expected), resumes where sync says and succeeds with a
 * NULL value.
 *
 * Repair first: when the error expected a cb_closer and taking it (or up to
 * CB_MAX_MISSING of them) as written at the end of the token before lets p
 * succeed, and what follows then goes on (p took the token that was found,
 * or `follow` matches, or `stop` takes something, or p matches there, or
 * only gets past its first token there when a line ends between the two),
 * the error is reported with cb_error.missing set and p's value is kept: a
 * missing ';' is one error, not a lost declaration. Trials run without
 * folds, reports or fallbacks. */
cb_parser *cb_recover(cb_grammar *g, cb_parser *p, cb_parser *stop, cb_sync sync);
/* cb_recover whose failed part is stood for by what fallback builds (when
 * not NULL), and after which a repair also goes on when `follow` (when not
 * NULL) matches. */
cb_parser *cb_recover_with(cb_grammar *g, cb_parser *p, cb_parser *stop, cb_parser *follow,
                           cb_sync sync, cb_fallback fallback);

/* ---- running -------------------------------------------------------------- */
typedef enum cb_status {
  CB_OK,
  CB_FAIL,     /* err says where and what was expected */
  CB_NOMEM,
  CB_TOO_DEEP  /* nesting exceeded max_depth; err->pos says where */
} cb_status;

typedef struct cb_input {
  const char *text;
  size_t len;
  void *user;
  cb_report report;  /* for cb_recover; may be NULL */
  size_t max_depth;  /* parser nesting limit (C stack); 0 means 10000 */
  cb_arena *arena;   /* where folds allocate (cb_ctx_arena); NULL: the
                        grammar's. Its own arena lets what the run builds
                        outlive the grammar, which is then freed. */
} cb_input;

cb_status cb_run(cb_grammar *g, cb_parser *root, const cb_input *in, cb_val *out,
                 cb_error *err);

/* Formats "'a', 'b' or 'c'" from an error's expected set into buf. */
void cb_expected_text(const cb_error *e, char *buf, size_t size);

#endif
