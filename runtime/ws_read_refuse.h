/* ws_read_refuse.h - what a class reader refuses, and how it says so:
 * null for a type without None, a key given twice, a field the class does
 * not have, a required field left out, a value outside its constraint.
 *
 * Each records the failure in the reader (so r->status holds it after) and
 * returns its code, or WS_OK when there is nothing to refuse. Messages name
 * the current path, cut to 255 bytes as ws_error.path is, and quote keys
 * cut after about 40 bytes (ws_reader_quote). */
#ifndef WS_READ_REFUSE_H
#define WS_READ_REFUSE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "ws_json_read.h"
#include "ws_status.h"

#ifdef __cplusplus
extern "C" {
#endif

/* Refuses the null that comes next: records
 *   null is not allowed for $.host (str)
 * where type is the schema spelling of what the value must be. */
void ws_read_refuse_null(ws_reader *r, const char *type);

/* When the next value is null, refuses it and returns true. Inline: every
 * value that cannot be None is read after this test. */
static inline bool ws_read_null_refused(ws_reader *r, const char *type) {
  if (ws_read_peek(r) != WS_TOKEN_NULL)
    return false;
  ws_read_refuse_null(r, type);
  return true;
}

/* The key key[0..len) was given twice in one object; points at the second:
 *   duplicate key "port" in $ */
ws_status ws_read_duplicate_key(ws_reader *r, const char *key, size_t len);

/* The class has no field key[0..len). With opts.skip_unknown the member's
 * value is skipped (still checked) and WS_OK returned; else it is refused
 * at the key, known listing the fields ("Point has: x, y"):
 *   unknown field "colour" in $ (Point has: x, y) */
ws_status ws_read_unknown_field(ws_reader *r, const char *key, size_t len,
                                const char *known);

/* After the object's closing brace: it lacks required field name. at is the
 * offset of its '{', type the class name:
 *   missing required field "name" in $ (Thing) */
ws_status ws_read_missing_field(ws_reader *r, size_t at, const char *type,
                                const char *name);

/* A max_len constraint, checked right after the value (which started at
 * offset at) was read:
 *   $.payload is 126 bytes, more than the 125 allowed (max_len 125) */
ws_status ws_read_check_max_len(ws_reader *r, size_t at, size_t len,
                                uint64_t max);

/* A range constraint, checked the same way:
 *   $.port is 0, less than the minimum 1 (range 1..65535) */
ws_status ws_read_check_range(ws_reader *r, size_t at, int64_t v, int64_t min,
                              int64_t max);

#ifdef __cplusplus
}
#endif

#endif
