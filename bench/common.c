/* common.c - the parts of the benchmark every library shares: the output
 * sink and the copy-into-the-struct helpers. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "bench.h"

void bench_sink_take(bench_sink *s, const char *p, size_t n) {
  s->len = n;
  if (!s->keep)
    return;
  free(s->copy);
  s->copy = malloc(n + 1);
  if (s->copy) {
    memcpy(s->copy, p, n);
    s->copy[n] = '\0';
  }
}

static const char *const field_names[F_COUNT] = {
    "peer",    "headers", "host",      "path",      "params",
    "version", "origin",  "protocols", "extensions"};

int bench_field_index(const char *key, size_t len) {
  for (int i = 0; i < F_COUNT; i++)
    if (strlen(field_names[i]) == len && memcmp(field_names[i], key, len) == 0)
      return i;
  return -1;
}

ab_list_str *bench_params_add(ab_map_str_list_str *m, const char *key,
                              size_t len) {
  /* Setting an empty list copies nothing; the caller then fills the stored
   * list in place, so no value is built twice. */
  ab_list_str empty = {NULL, 0, 0};
  if (ab_map_str_list_str_set(m, ws_str_view(key, len), &empty) != WS_OK)
    return NULL;
  return &m->values[m->len - 1];
}

bool bench_list_add(ab_list_str *l, const char *s, size_t len) {
  return ab_list_str_append(l, ws_str_view(s, len)) == WS_OK;
}

static bool same_name(const ws_header *a, const ws_header *b) {
  return a->name.len == b->name.len &&
         (a->name.len == 0 || memcmp(a->name.ptr, b->name.ptr, a->name.len) == 0);
}

static uint32_t name_hash(const ws_str *name) {
  uint32_t x = 2166136261u; /* FNV-1a */
  for (size_t i = 0; i < name->len; i++)
    x = (x ^ (unsigned char)name->ptr[i]) * 16777619u;
  return x;
}

/* One pass over the headers with an open-addressing table from a name to
 * the first header of that name; each header is hashed once and compared
 * with the names it collides with, so the work is linear in the headers
 * (the pairwise comparison it replaces was quadratic, and took most of
 * every library's encode on the 16 KB fixture). */
static void link_groups(bench_header_groups *g, uint32_t *slots, size_t mask,
                        uint32_t *tail) {
  const ws_headers *h = g->h;
  for (size_t i = 0; i < h->len; i++) {
    size_t s = name_hash(&h->items[i].name) & mask;
    while (slots[s] != 0 && !same_name(&h->items[slots[s] - 1], &h->items[i]))
      s = (s + 1) & mask;
    g->next[i] = (uint32_t)h->len;
    if (slots[s] == 0) { /* a name not seen before: i starts its group */
      slots[s] = (uint32_t)i + 1;
      g->count[i] = 1;
      tail[i] = (uint32_t)i;
      continue;
    }
    uint32_t first = slots[s] - 1;
    g->count[i] = 0;
    g->count[first]++;
    g->next[tail[first]] = (uint32_t)i;
    tail[first] = (uint32_t)i;
  }
}

bool bench_header_group(bench_header_groups *g, const ws_headers *h) {
  g->h = h;
  g->heap = NULL;
  g->next = g->room;
  g->count = g->room + BENCH_GROUP_STACK;
  if (h->len >= UINT32_MAX / 4)
    return false;
  size_t slot_count = 16;
  while (slot_count < 2 * h->len)
    slot_count *= 2;
  /* The table and the group tails live on the stack for the usual sizes,
   * on the heap (one block with next and count) past them. */
  uint32_t stack[3 * BENCH_GROUP_STACK]; /* 2n slots and n tails */
  uint32_t *scratch = stack;
  uint32_t *heap = NULL;
  if (h->len > BENCH_GROUP_STACK) {
    heap = malloc((slot_count + 3 * h->len) * sizeof *heap);
    if (!heap)
      return false;
    scratch = heap;
    g->next = heap + slot_count + h->len;
    g->count = g->next + h->len;
  }
  memset(scratch, 0, slot_count * sizeof *scratch);
  link_groups(g, scratch, slot_count - 1, scratch + slot_count);
  g->heap = heap;
  return true;
}

void bench_header_groups_free(bench_header_groups *g) {
  free(g->heap);
  g->heap = NULL;
}
