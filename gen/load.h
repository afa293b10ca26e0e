/* load.h - a schema and every file it imports: found, read, parsed and
 * checked, each file after the files it imports.
 *
 * An import is looked for beside the file that imports it, then in each
 * include directory in turn (wstypes-gen's -I). Every file is read once,
 * however many files import it; an import cycle, a file that cannot be
 * found or read, a class, module name or prefix defined in two files, are
 * errors at their position in the file where they show. Each file keeps
 * its own diagnostics, printed with its own path. */
#ifndef GEN_LOAD_H
#define GEN_LOAD_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

#include "inputs.h"
#include "ir.h"

/* Imports nest at most this deep (a imports b imports c ...). */
#define LOAD_MAX_IMPORT_DEPTH 64

typedef struct load_set load_set;

/* Loads the schema at path and everything it imports. The include
 * directories are borrowed and must outlive the call only. NULL only when
 * memory ran out before anything could be recorded. */
load_set *load_schema(const char *path, const char *const *include_dirs,
                      size_t include_count);
void load_free(load_set *s);

/* Whether anything went wrong: errors in any file, or a file that could not
 * be read, or memory ran out. */
bool load_failed(const load_set *s);

/* Prints what went wrong: each file's diagnostics, the schema's first and
 * then the others in the order they were read. */
void load_print(const load_set *s, FILE *out);

/* The schema's checked module (its imports' modules hang from it, see
 * ir_module.imports); NULL when load_failed. Owned by the set. */
const ir_module *load_module(const load_set *s);

/* Every file read: the schema first, then each import in the order it was
 * first read (paths as the diagnostics name them), for a dependency file. */
const inputs *load_inputs(const load_set *s);
size_t load_file_count(const load_set *s);
const char *load_file_path(const load_set *s, size_t i);

#endif
