/* Tests for ws_headers.c written out as a dict of groups, a name's one
 * value or the list of its values in order: the JSON (checked against
 * CPython's json.dumps) and the pformat view (against pprint.pformat),
 * for few and many names, and under allocation failure. */
#define _POSIX_C_SOURCE 200809L /* popen */

#include "failalloc.h"

#include <stdio.h>
#include <string.h>

#include "headers_check.h"

#define PYTHON "/usr/bin/python3"

/* ---- helpers ------------------------------------------------------------- */

/* One line of what python prints for `expr` (a Python expression). */
static void python_line(const char *expr, char *out, size_t size) {
  char cmd[2048];
  snprintf(cmd, sizeof cmd,
           "%s -c 'import "
           "json,sys\nsys.stdout.buffer.write((%s).encode(\"utf-8\"))'",
           PYTHON, expr);
  FILE *f = popen(cmd, "r");
  assert_non_null(f);
  size_t n = fread(out, 1, size - 1, f);
  out[n] = '\0';
  assert_int_equal(pclose(f), 0);
}

/* More entries than the grouping index keeps on the stack, with names that
 * share their first and last bytes, repeats, and spellings differing only
 * in case (which stay apart). */
static void add_many(ws_headers *h) {
  for (int i = 0; i < 300; i++) {
    char name[32], value[32];
    snprintf(name, sizeof name, i % 5 ? "x-note-%02d" : "X-Note-%02d", i % 97);
    snprintf(value, sizeof value, "v%d", i);
    add(h, name, value);
  }
}

/* ---- JSON ---------------------------------------------------------------- */

/* Writes h every way a buffer can take it and checks they agree: fresh
 * (growing as it goes), with room for everything (members written in
 * place), fixed to the exact size (fits) and one byte less (refused). */
static void expect_json_every_way(const ws_headers *h, ws_json_mode mode) {
  ws_buf fresh = json_of(h, mode);
  ws_buf roomy;
  ws_buf_init(&roomy);
  assert_int_equal(ws_buf_reserve(&roomy, 1 << 16), WS_OK);
  ws_headers_put_json(&roomy, h, mode);
  assert_int_equal(roomy.status, WS_OK);
  assert_int_equal(roomy.len, fresh.len);
  assert_memory_equal(roomy.data, fresh.data, fresh.len);
  static char space[1 << 16];
  assert_true(fresh.len < sizeof space);
  ws_buf fixed;
  ws_buf_fixed(&fixed, space, fresh.len + 1);
  ws_headers_put_json(&fixed, h, mode);
  assert_int_equal(fixed.status, WS_OK);
  assert_memory_equal(fixed.data, fresh.data, fresh.len);
  ws_buf_fixed(&fixed, space, fresh.len);
  ws_headers_put_json(&fixed, h, mode);
  assert_int_equal(fixed.status, WS_EFULL);
  ws_buf_free(&roomy);
  ws_buf_free(&fresh);
}

/* Few names (each its own key) and many (grouped), with text to escape,
 * non-ASCII, empty strings and lists among them. */
static void test_json_the_same_whatever_the_room(void **state) {
  (void)state;
  for (int many = 0; many < 2; many++) {
    ws_headers h;
    ws_headers_init(&h);
    add(&h, "Host", "ws.example.com");
    add(&h, "X-Note", "Gr\xc3\xbc\xc3\x9f"
                      "e \"aus\" K\xc3\xb6ln \xf0\x9f\x8e\x89\n");
    add(&h, "", "");
    add(&h, "Caf\xc3\xa9", "a long value that is longer than thirty-two bytes");
    ws_strview none[1];
    assert_int_equal(ws_headers_add_list(&h, S("Empty"), none, 0), WS_OK);
    if (many) {
      add_many(&h);
    }
    expect_json_every_way(&h, WS_JSON_COMPACT);
    expect_json_every_way(&h, WS_JSON_PYTHON);
    ws_headers_free(&h);
  }
}

/* Invalid text in a name or a value fails with room for everything too. */
static void test_json_invalid_utf8_fails_with_room(void **state) {
  (void)state;
  for (int many = 0; many < 2; many++) {
    for (int in_name = 0; in_name < 2; in_name++) {
      ws_headers h;
      ws_headers_init(&h);
      add(&h, "A", "ok");
      add(&h, in_name ? "B\xed\xa0\x80" : "B", in_name ? "ok" : "x\xff");
      if (many) {
        add_many(&h);
      }
      for (int m = WS_JSON_COMPACT; m <= WS_JSON_PYTHON; m++) {
        ws_buf b;
        ws_buf_init(&b);
        assert_int_equal(ws_buf_reserve(&b, 1 << 16), WS_OK);
        ws_headers_put_json(&b, &h, (ws_json_mode)m);
        assert_int_equal(b.status, WS_EUTF8);
        ws_buf_free(&b);
      }
      ws_headers_free(&h);
    }
  }
}

