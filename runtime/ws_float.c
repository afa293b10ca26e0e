/* ws_float.c - doubles to text and back, as Python's float does it (see
 * ws_float.h).
 *
 * Both directions go through a number's decimal digits and a decimal
 * exponent, and only text of the form "DDDDe-NN" (no decimal point) is
 * handed to strtod, which therefore reads it the same in every locale.
 * Digits come out of snprintf's "%.*e", taken by character class, so a
 * locale's decimal point (whatever its bytes) is skipped, never relied on.
 *
 * The shortest repr is found by asking snprintf for the nearest 15, 16 and
 * 17 significant digits and keeping the first that reads back as the same
 * double (or the neighbour on x's other side, which can be the one when x
 * is a power of two). Fifteen digits always read back as what they were
 * (DBL_DIG), so when a shorter text reads back, the 15-digit one is that
 * text padded with zeros; subnormals have fewer bits and start at one
 * digit. Issue 12 may replace both directions with faster algorithms. */
#include "ws_float.h"

#include <errno.h>
#include <float.h>
#include <inttypes.h>
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Digits kept from a longer number; any nonzero digit past them becomes
 * one sticky digit. A double is decided by its first 768 significant
 * digits and whether anything nonzero follows. */
#define KEPT_DIGITS 800

/* A decimal: value = 0.DIGITS x 10^decpt, digits without leading zeros. */
typedef struct decimal {
  char digits[KEPT_DIGITS + 2];
  size_t n;
  int decpt;
} decimal;

/* ---- digits to a double ---------------------------------------------------- */

/* Powers of ten that are exact doubles, for the fast path. */
static const double exact_pow10[] = {
    1e0,  1e1,  1e2,  1e3,  1e4,  1e5,  1e6,  1e7,  1e8,  1e9,  1e10, 1e11,
    1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22};

/* |value| of d, correctly rounded; false when it overflows a double. */
static bool decimal_to_double(const decimal *d, double *out) {
  long e = (long)d->decpt - (long)d->n; /* value = DIGITS x 10^e */
  if (d->n == 0 || d->decpt < -400) { /* below half the least subnormal */
    *out = 0.0;
    return true;
  }
  if (d->decpt > 310) /* at least 10^309 */
    return false;
#if FLT_EVAL_METHOD == 0
  /* Clinger's fast path: an exact integer times or over an exact power of
   * ten is one correctly rounded operation. */
  if (d->n <= 15 && e >= -22 && e <= 22) {
    int64_t m = 0;
    for (size_t i = 0; i < d->n; i++)
      m = m * 10 + (d->digits[i] - '0');
    *out = e >= 0 ? (double)m * exact_pow10[e] : (double)m / exact_pow10[-e];
    return true;
  }
#endif
  char text[KEPT_DIGITS + 2 + 16];
  memcpy(text, d->digits, d->n);
  snprintf(text + d->n, sizeof text - d->n, "e%ld", e);
  errno = 0;
  double v = strtod(text, NULL);
  if (isinf(v))
    return false;
  *out = v; /* ERANGE with a finite result: an underflow, as float() gives */
  return true;
}

/* ---- text to a double ------------------------------------------------------ */

static bool is_digit(char c) {
  return c >= '0' && c <= '9';
}

/* Appends digit c to d as a significant digit. */
static void push_digit(decimal *d, char c, bool *sticky) {
  if (d->n < KEPT_DIGITS)
    d->digits[d->n++] = c;
  else if (c != '0')
    *sticky = true;
}

/* The digits of s[*i..len) into d, leading zeros dropped; int_part says
 * whether they stand before the point. False when there are none. */
static bool take_digits(const char *s, size_t len, size_t *i, decimal *d,
                        bool int_part, bool *sticky) {
  size_t start = *i;
  for (; *i < len && is_digit(s[*i]); (*i)++) {
    char c = s[*i];
    if (d->n == 0 && c == '0') {
      if (!int_part)
        d->decpt--;
      continue;
    }
    push_digit(d, c, sticky);
    if (int_part)
      d->decpt++;
  }
  return *i > start;
}

/* The exponent's digits, kept within a bound far past any double's. */
static bool take_exponent(const char *s, size_t len, size_t *i, long *out) {
  bool negative = false;
  long e = 0;
  if (*i < len && (s[*i] == '+' || s[*i] == '-'))
    negative = s[(*i)++] == '-';
  if (*i >= len || !is_digit(s[*i]))
    return false;
  for (; *i < len && is_digit(s[*i]); (*i)++)
    if (e < 100000)
      e = e * 10 + (s[*i] - '0');
  *out = negative ? -e : e;
  return true;
}

ws_float_parse_result ws_float_parse(const char *s, size_t len, double *out) {
  decimal d;
  bool sticky = false, negative = false;
  size_t i = 0;
  long exp10 = 0;
  d.n = 0;
  d.decpt = 0;
  if (i < len && s[i] == '-') {
    negative = true;
    i++;
  }
  if (i >= len || !is_digit(s[i]) ||
      (s[i] == '0' && i + 1 < len && is_digit(s[i + 1])))
    return WS_FLOAT_SYNTAX;
  take_digits(s, len, &i, &d, true, &sticky);
  if (i < len && s[i] == '.') {
    i++;
    if (!take_digits(s, len, &i, &d, false, &sticky))
      return WS_FLOAT_SYNTAX;
  }
  if (i < len && (s[i] == 'e' || s[i] == 'E')) {
    i++;
    if (!take_exponent(s, len, &i, &exp10))
      return WS_FLOAT_SYNTAX;
  }
  if (i != len)
    return WS_FLOAT_SYNTAX;
  if (sticky)
    d.digits[d.n++] = '1';
  if (d.n == 0) {
    *out = negative ? -0.0 : 0.0;
    return WS_FLOAT_OK;
  }
  exp10 += d.decpt;
  d.decpt = exp10 > 100000 ? 100000 : exp10 < -100000 ? -100000 : (int)exp10;
  double v;
  if (!decimal_to_double(&d, &v))
    return WS_FLOAT_OVERFLOW;
  *out = negative ? -v : v;
  return WS_FLOAT_OK;
}

