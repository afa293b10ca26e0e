/* ws_pformat.c - pprint.pformat of CPython 3.11 over ws_pv views.
 *
 * The layout rule (PrettyPrinter._format): a value goes on one line when its
 * repr fits in WIDTH - indent - allowance columns, where the allowance is
 * what will follow the value on its last line (closing brackets, a comma).
 * Otherwise the printer of its type breaks it up: containers one item a
 * line, str and bytes into several literals that Python concatenates.
 * Columns are code points, as len() counts them. */
#include "ws_pformat.h"

#include <stdlib.h>

#include "ws_alloc.h"
#include "ws_repr.h"
#include "ws_utf8.h"

enum {
  WIDTH = 80,
  /* Nesting deeper than this is an error. It bounds our stack use; CPython
   * itself gives up (RecursionError) at about 330 levels. */
  MAX_DEPTH = 300,
  /* Dicts this small sort their keys in a stack array. */
  SMALL_DICT = 16
};

/* ---- views ---- */

/* Records WS_EINVAL for a malformed view, WS_EDEPTH past MAX_DEPTH; false
 * also when b has failed already, so callers stop writing. */
static bool usable(ws_buf *b, const ws_pv *v, unsigned level) {
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
    return true;
  case WS_PV_STR:
  case WS_PV_BYTES:
    if (v->s || v->n == 0) {
      return true;
    }
    break;
  case WS_PV_LIST:
  case WS_PV_DICT:
    if (v->child || v->n == 0) {
      return true;
    }
    break;
  }
  ws_buf_fail(b, WS_EINVAL);
  return false;
}

static ws_pv child_at(const ws_pv *v, size_t index, const char **key,
                      size_t *key_len) {
  ws_pv c = ws_pv_none();
  const char *k = NULL;
  size_t k_len = 0;
  v->child(v->obj, index, &k, &k_len, &c);
  if (key) {
    *key = k;
    *key_len = k_len;
  }
  return c;
}

/* A dict's children in key order: Python orders str keys by code point,
 * which for UTF-8 is byte order. */
typedef struct key_ref {
  const char *key;
  size_t len;
  size_t index;
} key_ref;

typedef struct sorted_keys {
  key_ref *refs;
  key_ref small[SMALL_DICT];
} sorted_keys;

static int compare_keys(const void *pa, const void *pb) {
  const key_ref *a = pa;
  const key_ref *b = pb;
  size_t common = a->len < b->len ? a->len : b->len;
  int c = common ? memcmp(a->key, b->key, common) : 0;
  if (c != 0) {
    return c;
  }
  if (a->len != b->len) {
    return a->len < b->len ? -1 : 1;
  }
  /* Equal keys (not possible in a Python dict) keep their order. */
  return a->index < b->index ? -1 : a->index > b->index;
}

static bool sort_keys(ws_buf *b, const ws_pv *dict, sorted_keys *sk) {
  size_t n = dict->n;
  sk->refs = sk->small;
  if (n > SMALL_DICT) {
    sk->refs = n <= SIZE_MAX / sizeof *sk->refs
                   ? ws_malloc(n * sizeof *sk->refs)
                   : NULL;
    if (!sk->refs) {
      ws_buf_fail(b, WS_ENOMEM);
      return false;
    }
  }
  for (size_t i = 0; i < n; i++) {
    key_ref *r = &sk->refs[i];
    (void)child_at(dict, i, &r->key, &r->len);
    r->index = i;
    if (!r->key && r->len) {
      ws_buf_fail(b, WS_EINVAL);
      return false;
    }
  }
  qsort(sk->refs, n, sizeof *sk->refs, compare_keys);
  return true;
}

static void release_keys(sorted_keys *sk) {
  if (sk->refs != sk->small) {
    ws_free(sk->refs);
  }
}

/* ---- one-line repr ---- */

static size_t int_width(int64_t i) {
  uint64_t u = i < 0 ? (uint64_t)0 - (uint64_t)i : (uint64_t)i;
  size_t digits = 1;
  while (u >= 10) {
    u /= 10;
    digits++;
  }
  return digits + (i < 0);
}

static size_t str_width_upto(const char *s, size_t n, size_t budget) {
  ws_repr_tally t = {0, 0, false, false};
  ws_repr_tally_str(&t, s, n, budget);
  return ws_repr_tally_width(&t);
}

static size_t measure(const ws_pv *v, size_t budget);

