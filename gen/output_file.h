/* output_file.h - a generated file on disk: written only when its content
 * changes (so that make rebuilds nothing a regeneration left as it was),
 * or compared without writing (--check). */
#ifndef GEN_OUTPUT_FILE_H
#define GEN_OUTPUT_FILE_H

#include <stdio.h>

typedef enum output_state {
  OUTPUT_CURRENT, /* the file holds exactly the text */
  OUTPUT_STALE,   /* it holds something else */
  OUTPUT_MISSING, /* there is no such file */
  OUTPUT_ERROR    /* it cannot be read: message printed */
} output_state;

/* How the file at path compares with the text held in a stream (a spool,
 * see spool.h), read from its start. */
output_state output_spool_state(const char *path, FILE *text);

/* Makes path hold the stream's text, leaving the file alone when it does
 * already. Writes a temporary file beside it and renames it into place, so
 * a failed write never leaves a cut file. Returns 0, or prints "wstypes-gen:
 * cannot write PATH: REASON" and returns -1. */
int output_spool_update(const char *path, FILE *text);

/* Creates dir and its missing parents. Returns 0, or prints "wstypes-gen:
 * cannot create DIR: REASON" and returns -1. */
int output_make_dirs(const char *dir);

#endif
