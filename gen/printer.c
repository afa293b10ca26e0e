/* printer.c - the growable string and the line printer of printer.h. */
#include "printer.h"
#include "printer_wrap.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

/* ---- gstr ------------------------------------------------------------------- */

void gstr_init(gstr *s) {
  s->data = NULL;
  s->len = 0;
  s->cap = 0;
  s->failed = false;
}

void gstr_free(gstr *s) {
  free(s->data);
  gstr_init(s);
}

void gstr_reset(gstr *s) {
  s->len = 0;
  if (s->data != NULL)
    s->data[0] = '\0';
}

/* Room for `more` bytes and a NUL after len; false (and failed) when the
 * memory cannot be had. Grows by doubling, so appends cost O(1) amortised. */
static bool reserve(gstr *s, size_t more) {
  if (s->failed)
    return false;
  if (more >= SIZE_MAX - s->len) {
    s->failed = true;
    return false;
  }
  size_t need = s->len + more + 1;
  if (need <= s->cap)
    return true;
  size_t cap = s->cap < 64 ? 64 : s->cap;
  while (cap < need)
    cap = cap > SIZE_MAX / 2 ? need : cap * 2;
  char *data = realloc(s->data, cap);
  if (data == NULL) {
    s->failed = true;
    return false;
  }
  s->data = data;
  s->cap = cap;
  return true;
}

void gstr_put(gstr *s, const char *p, size_t n) {
  if (!reserve(s, n))
    return;
  if (n > 0)
    memcpy(s->data + s->len, p, n);
  s->len += n;
  s->data[s->len] = '\0';
}

void gstr_puts(gstr *s, const char *z) { gstr_put(s, z, strlen(z)); }

void gstr_putc(gstr *s, char c) { gstr_put(s, &c, 1); }

/* Most pieces are short: print straight into the spare room (made at least
 * PRINTF_ROOM bytes), and only when that was too small grow to the length
 * vsnprintf gave and print again. Measuring first into a one-byte buffer
 * cost as much as printing twice, and most of the generator's time. */
enum { PRINTF_ROOM = 256 };

void gstr_vprintf(gstr *s, const char *fmt, va_list ap) {
  va_list again;
  va_copy(again, ap);
  if (reserve(s, PRINTF_ROOM)) {
    size_t room = s->cap - s->len;
    int n = vsnprintf(s->data + s->len, room, fmt, ap);
    if (n < 0) { /* an encoding error: nothing sensible to append */
      s->data[s->len] = '\0';
      s->failed = true;
    } else if ((size_t)n < room) {
      s->len += (size_t)n;
    } else if (reserve(s, (size_t)n)) {
      vsnprintf(s->data + s->len, (size_t)n + 1, fmt, again);
      s->len += (size_t)n;
    } else {
      s->data[s->len] = '\0'; /* the cut text goes: it stays as it was */
    }
  }
  va_end(again);
}

void gstr_printf(gstr *s, const char *fmt, ...) {
  va_list ap;
  va_start(ap, fmt);
  gstr_vprintf(s, fmt, ap);
  va_end(ap);
}

/* One byte of a string literal; prev is the byte before it, so the second
 * '?' of a pair is escaped and no "??x" trigraph forms. */
static void put_literal_byte(gstr *s, unsigned char c, unsigned char prev) {
  switch (c) {
  case '"': gstr_puts(s, "\\\""); return;
  case '\\': gstr_puts(s, "\\\\"); return;
  case '\n': gstr_puts(s, "\\n"); return;
  case '\r': gstr_puts(s, "\\r"); return;
  case '\t': gstr_puts(s, "\\t"); return;
  case '?': gstr_puts(s, prev == '?' ? "\\?" : "?"); return;
  default: break;
  }
  if (c < 0x20 || c >= 0x7f)
    gstr_printf(s, "\\%03o", (unsigned)c);
  else
    gstr_putc(s, (char)c);
}

void gstr_put_c_string(gstr *s, const char *p, size_t n) {
  unsigned char prev = 0;
  gstr_putc(s, '"');
  for (size_t i = 0; i < n; i++) {
    put_literal_byte(s, (unsigned char)p[i], prev);
    prev = (unsigned char)p[i];
  }
  gstr_putc(s, '"');
}

const char *gstr_cstr(const gstr *s) { return s->data != NULL ? s->data : ""; }

bool gstr_failed(const gstr *s) { return s->failed; }

/* ---- printer ------------------------------------------------------------------ */

void printer_init(printer *p) {
  gstr_init(&p->out);
  p->sink = NULL;
  p->sink_failed = false;
  p->depth = 0;
  p->in_line = false;
  p->unbalanced = false;
  p->line_at = 0;
  p->width = PRINTER_WIDTH;
}

void printer_free(printer *p) {
  gstr_free(&p->out);
  printer_init(p);
}

/* Hands the text held to the sink (keeping the buffer for what follows). */
static void spill(printer *p) {
  if (p->out.len > 0 && !p->out.failed &&
      fwrite(p->out.data, 1, p->out.len, p->sink) != p->out.len)
    p->sink_failed = true;
  gstr_reset(&p->out);
}

