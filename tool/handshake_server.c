/* handshake_server.c - the server's answers, the reverse of `wstypes
 * handshake request`: `handshake accept` turns a ConnectionAccept (JSON)
 * and the client's request bytes into the 101 response autobahn's server
 * sends, `handshake deny` a ConnectionDeny (JSON) into its error response
 * (handshake/ws_handshake.h writes both). The bytes go to stdout as they
 * would go on the wire, CRLFs and all. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "args.h"
#include "tool.h"
#include "ws_handshake.h"

static const char help_accept[] =
    "usage: wstypes handshake accept --request FILE [--peer PEER]\n"
    "                                [--server NAME] [ACCEPT_JSON|-]\n"
    "\n"
    "Reads a ConnectionAccept as JSON (default: standard input), e.g.\n"
    "  {\"subprotocol\": \"chat\", \"headers\": {\"Set-Cookie\": [\"a=1\", \"b=2\"]}}\n"
    "and the bytes of the client's opening-handshake request it answers, and\n"
    "prints the 101 response python3-autobahn's server sends when onConnect\n"
    "returns (subprotocol, headers): exactly the bytes, CRLF line ends, no\n"
    "newline added; Sec-WebSocket-Accept is computed from the request's\n"
    "Sec-WebSocket-Key. Exits 1 with a message on stderr, printing nothing,\n"
    "where autobahn's server (default options) would refuse the request\n"
    "(also when it accepts: an extension offer it cannot take gets 400),\n"
    "where the subprotocol is not one the client offered, and where a header\n"
    "name is not an HTTP token or a value holds CR, LF or another control\n"
    "byte, which an HTTP/1.1 response cannot carry.\n"
    "\n"
    "  --request FILE  the client's request ('-': standard input, then the\n"
    "                  JSON must come from a file)\n"
    "  --peer PEER     the client's peer string (default tcp4:127.0.0.1:0); it\n"
    "                  does not change the response\n"
    "  --server NAME   a Server header, as autobahn's factory option server\n"
    "                  (autobahn's default is AutobahnPython/22.7.1; none\n"
    "                  unless given)\n";

static const char help_deny[] =
    "usage: wstypes handshake deny [DENY_JSON|-]\n"
    "\n"
    "Reads a ConnectionDeny as JSON (default: standard input), e.g.\n"
    "  {\"code\": 403, \"reason\": \"not on the guest list\"}\n"
    "and prints the error response python3-autobahn's server sends when\n"
    "onConnect raises it: 'HTTP/1.1 CODE REASON' (a null reason is written\n"
    "as Python's None) and the empty line, exactly the bytes. Exits 1 with a\n"
    "message on stderr, printing nothing, where the code is not three digits\n"
    "or the reason holds CR, LF or another control byte.\n";

typedef struct reverse_args {
  const char *verb; /* "accept" or "deny" */
  const char *request;
  const char *peer;
  const char *server;
  const char *input;
} reverse_args;

static int usage(const reverse_args *a, const char *fmt, const char *arg) {
  return tool_verb_usage(a->verb, fmt, arg);
}

/* accept's options, one setter each (args.h): -1 to go on, or the exit
 * status; deny has none but --help. */

static int set_request(void *args, const char *v) {
  reverse_args *a = args;
  if (*v == '\0')
    return usage(a, "%s needs a file ('-' for standard input)", "--request");
  a->request = v;
  return -1;
}

static int set_peer(void *args, const char *v) {
  ((reverse_args *)args)->peer = v;
  return -1;
}

static int set_server(void *args, const char *v) {
  ((reverse_args *)args)->server = v;
  return -1;
}

static const tool_verb_option accept_options[] = {
    {"--request", true, set_request},
    {"--peer", true, set_peer},
    {"--server", true, set_server},
};

static const tool_verb accept_verb = {
    "accept", help_accept, accept_options,
    sizeof accept_options / sizeof accept_options[0]};
static const tool_verb deny_verb = {"deny", help_deny, NULL, 0};

/* Reads the options of either verb; returns -1 to go on, or the exit
 * status. */
static int parse_args(reverse_args *a, int argc, char **argv) {
  bool accept = strcmp(a->verb, "accept") == 0;
  int rc = tool_verb_parse(accept ? &accept_verb : &deny_verb, a, argc, argv,
                           &a->input);
  if (rc >= 0)
    return rc;
  if (accept && !a->request)
    return usage(a, "%s", "--request FILE is needed (the client's request)");
  if (accept && strcmp(a->request, "-") == 0 && strcmp(a->input, "-") == 0)
    return usage(a, "%s", "the request and the JSON cannot both be standard input");
  return -1;
}

/* Decodes the JSON of input into obj (of type, initialised by the
 * caller); EXIT_OK, or the decoder's error as FILE:LINE:COL and
 * EXIT_FAILED. */
