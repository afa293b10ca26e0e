/* Tests for ws_encode.c: the frame around a generated put function (format
 * check, sizing, rollback on failure) and the encode failure message. */
#include "failalloc.h"

#include <string.h>

#include "ws_encode.h"

/* A put function shaped like a generated one: the JSON or str form of a
 * C string, by format. */
static void put_word(ws_buf *b, const void *obj, ws_format format) {
  const char *word = obj;
  if (format == WS_FORMAT_STR) {
    ws_buf_putc(b, '\'');
    ws_buf_puts(b, word);
    ws_buf_putc(b, '\'');
  } else {
    ws_buf_putc(b, '"');
    ws_buf_puts(b, word);
    ws_buf_putc(b, '"');
  }
}

/* Writes a little, then fails as a bad value would. */
static void put_then_fail(ws_buf *b, const void *obj, ws_format format) {
  (void)obj;
  (void)format;
  ws_buf_puts(b, "partial");
  ws_buf_fail(b, WS_EUTF8);
}

static void test_json_is_appended(void **state) {
  (void)state;
  ws_buf b;
  ws_buf_init(&b);
  ws_buf_puts(&b, "x=");
  assert_int_equal(ws_encode_with(put_word, "hi", WS_FORMAT_JSON, &b), WS_OK);
  assert_int_equal(ws_encode_with(put_word, "yo", WS_FORMAT_JSON_PYTHON, &b),
                   WS_OK);
  assert_string_equal(b.data, "x=\"hi\"\"yo\"");
  ws_buf_free(&b);
}

static void test_str_is_appended(void **state) {
  (void)state;
  ws_buf b;
  ws_buf_init(&b);
  assert_int_equal(ws_encode_with(put_word, "hi", WS_FORMAT_STR, &b), WS_OK);
  assert_string_equal(b.data, "'hi'");
  ws_buf_free(&b);
}

/* JSON into a fresh buffer: one block, written into and kept; detach
 * hands over a block that fits. */
static void test_json_allocates_once(void **state) {
  (void)state;
  ws_buf b;
  ws_buf_init(&b);
  failalloc_install();
  assert_int_equal(ws_encode_with(put_word, "hello", WS_FORMAT_JSON, &b),
                   WS_OK);
  assert_int_equal(failalloc_calls(), 1);
  assert_true(b.cap >= b.len);
  assert_string_equal(b.data, "\"hello\"");
  size_t len;
  char *bytes = ws_buf_detach(&b, &len);
  assert_int_equal(failalloc_calls(), 2); /* the shrink */
  assert_int_equal(len, strlen("\"hello\""));
  assert_string_equal(bytes, "\"hello\"");
  ws_free(bytes);
  assert_int_equal(failalloc_live(), 0);
  failalloc_uninstall();
}

static void test_unknown_format_is_refused(void **state) {
  (void)state;
  ws_buf b;
  ws_buf_init(&b);
  assert_int_equal(ws_encode_with(put_word, "hi", (ws_format)7, &b), WS_EINVAL);
  assert_int_equal(b.len, 0);
  assert_int_equal(b.status, WS_OK);
  ws_buf_free(&b);
}

static void test_a_failed_buffer_stays_failed(void **state) {
  (void)state;
  ws_buf b;
  ws_buf_init(&b);
  ws_buf_fail(&b, WS_ENOMEM);
  assert_int_equal(ws_encode_with(put_word, "hi", WS_FORMAT_JSON, &b),
                   WS_ENOMEM);
  assert_int_equal(b.len, 0);
  ws_buf_free(&b);
}

/* A failure cuts the buffer back to what it held and clears its status. */
static void test_failure_leaves_the_buffer_as_it_was(void **state) {
  (void)state;
  for (int format = WS_FORMAT_JSON; format <= WS_FORMAT_STR; format++) {
    ws_buf b;
    ws_buf_init(&b);
    ws_buf_puts(&b, "kept");
    assert_int_equal(ws_encode_with(put_then_fail, NULL, (ws_format)format, &b),
                     WS_EUTF8);
    assert_int_equal(b.status, WS_OK);
    assert_int_equal(b.len, 4);
    assert_string_equal(b.data, "kept");
    ws_buf_free(&b);
  }
}

/* A fixed buffer without the room: WS_EFULL, and what it held is kept. */
static void test_fixed_buffer_too_small(void **state) {
  (void)state;
  char space[6];
  ws_buf b;
  ws_buf_fixed(&b, space, sizeof space);
  ws_buf_puts(&b, "ab");
  assert_int_equal(ws_encode_with(put_word, "long", WS_FORMAT_JSON, &b),
                   WS_EFULL);
  assert_int_equal(b.len, 2);
  assert_string_equal(space, "ab");
  ws_buf_free(&b);
}

static ws_buf sweep_buf;
static ws_status op_encode(void *ctx) {
  ws_format format = *(const ws_format *)ctx;
  ws_buf_init(&sweep_buf);
  ws_buf_puts(&sweep_buf, "a");
  if (sweep_buf.status != WS_OK)
    return sweep_buf.status;
  ws_status st = ws_encode_with(put_word, "some words", format, &sweep_buf);
  assert_int_equal(sweep_buf.status, WS_OK);
  assert_string_equal(sweep_buf.data, st != WS_OK ? "a"
                                      : format == WS_FORMAT_STR
                                          ? "a'some words'"
                                          : "a\"some words\"");
  return st;
}
static void cleanup_buf(void *ctx) {
  (void)ctx;
  ws_buf_free(&sweep_buf);
}

static void test_allocation_failure_sweep(void **state) {
  (void)state;
  for (int format = WS_FORMAT_JSON; format <= WS_FORMAT_STR; format++) {
    ws_format f = (ws_format)format;
    assert_true(failalloc_check(op_encode, cleanup_buf, &f) >= 1);
  }
}

static void test_encode_failed_message(void **state) {
  (void)state;
  ws_error err;
  ws_error_clear(&err);
  assert_int_equal(ws_encode_failed(WS_ENOMEM, "Ping", &err), WS_ENOMEM);
  assert_int_equal(err.code, WS_ENOMEM);
  assert_string_equal(err.msg, "cannot encode Ping: out of memory");
  assert_int_equal(ws_encode_failed(WS_EUTF8, "Ping", NULL), WS_EUTF8);
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_json_is_appended),
      cmocka_unit_test(test_str_is_appended),
      cmocka_unit_test(test_json_allocates_once),
      cmocka_unit_test(test_unknown_format_is_refused),
      cmocka_unit_test(test_a_failed_buffer_stays_failed),
      cmocka_unit_test(test_failure_leaves_the_buffer_as_it_was),
      cmocka_unit_test(test_fixed_buffer_too_small),
      cmocka_unit_test(test_allocation_failure_sweep),
      cmocka_unit_test(test_encode_failed_message),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
