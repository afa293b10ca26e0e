/* ws_pformat_run.c - a layout run of ws_pformat or ws_prepr (see
 * internal/ws_pformat_run.h): set up over the output buffer's room, the
 * layout written straight into it, and the state of levels nested past
 * what the run keeps in its frame. */
#include "ws_pformat.h"

#include "ws_alloc.h"

#include "internal/ws_pformat_run.h"

enum {
  /* The room a layout run first gets in the output buffer, when the
   * buffer has not the room already: most values print in less. */
  FIRST_ROOM = 32768,
  /* A larger one is laid out again into room this many times larger each
   * time it does not fit: few runs again, and at most about a third more
   * work. */
  ROOM_GROWTH = 4
};

level_state *ws_pf_far_level(ws_buf *b, unsigned level) {
  layout_run *run = run_of(b);
  if (!run->far) {
    run->far =
        ws_malloc((MAX_DEPTH + 2 - WS_PF_NEAR_LEVELS) * sizeof *run->far);
    if (!run->far) {
      ws_buf_fail(b, WS_ENOMEM);
    }
  }
  if (!run->far || level > MAX_DEPTH + 1) {
    return &run->spare;
  }
  return &run->far[level - WS_PF_NEAR_LEVELS];
}

typedef void (*layout_fn)(ws_buf *b, const ws_pv *v);

/* One layout run into space[0..size) (its last byte kept for the NUL
 * ws_repr writes after a piece): its status, and in *len the length of
 * what it wrote. */
static ws_status layout_in(char *space, size_t size, const ws_pv *v,
                           layout_fn layout, size_t *len) {
  layout_run run;
  ws_buf_fixed(&run.out, space, size);
  run.keep.count = 0;
  run.far = NULL;
  run.keys.used = 0;
  layout(&run.out, v);
  ws_free(run.far);
  *len = run.out.len;
  return run.out.status;
}

/* The layout written straight into b, after what b holds: into the room b
 * has when it has some, else into FIRST_ROOM bytes b grows by (one call to
 * the allocator, and b keeps the room for its next write, as
 * ws_buf_write_sized keeps its block), and when that is too small, into
 * room ROOM_GROWTH times larger each time, which b keeps too (at most
 * three quarters of it to spare; ws_buf_detach gives a roomy block back).
 * Nothing is laid out in a scratch and copied. On failure b records it,
 * and holds what it held before (its room perhaps larger). */
static void layout_into(ws_buf *b, const ws_pv *v, layout_fn layout) {
  size_t start = b->len;
  size_t len = 0;
  ws_status st = WS_EFULL;
  if (b->data != NULL && (b->cap > start || b->fixed)) {
    st = layout_in(b->data + start, b->cap - start + 1, v, layout, &len);
  }
  for (size_t room = FIRST_ROOM; st == WS_EFULL && !b->fixed;
       room *= ROOM_GROWTH) {
    if (room > SIZE_MAX / ROOM_GROWTH || start > SIZE_MAX - 1 - room) {
      st = WS_ENOMEM;
      break;
    }
    if (b->cap - start >= room) {
      continue; /* that much was there, and too little */
    }
    if (ws_buf_reserve(b, room) != WS_OK) {
      st = b->status; /* WS_ENOMEM, b's memory as it was */
      break;
    }
    st = layout_in(b->data + start, room + 1, v, layout, &len);
  }
  if (st != WS_OK) {
    ws_buf_fail(b, st);
    len = 0;
  }
  b->len = start + len;
  if (b->data) {
    b->data[b->len] = '\0';
  }
}

/* A buffer that only counts is told the length of the layout, made in a
 * buffer of its own. */
static void measure_layout(ws_buf *b, const ws_pv *v, layout_fn layout) {
  ws_buf out;
  ws_buf_init(&out);
  layout_into(&out, v, layout);
  if (out.status != WS_OK) {
    ws_buf_fail(b, out.status);
  } else {
    b->len += out.len;
  }
  ws_buf_free(&out);
}

static void run_layout(ws_buf *b, const ws_pv *v, layout_fn layout) {
  if (b->status != WS_OK) {
    return;
  }
  if (b->measuring) {
    measure_layout(b, v, layout);
  } else {
    layout_into(b, v, layout);
  }
}

void ws_pformat(ws_buf *b, const ws_pv *value) {
  run_layout(b, value, ws_pf_layout);
}

void ws_prepr(ws_buf *b, const ws_pv *value) {
  run_layout(b, value, ws_pf_layout_repr);
}
