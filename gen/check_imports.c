/* check_imports.c - a schema's view of the modules it imports (see
 * check_parts.h): what they define, visible by name; classes of theirs as
 * bases; and the types the importing module then reaches through inherited
 * fields. The imported modules are checked already (load.c checks each
 * file after its imports) and are only read here. */
#include <stdint.h>

#include "check_parts.h"

/* The type of enum e in m, which check_enums interns for every enum. */
static const ir_type *enum_type_in(const ir_module *m, const ir_enum *e) {
  for (size_t i = 0; i < m->type_count; i++)
    if (m->types[i]->kind == IR_ENUM && m->types[i]->enumeration == e) return m->types[i];
  return NULL;
}

static void index_name(checker *k, size_t *n, const char *name, check_named named) {
  if (ir_map_get(k->imported, name)) return; /* load.c reports it */
  k->named[*n] = named;
  if (!ir_map_put(k->imported, name, &k->named[(*n)++])) k->oom = true;
}

void check_index_imports(checker *k) {
  size_t total = 0;
  for (size_t i = 0; i < k->import_count; i++)
    total += k->imports[i]->class_count + k->imports[i]->enum_count;
  k->named = calloc(total ? total : 1, sizeof *k->named);
  if (!k->named) {
    k->oom = true;
    return;
  }
  size_t n = 0;
  for (size_t i = 0; i < k->import_count && !k->oom; i++) {
    const ir_module *m = k->imports[i];
    for (size_t j = 0; j < m->class_count && !k->oom; j++)
      index_name(k, &n, m->classes[j]->name,
                 (check_named){CHECK_NAMED_CLASS, m->classes[j], NULL, m});
    for (size_t j = 0; j < m->enum_count && !k->oom; j++) {
      const ir_type *t = enum_type_in(m, m->enums[j]);
      if (t) index_name(k, &n, m->enums[j]->name, (check_named){CHECK_NAMED_ENUM, NULL, t, m});
    }
  }
}

const check_named *check_imported(const checker *k, const char *name) {
  return k->imported ? ir_map_get(k->imported, name) : NULL;
}

const ir_type *check_imported_enum(const checker *k, const char *name) {
  const check_named *d = check_imported(k, name);
  return d && d->kind == CHECK_NAMED_ENUM ? d->enum_type : NULL;
}

/* A derived value is told apart through its base by the class tag at the
 * start of its hierarchy's root; a class that is alone in its own module
 * was generated without one, and its module cannot grow one for us. */
void check_foreign_base(checker *k, size_t i, const ir_class *b) {
  const ast_class *c = k->ast->classes[i];
  if (!b->in_hierarchy) {
    const char *path = b->module->schema_path;
    diag_error(k->d, c->base_pos.offset,
               "'%s' (from %s) cannot be a base here: it has no base or subclass in %s, "
               "so its values carry no class tag",
               b->name, path, path);
    return;
  }
  k->foreign_base[i] = b;
}

size_t check_foreign_depth(const checker *k, size_t i) {
  size_t depth = 0;
  for (const ir_class *b = k->foreign_base[i]; b; b = b->base) depth++;
  return depth;
}

/* The imported class the own chain above class ci ends in, or NULL. */
static const ir_class *imported_ancestor(const checker *k, size_t ci) {
  size_t top = ci;
  while (k->base[top] != NONE) top = k->base[top];
  return k->foreign_base[top];
}

bool check_field_not_inherited_across(checker *k, size_t ci, const ast_field *f) {
  const ir_class *b = imported_ancestor(k, ci);
  if (!b) return true;
  for (size_t i = 0; i < b->all_field_count; i++) {
    const ir_field *fd = b->all_fields[i];
    if (strcmp(fd->name, f->name) != 0) continue;
    diag_error(k->d, f->pos.offset, "field '%s' repeats a field inherited from '%s' (%s:%u)",
               f->name, fd->owner->name, fd->owner->module->schema_path, fd->line);
    return false;
  }
  return true;
}

void check_link_imports(checker *k) {
  ir_module *m = k->m;
  size_t n = k->import_count;
  if (n) {
    m->imports = calloc(n, sizeof *m->imports);
    if (!m->imports) {
      k->oom = true;
      return;
    }
    for (size_t i = 0; i < n; i++) m->imports[i] = k->imports[i];
    m->import_count = n;
  }
  for (size_t i = 0; i < m->class_count && !k->oom; i++) {
    const ir_class *c = m->classes[i];
    for (size_t j = 0; j < c->all_field_count && !k->oom; j++) {
      const ir_type *t = c->all_fields[j]->type; /* NULL: not a type (reported) */
      if (t && !ir_add_foreign(m, t)) k->oom = true;
    }
  }
}
