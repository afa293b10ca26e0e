/* Tests for ws_constraint.c: min_len, min_items, max_items and enum
 * membership on values in memory and just read, and alias lookup, over
 * hand-written field rows of a small class laid out as generated ones are. */
#include "failalloc.h"

#include <string.h>

#include "ws_constraint.h"
#include "ws_kind_enum.h"

typedef enum t_side { T_SIDE_BUY = 0, T_SIDE_SELL = 1 } t_side;
static const ws_enum_member side_members[] = {{"BUY", "buy", 3, 0},
                                              {"SELL", "sell", 4, 0}};
static const ws_enum_kind side_kind = {
    .kind = WS_ENUM_KIND(t_side, "Side"), .members = side_members, .count = 2};

typedef struct t_list_str {
  ws_str *items;
  size_t len;
  size_t cap;
} t_list_str;
typedef struct t_opt_list_str {
  bool present;
  t_list_str value;
} t_opt_list_str;
typedef struct t_thing {
  ws_str name;
  t_opt_list_str tags;
  t_side side;
} t_thing;

static const ws_kind list_str_kind;
static void list_str_child(const void *obj, size_t index, const char **key,
                           size_t *key_len, ws_pv *value) {
  ws_list_child(&list_str_kind, obj, index, key, key_len, value);
}
static const ws_kind list_str_kind =
    WS_LIST_KIND(t_list_str, "list<str>", &ws_str_kind, list_str_child);
static const ws_kind opt_list_str_kind =
    WS_OPT_KIND(t_opt_list_str, "list<str>?", &list_str_kind);

static const ws_field_desc fields[] = {
    {WS_FIELD(t_thing, "name", name, &ws_str_kind), .has_min_len = true,
     .min_len = 2, .alias = "title", .alias_len = 5},
    {WS_FIELD(t_thing, "tags", tags, &opt_list_str_kind),
     .has_min_items = true, .min_items = 1, .has_max_items = true,
     .max_items = 2},
    {WS_FIELD(t_thing, "side", side, &side_kind.kind), .flags = WS_FIELD_ENUM},
};
static const ws_type thing_type = {.name = "Thing",
                                   .fields = fields,
                                   .field_count = 3};

static void add_tag(t_thing *v, const char *tag) {
  ws_str s = {0};
  v->tags.present = true;
  assert_int_equal(ws_str_set(&s, tag, strlen(tag)), WS_OK);
  assert_int_equal(ws_list_append(&list_str_kind, &v->tags.value, &s), WS_OK);
  ws_str_free(&s);
}

static void free_thing(t_thing *v) {
  for (size_t i = 0; i < 3; i++)
    ws_kind_free(fields[i].kind, (char *)v + fields[i].offset);
}

static void test_has_more_says_which_fields_to_check(void **state) {
  ws_field_desc plain = {WS_FIELD(t_thing, "name", name, &ws_str_kind)};
  (void)state;
  assert_false(ws_field_has_more(&plain));
  for (size_t i = 0; i < 3; i++)
    assert_true(ws_field_has_more(&fields[i]));
}

static void test_min_len(void **state) {
  t_thing v;
  ws_error err;
  (void)state;
  memset(&v, 0, sizeof v);
  assert_int_equal(ws_str_set(&v.name, "a", 1), WS_OK);
  assert_int_equal(ws_field_check_more(&fields[0], &v.name, "$.name", &err),
                   WS_ECONSTRAINT);
  assert_string_equal(err.msg,
                      "$.name is 1 bytes, fewer than the 2 required (min_len 2)");
  assert_string_equal(err.path, "$.name");
  assert_int_equal(ws_str_set(&v.name, "ab", 2), WS_OK);
  assert_int_equal(ws_field_check_more(&fields[0], &v.name, "$.name", NULL), WS_OK);
  free_thing(&v);
}

