/* test_pformat.c - ws_pformat and ws_prepr against pprint in Python 3.11.
 *
 * Each layout test builds a value as a tree of ws_pv views, writes the same
 * value as a Python expression, and compares our output with what
 * /usr/bin/python3 prints for pprint.pformat (and pprint.saferepr, the
 * one-line form) of it at test time. */
#define _POSIX_C_SOURCE 200809L /* popen, mkstemp */

#include "failalloc.h"

#include "command_output.h"

#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "ws_buf.h"
#include "ws_pformat.h"

#define PYTHON "/usr/bin/python3"

/* ---- values as trees of views ---- */

typedef struct tnode {
  ws_pv pv;
  const char *key; /* for a dict's child */
  size_t key_len;
} tnode;

/* A container's obj is its array of children. */
static void tnode_child(const void *obj, size_t index, const char **key,
                        size_t *key_len, ws_pv *value) {
  const tnode *kids = obj;
  *key = kids[index].key;
  *key_len = kids[index].key_len;
  *value = kids[index].pv;
}

static tnode none(void) {
  tnode t;
  memset(&t, 0, sizeof t);
  t.pv = ws_pv_none();
  return t;
}

static tnode boolean(bool b) {
  tnode t = none();
  t.pv.kind = WS_PV_BOOL;
  t.pv.b = b;
  return t;
}

static tnode integer(int64_t i) {
  tnode t = none();
  t.pv.kind = WS_PV_INT;
  t.pv.i = i;
  return t;
}

static tnode text_n(const char *s, size_t n) {
  tnode t = none();
  t.pv.kind = WS_PV_STR;
  t.pv.s = s;
  t.pv.n = n;
  return t;
}

static tnode text(const char *s) {
  return text_n(s, strlen(s));
}

static tnode octets(const char *s, size_t n) {
  tnode t = text_n(s, n);
  t.pv.kind = WS_PV_BYTES;
  return t;
}

static tnode container(ws_pv_kind kind, tnode *kids, size_t n) {
  tnode t = none();
  t.pv.kind = kind;
  t.pv.n = n;
  t.pv.obj = kids;
  t.pv.child = tnode_child;
  return t;
}

static tnode keyed(const char *key, tnode value) {
  value.key = key;
  value.key_len = strlen(key);
  return value;
}

/* A dict given as entries whose keys may repeat (as headers are). */
static tnode entries(tnode *kids, size_t n) {
  tnode t = none();
  t.pv.kind = WS_PV_DICT;
  t.pv.obj = kids;
  t.pv.entry = tnode_child;
  t.pv.n_entries = n;
  return t;
}

#define KIDS(...) ((tnode[]){__VA_ARGS__})
#define COUNT(...) (sizeof KIDS(__VA_ARGS__) / sizeof(tnode))
#define LIST(...) container(WS_PV_LIST, KIDS(__VA_ARGS__), COUNT(__VA_ARGS__))
#define DICT(...) container(WS_PV_DICT, KIDS(__VA_ARGS__), COUNT(__VA_ARGS__))
#define KV(k, v) keyed(k, v)
#define ENTRIES(...) entries(KIDS(__VA_ARGS__), COUNT(__VA_ARGS__))

/* ---- the same value in Python ---- */

static void put_hex_call(ws_buf *b, const char *s, size_t n, bool decode) {
  static const char digits[] = "0123456789abcdef";
  ws_buf_puts(b, "bytes.fromhex(\"");
  for (size_t i = 0; i < n; i++) {
    unsigned char c = (unsigned char)s[i];
    ws_buf_putc(b, digits[c >> 4]);
    ws_buf_putc(b, digits[c & 15]);
  }
  ws_buf_puts(b, decode ? "\").decode()" : "\")");
}

static void put_python(ws_buf *b, const ws_pv *v);

/* Entries as Python groups them: a key's one value, or the list of its
 * values in entry order. */
