/* convert.c - `wstypes convert` and `wstypes validate`: decode through the
 * class's descriptor, then encode in the chosen form. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "tool.h"

/* Decodes text into a fresh object of type and, unless only checking,
 * appends its encoding and a newline to out. Returns 0 or 1. */
static int convert_one(const tool_options *opt, const ws_type *type,
                       const char *text, size_t len, ws_buf *out,
                       ws_error *err) {
  ws_decode_opts dopts = {opt->skip_unknown};
  void *obj = calloc(1, type->size);
  if (!obj) {
    ws_error_set(err, WS_ENOMEM, "out of memory");
    return EXIT_FAILED;
  }
  ws_status st = ws_type_decode(type, obj, text, len, &dopts, err);
  if (st == WS_OK && !opt->check_only) {
    st = type->encode(obj, opt->to, out, err);
    ws_buf_putc(out, '\n');
    if (st == WS_OK && out->status != WS_OK)
      st = ws_error_set(err, out->status, "%s", ws_status_str(out->status));
  }
  type->free(obj);
  free(obj);
  return st == WS_OK ? EXIT_OK : EXIT_FAILED;
}

static int flush(ws_buf *out) {
  if (out->len && fwrite(out->data, 1, out->len, stdout) != out->len) {
    fputs("wstypes: cannot write the output\n", stderr);
    return EXIT_FAILED;
  }
  ws_buf_reset(out);
  return EXIT_OK;
}

static int convert_document(const tool_options *opt, const ws_type *type) {
  size_t len = 0;
  char *text = tool_read_all(opt->input, &len);
  if (!text)
    return EXIT_FAILED;
  ws_buf out;
  ws_error err;
  ws_buf_init(&out);
  ws_error_clear(&err);
  int rc = convert_one(opt, type, text, len, &out, &err);
  if (rc == EXIT_OK)
    rc = flush(&out);
  else
    tool_report(tool_input_name(opt->input), 0, &err);
  ws_buf_free(&out);
  free(text);
  return rc;
}

enum { LINE_OK, LINE_EOF, LINE_NOMEM };

/* One line of a stream into *line (grown as needed, without the newline).
 * Memory is bounded by the longest line. */
static int read_line(FILE *f, char **line, size_t *cap, size_t *len) {
  size_t n = 0;
  int c;
  while ((c = getc(f)) != EOF && c != '\n') {
    if (n + 1 >= *cap) {
      size_t bigger = *cap ? *cap * 2 : 4096;
      char *p = realloc(*line, bigger);
      if (!p)
        return LINE_NOMEM;
      *line = p;
      *cap = bigger;
    }
    (*line)[n++] = (char)c;
  }
  *len = n;
  return c == EOF && n == 0 ? LINE_EOF : LINE_OK;
}

static bool is_blank(const char *s, size_t n) {
  for (size_t i = 0; i < n; i++)
    if (s[i] != ' ' && s[i] != '\t' && s[i] != '\r')
      return false;
  return true;
}

static int convert_lines(const tool_options *opt, const ws_type *type) {
  bool is_stdin = strcmp(opt->input, "-") == 0;
  FILE *f = is_stdin ? stdin : fopen(opt->input, "rb");
  if (!f) {
    tool_read_all(opt->input, &(size_t){0}); /* reports why */
    return EXIT_FAILED;
  }
  char *line = NULL;
  size_t cap = 0, len = 0, lineno = 0;
  ws_buf out;
  ws_error err;
  ws_buf_init(&out);
  int rc = EXIT_OK, got = LINE_OK;
  while (rc == EXIT_OK && (got = read_line(f, &line, &cap, &len)) == LINE_OK) {
    lineno++;
    if (is_blank(line ? line : "", len))
      continue;
    ws_error_clear(&err);
    rc = convert_one(opt, type, line, len, &out, &err);
    if (rc != EXIT_OK)
      tool_report(tool_input_name(opt->input), lineno - 1, &err);
    else if (out.len >= 65536)
      rc = flush(&out);
  }
  if (rc == EXIT_OK && (got == LINE_NOMEM || ferror(f))) {
    fprintf(stderr, "wstypes: cannot read %s: %s\n",
            tool_input_name(opt->input),
            got == LINE_NOMEM ? "out of memory" : "read error");
    rc = EXIT_FAILED;
  }
  /* The records before a bad one are good: they are written. */
  if (flush(&out) != EXIT_OK)
    rc = EXIT_FAILED;
  ws_buf_free(&out);
  free(line);
  if (!is_stdin)
    fclose(f);
  return rc;
}

int tool_convert(const tool_options *opt, const ws_type *type) {
  return opt->lines ? convert_lines(opt, type) : convert_document(opt, type);
}
