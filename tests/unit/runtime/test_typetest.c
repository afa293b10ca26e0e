/* Tests for the test values of runtime/ws_typetest.c: the two variants
 * differ, a flipped field always differs from its usual value, values for
 * constrained fields keep the constraint, and a fill does nothing once a
 * failure is recorded; and its allocation sweep. (The checks themselves run
 * in every generated test program.) */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "ws_typetest.h"

static const ws_typetest_fill usual = {false, WS_TYPETEST_NO_FLIP};

static void test_variant_alternates_and_flips(void **state) {
  (void)state;
  ws_typetest_fill flip2 = {false, 2};
  for (size_t i = 0; i < 4; i++)
    assert_int_equal(ws_typetest_variant(&usual, i), (int)(i % 2));
  assert_int_equal(ws_typetest_variant(&flip2, 1), 1);
  assert_int_equal(ws_typetest_variant(&flip2, 2), 1);
  assert_int_equal(ws_typetest_variant(&flip2, 3), 1);
}

static void test_two_variants_of_each_scalar_differ(void **state) {
  (void)state;
  ws_status st = WS_OK;
  ws_str s0 = {0}, s1 = {0};
  ws_bytes b0 = {0}, b1 = {0};
  ws_headers h0, h1;
  int64_t i0, i1;
  bool t0, t1;
  ws_headers_init(&h0);
  ws_headers_init(&h1);
  ws_typetest_str(&s0, 0, &st);
  ws_typetest_str(&s1, 1, &st);
  ws_typetest_bytes(&b0, 0, &st);
  ws_typetest_bytes(&b1, 1, &st);
  ws_typetest_headers(&h0, 0, &st);
  ws_typetest_headers(&h1, 1, &st);
  ws_typetest_int(&i0, 0, &st);
  ws_typetest_int(&i1, 1, &st);
  ws_typetest_bool(&t0, 0, &st);
  ws_typetest_bool(&t1, 1, &st);
  assert_int_equal(st, WS_OK);
  assert_false(ws_str_equal(&s0, &s1));
  assert_false(ws_bytes_equal(&b0, &b1));
  assert_false(ws_headers_equal(&h0, &h1));
  assert_int_equal(ws_headers_count(&h0, ws_cstr("X-Multi")), 2);
  assert_true(i0 != i1);
  assert_true(t0 != t1);
  ws_str_free(&s0);
  ws_str_free(&s1);
  ws_bytes_free(&b0);
  ws_bytes_free(&b1);
  ws_headers_free(&h0);
  ws_headers_free(&h1);
}

static void test_keys_in_a_row_differ(void **state) {
  (void)state;
  for (int v = 0; v < 3; v++) {
    ws_str a = {NULL, 0};
    assert_int_equal(ws_str_set_view(&a, ws_typetest_key(v)), WS_OK);
    assert_false(ws_str_is(&a, ws_typetest_key(v + 1)));
    ws_str_free(&a);
  }
}

/* The value ws_typetest_str_max gives field `field` under `how`. */
static void expect_str_max(const ws_typetest_fill *how, size_t field,
                           uint64_t max_len, const char *want, size_t len) {
  ws_status st = WS_OK;
  ws_str s = {0};
  ws_typetest_str_max(&s, how, field, max_len, &st);
  assert_int_equal(st, WS_OK);
  assert_int_equal(s.len, len);
  if (len > 0)
    assert_memory_equal(s.ptr, want, len);
  ws_str_free(&s);
}

static void test_str_within_max_len(void **state) {
  (void)state;
  ws_typetest_fill flip0 = {false, 0};
  ws_str usual0 = {0};
  ws_status st = WS_OK;
  ws_typetest_str(&usual0, 0, &st);
  /* room for the usual value: it is used */
  expect_str_max(&usual, 0, 100, usual0.ptr, usual0.len);
  /* no room: a short ASCII text within the limit */
  expect_str_max(&usual, 0, 5, "a\"b", 3);
  expect_str_max(&usual, 0, 2, "a\"", 2);
  expect_str_max(&usual, 0, 0, "", 0);
  /* flipped: one byte more, limit or not */
  expect_str_max(&flip0, 0, 2, "a\"!", 3);
  expect_str_max(&flip0, 0, 0, "!", 1);
  ws_str_free(&usual0);
}

