/* fuzz_decode.c - libFuzzer target over every generated decoder, through
 * the descriptors: the first byte picks a class of the autobahn module or
 * of the catalogue (tests/system/catalog), the rest is the JSON. A value
 * that decodes is encoded in all three forms; its JSON decodes again to an
 * equal value, and a copy of it is equal too.
 *
 * Built twice (fuzz/fuzz.mk): as is, and with FUZZ_FAILALLOC, where the
 * two bytes after the class byte say which allocation fails (0: none).
 * Then every step may return WS_ENOMEM, but only when an allocation
 * failed, and nothing may leak (LeakSanitizer checks at each input); a
 * failed decode or copy leaves its target as it was (the fill rule of
 * docs/generated-api.md). */
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "autobahn.h"
#include "library.h"
#include "wstypes.h"

static const ws_type *type_at(size_t i) {
  return i < ab_type_count ? ab_types[i] : lib_types[i - ab_type_count];
}

#ifdef FUZZ_FAILALLOC
static size_t calls, fail_at;
static bool failed;
static void *fail_malloc(void *ctx, size_t n) {
  (void)ctx;
  if (++calls == fail_at) {
    failed = true;
    return NULL;
  }
  return malloc(n ? n : 1);
}
static void *fail_realloc(void *ctx, void *p, size_t n) {
  (void)ctx;
  if (++calls == fail_at) {
    failed = true;
    return NULL;
  }
  return realloc(p, n ? n : 1);
}
static void fail_free(void *ctx, void *p) {
  (void)ctx;
  free(p);
}
#define HEADER 3
#else
#define HEADER 1
#endif

/* A step's status: OK, or (only under the failing allocator, after a
 * failure) WS_ENOMEM. Anything else is a bug in a value that was valid. */
static bool ok(ws_status st) {
#ifdef FUZZ_FAILALLOC
  if (st == WS_ENOMEM && failed)
    return false;
#endif
  if (st != WS_OK)
    abort();
  return true;
}

static bool all_zero(const void *p, size_t n) {
  const unsigned char *b = p;
  for (size_t i = 0; i < n; i++)
    if (b[i] != 0)
      return false;
  return true;
}

static void round_trip(const ws_type *t, const void *v) {
  ws_buf out;
  ws_error err;
  ws_buf_init(&out);
  for (int f = WS_FORMAT_JSON; f <= WS_FORMAT_STR; f++) {
    ws_buf_reset(&out);
    ws_buf_putc(&out, 'x'); /* a failed encode leaves what was there */
    size_t before = out.len;
    if (!ok(t->encode(t, v, (ws_format)f, &out, &err))) {
      if (out.len != before)
        abort();
      break;
    }
  }
  ws_buf_reset(&out);
  void *again = calloc(1, t->size); /* all-zero: a valid target */
  void *copy = calloc(1, t->size);
  if (again && copy && ok(t->encode(t, v, WS_FORMAT_JSON, &out, &err))) {
    if (ok(ws_type_decode(t, again, out.data, out.len, NULL, &err)) && !t->equal(t, v, again))
      abort();
    bool full = ok(t->copy(t, copy, v));
    if (full && !t->equal(t, v, copy))
      abort();
    /* the fill rule: decode over a full value replaces it, and a failed
     * one leaves it as it was */
    ws_status st = ws_type_decode(t, copy, out.data, out.len, NULL, &err);
    if (!ok(st) && full && !t->equal(t, v, copy))
      abort();
    if (st == WS_OK && !t->equal(t, v, copy))
      abort();
  }
  if (again)
    t->free(t, again);
  if (copy)
    t->free(t, copy);
  free(again);
  free(copy);
  ws_buf_free(&out);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  size_t count = ab_type_count + lib_type_count;
  if (size < HEADER)
    return 0;
  const ws_type *t = type_at(data[0] % count);
#ifdef FUZZ_FAILALLOC
  ws_allocator a = {fail_malloc, fail_realloc, fail_free, NULL};
  calls = 0;
  failed = false;
  fail_at = (size_t)data[1] | (size_t)data[2] << 8;
  ws_set_allocator(&a);
#endif
  void *v = calloc(1, t->size);
  ws_error err;
  if (v != NULL) {
    ws_status st = ws_type_decode(t, v, (const char *)data + HEADER, size - HEADER, NULL, &err);
    if (st != WS_OK && !all_zero(v, t->size))
      abort(); /* a failed decode leaves its all-zero target as it was */
#ifdef FUZZ_FAILALLOC
    if (st == WS_ENOMEM && !failed)
      abort();
#endif
    if (st == WS_OK)
      round_trip(t, v);
    t->free(t, v);
    free(v);
  }
#ifdef FUZZ_FAILALLOC
  ws_set_allocator(NULL);
#endif
  return 0;
}
