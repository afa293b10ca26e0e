/* main.c - the benchmark harness: checks every operation's result, then times
 * it, counts its allocations, or (under callgrind) its instructions.
 *
 *   bench time      DOC NAME FIXTURE PYTHON_JSON STR    one TSV line per
 *                                                      operation
 *   bench callgrind DOC NAME FIXTURE PYTHON_JSON STR N  run each operation N
 *                                                      times between
 *                                                      callgrind dumps
 *
 * DOC says what the fixture holds: "request" (a ConnectionRequest) or
 * "quote" (a Quote of bench/quote.wst). FIXTURE is one in compact JSON;
 * PYTHON_JSON and STR are what CPython makes of it (json.dumps(d),
 * pprint.pformat(d)): the encoders must produce exactly those bytes, the
 * decoders exactly our decoder's value. */
#define _POSIX_C_SOURCE 200809L
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <valgrind/callgrind.h>

#include "bench.h"
#include "count_alloc.h"

static const bench_op *const request_tables[] = {
    bench_ops_ours,  bench_ops_cjson,    bench_ops_jansson, bench_ops_yajl,
    bench_ops_jsonc, bench_ops_simdjson, bench_ops_limit,   NULL};
const bench_doc bench_doc_request = {"request", &ab_connection_request_type,
                                     request_tables};

static const bench_doc *const docs[] = {&bench_doc_request, &bench_doc_quote};

static const char *const kind_names[] = {"encode", "encode-python", "str",
                                         "decode", "parse"};

typedef struct text {
  char *data; /* NUL-terminated */
  size_t len;
} text;

typedef struct fixture {
  const bench_doc *doc;
  const char *name;
  text json;
  text expect[3]; /* by kind: encode, encode-python, str */
  void *value;    /* the fixture decoded by ours: what encoders start from */
  void *scratch;  /* where timed decodes go: all-zero between runs */
} fixture;

static bool read_file(const char *path, text *out) {
  FILE *f = fopen(path, "rb");
  if (!f)
    return false;
  size_t cap = 1 << 16, len = 0;
  char *buf = malloc(cap + 1);
  size_t got;
  while (buf && (got = fread(buf + len, 1, cap - len, f)) > 0) {
    len += got;
    if (len == cap) {
      char *bigger = realloc(buf, cap * 2 + 1);
      if (!bigger)
        break;
      buf = bigger;
      cap *= 2;
    }
  }
  bool complete = buf && feof(f);
  fclose(f);
  if (!complete) {
    free(buf);
    return false;
  }
  buf[len] = '\0';
  out->data = buf;
  out->len = len;
  return true;
}

/* ---- running one operation once --------------------------------------------*/

static bool run_once(const bench_op *op, const fixture *fx, bench_sink *sink) {
  switch (op->kind) {
  case BENCH_DECODE:
    /* scratch is all-zero, as decode wants a valid target, and so again
     * after each free: one value serves every run */
    if (!op->decode(fx->json.data, fx->json.len, fx->scratch))
      return false;
    fx->doc->type->free(fx->doc->type, fx->scratch);
    return true;
  case BENCH_PARSE:
    return op->parse(fx->json.data, fx->json.len);
  default:
    return op->encode(fx->value, sink);
  }
}

/* Bytes the operation reads or writes: the document, or its rendering. */
static size_t op_bytes(const bench_op *op, const fixture *fx) {
  if (op->kind == BENCH_ENCODE_PYTHON || op->kind == BENCH_STR)
    return fx->expect[op->kind].len;
  return fx->json.len;
}

