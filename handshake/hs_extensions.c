/* hs_extensions.c - Sec-WebSocket-Extensions as autobahn's
 * _parseExtensionsHeader reads it: offers split at ',' and stripped, empty
 * ones dropped; each split at ';' and stripped, the first piece the
 * extension's name, lower-cased; each later piece split at '=' with every
 * part stripped, the first lower-cased as the parameter's name, the rest
 * joined again with '=' as its value (without one leading and one
 * trailing '"'), or no value (Python's True) when there is no '='.
 *
 * autobahn keeps an offer as the pair (name, {param: [values]}); the
 * schema's ConnectionRequest.extensions is list<str>, so each pair is
 * written as the text "name; param=value; flag", the parameters in
 * first-appearance order with the values of a repeated one together
 * (docs/handshake.md). */
#include <string.h>

#include "hs_internal.h"

static void put_lower(ws_buf *b, ws_strview v) {
  for (size_t i = 0; i < v.len; i++) {
    char c = (char)hs_lower((unsigned char)v.ptr[i]);
    hs_put_latin1(b, ws_str_view(&c, 1));
  }
}

static bool same_lower(ws_strview a, ws_strview b) {
  if (a.len != b.len)
    return false;
  for (size_t i = 0; i < a.len; i++) {
    if (hs_lower((unsigned char)a.ptr[i]) != hs_lower((unsigned char)b.ptr[i]))
      return false;
  }
  return true;
}

/* '='.join(x.strip() for x in piece.split('=')[1:]), quotes removed. */
static void put_value(ws_buf *b, ws_strview piece, size_t eq) {
  ws_buf v;
  ws_buf_init(&v);
  for (size_t a = eq + 1; a <= piece.len; a++) {
    size_t z = hs_find(piece, a, '=');
    if (a > eq + 1)
      ws_buf_putc(&v, '=');
    ws_strview part = hs_strip(hs_sub(piece, a, z));
    ws_buf_put(&v, part.ptr, part.len);
    a = z;
  }
  ws_strview t = ws_str_view(v.data, v.len);
  if (t.len > 0 && t.ptr[0] == '"')
    t = hs_sub(t, 1, t.len);
  if (t.len > 0 && t.ptr[t.len - 1] == '"')
    t = hs_sub(t, 0, t.len - 1);
  if (v.status != WS_OK)
    ws_buf_fail(b, v.status);
  hs_put_latin1(b, t);
  ws_buf_free(&v);
}

static void put_param(ws_buf *b, ws_strview piece) {
  size_t eq = hs_find(piece, 0, '=');
  ws_buf_puts(b, "; ");
  put_lower(b, hs_strip(hs_sub(piece, 0, eq)));
  if (eq < piece.len) {
    ws_buf_putc(b, '=');
    put_value(b, piece, eq);
  }
}

static ws_strview param_key(ws_strview piece) {
  return hs_strip(hs_sub(piece, 0, hs_find(piece, 0, '=')));
}

/* One offer (stripped, not empty) as text: its name, then its
 * parameters grouped by name in first-appearance order. */
static void put_offer(ws_buf *b, ws_strview offer) {
  size_t semi = hs_find(offer, 0, ';');
  put_lower(b, hs_strip(hs_sub(offer, 0, semi)));
  for (size_t a = semi + 1; a <= offer.len; a++) {
    size_t z = hs_find(offer, a, ';');
    ws_strview key = param_key(hs_strip(hs_sub(offer, a, z)));
    bool seen = false;
    for (size_t p = semi + 1; p < a && !seen; p++) {
      size_t q = hs_find(offer, p, ';');
      seen = same_lower(param_key(hs_strip(hs_sub(offer, p, q))), key);
      p = q;
    }
    if (!seen) {
      for (size_t p = a; p <= offer.len; p++) {
        size_t q = hs_find(offer, p, ';');
        ws_strview piece = hs_strip(hs_sub(offer, p, q));
        if (same_lower(param_key(piece), key))
          put_param(b, piece);
        p = q;
      }
    }
    a = z;
  }
}

ws_status hs_extensions_parse(ws_strview header, ab_list_str *exts) {
  ws_buf text;
  ws_buf_init(&text);
  ws_status st = WS_OK;
  for (size_t a = 0; a <= header.len && st == WS_OK; a++) {
    size_t z = hs_find(header, a, ',');
    ws_strview offer = hs_strip(hs_sub(header, a, z));
    a = z;
    if (offer.len == 0)
      continue;
    ws_buf_reset(&text);
    put_offer(&text, offer);
    st = text.status;
    if (st == WS_OK)
      st = ab_list_str_append(exts, ws_str_view(text.data, text.len));
  }
  ws_buf_free(&text);
  return st;
}
