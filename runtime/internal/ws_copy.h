/* ws_copy.h - short copies as plain moves, for the runtime's writers (not
 * part of the public API; wstypes.h does not include it).
 *
 * Most keys and values are 4 to 32 bytes. Two fixed-size copies that
 * overlap in the middle (a move or two each) cost less than a call to
 * memcpy with a length it must dispatch on; other lengths go to memcpy. */
#ifndef WS_COPY_H
#define WS_COPY_H

#include <stddef.h>
#include <string.h>

/* Copies from[0..n) to to[0..n), reading and writing only those bytes
 * (from may be NULL when n is 0). */
static inline void ws_copy_short(char *to, const char *from, size_t n) {
  /* Unsigned wrap-around makes each range one comparison. */
  if (n - 8 <= 8) { /* 8..16 */
    memcpy(to, from, 8);
    memcpy(to + n - 8, from + n - 8, 8);
  } else if (n - 17 < 16) { /* 17..32 */
    memcpy(to, from, 16);
    memcpy(to + n - 16, from + n - 16, 16);
  } else if (n - 4 < 4) { /* 4..7 */
    memcpy(to, from, 4);
    memcpy(to + n - 4, from + n - 4, 4);
  } else if (n != 0) {
    memcpy(to, from, n);
  }
}

#endif
