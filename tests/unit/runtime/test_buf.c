/* Tests for ws_buf.c: the growable output buffer. */
#include "failalloc.h"

#include <limits.h>
#include <stdio.h>
#include <string.h>

#include "ws_buf.h"

static void test_init_is_empty_and_ok(void **state) {
  (void)state;
  ws_buf b;
  ws_buf_init(&b);
  assert_null(b.data);
  assert_int_equal(b.len, 0);
  assert_int_equal(b.cap, 0);
  assert_int_equal(b.status, WS_OK);
  assert_false(b.measuring);
  ws_buf_free(&b);
}

static void test_put_appends_and_terminates(void **state) {
  (void)state;
  ws_buf b;
  ws_buf_init(&b);
  ws_buf_puts(&b, "abc");
  ws_buf_putc(&b, '-');
  ws_buf_put(&b, "x\0y", 3);
  assert_int_equal(b.status, WS_OK);
  assert_int_equal(b.len, 7);
  assert_memory_equal(b.data, "abc-x\0y", 8);
  assert_true(b.cap >= b.len);
  ws_buf_free(&b);
}

static void test_put_nothing_on_fresh_buffer(void **state) {
  (void)state;
  ws_buf b;
  ws_buf_init(&b);
  ws_buf_put(&b, NULL, 0); /* no memcpy on NULL, no write through NULL */
  assert_int_equal(b.len, 0);
  assert_int_equal(b.status, WS_OK);
  ws_buf_free(&b);
}

static void test_put_large_grows_past_doubling(void **state) {
  (void)state;
  char big[5000];
  memset(big, 'q', sizeof big);
  ws_buf b;
  ws_buf_init(&b);
  ws_buf_putc(&b, '<');
  ws_buf_put(&b, big, sizeof big);
  assert_int_equal(b.len, 5001);
  assert_int_equal(b.data[5000], 'q');
  assert_int_equal(b.data[5001], '\0');
  ws_buf_free(&b);
}

static void test_many_small_puts_grow_geometrically(void **state) {
  (void)state;
  ws_buf b;
  ws_buf_init(&b);
  failalloc_install();
  for (int i = 0; i < 100000; i++) {
    ws_buf_putc(&b, 'z');
  }
  assert_true(failalloc_calls() <= 20);
  failalloc_uninstall();
  assert_int_equal(b.len, 100000);
  ws_buf_free(&b);
}

static void test_measuring_counts_without_writing(void **state) {
  (void)state;
  ws_buf b;
  ws_buf_measure(&b);
  failalloc_install();
  ws_buf_puts(&b, "hello");
  ws_buf_put_i64(&b, -123);
  ws_buf_put_repeat(&b, ' ', 10);
  assert_int_equal(ws_buf_reserve(&b, 1000), WS_OK);
  assert_int_equal(failalloc_calls(), 0);
  failalloc_uninstall();
  assert_true(b.measuring);
  assert_null(b.data);
  assert_int_equal(b.len, 5 + 4 + 10);
  ws_buf_free(&b);
}

static void test_fail_is_sticky_and_first_wins(void **state) {
  (void)state;
  ws_buf b;
  ws_buf_init(&b);
  ws_buf_puts(&b, "kept");
  ws_buf_fail(&b, WS_EUTF8);
  ws_buf_fail(&b, WS_ENOMEM);
  ws_buf_puts(&b, "dropped");
  ws_buf_put_i64(&b, 5);
  ws_buf_put_repeat(&b, 'x', 3);
  assert_int_equal(b.status, WS_EUTF8);
  assert_int_equal(b.len, 4);
  assert_string_equal(b.data, "kept");
  assert_int_equal(ws_buf_reserve(&b, 10), WS_EUTF8);
  ws_buf_free(&b);
}

