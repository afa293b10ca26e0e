/* ws_buf.c - the growable output buffer: growth, failure, numbers. */
#include "ws_buf.h"

#include <stdint.h>

#include "ws_alloc.h"

/* Capacity the first growth asks for, so small outputs allocate once. */
#define WS_BUF_MIN_CAP 64

/* The block ws_buf_write_sized grows an output buffer by and writes the
 * output straight into: most encoded values fit. Writing into the heap
 * saves copying the output out of a stack scratch (16 k callgrind
 * instructions at 16 KB), and leaving the block as it is, rather than
 * shrinking it to the output, saves a realloc (about 150 instructions an
 * encode): a buffer is mostly freed, or reset and written again, soon
 * after. ws_buf_detach, which hands the bytes to something that may keep
 * them, shrinks the block. A small stack scratch that moved to the block
 * when full was slower on both sizes, because the writers take their
 * piecewise paths while their room is small. */
#define WS_BUF_SCRATCH 32768

void ws_buf_init(ws_buf *b) {
  memset(b, 0, sizeof *b);
}

void ws_buf_measure(ws_buf *b) {
  ws_buf_init(b);
  b->measuring = true;
}

void ws_buf_fixed(ws_buf *b, char *space, size_t size) {
  ws_buf_init(b);
  b->fixed = true;
  if (space == NULL || size == 0) {
    return; /* no room at all, not even for the NUL */
  }
  b->data = space;
  b->cap = size - 1;
  b->data[0] = '\0';
}

void ws_buf_free(ws_buf *b) {
  if (!b->fixed) {
    ws_free(b->data);
  }
  ws_buf_init(b);
}

void ws_buf_reset(ws_buf *b) {
  b->len = 0;
  b->status = WS_OK;
  if (b->data) {
    b->data[0] = '\0';
  }
}

/* The most room past its bytes that a detached block may keep: a quarter
 * of them, or a small buffer's first growth. */
#define DETACH_SLACK(len) (WS_BUF_MIN_CAP + (len) / 4)

char *ws_buf_detach(ws_buf *b, size_t *len) {
  if (len) {
    *len = 0;
  }
  if (b->status != WS_OK || b->fixed || b->measuring) {
    return NULL;
  }
  char *data = b->data;
  if (data != NULL && b->cap - b->len > DETACH_SLACK(b->len)) {
    char *fit = ws_realloc(data, b->len + 1);
    data = fit != NULL ? fit : data; /* a shrink refused costs only room */
  }
  if (!data) {
    data = ws_malloc(1);
    if (!data) {
      ws_buf_fail(b, WS_ENOMEM);
      return NULL;
    }
    data[0] = '\0';
  }
  if (len) {
    *len = b->len;
  }
  ws_buf_init(b);
  return data;
}

void ws_buf_fail(ws_buf *b, ws_status status) {
  if (b->status == WS_OK) {
    b->status = status;
  }
}

/* Reallocates to hold new_cap bytes plus the NUL; a fixed buffer is
 * full instead. */
static ws_status resize(ws_buf *b, size_t new_cap) {
  if (b->fixed) {
    ws_buf_fail(b, WS_EFULL);
    return WS_EFULL;
  }
  if (new_cap == SIZE_MAX) {
    ws_buf_fail(b, WS_ENOMEM);
    return WS_ENOMEM;
  }
  char *data = ws_realloc(b->data, new_cap + 1);
  if (!data) {
    ws_buf_fail(b, WS_ENOMEM);
    return WS_ENOMEM;
  }
  data[b->len] = '\0';
  b->data = data;
  b->cap = new_cap;
  return WS_OK;
}

ws_status ws_buf_reserve(ws_buf *b, size_t extra) {
  if (b->status != WS_OK || b->measuring) {
    return b->status;
  }
  if (b->cap - b->len >= extra) {
    return WS_OK;
  }
  if (extra > SIZE_MAX - b->len) {
    ws_buf_fail(b, WS_ENOMEM);
    return WS_ENOMEM;
  }
  return resize(b, b->len + extra);
}

/* Geometric growth to at least need bytes: doubling keeps a long series of
 * small writes linear. */
static ws_status grow_for(ws_buf *b, size_t extra) {
  if (extra > SIZE_MAX - b->len) {
    ws_buf_fail(b, WS_ENOMEM);
    return WS_ENOMEM;
  }
  size_t need = b->len + extra;
  size_t new_cap = b->cap < SIZE_MAX / 2 ? b->cap * 2 : SIZE_MAX - 1;
  if (new_cap < WS_BUF_MIN_CAP) {
    new_cap = WS_BUF_MIN_CAP;
  }
  if (new_cap < need) {
    new_cap = need;
  }
  return resize(b, new_cap);
}

ws_status ws_buf_make_room(ws_buf *b, size_t extra) {
  if (b->status != WS_OK || b->measuring) {
    return b->status;
  }
  if (b->cap - b->len >= extra) {
    return WS_OK;
  }
  return grow_for(b, extra);
}

