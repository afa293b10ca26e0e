/* emit_api.h - the public functions of a generated module, from one table
 * of signatures that writes both the header's prototypes and the source's
 * definitions, so that the two cannot disagree (docs/generated-api.md says
 * what each function does). */
#ifndef GEN_EMIT_API_H
#define GEN_EMIT_API_H

#include "ir.h"
#include "printer.h"

typedef enum api_part {
  API_PROTOTYPES,  /* "ws_status ab_ping_init(ab_ping *v);" */
  API_DEFINITIONS  /* the same signatures with their bodies */
} api_part;

/* free, copy, equal and append (list), set and get (map) or set (T?) of a
 * composite type; the definitions need its kind descriptor defined before. */
void emit_composite_api(printer *p, const ir_type *t, api_part part);

/* set and free of a class held through a pointer (IR_REF); the
 * definitions need its kind descriptor defined before. */
void emit_ref_api(printer *p, const ir_type *t, api_part part);

/* init, make, free, copy, equal, validate, encode, decode and read of a
 * class, as far as it has them (abstract classes have no init, make,
 * decode or read; make is for classes with required fields). */
void emit_class_api(printer *p, const ir_class *c, api_part part);

#endif