static void put_python_entries(ws_buf *b, const ws_pv *v) {
  ws_buf_puts(b, "(lambda es: {k: (lambda vs: vs[0] if len(vs) == 1 else vs)"
                 "([x for kk, x in es if kk == k]) for k, _ in es})([");
  for (size_t i = 0; i < v->n_entries; i++) {
    const char *key;
    size_t key_len;
    ws_pv c;
    v->entry(v->obj, i, &key, &key_len, &c);
    ws_buf_putc(b, '(');
    put_hex_call(b, key, key_len, true);
    ws_buf_putc(b, ',');
    put_python(b, &c);
    ws_buf_puts(b, "),");
  }
  ws_buf_puts(b, "])");
}

static void put_python(ws_buf *b, const ws_pv *v) {
  switch (v->kind) {
  case WS_PV_NONE:
    ws_buf_puts(b, "None");
    return;
  case WS_PV_BOOL:
    ws_buf_puts(b, v->b ? "True" : "False");
    return;
  case WS_PV_INT:
    ws_buf_put_i64(b, (long long)v->i);
    return;
  case WS_PV_STR:
  case WS_PV_BYTES:
    put_hex_call(b, v->s, v->n, v->kind == WS_PV_STR);
    return;
  case WS_PV_LIST:
  case WS_PV_DICT:
    break;
  }
  if (v->kind == WS_PV_DICT && v->entry) {
    put_python_entries(b, v);
    return;
  }
  ws_buf_putc(b, v->kind == WS_PV_LIST ? '[' : '{');
  for (size_t i = 0; i < v->n; i++) {
    const char *key;
    size_t key_len;
    ws_pv c;
    v->child(v->obj, i, &key, &key_len, &c);
    if (v->kind == WS_PV_DICT) {
      put_hex_call(b, key, key_len, true);
      ws_buf_putc(b, ':');
    }
    put_python(b, &c);
    ws_buf_putc(b, ',');
  }
  ws_buf_putc(b, v->kind == WS_PV_LIST ? ']' : '}');
}

/* What Python prints for `function(value)`; caller frees. */
static char *python_of(const char *function, const tnode *t) {
  ws_buf expr;
  ws_buf_init(&expr);
  put_python(&expr, &t->pv);
  assert_int_equal(expr.status, WS_OK);
  char path[] = "/tmp/test_pformat_XXXXXX";
  int fd = mkstemp(path);
  assert_true(fd >= 0);
  assert_int_equal(write(fd, expr.data, expr.len), (ssize_t)expr.len);
  close(fd);
  ws_buf_free(&expr);

  char cmd[512];
  snprintf(cmd, sizeof cmd,
           "%s -c 'import pprint, sys; v = eval(open(sys.argv[1]).read()); "
           "sys.stdout.buffer.write(pprint.%s(v).encode())' %s",
           PYTHON, function, path);
  char *out = command_output(cmd, NULL);
  unlink(path);
  return out;
}

/* pformat and the one-line repr of t both equal Python's. */
static void expect_like_python(tnode t) {
  ws_buf ours;
  ws_buf_init(&ours);
  ws_pformat(&ours, &t.pv);
  assert_int_equal(ours.status, WS_OK);
  char *want = python_of("pformat", &t);
  assert_string_equal(ours.data, want);
  free(want);

  ws_buf_reset(&ours);
  ws_prepr(&ours, &t.pv);
  assert_int_equal(ours.status, WS_OK);
  want = python_of("saferepr", &t);
  assert_string_equal(ours.data, want);
  free(want);
  ws_buf_free(&ours);
}

static ws_status pformat_status(tnode t) {
  ws_buf b;
  ws_buf_init(&b);
  ws_pformat(&b, &t.pv);
  ws_status status = b.status;
  ws_buf_free(&b);
  return status;
}

#define WORDS                                                                  \
  "the quick brown fox jumps over the lazy dog and keeps running far past "    \
  "the end of the line, then some more words to wrap "

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

static void test_short_dict_stays_on_one_line(void **state) {
  (void)state;
  expect_like_python(DICT(KV("b", integer(2)), KV("a", LIST(none(), text("x"))),
                          KV("c", octets("\x01", 1))));
}

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

