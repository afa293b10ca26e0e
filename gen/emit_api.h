/* emit_api.h - the public functions of a generated module, from one table
 * of signatures that writes both the header's prototypes and the source's
 * definitions, so that the two cannot disagree (docs/generated-api.md says
 * what each function does). */
#ifndef GEN_EMIT_API_H
#define GEN_EMIT_API_H

#include "emit_names.h"
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

/* The names of the public functions of composite t or, when t is NULL, of
 * class c: every row of the table that applies to t, every row for c. */
void emit_api_names(const ir_type *t, const ir_class *c, emit_name_fn each, void *ctx);

/* make's own parameter and local ("v", "args"; NULL-terminated): a
 * parameter for a field of the same name takes a '_'. */
extern const char *const emit_make_own_names[];

/* The name of make's parameter for field fd (the field's name, or with '_'
 * appended where make's own names would clash). */
void emit_make_param_name(gstr *s, const ir_field *fd);

#endif
