/* format.h - --clang-format: the generated text passed through
 * clang-format before it is written or compared, so that committed,
 * formatted files can be checked with --check. */
#ifndef GEN_FORMAT_H
#define GEN_FORMAT_H

#include <stdio.h>

/* Replaces *text (a spool, see spool.h) with a new spool holding what
 * `PROGRAM --style=file --assume-filename=PATH` makes of it (the style of
 * the .clang-format found from path's directory upwards), and closes the
 * old one. Returns 0, or prints "wstypes-gen: PROGRAM failed on PATH..."
 * and returns -1, leaving *text as it was. POSIX (fork, exec). */
int format_spool(const char *program, const char *path, FILE **text);

#endif