static void test_json_groups_by_exact_spelling(void **state) {
  (void)state;
  ws_headers h;
  ws_headers_init(&h);
  add(&h, "Host", "x");
  add(&h, "Set-Cookie", "a");
  add(&h, "host", "y");
  add(&h, "Set-Cookie", "b");
  expect_json(&h, WS_JSON_COMPACT,
              "{\"Host\":\"x\",\"Set-Cookie\":[\"a\",\"b\"],\"host\":\"y\"}");
  expect_json(&h, WS_JSON_PYTHON,
              "{\"Host\": \"x\", \"Set-Cookie\": [\"a\", \"b\"], "
              "\"host\": \"y\"}");
  ws_headers_free(&h);
}

static void test_json_escapes_names_and_values(void **state) {
  (void)state;
  ws_headers h;
  ws_headers_init(&h);
  add(&h, "X-\"q\"", "caf\xc3\xa9\n");
  expect_json(&h, WS_JSON_COMPACT, "{\"X-\\\"q\\\"\":\"caf\xc3\xa9\\n\"}");
  expect_json(&h, WS_JSON_PYTHON, "{\"X-\\\"q\\\"\": \"caf\\u00e9\\n\"}");
  ws_headers_free(&h);
}

static void test_json_invalid_utf8_fails(void **state) {
  (void)state;
  ws_headers h;
  ws_headers_init(&h);
  add(&h, "X", "\xc0\x80");
  ws_buf b;
  ws_buf_init(&b);
  ws_headers_put_json(&b, &h, WS_JSON_COMPACT);
  assert_int_equal(b.status, WS_EUTF8);
  ws_buf_free(&b);
  ws_headers_free(&h);
}

static void test_json_matches_python(void **state) {
  (void)state;
  ws_headers h;
  ws_headers_init(&h);
  add(&h, "Host", "example.com");
  add(&h, "Sec-WebSocket-Protocol", "chat");
  add(&h, "Cookie", "a=1");
  add(&h, "Sec-WebSocket-Protocol", "superchat");
  add(&h, "User-Agent", "caf\xc3\xa9 \xf0\x9f\x98\x80");
  add(&h, "Sec-WebSocket-Protocol", "");
  add(&h, "cookie", "b=2");
  const char *dict =
      "{\"Host\": \"example.com\", "
      "\"Sec-WebSocket-Protocol\": [\"chat\", \"superchat\", \"\"], "
      "\"Cookie\": \"a=1\", \"User-Agent\": \"caf\\u00e9 \\U0001f600\", "
      "\"cookie\": \"b=2\"}";
  char expr[1024], expected[1024];
  snprintf(expr, sizeof expr, "json.dumps(%s)", dict);
  python_line(expr, expected, sizeof expected);
  expect_json(&h, WS_JSON_PYTHON, expected);
  snprintf(expr, sizeof expr,
           "json.dumps(%s, ensure_ascii=False, separators=(\",\", \":\"))",
           dict);
  python_line(expr, expected, sizeof expected);
  expect_json(&h, WS_JSON_COMPACT, expected);
  ws_headers_free(&h);
}

/* Up to 24 entries, repeats are found by comparing short tags of the
 * names, and the index decides when two tags are equal. Names here are
 * all distinct but for one repeat (none, the first again, or the last
 * again), and some differ only in the middle, where no tag looks. */
static void expect_grouped_like_python(size_t n, size_t repeat) {
  static const char *const names[] = {"host",
                                      "a",
                                      "ab",
                                      "abc",
                                      "abd",
                                      "abcd",
                                      "abce",
                                      "upgrade",
                                      "sec-websocket-A-extensions",
                                      "sec-websocket-B-extensions",
                                      "sec-websocket-C-extensions",
                                      "origin",
                                      "cookie",
                                      "x",
                                      "y",
                                      "pragma",
                                      "connection",
                                      "accept",
                                      "accept-encoding",
                                      "accept-language",
                                      "via",
                                      "user-agent",
                                      "cache-control",
                                      "sec-websocket-key",
                                      "referer",
                                      "sec-websocket-version"};
  ws_headers h;
  ws_headers_init(&h);
  char pairs[2048] = "";
  for (size_t i = 0; i <= n; i++) {
    size_t k = i < n ? i : repeat;
    if (i == n && repeat == SIZE_MAX) {
      break;
    }
    char value[16];
    snprintf(value, sizeof value, "v%zu", i);
    add(&h, names[k], value);
    size_t used = strlen(pairs);
    snprintf(pairs + used, sizeof pairs - used, "(\"%s\", \"%s\"),", names[k],
             value);
  }
  char expr[4096], expected[2048];
  snprintf(expr, sizeof expr,
           "json.dumps({k: v[0] if len(v) == 1 else v for d in [{}] for _ in "
           "[[d.setdefault(k, []).append(v) for k, v in [%s]]] for k, v in "
           "d.items()})",
           pairs);
  python_line(expr, expected, sizeof expected);
  expect_json(&h, WS_JSON_PYTHON, expected);
  ws_headers_free(&h);
}

