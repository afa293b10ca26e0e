/* ws_constraint.h - the constraints beside max_len and range: min_len on
 * str and bytes, min_items and max_items on lists and maps (each on the
 * value of a T?, when present), and an enum's membership; checked on values
 * in memory (validate, encode) and on values just read (decode), with the
 * same words:
 *   $.name is 0 bytes, fewer than the 1 required (min_len 1)
 *   $.tags has 5 items, more than the 4 allowed (max_items 4)
 *   $.tags has 0 items, fewer than the 1 required (min_items 1)
 *   $.side is 7, not one of the 2 members of Side
 * Also the reader's side of a field's alias. */
#ifndef WS_CONSTRAINT_H
#define WS_CONSTRAINT_H

#include <stdbool.h>
#include <stddef.h>

#include "ws_json_read.h"
#include "ws_status.h"
#include "ws_type.h"

#ifdef __cplusplus
extern "C" {
#endif

/* Whether fd has any of this file's constraints. */
static inline bool ws_field_has_more(const ws_field_desc *fd) {
  return fd->has_min_len || fd->has_min_items || fd->has_max_items ||
         (fd->flags & WS_FIELD_ENUM) != 0;
}

/* The value of field fd at p (the field's own storage) against those
 * constraints; path names the field. WS_ECONSTRAINT and err filled when one
 * is broken. */
ws_status ws_field_check_more(const ws_field_desc *fd, const void *p,
                              const char *path, ws_error *err);

/* The same on a value just read, which started at input offset at; the
 * reader's path names it. Enum values need no look: the reader takes
 * nothing else. */
ws_status ws_read_check_more(const ws_field_desc *fd, ws_reader *r, size_t at,
                             const void *p);

/* The field of t whose alias is key[0..len), or -1. */
long ws_field_by_alias(const ws_type *t, const char *key, size_t len);

/* Both of field fd's keys in one object, the second, key[0..len), at the
 * current key:
 *   duplicate key "old_name" in $ ("name" and "old_name" are one field) */
ws_status ws_read_duplicate_alias(ws_reader *r, const ws_field_desc *fd,
                                  const char *key, size_t len);

#ifdef __cplusplus
}
#endif

#endif
