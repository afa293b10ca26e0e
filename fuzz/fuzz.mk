# `make fuzz`: libFuzzer targets under ASan+UBSan (clang, with Debian's
# libclang-rt-14-dev), each run for FUZZ_SECONDS on a copy of its committed
# seed corpus (fuzz/corpus/NAME) with its dictionary (fuzz/NAME.dict), then
# the generator's property test on PROPERTY_COUNT random schemas.
# `make check` runs each target for a few seconds (check_fuzz_smoke.sh).
# fuzz/README.md says how to run one longer and what each checks.
FZ            := $(B)/fuzz
FUZZ_SECONDS  ?= 60
FUZZ_CFLAGS   := $(STD) $(WARN) -O1 -g -fno-omit-frame-pointer \
                 -fsanitize=fuzzer-no-link,address,undefined -fno-sanitize-recover=all
FUZZ_LINK     := -fsanitize=fuzzer,address,undefined
FUZZ_TARGETS  := decode decode_failalloc schema lines handshake handshake_client
FUZZ_BINS     := $(FUZZ_TARGETS:%=$(FZ)/bin/fuzz_%)

.PHONY: fuzz fuzz-build
fuzz-build: $(FUZZ_BINS)

$(FZ)/obj/%.o: %.c
	@mkdir -p $(dir $@)
	$(CLANG) $(CPPFLAGS) -Igen -Itool -I$(CAT) $(FUZZ_CFLAGS) -MMD -MP -c $< -o $@

FUZZ_RUNTIME := $(RUNTIME_SRC:%.c=$(FZ)/obj/%.o) $(FZ)/obj/generated/$(STEM).o
$(FZ)/obj/$(CAT)/library.o: $(CAT)/library.h
$(FZ)/obj/fuzz/fuzz_decode.o: $(CAT)/library.h
$(FZ)/obj/fuzz/fuzz_decode_failalloc.o: fuzz/fuzz_decode.c $(CAT)/library.h
	@mkdir -p $(dir $@)
	$(CLANG) $(CPPFLAGS) -I$(CAT) $(FUZZ_CFLAGS) -DFUZZ_FAILALLOC -MMD -MP -c $< -o $@

$(FZ)/bin/fuzz_decode $(FZ)/bin/fuzz_decode_failalloc: $(FZ)/bin/%: $(FZ)/obj/fuzz/%.o \
    $(FZ)/obj/$(CAT)/library.o $(FUZZ_RUNTIME)
	@mkdir -p $(dir $@)
	$(CLANG) $(FUZZ_LINK) $^ -o $@
$(FZ)/bin/fuzz_schema: $(FZ)/obj/fuzz/fuzz_schema.o $(GEN_LIB_SRC:%.c=$(FZ)/obj/%.o)
	@mkdir -p $(dir $@)
	$(CLANG) $(FUZZ_LINK) $^ -o $@
$(FZ)/obj/fuzz/fuzz_lines.o: $(CAT)/library.h
$(FZ)/bin/fuzz_lines: $(FZ)/obj/fuzz/fuzz_lines.o $(FZ)/obj/$(CAT)/library.o \
    $(filter-out $(FZ)/obj/tool/main.o $(FZ)/obj/tool/module.o $(FZ)/obj/tool/handshake%.o,$(TOOL_SRC:%.c=$(FZ)/obj/%.o)) $(FUZZ_RUNTIME)
	@mkdir -p $(dir $@)
	$(CLANG) $(FUZZ_LINK) $^ -o $@

$(FZ)/obj/fuzz/fuzz_handshake.o $(FZ)/obj/fuzz/fuzz_handshake_client.o: generated/$(STEM).h
$(FZ)/bin/fuzz_handshake $(FZ)/bin/fuzz_handshake_client: $(FZ)/bin/%: $(FZ)/obj/fuzz/%.o $(HS_SRC:%.c=$(FZ)/obj/%.o) \
    $(FUZZ_RUNTIME)
	@mkdir -p $(dir $@)
	$(CLANG) $(FUZZ_LINK) $^ $(HS_LIBS) -o $@

fuzz: all fuzz-build $(A)/bin/wstypes-gen
	@FUZZ_SECONDS=$(FUZZ_SECONDS) FUZZ_BIN=$(FZ)/bin FUZZ_WORK=$(FZ)/run \
	  sh tests/system/check_fuzz_smoke.sh
	@BIN=$(A)/bin PYTHON=$(PYTHON) PROPERTY_COUNT=$${PROPERTY_COUNT:-3000} \
	  PROPERTY_SEED=$${PROPERTY_SEED:-$$(date +%s)} sh tests/system/check_gen_property.sh

# make check smoke-runs them (a few seconds each).
check: $(FUZZ_BINS)
