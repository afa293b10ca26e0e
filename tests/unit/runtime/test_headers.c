/* Tests for ws_headers.c: the ordered, case-insensitive header map, its
 * grouped JSON (checked against CPython's json.dumps) and its pformat view. */
#define _POSIX_C_SOURCE 200809L /* popen */

#include "failalloc.h"

#include <stdio.h>
#include <string.h>

#include "ws_headers.h"

#define PYTHON "/usr/bin/python3"
#define S(lit) ws_str_view(lit, sizeof(lit) - 1)

/* ---- helpers ------------------------------------------------------------ */

static void add(ws_headers *h, const char *name, const char *value) {
  assert_int_equal(ws_headers_add(h, ws_cstr(name), ws_cstr(value)), WS_OK);
}

static void expect_text(const ws_str *v, const char *expected) {
  assert_non_null(v);
  assert_int_equal(v->len, strlen(expected));
  assert_string_equal(ws_str_c(v), expected);
}

/* The JSON the map writes in a mode; checks the measuring pass agrees. */
static ws_buf json_of(const ws_headers *h, ws_json_mode mode) {
  ws_buf b;
  ws_buf_init(&b);
  ws_headers_put_json(&b, h, mode);
  assert_int_equal(b.status, WS_OK);
  ws_buf m;
  ws_buf_measure(&m);
  ws_headers_put_json(&m, h, mode);
  assert_int_equal(m.len, b.len);
  return b;
}

static void expect_json(const ws_headers *h, ws_json_mode mode,
                        const char *expected) {
  ws_buf b = json_of(h, mode);
  assert_string_equal(b.data, expected);
  ws_buf_free(&b);
}

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

/* ---- life cycle --------------------------------------------------------- */

static void test_all_zero_is_empty_map(void **state) {
  (void)state;
  ws_headers h;
  memset(&h, 0, sizeof h);
  assert_null(ws_headers_get(&h, S("Host")));
  assert_int_equal(ws_headers_count(&h, S("Host")), 0);
  assert_int_equal(ws_headers_remove(&h, S("Host")), 0);
  expect_json(&h, WS_JSON_COMPACT, "{}");
  ws_headers_free(&h);
}

static void test_init_and_free_twice(void **state) {
  (void)state;
  ws_headers h;
  ws_headers_init(&h);
  add(&h, "A", "1");
  ws_headers_free(&h);
  ws_headers_free(&h);
  assert_null(h.items);
  assert_int_equal(h.len, 0);
  assert_int_equal(h.cap, 0);
}

/* ---- add, get, count, nth ---------------------------------------------- */

static void test_add_keeps_order_and_spelling(void **state) {
  (void)state;
  ws_headers h;
  ws_headers_init(&h);
  add(&h, "Host", "example.com");
  add(&h, "set-cookie", "a=1");
  add(&h, "Set-Cookie", "b=2");
  assert_int_equal(h.len, 3);
  expect_text(&h.items[0].name, "Host");
  expect_text(&h.items[1].name, "set-cookie");
  expect_text(&h.items[2].name, "Set-Cookie");
  expect_text(&h.items[2].value, "b=2");
  ws_headers_free(&h);
}

static void test_add_copies_its_arguments(void **state) {
  (void)state;
  char name[] = "Name";
  char value[] = "value";
  ws_headers h;
  ws_headers_init(&h);
  add(&h, name, value);
  name[0] = 'X';
  value[0] = 'X';
  expect_text(ws_headers_get(&h, S("name")), "value");
  ws_headers_free(&h);
}

static void test_add_keeps_embedded_nul_and_empty_value(void **state) {
  (void)state;
  ws_headers h;
  ws_headers_init(&h);
  assert_int_equal(ws_headers_add(&h, S("X"), S("a\0b")), WS_OK);
  assert_int_equal(ws_headers_add(&h, S("Empty"), S("")), WS_OK);
  assert_int_equal(ws_headers_get(&h, S("x"))->len, 3);
  expect_text(ws_headers_get(&h, S("EMPTY")), "");
  ws_headers_free(&h);
}

