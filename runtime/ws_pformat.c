/* ws_pformat.c - pprint.pformat of CPython 3.11 over ws_pv views.
 *
 * The layout rule (PrettyPrinter._format): a value goes on one line when its
 * repr fits in WIDTH - indent - allowance columns, where the allowance is
 * what will follow the value on its last line (closing brackets, a comma).
 * Otherwise the printer of its type breaks it up: containers one item a
 * line, str and bytes into several literals that Python concatenates.
 * Columns are code points, as len() counts them. A dict's items come in key
 * order from ws_pformat_keys.c; a str or bytes broken into pieces is
 * ws_pformat_str.c's; the run the layout writes in (the output buffer's
 * room, and the state of each level of nesting) ws_pformat_run.c's. */
#include "ws_pformat.h"

#include "ws_float.h"
#include "ws_repr.h"

#include "internal/ws_pformat_keys.h"
#include "internal/ws_pformat_run.h"
#include "internal/ws_pformat_write.h"
#include "internal/ws_plain.h"

/* ---- views ---- */

/* Records WS_EINVAL for a malformed view, WS_EDEPTH past MAX_DEPTH; false
 * also when b has failed already, so callers stop writing. */
static inline bool usable(ws_buf *b, const ws_pv *v, unsigned level) {
  if (b->status != WS_OK) {
    return false;
  }
  if (level > MAX_DEPTH) {
    ws_buf_fail(b, WS_EDEPTH);
    return false;
  }
  switch (v->kind) {
  case WS_PV_NONE:
  case WS_PV_BOOL:
  case WS_PV_INT:
  case WS_PV_FLOAT:
    return true;
  case WS_PV_STR:
  case WS_PV_BYTES:
    if (v->s || v->n == 0) {
      return true;
    }
    break;
  case WS_PV_LIST:
    if (v->child || v->n == 0) {
      return true;
    }
    break;
  case WS_PV_DICT:
    if (v->entry || v->child || v->n == 0) {
      return true;
    }
    break;
  }
  ws_buf_fail(b, WS_EINVAL);
  return false;
}

/* Child `index` of a list into c->value (filled in place: views are
 * copied often enough that a copy each time shows; the view fills all of
 * it). A list's child has no key: the view writes NULL there, and nothing
 * here reads it, so the slots are not cleared first (two stores an
 * element). */
static void child_at(const ws_pv *v, size_t index, dict_item *c) {
  v->child(v->obj, index, &c->unread.key, &c->unread.len, &c->value);
}

/* ---- one-line repr ---- */

/* Width of the one-line repr of None, a bool or bytes v, exact when it is
 * at most budget, else some larger number. (Containers, str, ints and
 * floats are measured as they are written, by fit.) */
static size_t measure(const ws_pv *v, size_t budget) {
  switch (v->kind) {
  case WS_PV_NONE:
    return 4;
  case WS_PV_BOOL:
    return v->b ? 4 : 5;
  case WS_PV_BYTES: {
    ws_repr_tally t = {0, 0, false, false, false};
    if (v->s) {
      ws_repr_tally_bytes(&t, v->s, v->n, budget);
    }
    return 1 + ws_repr_tally_width(&t);
  }
  default:
    return 2; /* an empty container */
  }
}

static void write_repr(ws_buf *b, const ws_pv *v, unsigned level);

/* Out of line, so that its text is not in the frame of every level of
 * write_repr's recursion. */
static WS_NOINLINE void write_float(ws_buf *b, double f) {
  char text[WS_FLOAT_REPR_MAX];
  put(b, text, ws_float_repr(f, text));
}

static void write_list_repr(ws_buf *b, const ws_pv *v, unsigned level) {
  dict_item *c = item_of_level(b, level + 1);
  put_char(b, '[');
  for (size_t i = 0; i < v->n && b->status == WS_OK; i++) {
    child_at(v, i, c);
    if (i > 0) {
      put(b, ", ", 2);
    }
    write_repr(b, &c->value, level + 1);
  }
  put_char(b, ']');
}

