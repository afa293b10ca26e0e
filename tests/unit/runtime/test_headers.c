/* Tests for ws_headers.c: the ordered, case-insensitive header map (add,
 * get, set, remove, copy, equal, under allocation failure) and the checks
 * of names and values for the wire. The map written out as a dict of
 * groups, JSON and the pformat view, is test_headers_grouped.c's. */
#include "failalloc.h"

#include <string.h>

#include "headers_check.h"

/* ---- helpers ------------------------------------------------------------- */

static void expect_text(const ws_str *v, const char *expected) {
  assert_non_null(v);
  assert_int_equal(v->len, strlen(expected));
  assert_string_equal(ws_str_c(v), expected);
}

/* ---- life cycle ---------------------------------------------------------- */

static void test_all_zero_is_empty_map(void **state) {
  (void)state;
  ws_headers h;
  memset(&h, 0, sizeof h);
  assert_null(ws_headers_get(&h, S("Host")));
  assert_int_equal(ws_headers_count(&h, S("Host")), 0);
  assert_int_equal(ws_headers_remove(&h, S("Host")), 0);
  expect_json(&h, WS_JSON_COMPACT, "{}");
  ws_headers_free(&h);
}

static void test_init_and_free_twice(void **state) {
  (void)state;
  ws_headers h;
  ws_headers_init(&h);
  add(&h, "A", "1");
  ws_headers_free(&h);
  ws_headers_free(&h);
  assert_null(h.items);
  assert_int_equal(h.len, 0);
  assert_int_equal(h.cap, 0);
}

/* ---- add, get, count, nth ------------------------------------------------ */

static void test_add_keeps_order_and_spelling(void **state) {
  (void)state;
  ws_headers h;
  ws_headers_init(&h);
  add(&h, "Host", "example.com");
  add(&h, "set-cookie", "a=1");
  add(&h, "Set-Cookie", "b=2");
  assert_int_equal(h.len, 3);
  expect_text(&h.items[0].name, "Host");
  expect_text(&h.items[1].name, "set-cookie");
  expect_text(&h.items[2].name, "Set-Cookie");
  expect_text(&h.items[2].value, "b=2");
  ws_headers_free(&h);
}

static void test_add_copies_its_arguments(void **state) {
  (void)state;
  char name[] = "Name";
  char value[] = "value";
  ws_headers h;
  ws_headers_init(&h);
  add(&h, name, value);
  name[0] = 'X';
  value[0] = 'X';
  expect_text(ws_headers_get(&h, S("name")), "value");
  ws_headers_free(&h);
}

static void test_add_keeps_embedded_nul_and_empty_value(void **state) {
  (void)state;
  ws_headers h;
  ws_headers_init(&h);
  assert_int_equal(ws_headers_add(&h, S("X"), S("a\0b")), WS_OK);
  assert_int_equal(ws_headers_add(&h, S("Empty"), S("")), WS_OK);
  assert_int_equal(ws_headers_get(&h, S("x"))->len, 3);
  expect_text(ws_headers_get(&h, S("EMPTY")), "");
  ws_headers_free(&h);
}

static void test_get_ignores_ascii_case_returns_first(void **state) {
  (void)state;
  ws_headers h;
  ws_headers_init(&h);
  add(&h, "Accept", "text/html");
  add(&h, "ACCEPT", "text/plain");
  expect_text(ws_headers_get(&h, S("accept")), "text/html");
  expect_text(ws_headers_get(&h, S("aCcEpT")), "text/html");
  assert_null(ws_headers_get(&h, S("Accep")));
  assert_null(ws_headers_get(&h, S("Accept ")));
  ws_headers_free(&h);
}

static void test_case_folding_is_ascii_only(void **state) {
  (void)state;
  ws_headers h;
  ws_headers_init(&h);
  add(&h, "X-\xc3\xa9", "1"); /* é: not folded to É */
  assert_null(ws_headers_get(&h, S("x-\xc3\x89")));
  expect_text(ws_headers_get(&h, S("x-\xc3\xa9")), "1");
  ws_headers_free(&h);
}

