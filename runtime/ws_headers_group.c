/* ws_headers_group.c - a ws_headers seen as the dict it stands for: its
 * entries grouped by exact name, in order of first appearance, for
 * equality, JSON and the pformat views.
 *
 * A name's one entry gives its value by its shape (a string, a one-element
 * list, an empty list); several entries of one name are the list of their
 * values, whatever their shapes say (the map's functions make them all list
 * items, and a map changed by hand still prints the same in every form). */
#include "ws_headers.h"

#include <stdint.h>

#include "ws_alloc.h"
#include "ws_keyset.h"

#include "internal/ws_inline.h"
#include "internal/ws_json_short.h"

/* ---- grouping ------------------------------------------------------------*/

/* Same exact name: the length and first byte settle most pairs inline. */
static bool same_name(const ws_str *a, const ws_str *b) {
  return a->len == b->len &&
         (a->len == 0 ||
          (a->ptr[0] == b->ptr[0] && memcmp(a->ptr, b->ptr, a->len) == 0));
}

/* True when entry i is the first with its exact name. */
static bool first_of_name(const ws_headers *h, size_t i) {
  for (size_t j = 0; j < i; j++) {
    if (same_name(&h->items[j].name, &h->items[i].name)) {
      return false;
    }
  }
  return true;
}

/* Entries from `first` on with exactly the name of entry `first`. */
static size_t values_of_name(const ws_headers *h, size_t first) {
  size_t count = 0;
  for (size_t i = first; i < h->len; i++) {
    count += same_name(&h->items[i].name, &h->items[first].name);
  }
  return count;
}

/* Index of the first entry of the `nth` group. */
static size_t group_start(const ws_headers *h, size_t nth) {
  for (size_t i = 0; i < h->len; i++) {
    if (first_of_name(h, i) && nth-- == 0) {
      return i;
    }
  }
  return 0; /* not reached for nth < group_count */
}

/* ---- the group index -------------------------------------------------------*
 * JSON writing groups in one linear pass over an index: a hash table of names
 * links every entry to the next with the same name. Built per call, it lives
 * on the stack for up to INDEX_STACK_ENTRIES entries (a real handshake has a
 * dozen or two) and on the heap beyond that. */

enum { INDEX_STACK_ENTRIES = 256 };

/* In `link`: set on an entry with an earlier one of the same name. */
#define NOT_FIRST UINT32_C(0x80000000)

typedef struct group_index {
  /* Per entry: the index of the next entry with its name (0: none, as a
   * next entry is never entry 0), or'ed with NOT_FIRST. */
  uint32_t *link;
  uint32_t *slots; /* hash table of entry index + 1; 0 is empty */
  size_t mask;     /* slot count - 1, a power of two - 1 */
  void *heap;      /* what to free, or NULL */
} group_index;

static size_t name_hash(const ws_str *name) {
  return (size_t)ws_hash_bytes(name->ptr, name->len);
}

/* Fills link[] from the last entry to the first, so that each slot ends up
 * holding the first entry of its name and every entry points to the next. */
static void index_fill(group_index *x, const ws_headers *h) {
  for (size_t i = h->len; i-- > 0;) {
    const ws_str *name = &h->items[i].name;
    size_t s = name_hash(name) & x->mask;
    while (x->slots[s] != 0 &&
           !same_name(&h->items[x->slots[s] - 1].name, name)) {
      s = (s + 1) & x->mask;
    }
    uint32_t later = x->slots[s]; /* next entry of this name, + 1 */
    x->link[i] = 0;
    if (later != 0) {
      x->link[i] = later - 1;
      x->link[later - 1] |= NOT_FIRST;
    }
    x->slots[s] = (uint32_t)i + 1;
  }
}

/* Builds the index into stack_space when it fits, else on the heap; false
 * (and WS_ENOMEM recorded) when the heap refuses. */