static void test_allocation_failure_is_recorded_and_data_kept(void **state) {
  (void)state;
  ws_buf b;
  ws_buf_init(&b);
  ws_buf_puts(&b, "start");
  size_t cap = b.cap;
  char big[200];
  memset(big, 'b', sizeof big);
  failalloc_install();
  failalloc_fail_at(1);
  ws_buf_put(&b, big, sizeof big > cap ? sizeof big : cap + 1);
  failalloc_uninstall();
  assert_int_equal(b.status, WS_ENOMEM);
  assert_int_equal(b.len, 5);
  assert_string_equal(b.data, "start");
  ws_buf_puts(&b, "x"); /* still refused after the failure */
  assert_int_equal(b.len, 5);
  ws_buf_free(&b);
}

static void test_reset_clears_status_keeps_memory(void **state) {
  (void)state;
  ws_buf b;
  ws_buf_init(&b);
  ws_buf_puts(&b, "some text");
  char *data = b.data;
  ws_buf_fail(&b, WS_EINVAL);
  ws_buf_reset(&b);
  assert_int_equal(b.status, WS_OK);
  assert_int_equal(b.len, 0);
  assert_ptr_equal(b.data, data);
  assert_string_equal(b.data, "");
  ws_buf_puts(&b, "again");
  assert_string_equal(b.data, "again");
  ws_buf_free(&b);
}

static void test_reset_on_fresh_buffer(void **state) {
  (void)state;
  ws_buf b;
  ws_buf_init(&b);
  ws_buf_reset(&b);
  assert_null(b.data);
  assert_int_equal(b.len, 0);
}

static void test_free_twice_is_safe(void **state) {
  (void)state;
  ws_buf b;
  ws_buf_init(&b);
  ws_buf_puts(&b, "x");
  ws_buf_free(&b);
  ws_buf_free(&b);
  assert_null(b.data);
  assert_int_equal(b.cap, 0);
}

static void test_reserve_grows_exactly_once(void **state) {
  (void)state;
  ws_buf b;
  ws_buf_init(&b);
  ws_buf_puts(&b, "ab");
  failalloc_install();
  assert_int_equal(ws_buf_reserve(&b, 1000), WS_OK);
  assert_int_equal(b.cap, 1002);
  for (int i = 0; i < 1000; i++) {
    ws_buf_putc(&b, 'r');
  }
  assert_int_equal(failalloc_calls(), 1);
  failalloc_uninstall();
  assert_int_equal(b.len, 1002);
  assert_int_equal(b.data[1002], '\0');
  ws_buf_free(&b);
}

static void test_reserve_within_capacity_allocates_nothing(void **state) {
  (void)state;
  ws_buf b;
  ws_buf_init(&b);
  assert_int_equal(ws_buf_reserve(&b, 50), WS_OK);
  failalloc_install();
  assert_int_equal(ws_buf_reserve(&b, 50), WS_OK);
  assert_int_equal(ws_buf_reserve(&b, 0), WS_OK);
  assert_int_equal(failalloc_calls(), 0);
  failalloc_uninstall();
  ws_buf_free(&b);
}

static void test_reserve_overflow_is_enomem(void **state) {
  (void)state;
  ws_buf b;
  ws_buf_init(&b);
  ws_buf_puts(&b, "x");
  assert_int_equal(ws_buf_reserve(&b, SIZE_MAX), WS_ENOMEM);
  assert_int_equal(b.status, WS_ENOMEM);
  assert_string_equal(b.data, "x");
  ws_buf_free(&b);
}

static void test_reserve_failure_recorded(void **state) {
  (void)state;
  ws_buf b;
  ws_buf_init(&b);
  failalloc_install();
  failalloc_fail_at(1);
  assert_int_equal(ws_buf_reserve(&b, 10), WS_ENOMEM);
  failalloc_uninstall();
  assert_int_equal(b.status, WS_ENOMEM);
  assert_null(b.data);
  ws_buf_free(&b);
}

static void test_make_room_grows_geometrically_keeping_data(void **state) {
  (void)state;
  ws_buf b;
  ws_buf_init(&b);
  ws_buf_puts(&b, "abc");
  size_t cap = b.cap;
  assert_int_equal(ws_buf_make_room(&b, cap), WS_OK);
  assert_true(b.cap >= 2 * cap);
  assert_true(b.cap - b.len >= cap);
  assert_int_equal(b.len, 3);
  assert_string_equal(b.data, "abc");
  ws_buf_free(&b);
}