/* Describes how the result differs from what it must be, or "yes". */
static const char *check(const bench_op *op, const fixture *fx, char *why,
                         size_t size) {
  bench_sink sink = {true, NULL, 0};
  const char *verdict = "yes";
  if (op->kind == BENCH_DECODE) {
    const ws_type *t = fx->doc->type;
    if (!op->decode(fx->json.data, fx->json.len, fx->scratch))
      return "failed";
    if (!t->equal(t, fx->scratch, fx->value))
      verdict = "different value";
    t->free(t, fx->scratch);
    return verdict;
  }
  if (op->kind == BENCH_PARSE)
    return op->parse(fx->json.data, fx->json.len) ? "yes" : "failed";
  if (!op->encode(fx->value, &sink) || !sink.copy)
    return "failed";
  const text *want = &fx->expect[op->kind];
  if (sink.len != want->len || memcmp(sink.copy, want->data, want->len) != 0) {
    size_t at = 0;
    while (at < sink.len && at < want->len && sink.copy[at] == want->data[at])
      at++;
    snprintf(why, size, "differs at byte %zu: ...%.24s", at,
             sink.copy + (at > 8 ? at - 8 : 0));
    for (char *c = why; *c; c++)
      if (*c == '\t' || *c == '\n' || (unsigned char)*c < 0x20)
        *c = ' ';
    verdict = why;
  }
  free(sink.copy);
  return verdict;
}

/* ---- timing ---------------------------------------------------------------*/

static double now_ns(void) {
  struct timespec t;
  clock_gettime(CLOCK_MONOTONIC, &t);
  return (double)t.tv_sec * 1e9 + (double)t.tv_nsec;
}

static double batch_ns(const bench_op *op, const fixture *fx, size_t iters) {
  bench_sink sink = {false, NULL, 0};
  double start = now_ns();
  for (size_t i = 0; i < iters; i++)
    run_once(op, fx, &sink);
  return now_ns() - start;
}

static int cmp_double(const void *a, const void *b) {
  double x = *(const double *)a, y = *(const double *)b;
  return (x > y) - (x < y);
}

enum { RUNS = 7, MAX_OPS = 64 };

/* Iterations of op that take about batch_ms. */
static size_t calibrate(const bench_op *op, const fixture *fx, double batch_ms) {
  size_t iters = 1;
  double ns;
  while ((ns = batch_ns(op, fx, iters)) < batch_ms * 1e6 / 4 && iters < (1u << 30))
    iters *= 2;
  return (size_t)((double)iters * batch_ms * 1e6 / (ns > 0 ? ns : 1)) + 1;
}

static void count_allocs(const bench_op *op, const fixture *fx, size_t *all,
                         size_t *ours) {
  bench_sink sink = {false, NULL, 0};
  run_once(op, fx, &sink); /* steady state: lazily made buffers exist */
  size_t before = bench_alloc_calls, ws_before = bench_ws_alloc_calls;
  run_once(op, fx, &sink);
  *all = bench_alloc_calls - before;
  *ours = bench_ws_alloc_calls - ws_before;
}

/* ---- modes -----------------------------------------------------------------*/

/* Every operation that works is timed in RUNS rounds, one batch of each
 * operation a round (after a warm-up round), so that a spell when the
 * machine is busy slows one batch of each rather than every batch of one:
 * the medians, and the ratios between them, stay fair. */
static void time_all(const fixture *fx, double batch_ms) {
  const bench_op *ops[MAX_OPS];
  const char *verdicts[MAX_OPS];
  char whys[MAX_OPS][128];
  size_t iters[MAX_OPS];
  double per_op[MAX_OPS][RUNS];
  size_t n = 0;
  for (const bench_op *const *t = fx->doc->tables; *t; t++) {
    for (const bench_op *op = *t; op->lib && n < MAX_OPS; op++) {
      ops[n] = op;
      verdicts[n] = check(op, fx, whys[n], sizeof whys[n]);
      iters[n] = strcmp(verdicts[n], "failed") != 0 ? calibrate(op, fx, batch_ms) : 0;
      n++;
    }
  }
  for (int r = -1; r < RUNS; r++) { /* round -1 is the warm-up */
    for (size_t i = 0; i < n; i++) {
      if (iters[i] == 0)
        continue;
      double ns = batch_ns(ops[i], fx, iters[i]) / (double)iters[i];
      if (r >= 0)
        per_op[i][r] = ns;
    }
  }
  printf("fixture\tlib\tkind\tnote\tbytes\tns_median\tns_min\tallocs\t"
         "ws_allocs\tmatches\n");
  for (size_t i = 0; i < n; i++) {
    double median = 0, best = 0;
    size_t allocs = 0, ws_allocs = 0;
    if (iters[i] != 0) {
      qsort(per_op[i], RUNS, sizeof per_op[i][0], cmp_double);
      median = per_op[i][RUNS / 2];
      best = per_op[i][0];
      count_allocs(ops[i], fx, &allocs, &ws_allocs);
    }
    printf("%s\t%s\t%s\t%s\t%zu\t%.1f\t%.1f\t%zu\t%zu\t%s\n", fx->name,
           ops[i]->lib, kind_names[ops[i]->kind], ops[i]->note, op_bytes(ops[i], fx),
           median, best, allocs, ws_allocs, verdicts[i]);
  }
  fflush(stdout);
}

