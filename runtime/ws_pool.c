/* ws_pool.c - a decode's blocks, from which it carves the text and arrays
 * of the value it reads (internal/ws_pool.h). */
#include "internal/ws_pool.h"

#include <stdbool.h>
#include <stdint.h>
#include <string.h>

#include "internal/ws_piece.h"

#define WORD sizeof(size_t)

/* The first block is two and a half times the input and a little:
 * decoded text is never longer than its JSON, and the words before the
 * pieces, their NULs and the arrays take about as much again (a request
 * of 16 KB with 126 headers and 70 parameters uses 2.3 times its size, one
 * of 1.2 KB twice). At most FIRST_MAX: a large document's blocks double up
 * from there instead. When the first block falls short, the next is of
 * its size, and the blocks after that double. */
#define FIRST_EXTRA 256
#define FIRST_MAX ((size_t)1 << 20)

/* Under AddressSanitizer the bytes of a block that no piece holds are
 * poisoned, and pieces keep a gap of GAP poisoned bytes between them, so
 * that reading or writing past a piece is caught as it is past an
 * allocation of its own. (Text then starts 8-aligned, ASan's granule, so
 * that its end is exact.) Without it, GAP is 0 and this costs nothing. */
#if defined(__SANITIZE_ADDRESS__)
#define POOL_ASAN 1
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
#define POOL_ASAN 1
#endif
#endif

#ifdef POOL_ASAN
#include <sanitizer/asan_interface.h>
#define GAP 16
#define TEXT_ALIGN 8
static void poison(const char *at, size_t n) {
  ASAN_POISON_MEMORY_REGION(at, n);
}
static void unpoison(const char *at, size_t n) {
  ASAN_UNPOISON_MEMORY_REGION(at, n);
}
#else
#define GAP 0
#define TEXT_ALIGN 1
static void poison(const char *at, size_t n) {
  (void)at;
  (void)n;
}
static void unpoison(const char *at, size_t n) {
  (void)at;
  (void)n;
}
#endif

/* NULL is a pool that is off. */
static bool on(const ws_pool *p) {
  return p != NULL && p->next != 0;
}

void ws_pool_start(ws_pool *p, size_t input_len) {
  memset(p, 0, sizeof *p);
  p->next = (input_len < FIRST_MAX / 5 * 2 ? input_len / 2 * 5 : FIRST_MAX) +
            FIRST_EXTRA;
}

void ws_pool_finish(ws_pool *p) {
  ws_block_settle(p->block, p->carved);
  memset(p, 0, sizeof *p);
}

/* need free bytes in a new block, the current one not having them: of
 * the usual size, or for a piece of more than half of that, of the piece's
 * size and the usual size again, so that the pieces after it, or the
 * array's next growth, still fit. false when out of memory. */
static bool start_block(ws_pool *p, size_t need) {
  size_t size = p->next;
  if (need > size / 2)
    size = need <= SIZE_MAX - size ? need + size : SIZE_MAX;
  char *b = size - WS_BLOCK_HEAD >= need ? ws_block_new(size) : NULL;
  if (b == NULL)
    return false;
  bool first_block = p->block == NULL;
  ws_block_settle(p->block, p->carved);
  p->block = b;
  p->lo = b + WS_BLOCK_HEAD;
  p->hi = b + size;
  p->last = NULL;
  p->carved = 0;
  poison(p->lo, size - WS_BLOCK_HEAD);
  if (!first_block && p->next <= SIZE_MAX / 2)
    p->next *= 2;
  return true;
}

/* The usual case, the block has room, without a call. */
static inline bool make_room(ws_pool *p, size_t need) {
  return (p->block != NULL && need <= (size_t)(p->hi - p->lo)) ||
         start_block(p, need);
}

char *ws_pool_text(ws_pool *p, size_t len) {
  if (!on(p))
    return ws_piece_text_new(len);
  if (len > SIZE_MAX - WORD - 1 - GAP - TEXT_ALIGN)
    return NULL;
  size_t size = WORD + len + 1;
  if (!make_room(p, size + GAP + TEXT_ALIGN - 1))
    return NULL;
  char *start = p->hi - size;
  start -= (size_t)(start - p->block) % TEXT_ALIGN;
  unpoison(start, size);
  ws_piece_mark_slice(start + WORD, p->block);
  p->hi = start - GAP;
  p->carved++;
  return start + WORD;
}

ws_status ws_pool_str_set(ws_pool *p, ws_str *dst, const char *text,
                          size_t len) {
  char *t = NULL;
  if (len > 0) {
    t = ws_pool_text(p, len);
    if (t == NULL)
      return WS_ENOMEM;
    memcpy(t, text, len);
    t[len] = '\0';
  }
  dst->ptr = t;
  dst->len = len;
  return WS_OK;
}

/* An array of size bytes carved from lo, aligned, its word before it; the
 * block has room (make_room with the worst-case alignment counted in). */
static char *carve_array(ws_pool *p, size_t size) {
  size_t at = (size_t)(p->lo - p->block) + GAP + WORD;
  at += (WS_PIECE_ALIGN - at % WS_PIECE_ALIGN) % WS_PIECE_ALIGN;
  char *data = p->block + at;
  unpoison(data - WORD, WORD + size);
  ws_piece_mark_slice(data, p->block);
  p->lo = data + size;
  p->last = data;
  p->carved++;
  return data;
}

void *ws_pool_resize(ws_pool *p, void *data, size_t keep, size_t size) {
  if (!on(p))
    return ws_piece_array_resize(data, keep, size);
  if (data != NULL && data == p->last &&
      size <= (size_t)(p->hi - (char *)data)) {
    unpoison(data, size);
    p->lo = (char *)data + size;
    return data;
  }
  if (size > SIZE_MAX - GAP - WORD - WS_PIECE_ALIGN)
    return NULL;
  if (!make_room(p, size + GAP + WORD + WS_PIECE_ALIGN - 1))
    return NULL;
  char *fresh = carve_array(p, size);
  if (keep > 0)
    memcpy(fresh, data, keep);
  ws_piece_release(data);
  return fresh;
}

void ws_pool_fit(ws_pool *p, void *items, size_t len, size_t elem_size,
                 size_t *cap) {
  if (on(p) && items != NULL && items == p->last) {
    char *end = (char *)items + len * elem_size;
    poison(end, (size_t)(p->lo - end));
    p->lo = end;
    *cap = len;
  }
}
