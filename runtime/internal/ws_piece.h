/* ws_piece.h - the memory behind owned text and container arrays (not
 * part of the public API; wstypes.h does not include it).
 *
 * Every ws_str and ws_bytes the library makes, and every items array of a
 * list, map or ws_headers, is a piece: a hidden word (a size_t) just
 * before its first byte says where its memory lives.
 *
 *   WS_PIECE_TEXT   an allocation of its own that starts at the word;
 *   WS_PIECE_ARRAY  an allocation of its own that starts WS_PIECE_ALIGN
 *                   bytes before the data, so the data keeps malloc's
 *                   alignment;
 *   anything else   the distance from the start of a shared block (a
 *                   decode's, ws_pool.c) to the data; the block counts its
 *                   live pieces, and releasing the last one frees it.
 *
 * So any one piece can be released, replaced or grown on its own, whoever
 * made it, and a decode can put a whole value's text and arrays into a
 * few blocks. The count is atomic (C11 <stdatomic.h>), so two threads may
 * release pieces of one block, as they may free fields of one value. */
#ifndef WS_PIECE_H
#define WS_PIECE_H

#include <stddef.h>

#include "ws_status.h"

#define WS_PIECE_TEXT ((size_t)0)
#define WS_PIECE_ARRAY ((size_t)1)
/* Array data is aligned to this, in its own allocation and in a block. */
#define WS_PIECE_ALIGN (_Alignof(max_align_t))
/* A block's header: its count of live pieces, padded to WS_PIECE_ALIGN. */
#define WS_BLOCK_HEAD WS_PIECE_ALIGN

/* Room for len bytes of text and a NUL after them, in an allocation of its
 * own (the caller writes both); NULL when out of memory. */
char *ws_piece_text_new(size_t len);
/* Gives a piece back (NULL is none): its own allocation is freed, a slice
 * of a block leaves it, and frees it when it was the last. */
void ws_piece_release(void *data);
/* Resizes the array piece data (NULL for none), whose first keep bytes
 * hold its elements, to size bytes: its own allocation is reallocated, a
 * slice of a block is copied out into an allocation of its own and
 * released. Returns the new data, or NULL when out of memory (data is
 * unchanged then). size > 0. */
void *ws_piece_array_resize(void *data, size_t keep, size_t size);

/* ---- blocks, for ws_pool.c --------------------------------------------- */

/* A block of size bytes (its header included), or NULL. It starts with a
 * large count (a bias) standing for the pieces its maker will carve, so
 * that none of them released meanwhile can free it. */
void *ws_block_new(size_t size);
/* The maker is done with block, having carved `carved` pieces from it:
 * the bias gives way to that count, and a block with no live piece left
 * is freed. */
void ws_block_settle(void *block, size_t carved);
/* Writes the word of a piece at data, carved from block. */
void ws_piece_mark_slice(void *data, const void *block);

#endif
