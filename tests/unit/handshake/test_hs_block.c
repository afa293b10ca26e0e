/* test_hs_block.c - the header block's scanners (handshake/
 * hs_header_block.c, hs_text.c) against byte-at-a-time models written
 * here from Python's rules: str.splitlines() over Latin-1 (a line ends at
 * CR, LF, CRLF, VT, FF, U+001C..U+001E or NEL), autobahn's
 * parseHttpHeader (a line with a ':' past its first character is a
 * header; names compared lower-cased; a repeated name's values joined
 * with ", "), the first CRLFCRLF found over bytes that arrive in pieces,
 * and Latin-1 to UTF-8. The scanners look at 8 or 16 bytes at a time, so
 * the cases are random blocks of every length up to a few hundred bytes,
 * dense in line breaks, colons, spaces and bytes >= 0x80, at every
 * alignment. */
#include "failalloc.h"

#include <stdio.h>
#include <string.h>

#include "hs_internal.h"

/* A small generator of our own (xorshift64*), so that a failure repeats. */
static uint64_t rng_state = 0x9E3779B97F4A7C15u;

static uint32_t rnd(uint32_t n) {
  rng_state ^= rng_state >> 12;
  rng_state ^= rng_state << 25;
  rng_state ^= rng_state >> 27;
  return (uint32_t)((rng_state * UINT64_C(2685821657736338717)) >> 33) % n;
}

/* A byte of a header block, drawn mostly from what the scanners look for. */
static char random_byte(void) {
  static const char interesting[] = "\r\n\v\f\x1c\x1d\x1e\x1f\t :\x85\xa0"
                                    "\xc9\x80\xff\x00\x01\x20\x7f";
  switch (rnd(4)) {
  case 0:
    return interesting[rnd(sizeof interesting - 1)];
  case 1:
    return (char)rnd(256);
  default:
    return "aBcDeFxYz-09"[rnd(12)];
  }
}

/* MARK: the models */

static bool model_is_break(unsigned char c) {
  return c == '\n' || c == '\v' || c == '\f' || c == '\r' || c == 0x1C ||
         c == 0x1D || c == 0x1E || c == 0x85;
}

static bool model_is_space(unsigned char c) {
  return (c >= 0x09 && c <= 0x0D) || (c >= 0x1C && c <= 0x20) || c == 0x85 ||
         c == 0xA0;
}

static unsigned char model_lower(unsigned char c) {
  if (c >= 'A' && c <= 'Z')
    return (unsigned char)(c + 32);
  if (c >= 0xC0 && c <= 0xDE && c != 0xD7)
    return (unsigned char)(c + 32);
  return c;
}

typedef struct model_line {
  size_t at;
  size_t len;
} model_line;

/* str.splitlines(): the lines of p[0..n), at most max. */
static size_t model_split(const char *p, size_t n, model_line *out,
                          size_t max) {
  size_t k = 0;
  size_t start = 0;
  for (size_t i = 0; i < n; i++) {
    if (!model_is_break((unsigned char)p[i]))
      continue;
    assert_true(k < max);
    out[k++] = (model_line){start, i - start};
    if (p[i] == '\r' && i + 1 < n && p[i + 1] == '\n')
      i++;
    start = i + 1;
  }
  if (start < n) {
    assert_true(k < max);
    out[k++] = (model_line){start, n - start};
  }
  return k;
}

static ws_strview model_strip(const char *p, size_t n) {
  size_t a = 0;
  while (a < n && model_is_space((unsigned char)p[a]))
    a++;
  while (n > a && model_is_space((unsigned char)p[n - 1]))
    n--;
  return ws_str_view(p + a, n - a);
}

static bool model_same_lower(ws_strview a, ws_strview b) {
  if (a.len != b.len)
    return false;
  for (size_t i = 0; i < a.len; i++) {
    if (model_lower((unsigned char)a.ptr[i]) !=
        model_lower((unsigned char)b.ptr[i]))
      return false;
  }
  return true;
}

static void assert_view_equal(ws_strview got, ws_strview want) {
  assert_int_equal(got.len, want.len);
  if (want.len > 0)
    assert_memory_equal(got.ptr, want.ptr, want.len);
}

#define MAX_LINES 512

