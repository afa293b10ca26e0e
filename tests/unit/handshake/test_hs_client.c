/* test_hs_client.c - the handshake codec's client side: the request bytes
 * (autobahn's WebSocketClientProtocol._actuallyStartHandshake), the key
 * from getrandom(2) and its failure, feeding the response (need more, the
 * end of the block, the limit), each failure of autobahn's
 * processHandshake with its reason (its format strings, from
 * autobahn/websocket/protocol.py and compress_*.py), and the sweep of
 * every allocation. tests/system/handshake_client_diff.py compares the
 * whole with autobahn's running client. */
#include "failalloc.h"

#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <sys/random.h>

#include "ws_handshake.h"

#define KEY "dGhlIHNhbXBsZSBub25jZQ=="
#define ACCEPT "s3pPLMBiTxaQ9kYGzzhZRbK+xOo="
#define SWITCHING                                                              \
  "HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\n"                 \
  "Connection: Upgrade\r\n"
#define OK_HEAD SWITCHING "Sec-WebSocket-Accept: " ACCEPT "\r\n"

/* MARK: getrandom, as the test wants it: this program's definition is the
 * one the codec calls. */

static enum { RANDOM_REAL, RANDOM_FAILS, RANDOM_DRIBBLES } random_mode;
static int random_calls;

ssize_t getrandom(void *buf, size_t len, unsigned int flags) {
  (void)flags;
  random_calls++;
  if (random_mode == RANDOM_FAILS) {
    errno = ENOSYS;
    return -1;
  }
  if (random_mode == RANDOM_DRIBBLES && random_calls % 2 == 1) {
    errno = EINTR; /* a signal, then one byte at a time */
    return -1;
  }
  size_t n = random_mode == RANDOM_DRIBBLES ? 1 : len;
  for (size_t i = 0; i < n; i++)
    ((unsigned char *)buf)[i] = (unsigned char)(random_calls * 37 + (int)i);
  return (ssize_t)n;
}

/* MARK: the request */

static void init_request(ab_connecting_request *r) {
  memset(r, 0, sizeof *r);
  assert_int_equal(ab_connecting_request_init(r), WS_OK);
}

static void test_request_of_the_defaults(void **state) {
  (void)state;
  ab_connecting_request r;
  init_request(&r);
  ws_buf out;
  ws_buf_init(&out);
  assert_int_equal(ws_hs_write_request_with_key(&out, &r, ws_cstr(KEY), NULL),
                   WS_OK);
  assert_string_equal(out.data,
                      "GET / HTTP/1.1\r\nHost: localhost:80\r\n"
                      "Upgrade: WebSocket\r\nConnection: Upgrade\r\n"
                      "Pragma: no-cache\r\nCache-Control: no-cache\r\n"
                      "Sec-WebSocket-Key: " KEY "\r\n"
                      "Sec-WebSocket-Version: 13\r\n\r\n");
  ws_buf_free(&out);
  ab_connecting_request_free(&r);
}