static void test_count_and_nth(void **state) {
  (void)state;
  ws_headers h;
  ws_headers_init(&h);
  add(&h, "Via", "1");
  add(&h, "Host", "h");
  add(&h, "via", "2");
  add(&h, "VIA", "3");
  assert_int_equal(ws_headers_count(&h, S("Via")), 3);
  assert_int_equal(ws_headers_count(&h, S("host")), 1);
  assert_int_equal(ws_headers_count(&h, S("Age")), 0);
  expect_text(ws_headers_get_nth(&h, S("via"), 0), "1");
  expect_text(ws_headers_get_nth(&h, S("via"), 1), "2");
  expect_text(ws_headers_get_nth(&h, S("via"), 2), "3");
  assert_null(ws_headers_get_nth(&h, S("via"), 3));
  assert_null(ws_headers_get_nth(&h, S("Age"), 0));
  ws_headers_free(&h);
}

/* ---- get_joined ---------------------------------------------------------- */

static void test_get_joined_with_comma_space(void **state) {
  (void)state;
  ws_headers h;
  ws_headers_init(&h);
  add(&h, "Accept", "a");
  add(&h, "Other", "x");
  add(&h, "accept", "b");
  add(&h, "ACCEPT", "");
  ws_str out = {NULL, 0};
  assert_int_equal(ws_headers_get_joined(&h, S("Accept"), &out), WS_OK);
  expect_text(&out, "a, b, ");
  assert_int_equal(ws_headers_get_joined(&h, S("other"), &out), WS_OK);
  expect_text(&out, "x"); /* LSan: the earlier result was freed */
  ws_str_free(&out);
  ws_headers_free(&h);
}

static void test_get_joined_absent_gives_empty(void **state) {
  (void)state;
  ws_headers h;
  ws_headers_init(&h);
  add(&h, "A", "1");
  ws_str out = {NULL, 0};
  assert_int_equal(ws_str_set(&out, "old", 3), WS_OK);
  assert_int_equal(ws_headers_get_joined(&h, S("B"), &out), WS_OK);
  assert_null(out.ptr);
  assert_int_equal(out.len, 0);
  ws_headers_free(&h);
}

static void test_get_joined_failure_keeps_out(void **state) {
  (void)state;
  ws_headers h;
  ws_headers_init(&h);
  add(&h, "A", "1");
  add(&h, "a", "2");
  ws_str out = {NULL, 0};
  assert_int_equal(ws_str_set(&out, "old", 3), WS_OK);
  failalloc_install();
  failalloc_fail_at(1);
  assert_int_equal(ws_headers_get_joined(&h, S("A"), &out), WS_ENOMEM);
  failalloc_uninstall();
  expect_text(&out, "old");
  ws_str_free(&out);
  ws_headers_free(&h);
}

/* ---- set, remove --------------------------------------------------------- */

static void test_set_replaces_every_spelling_and_appends(void **state) {
  (void)state;
  ws_headers h;
  ws_headers_init(&h);
  add(&h, "Cookie", "1");
  add(&h, "Host", "h");
  add(&h, "COOKIE", "2");
  assert_int_equal(ws_headers_set(&h, S("cookie"), S("3")), WS_OK);
  assert_int_equal(h.len, 2);
  expect_text(&h.items[0].name, "Host");
  expect_text(&h.items[1].name, "cookie");
  expect_text(&h.items[1].value, "3");
  ws_headers_free(&h);
}

static void test_set_on_absent_name_adds(void **state) {
  (void)state;
  ws_headers h;
  ws_headers_init(&h);
  assert_int_equal(ws_headers_set(&h, S("New"), S("v")), WS_OK);
  assert_int_equal(h.len, 1);
  expect_text(ws_headers_get(&h, S("new")), "v");
  ws_headers_free(&h);
}

static void test_set_failure_leaves_map_unchanged(void **state) {
  (void)state;
  ws_headers h;
  ws_headers_init(&h);
  add(&h, "A", "1");
  add(&h, "B", "2");
  add(&h, "a", "3");
  add(&h, "C", "4"); /* full: capacity 4, so set must grow */
  /* Every allocation set makes fails in turn (room that grew on an earlier
   * try is no change to the map), until one set goes through. */
  size_t n = 1;
  for (;; n++) {
    failalloc_install();
    failalloc_fail_at(n);
    ws_status st = ws_headers_set(&h, S("A"), S("new"));
    failalloc_uninstall();
    if (st == WS_OK) {
      break;
    }
    assert_int_equal(st, WS_ENOMEM);
    assert_int_equal(h.len, 4);
    assert_int_equal(ws_headers_count(&h, S("a")), 2);
    expect_text(ws_headers_get_nth(&h, S("a"), 1), "3");
  }
  assert_true(n >= 3); /* room, name, value */
  assert_int_equal(h.len, 3);
  expect_text(ws_headers_get(&h, S("a")), "new");
  ws_headers_free(&h);
}

