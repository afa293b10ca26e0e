/* Strings decoded in one pass into the decode's pool (ws_json_string.c,
 * ws_pool.c): long strings whose escapes and UTF-8 straddle the end of the
 * room the pool offers (under ASan at most 4096 bytes, so these cross it)
 * decode to the same text as short ones, and an error inside them has the
 * same code, position, path and message as it has where the string is
 * read in two passes. */
#include "failalloc.h"

#include <stdio.h>
#include <string.h>

#include "autobahn.h"

/* A piece of source text and what it decodes to: plain ASCII, an escape,
 * two- to four-byte UTF-8, a surrogate pair. */
static const struct {
  const char *json, *text;
} pieces[] = {
    {"abcdefghijklmnopq", "abcdefghijklmnopq"},
    {"\\n", "\n"},
    {"K\xc3\xb6ln", "K\xc3\xb6ln"},
    {"\\u00e9", "\xc3\xa9"},
    {"\xe4\xb8\x96\xe7\x95\x8c", "\xe4\xb8\x96\xe7\x95\x8c"},
    {"\\\"", "\""},
    {"\xf0\x9f\x8e\x89", "\xf0\x9f\x8e\x89"},
    {"\\ud83d\\ude80", "\xf0\x9f\x9a\x80"},
    {"\\\\", "\\"},
};
#define NPIECES (sizeof pieces / sizeof pieces[0])

typedef struct text {
  char *p;
  size_t len, cap;
} text;

static void put(text *t, const char *s) {
  size_t n = strlen(s);
  assert_true(t->len + n < t->cap);
  memcpy(t->p + t->len, s, n + 1);
  t->len += n;
}

/* A long string's source (no quotes) and its text, from the pieces in an
 * order that shifts with seed, about len source bytes. */
static void long_string(text *json, text *want, size_t len, size_t seed) {
  for (size_t i = seed; json->len < len; i = i * 7 + 3)
    put(json, pieces[i % NPIECES].json), put(want, pieces[i % NPIECES].text);
}

static char json_buf[1 << 17], want_buf[4][1 << 15], src_buf[1 << 15];

/* {"peer": S0, "headers": {"a": S1, "b": [S2, S3]}, ...}: four long
 * strings of lengths near the room's end. */
static size_t request_with(size_t base, size_t step, text want[4]) {
  text doc = {json_buf, 0, sizeof json_buf};
  json_buf[0] = '\0';
  for (int i = 0; i < 4; i++) {
    text src = {src_buf, 0, sizeof src_buf};
    src_buf[0] = '\0';
    want[i] = (text){want_buf[i], 0, sizeof want_buf[i]};
    want_buf[i][0] = '\0';
    long_string(&src, &want[i], base + (size_t)i * step, base + (size_t)i);
    static const char *const before[] = {
        "{\"peer\":\"", "\",\"headers\":{\"a\":\"", "\",\"b\":[\"", "\",\""};
    put(&doc, before[i]);
    put(&doc, src_buf);
  }
  put(&doc, "\"]},\"host\":\"h\",\"path\":\"/\",\"params\":{},\"version\":13,"
            "\"origin\":null,\"protocols\":[],\"extensions\":[]}");
  return doc.len;
}

static void test_long_strings_decode_as_short_ones(void **state) {
  (void)state;
  for (size_t base = 4000; base < 4200; base++) {
    text want[4];
    size_t len = request_with(base, 5, want);
    ab_connection_request v = {0};
    ws_error err;
    assert_int_equal(ab_connection_request_decode(&v, json_buf, len, NULL, &err),
                     WS_OK);
    assert_int_equal(v.peer.len, want[0].len);
    assert_memory_equal(v.peer.ptr, want[0].p, want[0].len);
    assert_int_equal(v.headers.len, 3);
    for (size_t i = 0; i < 3; i++) {
      assert_int_equal(v.headers.items[i].value.len, want[i + 1].len);
      assert_memory_equal(v.headers.items[i].value.ptr, want[i + 1].p,
                          want[i + 1].len);
      assert_int_equal(v.headers.items[i].value.ptr[want[i + 1].len], '\0');
    }
    ab_connection_request_free(&v);
  }
}

