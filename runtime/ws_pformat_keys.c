/* ws_pformat_keys.c - a dict's items in key order (see ws_pformat_keys.h):
 * keys read once, ordered by code point (for UTF-8, byte order) with most
 * comparisons settled by the first 8 bytes as one number, and the width
 * the keys alone give the dict's one line. */
#include "internal/ws_pformat_keys.h"

#include "ws_alloc.h"

/* Runs this short are sorted by insertion, longer ones by merging. */
enum { INSERTION_RUN = 12 };

/* The key of slot index alone, through the view's key reader when it has
 * one. */
static void slot_key(const ws_pv *dict, size_t index, const char **key,
                     size_t *key_len) {
  if (dict->key) {
    *key = NULL;
    *key_len = 0;
    dict->key(dict->obj, index, key, key_len);
    return;
  }
  ws_pv unused;
  slot_at(dict, index, key, key_len, &unused);
}

/* Four bytes as a number, the first most significant. */
WS_ALWAYS_INLINE uint64_t load_be32(const char *p) {
#if defined(__GNUC__) && defined(__BYTE_ORDER__) &&                            \
    __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
  uint32_t word;
  memcpy(&word, p, 4);
  return __builtin_bswap32(word);
#else
  unsigned char u[4];
  memcpy(u, p, 4);
  return (uint64_t)u[0] << 24 | (uint64_t)u[1] << 16 | (uint64_t)u[2] << 8 |
         (uint64_t)u[3];
#endif
}

/* Eight bytes as a number, the first most significant. */
WS_ALWAYS_INLINE uint64_t load_be64(const char *p) {
#if defined(__GNUC__) && defined(__BYTE_ORDER__) &&                            \
    __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
  uint64_t word;
  memcpy(&word, p, 8);
  return __builtin_bswap64(word);
#else
  return load_be32(p) << 32 | load_be32(p + 4);
#endif
}

/* Up to 8 bytes of key[0..len) as a number that orders as they do: most
 * keys differ there, and then one comparison orders them. Bytes past len
 * are zeros. Short keys are read by two overlapping loads (their common
 * bytes land on the same bits), not byte by byte. */
WS_ALWAYS_INLINE uint64_t key_head(const char *key, size_t len) {
  if (len >= 8) {
    return load_be64(key);
  }
  if (len >= 4) {
    return load_be32(key) << 32 | load_be32(key + len - 4) << (8 * (8 - len));
  }
  if (len == 0) {
    return 0;
  }
  const unsigned char *u = (const unsigned char *)key;
  return (uint64_t)u[0] << 56 | (uint64_t)u[len / 2] << (56 - 8 * (len / 2)) |
         (uint64_t)u[len - 1] << (56 - 8 * (len - 1));
}

/* Bytes 8 to 16 of key[0..len) (len > 8) as key_head makes a head: for a
 * shorter key, the last 8 bytes, read as one word and shifted past the
 * bytes that are in the head already. */
WS_ALWAYS_INLINE uint64_t key_head2(const char *key, size_t len) {
  if (len >= 16) {
    return load_be64(key + 8);
  }
  return load_be64(key + len - 8) << (8 * (16 - len));
}

/* The rest of key_less, for keys of the same head: rare but for names
 * that share a prefix (sec-websocket-...), which mostly differ in their
 * next 8 bytes. Out of line, so that the sorting loops stay small. */
WS_ALWAYS_INLINE bool same_head_less(const key_ref *a, const key_ref *b) {
  size_t common = a->len < b->len ? a->len : b->len;
  if (common > 8) {
    uint64_t a2 = key_head2(a->key, a->len);
    uint64_t b2 = key_head2(b->key, b->len);
    if (a2 != b2) {
      return a2 < b2;
    }
  }
  int c = common > 16 ? memcmp(a->key + 16, b->key + 16, common - 16) : 0;
  if (c != 0) {
    return c < 0;
  }
  return a->len < b->len;
}

/* Strictly less: the sorts below are stable, so equal keys (repeated
 * entries) keep their entry order. */
WS_ALWAYS_INLINE bool key_less(const key_ref *a, const key_ref *b) {
  if (a->head != b->head) {
    return a->head < b->head;
  }
  return same_head_less(a, b);
}

/* Most of a dict's sorting is this loop over a browser's unsorted headers.
 * It walks a pointer rather than an index, so it has no address to work
 * out at each step, and key_less is inlined whole (not only its first
 * test), so x stays in registers instead of being kept in memory for a
 * call. */
static void insertion_sort(key_ref *r, size_t n) {
  for (size_t i = 1; i < n; i++) {
    key_ref x = r[i];
    key_ref *hole = &r[i];
    for (; hole > r && key_less(&x, hole - 1); hole--) {
      hole[0] = hole[-1];
    }
    *hole = x;
  }
}

