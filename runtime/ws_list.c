/* ws_list.c - growth and lookup for generated arrays and maps. Their
 * arrays are pieces (internal/ws_piece.h), in a decode's pool or not. */
#include "ws_list.h"

#include <stdint.h>
#include <string.h>

#include "internal/ws_piece.h"
#include "internal/ws_pool.h"

/* Smallest capacity worth allocating: avoids a realloc per early append. */
#define WS_GROW_MIN 4

/* The capacity to grow to: double, at least `need`, capped so that
 * cap * elem_size still fits a size_t. Returns 0 when `need` cannot fit. */
static size_t next_capacity(size_t cap, size_t need, size_t elem_size) {
  size_t limit = SIZE_MAX / elem_size;
  if (need > limit) {
    return 0;
  }
  size_t grown = cap <= limit / 2 ? cap * 2 : limit;
  if (grown < WS_GROW_MIN) {
    grown = WS_GROW_MIN < limit ? WS_GROW_MIN : limit;
  }
  return grown > need ? grown : need;
}

ws_status ws_pool_grow(ws_pool *p, void **items, size_t *cap, size_t need,
                       size_t elem_size) {
  if (need <= *cap) {
    return WS_OK;
  }
  if (elem_size == 0) {
    return WS_EINVAL;
  }
  size_t new_cap = next_capacity(*cap, need, elem_size);
  if (new_cap == 0) {
    return WS_ENOMEM;
  }
  size_t keep = *cap * elem_size;
  char *grown = ws_pool_resize(p, *items, keep, new_cap * elem_size);
  if (!grown) {
    return WS_ENOMEM;
  }
  memset(grown + keep, 0, (new_cap - *cap) * elem_size);
  *items = grown;
  *cap = new_cap;
  return WS_OK;
}

ws_status ws_grow(void **items, size_t *cap, size_t need, size_t elem_size) {
  return ws_pool_grow(NULL, items, cap, need, elem_size);
}

void ws_array_free(void *items) {
  ws_piece_release(items);
}

size_t ws_keys_find(const ws_str *keys, size_t n, const char *key,
                    size_t key_len) {
  for (size_t i = 0; i < n; i++) {
    if (keys[i].len == key_len &&
        (key_len == 0 || memcmp(keys[i].ptr, key, key_len) == 0)) {
      return i;
    }
  }
  return n;
}
