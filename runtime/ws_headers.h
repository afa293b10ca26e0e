/* ws_headers.h - an ordered HTTP header map.
 *
 * Entries keep the name as given and their insertion order; one name may
 * carry several values (several entries). Lookup by name ignores ASCII case.
 * When serialized, entries group by exact spelling in order of first
 * appearance: a name with one value maps to a string, a name with several to
 * a list of strings ("Host" and "host" stay two keys, as in a Python dict).
 * The map holds any strings; ws_header_name_ok / ws_header_value_ok say what
 * may go on the wire. */
#ifndef WS_HEADERS_H
#define WS_HEADERS_H

#include <stdbool.h>
#include <stddef.h>

#include "ws_buf.h"
#include "ws_json_read.h"
#include "ws_json_write.h"
#include "ws_pformat.h"
#include "ws_str.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef struct ws_header {
  ws_str name;
  ws_str value;
} ws_header;

typedef struct ws_headers {
  ws_header *items;
  size_t len;
  size_t cap;
} ws_headers;

/* An all-zero ws_headers is a valid empty map. */
void ws_headers_init(ws_headers *h);
void ws_headers_free(ws_headers *h);
/* Replaces dst, a valid value (all-zero or filled), with a deep copy of
 * src; on failure dst is unchanged (docs/generated-api.md, "Ownership"). */
ws_status ws_headers_copy(ws_headers *dst, const ws_headers *src);
/* Same entries in the same order (exact bytes). */
bool ws_headers_equal(const ws_headers *a, const ws_headers *b);

/* Appends a value for name (names and values are copied). */
ws_status ws_headers_add(ws_headers *h, ws_strview name, ws_strview value);
/* Removes every value of name (any case) and appends this one. */
ws_status ws_headers_set(ws_headers *h, ws_strview name, ws_strview value);
/* First value of name (any case), or NULL. */
const ws_str *ws_headers_get(const ws_headers *h, ws_strview name);
/* Number of values name (any case) carries. */
size_t ws_headers_count(const ws_headers *h, ws_strview name);
/* The index-th value of name (any case), or NULL: "get all" by index. */
const ws_str *ws_headers_get_nth(const ws_headers *h, ws_strview name,
                                 size_t index);
/* Every value of name (any case) joined with ", " into *out (replacing it).
 * Returns WS_OK with *out empty when name is absent. */
ws_status ws_headers_get_joined(const ws_headers *h, ws_strview name,
                                ws_str *out);
/* Removes every value of name (any case); returns how many went. */
size_t ws_headers_remove(ws_headers *h, ws_strview name);
/* Iteration: for (size_t i = 0; i < h->len; i++) h->items[i] ... */

/* RFC 7230 token: one or more of !#$%&'*+-.^_`|~ digits letters. */
bool ws_header_name_ok(ws_strview name);
/* No CR, LF or NUL. */
bool ws_header_value_ok(ws_strview value);

/* JSON object of the grouped entries (see above). */
void ws_headers_put_json(ws_buf *b, const ws_headers *h, ws_json_mode mode);
/* Reads a JSON headers object: name -> string, or name -> list of strings;
 * each string is one entry, in order (an empty list adds none). A name given
 * twice is WS_EDUPLICATE. Replaces (frees) *out on success only. */
ws_status ws_read_headers(ws_reader *r, ws_headers *out);
/* A pformat view of the same grouped dict: a WS_PV_DICT whose values are
 * WS_PV_STR (one value) or a WS_PV_LIST of WS_PV_STR (several). The view
 * borrows h, which must stay unchanged while the view is used. */
void ws_headers_pv(const ws_headers *h, ws_pv *out);
/* The view pformat itself needs, made for every print: the entries alone
 * (n is 0 and child NULL, which spares counting the groups). */
void ws_headers_pv_entries(const ws_headers *h, ws_pv *out);

#ifdef __cplusplus
}
#endif

#endif
