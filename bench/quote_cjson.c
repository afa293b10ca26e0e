/* quote_cjson.c - cJSON on the Quote: build the document from the struct
 * and print it unformatted; parse and copy every field back. cJSON prints
 * a double as %.15g or %.17g, which is not Python's repr (3.0 comes out as
 * 3, 1e16 as 10000000000000000), so floats go in as raw text that
 * bench_float_repr made, as a user matching Python's output would do. */
#include <cjson/cJSON.h>
#include <string.h>

#include "bench_quote.h"

static bool put(cJSON *obj, const char *key, cJSON *item) {
  if (!item)
    return false;
  cJSON_AddItemToObjectCS(obj, key, item);
  return true;
}

static cJSON *num(double x) {
  char text[BENCH_FLOAT_ROOM];
  bench_float_repr(x, text);
  return cJSON_CreateRaw(text);
}

static cJSON *level(const bq_level *l) {
  cJSON *o = cJSON_CreateObject();
  if (o && put(o, "price", num(l->price)) && put(o, "size", num(l->size)) &&
      put(o, "orders", cJSON_CreateNumber((double)l->orders)))
    return o;
  cJSON_Delete(o);
  return NULL;
}

static cJSON *levels(const bq_list_level *l) {
  cJSON *a = cJSON_CreateArray();
  for (size_t i = 0; a && i < l->len; i++) {
    cJSON *o = level(&l->items[i]);
    if (!o) {
      cJSON_Delete(a);
      return NULL;
    }
    cJSON_AddItemToArray(a, o);
  }
  return a;
}

static cJSON *summary(const bq_summary *s) {
  cJSON *o = cJSON_CreateObject();
  if (o && put(o, "mid", num(s->mid)) && put(o, "spread", num(s->spread)) &&
      put(o, "vwap", num(s->vwap)) && put(o, "depth", num(s->depth)))
    return o;
  cJSON_Delete(o);
  return NULL;
}

static bool event_fields(cJSON *o, const bq_event *e) {
  if (ws_type_is(e->type, &bq_trade_type)) {
    const bq_trade *t = (const bq_trade *)e;
    return put(o, "price", num(t->price)) && put(o, "size", num(t->size));
  }
  const bq_halt *h = (const bq_halt *)e;
  return put(o, "reason", cJSON_CreateString(ws_str_c(&h->reason))) &&
         put(o, "resume_at", h->resume_at.present ? num(h->resume_at.value)
                                                  : cJSON_CreateNull());
}

static cJSON *event(const bq_event *e) {
  cJSON *o = e ? cJSON_CreateObject() : NULL;
  if (o && put(o, "type", cJSON_CreateString(e->type->name)) &&
      put(o, "at", num(e->at)) && event_fields(o, e))
    return o;
  cJSON_Delete(o);
  return NULL;
}

static cJSON *build(const bq_quote *q) {
  cJSON *o = cJSON_CreateObject();
  bool ok = o && put(o, "venue", cJSON_CreateString(ws_str_c(&q->venue))) &&
            put(o, "symbol", cJSON_CreateString(ws_str_c(&q->symbol))) &&
            put(o, "side", cJSON_CreateString(bq_side_value(q->side).ptr)) &&
            put(o, "levels", levels(&q->levels)) &&
            put(o, "summary", summary(&q->summary)) &&
            put(o, "last", event(q->last));
  if (!ok) {
    cJSON_Delete(o);
    return NULL;
  }
  return o;
}

static bool encode(const void *v, bench_sink *out) {
  cJSON *doc = build(v);
  char *text = doc ? cJSON_PrintUnformatted(doc) : NULL;
  if (text)
    bench_sink_take(out, text, strlen(text));
  cJSON_free(text);
  cJSON_Delete(doc);
  return text != NULL;
}

/* ---- parse and copy -------------------------------------------------------*/

/* The key's index in names, once each: -1 for an unknown or repeated key. */
static int key_once(const char *const *names, int n, const cJSON *m,
                    unsigned *seen) {
  int k = bench_key_index(names, n, m->string, strlen(m->string));
  if (k < 0 || (*seen & 1u << k))
    return -1;
  *seen |= 1u << k;
  return k;
}

