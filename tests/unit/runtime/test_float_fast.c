/* Tests for the fast float conversions (ws_float_shortest.c,
 * ws_float_lemire.c, ws_float_pow10.c, through ws_float.c): against the
 * C library, on edge sets and on random bit patterns.
 *
 * The formatter is checked against the exact method it replaced: ask
 * snprintf for the nearest 1, 2, ... 17 significant digits and keep the
 * first that strtod reads back as the same double (or the neighbour on
 * x's other side, which can be the one at a power of two). glibc's printf
 * and strtod are exact, so this is an independent oracle. The parser is
 * checked against strtod on the same text. WSTYPES_FLOAT_FAST_COUNT sets
 * the number of random doubles (default 1,000,000); WSTYPES_SEED the seed.
 * (No libm here: the test binaries are linked without it.) */
#include <float.h>
#include <inttypes.h>
#include <locale.h>
#include <math.h> /* the classification macros */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "failalloc.h"

#include "internal/ws_float_parts.h"
#include "ws_float.h"

/* ---- random numbers: xorshift, reproducible ---------------------------- */

static uint64_t rng_state = 0x9e3779b97f4a7c15u;

static uint64_t next_random(void) {
  uint64_t x = rng_state;
  x ^= x << 13;
  x ^= x >> 7;
  x ^= x << 17;
  return rng_state = x;
}

static double from_bits(uint64_t bits) {
  double x;
  memcpy(&x, &bits, sizeof x);
  return x;
}

static uint64_t to_bits(double x) {
  uint64_t bits;
  memcpy(&bits, &x, sizeof bits);
  return bits;
}

/* 2^e, for any double's exponent (-1074 .. 1023). */
static double pow2(int e) {
  if (e < -1022)
    return from_bits((uint64_t)1 << (e + 1074));
  return from_bits((uint64_t)(e + 1023) << 52);
}

/* The next double toward zero or away from it (x finite, > 0). */
static double toward_zero(double x) {
  return from_bits(to_bits(x) - 1);
}
static double away_from_zero(double x) {
  return from_bits(to_bits(x) + 1);
}

static int32_t floor_int(double x) {
  int32_t i = (int32_t)x;
  return i > x ? i - 1 : i;
}

static long count_from_env(void) {
  const char *n = getenv("WSTYPES_FLOAT_FAST_COUNT");
  return n != NULL ? atol(n) : 1000000;
}

/* ---- the reference: snprintf's nearest digits, strtod's reading --------- */

typedef struct ref_digits {
  char d[24];
  int n;
  int decpt; /* value = 0.d x 10^decpt */
} ref_digits;

static void nearest(double x, int p, ref_digits *r) {
  char text[64];
  int e;
  snprintf(text, sizeof text, "%.*e", p - 1, x);
  r->n = 0;
  const char *c = text;
  for (; *c != 'e'; c++)
    if (*c >= '0' && *c <= '9')
      r->d[r->n++] = *c;
  e = atoi(c + 1);
  r->decpt = e + 1;
}

static double read_ref(const ref_digits *r) {
  char text[64];
  memcpy(text, r->d, (size_t)r->n);
  snprintf(text + r->n, sizeof text - (size_t)r->n, "e%d", r->decpt - r->n);
  return strtod(text, NULL);
}

/* r one unit more or less in its last digit. False when it vanishes. */
static bool step(ref_digits *r, bool up) {
  int i = r->n;
  while (i-- > 0) {
    if (up ? r->d[i] != '9' : r->d[i] != '0') {
      r->d[i] = (char)(r->d[i] + (up ? 1 : -1));
      break;
    }
    r->d[i] = up ? '0' : '9';
  }
  if (up && i < 0) {
    r->d[0] = '1';
    r->decpt++;
  }
  if (!up && r->d[0] == '0') {
    memmove(r->d, r->d + 1, (size_t)--r->n);
    r->decpt--;
  }
  return r->n > 0 && r->d[0] != '0';
}

/* Fifteen digits always read back as what they were (DBL_DIG), so when a
 * shorter text reads back, the nearest 15 digits are that text padded
 * with zeros; subnormals have fewer bits and start at one digit. */
static void reference_digits(double x, ref_digits *r) {
  for (int p = x >= DBL_MIN ? 15 : 1;; p++) {
    nearest(x, p, r);
    double y = read_ref(r);
    if (p == 17 || y == x)
      break;
    ref_digits other = *r;
    if (step(&other, y < x) && read_ref(&other) == x) {
      *r = other;
      break;
    }
  }
  while (r->n > 1 && r->d[r->n - 1] == '0')
    r->n--;
}

/* ---- checks ------------------------------------------------------------- */

static long failures;

static void check_shortest(double x) {
  uint64_t digits;
  int exp10;
  ref_digits want;
  char got[24];
  reference_digits(x, &want);
  ws_float_shortest(x, &digits, &exp10);
  int n = snprintf(got, sizeof got, "%" PRIu64, digits);
  if (n != want.n || memcmp(got, want.d, (size_t)n) != 0 ||
      n + exp10 != want.decpt) {
    if (failures++ < 10)
      print_error("%.17g (bits %016" PRIx64 "): got %se%d, want %.*se%d\n", x,
                  to_bits(x), got, exp10, want.n, want.d, want.decpt - want.n);
  }
}