static bool index_build(group_index *x, const ws_headers *h, ws_buf *b,
                        uint32_t *stack_space) {
  size_t slots = 2;
  while (slots < 2 * h->len) {
    slots *= 2;
  }
  x->mask = slots - 1;
  x->heap = NULL;
  x->link = stack_space;
  if (h->len > INDEX_STACK_ENTRIES) {
    if (h->len >= NOT_FIRST || slots > SIZE_MAX / sizeof(uint32_t) - h->len) {
      ws_buf_fail(b, WS_ENOMEM);
      return false;
    }
    x->heap = ws_malloc((h->len + slots) * sizeof(uint32_t));
    if (!x->heap) {
      ws_buf_fail(b, WS_ENOMEM);
      return false;
    }
    x->link = x->heap;
  }
  x->slots = x->link + h->len;
  memset(x->slots, 0, slots * sizeof(uint32_t));
  index_fill(x, h);
  return true;
}

/* The number of distinct names, through the index in linear time. Should
 * the heap refuse room for a big index, counting by comparing names still
 * works. */
static size_t group_count(const ws_headers *h) {
  uint32_t stack_space[3 * INDEX_STACK_ENTRIES];
  group_index x;
  ws_buf failure;
  ws_buf_init(&failure);
  if (!index_build(&x, h, &failure, stack_space)) {
    size_t groups = 0;
    for (size_t i = 0; i < h->len; i++) {
      groups += first_of_name(h, i);
    }
    return groups;
  }
  size_t groups = 0;
  for (size_t i = 0; i < h->len; i++) {
    groups += !(x.link[i] & NOT_FIRST);
  }
  ws_free(x.heap);
  return groups;
}

/* ---- equality ------------------------------------------------------------*
 * Maps are equal as the dicts they stand for. Maps built the same way hold
 * the same entries in the same order, which one pass settles; otherwise
 * each group of a is matched with b's group of its name through b's index,
 * or, should the heap refuse room for a big index, by scanning. */

static bool same_entry(const ws_header *a, const ws_header *b) {
  return a->shape == b->shape && ws_str_equal(&a->name, &b->name) &&
         ws_str_equal(&a->value, &b->value);
}

/* The next entry after i with its name (0: none), through x when built. */
static size_t next_of_name(const ws_headers *h, const group_index *x,
                           size_t i) {
  if (x) {
    return x->link[i] & ~NOT_FIRST;
  }
  for (size_t j = i + 1; j < h->len; j++) {
    if (same_name(&h->items[j].name, &h->items[i].name)) {
      return j;
    }
  }
  return 0;
}

/* The first entry of h with exactly this name, or SIZE_MAX. */
static size_t find_group(const ws_headers *h, const group_index *x,
                         const ws_str *name) {
  if (!x) {
    for (size_t i = 0; i < h->len; i++) {
      if (same_name(&h->items[i].name, name)) {
        return i;
      }
    }
    return SIZE_MAX;
  }
  for (size_t s = name_hash(name) & x->mask; x->slots[s] != 0;
       s = (s + 1) & x->mask) {
    if (same_name(&h->items[x->slots[s] - 1].name, name)) {
      return x->slots[s] - 1;
    }
  }
  return SIZE_MAX;
}

/* Whether the groups starting at entries i of a and j of b hold the same
 * value: a name's one entry by its shape, several as a list. */
static bool same_group(const ws_headers *a, const group_index *xa, size_t i,
                       const ws_headers *b, const group_index *xb, size_t j) {
  size_t next_a = next_of_name(a, xa, i);
  size_t next_b = next_of_name(b, xb, j);
  if ((next_a == 0) != (next_b == 0)) {
    return false;
  }
  if (next_a == 0) {
    return a->items[i].shape == b->items[j].shape &&
           ws_str_equal(&a->items[i].value, &b->items[j].value);
  }
  for (;;) {
    if (!ws_str_equal(&a->items[i].value, &b->items[j].value)) {
      return false;
    }
    if (next_a == 0 || next_b == 0) {
      return next_a == next_b;
    }
    i = next_a;
    j = next_b;
    next_a = next_of_name(a, xa, i);
    next_b = next_of_name(b, xb, j);
  }
}

/* Each group of a has its equal in b. With as many entries on both sides,
 * the groups matched (of distinct names, each as long as its match) then
 * take up all of b. */
