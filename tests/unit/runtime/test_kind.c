/* Tests for ws_kind.c and ws_kind_read.c: the operations of each kind and
 * of the composite shapes, over hand-written composites laid out as
 * generated ones are (list<str>, list<int>, str?, map<str, list<str>>). */
#include "failalloc.h"

#include <string.h>

#include "ws_kind.h"
#include "lent.h"

typedef struct t_list_str {
  ws_str *items;
  size_t len;
  size_t cap;
} t_list_str;

typedef struct t_list_int {
  int64_t *items;
  size_t len;
  size_t cap;
} t_list_int;

typedef struct t_opt_str {
  bool present;
  ws_str value;
} t_opt_str;

typedef struct t_opt_int {
  bool present;
  int64_t value;
} t_opt_int;
typedef struct t_list_opt_int {
  t_opt_int *items;
  size_t len;
  size_t cap;
} t_list_opt_int;

typedef struct t_map {
  ws_str *keys;
  t_list_str *values;
  size_t len;
  size_t cap;
  struct ws_name_index *index;
} t_map;

static const ws_kind list_str_kind;
static void list_str_child(const void *obj, size_t index, const char **key,
                           size_t *key_len, ws_pv *value) {
  ws_list_child(&list_str_kind, obj, index, key, key_len, value);
}
static const ws_kind list_str_kind =
    WS_LIST_KIND(t_list_str, "list<str>", &ws_str_kind, list_str_child);

static const ws_kind list_int_kind;
static void list_int_child(const void *obj, size_t index, const char **key,
                           size_t *key_len, ws_pv *value) {
  ws_list_child(&list_int_kind, obj, index, key, key_len, value);
}
static const ws_kind list_int_kind =
    WS_LIST_KIND(t_list_int, "list<int>", &ws_int_kind, list_int_child);

static const ws_kind opt_str_kind =
    WS_OPT_KIND(t_opt_str, "str?", &ws_str_kind);

static const ws_kind map_kind;
static void map_child(const void *obj, size_t index, const char **key,
                      size_t *key_len, ws_pv *value) {
  ws_map_child(&map_kind, obj, index, key, key_len, value);
}
static void map_key(const void *obj, size_t index, const char **key,
                    size_t *key_len) {
  ws_map_key(&map_kind, obj, index, key, key_len);
}
static const ws_kind map_kind = WS_MAP_KIND(t_map, "map<str, list<str>>",
                                            &list_str_kind, map_child, map_key);

static const ws_kind opt_int_kind =
    WS_OPT_KIND(t_opt_int, "int?", &ws_int_kind);
static const ws_kind list_opt_int_kind;
static void list_opt_int_child(const void *obj, size_t index, const char **key,
                               size_t *key_len, ws_pv *value) {
  ws_list_child(&list_opt_int_kind, obj, index, key, key_len, value);
}
static const ws_kind list_opt_int_kind = WS_LIST_KIND(
    t_list_opt_int, "list<int?>", &opt_int_kind, list_opt_int_child);

/* pformat of a value of kind k. */
static void expect_str(const ws_kind *k, const void *v, const char *text) {
  ws_buf b;
  ws_pv pv;
  ws_buf_init(&b);
  ws_kind_pv(k, v, &pv);
  ws_pformat(&b, &pv);
  assert_int_equal(b.status, WS_OK);
  assert_string_equal(b.data, text);
  ws_buf_free(&b);
}

static void add_words(t_list_str *l, const char *const *words, size_t n) {
  for (size_t i = 0; i < n; i++) {
    ws_str w = lent_cstr(words[i]);
    assert_int_equal(ws_list_append(&list_str_kind, l, &w), WS_OK);
  }
}

