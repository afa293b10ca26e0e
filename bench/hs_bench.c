/* hs_bench.c - the handshake codec (handshake/ws_handshake.h) reading
 * browser requests; bench/hs_cpython.py times autobahn's own reading of
 * the same bytes.
 *
 *   hs_bench time FILE...          TSV: per request, ns per parse (median
 *                                  of 7 interleaved batches) and the
 *                                  allocations of one parse
 *   hs_bench callgrind N FILE...   each request parsed N times between
 *                                  callgrind dumps named
 *                                  "hs:NAME|ours|parse|N"
 *   hs_bench str FILE...           str() of each ConnectionRequest, one
 *                                  after another, for run.py to compare
 *                                  with autobahn's
 *
 * One parse is what a server does per connection to get from the bytes to
 * the ConnectionRequest it hands its onConnect: ws_hs_server_init (the
 * peer string copied), ws_hs_server_feed of the whole request (as one
 * read brings it), ws_hs_server_take_request, then freeing the request and
 * the server. A request the codec refuses stops the harness: the corpus is
 * requests autobahn accepts. */
#define _POSIX_C_SOURCE 200809L
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <valgrind/callgrind.h>

#include "count_alloc.h"
#include "timed_ops.h"
#include "ws_handshake.h"

#define RUNS 7
#define MAX_REQUESTS 32
/* The peer autobahn's asyncio server names a client on 127.0.0.1 (and
 * hs_cpython.py gives its protocol). */
#define PEER "tcp4:127.0.0.1:50122"

typedef struct request {
  char name[64];
  char *bytes;
  size_t len;
} request;

static request corpus[MAX_REQUESTS];
static size_t corpus_len;
static volatile size_t sink;

/* One parse; false when the codec does not give a request. */
static bool parse(const request *r) {
  ws_hs_server hs;
  ab_connection_request out;
  memset(&out, 0, sizeof out);
  bool ok = ws_hs_server_init(&hs, NULL, ws_cstr(PEER), NULL) == WS_OK &&
            ws_hs_server_feed(&hs, r->bytes, r->len, NULL) == WS_OK &&
            ws_hs_server_take_request(&hs, &out) == WS_OK;
  sink += out.headers.len;
  ab_connection_request_free(&out);
  ws_hs_server_free(&hs);
  return ok;
}

static bool load(const char *path) {
  if (corpus_len == MAX_REQUESTS)
    return false;
  request *r = &corpus[corpus_len];
  FILE *f = fopen(path, "rb");
  if (!f)
    return false;
  r->bytes = malloc(65536);
  r->len = r->bytes ? fread(r->bytes, 1, 65536, f) : 0;
  fclose(f);
  if (r->len == 0)
    return false;
  const char *base = strrchr(path, '/') ? strrchr(path, '/') + 1 : path;
  snprintf(r->name, sizeof r->name, "%.*s", (int)strcspn(base, "."), base);
  corpus_len++;
  return parse(r);
}

/* Interleaved, as float_bench: each round times every request once
 * (batches of about 20 ms), so a busy moment hurts all of them alike. */
static void time_all(void) {
  static double ns[MAX_REQUESTS][RUNS];
  for (size_t k = 0; k < corpus_len; k++)
    parse(&corpus[k]); /* warm-up */
  for (int run = 0; run < RUNS; run++)
    for (size_t k = 0; k < corpus_len; k++) {
      size_t reps = 0;
      double start = timed_ops_now_ns(), end;
      do {
        parse(&corpus[k]);
        reps++;
        end = timed_ops_now_ns();
      } while (end - start < 20e6);
      ns[k][run] = (end - start) / (double)reps;
    }
  printf("fixture\tlib\tkind\tbytes\tns_median\tns_min\tallocs\n");
  for (size_t k = 0; k < corpus_len; k++) {
    size_t before = bench_alloc_calls;
    parse(&corpus[k]);
    size_t allocs = bench_alloc_calls - before;
    qsort(ns[k], RUNS, sizeof ns[k][0], timed_ops_cmp);
    printf("hs:%s\tours\tparse\t%zu\t%.1f\t%.1f\t%zu\n", corpus[k].name,
           corpus[k].len, ns[k][RUNS / 2], ns[k][0], allocs);
  }
}

static void callgrind_all(size_t n) {
  for (size_t k = 0; k < corpus_len; k++) {
    char label[128];
    snprintf(label, sizeof label, "hs:%s|ours|parse|%zu", corpus[k].name, n);
    parse(&corpus[k]);
    CALLGRIND_ZERO_STATS;
    for (size_t i = 0; i < n; i++)
      parse(&corpus[k]);
    CALLGRIND_DUMP_STATS_AT(label);
  }
}

/* str() of each request, each followed by a line holding only "\f". */
static int print_all(void) {
  for (size_t k = 0; k < corpus_len; k++) {
    ws_hs_server hs;
    ws_buf out;
    ws_buf_init(&out);
    ws_status st = ws_hs_server_init(&hs, NULL, ws_cstr(PEER), NULL);
    if (st == WS_OK)
      st = ws_hs_server_feed(&hs, corpus[k].bytes, corpus[k].len, NULL);
    if (st == WS_OK)
      st = ab_connection_request_encode(&hs.request, WS_FORMAT_STR, &out, NULL);
    if (st == WS_OK)
      printf("%s\n\f\n", out.data);
    ws_buf_free(&out);
    ws_hs_server_free(&hs);
    if (st != WS_OK)
      return 1;
  }
  return 0;
}

int main(int argc, char **argv) {
  int first = argc >= 2 && strcmp(argv[1], "callgrind") == 0 ? 3 : 2;
  bool usage = argc <= first;
  for (int i = first; i < argc && !usage; i++) {
    if (!load(argv[i])) {
      fprintf(stderr, "hs_bench: %s: not read, or not a request the codec "
                      "accepts\n", argv[i]);
      return 1;
    }
  }
  if (!usage && strcmp(argv[1], "time") == 0)
    time_all();
  else if (!usage && strcmp(argv[1], "callgrind") == 0)
    callgrind_all((size_t)strtoul(argv[2], NULL, 10));
  else if (!usage && strcmp(argv[1], "str") == 0)
    return print_all();
  else {
    fputs("usage: hs_bench time|str FILE... | hs_bench callgrind N FILE...\n",
          stderr);
    return 2;
  }
  for (size_t k = 0; k < corpus_len; k++)
    free(corpus[k].bytes);
  return 0;
}
