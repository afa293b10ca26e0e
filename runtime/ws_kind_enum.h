/* ws_kind_enum.h - enums: a kind whose values are the members of one
 * schema enum (`enum Side { BUY = "buy", SELL = "sell" }`).
 *
 * In C a value is a generated enum type (`fd_side`) whose enumerators count
 * from 0 in schema order (FD_SIDE_BUY is 0, FD_SIDE_SELL 1): the index of
 * the member, so that the all-zero value is a member, as every type's is.
 * What the member means in JSON and str() - its value, a string ("buy") or
 * an integer (1001) - is data in the enum's descriptor, a ws_enum_kind
 * that starts with the ws_kind the field tables point at. A value that is
 * not a member (a C int stored in the field) is refused by validate and
 * encode; it can never come out of decode. */
#ifndef WS_KIND_ENUM_H
#define WS_KIND_ENUM_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "ws_buf.h"
#include "ws_json_write.h"
#include "ws_kind.h"

#ifdef __cplusplus
extern "C" {
#endif

/* One member: its schema name and its value. */
typedef struct ws_enum_member {
  const char *name; /* "BUY" */
  const char *text; /* a string-valued enum's value ("buy"); NULL for int */
  size_t text_len;
  int64_t value; /* an int-valued enum's value; 0 for string */
} ws_enum_member;

/* The descriptor of an enum. `kind` comes first: &e->kind is what field
 * tables and composites point at, and the runtime gets e back from it. */
typedef struct ws_enum_kind {
  ws_kind kind;
  const char *c_name; /* "fd_side" */
  const char *doc;
  bool is_int; /* the values are integers; else strings */
  const ws_enum_member *members; /* schema order: index = enumerator */
  size_t count;
} ws_enum_kind;

extern const ws_kind_ops ws_enum_ops;

/* The ws_kind of an enum of C type T and schema name NAME: the first
 * member of its ws_enum_kind, whose others a generated descriptor names:
 *   const ws_enum_kind fd_side_kind = {.kind = WS_ENUM_KIND(fd_side, "Side"),
 *                                      .members = fd_side_members, ...}; */
#define WS_ENUM_KIND(T, NAME)                                                  \
  {                                                                            \
    &ws_enum_ops, WS_KIND_OTHER, NAME, sizeof(T), true, NULL, 0, 0, 0, 0, 0,   \
        0, NULL, NULL, NULL, false, NULL, 0                                    \
  }

/* The enum k is, or NULL when k is another kind. */
const ws_enum_kind *ws_enum_of(const ws_kind *k);

/* The member index stored at v (a value of e's C type), -1 when it is not
 * a member. */
long ws_enum_get(const ws_enum_kind *e, const void *v);
/* Stores member index at v. */
void ws_enum_set(const ws_enum_kind *e, void *v, size_t index);

/* The member of index, or NULL when index is not one. */
const ws_enum_member *ws_enum_member_at(const ws_enum_kind *e, long index);
/* The index of the member whose value is the text s[0..len) (a
 * string-valued enum) or the integer v (int-valued); -1 when none is. */
long ws_enum_find_text(const ws_enum_kind *e, const char *s, size_t len);
long ws_enum_find_int(const ws_enum_kind *e, int64_t v);

/* The allowed values, as messages list them: "\"buy\", \"sell\"" or
 * "1000, 1001", cut with ", ..." to fit size. */
void ws_enum_allowed(const ws_enum_kind *e, char *out, size_t size);

/* Writes member index's value as JSON (string or integer). A value that is
 * not a member fails b with WS_ECONSTRAINT (encode checks first, so it
 * only happens to a caller that did not). */
void ws_enum_put_json(ws_buf *b, const ws_enum_kind *e, long index,
                      ws_json_mode mode);

#ifdef __cplusplus
}
#endif

#endif
