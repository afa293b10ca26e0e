/* catalog_classes_test.c - classes as field types, on the catalogue schema
 * (tests/system/catalog/library.wst, generated into build/catalog/): what
 * the generated tests and the conformance run cannot show by themselves.
 * Input nested far past the reader's limit is refused cleanly; values the
 * API builds stay within it, and validate and encode refuse a value linked
 * by hand past it without running out of stack; the refusals of a bad
 * "type" say where and which names are allowed; a nested value's
 * constraint is named by its full path. Runs under ASan and UBSan. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "library.h"
#include "ws_alloc.h"

enum { DEEP = 100000 };

/* "{"name":"a","children":[" DEEP times, a leaf, then the closers. */
static char *deep_children(size_t *len) {
  static const char open[] = "{\"name\":\"a\",\"children\":[";
  static const char leaf[] = "{\"name\":\"b\"}";
  size_t n = DEEP * (sizeof open - 1) + sizeof leaf - 1 + DEEP * 2;
  char *json = malloc(n + 1), *p = json;
  assert_non_null(json);
  for (size_t i = 0; i < DEEP; i++, p += sizeof open - 1)
    memcpy(p, open, sizeof open - 1);
  memcpy(p, leaf, sizeof leaf - 1);
  p += sizeof leaf - 1;
  for (size_t i = 0; i < DEEP; i++, p += 2)
    memcpy(p, "]}", 2);
  *p = '\0';
  *len = n;
  return json;
}

static void deep_input_is_refused(void **state) {
  size_t len;
  char *json = deep_children(&len);
  lib_category c;
  ws_error err;
  (void)state;
  memset(&c, 0, sizeof c); /* decode replaces a valid value */
  assert_int_equal(lib_category_decode(&c, json, len, NULL, &err), WS_EDEPTH);
  assert_non_null(strstr(err.msg, "nesting deeper than 64 levels"));
  lib_category_free(&c);
  free(json);
}

static void deep_nullable_input_is_refused(void **state) {
  static const char open[] = "{\"name\":\"a\",\"split_from\":";
  size_t n = DEEP * (sizeof open - 1) + 4 + DEEP;
  char *json = malloc(n + 1), *p = json;
  lib_category c;
  ws_error err;
  (void)state;
  assert_non_null(json);
  memset(&c, 0, sizeof c);
  for (size_t i = 0; i < DEEP; i++, p += sizeof open - 1)
    memcpy(p, open, sizeof open - 1);
  memcpy(p, "null", 4);
  memset(p + 4, '}', DEEP);
  assert_int_equal(lib_category_decode(&c, json, n, NULL, &err), WS_EDEPTH);
  lib_category_free(&c);
  free(json);
}

/* Copying a value in, the only way the API nests values, stops at the
 * reader's limit: the chain grows to 64 levels and no further. */
static void api_values_stay_within_the_limit(void **state) {
  lib_category top, next;
  ws_status st = WS_OK;
  int levels = 1;
  (void)state;
  memset(&top, 0, sizeof top); /* make replaces a valid value */
  assert_int_equal(lib_category_make(&top, ws_cstr("root")), WS_OK);
  while (st == WS_OK && levels < 1000) {
    memset(&next, 0, sizeof next);
    assert_int_equal(lib_category_make(&next, ws_cstr("up")), WS_OK);
    st = lib_opt_category_set(&next.split_from, &top);
    lib_category_free(&top);
    top = next;
    levels += st == WS_OK;
  }
  assert_int_equal(st, WS_EDEPTH);
  assert_int_equal(levels, 64);
  lib_category_free(&top);
}

/* A chain linked by hand, pointer by pointer, past any limit: validate,
 * encode and copy refuse it after a bounded look; it is then taken apart
 * by hand too (free, like equal, recurses once per level). */
static void hand_linked_values_are_refused(void **state) {
  lib_category *top = NULL;
  lib_category copy;
  ws_buf out;
  ws_error err;
  (void)state;
  for (int i = 0; i < DEEP; i++) {
    lib_category *c = ws_malloc(sizeof *c);
    assert_non_null(c);
    assert_int_equal(lib_category_init(c), WS_OK);
    c->split_from = top;
    top = c;
  }
  assert_int_equal(lib_category_validate(top, &err), WS_EDEPTH);
  assert_string_equal(err.msg, "$ nests deeper than 64 levels");
  ws_buf_init(&out);
  for (int f = WS_FORMAT_JSON; f <= WS_FORMAT_STR; f++)
    assert_int_equal(lib_category_encode(top, (ws_format)f, &out, &err),
                     WS_EDEPTH);
  assert_int_equal(out.len, 0);
  ws_buf_free(&out);
  memset(&copy, 0, sizeof copy); /* copy replaces a valid value */
  assert_int_equal(lib_category_copy(&copy, top), WS_EDEPTH);
  lib_category_free(&copy);
  while (top != NULL) {
    lib_category *up = top->split_from;
    top->split_from = NULL;
    lib_category_free(top);
    ws_free(top);
    top = up;
  }
}

