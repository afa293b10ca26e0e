/* emit.h - the C emitters: checked IR in, C text out. Nothing here parses or
 * checks; every emitter reads the same ir_module (see ir.h). */
#ifndef GEN_EMIT_H
#define GEN_EMIT_H

#include <stdio.h>

#include "ir.h"

/* Writes OUTDIR/STEM.h, OUTDIR/STEM.c and OUTDIR/STEM_test.c. Returns 0, or
 * prints "wstypes-gen: cannot write PATH: REASON" to stderr and returns -1. */
int emit_module(const ir_module *m, const char *outdir);

/* The parts, each appending to an open file. */
void emit_header(FILE *f, const ir_module *m);   /* STEM.h */
void emit_source(FILE *f, const ir_module *m);   /* STEM.c: all but decoding */
void emit_decoders(FILE *f, const ir_module *m); /* STEM.c: appended after */
/* STEM_test.c: 0, or -1 after saying why on stderr (out of memory). */
int emit_tests(FILE *f, const ir_module *m);

#endif