static void test_get_ignores_ascii_case_returns_first(void **state) {
  (void)state;
  ws_headers h;
  ws_headers_init(&h);
  add(&h, "Accept", "text/html");
  add(&h, "ACCEPT", "text/plain");
  expect_text(ws_headers_get(&h, S("accept")), "text/html");
  expect_text(ws_headers_get(&h, S("aCcEpT")), "text/html");
  assert_null(ws_headers_get(&h, S("Accep")));
  assert_null(ws_headers_get(&h, S("Accept ")));
  ws_headers_free(&h);
}

static void test_case_folding_is_ascii_only(void **state) {
  (void)state;
  ws_headers h;
  ws_headers_init(&h);
  add(&h, "X-\xc3\xa9", "1"); /* é: not folded to É */
  assert_null(ws_headers_get(&h, S("x-\xc3\x89")));
  expect_text(ws_headers_get(&h, S("x-\xc3\xa9")), "1");
  ws_headers_free(&h);
}

static void test_count_and_nth(void **state) {
  (void)state;
  ws_headers h;
  ws_headers_init(&h);
  add(&h, "Via", "1");
  add(&h, "Host", "h");
  add(&h, "via", "2");
  add(&h, "VIA", "3");
  assert_int_equal(ws_headers_count(&h, S("Via")), 3);
  assert_int_equal(ws_headers_count(&h, S("host")), 1);
  assert_int_equal(ws_headers_count(&h, S("Age")), 0);
  expect_text(ws_headers_get_nth(&h, S("via"), 0), "1");
  expect_text(ws_headers_get_nth(&h, S("via"), 1), "2");
  expect_text(ws_headers_get_nth(&h, S("via"), 2), "3");
  assert_null(ws_headers_get_nth(&h, S("via"), 3));
  assert_null(ws_headers_get_nth(&h, S("Age"), 0));
  ws_headers_free(&h);
}

/* ---- get_joined --------------------------------------------------------- */

static void test_get_joined_with_comma_space(void **state) {
  (void)state;
  ws_headers h;
  ws_headers_init(&h);
  add(&h, "Accept", "a");
  add(&h, "Other", "x");
  add(&h, "accept", "b");
  add(&h, "ACCEPT", "");
  ws_str out = {NULL, 0};
  assert_int_equal(ws_headers_get_joined(&h, S("Accept"), &out), WS_OK);
  expect_text(&out, "a, b, ");
  assert_int_equal(ws_headers_get_joined(&h, S("other"), &out), WS_OK);
  expect_text(&out, "x"); /* LSan: the earlier result was freed */
  ws_str_free(&out);
  ws_headers_free(&h);
}

static void test_get_joined_absent_gives_empty(void **state) {
  (void)state;
  ws_headers h;
  ws_headers_init(&h);
  add(&h, "A", "1");
  ws_str out = {NULL, 0};
  assert_int_equal(ws_str_set(&out, "old", 3), WS_OK);
  assert_int_equal(ws_headers_get_joined(&h, S("B"), &out), WS_OK);
  assert_null(out.ptr);
  assert_int_equal(out.len, 0);
  ws_headers_free(&h);
}

static void test_get_joined_failure_keeps_out(void **state) {
  (void)state;
  ws_headers h;
  ws_headers_init(&h);
  add(&h, "A", "1");
  add(&h, "a", "2");
  ws_str out = {NULL, 0};
  assert_int_equal(ws_str_set(&out, "old", 3), WS_OK);
  failalloc_install();
  failalloc_fail_at(1);
  assert_int_equal(ws_headers_get_joined(&h, S("A"), &out), WS_ENOMEM);
  failalloc_uninstall();
  expect_text(&out, "old");
  ws_str_free(&out);
  ws_headers_free(&h);
}

