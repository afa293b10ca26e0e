/* spool.h - a spool: an unlinked temporary file that holds one generated
 * file's text while it is printed, formatted and compared, so that the
 * generator's memory does not grow with the size of its output. */
#ifndef GEN_SPOOL_H
#define GEN_SPOOL_H

#include <stdio.h>

/* A new, empty spool open for reading and writing, in $TMPDIR (or /tmp);
 * the name is gone already, so closing it leaves nothing behind. NULL when
 * none can be made (errno says why). */
FILE *spool_new(void);

#endif
