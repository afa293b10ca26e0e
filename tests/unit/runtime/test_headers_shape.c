/* test_headers_shape.c - a header map keeps each name's value as given: a
 * string, or a list of any length (one-element and empty lists included),
 * through adding, JSON both ways, pformat, copy and equality, which is the
 * Python dict's. Expected texts come from Python at test time. */
#define _POSIX_C_SOURCE 200809L /* popen */

#include "failalloc.h"

#include <stdio.h>
#include <string.h>

#include "headers_check.h"
#include "wstypes.h"

#define PYTHON "/usr/bin/python3"

/* What python prints for `expr`, with `dict` bound to the Python dict
 * literal given. */
static void python_of(const char *dict, const char *expr, char *out,
                      size_t size) {
  char cmd[4096];
  snprintf(cmd, sizeof cmd,
           "%s -c 'import json,pprint,sys\nd=%s\n"
           "sys.stdout.buffer.write((%s).encode(\"utf-8\"))'",
           PYTHON, dict, expr);
  FILE *f = popen(cmd, "r");
  assert_non_null(f);
  size_t n = fread(out, 1, size - 1, f);
  out[n] = '\0';
  assert_int_equal(pclose(f), 0);
}

static void expect_pformat(const ws_pv *v, const char *expected) {
  ws_buf b;
  ws_buf_init(&b);
  ws_pformat(&b, v);
  assert_int_equal(b.status, WS_OK);
  assert_string_equal(b.data, expected);
  ws_buf_free(&b);
}

/* h prints and serialises as Python does the dict literal `dict`, through
 * both pformat views. */
static void expect_like_python(const ws_headers *h, const char *dict) {
  static char expected[16384];
  python_of(dict, "json.dumps(d)", expected, sizeof expected);
  expect_json(h, WS_JSON_PYTHON, expected);
  python_of(dict, "json.dumps(d, ensure_ascii=False, separators=(\",\",\":\"))",
            expected, sizeof expected);
  expect_json(h, WS_JSON_COMPACT, expected);
  python_of(dict, "pprint.pformat(d)", expected, sizeof expected);
  ws_pv v;
  ws_headers_pv(h, &v);
  expect_pformat(&v, expected);
  ws_headers_pv_entries(h, &v);
  expect_pformat(&v, expected);
}

static void add_list(ws_headers *h, const char *name, const char *const *values,
                     size_t n) {
  ws_strview views[8];
  assert_true(n <= 8);
  for (size_t i = 0; i < n; i++) {
    views[i] = ws_cstr(values[i]);
  }
  assert_int_equal(ws_headers_add_list(h, ws_cstr(name), views, n), WS_OK);
}

static void expect_text(const ws_str *v, const char *expected) {
  assert_non_null(v);
  assert_int_equal(v->len, strlen(expected));
  assert_string_equal(ws_str_c(v), expected);
}

/* Reads JSON text as a headers object into *out. */
static void read_json(const char *json, ws_headers *out) {
  static ws_reader r; /* large: not on the stack */
  ws_reader_init(&r, json, strlen(json), NULL, NULL);
  assert_int_equal(ws_read_headers(&r, out), WS_OK);
  assert_int_equal(ws_read_end(&r), WS_OK);
  ws_reader_free(&r);
}

/* h written as compact JSON and read back is equal to h. */
static void expect_round_trip(const ws_headers *h) {
  ws_buf b = json_of(h, WS_JSON_COMPACT);
  ws_headers back;
  ws_headers_init(&back);
  read_json(b.data, &back);
  assert_true(ws_headers_equal(h, &back));
  assert_true(ws_headers_equal(&back, h));
  ws_headers_free(&back);
  ws_buf_free(&b);
}

/* ---- the example ------------------------------------------------- */

