/* ws_keyset.c - the set of keys decoders use to refuse duplicates. */
#include "ws_keyset.h"

#include <stdbool.h>
#include <string.h>

#include "ws_alloc.h"

void ws_keyset_init(ws_keyset *s) {
  s->bytes = s->inline_bytes;
  s->bytes_cap = sizeof s->inline_bytes;
  s->bytes_used = 0;
  s->entries = s->inline_entries;
  s->entries_cap = sizeof s->inline_entries / sizeof s->inline_entries[0];
  s->count = 0;
  s->slots = s->inline_slots;
  s->slot_count = WS_KEYSET_INLINE_SLOTS;
  memset(s->inline_slots, 0, sizeof s->inline_slots);
}

void ws_keyset_free(ws_keyset *s) {
  if (s->bytes != s->inline_bytes) {
    ws_free(s->bytes);
  }
  if (s->entries != s->inline_entries) {
    ws_free(s->entries);
  }
  if (s->slots != s->inline_slots) {
    ws_free(s->slots);
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

/* Moves an array from the inline storage (or its heap block) into a heap
 * block of at least need bytes, keeping the first used bytes. */
static bool grow(void **data, const void *inline_storage, size_t *cap_bytes,
                 size_t used, size_t need) {
  if (need <= *cap_bytes) {
    return true;
  }
  size_t n = *cap_bytes <= SIZE_MAX / 2 ? *cap_bytes * 2 : need;
  if (n < need) {
    n = need;
  }
  bool on_heap = *data != inline_storage;
  void *grown = on_heap ? ws_realloc(*data, n) : ws_malloc(n);
  if (!grown) {
    return false;
  }
  if (!on_heap && used) {
    memcpy(grown, *data, used);
  }
  *data = grown;
  *cap_bytes = n;
  return true;
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
    if (x->hash == hash && x->len == len &&
        (len == 0 || memcmp(s->bytes + x->offset, key, len) == 0)) {
      return i;
    }
  }
}

/* Doubles the slot table and puts every entry back. */
static bool grow_slots(ws_keyset *s) {
  if (s->slot_count > SIZE_MAX / 2 / sizeof(uint32_t)) {
    return false;
  }
  size_t n = s->slot_count * 2;
  uint32_t *slots = ws_malloc(n * sizeof *slots);
  if (!slots) {
    return false;
  }
  memset(slots, 0, n * sizeof *slots);
  for (size_t k = 0; k < s->count; k++) {
    size_t i = (size_t)s->entries[k].hash & (n - 1);
    while (slots[i] != 0) {
      i = (i + 1) & (n - 1);
    }
    slots[i] = (uint32_t)(k + 1);
  }
  if (s->slots != s->inline_slots) {
    ws_free(s->slots);
  }
  s->slots = slots;
  s->slot_count = n;
  return true;
}

/* Room for one more key of len bytes. */
static bool make_room(ws_keyset *s, size_t len) {
  if (len > SIZE_MAX - s->bytes_used || s->count >= UINT32_MAX - 1 ||
      s->count >= SIZE_MAX / sizeof(ws_keyset_entry) - 1) {
    return false;
  }
  if ((s->count + 1) * 2 > s->slot_count && !grow_slots(s)) {
    return false;
  }
  if (len <= s->bytes_cap - s->bytes_used && s->count < s->entries_cap) {
    return true; /* the usual case: room already */
  }
  size_t entry_bytes = s->entries_cap * sizeof(ws_keyset_entry);
  void *entries = s->entries;
  void *bytes = s->bytes;
  if (!grow(&bytes, s->inline_bytes, &s->bytes_cap, s->bytes_used,
            s->bytes_used + len)) {
    return false;
  }
  s->bytes = bytes;
  if (!grow(&entries, s->inline_entries, &entry_bytes,
            s->count * sizeof(ws_keyset_entry),
            (s->count + 1) * sizeof(ws_keyset_entry))) {
    return false;
  }
  s->entries = entries;
  s->entries_cap = entry_bytes / sizeof(ws_keyset_entry);
  return true;
}

ws_status ws_keyset_add(ws_keyset *s, const char *key, size_t len) {
  uint64_t hash = ws_hash_bytes(key, len);
  size_t at = probe(s, key, len, hash);
  if (s->slots[at] != 0) {
    return WS_EDUPLICATE;
  }
  if (!make_room(s, len)) {
    return WS_ENOMEM;
  }
  if (len) {
    memcpy(s->bytes + s->bytes_used, key, len);
  }
  ws_keyset_entry *e = &s->entries[s->count];
  e->hash = hash;
  e->len = len;
  e->offset = s->bytes_used;
  s->count++;
  s->bytes_used += len;
  /* The table may have grown: probe again for the empty slot. */
  s->slots[probe(s, key, len, hash)] = (uint32_t)s->count;
  return WS_OK;
}
