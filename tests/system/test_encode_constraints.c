/* Encode refuses a value that breaks its schema, through the generated
 * API: Ping's payload is `bytes? [max_len 125]`, so a 126-byte payload is
 * refused in all three formats, naming the field, and the buffer keeps what
 * it held; 125 bytes (and no payload) are written. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include <string.h>

#include "autobahn.h"

static const ws_format formats[] = {WS_FORMAT_JSON, WS_FORMAT_JSON_PYTHON,
                                    WS_FORMAT_STR};

/* A Ping whose payload is n bytes of 'x'. */
static void ping_of(ab_ping *p, size_t n) {
  unsigned char payload[200];
  memset(payload, 'x', n);
  assert_int_equal(ab_ping_init(p), WS_OK);
  assert_int_equal(ab_opt_bytes_set(&p->payload, ws_bytes_view(payload, n)),
                   WS_OK);
}

static void test_ping_over_max_len_is_refused_in_every_format(void **state) {
  (void)state;
  ab_ping p;
  ping_of(&p, 126);
  for (size_t i = 0; i < sizeof formats / sizeof formats[0]; i++) {
    ws_buf b;
    ws_error err;
    ws_buf_init(&b);
    ws_buf_puts(&b, "[earlier message]");
    assert_int_equal(ab_ping_encode(&p, formats[i], &b, &err), WS_ECONSTRAINT);
    assert_string_equal(err.msg,
                        "$.payload is 126 bytes, more than the 125 allowed "
                        "(max_len 125)");
    assert_string_equal(err.path, "$.payload");
    assert_int_equal(b.status, WS_OK);
    assert_int_equal(b.len, strlen("[earlier message]"));
    assert_string_equal(b.data, "[earlier message]");
    ws_buf_free(&b);
  }
  /* the same value validate refuses the same way */
  ws_error err;
  assert_int_equal(ab_ping_validate(&p, &err), WS_ECONSTRAINT);
  assert_string_equal(err.path, "$.payload");
  ab_ping_free(&p);
}

static void test_ping_at_max_len_is_written_and_decodes(void **state) {
  (void)state;
  ab_ping p, back = {0};
  ping_of(&p, 125);
  for (size_t i = 0; i < sizeof formats / sizeof formats[0]; i++) {
    ws_buf b;
    ws_error err;
    ws_buf_init(&b);
    assert_int_equal(ab_ping_encode(&p, formats[i], &b, &err), WS_OK);
    assert_true(b.len > 125);
    if (formats[i] != WS_FORMAT_STR) {
      assert_int_equal(ab_ping_decode(&back, b.data, b.len, NULL, &err), WS_OK);
      assert_true(ab_ping_equal(&p, &back));
      ab_ping_free(&back);
    }
    ws_buf_free(&b);
  }
  ab_ping_free(&p);
  /* and a Ping without a payload has nothing to check */
  ws_buf b;
  ws_error err;
  assert_int_equal(ab_ping_init(&p), WS_OK);
  ws_buf_init(&b);
  assert_int_equal(ab_ping_encode(&p, WS_FORMAT_JSON, &b, &err), WS_OK);
  assert_string_equal(b.data, "{\"payload\":null}");
  ws_buf_free(&b);
  ab_ping_free(&p);
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_ping_over_max_len_is_refused_in_every_format),
      cmocka_unit_test(test_ping_at_max_len_is_written_and_decodes),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
