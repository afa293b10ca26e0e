/* args.h - reading a command's arguments: the one test for --help and
 * -h, options given as "--name VALUE" or "--name=VALUE", the --to forms,
 * and, for the handshake verbs, a whole command line read through a table
 * of the verb's options (args.c). */
#ifndef TOOL_ARGS_H
#define TOOL_ARGS_H

#include <stdbool.h>
#include <stddef.h>

#include "wstypes.h"

/* "--help" or "-h". */
bool tool_is_help(const char *arg);

/* The value of the option name at argv[*i], given as "NAME VALUE" (*i
 * then moves past VALUE; "" when the command line ends there) or as
 * "NAME=VALUE"; NULL when argv[*i] is another argument. */
const char *tool_option_value(int argc, char **argv, int *i, const char *name);

/* json, json-python or str: the form, or false for any other text. */
bool tool_parse_form(const char *text, ws_format *out);

/* "wstypes handshake VERB: MESSAGE" (fmt with arg) and where to read
 * more, on stderr; returns EXIT_USAGE. */
int tool_verb_usage(const char *verb, const char *fmt, const char *arg);

/* One option of a verb. set gets the verb's argument struct and the value
 * (NULL for a flag); it returns -1 to go on, or the exit status, having
 * said why (tool_verb_usage). */
typedef struct tool_verb_option {
  const char *name; /* "--peer" */
  bool has_value;   /* "--peer P" or "--peer=P"; else a flag, exactly */
  int (*set)(void *args, const char *value);
} tool_verb_option;

/* A verb of `wstypes handshake`: its name, its --help text, its options. */
typedef struct tool_verb {
  const char *name;
  const char *help;
  const tool_verb_option *options;
  size_t option_count;
} tool_verb;

/* Reads argv[3..] (argv[2] is the verb), in order: --help or -h prints the
 * verb's help on stdout and ends with EXIT_OK; an option of the table goes
 * to its set; any other argument starting with '-' (but "-" alone) is an
 * unknown option; the one other argument is the input, "-" unless given.
 * Returns -1 to go on, or the exit status. */
int tool_verb_parse(const tool_verb *verb, void *args, int argc, char **argv,
                    const char **input);

#endif
