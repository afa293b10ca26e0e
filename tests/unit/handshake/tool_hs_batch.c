/* tool_hs_batch.c - the handshake codec over many requests in one process,
 * for tests/system/handshake_diff.py (which compares it with autobahn).
 *
 * stdin: records "PEERLEN REQLEN\n" then PEER and REQUEST bytes.
 * stdout, per record, one of
 *   "REQUEST STRLEN RESPLEN\n" str(ConnectionRequest) and the response
 *       to an accept without subprotocol or headers (a 101, or the 400
 *       autobahn sends when it refuses the extension offers then);
 *   "REFUSED CODE RESPLEN\n" and the refusal's response bytes;
 *   "MORE 0 0\n" when the bytes end before the header block does.
 * The request is fed in pieces of a size that varies from record to
 * record, as a socket would deliver it. */
#include <stdio.h>
#include <stdlib.h>

#include "ws_handshake.h"

static void put_record(const char *what, long long n, const ws_buf *a,
                       const ws_buf *b) {
  printf("%s %lld %zu\n", what, n, b->len);
  if (a)
    fwrite(a->data, 1, a->len, stdout);
  fwrite(b->data ? b->data : "", 1, b->len, stdout);
}

static int one(const char *peer, size_t peer_len, const char *req,
               size_t len, size_t piece) {
  ws_hs_server hs;
  ws_error err;
  ws_buf text;
  ws_buf resp;
  ws_buf_init(&text);
  ws_buf_init(&resp);
  ws_status st = ws_hs_server_init(&hs, NULL, ws_str_view(peer, peer_len), &err);
  for (size_t at = 0; st == WS_OK && at < len && hs.state == WS_HS_NEED_MORE;) {
    size_t n = len - at < piece ? len - at : piece;
    size_t used = 0;
    st = ws_hs_server_feed(&hs, req + at, n, &used);
    at += n;
  }
  if (st == WS_OK && hs.state == WS_HS_REQUEST) {
    st = ab_connection_request_encode(&hs.request, WS_FORMAT_STR, &text, &err);
    if (st == WS_OK)
      st = ws_hs_write_accept(&resp, &hs, NULL, &err);
    if (st == WS_OK)
      put_record("REQUEST", (long long)text.len, &text, &resp);
  } else if (st == WS_OK && hs.state == WS_HS_REFUSED) {
    st = ws_hs_write_refusal(&resp, &hs, &err);
    if (st == WS_OK)
      put_record("REFUSED", (long long)hs.refusal.code, NULL, &resp);
  } else if (st == WS_OK) {
    printf("MORE 0 0\n");
  }
  if (st != WS_OK)
    fprintf(stderr, "tool_hs_batch: %s\n", err.msg);
  ws_buf_free(&text);
  ws_buf_free(&resp);
  ws_hs_server_free(&hs);
  return st == WS_OK ? 0 : 1;
}

int main(void) {
  size_t peer_len;
  size_t len;
  int rc = 0;
  for (size_t k = 0; scanf("%zu %zu", &peer_len, &len) == 2; k++) {
    if (getchar() != '\n')
      return 2;
    char *buf = malloc(peer_len + len + 1);
    if (!buf || fread(buf, 1, peer_len + len, stdin) != peer_len + len)
      return 2;
    size_t piece = k % 5 == 0 ? len + 1 : 1 + (k * 7) % 64;
    rc |= one(buf, peer_len, buf + peer_len, len, piece);
    free(buf);
  }
  return rc;
}
