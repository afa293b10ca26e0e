/* pformat_stack.c - how much stack ws_pformat and ws_prepr take at the
 * deepest nesting they allow (MAX_DEPTH, 300 levels), run by
 * check_pformat_stack.sh on the library as users build it (-O2, no
 * sanitizers, whose redzones would inflate every frame).
 *
 *   pformat_stack LIMIT   runs each value in a thread of its own, on a
 *                         stack painted first (LIMIT bytes and 64 KB more,
 *                         over a guard page): prints what each took, and
 *                         fails when one takes more than LIMIT (or dies at
 *                         the guard page, far past it).
 *
 * The values are chains of containers 300 deep: dicts whose keys must be
 * sorted, lists, dicts read as entries, classes (keys in order) and a mix,
 * each ending in a str with text to escape, long enough to be cut into
 * pieces, so the deepest level also runs the str layout. */
#define _DEFAULT_SOURCE /* MAP_ANONYMOUS */
#define _POSIX_C_SOURCE 200809L
#include <pthread.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

#include "ws_buf.h"
#include "ws_pformat.h"

enum { LEVELS = 300, PAINT = 0xA5 };

/* One level of a chain: a container whose child "deeper" (key "z", sorted
 * last) is the next level, with a short str beside it (key "a"). */
typedef struct level {
  ws_pv self;
  const struct level *next; /* NULL: the child is the leaf */
} level;

static const char LEAF[] =
    "Gr\xc3\xbc\xc3\x9f"
    "e aus K\xc3\xb6ln / line\nbreak / tab\there / "
    "\xce\x93\xce\xb5\xce\xb9\xce\xac \xcf\x83\xce\xbf\xcf\x85 / a "
    "sentence long enough that pprint cuts it into several pieces, "
    "word by word, at every indentation it gets";

static void leaf_pv(ws_pv *value) {
  *value = ws_pv_none();
  value->kind = WS_PV_STR;
  value->s = LEAF;
  value->n = sizeof LEAF - 1;
}

static void child(const void *obj, size_t index, const char **key,
                  size_t *key_len, ws_pv *value) {
  const level *l = obj;
  bool deeper = l->self.kind == WS_PV_LIST ? index == 0 : index == 1;
  *key = deeper ? "z" : "a";
  *key_len = 1;
  if (l->self.kind == WS_PV_LIST) {
    *key = NULL;
    *key_len = 0;
  }
  if (!deeper) {
    *value = ws_pv_none();
    value->kind = WS_PV_STR;
    value->s = "x";
    value->n = 1;
  } else if (l->next) {
    *value = l->next->self;
  } else {
    leaf_pv(value);
  }
}

/* Entries given in reverse key order, so that they are sorted. */
static void entry(const void *obj, size_t index, const char **key,
                  size_t *key_len, ws_pv *value) {
  child(obj, 1 - index, key, key_len, value);
}

typedef enum shape { DICTS, LISTS, ENTRIES, CLASSES, MIXED } shape;
static const char *const shape_names[] = {"dicts", "lists", "entries",
                                          "classes", "mixed"};

static level *make_chain(shape s) {
  level *chain = calloc(LEVELS, sizeof *chain);
  if (!chain) {
    return NULL;
  }
  for (size_t i = 0; i < LEVELS; i++) {
    ws_pv *v = &chain[i].self;
    *v = ws_pv_none();
    bool list = s == LISTS || (s == MIXED && i % 2 == 1);
    v->kind = list ? WS_PV_LIST : WS_PV_DICT;
    v->n = list ? 1 : 2;
    v->obj = &chain[i];
    v->child = child;
    if (s == ENTRIES || (s == MIXED && i % 4 == 2)) {
      v->entry = entry;
      v->n_entries = 2;
    }
    v->keys_sorted = s == CLASSES || (s == MIXED && i % 4 == 0);
    v->keys_plain = v->keys_sorted;
    chain[i].next = i + 1 < LEVELS ? &chain[i + 1] : NULL;
  }
  return chain;
}

typedef struct job {
  const ws_pv *value;
  bool repr;
  ws_status status;
  size_t len;
  uintptr_t top; /* where the thread's frames start */
} job;

static void *run(void *arg) {
  job *j = arg;
  char here;
  j->top = (uintptr_t)&here;
  ws_buf b;
  ws_buf_init(&b);
  (j->repr ? ws_prepr : ws_pformat)(&b, j->value);
  j->status = b.status;
  j->len = b.len;
  ws_buf_free(&b);
  return NULL;
}

/* Runs j on a fresh stack of limit bytes (and room for the thread's own
 * data above it) over a guard page; returns the bytes it used, or 0 when
 * the thread could not be had. */
static size_t run_on_small_stack(job *j, size_t limit) {
  size_t page = (size_t)sysconf(_SC_PAGESIZE);
  size_t room = (limit + 64 * 1024 + page - 1) / page * page;
  size_t size = room + page;
  char *map = mmap(NULL, size, PROT_READ | PROT_WRITE,
                   MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
  if (map == MAP_FAILED) {
    return 0;
  }
  char *stack = map + page;
  memset(stack, PAINT, room);
  pthread_attr_t attr;
  pthread_t t;
  size_t used = 0;
  if (mprotect(map, page, PROT_NONE) == 0 && pthread_attr_init(&attr) == 0) {
    if (pthread_attr_setstack(&attr, stack, room) == 0 &&
        pthread_create(&t, &attr, run, j) == 0 && pthread_join(t, NULL) == 0) {
      size_t low = 0;
      while (low < room && (unsigned char)stack[low] == PAINT) {
        low++;
      }
      used = j->top - (uintptr_t)(stack + low);
    }
    pthread_attr_destroy(&attr);
  }
  munmap(map, size);
  return used;
}

int main(int argc, char **argv) {
  if (argc != 2) {
    fprintf(stderr, "usage: pformat_stack LIMIT\n");
    return 2;
  }
  size_t limit = (size_t)strtoul(argv[1], NULL, 10);
  int failed = 0;
  size_t most = 0;
  for (shape s = DICTS; s <= MIXED; s++) {
    level *chain = make_chain(s);
    if (!chain) {
      fprintf(stderr, "no memory\n");
      return 2;
    }
    for (int repr = 0; repr <= 1; repr++) {
      job j = {&chain[0].self, repr, WS_OK, 0, 0};
      size_t used = run_on_small_stack(&j, limit);
      const char *what = repr ? "ws_prepr" : "ws_pformat";
      if (used == 0 || j.status != WS_OK || j.len == 0) {
        printf("not ok %s of %s: could not run (status %d)\n", what,
               shape_names[s], (int)j.status);
        failed++;
      } else if (used > limit) {
        printf("not ok %s of %s: %zu bytes of stack, more than %zu\n", what,
               shape_names[s], used, limit);
        failed++;
      } else {
        printf("ok %s of %s 300 deep: %zu bytes of stack\n", what,
               shape_names[s], used);
      }
      most = used > most ? used : most;
    }
    free(chain);
  }
  printf("most: %zu bytes\n", most);
  return failed ? 1 : 0;
}