static void test_request_with_every_field(void **state) {
  (void)state;
  ab_connecting_request r;
  init_request(&r);
  assert_int_equal(ws_str_set_view(&r.host, ws_cstr("example.com")), WS_OK);
  r.port = 9000;
  assert_int_equal(ws_str_set_view(&r.resource, ws_cstr("/chat?a=1")), WS_OK);
  assert_int_equal(ws_headers_add(&r.headers, ws_cstr("X-A"), ws_cstr("1")),
                   WS_OK);
  ws_strview two[] = {ws_cstr("b1"), ws_cstr("b2")};
  assert_int_equal(ws_headers_add_list(&r.headers, ws_cstr("X-B"), two, 2),
                   WS_OK);
  assert_int_equal(ws_headers_add_list(&r.headers, ws_cstr("X-C"), NULL, 0),
                   WS_OK);
  assert_int_equal(ab_opt_str_set(&r.useragent, ws_cstr("agent/1")), WS_OK);
  assert_int_equal(ab_opt_str_set(&r.origin, ws_cstr("http://o")), WS_OK);
  assert_int_equal(ab_list_str_append(&r.protocols, ws_cstr("chat")), WS_OK);
  assert_int_equal(ab_list_str_append(&r.protocols, ws_cstr("super")), WS_OK);
  ws_buf out;
  ws_buf_init(&out);
  assert_int_equal(ws_hs_write_request_with_key(&out, &r, ws_cstr(KEY), NULL),
                   WS_OK);
  assert_string_equal(out.data,
                      "GET /chat?a=1 HTTP/1.1\r\nUser-Agent: agent/1\r\n"
                      "Host: example.com:9000\r\n"
                      "Upgrade: WebSocket\r\nConnection: Upgrade\r\n"
                      "Pragma: no-cache\r\nCache-Control: no-cache\r\n"
                      "X-A: 1\r\nX-B: b1\r\nX-B: b2\r\n"
                      "Sec-WebSocket-Key: " KEY "\r\nOrigin: http://o\r\n"
                      "Sec-WebSocket-Protocol: chat,super\r\n"
                      "Sec-WebSocket-Version: 13\r\n\r\n");
  /* an empty useragent and origin are not sent, as autobahn skips them */
  assert_int_equal(ab_opt_str_set(&r.useragent, ws_cstr("")), WS_OK);
  assert_int_equal(ab_opt_str_set(&r.origin, ws_cstr("")), WS_OK);
  ws_buf_reset(&out);
  assert_int_equal(ws_hs_write_request_with_key(&out, &r, ws_cstr(KEY), NULL),
                   WS_OK);
  assert_null(strstr(out.data, "User-Agent"));
  assert_null(strstr(out.data, "Origin"));
  ws_buf_free(&out);
  ab_connecting_request_free(&r);
}

static void expect_refused(ab_connecting_request *r, const char *msg) {
  ws_buf out;
  ws_error err;
  ws_buf_init(&out);
  ws_buf_puts(&out, "kept");
  ws_error_clear(&err);
  assert_int_equal(ws_hs_write_request_with_key(&out, r, ws_cstr(KEY), &err),
                   WS_EINVAL);
  assert_string_equal(err.msg, msg);
  assert_string_equal(out.data, "kept");
  ws_buf_free(&out);
}

static void test_request_refuses_what_cannot_go_on_the_wire(void **state) {
  (void)state;
  ab_connecting_request r;
  init_request(&r);
  assert_int_equal(ws_str_set_view(&r.resource, ws_cstr("/a b")), WS_OK);
  expect_refused(&r, "the resource has byte 0x20 at offset 2, which a request "
                     "target cannot hold");
  assert_int_equal(ws_str_set_view(&r.resource, ws_cstr("")), WS_OK);
  expect_refused(&r, "the resource is empty");
  assert_int_equal(ws_str_set_view(&r.resource, ws_cstr("/")), WS_OK);
  assert_int_equal(ws_str_set_view(&r.host, ws_cstr("h\r\nX: 1")), WS_OK);
  expect_refused(&r, "the host has byte 0x0D at offset 1, which an HTTP/1.1 "
                     "field value cannot hold");
  assert_int_equal(ws_str_set_view(&r.host, ws_cstr("h")), WS_OK);
  assert_int_equal(ab_list_str_append(&r.protocols, ws_cstr("a\nb")), WS_OK);
  expect_refused(&r, "a protocol has byte 0x0A at offset 1, which an HTTP/1.1 "
                     "field value cannot hold");
  ab_list_str_free(&r.protocols);
  assert_int_equal(ws_headers_add(&r.headers, ws_cstr("Bad Name"), ws_cstr("")),
                   WS_OK);
  expect_refused(&r, "header name \"Bad Name\" is not an HTTP token");
  ws_headers_free(&r.headers);
  assert_int_equal(ab_opt_str_set(&r.origin, ws_cstr("o\x01")), WS_OK);
  expect_refused(&r, "the origin has byte 0x01 at offset 1, which an HTTP/1.1 "
                     "field value cannot hold");
  ab_opt_str_free(&r.origin);
  ws_error err;
  ws_buf out;
  ws_buf_init(&out);
  assert_int_equal(
      ws_hs_write_request_with_key(&out, &r, ws_cstr("short=="), &err),
      WS_EINVAL);
  assert_int_equal(out.len, 0);
  ws_buf_free(&out);
  ab_connecting_request_free(&r);
}

/* MARK: the key */