static void test_one_element_and_empty_lists_are_kept(void **state) {
  (void)state;
  static const char *const cookie[] = {"a=1"};
  ws_headers h;
  ws_headers_init(&h);
  add_list(&h, "Set-Cookie", cookie, 1);
  add_list(&h, "X-Empty", NULL, 0);
  add(&h, "Host", "x");
  expect_like_python(&h, "{\"Set-Cookie\": [\"a=1\"], \"X-Empty\": [], "
                         "\"Host\": \"x\"}");
  expect_round_trip(&h);
  ws_headers_free(&h);
}

static void test_read_keeps_shapes(void **state) {
  (void)state;
  const char *json = "{\"S\":\"s\",\"One\":[\"1\"],\"None\":[],\"Two\":[\"a\","
                     "\"b\"],\"one\":[\"\"]}";
  ws_headers h;
  ws_headers_init(&h);
  read_json(json, &h);
  expect_json(&h, WS_JSON_COMPACT, json);
  expect_like_python(&h, "{\"S\": \"s\", \"One\": [\"1\"], \"None\": [], "
                         "\"Two\": [\"a\", \"b\"], \"one\": [\"\"]}");
  ws_headers_free(&h);
}

/* ---- adding appends to a name's value ------------------------------------ */

static void test_adding_again_appends_to_the_value(void **state) {
  (void)state;
  static const char *const two[] = {"x", "y"};
  ws_headers h;
  ws_headers_init(&h);
  add(&h, "A", "1");
  add(&h, "B", "b");
  add(&h, "A", "2");        /* a string becomes a list of two */
  add_list(&h, "E", NULL, 0);
  add(&h, "E", "e");        /* an empty list becomes a list of one */
  add(&h, "S", "s");
  add_list(&h, "S", NULL, 0); /* a string becomes a list of one */
  add_list(&h, "L", two, 2);
  add_list(&h, "L", two, 1); /* a list grows */
  add_list(&h, "Z", NULL, 0);
  add_list(&h, "Z", NULL, 0); /* an empty list stays one */
  expect_like_python(&h, "{\"A\": [\"1\", \"2\"], \"B\": \"b\", \"E\": "
                         "[\"e\"], \"S\": [\"s\"], \"L\": [\"x\", \"y\", "
                         "\"x\"], \"Z\": []}");
  expect_round_trip(&h);
  ws_headers_free(&h);
}

static void test_set_list_replaces_any_case(void **state) {
  (void)state;
  ws_strview view = ws_cstr("v");
  ws_headers h;
  ws_headers_init(&h);
  add(&h, "Via", "1");
  add(&h, "X", "x");
  add(&h, "VIA", "2");
  assert_int_equal(ws_headers_set_list(&h, S("via"), &view, 1), WS_OK);
  expect_like_python(&h, "{\"X\": \"x\", \"via\": [\"v\"]}");
  assert_int_equal(ws_headers_set_list(&h, S("X"), NULL, 0), WS_OK);
  expect_like_python(&h, "{\"via\": [\"v\"], \"X\": []}");
  assert_int_equal(ws_headers_set(&h, S("x"), S("s")), WS_OK);
  expect_like_python(&h, "{\"via\": [\"v\"], \"x\": \"s\"}");
  ws_headers_free(&h);
}

/* An empty list holds no value: lookups pass over its entry. */
static void test_lookups_skip_an_empty_list(void **state) {
  (void)state;
  ws_headers h;
  ws_headers_init(&h);
  add_list(&h, "X-Empty", NULL, 0);
  add(&h, "x-empty", "v");
  assert_int_equal(ws_headers_count(&h, S("X-EMPTY")), 1);
  expect_text(ws_headers_get(&h, S("x-Empty")), "v");
  assert_null(ws_headers_get_nth(&h, S("x-empty"), 1));
  ws_str joined = {NULL, 0};
  assert_int_equal(ws_headers_get_joined(&h, S("X-EMPTY"), &joined), WS_OK);
  assert_string_equal(ws_str_c(&joined), "v");
  ws_str_free(&joined);
  assert_int_equal(ws_headers_remove(&h, S("X-EMPTY")), 1);
  assert_int_equal(h.len, 0);
  ws_headers_free(&h);
}

