/* Tests for ws_read_refuse.c: the refusals of generated readers, with their
 * exact messages, positions and paths, and skipping an unknown field under
 * allocation failure. */
#include "failalloc.h"

#include <stdio.h>
#include <string.h>

#include "ws_read_refuse.h"

typedef struct reading {
  ws_reader r;
  ws_error err;
} reading;

static void start(reading *x, const char *json, const ws_decode_opts *opts) {
  ws_error_clear(&x->err);
  ws_reader_init(&x->r, json, strlen(json), opts, &x->err);
}

/* Reads up to the key of the next member of the open object. */
static void next_key(reading *x, const char *expect) {
  const char *key;
  size_t len;
  assert_true(ws_read_object_next(&x->r, &key, &len));
  assert_int_equal(len, strlen(expect));
  assert_memory_equal(key, expect, len);
}

static void test_null_refused_passes_a_value(void **state) {
  (void)state;
  reading x;
  start(&x, " \"a\"", NULL);
  assert_false(ws_read_null_refused(&x.r, "str"));
  assert_int_equal(x.r.status, WS_OK);
  ws_reader_free(&x.r);
}

static void test_null_refused_names_path_and_type(void **state) {
  (void)state;
  reading x;
  start(&x, "{\"host\": null}", NULL);
  assert_int_equal(ws_read_object_begin(&x.r, "an object"), WS_OK);
  next_key(&x, "host");
  assert_int_equal(ws_path_push_key(&x.r, "host", 4), WS_OK);
  assert_true(ws_read_null_refused(&x.r, "str"));
  assert_int_equal(x.r.status, WS_ETYPE);
  assert_string_equal(x.err.msg, "null is not allowed for $.host (str)");
  assert_int_equal(x.err.offset, 9);
  ws_reader_free(&x.r);
}

static void test_duplicate_key_points_at_the_second(void **state) {
  (void)state;
  reading x;
  start(&x, "{\"a\": 1, \"a\": 2}", NULL);
  int64_t v;
  assert_int_equal(ws_read_object_begin(&x.r, "an object"), WS_OK);
  next_key(&x, "a");
  assert_int_equal(ws_read_int(&x.r, &v), WS_OK);
  next_key(&x, "a");
  assert_int_equal(ws_read_duplicate_key(&x.r, "a", 1), WS_EDUPLICATE);
  assert_int_equal(x.r.status, WS_EDUPLICATE);
  assert_string_equal(x.err.msg, "duplicate key \"a\" in $");
  assert_int_equal(x.err.offset, 9);
  ws_reader_free(&x.r);
}

static void test_unknown_field_is_refused_naming_the_fields(void **state) {
  (void)state;
  reading x;
  start(&x, "{\"colour\": 1}", NULL);
  assert_int_equal(ws_read_object_begin(&x.r, "an object"), WS_OK);
  next_key(&x, "colour");
  assert_int_equal(ws_read_unknown_field(&x.r, "colour", 6, "Point has: x, y"),
                   WS_EUNKNOWN);
  assert_string_equal(x.err.msg,
                      "unknown field \"colour\" in $ (Point has: x, y)");
  assert_int_equal(x.err.offset, 1);
  ws_reader_free(&x.r);
}

/* A long key is quoted cut short, so the message stays readable. */
static void test_unknown_field_quotes_a_long_key_short(void **state) {
  (void)state;
  char json[300], key[201];
  reading x;
  memset(key, 'k', 200);
  key[200] = '\0';
  snprintf(json, sizeof json, "{\"%s\": 1}", key);
  start(&x, json, NULL);
  assert_int_equal(ws_read_object_begin(&x.r, "an object"), WS_OK);
  next_key(&x, key);
  assert_int_equal(ws_read_unknown_field(&x.r, key, 200, "T has no fields"),
                   WS_EUNKNOWN);
  assert_true(strlen(x.err.msg) < 100);
  assert_non_null(strstr(x.err.msg, "...\" in $ (T has no fields)"));
  ws_reader_free(&x.r);
}

static void test_unknown_field_is_skipped_when_asked(void **state) {
  (void)state;
  ws_decode_opts opts = {.skip_unknown = true};
  reading x;
  int64_t v;
  start(&x, "{\"colour\": [1, {\"r\": 2}], \"x\": 3}", &opts);
  assert_int_equal(ws_read_object_begin(&x.r, "an object"), WS_OK);
  next_key(&x, "colour");
  assert_int_equal(ws_read_unknown_field(&x.r, "colour", 6, "Point has: x"),
                   WS_OK);
  assert_int_equal(x.r.depth, 0);
  next_key(&x, "x");
  assert_int_equal(ws_read_int(&x.r, &v), WS_OK);
  assert_int_equal(v, 3);
  ws_reader_free(&x.r);
}

