/* inputs.c - reading the generator's input files, and the list of them. */
#include "inputs.h"

#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

void inputs_init(inputs *in) { memset(in, 0, sizeof *in); }

void inputs_free(inputs *in) {
  for (size_t i = 0; i < in->len; i++)
    free(in->paths[i]);
  free(in->paths);
  inputs_init(in);
}

static bool remember(inputs *in, const char *path) {
  if (in->len == in->cap) {
    size_t cap = in->cap ? in->cap * 2 : 4;
    char **grown = realloc(in->paths, cap * sizeof *grown);
    if (grown == NULL)
      return false;
    in->paths = grown;
    in->cap = cap;
  }
  size_t n = strlen(path) + 1;
  char *copy = malloc(n);
  if (copy == NULL)
    return false;
  memcpy(copy, path, n);
  in->paths[in->len++] = copy;
  return true;
}

/* The whole stream, NUL-terminated; NULL with errno set on failure. */
static char *read_all(FILE *f, size_t *len) {
  errno = 0;
  size_t cap = 1 << 16, used = 0;
  char *buf = malloc(cap);
  while (buf != NULL) {
    used += fread(buf + used, 1, cap - used - 1, f);
    if (used < cap - 1)
      break;
    char *grown = cap <= SIZE_MAX / 2 ? realloc(buf, cap * 2) : NULL;
    if (grown == NULL) {
      free(buf);
      buf = NULL;
      break;
    }
    buf = grown;
    cap *= 2;
  }
  if (buf == NULL) {
    errno = ENOMEM;
    return NULL;
  }
  if (ferror(f)) {
    int e = errno ? errno : EIO; /* a directory reads as EISDIR */
    free(buf);
    errno = e;
    return NULL;
  }
  buf[used] = '\0';
  *len = used;
  /* Kept while the run lasts: a schema that imports thousands of small
   * files must not hold 64 KiB for each. A failure to shrink is out of
   * memory like any other (so that the allocation sweeps see every one). */
  char *fitted = used + 1 < cap ? realloc(buf, used + 1) : buf;
  if (fitted == NULL) {
    free(buf);
    errno = ENOMEM;
  }
  return fitted;
}

char *inputs_read(inputs *in, const char *path, size_t *len) {
  FILE *f = fopen(path, "rb");
  if (f == NULL)
    return NULL;
  char *text = read_all(f, len);
  fclose(f);
  if (text != NULL && !remember(in, path)) {
    free(text);
    errno = ENOMEM;
    return NULL;
  }
  return text;
}
