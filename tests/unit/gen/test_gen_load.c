/* Tests for gen/load.c: which files a schema's imports read, in what
 * order (the list a dependency file is made from), that a file reached
 * twice is read once, and what the loaded modules look like (imports,
 * bases across modules, the imported composites a module's code reaches).
 * The refusals, with their exact messages, are in
 * tests/system/schema_errors/import_*.wst. */
#define _POSIX_C_SOURCE 200809L /* mkdtemp */

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

#include "load.h"

typedef struct tree {
  char dir[32];
  char paths[8][96];
  size_t count;
} tree;

static void put(tree *t, const char *name, const char *text) {
  char *path = t->paths[t->count++];
  char dir[sizeof t->dir];
  memcpy(dir, t->dir, sizeof dir);
  snprintf(path, sizeof t->paths[0], "%s/%s", dir, name);
  FILE *f = fopen(path, "w");
  assert_non_null(f);
  assert_true(fputs(text, f) >= 0);
  assert_int_equal(fclose(f), 0);
}

static int make_tree(void **state) {
  tree *t = calloc(1, sizeof *t);
  assert_non_null(t);
  strcpy(t->dir, "/tmp/test_gen_load_XXXXXX");
  assert_non_null(mkdtemp(t->dir));
  char sub[64];
  snprintf(sub, sizeof sub, "%s/inc", t->dir);
  assert_int_equal(mkdir(sub, 0700), 0);
  *state = t;
  return 0;
}

static int remove_tree(void **state) {
  tree *t = *state;
  for (size_t i = t->count; i-- > 0;) unlink(t->paths[i]);
  char sub[64];
  snprintf(sub, sizeof sub, "%s/inc", t->dir);
  rmdir(sub);
  rmdir(t->dir);
  free(t);
  return 0;
}

/* The path of a file of the tree, as the loader names it. */
static const char *path_in(const tree *t, const char *name, char *buf, size_t size) {
  snprintf(buf, size, "%s/%s", t->dir, name);
  return buf;
}

/* top imports left and right (right through -I inc); both import base,
 * left by its plain name and right through "../base.wst". */
static void put_diamond(tree *t) {
  put(t, "base.wst",
      "module d.base;\nprefix db;\n"
      "abstract class Thing { id: str; tags: list<str> = []; }\n"
      "class Named : Thing { name: str? = null; }\n");
  put(t, "left.wst",
      "module d.left;\nprefix dl;\nimport \"base.wst\";\n"
      "class Left : Thing { n: int = 0; }\n");
  put(t, "inc/right.wst",
      "module d.right;\nprefix dr;\nimport \"../base.wst\";\n"
      "class Right : Named { words: list<str> = []; }\n");
  put(t, "top.wst",
      "module d.top;\nprefix dt;\nimport \"left.wst\";\nimport \"right.wst\";\n"
      "class Top : Right {}\n");
}

static void test_files_are_listed_schema_first_then_in_reading_order(void **state) {
  tree *t = *state;
  put_diamond(t);
  char top[96], inc[96], buf[160];
  path_in(t, "top.wst", top, sizeof top);
  path_in(t, "inc", inc, sizeof inc);
  const char *dirs[] = {inc};
  load_set *s = load_schema(top, dirs, 1);
  assert_non_null(s);
  if (load_failed(s)) load_print(s, stderr);
  assert_false(load_failed(s));
  assert_int_equal(load_file_count(s), 4); /* base read once */
  assert_string_equal(load_file_path(s, 0), top);
  assert_string_equal(load_file_path(s, 1), path_in(t, "left.wst", buf, sizeof buf));
  assert_string_equal(load_file_path(s, 2), path_in(t, "base.wst", buf, sizeof buf));
  snprintf(buf, sizeof buf, "%s/right.wst", inc);
  assert_string_equal(load_file_path(s, 3), buf);
  load_free(s);
}

static void test_modules_hang_together_across_files(void **state) {
  tree *t = *state;
  put_diamond(t);
  char top[96], inc[96];
  path_in(t, "top.wst", top, sizeof top);
  path_in(t, "inc", inc, sizeof inc);
  const char *dirs[] = {inc};
  load_set *s = load_schema(top, dirs, 1);
  assert_non_null(s);
  const ir_module *m = load_module(s);
  assert_non_null(m);
  assert_int_equal(m->import_count, 2);
  assert_string_equal(m->imports[0]->stem, "left");
  assert_string_equal(m->imports[1]->stem, "right");
  /* left and right borrow the one base module */
  const ir_class *left = m->imports[0]->classes[0];
  const ir_class *right = m->imports[1]->classes[0];
  assert_string_equal(left->name, "Left");
  assert_ptr_equal(left->base->module, right->base->base->module);
  /* Top : Right : Named : Thing, each from its own module */
  const ir_class *c = m->classes[0];
  assert_ptr_equal(c->module, m);
  assert_ptr_equal(c->base, right);
  assert_true(c->in_hierarchy);
  assert_int_equal(c->all_field_count, 4); /* id, tags, name, words */
  assert_ptr_equal(c->all_fields[1]->owner, right->base->base);
  /* the composites its code reaches in other modules: base's list<str>
   * and str?, and right's own list<str> (a different C type) */
  assert_int_equal(m->composite_count, 0);
  assert_int_equal(m->foreign_count, 3);
  assert_string_equal(m->foreign[0]->c_name, "db_list_str");
  assert_string_equal(m->foreign[1]->c_name, "db_opt_str");
  assert_string_equal(m->foreign[2]->c_name, "dr_list_str");
  load_free(s);
}

static void test_a_file_that_cannot_be_read_is_a_problem_not_a_crash(void **state) {
  tree *t = *state;
  char missing[96];
  path_in(t, "missing.wst", missing, sizeof missing);
  load_set *s = load_schema(missing, NULL, 0);
  assert_non_null(s);
  assert_true(load_failed(s));
  assert_null(load_module(s));
  assert_int_equal(load_file_count(s), 0);
  char *text = NULL;
  size_t len = 0;
  FILE *out = open_memstream(&text, &len);
  assert_non_null(out);
  load_print(s, out);
  fclose(out);
  assert_non_null(strstr(text, "cannot read"));
  assert_non_null(strstr(text, "No such file or directory"));
  free(text);
  load_free(s);
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test_setup_teardown(test_files_are_listed_schema_first_then_in_reading_order,
                                      make_tree, remove_tree),
      cmocka_unit_test_setup_teardown(test_modules_hang_together_across_files, make_tree,
                                      remove_tree),
      cmocka_unit_test_setup_teardown(test_a_file_that_cannot_be_read_is_a_problem_not_a_crash,
                                      make_tree, remove_tree),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
