/* printer_wrap.c - breaking long lines of C (see printer_wrap.h).
 *
 * One pass finds the places a line may break and what each costs (its
 * level: the nesting it is at, doubled, so that lower is outer). Then the
 * line is laid out with the breaks chosen so far, column by column; at the
 * first column past the width, the best place on that physical line is
 * chosen and that physical line is laid out again. Each round chooses one
 * more break, so it ends; each physical line is laid out about once per
 * break it gets, so the cost grows with the length, not its square. */
#include "printer_wrap.h"

#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

typedef enum {
  AFTER_COMMA,    /* "f(a," | "b)": the next line lines up after "(" */
  AFTER_OPEN,     /* "f(" | "a, b)": the next line is four columns in */
  AFTER_ASSIGN,   /* "x =" | "value": four columns in */
  AFTER_OPERATOR, /* "A |" | "B": lines up with the first operand */
  IN_STRING       /* "abc" | "def": lines up with the first quote */
} break_kind;

/* Levels of the splits of a string literal, after everything else. */
enum { LEVEL_NEWLINE = 1000, LEVEL_SPACE, LEVEL_ANYWHERE };

typedef struct place {
  size_t pos;      /* the line would end before text[pos] */
  size_t resume;   /* and the next start at text[resume] (past blanks) */
  unsigned level;  /* lower is better */
  break_kind kind;
  size_t depth;    /* brackets open at pos */
  bool chosen;
  size_t widest;   /* after a comma: the widest head of its group's items
                      from here on (an item's head: up to its first place) */
  size_t col;      /* layout: the column the line would end at */
  size_t cont;     /* layout: the column the next line would start at */
} place;

/* What each byte of the line is, for the layout. */
enum { CODE, QUOTE, LITERAL };

typedef struct wrap {
  const char *text;
  size_t n, indent, width;
  unsigned char *role; /* CODE, QUOTE (a string literal's opening quote), LITERAL */
  place *at;
  size_t count, cap;
  size_t openers;      /* brackets in the line: the most that can be open */
  bool failed;
} wrap;

typedef struct group {
  size_t cont;      /* where a break after one of its commas continues */
  size_t arg_start; /* the column its current item starts at */
} group;

static bool is_opener(char c) { return c == '(' || c == '[' || c == '{'; }
static bool is_closer(char c) { return c == ')' || c == ']' || c == '}'; }

static size_t columns_of(char c) { return ((unsigned char)c & 0xC0) != 0x80; }

static void add(wrap *w, size_t pos, unsigned level, break_kind kind, size_t depth) {
  size_t resume = pos;
  while (resume < w->n && w->text[resume] == ' ')
    resume++;
  if (resume >= w->n || is_closer(w->text[resume]) || w->failed)
    return; /* nothing would follow on the next line */
  if (w->count == w->cap) {
    size_t cap = w->cap < 16 ? 16 : 2 * w->cap;
    place *at = realloc(w->at, cap * sizeof *at);
    if (at == NULL) {
      w->failed = true;
      return;
    }
    w->at = at;
    w->cap = cap;
  }
  w->at[w->count++] = (place){.pos = pos, .resume = resume, .level = level,
                              .kind = kind, .depth = depth};
}

/* ---- finding the places ------------------------------------------------------ */

/* The end of the literal (string or character) whose quote is at i: past
 * its closing quote, or the end of the line. */
static size_t literal_end(const wrap *w, size_t i) {
  char quote = w->text[i];
  for (i++; i < w->n; i++) {
    if (w->text[i] == '\\')
      i++;
    else if (w->text[i] == quote)
      return i + 1;
  }
  return w->n;
}

/* The splits of the string literal text[from..to): after each escape or
 * character, never inside an escape or a UTF-8 character, never leaving a
 * piece empty. */
static void add_string_splits(wrap *w, size_t from, size_t to, size_t depth) {
  const char *t = w->text;
  size_t k = from + 1, last = to - 1; /* the closing quote */
  while (k < last) {
    unsigned level = t[k] == ' ' ? LEVEL_SPACE : LEVEL_ANYWHERE;
    size_t next = k + 1;
    if (t[k] == '\\') {
      level = t[k + 1] == 'n' ? LEVEL_NEWLINE : LEVEL_ANYWHERE;
      next = k + 2;
      for (size_t d = 0; d < 2 && next < last && t[next] >= '0' && t[next] <= '7' &&
                         t[k + 1] >= '0' && t[k + 1] <= '7'; d++)
        next++; /* an octal escape: up to three digits */
    }
    if (next < last && columns_of(t[next]) == 1)
      add(w, next, level, IN_STRING, depth);
    k = next;
  }
}

