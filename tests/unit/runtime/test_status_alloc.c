/* Tests for ws_status.c, ws_alloc.c and the failalloc test helper. */
#include "failalloc.h"

#include <string.h>

#include "ws_alloc.h"
#include "ws_status.h"

static void test_status_ok_is_zero(void **state) {
  (void)state;
  assert_int_equal(WS_OK, 0);
  assert_string_equal(ws_status_str(WS_OK), "ok");
}

static void test_status_names_are_distinct_and_nonempty(void **state) {
  (void)state;
  for (int a = WS_OK; a <= WS_ESYSTEM; a++) {
    const char *name = ws_status_str((ws_status)a);
    assert_non_null(name);
    assert_true(strlen(name) > 0);
    for (int b = a + 1; b <= WS_ESYSTEM; b++) {
      assert_string_not_equal(name, ws_status_str((ws_status)b));
    }
  }
  assert_string_equal(ws_status_str(WS_ENOMEM), "out of memory");
}

static void test_status_str_of_unknown_value(void **state) {
  (void)state;
  assert_string_equal(ws_status_str((ws_status)999), "unknown status");
}

static void test_error_set_formats_and_returns_code(void **state) {
  (void)state;
  ws_error err;
  ws_error_clear(&err);
  assert_int_equal(
      ws_error_set(&err, WS_ETYPE, "expected %s, found %d", "a string", 3),
      WS_ETYPE);
  assert_int_equal(err.code, WS_ETYPE);
  assert_string_equal(err.msg, "expected a string, found 3");
}

static void test_error_set_accepts_null_record(void **state) {
  (void)state;
  assert_int_equal(ws_error_set(NULL, WS_ERANGE, "x %d", 1), WS_ERANGE);
}

static void test_error_set_truncates_long_message(void **state) {
  (void)state;
  ws_error err;
  ws_error_clear(&err);
  char longer[1000];
  memset(longer, 'x', sizeof longer - 1);
  longer[sizeof longer - 1] = '\0';
  ws_error_set(&err, WS_EINVAL, "%s", longer);
  assert_int_equal(strlen(err.msg), sizeof err.msg - 1);
}

static void test_error_clear_resets_everything(void **state) {
  (void)state;
  ws_error err;
  memset(&err, 0x5a, sizeof err);
  ws_error_clear(&err);
  assert_int_equal(err.code, WS_OK);
  assert_int_equal(err.line, 0);
  assert_int_equal(err.col, 0);
  assert_int_equal(err.offset, 0);
  assert_string_equal(err.path, "");
  assert_string_equal(err.msg, "");
  ws_error_clear(NULL); /* must not crash */
}

/* A custom allocator that records what it was asked through its ctx. */
typedef struct counting_ctx {
  int mallocs, reallocs, frees;
} counting_ctx;
static void *counting_malloc(void *ctx, size_t size) {
  ((counting_ctx *)ctx)->mallocs++;
  return malloc(size ? size : 1);
}
static void *counting_realloc(void *ctx, void *ptr, size_t size) {
  ((counting_ctx *)ctx)->reallocs++;
  return realloc(ptr, size ? size : 1);
}
static void counting_free(void *ctx, void *ptr) {
  ((counting_ctx *)ctx)->frees++;
  free(ptr);
}

static void test_set_allocator_routes_calls_with_ctx(void **state) {
  (void)state;
  counting_ctx ctx = {0, 0, 0};
  ws_allocator alloc = {counting_malloc, counting_realloc, counting_free, &ctx};
  ws_set_allocator(&alloc);
  char *p = ws_malloc(8);
  assert_non_null(p);
  p = ws_realloc(p, 64);
  assert_non_null(p);
  ws_free(p);
  ws_free(NULL); /* not forwarded */
  ws_set_allocator(NULL);
  assert_int_equal(ctx.mallocs, 1);
  assert_int_equal(ctx.reallocs, 1);
  assert_int_equal(ctx.frees, 1);
}

static void test_set_allocator_copies_the_struct(void **state) {
  (void)state;
  counting_ctx ctx = {0, 0, 0};
  ws_allocator alloc = {counting_malloc, counting_realloc, counting_free, &ctx};
  ws_set_allocator(&alloc);
  memset(&alloc, 0, sizeof alloc); /* the hook must not keep our pointer */
  void *p = ws_malloc(4);
  ws_free(p);
  ws_set_allocator(NULL);
  assert_int_equal(ctx.mallocs, 1);
}

static void test_null_allocator_restores_libc(void **state) {
  (void)state;
  counting_ctx ctx = {0, 0, 0};
  ws_allocator alloc = {counting_malloc, counting_realloc, counting_free, &ctx};
  ws_set_allocator(&alloc);
  ws_set_allocator(NULL);
  void *p = ws_malloc(16);
  assert_non_null(p);
  ws_free(p);
  assert_int_equal(ctx.mallocs, 0);
}

