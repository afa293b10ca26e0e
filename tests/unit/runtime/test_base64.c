/* Tests for ws_base64.c: RFC 4648 encoding and strict decoding. */
#include "failalloc.h"

#include <string.h>

#include "ws_base64.h"

/* RFC 4648 section 10 test vectors. */
static const char *const plain[] = {"",     "f",     "fo",    "foo",
                                    "foob", "fooba", "foobar"};
static const char *const coded[] = {"",         "Zg==",     "Zm8=",    "Zm9v",
                                    "Zm9vYg==", "Zm9vYmE=", "Zm9vYmFy"};

static void expect_encoding(const void *p, size_t n, const char *expected) {
  ws_buf b;
  ws_buf_init(&b);
  ws_buf_puts(&b, "<");
  ws_base64_encode(&b, p, n);
  ws_buf_puts(&b, ">");
  assert_int_equal(b.status, WS_OK);
  assert_int_equal(b.len, strlen(expected) + 2);
  assert_memory_equal(b.data + 1, expected, strlen(expected));
  assert_int_equal(b.data[b.len - 1], '>');
  ws_buf_free(&b);
}

/* Decodes text and returns the status; bad_at and the result go out. */
static ws_status decode(const char *text, ws_bytes *out, size_t *bad_at) {
  return ws_base64_decode(out, text, strlen(text), bad_at);
}

static void expect_refused_at(const char *text, size_t where) {
  ws_bytes out = {NULL, 0};
  size_t bad_at = 9999;
  assert_int_equal(decode(text, &out, &bad_at), WS_EBASE64);
  assert_int_equal(bad_at, where);
  assert_null(out.ptr);
}

static void test_encoded_len(void **state) {
  (void)state;
  assert_int_equal(ws_base64_encoded_len(0), 0);
  assert_int_equal(ws_base64_encoded_len(1), 4);
  assert_int_equal(ws_base64_encoded_len(3), 4);
  assert_int_equal(ws_base64_encoded_len(4), 8);
  assert_int_equal(ws_base64_encoded_len(SIZE_MAX), SIZE_MAX);
}

static void test_encode_rfc4648_vectors(void **state) {
  (void)state;
  for (size_t i = 0; i < sizeof plain / sizeof plain[0]; i++) {
    expect_encoding(plain[i], strlen(plain[i]), coded[i]);
  }
}

static void test_encode_all_byte_values(void **state) {
  (void)state;
  unsigned char all[3] = {0x00, 0xff, 0xfe};
  expect_encoding(all, 3, "AP/+");
  unsigned char high[2] = {0xfb, 0xff};
  expect_encoding(high, 2, "+/8=");
  expect_encoding(NULL, 0, "");
}

static void test_encode_measuring_counts(void **state) {
  (void)state;
  ws_buf b;
  ws_buf_measure(&b);
  ws_base64_encode(&b, "foobar!", 7);
  assert_int_equal(b.len, 12);
  assert_null(b.data);
}

static void test_encode_allocation_failure_recorded(void **state) {
  (void)state;
  ws_buf b;
  ws_buf_init(&b);
  failalloc_install();
  failalloc_fail_at(1);
  ws_base64_encode(&b, "foo", 3);
  failalloc_uninstall();
  assert_int_equal(b.status, WS_ENOMEM);
  assert_int_equal(b.len, 0);
  ws_buf_free(&b);
}

static void test_decode_rfc4648_vectors(void **state) {
  (void)state;
  for (size_t i = 0; i < sizeof plain / sizeof plain[0]; i++) {
    ws_bytes out = {NULL, 0};
    assert_int_equal(decode(coded[i], &out, NULL), WS_OK);
    assert_int_equal(out.len, strlen(plain[i]));
    if (out.len > 0) {
      assert_memory_equal(out.ptr, plain[i], out.len);
      assert_int_equal(out.ptr[out.len], 0);
    } else {
      assert_null(out.ptr);
    }
    ws_bytes_free(&out);
  }
}

static void test_decode_round_trips_every_byte(void **state) {
  (void)state;
  unsigned char all[256];
  for (int i = 0; i < 256; i++) {
    all[i] = (unsigned char)i;
  }
  for (size_t n = 0; n <= 256; n += 1 + n / 8) {
    ws_buf b;
    ws_buf_init(&b);
    ws_base64_encode(&b, all, n);
    ws_bytes out = {NULL, 0};
    assert_int_equal(ws_base64_decode(&out, b.data, b.len, NULL), WS_OK);
    assert_int_equal(out.len, n);
    if (n > 0) {
      assert_memory_equal(out.ptr, all, n);
    }
    ws_bytes_free(&out);
    ws_buf_free(&b);
  }
}

static void test_decode_replaces_old_value(void **state) {
  (void)state;
  ws_bytes out = {NULL, 0};
  assert_int_equal(decode("Zm9v", &out, NULL), WS_OK);
  assert_int_equal(decode("YmFy", &out, NULL), WS_OK); /* LSan: old freed */
  assert_memory_equal(out.ptr, "bar", 3);
  assert_int_equal(decode("", &out, NULL), WS_OK);
  assert_null(out.ptr);
  assert_int_equal(out.len, 0);
}

