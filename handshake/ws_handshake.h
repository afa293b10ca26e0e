/* ws_handshake.h - the WebSocket opening handshake, sans-IO: the server
 * side here, the client side in its own section below.
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
 *   ws_hs_server_init(&hs, NULL, ws_cstr("tcp4:10.0.0.7:51234"), &err);
 *   ... ws_hs_server_feed(&hs, bytes, n, &used) until hs.state is not
 *       WS_HS_NEED_MORE ...
 *   WS_HS_REQUEST: look at hs.request, then ws_hs_write_accept or
 *                  ws_hs_write_deny into a ws_buf and send it;
 *                  bytes[used..n) are the first WebSocket frame bytes.
 *   WS_HS_REFUSED: ws_hs_write_refusal, send it, close (but a status of
 *                  200 or 303 is autobahn's web page, not a refusal:
 *                  serve your own; see web_status).
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
 * peer string, e.g. "tcp4:127.0.0.1:50122", as autobahn's asyncio and
 * Twisted servers name a TCP client; copied). opts NULL means
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

/* MARK: the client side
 *
 * The client writes its opening-handshake request from a ConnectingRequest
 * as autobahn's client does (WebSocketClientProtocol.startHandshake), with
 * a fresh Sec-WebSocket-Key that the caller keeps, then feeds the server's
 * response bytes until the header block ends and gets the
 * ConnectionResponse autobahn's client would hand to onConnect, or the
 * reason autobahn's client would fail the handshake with (its
 * processHandshake, in its order). docs/handshake.md has a client loop.
 *
 *   char key[WS_HS_KEY_SIZE];
 *   ws_hs_write_request(&out, &connecting, key, &err);  ... send out ...
 *   ws_hs_client c;
 *   ws_hs_client_init(&c, ws_cstr("tcp4:127.0.0.1:9000"), ws_cstr(key),
 *                     &connecting.protocols, &err);
 *   ... ws_hs_client_feed(&c, bytes, n, &used) until c.state is not
 *       WS_HS_CLIENT_NEED_MORE ...
 *   WS_HS_CLIENT_OPEN:   c.response; bytes[used..n) are WebSocket frames.
 *   WS_HS_CLIENT_FAILED: c.failure, c.status_code, c.reason; close.
 *   ws_hs_client_free(&c); */

/* A Sec-WebSocket-Key: base64 of 16 random bytes (24 characters) and a
 * NUL. */
#define WS_HS_KEY_SIZE 25

/* The version autobahn's client reports in ConnectionResponse.version: its
 * protocol version in "hybi draft" numbering (RFC 6455 is draft 18), while
 * the request says Sec-WebSocket-Version: 13. */
#define WS_HS_CLIENT_SPEC_VERSION 18

/* Fills key with a fresh Sec-WebSocket-Key from the system's generator
 * (getrandom(2)). WS_ESYSTEM (err says why) when the generator fails;
 * key is then the empty string. Allocates nothing. */
ws_status ws_hs_new_key(char key[WS_HS_KEY_SIZE], ws_error *err);

/* Whether key is one autobahn's server takes: 24 characters of base64 (of
 * 16 bytes) ending in "==". */
bool ws_hs_key_ok(ws_strview key);

/* Appends the opening-handshake request for req as autobahn's client
 * writes it: "GET resource HTTP/1.1", User-Agent (when useragent is set
 * and not empty), "Host: host:port", Upgrade, Connection, Pragma and
 * Cache-Control, req's headers in order (a name with a list of values gets
 * one line per value, where autobahn would write the list's Python repr),
 * Sec-WebSocket-Key, Origin (when set and not empty),
 * Sec-WebSocket-Protocol (the protocols joined with ","), no extension
 * offer, "Sec-WebSocket-Version: 13", the empty line. key_out receives the
 * fresh key (ws_hs_new_key): give it to ws_hs_client_init.
 * WS_EINVAL (err says why, nothing written) for what cannot go on an
 * HTTP/1.1 wire: a resource with a space or a control, a header name that
 * is not an RFC 7230 token, a value with CR, LF, NUL or another control;
 * WS_ESYSTEM when the generator fails; WS_ENOMEM. On failure out is as it
 * was. */
ws_status ws_hs_write_request(ws_buf *out, const ab_connecting_request *req,
                              char key_out[WS_HS_KEY_SIZE], ws_error *err);
