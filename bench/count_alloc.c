/* count_alloc.c - counts allocation calls made by any code in the benchmark
 * process, including the shared libraries under test (json-c and yajl's tree
 * have no allocator hooks): the executable's own malloc family takes
 * precedence over libc's for every library (ELF symbol interposition) and
 * forwards to glibc's implementation. Counting costs one increment, so it
 * stays on while timing too; every library pays the same. glibc only. */
#include <errno.h>
#include <stddef.h>

#include "count_alloc.h"

size_t bench_alloc_calls;

/* glibc's own entry points, which its malloc, calloc... are aliases of. */
extern void *__libc_malloc(size_t size);
extern void *__libc_calloc(size_t n, size_t size);
extern void *__libc_realloc(void *ptr, size_t size);
extern void *__libc_memalign(size_t align, size_t size);
extern void __libc_free(void *ptr);

void *malloc(size_t size) {
  bench_alloc_calls++;
  return __libc_malloc(size);
}

void *calloc(size_t n, size_t size) {
  bench_alloc_calls++;
  return __libc_calloc(n, size);
}

void *realloc(void *ptr, size_t size) {
  bench_alloc_calls++;
  return __libc_realloc(ptr, size);
}

void free(void *ptr) { __libc_free(ptr); }

void *aligned_alloc(size_t align, size_t size) {
  bench_alloc_calls++;
  return __libc_memalign(align, size);
}

void *memalign(size_t align, size_t size) {
  bench_alloc_calls++;
  return __libc_memalign(align, size);
}

int posix_memalign(void **out, size_t align, size_t size) {
  bench_alloc_calls++;
  void *p = __libc_memalign(align, size);
  if (!p)
    return ENOMEM;
  *out = p;
  return 0;
}

/* ---- our library's own hook ------------------------------------------------
 * ws_set_allocator counts what our code asks for, separately, so the table
 * can show it came through the hook (the two counts must agree). */

size_t bench_ws_alloc_calls;

static void *ws_counting_malloc(void *ctx, size_t size) {
  (void)ctx;
  bench_ws_alloc_calls++;
  return malloc(size);
}

static void *ws_counting_realloc(void *ctx, void *ptr, size_t size) {
  (void)ctx;
  bench_ws_alloc_calls++;
  return realloc(ptr, size);
}

static void ws_counting_free(void *ctx, void *ptr) {
  (void)ctx;
  free(ptr);
}

void bench_install_ws_counter(void) {
  ws_allocator a = {ws_counting_malloc, ws_counting_realloc, ws_counting_free,
                    NULL};
  ws_set_allocator(&a);
}