/* hs_block_parse of p[0..n) against parseHttpHeader's rules. */
static void check_block(const char *p, size_t n) {
  static model_line lines[MAX_LINES];
  size_t count = model_split(p, n, lines, MAX_LINES);
  hs_block b;
  assert_int_equal(hs_block_parse(&b, p, n), WS_OK);
  ws_strview first = count > 0 ? model_strip(p + lines[0].at, lines[0].len)
                               : ws_str_view(NULL, 0);
  assert_view_equal(b.status_line, first);
  size_t fields = 0;
  for (size_t i = 1; i < count; i++) {
    const char *line = p + lines[i].at;
    const char *colon = memchr(line, ':', lines[i].len);
    if (colon == NULL || colon == line)
      continue;
    size_t c = (size_t)(colon - line);
    ws_strview name = model_strip(line, c);
    /* the first line with this name (any case) gives the field */
    bool seen = false;
    for (size_t j = 1; j < i && !seen; j++) {
      const char *other = p + lines[j].at;
      const char *oc = memchr(other, ':', lines[j].len);
      seen = oc != NULL && oc != other &&
             model_same_lower(model_strip(other, (size_t)(oc - other)), name);
    }
    if (seen)
      continue;
    assert_true(fields < b.len);
    const hs_field *f = &b.fields[fields++];
    assert_view_equal(f->key, name);
    /* the values of every line with this name, joined with ", " */
    char joined[4096];
    size_t len = 0;
    size_t lines_with_it = 0;
    for (size_t j = i; j < count; j++) {
      const char *other = p + lines[j].at;
      const char *oc = memchr(other, ':', lines[j].len);
      if (oc == NULL || oc == other ||
          !model_same_lower(model_strip(other, (size_t)(oc - other)), name))
        continue;
      ws_strview v =
          model_strip(oc + 1, lines[j].len - (size_t)(oc - other) - 1);
      if (lines_with_it++ > 0) {
        memcpy(joined + len, ", ", 2);
        len += 2;
      }
      memcpy(joined + len, v.ptr, v.len);
      len += v.len;
    }
    assert_int_equal(f->count, lines_with_it);
    assert_view_equal(f->value, ws_str_view(joined, len));
  }
  assert_int_equal(b.len, fields);
  hs_block_free(&b);
}

/* MARK: lines and fields */

static void test_block_against_the_model(void **state) {
  (void)state;
  static char space[1024 + 16];
  for (int round = 0; round < 20000; round++) {
    size_t n = rnd(round < 10000 ? 80 : 700);
    size_t align = rnd(16);
    char *p = space + align;
    for (size_t i = 0; i < n; i++)
      p[i] = random_byte();
    check_block(p, n);
  }
}

/* A line break at each place in and around the 8- and 16-byte blocks the
 * scan reads, each kind of break, after runs of text of each length. */
static void test_each_break_at_each_place(void **state) {
  (void)state;
  static const char breaks[][3] = {"\r\n", "\r",   "\n",   "\v",  "\f",
                                   "\x1c", "\x1d", "\x1e", "\x85"};
  char p[128];
  for (size_t k = 0; k < sizeof breaks / sizeof breaks[0]; k++) {
    for (size_t at = 0; at < 70; at++) {
      size_t blen = strlen(breaks[k]);
      memset(p, 'a', sizeof p);
      memcpy(p, "GET", 3);
      p[at > 3 ? at / 2 : 3] = ':';
      memcpy(p + at, breaks[k], blen);
      memcpy(p + at + blen, "k: v\x1f\t\x01", 7);
      for (size_t n = at; n <= at + blen + 7; n++)
        check_block(p, n);
      check_block(p, sizeof p);
    }
  }
}

static void test_no_break_at_all(void **state) {
  (void)state;
  char p[100];
  /* bytes that look like breaks to a loose scan: controls, 0x1F, 0x84 */
  for (size_t n = 0; n <= sizeof p; n++) {
    for (size_t i = 0; i < n; i++)
      p[i] = "\t\x1f\x01\x84\x86 x:"[i % 8];
    hs_block b;
    assert_int_equal(hs_block_parse(&b, p, n), WS_OK);
    assert_int_equal(b.len, 0);
    hs_block_free(&b);
  }
}

/* More fields than the block holds inline: it grows, in order. */
static void test_many_fields(void **state) {
  (void)state;
  char p[8192];
  size_t n = (size_t)snprintf(p, sizeof p, "GET / HTTP/1.1\r\n");
  for (int i = 0; i < 300; i++)
    n += (size_t)snprintf(p + n, sizeof p - n, "H%d: %d\r\n", i % 150, i);
  n += (size_t)snprintf(p + n, sizeof p - n, "\r\n");
  check_block(p, n);
  hs_block b;
  assert_int_equal(hs_block_parse(&b, p, n), WS_OK);
  assert_int_equal(b.len, 150);
  assert_int_equal(b.fields[149].count, 2);
  assert_view_equal(b.fields[149].value, ws_cstr("149, 299"));
  assert_non_null(hs_block_get(&b, "h42"));
  assert_null(hs_block_get(&b, "h"));
  assert_null(hs_block_get(&b, "h4200"));
  hs_block_free(&b);
}

