/* test_hs_server.c - the handshake codec's server side: feeding (need
 * more, the end of the block, the limit), each refusal of autobahn's with
 * its status and reason (the reasons are autobahn's format strings, from
 * autobahn/websocket/protocol.py), the options, and the sweep of every
 * allocation. tests/system/handshake_diff.py compares the whole with
 * autobahn's running server. */
#include "failalloc.h"

#include <stdio.h>
#include <string.h>

#include "ws_handshake.h"

#define KEY "dGhlIHNhbXBsZSBub25jZQ=="

/* A valid request with `extra` header lines (each ending in CRLF). */
static const char *request_with(char *out, size_t cap, const char *target,
                                const char *extra) {
  snprintf(out, cap,
           "GET %s HTTP/1.1\r\nHost: example.com:9000\r\nUpgrade: websocket\r\n"
           "Connection: Upgrade\r\nSec-WebSocket-Key: " KEY "\r\n"
           "Sec-WebSocket-Version: 13\r\n%s\r\n",
           target, extra);
  return out;
}

/* Feeds all of text in one piece into a fresh server (default options
 * unless o). */
static void feed_all(ws_hs_server *s, const ws_hs_server_options *o,
                     const char *text) {
  assert_int_equal(ws_hs_server_init(s, o, ws_cstr("tcp:127.0.0.1:1"), NULL),
                   WS_OK);
  size_t used = 0;
  assert_int_equal(ws_hs_server_feed(s, text, strlen(text), &used), WS_OK);
}

static void expect_refusal(const ws_hs_server_options *o, const char *text,
                           int64_t code, const char *reason) {
  ws_hs_server s;
  feed_all(&s, o, text);
  assert_int_equal(s.state, WS_HS_REFUSED);
  assert_int_equal(s.refusal.code, code);
  assert_true(s.refusal.reason.present);
  assert_string_equal(ws_str_c(&s.refusal.reason.value), reason);
  ws_hs_server_free(&s);
}

/* MARK: feeding */

static void test_need_more_until_the_empty_line(void **state) {
  (void)state;
  char req[512];
  request_with(req, sizeof req, "/", "");
  ws_hs_server s;
  assert_int_equal(ws_hs_server_init(&s, NULL, ws_cstr("p"), NULL), WS_OK);
  size_t n = strlen(req);
  for (size_t i = 0; i + 1 < n; i++) {
    size_t used = 99;
    assert_int_equal(ws_hs_server_feed(&s, req + i, 1, &used), WS_OK);
    assert_int_equal(used, 1);
    assert_int_equal(s.state, WS_HS_NEED_MORE);
  }
  size_t used = 0;
  assert_int_equal(ws_hs_server_feed(&s, req + n - 1, 1, &used), WS_OK);
  assert_int_equal(used, 1);
  assert_int_equal(s.state, WS_HS_REQUEST);
  /* once done, more bytes are not the handshake's */
  assert_int_equal(ws_hs_server_feed(&s, "x", 1, &used), WS_OK);
  assert_int_equal(used, 0);
  ws_hs_server_free(&s);
}

static void test_bytes_after_the_block_are_not_used(void **state) {
  (void)state;
  char req[512];
  request_with(req, sizeof req, "/", "");
  size_t n = strlen(req);
  char both[600];
  memcpy(both, req, n);
  memcpy(both + n, "\x81\x85" "frame", 8);
  ws_hs_server s;
  assert_int_equal(ws_hs_server_init(&s, NULL, ws_cstr("p"), NULL), WS_OK);
  size_t used = 0;
  assert_int_equal(ws_hs_server_feed(&s, both, 10, &used), WS_OK);
  assert_int_equal(used, 10);
  assert_int_equal(ws_hs_server_feed(&s, both + 10, n + 8 - 10, &used), WS_OK);
  assert_int_equal(used, n - 10);
  assert_int_equal(s.state, WS_HS_REQUEST);
  ws_hs_server_free(&s);
}

static void test_crlf_crlf_split_over_feeds(void **state) {
  (void)state;
  char req[512];
  request_with(req, sizeof req, "/", "");
  size_t n = strlen(req);
  ws_hs_server s;
  assert_int_equal(ws_hs_server_init(&s, NULL, ws_cstr("p"), NULL), WS_OK);
  assert_int_equal(ws_hs_server_feed(&s, req, n - 3, NULL), WS_OK);
  assert_int_equal(s.state, WS_HS_NEED_MORE);
  assert_int_equal(ws_hs_server_feed(&s, req + n - 3, 2, NULL), WS_OK);
  assert_int_equal(s.state, WS_HS_NEED_MORE);
  assert_int_equal(ws_hs_server_feed(&s, req + n - 1, 1, NULL), WS_OK);
  assert_int_equal(s.state, WS_HS_REQUEST);
  ws_hs_server_free(&s);
}

/* A request padded with a header to exactly `size` bytes. */
static char *padded(size_t size) {
  char head[512];
  request_with(head, sizeof head, "/", "X-Pad: ");
  size_t n = strlen(head) - 2; /* without the final CRLF */
  char *r = malloc(size + 1);
  assert_non_null(r);
  memcpy(r, head, n);
  memset(r + n, 'p', size - n - 4);
  memcpy(r + size - 4, "\r\n\r\n", 5);
  return r;
}