static void test_remove_counts_and_keeps_others_in_order(void **state) {
  (void)state;
  ws_headers h;
  ws_headers_init(&h);
  add(&h, "X", "1");
  add(&h, "A", "a");
  add(&h, "x", "2");
  add(&h, "B", "b");
  add(&h, "X", "3");
  assert_int_equal(ws_headers_remove(&h, S("x")), 3);
  assert_int_equal(h.len, 2);
  expect_text(&h.items[0].name, "A");
  expect_text(&h.items[1].name, "B");
  assert_int_equal(ws_headers_remove(&h, S("x")), 0);
  ws_headers_free(&h);
}

/* ---- copy, equal --------------------------------------------------------- */

static void test_copy_is_deep_and_equal(void **state) {
  (void)state;
  ws_headers h, c;
  ws_headers_init(&h);
  add(&h, "A", "1");
  add(&h, "b", "2");
  ws_headers_init(&c);
  add(&c, "old", "value"); /* replaced, and freed (LSan) */
  assert_int_equal(ws_headers_copy(&c, &h), WS_OK);
  assert_true(ws_headers_equal(&h, &c));
  assert_ptr_not_equal(c.items[0].name.ptr, h.items[0].name.ptr);
  ws_headers_free(&h);
  expect_text(ws_headers_get(&c, S("B")), "2");
  ws_headers_free(&c);
}

static void test_copy_of_empty(void **state) {
  (void)state;
  ws_headers h, c;
  ws_headers_init(&h);
  ws_headers_init(&c);
  assert_int_equal(ws_headers_copy(&c, &h), WS_OK);
  assert_int_equal(c.len, 0);
  assert_true(ws_headers_equal(&h, &c));
  ws_headers_free(&c);
}

static void test_equal_is_exact_and_dict_like(void **state) {
  (void)state;
  ws_headers a, b;
  ws_headers_init(&a);
  ws_headers_init(&b);
  add(&a, "A", "1");
  add(&a, "B", "2");
  add(&b, "B", "2");
  add(&b, "A", "1");
  assert_true(ws_headers_equal(&a, &b)); /* names in any order, as a dict */
  ws_headers_free(&b);
  add(&b, "a", "1");
  add(&b, "B", "2");
  assert_false(ws_headers_equal(&a, &b)); /* spelling matters */
  ws_headers_free(&b);
  add(&b, "A", "1");
  assert_false(ws_headers_equal(&a, &b)); /* length matters */
  add(&b, "B", "2");
  assert_true(ws_headers_equal(&a, &b));
  ws_headers_free(&a);
  ws_headers_free(&b);
}

/* ---- allocation failure sweeps ------------------------------------------- */

typedef struct sweep_ctx {
  ws_headers h;
  ws_headers src;
  ws_str out;
} sweep_ctx;

static ws_status op_add_many(void *ctx) {
  sweep_ctx *c = ctx;
  static const char *const names[] = {"A", "b", "C", "d", "E", "f", "G"};
  for (size_t i = 0; i < 7; i++) {
    ws_status status = ws_headers_add(&c->h, ws_cstr(names[i]), S("value"));
    if (status != WS_OK) {
      return status;
    }
  }
  return WS_OK;
}

static ws_status op_set(void *ctx) {
  sweep_ctx *c = ctx;
  return ws_headers_set(&c->h, S("name"), S("value"));
}

static ws_status op_copy(void *ctx) {
  sweep_ctx *c = ctx;
  return ws_headers_copy(&c->h, &c->src);
}

static ws_status op_joined(void *ctx) {
  sweep_ctx *c = ctx;
  return ws_headers_get_joined(&c->src, S("a"), &c->out);
}

static void cleanup_sweep(void *ctx) {
  sweep_ctx *c = ctx;
  ws_headers_free(&c->h);
  ws_str_free(&c->out);
}

static void test_add_allocation_failure_sweep(void **state) {
  (void)state;
  sweep_ctx c;
  memset(&c, 0, sizeof c);
  assert_true(failalloc_check(op_add_many, cleanup_sweep, &c) >= 14);
}

