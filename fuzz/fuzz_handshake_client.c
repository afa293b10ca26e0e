/* fuzz_handshake_client.c - libFuzzer target over the handshake codec's
 * client side (handshake/): the first byte picks the size of the pieces
 * the rest is fed in, the subprotocols offered and a small header limit;
 * the rest is what a server sent in answer to a request with a fixed key.
 * Whatever the bytes: every byte fed is used until the block ends; an open
 * connection's response is valid UTF-8 throughout (its JSON decodes again
 * to an equal value), says version 18 and carries an offered subprotocol
 * or none; a failure has a kind and a reason that is valid UTF-8. */
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "ws_handshake.h"

#define KEY "dGhlIHNhbXBsZSBub25jZQ=="

static bool offered(const ws_hs_client *c, const ws_str *p) {
  for (size_t i = 0; i < c->offered.len; i++) {
    if (ws_str_equal(&c->offered.items[i], p))
      return true;
  }
  return false;
}

static void check_open(const ws_hs_client *c) {
  const ab_connection_response *r = &c->response;
  if (r->version != WS_HS_CLIENT_SPEC_VERSION || r->extensions.len != 0 ||
      (r->protocol.present && !offered(c, &r->protocol.value)))
    abort();
  ws_buf out;
  ws_buf_init(&out);
  if (ab_connection_response_encode(r, WS_FORMAT_JSON, &out, NULL) != WS_OK)
    abort();
  ab_connection_response again;
  memset(&again, 0, sizeof again);
  if (ab_connection_response_decode(&again, out.data, out.len, NULL, NULL) !=
          WS_OK ||
      !ab_connection_response_equal(&again, r))
    abort();
  ab_connection_response_free(&again);
  ws_buf_reset(&out);
  if (ab_connection_response_encode(r, WS_FORMAT_STR, &out, NULL) != WS_OK)
    abort();
  ws_buf_free(&out);
}

static void check_failed(const ws_hs_client *c) {
  if (c->failure == WS_HS_FAIL_NONE || c->failure > WS_HS_FAIL_PROTOCOL ||
      c->reason.len == 0 ||
      !ws_utf8_valid(c->reason.ptr, c->reason.len, NULL))
    abort();
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  if (size < 1)
    return 0;
  size_t piece = 1 + (data[0] & 0x3F);
  ab_list_str protocols;
  memset(&protocols, 0, sizeof protocols);
  if (data[0] & 0x40) {
    if (ab_list_str_append(&protocols, ws_cstr("chat")) != WS_OK ||
        ab_list_str_append(&protocols, ws_cstr("a'b\xC3\xA9")) != WS_OK)
      abort();
  }
  ws_hs_client c;
  if (ws_hs_client_init(&c, ws_cstr("tcp4:127.0.0.1:1"), ws_cstr(KEY),
                        &protocols, NULL) != WS_OK)
    abort();
  if (data[0] & 0x80)
    c.max_header_bytes = 200;
  data++;
  size--;
  for (size_t at = 0; at < size && c.state == WS_HS_CLIENT_NEED_MORE;) {
    size_t n = size - at < piece ? size - at : piece;
    size_t used = 0;
    if (ws_hs_client_feed(&c, data + at, n, &used) != WS_OK || used > n ||
        (c.state == WS_HS_CLIENT_NEED_MORE && used != n))
      abort();
    at += n;
  }
  if (c.state == WS_HS_CLIENT_OPEN)
    check_open(&c);
  else if (c.state == WS_HS_CLIENT_FAILED)
    check_failed(&c);
  ws_hs_client_free(&c);
  ab_list_str_free(&protocols);
  return 0;
}