static void test_limit_is_the_whole_block(void **state) {
  (void)state;
  char *at_limit = padded(WS_HS_MAX_HEADER_BYTES);
  ws_hs_server s;
  feed_all(&s, NULL, at_limit);
  assert_int_equal(s.state, WS_HS_REQUEST);
  ws_hs_server_free(&s);
  free(at_limit);
  char *over = padded(WS_HS_MAX_HEADER_BYTES + 1);
  expect_refusal(NULL, over, 431,
                 "Request Header Fields Too Large (more than 16384 bytes)");
  free(over);
}

static void test_limit_is_an_option(void **state) {
  (void)state;
  ws_hs_server_options o;
  ws_hs_server_options_init(&o);
  o.max_header_bytes = 64;
  char req[512];
  request_with(req, sizeof req, "/", "");
  ws_hs_server s;
  assert_int_equal(ws_hs_server_init(&s, &o, ws_cstr("p"), NULL), WS_OK);
  size_t used = 0;
  assert_int_equal(ws_hs_server_feed(&s, req, strlen(req), &used), WS_OK);
  assert_int_equal(used, 64);
  assert_int_equal(s.state, WS_HS_REFUSED);
  assert_int_equal(s.refusal.code, 431);
  ws_hs_server_free(&s);
}

/* The request's str(), as autobahn would print it. */
static void request_text(const ws_hs_server *s, ws_buf *out) {
  assert_int_equal(s->state, WS_HS_REQUEST);
  assert_int_equal(
      ab_connection_request_encode(&s->request, WS_FORMAT_STR, out, NULL),
      WS_OK);
}

/* text fed in pieces of size bytes (the last one shorter): every byte up
 * to the block's end used, and the same request as from one piece. */
static void expect_same_in_pieces(const char *text, size_t size,
                                  const ws_buf *whole) {
  ws_hs_server s;
  assert_int_equal(ws_hs_server_init(&s, NULL, ws_cstr("tcp:127.0.0.1:1"),
                                     NULL),
                   WS_OK);
  size_t n = strlen(text);
  size_t fed = 0;
  for (size_t at = 0; at < n && s.state == WS_HS_NEED_MORE; at += size) {
    size_t used = 0;
    size_t piece = n - at < size ? n - at : size;
    assert_int_equal(ws_hs_server_feed(&s, text + at, piece, &used), WS_OK);
    fed += used;
  }
  assert_int_equal(fed, n);
  ws_buf got;
  ws_buf_init(&got);
  request_text(&s, &got);
  assert_string_equal(got.data, whole->data);
  ws_buf_free(&got);
  ws_hs_server_free(&s);
}

/* Lines as str.splitlines() cuts them: LF alone, a bare CR and the other
 * breaks end a line, CRLF is one break; the block still ends at the first
 * CRLFCRLF. Fed in pieces of every size, so that each break (a CR at the
 * end of a piece, its LF in the next) falls on each boundary. */
static void test_lines_in_pieces_of_every_size(void **state) {
  (void)state;
  const char *text =
      "GET /?a=1 HTTP/1.1\nHost: example.com:9000\r\nUpgrade: websocket\n"
      "Connection: Upgrade\rX-Bare-Cr: 1\rX-Vt: 2\vX-Ff: 3\f"
      "X-Fs: 4\x1cX-Nel: 5\x85Sec-WebSocket-Key: " KEY "\r\n"
      "X-Folded: a\r\n b\r\n"
      "Sec-WebSocket-Version: 13\n\r\n\r\n";
  ws_hs_server s;
  feed_all(&s, NULL, text);
  assert_int_equal(s.state, WS_HS_REQUEST);
  const ws_headers *h = &s.request.headers;
  static const char *const want[][2] = {
      {"x-bare-cr", "1"}, {"x-vt", "2"},      {"x-ff", "3"},
      {"x-fs", "4"},      {"x-nel", "5"},     {"x-folded", "a"},
      {"connection", "Upgrade"}};
  for (size_t i = 0; i < sizeof want / sizeof want[0]; i++) {
    const ws_str *v = ws_headers_get(h, ws_cstr(want[i][0]));
    assert_non_null(v);
    assert_string_equal(ws_str_c(v), want[i][1]);
  }
  /* " b", a folded line without a ':', is no header */
  assert_int_equal(h->len, 11);
  ws_buf whole;
  ws_buf_init(&whole);
  request_text(&s, &whole);
  ws_hs_server_free(&s);
  for (size_t size = 1; size <= strlen(text); size++)
    expect_same_in_pieces(text, size, &whole);
  ws_buf_free(&whole);
}

/* LF-only lines never make the CRLFCRLF that ends the block. */
static void test_lf_only_block_needs_more(void **state) {
  (void)state;
  const char *text = "GET / HTTP/1.1\nHost: h\n\n\n\n\r\n\r";
  ws_hs_server s;
  assert_int_equal(ws_hs_server_init(&s, NULL, ws_cstr("p"), NULL), WS_OK);
  size_t used = 0;
  assert_int_equal(ws_hs_server_feed(&s, text, strlen(text), &used), WS_OK);
  assert_int_equal(used, strlen(text));
  assert_int_equal(s.state, WS_HS_NEED_MORE);
  assert_int_equal(ws_hs_server_feed(&s, "\n", 1, &used), WS_OK);
  assert_int_equal(s.state, WS_HS_REFUSED); /* no Upgrade header: 200 */
  ws_hs_server_free(&s);
}

