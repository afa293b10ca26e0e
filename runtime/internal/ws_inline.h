/* ws_inline.h - WS_ALWAYS_INLINE, for the few small functions on hot paths
 * whose call costs more than their body (a string's scan, a key's load, a
 * pformat item's fit): the compiler is told to inline them even where its
 * heuristics would rather call. Internal to the runtime. */
#ifndef WS_INLINE_H
#define WS_INLINE_H

#if defined(__GNUC__)
#define WS_ALWAYS_INLINE static inline __attribute__((always_inline))
#else
#define WS_ALWAYS_INLINE static inline
#endif

#endif
