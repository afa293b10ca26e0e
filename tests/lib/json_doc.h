/* json_doc.h - a JSON reader over a literal, for the reader's unit tests
 * (tests/unit/runtime/test_json_*.c, test_headers_read.c).
 *
 * Header-only; it includes cmocka.h and what cmocka needs. Each function is
 * static inline, so a test that uses only some of them builds warning-free.
 *
 *   doc                 a reader and the error record it fills
 *   open_doc, open_n    start reading a NUL-terminated literal, or len bytes
 *                       of one (for embedded NULs)
 *   expect_error        asserts the reader's status and the whole record:
 *                       code, line, column, path and message
 *   read_top_int        reads a document that is one integer, to the end
 *   read_member_int     reads {"key": <integer>, ...} with each key pushed
 *                       on the path
 */
#ifndef WS_TESTS_JSON_DOC_H
#define WS_TESTS_JSON_DOC_H

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "ws_json_read.h"

typedef struct doc {
  ws_reader r;
  ws_error err;
} doc;

static inline ws_reader *open_n(doc *d, const char *json, size_t len) {
  ws_reader_init(&d->r, json, len, NULL, &d->err);
  return &d->r;
}

static inline ws_reader *open_doc(doc *d, const char *json) {
  return open_n(d, json, strlen(json));
}

static inline void expect_error(const doc *d, ws_status code, size_t line,
                                size_t col, const char *path, const char *msg) {
  assert_int_equal(d->r.status, code);
  assert_int_equal(d->err.code, code);
  assert_string_equal(d->err.msg, msg);
  assert_string_equal(d->err.path, path);
  assert_int_equal(d->err.line, line);
  assert_int_equal(d->err.col, col);
}

static inline ws_status read_top_int(doc *d, const char *json, int64_t *out) {
  ws_reader *r = open_doc(d, json);
  ws_read_int(r, out);
  ws_read_end(r);
  ws_reader_free(r);
  return d->r.status;
}

static inline ws_status read_member_int(doc *d, const char *json,
                                        int64_t *out) {
  ws_reader *r = open_doc(d, json);
  const char *key;
  size_t len;
  ws_read_object_begin(r, "an object");
  while (ws_read_object_next(r, &key, &len)) {
    ws_path_push_key(r, key, len);
    ws_read_int(r, out);
    ws_path_pop(r);
  }
  ws_read_end(r);
  ws_reader_free(r);
  return d->r.status;
}

#endif
