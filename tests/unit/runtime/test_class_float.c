/* The float kind inside a class, as generated code uses it: its default,
 * its range on input and in memory, list<float> and float?, and the JSON
 * encoders' refusal of NaN and infinities (str() prints them). The class
 * is written by hand the way wstypes-gen writes one. */
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "failalloc.h"

#include "ws_class.h"
#include "ws_float.h"
#include "ws_kind.h"
#include "ws_type.h"

typedef struct t_list_float {
  double *items;
  size_t len;
  size_t cap;
} t_list_float;
typedef struct t_opt_float {
  bool present;
  double value;
} t_opt_float;

static void list_float_child(const void *obj, size_t index, const char **key,
                             size_t *key_len, ws_pv *value);
static const ws_kind list_float_kind = WS_LIST_KIND(
    t_list_float, "list<float>", &ws_float_kind, list_float_child);
static void list_float_child(const void *obj, size_t index, const char **key,
                             size_t *key_len, ws_pv *value) {
  ws_list_child(&list_float_kind, obj, index, key, key_len, value);
}
static const ws_kind opt_float_kind =
    WS_OPT_KIND(t_opt_float, "float?", &ws_float_kind);

typedef struct t_reading {
  double x;
  t_list_float xs;
  t_opt_float y;
} t_reading;

extern const ws_type reading_type;

static void reading_put_json(ws_buf *b, const void *obj, ws_format format) {
  const t_reading *v = obj;
  (void)format;
  ws_buf_puts(b, "{\"x\":");
  ws_json_put_float(b, v->x);
  ws_buf_puts(b, ",\"xs\":[");
  for (size_t i = 0; i < v->xs.len; i++) {
    if (i > 0)
      ws_buf_putc(b, ',');
    ws_json_put_float(b, v->xs.items[i]);
  }
  ws_buf_puts(b, "],\"y\":");
  if (v->y.present)
    ws_json_put_float(b, v->y.value);
  else
    ws_json_put_null(b);
  ws_buf_putc(b, '}');
}
static void reading_child(const void *obj, size_t index, const char **key,
                          size_t *key_len, ws_pv *value) {
  ws_class_child(&reading_type, obj, index, key, key_len, value);
}

static const ws_field_desc reading_fields[] = {
    {WS_FIELD(t_reading, "x", x, &ws_float_kind), .type = "float",
     .doc = "", .default_value = "0.5", .has_range = true, .fmin = 0.0,
     .fmax = 1.0, .flags = WS_FIELD_DEFAULT, .default_float = 0.5},
    {WS_FIELD(t_reading, "xs", xs, &list_float_kind), .type = "list<float>",
     .doc = "", .default_value = "[]"},
    {WS_FIELD(t_reading, "y", y, &opt_float_kind), .type = "float?",
     .doc = "", .default_value = "null", .has_range = true,
     .fmin = -HUGE_VAL, .fmax = 100.0},
};
static const ws_key_slot reading_key_order[] = {{0, 1}, {1, 2}, {2, 1}};

const ws_type reading_type = {.name = "Reading",
                              .c_name = "t_reading",
                              .doc = "",
                              .flags = WS_TYPE_KEYS_PLAIN,
                              .size = sizeof(t_reading),
                              .fields = reading_fields,
                              .field_count = 3,
                              .key_order = reading_key_order,
                              .min_width = 2,
                              .child = reading_child,
                              .put_json = reading_put_json,
                              .init = ws_class_init,
                              .free = ws_class_free,
                              .copy = ws_class_copy,
                              .equal = ws_class_equal,
                              .validate = ws_class_validate,
                              .encode = ws_class_encode,
                              .read = ws_class_read};

static void expect_encoded(const t_reading *v, ws_format format,
                           const char *text) {
  ws_buf b;
  ws_error err;
  ws_buf_init(&b);
  assert_int_equal(reading_type.encode(&reading_type, v, format, &b, &err),
                   WS_OK);
  assert_string_equal(b.data, text);
  ws_buf_free(&b);
}

static void test_default_and_decode(void **state) {
  (void)state;
  t_reading v;
  ws_error err;
  assert_int_equal(reading_type.init(&reading_type, &v), WS_OK);
  expect_encoded(&v, WS_FORMAT_JSON, "{\"x\":0.5,\"xs\":[],\"y\":null}");
  reading_type.free(&reading_type, &v);
  static const char json[] =
      "{\"xs\":[1e-7,9007199254740993,-0,123456789.123456789],\"x\":1,"
      "\"y\":-1e-400}";
  assert_int_equal(
      ws_type_decode(&reading_type, &v, json, sizeof json - 1, NULL, &err),
      WS_OK);
  expect_encoded(&v, WS_FORMAT_JSON,
                 "{\"x\":1.0,\"xs\":[1e-07,9007199254740992.0,-0.0,"
                 "123456789.12345679],\"y\":-0.0}");
  expect_encoded(&v, WS_FORMAT_STR,
                 "{'x': 1.0,\n 'xs': [1e-07, 9007199254740992.0, -0.0, "
                 "123456789.12345679],\n 'y': -0.0}");
  reading_type.free(&reading_type, &v);
}

