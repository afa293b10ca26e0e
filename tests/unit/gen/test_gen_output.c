/* Tests for the generator's files on disk: gen/output_file.c writes a file
 * only when its text changes and compares without writing (--check);
 * gen/depfile.c writes a make-style dependency file that make can read
 * whatever the paths hold; gen/inputs.c remembers every file it read. */
#define _POSIX_C_SOURCE 200809L
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cmocka.h>

#include "depfile.h"
#include "inputs.h"
#include "output_file.h"

/* A fresh directory for one test, removed by the test's teardown. */
static char dir[64];

static int make_dir(void **state) {
  (void)state;
  strcpy(dir, "/tmp/test_gen_output-XXXXXX");
  return mkdtemp(dir) != NULL ? 0 : -1;
}

static int remove_dir(void **state) {
  (void)state;
  char cmd[128];
  snprintf(cmd, sizeof cmd, "rm -rf '%s'", dir);
  return system(cmd) == 0 ? 0 : -1;
}

static char *path_in_dir(const char *name) {
  static char path[256];
  snprintf(path, sizeof path, "%s/%s", dir, name);
  return path;
}

static char *slurp(const char *path) {
  inputs in;
  inputs_init(&in);
  size_t len = 0;
  char *text = inputs_read(&in, path, &len);
  inputs_free(&in);
  return text;
}

/* The generator hands output_file.c its text in a stream; these two give
 * it a C string that way. */
static FILE *stream_of(const char *text) {
  FILE *f = tmpfile();
  assert_non_null(f);
  assert_int_equal(fwrite(text, 1, strlen(text), f), strlen(text));
  return f;
}

static output_state state_of(const char *path, const char *text) {
  FILE *f = stream_of(text);
  output_state s = output_spool_state(path, f);
  fclose(f);
  return s;
}

static int update_to(const char *path, const char *text) {
  FILE *f = stream_of(text);
  int rc = output_spool_update(path, f);
  fclose(f);
  return rc;
}

static void test_update_writes_a_missing_file(void **state) {
  (void)state;
  const char *path = path_in_dir("a.c");
  assert_int_equal(state_of(path, "x\n"), OUTPUT_MISSING);
  assert_int_equal(update_to(path, "x\n"), 0);
  assert_int_equal(state_of(path, "x\n"), OUTPUT_CURRENT);
  char *text = slurp(path);
  assert_string_equal(text, "x\n");
  free(text);
}

static void test_update_leaves_an_unchanged_file_alone(void **state) {
  (void)state;
  const char *path = path_in_dir("a.c");
  struct stat before, after;
  assert_int_equal(update_to(path, "same\n"), 0);
  assert_int_equal(stat(path, &before), 0);
  /* the same text again: the file is not replaced (same inode) */
  assert_int_equal(update_to(path, "same\n"), 0);
  assert_int_equal(stat(path, &after), 0);
  assert_true(before.st_ino == after.st_ino);
  /* other text: replaced */
  assert_int_equal(update_to(path, "other\n"), 0);
  assert_int_equal(stat(path, &after), 0);
  assert_true(before.st_ino != after.st_ino);
}

static void test_state_tells_stale_from_current(void **state) {
  (void)state;
  const char *path = path_in_dir("a.c");
  assert_int_equal(update_to(path, "abc"), 0);
  assert_int_equal(state_of(path, "abc"), OUTPUT_CURRENT);
  assert_int_equal(state_of(path, "abd"), OUTPUT_STALE);
  assert_int_equal(state_of(path, "ab"), OUTPUT_STALE);
  assert_int_equal(state_of(path, "abcd"), OUTPUT_STALE);
}

static void test_make_dirs_creates_parents_and_accepts_existing(void **state) {
  (void)state;
  char *nested = path_in_dir("x/y//z/");
  struct stat st;
  assert_int_equal(output_make_dirs(nested), 0);
  assert_int_equal(stat(nested, &st), 0);
  assert_true(S_ISDIR(st.st_mode));
  assert_int_equal(output_make_dirs(nested), 0);
}

static void test_depfile_lists_every_input_with_empty_rules(void **state) {
  (void)state;
  inputs in;
  inputs_init(&in);
  const char *schema = path_in_dir("my schema$.wst");
  FILE *f = fopen(schema, "w");
  assert_non_null(f);
  fclose(f);
  size_t len = 0;
  free(inputs_read(&in, schema, &len));
  assert_int_equal(in.len, 1);
  const char *outputs[] = {"out/a.h", "out/a.c"};
  const char *dep = path_in_dir("a.d");
  assert_int_equal(depfile_write(dep, outputs, 2, &in), 0);
  char *text = slurp(dep);
  char want[512];
  snprintf(want, sizeof want,
           "out/a.h out/a.c: \\\n  %s/my\\ schema$$.wst\n\n%s/my\\ schema$$.wst:\n",
           dir, dir);
  assert_string_equal(text, want);
  free(text);
  inputs_free(&in);
}

static void test_an_unreadable_input_is_not_listed(void **state) {
  (void)state;
  inputs in;
  inputs_init(&in);
  size_t len = 0;
  assert_null(inputs_read(&in, path_in_dir("none.wst"), &len));
  assert_int_equal(in.len, 0);
  inputs_free(&in);
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test_setup_teardown(test_update_writes_a_missing_file, make_dir, remove_dir),
      cmocka_unit_test_setup_teardown(test_update_leaves_an_unchanged_file_alone, make_dir, remove_dir),
      cmocka_unit_test_setup_teardown(test_state_tells_stale_from_current, make_dir, remove_dir),
      cmocka_unit_test_setup_teardown(test_make_dirs_creates_parents_and_accepts_existing, make_dir, remove_dir),
      cmocka_unit_test_setup_teardown(test_depfile_lists_every_input_with_empty_rules, make_dir, remove_dir),
      cmocka_unit_test_setup_teardown(test_an_unreadable_input_is_not_listed, make_dir, remove_dir),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