/* ---- values of an abstract class ------------------------------------------- */

static const char loan_head[] =
    "{\"isbn\":\"1\",\"card\":1,\"due\":0,\"state\":\"lost\","
    "\"address\":{\"street\":\"s\","
    "\"town\":\"t\"},\"first_event\":";

/* Decodes a Loan whose first_event is event, expecting status st and, when
 * said is not NULL, that message. */
static void expect_loan(const char *event, ws_status st, const char *said) {
  char json[512];
  lib_loan loan;
  ws_error err;
  snprintf(json, sizeof json, "%s%s}", loan_head, event);
  memset(&loan, 0, sizeof loan); /* decode replaces a valid value */
  assert_int_equal(lib_loan_decode(&loan, json, strlen(json), NULL, &err), st);
  if (said != NULL)
    assert_string_equal(err.msg, said);
  lib_loan_free(&loan);
}

static void type_may_come_anywhere(void **state) {
  (void)state;
  expect_loan("{\"type\":\"Renewed\",\"day\":1,\"due\":2}", WS_OK, NULL);
  expect_loan("{\"day\":1,\"type\":\"Renewed\",\"due\":2}", WS_OK, NULL);
  expect_loan("{\"day\":1,\"due\":2,\"type\":\"Renewed\"}", WS_OK, NULL);
  expect_loan("{\"day\":1,\"type\":\"Reminded\"}", WS_OK, NULL);
}

static void bad_types_are_refused(void **state) {
  (void)state;
  expect_loan("{\"day\":1}", WS_EMISSING,
              "missing \"type\" in $.first_event, which names the class of a "
              "LoanEvent: one of Renewed, Returned, Reminded");
  expect_loan("{\"day\":1,\"type\":\"Nope\"}", WS_ETYPE,
              "\"type\" of $.first_event is \"Nope\", not a class a LoanEvent "
              "may be: one of Renewed, Returned, Reminded");
  expect_loan("{\"type\":\"LoanEvent\",\"day\":1}", WS_ETYPE,
              "\"type\" of $.first_event is \"LoanEvent\", not a class a "
              "LoanEvent may be: one of Renewed, Returned, Reminded");
  expect_loan("{\"type\":\"Author\",\"name\":\"x\"}", WS_ETYPE,
              "\"type\" of $.first_event is \"Author\", not a class a "
              "LoanEvent may be: one of Renewed, Returned, Reminded");
  expect_loan("{\"type\":5,\"day\":1}", WS_ETYPE,
              "\"type\" of $.first_event is not a string, not a class a "
              "LoanEvent may be: one of Renewed, Returned, Reminded");
  expect_loan("{\"type\":\"Reminded\",\"day\":1,\"type\":\"Reminded\"}",
              WS_EDUPLICATE, NULL);
  expect_loan("null", WS_ETYPE, NULL);
  expect_loan("[1]", WS_ETYPE, NULL);
  expect_loan("{\"day\":1,", WS_ESYNTAX, NULL);
}

/* The JSON of a value held through an abstract class has "type" first;
 * a field never set is refused by validate and encode. */
static void type_comes_first(void **state) {
  lib_loan loan;
  lib_renewed renewed;
  ws_buf out;
  ws_error err;
  (void)state;
  assert_int_equal(lib_loan_init(&loan), WS_OK);
  loan.card = 1; /* init's 0 is outside its range, which comes first */
  assert_int_equal(lib_loan_validate(&loan, &err), WS_EMISSING);
  assert_string_equal(err.msg, "$.first_event is not set (a LoanEvent: one "
                               "of Renewed, Returned, Reminded)");
  assert_string_equal(err.path, "$.first_event");
  memset(&renewed, 0, sizeof renewed);
  assert_int_equal(lib_renewed_make(&renewed, 7, 9), WS_OK);
  assert_int_equal(lib_ref_loan_event_set(&loan.first_event,
                                          &renewed.base),
                   WS_OK);
  ws_buf_init(&out);
  assert_int_equal(lib_loan_encode(&loan, WS_FORMAT_JSON, &out, &err), WS_OK);
  assert_non_null(strstr(out.data, "\"first_event\":{\"type\":\"Renewed\","
                                   "\"day\":7,\"due\":9}"));
  ws_buf_free(&out);
  lib_renewed_free(&renewed);
  lib_loan_free(&loan);
}

