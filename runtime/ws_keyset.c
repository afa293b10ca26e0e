/* ws_keyset.c - the set of keys decoders use to refuse duplicates. */
#include "ws_keyset.h"

#include <stdbool.h>
#include <string.h>

#include "ws_alloc.h"

/* The first heap block holds this many times the inline keys: one block
 * for a large object's first few hundred keys, rather than a doubling for
 * each few. */
enum { FIRST_HEAP_GROWTH = 8 };

void ws_keyset_init(ws_keyset *s) {
  s->bytes = s->inline_bytes;
  s->bytes_cap = sizeof s->inline_bytes;
  s->bytes_used = 0;
  s->entries = s->inline_entries;
  s->entries_cap = WS_KEYSET_INLINE_KEYS;
  s->count = 0;
  s->slots = NULL;
  s->slot_count = 0;
}

void ws_keyset_free(ws_keyset *s) {
  if (s->bytes != s->inline_bytes) {
    ws_free(s->bytes);
  }
  if (s->entries != s->inline_entries) {
    ws_free(s->entries); /* and the slots after them */
  }
  ws_keyset_init(s);
}

uint64_t ws_hash_bytes(const char *p, size_t len) {
  const uint64_t mul = UINT64_C(0x9E3779B97F4A7C15);
  uint64_t h = (uint64_t)len * mul;
  uint64_t w = 0;
  if (len < 8) {
    for (size_t i = 0; i < len; i++) {
      w = w << 8 | (unsigned char)p[i];
    }
    h = (h ^ w) * mul;
  } else {
    for (size_t i = 0; i + 8 < len; i += 8) {
      memcpy(&w, p + i, sizeof w);
      h = (h ^ w) * mul;
    }
    memcpy(&w, p + len - 8, sizeof w); /* the last word overlaps */
    h = (h ^ w) * mul;
  }
  /* Multiplication only carries upwards, so fold the high bits down (the
   * last bytes of keys like "x-note-07" end up there) before masking. */
  h ^= h >> 32;
  h *= mul;
  return h >> 32;
}

static inline bool same_key(const ws_keyset_entry *e, const char *key,
                            size_t len) {
  /* The first bytes differ for most keys of one length: no call then. */
  return e->len == len &&
         (len == 0 ||
          (e->key[0] == key[0] && memcmp(e->key, key, len) == 0));
}

/* True when the set holds key, searched entry by entry (the set has no
 * table yet, so at most WS_KEYSET_INLINE_KEYS of them). */
static bool holds_few(const ws_keyset *s, const char *key, size_t len) {
  for (size_t i = 0; i < s->count; i++) {
    if (same_key(&s->entries[i], key, len)) {
      return true;
    }
  }
  return false;
}

/* The slot where the probe for a key ends: its own, or the empty slot where
 * it would go. */
static size_t probe(const ws_keyset *s, const char *key, size_t len,
                    uint64_t hash) {
  size_t mask = s->slot_count - 1;
  for (size_t i = (size_t)hash & mask;; i = (i + 1) & mask) {
    if (s->slots[i] == 0) {
      return i;
    }
    const ws_keyset_entry *x = &s->entries[s->slots[i] - 1];
    if (x->hash == hash && same_key(x, key, len)) {
      return i;
    }
  }
}

/* Moves the entries into a heap block for cap of them, with a table of
 * twice as many slots after them, and puts every entry in the table. */
