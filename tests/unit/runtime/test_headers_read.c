/* Tests for ws_headers_read.c: a JSON headers object read into a
 * ws_headers, strings and lists of strings in order, duplicate names, the
 * errors with their paths, many names, and allocation failure. */
#include "failalloc.h"

#include <stdio.h>
#include <string.h>

#include "json_doc.h"
#include "ws_headers.h"
#include "ws_str.h"

/* ---- helpers ------------------------------------------------------------- */

static ws_status read_headers_doc(doc *d, const char *json, ws_headers *h) {
  ws_reader *r = open_doc(d, json);
  const char *key;
  size_t len;
  ws_read_object_begin(r, "an object");
  while (ws_read_object_next(r, &key, &len)) {
    ws_path_push_key(r, key, len);
    ws_read_headers(r, h);
    ws_path_pop(r);
  }
  ws_read_end(r);
  ws_reader_free(r);
  return d->r.status;
}

static void expect_header(const ws_headers *h, size_t i, const char *name,
                          const char *value) {
  assert_true(i < h->len);
  assert_string_equal(ws_str_c(&h->items[i].name), name);
  assert_string_equal(ws_str_c(&h->items[i].value), value);
}

/* "{\"headers\": {\"x-h-0\": \"0\", ...}}" with n names; then `extra`. */
static void many_headers_doc(char *out, size_t size, size_t n,
                             const char *extra) {
  size_t len = (size_t)snprintf(out, size, "{\"headers\": {");
  for (size_t i = 0; i < n; i++) {
    len += (size_t)snprintf(out + len, size - len, "%s\"x-h-%zu\": \"%zu\"",
                            i ? ", " : "", i, i);
  }
  snprintf(out + len, size - len, "%s}}", extra);
}

/* ---- headers ------------------------------------------------------------- */

static void test_headers_strings_and_lists_in_order(void **state) {
  (void)state;
  doc d;
  ws_headers h = {NULL, 0, 0, NULL};
  assert_int_equal(
      read_headers_doc(&d,
                       "{\"headers\": {\"Host\": \"example.com\", "
                       "\"Set-Cookie\": [\"a=1\", \"b=2\"], \"X\": [], "
                       "\"host\": \"\"}}",
                       &h),
      WS_OK);
  assert_int_equal(h.len, 5);
  expect_header(&h, 0, "Host", "example.com");
  expect_header(&h, 1, "Set-Cookie", "a=1");
  expect_header(&h, 2, "Set-Cookie", "b=2");
  expect_header(&h, 3, "X", ""); /* the empty list's own entry */
  expect_header(&h, 4, "host", "");
  assert_int_equal(h.items[0].shape, WS_HEADER_STRING);
  assert_int_equal(h.items[1].shape, WS_HEADER_LIST_ITEM);
  assert_int_equal(h.items[2].shape, WS_HEADER_LIST_ITEM);
  assert_int_equal(h.items[3].shape, WS_HEADER_EMPTY_LIST);
  assert_int_equal(h.items[4].shape, WS_HEADER_STRING);
  ws_headers_free(&h);
}

static void test_headers_empty_object(void **state) {
  (void)state;
  doc d;
  ws_headers h = {NULL, 0, 0, NULL};
  assert_int_equal(read_headers_doc(&d, "{\"headers\": {}}", &h), WS_OK);
  assert_int_equal(h.len, 0);
}

static void test_headers_replace_previous_entries(void **state) {
  (void)state;
  doc d;
  ws_headers h = {NULL, 0, 0, NULL};
  assert_int_equal(ws_headers_add(&h, ws_cstr("Old"), ws_cstr("1")), WS_OK);
  assert_int_equal(read_headers_doc(&d, "{\"h\": {\"New\": \"2\"}}", &h),
                   WS_OK);
  assert_int_equal(h.len, 1);
  expect_header(&h, 0, "New", "2");
  ws_headers_free(&h);
}

static void test_headers_duplicate_name_is_error(void **state) {
  (void)state;
  doc d;
  ws_headers h = {NULL, 0, 0, NULL};
  assert_int_equal(ws_headers_add(&h, ws_cstr("Old"), ws_cstr("1")), WS_OK);
  assert_int_equal(
      read_headers_doc(
          &d, "{\"headers\": {\"Host\": \"a\",\n \"Host\": \"b\"}}", &h),
      WS_EDUPLICATE);
  expect_error(&d, WS_EDUPLICATE, 2, 2, "$.headers",
               "duplicate key \"Host\" in $.headers");
  assert_int_equal(h.len, 1); /* unchanged on failure */
  expect_header(&h, 0, "Old", "1");
  ws_headers_free(&h);
}

static void test_headers_duplicate_after_empty_list_is_error(void **state) {
  (void)state;
  doc d;
  ws_headers h = {NULL, 0, 0, NULL};
  assert_int_equal(
      read_headers_doc(&d, "{\"h\": {\"X-A\": [], \"X-A\": \"1\"}}", &h),
      WS_EDUPLICATE);
  assert_string_equal(d.err.msg, "duplicate key \"X-A\" in $.h");
  assert_int_equal(h.len, 0);
}

static void test_headers_names_differing_in_case_are_not_duplicates(void **s) {
  (void)s;
  doc d;
  ws_headers h = {NULL, 0, 0, NULL};
  assert_int_equal(
      read_headers_doc(&d, "{\"h\": {\"Host\": \"a\", \"HOST\": \"b\"}}", &h),
      WS_OK);
  assert_int_equal(h.len, 2);
  ws_headers_free(&h);
}

