/* Tests for ws_kind_enum.c: an enum's values stored as member indexes and
 * shown, written and read as the members' values, over hand-written enums
 * laid out as generated ones are (a string-valued Side, an int-valued
 * Close, and a list of Side). */
#include "failalloc.h"

#include <string.h>

#include "ws_kind_enum.h"

typedef enum t_side { T_SIDE_BUY = 0, T_SIDE_SELL = 1 } t_side;
typedef enum t_close { T_CLOSE_NORMAL = 0, T_CLOSE_AWAY = 1 } t_close;

static const ws_enum_member side_members[] = {
    {"BUY", "buy", 3, 0},
    {"SELL", "s\"ell", 5, 0},
};
static const ws_enum_kind side_kind = {
    .kind = WS_ENUM_KIND(t_side, "Side"),
    .c_name = "t_side",
    .doc = "",
    .members = side_members,
    .count = 2,
};

static const ws_enum_member close_members[] = {
    {"NORMAL", NULL, 0, 1000},
    {"AWAY", NULL, 0, -9007199254740993},
};
static const ws_enum_kind close_kind = {
    .kind = WS_ENUM_KIND(t_close, "Close"),
    .c_name = "t_close",
    .doc = "",
    .is_int = true,
    .members = close_members,
    .count = 2,
};

typedef struct t_list_side {
  t_side *items;
  size_t len;
  size_t cap;
} t_list_side;

static const ws_kind list_side_kind;
static void list_side_child(const void *obj, size_t index, const char **key,
                            size_t *key_len, ws_pv *value) {
  ws_list_child(&list_side_kind, obj, index, key, key_len, value);
}
static const ws_kind list_side_kind = WS_LIST_KIND(
    t_list_side, "list<Side>", &side_kind.kind, list_side_child);

static ws_status read_json(const ws_kind *k, const char *json, void *v,
                           ws_error *err) {
  ws_reader r;
  ws_status st;
  ws_reader_init(&r, json, strlen(json), NULL, err);
  st = ws_kind_read_value(k, &r, v);
  if (st == WS_OK)
    st = ws_read_end(&r);
  ws_reader_free(&r);
  return st;
}

static void test_enum_of_tells_enums_apart(void **state) {
  (void)state;
  assert_ptr_equal(ws_enum_of(&side_kind.kind), &side_kind);
  assert_null(ws_enum_of(&ws_int_kind));
  assert_null(ws_enum_of(&list_side_kind));
}

static void test_index_is_stored_in_the_c_enum(void **state) {
  t_side s = T_SIDE_BUY;
  int stray = 7;
  (void)state;
  ws_enum_set(&side_kind, &s, 1);
  assert_int_equal(s, T_SIDE_SELL);
  assert_int_equal(ws_enum_get(&side_kind, &s), 1);
  memcpy(&s, &stray, sizeof s);
  assert_int_equal(ws_enum_get(&side_kind, &s), -1);
  stray = -1;
  memcpy(&s, &stray, sizeof s);
  assert_int_equal(ws_enum_get(&side_kind, &s), -1);
  assert_null(ws_enum_member_at(&side_kind, 2));
  assert_string_equal(ws_enum_member_at(&side_kind, 0)->name, "BUY");
}

static void test_find_by_value(void **state) {
  (void)state;
  assert_int_equal(ws_enum_find_text(&side_kind, "s\"ell", 5), 1);
  assert_int_equal(ws_enum_find_text(&side_kind, "sell", 4), -1);
  assert_int_equal(ws_enum_find_text(&side_kind, "buy!", 3), 0);
  assert_int_equal(ws_enum_find_int(&side_kind, 0), -1); /* not int-valued */
  assert_int_equal(ws_enum_find_int(&close_kind, -9007199254740993), 1);
  assert_int_equal(ws_enum_find_int(&close_kind, 1001), -1);
  assert_int_equal(ws_enum_find_text(&close_kind, "NORMAL", 6), -1);
}

static void test_allowed_lists_values_and_cuts(void **state) {
  char out[64], tiny[12];
  (void)state;
  ws_enum_allowed(&side_kind, out, sizeof out);
  assert_string_equal(out, "\"buy\", \"s\\\"ell\"");
  ws_enum_allowed(&close_kind, out, sizeof out);
  assert_string_equal(out, "1000, -9007199254740993");
  ws_enum_allowed(&close_kind, tiny, sizeof tiny);
  assert_string_equal(tiny, "1000, ...");
}

static void test_json_and_str_show_the_value(void **state) {
  ws_buf b = {0};
  t_side s = T_SIDE_SELL;
  t_close c = T_CLOSE_AWAY;
  ws_pv pv;
  (void)state;
  ws_enum_put_json(&b, &side_kind, 1, WS_JSON_COMPACT);
  ws_buf_putc(&b, ' ');
  ws_enum_put_json(&b, &close_kind, 0, WS_JSON_PYTHON);
  assert_int_equal(b.status, WS_OK);
  assert_string_equal(b.data, "\"s\\\"ell\" 1000");
  ws_enum_put_json(&b, &side_kind, 2, WS_JSON_COMPACT);
  assert_int_equal(b.status, WS_ECONSTRAINT);
  ws_buf_free(&b);
  ws_kind_pv(&side_kind.kind, &s, &pv);
  assert_int_equal(pv.kind, WS_PV_STR);
  assert_int_equal(pv.n, 5);
  ws_kind_pv(&close_kind.kind, &c, &pv);
  assert_int_equal(pv.kind, WS_PV_INT);
  assert_true(pv.i == -9007199254740993);
}

