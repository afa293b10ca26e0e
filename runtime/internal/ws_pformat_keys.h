/* ws_pformat_keys.h - a dict's items in key order, for ws_pformat.c (not
 * part of the public API; wstypes.h does not include it).
 *
 * A dict is read through child (one child a key) or, when the view gives
 * entry, through its entries (a key may repeat, and equal keys make one
 * item). Both are "slots" here: the items are the slots in key order, with
 * runs of equal keys grouped. ws_pf_order_keys puts them in order once per
 * dict (sorting, unless the view gives them in order already), and item_at
 * reads them out one item at a time. */
#ifndef WS_PFORMAT_KEYS_H
#define WS_PFORMAT_KEYS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "ws_alloc.h"
#include "ws_buf.h"
#include "ws_pformat.h"

#include "ws_inline.h"

/* Dicts this small sort their keys by insertion, with no room to merge
 * through. */
enum { WS_PF_SMALL_DICT = 16 };

static inline bool by_entries(const ws_pv *dict) {
  return dict->entry != NULL;
}

static inline size_t slot_count(const ws_pv *dict) {
  return by_entries(dict) ? dict->n_entries : dict->n;
}

static inline void slot_at(const ws_pv *dict, size_t index, const char **key,
                           size_t *key_len, ws_pv *value) {
  *key = NULL;
  *key_len = 0;
  (by_entries(dict) ? dict->entry : dict->child)(dict->obj, index, key, key_len,
                                                 value);
}

/* Where a view writes the key of a slot read for its value alone, which
 * nothing reads. */
typedef struct unread_key {
  const char *key;
  size_t len;
} unread_key;

/* The value of slot index alone, for a caller that has its key already:
 * the view writes the key into *unread, so that place is not cleared
 * first as slot_at's is (two stores a value). */
static inline void slot_value(const ws_pv *dict, size_t index, ws_pv *value,
                              unread_key *unread) {
  (by_entries(dict) ? dict->entry : dict->child)(dict->obj, index, &unread->key,
                                                 &unread->len, value);
}

/* A dict's slots in key order: Python orders str keys by code point,
 * which for UTF-8 is byte order. */
typedef struct key_ref {
  const char *key;
  size_t len;
  size_t index;
  uint64_t head; /* the first 8 bytes, big-endian, zero-padded */
} key_ref;

/* Room for the refs of the dicts whose keys are sorted, shared by the
 * dicts of one layout run: a dict takes what it needs from the top and
 * gives it back when it is done. The dicts laid out at one time are nested
 * in one another, so the last to take is the first to give back. A dict
 * that does not find the room allocates its own. Small dicts take from it
 * too, rather than each holding an array in its stack frame, which at
 * every level of a deep value added up. (256 refs: 8 KB, a dict of 170
 * keys, or the 126 headers of a large request.) */
enum { WS_PF_KEYSPACE_REFS = 256 };

typedef struct ws_pf_keyspace {
  size_t used;
  key_ref refs[WS_PF_KEYSPACE_REFS];
} ws_pf_keyspace;

typedef struct sorted_keys {
  key_ref *refs;    /* NULL: the view gives its keys in order */
  key_ref *scratch; /* half as many again, for merging; NULL when small */
  size_t taken;     /* refs taken from the keyspace (0: allocated) */
  size_t min_width; /* columns the dict's one line needs at least */
} sorted_keys;

/* The rest of two keys of the same head and length, longer than 8 bytes:
 * up to 16, their last 8 (which overlap the head) as one word rather than
 * by a call. Out of line, so that the loops that ask stay small. */
static WS_NOINLINE bool same_tail(const key_ref *a, const key_ref *b) {
  size_t n = a->len;
  if (n <= 16) {
    uint64_t ta;
    uint64_t tb;
    memcpy(&ta, a->key + n - 8, 8);
    memcpy(&tb, b->key + n - 8, 8);
    return ta == tb;
  }
  return memcmp(a->key, b->key, n) == 0;
}

