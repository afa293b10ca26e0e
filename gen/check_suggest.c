/* check_suggest.c - the "unknown type" error, with a hint when the name is
 * close to one the schema could mean (a typo: `strng`, `lsit`, `Ordr`) or
 * is another language's word for one of ours (`string`, `dict`, `union`).
 * Candidates are the built-in types and every class and enum the file
 * sees, its own and its imports'. */
#include <ctype.h>

#include "check_parts.h"

/* Names longer than this are compared no further: a typo of a long name is
 * still caught in its first letters, and the table below stays small. */
#define SUGGEST_MAX 32

/* Words of other languages for our types, and what to write instead. */
/* Words of other languages for our types (any letter case), and ours. */
static const char *const synonyms[][2] = {
    {"string", "str"},    {"text", "str"},     {"char", "str"},
    {"integer", "int"},   {"long", "int"},     {"int64", "int"},
    {"i64", "int"},       {"int64_t", "int"},  {"double", "float"},
    {"number", "float"},  {"f64", "float"},    {"boolean", "bool"},
    {"array", "list"},    {"vector", "list"},  {"vec", "list"},
    {"sequence", "list"}, {"dict", "map"},     {"object", "map"},
    {"hashmap", "map"},   {"binary", "bytes"}, {"blob", "bytes"},
    {"bytearray", "bytes"}, {NULL, NULL}};

/* Words for a value that may be one of several types: there is no such
 * type, and what stands for it is an abstract class. */
static const char *const union_words[] = {"union", "variant", "oneof", "one_of", "any", NULL};

static const char *const optional_words[] = {"optional", "option", "nullable", "maybe", NULL};

/* Whether a and b are the same word but for letter case (ASCII). */
static bool same_word(const char *a, const char *b) {
  for (; *a && *b; a++, b++)
    if (tolower((unsigned char)*a) != tolower((unsigned char)*b)) return false;
  return *a == *b;
}

static bool is_one_of(const char *name, const char *const *words) {
  for (; *words; words++)
    if (same_word(name, *words)) return true;
  return false;
}

/* Edit distance with adjacent swaps (optimal string alignment); letters
 * that differ only in case cost nothing. Names are cut at SUGGEST_MAX. */
static size_t distance(const char *a, const char *b) {
  size_t n = strlen(a), m = strlen(b);
  if (n > SUGGEST_MAX) n = SUGGEST_MAX;
  if (m > SUGGEST_MAX) m = SUGGEST_MAX;
  size_t d[SUGGEST_MAX + 1][SUGGEST_MAX + 1];
  for (size_t i = 0; i <= n; i++) d[i][0] = i;
  for (size_t j = 0; j <= m; j++) d[0][j] = j;
  for (size_t i = 1; i <= n; i++) {
    for (size_t j = 1; j <= m; j++) {
      bool same = tolower((unsigned char)a[i - 1]) == tolower((unsigned char)b[j - 1]);
      size_t best = d[i - 1][j - 1] + (same ? 0 : 1);
      if (d[i - 1][j] + 1 < best) best = d[i - 1][j] + 1;
      if (d[i][j - 1] + 1 < best) best = d[i][j - 1] + 1;
      if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] &&
          d[i - 2][j - 2] + 1 < best)
        best = d[i - 2][j - 2] + 1;
      d[i][j] = best;
    }
  }
  return d[n][m];
}

typedef struct guess {
  const char *name;
  const char *best;
  size_t best_distance;
} guess;

/* Keeps candidate when it is closer than the best so far and close enough
 * to be a typo: at most 2 edits, and fewer than half the name's letters. */
static void consider(guess *g, const char *candidate) {
  if (strcmp(candidate, g->name) == 0) return;
  size_t dist = distance(g->name, candidate);
  size_t len = strlen(g->name);
  if (dist > 2 || 2 * dist > len || dist >= g->best_distance) return;
  g->best = candidate;
  g->best_distance = dist;
}

static void consider_module(guess *g, const ir_module *m) {
  for (size_t i = 0; i < m->class_count; i++) consider(g, m->classes[i]->name);
  for (size_t i = 0; i < m->enum_count; i++) consider(g, m->enums[i]->name);
}

static const char *closest(const checker *k, const char *name) {
  static const char *const builtins[] = {"str",     "bytes", "int",  "float",
                                         "bool",    "headers", "list", "map", NULL};
  guess g = {name, NULL, SIZE_MAX};
  for (size_t i = 0; builtins[i]; i++) consider(&g, builtins[i]);
  for (size_t i = 0; i < k->ast->class_count; i++) consider(&g, k->ast->classes[i]->name);
  for (size_t i = 0; i < k->ast->enum_count; i++) consider(&g, k->ast->enums[i]->name);
  for (size_t i = 0; i < k->import_count; i++)
    if (k->imports[i]) consider_module(&g, k->imports[i]);
  return g.best;
}

void check_report_unknown_type(checker *k, size_t offset, const char *name) {
  /* A one-letter slip of a name the file sees beats a word's translation
   * (a class `Texts` for `text`). */
  const char *best = closest(k, name);
  if (best && distance(name, best) <= 1) {
    diag_error(k->d, offset, "unknown type '%s' (did you mean '%s'?)", name, best);
    return;
  }
  for (size_t i = 0; synonyms[i][0]; i++)
    if (same_word(name, synonyms[i][0])) {
      diag_error(k->d, offset, "unknown type '%s' (the type is called '%s')", name,
                 synonyms[i][1]);
      return;
    }
  if (is_one_of(name, union_words)) {
    diag_error(k->d, offset,
               "unknown type '%s': a field that holds one of several classes has the type of "
               "an abstract class, with a subclass for each alternative",
               name);
    return;
  }
  if (is_one_of(name, optional_words)) {
    diag_error(k->d, offset, "unknown type '%s': write 'T?' for a value that may be None",
               name);
    return;
  }
  if (best)
    diag_error(k->d, offset, "unknown type '%s' (did you mean '%s'?)", name, best);
  else
    diag_error(k->d, offset, "unknown type '%s'", name);
}
