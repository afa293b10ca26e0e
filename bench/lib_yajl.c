/* lib_yajl.c - yajl 2 (Debian libyajl-dev): stream the document from the
 * struct through yajl_gen (UTF-8 validation on, as ours validates); parse
 * with yajl_tree_parse and copy every field back. yajl_tree_parse wants a
 * NUL-terminated text: the harness's fixtures are. */
#include <string.h>
#include <yajl/yajl_gen.h>
#include <yajl/yajl_tree.h>

#include "bench.h"

static bool gen_str(yajl_gen g, const char *s, size_t len) {
  return yajl_gen_string(g, (const unsigned char *)s, len) == yajl_gen_status_ok;
}

static bool gen_ws(yajl_gen g, const ws_str *s) {
  return gen_str(g, ws_str_c(s), s->len);
}

static bool gen_list(yajl_gen g, const ab_list_str *l) {
  bool ok = yajl_gen_array_open(g) == yajl_gen_status_ok;
  for (size_t i = 0; ok && i < l->len; i++)
    ok = gen_ws(g, &l->items[i]);
  return ok && yajl_gen_array_close(g) == yajl_gen_status_ok;
}

static bool gen_header_value(yajl_gen g, const bench_header_groups *hg,
                             size_t first) {
  const ws_headers *h = hg->h;
  if (hg->count[first] == 1)
    return gen_ws(g, &h->items[first].value);
  bool ok = yajl_gen_array_open(g) == yajl_gen_status_ok;
  for (size_t i = first; ok && i < h->len; i = hg->next[i])
    ok = gen_ws(g, &h->items[i].value);
  return ok && yajl_gen_array_close(g) == yajl_gen_status_ok;
}

static bool gen_headers(yajl_gen g, const ws_headers *h) {
  bench_header_groups hg;
  if (!bench_header_group(&hg, h))
    return false;
  bool ok = yajl_gen_map_open(g) == yajl_gen_status_ok;
  for (size_t i = 0; ok && i < h->len; i++)
    if (hg.count[i] != 0)
      ok = gen_ws(g, &h->items[i].name) && gen_header_value(g, &hg, i);
  bench_header_groups_free(&hg);
  return ok && yajl_gen_map_close(g) == yajl_gen_status_ok;
}

static bool gen_params(yajl_gen g, const ab_map_str_list_str *m) {
  bool ok = yajl_gen_map_open(g) == yajl_gen_status_ok;
  for (size_t i = 0; ok && i < m->len; i++)
    ok = gen_ws(g, &m->keys[i]) && gen_list(g, &m->values[i]);
  return ok && yajl_gen_map_close(g) == yajl_gen_status_ok;
}

static bool gen_key(yajl_gen g, const char *key) {
  return gen_str(g, key, strlen(key));
}

static bool gen_request(yajl_gen g, const ab_connection_request *v) {
  return yajl_gen_map_open(g) == yajl_gen_status_ok && gen_key(g, "peer") &&
         gen_ws(g, &v->peer) && gen_key(g, "headers") &&
         gen_headers(g, &v->headers) && gen_key(g, "host") &&
         gen_ws(g, &v->host) && gen_key(g, "path") && gen_ws(g, &v->path) &&
         gen_key(g, "params") && gen_params(g, &v->params) &&
         gen_key(g, "version") &&
         yajl_gen_integer(g, v->version) == yajl_gen_status_ok &&
         gen_key(g, "origin") &&
         (v->origin.present ? gen_ws(g, &v->origin.value)
                            : yajl_gen_null(g) == yajl_gen_status_ok) &&
         gen_key(g, "protocols") && gen_list(g, &v->protocols) &&
         gen_key(g, "extensions") && gen_list(g, &v->extensions) &&
         yajl_gen_map_close(g) == yajl_gen_status_ok;
}

static bool encode(const void *value, bench_sink *out) {
  const ab_connection_request *v = value;
  yajl_gen g = yajl_gen_alloc(NULL);
  if (!g)
    return false;
  yajl_gen_config(g, yajl_gen_validate_utf8, 1);
  bool ok = gen_request(g, v);
  const unsigned char *text = NULL;
  size_t len = 0;
  ok = ok && yajl_gen_get_buf(g, &text, &len) == yajl_gen_status_ok;
  if (ok)
    bench_sink_take(out, (const char *)text, len);
  yajl_gen_free(g);
  return ok;
}

