/* lib_jansson.c - jansson (Debian libjansson-dev): build the document from
 * the struct and json_dumps it with JSON_COMPACT; json_loadb and copy every
 * field back. Strings go in through the checking calls (jansson validates
 * UTF-8 there), as our encoder validates UTF-8 too. */
#include <jansson.h>
#include <stdlib.h>
#include <string.h>

#include "bench.h"

static json_t *str(const ws_str *s) { return json_stringn(ws_str_c(s), s->len); }

/* json_object_set_new steals the value even when it fails. */
static bool put(json_t *obj, const char *key, json_t *item) {
  return item && json_object_set_new(obj, key, item) == 0;
}

static bool putn(json_t *obj, const ws_str *key, json_t *item) {
  return item && json_object_setn_new(obj, ws_str_c(key), key->len, item) == 0;
}

static json_t *str_list(const ab_list_str *l) {
  json_t *a = json_array();
  for (size_t i = 0; a && i < l->len; i++) {
    if (json_array_append_new(a, str(&l->items[i])) != 0) {
      json_decref(a);
      return NULL;
    }
  }
  return a;
}

static json_t *header_value(const bench_header_groups *g, size_t first) {
  const ws_headers *h = g->h;
  if (g->count[first] == 1)
    return str(&h->items[first].value);
  json_t *a = json_array();
  for (size_t i = first; a && i < h->len; i = g->next[i]) {
    if (json_array_append_new(a, str(&h->items[i].value)) != 0) {
      json_decref(a);
      return NULL;
    }
  }
  return a;
}

static json_t *headers(const ws_headers *h) {
  bench_header_groups g;
  if (!bench_header_group(&g, h))
    return NULL;
  json_t *o = json_object();
  for (size_t i = 0; o && i < h->len; i++) {
    if (g.count[i] != 0 && !putn(o, &h->items[i].name, header_value(&g, i))) {
      json_decref(o);
      o = NULL;
    }
  }
  bench_header_groups_free(&g);
  return o;
}

static json_t *params(const ab_map_str_list_str *m) {
  json_t *o = json_object();
  for (size_t i = 0; o && i < m->len; i++) {
    if (!putn(o, &m->keys[i], str_list(&m->values[i]))) {
      json_decref(o);
      return NULL;
    }
  }
  return o;
}

static json_t *build(const ab_connection_request *v) {
  json_t *o = json_object();
  bool ok = o && put(o, "peer", str(&v->peer)) &&
            put(o, "headers", headers(&v->headers)) &&
            put(o, "host", str(&v->host)) && put(o, "path", str(&v->path)) &&
            put(o, "params", params(&v->params)) &&
            put(o, "version", json_integer(v->version)) &&
            put(o, "origin",
                v->origin.present ? str(&v->origin.value) : json_null()) &&
            put(o, "protocols", str_list(&v->protocols)) &&
            put(o, "extensions", str_list(&v->extensions));
  if (!ok) {
    json_decref(o);
    return NULL;
  }
  return o;
}

static bool encode(const void *value, bench_sink *out) {
  const ab_connection_request *v = value;
  json_t *doc = build(v);
  char *text = doc ? json_dumps(doc, JSON_COMPACT) : NULL;
  if (text)
    bench_sink_take(out, text, strlen(text));
  free(text);
  json_decref(doc);
  return text != NULL;
}

/* ---- parse and copy -------------------------------------------------------*/

static bool copy_str(ws_str *dst, const json_t *s) {
  return json_is_string(s) &&
         ws_str_set(dst, json_string_value(s), json_string_length(s)) == WS_OK;
}

static bool copy_list(ab_list_str *dst, const json_t *a) {
  if (!json_is_array(a))
    return false;
  for (size_t i = 0; i < json_array_size(a); i++) {
    const json_t *e = json_array_get(a, i);
    if (!json_is_string(e) ||
        !bench_list_add(dst, json_string_value(e), json_string_length(e)))
      return false;
  }
  return true;
}

static bool add_header(ws_headers *h, ws_strview name, const json_t *s) {
  return json_is_string(s) &&
         ws_headers_add(h, name, ws_str_view(json_string_value(s),
                                             json_string_length(s))) == WS_OK;
}

static bool copy_headers(ws_headers *dst, json_t *o) {
  if (!json_is_object(o))
    return false;
  for (void *it = json_object_iter(o); it; it = json_object_iter_next(o, it)) {
    ws_strview name = ws_str_view(json_object_iter_key(it), json_object_iter_key_len(it));
    json_t *val = json_object_iter_value(it);
    if (!json_is_array(val)) {
      if (!add_header(dst, name, val))
        return false;
      continue;
    }
    for (size_t i = 0; i < json_array_size(val); i++)
      if (!add_header(dst, name, json_array_get(val, i)))
        return false;
  }
  return true;
}

static bool copy_params(ab_map_str_list_str *dst, json_t *o) {
  if (!json_is_object(o))
    return false;
  for (void *it = json_object_iter(o); it; it = json_object_iter_next(o, it)) {
    ab_list_str *l = bench_params_add(dst, json_object_iter_key(it),
                                      json_object_iter_key_len(it));
    if (!l || !copy_list(l, json_object_iter_value(it)))
      return false;
  }
  return true;
}

static bool copy_field(ab_connection_request *v, int field, json_t *x) {
  switch (field) {
  case F_PEER: return copy_str(&v->peer, x);
  case F_HEADERS: return copy_headers(&v->headers, x);
  case F_HOST: return copy_str(&v->host, x);
  case F_PATH: return copy_str(&v->path, x);
  case F_PARAMS: return copy_params(&v->params, x);
  case F_VERSION:
    if (!json_is_integer(x))
      return false;
    v->version = json_integer_value(x);
    return true;
  case F_ORIGIN:
    if (json_is_null(x))
      return true;
    v->origin.present = true;
    return copy_str(&v->origin.value, x);
  case F_PROTOCOLS: return copy_list(&v->protocols, x);
  case F_EXTENSIONS: return copy_list(&v->extensions, x);
  default: return false;
  }
}

static bool copy_request(ab_connection_request *v, json_t *doc) {
  if (!json_is_object(doc))
    return false;
  unsigned seen = 0;
  for (void *it = json_object_iter(doc); it; it = json_object_iter_next(doc, it)) {
    int f = bench_field_index(json_object_iter_key(it), json_object_iter_key_len(it));
    if (f < 0 || !copy_field(v, f, json_object_iter_value(it)))
      return false;
    seen |= 1u << f;
  }
  return seen == (1u << F_COUNT) - 1;
}

static bool decode(const char *json, size_t len, void *value) {
  ab_connection_request *out = value;
  bool ok = ab_connection_request_init(out) == WS_OK;
  json_t *doc = ok ? json_loadb(json, len, 0, NULL) : NULL;
  ok = doc && copy_request(out, doc);
  json_decref(doc);
  if (!ok)
    ab_connection_request_free(out);
  return ok;
}

const bench_op bench_ops_jansson[] = {
    {"jansson", BENCH_ENCODE, "json_dumps(JSON_COMPACT)", encode, NULL, NULL},
    {"jansson", BENCH_DECODE, "json_loadb + copy", NULL, decode, NULL},
    {NULL, BENCH_ENCODE, NULL, NULL, NULL, NULL}};
