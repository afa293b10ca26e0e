/* check_names.c - the names a schema gives must make valid, distinct C
 * (see check.h): field names that are C or C++ keywords or a member the
 * generated struct has already, class names in snake_case, and the C
 * identifiers the emitters will generate, of which no two may be the same. */
#include <ctype.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "check_parts.h"
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

/* ---- field names ------------------------------------------------------------ */
void check_field_name(checker *k, const ast_field *f, const ir_class *c) {
  if (in_list(f->name, c_keywords))
    diag_error(k->d, f->pos.offset, "field name '%s' is a keyword in C", f->name);
  else if (in_list(f->name, cxx_keywords))
    diag_error(k->d, f->pos.offset,
               "field name '%s' is a keyword in C++ (the generated header is C++ too)", f->name);
  else if (c->in_hierarchy && !c->base && strcmp(f->name, "type") == 0)
    diag_error(k->d, f->pos.offset,
               "field name 'type' is taken: the root of a hierarchy has a 'type' member");
  else if (c->base && strcmp(f->name, "base") == 0)
    diag_error(k->d, f->pos.offset,
               "field name 'base' is taken: a subclass has a 'base' member");
}

/* ---- generated C identifiers must not collide -------------------------------- */
typedef struct c_owner {
  const char *what; /* "the struct", "the init function", ... */
  char *whose;      /* "class 'Foo'", "type 'list<str>'", ... (owned) */
} c_owner;

/* Registers NAME as owned by WHOSE (the caller has checked it is free). */
static void claim(checker *k, const char *name, const char *what, const char *whose) {
  if (k->owner_count == k->owner_cap) {
    size_t cap = k->owner_cap ? k->owner_cap * 2 : 64;
    c_owner *o = realloc(k->owners, cap * sizeof *o);
    char **names = realloc(k->owned_names, cap * sizeof *names);
    if (o) k->owners = o;
    if (names) k->owned_names = names;
    if (!o || !names) {
      k->oom = true;
      return;
    }
    k->owner_cap = cap;
  }
  char *key = dup_str(k, name);
  char *whose_copy = dup_str(k, whose);
  if (!key || !whose_copy) {
    free(key);
    free(whose_copy);
    return;
  }
  /* owners may move when the array grows: the map holds indexes + 1 */
  k->owners[k->owner_count] = (c_owner){what, whose_copy};
  k->owned_names[k->owner_count] = key;
  k->owner_count++;
  if (!ir_map_put(k->c_names, key, (void *)(uintptr_t)k->owner_count)) k->oom = true;
}

static const c_owner *owner_of(const checker *k, const char *name) {
  size_t i = (size_t)(uintptr_t)ir_map_get(k->c_names, name);
  return i ? &k->owners[i - 1] : NULL;
}

/* Claims base+suffix for each suffix; reports the first collision at pos. */
static void claim_names(checker *k, const char *base, const char *const *suffixes,
                        const char *const *whats, const char *whose, size_t pos,
                        const char *subject) {
  gstr name = {0};
  for (size_t i = 0; suffixes[i] && !k->oom; i++) {
    gstr_reset(&name);
    gstr_printf(&name, "%s%s", base, suffixes[i]);
    if (gstr_failed(&name)) {
      k->oom = true;
      break;
    }
    const c_owner *o = owner_of(k, gstr_cstr(&name));
    if (o) {
      diag_error(k->d, pos, "%s would generate '%s', which is already %s of %s", subject,
                 gstr_cstr(&name), o->what, o->whose);
      break;
    }
    claim(k, gstr_cstr(&name), whats[i], whose);
  }
  gstr_free(&name);
}

/* The macro of a class constant, PREFIX_CLASS_NAME, into out. */
static void const_macro(gstr *out, const char *prefix, const ir_class *c, const char *name) {
  gstr_printf(out, "%s_%s_%s", prefix, c->snake, name);
  for (size_t b = 0; b < out->len; b++)
    out->data[b] = (char)toupper((unsigned char)out->data[b]);
}

static void claim_const_names(checker *k, const ast_class *a, const ir_class *c) {
  static const char *const const_sfx[] = {"", NULL};
  static const char *const const_what[] = {"the macro"};
  gstr macro = {0}, subject = {0};
  for (size_t j = 0; j < c->const_count && !k->oom; j++) {
    if (c->consts[j].type == NULL || c->consts[j].value.kind == IR_VALUE_NONE) continue;
    gstr_reset(&macro);
    gstr_reset(&subject);
    const_macro(&macro, k->m->prefix, c, c->consts[j].name);
    gstr_printf(&subject, "constant '%s' of class '%s'", c->consts[j].name, c->name);
    if (gstr_failed(&macro) || gstr_failed(&subject)) k->oom = true;
    else
      claim_names(k, gstr_cstr(&macro), const_sfx, const_what, gstr_cstr(&subject),
                  a->consts[j]->pos.offset, gstr_cstr(&subject));
  }
  gstr_free(&macro);
  gstr_free(&subject);
}

