/* check_names.c - the names a schema gives must make valid, distinct C
 * (see check.h): field names that are C or C++ keywords or a member the
 * generated struct has already, class names in snake_case, and the C
 * identifiers the emitters will generate, of which no two may be the same. */
#include <ctype.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "check_parts.h"
#include "combinator.h"
#include "emit_api.h"
#include "emit_names.h"
#include "emit_util.h"
#include "printer.h"

/* ---- keywords and snake_case ------------------------------------------------ */
static const char *const c_keywords[] = {
    "auto", "break", "case", "char", "const", "continue", "default", "do", "double", "else",
    "enum", "extern", "float", "for", "goto", "if", "inline", "int", "long", "register",
    "restrict", "return", "short", "signed", "sizeof", "static", "struct", "switch", "typedef",
    "union", "unsigned", "void", "volatile", "while", "_Alignas", "_Alignof", "_Atomic", "_Bool",
    "_Complex", "_Generic", "_Imaginary", "_Noreturn", "_Static_assert", "_Thread_local",
    /* macros of <stdbool.h>, which the generated header includes */
    "bool", "true", "false", NULL};

static const char *const cxx_keywords[] = {
    "alignas", "alignof", "and", "and_eq", "asm", "bitand", "bitor", "catch", "char8_t",
    "char16_t", "char32_t", "class", "compl", "concept", "consteval", "constexpr", "constinit",
    "const_cast", "co_await", "co_return", "co_yield", "decltype", "delete", "dynamic_cast",
    "explicit", "export", "friend", "mutable", "namespace", "new", "noexcept", "not", "not_eq",
    "nullptr", "operator", "or", "or_eq", "private", "protected", "public", "reinterpret_cast",
    "requires", "static_assert", "static_cast", "template", "this", "thread_local", "throw",
    "try", "typeid", "typename", "using", "virtual", "wchar_t", "xor", "xor_eq", NULL};

char *check_snake_case(const char *name) {
  size_t n = strlen(name);
  char *out = malloc(2 * n + 1);
  if (!out) return NULL;
  size_t used = 0;
  for (size_t i = 0; i < n; i++) {
    char ch = name[i];
    if (isupper((unsigned char)ch) && i > 0) {
      char prev = name[i - 1], next = name[i + 1];
      if (islower((unsigned char)prev) || isdigit((unsigned char)prev) ||
          (isupper((unsigned char)prev) && islower((unsigned char)next)))
        out[used++] = '_';
    }
    out[used++] = (char)tolower((unsigned char)ch);
  }
  out[used] = '\0';
  return out;
}

void check_reserved_names_init(checker *k) {
  if (!check_reserved_init(k, c_keywords, cxx_keywords))
    k->oom = true;
}

/* ---- field names ------------------------------------------------------------ */
void check_field_name(checker *k, const ast_field *f, const ir_class *c) {
  if (in_list(f->name, c_keywords))
    diag_error(k->d, f->pos.offset, "field name '%s' is a keyword in C", f->name);
  else if (in_list(f->name, cxx_keywords))
    diag_error(k->d, f->pos.offset,
               "field name '%s' is a keyword in C++ (the generated header is C++ too)", f->name);
  else if (check_reserved_reason(k, f->name, false) != NULL)
    diag_error(k->d, f->pos.offset, "field name '%s' is %s", f->name,
               check_reserved_reason(k, f->name, false));
  else if (c->in_hierarchy && !c->base && strcmp(f->name, "type") == 0)
    diag_error(k->d, f->pos.offset,
               "field name 'type' is taken: the root of a hierarchy has a 'type' member");
  else if (c->base && strcmp(f->name, "base") == 0)
    diag_error(k->d, f->pos.offset,
               "field name 'base' is taken: a subclass has a 'base' member");
}

/* ---- generated C identifiers must not collide -------------------------------- */
/* Who declares a name: a class, a composite type, or (both NULL) the module;
 * said in words only when there is a collision to report. */
