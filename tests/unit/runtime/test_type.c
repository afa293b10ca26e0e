/* Tests for ws_type.c: the subclass test and decoding by descriptor, with a
 * hand-written descriptor shaped like a generated one. */
#include "failalloc.h"

#include <string.h>

#include "ws_type.h"

/* A class `Point { name: str = "origin"; x: int; }` with x >= 0, which its
 * read checks as it goes, as generated readers do. */
typedef struct point {
  ws_str name;
  int64_t x;
  bool has_x;
} point;

static ws_status point_init(const ws_type *t, void *obj) {
  point *p = obj;
  (void)t;
  memset(p, 0, sizeof *p);
  return ws_str_set(&p->name, "origin", 6);
}
static void point_free(const ws_type *t, void *obj) {
  point *p = obj;
  (void)t;
  ws_str_free(&p->name);
  memset(p, 0, sizeof *p);
}
static ws_status point_read(const ws_type *t, ws_reader *r, void *obj) {
  point *p = obj;
  (void)t;
  if (ws_read_object_begin(r, "an object") != WS_OK) {
    return r->status;
  }
  const char *key;
  size_t key_len;
  while (ws_read_object_next(r, &key, &key_len)) {
    if (key_len == 4 && memcmp(key, "name", 4) == 0) {
      ws_read_str(r, &p->name);
    } else if (key_len == 1 && key[0] == 'x') {
      if (ws_read_int(r, &p->x) == WS_OK && p->x < 0) {
        return ws_reader_fail(r, WS_ECONSTRAINT, "x must not be negative");
      }
      p->has_x = true;
    } else {
      ws_read_skip(r);
    }
  }
  if (r->status == WS_OK && !p->has_x) {
    return ws_reader_fail(r, WS_EMISSING, "missing field x");
  }
  return r->status;
}
static ws_status point_validate(const ws_type *t, const void *obj,
                                ws_error *err) {
  const point *p = obj;
  (void)t;
  if (p->x < 0) {
    return ws_error_set(err, WS_ECONSTRAINT, "x must not be negative");
  }
  return WS_OK;
}

static const ws_type shape_type = {.name = "Shape",
                                   .c_name = "t_shape",
                                   .doc = "",
                                   .flags = WS_TYPE_ABSTRACT,
                                   .size = sizeof(point),
                                   .free = point_free,
                                   .validate = point_validate,
                                   .read = point_read};
static const ws_type point_type = {.name = "Point",
                                   .c_name = "t_point",
                                   .doc = "",
                                   .base = &shape_type,
                                   .size = sizeof(point),
                                   .init = point_init,
                                   .free = point_free,
                                   .validate = point_validate,
                                   .read = point_read};
/* validate always fails: decode must not depend on it. */
static ws_status refuse_all(const ws_type *t, const void *obj, ws_error *err) {
  (void)t;
  (void)obj;
  return ws_error_set(err, WS_ECONSTRAINT, "validate was called");
}
static const ws_type unvalidated_type = {.name = "Unvalidated",
                                         .c_name = "t_unvalidated",
                                         .doc = "",
                                         .size = sizeof(point),
                                         .init = point_init,
                                         .free = point_free,
                                         .validate = refuse_all,
                                         .read = point_read};
static const ws_type other_type = {.name = "Other",
                                   .c_name = "t_other",
                                   .doc = "",
                                   .size = sizeof(point),
                                   .init = point_init,
                                   .free = point_free,
                                   .validate = point_validate,
                                   .read = point_read};

static ws_status decode_text(point *p, const char *json, ws_error *err) {
  return ws_type_decode(&point_type, p, json, strlen(json), NULL, err);
}

static void expect_all_zero(const point *p) {
  point zero;
  memset(&zero, 0, sizeof zero);
  assert_memory_equal(p, &zero, sizeof zero);
}

static void test_type_is_walks_base_chain(void **state) {
  (void)state;
  assert_true(ws_type_is(&point_type, &point_type));
  assert_true(ws_type_is(&point_type, &shape_type));
  assert_false(ws_type_is(&shape_type, &point_type));
  assert_false(ws_type_is(&other_type, &shape_type));
  assert_false(ws_type_is(NULL, &shape_type));
}

