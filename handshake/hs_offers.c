/* hs_offers.c - the permessage-compress offers, checked as autobahn's
 * succeedHandshake checks them when the server accepts (after onConnect):
 * each offer of an extension autobahn knows (permessage-deflate, and
 * permessage-bzip2 and permessage-snappy, which Debian's python3-autobahn
 * always has) goes through that extension's Offer.parse, and the first
 * one it raises on refuses the handshake with 400 and the exception's
 * text. With its default options autobahn then accepts none of them
 * (perMessageCompressionAccept returns None), so a 101 never names an
 * extension.
 *
 * Offer.parse walks the parameters in order of first appearance: a name
 * given twice is refused, an unknown name is refused, and a value is
 * checked by the parameter's kind (below). The reasons quote the name
 * lower-cased and the value as the parser left it, or as Python prints
 * the int it became. */
#include <string.h>

#include "hs_internal.h"

typedef enum param_kind {
  FLAG,      /* no value (Python's True) */
  FLAG_OR_N, /* no value, or int(value) in lo..hi */
  N          /* int(value) in lo..hi; no value is int(True), 1 */
} param_kind;

typedef struct param_rule {
  const char *name;
  param_kind kind;
  int64_t lo, hi;
} param_rule;

typedef struct pmce {
  const char *name;
  param_rule rules[4];
  size_t n;
} pmce;

/* autobahn's WINDOW_SIZE_PERMISSIBLE_VALUES (9..15) and
 * COMPRESS_LEVEL_PERMISSIBLE_VALUES (1..9). */
static const pmce known[] = {
    {"permessage-deflate",
     {{"client_max_window_bits", FLAG_OR_N, 9, 15},
      {"client_no_context_takeover", FLAG, 0, 0},
      {"server_max_window_bits", N, 9, 15},
      {"server_no_context_takeover", FLAG, 0, 0}},
     4},
    {"permessage-bzip2",
     {{"client_max_compress_level", FLAG, 0, 0},
      {"server_max_compress_level", N, 1, 9}},
     2},
    {"permessage-snappy",
     {{"client_no_context_takeover", FLAG, 0, 0},
      {"server_no_context_takeover", FLAG, 0, 0}},
     2},
};

static const pmce *pmce_of(ws_strview name) {
  for (size_t i = 0; i < sizeof known / sizeof known[0]; i++) {
    if (hs_is_lower(name, known[i].name))
      return &known[i];
  }
  return NULL;
}

static const param_rule *rule_of(const pmce *e, ws_strview key) {
  for (size_t i = 0; i < e->n; i++) {
    if (hs_is_lower(key, e->rules[i].name))
      return &e->rules[i];
  }
  return NULL;
}

/* One check of an offer: the parameter named key (as given) whose first
 * piece is piece, seen count times. */
typedef struct offer_param {
  const pmce *ext;
  ws_strview key;
  ws_strview piece;
  size_t count;
} offer_param;

/* The reason, with the key lower-cased as autobahn's parser left it. */
static bool refuse(ws_buf *why, const char *tmpl, const offer_param *p,
                   const ws_strview *value) {
  ws_buf low;
  ws_buf_init(&low);
  for (size_t i = 0; i < p->key.len; i++)
    ws_buf_putc(&low, (char)hs_lower((unsigned char)p->key.ptr[i]));
  if (low.status != WS_OK)
    ws_buf_fail(why, low.status);
  ws_strview args[3];
  size_t n = 0;
  if (value)
    args[n++] = *value;
  args[n++] = ws_str_view(low.data, low.len);
  args[n++] = ws_cstr(p->ext->name);
  hs_format(why, tmpl, args, n);
  ws_buf_free(&low);
  return false;
}

static bool illegal_value(ws_buf *why, const offer_param *p, ws_strview v) {
  return refuse(why,
                "illegal extension parameter value '{}' for parameter '{}' "
                "of extension '{}'",
                p, &v);
}

/* int(value) in rule's range: value is the text, or NULL for True. */
static bool number_ok(ws_buf *why, ws_buf *canon, const offer_param *p,
                      const param_rule *r, const ws_strview *value) {
  if (value && !hs_py_int(*value, canon))
    return illegal_value(why, p, *value);
  if (!value) {
    ws_buf_reset(canon);
    ws_buf_putc(canon, '1');
  }
  int64_t n = 0;
  if (!hs_canon_i64(canon, &n) || n < r->lo || n > r->hi)
    return illegal_value(why, p, ws_str_view(canon->data, canon->len));
  return true;
}

static bool param_ok(const offer_param *p, ws_buf *why, ws_buf *canon) {
  if (p->count > 1) {
    return refuse(why,
                  "multiple occurrence of extension parameter '{}' for "
                  "extension '{}'",
                  p, NULL);
  }
  const param_rule *r = rule_of(p->ext, p->key);
  if (!r)
    return refuse(why, "illegal extension parameter '{}' for extension '{}'",
                  p, NULL);
  size_t eq = hs_find(p->piece, 0, '=');
  if (eq == p->piece.len)
    return r->kind != N || number_ok(why, canon, p, r, NULL);
  ws_buf scratch;
  ws_buf_init(&scratch);
  ws_strview v = hs_ext_value(p->piece, eq, &scratch);
  bool ok = scratch.status == WS_OK &&
            (r->kind == FLAG ? illegal_value(why, p, v)
                             : number_ok(why, canon, p, r, &v));
  if (scratch.status != WS_OK)
    ws_buf_fail(why, scratch.status);
  ws_buf_free(&scratch);
  return ok;
}

/* The offer's parameters (the pieces after its name, from semi on), each
 * name once, in order of first appearance. */
static bool offer_ok(const pmce *ext, ws_strview offer, size_t semi,
                     ws_buf *why, ws_buf *canon) {
  for (size_t a = semi + 1; a <= offer.len; a++) {
    size_t z = hs_find(offer, a, ';');
    offer_param p = {ext, ws_str_view(NULL, 0),
                     hs_strip(hs_sub(offer, a, z)), 0};
    p.key = hs_ext_param_key(p.piece);
    bool seen = false;
    for (size_t b = semi + 1; b <= offer.len && !seen; b++) {
      size_t y = hs_find(offer, b, ';');
      bool same =
          hs_same_lower(hs_ext_param_key(hs_strip(hs_sub(offer, b, y))), p.key);
      seen = same && b < a;
      p.count += same;
      b = y;
    }
    if (!seen && !param_ok(&p, why, canon))
      return false;
    a = z;
  }
  return true;
}

bool hs_offers_check(ws_strview header, ws_buf *why, ws_buf *canon) {
  ws_buf_reset(why);
  for (size_t a = 0; a <= header.len; a++) {
    size_t z = hs_find(header, a, ',');
    ws_strview offer = hs_strip(hs_sub(header, a, z));
    a = z;
    size_t semi = hs_find(offer, 0, ';');
    const pmce *ext =
        offer.len ? pmce_of(hs_strip(hs_sub(offer, 0, semi))) : NULL;
    if (ext && !offer_ok(ext, offer, semi, why, canon))
      return false;
  }
  return true;
}
