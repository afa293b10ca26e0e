# wstypes - read top to bottom: variables, the generator, the generated code,
# the library, tests. `make` builds; `make check` runs every test under
# ASan+UBSan and ends with "N passed, M failed".

CC      ?= cc
CLANG   ?= clang
PYTHON  ?= /usr/bin/python3
CFORMAT ?= clang-format
STD     := -std=c11
WARN    := -Wall -Wextra -Wpedantic -Wconversion -Wshadow -Werror
OPT     ?= -O2 -g
SAN     := -fsanitize=address,undefined -fno-sanitize-recover=all \
           -fno-omit-frame-pointer
CPPFLAGS := -Iruntime -Igenerated
CFLAGS  := $(STD) $(WARN) $(OPT)

B       := build
SCHEMA  := schema/autobahn.wst
STEM    := autobahn
GEN     := $(B)/bin/wstypes-gen

# runtime/ws_typetest.c: the checks generated tests run, on cmocka; kept out
# of the library, which must not need cmocka.
TYPETEST_SRC := runtime/ws_typetest.c
RUNTIME_SRC := $(filter-out $(TYPETEST_SRC),$(sort $(wildcard runtime/*.c)))
GEN_SRC     := $(sort $(wildcard gen/*.c))
GEN_LIB_SRC := $(filter-out gen/main.c,$(GEN_SRC))
GENERATED   := generated/$(STEM).h generated/$(STEM).c generated/$(STEM)_test.c

.PHONY: all deps check bench clean regen
all: deps $(GEN) $(GENERATED) $(B)/lib/libwstypes.a $(B)/bin/wstypes

deps:
	@scripts/deps.sh

# ---- the generator ---------------------------------------------------------
$(B)/obj/%.o: %.c
	@mkdir -p $(dir $@)
	$(CC) $(CPPFLAGS) -Igen $(CFLAGS) -MMD -MP -c $< -o $@

$(GEN): $(GEN_SRC:%.c=$(B)/obj/%.o)
	@mkdir -p $(dir $@)
	$(CC) $(CFLAGS) $^ -o $@

# ---- generated code: made from the schema, formatted, committed -------------
# One rule writes all three files; the .h is the one make tracks.
$(GENERATED): $(SCHEMA) $(GEN) .clang-format
	$(GEN) -o generated $(SCHEMA)
	$(CFORMAT) -i --style=file $(GENERATED)
	@touch $(GENERATED)

regen:
	rm -f $(GENERATED) && $(MAKE) $(GENERATED)

# ---- the library -----------------------------------------------------------
LIB_SRC := $(RUNTIME_SRC) generated/$(STEM).c
$(B)/lib/libwstypes.a: $(LIB_SRC:%.c=$(B)/obj/%.o)
	@mkdir -p $(dir $@)
	rm -f $@ && ar rcs $@ $^

$(B)/obj/generated/$(STEM).o: generated/$(STEM).h

# ---- the command-line tool --------------------------------------------------
TOOL_SRC := $(sort $(wildcard tool/*.c))
$(B)/bin/wstypes: $(TOOL_SRC:%.c=$(B)/obj/%.o) $(B)/lib/libwstypes.a
	@mkdir -p $(dir $@)
	$(CC) $(CFLAGS) $^ -o $@
$(TOOL_SRC:%.c=$(B)/obj/%.o): generated/$(STEM).h

# ---- tests: everything again with ASan+UBSan --------------------------------
A := $(B)/asan
$(A)/obj/%.o: %.c
	@mkdir -p $(dir $@)
	$(CC) $(CPPFLAGS) -Igen -Itests -I$(dir $<) $(CFLAGS) -O1 $(SAN) -MMD -MP -c $< -o $@

$(A)/libwstypes.a: $(LIB_SRC:%.c=$(A)/obj/%.o)
	rm -f $@ && ar rcs $@ $^
$(A)/libgen.a: $(GEN_LIB_SRC:%.c=$(A)/obj/%.o)
	rm -f $@ && ar rcs $@ $^
$(A)/bin/wstypes-gen: $(A)/obj/gen/main.o $(A)/libgen.a
	@mkdir -p $(dir $@)
	$(CC) $(SAN) $^ -o $@

# tests/test_gen_*.c test the generator's parts; tests/test_*.c the rest.
GEN_TESTS   := $(sort $(wildcard tests/test_gen_*.c))
OTHER_TESTS := $(filter-out $(GEN_TESTS),$(sort $(wildcard tests/test_*.c)))
TEST_BINS   := $(GEN_TESTS:tests/%.c=$(A)/bin/%) $(OTHER_TESTS:tests/%.c=$(A)/bin/%) \
               $(A)/bin/$(STEM)_test

$(A)/bin/test_gen_%: $(A)/obj/tests/test_gen_%.o $(A)/libgen.a
	@mkdir -p $(dir $@)
	$(CC) $(SAN) $^ -lcmocka -o $@
# The generator under allocation failure: its malloc family goes through the
# test's own wrappers.
$(A)/bin/test_gen_oom: $(A)/obj/tests/test_gen_oom.o $(A)/libgen.a
	@mkdir -p $(dir $@)
	$(CC) $(SAN) $^ -lcmocka -Wl,--wrap=malloc,--wrap=calloc,--wrap=realloc,--wrap=free -o $@
$(A)/bin/test_%: $(A)/obj/tests/test_%.o $(A)/libwstypes.a
	@mkdir -p $(dir $@)
	$(CC) $(SAN) $^ -lcmocka -o $@
$(A)/bin/test_typetest: $(A)/obj/tests/test_typetest.o \
                       $(TYPETEST_SRC:%.c=$(A)/obj/%.o) $(A)/libwstypes.a
	@mkdir -p $(dir $@)
	$(CC) $(SAN) $^ -lcmocka -o $@
$(A)/bin/$(STEM)_test: $(A)/obj/generated/$(STEM)_test.o \
                      $(TYPETEST_SRC:%.c=$(A)/obj/%.o) $(A)/libwstypes.a
	@mkdir -p $(dir $@)
	$(CC) $(SAN) $^ -lcmocka -o $@

# tests/tool_*.c: helper programs that check_*.sh scripts drive ($BIN).
TOOLS := $(patsubst tests/%.c,$(A)/bin/%,$(sort $(wildcard tests/tool_*.c)))
$(A)/bin/tool_%: $(A)/obj/tests/tool_%.o $(A)/libwstypes.a
	@mkdir -p $(dir $@)
	$(CC) $(SAN) $^ -o $@

# The second, unrelated schema: generated at test time, never committed.
CAT := $(B)/catalog
$(CAT)/library.h: tests/catalog/library.wst $(GEN) .clang-format
	@mkdir -p $(CAT)
	$(GEN) -o $(CAT) tests/catalog/library.wst
	$(CFORMAT) -i --style=file $(CAT)/library.h $(CAT)/library.c $(CAT)/library_test.c
$(CAT)/library.c $(CAT)/library_test.c: $(CAT)/library.h
LIBRARY_TEST_OBJ := $(RUNTIME_SRC:%.c=$(A)/obj/%.o) $(TYPETEST_SRC:%.c=$(A)/obj/%.o)
$(A)/bin/library_test: $(CAT)/library.h $(LIBRARY_TEST_OBJ)
	$(CC) $(CPPFLAGS) -Itests -I$(CAT) $(CFLAGS) -O1 $(SAN) $(CAT)/library.c \
	  $(CAT)/library_test.c $(LIBRARY_TEST_OBJ) -lcmocka -o $@

# tests/check_catalog.sh drives tests/tool_conform.c built against the
# catalog's generated code (-DCONFORM_CATALOG picks that module).
$(A)/bin/catalog_conform: tests/tool_conform.c $(CAT)/library.h \
                          $(RUNTIME_SRC:%.c=$(A)/obj/%.o)
	@mkdir -p $(dir $@)
	$(CC) $(CPPFLAGS) -Itests -I$(CAT) $(CFLAGS) -O1 $(SAN) -DCONFORM_CATALOG \
	  tests/tool_conform.c $(CAT)/library.c $(RUNTIME_SRC:%.c=$(A)/obj/%.o) -o $@
check: $(A)/bin/catalog_conform

$(A)/bin/wstypes: $(TOOL_SRC:%.c=$(A)/obj/%.o) $(A)/libwstypes.a
	@mkdir -p $(dir $@)
	$(CC) $(SAN) $^ -o $@
$(TOOL_SRC:%.c=$(A)/obj/%.o): generated/$(STEM).h

CHECK_BINS := $(A)/bin/wstypes $(TEST_BINS) $(TOOLS) $(A)/bin/library_test $(A)/bin/wstypes-gen

check: all $(CHECK_BINS)
	@BIN=$(A)/bin GEN=$(GEN) WSTYPES=$(B)/bin/wstypes PYTHON=$(PYTHON) CC="$(CC)" CLANG="$(CLANG)" tests/run_all.sh $(A)/bin

# `make bench` (not part of check) lives in bench/bench.mk.
include bench/bench.mk

clean:
	rm -rf $(B)

.SECONDARY:

-include $(shell find $(B) -name '*.d' 2>/dev/null)
