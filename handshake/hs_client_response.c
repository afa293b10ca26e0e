/* hs_client_response.c - a complete response header block into the
 * ConnectionResponse of autobahn's client, or the reason it fails the
 * handshake with: the checks of WebSocketClientProtocol.processHandshake,
 * in its order, its reasons word for word (response text quoted in them
 * is Latin-1 turned into UTF-8, as for the server). */
#include <string.h>

#include "hs_internal.h"

typedef struct resp_ctx {
  ws_hs_client *c;
  int64_t status_code;
  /* The block and the failure (a ws_hs_failure in code). Set up by
   * hs_check_init, not zeroed with the rest. */
  hs_check k;
} resp_ctx;

/* MARK: the checks, one function each, in autobahn's order */

/* autobahn's client logs the block decoded as UTF-8 before it parses it
 * (as ISO-8859-1): the decoding raises on anything else, and the
 * connection is dropped without onConnect. */
static bool utf8(resp_ctx *r) {
  size_t bad = 0;
  if (ws_utf8_valid(r->c->block.data, r->c->block.len, &bad))
    return true;
  r->k.code = WS_HS_FAIL_NOT_UTF8;
  ws_buf_puts(&r->k.why, "the response is not UTF-8 (byte ");
  ws_buf_put_i64(&r->k.why, (long long)bad);
  ws_buf_puts(&r->k.why, "), which autobahn's client cannot decode");
  return false;
}

/* The first n words of the status line, as str.split() cuts them; how
 * many there are (at most n). *rest is what follows the last of them. */
static size_t split_words(ws_strview line, ws_strview *w, size_t n,
                          ws_strview *rest) {
  size_t k = 0;
  size_t i = 0;
  while (i < line.len && k < n) {
    while (i < line.len && hs_isspace((unsigned char)line.ptr[i]))
      i++;
    size_t a = i;
    while (i < line.len && !hs_isspace((unsigned char)line.ptr[i]))
      i++;
    if (i > a)
      w[k++] = hs_sub(line, a, i);
  }
  *rest = hs_sub(line, i, line.len);
  return k;
}

/* ' '.join(sl[2:]): the words from the third on, single spaces. */
static void put_rest_of_line(ws_buf *b, ws_strview rest) {
  bool first = true;
  for (size_t i = 0; i < rest.len;) {
    while (i < rest.len && hs_isspace((unsigned char)rest.ptr[i]))
      i++;
    size_t a = i;
    while (i < rest.len && !hs_isspace((unsigned char)rest.ptr[i]))
      i++;
    if (i == a)
      break;
    if (!first)
      ws_buf_putc(b, ' ');
    hs_put_latin1(b, hs_sub(rest, a, i));
    first = false;
  }
}

/* "HTTP/1.1 101 ...": two words at least, the version, a number, 101. */
static bool status_line(resp_ctx *r) {
  ws_strview line = r->k.blk.status_line;
  ws_strview sl[2];
  ws_strview rest;
  if (split_words(line, sl, 2, &rest) < 2) {
    return hs_fail(&r->k, WS_HS_FAIL_STATUS_LINE,
                   "Bad HTTP response status line \"{}\"", &line, 1);
  }
  if (!(sl[0].len == 8 && memcmp(sl[0].ptr, "HTTP/1.1", 8) == 0)) {
    return hs_fail(&r->k, WS_HS_FAIL_HTTP_VERSION,
                   "Unsupported HTTP version \"{}\"", &sl[0], 1);
  }
  if (!hs_py_int(sl[1], &r->k.canon)) {
    return hs_fail(&r->k, WS_HS_FAIL_STATUS_CODE, "Bad HTTP status code \"{}\"",
                   &sl[1], 1);
  }
  int64_t code = 0;
  if (!hs_canon_i64(&r->k.canon, &code))
    code = 0;
  r->status_code = code;
  if (code == 101)
    return true;
  r->k.code = WS_HS_FAIL_NOT_101;
  ws_buf_puts(&r->k.why, "WebSocket connection upgrade failed [");
  ws_buf_put(&r->k.why, r->k.canon.data, r->k.canon.len);
  ws_buf_puts(&r->k.why, "]: ");
  put_rest_of_line(&r->k.why, rest);
  return false;
}

