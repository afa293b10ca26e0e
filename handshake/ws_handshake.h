/* ws_handshake.h - the WebSocket opening handshake, server side, sans-IO.
 *
 * The caller reads bytes from its connection and feeds them in; the codec
 * says "need more" until the request's header block is complete, then
 * gives the ConnectionRequest autobahn's server would hand to onConnect
 * (field for field, python3-autobahn 22.7's WebSocketServerProtocol is the
 * specification), or the refusal autobahn would send: its HTTP status and
 * reason. The caller decides (a ConnectionAccept or a ConnectionDeny) and
 * the codec writes the response bytes for the caller to send. No sockets,
 * no threads, no clock: docs/handshake.md has a complete server loop.
 *
 *   ws_hs_server hs;
 *   ws_hs_server_init(&hs, NULL, ws_cstr("tcp:10.0.0.7:51234"));
 *   ... ws_hs_server_feed(&hs, bytes, n, &used) until hs.state is not
 *       WS_HS_NEED_MORE ...
 *   WS_HS_REQUEST: look at hs.request, then ws_hs_write_accept or
 *                  ws_hs_write_deny into a ws_buf and send it;
 *                  bytes[used..n) are the first WebSocket frame bytes.
 *   WS_HS_REFUSED: ws_hs_write_refusal, send it, close.
 *   ws_hs_server_free(&hs);
 *
 * Everything allocates through ws_malloc (ws_alloc.h); every fallible
 * call returns a ws_status, and after any failure the objects are still
 * safe to free. */
#ifndef WS_HANDSHAKE_H
#define WS_HANDSHAKE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "autobahn.h"
#include "wstypes.h"