/* ---- set, remove -------------------------------------------------------- */

static void test_set_replaces_every_spelling_and_appends(void **state) {
  (void)state;
  ws_headers h;
  ws_headers_init(&h);
  add(&h, "Cookie", "1");
  add(&h, "Host", "h");
  add(&h, "COOKIE", "2");
  assert_int_equal(ws_headers_set(&h, S("cookie"), S("3")), WS_OK);
  assert_int_equal(h.len, 2);
  expect_text(&h.items[0].name, "Host");
  expect_text(&h.items[1].name, "cookie");
  expect_text(&h.items[1].value, "3");
  ws_headers_free(&h);
}

static void test_set_on_absent_name_adds(void **state) {
  (void)state;
  ws_headers h;
  ws_headers_init(&h);
  assert_int_equal(ws_headers_set(&h, S("New"), S("v")), WS_OK);
  assert_int_equal(h.len, 1);
  expect_text(ws_headers_get(&h, S("new")), "v");
  ws_headers_free(&h);
}

static void test_set_failure_leaves_map_unchanged(void **state) {
  (void)state;
  ws_headers h;
  ws_headers_init(&h);
  add(&h, "A", "1");
  add(&h, "B", "2");
  add(&h, "a", "3");
  add(&h, "C", "4"); /* full: capacity 4, so set must grow */
  for (size_t n = 1; n <= 3; n++) {
    failalloc_install();
    failalloc_fail_at(n);
    assert_int_equal(ws_headers_set(&h, S("A"), S("new")), WS_ENOMEM);
    failalloc_uninstall();
    assert_int_equal(h.len, 4);
    assert_int_equal(ws_headers_count(&h, S("a")), 2);
    expect_text(ws_headers_get_nth(&h, S("a"), 1), "3");
  }
  ws_headers_free(&h);
}

static void test_remove_counts_and_keeps_others_in_order(void **state) {
  (void)state;
  ws_headers h;
  ws_headers_init(&h);
  add(&h, "X", "1");
  add(&h, "A", "a");
  add(&h, "x", "2");
  add(&h, "B", "b");
  add(&h, "X", "3");
  assert_int_equal(ws_headers_remove(&h, S("x")), 3);
  assert_int_equal(h.len, 2);
  expect_text(&h.items[0].name, "A");
  expect_text(&h.items[1].name, "B");
  assert_int_equal(ws_headers_remove(&h, S("x")), 0);
  ws_headers_free(&h);
}

/* ---- copy, equal -------------------------------------------------------- */

static void test_copy_is_deep_and_equal(void **state) {
  (void)state;
  ws_headers h, c;
  ws_headers_init(&h);
  add(&h, "A", "1");
  add(&h, "b", "2");
  memset(&c, 0x5a, sizeof c); /* dst is uninitialised */
  assert_int_equal(ws_headers_copy(&c, &h), WS_OK);
  assert_true(ws_headers_equal(&h, &c));
  assert_ptr_not_equal(c.items[0].name.ptr, h.items[0].name.ptr);
  ws_headers_free(&h);
  expect_text(ws_headers_get(&c, S("B")), "2");
  ws_headers_free(&c);
}

static void test_copy_of_empty(void **state) {
  (void)state;
  ws_headers h, c;
  ws_headers_init(&h);
  assert_int_equal(ws_headers_copy(&c, &h), WS_OK);
  assert_int_equal(c.len, 0);
  assert_true(ws_headers_equal(&h, &c));
  ws_headers_free(&c);
}