static void test_decode_refuses(void **state) {
  (void)state;
  static const struct {
    const char *json;
    ws_status code;
    const char *msg;
  } cases[] = {
      {"{\"x\":1.5}", WS_ERANGE,
       "$.x is 1.5, more than the maximum 1.0 (range 0.0..1.0)"},
      {"{\"y\":100.5}", WS_ERANGE,
       "$.y is 100.5, more than the maximum 100.0 (range ..100.0)"},
      {"{\"xs\":[1,1e400]}", WS_ERANGE,
       "number 1e400 is out of range for $.xs[1] (float): it is larger than "
       "the largest double, 1.7976931348623157e+308"},
      {"{\"xs\":[NaN]}", WS_ESYNTAX, NULL},
      {"{\"x\":\"0.5\"}", WS_ETYPE, NULL},
  };
  for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
    t_reading v;
    ws_error err;
    memset(&v, 0, sizeof v); /* decode replaces a valid value */
    assert_int_equal(ws_type_decode(&reading_type, &v, cases[i].json,
                                    strlen(cases[i].json), NULL, &err),
                     cases[i].code);
    if (cases[i].msg != NULL)
      assert_string_equal(err.msg, cases[i].msg);
  }
}

static void test_encode_refuses_what_json_cannot_hold(void **state) {
  (void)state;
  t_reading v;
  ws_error err;
  ws_buf b;
  double items[2] = {0.25, NAN};
  ws_buf_init(&b);
  ws_buf_puts(&b, "kept");
  assert_int_equal(reading_type.init(&reading_type, &v), WS_OK);
  v.xs.items = items;
  v.xs.len = v.xs.cap = 2;
  for (int format = WS_FORMAT_JSON; format <= WS_FORMAT_JSON_PYTHON; format++) {
    assert_int_equal(
        reading_type.encode(&reading_type, &v, (ws_format)format, &b, &err),
        WS_ERANGE);
    assert_string_equal(err.path, "$.xs[1]");
    assert_string_equal(err.msg,
                        "$.xs[1] is nan: JSON has no NaN or infinity (a float "
                        "must be finite to be written as JSON)");
    assert_string_equal(b.data, "kept"); /* nothing written */
  }
  items[1] = -INFINITY;
  assert_int_equal(reading_type.encode(&reading_type, &v, WS_FORMAT_STR, &b,
                                       &err),
                   WS_OK);
  assert_string_equal(b.data,
                      "kept{'x': 0.5, 'xs': [0.25, -inf], 'y': None}");
  /* a range NaN is not in: refused by validate and encode alike */
  v.x = NAN;
  assert_int_equal(reading_type.validate(&reading_type, &v, &err), WS_ERANGE);
  assert_string_equal(err.msg, "$.x is nan, outside the range 0.0..1.0");
  v.xs.items = NULL;
  v.xs.len = v.xs.cap = 0;
  ws_buf_free(&b);
}

typedef struct copy_job {
  const t_reading *src;
  t_reading dst;
} copy_job;

static ws_status copy_op(void *ctx) {
  copy_job *j = ctx;
  return reading_type.copy(&reading_type, &j->dst, j->src);
}
static void copy_cleanup(void *ctx) {
  copy_job *j = ctx;
  reading_type.free(&reading_type, &j->dst);
}

static void test_decode_and_copy_under_allocation_failure(void **state) {
  (void)state;
  t_reading v;
  ws_error err;
  static const char json[] = "{\"xs\":[0.1,0.2,0.3],\"y\":2.5}";
  memset(&v, 0, sizeof v);
  assert_int_equal(
      ws_type_decode(&reading_type, &v, json, sizeof json - 1, NULL, &err),
      WS_OK);
  copy_job job;
  job.src = &v;
  memset(&job.dst, 0, sizeof job.dst); /* copy replaces a valid value */
  assert_true(failalloc_check(copy_op, copy_cleanup, &job) > 0);
  reading_type.free(&reading_type, &v);
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_default_and_decode),
      cmocka_unit_test(test_decode_refuses),
      cmocka_unit_test(test_encode_refuses_what_json_cannot_hold),
      cmocka_unit_test(test_decode_and_copy_under_allocation_failure),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
