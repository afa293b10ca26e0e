/* ws_module.h - a generated module as one value: its classes by name.
 *
 * wstypes-gen emits one ws_module for each schema STEM.wst, named
 * wstypes_module_STEM (every character of STEM that cannot be in a C name
 * made '_'), and declares it in STEM.h. It is the one symbol a program
 * needs to find the module's classes in a shared library it loads at run
 * time: `wstypes --module ./libchat.so` looks up wstypes_module_chat. */
#ifndef WS_MODULE_H
#define WS_MODULE_H

#include <stddef.h>

#include "ws_type.h"

#ifdef __cplusplus
extern "C" {
#endif

/* The layout of ws_type and ws_module that generated code is compiled
 * against, and of the runtime's structs it holds (ws_kind, ws_headers); a
 * loader refuses a module whose abi differs. Raised whenever one changes
 * incompatibly: 2, when ws_headers and the maps gained their index. */
#define WS_MODULE_ABI 2

typedef struct ws_module {
  int abi;                     /* WS_MODULE_ABI when the module was built */
  const char *name;            /* the schema's module name, "chat.rooms" */
  const ws_type *const *types; /* every class, in schema order */
  size_t type_count;
} ws_module;

/* The class called name in module m, or NULL. */
const ws_type *ws_module_find(const ws_module *m, const char *name);

#ifdef __cplusplus
}
#endif

#endif