static void write_dict_repr(ws_buf *b, const ws_pv *v, unsigned level) {
  sorted_keys *sk = keys_of_level(b, level);
  if (b->status != WS_OK) {
    return; /* the level's room could not be had */
  }
  if (!ws_pf_order_keys(b, v, keyspace(b), sk)) {
    ws_pf_release_keys(keyspace(b), sk);
    return;
  }
  dict_item *it = item_of_level(b, level + 1);
  put_char(b, '{');
  size_t n = slot_count(v);
  for (size_t pos = 0; pos < n && b->status == WS_OK;) {
    if (pos > 0) {
      put(b, ", ", 2);
    }
    pos = item_at(b, v, sk, pos, it);
    put_repr_str(b, it->key.key, it->key.len);
    put(b, ": ", 2);
    write_repr(b, &it->value, level + 1);
  }
  put_char(b, '}');
  ws_pf_release_keys(keyspace(b), sk);
}

static void write_repr(ws_buf *b, const ws_pv *v, unsigned level) {
  if (!usable(b, v, level)) {
    return;
  }
  switch (v->kind) {
  case WS_PV_NONE:
    put(b, "None", 4);
    break;
  case WS_PV_BOOL:
    if (v->b) {
      put(b, "True", 4);
    } else {
      put(b, "False", 5);
    }
    break;
  case WS_PV_INT:
    ws_buf_put_i64(b, (long long)v->i);
    break;
  case WS_PV_FLOAT:
    write_float(b, v->f);
    break;
  case WS_PV_STR:
    put_repr_str(b, v->s, v->n);
    break;
  case WS_PV_BYTES:
    put_repr_bytes(b, v->s, v->n);
    break;
  case WS_PV_LIST:
    write_list_repr(b, v, level);
    break;
  case WS_PV_DICT:
    write_dict_repr(b, v, level);
    break;
  }
}

/* ---- the layout ---- */

static void format(ws_buf *b, const ws_pv *v, long indent, long allowance,
                   unsigned level);
static void format_str(ws_buf *b, const ws_pv *v, long max_width, long indent,
                       long allowance, unsigned level);

static void pprint_list(ws_buf *b, const ws_pv *v, long indent, long allowance,
                        unsigned level) {
  dict_item *c = item_of_level(b, level);
  put_char(b, '[');
  for (size_t i = 0; i < v->n && b->status == WS_OK; i++) {
    bool last = i + 1 == v->n;
    child_at(v, i, c);
    if (i > 0) {
      put_break(b, indent + 1);
    }
    format(b, &c->value, indent + 1, last ? allowance + 1 : 1, level);
  }
  put_char(b, ']');
}

/* ",\n", the indentation (up to this many columns), 'key' and ": " in one
 * write: how every item of a broken dict but the first starts. */
enum { ITEM_HEAD_INDENT = 30 };

/* The start of a dict item in the broken layout: after the first item a
 * break, then repr(key) and ": ". Returns the key's width. A plain key (most,
 * and every one when the view says so) is written with the rest of the
 * start after one room check, when the indentation is not deep. */
static long put_item_start(ws_buf *b, const key_ref *k, bool plain, bool first,
                           long indent) {
  static const char head[] = ",\n                              ";
  size_t n = k->len;
  plain = plain || ws_plain_prefix(k->key, n) == n;
  if (plain && !first && indent <= ITEM_HEAD_INDENT &&
      b->cap - b->len >= sizeof head + n + 4) {
    char *at = b->data + b->len;
    memcpy(at, head, sizeof head - 1);
    at += 2 + indent;
    at[0] = '\'';
    ws_copy_short(at + 1, k->key, n);
    memcpy(at + 1 + n, "': ", 3);
    b->len = (size_t)(at + n + 4 - b->data);
    return (long)n + 2;
  }
  if (!first) {
    put_break(b, indent);
  }
  long width = (long)n + 2;
  if (plain) {
    put_quoted(b, k->key, n);
  } else {
    put_repr_str(b, k->key, n);
    width = (long)ws_repr_str_width(k->key, n);
  }
  put(b, ": ", 2);
  return width;
}

