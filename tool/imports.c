/* imports.c - the classes a loaded module can be used with beyond its
 * own: those of the modules it imports. A module descriptor does not list
 * its imports, but its classes point at theirs (a base, a field's class,
 * the concrete classes of an abstract field), so the tool follows those
 * pointers, and names the module each class comes from by the module
 * descriptors of the shared object that holds the class: the names
 * beginning "wstypes_module_" in its dynamic symbol table (ELF), looked up
 * with dlsym. Such a module's other classes are listed too, as a program
 * built with it can use them. POSIX and ELF (dladdr, as glibc has it). */
#define _GNU_SOURCE
#include <dlfcn.h>
#include <elf.h>
#include <limits.h>
#include <link.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "tool.h"

static const char prefix[] = "wstypes_module_";

/* size bytes of f from offset at, or NULL. */
static void *read_at(FILE *f, size_t at, size_t size) {
  if (size == 0 || at > (size_t)LONG_MAX || fseek(f, (long)at, SEEK_SET) != 0)
    return NULL;
  void *p = malloc(size);
  if (p != NULL && fread(p, 1, size, f) != size) {
    free(p);
    p = NULL;
  }
  return p;
}

/* Calls found(name, ctx) for each module descriptor the shared object at
 * path defines. Does nothing for a file it cannot read as the ELF of this
 * machine's word size. */
static void each_module_symbol(const char *path,
                               void (*found)(const char *, void *), void *ctx) {
  FILE *f = fopen(path, "rb");
  if (f == NULL)
    return;
  ElfW(Ehdr) eh;
  ElfW(Shdr) *sh = NULL;
  char *names = NULL;
  ElfW(Sym) *syms = NULL;
  if (fread(&eh, sizeof eh, 1, f) != 1 ||
      memcmp(eh.e_ident, ELFMAG, SELFMAG) != 0 ||
      eh.e_shentsize != sizeof(ElfW(Shdr)))
    goto done;
  sh = read_at(f, eh.e_shoff, (size_t)eh.e_shnum * sizeof *sh);
  for (size_t i = 0; sh != NULL && i < eh.e_shnum; i++) {
    if (sh[i].sh_type != SHT_DYNSYM || sh[i].sh_link >= eh.e_shnum ||
        sh[i].sh_entsize != sizeof *syms)
      continue;
    const ElfW(Shdr) *str = &sh[sh[i].sh_link];
    names = read_at(f, str->sh_offset, str->sh_size);
    syms = read_at(f, sh[i].sh_offset, sh[i].sh_size);
    size_t count = sh[i].sh_size / sizeof *syms;
    for (size_t j = 0; names != NULL && syms != NULL && j < count; j++) {
      size_t at = syms[j].st_name;
      if (syms[j].st_shndx == SHN_UNDEF || at >= str->sh_size ||
          memchr(names + at, '\0', str->sh_size - at) == NULL)
        continue;
      if (strncmp(names + at, prefix, sizeof prefix - 1) == 0)
        found(names + at, ctx);
    }
    break;
  }
done:
  free(syms);
  free(names);
  free(sh);
  fclose(f);
}

/* The imported classes found, grouped by module in the order the modules
 * were met, each module's in its schema order; from is NULL for a class
 * whose module was not found (its library exports no descriptor). */
typedef struct imported {
  const ws_type *type;
  const ws_module *from;
} imported;

static const ws_module *own;
static imported *found;
static size_t found_len;
static size_t found_cap;
static bool out_of_memory;

static bool in_module(const ws_module *m, const ws_type *t) {
  for (size_t i = 0; i < m->type_count; i++)
    if (m->types[i] == t)
      return true;
  return false;
}

static bool known(const ws_type *t) {
  if (in_module(own, t))
    return true;
  for (size_t i = 0; i < found_len; i++)
    if (found[i].type == t)
      return true;
  return false;
}

static void add(const ws_type *t, const ws_module *from) {
  if (known(t))
    return;
  if (found_len == found_cap) {
    size_t cap = found_cap ? 2 * found_cap : 16;
    imported *more = realloc(found, cap * sizeof *found);
    if (more == NULL) {
      out_of_memory = true;
      return;
    }
    found = more;
    found_cap = cap;
  }
  found[found_len].type = t;
  found[found_len++].from = from;
}

/* What each_module_symbol's callback needs: the object's handle, the
 * class looked for, and the module found to hold it. */
typedef struct origin_search {
  void *lib;
  const ws_type *type;
  const ws_module *module;
} origin_search;

static void try_module(const char *name, void *ctx) {
  origin_search *s = ctx;
  const ws_module *m = s->module ? NULL : dlsym(s->lib, name);
  if (m != NULL && m->abi == WS_MODULE_ABI && in_module(m, s->type))
    s->module = m;
}

/* The module of t among the descriptors of the object that holds t, or
 * NULL. */
static const ws_module *origin(const ws_type *t) {
  Dl_info info;
  if (dladdr(t, &info) == 0 || info.dli_fname == NULL)
    return NULL;
  origin_search s = {dlopen(info.dli_fname, RTLD_LAZY | RTLD_NOLOAD), t, NULL};
  if (s.lib == NULL)
    return NULL;
  each_module_symbol(info.dli_fname, try_module, &s);
  dlclose(s.lib);
  return s.module;
}

/* t, a class of another module, with all of its module's classes. */
static void meet(const ws_type *t) {
  if (t == NULL || known(t))
    return;
  const ws_module *m = origin(t);
  if (m == NULL || m == own) {
    add(t, NULL);
    return;
  }
  for (size_t i = 0; i < m->type_count; i++)
    add(m->types[i], m);
}

/* The classes t points at: its base, and those its fields hold. */
static void meet_neighbours(const ws_type *t) {
  meet(t->base);
  for (size_t i = 0; i < t->field_count; i++) {
    for (const ws_kind *k = t->fields[i].kind; k != NULL; k = k->elem) {
      if (k->tag != WS_KIND_CLASS && k->tag != WS_KIND_REF)
        continue;
      meet(k->cls);
      for (const ws_type *const *c = k->classes; c != NULL && *c != NULL; c++)
        meet(*c);
    }
  }
}

int tool_find_imports(const ws_module *m) {
  own = m;
  for (size_t i = 0; i < m->type_count; i++)
    meet_neighbours(m->types[i]);
  for (size_t i = 0; i < found_len; i++) /* found grows as it goes */
    meet_neighbours(found[i].type);
  if (out_of_memory) {
    fputs("wstypes: out of memory\n", stderr);
    return EXIT_FAILED;
  }
  return EXIT_OK;
}

size_t tool_import_count(void) {
  return found_len;
}

const ws_type *tool_import_at(size_t index, const ws_module **from) {
  *from = found[index].from;
  return found[index].type;
}
