/* test_pformat.c - ws_pformat and ws_prepr against pprint in Python 3.11:
 * the layout of scalars and containers, output longer than the scratch,
 * indentation, errors, and buffers. A str or bytes broken into pieces is
 * test_pformat_str.c's, a dict's key order test_pformat_keys.c's.
 *
 * Each layout test builds a value as a tree of ws_pv views, and compares
 * our output with what /usr/bin/python3 prints for pprint.pformat (and
 * pprint.saferepr, the one-line form) of the same value at test time
 * (tests/lib/pformat_tree.h). */
#define _POSIX_C_SOURCE 200809L /* popen, mkstemp */

#include "failalloc.h"

#include "pformat_tree.h"

/* ---- scalars and one-line values ---- */

static void test_scalars_print_as_their_reprs(void **state) {
  (void)state;
  expect_like_python(none());
  expect_like_python(boolean(true));
  expect_like_python(boolean(false));
  expect_like_python(integer(0));
  expect_like_python(integer(INT64_MIN));
  expect_like_python(integer(INT64_MAX));
  expect_like_python(text("it's"));
  expect_like_python(octets("ab\0", 3));
}

/* A float is formatted once for its width and its text: on one line, at
 * the edge of the width (lists of 6 to 9 floats of 17 digits), one a line,
 * and as a dict's values. */
static void test_floats_print_as_their_reprs_at_the_width(void **state) {
  (void)state;
  expect_like_python(real(0.1));
  expect_like_python(real(-1e-300));
  expect_like_python(real(1e22));
  expect_like_python(real(1.0 / 0.0));
  expect_like_python(real(0.0 / 0.0));
  double third = 1.0 / 3.0;
  expect_like_python(LIST(real(third), real(third), real(third),
                          real(third), real(third), real(third)));
  expect_like_python(LIST(real(third), real(third), real(third),
                          real(third), real(third), real(third), real(2.5)));
  expect_like_python(LIST(real(third), real(third), real(third),
                          real(third), real(third), real(third), real(third),
                          real(third), real(third)));
  expect_like_python(DICT(KV("bid", real(101.25)), KV("ask", real(third)),
                          KV("mid", real(third * 7)), KV("last", real(-0.0)),
                          KV("spread", real(third / 1e9))));
}

/* An int is written as its digits are made, once for its width and its
 * text: lists and dicts of ints whose one line is from 12 columns under
 * the width to 7 over it, at the top, as a dict's value and one dict
 * deeper, and as items of a list of dicts. */
enum { INT_WIDTHS = 19, INT_NESTINGS = 4 };

typedef struct int_case {
  tnode ints[INT_WIDTHS][4];
  tnode items[INT_WIDTHS][3];
  tnode dict[INT_WIDTHS];
  tnode outer[INT_WIDTHS][INT_NESTINGS];
  tnode inner[INT_WIDTHS][2];
  tnode all[INT_WIDTHS * INT_NESTINGS];
} int_case;

/* An int of `digits` columns (a minus sign counting as one). */
static int64_t int_of_width(size_t digits) {
  if (digits == 19) {
    return INT64_MAX;
  }
  int64_t v = 1;
  for (size_t i = 1; i < digits; i++) {
    v *= 10;
  }
  return digits % 2 ? v * 9 - 1 : -(v - 1); /* 899..9 or -99..9 */
}

static void test_ints_print_at_the_width(void **state) {
  (void)state;
  static int_case c;
  size_t n = 0;
  for (size_t w = 0; w < INT_WIDTHS; w++) {
    int64_t last = int_of_width(w + 1);
    /* [-9223372036854775808, -9223372036854775808, ..., last]: 68 + w + 1
     * columns */
    for (size_t i = 0; i < 3; i++) {
      c.ints[w][i] = integer(INT64_MIN);
    }
    c.ints[w][3] = integer(last);
    tnode list = container(WS_PV_LIST, c.ints[w], 4);
    /* {'a': INT64_MIN, 'b': INT64_MIN, 'c': last} */
    c.items[w][0] = keyed("a", integer(INT64_MIN));
    c.items[w][1] = keyed("b", integer(INT64_MIN));
    c.items[w][2] = keyed("c", integer(last));
    c.dict[w] = container(WS_PV_DICT, c.items[w], 3);
    c.outer[w][0] = keyed("k", list);
    c.outer[w][1] = keyed("kk", c.dict[w]);
    c.inner[w][0] = keyed("x", container(WS_PV_DICT, c.outer[w], 2));
    c.inner[w][1] = keyed("y", c.dict[w]);
    c.all[n++] = list;
    c.all[n++] = c.dict[w];
    c.all[n++] = container(WS_PV_DICT, c.outer[w], 2);
    c.all[n++] = container(WS_PV_DICT, c.inner[w], 2);
  }
  expect_like_python(container(WS_PV_LIST, c.all, n));
  expect_like_python(c.all[4 * 12]);
  expect_like_python(c.all[4 * 12 + 1]);
}