static void test_equal_is_exact_and_ordered(void **state) {
  (void)state;
  ws_headers a, b;
  ws_headers_init(&a);
  ws_headers_init(&b);
  add(&a, "A", "1");
  add(&a, "B", "2");
  add(&b, "B", "2");
  add(&b, "A", "1");
  assert_false(ws_headers_equal(&a, &b)); /* order matters */
  ws_headers_free(&b);
  add(&b, "a", "1");
  add(&b, "B", "2");
  assert_false(ws_headers_equal(&a, &b)); /* spelling matters */
  ws_headers_free(&b);
  add(&b, "A", "1");
  assert_false(ws_headers_equal(&a, &b)); /* length matters */
  add(&b, "B", "2");
  assert_true(ws_headers_equal(&a, &b));
  ws_headers_free(&a);
  ws_headers_free(&b);
}

/* ---- allocation failure sweeps ----------------------------------------- */

typedef struct sweep_ctx {
  ws_headers h;
  ws_headers src;
  ws_str out;
} sweep_ctx;

static ws_status op_add_many(void *ctx) {
  sweep_ctx *c = ctx;
  static const char *const names[] = {"A", "b", "C", "d", "E", "f", "G"};
  for (size_t i = 0; i < 7; i++) {
    ws_status status = ws_headers_add(&c->h, ws_cstr(names[i]), S("value"));
    if (status != WS_OK) {
      return status;
    }
  }
  return WS_OK;
}
static ws_status op_set(void *ctx) {
  sweep_ctx *c = ctx;
  return ws_headers_set(&c->h, S("name"), S("value"));
}
static ws_status op_copy(void *ctx) {
  sweep_ctx *c = ctx;
  return ws_headers_copy(&c->h, &c->src);
}
static ws_status op_joined(void *ctx) {
  sweep_ctx *c = ctx;
  return ws_headers_get_joined(&c->src, S("a"), &c->out);
}
static void cleanup_sweep(void *ctx) {
  sweep_ctx *c = ctx;
  ws_headers_free(&c->h);
  ws_str_free(&c->out);
}

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

static void test_add_allocation_failure_sweep(void **state) {
  (void)state;
  sweep_ctx c;
  memset(&c, 0, sizeof c);
  assert_true(failalloc_check(op_add_many, cleanup_sweep, &c) >= 14);
}

static void test_set_allocation_failure_sweep(void **state) {
  (void)state;
  sweep_ctx c;
  memset(&c, 0, sizeof c);
  assert_int_equal(failalloc_check(op_set, cleanup_sweep, &c), 3);
}

static void test_copy_and_joined_allocation_failure_sweeps(void **state) {
  (void)state;
  sweep_ctx c;
  memset(&c, 0, sizeof c);
  add(&c.src, "A", "1");
  add(&c.src, "a", "2");
  add(&c.src, "B", "3");
  assert_int_equal(failalloc_check(op_copy, cleanup_sweep, &c), 7);
  assert_int_equal(failalloc_check(op_joined, cleanup_sweep, &c), 1);
  ws_headers_free(&c.src);
}

/* ---- wire checks -------------------------------------------------------- */

static void test_name_ok_accepts_tokens(void **state) {
  (void)state;
  assert_true(ws_header_name_ok(S("Sec-WebSocket-Key")));
  assert_true(ws_header_name_ok(S("!#$%&'*+-.^_`|~09azAZ")));
}

static void test_name_ok_refuses_non_tokens(void **state) {
  (void)state;
  assert_false(ws_header_name_ok(S("")));
  assert_false(ws_header_name_ok(S("Bad Name")));
  assert_false(ws_header_name_ok(S("Bad:Name")));
  assert_false(ws_header_name_ok(S("a\0b")));
  assert_false(ws_header_name_ok(S("x\r")));
  assert_false(ws_header_name_ok(S("caf\xc3\xa9")));
  assert_false(ws_header_name_ok(S("(x)")));
  assert_false(ws_header_name_ok(S("a\"b")));
  assert_false(ws_header_name_ok(S("\x7f")));
}

