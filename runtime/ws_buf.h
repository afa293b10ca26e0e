/* ws_buf.h - a growable output buffer.
 *
 * Writes never return a status: the first failure (allocation, or an encoder
 * finding a value it cannot write) is kept in `status` and later writes do
 * nothing, so encoders are straight-line code that checks once at the end.
 *
 * A buffer in measuring mode (ws_buf_measure) writes nothing and only counts
 * bytes in `len`. A fixed buffer (ws_buf_fixed) writes into memory it does
 * not own and never grows: a write that does not fit records WS_EFULL.
 * ws_buf_write_sized uses both so that an encoder's output is written
 * once, into room there already or into one block of growth. */
#ifndef WS_BUF_H
#define WS_BUF_H

#include <stdbool.h>
#include <stddef.h>
#include <string.h>

#include "ws_status.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef struct ws_buf {
  char *data;       /* NUL-terminated when non-NULL */
  size_t len;       /* bytes written (or counted, when measuring) */
  size_t cap;       /* bytes allocated, not counting the NUL */
  ws_status status; /* first failure, sticky */
  bool measuring;   /* count only */
  bool fixed;       /* data is not ours: never grows, never freed */
} ws_buf;

void ws_buf_init(ws_buf *b);
/* A buffer that only counts. */
void ws_buf_measure(ws_buf *b);
/* An empty buffer over space[0..size) (size >= 1: the last byte is kept for
 * the NUL) that never grows; ws_buf_free forgets the space without freeing
 * it. */
void ws_buf_fixed(ws_buf *b, char *space, size_t size);
void ws_buf_free(ws_buf *b);
/* Empties the buffer and clears its status, keeping its memory. */
void ws_buf_reset(ws_buf *b);
/* Hands over the bytes written, for a send queue or any owner of its own:
 * returns the buffer's memory (len bytes and a NUL; a block with more room
 * than a quarter of len past them, such as ws_buf_write_sized's, is first
 * shrunk to fit, and kept as it is if the allocator refuses the shrink)
 * for the caller to release with ws_free, stores len in *len (when len is
 * not NULL) and leaves b empty, as ws_buf_init does, ready for more writes.
 * A buffer that never allocated hands over a fresh "" (one byte).
 * Returns NULL, with *len 0, and leaves b as it was when there is nothing
 * of b's own to hand over: b holds a failure (status != WS_OK), b is fixed
 * (the bytes are in the caller's space already) or measuring (no bytes);
 * and when the byte for "" cannot be had, which records WS_ENOMEM in b. */
char *ws_buf_detach(ws_buf *b, size_t *len);
/* Makes room for `extra` more bytes (exactly: encoders measure first);
 * returns (and records) WS_ENOMEM, or returns the status already recorded.
 * Does nothing in measuring mode. */
ws_status ws_buf_reserve(ws_buf *b, size_t extra);
/* Makes room for `extra` more bytes, growing geometrically as writes do, for
 * writers that fill the room in place (data + len on) and then advance len;
 * returns (and records) WS_ENOMEM, or returns the status already recorded.
 * Does nothing in measuring mode. */
ws_status ws_buf_make_room(ws_buf *b, size_t extra);
/* Records a failure if none is recorded yet. */
void ws_buf_fail(ws_buf *b, ws_status status);

/* Slow path of ws_buf_put: grows, then copies. */
void ws_buf_put_slow(ws_buf *b, const void *p, size_t n);

/* The fast path needs n > 0: an empty write may come with p == NULL, and a
 * fresh buffer has data == NULL (cap == 0), so neither reaches memcpy. */
static inline void ws_buf_put(ws_buf *b, const void *p, size_t n) {
  if (b->measuring) {
    b->len += n;
  } else if (n != 0 && b->status == WS_OK && b->cap - b->len >= n) {
    memcpy(b->data + b->len, p, n);
    b->len += n;
    b->data[b->len] = '\0';
  } else {
    ws_buf_put_slow(b, p, n);
  }
}
static inline void ws_buf_putc(ws_buf *b, char c) { ws_buf_put(b, &c, 1); }
static inline void ws_buf_puts(ws_buf *b, const char *z) {
  ws_buf_put(b, z, strlen(z));
}
/* Writes whatever write(b, ctx) writes, appended to out. When out has the
 * room already it is written in place (no allocation). Else out is grown
 * by a 32 KB block and written into, and keeps the block (the room past
 * the output is there for the next write; ws_buf_detach gives it back):
 * an encode into an empty buffer is one call to the allocator and no
 * copy. An output that does not fit the block is counted in measuring
 * mode first and then written, out growing once by exactly its size.
 * write must write the same each time it runs. Returns out's status; on
 * failure (the writer's, or WS_ENOMEM at any step) out holds what it held
 * before and records the failure, its block given back to its earlier
 * size (or kept larger if the allocator refuses even that shrink). A
 * measuring or fixed out is simply written to. */
typedef void (*ws_buf_writer)(ws_buf *b, const void *ctx);
ws_status ws_buf_write_sized(ws_buf *out, ws_buf_writer write,
                             const void *ctx);

/* Decimal text of a signed 64-bit integer. */
void ws_buf_put_i64(ws_buf *b, long long v);
/* n copies of c (indentation). */
void ws_buf_put_repeat(ws_buf *b, char c, size_t n);

#ifdef __cplusplus
}
#endif

#endif
