/* ws_float.c - doubles to text and back, as Python's float does it (see
 * ws_float.h).
 *
 * Formatting: the shortest digits come from ws_float_shortest.c
 * (Schubfach, integer arithmetic only) and are laid out here as repr lays
 * them out. No C library call is involved, so no locale is either.
 *
 * Parsing: a number of at most 19 significant digits is read here into an
 * integer and a decimal exponent, then converted by Clinger's fast path
 * (both exact in a double: one correctly rounded operation) or by
 * ws_float_lemire.c (one 64x128-bit multiplication). What those can not
 * decide (more digits, subnormal results, overflow, the very rare
 * near-halfway case) takes the exact path: the digits are handed to
 * strtod as text of the form "DDDDe-NN" (no decimal point), which every
 * locale reads the same. */
#include "ws_float.h"
#include "internal/ws_float_parts.h"

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

#if FLT_EVAL_METHOD == 0
/* Powers of ten that are exact doubles, for the fast path (which needs
 * double arithmetic without excess precision: not x87). */
static const double exact_pow10[] = {
    1e0,  1e1,  1e2,  1e3,  1e4,  1e5,  1e6,  1e7,  1e8,  1e9,  1e10, 1e11,
    1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22};
#endif

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

/* ---- the common case: at most 19 significant digits ------------------------ */

/* Eight digits at p as their value, when all eight are digits: a few
 * multiplications on the eight bytes at once instead of eight steps. */
static bool eight_digits(const char *p, uint64_t *value) {
  uint64_t x = 0;
#if defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
  memcpy(&x, p, sizeof x); /* one load */
#else
  for (int i = 7; i >= 0; i--) /* the first byte lowest, as there */
    x = x << 8 | (uint8_t)p[i];
#endif
  /* every byte 0x30..0x39: high nibble 3, and adding 6 leaves it 3 */
  if (((x & 0xf0f0f0f0f0f0f0f0u) |
       (((x + 0x0606060606060606u) & 0xf0f0f0f0f0f0f0f0u) >> 4)) !=
      0x3333333333333333u)
    return false;
  x -= 0x3030303030303030u; /* byte i: digit i, the first lowest */
  x = (x * 10 + (x >> 8)) & 0x00ff00ff00ff00ffu;  /* pairs, in 16 bits */
  x = (x * 100 + (x >> 16)) & 0x0000ffff0000ffffu; /* fours, in 32 bits */
  *value = (x & 0xffff) * 10000 + (x >> 32);
  return true;
}

/* The digits at [*p, end) appended to w; returns how many. */
static inline size_t take_run(const char **p, const char *end, uint64_t *w) {
  const char *q = *p;
  uint64_t v = *w, eight;
  while (end - q >= 8 && eight_digits(q, &eight)) {
    v = v * 100000000 + eight;
    q += 8;
  }
  for (; q < end && is_digit(*q); q++)
    v = v * 10 + (uint64_t)(*q - '0');
  *w = v;
  size_t n = (size_t)(q - *p);
  *p = q;
  return n;
}

/* A number of at most 19 significant digits as w x 10^e; false for
 * anything else (more digits, bad syntax), which the exact path below
 * reads or refuses. A w of more digits wraps, harmlessly: it is refused. */
static bool scan_short(const char *s, size_t len, bool *negative,
                       uint64_t *w_out, long *e_out) {
  const char *p = s, *end = s + len;
  uint64_t w = 0;
  long e = 0, x = 0;
  size_t nd = 0;
  *negative = p < end && *p == '-';
  p += *negative;
  if (p >= end || !is_digit(*p))
    return false;
  if (*p == '0') {
    if (++p < end && is_digit(*p))
      return false;
  } else
    nd = take_run(&p, end, &w);
  if (p < end && *p == '.') {
    const char *start = ++p;
    for (; p < end && w == 0 && *p == '0'; p++)
      e--; /* leading zeros */
    size_t n = take_run(&p, end, &w);
    nd += n;
    e -= (long)n;
    if (p == start)
      return false;
  }
  if (nd > 19)
    return false;
  if (p < end && (*p == 'e' || *p == 'E')) {
    bool minus = ++p < end && *p == '-';
    p += p < end && (*p == '-' || *p == '+');
    if (p >= end || !is_digit(*p))
      return false;
    for (; p < end && is_digit(*p); p++)
      if (x < 100000) /* far past any double's exponent */
        x = x * 10 + (*p - '0');
    e += minus ? -x : x;
  }
  *w_out = w;
  *e_out = e;
  return p == end;
}

