/* command_output.h - everything a shell command writes on stdout, for the
 * tests that compare with Python's output (header-only, as failalloc.h).
 *
 * Plain malloc, not the library's allocator: the library under test is not
 * used to collect what it is checked against. popen needs
 * _POSIX_C_SOURCE >= 2 (define it before any include). */
#ifndef WS_TESTS_COMMAND_OUTPUT_H
#define WS_TESTS_COMMAND_OUTPUT_H

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

#include <cmocka.h>

/* Runs cmd and returns its stdout, NUL-terminated (caller frees); its length
 * in *len when len is not NULL. The command must exit 0. */
static inline char *command_output(const char *cmd, size_t *len) {
  FILE *f = popen(cmd, "r");
  assert_non_null(f);
  size_t cap = 1 << 12, n = 0;
  char *out = malloc(cap + 1);
  assert_non_null(out);
  size_t got;
  while ((got = fread(out + n, 1, cap - n, f)) > 0) {
    n += got;
    if (n == cap) {
      cap *= 2;
      out = realloc(out, cap + 1);
      assert_non_null(out);
    }
  }
  assert_int_equal(pclose(f), 0);
  out[n] = '\0';
  if (len != NULL) {
    *len = n;
  }
  return out;
}

#endif