/* A dict whose one-line attempt fails at an item after others it wrote
 * whole: those are copied from the attempt into the broken layout (str
 * with escapes and other scripts, bytes, floats, lists, a nested dict, a
 * repeated key's list of values), at the top, as a dict's value, as a
 * list's item and two levels deep. */
static void test_dict_broken_after_items_written_whole(void **state) {
  (void)state;
  tnode repeated[] = {keyed("h", text("1")), keyed("a", text("\xc3\xa9\n")),
                      keyed("h", real(0.25)), keyed("z", text(WORDS))};
  tnode group = entries(repeated, 4);
  tnode dict = DICT(KV("a", text("\xe2\x9c\x93 it's")),
                    KV("b", LIST(integer(-1), real(0.5))),
                    KV("c", DICT(KV("x", none()), KV("y", boolean(true)))),
                    KV("d", octets("\x01\xff", 2)), KV("e", text(WORDS)));
  expect_like_python(dict);
  expect_like_python(group);
  expect_like_python(DICT(KV("key", dict), KV("other", group)));
  expect_like_python(LIST(dict, group, integer(1)));
  expect_like_python(DICT(KV("k", LIST(DICT(KV("deeper", dict))))));
}

static void test_short_dict_stays_on_one_line(void **state) {
  (void)state;
  expect_like_python(DICT(KV("b", integer(2)), KV("a", LIST(none(), text("x"))),
                          KV("c", octets("\x01", 1))));
}

static void test_empty_containers(void **state) {
  (void)state;
  expect_like_python(container(WS_PV_LIST, NULL, 0));
  expect_like_python(container(WS_PV_DICT, NULL, 0));
  expect_like_python(
      LIST(container(WS_PV_DICT, NULL, 0), text(""), octets(NULL, 0)));
}

/* ---- containers that break ---- */

static void test_long_dict_puts_one_item_a_line(void **state) {
  (void)state;
  expect_like_python(DICT(
      KV("peer", text("tcp:127.0.0.1:5423")), KV("host", text("example.com")),
      KV("path", text("/myservice")), KV("version", integer(13)),
      KV("origin", none()), KV("protocols", LIST(text("wamp.2.json")))));
}

static void test_nested_value_indents_past_its_key(void **state) {
  (void)state;
  expect_like_python(DICT(
      KV("params", DICT(KV("foo", LIST(text("23"), text("66"), text(WORDS))),
                        KV("bar", LIST(text("2"))))),
      KV("headers", DICT(KV("Host", text("localhost")),
                         KV("a-rather-long-header-name", text(WORDS))))));
}

static void test_long_list_puts_one_item_a_line(void **state) {
  (void)state;
  expect_like_python(LIST(integer(1000000000000), integer(-2), text(WORDS),
                          LIST(boolean(true), boolean(false)),
                          octets("0123456789", 10), none()));
}

static void test_list_item_just_fits_before_closing_brackets(void **state) {
  (void)state;
  /* Lengths around the point where the closing "]]" no longer fit. */
  static const char xs[] = "xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx"
                           "xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx";
  for (size_t n = 68; n <= 80; n++) {
    expect_like_python(LIST(LIST(text_n(xs, n))));
    expect_like_python(DICT(KV("k", LIST(text_n(xs, n - 6), integer(7)))));
  }
}

/* ---- long output ----
 * Output is laid out in the buffer's room, or in 32 KB it grows by; longer
 * output is laid out again in room 4 times larger each time it is too
 * small. All must print the same. */

/* About 150 KB of output: past the first 32 KB and the 128 KB after them,
 * so laid out three times. */
