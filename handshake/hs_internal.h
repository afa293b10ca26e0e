/* hs_internal.h - what the handshake codec's files share.
 *
 * autobahn decodes the request's header block as ISO-8859-1, so every
 * byte is one character (U+0000..U+00FF) and Python's string methods act
 * on bytes: the codec parses in that domain, on views into the block, and
 * turns text into UTF-8 (hs_put_latin1) only where it leaves, in the
 * ConnectionRequest and in refusal reasons. */
#ifndef HS_INTERNAL_H
#define HS_INTERNAL_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "ws_builder.h"
#include "ws_handshake.h"

/* MARK: Latin-1 text as Python's str methods see it (hs_text.c) */

/* str.isspace() of the character c: Python 3.11's over U+0000..U+00FF
 * is TAB..CR, the four separators U+001C..U+001F, SPACE, NEL and
 * NO-BREAK SPACE. */
static inline bool hs_isspace(unsigned char c) {
  return (c >= 0x09 && c <= 0x0D) || (c >= 0x1C && c <= 0x20) || c == 0x85 ||
         c == 0xA0;
}
/* str.lower() of the character c: ASCII capitals and the Latin-1 capitals
 * U+00C0..U+00DE but the multiplication sign U+00D7. */
static inline unsigned char hs_lower(unsigned char c) {
  if ((c >= 'A' && c <= 'Z') || (c >= 0xC0 && c <= 0xDE && c != 0xD7))
    return (unsigned char)(c + 0x20);
  return c;
}
/* str.strip() with no argument. */
ws_strview hs_strip(ws_strview v);
/* v.lower() == lit (lit is ASCII lower case). */
bool hs_is_lower(ws_strview v, const char *lit);
/* a.lower() == b.lower(). */
bool hs_same_lower(ws_strview a, ws_strview b);
/* The first index of c in v at or after from, or v.len. */
size_t hs_find(ws_strview v, size_t from, char c);
bool hs_has(ws_strview v, char c);
/* v[from..to). (An empty value's ptr may be NULL, and NULL + 0 is
 * undefined in C.) */
static inline ws_strview hs_sub(ws_strview v, size_t from, size_t to) {
  return v.ptr ? ws_str_view(v.ptr + from, to - from) : ws_str_view(NULL, 0);
}
/* How many bytes of v are not ASCII: what v grows by as UTF-8. */
size_t hs_count_high(ws_strview v);
/* The Latin-1 character c as UTF-8 at at (one or two bytes); returns
 * where it ends. */
static inline char *hs_utf8_of(char *at, unsigned char c) {
  if (c < 0x80) {
    *at++ = (char)c;
  } else {
    *at++ = (char)(0xC0 | (c >> 6));
    *at++ = (char)(0x80 | (c & 0x3F));
  }
  return at;
}
/* v as UTF-8 (each byte one code point). */
void hs_put_latin1(ws_buf *b, ws_strview v);
/* v.lower() as UTF-8. */
void hs_put_latin1_lower(ws_buf *b, ws_strview v);
/* Whether latin1 as UTF-8 is utf8. */
bool hs_latin1_is(ws_strview latin1, ws_strview utf8);
/* tmpl (ASCII) with each "{}" replaced by the next of args (Latin-1), as
 * Python's str.format writes autobahn's messages. */
void hs_format(ws_buf *b, const char *tmpl, const ws_strview *args,
               size_t n);
/* Python's int() refuses a decimal string longer than this
 * (sys.get_int_max_str_digits(), CVE-2020-10735). */
#define HS_INT_MAX_DIGITS 4300
/* A buffer that holds any canon of hs_py_int: ws_buf_fixed over
 * char[HS_INT_TEXT_MAX], so that reading a number never allocates. */
#define HS_INT_TEXT_MAX (HS_INT_MAX_DIGITS + 2)
/* int(text) as Python 3.11 reads a str: surrounding whitespace, a sign,
 * ASCII digits with single underscores between them, at most 4300 digits.
 * On success puts str(int(text)) into canon (reset first; see
 * HS_INT_TEXT_MAX) and returns true; false where Python raises
 * ValueError. */
bool hs_py_int(ws_strview text, ws_buf *canon);
/* canon (from hs_py_int) as an int64, or false when out of range. */
bool hs_canon_i64(const ws_buf *canon, int64_t *out);

/* MARK: the header block (hs_header_block.c) */

