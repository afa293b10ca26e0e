#!/usr/bin/env python3
"""Random valid schemas for the generator's property test (check_gen_property.sh).

Writes COUNT schemas into DIR, each a valid file of the schema language as
docs/schema-language.md defines it: a module, a prefix, enums (string- and
int-valued, before and after the classes that use them), classes (plain,
abstract with subclasses, exceptions, inheritance chains), fields of every
type and composite (enums inside them too) with and without defaults and
constraints (max_len, min_len, min_items, max_items, closed, open and float
ranges, http, alias), constants of each kind, and doc comments. Names are drawn
to hit what C forbids or already uses: keywords of C and C++, standard macros and reserved
identifiers, the runtime's own names, and the suffixes of the helpers the
generator writes, so that two generated identifiers coincide often. Such a
schema must either be refused with a diagnostic or generate C that compiles.

usage: schema_gen.py DIR COUNT SEED
"""
import os
import random
import sys

# Words from which names are put together. Each list is a way a name can
# break generated C; WORDS are ordinary.
C_KEYWORDS = """auto break case char const continue default do double else enum extern
float for goto if inline int long register restrict return short signed sizeof static
struct switch typedef union unsigned void volatile while _Bool _Complex _Generic
_Noreturn _Static_assert _Thread_local _Alignas _Alignof _Atomic bool true false""".split()
CXX_KEYWORDS = """class new delete this template typename namespace using virtual public
private protected operator friend try catch throw nullptr and or not xor bitand
compl explicit export mutable decltype constexpr alignas alignof char8_t wchar_t""".split()
MACROS = """NULL EOF BUFSIZ SIZE_MAX INT64_MAX INT64_MIN INT64_C UINT64_C INT32_MAX RAND_MAX
EXIT_SUCCESS EXIT_FAILURE FILENAME_MAX FOPEN_MAX SEEK_SET SEEK_END TMP_MAX L_tmpnam
CHAR_BIT INT_MAX errno stdin stdout stderr assert offsetof va_start va_end setjmp
PRId64 PRIu64 SIG_DFL EDOM ERANGE EINVAL ENOMEM HUGE_VAL INFINITY NAN MB_CUR_MAX
PTRDIFF_MAX INTMAX_MAX WCHAR_MAX WINT_MIN SIG_ATOMIC_MAX __bool_true_false_are_defined""".split()
RESERVED = """__LINE__ __FILE__ __func__ __DATE__ __STDC__ __cplusplus _Pragma _Foo _X
__x a__b _ __ x__ _t1 _Exit""".split()
TYPEDEFS = """size_t int64_t uint8_t int8_t ptrdiff_t max_align_t intptr_t FILE va_list
jmp_buf time_t off_t ssize_t""".split()
RUNTIME = """ws_str ws_bytes ws_buf ws_error ws_status ws_type ws_kind ws_headers ws_strview
ws_bytesview ws_reader ws_format ws_decode_opts ws_typetest WS_OK WS_ENOMEM WSTYPES_H
ws_list ws_map ws_opt ws_class_init""".split()
# Suffixes and parts of the identifiers the emitters write (a class Foo gets
# ab_foo_init, ab_foo_type, ab_foo_fields, ..., a list<str> ab_list_str_kind).
HELPER_WORDS = """Str Bytes Int Bool Headers List Map Opt Pv Fields Reserve PutFn Put Json
Len Check Kind Child Key Order KeyOrder Consts Type Types Count Find Init Make Free
Copy Equal Validate Encode Decode Read Append Set Get Fill Defaults Own Any EncodeAny
Bases Refusals View Of Value Values Items Present Base Test Pieces H Ws Buf Error
Status Strview Reader Format Lend""".split()
WORDS = """peer host path port origin code reason message payload name value item
version extra data id count total label owner state mode level note tag""".split()
CLASS_WORDS = """Point Request Response Thing Message Holder Record Entry Node Frame
Ping Pong Accept Deny Connection Item Box""".split()


def pick(r, *pools):
    return r.choice(r.choice(pools))


def camel(word):
    return word[:1].upper() + word[1:]