typedef struct long_case {
  tnode kids[1201];
  tnode wide[30];
  tnode value;
  ws_buf out;
} long_case;

static void fill_long_case(long_case *c) {
  for (size_t i = 0; i < 1200; i++) {
    c->kids[i] = i % 3 ? text(WORDS) : octets(WORDS, 90);
  }
  /* Last, a list tried on one line (4 bytes a column) and cut back. */
  for (size_t i = 0; i < 30; i++) {
    c->wide[i] = text("\xf0\x9f\x98\x80\xf0\x9f\x98\x80");
  }
  c->kids[1200] = container(WS_PV_LIST, c->wide, 30);
  c->value = container(WS_PV_LIST, c->kids, 1201);
}

static void test_output_longer_than_the_scratch_like_python(void **state) {
  (void)state;
  static long_case c;
  fill_long_case(&c);
  expect_like_python(c.value);
}

static ws_status pformat_long_case(void *ctx) {
  long_case *c = ctx;
  ws_buf_init(&c->out);
  ws_pformat(&c->out, &c->value.pv);
  return c->out.status;
}

static void free_long_case_out(void *ctx) {
  long_case *c = ctx;
  ws_buf_free(&c->out);
}

/* The output's room, grown three times (32 KB, then four times as much
 * each time it is too small): three allocations, each of which may
 * fail. */
static void test_long_output_allocation_failure_is_reported(void **state) {
  (void)state;
  static long_case c;
  fill_long_case(&c);
  assert_int_equal(failalloc_check(pformat_long_case, free_long_case_out, &c),
                   3);
}

/* Escaped text whose repr ends on each side of the scratch's last byte:
 * lines of 9 and 10 bytes ("'\\x01'," and "\"\\x01'\","), and lists of
 * 3446 to 3452 of them end from 32736 to 32793 bytes. */
static void test_escapes_at_the_end_of_the_scratch_like_python(void **state) {
  (void)state;
  static tnode kids[3452];
  for (size_t i = 0; i < 3452; i++) {
    kids[i] = text(i % 2 ? "\x01" : "\x01'");
  }
  for (size_t n = 3446; n <= 3452; n++) {
    expect_like_python(container(WS_PV_LIST, kids, n));
  }
}

/* ---- indentation ---- */

static void test_deep_indentation_past_the_width(void **state) {
  (void)state;
  static const char long_key[] =
      "a_key_so_long_that_its_value_starts_beyond_the_eightieth_column_____";
  tnode empty_list = container(WS_PV_LIST, NULL, 0);
  tnode empty_dict = container(WS_PV_DICT, NULL, 0);
  expect_like_python(DICT(
      KV(long_key,
         DICT(KV(long_key, LIST(empty_list, empty_dict, text(""), text(WORDS),
                                octets(WORDS, 12), none()))))));
}

/* A broken dict's items start with one write when their key is plain and
 * the indentation shallow, and item by item otherwise: keys plain or not
 * (a quote, a non-ASCII letter, a line break), nested so that the items'
 * indentation runs from 26 to 38 columns. */
static void test_item_starts_at_every_indentation_like_python(void **state) {
  (void)state;
  static const char ks[] = "kkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkk";
  for (size_t k = 20; k <= 32; k++) {
    tnode inner =
        DICT(KV("a", text(WORDS)), KV("it's", text("x")),
             KV("\xc3\xa9t\xc3\xa9", integer(1)), KV("line\nbreak", none()),
             KV("plain", text("y")), KV("z", LIST(text("p"), text("q"))));
    tnode outer = DICT(KV("", inner));
    ((tnode *)outer.pv.obj)[0].key = ks;
    ((tnode *)outer.pv.obj)[0].key_len = k;
    expect_like_python(outer);
  }
}

/* ---- errors ---- */

static void test_invalid_utf8_in_a_value_is_an_error(void **state) {
  (void)state;
  assert_int_equal(pformat_status(text("bad \xff")), WS_EUTF8);
  /* Also where the value breaks across lines. */
  assert_int_equal(pformat_status(text(WORDS WORDS "\xc0\xaf")), WS_EUTF8);
  assert_int_equal(pformat_status(LIST(text(WORDS "\xed\xa0\x80" WORDS))),
                   WS_EUTF8);
}

