/* ws_type.c - what every class descriptor shares: the subclass test and
 * decoding by descriptor. */
#include "ws_type.h"

#include <string.h>

#include "ws_class.h"
#include "internal/ws_aside.h"
#include "internal/ws_pool.h"

bool ws_type_is(const ws_type *t, const ws_type *base) {
  for (; t != NULL; t = t->base) {
    if (t == base) {
      return true;
    }
  }
  return false;
}

/* Read and check the end of input: the steps after init. No validate pass
 * follows, because reading already did all of its work: the reader refuses
 * invalid UTF-8 in every string, class readers check each constraint
 * (max_len, range) as they read the field, and the generator refuses
 * defaults that break a constraint, so a value that reads is valid. */
static ws_status read_to_end(const ws_type *t, void *obj, ws_reader *r) {
  ws_status status = t->read(t, r, obj);
  if (status == WS_OK) {
    status = ws_read_end(r);
  }
  return status;
}

/* Whether size bytes at p are all zero: the first is, and each equals the
 * next. */
static bool all_zero(const void *p, size_t size) {
  const unsigned char *b = p;
  return size == 0 || (b[0] == 0 && memcmp(b, b + 1, size - 1) == 0);
}

ws_status ws_type_decode(const ws_type *t, void *obj, const char *json,
                         size_t len, const ws_decode_opts *opts,
                         ws_error *err) {
  ws_error_clear(err);
  if (t == NULL || obj == NULL) {
    return ws_error_set(err, WS_EINVAL, "no type or no object to decode into");
  }
  if (t->init == NULL) {
    return ws_error_set(err, WS_EINVAL, "%s is abstract and cannot be made",
                        t->name);
  }
  /* An all-zero target (the usual one) is read into in place, which saves
   * the move; a failure frees it back to all-zero, as it was. Any other is
   * replaced by a value built aside. */
  bool in_place = all_zero(obj, t->size);
  ws_aside a;
  void *fresh = in_place ? obj : ws_aside_room(&a, t->size);
  if (fresh == NULL) {
    return ws_error_set(err, WS_ENOMEM, "%s", ws_status_str(WS_ENOMEM));
  }
  ws_reader r;
  ws_reader_init(&r, json, len, opts, err);
  /* the value's text and arrays in a few shared blocks (ws_pool.c) */
  ws_pool_start(&r.pool, len);
  ws_path_set_type(&r, t->name);
  /* init fills all of fresh; an all-zero one needs no clearing first */
  ws_status status = in_place && t->init == ws_class_init
                         ? ws_class_init_zeroed(t, fresh)
                         : t->init(t, fresh);
  if (status != WS_OK) {
    ws_error_set(err, status, "%s", ws_status_str(status));
  } else {
    status = read_to_end(t, fresh, &r);
  }
  ws_reader_free(&r);
  if (status != WS_OK) {
    /* a failed read may leave a partial value */
    t->free(t, fresh);
    if (in_place) {
      memset(obj, 0, t->size);
    } else {
      ws_aside_release(&a);
    }
    return status;
  }
  if (!in_place) {
    t->free(t, obj);
    ws_aside_move(&a, obj, t->size);
  }
  return WS_OK;
}
