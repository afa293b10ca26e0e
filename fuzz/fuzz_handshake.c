/* fuzz_handshake.c - libFuzzer target over the handshake codec's server
 * side (handshake/): the first byte picks the size of the pieces the rest
 * is fed in and a few options; the rest is what a client sent. Whatever
 * the bytes: every byte fed is used until the block ends; a request is
 * valid UTF-8 throughout (its JSON decodes again to an equal value) and
 * gets a 101 (or, for extension offers autobahn refuses when it accepts,
 * a 400); a refusal has a status and a response that is one status
 * line and headers. */
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "ws_handshake.h"

static void check_refusal(const ws_hs_server *s);

static void check_request(ws_hs_server *s) {
  ws_buf out;
  ws_buf_init(&out);
  if (ab_connection_request_encode(&s->request, WS_FORMAT_JSON, &out, NULL) !=
      WS_OK)
    abort();
  ab_connection_request again;
  memset(&again, 0, sizeof again);
  if (ab_connection_request_decode(&again, out.data, out.len, NULL, NULL) !=
          WS_OK ||
      !ab_connection_request_equal(&again, &s->request))
    abort();
  ab_connection_request_free(&again);
  ws_buf_reset(&out);
  if (ab_connection_request_encode(&s->request, WS_FORMAT_STR, &out, NULL) !=
      WS_OK)
    abort();
  ws_buf_reset(&out);
  if (ws_hs_write_accept(&out, s, NULL, NULL) != WS_OK)
    abort();
  /* a 101, or the 400 autobahn sends for extension offers it refuses */
  if (s->state == WS_HS_REFUSED) {
    if (s->refusal.code != 400 || strncmp(out.data, "HTTP/1.1 400 ", 13) != 0)
      abort();
    check_refusal(s);
  } else if (strncmp(out.data, "HTTP/1.1 101 ", 13) != 0) {
    abort();
  }
  ws_buf_free(&out);
}

static void check_refusal(const ws_hs_server *s) {
  ws_buf out;
  ws_buf_init(&out);
  if (s->refusal.code < 200 || s->refusal.code > 505 ||
      ws_hs_write_refusal(&out, s, NULL) != WS_OK)
    abort();
  /* CR and LF only as line ends, the last line empty */
  const char *p = out.data;
  size_t n = out.len;
  if (n < 4 || memcmp(p + n - 4, "\r\n\r\n", 4) != 0)
    abort();
  for (size_t i = 0; i < n; i++) {
    if ((p[i] == '\r') != (i + 1 < n && p[i + 1] == '\n'))
      abort();
    if (p[i] == '\n' && (i == 0 || p[i - 1] != '\r'))
      abort();
  }
  ws_buf_free(&out);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  if (size < 1)
    return 0;
  size_t piece = 1 + (data[0] & 0x3F);
  static const char *const patterns[] = {"http://*.example.com:*", "null"};
  ws_hs_server_options o;
  ws_hs_server_options_init(&o);
  if (data[0] & 0x40) {
    o.allowed_origins = patterns;
    o.allowed_origins_len = 2;
    o.external_port = 9000;
    o.trust_x_forwarded_for = 1;
  }
  if (data[0] & 0x80) {
    o.web_status = false;
    o.allow_null_origin = false;
    o.max_header_bytes = 200;
  }
  data++;
  size--;
  ws_hs_server s;
  if (ws_hs_server_init(&s, &o, ws_cstr("tcp:127.0.0.1:1"), NULL) != WS_OK)
    abort();
  for (size_t at = 0; at < size && s.state == WS_HS_NEED_MORE;) {
    size_t n = size - at < piece ? size - at : piece;
    size_t used = 0;
    if (ws_hs_server_feed(&s, data + at, n, &used) != WS_OK || used > n ||
        (s.state == WS_HS_NEED_MORE && used != n))
      abort();
    at += n;
  }
  if (s.state == WS_HS_REQUEST)
    check_request(&s);
  else if (s.state == WS_HS_REFUSED)
    check_refusal(&s);
  ws_hs_server_free(&s);
  return 0;
}
