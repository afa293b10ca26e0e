/* ws_name_index.c - the lookup cache of header maps and maps
 * (internal/ws_name_index.h): open addressing, at most half full. */
#include "internal/ws_name_index.h"

#include <string.h>

#include "ws_alloc.h"

/* The table's first size: room for 64 names, twice WS_NAME_INDEX_FROM. */
#define FIRST_SLOTS 128

static unsigned char ascii_lower(unsigned char c) {
  return c >= 'A' && c <= 'Z' ? (unsigned char)(c + ('a' - 'A')) : c;
}

/* FNV-1a over the lower-cased bytes, folded to 32 bits: names are short,
 * and one hash serves both exact and case-blind lookups. */
static uint32_t name_hash(const char *p, size_t len) {
  uint64_t h = UINT64_C(0xcbf29ce484222325);
  for (size_t i = 0; i < len; i++) {
    h = (h ^ ascii_lower((unsigned char)p[i])) * UINT64_C(0x100000001b3);
  }
  return (uint32_t)(h ^ (h >> 32));
}

static const ws_str *name_at(ws_names names, size_t i) {
  return (const ws_str *)(const void *)((const char *)names.at +
                                        i * names.stride);
}

static bool same_exact(const ws_str *a, ws_strview b) {
  return a->len == b.len && (b.len == 0 || memcmp(a->ptr, b.ptr, b.len) == 0);
}

bool ws_name_same_any_case(const ws_str *a, ws_strview b) {
  if (a->len != b.len) {
    return false;
  }
  for (size_t i = 0; i < b.len; i++) {
    if (ascii_lower((unsigned char)a->ptr[i]) !=
        ascii_lower((unsigned char)b.ptr[i])) {
      return false;
    }
  }
  return true;
}

/* The entry whose name matches key (exactly, or in any case), first in
 * probe order, or names.len. *steps counts the names compared. */
static size_t probe(const ws_name_index *x, ws_names names, ws_strview key,
                    bool any_case, size_t *steps) {
  uint32_t hash = name_hash(key.ptr, key.len);
  size_t mask = x->slot_count - 1;
  for (size_t i = hash & mask; x->slots[i].ref != 0; i = (i + 1) & mask) {
    if (x->slots[i].hash != hash) {
      continue;
    }
    const ws_str *name = name_at(names, x->slots[i].ref - 1);
    ++*steps;
    if (any_case ? ws_name_same_any_case(name, key) : same_exact(name, key)) {
      return x->slots[i].ref - 1;
    }
  }
  return names.len;
}

static void put_ref(ws_key_ref *slots, size_t slot_count, ws_key_ref ref) {
  size_t i = ref.hash & (slot_count - 1);
  while (slots[i].ref != 0) {
    i = (i + 1) & (slot_count - 1);
  }
  slots[i] = ref;
}

/* A table of slot_count slots holding what *x held (nothing when *x is
 * NULL); false, *x untouched, when it cannot be allocated. */
static bool resize(ws_name_index **x, size_t slot_count) {
  if (slot_count > (SIZE_MAX - sizeof(ws_name_index)) / sizeof(ws_key_ref)) {
    return false;
  }
  ws_name_index *y =
      ws_malloc(sizeof(ws_name_index) + slot_count * sizeof(ws_key_ref));
  if (y == NULL) {
    return false;
  }
  memset(y, 0, sizeof(ws_name_index) + slot_count * sizeof(ws_key_ref));
  y->slot_count = slot_count;
  if (*x != NULL) {
    y->indexed = (*x)->indexed;
    y->lookups = (*x)->lookups;
    y->steps = (*x)->steps;
    for (size_t i = 0; i < (*x)->slot_count; i++) {
      if ((*x)->slots[i].ref != 0) {
        put_ref(y->slots, slot_count, (*x)->slots[i]);
        y->steps++;
      }
    }
    ws_free(*x);
  }
  *x = y;
  return true;
}

/* Room for len entries at most half full (every entry may be a new name). */
static bool make_room(ws_name_index **x, size_t len) {
  size_t need = *x != NULL ? (*x)->slot_count : FIRST_SLOTS;
  while (need / 2 < len) {
    if (need > SIZE_MAX / 4) {
      return false;
    }
    need *= 4;
  }
  return (*x != NULL && need == (*x)->slot_count) || resize(x, need);
}

ws_status ws_name_index_sync(ws_name_index **x, ws_names names) {
  if (names.len < WS_NAME_INDEX_FROM) {
    ws_name_index_free(x);
    return WS_OK;
  }
  if (*x != NULL && (*x)->indexed > names.len) {
    ws_name_index_free(x); /* entries went without the owner saying so */
  }
  if (*x != NULL && (*x)->indexed == names.len) {
    return WS_OK;
  }
  if (names.len >= UINT32_MAX || !make_room(x, names.len)) {
    return WS_ENOMEM;
  }
  ws_name_index *y = *x;
  for (size_t i = y->indexed; i < names.len; i++) {
    ws_strview key = ws_str_view_of(name_at(names, i));
    y->steps++;
    /* only a name's first entry goes in: a header name has several */
    if (probe(y, names, key, false, &y->steps) == names.len) {
      ws_key_ref ref = {(uint32_t)(i + 1), name_hash(key.ptr, key.len)};
      put_ref(y->slots, y->slot_count, ref);
    }
  }
  y->indexed = names.len;
  return WS_OK;
}

size_t ws_name_index_find(ws_name_index *x, ws_names names, ws_strview key) {
  x->lookups++;
  return probe(x, names, key, false, &x->steps);
}

bool ws_name_index_has_any_case(ws_name_index *x, ws_names names,
                                ws_strview key) {
  x->lookups++;
  return probe(x, names, key, true, &x->steps) != names.len;
}

bool ws_name_index_current(const ws_name_index *x, size_t len) {
  return x != NULL && x->indexed == len;
}

size_t ws_name_index_peek(const ws_name_index *x, ws_names names,
                          ws_strview key) {
  if (!ws_name_index_current(x, names.len)) {
    return SIZE_MAX;
  }
  size_t ignored = 0;
  return probe(x, names, key, false, &ignored);
}

void ws_name_index_free(ws_name_index **x) {
  if (*x != NULL) {
    ws_free(*x);
  }
  *x = NULL;
}
