/* test_hs_query.c - a request target with a query of many names, as
 * parse_qs reads it (repeated names collect their values in order, names
 * keep their first appearance's place), at a cost that grows linearly
 * with the query: shown with no clock by the work of the map's name index
 * (internal/ws_name_index.h), which the parser looks each name up in. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "internal/ws_name_index.h"
#include "ws_handshake.h"

#define NAMES 10000

/* "GET /?n0=a&n1=a&...&n9999=a&n0=b&...&n9999=b HTTP/1.1" and a valid
 * block: every name twice, 20,000 fields. */
static char *many_names_request(size_t *len) {
  size_t cap = (size_t)NAMES * 2 * 12 + 512;
  char *req = malloc(cap);
  assert_non_null(req);
  size_t at = (size_t)snprintf(req, cap, "GET /?");
  for (int round = 0; round < 2; round++)
    for (int i = 0; i < NAMES; i++)
      at += (size_t)snprintf(req + at, cap - at, "%sn%d=%c",
                             round + i > 0 ? "&" : "", i, round ? 'b' : 'a');
  at += (size_t)snprintf(
      req + at, cap - at,
      " HTTP/1.1\r\nHost: h\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
      "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n"
      "Sec-WebSocket-Version: 13\r\n\r\n");
  assert_true(at < cap);
  *len = at;
  return req;
}

static void test_ten_thousand_names_cost_linear_work(void **state) {
  (void)state;
  size_t len;
  char *req = many_names_request(&len);
  ws_hs_server_options o;
  ws_hs_server_options_init(&o);
  o.max_header_bytes = len;
  ws_hs_server s;
  assert_int_equal(ws_hs_server_init(&s, &o, ws_cstr("tcp:127.0.0.1:1"), NULL),
                   WS_OK);
  assert_int_equal(ws_hs_server_feed(&s, req, len, NULL), WS_OK);
  assert_int_equal(s.state, WS_HS_REQUEST);

  const ab_map_str_list_str *params = &s.request.params;
  assert_int_equal(params->len, NAMES);
  char name[16];
  for (size_t i = 0; i < NAMES; i++) {
    snprintf(name, sizeof name, "n%zu", i);
    assert_string_equal(ws_str_c(&params->keys[i]), name);
    assert_int_equal(params->values[i].len, 2);
    assert_string_equal(ws_str_c(&params->values[i].items[0]), "a");
    assert_string_equal(ws_str_c(&params->values[i].items[1]), "b");
  }
  /* each field one lookup through the index, within a few steps a field
   * (a pass over the names per field would be some 10^8) */
  const ws_name_index *x = params->index;
  assert_non_null(x);
  assert_int_equal(x->indexed, NAMES);
  assert_int_equal(x->lookups, 2 * NAMES - WS_NAME_INDEX_FROM);
  assert_true(x->steps <= 8 * 2 * (size_t)NAMES);
  ws_hs_server_free(&s);
  free(req);
}

/* One name 10,000 times: one entry, its values in the query's order. */
static void test_one_name_collects_every_value_in_order(void **state) {
  (void)state;
  size_t cap = (size_t)NAMES * 12 + 512;
  char *req = malloc(cap);
  assert_non_null(req);
  size_t at = (size_t)snprintf(req, cap, "GET /?");
  for (int i = 0; i < NAMES; i++)
    at += (size_t)snprintf(req + at, cap - at, "%sa=%d", i ? "&" : "", i);
  at += (size_t)snprintf(
      req + at, cap - at,
      " HTTP/1.1\r\nHost: h\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
      "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n"
      "Sec-WebSocket-Version: 13\r\n\r\n");
  ws_hs_server_options o;
  ws_hs_server_options_init(&o);
  o.max_header_bytes = at;
  ws_hs_server s;
  assert_int_equal(ws_hs_server_init(&s, &o, ws_cstr("p"), NULL), WS_OK);
  assert_int_equal(ws_hs_server_feed(&s, req, at, NULL), WS_OK);
  assert_int_equal(s.state, WS_HS_REQUEST);
  assert_int_equal(s.request.params.len, 1);
  const ab_list_str *values = &s.request.params.values[0];
  assert_int_equal(values->len, NAMES);
  char value[16];
  for (size_t i = 0; i < NAMES; i++) {
    snprintf(value, sizeof value, "%zu", i);
    assert_string_equal(ws_str_c(&values->items[i]), value);
  }
  ws_hs_server_free(&s);
  free(req);
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_ten_thousand_names_cost_linear_work),
      cmocka_unit_test(test_one_name_collects_every_value_in_order),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
