/* map_bench.c - building large maps one entry at a time: ws_headers_add
 * and a generated map's _set, 10,000 entries each, which must cost O(n)
 * (each call finds its name through the map's index), not O(n^2).
 *
 *   map_bench time          one TSV line per operation: ns per entry
 *   map_bench callgrind N   each operation N times between callgrind
 *                           dumps named "maps|ours|KIND|ENTRIES"
 * (both as bench/timed_ops.h does them)
 *
 * Before timing it checks what it times: every map holds what was put in. */
#define _POSIX_C_SOURCE 200809L
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "autobahn.h"
#include "timed_ops.h"

#define ENTRIES 10000

static char names[ENTRIES][16];
static volatile size_t sink;

static void make_names(void) {
  for (size_t i = 0; i < ENTRIES; i++)
    snprintf(names[i], sizeof names[i], "X-Name-%05zu", i);
}

static ws_strview name(size_t i) {
  return ws_cstr(names[i]);
}

/* ---- the operations, each building one map of ENTRIES entries ------------ */

/* 10,000 distinct names. */
static bool headers_distinct(ws_headers *h) {
  for (size_t i = 0; i < ENTRIES; i++)
    if (ws_headers_add(h, name(i), ws_cstr("value")) != WS_OK)
      return false;
  return true;
}

/* 5,000 names, each added twice: every second add joins a list. */
static bool headers_twice(ws_headers *h) {
  for (size_t i = 0; i < ENTRIES; i++)
    if (ws_headers_add(h, name(i % (ENTRIES / 2)), ws_cstr("value")) != WS_OK)
      return false;
  return true;
}

static bool map_distinct(ab_map_str_list_str *m) {
  ab_list_str empty = {NULL, 0, 0};
  for (size_t i = 0; i < ENTRIES; i++)
    if (ab_map_str_list_str_set(m, name(i), &empty) != WS_OK)
      return false;
  return true;
}

static void run_headers_distinct(void) {
  ws_headers h;
  ws_headers_init(&h);
  sink = headers_distinct(&h) ? h.len : 0;
  ws_headers_free(&h);
}

static void run_headers_twice(void) {
  ws_headers h;
  ws_headers_init(&h);
  sink = headers_twice(&h) ? h.len : 0;
  ws_headers_free(&h);
}

static void run_map_distinct(void) {
  ab_map_str_list_str m;
  memset(&m, 0, sizeof m);
  sink = map_distinct(&m) ? m.len : 0;
  ab_map_str_list_str_free(&m);
}

static const timed_op ops[] = {
    {"ours", "headers-add", "ws_headers_add, 10,000 distinct names", run_headers_distinct},
    {"ours", "headers-add-twice", "ws_headers_add, 5,000 names twice each", run_headers_twice},
    {"ours", "map-set", "map<str, list<str>>'s _set, 10,000 distinct keys", run_map_distinct},
};
#define OPS (sizeof ops / sizeof ops[0])

static bool check(void) {
  ws_headers h;
  ws_headers_init(&h);
  bool ok = headers_twice(&h) && h.len == ENTRIES &&
            ws_headers_count(&h, ws_cstr("x-name-04999")) == 2;
  ws_headers_free(&h);
  ab_map_str_list_str m;
  memset(&m, 0, sizeof m);
  ok = ok && map_distinct(&m) && m.len == ENTRIES &&
       ab_map_str_list_str_get(&m, name(ENTRIES - 1)) != NULL;
  ab_map_str_list_str_free(&m);
  if (!ok)
    fputs("map_bench: a map does not hold what was put in\n", stderr);
  return ok;
}

int main(int argc, char **argv) {
  make_names();
  if (!check())
    return 1;
  if (argc == 2 && strcmp(argv[1], "time") == 0)
    timed_ops_time(ops, OPS, ENTRIES);
  else if (argc == 3 && strcmp(argv[1], "callgrind") == 0)
    timed_ops_callgrind("maps", ops, OPS, (size_t)strtoul(argv[2], NULL, 10),
                        ENTRIES);
  else {
    fputs("usage: map_bench time | map_bench callgrind N\n", stderr);
    return 2;
  }
  return 0;
}
