/* emit.c - emit_module: the three output files. Each file's text is printed
 * first, a line at a time, into a spool (an unlinked temporary file: the
 * output can be far larger than the schema and is not held in memory), so
 * that a run that fails, out of memory or otherwise, writes nothing; then,
 * optionally formatted, it is written where it differs from what is on disk
 * (or, with --check, only compared). */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "emit.h"
#include "format.h"
#include "output_file.h"
#include "spool.h"

typedef void (*emit_part_fn)(printer *p, const ir_module *m);

static const struct {
  const char *suffix;
  emit_part_fn part;
} files[] = {{".h", emit_header}, {".c", emit_source}, {"_test.c", emit_tests}};
enum { FILE_COUNT = sizeof files / sizeof files[0] };

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

static int cannot_spool(const char *path) {
  fprintf(stderr, "wstypes-gen: cannot write %s: no room for its text: %s\n",
          path, errno != 0 ? strerror(errno) : "write error");
  return -1;
}

static size_t file_count(const emit_options *o) {
  return o->tests ? FILE_COUNT : FILE_COUNT - 1;
}

size_t emit_output_paths(const ir_module *m, const emit_options *o,
                         char *paths[EMIT_MAX_FILES]) {
  size_t n = file_count(o);
  for (size_t i = 0; i < n; i++)
    paths[i] = output_path(o->outdir, m->stem, files[i].suffix);
  return n;
}

/* Prints file i's text into a new spool (*spool), its lines broken to fit
 * the printer's width unless a formatter follows; 0 or -1 with the message
 * printed. */
static int print_file(FILE **spool, const ir_module *m, size_t i,
                      const char *path, const emit_options *o) {
  errno = 0;
  *spool = spool_new();
  if (*spool == NULL)
    return errno == ENOMEM ? out_of_memory() : cannot_spool(path);
  printer text;
  printer_init(&text);
  printer_spool(&text, *spool);
  /* a formatter lays out the lines: breaks made here would bind it */
  if (o->clang_format != NULL)
    text.width = 0;
  files[i].part(&text, m);
  bool wrote = printer_finish(&text);
  bool ok = !printer_failed(&text), oom = printer_out_of_memory(&text);
  printer_free(&text);
  if (ok && wrote)
    return 0;
  if (oom)
    return out_of_memory();
  if (!wrote)
    return cannot_spool(path);
  /* an unbalanced block is the emitter's bug, not the schema's */
  fprintf(stderr, "wstypes-gen: internal error: unbalanced blocks in %s%s\n",
          m->stem, files[i].suffix);
  return -1;
}

/* Compares one file with --check: 0 current, 1 stale or missing (said on
 * stderr), -1 unreadable. */
static int check_file(const char *path, FILE *text) {
  switch (output_spool_state(path, text)) {
  case OUTPUT_CURRENT:
    return 0;
  case OUTPUT_STALE:
    fprintf(stderr, "wstypes-gen: %s is stale\n", path);
    return 1;
  case OUTPUT_MISSING:
    fprintf(stderr, "wstypes-gen: %s is missing\n", path);
    return 1;
  case OUTPUT_ERROR:
    break;
  }
  return -1;
}

/* Formats, then writes or compares file i. */
static int finish_file(const emit_options *o, const char *path,
                       FILE **text) {
  if (o->clang_format != NULL &&
      format_spool(o->clang_format, path, text) != 0)
    return -1;
  if (o->check)
    return check_file(path, *text);
  return output_spool_update(path, *text);
}

int emit_module_with(const ir_module *m, const emit_options *o) {
  FILE *text[FILE_COUNT] = {NULL};
  char *paths[EMIT_MAX_FILES] = {NULL};
  size_t n = emit_output_paths(m, o, paths);
  int rc = 0;
  for (size_t i = 0; i < n; i++) {
    if (rc == 0 && paths[i] == NULL)
      rc = out_of_memory();
    if (rc == 0)
      rc = print_file(&text[i], m, i, paths[i], o);
  }
  if (rc == 0 && !o->check)
    rc = output_make_dirs(o->outdir);
  for (size_t i = 0; i < n && rc >= 0; i++) {
    int file_rc = finish_file(o, paths[i], &text[i]);
    rc = file_rc < 0 ? -1 : rc > file_rc ? rc : file_rc;
  }
  for (size_t i = 0; i < n; i++) {
    if (text[i] != NULL)
      fclose(text[i]);
    free(paths[i]);
  }
  return rc;
}

int emit_module(const ir_module *m, const char *outdir) {
  emit_options o = {outdir, true, false, NULL};
  return emit_module_with(m, &o);
}
