/* Tests for ws_check.c: the UTF-8, header and constraint checks generated
 * validate and encode functions call, with their exact messages. */
#include "failalloc.h"

#include <string.h>

#include "ws_check.h"
#include "lent.h"

static void
test_invalid_at_fills_the_path_when_there_is_a_record(void **state) {
  (void)state;
  ws_error err;
  ws_error_clear(&err);
  assert_int_equal(ws_invalid_at(&err, WS_ERANGE, "$.port"), WS_ERANGE);
  assert_string_equal(err.path, "$.port");
  assert_int_equal(ws_invalid_at(NULL, WS_EUTF8, "$.x"), WS_EUTF8);
}

static void test_utf8_check_passes_valid_text(void **state) {
  (void)state;
  ws_error err;
  ws_error_clear(&err);
  ws_str s = lent_cstr("h\xc3\xa9llo");
  assert_int_equal(ws_utf8_check(&s, "", "$.host", &err), WS_OK);
  assert_int_equal(err.code, WS_OK);
  ws_str empty = lent_str(NULL, 0);
  assert_int_equal(ws_utf8_check(&empty, "", "$.host", &err), WS_OK);
}

static void test_utf8_check_names_value_and_offset(void **state) {
  (void)state;
  ws_error err;
  ws_error_clear(&err);
  ws_str s = lent_str("abc\xff", 4);
  assert_int_equal(ws_utf8_check(&s, "", "$.host", &err), WS_EUTF8);
  assert_int_equal(err.code, WS_EUTF8);
  assert_string_equal(err.msg,
                      "$.host is not valid UTF-8 (bad byte at offset 3)");
  assert_string_equal(err.path, "$.host");
}

static void test_utf8_check_names_a_key(void **state) {
  (void)state;
  ws_error err;
  ws_error_clear(&err);
  ws_str s = lent_str("\xc0", 1);
  assert_int_equal(ws_utf8_check(&s, "a key in ", "$.extra", NULL), WS_EUTF8);
  assert_int_equal(ws_utf8_check(&s, "a key in ", "$.extra", &err), WS_EUTF8);
  assert_string_equal(err.msg,
                      "a key in $.extra is not valid UTF-8 (bad byte at "
                      "offset 0)");
}

static void test_headers_check_passes_valid_headers(void **state) {
  (void)state;
  ws_headers h;
  ws_headers_init(&h);
  assert_int_equal(ws_headers_add(&h, ws_cstr("Host"), ws_cstr("a")), WS_OK);
  assert_int_equal(ws_headers_check(&h, "$.headers", NULL), WS_OK);
  ws_headers_free(&h);
}

static void test_headers_check_names_a_bad_name(void **state) {
  (void)state;
  ws_headers h;
  ws_error err;
  ws_headers_init(&h);
  ws_error_clear(&err);
  assert_int_equal(ws_headers_add(&h, ws_str_view("X\xff", 2), ws_cstr("v")),
                   WS_OK);
  assert_int_equal(ws_headers_check(&h, "$.headers", &err), WS_EUTF8);
  assert_string_equal(err.msg, "a name in $.headers is not valid UTF-8 (bad "
                               "byte at offset 1)");
  assert_string_equal(err.path, "$.headers");
  ws_headers_free(&h);
}

static void test_headers_check_names_the_header_of_a_bad_value(void **state) {
  (void)state;
  ws_headers h;
  ws_error err;
  ws_headers_init(&h);
  ws_error_clear(&err);
  assert_int_equal(ws_headers_add(&h, ws_cstr("Host"), ws_cstr("ok")), WS_OK);
  assert_int_equal(ws_headers_add(&h, ws_cstr("Via"), ws_str_view("a\xfe", 2)),
                   WS_OK);
  assert_int_equal(ws_headers_check(&h, "$.headers", &err), WS_EUTF8);
  assert_string_equal(err.msg, "$.headers[\"Via\"] is not valid UTF-8 (bad "
                               "byte at offset 1)");
  assert_string_equal(err.path, "$.headers[\"Via\"]");
  ws_headers_free(&h);
}

/* The path of a bad value keeps 200 bytes of the parent and 40 of the name,
 * so it fits err->path whatever their lengths. */
static void test_headers_check_bounds_a_long_path(void **state) {
  (void)state;
  char parent[400], name[100];
  ws_headers h;
  ws_error err;
  memset(parent, 'p', sizeof parent - 1);
  parent[sizeof parent - 1] = '\0';
  memset(name, 'n', sizeof name - 1);
  name[sizeof name - 1] = '\0';
  ws_headers_init(&h);
  ws_error_clear(&err);
  assert_int_equal(ws_headers_add(&h, ws_cstr(name), ws_str_view("\xff", 1)),
                   WS_OK);
  assert_int_equal(ws_headers_check(&h, parent, &err), WS_EUTF8);
  assert_int_equal(strlen(err.path), 200 + 2 + 40 + 2);
  assert_memory_equal(err.path + 200, "[\"nnn", 5);
  assert_string_equal(err.path + 241, "n\"]");
  ws_headers_free(&h);
}

static void test_len_check(void **state) {
  (void)state;
  ws_error err;
  ws_error_clear(&err);
  assert_int_equal(ws_len_check(125, 125, "$.payload", &err), WS_OK);
  assert_int_equal(ws_len_check(0, 0, "$.payload", &err), WS_OK);
  assert_int_equal(ws_len_check(126, 125, "$.payload", &err), WS_ECONSTRAINT);
  assert_string_equal(
      err.msg,
      "$.payload is 126 bytes, more than the 125 allowed (max_len 125)");
  assert_string_equal(err.path, "$.payload");
  assert_int_equal(ws_len_check(1, 0, "$.x", NULL), WS_ECONSTRAINT);
}

static void test_range_check(void **state) {
  (void)state;
  ws_error err;
  ws_error_clear(&err);
  assert_int_equal(ws_range_check(1, 1, 65535, "$.port", &err), WS_OK);
  assert_int_equal(ws_range_check(65535, 1, 65535, "$.port", &err), WS_OK);
  assert_int_equal(ws_range_check(INT64_MIN, INT64_MIN, INT64_MAX, "$.n", &err),
                   WS_OK);
  assert_int_equal(ws_range_check(0, 1, 65535, "$.port", &err), WS_ERANGE);
  assert_string_equal(err.msg, "$.port is 0, outside the range 1..65535");
  assert_string_equal(err.path, "$.port");
  assert_int_equal(ws_range_check(-5, -3, -1, "$.n", &err), WS_ERANGE);
  assert_string_equal(err.msg, "$.n is -5, outside the range -3..-1");
  assert_int_equal(ws_range_check(7, 0, 2, "$.s", NULL), WS_ERANGE);
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_invalid_at_fills_the_path_when_there_is_a_record),
      cmocka_unit_test(test_utf8_check_passes_valid_text),
      cmocka_unit_test(test_utf8_check_names_value_and_offset),
      cmocka_unit_test(test_utf8_check_names_a_key),
      cmocka_unit_test(test_headers_check_passes_valid_headers),
      cmocka_unit_test(test_headers_check_names_a_bad_name),
      cmocka_unit_test(test_headers_check_names_the_header_of_a_bad_value),
      cmocka_unit_test(test_headers_check_bounds_a_long_path),
      cmocka_unit_test(test_len_check),
      cmocka_unit_test(test_range_check),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