/* ---- what a failed attempt leaves ----
 * A dict's one-line attempt that fails has written its first items whole.
 * In the broken layout each item starts a line, where each of those fits
 * (see pprint_dict) and prints as it did on the one line: its bytes are
 * copied rather than read and formatted again. They are moved out of the
 * way first, to the top of the scratch (which the layout then leaves
 * alone), since the broken layout writes over where the attempt put
 * them. The run keeps them (kept, ws_pformat_run.h). */

/* Records an item the attempt of the dict that starts at dict_start has
 * written whole, up to the end of b. */
WS_ALWAYS_INLINE void keep_item(kept *keep, const ws_buf *b, size_t dict_start,
                                size_t next) {
  if (keep->count < KEPT_ITEMS) {
    kept_item *k = &keep->items[keep->count++];
    k->to = (uint16_t)(b->len - dict_start);
    k->next = (uint16_t)next;
  }
}

/* Where kept item i starts: after the "{", or the ", " after the one
 * before. */
static size_t kept_from(const kept *keep, size_t i) {
  return i == 0 ? 1 : (size_t)keep->items[i - 1].to + 2;
}

/* Moves the kept items of the attempt that started at dict_start to the
 * top of the scratch, and lowers its end below them (and below a byte for
 * the NUL ws_repr writes after what it writes). Returns the end to restore
 * when the dict is done. Without the room for them nothing is kept. */
static size_t keep_attempt(ws_buf *b, size_t dict_start, kept *keep) {
  size_t cap = b->cap;
  if (keep->count == 0) {
    return cap;
  }
  size_t len = keep->items[keep->count - 1].to;
  if (b->status != WS_OK || cap - b->len < len + 1) {
    keep->count = 0;
    return cap;
  }
  b->cap -= len + 1;
  memcpy(b->data + b->cap + 1, b->data + dict_start, len);
  keep->bytes = b->data + b->cap + 1;
  return cap;
}

/* The items the failed attempt wrote whole (see keep_attempt), each on a
 * line of its own: each fits there, since on the one line it had less
 * room (it started further right, or, the first, had the dict's allowance
 * to leave besides), and it is not the last item, or the attempt would
 * have fit. Returns the slot after them. */
static size_t put_kept_items(ws_buf *b, const kept *keep, long indent) {
  size_t pos = 0;
  for (size_t item = 0; item < keep->count; item++) {
    const kept_item *k = &keep->items[item];
    size_t from = kept_from(keep, item);
    if (item > 0) {
      put_break(b, indent + 1);
    }
    put(b, keep->bytes + from, k->to - from);
    pos = k->next;
  }
  return pos;
}

/* Each value starts after its key and ": ", and continues from there. The
 * keys come ordered in sk (see order_keys), by the one-line attempt, which
 * left in the run's kept the items it wrote whole: those are written
 * first, before an item nested here makes an attempt of its own. */
static void pprint_dict(ws_buf *b, const ws_pv *v, const sorted_keys *sk,
                        long indent, long allowance, unsigned level) {
  put_char(b, '{');
  size_t n = slot_count(v);
  size_t pos = put_kept_items(b, &run_of(b)->keep, indent);
  dict_item *it = item_of_level(b, level);
  while (pos < n && b->status == WS_OK) {
    bool first = pos == 0;
    pos = item_at(b, v, sk, pos, it);
    bool last = pos == n;
    long key_width =
        put_item_start(b, &it->key, plain_keys(v), first, indent + 1);
    long value_indent = indent + 1 + key_width + 2;
    long value_allowance = last ? allowance + 1 : 1;
    if (it->value.kind == WS_PV_STR && it->value.s && level <= MAX_DEPTH) {
      /* Most values are str: straight to format_str, past the checks of
       * format that a str with text cannot fail. */
      format_str(b, &it->value, WIDTH - value_indent - value_allowance,
                 value_indent, value_allowance, level);
    } else {
      format(b, &it->value, value_indent, value_allowance, level);
    }
  }
  put_char(b, '}');
}

