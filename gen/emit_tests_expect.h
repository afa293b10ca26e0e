/* emit_tests_expect.h - what a generated test expects of a class, derived
 * from the IR alone (see emit_tests.c, which writes the rest). */
#ifndef GEN_EMIT_TESTS_EXPECT_H
#define GEN_EMIT_TESTS_EXPECT_H

#include <stdbool.h>

#include "ir.h"
#include "printer.h"

/* The field dict of c's init value as json.dumps writes it: compact
 * (ensure_ascii=False, separators=(',', ':')) or, with python, json.dumps(d). */
void expect_defaults_json(gstr *t, const ir_class *c, bool python);

/* "static const ws_typetest_refusal <snake>_refusals[] = {...};": each
 * input c's decoder must refuse (a missing required field, a wrong type,
 * null, an unknown field, a duplicate key, a too long value, a value out of
 * range, as far as c has such fields) with its status and message. */
void emit_class_refusals(printer *p, const ir_class *c);

/* The scalar a field's constraint applies to: the field's type, or the T
 * inside its T?. */
const ir_type *expect_value_type(const ir_field *fd);

#endif
