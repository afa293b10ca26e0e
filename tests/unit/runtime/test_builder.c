/* Tests for ws_builder.c: a value built through a builder takes one
 * block, and each of its fields can then be freed, replaced or grown on
 * its own, through the library, in any order; every allocation may
 * fail. */
#include "failalloc.h"

#include <stdio.h>
#include <string.h>

#include "ws_builder.h"
#include "ws_headers.h"
#include "ws_list.h"
#include "ws_str.h"

/* n headers "name<i>: value<i>" into h, through b. */
static ws_status build_headers(ws_builder *b, ws_headers *h, size_t n) {
  ws_status st = ws_builder_grow(b, (void **)&h->items, &h->cap, n,
                                 sizeof *h->items);
  for (size_t i = 0; i < n && st == WS_OK; i++) {
    char name[32];
    char value[32];
    snprintf(name, sizeof name, "name%zu", i);
    snprintf(value, sizeof value, "value%zu", i);
    ws_header *e = &h->items[h->len++];
    st = ws_builder_set(b, &e->name, ws_cstr(name));
    if (st == WS_OK)
      st = ws_builder_set(b, &e->value, ws_cstr(value));
  }
  ws_builder_fit(b, h->items, h->len, sizeof *h->items, &h->cap);
  return st;
}

static void test_one_block_for_the_value(void **state) {
  (void)state;
  failalloc_install();
  ws_builder b;
  ws_headers h;
  ws_headers_init(&h);
  ws_builder_start(&b, 1000);
  assert_int_equal(build_headers(&b, &h, 12), WS_OK);
  ws_builder_finish(&b);
  assert_int_equal(failalloc_calls(), 1);
  assert_int_equal(h.len, 12);
  assert_int_equal(h.cap, 12);
  assert_string_equal(ws_str_c(&h.items[11].value), "value11");
  const ws_str *v = ws_headers_get(&h, ws_cstr("name3"));
  assert_non_null(v);
  assert_string_equal(ws_str_c(v), "value3");
  ws_headers_free(&h);
  assert_int_equal(failalloc_live(), 0);
  failalloc_uninstall();
}

static void test_fields_stay_the_callers(void **state) {
  (void)state;
  failalloc_install();
  ws_builder b;
  ws_headers h;
  ws_headers_init(&h);
  ws_str s = {NULL, 0};
  ws_builder_start(&b, 100);
  assert_int_equal(build_headers(&b, &h, 3), WS_OK);
  assert_int_equal(ws_builder_set(&b, &s, ws_cstr("shared")), WS_OK);
  /* a copy of a view of its own text */
  assert_int_equal(ws_builder_set(&b, &s, ws_str_view(s.ptr + 1, 4)), WS_OK);
  assert_string_equal(ws_str_c(&s), "hare");
  char *at = NULL;
  ws_str empty = {NULL, 0};
  assert_int_equal(ws_builder_text(&b, &empty, 0, &at), WS_OK);
  assert_null(at);
  assert_null(empty.ptr);
  ws_builder_finish(&b);
  assert_int_equal(failalloc_live(), 1);
  /* replace one field, free another, grow the array: each alone */
  assert_int_equal(ws_str_set(&h.items[0].value, "new", 3), WS_OK);
  ws_str_free(&h.items[1].name);
  assert_int_equal(ws_str_set(&h.items[1].name, "again", 5), WS_OK);
  assert_int_equal(ws_headers_add(&h, ws_cstr("late"), ws_cstr("x")), WS_OK);
  assert_int_equal(h.len, 4);
  assert_string_equal(ws_str_c(&h.items[2].value), "value2");
  ws_headers_free(&h);
  assert_int_equal(failalloc_live(), 1); /* s still holds the block */
  assert_string_equal(ws_str_c(&s), "hare");
  ws_str_free(&s);
  assert_int_equal(failalloc_live(), 0);
  failalloc_uninstall();
}

/* More than the first block holds: more blocks, each freed with its last
 * field. */
static void test_more_blocks_when_the_hint_falls_short(void **state) {
  (void)state;
  failalloc_install();
  ws_builder b;
  ws_headers h;
  ws_headers_init(&h);
  ws_builder_start(&b, 10);
  assert_int_equal(build_headers(&b, &h, 200), WS_OK);
  ws_builder_finish(&b);
  assert_true(failalloc_calls() > 1);
  assert_string_equal(ws_str_c(&h.items[199].name), "name199");
  ws_headers_free(&h);
  assert_int_equal(failalloc_live(), 0);
  failalloc_uninstall();
}

typedef struct sweep_ctx {
  ws_headers h;
} sweep_ctx;

static ws_status op_build(void *ctx) {
  sweep_ctx *c = ctx;
  ws_builder b;
  ws_builder_start(&b, 50);
  ws_status st = build_headers(&b, &c->h, 40);
  ws_builder_finish(&b);
  return st;
}

static void cleanup_build(void *ctx) {
  sweep_ctx *c = ctx;
  ws_headers_free(&c->h);
}

static void test_sweep_every_allocation(void **state) {
  (void)state;
  sweep_ctx c;
  memset(&c, 0, sizeof c);
  assert_true(failalloc_check(op_build, cleanup_build, &c) >= 2);
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_one_block_for_the_value),
      cmocka_unit_test(test_fields_stay_the_callers),
      cmocka_unit_test(test_more_blocks_when_the_hint_falls_short),
      cmocka_unit_test(test_sweep_every_allocation),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
