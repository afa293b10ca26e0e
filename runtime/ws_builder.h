/* ws_builder.h - making a value as decode makes one: its text and arrays
 * carved from a few shared blocks instead of an allocation each
 * (docs/generated-api.md, "Where a decoded value lives"). For code that
 * fills many small fields at once, such as a protocol codec building a
 * generated value from the bytes it reads.
 *
 * What a builder sets is like a decoded field: free, replace or grow any
 * one of them alone, through the library, at any time (ws_str_free,
 * ws_str_set, a list's _append, ws_headers_add, ...); a block goes when
 * the last field in it goes. The builder only chooses where fields live,
 * and holds nothing once finished.
 *
 *   ws_builder b;
 *   ws_builder_start(&b, 600);
 *   st = ws_builder_set(&b, &v.name, ws_cstr("Ann"));
 *   st = ws_builder_grow(&b, (void **)&l.items, &l.cap, l.len + 1,
 *                        sizeof *l.items);
 *   ...
 *   ws_builder_fit(&b, l.items, l.len, sizeof *l.items, &l.cap);
 *   ws_builder_finish(&b);
 *
 * One builder, one thread; the values it fills may then go anywhere. */
#ifndef WS_BUILDER_H
#define WS_BUILDER_H

#include <stddef.h>

#include "ws_json_read.h"
#include "ws_status.h"
#include "ws_str.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef struct ws_builder {
  ws_pool pool; /* the library's: use the functions */
} ws_builder;

/* Ready to build about size_hint bytes of text (the first block holds
 * two to three times that with the arrays; more takes more blocks). */
void ws_builder_start(ws_builder *b, size_t size_hint);
/* Done: the builder lets go of its blocks, which the fields it set keep
 * alive. Call it on every path, failures included. */
void ws_builder_finish(ws_builder *b);

/* *dst's text is released, then dst becomes len bytes of text in the
 * builder's block, left for the caller to write at *at (the NUL after
 * them is written). len 0: dst is empty and *at NULL. WS_ENOMEM (dst
 * empty). */
ws_status ws_builder_text(ws_builder *b, ws_str *dst, size_t len, char **at);
/* dst becomes a copy of text (which may be a view of dst's own); dst is
 * unchanged on WS_ENOMEM. */
ws_status ws_builder_set(ws_builder *b, ws_str *dst, ws_strview text);

/* ws_grow (ws_list.h) in the builder's block: room for need elements of
 * elem_size bytes in *items (capacity *cap), new slots zeroed. The array
 * may move as it grows: *items is updated, so keep no other pointer to it. */
ws_status ws_builder_grow(ws_builder *b, void **items, size_t *cap,
                          size_t need, size_t elem_size);
/* The array items (len elements) is complete: the block takes back the
 * room past len when it can, and *cap becomes len then. */
void ws_builder_fit(ws_builder *b, void *items, size_t len, size_t elem_size,
                    size_t *cap);

#ifdef __cplusplus
}
#endif

#endif