static void test_list_append_copy_equal_free(void **state) {
  (void)state;
  static const char *const words[] = {"a", "bc", "def"};
  t_list_str l, c;
  memset(&l, 0, sizeof l);
  add_words(&l, words, 3);
  assert_int_equal(l.len, 3);
  assert_string_equal(ws_str_c(&l.items[2]), "def");
  assert_int_equal(ws_kind_copy(&list_str_kind, &c, &l), WS_OK);
  assert_true(ws_kind_equal(&list_str_kind, &c, &l));
  assert_ptr_not_equal(c.items[0].ptr, l.items[0].ptr);
  ws_str_free(&c.items[1]);
  assert_false(ws_kind_equal(&list_str_kind, &c, &l));
  expect_str(&list_str_kind, &l, "['a', 'bc', 'def']");
  ws_kind_free(&list_str_kind, &l);
  ws_kind_free(&list_str_kind, &c);
  assert_null(l.items);
  assert_int_equal(l.len, 0);
  ws_kind_free(&list_str_kind, &l); /* twice is fine */
}

/* The item may point into the list, which grows under it. */
static void test_list_append_own_item(void **state) {
  (void)state;
  t_list_str l;
  memset(&l, 0, sizeof l);
  ws_str w = lent_cstr("x");
  assert_int_equal(ws_list_append(&list_str_kind, &l, &w), WS_OK);
  for (int i = 0; i < 20; i++)
    assert_int_equal(ws_list_append(&list_str_kind, &l, &l.items[0]), WS_OK);
  assert_int_equal(l.len, 21);
  assert_string_equal(ws_str_c(&l.items[20]), "x");
  ws_kind_free(&list_str_kind, &l);
}

static void test_list_of_plain_values(void **state) {
  (void)state;
  t_list_int l, c;
  memset(&l, 0, sizeof l);
  for (int64_t i = -1; i < 3; i++)
    assert_int_equal(ws_list_append(&list_int_kind, &l, &i), WS_OK);
  assert_int_equal(ws_kind_copy(&list_int_kind, &c, &l), WS_OK);
  assert_true(ws_kind_equal(&list_int_kind, &c, &l));
  c.items[3] = 7;
  assert_false(ws_kind_equal(&list_int_kind, &c, &l));
  expect_str(&list_int_kind, &l, "[-1, 0, 1, 2]");
  assert_false(ws_kind_has_text(&list_int_kind));
  assert_int_equal(ws_kind_check(&list_int_kind, &l, "$.n", NULL), WS_OK);
  ws_kind_free(&list_int_kind, &l);
  ws_kind_free(&list_int_kind, &c);
}

static void test_opt_set_copy_equal(void **state) {
  (void)state;
  t_opt_str a, b;
  memset(&a, 0, sizeof a);
  expect_str(&opt_str_kind, &a, "None");
  ws_str w = lent_cstr("hi");
  assert_int_equal(ws_opt_set(&opt_str_kind, &a, &w), WS_OK);
  assert_true(a.present);
  assert_int_equal(ws_opt_set(&opt_str_kind, &a, &a.value), WS_OK);
  assert_string_equal(ws_str_c(&a.value), "hi");
  assert_int_equal(ws_kind_copy(&opt_str_kind, &b, &a), WS_OK);
  assert_true(ws_kind_equal(&opt_str_kind, &a, &b));
  ws_kind_free(&opt_str_kind, &b);
  assert_false(b.present);
  assert_false(ws_kind_equal(&opt_str_kind, &a, &b));
  expect_str(&opt_str_kind, &a, "'hi'");
  ws_kind_free(&opt_str_kind, &a);
}