/* A block of exactly the limit in pieces of a few sizes is read; one byte
 * more is refused once the limit is reached, wherever the pieces end. */
static void test_limit_in_pieces(void **state) {
  (void)state;
  static const size_t sizes[] = {1, 3, 16, 1000, 4096, 16383, 16384, 20000};
  char *at_limit = padded(WS_HS_MAX_HEADER_BYTES);
  char *over = padded(WS_HS_MAX_HEADER_BYTES + 1);
  ws_buf whole;
  ws_buf_init(&whole);
  ws_hs_server s;
  feed_all(&s, NULL, at_limit);
  request_text(&s, &whole);
  ws_hs_server_free(&s);
  for (size_t k = 0; k < sizeof sizes / sizeof sizes[0]; k++) {
    expect_same_in_pieces(at_limit, sizes[k], &whole);
    assert_int_equal(ws_hs_server_init(&s, NULL, ws_cstr("p"), NULL), WS_OK);
    size_t fed = 0;
    size_t n = strlen(over);
    for (size_t at = 0; at < n && s.state == WS_HS_NEED_MORE; at += sizes[k]) {
      size_t used = 0;
      size_t piece = n - at < sizes[k] ? n - at : sizes[k];
      assert_int_equal(ws_hs_server_feed(&s, over + at, piece, &used), WS_OK);
      fed += used;
    }
    assert_int_equal(s.state, WS_HS_REFUSED);
    assert_int_equal(s.refusal.code, 431);
    assert_int_equal(fed, WS_HS_MAX_HEADER_BYTES);
    ws_hs_server_free(&s);
  }
  ws_buf_free(&whole);
  free(at_limit);
  free(over);
}

/* MARK: the request autobahn builds */

static void test_request_fields(void **state) {
  (void)state;
  char req[1024];
  request_with(req, sizeof req, "/chat;v=1?foo=23&foo=66&bar=2&e=%C3%A9+x&n",
               "Origin: http://Example.com\r\nX-A: 1\r\nx-a:  2 \r\n"
               "Sec-WebSocket-Protocol: chat, super\r\n"
               "Sec-WebSocket-Extensions: Permessage-Deflate; A=\"1\"; b; "
               "a=2, x\r\n");
  ws_hs_server s;
  feed_all(&s, NULL, req);
  assert_int_equal(s.state, WS_HS_REQUEST);
  const ab_connection_request *r = &s.request;
  assert_string_equal(ws_str_c(&r->peer), "tcp:127.0.0.1:1");
  assert_string_equal(ws_str_c(&r->host), "example.com");
  assert_string_equal(ws_str_c(&r->path), "/chat");
  assert_int_equal(r->version, 13);
  assert_true(r->origin.present);
  assert_string_equal(ws_str_c(&r->origin.value), "http://Example.com");
  assert_int_equal(r->params.len, 3);
  const ab_list_str *foo = ab_map_str_list_str_get(&r->params, ws_cstr("foo"));
  assert_non_null(foo);
  assert_int_equal(foo->len, 2);
  assert_string_equal(ws_str_c(&foo->items[1]), "66");
  const ab_list_str *e = ab_map_str_list_str_get(&r->params, ws_cstr("e"));
  assert_string_equal(ws_str_c(&e->items[0]), "\xC3\xA9 x");
  assert_int_equal(r->protocols.len, 2);
  assert_string_equal(ws_str_c(&r->protocols.items[1]), "super");
  assert_int_equal(r->extensions.len, 2);
  assert_string_equal(ws_str_c(&r->extensions.items[0]),
                      "permessage-deflate; a=1; a=2; b");
  assert_string_equal(ws_str_c(&r->extensions.items[1]), "x");
  const ws_str *xa = ws_headers_get(&r->headers, ws_cstr("x-a"));
  assert_string_equal(ws_str_c(xa), "1, 2");
  assert_null(ws_headers_get_nth(&r->headers, ws_cstr("x-a"), 1));
  assert_int_equal(r->headers.items[0].name.len, 4); /* "host", lowered */
  ws_hs_server_free(&s);
}

static void test_no_origin_is_empty_not_none(void **state) {
  (void)state;
  char req[512];
  ws_hs_server s;
  feed_all(&s, NULL, request_with(req, sizeof req, "/", ""));
  assert_true(s.request.origin.present);
  assert_int_equal(s.request.origin.value.len, 0);
  ws_hs_server_free(&s);
}

static void test_latin1_bytes_become_utf8(void **state) {
  (void)state;
  char req[512];
  ws_hs_server s;
  feed_all(&s, NULL,
           request_with(req, sizeof req, "/caf\xE9", "X-\xC9: \xE9\xA0z\r\n"));
  assert_int_equal(s.state, WS_HS_REQUEST);
  assert_string_equal(ws_str_c(&s.request.path), "/caf\xC3\xA9");
  /* the name lower-cased as Python lowers U+00C9; U+00A0 is not stripped
   * inside the value */
  const ws_str *v = ws_headers_get(&s.request.headers, ws_cstr("x-\xC3\xA9"));
  assert_non_null(v);
  assert_string_equal(ws_str_c(v), "\xC3\xA9\xC2\xA0z");
  ws_hs_server_free(&s);
}

