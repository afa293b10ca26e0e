/* Tests for ws_json_path.c: the path stack decoders push and pop, the path
 * as an error message writes it ($.a["b-c"][3]), type labels, its depth
 * limit, and keys on the path under allocation failure. */
#include "failalloc.h"

#include <string.h>

#include "json_doc.h"

/* ---- the path as text ---------------------------------------------------- */

static void test_member_type_error_with_path(void **state) {
  (void)state;
  doc d;
  int64_t v;
  assert_int_equal(read_member_int(&d, "{\"port\": \"80\"}", &v), WS_ETYPE);
  expect_error(&d, WS_ETYPE, 1, 10, "$.port",
               "expected an integer for $.port, found string \"80\"");
}

static void test_path_identifier_key_uses_dot(void **state) {
  (void)state;
  doc d;
  ws_reader *r = open_doc(&d, "");
  char path[64];
  ws_path_push_key(r, "headers", 7);
  ws_path_push_key(r, "Host", 4);
  ws_reader_path(r, path, sizeof path);
  assert_string_equal(path, "$.headers.Host");
  ws_reader_free(r);
}

static void test_path_other_keys_use_quoted_brackets(void **state) {
  (void)state;
  doc d;
  ws_reader *r = open_doc(&d, "");
  char path[128];
  ws_path_push_key(r, "headers", 7);
  ws_path_push_key(r, "Set-Cookie", 10);
  ws_reader_path(r, path, sizeof path);
  assert_string_equal(path, "$.headers[\"Set-Cookie\"]");
  ws_path_pop(r);
  ws_path_push_key(r, "1st", 3);
  ws_path_push_key(r, "", 0);
  ws_path_push_key(r, "q\"\\\n\xc3\xa9", 6);
  ws_reader_path(r, path, sizeof path);
  assert_string_equal(path,
                      "$.headers[\"1st\"][\"\"][\"q\\\"\\\\\\n\xc3\xa9\"]");
  ws_reader_free(r);
}

static void test_path_indexes_and_pop(void **state) {
  (void)state;
  doc d;
  ws_reader *r = open_doc(&d, "");
  char path[64];
  ws_path_push_key(r, "protocols", 9);
  ws_path_push_index(r, 3);
  ws_reader_path(r, path, sizeof path);
  assert_string_equal(path, "$.protocols[3]");
  ws_path_pop(r);
  ws_path_pop(r);
  ws_path_pop(r); /* one too many: harmless */
  ws_reader_path(r, path, sizeof path);
  assert_string_equal(path, "$");
  ws_reader_free(r);
}

static void test_path_survives_key_storage_growth(void **state) {
  (void)state;
  doc d;
  ws_reader *r = open_doc(&d, "");
  char key[200], path[256];
  memset(key, 'k', sizeof key);
  ws_path_push_key(r, "a", 1);
  for (int i = 0; i < 3; i++) {
    assert_int_equal(ws_path_push_key(r, key, 50), WS_OK);
  }
  ws_path_push_key(r, "z", 1);
  ws_reader_path(r, path, sizeof path);
  assert_int_equal(strncmp(path, "$.a.kkk", 7), 0);
  assert_string_equal(path + strlen(path) - 2, ".z");
  ws_reader_free(r);
}

static void test_path_is_truncated_to_its_buffer(void **state) {
  (void)state;
  doc d;
  ws_reader *r = open_doc(&d, "");
  char path[6];
  ws_path_push_key(r, "abcdef", 6);
  ws_reader_path(r, path, sizeof path);
  assert_string_equal(path, "$.abc");
  ws_reader_free(r);
}

static void test_path_names_escaped_key_decoded(void **state) {
  (void)state;
  doc d;
  int64_t v = 0;
  assert_int_equal(read_member_int(&d, "{\"a\\u0062\": \"x\"}", &v), WS_ETYPE);
  assert_string_equal(d.err.path, "$.ab");
}

/* ---- type labels --------------------------------------------------------- */