static void test_json_few_headers_group_like_python(void **state) {
  (void)state;
  static const size_t sizes[] = {1, 2, 10, 23, 24, 25};
  for (size_t k = 0; k < sizeof sizes / sizeof sizes[0]; k++) {
    size_t n = sizes[k];
    expect_grouped_like_python(n, SIZE_MAX);
    expect_grouped_like_python(n - 1, 0);
    expect_grouped_like_python(n - 1, n >= 2 ? n - 2 : 0);
  }
}

static void test_json_many_headers_match_python(void **state) {
  (void)state;
  ws_headers h;
  ws_headers_init(&h);
  add_many(&h);
  static char expected[1 << 16];
  python_line("json.dumps({k: v[0] if len(v) == 1 else v for d in [{}] "
              "for _ in [[d.setdefault((\"x-note-%02d\" if i % 5 else "
              "\"X-Note-%02d\") % (i % 97), []).append(\"v%d\" % i) "
              "for i in range(300)]] for k, v in d.items()})",
              expected, sizeof expected);
  assert_true(strlen(expected) > 1000);
  expect_json(&h, WS_JSON_PYTHON, expected);
  ws_headers_free(&h);
}

/* From 25 entries up to 160, the tags go into a larger table of their
 * own: n entries, distinct names, then (when `last` is not NULL) one more
 * named `last`. Long names that differ only in the middle have equal tags,
 * which leaves them to the index. */
static void expect_n_like_python(int n, bool long_names, const char *last) {
  static const char *const short_fmt = "x-h-%03d";
  static const char *const long_fmt = "x-long-header-%03d-name-tail";
  ws_headers h;
  ws_headers_init(&h);
  for (int i = 0; i < n; i++) {
    char name[64], value[16];
    snprintf(name, sizeof name, long_names ? long_fmt : short_fmt, i);
    snprintf(value, sizeof value, "v%d", i);
    add(&h, name, value);
  }
  if (last != NULL) {
    add(&h, last, "again");
  }
  char expr[512];
  static char expected[1 << 14];
  snprintf(expr, sizeof expr,
           "json.dumps({k: v[0] if len(v) == 1 else v for d in [{}] for _ in "
           "[[d.setdefault(k, []).append(v) for k, v in [(\"%s\" %% i, "
           "\"v%%d\" %% i) for i in range(%d)] + ([(\"%s\", \"again\")] if "
           "%d else [])]] for k, v in d.items()})",
           long_names ? long_fmt : short_fmt, n, last ? last : "", last != NULL);
  python_line(expr, expected, sizeof expected);
  expect_json(&h, WS_JSON_PYTHON, expected);
  ws_headers_free(&h);
}

static void test_json_dozens_of_headers_group_like_python(void **state) {
  (void)state;
  static const int counts[] = {25, 60, 126, 159, 160, 161};
  for (size_t k = 0; k < sizeof counts / sizeof counts[0]; k++) {
    for (int long_names = 0; long_names < 2; long_names++) {
      char first[64];
      snprintf(first, sizeof first,
               long_names ? "x-long-header-%03d-name-tail" : "x-h-%03d", 0);
      expect_n_like_python(counts[k], long_names, NULL);
      expect_n_like_python(counts[k], long_names, first);
      expect_n_like_python(counts[k], long_names, "x-h-new");
    }
  }
}

/* ---- allocation failure sweeps ------------------------------------------- */

static ws_buf sweep_buf;
static ws_status op_put_json(void *ctx) {
  const ws_headers *h = ctx;
  ws_buf_init(&sweep_buf);
  ws_headers_put_json(&sweep_buf, h, WS_JSON_PYTHON);
  return sweep_buf.status;
}

static void cleanup_buf(void *ctx) {
  (void)ctx;
  ws_buf_free(&sweep_buf);
}