static void test_key_is_fresh_base64_of_16_bytes(void **state) {
  (void)state;
  char a[WS_HS_KEY_SIZE];
  char b[WS_HS_KEY_SIZE];
  random_mode = RANDOM_REAL;
  assert_int_equal(ws_hs_new_key(a, NULL), WS_OK);
  assert_int_equal(ws_hs_new_key(b, NULL), WS_OK);
  assert_int_equal(strlen(a), 24);
  assert_true(ws_hs_key_ok(ws_cstr(a)));
  assert_true(ws_hs_key_ok(ws_cstr(b)));
  assert_string_not_equal(a, b);
  /* interrupted and short reads are read on */
  random_mode = RANDOM_DRIBBLES;
  random_calls = 0;
  assert_int_equal(ws_hs_new_key(a, NULL), WS_OK);
  assert_int_equal(random_calls, 32);
  assert_true(ws_hs_key_ok(ws_cstr(a)));
  random_mode = RANDOM_REAL;
}

static void test_key_failure_is_an_error(void **state) {
  (void)state;
  ab_connecting_request r;
  init_request(&r);
  ws_buf out;
  ws_buf_init(&out);
  ws_error err;
  char key[WS_HS_KEY_SIZE] = "x";
  random_mode = RANDOM_FAILS;
  assert_int_equal(ws_hs_new_key(key, &err), WS_ESYSTEM);
  assert_string_equal(key, "");
  assert_non_null(strstr(err.msg, "the system's random generator failed"));
  assert_int_equal(ws_hs_write_request(&out, &r, key, &err), WS_ESYSTEM);
  assert_int_equal(out.len, 0);
  random_mode = RANDOM_REAL;
  assert_int_equal(ws_hs_write_request(&out, &r, key, &err), WS_OK);
  assert_non_null(strstr(out.data, key));
  ws_buf_free(&out);
  ab_connecting_request_free(&r);
}

/* MARK: feeding the response */

static void start(ws_hs_client *c, const char *protocols) {
  ab_list_str offered;
  memset(&offered, 0, sizeof offered);
  for (const char *p = protocols; p && *p;) {
    const char *end = strchr(p, ',');
    size_t n = end ? (size_t)(end - p) : strlen(p);
    assert_int_equal(ab_list_str_append(&offered, ws_str_view(p, n)), WS_OK);
    p = end ? end + 1 : p + n;
  }
  assert_int_equal(ws_hs_client_init(c, ws_cstr("tcp4:127.0.0.1:9000"),
                                     ws_cstr(KEY), &offered, NULL),
                   WS_OK);
  ab_list_str_free(&offered);
}

static void feed_all(ws_hs_client *c, const char *protocols,
                     const char *text) {
  start(c, protocols);
  size_t used = 0;
  assert_int_equal(ws_hs_client_feed(c, text, strlen(text), &used), WS_OK);
}

static void test_need_more_until_the_empty_line(void **state) {
  (void)state;
  ws_hs_client c;
  start(&c, NULL);
  const char *text = OK_HEAD "\r\n";
  size_t n = strlen(text);
  size_t used = 0;
  for (size_t i = 0; i + 1 < n; i++) {
    assert_int_equal(ws_hs_client_feed(&c, text + i, 1, &used), WS_OK);
    assert_int_equal(used, 1);
    assert_int_equal(c.state, WS_HS_CLIENT_NEED_MORE);
  }
  /* the last byte and a frame after it: only the byte is used */
  char last[] = {'\n', (char)0x81, 0x00};
  assert_int_equal(ws_hs_client_feed(&c, last, sizeof last, &used), WS_OK);
  assert_int_equal(used, 1);
  assert_int_equal(c.state, WS_HS_CLIENT_OPEN);
  assert_int_equal(ws_hs_client_feed(&c, last, 1, &used), WS_OK);
  assert_int_equal(used, 0);
  ws_hs_client_free(&c);
}

