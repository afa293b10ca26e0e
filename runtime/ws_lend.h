/* ws_lend.h - the composites' setters that take text as a view.
 *
 * A list<str>'s _append, a str?'s _set and a map<str, str>'s _set take
 * their text as a ws_strview (or ws_bytesview), like every function that
 * only copies text. The kind operations underneath (ws_list_append,
 * ws_opt_set, ws_map_set) take a pointer to an element; these lend them one
 * that borrows the view. Not public API: generated code calls these. */
#ifndef WS_LEND_H
#define WS_LEND_H

#include <stddef.h>

#include "ws_kind.h"
#include "ws_status.h"
#include "ws_str.h"

#ifdef __cplusplus
extern "C" {
#endif

/* For a composite k whose element is str or bytes: ws_list_append,
 * ws_opt_set and ws_map_set with ptr[0..len) as the element. */
ws_status ws_list_append_text(const ws_kind *k, void *list, const void *ptr,
                              size_t len);
ws_status ws_opt_set_text(const ws_kind *k, void *o, const void *ptr,
                          size_t len);
ws_status ws_map_set_text(const ws_kind *k, void *map, ws_strview key,
                          const void *ptr, size_t len);

#ifdef __cplusplus
}
#endif

#endif
