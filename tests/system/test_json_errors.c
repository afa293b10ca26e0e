/* The catalogue of bad JSON input, tests/data/json_errors.tsv, through the
 * C API: each row's input, decoded as its class by ws_type_decode, must give
 * the row's status, line, column and message exactly. The tool's tests
 * (check_tool.sh) read the same rows; rows with --lines are the tool's alone
 * (the tool splits the records) and are left out here. Run from the
 * repository root; one cmocka test a row. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "autobahn.h"

#define CATALOGUE "tests/data/json_errors.tsv"

enum { NAME, README, COMMAND, CLASS, OPTIONS, INPUT, WHERE, STATUS, MESSAGE,
       COLUMNS };

typedef struct row {
  char *cell[COLUMNS];
} row;

/* ---- reading the table ---------------------------------------------------- */

static char *read_file(const char *path) {
  FILE *f = fopen(path, "rb");
  if (f == NULL)
    return NULL;
  size_t cap = 4096, len = 0;
  char *text = malloc(cap);
  size_t got;
  while (text != NULL && (got = fread(text + len, 1, cap - len - 1, f)) > 0) {
    len += got;
    if (cap - len - 1 == 0) {
      char *bigger = realloc(text, cap * 2);
      if (bigger == NULL)
        free(text);
      text = bigger;
      cap *= 2;
    }
  }
  fclose(f);
  if (text != NULL)
    text[len] = '\0';
  return text;
}

/* Splits one line (NUL-terminated, in place) at its tabs; false unless it
 * has exactly COLUMNS cells. */
static bool split_row(char *line, row *r) {
  size_t n = 0;
  r->cell[n++] = line;
  for (char *p = line; *p != '\0'; p++) {
    if (*p == '\t') {
      if (n == COLUMNS)
        return false;
      *p = '\0';
      r->cell[n++] = p + 1;
    }
  }
  return n == COLUMNS;
}

/* The rows of text (changed in place); *count of them, NULL on a malformed
 * line (reported) or no memory. */
static row *parse_rows(char *text, size_t *count) {
  size_t lines = 1;
  for (const char *p = text; *p != '\0'; p++)
    lines += *p == '\n';
  row *rows = calloc(lines, sizeof *rows);
  size_t n = 0, line_no = 0;
  for (char *line = text; rows != NULL && line != NULL;) {
    char *nl = strchr(line, '\n');
    if (nl != NULL)
      *nl = '\0';
    line_no++;
    if (line[0] != '\0' && line[0] != '#') {
      if (!split_row(line, &rows[n])) {
        fprintf(stderr, "%s:%zu: not %d tab-separated cells\n", CATALOGUE,
                line_no, (int)COLUMNS);
        free(rows);
        return NULL;
      }
      n++;
    }
    line = nl != NULL ? nl + 1 : NULL;
  }
  *count = n;
  return rows;
}

/* ---- a row's input --------------------------------------------------------- */

/* The bytes the INPUT cell stands for: printf %b escapes (\\ \n \t \0NNN)
 * and \{N*TEXT}, TEXT N times. Returns a malloc'd buffer and its length in
 * *len, or NULL for an escape the table may not use. */
static char *decode_input(const char *s, size_t *len);

static bool append(char **buf, size_t *len, size_t *cap, const char *p,
                   size_t n) {
  if (*len + n + 1 > *cap) {
    size_t want = (*len + n + 1) * 2;
    char *bigger = realloc(*buf, want);
    if (bigger == NULL)
      return false;
    *buf = bigger;
    *cap = want;
  }
  memcpy(*buf + *len, p, n);
  *len += n;
  return true;
}

/* \{N*TEXT}: appends TEXT's bytes N times; *s moves past the brace. */
static bool append_repeat(char **buf, size_t *len, size_t *cap,
                          const char **s) {
  char *end;
  unsigned long times = strtoul(*s, &end, 10);
  const char *close = strchr(end, '}');
  if (*end != '*' || close == NULL)
    return false;
  char *unit_text = malloc((size_t)(close - end));
  if (unit_text == NULL)
    return false;
  memcpy(unit_text, end + 1, (size_t)(close - end - 1));
  unit_text[close - end - 1] = '\0';
  size_t unit_len;
  char *unit = decode_input(unit_text, &unit_len);
  free(unit_text);
  bool ok = unit != NULL;
  for (unsigned long i = 0; ok && i < times; i++)
    ok = append(buf, len, cap, unit, unit_len);
  free(unit);
  *s = close + 1;
  return ok;
}