static void test_make_room_within_capacity_allocates_nothing(void **state) {
  (void)state;
  ws_buf b;
  ws_buf_init(&b);
  ws_buf_puts(&b, "abc");
  failalloc_install();
  assert_int_equal(ws_buf_make_room(&b, b.cap - b.len), WS_OK);
  assert_int_equal(failalloc_calls(), 0);
  failalloc_uninstall();
  ws_buf_free(&b);
}

static void test_make_room_failure_recorded_and_sticky(void **state) {
  (void)state;
  ws_buf b;
  ws_buf_init(&b);
  ws_buf_puts(&b, "abc");
  failalloc_install();
  failalloc_fail_at(1);
  assert_int_equal(ws_buf_make_room(&b, 1000), WS_ENOMEM);
  failalloc_uninstall();
  assert_int_equal(b.status, WS_ENOMEM);
  assert_string_equal(b.data, "abc");
  assert_int_equal(ws_buf_make_room(&b, 1), WS_ENOMEM);
  assert_int_equal(ws_buf_make_room(&b, SIZE_MAX), WS_ENOMEM);
  ws_buf_free(&b);
}

static void test_make_room_does_nothing_when_measuring(void **state) {
  (void)state;
  ws_buf b;
  ws_buf_measure(&b);
  assert_int_equal(ws_buf_make_room(&b, 1000), WS_OK);
  assert_null(b.data);
  assert_int_equal(b.len, 0);
}

static void test_make_room_overflow_is_enomem(void **state) {
  (void)state;
  ws_buf b;
  ws_buf_init(&b);
  ws_buf_puts(&b, "x");
  assert_int_equal(ws_buf_make_room(&b, SIZE_MAX), WS_ENOMEM);
  assert_int_equal(b.status, WS_ENOMEM);
  assert_string_equal(b.data, "x");
  ws_buf_free(&b);
}

static void expect_i64(long long v) {
  char expected[32];
  snprintf(expected, sizeof expected, "%lld", v);
  ws_buf b;
  ws_buf_init(&b);
  ws_buf_put_i64(&b, v);
  assert_string_equal(b.data, expected);
  ws_buf_free(&b);
}

static void test_put_i64_extremes(void **state) {
  (void)state;
  expect_i64(0);
  expect_i64(7);
  expect_i64(-1);
  expect_i64(1234567890123LL);
  expect_i64(LLONG_MAX);
  expect_i64(LLONG_MIN);
}

static void test_put_repeat(void **state) {
  (void)state;
  ws_buf b;
  ws_buf_init(&b);
  ws_buf_put_repeat(&b, ' ', 0);
  assert_int_equal(b.len, 0);
  ws_buf_putc(&b, '[');
  ws_buf_put_repeat(&b, '.', 300);
  ws_buf_putc(&b, ']');
  assert_int_equal(b.len, 302);
  assert_int_equal(b.data[1], '.');
  assert_int_equal(b.data[300], '.');
  assert_int_equal(b.data[301], ']');
  assert_int_equal(b.data[302], '\0');
  ws_buf_free(&b);
}

static void test_put_repeat_failure_recorded(void **state) {
  (void)state;
  ws_buf b;
  ws_buf_init(&b);
  failalloc_install();
  failalloc_fail_at(1);
  ws_buf_put_repeat(&b, ' ', 10);
  failalloc_uninstall();
  assert_int_equal(b.status, WS_ENOMEM);
  assert_int_equal(b.len, 0);
  ws_buf_free(&b);
}

/* ---- fixed buffers ---- */

static void test_fixed_writes_in_place_and_never_grows(void **state) {
  (void)state;
  char space[8];
  ws_buf b;
  ws_buf_fixed(&b, space, sizeof space);
  assert_ptr_equal(b.data, space);
  assert_int_equal(b.cap, 7); /* the last byte is the NUL's */
  failalloc_install();
  ws_buf_puts(&b, "abcd");
  ws_buf_put_i64(&b, 123);
  assert_int_equal(b.status, WS_OK);
  assert_string_equal(space, "abcd123");
  ws_buf_putc(&b, 'x');
  assert_int_equal(b.status, WS_EFULL);
  assert_int_equal(ws_buf_reserve(&b, 1), WS_EFULL);
  assert_int_equal(failalloc_calls(), 0);
  failalloc_uninstall();
  assert_string_equal(space, "abcd123");
  ws_buf_free(&b); /* forgets the space, frees nothing */
  assert_null(b.data);
}

