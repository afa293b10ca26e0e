/* ws_pformat_str.c - pprint's layout of a str or bytes too wide for its
 * line: CPython 3.11's PrettyPrinter._pprint_str and _pprint_bytes.
 *
 * The pieces are found and written in one walk over the text; plain text
 * (most of it) is cut by looking back for a space instead of word by
 * word. */
#include "ws_repr.h"
#include "ws_utf8.h"

#include "internal/ws_plain.h"
#include "internal/ws_pformat_write.h"

/* Where the pieces of a broken-up str or bytes go, written as they are
 * found. pprint writes a lone piece without the parentheses a top-level
 * value's pieces get: the opening one waits for the first piece, which
 * knows whether it is the last. */
typedef struct pieces {
  ws_buf *b;
  bool is_bytes;
  bool parens; /* put "(" before the first of several pieces */
  size_t count;
  long indent; /* where continuation lines start */
} pieces;

/* A piece of str comes with its tally (t), one of bytes without. */
static void emit_piece(pieces *out, const char *p, size_t n, bool last,
                       const ws_repr_tally *t) {
  if (out->count > 0) {
    newline_indent(out->b, out->indent);
  } else if (out->parens && !last) {
    put_char(out->b, '(');
  }
  if (out->is_bytes) {
    put_repr_bytes(out->b, p, n);
  } else {
    put_repr_tallied(out->b, p, n, t);
  }
  out->count++;
}

/* pprint cuts a str into lines (str.splitlines(keepends=True)), writes a
 * line that fits as one piece, and cuts a longer one at word ends
 * (re.findall(r'\S*\s*')), words joining the current piece while its repr
 * fits. The width less the allowance applies to the string's last line and
 * its last word. A whole line that fits is also what the word rule makes of
 * it (a repr only grows as words join), so one walk over the words, with
 * the current piece closed at each line break, does both. */
static void split_str(pieces *out, const char *s, size_t len, long width,
                      long allowance) {
  ws_repr_tally cur = {0, 0, false, false, false};
  size_t cur_start = 0;
  for (size_t p = 0; p < len;) {
    ws_repr_tally word = {0, 0, false, false, false};
    bool ends_line;
    size_t q = p + ws_repr_tally_word(&word, s + p, len - p, &ends_line);
    ws_repr_tally joined = ws_repr_tally_join(cur, word);
    long limit = width - (q == len ? allowance : 0);
    if (within(ws_repr_tally_width(&joined), limit)) {
      cur = joined;
    } else {
      if (p > cur_start) {
        emit_piece(out, s + cur_start, p - cur_start, false, &cur);
      }
      cur = word;
      cur_start = p;
    }
    p = q;
    if (ends_line && p < len) {
      emit_piece(out, s + cur_start, p - cur_start, false, &cur);
      cur = (ws_repr_tally){0, 0, false, false, false};
      cur_start = p;
    }
  }
  if (len > cur_start) {
    emit_piece(out, s + cur_start, len - cur_start, true, &cur);
  }
}

/* A piece of plain text: quoted as it is. */
static void emit_plain_piece(pieces *out, const char *p, size_t n, bool last) {
  if (out->count > 0) {
    newline_indent(out->b, out->indent);
  } else if (out->parens && !last) {
    put_char(out->b, '(');
  }
  put_quoted(out->b, p, n);
  out->count++;
}

#define NOT_FOUND SIZE_MAX

/* For plain text, where the space is the only white space, words are a
 * run of other bytes and the spaces after it, and a piece's repr is its
 * bytes and two quotes wide. Joining words while they fit, as split_str
 * does, ends a piece at the last word end within `room` bytes of its start
 * (the first word alone when none is), so that end is found by looking
 * back from there, not by walking every word. Returns the end of the piece
 * that starts at word start `start` and is not the last. */
