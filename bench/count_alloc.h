/* count_alloc.h - allocation counters (see count_alloc.c). */
#ifndef COUNT_ALLOC_H
#define COUNT_ALLOC_H

#include <stddef.h>

#include "wstypes.h"

#ifdef __cplusplus
extern "C" {
#endif

/* malloc, calloc, realloc and aligned allocations by anyone. */
extern size_t bench_alloc_calls;
/* ws_malloc and ws_realloc calls that reached our hook. */
extern size_t bench_ws_alloc_calls;

void bench_install_ws_counter(void);

#ifdef __cplusplus
}
#endif

#endif
