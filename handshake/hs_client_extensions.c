/* hs_client_extensions.c - a response's Sec-WebSocket-Extensions as
 * autobahn's client judges it. The header is read as for the server
 * (_parseExtensionsHeader: offers split at ',', each at ';', a parameter
 * at '=', names lower-cased, values stripped and unquoted, True for no
 * '='); then, extension by extension: one of autobahn's permessage-
 * compress extensions (deflate, bzip2, and snappy, which python3-autobahn
 * depends on) has its parameters parsed by that extension's
 * Response.parse, whose exception is the reason; a well-formed one is
 * then refused, since the client offered none (autobahn's default
 * perMessageCompressionAccept); any other extension was not requested.
 * The first extension decides. */
#include <string.h>

#include "hs_internal.h"

typedef enum pmce_kind { PMCE_NONE, PMCE_DEFLATE, PMCE_BZIP2, PMCE_SNAPPY } pmce_kind;

/* A parameter's rule in an extension's Response.parse. */
typedef enum param_rule {
  RULE_ILLEGAL, /* not a parameter of the extension */
  RULE_FLAG,    /* must be given without a value (Python's True) */
  RULE_INT      /* int(value) within lo..hi */
} param_rule;

typedef struct pmce {
  const char *name;
  pmce_kind kind;
} pmce;

static const pmce pmces[] = {
    {"permessage-deflate", PMCE_DEFLATE},
    {"permessage-bzip2", PMCE_BZIP2},
    {"permessage-snappy", PMCE_SNAPPY},
};

static param_rule rule_of(pmce_kind kind, ws_strview key, int64_t *lo,
                          int64_t *hi) {
  bool deflate = kind == PMCE_DEFLATE;
  bool bzip2 = kind == PMCE_BZIP2;
  if ((deflate || kind == PMCE_SNAPPY) &&
      (hs_is_lower(key, "client_no_context_takeover") ||
       hs_is_lower(key, "server_no_context_takeover")))
    return RULE_FLAG;
  if (deflate && (hs_is_lower(key, "client_max_window_bits") ||
                  hs_is_lower(key, "server_max_window_bits"))) {
    *lo = 9; /* WINDOW_SIZE_PERMISSIBLE_VALUES */
    *hi = 15;
    return RULE_INT;
  }
  if (bzip2 && (hs_is_lower(key, "client_max_compress_level") ||
                hs_is_lower(key, "server_max_compress_level"))) {
    *lo = 1; /* COMPRESS_LEVEL_PERMISSIBLE_VALUES */
    *hi = 9;
    return RULE_INT;
  }
  return RULE_ILLEGAL;
}

/* MARK: the parameters of one extension */

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

/* A parameter piece's name: before the first '=', stripped. */
static ws_strview param_key(ws_strview piece) {
  return hs_strip(hs_sub(piece, 0, hs_find(piece, 0, '=')));
}

/* A piece's value as autobahn keeps it, '='.join of the stripped parts
 * after the first, one leading and one trailing '"' removed, into v
 * (Latin-1); false when the piece has no '=' (True). */
static bool param_value(ws_strview piece, ws_buf *v) {
  size_t eq = hs_find(piece, 0, '=');
  if (eq == piece.len)
    return false;
  for (size_t a = eq + 1; a <= piece.len; a++) {
    size_t z = hs_find(piece, a, '=');
    if (a > eq + 1)
      ws_buf_putc(v, '=');
    ws_strview part = hs_strip(hs_sub(piece, a, z));
    ws_buf_put(v, part.ptr, part.len);
    a = z;
  }
  return true;
}

static ws_strview unquoted(const ws_buf *v) {
  ws_strview t = ws_str_view(v->data, v->len);
  if (t.len > 0 && t.ptr[0] == '"')
    t = hs_sub(t, 1, t.len);
  if (t.len > 0 && t.ptr[t.len - 1] == '"')
    t = hs_sub(t, 0, t.len - 1);
  return t;
}

/* "illegal extension parameter value 'V' for parameter 'K' of extension
 * 'E'" (V and K Latin-1). */
static void put_illegal_value(ws_buf *why, ws_strview v, ws_strview key,
                              const char *ext) {
  ws_buf_puts(why, "illegal extension parameter value '");
  hs_put_latin1(why, v);
  ws_buf_puts(why, "' for parameter '");
  put_lower(why, key);
  ws_buf_puts(why, "' of extension '");
  ws_buf_puts(why, ext);
  ws_buf_putc(why, '\'');
}