static void test_headers_value_wrong_type(void **state) {
  (void)state;
  doc d;
  ws_headers h = {NULL, 0, 0, NULL};
  assert_int_equal(read_headers_doc(&d, "{\"headers\": {\"Host\": 1}}", &h),
                   WS_ETYPE);
  expect_error(&d, WS_ETYPE, 1, 22, "$.headers.Host",
               "expected a string or a list of strings for $.headers.Host, "
               "found number 1");
}

static void test_headers_list_element_wrong_type(void **state) {
  (void)state;
  doc d;
  ws_headers h = {NULL, 0, 0, NULL};
  assert_int_equal(
      read_headers_doc(&d, "{\"headers\": {\"Set-Cookie\": [\"a\", null]}}",
                       &h),
      WS_ETYPE);
  expect_error(
      &d, WS_ETYPE, 1, 34, "$.headers[\"Set-Cookie\"][1]",
      "expected a string for $.headers[\"Set-Cookie\"][1], found null");
  assert_int_equal(h.len, 0);
}

static void test_headers_not_an_object(void **state) {
  (void)state;
  doc d;
  ws_headers h = {NULL, 0, 0, NULL};
  assert_int_equal(read_headers_doc(&d, "{\"headers\": [\"Host\"]}", &h),
                   WS_ETYPE);
  assert_string_equal(d.err.msg,
                      "expected a headers object for $.headers, found array");
}

/* ---- many names ---------------------------------------------------------- */

static void test_headers_many_names_are_all_kept(void **state) {
  (void)state;
  static char json[16384];
  many_headers_doc(json, sizeof json, 300, "");
  doc d;
  ws_headers h = {NULL, 0, 0, NULL};
  assert_int_equal(read_headers_doc(&d, json, &h), WS_OK);
  assert_int_equal(h.len, 300);
  expect_header(&h, 0, "x-h-0", "0");
  expect_header(&h, 299, "x-h-299", "299");
  ws_headers_free(&h);
}

static void test_headers_duplicate_found_among_many_names(void **state) {
  (void)state;
  static char json[16384];
  many_headers_doc(json, sizeof json, 300, ", \"x-h-157\": \"again\"");
  doc d;
  ws_headers h = {NULL, 0, 0, NULL};
  assert_int_equal(read_headers_doc(&d, json, &h), WS_EDUPLICATE);
  assert_string_equal(d.err.msg, "duplicate key \"x-h-157\" in $.headers");
  assert_int_equal(h.len, 0);
}

/* ---- allocation failure -------------------------------------------------- */

/* What the sweep reads, and where the headers go. */
typedef struct headers_case {
  const char *json;
  ws_headers headers;
} headers_case;

static void free_headers_case(void *ctx) {
  headers_case *c = ctx;
  ws_headers_free(&c->headers);
}

static ws_status op_read_headers(void *ctx) {
  headers_case *c = ctx;
  doc d;
  ws_reader *r = open_doc(&d, c->json);
  ws_read_headers(r, &c->headers);
  ws_read_end(r);
  ws_reader_free(r);
  return d.r.status;
}

static void test_read_headers_survives_allocation_failure(void **state) {
  (void)state;
  headers_case c = {"{\"Host\": \"a\", \"Set-Cookie\": [\"x\", \"y\"], "
                    "\"E\": []}",
                    {NULL, 0, 0, NULL}};
  assert_true(failalloc_check(op_read_headers, free_headers_case, &c) >= 3);
  assert_int_equal(op_read_headers(&c), WS_OK); /* the sweep freed its own */
  assert_int_equal(c.headers.len, 4); /* E's empty list is an entry */
  free_headers_case(&c);
}

static void test_many_headers_survive_allocation_failure(void **state) {
  (void)state;
  static char json[8192];
  /* 100 names: past the stack room for names, entries and the table. */
  many_headers_doc(json, sizeof json, 100, "");
  headers_case c = {json + strlen("{\"headers\": "), {NULL, 0, 0, NULL}};
  json[strlen(json) - 1] = '\0'; /* the headers object alone */
  assert_true(failalloc_check(op_read_headers, free_headers_case, &c) >= 100);
  assert_int_equal(op_read_headers(&c), WS_OK);
  assert_int_equal(c.headers.len, 100);
  free_headers_case(&c);
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_headers_strings_and_lists_in_order),
      cmocka_unit_test(test_headers_empty_object),
      cmocka_unit_test(test_headers_replace_previous_entries),
      cmocka_unit_test(test_headers_duplicate_name_is_error),
      cmocka_unit_test(test_headers_duplicate_after_empty_list_is_error),
      cmocka_unit_test(test_headers_names_differing_in_case_are_not_duplicates),
      cmocka_unit_test(test_headers_value_wrong_type),
      cmocka_unit_test(test_headers_list_element_wrong_type),
      cmocka_unit_test(test_headers_not_an_object),
      cmocka_unit_test(test_headers_many_names_are_all_kept),
      cmocka_unit_test(test_headers_duplicate_found_among_many_names),
      cmocka_unit_test(test_read_headers_survives_allocation_failure),
      cmocka_unit_test(test_many_headers_survive_allocation_failure),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
