/* server.c - the server side of a WebSocket opening handshake on the
 * wstypes codec (ws_handshake.h), with blocking sockets.
 *
 *   server [PORT [COUNT]]
 *
 * Listens on 127.0.0.1:PORT (0, the default: any free port, printed first
 * as "port N") and serves COUNT connections (default 1) one after the
 * other. For each it prints the peer and the ConnectionRequest that
 * autobahn's server would hand to onConnect, as str() and as JSON
 * (autobahn's json.dumps(request.__json__())), then answers: the 101 with
 * the client's first subprotocol, autobahn's refusal, or a page of its own
 * for a plain GET (a browser, curl). After a 101 it answers the client's
 * close frame with its own and closes. */
#include <arpa/inet.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

#include "ws_handshake.h"

/* The page for a GET without Upgrade, where autobahn shows its status page
 * (state WS_HS_REFUSED with code 200, or 303 for a ?redirect= it would
 * follow): the codec leaves the page to us. */
static const char PAGE[] = "This is a WebSocket server.\n";

static int send_all(int fd, const char *p, size_t len) {
  for (size_t at = 0; at < len;) {
    ssize_t n = write(fd, p + at, len - at);
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

static void print_request(const ab_connection_request *req) {
  ws_buf out;
  ws_error err;
  ws_buf_init(&out);
  if (ab_connection_request_encode(req, WS_FORMAT_STR, &out, &err) == WS_OK)
    printf("str:\n%s\n", out.data);
  ws_buf_reset(&out);
  if (ab_connection_request_encode(req, WS_FORMAT_JSON_PYTHON, &out, &err) ==
      WS_OK)
    printf("json:\n%s\n", out.data);
  ws_buf_free(&out);
}

/* The 101 for the request: the first subprotocol the client offered. On
 * return, hs->state may have become WS_HS_REFUSED with out holding that
 * refusal (an extension offer autobahn cannot parse). */
static ws_status write_accept(ws_hs_server *hs, ws_buf *out) {
  ab_connection_accept accept;
  ws_error err;
  ws_status st = ab_connection_accept_init(&accept);
  if (st == WS_OK && hs->request.protocols.len > 0)
    st = ab_opt_str_set(&accept.subprotocol,
                        ws_str_view_of(&hs->request.protocols.items[0]));
  if (st == WS_OK)
    st = ws_hs_write_accept(out, hs, &accept, &err);
  if (st != WS_OK)
    fprintf(stderr, "server: cannot accept: %s\n", ws_status_str(st));
  ab_connection_accept_free(&accept);
  return st;
}

static ws_status write_refusal(const ws_hs_server *hs, ws_buf *out) {
  printf("refused: %lld %s\n", (long long)hs->refusal.code,
         ws_str_c(&hs->refusal.reason.value));
  if (hs->refusal.code != 200 && hs->refusal.code != 303)
    return ws_hs_write_refusal(out, hs, NULL);
  char head[128];
  snprintf(head, sizeof head,
           "HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\n"
           "Content-Length: %zu\r\n\r\n",
           sizeof PAGE - 1);
  ws_buf_puts(out, head);
  ws_buf_puts(out, PAGE);
  return out->status;
}

/* After the 101: the client's first frame should be a close (masked, as
 * every client frame is); answer it with a close of the same code. early
 * holds the bytes that came with the header block. */
static void answer_close(int fd, const char *early, size_t n) {
  unsigned char f[6 + 125];
  size_t len = n < sizeof f ? n : sizeof f;
  memcpy(f, early, len);
  if (read_to(fd, f, &len, 6) != 0 || (f[0] & 0x0f) != 0x8 ||
      (f[1] & 0x7f) > 125)
    return;
  size_t payload = f[1] & 0x7f;
  if (read_to(fd, f, &len, 6 + payload) != 0)
    return;
  unsigned char reply[4] = {0x88, 0, 0, 0};
  if (payload >= 2) {
    reply[1] = 2;
    reply[2] = (unsigned char)(f[6] ^ f[2]); /* unmasked with the key */
    reply[3] = (unsigned char)(f[7] ^ f[3]);
  }
  send_all(fd, (const char *)reply, 2 + (size_t)reply[1]);
}

static void serve(int fd, const char *peer) {
  ws_hs_server hs;
  ws_buf out;
  ws_error err;
  char buf[4096];
  size_t got = 0;
  size_t used = 0;
  ws_buf_init(&out);
  if (ws_hs_server_init(&hs, NULL, ws_cstr(peer), &err) != WS_OK) {
    fprintf(stderr, "server: %s\n", err.msg);
    ws_hs_server_free(&hs);
    return;
  }
  while (hs.state == WS_HS_NEED_MORE) {
    ssize_t n = read(fd, buf, sizeof buf);
    if (n <= 0) {
      printf("closed before the end of the request\n");
      goto done;
    }
    got = (size_t)n;
    if (ws_hs_server_feed(&hs, buf, got, &used) != WS_OK)
      goto done;
  }
  /* buf[used..got) are the client's first frame bytes, if any */
  if (hs.state == WS_HS_REQUEST) {
    print_request(&hs.request);
    if (write_accept(&hs, &out) != WS_OK)
      goto done;
  }
  /* (out already holds the refusal when write_accept turned into one) */
  if (hs.state == WS_HS_REFUSED && out.len == 0 &&
      write_refusal(&hs, &out) != WS_OK)
    goto done;
  printf("answer: %.*s\n", (int)strcspn(out.data, "\r"), out.data);
  fflush(stdout);
  if (send_all(fd, out.data, out.len) == 0 && hs.state == WS_HS_REQUEST)
    answer_close(fd, buf + used, got - used);
done:
  fflush(stdout);
  ws_buf_free(&out);
  ws_hs_server_free(&hs);
}

int main(int argc, char **argv) {
  int port = argc > 1 ? atoi(argv[1]) : 0;
  int count = argc > 2 ? atoi(argv[2]) : 1;
  int ls = socket(AF_INET, SOCK_STREAM, 0);
  int one = 1;
  struct sockaddr_in a;
  socklen_t len = sizeof a;
  memset(&a, 0, sizeof a);
  a.sin_family = AF_INET;
  a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  a.sin_port = htons((uint16_t)port);
  if (ls < 0 || setsockopt(ls, SOL_SOCKET, SO_REUSEADDR, &one, sizeof one) ||
      bind(ls, (struct sockaddr *)&a, sizeof a) != 0 || listen(ls, 8) != 0 ||
      getsockname(ls, (struct sockaddr *)&a, &len) != 0) {
    perror("server: listen");
    return 1;
  }
  printf("port %d\n", ntohs(a.sin_port));
  fflush(stdout);
  for (int i = 0; i < count; i++) {
    struct sockaddr_in p;
    len = sizeof p;
    int fd = accept(ls, (struct sockaddr *)&p, &len);
    if (fd < 0) {
      perror("server: accept");
      return 1;
    }
    /* autobahn's name for a TCP peer, which onConnect's request.peer has */
    char peer[64];
    snprintf(peer, sizeof peer, "tcp4:%s:%d", inet_ntoa(p.sin_addr),
             ntohs(p.sin_port));
    printf("peer %s\n", peer);
    serve(fd, peer);
    /* A refusal has no Content-Length: the client reads it to the end of
     * the connection. So end our side, then wait for the client's. */
    shutdown(fd, SHUT_WR);
    char rest[256];
    while (read(fd, rest, sizeof rest) > 0)
      ;
    close(fd);
  }
  close(ls);
  return 0;
}
