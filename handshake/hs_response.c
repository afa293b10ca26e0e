/* hs_response.c - the response bytes, as autobahn's succeedHandshake and
 * sendHttpErrorResponse write them; Sec-WebSocket-Accept per RFC 6455
 * section 4.2.2, SHA-1 from nettle. */
#include <stdio.h>
#include <string.h>

#include <nettle/sha1.h>

#include "hs_internal.h"

/* RFC 6455's GUID, appended to the client's key before hashing. */
static const char ws_guid[] = "258EAFA5-E914-47DA-95CA-C5AB0DC85B11";

void ws_hs_accept_key(ws_strview key, char out[29]) {
  struct sha1_ctx ctx;
  uint8_t digest[SHA1_DIGEST_SIZE];
  sha1_init(&ctx);
  sha1_update(&ctx, key.len, (const uint8_t *)key.ptr);
  sha1_update(&ctx, sizeof ws_guid - 1, (const uint8_t *)ws_guid);
  sha1_digest(&ctx, sizeof digest, digest);
  ws_buf b;
  ws_buf_fixed(&b, out, 29);
  ws_base64_encode(&b, digest, sizeof digest);
}

/* MARK: checks before writing: nothing is written unless all pass */

ws_status hs_refuse_name(ws_error *err, const ws_str *name) {
  char quoted[64];
  ws_reader_quote(quoted, sizeof quoted, name->ptr, name->len);
  return ws_error_set(err, WS_EINVAL,
                      "header name %s is not an HTTP token", quoted);
}

ws_status hs_refuse_value(ws_error *err, const char *what,
                          const ws_str *v) {
  size_t at = 0;
  while (at < v->len && ws_header_value_ok(ws_str_view(v->ptr + at, 1)))
    at++;
  return ws_error_set(err, WS_EINVAL,
                      "%s has byte 0x%02X at offset %zu, which an HTTP/1.1 "
                      "field value cannot hold",
                      what, (unsigned)(unsigned char)v->ptr[at], at);
}

static ws_status check_headers(const ws_headers *h, ws_error *err) {
  for (size_t i = 0; h && i < h->len; i++) {
    const ws_header *e = &h->items[i];
    if (!ws_header_name_ok(ws_str_view_of(&e->name)))
      return hs_refuse_name(err, &e->name);
    if (!ws_header_value_ok(ws_str_view_of(&e->value))) {
      char what[96];
      snprintf(what, sizeof what, "the value of header \"%.40s\"",
               ws_str_c(&e->name));
      return hs_refuse_value(err, what, &e->value);
    }
  }
  return WS_OK;
}

/* MARK: writing */

/* Each value of each name on its own line, names in order of first
 * appearance and a name's values together: the lines autobahn writes
 * for the dict the map stands for. */
static void put_header_lines(ws_buf *b, const ws_headers *h) {
  for (size_t i = 0; h && i < h->len; i++) {
    const ws_str *name = &h->items[i].name;
    bool seen = false;
    for (size_t j = 0; j < i && !seen; j++)
      seen = ws_str_equal(&h->items[j].name, name);
    for (size_t j = i; !seen && j < h->len; j++) {
      const ws_header *e = &h->items[j];
      if (e->shape == WS_HEADER_EMPTY_LIST || !ws_str_equal(&e->name, name))
        continue;
      ws_buf_put(b, name->ptr, name->len);
      ws_buf_puts(b, ": ");
      ws_buf_put(b, e->value.ptr, e->value.len);
      ws_buf_puts(b, "\r\n");
    }
  }
}

/* Keeps the fill rule: out is as it was when writing failed. */
static ws_status done(ws_buf *out, size_t had, ws_error *err) {
  if (out->status == WS_OK)
    return WS_OK;
  if (out->data && !out->measuring) {
    out->len = had;
    out->data[had] = '\0';
  }
  return ws_error_set(err, out->status, "%s", ws_status_str(out->status));
}

static bool offered(const ws_hs_server *s, const ws_str *protocol) {
  for (size_t i = 0; i < s->offered.len; i++) {
    if (ws_str_equal(&s->offered.items[i], protocol))
      return true;
  }
  return false;
}

/* What a 101 is written from. */
typedef struct accept_parts {
  const ws_hs_server *s;
  const ab_opt_str *sub;
  const ws_headers *extra;
  char key[29];
} accept_parts;

/* The 101 (a ws_buf_writer, so that out grows once). */
static void put_accept(ws_buf *out, const void *ctx) {
  const accept_parts *a = ctx;
  ws_buf_puts(out, "HTTP/1.1 101 Switching Protocols\r\n");
  if (a->s->opts.server) {
    ws_buf_puts(out, "Server: ");
    ws_buf_puts(out, a->s->opts.server);
    ws_buf_puts(out, "\r\n");
  }
  ws_buf_puts(out, "Upgrade: WebSocket\r\nConnection: Upgrade\r\n");
  put_header_lines(out, a->s->opts.headers);
  put_header_lines(out, a->extra);
  if (a->sub && a->sub->present) {
    ws_buf_puts(out, "Sec-WebSocket-Protocol: ");
    ws_buf_put(out, a->sub->value.ptr, a->sub->value.len);
    ws_buf_puts(out, "\r\n");
  }
  ws_buf_puts(out, "Sec-WebSocket-Accept: ");
  ws_buf_puts(out, a->key);
  ws_buf_puts(out, "\r\n\r\n");
}