/* Width of "[a, b]" or "{'k': v}", stopping once past budget. */
static size_t measure_container(const ws_pv *v, size_t budget) {
  size_t total = 2;
  for (size_t i = 0; i < v->n && total <= budget; i++) {
    const char *key;
    size_t key_len;
    ws_pv c = child_at(v, i, &key, &key_len);
    total += i > 0 ? 2 : 0;
    if (v->kind == WS_PV_DICT && total <= budget) {
      total +=
          key || !key_len ? str_width_upto(key, key_len, budget - total) : 0;
      total += 2;
    }
    if (total <= budget) {
      total += measure(&c, budget - total);
    }
  }
  return total;
}

/* Width of the one-line repr of v, exact when it is at most budget, else
 * some larger number: long values are read only as far as needed. Every
 * nesting level adds columns, so the recursion is bounded by budget. */
static size_t measure(const ws_pv *v, size_t budget) {
  switch (v->kind) {
  case WS_PV_NONE:
    return 4;
  case WS_PV_BOOL:
    return v->b ? 4 : 5;
  case WS_PV_INT:
    return int_width(v->i);
  case WS_PV_STR:
    return v->s ? str_width_upto(v->s, v->n, budget) : 2;
  case WS_PV_BYTES: {
    ws_repr_tally t = {0, 0, false, false};
    if (v->s) {
      ws_repr_tally_bytes(&t, v->s, v->n, budget);
    }
    return 1 + ws_repr_tally_width(&t);
  }
  case WS_PV_LIST:
  case WS_PV_DICT:
    return v->child ? measure_container(v, budget) : 2;
  }
  return 0;
}

static void write_repr(ws_buf *b, const ws_pv *v, unsigned level);

static void write_list_repr(ws_buf *b, const ws_pv *v, unsigned level) {
  ws_buf_putc(b, '[');
  for (size_t i = 0; i < v->n && b->status == WS_OK; i++) {
    ws_pv c = child_at(v, i, NULL, NULL);
    if (i > 0) {
      ws_buf_put(b, ", ", 2);
    }
    write_repr(b, &c, level + 1);
  }
  ws_buf_putc(b, ']');
}

static void write_dict_repr(ws_buf *b, const ws_pv *v, unsigned level) {
  sorted_keys sk;
  if (!sort_keys(b, v, &sk)) {
    release_keys(&sk);
    return;
  }
  ws_buf_putc(b, '{');
  for (size_t i = 0; i < v->n && b->status == WS_OK; i++) {
    const key_ref *r = &sk.refs[i];
    ws_pv c = child_at(v, r->index, NULL, NULL);
    if (i > 0) {
      ws_buf_put(b, ", ", 2);
    }
    ws_repr_str(b, r->key, r->len);
    ws_buf_put(b, ": ", 2);
    write_repr(b, &c, level + 1);
  }
  ws_buf_putc(b, '}');
  release_keys(&sk);
}