/* An operator a line may break after: a spaced "|", "||" or "&&". Its
 * length, or 0. */
static size_t operator_at(const wrap *w, size_t i) {
  const char *t = w->text;
  if (i == 0 || t[i - 1] != ' ')
    return 0;
  size_t len = (t[i] == '|' && t[i + 1] == '|') || (t[i] == '&' && t[i + 1] == '&') ? 2
               : t[i] == '|'                                                          ? 1
                                                                                      : 0;
  return len > 0 && i + len < w->n && t[i + len] == ' ' ? len : 0;
}

/* A top-level "=" that is an assignment or an initialiser, spaced, with
 * something other than a string literal after it (a string is better
 * split than moved). */
static bool assign_at(const wrap *w, size_t i) {
  const char *t = w->text;
  if (t[i] != '=' || i == 0 || t[i - 1] != ' ' || i + 1 >= w->n || t[i + 1] != ' ')
    return false;
  size_t j = i + 1;
  while (j < w->n && t[j] == ' ')
    j++;
  return j < w->n && t[j] != '"';
}

static void find_places(wrap *w) {
  const char *t = w->text;
  size_t depth = 0;
  for (size_t i = 0; i < w->n && !w->failed;) {
    char c = t[i];
    if (c == '"' || c == '\'') {
      size_t end = literal_end(w, i);
      memset(w->role + i, LITERAL, end - i);
      if (c == '"') {
        w->role[i] = QUOTE;
        if (end - i >= 2 && t[end - 1] == '"')
          add_string_splits(w, i, end, depth);
      }
      i = end;
      continue;
    }
    if (c == '/' && i + 1 < w->n && (t[i + 1] == '*' || t[i + 1] == '/')) {
      size_t end = i + 2;
      while (end < w->n && !(t[i + 1] == '*' && t[end - 1] == '*' && t[end] == '/' &&
                             end - 1 > i + 1))
        end++;
      end = end < w->n ? end + 1 : w->n; /* past the comment's end, or the line's */
      memset(w->role + i, LITERAL, end - i);
      i = end;
      continue;
    }
    size_t op = operator_at(w, i);
    if (is_opener(c)) {
      depth++;
      w->openers++;
      add(w, i + 1, 2 * (unsigned)depth, AFTER_OPEN, depth);
    } else if (is_closer(c) && depth > 0) {
      depth--;
    } else if (c == ',') {
      add(w, i + 1, 2 * (unsigned)depth, AFTER_COMMA, depth);
    } else if (depth == 0 && assign_at(w, i)) {
      add(w, i + 1, 0, AFTER_ASSIGN, depth);
    } else if (op > 0) {
      add(w, i + op, depth == 0 ? 0 : 2 * (unsigned)depth + 1, AFTER_OPERATOR, depth);
      i += op;
      continue;
    }
    i++;
  }
}

/* ---- laying the line out -------------------------------------------------------- */

static size_t columns_between(const wrap *w, size_t from, size_t to) {
  size_t columns = 0;
  for (size_t i = from; i < to && i < w->n; i++)
    columns += columns_of(w->text[i]);
  return columns;
}

/* Each comma's `widest`, from the last place back: a bracket's own place
 * (after it) starts its group, so the running widest at its depth starts
 * again there. `widest` holds a slot per depth (openers + 1). Linear: the
 * heads do not overlap. */
static void measure_items(wrap *w, size_t *widest) {
  memset(widest, 0, (w->openers + 1) * sizeof *widest);
  for (size_t k = w->count; k-- > 0;) {
    place *pl = &w->at[k];
    if (pl->kind == AFTER_OPEN) {
      widest[pl->depth] = 0;
    } else if (pl->kind == AFTER_COMMA) {
      size_t head_end = k + 1 < w->count ? w->at[k + 1].pos : w->n;
      size_t head = columns_between(w, pl->resume, head_end);
      widest[pl->depth] = pl->widest = head > widest[pl->depth] ? head : widest[pl->depth];
    }
  }
}

