/* handshake_client.c - the client side's verbs of `wstypes handshake`:
 * `connect` (a ConnectingRequest as JSON in, the request bytes autobahn's
 * client would send out) and `response` (a server's response bytes in,
 * the ConnectionResponse autobahn's client would build out, or the reason
 * it would fail the handshake with). handshake/ws_handshake.h does the
 * work. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "args.h"
#include "tool.h"
#include "ws_handshake.h"

static const char help_response[] =
    "usage: wstypes handshake response --peer PEER --key KEY\n"
    "                                  [--offered-protocols P1,P2,...]\n"
    "                                  [--to json|json-python|str] [FILE|-]\n"
    "\n"
    "Reads the bytes of a server's response to a WebSocket opening-handshake\n"
    "request (HTTP, up to the empty line that ends its headers) and prints\n"
    "the ConnectionResponse python3-autobahn's client would hand to\n"
    "onConnect, then exits 0; or, where autobahn's client would fail the\n"
    "handshake, prints its reason on stderr and exits 1.\n"
    "\n"
    "What the request said, which the response is checked against:\n"
    "  --key KEY                the request's Sec-WebSocket-Key (24 characters\n"
    "                           of base64): Sec-WebSocket-Accept must match it\n"
    "  --offered-protocols LIST the subprotocols the request offered, separated\n"
    "                           by ',' (none by default): the server may choose\n"
    "                           only one of them; repeat to add more\n"
    "and:\n"
    "  --peer PEER              the peer string, e.g. tcp4:127.0.0.1:9000\n"
    "  --to FORM                json (default), json-python or str\n";

static const char help_connect[] =
    "usage: wstypes handshake connect [--key KEY] [FILE|-]\n"
    "\n"
    "Reads a ConnectingRequest as JSON (autobahn's fields: host, port,\n"
    "resource, headers, useragent, origin, protocols; each has a default)\n"
    "and writes the opening-handshake request python3-autobahn's client\n"
    "would send for it, with a fresh random Sec-WebSocket-Key, or KEY:\n"
    "\n"
    "  --key KEY   use KEY (24 characters of base64 ending in '==') for\n"
    "              reproducible output\n"
    "\n"
    "A header with a list of values gets one line per value. Values that\n"
    "cannot go on an HTTP/1.1 wire (CR, LF, other controls) are refused.\n";

static int usage(const char *verb, const char *fmt, const char *arg) {
  return tool_verb_usage(verb, fmt, arg);
}

/* MARK: response */

typedef struct response_args {
  const char *peer;
  const char *key;
  ws_format to;
  const char *input;
  ab_list_str offered;
} response_args;

/* Appends the ','-separated names of list to a->offered. */
static ws_status add_offered(response_args *a, const char *list) {
  for (const char *p = list;; p++) {
    const char *end = strchr(p, ',');
    size_t n = end ? (size_t)(end - p) : strlen(p);
    ws_status st = ab_list_str_append(&a->offered, ws_str_view(p, n));
    if (st != WS_OK || !end)
      return st;
    p = end;
  }
}

/* The options, one setter each (args.h): -1 to go on, or the exit
 * status. */

static int set_peer(void *args, const char *v) {
  ((response_args *)args)->peer = v;
  return -1;
}

static int set_key(void *args, const char *v) {
  ((response_args *)args)->key = v;
  return -1;
}

static int offer_protocols(void *args, const char *v) {
  if (add_offered(args, v) != WS_OK) {
    fputs("wstypes: out of memory\n", stderr);
    return EXIT_FAILED;
  }
  return -1;
}

static int set_to(void *args, const char *v) {
  if (!tool_parse_form(v, &((response_args *)args)->to))
    return usage("response", "--to takes json, json-python or str, not '%s'",
                 v);
  return -1;
}

static const tool_verb_option response_options[] = {
    {"--peer", true, set_peer},
    {"--key", true, set_key},
    {"--offered-protocols", true, offer_protocols},
    {"--to", true, set_to},
};

static const tool_verb response_verb = {
    "response", help_response, response_options,
    sizeof response_options / sizeof response_options[0]};

