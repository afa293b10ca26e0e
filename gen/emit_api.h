/* emit_api.h - the public functions of a generated module, from one table
 * of signatures, so that what the header declares and what is defined
 * cannot disagree (docs/generated-api.md says what each function does).
 * The functions that are one call of the runtime are defined in the header,
 * static inline, so that the typed function is the runtime's call itself,
 * and the module's source holds only generated code (make). */
#ifndef GEN_EMIT_API_H
#define GEN_EMIT_API_H

#include "ir.h"
#include "printer.h"

typedef enum api_part {
  API_HEADER, /* the one-call functions defined static inline, make declared */
  API_SOURCE  /* make defined */
} api_part;

/* free, copy, equal and append (list), set and get (map) or set (T?) of a
 * composite type; its kind descriptor must be declared before. */
void emit_composite_api(printer *p, const ir_type *t, api_part part);

/* init, make, free, copy, equal, validate, encode, decode and read of a
 * class, as far as it has them (abstract classes have no init, make,
 * decode or read; make is for classes with required fields). */
void emit_class_api(printer *p, const ir_class *c, api_part part);

#endif
