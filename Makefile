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

# runtime/ws_typetest*.c: the checks generated tests run, on cmocka; kept out
# of the library, which must not need cmocka.
TYPETEST_SRC := runtime/ws_typetest.c runtime/ws_typetest_sweep.c \
                runtime/ws_typetest_replace.c
RUNTIME_SRC := $(filter-out $(TYPETEST_SRC),$(sort $(wildcard runtime/*.c)))
# The generator writes float defaults as the runtime prints them: it
# shares runtime/ws_float.c (which needs nothing else of the runtime).
GEN_SRC     := $(sort $(wildcard gen/*.c)) runtime/ws_float.c
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
# tests/README.md says where a test goes. Each layer is found by wildcard:
#   tests/unit/runtime/test_*.c  the runtime (and generated code), libwstypes.a
#   tests/unit/gen/test_*.c      the generator's parts, libgen.a
#   tests/system/test_*.c        whole-library tests, libwstypes.a
#   tests/system/tool_*.c        helper programs the check_*.sh scripts drive
#   tests/system/check_*.sh      scripts, run by tests/run_all.sh
# tests/lib/ holds what tests share (failalloc.h, command_output.h, check.sh).
A := $(B)/asan
TEST_INC := -Igen -Itests/lib
$(A)/obj/%.o: %.c
	@mkdir -p $(dir $@)
	$(CC) $(CPPFLAGS) $(TEST_INC) -I$(dir $<) $(CFLAGS) -O1 $(SAN) -MMD -MP -c $< -o $@

$(A)/libwstypes.a: $(LIB_SRC:%.c=$(A)/obj/%.o)
	rm -f $@ && ar rcs $@ $^
$(A)/libgen.a: $(GEN_LIB_SRC:%.c=$(A)/obj/%.o)
	rm -f $@ && ar rcs $@ $^
$(A)/bin/wstypes-gen: $(A)/obj/gen/main.o $(A)/libgen.a
	@mkdir -p $(dir $@)
	$(CC) $(SAN) $^ -o $@

# A test file left at the top of tests/ (from a branch made before the
# layers) would silently not run: stop and say where it goes.
STRAY_TESTS := $(wildcard tests/*.c tests/*.h tests/*.hpp tests/check_*.sh \
                 tests/conformance tests/catalog tests/schema_errors)
ifneq ($(STRAY_TESTS),)
$(error $(STRAY_TESTS): move into its layer (see tests/README.md))
endif

RUNTIME_TESTS := $(sort $(wildcard tests/unit/runtime/test_*.c))
GEN_TESTS     := $(sort $(wildcard tests/unit/gen/test_*.c))
SYSTEM_TESTS  := $(sort $(wildcard tests/system/test_*.c))
test_bin_of = $(patsubst %.c,$(A)/bin/%,$(notdir $(1)))
TEST_BINS := $(call test_bin_of,$(RUNTIME_TESTS) $(GEN_TESTS) $(SYSTEM_TESTS)) \
             $(A)/bin/$(STEM)_test

$(call test_bin_of,$(RUNTIME_TESTS)): $(A)/bin/%: $(A)/obj/tests/unit/runtime/%.o $(A)/libwstypes.a
	@mkdir -p $(dir $@)
	$(CC) $(SAN) $(filter %.o,$^) $(filter %.a,$^) -lcmocka -o $@
$(call test_bin_of,$(SYSTEM_TESTS)): $(A)/bin/%: $(A)/obj/tests/system/%.o $(A)/libwstypes.a
	@mkdir -p $(dir $@)
	$(CC) $(SAN) $^ -lcmocka -o $@
$(call test_bin_of,$(GEN_TESTS)): $(A)/bin/%: $(A)/obj/tests/unit/gen/%.o $(A)/libgen.a
	@mkdir -p $(dir $@)
	$(CC) $(SAN) $^ -lcmocka $(WRAP_ALLOC) -o $@
# The generator under allocation failure: its malloc family goes through the
# test's own wrappers.
$(A)/bin/test_gen_oom: WRAP_ALLOC := -Wl,--wrap=malloc,--wrap=calloc,--wrap=realloc,--wrap=free
# The suite the generated tests run (and its own unit test) on top of the
# library.
$(A)/bin/test_typetest: $(TYPETEST_SRC:%.c=$(A)/obj/%.o)
$(A)/bin/$(STEM)_test: $(A)/obj/generated/$(STEM)_test.o \
                      $(TYPETEST_SRC:%.c=$(A)/obj/%.o) $(A)/libwstypes.a
	@mkdir -p $(dir $@)
	$(CC) $(SAN) $^ -lcmocka -o $@

TOOL_TESTS := $(sort $(wildcard tests/system/tool_*.c))
TOOLS := $(call test_bin_of,$(TOOL_TESTS))
$(TOOLS): $(A)/bin/%: $(A)/obj/tests/system/%.o $(A)/libwstypes.a
	@mkdir -p $(dir $@)
	$(CC) $(SAN) $^ -o $@

# The second, unrelated schema: generated at test time, never committed.
CAT := $(B)/catalog
CAT_SCHEMA := tests/system/catalog/library.wst
$(CAT)/library.h: $(CAT_SCHEMA) $(GEN) .clang-format
	@mkdir -p $(CAT)
	$(GEN) -o $(CAT) $(CAT_SCHEMA)
	$(CFORMAT) -i --style=file $(CAT)/library.h $(CAT)/library.c $(CAT)/library_test.c
$(CAT)/library.c $(CAT)/library_test.c: $(CAT)/library.h
LIBRARY_TEST_OBJ := $(RUNTIME_SRC:%.c=$(A)/obj/%.o) $(TYPETEST_SRC:%.c=$(A)/obj/%.o)
$(A)/bin/library_test: $(CAT)/library.h $(LIBRARY_TEST_OBJ)
	$(CC) $(CPPFLAGS) $(TEST_INC) -I$(CAT) $(CFLAGS) -O1 $(SAN) $(CAT)/library.c \
	  $(CAT)/library_test.c $(LIBRARY_TEST_OBJ) -lcmocka -o $@

# tests/system/check_catalog.sh drives tests/system/tool_conform.c built
# against the catalog's generated code (-DCONFORM_CATALOG picks that module).
$(A)/bin/catalog_conform: tests/system/tool_conform.c $(CAT)/library.h \
                          $(RUNTIME_SRC:%.c=$(A)/obj/%.o)
	@mkdir -p $(dir $@)
	$(CC) $(CPPFLAGS) $(TEST_INC) -I$(CAT) $(CFLAGS) -O1 $(SAN) -DCONFORM_CATALOG \
	  tests/system/tool_conform.c $(CAT)/library.c $(RUNTIME_SRC:%.c=$(A)/obj/%.o) -o $@
check: $(A)/bin/catalog_conform

# The third schema, a chat split over two files (tests/system/chat/):
# common.wst, and chat.wst, which imports it. Each is generated by its own
# run into the build tree; chat's tests and conformance tool link both
# modules. tests/system/check_chat.sh drives the tools.
CHAT := $(B)/chat
CHAT_SRC := tests/system/chat
CHAT_TEST_OBJ := $(LIBRARY_TEST_OBJ)
$(CHAT)/%.h: $(CHAT_SRC)/%.wst $(GEN) .clang-format
	@mkdir -p $(CHAT)
	$(GEN) -I $(CHAT_SRC) -o $(CHAT) $<
	$(CFORMAT) -i --style=file $(CHAT)/$*.h $(CHAT)/$*.c $(CHAT)/$*_test.c
$(CHAT)/chat.h: $(CHAT_SRC)/common.wst
$(A)/bin/chat_common_test: $(CHAT)/common.h $(CHAT_TEST_OBJ)
	@mkdir -p $(dir $@)
	$(CC) $(CPPFLAGS) $(TEST_INC) -I$(CHAT) $(CFLAGS) -O1 $(SAN) $(CHAT)/common.c \
	  $(CHAT)/common_test.c $(CHAT_TEST_OBJ) -lcmocka -o $@
$(A)/bin/chat_test: $(CHAT)/chat.h $(CHAT)/common.h $(CHAT_TEST_OBJ)
	@mkdir -p $(dir $@)
	$(CC) $(CPPFLAGS) $(TEST_INC) -I$(CHAT) $(CFLAGS) -O1 $(SAN) $(CHAT)/chat.c \
	  $(CHAT)/common.c $(CHAT)/chat_test.c $(CHAT_TEST_OBJ) -lcmocka -o $@
# tool_conform on each module's table (CONFORM_HEADER, CONFORM_PREFIX).
$(A)/bin/chat_conform_%: tests/system/tool_conform.c $(CHAT)/chat.h $(CHAT)/common.h \
                         $(RUNTIME_SRC:%.c=$(A)/obj/%.o)
	@mkdir -p $(dir $@)
	$(CC) $(CPPFLAGS) $(TEST_INC) -I$(CHAT) $(CFLAGS) -O1 $(SAN) \
	  -DCONFORM_HEADER='"$*.h"' -DCONFORM_PREFIX=$(if $(filter chat,$*),ch,cm) \
	  tests/system/tool_conform.c $(CHAT)/chat.c $(CHAT)/common.c \
	  $(RUNTIME_SRC:%.c=$(A)/obj/%.o) -o $@
CHAT_BINS := $(A)/bin/chat_common_test $(A)/bin/chat_test $(A)/bin/chat_conform_common \
             $(A)/bin/chat_conform_chat

$(A)/bin/wstypes: $(TOOL_SRC:%.c=$(A)/obj/%.o) $(A)/libwstypes.a
	@mkdir -p $(dir $@)
	$(CC) $(SAN) $^ -o $@
$(TOOL_SRC:%.c=$(A)/obj/%.o): generated/$(STEM).h

CHECK_BINS := $(A)/bin/wstypes $(TEST_BINS) $(TOOLS) $(A)/bin/library_test $(A)/bin/wstypes-gen \
              $(CHAT_BINS)

check: all $(CHECK_BINS)
	@BIN=$(A)/bin GEN=$(GEN) WSTYPES=$(B)/bin/wstypes PYTHON=$(PYTHON) CC="$(CC)" CLANG="$(CLANG)" \
	  INCLUDES="$(CPPFLAGS) $(TEST_INC)" tests/run_all.sh $(A)/bin

# `make bench` (not part of check) lives in bench/bench.mk.
include bench/bench.mk

clean:
	rm -rf $(B)

.SECONDARY:

-include $(shell find $(B) -name '*.d' 2>/dev/null)