/* -1 to go on, or the exit status. */
static int response_parse(response_args *a, int argc, char **argv) {
  a->to = WS_FORMAT_JSON;
  int rc = tool_verb_parse(&response_verb, a, argc, argv, &a->input);
  if (rc >= 0)
    return rc;
  if (!a->peer)
    return usage("response", "%s", "--peer PEER is needed");
  if (!a->key)
    return usage("response", "%s",
                 "--key KEY (the request's Sec-WebSocket-Key) is needed");
  return -1;
}

/* Prints the response, or the failure; returns the exit status. */
static int response_report(const response_args *a, const ws_hs_client *c) {
  if (c->state == WS_HS_CLIENT_NEED_MORE) {
    fprintf(stderr,
            "%s: error: the input ends before the response's header block "
            "(an empty line) does\n",
            tool_input_name(a->input));
    return EXIT_FAILED;
  }
  if (c->state == WS_HS_CLIENT_FAILED) {
    fprintf(stderr, "%s\n", ws_str_c(&c->reason));
    return EXIT_FAILED;
  }
  ws_buf out;
  ws_error err;
  ws_buf_init(&out);
  ws_error_clear(&err);
  ws_status st = ab_connection_response_encode(&c->response, a->to, &out, &err);
  return tool_finish_encoded(st, &out, &err, tool_input_name(a->input));
}

static int run_response(int argc, char **argv) {
  response_args a;
  memset(&a, 0, sizeof a);
  int rc = response_parse(&a, argc, argv);
  char *bytes = NULL;
  size_t len = 0;
  if (rc < 0) {
    bytes = tool_read_all(a.input, &len);
    if (!bytes)
      rc = EXIT_FAILED;
  }
  if (rc < 0) {
    ws_hs_client c;
    ws_error err;
    ws_error_clear(&err);
    ws_status st = ws_hs_client_init(&c, ws_cstr(a.peer), ws_cstr(a.key),
                                     &a.offered, &err);
    if (st == WS_OK)
      st = ws_hs_client_feed(&c, bytes, len, NULL);
    if (st == WS_OK) {
      rc = response_report(&a, &c);
    } else {
      if (err.code == WS_OK)
        ws_error_set(&err, st, "%s", ws_status_str(st));
      fprintf(stderr, "wstypes: handshake response: %s\n", err.msg);
      rc = st == WS_EINVAL ? EXIT_USAGE : EXIT_FAILED;
    }
    ws_hs_client_free(&c);
  }
  free(bytes);
  ab_list_str_free(&a.offered);
  return rc;
}

/* MARK: connect */

static int set_connect_key(void *args, const char *v) {
  *(const char **)args = v;
  return -1;
}

static const tool_verb_option connect_options[] = {
    {"--key", true, set_connect_key},
};

static const tool_verb connect_verb = {
    "connect", help_connect, connect_options,
    sizeof connect_options / sizeof connect_options[0]};

static int run_connect(int argc, char **argv) {
  const char *key = NULL;
  const char *input;
  int parsed = tool_verb_parse(&connect_verb, &key, argc, argv, &input);
  if (parsed >= 0)
    return parsed;
  if (key && !ws_hs_key_ok(ws_cstr(key)))
    return usage("connect", "--key takes 24 characters of base64 ending in "
                            "'==', not '%s'", key);
  size_t len = 0;
  char *text = tool_read_all(input, &len);
  if (!text)
    return EXIT_FAILED;
  ab_connecting_request req;
  ws_error err;
  ws_buf out;
  char fresh[WS_HS_KEY_SIZE];
  memset(&req, 0, sizeof req);
  ws_error_clear(&err);
  ws_buf_init(&out);
  int rc = EXIT_FAILED;
  ws_status st = ab_connecting_request_decode(&req, text, len, NULL, &err);
  if (st != WS_OK) {
    tool_report(tool_input_name(input), 0, &err);
  } else {
    st = key ? ws_hs_write_request_with_key(&out, &req, ws_cstr(key), &err)
             : ws_hs_write_request(&out, &req, fresh, &err);
    if (st == WS_OK)
      rc = tool_write_out(&out);
    else
      fprintf(stderr, "%s: error: %s\n", tool_input_name(input), err.msg);
  }
  ab_connecting_request_free(&req);
  ws_buf_free(&out);
  free(text);
  return rc;
}

int tool_handshake_client(int argc, char **argv) {
  if (strcmp(argv[2], "response") == 0)
    return run_response(argc, argv);
  if (strcmp(argv[2], "connect") == 0)
    return run_connect(argc, argv);
  return -1;
}