/* ---- one line, written as it is measured ----
 * Whether a value goes on one line is found by writing it there: columns
 * are counted as items are written, and once they pass the width the
 * caller cuts the output back to where the value began. A value that fits
 * (most values below the top) is then read once instead of twice, and one
 * that does not is read only as far as the width, as measuring would.
 * A dict's keys are put in order once, for its one-line attempt,
 * and kept for its broken layout when the attempt fails (see format_dict). */

/* Returned by fit for a value that does not fit, or when b failed. */
#define TOO_WIDE SIZE_MAX

static size_t fit(ws_buf *b, const ws_pv *v, size_t budget, unsigned level);

/* repr(s) when it fits in budget columns: its width, or TOO_WIDE. Plain
 * text is checked only as far as could fit. */
WS_ALWAYS_INLINE size_t fit_str(ws_buf *b, const char *s, size_t n,
                                size_t budget) {
  if (budget < 2) {
    return TOO_WIDE;
  }
  size_t body_limit = budget - 2;
  size_t span = n <= body_limit ? n : body_limit + 1;
  size_t plain = ws_plain_prefix(s, span);
  if (plain == n && n <= body_limit) {
    put_quoted(b, s, n);
    return n + 2;
  }
  if (plain == span) {
    return TOO_WIDE; /* more plain bytes than columns left */
  }
  if (n / 4 <= budget) {
    /* Short enough (a code point is at most 4 bytes and takes a column)
     * that reading it whole costs no more than the width: one reading
     * that measures it and finds what to escape. */
    size_t width = ws_pf_fit_scanned(b, s, n, budget);
    if (width != 0) {
      return width; /* or TOO_WIDE */
    }
  }
  ws_repr_tally t = {plain, 0, false, false, false};
  ws_repr_tally_str(&t, s + plain, n - plain, body_limit);
  size_t width = ws_repr_tally_width(&t);
  if (width > budget) {
    return TOO_WIDE;
  }
  put_repr_tallied(b, s, n, &t);
  return width;
}

/* A float's repr, formatted once for its width and its writing (the
 * formatting is most of what a float costs). */
static size_t fit_float(ws_buf *b, double f, size_t budget) {
  char text[WS_FLOAT_REPR_MAX];
  size_t width = ws_float_repr(f, text);
  if (width > budget) {
    return TOO_WIDE;
  }
  put(b, text, width);
  return width;
}

/* An int's repr, its digits made once for its width and its writing. */
static size_t fit_int(ws_buf *b, int64_t i, size_t budget) {
  char text[20]; /* -9223372036854775808 */
  char *end = text + sizeof text;
  char *at = end;
  uint64_t u = i < 0 ? (uint64_t)0 - (uint64_t)i : (uint64_t)i;
  do {
    *--at = (char)('0' + u % 10);
    u /= 10;
  } while (u != 0);
  if (i < 0) {
    *--at = '-';
  }
  size_t width = (size_t)(end - at);
  if (width > budget) {
    return TOO_WIDE;
  }
  put(b, at, width);
  return width;
}

/* fit for an item of a list or dict being fitted: the kinds most items are
 * (str with text, float, int) go straight to their writer, past fit's
 * checks, which they cannot fail while b is sound and level allowed. */
WS_ALWAYS_INLINE size_t fit_item(ws_buf *b, const ws_pv *c, size_t budget,
                                 unsigned level) {
  if (b->status == WS_OK && level <= MAX_DEPTH) {
    switch (c->kind) {
    case WS_PV_STR:
      if (c->s) {
        return fit_str(b, c->s, c->n, budget);
      }
      break;
    case WS_PV_FLOAT:
      return fit_float(b, c->f, budget);
    case WS_PV_INT:
      return fit_int(b, c->i, budget);
    default:
      break;
    }
  }
  return fit(b, c, budget, level);
}

static size_t fit_list(ws_buf *b, const ws_pv *v, size_t budget,
                       unsigned level) {
  size_t used = 2; /* the brackets */
  if (used > budget) {
    return TOO_WIDE;
  }
  dict_item *c = item_of_level(b, level + 1);
  put_char(b, '[');
  for (size_t i = 0; i < v->n; i++) {
    if (i > 0) {
      used += 2;
      if (used > budget) {
        return TOO_WIDE;
      }
      put(b, ", ", 2);
    }
    child_at(v, i, c);
    size_t width = fit_item(b, &c->value, budget - used, level + 1);
    if (width == TOO_WIDE) {
      return TOO_WIDE;
    }
    used += width;
  }
  put_char(b, ']');
  return used;
}