/* An escape at each position around the end of the room: a string of
 * x's, the escape, then y's. */
static void test_escapes_across_the_rooms_end(void **state) {
  (void)state;
  static const char *const escapes[] = {"\\n", "\\u00e9", "\\ud83d\\ude80"};
  static const char *const decoded[] = {"\n", "\xc3\xa9", "\xf0\x9f\x9a\x80"};
  for (size_t e = 0; e < 3; e++) {
    for (size_t xs = 4040; xs < 4100; xs++) {
      text doc = {json_buf, 0, sizeof json_buf};
      text want = {want_buf[0], 0, sizeof want_buf[0]};
      json_buf[0] = want_buf[0][0] = '\0';
      put(&doc, "{\"peer\":\"");
      for (size_t i = 0; i < xs; i++)
        put(&doc, "x"), put(&want, "x");
      put(&doc, escapes[e]), put(&want, decoded[e]);
      for (size_t i = 0; i < 40; i++)
        put(&doc, "y"), put(&want, "y");
      put(&doc, "\",\"headers\":{},\"host\":\"h\",\"path\":\"/\","
                "\"params\":{},\"version\":13,\"origin\":null,"
                "\"protocols\":[],\"extensions\":[]}");
      ab_connection_request v = {0};
      ws_error err;
      assert_int_equal(
          ab_connection_request_decode(&v, json_buf, doc.len, NULL, &err),
          WS_OK);
      assert_int_equal(v.peer.len, want.len);
      assert_memory_equal(v.peer.ptr, want.p, want.len);
      ab_connection_request_free(&v);
    }
  }
}

/* The same bad byte where the string is read in one pass (a short
 * document) and where it may not fit the room (a long one before it). */
static void test_errors_in_long_strings_read_as_in_short_ones(void **state) {
  (void)state;
  static const char *const bad[] = {"\xff", "\xc3(", "\x01", "\\x",
                                    "\\ud800x"};
  for (size_t b = 0; b < sizeof bad / sizeof bad[0]; b++) {
    for (size_t pad = 4070; pad < 4110; pad += 7) {
      text doc = {json_buf, 0, sizeof json_buf};
      json_buf[0] = '\0';
      put(&doc, "{\"peer\":\"");
      for (size_t i = 0; i < pad; i++)
        put(&doc, i % 50 == 49 ? "\xc3\xa9" : "x");
      put(&doc, bad[b]);
      put(&doc, "tail\",\"host\":\"h\"}");
      ab_connection_request v = {0};
      ws_error err;
      ws_status st = ab_connection_request_decode(&v, json_buf, doc.len, NULL,
                                                  &err);
      /* the same string alone, where the room surely holds it */
      char shortdoc[64];
      snprintf(shortdoc, sizeof shortdoc, "{\"peer\":\"x%stail\",\"host\":\"h\"}",
               bad[b]);
      ab_connection_request w = {0};
      ws_error short_err;
      ws_status short_st = ab_connection_request_decode(
          &w, shortdoc, strlen(shortdoc), NULL, &short_err);
      assert_int_not_equal(st, WS_OK);
      assert_int_equal(st, short_st);
      assert_string_equal(err.msg, short_err.msg);
      assert_string_equal(err.path, short_err.path);
      /* the bad byte is pad - 1 bytes further in (and one more for each
       * two-byte character) */
      assert_int_equal(err.offset - short_err.offset, pad - 1 + pad / 50);
      ab_connection_request_free(&v);
      ab_connection_request_free(&w);
    }
  }
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_long_strings_decode_as_short_ones),
      cmocka_unit_test(test_escapes_across_the_rooms_end),
      cmocka_unit_test(test_errors_in_long_strings_read_as_in_short_ones),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