static void test_set_allocation_failure_sweep(void **state) {
  (void)state;
  sweep_ctx c;
  memset(&c, 0, sizeof c);
  assert_int_equal(failalloc_check(op_set, cleanup_sweep, &c), 3);
}

static void test_copy_and_joined_allocation_failure_sweeps(void **state) {
  (void)state;
  sweep_ctx c;
  memset(&c, 0, sizeof c);
  add(&c.src, "A", "1");
  add(&c.src, "a", "2");
  add(&c.src, "B", "3");
  assert_int_equal(failalloc_check(op_copy, cleanup_sweep, &c), 7);
  assert_int_equal(failalloc_check(op_joined, cleanup_sweep, &c), 1);
  ws_headers_free(&c.src);
}

/* ---- wire checks --------------------------------------------------------- */

static void test_name_ok_accepts_tokens(void **state) {
  (void)state;
  assert_true(ws_header_name_ok(S("Sec-WebSocket-Key")));
  assert_true(ws_header_name_ok(S("!#$%&'*+-.^_`|~09azAZ")));
}

static void test_name_ok_refuses_non_tokens(void **state) {
  (void)state;
  assert_false(ws_header_name_ok(S("")));
  assert_false(ws_header_name_ok(S("Bad Name")));
  assert_false(ws_header_name_ok(S("Bad:Name")));
  assert_false(ws_header_name_ok(S("a\0b")));
  assert_false(ws_header_name_ok(S("x\r")));
  assert_false(ws_header_name_ok(S("caf\xc3\xa9")));
  assert_false(ws_header_name_ok(S("(x)")));
  assert_false(ws_header_name_ok(S("a\"b")));
  assert_false(ws_header_name_ok(S("\x7f")));
}

static void test_value_ok(void **state) {
  (void)state;
  assert_true(ws_header_value_ok(S("")));
  assert_true(ws_header_value_ok(S("text/html; q=0.9,\t*/*")));
  assert_true(ws_header_value_ok(S("caf\xc3\xa9")));
  assert_false(ws_header_value_ok(S("a\rb")));
  assert_false(ws_header_value_ok(S("a\nb")));
  assert_false(ws_header_value_ok(S("a\0b")));
  /* RFC 7230: HTAB, SP, VCHAR, obs-text; no other control, nor DEL */
  assert_true(ws_header_value_ok(S(" \t!~\x80" "\xff")));
  assert_false(ws_header_value_ok(S("a\x7f")));
  assert_false(ws_header_value_ok(S("\x01")));
  assert_false(ws_header_value_ok(S("a\x1f" "b")));
  assert_false(ws_header_value_ok(S("\x0b")));
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_all_zero_is_empty_map),
      cmocka_unit_test(test_init_and_free_twice),
      cmocka_unit_test(test_add_keeps_order_and_spelling),
      cmocka_unit_test(test_add_copies_its_arguments),
      cmocka_unit_test(test_add_keeps_embedded_nul_and_empty_value),
      cmocka_unit_test(test_get_ignores_ascii_case_returns_first),
      cmocka_unit_test(test_case_folding_is_ascii_only),
      cmocka_unit_test(test_count_and_nth),
      cmocka_unit_test(test_get_joined_with_comma_space),
      cmocka_unit_test(test_get_joined_absent_gives_empty),
      cmocka_unit_test(test_get_joined_failure_keeps_out),
      cmocka_unit_test(test_set_replaces_every_spelling_and_appends),
      cmocka_unit_test(test_set_on_absent_name_adds),
      cmocka_unit_test(test_set_failure_leaves_map_unchanged),
      cmocka_unit_test(test_remove_counts_and_keeps_others_in_order),
      cmocka_unit_test(test_copy_is_deep_and_equal),
      cmocka_unit_test(test_copy_of_empty),
      cmocka_unit_test(test_equal_is_exact_and_dict_like),
      cmocka_unit_test(test_add_allocation_failure_sweep),
      cmocka_unit_test(test_set_allocation_failure_sweep),
      cmocka_unit_test(test_copy_and_joined_allocation_failure_sweeps),
      cmocka_unit_test(test_name_ok_accepts_tokens),
      cmocka_unit_test(test_name_ok_refuses_non_tokens),
      cmocka_unit_test(test_value_ok),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
