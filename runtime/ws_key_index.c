/* ws_key_index.c - an index of the keys a reader keeps, to refuse one
 * given twice (internal/ws_key_index.h). */
#include "internal/ws_key_index.h"

#include <stdbool.h>
#include <string.h>

#include "ws_alloc.h"
#include "ws_keyset.h"

/* Each growth makes the table this many times larger: from the inline
 * slots to 256 (room for 128 keys, the names of a large request, in one
 * allocation), then 1024. */
#define GROWTH 4

void ws_key_index_init(ws_key_index *x) {
  x->slots = x->inline_slots;
  x->slot_count = WS_KEY_INDEX_INLINE;
  x->count = 0;
  memset(x->inline_slots, 0, sizeof x->inline_slots);
}

void ws_key_index_free(ws_key_index *x) {
  if (x->slots != x->inline_slots)
    ws_free(x->slots);
  x->slots = x->inline_slots;
  x->slot_count = WS_KEY_INDEX_INLINE;
  x->count = 0;
}

static const ws_str *name_at(const void *names, size_t stride, uint32_t ref) {
  return (const ws_str *)(const void *)((const char *)names +
                                        (size_t)(ref - 1) * stride);
}

/* A larger table with every slot put back by its hash. */
static bool grow(ws_key_index *x) {
  if (x->slot_count > SIZE_MAX / GROWTH / sizeof(ws_key_ref))
    return false;
  size_t n = x->slot_count * GROWTH;
  ws_key_ref *slots = ws_malloc(n * sizeof *slots);
  if (slots == NULL)
    return false;
  memset(slots, 0, n * sizeof *slots);
  for (size_t k = 0; k < x->slot_count; k++) {
    ws_key_ref s = x->slots[k];
    if (s.ref == 0)
      continue;
    size_t i = s.hash & (n - 1);
    while (slots[i].ref != 0)
      i = (i + 1) & (n - 1);
    slots[i] = s;
  }
  if (x->slots != x->inline_slots)
    ws_free(x->slots);
  x->slots = slots;
  x->slot_count = n;
  return true;
}

ws_status ws_key_index_add(ws_key_index *x, const void *names, size_t stride,
                           size_t number, const char *key, size_t len) {
  if (number >= UINT32_MAX)
    return WS_ENOMEM;
  if ((x->count + 1) * 2 > x->slot_count && !grow(x))
    return WS_ENOMEM;
  uint32_t hash = (uint32_t)ws_hash_bytes(key, len);
  size_t mask = x->slot_count - 1;
  size_t i = hash & mask;
  for (; x->slots[i].ref != 0; i = (i + 1) & mask) {
    if (x->slots[i].hash != hash)
      continue;
    const ws_str *name = name_at(names, stride, x->slots[i].ref);
    if (name->len == len && (len == 0 || memcmp(name->ptr, key, len) == 0))
      return WS_EDUPLICATE;
  }
  x->slots[i].ref = (uint32_t)number + 1;
  x->slots[i].hash = hash;
  x->count++;
  return WS_OK;
}
