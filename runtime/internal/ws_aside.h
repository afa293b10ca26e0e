/* ws_aside.h - room for a value built aside before it replaces its target
 * (not part of the public API; wstypes.h does not include it).
 *
 * Every function that fills a value (decode, read, copy, make) takes a
 * valid target and replaces its content, leaving it exactly as it was on
 * failure (docs/generated-api.md, "Ownership"). They build the new value
 * here, then free the target and move the new value in: the room is on
 * the stack for values up to 512 bytes (every class there is so far), on
 * the heap for a larger one. */
#ifndef WS_ASIDE_H
#define WS_ASIDE_H

#include <stddef.h>
#include <string.h>

#include "ws_alloc.h"

typedef struct ws_aside {
  union {
    max_align_t align;
    unsigned char bytes[512];
  } local;
  void *p;
} ws_aside;

/* Room for size bytes in a->p, or NULL when out of memory (nothing to
 * release then). Not zeroed. */
static inline void *ws_aside_room(ws_aside *a, size_t size) {
  a->p = size <= sizeof a->local.bytes ? a->local.bytes : ws_malloc(size);
  return a->p;
}

/* Gives the room back (its value already moved out or freed). */
static inline void ws_aside_release(ws_aside *a) {
  if (a->p != a->local.bytes)
    ws_free(a->p);
}

/* Moves the value built in a->p into dst (whose old value the caller has
 * freed) and gives the room back. */
static inline void ws_aside_move(ws_aside *a, void *dst, size_t size) {
  memcpy(dst, a->p, size);
  ws_aside_release(a);
}

#endif