static void test_free_copy_equal(void **state) {
  t_side a = T_SIDE_SELL, b = T_SIDE_BUY;
  (void)state;
  assert_false(ws_kind_equal(&side_kind.kind, &a, &b));
  assert_int_equal(ws_kind_copy(&side_kind.kind, &b, &a), WS_OK);
  assert_true(ws_kind_equal(&side_kind.kind, &a, &b));
  ws_kind_free(&side_kind.kind, &a);
  assert_int_equal(a, T_SIDE_BUY); /* the all-zero value, the first member */
}

static void test_check_names_a_value_that_is_no_member(void **state) {
  t_list_side list = {0};
  t_side bad;
  int stray = 5;
  ws_error err;
  (void)state;
  memcpy(&bad, &stray, sizeof bad);
  assert_int_equal(ws_list_append(&list_side_kind, &list, &(t_side){T_SIDE_BUY}),
                   WS_OK);
  assert_int_equal(ws_list_append(&list_side_kind, &list, &bad), WS_OK);
  assert_true(ws_kind_has_text(&list_side_kind));
  assert_int_equal(ws_kind_check(&list_side_kind, &list, "$.sides", &err),
                   WS_ECONSTRAINT);
  assert_string_equal(err.msg, "$.sides[1] is 5, not one of the 2 members of Side");
  assert_string_equal(err.path, "$.sides[1]");
  list.items[1] = T_SIDE_SELL;
  assert_int_equal(ws_kind_check(&list_side_kind, &list, "$.sides", &err), WS_OK);
  ws_kind_free(&list_side_kind, &list);
}

static void test_read_takes_members_only(void **state) {
  t_side s = T_SIDE_BUY;
  t_close c = T_CLOSE_NORMAL;
  t_list_side list = {0};
  ws_error err;
  (void)state;
  assert_int_equal(read_json(&side_kind.kind, " \"s\\\"ell\" ", &s, &err), WS_OK);
  assert_int_equal(s, T_SIDE_SELL);
  assert_int_equal(read_json(&close_kind.kind, "-9007199254740993", &c, &err),
                   WS_OK);
  assert_int_equal(c, T_CLOSE_AWAY);
  assert_int_equal(read_json(&list_side_kind, "[\"buy\",\"s\\\"ell\"]", &list, &err),
                   WS_OK);
  assert_int_equal(list.len, 2);
  assert_int_equal(list.items[1], T_SIDE_SELL);
  ws_kind_free(&list_side_kind, &list);

  assert_int_equal(read_json(&side_kind.kind, "\"hold\"", &s, &err), WS_ETYPE);
  assert_string_equal(err.msg, "expected one of \"buy\", \"s\\\"ell\" for $ (Side), "
                               "found string \"hold\"");
  assert_int_equal(err.col, 1);
  assert_int_equal(read_json(&side_kind.kind, "5", &s, &err), WS_ETYPE);
  assert_string_equal(err.msg, "expected one of \"buy\", \"s\\\"ell\" for $ (Side), "
                               "found number 5");
  assert_int_equal(read_json(&close_kind.kind, "1001", &c, &err), WS_ETYPE);
  assert_string_equal(err.msg, "expected one of 1000, -9007199254740993 for $ "
                               "(Close), found number 1001");
  assert_int_equal(read_json(&close_kind.kind, "\"1000\"", &c, &err), WS_ETYPE);
  assert_int_equal(read_json(&close_kind.kind, "1.5", &c, &err), WS_ETYPE);
  assert_int_equal(read_json(&close_kind.kind, "null", &c, &err), WS_ETYPE);
  assert_string_equal(err.msg, "null is not allowed for $ (Close)");
  assert_int_equal(read_json(&list_side_kind, "[\"buy\",\"BUY\"]", &list, &err),
                   WS_ETYPE);
  assert_string_equal(err.path, "$[1]");
  ws_kind_free(&list_side_kind, &list);
  assert_int_equal(read_json(&side_kind.kind, "\"bu", &s, &err), WS_ESYNTAX);
}

static ws_status op_read(void *ctx) {
  t_list_side *list = ctx;
  ws_error err;
  return read_json(&list_side_kind, "[\"buy\",\"s\\\"ell\",\"buy\"]", list, &err);
}

static void cleanup_read(void *ctx) {
  ws_kind_free(&list_side_kind, ctx);
}

static void test_allocation_failure_sweep(void **state) {
  t_list_side list = {0};
  (void)state;
  assert_true(failalloc_check(op_read, cleanup_read, &list) > 1);
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_enum_of_tells_enums_apart),
      cmocka_unit_test(test_index_is_stored_in_the_c_enum),
      cmocka_unit_test(test_find_by_value),
      cmocka_unit_test(test_allowed_lists_values_and_cuts),
      cmocka_unit_test(test_json_and_str_show_the_value),
      cmocka_unit_test(test_free_copy_equal),
      cmocka_unit_test(test_check_names_a_value_that_is_no_member),
      cmocka_unit_test(test_read_takes_members_only),
      cmocka_unit_test(test_allocation_failure_sweep),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
