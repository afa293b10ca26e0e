/* test_keyset.c - the key set decoders use to refuse duplicate keys. */
#include "failalloc.h"

#include <stdio.h>
#include <string.h>

#include "ws_keyset.h"

static void key_of(char *out, size_t size, size_t i) {
  snprintf(out, size, "x-trace-%06zu", i);
}

static void test_new_keys_are_added_and_repeats_refused(void **state) {
  (void)state;
  ws_keyset s;
  ws_keyset_init(&s);
  assert_int_equal(ws_keyset_add(&s, "Host", 4), WS_OK);
  assert_int_equal(ws_keyset_add(&s, "host", 4), WS_OK); /* case matters */
  assert_int_equal(ws_keyset_add(&s, "Host", 4), WS_EDUPLICATE);
  assert_int_equal(ws_keyset_add(&s, "Hos", 3), WS_OK);
  assert_int_equal(s.count, 3);
  ws_keyset_free(&s);
}

static void test_empty_key_and_embedded_nul(void **state) {
  (void)state;
  ws_keyset s;
  ws_keyset_init(&s);
  assert_int_equal(ws_keyset_add(&s, "", 0), WS_OK);
  assert_int_equal(ws_keyset_add(&s, "", 0), WS_EDUPLICATE);
  assert_int_equal(ws_keyset_add(&s, "a\0b", 3), WS_OK);
  assert_int_equal(ws_keyset_add(&s, "a\0c", 3), WS_OK);
  assert_int_equal(ws_keyset_add(&s, "a\0b", 3), WS_EDUPLICATE);
  ws_keyset_free(&s);
}

/* Keys that differ only in their last bytes, past the inline storage: every
 * one is kept, and every repeat is found, after the table has grown. */
static void test_many_keys_move_to_the_heap(void **state) {
  (void)state;
  ws_keyset s;
  char key[32];
  ws_keyset_init(&s);
  for (size_t i = 0; i < 5000; i++) {
    key_of(key, sizeof key, i);
    assert_int_equal(ws_keyset_add(&s, key, strlen(key)), WS_OK);
  }
  assert_true(s.slots != NULL);
  assert_true(s.entries != s.inline_entries);
  assert_true(s.bytes != s.inline_bytes);
  for (size_t i = 0; i < 5000; i += 7) {
    key_of(key, sizeof key, i);
    assert_int_equal(ws_keyset_add(&s, key, strlen(key)), WS_EDUPLICATE);
  }
  assert_int_equal(s.count, 5000);
  ws_keyset_free(&s);
}

/* Keys alike in their first and last eight bytes, differing only in the
 * middle, as a hostile input may send: all kept, all repeats found, and
 * they do not all share one hash. */
static void test_keys_differing_in_the_middle(void **state) {
  (void)state;
  ws_keyset s;
  char key[40];
  ws_keyset_init(&s);
  for (size_t i = 0; i < 3000; i++) {
    snprintf(key, sizeof key, "aaaaaaaa%06zubbbbbbbb", i);
    assert_int_equal(ws_keyset_add(&s, key, strlen(key)), WS_OK);
  }
  for (size_t i = 0; i < 3000; i += 11) {
    snprintf(key, sizeof key, "aaaaaaaa%06zubbbbbbbb", i);
    assert_int_equal(ws_keyset_add(&s, key, strlen(key)), WS_EDUPLICATE);
  }
  assert_int_not_equal(ws_hash_bytes("aaaaaaaa000001bbbbbbbb", 22),
                       ws_hash_bytes("aaaaaaaa000002bbbbbbbb", 22));
  ws_keyset_free(&s);
}

static void test_free_leaves_an_empty_usable_set(void **state) {
  (void)state;
  ws_keyset s;
  char key[32];
  ws_keyset_init(&s);
  for (size_t i = 0; i < 100; i++) {
    key_of(key, sizeof key, i);
    assert_int_equal(ws_keyset_add(&s, key, strlen(key)), WS_OK);
  }
  ws_keyset_free(&s);
  assert_int_equal(s.count, 0);
  assert_int_equal(ws_keyset_add(&s, key, strlen(key)), WS_OK);
  ws_keyset_free(&s);
}

