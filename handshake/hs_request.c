/* hs_request.c - a complete header block into the ConnectionRequest of
 * autobahn's server, or its refusal: the checks of
 * WebSocketServerProtocol.processHandshake, in its order, with its
 * statuses and its reasons word for word (request text quoted in them
 * is Latin-1 turned into UTF-8, as autobahn's response encodes it). */
#include <stdio.h>
#include <string.h>

#include "hs_internal.h"

typedef struct req_ctx {
  ws_hs_server *s;
  ab_connection_request req; /* being built, its fields carved from out */
  ws_builder out;
  ws_buf scratch;
  ws_strview key; /* Sec-WebSocket-Key, stripped */
  /* The block and the refusal (its status in code, 0 while none). Set up
   * by hs_check_init, not zeroed with the rest: some 6 KB that a request
   * would otherwise clear first. */
  hs_check k;
} req_ctx;

/* Whether one of the ','-separated items of v is lit, any case. */
static bool lists(ws_strview v, const char *lit) {
  for (size_t a = 0; a <= v.len; a++) {
    size_t z = hs_find(v, a, ',');
    if (hs_is_lower(hs_strip(hs_sub(v, a, z)), lit))
      return true;
    a = z;
  }
  return false;
}

/* MARK: the checks, one function each, in autobahn's order */

/* trustXForwardedFor: the n-th address from the end of the list (or the
 * first) becomes the peer. */
static ws_status forwarded_peer(req_ctx *c) {
  const hs_field *f = hs_header(&c->k, "x-forwarded-for");
  size_t n = c->s->opts.trust_x_forwarded_for;
  ws_strview v = f ? hs_field_value(f) : ws_str_view(NULL, 0);
  if (!f || n == 0)
    return ws_builder_set(&c->out, &c->req.peer, ws_str_view_of(&c->s->peer));
  size_t count = 1;
  for (size_t i = 0; i < v.len; i++)
    count += v.ptr[i] == ',';
  size_t skip = count > n ? count - n : 0;
  size_t a = 0;
  for (size_t i = 0; i < skip; i++)
    a = hs_find(v, a, ',') + 1;
  return hs_set_latin1(&c->out, &c->req.peer,
                       hs_strip(hs_sub(v, a, hs_find(v, a, ','))));
}

/* METHOD URI HTTP/1.1, split at whitespace. */
static bool request_line(req_ctx *c, ws_strview *uri) {
  ws_strview line = c->k.blk.status_line;
  ws_strview rl[4];
  size_t n = 0;
  for (size_t i = 0; i < line.len && n < 4;) {
    while (i < line.len && hs_isspace((unsigned char)line.ptr[i]))
      i++;
    size_t a = i;
    while (i < line.len && !hs_isspace((unsigned char)line.ptr[i]))
      i++;
    if (i > a)
      rl[n++] = hs_sub(line, a, i);
  }
  if (n != 3)
    return hs_fail(&c->k, 400, "Bad HTTP request status line \"{}\"", &line, 1);
  if (!(rl[0].len == 3 && memcmp(rl[0].ptr, "GET", 3) == 0))
    return hs_fail(&c->k, 405, "HTTP method \"{}\" not allowed", &rl[0], 1);
  if (!(rl[2].len == 8 && memcmp(rl[2].ptr, "HTTP/1.1", 8) == 0))
    return hs_fail(&c->k, 505, "Unsupported HTTP version \"{}\"", &rl[2], 1);
  *uri = rl[1];
  return true;
}

/* The request target: path and query parameters. */
static bool target(req_ctx *c, ws_strview uri, ws_status *st) {
  hs_url u;
  ws_buf msg;
  ws_buf_init(&msg);
  bool ok = hs_url_split(uri, true, &c->scratch, &u, &msg);
  *st = msg.status;
  ws_buf_free(&msg);
  if (!ok) {
    return hs_fail(&c->k, 400,
                   "Bad HTTP request resource - could not parse \"{}\"", &uri,
                   1);
  }
  if (u.fragment.len > 0) {
    return hs_fail(&c->k, 400,
                   "HTTP requested resource contains a fragment identifier "
                   "\"{}\"",
                   &u.fragment, 1);
  }
  if (*st == WS_OK)
    *st = hs_set_latin1(&c->out, &c->req.path, u.path);
  if (*st == WS_OK)
    *st = hs_parse_qs(u.query, &c->out, &c->req.params);
  return true;
}

