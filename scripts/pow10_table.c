/* pow10_table.c - writes the float conversions' table of powers of ten
 * (runtime/internal/ws_float_parts.h says what each entry is) as C rows
 * to standard output. The Makefile builds and runs it at build time;
 * runtime/ws_float_pow10.c includes what it writes.
 *
 * Every entry is computed exactly with unsigned big integers (base 2^32):
 * 10^j itself for j >= 0, and bit-by-bit long division of a power of two
 * by 10^-j for j < 0. It also checks, for every j, that the binary
 * exponent the runtime's estimate floor(log2 10^j) gives is the true one,
 * and fails (exit 1) otherwise, so the table and its index can not drift
 * apart. */
#include <inttypes.h>
#include <stdio.h>
#include <string.h>

#include "internal/ws_float_parts.h"

#define WORDS 40 /* 10^342 < 2^1137 < 2^(32 * WORDS) */

typedef struct big {
  uint32_t w[WORDS]; /* least significant first */
} big;

static void big_set(big *b, uint32_t v) {
  memset(b, 0, sizeof *b);
  b->w[0] = v;
}

static void big_mul_small(big *b, uint32_t m) {
  uint64_t carry = 0;
  for (int i = 0; i < WORDS; i++) {
    uint64_t p = (uint64_t)b->w[i] * m + carry;
    b->w[i] = (uint32_t)p;
    carry = p >> 32;
  }
}

/* The number of bits of b (0 for zero). */
static int big_bits(const big *b) {
  for (int i = WORDS - 1; i >= 0; i--)
    if (b->w[i] != 0) {
      int n = 32;
      while (!(b->w[i] >> (n - 1)))
        n--;
      return 32 * i + n;
    }
  return 0;
}

static int big_bit(const big *b, int i) {
  return (int)(b->w[i / 32] >> (i % 32)) & 1;
}

static int big_cmp(const big *a, const big *b) {
  for (int i = WORDS - 1; i >= 0; i--)
    if (a->w[i] != b->w[i])
      return a->w[i] < b->w[i] ? -1 : 1;
  return 0;
}

static void big_sub(big *a, const big *b) { /* a >= b */
  int64_t borrow = 0;
  for (int i = 0; i < WORDS; i++) {
    int64_t d = (int64_t)a->w[i] - b->w[i] - borrow;
    borrow = d < 0;
    a->w[i] = (uint32_t)(d + (borrow ? (int64_t)1 << 32 : 0));
  }
}

static void big_shl1(big *b) {
  uint32_t carry = 0;
  for (int i = 0; i < WORDS; i++) {
    uint32_t next = b->w[i] >> 31;
    b->w[i] = (b->w[i] << 1) | carry;
    carry = next;
  }
}

/* The top 128 bits of n (n >= 2^127 needed only to have 128 bits; a
 * shorter n is shifted up, exactly). */
static void top_bits(const big *n, uint64_t out[2]) {
  int len = big_bits(n);
  out[0] = out[1] = 0;
  for (int i = 0; i < 128; i++) {
    int src = len - 1 - i;
    int bit = src >= 0 ? big_bit(n, src) : 0;
    out[i / 64] |= (uint64_t)bit << (63 - i % 64);
  }
}

/* floor(2^(127 + L) / d), L the bit length of d (which is no power of
 * two): a 128-bit quotient with its top bit set. */
static void reciprocal_bits(const big *d, uint64_t out[2]) {
  big r;
  int len = big_bits(d);
  big_set(&r, 1);
  for (int i = 0; i < len; i++)
    big_shl1(&r); /* r = 2^L: the first quotient bit is 1 */
  out[0] = out[1] = 0;
  for (int i = 0; i < 128; i++) {
    if (i > 0)
      big_shl1(&r);
    if (big_cmp(&r, d) >= 0) {
      big_sub(&r, d);
      out[i / 64] |= (uint64_t)1 << (63 - i % 64);
    }
  }
}

static int check_exponent(int j, int log2) {
  if (ws_floor_log2_pow10(j) == log2)
    return 0;
  fprintf(stderr, "pow10_table: floor(log2 10^%d) is %d, the estimate says %d\n",
          j, log2, (int)ws_floor_log2_pow10(j));
  return 1;
}

int main(void) {
  big p;
  uint64_t row[2];
  int bad = 0;
  printf("/* Made by scripts/pow10_table.c at build time: do not edit. */\n");
  for (int j = WS_POW10_MIN; j <= WS_POW10_MAX; j++) {
    big_set(&p, 1);
    for (int i = 0; i < (j < 0 ? -j : j); i++)
      big_mul_small(&p, 10);
    if (j >= 0) {
      top_bits(&p, row);
      bad |= check_exponent(j, big_bits(&p) - 1);
    } else {
      reciprocal_bits(&p, row);
      bad |= check_exponent(j, -big_bits(&p));
    }
    printf("{0x%016" PRIx64 "u, 0x%016" PRIx64 "u}, /* 10^%d */\n", row[0],
           row[1], j);
  }
  return bad;
}
