/* Tests for ws_str.c (strings, byte strings) and ws_list.c (array growth,
 * key lookup). */
#include "failalloc.h"

#include <string.h>

#include "ws_list.h"
#include "ws_str.h"
#include "lent.h"

static void test_str_set_copies_and_terminates(void **state) {
  (void)state;
  ws_str s = {NULL, 0};
  char source[] = "hello";
  assert_int_equal(ws_str_set(&s, source, 5), WS_OK);
  source[0] = 'j'; /* the copy must not follow the source */
  assert_int_equal(s.len, 5);
  assert_string_equal(s.ptr, "hello");
  ws_str_free(&s);
}

static void test_str_set_keeps_embedded_nul(void **state) {
  (void)state;
  ws_str s = {NULL, 0};
  assert_int_equal(ws_str_set(&s, "a\0b", 3), WS_OK);
  assert_int_equal(s.len, 3);
  assert_memory_equal(s.ptr, "a\0b", 4); /* and the terminating NUL */
  ws_str_free(&s);
}

static void test_str_set_empty_is_null_zero(void **state) {
  (void)state;
  ws_str s = {NULL, 0};
  assert_int_equal(ws_str_set(&s, "abc", 3), WS_OK);
  assert_int_equal(ws_str_set(&s, NULL, 0), WS_OK);
  assert_null(s.ptr);
  assert_int_equal(s.len, 0);
  assert_string_equal(ws_str_c(&s), "");
}

static void test_str_set_from_part_of_itself(void **state) {
  (void)state;
  ws_str s = {NULL, 0};
  assert_int_equal(ws_str_set(&s, "abcdef", 6), WS_OK);
  assert_int_equal(ws_str_set(&s, s.ptr + 2, 3), WS_OK);
  assert_string_equal(s.ptr, "cde");
  ws_str_free(&s);
}

static void test_str_set_failure_leaves_value_unchanged(void **state) {
  (void)state;
  ws_str s = {NULL, 0};
  assert_int_equal(ws_str_set(&s, "keep", 4), WS_OK);
  failalloc_install();
  failalloc_fail_at(1);
  assert_int_equal(ws_str_set(&s, "other", 5), WS_ENOMEM);
  failalloc_uninstall();
  assert_string_equal(s.ptr, "keep");
  assert_int_equal(s.len, 4);
  ws_str_free(&s);
}

static ws_str sweep_str;
static ws_status op_str_set(void *ctx) {
  (void)ctx;
  return ws_str_set(&sweep_str, "sweep", 5);
}
static void cleanup_str(void *ctx) {
  (void)ctx;
  ws_str_free(&sweep_str);
}

static void test_str_set_allocation_failure_sweep(void **state) {
  (void)state;
  assert_int_equal(failalloc_check(op_str_set, cleanup_str, NULL), 1);
}

static void test_str_copy_is_deep(void **state) {
  (void)state;
  ws_str a = {NULL, 0}, b = {NULL, 0};
  assert_int_equal(ws_str_set(&a, "x\0y", 3), WS_OK);
  assert_int_equal(ws_str_copy(&b, &a), WS_OK);
  assert_ptr_not_equal(a.ptr, b.ptr);
  assert_true(ws_str_equal(&a, &b));
  ws_str_free(&a);
  assert_memory_equal(b.ptr, "x\0y", 3);
  ws_str_free(&b);
}

static void test_str_copy_replaces_existing_value(void **state) {
  (void)state;
  ws_str a = {NULL, 0}, b = {NULL, 0};
  assert_int_equal(ws_str_set(&a, "new", 3), WS_OK);
  assert_int_equal(ws_str_set(&b, "old value", 9), WS_OK);
  assert_int_equal(ws_str_copy(&b, &a), WS_OK); /* LSan: old freed */
  assert_string_equal(b.ptr, "new");
  ws_str_free(&a);
  ws_str_free(&b);
}

static void test_str_free_twice_is_safe(void **state) {
  (void)state;
  ws_str s = {NULL, 0};
  assert_int_equal(ws_str_set(&s, "x", 1), WS_OK);
  ws_str_free(&s);
  ws_str_free(&s);
  assert_null(s.ptr);
  assert_int_equal(s.len, 0);
}

static void test_str_equal_compares_bytes_and_length(void **state) {
  (void)state;
  ws_str empty = {NULL, 0};
  ws_str empty_view = lent_str("", 0);
  ws_str a = lent_str("ab\0c", 4);
  ws_str a2 = lent_str("ab\0c", 4);
  ws_str ab = lent_str("ab", 2);
  ws_str upper = lent_str("AB", 2);
  assert_true(ws_str_equal(&empty, &empty_view));
  assert_true(ws_str_equal(&a, &a2));
  assert_false(ws_str_equal(&a, &ab)); /* NUL inside counts */
  assert_false(ws_str_equal(&ab, &upper));
  assert_false(ws_str_equal(&empty, &ab));
}