/* Host, with a port checked against external_port and dropped. */
static bool host(req_ctx *c, ws_strview *out) {
  const hs_field *f = hs_header(&c->k, "host");
  if (!f) {
    return hs_fail_text(
        &c->k, 400, "HTTP Host header missing in opening handshake request");
  }
  if (!hs_once(&c->k, f, 400, "HTTP Host header"))
    return false;
  ws_strview h = hs_strip(hs_field_value(f));
  *out = h;
  if (!hs_has(h, ':') || h.ptr[h.len - 1] == ']')
    return true;
  size_t colon = h.len;
  while (h.ptr[colon - 1] != ':')
    colon--;
  ws_strview p = hs_strip(hs_sub(h, colon, h.len));
  if (!hs_py_int(p, &c->k.canon)) {
    ws_strview args[] = {p, h};
    return hs_fail(&c->k, 400, "invalid port \"{}\" in HTTP Host header \"{}\"",
                   args, 2);
  }
  int64_t port;
  int64_t want = c->s->opts.external_port;
  if (want != 0 && !(hs_canon_i64(&c->k.canon, &port) && port == want)) {
    char listening[24];
    snprintf(listening, sizeof listening, "%lld", (long long)want);
    ws_strview args[] = {ws_str_view(c->k.canon.data, c->k.canon.len), h,
                         ws_cstr(listening)};
    return hs_fail(&c->k, 400,
                   "port {} in HTTP Host header \"{}\" does not match server "
                   "listening port {}",
                   args, 3);
  }
  *out = hs_sub(h, 0, colon - 1);
  return true;
}

/* No Upgrade header, web_status on: autobahn renders its status page
 * (200), or redirects to the URL a "redirect" parameter gives, at once
 * (303) or from the page after the seconds an "after" parameter gives
 * (200). It reads "after" with int(), and where int() raises it answers
 * nothing; the codec refuses such a request (400), saying why. */
static bool web_status(req_ctx *c) {
  const ab_map_str_list_str *params = &c->req.params;
  bool to = ab_map_str_list_str_get(params, ws_cstr("redirect")) != NULL;
  const ab_list_str *after =
      to ? ab_map_str_list_str_get(params, ws_cstr("after")) : NULL;
  if (after && !hs_py_int_text(ws_str_view_of(&after->items[0]))) {
    c->k.code = 400;
    ws_buf_puts(&c->k.why, "invalid \"after\" query parameter \"");
    ws_buf_put(&c->k.why, after->items[0].ptr, after->items[0].len);
    ws_buf_puts(&c->k.why, "\": not an integer (the seconds before "
                           "redirecting)");
    return false;
  }
  return hs_fail_text(&c->k, to && !after ? 303 : 200,
                      "HTTP Upgrade header missing");
}

/* Upgrade: websocket and Connection: upgrade. */
static bool upgrade(req_ctx *c) {
  const hs_field *f = hs_header(&c->k, "upgrade");
  if (!f && c->s->opts.web_status)
    return web_status(c);
  if (!f)
    return hs_fail_text(&c->k, 426, "HTTP Upgrade header missing");
  ws_strview v = hs_field_value(f);
  if (!lists(v, "websocket")) {
    return hs_fail(&c->k, 400,
                   "HTTP Upgrade headers do not include \"websocket\" value "
                   "(case-insensitive): \"{}\"",
                   &v, 1);
  }
  f = hs_header(&c->k, "connection");
  if (!f)
    return hs_fail_text(&c->k, 400, "HTTP Connection header missing");
  v = hs_field_value(f);
  if (!lists(v, "upgrade")) {
    return hs_fail(&c->k, 400,
                   "HTTP Connection headers do not include \"upgrade\" value "
                   "(case-insensitive): \"{}\"",
                   &v, 1);
  }
  return true;
}

static void put_versions(ws_buf *b, const ws_hs_server_options *o) {
  /* sorted, largest first, as autobahn lists them */
  int64_t last = INT64_MAX;
  bool any = true;
  bool first = true;
  while (any) {
    any = false;
    int64_t best = INT64_MIN;
    for (size_t i = 0; i < o->versions_len; i++) {
      if (o->versions[i] < last && o->versions[i] >= best) {
        best = o->versions[i];
        any = true;
      }
    }
    for (size_t i = 0; any && i < o->versions_len; i++) {
      if (o->versions[i] != best)
        continue;
      if (!first)
        ws_buf_putc(b, ',');
      ws_buf_put_i64(b, best);
      first = false;
    }
    last = best;
  }
}

