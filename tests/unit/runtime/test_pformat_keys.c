/* test_pformat_keys.c - ws_pformat_keys.c against pprint in Python 3.11: a
 * dict's items in key order (by code point, through a key reader, keys
 * declared sorted and plain), dicts given as entries whose keys repeat,
 * the one-line width the keys alone give, and dicts too big for the stack
 * array, sorted in the layout's room for keys or, past it, in arrays of
 * their own, also under allocation failure. How the comparison with Python is made
 * is tests/lib/pformat_tree.h. */
#define _POSIX_C_SOURCE 200809L /* popen, mkstemp */

#include "failalloc.h"

#include "pformat_tree.h"

/* ---- key order ---- */

static void test_dict_keys_sort_by_code_point(void **state) {
  (void)state;
  expect_like_python(
      DICT(KV("b", integer(1)), KV("a", integer(2)), KV("B", integer(3)),
           KV("\xc3\xa9", integer(4)), KV("\xf0\x9f\x98\x80", integer(5)),
           KV("", integer(6)), KV("ab", integer(7)), KV("a b", integer(8)),
           KV("\xef\xbd\x81", integer(9))));
}

/* A view that gives its keys in order, and says they are plain (as the
 * generated classes do), prints as a dict read the long way. */
static void test_dict_of_sorted_plain_keys_like_python(void **state) {
  (void)state;
  tnode small = DICT(KV("a", integer(1)), KV("b_c", text("x")));
  small.pv.keys_sorted = true;
  small.pv.keys_plain = true;
  expect_like_python(small);
  expect_like_python(LIST(small, text(WORDS)));
  tnode wide = DICT(KV("alpha", text(WORDS)), KV("beta", LIST(text("x"))),
                    KV("gamma", small), KV("z", none()));
  wide.pv.keys_sorted = true;
  wide.pv.keys_plain = true;
  expect_like_python(wide);
  expect_like_python(DICT(KV("key with space", wide)));
}

/* Keys that share prefixes of every length up to past 16 bytes, differ
 * at every position, or end in NUL bytes (which must sort after the
 * shorter key, not equal to it) sort by code point, as a dict and as
 * entries. */
static void test_keys_sharing_prefixes_sort_like_python(void **state) {
  (void)state;
  static const char base[] = "sec-websocket-extensions-xy\0\0";
  enum { LENGTHS = sizeof base };
  tnode kids[2 * LENGTHS];
  char variants[LENGTHS][sizeof base];
  size_t n = 0;
  for (size_t len = 0; len < LENGTHS; len++) {
    /* Reversed, so the sort has work to do. */
    size_t at = (len * 11) % LENGTHS;
    kids[n] = integer((int64_t)at);
    kids[n].key = base;
    kids[n].key_len = at;
    n++;
    if (at > 0) {
      memcpy(variants[len], base, at);
      variants[len][at - 1] = 'A'; /* another last byte */
      kids[n] = integer(-(int64_t)at);
      kids[n].key = variants[len];
      kids[n].key_len = at;
      n++;
    }
  }
  expect_like_python(container(WS_PV_DICT, kids, n));
  expect_like_python(entries(kids, n));
}

/* A dict given as entries is sorted through the view's key reader when it
 * has one; keys and values still come from entry. */
static void tnode_key(const void *obj, size_t index, const char **key,
                      size_t *key_len) {
  const tnode *kids = obj;
  *key = kids[index].key;
  *key_len = kids[index].key_len;
}

static void test_entries_sorted_through_key_reader_like_python(void **state) {
  (void)state;
  tnode headers = ENTRIES(
      KV("sec-websocket-version", text("13")), KV("host", text("x")),
      KV("sec-websocket-key", text("k")), KV("via", text("1")),
      KV("sec-websocket-extensions", text(WORDS)), KV("via", text("2")),
      KV("accept-language", text("en")), KV("accept-encoding", text("br")));
  headers.pv.key = tnode_key;
  expect_like_python(headers);
  expect_like_python(LIST(headers));
  tnode keyed_dict = DICT(KV("b", integer(1)), KV("a", text(WORDS)));
  keyed_dict.pv.key = tnode_key;
  expect_like_python(keyed_dict);
}

/* ---- dicts given as entries ---- */

