/* Tests for ws_class.c, ws_class_read.c and ws_encode.c's class frame: the
 * cold paths of a class
 * walked over its field table, with hand-written tables shaped like
 * generated ones: an abstract Shape and its subclass
 *   Point { name: str = "origin"; x: int [range 0..10];
 *           on: bool = true; note: str? = null [max_len 3]; } */
#include "failalloc.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ws_class.h"
#include "ws_json_write.h"
#include "lent.h"

typedef struct t_opt_str {
  bool present;
  ws_str value;
} t_opt_str;
static const ws_kind opt_str_kind =
    WS_OPT_KIND(t_opt_str, "str?", &ws_str_kind);

typedef struct t_shape {
  const ws_type *type;
} t_shape;

typedef struct t_point {
  t_shape base;
  ws_str name;
  int64_t x;
  bool on;
  t_opt_str note;
} t_point;

extern const ws_type shape_type, point_type;

static void point_put_json(ws_buf *b, const void *obj, ws_format format) {
  const t_point *v = obj;
  ws_json_mode mode =
      format == WS_FORMAT_JSON ? WS_JSON_COMPACT : WS_JSON_PYTHON;
  ws_buf_puts(b, "{\"name\":");
  ws_json_put_str(b, ws_str_c(&v->name), v->name.len, mode);
  ws_buf_puts(b, ",\"x\":");
  ws_json_put_int(b, v->x);
  ws_buf_putc(b, '}');
}
static void point_child(const void *obj, size_t index, const char **key,
                        size_t *key_len, ws_pv *value) {
  ws_class_child(&point_type, obj, index, key, key_len, value);
}

static const ws_field_desc point_fields[] = {
    {.name = "name",
     .type = "str",
     .doc = "",
     .default_value = "\"origin\"",
     .name_len = 4,
     .kind = &ws_str_kind,
     .offset = offsetof(t_point, name),
     .flags = WS_FIELD_DEFAULT,
     .default_str = "origin",
     .default_len = 6},
    {.name = "x",
     .type = "int",
     .doc = "",
     .has_range = true,
     .min = 0,
     .max = 10,
     .name_len = 1,
     .kind = &ws_int_kind,
     .offset = offsetof(t_point, x),
     .flags = WS_FIELD_REQUIRED},
    {.name = "on",
     .type = "bool",
     .doc = "",
     .default_value = "true",
     .name_len = 2,
     .kind = &ws_bool_kind,
     .offset = offsetof(t_point, on),
     .flags = WS_FIELD_DEFAULT,
     .default_int = 1},
    {.name = "note",
     .type = "str?",
     .doc = "",
     .default_value = "null",
     .has_max_len = true,
     .max_len = 3,
     .name_len = 4,
     .kind = &opt_str_kind,
     .offset = offsetof(t_point, note)},
};
static const ws_key_slot point_key_order[] = {{0, 4}, {3, 4}, {2, 2}, {1, 1}};

const ws_type shape_type = {.name = "Shape",
                            .c_name = "t_shape",
                            .doc = "",
                            .flags = WS_TYPE_ABSTRACT | WS_TYPE_TAGGED |
                                     WS_TYPE_DISPATCHES,
                            .size = sizeof(t_shape)};

const ws_type point_type = {.name = "Point",
                            .c_name = "t_point",
                            .doc = "",
                            .base = &shape_type,
                            .flags = WS_TYPE_TAGGED | WS_TYPE_KEYS_PLAIN,
                            .size = sizeof(t_point),
                            .fields = point_fields,
                            .field_count = 4,
                            .key_order = point_key_order,
                            .min_width = 2,
                            .child = point_child,
                            .put_json = point_put_json,
                            .init = ws_class_init,
                            .free = ws_class_free,
                            .copy = ws_class_copy,
                            .equal = ws_class_equal,
                            .validate = ws_class_validate,
                            .encode = ws_class_encode,
                            .read = ws_class_read_into};