/* Upgrade: websocket (the whole value); Connection lists upgrade. */
static bool upgrade(resp_ctx *r) {
  const hs_field *f = hs_header(&r->k, "upgrade");
  if (!f)
    return hs_fail_text(&r->k, WS_HS_FAIL_UPGRADE,
                        "HTTP Upgrade header missing");
  ws_strview v = hs_field_value(f);
  if (!hs_is_lower(hs_strip(v), "websocket")) {
    return hs_fail(&r->k, WS_HS_FAIL_UPGRADE,
                   "HTTP Upgrade header different from \"websocket\" "
                   "(case-insensitive): \"{}\"",
                   &v, 1);
  }
  f = hs_header(&r->k, "connection");
  if (!f)
    return hs_fail_text(&r->k, WS_HS_FAIL_CONNECTION,
                        "HTTP Connection header missing");
  v = hs_field_value(f);
  for (size_t a = 0; a <= v.len; a++) {
    size_t z = hs_find(v, a, ',');
    if (hs_is_lower(hs_strip(hs_sub(v, a, z)), "upgrade"))
      return true;
    a = z;
  }
  return hs_fail(&r->k, WS_HS_FAIL_CONNECTION,
                 "HTTP Connection header does not include \"upgrade\" value "
                 "(case-insensitive): \"{}\"",
                 &v, 1);
}

/* Sec-WebSocket-Accept: once, the key's. */
static bool accept_key(resp_ctx *r) {
  const hs_field *f = hs_header(&r->k, "sec-websocket-accept");
  if (!f) {
    return hs_fail_text(&r->k, WS_HS_FAIL_ACCEPT,
                        "HTTP Sec-WebSocket-Accept header missing in opening "
                        "handshake reply");
  }
  if (!hs_once(&r->k, f, WS_HS_FAIL_ACCEPT, "HTTP Sec-WebSocket-Accept header"))
    return false;
  char want[29];
  ws_hs_accept_key(ws_cstr(r->c->key), want);
  ws_strview got = hs_strip(hs_field_value(f));
  if (got.len == 28 && memcmp(got.ptr, want, 28) == 0)
    return true;
  ws_strview args[] = {ws_cstr(want), got};
  return hs_fail(&r->k, WS_HS_FAIL_ACCEPT,
                 "HTTP Sec-WebSocket-Accept bogus value : expected {} / got {}",
                 args, 2);
}

/* Sec-WebSocket-Extensions: once; we offered none, so any extension it
 * names fails (with the reason autobahn's check of it gives). */
static bool extensions(resp_ctx *r) {
  const hs_field *f = hs_header(&r->k, "sec-websocket-extensions");
  if (!f)
    return true;
  if (!hs_once(&r->k, f, WS_HS_FAIL_EXTENSIONS,
               "HTTP Sec-WebSocket-Extensions header"))
    return false;
  if (hs_client_extensions_ok(hs_field_value(f), &r->k.why))
    return true;
  r->k.code = WS_HS_FAIL_EXTENSIONS;
  return false;
}

static bool was_offered(const ws_hs_client *c, ws_strview latin1) {
  for (size_t i = 0; i < c->offered.len; i++) {
    if (hs_latin1_is(latin1, ws_str_view_of(&c->offered.items[i])))
      return true;
  }
  return false;
}

/* str() of the offered list, as autobahn's message formats it. */
static void put_offered(ws_buf *b, const ws_hs_client *c) {
  ws_buf_putc(b, '[');
  for (size_t i = 0; i < c->offered.len; i++) {
    if (i > 0)
      ws_buf_puts(b, ", ");
    ws_repr_str(b, c->offered.items[i].ptr, c->offered.items[i].len);
  }
  ws_buf_putc(b, ']');
}

/* Sec-WebSocket-Protocol: once; empty means none; else one we offered,
 * which goes into chosen (Latin-1). */
