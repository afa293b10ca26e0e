/* fuzz_lines.c - libFuzzer target over the tool's --lines mode: its line
 * reader (tool/convert.c), which reads a stream a block at a time, and
 * what it hands each line to. The first byte picks the class and the output
 * form; the rest is the file, written to a temporary file the tool reads
 * as a user's would be. Lines longer than the reader's block (64 KiB) need
 * -max_len above it: check_fuzz_smoke.sh gives this target a larger one. */
#define _POSIX_C_SOURCE 200809L /* mkstemp, ftruncate, pwrite */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

#include "autobahn.h"
#include "library.h"
#include "tool.h"

/* The module the tool serves (tool/module.c, left out here): here both
 * autobahn's classes and the catalogue's. */
size_t tool_type_count(void) { return ab_type_count + lib_type_count; }
const ws_type *tool_type_at(size_t i) {
  return i < ab_type_count ? ab_types[i] : lib_types[i - ab_type_count];
}
const ws_type *tool_find_type(const char *name) {
  const ws_type *t = ab_type_find(name);
  return t != NULL ? t : lib_type_find(name);
}

static char path[] = "/tmp/wstypes-fuzz-lines-XXXXXX";
static int fd = -1;

int LLVMFuzzerInitialize(int *argc, char ***argv) {
  (void)argc;
  (void)argv;
  fd = mkstemp(path);
  if (fd < 0)
    abort();
  unlink(path); /* gone when the fuzzer ends; read through /proc/self/fd */
  snprintf(path, sizeof path, "/proc/self/fd/%d", fd);
  /* The tool's output and messages are not what is checked: they go
   * nowhere (sanitizer reports write to file descriptor 2 directly). */
  if (freopen("/dev/null", "w", stdout) == NULL)
    abort();
  FILE *quiet = fopen("/dev/null", "w");
  if (quiet != NULL)
    stderr = quiet;
  return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  if (size < 1)
    return 0;
  if (ftruncate(fd, 0) != 0 || pwrite(fd, data + 1, size - 1, 0) != (ssize_t)(size - 1))
    abort();
  tool_options opt = {0};
  opt.type_name = NULL;
  opt.to = (ws_format)(data[0] / 64 % 3);
  opt.lines = true;
  opt.skip_unknown = data[0] & 32;
  opt.check_only = data[0] & 16;
  opt.input = path;
  tool_convert(&opt, tool_type_at(data[0] % tool_type_count()));
  return 0;
}
