/* ws_module.c - finding a class of a module by name. */
#include "ws_module.h"

#include <string.h>

const ws_type *ws_module_find(const ws_module *m, const char *name) {
  if (m == NULL || name == NULL)
    return NULL;
  for (size_t i = 0; i < m->type_count; i++)
    if (strcmp(m->types[i]->name, name) == 0)
      return m->types[i];
  return NULL;
}
