/* tool_float.c - runtime/ws_float.c on lines of input, for check_float.sh,
 * which compares its output with Python's.
 *
 *   tool_float [--locale NAME]  < lines
 *
 * Each line is "x" and 16 hex digits (the bits of a double: prints its
 * repr), or a JSON number (prints the repr of the double it reads as, or
 * "overflow" or "syntax"). With --locale, setlocale(LC_ALL, NAME) runs
 * first and the tool exits 2 unless that locale's decimal point is a comma
 * (the caller then skips the locale run). */
#include <locale.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ws_float.h"

static int comma_locale(const char *name) {
  if (setlocale(LC_ALL, name) == NULL) {
    fprintf(stderr, "tool_float: locale %s is not available\n", name);
    return 0;
  }
  if (strcmp(localeconv()->decimal_point, ",") != 0) {
    fprintf(stderr, "tool_float: locale %s has no decimal comma\n", name);
    return 0;
  }
  return 1;
}

static void convert(const char *line, size_t len) {
  char out[WS_FLOAT_REPR_MAX];
  double v;
  if (len == 17 && line[0] == 'x') {
    uint64_t bits = strtoull(line + 1, NULL, 16);
    memcpy(&v, &bits, sizeof v);
  } else {
    switch (ws_float_parse(line, len, &v)) {
    case WS_FLOAT_OK: break;
    case WS_FLOAT_OVERFLOW: puts("overflow"); return;
    default: puts("syntax"); return;
    }
  }
  ws_float_repr(v, out);
  puts(out);
}

int main(int argc, char **argv) {
  static char line[8192];
  if (argc == 3 && strcmp(argv[1], "--locale") == 0) {
    if (!comma_locale(argv[2]))
      return 2;
  } else if (argc != 1) {
    fprintf(stderr, "usage: tool_float [--locale NAME] < lines\n");
    return 1;
  }
  while (fgets(line, sizeof line, stdin) != NULL) {
    size_t len = strcspn(line, "\n");
    convert(line, len);
  }
  return 0;
}
