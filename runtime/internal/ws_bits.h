/* ws_bits.h - bit positions in the masks vector scans give, for the
 * runtime's scanners (not part of the public API; wstypes.h does not
 * include it). A compiler builtin where there is one, a loop elsewhere. */
#ifndef WS_BITS_H
#define WS_BITS_H

#include <stddef.h>

/* Index of the lowest set bit of mask (mask != 0). */
static inline size_t ws_lowest_bit(unsigned mask) {
#if defined(__GNUC__)
  return (size_t)__builtin_ctz(mask);
#else
  size_t k = 0;
  while (!(mask & 1u)) {
    mask >>= 1;
    k++;
  }
  return k;
#endif
}

/* Index of the highest set bit of mask (mask != 0). */
static inline size_t ws_highest_bit(unsigned mask) {
#if defined(__GNUC__)
  return 31 - (size_t)__builtin_clz(mask);
#else
  size_t k = 0;
  while (mask >>= 1) {
    k++;
  }
  return k;
#endif
}

#endif
