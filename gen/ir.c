/* ir.c - the IR's memory (ir_module_free), type interning, and the small
 * string map the checker and interning use to stay linear. */
#include "ir.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* ---- string map: open addressing, FNV-1a ---------------------------------- */
typedef struct ir_map_slot {
  const char *key;
  void *value;
} ir_map_slot;

struct ir_map {
  ir_map_slot *slots;
  size_t cap, count; /* cap is a power of two */
};

static size_t hash(const char *s) {
  uint64_t h = 1469598103934665603u;
  for (; *s; s++) h = (h ^ (unsigned char)*s) * 1099511628211u;
  return (size_t)h;
}

ir_map *ir_map_new(void) {
  ir_map *map = calloc(1, sizeof *map);
  if (!map) return NULL;
  map->cap = 8; /* grows as needed: a schema has many small maps (one a class) */
  map->slots = calloc(map->cap, sizeof *map->slots);
  if (!map->slots) {
    free(map);
    return NULL;
  }
  return map;
}

void ir_map_free(ir_map *map) {
  if (!map) return;
  free(map->slots);
  free(map);
}

static ir_map_slot *find_slot(ir_map_slot *slots, size_t cap, const char *key) {
  size_t i = hash(key) & (cap - 1);
  while (slots[i].key && strcmp(slots[i].key, key) != 0) i = (i + 1) & (cap - 1);
  return &slots[i];
}

void *ir_map_get(const ir_map *map, const char *key) {
  return find_slot(map->slots, map->cap, key)->value;
}

static bool grow(ir_map *map) {
  size_t cap = map->cap * 2;
  ir_map_slot *slots = calloc(cap, sizeof *slots);
  if (!slots) return false;
  for (size_t i = 0; i < map->cap; i++)
    if (map->slots[i].key) *find_slot(slots, cap, map->slots[i].key) = map->slots[i];
  free(map->slots);
  map->slots = slots;
  map->cap = cap;
  return true;
}

/* Grows at three quarters full, not half: the largest maps (a module's
 * generated C names, millions for 10^5 classes) would otherwise sit at
 * a quarter full after doubling, and hold three times their slots. */
bool ir_map_put(ir_map *map, const char *key, void *value) {
  if ((map->count + 1) * 4 > map->cap * 3 && !grow(map)) return false;
  ir_map_slot *slot = find_slot(map->slots, map->cap, key);
  if (!slot->key) map->count++;
  slot->key = key;
  slot->value = value;
  return true;
}

/* ---- interning ------------------------------------------------------------- */
static char *format(const char *a, const char *b, const char *c) {
  size_t n = strlen(a) + strlen(b) + strlen(c);
  char *s = malloc(n + 1);
  if (s) snprintf(s, n + 1, "%s%s%s", a, b, c);
  return s;
}

static const char *const leaf_spelling[] = {"str", "bytes", "int", "bool", "headers", "float"};
static const char *const leaf_c_name[] = {"ws_str", "ws_bytes", "int64_t", "bool", "ws_headers", "double"};

static bool name_type(ir_type *t, const char *prefix) {
  const ir_type *e = t->elem;
  switch (t->kind) {
  case IR_OPT:
    t->spelling = format(e->spelling, "?", "");
    t->mangled = format("opt_", e->mangled, "");
    break;
  case IR_LIST:
    t->spelling = format("list<", e->spelling, ">");
    t->mangled = format("list_", e->mangled, "");
    break;
  case IR_MAP:
    t->spelling = format("map<str, ", e->spelling, ">");
    t->mangled = format("map_str_", e->mangled, "");
    break;
  case IR_CLASS:
    t->spelling = format(t->cls->name, "", "");
    t->mangled = format(t->cls->snake, "", "");
    t->c_name = format(t->cls->c_name, "", "");
    t->c_decl = format(t->cls->c_name, "", "");
    return t->spelling && t->mangled && t->c_name && t->c_decl;
  case IR_REF:
    t->spelling = format(t->cls->name, t->nullable ? "?" : "", "");
    t->mangled = format(t->nullable ? "opt_" : "ref_", t->cls->snake, "");
    t->c_decl = format(t->cls->c_name, " *", "");
    break;
  default:
    t->spelling = format(leaf_spelling[t->kind], "", "");
    t->mangled = format(leaf_spelling[t->kind], "", "");
    t->c_name = format(leaf_c_name[t->kind], "", "");
    t->c_decl = format(leaf_c_name[t->kind], "", "");
    return t->spelling && t->mangled && t->c_name && t->c_decl;
  }
  t->c_name = t->mangled ? format(prefix, "_", t->mangled) : NULL;
  if (!t->c_decl && t->c_name) t->c_decl = format(t->c_name, "", "");
  return t->spelling && t->mangled && t->c_name && t->c_decl;
}

static void free_type(ir_type *t) {
  if (!t) return;
  free(t->spelling);
  free(t->c_name);
  free(t->mangled);
  free(t->c_decl);
  free(t);
}

/* Appends to a pointer array whose capacity is the next power of two at or
 * above its count (so appending stays amortised O(1)). */
static bool append(void *array_ptr, size_t *count, const void *item) {
  void ***array = array_ptr;
  size_t n = *count;
  if (n == 0 || (n >= 8 && (n & (n - 1)) == 0)) {
    void **grown = realloc(*array, (n == 0 ? 8 : n * 2) * sizeof **array);
    if (!grown) return false;
    *array = grown;
  }
  (*array)[n] = (void *)(uintptr_t)item;
  *count = n + 1;
  return true;
}

