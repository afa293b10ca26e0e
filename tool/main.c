/* main.c - wstypes: convert, validate and list the generated types by name.
 * Argument parsing and dispatch only; the work is in convert.c and types.c. */
#include <stdio.h>
#include <string.h>

#include "args.h"
#include "tool.h"

/* -DWSTYPES_VERSION=X.Y.Z: the Makefile takes it from the file VERSION. */
#ifndef WSTYPES_VERSION
#error "build with -DWSTYPES_VERSION=X.Y.Z"
#endif
#define VERSION_TEXT(v) #v
#define VERSION_STRING(v) VERSION_TEXT(v)

static const char usage_main[] =
    "usage: wstypes [--module LIBRARY] COMMAND ...\n"
    "       wstypes convert --type CLASS [--to json|json-python|str] [--lines]\n"
    "                       [--skip-unknown] [FILE|-]\n"
    "       wstypes validate --type CLASS [--lines] [--skip-unknown] [FILE|-]\n"
    "       wstypes types [CLASS]\n"
    "       wstypes handshake request --peer PEER [--to FORM] [FILE|-]\n"
    "       wstypes handshake response --peer PEER --key KEY [--to FORM] [FILE|-]\n"
    "       wstypes handshake connect [--key KEY] [FILE|-]\n"
    "       wstypes handshake accept --request FILE [ACCEPT_JSON|-]\n"
    "       wstypes handshake deny [DENY_JSON|-]\n"
    "       wstypes --help | --version\n";

static const char help_main[] =
    "wstypes works on the classes of a generated module by name: autobahn's\n"
    "WebSocket types, or with --module LIBRARY those of a shared library built\n"
    "from a module of your own (libSTEM.so, which exports the descriptor\n"
    "wstypes_module_STEM that wstypes-gen writes for STEM.wst).\n"
    "\n"
    "commands:\n"
    "  convert   read one JSON document of a class, write it as JSON or str()\n"
    "  validate  read and check only; exit 0, or print the errors and exit 1\n"
    "  types     list the classes, or one class's fields, defaults and docs\n"
    "  handshake the WebSocket opening handshake as autobahn does it: request\n"
    "            (bytes in, ConnectionRequest out), accept, deny (responses);\n"
    "            connect (a request's bytes), response (ConnectionResponse out)\n"
    "\n"
    "Run 'wstypes COMMAND --help' for a command's options.\n"
    "Exit status: 0 success, 1 bad input, 2 usage error.\n";

static const char help_convert[] =
    "usage: wstypes convert --type CLASS [--to json|json-python|str] [--lines]\n"
    "                       [--skip-unknown] [FILE|-]\n"
    "\n"
    "Reads one JSON document of CLASS from FILE (default: standard input);\n"
    "missing fields take their defaults. Writes it in the chosen form and one\n"
    "newline, byte for byte as autobahn would:\n"
    "  json         json.dumps(d, ensure_ascii=False, separators=(',', ':'))\n"
    "  json-python  json.dumps(d)\n"
    "  str          str(obj), i.e. pprint.pformat(d)\n"
    "\n"
    "  --type CLASS    the class of the document (see 'wstypes types')\n"
    "  --to FORM       output form, default json\n"
    "  --lines         JSON Lines in and out, one record per line (JSON forms\n"
    "                  only); blank lines are skipped; stops at the first bad\n"
    "                  record (the records before it are written), and the\n"
    "                  error gives its line number\n"
    "  --skip-unknown  ignore unknown fields instead of refusing them\n";

static const char help_validate[] =
    "usage: wstypes validate --type CLASS [--lines] [--skip-unknown] [FILE|-]\n"
    "\n"
    "Checks that FILE (default: standard input) holds a valid JSON document of\n"
    "CLASS (with --lines: one per line). Prints nothing and exits 0 when it\n"
    "does; prints the error and exits 1 when it does not.\n";

static const char help_types[] =
    "usage: wstypes types [CLASS]\n"
    "\n"
    "Without CLASS, lists the classes with their bases. With CLASS, shows its\n"
    "docs, constants and fields with types, defaults and constraints.\n"
    "With --module, the classes of the modules it imports follow its own,\n"
    "each marked '(from MODULE)' (or '(imported)' where the library that\n"
    "holds it exports no module descriptor); every command takes them.\n";

static int usage_error(const char *fmt, const char *arg) {
  fputs("wstypes: ", stderr);
  fprintf(stderr, fmt, arg);
  fputc('\n', stderr);
  fputs(usage_main, stderr);
  return EXIT_USAGE;
}

