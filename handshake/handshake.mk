# handshake/: the opening-handshake codec (ws_handshake.h, docs/handshake.md)
# on the generated autobahn types and the runtime; SHA-1 from nettle
# (Debian's nettle-dev). Built as build/lib/libwstypes-handshake.a, linked
# into the tool (`wstypes handshake`); its tests are
# tests/unit/handshake/test_*.c.
HS_SRC  := $(sort $(wildcard handshake/*.c))
HS_LIBS := -lnettle
HS_LIB  := $(L)/libwstypes-handshake.a
CPPFLAGS += -Ihandshake

$(HS_SRC:%.c=$(B)/obj/%.o) $(HS_SRC:%.c=$(A)/obj/%.o): generated/$(STEM).h
$(HS_LIB): $(HS_SRC:%.c=$(B)/obj/%.o)
	@mkdir -p $(dir $@)
	rm -f $@ && ar rcs $@ $^
$(A)/libwstypes-handshake.a: $(HS_SRC:%.c=$(A)/obj/%.o)
	rm -f $@ && ar rcs $@ $^
libs: $(HS_LIB)

# What the tool's link lines add (the Makefile's two wstypes rules).
$(B)/bin/wstypes: $(HS_LIB)
$(A)/bin/wstypes: $(A)/libwstypes-handshake.a
TOOL_HS      = $(HS_LIB) $(HS_LIBS)
TOOL_HS_ASAN = $(A)/libwstypes-handshake.a

HS_TESTS := $(sort $(wildcard tests/unit/handshake/test_*.c))
HS_TOOLS := $(sort $(wildcard tests/unit/handshake/tool_*.c))
$(call test_bin_of,$(HS_TESTS) $(HS_TOOLS)): $(A)/bin/%: \
    $(A)/obj/tests/unit/handshake/%.o $(A)/libwstypes-handshake.a $(A)/libwstypes.a
	@mkdir -p $(dir $@)
	$(CC) $(SAN) $^ -lcmocka $(HS_LIBS) -o $@
check: $(call test_bin_of,$(HS_TESTS) $(HS_TOOLS))
