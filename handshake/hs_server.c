/* hs_server.c - the server's state: options, feeding bytes until the
 * header block ends (as autobahn does, at the first CRLFCRLF), and
 * handing the request over. */
#include <stdio.h>
#include <string.h>

#include "hs_internal.h"

/* autobahn's WebSocketProtocol.SUPPORTED_PROTOCOL_VERSIONS. */
static const int64_t supported_versions[] = {8, 13};

void ws_hs_server_options_init(ws_hs_server_options *o) {
  memset(o, 0, sizeof *o);
  o->versions = supported_versions;
  o->versions_len = 2;
  o->allow_null_origin = true;
  o->web_status = true;
  o->max_header_bytes = WS_HS_MAX_HEADER_BYTES;
}

/* What setProtocolOptions would refuse, or what this codec reads
 * otherwise than autobahn (see ws_hs_server_options). */
static ws_status check_options(ws_hs_server_options *o, ws_error *err) {
  if (o->versions == NULL || o->versions_len == 0) {
    o->versions = supported_versions;
    o->versions_len = 2;
  }
  for (size_t i = 0; i < o->versions_len; i++) {
    if (o->versions[i] != 8 && o->versions[i] != 13) {
      return ws_error_set(err, WS_EINVAL,
                          "invalid WebSocket protocol version %lld (allowed "
                          "values: [8, 13])",
                          (long long)o->versions[i]);
    }
  }
  for (size_t i = 0; o->allowed_origins && i < o->allowed_origins_len; i++) {
    const char *pat = o->allowed_origins[i];
    if (!pat)
      return ws_error_set(err, WS_EINVAL, "allowed origin pattern %zu is NULL",
                          i);
    const char *bad = hs_origin_regex_char(pat);
    if (bad) {
      return ws_error_set(err, WS_EINVAL,
                          "allowed origin pattern %zu (\"%.200s\") holds "
                          "'%c', a regular expression character (one of "
                          "^$+?()[]{}|\\), which autobahn would not read as "
                          "text",
                          i, pat, *bad);
    }
  }
  if (o->server && !ws_header_value_ok(ws_cstr(o->server)))
    return ws_error_set(err, WS_EINVAL,
                        "the server name cannot go on an HTTP/1.1 wire");
  if (o->max_header_bytes == 0)
    o->max_header_bytes = WS_HS_MAX_HEADER_BYTES;
  return WS_OK;
}

ws_status ws_hs_server_init(ws_hs_server *s, const ws_hs_server_options *opts,
                            ws_strview peer, ws_error *err) {
  memset(s, 0, sizeof *s);
  ws_buf_init(&s->block);
  if (opts)
    s->opts = *opts;
  else
    ws_hs_server_options_init(&s->opts);
  ws_status st = check_options(&s->opts, err);
  if (st != WS_OK)
    return st;
  st = ws_str_set_view(&s->peer, peer);
  if (st != WS_OK)
    return ws_error_set(err, st, "out of memory");
  return WS_OK;
}

void ws_hs_server_free(ws_hs_server *s) {
  ab_connection_request_free(&s->request);
  ab_connection_deny_free(&s->refusal);
  ws_headers_free(&s->refusal_headers);
  ws_str_free(&s->peer);
  ws_str_free(&s->key);
  ab_list_str_free(&s->offered);
  ws_str_free(&s->offer_refusal);
  ws_buf_free(&s->block);
  memset(s, 0, sizeof *s);
}

static ws_status refuse_too_large(ws_hs_server *s) {
  char reason[80];
  snprintf(reason, sizeof reason,
           "Request Header Fields Too Large (more than %zu bytes)",
           s->opts.max_header_bytes);
  ws_status st = ab_opt_str_set(&s->refusal.reason, ws_cstr(reason));
  if (st == WS_OK) {
    s->refusal.code = 431;
    s->state = WS_HS_REFUSED;
  }
  return st;
}

ws_status ws_hs_server_feed(ws_hs_server *s, const void *data, size_t len,
                            size_t *used) {
  size_t unused_used;
  if (!used)
    used = &unused_used;
  *used = 0;
  if (s->state != WS_HS_NEED_MORE)
    return WS_OK;
  size_t had = s->block.len;
  size_t room = s->opts.max_header_bytes - had;
  size_t take = len < room ? len : room;
  ws_buf_put(&s->block, data, take);
  if (s->block.status != WS_OK) {
    ws_buf_reset(&s->block);
    return WS_ENOMEM;
  }
  size_t end = hs_block_end(s->block.data, s->block.len, &s->scanned);
  if (end == 0) {
    *used = take;
    return s->block.len == s->opts.max_header_bytes ? refuse_too_large(s)
                                                    : WS_OK;
  }
  *used = end - had;
  s->block.len = end;
  s->block.data[end] = '\0';
  return hs_request_read(s);
}

ws_status ws_hs_server_take_request(ws_hs_server *s,
                                    ab_connection_request *out) {
  if (s->state != WS_HS_REQUEST)
    return WS_EINVAL;
  ab_connection_request_free(out);
  *out = s->request;
  memset(&s->request, 0, sizeof s->request);
  return WS_OK;
}