/* ---- a double to its shortest digits --------------------------------------- */

/* The p significant digits nearest x (> 0, finite), from snprintf. */
static void nearest_digits(double x, int p, decimal *d) {
  char text[64];
  const char *c = text;
  long e = 0;
  bool negative = false;
  snprintf(text, sizeof text, "%.*e", p - 1, x);
  d->n = 0;
  for (; *c != '\0' && *c != 'e'; c++)
    if (is_digit(*c))
      d->digits[d->n++] = *c;
  if (*c == 'e')
    c++;
  if (*c == '+' || *c == '-')
    negative = *c++ == '-';
  for (; is_digit(*c); c++)
    e = e * 10 + (*c - '0');
  d->decpt = (int)(negative ? -e : e) + 1;
}

/* One unit more or less in d's last digit, keeping no leading zero. False
 * when nothing is left. */
static bool step_digits(decimal *d, bool up) {
  size_t i = d->n;
  while (i-- > 0) {
    char *c = &d->digits[i];
    if (up ? *c != '9' : *c != '0') {
      *c = (char)(*c + (up ? 1 : -1));
      break;
    }
    *c = up ? '0' : '9';
  }
  if (up && i == (size_t)-1) { /* 99..9 became 00..0: it is 10..0 */
    d->digits[0] = '1';
    d->decpt++;
  }
  if (!up && d->digits[0] == '0') {
    memmove(d->digits, d->digits + 1, --d->n);
    d->decpt--;
  }
  return d->n > 0 && d->digits[0] != '0';
}

static bool reads_back(const decimal *d, double x) {
  double y;
  return decimal_to_double(d, &y) && y == x;
}

/* The shortest digits that read back as x (> 0, finite), the nearest x
 * of those, with trailing zeros dropped. */
static void shortest_digits(double x, decimal *d) {
  for (int p = x >= DBL_MIN ? 15 : 1;; p++) {
    decimal other;
    double y;
    nearest_digits(x, p, d);
    if (p == 17 || reads_back(d, x)) /* seventeen digits always do */
      break;
    other = *d;
    if (!decimal_to_double(d, &y))
      y = INFINITY;
    if (step_digits(&other, y < x) && reads_back(&other, x)) {
      *d = other;
      break;
    }
  }
  while (d->n > 1 && d->digits[d->n - 1] == '0')
    d->n--;
}

/* ---- Python's layout -------------------------------------------------------- */

static size_t put_exponent(char *out, int e) {
  return (size_t)snprintf(out, 8, "e%c%02d", e < 0 ? '-' : '+', e < 0 ? -e : e);
}

size_t ws_float_repr(double v, char out[WS_FLOAT_REPR_MAX]) {
  decimal d;
  size_t n = 0;
  if (isnan(v)) {
    memcpy(out, "nan", 4);
    return 3;
  }
  if (signbit(v))
    out[n++] = '-';
  if (isinf(v)) {
    memcpy(out + n, "inf", 4);
    return n + 3;
  }
  if (v == 0) {
    memcpy(out + n, "0.0", 4);
    return n + 3;
  }
  shortest_digits(v < 0 ? -v : v, &d);
  if (d.decpt <= -4 || d.decpt > 16) { /* d.ddde+XX */
    out[n++] = d.digits[0];
    if (d.n > 1) {
      out[n++] = '.';
      memcpy(out + n, d.digits + 1, d.n - 1);
      n += d.n - 1;
    }
    n += put_exponent(out + n, d.decpt - 1);
  } else if (d.decpt <= 0) { /* 0.000ddd */
    memcpy(out + n, "0.", 2);
    n += 2;
    memset(out + n, '0', (size_t)-d.decpt);
    n += (size_t)-d.decpt;
    memcpy(out + n, d.digits, d.n);
    n += d.n;
  } else if ((size_t)d.decpt >= d.n) { /* ddd000.0 */
    memcpy(out + n, d.digits, d.n);
    n += d.n;
    memset(out + n, '0', (size_t)d.decpt - d.n);
    n += (size_t)d.decpt - d.n;
    memcpy(out + n, ".0", 2);
    n += 2;
  } else { /* ddd.ddd */
    memcpy(out + n, d.digits, (size_t)d.decpt);
    n += (size_t)d.decpt;
    out[n++] = '.';
    memcpy(out + n, d.digits + d.decpt, d.n - (size_t)d.decpt);
    n += d.n - (size_t)d.decpt;
  }
  out[n] = '\0';
  return n;
}

/* ---- ranges as the schema writes them ------------------------------------------- */

void ws_range_text_int(char *out, size_t size, int64_t min, int64_t max) {
  char lo[24] = "", hi[24] = "";
  if (min != INT64_MIN)
    snprintf(lo, sizeof lo, "%" PRId64, min);
  if (max != INT64_MAX)
    snprintf(hi, sizeof hi, "%" PRId64, max);
  snprintf(out, size, "%s..%s", lo, hi);
}

void ws_range_text_float(char *out, size_t size, double min, double max) {
  char lo[WS_FLOAT_REPR_MAX] = "", hi[WS_FLOAT_REPR_MAX] = "";
  if (!isinf(min))
    ws_float_repr(min, lo);
  if (!isinf(max))
    ws_float_repr(max, hi);
  snprintf(out, size, "%s..%s", lo, hi);
}
