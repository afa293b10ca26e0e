/* ws_keyset.h - a set of byte-string keys, so that a decoder can refuse a
 * key given twice in one JSON object in time linear in the object's size
 * (a linear search per key would let a large object cost quadratic time).
 *
 * The set starts in storage inside the struct, so the usual small object
 * allocates nothing, and moves to the heap (ws_malloc) past that. The struct
 * points into itself: do not copy an initialised set. */
#ifndef WS_KEYSET_H
#define WS_KEYSET_H

#include <stddef.h>
#include <stdint.h>

#include "ws_status.h"

#ifdef __cplusplus
extern "C" {
#endif

#define WS_KEYSET_INLINE_SLOTS 32
#define WS_KEYSET_INLINE_BYTES 512

typedef struct ws_keyset_entry {
  uint64_t hash;
  size_t len;
  size_t offset; /* into bytes */
} ws_keyset_entry;

/* Keys are copied into `bytes` and listed in `entries`; `slots` is an
 * open-addressing table of entry numbers plus one (0 is empty), at most half
 * full, so a lookup costs a probe or two however many keys there are. */
typedef struct ws_keyset {
  char *bytes;
  size_t bytes_cap, bytes_used;
  ws_keyset_entry *entries;
  size_t entries_cap, count;
  uint32_t *slots;
  size_t slot_count; /* a power of two */
  char inline_bytes[WS_KEYSET_INLINE_BYTES];
  ws_keyset_entry inline_entries[WS_KEYSET_INLINE_SLOTS / 2];
  uint32_t inline_slots[WS_KEYSET_INLINE_SLOTS];
} ws_keyset;

/* A hash of every byte of p[0..len), for hash tables of keys and names. It
 * reads the whole key, so keys that differ only in the middle (as a hostile
 * input may make them) still spread over the table. */
uint64_t ws_hash_bytes(const char *p, size_t len);

void ws_keyset_init(ws_keyset *s);
/* Adds key[0..len): WS_OK when it was new, WS_EDUPLICATE when the set
 * already holds it (nothing changes), WS_ENOMEM when there is no room. */
ws_status ws_keyset_add(ws_keyset *s, const char *key, size_t len);
void ws_keyset_free(ws_keyset *s);

#ifdef __cplusplus
}
#endif

#endif
