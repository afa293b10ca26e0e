/* format.c - running clang-format over one generated file's text. The text
 * goes in from its spool and comes back into another (files both ways, so
 * the child never waits on a full pipe and nothing is held in memory). */
#define _POSIX_C_SOURCE 200809L
#include "format.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <unistd.h>

#include "spool.h"

static int failed(const char *program, const char *path, const char *why) {
  fprintf(stderr, "wstypes-gen: %s failed on %s: %s\n", program, path, why);
  return -1;
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

/* Runs the program from in to out; 0, or -1 with the message printed. */
static int run_program(const char *program, const char *path, FILE *in,
                       FILE *out) {
  if (fflush(in) != 0 || fseek(in, 0, SEEK_SET) != 0 ||
      lseek(fileno(in), 0, SEEK_SET) != 0)
    return failed(program, path, "cannot read the text back");
  pid_t pid = fork();
  if (pid == 0)
    run_child(program, path, fileno(in), fileno(out));
  int status = 0;
  while (pid > 0 && waitpid(pid, &status, 0) < 0 && errno == EINTR) {
  }
  if (pid < 0)
    return failed(program, path, "cannot start it");
  if (!WIFEXITED(status) || WEXITSTATUS(status) == 127)
    return failed(program, path, "cannot run it (is it installed?)");
  if (WEXITSTATUS(status) != 0)
    return failed(program, path, "it exited with an error");
  return 0;
}

int format_spool(const char *program, const char *path, FILE **text) {
  FILE *out = spool_new();
  if (out == NULL)
    return failed(program, path, "cannot make a temporary file");
  if (run_program(program, path, *text, out) != 0) {
    fclose(out);
    return -1;
  }
  fclose(*text);
  *text = out;
  return 0;
}
