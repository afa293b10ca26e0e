# `make bench` (not part of `make check`): our encoders and decoder against
# cJSON, jansson, yajl, json-c, simdjson, memcpy and CPython on the same
# documents (a ConnectionRequest of 1.2 KB and of 16 KB, and a float-heavy
# Quote of bench/quote.wst, generated here into build/bench/quote/); the
# generator on synthetic schemas; the tool on 100,000 records; the handshake
# codec reading browser requests against autobahn's processHandshake.
# Writes bench/results.md and the benchmark part of README.md. Build
# products stay under build/bench/.

BB          := $(B)/bench
BENCH_FLAGS := -O2 -g
BENCH_WARN  := -Wall -Wextra -Wpedantic -Wconversion -Wshadow
BENCH_C     := main.c common.c ours.c count_alloc.c limit.c \
               lib_cjson.c lib_jansson.c lib_yajl.c lib_jsonc.c \
               quote_common.c quote_ours.c quote_cjson.c quote_yajl.c
BQ          := $(BB)/quote
BENCH_OBJ   := $(BENCH_C:%.c=$(BB)/obj/%.o) $(BB)/obj/lib_simdjson.o \
               $(BB)/obj/quote.o
BENCH_LIBS  := -lcjson -ljansson -lyajl -ljson-c -lsimdjson
CXX         ?= g++

.PHONY: bench bench-deps
bench: bench-deps all $(BB)/bench $(BB)/libcgctl.so $(BB)/lines.jsonl \
       $(foreach n,100 1000 10000,$(BB)/schema_$(n).wst)
	$(PYTHON) bench/run.py $(BB) bench/results.md $(GEN) $(B)/bin/wstypes README.md

# Every object below is compiled with -MMD -MP, as the main Makefile's are:
# its .d file (picked up by the Makefile's -include of build/**/*.d) names
# every header it read, runtime/ and handshake/ ones included, so a changed
# header rebuilds it (a stale object once crashed the handshake bench).
BENCH_DEP   := -MMD -MP

# Installs missing Debian packages as root, else prints the apt-get line.
bench-deps:
	@scripts/install-bench-deps.sh

$(BB)/obj/%.o: bench/%.c bench/bench.h bench/bench_quote.h bench/count_alloc.h \
               generated/$(STEM).h $(BQ)/quote.h | bench-deps
	@mkdir -p $(dir $@)
	$(CC) -std=c11 $(BENCH_WARN) $(BENCH_FLAGS) $(CPPFLAGS) -I$(BQ) $(BENCH_DEP) -c $< -o $@

# The float-heavy document's types, made by the generator just built.
$(BQ)/quote.h: bench/quote.wst $(GEN)
	$(GEN) --no-tests -o $(BQ) bench/quote.wst
	@touch $(BQ)/quote.h $(BQ)/quote.c
$(BQ)/quote.c: $(BQ)/quote.h
$(BB)/obj/quote.o: $(BQ)/quote.c $(BQ)/quote.h | bench-deps
	@mkdir -p $(dir $@)
	$(CC) -std=c11 $(BENCH_WARN) $(BENCH_FLAGS) $(CPPFLAGS) -I$(BQ) $(BENCH_DEP) -c $< -o $@

$(BB)/obj/lib_simdjson.o: bench/lib_simdjson.cpp bench/bench.h generated/$(STEM).h | bench-deps
	@mkdir -p $(dir $@)
	$(CXX) -std=c++17 -Wall -Wextra $(BENCH_FLAGS) $(CPPFLAGS) $(BENCH_DEP) -c $< -o $@

$(BB)/bench: $(BENCH_OBJ) $(LIBS_STATIC)
	$(CXX) $(BENCH_FLAGS) $^ $(BENCH_LIBS) -o $@

# Lets the CPython script bracket its loops with callgrind client requests.
$(BB)/libcgctl.so: bench/cg_ctl.c | bench-deps
	@mkdir -p $(dir $@)
	$(CC) -std=c11 $(BENCH_WARN) -O2 -shared -fPIC $< -o $@

# Data made at bench time, never committed.
$(BB)/lines.jsonl: bench/make_data.py
	@mkdir -p $(dir $@)
	$(PYTHON) bench/make_data.py lines $@ 100000

$(BB)/schema_%.wst: bench/make_data.py
	@mkdir -p $(dir $@)
	$(PYTHON) bench/make_data.py schema $@ $*

# Float formatting and parsing against snprintf and strtod (bench/float_bench.c):
# its own program, on the runtime library alone.
bench: $(BB)/float_bench
$(BB)/float_bench: bench/float_bench.c $(L)/libwstypes.a | bench-deps
	@mkdir -p $(dir $@)
	$(CC) -std=c11 $(BENCH_WARN) $(BENCH_FLAGS) $(CPPFLAGS) $(BENCH_DEP) $< $(L)/libwstypes.a -lm -o $@

# The handshake codec reading browser requests (bench/hs_bench.c, against
# autobahn's own reading in bench/hs_cpython.py): its own program, on the
# handshake library and the runtime.
bench: $(BB)/hs_bench
$(BB)/hs_bench: $(BB)/obj/hs_bench.o $(BB)/obj/count_alloc.o \
                $(L)/libwstypes-handshake.a $(LIBS_STATIC) | bench-deps
	$(CC) $(BENCH_FLAGS) $(filter-out bench-deps,$^) -lnettle -o $@

# Large maps built one entry at a time (bench/map_bench.c): 10,000
# ws_headers_add and map _set calls, which the maps' index keeps O(n).
bench: $(BB)/map_bench
$(BB)/map_bench: bench/map_bench.c $(LIBS_STATIC) | bench-deps
	@mkdir -p $(dir $@)
	$(CC) -std=c11 $(BENCH_WARN) $(BENCH_FLAGS) $(CPPFLAGS) $(BENCH_DEP) $< $(LIBS_STATIC) -o $@