/* autobahn's failHandshake when the offers do not parse: s becomes
 * refused, and out gets that response. */
static ws_status refuse_offers(ws_buf *out, ws_hs_server *s, ws_error *err) {
  ws_status st = ab_opt_str_set(&s->refusal.reason,
                                ws_str_view_of(&s->offer_refusal));
  if (st != WS_OK)
    return ws_error_set(err, st, "%s", ws_status_str(st));
  s->refusal.code = 400;
  s->state = WS_HS_REFUSED;
  return ws_hs_write_refusal(out, s, err);
}

ws_status ws_hs_write_accept(ws_buf *out, ws_hs_server *s,
                             const ab_connection_accept *accept,
                             ws_error *err) {
  if (s->state != WS_HS_REQUEST)
    return ws_error_set(err, WS_EINVAL, "there is no valid request to accept");
  const ab_opt_str *sub = accept ? &accept->subprotocol : NULL;
  const ws_headers *extra =
      accept && accept->headers.present ? &accept->headers.value : NULL;
  if (sub && sub->present && !offered(s, &sub->value)) {
    return ws_error_set(err, WS_EINVAL,
                        "protocol accepted must be from the list client sent "
                        "or None");
  }
  if (sub && sub->present && !ws_header_value_ok(ws_str_view_of(&sub->value)))
    return hs_refuse_value(err, "the subprotocol", &sub->value);
  if (s->offer_refusal.len > 0)
    return refuse_offers(out, s, err);
  ws_status st = check_headers(s->opts.headers, err);
  if (st == WS_OK)
    st = check_headers(extra, err);
  if (st != WS_OK)
    return st;
  accept_parts parts = {s, sub, extra, {0}};
  ws_hs_accept_key(ws_str_view_of(&s->key), parts.key);
  size_t had = out->len;
  ws_buf_write_sized(out, put_accept, &parts);
  return done(out, had, err);
}

static void put_status_line(ws_buf *out, int64_t code, const ab_opt_str *reason,
                            bool mask_controls) {
  ws_buf_puts(out, "HTTP/1.1 ");
  ws_buf_put_i64(out, code);
  ws_buf_putc(out, ' ');
  if (!reason->present) {
    ws_buf_puts(out, "None");
  } else {
    const ws_str *r = &reason->value;
    for (size_t i = 0; i < r->len; i++) {
      char c = r->ptr[i];
      bool ok = !mask_controls || ws_header_value_ok(ws_str_view(&c, 1));
      ws_buf_putc(out, ok ? c : '?');
    }
  }
  ws_buf_puts(out, "\r\n");
}

/* What an error response is written from. */
typedef struct deny_parts {
  const ab_connection_deny *deny;
  const ws_headers *headers;
  bool mask_controls;
} deny_parts;

static void put_deny(ws_buf *out, const void *ctx) {
  const deny_parts *d = ctx;
  put_status_line(out, d->deny->code, &d->deny->reason, d->mask_controls);
  put_header_lines(out, d->headers);
  ws_buf_puts(out, "\r\n");
}

static ws_status write_deny(ws_buf *out, const ab_connection_deny *deny,
                            const ws_headers *headers, bool mask_controls,
                            ws_error *err) {
  if (deny->code < 100 || deny->code > 999) {
    return ws_error_set(err, WS_EINVAL,
                        "HTTP status %lld is not three digits",
                        (long long)deny->code);
  }
  if (!mask_controls && deny->reason.present &&
      !ws_header_value_ok(ws_str_view_of(&deny->reason.value)))
    return hs_refuse_value(err, "the reason", &deny->reason.value);
  ws_status st = check_headers(headers, err);
  if (st != WS_OK)
    return st;
  deny_parts parts = {deny, headers, mask_controls};
  size_t had = out->len;
  ws_buf_write_sized(out, put_deny, &parts);
  return done(out, had, err);
}

ws_status ws_hs_write_deny(ws_buf *out, const ab_connection_deny *deny,
                           const ws_headers *headers, ws_error *err) {
  return write_deny(out, deny, headers, false, err);
}

ws_status ws_hs_write_refusal(ws_buf *out, const ws_hs_server *s,
                              ws_error *err) {
  if (s->state != WS_HS_REFUSED)
    return ws_error_set(err, WS_EINVAL, "the request was not refused");
  return write_deny(out, &s->refusal, &s->refusal_headers, true, err);
}
