/* ws_encode.c - the encode frame: a class's value checked against its
 * constraints (max_len, range), written through its put_json or its str()
 * view, which check text for valid UTF-8 as they write, and the buffer cut
 * back to what it held when anything fails. */
#include "ws_encode.h"

#include "internal/ws_inline.h"
#include "ws_class.h"

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

/* ws_encode_with's body; inline, so that ws_class_encode holds the whole
 * frame: encode is the hottest path there is. */
static inline ws_status encode_frame(ws_put_fn put, const void *obj,
                                     ws_format format, ws_buf *out) {
  size_t start = out->len;
  ws_status st;
  if (out->status != WS_OK)
    return out->status;
  if (format == WS_FORMAT_JSON || format == WS_FORMAT_JSON_PYTHON) {
    put_job job = {put, obj, format};
    st = ws_buf_write_sized(out, run_put, &job);
  } else if (format == WS_FORMAT_STR) {
    put(out, obj, format);
    st = out->status;
  } else {
    return WS_EINVAL;
  }
  if (st != WS_OK)
    buf_truncate(out, start);
  return st;
}

ws_status ws_encode_with(ws_put_fn put, const void *obj, ws_format format,
                         ws_buf *out) {
  return encode_frame(put, obj, format, out);
}

ws_status ws_encode_failed(ws_status st, const char *class_name,
                           ws_error *err) {
  return ws_error_set(err, st, "cannot encode %s: %s", class_name,
                      ws_status_str(st));
}

/* The str() view of a class's value: here rather than in ws_class.c so
 * that encode's str() path below builds it in place. */
static inline void class_view(const ws_type *t, const void *v, ws_pv *out) {
  *out = ws_pv_none();
  out->kind = WS_PV_DICT;
  out->n = t->field_count;
  out->obj = v;
  out->keys_sorted = true;
  out->min_width = t->min_width;
  out->keys_plain = (t->flags & WS_TYPE_KEYS_PLAIN) != 0;
  out->child = t->child;
}

void ws_class_pv(const ws_type *t, const void *v, ws_pv *out) {
  class_view(t, v, out);
}

/* A value of a class, for the str() form's put function. */
typedef struct class_value {
  const ws_type *t;
  const void *v;
} class_value;

/* pformat of the class's view (ws_pformat sizes its output itself). */
static void put_view(ws_buf *b, const void *obj, ws_format format) {
  const class_value *cv = obj;
  ws_pv pv;
  (void)format;
  ws_class_pv(cv->t, cv->v, &pv);
  ws_pformat(b, &pv);
}

/* Why encode failed, in err: invalid UTF-8 named by its field, as
 * check_text names it, a float JSON cannot carry (NaN, infinity) named by
 * its field, else the status. */
static ws_status encode_failed(const ws_type *t, const void *v, ws_status st,
                               ws_error *err) {
  if (st == WS_EUTF8 && ws_class_check_text(t, v, err) != WS_OK)
    return st;
  if (st == WS_ERANGE && ws_class_check_finite(t, v, err) != WS_OK)
    return st;
  return ws_encode_failed(st, t->name, err);
}

/* Everything but the common case below: a value that dispatches to another
 * class, a class with constraints to check, the str() form, a buffer that
 * has already failed. */
WS_NOINLINE static ws_status class_encode_general(const ws_type *t,
                                                  const void *v,
                                                  ws_format format, ws_buf *out,
                                                  ws_error *err) {
  const ws_type *h = ws_class_handler(t, v);
  ws_status st;
  if (h != t) {
    if (h == NULL)
      return ws_error_set(err, WS_EINVAL,
                          "cannot encode a %s that has no class", t->name);
    return h->encode(h, v, format, out, err);
  }
  /* a value that breaks a constraint is refused before anything is
   * written; a class that promises it has none is spared the look */
  if (!(t->flags & WS_TYPE_UNCONSTRAINED)) {
    st = ws_class_check_depth(t, v, err);
    if (st == WS_OK)
      st = ws_class_check_constraints(t, v, err);
    if (st != WS_OK)
      return st;
  }
  if (format == WS_FORMAT_STR) {
    class_value cv = {t, v};
    st = encode_frame(put_view, &cv, format, out);
  } else {
    st = encode_frame(t->put_json, v, format, out);
  }
  return st == WS_OK ? WS_OK : encode_failed(t, v, st, err);
}

/* The common case's job: what the write needs, and what a failure needs
 * afterwards. The failure path reads the latter back from here, so the
 * common case keeps next to nothing in registers across the write and its
 * frame saves next to none. */
typedef struct class_job {
  put_job put;
  const ws_type *t;
  ws_buf *out;
  size_t start;
  ws_error *err;
} class_job;

WS_NOINLINE static ws_status class_encode_failed(const class_job *job,
                                                 ws_status st) {
  buf_truncate(job->out, job->start);
  return encode_failed(job->t, job->put.obj, st, job->err);
}

/* Here rather than in ws_class.c so that the frame above inlines into it.
 * A class that neither dispatches nor has constraints, written into a
 * buffer that has not failed, is the common case: JSON goes straight to
 * the writer and str() straight to pformat, in a small frame of their own
 * (about 15 instructions an encode fewer than the general frame, 30 a
 * str()). */
ws_status ws_class_encode(const ws_type *t, const void *v, ws_format format,
                          ws_buf *out, ws_error *err) {
  if ((t->flags & (WS_TYPE_DISPATCHES | WS_TYPE_UNCONSTRAINED)) !=
          WS_TYPE_UNCONSTRAINED ||
      out->status != WS_OK)
    return class_encode_general(t, v, format, out, err);
  class_job job = {{t->put_json, v, format}, t, out, out->len, err};
  ws_status st;
  if (format == WS_FORMAT_JSON || format == WS_FORMAT_JSON_PYTHON) {
    st = ws_buf_write_sized(out, run_put, &job.put);
  } else if (format == WS_FORMAT_STR) {
    ws_pv pv;
    class_view(t, v, &pv);
    ws_pformat(out, &pv);
    st = out->status;
  } else {
    return class_encode_general(t, v, format, out, err);
  }
  return st == WS_OK ? WS_OK : class_encode_failed(&job, st);
}
