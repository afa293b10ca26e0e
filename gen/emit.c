/* emit.c - emit_module: the three output files. The header and the source
 * are printed in memory first, so that a run that runs out of memory
 * writes neither; each file is checked for write errors once, when it is
 * closed. */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "emit.h"

typedef void (*emit_part_fn)(printer *p, const ir_module *m);

/* OUTDIR/STEMsuffix, or NULL when out of memory. */
static char *output_path(const char *outdir, const char *stem,
                         const char *suffix) {
  size_t len = strlen(outdir) + 1 + strlen(stem) + strlen(suffix) + 1;
  char *path = malloc(len);
  if (path != NULL)
    snprintf(path, len, "%s/%s%s", outdir, stem, suffix);
  return path;
}

static int out_of_memory(void) {
  fprintf(stderr, "wstypes-gen: out of memory\n");
  return -1;
}

static int cannot_write(const char *path) {
  fprintf(stderr, "wstypes-gen: cannot write %s: %s\n", path,
          errno != 0 ? strerror(errno) : "write error");
  return -1;
}

/* Writes OUTDIR/STEMsuffix: the printer's text. */
static int write_file(const char *outdir, const ir_module *m,
                      const char *suffix, const printer *text) {
  char *path = output_path(outdir, m->stem, suffix);
  int rc = 0;
  if (path == NULL)
    return out_of_memory();
  errno = 0;
  FILE *f = fopen(path, "w");
  if (f == NULL) {
    rc = cannot_write(path);
  } else {
    bool written = printer_write(text, f) && !ferror(f);
    if (fclose(f) != 0 || !written)
      rc = cannot_write(path);
  }
  free(path);
  return rc;
}

int emit_module(const ir_module *m, const char *outdir) {
  static const struct {
    const char *suffix;
    emit_part_fn part;
  } files[] = {{".h", emit_header}, {".c", emit_source}, {"_test.c", emit_tests}};
  enum { N = sizeof files / sizeof files[0] };
  printer text[N];
  int rc = 0;
  for (size_t i = 0; i < N; i++) {
    printer_init(&text[i]);
    files[i].part(&text[i], m);
    if (printer_failed(&text[i]) && rc == 0) {
      /* an unbalanced block is the emitter's bug, not the schema's */
      rc = printer_out_of_memory(&text[i])
               ? out_of_memory()
               : (fprintf(stderr, "wstypes-gen: internal error: unbalanced "
                                  "blocks in %s%s\n",
                          m->stem, files[i].suffix),
                  -1);
    }
  }
  for (size_t i = 0; i < N && rc == 0; i++)
    rc = write_file(outdir, m, files[i].suffix, &text[i]);
  for (size_t i = 0; i < N; i++)
    printer_free(&text[i]);
  return rc;
}
