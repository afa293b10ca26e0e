/* Tests for ws_name_index.c through its owners: a header map and a
 * map<str, T> built one call at a time cost O(n) however large they grow,
 * shown with no clock by the work the index counts (lookups and steps,
 * internal/ws_name_index.h); the index keeps every rule of the maps
 * (exact names for add, any case for set, insertion order, lists); and
 * it fails as allocation does, with the map unchanged. */
#include "failalloc.h"

#include <stdio.h>
#include <string.h>

#include "headers_check.h"
#include "internal/ws_name_index.h"
#include "ws_kind.h"

/* map<str, str>, laid out as a generated map is. */
typedef struct t_map {
  ws_str *keys;
  ws_str *values;
  size_t len;
  size_t cap;
  struct ws_name_index *index;
} t_map;

static const ws_kind map_kind;
static void map_child(const void *obj, size_t index, const char **key,
                      size_t *key_len, ws_pv *value) {
  ws_map_child(&map_kind, obj, index, key, key_len, value);
}
static void map_key(const void *obj, size_t index, const char **key,
                    size_t *key_len) {
  ws_map_key(&map_kind, obj, index, key, key_len);
}
static const ws_kind map_kind =
    WS_MAP_KIND(t_map, "map<str, str>", &ws_str_kind, map_child, map_key);

static ws_status map_set(t_map *m, ws_strview key, const ws_str *value) {
  return ws_map_set(&map_kind, m, key, value);
}

#define MANY 10000

static char names[MANY][16];

static int make_names(void **state) {
  (void)state;
  for (size_t i = 0; i < MANY; i++)
    snprintf(names[i], sizeof names[i], "X-Name-%05zu", i);
  return 0;
}

static ws_strview name(size_t i) {
  return ws_cstr(names[i]);
}

/* The index's work stays within a few steps an entry: a pass per call
 * would be MANY * MANY / 2 steps. */
static void expect_linear(const ws_name_index *x, size_t lookups) {
  assert_non_null(x);
  assert_int_equal(x->lookups, lookups);
  assert_true(x->steps <= 8 * (size_t)MANY);
}

/* ---- headers -------------------------------------------------------------- */

static void test_headers_adds_cost_linear(void **state) {
  (void)state;
  ws_headers h;
  ws_headers_init(&h);
  for (size_t i = 0; i < MANY; i++)
    assert_int_equal(ws_headers_add(&h, name(i), S("a")), WS_OK);
  for (size_t i = 0; i < MANY; i++) /* each name's second value: lists */
    assert_int_equal(ws_headers_add(&h, name(i), S("b")), WS_OK);
  /* every add from WS_NAME_INDEX_FROM entries on looked its name up */
  expect_linear(h.index, 2 * MANY - WS_NAME_INDEX_FROM);
  assert_int_equal(h.len, 2 * MANY);
  for (size_t i = 0; i < MANY; i++) {
    assert_int_equal(h.items[i].shape, WS_HEADER_LIST_ITEM);
    assert_string_equal(ws_str_c(&h.items[i].value), "a");
    assert_string_equal(ws_str_c(&h.items[MANY + i].name), names[i]);
  }
  assert_int_equal(ws_headers_count(&h, ws_cstr("x-name-09999")), 2);
  ws_headers_free(&h);
  assert_null(h.index);
}

static void test_headers_sets_of_new_names_cost_linear(void **state) {
  (void)state;
  ws_headers h;
  ws_headers_init(&h);
  for (size_t i = 0; i < MANY; i++)
    assert_int_equal(ws_headers_set(&h, name(i), S("v")), WS_OK);
  /* each set asks whether its name is there in any case: no pass */
  expect_linear(h.index, MANY - WS_NAME_INDEX_FROM);
  assert_int_equal(h.len, MANY);
  /* a set of a name that is there, in another case, replaces it at the
   * end; the entries moved, so the index goes and comes back */
  assert_int_equal(ws_headers_set(&h, ws_cstr("x-name-00007"), S("new")),
                   WS_OK);
  assert_int_equal(h.len, MANY);
  assert_null(h.index);
  assert_string_equal(ws_str_c(&h.items[MANY - 1].name), "x-name-00007");
  assert_int_equal(ws_headers_count(&h, name(7)), 1);
  assert_int_equal(ws_headers_add(&h, name(8), S("again")), WS_OK);
  assert_non_null(h.index);
  assert_int_equal(ws_headers_count(&h, name(8)), 2);
  assert_int_equal(h.len, MANY + 1);
  ws_headers_free(&h);
}

