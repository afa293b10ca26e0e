/* A decoded value's text and arrays share a few blocks (docs/generated-
 * api.md, "Ownership"): a decode makes few allocations, yet each field can
 * be freed, replaced, grown or kept on its own; decoding again releases
 * the old blocks; each allocation failing leaves nothing behind; a
 * repeated key is still refused among many. */
#include "failalloc.h"

#include <stdio.h>
#include <string.h>

#include "autobahn.h"

/* ---- documents ----------------------------------------------------------- */

static const char small_request[] =
    "{\"peer\":\"tcp:127.0.0.1:5423\","
    "\"headers\":{\"Host\":\"example.com\",\"Set-Cookie\":[\"a=1\",\"b=2\"],"
    "\"X-Empty\":[],\"X-Esc\":\"caf\\u00e9\"},"
    "\"host\":\"example.com\",\"path\":\"/ws\","
    "\"params\":{\"foo\":[\"23\",\"66\"],\"bar\":[\"2\"],\"none\":[]},"
    "\"version\":13,\"origin\":null,"
    "\"protocols\":[\"wamp.2.json\",\"wamp.2.msgpack\"],"
    "\"extensions\":[]}";

/* A request with n headers and n parameters, and one long string (room
 * for about 20 * n + long_len + 200 bytes). */
static size_t large_request(char *out, size_t size, size_t n,
                            size_t long_len) {
  size_t at = (size_t)snprintf(out, size, "{\"peer\":\"");
  for (size_t i = 0; i < long_len; i++)
    out[at++] = (char)('a' + i % 26);
  at += (size_t)snprintf(out + at, size - at, "\",\"headers\":{");
  for (size_t i = 0; i < n; i++)
    at += (size_t)snprintf(out + at, size - at, "%s\"h%zu\":\"v%zu\"",
                           i ? "," : "", i, i);
  at += (size_t)snprintf(out + at, size - at,
                         "},\"host\":\"h\",\"path\":\"/\",\"params\":{");
  for (size_t i = 0; i < n; i++)
    at += (size_t)snprintf(out + at, size - at, "%s\"p%zu\":[\"%zu\"]",
                           i ? "," : "", i, i);
  at += (size_t)snprintf(out + at, size - at,
                         "},\"version\":13,\"origin\":\"o\","
                         "\"protocols\":[\"x\"],\"extensions\":[]}");
  assert_true(at < size);
  return at;
}

static void decode_ok(ab_connection_request *v, const char *json,
                      size_t len) {
  ws_error err;
  assert_int_equal(ab_connection_request_decode(v, json, len, NULL, &err),
                   WS_OK);
}

/* ---- decoded values ------------------------------------------------------ */

static void test_decode_makes_few_allocations(void **state) {
  (void)state;
  static char json[64 * 1024];
  size_t len = large_request(json, sizeof json, 200, 100);
  ab_connection_request v = {0};
  failalloc_install();
  decode_ok(&v, small_request, strlen(small_request));
  /* one block (two under ASan, which keeps gaps between the pieces) */
  assert_true(failalloc_calls() <= 2);
  ab_connection_request_free(&v);
  failalloc_fail_at(0);
  decode_ok(&v, json, len);
  /* 200 headers and parameters: a few blocks and key tables, not ~1000 */
  assert_true(failalloc_calls() <= 8);
  ab_connection_request_free(&v);
  assert_int_equal(failalloc_live(), 0);
  failalloc_uninstall();
}

/* Every field freed, replaced or grown on its own, in an order unlike the
 * value's; the rest of the value stays intact meanwhile. */