static void test_take_request_moves_it(void **state) {
  (void)state;
  char req[512];
  ws_hs_server s;
  feed_all(&s, NULL, request_with(req, sizeof req, "/a", ""));
  ab_connection_request mine;
  memset(&mine, 0, sizeof mine);
  assert_int_equal(ws_hs_server_take_request(&s, &mine), WS_OK);
  assert_string_equal(ws_str_c(&mine.path), "/a");
  assert_int_equal(s.request.path.len, 0);
  ws_buf out;
  ws_buf_init(&out);
  assert_int_equal(ws_hs_write_accept(&out, &s, NULL, NULL), WS_OK);
  ws_buf_free(&out);
  ab_connection_request_free(&mine);
  ws_hs_server_free(&s);
}

/* MARK: refusals, in autobahn's order */

static void test_request_line_refusals(void **state) {
  (void)state;
  expect_refusal(NULL, "GET /\r\n\r\n", 400,
                 "Bad HTTP request status line \"GET /\"");
  expect_refusal(NULL, "\r\nGET / HTTP/1.1\r\n\r\n", 400,
                 "Bad HTTP request status line \"\"");
  expect_refusal(NULL, "POST / HTTP/1.1\r\n\r\n", 405,
                 "HTTP method \"POST\" not allowed");
  expect_refusal(NULL, "GET / HTTP/1.0\r\n\r\n", 505,
                 "Unsupported HTTP version \"HTTP/1.0\"");
  expect_refusal(NULL, "GET /a#b HTTP/1.1\r\n\r\n", 400,
                 "HTTP requested resource contains a fragment identifier "
                 "\"b\"");
  expect_refusal(NULL, "GET //[1.2.3.4]/ HTTP/1.1\r\n\r\n", 400,
                 "Bad HTTP request resource - could not parse "
                 "\"//[1.2.3.4]/\"");
}

static void test_host_refusals(void **state) {
  (void)state;
  expect_refusal(NULL, "GET / HTTP/1.1\r\n\r\n", 400,
                 "HTTP Host header missing in opening handshake request");
  expect_refusal(NULL, "GET / HTTP/1.1\r\nHost: a\r\nhost: b\r\n\r\n", 400,
                 "HTTP Host header appears more than once in opening "
                 "handshake request");
  expect_refusal(NULL, "GET / HTTP/1.1\r\nHost: h:x\r\n\r\n", 400,
                 "invalid port \"x\" in HTTP Host header \"h:x\"");
  ws_hs_server_options o;
  ws_hs_server_options_init(&o);
  o.external_port = 80;
  expect_refusal(&o, "GET / HTTP/1.1\r\nHost: h:0_8_1\r\n\r\n", 400,
                 "port 81 in HTTP Host header \"h:0_8_1\" does not match "
                 "server listening port 80");
}

static void test_upgrade_refusals(void **state) {
  (void)state;
  expect_refusal(NULL, "GET / HTTP/1.1\r\nHost: h\r\n\r\n", 200,
                 "HTTP Upgrade header missing");
  expect_refusal(NULL, "GET /?redirect=x HTTP/1.1\r\nHost: h\r\n\r\n", 303,
                 "HTTP Upgrade header missing");
  ws_hs_server_options o;
  ws_hs_server_options_init(&o);
  o.web_status = false;
  expect_refusal(&o, "GET / HTTP/1.1\r\nHost: h\r\n\r\n", 426,
                 "HTTP Upgrade header missing");
  expect_refusal(NULL, "GET / HTTP/1.1\r\nHost: h\r\nUpgrade: h2c\r\n\r\n",
                 400,
                 "HTTP Upgrade headers do not include \"websocket\" value "
                 "(case-insensitive): \"h2c\"");
  expect_refusal(NULL, "GET / HTTP/1.1\r\nHost: h\r\nUpgrade: WebSocket\r\n\r\n",
                 400, "HTTP Connection header missing");
  expect_refusal(NULL,
                 "GET / HTTP/1.1\r\nHost: h\r\nUpgrade: websocket\r\n"
                 "Connection: close\r\n\r\n",
                 400,
                 "HTTP Connection headers do not include \"upgrade\" value "
                 "(case-insensitive): \"close\"");
}

#define UPGRADED "GET / HTTP/1.1\r\nHost: h\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"