static bool groups_match(const ws_headers *a, const group_index *xa,
                         const ws_headers *b, const group_index *xb) {
  for (size_t i = 0; i < a->len; i++) {
    bool first = xa ? !(xa->link[i] & NOT_FIRST) : first_of_name(a, i);
    if (!first) {
      continue;
    }
    size_t j = find_group(b, xb, &a->items[i].name);
    if (j == SIZE_MAX || !same_group(a, xa, i, b, xb, j)) {
      return false;
    }
  }
  return true;
}

bool ws_headers_equal(const ws_headers *a, const ws_headers *b) {
  if (a->len != b->len) {
    return false; /* a dict fixes its map's number of entries */
  }
  size_t i = 0;
  while (i < a->len && same_entry(&a->items[i], &b->items[i])) {
    i++;
  }
  if (i == a->len) {
    return true;
  }
  uint32_t space_a[3 * INDEX_STACK_ENTRIES];
  uint32_t space_b[3 * INDEX_STACK_ENTRIES];
  group_index xa;
  group_index xb;
  ws_buf failure;
  ws_buf_init(&failure);
  bool built_a = index_build(&xa, a, &failure, space_a);
  bool built_b = built_a && index_build(&xb, b, &failure, space_b);
  bool equal = built_b ? groups_match(a, &xa, b, &xb)
                       : groups_match(a, NULL, b, NULL);
  if (built_a) {
    ws_free(xa.heap);
  }
  if (built_b) {
    ws_free(xb.heap);
  }
  return equal;
}

/* ---- JSON ----------------------------------------------------------------*/

/* The value of a name that has this one entry when it is a list, [v] or
 * []: kept out of line, so that the usual string costs one test. */
static void put_listed_json(ws_buf *b, const ws_header *e, ws_json_mode mode) {
  if (e->shape == WS_HEADER_EMPTY_LIST) {
    ws_buf_put(b, "[]", 2);
    return;
  }
  ws_buf_putc(b, '[');
  ws_json_put_str(b, e->value.ptr, e->value.len, mode);
  ws_buf_putc(b, ']');
}

/* The value of a name that has this one entry. */
static inline void put_single_json(ws_buf *b, const ws_header *e,
                                   ws_json_mode mode) {
  if (e->shape == WS_HEADER_STRING) {
    ws_json_put_str(b, e->value.ptr, e->value.len, mode);
  } else {
    put_listed_json(b, e, mode);
  }
}

static void put_group_json(ws_buf *b, const ws_headers *h, const group_index *x,
                           size_t first, ws_json_mode mode) {
  const ws_str *name = &h->items[first].name;
  ws_json_put_key(b, name->ptr, name->len, mode);
  size_t next = x->link[first] & ~NOT_FIRST;
  if (next == 0) {
    put_single_json(b, &h->items[first], mode);
    return;
  }
  ws_buf_putc(b, '[');
  for (size_t i = first;; i = next, next = x->link[i] & ~NOT_FIRST) {
    const ws_str *v = &h->items[i].value;
    ws_json_put_str(b, v->ptr, v->len, mode);
    if (next == 0) {
      break;
    }
    ws_json_put_comma(b, mode);
  }
  ws_buf_putc(b, ']');
}

/* Up to this many entries (a browser's handshake has 12 to 20; a busy
 * proxy's request, a hundred and more), repeated names are looked for by
 * comparing short tags, which costs less than hashing every name into the
 * index. */
enum { TAGGED_ENTRIES = 160 };

/* A number made of a name's length and its first and last bytes (8 of
 * each, or what there is): equal names have equal tags, so names whose
 * tags differ differ. */
WS_ALWAYS_INLINE uint64_t name_tag(const ws_str *name) {
  const char *p = name->ptr;
  size_t len = name->len;
  uint64_t head = 0;
  uint64_t tail = 0;
  if (len >= 8) {
    memcpy(&head, p, 8);
    memcpy(&tail, p + len - 8, 8);
  } else if (len >= 4) {
    uint32_t first;
    uint32_t last;
    memcpy(&first, p, 4);
    memcpy(&last, p + len - 4, 4);
    head = first;
    tail = last;
  } else if (len > 0) {
    head = (uint64_t)(unsigned char)p[0] << 16 |
           (uint64_t)(unsigned char)p[len / 2] << 8 | (unsigned char)p[len - 1];
  }
  return (head * UINT64_C(0x9E3779B97F4A7C15)) ^ tail ^ (uint64_t)len << 56;
}

