/* module.c - the module the tool serves: autobahn's, linked in, or one
 * loaded with --module from a shared library, found through the one module
 * descriptor the generator emits for it (ws_module.h). POSIX (dlopen). */
#define _POSIX_C_SOURCE 200809L
#include <ctype.h>
#include <dlfcn.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "autobahn.h"
#include "tool.h"

static const ws_module *current = &wstypes_module_autobahn;

const ws_type *tool_find_type(const char *name) {
  const ws_type *t = ws_module_find(current, name);
  for (size_t i = 0; t == NULL && i < tool_import_count(); i++) {
    const ws_module *from;
    const ws_type *import = tool_import_at(i, &from);
    if (strcmp(import->name, name) == 0)
      t = import;
  }
  return t;
}
size_t tool_type_count(void) { return current->type_count; }
const ws_type *tool_type_at(size_t index) { return current->types[index]; }

/* "wstypes_module_STEM" for .../libSTEM.so[.N...]: the directory, a
 * leading "lib" and everything from the first '.' dropped, and each
 * character that cannot be in a C name made '_', as the generator does.
 * NULL when out of memory. */
static char *descriptor_name(const char *path) {
  static const char head[] = "wstypes_module_";
  const char *base = strrchr(path, '/');
  base = base ? base + 1 : path;
  if (strncmp(base, "lib", 3) == 0)
    base += 3;
  size_t n = strcspn(base, ".");
  char *name = malloc(sizeof head + n);
  if (name == NULL)
    return NULL;
  memcpy(name, head, sizeof head - 1);
  for (size_t i = 0; i < n; i++) {
    unsigned char c = (unsigned char)base[i];
    name[sizeof head - 1 + i] = isalnum(c) ? (char)c : '_';
  }
  name[sizeof head - 1 + n] = '\0';
  return name;
}

static int cannot_load(const char *path, const char *why) {
  fprintf(stderr, "wstypes: cannot load module %s: %s\n", path, why);
  return EXIT_USAGE;
}

/* The library stays loaded until the tool exits. */
int tool_load_module(const char *path) {
  void *lib = dlopen(path, RTLD_NOW | RTLD_LOCAL);
  if (lib == NULL) {
    const char *why = dlerror();
    return cannot_load(path, why ? why : "dlopen failed");
  }
  char *name = descriptor_name(path);
  if (name == NULL)
    return cannot_load(path, "out of memory");
  const ws_module *m = dlsym(lib, name);
  int status = EXIT_OK;
  if (m == NULL) {
    fprintf(stderr,
            "wstypes: cannot load module %s: it has no %s (the library of "
            "STEM.wst is named libSTEM.so and exports wstypes_module_STEM, "
            "which wstypes-gen writes into STEM.c)\n",
            path, name);
    status = EXIT_USAGE;
  } else if (m->abi != WS_MODULE_ABI) {
    fprintf(stderr,
            "wstypes: cannot load module %s: it was built for module ABI %d, "
            "and this wstypes reads ABI %d; rebuild it against this "
            "libwstypes\n",
            path, m->abi, WS_MODULE_ABI);
    status = EXIT_USAGE;
  } else {
    current = m;
    status = tool_find_imports(m);
  }
  free(name);
  return status;
}