/* ---- str ---- */

static void test_long_top_level_str_wraps_in_parentheses(void **state) {
  (void)state;
  expect_like_python(text(WORDS WORDS));
}

static void test_long_nested_str_wraps_without_parentheses(void **state) {
  (void)state;
  expect_like_python(LIST(text(WORDS WORDS), text("short")));
  expect_like_python(DICT(KV("reason", text(WORDS))));
}

static void test_str_breaks_at_every_line_boundary(void **state) {
  (void)state;
  expect_like_python(text("one\ntwo\rthree\r\nfour\vfive\fsix\x1cseven"
                          "\x1d"
                          "eight\x1enine\xc2\x85ten\xe2\x80\xa8"
                          "eleven\xe2\x80\xa9twelve\n"));
}

static void test_long_word_is_not_split(void **state) {
  (void)state;
  expect_like_python(text("https://example.com/" WORDS));
  static const char word[] = "abcdefghijklmnopqrstuvwxyzabcdefghijklmnopqrstuv"
                             "wxyzabcdefghijklmnopqrstuvwxyz";
  expect_like_python(text(word));
  expect_like_python(LIST(text(word)));
}

/* Plain text (printable ASCII without quotes) takes a shorter way: runs
 * of spaces, leading and trailing ones, words longer than a line, and the
 * last word on each side of the allowance. */
static void test_plain_text_with_space_runs_wraps_like_python(void **state) {
  (void)state;
  static const char spaced[] =
      "  leading spaces then  two   three    four     five      words and a "
      "verylongwordthatkeepsgoingpastthewidthofanylinewhatsoeverandthensome  "
      "trailing   ";
  expect_like_python(text(spaced));
  expect_like_python(DICT(KV("key", text(spaced))));
  for (size_t n = 70; n <= 84; n++) {
    expect_like_python(LIST(text_n(WORDS WORDS, n)));
    expect_like_python(LIST(LIST(text_n(WORDS WORDS, n + 40))));
  }
}

/* Pieces of plain text end where a look back from the width finds a word
 * end: at every indentation, down to none left (keys of 0 to 85 bytes
 * move the value), with runs of spaces where the look back starts. */
static void test_plain_text_at_every_indentation_like_python(void **state) {
  (void)state;
  static const char spaced[] =
      " a  bb   ccc    dddd     eeeee      ffffff       ggggggg        hhhh "
      "i j k l m n o p q r s t u v w x y z aa bb cc dd ee ff gg hh ii jj kk  "
      "  ll mm nn oo pp qq rr ss tt uu vv ww xx yy zz   ";
  static const char keys[] = "kkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkk"
                             "kkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkk";
  for (size_t k = 0; k <= 85; k += 5) {
    char key[sizeof keys];
    memcpy(key, keys, k);
    key[k] = '\0';
    expect_like_python(DICT(KV(key, text(spaced))));
  }
}

static void test_unicode_spaces_are_split_points(void **state) {
  (void)state;
  expect_like_python(text("alpha\xe3\x80\x80"
                          "beta\xc2\xa0gamma\xe2\x80\x83" WORDS "\xe1\x9a\x80"
                          "delta\xe2\x80\xaf" WORDS));
}

static void test_str_width_counts_code_points_not_bytes(void **state) {
  (void)state;
  /* 30 wide characters and astral ones: short in code points, long in
   * bytes; and escapes that are long in columns. */
  expect_like_python(
      LIST(text("\xe4\xb8\xad\xe6\x96\x87\xe4\xb8\xad\xe6\x96\x87\xe4\xb8\xad"
                "\xe6\x96\x87\xe4\xb8\xad\xe6\x96\x87\xe4\xb8\xad\xe6\x96\x87"
                "\xf0\x9f\x98\x80\xf0\x9f\x98\x80 \xe4\xb8\xad\xe6\x96\x87"
                "\xe4\xb8\xad\xe6\x96\x87\xe4\xb8\xad\xe6\x96\x87\xe4\xb8\xad"
                "\xe6\x96\x87\xe4\xb8\xad\xe6\x96\x87\xe4\xb8\xad\xe6\x96\x87"),
           text("\x01\x02\x03 \x04\x05\x06 \x07\x08 \xf3\xa0\x80\x81 "
                "\xe2\x80\x8b\xe2\x80\x8b it's \"quoted\" \\ "
                "\x01\x02\x03 \x04\x05\x06 \x07\x08\x0e")));
}

