/* ws_pool.h - a decode's blocks, from which it carves the pieces
 * (internal/ws_piece.h) of the value it reads: text up from the bottom of
 * a block, so that a string can be decoded into its place in one pass
 * (ws_pool_text_room), arrays down from the top, so that the array being
 * read is usually the last one carved and grows without a copy elsewhere. Not part of the public
 * API; the struct is in ws_json_read.h, as the reader holds one.
 *
 * A pool that is off (all-zero, or a NULL pool) gives every piece an
 * allocation of its own, so the readers call these whoever made their
 * reader. */
#ifndef WS_POOL_H
#define WS_POOL_H

#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "ws_json_read.h"
#include "ws_status.h"
#include "ws_str.h"

#include "internal/ws_copy.h"

/* Turns the pool on for reading a document of input_len bytes, which
 * sizes its first block (decoded text is never longer than its JSON). */
void ws_pool_start(ws_pool *p, size_t input_len);
/* The pool lets go of its block (which its pieces keep alive) and is off
 * again. */
void ws_pool_finish(ws_pool *p);

/* Room for len bytes of text and a NUL (the caller writes both), or NULL
 * when out of memory. */
char *ws_pool_text(ws_pool *p, size_t len);
/* AddressSanitizer builds poison what no piece holds (ws_pool.c). */
#if defined(__SANITIZE_ADDRESS__)
#define WS_POOL_ASAN 1
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
#define WS_POOL_ASAN 1
#endif
#endif

/* Room to decode a string of unknown length into: cap bytes at the
 * returned address (at least 1), for its text and NUL. NULL when the pool
 * is off or its block has no room to offer: then size the text first and
 * use ws_pool_text. NULL with *cap SIZE_MAX when out of memory. Nothing else may be carved until
 * the room is kept or given back. */
static inline char *ws_pool_text_room(ws_pool *p, size_t *cap);
/* The room t (of cap bytes, from ws_pool_text_room) holds len bytes of
 * text and a NUL: they become a piece, the rest is free again. */
static inline void ws_pool_text_keep(ws_pool *p, char *t, size_t cap,
                                     size_t len);
/* The room t was not used after all. */
static inline void ws_pool_text_unused(ws_pool *p, char *t, size_t cap);

/* What the three do in every build; the inline ones below are their usual
 * case, a string in the current block, where nothing is poisoned. */
char *ws_pool_text_room_any(ws_pool *p, size_t *cap);
void ws_pool_text_keep_any(ws_pool *p, char *t, size_t cap, size_t len);
void ws_pool_text_unused_any(ws_pool *p, char *t, size_t cap);

/* Without ASan, text follows the free bytes' start, after its word. */
static inline char *ws_pool_text_room(ws_pool *p, size_t *cap) {
#ifndef WS_POOL_ASAN
  if (p->block != NULL && (size_t)(p->hi - p->lo) > sizeof(size_t) + 1) {
    char *t = p->lo + sizeof(size_t);
    *cap = (size_t)(p->hi - t);
    return t;
  }
#endif
  return ws_pool_text_room_any(p, cap);
}

static inline void ws_pool_text_keep(ws_pool *p, char *t, size_t cap,
                                     size_t len) {
#ifndef WS_POOL_ASAN
  (void)cap;
  size_t word = (size_t)(t - p->block); /* ws_piece_mark_slice's */
  memcpy(t - sizeof word, &word, sizeof word);
  p->lo = t + len + 1;
  p->carved++;
#else
  ws_pool_text_keep_any(p, t, cap, len);
#endif
}

static inline void ws_pool_text_unused(ws_pool *p, char *t, size_t cap) {
#ifndef WS_POOL_ASAN
  (void)p;
  (void)t;
  (void)cap;
#else
  ws_pool_text_unused_any(p, t, cap);
#endif
}


/* *dst, empty before, becomes a copy of text[0..len). */
static inline ws_status ws_pool_str_set(ws_pool *p, ws_str *dst,
                                        const char *text, size_t len);
/* What it does in every build; the inline one below is its usual case. */
ws_status ws_pool_str_set_any(ws_pool *p, ws_str *dst, const char *text,
                              size_t len);

/* Without ASan, a short copy into the room of the current block: the
 * names of header entries and map keys, a copy each. */
static inline ws_status ws_pool_str_set(ws_pool *p, ws_str *dst,
                                        const char *text, size_t len) {
#ifndef WS_POOL_ASAN
  if (p != NULL && p->block != NULL && len > 0 &&
      len + sizeof(size_t) + 1 <= (size_t)(p->hi - p->lo)) {
    char *t = p->lo + sizeof(size_t);
    ws_copy_short(t, text, len);
    t[len] = '\0';
    dst->ptr = t;
    dst->len = len;
    ws_pool_text_keep(p, t, 0, len);
    return WS_OK;
  }
#endif
  return ws_pool_str_set_any(p, dst, text, len);
}

/* ws_piece_array_resize in the pool: the array data (NULL for none),
 * whose first keep bytes hold its elements, resized to size bytes, in
 * place when it was carved last and the block has room. NULL when out of
 * memory (data is unchanged then). */
void *ws_pool_resize(ws_pool *p, void *data, size_t keep, size_t size);
/* ws_grow (ws_list.h, whose file this is in) with the arrays in the pool: room for need elements
 * of elem_size bytes in *items (capacity *cap), new slots zeroed. */
ws_status ws_pool_grow(ws_pool *p, void **items, size_t *cap, size_t need,
                       size_t elem_size);
/* The array items (len elements of elem_size bytes, capacity *cap) is
 * complete: the pool takes back the room past len when it can and it is
 * more than a little, moving the elements to do so, and *cap becomes len,
 * so that the value holds little more than it uses. Returns where the
 * array is now. */
void *ws_pool_fit(ws_pool *p, void *items, size_t len, size_t elem_size,
                  size_t *cap);
/* ws_pool_fit for a caller that cannot take a new address (ws_builder_fit):
 * the array stays where it is, and since arrays come down from the top of
 * a block, the room past len is above its elements, away from the free
 * bytes, so none of it goes back and *cap is unchanged. */
void ws_pool_fit_in_place(ws_pool *p, void *items, size_t len,
                          size_t elem_size, size_t *cap);

#endif