static void test_put_json_allocation_failure_sweep(void **state) {
  (void)state;
  ws_headers h;
  ws_headers_init(&h);
  for (int i = 0; i < 20; i++) {
    add(&h, i % 3 ? "Sec-WebSocket-Protocol" : "Host", "a fairly long value");
  }
  assert_true(failalloc_check(op_put_json, cleanup_buf, &h) >= 2);
  ws_headers_free(&h);
}

static void test_put_json_many_headers_allocation_failure_sweep(void **state) {
  (void)state;
  ws_headers h;
  ws_headers_init(&h);
  add_many(&h);
  /* The index on the heap, then the output. */
  assert_true(failalloc_check(op_put_json, cleanup_buf, &h) >= 2);
  ws_headers_free(&h);
}

/* ---- pformat view -------------------------------------------------------- */

static void expect_pv_str(const ws_pv *v, const char *expected) {
  assert_int_equal(v->kind, WS_PV_STR);
  assert_int_equal(v->n, strlen(expected));
  assert_memory_equal(v->s, expected, v->n);
}

static void test_pv_is_dict_of_groups(void **state) {
  (void)state;
  ws_headers h;
  ws_headers_init(&h);
  add(&h, "Host", "x");
  add(&h, "Via", "1");
  add(&h, "host", "y");
  add(&h, "Via", "2");
  add(&h, "Via", "3");
  ws_pv v;
  ws_headers_pv(&h, &v);
  assert_int_equal(v.kind, WS_PV_DICT);
  assert_int_equal(v.n, 3);
  const char *key;
  size_t key_len;
  ws_pv child;

  v.child(v.obj, 0, &key, &key_len, &child);
  assert_int_equal(key_len, 4);
  assert_memory_equal(key, "Host", 4);
  expect_pv_str(&child, "x");

  v.child(v.obj, 2, &key, &key_len, &child);
  assert_memory_equal(key, "host", 4);
  expect_pv_str(&child, "y");

  v.child(v.obj, 1, &key, &key_len, &child);
  assert_int_equal(key_len, 3);
  assert_memory_equal(key, "Via", 3);
  assert_int_equal(child.kind, WS_PV_LIST);
  assert_int_equal(child.n, 3);
  const char *want[] = {"1", "2", "3"};
  for (size_t i = 0; i < 3; i++) {
    ws_pv item;
    const char *no_key = "unset";
    size_t no_len = 99;
    child.child(child.obj, i, &no_key, &no_len, &item);
    assert_null(no_key);
    expect_pv_str(&item, want[i]);
  }
  ws_headers_free(&h);
}

static void test_pv_of_empty_headers(void **state) {
  (void)state;
  ws_headers h;
  ws_headers_init(&h);
  ws_pv v;
  ws_headers_pv(&h, &v);
  assert_int_equal(v.kind, WS_PV_DICT);
  assert_int_equal(v.n, 0);
}

static void test_pv_empty_value_is_empty_str(void **state) {
  (void)state;
  ws_headers h;
  ws_headers_init(&h);
  add(&h, "E", "");
  ws_pv v, child;
  ws_headers_pv(&h, &v);
  const char *key;
  size_t key_len;
  v.child(v.obj, 0, &key, &key_len, &child);
  expect_pv_str(&child, "");
  assert_non_null(child.s);
  ws_headers_free(&h);
}

/* Distinct exact names, counted the slow and obvious way. */
static size_t distinct_names(const ws_headers *h) {
  size_t count = 0;
  for (size_t i = 0; i < h->len; i++) {
    size_t j = 0;
    while (j < i && !ws_str_equal(&h->items[j].name, &h->items[i].name)) {
      j++;
    }
    count += j == i;
  }
  return count;
}

/* 300 entries: past the stack, the group count builds its index on the
 * heap. */
static void test_pv_counts_the_groups_of_many_headers(void **state) {
  (void)state;
  ws_headers h;
  ws_headers_init(&h);
  add_many(&h);
  ws_pv v;
  ws_headers_pv(&h, &v);
  assert_int_equal(v.n, distinct_names(&h));
  assert_int_equal(v.n_entries, 300);
  ws_headers_free(&h);
}

/* When the heap refuses the index, the view still counts right (by
 * comparing names) and nothing leaks. */
static void test_pv_counts_groups_when_the_heap_refuses(void **state) {
  (void)state;
  ws_headers h;
  ws_headers_init(&h);
  add_many(&h);
  size_t want = distinct_names(&h);
  failalloc_install();
  failalloc_fail_at(1);
  ws_pv v;
  ws_headers_pv(&h, &v);
  assert_true(failalloc_failed());
  assert_int_equal(failalloc_live(), 0);
  failalloc_uninstall();
  assert_int_equal(v.n, want);
  ws_headers_free(&h);
}