class Names:
    """Hands out names that are unique where the language requires it
    (classes in a module, fields and constants in a class), since those
    duplicates are plain errors the property test is not about."""

    def __init__(self, r, hostile):
        self.r = r
        self.hostile = hostile  # how often a name is drawn from the hostile pools
        self.classes = set()

    def ident(self, word):
        word = word if word and (word[0].isalpha() or word[0] == "_") else "x" + word
        if self.r.random() < 0.01:  # near the limit of 255 bytes a name
            word = (word + "_" + "x" * 255)[:self.r.randint(200, 255)]
        return word

    def class_name(self):
        r = self.r
        for _ in range(100):
            style = r.random() if r.random() < self.hostile else r.random() * 0.6
            if style < 0.4:
                name = camel(r.choice(CLASS_WORDS)) + "".join(
                    r.choice(HELPER_WORDS) for _ in range(r.randint(0, 2)))
            elif style < 0.6:
                name = "".join(r.choice(HELPER_WORDS) for _ in range(r.randint(1, 3)))
            elif style < 0.75:
                name = camel(pick(r, C_KEYWORDS, CXX_KEYWORDS, MACROS, RESERVED, TYPEDEFS))
            elif style < 0.85:
                name = pick(r, MACROS, RESERVED, TYPEDEFS, RUNTIME, C_KEYWORDS)
            else:
                name = camel(r.choice(WORDS)) + r.choice(["", "2", "_x", "X"])
            name = self.ident(name)
            if name not in self.classes and name not in LANG_KEYWORDS:
                self.classes.add(name)
                return name
        name = "Class%d" % len(self.classes)
        self.classes.add(name)
        return name

    def member_name(self, taken):
        r = self.r
        for _ in range(100):
            style = r.random() if r.random() < self.hostile else r.random() * 0.35
            if style < 0.35:
                name = r.choice(WORDS)
            elif style < 0.55:
                name = pick(r, MACROS, RESERVED, TYPEDEFS, RUNTIME)
            elif style < 0.7:
                name = "_".join(w.lower() for w in r.sample(HELPER_WORDS, r.randint(1, 2)))
            elif style < 0.8:
                name = pick(r, C_KEYWORDS, CXX_KEYWORDS)
            elif style < 0.9:
                name = r.choice(["v", "st", "v_", "st_", "s", "o", "p", "b", "m", "a",
                                 "dst", "src", "key", "obj", "index", "value", "item",
                                 "how", "err", "out", "format", "json", "len", "opts",
                                 "r", "mode", "variant", "i", "type", "base"])
            else:
                name = r.choice(WORDS).upper() + r.choice(["", "_H", "_TYPE", "_C"])
            name = self.ident(name)
            if name not in taken and name not in LANG_KEYWORDS:
                taken.add(name)
                return name
        name = "m%d" % len(taken)
        taken.add(name)
        return name


# Words the schema language keeps for itself (never a class name).
LANG_KEYWORDS = {"module", "prefix", "class", "abstract", "exception", "enum", "const",
                 "true", "false", "null", "str", "bytes", "int", "float", "bool", "headers",
                 "list", "map"}


def deep_type(r):
    """A type nested near the language's limit of 64 levels."""
    levels = r.randint(10, 63)
    inner = r.choice(["str", "int", "bytes?", "headers"])
    for _ in range(levels):
        inner = r.choice(["list<%s>", "map<str, %s>"]) % inner
    return inner, "list" if inner.startswith("list") else "map", False


def random_type(r, enums, depth=0):
    """A type as (spelling, kind, nullable); kind is an enum's name for one."""
    if depth == 0 and r.random() < 0.01:
        return deep_type(r)
    roll = r.random()
    if depth < 3 and roll < 0.2:
        t = "list<%s>" % random_type(r, enums, depth + 1)[0]
        kind = "list"
    elif depth < 3 and roll < 0.32:
        t = "map<str, %s>" % random_type(r, enums, depth + 1)[0]
        kind = "map"
    elif enums and roll < 0.5:
        kind = r.choice(sorted(enums))
        t = kind
    else:
        kind = r.choice(["str", "bytes", "int", "float", "bool", "headers"])
        t = kind
    nullable = r.random() < 0.25
    return (t + "?" if nullable else t), kind, nullable


