/* depfile.c - writing the make-style dependency file of --depfile. */
#include "depfile.h"

#include <errno.h>
#include <stdbool.h>
#include <stdio.h>
#include <string.h>

/* A path as make reads it: a space, '#' or '\' before one of those is
 * escaped with '\', and '$' doubled. */
static void put_path(FILE *f, const char *path) {
  for (const char *p = path; *p != '\0'; p++) {
    if (*p == ' ' || *p == '#' || *p == '\t')
      fputc('\\', f);
    else if (*p == '$')
      fputc('$', f);
    fputc(*p, f);
  }
}

static void put_rules(FILE *f, const char *const *outputs,
                      size_t output_count, const inputs *in) {
  for (size_t i = 0; i < output_count; i++) {
    if (i > 0)
      fputc(' ', f);
    put_path(f, outputs[i]);
  }
  fputc(':', f);
  for (size_t i = 0; i < in->len; i++) {
    fputs(" \\\n  ", f);
    put_path(f, in->paths[i]);
  }
  fputc('\n', f);
  for (size_t i = 0; i < in->len; i++) {
    fputc('\n', f);
    put_path(f, in->paths[i]);
    fputs(":\n", f);
  }
}

int depfile_write(const char *path, const char *const *outputs,
                  size_t output_count, const inputs *in) {
  errno = 0;
  FILE *f = fopen(path, "w");
  bool ok = f != NULL;
  if (ok) {
    put_rules(f, outputs, output_count, in);
    ok = !ferror(f);
    ok = fclose(f) == 0 && ok;
  }
  if (ok)
    return 0;
  fprintf(stderr, "wstypes-gen: cannot write %s: %s\n", path,
          errno != 0 ? strerror(errno) : "write error");
  return -1;
}