/* Before its keys are read: the narrowest a dict of n slots can print is
 * "{'': x}" for the first, and for each further slot at least ", x" (a
 * repeated key's value) and more often ", '': x". A dict that cannot fit
 * is not sorted for nothing, and one that is sorted by an attempt has at
 * most budget / 3 slots. */
static bool slots_cannot_fit(const ws_pv *v, size_t budget) {
  size_t n = slot_count(v);
  return v->min_width > budget ||
         (n != 0 && (n - 1 > budget / 3 || 7 + 3 * (n - 1) > budget));
}

/* Once its keys are in order, they tell more (see keys_min_width). */
static bool dict_cannot_fit(const ws_pv *v, const sorted_keys *sk,
                            size_t budget) {
  return sk->min_width > budget || slots_cannot_fit(v, budget);
}

/* Writes the one-line repr of dict v, its keys ordered in sk, if it fits
 * in budget columns: its width, or TOO_WIDE. */
static size_t fit_dict(ws_buf *b, const ws_pv *v, const sorted_keys *sk,
                       kept *keep, size_t budget, unsigned level) {
  size_t used = 2; /* the braces */
  if (used > budget) {
    return TOO_WIDE;
  }
  size_t dict_start = b->len;
  put_char(b, '{');
  size_t n = slot_count(v);
  bool keys_plain = plain_keys(v);
  dict_item *it = item_of_level(b, level + 1);
  for (size_t pos = 0; pos < n;) {
    bool first = pos == 0;
    pos = item_at(b, v, sk, pos, it);
    used += first ? 2 : 4; /* ", " before the key, ": " after it */
    if (used > budget || b->status != WS_OK) {
      return TOO_WIDE;
    }
    if (!first) {
      put(b, ", ", 2);
    }
    size_t key_width = it->key.len + 2;
    if (keys_plain && key_width <= budget - used) {
      put_quoted(b, it->key.key, it->key.len);
    } else {
      key_width = fit_str(b, it->key.key, it->key.len, budget - used);
      if (key_width == TOO_WIDE) {
        return TOO_WIDE;
      }
    }
    used += key_width;
    put(b, ": ", 2);
    size_t width = fit_item(b, &it->value, budget - used, level + 1);
    if (width == TOO_WIDE) {
      return TOO_WIDE;
    }
    used += width;
    if (keep) {
      keep_item(keep, b, dict_start, pos);
    }
  }
  put_char(b, '}');
  return used;
}

/* fit for a dict nested in another's attempt: ordered for it alone. */
static size_t fit_nested_dict(ws_buf *b, const ws_pv *v, size_t budget,
                              unsigned level) {
  sorted_keys *sk = keys_of_level(b, level);
  if (b->status != WS_OK) {
    return TOO_WIDE; /* the level's room could not be had */
  }
  if (slots_cannot_fit(v, budget)) {
    return TOO_WIDE;
  }
  size_t width =
      ws_pf_order_keys(b, v, keyspace(b), sk) && !dict_cannot_fit(v, sk, budget)
          ? fit_dict(b, v, sk, NULL, budget, level)
          : TOO_WIDE;
  ws_pf_release_keys(keyspace(b), sk);
  return width;
}

/* Writes v's one-line repr (as write_repr does) if it fits in budget
 * columns, and returns its width; else TOO_WIDE, with part of it
 * written. */
static size_t fit(ws_buf *b, const ws_pv *v, size_t budget, unsigned level) {
  if (!usable(b, v, level)) {
    return TOO_WIDE;
  }
  switch (v->kind) {
  case WS_PV_STR:
    return fit_str(b, v->s, v->n, budget);
  case WS_PV_LIST:
    return fit_list(b, v, budget, level);
  case WS_PV_DICT:
    return fit_nested_dict(b, v, budget, level);
  case WS_PV_FLOAT:
    return fit_float(b, v->f, budget);
  case WS_PV_INT:
    return fit_int(b, v->i, budget);
  default:
    break;
  }
  size_t width = measure(v, budget);
  if (width > budget) {
    return TOO_WIDE;
  }
  write_repr(b, v, level);
  return width;
}

