/* output.c - writing what a verb made to stdout: one way to fail, one
 * message, for every verb that prints a whole result at once. */
#include <stdio.h>

#include "tool.h"

int tool_write_out(const ws_buf *out) {
  /* fflush here, not at exit, so that a full disk or a closed pipe is an
   * exit status and not a silent loss. */
  if (fwrite(out->data ? out->data : "", 1, out->len, stdout) != out->len ||
      fflush(stdout) != 0) {
    fputs("wstypes: cannot write the output\n", stderr);
    return EXIT_FAILED;
  }
  return EXIT_OK;
}

int tool_finish_encoded(ws_status st, ws_buf *out, const ws_error *err,
                        const char *input_name) {
  ws_buf_putc(out, '\n');
  int rc;
  if (st != WS_OK || out->status != WS_OK) {
    tool_report(input_name, 0, err);
    rc = EXIT_FAILED;
  } else {
    rc = tool_write_out(out);
  }
  ws_buf_free(out);
  return rc;
}