static void test_type_label_follows_the_path(void **state) {
  (void)state;
  doc d;
  int64_t v = 0;
  ws_reader *r = open_doc(&d, "{\"port\": \"80\"}");
  const char *key;
  size_t len;
  ws_path_set_type(r, "Thing");
  ws_read_object_begin(r, "an object");
  assert_true(ws_read_object_next(r, &key, &len));
  ws_path_push_key(r, key, len);
  ws_path_set_type(r, "int, 64-bit");
  assert_int_equal(ws_read_int(r, &v), WS_ETYPE);
  expect_error(&d, WS_ETYPE, 1, 10, "$.port",
               "expected an integer for $.port (int, 64-bit), found string "
               "\"80\"");
  ws_reader_free(r);
}

static void test_root_type_label_names_the_class(void **state) {
  (void)state;
  doc d;
  ws_reader *r = open_doc(&d, "[]");
  ws_path_set_type(r, "Thing");
  assert_int_equal(ws_read_object_begin(r, "an object"), WS_ETYPE);
  expect_error(&d, WS_ETYPE, 1, 1, "$",
               "expected an object for $ (Thing), found array");
  ws_reader_free(r);
}

static void test_pushed_segment_starts_without_a_label(void **state) {
  (void)state;
  doc d;
  bool b = false;
  ws_reader *r = open_doc(&d, "[1]");
  ws_path_set_type(r, "Thing");
  ws_read_array_begin(r, "an array");
  assert_true(ws_read_array_next(r));
  ws_path_push_index(r, 0);
  assert_int_equal(ws_read_bool(r, &b), WS_ETYPE);
  expect_error(&d, WS_ETYPE, 1, 2, "$[0]",
               "expected true or false for $[0], found number 1");
  ws_reader_free(r);
}

/* ---- depth --------------------------------------------------------------- */

static void test_path_push_beyond_max_depth_is_depth_error(void **state) {
  (void)state;
  doc d;
  ws_reader *r = open_doc(&d, "");
  for (size_t i = 0; i < WS_JSON_MAX_DEPTH; i++) {
    assert_int_equal(ws_path_push_index(r, i), WS_OK);
  }
  assert_int_equal(ws_path_push_index(r, 0), WS_EDEPTH);
  assert_string_equal(d.err.msg, "nesting deeper than 64 levels");
  ws_reader_free(r);
}

/* ---- allocation failure -------------------------------------------------- */

/* What the sweep reads, and the sum of its members' values. */
typedef struct members_case {
  const char *json;
  int64_t sum;
} members_case;

/* Every member's value summed, with keys pushed on the path. */
static ws_status op_read_members(void *ctx) {
  members_case *c = ctx;
  doc d;
  ws_reader *r = open_doc(&d, c->json);
  const char *key;
  size_t len;
  c->sum = 0;
  ws_read_object_begin(r, "an object");
  while (ws_read_object_next(r, &key, &len)) {
    int64_t v = 0;
    ws_path_push_key(r, key, len);
    ws_read_int(r, &v);
    ws_path_pop(r);
    c->sum += v;
  }
  ws_read_end(r);
  ws_reader_free(r);
  return d.r.status;
}

static void test_keys_and_path_survive_allocation_failure(void **state) {
  (void)state;
  /* A key longer than the reader's inline room makes the key scratch grow;
   * its escape makes the path keep a decoded copy (a plain key's path
   * segment points at the source instead). */
  members_case c = {"{\"a\": 1, \"a-rather-long-key-that-needs-more-room-"
                    "than-the-inline-buffer-has-for-it\\u0021\": 2, \"b\": 3}",
                    0};
  /* op_read_members builds nothing that outlives it: no cleanup. */
  assert_true(failalloc_check(op_read_members, NULL, &c) >= 2);
  assert_int_equal(c.sum, 6);
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_member_type_error_with_path),
      cmocka_unit_test(test_path_identifier_key_uses_dot),
      cmocka_unit_test(test_path_other_keys_use_quoted_brackets),
      cmocka_unit_test(test_path_indexes_and_pop),
      cmocka_unit_test(test_path_survives_key_storage_growth),
      cmocka_unit_test(test_path_is_truncated_to_its_buffer),
      cmocka_unit_test(test_path_names_escaped_key_decoded),
      cmocka_unit_test(test_type_label_follows_the_path),
      cmocka_unit_test(test_root_type_label_names_the_class),
      cmocka_unit_test(test_pushed_segment_starts_without_a_label),
      cmocka_unit_test(test_path_push_beyond_max_depth_is_depth_error),
      cmocka_unit_test(test_keys_and_path_survive_allocation_failure),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
