/* emit_tests_held.h - fills of held class values for STEM_test.c
 * (emit_tests_held.c). */
#ifndef GEN_EMIT_TESTS_HELD_H
#define GEN_EMIT_TESTS_HELD_H

#include "ir.h"
#include "printer.h"

/* fill_held_C for t, a class held in place (IR_CLASS). */
void emit_fill_class(printer *p, const ir_type *t);

/* fill_T for t, a class through a pointer (IR_REF), over the concrete
 * classes of m at or below t's class. */
void emit_fill_ref(printer *p, const ir_module *m, const ir_type *t);

#endif