static int read_json(const char *input, const ws_type *type, void *obj) {
  size_t len = 0;
  char *text = tool_read_all(input, &len);
  if (!text)
    return EXIT_FAILED;
  ws_error err;
  ws_error_clear(&err);
  ws_status st = ws_type_decode(type, obj, text, len, NULL, &err);
  if (st != WS_OK)
    tool_report(tool_input_name(input), 0, &err);
  free(text);
  return st == WS_OK ? EXIT_OK : EXIT_FAILED;
}

/* Feeds the request's bytes to a server with autobahn's default options;
 * EXIT_OK with hs in state WS_HS_REQUEST, or a message and EXIT_FAILED. */
static int read_request(const reverse_args *a, ws_hs_server *hs) {
  size_t len = 0;
  char *bytes = tool_read_all(a->request, &len);
  if (!bytes)
    return EXIT_FAILED;
  ws_status st = ws_hs_server_feed(hs, bytes, len, NULL);
  free(bytes);
  const char *name = tool_input_name(a->request);
  if (st != WS_OK) {
    fprintf(stderr, "wstypes: handshake accept: %s\n", ws_status_str(st));
  } else if (hs->state == WS_HS_NEED_MORE) {
    fprintf(stderr,
            "%s: error: the input ends before the request's header block "
            "(an empty line) does\n",
            name);
  } else if (hs->state == WS_HS_REFUSED) {
    fprintf(stderr,
            "%s: error: autobahn's server refuses this request, so it cannot "
            "be accepted: %lld %s\n",
            name, (long long)hs->refusal.code,
            ws_str_c(&hs->refusal.reason.value));
  } else {
    return EXIT_OK;
  }
  return EXIT_FAILED;
}

/* autobahn looks at the extension offers only when it accepts, and
 * refuses there (400) an offer its extension cannot take: the codec did
 * the same and wrote that refusal. Like a request refused earlier, it is
 * not printed: the verb says why and fails. */
static int refused_when_accepting(const reverse_args *a, const ws_hs_server *hs) {
  fprintf(stderr,
          "%s: error: autobahn's server refuses this request when it accepts "
          "it: %lld %s\n",
          tool_input_name(a->request), (long long)hs->refusal.code,
          ws_str_c(&hs->refusal.reason.value));
  return EXIT_FAILED;
}

/* Writes out (the response) to stdout, or says why it could not be made
 * from input; returns the exit status. */
static int emit(const char *verb, const char *input, const ws_buf *out,
                ws_status st, const ws_error *err) {
  if (st == WS_OK && out->status != WS_OK)
    st = out->status;
  if (st == WS_EINVAL) {
    fprintf(stderr, "%s: error: no response can be written: %s\n",
            tool_input_name(input), err->msg);
    return EXIT_FAILED;
  }
  if (st != WS_OK) {
    fprintf(stderr, "wstypes: handshake %s: %s\n", verb, ws_status_str(st));
    return EXIT_FAILED;
  }
  return tool_write_out(out);
}

int tool_handshake_accept(int argc, char **argv) {
  reverse_args a = {"accept", NULL, "tcp4:127.0.0.1:0", NULL, "-"};
  int rc = parse_args(&a, argc, argv);
  if (rc >= 0)
    return rc;
  ws_hs_server_options opts;
  ws_hs_server_options_init(&opts);
  opts.server = a.server;
  ws_hs_server hs;
  ab_connection_accept accept;
  ab_connection_accept_init(&accept);
  ws_buf out;
  ws_buf_init(&out);
  ws_error err;
  ws_error_clear(&err);
  ws_status st = ws_hs_server_init(&hs, &opts, ws_cstr(a.peer), &err);
  if (st == WS_EINVAL) { /* the options: --server */
    rc = usage(&a, "%s", err.msg);
  } else if (st != WS_OK) {
    fprintf(stderr, "wstypes: handshake accept: %s\n", ws_status_str(st));
    rc = EXIT_FAILED;
  } else {
    rc = read_request(&a, &hs);
  }
  if (rc == EXIT_OK)
    rc = read_json(a.input, &ab_connection_accept_type, &accept);
  if (rc == EXIT_OK) {
    st = ws_hs_write_accept(&out, &hs, &accept, &err);
    rc = st == WS_OK && hs.state == WS_HS_REFUSED
             ? refused_when_accepting(&a, &hs)
             : emit(a.verb, a.input, &out, st, &err);
  }
  ws_buf_free(&out);
  ab_connection_accept_free(&accept);
  ws_hs_server_free(&hs);
  return rc;
}

int tool_handshake_deny(int argc, char **argv) {
  reverse_args a = {"deny", NULL, NULL, NULL, "-"};
  int rc = parse_args(&a, argc, argv);
  if (rc >= 0)
    return rc;
  ab_connection_deny deny;
  ab_connection_deny_init(&deny);
  rc = read_json(a.input, &ab_connection_deny_type, &deny);
  if (rc == EXIT_OK) {
    ws_buf out;
    ws_buf_init(&out);
    ws_error err;
    ws_error_clear(&err);
    ws_status st = ws_hs_write_deny(&out, &deny, NULL, &err);
    rc = emit(a.verb, a.input, &out, st, &err);
    ws_buf_free(&out);
  }
  ab_connection_deny_free(&deny);
  return rc;
}
