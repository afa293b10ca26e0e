/* ws_headers_entries.h - entry-level access to a ws_headers for the
 * runtime's own readers (not part of the public API; wstypes.h does not
 * include it). */
#ifndef WS_HEADERS_ENTRIES_H
#define WS_HEADERS_ENTRIES_H

#include "ws_headers.h"

/* Appends one entry as given, without looking for other entries of its
 * name: for a reader that knows each name comes once (a JSON object whose
 * duplicate keys it refuses) and sets the shapes itself, so that reading n
 * names costs n appends rather than n scans. */
ws_status ws_headers_append_entry(ws_headers *h, ws_strview name,
                                  ws_strview value, ws_header_shape shape);

#endif