/* Names spelled in two cases are two keys for add, one name for set and
 * remove, in a map large enough to have its index. */
static void test_headers_index_keeps_case_rules(void **state) {
  (void)state;
  ws_headers h;
  ws_headers_init(&h);
  for (size_t i = 0; i < 2 * WS_NAME_INDEX_FROM; i++)
    add(&h, names[i], "v");
  add(&h, "Vary", "1");
  add(&h, "vary", "2");
  add(&h, "Vary", "3");
  assert_non_null(h.index);
  size_t at = 2 * WS_NAME_INDEX_FROM;
  assert_int_equal(h.len, at + 3);
  assert_int_equal(h.items[at].shape, WS_HEADER_LIST_ITEM);    /* Vary: 1 */
  assert_int_equal(h.items[at + 1].shape, WS_HEADER_STRING);   /* vary: 2 */
  assert_int_equal(h.items[at + 2].shape, WS_HEADER_LIST_ITEM); /* Vary: 3 */
  assert_int_equal(ws_headers_count(&h, S("VARY")), 3);
  assert_int_equal(ws_headers_remove(&h, S("vARY")), 3);
  assert_int_equal(ws_headers_remove(&h, S("vary")), 0);
  assert_int_equal(h.len, at);
  const ws_strview none[1] = {{NULL, 0}};
  assert_int_equal(ws_headers_add_list(&h, S("Empty"), none, 0), WS_OK);
  add(&h, "Empty", "x"); /* the empty list's place takes the value */
  assert_int_equal(h.len, at + 1);
  assert_int_equal(h.items[at].shape, WS_HEADER_LIST_ITEM);
  ws_headers_free(&h);
}

/* A copy has no index; its first change builds one over every entry. */
static void test_headers_copy_builds_its_own_index(void **state) {
  (void)state;
  ws_headers h, c;
  ws_headers_init(&h);
  ws_headers_init(&c);
  for (size_t i = 0; i < 2 * WS_NAME_INDEX_FROM; i++)
    add(&h, names[i], "v");
  assert_int_equal(ws_headers_copy(&c, &h), WS_OK);
  assert_null(c.index);
  assert_true(ws_headers_equal(&c, &h));
  add(&c, names[3], "w");
  assert_non_null(c.index);
  assert_int_equal(c.len, h.len + 1);
  assert_int_equal(c.items[3].shape, WS_HEADER_LIST_ITEM);
  assert_false(ws_headers_equal(&c, &h));
  ws_headers_free(&h);
  ws_headers_free(&c);
}

/* ---- map<str, T> ------------------------------------------------------------ */

