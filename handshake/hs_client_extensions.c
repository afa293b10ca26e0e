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

/* "illegal extension parameter value 'V' for parameter 'K' of extension
 * 'E'" (V and K Latin-1). */
static void put_illegal_value(ws_buf *why, ws_strview v, ws_strview key,
                              const char *ext) {
  ws_buf_puts(why, "illegal extension parameter value '");
  hs_put_latin1(why, v);
  ws_buf_puts(why, "' for parameter '");
  hs_put_latin1_lower(why, key);
  ws_buf_puts(why, "' of extension '");
  ws_buf_puts(why, ext);
  ws_buf_putc(why, '\'');
}

/* "WHAT extension parameter 'K' for extension 'E'"; false. */
static bool put_about(ws_buf *why, const char *what, ws_strview key,
                      const char *ext) {
  ws_buf_puts(why, what);
  ws_buf_puts(why, " extension parameter '");
  hs_put_latin1_lower(why, key);
  ws_buf_puts(why, "' for extension '");
  ws_buf_puts(why, ext);
  ws_buf_putc(why, '\'');
  return false;
}

/* One parameter (its first piece; count pieces in all) by its rule; false
 * with the reason in why. */
static bool check_param(const pmce *x, ws_strview piece, size_t count,
                        ws_buf *why) {
  ws_strview key = hs_ext_param_key(piece);
  if (count > 1)
    return put_about(why, "multiple occurrence of", key, x->name);
  int64_t lo = 0;
  int64_t hi = 0;
  param_rule rule = rule_of(x->kind, key, &lo, &hi);
  if (rule == RULE_ILLEGAL)
    return put_about(why, "illegal", key, x->name);
  /* the value, or Python's True when there is no '=' */
  size_t eq = hs_find(piece, 0, '=');
  bool has_value = eq < piece.len;
  ws_buf text;
  ws_buf_init(&text);
  ws_strview v = has_value ? hs_ext_value(piece, eq, &text)
                           : ws_str_view(NULL, 0);
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

/* The name of the parameter piece offer[a..z). */
static ws_strview key_of(ws_strview offer, size_t a, size_t z) {
  return hs_ext_param_key(hs_strip(hs_sub(offer, a, z)));
}

/* Response.parse over the offer's parameters (after its name, from
 * from), each distinct name once in first-appearance order. */
static bool check_params(const pmce *x, ws_strview offer, size_t from,
                         ws_buf *why) {
  for (size_t a = from; a <= offer.len; a++) {
    size_t z = hs_find(offer, a, ';');
    ws_strview piece = hs_strip(hs_sub(offer, a, z));
    ws_strview key = hs_ext_param_key(piece);
    bool seen = false;
    for (size_t p = from; p < a && !seen; p++) {
      size_t q = hs_find(offer, p, ';');
      seen = hs_same_lower(key_of(offer, p, q), key);
      p = q;
    }
    if (!seen) {
      size_t count = 0;
      for (size_t p = a; p <= offer.len; p++) {
        size_t q = hs_find(offer, p, ';');
        count += hs_same_lower(key_of(offer, p, q), key);
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
      hs_put_latin1_lower(why, name);
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
