/* check_reserved.c - names a schema may not make the generated C declare:
 * those C reserves (a leading underscore and a capital or a second
 * underscore, any double underscore, which C++ reserves everywhere), those
 * of the runtime (ws_, WS_, the header names), and the macros and types of
 * the standard headers the generated files include or a user's file is
 * likely to (C11 and POSIX: <stdbool.h> <stddef.h> <stdint.h> <inttypes.h>
 * <stdio.h> <stdlib.h> <string.h> <limits.h> <errno.h> <assert.h>
 * <stdarg.h> <setjmp.h> <signal.h> <math.h> <float.h> <locale.h>), since a
 * field or constant called NULL or EOF is replaced by the preprocessor. */
#include <string.h>

#include "check_parts.h"

static const char *const std_names[] = {
    /* <stddef.h> <stdbool.h> */
    "NULL", "offsetof", "size_t", "ptrdiff_t", "max_align_t", "wchar_t",
    "__bool_true_false_are_defined",
    /* <stdint.h> <inttypes.h> */
    "int8_t", "int16_t", "int32_t", "int64_t", "uint8_t", "uint16_t", "uint32_t", "uint64_t",
    "intptr_t", "uintptr_t", "intmax_t", "uintmax_t", "INT8_MAX", "INT16_MAX", "INT32_MAX",
    "INT64_MAX", "INT8_MIN", "INT16_MIN", "INT32_MIN", "INT64_MIN", "UINT8_MAX", "UINT16_MAX",
    "UINT32_MAX", "UINT64_MAX", "INTPTR_MAX", "INTPTR_MIN", "UINTPTR_MAX", "INTMAX_MAX",
    "INTMAX_MIN", "UINTMAX_MAX", "PTRDIFF_MAX", "PTRDIFF_MIN", "SIZE_MAX", "SIG_ATOMIC_MAX",
    "SIG_ATOMIC_MIN", "WCHAR_MAX", "WCHAR_MIN", "WINT_MAX", "WINT_MIN", "INT8_C", "INT16_C",
    "INT32_C", "INT64_C", "UINT8_C", "UINT16_C", "UINT32_C", "UINT64_C", "INTMAX_C",
    "UINTMAX_C", "PRId64", "PRIu64", "PRIi64", "PRIx64", "PRIX64", "PRIo64", "SCNd64",
    "SCNu64", "imaxdiv_t",
    /* <stdio.h> */
    "EOF", "BUFSIZ", "FILENAME_MAX", "FOPEN_MAX", "L_tmpnam", "L_ctermid", "TMP_MAX",
    "SEEK_SET", "SEEK_CUR", "SEEK_END", "FILE", "fpos_t", "stdin", "stdout", "stderr",
    "getc", "putc", "getchar", "putchar", "P_tmpdir",
    /* <stdlib.h> */
    "EXIT_SUCCESS", "EXIT_FAILURE", "RAND_MAX", "MB_CUR_MAX", "div_t", "ldiv_t", "lldiv_t",
    /* <limits.h> <float.h> */
    "CHAR_BIT", "CHAR_MAX", "CHAR_MIN", "SCHAR_MAX", "SCHAR_MIN", "UCHAR_MAX", "SHRT_MAX",
    "SHRT_MIN", "USHRT_MAX", "INT_MAX", "INT_MIN", "UINT_MAX", "LONG_MAX", "LONG_MIN",
    "ULONG_MAX", "LLONG_MAX", "LLONG_MIN", "ULLONG_MAX", "MB_LEN_MAX", "PATH_MAX", "NAME_MAX",
    "PIPE_BUF", "SSIZE_MAX", "FLT_MAX", "DBL_MAX", "DBL_MIN", "FLT_MIN", "DBL_EPSILON",
    "FLT_EPSILON", "DBL_DIG", "FLT_DIG", "DECIMAL_DIG", "FLT_RADIX", "FLT_EVAL_METHOD",
    /* <errno.h> (the E* codes are all reserved; these are the common ones) */
    "errno", "EDOM", "ERANGE", "EILSEQ", "EINVAL", "ENOMEM", "EAGAIN", "EINTR", "EIO",
    "ENOENT", "EEXIST", "EACCES", "EPERM", "EBADF", "EFAULT", "ENOSPC", "EPIPE",
    /* <assert.h> <stdarg.h> <setjmp.h> <signal.h> */
    "assert", "static_assert", "va_list", "va_start", "va_arg", "va_end", "va_copy",
    "jmp_buf", "setjmp", "longjmp", "sig_atomic_t", "SIG_DFL", "SIG_ERR", "SIG_IGN",
    "SIGABRT", "SIGFPE", "SIGILL", "SIGINT", "SIGSEGV", "SIGTERM",
    /* <math.h> */
    "HUGE_VAL", "HUGE_VALF", "HUGE_VALL", "INFINITY", "NAN", "FP_NAN", "FP_INFINITE",
    "FP_ZERO", "FP_NORMAL", "FP_SUBNORMAL", "MATH_ERRNO", "MATH_ERREXCEPT", "math_errhandling",
    "isnan", "isinf", "isfinite", "isnormal", "signbit", "fpclassify", "float_t", "double_t",
    /* <locale.h> <time.h> <sys/types.h> */
    "LC_ALL", "LC_CTYPE", "LC_NUMERIC", "CLOCKS_PER_SEC", "time_t", "clock_t", "ssize_t",
    "off_t", "pid_t", "mode_t", "uid_t", "gid_t",
    /* <iso646.h>, which C++ makes keywords */
    "and", "and_eq", "bitand", "bitor", "compl", "not", "not_eq", "or", "or_eq", "xor",
    "xor_eq",
    /* predefined: a reserved spelling, listed for the plain message */
    "__func__", "__LINE__", "__FILE__", "__DATE__", "__TIME__", "__STDC__",
    "__STDC_VERSION__", "__cplusplus", "_Pragma", NULL};