static void check_parse(const char *text) {
  double got = -1, want = strtod(text, NULL);
  ws_float_parse_result r = ws_float_parse(text, strlen(text), &got);
  if (isinf(want) ? r != WS_FLOAT_OVERFLOW
                  : r != WS_FLOAT_OK || to_bits(got) != to_bits(want)) {
    if (failures++ < 10)
      print_error("parse %s: got %.17g (%d), want %.17g\n", text, got, (int)r,
                  want);
  }
}

/* x's repr, its 17-digit text, and a few roundings of it, parsed. */
static void check_round_trip(double x) {
  char text[64];
  if (!isfinite(x))
    return;
  ws_float_repr(x, text);
  check_parse(text);
  double back = 0;
  assert_int_equal(ws_float_parse(text, strlen(text), &back), WS_FLOAT_OK);
  assert_true(to_bits(back) == to_bits(x));
  snprintf(text, sizeof text, "%.17g", x);
  check_parse(text);
  snprintf(text, sizeof text, "%.*e", (int)(next_random() % 19), x);
  check_parse(text);
}

static void check_double(double x) {
  if (x > 0 && isfinite(x))
    check_shortest(x);
  check_round_trip(x);
}

static void check_with_neighbours(double x) {
  check_double(x);
  if (x > from_bits(1))
    check_double(toward_zero(x));
  if (x < DBL_MAX)
    check_double(away_from_zero(x));
}

/* ---- tests ---------------------------------------------------------------- */

/* The logarithm estimates the algorithms index the table with. */
static void test_logarithm_estimates(void **state) {
  (void)state;
  const double log10_2 = 0.30102999566398119521, log10_3_4 = -0.12493873660829995;
  const double log2_10 = 3.32192809488736234787;
  for (int32_t e = -1100; e <= 1100; e++) {
    /* e log10(2) is never within 1e-6 of an integer here, far beyond the
     * doubles' error */
    assert_int_equal(ws_floor_log10_pow2(e), floor_int(e * log10_2));
    assert_int_equal(ws_floor_log10_three_quarters_pow2(e),
                     floor_int(e * log10_2 + log10_3_4));
  }
  for (int32_t e = -400; e <= 400; e++)
    assert_int_equal(ws_floor_log2_pow10(e), floor_int(e * log2_10));
}

static void test_shortest_on_edges(void **state) {
  (void)state;
  failures = 0;
  for (int e = -1074; e <= 1023; e++) /* every power of two */
    check_with_neighbours(pow2(e));
  for (int e = -323; e <= 308; e++) { /* every power of ten */
    char text[16];
    snprintf(text, sizeof text, "1e%d", e);
    check_with_neighbours(strtod(text, NULL));
  }
  for (uint64_t m = 1; m < 5000; m++) /* the smallest subnormals */
    check_double(from_bits(m));
  check_with_neighbours(DBL_MAX);
  check_with_neighbours(DBL_MIN);
  check_with_neighbours(from_bits(((uint64_t)1 << 52) - 1)); /* top subnormal */
  for (int i = 0; i <= 100000; i++) { /* small integers and prices */
    check_double(i);
    check_double(i / 100.0);
    check_double(i / 8.0);
  }
  for (int k = 53; k <= 64; k++) /* integers past 2^53 */
    for (int i = 0; i < 2000; i++)
      check_double(pow2(k) + (double)i * pow2(k - 52));
  for (int i = 0; i < 20000; i++) /* random integers up to 2^64 */
    check_double((double)(next_random() >> (next_random() % 64)));
  assert_int_equal(failures, 0);
}

static void test_shortest_on_random_bits(void **state) {
  (void)state;
  long count = count_from_env();
  failures = 0;
  for (long i = 0; i < count; i++) {
    double x = from_bits(next_random() >> 1); /* positive */
    if (isfinite(x) && x != 0)
      check_shortest(x);
  }
  assert_int_equal(failures, 0);
}

/* Texts whose value is exactly halfway between two doubles: the fast
 * path must round them to even, as strtod does. */
static void test_parse_halfway(void **state) {
  (void)state;
  char text[64];
  failures = 0;
  for (int i = 0; i < 100000; i++) {
    uint64_t m = (next_random() >> 10) | ((uint64_t)1 << 53) | 1; /* 54 bits, odd */
    int s = (int)(next_random() % 12) - 5; /* value m 2^s */
    if (s >= 0) {
      if (s <= 10) {
        snprintf(text, sizeof text, "%" PRIu64, m << s);
        check_parse(text);
      }
    } else { /* m / 2^-s = m 5^-s / 10^-s */
      uint64_t five = 1;
      for (int j = 0; j < -s; j++)
        five *= 5;
      snprintf(text, sizeof text, "%" PRIu64 "e%d", m * five, s);
      check_parse(text);
    }
  }
  assert_int_equal(failures, 0);
}

