/* Tests for ws_piece.c, ws_pool.c and ws_key_index.c: pieces of their
 * own and carved from a pool's blocks, released in any order; arrays that
 * grow in place between texts; a key index that tells a new key from a
 * repeated one past its inline room. (Decoded values, which use them, are
 * tested in tests/system/test_decode_memory.c.) */
#include "failalloc.h"

#include <stdio.h>
#include <string.h>

#include "ws_str.h"
#include "internal/ws_key_index.h"
#include "internal/ws_piece.h"
#include "internal/ws_pool.h"

/* ---- pieces -------------------------------------------------------------- */

static void test_own_text_and_array_pieces(void **state) {
  (void)state;
  failalloc_install();
  long live = failalloc_live();
  char *t = ws_piece_text_new(3);
  assert_non_null(t);
  memcpy(t, "abc", 4);
  void *a = ws_piece_array_resize(NULL, 0, 24);
  assert_non_null(a);
  assert_int_equal((uintptr_t)a % WS_PIECE_ALIGN, 0);
  memset(a, 7, 24);
  a = ws_piece_array_resize(a, 24, 480); /* its own: reallocated */
  assert_non_null(a);
  assert_int_equal(((unsigned char *)a)[23], 7);
  ws_piece_release(t);
  ws_piece_release(a);
  ws_piece_release(NULL);
  assert_int_equal(failalloc_live(), live);
  failalloc_uninstall();
}

static void test_pool_text_comes_from_one_block(void **state) {
  (void)state;
  ws_pool p;
  failalloc_install();
  ws_pool_start(&p, 1000);
  char *a = ws_pool_text(&p, 5);
  char *b = ws_pool_text(&p, 7);
  assert_non_null(a);
  assert_non_null(b);
  memcpy(a, "hello", 6);
  memcpy(b, "goodbye", 8);
  assert_int_equal(failalloc_calls(), 1);
  ws_pool_finish(&p);
  assert_int_equal(failalloc_live(), 1); /* the pieces keep the block */
  ws_piece_release(a);
  assert_string_equal(b, "goodbye");
  ws_piece_release(b);
  assert_int_equal(failalloc_live(), 0);
  failalloc_uninstall();
}

static void test_pool_array_grows_in_place_between_texts(void **state) {
  (void)state;
  ws_pool p;
  void *items = NULL;
  size_t cap = 0;
  char *texts[40];
  char *top = NULL; /* where the array ends: it grows down from there */
  failalloc_install();
  ws_pool_start(&p, 4000);
  for (size_t need = 1; need <= 40; need++) {
    assert_int_equal(ws_pool_grow(&p, &items, &cap, need, 16), WS_OK);
    /* text goes to the other end of the block: the array stays last */
    texts[need - 1] = ws_pool_text(&p, 3);
    assert_non_null(texts[need - 1]);
    memcpy(texts[need - 1], "abc", 4);
    memset((char *)items + (need - 1) * 16, (int)need, 16);
    if (top == NULL)
      top = (char *)items + cap * 16;
    assert_ptr_equal((char *)items + cap * 16, top);
  }
  for (size_t i = 0; i < 40; i++) {
    assert_int_equal(((unsigned char *)items)[i * 16 + 15], i + 1);
    assert_string_equal(texts[i], "abc");
  }
  items = ws_pool_fit(&p, items, 40, 16, &cap);
  assert_int_equal(cap, 40);
  assert_int_equal(((unsigned char *)items)[39 * 16], 40);
  assert_int_equal(failalloc_calls(), 1);
  ws_pool_finish(&p);
  ws_piece_release(items);
  for (size_t i = 0; i < 40; i++)
    ws_piece_release(texts[i]);
  assert_int_equal(failalloc_live(), 0);
  failalloc_uninstall();
}

/* Text decoded into the room the pool offers, then kept at its length:
 * the next text follows it, and a room given back is offered again. */
static void test_pool_text_room_is_kept_at_its_length(void **state) {
  (void)state;
  ws_pool p;
  size_t cap = 0;
  failalloc_install();
  ws_pool_start(&p, 1000);
  char *t = ws_pool_text_room(&p, &cap);
  assert_non_null(t);
  assert_true(cap > 100);
  memcpy(t, "kept", 5);
  ws_pool_text_keep(&p, t, cap, 4);
  size_t cap2 = 0;
  char *u = ws_pool_text_room(&p, &cap2);
  assert_non_null(u);
  assert_true(u > t + 4 && cap2 < cap);
  ws_pool_text_unused(&p, u, cap2);
  size_t cap3 = 0;
  assert_ptr_equal(ws_pool_text_room(&p, &cap3), u);
  assert_int_equal(cap3, cap2);
  memcpy(u, "", 1);
  ws_pool_text_keep(&p, u, cap3, 0);
  assert_int_equal(failalloc_calls(), 1);
  ws_pool_finish(&p);
  assert_string_equal(t, "kept");
  ws_piece_release(t);
  assert_int_equal(failalloc_live(), 1);
  ws_piece_release(u);
  assert_int_equal(failalloc_live(), 0);
  failalloc_uninstall();
}

static void test_pool_off_gives_own_pieces(void **state) {
  (void)state;
  ws_pool p;
  memset(&p, 0, sizeof p);
  failalloc_install();
  char *t = ws_pool_text(&p, 2);
  assert_non_null(t);
  ws_pool_finish(&p);
  assert_int_equal(failalloc_live(), 1);
  ws_piece_release(t);
  assert_int_equal(failalloc_live(), 0);
  failalloc_uninstall();
}

/* ---- key index ------------------------------------------------------------ */

static void test_key_index_tells_new_from_repeated(void **state) {
  (void)state;
  ws_str names[300];
  char text[300][8];
  ws_key_index x;
  ws_key_index_init(&x);
  for (size_t i = 0; i < 300; i++) {
    snprintf(text[i], sizeof text[i], "k%zu", i);
    assert_int_equal(ws_key_index_add(&x, names, sizeof names[0], i, text[i],
                                      strlen(text[i])),
                     WS_OK);
    names[i].ptr = text[i];
    names[i].len = strlen(text[i]);
  }
  for (size_t i = 0; i < 300; i += 37)
    assert_int_equal(ws_key_index_add(&x, names, sizeof names[0], 300,
                                      text[i], strlen(text[i])),
                     WS_EDUPLICATE);
  assert_int_equal(ws_key_index_add(&x, names, sizeof names[0], 300, "", 0),
                   WS_OK);
  ws_key_index_free(&x);
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_own_text_and_array_pieces),
      cmocka_unit_test(test_pool_text_comes_from_one_block),
      cmocka_unit_test(test_pool_array_grows_in_place_between_texts),
      cmocka_unit_test(test_pool_text_room_is_kept_at_its_length),
      cmocka_unit_test(test_pool_off_gives_own_pieces),
      cmocka_unit_test(test_key_index_tells_new_from_repeated),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
