/* ws_json_skip.c - skipping a value the reader is told to ignore (an
 * unknown member under skip_unknown), checked as fully as a value that is
 * read: its syntax, its UTF-8, its depth and, as everywhere else, no key
 * given twice in one of its objects. Errors inside it carry the path down
 * to where they are.
 *
 * Nothing recurses: the open containers are frames on an array as deep as
 * the depth limit, so depth costs no C stack. An object's key set is made
 * only when it has a key (on the heap: most skipped values are scalars or
 * small, and the sets are large), and freed when it closes. */
#include "ws_json_read.h"

#include <stdbool.h>

#include "ws_alloc.h"
#include "ws_keyset.h"

#include "internal/ws_json_read_parts.h"

typedef struct skip_frame {
  bool is_object;
  bool pushed;     /* a path segment for the current member is pushed */
  size_t index;    /* an array's next element */
  ws_keyset *keys; /* an object's keys so far, or NULL before the first */
} skip_frame;

static void free_keys(skip_frame *f) {
  if (f->keys) {
    ws_keyset_free(f->keys);
    ws_free(f->keys);
    f->keys = NULL;
  }
}

/* Adds the key just read to the object's set: false, with the failure
 * recorded, when it came before or there is no room. */
static bool note_key(ws_reader *r, skip_frame *f, const char *key,
                     size_t len) {
  if (!f->keys) {
    f->keys = ws_malloc(sizeof *f->keys);
    if (!f->keys) {
      ws_jr_fail_nomem(r);
      return false;
    }
    ws_keyset_init(f->keys);
  }
  ws_status added = ws_jr_keyset_add(f->keys, r, key, len);
  if (added == WS_EDUPLICATE) {
    ws_jr_fail_duplicate_key(r, key, len);
    return false;
  }
  if (added != WS_OK) {
    ws_jr_fail_nomem(r);
    return false;
  }
  return true;
}

/* Steps the innermost container to its next member or element, pushing
 * its path segment: true when there is one, false at its end or on a
 * failure (r->status tells). */
static bool next_in(ws_reader *r, skip_frame *f) {
  if (f->pushed) {
    ws_jr_path_pop(r);
    f->pushed = false;
  }
  if (!f->is_object) {
    if (!ws_read_array_next(r)) {
      return false;
    }
    f->pushed = ws_jr_path_push_index(r, f->index++) == WS_OK;
    return f->pushed;
  }
  const char *key;
  size_t len;
  if (!ws_read_object_next(r, &key, &len) || !note_key(r, f, key, len)) {
    return false;
  }
  f->pushed = ws_jr_path_push_key(r, key, len) == WS_OK;
  return f->pushed;
}

ws_status ws_read_skip(ws_reader *r) {
  skip_frame frames[WS_JSON_MAX_DEPTH];
  size_t open = 0;
  for (;;) {
    ws_token_kind kind = ws_read_peek(r);
    if (r->status != WS_OK) {
      break;
    }
    if (kind == WS_TOKEN_OBJECT || kind == WS_TOKEN_ARRAY) {
      bool is_object = kind == WS_TOKEN_OBJECT;
      if ((is_object ? ws_read_object_begin(r, "a value")
                     : ws_read_array_begin(r, "a value")) != WS_OK) {
        break;
      }
      /* The reader's depth limit keeps open below WS_JSON_MAX_DEPTH. */
      skip_frame *f = &frames[open++];
      f->is_object = is_object;
      f->pushed = false;
      f->index = 0;
      f->keys = NULL;
    } else if (ws_jr_skip_scalar(r) != WS_OK || open == 0) {
      break;
    }
    /* Close what ends here; stop at the next member or element. */
    while (open > 0 && !next_in(r, &frames[open - 1]) && r->status == WS_OK) {
      free_keys(&frames[--open]);
    }
    if (open == 0 || r->status != WS_OK) {
      break;
    }
  }
  while (open > 0) {
    free_keys(&frames[--open]);
  }
  return r->status;
}
