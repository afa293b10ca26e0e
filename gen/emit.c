/* emit.c - emit_module: the three output files. Each file's text is printed
 * in memory first, so that a run that runs out of memory writes nothing;
 * then, optionally formatted, it is written where it differs from what is
 * on disk (or, with --check, only compared). */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "emit.h"
#include "format.h"
#include "output_file.h"

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

/* Prints file i's text; 0 or -1 with the message printed. */
static int print_file(printer *text, const ir_module *m, size_t i) {
  files[i].part(text, m);
  if (!printer_failed(text))
    return 0;
  if (printer_out_of_memory(text))
    return out_of_memory();
  /* an unbalanced block is the emitter's bug, not the schema's */
  fprintf(stderr, "wstypes-gen: internal error: unbalanced blocks in %s%s\n",
          m->stem, files[i].suffix);
  return -1;
}

/* Compares one file with --check: 0 current, 1 stale or missing (said on
 * stderr), -1 unreadable. */
static int check_file(const char *path, const gstr *text) {
  switch (output_file_state(path, gstr_cstr(text), text->len)) {
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
                       printer *text) {
  if (o->clang_format != NULL &&
      format_text(o->clang_format, path, &text->out) != 0)
    return -1;
  if (o->check)
    return check_file(path, &text->out);
  return output_file_update(path, gstr_cstr(&text->out), text->out.len);
}

int emit_module_with(const ir_module *m, const emit_options *o) {
  printer text[FILE_COUNT];
  char *paths[EMIT_MAX_FILES] = {NULL};
  size_t n = emit_output_paths(m, o, paths);
  int rc = 0;
  for (size_t i = 0; i < n; i++) {
    printer_init(&text[i]);
    if (rc == 0 && paths[i] == NULL)
      rc = out_of_memory();
    if (rc == 0)
      rc = print_file(&text[i], m, i);
  }
  if (rc == 0 && !o->check)
    rc = output_make_dirs(o->outdir);
  for (size_t i = 0; i < n && rc >= 0; i++) {
    int file_rc = finish_file(o, paths[i], &text[i]);
    rc = file_rc < 0 ? -1 : rc > file_rc ? rc : file_rc;
  }
  for (size_t i = 0; i < n; i++) {
    printer_free(&text[i]);
    free(paths[i]);
  }
  return rc;
}

int emit_module(const ir_module *m, const char *outdir) {
  emit_options o = {outdir, true, false, NULL};
  return emit_module_with(m, &o);
}