static bool protocol(resp_ctx *r, ws_strview *chosen) {
  const hs_field *f = hs_header(&r->k, "sec-websocket-protocol");
  if (!f)
    return true;
  if (!hs_once(&r->k, f, WS_HS_FAIL_PROTOCOL,
               "HTTP Sec-WebSocket-Protocol header"))
    return false;
  ws_strview sp = hs_strip(hs_field_value(f));
  if (sp.len == 0)
    return true;
  if (was_offered(r->c, sp)) {
    *chosen = sp;
    return true;
  }
  hs_fail(&r->k, WS_HS_FAIL_PROTOCOL,
          "subprotocol selected by server \"{}\" not in subprotocol list "
          "requested by client \"",
          &sp, 1);
  put_offered(&r->k.why, r->c);
  ws_buf_putc(&r->k.why, '"');
  return false;
}

/* MARK: the whole */

/* The response autobahn's onConnect gets, into c->response: its text and
 * arrays carved from one builder, as the server's request is. */
static ws_status open_with(resp_ctx *r, ws_strview chosen) {
  ws_hs_client *c = r->c;
  ab_connection_response resp;
  memset(&resp, 0, sizeof resp);
  ws_builder out;
  ws_builder_start(&out, c->block.len + c->block.len / 2);
  ws_status st = ws_builder_set(&out, &resp.peer, ws_str_view_of(&c->peer));
  if (st == WS_OK)
    st = hs_put_headers(&out, &r->k.blk, &resp.headers);
  resp.version = WS_HS_CLIENT_SPEC_VERSION;
  resp.protocol.present = chosen.len > 0;
  if (st == WS_OK && chosen.len > 0)
    st = hs_set_latin1(&out, &resp.protocol.value, chosen);
  ws_builder_finish(&out);
  if (st != WS_OK) {
    ab_connection_response_free(&resp);
    return st;
  }
  ab_connection_response_free(&c->response);
  c->response = resp;
  c->state = WS_HS_CLIENT_OPEN;
  return WS_OK;
}

static ws_status fail_with(resp_ctx *r) {
  ws_hs_client *c = r->c;
  ws_status st =
      ws_str_set(&c->reason, r->k.why.data ? r->k.why.data : "", r->k.why.len);
  if (st != WS_OK)
    return st;
  c->failure = (ws_hs_failure)r->k.code;
  c->status_code = r->status_code;
  c->state = WS_HS_CLIENT_FAILED;
  return WS_OK;
}

ws_status hs_client_read(ws_hs_client *c) {
  resp_ctx r;
  memset(&r, 0, offsetof(resp_ctx, k));
  hs_check_init(&r.k, "reply");
  r.c = c;
  ws_strview chosen = ws_str_view(NULL, 0);
  ws_status st = WS_OK;
  if (utf8(&r)) {
    st = hs_block_parse(&r.k.blk, c->block.data, c->block.len);
    if (st == WS_OK && status_line(&r) && upgrade(&r) && accept_key(&r) &&
        extensions(&r))
      protocol(&r, &chosen);
  }
  if (st == WS_OK)
    st = r.k.why.status;
  if (st == WS_OK)
    st = r.k.code == WS_HS_FAIL_NONE ? open_with(&r, chosen) : fail_with(&r);
  hs_check_free(&r.k);
  return st;
}

ws_status hs_client_too_large(ws_hs_client *c) {
  ws_buf why;
  ws_buf_init(&why);
  ws_buf_puts(&why, "the response's header block is larger than ");
  ws_buf_put_i64(&why, (long long)c->max_header_bytes);
  ws_buf_puts(&why, " bytes");
  ws_status st = why.status;
  if (st == WS_OK)
    st = ws_str_set(&c->reason, why.data, why.len);
  ws_buf_free(&why);
  if (st != WS_OK)
    return st;
  c->failure = WS_HS_FAIL_TOO_LARGE;
  c->state = WS_HS_CLIENT_FAILED;
  return WS_OK;
}
