/* ws_key_index.h - refusing a key given twice in a JSON object whose keys
 * the reader keeps anyway: a headers object's names (in its entries), a
 * map's keys. The index holds no copy of a key, only where the caller
 * keeps it (its number in the caller's array) and its hash, so it costs
 * one table and no copies; ws_keyset.h is the set for keys that are not
 * kept. Not part of the public API.
 *
 * Open addressing, at most half full, so a lookup costs a probe or two
 * however many keys there are (a large object cannot cost quadratic
 * time). The first WS_KEY_INDEX_INLINE slots are inside the struct; past
 * them the table grows on the heap, in large steps (ws_key_index.c). */
#ifndef WS_KEY_INDEX_H
#define WS_KEY_INDEX_H

#include <stddef.h>
#include <stdint.h>

#include "ws_status.h"
#include "ws_str.h"

#define WS_KEY_INDEX_INLINE 64

typedef struct ws_key_ref {
  uint32_t ref; /* the key's number in the caller's array plus one; 0: empty */
  uint32_t hash;
} ws_key_ref;

typedef struct ws_key_index {
  ws_key_ref *slots;
  size_t slot_count; /* a power of two */
  size_t count;
  ws_key_ref inline_slots[WS_KEY_INDEX_INLINE];
} ws_key_index;

void ws_key_index_init(ws_key_index *x);
void ws_key_index_free(ws_key_index *x);
/* Looks key[0..len) up among the keys added so far, whose text the caller
 * keeps: key number i is the ws_str at names + i * stride. A new key is
 * added as number `number`, which the caller then stores there. WS_OK
 * when it was new, WS_EDUPLICATE when it was there (nothing changes),
 * WS_ENOMEM when the table cannot grow. */
ws_status ws_key_index_add(ws_key_index *x, const void *names, size_t stride,
                           size_t number, const char *key, size_t len);

#endif
