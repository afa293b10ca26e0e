/* convert.c - `wstypes convert` and `wstypes validate`: decode through the
 * class's descriptor, then encode in the chosen form. */
#include <errno.h>
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
    st = type->encode(type, obj, opt->to, out, err);
    ws_buf_putc(out, '\n');
    if (st == WS_OK && out->status != WS_OK)
      st = ws_error_set(err, out->status, "%s", ws_status_str(out->status));
  }
  type->free(type, obj);
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

enum { LINE_OK, LINE_EOF, LINE_NOMEM, LINE_TOO_LARGE };

/* Reads a stream a block at a time and hands out its lines. Memory is
 * bounded by the longest line plus one block, not by the stream. */
typedef struct line_reader {
  FILE *f;
  char *buf;
  size_t cap;
  size_t start; /* the next line begins here */
  size_t end;   /* bytes read into buf */
  bool eof;
} line_reader;

/* Moves the unread bytes to the front and reads more, growing the buffer
 * when a line fills it. */
static int refill(line_reader *lr) {
  if (lr->start > 0) {
    memmove(lr->buf, lr->buf + lr->start, lr->end - lr->start);
    lr->end -= lr->start;
    lr->start = 0;
  }
  if (lr->cap - lr->end < 4096) {
    if (lr->end > TOOL_MAX_DOCUMENT) /* all of it one line so far */
      return LINE_TOO_LARGE;
    size_t bigger = lr->cap ? lr->cap * 2 : 65536;
    char *p = bigger > lr->cap ? realloc(lr->buf, bigger) : NULL;
    if (!p)
      return LINE_NOMEM;
    lr->buf = p;
    lr->cap = bigger;
  }
  size_t got = fread(lr->buf + lr->end, 1, lr->cap - lr->end, lr->f);
  lr->end += got;
  lr->eof = got == 0;
  return LINE_OK;
}

/* The next line, without its newline, in *line / *len (valid until the
 * next call). Embedded NULs stay in the line, for the decoder to refuse. */
static int next_line(line_reader *lr, const char **line, size_t *len) {
  size_t scanned = lr->start;
  for (;;) {
    char *nl = lr->end > scanned
                   ? memchr(lr->buf + scanned, '\n', lr->end - scanned)
                   : NULL;
    if (nl) {
      *line = lr->buf + lr->start;
      *len = (size_t)(nl - *line);
      lr->start += *len + 1;
      return LINE_OK;
    }
    if (lr->eof) {
      if (lr->start == lr->end)
        return LINE_EOF;
      *line = lr->buf + lr->start; /* a last line without a newline */
      *len = lr->end - lr->start;
      lr->start = lr->end;
      return LINE_OK;
    }
    scanned = lr->end - lr->start; /* offsets move to the front */
    int filled = refill(lr);
    if (filled != LINE_OK)
      return filled;
  }
}

static bool is_blank(const char *s, size_t n) {
  for (size_t i = 0; i < n; i++)
    if (s[i] != ' ' && s[i] != '\t' && s[i] != '\r')
      return false;
  return true;
}

static int convert_lines(const tool_options *opt, const ws_type *type) {
  FILE *f = tool_open_input(opt->input);
  if (!f)
    return EXIT_FAILED;
  errno = 0;
  line_reader lr = {f, NULL, 0, 0, 0, false};
  const char *line;
  size_t len = 0, lineno = 0;
  ws_buf out;
  ws_error err;
  ws_buf_init(&out);
  int rc = EXIT_OK, got = LINE_OK;
  while (rc == EXIT_OK && (got = next_line(&lr, &line, &len)) == LINE_OK) {
    lineno++;
    if (is_blank(line, len))
      continue;
    ws_error_clear(&err);
    rc = convert_one(opt, type, line, len, &out, &err);
    if (rc != EXIT_OK)
      tool_report(tool_input_name(opt->input), lineno - 1, &err);
    else if (out.len >= 65536)
      rc = flush(&out);
  }
  if (rc == EXIT_OK && (got == LINE_NOMEM || got == LINE_TOO_LARGE || ferror(f))) {
    tool_report_unreadable(opt->input, got == LINE_NOMEM       ? TOOL_READ_NOMEM
                                       : got == LINE_TOO_LARGE ? TOOL_READ_TOO_LARGE
                                                               : TOOL_READ_ERRNO);
    rc = EXIT_FAILED;
  }
  /* The records before a bad one are good: they are written. */
  if (flush(&out) != EXIT_OK)
    rc = EXIT_FAILED;
  ws_buf_free(&out);
  free(lr.buf);
  if (f != stdin)
    fclose(f);
  return rc;
}

int tool_convert(const tool_options *opt, const ws_type *type) {
  return opt->lines ? convert_lines(opt, type) : convert_document(opt, type);
}
