/* Tests for the generator's enums, min_len / min_items / max_items and
 * alias: what the parser builds (gen/parse_fold.c), what the checker makes
 * of it (gen/check_enum.c, gen/check_constraint.c) and the IR the emitters
 * read. The refusals' exact words are in tests/system/schema_errors/. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "check.h"
#include "parse.h"

#define HEAD "module test.enum;\nprefix te;\n"

typedef struct loaded {
  diag *d;
  ast_module *ast;
  ir_module *ir;
} loaded;

static void load(loaded *l, const char *text) {
  memset(l, 0, sizeof *l);
  l->d = diag_new("t/x.wst", text, strlen(text));
  assert_non_null(l->d);
  l->ast = parse_schema(text, strlen(text), l->d);
  if (l->ast)
    l->ir = check_schema(l->ast, "t/x.wst", l->d);
}

static void unload(loaded *l) {
  ir_module_free(l->ir);
  ast_module_free(l->ast);
  diag_free(l->d);
}

static const char schema[] = HEAD
    "/// Sides.\n"
    "enum Side {\n"
    "  /// Buy it.\n"
    "  BUY = \"buy\",\n"
    "  SELL = \"sell\",\n"
    "}\n"
    "class Order {\n"
    "  side: Side = SELL;\n"
    "  want: Side;\n"
    "  maybe: Side? = null;\n"
    "  codes: map<str, Code> = {} [max_items 4];\n"
    "  name: str [min_len 1, max_len 9, alias \"title\"];\n"
    "  tags: list<str>? = null [min_items 2];\n"
    "}\n"
    "enum Code { OK = 0, GONE = -7 }\n";

static void test_enums_parse_beside_classes(void **state) {
  loaded l;
  (void)state;
  load(&l, schema);
  assert_int_equal(diag_error_count(l.d), 0);
  assert_int_equal(l.ast->class_count, 1);
  assert_int_equal(l.ast->enum_count, 2);
  const ast_enum *side = l.ast->enums[0];
  assert_string_equal(side->name, "Side");
  assert_string_equal(side->doc, "Sides.");
  assert_int_equal(side->member_count, 2);
  assert_string_equal(side->members[0]->doc, "Buy it.");
  assert_int_equal(side->members[1]->value->kind, AST_LIT_STR);
  assert_int_equal(l.ast->enums[1]->members[1]->value->i, -7);
  unload(&l);
}

static void test_enum_ir_and_types(void **state) {
  loaded l;
  (void)state;
  load(&l, schema);
  assert_non_null(l.ir);
  assert_int_equal(l.ir->enum_count, 2);
  const ir_enum *side = l.ir->enums[0], *code = l.ir->enums[1];
  assert_string_equal(side->c_name, "te_side");
  assert_false(side->is_int);
  assert_true(code->is_int);
  assert_string_equal(side->members[1].c_name, "TE_SIDE_SELL");
  assert_string_equal(side->members[1].s, "sell");
  assert_int_equal(code->members[1].i, -7);
  const ir_class *order = l.ir->classes[0];
  const ir_field *f = &order->fields[0];
  assert_int_equal(f->type->kind, IR_ENUM);
  assert_ptr_equal(f->type->enumeration, side);
  assert_int_equal(f->def.kind, IR_VALUE_MEMBER);
  assert_int_equal(f->def.i, 1); /* SELL, the second member */
  assert_ptr_equal(order->fields[1].type, f->type); /* interned */
  assert_string_equal(order->fields[2].type->spelling, "Side?");
  assert_string_equal(order->fields[2].type->c_name, "te_opt_side");
  /* Code is used before it is declared */
  assert_ptr_equal(order->fields[3].type->elem->enumeration, code);
  unload(&l);
}

static void test_more_constraints_and_alias(void **state) {
  loaded l;
  (void)state;
  load(&l, schema);
  assert_non_null(l.ir);
  const ir_class *order = l.ir->classes[0];
  const ir_constraints *codes = &order->fields[3].constraints;
  const ir_constraints *name = &order->fields[4].constraints;
  const ir_constraints *tags = &order->fields[5].constraints;
  assert_true(codes->has_max_items);
  assert_int_equal(codes->max_items, 4);
  assert_false(codes->has_min_items);
  assert_true(name->has_min_len && name->has_max_len);
  assert_int_equal(name->min_len, 1);
  assert_int_equal(name->max_len, 9);
  assert_string_equal(order->fields[4].alias, "title");
  assert_null(order->fields[3].alias);
  assert_true(tags->has_min_items);
  assert_int_equal(tags->min_items, 2);
  unload(&l);
}

/* One broken schema: how many errors, and the first one's words. */
static void expect_errors(const char *text, size_t count, const char *first) {
  loaded l;
  static char out[4096];
  size_t n;
  load(&l, text);
  assert_null(l.ir);
  assert_int_equal(diag_error_count(l.d), count);
  FILE *f = tmpfile();
  assert_non_null(f);
  diag_print(l.d, f);
  rewind(f);
  n = fread(out, 1, sizeof out - 1, f);
  out[n] = '\0';
  fclose(f);
  assert_non_null(strstr(out, first));
  unload(&l);
}

static void test_refusals(void **state) {
  (void)state;
  expect_errors(HEAD "enum E { A = 1, B = \"b\" }\n", 1, "is a string, but enum 'E'");
  expect_errors(HEAD "enum E { }\n", 1, "enum 'E' has no members");
  expect_errors(HEAD "enum E { A = 1 }\nclass C { e: E = B; }\n", 1,
                "must name one of its members (A), found B");
  expect_errors(HEAD "class C { t: list<str> = [] [min_items 1]; }\n", 1,
                "fewer than min_items 1");
  expect_errors(HEAD "class C { a: str [alias \"b\"]; b: str; }\n", 1,
                "is the name of field 'b'");
  /* a name as a default is an enum member's, nothing else's */
  expect_errors(HEAD "class C { a: bool = TRUE; }\n", 1, "must be true or false, found TRUE");
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_enums_parse_beside_classes),
      cmocka_unit_test(test_enum_ir_and_types),
      cmocka_unit_test(test_more_constraints_and_alias),
      cmocka_unit_test(test_refusals),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
