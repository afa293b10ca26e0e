/* ws_headers.c - the ordered, case-insensitive HTTP header map and its
 * grouped JSON and pformat views. */
#include "ws_headers.h"

#include <stdint.h>

#include "ws_alloc.h"
#include "ws_keyset.h"
#include "ws_list.h"

/* ---- names ---------------------------------------------------------------*/

static unsigned char ascii_lower(unsigned char c) {
  return c >= 'A' && c <= 'Z' ? (unsigned char)(c + ('a' - 'A')) : c;
}

/* HTTP field names compare without regard to ASCII case (RFC 7230 3.2);
 * other bytes compare exactly, so no locale is involved. */
static bool same_name_any_case(const ws_str *a, ws_strview b) {
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

/* ---- life cycle ----------------------------------------------------------*/

void ws_headers_init(ws_headers *h) {
  memset(h, 0, sizeof *h);
}

static void header_free(ws_header *e) {
  ws_str_free(&e->name);
  ws_str_free(&e->value);
}

void ws_headers_free(ws_headers *h) {
  for (size_t i = 0; i < h->len; i++) {
    header_free(&h->items[i]);
  }
  ws_free(h->items);
  ws_headers_init(h);
}

/* Copies name and value into a new entry; on failure e stays empty. */
static ws_status header_make(ws_header *e, ws_strview name, ws_strview value) {
  memset(e, 0, sizeof *e);
  if (ws_str_set_view(&e->name, name) != WS_OK ||
      ws_str_set_view(&e->value, value) != WS_OK) {
    header_free(e);
    return WS_ENOMEM;
  }
  return WS_OK;
}

/* A copy of src into dst, empty before; on failure dst is empty again. */
static ws_status copy_into(ws_headers *dst, const ws_headers *src) {
  ws_headers_init(dst);
  if (src->len == 0) {
    return WS_OK;
  }
  void *items = NULL;
  size_t cap = 0;
  if (ws_grow(&items, &cap, src->len, sizeof(ws_header)) != WS_OK) {
    return WS_ENOMEM;
  }
  dst->items = items;
  dst->cap = cap;
  for (size_t i = 0; i < src->len; i++) {
    if (header_make(&dst->items[i], ws_str_view_of(&src->items[i].name),
                    ws_str_view_of(&src->items[i].value)) != WS_OK) {
      ws_headers_free(dst);
      return WS_ENOMEM;
    }
    dst->len++;
  }
  return WS_OK;
}

ws_status ws_headers_copy(ws_headers *dst, const ws_headers *src) {
  ws_headers copy;
  ws_status st = copy_into(&copy, src);
  if (st == WS_OK) {
    ws_headers_free(dst);
    *dst = copy;
  }
  return st;
}

bool ws_headers_equal(const ws_headers *a, const ws_headers *b) {
  if (a->len != b->len) {
    return false;
  }
  for (size_t i = 0; i < a->len; i++) {
    if (!ws_str_equal(&a->items[i].name, &b->items[i].name) ||
        !ws_str_equal(&a->items[i].value, &b->items[i].value)) {
      return false;
    }
  }
  return true;
}

/* ---- changes -------------------------------------------------------------*/

static ws_status reserve_one(ws_headers *h) {
  void *items = h->items;
  ws_status status = ws_grow(&items, &h->cap, h->len + 1, sizeof(ws_header));
  h->items = items;
  return status;
}

/* A copy of name and value, and room for one more entry: all that adding
 * can fail at, done before the map changes. */
static ws_status prepare_entry(ws_headers *h, ws_strview name, ws_strview value,
                               ws_header *entry) {
  if (header_make(entry, name, value) != WS_OK) {
    return WS_ENOMEM;
  }
  if (reserve_one(h) != WS_OK) {
    header_free(entry);
    return WS_ENOMEM;
  }
  return WS_OK;
}

ws_status ws_headers_add(ws_headers *h, ws_strview name, ws_strview value) {
  ws_header entry;
  if (prepare_entry(h, name, value, &entry) != WS_OK) {
    return WS_ENOMEM;
  }
  h->items[h->len++] = entry;
  return WS_OK;
}

ws_status ws_headers_set(ws_headers *h, ws_strview name, ws_strview value) {
  /* Everything that can fail happens before anything is removed, so a
   * failed set leaves the map as it was; removing only frees room. */
  ws_header entry;
  if (prepare_entry(h, name, value, &entry) != WS_OK) {
    return WS_ENOMEM;
  }
  ws_headers_remove(h, name);
  h->items[h->len++] = entry;
  return WS_OK;
}

size_t ws_headers_remove(ws_headers *h, ws_strview name) {
  size_t kept = 0;
  for (size_t i = 0; i < h->len; i++) {
    if (same_name_any_case(&h->items[i].name, name)) {
      header_free(&h->items[i]);
    } else {
      h->items[kept++] = h->items[i];
    }
  }
  size_t removed = h->len - kept;
  h->len = kept;
  return removed;
}

/* ---- lookup --------------------------------------------------------------*/

const ws_str *ws_headers_get_nth(const ws_headers *h, ws_strview name,
                                 size_t index) {
  for (size_t i = 0; i < h->len; i++) {
    if (same_name_any_case(&h->items[i].name, name) && index-- == 0) {
      return &h->items[i].value;
    }
  }
  return NULL;
}

const ws_str *ws_headers_get(const ws_headers *h, ws_strview name) {
  return ws_headers_get_nth(h, name, 0);
}

size_t ws_headers_count(const ws_headers *h, ws_strview name) {
  size_t count = 0;
  for (size_t i = 0; i < h->len; i++) {
    count += same_name_any_case(&h->items[i].name, name);
  }
  return count;
}

ws_status ws_headers_get_joined(const ws_headers *h, ws_strview name,
                                ws_str *out) {
  /* Measure first so the result is allocated once. */
  size_t total = 0;
  size_t count = 0;
  for (size_t i = 0; i < h->len; i++) {
    if (same_name_any_case(&h->items[i].name, name)) {
      total += h->items[i].value.len + (count ? 2 : 0);
      count++;
    }
  }
  if (total == 0) {
    ws_str_free(out);
    return WS_OK;
  }
  char *joined = ws_malloc(total + 1);
  if (!joined) {
    return WS_ENOMEM;
  }
  size_t at = 0;
  size_t written = 0;
  for (size_t i = 0; i < h->len; i++) {
    const ws_header *e = &h->items[i];
    if (!same_name_any_case(&e->name, name)) {
      continue;
    }
    if (written++ > 0) {
      memcpy(joined + at, ", ", 2);
      at += 2;
    }
    if (e->value.len > 0) {
      memcpy(joined + at, e->value.ptr, e->value.len);
      at += e->value.len;
    }
  }
  joined[at] = '\0';
  ws_str_free(out);
  out->ptr = joined;
  out->len = total;
  return WS_OK;
}

/* ---- wire checks ---------------------------------------------------------*/

/* RFC 7230 tchar. */
static bool is_token_char(unsigned char c) {
  if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
      (c >= '0' && c <= '9')) {
    return true;
  }
  return c != '\0' && strchr("!#$%&'*+-.^_`|~", c) != NULL;
}