/* One parameter (its first piece; count pieces in all) by its rule; false
 * with the reason in why. */
static bool check_param(const pmce *x, ws_strview piece, size_t count,
                        ws_buf *why) {
  ws_strview key = param_key(piece);
  if (count > 1) {
    ws_buf_puts(why, "multiple occurrence of extension parameter '");
    put_lower(why, key);
    ws_buf_puts(why, "' for extension '");
    ws_buf_puts(why, x->name);
    ws_buf_putc(why, '\'');
    return false;
  }
  int64_t lo = 0;
  int64_t hi = 0;
  param_rule rule = rule_of(x->kind, key, &lo, &hi);
  if (rule == RULE_ILLEGAL) {
    ws_buf_puts(why, "illegal extension parameter '");
    put_lower(why, key);
    ws_buf_puts(why, "' for extension '");
    ws_buf_puts(why, x->name);
    ws_buf_putc(why, '\'');
    return false;
  }
  ws_buf text;
  ws_buf_init(&text);
  bool has_value = param_value(piece, &text);
  ws_strview v = unquoted(&text);
  bool ok = true;
  if (text.status != WS_OK) {
    ws_buf_fail(why, text.status);
  } else if (rule == RULE_FLAG) {
    ok = !has_value;
    if (!ok)
      put_illegal_value(why, v, key, x->name);
  } else if (!has_value) {
    /* int(True) is 1 */
    ok = lo <= 1 && 1 <= hi;
    if (!ok)
      put_illegal_value(why, ws_cstr("1"), key, x->name);
  } else {
    char space[HS_INT_TEXT_MAX];
    ws_buf canon;
    ws_buf_fixed(&canon, space, sizeof space);
    int64_t n;
    if (!hs_py_int(v, &canon)) {
      ok = false;
      put_illegal_value(why, v, key, x->name);
    } else if (!hs_canon_i64(&canon, &n) || n < lo || n > hi) {
      ok = false;
      put_illegal_value(why, ws_str_view(canon.data, canon.len), key,
                        x->name);
    }
  }
  ws_buf_free(&text);
  return ok;
}

/* Response.parse over the offer's parameters (after its name, from
 * from), each distinct name once in first-appearance order. */
static bool check_params(const pmce *x, ws_strview offer, size_t from,
                         ws_buf *why) {
  for (size_t a = from; a <= offer.len; a++) {
    size_t z = hs_find(offer, a, ';');
    ws_strview piece = hs_strip(hs_sub(offer, a, z));
    ws_strview key = param_key(piece);
    bool seen = false;
    for (size_t p = from; p < a && !seen; p++) {
      size_t q = hs_find(offer, p, ';');
      seen = same_lower(param_key(hs_strip(hs_sub(offer, p, q))), key);
      p = q;
    }
    if (!seen) {
      size_t count = 0;
      for (size_t p = a; p <= offer.len; p++) {
        size_t q = hs_find(offer, p, ';');
        count += same_lower(param_key(hs_strip(hs_sub(offer, p, q))), key);
        p = q;
      }
      if (!check_param(x, piece, count, why))
        return false;
    }
    a = z;
  }
  return true;
}

/* MARK: the header */

static const pmce *pmce_of(ws_strview name) {
  for (size_t i = 0; i < sizeof pmces / sizeof pmces[0]; i++) {
    if (hs_is_lower(name, pmces[i].name))
      return &pmces[i];
  }
  return NULL;
}

bool hs_client_extensions_ok(ws_strview header, ws_buf *why) {
  for (size_t a = 0; a <= header.len; a++) {
    size_t z = hs_find(header, a, ',');
    ws_strview offer = hs_strip(hs_sub(header, a, z));
    a = z;
    if (offer.len == 0)
      continue;
    size_t semi = hs_find(offer, 0, ';');
    ws_strview name = hs_strip(hs_sub(offer, 0, semi));
    const pmce *x = pmce_of(name);
    if (!x) {
      ws_buf_puts(why, "server wants to use extension \"");
      put_lower(why, name);
      ws_buf_puts(why, "\" we did not request, have not implemented or did "
                       "not enable");
      return false;
    }
    if (semi < offer.len && !check_params(x, offer, semi + 1, why))
      return false;
    ws_buf_puts(why, "WebSocket permessage-compress extension response from "
                     "server denied by client");
    return false;
  }
  return true;
}
