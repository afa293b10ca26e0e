/* failalloc.h - a failing, counting allocator for cmocka tests.
 *
 * Header-only; include it first or anywhere (it includes what cmocka needs,
 * and cmocka.h itself). Each test file that includes it gets its own state.
 * Link with the runtime (it uses ws_set_allocator and ws_status_str).
 *
 * API (stable: other tests depend on it):
 *
 *   void failalloc_install(void);
 *       Installs the counting allocator with ws_set_allocator and resets the
 *       counters; nothing fails until failalloc_fail_at is called.
 *   void failalloc_uninstall(void);
 *       Restores the C library's allocator (ws_set_allocator(NULL)).
 *   void failalloc_fail_at(size_t n);
 *       Restarts the call count; the n-th allocation call from now
 *       (ws_malloc or ws_realloc, counting from 1) returns NULL. 0 = never.
 *   size_t failalloc_calls(void);
 *       Allocation calls (ws_malloc + ws_realloc) since the last fail_at or
 *       install.
 *   long failalloc_live(void);
 *       Blocks allocated through the hook and not yet freed.
 *   bool failalloc_failed(void);
 *       Whether the armed failure has happened since the last fail_at.
 *
 *   typedef ws_status (*failalloc_op)(void *ctx);
 *   typedef void (*failalloc_cleanup)(void *ctx);   (cleanup may be NULL)
 *   size_t failalloc_check(failalloc_op op, failalloc_cleanup cleanup,
 *                          void *ctx);
 *       The SQLite-style sweep. For n = 1, 2, ...: arms failure n, runs
 *       op(ctx), then cleanup(ctx), and asserts (cmocka) that
 *         - a run in which the armed allocation failed returned WS_ENOMEM,
 *         - a run that returned WS_OK saw no failed allocation,
 *         - after cleanup no more blocks are live than before op (fewer is
 *           fine: op may free a value that existed before it, as a setter
 *           replacing an old value does).
 *       Stops after the first run that returns WS_OK and returns its number
 *       of allocation calls. op must start from the same state each time
 *       (cleanup restores it: typically it frees what op built). Installs the
 *       allocator itself and uninstalls it before returning.
 *
 *   int failalloc_setup(void **state); int failalloc_teardown(void **state);
 *       cmocka group/test fixtures that install and uninstall.
 */
#ifndef WS_TESTS_FAILALLOC_H
#define WS_TESTS_FAILALLOC_H

#include <setjmp.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>

#include <cmocka.h>

#include "ws_alloc.h"
#include "ws_status.h"

typedef ws_status (*failalloc_op)(void *ctx);
typedef void (*failalloc_cleanup)(void *ctx);

typedef struct failalloc_state {
  size_t calls;   /* allocation calls since the counter was restarted */
  size_t fail_at; /* 0: never fail */
  bool failed;    /* the armed call has failed */
  long live;      /* blocks handed out and not freed */
} failalloc_state;

/* The state lives in a function so that a file that includes this header and
 * uses only part of it does not get unused-variable warnings. */
static inline failalloc_state *failalloc_state_(void) {
  static failalloc_state state;
  return &state;
}

/* True when this call is the one that must fail. */
static inline bool failalloc_should_fail_(void) {
  failalloc_state *st = failalloc_state_();
  st->calls++;
  if (st->fail_at != 0 && st->calls == st->fail_at) {
    st->failed = true;
    return true;
  }
  return false;
}

static inline void *failalloc_malloc_(void *ctx, size_t size) {
  (void)ctx;
  if (failalloc_should_fail_()) {
    return NULL;
  }
  void *p = malloc(size ? size : 1);
  if (p) {
    failalloc_state_()->live++;
  }
  return p;
}

static inline void *failalloc_realloc_(void *ctx, void *ptr, size_t size) {
  (void)ctx;
  if (failalloc_should_fail_()) {
    return NULL;
  }
  void *p = realloc(ptr, size ? size : 1);
  if (p && !ptr) {
    failalloc_state_()->live++;
  }
  return p;
}

static inline void failalloc_free_(void *ctx, void *ptr) {
  (void)ctx;
  if (ptr) {
    failalloc_state_()->live--;
    free(ptr);
  }
}

static inline void failalloc_fail_at(size_t n) {
  failalloc_state *st = failalloc_state_();
  st->calls = 0;
  st->fail_at = n;
  st->failed = false;
}

static inline void failalloc_install(void) {
  ws_allocator alloc;
  alloc.malloc_fn = failalloc_malloc_;
  alloc.realloc_fn = failalloc_realloc_;
  alloc.free_fn = failalloc_free_;
  alloc.ctx = NULL;
  failalloc_state *st = failalloc_state_();
  st->live = 0;
  failalloc_fail_at(0);
  ws_set_allocator(&alloc);
}

static inline void failalloc_uninstall(void) {
  failalloc_fail_at(0);
  ws_set_allocator(NULL);
}

static inline size_t failalloc_calls(void) {
  return failalloc_state_()->calls;
}
static inline long failalloc_live(void) {
  return failalloc_state_()->live;
}
static inline bool failalloc_failed(void) {
  return failalloc_state_()->failed;
}

static inline int failalloc_setup(void **state) {
  (void)state;
  failalloc_install();
  return 0;
}
static inline int failalloc_teardown(void **state) {
  (void)state;
  failalloc_uninstall();
  return 0;
}

/* Far more allocations than any single operation under test makes; reaching
 * it means op keeps failing for a reason other than the armed failure. */
#define FAILALLOC_MAX_RUNS 100000u

static inline size_t failalloc_check(failalloc_op op, failalloc_cleanup cleanup,
                                     void *ctx) {
  failalloc_install();
  for (size_t n = 1; n <= FAILALLOC_MAX_RUNS; n++) {
    long live_before = failalloc_live();
    failalloc_fail_at(n);
    ws_status status = op(ctx);
    bool failed = failalloc_failed();
    size_t calls = failalloc_calls();
    failalloc_fail_at(0);
    if (cleanup) {
      cleanup(ctx);
    }
    long leaked = failalloc_live() - live_before;
    if (failed && status != WS_ENOMEM) {
      failalloc_uninstall();
      fail_msg("allocation %zu failed but the operation returned %d (%s)", n,
               (int)status, ws_status_str(status));
    }
    if (!failed && status != WS_OK) {
      failalloc_uninstall();
      fail_msg("run %zu: no allocation failed but the operation returned "
               "%d (%s)",
               n, (int)status, ws_status_str(status));
    }
    if (leaked > 0) {
      failalloc_uninstall();
      fail_msg("run %zu: %ld block(s) still allocated after cleanup", n,
               leaked);
    }
    if (status == WS_OK) {
      failalloc_uninstall();
      return calls;
    }
  }
  failalloc_uninstall();
  fail_msg("the operation never succeeded in %u runs", FAILALLOC_MAX_RUNS);
  return 0;
}

#endif
