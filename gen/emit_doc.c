/* emit_doc.c - docs as comments (see emit_doc.h). */
#include "emit_doc.h"

#include <string.h>

size_t text_columns(const char *text, size_t n) {
  size_t columns = 0;
  for (size_t i = 0; i < n; i++)
    columns += ((unsigned char)text[i] & 0xC0) != 0x80; /* not a continuation byte */
  return columns;
}

void put_comment_text(gstr *s, const char *text, size_t n) {
  for (size_t i = 0; i < n; i++) {
    gstr_putc(s, text[i]);
    bool closes = text[i] == '*' && i + 1 < n && text[i + 1] == '/';
    bool opens = text[i] == '/' && i + 1 < n && text[i + 1] == '*';
    if (closes || opens)
      gstr_putc(s, ' ');
  }
}

/* text[0..n) without its trailing blanks. */
static size_t trimmed(const char *text, size_t n) {
  while (n > 0 && (text[n - 1] == ' ' || text[n - 1] == '\t'))
    n--;
  return n;
}

/* The length of the first piece of text[0..n) that fits in `budget`
 * columns, broken at a space (never at the blanks that start the text); a
 * first word wider than the budget is the piece. *rest is where the text
 * after the piece starts, past the spaces at the break. */
static size_t first_piece(const char *text, size_t n, size_t budget, size_t *rest) {
  size_t start = 0, cut = 0;
  while (start < n && text[start] == ' ')
    start++;
  if (text_columns(text, n) <= budget) {
    *rest = n;
    return n;
  }
  for (size_t i = start; i < n; i++) {
    if (text[i] != ' ' || text[i - 1] == ' ')
      continue;
    if (cut > 0 && text_columns(text, i) > budget)
      break;
    cut = i;
    if (text_columns(text, i) > budget)
      break; /* the first word alone is too wide */
  }
  if (cut == 0)
    cut = n;
  size_t after = cut;
  while (after < n && text[after] == ' ')
    after++;
  *rest = after;
  return cut;
}

/* One line of a comment: its lead ("/" "* ", " * ", or " *" before nothing),
 * the text, and the comment's end when `last`. */
static void emit_comment_line(printer *p, const char *lead, const char *text, size_t n,
                              bool last) {
  gstr line;
  gstr_init(&line);
  n = trimmed(text, n);
  gstr_puts(&line, n == 0 && strcmp(lead, " * ") == 0 ? " *" : lead);
  /* a trigraph backslash ending the line would splice it with the next */
  bool splices = !last && n >= 3 && memcmp(text + n - 3, "?\?/", 3) == 0;
  put_comment_text(&line, text, splices ? n - 1 : n);
  if (splices)
    gstr_puts(&line, " /");
  if (last)
    gstr_puts(&line, " */");
  pr_begin(p);
  pr_add_str(p, &line);
  pr_end(p);
  gstr_free(&line);
}

void emit_doc(printer *p, const char *doc) {
  if (doc == NULL || doc[0] == '\0')
    return;
  size_t indent = 2 * (size_t)p->depth, lead = 3; /* "/" "* " or " * " */
  size_t room = DOC_WIDTH > indent + lead + 3 ? DOC_WIDTH - indent - lead : 3;
  const char *lead_text = "/* ";
  for (const char *at = doc;;) {
    size_t n = strcspn(at, "\n");
    bool last_line = at[n] == '\0';
    /* the last line also holds the end of the comment, " *" "/" */
    size_t budget = last_line ? room - 3 : room;
    size_t done = 0;
    do {
      size_t rest;
      size_t len = first_piece(at + done, n - done, budget, &rest);
      bool last = last_line && done + rest >= n;
      emit_comment_line(p, lead_text, at + done, len, last);
      lead_text = " * ";
      done += rest;
    } while (done < n);
    if (last_line)
      return;
    at += n + 1;
  }
}

/* The comment beside line i of run into `text` (empty when none): its
 * note, then its doc when `with_doc`. */
static void put_beside(gstr *text, const doc_run *run, size_t i, bool with_doc) {
  const char *doc = with_doc ? run->doc(run->ctx, i) : "";
  gstr_reset(text);
  if (run->note != NULL)
    run->note(text, run->ctx, i);
  if (doc[0] != '\0' && text->len > 0)
    gstr_puts(text, ": ");
  gstr_puts(text, doc);
}

static size_t gstr_columns(const gstr *s) { return text_columns(gstr_cstr(s), s->len); }

/* The column the comments beside run's lines start at, lined up one space
 * past the widest line that has one, when all its docs fit there; 0 when
 * they do not. */
static size_t beside_column(const printer *p, const doc_run *run, gstr *line, gstr *text) {
  size_t widest = 0, longest = 0;
  for (size_t i = 0; i < run->count; i++) {
    if (strchr(run->doc(run->ctx, i), '\n') != NULL)
      return 0;
    put_beside(text, run, i, true);
    if (text->len == 0)
      continue;
    gstr_reset(line);
    run->put_line(line, run->ctx, i);
    if (gstr_columns(line) > widest)
      widest = gstr_columns(line);
    size_t trimmed_len = trimmed(gstr_cstr(text), text->len);
    if (text_columns(gstr_cstr(text), trimmed_len) > longest)
      longest = text_columns(gstr_cstr(text), trimmed_len);
  }
  size_t column = 2 * (size_t)p->depth + widest + 1;
  return column + sizeof "/* " - 1 + longest + sizeof " */" - 1 <= DOC_WIDTH ? column : 0;
}

void emit_doc_run(printer *p, const doc_run *run) {
  gstr line, text;
  gstr_init(&line);
  gstr_init(&text);
  size_t column = beside_column(p, run, &line, &text);
  for (size_t i = 0; i < run->count; i++) {
    if (column == 0)
      emit_doc(p, run->doc(run->ctx, i));
    gstr_reset(&line);
    run->put_line(&line, run->ctx, i);
    put_beside(&text, run, i, column != 0);
    if (text.len > 0) {
      /* lined up when the docs are beside, else one space after */
      size_t at = 2 * (size_t)p->depth + gstr_columns(&line);
      do
        gstr_putc(&line, ' ');
      while (++at < column);
      gstr_puts(&line, "/* ");
      put_comment_text(&line, gstr_cstr(&text), trimmed(gstr_cstr(&text), text.len));
      gstr_puts(&line, " */");
    }
    if (gstr_failed(&text))
      line.failed = true;
    pr_line_of(p, &line);
  }
  gstr_free(&line);
  gstr_free(&text);
}
