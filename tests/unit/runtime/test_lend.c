/* Tests for ws_lend.c: the composites' setters that take text as a view,
 * over hand-written composites laid out as generated ones are (list<str>,
 * bytes?, map<str, str>). */
#include "failalloc.h"

#include <string.h>

#include "ws_lend.h"

typedef struct t_list_str {
  ws_str *items;
  size_t len;
  size_t cap;
} t_list_str;

typedef struct t_opt_bytes {
  bool present;
  ws_bytes value;
} t_opt_bytes;

typedef struct t_map_str {
  ws_str *keys;
  ws_str *values;
  size_t len;
  size_t cap;
  struct ws_name_index *index;
} t_map_str;

static const ws_kind list_str_kind;
static void list_str_child(const void *obj, size_t index, const char **key,
                           size_t *key_len, ws_pv *value) {
  ws_list_child(&list_str_kind, obj, index, key, key_len, value);
}
static const ws_kind list_str_kind =
    WS_LIST_KIND(t_list_str, "list<str>", &ws_str_kind, list_str_child);

static const ws_kind opt_bytes_kind =
    WS_OPT_KIND(t_opt_bytes, "bytes?", &ws_bytes_kind);

static const ws_kind map_str_kind;
static void map_str_child(const void *obj, size_t index, const char **key,
                          size_t *key_len, ws_pv *value) {
  ws_map_child(&map_str_kind, obj, index, key, key_len, value);
}
static void map_str_key(const void *obj, size_t index, const char **key,
                        size_t *key_len) {
  ws_map_key(&map_str_kind, obj, index, key, key_len);
}
static const ws_kind map_str_kind = WS_MAP_KIND(
    t_map_str, "map<str, str>", &ws_str_kind, map_str_child, map_str_key);

/* The copy is the list's own: NUL-terminated, not the caller's memory. */
static void test_list_append_text_copies(void **state) {
  (void)state;
  char word[] = "chat!";
  t_list_str l;
  memset(&l, 0, sizeof l);
  assert_int_equal(ws_list_append_text(&list_str_kind, &l, word, 4), WS_OK);
  word[0] = 'X';
  assert_int_equal(l.len, 1);
  assert_string_equal(ws_str_c(&l.items[0]), "chat");
  assert_int_equal(ws_list_append_text(&list_str_kind, &l, NULL, 0), WS_OK);
  assert_int_equal(l.len, 2);
  assert_int_equal(l.items[1].len, 0);
  ws_kind_free(&list_str_kind, &l);
}

/* A view of an item may be appended while the list grows under it. */
static void test_list_append_text_of_own_item(void **state) {
  (void)state;
  t_list_str l;
  memset(&l, 0, sizeof l);
  assert_int_equal(ws_list_append_text(&list_str_kind, &l, "x", 1), WS_OK);
  for (int i = 0; i < 20; i++)
    assert_int_equal(
        ws_list_append_text(&list_str_kind, &l, l.items[0].ptr, l.items[0].len),
        WS_OK);
  assert_int_equal(l.len, 21);
  assert_string_equal(ws_str_c(&l.items[20]), "x");
  ws_kind_free(&list_str_kind, &l);
}

/* A bytes element is lent as bytes: every octet kept, NULs too. */
static void test_opt_set_text_of_bytes(void **state) {
  (void)state;
  t_opt_bytes o;
  memset(&o, 0, sizeof o);
  assert_int_equal(ws_opt_set_text(&opt_bytes_kind, &o, "\0\xff\0", 3), WS_OK);
  assert_true(o.present);
  assert_int_equal(o.value.len, 3);
  assert_memory_equal(o.value.ptr, "\0\xff\0", 3);
  assert_int_equal(ws_opt_set_text(&opt_bytes_kind, &o, o.value.ptr + 1, 1),
                   WS_OK);
  assert_int_equal(o.value.len, 1);
  assert_int_equal(o.value.ptr[0], 0xff);
  ws_kind_free(&opt_bytes_kind, &o);
  assert_false(o.present);
}

static void test_map_set_text_and_get(void **state) {
  (void)state;
  t_map_str m;
  memset(&m, 0, sizeof m);
  assert_int_equal(ws_map_set_text(&map_str_kind, &m, ws_cstr("a"), "1", 1),
                   WS_OK);
  assert_int_equal(ws_map_set_text(&map_str_kind, &m, ws_cstr("b"), "2", 1),
                   WS_OK);
  /* an existing key's value is replaced in place, from a view of itself */
  const ws_str *b = ws_map_get(&map_str_kind, &m, ws_cstr("b"));
  assert_non_null(b);
  assert_int_equal(
      ws_map_set_text(&map_str_kind, &m, ws_cstr("a"), b->ptr, b->len), WS_OK);
  assert_int_equal(m.len, 2);
  const ws_str *a = ws_map_get(&map_str_kind, &m, ws_cstr("a"));
  assert_non_null(a);
  assert_true(ws_str_is(a, ws_cstr("2")));
  assert_null(ws_map_get(&map_str_kind, &m, ws_cstr("c")));
  ws_kind_free(&map_str_kind, &m);
}

static t_map_str sweep_map;
static ws_status op_map_set_text(void *ctx) {
  (void)ctx;
  return ws_map_set_text(&map_str_kind, &sweep_map, ws_cstr("key"), "value", 5);
}
static void cleanup_map(void *ctx) {
  (void)ctx;
  ws_kind_free(&map_str_kind, &sweep_map);
}

static t_list_str sweep_list;
static ws_status op_list_append_text(void *ctx) {
  (void)ctx;
  return ws_list_append_text(&list_str_kind, &sweep_list, "item", 4);
}
static void cleanup_list(void *ctx) {
  (void)ctx;
  ws_kind_free(&list_str_kind, &sweep_list);
}

static t_opt_bytes sweep_opt;
static ws_status op_opt_set_text(void *ctx) {
  (void)ctx;
  return ws_opt_set_text(&opt_bytes_kind, &sweep_opt, "\x01\x02", 2);
}
static void cleanup_opt(void *ctx) {
  (void)ctx;
  ws_kind_free(&opt_bytes_kind, &sweep_opt);
}

static void test_allocation_failure_sweeps(void **state) {
  (void)state;
  assert_true(failalloc_check(op_map_set_text, cleanup_map, NULL) >= 2);
  assert_true(failalloc_check(op_list_append_text, cleanup_list, NULL) >= 2);
  assert_true(failalloc_check(op_opt_set_text, cleanup_opt, NULL) >= 1);
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_list_append_text_copies),
      cmocka_unit_test(test_list_append_text_of_own_item),
      cmocka_unit_test(test_opt_set_text_of_bytes),
      cmocka_unit_test(test_map_set_text_and_get),
      cmocka_unit_test(test_allocation_failure_sweeps),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
