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
CFLAGS  := $(STD) $(WARN) $(OPT)

B       := build
# The version, in one place: --version of both programs, the .pc files, the
# shared libraries' file names and sonames (the major number) take it.
VERSION := $(shell cat VERSION)
MAJOR   := $(firstword $(subst ., ,$(VERSION)))
CPPFLAGS := -Iruntime -Igenerated -I$(B)/include -DWSTYPES_VERSION=$(VERSION)
SCHEMA  := schema/autobahn.wst
STEM    := autobahn
GEN     := $(B)/bin/wstypes-gen

# runtime/ws_typetest*.c: the checks generated tests run, on cmocka; kept out
# of the library, which must not need cmocka.
TYPETEST_SRC := runtime/ws_typetest.c runtime/ws_typetest_sweep.c \
                runtime/ws_typetest_fill.c \
                runtime/ws_typetest_fit.c \
                runtime/ws_typetest_replace.c
RUNTIME_SRC := $(filter-out $(TYPETEST_SRC),$(sort $(wildcard runtime/*.c)))
# The generator writes float defaults as the runtime prints them: it
# shares runtime/ws_float*.c (which need nothing else of the runtime).
FLOAT_SRC   := runtime/ws_float.c runtime/ws_float_shortest.c \
               runtime/ws_float_lemire.c runtime/ws_float_pow10.c
GEN_SRC     := $(sort $(wildcard gen/*.c)) $(FLOAT_SRC)
GEN_LIB_SRC := $(filter-out gen/main.c,$(GEN_SRC))
GENERATED   := generated/$(STEM).h generated/$(STEM).c generated/$(STEM)_test.c

.PHONY: all deps check-deps libs check bench clean regen
all: deps $(GEN) $(GENERATED) libs $(B)/bin/wstypes

# scripts/deps.sh: the Debian packages of each target (install-when-root).
deps:
	@scripts/deps.sh build
check-deps:
	@scripts/deps.sh check

# ---- the generator ---------------------------------------------------------
# The float conversions' powers of ten, computed at build time by a program
# in the tree (runtime/internal/ws_float_parts.h) and included by
# runtime/ws_float_pow10.c, whatever build compiles it.
POW10_TABLE := $(B)/include/ws_float_pow10_table.h
$(B)/tools/pow10_table: scripts/pow10_table.c runtime/internal/ws_float_parts.h
	@mkdir -p $(dir $@)
	$(CC) -Iruntime $(STD) $(WARN) -O2 $< -o $@
$(POW10_TABLE): $(B)/tools/pow10_table
	@mkdir -p $(dir $@)
	$< >$@.tmp && mv $@.tmp $@
$(foreach d,obj pic asan/obj fuzz/obj,$(B)/$(d)/runtime/ws_float_pow10.o): $(POW10_TABLE)

$(B)/obj/%.o: %.c
	@mkdir -p $(dir $@)
	$(CC) $(CPPFLAGS) -Igen $(CFLAGS) -MMD -MP -c $< -o $@

# The two main.c print the version (CPPFLAGS gives it to every file).
$(foreach d,$(B)/obj $(B)/asan/obj,$(d)/gen/main.o $(d)/tool/main.o): VERSION

$(GEN): $(GEN_SRC:%.c=$(B)/obj/%.o)
	@mkdir -p $(dir $@)
	$(CC) $(CFLAGS) $^ -o $@

# ---- generated code: made from the schema, formatted, committed -------------
# The generator formats the files (--clang-format) and rewrites one only when
# its text changes; the stamp records the run, so that a generator change
# that leaves the code as it was rebuilds nothing. A file that is missing
# is made again.
GEN_STAMP := $(B)/generated.stamp
GEN_RUN = $(GEN) --clang-format=$(CFORMAT) --depfile $(B)/generated.d -o generated $(SCHEMA)
$(GEN_STAMP): $(wildcard schema/*.wst) $(GEN) .clang-format
	$(GEN_RUN)
	@touch $@
# ... and every file the last run read, imports included: the depfile's
# empty rules ("PATH:") name them.
$(GEN_STAMP): $(shell sed -n 's/^\([^ ].*\):$$/\1/p' $(B)/generated.d 2>/dev/null)
$(GENERATED): $(GEN_STAMP)
	@[ -f $@ ] || $(GEN_RUN)

regen:
	rm -f $(GEN_STAMP) && $(MAKE) $(GENERATED)

# ---- the libraries -----------------------------------------------------------
# libwstypes: the runtime alone, what any generated module needs.
# libwstypes-$(STEM): the generated autobahn types on top of it.
# Each static (.a) and shared (.so.VERSION, soname .so.MAJOR). A shared
# library exports only what its public headers name: scripts/exports.sh
# writes its linker version script from the objects and the headers.
L := $(B)/lib
PUBLIC_HDR := $(sort $(wildcard runtime/ws*.h))
RUNTIME_OBJ := $(RUNTIME_SRC:%.c=$(B)/obj/%.o)
MODULE_OBJ  := $(B)/obj/generated/$(STEM).o
LIB_A  := $(L)/libwstypes.a $(L)/libwstypes-$(STEM).a
LIB_SO := $(L)/libwstypes.so $(L)/libwstypes-$(STEM).so
# (what the tests and the bench link: the module, then the runtime)
LIBS_STATIC := $(L)/libwstypes-$(STEM).a $(L)/libwstypes.a
libs: $(LIB_A) $(LIB_SO)

$(L)/libwstypes.a: $(RUNTIME_OBJ)
$(L)/libwstypes-$(STEM).a: $(MODULE_OBJ)
$(LIB_A): Makefile
	@mkdir -p $(dir $@)
	rm -f $@ && ar rcs $@ $(filter %.o,$^)

$(MODULE_OBJ) $(MODULE_OBJ:$(B)/obj/%=$(B)/pic/%): generated/$(STEM).h

# Position-independent objects for the shared libraries.
$(B)/pic/%.o: %.c
	@mkdir -p $(dir $@)
	$(CC) $(CPPFLAGS) $(CFLAGS) -fPIC -MMD -MP -c $< -o $@

$(L)/libwstypes.map: $(RUNTIME_SRC:%.c=$(B)/pic/%.o) $(PUBLIC_HDR) scripts/exports.sh
	@mkdir -p $(dir $@)
	scripts/exports.sh $(PUBLIC_HDR) -- $(filter %.o,$^) >$@
$(L)/libwstypes-$(STEM).map: $(B)/pic/generated/$(STEM).o generated/$(STEM).h scripts/exports.sh
	@mkdir -p $(dir $@)
	scripts/exports.sh generated/$(STEM).h -- $(filter %.o,$^) >$@

SO_LINK = $(CC) $(CFLAGS) -shared -Wl,--no-undefined -Wl,-soname,$(notdir $(@:.$(VERSION)=.$(MAJOR))) \
          -Wl,--version-script,$(filter %.map,$^) $(filter %.o,$^)
$(L)/libwstypes.so.$(VERSION): $(RUNTIME_SRC:%.c=$(B)/pic/%.o) $(L)/libwstypes.map
	$(SO_LINK) -o $@
$(L)/libwstypes-$(STEM).so.$(VERSION): $(B)/pic/generated/$(STEM).o \
                                      $(L)/libwstypes-$(STEM).map $(L)/libwstypes.so
	$(SO_LINK) -L$(L) -lwstypes -o $@
# libX.so.MAJOR (what programs load) and libX.so (what -lX finds), as links.
$(L)/%.so: $(L)/%.so.$(VERSION)
	ln -sf $(notdir $<) $@.$(MAJOR) && ln -sf $(notdir $@).$(MAJOR) $@

# ---- the command-line tool --------------------------------------------------
# Linked with the shared libraries, found next to it (../lib) in the build
# tree and once installed: a module it loads with --module shares its runtime.
TOOL_SRC := $(sort $(wildcard tool/*.c))
$(B)/bin/wstypes: $(TOOL_SRC:%.c=$(B)/obj/%.o) $(LIB_SO)
	@mkdir -p $(dir $@)
	$(CC) $(CFLAGS) $(filter %.o,$^) $(TOOL_HS) -L$(L) -lwstypes-$(STEM) -lwstypes -ldl \
	  -Wl,-rpath,'$$ORIGIN/../lib' -o $@
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
$(A)/obj/%.o: %.c | check-deps
	@mkdir -p $(dir $@)
	$(CC) $(CPPFLAGS) $(TEST_INC) -I$(dir $<) $(CFLAGS) -O1 $(SAN) -MMD -MP -c $< -o $@

# The test build's library bundles the runtime and the autobahn module.
$(A)/libwstypes.a: $(RUNTIME_SRC:%.c=$(A)/obj/%.o) $(A)/obj/generated/$(STEM).o
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
	$(GEN) --clang-format=$(CFORMAT) -o $(CAT) $(CAT_SCHEMA)
	@touch $(CAT)/library.h $(CAT)/library.c $(CAT)/library_test.c
$(CAT)/library.c $(CAT)/library_test.c: $(CAT)/library.h
LIBRARY_TEST_OBJ := $(RUNTIME_SRC:%.c=$(A)/obj/%.o) $(TYPETEST_SRC:%.c=$(A)/obj/%.o)
$(A)/bin/library_test: $(CAT)/library.h $(LIBRARY_TEST_OBJ)
	$(CC) $(CPPFLAGS) $(TEST_INC) -I$(CAT) $(CFLAGS) -O1 $(SAN) $(CAT)/library.c \
	  $(CAT)/library_test.c $(LIBRARY_TEST_OBJ) -lcmocka -o $@

# Hand-written checks of the catalogue's classes held by fields.
$(A)/bin/catalog_classes_test: tests/system/catalog_classes_test.c $(CAT)/library.h \
                               $(RUNTIME_SRC:%.c=$(A)/obj/%.o)
	@mkdir -p $(dir $@)
	$(CC) $(CPPFLAGS) $(TEST_INC) $(CFLAGS) -O1 $(SAN) $< $(CAT)/library.c \
	  $(RUNTIME_SRC:%.c=$(A)/obj/%.o) -lcmocka -o $@
check: $(A)/bin/catalog_classes_test
# The catalogue's header for the tests that use it (check_warnings.sh too).
TEST_INC += -I$(CAT)

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
# The depfile (included below with the others) makes chat.h follow common.wst.
$(CHAT)/%.h: $(CHAT_SRC)/%.wst $(GEN) .clang-format
	$(GEN) --clang-format=$(CFORMAT) --depfile $(CHAT)/$*.d -I $(CHAT_SRC) -o $(CHAT) $<
	@touch $(CHAT)/$*.h $(CHAT)/$*.c $(CHAT)/$*_test.c
$(CHAT)/%.c $(CHAT)/%_test.c: $(CHAT)/%.h ;
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
	$(CC) $(SAN) $(filter %.o,$^) $(TOOL_HS_ASAN) $(A)/libwstypes.a -ldl $(HS_LIBS) -o $@
$(TOOL_SRC:%.c=$(A)/obj/%.o): generated/$(STEM).h

CHECK_BINS := $(A)/bin/wstypes $(TEST_BINS) $(TOOLS) $(A)/bin/library_test $(A)/bin/wstypes-gen \
              $(CHAT_BINS)

check: all $(CHECK_BINS)
	@BIN=$(A)/bin GEN=$(GEN) WSTYPES=$(B)/bin/wstypes PYTHON=$(PYTHON) CC="$(CC)" CLANG="$(CLANG)" \
	  INCLUDES="$(CPPFLAGS) $(TEST_INC)" tests/run_all.sh $(A)/bin

# `make bench` (not part of check) lives in bench/bench.mk.
include bench/bench.mk
# `make install` and `make uninstall` live in pkg/install.mk.
include pkg/install.mk
# The opening-handshake codec: handshake/handshake.mk.
include handshake/handshake.mk
# `make fuzz` (not part of check, which smoke-runs its targets) lives in fuzz/fuzz.mk.
include fuzz/fuzz.mk

clean:
	rm -rf $(B)

.SECONDARY:

-include $(shell find $(B) -name '*.d' 2>/dev/null)
