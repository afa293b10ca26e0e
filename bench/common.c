/* common.c - the parts of the benchmark every library shares: the output
 * sink and the copy-into-the-struct helpers. */
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

bool bench_header_first(const ws_headers *h, size_t i, size_t *count) {
  for (size_t j = 0; j < i; j++)
    if (same_name(&h->items[j], &h->items[i]))
      return false;
  *count = 1;
  for (size_t j = i + 1; j < h->len; j++)
    *count += same_name(&h->items[j], &h->items[i]);
  return true;
}

size_t bench_header_next(const ws_headers *h, size_t i) {
  size_t j = i + 1;
  while (j < h->len && !same_name(&h->items[j], &h->items[i]))
    j++;
  return j;
}
