/* ws_keyset.h - a set of byte-string keys, so that a decoder can refuse a
 * key given twice in one JSON object in time linear in the object's size
 * (a linear search per key would let a large object cost quadratic time).
 *
 * The first keys are compared one by one, in storage inside the struct:
 * most objects have a few keys, for which a search costs less than a hash.
 * Past WS_KEYSET_INLINE_KEYS the set moves to the heap (ws_malloc) with a
 * hash table. A key is copied into the set, unless the caller keeps it
 * (ws_keyset_add_kept: a decoder's keys without escapes are in the input,
 * which outlives the set). The struct points into itself: do not copy an
 * initialised set. */
#ifndef WS_KEYSET_H
#define WS_KEYSET_H

#include <stddef.h>
#include <stdint.h>

#include "ws_status.h"

#ifdef __cplusplus
extern "C" {
#endif

#define WS_KEYSET_INLINE_KEYS 16
#define WS_KEYSET_INLINE_BYTES 256

/* offset of a key the caller keeps (it is not in the set's bytes) */
#define WS_KEYSET_KEPT SIZE_MAX

typedef struct ws_keyset_entry {
  const char *key; /* the caller's (kept) or in the set's bytes */
  size_t len;
  size_t offset; /* into bytes, or WS_KEYSET_KEPT */
  uint64_t hash; /* set once the set has its table */
} ws_keyset_entry;

/* Keys are listed in `entries` (copies in `bytes`). On the heap, one block
 * holds the entries and after them `slots`, an open-addressing table of
 * entry numbers plus one (0 is empty), twice as long as the entries can
 * be, so a lookup costs a probe or two however many keys there are. */
typedef struct ws_keyset {
  char *bytes;
  size_t bytes_cap, bytes_used;
  ws_keyset_entry *entries;
  size_t entries_cap, count;
  uint32_t *slots;   /* NULL while the keys are compared one by one */
  size_t slot_count; /* a power of two */
  char inline_bytes[WS_KEYSET_INLINE_BYTES];
  ws_keyset_entry inline_entries[WS_KEYSET_INLINE_KEYS];
} ws_keyset;

/* A hash of every byte of p[0..len), for hash tables of keys and names. It
 * reads the whole key, so keys that differ only in the middle (as a hostile
 * input may make them) still spread over the table. */
uint64_t ws_hash_bytes(const char *p, size_t len);

void ws_keyset_init(ws_keyset *s);
/* Adds key[0..len), copied: WS_OK when it was new, WS_EDUPLICATE when the
 * set already holds it (nothing changes), WS_ENOMEM when there is no room. */
ws_status ws_keyset_add(ws_keyset *s, const char *key, size_t len);
/* The same for a key that stays where it is, unchanged, as long as the set
 * is used: the set points at it instead of copying it. */
ws_status ws_keyset_add_kept(ws_keyset *s, const char *key, size_t len);
void ws_keyset_free(ws_keyset *s);

#ifdef __cplusplus
}
#endif

#endif
