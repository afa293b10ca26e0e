/* Tests for the generator's front end: gen/parse.c (AST of valid schemas,
 * including schema/autobahn.wst), gen/check.c and gen/ir.c (interning,
 * ordering, required/default, hierarchy, names), and error collection. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <cmocka.h>

#include <math.h>

#include "check.h"
#include "parse.h"

#define HEAD "module test.parse;\nprefix tp;\n"

typedef struct loaded {
  diag *d;
  ast_module *ast;
  ir_module *ir;
  char *text;
} loaded;

/* Parses and checks text (kept alive in l); path names the schema. */
static void load(loaded *l, const char *text, size_t len, const char *path) {
  memset(l, 0, sizeof *l);
  l->text = malloc(len + 1);
  assert_non_null(l->text);
  memcpy(l->text, text, len);
  l->text[len] = '\0';
  l->d = diag_new(path, l->text, len);
  assert_non_null(l->d);
  l->ast = parse_schema(l->text, len, l->d);
  if (l->ast) l->ir = check_schema(l->ast, path, l->d);
}

static void load_str(loaded *l, const char *text) { load(l, text, strlen(text), "t/x.wst"); }

static void unload(loaded *l) {
  ir_module_free(l->ir);
  ast_module_free(l->ast);
  diag_free(l->d);
  free(l->text);
}

static void load_autobahn(loaded *l) {
  FILE *f = fopen("schema/autobahn.wst", "rb");
  assert_non_null(f);
  static char buf[1 << 16];
  size_t n = fread(buf, 1, sizeof buf, f);
  fclose(f);
  load(l, buf, n, "schema/autobahn.wst");
  assert_int_equal(diag_error_count(l->d), 0);
  assert_non_null(l->ir);
}

static const ast_class *ast_class_named(const ast_module *m, const char *name) {
  for (size_t i = 0; i < m->class_count; i++)
    if (strcmp(m->classes[i]->name, name) == 0) return m->classes[i];
  fail_msg("no class %s", name);
  return NULL;
}

static const ir_class *ir_class_named(const ir_module *m, const char *name) {
  for (size_t i = 0; i < m->class_count; i++)
    if (strcmp(m->classes[i]->name, name) == 0) return m->classes[i];
  fail_msg("no class %s", name);
  return NULL;
}

static size_t class_index(const ir_module *m, const char *name) {
  for (size_t i = 0; i < m->class_count; i++)
    if (strcmp(m->classes[i]->name, name) == 0) return i;
  fail_msg("no class %s", name);
  return 0;
}

/* ---- the AST ---------------------------------------------------------------- */
static void test_autobahn_module_header(void **state) {
  (void)state;
  loaded l;
  load_autobahn(&l);
  assert_string_equal(l.ast->name, "autobahn.websocket.types");
  assert_string_equal(l.ast->prefix, "ab");
  assert_int_equal(l.ast->class_count, 9);
  assert_string_equal(l.ast->doc, "WebSocket types of autobahn: the information exchanged around "
                                  "the opening\nhandshake, and messages.");
  unload(&l);
}

static void test_autobahn_classes_with_positions(void **state) {
  (void)state;
  loaded l;
  load_autobahn(&l);
  const ast_class *c = ast_class_named(l.ast, "ConnectionRequest");
  assert_int_equal(c->pos.line, 12);
  assert_int_equal(c->pos.col, 1);
  assert_int_equal(c->name_pos.col, 7);
  assert_int_equal(c->field_count, 9);
  assert_string_equal(c->fields[0]->name, "peer");
  assert_int_equal(c->fields[0]->pos.line, 15);
  assert_int_equal(c->fields[0]->pos.col, 3);
  assert_int_equal(c->fields[0]->type->pos.col, 9);
  const ast_class *m = ast_class_named(l.ast, "IncomingMessage");
  assert_string_equal(m->base, "Message");
  assert_int_equal(m->base_pos.col, 25);
  assert_true(ast_class_named(l.ast, "Message")->is_abstract);
  assert_true(ast_class_named(l.ast, "ConnectionDeny")->is_exception);
  unload(&l);
}