static void expect_encoded(const ws_type *t, const void *v, ws_format format,
                           const char *text) {
  ws_buf b;
  ws_error err;
  ws_buf_init(&b);
  assert_int_equal(ws_class_encode(t, v, format, &b, &err), WS_OK);
  assert_string_equal(b.data, text);
  ws_buf_free(&b);
}

static void test_init_stores_defaults_and_class(void **state) {
  (void)state;
  t_point p = {0};
  assert_int_equal(ws_class_init(&point_type, &p), WS_OK);
  assert_ptr_equal(p.base.type, &point_type);
  assert_string_equal(ws_str_c(&p.name), "origin");
  assert_true(p.on);
  assert_int_equal(p.x, 0);
  assert_false(p.note.present);
  expect_encoded(&point_type, &p, WS_FORMAT_STR,
                 "{'name': 'origin', 'note': None, 'on': True, 'x': 0}");
  expect_encoded(&point_type, &p, WS_FORMAT_JSON,
                 "{\"name\":\"origin\",\"x\":0}");
  ws_class_free(&point_type, &p);
  assert_null(p.name.ptr);
  assert_null(p.base.type);
}

static void test_copy_equal_and_dispatch_through_the_base(void **state) {
  (void)state;
  t_point a, b = {0};
  ws_str note = lent_cstr("hi");
  assert_int_equal(ws_class_init(&point_type, &a), WS_OK);
  a.x = 3;
  assert_int_equal(ws_opt_set(&opt_str_kind, &a.note, &note), WS_OK);
  /* copied through the abstract base: Point's copy runs */
  assert_int_equal(ws_class_copy(&shape_type, &b, &a), WS_OK);
  assert_ptr_equal(b.base.type, &point_type);
  assert_true(ws_class_equal(&point_type, &a, &b));
  assert_true(ws_class_equal(&shape_type, &a, &b));
  b.x = 4;
  assert_false(ws_class_equal(&shape_type, &a, &b));
  ws_class_free(&shape_type, &b);
  assert_null(b.note.value.ptr);
  ws_class_free(&point_type, &a);
}

/* An all-zero value of an abstract class: empty, equal only to another. */
static void test_abstract_value_without_class(void **state) {
  (void)state;
  t_shape z, y = {0};
  t_point p = {0};
  ws_buf b;
  ws_error err;
  memset(&z, 0, sizeof z);
  assert_int_equal(ws_class_copy(&shape_type, &y, &z), WS_OK);
  assert_true(ws_class_equal(&shape_type, &z, &y));
  assert_int_equal(ws_class_validate(&shape_type, &z, &err), WS_OK);
  assert_int_equal(ws_class_init(&point_type, &p), WS_OK);
  assert_false(ws_class_equal(&shape_type, &z, &p));
  ws_buf_init(&b);
  assert_int_equal(ws_class_encode(&shape_type, &z, WS_FORMAT_JSON, &b, &err),
                   WS_EINVAL);
  assert_string_equal(err.msg, "cannot encode a Shape that has no class");
  ws_buf_free(&b);
  ws_class_free(&shape_type, &z);
  ws_class_free(&point_type, &p);
}

static void test_validate_text_first_then_constraints(void **state) {
  (void)state;
  t_point p = {0};
  ws_error err;
  ws_str note = lent_cstr("long");
  assert_int_equal(ws_class_init(&point_type, &p), WS_OK);
  p.x = 11;
  assert_int_equal(ws_class_validate(&point_type, &p, &err), WS_ERANGE);
  assert_string_equal(err.msg, "$.x is 11, outside the range 0..10");
  assert_int_equal(ws_opt_set(&opt_str_kind, &p.note, &note), WS_OK);
  p.x = 1;
  assert_int_equal(ws_class_validate(&point_type, &p, &err), WS_ECONSTRAINT);
  assert_string_equal(err.msg,
                      "$.note is 4 bytes, more than the 3 allowed (max_len 3)");
  assert_int_equal(ws_str_set(&p.name, "a\xff", 2), WS_OK);
  assert_int_equal(ws_class_validate(&point_type, &p, &err), WS_EUTF8);
  assert_string_equal(err.path, "$.name");
  /* encode names the field too, once the value keeps its constraints
   * (which encode checks first) */
  note = lent_cstr("ok");
  assert_int_equal(ws_opt_set(&opt_str_kind, &p.note, &note), WS_OK);
  ws_buf b;
  ws_buf_init(&b);
  assert_int_equal(ws_class_encode(&point_type, &p, WS_FORMAT_JSON, &b, &err),
                   WS_EUTF8);
  assert_string_equal(err.msg,
                      "$.name is not valid UTF-8 (bad byte at offset 1)");
  assert_int_equal(b.len, 0);
  ws_buf_free(&b);
  ws_class_free(&point_type, &p);
}

