/* lib_cjson.c - cJSON (Debian libcjson-dev): build the document from the
 * struct and print it unformatted; parse and copy every field back.
 * Field names are static, so they go in with the no-copy (CS) calls. */
#include <cjson/cJSON.h>
#include <string.h>

#include "bench.h"

static bool put(cJSON *obj, const char *key, cJSON *item) {
  if (!item)
    return false;
  cJSON_AddItemToObjectCS(obj, key, item);
  return true;
}

static cJSON *str_list(const ab_list_str *l) {
  cJSON *a = cJSON_CreateArray();
  for (size_t i = 0; a && i < l->len; i++) {
    cJSON *s = cJSON_CreateString(ws_str_c(&l->items[i]));
    if (!s) {
      cJSON_Delete(a);
      return NULL;
    }
    cJSON_AddItemToArray(a, s);
  }
  return a;
}

static cJSON *header_value(const bench_header_groups *g, size_t first) {
  const ws_headers *h = g->h;
  if (g->count[first] == 1)
    return cJSON_CreateString(ws_str_c(&h->items[first].value));
  cJSON *a = cJSON_CreateArray();
  for (size_t i = first; a && i < h->len; i = g->next[i]) {
    cJSON *s = cJSON_CreateString(ws_str_c(&h->items[i].value));
    if (!s) {
      cJSON_Delete(a);
      return NULL;
    }
    cJSON_AddItemToArray(a, s);
  }
  return a;
}

static cJSON *headers(const ws_headers *h) {
  bench_header_groups g;
  if (!bench_header_group(&g, h))
    return NULL;
  cJSON *o = cJSON_CreateObject();
  for (size_t i = 0; o && i < h->len; i++) {
    if (g.count[i] == 0)
      continue;
    cJSON *val = header_value(&g, i);
    if (!val || !cJSON_AddItemToObject(o, ws_str_c(&h->items[i].name), val)) {
      cJSON_Delete(val);
      cJSON_Delete(o);
      o = NULL;
    }
  }
  bench_header_groups_free(&g);
  return o;
}

static cJSON *params(const ab_map_str_list_str *m) {
  cJSON *o = cJSON_CreateObject();
  for (size_t i = 0; o && i < m->len; i++) {
    cJSON *val = str_list(&m->values[i]);
    if (!val || !cJSON_AddItemToObject(o, ws_str_c(&m->keys[i]), val)) {
      cJSON_Delete(val);
      cJSON_Delete(o);
      return NULL;
    }
  }
  return o;
}

static cJSON *build(const ab_connection_request *v) {
  cJSON *o = cJSON_CreateObject();
  bool ok = o && put(o, "peer", cJSON_CreateString(ws_str_c(&v->peer))) &&
            put(o, "headers", headers(&v->headers)) &&
            put(o, "host", cJSON_CreateString(ws_str_c(&v->host))) &&
            put(o, "path", cJSON_CreateString(ws_str_c(&v->path))) &&
            put(o, "params", params(&v->params)) &&
            put(o, "version", cJSON_CreateNumber((double)v->version)) &&
            put(o, "origin",
                v->origin.present
                    ? cJSON_CreateString(ws_str_c(&v->origin.value))
                    : cJSON_CreateNull()) &&
            put(o, "protocols", str_list(&v->protocols)) &&
            put(o, "extensions", str_list(&v->extensions));
  if (!ok) {
    cJSON_Delete(o);
    return NULL;
  }
  return o;
}

static bool encode(const void *value, bench_sink *out) {
  const ab_connection_request *v = value;
  cJSON *doc = build(v);
  char *text = doc ? cJSON_PrintUnformatted(doc) : NULL;
  if (text)
    bench_sink_take(out, text, strlen(text));
  cJSON_free(text);
  cJSON_Delete(doc);
  return text != NULL;
}

/* ---- parse and copy -------------------------------------------------------*/

static bool copy_str(ws_str *dst, const cJSON *s) {
  return cJSON_IsString(s) &&
         ws_str_set(dst, s->valuestring, strlen(s->valuestring)) == WS_OK;
}

static bool copy_list(ab_list_str *dst, const cJSON *a) {
  if (!cJSON_IsArray(a))
    return false;
  for (const cJSON *e = a->child; e; e = e->next)
    if (!cJSON_IsString(e) ||
        !bench_list_add(dst, e->valuestring, strlen(e->valuestring)))
      return false;
  return true;
}

static bool add_header(ws_headers *h, const char *name, const cJSON *s) {
  return cJSON_IsString(s) &&
         ws_headers_add(h, ws_cstr(name), ws_cstr(s->valuestring)) == WS_OK;
}

static bool copy_headers(ws_headers *dst, const cJSON *o) {
  if (!cJSON_IsObject(o))
    return false;
  for (const cJSON *m = o->child; m; m = m->next) {
    if (!cJSON_IsArray(m)) {
      if (!add_header(dst, m->string, m))
        return false;
      continue;
    }
    for (const cJSON *e = m->child; e; e = e->next)
      if (!add_header(dst, m->string, e))
        return false;
  }
  return true;
}

static bool copy_params(ab_map_str_list_str *dst, const cJSON *o) {
  if (!cJSON_IsObject(o))
    return false;
  for (const cJSON *m = o->child; m; m = m->next) {
    ab_list_str *l = bench_params_add(dst, m->string, strlen(m->string));
    if (!l || !copy_list(l, m))
      return false;
  }
  return true;
}

static bool copy_field(ab_connection_request *v, int field, const cJSON *x) {
  switch (field) {
  case F_PEER: return copy_str(&v->peer, x);
  case F_HEADERS: return copy_headers(&v->headers, x);
  case F_HOST: return copy_str(&v->host, x);
  case F_PATH: return copy_str(&v->path, x);
  case F_PARAMS: return copy_params(&v->params, x);
  case F_VERSION:
    if (!cJSON_IsNumber(x))
      return false;
    v->version = (int64_t)x->valuedouble;
    return true;
  case F_ORIGIN:
    if (cJSON_IsNull(x))
      return true;
    v->origin.present = true;
    return copy_str(&v->origin.value, x);
  case F_PROTOCOLS: return copy_list(&v->protocols, x);
  case F_EXTENSIONS: return copy_list(&v->extensions, x);
  default: return false;
  }
}

static bool copy_request(ab_connection_request *v, const cJSON *doc) {
  if (!cJSON_IsObject(doc))
    return false;
  unsigned seen = 0;
  for (const cJSON *m = doc->child; m; m = m->next) {
    int f = bench_field_index(m->string, strlen(m->string));
    if (f < 0 || !copy_field(v, f, m))
      return false;
    seen |= 1u << f;
  }
  return seen == (1u << F_COUNT) - 1;
}

static bool decode(const char *json, size_t len, void *value) {
  ab_connection_request *out = value;
  bool ok = ab_connection_request_init(out) == WS_OK;
  cJSON *doc = ok ? cJSON_ParseWithLength(json, len) : NULL;
  ok = doc && copy_request(out, doc);
  cJSON_Delete(doc);
  if (!ok)
    ab_connection_request_free(out);
  return ok;
}

const bench_op bench_ops_cjson[] = {
    {"cJSON", BENCH_ENCODE, "cJSON_PrintUnformatted", encode, NULL, NULL},
    {"cJSON", BENCH_DECODE, "cJSON_ParseWithLength + copy", NULL, decode, NULL},
    {NULL, BENCH_ENCODE, NULL, NULL, NULL, NULL}};
