/* inputs.h - the files the generator reads. Every file it reads (the schema
 * given, and any file a schema pulls in) goes through inputs_read, which
 * remembers its path: the one list that --depfile writes out. */
#ifndef GEN_INPUTS_H
#define GEN_INPUTS_H

#include <stdbool.h>
#include <stddef.h>

typedef struct inputs {
  char **paths; /* in the order they were read */
  size_t len, cap;
} inputs;

void inputs_init(inputs *in);
void inputs_free(inputs *in);

/* The whole file at path, NUL-terminated, its length in *len; path is
 * added to the list. NULL with errno set when it cannot be read (or the
 * list cannot grow: ENOMEM). The caller frees the text. */
char *inputs_read(inputs *in, const char *path, size_t *len);

#endif