/* Sorts r[0..n) by merging its sorted halves through scratch: n log n
 * comparisons for the many headers a dict may hold, no recursion deeper
 * than log n, and no allocation behind ws_malloc's back (as qsort may). */
static void merge_sort(key_ref *r, key_ref *scratch, size_t n) {
  if (n <= INSERTION_RUN) {
    insertion_sort(r, n);
    return;
  }
  size_t half = n / 2;
  merge_sort(r, scratch, half);
  merge_sort(r + half, scratch, n - half);
  if (!key_less(&r[half], &r[half - 1])) {
    return; /* in order already, as runs of numbered names often are */
  }
  memcpy(scratch, r, half * sizeof *r);
  size_t a = 0;
  size_t b = half;
  size_t out = 0;
  while (a < half && b < n) {
    r[out++] = key_less(&r[b], &scratch[a]) ? r[b++] : scratch[a++];
  }
  while (a < half) {
    r[out++] = scratch[a++];
  }
}

/* The fewest columns the one-line repr of a dict can take, from its
 * sorted keys and their total length in bytes: its braces, and for each
 * item its key, ": ", a value of at least one column, and ", " before all
 * but the first. A key takes its quotes and a column for each code point,
 * of which UTF-8 has at least one in every 4 bytes (one in each, when
 * plain). Repeated keys make one item. Found as the keys are at hand, it
 * spares most dicts that cannot fit the attempt to write them on one
 * line. */
static size_t keys_min_width(const ws_pv *dict, const key_ref *refs, size_t n,
                             size_t key_bytes) {
  size_t items = n;
  for (size_t i = 1; by_entries(dict) && i < n; i++) {
    if (same_key(&refs[i - 1], &refs[i])) {
      key_bytes -= refs[i].len;
      items--;
    }
  }
  size_t key_columns = plain_keys(dict) ? key_bytes : key_bytes / 4;
  return items == 0 ? 2 : key_columns + 7 * items;
}

/* Room for n refs and, for a dict too large for insertion, the n / 2
 * merge_sort merges through: from the top of space when it has it, else
 * allocated. */
static bool take_refs(ws_buf *b, ws_pf_keyspace *space, size_t n,
                      sorted_keys *sk) {
  bool merges = n > WS_PF_SMALL_DICT;
  size_t need = merges ? n + n / 2 : n;
  if (WS_PF_KEYSPACE_REFS - space->used >= need) {
    sk->refs = space->refs + space->used;
    sk->taken = need;
    space->used += need;
  } else {
    sk->refs = need <= SIZE_MAX / sizeof *sk->refs
                   ? ws_malloc(need * sizeof *sk->refs)
                   : NULL;
    if (!sk->refs) {
      ws_buf_fail(b, WS_ENOMEM);
      return false;
    }
  }
  sk->scratch = merges ? sk->refs + n : NULL;
  return true;
}

static bool sort_keys(ws_buf *b, const ws_pv *dict, ws_pf_keyspace *space,
                      sorted_keys *sk) {
  size_t n = slot_count(dict);
  sk->refs = NULL;
  sk->scratch = NULL;
  if (n == 0) {
    sk->min_width = 2;
    return true; /* read as a dict in order: nothing to read */
  }
  if (!take_refs(b, space, n, sk)) {
    return false;
  }
  size_t key_bytes = 0;
  for (size_t i = 0; i < n; i++) {
    key_ref *r = &sk->refs[i];
    slot_key(dict, i, &r->key, &r->len);
    r->index = i;
    if (!r->key && r->len) {
      ws_buf_fail(b, WS_EINVAL);
      return false;
    }
    r->head = key_head(r->key, r->len);
    key_bytes += r->len;
  }
  if (sk->scratch) {
    merge_sort(sk->refs, sk->scratch, n);
  } else {
    insertion_sort(sk->refs, n);
  }
  sk->min_width = keys_min_width(dict, sk->refs, n, key_bytes);
  return true;
}

/* (Dicts whose keys come in order are ws_pf_order_keys's, inline.) */
bool ws_pf_sort_keys(ws_buf *b, const ws_pv *dict, ws_pf_keyspace *space,
                     sorted_keys *sk) {
  sk->taken = 0;
  if (!sort_keys(b, dict, space, sk)) {
    return false;
  }
  if (dict->min_width > sk->min_width) {
    sk->min_width = dict->min_width;
  }
  return true;
}

void ws_pf_group_value(const void *obj, size_t index, const char **key,
                       size_t *key_len, ws_pv *value) {
  const group_view *g = obj;
  unread_key unread;
  slot_value(g->dict, g->refs[index].index, value, &unread);
  *key = NULL;
  *key_len = 0;
}