static void test_autobahn_defaults_and_constants(void **state) {
  (void)state;
  loaded l;
  load_autobahn(&l);
  const ast_class *c = ast_class_named(l.ast, "ConnectingRequest");
  assert_int_equal(c->fields[0]->def->kind, AST_LIT_STR);
  assert_string_equal(c->fields[0]->def->s, "localhost");
  assert_string_equal(c->fields[0]->def->text, "\"localhost\"");
  assert_int_equal(c->fields[1]->def->i, 80);
  assert_int_equal(c->fields[3]->def->kind, AST_LIT_EMPTY_MAP);
  assert_int_equal(c->fields[4]->def->kind, AST_LIT_NULL);
  assert_int_equal(c->fields[6]->def->kind, AST_LIT_EMPTY_LIST);
  const ast_class *deny = ast_class_named(l.ast, "ConnectionDeny");
  assert_int_equal(deny->const_count, 8);
  assert_string_equal(deny->consts[0]->name, "BAD_REQUEST");
  assert_int_equal(deny->consts[0]->value->i, 400);
  unload(&l);
}

static void test_doc_lines_join_and_keep_blank_lines(void **state) {
  (void)state;
  loaded l;
  load_autobahn(&l);
  const char *doc = ast_class_named(l.ast, "ConnectingRequest")->doc;
  assert_non_null(strstr(doc, "before the handshake has proceeded.\n\nhost, port"));
  unload(&l);
}

static void test_type_text_is_canonical(void **state) {
  (void)state;
  loaded l;
  load_str(&l, HEAD "class A { m: map < str ,list<str> > ?; }");
  assert_non_null(l.ast);
  gstr text = {0};
  ast_type_text(l.ast->classes[0]->fields[0]->type, &text);
  assert_false(gstr_failed(&text));
  assert_string_equal(gstr_cstr(&text), "map<str, list<str>>?");
  gstr_free(&text);
  unload(&l);
}

static void test_string_escapes_decode(void **state) {
  (void)state;
  loaded l;
  load_str(&l, HEAD "class A { s: str = \"q\\\"b\\\\n\\n\\r\\t\\u00e9\\u0000z\"; }");
  assert_non_null(l.ast);
  const ast_literal *lit = l.ast->classes[0]->fields[0]->def;
  assert_int_equal(lit->s_len, 12);
  assert_memory_equal(lit->s, "q\"b\\n\n\r\t\xc3\xa9\0z", 13); /* and its NUL */
  unload(&l);
}

static void test_integers_cover_the_int64_range(void **state) {
  (void)state;
  loaded l;
  load_str(&l, HEAD "class A { const LO: int = -9223372036854775808;"
                    " const HI: int = 9223372036854775807; }");
  assert_non_null(l.ast);
  assert_true(l.ast->classes[0]->consts[0]->value->i == INT64_MIN);
  assert_true(l.ast->classes[0]->consts[1]->value->i == INT64_MAX);
  unload(&l);
}

static void test_float_literals_and_ranges_reach_the_ir(void **state) {
  (void)state;
  loaded l;
  load_str(&l, HEAD "class A {\n"
                    "  a: float = 1e-3 [range 0..];\n"
                    "  b: float? = -0.5 [range -0.5..1.5];\n"
                    "  c: float = 2 [range ..100];\n"
                    "  n: int = 5 [range 1..];\n"
                    "  m: int [range ..-1];\n"
                    "  d: float = 123456789.123456789;\n"
                    "}");
  assert_non_null(l.ir);
  const ir_class *a = l.ir->classes[0];
  assert_int_equal(a->fields[0].type->kind, IR_FLOAT);
  assert_string_equal(a->fields[0].type->c_name, "double");
  assert_int_equal(a->fields[0].def.kind, IR_VALUE_FLOAT);
  assert_true(a->fields[0].def.f == 1e-3);
  assert_string_equal(a->fields[0].def.text, "1e-3");
  assert_true(a->fields[0].constraints.fmin == 0.0);
  assert_true(isinf(a->fields[0].constraints.fmax));
  assert_string_equal(a->fields[0].constraints.range_text, "0..");
  assert_string_equal(a->fields[1].type->spelling, "float?");
  assert_true(a->fields[1].def.f == -0.5);
  assert_true(a->fields[1].constraints.fmax == 1.5);
  assert_int_equal(a->fields[2].def.kind, IR_VALUE_FLOAT); /* 2 is 2.0 */
  assert_true(a->fields[2].def.f == 2.0);
  assert_true(a->fields[2].constraints.fmin < -1e308);
  assert_true(a->fields[3].constraints.min == 1);
  assert_true(a->fields[3].constraints.max == INT64_MAX);
  assert_true(a->fields[4].constraints.min == INT64_MIN);
  assert_true(a->fields[4].constraints.max == -1);
  assert_true(a->fields[5].def.f == 123456789.12345679); /* correctly rounded */
  unload(&l);
}

