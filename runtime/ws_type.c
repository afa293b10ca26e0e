/* ws_type.c - what every class descriptor shares: the subclass test and
 * decoding by descriptor. */
#include "ws_type.h"

#include <string.h>

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
  ws_reader r;
  ws_reader_init(&r, json, len, opts, err);
  ws_path_set_type(&r, t->name);
  ws_status status = t->init(t, obj); /* which fills all of obj */
  if (status != WS_OK) {
    ws_error_set(err, status, "%s", ws_status_str(status));
  } else {
    status = read_to_end(t, obj, &r);
  }
  if (status != WS_OK) {
    /* A failed decode may leave a partial value: release it and hand back
     * the all-zero state, which is safe to free again. */
    t->free(t, obj);
    memset(obj, 0, t->size);
  }
  ws_reader_free(&r);
  return status;
}
