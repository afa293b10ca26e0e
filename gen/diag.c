/* diag.c - collecting and printing diagnostics (see diag.h). */
#include "diag.h"

#include <stdarg.h>
#include <limits.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

typedef struct diag_entry {
  size_t offset;
  bool is_note;
  size_t group_offset, group_seq; /* of the error it belongs to */
  size_t seq;                     /* insertion order */
  const diag *file;               /* where offset is, when not here */
  char *message;
} diag_entry;

struct diag {
  const char *path;
  const char *text;
  size_t len;
  size_t *line_starts; /* byte offset of each line's first byte */
  size_t *line_plain;  /* and of its first byte past 0x7f (or its end):
                          up to there a column is a byte */
  size_t line_count;
  diag_entry *entries;
  size_t count, cap;
  size_t errors;
  bool oom;
  struct { size_t start, end; } *muted; /* diag_mute's spans */
  size_t muted_count, muted_cap;
  bool dropping;  /* the last error was muted: so are its notes */
  size_t stopped; /* diag_stopped_after's count, or 0 */
  /* diag_line_col_onward's last answer, to count on from */
  bool memo_set;
  size_t memo_line, memo_offset, memo_chars;
};

diag *diag_new(const char *path, const char *text, size_t len) {
  diag *d = calloc(1, sizeof *d);
  if (!d) return NULL;
  d->path = path;
  d->text = text;
  d->len = len;
  size_t lines = 1;
  for (size_t i = 0; i < len; i++) lines += text[i] == '\n';
  if (lines > SIZE_MAX / 2 / sizeof *d->line_starts ||
      !(d->line_starts = malloc(2 * lines * sizeof *d->line_starts))) {
    free(d);
    return NULL;
  }
  d->line_plain = d->line_starts + lines;
  d->line_starts[d->line_count++] = 0;
  d->line_plain[0] = len;
  for (size_t i = 0; i < len; i++) {
    size_t li = d->line_count - 1;
    if ((unsigned char)text[i] >= 0x80 && d->line_plain[li] > i) d->line_plain[li] = i;
    if (text[i] == '\n') {
      if (d->line_plain[li] > i) d->line_plain[li] = i;
      d->line_plain[d->line_count] = len;
      d->line_starts[d->line_count++] = i + 1;
    }
  }
  return d;
}

void diag_free(diag *d) {
  if (!d) return;
  for (size_t i = 0; i < d->count; i++) free(d->entries[i].message);
  free(d->entries);
  free(d->muted);
  free(d->line_starts);
  free(d);
}

static size_t line_index(const diag *d, size_t offset) {
  size_t lo = 0, hi = d->line_count; /* the answer is in [lo, hi) */
  while (hi - lo > 1) {
    size_t mid = lo + (hi - lo) / 2;
    if (d->line_starts[mid] <= offset) lo = mid;
    else hi = mid;
  }
  return lo;
}

static unsigned clamp_unsigned(size_t n) { return n > UINT_MAX ? UINT_MAX : (unsigned)n; }

/* One column: a valid UTF-8 character, or a single byte that is not one. */
static size_t unit_len(const diag *d, size_t i) {
  size_t n = diag_utf8_len(d->text + i, d->len - i);
  return n ? n : 1;
}

/* Where to count a line's columns from: its plain ASCII start is counted
 * at once. */
static size_t count_from(const diag *d, size_t li, size_t offset, size_t *chars) {
  size_t plain = d->line_plain[li] < offset ? d->line_plain[li] : offset;
  *chars = plain - d->line_starts[li];
  return plain;
}

void diag_line_col(const diag *d, size_t offset, unsigned *line, unsigned *col) {
  if (offset > d->len) offset = d->len;
  size_t li = line_index(d, offset);
  size_t chars = 0;
  for (size_t i = count_from(d, li, offset, &chars); i < offset; i += unit_len(d, i)) chars++;
  *line = clamp_unsigned(li + 1);
  *col = clamp_unsigned(chars + 1);
}

