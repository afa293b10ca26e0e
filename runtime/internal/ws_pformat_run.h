/* ws_pformat_run.h - one layout run of ws_pformat or ws_prepr: the state
 * its writers share besides the output (not part of the public API;
 * wstypes.h does not include it).
 *
 * ws_pformat_run.c sets a run up over the output buffer's room and runs
 * the layout of ws_pformat.c in it. Every writer writes into the run's
 * ws_buf, which comes first, so the run is found from the buffer the
 * writers are handed. Besides the output a run holds the room its dicts
 * sort their keys in, what the last failed one-line attempt of a dict
 * left (kept), and the item each container is at, a level each: a
 * container at level L reads its children's views into the item of level
 * L + 1, which stays put while the child is laid out. Kept here rather
 * than in the frames of the recursion, each level's frame is a few words,
 * and a value nested as deep as it may go (MAX_DEPTH) needs tens of KB of
 * stack, not hundreds. */
#ifndef WS_PFORMAT_RUN_H
#define WS_PFORMAT_RUN_H

#include <stdint.h>

#include "ws_pformat_keys.h"
#include "ws_pformat_write.h"

#include "ws_inline.h"

enum {
  /* The levels of nesting whose state a run keeps in its own frame; a
   * value nested deeper gets room for the rest from the heap. */
  WS_PF_NEAR_LEVELS = 8,
  /* An 80-column line holds at most 11 items ("'': x" and ", "), each
   * written in at most 4 bytes a column (UTF-8) and of at most one slot a
   * column (a repeated key's values, ", x" each): an attempt, which stops
   * where its columns pass the width, writes what a kept_item holds. */
  KEPT_ITEMS = 12
};

/* Where a dict's failed one-line attempt had written to, from the dict's
 * "{", when the item was whole (see keep_item in ws_pformat.c). Where the
 * item starts follows from the item before (see kept_from). Two stores an
 * item, which is what a dict that fits (most) pays for the keeping. */
typedef struct kept_item {
  uint16_t to;
  uint16_t next; /* the slot after the item */
} kept_item;

/* One for the whole run: a dict reads its kept items before it lays out
 * any item of its own, and only then do the dicts nested in it make their
 * attempts. */
typedef struct kept {
  size_t count;
  const char *bytes; /* the attempt's, once moved (see keep_attempt) */
  kept_item items[KEPT_ITEMS];
} kept;

typedef struct level_state {
  dict_item item;   /* the value at this level, as its container read it */
  sorted_keys keys; /* when that value is a dict: its keys in order */
} level_state;

typedef struct layout_run {
  ws_buf out;
  kept keep;
  level_state *far;  /* levels WS_PF_NEAR_LEVELS and on, once reached */
  level_state spare; /* any level's, once the far levels could not be had */
  level_state near[WS_PF_NEAR_LEVELS];
  ws_pf_keyspace keys;
} layout_run;

static inline layout_run *run_of(ws_buf *b) {
  return (layout_run *)(void *)b;
}

static inline ws_pf_keyspace *keyspace(ws_buf *b) {
  return &run_of(b)->keys;
}

/* The state of a level past the near ones: the far levels are allocated
 * when a value first reaches them; without the memory, WS_ENOMEM and the
 * spare state, which a failed run's writers may scribble on (they stop at
 * the failure: no two of them use it at once). */
level_state *ws_pf_far_level(ws_buf *b, unsigned level);

WS_ALWAYS_INLINE level_state *state_of_level(ws_buf *b, unsigned level) {
  if (level < WS_PF_NEAR_LEVELS) {
    return &run_of(b)->near[level];
  }
  return ws_pf_far_level(b, level);
}

/* The item a container at level - 1 reads its children into. */
WS_ALWAYS_INLINE dict_item *item_of_level(ws_buf *b, unsigned level) {
  return &state_of_level(b, level)->item;
}

/* Where the dict at level puts its keys in order. */
WS_ALWAYS_INLINE sorted_keys *keys_of_level(ws_buf *b, unsigned level) {
  return &state_of_level(b, level)->keys;
}

/* The layouts (ws_pformat.c), run in the run whose ws_buf is b. */
void ws_pf_layout(ws_buf *b, const ws_pv *v);      /* pformat */
void ws_pf_layout_repr(ws_buf *b, const ws_pv *v); /* repr on one line */

#endif