static void test_decode_failure_leaves_value_unchanged(void **state) {
  (void)state;
  ws_bytes out = {NULL, 0};
  assert_int_equal(decode("Zm9v", &out, NULL), WS_OK);
  assert_int_equal(decode("Zm9!", &out, NULL), WS_EBASE64);
  assert_int_equal(out.len, 3);
  assert_memory_equal(out.ptr, "foo", 3);
  ws_bytes_free(&out);
}

static void test_decode_rejects_bad_characters(void **state) {
  (void)state;
  expect_refused_at("Zm9!", 3);
  expect_refused_at("Zm-v", 2); /* URL-safe alphabet is not ours */
  expect_refused_at("Zm_v", 2);
  expect_refused_at("Zm9vYm\xc3\xa9", 6);
  ws_bytes out = {NULL, 0};
  size_t bad_at = 0;
  assert_int_equal(ws_base64_decode(&out, "Zm\0v", 4, &bad_at), WS_EBASE64);
  assert_int_equal(bad_at, 2);
}

static void test_decode_rejects_whitespace(void **state) {
  (void)state;
  expect_refused_at("Zm9v\nYmFy", 4); /* the first bad character, not
                                          * the length it upsets */
  expect_refused_at("Zm9v YmF", 4);
  expect_refused_at(" Zm9", 0);
}

/* The first bad character, wherever the length or the padding go wrong
 * after it (the length used to be blamed on the end). */
static void test_decode_points_at_the_first_bad_character(void **state) {
  (void)state;
  expect_refused_at("Y*J", 1);
  expect_refused_at("*", 0);
  expect_refused_at("YW*", 2);
  expect_refused_at("YQ=J", 3);
  expect_refused_at("YW=J", 1);  /* 'W' leaves bits 0110 */
  expect_refused_at("YWJ*Y", 3);
  expect_refused_at("Y=J", 1);
  expect_refused_at("Zh=", 1);   /* 'h' leaves bits 0001 */
  expect_refused_at("Zm9vZ*==", 5);
  expect_refused_at("Zm9v*g==", 4);
}

static void test_decode_rejects_wrong_length(void **state) {
  (void)state;
  expect_refused_at("Z", 1);
  expect_refused_at("Zm9", 3);
  expect_refused_at("Zm9vY", 5);
  expect_refused_at("Zg=", 3); /* missing padding */
  expect_refused_at("Zg", 2);
}

static void test_decode_rejects_bad_padding(void **state) {
  (void)state;
  expect_refused_at("Z===", 1);
  expect_refused_at("====", 0);
  expect_refused_at("Zg=a", 3); /* "Zg=" begins "Zg==": 'a' is wrong */
  expect_refused_at("Zg==Zm9v", 4); /* nothing may follow the padding */
  expect_refused_at("Zm9=Zm9v", 2); /* '9' leaves bits 01 before '=' */
  expect_refused_at("Zm9=Zm9", 2);
  expect_refused_at("Zg===", 4);
}

static void test_decode_rejects_nonzero_unused_bits(void **state) {
  (void)state;
  expect_refused_at("Zh==", 1); /* 'h' leaves bits 0001 */
  expect_refused_at("Zm9=", 2); /* '9' leaves bits 01 */
  ws_bytes out = {NULL, 0};
  assert_int_equal(decode("Zg==", &out, NULL), WS_OK);
  assert_int_equal(decode("Zm8=", &out, NULL), WS_OK);
  ws_bytes_free(&out);
}

static void test_decode_bad_at_may_be_null(void **state) {
  (void)state;
  ws_bytes out = {NULL, 0};
  assert_int_equal(decode("!!!!", &out, NULL), WS_EBASE64);
}

static ws_bytes sweep_out;
static ws_status op_decode(void *ctx) {
  (void)ctx;
  return decode("Zm9vYmFy", &sweep_out, NULL);
}
static void cleanup_decode(void *ctx) {
  (void)ctx;
  ws_bytes_free(&sweep_out);
}

static void test_decode_allocation_failure_sweep(void **state) {
  (void)state;
  assert_int_equal(failalloc_check(op_decode, cleanup_decode, NULL), 1);
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_encoded_len),
      cmocka_unit_test(test_encode_rfc4648_vectors),
      cmocka_unit_test(test_encode_all_byte_values),
      cmocka_unit_test(test_encode_measuring_counts),
      cmocka_unit_test(test_encode_allocation_failure_recorded),
      cmocka_unit_test(test_decode_rfc4648_vectors),
      cmocka_unit_test(test_decode_round_trips_every_byte),
      cmocka_unit_test(test_decode_replaces_old_value),
      cmocka_unit_test(test_decode_failure_leaves_value_unchanged),
      cmocka_unit_test(test_decode_rejects_bad_characters),
      cmocka_unit_test(test_decode_rejects_whitespace),
      cmocka_unit_test(test_decode_rejects_wrong_length),
      cmocka_unit_test(test_decode_rejects_bad_padding),
      cmocka_unit_test(test_decode_rejects_nonzero_unused_bits),
      cmocka_unit_test(test_decode_bad_at_may_be_null),
      cmocka_unit_test(test_decode_points_at_the_first_bad_character),
      cmocka_unit_test(test_decode_allocation_failure_sweep),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