void diag_line_col_onward(diag *d, size_t offset, unsigned *line, unsigned *col) {
  if (offset > d->len) offset = d->len;
  size_t li = line_index(d, offset);
  size_t chars = 0, i = count_from(d, li, offset, &chars);
  if (d->memo_set && d->memo_offset > i && d->memo_line == li && d->memo_offset <= offset) {
    i = d->memo_offset;
    chars = d->memo_chars;
  }
  for (; i < offset; i += unit_len(d, i)) chars++;
  /* only a character boundary is a place to count on from */
  d->memo_set = i == offset;
  d->memo_line = li;
  d->memo_offset = offset;
  d->memo_chars = chars;
  *line = clamp_unsigned(li + 1);
  *col = clamp_unsigned(chars + 1);
}

size_t diag_utf8_len(const char *s, size_t avail) {
  const unsigned char *u = (const unsigned char *)s;
  if (avail == 0) return 0;
  if (u[0] < 0x80) return 1;
  size_t n;
  uint32_t cp, min;
  if ((u[0] & 0xE0) == 0xC0) n = 2, cp = u[0] & 0x1Fu, min = 0x80;
  else if ((u[0] & 0xF0) == 0xE0) n = 3, cp = u[0] & 0x0Fu, min = 0x800;
  else if ((u[0] & 0xF8) == 0xF0) n = 4, cp = u[0] & 0x07u, min = 0x10000;
  else return 0;
  if (avail < n) return 0;
  for (size_t i = 1; i < n; i++) {
    if ((u[i] & 0xC0) != 0x80) return 0;
    cp = cp << 6 | (u[i] & 0x3Fu);
  }
  if (cp < min || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) return 0;
  return n;
}

static char *vformat(const char *fmt, va_list ap) {
  va_list copy;
  va_copy(copy, ap);
  int n = vsnprintf(NULL, 0, fmt, copy);
  va_end(copy);
  if (n < 0) return NULL;
  char *s = malloc((size_t)n + 1);
  if (s) vsnprintf(s, (size_t)n + 1, fmt, ap);
  return s;
}

static bool is_muted(const diag *d, size_t offset) {
  for (size_t i = 0; i < d->muted_count; i++)
    if (offset >= d->muted[i].start && offset < d->muted[i].end) return true;
  return false;
}

void diag_mute(diag *d, size_t start, size_t end) {
  if (start >= end) return;
  if (d->muted_count == d->muted_cap) {
    size_t cap = d->muted_cap ? d->muted_cap * 2 : 8;
    void *grown = realloc(d->muted, cap * sizeof *d->muted);
    if (!grown) {
      d->oom = true;
      return;
    }
    d->muted = grown;
    d->muted_cap = cap;
  }
  d->muted[d->muted_count].start = start;
  d->muted[d->muted_count++].end = end;
}

void diag_stopped_after(diag *d, size_t shown) { d->stopped = shown; }

static void add(diag *d, const diag *file, size_t offset, bool is_note, const char *fmt,
                va_list ap) {
  const diag *where = file ? file : d;
  /* At the end of a file that ends with a newline, point after the last
   * line's text rather than at an empty line past it. */
  if (offset >= where->len && where->len > 0 && where->text[where->len - 1] == '\n')
    offset = where->len - 1;
  if (is_note && (d->count == 0 || d->dropping)) return;
  if (!is_note) d->dropping = is_muted(d, offset);
  if (d->dropping) return;
  if (d->count == d->cap) {
    size_t cap = d->cap ? d->cap * 2 : 16;
    diag_entry *e = realloc(d->entries, cap * sizeof *e);
    if (!e) {
      d->oom = true;
      return;
    }
    d->entries = e;
    d->cap = cap;
  }
  char *message = vformat(fmt, ap);
  if (!message) {
    d->oom = true;
    return;
  }
  diag_entry *e = &d->entries[d->count];
  e->offset = offset;
  e->is_note = is_note;
  e->file = file;
  e->seq = d->count;
  e->message = message;
  if (is_note) {
    e->group_offset = d->entries[d->count - 1].group_offset;
    e->group_seq = d->entries[d->count - 1].group_seq;
  } else {
    e->group_offset = offset;
    e->group_seq = e->seq;
    d->errors++;
  }
  d->count++;
}

