/* ws_typetest_parts.h - checks of ws_typetest.c kept in files of their own
 * (not part of the public API). */
#ifndef WS_TYPETEST_PARTS_H
#define WS_TYPETEST_PARTS_H

#include "ws_typetest.h"

/* ws_typetest_replace.c: the one fill rule. */
void ws_typetest_replaces_its_target(const ws_typetest_class *c);
void ws_typetest_failed_replace_leaves_target(const ws_typetest_class *c);

#endif
