/* ws_typetest_sweep.c - ws_typetest_sweep (ws_typetest.h): SQLite's
 * allocation test for any operation, through the runtime's allocator hook.
 * Kept apart from the checks so that hand-written tests can use it too.
 *
 * The same sweep as tests/lib/failalloc.h, which lives in the test tree and
 * is not installed; this one must work where only the library's headers
 * are. */
#include "ws_typetest.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>

#include <cmocka.h>

/* The n-th allocation call fails; blocks are counted, so a run that leaks
 * shows. Its state is global, as the allocator hook is. */

static struct {
  size_t calls, fail_at; /* fail_at 0: never */
  bool failed;
  long live;
} sweep;

static bool sweep_should_fail(void) {
  sweep.calls++;
  if (sweep.fail_at != 0 && sweep.calls == sweep.fail_at) {
    sweep.failed = true;
    return true;
  }
  return false;
}

static void *sweep_malloc(void *ctx, size_t size) {
  (void)ctx;
  void *p = sweep_should_fail() ? NULL : malloc(size ? size : 1);
  sweep.live += p != NULL;
  return p;
}

static void *sweep_realloc(void *ctx, void *ptr, size_t size) {
  (void)ctx;
  if (sweep_should_fail())
    return NULL;
  void *p = realloc(ptr, size ? size : 1);
  sweep.live += p != NULL && ptr == NULL;
  return p;
}

static void sweep_free(void *ctx, void *ptr) {
  (void)ctx;
  sweep.live -= ptr != NULL;
  free(ptr);
}

static void sweep_arm(size_t n) {
  sweep.calls = 0;
  sweep.fail_at = n;
  sweep.failed = false;
}

static void sweep_install(void) {
  ws_allocator alloc = {sweep_malloc, sweep_realloc, sweep_free, NULL};
  sweep.live = 0;
  sweep_arm(0);
  ws_set_allocator(&alloc);
}

static void sweep_uninstall(void) {
  sweep_arm(0);
  ws_set_allocator(NULL);
}

#define SWEEP_MAX_RUNS 100000u

size_t ws_typetest_sweep(ws_status (*op)(void *ctx), void (*cleanup)(void *ctx),
                         void *ctx) {
  sweep_install();
  for (size_t n = 1; n <= SWEEP_MAX_RUNS; n++) {
    long live_before = sweep.live;
    sweep_arm(n);
    ws_status status = op(ctx);
    bool failed = sweep.failed;
    size_t calls = sweep.calls;
    sweep_arm(0);
    cleanup(ctx);
    long leaked = sweep.live - live_before;
    if (failed != (status != WS_OK) || (failed && status != WS_ENOMEM) ||
        leaked > 0) {
      sweep_uninstall();
      fail_msg("run %zu: allocation %s, the operation returned %s, %ld "
               "block(s) left",
               n, failed ? "failed" : "did not fail", ws_status_str(status),
               leaked);
    }
    if (status == WS_OK) {
      sweep_uninstall();
      return calls;
    }
  }
  sweep_uninstall();
  fail_msg("the operation never succeeded in %u runs", SWEEP_MAX_RUNS);
  return 0;
}