static void test_repeated_entries_group_into_lists(void **state) {
  (void)state;
  expect_like_python(ENTRIES(KV("via", text("1")), KV("host", text("x")),
                             KV("via", text("2")), KV("Host", text("y")),
                             KV("via", text("3"))));
  expect_like_python(ENTRIES(KV("a", text(WORDS)), KV("b", integer(1)),
                             KV("a", text("short")), KV("c", text(WORDS)),
                             KV("a", text(WORDS WORDS))));
  expect_like_python(LIST(ENTRIES(KV("k", none()), KV("k", none()))));
  expect_like_python(entries(NULL, 0));
}

/* The one-line width of grouped entries is exact where it decides. */
static void test_entries_near_the_width_limit(void **state) {
  (void)state;
  static const char xs[] = "xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx";
  for (size_t n = 30; n <= 50; n++) {
    expect_like_python(ENTRIES(KV("k", text_n(xs, n)), KV("j", text("v")),
                               KV("k", text("w")), KV("k", text("u"))));
    expect_like_python(ENTRIES(KV("k", text_n(xs, n)), KV("k", text("w"))));
  }
}

/* The one-line width pformat derives from keys alone (to skip attempts
 * that cannot fit) never exceeds the true width. Dicts of one-column
 * values, where that bound is tight, cross the limit as their keys grow:
 * plain keys (declared so or not), repeated entries, and astral keys (four
 * bytes, one column) stay on one line exactly when Python's do. */
static void test_dicts_of_long_keys_near_the_width_limit(void **state) {
  (void)state;
  static const char ks[] = "kkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkk";
  /* {'a': 1, 'b': 2, 'c': 3, 'kk…': 0} is n + 31 columns, and nested as
   * below it has 73: it fits up to n = 42. */
  for (size_t n = 38; n <= 46; n++) {
    tnode inner[] = {KV("a", integer(1)), KV("b", integer(2)),
                     KV("c", integer(3)), keyed("", integer(0))};
    inner[3].key_len = n;
    inner[3].key = ks;
    tnode plain = container(WS_PV_DICT, inner, 4);
    expect_like_python(DICT(KV("x", plain), KV("y", integer(0))));
    plain.pv.keys_plain = true;
    expect_like_python(DICT(KV("x", plain), KV("y", integer(0))));
    expect_like_python(
        ENTRIES(KV("ab", integer(0)), KV("x", plain), KV("ab", integer(1))));
  }
  /* {'😀…': 0, '😀…x': 1} with m astral characters in each key is 2m + 15
   * columns (and 8m + 1 bytes of keys): it fits up to m = 32. */
  static const char smile[] = "\xf0\x9f\x98\x80";
  char astral[4 * 40 + 2];
  for (size_t m = 30; m <= 34; m++) {
    for (size_t i = 0; i < m; i++) {
      memcpy(astral + 4 * i, smile, 4);
    }
    astral[4 * m] = 'x';
    tnode pair[] = {keyed("", integer(0)), keyed("", integer(1))};
    pair[0].key = pair[1].key = astral;
    pair[0].key_len = 4 * m;
    pair[1].key_len = 4 * m + 1;
    expect_like_python(entries(pair, 2));
    expect_like_python(container(WS_PV_DICT, pair, 2));
  }
}

/* Many entries sort by merging, and repeats still group in entry order. */
static void test_many_entries_group_like_python(void **state) {
  (void)state;
  enum { N = 60 };
  tnode kids[N];
  char keys[N][8];
  for (size_t i = 0; i < N; i++) {
    snprintf(keys[i], sizeof keys[i], "k%02zu", (i * 7) % 23);
    kids[i] = keyed(keys[i], i % 3 ? integer((int64_t)i) : text(WORDS));
  }
  expect_like_python(entries(kids, N));
}

/* ---- dicts too big for the layout's room for keys ---- */

/* A dict sorts its keys in the room a layout run keeps for keys (a dict
 * of more than WS_PF_SMALL_DICT keys with half as many again to merge
 * through), shared by the dicts nested in one another; one too big for
 * what is left of it sorts through an allocated array. BIG is past what
 * the room holds alone (170 keys); MID fits it alone, but not again inside
 * another MID. */
enum { BIG = 300, MID = 150, NESTED = 3 };

typedef struct big_dict_case {
  tnode kids[BIG];
  char keys[BIG][8];
  tnode value;
  /* NESTED dicts of MID keys, each the value of one key of the next */
  tnode mid_kids[NESTED][MID];
  tnode mid[NESTED];
  ws_buf out;
} big_dict_case;

/* Keys k000.. in a scrambled order (17 is prime to both sizes). */
static void fill_keys(big_dict_case *c) {
  for (size_t i = 0; i < BIG; i++) {
    snprintf(c->keys[i], sizeof c->keys[i], "k%03zu", (i * 17) % BIG);
  }
}