static void test_map_sets_cost_linear(void **state) {
  (void)state;
  t_map m, c;
  memset(&m, 0, sizeof m);
  memset(&c, 0, sizeof c);
  ws_str empty = {NULL, 0};
  ws_str one = {NULL, 0};
  assert_int_equal(ws_str_set_view(&one, S("x")), WS_OK);
  for (size_t i = 0; i < MANY; i++)
    assert_int_equal(map_set(&m, name(i), &empty), WS_OK);
  for (size_t i = 0; i < MANY; i++) /* replaced in place */
    assert_int_equal(map_set(&m, name(i), &one), WS_OK);
  expect_linear(m.index, 2 * MANY - WS_NAME_INDEX_FROM);
  assert_int_equal(m.len, MANY);
  assert_string_equal(ws_str_c(&m.keys[MANY - 1]), names[MANY - 1]);
  const ws_str *got = ws_map_get(&map_kind, &m, name(4321));
  assert_non_null(got);
  assert_string_equal(ws_str_c(got), "x");
  assert_null(ws_map_get(&map_kind, &m, ws_cstr("x-name-04321")));
  /* a copy has no index; equal builds one for the while, and frees it */
  assert_int_equal(ws_kind_assign(&map_kind, &c, &m), WS_OK);
  assert_null(c.index);
  assert_true(ws_kind_equal(&map_kind, &m, &c));
  assert_true(ws_kind_equal(&map_kind, &c, &m));
  assert_int_equal(map_set(&c, name(5), &empty), WS_OK);
  assert_false(ws_kind_equal(&map_kind, &m, &c));
  ws_kind_free(&map_kind, &m);
  assert_null(m.index);
  ws_kind_free(&map_kind, &c);
  ws_str_free(&one);
}

/* ---- allocation failure ---------------------------------------------------- */

typedef struct sweep_ctx {
  ws_headers h;
  t_map m;
} sweep_ctx;

/* Builds past WS_NAME_INDEX_FROM, so the index's allocations fail in turn
 * with the entries'. */
static ws_status op_headers(void *ctx) {
  sweep_ctx *c = ctx;
  for (size_t i = 0; i < WS_NAME_INDEX_FROM + 4; i++) {
    ws_status st = i % 2 ? ws_headers_set(&c->h, name(i), S("v"))
                         : ws_headers_add(&c->h, name(i), S("v"));
    if (st != WS_OK)
      return st;
  }
  return WS_OK;
}

static ws_status op_map(void *ctx) {
  sweep_ctx *c = ctx;
  ws_str value = {NULL, 0};
  for (size_t i = 0; i < WS_NAME_INDEX_FROM + 4; i++) {
    ws_status st = map_set(&c->m, name(i), &value);
    if (st != WS_OK)
      return st;
  }
  return WS_OK;
}

static void cleanup(void *ctx) {
  sweep_ctx *c = ctx;
  ws_headers_free(&c->h);
  ws_kind_free(&map_kind, &c->m);
}

static void test_index_allocation_failure_sweeps(void **state) {
  (void)state;
  sweep_ctx c;
  memset(&c, 0, sizeof c);
  assert_true(failalloc_check(op_headers, cleanup, &c) > WS_NAME_INDEX_FROM);
  assert_true(failalloc_check(op_map, cleanup, &c) > WS_NAME_INDEX_FROM);
}

/* The change that first needs the index fails when it cannot have it, and
 * leaves the map as it was; the next one builds it. */
static void test_failed_index_leaves_map_unchanged(void **state) {
  (void)state;
  ws_headers h;
  ws_headers_init(&h);
  for (size_t i = 0; i < WS_NAME_INDEX_FROM; i++)
    add(&h, names[i], "v");
  assert_null(h.index);
  failalloc_install();
  failalloc_fail_at(1);
  assert_int_equal(ws_headers_add(&h, name(0), S("w")), WS_ENOMEM);
  failalloc_uninstall();
  assert_null(h.index);
  assert_int_equal(h.len, WS_NAME_INDEX_FROM);
  assert_int_equal(h.items[0].shape, WS_HEADER_STRING);
  add(&h, names[0], "w");
  assert_non_null(h.index);
  assert_int_equal(h.items[0].shape, WS_HEADER_LIST_ITEM);
  ws_headers_free(&h);
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_headers_adds_cost_linear),
      cmocka_unit_test(test_headers_sets_of_new_names_cost_linear),
      cmocka_unit_test(test_headers_index_keeps_case_rules),
      cmocka_unit_test(test_headers_copy_builds_its_own_index),
      cmocka_unit_test(test_map_sets_cost_linear),
      cmocka_unit_test(test_index_allocation_failure_sweeps),
      cmocka_unit_test(test_failed_index_leaves_map_unchanged),
  };
  return cmocka_run_group_tests(tests, make_names, NULL);
}
