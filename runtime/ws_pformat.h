/* ws_pformat.h - pprint.pformat(value) of CPython 3.11 (width 80, indent 1,
 * dict keys sorted, compact=False), over a read-only view of C data.
 *
 * The engine knows nothing of the generated types: a caller describes a value
 * as a ws_pv. Containers are lazy: the engine asks for child i when it needs
 * it, so nothing is copied into an intermediate tree. */
#ifndef WS_PFORMAT_H
#define WS_PFORMAT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "ws_buf.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef enum ws_pv_kind {
  WS_PV_NONE,
  WS_PV_BOOL,
  WS_PV_INT,
  WS_PV_STR,   /* text: s, n (valid UTF-8) */
  WS_PV_BYTES, /* octets: s, n */
  WS_PV_LIST,  /* n children, no keys */
  WS_PV_DICT,  /* n children with str keys; printed sorted by key */
  WS_PV_FLOAT  /* f, printed as repr(float) */
} ws_pv_kind;

typedef struct ws_pv ws_pv;

/* Fills child `index` of container `obj`: its value in *value (every field
 * of it: start from ws_pv_none()) and, for a dict, its key in *key /
 * *key_len (key is NULL for a list). */
typedef void (*ws_pv_child_fn)(const void *obj, size_t index,
                               const char **key, size_t *key_len,
                               ws_pv *value);

/* Gives only the key of slot `index` (of entry, when set, else of child),
 * as those would: for sorting, where reading each value costs for
 * nothing. */
typedef void (*ws_pv_key_fn)(const void *obj, size_t index, const char **key,
                             size_t *key_len);

struct ws_pv {
  ws_pv_kind kind;
  bool b;            /* WS_PV_BOOL */
  /* For the value of an entry (see entry below): the value is one item of
   * its key's list. A key with this one entry prints as the list of it,
   * [value]; in a group of several, each entry gives its value as it is. */
  bool list_item;
  int64_t i;         /* WS_PV_INT */
  const char *s;     /* WS_PV_STR, WS_PV_BYTES */
  size_t n;          /* length of s, or number of children */
  const void *obj;   /* container passed to child */
  ws_pv_child_fn child;
  /* Optional, for a dict kept as entries whose keys may repeat (HTTP
   * headers): entry(obj, i, ...) gives entry i of n_entries, and pformat
   * groups the entries itself, as child describes the dict: a key's one
   * value, or the list of its values in entry order. Finding the i-th group
   * afresh for each child would cost a scan of the entries; grouping while
   * sorting costs nothing more. When entry is set, pformat reads entries
   * only; n and child are there for other readers, and may be left 0 and
   * NULL for a view made only for pformat. */
  ws_pv_child_fn entry;
  size_t n_entries;
  /* For a dict read through child: its keys come in pformat's order
   * already (code point order), so pformat reads them as they come instead
   * of reading all keys first to sort them. */
  bool keys_sorted;
  /* For a dict read through child: every key is plain text (printable
   * ASCII without quotes or backslashes, as field names are), which
   * pformat then writes without looking at it. */
  bool keys_plain;
  /* Optional, for a dict: reads keys alone (see ws_pv_key_fn). Without it
   * pformat reads keys through entry or child. */
  ws_pv_key_fn key;
  /* Optional, for a dict: a number of columns its one-line repr is known
   * to need at least (0: not known). pformat does not try to fit on one
   * line a dict that cannot, so a view that knows its keys (a class's field
   * names) spares that attempt. It must not be more than the true width. */
  size_t min_width;
  double f; /* WS_PV_FLOAT */
};

static inline ws_pv ws_pv_none(void) {
  ws_pv v;
  memset(&v, 0, sizeof v);
  v.kind = WS_PV_NONE;
  return v;
}

/* Appends pformat(value) (no trailing newline) to b. Records WS_ENOMEM or
 * WS_EUTF8 in b on failure (WS_EINVAL for a malformed view, WS_EDEPTH for
 * nesting deeper than 300), and b then holds what it held before.
 *
 * The output is laid out straight into b, never copied: into the room b
 * has, else into 32 KB that b grows by (one call to the allocator; b keeps
 * the room for its next write, as an encode into JSON does), and a longer
 * output into room four times larger each time it does not fit. A
 * measuring b is told the length of a layout made in a buffer of its own.
 *
 * Stack: about 10 KB for the run (8 KB of it where dicts sort their keys;
 * a dict that finds that taken allocates), and about 170 bytes for each
 * level of nesting, whose state (a child's view, a dict's keys) is kept
 * apart, for a value nested past 8 levels on the heap (one allocation):
 * about 60 KB at the deepest a value may go, measured
 * with gcc 12 -O2 (84 KB with clang 14); tests/system/check_pformat_stack.sh
 * keeps it so. */
void ws_pformat(ws_buf *b, const ws_pv *value);

/* Appends repr(value) on one line (what pformat writes when it fits), in
 * the same way (at most about 54 KB of stack). */
void ws_prepr(ws_buf *b, const ws_pv *value);

#ifdef __cplusplus
}
#endif

#endif