/* Each dump is named "fixture|lib|kind|N"; run.py divides its instruction
 * total by N. */
static void callgrind_all(const fixture *fx, size_t n) {
  for (const bench_op *const *t = fx->doc->tables; *t; t++) {
    for (const bench_op *op = *t; op->lib; op++) {
      bench_sink sink = {false, NULL, 0};
      char name[160];
      snprintf(name, sizeof name, "%s|%s|%s|%zu", fx->name, op->lib,
               kind_names[op->kind], n);
      run_once(op, fx, &sink); /* warm: lazily made buffers exist */
      CALLGRIND_ZERO_STATS;
      for (size_t i = 0; i < n; i++)
        run_once(op, fx, &sink);
      CALLGRIND_DUMP_STATS_AT(name);
    }
  }
}

/* argv: DOC NAME FIXTURE PYTHON_JSON STR */
static bool load_fixture(fixture *fx, char **argv) {
  for (size_t i = 0; i < sizeof docs / sizeof docs[0]; i++)
    if (strcmp(docs[i]->name, argv[0]) == 0)
      fx->doc = docs[i];
  if (!fx->doc) {
    fprintf(stderr, "bench: no document kind %s (request, quote)\n", argv[0]);
    return false;
  }
  argv++;
  fx->name = argv[0];
  if (!read_file(argv[1], &fx->json) || !read_file(argv[2], &fx->expect[1]) ||
      !read_file(argv[3], &fx->expect[2])) {
    fprintf(stderr, "bench: cannot read %s or its expected outputs\n", argv[1]);
    return false;
  }
  fx->expect[0] = fx->json;
  const ws_type *t = fx->doc->type;
  fx->value = calloc(1, t->size);
  fx->scratch = calloc(1, t->size);
  if (!fx->value || !fx->scratch) {
    fputs("bench: out of memory\n", stderr);
    return false;
  }
  ws_error err;
  if (ws_type_decode(t, fx->value, fx->json.data, fx->json.len, NULL, &err) !=
      WS_OK) {
    char line[1024];
    ws_error_format(&err, argv[1], line, sizeof line);
    fprintf(stderr, "bench: our decoder refuses the fixture: %s\n", line);
    return false;
  }
  return true;
}

int main(int argc, char **argv) {
  bench_install_ws_counter();
  fixture fx;
  memset(&fx, 0, sizeof fx);
  if (argc == 7 && strcmp(argv[1], "time") == 0) {
    if (!load_fixture(&fx, argv + 2))
      return 1;
    const char *ms = getenv("BENCH_BATCH_MS");
    time_all(&fx, ms ? atof(ms) : 20.0);
  } else if (argc == 8 && strcmp(argv[1], "callgrind") == 0) {
    if (!load_fixture(&fx, argv + 2))
      return 1;
    callgrind_all(&fx, (size_t)strtoul(argv[7], NULL, 10));
  } else {
    fputs("usage: bench time DOC NAME FIXTURE PYTHON_JSON STR\n"
          "       bench callgrind DOC NAME FIXTURE PYTHON_JSON STR N\n",
          stderr);
    return 2;
  }
  if (fx.value)
    fx.doc->type->free(fx.doc->type, fx.value);
  free(fx.value);
  free(fx.scratch);
  return 0;
}