static void test_bytes_within_max_len(void **state) {
  (void)state;
  ws_status st = WS_OK;
  ws_bytes b = {0};
  ws_typetest_bytes_max(&b, &usual, 1, 3, &st);
  assert_int_equal(st, WS_OK);
  assert_int_equal(b.len, 3);
  ws_bytes_free(&b);
}

static int64_t int_in(const ws_typetest_fill *how, size_t field, int64_t min,
                      int64_t max) {
  int64_t v = 12345;
  ws_typetest_int_in(&v, how, field, min, max);
  return v;
}

static void test_int_within_range(void **state) {
  (void)state;
  ws_typetest_fill flip0 = {false, 0};
  int64_t usual0, usual1;
  ws_status st = WS_OK;
  ws_typetest_int(&usual0, 0, &st);
  ws_typetest_int(&usual1, 1, &st);
  assert_int_equal(int_in(&usual, 0, -100, 100), usual0);
  assert_int_equal(int_in(&usual, 1, -100, 100), usual1);
  assert_int_equal(int_in(&usual, 0, 0, 10), 5); /* the middle */
  assert_int_equal(int_in(&usual, 0, 3, 3), 3);
  assert_int_equal(int_in(&usual, 0, INT64_MIN, INT64_MAX), usual0);
  assert_int_equal(int_in(&usual, 0, INT64_MAX - 1, INT64_MAX), INT64_MAX - 1);
  assert_true(int_in(&flip0, 0, 3, 3) != 3); /* differs, range or not */
  assert_true(int_in(&flip0, 0, -100, 100) != usual0);
}

/* Once *st holds a failure, a fill changes nothing. */
static void test_fill_after_failure_does_nothing(void **state) {
  (void)state;
  ws_status st = WS_ENOMEM;
  ws_str s = {0};
  ws_headers h;
  ws_headers_init(&h);
  ws_typetest_str(&s, 0, &st);
  ws_typetest_str_max(&s, &usual, 0, 1, &st);
  ws_typetest_headers(&h, 0, &st);
  assert_int_equal(st, WS_ENOMEM);
  assert_int_equal(s.len, 0);
  assert_int_equal(ws_headers_count(&h, ws_cstr("Host")), 0);
  ws_headers_free(&h);
}

/* Three blocks, each from the runtime's allocator; all freed on failure. */
static ws_status allocate_three(void *ctx) {
  void **blocks = ctx;
  for (int i = 0; i < 3; i++) {
    blocks[i] = ws_malloc(16);
    if (blocks[i] == NULL)
      return WS_ENOMEM;
  }
  return WS_OK;
}

static void free_three(void *ctx) {
  void **blocks = ctx;
  for (int i = 0; i < 3; i++) {
    ws_free(blocks[i]);
    blocks[i] = NULL;
  }
}

static void test_sweep_fails_each_allocation_in_turn(void **state) {
  (void)state;
  void *blocks[3] = {NULL, NULL, NULL};
  assert_int_equal(ws_typetest_sweep(allocate_three, free_three, blocks), 3);
  void *p = ws_malloc(8); /* the C library's allocator is back */
  assert_non_null(p);
  ws_free(p);
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_variant_alternates_and_flips),
      cmocka_unit_test(test_two_variants_of_each_scalar_differ),
      cmocka_unit_test(test_keys_in_a_row_differ),
      cmocka_unit_test(test_str_within_max_len),
      cmocka_unit_test(test_bytes_within_max_len),
      cmocka_unit_test(test_int_within_range),
      cmocka_unit_test(test_fill_after_failure_does_nothing),
      cmocka_unit_test(test_sweep_fails_each_allocation_in_turn),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