/* A constraint inside a nested value is named by its whole path. */
static void nested_constraints_name_their_path(void **state) {
  lib_book book;
  lib_author author;
  char name[202];
  ws_error err;
  ws_buf out;
  (void)state;
  memset(name, 'n', sizeof name - 1);
  name[sizeof name - 1] = '\0';
  assert_int_equal(lib_book_init(&book), WS_OK);
  /* init's empty isbn is below its min_len, which comes first */
  assert_int_equal(ws_str_set_view(&book.isbn, ws_cstr("9780000000002")), WS_OK);
  memset(&author, 0, sizeof author);
  assert_int_equal(lib_author_make(&author, ws_cstr("A")), WS_OK);
  assert_int_equal(lib_list_author_append(&book.authors, &author), WS_OK);
  assert_int_equal(ws_str_set_view(&author.name, ws_cstr(name)), WS_OK);
  assert_int_equal(lib_list_author_append(&book.authors, &author), WS_OK);
  assert_int_equal(lib_book_validate(&book, &err), WS_ECONSTRAINT);
  assert_string_equal(err.path, "$.authors[1].name");
  ws_buf_init(&out);
  assert_int_equal(lib_book_encode(&book, WS_FORMAT_JSON, &out, &err),
                   WS_ECONSTRAINT);
  assert_string_equal(err.path, "$.authors[1].name");
  ws_buf_free(&out);
  lib_author_free(&author);
  lib_book_free(&book);
}

/* An enum value inside a value held through an abstract class must be a
 * member: validate and encode look inside. */
static void nested_enum_names_its_path(void **state) {
  lib_loan loan;
  lib_returned returned;
  ws_buf out;
  ws_error err;
  (void)state;
  assert_int_equal(lib_loan_init(&loan), WS_OK);
  loan.card = 1;
  assert_int_equal(lib_returned_init(&returned), WS_OK);
  returned.state = (lib_status)7; /* no member */
  assert_int_equal(lib_ref_loan_event_set(&loan.first_event, &returned.base),
                   WS_OK);
  assert_int_equal(lib_loan_validate(&loan, &err), WS_ECONSTRAINT);
  assert_string_equal(err.path, "$.first_event.state");
  ws_buf_init(&out);
  assert_int_equal(lib_loan_encode(&loan, WS_FORMAT_JSON, &out, &err),
                   WS_ECONSTRAINT);
  assert_string_equal(err.path, "$.first_event.state");
  ws_buf_free(&out);
  lib_returned_free(&returned);
  lib_loan_free(&loan);
}

/* validate and encode, in every format, refuse *v with code, msg and path,
 * and leave the buffer as it was. */
static void refused(const ws_type *t, const void *v, ws_status code,
                    const char *msg, const char *path) {
  static const ws_format formats[] = {WS_FORMAT_JSON, WS_FORMAT_JSON_PYTHON,
                                      WS_FORMAT_STR};
  ws_error err;
  memset(&err, 0, sizeof err);
  assert_int_equal(t->validate(t, v, &err), code);
  assert_string_equal(err.msg, msg);
  assert_string_equal(err.path, path);
  for (size_t i = 0; i < sizeof formats / sizeof formats[0]; i++) {
    ws_buf out;
    ws_buf_init(&out);
    memset(&err, 0, sizeof err);
    assert_int_equal(t->encode(t, v, formats[i], &out, &err), code);
    assert_string_equal(err.msg, msg);
    assert_string_equal(err.path, path);
    assert_int_equal(out.len, 0);
    ws_buf_free(&out);
  }
}

static void decoded(const ws_type *t, void *v, const char *json) {
  ws_error err;
  memset(v, 0, t->size);
  assert_int_equal(ws_type_decode(t, v, json, strlen(json), NULL, &err), WS_OK);
}

/* The failing value's message and path are whole, whichever element of
 * which list or map (or which value through a pointer) breaks: the walk
 * names only what fails, and names it as JSON does. */
