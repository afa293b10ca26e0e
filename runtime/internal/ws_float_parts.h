/* ws_float_parts.h - what the float conversions share (ws_float.c,
 * ws_float_shortest.c, ws_float_lemire.c, ws_float_pow10.c): the table of
 * 128-bit powers of ten, the logarithm estimates that index it, and a
 * 64x64->128-bit multiply.
 *
 * The table is made at build time by scripts/pow10_table.c, which computes
 * every entry exactly with big integers; nothing in it is typed in. */
#ifndef WS_FLOAT_PARTS_H
#define WS_FLOAT_PARTS_H

#include <stdbool.h>
#include <stdint.h>

/* ws_float_pow10[j - WS_POW10_MIN] = {hi, lo}: the 128 bits of
 * floor(10^j * 2^(127 - floor(log2 10^j))), so the top bit is always set.
 * It is exact for 0 <= j <= WS_POW10_EXACT_MAX (5^j fits in 128 bits) and
 * strictly below 10^j's scaled value for every other j. The range covers
 * what both directions need: Schubfach's 10^-k for every double (-292 ..
 * 324) and Eisel-Lemire's 10^q for 19-digit integers (-342 .. 308). */
#define WS_POW10_MIN (-342)
#define WS_POW10_MAX 324
#define WS_POW10_EXACT_MAX 55
extern const uint64_t ws_float_pow10[WS_POW10_MAX - WS_POW10_MIN + 1][2];

/* floor(v / 2^s) for any sign of v (>> of a negative int is
 * implementation-defined in C). */
static inline int32_t ws_floor_shift(int32_t v, int s) {
  return v >= 0 ? v >> s : -((-(v + 1)) >> s) - 1;
}

/* floor(log2(10^e)), exact for |e| <= 1233 (scripts/pow10_table.c checks
 * it on the table's range when it makes the table). */
static inline int32_t ws_floor_log2_pow10(int32_t e) {
  return ws_floor_shift(e * 1741647, 19);
}

/* floor(log10(2^e)) and floor(log10(3/4 * 2^e)), exact for |e| <= 1500
 * (tests/unit/runtime/test_float_fast.c checks them on every double's
 * exponent). */
static inline int32_t ws_floor_log10_pow2(int32_t e) {
  return ws_floor_shift(e * 1262611, 22);
}
static inline int32_t ws_floor_log10_three_quarters_pow2(int32_t e) {
  return ws_floor_shift(e * 1262611 - 524031, 22);
}

/* The 128-bit product of a and b as *hi and the returned low half. */
#if defined(__SIZEOF_INT128__)
__extension__ typedef unsigned __int128 ws_u128;
static inline uint64_t ws_mul_64(uint64_t a, uint64_t b, uint64_t *hi) {
  ws_u128 p = (ws_u128)a * b;
  *hi = (uint64_t)(p >> 64);
  return (uint64_t)p;
}
#else
static inline uint64_t ws_mul_64(uint64_t a, uint64_t b, uint64_t *hi) {
  uint64_t a0 = (uint32_t)a, a1 = a >> 32, b0 = (uint32_t)b, b1 = b >> 32;
  uint64_t p00 = a0 * b0, p01 = a0 * b1, p10 = a1 * b0, p11 = a1 * b1;
  uint64_t mid = (p00 >> 32) + (uint32_t)p01 + (uint32_t)p10;
  *hi = p11 + (p01 >> 32) + (p10 >> 32) + (mid >> 32);
  return (mid << 32) | (uint32_t)p00;
}
#endif

/* x (> 0, finite) as digits x 10^exp10: the shortest digits that read
 * back as x, the closest to x of those (ties to an even last digit), with
 * no trailing zeros. At most 17 digits. (ws_float_shortest.c) */
void ws_float_shortest(double x, uint64_t *digits, int *exp10);

/* w x 10^q correctly rounded (w > 0, q in the table's range), when the
 * 128-bit product decides it; false for the rare cases it cannot (too
 * close to a halfway point), for subnormal results and for overflow, which
 * the caller then settles exactly. (ws_float_lemire.c) */
bool ws_float_lemire(uint64_t w, int q, double *out);

#endif
