/* hs_client.c - the client side's request and state: a fresh
 * Sec-WebSocket-Key from getrandom(2), the request bytes as autobahn's
 * WebSocketClientProtocol._actuallyStartHandshake writes them, and feeding
 * the server's response until its header block ends (at the first
 * CRLFCRLF, as autobahn's processHandshake looks for it). The response's
 * checks are hs_client_response.c's. */
#include <errno.h>
#include <string.h>
#include <sys/random.h>

#include "hs_internal.h"

/* MARK: the key */

/* 16 bytes from the system's generator: getrandom may return fewer than
 * asked, or be interrupted by a signal, before its pool is ready. */
static ws_status random_bytes(unsigned char *p, size_t n, ws_error *err) {
  size_t got = 0;
  while (got < n) {
    ssize_t r = getrandom(p + got, n - got, 0);
    if (r < 0 && errno == EINTR)
      continue;
    if (r <= 0) {
      return ws_error_set(err, WS_ESYSTEM,
                          "the system's random generator failed: %s",
                          r < 0 ? strerror(errno) : "it gave no bytes");
    }
    got += (size_t)r;
  }
  return WS_OK;
}

ws_status ws_hs_new_key(char key[WS_HS_KEY_SIZE], ws_error *err) {
  unsigned char nonce[16];
  key[0] = '\0';
  ws_status st = random_bytes(nonce, sizeof nonce, err);
  if (st != WS_OK)
    return st;
  ws_buf b;
  ws_buf_fixed(&b, key, WS_HS_KEY_SIZE);
  ws_base64_encode(&b, nonce, sizeof nonce);
  return WS_OK;
}

bool ws_hs_key_ok(ws_strview key) {
  static const char alphabet[] =
      "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789+/";
  if (key.len != 24 || key.ptr[22] != '=' || key.ptr[23] != '=')
    return false;
  for (size_t i = 0; i < 22; i++) {
    if (key.ptr[i] == '\0' || !strchr(alphabet, key.ptr[i]))
      return false;
  }
  return true;
}

/* MARK: checks before writing the request: nothing is written unless all
 * pass */

static ws_status check_value(ws_error *err, const char *what,
                             const ws_str *v) {
  return ws_header_value_ok(ws_str_view_of(v)) ? WS_OK
                                                : hs_refuse_value(err, what, v);
}

/* The request target: one word of visible characters (a space would end
 * it early on the request line). */
static ws_status check_resource(const ws_str *r, ws_error *err) {
  for (size_t i = 0; i < r->len; i++) {
    unsigned char c = (unsigned char)r->ptr[i];
    if (c <= 0x20 || c == 0x7F) {
      return ws_error_set(err, WS_EINVAL,
                          "the resource has byte 0x%02X at offset %zu, which "
                          "a request target cannot hold",
                          (unsigned)c, i);
    }
  }
  if (r->len == 0)
    return ws_error_set(err, WS_EINVAL, "the resource is empty");
  return WS_OK;
}

static ws_status check_request(const ab_connecting_request *req,
                               ws_error *err) {
  ws_status st = check_resource(&req->resource, err);
  if (st == WS_OK)
    st = check_value(err, "the host", &req->host);
  if (st == WS_OK && req->useragent.present)
    st = check_value(err, "the useragent", &req->useragent.value);
  if (st == WS_OK && req->origin.present)
    st = check_value(err, "the origin", &req->origin.value);
  for (size_t i = 0; st == WS_OK && i < req->protocols.len; i++)
    st = check_value(err, "a protocol", &req->protocols.items[i]);
  for (size_t i = 0; st == WS_OK && i < req->headers.len; i++) {
    const ws_header *h = &req->headers.items[i];
    if (!ws_header_name_ok(ws_str_view_of(&h->name)))
      return hs_refuse_name(err, &h->name);
    st = check_value(err, "a header value", &h->value);
  }
  return st;
}

/* MARK: writing the request */

static void put_line(ws_buf *b, const char *name, const ws_str *value) {
  ws_buf_puts(b, name);
  ws_buf_puts(b, ": ");
  ws_buf_put(b, value->ptr, value->len);
  ws_buf_puts(b, "\r\n");
}

/* req's headers: autobahn writes each dict item as "name: value"; a name
 * with a list of values gets a line per value here (see the header). */
static void put_headers(ws_buf *b, const ws_headers *h) {
  for (size_t i = 0; i < h->len; i++) {
    const ws_header *e = &h->items[i];
    if (e->shape == WS_HEADER_EMPTY_LIST)
      continue;
    ws_buf_put(b, e->name.ptr, e->name.len);
    ws_buf_puts(b, ": ");
    ws_buf_put(b, e->value.ptr, e->value.len);
    ws_buf_puts(b, "\r\n");
  }
}