typedef struct c_subject {
  const ir_class *cls;
  const ir_type *type;
  const ir_enum *en;
  const ir_enum_member *member; /* with en: one of its members */
} c_subject;

typedef struct c_owner {
  const char *what; /* "the struct", "the init function", ... */
  c_subject whose;
  char name[];      /* the name owned: its key in c_names */
} c_owner;

/* "class 'Foo'", "type 'list<str>'", "module 'a.b'" into s. */
static void put_subject(gstr *s, const checker *k, c_subject who) {
  if (who.cls != NULL)
    gstr_printf(s, "class '%s'", who.cls->name);
  else if (who.member != NULL)
    gstr_printf(s, "member '%s' of enum '%s'", who.member->name, who.en->name);
  else if (who.en != NULL)
    gstr_printf(s, "enum '%s'", who.en->name);
  else if (who.type != NULL)
    gstr_printf(s, "type '%s'", who.type->spelling);
  else
    gstr_printf(s, "module '%s'", k->m->name);
}

/* Registers NAME as owned by WHOSE (the caller has checked it is free).
 * Owners and their names share one arena: a module of 10^5 classes claims
 * millions of names, which one allocation each would double in size. */
static void claim(checker *k, const char *name, const char *what, c_subject whose) {
  if (!k->owners && !(k->owners = cb_arena_new())) {
    k->oom = true;
    return;
  }
  size_t n = strlen(name) + 1;
  c_owner *o = n < SIZE_MAX - sizeof *o ? cb_arena_alloc(k->owners, sizeof *o + n) : NULL;
  if (!o) {
    k->oom = true;
    return;
  }
  o->what = what;
  o->whose = whose;
  memcpy(o->name, name, n);
  if (!ir_map_put(k->c_names, o->name, o)) k->oom = true;
}

static const c_owner *owner_of(const checker *k, const char *name) {
  return ir_map_get(k->c_names, name);
}

/* ---- claiming the names ---------------------------------------------------- */

/* One subject (the module, a type, a class) claiming its names: the first
 * bad one is reported at pos, the rest of that subject's are not. */
typedef struct claim_ctx {
  checker *k;
  c_subject whose;
  size_t pos;
  bool reported;
} claim_ctx;

/* True when NAME is the macro of two constants of one class with the same
 * name: a duplicate constant, which check_const has reported. */
static bool is_repeated_constant(c_subject who, const c_owner *o, const char *name) {
  const ir_class *c = who.cls;
  if (c == NULL || o->whose.cls != c || strcmp(o->what, "the macro of a constant") != 0)
    return false;
  size_t same = 0;
  gstr macro = {0};
  for (size_t i = 0; i < c->const_count; i++) {
    gstr_reset(&macro);
    put_const_name(&macro, c, &c->consts[i]);
    if (!gstr_failed(&macro) && strcmp(gstr_cstr(&macro), name) == 0)
      for (size_t j = 0; j < i; j++)
        same += strcmp(c->consts[i].name, c->consts[j].name) == 0;
  }
  gstr_free(&macro);
  return same > 0;
}

static void claim_one(void *ctx, const char *name, const char *what) {
  claim_ctx *c = ctx;
  checker *k = c->k;
  if (k->oom || c->reported)
    return;
  if (name == NULL) {
    k->oom = true;
    return;
  }
  const char *why = check_reserved_reason(k, name, true);
  const c_owner *o = owner_of(k, name);
  if (why == NULL && o != NULL && is_repeated_constant(c->whose, o, name))
    return;
  if (why == NULL && o == NULL) {
    claim(k, name, what, c->whose);
    return;
  }
  gstr whose = {0}, other = {0};
  put_subject(&whose, k, c->whose);
  if (o != NULL)
    put_subject(&other, k, o->whose);
  if (gstr_failed(&whose) || gstr_failed(&other))
    k->oom = true;
  else if (why != NULL)
    diag_error(k->d, c->pos, "%s would generate '%s' (%s), which is %s", gstr_cstr(&whose),
               name, what, why);
  else
    diag_error(k->d, c->pos, "%s would generate '%s', which is already %s of %s",
               gstr_cstr(&whose), name, o->what, gstr_cstr(&other));
  gstr_free(&whose);
  gstr_free(&other);
  c->reported = true;
}

