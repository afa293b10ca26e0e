/* format.c - running clang-format over one generated file's text. The text
 * goes in through a temporary file (so the child never waits on a full pipe
 * the parent is not reading yet) and comes back through a pipe. */
#define _POSIX_C_SOURCE 200809L
#include "format.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <unistd.h>

static int failed(const char *program, const char *path, const char *why) {
  fprintf(stderr, "wstypes-gen: %s failed on %s: %s\n", program, path, why);
  return -1;
}

/* A temporary file holding text; its descriptor, or -1. */
static int temp_file_with(const gstr *text) {
  const char *dir = getenv("TMPDIR");
  char name[4096];
  snprintf(name, sizeof name, "%s/wstypes-gen-XXXXXX",
           dir != NULL && *dir != '\0' ? dir : "/tmp");
  int fd = mkstemp(name);
  if (fd < 0)
    return -1;
  unlink(name);
  const char *p = gstr_cstr(text);
  size_t left = text->len;
  while (left > 0) {
    ssize_t n = write(fd, p, left);
    if (n < 0 && errno == EINTR)
      continue;
    if (n <= 0) {
      close(fd);
      return -1;
    }
    p += n;
    left -= (size_t)n;
  }
  if (lseek(fd, 0, SEEK_SET) != 0) {
    close(fd);
    return -1;
  }
  return fd;
}

/* In the child: stdin from in_fd, stdout to out_fd, then the program. */
static void run_child(const char *program, const char *path, int in_fd,
                      int out_fd) {
  size_t n = strlen(path) + sizeof "--assume-filename=";
  char *assume = malloc(n);
  if (assume != NULL && dup2(in_fd, 0) >= 0 && dup2(out_fd, 1) >= 0) {
    snprintf(assume, n, "--assume-filename=%s", path);
    execlp(program, program, "--style=file", assume, (char *)NULL);
  }
  _exit(127);
}

/* All of fd into out; false on a read error. */
static bool read_all(int fd, gstr *out) {
  char chunk[8192];
  for (;;) {
    ssize_t n = read(fd, chunk, sizeof chunk);
    if (n == 0)
      return true;
    if (n < 0 && errno == EINTR)
      continue;
    if (n < 0)
      return false;
    gstr_put(out, chunk, (size_t)n);
  }
}

int format_text(const char *program, const char *path, gstr *text) {
  int in_fd = temp_file_with(text);
  if (in_fd < 0)
    return failed(program, path, "cannot make a temporary file");
  int pipe_fd[2];
  if (pipe(pipe_fd) != 0) {
    close(in_fd);
    return failed(program, path, strerror(errno));
  }
  pid_t pid = fork();
  if (pid == 0) {
    close(pipe_fd[0]);
    run_child(program, path, in_fd, pipe_fd[1]);
  }
  close(in_fd);
  close(pipe_fd[1]);
  gstr out;
  gstr_init(&out);
  bool read_ok = pid > 0 && read_all(pipe_fd[0], &out);
  close(pipe_fd[0]);
  int status = 0;
  while (pid > 0 && waitpid(pid, &status, 0) < 0 && errno == EINTR) {
  }
  int rc = 0;
  if (pid < 0)
    rc = failed(program, path, "cannot start it");
  else if (!WIFEXITED(status) || WEXITSTATUS(status) == 127)
    rc = failed(program, path, "cannot run it (is it installed?)");
  else if (WEXITSTATUS(status) != 0 || !read_ok || gstr_failed(&out))
    rc = failed(program, path, "it exited with an error");
  if (rc == 0) {
    gstr_free(text);
    *text = out;
  } else {
    gstr_free(&out);
  }
  return rc;
}
