/* hs_query.c - a query string as urllib.parse.parse_qs reads it with its
 * defaults: fields split at '&' only; a field without '=' or with nothing
 * after it is dropped (keep_blank_values false); '+' is a space; then
 * unquote: each run of ASCII characters has its %XX escapes (X any case)
 * turned into bytes and decoded as UTF-8 with errors='replace', other
 * characters (Latin-1 bytes of the request) kept; a '%' without two hex
 * digits stays. Values of a repeated name are listed in order. */
#include <string.h>

#include "hs_internal.h"

static int hex_value(char c) {
  if (c >= '0' && c <= '9')
    return c - '0';
  if (c >= 'a' && c <= 'f')
    return c - 'a' + 10;
  if (c >= 'A' && c <= 'F')
    return c - 'A' + 10;
  return -1;
}

/* The number of bytes of the well-formed UTF-8 sequence at p[0..n), or 0
 * with *bad the length of its maximal ill-formed prefix (what CPython
 * replaces with one U+FFFD). */
static size_t utf8_sequence(const unsigned char *p, size_t n, size_t *bad) {
  unsigned char c = p[0];
  size_t need;
  unsigned char lo = 0x80;
  unsigned char hi = 0xBF;
  if (c >= 0xC2 && c <= 0xDF) {
    need = 2;
  } else if (c >= 0xE0 && c <= 0xEF) {
    need = 3;
    lo = c == 0xE0 ? 0xA0 : 0x80;
    hi = c == 0xED ? 0x9F : 0xBF;
  } else if (c >= 0xF0 && c <= 0xF4) {
    need = 4;
    lo = c == 0xF0 ? 0x90 : 0x80;
    hi = c == 0xF4 ? 0x8F : 0xBF;
  } else {
    *bad = 1;
    return 0;
  }
  for (size_t k = 1; k < need; k++) {
    unsigned char min = k == 1 ? lo : 0x80;
    unsigned char max = k == 1 ? hi : 0xBF;
    if (k >= n || p[k] < min || p[k] > max) {
      *bad = k;
      return 0;
    }
  }
  return need;
}

/* bytes.decode('utf-8', 'replace'). */
static void put_utf8_replacing(ws_buf *out, const unsigned char *p, size_t n) {
  static const char replacement[] = "\xEF\xBF\xBD";
  for (size_t i = 0; i < n;) {
    if (p[i] < 0x80) {
      ws_buf_putc(out, (char)p[i++]);
      continue;
    }
    size_t bad = 0;
    size_t ok = utf8_sequence(p + i, n - i, &bad);
    if (ok) {
      ws_buf_put(out, p + i, ok);
      i += ok;
    } else {
      ws_buf_put(out, replacement, 3);
      i += bad;
    }
  }
}

/* run (ASCII) with each '+' a space. */
static void put_plus_as_space(ws_buf *out, ws_strview run) {
  for (size_t a = 0; a < run.len; a++) {
    size_t z = hs_find(run, a, '+');
    ws_buf_put(out, run.ptr + a, z - a);
    if (z < run.len)
      ws_buf_putc(out, ' ');
    a = z;
  }
}

/* unquote_to_bytes(run).decode('utf-8', 'replace') for an ASCII run, with
 * '+' read as a space. What is before the first '%' is ASCII and goes
 * straight to out; from there the decoded bytes go through bytes (a
 * scratch), as escapes may make UTF-8 sequences. */
static void put_unquoted_run(ws_buf *out, ws_buf *bytes, ws_strview run) {
  size_t pct = hs_find(run, 0, '%');
  put_plus_as_space(out, hs_sub(run, 0, pct));
  if (pct == run.len)
    return;
  ws_buf_reset(bytes);
  for (size_t i = pct; i < run.len; i++) {
    char c = run.ptr[i] == '+' ? ' ' : run.ptr[i];
    int h = -1;
    int l = -1;
    if (c == '%' && i + 2 < run.len) {
      h = hex_value(run.ptr[i + 1]);
      l = hex_value(run.ptr[i + 2]);
    }
    if (h >= 0 && l >= 0) {
      ws_buf_putc(bytes, (char)(h * 16 + l));
      i += 2;
    } else {
      ws_buf_putc(bytes, c);
    }
  }
  if (bytes->status != WS_OK) {
    ws_buf_fail(out, bytes->status);
    return;
  }
  put_utf8_replacing(out, (const unsigned char *)bytes->data, bytes->len);
}

