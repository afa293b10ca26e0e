/* Tests for runtime/ws_float.c and the float kind (ws_kind_float.c,
 * ws_float_read.c): repr, parsing, the reader's refusals, JSON writing and
 * the str() view. The expected texts are what CPython 3.11 prints for the
 * same doubles (repr(x), float(s)); tests/system/check_float.sh compares
 * many more against Python itself at test time. */
#include <locale.h>
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "failalloc.h"
#include "json_doc.h"

#include "ws_float.h"
#include "ws_kind.h"

static void expect_repr(double v, const char *text) {
  char out[WS_FLOAT_REPR_MAX];
  size_t n = ws_float_repr(v, out);
  assert_string_equal(out, text);
  assert_int_equal(n, strlen(text));
}

static void test_repr_is_pythons(void **state) {
  (void)state;
  expect_repr(0.1, "0.1");
  expect_repr(0.1 + 0.2, "0.30000000000000004");
  expect_repr(1e-7, "1e-07");
  expect_repr(1e16, "1e+16");
  expect_repr(1e15, "1000000000000000.0");
  expect_repr(9999999999999998.0, "9999999999999998.0");
  expect_repr(-0.0, "-0.0");
  expect_repr(0.0, "0.0");
  expect_repr(5e-324, "5e-324");
  expect_repr(-5e-324, "-5e-324");
  expect_repr(1.7976931348623157e308, "1.7976931348623157e+308");
  expect_repr(2.2250738585072014e-308, "2.2250738585072014e-308");
  expect_repr(1e-5, "1e-05");
  expect_repr(0.0001, "0.0001");
  expect_repr(123456789.12345679, "123456789.12345679");
  expect_repr(1.5, "1.5");
  expect_repr(100.0, "100.0");
  expect_repr(1e22, "1e+22");
  expect_repr(1e23, "1e+23");
  expect_repr(1.0 / 3, "0.3333333333333333");
  expect_repr(9007199254740993.0, "9007199254740992.0");
  expect_repr(NAN, "nan");
  expect_repr(-NAN, "nan");
  expect_repr(INFINITY, "inf");
  expect_repr(-INFINITY, "-inf");
}

/* 2^-1022 * (1 + 2^-52 * k) near a power of two, where the rounding
 * interval is lopsided and the nearest 16 digits need not read back. */
static void test_repr_at_powers_of_two(void **state) {
  (void)state;
  expect_repr(ldexp(1.0, -1022), "2.2250738585072014e-308");
  expect_repr(ldexp(1.0, 1023), "8.98846567431158e+307");
  expect_repr(ldexp(1.0, -1074), "5e-324");
  expect_repr(ldexp(1.0, 60), "1.152921504606847e+18");
  expect_repr(ldexp(1.0, -60), "8.673617379884035e-19");
}

static double parsed(const char *text) {
  double v = -1;
  assert_int_equal(ws_float_parse(text, strlen(text), &v), WS_FLOAT_OK);
  return v;
}

static void expect_parsed(const char *text, const char *repr) {
  expect_repr(parsed(text), repr);
}

static void test_parse_rounds_correctly(void **state) {
  (void)state;
  expect_parsed("123456789.123456789", "123456789.12345679");
  expect_parsed("9007199254740993", "9007199254740992.0");
  expect_parsed("9007199254740995", "9007199254740996.0");
  expect_parsed("0.1", "0.1");
  expect_parsed("1E-7", "1e-07");
  expect_parsed("-0", "-0.0");
  expect_parsed("-0.0e10", "-0.0");
  expect_parsed("1e-400", "0.0");
  expect_parsed("-1e-400", "-0.0");
  expect_parsed("2.4703282292062328e-324", "5e-324"); /* just over half */
  expect_parsed("2.4703282292062327e-324", "0.0");    /* just under */
  expect_parsed("1.7976931348623158e308", "1.7976931348623157e+308");
  expect_parsed("0.000000000000000000000000000001", "1e-30");
  expect_parsed("100000000000000000000000", "1e+23");
  /* 800 kept digits and a sticky one past them */
  char longer[1200];
  memset(longer, '0', sizeof longer);
  memcpy(longer, "0.5", 3);
  longer[1100] = '1';
  longer[1101] = '\0';
  expect_parsed(longer, "0.5");
}

static void test_parse_refuses(void **state) {
  (void)state;
  static const char *const bad[] = {"", "-", "01", "1.", ".5", "1e", "1e+",
                                    "+1", "NaN", "Infinity", "1,5", "0x10",
                                    "1.5 "};
  double v = 42;
  for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++)
    assert_int_equal(ws_float_parse(bad[i], strlen(bad[i]), &v),
                     WS_FLOAT_SYNTAX);
  assert_int_equal(ws_float_parse("1e400", 5, &v), WS_FLOAT_OVERFLOW);
  assert_int_equal(ws_float_parse("-1.8e308", 8, &v), WS_FLOAT_OVERFLOW);
  assert_true(v == 42); /* unchanged */
}