static void test_the_response(void **state) {
  (void)state;
  ws_hs_client c;
  feed_all(&c, "chat,super",
           SWITCHING "X-A: \xC3\xA9\r\nSec-WebSocket-Accept:  " ACCEPT "\r\n"
                     "x-a: 2\r\nSec-WebSocket-Protocol: super\r\n\r\n");
  assert_int_equal(c.state, WS_HS_CLIENT_OPEN);
  ws_buf out;
  ws_buf_init(&out);
  assert_int_equal(
      ab_connection_response_encode(&c.response, WS_FORMAT_JSON, &out, NULL),
      WS_OK);
  /* the block is read as ISO-8859-1: UTF-8 bytes are two characters */
  assert_string_equal(
      out.data,
      "{\"peer\":\"tcp4:127.0.0.1:9000\",\"headers\":{\"upgrade\":"
      "\"websocket\",\"connection\":\"Upgrade\",\"x-a\":\"\xC3\x83\xC2\xA9, "
      "2\",\"sec-websocket-accept\":\"" ACCEPT "\","
      "\"sec-websocket-protocol\":\"super\"},\"version\":18,\"protocol\":"
      "\"super\",\"extensions\":[]}");
  ws_buf_free(&out);
  ws_hs_client_free(&c);
  /* an empty subprotocol is none */
  feed_all(&c, NULL, OK_HEAD "Sec-WebSocket-Protocol: \r\n\r\n");
  assert_int_equal(c.state, WS_HS_CLIENT_OPEN);
  assert_false(c.response.protocol.present);
  ws_hs_client_free(&c);
}

/* The response's JSON. */
static void response_json(const ws_hs_client *c, ws_buf *out) {
  assert_int_equal(c->state, WS_HS_CLIENT_OPEN);
  assert_int_equal(
      ab_connection_response_encode(&c->response, WS_FORMAT_JSON, out, NULL),
      WS_OK);
}

/* Lines as str.splitlines() cuts them (LF alone, a bare CR, VT, FF,
 * U+001C..U+001E and NEL end one: the response is UTF-8, so NEL is the
 * second byte of U+0085, the line before it "X-D\u00c2" and no header),
 * the block ending at the first CRLFCRLF, fed in pieces of every size so
 * that each break, and the CR of a CRLF left at the end of a piece, falls
 * on each boundary: the same response each time. */
static void test_lines_in_pieces_of_every_size(void **state) {
  (void)state;
  const char *text = "HTTP/1.1 101 Switching Protocols\nUpgrade: websocket\r"
                     "Connection: Upgrade\vX-A: 1\fX-B: 2\x1eX-C: 3\r\n"
                     "X-D\xC2\x85X-E: 4\r"
                     "Sec-WebSocket-Accept: " ACCEPT "\n"
                     "Sec-WebSocket-Protocol: chat\n\r\n\r\n";
  ws_hs_client c;
  feed_all(&c, "chat", text);
  ws_buf whole;
  ws_buf_init(&whole);
  response_json(&c, &whole);
  assert_string_equal(
      whole.data,
      "{\"peer\":\"tcp4:127.0.0.1:9000\",\"headers\":{\"upgrade\":"
      "\"websocket\",\"connection\":\"Upgrade\",\"x-a\":\"1\",\"x-b\":"
      "\"2\",\"x-c\":\"3\",\"x-e\":\"4\",\"sec-websocket-accept\":"
      "\"" ACCEPT "\","
      "\"sec-websocket-protocol\":\"chat\"},\"version\":18,\"protocol\":"
      "\"chat\",\"extensions\":[]}");
  ws_hs_client_free(&c);
  size_t n = strlen(text);
  for (size_t size = 1; size <= n; size++) {
    start(&c, "chat");
    size_t fed = 0;
    for (size_t at = 0; at < n && c.state == WS_HS_CLIENT_NEED_MORE;
         at += size) {
      size_t used = 0;
      size_t piece = n - at < size ? n - at : size;
      assert_int_equal(ws_hs_client_feed(&c, text + at, piece, &used), WS_OK);
      fed += used;
    }
    assert_int_equal(fed, n);
    ws_buf got;
    ws_buf_init(&got);
    response_json(&c, &got);
    assert_string_equal(got.data, whole.data);
    ws_buf_free(&got);
    ws_hs_client_free(&c);
  }
  ws_buf_free(&whole);
}

static void expect_failure(const char *protocols, const char *text,
                           ws_hs_failure kind, int64_t code,
                           const char *reason) {
  ws_hs_client c;
  feed_all(&c, protocols, text);
  assert_int_equal(c.state, WS_HS_CLIENT_FAILED);
  assert_int_equal(c.failure, kind);
  assert_int_equal(c.status_code, code);
  assert_string_equal(ws_str_c(&c.reason), reason);
  ws_hs_client_free(&c);
}

