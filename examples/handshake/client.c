/* client.c - the client side of a WebSocket opening handshake on the
 * wstypes codec (ws_handshake.h), with blocking sockets.
 *
 *   client PORT [RESOURCE [PROTOCOL...]]
 *
 * Connects to 127.0.0.1:PORT and sends the request autobahn's client sends
 * for ws://127.0.0.1:PORT/RESOURCE (default "/") offering those
 * subprotocols, reads the server's response, and prints the
 * ConnectionResponse that autobahn's client would hand to onConnect, as
 * str() and as JSON; or, when the handshake fails, the reason autobahn's
 * client would give, and exits 1. Then it closes the WebSocket (code 1000)
 * and prints the code of the server's close frame. */
#include <arpa/inet.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/random.h>
#include <sys/socket.h>
#include <unistd.h>

#include "ws_handshake.h"

static int send_all(int fd, const void *p, size_t len) {
  for (size_t at = 0; at < len;) {
    ssize_t n = write(fd, (const char *)p + at, len - at);
    if (n < 0 && errno == EINTR)
      continue;
    if (n <= 0)
      return -1;
    at += (size_t)n;
  }
  return 0;
}

/* Reads until buf holds want bytes; returns 0, or -1 at the end. */
static int read_to(int fd, unsigned char *buf, size_t *len, size_t want) {
  while (*len < want) {
    ssize_t n = read(fd, buf + *len, want - *len);
    if (n < 0 && errno == EINTR)
      continue;
    if (n <= 0)
      return -1;
    *len += (size_t)n;
  }
  return 0;
}

/* What autobahn's client is told to connect to: its ConnectingRequest. */
static ws_status make_request(ab_connecting_request *req, int port,
                              const char *resource, char **protocols,
                              size_t nprotocols) {
  ws_status st = ab_connecting_request_init(req);
  if (st == WS_OK)
    st = ws_str_set_view(&req->host, ws_cstr("127.0.0.1"));
  req->port = port;
  if (st == WS_OK)
    st = ws_str_set_view(&req->resource, ws_cstr(resource));
  for (size_t i = 0; st == WS_OK && i < nprotocols; i++)
    st = ab_list_str_append(&req->protocols, ws_cstr(protocols[i]));
  return st;
}

static void print_response(const ab_connection_response *resp) {
  ws_buf out;
  ws_error err;
  ws_buf_init(&out);
  if (ab_connection_response_encode(resp, WS_FORMAT_STR, &out, &err) == WS_OK)
    printf("str:\n%s\n", out.data);
  ws_buf_reset(&out);
  if (ab_connection_response_encode(resp, WS_FORMAT_JSON_PYTHON, &out, &err) ==
      WS_OK)
    printf("json:\n%s\n", out.data);
  ws_buf_free(&out);
}

/* Sends a close frame with code 1000 (masked with a random key, as every
 * client frame must be: RFC 6455 5.3) and prints the code of the server's
 * close frame. early holds the bytes that came after the response's
 * header block. */
static void close_websocket(int fd, const char *early, size_t n) {
  unsigned char frame[8] = {0x88, 0x82, 0, 0, 0, 0, 0x03, 0xe8};
  if (getrandom(frame + 2, 4, 0) != 4)
    return;
  frame[6] ^= frame[2];
  frame[7] ^= frame[3];
  if (send_all(fd, frame, sizeof frame) != 0)
    return;
  unsigned char f[2 + 125];
  size_t len = n < sizeof f ? n : sizeof f;
  memcpy(f, early, len);
  if (read_to(fd, f, &len, 2) != 0 || (f[0] & 0x0f) != 0x8 ||
      f[1] > 125 || read_to(fd, f, &len, 2 + (size_t)f[1]) != 0)
    return;
  printf("closed: %d\n", f[1] >= 2 ? f[2] << 8 | f[3] : 1005);
}

static int handshake(int fd, int port, const char *resource, char **protocols,
                     size_t nprotocols) {
  ab_connecting_request req;
  ws_hs_client hs;
  ws_buf out;
  ws_error err;
  char key[WS_HS_KEY_SIZE];
  char peer[64];
  char buf[4096];
  size_t got = 0;
  size_t used = 0;
  int rc = 1;
  memset(&hs, 0, sizeof hs); /* all-zero: safe to free before init */
  ws_buf_init(&out);
  /* autobahn's client names the server this way in response.peer */
  snprintf(peer, sizeof peer, "tcp4:127.0.0.1:%d", port);
  if (make_request(&req, port, resource, protocols, nprotocols) != WS_OK) {
    fprintf(stderr, "client: out of memory\n");
    goto done;
  }
  if (ws_hs_write_request(&out, &req, key, &err) != WS_OK ||
      ws_hs_client_init(&hs, ws_cstr(peer), ws_cstr(key), &req.protocols,
                        &err) != WS_OK) {
    fprintf(stderr, "client: %s\n", err.msg);
    goto done;
  }
  if (send_all(fd, out.data, out.len) != 0) {
    perror("client: send");
    goto done;
  }
  while (hs.state == WS_HS_CLIENT_NEED_MORE) {
    ssize_t n = read(fd, buf, sizeof buf);
    if (n <= 0) {
      fprintf(stderr, "client: the server closed before its response\n");
      goto done;
    }
    got = (size_t)n;
    if (ws_hs_client_feed(&hs, buf, got, &used) != WS_OK)
      goto done;
  }
  if (hs.state == WS_HS_CLIENT_FAILED) {
    printf("failed: %s\n", ws_str_c(&hs.reason));
    goto done;
  }
  print_response(&hs.response);
  fflush(stdout);
  /* buf[used..got) are the server's first frame bytes, if any */
  close_websocket(fd, buf + used, got - used);
  rc = 0;
done:
  fflush(stdout);
  ws_buf_free(&out);
  ws_hs_client_free(&hs);
  ab_connecting_request_free(&req);
  return rc;
}

int main(int argc, char **argv) {
  if (argc < 2) {
    fprintf(stderr, "usage: client PORT [RESOURCE [PROTOCOL...]]\n");
    return 2;
  }
  int port = atoi(argv[1]);
  const char *resource = argc > 2 ? argv[2] : "/";
  size_t nprotocols = argc > 3 ? (size_t)(argc - 3) : 0;
  int fd = socket(AF_INET, SOCK_STREAM, 0);
  struct sockaddr_in a;
  memset(&a, 0, sizeof a);
  a.sin_family = AF_INET;
  a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  a.sin_port = htons((uint16_t)port);
  if (fd < 0 || connect(fd, (struct sockaddr *)&a, sizeof a) != 0) {
    perror("client: connect");
    return 1;
  }
  int rc = handshake(fd, port, resource, argv + 3, nprotocols);
  close(fd);
  return rc;
}