static void test_str_near_the_width_limit(void **state) {
  (void)state;
  static const char words[] = "aa bb cc dd ee ff gg hh ii jj kk ll mm nn oo "
                              "pp qq rr ss tt uu vv ww xx yy zz";
  for (size_t n = 70; n <= sizeof words - 1; n++) {
    expect_like_python(text_n(words, n));
    expect_like_python(DICT(KV("k", text_n(words, n - 5))));
  }
}

/* ---- bytes ---- */

static void test_long_top_level_bytes_wrap_in_parentheses(void **state) {
  (void)state;
  expect_like_python(octets(WORDS, sizeof WORDS - 1));
}

static void test_long_nested_bytes_wrap_in_four_byte_groups(void **state) {
  (void)state;
  static const char binary[] = "\x00\x01\x02\x03\xff\xfe\xfd\xfc'\"\\\t\n\r"
                               "abcdefgh\x80\x81\x82\x83\x84\x85\x86\x87"
                               "ijklmnopqrstuvwxyz\x7f";
  expect_like_python(LIST(octets(binary, sizeof binary - 1), none()));
  expect_like_python(DICT(KV("payload", octets(binary, sizeof binary - 1))));
}

static void test_bytes_near_the_width_limit(void **state) {
  (void)state;
  /* Lengths on both sides of 80 columns, multiples of 4 among them (where
   * CPython never subtracts the allowance). */
  static const char xs[] =
      "abcdefghijklmnopqrstuvwxyzabcdefghijklmnopqrstuvwxyz"
      "abcdefghijklmnopqrstuvwxyzabcdefghijklmnopqrstuvwxyz";
  for (size_t n = 70; n <= 84; n++) {
    expect_like_python(octets(xs, n));
    expect_like_python(LIST(LIST(octets(xs, n - 3))));
  }
}

/* ---- long output ----
 * Output up to 32 KB is laid out in a stack array; longer output is laid
 * out again in a heap scratch, 4 times larger each time it is too small.
 * All must print the same. */

/* About 150 KB of output: past the stack array and the first heap scratch
 * (128 KB), so laid out three times. */
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

/* The heap scratches and the output: three allocations, each of which may
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
    tnode inner = DICT(KV("a", text(WORDS)), KV("it's", text("x")),
                       KV("\xc3\xa9t\xc3\xa9", integer(1)),
                       KV("line\nbreak", none()), KV("plain", text("y")),
                       KV("z", LIST(text("p"), text("q"))));
    tnode outer = DICT(KV("", inner));
    ((tnode *)outer.pv.obj)[0].key = ks;
    ((tnode *)outer.pv.obj)[0].key_len = k;
    expect_like_python(outer);
  }
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

static void test_deep_nesting_within_the_limit_like_python(void **state) {
  (void)state;
  enum { LEVELS = 150 };
  tnode *chain = calloc(LEVELS, sizeof *chain);
  assert_non_null(chain);
  chain[LEVELS - 1] = text(WORDS);
  for (size_t i = LEVELS - 1; i > 0; i--) {
    /* Lists and dicts in turn; a dict's only child gets a key. */
    ws_pv_kind kind = i % 2 ? WS_PV_LIST : WS_PV_DICT;
    chain[i - 1] = container(kind, &chain[i], 1);
    if (kind == WS_PV_DICT) {
      chain[i].key = "key";
      chain[i].key_len = 3;
    }
  }
  expect_like_python(chain[0]);
  free(chain);
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

/* ---- buffers and allocation ---- */

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