static void test_decode_success_fills_object(void **state) {
  (void)state;
  point p = {0};
  ws_error err;
  assert_int_equal(decode_text(&p, "{\"x\": 3, \"name\": \"here\"}", &err),
                   WS_OK);
  assert_int_equal(p.x, 3);
  assert_string_equal(ws_str_c(&p.name), "here");
  point_free(&point_type, &p);
}

static void test_decode_keeps_init_defaults(void **state) {
  (void)state;
  point p = {0};
  assert_int_equal(decode_text(&p, "{\"x\": 0}", NULL), WS_OK);
  assert_string_equal(ws_str_c(&p.name), "origin");
  point_free(&point_type, &p);
}

static void test_decode_read_error_frees_to_zero(void **state) {
  (void)state;
  point p = {0};
  ws_error err;
  assert_int_equal(
      decode_text(&p, "{\"name\": \"partial\", \"x\": \"3\"}", &err), WS_ETYPE);
  assert_int_equal(err.code, WS_ETYPE);
  expect_all_zero(&p);
}

static void test_decode_trailing_data_fails(void **state) {
  (void)state;
  point p = {0};
  ws_error err;
  assert_int_equal(decode_text(&p, "{\"x\": 1} x", &err), WS_ETRAILING);
  assert_int_equal(err.code, WS_ETRAILING);
  expect_all_zero(&p);
}

static void test_decode_constraint_failure_frees_to_zero(void **state) {
  (void)state;
  point p = {0};
  ws_error err;
  assert_int_equal(decode_text(&p, "{\"name\": \"n\", \"x\": -1}", &err),
                   WS_ECONSTRAINT);
  assert_string_equal(err.msg, "x must not be negative");
  assert_string_equal(err.path, "$");
  expect_all_zero(&p);
}

/* Reading checks everything validate would, so decode runs no second pass
 * over the value. */
static void test_decode_runs_no_validate_pass(void **state) {
  (void)state;
  point p = {0};
  ws_error err;
  assert_int_equal(ws_type_decode(&unvalidated_type, &p, "{\"x\": 2}", 8, NULL,
                                  &err),
                   WS_OK);
  assert_int_equal(err.code, WS_OK);
  assert_int_equal(p.x, 2);
  point_free(&point_type, &p);
}

static void test_decode_missing_field(void **state) {
  (void)state;
  point p = {0};
  ws_error err;
  assert_int_equal(decode_text(&p, "{}", &err), WS_EMISSING);
  expect_all_zero(&p);
}

static void test_decode_abstract_type_is_invalid(void **state) {
  (void)state;
  point p = {0};
  ws_error err;
  assert_int_equal(ws_type_decode(&shape_type, &p, "{\"x\": 1}", 8, NULL, &err),
                   WS_EINVAL);
  assert_non_null(strstr(err.msg, "Shape"));
}

static void test_decode_passes_options(void **state) {
  (void)state;
  point p = {0};
  ws_decode_opts opts = {true};
  assert_int_equal(ws_type_decode(&point_type, &p, "{\"x\": 1, \"y\": [1]}", 18,
                                  &opts, NULL),
                   WS_OK);
  point_free(&point_type, &p);
}

typedef struct decode_ctx {
  point p;
} decode_ctx;
static ws_status op_decode(void *ctx) {
  decode_ctx *c = ctx;
  return decode_text(&c->p, "{\"name\": \"a longer name\", \"x\": 5}", NULL);
}
static void cleanup_decode(void *ctx) {
  decode_ctx *c = ctx;
  point_free(&point_type, &c->p);
}

static void test_decode_allocation_failure_sweep(void **state) {
  (void)state;
  decode_ctx c;
  memset(&c, 0, sizeof c);
  assert_true(failalloc_check(op_decode, cleanup_decode, &c) >= 2);
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_type_is_walks_base_chain),
      cmocka_unit_test(test_decode_success_fills_object),
      cmocka_unit_test(test_decode_keeps_init_defaults),
      cmocka_unit_test(test_decode_read_error_frees_to_zero),
      cmocka_unit_test(test_decode_trailing_data_fails),
      cmocka_unit_test(test_decode_constraint_failure_frees_to_zero),
      cmocka_unit_test(test_decode_runs_no_validate_pass),
      cmocka_unit_test(test_decode_missing_field),
      cmocka_unit_test(test_decode_abstract_type_is_invalid),
      cmocka_unit_test(test_decode_passes_options),
      cmocka_unit_test(test_decode_allocation_failure_sweep),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