/* ---- equality is the dict's ---------------------------------------------- */

static void test_equal_means_dict_equality(void **state) {
  (void)state;
  ws_headers a, b;
  ws_headers_init(&a);
  ws_headers_init(&b);
  read_json("{\"A\":[\"1\",\"2\"],\"B\":\"b\",\"C\":[]}", &a);
  /* Built as A, B, A (and C): the same dict. */
  add(&b, "A", "1");
  add(&b, "B", "b");
  add_list(&b, "C", NULL, 0);
  add(&b, "A", "2");
  assert_true(ws_headers_equal(&a, &b));
  assert_true(ws_headers_equal(&b, &a));
  ws_headers_free(&b);
  read_json("{\"C\":[],\"B\":\"b\",\"A\":[\"1\",\"2\"]}", &b);
  assert_true(ws_headers_equal(&a, &b)); /* names in any order */
  ws_headers_free(&b);
  read_json("{\"A\":[\"2\",\"1\"],\"B\":\"b\",\"C\":[]}", &b);
  assert_false(ws_headers_equal(&a, &b)); /* values in order */
  ws_headers_free(&b);
  read_json("{\"A\":[\"1\",\"2\"],\"B\":[\"b\"],\"C\":[]}", &b);
  assert_false(ws_headers_equal(&a, &b)); /* a string is not a list of one */
  ws_headers_free(&b);
  read_json("{\"A\":[\"1\",\"2\"],\"B\":\"b\",\"c\":[]}", &b);
  assert_false(ws_headers_equal(&a, &b)); /* names compare exactly */
  ws_headers_free(&b);
  read_json("{\"A\":[\"1\",\"2\"],\"B\":\"b\",\"C\":[\"\"]}", &b);
  assert_false(ws_headers_equal(&a, &b)); /* [] is not [""] */
  ws_headers_free(&b);
  read_json("{\"A\":[\"1\",\"2\"],\"B\":\"b\",\"D\":[]}", &b);
  assert_false(ws_headers_equal(&a, &b)); /* the same sizes, another name */
  ws_headers_free(&b);
  read_json("{\"A\":[\"1\"],\"B\":\"b\",\"C\":[],\"D\":\"2\"}", &b);
  assert_false(ws_headers_equal(&a, &b));
  ws_headers_free(&a);
  ws_headers_free(&b);
}

/* Past the grouping index's stack room, and when the heap refuses the
 * index: the same answers, by scanning. */
static void build_many(ws_headers *h, bool reversed) {
  for (int k = 0; k < 400; k++) {
    int i = reversed ? 399 - k : k;
    char name[32], value[32];
    snprintf(name, sizeof name, "x-h-%d", i % 150);
    snprintf(value, sizeof value, "v%d", i);
    ws_strview v = ws_cstr(value);
    if (i % 150 == 7) {
      assert_int_equal(ws_headers_add_list(h, ws_cstr(name), NULL, 0), WS_OK);
    } else if (i % 150 == 8) {
      assert_int_equal(ws_headers_add_list(h, ws_cstr(name), &v, 1), WS_OK);
    } else if (i < 150 || i % 150 < 100) {
      assert_int_equal(ws_headers_add(h, ws_cstr(name), v), WS_OK);
    }
  }
}

