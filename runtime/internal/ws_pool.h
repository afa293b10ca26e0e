/* ws_pool.h - a decode's blocks, from which it carves the pieces
 * (internal/ws_piece.h) of the value it reads: text down from the top of a
 * block, arrays up from the bottom, so that the array being read is
 * usually the last one carved and grows in place. Not part of the public
 * API; the struct is in ws_json_read.h, as the reader holds one.
 *
 * A pool that is off (all-zero, or a NULL pool) gives every piece an
 * allocation of its own, so the readers call these whoever made their
 * reader. */
#ifndef WS_POOL_H
#define WS_POOL_H

#include <stddef.h>

#include "ws_json_read.h"
#include "ws_status.h"
#include "ws_str.h"

/* Turns the pool on for reading a document of input_len bytes, which
 * sizes its first block (decoded text is never longer than its JSON). */
void ws_pool_start(ws_pool *p, size_t input_len);
/* The pool lets go of its block (which its pieces keep alive) and is off
 * again. */
void ws_pool_finish(ws_pool *p);

/* Room for len bytes of text and a NUL (the caller writes both), or NULL
 * when out of memory. */
char *ws_pool_text(ws_pool *p, size_t len);
/* *dst, empty before, becomes a copy of text[0..len). */
ws_status ws_pool_str_set(ws_pool *p, ws_str *dst, const char *text,
                          size_t len);

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
 * complete: the pool takes back the room past len when it can, and *cap
 * becomes len, so that the value holds no more than it uses. */
void ws_pool_fit(ws_pool *p, void *items, size_t len, size_t elem_size,
                 size_t *cap);

#endif