/* Kept keys are pointed at, not copied; copied ones are found again after
 * the copies have moved to the heap; a repeat is refused whichever way
 * either was added, before and after the set makes its table. */
static void test_kept_and_copied_keys_mix(void **state) {
  (void)state;
  static char kept[200][24];
  ws_keyset s;
  char key[24];
  ws_keyset_init(&s);
  for (size_t i = 0; i < 200; i++) {
    snprintf(kept[i], sizeof kept[i], "kept-%04zu", i);
    key_of(key, sizeof key, i);
    assert_int_equal(ws_keyset_add_kept(&s, kept[i], strlen(kept[i])), WS_OK);
    assert_ptr_equal(s.entries[s.count - 1].key, kept[i]);
    assert_int_equal(ws_keyset_add(&s, key, strlen(key)), WS_OK);
    memset(key, 'z', sizeof key); /* the set has its own copy */
    if (i == WS_KEYSET_INLINE_KEYS / 2 - 1)
      assert_null(s.slots); /* still compared one by one */
  }
  assert_true(s.slots != NULL);
  assert_true(s.bytes != s.inline_bytes);
  for (size_t i = 0; i < 200; i += 3) {
    key_of(key, sizeof key, i);
    assert_int_equal(ws_keyset_add_kept(&s, key, strlen(key)), WS_EDUPLICATE);
    assert_int_equal(ws_keyset_add(&s, kept[i], strlen(kept[i])),
                     WS_EDUPLICATE);
  }
  assert_int_equal(s.count, 400);
  ws_keyset_free(&s);
}

/* Every repeat is found at each size around the change from comparing
 * keys one by one to hashing them. */
static void test_repeats_found_around_the_table(void **state) {
  (void)state;
  char key[32];
  for (size_t n = 1; n < 3 * WS_KEYSET_INLINE_KEYS; n++) {
    ws_keyset s;
    ws_keyset_init(&s);
    for (size_t i = 0; i < n; i++) {
      key_of(key, sizeof key, i);
      assert_int_equal(ws_keyset_add(&s, key, strlen(key)), WS_OK);
    }
    for (size_t i = 0; i < n; i++) {
      key_of(key, sizeof key, i);
      assert_int_equal(ws_keyset_add(&s, key, strlen(key)), WS_EDUPLICATE);
    }
    assert_int_equal(s.count, n);
    ws_keyset_free(&s);
  }
}

typedef struct fill {
  ws_keyset set;
  size_t n;
} fill;

static ws_status add_many(void *ctx) {
  fill *f = ctx;
  char key[32];
  ws_keyset_init(&f->set);
  for (size_t i = 0; i < f->n; i++) {
    key_of(key, sizeof key, i);
    ws_status st = ws_keyset_add(&f->set, key, strlen(key));
    if (st != WS_OK) {
      return st;
    }
  }
  return WS_OK;
}

static void free_set(void *ctx) {
  ws_keyset_free(&((fill *)ctx)->set);
}

static void test_allocation_failure_is_reported_and_leaks_nothing(void **state) {
  (void)state;
  fill f;
  f.n = 300; /* past the inline bytes, entries and slots */
  assert_true(failalloc_check(add_many, free_set, &f) > 0);
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_new_keys_are_added_and_repeats_refused),
      cmocka_unit_test(test_empty_key_and_embedded_nul),
      cmocka_unit_test(test_many_keys_move_to_the_heap),
      cmocka_unit_test(test_keys_differing_in_the_middle),
      cmocka_unit_test(test_free_leaves_an_empty_usable_set),
      cmocka_unit_test(test_kept_and_copied_keys_mix),
      cmocka_unit_test(test_repeats_found_around_the_table),
      cmocka_unit_test(test_allocation_failure_is_reported_and_leaks_nothing),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
