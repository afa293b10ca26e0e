/* test_hs_py_int_text.c - hs_py_int_text, whether Python's int() reads a
 * str (a query parameter's value: web_status's "after"), against int()
 * itself: Python writes the cases (hand-picked ones, every script's
 * digits, every whitespace character, and random mixes) with whether
 * int() takes each, and the codec must agree on every one. */
#define _POSIX_C_SOURCE 200809L
#include "command_output.h"

#include <string.h>

#include "hs_internal.h"

/* One case a line: the text's UTF-8 in hex ("-" when empty), a space, and
 * 1 when int() reads it, 0 when it raises ValueError. */
static const char cases_py[] =
    "/usr/bin/python3 - <<'EOF'\n"
    "import random, unicodedata\n"
    "zeros = [c for c in range(0x110000) if unicodedata.decimal(chr(c), None) == 0]\n"
    "spaces = [chr(c) for c in range(0x110000) if chr(c).isspace()]\n"
    "cases = ['', '0', '-0', '+7', ' 12 ', '\\t-3\\n', '1_000', '1__0', '_1', '1_',\n"
    "         '+_1', '-', '+', '- 1', '1 2', '0x10', '1e3', '3.0', '\\u00b2', '\\u2160',\n"
    "         '\\ufffd', '1\\u200b', '1' * 4300, '1' * 4301, '0' * 4300 + '1',\n"
    "         '1_' * 4299 + '1', '+-1', '--1', '1-']\n"
    "cases += [chr(z + d) for z in zeros for d in (0, 9)] + [chr(zeros[-1] + 10)]\n"
    "cases += [s + '5' + s for s in spaces] + ['5' + s + '5' for s in spaces]\n"
    "pool = ['0', '1', '9', '_', '+', '-', ' ', 'a', '\\u00a0', '\\u0663',\n"
    "        '\\uff11', '\\U0001d7ce', '\\u2003', '\\u00b2', '\\x85', '\\x1c', '\\u3000']\n"
    "rng = random.Random(20261206)\n"
    "for _ in range(5000):\n"
    "    cases.append(''.join(rng.choice(pool) for _ in range(rng.randrange(7))))\n"
    "for s in cases:\n"
    "    try:\n"
    "        int(s)\n"
    "        ok = 1\n"
    "    except ValueError:\n"
    "        ok = 0\n"
    "    print(s.encode().hex() or '-', ok)\n"
    "EOF\n";

static int hex_digit(char c) {
  return c <= '9' ? c - '0' : c - 'a' + 10;
}

static void test_agrees_with_python_int(void **state) {
  (void)state;
  char *out = command_output(cases_py, NULL);
  char *text = malloc(strlen(out) / 2 + 1);
  assert_non_null(text);
  size_t count = 0;
  size_t wrong = 0;
  for (char *line = strtok(out, "\n"); line; line = strtok(NULL, "\n")) {
    char *sp = strchr(line, ' ');
    assert_non_null(sp);
    size_t n = 0;
    for (const char *h = line; h[0] != '-' && h < sp; h += 2)
      text[n++] = (char)(hex_digit(h[0]) << 4 | hex_digit(h[1]));
    bool want = sp[1] == '1';
    if (hs_py_int_text(ws_str_view(text, n)) != want && wrong++ < 10)
      print_error("%s: int() %s it; hs_py_int_text says otherwise\n", line,
                  want ? "reads" : "refuses");
    count++;
  }
  free(text);
  free(out);
  assert_true(count > 5000);
  assert_int_equal(wrong, 0);
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_agrees_with_python_int),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