static ws_status op_many_fields(void *ctx) {
  const char *p = ctx;
  hs_block b;
  ws_status st = hs_block_parse(&b, p, strlen(p));
  hs_block_free(&b);
  return st;
}

/* Growing the fields and joining repeated values may each fail. */
static void test_sweep_block_allocations(void **state) {
  (void)state;
  char p[4096];
  size_t n = (size_t)snprintf(p, sizeof p, "GET / HTTP/1.1\r\n");
  for (int i = 0; i < 100; i++)
    n += (size_t)snprintf(p + n, sizeof p - n, "H%d: %d\r\n", i % 70, i);
  snprintf(p + n, sizeof p - n, "\r\n");
  assert_true(failalloc_check(op_many_fields, NULL, p) >= 2);
}

/* MARK: the end of the block, over pieces */

static size_t model_block_end(const char *p, size_t n) {
  for (size_t i = 0; i + 4 <= n; i++) {
    if (memcmp(p + i, "\r\n\r\n", 4) == 0)
      return i + 4;
  }
  return 0;
}

static void test_block_end_over_pieces(void **state) {
  (void)state;
  char p[300];
  for (int round = 0; round < 5000; round++) {
    size_t n = 1 + rnd(sizeof p - 1);
    for (size_t i = 0; i < n; i++)
      p[i] = "\r\n\r\nab"[rnd(rnd(4) == 0 ? 6 : 2)];
    size_t want = model_block_end(p, n);
    size_t scanned = 0;
    size_t got = 0;
    size_t have = 0;
    while (got == 0 && have < n) {
      have += 1 + rnd((uint32_t)(n - have));
      got = hs_block_end(p, have, &scanned);
      if (got == 0)
        assert_int_equal(model_block_end(p, have), 0);
    }
    assert_int_equal(got, want);
  }
}

/* MARK: Latin-1 to UTF-8, and compared with UTF-8 */

static void test_latin1_to_utf8(void **state) {
  (void)state;
  char p[64];
  for (int round = 0; round < 5000; round++) {
    size_t n = rnd(sizeof p);
    for (size_t i = 0; i < n; i++)
      p[i] = rnd(3) == 0 ? (char)(0x80 + rnd(128)) : (char)rnd(128);
    ws_strview v = ws_str_view(p, n);
    char want[128];
    char want_lower[128];
    size_t len = 0;
    size_t lower_len = 0;
    size_t high = 0;
    for (size_t i = 0; i < n; i++) {
      unsigned char c = (unsigned char)p[i];
      unsigned char l = model_lower(c);
      high += c >= 0x80;
      if (c < 0x80) {
        want[len++] = (char)c;
      } else {
        want[len++] = (char)(0xC0 | (c >> 6));
        want[len++] = (char)(0x80 | (c & 0x3F));
      }
      if (l < 0x80) {
        want_lower[lower_len++] = (char)l;
      } else {
        want_lower[lower_len++] = (char)(0xC0 | (l >> 6));
        want_lower[lower_len++] = (char)(0x80 | (l & 0x3F));
      }
    }
    assert_int_equal(hs_count_high(v), high);
    assert_true(hs_latin1_is(v, ws_str_view(want, len)));
    if (lower_len != len || memcmp(want, want_lower, len) != 0)
      assert_false(hs_latin1_is(v, ws_str_view(want_lower, lower_len)));
    if (len > 0) {
      assert_false(hs_latin1_is(v, ws_str_view(want, len - 1)));
      size_t k = rnd((uint32_t)len);
      want[k] ^= 0x01;
      assert_false(hs_latin1_is(v, ws_str_view(want, len)));
      want[k] ^= 0x01;
    }
    ws_buf b;
    ws_buf_init(&b);
    hs_put_latin1(&b, v);
    assert_view_equal(ws_str_view(b.data, b.len), ws_str_view(want, len));
    ws_buf_reset(&b);
    hs_put_latin1_lower(&b, v);
    assert_view_equal(ws_str_view(b.data, b.len),
                      ws_str_view(want_lower, lower_len));
    ws_buf_free(&b);
  }
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_block_against_the_model),
      cmocka_unit_test(test_each_break_at_each_place),
      cmocka_unit_test(test_no_break_at_all),
      cmocka_unit_test(test_many_fields),
      cmocka_unit_test(test_sweep_block_allocations),
      cmocka_unit_test(test_block_end_over_pieces),
      cmocka_unit_test(test_latin1_to_utf8),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