static void test_map_set_get_equal(void **state) {
  (void)state;
  static const char *const one[] = {"1"};
  static const char *const two[] = {"2", "3"};
  t_map m, n;
  t_list_str l1, l2;
  memset(&m, 0, sizeof m);
  memset(&n, 0, sizeof n);
  memset(&l1, 0, sizeof l1);
  memset(&l2, 0, sizeof l2);
  add_words(&l1, one, 1);
  add_words(&l2, two, 2);
  assert_int_equal(ws_map_set(&map_kind, &m, ws_cstr("b"), &l1), WS_OK);
  assert_int_equal(ws_map_set(&map_kind, &m, ws_cstr("a"), &l2), WS_OK);
  assert_int_equal(ws_map_set(&map_kind, &m, ws_cstr("b"), &l2), WS_OK);
  assert_int_equal(m.len, 2);
  const t_list_str *got = ws_map_get(&map_kind, &m, ws_cstr("b"));
  assert_non_null(got);
  assert_true(ws_kind_equal(&list_str_kind, got, &l2));
  assert_null(ws_map_get(&map_kind, &m, ws_cstr("c")));
  /* the same entries in another order are equal, as dicts are */
  assert_int_equal(ws_map_set(&map_kind, &n, ws_cstr("a"), &l2), WS_OK);
  assert_false(ws_kind_equal(&map_kind, &m, &n));
  assert_int_equal(ws_map_set(&map_kind, &n, ws_cstr("b"), &m.values[0]),
                   WS_OK);
  assert_true(ws_kind_equal(&map_kind, &m, &n));
  expect_str(&map_kind, &m, "{'a': ['2', '3'], 'b': ['2', '3']}");
  ws_kind_free(&map_kind, &m);
  ws_kind_free(&map_kind, &n);
  ws_kind_free(&list_str_kind, &l1);
  ws_kind_free(&list_str_kind, &l2);
}

static void test_check_names_the_bad_element(void **state) {
  (void)state;
  ws_error err;
  t_list_str l;
  t_map m;
  memset(&l, 0, sizeof l);
  memset(&m, 0, sizeof m);
  ws_error_clear(&err);
  static const char *const words[] = {"ok", "b\xff"};
  add_words(&l, words, 2);
  assert_int_equal(ws_kind_check(&list_str_kind, &l, "$.tags", &err), WS_EUTF8);
  assert_string_equal(err.path, "$.tags[1]");
  assert_string_equal(err.msg,
                      "$.tags[1] is not valid UTF-8 (bad byte at offset 1)");
  assert_int_equal(ws_map_set(&map_kind, &m, ws_cstr("k"), &l), WS_OK);
  assert_int_equal(ws_kind_check(&map_kind, &m, "$.m", &err), WS_EUTF8);
  assert_string_equal(err.path, "$.m[\"k\"][1]");
  assert_int_equal(ws_map_set(&map_kind, &m, ws_str_view("\xc0", 1), &l),
                   WS_OK);
  m.values[0].len = 1; /* the first entry is valid now; the key is not */
  assert_int_equal(ws_kind_check(&map_kind, &m, "$.m", &err), WS_EUTF8);
  assert_string_equal(err.msg,
                      "a key in $.m is not valid UTF-8 (bad byte at offset 0)");
  m.values[0].len = 2;
  ws_kind_free(&map_kind, &m);
  ws_kind_free(&list_str_kind, &l);
}

/* Reads json as a value of kind k into v; returns the status, err filled. */
static ws_status read_json(const ws_kind *k, const char *json, void *v,
                           ws_error *err) {
  ws_reader r;
  ws_status st;
  ws_reader_init(&r, json, strlen(json), NULL, err);
  st = ws_kind_read_value(k, &r, v);
  if (st == WS_OK)
    st = ws_read_end(&r);
  ws_reader_free(&r);
  return st;
}

static void test_read_composites(void **state) {
  (void)state;
  ws_error err;
  t_map m;
  t_opt_str o;
  memset(&m, 0, sizeof m);
  memset(&o, 0, sizeof o);
  assert_int_equal(
      read_json(&map_kind, "{\"a\": [\"x\"], \"b\": []}", &m, &err), WS_OK);
  assert_int_equal(m.len, 2);
  assert_string_equal(ws_str_c(&m.values[0].items[0]), "x");
  ws_kind_free(&map_kind, &m);
  assert_int_equal(read_json(&opt_str_kind, "null", &o, &err), WS_OK);
  assert_false(o.present);
  assert_int_equal(read_json(&opt_str_kind, "\"v\"", &o, &err), WS_OK);
  assert_true(o.present);
  ws_kind_free(&opt_str_kind, &o);
}

/* A T? inside a list takes null as None and names itself in errors, the
 * width of its integer too. */
