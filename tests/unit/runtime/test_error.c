/* Tests for ws_error_format (ws_status.c): the one line a caller prints
 * for an error record, with and without a name and a position, cut to the
 * room given, and for an error a real decode records. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "ws_json_read.h"
#include "ws_status.h"

/* An error record at line:col with message msg. */
static ws_error error_at(ws_status code, size_t line, size_t col,
                         const char *msg) {
  ws_error err;
  ws_error_clear(&err);
  ws_error_set(&err, code, "%s", msg);
  err.line = line;
  err.col = col;
  return err;
}

static void test_name_position_and_message(void **state) {
  (void)state;
  ws_error err = error_at(WS_ETYPE, 3, 14, "expected an integer for $.port");
  char out[128];
  size_t n = ws_error_format(&err, "req.json", out, sizeof out);
  assert_string_equal(out,
                      "req.json:3:14: error: expected an integer for $.port");
  assert_int_equal(n, strlen(out));
}

static void test_without_a_name(void **state) {
  (void)state;
  ws_error err =
      error_at(WS_ESYNTAX, 1, 2, "expected ',' or '}' after a member");
  char out[128];
  ws_error_format(&err, NULL, out, sizeof out);
  assert_string_equal(out, "1:2: error: expected ',' or '}' after a member");
}

static void test_without_a_position(void **state) {
  (void)state;
  ws_error err = error_at(WS_EUTF8, 0, 0, "$.path is not valid UTF-8");
  char out[128];
  ws_error_format(&err, "<stdin>", out, sizeof out);
  assert_string_equal(out, "<stdin>: error: $.path is not valid UTF-8");
  ws_error_format(&err, NULL, out, sizeof out);
  assert_string_equal(out, "error: $.path is not valid UTF-8");
}

static void test_empty_message_gives_the_status_name(void **state) {
  (void)state;
  ws_error err;
  ws_error_clear(&err);
  err.code = WS_ENOMEM;
  char out[64];
  ws_error_format(&err, "x", out, sizeof out);
  assert_string_equal(out, "x: error: out of memory");
}

static void test_cut_to_the_room_given(void **state) {
  (void)state;
  ws_error err = error_at(WS_ERANGE, 12, 345, "integer 99 is out of range");
  const char *whole = "in:12:345: error: integer 99 is out of range";
  char out[10];
  memset(out, 'x', sizeof out);
  size_t n = ws_error_format(&err, "in", out, sizeof out);
  assert_int_equal(n, strlen(whole));    /* the whole line's length */
  assert_string_equal(out, "in:12:345"); /* its first 9 bytes and a NUL */
  char exact[64];
  assert_int_equal(ws_error_format(&err, "in", exact, n + 1), n);
  assert_string_equal(exact, whole);
}

static void test_measure_with_no_room(void **state) {
  (void)state;
  ws_error err = error_at(WS_ETYPE, 1, 1, "m");
  assert_int_equal(ws_error_format(&err, "f", NULL, 0),
                   strlen("f:1:1: error: m"));
  char one = 'x';
  assert_int_equal(ws_error_format(&err, "f", &one, 1),
                   strlen("f:1:1: error: m"));
  assert_int_equal(one, '\0');
}

static void test_message_without_nul_is_bounded(void **state) {
  (void)state;
  ws_error err;
  ws_error_clear(&err);
  err.code = WS_ESYNTAX;
  memset(err.msg, 'm', sizeof err.msg); /* filled by hand, no NUL */
  char out[sizeof err.msg + 64];
  size_t n = ws_error_format(&err, NULL, out, sizeof out);
  assert_int_equal(n, strlen("error: ") + sizeof err.msg);
  assert_int_equal(strlen(out), n);
}

/* What a caller of the reader prints: the record the reader fills, with
 * its position and its sentence. */
static void test_formats_what_the_reader_records(void **state) {
  (void)state;
  const char *json = "{\n  \"port\": \"80\"\n}";
  ws_error err;
  ws_reader r;
  ws_reader_init(&r, json, strlen(json), NULL, &err);
  const char *key;
  size_t key_len;
  int64_t port = 0;
  assert_int_equal(ws_read_object_begin(&r, "an object"), WS_OK);
  assert_true(ws_read_object_next(&r, &key, &key_len));
  assert_int_equal(ws_path_push_key(&r, key, key_len), WS_OK);
  assert_int_equal(ws_read_int(&r, &port), WS_ETYPE);
  ws_reader_free(&r);
  char out[256];
  ws_error_format(&err, "conf.json", out, sizeof out);
  assert_string_equal(out, "conf.json:2:11: error: expected an integer for "
                           "$.port, found string \"80\"");
}

/* A record that still holds an earlier error's position (or was never
 * cleared) gets none from ws_error_set: encode's and validate's errors have
 * no line, and must not print one. */
static void test_set_clears_an_earlier_position(void **state) {
  (void)state;
  ws_error err = error_at(WS_ETYPE, 7, 9, "old");
  strcpy(err.path, "$.old");
  err.offset = 99;
  ws_error_set(&err, WS_ECONSTRAINT, "%s is too long", "$.payload");
  assert_int_equal(err.line, 0);
  assert_int_equal(err.col, 0);
  assert_int_equal(err.offset, 0);
  assert_string_equal(err.path, "");
  char out[128];
  ws_error_format(&err, "ping", out, sizeof out);
  assert_string_equal(out, "ping: error: $.payload is too long");
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_name_position_and_message),
      cmocka_unit_test(test_without_a_name),
      cmocka_unit_test(test_without_a_position),
      cmocka_unit_test(test_empty_message_gives_the_status_name),
      cmocka_unit_test(test_cut_to_the_room_given),
      cmocka_unit_test(test_measure_with_no_room),
      cmocka_unit_test(test_message_without_nul_is_bounded),
      cmocka_unit_test(test_formats_what_the_reader_records),
      cmocka_unit_test(test_set_clears_an_earlier_position),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