static int list_known_classes(const char *name) {
  fprintf(stderr, "wstypes: unknown class \"%s\"; the classes are:", name);
  for (size_t i = 0; i < tool_type_count(); i++)
    fprintf(stderr, " %s", tool_type_at(i)->name);
  for (size_t i = 0; i < tool_import_count(); i++) {
    const ws_module *from;
    fprintf(stderr, " %s", tool_import_at(i, &from)->name);
  }
  fputc('\n', stderr);
  return EXIT_USAGE;
}

static int run_convert(int argc, char **argv, bool validate) {
  tool_options opt = {NULL, WS_FORMAT_JSON, false, false, validate, "-"};
  bool have_input = false;
  for (int i = 2; i < argc; i++) {
    const char *v;
    if (tool_is_help(argv[i])) {
      fputs(validate ? help_validate : help_convert, stdout);
      return EXIT_OK;
    } else if ((v = tool_option_value(argc, argv, &i, "--type")) != NULL) {
      if (!*v)
        return usage_error("%s needs a class name", "--type");
      opt.type_name = v;
    } else if (!validate && (v = tool_option_value(argc, argv, &i, "--to"))) {
      if (!tool_parse_form(v, &opt.to))
        return usage_error("--to takes json, json-python or str, not '%s'", v);
    } else if (strcmp(argv[i], "--lines") == 0) {
      opt.lines = true;
    } else if (strcmp(argv[i], "--skip-unknown") == 0) {
      opt.skip_unknown = true;
    } else if (argv[i][0] == '-' && argv[i][1] != '\0') {
      return usage_error("unknown option '%s'", argv[i]);
    } else if (have_input) {
      return usage_error("one input at most; '%s' is one too many", argv[i]);
    } else {
      opt.input = argv[i];
      have_input = true;
    }
  }
  if (!opt.type_name)
    return usage_error("%s needs --type CLASS", validate ? "validate" : "convert");
  if (opt.lines && opt.to == WS_FORMAT_STR)
    return usage_error("%s: str output spans lines; use a JSON form", "--lines");
  const ws_type *type = tool_find_type(opt.type_name);
  if (!type)
    return list_known_classes(opt.type_name);
  if (!type->init)
    return usage_error("%s is abstract: name one of its subclasses", type->name);
  return tool_convert(&opt, type);
}

static int run_types(int argc, char **argv) {
  const char *name = NULL;
  for (int i = 2; i < argc; i++) {
    if (tool_is_help(argv[i])) {
      fputs(help_types, stdout);
      return EXIT_OK;
    }
    if (argv[i][0] == '-')
      return usage_error("unknown option '%s'", argv[i]);
    if (name)
      return usage_error("one class at most; '%s' is one too many", argv[i]);
    name = argv[i];
  }
  if (name && !tool_find_type(name))
    return list_known_classes(name);
  return tool_types(name);
}

/* "--module LIBRARY" or "--module=LIBRARY" before the command: loads it and
 * drops it from argv. Returns -1 to go on, or the exit status. */
static int take_module(int *argc, char **argv) {
  while (*argc > 1) {
    int i = 1;
    const char *path = tool_option_value(*argc, argv, &i, "--module");
    if (path == NULL)
      return -1;
    if (*path == '\0')
      return usage_error("%s needs a library", "--module");
    int status = tool_load_module(path);
    if (status != EXIT_OK)
      return status;
    *argc -= i;
    memmove(argv + 1, argv + 1 + i, (size_t)*argc * sizeof *argv);
  }
  return -1;
}

int main(int argc, char **argv) {
  int status = take_module(&argc, argv);
  if (status >= 0)
    return status;
  if (argc < 2)
    return usage_error("%s", "a command is needed");
  const char *cmd = argv[1];
  if (tool_is_help(cmd)) {
    fputs(usage_main, stdout);
    fputc('\n', stdout);
    fputs(help_main, stdout);
    return EXIT_OK;
  }
  if (strcmp(cmd, "--version") == 0) {
    puts("wstypes " VERSION_STRING(WSTYPES_VERSION));
    return EXIT_OK;
  }
  if (strcmp(cmd, "convert") == 0)
    return run_convert(argc, argv, false);
  if (strcmp(cmd, "validate") == 0)
    return run_convert(argc, argv, true);
  if (strcmp(cmd, "types") == 0)
    return run_types(argc, argv);
  if (strcmp(cmd, "handshake") == 0)
    return tool_handshake(argc, argv);
  return usage_error("unknown command '%s'", cmd);
}