static bool copy_level(bq_list_level *dst, const cJSON *o) {
  bq_level l;
  if (!cJSON_IsObject(o) || bq_level_init(&l) != WS_OK)
    return false;
  unsigned seen = 0;
  for (const cJSON *m = o->child; m; m = m->next) {
    int k = key_once(bench_level_keys, L_COUNT, m, &seen);
    if (k < 0 || !cJSON_IsNumber(m))
      return false;
    if (k == L_PRICE)
      l.price = m->valuedouble;
    else if (k == L_SIZE)
      l.size = m->valuedouble;
    else if (m->valuedouble != (double)(int64_t)m->valuedouble)
      return false; /* orders is an int */
    else
      l.orders = (int64_t)m->valuedouble;
  }
  return bench_level_add(dst, &l, seen);
}

static bool copy_levels(bq_list_level *dst, const cJSON *a) {
  if (!cJSON_IsArray(a))
    return false;
  for (const cJSON *e = a->child; e; e = e->next)
    if (!copy_level(dst, e))
      return false;
  return true;
}

static bool copy_summary(bq_summary *dst, const cJSON *o) {
  if (!cJSON_IsObject(o))
    return false;
  double *slot[S_COUNT] = {&dst->mid, &dst->spread, &dst->vwap, &dst->depth};
  unsigned seen = 0;
  for (const cJSON *m = o->child; m; m = m->next) {
    int k = key_once(bench_summary_keys, S_COUNT, m, &seen);
    if (k < 0 || !cJSON_IsNumber(m))
      return false;
    *slot[k] = m->valuedouble;
  }
  return seen == (1u << S_COUNT) - 1;
}

static bool event_field(bench_event_fields *f, int k, const cJSON *m) {
  if (k == E_TYPE || k == E_REASON) {
    if (!cJSON_IsString(m))
      return false;
    *(k == E_TYPE ? &f->type : &f->reason) = m->valuestring;
    *(k == E_TYPE ? &f->type_len : &f->reason_len) = strlen(m->valuestring);
    return true;
  }
  if (k == E_RESUME_AT && cJSON_IsNull(m))
    return true;
  if (!cJSON_IsNumber(m))
    return false;
  double *slot[E_COUNT] = {NULL, &f->at, &f->price, &f->size, NULL,
                           &f->resume_at};
  *slot[k] = m->valuedouble;
  f->has_resume_at |= k == E_RESUME_AT;
  return true;
}

static bool copy_event(bq_event **dst, const cJSON *o) {
  if (!cJSON_IsObject(o))
    return false;
  bench_event_fields f = {0};
  unsigned seen = 0;
  for (const cJSON *m = o->child; m; m = m->next) {
    int k = key_once(bench_event_keys, E_COUNT, m, &seen);
    if (k < 0 || !event_field(&f, k, m))
      return false;
  }
  return bench_event_set(dst, &f, seen);
}

static bool copy_str(ws_str *dst, const cJSON *s) {
  return cJSON_IsString(s) &&
         ws_str_set(dst, s->valuestring, strlen(s->valuestring)) == WS_OK;
}

static bool copy_field(bq_quote *q, int field, const cJSON *x) {
  switch (field) {
  case Q_VENUE: return copy_str(&q->venue, x);
  case Q_SYMBOL: return copy_str(&q->symbol, x);
  case Q_SIDE:
    return cJSON_IsString(x) &&
           bq_side_from_value(ws_cstr(x->valuestring), &q->side);
  case Q_LEVELS: return copy_levels(&q->levels, x);
  case Q_SUMMARY: return copy_summary(&q->summary, x);
  case Q_LAST: return copy_event(&q->last, x);
  default: return false;
  }
}

static bool copy_quote(bq_quote *q, const cJSON *doc) {
  if (!cJSON_IsObject(doc))
    return false;
  unsigned seen = 0;
  for (const cJSON *m = doc->child; m; m = m->next) {
    int f = key_once(bench_quote_keys, Q_COUNT, m, &seen);
    if (f < 0 || !copy_field(q, f, m))
      return false;
  }
  return seen == (1u << Q_COUNT) - 1;
}

static bool decode(const char *json, size_t len, void *v) {
  bq_quote *out = v;
  bool ok = bq_quote_init(out) == WS_OK;
  cJSON *doc = ok ? cJSON_ParseWithLength(json, len) : NULL;
  ok = doc && copy_quote(out, doc);
  cJSON_Delete(doc);
  if (!ok)
    bq_quote_free(out);
  return ok;
}

const bench_op bench_quote_cjson[] = {
    {"cJSON", BENCH_ENCODE, "cJSON_PrintUnformatted, floats as raw repr text",
     encode, NULL, NULL},
    {"cJSON", BENCH_DECODE, "cJSON_ParseWithLength + copy", NULL, decode, NULL},
    {NULL, BENCH_ENCODE, NULL, NULL, NULL, NULL}};
