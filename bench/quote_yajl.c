/* quote_yajl.c - yajl 2 on the Quote: stream the document from the struct
 * through yajl_gen (UTF-8 validation on); parse with yajl_tree_parse and
 * copy every field back. yajl_gen_double prints %.20g, not Python's repr,
 * so floats go out as number text that bench_float_repr made, as a user
 * matching Python's output would do. */
#include <string.h>
#include <yajl/yajl_gen.h>
#include <yajl/yajl_tree.h>

#include "bench_quote.h"

#define OK yajl_gen_status_ok

static bool gen_str(yajl_gen g, const char *s, size_t len) {
  return yajl_gen_string(g, (const unsigned char *)s, len) == OK;
}

static bool gen_key(yajl_gen g, const char *key) {
  return gen_str(g, key, strlen(key));
}

static bool gen_num(yajl_gen g, double x) {
  char text[BENCH_FLOAT_ROOM];
  size_t len = bench_float_repr(x, text);
  return yajl_gen_number(g, text, len) == OK;
}

static bool gen_level(yajl_gen g, const bq_level *l) {
  return yajl_gen_map_open(g) == OK && gen_key(g, "price") &&
         gen_num(g, l->price) && gen_key(g, "size") && gen_num(g, l->size) &&
         gen_key(g, "orders") && yajl_gen_integer(g, l->orders) == OK &&
         yajl_gen_map_close(g) == OK;
}

static bool gen_levels(yajl_gen g, const bq_list_level *l) {
  bool ok = yajl_gen_array_open(g) == OK;
  for (size_t i = 0; ok && i < l->len; i++)
    ok = gen_level(g, &l->items[i]);
  return ok && yajl_gen_array_close(g) == OK;
}

static bool gen_summary(yajl_gen g, const bq_summary *s) {
  return yajl_gen_map_open(g) == OK && gen_key(g, "mid") && gen_num(g, s->mid) &&
         gen_key(g, "spread") && gen_num(g, s->spread) && gen_key(g, "vwap") &&
         gen_num(g, s->vwap) && gen_key(g, "depth") && gen_num(g, s->depth) &&
         yajl_gen_map_close(g) == OK;
}

static bool gen_event_fields(yajl_gen g, const bq_event *e) {
  if (ws_type_is(e->type, &bq_trade_type)) {
    const bq_trade *t = (const bq_trade *)e;
    return gen_key(g, "price") && gen_num(g, t->price) && gen_key(g, "size") &&
           gen_num(g, t->size);
  }
  const bq_halt *h = (const bq_halt *)e;
  return gen_key(g, "reason") && gen_str(g, ws_str_c(&h->reason), h->reason.len) &&
         gen_key(g, "resume_at") &&
         (h->resume_at.present ? gen_num(g, h->resume_at.value)
                               : yajl_gen_null(g) == OK);
}

static bool gen_event(yajl_gen g, const bq_event *e) {
  return e && yajl_gen_map_open(g) == OK && gen_key(g, "type") &&
         gen_key(g, e->type->name) && gen_key(g, "at") && gen_num(g, e->at) &&
         gen_event_fields(g, e) && yajl_gen_map_close(g) == OK;
}

static bool gen_quote(yajl_gen g, const bq_quote *q) {
  ws_strview side = bq_side_value(q->side);
  return yajl_gen_map_open(g) == OK && gen_key(g, "venue") &&
         gen_str(g, ws_str_c(&q->venue), q->venue.len) && gen_key(g, "symbol") &&
         gen_str(g, ws_str_c(&q->symbol), q->symbol.len) && gen_key(g, "side") &&
         gen_str(g, side.ptr, side.len) && gen_key(g, "levels") &&
         gen_levels(g, &q->levels) && gen_key(g, "summary") &&
         gen_summary(g, &q->summary) && gen_key(g, "last") &&
         gen_event(g, q->last) && yajl_gen_map_close(g) == OK;
}

static bool encode(const void *v, bench_sink *out) {
  yajl_gen g = yajl_gen_alloc(NULL);
  if (!g)
    return false;
  yajl_gen_config(g, yajl_gen_validate_utf8, 1);
  bool ok = gen_quote(g, v);
  const unsigned char *text = NULL;
  size_t len = 0;
  ok = ok && yajl_gen_get_buf(g, &text, &len) == OK;
  if (ok)
    bench_sink_take(out, (const char *)text, len);
  yajl_gen_free(g);
  return ok;
}

/* ---- parse and copy -------------------------------------------------------*/

/* The index of member i's key in names, once each: -1 for an unknown or
 * repeated key. */
static int key_once(const char *const *names, int n, yajl_val o, size_t i,
                    unsigned *seen) {
  const char *key = o->u.object.keys[i];
  int k = bench_key_index(names, n, key, strlen(key));
  if (k < 0 || (*seen & 1u << k))
    return -1;
  *seen |= 1u << k;
  return k;
}