void diag_error(diag *d, size_t offset, const char *fmt, ...) {
  va_list ap;
  va_start(ap, fmt);
  add(d, NULL, offset, false, fmt, ap);
  va_end(ap);
}

void diag_note(diag *d, size_t offset, const char *fmt, ...) {
  va_list ap;
  va_start(ap, fmt);
  add(d, NULL, offset, true, fmt, ap);
  va_end(ap);
}

void diag_note_in(diag *d, const diag *file, size_t offset, const char *fmt, ...) {
  va_list ap;
  va_start(ap, fmt);
  add(d, file, offset, true, fmt, ap);
  va_end(ap);
}

const char *diag_path(const diag *d) { return d->path; }

void diag_out_of_memory(diag *d) { d->oom = true; }
size_t diag_error_count(const diag *d) { return d->errors; }
bool diag_failed(const diag *d) { return d->errors > 0 || d->oom; }

bool diag_has_error_at(const diag *d, size_t offset) {
  for (size_t i = d->count; i-- > 0;)
    if (!d->entries[i].is_note) return d->entries[i].offset == offset;
  return false;
}

bool diag_has_error_saying(const diag *d, size_t offset, const char *message) {
  for (size_t i = 0; i < d->count; i++)
    if (!d->entries[i].is_note && d->entries[i].offset == offset &&
        strcmp(d->entries[i].message, message) == 0)
      return true;
  return false;
}

bool diag_has_any_error_at(const diag *d, size_t offset) {
  for (size_t i = 0; i < d->count; i++)
    if (!d->entries[i].is_note && d->entries[i].offset == offset) return true;
  return false;
}

static int by_position(const void *pa, const void *pb) {
  const diag_entry *a = *(const diag_entry *const *)pa, *b = *(const diag_entry *const *)pb;
  if (a->group_offset != b->group_offset) return a->group_offset < b->group_offset ? -1 : 1;
  if (a->group_seq != b->group_seq) return a->group_seq < b->group_seq ? -1 : 1;
  return a->seq < b->seq ? -1 : a->seq > b->seq;
}

/* The source line, with anything unprintable shown as '?', then a caret under
 * the column (tabs kept so the caret lines up). */
static void print_excerpt(const diag *d, size_t offset, FILE *out) {
  size_t start = d->line_starts[line_index(d, offset)];
  size_t end = start;
  while (end < d->len && d->text[end] != '\n') end++;
  if (end > start && d->text[end - 1] == '\r') end--;
  for (size_t i = start; i < end;) {
    unsigned char b = (unsigned char)d->text[i];
    size_t n = diag_utf8_len(d->text + i, end - i);
    if (b == '\t' || (n == 1 && b >= 0x20 && b != 0x7F)) fputc(b, out);
    else if (n > 1) fwrite(d->text + i, 1, n, out);
    else fputc('?', out);
    i += n ? n : 1;
  }
  fputc('\n', out);
  for (size_t i = start; i < offset && i < end; i += unit_len(d, i))
    fputc(d->text[i] == '\t' ? '\t' : ' ', out);
  fputs("^\n", out);
}

void diag_print(const diag *d, FILE *out) {
  const diag_entry **order = malloc((d->count ? d->count : 1) * sizeof *order);
  if (!order) {
    fputs("wstypes-gen: out of memory\n", out);
    return;
  }
  for (size_t i = 0; i < d->count; i++) order[i] = &d->entries[i];
  qsort(order, d->count, sizeof *order, by_position);
  for (size_t i = 0; i < d->count; i++) {
    const diag *where = order[i]->file ? order[i]->file : d;
    unsigned line, col;
    diag_line_col(where, order[i]->offset, &line, &col);
    fprintf(out, "%s:%u:%u: %s: %s\n", where->path, line, col,
            order[i]->is_note ? "note" : "error", order[i]->message);
    print_excerpt(where, order[i]->offset, out);
  }
  free(order);
  if (d->stopped)
    fprintf(out, "%s: too many errors; stopped reading after the first %zu\n", d->path, d->stopped);
  if (d->oom) fputs("wstypes-gen: out of memory\n", out);
}
