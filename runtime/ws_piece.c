/* ws_piece.c - pieces: owned text and arrays with a hidden word before
 * them that says whether they are an allocation of their own or a slice of
 * a shared block (internal/ws_piece.h). */
#include "internal/ws_piece.h"

#include <stdbool.h>
#include <stdint.h>
#include <string.h>

#include "ws_alloc.h"

#ifndef __STDC_NO_ATOMICS__
#include <stdatomic.h>
typedef atomic_size_t block_count;
#else
/* Without C11 atomics the pieces of one block must be released from one
 * thread at a time (docs/generated-api.md, "Ownership"). */
typedef size_t block_count;
#endif

#define WORD sizeof(size_t)

/* Pieces a maker may carve from one block: the bias, which no block's
 * pieces can reach (each takes some bytes of the block). */
#define BIAS (SIZE_MAX / 2)

_Static_assert(WS_BLOCK_HEAD >= sizeof(block_count) && WS_BLOCK_HEAD > 1,
               "a slice's word must never read as TEXT or ARRAY");
_Static_assert(WS_PIECE_ALIGN >= WORD, "an array's word fits before it");

static size_t word_of(const void *data) {
  size_t w;
  memcpy(&w, (const char *)data - WORD, WORD);
  return w;
}

static void put_word(void *data, size_t w) {
  memcpy((char *)data - WORD, &w, WORD);
}

static block_count *count_of(void *block) {
  return (block_count *)block;
}

/* One live piece less, from count; true when that was the last. */
static bool drop(block_count *count, size_t n) {
#ifndef __STDC_NO_ATOMICS__
  return atomic_fetch_sub_explicit(count, n, memory_order_acq_rel) == n;
#else
  *count -= n;
  return *count == 0;
#endif
}

char *ws_piece_text_new(size_t len) {
  if (len > SIZE_MAX - WORD - 1)
    return NULL;
  char *p = ws_malloc(WORD + len + 1);
  if (p == NULL)
    return NULL;
  put_word(p + WORD, WS_PIECE_TEXT);
  return p + WORD;
}

void ws_piece_release(void *data) {
  if (data == NULL)
    return;
  size_t w = word_of(data);
  if (w == WS_PIECE_TEXT) {
    ws_free((char *)data - WORD);
  } else if (w == WS_PIECE_ARRAY) {
    ws_free((char *)data - WS_PIECE_ALIGN);
  } else {
    char *block = (char *)data - w;
    if (drop(count_of(block), 1))
      ws_free(block);
  }
}

void *ws_piece_array_resize(void *data, size_t keep, size_t size) {
  char *p;
  if (size > SIZE_MAX - WS_PIECE_ALIGN)
    return NULL;
  if (data != NULL && word_of(data) == WS_PIECE_ARRAY) {
    p = ws_realloc((char *)data - WS_PIECE_ALIGN, WS_PIECE_ALIGN + size);
    return p == NULL ? NULL : p + WS_PIECE_ALIGN;
  }
  p = ws_malloc(WS_PIECE_ALIGN + size);
  if (p == NULL)
    return NULL;
  p += WS_PIECE_ALIGN;
  put_word(p, WS_PIECE_ARRAY);
  if (keep > 0)
    memcpy(p, data, keep);
  ws_piece_release(data);
  return p;
}

void *ws_block_new(size_t size) {
  void *block = size >= WS_BLOCK_HEAD ? ws_malloc(size) : NULL;
  if (block != NULL) {
#ifndef __STDC_NO_ATOMICS__
    atomic_init(count_of(block), BIAS);
#else
    *count_of(block) = BIAS;
#endif
  }
  return block;
}

void ws_block_settle(void *block, size_t carved) {
  if (block != NULL && drop(count_of(block), BIAS - carved))
    ws_free(block);
}

void ws_piece_mark_slice(void *data, const void *block) {
  put_word(data, (size_t)((const char *)data - (const char *)block));
}
