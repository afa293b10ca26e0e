/* ws_float_lemire.c - a decimal w x 10^q to the nearest double with one
 * 64x128-bit multiplication, after Eisel and Lemire ("Number parsing at a
 * gigabyte per second", 2021), written for this library from the paper.
 *
 * The product P of w (shifted up to 64 bits) and the table's 128 bits of
 * 10^q holds the double's 53 bits, the bit below them, and 128 + a few
 * bits more. When the table's entry is exact (0 <= q <= 55) P is the exact
 * scaled value and rounds as it stands, ties to even. Otherwise the
 * entry is below the true power by less than one unit, so the true
 * product lies above P by less than w < 2^64: it rounds as P does unless
 * P sits just below the halfway point, within 2^64 of it. Then this
 * gives up and the caller decides exactly; for random input that is
 * about one case in 2^74. Subnormal and overflowing results are left to the
 * caller too. */
#include <string.h>

#include "internal/ws_float_parts.h"

static int leading_zeros(uint64_t w) {
#if defined(__GNUC__)
  return __builtin_clzll(w);
#else
  int n = 0;
  for (; !(w >> 63); w <<= 1)
    n++;
  return n;
#endif
}

bool ws_float_lemire(uint64_t w, int q, double *out) {
  const uint64_t *t = ws_float_pow10[q - WS_POW10_MIN];
  int lz = leading_zeros(w);
  uint64_t wn = w << lz, hi, mid, mid2, lo;
  mid = ws_mul_64(wn, t[0], &hi);
  lo = ws_mul_64(wn, t[1], &mid2);
  mid += mid2;
  hi += mid < mid2;
  /* hi >= 2^62: the 53 bits start at bit 63 or 62 */
  int shift = 10 + (int)(hi >> 63);
  uint64_t m = hi >> shift;
  uint64_t rest = hi & (((uint64_t)1 << shift) - 1);
  uint64_t half = (uint64_t)1 << (shift - 1);
  bool up;
  if (q >= 0 && q <= WS_POW10_EXACT_MAX) {
    bool below_rest_zero = mid == 0 && lo == 0;
    up = rest > half || (rest == half && (!below_rest_zero || (m & 1) != 0));
  } else {
    if (rest == half - 1 && mid == UINT64_MAX)
      return false; /* the true value may reach the halfway point */
    up = rest >= half; /* the true value is above P: never a tie */
  }
  m += up;
  int32_t e2 = shift + 1 + ws_floor_log2_pow10(q) - lz; /* x = m 2^e2 */
  if (m >> 53) {
    m >>= 1;
    e2++;
  }
  int32_t biased = e2 + 1075;
  if (biased <= 0 || biased >= 0x7ff)
    return false;
  uint64_t bits = (uint64_t)biased << 52 | (m & (((uint64_t)1 << 52) - 1));
  memcpy(out, &bits, sizeof bits);
  return true;
}
