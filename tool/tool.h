/* tool.h - the wstypes command-line tool: shared declarations.
 *
 * The tool knows no class: it finds a ws_type descriptor by name in the
 * generated module's table and calls through it. */
#ifndef TOOL_H
#define TOOL_H

#include <stdbool.h>
#include <stdio.h>

#include "wstypes.h"

/* Exit codes. */
enum { EXIT_OK = 0, EXIT_FAILED = 1, EXIT_USAGE = 2 };

/* The generated module the tool serves (module.c): autobahn's, or the one
 * tool_load_module loaded. tool_find_type finds its classes and those it
 * imports; the count and index are of its own. */
const ws_type *tool_find_type(const char *name);
size_t tool_type_count(void);
const ws_type *tool_type_at(size_t index);
/* Serves the module of the shared library at path, found through its
 * descriptor wstypes_module_STEM (path .../libSTEM.so...). EXIT_OK, or a
 * message on stderr and EXIT_USAGE. */
int tool_load_module(const char *path);
/* The classes of the modules m imports, found through m's own classes
 * (imports.c): EXIT_OK, or a message on stderr and EXIT_FAILED. */
int tool_find_imports(const ws_module *m);
/* They, grouped by module; *from is the module a class comes from, NULL
 * when it cannot be named. tool_find_type finds them by name too. */
size_t tool_import_count(void);
const ws_type *tool_import_at(size_t index, const ws_module **from);

typedef struct tool_options {
  const char *type_name; /* --type */
  ws_format to;          /* --to */
  bool lines;            /* --lines */
  bool skip_unknown;     /* --skip-unknown */
  bool check_only;       /* validate: no output */
  const char *input;     /* FILE, or "-" for stdin */
} tool_options;

/* `convert` and `validate`. */
int tool_convert(const tool_options *opt, const ws_type *type);
/* `types [CLASS]`. */
int tool_types(const char *class_name);
/* `handshake VERB ...` (handshake.c): argv as main's. */
int tool_handshake(int argc, char **argv);
/* The client side's verbs (handshake_client.c): argv[2] is the verb; -1
 * when it is not one of them. */
int tool_handshake_client(int argc, char **argv);
/* `handshake accept` and `handshake deny` (handshake_server.c). */
int tool_handshake_accept(int argc, char **argv);
int tool_handshake_deny(int argc, char **argv);

/* The largest document the tool reads: a whole input, or under --lines
 * one line. */
#define TOOL_MAX_DOCUMENT ((size_t)64 << 20)
#define TOOL_MAX_DOCUMENT_TEXT "64 MiB"

/* Why an input could not be read. */
typedef enum tool_read_failure {
  TOOL_READ_ERRNO,     /* as errno says (no such file, no permission, I/O) */
  TOOL_READ_DIRECTORY, /* the path is a directory */
  TOOL_READ_TOO_LARGE, /* more than TOOL_MAX_DOCUMENT bytes in a document */
  TOOL_READ_NOMEM      /* no memory for it */
} tool_read_failure;

/* The input (stdin when path is "-") opened for reading, or NULL with a
 * message on stderr. */
FILE *tool_open_input(const char *path);
/* A whole input in memory, or NULL with a message on stderr. */
char *tool_read_all(const char *path, size_t *len);
/* "wstypes: cannot read PATH: REASON" on stderr. */
void tool_report_unreadable(const char *path, tool_read_failure why);
/* The name errors use for an input: the path, or "<stdin>". */
const char *tool_input_name(const char *path);

/* out written to stdout and flushed: EXIT_OK, or EXIT_FAILED with
 * "wstypes: cannot write the output" on stderr (output.c). */
int tool_write_out(const ws_buf *out);
/* The end of a verb that encoded one value into out with status st: out
 * and a newline on stdout (as tool_write_out), or, when the encode or the
 * buffer failed, err reported against input_name (tool_report). Frees out;
 * returns the exit status. */
int tool_finish_encoded(ws_status st, ws_buf *out, const ws_error *err,
                        const char *input_name);

/* "NAME:LINE:COL: error: MESSAGE" for a failed decode (ws_error_format's
 * line), its line moved on by line_offset. */
void tool_report(const char *input_name, size_t line_offset,
                 const ws_error *err);

#endif