static void test_fixed_without_space_is_full_at_once(void **state) {
  (void)state;
  ws_buf b;
  ws_buf_fixed(&b, NULL, 0);
  ws_buf_put(&b, NULL, 0);
  assert_int_equal(b.status, WS_OK);
  ws_buf_putc(&b, 'x');
  assert_int_equal(b.status, WS_EFULL);
  char one[1];
  ws_buf_fixed(&b, one, sizeof one);
  assert_int_equal(b.cap, 0);
  assert_int_equal(one[0], '\0');
  ws_buf_putc(&b, 'x');
  assert_int_equal(b.status, WS_EFULL);
}

/* ---- writing sized ---- */

/* Writes `count` copies of a 10-byte line, or fails with `fail` once
 * `count` lines are written when fail is set; counts its runs. */
typedef struct lines {
  size_t count;
  ws_status fail;
  int runs;
} lines;

static void write_lines(ws_buf *b, const void *ctx) {
  lines *l = (lines *)(uintptr_t)ctx;
  l->runs++;
  for (size_t i = 0; i < l->count; i++) {
    ws_buf_put(b, "012345678\n", 10);
  }
  if (l->fail != WS_OK) {
    ws_buf_fail(b, l->fail);
  }
}

static void assert_lines(const ws_buf *b, size_t from, size_t count) {
  assert_int_equal(b->len, from + 10 * count);
  for (size_t i = 0; i < count; i++) {
    assert_memory_equal(b->data + from + 10 * i, "012345678\n", 10);
  }
  assert_int_equal(b->data[b->len], '\0');
}

/* An output that fits the 32 KB block: one allocation, written straight
 * into it (one run), the block kept. 1 MB does not fit: the block is
 * given back, and the output counted and written into one exact
 * allocation (three runs, two calls to the allocator). */
static void test_write_sized_into_fresh_buffer_allocates_once(void **state) {
  (void)state;
  static const size_t counts[] = {0, 1, 100, 3000, 100000};
  static const int runs[] = {1, 1, 1, 1, 3};
  static const size_t calls[] = {1, 1, 1, 1, 2};
  static const size_t caps[] = {32768, 32768, 32768, 32768, 1000000};
  for (size_t k = 0; k < sizeof counts / sizeof counts[0]; k++) {
    ws_buf b;
    ws_buf_init(&b);
    lines l = {counts[k], WS_OK, 0};
    failalloc_install();
    assert_int_equal(ws_buf_write_sized(&b, write_lines, &l), WS_OK);
    assert_int_equal(failalloc_calls(), calls[k]);
    assert_int_equal(failalloc_live(), 1);
    failalloc_uninstall();
    assert_int_equal(l.runs, runs[k]);
    assert_non_null(b.data);
    assert_int_equal(b.cap, caps[k]);
    assert_lines(&b, 0, counts[k]);
    ws_buf_free(&b);
  }
}

static void test_write_sized_in_room_already_there(void **state) {
  (void)state;
  ws_buf b;
  ws_buf_init(&b);
  ws_buf_puts(&b, "head");
  assert_int_equal(ws_buf_reserve(&b, 1000), WS_OK);
  lines l = {50, WS_OK, 0};
  failalloc_install();
  assert_int_equal(ws_buf_write_sized(&b, write_lines, &l), WS_OK);
  assert_int_equal(failalloc_calls(), 0);
  failalloc_uninstall();
  assert_int_equal(l.runs, 1);
  assert_memory_equal(b.data, "head", 4);
  assert_lines(&b, 4, 50);
  assert_false(b.fixed);
  ws_buf_free(&b);
}

/* Room for part of the output: that run is cut back, the buffer grows by
 * the block and is written into; what it held stays. */