static void test_comments_are_skipped_but_triple_slash_is_doc(void **state) {
  (void)state;
  loaded l;
  load_str(&l, HEAD "// c\n/* b\n */ //// not a doc\n/// the doc\nclass A { }");
  assert_non_null(l.ast);
  assert_string_equal(l.ast->classes[0]->doc, "the doc");
  unload(&l);
}

static void test_keyword_prefix_is_an_identifier(void **state) {
  (void)state;
  loaded l;
  load_str(&l, HEAD "class classy { constant: int; nullable: str? = null; }");
  assert_non_null(l.ir);
  assert_string_equal(l.ast->classes[0]->name, "classy");
  assert_string_equal(l.ast->classes[0]->fields[0]->name, "constant");
  unload(&l);
}

/* ---- errors --------------------------------------------------------------- */
static void test_every_syntax_error_is_collected(void **state) {
  (void)state;
  loaded l;
  load_str(&l, HEAD "class A ( { }\nclass B { a: int b: int; c: ; }\nclass C { d: int = 1 }\n");
  /* the tree holds what parsed, repaired, and stand-ins for the rest */
  assert_non_null(l.ast);
  assert_null(l.ir);
  assert_int_equal(diag_error_count(l.d), 4);
  assert_int_equal(l.ast->class_count, 3);
  assert_true(l.ast->classes[0]->broken); /* A, by its name */
  assert_string_equal(l.ast->classes[0]->name, "A");
  const ast_class *b = l.ast->classes[1];
  assert_false(b->broken);
  assert_int_equal(b->field_count, 3);
  assert_false(b->fields[0]->broken); /* a: its ';' taken as written */
  assert_false(b->fields[1]->broken);
  assert_true(b->fields[2]->broken); /* c */
  assert_string_equal(b->fields[2]->name, "c");
  assert_int_equal(l.ast->classes[2]->fields[0]->def->i, 1);
  unload(&l);
}

static void test_checks_run_on_what_parsed_without_cascades(void **state) {
  (void)state;
  loaded l;
  /* the syntax errors in A, E and B.x; then the unknown type of B.y only */
  load_str(&l, HEAD "class A ( { }\nenum E { X = true }\n"
                    "class B : A { x: A = 1 2; y: Nope; z: E = Y; w: A?; }\n");
  assert_non_null(l.ast);
  assert_null(l.ir);
  assert_int_equal(diag_error_count(l.d), 4);
  unload(&l);
}

static void test_too_many_syntax_errors_stop_the_reading(void **state) {
  (void)state;
  char text[4096];
  size_t n = (size_t)snprintf(text, sizeof text, "%sclass A {\n", HEAD);
  for (int i = 0; i < 30; i++) n += (size_t)snprintf(text + n, sizeof text - n, "  f%d: = ;\n", i);
  snprintf(text + n, sizeof text - n, "}\n");
  loaded l;
  load_str(&l, text);
  assert_null(l.ast); /* the rest was not read: nothing to check */
  assert_int_equal(diag_error_count(l.d), PARSE_MAX_ERRORS);
  unload(&l);
}

static void test_every_semantic_error_is_collected(void **state) {
  (void)state;
  loaded l;
  load_str(&l, HEAD "class A : Nope { a: strr; b: int = \"x\"; }\nclass A { c: map<int, str>; }");
  assert_non_null(l.ast);
  assert_null(l.ir);
  assert_int_equal(diag_error_count(l.d), 5);
  unload(&l);
}

