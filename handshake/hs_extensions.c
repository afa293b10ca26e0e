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

/* '='.join(x.strip() for x in piece.split('=')[1:]), without one leading
 * and one trailing '"': a view of piece, or of scratch (reset first) when
 * the value holds another '=' and its parts must be joined. */
ws_strview hs_ext_value(ws_strview piece, size_t eq, ws_buf *scratch) {
  ws_strview t = hs_strip(hs_sub(piece, eq + 1, piece.len));
  if (hs_has(t, '=')) {
    ws_buf_reset(scratch);
    for (size_t a = eq + 1; a <= piece.len; a++) {
      size_t z = hs_find(piece, a, '=');
      if (a > eq + 1)
        ws_buf_putc(scratch, '=');
      ws_strview part = hs_strip(hs_sub(piece, a, z));
      ws_buf_put(scratch, part.ptr, part.len);
      a = z;
    }
    t = ws_str_view(scratch->data, scratch->status == WS_OK ? scratch->len : 0);
  }
  if (t.len > 0 && t.ptr[0] == '"')
    t = hs_sub(t, 1, t.len);
  if (t.len > 0 && t.ptr[t.len - 1] == '"')
    t = hs_sub(t, 0, t.len - 1);
  return t;
}

static void put_param(ws_buf *b, ws_buf *scratch, ws_strview piece) {
  size_t eq = hs_find(piece, 0, '=');
  ws_buf_puts(b, "; ");
  hs_put_latin1_lower(b, hs_strip(hs_sub(piece, 0, eq)));
  if (eq < piece.len) {
    ws_buf_putc(b, '=');
    ws_strview v = hs_ext_value(piece, eq, scratch);
    if (scratch->status != WS_OK)
      ws_buf_fail(b, scratch->status);
    hs_put_latin1(b, v);
  }
}

ws_strview hs_ext_param_key(ws_strview piece) {
  return hs_strip(hs_sub(piece, 0, hs_find(piece, 0, '=')));
}

/* One offer (stripped, not empty) as text: its name, then its
 * parameters grouped by name in first-appearance order. */
static void put_offer(ws_buf *b, ws_buf *scratch, ws_strview offer) {
  size_t semi = hs_find(offer, 0, ';');
  hs_put_latin1_lower(b, hs_strip(hs_sub(offer, 0, semi)));
  for (size_t a = semi + 1; a <= offer.len; a++) {
    size_t z = hs_find(offer, a, ';');
    ws_strview key = hs_ext_param_key(hs_strip(hs_sub(offer, a, z)));
    bool seen = false;
    for (size_t p = semi + 1; p < a && !seen; p++) {
      size_t q = hs_find(offer, p, ';');
      seen = hs_same_lower(hs_ext_param_key(hs_strip(hs_sub(offer, p, q))), key);
      p = q;
    }
    if (!seen) {
      for (size_t p = a; p <= offer.len; p++) {
        size_t q = hs_find(offer, p, ';');
        ws_strview piece = hs_strip(hs_sub(offer, p, q));
        if (hs_same_lower(hs_ext_param_key(piece), key))
          put_param(b, scratch, piece);
        p = q;
      }
    }
    a = z;
  }
}

ws_status hs_extensions_parse(ws_strview header, ws_builder *out,
                              ab_list_str *exts, ws_buf *text) {
  ws_buf scratch;
  ws_buf_init(&scratch);
  ws_status st = WS_OK;
  for (size_t a = 0; a <= header.len && st == WS_OK; a++) {
    size_t z = hs_find(header, a, ',');
    ws_strview offer = hs_strip(hs_sub(header, a, z));
    a = z;
    if (offer.len == 0)
      continue;
    ws_buf_reset(text);
    put_offer(text, &scratch, offer);
    st = text->status;
    if (st == WS_OK)
      st = hs_list_add(out, exts, ws_str_view(text->data, text->len));
  }
  ws_buf_free(&scratch);
  return st;
}
