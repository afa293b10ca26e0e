/* ws_headers.h - an ordered HTTP header map.
 *
 * The map is what autobahn keeps, a dict from a name to a string or to a
 * list of strings of any length (one-element and empty lists included),
 * stored as entries: one per value, in insertion order, each saying how its
 * name holds it (ws_header_shape). Names are kept as given; "Host" and
 * "host" are two names, as in a Python dict, though lookup by name ignores
 * ASCII case. Serialized, the entries of one exact name make one key, in
 * order of first appearance: its string, or the list of its values.
 *
 * Adding a value for a name the map has appends it to that name's value, as
 * one would to the dict's entry: a string becomes a list of two, a list
 * grows by one, an empty list becomes a one-element list. So a map built as
 * A, B, A holds {A: [a1, a2], B: b}, and JSON gives it back equal.
 *
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

/* How an entry's name holds the entry's value. A name has one STRING
 * entry, or one EMPTY_LIST entry, or one or more LIST_ITEM entries; the
 * functions below keep it so. */
typedef enum ws_header_shape {
  WS_HEADER_STRING = 0, /* the name's value is this string */
  WS_HEADER_LIST_ITEM,  /* one item of the name's list, in order */
  WS_HEADER_EMPTY_LIST  /* the name's value is []; the entry has no value */
} ws_header_shape;

typedef struct ws_header {
  ws_str name;
  ws_str value; /* empty for WS_HEADER_EMPTY_LIST */
  ws_header_shape shape;
} ws_header;

/* items, and each entry's name and value, are the library's to release
 * (ws_headers_free, ws_headers_remove): a decoded map's share blocks with
 * the rest of its value (docs/generated-api.md, "Ownership"). index is the
 * library's too: a lookup cache that the functions below build once the
 * map is large, so that adding n names one by one costs O(n), and free
 * with the map; NULL until then, and in an all-zero map. */
struct ws_name_index;
typedef struct ws_headers {
  ws_header *items;
  size_t len;
  size_t cap;
  struct ws_name_index *index;
} ws_headers;

/* An all-zero ws_headers is a valid empty map. */
void ws_headers_init(ws_headers *h);
void ws_headers_free(ws_headers *h);
/* Replaces dst, a valid value (all-zero or filled), with a deep copy of
 * src; on failure dst is unchanged (docs/generated-api.md, "Ownership"). */
ws_status ws_headers_copy(ws_headers *dst, const ws_headers *src);
/* Equal as Python dicts are: the same names (exact bytes) in any order, and
 * per name the same value: the same string, or lists with the same strings
 * in the same order. A string and a one-element list differ. */
bool ws_headers_equal(const ws_headers *a, const ws_headers *b);

/* Appends value to the value of name (exact spelling; see above): a new
 * name gets the string. Names and values are copied. */
ws_status ws_headers_add(ws_headers *h, ws_strview name, ws_strview value);
/* Appends n values (n may be 0) to the value of name, which is a list
 * afterwards whatever it was: a new name gets the list of the n values, a
 * string becomes the first of the list. On failure the map is unchanged. */
ws_status ws_headers_add_list(ws_headers *h, ws_strview name,
                              const ws_strview *values, size_t n);
/* Removes every value of name (any case) and appends this one. */
ws_status ws_headers_set(ws_headers *h, ws_strview name, ws_strview value);
/* Removes every value of name (any case) and gives name the list of the n
 * values (n may be 0). On failure the map is unchanged. */
ws_status ws_headers_set_list(ws_headers *h, ws_strview name,
                              const ws_strview *values, size_t n);
/* The values below are the strings the map holds; an empty list holds
 * none, and the lookups skip its entry. */
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
/* Removes name (any case) with all its values; returns how many values
 * went. */
size_t ws_headers_remove(ws_headers *h, ws_strview name);
/* Iteration: for (size_t i = 0; i < h->len; i++) h->items[i] ... ; an
 * entry whose shape is WS_HEADER_EMPTY_LIST stands for its name's [] and
 * holds no value. Treat the entries as read-only: change the map through
 * the functions above, which keep each name's shape. */

/* RFC 7230 token: one or more of !#$%&'*+-.^_`|~ digits letters. */
bool ws_header_name_ok(ws_strview name);
/* An RFC 7230 field value: HTAB, SP, VCHAR and obs-text (bytes 0x80 and
 * up) only; no CR, LF, NUL, DEL or other control. */
bool ws_header_value_ok(ws_strview value);

/* JSON object of the grouped entries (see above). */
void ws_headers_put_json(ws_buf *b, const ws_headers *h, ws_json_mode mode);
/* Reads a JSON headers object: name -> string, or name -> list of strings
 * (of any length, kept as a list). A name given twice is WS_EDUPLICATE.
 * Replaces (frees) *out on success only. */
ws_status ws_read_headers(ws_reader *r, ws_headers *out);
/* A pformat view of the same grouped dict: a WS_PV_DICT whose values are
 * WS_PV_STR (a string) or a WS_PV_LIST of WS_PV_STR (a list). The view
 * borrows h, which must stay unchanged while the view is used. */
void ws_headers_pv(const ws_headers *h, ws_pv *out);
/* The view pformat itself needs, made for every print: the entries alone
 * (n is 0 and child NULL, which spares counting the groups). A list item's
 * value is marked list_item; an empty list's is the empty list. */
void ws_headers_pv_entries(const ws_headers *h, ws_pv *out);

#ifdef __cplusplus
}
#endif

#endif