/* Skipping still checks the value; the error carries the field's path. */
static void test_skipped_value_is_still_checked(void **state) {
  (void)state;
  ws_decode_opts opts = {.skip_unknown = true};
  reading x;
  start(&x, "{\"colour\": [1, tru]}", &opts);
  assert_int_equal(ws_read_object_begin(&x.r, "an object"), WS_OK);
  next_key(&x, "colour");
  assert_int_equal(ws_read_unknown_field(&x.r, "colour", 6, "Point has: x"),
                   WS_ESYNTAX);
  assert_string_equal(x.err.msg, "expected a value, found 'tru'");
  assert_string_equal(x.err.path, "$.colour[1]"); /* down to the error */
  ws_reader_free(&x.r);
}

static void test_missing_field_points_at_the_object(void **state) {
  (void)state;
  reading x;
  start(&x, "  {}", NULL);
  size_t at = ws_reader_offset(&x.r);
  const char *key;
  size_t len;
  assert_int_equal(ws_read_object_begin(&x.r, "an object"), WS_OK);
  assert_false(ws_read_object_next(&x.r, &key, &len));
  assert_int_equal(ws_read_missing_field(&x.r, at, "Thing", "name"),
                   WS_EMISSING);
  assert_string_equal(x.err.msg,
                      "missing required field \"name\" in $ (Thing)");
  assert_int_equal(x.err.offset, 2);
  ws_reader_free(&x.r);
}

static void test_check_max_len(void **state) {
  (void)state;
  reading x;
  start(&x, "{\"payload\": \"abc\"}", NULL);
  ws_str s = {NULL, 0};
  assert_int_equal(ws_read_object_begin(&x.r, "an object"), WS_OK);
  next_key(&x, "payload");
  assert_int_equal(ws_path_push_key(&x.r, "payload", 7), WS_OK);
  size_t at = ws_reader_offset(&x.r);
  assert_int_equal(ws_read_str(&x.r, &s), WS_OK);
  assert_int_equal(ws_read_check_max_len(&x.r, at, s.len, 3), WS_OK);
  assert_int_equal(ws_read_check_max_len(&x.r, at, s.len, 2), WS_ECONSTRAINT);
  assert_string_equal(
      x.err.msg, "$.payload is 3 bytes, more than the 2 allowed (max_len 2)");
  assert_int_equal(x.err.offset, 12);
  ws_str_free(&s);
  ws_reader_free(&x.r);
}

static void test_check_range_says_which_bound(void **state) {
  (void)state;
  reading x;
  start(&x, "0", NULL);
  assert_int_equal(ws_read_check_range(&x.r, 0, 1, 1, 65535), WS_OK);
  assert_int_equal(ws_read_check_range(&x.r, 0, 0, 1, 65535), WS_ERANGE);
  assert_string_equal(x.err.msg,
                      "$ is 0, less than the minimum 1 (range 1..65535)");
  ws_reader_free(&x.r);
  start(&x, "7", NULL);
  assert_int_equal(ws_read_check_range(&x.r, 0, 7, 0, 2), WS_ERANGE);
  assert_string_equal(x.err.msg,
                      "$ is 7, more than the maximum 2 (range 0..2)");
  ws_reader_free(&x.r);
}

/* Skipping an unknown field whose key and contents have escapes (which the
 * path and the key scratch copy): WS_ENOMEM or the whole object read. */
static reading sweep;
static ws_status op_skip(void *ctx) {
  static const ws_decode_opts opts = {.skip_unknown = true};
  const char *json = ctx;
  const char *key;
  size_t len;
  start(&sweep, json, &opts);
  if (ws_read_object_begin(&sweep.r, "an object") != WS_OK)
    return sweep.r.status;
  while (ws_read_object_next(&sweep.r, &key, &len)) {
    if (ws_read_unknown_field(&sweep.r, key, len, "T has no fields") != WS_OK)
      return sweep.r.status;
  }
  if (sweep.r.status == WS_OK)
    assert_int_equal(sweep.r.depth, 0);
  return sweep.r.status;
}
static void cleanup_sweep(void *ctx) {
  (void)ctx;
  ws_reader_free(&sweep.r);
}

static void test_skip_allocation_failure_sweep(void **state) {
  (void)state;
  char json[600];
  char long_key[300];
  memset(long_key, 'q', sizeof long_key - 1);
  long_key[sizeof long_key - 1] = '\0';
  snprintf(json, sizeof json,
           "{\"\\u0063olour\": [1, {\"\\u0072\": \"\\u00e9\"}], \"%s\": 2}",
           long_key);
  assert_true(failalloc_check(op_skip, cleanup_sweep, json) >= 1);
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_null_refused_passes_a_value),
      cmocka_unit_test(test_null_refused_names_path_and_type),
      cmocka_unit_test(test_duplicate_key_points_at_the_second),
      cmocka_unit_test(test_unknown_field_is_refused_naming_the_fields),
      cmocka_unit_test(test_unknown_field_quotes_a_long_key_short),
      cmocka_unit_test(test_unknown_field_is_skipped_when_asked),
      cmocka_unit_test(test_skipped_value_is_still_checked),
      cmocka_unit_test(test_missing_field_points_at_the_object),
      cmocka_unit_test(test_check_max_len),
      cmocka_unit_test(test_check_range_says_which_bound),
      cmocka_unit_test(test_skip_allocation_failure_sweep),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