def str_literal(r, max_len=None, min_len=0):
    pieces = ["a", "b", " ", "\\\"", "\\\\", "\\n", "\\t", "\\u00e9", "\\u0000", "*/", "/*",
              "%d", "??=", "é", "\\u20ac"]
    out, size = [], 0
    for _ in range(r.randint(0, 6)):
        p = r.choice(pieces)
        n = {"\\\"": 1, "\\\\": 1, "\\n": 1, "\\t": 1, "\\u00e9": 2, "\\u0000": 1,
             "é": 2, "\\u20ac": 3}.get(p, len(p))
        if max_len is not None and size + n > max_len:
            break
        out.append(p)
        size += n
    while size < min_len:  # UTF-8 bytes, as min_len counts them
        out.append(r.choice(["a", "b", " "]))  # one byte each, so max_len holds
        size += 1
    return '"' + "".join(out) + '"'


# Float literals as JSON writes numbers, integer ones among them.
FLOATS = ["0.0", "1.0", "-0.5", "1.5", "1e-3", "-2.5e3", "2.5E+10", "1e308", "-1e308",
          "0", "-2", "7", "-0.0", "5e-324", "-273.15", "100"]


def count_constraints(r, word_min, word_max):
    """Some of `word_min N` and `word_max N` with min <= max, as (text, min, max)."""
    # Minimums stay small: the generated test writes a value of that many
    # bytes or items into its source (gen/emit_tests_expect.c json_of_valid).
    # The checker refuses one above 65536 (schema_errors/minimum_too_large).
    lo = r.choice([None, None, 0, 1, 2, 3, 64]) if r.random() < 0.6 else None
    hi = r.choice([None, 0, 1, 3, 5, 64, 2**31, 2**62])
    if lo is not None and hi is not None and lo > hi:
        lo, hi = hi, lo
    parts = []
    if lo is not None:
        parts.append("%s %d" % (word_min, lo))
    if hi is not None:
        parts.append("%s %d" % (word_max, hi))
    r.shuffle(parts)
    return parts, lo or 0, hi


def int_range(r):
    """A closed or open int range as (text, lo, hi); None for an open end."""
    lo = r.choice([-2**63, -5, 0, 1, 7, None])
    hi = r.choice([lo if lo is not None else 0, (lo or 0) + 10, 2**63 - 1, None])
    if lo is None and hi is None:
        hi = 100
    text = "range %s..%s" % ("" if lo is None else lo, "" if hi is None else hi)
    return text, lo, hi


def float_range(r):
    """A float range with bounds of either spelling, as (text, lo, hi)."""
    a, b = r.choice(FLOATS + [None]), r.choice(FLOATS + [None])
    if a is None and b is None:
        b = "1.5"
    if a is not None and b is not None and float(a) > float(b):
        a, b = b, a
    text = "range %s..%s" % (a or "", b or "")
    return text, None if a is None else float(a), None if b is None else float(b)


def within(value, lo, hi):
    return (lo is None or lo <= value) and (hi is None or value <= hi)