/* Encode refuses p, in every format, with code and msg naming path, and
 * leaves a buffer that held "kept" as it was. */
static void expect_encode_refused(const ws_type *t, const t_point *p,
                                  ws_status code, const char *msg,
                                  const char *path) {
  for (int format = WS_FORMAT_JSON; format <= WS_FORMAT_STR; format++) {
    ws_buf b;
    ws_error err;
    ws_buf_init(&b);
    ws_buf_puts(&b, "kept");
    assert_int_equal(ws_class_encode(t, p, (ws_format)format, &b, &err), code);
    assert_string_equal(err.msg, msg);
    assert_string_equal(err.path, path);
    assert_int_equal(b.len, 4);
    assert_string_equal(b.data, "kept");
    assert_int_equal(b.status, WS_OK);
    ws_buf_free(&b);
  }
}

static void test_encode_refuses_a_value_outside_its_constraints(void **state) {
  (void)state;
  t_point p = {0};
  ws_str note = lent_cstr("long");
  assert_int_equal(ws_class_init(&point_type, &p), WS_OK);
  p.x = 11;
  expect_encode_refused(&point_type, &p, WS_ERANGE,
                        "$.x is 11, outside the range 0..10", "$.x");
  p.x = -1;
  expect_encode_refused(&point_type, &p, WS_ERANGE,
                        "$.x is -1, outside the range 0..10", "$.x");
  /* through the abstract base too: Point's encode runs, and checks */
  expect_encode_refused(&shape_type, &p, WS_ERANGE,
                        "$.x is -1, outside the range 0..10", "$.x");
  p.x = 10;
  assert_int_equal(ws_opt_set(&opt_str_kind, &p.note, &note), WS_OK);
  expect_encode_refused(
      &point_type, &p, WS_ECONSTRAINT,
      "$.note is 4 bytes, more than the 3 allowed (max_len 3)", "$.note");
  /* at the limits it is written */
  note = lent_cstr("abc");
  assert_int_equal(ws_opt_set(&opt_str_kind, &p.note, &note), WS_OK);
  expect_encoded(&point_type, &p, WS_FORMAT_STR,
                 "{'name': 'origin', 'note': 'abc', 'on': True, 'x': 10}");
  ws_class_free(&point_type, &p);
}

/* WS_TYPE_UNCONSTRAINED is a promise that spares encode the look: a
 * descriptor that makes it is taken at its word. */
static void test_encode_trusts_the_unconstrained_flag(void **state) {
  (void)state;
  ws_type promised = point_type;
  t_point p = {0};
  promised.flags |= WS_TYPE_UNCONSTRAINED;
  assert_int_equal(ws_class_init(&point_type, &p), WS_OK);
  p.x = 11;
  expect_encoded(&promised, &p, WS_FORMAT_JSON,
                 "{\"name\":\"origin\",\"x\":11}");
  ws_class_free(&point_type, &p);
}

static ws_status decode(const char *json, t_point *p, ws_error *err,
                        bool skip) {
  ws_decode_opts opts = {.skip_unknown = skip};
  return ws_type_decode(&point_type, p, json, strlen(json), &opts, err);
}