#ifdef __cplusplus
extern "C" {
#endif

/* The largest request header block the server reads by default: request
 * line, headers and the empty line that ends them. autobahn has no limit
 * (it buffers until its opening-handshake timeout); a codec that buffers
 * for its caller needs one. 16 KiB holds any browser's request with its
 * cookies; a larger block is refused with 431 (RFC 6585). */
#define WS_HS_MAX_HEADER_BYTES ((size_t)16384)

/* MARK: options */

/* The server's options: autobahn's WebSocketServerFactory options that
 * bear on the opening handshake, with autobahn's defaults (set by
 * ws_hs_server_options_init). The pointers are borrowed: what they point
 * to must outlive every server that uses the options. */
typedef struct ws_hs_server_options {
  /* externalPort: when not 0, a port in the Host header must equal it
   * (autobahn: None, no check). */
  int64_t external_port;
  /* versions: the WebSocket protocol versions accepted (autobahn: 8 and
   * 13; NULL with 0 means those). */
  const int64_t *versions;
  size_t versions_len;
  /* allowedOrigins: wildcard patterns ('*' matches anything) that
   * "scheme://host:port" of the Origin must match (autobahn: "*"; NULL
   * with 0 means that). autobahn compiles a pattern into a regular
   * expression with only '.' escaped; a pattern holding any other regular
   * expression character (^$+?()[]{}|\) would mean something else there,
   * so ws_hs_server_init refuses it (WS_EINVAL). */
  const char *const *allowed_origins;
  size_t allowed_origins_len;
  /* allowNullOrigin: an Origin of "null" (or a file: URL) is allowed
   * (autobahn: true). */
  bool allow_null_origin;
  /* webStatus: a GET without an Upgrade header gets autobahn's status page
   * (state WS_HS_REFUSED with code 200, or 303 when the query has a
   * "redirect" parameter: serve your own page) instead of 426 (autobahn:
   * true). */
  bool web_status;
  /* trustXForwardedFor: the number of trusted proxies in front of the
   * server; when not 0 the peer becomes that address of the request's
   * X-Forwarded-For (autobahn: 0). */
  size_t trust_x_forwarded_for;
  /* server: the Server header of the 101 response, or NULL for none.
   * autobahn's default names itself ("AutobahnPython/22.7.1"), which this
   * codec does not claim to be. */
  const char *server;
  /* headers: extra headers for every 101 response, before those of the
   * ConnectionAccept (autobahn's factory headers; NULL for none). */
  const ws_headers *headers;
  /* Ours, not autobahn's: see WS_HS_MAX_HEADER_BYTES (0 means that). */
  size_t max_header_bytes;
} ws_hs_server_options;

/* autobahn's defaults, as above. */
void ws_hs_server_options_init(ws_hs_server_options *o);

/* MARK: the server's state */

typedef enum ws_hs_state {
  WS_HS_NEED_MORE = 0, /* the header block is not complete: feed more */
  WS_HS_REQUEST,       /* a valid request: see request */
  WS_HS_REFUSED        /* refused: see refusal and refusal_headers */
} ws_hs_state;

typedef struct ws_hs_server {
  ws_hs_state state;
  /* WS_HS_REQUEST: what autobahn's onConnect would get. Owned by the
   * server (ws_hs_server_take_request moves it out). */
  ab_connection_request request;
  /* WS_HS_REFUSED: the status and reason autobahn would send (its
   * failHandshake), with the headers it adds (Sec-WebSocket-Version when
   * the version is not supported). The reason is UTF-8 and quotes the
   * request where autobahn does. */
  ab_connection_deny refusal;
  ws_headers refusal_headers;
  /* The rest is the codec's own: read it through the functions. */
  ws_hs_server_options opts;
  ws_str peer;
  ws_str key;           /* Sec-WebSocket-Key, once the request is valid */
  ab_list_str offered;  /* the subprotocols the client announced */
  ws_str offer_refusal; /* autobahn's reason to refuse the extension
                         * offers when accepting; empty: none */
  ws_buf block;    /* the header block so far */
  size_t scanned;  /* block[0..scanned) holds no CRLFCRLF start */
} ws_hs_server;

/* Ready to read one request from the peer described by peer (autobahn's
 * peer string, e.g. "tcp:127.0.0.1:50122"; copied). opts NULL means
 * ws_hs_server_options_init's. WS_EINVAL (err says why) for an option
 * autobahn would not take; WS_ENOMEM. s is safe to free after either. */
ws_status ws_hs_server_init(ws_hs_server *s, const ws_hs_server_options *opts,
                            ws_strview peer, ws_error *err);
void ws_hs_server_free(ws_hs_server *s);

/* Feeds len bytes read from the peer. *used (may be NULL) is how many of
 * them belong to the handshake: all of them while state is
 * WS_HS_NEED_MORE; once the header block ends, the bytes up to its end
 * (the rest are WebSocket frames, or whatever the peer sent next). When
 * the block is complete, state becomes WS_HS_REQUEST or WS_HS_REFUSED;
 * more than max_header_bytes without an end is WS_HS_REFUSED with 431.
 * Feeding after that does nothing (used 0). Returns WS_OK or WS_ENOMEM
 * (the server is then safe to free only). */
ws_status ws_hs_server_feed(ws_hs_server *s, const void *data, size_t len,
                            size_t *used);

/* Moves the request out of s (state WS_HS_REQUEST) into *out, a valid
 * value (all-zero or filled; freed first). s keeps what it needs to write
 * the response. WS_EINVAL in any other state. */
ws_status ws_hs_server_take_request(ws_hs_server *s,
                                    ab_connection_request *out);

/* MARK: the response */

/* Appends the 101 response for accept (NULL: no subprotocol, no headers),
 * as autobahn's succeedHandshake writes it: status line, Server (when the
 * options name one), Upgrade, Connection, the options' headers and then
 * accept's, each value on its own line, Sec-WebSocket-Protocol when a
 * subprotocol is chosen, Sec-WebSocket-Accept (RFC 6455: base64 of SHA-1
 * of the key and the protocol's GUID), the empty line. No extension is
 * accepted: autobahn's default accepts no offer.
 *
 * autobahn parses the permessage-deflate, -bzip2 and -snappy offers only
 * now, and refuses the handshake (400) when one has a parameter its
 * extension does not take. So does this call: s becomes WS_HS_REFUSED
 * with autobahn's refusal, out gets its response (as from
 * ws_hs_write_refusal) and the result is WS_OK. Check s->state after the
 * call: WS_HS_REFUSED means send out and close.
 *
 * Refused with WS_EINVAL and err saying why: s not in state
 * WS_HS_REQUEST; a subprotocol the client did not announce (autobahn
 * raises, before it looks at the offers); a header name that is not an
 * RFC 7230 token or a value or subprotocol with CR, LF, NUL or another
 * control (ws_header_name_ok, ws_header_value_ok). On failure out is as
 * it was. */
ws_status ws_hs_write_accept(ws_buf *out, ws_hs_server *s,
                             const ab_connection_accept *accept,
                             ws_error *err);

/* Appends the error response autobahn sends for deny (its failHandshake):
 * "HTTP/1.1 CODE REASON", the extra headers (NULL for none; each value on
 * its own line), the empty line. A missing reason is written as autobahn
 * writes None, "None". WS_EINVAL when the code is not 100..999 or the
 * reason or a header cannot go on an HTTP/1.1 wire (as above). */
ws_status ws_hs_write_deny(ws_buf *out, const ab_connection_deny *deny,
                           const ws_headers *headers, ws_error *err);

/* Appends the response to s's refusal (state WS_HS_REFUSED):
 * ws_hs_write_deny of refusal and refusal_headers, except that a reason
 * quoting control bytes of the request, which autobahn sends as they are
 * but an HTTP/1.1 reason phrase cannot hold, has each of them written as
 * '?'. WS_EINVAL in another state. */
ws_status ws_hs_write_refusal(ws_buf *out, const ws_hs_server *s,
                              ws_error *err);

/* The Sec-WebSocket-Accept value for key (28 characters and a NUL into
 * out). */
void ws_hs_accept_key(ws_strview key, char out[29]);

#ifdef __cplusplus
}
#endif

#endif