/* True when the entries have all different tags, so each entry is a group
 * of its own; false leaves the question to the index. The tags go into an
 * open-addressing table of 2^slot_bits slots (at least twice the entries)
 * by their top bits, so each is compared only with the few that share its
 * slot; `used` has a bit a slot, all clear to begin with. */
static bool tags_distinct(const ws_headers *h, unsigned slot_bits,
                          uint64_t *slot_tag, uint64_t *used) {
  size_t slots = (size_t)1 << slot_bits;
  for (size_t i = 0; i < h->len; i++) {
    uint64_t tag = name_tag(&h->items[i].name);
    size_t s = (size_t)(tag >> (64 - slot_bits));
    while (used[s / 64] >> (s % 64) & 1) {
      if (slot_tag[s] == tag) {
        return false;
      }
      s = (s + 1) & (slots - 1);
    }
    used[s / 64] |= UINT64_C(1) << (s % 64);
    slot_tag[s] = tag;
  }
  return true;
}

/* tags_distinct for a map of more than a handshake's few entries (up to
 * TAGGED_ENTRIES), in a frame of its own. */
WS_NOINLINE static bool many_names_plainly_distinct(const ws_headers *h) {
  enum { SLOT_BITS = 9, SLOTS = 1 << SLOT_BITS };
  uint64_t slot_tag[SLOTS];
  uint64_t used[SLOTS / 64] = {0};
  return tags_distinct(h, SLOT_BITS, slot_tag, used);
}

/* True when the entries have all different tags (as tags_distinct, with
 * one word of slot bits for a handshake's few entries); false leaves the
 * question to the index. */
static bool names_plainly_distinct(const ws_headers *h) {
  enum { FEW = 24, SLOT_BITS = 6, SLOTS = 1 << SLOT_BITS };
  uint64_t slot_tag[SLOTS];
  uint64_t used = 0; /* bit s: slot s holds a tag */
  if (h->len > FEW) {
    return h->len <= TAGGED_ENTRIES && many_names_plainly_distinct(h);
  }
  for (size_t i = 0; i < h->len; i++) {
    uint64_t tag = name_tag(&h->items[i].name);
    unsigned s = (unsigned)(tag >> (64 - SLOT_BITS));
    while (used >> s & 1) {
      if (slot_tag[s] == tag) {
        return false;
      }
      s = (s + 1) & (SLOTS - 1);
    }
    used |= UINT64_C(1) << s;
    slot_tag[s] = tag;
  }
  return true;
}

/* The room a string entry takes as a member written in place (two
 * strings, their quotes, the separators before and between), or SIZE_MAX
 * when the entry is no string or too long to count. */
static inline size_t member_room(const ws_header *e) {
  size_t text = e->name.len + e->value.len;
  if (e->shape != WS_HEADER_STRING || text > WS_JSON_STR_MAX / 2) {
    return SIZE_MAX;
  }
  return WS_JSON_STR_ROOM(text) + 24;
}

/* Writes the string entry e as a member at out, "name": "value" after the
 * item separator unless it is the first; returns the end, or NULL on
 * invalid text. */
WS_ALWAYS_INLINE char *member_at(char *out, const ws_header *e, bool first,
                                 bool python) {
  if (!first) {
    *out++ = ',';
    if (python) {
      *out++ = ' ';
    }
  }
  out = ws_json_str_at(out, e->name.ptr, e->name.len, python);
  if (out == NULL) {
    return NULL;
  }
  *out++ = ':';
  if (python) {
    *out++ = ' ';
  }
  return ws_json_str_at(out, e->value.ptr, e->value.len, python);
}

/* Writes the string entry e as a member in place when b has the room for
 * the longest output it can have (most of the time); false, having written
 * nothing, when not. Invalid text is recorded (WS_EUTF8). */
