#!/usr/bin/env python3
"""Random valid schemas for the generator's property test (check_gen_property.sh).

Writes COUNT schemas into DIR, each a valid file of the schema language as
docs/schema-language.md defines it: a module, a prefix, classes (plain,
abstract with subclasses, exceptions, inheritance chains), fields of every
type and composite with and without defaults and constraints (max_len,
range, http), constants of each kind, and doc comments. Names are drawn
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
LANG_KEYWORDS = {"module", "prefix", "class", "abstract", "exception", "const", "true",
                 "false", "null", "str", "bytes", "int", "bool", "headers", "list", "map"}


def deep_type(r):
    """A type nested near the language's limit of 64 levels."""
    levels = r.randint(10, 63)
    inner = r.choice(["str", "int", "bytes?", "headers"])
    for _ in range(levels):
        inner = r.choice(["list<%s>", "map<str, %s>"]) % inner
    return inner, "list" if inner.startswith("list") else "map", False


def random_type(r, depth=0):
    """A type as (spelling, kind, nullable)."""
    if depth == 0 and r.random() < 0.01:
        return deep_type(r)
    roll = r.random()
    if depth < 3 and roll < 0.2:
        t = "list<%s>" % random_type(r, depth + 1)[0]
        kind = "list"
    elif depth < 3 and roll < 0.32:
        t = "map<str, %s>" % random_type(r, depth + 1)[0]
        kind = "map"
    else:
        kind = r.choice(["str", "bytes", "int", "float", "bool", "headers"])
        t = kind
    nullable = r.random() < 0.25
    return (t + "?" if nullable else t), kind, nullable


def str_literal(r, max_len=None):
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
    return '"' + "".join(out) + '"'


def field_text(r, name):
    spelling, kind, nullable = random_type(r)
    constraint, lo, hi, max_len = "", None, None, None
    if kind in ("str", "bytes") and r.random() < 0.3:
        max_len = r.choice([0, 1, 5, 64, 2**31, 2**62])
        constraint = " [max_len %d]" % max_len
    elif kind == "int" and r.random() < 0.4:
        lo = r.choice([-2**63, -5, 0, 1, 7])
        hi = r.choice([lo, lo + 10, 2**63 - 1])
        constraint = " [range %d..%d]" % (lo, hi)
    http = kind in ("str", "headers") and r.random() < 0.2
    if http:
        constraint = " [http]" if not constraint else " [http, %s" % constraint[2:]
    default = ""
    if r.random() < 0.5:
        if nullable and r.random() < 0.5:
            default = "null"
        elif kind == "str" and http:  # text an HTTP field can carry
            default = r.choice(['""', '"a b"', '"x\\u00e9"'])
            if max_len is not None and max_len < 3:
                default = '""'
        elif kind == "str":
            default = str_literal(r, max_len)
        elif kind == "int":
            default = str(r.choice([v for v in (lo, hi, 0, -1, 80) if v is not None
                                    and (lo is None or lo <= v <= hi)] or [lo]))
        elif kind == "float":
            default = r.choice(["0.0", "1.5", "-2.5e3", "1e308", "0"])
        elif kind == "bool":
            default = r.choice(["true", "false"])
        elif kind == "list":
            default = "[]"
        elif kind in ("map", "headers"):
            default = "{}"
        elif nullable:
            default = "null"
    text = "%s: %s" % (name, spelling)
    if default:
        text += " = " + default
    return text + constraint + ";"


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


def schema_text(r, names):
    prefix = r.choice(["ab", "lib", "x", "p", "w", "Ab", "ab_c", "a1"])
    if r.random() < names.hostile:
        prefix = r.choice(["ws", "WS", "_p", "int", "NULL", "ws_x", "p_", "a__b", "s",
                           "fill", "view"] + [r.choice(WORDS)])
    out = [doc(r, ""), "module %s;\n" % ".".join(r.choice(WORDS + ["int", "_x", "NULL"])
                                               for _ in range(r.randint(1, 3))),
           "prefix %s;\n" % prefix]
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
                members.append(doc(r, "  ") + "  " + field_text(r, names.member_name(taken)))
        head = "exception" if not abstract and r.random() < 0.15 else \
            ("abstract class" if abstract else "class")
        out.append("\n%s%s %s%s {\n%s}\n" % (doc(r, ""), head, name,
                                           " : " + base if base else "",
                                           "".join(m + "\n" for m in members)))
    return "".join(out)


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