static void test_version_refusals(void **state) {
  (void)state;
  expect_refusal(NULL, UPGRADED "\r\n", 400,
                 "WebSocket connection denied - Hixie76 protocol not "
                 "supported.");
  expect_refusal(NULL,
                 UPGRADED "Sec-WebSocket-Version: 13\r\n"
                          "Sec-WebSocket-Version: 13\r\n\r\n",
                 400,
                 "HTTP Sec-WebSocket-Version header appears more than once in "
                 "opening handshake request");
  expect_refusal(NULL, UPGRADED "Sec-WebSocket-Version: 1__3\r\n\r\n", 400,
                 "could not parse HTTP Sec-WebSocket-Version header \"1__3\" "
                 "in opening handshake request");
  ws_hs_server s;
  feed_all(&s, NULL, UPGRADED "Sec-WebSocket-Version: +007\r\n\r\n");
  assert_int_equal(s.state, WS_HS_REFUSED);
  assert_string_equal(ws_str_c(&s.refusal.reason.value),
                      "WebSocket version 7 not supported (supported versions: "
                      "13,8)");
  assert_string_equal(ws_str_c(ws_headers_get(&s.refusal_headers,
                                               ws_cstr("Sec-WebSocket-Version"))),
                      "13,8");
  ws_buf out;
  ws_buf_init(&out);
  assert_int_equal(ws_hs_write_refusal(&out, &s, NULL), WS_OK);
  assert_string_equal(out.data,
                      "HTTP/1.1 400 WebSocket version 7 not supported "
                      "(supported versions: 13,8)\r\n"
                      "Sec-WebSocket-Version: 13,8\r\n\r\n");
  ws_buf_free(&out);
  ws_hs_server_free(&s);
}

#define VERSIONED UPGRADED "Sec-WebSocket-Version: 13\r\n"

static void test_protocol_origin_key_refusals(void **state) {
  (void)state;
  expect_refusal(NULL, VERSIONED "Sec-WebSocket-Protocol: a, b,a\r\n\r\n", 400,
                 "duplicate protocol \"a\" specified in HTTP "
                 "Sec-WebSocket-Protocol header");
  expect_refusal(NULL, VERSIONED "Origin: a\r\nOrigin: b\r\n\r\n", 400,
                 "HTTP Origin header appears more than once in opening "
                 "handshake request");
  expect_refusal(NULL, VERSIONED "Origin: http://h:x1\r\n\r\n", 400,
                 "HTTP Origin header invalid: Port could not be cast to "
                 "integer value as 'x1'");
  expect_refusal(NULL, VERSIONED "Origin: http://h:65536\r\n\r\n", 400,
                 "HTTP Origin header invalid: Port out of range 0-65535");
  expect_refusal(NULL, VERSIONED "Origin: mailto:x\r\n\r\n", 400,
                 "HTTP Origin header invalid: No host part in Origin "
                 "'mailto:x'");
  expect_refusal(NULL, VERSIONED "Origin: http://[zz]\r\n\r\n", 400,
                 "HTTP Origin header invalid: 'zz' does not appear to be an "
                 "IPv4 or IPv6 address");
  expect_refusal(NULL, VERSIONED "\r\n", 400,
                 "HTTP Sec-WebSocket-Key header missing");
  expect_refusal(NULL, VERSIONED "Sec-WebSocket-Key: abc\r\n\r\n", 400,
                 "bad Sec-WebSocket-Key (length must be 24 ASCII chars) "
                 "\"abc\"");
  expect_refusal(NULL,
                 VERSIONED "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ=A\r\n\r\n",
                 400,
                 "bad Sec-WebSocket-Key (invalid base64 encoding) "
                 "\"dGhlIHNhbXBsZSBub25jZQ=A\"");
  expect_refusal(NULL,
                 VERSIONED "Sec-WebSocket-Key: dGhlIHNhbXBsZ\xE9" "Bub25jZQ==\r\n\r\n",
                 400,
                 "bad character \"\xC3\xA9\" in Sec-WebSocket-Key (invalid "
                 "base64 encoding) \"dGhlIHNhbXBsZ\xC3\xA9" "Bub25jZQ==\"");
  expect_refusal(NULL,
                 VERSIONED "Sec-WebSocket-Key: " KEY "\r\n"
                           "Sec-WebSocket-Extensions: a\r\n"
                           "Sec-WebSocket-Extensions: b\r\n\r\n",
                 400,
                 "HTTP Sec-WebSocket-Extensions header appears more than once "
                 "in opening handshake request");
}

/* MARK: options */

static void test_origin_options(void **state) {
  (void)state;
  static const char *const pats[] = {"https://*.example.com:443"};
  ws_hs_server_options o;
  ws_hs_server_options_init(&o);
  o.allowed_origins = pats;
  o.allowed_origins_len = 1;
  char req[512];
  ws_hs_server s;
  feed_all(&s, &o,
           request_with(req, sizeof req, "/", "Origin: https://A.Example.com\r\n"));
  assert_int_equal(s.state, WS_HS_REQUEST);
  ws_hs_server_free(&s);
  expect_refusal(&o, request_with(req, sizeof req, "/", "Origin: http://a.example.com\r\n"),
                 400,
                 "WebSocket connection denied: origin 'http://a.example.com' "
                 "not allowed");
  /* null is allowed by default, not when allow_null_origin is off */
  feed_all(&s, &o, request_with(req, sizeof req, "/", "Origin: file:///x\r\n"));
  assert_int_equal(s.state, WS_HS_REQUEST);
  ws_hs_server_free(&s);
  o.allow_null_origin = false;
  expect_refusal(&o, request_with(req, sizeof req, "/", "Origin: null\r\n"), 400,
                 "WebSocket connection denied: origin 'null' not allowed");
}

