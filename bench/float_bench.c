/* float_bench.c - our double formatting and parsing (runtime/ws_float.c)
 * against the C library's: ws_float_repr against snprintf("%.17g") (the
 * usual way to print a double that reads back, though not the shortest),
 * ws_float_parse against strtod, on one mix of doubles a JSON document
 * carries: prices with cents (101.25), small integers (42.0) and doubles
 * of random bits (17 digits, any exponent), a third each.
 *
 *   float_bench time          one TSV line per operation: ns per value
 *   float_bench callgrind N   each operation over the mix N times between
 *                             callgrind dumps named "float|LIB|KIND|VALUES"
 *
 * Before timing it checks what it times: every repr reads back (through
 * strtod) as its double, and both parsers agree on every text. */
#define _POSIX_C_SOURCE 200809L
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "timed_ops.h"
#include "ws_float.h"

#define VALUES 3000

static double values[VALUES];
static char texts[VALUES][WS_FLOAT_REPR_MAX];
static size_t text_len[VALUES];
static volatile size_t sink;

static uint64_t next_random(uint64_t *state) {
  uint64_t x = *state;
  x ^= x << 13;
  x ^= x >> 7;
  x ^= x << 17;
  return *state = x;
}

static void make_mix(void) {
  uint64_t state = 0x2545f4914f6cdd1du;
  for (size_t i = 0; i < VALUES; i++) {
    uint64_t r = next_random(&state);
    double v;
    switch (i % 3) {
    case 0: /* a price: 0.01 .. 9999.99 */
      v = (double)(r % 1000000) / 100.0;
      break;
    case 1: /* a small integer */
      v = (double)(r % 10000);
      break;
    default: /* random bits, finite */
      do {
        r = next_random(&state);
        memcpy(&v, &r, sizeof v);
      } while (!isfinite(v));
    }
    values[i] = v;
    text_len[i] = ws_float_repr(v, texts[i]);
  }
}

static bool check(void) {
  for (size_t i = 0; i < VALUES; i++) {
    double a = strtod(texts[i], NULL), b = 0;
    if (ws_float_parse(texts[i], text_len[i], &b) != WS_FLOAT_OK ||
        memcmp(&a, &values[i], sizeof a) != 0 || memcmp(&b, &a, sizeof a) != 0) {
      fprintf(stderr, "float_bench: %s does not read back\n", texts[i]);
      return false;
    }
  }
  return true;
}

/* ---- the operations, each over the whole mix ------------------------------ */

static void format_ours(void) {
  char out[WS_FLOAT_REPR_MAX];
  size_t n = 0;
  for (size_t i = 0; i < VALUES; i++)
    n += ws_float_repr(values[i], out);
  sink = n;
}

static void format_snprintf(void) {
  char out[32];
  size_t n = 0;
  for (size_t i = 0; i < VALUES; i++)
    n += (size_t)snprintf(out, sizeof out, "%.17g", values[i]);
  sink = n;
}

static void parse_ours(void) {
  double sum = 0, v = 0;
  for (size_t i = 0; i < VALUES; i++) {
    ws_float_parse(texts[i], text_len[i], &v);
    sum += v;
  }
  sink = (size_t)(sum != 0);
}

static void parse_strtod(void) {
  double sum = 0;
  for (size_t i = 0; i < VALUES; i++)
    sum += strtod(texts[i], NULL);
  sink = (size_t)(sum != 0);
}

static const timed_op ops[] = {
    {"ours", "format", "ws_float_repr: Python's repr, shortest round trip", format_ours},
    {"libc", "format", "snprintf(\"%.17g\"): reads back, not the shortest", format_snprintf},
    {"ours", "parse", "ws_float_parse: correctly rounded, locale-free", parse_ours},
    {"libc", "parse", "strtod: correctly rounded, the C locale's point", parse_strtod},
};
#define OPS (sizeof ops / sizeof ops[0])

int main(int argc, char **argv) {
  make_mix();
  if (!check())
    return 1;
  if (argc == 2 && strcmp(argv[1], "time") == 0)
    timed_ops_time(ops, OPS, VALUES);
  else if (argc == 3 && strcmp(argv[1], "callgrind") == 0)
    timed_ops_callgrind("float", ops, OPS, (size_t)strtoul(argv[2], NULL, 10),
                        VALUES);
  else {
    fputs("usage: float_bench time | float_bench callgrind N\n", stderr);
    return 2;
  }
  return 0;
}
