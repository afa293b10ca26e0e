/* quote_ours.c - the generated code under test on the Quote: encode in the
 * three forms into a fresh buffer, and decode with full validation. */
#include "bench_quote.h"

static bool encode_form(const bq_quote *v, ws_format form, bench_sink *out) {
  ws_buf b;
  ws_buf_init(&b);
  bool ok = bq_quote_encode(v, form, &b, NULL) == WS_OK;
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

static bool decode(const char *json, size_t len, void *out) {
  return bq_quote_decode(out, json, len, NULL, NULL) == WS_OK;
}

const bench_op bench_quote_ours[] = {
    {"ours", BENCH_ENCODE, "fresh ws_buf each time", encode_compact, NULL, NULL},
    {"ours", BENCH_ENCODE_PYTHON, "fresh ws_buf", encode_python, NULL, NULL},
    {"ours", BENCH_STR, "fresh ws_buf", encode_str, NULL, NULL},
    {"ours", BENCH_DECODE, "full validation", NULL, decode, NULL},
    {NULL, BENCH_ENCODE, NULL, NULL, NULL, NULL}};