/* A break after a comma lines up badly when an item from there to its
 * bracket's end would not fit where its continuation lines up (the bracket
 * is far to the right): breaking after the bracket is better. An item
 * counts up to its first place to break (a string literal in it can be
 * split, a call in it broken). */
static bool lines_up_badly(const wrap *w, const place *pl) {
  return pl->kind == AFTER_COMMA && pl->cont + pl->widest > w->width;
}

/* The place to break the physical line whose places are at[first..last),
 * which starts at column line_col and runs past the width: among those that
 * gain anything and keep the line within the width, the outermost, the
 * latest of them (one whose continuation lines up badly only when no other
 * will do); when none keeps it within, the first that gains. `count` when
 * none gains. */
static size_t best_place(const wrap *w, size_t first, size_t last, size_t line_col) {
  size_t best = w->count, poor = w->count, fallback = w->count;
  unsigned best_level = 0, poor_level = 0;
  for (size_t k = first; k < last; k++) {
    const place *pl = &w->at[k];
    if (pl->cont + (pl->kind == IN_STRING) >= pl->col)
      continue; /* the next line would start no further left */
    if (fallback == w->count)
      fallback = k;
    if (pl->col > w->width)
      continue;
    /* a "\n" in the first half of the room is no better than a space */
    unsigned level = pl->level == LEVEL_NEWLINE && 2 * pl->col < line_col + w->width
                         ? LEVEL_SPACE
                         : pl->level;
    bool bad = lines_up_badly(w, pl);
    size_t *slot = bad ? &poor : &best;
    unsigned *slot_level = bad ? &poor_level : &best_level;
    if (*slot == w->count || level <= *slot_level) {
      *slot = k;
      *slot_level = level;
    }
  }
  return best != w->count ? best : poor != w->count ? poor : fallback;
}

/* Where the next line starts when the line breaks at pl. */
static size_t continuation(const place *pl, const group *groups, size_t line_col,
                           size_t assign_col, size_t quote_col) {
  switch (pl->kind) {
  case AFTER_COMMA:
    return pl->depth > 0 ? groups[pl->depth - 1].cont : line_col + 4;
  case AFTER_OPERATOR:
    if (pl->depth > 0)
      return groups[pl->depth - 1].arg_start;
    return assign_col != 0 ? assign_col : line_col + 4;
  case IN_STRING:
    return quote_col;
  default:
    return line_col + 4;
  }
}

/* Where a layout is: the byte, the next place, the column, and what the
 * continuations of the physical line it is on depend on. */
typedef struct layout {
  size_t i, k, col;
  size_t line_col, line_first; /* the physical line's first column and place */
  size_t assign_col;           /* past a top-level "= ", or 0 */
  size_t quote_col;            /* the string literal's first quote */
  size_t depth;                /* brackets open (their groups in `groups`) */
} layout;

enum line_end { LINE_BROKE, BREAK_CHOSEN, TEXT_DONE };

/* Takes the break at the chosen place pl: the next physical line. */
static void take_break(layout *s, group *groups, const place *pl) {
  s->line_col = pl->cont;
  s->col = pl->cont + (pl->kind == IN_STRING);
  if ((pl->kind == AFTER_OPEN || pl->kind == AFTER_COMMA) && pl->depth > 0)
    groups[pl->depth - 1].arg_start = s->col;
  if (pl->kind == AFTER_OPEN)
    groups[pl->depth - 1].cont = s->col;
  if (pl->kind == AFTER_ASSIGN)
    s->assign_col = s->col;
  s->i = pl->resume;
  s->line_first = ++s->k;
}

/* One character of code: the brackets, commas and "=" the continuations
 * depend on. */
static void pass_code(const wrap *w, layout *s, group *groups) {
  char c = w->text[s->i];
  if (is_opener(c))
    groups[s->depth++] = (group){.cont = s->col + 1, .arg_start = s->col + 1};
  else if (is_closer(c) && s->depth > 0)
    s->depth--;
  else if (c == ',' && s->depth > 0)
    groups[s->depth - 1].arg_start =
        s->col + 1 + (s->i + 1 < w->n && w->text[s->i + 1] == ' ');
  else if (s->depth == 0 && assign_at(w, s->i))
    s->assign_col = s->col + 2;
}

/* Lays out one physical line from s with the breaks chosen: LINE_BROKE at a
 * chosen break (s at the next line's start), BREAK_CHOSEN when the line ran
 * past the width and a place on it was chosen (lay it out again),
 * TEXT_DONE at the end of the text. */