static void test_status_line_failures(void **state) {
  (void)state;
  expect_failure(NULL, "HTTP/1.1 \xE9\r\n\r\n", WS_HS_FAIL_NOT_UTF8, 0,
                 "the response is not UTF-8 (byte 9), which autobahn's "
                 "client cannot decode");
  expect_failure(NULL, " HTTP/1.1 \r\n\r\n", WS_HS_FAIL_STATUS_LINE, 0,
                 "Bad HTTP response status line \"HTTP/1.1\"");
  expect_failure(NULL, "HTTP/1.0 101 OK\r\n\r\n", WS_HS_FAIL_HTTP_VERSION, 0,
                 "Unsupported HTTP version \"HTTP/1.0\"");
  expect_failure(NULL, "HTTP/1.1 1O1 OK\r\n\r\n", WS_HS_FAIL_STATUS_CODE, 0,
                 "Bad HTTP status code \"1O1\"");
  expect_failure(NULL, "HTTP/1.1 404  Not\tFound \xC3\xA9\r\n\r\n",
                 WS_HS_FAIL_NOT_101, 404,
                 "WebSocket connection upgrade failed [404]: Not Found "
                 "\xC3\x83\xC2\xA9");
  expect_failure(NULL, "HTTP/1.1 0_200\r\n\r\n", WS_HS_FAIL_NOT_101, 200,
                 "WebSocket connection upgrade failed [200]: ");
  /* Python's int() reads +101 and 1_01 as 101 */
  ws_hs_client c;
  feed_all(&c, NULL,
           "HTTP/1.1 +1_01\r\nUpgrade: websocket\r\nConnection: upgrade\r\n"
           "Sec-WebSocket-Accept: " ACCEPT "\r\n\r\n");
  assert_int_equal(c.state, WS_HS_CLIENT_OPEN);
  ws_hs_client_free(&c);
}

static void test_header_failures(void **state) {
  (void)state;
  expect_failure(NULL, "HTTP/1.1 101 x\r\n\r\n", WS_HS_FAIL_UPGRADE, 101,
                 "HTTP Upgrade header missing");
  expect_failure(NULL, "HTTP/1.1 101 x\r\nUpgrade: websocket, h2c\r\n\r\n",
                 WS_HS_FAIL_UPGRADE, 101,
                 "HTTP Upgrade header different from \"websocket\" "
                 "(case-insensitive): \"websocket, h2c\"");
  expect_failure(NULL, "HTTP/1.1 101 x\r\nUpgrade: WebSocket\r\n\r\n",
                 WS_HS_FAIL_CONNECTION, 101, "HTTP Connection header missing");
  expect_failure(NULL,
                 "HTTP/1.1 101 x\r\nUpgrade: WebSocket\r\nConnection: close"
                 "\r\n\r\n",
                 WS_HS_FAIL_CONNECTION, 101,
                 "HTTP Connection header does not include \"upgrade\" value "
                 "(case-insensitive): \"close\"");
  expect_failure(NULL, SWITCHING "\r\n", WS_HS_FAIL_ACCEPT, 101,
                 "HTTP Sec-WebSocket-Accept header missing in opening "
                 "handshake reply");
  expect_failure(NULL, OK_HEAD "Sec-WebSocket-Accept: x\r\n\r\n",
                 WS_HS_FAIL_ACCEPT, 101,
                 "HTTP Sec-WebSocket-Accept header appears more than once in "
                 "opening handshake reply");
  expect_failure(NULL, SWITCHING "Sec-WebSocket-Accept: b\xC3\xA9\r\n\r\n",
                 WS_HS_FAIL_ACCEPT, 101,
                 "HTTP Sec-WebSocket-Accept bogus value : expected " ACCEPT
                 " / got b\xC3\x83\xC2\xA9");
  expect_failure("a,b'c", OK_HEAD "Sec-WebSocket-Protocol: x\r\n\r\n",
                 WS_HS_FAIL_PROTOCOL, 101,
                 "subprotocol selected by server \"x\" not in subprotocol "
                 "list requested by client \"['a', \"b'c\"]\"");
  expect_failure("a",
                 OK_HEAD "Sec-WebSocket-Protocol: a\r\n"
                         "sec-websocket-protocol: a\r\n\r\n",
                 WS_HS_FAIL_PROTOCOL, 101,
                 "HTTP Sec-WebSocket-Protocol header appears more than once "
                 "in opening handshake reply");
}