static void test_equal_of_many_headers(void **state) {
  (void)state;
  ws_headers a, b;
  ws_headers_init(&a);
  ws_headers_init(&b);
  build_many(&a, false);
  expect_round_trip(&a);
  /* The same values in reverse: each list reversed too, so unequal. */
  build_many(&b, true);
  assert_int_equal(a.len, b.len);
  assert_false(ws_headers_equal(&a, &b));
  failalloc_install();
  failalloc_fail_at(1);
  assert_false(ws_headers_equal(&a, &b));
  assert_true(ws_headers_equal(&a, &a));
  failalloc_uninstall();
  ws_headers_free(&b);
  /* Names in another order, values in the same: equal. */
  ws_buf text = json_of(&a, WS_JSON_COMPACT);
  for (int i = 149; i >= 0; i--) {
    char name[32];
    snprintf(name, sizeof name, "x-h-%d", i);
    for (size_t k = 0; k < a.len; k++) {
      const ws_header *e = &a.items[k];
      if (strcmp(ws_str_c(&e->name), name) != 0) {
        continue;
      }
      if (e->shape == WS_HEADER_STRING) {
        add(&b, name, ws_str_c(&e->value));
      } else if (e->shape == WS_HEADER_EMPTY_LIST) {
        add_list(&b, name, NULL, 0);
      } else {
        const char *one = ws_str_c(&e->value);
        add_list(&b, name, &one, 1);
      }
    }
  }
  assert_true(ws_headers_equal(&a, &b));
  failalloc_install();
  failalloc_fail_at(1);
  assert_true(ws_headers_equal(&a, &b));
  assert_true(failalloc_failed());
  failalloc_uninstall();
  ws_buf_free(&text);
  ws_headers_free(&a);
  ws_headers_free(&b);
}

/* ---- copies and failures ------------------------------------------------- */

static void test_copy_keeps_shapes(void **state) {
  (void)state;
  ws_headers h, c;
  ws_headers_init(&h);
  ws_headers_init(&c);
  read_json("{\"One\":[\"1\"],\"None\":[],\"S\":\"s\"}", &h);
  assert_int_equal(ws_headers_copy(&c, &h), WS_OK);
  assert_true(ws_headers_equal(&h, &c));
  expect_json(&c, WS_JSON_COMPACT, "{\"One\":[\"1\"],\"None\":[],\"S\":\"s\"}");
  ws_headers_free(&c);
  ws_headers_free(&h);
}

typedef struct list_ctx {
  ws_headers h;
  bool set; /* set_list, else add_list */
  size_t n;
} list_ctx;

static void fill(ws_headers *h) {
  ws_headers_init(h);
  add(h, "A", "1");
  add(h, "b", "2");
  add(h, "B", "3");
}

static ws_status op_list(void *ctx) {
  list_ctx *c = ctx;
  static const ws_strview values[3] = {{"x", 1}, {"y", 1}, {"z", 1}};
  ws_status st = c->set ? ws_headers_set_list(&c->h, S("b"), values, c->n)
                        : ws_headers_add_list(&c->h, S("b"), values, c->n);
  if (st != WS_OK) {
    /* A failed change leaves the map as it was. */
    ws_headers before;
    fill(&before);
    assert_true(ws_headers_equal(&c->h, &before));
    assert_int_equal(c->h.len, 3);
    ws_headers_free(&before);
  }
  return st;
}

static void reset_list(void *ctx) {
  list_ctx *c = ctx;
  ws_headers_free(&c->h);
  fill(&c->h);
}

static void test_list_changes_survive_allocation_failure(void **state) {
  (void)state;
  for (int set = 0; set < 2; set++) {
    for (size_t n = 0; n <= 3; n++) {
      list_ctx c;
      c.set = set != 0;
      c.n = n;
      fill(&c.h);
      /* a value: room, name, value each; none: room, name (and room for the
       * entries when the map is full) */
      assert_true(failalloc_check(op_list, reset_list, &c) >= (n ? 2 * n : 1));
      ws_headers_free(&c.h);
    }
  }
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_one_element_and_empty_lists_are_kept),
      cmocka_unit_test(test_read_keeps_shapes),
      cmocka_unit_test(test_adding_again_appends_to_the_value),
      cmocka_unit_test(test_set_list_replaces_any_case),
      cmocka_unit_test(test_lookups_skip_an_empty_list),
      cmocka_unit_test(test_equal_means_dict_equality),
      cmocka_unit_test(test_equal_of_many_headers),
      cmocka_unit_test(test_copy_keeps_shapes),
      cmocka_unit_test(test_list_changes_survive_allocation_failure),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