static size_t plain_piece_end(const char *s, size_t len, size_t start,
                              long room) {
  if (room > 0) {
    size_t last = (size_t)room < len - start ? start + (size_t)room : len - 1;
    /* A word end is a space followed by another byte; s[last] exists. */
    size_t space = ws_plain_last_space(s, start, last);
    while (space != NOT_FOUND && s[space + 1] == ' ') {
      /* Spaces up to the window's end: look before their run. */
      while (space > start && s[space - 1] == ' ') {
        space--;
      }
      space =
          space > start ? ws_plain_last_space(s, start, space - 1) : NOT_FOUND;
    }
    if (space != NOT_FOUND) {
      return space + 1;
    }
  }
  const char *space = memchr(s + start, ' ', len - start);
  size_t end = space ? (size_t)(space - s) : len;
  while (end < len && s[end] == ' ') {
    end++;
  }
  return end;
}

/* split_str for plain text (printable ASCII, no quote or backslash: most
 * text), where nothing breaks a line: pieces of width - 2 bytes at most,
 * the last of width - allowance - 2. */
static void split_plain(pieces *out, const char *s, size_t len, long width,
                        long allowance) {
  size_t start = 0;
  while (!within(len - start + 2, width - allowance)) {
    size_t end = plain_piece_end(s, len, start, width - 2);
    if (end == len) {
      break;
    }
    emit_plain_piece(out, s + start, end - start, false);
    start = end;
  }
  emit_plain_piece(out, s + start, len - start, true);
}

/* Only the outermost value (level 1) gets parentheses around its pieces.
 * The first known_plain bytes are known to be plain (the one-line attempt
 * read them), so the scan for plain text goes on from there. */
void ws_pf_pprint_str(ws_buf *b, const ws_pv *v, size_t known_plain,
                      long indent, long allowance, unsigned level) {
  bool parens = level == 1;
  if (v->n == 0) {
    put(b, "''", 2);
    return;
  }
  size_t rest = v->n - known_plain;
  bool plain = ws_plain_prefix(v->s + known_plain, rest) == rest;
  if (!plain && ws_pf_str_scanned(b, v, -1, indent, allowance, level)) {
    return;
  }
  if (!plain && !ws_utf8_valid(v->s, v->n, NULL)) {
    ws_buf_fail(b, WS_EUTF8);
    return;
  }
  if (parens) {
    indent++;
    allowance++;
  }
  pieces out = {b, false, parens, 0, indent};
  if (plain) {
    split_plain(&out, v->s, v->n, WIDTH - indent, allowance);
  } else {
    split_str(&out, v->s, v->n, WIDTH - indent, allowance);
  }
  if (out.count > 1 && parens) {
    put_char(b, ')');
  }
}

/* bytes break into 4-byte groups. As in CPython, the allowance is taken off
 * only at the group that starts at len // 4 * 4, which does not exist when
 * the length is a multiple of 4. */
void ws_pf_pprint_bytes(ws_buf *b, const ws_pv *v, long indent, long allowance,
                        unsigned level) {
  bool parens = level == 1;
  size_t n = v->n;
  if (n <= 4) {
    put_repr_bytes(b, v->s, n);
    return;
  }
  if (parens) {
    indent++;
    allowance++;
    put_char(b, '(');
  }
  pieces out = {b, true, false, 0, indent};
  long width = WIDTH - indent;
  size_t last = n / 4 * 4;
  ws_repr_tally cur = {0, 0, false, false, false};
  size_t cur_start = 0;
  for (size_t i = 0; i < n; i += 4) {
    size_t group_end = n - i < 4 ? n : i + 4;
    ws_repr_tally group = {0, 0, false, false, false};
    ws_repr_tally_bytes(&group, v->s + i, group_end - i, SIZE_MAX);
    ws_repr_tally joined = ws_repr_tally_join(cur, group);
    if (i == last) {
      width -= allowance;
    }
    if (within(1 + ws_repr_tally_width(&joined), width)) {
      cur = joined;
    } else {
      if (i > cur_start) {
        emit_piece(&out, v->s + cur_start, i - cur_start, false, NULL);
      }
      cur = group;
      cur_start = i;
    }
  }
  emit_piece(&out, v->s + cur_start, n - cur_start, true, NULL);
  if (parens) {
    put_char(b, ')');
  }
}