/* One header as autobahn's parseHttpHeader keeps it: the name stripped
 * (lower-cased by autobahn: compare it with hs_same_lower or hs_is_lower),
 * its values stripped and joined with ", ", and how many lines gave it.
 * Latin-1 views of the block, or of the hs_block's joined values. */
typedef struct hs_field {
  ws_strview key;
  ws_strview value;
  size_t count;
  size_t joined_at; /* the value's offset in joined, when count > 1 */
} hs_field;

/* Fields held in the hs_block itself: a browser sends a dozen or two. */
#define HS_BLOCK_INLINE 32

typedef struct hs_block {
  ws_strview status_line; /* the first line, stripped */
  hs_field *fields;       /* in order of first appearance */
  size_t len;
  size_t cap;
  ws_buf joined; /* the values of repeated names */
  hs_field inline_fields[HS_BLOCK_INLINE];
} hs_block;

/* The index just past the first CRLFCRLF in data[0..len), or 0. The
 * search starts at *scanned, where the last one (over a shorter prefix of
 * the same bytes) stopped, and *scanned moves on when there is none. */
size_t hs_block_end(const char *data, size_t len, size_t *scanned);
/* b empty, safe to free (inline_fields is left as it is). */
void hs_block_init(hs_block *b);
/* Parses block[0..len) (which ends with CRLFCRLF) into b (hs_block_init
 * first), which borrows it (and must not move: it may point into itself).
 * WS_ENOMEM; b is safe to free either way. */
ws_status hs_block_parse(hs_block *b, const char *block, size_t len);
/* Frees what b holds; b is empty again. */
void hs_block_free(hs_block *b);
/* The field of a lower-case name, or NULL. */
const hs_field *hs_block_get(const hs_block *b, const char *name);
static inline ws_strview hs_field_value(const hs_field *f) {
  return f->value;
}

/* MARK: URLs as urllib.parse splits them (hs_url.c) */

typedef struct hs_url {
  ws_strview scheme; /* as given: lower it to compare */
  ws_strview netloc;
  ws_strview path;   /* urlparse's: without ";params" of the last segment */
  ws_strview query;
  ws_strview fragment;
  bool has_fragment;
} hs_url;

/* urlsplit(text) (urlparse(text) when with_params). urlsplit drops every
 * TAB, CR and LF; the views then point into scratch (reset first), which
 * must stay unchanged while u is used. Returns false where urllib raises
 * ValueError, with its message in why (reset first). */
bool hs_url_split(ws_strview text, bool with_params, ws_buf *scratch,
                  hs_url *u, ws_buf *why);
/* netloc's hostname and port as urllib's SplitResult gives them: host
 * lower-cased before any '%' zone (into host, reset first; absent: empty
 * and *has_host false), and the port (*has_port false when none). false,
 * with urllib's message in why, where .port raises. */
bool hs_url_host_port(ws_strview netloc, ws_buf *host, bool *has_host,
                      int64_t *port, bool *has_port, ws_buf *why);
/* parse_qs(query) into params (UTF-8, first-appearance order), carved
 * from b. */
ws_status hs_parse_qs(ws_strview query, ws_builder *b,
                      ab_map_str_list_str *params);

/* MARK: the rest of the request (hs_origin.c, hs_extensions.c) */

/* Outcome of an Origin check. */
typedef enum hs_origin_verdict {
  HS_ORIGIN_ALLOWED,
  HS_ORIGIN_INVALID,   /* why holds "HTTP Origin header invalid: ..." */
  HS_ORIGIN_NOT_ALLOWED
} hs_origin_verdict;

hs_origin_verdict hs_origin_check(const ws_hs_server_options *o,
                                  ws_strview origin, ws_buf *why);
/* The first character of a pattern of allowed_origins (not NULL) that
 * autobahn's wildcards2patterns would read as regular expression syntax,
 * or NULL when autobahn reads the pattern as a plain wildcard. */
const char *hs_origin_regex_char(const char *pattern);

/* Sec-WebSocket-Extensions as autobahn's _parseExtensionsHeader reads it,
 * each offer written as text into exts (see docs/handshake.md), carved
 * from out; text is scratch. */
ws_status hs_extensions_parse(ws_strview header, ws_builder *out,
                              ab_list_str *exts, ws_buf *text);
/* The name of an offer's parameter piece ("name=value" or "flag",
 * stripped): what is before the first '=', stripped, not lower-cased. */
