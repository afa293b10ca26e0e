/* emit.c - emit_module: the three output files, each written by its
 * emitters and checked for write errors once at the end. */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "emit.h"

/* A part returns 0, or -1 after saying why on stderr. */
typedef int (*emit_part_fn)(FILE *f, const ir_module *m);

/* The parts that cannot fail but on write errors, which ferror catches. */
static int header_part(FILE *f, const ir_module *m) {
  emit_header(f, m);
  return 0;
}

static int source_part(FILE *f, const ir_module *m) {
  emit_source(f, m);
  emit_decoders(f, m);
  return 0;
}

/* OUTDIR/STEMsuffix, or NULL when out of memory. */
static char *output_path(const char *outdir, const char *stem,
                         const char *suffix) {
  size_t len = strlen(outdir) + 1 + strlen(stem) + strlen(suffix) + 1;
  char *path = malloc(len);
  if (path != NULL)
    snprintf(path, len, "%s/%s%s", outdir, stem, suffix);
  return path;
}

/* Writes one file from its parts (NULL-terminated list). */
static int write_file(const char *path, const ir_module *m,
                      const emit_part_fn *parts) {
  FILE *f = fopen(path, "w");
  int failed;
  if (f == NULL) {
    fprintf(stderr, "wstypes-gen: cannot write %s: %s\n", path,
            strerror(errno));
    return -1;
  }
  for (; *parts != NULL; parts++)
    if ((*parts)(f, m) != 0) {
      fclose(f);
      return -1;
    }
  failed = ferror(f);
  if (fclose(f) != 0 || failed) {
    fprintf(stderr, "wstypes-gen: cannot write %s: %s\n", path,
            errno != 0 ? strerror(errno) : "write error");
    return -1;
  }
  return 0;
}

int emit_module(const ir_module *m, const char *outdir) {
  static const emit_part_fn header[] = {header_part, NULL};
  static const emit_part_fn source[] = {source_part, NULL};
  static const emit_part_fn tests[] = {emit_tests, NULL};
  static const struct {
    const char *suffix;
    const emit_part_fn *parts;
  } files[] = {{".h", header}, {".c", source}, {"_test.c", tests}};

  for (size_t i = 0; i < sizeof files / sizeof files[0]; i++) {
    char *path = output_path(outdir, m->stem, files[i].suffix);
    int rc;
    if (path == NULL) {
      fprintf(stderr, "wstypes-gen: out of memory\n");
      return -1;
    }
    errno = 0;
    rc = write_file(path, m, files[i].parts);
    free(path);
    if (rc != 0)
      return -1;
  }
  return 0;
}