/* The view made for pformat alone gives the entries as they are, and no
 * group count. */
static void test_pv_entries_gives_entries_in_order(void **state) {
  (void)state;
  ws_headers h;
  ws_headers_init(&h);
  add(&h, "Via", "1");
  add(&h, "Host", "x");
  add(&h, "Via", "2");
  ws_pv v;
  ws_headers_pv_entries(&h, &v);
  assert_int_equal(v.kind, WS_PV_DICT);
  assert_int_equal(v.n, 0);
  assert_null(v.child);
  assert_int_equal(v.n_entries, 3);
  /* Each entry's value, marked when it is an item of its name's list
   * (Via's), which pformat prints as a list even when alone. */
  const char *names[] = {"Via", "Host", "Via"};
  const char *values[] = {"1", "x", "2"};
  for (size_t i = 0; i < 3; i++) {
    const char *key;
    size_t key_len;
    ws_pv child;
    v.entry(v.obj, i, &key, &key_len, &child);
    assert_int_equal(key_len, strlen(names[i]));
    assert_memory_equal(key, names[i], key_len);
    expect_pv_str(&child, values[i]);
    assert_int_equal(child.list_item, i != 1);
  }
  ws_headers_free(&h);
}

/* The view printed by the real pformat engine, against pprint.pformat of
 * the dict it stands for: sorted keys, a long list wrapped over lines. */
static void test_pv_pformat_matches_python(void **state) {
  (void)state;
  ws_headers h;
  ws_headers_init(&h);
  add(&h, "User-Agent", "AutobahnPython/23.1.2");
  add(&h, "Sec-WebSocket-Extensions",
      "permessage-deflate; client_max_window_bits");
  add(&h, "Host", "localhost:9000");
  add(&h, "Sec-WebSocket-Extensions", "x-webkit-deflate-frame");
  add(&h, "accept", "caf\xc3\xa9 it's");
  ws_pv v;
  ws_headers_pv(&h, &v);
  ws_buf b;
  ws_buf_init(&b);
  ws_pformat(&b, &v);
  assert_int_equal(b.status, WS_OK);
  char expected[2048];
  char cmd[1024];
  snprintf(cmd, sizeof cmd,
           "%s -c 'import pprint,sys\n"
           "d={\"User-Agent\": \"AutobahnPython/23.1.2\", "
           "\"Sec-WebSocket-Extensions\": [\"permessage-deflate; "
           "client_max_window_bits\", \"x-webkit-deflate-frame\"], "
           "\"Host\": \"localhost:9000\", "
           "\"accept\": \"caf\\u00e9 it\\x27s\"}\n"
           "sys.stdout.buffer.write(pprint.pformat(d).encode(\"utf-8\"))'",
           PYTHON);
  FILE *f = popen(cmd, "r");
  assert_non_null(f);
  size_t n = fread(expected, 1, sizeof expected - 1, f);
  expected[n] = '\0';
  assert_int_equal(pclose(f), 0);
  assert_string_equal(b.data, expected);
  ws_buf_free(&b);
  ws_headers_free(&h);
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_json_groups_by_exact_spelling),
      cmocka_unit_test(test_json_escapes_names_and_values),
      cmocka_unit_test(test_json_invalid_utf8_fails),
      cmocka_unit_test(test_json_the_same_whatever_the_room),
      cmocka_unit_test(test_json_invalid_utf8_fails_with_room),
      cmocka_unit_test(test_json_matches_python),
      cmocka_unit_test(test_json_few_headers_group_like_python),
      cmocka_unit_test(test_json_many_headers_match_python),
      cmocka_unit_test(test_json_dozens_of_headers_group_like_python),
      cmocka_unit_test(test_put_json_allocation_failure_sweep),
      cmocka_unit_test(test_put_json_many_headers_allocation_failure_sweep),
      cmocka_unit_test(test_pv_is_dict_of_groups),
      cmocka_unit_test(test_pv_of_empty_headers),
      cmocka_unit_test(test_pv_empty_value_is_empty_str),
      cmocka_unit_test(test_pv_counts_the_groups_of_many_headers),
      cmocka_unit_test(test_pv_counts_groups_when_the_heap_refuses),
      cmocka_unit_test(test_pv_entries_gives_entries_in_order),
      cmocka_unit_test(test_pv_pformat_matches_python),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