static void test_version_8_reads_sec_websocket_origin(void **state) {
  (void)state;
  ws_hs_server s;
  feed_all(&s, NULL,
           UPGRADED "Sec-WebSocket-Version: 8\r\nOrigin: x:\r\n"
                    "Sec-WebSocket-Origin: http://h\r\n"
                    "Sec-WebSocket-Key: " KEY "\r\n\r\n");
  assert_int_equal(s.state, WS_HS_REQUEST);
  assert_int_equal(s.request.version, 8);
  assert_string_equal(ws_str_c(&s.request.origin.value), "http://h");
  ws_hs_server_free(&s);
}

static void test_forwarded_peer(void **state) {
  (void)state;
  ws_hs_server_options o;
  ws_hs_server_options_init(&o);
  o.trust_x_forwarded_for = 2;
  char req[512];
  ws_hs_server s;
  feed_all(&s, &o,
           request_with(req, sizeof req, "/",
                        "X-Forwarded-For: 1.1.1.1, 2.2.2.2 , 3.3.3.3\r\n"));
  assert_string_equal(ws_str_c(&s.request.peer), "2.2.2.2");
  ws_hs_server_free(&s);
}

static void test_options_autobahn_would_not_take(void **state) {
  (void)state;
  ws_hs_server s;
  ws_error err;
  ws_hs_server_options o;
  ws_hs_server_options_init(&o);
  int64_t seven = 7;
  o.versions = &seven;
  o.versions_len = 1;
  assert_int_equal(ws_hs_server_init(&s, &o, ws_cstr("p"), &err), WS_EINVAL);
  assert_string_equal(err.msg, "invalid WebSocket protocol version 7 (allowed "
                               "values: [8, 13])");
  ws_hs_server_free(&s);
  static const char *const pats[] = {"*.example.com", "(a|b).com"};
  ws_hs_server_options_init(&o);
  o.allowed_origins = pats;
  o.allowed_origins_len = 2;
  assert_int_equal(ws_hs_server_init(&s, &o, ws_cstr("p"), &err), WS_EINVAL);
  assert_string_equal(err.msg,
                      "allowed origin pattern 1 (\"(a|b).com\") holds '(', a "
                      "regular expression character (one of ^$+?()[]{}|\\), "
                      "which autobahn would not read as text");
  ws_hs_server_free(&s);
  /* a NULL pattern is a mistake of its own, not a regular expression */
  static const char *const none[] = {"*", NULL};
  o.allowed_origins = none;
  assert_int_equal(ws_hs_server_init(&s, &o, ws_cstr("p"), &err), WS_EINVAL);
  assert_string_equal(err.msg, "allowed origin pattern 1 is NULL");
  ws_hs_server_free(&s);
}

/* MARK: responses */

static void test_accept_response(void **state) {
  (void)state;
  char key[29];
  ws_hs_accept_key(ws_cstr(KEY), key);
  assert_string_equal(key, "s3pPLMBiTxaQ9kYGzzhZRbK+xOo="); /* RFC 6455 */
  char req[512];
  ws_hs_server s;
  feed_all(&s, NULL,
           request_with(req, sizeof req, "/",
                        "Sec-WebSocket-Protocol: chat, super\r\n"));
  ab_connection_accept a;
  ab_connection_accept_init(&a);
  assert_int_equal(ab_opt_str_set(&a.subprotocol, ws_cstr("super")), WS_OK);
  ws_headers h;
  ws_headers_init(&h);
  assert_int_equal(ws_headers_add(&h, ws_cstr("A"), ws_cstr("1")), WS_OK);
  assert_int_equal(ws_headers_add(&h, ws_cstr("B"), ws_cstr("2")), WS_OK);
  assert_int_equal(ws_headers_add(&h, ws_cstr("A"), ws_cstr("3")), WS_OK);
  assert_int_equal(ab_opt_headers_set(&a.headers, &h), WS_OK);
  ws_buf out;
  ws_buf_init(&out);
  assert_int_equal(ws_hs_write_accept(&out, &s, &a, NULL), WS_OK);
  assert_string_equal(out.data, "HTTP/1.1 101 Switching Protocols\r\n"
                                "Upgrade: WebSocket\r\nConnection: Upgrade\r\n"
                                "A: 1\r\nA: 3\r\nB: 2\r\n"
                                "Sec-WebSocket-Protocol: super\r\n"
                                "Sec-WebSocket-Accept: "
                                "s3pPLMBiTxaQ9kYGzzhZRbK+xOo=\r\n\r\n");
  /* a subprotocol the client did not offer; a name that is no token */
  ws_error err;
  ab_opt_str_set(&a.subprotocol, ws_cstr("other"));
  size_t had = out.len;
  assert_int_equal(ws_hs_write_accept(&out, &s, &a, &err), WS_EINVAL);
  assert_string_equal(err.msg, "protocol accepted must be from the list client "
                               "sent or None");
  ab_opt_str_free(&a.subprotocol);
  assert_int_equal(ws_headers_add(&a.headers.value, ws_cstr("Bad Name"),
                                  ws_cstr("x")),
                   WS_OK);
  assert_int_equal(ws_hs_write_accept(&out, &s, &a, &err), WS_EINVAL);
  assert_string_equal(err.msg, "header name \"Bad Name\" is not an HTTP token");
  assert_int_equal(out.len, had);
  ws_buf_free(&out);
  ws_headers_free(&h);
  ab_connection_accept_free(&a);
  ws_hs_server_free(&s);
}