static void test_read_fields_and_defaults(void **state) {
  (void)state;
  t_point p = {0};
  ws_error err;
  assert_int_equal(decode("{\"note\": \"ab\", \"x\": 10}", &p, &err, false),
                   WS_OK);
  assert_int_equal(p.x, 10);
  assert_string_equal(ws_str_c(&p.name), "origin");
  assert_string_equal(ws_str_c(&p.note.value), "ab");
  ws_class_free(&point_type, &p);
  assert_int_equal(
      decode("{\"x\": 1, \"colour\": {\"r\": [1]}}", &p, &err, true), WS_OK);
  ws_class_free(&point_type, &p);
}

/* ws_class_read (a class's _read) replaces a full value, and leaves it as
 * it was when the object is refused. */
static ws_status read_text(t_point *p, const char *json) {
  ws_reader r;
  ws_reader_init(&r, json, strlen(json), NULL, NULL);
  ws_status st = ws_class_read(&point_type, &r, p);
  ws_reader_free(&r);
  return st;
}

static void test_read_replaces_its_target(void **state) {
  (void)state;
  t_point p = {0};
  assert_int_equal(read_text(&p, "{\"note\": \"ab\", \"x\": 1}"), WS_OK);
  assert_int_equal(read_text(&p, "{\"name\": \"n\", \"x\": 2}"), WS_OK);
  assert_int_equal(p.x, 2); /* the first value freed (LSan) */
  assert_string_equal(ws_str_c(&p.name), "n");
  assert_false(p.note.present);
  assert_int_equal(read_text(&p, "{\"name\": \"m\", \"x\": 99}"), WS_ERANGE);
  assert_int_equal(p.x, 2);
  assert_string_equal(ws_str_c(&p.name), "n");
  ws_class_free(&point_type, &p);
}

static void test_read_refusals(void **state) {
  (void)state;
  static const struct {
    const char *json;
    ws_status code;
    const char *msg;
  } cases[] = {
      {"{\"name\": \"n\"}", WS_EMISSING,
       "missing required field \"x\" in $ (Point)"},
      {"{\"x\": 1, \"y\": 2}", WS_EUNKNOWN,
       "unknown field \"y\" in $ (Point has: name, x, on, note)"},
      {"{\"x\": 1, \"x\": 2}", WS_EDUPLICATE, "duplicate key \"x\" in $"},
      {"{\"x\": 11}", WS_ERANGE,
       "$.x is 11, more than the maximum 10 (range 0..10)"},
      {"{\"x\": 1, \"note\": \"abcd\"}", WS_ECONSTRAINT,
       "$.note is 4 bytes, more than the 3 allowed (max_len 3)"},
      {"{\"x\": null}", WS_ETYPE, "null is not allowed for $.x (int)"},
  };
  for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
    t_point p = {0};
    ws_error err;
    assert_int_equal(decode(cases[i].json, &p, &err, false), cases[i].code);
    assert_string_equal(err.msg, cases[i].msg);
    assert_null(p.name.ptr); /* freed back to all-zero */
  }
}

/* ---- allocation failure ---------------------------------------------------- */

static t_point sweep_src, sweep_dst;

static ws_status op_init(void *ctx) {
  (void)ctx;
  return ws_class_init(&point_type, &sweep_dst);
}
static ws_status op_copy(void *ctx) {
  (void)ctx;
  return ws_class_copy(&point_type, &sweep_dst, &sweep_src);
}
static ws_status op_decode(void *ctx) {
  ws_error err;
  return decode(ctx, &sweep_dst, &err, true);
}
static void cleanup(void *ctx) {
  (void)ctx;
  ws_class_free(&point_type, &sweep_dst);
}

static void test_allocation_failure_sweeps(void **state) {
  (void)state;
  ws_error err;
  static const char json[] =
      "{\"n\\u0061me\": \"\\u00e9t\\u00e9\", \"x\": 2, \"note\": \"\\u00e9\","
      " \"\\u0063olour\": [1]}";
  assert_int_equal(decode(json, &sweep_src, &err, true), WS_OK);
  assert_int_equal(failalloc_check(op_init, cleanup, NULL), 1);
  assert_true(failalloc_check(op_copy, cleanup, NULL) > 1);
  assert_true(failalloc_check(op_decode, cleanup, (void *)json) > 1);
  ws_class_free(&point_type, &sweep_src);
}

