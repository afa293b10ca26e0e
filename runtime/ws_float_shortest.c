/* ws_float_shortest.c - the shortest decimal digits of a double, by
 * Raffaello Giulietti's Schubfach ("The Schubfach way to render doubles",
 * 2020), written for this library from the paper.
 *
 * In short: a double v = c 2^q owns the interval of reals that round to
 * it, [v - half an ulp below, v + half an ulp above] (closed when c is
 * even, as reading rounds ties to even; lopsided at a power of two). Take
 * k so that 10^-k scales v to about 17 digits' worth, and compute v,
 * and the interval's ends, times 10^-k, times 4 (two fraction bits), each
 * rounded to odd: that rounding is coarse enough to be one 64x128-bit
 * multiplication, yet keeps every comparison below exact. Then among the
 * integers s and s + 1 around v's scaled value, and their multiples of
 * ten one digit shorter, the one inside the interval is the answer; when
 * both s and s + 1 are, the closer (ties to even). The paper proves that
 * one of these is the shortest that reads back, and the closest of those. */
#include <string.h>

#include "internal/ws_float_parts.h"

/* 10^-k's 128 bits, rounded up (the paper's g = floor(...) + 1). */
static void scale_of(int32_t k, uint64_t *hi, uint64_t *lo) {
  const uint64_t *t = ws_float_pow10[-k - WS_POW10_MIN];
  *lo = t[1] + 1;
  *hi = t[0] + (*lo == 0);
}

/* The top 64 bits of the 192-bit g * cp, rounded to odd: a lost nonzero
 * bit sets the lowest one. */
static uint64_t round_to_odd(uint64_t g_hi, uint64_t g_lo, uint64_t cp) {
  uint64_t x_hi, y_hi, y_lo;
  (void)ws_mul_64(g_lo, cp, &x_hi);
  y_lo = ws_mul_64(g_hi, cp, &y_hi);
  y_lo += x_hi;
  y_hi += y_lo < x_hi;
  return y_hi | (y_lo != 0);
}

/* An integer below 2^53 is its own shortest text: no shorter decimal lies
 * within half an ulp (at most 1/2) of it. */
static bool small_integer(uint64_t c, int32_t q, uint64_t *digits, int *exp10) {
  if (q > 0 || q < -52)
    return false;
  if ((c & (((uint64_t)1 << -q) - 1)) != 0)
    return false;
  *digits = c >> -q;
  *exp10 = 0;
  return true;
}

static void drop_trailing_zeros(uint64_t *digits, int *exp10) {
  while (*digits % 10 == 0) {
    *digits /= 10;
    ++*exp10;
  }
}

void ws_float_shortest(double x, uint64_t *digits, int *exp10) {
  uint64_t bits, c;
  int32_t q, k, h;
  memcpy(&bits, &x, sizeof bits);
  uint64_t fraction = bits & (((uint64_t)1 << 52) - 1);
  int32_t biased = (int32_t)(bits >> 52) & 0x7ff;
  if (biased != 0) {
    c = fraction | (uint64_t)1 << 52;
    q = biased - 1075;
    if (small_integer(c, q, digits, exp10)) {
      drop_trailing_zeros(digits, exp10);
      return;
    }
  } else {
    c = fraction;
    q = -1074;
  }
  /* At a power of two the ulp below is half the ulp above. */
  bool lopsided = fraction == 0 && biased > 1;
  bool even = (c & 1) == 0;
  uint64_t cb = c << 2, cbr = cb + 2, cbl = cb - 2 + lopsided;
  k = lopsided ? ws_floor_log10_three_quarters_pow2(q) : ws_floor_log10_pow2(q);
  h = q + ws_floor_log2_pow10(-k) + 1; /* 1..4: the product's binary point */
  uint64_t g_hi, g_lo;
  scale_of(k, &g_hi, &g_lo);
  uint64_t vb = round_to_odd(g_hi, g_lo, cb << h);
  uint64_t lower = round_to_odd(g_hi, g_lo, cbl << h) + !even;
  uint64_t upper = round_to_odd(g_hi, g_lo, cbr << h) - !even;
  uint64_t s = vb >> 2;
  if (s >= 10) { /* one digit shorter: the multiples of ten around s */
    uint64_t sp = s / 10;
    bool up_in = lower <= 40 * sp, wp_in = 40 * sp + 40 <= upper;
    if (up_in != wp_in) {
      *digits = sp + wp_in;
      *exp10 = k + 1;
      drop_trailing_zeros(digits, exp10);
      return;
    }
  }
  bool u_in = lower <= 4 * s, w_in = 4 * s + 4 <= upper;
  if (u_in != w_in)
    *digits = s + w_in;
  else /* both in: the closer, ties to even */
    *digits = s + (vb > 4 * s + 2 || (vb == 4 * s + 2 && (s & 1) != 0));
  *exp10 = k;
  drop_trailing_zeros(digits, exp10);
}