WS_ALWAYS_INLINE bool member_in_place(ws_buf *b, const ws_header *e,
                                      bool first, bool python) {
  if (b->status != WS_OK || b->measuring ||
      b->cap - b->len < member_room(e)) {
    return false;
  }
  char *out = member_at(b->data + b->len, e, first, python);
  if (out == NULL) {
    b->data[b->len] = '\0';
    ws_buf_fail(b, WS_EUTF8);
    return true;
  }
  *out = '\0';
  b->len = (size_t)(out - b->data);
  return true;
}

/* Writes the entries of h from `from` on (all with distinct names) in
 * place, as long as each is a string and the room for the longest output
 * it can have is there, looking at the room once an entry; returns the
 * index of the first entry left to write, with what was written kept.
 * Invalid text records WS_EUTF8 and leaves nothing more to write. Inline
 * with a constant `python`, so that each mode has its separators folded. */
WS_ALWAYS_INLINE size_t put_entries_in_place(ws_buf *b, const ws_headers *h,
                                             size_t from, bool python) {
  char *out = b->data + b->len;
  const char *end = b->data + b->cap;
  size_t i = from;
  for (; i < h->len; i++) {
    const ws_header *e = &h->items[i];
    if ((size_t)(end - out) < member_room(e)) {
      break;
    }
    out = member_at(out, e, i == 0, python);
    if (out == NULL) {
      b->data[b->len] = '\0';
      ws_buf_fail(b, WS_EUTF8);
      return h->len;
    }
  }
  *out = '\0';
  b->len = (size_t)(out - b->data);
  return i;
}

/* Entries with distinct names, each its own key, in order: in place while
 * the room is there (most of the time), else one write at a time. */
static void put_distinct_json(ws_buf *b, const ws_headers *h,
                              ws_json_mode mode) {
  ws_buf_putc(b, '{');
  size_t i = 0;
  if (b->status == WS_OK && !b->measuring) {
    i = mode == WS_JSON_PYTHON ? put_entries_in_place(b, h, 0, true)
                               : put_entries_in_place(b, h, 0, false);
  }
  for (; i < h->len; i++) {
    if (i > 0) {
      ws_json_put_comma(b, mode);
    }
    const ws_header *e = &h->items[i];
    ws_json_put_key(b, e->name.ptr, e->name.len, mode);
    put_single_json(b, e, mode);
  }
  ws_buf_putc(b, '}');
}

/* The groups of h, through its index, in order of first appearance: a
 * name with one string entry (most) in place where the room is there.
 * Inline with a constant `python`. */
WS_ALWAYS_INLINE void put_grouped_json(ws_buf *b, const ws_headers *h,
                                       const group_index *x, bool python) {
  ws_json_mode mode = python ? WS_JSON_PYTHON : WS_JSON_COMPACT;
  ws_buf_putc(b, '{');
  bool any = false;
  for (size_t i = 0; i < h->len; i++) {
    if (x->link[i] & NOT_FIRST) {
      continue;
    }
    bool first = !any;
    any = true;
    if (x->link[i] == 0 && member_in_place(b, &h->items[i], first, python)) {
      continue;
    }
    if (!first) {
      ws_json_put_comma(b, mode);
    }
    put_group_json(b, h, x, i, mode);
  }
  ws_buf_putc(b, '}');
}

void ws_headers_put_json(ws_buf *b, const ws_headers *h, ws_json_mode mode) {
  /* Link array and table: up to 2 slots per entry, so 3 words each. */
  uint32_t stack_space[3 * INDEX_STACK_ENTRIES];
  group_index x;
  if (b->status != WS_OK) {
    return;
  }
  if (h->len == 0) {
    ws_buf_put(b, "{}", 2);
    return;
  }
  if (names_plainly_distinct(h)) {
    put_distinct_json(b, h, mode);
    return;
  }
  if (!index_build(&x, h, b, stack_space)) {
    return;
  }
  if (mode == WS_JSON_PYTHON) {
    put_grouped_json(b, h, &x, true);
  } else {
    put_grouped_json(b, h, &x, false);
  }
  ws_free(x.heap);
}

/* ---- pformat view --------------------------------------------------------*
 * The dict view's obj is the headers. A group with several values becomes a
 * list view whose obj is the group's first entry: its k-th value is the k-th
 * entry from there on with the same exact name, and since the view says
 * there are n of them, a scan for k < n stays inside the array without
 * knowing where it ends. A name's one entry is a string, or a list view of
 * that entry's one value or of none. */

