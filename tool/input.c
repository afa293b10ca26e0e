/* input.c - reading the tool's input and reporting errors in it: each way
 * reading can fail has one message, the same with and without --lines. */
#define _POSIX_C_SOURCE 200809L /* fileno, fstat */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "tool.h"

const char *tool_input_name(const char *path) {
  return strcmp(path, "-") == 0 ? "<stdin>" : path;
}

void tool_report_unreadable(const char *path, tool_read_failure why) {
  const char *reason = why == TOOL_READ_TOO_LARGE
                           ? "a document larger than " TOOL_MAX_DOCUMENT_TEXT
                             " (the most the tool reads at once)"
                       : why == TOOL_READ_NOMEM       ? "out of memory"
                       : why == TOOL_READ_DIRECTORY ? "it is a directory"
                                                    : strerror(errno ? errno : EIO);
  fprintf(stderr, "wstypes: cannot read %s: %s\n", tool_input_name(path),
          reason);
}

FILE *tool_open_input(const char *path) {
  if (strcmp(path, "-") == 0)
    return stdin;
  FILE *f = fopen(path, "rb");
  if (!f) {
    tool_report_unreadable(path, TOOL_READ_ERRNO);
    return NULL;
  }
  /* A directory opens on some systems and fails only at the first read,
   * with words that differ from one reader to the next. */
  struct stat st;
  if (fstat(fileno(f), &st) == 0 && S_ISDIR(st.st_mode)) {
    tool_report_unreadable(path, TOOL_READ_DIRECTORY);
    fclose(f);
    return NULL;
  }
  return f;
}

/* The whole stream, up to TOOL_MAX_DOCUMENT bytes: past that (an endless
 * device such as /dev/zero reaches it too) the input is refused before
 * memory runs out. */
static char *read_stream(FILE *f, size_t *len, tool_read_failure *why) {
  size_t cap = 65536, n = 0;
  char *buf = malloc(cap + 1);
  while (buf) {
    n += fread(buf + n, 1, cap - n, f);
    if (n < cap)
      break;
    if (n > TOOL_MAX_DOCUMENT) {
      free(buf);
      *why = TOOL_READ_TOO_LARGE;
      return NULL;
    }
    char *bigger = realloc(buf, cap * 2 + 1);
    if (!bigger) {
      free(buf);
      buf = NULL;
      break;
    }
    buf = bigger;
    cap *= 2;
  }
  if (!buf) {
    *why = TOOL_READ_NOMEM;
    return NULL;
  }
  buf[n] = '\0';
  *len = n;
  return buf;
}

char *tool_read_all(const char *path, size_t *len) {
  FILE *f = tool_open_input(path);
  if (!f)
    return NULL;
  tool_read_failure why = TOOL_READ_ERRNO;
  errno = 0;
  char *text = read_stream(f, len, &why);
  if (text && ferror(f)) {
    free(text);
    text = NULL;
  }
  if (!text)
    tool_report_unreadable(path, why);
  if (f != stdin)
    fclose(f);
  return text;
}

void tool_report(const char *input_name, size_t line_offset,
                 const ws_error *err) {
  ws_error at = *err;
  if (at.line != 0)
    at.line += line_offset; /* --lines: the decoder counted from this line */
  /* Most lines fit in small; a long file name gets a line of its own size,
   * or is cut when even that cannot be had. */
  char small[1024];
  char *text = small;
  size_t n = ws_error_format(&at, input_name, small, sizeof small);
  if (n >= sizeof small) {
    char *whole = malloc(n + 1);
    if (whole) {
      ws_error_format(&at, input_name, whole, n + 1);
      text = whole;
    }
  }
  fprintf(stderr, "%s\n", text);
  if (text != small)
    free(text);
}