static bool copy_level(bq_list_level *dst, yajl_val o) {
  bq_level l;
  if (!YAJL_IS_OBJECT(o) || bq_level_init(&l) != WS_OK)
    return false;
  unsigned seen = 0;
  for (size_t i = 0; i < o->u.object.len; i++) {
    int k = key_once(bench_level_keys, L_COUNT, o, i, &seen);
    yajl_val x = o->u.object.values[i];
    if (k < 0 || !YAJL_IS_NUMBER(x))
      return false;
    if (k == L_ORDERS) {
      if (!YAJL_IS_INTEGER(x))
        return false;
      l.orders = YAJL_GET_INTEGER(x);
    } else if (!YAJL_IS_DOUBLE(x)) {
      return false;
    } else {
      *(k == L_PRICE ? &l.price : &l.size) = YAJL_GET_DOUBLE(x);
    }
  }
  return bench_level_add(dst, &l, seen);
}

static bool copy_levels(bq_list_level *dst, yajl_val a) {
  if (!YAJL_IS_ARRAY(a))
    return false;
  for (size_t i = 0; i < a->u.array.len; i++)
    if (!copy_level(dst, a->u.array.values[i]))
      return false;
  return true;
}

static bool copy_summary(bq_summary *dst, yajl_val o) {
  if (!YAJL_IS_OBJECT(o))
    return false;
  double *slot[S_COUNT] = {&dst->mid, &dst->spread, &dst->vwap, &dst->depth};
  unsigned seen = 0;
  for (size_t i = 0; i < o->u.object.len; i++) {
    int k = key_once(bench_summary_keys, S_COUNT, o, i, &seen);
    yajl_val x = o->u.object.values[i];
    if (k < 0 || !YAJL_IS_DOUBLE(x))
      return false;
    *slot[k] = YAJL_GET_DOUBLE(x);
  }
  return seen == (1u << S_COUNT) - 1;
}

static bool event_field(bench_event_fields *f, int k, yajl_val x) {
  if (k == E_TYPE || k == E_REASON) {
    if (!YAJL_IS_STRING(x))
      return false;
    *(k == E_TYPE ? &f->type : &f->reason) = x->u.string;
    *(k == E_TYPE ? &f->type_len : &f->reason_len) = strlen(x->u.string);
    return true;
  }
  if (k == E_RESUME_AT && YAJL_IS_NULL(x))
    return true;
  if (!YAJL_IS_DOUBLE(x))
    return false;
  double *slot[E_COUNT] = {NULL, &f->at, &f->price, &f->size, NULL,
                           &f->resume_at};
  *slot[k] = YAJL_GET_DOUBLE(x);
  f->has_resume_at |= k == E_RESUME_AT;
  return true;
}

static bool copy_event(bq_event **dst, yajl_val o) {
  if (!YAJL_IS_OBJECT(o))
    return false;
  bench_event_fields f = {0};
  unsigned seen = 0;
  for (size_t i = 0; i < o->u.object.len; i++) {
    int k = key_once(bench_event_keys, E_COUNT, o, i, &seen);
    if (k < 0 || !event_field(&f, k, o->u.object.values[i]))
      return false;
  }
  return bench_event_set(dst, &f, seen);
}

static bool copy_str(ws_str *dst, yajl_val s) {
  return YAJL_IS_STRING(s) &&
         ws_str_set(dst, s->u.string, strlen(s->u.string)) == WS_OK;
}

static bool copy_field(bq_quote *q, int field, yajl_val x) {
  switch (field) {
  case Q_VENUE: return copy_str(&q->venue, x);
  case Q_SYMBOL: return copy_str(&q->symbol, x);
  case Q_SIDE:
    return YAJL_IS_STRING(x) && bq_side_from_value(ws_cstr(x->u.string), &q->side);
  case Q_LEVELS: return copy_levels(&q->levels, x);
  case Q_SUMMARY: return copy_summary(&q->summary, x);
  case Q_LAST: return copy_event(&q->last, x);
  default: return false;
  }
}

static bool copy_quote(bq_quote *q, yajl_val doc) {
  if (!YAJL_IS_OBJECT(doc))
    return false;
  unsigned seen = 0;
  for (size_t i = 0; i < doc->u.object.len; i++) {
    int f = key_once(bench_quote_keys, Q_COUNT, doc, i, &seen);
    if (f < 0 || !copy_field(q, f, doc->u.object.values[i]))
      return false;
  }
  return seen == (1u << Q_COUNT) - 1;
}

static bool decode(const char *json, size_t len, void *v) {
  (void)len; /* yajl_tree_parse reads up to the NUL */
  bq_quote *out = v;
  bool ok = bq_quote_init(out) == WS_OK;
  yajl_val doc = ok ? yajl_tree_parse(json, NULL, 0) : NULL;
  ok = doc && copy_quote(out, doc);
  yajl_tree_free(doc);
  if (!ok)
    bq_quote_free(out);
  return ok;
}

const bench_op bench_quote_yajl[] = {
    {"yajl", BENCH_ENCODE, "yajl_gen, validate_utf8, floats as repr text",
     encode, NULL, NULL},
    {"yajl", BENCH_DECODE, "yajl_tree_parse + copy", NULL, decode, NULL},
    {NULL, BENCH_ENCODE, NULL, NULL, NULL, NULL}};