static void write_repr(ws_buf *b, const ws_pv *v, unsigned level) {
  if (!usable(b, v, level)) {
    return;
  }
  switch (v->kind) {
  case WS_PV_NONE:
    ws_buf_put(b, "None", 4);
    break;
  case WS_PV_BOOL:
    ws_buf_puts(b, v->b ? "True" : "False");
    break;
  case WS_PV_INT:
    ws_buf_put_i64(b, (long long)v->i);
    break;
  case WS_PV_STR:
    ws_repr_str(b, v->s, v->n);
    break;
  case WS_PV_BYTES:
    ws_repr_bytes(b, v->s, v->n);
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

static bool within(size_t width, long limit) {
  return limit >= 0 && width <= (size_t)limit;
}

static void newline_indent(ws_buf *b, long indent) {
  ws_buf_putc(b, '\n');
  ws_buf_put_repeat(b, ' ', (size_t)indent);
}

static void format(ws_buf *b, const ws_pv *v, long indent, long allowance,
                   unsigned level);

static void pprint_list(ws_buf *b, const ws_pv *v, long indent, long allowance,
                        unsigned level) {
  ws_buf_putc(b, '[');
  for (size_t i = 0; i < v->n && b->status == WS_OK; i++) {
    bool last = i + 1 == v->n;
    ws_pv c = child_at(v, i, NULL, NULL);
    if (i > 0) {
      ws_buf_putc(b, ',');
      newline_indent(b, indent + 1);
    }
    format(b, &c, indent + 1, last ? allowance + 1 : 1, level);
  }
  ws_buf_putc(b, ']');
}

/* Each value starts after its key and ": ", and continues from there. */
static void pprint_dict(ws_buf *b, const ws_pv *v, long indent, long allowance,
                        unsigned level) {
  sorted_keys sk;
  if (!sort_keys(b, v, &sk)) {
    release_keys(&sk);
    return;
  }
  ws_buf_putc(b, '{');
  for (size_t i = 0; i < v->n && b->status == WS_OK; i++) {
    bool last = i + 1 == v->n;
    const key_ref *r = &sk.refs[i];
    ws_pv c = child_at(v, r->index, NULL, NULL);
    long key_width = (long)ws_repr_str_width(r->key, r->len);
    if (i > 0) {
      ws_buf_putc(b, ',');
      newline_indent(b, indent + 1);
    }
    ws_repr_str(b, r->key, r->len);
    ws_buf_put(b, ": ", 2);
    format(b, &c, indent + 1 + key_width + 2, last ? allowance + 1 : 1, level);
  }
  ws_buf_putc(b, '}');
  release_keys(&sk);
}

/* Where the pieces of a broken-up str or bytes go. pprint writes a single
 * piece without parentheses, so pieces are first only counted, then
 * written in a second run. */
typedef struct pieces {
  ws_buf *b;
  bool writing;
  bool is_bytes;
  size_t count;
  long indent; /* where continuation lines start */
} pieces;

static void emit_piece(pieces *out, const char *p, size_t n) {
  if (out->writing) {
    if (out->count > 0) {
      newline_indent(out->b, out->indent);
    }
    if (out->is_bytes) {
      ws_repr_bytes(out->b, p, n);
    } else {
      ws_repr_str(out->b, p, n);
    }
  }
  out->count++;
}

/* Code point at s[i] (s is valid UTF-8) and its length. */
static size_t cp_at(const char *s, size_t len, size_t i, uint32_t *cp) {
  unsigned char c = (unsigned char)s[i];
  if (c < 0x80) {
    *cp = c;
    return 1;
  }
  return ws_utf8_decode(s + i, len - i, cp);
}

/* End of the line that starts at `start`, past its line break, where
 * str.splitlines(keepends=True) cuts (\r\n is one break). */
static size_t line_end(const char *s, size_t len, size_t start) {
  size_t i = start;
  while (i < len) {
    uint32_t cp;
    i += cp_at(s, len, i, &cp);
    if (ws_uni_islinebreak(cp)) {
      if (cp == '\r' && i < len && s[i] == '\n') {
        i++;
      }
      return i;
    }
  }
  return len;
}

/* End of the piece that re.findall(r'\S*\s*') finds at `start`: a run of
 * non-space, then a run of space, in Python's Unicode sense of space. */
static size_t word_end(const char *s, size_t end, size_t start) {
  size_t i = start;
  bool in_space = false;
  while (i < end) {
    uint32_t cp;
    size_t n = cp_at(s, end, i, &cp);
    bool space = ws_uni_isspace(cp);
    if (in_space && !space) {
      break;
    }
    in_space = space;
    i += n;
  }
  return i;
}

static ws_repr_tally tally_of(const char *s, size_t n, size_t stop) {
  ws_repr_tally t = {0, 0, false, false};
  ws_repr_tally_str(&t, s, n, stop);
  return t;
}

/* A line too long for one literal, cut at word ends: words join the
 * current piece while its repr fits in width (less the allowance for the
 * line's last word when the line is the string's last). */
static void split_line(pieces *out, const char *s, size_t start, size_t end,
                       long width, long last_allowance) {
  ws_repr_tally cur = {0, 0, false, false};
  size_t cur_start = start;
  for (size_t p = start; p < end;) {
    size_t q = word_end(s, end, p);
    ws_repr_tally word = tally_of(s + p, q - p, SIZE_MAX);
    ws_repr_tally joined = ws_repr_tally_join(cur, word);
    long limit = width - (q == end ? last_allowance : 0);
    if (within(ws_repr_tally_width(&joined), limit)) {
      cur = joined;
    } else {
      if (p > cur_start) {
        emit_piece(out, s + cur_start, p - cur_start);
      }
      cur = word;
      cur_start = p;
    }
    p = q;
  }
  if (end > cur_start) {
    emit_piece(out, s + cur_start, end - cur_start);
  }
}

/* Lines that fit are one piece each; the last line leaves room for the
 * allowance. */
static void split_str(pieces *out, const char *s, size_t len, long width,
                      long allowance) {
  for (size_t start = 0; start < len;) {
    size_t end = line_end(s, len, start);
    long last_allowance = end == len ? allowance : 0;
    long limit = width - last_allowance;
    ws_repr_tally t =
        tally_of(s + start, end - start, limit < 0 ? 0 : (size_t)limit);
    if (within(ws_repr_tally_width(&t), limit)) {
      emit_piece(out, s + start, end - start);
    } else {
      split_line(out, s, start, end, width, last_allowance);
    }
    start = end;
  }
}

/* Only the outermost value (level 1) gets parentheses around its pieces. */
static void pprint_str(ws_buf *b, const ws_pv *v, long indent, long allowance,
                       unsigned level) {
  bool parens = level == 1;
  if (v->n == 0) {
    ws_buf_put(b, "''", 2);
    return;
  }
  if (!ws_utf8_valid(v->s, v->n, NULL)) {
    ws_buf_fail(b, WS_EUTF8);
    return;
  }
  if (parens) {
    indent++;
    allowance++;
  }
  pieces out = {b, false, false, 0, indent};
  split_str(&out, v->s, v->n, WIDTH - indent, allowance);
  if (out.count == 1) {
    ws_repr_str(b, v->s, v->n);
    return;
  }
  out.writing = true;
  out.count = 0;
  if (parens) {
    ws_buf_putc(b, '(');
  }
  split_str(&out, v->s, v->n, WIDTH - indent, allowance);
  if (parens) {
    ws_buf_putc(b, ')');
  }
}

/* bytes break into 4-byte groups. As in CPython, the allowance is taken off
 * only at the group that starts at len // 4 * 4, which does not exist when
 * the length is a multiple of 4. */
static void pprint_bytes(ws_buf *b, const ws_pv *v, long indent, long allowance,
                         unsigned level) {
  bool parens = level == 1;
  size_t n = v->n;
  if (n <= 4) {
    ws_repr_bytes(b, v->s, n);
    return;
  }
  if (parens) {
    indent++;
    allowance++;
    ws_buf_putc(b, '(');
  }
  pieces out = {b, true, true, 0, indent};
  long width = WIDTH - indent;
  size_t last = n / 4 * 4;
  ws_repr_tally cur = {0, 0, false, false};
  size_t cur_start = 0;
  for (size_t i = 0; i < n; i += 4) {
    size_t group_end = n - i < 4 ? n : i + 4;
    ws_repr_tally group = {0, 0, false, false};
    ws_repr_tally_bytes(&group, v->s + i, group_end - i, SIZE_MAX);
    ws_repr_tally joined = ws_repr_tally_join(cur, group);
    if (i == last) {
      width -= allowance;
    }
    if (within(1 + ws_repr_tally_width(&joined), width)) {
      cur = joined;
    } else {
      if (i > cur_start) {
        emit_piece(&out, v->s + cur_start, i - cur_start);
      }
      cur = group;
      cur_start = i;
    }
  }
  emit_piece(&out, v->s + cur_start, n - cur_start);
  if (parens) {
    ws_buf_putc(b, ')');
  }
}

static void format(ws_buf *b, const ws_pv *v, long indent, long allowance,
                   unsigned level) {
  if (!usable(b, v, level)) {
    return;
  }
  long max_width = WIDTH - indent - allowance;
  if (max_width >= 0 && measure(v, (size_t)max_width) <= (size_t)max_width) {
    write_repr(b, v, level);
    return;
  }
  switch (v->kind) {
  case WS_PV_STR:
    pprint_str(b, v, indent, allowance, level + 1);
    break;
  case WS_PV_BYTES:
    pprint_bytes(b, v, indent, allowance, level + 1);
    break;
  case WS_PV_LIST:
    pprint_list(b, v, indent, allowance, level + 1);
    break;
  case WS_PV_DICT:
    pprint_dict(b, v, indent, allowance, level + 1);
    break;
  default:
    write_repr(b, v, level);
    break;
  }
}

void ws_pformat(ws_buf *b, const ws_pv *value) {
  format(b, value, 0, 0, 0);
}

void ws_prepr(ws_buf *b, const ws_pv *value) {
  write_repr(b, value, 0);
}