/* Keys as sort_keys filled them (head set): most differ in their heads. */
static inline bool same_key(const key_ref *a, const key_ref *b) {
  return a->head == b->head && a->len == b->len &&
         (a->len <= 8 || same_tail(a, b));
}

/* Whether the dict says each of its items has a plain key (an entry view's
 * keys are not known to be). */
static inline bool plain_keys(const ws_pv *dict) {
  return dict->keys_plain && !by_entries(dict);
}

/* Puts the slots of dict in key order into *sk (or notes that the view
 * gives them in order) and finds the narrowest its one line can be; a
 * dict of more than WS_PF_SMALL_DICT slots sorts in space, or in memory of
 * its own when space is short. False, with a failure recorded in b, when
 * memory runs out or the view gives a key it cannot. *sk is released with
 * ws_pf_release_keys either way, before any dict ordered after it. */
bool ws_pf_sort_keys(ws_buf *b, const ws_pv *dict, ws_pf_keyspace *space,
                     sorted_keys *sk);

/* Inline, since most dicts are classes, whose keys come in order: a few
 * stores then, and none of them read again when the dict is released. */
WS_ALWAYS_INLINE bool ws_pf_order_keys(ws_buf *b, const ws_pv *dict,
                                       ws_pf_keyspace *space, sorted_keys *sk) {
  if (dict->keys_sorted && !by_entries(dict)) {
    sk->refs = NULL;
    sk->taken = 0;
    sk->min_width = dict->min_width;
    return true;
  }
  return ws_pf_sort_keys(b, dict, space, sk);
}

WS_ALWAYS_INLINE void ws_pf_release_keys(ws_pf_keyspace *space,
                                         sorted_keys *sk) {
  if (sk->taken != 0) {
    space->used -= sk->taken;
  } else if (sk->refs) {
    ws_free(sk->refs);
  }
}

/* The list of a repeated key's values: the run of its slots in the sorted
 * refs, read in entry order (the sort keeps equal keys in that order). */
typedef struct group_view {
  const ws_pv *dict;
  const key_ref *refs;
} group_view;

/* The list view's child: value index of the group. */
void ws_pf_group_value(const void *obj, size_t index, const char **key,
                       size_t *key_len, ws_pv *value);

/* One item of a dict in key order. value may point into group, so an item
 * is used where it was filled. */
typedef struct dict_item {
  key_ref key;
  ws_pv value;
  group_view group;
  /* kept here rather than in the frame of each level of a layout */
  unread_key unread;
} dict_item;

/* The item of a dict whose keys come in order: slot pos as it is. A key
 * the view failed to give is an error (and read as ''). */
WS_ALWAYS_INLINE size_t item_in_order(ws_buf *b, const ws_pv *dict, size_t pos,
                                      dict_item *it) {
  it->key.index = pos;
  slot_at(dict, pos, &it->key.key, &it->key.len, &it->value);
  if (!it->key.key && it->key.len) {
    ws_buf_fail(b, WS_EINVAL);
    it->key.len = 0;
  }
  return pos + 1;
}

/* Fills the item that starts at sorted slot pos; returns the slot after
 * it. */
WS_ALWAYS_INLINE size_t item_at(ws_buf *b, const ws_pv *dict,
                                const sorted_keys *sk, size_t pos,
                                dict_item *it) {
  if (!sk->refs) {
    return item_in_order(b, dict, pos, it);
  }
  size_t n = slot_count(dict);
  size_t end = pos + 1;
  it->key = sk->refs[pos];
  while (by_entries(dict) && end < n && same_key(&it->key, &sk->refs[end])) {
    end++;
  }
  if (end - pos == 1) {
    slot_value(dict, it->key.index, &it->value, &it->unread);
    if (!it->value.list_item) {
      return end;
    }
    /* an entry that is its key's list of one: a group of it alone */
  }
  it->group.dict = dict;
  it->group.refs = &sk->refs[pos];
  it->value = ws_pv_none();
  it->value.kind = WS_PV_LIST;
  it->value.n = end - pos;
  it->value.obj = &it->group;
  it->value.child = ws_pf_group_value;
  return end;
}

#endif
