/* ws_encode.c - ws_encode_with, the sizing and rollback around a generated
 * put function. */
#include "ws_encode.h"

/* A value to write in a format, as ws_buf_write_sized runs it. */
typedef struct put_job {
  ws_put_fn put;
  const void *obj;
  ws_format format;
} put_job;

static void run_put(ws_buf *b, const void *job) {
  const put_job *j = job;
  j->put(b, j->obj, j->format);
}

/* Cuts out back to len bytes and clears its failure: what out held before
 * an encode that failed. */
static void buf_truncate(ws_buf *out, size_t len) {
  out->len = len;
  out->status = WS_OK;
  if (out->data != NULL)
    out->data[len] = '\0';
}

ws_status ws_encode_with(ws_put_fn put, const void *obj, ws_format format,
                         ws_buf *out) {
  size_t start = out->len;
  ws_status st;
  if (out->status != WS_OK)
    return out->status;
  if (format != WS_FORMAT_JSON && format != WS_FORMAT_JSON_PYTHON &&
      format != WS_FORMAT_STR)
    return WS_EINVAL;
  if (format == WS_FORMAT_STR) {
    put(out, obj, format);
    st = out->status;
  } else {
    put_job job = {put, obj, format};
    st = ws_buf_write_sized(out, run_put, &job);
  }
  if (st != WS_OK)
    buf_truncate(out, start);
  return st;
}

ws_status ws_encode_failed(ws_status st, const char *class_name,
                           ws_error *err) {
  return ws_error_set(err, st, "cannot encode %s: %s", class_name,
                      ws_status_str(st));
}
