/* depfile.h - --depfile: a make-style dependency file, as `cc -MD -MP`
 * writes one: the outputs depend on every input, and each input gets an
 * empty rule of its own so that deleting one does not stop make. */
#ifndef GEN_DEPFILE_H
#define GEN_DEPFILE_H

#include <stddef.h>

#include "inputs.h"

/* Writes path. Returns 0, or prints "wstypes-gen: cannot write PATH:
 * REASON" and returns -1. */
int depfile_write(const char *path, const char *const *outputs,
                  size_t output_count, const inputs *in);

#endif