static void test_write_sized_past_the_room_there(void **state) {
  (void)state;
  ws_buf b;
  ws_buf_init(&b);
  ws_buf_puts(&b, "head");
  assert_int_equal(ws_buf_reserve(&b, 25), WS_OK);
  lines l = {50, WS_OK, 0};
  failalloc_install();
  assert_int_equal(ws_buf_write_sized(&b, write_lines, &l), WS_OK);
  assert_int_equal(failalloc_calls(), 1); /* the block */
  failalloc_uninstall();
  assert_int_equal(l.runs, 2);
  assert_memory_equal(b.data, "head", 4);
  assert_lines(&b, 4, 50);
  assert_int_equal(b.cap, 4 + 32768);
  assert_false(b.fixed);
  ws_buf_free(&b);
}

/* A writer's failure leaves the buffer as it was, whichever way the
 * output went: into a fresh buffer (the block given back), into room
 * there already, or into a buffer grown by the block. */
static void test_write_sized_reports_the_writers_failure(void **state) {
  (void)state;
  static const size_t counts[] = {3, 100000};
  for (size_t k = 0; k < sizeof counts / sizeof counts[0]; k++) {
    ws_buf b;
    ws_buf_init(&b);
    lines l = {counts[k], WS_EUTF8, 0};
    failalloc_install();
    assert_int_equal(ws_buf_write_sized(&b, write_lines, &l), WS_EUTF8);
    assert_int_equal(failalloc_live(), 0);
    failalloc_uninstall();
    assert_int_equal(b.status, WS_EUTF8);
    assert_null(b.data);
    assert_int_equal(b.len, 0);
    ws_buf_free(&b);
  }
  static const size_t room[] = {100, 10};
  for (size_t k = 0; k < sizeof room / sizeof room[0]; k++) {
    ws_buf b;
    ws_buf_init(&b);
    ws_buf_puts(&b, "head");
    assert_int_equal(ws_buf_reserve(&b, room[k]), WS_OK);
    size_t cap = b.cap;
    lines l = {3, WS_EUTF8, 0};
    assert_int_equal(ws_buf_write_sized(&b, write_lines, &l), WS_EUTF8);
    assert_int_equal(b.status, WS_EUTF8);
    assert_int_equal(b.cap, cap);
    assert_int_equal(b.len, 4);
    assert_string_equal(b.data, "head");
    ws_buf_free(&b);
  }
}

/* Each allocation of write_sized failing in turn, into a fresh buffer (the
 * block; for 1 MB the block, then the exact allocation): the failure is
 * WS_ENOMEM, nothing is left allocated and nothing written. */
static void test_write_sized_out_of_memory(void **state) {
  (void)state;
  static const size_t counts[] = {100, 100000};
  static const size_t allocations[] = {1, 2};
  for (size_t k = 0; k < sizeof counts / sizeof counts[0]; k++) {
    for (size_t at = 1; at <= allocations[k]; at++) {
      ws_buf b;
      ws_buf_init(&b);
      lines l = {counts[k], WS_OK, 0};
      failalloc_install();
      failalloc_fail_at(at);
      assert_int_equal(ws_buf_write_sized(&b, write_lines, &l), WS_ENOMEM);
      assert_true(failalloc_failed());
      failalloc_uninstall();
      assert_int_equal(failalloc_live(), 0);
      assert_null(b.data);
      assert_int_equal(b.len, 0);
      assert_int_equal(b.status, WS_ENOMEM);
      ws_buf_free(&b);
    }
  }
}

/* An allocator that fails every call from the `refuse_from`th on. */
static size_t refuse_calls, refuse_from;
static void *refusing_malloc(void *ctx, size_t size) {
  (void)ctx;
  return ++refuse_calls >= refuse_from ? NULL : malloc(size);
}
static void *refusing_realloc(void *ctx, void *p, size_t size) {
  (void)ctx;
  return ++refuse_calls >= refuse_from ? NULL : realloc(p, size);
}
static void refusing_free(void *ctx, void *p) {
  (void)ctx;
  free(p);
}

