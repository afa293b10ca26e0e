/* quote_common.c - what every library's Quote code shares: the float
 * formatting a C user without a library for it would write, the keys, and
 * the checks and copies into the generated struct. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "bench_quote.h"

static const bench_op *const quote_tables[] = {
    bench_quote_ours, bench_quote_cjson, bench_quote_yajl, bench_ops_limit,
    NULL};
const bench_doc bench_doc_quote = {"quote", &bq_quote_type, quote_tables};

const char *const bench_quote_keys[Q_COUNT] = {"venue",   "symbol",  "side",
                                               "levels",  "summary", "last"};
const char *const bench_level_keys[L_COUNT] = {"price", "size", "orders"};
const char *const bench_summary_keys[S_COUNT] = {"mid", "spread", "vwap",
                                                 "depth"};
const char *const bench_event_keys[E_COUNT] = {"type", "at",     "price",
                                               "size", "reason", "resume_at"};

int bench_key_index(const char *const *names, int n, const char *key,
                     size_t len) {
  for (int i = 0; i < n; i++)
    if (strlen(names[i]) == len && memcmp(names[i], key, len) == 0)
      return i;
  return -1;
}

/* repr(x) from the decimal digits d[0..nd) (no trailing zeros) of x's
 * mantissa, d[0] in the 10^exp place: positional notation between 1e-4
 * and 1e16, else scientific with a signed two-digit-or-more exponent. */
static char *lay_out(char *o, const char *d, size_t nd, int exp) {
  if (exp < -4 || exp >= 16) {
    *o++ = d[0];
    if (nd > 1) {
      *o++ = '.';
      memcpy(o, d + 1, nd - 1);
      o += nd - 1;
    }
    return o + sprintf(o, "e%c%02d", exp < 0 ? '-' : '+', exp < 0 ? -exp : exp);
  }
  if (exp < 0) {
    *o++ = '0';
    *o++ = '.';
    for (int z = -exp - 1; z > 0; z--)
      *o++ = '0';
    memcpy(o, d, nd);
    return o + nd;
  }
  size_t whole = (size_t)exp + 1;
  size_t take = nd < whole ? nd : whole;
  memcpy(o, d, take);
  o += take;
  for (size_t z = take; z < whole; z++)
    *o++ = '0';
  *o++ = '.';
  if (nd <= whole) {
    *o++ = '0';
    return o;
  }
  memcpy(o, d + whole, nd - whole);
  return o + (nd - whole);
}

size_t bench_float_repr(double x, char *out) {
  char e[BENCH_FLOAT_ROOM];
  int digits = 15; /* DBL_DIG: 15 significant digits always read back */
  snprintf(e, sizeof e, "%.*e", digits - 1, x);
  while (digits < 17 && strtod(e, NULL) != x) {
    digits++;
    snprintf(e, sizeof e, "%.*e", digits - 1, x);
  }
  /* e is [-]D.DDDDe[+-]XX */
  const char *p = e;
  char *o = out;
  if (*p == '-')
    *o++ = *p++;
  char d[20];
  size_t nd = 0;
  for (; *p != 'e'; p++)
    if (*p != '.')
      d[nd++] = *p;
  while (nd > 1 && d[nd - 1] == '0')
    nd--;
  o = lay_out(o, d, nd, atoi(p + 1));
  *o = '\0';
  return (size_t)(o - out);
}

bool bench_level_add(bq_list_level *levels, const bq_level *l, unsigned seen) {
  unsigned need = 1u << L_PRICE | 1u << L_SIZE;
  return (seen & need) == need && l->price >= 0 && l->size >= 0 &&
         l->orders >= 1 && bq_list_level_append(levels, l) == WS_OK;
}

static bool is_type(const bench_event_fields *f, const char *name) {
  return f->type_len == strlen(name) && memcmp(f->type, name, f->type_len) == 0;
}

static bool set_trade(bq_event **ref, const bench_event_fields *f) {
  bq_trade t;
  if (bq_trade_init(&t) != WS_OK)
    return false;
  t.base.at = f->at;
  t.price = f->price;
  t.size = f->size;
  bool ok = bq_ref_event_set(ref, &t.base) == WS_OK;
  bq_trade_free(&t);
  return ok;
}

static bool set_halt(bq_event **ref, const bench_event_fields *f) {
  bq_halt h;
  if (bq_halt_init(&h) != WS_OK)
    return false;
  h.base.at = f->at;
  bool ok = ws_str_set(&h.reason, f->reason, f->reason_len) == WS_OK &&
            (!f->has_resume_at ||
             bq_opt_float_set(&h.resume_at, f->resume_at) == WS_OK) &&
            bq_ref_event_set(ref, &h.base) == WS_OK;
  bq_halt_free(&h);
  return ok;
}

bool bench_event_set(bq_event **ref, const bench_event_fields *f,
                     unsigned seen) {
  unsigned base = 1u << E_TYPE | 1u << E_AT;
  unsigned trade = base | 1u << E_PRICE | 1u << E_SIZE;
  unsigned halt = base | 1u << E_REASON;
  if (is_type(f, "Trade"))
    return seen == trade && set_trade(ref, f);
  if (is_type(f, "Halt"))
    return (seen & ~(1u << E_RESUME_AT)) == halt && set_halt(ref, f);
  return false;
}
