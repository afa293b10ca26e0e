/* handshake.c - `wstypes handshake request`: one opening-handshake request's
 * bytes in, the ConnectionRequest autobahn's server would build out, or
 * the status and reason it would refuse with (handshake/ws_handshake.h). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "args.h"
#include "tool.h"
#include "ws_handshake.h"

static const char help_request[] =
    "usage: wstypes handshake request --peer PEER [--to json|json-python|str]\n"
    "                                 [SERVER OPTIONS] [FILE|-]\n"
    "\n"
    "Reads the bytes of one WebSocket opening-handshake request (HTTP, up to\n"
    "the empty line that ends its headers) and prints the ConnectionRequest\n"
    "python3-autobahn's server would hand to onConnect, then exits 0; or,\n"
    "where autobahn would refuse the request, prints 'STATUS REASON' on\n"
    "stderr and exits 1.\n"
    "\n"
    "  --peer PEER              the peer string, e.g. tcp4:127.0.0.1:50122\n"
    "  --to FORM                json (default), json-python or str\n"
    "server options (autobahn's factory options; its defaults otherwise):\n"
    "  --external-port N        a port in the Host header must be N\n"
    "  --allowed-origin PATTERN an allowed Origin pattern ('*' wildcard);\n"
    "                           repeat for more (default '*')\n"
    "  --no-null-origin         refuse the Origin 'null'\n"
    "  --no-web-status          426 instead of the status page (200) for a\n"
    "                           GET without Upgrade\n"
    "  --version-only N         accept only protocol version N (8 or 13)\n"
    "  --trust-x-forwarded-for N  proxies trusted in X-Forwarded-For\n";

#define MAX_PATTERNS 16

typedef struct request_args {
  const char *peer;
  ws_format to;
  const char *input;
  ws_hs_server_options opts;
  const char *patterns[MAX_PATTERNS];
  int64_t version;
} request_args;

static int usage(const char *fmt, const char *arg) {
  return tool_verb_usage("request", fmt, arg);
}

static bool number(const char *s, long long lo, long long hi, long long *out) {
  char *end;
  if (*s == '\0')
    return false;
  long long v = strtoll(s, &end, 10);
  if (*end != '\0' || v < lo || v > hi)
    return false;
  *out = v;
  return true;
}

/* The options, one setter each (args.h): -1 to go on, or the exit
 * status. */

static int set_peer(void *args, const char *v) {
  ((request_args *)args)->peer = v;
  return -1;
}

static int set_to(void *args, const char *v) {
  if (!tool_parse_form(v, &((request_args *)args)->to))
    return usage("--to takes json, json-python or str, not '%s'", v);
  return -1;
}

static int set_external_port(void *args, const char *v) {
  long long n;
  if (!number(v, 1, 65535, &n))
    return usage("--external-port takes a port (1..65535), not '%s'", v);
  ((request_args *)args)->opts.external_port = n;
  return -1;
}

static int add_allowed_origin(void *args, const char *v) {
  request_args *a = args;
  if (a->opts.allowed_origins_len == MAX_PATTERNS)
    return usage("%s", "at most 16 --allowed-origin patterns");
  a->patterns[a->opts.allowed_origins_len++] = v;
  a->opts.allowed_origins = a->patterns;
  return -1;
}

static int set_version_only(void *args, const char *v) {
  request_args *a = args;
  long long n;
  if (!number(v, 0, 100, &n))
    return usage("--version-only takes 8 or 13, not '%s'", v);
  a->version = n;
  a->opts.versions = &a->version;
  a->opts.versions_len = 1;
  return -1;
}

static int set_trusted_proxies(void *args, const char *v) {
  long long n;
  if (!number(v, 0, 1000, &n))
    return usage("--trust-x-forwarded-for takes a count, not '%s'", v);
  ((request_args *)args)->opts.trust_x_forwarded_for = (size_t)n;
  return -1;
}