static enum line_end lay_out_line(wrap *w, layout *s, group *groups) {
  bool over = false; /* past the width: break at the first place that gains */
  while (s->i < w->n) {
    for (; s->k < w->count && w->at[s->k].pos == s->i; s->k++) {
      place *pl = &w->at[s->k];
      pl->col = s->col + (pl->kind == IN_STRING);
      pl->cont = continuation(pl, groups, s->line_col, s->assign_col, s->quote_col);
      if (!pl->chosen && over && pl->cont + (pl->kind == IN_STRING) < pl->col) {
        pl->chosen = true;
        return BREAK_CHOSEN;
      }
      if (pl->chosen) {
        take_break(s, groups, pl);
        return LINE_BROKE;
      }
    }
    if (w->role[s->i] == QUOTE)
      s->quote_col = s->col;
    else if (w->role[s->i] == CODE)
      pass_code(w, s, groups);
    s->col += columns_of(w->text[s->i]);
    s->i++;
    if (s->col > w->width && !over) {
      size_t best = best_place(w, s->line_first, s->k, s->line_col);
      if (best != w->count) {
        w->at[best].chosen = true;
        return BREAK_CHOSEN;
      }
      over = true;
    }
  }
  return TEXT_DONE;
}

/* Lays the text out, choosing breaks until every line fits or can break no
 * more. A break chosen on a line changes nothing before it: the line is
 * laid out again from its start (saved with the groups open there). */
static void lay_out(wrap *w, group *groups, group *saved) {
  layout s = {.col = w->indent, .line_col = w->indent}, start = s;
  for (;;) {
    switch (lay_out_line(w, &s, groups)) {
    case TEXT_DONE:
      return;
    case BREAK_CHOSEN:
      s = start;
      memcpy(groups, saved, s.depth * sizeof *groups);
      break;
    case LINE_BROKE:
      start = s;
      memcpy(saved, groups, s.depth * sizeof *groups);
      break;
    }
  }
}

/* ---- the text ---------------------------------------------------------------- */

static void put_spaces(gstr *out, size_t n) {
  for (; n > 0; n--)
    gstr_putc(out, ' ');
}

static void put_broken(gstr *out, const wrap *w) {
  size_t from = 0;
  for (size_t k = 0; k < w->count; k++) {
    const place *pl = &w->at[k];
    if (!pl->chosen)
      continue;
    gstr_put(out, w->text + from, pl->pos - from);
    gstr_puts(out, pl->kind == IN_STRING ? "\"\n" : "\n");
    put_spaces(out, pl->cont);
    if (pl->kind == IN_STRING)
      gstr_putc(out, '"');
    from = pl->resume;
  }
  gstr_put(out, w->text + from, w->n - from);
}

/* Lines that are not code to break: preprocessor lines, comments, and any
 * line that already holds a newline. */
static bool leave_alone(const char *text, size_t n) {
  size_t i = 0;
  while (i < n && text[i] == ' ')
    i++; /* (a comment's middle lines start " * ") */
  return i == n || text[i] == '#' || text[i] == '*' ||
         (i + 1 < n && text[i] == '/' && (text[i + 1] == '*' || text[i + 1] == '/')) ||
         memchr(text, '\n', n) != NULL;
}

void wrap_c_line(gstr *out, const char *text, size_t n, size_t indent, size_t width) {
  wrap w = {.text = text, .n = n, .indent = indent, .width = width};
  group *groups = NULL, *saved = NULL;
  size_t *widest = NULL;
  if (leave_alone(text, n)) {
    gstr_put(out, text, n);
    return;
  }
  w.role = calloc(n, 1); /* CODE until find_places says otherwise */
  if (w.role != NULL)
    find_places(&w);
  if (w.role != NULL && !w.failed) {
    groups = malloc((w.openers + 1) * sizeof *groups);
    saved = malloc((w.openers + 1) * sizeof *saved);
    widest = malloc((w.openers + 1) * sizeof *widest);
  }
  if (groups == NULL || saved == NULL || widest == NULL) {
    out->failed = true;
  } else {
    measure_items(&w, widest);
    lay_out(&w, groups, saved);
    put_broken(out, &w);
  }
  free(widest);
  free(saved);
  free(groups);
  free(w.at);
  free(w.role);
}