/* The double nearest a short number, when a fast way decides it. */
static bool parse_short(const char *s, size_t len, double *out) {
  bool negative;
  uint64_t w;
  long e;
  double v;
  if (!scan_short(s, len, &negative, &w, &e))
    return false;
  if (w == 0)
    v = 0.0;
#if FLT_EVAL_METHOD == 0
  /* Clinger's fast path: an exact integer times or over an exact power of
   * ten is one correctly rounded operation. */
  else if (w < ((uint64_t)1 << 53) && e >= -22 && e <= 22)
    v = e >= 0 ? (double)w * exact_pow10[e] : (double)w / exact_pow10[-e];
#endif
  else if (e < WS_POW10_MIN || e > WS_POW10_MAX ||
           !ws_float_lemire(w, (int)e, &v))
    return false;
  *out = negative ? -v : v;
  return true;
}

/* Any number, exactly: its first KEPT_DIGITS digits and a sticky one,
 * through strtod. */
static ws_float_parse_result parse_exact(const char *s, size_t len,
                                         double *out) {
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

ws_float_parse_result ws_float_parse(const char *s, size_t len, double *out) {
  if (parse_short(s, len, out))
    return WS_FLOAT_OK;
  return parse_exact(s, len, out);
}

/* ---- Python's layout -------------------------------------------------------- */

static size_t put_exponent(char *out, int e) {
  size_t n = 0;
  unsigned u = (unsigned)(e < 0 ? -e : e);
  out[n++] = 'e';
  out[n++] = e < 0 ? '-' : '+';
  if (u >= 100)
    out[n++] = (char)('0' + u / 100);
  out[n++] = (char)('0' + u / 10 % 10);
  out[n++] = (char)('0' + u % 10);
  return n;
}

/* "00" to "99": two digits a division. */
static const char digit_pairs[201] =
    "00010203040506070809101112131415161718192021222324252627282930313233343536"
    "37383940414243444546474849505152535455565758596061626364656667686970717273"
    "7475767778798081828384858687888990919293949596979899";

/* The number of decimal digits of v (v > 0): log10 from the bit length
 * (1233 / 4096 is just under log10(2)), then one comparison. */
static size_t digit_count(uint64_t v) {
  static const uint64_t pow10[20] = {1,
                                     10,
                                     100,
                                     1000,
                                     10000,
                                     100000,
                                     1000000,
                                     10000000,
                                     100000000,
                                     1000000000,
                                     10000000000,
                                     100000000000,
                                     1000000000000,
                                     10000000000000,
                                     100000000000000,
                                     1000000000000000,
                                     10000000000000000,
                                     100000000000000000,
                                     1000000000000000000,
                                     UINT64_C(10000000000000000000)};
#if defined(__GNUC__)
  unsigned bits = 64 - (unsigned)__builtin_clzll(v);
#else
  unsigned bits = 0;
  for (uint64_t w = v; w != 0; w >>= 1)
    bits++;
#endif
  unsigned guess = bits * 1233 >> 12;
  return guess + (v >= pow10[guess]);
}

/* The decimal digits of v (v > 0, at most 20) into out, written from the
 * last two at a time; returns their count. */
static size_t put_digits(uint64_t v, char *out) {
  size_t n = digit_count(v);
  char *at = out + n;
  while (v >= 100) {
    unsigned pair = (unsigned)(v % 100);
    v /= 100;
    at -= 2;
    memcpy(at, digit_pairs + 2 * pair, 2);
  }
  if (v >= 10) {
    memcpy(at - 2, digit_pairs + 2 * v, 2);
  } else {
    at[-1] = (char)('0' + v);
  }
  return n;
}

/* 0.DIGITS x 10^decpt as repr lays it out. */
static size_t lay_out(const char *digits, size_t nd, int decpt, char *out) {
  size_t n = 0;
  if (decpt <= -4 || decpt > 16) { /* d.ddde+XX */
    out[n++] = digits[0];
    if (nd > 1) {
      out[n++] = '.';
      memcpy(out + n, digits + 1, nd - 1);
      n += nd - 1;
    }
    n += put_exponent(out + n, decpt - 1);
  } else if (decpt <= 0) { /* 0.000ddd */
    memcpy(out + n, "0.", 2);
    n += 2;
    memset(out + n, '0', (size_t)-decpt);
    n += (size_t)-decpt;
    memcpy(out + n, digits, nd);
    n += nd;
  } else if ((size_t)decpt >= nd) { /* ddd000.0 */
    memcpy(out + n, digits, nd);
    n += nd;
    memset(out + n, '0', (size_t)decpt - nd);
    n += (size_t)decpt - nd;
    memcpy(out + n, ".0", 2);
    n += 2;
  } else { /* ddd.ddd */
    memcpy(out + n, digits, (size_t)decpt);
    n += (size_t)decpt;
    out[n++] = '.';
    memcpy(out + n, digits + decpt, nd - (size_t)decpt);
    n += nd - (size_t)decpt;
  }
  return n;
}

size_t ws_float_repr(double v, char out[WS_FLOAT_REPR_MAX]) {
  char digits[20];
  uint64_t value;
  int exp10;
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
  ws_float_shortest(v < 0 ? -v : v, &value, &exp10);
  size_t nd = put_digits(value, digits);
  n += lay_out(digits, nd, (int)nd + exp10, out + n);
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
