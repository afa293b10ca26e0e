/* bench_quote.h - the float-heavy document: a Quote of bench/quote.wst,
 * generated at bench time into build/bench/quote/ (bench/bench.mk). What
 * every library's Quote code shares, so that each does the same work on
 * our side. */
#ifndef BENCH_QUOTE_H
#define BENCH_QUOTE_H

#include "bench.h"
#include "quote.h"

extern const bench_op bench_quote_ours[];
extern const bench_op bench_quote_cjson[];
extern const bench_op bench_quote_yajl[];

/* Writes x as Python's repr(x) does (the shortest text that reads back as
 * x), as a careful C user would without a library for it: the first of
 * %.15e, %.16e and %.17e that strtod reads back as x, its digits then laid
 * out as repr lays them out. x must be finite. Returns the length; out has
 * room for BENCH_FLOAT_ROOM bytes, NUL included. */
enum { BENCH_FLOAT_ROOM = 32 };
size_t bench_float_repr(double x, char *out);

/* The index of key in names[0..n), or -1. */
int bench_key_index(const char *const *names, int n, const char *key,
                    size_t len);

/* The keys of each class, in schema order (JSON order). */
enum { Q_VENUE, Q_SYMBOL, Q_SIDE, Q_LEVELS, Q_SUMMARY, Q_LAST, Q_COUNT };
enum { L_PRICE, L_SIZE, L_ORDERS, L_COUNT };
enum { S_MID, S_SPREAD, S_VWAP, S_DEPTH, S_COUNT };
/* An event's keys: the tag, the base's, then those of either subclass. */
enum { E_TYPE, E_AT, E_PRICE, E_SIZE, E_REASON, E_RESUME_AT, E_COUNT };
extern const char *const bench_quote_keys[Q_COUNT];
extern const char *const bench_level_keys[L_COUNT];
extern const char *const bench_summary_keys[S_COUNT];
extern const char *const bench_event_keys[E_COUNT];

/* A level as decoded: checked against the schema's ranges (price and size
 * at least 0, orders at least 1) and appended to the list. seen has bit
 * L_x set for each key given; price and size are required. */
bool bench_level_add(bq_list_level *levels, const bq_level *l, unsigned seen);

/* The event the keys held (the fields of either subclass, `type` naming
 * which), set into *ref as a copy. seen has bit E_x set for each key given;
 * only the chosen class's keys may be, and its required ones must. */
typedef struct bench_event_fields {
  const char *type;
  size_t type_len;
  double at, price, size;
  const char *reason;
  size_t reason_len;
  bool has_resume_at; /* resume_at given and not null */
  double resume_at;
} bench_event_fields;
bool bench_event_set(bq_event **ref, const bench_event_fields *f,
                     unsigned seen);

#endif