static void test_invalid_utf8_in_a_key_is_an_error(void **state) {
  (void)state;
  assert_int_equal(pformat_status(DICT(KV("k\xff", none()))), WS_EUTF8);
  assert_int_equal(
      pformat_status(DICT(KV("k\xff", text(WORDS)), KV("a", text(WORDS)))),
      WS_EUTF8);
}

enum { DEEP_LEVELS = 150 };

/* Lists and dicts in turn, ending in a str cut into pieces. */
static tnode *deep_chain(void) {
  tnode *chain = calloc(DEEP_LEVELS, sizeof *chain);
  assert_non_null(chain);
  chain[DEEP_LEVELS - 1] = text(WORDS);
  for (size_t i = DEEP_LEVELS - 1; i > 0; i--) {
    /* a dict's only child gets a key */
    ws_pv_kind kind = i % 2 ? WS_PV_LIST : WS_PV_DICT;
    chain[i - 1] = container(kind, &chain[i], 1);
    if (kind == WS_PV_DICT) {
      chain[i].key = "key";
      chain[i].key_len = 3;
    }
  }
  return chain;
}

static void test_deep_nesting_within_the_limit_like_python(void **state) {
  (void)state;
  tnode *chain = deep_chain();
  expect_like_python(chain[0]);
  free(chain);
}

typedef struct deep_case {
  tnode *chain;
  ws_buf out;
  bool repr;
} deep_case;

static ws_status pformat_deep_case(void *ctx) {
  deep_case *c = ctx;
  ws_buf_init(&c->out);
  (c->repr ? ws_prepr : ws_pformat)(&c->out, &c->chain[0].pv);
  return c->out.status;
}

static void free_deep_case_out(void *ctx) {
  deep_case *c = ctx;
  ws_buf_free(&c->out);
}

/* A value nested deeper than the levels a layout keeps in its frame gets
 * room for the others from the heap: with the output's room, two
 * allocations, each of which may fail. */
static void test_deep_nesting_allocation_failure_is_reported(void **state) {
  (void)state;
  deep_case c = {deep_chain(), {0}, false};
  assert_int_equal(failalloc_check(pformat_deep_case, free_deep_case_out, &c),
                   2);
  c.repr = true;
  assert_int_equal(failalloc_check(pformat_deep_case, free_deep_case_out, &c),
                   2);
  free(c.chain);
}

static void test_nesting_past_the_limit_is_an_error(void **state) {
  (void)state;
  enum { LEVELS = 1000 };
  tnode *chain = calloc(LEVELS, sizeof *chain);
  assert_non_null(chain);
  chain[LEVELS - 1] = integer(1);
  for (size_t i = LEVELS - 1; i > 0; i--) {
    chain[i - 1] = container(WS_PV_LIST, &chain[i], 1);
  }
  assert_int_equal(pformat_status(chain[0]), WS_EDEPTH);
  ws_buf b;
  ws_buf_init(&b);
  ws_prepr(&b, &chain[0].pv);
  assert_int_equal(b.status, WS_EDEPTH);
  ws_buf_free(&b);
  free(chain);
}

static void test_malformed_view_is_an_error(void **state) {
  (void)state;
  tnode no_child_fn = container(WS_PV_LIST, NULL, 3);
  no_child_fn.pv.child = NULL;
  assert_int_equal(pformat_status(no_child_fn), WS_EINVAL);
  assert_int_equal(pformat_status(text_n(NULL, 5)), WS_EINVAL);
  tnode odd_kind = none();
  odd_kind.pv.kind = (ws_pv_kind)77;
  assert_int_equal(pformat_status(LIST(odd_kind)), WS_EINVAL);
  tnode null_key = DICT(KV("k", none()));
  ((tnode *)null_key.pv.obj)[0].key = NULL;
  assert_int_equal(pformat_status(null_key), WS_EINVAL);
}

/* ---- buffers ---- */

static void test_pformat_appends_to_what_the_buffer_holds(void **state) {
  (void)state;
  ws_buf b;
  ws_buf_init(&b);
  ws_buf_puts(&b, "v = ");
  tnode v = LIST(integer(1), text("a"));
  ws_pformat(&b, &v.pv);
  assert_string_equal(b.data, "v = [1, 'a']");
  ws_buf_free(&b);
}