/* The prefix begins every name: one that makes them all bad is said once. */
static bool check_prefix(checker *k) {
  gstr probe = {0};
  gstr_printf(&probe, "%s_x", k->m->prefix);
  if (gstr_failed(&probe)) {
    k->oom = true;
    return false;
  }
  const char *why = check_reserved_reason(k, gstr_cstr(&probe), true);
  if (why != NULL)
    diag_error(k->d, k->ast->prefix_pos.offset,
               "prefix '%s' would begin every generated name with '%s_', making each %s",
               k->m->prefix, k->m->prefix, why);
  gstr_free(&probe);
  return why == NULL;
}

/* A field's name is a member of the struct and a parameter of make, next
 * to the module's own names: it may not be one of them, and make's
 * parameters (and the views the generated test declares for them) must be
 * distinct. */
static void check_field_against_module(checker *k, size_t ci) {
  const ast_class *a = k->ast->classes[ci];
  const ir_class *c = k->ir[ci];
  for (size_t j = 0; j < c->field_count && j < a->field_count; j++) {
    const c_owner *o = owner_of(k, c->fields[j].name);
    if (o == NULL)
      continue;
    gstr whose = {0};
    put_subject(&whose, k, o->whose);
    if (gstr_failed(&whose))
      k->oom = true;
    else
      diag_error(k->d, a->fields[j]->pos.offset,
                 "field name '%s' is already %s of %s, which the field would hide",
                 c->fields[j].name, o->what, gstr_cstr(&whose));
    gstr_free(&whose);
  }
  if (c->is_abstract)
    return;
  ir_map *params = ir_map_new();
  gstr name = {0};
  bool put = params != NULL;
  for (const char *const *own = emit_make_own_names; put && *own != NULL; own++)
    put = ir_map_put(params, *own, (void *)*own);
  if (!put) {
    k->oom = true;
    ir_map_free(params);
    return;
  }
  char **taken = calloc(c->all_field_count + 1, sizeof *taken);
  for (size_t j = 0; taken && j < c->all_field_count && !k->oom; j++) {
    const ir_field *fd = c->all_fields[j];
    gstr_reset(&name);
    emit_make_param_name(&name, fd);
    if (gstr_failed(&name) || !(taken[j] = dup_str(k, gstr_cstr(&name)))) {
      k->oom = true;
      break;
    }
    if (ir_map_get(params, taken[j]) != NULL) {
      /* a repeated field (not the one its name maps to) is reported as such */
      const ast_field *af = fd->owner == c ? a->fields[fd - c->fields] : NULL;
      if (af && ir_map_get(k->field_index[ci], af->name) == af)
        diag_error(k->d, a->fields[fd - c->fields]->pos.offset,
                   "field '%s' would make a parameter of %s_make named '%s', which it "
                   "already has", fd->name, c->c_name, taken[j]);
    } else if (!ir_map_put(params, taken[j], taken[j])) {
      k->oom = true;
    }
  }
  if (!taken) k->oom = true;
  for (size_t j = 0; taken && j < c->all_field_count; j++) free(taken[j]);
  free(taken);
  gstr_free(&name);
  ir_map_free(params);
}

/* An enum's type, descriptor and helpers, said at its name, then each
 * member's enumerator at the member (a class constant or another enum's
 * member could make the same name). A repeated member was reported already. */
