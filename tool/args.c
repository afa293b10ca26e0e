/* args.c - reading a command's arguments (args.h). */
#include "args.h"

#include <stdio.h>
#include <string.h>

#include "tool.h"

bool tool_is_help(const char *arg) {
  return strcmp(arg, "--help") == 0 || strcmp(arg, "-h") == 0;
}

const char *tool_option_value(int argc, char **argv, int *i,
                              const char *name) {
  size_t n = strlen(name);
  if (strncmp(argv[*i], name, n) == 0 && argv[*i][n] == '=')
    return argv[*i] + n + 1;
  if (strcmp(argv[*i], name) != 0)
    return NULL;
  return *i + 1 < argc ? argv[++*i] : "";
}

bool tool_parse_form(const char *text, ws_format *out) {
  if (strcmp(text, "json") == 0)
    *out = WS_FORMAT_JSON;
  else if (strcmp(text, "json-python") == 0)
    *out = WS_FORMAT_JSON_PYTHON;
  else if (strcmp(text, "str") == 0)
    *out = WS_FORMAT_STR;
  else
    return false;
  return true;
}

int tool_verb_usage(const char *verb, const char *fmt, const char *arg) {
  fprintf(stderr, "wstypes: handshake %s: ", verb);
  fprintf(stderr, fmt, arg);
  fprintf(stderr, "\n(see 'wstypes handshake %s --help')\n", verb);
  return EXIT_USAGE;
}

/* The verb's option at argv[*i] applied: -1 to go on, the exit status, or
 * -2 when argv[*i] is none of the verb's options. */
static int apply_option(const tool_verb *verb, void *args, int argc,
                        char **argv, int *i) {
  for (size_t k = 0; k < verb->option_count; k++) {
    const tool_verb_option *o = &verb->options[k];
    if (!o->has_value) {
      if (strcmp(argv[*i], o->name) == 0)
        return o->set(args, NULL);
      continue;
    }
    const char *value = tool_option_value(argc, argv, i, o->name);
    if (value != NULL)
      return o->set(args, value);
  }
  return -2;
}

int tool_verb_parse(const tool_verb *verb, void *args, int argc, char **argv,
                    const char **input) {
  bool have_input = false;
  *input = "-";
  for (int i = 3; i < argc; i++) {
    if (tool_is_help(argv[i])) {
      fputs(verb->help, stdout);
      return EXIT_OK;
    }
    int rc = apply_option(verb, args, argc, argv, &i);
    if (rc >= 0)
      return rc;
    if (rc == -1)
      continue;
    if (argv[i][0] == '-' && argv[i][1] != '\0')
      return tool_verb_usage(verb->name, "unknown option '%s'", argv[i]);
    if (have_input)
      return tool_verb_usage(verb->name,
                             "one input at most; '%s' is one too many",
                             argv[i]);
    *input = argv[i];
    have_input = true;
  }
  return -1;
}