static void test_deny_response(void **state) {
  (void)state;
  ab_connection_deny d;
  memset(&d, 0, sizeof d);
  ab_connection_deny_make(&d, AB_CONNECTION_DENY_FORBIDDEN);
  ws_buf out;
  ws_buf_init(&out);
  assert_int_equal(ws_hs_write_deny(&out, &d, NULL, NULL), WS_OK);
  assert_string_equal(out.data, "HTTP/1.1 403 None\r\n\r\n");
  ws_buf_reset(&out);
  ab_opt_str_set(&d.reason, ws_cstr("go\r\naway"));
  ws_error err;
  assert_int_equal(ws_hs_write_deny(&out, &d, NULL, &err), WS_EINVAL);
  assert_string_equal(err.msg, "the reason has byte 0x0D at offset 2, which an "
                               "HTTP/1.1 field value cannot hold");
  assert_int_equal(out.len, 0);
  d.code = 99;
  ab_opt_str_set(&d.reason, ws_cstr("x"));
  assert_int_equal(ws_hs_write_deny(&out, &d, NULL, &err), WS_EINVAL);
  ws_buf_free(&out);
  ab_connection_deny_free(&d);
}

static void test_refusal_masks_control_bytes(void **state) {
  (void)state;
  ws_hs_server s;
  feed_all(&s, NULL, "POST\x01 / HTTP/1.1\r\n\r\n");
  ws_buf out;
  ws_buf_init(&out);
  assert_int_equal(ws_hs_write_refusal(&out, &s, NULL), WS_OK);
  assert_string_equal(out.data,
                      "HTTP/1.1 405 HTTP method \"POST?\" not allowed\r\n\r\n");
  ws_buf_free(&out);
  ws_hs_server_free(&s);
}

/* autobahn parses the permessage-compress offers only when it accepts,
 * and refuses there (400) the first it cannot take; the request itself
 * is valid. Where it takes them all, the 101 names no extension. */
static void accept_offers(const char *offers, const char *want) {
  char head[256];
  snprintf(head, sizeof head, "Sec-WebSocket-Extensions: %s\r\n", offers);
  char req[512];
  ws_hs_server s;
  feed_all(&s, NULL, request_with(req, sizeof req, "/", head));
  assert_int_equal(s.state, WS_HS_REQUEST);
  ws_buf out;
  ws_buf_init(&out);
  assert_int_equal(ws_hs_write_accept(&out, &s, NULL, NULL), WS_OK);
  if (want) {
    assert_int_equal(s.state, WS_HS_REFUSED);
    assert_int_equal(s.refusal.code, 400);
    assert_string_equal(s.refusal.reason.value.ptr, want);
    char line[256];
    snprintf(line, sizeof line, "HTTP/1.1 400 %s\r\n\r\n", want);
    assert_string_equal(out.data, line);
  } else {
    assert_int_equal(s.state, WS_HS_REQUEST);
    assert_string_equal(out.data, "HTTP/1.1 101 Switching Protocols\r\n"
                                  "Upgrade: WebSocket\r\nConnection: Upgrade\r\n"
                                  "Sec-WebSocket-Accept: "
                                  "s3pPLMBiTxaQ9kYGzzhZRbK+xOo=\r\n\r\n");
  }
  ws_buf_free(&out);
  ws_hs_server_free(&s);
}

static void test_offers_checked_when_accepting(void **state) {
  (void)state;
  accept_offers("permessage-deflate; client_max_window_bits, foo; bar=1",
                NULL);
  accept_offers("permessage-deflate; server_max_window_bits=\" +1_5 \"; "
                "client_max_window_bits=9; server_no_context_takeover",
                NULL);
  accept_offers("permessage-bzip2; server_max_compress_level", NULL);
  accept_offers("x, PerMessage-Deflate; A; a",
                "multiple occurrence of extension parameter 'a' for "
                "extension 'permessage-deflate'");
  accept_offers("permessage-snappy; X\xC9=1",
                "illegal extension parameter 'x\xC3\xA9' for extension "
                "'permessage-snappy'");
  accept_offers("permessage-deflate; server_max_window_bits",
                "illegal extension parameter value '1' for parameter "
                "'server_max_window_bits' of extension 'permessage-deflate'");
  accept_offers("permessage-deflate; client_max_window_bits=0016",
                "illegal extension parameter value '16' for parameter "
                "'client_max_window_bits' of extension 'permessage-deflate'");
  accept_offers("permessage-bzip2; server_max_compress_level=1__0",
                "illegal extension parameter value '1__0' for parameter "
                "'server_max_compress_level' of extension 'permessage-bzip2'");
  accept_offers("permessage-bzip2; client_max_compress_level=\"\"",
                "illegal extension parameter value '' for parameter "
                "'client_max_compress_level' of extension 'permessage-bzip2'");
  /* the subprotocol is checked first, as autobahn raises before */
  char req[512];
  ws_hs_server s;
  feed_all(&s, NULL,
           request_with(req, sizeof req, "/",
                        "Sec-WebSocket-Extensions: permessage-snappy; x\r\n"));
  ab_connection_accept a;
  ab_connection_accept_init(&a);
  ab_opt_str_set(&a.subprotocol, ws_cstr("chat"));
  ws_buf out;
  ws_buf_init(&out);
  assert_int_equal(ws_hs_write_accept(&out, &s, &a, NULL), WS_EINVAL);
  assert_int_equal(s.state, WS_HS_REQUEST);
  assert_int_equal(out.len, 0);
  ws_buf_free(&out);
  ab_connection_accept_free(&a);
  ws_hs_server_free(&s);
}