/* t's names from its enum: the schema name, its snake_case, its C type. */
static bool name_enum_type(ir_type *t) {
  const ir_enum *e = t->enumeration;
  t->spelling = format(e->name, "", "");
  t->mangled = format(e->snake, "", "");
  t->c_name = format(e->c_name, "", "");
  t->c_decl = format(e->c_name, "", "");
  return t->spelling && t->mangled && t->c_name && t->c_decl;
}

static const ir_type *intern(ir_module *m, ir_kind kind, const ir_type *elem,
                             const ir_class *cls, bool nullable,
                             const ir_enum *e) {
  if (!m->type_index && !(m->type_index = ir_map_new())) return NULL;
  ir_type *t = calloc(1, sizeof *t);
  if (!t) return NULL;
  t->kind = kind;
  t->elem = kind >= IR_OPT ? elem : NULL;
  t->cls = cls;
  t->nullable = nullable;
  t->enumeration = e;
  if (!(e ? name_enum_type(t) : name_type(t, m->prefix))) {
    free_type(t);
    return NULL;
  }
  ir_type *existing = ir_map_get(m->type_index, t->spelling);
  if (existing) {
    free_type(t);
    return existing;
  }
  bool composite = kind >= IR_OPT;
  if (!append(&m->types, &m->type_count, t)) {
    free_type(t);
    return NULL;
  }
  if (!ir_map_put(m->type_index, t->spelling, t) ||
      (composite && !append(&m->composites, &m->composite_count, t)))
    return NULL; /* t is listed in m->types: ir_module_free releases it */
  return t;
}

const ir_type *ir_intern(ir_module *m, ir_kind kind, const ir_type *elem) {
  return intern(m, kind, elem, NULL, false, NULL);
}

const ir_type *ir_intern_class(ir_module *m, const ir_class *c) {
  return intern(m, IR_CLASS, NULL, c, false, NULL);
}

const ir_type *ir_intern_ref(ir_module *m, const ir_class *c, bool nullable) {
  return intern(m, IR_REF, NULL, c, nullable, NULL);
}

const ir_type *ir_intern_enum(ir_module *m, const ir_enum *e) {
  return intern(m, IR_ENUM, NULL, NULL, false, e);
}

bool ir_module_owns_type(const ir_module *m, const ir_type *t) {
  return m->type_index && ir_map_get(m->type_index, t->spelling) == t;
}

/* Whether m has a type of that C name, its own or listed as foreign. */
static bool has_c_name(const ir_module *m, const char *c_name) {
  for (size_t i = 0; i < m->type_count; i++)
    if (strcmp(m->types[i]->c_name, c_name) == 0) return true;
  for (size_t i = 0; i < m->foreign_count; i++)
    if (strcmp(m->foreign[i]->c_name, c_name) == 0) return true;
  return false;
}

/* Recursion follows the type's nesting, which the parser bounds. A type
 * without an element is a leaf: a class's (IR_CLASS, IR_REF) has a kind
 * its module keeps static, any other's descriptor is the runtime's. */
bool ir_add_foreign(ir_module *m, const ir_type *t) {
  if (ir_module_owns_type(m, t)) return true;
  if (!t->elem) {
    if ((t->kind != IR_CLASS && t->kind != IR_REF) || has_c_name(m, t->c_name)) return true;
    return append(&m->foreign, &m->foreign_count, t);
  }
  if (!ir_add_foreign(m, t->elem)) return false;
  for (size_t i = 0; i < m->foreign_count; i++)
    if (m->foreign[i] == t) return true;
  return append(&m->foreign, &m->foreign_count, t);
}

/* ---- freeing ----------------------------------------------------------------- */
static void free_value(ir_value *v) {
  free(v->s);
  free(v->text);
}

static void free_class(ir_class *c) {
  if (!c) return;
  for (size_t i = 0; i < c->field_count; i++) {
    free(c->fields[i].name);
    free(c->fields[i].doc);
    free(c->fields[i].alias);
    free_value(&c->fields[i].def);
    free(c->fields[i].constraints.range_text);
  }
  for (size_t i = 0; i < c->const_count; i++) {
    free(c->consts[i].name);
    free(c->consts[i].doc);
    free_value(&c->consts[i].value);
  }
  free(c->fields);
  free(c->all_fields);
  free(c->consts);
  free(c->subclasses);
  free(c->name);
  free(c->snake);
  free(c->c_name);
  free(c->doc);
  free(c);
}

static void free_enum(ir_enum *e) {
  if (!e) return;
  for (size_t i = 0; i < e->member_count; i++) {
    free(e->members[i].name);
    free(e->members[i].doc);
    free(e->members[i].c_name);
    free(e->members[i].s);
    free(e->members[i].text);
  }
  free(e->members);
  free(e->name);
  free(e->snake);
  free(e->c_name);
  free(e->doc);
  free(e);
}

void ir_module_free(ir_module *m) {
  if (!m) return;
  for (size_t i = 0; i < m->class_count; i++) free_class(m->classes[i]);
  for (size_t i = 0; i < m->enum_count; i++) free_enum(m->enums[i]);
  free(m->enums);
  for (size_t i = 0; i < m->type_count; i++) free_type(m->types[i]);
  free(m->classes);
  free(m->types);
  free(m->composites);
  free(m->imports);
  free(m->foreign);
  ir_map_free(m->type_index);
  free(m->name);
  free(m->doc);
  free(m->prefix);
  free(m->schema_path);
  free(m->stem);
  free(m);
}
