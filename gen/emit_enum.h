/* emit_enum.h - what the emitters write for enums (emit_enum.c): the C
 * enum types and their function prototypes (STEM.h), their descriptors and
 * functions (STEM.c). */
#ifndef GEN_EMIT_ENUM_H
#define GEN_EMIT_ENUM_H

#include <stdbool.h>

#include "ir.h"
#include "printer.h"

/* STEM.h: each enum as a typedef'd C enum, members as enumerators. */
void emit_enum_typedefs(printer *p, const ir_module *m);
/* STEM.h: the functions and descriptor of each enum. */
void emit_enum_prototypes(printer *p, const ir_module *m);
/* STEM.c: the member tables, descriptors and functions. */
void emit_enum_definitions(printer *p, const ir_module *m);

/* Whether a value of t holds enum values (t, or its elements). */
bool emit_type_holds_enum(const ir_type *t);

#endif
