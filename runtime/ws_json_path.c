/* ws_json_path.c - the JSON reader's path stack.
 *
 * Decoders push a segment before reading a member's or an element's value
 * and pop it after, so that an error names where it happened ($.headers
 * ["Host"], $.protocols[3]). A key segment usually points at the key's
 * source text, which outlives the path; a key with escapes, or one the
 * caller made, is copied into the reader's pathkeys. The path is written
 * out as text only when an error is recorded (ws_json_read_error.c).
 *
 * The usual pushes and pops are inline in internal/ws_json_read_parts.h,
 * for the runtime's own readers; here are the rare cases (too deep, a key
 * to copy) and the public calls. */
#include <string.h>

#include "internal/ws_json_read_parts.h"

ws_status ws_jr_path_too_deep(ws_reader *r) {
  skip_ws(r);
  return ws_jr_fail(r, WS_EDEPTH, r->p, "nesting deeper than %d levels",
                    WS_JSON_MAX_DEPTH);
}

/* Points the copied keys on the path at pathkeys again after it moved:
 * segments keep their offset in `index` for this. */
static void repoint_path_keys(ws_reader *r) {
  for (size_t i = 0; i < r->depth; i++) {
    if (r->path[i].key && !r->path[i].in_source) {
      r->path[i].key = r->pathkeys + r->path[i].index;
    }
  }
}

/* Copies key into pathkeys for seg. False when out of memory. */
static bool copy_path_key(ws_reader *r, ws_path_seg *seg, const char *key,
                          size_t len) {
  if (len > SIZE_MAX - r->pathkeys_len - 1) {
    return false;
  }
  size_t old_cap = r->pathkeys_cap;
  if (!ws_jr_ensure_cap(&r->pathkeys, &r->pathkeys_cap,
                        r->pathkeys_len + len + 1)) {
    return false;
  }
  if (r->pathkeys_cap != old_cap) {
    repoint_path_keys(r);
  }
  if (len) {
    memcpy(r->pathkeys + r->pathkeys_len, key, len);
  }
  seg->key = r->pathkeys + r->pathkeys_len;
  seg->index = r->pathkeys_len;
  r->pathkeys_len += len;
  return true;
}

ws_status ws_jr_path_push_copied_key(ws_reader *r, const char *key,
                                     size_t len) {
  ws_path_seg *seg = &r->path[r->depth];
  seg->type = NULL;
  seg->key_len = len;
  seg->in_source = false;
  if (!copy_path_key(r, seg, key, len)) {
    return ws_jr_fail_nomem(r);
  }
  r->depth++;
  return WS_OK;
}

/* The public calls are the inline ones of ws_json_read_parts.h. */
ws_status ws_path_push_key(ws_reader *r, const char *key, size_t len) {
  return ws_jr_path_push_key(r, key, len);
}

ws_status ws_path_push_index(ws_reader *r, size_t index) {
  return ws_jr_path_push_index(r, index);
}

void ws_path_set_type(ws_reader *r, const char *type) {
  ws_jr_path_set_type(r, type);
}

void ws_path_pop(ws_reader *r) {
  ws_jr_path_pop(r);
}