static void test_cstr_view_of_null_is_empty(void **state) {
  (void)state;
  ws_strview s = ws_cstr(NULL);
  assert_int_equal(s.len, 0);
  ws_strview t = ws_cstr("four");
  assert_int_equal(t.len, 4);
  assert_ptr_equal(ws_str_view("ab", 1).ptr + 1, &"ab"[1]);
}

/* A view of an owned value sees its bytes; setting from a view copies, and
 * setting a value from a view of itself works. */
static void test_set_view_and_view_of(void **state) {
  (void)state;
  ws_str s = {NULL, 0};
  assert_int_equal(ws_str_set_view(&s, ws_cstr("hello")), WS_OK);
  assert_true(ws_str_is(&s, ws_cstr("hello")));
  assert_false(ws_str_is(&s, ws_cstr("hell")));
  ws_strview v = ws_str_view_of(&s);
  assert_ptr_equal(v.ptr, s.ptr);
  assert_int_equal(v.len, 5);
  assert_int_equal(ws_str_set_view(&s, ws_str_view(s.ptr + 1, 3)), WS_OK);
  assert_string_equal(ws_str_c(&s), "ell");
  assert_int_equal(ws_str_set_view(&s, ws_str_view(NULL, 0)), WS_OK);
  assert_null(s.ptr);
  assert_true(ws_str_is(&s, ws_cstr("")));
  ws_bytes b = {NULL, 0};
  assert_int_equal(ws_bytes_set_view(&b, ws_bytes_view("\0\xff", 2)), WS_OK);
  assert_int_equal(b.len, 2);
  assert_int_equal(b.ptr[1], 0xff);
  ws_bytesview bv = ws_bytes_view_of(&b);
  assert_ptr_equal(bv.ptr, b.ptr);
  assert_int_equal(bv.len, 2);
  ws_bytes_free(&b);
  ws_str_free(&s);
}

static void test_bytes_set_copy_equal_free(void **state) {
  (void)state;
  const unsigned char raw[] = {0x00, 0xff, 0x80, 0x00};
  ws_bytes a = {NULL, 0}, b = {NULL, 0};
  assert_int_equal(ws_bytes_set(&a, raw, sizeof raw), WS_OK);
  assert_int_equal(a.len, 4);
  assert_memory_equal(a.ptr, raw, 4);
  assert_int_equal(a.ptr[4], 0); /* terminated like a string */
  assert_int_equal(ws_bytes_copy(&b, &a), WS_OK);
  assert_true(ws_bytes_equal(&a, &b));
  b.ptr[1] = 0xfe;
  assert_false(ws_bytes_equal(&a, &b));
  ws_bytes_free(&a);
  ws_bytes_free(&a);
  ws_bytes_free(&b);
  assert_null(b.ptr);
}

static void test_bytes_set_empty_and_equal_empty(void **state) {
  (void)state;
  ws_bytes a = {NULL, 0};
  ws_bytes view = lent_bytes("", 0);
  assert_int_equal(ws_bytes_set(&a, NULL, 0), WS_OK);
  assert_null(a.ptr);
  assert_true(ws_bytes_equal(&a, &view));
}

static ws_bytes sweep_bytes;
static ws_status op_bytes_copy(void *ctx) {
  const ws_bytes *src = ctx;
  return ws_bytes_copy(&sweep_bytes, src);
}
static void cleanup_bytes(void *ctx) {
  (void)ctx;
  ws_bytes_free(&sweep_bytes);
}

static ws_status op_str_copy(void *ctx) {
  return ws_str_copy(&sweep_str, (const ws_str *)ctx);
}

static void test_str_copy_allocation_failure_sweep(void **state) {
  (void)state;
  ws_str src = lent_str("copied text", 11);
  assert_int_equal(failalloc_check(op_str_copy, cleanup_str, &src), 1);
}

static ws_status op_bytes_set(void *ctx) {
  (void)ctx;
  return ws_bytes_set(&sweep_bytes, "\x00\xff", 2);
}

static void test_bytes_set_allocation_failure_sweep(void **state) {
  (void)state;
  assert_int_equal(failalloc_check(op_bytes_set, cleanup_bytes, NULL), 1);
}

static void test_bytes_copy_allocation_failure_sweep(void **state) {
  (void)state;
  ws_bytes src = lent_bytes("\x01\x02\x03", 3);
  assert_int_equal(failalloc_check(op_bytes_copy, cleanup_bytes, &src), 1);
}

/* ---- ws_list ---------------------------------------------------------- */

static void test_grow_zeroes_new_slots(void **state) {
  (void)state;
  int64_t *items = NULL;
  size_t cap = 0;
  void *p = items;
  assert_int_equal(ws_grow(&p, &cap, 3, sizeof *items), WS_OK);
  items = p;
  assert_true(cap >= 3);
  for (size_t i = 0; i < cap; i++) {
    assert_int_equal(items[i], 0);
  }
  items[0] = 7;
  size_t old_cap = cap;
  assert_int_equal(ws_grow(&p, &cap, old_cap + 1, sizeof *items), WS_OK);
  items = p;
  assert_true(cap > old_cap);
  assert_int_equal(items[0], 7);
  for (size_t i = old_cap; i < cap; i++) {
    assert_int_equal(items[i], 0);
  }
  ws_array_free(items);
}

