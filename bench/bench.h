/* bench.h - what every benchmarked operation looks like.
 *
 * Every library gets the same job on the same data: build the fixture's
 * document from one C value (our generated struct) and print it, or parse the
 * fixture and copy every field into that struct. A fixture holds one of the
 * documents below (bench_doc): a ConnectionRequest, or a Quote
 * (bench/quote.wst, the float-heavy one). An operation does the whole
 * job once, including freeing what it made, so the harness can time it, count
 * its allocations and its instructions in the same way for every library. */
#ifndef BENCH_H
#define BENCH_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "autobahn.h"

#ifdef __cplusplus
extern "C" {
#endif

/* Where an encoder hands its output before freeing it. The harness checks the
 * bytes once (keep == true) and otherwise only records the length. */
typedef struct bench_sink {
  bool keep;
  char *copy; /* malloc'd copy of the output when keep */
  size_t len;
} bench_sink;

void bench_sink_take(bench_sink *s, const char *p, size_t n);

typedef enum bench_kind {
  BENCH_ENCODE,        /* compact JSON (the fixture's own bytes) */
  BENCH_ENCODE_PYTHON, /* json.dumps(d) */
  BENCH_STR,           /* pprint.pformat(d) */
  BENCH_DECODE,        /* parse and copy into the struct */
  BENCH_PARSE          /* parse only (nothing kept) */
} bench_kind;

typedef struct bench_op {
  const char *lib;  /* "ours", "cJSON", ... */
  bench_kind kind;
  const char *note; /* how the library was used, for the table's notes */
  /* Exactly one of these, by kind. Each returns false on failure. v and
   * out are the document's generated struct (bench_doc.type). */
  bool (*encode)(const void *v, bench_sink *out);
  /* out is uninitialised; on success it holds the value (the harness frees
   * it through bench_doc.type). */
  bool (*decode)(const char *json, size_t len, void *out);
  bool (*parse)(const char *json, size_t len);
} bench_op;

/* A kind of document the harness measures: its generated class, and the
 * operations tables of every part that handles it, NULL-terminated. */
typedef struct bench_doc {
  const char *name; /* the harness's DOC argument: "request", "quote" */
  const ws_type *type;
  const bench_op *const *tables;
} bench_doc;

extern const bench_doc bench_doc_request; /* main.c */
extern const bench_doc bench_doc_quote;   /* quote_common.c */

/* The operations each part contributes for the request, ending with an
 * all-zero entry (the quote's are in bench_quote.h). bench_ops_limit does
 * not depend on the document. */
extern const bench_op bench_ops_ours[];
extern const bench_op bench_ops_cjson[];
extern const bench_op bench_ops_jansson[];
extern const bench_op bench_ops_yajl[];
extern const bench_op bench_ops_jsonc[];
extern const bench_op bench_ops_simdjson[];
extern const bench_op bench_ops_limit[];

/* Helpers the copy-into-the-struct code of every library shares, so that
 * each library does exactly the same work on our side. */

/* The field of ab_connection_request a JSON key names, or -1. */
int bench_field_index(const char *key, size_t len);
enum {
  F_PEER,
  F_HEADERS,
  F_HOST,
  F_PATH,
  F_PARAMS,
  F_VERSION,
  F_ORIGIN,
  F_PROTOCOLS,
  F_EXTENSIONS,
  F_COUNT
};
/* Starts params[key] as an empty list and returns it (NULL on ENOMEM). */
ab_list_str *bench_params_add(ab_map_str_list_str *m, const char *key,
                              size_t len);
bool bench_list_add(ab_list_str *l, const char *s, size_t len);

/* Headers grouped as they print: by name (exact spelling), names in the
 * order they first appear. bench_header_group makes the grouping once per
 * document, in time linear in the headers (a hash table of the names), as a
 * careful user of any library would; entry i is the first of its name when
 * count[i] != 0, and then next[] leads from it through the others of that
 * name to h->len. On the stack up to BENCH_GROUP_STACK headers. */
enum { BENCH_GROUP_STACK = 256 };
typedef struct bench_header_groups {
  const ws_headers *h;
  uint32_t *next;  /* next[i]: the next header with i's name, or h->len */
  uint32_t *count; /* count[i]: headers with i's name if i is the first, else 0 */
  uint32_t *heap;  /* past BENCH_GROUP_STACK headers: next and count live here */
  uint32_t room[2 * BENCH_GROUP_STACK];
} bench_header_groups;
/* False on ENOMEM (nothing to free then). */
bool bench_header_group(bench_header_groups *g, const ws_headers *h);
void bench_header_groups_free(bench_header_groups *g);

#ifdef __cplusplus
}
#endif

#endif