static void claim_enum_names(checker *k, size_t i) {
  const ast_enum *a = k->ast->enums[i];
  const ir_enum *e = k->m->enums[i];
  claim_ctx ctx = {k, {NULL, NULL, e, NULL}, a->name_pos.offset, false};
  emit_enum_names(e, claim_one, &ctx);
  ir_map *seen = ir_map_new(); /* member names: a map, for enums of any length */
  if (!seen)
    k->oom = true;
  for (size_t j = 0; j < e->member_count && !k->oom; j++) {
    if (ir_map_get(seen, e->members[j].name) != NULL)
      continue;
    if (!ir_map_put(seen, e->members[j].name, (void *)&e->members[j]))
      k->oom = true;
    ctx = (claim_ctx){k, {NULL, NULL, e, &e->members[j]}, a->members[j]->pos.offset, false};
    claim_one(&ctx, e->members[j].c_name, "the enumerator");
  }
  ir_map_free(seen);
}

void check_c_names(checker *k) {
  if (!check_prefix(k))
    return;
  /* module names: a bad one comes of the prefix, so that is where it is said */
  claim_ctx ctx = {k, {NULL, NULL, NULL, NULL}, k->ast->prefix_pos.offset, false};
  emit_module_names(k->m, claim_one, &ctx);
  for (size_t i = 0; i < k->m->enum_count && !k->oom; i++)
    if ((size_t)(uintptr_t)ir_map_get(k->enum_index, k->ast->enums[i]->name) == i + 1 &&
        class_named(k, k->ast->enums[i]->name) == NONE)
      claim_enum_names(k, i);
  for (size_t i = 0; i < k->m->composite_count && !k->oom; i++) {
    /* composites are named by the prefix and their element: said at the prefix */
    ctx = (claim_ctx){k, {NULL, k->m->composites[i], NULL, NULL}, k->ast->prefix_pos.offset,
                      false};
    emit_composite_names(k->m->composites[i], claim_one, &ctx);
  }
  for (size_t i = 0; i < k->m->type_count && !k->oom; i++) {
    /* a class held in a field, or through a pointer: named by the class */
    const ir_type *t = k->m->types[i];
    if (t->kind != IR_CLASS && t->kind != IR_REF) continue;
    ctx = (claim_ctx){k, {NULL, t, NULL, NULL}, k->ast->prefix_pos.offset, false};
    emit_held_type_names(t, claim_one, &ctx);
  }
  for (size_t i = 0; i < k->ast->class_count && !k->oom; i++) {
    const ast_class *a = k->ast->classes[i];
    if (class_named(k, a->name) != i) continue; /* a duplicate: reported already */
    ctx = (claim_ctx){k, {k->ir[i], NULL, NULL, NULL}, a->name_pos.offset, false};
    emit_class_names(k->ir[i], claim_one, &ctx);
  }
  for (size_t i = 0; i < k->ast->class_count && !k->oom; i++)
    if (class_named(k, k->ast->classes[i]->name) == i)
      check_field_against_module(k, i);
}

/* The schema file's name without .wst names the three files and appears in
 * an #include: an identifier that is not the runtime's own header. */
void check_stem(checker *k) {
  const char *s = k->m->stem;
  bool ident = s[0] != '\0' && !isdigit((unsigned char)s[0]);
  for (const char *c = s; *c && ident; c++)
    ident = isalnum((unsigned char)*c) || *c == '_';
  if (!ident)
    diag_error(k->d, 0,
               "the schema's file name '%s.wst' must be a C identifier and '.wst' (it names "
               "the generated files and their #include)", s);
  else if (strcmp(s, "wstypes") == 0 || strncmp(s, "ws_", 3) == 0)
    diag_error(k->d, 0,
               "the schema's file name '%s.wst' would make '%s.h', the name of a header of "
               "the runtime", s, s);
}

void check_c_names_free(checker *k) {
  cb_arena_free(k->owners);
  ir_map_free(k->std_names);
}
