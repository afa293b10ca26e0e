/* ws_alloc.h - the one allocation hook. All runtime and generated code
 * allocates through ws_malloc/ws_realloc/ws_free, so a test can fail the Nth
 * allocation and a program can plug in its own allocator. */
#ifndef WS_ALLOC_H
#define WS_ALLOC_H

#include <stddef.h>

#ifdef __cplusplus
extern "C" {
#endif

typedef struct ws_allocator {
  void *(*malloc_fn)(void *ctx, size_t size);
  void *(*realloc_fn)(void *ctx, void *ptr, size_t size);
  void (*free_fn)(void *ctx, void *ptr);
  void *ctx;
} ws_allocator;

/* Installs an allocator (copied); NULL restores the C library's. This hook is
 * the library's only global mutable state: set it before using the library. */
void ws_set_allocator(const ws_allocator *alloc);

/* Return NULL on failure (and for size 0 may return NULL or a pointer). */
void *ws_malloc(size_t size);
void *ws_realloc(void *ptr, size_t size);
void ws_free(void *ptr);

#ifdef __cplusplus
}
#endif

#endif