static void test_read_optional_elements(void **state) {
  (void)state;
  ws_error err;
  t_list_opt_int l;
  memset(&l, 0, sizeof l);
  assert_int_equal(read_json(&list_opt_int_kind, "[7, null]", &l, &err), WS_OK);
  assert_int_equal(l.len, 2);
  assert_true(l.items[0].present);
  assert_int_equal(l.items[0].value, 7);
  assert_false(l.items[1].present);
  expect_str(&list_opt_int_kind, &l, "[7, None]");
  ws_kind_free(&list_opt_int_kind, &l);
  assert_null(l.items);
  assert_int_equal(read_json(&list_opt_int_kind, "[null, \"3\"]", &l, &err),
                   WS_ETYPE);
  assert_non_null(strstr(err.msg, "$[1] (int?, 64-bit)"));
  ws_kind_free(&list_opt_int_kind, &l);
}

static void test_read_refusals_name_the_path(void **state) {
  (void)state;
  ws_error err;
  t_map m;
  t_list_int l;
  memset(&m, 0, sizeof m);
  memset(&l, 0, sizeof l);
  assert_int_equal(read_json(&map_kind, "{\"a\": [\"x\", null]}", &m, &err),
                   WS_ETYPE);
  assert_string_equal(err.msg, "null is not allowed for $.a[1] (str)");
  ws_kind_free(&map_kind, &m);
  assert_int_equal(read_json(&map_kind, "{\"a\": [], \"a\": []}", &m, &err),
                   WS_EDUPLICATE);
  assert_string_equal(err.msg, "duplicate key \"a\" in $");
  ws_kind_free(&map_kind, &m);
  assert_int_equal(read_json(&list_int_kind, "[1, \"2\"]", &l, &err), WS_ETYPE);
  assert_non_null(strstr(err.msg, "$[1] (int, 64-bit)"));
  ws_kind_free(&list_int_kind, &l);
}

/* ---- allocation failure ---------------------------------------------------- */

static t_map sweep_src, sweep_dst;

static ws_status op_copy(void *ctx) {
  (void)ctx;
  return ws_kind_copy(&map_kind, &sweep_dst, &sweep_src);
}
static void cleanup_copy(void *ctx) {
  (void)ctx;
  ws_kind_free(&map_kind, &sweep_dst);
}

static ws_status op_read(void *ctx) {
  ws_error err;
  return read_json(&map_kind, ctx, &sweep_dst, &err);
}

static ws_status op_set(void *ctx) {
  (void)ctx;
  ws_status st =
      ws_map_set(&map_kind, &sweep_dst, ws_cstr("new"), &sweep_dst.values[0]);
  if (st == WS_OK)
    st = ws_map_set(&map_kind, &sweep_dst, ws_cstr("a"), &sweep_dst.values[1]);
  return st;
}
static void cleanup_set(void *ctx) {
  (void)ctx;
  ws_kind_free(&map_kind, &sweep_dst);
  assert_int_equal(ws_kind_copy(&map_kind, &sweep_dst, &sweep_src), WS_OK);
}

static void test_allocation_failure_sweeps(void **state) {
  (void)state;
  static const char json[] =
      "{\"a\": [\"x\", \"y\"], \"\\u0062\": [\"z\"], \"c\": []}";
  ws_error err;
  memset(&sweep_src, 0, sizeof sweep_src);
  memset(&sweep_dst, 0, sizeof sweep_dst);
  assert_int_equal(read_json(&map_kind, json, &sweep_src, &err), WS_OK);
  assert_true(failalloc_check(op_copy, cleanup_copy, NULL) > 1);
  assert_true(failalloc_check(op_read, cleanup_copy, (void *)json) > 1);
  assert_int_equal(ws_kind_copy(&map_kind, &sweep_dst, &sweep_src), WS_OK);
  assert_true(failalloc_check(op_set, cleanup_set, NULL) > 1);
  ws_kind_free(&map_kind, &sweep_dst);
  ws_kind_free(&map_kind, &sweep_src);
}

/* ---- an element larger than the room kept on the stack ------------------- */