def field_text(r, name, enums, taken):
    """A field; enums maps each enum's name to its members' names, taken
    holds the class's names and aliases so far (an alias joins it)."""
    spelling, kind, nullable = random_type(r, enums)
    constraints, lo, hi, max_len, min_len, min_items = [], None, None, None, 0, 0
    if kind in ("str", "bytes") and r.random() < 0.4:
        constraints, min_len, max_len = count_constraints(r, "min_len", "max_len")
    elif kind == "int" and r.random() < 0.4:
        text, lo, hi = int_range(r)
        constraints.append(text)
    elif kind == "float" and r.random() < 0.4:
        text, lo, hi = float_range(r)
        constraints.append(text)
    elif kind in ("list", "map") and r.random() < 0.3:
        constraints, min_items, _ = count_constraints(r, "min_items", "max_items")
    http = kind in ("str", "headers") and r.random() < 0.2
    if http:
        constraints.insert(r.randint(0, len(constraints)), "http")
    if r.random() < 0.15:
        alias = Names(r, r.choice([0.0, 0.3])).member_name(taken)
        constraints.insert(r.randint(0, len(constraints)), 'alias "%s"' % alias)
    default = ""
    if r.random() < 0.5:
        if nullable and r.random() < 0.5:
            default = "null"
        elif kind == "str" and min_len > 1000:
            default = "null" if nullable else ""  # too long to write
        elif kind == "str" and http:  # text an HTTP field can carry
            default = r.choice(['""', '"a b"', '"x\\u00e9"'])
            size = {'""': 0, '"a b"': 3}.get(default, 3)
            if (max_len is not None and max_len < size) or size < min_len:
                default = '"' + "a" * min_len + '"'
        elif kind == "str":
            default = str_literal(r, max_len, min_len)
        elif kind == "int":
            default = str(r.choice([v for v in (lo, hi, 0, -1, 80) if v is not None
                                    and within(v, lo, hi)]))
        elif kind == "float":
            default = r.choice([f for f in FLOATS if within(float(f), lo, hi)] or [""])
        elif kind == "bool":
            default = r.choice(["true", "false"])
        elif kind in ("list", "map"):
            if min_items == 0:
                default = "[]" if kind == "list" else "{}"
            elif nullable:
                default = "null"
        elif kind == "headers":
            default = "{}"
        elif kind in enums:
            default = r.choice(enums[kind])
        elif nullable:
            default = "null"
    text = "%s: %s" % (name, spelling)
    if default:
        text += " = " + default
    if constraints:
        text += " [" + ", ".join(constraints) + "]"
    return text + ";"


def const_text(r, name):
    kind = r.choice(["int", "str", "bool"])
    value = {"int": lambda: str(r.choice([0, 1, -3, 2**63 - 1, -2**63])),
             "str": lambda: str_literal(r),
             "bool": lambda: r.choice(["true", "false"])}[kind]()
    return "const %s: %s = %s;" % (name, kind, value)


def doc(r, indent):
    if r.random() < 0.7:
        return ""
    lines = [r.choice(["A thing.", "", "Has \"quotes\" and \\ and % and ??/.", "é ünïcode",
                       "//", "*", "/", "ends with backslash \\"]) for _ in range(r.randint(1, 3))]
    return "".join("%s/// %s\n" % (indent, line) for line in lines)


def snake_words(name):
    """The words of a CamelCase name, upper case (FooBar gives FOO, BAR)."""
    out, word = [], ""
    for c in name:
        if c.isupper() and word and not word[-1].isupper():
            out.append(word)
            word = ""
        word += c
    return [w.upper() for w in out + [word] if w.strip("_")]


def enum_member_names(r, names, name, enum_names):
    """Members' names, drawn to make PREFIX_ENUM_MEMBER collide: with C's
    words, the helpers' suffixes and the words of the other enums' names."""
    taken, out = set(), []
    for _ in range(r.randint(1, 5)):
        roll = r.random() if r.random() < max(names.hostile, 0.1) else r.random() * 0.4
        if roll < 0.4:
            member = r.choice(WORDS).upper() + r.choice(["", "", "_2", "_X"])
        elif roll < 0.55:
            member = r.choice(HELPER_WORDS).upper()
        elif roll < 0.7 and enum_names:  # Foo { BAR_BAZ } beside FooBar { BAZ }
            other = snake_words(r.choice(enum_names))
            member = "_".join(other[r.randint(0, len(other) - 1):] +
                              [r.choice(WORDS).upper()])
        elif roll < 0.8:
            member = "_".join(snake_words(name)) + "_" + r.choice(WORDS).upper()
        elif roll < 0.9:
            member = pick(r, C_KEYWORDS, CXX_KEYWORDS, MACROS)
        else:
            member = r.choice(HELPER_WORDS) + r.choice(WORDS)
        member = names.ident(member)
        if member not in taken and member not in LANG_KEYWORDS:
            taken.add(member)
            out.append(member)
    return out or ["ONLY"]


