/* main.c - wstypes-gen: reads a schema, checks it, writes C.
 *
 *   wstypes-gen [-I DIR]... [-o OUTDIR] SCHEMA   write OUTDIR/STEM.{h,c} and STEM_test.c
 *   wstypes-gen [-I DIR]... --check SCHEMA       parse and check only
 *
 * Exit status: 0 done, 1 schema errors (or the schema cannot be read or the
 * output written), 2 usage errors. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "diag.h"
#include "emit.h"
#include "load.h"

#define WSTYPES_GEN_VERSION "0.1.0"

static const char usage[] =
    "usage: wstypes-gen [-I DIR]... [-o OUTDIR] SCHEMA\n"
    "       wstypes-gen [-I DIR]... --check SCHEMA\n"
    "\n"
    "Reads a wstypes schema (.wst) and writes OUTDIR/STEM.h, OUTDIR/STEM.c and\n"
    "OUTDIR/STEM_test.c, where STEM is the schema's file name without .wst.\n"
    "An imported schema is read and checked, not written: generate it with its\n"
    "own run. The header includes its header by file name (\"common.h\").\n"
    "\n"
    "  -I DIR      where to look for imports after the importing file's own\n"
    "              directory; repeatable, searched in the order given\n"
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
  const char **include_dirs; /* -I, in order */
  size_t include_count;
} options;

static int usage_error(const char *fmt, const char *arg) {
  fputs("wstypes-gen: ", stderr);
  fprintf(stderr, fmt, arg);
  fputs("\nTry 'wstypes-gen --help'.\n", stderr);
  return 2;
}

/* Returns -1 to go on, or the exit status. o->include_dirs has room for
 * every argument. */
static int parse_args(int argc, char **argv, options *o) {
  for (int i = 1; i < argc; i++) {
    const char *a = argv[i];
    if (strcmp(a, "--help") == 0 || strcmp(a, "-h") == 0) {
      fputs(usage, stdout);
      return 0;
    } else if (strcmp(a, "--version") == 0) {
      puts("wstypes-gen " WSTYPES_GEN_VERSION);
      return 0;
    } else if (strcmp(a, "--check") == 0) {
      o->check_only = 1;
    } else if (strcmp(a, "-o") == 0) {
      if (++i == argc) return usage_error("%s needs a directory", a);
      o->outdir = argv[i];
    } else if (strcmp(a, "-I") == 0) {
      if (++i == argc) return usage_error("%s needs a directory", a);
      o->include_dirs[o->include_count++] = argv[i];
    } else if (strncmp(a, "-I", 2) == 0) {
      o->include_dirs[o->include_count++] = a + 2;
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

static int generate(const options *o) {
  load_set *s = load_schema(o->schema, o->include_dirs, o->include_count);
  if (!s) {
    fputs("wstypes-gen: out of memory\n", stderr);
    return 1;
  }
  const ir_module *m = load_module(s);
  int status = 0;
  if (!m) {
    load_print(s, stderr);
    status = 1;
  } else if (!o->check_only && emit_module(m, o->outdir) != 0) {
    status = 1;
  }
  load_free(s);
  return status;
}

int main(int argc, char **argv) {
  options o = {".", NULL, 0, NULL, 0};
  o.include_dirs = calloc((size_t)argc, sizeof *o.include_dirs);
  if (!o.include_dirs) {
    fputs("wstypes-gen: out of memory\n", stderr);
    return 1;
  }
  int status = parse_args(argc, argv, &o);
  if (status < 0) status = generate(&o);
  free(o.include_dirs);
  return status;
}