static void expect_extension_failure(const char *header, const char *reason) {
  char text[512];
  snprintf(text, sizeof text, OK_HEAD "Sec-WebSocket-Extensions: %s\r\n\r\n",
           header);
  expect_failure(NULL, text, WS_HS_FAIL_EXTENSIONS, 101, reason);
}

static void test_extension_failures(void **state) {
  (void)state;
  const char *denied = "WebSocket permessage-compress extension response "
                       "from server denied by client";
  expect_extension_failure("permessage-deflate", denied);
  expect_extension_failure(
      " , Permessage-Deflate; Client_Max_Window_Bits=\"1_0\"", denied);
  expect_extension_failure("permessage-bzip2; client_max_compress_level",
                           denied);
  expect_extension_failure("permessage-snappy; server_no_context_takeover",
                           denied);
  expect_extension_failure(
      "X-Foo; a=1", "server wants to use extension \"x-foo\" we did not "
                    "request, have not implemented or did not enable");
  expect_extension_failure(
      "permessage-deflate; a=1",
      "illegal extension parameter 'a' for extension 'permessage-deflate'");
  expect_extension_failure("permessage-deflate;",
                           "illegal extension parameter '' for extension "
                           "'permessage-deflate'");
  expect_extension_failure(
      "permessage-deflate; client_max_window_bits; CLIENT_max_window_bits=9",
      "multiple occurrence of extension parameter 'client_max_window_bits' "
      "for extension 'permessage-deflate'");
  expect_extension_failure(
      "permessage-deflate; client_max_window_bits",
      "illegal extension parameter value '1' for parameter "
      "'client_max_window_bits' of extension 'permessage-deflate'");
  expect_extension_failure(
      "permessage-deflate; server_max_window_bits=\"016\"",
      "illegal extension parameter value '16' for parameter "
      "'server_max_window_bits' of extension 'permessage-deflate'");
  expect_extension_failure(
      "permessage-deflate; server_max_window_bits=x=y",
      "illegal extension parameter value 'x=y' for parameter "
      "'server_max_window_bits' of extension 'permessage-deflate'");
  expect_extension_failure(
      "permessage-snappy; client_no_context_takeover=1",
      "illegal extension parameter value '1' for parameter "
      "'client_no_context_takeover' of extension 'permessage-snappy'");
  expect_extension_failure(
      "permessage-bzip2; server_max_compress_level=10",
      "illegal extension parameter value '10' for parameter "
      "'server_max_compress_level' of extension 'permessage-bzip2'");
  expect_failure(NULL,
                 OK_HEAD "Sec-WebSocket-Extensions: a\r\n"
                         "Sec-WebSocket-Extensions: b\r\n\r\n",
                 WS_HS_FAIL_EXTENSIONS, 101,
                 "HTTP Sec-WebSocket-Extensions header appears more than "
                 "once in opening handshake reply");
  /* a header that names no extension is fine */
  ws_hs_client c;
  feed_all(&c, NULL, OK_HEAD "Sec-WebSocket-Extensions:  , \r\n\r\n");
  assert_int_equal(c.state, WS_HS_CLIENT_OPEN);
  ws_hs_client_free(&c);
}

static void test_limit(void **state) {
  (void)state;
  ws_hs_client c;
  start(&c, NULL);
  c.max_header_bytes = 40;
  size_t used = 0;
  const char *text = OK_HEAD "\r\n";
  assert_int_equal(ws_hs_client_feed(&c, text, strlen(text), &used), WS_OK);
  assert_int_equal(used, 40);
  assert_int_equal(c.state, WS_HS_CLIENT_FAILED);
  assert_int_equal(c.failure, WS_HS_FAIL_TOO_LARGE);
  assert_string_equal(ws_str_c(&c.reason),
                      "the response's header block is larger than 40 bytes");
  ws_hs_client_free(&c);
  /* a block of exactly the limit is read */
  start(&c, NULL);
  c.max_header_bytes = strlen(text);
  assert_int_equal(ws_hs_client_feed(&c, text, strlen(text), &used), WS_OK);
  assert_int_equal(c.state, WS_HS_CLIENT_OPEN);
  ws_hs_client_free(&c);
}

