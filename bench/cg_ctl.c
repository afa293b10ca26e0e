/* cg_ctl.c - lets a Python script (through ctypes) ask callgrind to zero its
 * counters and to dump them under a name, as the C harness does inline. */
#include <valgrind/callgrind.h>

void bench_cg_zero(void);
void bench_cg_dump(const char *name);

void bench_cg_zero(void) { CALLGRIND_ZERO_STATS; }
void bench_cg_dump(const char *name) { CALLGRIND_DUMP_STATS_AT(name); }