/* A str: plain text (the usual case) is measured and written in one
 * reading, and only as far as the width allows when it is too long. */
static void format_str(ws_buf *b, const ws_pv *v, long max_width, long indent,
                       long allowance, unsigned level) {
  size_t n = v->n;
  size_t body_limit = max_width >= 2 ? (size_t)max_width - 2 : 0;
  size_t span = n <= body_limit ? n : body_limit + 1;
  size_t plain = ws_plain_prefix(v->s, span);
  if (plain == n && n <= body_limit && max_width >= 2) {
    put_quoted(b, v->s, n);
    return;
  }
  if (plain < span) {
    /* Something to escape, a quote, or other scripts: one reading decides
     * and writes, whether the str fits or is cut into pieces. */
    if (ws_pf_str_scanned(b, v, max_width, indent, allowance, level + 1)) {
      return;
    }
    ws_repr_tally t = {plain, 0, false, false, false};
    ws_repr_tally_str(&t, v->s + plain, n - plain, body_limit);
    if (within(ws_repr_tally_width(&t), max_width)) {
      put_repr_tallied(b, v->s, n, &t);
      return;
    }
  }
  ws_pf_pprint_str(b, v, plain, indent, allowance, level + 1);
}

/* A dict: its keys are ordered once, for the one-line attempt and for the
 * broken layout that follows when the attempt fails. */
static void format_dict(ws_buf *b, const ws_pv *v, long max_width, long indent,
                        long allowance, unsigned level) {
  sorted_keys *sk = keys_of_level(b, level);
  if (b->status != WS_OK) {
    return; /* the level's room could not be had */
  }
  if (!ws_pf_order_keys(b, v, keyspace(b), sk)) {
    ws_pf_release_keys(keyspace(b), sk);
    return;
  }
  size_t start = b->len;
  kept *keep = &run_of(b)->keep;
  keep->count = 0;
  if (max_width < 0 || dict_cannot_fit(v, sk, (size_t)max_width) ||
      (fit_dict(b, v, sk, keep, (size_t)max_width, level) == TOO_WIDE &&
       b->status == WS_OK)) {
    size_t cap = keep_attempt(b, start, keep);
    b->len = start;
    pprint_dict(b, v, sk, indent, allowance, level + 1);
    b->cap = cap;
  }
  ws_pf_release_keys(keyspace(b), sk);
}

static void format(ws_buf *b, const ws_pv *v, long indent, long allowance,
                   unsigned level) {
  if (!usable(b, v, level)) {
    return;
  }
  long max_width = WIDTH - indent - allowance;
  if (v->kind == WS_PV_STR) {
    format_str(b, v, max_width, indent, allowance, level);
    return;
  }
  if (v->kind == WS_PV_DICT) {
    format_dict(b, v, max_width, indent, allowance, level);
    return;
  }
  if (max_width >= 0) {
    size_t start = b->len;
    if (fit(b, v, (size_t)max_width, level) != TOO_WIDE || b->status != WS_OK) {
      return;
    }
    b->len = start;
  }
  switch (v->kind) {
  case WS_PV_STR:
    ws_pf_pprint_str(b, v, 0, indent, allowance, level + 1);
    break;
  case WS_PV_BYTES:
    ws_pf_pprint_bytes(b, v, indent, allowance, level + 1);
    break;
  case WS_PV_LIST:
    pprint_list(b, v, indent, allowance, level + 1);
    break;
  default:
    write_repr(b, v, level);
    break;
  }
}

/* ---- entry points (ws_pformat_run.c runs them) ---- */

void ws_pf_layout(ws_buf *b, const ws_pv *v) {
  format(b, v, 0, 0, 0);
}

void ws_pf_layout_repr(ws_buf *b, const ws_pv *v) {
  write_repr(b, v, 0);
}
