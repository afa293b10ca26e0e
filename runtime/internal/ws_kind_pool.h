/* ws_kind_pool.h - the composites' readers with their arrays in a decode's
 * pool (internal/ws_pool.h; a NULL pool is off). Not part of the public
 * API. */
#ifndef WS_KIND_POOL_H
#define WS_KIND_POOL_H

#include "ws_kind.h"

/* ws_list_push and ws_map_push (ws_kind.h), growing the arrays in pool. */
void *ws_list_push_in(const ws_kind *k, void *list, ws_pool *pool);
void *ws_map_push_in(const ws_kind *k, void *map, const char *key,
                     size_t key_len, ws_pool *pool);
/* The list or map v, read to its end: the room its arrays have past its
 * length goes back to the pool where it can (ws_pool_fit). */
void ws_container_fit(const ws_kind *k, void *v, ws_pool *pool);

#endif
