/* ws_list.h - growth for the typed arrays that generated lists and maps use.
 * A generated list<T> is { T *items; size_t len; size_t cap; }; a generated
 * map<str, T> is { ws_str *keys; T *values; size_t len; size_t cap; } and
 * keeps insertion order with unique keys. */
#ifndef WS_LIST_H
#define WS_LIST_H

#include <stddef.h>

#include "ws_status.h"
#include "ws_str.h"

#ifdef __cplusplus
extern "C" {
#endif

/* Makes room for at least `need` elements of elem_size bytes in *items
 * (capacity *cap). Grows geometrically; checks for size overflow. New slots
 * are zeroed. On failure nothing changes and WS_ENOMEM is returned.
 * *items is NULL or an array the library made (a list's, a map's or a
 * ws_headers' items, or one from ws_grow): its memory may be part of a
 * block a decode shared between a value's fields, so release it with
 * ws_array_free, never ws_free or free. */
ws_status ws_grow(void **items, size_t *cap, size_t need, size_t elem_size);
/* Releases an array made by ws_grow (or a decode); NULL is none. */
void ws_array_free(void *items);

/* Index of key in keys[0..n), or n when absent (exact byte comparison). */
size_t ws_keys_find(const ws_str *keys, size_t n, const char *key,
                    size_t key_len);

#ifdef __cplusplus
}
#endif

#endif
