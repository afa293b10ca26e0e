/* lib_jsonc.c - json-c (Debian libjson-c-dev): build the document from the
 * struct and print it with JSON_C_TO_STRING_PLAIN | NOSLASHESCAPE (json-c
 * would otherwise write "/" as "\/"); parse with a strict, UTF-8-validating
 * tokener and copy every field back. */
#include <json-c/json.h>
#include <string.h>

#include "bench.h"

typedef struct json_object jobj;

static jobj *str(const ws_str *s) {
  return json_object_new_string_len(ws_str_c(s), (int)s->len);
}

/* Field names are static: json-c need not copy them. */
static bool put(jobj *o, const char *key, jobj *item, bool have_item) {
  if (!have_item)
    return false;
  return json_object_object_add_ex(o, key, item,
                                   JSON_C_OBJECT_ADD_KEY_IS_NEW |
                                       JSON_C_OBJECT_KEY_IS_CONSTANT) == 0;
}

static bool putn(jobj *o, const ws_str *key, jobj *item) {
  if (!item)
    return false;
  if (json_object_object_add_ex(o, ws_str_c(key), item,
                                JSON_C_OBJECT_ADD_KEY_IS_NEW) == 0)
    return true;
  json_object_put(item);
  return false;
}

static jobj *str_list(const ab_list_str *l) {
  jobj *a = json_object_new_array_ext((int)l->len);
  for (size_t i = 0; a && i < l->len; i++) {
    jobj *s = str(&l->items[i]);
    if (!s || json_object_array_add(a, s) != 0) {
      json_object_put(s);
      json_object_put(a);
      return NULL;
    }
  }
  return a;
}

static jobj *header_value(const bench_header_groups *g, size_t first) {
  const ws_headers *h = g->h;
  if (g->count[first] == 1)
    return str(&h->items[first].value);
  jobj *a = json_object_new_array_ext((int)g->count[first]);
  for (size_t i = first; a && i < h->len; i = g->next[i]) {
    jobj *s = str(&h->items[i].value);
    if (!s || json_object_array_add(a, s) != 0) {
      json_object_put(s);
      json_object_put(a);
      return NULL;
    }
  }
  return a;
}

static jobj *headers(const ws_headers *h) {
  bench_header_groups g;
  if (!bench_header_group(&g, h))
    return NULL;
  jobj *o = json_object_new_object();
  for (size_t i = 0; o && i < h->len; i++) {
    if (g.count[i] != 0 && !putn(o, &h->items[i].name, header_value(&g, i))) {
      json_object_put(o);
      o = NULL;
    }
  }
  bench_header_groups_free(&g);
  return o;
}

static jobj *params(const ab_map_str_list_str *m) {
  jobj *o = json_object_new_object();
  for (size_t i = 0; o && i < m->len; i++) {
    if (!putn(o, &m->keys[i], str_list(&m->values[i]))) {
      json_object_put(o);
      return NULL;
    }
  }
  return o;
}

static jobj *build(const ab_connection_request *v) {
  jobj *o = json_object_new_object();
  jobj *x;
  /* json-c's null is a NULL object, so "made" is tracked apart from it. */
  bool ok = o && (x = str(&v->peer), put(o, "peer", x, x)) &&
            (x = headers(&v->headers), put(o, "headers", x, x)) &&
            (x = str(&v->host), put(o, "host", x, x)) &&
            (x = str(&v->path), put(o, "path", x, x)) &&
            (x = params(&v->params), put(o, "params", x, x)) &&
            (x = json_object_new_int64(v->version), put(o, "version", x, x)) &&
            (x = v->origin.present ? str(&v->origin.value) : NULL,
             put(o, "origin", x, x || !v->origin.present)) &&
            (x = str_list(&v->protocols), put(o, "protocols", x, x)) &&
            (x = str_list(&v->extensions), put(o, "extensions", x, x));
  if (!ok) {
    json_object_put(o);
    return NULL;
  }
  return o;
}

static bool encode(const void *value, bench_sink *out) {
  const ab_connection_request *v = value;
  jobj *doc = build(v);
  if (!doc)
    return false;
  size_t len = 0;
  const char *text = json_object_to_json_string_length(
      doc, JSON_C_TO_STRING_PLAIN | JSON_C_TO_STRING_NOSLASHESCAPE, &len);
  if (text)
    bench_sink_take(out, text, len);
  json_object_put(doc); /* owns text */
  return text != NULL;
}

/* ---- parse and copy -------------------------------------------------------*/

static bool copy_str(ws_str *dst, jobj *s) {
  return json_object_is_type(s, json_type_string) &&
         ws_str_set(dst, json_object_get_string(s),
                    (size_t)json_object_get_string_len(s)) == WS_OK;
}

