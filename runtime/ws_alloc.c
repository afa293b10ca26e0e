/* ws_alloc.c - the allocation hook, the library's one piece of global state. */
#include "ws_alloc.h"

#include <stdlib.h>

/* The C library behind the hook's interface. Size 0 asks for one byte so
 * that a successful call never returns NULL, whatever the platform does. */
static void *libc_malloc(void *ctx, size_t size) {
  (void)ctx;
  return malloc(size ? size : 1);
}
static void *libc_realloc(void *ctx, void *ptr, size_t size) {
  (void)ctx;
  return realloc(ptr, size ? size : 1);
}
static void libc_free(void *ctx, void *ptr) {
  (void)ctx;
  free(ptr);
}

static const ws_allocator libc_allocator = {libc_malloc, libc_realloc,
                                            libc_free, NULL};
static ws_allocator current = {libc_malloc, libc_realloc, libc_free, NULL};

void ws_set_allocator(const ws_allocator *alloc) {
  current = alloc ? *alloc : libc_allocator;
}

void *ws_malloc(size_t size) {
  return current.malloc_fn(current.ctx, size);
}

void *ws_realloc(void *ptr, size_t size) {
  return current.realloc_fn(current.ctx, ptr, size);
}

void ws_free(void *ptr) {
  if (ptr) {
    current.free_fn(current.ctx, ptr);
  }
}