ws_strview hs_ext_param_key(ws_strview piece);
/* The value of such a piece whose first '=' is at eq: the parts after
 * each '=' stripped and joined again with '=', without one leading and
 * one trailing '"'. A view of piece, or of scratch (reset first) when
 * there are parts to join; empty when scratch failed (see its status). */
ws_strview hs_ext_value(ws_strview piece, size_t eq, ws_buf *scratch);

/* The offers of permessage-deflate, -bzip2 and -snappy as autobahn's
 * succeedHandshake parses them when it accepts (hs_offers.c): true when
 * it would take them all; false, with its 400 reason in why (UTF-8,
 * reset first), for the first it would refuse. canon is scratch for
 * hs_py_int (see HS_INT_TEXT_MAX). */
bool hs_offers_check(ws_strview header, ws_buf *why, ws_buf *canon);

/* MARK: the request's and response's fields, carved from a builder
 * (hs_build.c) */

/* dst becomes latin1 as UTF-8 (lower-cased first, for _lower). */
ws_status hs_set_latin1(ws_builder *b, ws_str *dst, ws_strview latin1);
ws_status hs_set_latin1_lower(ws_builder *b, ws_str *dst, ws_strview latin1);
/* Appends a copy of utf8, or latin1 as UTF-8, to l. */
ws_status hs_list_add(ws_builder *b, ab_list_str *l, ws_strview utf8);
ws_status hs_list_add_latin1(ws_builder *b, ab_list_str *l,
                             ws_strview latin1);
/* The block's fields into h (empty), as autobahn keeps them: names
 * lower-cased, one per name (hs_block joined repeated ones). */
ws_status hs_put_headers(ws_builder *b, const hs_block *blk, ws_headers *h);

/* MARK: a header block's checks (hs_check.c) */

/* What the server's checks of a request and the client's of a response
 * share: the block read, the first check that fails (its code and
 * reason), and room to read a number. */
typedef struct hs_check {
  const char *block_name; /* "request" or "reply", as reasons call it */
  int64_t code; /* the failure's: the server's HTTP status, the client's
                 * ws_hs_failure; 0 while no check failed */
  ws_buf why;   /* its reason (UTF-8) */
  ws_buf canon; /* a number as Python prints it (hs_py_int) */
  hs_block blk;
  char canon_space[HS_INT_TEXT_MAX];
} hs_check;

/* k with no failure and an empty block (whose large arrays it does not
 * clear); reasons call the block block_name. */
void hs_check_init(hs_check *k, const char *block_name);
void hs_check_free(hs_check *k);
/* The block's header of a lower-case name, or NULL. */
const hs_field *hs_header(const hs_check *k, const char *name);
/* Fails k with code and tmpl filled from args (hs_format); returns false,
 * so that a check can end with `return hs_fail(...)`. */
bool hs_fail(hs_check *k, int64_t code, const char *tmpl,
             const ws_strview *args, size_t n);
/* hs_fail with a reason that quotes nothing. */
bool hs_fail_text(hs_check *k, int64_t code, const char *text);
/* Whether f came on one line; else fails k with code and autobahn's
 * "WHAT appears more than once in opening handshake BLOCK_NAME". */
bool hs_once(hs_check *k, const hs_field *f, int64_t code, const char *what);

/* MARK: what the codec writes may hold (hs_response.c, used by hs_client.c
 * too): the error for a header name that is not an HTTP token, and for a
 * value (what names it) with a byte a field value cannot hold. Both
 * return WS_EINVAL. */
ws_status hs_refuse_name(ws_error *err, const ws_str *name);
ws_status hs_refuse_value(ws_error *err, const char *what, const ws_str *v);

/* MARK: the server (hs_request.c) */

/* Reads the complete header block s->block into s->request or a
 * refusal. */
ws_status hs_request_read(ws_hs_server *s);

/* MARK: the client (hs_client_response.c, hs_client_extensions.c) */

/* Reads the complete response block c->block into c->response or a
 * failure. */
ws_status hs_client_read(ws_hs_client *c);
/* Fails c: the block reached max_header_bytes without its end. */
ws_status hs_client_too_large(ws_hs_client *c);
/* The Sec-WebSocket-Extensions header of a response (Latin-1) as
 * autobahn's client judges it when it offered no extension: false with
 * the reason of the first extension it fails on (UTF-8, into why), true
 * when the header names none. */
bool hs_client_extensions_ok(ws_strview header, ws_buf *why);

#endif