static void nested_failures_say_what_and_where(void **state) {
  char street[102];
  lib_member member;
  lib_loan loan;
  (void)state;
  memset(street, 's', sizeof street - 1);
  street[sizeof street - 1] = '\0';
  decoded(&lib_member_type, &member,
          "{\"card\":1,\"name\":\"M\",\"branches\":{\"north\":{\"street\":"
          "\"a\",\"town\":\"t\"},\"south\":{\"street\":\"b\",\"town\":\"t\"}},"
          "\"home\":{\"street\":\"c\",\"town\":\"t\"}}");
  assert_int_equal(ws_str_set_view(&member.branches.values[1].street,
                                   ws_cstr(street)), WS_OK);
  refused(&lib_member_type, &member, WS_ECONSTRAINT,
          "$.branches[\"south\"].street is 101 bytes, more than the 100 "
          "allowed (max_len 100)",
          "$.branches[\"south\"].street");
  assert_int_equal(ws_str_set_view(&member.branches.values[1].street,
                                   ws_cstr("b")), WS_OK);
  assert_int_equal(ws_str_set_view(&member.home->street, ws_cstr(street)),
                   WS_OK);
  refused(&lib_member_type, &member, WS_ECONSTRAINT,
          "$.home.street is 101 bytes, more than the 100 allowed (max_len "
          "100)",
          "$.home.street");
  lib_member_free(&member);

  decoded(&lib_loan_type, &loan,
          "{\"isbn\":\"1\",\"card\":1,\"due\":1,\"state\":\"lost\","
          "\"address\":{\"street\":\"s\",\"town\":\"t\"},"
          "\"first_event\":{\"type\":\"Renewed\",\"day\":1,\"due\":2},"
          "\"events\":[{\"type\":\"Reminded\",\"day\":1},"
          "{\"type\":\"Returned\",\"day\":2}],"
          "\"by_desk\":{\"front\":{\"type\":\"Returned\",\"day\":3}}}");
  ((lib_returned *)(void *)loan.events.items[1])->state = (lib_status)7;
  refused(&lib_loan_type, &loan, WS_ECONSTRAINT,
          "$.events[1].state is 7, not one of the 4 members of Status",
          "$.events[1].state");
  ((lib_returned *)(void *)loan.events.items[1])->state = LIB_STATUS_LOST;
  ((lib_returned *)(void *)loan.by_desk.values[0])->state = (lib_status)-2;
  refused(&lib_loan_type, &loan, WS_ECONSTRAINT,
          "$.by_desk[\"front\"].state is -2, not one of the 4 members of "
          "Status",
          "$.by_desk[\"front\"].state");
  ((lib_returned *)(void *)loan.by_desk.values[0])->state = LIB_STATUS_LOST;
  assert_int_equal(lib_ref_loan_event_set(&loan.first_event, NULL), WS_OK);
  refused(&lib_loan_type, &loan, WS_EMISSING,
          "$.first_event is not set (a LoanEvent: one of Renewed, Returned, "
          "Reminded)",
          "$.first_event");
  lib_loan_free(&loan);
}

/* A path longer than a message can show keeps its parent's first 200
 * bytes at each step (ws_kind_class.c): here 30 levels of
 * .children[1], the failing mark at the bottom. */
static void deep_failures_keep_their_path_cut(void **state) {
  enum { LEVELS = 30 };
  char json[LEVELS * 64], path[256], step[256], msg[512];
  size_t n = 0;
  lib_category c, *leaf;
  (void)state;
  for (int i = 0; i < LEVELS; i++)
    n += (size_t)snprintf(json + n, sizeof json - n,
                          "{\"name\":\"a\",\"children\":[{\"name\":\"b\"},");
  n += (size_t)snprintf(json + n, sizeof json - n, "{\"name\":\"leaf\"}");
  for (int i = 0; i < LEVELS; i++)
    n += (size_t)snprintf(json + n, sizeof json - n, "]}");
  decoded(&lib_category_type, &c, json);
  leaf = &c;
  snprintf(path, sizeof path, "$");
  for (int i = 0; i < LEVELS; i++) {
    leaf = &leaf->children.items[1];
    snprintf(step, sizeof step, "%.200s.children", path);
    snprintf(path, sizeof path, "%.200s[1]", step);
  }
  snprintf(step, sizeof step, "%.200s.mark", path);
  assert_true(strlen(step) < 255 && strlen(step) > 200);
  leaf->mark.present = true;
  leaf->mark.value = 1000;
  snprintf(msg, sizeof msg, "%s is 1000, outside the range 0..999", step);
  refused(&lib_category_type, &c, WS_ERANGE, msg, step);
  lib_category_free(&c);
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(deep_input_is_refused),
      cmocka_unit_test(deep_nullable_input_is_refused),
      cmocka_unit_test(api_values_stay_within_the_limit),
      cmocka_unit_test(hand_linked_values_are_refused),
      cmocka_unit_test(type_may_come_anywhere),
      cmocka_unit_test(bad_types_are_refused),
      cmocka_unit_test(type_comes_first),
      cmocka_unit_test(nested_constraints_name_their_path),
      cmocka_unit_test(nested_enum_names_its_path),
      cmocka_unit_test(nested_failures_say_what_and_where),
      cmocka_unit_test(deep_failures_keep_their_path_cut),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