/* A kind of the caller's own, 96 bytes: the shapes copy it aside on the
 * heap before the container changes. */
typedef struct big {
  ws_str s;
  char pad[80];
} big;

static void big_free(const ws_kind *k, void *v) {
  ws_str_free(&((big *)v)->s);
  memset(v, 0, k->size);
}
static ws_status big_copy(const ws_kind *k, void *dst, const void *src) {
  (void)k;
  memcpy(((big *)dst)->pad, ((const big *)src)->pad, sizeof(((big *)0)->pad));
  return ws_str_copy(&((big *)dst)->s, &((const big *)src)->s);
}
static bool big_equal(const ws_kind *k, const void *a, const void *b) {
  (void)k;
  return ws_str_equal(&((const big *)a)->s, &((const big *)b)->s);
}
static void big_pv(const ws_kind *k, const void *v, ws_pv *out) {
  (void)k;
  ws_str_pv(&((const big *)v)->s, out);
}
static ws_status big_read(const ws_kind *k, ws_reader *r, void *v) {
  (void)k;
  return ws_read_str(r, &((big *)v)->s);
}
static const ws_kind_ops big_ops = {big_free, big_copy, big_equal,
                                    NULL,     big_pv,   big_read};
static const ws_kind big_kind = {
    &big_ops, WS_KIND_OTHER, "big", sizeof(big), false, NULL, 0, 0, 0, 0, 0,
    0,        NULL,          NULL,  NULL, false, NULL, 0};

typedef struct t_list_big {
  big *items;
  size_t len;
  size_t cap;
} t_list_big;
static const ws_kind list_big_kind =
    WS_LIST_KIND(t_list_big, "list<big>", &big_kind, NULL);

static t_list_big sweep_big;
static ws_status op_append_big(void *ctx) {
  (void)ctx;
  ws_status st = WS_OK;
  for (int i = 0; st == WS_OK && i < 5; i++)
    st = ws_list_append(&list_big_kind, &sweep_big, &sweep_big.items[0]);
  return st;
}
static void cleanup_big(void *ctx) {
  big first;
  (void)ctx;
  memset(&first, 0, sizeof first);
  assert_int_equal(big_copy(&big_kind, &first, &sweep_big.items[0]), WS_OK);
  ws_kind_free(&list_big_kind, &sweep_big);
  assert_int_equal(ws_list_append(&list_big_kind, &sweep_big, &first), WS_OK);
  big_free(&big_kind, &first);
}

static void test_large_elements_are_copied_aside_on_the_heap(void **state) {
  (void)state;
  big one;
  memset(&one, 0, sizeof one);
  memset(one.pad, 'p', sizeof one.pad);
  assert_int_equal(ws_str_set(&one.s, "big one", 7), WS_OK);
  memset(&sweep_big, 0, sizeof sweep_big);
  assert_int_equal(ws_list_append(&list_big_kind, &sweep_big, &one), WS_OK);
  big_free(&big_kind, &one);
  /* each append copies items[0] while the array may move under it */
  assert_true(failalloc_check(op_append_big, cleanup_big, NULL) > 5);
  assert_int_equal(op_append_big(NULL), WS_OK);
  assert_int_equal(sweep_big.len, 6);
  assert_string_equal(ws_str_c(&sweep_big.items[5].s), "big one");
  assert_int_equal(sweep_big.items[5].pad[79], 'p');
  ws_kind_free(&list_big_kind, &sweep_big);
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_list_append_copy_equal_free),
      cmocka_unit_test(test_list_append_own_item),
      cmocka_unit_test(test_list_of_plain_values),
      cmocka_unit_test(test_opt_set_copy_equal),
      cmocka_unit_test(test_map_set_get_equal),
      cmocka_unit_test(test_check_names_the_bad_element),
      cmocka_unit_test(test_read_composites),
      cmocka_unit_test(test_read_optional_elements),
      cmocka_unit_test(test_read_refusals_name_the_path),
      cmocka_unit_test(test_allocation_failure_sweeps),
      cmocka_unit_test(test_large_elements_are_copied_aside_on_the_heap),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