/* unquote(text.replace('+', ' ')) into out (reset first). */
static void put_unquoted(ws_buf *out, ws_buf *bytes, ws_strview text) {
  ws_buf_reset(out);
  size_t i = 0;
  while (i < text.len) {
    size_t a = i;
    if ((unsigned char)text.ptr[i] >= 0x80) {
      while (i < text.len && (unsigned char)text.ptr[i] >= 0x80)
        i++;
      hs_put_latin1(out, hs_sub(text, a, i));
    } else {
      while (i < text.len && (unsigned char)text.ptr[i] < 0x80)
        i++;
      put_unquoted_run(out, bytes, hs_sub(text, a, i));
    }
  }
}

/* The kind of ConnectionRequest.params, whose descriptor the generated
 * code keeps static: the field table has it. */
static const ws_kind *params_kind(void) {
  const ws_type *t = &ab_connection_request_type;
  for (size_t i = 0; i < t->field_count; i++)
    if (strcmp(t->fields[i].name, "params") == 0)
      return t->fields[i].kind;
  return NULL;
}

/* parse_qs's dict: a new name is added with [value], a known one gets
 * value appended to its list in place. The name is looked up through the
 * map's index once the map is large (ws_map_find_to_change), so that a
 * query of n fields costs O(n). The map's two arrays share one capacity:
 * it grows only once both have. */
static ws_status add_param(ws_builder *b, const ws_kind *kind,
                           ab_map_str_list_str *params, const ws_buf *name,
                           const ws_buf *value) {
  ws_strview k = ws_str_view(name->data, name->len);
  ws_strview v = ws_str_view(value->data, value->len);
  size_t at;
  ws_status st = ws_map_find_to_change(kind, params, k, &at);
  if (st != WS_OK)
    return st;
  if (at < params->len)
    return hs_list_add(b, &params->values[at], v);
  size_t keys_cap = params->cap;
  size_t values_cap = params->cap;
  size_t need = params->len + 1;
  st = ws_builder_grow(b, (void **)&params->keys, &keys_cap, need,
                       sizeof *params->keys);
  if (st == WS_OK)
    st = ws_builder_grow(b, (void **)&params->values, &values_cap, need,
                         sizeof *params->values);
  if (st != WS_OK)
    return st;
  params->cap = keys_cap < values_cap ? keys_cap : values_cap;
  ab_list_str *list = &params->values[params->len];
  st = ws_builder_set(b, &params->keys[params->len++], k);
  return st == WS_OK ? hs_list_add(b, list, v) : st;
}

ws_status hs_parse_qs(ws_strview query, ws_builder *b,
                      ab_map_str_list_str *params) {
  ws_buf name;
  ws_buf value;
  ws_buf bytes;
  ws_buf_init(&name);
  ws_buf_init(&value);
  ws_buf_init(&bytes);
  const ws_kind *kind = params_kind();
  ws_status st = WS_OK;
  for (size_t a = 0; a <= query.len && st == WS_OK; a++) {
    size_t z = hs_find(query, a, '&');
    ws_strview field = hs_sub(query, a, z);
    a = z;
    size_t eq = hs_find(field, 0, '=');
    if (eq == field.len || eq + 1 == field.len)
      continue;
    put_unquoted(&name, &bytes, hs_sub(field, 0, eq));
    put_unquoted(&value, &bytes, hs_sub(field, eq + 1, field.len));
    st = name.status != WS_OK ? name.status : value.status;
    if (st == WS_OK)
      st = add_param(b, kind, params, &name, &value);
  }
  ws_buf_free(&name);
  ws_buf_free(&value);
  ws_buf_free(&bytes);
  return st;
}