static void test_default_malloc_zero_returns_pointer(void **state) {
  (void)state;
  void *p = ws_malloc(0);
  assert_non_null(p);
  ws_free(p);
  p = ws_realloc(NULL, 0);
  assert_non_null(p);
  ws_free(p);
}

static void test_failalloc_fails_the_nth_call(void **state) {
  (void)state;
  failalloc_install();
  failalloc_fail_at(3);
  void *a = ws_malloc(1);
  void *b = ws_malloc(1);
  void *c = ws_malloc(1);
  void *d = ws_malloc(1);
  assert_non_null(a);
  assert_non_null(b);
  assert_null(c);
  assert_non_null(d);
  assert_true(failalloc_failed());
  assert_int_equal(failalloc_calls(), 4);
  assert_int_equal(failalloc_live(), 3);
  ws_free(a);
  ws_free(b);
  ws_free(d);
  assert_int_equal(failalloc_live(), 0);
  failalloc_uninstall();
}

static void
test_failalloc_counts_realloc_and_keeps_block_on_failure(void **state) {
  (void)state;
  failalloc_install();
  failalloc_fail_at(2);
  char *p = ws_realloc(NULL, 4); /* call 1: a new block */
  assert_non_null(p);
  memcpy(p, "abc", 4);
  char *q = ws_realloc(p, 1 << 20); /* call 2: fails, p still valid */
  assert_null(q);
  assert_string_equal(p, "abc");
  assert_int_equal(failalloc_live(), 1);
  ws_free(p);
  assert_int_equal(failalloc_live(), 0);
  failalloc_uninstall();
}

static void test_failalloc_zero_never_fails(void **state) {
  (void)state;
  failalloc_install();
  for (int i = 0; i < 100; i++) {
    void *p = ws_malloc(1);
    assert_non_null(p);
    ws_free(p);
  }
  assert_false(failalloc_failed());
  assert_int_equal(failalloc_calls(), 100);
  failalloc_uninstall();
}

/* An operation making three allocations and cleaning up after itself on
 * failure, as library code must. */
typedef struct three_blocks {
  void *p[3];
} three_blocks;
static ws_status make_three(void *ctx) {
  three_blocks *t = ctx;
  for (int i = 0; i < 3; i++) {
    t->p[i] = ws_malloc(10);
    if (!t->p[i]) {
      return WS_ENOMEM;
    }
  }
  return WS_OK;
}
static void free_three(void *ctx) {
  three_blocks *t = ctx;
  for (int i = 0; i < 3; i++) {
    ws_free(t->p[i]);
    t->p[i] = NULL;
  }
}

static void test_failalloc_check_sweeps_until_success(void **state) {
  (void)state;
  three_blocks t = {{NULL, NULL, NULL}};
  assert_int_equal(failalloc_check(make_three, free_three, &t), 3);
  assert_null(t.p[0]);
}

/* A setter that replaces a value made before the sweep frees a block the
 * sweep did not see allocated: that is not a leak. */
static void *old_value;
static ws_status replace_old_value(void *ctx) {
  (void)ctx;
  void *fresh = ws_malloc(4);
  if (!fresh) {
    return WS_ENOMEM;
  }
  ws_free(old_value);
  old_value = fresh;
  return WS_OK;
}

static void test_failalloc_check_allows_freeing_older_blocks(void **state) {
  (void)state;
  old_value = ws_malloc(4);
  assert_int_equal(failalloc_check(replace_old_value, NULL, NULL), 1);
  ws_free(old_value);
  old_value = NULL;
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_status_ok_is_zero),
      cmocka_unit_test(test_status_names_are_distinct_and_nonempty),
      cmocka_unit_test(test_status_str_of_unknown_value),
      cmocka_unit_test(test_error_set_formats_and_returns_code),
      cmocka_unit_test(test_error_set_accepts_null_record),
      cmocka_unit_test(test_error_set_truncates_long_message),
      cmocka_unit_test(test_error_clear_resets_everything),
      cmocka_unit_test(test_set_allocator_routes_calls_with_ctx),
      cmocka_unit_test(test_set_allocator_copies_the_struct),
      cmocka_unit_test(test_null_allocator_restores_libc),
      cmocka_unit_test(test_default_malloc_zero_returns_pointer),
      cmocka_unit_test(test_failalloc_fails_the_nth_call),
      cmocka_unit_test(
          test_failalloc_counts_realloc_and_keeps_block_on_failure),
      cmocka_unit_test(test_failalloc_zero_never_fails),
      cmocka_unit_test(test_failalloc_check_sweeps_until_success),
      cmocka_unit_test(test_failalloc_check_allows_freeing_older_blocks),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