/* MARK: every allocation may fail */

typedef struct sweep_ctx {
  const char *request;
  ws_hs_server s;
  ws_buf out;
} sweep_ctx;

static ws_status op_serve(void *ctx) {
  sweep_ctx *c = ctx;
  ws_status st = ws_hs_server_init(&c->s, NULL, ws_cstr("tcp:1.2.3.4:5"), NULL);
  size_t n = strlen(c->request);
  for (size_t at = 0; st == WS_OK && at < n; at += 50)
    st = ws_hs_server_feed(&c->s, c->request + at, n - at < 50 ? n - at : 50,
                           NULL);
  if (st == WS_OK && c->s.state == WS_HS_REQUEST)
    st = ws_hs_write_accept(&c->out, &c->s, NULL, NULL);
  else if (st == WS_OK)
    st = ws_hs_write_refusal(&c->out, &c->s, NULL);
  return st;
}

static void cleanup_serve(void *ctx) {
  sweep_ctx *c = ctx;
  ws_hs_server_free(&c->s);
  ws_buf_free(&c->out);
}

static void sweep(const char *request, size_t at_least) {
  sweep_ctx c;
  memset(&c, 0, sizeof c);
  c.request = request;
  assert_true(failalloc_check(op_serve, cleanup_serve, &c) >= at_least);
}

static void test_sweep_every_allocation(void **state) {
  (void)state;
  char req[1024];
  sweep(request_with(req, sizeof req, "/p\xE9;x?a=1&a=%C3%A9&b=+",
                     "Origin: http://H\xC9:80\r\nX-A: 1\r\nx-a: 2\r\n"
                     "Sec-WebSocket-Protocol: a, b\r\n"
                     "Sec-WebSocket-Extensions: x; a=1; b, y\r\n"),
        15);
  sweep(UPGRADED "Sec-WebSocket-Version: 7\r\n\r\n", 5);
  sweep(VERSIONED "Origin: http://[zz\xE9]\r\n\r\n", 5);
  sweep(VERSIONED "Origin: http://h:x\xE9\r\n\r\n", 5);
  sweep("GET /a#b HTTP/1.1\r\n\r\n", 2);
  sweep(request_with(req, sizeof req, "/",
                     "Sec-WebSocket-Extensions: permessage-deflate; "
                     "client_max_window_bits=\"10\"; Mux=1\r\n"),
        10);
  /* more fields than the block holds inline, repeated names, values with
   * '=' inside: the request takes more than one block of the builder */
  char many[4096];
  size_t at = 0;
  for (int i = 0; i < 120; i++)
    at += (size_t)snprintf(many + at, sizeof many - at, "%c%d: v\r\n",
                           i % 7 == 0 ? 'R' : 'h', i % 7 == 0 ? 0 : i);
  snprintf(many + at, sizeof many - at,
           "Sec-WebSocket-Extensions: a; b=c=d; e=\"f\"\r\n");
  char big[4608];
  sweep(request_with(big, sizeof big, "/?x=1", many), 16);
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_need_more_until_the_empty_line),
      cmocka_unit_test(test_bytes_after_the_block_are_not_used),
      cmocka_unit_test(test_crlf_crlf_split_over_feeds),
      cmocka_unit_test(test_limit_is_the_whole_block),
      cmocka_unit_test(test_limit_is_an_option),
      cmocka_unit_test(test_lines_in_pieces_of_every_size),
      cmocka_unit_test(test_lf_only_block_needs_more),
      cmocka_unit_test(test_limit_in_pieces),
      cmocka_unit_test(test_request_fields),
      cmocka_unit_test(test_no_origin_is_empty_not_none),
      cmocka_unit_test(test_latin1_bytes_become_utf8),
      cmocka_unit_test(test_take_request_moves_it),
      cmocka_unit_test(test_request_line_refusals),
      cmocka_unit_test(test_host_refusals),
      cmocka_unit_test(test_upgrade_refusals),
      cmocka_unit_test(test_version_refusals),
      cmocka_unit_test(test_protocol_origin_key_refusals),
      cmocka_unit_test(test_origin_options),
      cmocka_unit_test(test_version_8_reads_sec_websocket_origin),
      cmocka_unit_test(test_forwarded_peer),
      cmocka_unit_test(test_options_autobahn_would_not_take),
      cmocka_unit_test(test_accept_response),
      cmocka_unit_test(test_deny_response),
      cmocka_unit_test(test_refusal_masks_control_bytes),
      cmocka_unit_test(test_offers_checked_when_accepting),
      cmocka_unit_test(test_sweep_every_allocation),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