static void test_grow_is_geometric(void **state) {
  (void)state;
  void *p = NULL;
  size_t cap = 0;
  failalloc_install();
  for (size_t need = 1; need <= 1000; need++) {
    assert_int_equal(ws_grow(&p, &cap, need, 8), WS_OK);
  }
  /* Doubling from 4 to >= 1000 takes 8 reallocations, not 1000. */
  assert_true(failalloc_calls() <= 10);
  ws_array_free(p);
  failalloc_uninstall();
}

static void test_grow_within_capacity_does_nothing(void **state) {
  (void)state;
  void *p = NULL;
  size_t cap = 0;
  assert_int_equal(ws_grow(&p, &cap, 8, 1), WS_OK);
  void *before = p;
  size_t cap_before = cap;
  failalloc_install();
  assert_int_equal(ws_grow(&p, &cap, cap_before, 1), WS_OK);
  assert_int_equal(failalloc_calls(), 0);
  failalloc_uninstall();
  assert_ptr_equal(p, before);
  assert_int_equal(cap, cap_before);
  ws_array_free(p);
}

static void test_grow_refuses_size_overflow(void **state) {
  (void)state;
  void *p = NULL;
  size_t cap = 0;
  assert_int_equal(ws_grow(&p, &cap, SIZE_MAX / 2, 16), WS_ENOMEM);
  assert_null(p);
  assert_int_equal(cap, 0);
}

static void test_grow_failure_changes_nothing(void **state) {
  (void)state;
  void *p = NULL;
  size_t cap = 0;
  assert_int_equal(ws_grow(&p, &cap, 4, 4), WS_OK);
  memset(p, 0x11, cap * 4);
  void *before = p;
  size_t cap_before = cap;
  failalloc_install();
  failalloc_fail_at(1);
  assert_int_equal(ws_grow(&p, &cap, 100, 4), WS_ENOMEM);
  failalloc_uninstall();
  assert_ptr_equal(p, before);
  assert_int_equal(cap, cap_before);
  assert_int_equal(((unsigned char *)p)[0], 0x11);
  ws_array_free(p);
}

static void test_grow_zero_element_size_is_invalid(void **state) {
  (void)state;
  void *p = NULL;
  size_t cap = 0;
  assert_int_equal(ws_grow(&p, &cap, 1, 0), WS_EINVAL);
  assert_null(p);
}

static void test_keys_find_exact_match(void **state) {
  (void)state;
  ws_str keys[4] = {lent_str("foo", 3), lent_str("Foo", 3), lent_str("", 0),
                    lent_str("a\0b", 3)};
  assert_int_equal(ws_keys_find(keys, 4, "foo", 3), 0);
  assert_int_equal(ws_keys_find(keys, 4, "Foo", 3), 1);
  assert_int_equal(ws_keys_find(keys, 4, "", 0), 2);
  assert_int_equal(ws_keys_find(keys, 4, "a\0b", 3), 3);
  assert_int_equal(ws_keys_find(keys, 4, "a", 1), 4);
  assert_int_equal(ws_keys_find(keys, 4, "fo", 2), 4);
  assert_int_equal(ws_keys_find(NULL, 0, "x", 1), 0);
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_str_set_copies_and_terminates),
      cmocka_unit_test(test_str_set_keeps_embedded_nul),
      cmocka_unit_test(test_str_set_empty_is_null_zero),
      cmocka_unit_test(test_str_set_from_part_of_itself),
      cmocka_unit_test(test_str_set_failure_leaves_value_unchanged),
      cmocka_unit_test(test_str_set_allocation_failure_sweep),
      cmocka_unit_test(test_str_copy_is_deep),
      cmocka_unit_test(test_str_copy_replaces_existing_value),
      cmocka_unit_test(test_str_free_twice_is_safe),
      cmocka_unit_test(test_str_equal_compares_bytes_and_length),
      cmocka_unit_test(test_cstr_view_of_null_is_empty),
      cmocka_unit_test(test_set_view_and_view_of),
      cmocka_unit_test(test_bytes_set_copy_equal_free),
      cmocka_unit_test(test_bytes_set_empty_and_equal_empty),
      cmocka_unit_test(test_str_copy_allocation_failure_sweep),
      cmocka_unit_test(test_bytes_set_allocation_failure_sweep),
      cmocka_unit_test(test_bytes_copy_allocation_failure_sweep),
      cmocka_unit_test(test_grow_zeroes_new_slots),
      cmocka_unit_test(test_grow_is_geometric),
      cmocka_unit_test(test_grow_within_capacity_does_nothing),
      cmocka_unit_test(test_grow_refuses_size_overflow),
      cmocka_unit_test(test_grow_failure_changes_nothing),
      cmocka_unit_test(test_grow_zero_element_size_is_invalid),
      cmocka_unit_test(test_keys_find_exact_match),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