static void test_items_through_a_nullable(void **state) {
  t_thing v;
  ws_error err;
  (void)state;
  memset(&v, 0, sizeof v);
  /* None keeps every constraint */
  assert_int_equal(ws_field_check_more(&fields[1], &v.tags, "$.tags", &err), WS_OK);
  v.tags.present = true;
  assert_int_equal(ws_field_check_more(&fields[1], &v.tags, "$.tags", &err),
                   WS_ECONSTRAINT);
  assert_string_equal(err.msg,
                      "$.tags has 0 items, fewer than the 1 required (min_items 1)");
  add_tag(&v, "a");
  add_tag(&v, "b");
  assert_int_equal(ws_field_check_more(&fields[1], &v.tags, "$.tags", &err), WS_OK);
  add_tag(&v, "c");
  assert_int_equal(ws_field_check_more(&fields[1], &v.tags, "$.tags", &err),
                   WS_ECONSTRAINT);
  assert_string_equal(err.msg,
                      "$.tags has 3 items, more than the 2 allowed (max_items 2)");
  free_thing(&v);
}

static void test_enum_membership(void **state) {
  t_thing v;
  int stray = 2;
  ws_error err;
  (void)state;
  memset(&v, 0, sizeof v);
  assert_int_equal(ws_field_check_more(&fields[2], &v.side, "$.side", &err), WS_OK);
  memcpy(&v.side, &stray, sizeof v.side);
  assert_int_equal(ws_field_check_more(&fields[2], &v.side, "$.side", &err),
                   WS_ECONSTRAINT);
  assert_string_equal(err.msg, "$.side is 2, not one of the 2 members of Side");
}

/* Reads {"tags": ...} into v.tags, checking as the class reader does. */
static ws_status read_tags(const char *json, t_thing *v, ws_error *err) {
  ws_reader r;
  const char *key;
  size_t len, at;
  ws_status st;
  ws_reader_init(&r, json, strlen(json), NULL, err);
  if (ws_read_object_begin(&r, "an object") == WS_OK &&
      ws_read_object_next(&r, &key, &len) &&
      ws_path_push_key(&r, key, len) == WS_OK) {
    at = ws_reader_offset(&r);
    if (ws_kind_read_value(&opt_list_str_kind, &r, &v->tags) == WS_OK)
      ws_read_check_more(&fields[1], &r, at, &v->tags);
  }
  st = r.status;
  ws_reader_free(&r);
  return st;
}

static void test_read_check_points_at_the_value(void **state) {
  t_thing v;
  ws_error err;
  (void)state;
  memset(&v, 0, sizeof v);
  assert_int_equal(read_tags("{\"tags\": [\"a\",\"b\",\"c\"]}", &v, &err),
                   WS_ECONSTRAINT);
  assert_string_equal(err.msg,
                      "$.tags has 3 items, more than the 2 allowed (max_items 2)");
  assert_int_equal(err.col, 10);
  free_thing(&v);
  memset(&v, 0, sizeof v);
  assert_int_equal(read_tags("{\"tags\": null}", &v, &err), WS_OK);
  free_thing(&v);
}

static void test_alias_lookup(void **state) {
  (void)state;
  assert_int_equal(ws_field_by_alias(&thing_type, "title", 5), 0);
  assert_int_equal(ws_field_by_alias(&thing_type, "titl", 4), -1);
  assert_int_equal(ws_field_by_alias(&thing_type, "name", 4), -1);
}

static void test_duplicate_alias_names_both_keys(void **state) {
  ws_reader r;
  ws_error err;
  const char *json = "{\"title\": 1}";
  const char *key;
  size_t len;
  (void)state;
  ws_reader_init(&r, json, strlen(json), NULL, &err);
  assert_int_equal(ws_read_object_begin(&r, "an object"), WS_OK);
  assert_true(ws_read_object_next(&r, &key, &len));
  assert_int_equal(ws_read_duplicate_alias(&r, &fields[0], key, len),
                   WS_EDUPLICATE);
  ws_reader_free(&r);
  assert_string_equal(err.msg, "duplicate key \"title\" in $ (\"name\" and "
                               "\"title\" are one field)");
  assert_int_equal(err.col, 2);
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_has_more_says_which_fields_to_check),
      cmocka_unit_test(test_min_len),
      cmocka_unit_test(test_items_through_a_nullable),
      cmocka_unit_test(test_enum_membership),
      cmocka_unit_test(test_read_check_points_at_the_value),
      cmocka_unit_test(test_alias_lookup),
      cmocka_unit_test(test_duplicate_alias_names_both_keys),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
