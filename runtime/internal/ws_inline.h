/* ws_inline.h - WS_ALWAYS_INLINE, for the few small functions on hot paths
 * whose call costs more than their body (a string's scan, a key's load, a
 * pformat item's fit): the compiler is told to inline them even where its
 * heuristics would rather call. WS_NOINLINE, for the rare part of a hot
 * function (a failure, an unusual case): kept out, it does not make the
 * common case save registers and build a frame it does not use. Internal
 * to the runtime. */
#ifndef WS_INLINE_H
#define WS_INLINE_H

#if defined(__GNUC__)
#define WS_ALWAYS_INLINE static inline __attribute__((always_inline))
#define WS_NOINLINE __attribute__((noinline))
#else
#define WS_ALWAYS_INLINE static inline
#define WS_NOINLINE
#endif

#endif