/* The same into a buffer holding "head" without the room: growing by the
 * block fails; or the writer fails and giving the block back to the
 * buffer's earlier size does too (the buffer keeps the larger block,
 * still its own). What it held stays. */
static void test_write_sized_out_of_memory_past_the_room(void **state) {
  (void)state;
  for (int give_back_refused = 0; give_back_refused <= 1;
       give_back_refused++) {
    ws_buf b;
    ws_buf_init(&b);
    ws_buf_puts(&b, "head");
    assert_int_equal(ws_buf_reserve(&b, 5), WS_OK);
    size_t cap = b.cap;
    lines l = {100, give_back_refused ? WS_EUTF8 : WS_OK, 0};
    if (!give_back_refused) {
      failalloc_install();
      failalloc_fail_at(1);
      assert_int_equal(ws_buf_write_sized(&b, write_lines, &l), WS_ENOMEM);
      assert_true(failalloc_failed());
      failalloc_uninstall();
      assert_int_equal(b.cap, cap);
      assert_int_equal(b.status, WS_ENOMEM);
    } else { /* the block is had, the give-back refused */
      ws_allocator refusing = {refusing_malloc, refusing_realloc, refusing_free,
                               NULL};
      refuse_calls = 0;
      refuse_from = 2;
      ws_set_allocator(&refusing);
      assert_int_equal(ws_buf_write_sized(&b, write_lines, &l), WS_EUTF8);
      assert_int_equal(refuse_calls, 2);
      ws_set_allocator(NULL);
      assert_true(b.cap > cap);
      assert_int_equal(b.status, WS_EUTF8);
    }
    assert_int_equal(b.len, 4);
    assert_string_equal(b.data, "head");
    ws_buf_free(&b);
  }
}

static void test_write_sized_into_measuring_and_fixed_buffers(void **state) {
  (void)state;
  lines l = {7, WS_OK, 0};
  ws_buf counter;
  ws_buf_measure(&counter);
  assert_int_equal(ws_buf_write_sized(&counter, write_lines, &l), WS_OK);
  assert_int_equal(counter.len, 70);
  char space[71];
  ws_buf b;
  ws_buf_fixed(&b, space, sizeof space);
  assert_int_equal(ws_buf_write_sized(&b, write_lines, &l), WS_OK);
  assert_lines(&b, 0, 7);
  assert_int_equal(ws_buf_write_sized(&b, write_lines, &l), WS_EFULL);
  assert_true(b.fixed);
}

/* The sweep: a buffer written piecewise either fails with ENOMEM or holds
 * the whole text. */
static ws_buf sweep_buf;
static ws_status op_write_text(void *ctx) {
  (void)ctx;
  ws_buf_init(&sweep_buf);
  for (int i = 0; i < 50; i++) {
    ws_buf_puts(&sweep_buf, "0123456789");
    ws_buf_put_i64(&sweep_buf, i);
  }
  if (sweep_buf.status == WS_OK) {
    assert_int_equal(sweep_buf.len, 500 + 10 + 40 * 2);
  }
  return sweep_buf.status;
}
static void cleanup_buf(void *ctx) {
  (void)ctx;
  ws_buf_free(&sweep_buf);
}

static void test_write_allocation_failure_sweep(void **state) {
  (void)state;
  assert_true(failalloc_check(op_write_text, cleanup_buf, NULL) >= 1);
}

/* ---- ws_buf_detach ---- */

static void test_detach_hands_over_and_leaves_empty(void **state) {
  (void)state;
  ws_buf b;
  ws_buf_init(&b);
  ws_buf_puts(&b, "hello");
  char *data = b.data;
  size_t len = 99;
  char *got = ws_buf_detach(&b, &len);
  assert_ptr_equal(got, data); /* the same block: no copy */
  assert_int_equal(len, 5);
  assert_string_equal(got, "hello");
  assert_null(b.data);
  assert_int_equal(b.len, 0);
  assert_int_equal(b.cap, 0);
  assert_int_equal(b.status, WS_OK);
  ws_buf_puts(&b, "next"); /* reusable: grows a block of its own */
  assert_string_equal(b.data, "next");
  assert_ptr_not_equal(b.data, got);
  ws_free(got);
  ws_buf_free(&b);
}