static int no_null_origin(void *args, const char *v) {
  (void)v;
  ((request_args *)args)->opts.allow_null_origin = false;
  return -1;
}

static int no_web_status(void *args, const char *v) {
  (void)v;
  ((request_args *)args)->opts.web_status = false;
  return -1;
}

static const tool_verb_option request_options[] = {
    {"--peer", true, set_peer},
    {"--to", true, set_to},
    {"--external-port", true, set_external_port},
    {"--allowed-origin", true, add_allowed_origin},
    {"--version-only", true, set_version_only},
    {"--trust-x-forwarded-for", true, set_trusted_proxies},
    {"--no-null-origin", false, no_null_origin},
    {"--no-web-status", false, no_web_status},
};

static const tool_verb request_verb = {
    "request", help_request, request_options,
    sizeof request_options / sizeof request_options[0]};

static int parse_args(request_args *a, int argc, char **argv) {
  memset(a, 0, sizeof *a);
  a->to = WS_FORMAT_JSON;
  ws_hs_server_options_init(&a->opts);
  int rc = tool_verb_parse(&request_verb, a, argc, argv, &a->input);
  if (rc >= 0)
    return rc;
  if (!a->peer)
    return usage("%s", "--peer PEER is needed");
  return -1;
}

/* Prints the request, or the refusal; returns the exit status. */
static int report(const request_args *a, const ws_hs_server *hs) {
  if (hs->state == WS_HS_NEED_MORE) {
    fprintf(stderr,
            "%s: error: the input ends before the request's header block "
            "(an empty line) does\n",
            tool_input_name(a->input));
    return EXIT_FAILED;
  }
  if (hs->state == WS_HS_REFUSED) {
    fprintf(stderr, "%lld %s\n", (long long)hs->refusal.code,
            ws_str_c(&hs->refusal.reason.value));
    return EXIT_FAILED;
  }
  ws_buf out;
  ws_error err;
  ws_buf_init(&out);
  ws_error_clear(&err);
  ws_status st = ab_connection_request_encode(&hs->request, a->to, &out, &err);
  return tool_finish_encoded(st, &out, &err, tool_input_name(a->input));
}

static int run_request(int argc, char **argv) {
  request_args a;
  int rc = parse_args(&a, argc, argv);
  if (rc >= 0)
    return rc;
  size_t len = 0;
  char *bytes = tool_read_all(a.input, &len);
  if (!bytes)
    return EXIT_FAILED;
  ws_hs_server hs;
  ws_error err;
  ws_error_clear(&err);
  ws_status st = ws_hs_server_init(&hs, &a.opts, ws_cstr(a.peer), &err);
  if (st == WS_OK)
    st = ws_hs_server_feed(&hs, bytes, len, NULL);
  if (st == WS_OK) {
    rc = report(&a, &hs);
  } else {
    if (err.code == WS_OK)
      ws_error_set(&err, st, "%s", ws_status_str(st));
    fprintf(stderr, "wstypes: handshake request: %s\n", err.msg);
    rc = st == WS_EINVAL ? EXIT_USAGE : EXIT_FAILED;
  }
  ws_hs_server_free(&hs);
  free(bytes);
  return rc;
}

int tool_handshake(int argc, char **argv) {
  if (argc >= 3 && strcmp(argv[2], "request") == 0)
    return run_request(argc, argv);
  if (argc >= 3 && strcmp(argv[2], "accept") == 0)
    return tool_handshake_accept(argc, argv);
  if (argc >= 3 && strcmp(argv[2], "deny") == 0)
    return tool_handshake_deny(argc, argv);
  int client = argc >= 3 ? tool_handshake_client(argc, argv) : -1;
  if (client >= 0)
    return client;
  if (argc >= 3 && tool_is_help(argv[2])) {
    fputs(help_request, stdout);
    return EXIT_OK;
  }
  fputs("wstypes: handshake: a verb is needed: request, response, connect, "
        "accept or deny (see 'wstypes handshake VERB --help')\n",
        stderr);
  return EXIT_USAGE;
}
