/* ws_pool.c - a decode's blocks, from which it carves the text and arrays
 * of the value it reads (internal/ws_pool.h).
 *
 * Text goes up from the bottom of the free bytes, where a string can be
 * decoded straight into its place before its length is known; arrays come
 * down from the top. The array carved last, the one usually being read,
 * grows by moving down into the free bytes (doubling, so each element
 * moves about once) and gives back what it does not use by moving up. */
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
#ifdef WS_POOL_ASAN
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

/* Where text starts in the free bytes: after its word, its word aligned. */
static char *text_start(const ws_pool *p) {
  size_t at = (size_t)(p->lo - p->block);
  at += (TEXT_ALIGN - at % TEXT_ALIGN) % TEXT_ALIGN;
  return p->block + at + WORD;
}

/* The text at t, len bytes and its NUL, becomes a piece: the free bytes
 * start after it (and its gap). */
static void keep_text(ws_pool *p, char *t, size_t len) {
  ws_piece_mark_slice(t, p->block);
  p->lo = t + len + 1 + GAP;
  p->carved++;
}

char *ws_pool_text(ws_pool *p, size_t len) {
  if (!on(p))
    return ws_piece_text_new(len);
  if (len > SIZE_MAX - WORD - 1 - GAP - TEXT_ALIGN)
    return NULL;
  if (!make_room(p, WORD + len + 1 + GAP + TEXT_ALIGN - 1))
    return NULL;
  char *t = text_start(p);
  unpoison(t - WORD, WORD + len + 1);
  keep_text(p, t, len);
  return t;
}

/* Under AddressSanitizer the room offered is at most this much, so that
 * unpoisoning and poisoning it again costs little however large the block
 * (a longer string is sized first, then copied). */
#define ASAN_ROOM ((size_t)4096)

char *ws_pool_text_room_any(ws_pool *p, size_t *cap) {
  *cap = 0;
  if (!on(p))
    return NULL;
  if (p->block == NULL && !start_block(p, 1)) {
    *cap = SIZE_MAX; /* out of memory */
    return NULL;
  }
  char *t = text_start(p);
  if (t + GAP + 1 >= p->hi)
    return NULL;
  *cap = (size_t)(p->hi - t) - GAP; /* the gap after the text fits too */
#ifdef WS_POOL_ASAN
  if (*cap > ASAN_ROOM)
    *cap = ASAN_ROOM;
#endif
  unpoison(t - WORD, WORD + *cap);
  return t;
}

void ws_pool_text_keep_any(ws_pool *p, char *t, size_t cap, size_t len) {
  poison(t + len + 1, cap - len - 1);
  keep_text(p, t, len);
}

void ws_pool_text_unused_any(ws_pool *p, char *t, size_t cap) {
  (void)p;
  poison(t - WORD, WORD + cap);
}

ws_status ws_pool_str_set_any(ws_pool *p, ws_str *dst, const char *text,
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

/* An array of size bytes carved down from hi, aligned, its word before
 * it; the block has room (make_room with the worst-case alignment counted
 * in). */
static char *carve_array(ws_pool *p, size_t size) {
  size_t at = (size_t)(p->hi - p->block) - size;
  at -= at % WS_PIECE_ALIGN;
  char *data = p->block + at;
  unpoison(data - WORD, WORD + size);
  ws_piece_mark_slice(data, p->block);
  p->hi = data - WORD - GAP;
  p->last = data;
  p->carved++;
  return data;
}

/* The array carved last, data (of which keep bytes are used), moved down
 * to hold size bytes ending where its used bytes end, when the free bytes
 * below it have the room; else NULL. */
static char *grow_down(ws_pool *p, char *data, size_t keep, size_t size) {
  size_t top = (size_t)(data + keep - p->block);
  if (size > top)
    return NULL;
  size_t at = top - size;
  at -= at % WS_PIECE_ALIGN;
  char *moved = p->block + at;
  if (moved < p->lo + GAP + WORD)
    return NULL;
  unpoison(moved - WORD, WORD + size);
  memmove(moved, data, keep);
  ws_piece_mark_slice(moved, p->block);
  p->hi = moved - WORD - GAP;
  p->last = moved;
  return moved;
}

void *ws_pool_resize(ws_pool *p, void *data, size_t keep, size_t size) {
  if (!on(p))
    return ws_piece_array_resize(data, keep, size);
  if (data != NULL && data == p->last) {
    char *moved = grow_down(p, data, keep, size);
    if (moved != NULL)
      return moved;
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

/* Room past an array's length that fit leaves where it is: a few
 * elements' worth is not worth moving the array for. */
#define FIT_SLACK 256

void *ws_pool_fit(ws_pool *p, void *items, size_t len, size_t elem_size,
                  size_t *cap) {
  if (!on(p) || items == NULL || items != p->last ||
      (*cap - len) * elem_size < FIT_SLACK)
    return items;
  size_t used = len * elem_size, had = *cap * elem_size;
  size_t top = (size_t)((char *)items + had - p->block);
  size_t at = top - used;
  at -= at % WS_PIECE_ALIGN;
  char *moved = p->block + at;
  if (moved != (char *)items) {
    memmove(moved, items, used);
    ws_piece_mark_slice(moved, p->block);
    poison((char *)items - WORD, (size_t)(moved - (char *)items));
    p->hi = moved - WORD - GAP;
    p->last = moved;
  }
  poison(moved + used, (size_t)(p->block + top - (moved + used)));
  *cap = len;
  return moved;
}

void ws_pool_fit_in_place(ws_pool *p, void *items, size_t len,
                          size_t elem_size, size_t *cap) {
  (void)p;
  (void)items;
  (void)len;
  (void)elem_size;
  (void)cap;
}
