/* main.c - wstypes-gen: reads a schema, checks it, writes C.
 *
 *   wstypes-gen [-I DIR]... [-o OUTDIR] [--no-tests] [--clang-format[=PROG]]
 *               [--depfile FILE] SCHEMA    write OUTDIR/STEM.{h,c}, STEM_test.c
 *   wstypes-gen --check [-o OUTDIR] ... SCHEMA   compare them with the disk
 *   wstypes-gen [-I DIR]... --lint SCHEMA         parse and check only
 *
 * Exit status: 0 done, 1 schema errors (or the schema cannot be read, the
 * output written, or --check found a stale file), 2 usage errors. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "depfile.h"
#include "emit.h"
#include "load.h"

/* -DWSTYPES_VERSION=X.Y.Z: the Makefile takes it from the file VERSION. */
#ifndef WSTYPES_VERSION
#error "build with -DWSTYPES_VERSION=X.Y.Z"
#endif
#define VERSION_TEXT(v) #v
#define VERSION_STRING(v) VERSION_TEXT(v)

static const char usage[] =
    "usage: wstypes-gen [-I DIR]... [-o OUTDIR] [--no-tests]\n"
    "                   [--clang-format[=PROGRAM]] [--depfile FILE] [--check]\n"
    "                   SCHEMA\n"
    "       wstypes-gen [-I DIR]... --lint SCHEMA\n"
    "\n"
    "Reads a wstypes schema (.wst) and writes OUTDIR/STEM.h, OUTDIR/STEM.c and\n"
    "OUTDIR/STEM_test.c, where STEM is the schema's file name without .wst.\n"
    "A file is rewritten only when its content changes. An imported schema is\n"
    "read and checked, not written: generate it with its own run. The header\n"
    "includes its header by file name (\"common.h\").\n"
    "\n"
    "  -I DIR           where to look for imports after the importing file's\n"
    "                   own directory; repeatable, searched in the order given\n"
    "  -o OUTDIR        where to write (default: the current directory);\n"
    "                   created when missing\n"
    "  --no-tests       do not write STEM_test.c\n"
    "  --clang-format[=PROGRAM]\n"
    "                   format each file with clang-format (or PROGRAM) in\n"
    "                   the style of the .clang-format above OUTDIR\n"
    "  --depfile FILE   also write a make-style dependency file: the outputs\n"
    "                   depend on the schema and every file it imports\n"
    "  --check          write nothing: exit 0 when the files in OUTDIR are\n"
    "                   what would be written, else list each stale or\n"
    "                   missing file and exit 1\n"
    "  --lint           parse and check the schema only; write nothing\n"
    "  --help           show this help\n"
    "  --version        show the version\n"
    "\n"
    "Exit status: 0 done, 1 schema errors or stale files, 2 usage errors.\n";

typedef struct options {
  emit_options emit;
  const char *schema;
  const char *depfile;
  int lint;
  const char **include_dirs; /* -I, in order */
  size_t include_count;
} options;

static int usage_error(const char *fmt, const char *arg) {
  fputs("wstypes-gen: ", stderr);
  fprintf(stderr, fmt, arg);
  fputs("\nTry 'wstypes-gen --help'.\n", stderr);
  return 2;
}

/* An option that takes a value: the next argument. */
static int take_value(int argc, char **argv, int *i, const char **out) {
  if (*i + 1 == argc)
    return usage_error("%s needs a value", argv[*i]);
  *out = argv[++*i];
  return -1;
}

/* Returns -1 to go on, or the exit status. o->include_dirs has room for
 * every argument. */
static int parse_args(int argc, char **argv, options *o) {
  int status = -1;
  for (int i = 1; i < argc && status < 0; i++) {
    const char *a = argv[i];
    if (strcmp(a, "--help") == 0 || strcmp(a, "-h") == 0) {
      fputs(usage, stdout);
      return 0;
    } else if (strcmp(a, "--version") == 0) {
      puts("wstypes-gen " VERSION_STRING(WSTYPES_VERSION));
      return 0;
    } else if (strcmp(a, "--lint") == 0) {
      o->lint = 1;
    } else if (strcmp(a, "--check") == 0) {
      o->emit.check = true;
    } else if (strcmp(a, "--no-tests") == 0) {
      o->emit.tests = false;
    } else if (strcmp(a, "--clang-format") == 0) {
      o->emit.clang_format = "clang-format";
    } else if (strncmp(a, "--clang-format=", 15) == 0 && a[15] != '\0') {
      o->emit.clang_format = a + 15;
    } else if (strcmp(a, "-o") == 0) {
      status = take_value(argc, argv, &i, &o->emit.outdir);
    } else if (strcmp(a, "--depfile") == 0) {
      status = take_value(argc, argv, &i, &o->depfile);
    } else if (strcmp(a, "-I") == 0) {
      status = take_value(argc, argv, &i, &o->include_dirs[o->include_count++]);
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
  if (status < 0 && !o->schema)
    return usage_error("%s", "no schema given");
  return status;
}

/* --depfile: the outputs depend on every file read. */
static int write_depfile(const options *o, const ir_module *m,
                         const inputs *in) {
  char *paths[EMIT_MAX_FILES] = {NULL};
  size_t n = emit_output_paths(m, &o->emit, paths);
  int rc = 0;
  for (size_t i = 0; i < n; i++)
    if (paths[i] == NULL)
      rc = -1;
  if (rc != 0)
    fputs("wstypes-gen: out of memory\n", stderr);
  else
    rc = depfile_write(o->depfile, (const char *const *)paths, n, in);
  for (size_t i = 0; i < n; i++)
    free(paths[i]);
  return rc;
}

/* Emits (or checks) the module; the exit status. */
static int emit(const options *o, const ir_module *m, const inputs *in) {
  if (o->lint)
    return 0;
  int rc = emit_module_with(m, &o->emit);
  if (rc == 0 && o->depfile != NULL && !o->emit.check)
    rc = write_depfile(o, m, in);
  return rc == 0 ? 0 : 1;
}

static int generate(const options *o) {
  load_set *s = load_schema(o->schema, o->include_dirs, o->include_count);
  if (!s) {
    fputs("wstypes-gen: out of memory\n", stderr);
    return 1;
  }
  const ir_module *m = load_module(s);
  int status = 1;
  if (!m)
    load_print(s, stderr);
  else
    status = emit(o, m, load_inputs(s));
  load_free(s);
  return status;
}

int main(int argc, char **argv) {
  options o = {{".", true, false, NULL}, NULL, NULL, 0, NULL, 0};
  o.include_dirs = calloc((size_t)argc, sizeof *o.include_dirs);
  if (!o.include_dirs) {
    fputs("wstypes-gen: out of memory\n", stderr);
    return 1;
  }
  int status = parse_args(argc, argv, &o);
  if (status < 0)
    status = generate(&o);
  free(o.include_dirs);
  return status;
}