def enum_text(r, names, name, members):
    if r.random() < 0.5:  # string-valued
        pool = ["buy", "sell", "", "a b", "\\u00e9", "\\\"", "\\n", "*/", "%d", "BUY"]
        values = ['"%s"' % v for v in r.sample(pool, len(members))] if \
            len(members) <= len(pool) else ['"v%d"' % i for i in range(len(members))]
    else:
        pool = [0, 1, -1, 1000, 1001, 2**63 - 1, -2**63, 7, 42, -3]
        values = [str(v) for v in r.sample(pool, len(members))]
    one_line = r.random() < 0.3
    sep = " " if one_line else "\n"
    items = []
    for member, value in zip(members, values):
        items.append(("" if one_line else doc(r, "  ")) +
                     ("" if one_line else "  ") + "%s = %s" % (member, value))
    body = ("," + sep).join(items) + ("," if r.random() < 0.5 else "")
    return "\n%senum %s {%s%s%s}\n" % (doc(r, ""), name, sep, body, sep)


def schema_text(r, names):
    prefix = r.choice(["ab", "lib", "x", "p", "w", "Ab", "ab_c", "a1"])
    if r.random() < names.hostile:
        prefix = r.choice(["ws", "WS", "_p", "int", "NULL", "ws_x", "p_", "a__b", "s",
                           "fill", "view"] + [r.choice(WORDS)])
    out = [doc(r, ""), "module %s;\n" % ".".join(r.choice(WORDS + ["int", "_x", "NULL"])
                                               for _ in range(r.randint(1, 3))),
           "prefix %s;\n" % prefix]
    enums = {}  # name: members' names
    enum_decls = []
    for _ in range(r.choice([0, 0, 1, 2, 3])):
        name = names.class_name()
        enums[name] = enum_member_names(r, names, name, list(enums))
        enum_decls.append(enum_text(r, names, name, enums[name]))
    decls = []
    classes = []  # (name, abstract)
    for _ in range(r.randint(1, 6)):
        name = names.class_name()
        base = None
        if classes and r.random() < 0.4:
            base = r.choice(classes)[0]
        abstract = r.random() < 0.2
        classes.append((name, abstract, base))
    # every abstract class needs a subclass: add a concrete one where missing
    bases = {b for _, _, b in classes}
    for name, abstract, _ in list(classes):
        if abstract and name not in bases:
            classes.append((names.class_name(), False, name))
    # a field may not repeat an inherited one: a class starts with its
    # bases' names taken (bases come first in the list)
    members_of = {}
    for name, abstract, base in classes:
        taken = set(members_of.get(base, ()))
        members_of[name] = taken
        members = []
        for _ in range(r.randint(0, 5)):
            if r.random() < 0.2:
                members.append(doc(r, "  ") + "  " + const_text(r, names.member_name(taken)))
            else:
                members.append(doc(r, "  ") + "  " +
                               field_text(r, names.member_name(taken), enums, taken))
        head = "exception" if not abstract and r.random() < 0.15 else \
            ("abstract class" if abstract else "class")
        decls.append("\n%s%s %s%s {\n%s}\n" % (doc(r, ""), head, name,
                                             " : " + base if base else "",
                                             "".join(m + "\n" for m in members)))
    # an enum may stand before or after the classes that use it
    for text in enum_decls:
        decls.insert(r.randint(0, len(decls)), text)
    return "".join(out + decls)


def file_stem(r, i):
    odd = ["wstypes", "ws_str", "ws_buf", "ws_typetest", "a-b", "a b", "1abc", "x.y",
           "int", "NULL", "a\"b", "a\\b", "_H"]
    if r.random() < 0.03:
        return r.choice(odd) + ("" if r.random() < 0.5 else str(i))
    return "s%d" % i


def main():
    outdir, count, seed = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
    os.makedirs(outdir, exist_ok=True)
    for i in range(count):
        r = random.Random(seed * 1000003 + i)
        stem = file_stem(r, i)
        # each schema in its own directory, so that odd stems cannot clash
        d = os.path.join(outdir, "%04d" % i)
        os.makedirs(d, exist_ok=True)
        with open(os.path.join(d, stem + ".wst"), "w", encoding="utf-8") as f:
            hostile = r.choice([0.0, 0.02, 0.05, 0.3])
            f.write(schema_text(r, Names(r, hostile)))


if __name__ == "__main__":
    main()
