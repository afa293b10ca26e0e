/* Tests for what the emitters write for fields of class type
 * (gen/emit_header.c, gen/emit_source.c): a pointer member reads as a
 * person writes one, and a class's in-place kind is written only when
 * something points at it, since an unused static is a warning (an error
 * under -Werror) in the user's build. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "check.h"
#include "emit.h"
#include "parse.h"

#define HEAD "module test.emit;\nprefix te;\n"

/* The text emit (emit_header or emit_source) writes for schema; the
 * caller frees it. */
static char *emitted(const char *schema, void (*emit)(printer *, const ir_module *)) {
  diag *d = diag_new("t/x.wst", schema, strlen(schema));
  assert_non_null(d);
  ast_module *ast = parse_schema(schema, strlen(schema), d);
  assert_non_null(ast);
  ir_module *ir = check_schema(ast, "t/x.wst", d);
  assert_int_equal(diag_error_count(d), 0);
  assert_non_null(ir);
  printer p;
  printer_init(&p);
  p.width = 0; /* each declaration on one line, for strstr */
  emit(&p, ir);
  assert_false(printer_failed(&p));
  size_t n = strlen(printer_text(&p)) + 1;
  char *text = malloc(n);
  assert_non_null(text);
  memcpy(text, printer_text(&p), n);
  printer_free(&p);
  ir_module_free(ir);
  ast_module_free(ast);
  diag_free(d);
  return text;
}

static const char only_through_pointers[] = HEAD
    "class Money { amount: float; }\n"
    "abstract class Party { id: str; }\n"
    "class Trader : Party { credit: Money? = null; }\n"
    "class Book { owners: map<str, Party> = {}; owner: Party; }\n";

static void test_a_class_held_only_through_pointers_has_no_in_place_kind(void **state) {
  (void)state;
  char *c = emitted(only_through_pointers, emit_source);
  assert_null(strstr(c, "te_money_kind = WS_CLASS_KIND"));
  assert_non_null(strstr(c, "te_opt_money_kind = WS_REF_KIND"));
  free(c);
}

static void test_a_class_held_in_place_or_in_a_list_has_its_kind(void **state) {
  (void)state;
  char *c = emitted(HEAD "class Money { amount: float; }\n"
                         "class Order { price: Money; }\n",
                    emit_source);
  assert_non_null(strstr(c, "te_money_kind = WS_CLASS_KIND"));
  free(c);
  c = emitted(HEAD "class Money { amount: float; }\n"
                   "class Order { prices: list<Money> = []; last: Money? = null; }\n",
              emit_source);
  assert_non_null(strstr(c, "te_money_kind = WS_CLASS_KIND"));
  free(c);
}

static void test_pointer_members_have_the_star_by_the_name(void **state) {
  (void)state;
  char *h = emitted(only_through_pointers, emit_header);
  assert_non_null(strstr(h, "  te_money *credit;\n"));
  assert_non_null(strstr(h, "  te_party **values;\n"));
  assert_non_null(strstr(h, "  te_party *owner;\n"));
  assert_null(strstr(h, "* *"));
  free(h);
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_a_class_held_only_through_pointers_has_no_in_place_kind),
      cmocka_unit_test(test_a_class_held_in_place_or_in_a_list_has_its_kind),
      cmocka_unit_test(test_pointer_members_have_the_star_by_the_name),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