static bool move_entries(ws_keyset *s, size_t cap) {
  if (cap > UINT32_MAX / 4 ||
      cap > SIZE_MAX / (sizeof(ws_keyset_entry) + 2 * sizeof(uint32_t))) {
    return false;
  }
  size_t slot_count = cap * 2;
  size_t entry_bytes = cap * sizeof(ws_keyset_entry);
  char *block = ws_malloc(entry_bytes + slot_count * sizeof(uint32_t));
  if (!block) {
    return false;
  }
  ws_keyset_entry *entries = (ws_keyset_entry *)(void *)block;
  uint32_t *slots = (uint32_t *)(void *)(block + entry_bytes);
  memcpy(entries, s->entries, s->count * sizeof *entries);
  memset(slots, 0, slot_count * sizeof *slots);
  bool hashed = s->slots != NULL;
  for (size_t k = 0; k < s->count; k++) {
    if (!hashed) {
      entries[k].hash = ws_hash_bytes(entries[k].key, entries[k].len);
    }
    size_t i = (size_t)entries[k].hash & (slot_count - 1);
    while (slots[i] != 0) {
      i = (i + 1) & (slot_count - 1);
    }
    slots[i] = (uint32_t)(k + 1);
  }
  if (s->entries != s->inline_entries) {
    ws_free(s->entries);
  }
  s->entries = entries;
  s->entries_cap = cap;
  s->slots = slots;
  s->slot_count = slot_count;
  return true;
}

/* Room for one more entry: the table made or grown when the entries are
 * full. */
static bool room_for_entry(ws_keyset *s) {
  if (s->count < s->entries_cap) {
    return true;
  }
  size_t cap = s->slots ? s->entries_cap * 2
                        : s->entries_cap * FIRST_HEAP_GROWTH;
  return s->entries_cap <= SIZE_MAX / FIRST_HEAP_GROWTH && move_entries(s, cap);
}

/* Copies key into bytes for entry e, moving bytes to (a bigger) heap block
 * when full, and pointing the copied keys at their new place. */
static bool copy_key(ws_keyset *s, ws_keyset_entry *e, const char *key,
                     size_t len) {
  if (len > s->bytes_cap - s->bytes_used) {
    if (len > SIZE_MAX / 2 - s->bytes_used) {
      return false;
    }
    size_t cap = s->bytes_cap * 2;
    if (cap < s->bytes_used + len) {
      cap = s->bytes_used + len;
    }
    char *bytes = ws_malloc(cap);
    if (!bytes) {
      return false;
    }
    memcpy(bytes, s->bytes, s->bytes_used);
    if (s->bytes != s->inline_bytes) {
      ws_free(s->bytes);
    }
    s->bytes = bytes;
    s->bytes_cap = cap;
    for (size_t k = 0; k < s->count; k++) {
      if (s->entries[k].offset != WS_KEYSET_KEPT) {
        s->entries[k].key = bytes + s->entries[k].offset;
      }
    }
  }
  if (len) {
    memcpy(s->bytes + s->bytes_used, key, len);
  }
  e->key = s->bytes + s->bytes_used;
  e->offset = s->bytes_used;
  s->bytes_used += len;
  return true;
}

static ws_status add(ws_keyset *s, const char *key, size_t len, bool kept) {
  if (s->count >= UINT32_MAX - 1) {
    return WS_ENOMEM;
  }
  bool hashed = s->slots != NULL;
  uint64_t hash = hashed ? ws_hash_bytes(key, len) : 0;
  if (hashed ? s->slots[probe(s, key, len, hash)] != 0
             : holds_few(s, key, len)) {
    return WS_EDUPLICATE;
  }
  if (!room_for_entry(s)) {
    return WS_ENOMEM;
  }
  if (!hashed && s->slots) {
    hash = ws_hash_bytes(key, len); /* the table was made just now */
  }
  ws_keyset_entry e = {key, len, WS_KEYSET_KEPT, hash};
  if (!kept && !copy_key(s, &e, key, len)) {
    return WS_ENOMEM;
  }
  s->entries[s->count++] = e;
  if (s->slots) {
    s->slots[probe(s, e.key, len, hash)] = (uint32_t)s->count;
  }
  return WS_OK;
}

ws_status ws_keyset_add(ws_keyset *s, const char *key, size_t len) {
  return add(s, key, len, false);
}

ws_status ws_keyset_add_kept(ws_keyset *s, const char *key, size_t len) {
  return add(s, key, len, true);
}