/* The layout runs in the room the buffer has after what it holds: when
 * that is too little it runs again in more, and on failure the buffer
 * holds what it held. */
static void test_pformat_in_a_buffers_room(void **state) {
  (void)state;
  tnode v = DICT(KV("z", text(WORDS WORDS)), KV("y", LIST(text(WORDS))));
  ws_buf want;
  ws_buf_init(&want);
  ws_buf_puts(&want, "v = ");
  size_t held = want.len;
  ws_pformat(&want, &v.pv);
  assert_int_equal(want.status, WS_OK);
  ws_buf b; /* room for a few bytes only: a second run in more */
  ws_buf_init(&b);
  ws_buf_puts(&b, "v = ");
  assert_int_equal(ws_buf_reserve(&b, 10), WS_OK);
  ws_pformat(&b, &v.pv);
  assert_int_equal(b.status, WS_OK);
  assert_string_equal(b.data, want.data);
  ws_buf_free(&b);
  char space[64]; /* fixed and too small: WS_EFULL, and what it held */
  ws_buf_fixed(&b, space, sizeof space);
  ws_buf_puts(&b, "v = ");
  ws_pformat(&b, &v.pv);
  assert_int_equal(b.status, WS_EFULL);
  assert_int_equal(b.len, held);
  assert_string_equal(b.data, "v = ");
  ws_buf_free(&b);
  tnode bad = DICT(KV("z", text(WORDS)), KV("a", text("\xff")));
  ws_buf_reset(&want); /* room enough: a failure there is cut back */
  ws_buf_puts(&want, "v = ");
  ws_pformat(&want, &bad.pv);
  assert_int_equal(want.status, WS_EUTF8);
  assert_int_equal(want.len, held);
  assert_string_equal(want.data, "v = ");
  ws_buf_free(&want);
}

static void test_measuring_counts_what_writing_writes(void **state) {
  (void)state;
  tnode v = DICT(KV("z", text(WORDS WORDS)), KV("y", octets(WORDS, 90)),
                 KV("x", LIST(integer(-5), text(WORDS))));
  ws_buf m;
  ws_buf w;
  ws_buf_measure(&m);
  ws_buf_init(&w);
  ws_pformat(&m, &v.pv);
  ws_pformat(&w, &v.pv);
  assert_int_equal(m.status, WS_OK);
  assert_int_equal(w.status, WS_OK);
  assert_int_equal(m.len, w.len);
  ws_buf_free(&w);
  ws_buf_free(&m);
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_scalars_print_as_their_reprs),
      cmocka_unit_test(test_floats_print_as_their_reprs_at_the_width),
      cmocka_unit_test(test_ints_print_at_the_width),
      cmocka_unit_test(test_dict_broken_after_items_written_whole),
      cmocka_unit_test(test_short_dict_stays_on_one_line),
      cmocka_unit_test(test_empty_containers),
      cmocka_unit_test(test_long_dict_puts_one_item_a_line),
      cmocka_unit_test(test_nested_value_indents_past_its_key),
      cmocka_unit_test(test_long_list_puts_one_item_a_line),
      cmocka_unit_test(test_list_item_just_fits_before_closing_brackets),
      cmocka_unit_test(test_output_longer_than_the_scratch_like_python),
      cmocka_unit_test(test_long_output_allocation_failure_is_reported),
      cmocka_unit_test(test_escapes_at_the_end_of_the_scratch_like_python),
      cmocka_unit_test(test_deep_indentation_past_the_width),
      cmocka_unit_test(test_item_starts_at_every_indentation_like_python),
      cmocka_unit_test(test_invalid_utf8_in_a_value_is_an_error),
      cmocka_unit_test(test_invalid_utf8_in_a_key_is_an_error),
      cmocka_unit_test(test_deep_nesting_within_the_limit_like_python),
      cmocka_unit_test(test_deep_nesting_allocation_failure_is_reported),
      cmocka_unit_test(test_nesting_past_the_limit_is_an_error),
      cmocka_unit_test(test_malformed_view_is_an_error),
      cmocka_unit_test(test_pformat_appends_to_what_the_buffer_holds),
      cmocka_unit_test(test_pformat_in_a_buffers_room),
      cmocka_unit_test(test_measuring_counts_what_writing_writes),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
