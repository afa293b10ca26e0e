/* input.c - reading the tool's input and reporting errors in it. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "tool.h"

const char *tool_input_name(const char *path) {
  return strcmp(path, "-") == 0 ? "<stdin>" : path;
}

static char *read_stream(FILE *f, size_t *len) {
  size_t cap = 65536, n = 0;
  char *buf = malloc(cap + 1);
  while (buf) {
    n += fread(buf + n, 1, cap - n, f);
    if (n < cap)
      break;
    char *bigger = cap > ((size_t)-1) / 4 ? NULL : realloc(buf, cap * 2 + 1);
    if (!bigger) {
      free(buf);
      buf = NULL;
      break;
    }
    buf = bigger;
    cap *= 2;
  }
  if (!buf) {
    errno = ENOMEM;
    return NULL;
  }
  buf[n] = '\0';
  *len = n;
  return buf;
}

void tool_report_unreadable(const char *path) {
  fprintf(stderr, "wstypes: cannot read %s: %s\n", tool_input_name(path),
          strerror(errno ? errno : EIO));
}

char *tool_read_all(const char *path, size_t *len) {
  bool is_stdin = strcmp(path, "-") == 0;
  FILE *f = is_stdin ? stdin : fopen(path, "rb");
  char *text = NULL;
  if (f) {
    text = read_stream(f, len);
    if (text && ferror(f)) {
      free(text);
      text = NULL;
    }
  }
  if (!text)
    tool_report_unreadable(path);
  if (f && !is_stdin)
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
