/* tool_hs_client_batch.c - the client side of the handshake codec over
 * many responses in one process, for tests/system/handshake_client_diff.py
 * (which compares it with autobahn's client).
 *
 * stdin: records "PEERLEN KEYLEN PROTOLEN RESPLEN\n" then PEER, KEY, the
 * offered protocols (each ended by '\n') and the RESPONSE bytes.
 * stdout, per record, one of
 *   "OPEN LEN\n" and str(ConnectionResponse);
 *   "FAILED KIND LEN\n" and the reason (KIND a ws_hs_failure number);
 *   "MORE 0\n" when the bytes end before the header block does.
 * The response is fed in pieces of a size that varies from record to
 * record, as a socket would deliver it. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ws_handshake.h"

static ws_status offered_of(const char *p, size_t len, ab_list_str *out) {
  ws_status st = WS_OK;
  for (size_t a = 0; a < len && st == WS_OK;) {
    const char *nl = memchr(p + a, '\n', len - a);
    size_t z = nl ? (size_t)(nl - p) : len;
    st = ab_list_str_append(out, ws_str_view(p + a, z - a));
    a = z + 1;
  }
  return st;
}

static int one(const char *rec, const size_t *n, size_t piece) {
  const char *peer = rec;
  const char *key = peer + n[0];
  const char *protos = key + n[1];
  const char *resp = protos + n[2];
  ab_list_str offered;
  ws_hs_client c;
  ws_error err;
  ws_buf text;
  memset(&offered, 0, sizeof offered);
  memset(&c, 0, sizeof c);
  ws_error_clear(&err);
  ws_buf_init(&text);
  ws_status st = offered_of(protos, n[2], &offered);
  if (st == WS_OK)
    st = ws_hs_client_init(&c, ws_str_view(peer, n[0]), ws_str_view(key, n[1]),
                           &offered, &err);
  for (size_t at = 0; st == WS_OK && at < n[3] &&
                      c.state == WS_HS_CLIENT_NEED_MORE;) {
    size_t k = n[3] - at < piece ? n[3] - at : piece;
    st = ws_hs_client_feed(&c, resp + at, k, NULL);
    at += k;
  }
  if (st == WS_OK && c.state == WS_HS_CLIENT_OPEN) {
    st = ab_connection_response_encode(&c.response, WS_FORMAT_STR, &text, &err);
    if (st == WS_OK) {
      printf("OPEN %zu\n", text.len);
      fwrite(text.data, 1, text.len, stdout);
    }
  } else if (st == WS_OK && c.state == WS_HS_CLIENT_FAILED) {
    printf("FAILED %d %zu\n", (int)c.failure, c.reason.len);
    fwrite(c.reason.ptr, 1, c.reason.len, stdout);
  } else if (st == WS_OK) {
    printf("MORE 0\n");
  }
  if (st != WS_OK)
    fprintf(stderr, "tool_hs_client_batch: %s\n", err.msg);
  ws_buf_free(&text);
  ws_hs_client_free(&c);
  ab_list_str_free(&offered);
  return st == WS_OK ? 0 : 1;
}

int main(void) {
  size_t n[4];
  int rc = 0;
  for (size_t k = 0; scanf("%zu %zu %zu %zu", &n[0], &n[1], &n[2], &n[3]) == 4;
       k++) {
    if (getchar() != '\n')
      return 2;
    size_t total = n[0] + n[1] + n[2] + n[3];
    char *buf = malloc(total + 1);
    if (!buf || fread(buf, 1, total, stdin) != total)
      return 2;
    size_t piece = k % 5 == 0 ? n[3] + 1 : 1 + (k * 7) % 64;
    rc |= one(buf, n, piece);
    free(buf);
  }
  return rc;
}