void ws_buf_put_slow(ws_buf *b, const void *p, size_t n) {
  if (b->measuring) {
    b->len += n;
    return;
  }
  if (b->status != WS_OK || n == 0) {
    return;
  }
  if (b->cap - b->len < n && grow_for(b, n) != WS_OK) {
    return;
  }
  memcpy(b->data + b->len, p, n);
  b->len += n;
  b->data[b->len] = '\0';
}

void ws_buf_put_i64(ws_buf *b, long long v) {
  char digits[24];
  size_t at = sizeof digits;
  /* Work with the magnitude as unsigned: -LLONG_MIN does not fit. */
  unsigned long long mag =
      v < 0 ? 0ULL - (unsigned long long)v : (unsigned long long)v;
  do {
    digits[--at] = (char)('0' + (int)(mag % 10));
    mag /= 10;
  } while (mag != 0);
  if (v < 0) {
    digits[--at] = '-';
  }
  ws_buf_put(b, digits + at, sizeof digits - at);
}

void ws_buf_put_repeat(ws_buf *b, char c, size_t n) {
  if (b->measuring) {
    b->len += n;
    return;
  }
  if (n == 0 || b->status != WS_OK ||
      (b->cap - b->len < n && grow_for(b, n) != WS_OK)) {
    return;
  }
  memset(b->data + b->len, c, n);
  b->len += n;
  b->data[b->len] = '\0';
}

/* Cuts b back to len bytes and clears its failure. */
static void cut_back(ws_buf *b, size_t len) {
  b->len = len;
  b->status = WS_OK;
  if (b->data) {
    b->data[len] = '\0';
  }
}

/* Runs write on out held to the room it has (out fixed for the run); on
 * failure cuts out back to start and clears the failure. Returns WS_OK,
 * WS_EFULL when the output did not fit, or the writer's failure, which
 * the caller records once it has put back whatever it grew. */
static ws_status write_in_room(ws_buf *out, size_t start, ws_buf_writer write,
                               const void *ctx) {
  out->fixed = true;
  write(out, ctx);
  out->fixed = false;
  ws_status st = out->status;
  if (st != WS_OK) {
    cut_back(out, start);
  }
  return st;
}

/* Gives back what a failed try grew: out's block goes back to old_cap
 * bytes, or is freed when out had none. A shrink that fails keeps the
 * larger block, which is still out's, freed by ws_buf_free. */
static void give_back(ws_buf *out, bool had_block, size_t old_cap) {
  if (!had_block) {
    ws_free(out->data);
    out->data = NULL;
    out->cap = 0;
    return;
  }
  char *data = ws_realloc(out->data, old_cap + 1);
  if (data) {
    out->data = data;
    out->cap = old_cap;
  }
}

/* Grows out by a scratch block (one allocation) and writes into it; the
 * block stays out's, as big as it is. Returns WS_EFULL, with out as it
 * was, when the output does not fit the block; on any other failure out
 * holds what it held before and records the failure. */
static ws_status write_into_scratch_block(ws_buf *out, ws_buf_writer write,
                                          const void *ctx) {
  size_t start = out->len;
  size_t old_cap = out->cap;
  bool had_block = out->data != NULL;
  if (out->cap - start >= WS_BUF_SCRATCH ||
      start > SIZE_MAX - 2 - WS_BUF_SCRATCH) {
    return WS_EFULL; /* the block is no bigger than the room that ran
                        short, or cannot be had: count first */
  }
  if (resize(out, start + WS_BUF_SCRATCH) != WS_OK) {
    return out->status;
  }
  ws_status st = write_in_room(out, start, write, ctx);
  if (st == WS_OK) {
    return WS_OK;
  }
  give_back(out, had_block, old_cap);
  if (st != WS_EFULL) {
    ws_buf_fail(out, st);
  }
  return st;
}

ws_status ws_buf_write_sized(ws_buf *out, ws_buf_writer write,
                             const void *ctx) {
  if (out->status != WS_OK) {
    return out->status;
  }
  if (out->measuring || out->fixed) {
    write(out, ctx);
    return out->status;
  }
  /* A buffer kept across messages mostly has the room: out is held to it
   * for one run, and if it runs short, cut back. */
  size_t start = out->len;
  if (out->cap > out->len) {
    ws_status st = write_in_room(out, start, write, ctx);
    if (st != WS_EFULL) {
      if (st != WS_OK) {
        ws_buf_fail(out, st);
      }
      return st;
    }
  }
  ws_status st = write_into_scratch_block(out, write, ctx);
  if (st != WS_EFULL) {
    return st;
  }
  ws_buf counter;
  ws_buf_measure(&counter);
  write(&counter, ctx);
  if (counter.status != WS_OK) {
    ws_buf_fail(out, counter.status);
  } else if (ws_buf_reserve(out, counter.len) == WS_OK) {
    write(out, ctx);
  }
  return out->status;
}
