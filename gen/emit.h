/* emit.h - the C emitters: checked IR in, C text out. Nothing here parses or
 * checks; every emitter reads the same ir_module (see ir.h). */
#ifndef GEN_EMIT_H
#define GEN_EMIT_H

#include <stdio.h>

#include "ir.h"
#include "printer.h"

/* Writes OUTDIR/STEM.h, OUTDIR/STEM.c and OUTDIR/STEM_test.c. Returns 0, or
 * prints "wstypes-gen: cannot write PATH: REASON" or "wstypes-gen: out of
 * memory" to stderr and returns -1. */
int emit_module(const ir_module *m, const char *outdir);

/* The parts, each writing one file's text through a printer. */
void emit_header(printer *p, const ir_module *m); /* STEM.h */
void emit_source(printer *p, const ir_module *m); /* STEM.c */
void emit_tests(printer *p, const ir_module *m);  /* STEM_test.c */

#endif