/* The same with the caller's key (ws_hs_key_ok; WS_EINVAL otherwise):
 * for tests and reproducible output. */
ws_status ws_hs_write_request_with_key(ws_buf *out,
                                       const ab_connecting_request *req,
                                       ws_strview key, ws_error *err);

typedef enum ws_hs_client_state {
  WS_HS_CLIENT_NEED_MORE = 0, /* the header block is not complete */
  WS_HS_CLIENT_OPEN,          /* a valid response: see response */
  WS_HS_CLIENT_FAILED         /* see failure, status_code and reason */
} ws_hs_client_state;

/* Why a response failed, in the order autobahn's client checks. */
typedef enum ws_hs_failure {
  WS_HS_FAIL_NONE = 0,
  WS_HS_FAIL_TOO_LARGE,   /* ours: no end of the block within the limit */
  WS_HS_FAIL_NOT_UTF8,    /* autobahn's client decodes the block as UTF-8
                             for its log first, and raises */
  WS_HS_FAIL_STATUS_LINE, /* fewer than two words */
  WS_HS_FAIL_HTTP_VERSION,
  WS_HS_FAIL_STATUS_CODE, /* not a number as Python's int() reads one */
  WS_HS_FAIL_NOT_101,     /* the server did not switch protocols */
  WS_HS_FAIL_UPGRADE,     /* Upgrade missing or not "websocket" */
  WS_HS_FAIL_CONNECTION,  /* Connection missing or without "upgrade" */
  WS_HS_FAIL_ACCEPT,      /* Sec-WebSocket-Accept missing, repeated, wrong */
  WS_HS_FAIL_EXTENSIONS,  /* an extension we did not offer (we offer none) */
  WS_HS_FAIL_PROTOCOL     /* Sec-WebSocket-Protocol repeated or not ours */
} ws_hs_failure;

/* The largest response header block the client reads by default (status
 * line, headers, the empty line); more is WS_HS_FAIL_TOO_LARGE. autobahn's
 * client has no limit. */
#define WS_HS_MAX_RESPONSE_BYTES ((size_t)16384)

typedef struct ws_hs_client {
  ws_hs_client_state state;
  /* WS_HS_CLIENT_OPEN: what autobahn's onConnect would get: the peer
   * given, the headers (names lower-cased, a repeated name's values
   * joined with ", ", the block read as ISO-8859-1 as for the server),
   * version WS_HS_CLIENT_SPEC_VERSION, the subprotocol or None, no
   * extensions. Owned by the client. */
  ab_connection_response response;
  /* WS_HS_CLIENT_FAILED: the kind; the response's HTTP status when its
   * status line had a number (else 0); the reason autobahn's client
   * fails with (its words; UTF-8, quoting the response as Latin-1). */
  ws_hs_failure failure;
  int64_t status_code;
  ws_str reason;
  /* Set by ws_hs_client_init to WS_HS_MAX_RESPONSE_BYTES; the caller may
   * change it before the first feed. */
  size_t max_header_bytes;
  /* The rest is the codec's own. */
  ws_str peer;
  char key[WS_HS_KEY_SIZE];
  ab_list_str offered; /* the subprotocols the request announced */
  ws_buf block;
  size_t scanned;
} ws_hs_client;

/* Ready to read the response to a request sent with key (from
 * ws_hs_write_request; checked as there) that offered protocols (NULL:
 * none; copied), from the server described by peer (autobahn's peer
 * string, e.g. "tcp4:127.0.0.1:9000"; copied). WS_EINVAL (err says why)
 * for a bad key or a protocol that is not UTF-8; WS_ENOMEM. c is safe to
 * free after either. */
ws_status ws_hs_client_init(ws_hs_client *c, ws_strview peer, ws_strview key,
                            const ab_list_str *protocols, ws_error *err);
void ws_hs_client_free(ws_hs_client *c);

/* Feeds len bytes read from the server, as ws_hs_server_feed does: *used
 * (may be NULL) is all of them until the block ends at the first CRLFCRLF,
 * then the bytes up to its end (the rest are WebSocket frames). When the
 * block is complete, state becomes WS_HS_CLIENT_OPEN or
 * WS_HS_CLIENT_FAILED. Returns WS_OK or WS_ENOMEM (c is then safe to free
 * only). */
ws_status ws_hs_client_feed(ws_hs_client *c, const void *data, size_t len,
                            size_t *used);

#ifdef __cplusplus
}
#endif

#endif