/* A comma-decimal locale, when one is installed, changes nothing: the
 * conversions never hand the C library a decimal point (check_float.sh
 * makes one to run its Python comparison under, when it can). */
static void test_locale_changes_nothing(void **state) {
  static const char *const commas[] = {"de_DE.UTF-8", "de_DE.utf8",
                                       "fr_FR.UTF-8", "C.UTF-8"};
  (void)state;
  for (size_t i = 0; i < sizeof commas / sizeof commas[0]; i++) {
    if (setlocale(LC_ALL, commas[i]) == NULL)
      continue;
    expect_repr(1.5, "1.5");
    expect_parsed("1.5", "1.5");
    expect_parsed("123456789.123456789", "123456789.12345679");
  }
  setlocale(LC_ALL, "C");
}

static void test_reader(void **state) {
  (void)state;
  doc d;
  double v = -1;
  ws_reader *r = open_doc(&d, "9007199254740993");
  assert_int_equal(ws_read_float(r, &v), WS_OK);
  expect_repr(v, "9007199254740992.0");

  r = open_doc(&d, "1e400");
  assert_int_equal(ws_read_float(r, &v), WS_ERANGE);
  expect_error(&d, WS_ERANGE, 1, 1, "$",
               "number 1e400 is out of range for $ (float): it is larger "
               "than the largest double, 1.7976931348623157e+308");

  r = open_doc(&d, "NaN");
  assert_int_equal(ws_read_float(r, &v), WS_ESYNTAX);
  r = open_doc(&d, "\"1.5\"");
  assert_int_equal(ws_read_float(r, &v), WS_ETYPE);
  r = open_doc(&d, "-Infinity");
  assert_int_not_equal(ws_read_float(r, &v), WS_OK);
}

static void test_int_still_refuses_a_fraction(void **state) {
  (void)state;
  doc d;
  int64_t i;
  ws_reader *r = open_doc(&d, "1.5");
  assert_int_equal(ws_read_int(r, &i), WS_ETYPE);
}

static void test_json_refuses_what_is_not_finite(void **state) {
  (void)state;
  ws_buf b;
  ws_buf_init(&b);
  ws_json_put_float(&b, -0.0);
  ws_json_put_float(&b, 1e16);
  assert_int_equal(b.status, WS_OK);
  assert_string_equal(b.data, "-0.01e+16");
  ws_json_put_float(&b, NAN);
  assert_int_equal(b.status, WS_ERANGE);
  ws_buf_free(&b);
}

static void test_view_prints_repr(void **state) {
  (void)state;
  double v = INFINITY;
  ws_pv pv;
  ws_buf b;
  ws_buf_init(&b);
  ws_float_kind.ops->pv(&ws_float_kind, &v, &pv);
  assert_int_equal(pv.kind, WS_PV_FLOAT);
  ws_pformat(&b, &pv);
  assert_string_equal(b.data, "inf");
  ws_buf_free(&b);
}

static void test_equal_and_ranges(void **state) {
  (void)state;
  double a = NAN, b = NAN, z = 0.0, nz = -0.0;
  char text[80];
  ws_error err;
  assert_true(ws_kind_equal(&ws_float_kind, &a, &b)); /* a copy equals */
  assert_true(ws_kind_equal(&ws_float_kind, &z, &nz)); /* as Python's == */
  ws_range_text_float(text, sizeof text, 0.0, HUGE_VAL);
  assert_string_equal(text, "0.0..");
  ws_range_text_float(text, sizeof text, -HUGE_VAL, 1.5);
  assert_string_equal(text, "..1.5");
  ws_range_text_int(text, sizeof text, INT64_MIN, 100);
  assert_string_equal(text, "..100");
  assert_int_equal(ws_float_range_check(NAN, 0, 1, "$.x", &err), WS_ERANGE);
  assert_int_equal(ws_float_range_check(1.5, -0.5, 1.5, "$.x", &err), WS_OK);
  assert_int_equal(ws_float_range_check(2.0, -0.5, 1.5, "$.x", &err),
                   WS_ERANGE);
  assert_string_equal(err.msg, "$.x is 2.0, outside the range -0.5..1.5");
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_repr_is_pythons),
      cmocka_unit_test(test_repr_at_powers_of_two),
      cmocka_unit_test(test_parse_rounds_correctly),
      cmocka_unit_test(test_parse_refuses),
      cmocka_unit_test(test_locale_changes_nothing),
      cmocka_unit_test(test_reader),
      cmocka_unit_test(test_int_still_refuses_a_fraction),
      cmocka_unit_test(test_json_refuses_what_is_not_finite),
      cmocka_unit_test(test_view_prints_repr),
      cmocka_unit_test(test_equal_and_ranges),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
