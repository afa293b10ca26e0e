/* output_file.c - comparing and writing generated files; creating the
 * output directory. POSIX (mkdir, rename). */
#define _POSIX_C_SOURCE 200809L
#include "output_file.h"

#include <errno.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

static int cannot(const char *what, const char *path) {
  fprintf(stderr, "wstypes-gen: cannot %s %s: %s\n", what, path,
          errno != 0 ? strerror(errno) : "write error");
  return -1;
}

/* Whether two streams hold the same bytes, read to their ends; *failed
 * when either cannot be read. */
static bool same_streams(FILE *a, FILE *b, bool *failed) {
  char x[8192], y[8192];
  for (;;) {
    size_t n = fread(x, 1, sizeof x, a), m = fread(y, 1, sizeof y, b);
    *failed = ferror(a) != 0 || ferror(b) != 0;
    if (n != m || memcmp(x, y, n) != 0 || *failed)
      return false;
    if (n < sizeof x)
      return true;
  }
}

static bool rewound(FILE *f) { return fflush(f) == 0 && fseek(f, 0, SEEK_SET) == 0; }

output_state output_spool_state(const char *path, FILE *text) {
  if (!rewound(text)) {
    fprintf(stderr, "wstypes-gen: cannot read the text for %s\n", path);
    return OUTPUT_ERROR;
  }
  FILE *f = fopen(path, "rb");
  if (f == NULL) {
    if (errno == ENOENT)
      return OUTPUT_MISSING;
    fprintf(stderr, "wstypes-gen: cannot read %s: %s\n", path,
            strerror(errno));
    return OUTPUT_ERROR;
  }
  bool failed = false;
  bool same = same_streams(f, text, &failed);
  fclose(f);
  if (failed) {
    fprintf(stderr, "wstypes-gen: cannot read %s\n", path);
    return OUTPUT_ERROR;
  }
  return same ? OUTPUT_CURRENT : OUTPUT_STALE;
}

/* Copies the stream to tmp, then renames it to path. */
static int copy_then_rename(const char *tmp, const char *path, FILE *text) {
  errno = 0;
  FILE *f = rewound(text) ? fopen(tmp, "wb") : NULL;
  if (f == NULL)
    return cannot("write", path);
  char chunk[8192];
  size_t n;
  bool ok = true;
  while (ok && (n = fread(chunk, 1, sizeof chunk, text)) > 0)
    ok = fwrite(chunk, 1, n, f) == n;
  ok = ok && !ferror(text) && !ferror(f);
  ok = fclose(f) == 0 && ok;
  if (ok && rename(tmp, path) == 0)
    return 0;
  int saved = errno;
  remove(tmp);
  errno = saved;
  return cannot("write", path);
}

int output_spool_update(const char *path, FILE *text) {
  output_state state = output_spool_state(path, text);
  if (state == OUTPUT_CURRENT)
    return 0;
  if (state == OUTPUT_ERROR)
    return -1;
  size_t n = strlen(path) + sizeof ".tmp";
  char *tmp = malloc(n);
  if (tmp == NULL) {
    fprintf(stderr, "wstypes-gen: out of memory\n");
    return -1;
  }
  snprintf(tmp, n, "%s.tmp", path);
  int rc = copy_then_rename(tmp, path, text);
  free(tmp);
  return rc;
}

/* mkdir that is content when the directory is there already. */
static bool make_dir(const char *dir) {
  struct stat st;
  if (mkdir(dir, 0777) == 0)
    return true;
  return errno == EEXIST && stat(dir, &st) == 0 && S_ISDIR(st.st_mode);
}

int output_make_dirs(const char *dir) {
  size_t n = strlen(dir);
  char *path = malloc(n + 1);
  if (path == NULL) {
    fprintf(stderr, "wstypes-gen: out of memory\n");
    return -1;
  }
  memcpy(path, dir, n + 1);
  bool ok = true;
  /* each parent in turn, then dir itself */
  for (size_t i = 1; i <= n && ok; i++) {
    if (path[i] != '/' && path[i] != '\0')
      continue;
    char saved = path[i];
    path[i] = '\0';
    if (i == n || path[i + 1] != '/')
      ok = make_dir(path);
    path[i] = saved;
  }
  free(path);
  if (ok)
    return 0;
  return cannot("create", dir);
}