/* Sec-WebSocket-Version: one, a number, one the server speaks. */
static bool version(req_ctx *c, ws_status *st) {
  const hs_field *f = hs_header(&c->k, "sec-websocket-version");
  if (!f) {
    return hs_fail_text(
        &c->k, 400,
        "WebSocket connection denied - Hixie76 protocol not supported.");
  }
  if (!hs_once(&c->k, f, 400, "HTTP Sec-WebSocket-Version header"))
    return false;
  ws_strview v = hs_field_value(f);
  if (!hs_py_int(v, &c->k.canon)) {
    return hs_fail(
        &c->k, 400,
        "could not parse HTTP Sec-WebSocket-Version header \"{}\" in "
        "opening handshake request",
        &v, 1);
  }
  int64_t n;
  bool small = hs_canon_i64(&c->k.canon, &n);
  const ws_hs_server_options *o = &c->s->opts;
  for (size_t i = 0; small && i < o->versions_len; i++) {
    if (o->versions[i] == n) {
      c->req.version = n;
      return true;
    }
  }
  ws_buf svs;
  ws_buf_init(&svs);
  put_versions(&svs, o);
  ws_strview args[] = {ws_str_view(c->k.canon.data, c->k.canon.len),
                       ws_str_view(svs.data, svs.len)};
  hs_fail(&c->k, 400,
          "WebSocket version {} not supported (supported versions: {})", args,
          2);
  *st = svs.status;
  if (*st == WS_OK) {
    *st = ws_headers_add(&c->s->refusal_headers,
                         ws_cstr("Sec-WebSocket-Version"), args[1]);
  }
  ws_buf_free(&svs);
  return false;
}

/* Sec-WebSocket-Protocol: the list, no name twice. */
static bool protocols(req_ctx *c, ws_status *st) {
  const hs_field *f = hs_header(&c->k, "sec-websocket-protocol");
  if (!f)
    return true;
  ws_strview v = hs_field_value(f);
  for (size_t a = 0; a <= v.len && *st == WS_OK; a++) {
    size_t z = hs_find(v, a, ',');
    ws_strview p = hs_strip(hs_sub(v, a, z));
    for (size_t b = 0; b < a; b++) {
      size_t y = hs_find(v, b, ',');
      ws_strview q = hs_strip(hs_sub(v, b, y));
      if (q.len == p.len && (p.len == 0 || memcmp(q.ptr, p.ptr, p.len) == 0)) {
        return hs_fail(&c->k, 400,
                       "duplicate protocol \"{}\" specified in HTTP "
                       "Sec-WebSocket-Protocol header",
                       &p, 1);
      }
      b = y;
    }
    *st = hs_list_add_latin1(&c->out, &c->req.protocols, p);
    if (*st == WS_OK)
      *st = hs_list_add_latin1(&c->out, &c->s->offered, p);
    a = z;
  }
  return true;
}

/* Origin (Sec-WebSocket-Origin before version 13): once, allowed. */
static bool origin(req_ctx *c, ws_strview *out) {
  const char *name = c->req.version < 13 ? "sec-websocket-origin" : "origin";
  const hs_field *f = hs_header(&c->k, name);
  *out = ws_str_view("", 0);
  if (!f)
    return true;
  if (!hs_once(&c->k, f, 400, "HTTP Origin header"))
    return false;
  *out = hs_strip(hs_field_value(f));
  switch (hs_origin_check(&c->s->opts, *out, &c->k.why)) {
  case HS_ORIGIN_ALLOWED:
    return true;
  case HS_ORIGIN_INVALID:
    c->k.code = 400;
    return false;
  case HS_ORIGIN_NOT_ALLOWED:
  default:
    return hs_fail(&c->k, 400,
                   "WebSocket connection denied: origin '{}' not allowed", out,
                   1);
  }
}

/* c is one of base64's 64 characters. */
static bool is_base64(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
         (c >= '0' && c <= '9') || c == '+' || c == '/';
}