static void fill_big_dict(big_dict_case *c) {
  fill_keys(c);
  for (size_t i = 0; i < BIG; i++) {
    c->kids[i] = keyed(c->keys[i], text(i % 2 ? WORDS : "short"));
  }
  c->value = container(WS_PV_DICT, c->kids, BIG);
}

static void fill_nested_dicts(big_dict_case *c) {
  fill_keys(c);
  for (size_t d = 0; d < NESTED; d++) {
    for (size_t i = 0; i < MID; i++) {
      tnode value =
          d > 0 && i == MID / 2 ? c->mid[d - 1] : integer((int64_t)(i * d));
      c->mid_kids[d][i] = keyed(c->keys[i], value);
    }
    /* as a dict, and as entries with the innermost's keys repeating */
    c->mid[d] = d == 0 ? entries(c->mid_kids[d], MID)
                       : container(WS_PV_DICT, c->mid_kids[d], MID);
  }
  c->value = c->mid[NESTED - 1];
}

static ws_status pformat_big_dict(void *ctx) {
  big_dict_case *c = ctx;
  ws_buf_init(&c->out);
  ws_pformat(&c->out, &c->value.pv);
  return c->out.status;
}

static ws_status prepr_big_dict(void *ctx) {
  big_dict_case *c = ctx;
  ws_buf_init(&c->out);
  ws_prepr(&c->out, &c->value.pv);
  return c->out.status;
}

static void free_out(void *ctx) {
  big_dict_case *c = ctx;
  ws_buf_free(&c->out);
}

static void test_big_dict_sorts_like_python(void **state) {
  (void)state;
  static big_dict_case c;
  fill_big_dict(&c);
  expect_like_python(c.value);
  expect_like_python(LIST(c.value));
}

static void test_nested_big_dicts_sort_like_python(void **state) {
  (void)state;
  static big_dict_case c;
  fill_nested_dicts(&c);
  expect_like_python(c.value);
  expect_like_python(c.mid[0]);
}

/* The allocations a pformat makes: the output, and an array for each
 * dict whose keys did not find room in the layout's. */
static size_t pformat_allocations(big_dict_case *c) {
  failalloc_install();
  failalloc_fail_at(0);
  ws_status st = pformat_big_dict(c);
  size_t calls = failalloc_calls();
  free_out(c);
  failalloc_uninstall();
  assert_int_equal(st, WS_OK);
  return calls;
}

static void test_keys_sort_in_the_layouts_room_while_it_lasts(void **st) {
  (void)st;
  static big_dict_case c;
  fill_nested_dicts(&c);
  c.value = c.mid[0]; /* one dict of MID keys: no array of its own */
  assert_int_equal(pformat_allocations(&c), 1);
  c.value = c.mid[1]; /* and one in it: the inner one allocates */
  assert_int_equal(pformat_allocations(&c), 2);
  fill_big_dict(&c); /* too big for the room alone */
  assert_int_equal(pformat_allocations(&c), 2);
}

static void test_allocation_failure_is_reported_and_nothing_leaks(void **st) {
  (void)st;
  static big_dict_case c;
  fill_big_dict(&c);
  assert_true(failalloc_check(pformat_big_dict, free_out, &c) > 1);
  assert_true(failalloc_check(prepr_big_dict, free_out, &c) > 1);
  fill_nested_dicts(&c);
  assert_true(failalloc_check(pformat_big_dict, free_out, &c) > 1);
  assert_true(failalloc_check(prepr_big_dict, free_out, &c) > 1);
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_dict_keys_sort_by_code_point),
      cmocka_unit_test(test_dict_of_sorted_plain_keys_like_python),
      cmocka_unit_test(test_keys_sharing_prefixes_sort_like_python),
      cmocka_unit_test(test_entries_sorted_through_key_reader_like_python),
      cmocka_unit_test(test_repeated_entries_group_into_lists),
      cmocka_unit_test(test_entries_near_the_width_limit),
      cmocka_unit_test(test_dicts_of_long_keys_near_the_width_limit),
      cmocka_unit_test(test_many_entries_group_like_python),
      cmocka_unit_test(test_big_dict_sorts_like_python),
      cmocka_unit_test(test_nested_big_dicts_sort_like_python),
      cmocka_unit_test(test_keys_sort_in_the_layouts_room_while_it_lasts),
      cmocka_unit_test(test_allocation_failure_is_reported_and_nothing_leaks),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