static bool copy_list(ab_list_str *dst, jobj *a) {
  if (!json_object_is_type(a, json_type_array))
    return false;
  for (size_t i = 0; i < json_object_array_length(a); i++) {
    jobj *e = json_object_array_get_idx(a, i);
    if (!json_object_is_type(e, json_type_string) ||
        !bench_list_add(dst, json_object_get_string(e),
                        (size_t)json_object_get_string_len(e)))
      return false;
  }
  return true;
}

static bool add_header(ws_headers *h, const char *name, jobj *s) {
  return json_object_is_type(s, json_type_string) &&
         ws_headers_add(h, ws_cstr(name),
                        ws_str_view(json_object_get_string(s),
                                    (size_t)json_object_get_string_len(s))) == WS_OK;
}

static bool copy_headers(ws_headers *dst, jobj *o) {
  if (!json_object_is_type(o, json_type_object))
    return false;
  for (struct lh_entry *e = lh_table_head(json_object_get_object(o)); e;
       e = lh_entry_next(e)) {
    const char *name = (const char *)lh_entry_k(e);
    jobj *val = (jobj *)lh_entry_v(e);
    if (!json_object_is_type(val, json_type_array)) {
      if (!add_header(dst, name, val))
        return false;
      continue;
    }
    for (size_t i = 0; i < json_object_array_length(val); i++)
      if (!add_header(dst, name, json_object_array_get_idx(val, i)))
        return false;
  }
  return true;
}

static bool copy_params(ab_map_str_list_str *dst, jobj *o) {
  if (!json_object_is_type(o, json_type_object))
    return false;
  for (struct lh_entry *e = lh_table_head(json_object_get_object(o)); e;
       e = lh_entry_next(e)) {
    const char *key = (const char *)lh_entry_k(e);
    ab_list_str *l = bench_params_add(dst, key, strlen(key));
    if (!l || !copy_list(l, (jobj *)lh_entry_v(e)))
      return false;
  }
  return true;
}

static bool copy_field(ab_connection_request *v, int field, jobj *x) {
  switch (field) {
  case F_PEER: return copy_str(&v->peer, x);
  case F_HEADERS: return copy_headers(&v->headers, x);
  case F_HOST: return copy_str(&v->host, x);
  case F_PATH: return copy_str(&v->path, x);
  case F_PARAMS: return copy_params(&v->params, x);
  case F_VERSION:
    if (!json_object_is_type(x, json_type_int))
      return false;
    v->version = json_object_get_int64(x);
    return true;
  case F_ORIGIN:
    if (x == NULL)
      return true;
    v->origin.present = true;
    return copy_str(&v->origin.value, x);
  case F_PROTOCOLS: return copy_list(&v->protocols, x);
  case F_EXTENSIONS: return copy_list(&v->extensions, x);
  default: return false;
  }
}

static bool copy_request(ab_connection_request *v, jobj *doc) {
  if (!json_object_is_type(doc, json_type_object))
    return false;
  unsigned seen = 0;
  for (struct lh_entry *e = lh_table_head(json_object_get_object(doc)); e;
       e = lh_entry_next(e)) {
    const char *key = (const char *)lh_entry_k(e);
    int f = bench_field_index(key, strlen(key));
    if (f < 0 || !copy_field(v, f, (jobj *)lh_entry_v(e)))
      return false;
    seen |= 1u << f;
  }
  return seen == (1u << F_COUNT) - 1;
}

static bool decode(const char *json, size_t len, void *value) {
  ab_connection_request *out = value;
  if (ab_connection_request_init(out) != WS_OK)
    return false;
  struct json_tokener *tok = json_tokener_new();
  jobj *doc = NULL;
  if (tok) {
    json_tokener_set_flags(tok, JSON_TOKENER_STRICT | JSON_TOKENER_VALIDATE_UTF8);
    doc = json_tokener_parse_ex(tok, json, (int)len);
  }
  bool ok = doc && copy_request(out, doc);
  json_object_put(doc);
  if (tok)
    json_tokener_free(tok);
  if (!ok)
    ab_connection_request_free(out);
  return ok;
}

const bench_op bench_ops_jsonc[] = {
    {"json-c", BENCH_ENCODE, "to_json_string(PLAIN|NOSLASHESCAPE)", encode,
     NULL, NULL},
    {"json-c", BENCH_DECODE, "strict UTF-8-checking tokener + copy", NULL,
     decode, NULL},
    {NULL, BENCH_ENCODE, NULL, NULL, NULL, NULL}};