/* Sec-WebSocket-Key: once, 24 characters of base64 ending in "==". */
static bool key(req_ctx *c) {
  const hs_field *f = hs_header(&c->k, "sec-websocket-key");
  if (!f)
    return hs_fail_text(&c->k, 400, "HTTP Sec-WebSocket-Key header missing");
  if (!hs_once(&c->k, f, 400, "HTTP Sec-WebSocket-Key header"))
    return false;
  ws_strview k = hs_strip(hs_field_value(f));
  if (k.len != 24) {
    return hs_fail(
        &c->k, 400,
        "bad Sec-WebSocket-Key (length must be 24 ASCII chars) \"{}\"", &k, 1);
  }
  if (k.ptr[22] != '=' || k.ptr[23] != '=') {
    return hs_fail(&c->k, 400,
                   "bad Sec-WebSocket-Key (invalid base64 encoding) \"{}\"", &k,
                   1);
  }
  for (size_t i = 0; i < 22; i++) {
    if (!is_base64(k.ptr[i])) {
      ws_strview args[] = {hs_sub(k, i, i + 1), k};
      return hs_fail(
          &c->k, 400,
          "bad character \"{}\" in Sec-WebSocket-Key (invalid base64 "
          "encoding) \"{}\"",
          args, 2);
    }
  }
  c->key = k;
  return true;
}

/* Sec-WebSocket-Extensions: once, the offers; and the refusal autobahn
 * sends for them only when accepting (hs_offers.c), kept for
 * ws_hs_write_accept. */
static bool extensions(req_ctx *c, ws_status *st) {
  const hs_field *f = hs_header(&c->k, "sec-websocket-extensions");
  if (!f)
    return true;
  if (!hs_once(&c->k, f, 400, "HTTP Sec-WebSocket-Extensions header"))
    return false;
  *st = hs_extensions_parse(hs_field_value(f), &c->out, &c->req.extensions,
                            &c->scratch);
  if (*st == WS_OK &&
      !hs_offers_check(hs_field_value(f), &c->scratch, &c->k.canon)) {
    *st = c->scratch.status;
    if (*st == WS_OK)
      *st = ws_str_set(&c->s->offer_refusal, c->scratch.data, c->scratch.len);
  }
  return true;
}

/* MARK: the whole */

/* Runs the checks; WS_OK whether or not one refused (c->k.code says). */
static ws_status run_checks(req_ctx *c) {
  ws_status st = forwarded_peer(c);
  ws_strview uri;
  ws_strview host_text;
  ws_strview origin_text;
  if (st != WS_OK || !request_line(c, &uri) || !target(c, uri, &st) ||
      st != WS_OK || !host(c, &host_text) || !upgrade(c) ||
      !version(c, &st) || !protocols(c, &st) || st != WS_OK ||
      !origin(c, &origin_text) || !key(c) || !extensions(c, &st) ||
      st != WS_OK)
    return st;
  st = hs_put_headers(&c->out, &c->k.blk, &c->req.headers);
  if (st == WS_OK)
    st = hs_set_latin1(&c->out, &c->req.host, host_text);
  c->req.origin.present = true;
  if (st == WS_OK)
    st = hs_set_latin1(&c->out, &c->req.origin.value, origin_text);
  if (st == WS_OK)
    st = ws_builder_set(&c->out, &c->s->key, c->key);
  return st;
}

static ws_status finish(req_ctx *c) {
  ws_hs_server *s = c->s;
  if (c->k.code == 0) {
    ab_connection_request_free(&s->request);
    s->request = c->req;
    memset(&c->req, 0, sizeof c->req);
    s->state = WS_HS_REQUEST;
    return WS_OK;
  }
  s->refusal.code = c->k.code;
  ws_status st = ab_opt_str_set(&s->refusal.reason,
                                ws_str_view(c->k.why.data, c->k.why.len));
  if (st == WS_OK)
    s->state = WS_HS_REFUSED;
  return st;
}

ws_status hs_request_read(ws_hs_server *s) {
  req_ctx c;
  memset(&c, 0, offsetof(req_ctx, k));
  hs_check_init(&c.k, "request");
  c.s = s;
  ws_buf_init(&c.scratch);
  /* the request's text is at most the block's size (a little more as
   * UTF-8), and its pieces' words and arrays take about as much again:
   * one block for a browser's request */
  ws_builder_start(&c.out, s->block.len + s->block.len / 2);
  ws_status st = hs_block_parse(&c.k.blk, s->block.data, s->block.len);
  if (st == WS_OK)
    st = run_checks(&c);
  if (st == WS_OK && c.k.why.status != WS_OK)
    st = c.k.why.status;
  if (st == WS_OK && c.scratch.status != WS_OK)
    st = c.scratch.status;
  if (st == WS_OK)
    st = finish(&c);
  ab_connection_request_free(&c.req);
  ws_builder_finish(&c.out);
  hs_check_free(&c.k);
  ws_buf_free(&c.scratch);
  return st;
}