static void test_deep_nesting_is_an_error_not_a_crash(void **state) {
  (void)state;
  size_t depth = 10000, cap = 64 + depth * 6;
  char *text = malloc(cap);
  assert_non_null(text);
  size_t n = (size_t)snprintf(text, cap, "%sclass A { x: ", HEAD);
  for (size_t i = 0; i < depth; i++) n += (size_t)snprintf(text + n, cap - n, "list<");
  n += (size_t)snprintf(text + n, cap - n, "int");
  for (size_t i = 0; i < depth; i++) text[n++] = '>';
  n += (size_t)snprintf(text + n, cap - n, "; }");
  loaded l;
  load(&l, text, n, "deep.wst");
  assert_null(l.ast);
  assert_int_equal(diag_error_count(l.d), 1);
  unload(&l);
  free(text);
}

static void test_nul_and_invalid_utf8_are_errors(void **state) {
  (void)state;
  loaded l;
  load(&l, HEAD "class A\0 {}\nclass B\xc3\x28 {}\n", sizeof HEAD + 24, "bad.wst");
  assert_null(l.ast);
  assert_int_equal(diag_error_count(l.d), 2);
  unload(&l);
}

/* ---- the IR ---------------------------------------------------------------- */
static void test_types_are_interned(void **state) {
  (void)state;
  loaded l;
  load_autobahn(&l);
  const ir_type *a = ir_class_named(l.ir, "ConnectionRequest")->fields[7].type;
  const ir_type *b = ir_class_named(l.ir, "ConnectingRequest")->fields[6].type;
  assert_ptr_equal(a, b);
  assert_string_equal(a->spelling, "list<str>");
  assert_ptr_equal(ir_class_named(l.ir, "ConnectionRequest")->fields[0].type, a->elem);
  unload(&l);
}

static void test_type_names_follow_the_api(void **state) {
  (void)state;
  loaded l;
  load_autobahn(&l);
  const ir_type *params = ir_class_named(l.ir, "ConnectionRequest")->fields[4].type;
  assert_int_equal(params->kind, IR_MAP);
  assert_string_equal(params->spelling, "map<str, list<str>>");
  assert_string_equal(params->mangled, "map_str_list_str");
  assert_string_equal(params->c_name, "ab_map_str_list_str");
  const ir_type *origin = ir_class_named(l.ir, "ConnectionRequest")->fields[6].type;
  assert_string_equal(origin->c_name, "ab_opt_str");
  assert_string_equal(origin->elem->c_name, "ws_str");
  assert_string_equal(ir_class_named(l.ir, "ConnectionRequest")->fields[5].type->c_name,
                      "int64_t");
  assert_string_equal(ir_class_named(l.ir, "ConnectionAccept")->fields[1].type->mangled,
                      "opt_headers");
  unload(&l);
}

static void test_composites_list_elements_first(void **state) {
  (void)state;
  loaded l;
  load_str(&l, HEAD "class A { m: map<str, list<int?>>; l: list<int?>; o: str?; }");
  assert_non_null(l.ir);
  assert_int_equal(l.ir->composite_count, 4);
  assert_string_equal(l.ir->composites[0]->spelling, "int?");
  assert_string_equal(l.ir->composites[1]->spelling, "list<int?>");
  assert_string_equal(l.ir->composites[2]->spelling, "map<str, list<int?>>");
  assert_string_equal(l.ir->composites[3]->spelling, "str?");
  /* a later container never comes before its element */
  for (size_t i = 0; i < l.ir->composite_count; i++)
    for (size_t j = i + 1; j < l.ir->composite_count; j++)
      assert_ptr_not_equal(l.ir->composites[i]->elem, l.ir->composites[j]);
  unload(&l);
}

static void test_classes_are_ordered_bases_first(void **state) {
  (void)state;
  loaded l;
  load_str(&l, HEAD "class C : B {}\nclass X {}\nclass B : A {}\nabstract class A {}");
  assert_non_null(l.ir);
  assert_int_equal(l.ir->class_count, 4);
  assert_true(class_index(l.ir, "A") < class_index(l.ir, "B"));
  assert_true(class_index(l.ir, "B") < class_index(l.ir, "C"));
  unload(&l);
}

