/* headers_check.h - building a ws_headers and checking the JSON it writes,
 * for the tests of ws_headers.c (tests/unit/runtime/test_headers*.c).
 *
 * Header-only, as failalloc.h; each function is static inline.
 *
 *   S(lit)                 a string literal as a ws_str view (NULs kept)
 *   add(h, name, value)    adds an entry, asserting it was added
 *   json_of(h, mode)       the JSON the map writes (caller frees), having
 *                          checked that the measuring pass agrees on its
 *                          length
 *   expect_json(h, mode, expected)
 */
#ifndef WS_TESTS_HEADERS_CHECK_H
#define WS_TESTS_HEADERS_CHECK_H

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include "ws_buf.h"
#include "ws_headers.h"

#define S(lit) ws_str_view(lit, sizeof(lit) - 1)

static inline void add(ws_headers *h, const char *name, const char *value) {
  assert_int_equal(ws_headers_add(h, ws_cstr(name), ws_cstr(value)), WS_OK);
}

static inline ws_buf json_of(const ws_headers *h, ws_json_mode mode) {
  ws_buf b;
  ws_buf_init(&b);
  ws_headers_put_json(&b, h, mode);
  assert_int_equal(b.status, WS_OK);
  ws_buf m;
  ws_buf_measure(&m);
  ws_headers_put_json(&m, h, mode);
  assert_int_equal(m.len, b.len);
  return b;
}

static inline void expect_json(const ws_headers *h, ws_json_mode mode,
                               const char *expected) {
  ws_buf b = json_of(h, mode);
  assert_string_equal(b.data, expected);
  ws_buf_free(&b);
}

#endif
