/* spool.c - unlinked temporary files (spool.h). POSIX (mkstemp, fdopen). */
#define _POSIX_C_SOURCE 200809L
#include "spool.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

FILE *spool_new(void) {
  static const char base[] = "/wstypes-gen-XXXXXX";
  char name[4096];
  const char *dir = getenv("TMPDIR");
  /* no $TMPDIR, or one too long to name a file in: /tmp */
  if (dir == NULL || *dir == '\0' || strlen(dir) >= sizeof name - sizeof base)
    dir = "/tmp";
  snprintf(name, sizeof name, "%s%s", dir, base);
  int fd = mkstemp(name);
  if (fd < 0)
    return NULL;
  unlink(name);
  FILE *f = fdopen(fd, "w+b");
  if (f == NULL) {
    int saved = errno;
    close(fd);
    errno = saved;
  }
  return f;
}
