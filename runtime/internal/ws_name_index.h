/* ws_name_index.h - the lookup cache of a header map and of a map<str, T>:
 * where each name first appears in the owner's array, by hash, so that
 * ws_headers_add, ws_headers_set and a map's _set find a name in a probe
 * or two instead of a pass over every entry (building a map of n entries
 * one by one costs O(n), not O(n^2)). Not part of the public API: the
 * owners hold it as `struct ws_name_index *index`, an opaque pointer.
 *
 * The index is a cache the owner's value owns. It is NULL until the value
 * has WS_NAME_INDEX_FROM entries (a pass over fewer is as quick as a hash,
 * and small maps stay one allocation lighter), is built by the functions
 * that change the value, never by a lookup through a const value, and goes
 * with ws_name_index_free when the value is freed. A copy starts without
 * one, equality ignores it. It indexes the owner's first `indexed` entries
 * and catches up with entries appended since (the decoder appends without
 * it); an owner that removes entries drops it, and the next change builds
 * it again. A change brings it up to date before it changes anything, so
 * when the index cannot grow the change fails with WS_ENOMEM and leaves
 * the value as it was, as any allocation failure does.
 *
 * Names hash without regard to ASCII case, so a header name's variants in
 * any case share one probe sequence (ws_headers_set asks whether any of
 * them is there); a match is exact or case-blind as the caller asks. */
#ifndef WS_NAME_INDEX_H
#define WS_NAME_INDEX_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "ws_status.h"
#include "ws_str.h"

#include "internal/ws_key_index.h"

/* Entries an owner has before it builds an index. */
#define WS_NAME_INDEX_FROM 32

/* The owner's names: entry i's name is the ws_str at at + i * stride. */
typedef struct ws_names {
  const void *at;
  size_t stride;
  size_t len;
} ws_names;

typedef struct ws_name_index {
  size_t indexed;    /* entries [0, indexed) of the owner are in slots */
  size_t slot_count; /* a power of two, at least twice the entries */
  /* What the index has cost, for the tests that show that n changes cost
   * O(n) however large the map, with no clock: the lookups made through a
   * mutable owner, and the steps of all its work (a name hashed or
   * compared, a slot moved when the table grows). */
  size_t lookups;
  size_t steps;
  ws_key_ref slots[]; /* ref: the entry's number plus one; 0: empty */
} ws_name_index;

/* Brings *x up to date with names: builds it once names.len reaches
 * WS_NAME_INDEX_FROM (below that *x is freed, NULL: search linearly).
 * WS_ENOMEM when it cannot grow; *x is then still valid, though behind. */
ws_status ws_name_index_sync(ws_name_index **x, ws_names names);

/* The first entry named exactly key, or names.len; x is up to date (a
 * sync just succeeded and left it non-NULL). Counts the lookup in x. */
size_t ws_name_index_find(ws_name_index *x, ws_names names, ws_strview key);

/* Whether an entry is named key in any ASCII case; x is up to date. Counts
 * the lookup in x. */
bool ws_name_index_has_any_case(ws_name_index *x, ws_names names,
                                ws_strview key);

/* Whether x (which may be NULL) indexes all of an owner's len entries. */
bool ws_name_index_current(const ws_name_index *x, size_t len);

/* ws_name_index_find for a const owner: x may be NULL or behind (then the
 * answer is SIZE_MAX: search linearly); counts nothing, so readers of one
 * value in several threads write nothing. */
size_t ws_name_index_peek(const ws_name_index *x, ws_names names,
                          ws_strview key);

/* Whether a and b are the same name in any ASCII case; other bytes
 * compare exactly, so no locale is involved. */
bool ws_name_same_any_case(const ws_str *a, ws_strview b);

/* Frees *x and sets it to NULL. */
void ws_name_index_free(ws_name_index **x);

#endif
