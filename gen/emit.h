/* emit.h - the C emitters: checked IR in, C text out. Nothing here parses or
 * checks; every emitter reads the same ir_module (see ir.h). */
#ifndef GEN_EMIT_H
#define GEN_EMIT_H

#include <stdbool.h>
#include <stdio.h>

#include "ir.h"
#include "printer.h"

/* What to do with the output files. */
typedef struct emit_options {
  const char *outdir;       /* created with its parents when missing */
  bool tests;               /* STEM_test.c too */
  bool check;               /* compare with what is on disk; write nothing */
  const char *clang_format; /* a program to format each file with, or NULL */
} emit_options;

enum { EMIT_MAX_FILES = 3 };

/* Writes OUTDIR/STEM.h, OUTDIR/STEM.c and (with tests) OUTDIR/STEM_test.c,
 * each only when its content changes. Returns 0; with check, 1 when a file
 * is stale or missing, each listed on stderr ("wstypes-gen: PATH is
 * stale"); or prints "wstypes-gen: cannot write PATH: REASON" or
 * "wstypes-gen: out of memory" to stderr and returns -1. */
int emit_module_with(const ir_module *m, const emit_options *o);

/* emit_module_with: all three files, written, unformatted. */
int emit_module(const ir_module *m, const char *outdir);

/* The paths emit_module_with writes, in order (malloc'd, NULL when out of
 * memory; the caller frees them); returns how many. */
size_t emit_output_paths(const ir_module *m, const emit_options *o,
                         char *paths[EMIT_MAX_FILES]);

/* The parts, each writing one file's text through a printer. */
void emit_header(printer *p, const ir_module *m); /* STEM.h */
void emit_source(printer *p, const ir_module *m); /* STEM.c */
void emit_tests(printer *p, const ir_module *m);  /* STEM_test.c */

#endif