bool ws_header_name_ok(ws_strview name) {
  if (name.len == 0) {
    return false;
  }
  for (size_t i = 0; i < name.len; i++) {
    if (!is_token_char((unsigned char)name.ptr[i])) {
      return false;
    }
  }
  return true;
}

bool ws_header_value_ok(ws_strview value) {
  for (size_t i = 0; i < value.len; i++) {
    char c = value.ptr[i];
    if (c == '\r' || c == '\n' || c == '\0') {
      return false;
    }
  }
  return true;
}

/* ---- grouping ------------------------------------------------------------*
 * Serialized forms group entries by exact name spelling, in order of first
 * appearance. */

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

/* ---- JSON ----------------------------------------------------------------*/

static void put_group_json(ws_buf *b, const ws_headers *h, const group_index *x,
                           size_t first, ws_json_mode mode) {
  const ws_str *name = &h->items[first].name;
  ws_json_put_key(b, name->ptr, name->len, mode);
  size_t next = x->link[first] & ~NOT_FIRST;
  if (next == 0) {
    const ws_str *v = &h->items[first].value;
    ws_json_put_str(b, v->ptr, v->len, mode);
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

/* Up to this many entries (a browser's handshake has 12 to 20), repeated
 * names are looked for by comparing short tags, which costs less than
 * hashing every name into the index. */
enum { TAGGED_ENTRIES = 24 };

/* A number made of a name's length and its first and last bytes (8 of
 * each, or what there is): equal names have equal tags, so names whose
 * tags differ differ. */
static uint64_t name_tag(const ws_str *name) {
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

/* True when few entries have all different tags, so each entry is a group
 * of its own; false leaves the question to the index. The tags go into a
 * small open-addressing table by their top bits, so each is compared only
 * with the few that share its slot. */
static bool names_plainly_distinct(const ws_headers *h) {
  enum { SLOT_BITS = 6, SLOTS = 1 << SLOT_BITS };
  uint64_t slot_tag[SLOTS];
  uint64_t used = 0; /* bit s: slot s holds a tag */
  if (h->len > TAGGED_ENTRIES) {
    return false;
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

/* Entries with distinct names, each its own key, in order. */
static void put_distinct_json(ws_buf *b, const ws_headers *h,
                              ws_json_mode mode) {
  ws_buf_putc(b, '{');
  for (size_t i = 0; i < h->len; i++) {
    const ws_header *e = &h->items[i];
    if (i > 0) {
      ws_json_put_comma(b, mode);
    }
    ws_json_put_key(b, e->name.ptr, e->name.len, mode);
    ws_json_put_str(b, e->value.ptr, e->value.len, mode);
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
  ws_buf_putc(b, '{');
  bool any = false;
  for (size_t i = 0; i < h->len; i++) {
    if (x.link[i] & NOT_FIRST) {
      continue;
    }
    if (any) {
      ws_json_put_comma(b, mode);
    }
    any = true;
    put_group_json(b, h, &x, i, mode);
  }
  ws_buf_putc(b, '}');
  ws_free(x.heap);
}

/* ---- pformat view --------------------------------------------------------*
 * The dict view's obj is the headers. A group with several values becomes a
 * list view whose obj is the group's first entry: its k-th value is the k-th
 * entry from there on with the same exact name, and since the view says
 * there are n of them, a scan for k < n stays inside the array without
 * knowing where it ends. */

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
    value->kind = WS_PV_STR;
    value->s = ws_str_c(&e->value);
    value->n = e->value.len;
  } else {
    value->kind = WS_PV_LIST;
    value->n = count;
    value->obj = e;
    value->child = group_value_child;
  }
}

/* Entry `index` as it is: pformat groups the entries itself while it sorts
 * them, which spares it finding each group with group_child. */
static void entry_child(const void *obj, size_t index, const char **key,
                        size_t *key_len, ws_pv *value) {
  const ws_header *e = &((const ws_headers *)obj)->items[index];
  *key = ws_str_c(&e->name);
  *key_len = e->name.len;
  *value = ws_pv_none();
  value->kind = WS_PV_STR;
  value->s = ws_str_c(&e->value);
  value->n = e->value.len;
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