static void put_request(ws_buf *b, const ab_connecting_request *req,
                        ws_strview key) {
  ws_buf_puts(b, "GET ");
  ws_buf_put(b, req->resource.ptr, req->resource.len);
  ws_buf_puts(b, " HTTP/1.1\r\n");
  if (req->useragent.present && req->useragent.value.len > 0)
    put_line(b, "User-Agent", &req->useragent.value);
  ws_buf_puts(b, "Host: ");
  ws_buf_put(b, req->host.ptr, req->host.len);
  ws_buf_putc(b, ':');
  ws_buf_put_i64(b, req->port);
  ws_buf_puts(b, "\r\nUpgrade: WebSocket\r\nConnection: Upgrade\r\n"
                 "Pragma: no-cache\r\nCache-Control: no-cache\r\n");
  put_headers(b, &req->headers);
  ws_buf_puts(b, "Sec-WebSocket-Key: ");
  ws_buf_put(b, key.ptr, key.len);
  ws_buf_puts(b, "\r\n");
  /* autobahn's client speaks version 18 (> 10): Origin, not
   * Sec-WebSocket-Origin */
  if (req->origin.present && req->origin.value.len > 0)
    put_line(b, "Origin", &req->origin.value);
  if (req->protocols.len > 0) {
    ws_buf_puts(b, "Sec-WebSocket-Protocol: ");
    for (size_t i = 0; i < req->protocols.len; i++) {
      if (i > 0)
        ws_buf_putc(b, ',');
      ws_buf_put(b, req->protocols.items[i].ptr, req->protocols.items[i].len);
    }
    ws_buf_puts(b, "\r\n");
  }
  ws_buf_puts(b, "Sec-WebSocket-Version: 13\r\n\r\n");
}

ws_status ws_hs_write_request_with_key(ws_buf *out,
                                       const ab_connecting_request *req,
                                       ws_strview key, ws_error *err) {
  if (!ws_hs_key_ok(key)) {
    return ws_error_set(err, WS_EINVAL,
                        "a Sec-WebSocket-Key is 24 characters of base64 "
                        "ending in \"==\"");
  }
  ws_status st = check_request(req, err);
  if (st != WS_OK)
    return st;
  size_t had = out->len;
  put_request(out, req, key);
  if (out->status == WS_OK)
    return WS_OK;
  if (out->data && !out->measuring) {
    out->len = had;
    out->data[had] = '\0';
  }
  return ws_error_set(err, out->status, "%s", ws_status_str(out->status));
}

ws_status ws_hs_write_request(ws_buf *out, const ab_connecting_request *req,
                              char key_out[WS_HS_KEY_SIZE], ws_error *err) {
  ws_status st = check_request(req, err);
  if (st == WS_OK)
    st = ws_hs_new_key(key_out, err);
  if (st == WS_OK)
    st = ws_hs_write_request_with_key(out, req, ws_cstr(key_out), err);
  if (st != WS_OK)
    key_out[0] = '\0';
  return st;
}

/* MARK: the client's state */

ws_status ws_hs_client_init(ws_hs_client *c, ws_strview peer, ws_strview key,
                            const ab_list_str *protocols, ws_error *err) {
  memset(c, 0, sizeof *c);
  ws_buf_init(&c->block);
  c->max_header_bytes = WS_HS_MAX_RESPONSE_BYTES;
  if (!ws_hs_key_ok(key)) {
    return ws_error_set(err, WS_EINVAL,
                        "a Sec-WebSocket-Key is 24 characters of base64 "
                        "ending in \"==\"");
  }
  for (size_t i = 0; protocols && i < protocols->len; i++) {
    const ws_str *p = &protocols->items[i];
    if (!ws_utf8_valid(p->ptr, p->len, NULL))
      return ws_error_set(err, WS_EINVAL, "protocol %zu is not UTF-8", i);
  }
  memcpy(c->key, key.ptr, key.len);
  c->key[key.len] = '\0';
  ws_status st = ws_str_set_view(&c->peer, peer);
  if (st == WS_OK && protocols)
    st = ab_list_str_copy(&c->offered, protocols);
  if (st != WS_OK)
    return ws_error_set(err, st, "out of memory");
  return WS_OK;
}

void ws_hs_client_free(ws_hs_client *c) {
  ab_connection_response_free(&c->response);
  ws_str_free(&c->reason);
  ws_str_free(&c->peer);
  ab_list_str_free(&c->offered);
  ws_buf_free(&c->block);
  memset(c, 0, sizeof *c);
}

ws_status ws_hs_client_feed(ws_hs_client *c, const void *data, size_t len,
                            size_t *used) {
  size_t unused_used;
  if (!used)
    used = &unused_used;
  *used = 0;
  if (c->state != WS_HS_CLIENT_NEED_MORE)
    return WS_OK;
  if (c->max_header_bytes == 0)
    c->max_header_bytes = WS_HS_MAX_RESPONSE_BYTES;
  size_t had = c->block.len;
  size_t room = c->max_header_bytes > had ? c->max_header_bytes - had : 0;
  size_t take = len < room ? len : room;
  ws_buf_put(&c->block, data, take);
  if (c->block.status != WS_OK) {
    ws_buf_reset(&c->block);
    return WS_ENOMEM;
  }
  size_t end = hs_block_end(c->block.data, c->block.len, &c->scanned);
  if (end == 0) {
    *used = take;
    return c->block.len >= c->max_header_bytes ? hs_client_too_large(c)
                                               : WS_OK;
  }
  *used = end - had;
  c->block.len = end;
  c->block.data[end] = '\0';
  return hs_client_read(c);
}