/* One escape after its backslash; *s moves past it. */
static bool append_escape(char **buf, size_t *len, size_t *cap,
                          const char **s) {
  char c = *(*s)++;
  switch (c) {
  case '\\':
    return append(buf, len, cap, "\\", 1);
  case 'n':
    return append(buf, len, cap, "\n", 1);
  case 't':
    return append(buf, len, cap, "\t", 1);
  case '0': {
    unsigned v = 0;
    for (int i = 0; i < 3 && **s >= '0' && **s <= '7'; i++)
      v = v * 8 + (unsigned)(*(*s)++ - '0');
    char byte = (char)(unsigned char)v;
    return append(buf, len, cap, &byte, 1);
  }
  case '{':
    return append_repeat(buf, len, cap, s);
  default:
    return false;
  }
}

static char *decode_input(const char *s, size_t *len) {
  size_t cap = 64;
  char *buf = malloc(cap);
  *len = 0;
  bool ok = buf != NULL;
  while (ok && *s != '\0') {
    if (*s == '\\') {
      s++;
      ok = append_escape(&buf, len, &cap, &s);
    } else {
      ok = append(&buf, len, &cap, s++, 1);
    }
  }
  if (!ok) {
    free(buf);
    return NULL;
  }
  buf[*len] = '\0';
  return buf;
}

/* ---- checking a row --------------------------------------------------------- */

static const struct {
  const char *name;
  ws_status status;
} statuses[] = {
    {"WS_OK", WS_OK},
    {"WS_ENOMEM", WS_ENOMEM},
    {"WS_ESYNTAX", WS_ESYNTAX},
    {"WS_ETYPE", WS_ETYPE},
    {"WS_ERANGE", WS_ERANGE},
    {"WS_EMISSING", WS_EMISSING},
    {"WS_EUNKNOWN", WS_EUNKNOWN},
    {"WS_EDUPLICATE", WS_EDUPLICATE},
    {"WS_EUTF8", WS_EUTF8},
    {"WS_EBASE64", WS_EBASE64},
    {"WS_ECONSTRAINT", WS_ECONSTRAINT},
    {"WS_ETRAILING", WS_ETRAILING},
    {"WS_EDEPTH", WS_EDEPTH},
    {"WS_EINVAL", WS_EINVAL},
    {"WS_EFULL", WS_EFULL},
};

static const char *status_name(ws_status status) {
  for (size_t i = 0; i < sizeof statuses / sizeof statuses[0]; i++)
    if (statuses[i].status == status)
      return statuses[i].name;
  return "(a status this test does not know)";
}

static void test_row(void **state) {
  const row *r = *state;
  const ws_type *type = ab_type_find(r->cell[CLASS]);
  assert_non_null(type);
  ws_decode_opts opts = {false};
  if (strcmp(r->cell[OPTIONS], "--skip-unknown") == 0)
    opts.skip_unknown = true;
  else
    assert_string_equal(r->cell[OPTIONS], "-");
  size_t line, col;
  char tail;
  assert_int_equal(sscanf(r->cell[WHERE], "%zu:%zu%c", &line, &col, &tail), 2);

  size_t len;
  char *input = decode_input(r->cell[INPUT], &len);
  assert_non_null(input);
  void *obj = calloc(1, type->size); /* valid: all-zero */
  void *zero = calloc(1, type->size);
  assert_non_null(obj);
  assert_non_null(zero);
  ws_error err;
  ws_status got = ws_type_decode(type, obj, input, len, &opts, &err);
  /* A failed decode leaves obj as it was; free it to show that is safe,
   * and so that a decode that wrongly succeeds leaks nothing. */
  bool unchanged = memcmp(obj, zero, type->size) == 0;
  type->free(type, obj);
  free(zero);
  free(obj);
  free(input);

  assert_string_equal(status_name(got), r->cell[STATUS]);
  assert_true(unchanged);
  assert_string_equal(status_name(err.code), r->cell[STATUS]);
  assert_string_equal(err.msg, r->cell[MESSAGE]);
  assert_int_equal(err.line, line);
  assert_int_equal(err.col, col);
}

int main(void) {
  char *text = read_file(CATALOGUE);
  if (text == NULL) {
    fprintf(stderr, "cannot read %s (run from the repository root)\n",
            CATALOGUE);
    return 1;
  }
  size_t count = 0;
  row *rows = parse_rows(text, &count);
  struct CMUnitTest *tests = calloc(count + 1, sizeof *tests);
  size_t n = 0;
  for (size_t i = 0; rows != NULL && tests != NULL && i < count; i++) {
    if (strcmp(rows[i].cell[OPTIONS], "--lines") == 0)
      continue;
    tests[n].name = rows[i].cell[NAME];
    tests[n].test_func = test_row;
    tests[n].initial_state = &rows[i];
    n++;
  }
  int failed = 1;
  if (n > 0)
    failed = _cmocka_run_group_tests("json_errors", tests, n, NULL, NULL);
  else
    fprintf(stderr, "%s: no rows to check\n", CATALOGUE);
  free(tests);
  free(rows);
  free(text);
  return failed;
}