/* ---- parse and copy -------------------------------------------------------*/

static bool copy_str(ws_str *dst, yajl_val s) {
  return YAJL_IS_STRING(s) && ws_str_set(dst, s->u.string, strlen(s->u.string)) == WS_OK;
}

static bool copy_list(ab_list_str *dst, yajl_val a) {
  if (!YAJL_IS_ARRAY(a))
    return false;
  for (size_t i = 0; i < a->u.array.len; i++) {
    yajl_val e = a->u.array.values[i];
    if (!YAJL_IS_STRING(e) || !bench_list_add(dst, e->u.string, strlen(e->u.string)))
      return false;
  }
  return true;
}

static bool add_header(ws_headers *h, const char *name, yajl_val s) {
  return YAJL_IS_STRING(s) &&
         ws_headers_add(h, ws_cstr(name), ws_cstr(s->u.string)) == WS_OK;
}

static bool copy_headers(ws_headers *dst, yajl_val o) {
  if (!YAJL_IS_OBJECT(o))
    return false;
  for (size_t i = 0; i < o->u.object.len; i++) {
    const char *name = o->u.object.keys[i];
    yajl_val val = o->u.object.values[i];
    if (!YAJL_IS_ARRAY(val)) {
      if (!add_header(dst, name, val))
        return false;
      continue;
    }
    for (size_t k = 0; k < val->u.array.len; k++)
      if (!add_header(dst, name, val->u.array.values[k]))
        return false;
  }
  return true;
}

static bool copy_params(ab_map_str_list_str *dst, yajl_val o) {
  if (!YAJL_IS_OBJECT(o))
    return false;
  for (size_t i = 0; i < o->u.object.len; i++) {
    const char *key = o->u.object.keys[i];
    ab_list_str *l = bench_params_add(dst, key, strlen(key));
    if (!l || !copy_list(l, o->u.object.values[i]))
      return false;
  }
  return true;
}

static bool copy_field(ab_connection_request *v, int field, yajl_val x) {
  switch (field) {
  case F_PEER: return copy_str(&v->peer, x);
  case F_HEADERS: return copy_headers(&v->headers, x);
  case F_HOST: return copy_str(&v->host, x);
  case F_PATH: return copy_str(&v->path, x);
  case F_PARAMS: return copy_params(&v->params, x);
  case F_VERSION:
    if (!YAJL_IS_INTEGER(x))
      return false;
    v->version = YAJL_GET_INTEGER(x);
    return true;
  case F_ORIGIN:
    if (YAJL_IS_NULL(x))
      return true;
    v->origin.present = true;
    return copy_str(&v->origin.value, x);
  case F_PROTOCOLS: return copy_list(&v->protocols, x);
  case F_EXTENSIONS: return copy_list(&v->extensions, x);
  default: return false;
  }
}

static bool copy_request(ab_connection_request *v, yajl_val doc) {
  if (!YAJL_IS_OBJECT(doc))
    return false;
  unsigned seen = 0;
  for (size_t i = 0; i < doc->u.object.len; i++) {
    const char *key = doc->u.object.keys[i];
    int f = bench_field_index(key, strlen(key));
    if (f < 0 || !copy_field(v, f, doc->u.object.values[i]))
      return false;
    seen |= 1u << f;
  }
  return seen == (1u << F_COUNT) - 1;
}

static bool decode(const char *json, size_t len, void *value) {
  ab_connection_request *out = value;
  (void)len; /* yajl_tree_parse reads up to the NUL */
  bool ok = ab_connection_request_init(out) == WS_OK;
  yajl_val doc = ok ? yajl_tree_parse(json, NULL, 0) : NULL;
  ok = doc && copy_request(out, doc);
  yajl_tree_free(doc);
  if (!ok)
    ab_connection_request_free(out);
  return ok;
}

const bench_op bench_ops_yajl[] = {
    {"yajl", BENCH_ENCODE, "yajl_gen, validate_utf8", encode, NULL, NULL},
    {"yajl", BENCH_DECODE, "yajl_tree_parse + copy", NULL, decode, NULL},
    {NULL, BENCH_ENCODE, NULL, NULL, NULL, NULL}};