static void test_parse_on_random_texts(void **state) {
  (void)state;
  char text[64];
  long count = count_from_env() / 4;
  failures = 0;
  for (long i = 0; i < count; i++) {
    check_round_trip(from_bits(next_random()));
    /* up to 19 random digits at any exponent */
    uint64_t w = next_random() >> (next_random() % 64);
    int e = (int)(next_random() % 700) - 360;
    snprintf(text, sizeof text, "%" PRIu64 "e%d", w, e);
    check_parse(text);
    snprintf(text, sizeof text, "%" PRIu64 ".%02d", w % 100000,
             (int)(next_random() % 100)); /* a price */
    check_parse(text);
  }
  for (int e = -350; e <= 330; e++) { /* one digit, every exponent */
    snprintf(text, sizeof text, "9e%d", e);
    check_parse(text);
    snprintf(text, sizeof text, "-1.7976931348623157e%d", e);
    check_parse(text);
  }
  check_parse("9007199254740993");
  check_parse("1.7976931348623158e308"); /* rounds down to the largest */
  check_parse("1.7976931348623159e308"); /* overflows */
  check_parse("2.2250738585072011e-308"); /* subnormal: the exact path */
  check_parse("4.9406564584124654e-324");
  check_parse("12345678901234567890"); /* 20 digits: the exact path */
  check_parse("0.000000000000000000000000000000000000001");
  assert_int_equal(failures, 0);
}

/* The fast path decides every case it claims; it gives up only on the
 * rare ones and those outside the normal range. */
static void test_lemire_against_strtod(void **state) {
  (void)state;
  char text[64];
  long count = count_from_env() / 4, gave_up = 0;
  failures = 0;
  for (long i = 0; i < count; i++) {
    uint64_t w = next_random() >> (next_random() % 64);
    int q = (int)(next_random() % (WS_POW10_MAX - WS_POW10_MIN + 1)) + WS_POW10_MIN;
    double got;
    if (w == 0)
      continue;
    snprintf(text, sizeof text, "%" PRIu64 "e%d", w, q);
    double want = strtod(text, NULL);
    if (!ws_float_lemire(w, q, &got)) {
      gave_up++;
      continue;
    }
    if (to_bits(got) != to_bits(want) && failures++ < 10)
      print_error("lemire %s: got %.17g, want %.17g\n", text, got, want);
  }
  assert_int_equal(failures, 0);
  /* what it gave up are the subnormal and overflowing ones (about a tenth
   * of this exponent range), nearly never a hard case */
  assert_true(gave_up < count / 4);
}

/* JSON's number grammar, as a test's own reading:
 * -? (0 | [1-9][0-9]*) (. [0-9]+)? ([eE] [+-]? [0-9]+)? */
static bool json_number(const char *s) {
  size_t i = s[0] == '-';
  if (s[i] == '0')
    i++;
  else if (s[i] >= '1' && s[i] <= '9')
    while (s[i] >= '0' && s[i] <= '9')
      i++;
  else
    return false;
  if (s[i] == '.') {
    if (!(s[++i] >= '0' && s[i] <= '9'))
      return false;
    while (s[i] >= '0' && s[i] <= '9')
      i++;
  }
  if (s[i] == 'e' || s[i] == 'E') {
    i++;
    if (s[i] == '+' || s[i] == '-')
      i++;
    if (!(s[i] >= '0' && s[i] <= '9'))
      return false;
    while (s[i] >= '0' && s[i] <= '9')
      i++;
  }
  return s[i] == '\0';
}

/* Random strings over a number's characters: the parser takes exactly
 * the grammar's numbers, each as strtod reads it. */
static void test_parse_takes_the_grammar(void **state) {
  (void)state;
  static const char alphabet[] = "00123456789.-+eE";
  char text[32];
  failures = 0;
  for (int i = 0; i < 300000; i++) {
    size_t n = 1 + next_random() % 24;
    for (size_t j = 0; j < n; j++)
      text[j] = alphabet[next_random() % (sizeof alphabet - 1)];
    text[n] = '\0';
    if (json_number(text))
      check_parse(text);
    else {
      double v = 42;
      if (ws_float_parse(text, n, &v) != WS_FLOAT_SYNTAX || v != 42) {
        if (failures++ < 10)
          print_error("parse %s: taken, but it is no JSON number\n", text);
      }
    }
  }
  assert_int_equal(failures, 0);
}

int main(void) {
  const char *seed = getenv("WSTYPES_SEED");
  if (seed != NULL && strtoull(seed, NULL, 10) != 0)
    rng_state = strtoull(seed, NULL, 10);
  setlocale(LC_ALL, "C");
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_logarithm_estimates),
      cmocka_unit_test(test_shortest_on_edges),
      cmocka_unit_test(test_shortest_on_random_bits),
      cmocka_unit_test(test_parse_halfway),
      cmocka_unit_test(test_parse_on_random_texts),
      cmocka_unit_test(test_lemire_against_strtod),
      cmocka_unit_test(test_parse_takes_the_grammar),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