static void test_all_fields_put_inherited_first(void **state) {
  (void)state;
  loaded l;
  load_str(&l, HEAD "class B : A { c: int; }\nclass A { a: str; b: bool = true; }");
  assert_non_null(l.ir);
  const ir_class *b = ir_class_named(l.ir, "B");
  assert_int_equal(b->field_count, 1);
  assert_int_equal(b->all_field_count, 3);
  assert_string_equal(b->all_fields[0]->name, "a");
  assert_string_equal(b->all_fields[1]->name, "b");
  assert_string_equal(b->all_fields[2]->name, "c");
  assert_ptr_equal(b->all_fields[0]->owner, ir_class_named(l.ir, "A"));
  unload(&l);
}

static void test_hierarchy_links_and_flags(void **state) {
  (void)state;
  loaded l;
  load_autobahn(&l);
  const ir_class *msg = ir_class_named(l.ir, "Message");
  assert_int_equal(msg->subclass_count, 2);
  assert_string_equal(msg->subclasses[0]->name, "IncomingMessage");
  assert_string_equal(msg->subclasses[1]->name, "OutgoingMessage");
  assert_true(msg->in_hierarchy);
  assert_true(msg->is_abstract);
  assert_ptr_equal(ir_class_named(l.ir, "IncomingMessage")->base, msg);
  assert_true(ir_class_named(l.ir, "IncomingMessage")->in_hierarchy);
  assert_false(ir_class_named(l.ir, "Ping")->in_hierarchy);
  assert_true(ir_class_named(l.ir, "ConnectionDeny")->is_exception);
  unload(&l);
}

static void test_required_fields_have_no_default(void **state) {
  (void)state;
  loaded l;
  load_autobahn(&l);
  const ir_class *req = ir_class_named(l.ir, "ConnectionRequest");
  for (size_t i = 0; i < req->field_count; i++)
    assert_int_equal(req->fields[i].def.kind, IR_VALUE_NONE);
  const ir_class *ing = ir_class_named(l.ir, "ConnectingRequest");
  assert_int_equal(ing->fields[0].def.kind, IR_VALUE_STR);
  assert_string_equal(ing->fields[0].def.s, "localhost");
  assert_int_equal(ing->fields[1].def.kind, IR_VALUE_INT);
  assert_int_equal(ing->fields[1].def.i, 80);
  assert_string_equal(ing->fields[2].def.text, "\"/\"");
  assert_int_equal(ing->fields[3].def.kind, IR_VALUE_EMPTY_MAP);
  assert_int_equal(ing->fields[4].def.kind, IR_VALUE_NULL);
  assert_int_equal(ing->fields[6].def.kind, IR_VALUE_EMPTY_LIST);
  const ir_class *in = ir_class_named(l.ir, "IncomingMessage");
  assert_int_equal(in->fields[1].def.kind, IR_VALUE_BOOL);
  assert_false(in->fields[1].def.b);
  unload(&l);
}

static void test_constraints_and_constants_reach_the_ir(void **state) {
  (void)state;
  loaded l;
  load_autobahn(&l);
  const ir_field *payload = &ir_class_named(l.ir, "Ping")->fields[0];
  assert_true(payload->constraints.has_max_len);
  assert_int_equal(payload->constraints.max_len, 125);
  assert_false(payload->constraints.has_range);
  const ir_class *deny = ir_class_named(l.ir, "ConnectionDeny");
  assert_int_equal(deny->const_count, 8);
  assert_string_equal(deny->consts[7].name, "SERVICE_UNAVAILABLE");
  assert_int_equal(deny->consts[7].value.i, 503);
  assert_int_equal(deny->consts[7].type->kind, IR_INT);
  assert_non_null(strstr(deny->consts[0].doc, "Bad Request."));
  unload(&l);
}

