/* limit.c - the floor: copying the document's bytes with memcpy, what no
 * encoder or parser can beat. */
#include <stdlib.h>
#include <string.h>

#include "bench.h"

/* Global, so the compiler cannot drop the copies as dead stores. */
char *bench_limit_buf;
size_t bench_limit_cap;

static bool copy_bytes(const char *json, size_t len) {
  if (len > bench_limit_cap) {
    free(bench_limit_buf);
    bench_limit_buf = malloc(len);
    bench_limit_cap = bench_limit_buf ? len : 0;
    if (!bench_limit_buf)
      return false;
  }
  memcpy(bench_limit_buf, json, len);
  return true;
}

const bench_op bench_ops_limit[] = {
    {"memcpy", BENCH_PARSE, "copy of the document (the limit)", NULL, NULL,
     copy_bytes},
    {NULL, BENCH_ENCODE, NULL, NULL, NULL, NULL}};