static void test_detach_without_len(void **state) {
  (void)state;
  ws_buf b;
  ws_buf_init(&b);
  ws_buf_put(&b, "a\0b", 3);
  char *got = ws_buf_detach(&b, NULL);
  assert_memory_equal(got, "a\0b", 4); /* and the NUL after */
  ws_free(got);
}

/* An encoder's block, 32 KB for a few bytes, is shrunk to fit as it is
 * handed over (one realloc); a shrink refused hands the block over as it
 * is. */
static void test_detach_shrinks_a_roomy_block(void **state) {
  (void)state;
  for (size_t refuse = 0; refuse <= 1; refuse++) {
    ws_buf b;
    ws_buf_init(&b);
    lines l = {3, WS_OK, 0};
    assert_int_equal(ws_buf_write_sized(&b, write_lines, &l), WS_OK);
    assert_int_equal(b.cap, 32768);
    size_t len = 0;
    failalloc_install();
    if (refuse) {
      failalloc_fail_at(1);
    }
    char *got = ws_buf_detach(&b, &len);
    assert_int_equal(failalloc_calls(), 1);
    assert_int_equal(failalloc_failed(), refuse != 0);
    failalloc_uninstall();
    assert_non_null(got);
    assert_int_equal(len, 30);
    assert_memory_equal(got, "012345678\n012345678\n012345678\n", 31);
    assert_int_equal(b.status, WS_OK);
    assert_null(b.data);
    ws_free(got);
  }
}

static void test_detach_of_fresh_buffer_gives_empty_string(void **state) {
  (void)state;
  ws_buf b;
  ws_buf_init(&b);
  size_t len = 99;
  failalloc_install();
  char *got = ws_buf_detach(&b, &len);
  assert_int_equal(failalloc_calls(), 1);
  assert_non_null(got);
  assert_string_equal(got, "");
  assert_int_equal(len, 0);
  ws_free(got);
  assert_int_equal(failalloc_live(), 0);
  failalloc_uninstall();
}

static void test_detach_of_fresh_buffer_out_of_memory(void **state) {
  (void)state;
  ws_buf b;
  ws_buf_init(&b);
  size_t len = 99;
  failalloc_install();
  failalloc_fail_at(1);
  assert_null(ws_buf_detach(&b, &len));
  assert_true(failalloc_failed());
  assert_int_equal(failalloc_live(), 0);
  failalloc_uninstall();
  assert_int_equal(len, 0);
  assert_int_equal(b.status, WS_ENOMEM);
  assert_null(b.data);
  ws_buf_reset(&b); /* the failure clears as any other, and then */
  char *got = ws_buf_detach(&b, &len);
  assert_non_null(got);
  assert_string_equal(got, "");
  ws_free(got);
}

static void test_detach_refuses_failed_fixed_and_measuring(void **state) {
  (void)state;
  size_t len = 99;
  ws_buf failed;
  ws_buf_init(&failed);
  ws_buf_puts(&failed, "part");
  ws_buf_fail(&failed, WS_EUTF8);
  assert_null(ws_buf_detach(&failed, &len));
  assert_int_equal(len, 0);
  assert_string_equal(failed.data, "part"); /* still the buffer's */
  assert_int_equal(failed.status, WS_EUTF8);
  ws_buf_free(&failed);

  char space[16];
  ws_buf fixed;
  ws_buf_fixed(&fixed, space, sizeof space);
  ws_buf_puts(&fixed, "mine");
  assert_null(ws_buf_detach(&fixed, &len));
  assert_ptr_equal(fixed.data, space);
  assert_int_equal(fixed.len, 4);
  assert_int_equal(fixed.status, WS_OK);

  ws_buf counting;
  ws_buf_measure(&counting);
  ws_buf_puts(&counting, "abc");
  assert_null(ws_buf_detach(&counting, &len));
  assert_int_equal(counting.len, 3);
  assert_true(counting.measuring);
}