/* The runtime's headers (runtime/wstypes.h, runtime/ws_*.h) and the file
 * names they reserve, and its prefixes. */
static bool is_runtime_name(const char *name) {
  return strncmp(name, "ws_", 3) == 0 || strncmp(name, "WS_", 3) == 0 ||
         strcmp(name, "wstypes") == 0 || strcmp(name, "WSTYPES_H") == 0;
}

static const char std_reason[] = "a macro or type of the C standard library or POSIX";
static const char keyword_reason[] = "a keyword of C or C++";

static bool put_all(ir_map *map, const char *const *names, const char *reason) {
  for (size_t i = 0; names[i] != NULL; i++)
    if (ir_map_get(map, names[i]) == NULL && !ir_map_put(map, names[i], (void *)reason))
      return false;
  return true;
}

bool check_reserved_init(checker *k, const char *const *c_keywords,
                         const char *const *cxx_keywords) {
  k->std_names = ir_map_new();
  return k->std_names != NULL && put_all(k->std_names, c_keywords, keyword_reason) &&
         put_all(k->std_names, cxx_keywords, keyword_reason) &&
         put_all(k->std_names, std_names, std_reason);
}

const char *check_reserved_reason(const checker *k, const char *name, bool file_scope) {
  if (name[0] == '_' && (name[1] == '_' || (name[1] >= 'A' && name[1] <= 'Z')))
    return "an identifier C reserves (underscore and a capital or a second underscore)";
  if (strstr(name, "__") != NULL)
    return "an identifier C++ reserves (it contains '__')";
  if (file_scope && name[0] == '_')
    return "an identifier C reserves at file scope (a leading underscore)";
  if (is_runtime_name(name))
    return "the runtime's (ws_ and WS_ belong to the wstypes library)";
  return ir_map_get(k->std_names, name);
}