static void test_init_refuses_a_bad_key(void **state) {
  (void)state;
  ws_hs_client c;
  ws_error err;
  assert_int_equal(
      ws_hs_client_init(&c, ws_cstr("p"), ws_cstr("abc"), NULL, &err),
      WS_EINVAL);
  ws_hs_client_free(&c);
  assert_false(ws_hs_key_ok(ws_cstr("dGhlIHNhbXBsZSBub25jZQ=A")));
  assert_false(ws_hs_key_ok(ws_cstr("dGhlIHNhbXBsZSBub25j!Q==")));
  assert_true(ws_hs_key_ok(ws_cstr(KEY)));
}

/* MARK: every allocation may fail */

typedef struct sweep_ctx {
  const char *response;
  ab_connecting_request req;
  ws_hs_client c;
  ws_buf out;
} sweep_ctx;

static ws_status op_connect(void *ctx) {
  sweep_ctx *s = ctx;
  ws_status st = ws_hs_write_request_with_key(&s->out, &s->req, ws_cstr(KEY),
                                              NULL);
  if (st == WS_OK)
    st = ws_hs_client_init(&s->c, ws_cstr("tcp4:1.2.3.4:5"), ws_cstr(KEY),
                           &s->req.protocols, NULL);
  size_t n = strlen(s->response);
  for (size_t at = 0; st == WS_OK && at < n; at += 50)
    st = ws_hs_client_feed(&s->c, s->response + at, n - at < 50 ? n - at : 50,
                           NULL);
  return st;
}

static void cleanup_connect(void *ctx) {
  sweep_ctx *s = ctx;
  ws_hs_client_free(&s->c);
  ws_buf_free(&s->out);
}

static void sweep(const char *response, size_t at_least) {
  sweep_ctx s;
  memset(&s, 0, sizeof s);
  s.response = response;
  assert_int_equal(ab_connecting_request_init(&s.req), WS_OK);
  assert_int_equal(ab_list_str_append(&s.req.protocols, ws_cstr("chat")),
                   WS_OK);
  assert_int_equal(
      ws_headers_add(&s.req.headers, ws_cstr("X-A"), ws_cstr("1")), WS_OK);
  assert_true(failalloc_check(op_connect, cleanup_connect, &s) >= at_least);
  ab_connecting_request_free(&s.req);
}

static void test_sweep_every_allocation(void **state) {
  (void)state;
  sweep(OK_HEAD "X-A: \xC3\xA9\r\nx-a: 2\r\nSec-WebSocket-Protocol: chat\r\n"
                "\r\n",
        10);
  sweep(OK_HEAD "Sec-WebSocket-Protocol: other\r\n\r\n", 5);
  sweep(OK_HEAD "Sec-WebSocket-Extensions: permessage-deflate; "
                "server_max_window_bits=\"x\xC3\xA9\"\r\n\r\n",
        5);
  sweep("HTTP/1.1 404 Not Found\r\n\r\n", 3);
  sweep("HTTP/1.1 \xE9\r\n\r\n", 2);
  /* more fields than the header block holds inline (its array grows
   * twice), repeated names (their values joined), a chosen subprotocol */
  static char many[8192];
  size_t at = (size_t)snprintf(many, sizeof many, "%s", OK_HEAD);
  for (int i = 0; i < 80; i++)
    at += (size_t)snprintf(many + at, sizeof many - at, "%c%d: v%0*d\r\n",
                           i % 5 == 0 ? 'R' : 'h', i % 5 == 0 ? 0 : i,
                           i % 9 == 0 ? 60 : 1, i);
  snprintf(many + at, sizeof many - at,
           "Sec-WebSocket-Protocol: chat\r\n\r\n");
  sweep(many, 8);
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_request_of_the_defaults),
      cmocka_unit_test(test_request_with_every_field),
      cmocka_unit_test(test_request_refuses_what_cannot_go_on_the_wire),
      cmocka_unit_test(test_key_is_fresh_base64_of_16_bytes),
      cmocka_unit_test(test_key_failure_is_an_error),
      cmocka_unit_test(test_need_more_until_the_empty_line),
      cmocka_unit_test(test_the_response),
      cmocka_unit_test(test_lines_in_pieces_of_every_size),
      cmocka_unit_test(test_status_line_failures),
      cmocka_unit_test(test_header_failures),
      cmocka_unit_test(test_extension_failures),
      cmocka_unit_test(test_limit),
      cmocka_unit_test(test_init_refuses_a_bad_key),
      cmocka_unit_test(test_sweep_every_allocation),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