/* A dict too big for the stack array sorts through an allocated one. */
typedef struct big_dict_case {
  tnode kids[40];
  char keys[40][8];
  tnode value;
  ws_buf out;
} big_dict_case;

static void fill_big_dict(big_dict_case *c) {
  for (size_t i = 0; i < 40; i++) {
    snprintf(c->keys[i], sizeof c->keys[i], "k%02zu", (i * 17) % 40);
    c->kids[i] = keyed(c->keys[i], text(i % 2 ? WORDS : "short"));
  }
  c->value = container(WS_PV_DICT, c->kids, 40);
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
  big_dict_case c;
  fill_big_dict(&c);
  expect_like_python(c.value);
}

static void test_allocation_failure_is_reported_and_nothing_leaks(void **st) {
  (void)st;
  big_dict_case c;
  fill_big_dict(&c);
  assert_true(failalloc_check(pformat_big_dict, free_out, &c) > 1);
  assert_true(failalloc_check(prepr_big_dict, free_out, &c) > 1);
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_scalars_print_as_their_reprs),
      cmocka_unit_test(test_short_dict_stays_on_one_line),
      cmocka_unit_test(test_dict_keys_sort_by_code_point),
      cmocka_unit_test(test_dict_of_sorted_plain_keys_like_python),
      cmocka_unit_test(test_empty_containers),
      cmocka_unit_test(test_long_dict_puts_one_item_a_line),
      cmocka_unit_test(test_nested_value_indents_past_its_key),
      cmocka_unit_test(test_long_list_puts_one_item_a_line),
      cmocka_unit_test(test_list_item_just_fits_before_closing_brackets),
      cmocka_unit_test(test_long_top_level_str_wraps_in_parentheses),
      cmocka_unit_test(test_long_nested_str_wraps_without_parentheses),
      cmocka_unit_test(test_str_breaks_at_every_line_boundary),
      cmocka_unit_test(test_long_word_is_not_split),
      cmocka_unit_test(test_plain_text_with_space_runs_wraps_like_python),
      cmocka_unit_test(test_plain_text_at_every_indentation_like_python),
      cmocka_unit_test(test_unicode_spaces_are_split_points),
      cmocka_unit_test(test_str_width_counts_code_points_not_bytes),
      cmocka_unit_test(test_str_near_the_width_limit),
      cmocka_unit_test(test_long_top_level_bytes_wrap_in_parentheses),
      cmocka_unit_test(test_long_nested_bytes_wrap_in_four_byte_groups),
      cmocka_unit_test(test_bytes_near_the_width_limit),
      cmocka_unit_test(test_output_longer_than_the_scratch_like_python),
      cmocka_unit_test(test_long_output_allocation_failure_is_reported),
      cmocka_unit_test(test_escapes_at_the_end_of_the_scratch_like_python),
      cmocka_unit_test(test_deep_indentation_past_the_width),
      cmocka_unit_test(test_item_starts_at_every_indentation_like_python),
      cmocka_unit_test(test_repeated_entries_group_into_lists),
      cmocka_unit_test(test_entries_near_the_width_limit),
      cmocka_unit_test(test_dicts_of_long_keys_near_the_width_limit),
      cmocka_unit_test(test_many_entries_group_like_python),
      cmocka_unit_test(test_keys_sharing_prefixes_sort_like_python),
      cmocka_unit_test(test_entries_sorted_through_key_reader_like_python),
      cmocka_unit_test(test_invalid_utf8_in_a_value_is_an_error),
      cmocka_unit_test(test_invalid_utf8_in_a_key_is_an_error),
      cmocka_unit_test(test_deep_nesting_within_the_limit_like_python),
      cmocka_unit_test(test_nesting_past_the_limit_is_an_error),
      cmocka_unit_test(test_malformed_view_is_an_error),
      cmocka_unit_test(test_pformat_appends_to_what_the_buffer_holds),
      cmocka_unit_test(test_measuring_counts_what_writing_writes),
      cmocka_unit_test(test_big_dict_sorts_like_python),
      cmocka_unit_test(test_allocation_failure_is_reported_and_nothing_leaks),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
