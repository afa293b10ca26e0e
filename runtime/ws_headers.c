/* ws_headers.c - the ordered HTTP header map: its life cycle, changes,
 * case-insensitive lookup and wire checks. Grouping by name (equality, JSON,
 * pformat) is in ws_headers_group.c. */
#include "ws_headers.h"

#include <stdint.h>

#include "ws_list.h"

#include "internal/ws_name_index.h"
#include "internal/ws_piece.h"

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
  ws_array_free(h->items);
  ws_name_index_free(&h->index);
  ws_headers_init(h);
}

/* Copies name and value into a new entry; on failure e stays empty. */
static ws_status header_make(ws_header *e, ws_strview name, ws_strview value,
                             ws_header_shape shape) {
  e->name.ptr = NULL;
  e->name.len = 0;
  e->value.ptr = NULL;
  e->value.len = 0;
  e->shape = shape;
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
    const ws_header *e = &src->items[i];
    if (header_make(&dst->items[i], ws_str_view_of(&e->name),
                    ws_str_view_of(&e->value), e->shape) != WS_OK) {
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

/* ---- changes -------------------------------------------------------------*/

/* Room for n more entries; the map's content is unchanged either way. */
static ws_status reserve(ws_headers *h, size_t n) {
  if (n > SIZE_MAX - h->len) {
    return WS_ENOMEM;
  }
  void *items = h->items;
  ws_status status = ws_grow(&items, &h->cap, h->len + n, sizeof(ws_header));
  h->items = items;
  return status;
}

static ws_names names_of(const ws_headers *h) {
  ws_names names = {h->items, sizeof(ws_header), h->len};
  return names;
}

/* Brings the index up to date, before a change changes anything: it is
 * all a change's lookups need (internal/ws_name_index.h). */
static ws_status index_sync(ws_headers *h) {
  return ws_name_index_sync(&h->index, names_of(h));
}

/* The first entry of exactly this name, or NULL: through the index, which
 * index_sync made current, once the map is large, else by a pass. */
static ws_header *find_exact(ws_headers *h, ws_strview name) {
  if (ws_name_index_current(h->index, h->len)) {
    size_t i = ws_name_index_find(h->index, names_of(h), name);
    return i < h->len ? &h->items[i] : NULL;
  }
  for (size_t i = 0; i < h->len; i++) {
    const ws_str *n = &h->items[i].name;
    if (n->len == name.len &&
        (name.len == 0 || memcmp(n->ptr, name.ptr, name.len) == 0)) {
      return &h->items[i];
    }
  }
  return NULL;
}

/* Makes entries for the n values (or, with none, the marker of an empty
 * list) past the end of h->items, where reserve made room, without
 * counting them in yet: all that adding can fail at, done before the map
 * changes. Returns how many it made. */
static ws_status make_entries(ws_headers *h, ws_strview name,
                              const ws_strview *values, size_t n,
                              ws_header_shape shape, size_t *made) {
  *made = 0;
  if (reserve(h, n ? n : 1) != WS_OK) {
    return WS_ENOMEM;
  }
  ws_header *at = &h->items[h->len];
  if (n == 0) {
    shape = WS_HEADER_EMPTY_LIST;
  }
  for (size_t i = 0; i < (n ? n : 1); i++) {
    ws_strview value = n ? values[i] : ws_str_view(NULL, 0);
    if (header_make(&at[i], name, value, shape) != WS_OK) {
      while (i-- > 0) {
        header_free(&at[i]);
      }
      return WS_ENOMEM;
    }
  }
  *made = n ? n : 1;
  return WS_OK;
}

/* Counts in the `made` entries make_entries left past the end, joining
 * them to what the map holds of their name already (old, or NULL): a
 * string or an empty list turns into the list they continue. */
static void join_entries(ws_headers *h, ws_header *old, size_t made) {
  ws_header *fresh = &h->items[h->len];
  if (old == NULL) {
    h->len += made;
    return;
  }
  if (fresh->shape == WS_HEADER_EMPTY_LIST) {
    /* Nothing to add to a list; a string becomes a one-element list. */
    header_free(fresh);
    if (old->shape == WS_HEADER_STRING) {
      old->shape = WS_HEADER_LIST_ITEM;
    }
    return;
  }
  if (old->shape == WS_HEADER_EMPTY_LIST) {
    /* The marker's place takes the first value, keeping the name's place
     * among the keys. */
    header_free(old);
    *old = fresh[0];
    old->shape = WS_HEADER_LIST_ITEM;
    memmove(fresh, fresh + 1, (made - 1) * sizeof *fresh);
    made--;
  } else {
    old->shape = WS_HEADER_LIST_ITEM;
  }
  for (size_t i = 0; i < made; i++) {
    fresh[i].shape = WS_HEADER_LIST_ITEM;
  }
  h->len += made;
}

ws_status ws_headers_add(ws_headers *h, ws_strview name, ws_strview value) {
  size_t made;
  if (index_sync(h) != WS_OK ||
      make_entries(h, name, &value, 1, WS_HEADER_STRING, &made) != WS_OK) {
    return WS_ENOMEM;
  }
  join_entries(h, find_exact(h, name), made);
  return WS_OK;
}

ws_status ws_headers_add_list(ws_headers *h, ws_strview name,
                              const ws_strview *values, size_t n) {
  size_t made;
  if (index_sync(h) != WS_OK ||
      make_entries(h, name, values, n, WS_HEADER_LIST_ITEM, &made) != WS_OK) {
    return WS_ENOMEM;
  }
  join_entries(h, find_exact(h, name), made);
  return WS_OK;
}

/* Everything that can fail happens before anything is removed, so a failed
 * set leaves the map as it was; removing only frees room. The new entries
 * wait past the end while the old ones go, then move down behind the
 * kept ones. */
static ws_status set_entries(ws_headers *h, ws_strview name,
                             const ws_strview *values, size_t n,
                             ws_header_shape shape) {
  size_t made;
  if (index_sync(h) != WS_OK ||
      make_entries(h, name, values, n, shape, &made) != WS_OK) {
    return WS_ENOMEM;
  }
  size_t old_len = h->len;
  ws_headers_remove(h, name);
  memmove(&h->items[h->len], &h->items[old_len], made * sizeof(ws_header));
  h->len += made;
  return WS_OK;
}

ws_status ws_headers_set(ws_headers *h, ws_strview name, ws_strview value) {
  return set_entries(h, name, &value, 1, WS_HEADER_STRING);
}

ws_status ws_headers_set_list(ws_headers *h, ws_strview name,
                              const ws_strview *values, size_t n) {
  return set_entries(h, name, values, n, WS_HEADER_LIST_ITEM);
}

/* Whether the index (when current) tells that no entry has name in any
 * case, which spares remove its pass: a set of a new name costs O(1). */
static bool surely_absent(ws_headers *h, ws_strview name) {
  return ws_name_index_current(h->index, h->len) &&
         !ws_name_index_has_any_case(h->index, names_of(h), name);
}

size_t ws_headers_remove(ws_headers *h, ws_strview name) {
  if (surely_absent(h, name)) {
    return 0;
  }
  size_t kept = 0;
  size_t removed = 0;
  for (size_t i = 0; i < h->len; i++) {
    if (ws_name_same_any_case(&h->items[i].name, name)) {
      removed += h->items[i].shape != WS_HEADER_EMPTY_LIST;
      header_free(&h->items[i]);
    } else {
      h->items[kept++] = h->items[i];
    }
  }
  if (kept != h->len) {
    /* entries moved: the next change builds the index again */
    ws_name_index_free(&h->index);
  }
  h->len = kept;
  return removed;
}

/* ---- lookup --------------------------------------------------------------*/

/* An entry that holds a value of name (any case, as HTTP field names
 * compare: RFC 7230 3.2): not an empty list's marker. */
static bool holds_value_of(const ws_header *e, ws_strview name) {
  return e->shape != WS_HEADER_EMPTY_LIST &&
         ws_name_same_any_case(&e->name, name);
}

const ws_str *ws_headers_get_nth(const ws_headers *h, ws_strview name,
                                 size_t index) {
  for (size_t i = 0; i < h->len; i++) {
    if (holds_value_of(&h->items[i], name) && index-- == 0) {
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
    count += holds_value_of(&h->items[i], name);
  }
  return count;
}

ws_status ws_headers_get_joined(const ws_headers *h, ws_strview name,
                                ws_str *out) {
  /* Measure first so the result is allocated once. */
  size_t total = 0;
  size_t count = 0;
  for (size_t i = 0; i < h->len; i++) {
    if (holds_value_of(&h->items[i], name)) {
      total += h->items[i].value.len + (count ? 2 : 0);
      count++;
    }
  }
  if (total == 0) {
    ws_str_free(out);
    return WS_OK;
  }
  char *joined = ws_piece_text_new(total);
  if (!joined) {
    return WS_ENOMEM;
  }
  size_t at = 0;
  size_t written = 0;
  for (size_t i = 0; i < h->len; i++) {
    const ws_header *e = &h->items[i];
    if (!holds_value_of(e, name)) {
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

/* RFC 7230 3.2: a field value is HTAB, SP, VCHAR (0x21-0x7E) and obs-text
 * (0x80-0xFF); every other control, DEL included, cannot go on the wire. */
bool ws_header_value_ok(ws_strview value) {
  for (size_t i = 0; i < value.len; i++) {
    unsigned char c = (unsigned char)value.ptr[i];
    if ((c < 0x20 && c != '\t') || c == 0x7F) {
      return false;
    }
  }
  return true;
}

