/* ws_typetest_fit.c - test values made to fit min_len, min_items and
 * max_items (ws_typetest_fit in ws_typetest.h). A value is changed as
 * little as will do, so that values of two variants still differ: text is
 * padded, a container gets empty elements added or its last ones cut. */
#include <stdio.h>
#include <string.h>

#include "ws_alloc.h"
#include "ws_typetest.h"

/* Text (a str, or bytes: k) padded with 'x' to min bytes. */
static void pad_text(const ws_kind *k, void *p, uint64_t min, ws_status *st) {
  size_t len = ws_kind_text_len(k, p);
  char *buf;
  if ((uint64_t)len >= min)
    return;
  buf = ws_malloc((size_t)min + 1);
  if (buf == NULL) {
    *st = WS_ENOMEM;
    return;
  }
  if (len > 0)
    memcpy(buf, k == &ws_bytes_kind ? (const void *)((ws_bytes *)p)->ptr
                                    : (const void *)((ws_str *)p)->ptr,
           len);
  memset(buf + len, 'x', (size_t)min - len);
  *st = k == &ws_bytes_kind
            ? ws_bytes_set((ws_bytes *)p, buf, (size_t)min)
            : ws_str_set((ws_str *)p, buf, (size_t)min);
  ws_free(buf);
}

static size_t count_of(const ws_kind *k, const void *p) {
  size_t n;
  memcpy(&n, (const char *)p + k->len_at, sizeof n);
  return n;
}

/* The last elements (and a map's keys) freed until max are left. */
static void cut_items(const ws_kind *k, void *p, uint64_t max) {
  size_t n = count_of(k, p);
  ws_str *keys = NULL;
  if (k->tag == WS_KIND_MAP)
    memcpy(&keys, (char *)p + k->keys_at, sizeof keys);
  while ((uint64_t)n > max) {
    n--;
    ws_kind_free(k->elem, (void *)ws_kind_item(k, p, k->items_at, n));
    if (keys != NULL)
      ws_str_free(&keys[n]);
  }
  memcpy((char *)p + k->len_at, &n, sizeof n);
}

/* Empty elements added (a map's under keys "fit 0", "fit 1", ... it does
 * not have) until there are min. */
static void add_items(const ws_kind *k, void *p, uint64_t min, ws_status *st) {
  for (unsigned i = 0; *st == WS_OK && (uint64_t)count_of(k, p) < min; i++) {
    void *slot;
    if (k->tag == WS_KIND_MAP) {
      char key[32];
      int len = snprintf(key, sizeof key, "fit %u", i);
      if (ws_map_get(k, p, ws_str_view(key, (size_t)len)) != NULL)
        continue;
      slot = ws_map_push(k, p, key, (size_t)len);
    } else {
      slot = ws_list_push(k, p);
    }
    if (slot == NULL)
      *st = WS_ENOMEM;
  }
}

void ws_typetest_fit(const ws_field_desc *fd, void *field, ws_status *st) {
  const ws_kind *k = fd->kind;
  void *p;
  if (*st != WS_OK)
    return;
  p = (void *)ws_kind_value(&k, field);
  if (p == NULL)
    return;
  if (fd->has_min_len)
    pad_text(k, p, fd->min_len, st);
  if (fd->has_max_items)
    cut_items(k, p, fd->max_items);
  if (fd->has_min_items)
    add_items(k, p, fd->min_items, st);
}
