/* timed_ops.h - timing a small table of operations, and counting their
 * instructions, the way the bench's own programs do (float_bench.c,
 * map_bench.c; hs_bench.c takes the clock and the sort): header-only,
 * each function static inline.
 *
 *   timed_ops_time(ops, n, units)
 *       Interleaved: each of 7 runs times every operation once (batches of
 *       20 ms at least), so a busy moment hurts all of them alike; prints
 *       one TSV line per operation, "lib kind note ns_median ns_min", in ns
 *       per unit (an operation's run does `units` of the work).
 *   timed_ops_callgrind(tag, ops, n, reps, units)
 *       Each operation reps times between callgrind dumps named
 *       "TAG|LIB|KIND|reps*units" (bench/run.py reads them per unit). */
#ifndef BENCH_TIMED_OPS_H
#define BENCH_TIMED_OPS_H

#include <stdio.h>
#include <stdlib.h>
#include <time.h>
#include <valgrind/callgrind.h>

typedef struct timed_op {
  const char *lib, *kind, *note;
  void (*run)(void);
} timed_op;

#define TIMED_OPS_RUNS 7
#define TIMED_OPS_MAX 16

static inline double timed_ops_now_ns(void) {
  struct timespec t;
  clock_gettime(CLOCK_MONOTONIC, &t);
  return (double)t.tv_sec * 1e9 + (double)t.tv_nsec;
}

static inline int timed_ops_cmp(const void *a, const void *b) {
  double x = *(const double *)a, y = *(const double *)b;
  return x < y ? -1 : x > y;
}

static inline void timed_ops_time(const timed_op *ops, size_t n,
                                  size_t units) {
  double per_unit[TIMED_OPS_MAX][TIMED_OPS_RUNS];
  if (n > TIMED_OPS_MAX)
    n = TIMED_OPS_MAX;
  for (size_t k = 0; k < n; k++)
    ops[k].run(); /* warm-up */
  for (int r = 0; r < TIMED_OPS_RUNS; r++)
    for (size_t k = 0; k < n; k++) {
      size_t reps = 0;
      double start = timed_ops_now_ns(), end;
      do {
        ops[k].run();
        reps++;
        end = timed_ops_now_ns();
      } while (end - start < 20e6);
      per_unit[k][r] = (end - start) / ((double)reps * (double)units);
    }
  printf("lib\tkind\tnote\tns_median\tns_min\n");
  for (size_t k = 0; k < n; k++) {
    qsort(per_unit[k], TIMED_OPS_RUNS, sizeof per_unit[k][0], timed_ops_cmp);
    printf("%s\t%s\t%s\t%.2f\t%.2f\n", ops[k].lib, ops[k].kind, ops[k].note,
           per_unit[k][TIMED_OPS_RUNS / 2], per_unit[k][0]);
  }
}

static inline void timed_ops_callgrind(const char *tag, const timed_op *ops,
                                       size_t n, size_t reps, size_t units) {
  for (size_t k = 0; k < n; k++) {
    char name[96];
    snprintf(name, sizeof name, "%s|%s|%s|%zu", tag, ops[k].lib, ops[k].kind,
             reps * units);
    ops[k].run();
    CALLGRIND_ZERO_STATS;
    for (size_t i = 0; i < reps; i++)
      ops[k].run();
    CALLGRIND_DUMP_STATS_AT(name);
  }
}

#endif
