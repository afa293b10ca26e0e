/* Tests for ws_pv.h: the pformat views of the scalar kinds, and what
 * pformat prints from them. */
#include "failalloc.h"

#include "ws_pv.h"
#include "lent.h"

static void expect_printed(const ws_pv *pv, const char *text) {
  ws_buf b;
  ws_buf_init(&b);
  ws_pformat(&b, pv);
  assert_int_equal(b.status, WS_OK);
  assert_string_equal(b.data, text);
  ws_buf_free(&b);
}

static void test_str_view(void **state) {
  (void)state;
  ws_str s = lent_cstr("it's");
  ws_pv pv;
  ws_str_pv(&s, &pv);
  assert_int_equal(pv.kind, WS_PV_STR);
  assert_int_equal(pv.n, 4);
  assert_null(pv.child);
  expect_printed(&pv, "\"it's\"");
  ws_str empty = {NULL, 0};
  ws_str_pv(&empty, &pv);
  expect_printed(&pv, "''");
}

static void test_bytes_view_of_nothing_is_empty(void **state) {
  (void)state;
  ws_bytes none = {NULL, 0};
  ws_bytes some = {(unsigned char *)"\x01"
                                    "a",
                   2};
  ws_pv pv;
  ws_bytes_pv(&none, &pv);
  assert_int_equal(pv.kind, WS_PV_BYTES);
  assert_non_null(pv.s);
  expect_printed(&pv, "b''");
  ws_bytes_pv(&some, &pv);
  expect_printed(&pv, "b'\\x01a'");
}

static void test_int_and_bool_views(void **state) {
  (void)state;
  int64_t i = -42;
  bool t = true;
  ws_pv pv;
  ws_int_pv(&i, &pv);
  assert_int_equal(pv.kind, WS_PV_INT);
  expect_printed(&pv, "-42");
  ws_bool_pv(&t, &pv);
  assert_int_equal(pv.kind, WS_PV_BOOL);
  expect_printed(&pv, "True");
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_str_view),
      cmocka_unit_test(test_bytes_view_of_nothing_is_empty),
      cmocka_unit_test(test_int_and_bool_views),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
