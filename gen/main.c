/* main.c - wstypes-gen: reads a schema, checks it, writes C.
 *
 *   wstypes-gen [-o OUTDIR] SCHEMA     write OUTDIR/STEM.{h,c} and STEM_test.c
 *   wstypes-gen --check SCHEMA         parse and check only
 *
 * Exit status: 0 done, 1 schema errors (or the schema cannot be read or the
 * output written), 2 usage errors. */
#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "check.h"
#include "diag.h"
#include "emit.h"
#include "parse.h"

/* -DWSTYPES_VERSION=X.Y.Z: the Makefile takes it from the file VERSION. */
#ifndef WSTYPES_VERSION
#error "build with -DWSTYPES_VERSION=X.Y.Z"
#endif
#define VERSION_TEXT(v) #v
#define VERSION_STRING(v) VERSION_TEXT(v)

static const char usage[] =
    "usage: wstypes-gen [-o OUTDIR] SCHEMA\n"
    "       wstypes-gen --check SCHEMA\n"
    "\n"
    "Reads a wstypes schema (.wst) and writes OUTDIR/STEM.h, OUTDIR/STEM.c and\n"
    "OUTDIR/STEM_test.c, where STEM is the schema's file name without .wst.\n"
    "\n"
    "  -o OUTDIR   where to write (default: the current directory)\n"
    "  --check     parse and check the schema only; write nothing\n"
    "  --help      show this help\n"
    "  --version   show the version\n"
    "\n"
    "Exit status: 0 done, 1 schema errors, 2 usage errors.\n";

typedef struct options {
  const char *outdir;
  const char *schema;
  int check_only;
} options;

static int usage_error(const char *fmt, const char *arg) {
  fputs("wstypes-gen: ", stderr);
  fprintf(stderr, fmt, arg);
  fputs("\nTry 'wstypes-gen --help'.\n", stderr);
  return 2;
}

/* Returns -1 to go on, or the exit status. */
static int parse_args(int argc, char **argv, options *o) {
  for (int i = 1; i < argc; i++) {
    const char *a = argv[i];
    if (strcmp(a, "--help") == 0 || strcmp(a, "-h") == 0) {
      fputs(usage, stdout);
      return 0;
    } else if (strcmp(a, "--version") == 0) {
      puts("wstypes-gen " VERSION_STRING(WSTYPES_VERSION));
      return 0;
    } else if (strcmp(a, "--check") == 0) {
      o->check_only = 1;
    } else if (strcmp(a, "-o") == 0) {
      if (++i == argc) return usage_error("%s needs a directory", a);
      o->outdir = argv[i];
    } else if (a[0] == '-' && a[1] != '\0') {
      return usage_error("unknown option '%s'", a);
    } else if (o->schema) {
      return usage_error("one schema at a time ('%s' is one too many)", a);
    } else {
      o->schema = a;
    }
  }
  if (!o->schema) return usage_error("%s", "no schema given");
  return -1;
}

/* Reads the whole file; NULL with errno set on failure. */
static char *read_file(const char *path, size_t *len) {
  FILE *f = fopen(path, "rb");
  if (!f) return NULL;
  size_t cap = 1 << 16, used = 0;
  char *buf = malloc(cap);
  while (buf) {
    used += fread(buf + used, 1, cap - used, f);
    if (used < cap) break;
    char *grown = cap <= SIZE_MAX / 2 ? realloc(buf, cap * 2) : NULL;
    if (!grown) {
      free(buf);
      buf = NULL;
      errno = ENOMEM;
      break;
    }
    buf = grown;
    cap *= 2;
  }
  int failed = ferror(f);
  fclose(f);
  if (buf && failed) {
    free(buf);
    errno = EIO;
    return NULL;
  }
  *len = used;
  return buf;
}

static int generate(const options *o, const char *text, size_t len) {
  diag *d = diag_new(o->schema, text, len);
  if (!d) {
    fputs("wstypes-gen: out of memory\n", stderr);
    return 1;
  }
  ast_module *ast = parse_schema(text, len, d);
  ir_module *m = ast ? check_schema(ast, o->schema, d) : NULL;
  int status = 0;
  if (!m) {
    diag_print(d, stderr);
    status = 1;
  } else if (!o->check_only && emit_module(m, o->outdir) != 0) {
    status = 1;
  }
  ir_module_free(m);
  ast_module_free(ast);
  diag_free(d);
  return status;
}

int main(int argc, char **argv) {
  options o = {".", NULL, 0};
  int status = parse_args(argc, argv, &o);
  if (status >= 0) return status;
  size_t len = 0;
  char *text = read_file(o.schema, &len);
  if (!text) {
    fprintf(stderr, "wstypes-gen: cannot read %s: %s\n", o.schema, strerror(errno));
    return 1;
  }
  status = generate(&o, text, len);
  free(text);
  return status;
}