/* ---- a class of more fields than the reader keeps on the stack ---------- */

enum { WIDE = 70 };
typedef struct t_wide {
  int64_t f[WIDE];
} t_wide;
static char wide_names[WIDE][4];
static ws_field_desc wide_fields[WIDE];
static ws_key_slot wide_order[WIDE];
static ws_type wide_type;

static int by_name(const void *a, const void *b) {
  const ws_key_slot *x = a, *y = b;
  return strcmp(wide_fields[x->field].name, wide_fields[y->field].name);
}

/* "f0" to "f69", each a required int, f69 last in the table. */
static void make_wide_type(void) {
  for (size_t i = 0; i < WIDE; i++) {
    snprintf(wide_names[i], sizeof wide_names[i], "f%zu", i);
    wide_fields[i] =
        (ws_field_desc){.name = wide_names[i],
                        .type = "int",
                        .doc = "",
                        .name_len = strlen(wide_names[i]),
                        .kind = &ws_int_kind,
                        .offset = offsetof(t_wide, f) + i * sizeof(int64_t),
                        .flags = WS_FIELD_REQUIRED};
    wide_order[i] = (ws_key_slot){i, wide_fields[i].name_len};
  }
  qsort(wide_order, WIDE, sizeof wide_order[0], by_name);
  wide_type = (ws_type){.name = "Wide",
                        .c_name = "t_wide",
                        .doc = "",
                        .size = sizeof(t_wide),
                        .fields = wide_fields,
                        .field_count = WIDE,
                        .key_order = wide_order,
                        .init = ws_class_init,
                        .free = ws_class_free,
                        .read = ws_class_read_into};
}

/* {"f0": 0, ..., "f68": 68} and, when all, "f69": 69 too. */
static void wide_json(ws_buf *b, bool all) {
  ws_buf_putc(b, '{');
  for (size_t i = 0; i < (all ? WIDE : WIDE - 1); i++) {
    ws_buf_puts(b, i > 0 ? ", \"" : "\"");
    ws_buf_puts(b, wide_names[i]);
    ws_buf_puts(b, "\": ");
    ws_buf_put_i64(b, (long long)i);
  }
  ws_buf_putc(b, '}');
}

static ws_buf wide_text;
static ws_status op_decode_wide(void *ctx) {
  t_wide w = {0};
  ws_error err;
  (void)ctx;
  ws_status st =
      ws_type_decode(&wide_type, &w, wide_text.data, wide_text.len, NULL, &err);
  if (st == WS_OK)
    assert_int_equal(w.f[WIDE - 1], WIDE - 1);
  return st;
}

static void test_many_fields(void **state) {
  (void)state;
  t_wide w = {0};
  ws_error err;
  make_wide_type();
  ws_buf_init(&wide_text);
  wide_json(&wide_text, false);
  assert_int_equal(
      ws_type_decode(&wide_type, &w, wide_text.data, wide_text.len, NULL, &err),
      WS_EMISSING);
  assert_string_equal(err.msg, "missing required field \"f69\" in $ (Wide)");
  ws_buf_reset(&wide_text);
  wide_json(&wide_text, true);
  /* the one allocation: the set of fields seen */
  assert_int_equal(failalloc_check(op_decode_wide, NULL, NULL), 1);
  ws_buf_free(&wide_text);
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_init_stores_defaults_and_class),
      cmocka_unit_test(test_copy_equal_and_dispatch_through_the_base),
      cmocka_unit_test(test_abstract_value_without_class),
      cmocka_unit_test(test_validate_text_first_then_constraints),
      cmocka_unit_test(test_encode_refuses_a_value_outside_its_constraints),
      cmocka_unit_test(test_encode_trusts_the_unconstrained_flag),
      cmocka_unit_test(test_read_fields_and_defaults),
      cmocka_unit_test(test_read_refusals),
      cmocka_unit_test(test_read_replaces_its_target),
      cmocka_unit_test(test_allocation_failure_sweeps),
      cmocka_unit_test(test_many_fields),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