static void test_names_module_and_stem(void **state) {
  (void)state;
  loaded l;
  load_autobahn(&l);
  assert_string_equal(l.ir->name, "autobahn.websocket.types");
  assert_string_equal(l.ir->prefix, "ab");
  assert_string_equal(l.ir->schema_path, "schema/autobahn.wst");
  assert_string_equal(l.ir->stem, "autobahn");
  const ir_class *c = ir_class_named(l.ir, "ConnectingRequest");
  assert_string_equal(c->snake, "connecting_request");
  assert_string_equal(c->c_name, "ab_connecting_request");
  assert_string_equal(ir_class_named(l.ir, "Ping")->doc, "A WebSocket ping message.");
  assert_int_equal(c->fields[1].line, 52);
  unload(&l);
}

static void test_snake_case_splits_words_and_acronyms(void **state) {
  (void)state;
  const char *cases[][2] = {{"IncomingMessage", "incoming_message"},
                            {"HTTPThing", "http_thing"},
                            {"Ping", "ping"},
                            {"ABC", "abc"},
                            {"Utf8Text", "utf8_text"},
                            {"My_Class", "my_class"}};
  for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
    char *s = check_snake_case(cases[i][0]);
    assert_string_equal(s, cases[i][1]);
    free(s);
  }
}

static void test_ten_thousand_classes_check_quickly(void **state) {
  (void)state;
  size_t count = 10000, cap = 64 + count * 96;
  char *text = malloc(cap);
  assert_non_null(text);
  size_t n = (size_t)snprintf(text, cap, "%s", HEAD);
  for (size_t i = 0; i < count; i++)
    n += (size_t)snprintf(text + n, cap - n,
                          "class C%zu : Base { a%zu: list<int>; b: str? = null; }\n", i, i % 7);
  n += (size_t)snprintf(text + n, cap - n, "class Base { z: int = 1; }\n");
  clock_t start = clock();
  loaded l;
  load(&l, text, n, "many.wst");
  double seconds = (double)(clock() - start) / CLOCKS_PER_SEC;
  assert_non_null(l.ir);
  assert_int_equal(l.ir->class_count, count + 1);
  assert_string_equal(l.ir->classes[0]->name, "Base");
  assert_int_equal(ir_class_named(l.ir, "Base")->subclass_count, count);
  assert_true(seconds < 5.0); /* linear: well under a second even under ASan */
  unload(&l);
  free(text);
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_autobahn_module_header),
      cmocka_unit_test(test_autobahn_classes_with_positions),
      cmocka_unit_test(test_autobahn_defaults_and_constants),
      cmocka_unit_test(test_doc_lines_join_and_keep_blank_lines),
      cmocka_unit_test(test_type_text_is_canonical),
      cmocka_unit_test(test_string_escapes_decode),
      cmocka_unit_test(test_integers_cover_the_int64_range),
      cmocka_unit_test(test_float_literals_and_ranges_reach_the_ir),
      cmocka_unit_test(test_comments_are_skipped_but_triple_slash_is_doc),
      cmocka_unit_test(test_keyword_prefix_is_an_identifier),
      cmocka_unit_test(test_every_syntax_error_is_collected),
      cmocka_unit_test(test_checks_run_on_what_parsed_without_cascades),
      cmocka_unit_test(test_too_many_syntax_errors_stop_the_reading),
      cmocka_unit_test(test_every_semantic_error_is_collected),
      cmocka_unit_test(test_deep_nesting_is_an_error_not_a_crash),
      cmocka_unit_test(test_nul_and_invalid_utf8_are_errors),
      cmocka_unit_test(test_types_are_interned),
      cmocka_unit_test(test_type_names_follow_the_api),
      cmocka_unit_test(test_composites_list_elements_first),
      cmocka_unit_test(test_classes_are_ordered_bases_first),
      cmocka_unit_test(test_all_fields_put_inherited_first),
      cmocka_unit_test(test_hierarchy_links_and_flags),
      cmocka_unit_test(test_required_fields_have_no_default),
      cmocka_unit_test(test_constraints_and_constants_reach_the_ir),
      cmocka_unit_test(test_names_module_and_stem),
      cmocka_unit_test(test_snake_case_splits_words_and_acronyms),
      cmocka_unit_test(test_ten_thousand_classes_check_quickly),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