/* An enum's type, its functions and descriptor, and one enumerator per
 * member (a class constant or another enum's member could make the same
 * macro-like name). */
static void claim_enum_names(checker *k, size_t i) {
  static const char *const enum_sfx[] = {"", "_kind", "_value", "_from_value", "_name", NULL};
  static const char *const enum_what[] = {"the C type", "the descriptor", "a helper",
                                          "a helper", "a helper"};
  static const char *const member_sfx[] = {"", NULL};
  static const char *const member_what[] = {"the enumerator"};
  const ast_enum *a = k->ast->enums[i];
  const ir_enum *e = k->m->enums[i];
  gstr whose = {0};
  gstr_printf(&whose, "enum '%s'", e->name);
  if (!gstr_failed(&whose))
    claim_names(k, e->c_name, enum_sfx, enum_what, gstr_cstr(&whose), a->name_pos.offset,
                gstr_cstr(&whose));
  for (size_t j = 0; j < e->member_count && !k->oom && !gstr_failed(&whose); j++) {
    bool repeated = false; /* a duplicate member: reported already */
    for (size_t i2 = 0; i2 < j && !repeated; i2++)
      repeated = strcmp(e->members[i2].name, e->members[j].name) == 0;
    if (repeated) continue;
    gstr_reset(&whose);
    gstr_printf(&whose, "member '%s' of enum '%s'", e->members[j].name, e->name);
    if (!gstr_failed(&whose))
      claim_names(k, e->members[j].c_name, member_sfx, member_what, gstr_cstr(&whose),
                  a->members[j]->pos.offset, gstr_cstr(&whose));
  }
  if (gstr_failed(&whose)) k->oom = true;
  gstr_free(&whose);
}

void check_c_names(checker *k) {
  const char *p = k->m->prefix;
  gstr whose = {0};
  for (size_t i = 0; i < k->m->enum_count && !k->oom; i++)
    if ((size_t)(uintptr_t)ir_map_get(k->enum_index, k->ast->enums[i]->name) == i + 1 &&
        class_named(k, k->ast->enums[i]->name) == NONE)
      claim_enum_names(k, i);
  static const char *const module_sfx[] = {"_types", "_type_count", "_type_find", NULL};
  static const char *const module_what[] = {"the class table", "the class count",
                                            "the lookup function"};
  gstr_printf(&whose, "module '%s'", k->m->name);
  if (!gstr_failed(&whose)) claim_names(k, p, module_sfx, module_what, gstr_cstr(&whose), 0, "the module");
  for (size_t i = 0; i < k->m->composite_count && !k->oom; i++) {
    const ir_type *t = k->m->composites[i];
    static const char *const opt_sfx[] = {"", "_free", "_copy", "_equal", "_set", NULL};
    static const char *const list_sfx[] = {"", "_free", "_copy", "_equal", "_append", NULL};
    static const char *const map_sfx[] = {"", "_free", "_copy", "_equal", "_set", "_get", NULL};
    static const char *const type_what[] = {"the C type", "a helper", "a helper", "a helper",
                                            "a helper", "a helper"};
    gstr_reset(&whose);
    gstr_printf(&whose, "type '%s'", t->spelling);
    if (gstr_failed(&whose)) break;
    claim_names(k, t->c_name, t->kind == IR_OPT ? opt_sfx : t->kind == IR_LIST ? list_sfx : map_sfx,
                type_what, gstr_cstr(&whose), 0, "a type");
  }
  static const char *const class_sfx[] = {"", "_init", "_make", "_free", "_copy", "_equal",
                                          "_validate", "_encode", "_decode", "_read", "_type",
                                          NULL};
  static const char *const class_what[] = {
      "the struct", "the init function", "the make function", "the free function",
      "the copy function", "the equal function", "the validate function", "the encode function",
      "the decode function", "the read function", "the descriptor"};
  for (size_t i = 0; i < k->ast->class_count && !k->oom; i++) {
    const ast_class *a = k->ast->classes[i];
    const ir_class *c = k->ir[i];
    if (class_named(k, a->name) != i) continue; /* a duplicate: reported already */
    gstr_reset(&whose);
    gstr_printf(&whose, "class '%s'", c->name);
    if (gstr_failed(&whose)) break;
    claim_names(k, c->c_name, class_sfx, class_what, gstr_cstr(&whose), a->name_pos.offset,
                gstr_cstr(&whose));
    claim_const_names(k, a, c);
  }
  if (gstr_failed(&whose)) k->oom = true;
  gstr_free(&whose);
}

void check_c_names_free(checker *k) {
  for (size_t i = 0; i < k->owner_count; i++) {
    free(k->owned_names[i]);
    free(k->owners[i].whose);
  }
  free(k->owners);
  free(k->owned_names);
}