static void test_value_ok(void **state) {
  (void)state;
  assert_true(ws_header_value_ok(S("")));
  assert_true(ws_header_value_ok(S("text/html; q=0.9,\t*/*")));
  assert_true(ws_header_value_ok(S("caf\xc3\xa9")));
  assert_false(ws_header_value_ok(S("a\rb")));
  assert_false(ws_header_value_ok(S("a\nb")));
  assert_false(ws_header_value_ok(S("a\0b")));
}

/* ---- JSON --------------------------------------------------------------- */

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
  static const char *const names[] = {
      "host", "a", "ab", "abc", "abd", "abcd", "abce", "upgrade",
      "sec-websocket-A-extensions", "sec-websocket-B-extensions",
      "sec-websocket-C-extensions", "origin", "cookie", "x", "y", "pragma",
      "connection", "accept", "accept-encoding", "accept-language", "via",
      "user-agent", "cache-control", "sec-websocket-key", "referer",
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

static void test_put_json_many_headers_allocation_failure_sweep(void **state) {
  (void)state;
  ws_headers h;
  ws_headers_init(&h);
  add_many(&h);
  /* The index on the heap, then the output. */
  assert_true(failalloc_check(op_put_json, cleanup_buf, &h) >= 2);
  ws_headers_free(&h);
}

/* ---- pformat view ------------------------------------------------------- */

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
      cmocka_unit_test(test_all_zero_is_empty_map),
      cmocka_unit_test(test_init_and_free_twice),
      cmocka_unit_test(test_add_keeps_order_and_spelling),
      cmocka_unit_test(test_add_copies_its_arguments),
      cmocka_unit_test(test_add_keeps_embedded_nul_and_empty_value),
      cmocka_unit_test(test_get_ignores_ascii_case_returns_first),
      cmocka_unit_test(test_case_folding_is_ascii_only),
      cmocka_unit_test(test_count_and_nth),
      cmocka_unit_test(test_get_joined_with_comma_space),
      cmocka_unit_test(test_get_joined_absent_gives_empty),
      cmocka_unit_test(test_get_joined_failure_keeps_out),
      cmocka_unit_test(test_set_replaces_every_spelling_and_appends),
      cmocka_unit_test(test_set_on_absent_name_adds),
      cmocka_unit_test(test_set_failure_leaves_map_unchanged),
      cmocka_unit_test(test_remove_counts_and_keeps_others_in_order),
      cmocka_unit_test(test_copy_is_deep_and_equal),
      cmocka_unit_test(test_copy_of_empty),
      cmocka_unit_test(test_equal_is_exact_and_ordered),
      cmocka_unit_test(test_put_json_allocation_failure_sweep),
      cmocka_unit_test(test_add_allocation_failure_sweep),
      cmocka_unit_test(test_set_allocation_failure_sweep),
      cmocka_unit_test(test_copy_and_joined_allocation_failure_sweeps),
      cmocka_unit_test(test_name_ok_accepts_tokens),
      cmocka_unit_test(test_name_ok_refuses_non_tokens),
      cmocka_unit_test(test_value_ok),
      cmocka_unit_test(test_json_groups_by_exact_spelling),
      cmocka_unit_test(test_json_escapes_names_and_values),
      cmocka_unit_test(test_json_invalid_utf8_fails),
      cmocka_unit_test(test_json_matches_python),
      cmocka_unit_test(test_json_few_headers_group_like_python),
      cmocka_unit_test(test_json_many_headers_match_python),
      cmocka_unit_test(test_put_json_many_headers_allocation_failure_sweep),
      cmocka_unit_test(test_pv_is_dict_of_groups),
      cmocka_unit_test(test_pv_of_empty_headers),
      cmocka_unit_test(test_pv_counts_the_groups_of_many_headers),
      cmocka_unit_test(test_pv_counts_groups_when_the_heap_refuses),
      cmocka_unit_test(test_pv_entries_gives_entries_in_order),
      cmocka_unit_test(test_pv_empty_value_is_empty_str),
      cmocka_unit_test(test_pv_pformat_matches_python),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
