/* ours.c - the generated code under test: encode in the three forms into a
 * fresh buffer (what a caller without a buffer to reuse does), and decode
 * with full validation. */
#include "bench.h"

static bool encode_form(const ab_connection_request *v, ws_format form,
                        bench_sink *out) {
  ws_buf b;
  ws_buf_init(&b);
  bool ok = ab_connection_request_encode(v, form, &b, NULL) == WS_OK;
  if (ok)
    bench_sink_take(out, b.data, b.len);
  ws_buf_free(&b);
  return ok;
}

static bool encode_compact(const void *v, bench_sink *out) {
  return encode_form(v, WS_FORMAT_JSON, out);
}

static bool encode_python(const void *v, bench_sink *out) {
  return encode_form(v, WS_FORMAT_JSON_PYTHON, out);
}

static bool encode_str(const void *v, bench_sink *out) {
  return encode_form(v, WS_FORMAT_STR, out);
}

/* The same buffer again and again, as a server writing many messages would:
 * no allocation once the buffer has grown. */
static bool encode_reused(const void *v, bench_sink *out) {
  static ws_buf b; /* the benchmark's own; never freed */
  ws_buf_reset(&b);
  bool ok = ab_connection_request_encode(v, WS_FORMAT_JSON, &b, NULL) == WS_OK;
  if (ok)
    bench_sink_take(out, b.data, b.len);
  return ok;
}

static bool decode(const char *json, size_t len, void *out) {
  return ab_connection_request_decode(out, json, len, NULL, NULL) == WS_OK;
}

const bench_op bench_ops_ours[] = {
    {"ours", BENCH_ENCODE, "fresh ws_buf each time", encode_compact, NULL, NULL},
    {"ours (reused buffer)", BENCH_ENCODE, "one ws_buf, reset each time",
     encode_reused, NULL, NULL},
    {"ours", BENCH_ENCODE_PYTHON, "fresh ws_buf", encode_python, NULL, NULL},
    {"ours", BENCH_STR, "fresh ws_buf", encode_str, NULL, NULL},
    {"ours", BENCH_DECODE, "full validation", NULL, decode, NULL},
    {NULL, BENCH_ENCODE, NULL, NULL, NULL, NULL}};