/* The one item of a one-element list, whose obj is its entry. */
static void single_item_child(const void *obj, size_t index, const char **key,
                              size_t *key_len, ws_pv *value) {
  const ws_header *e = obj;
  (void)index;
  *key = NULL;
  *key_len = 0;
  *value = ws_pv_none();
  value->kind = WS_PV_STR;
  value->s = ws_str_c(&e->value);
  value->n = e->value.len;
}

/* The value of a name that has this one entry when it is a list: a view
 * of the entry's one value, or of none. */
static void listed_pv(const ws_header *e, ws_pv *value) {
  value->kind = WS_PV_LIST;
  value->n = e->shape == WS_HEADER_LIST_ITEM;
  value->obj = e;
  value->child = single_item_child;
}

/* The value of a name that has this one entry. */
static inline void single_pv(const ws_header *e, ws_pv *value) {
  *value = ws_pv_none();
  if (e->shape == WS_HEADER_STRING) {
    value->kind = WS_PV_STR;
    value->s = ws_str_c(&e->value);
    value->n = e->value.len;
  } else {
    listed_pv(e, value);
  }
}

static void group_value_child(const void *obj, size_t index, const char **key,
                              size_t *key_len, ws_pv *value) {
  const ws_header *first = obj;
  size_t i = 0;
  for (;; i++) {
    if (same_name(&first[i].name, &first->name) && index-- == 0) {
      break;
    }
  }
  *key = NULL;
  *key_len = 0;
  *value = ws_pv_none();
  value->kind = WS_PV_STR;
  value->s = ws_str_c(&first[i].value);
  value->n = first[i].value.len;
}

static void group_child(const void *obj, size_t index, const char **key,
                        size_t *key_len, ws_pv *value) {
  const ws_headers *h = obj;
  size_t first = group_start(h, index);
  const ws_header *e = &h->items[first];
  *key = ws_str_c(&e->name);
  *key_len = e->name.len;
  *value = ws_pv_none();
  size_t count = values_of_name(h, first);
  if (count == 1) {
    single_pv(e, value);
  } else {
    value->kind = WS_PV_LIST;
    value->n = count;
    value->obj = e;
    value->child = group_value_child;
  }
}

/* The view of an entry that is a list item (marked so) or an empty list;
 * out of line, so that the usual string costs one test. */
static void entry_listed(const ws_header *e, ws_pv *value) {
  if (e->shape == WS_HEADER_EMPTY_LIST) {
    *value = ws_pv_none();
    listed_pv(e, value);
  } else {
    value->list_item = true;
  }
}

/* Entry `index` as it is: pformat groups the entries itself while it sorts
 * them, which spares it finding each group with group_child. A list item
 * says so (list_item), for pformat to print it as a list when its name has
 * no other entry; an empty list is the empty list itself. */
static void entry_child(const void *obj, size_t index, const char **key,
                        size_t *key_len, ws_pv *value) {
  const ws_header *e = &((const ws_headers *)obj)->items[index];
  *key = ws_str_c(&e->name);
  *key_len = e->name.len;
  *value = ws_pv_none();
  value->kind = WS_PV_STR;
  value->s = ws_str_c(&e->value);
  value->n = e->value.len;
  if (e->shape != WS_HEADER_STRING) {
    entry_listed(e, value);
  }
}

/* Entry index's name alone: what pformat reads to sort the entries. */
static void entry_key(const void *obj, size_t index, const char **key,
                      size_t *key_len) {
  const ws_header *e = &((const ws_headers *)obj)->items[index];
  *key = ws_str_c(&e->name);
  *key_len = e->name.len;
}

void ws_headers_pv_entries(const ws_headers *h, ws_pv *out) {
  *out = ws_pv_none();
  out->kind = WS_PV_DICT;
  out->obj = h;
  out->entry = entry_child;
  out->key = entry_key;
  out->n_entries = h->len;
}

void ws_headers_pv(const ws_headers *h, ws_pv *out) {
  ws_headers_pv_entries(h, out);
  out->n = group_count(h);
  out->child = group_child;
}