static void test_fields_live_on_their_own(void **state) {
  (void)state;
  ab_connection_request v = {0};
  failalloc_install();
  decode_ok(&v, small_request, strlen(small_request));
  ws_str peer = v.peer; /* moved out */
  memset(&v.peer, 0, sizeof v.peer);
  ws_str_free(&v.path);
  assert_int_equal(ws_str_set_view(&v.host, ws_cstr("other")), WS_OK);
  assert_int_equal(ab_list_str_append(&v.protocols, ws_cstr("more")), WS_OK);
  assert_int_equal(ws_headers_add(&v.headers, ws_cstr("X-New"), ws_cstr("1")),
                   WS_OK);
  assert_int_equal(
      ws_str_set_view(&v.params.values[0].items[1], ws_cstr("67")), WS_OK);
  ab_list_str_free(&v.params.values[1]);
  assert_string_equal(ws_str_c(&v.headers.items[4].value), "caf\xc3\xa9");
  assert_string_equal(ws_str_c(&v.protocols.items[1]), "wamp.2.msgpack");
  assert_string_equal(ws_str_c(&v.protocols.items[2]), "more");
  ab_connection_request copy = {0};
  assert_int_equal(ab_connection_request_copy(&copy, &v), WS_OK);
  assert_true(ab_connection_request_equal(&copy, &v));
  ab_connection_request_free(&v);
  assert_string_equal(ws_str_c(&peer), "tcp:127.0.0.1:5423"); /* kept */
  ab_connection_request_free(&copy);
  ws_str_free(&peer);
  assert_int_equal(failalloc_live(), 0);
  failalloc_uninstall();
}

static void test_decode_again_releases_the_old_blocks(void **state) {
  (void)state;
  ab_connection_request v = {0};
  failalloc_install();
  decode_ok(&v, small_request, strlen(small_request));
  long blocks = failalloc_live();
  for (int i = 0; i < 3; i++)
    decode_ok(&v, small_request, strlen(small_request));
  assert_int_equal(failalloc_live(), blocks);
  ab_connection_request_free(&v);
  assert_int_equal(failalloc_live(), 0);
  failalloc_uninstall();
}

/* ---- allocation failure -------------------------------------------------- */

typedef struct decode_case {
  const char *json;
  size_t len;
  ab_connection_request v;
} decode_case;

static ws_status decode_op(void *ctx) {
  decode_case *c = ctx;
  return ab_connection_request_decode(&c->v, c->json, c->len, NULL, NULL);
}

static void decode_cleanup(void *ctx) {
  decode_case *c = ctx;
  ab_connection_request_free(&c->v);
}

/* Blocks, a piece too large for a block, arrays copied out of a block
 * that ran out, and key tables past their inline room: each allocation
 * failing gives WS_ENOMEM, leaves nothing behind, and leaks nothing. */
static void test_decode_survives_each_allocation_failing(void **state) {
  (void)state;
  static char json[64 * 1024];
  decode_case c;
  memset(&c, 0, sizeof c);
  c.json = json;
  c.len = large_request(json, sizeof json, 300, 9000);
  assert_true(failalloc_check(decode_op, decode_cleanup, &c) > 3);
  c.json = small_request;
  c.len = strlen(small_request);
  assert_true(failalloc_check(decode_op, decode_cleanup, &c) >= 1);
}

/* ---- repeated keys -------------------------------------------------------- */

static void test_repeated_key_found_among_many(void **state) {
  (void)state;
  static char json[64 * 1024];
  size_t len = large_request(json, sizeof json, 150, 1);
  ab_connection_request v = {0};
  ws_error err;
  char *dup = strstr(json, "\"h149\"");
  assert_non_null(dup);
  memcpy(dup, "\"h7\"  ", 6); /* "h7"  :"v149" */
  assert_int_equal(ab_connection_request_decode(&v, json, len, NULL, &err),
                   WS_EDUPLICATE);
  assert_non_null(strstr(err.msg, "h7"));
  memcpy(dup, "\"h149\"", 6);
  dup = strstr(json, "\"p140\"");
  assert_non_null(dup);
  memcpy(dup, "\"p99\" ", 6);
  assert_int_equal(ab_connection_request_decode(&v, json, len, NULL, &err),
                   WS_EDUPLICATE);
  assert_non_null(strstr(err.msg, "p99"));
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_decode_makes_few_allocations),
      cmocka_unit_test(test_fields_live_on_their_own),
      cmocka_unit_test(test_decode_again_releases_the_old_blocks),
      cmocka_unit_test(test_decode_survives_each_allocation_failing),
      cmocka_unit_test(test_repeated_key_found_among_many),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
