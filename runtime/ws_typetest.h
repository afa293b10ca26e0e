/* ws_typetest.h - the checks every generated class must pass, run over its
 * descriptor (ws_type) as cmocka tests.
 *
 * A generated STEM_test.c describes each concrete class in a small table
 * (ws_typetest_class): functions that build its schema defaults and call
 * make, the JSON its default value must encode to, and inputs its decoder
 * must refuse; test values are filled in from the descriptor. ws_typetest_run turns the table
 * into one cmocka test per check and class, named "Class.check", and runs
 * them. What is expected comes from the schema, through the generator; what
 * is checked here are properties: copies are equal, a changed field is not,
 * decode(encode(x)) is x, bad input is refused with the right status and a
 * value that is still safe to free, no allocation failure leaks.
 *
 * Link: this file's object, the runtime, and -lcmocka. Not part of the
 * runtime library itself, which does not need cmocka. */
#ifndef WS_TYPETEST_H
#define WS_TYPETEST_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "wstypes.h"

#ifdef __cplusplus
extern "C" {
#endif

/* ---- test values ---------------------------------------------------------
 * Each field gets one of two test values, by `variant` (0 or 1): non-ASCII
 * text with quotes and a newline, bytes with NUL and high bits, negative
 * numbers, headers with a repeated name. The fill functions do nothing once
 * *st holds a failure, so a fill is straight-line code checked once. */

/* How a class's fill function fills: every field (or only the required
 * ones), each with its own variant, except that field `flip` gets a value
 * different from its usual one (WS_TYPETEST_NO_FLIP: none). */
typedef struct ws_typetest_fill {
  bool required_only;
  size_t flip;
} ws_typetest_fill;

#define WS_TYPETEST_NO_FLIP SIZE_MAX

/* The variant of field number `field` (in all_fields order): field % 2, or
 * the other one when the field is flipped. */
int ws_typetest_variant(const ws_typetest_fill *how, size_t field);

void ws_typetest_str(ws_str *v, int variant, ws_status *st);
void ws_typetest_bytes(ws_bytes *v, int variant, ws_status *st);
void ws_typetest_int(int64_t *v, int variant, ws_status *st);
void ws_typetest_bool(bool *v, int variant, ws_status *st);
/* Edge values by variant: the classic sum, the largest double, the least
 * subnormal, an integer past 2^53, -0.0, ... */
void ws_typetest_float(double *v, int variant, ws_status *st);
void ws_typetest_headers(ws_headers *v, int variant, ws_status *st);

/* A map key by variant (three of them, so two variants in a row make two
 * different keys): "alpha", "béta \"2\"", "gamma". */
ws_strview ws_typetest_key(int variant);

/* Test values for fields with a constraint: the usual value when it keeps
 * the constraint, else one that does (a short ASCII text, an integer in the
 * range). A flipped field gets a value that differs, constraint or not (it
 * is only compared, never validated). */
void ws_typetest_str_max(ws_str *v, const ws_typetest_fill *how, size_t field,
                         uint64_t max_len, ws_status *st);
void ws_typetest_bytes_max(ws_bytes *v, const ws_typetest_fill *how,
                           size_t field, uint64_t max_len, ws_status *st);
/* A str with [http] (and max_len, or UINT64_MAX): text fit for the wire. */
void ws_typetest_str_http(ws_str *v, const ws_typetest_fill *how,
                          size_t field, uint64_t max_len, ws_status *st);
void ws_typetest_int_in(int64_t *v, const ws_typetest_fill *how, size_t field,
                        int64_t min, int64_t max);
void ws_typetest_float_in(double *v, const ws_typetest_fill *how, size_t field,
                          double min, double max);

/* A filled value of field fd (at field) made to keep fd's min_len,
 * min_items and max_items (ws_typetest_fit.c): text padded, elements cut
 * or added, so that two variants still differ. Nothing when *st already
 * holds a failure; WS_ENOMEM into *st. */
void ws_typetest_fit(const ws_field_desc *fd, void *field, ws_status *st);

/* Fills *v, an init'ed value of class t, as `how` says, from t's field
 * table (ws_typetest_fill.c): every field gets the sample above of its
 * kind by its variant (ws_typetest_variant), or one that keeps its
 * constraints; nullables are made present, lists and maps get elements,
 * enums a member, and held class values are filled the same way, two
 * levels deep. Returns WS_OK or WS_ENOMEM. */
ws_status ws_typetest_fill_class(const ws_type *t, void *v,
                                 const ws_typetest_fill *how);

/* ---- what a generated test file describes -------------------------------- */

/* An input the decoder must refuse: json (or, when count > 0, json, then
 * `count` times `repeat`, then tail: for long values built at run time),
 * refused with `status` and a message that contains `said`. The test is
 * named "decode_refuses_<name>". A list of them ends with name NULL. */
typedef struct ws_typetest_refusal {
  const char *name;
  const char *json;
  char repeat;
  size_t count;
  const char *tail;
  ws_status status;
  const char *said;
} ws_typetest_refusal;

/* A base class, and for an abstract one its own encode function (which
 * dispatches on the value's class); encode is NULL for a concrete base. A
 * list of them, nearest base first, ends with type NULL. */
typedef struct ws_typetest_base {
  const ws_type *type;
  ws_status (*encode)(const void *v, ws_format format, ws_buf *out,
                      ws_error *err);
} ws_typetest_base;

/* What a class's own C functions (not its descriptor's) did, for the check
 * that the two agree. The suite hands in v (a filled value), init_value (an
 * init'ed one) and scratch (room for one value); the class's `own` function
 * calls init, equal, copy, validate, encode (compact JSON into json, which
 * the suite frees), decode and free, and reports here. copy and decode
 * replace the scratch value in turn (the one fill rule). */
typedef struct ws_typetest_own {
  const void *v, *init_value;
  void *scratch;
  ws_buf json;
  ws_status init, copy, validate, encode, decode;
  bool init_equal, copy_equal, decode_equal;
} ws_typetest_own;

typedef struct ws_typetest_class {
  const ws_type *type;
  const char *name;        /* the schema name the descriptor must carry */
  size_t size;             /* sizeof the C struct, as the compiler sees it */
  const char *field_names; /* "a,b,c": all fields, inherited first */
  /* Sets an all-zero value to the schema's defaults, field by field, as the
   * schema states them: what init must give. NULL when every default is
   * the all-zero value (empty, zero, false or null). */
  ws_status (*defaults)(void *v);
  /* make(v, <the required fields of src>); NULL when the class has none. */
  ws_status (*make)(void *v, const void *src);
  void (*own)(ws_typetest_own *o);
  const char *json;        /* the init value as compact JSON */
  const char *json_python; /* and as json.dumps(d) */
  /* A text longer than C compilers must take as one string literal (4095
   * bytes: a wide class's field list or default JSON) comes as pieces to
   * join instead, NULL-terminated; its member above is NULL then. */
  const char *const *field_names_pieces;
  const char *const *json_pieces;
  const char *const *json_python_pieces;
  /* NULL when encode writes the init value; else the JSON path of the
   * field that breaks a constraint there (a required int whose range leaves
   * out 0), which encode must name when it refuses the value in every
   * format. json and json_python are NULL then. */
  const char *init_refused;
  const ws_typetest_refusal *refusals;
  const ws_typetest_base *bases; /* NULL for a class without a base */
} ws_typetest_class;

typedef struct ws_typetest_module {
  const char *name;
  const ws_type *const *types; /* every class of the module */
  size_t type_count;
  const ws_type *(*find)(const char *name);
  const ws_typetest_class *classes; /* the concrete ones */
  size_t class_count;
} ws_typetest_module;

/* SQLite's allocation test, for any operation: fails allocation n = 1, 2,
 * ... (through ws_set_allocator) of op(ctx) until a run sees no failure. A
 * run whose allocation failed must return WS_ENOMEM, one that did not must
 * return WS_OK, and cleanup(ctx) must leave no block behind (and restore
 * what op starts from); cmocka fails the test otherwise. Returns the
 * allocation calls of the run that succeeded. Restores the C library's
 * allocator before it returns. */
size_t ws_typetest_sweep(ws_status (*op)(void *ctx), void (*cleanup)(void *ctx),
                         void *ctx);

/* Runs every check on every class of m as a cmocka group and returns what
 * cmocka_run_group_tests returns (0 when all passed); -1 when out of
 * memory before any test ran. */
int ws_typetest_run(const ws_typetest_module *m);

#ifdef __cplusplus
}
#endif

#endif