/* At the end of a line: spill when spooling and enough is held. */
static void line_done(printer *p) {
  if (p->sink != NULL && p->out.len >= PRINTER_SPOOL_AT)
    spill(p);
}

void printer_spool(printer *p, FILE *sink) { p->sink = sink; }

bool printer_finish(printer *p) {
  if (p->sink == NULL)
    return true;
  spill(p);
  if (fflush(p->sink) != 0 || ferror(p->sink))
    p->sink_failed = true;
  return !p->sink_failed;
}

static void put_indent(printer *p) {
  for (unsigned i = 0; i < p->depth; i++)
    gstr_put(&p->out, "  ", 2);
}

void pr_begin(printer *p) {
  if (p->in_line)
    p->unbalanced = true;
  p->in_line = true;
  put_indent(p);
  p->line_at = p->out.len;
}

/* The line begun at line_at, when wider than the width, broken into lines
 * that are not (where it can be). */
static void break_if_wide(printer *p) {
  size_t n = p->out.len - p->line_at, indent = 2 * (size_t)p->depth;
  if (p->width == 0 || p->out.failed || p->line_at > p->out.len || indent + n <= p->width)
    return; /* (bytes are never fewer than columns) */
  gstr line;
  gstr_init(&line);
  gstr_put(&line, p->out.data + p->line_at, n);
  if (line.failed) {
    p->out.failed = true;
  } else {
    p->out.len = p->line_at;
    p->out.data[p->out.len] = '\0';
    wrap_c_line(&p->out, line.data, line.len, indent, p->width);
  }
  gstr_free(&line);
}

void pr_end(printer *p) {
  if (!p->in_line)
    p->unbalanced = true;
  else
    break_if_wide(p);
  p->in_line = false;
  gstr_putc(&p->out, '\n');
  line_done(p);
}

void pr_add(printer *p, const char *fmt, ...) {
  va_list ap;
  va_start(ap, fmt);
  gstr_vprintf(&p->out, fmt, ap);
  va_end(ap);
}

void pr_add_str(printer *p, const gstr *s) {
  if (s->failed)
    p->out.failed = true;
  gstr_put(&p->out, gstr_cstr(s), s->len);
}

void pr_add_c_string(printer *p, const char *s, size_t n) {
  gstr_put_c_string(&p->out, s, n);
}

void pr_add_quoted(printer *p, const gstr *s) {
  if (s->failed)
    p->out.failed = true;
  gstr_put_c_string(&p->out, gstr_cstr(s), s->len);
}

void pr_line_of(printer *p, const gstr *s) {
  pr_begin(p);
  pr_add_str(p, s);
  pr_end(p);
}

void pr_line(printer *p, const char *fmt, ...) {
  va_list ap;
  pr_begin(p);
  va_start(ap, fmt);
  gstr_vprintf(&p->out, fmt, ap);
  va_end(ap);
  pr_end(p);
}

void pr_blank(printer *p) {
  if (p->in_line)
    p->unbalanced = true;
  gstr_putc(&p->out, '\n');
  line_done(p);
}

void pr_open(printer *p, const char *fmt, ...) {
  va_list ap;
  pr_begin(p);
  size_t before = p->out.len;
  va_start(ap, fmt);
  gstr_vprintf(&p->out, fmt, ap);
  va_end(ap);
  gstr_puts(&p->out, p->out.len > before ? " {" : "{");
  pr_end(p);
  p->depth++;
}

/* One level out; a close with none open is the emitter's bug, recorded. */
static void dedent(printer *p) {
  if (p->depth == 0)
    p->unbalanced = true;
  else
    p->depth--;
}

void pr_close(printer *p, const char *tail) {
  dedent(p);
  pr_begin(p);
  gstr_putc(&p->out, '}');
  gstr_puts(&p->out, tail);
  pr_end(p);
}

void pr_reopen(printer *p, const char *fmt, ...) {
  va_list ap;
  dedent(p);
  pr_begin(p);
  gstr_puts(&p->out, "} ");
  va_start(ap, fmt);
  gstr_vprintf(&p->out, fmt, ap);
  va_end(ap);
  gstr_puts(&p->out, " {");
  pr_end(p);
  p->depth++;
}

void pr_raw(printer *p, const char *text) {
  gstr_puts(&p->out, text);
  if (!p->in_line)
    line_done(p);
}

bool printer_out_of_memory(const printer *p) { return p->out.failed; }

bool printer_failed(const printer *p) {
  return p->out.failed || p->unbalanced || p->in_line || p->depth != 0;
}

const char *printer_text(const printer *p) { return gstr_cstr(&p->out); }

bool printer_write(const printer *p, FILE *f) {
  if (p->out.len > 0)
    fwrite(p->out.data, 1, p->out.len, f);
  return !ferror(f);
}

void pr_add_n(printer *p, const char *s, size_t n) { gstr_put(&p->out, s, n); }

void pr_open_of(printer *p, const gstr *s) {
  if (s->failed)
    p->out.failed = true;
  pr_open(p, "%s", gstr_cstr(s));
}

void pr_close_of(printer *p, const gstr *tail) {
  if (tail->failed)
    p->out.failed = true;
  pr_close(p, gstr_cstr(tail));
}