/* The sweep: a piecewise write, then detach, either fails with ENOMEM
 * (nothing handed over, nothing leaked) or hands over the whole text. */
static char *detached;
static ws_status op_write_and_detach(void *ctx) {
  size_t pieces = *(const size_t *)ctx;
  ws_buf_init(&sweep_buf);
  for (size_t i = 0; i < pieces; i++) {
    ws_buf_puts(&sweep_buf, "0123456789");
  }
  size_t len = 0;
  detached = ws_buf_detach(&sweep_buf, &len);
  if (!detached) {
    return sweep_buf.status;
  }
  assert_int_equal(len, 10 * pieces);
  assert_int_equal(strlen(detached), 10 * pieces);
  assert_null(sweep_buf.data);
  return WS_OK;
}
static void cleanup_detached(void *ctx) {
  (void)ctx;
  ws_free(detached);
  detached = NULL;
  ws_buf_free(&sweep_buf);
}

static void test_detach_allocation_failure_sweep(void **state) {
  (void)state;
  size_t many = 200, none = 0;
  assert_true(failalloc_check(op_write_and_detach, cleanup_detached, &many) >=
              2);
  assert_int_equal(
      failalloc_check(op_write_and_detach, cleanup_detached, &none), 1);
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_init_is_empty_and_ok),
      cmocka_unit_test(test_fixed_writes_in_place_and_never_grows),
      cmocka_unit_test(test_fixed_without_space_is_full_at_once),
      cmocka_unit_test(
          test_write_sized_into_fresh_buffer_allocates_once),
      cmocka_unit_test(test_write_sized_in_room_already_there),
      cmocka_unit_test(test_write_sized_past_the_room_there),
      cmocka_unit_test(test_write_sized_reports_the_writers_failure),
      cmocka_unit_test(test_write_sized_out_of_memory),
      cmocka_unit_test(test_write_sized_out_of_memory_past_the_room),
      cmocka_unit_test(test_write_sized_into_measuring_and_fixed_buffers),
      cmocka_unit_test(test_put_appends_and_terminates),
      cmocka_unit_test(test_put_nothing_on_fresh_buffer),
      cmocka_unit_test(test_put_large_grows_past_doubling),
      cmocka_unit_test(test_many_small_puts_grow_geometrically),
      cmocka_unit_test(test_measuring_counts_without_writing),
      cmocka_unit_test(test_fail_is_sticky_and_first_wins),
      cmocka_unit_test(test_allocation_failure_is_recorded_and_data_kept),
      cmocka_unit_test(test_reset_clears_status_keeps_memory),
      cmocka_unit_test(test_reset_on_fresh_buffer),
      cmocka_unit_test(test_free_twice_is_safe),
      cmocka_unit_test(test_reserve_grows_exactly_once),
      cmocka_unit_test(test_reserve_within_capacity_allocates_nothing),
      cmocka_unit_test(test_reserve_overflow_is_enomem),
      cmocka_unit_test(test_reserve_failure_recorded),
      cmocka_unit_test(test_make_room_grows_geometrically_keeping_data),
      cmocka_unit_test(test_make_room_within_capacity_allocates_nothing),
      cmocka_unit_test(test_make_room_failure_recorded_and_sticky),
      cmocka_unit_test(test_make_room_does_nothing_when_measuring),
      cmocka_unit_test(test_make_room_overflow_is_enomem),
      cmocka_unit_test(test_put_i64_extremes),
      cmocka_unit_test(test_put_repeat),
      cmocka_unit_test(test_put_repeat_failure_recorded),
      cmocka_unit_test(test_write_allocation_failure_sweep),
      cmocka_unit_test(test_detach_hands_over_and_leaves_empty),
      cmocka_unit_test(test_detach_without_len),
      cmocka_unit_test(test_detach_shrinks_a_roomy_block),
      cmocka_unit_test(test_detach_of_fresh_buffer_gives_empty_string),
      cmocka_unit_test(test_detach_of_fresh_buffer_out_of_memory),
      cmocka_unit_test(test_detach_refuses_failed_fixed_and_measuring),
      cmocka_unit_test(test_detach_allocation_failure_sweep),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
