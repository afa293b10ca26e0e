/* emit_names.h - every file-scope identifier a generated module declares,
 * for the checker (check_names.c), which refuses a schema where two of them
 * coincide or one is taken by C, POSIX or the runtime.
 *
 * The public functions come from emit_api.c's signature table itself
 * (emit_api_names); the other names (types, descriptors, tables, static
 * helpers of STEM.c and STEM_test.c, the include guard) from the templates
 * in emit_names.c, which say where each is written. A name is reserved
 * whether or not the emitters write it for this particular class (an empty
 * class has no field table, an abstract one no init): what a schema may
 * call a class does not depend on what the class holds.
 * tests/unit/gen/test_gen_names.c checks that every file-scope name in
 * generated code is one these functions give, so a new helper without a
 * row here fails there, and check_gen_property.sh compiles random schemas. */
#ifndef GEN_EMIT_NAMES_H
#define GEN_EMIT_NAMES_H

#include "ir.h"
#include "printer.h"

/* Called once per name: WHAT says what it is ("the struct", "a helper").
 * NAME is NULL when memory ran out making it. */
typedef void (*emit_name_fn)(void *ctx, const char *name, const char *what);

/* The include guard and the module table's names. */
void emit_module_names(const ir_module *m, emit_name_fn each, void *ctx);
/* The names of composite type t (IR_OPT, IR_LIST, IR_MAP). */
void emit_composite_names(const ir_type *t, emit_name_fn each, void *ctx);
/* The names a class as a field's type makes (t of kind IR_CLASS or IR_REF):
 * none for IR_CLASS, whose kind descriptor the class's own names reserve. */
void emit_held_type_names(const ir_type *t, emit_name_fn each, void *ctx);
/* The names of class c, its constants' macros included. */
void emit_class_names(const ir_class *c, emit_name_fn each, void *ctx);

/* The names of enum e, but not its members' enumerators (the checker says
 * those at each member). */
void emit_enum_names(const ir_enum *e, emit_name_fn each, void *ctx);

/* AB_AUTOBAHN_H: the header's include guard, prefix and stem. */
void emit_put_guard(gstr *s, const ir_module *m);

#endif
