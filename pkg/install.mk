# install.mk - `make install` and `make uninstall` (included by the Makefile).
#
#   make install [PREFIX=/usr/local] [DESTDIR=/staging]
#
# PREFIX/bin: wstypes-gen, wstypes; PREFIX/lib: libwstypes and
# libwstypes-autobahn (static, and shared with their links), libwstypes-test
# (static; cmocka), libwstypes-handshake (static; nettle);
# PREFIX/include/wstypes: the public headers (runtime/ws*.h, ws_typetest.h,
# autobahn.h, ws_handshake.h; never runtime/internal/ or
# handshake/hs_internal.h); pkg-config files;
# the CMake package; man pages; the docs and LICENSE. The .pc and CMake
# files find the prefix from where they are, so a tree installed under
# DESTDIR works where it lies.

PREFIX  ?= /usr/local
DESTDIR ?=
P       := $(DESTDIR)$(PREFIX)
LIBDIR  := $(P)/lib
INCDIR  := $(P)/include/wstypes
CMAKEDIR := $(LIBDIR)/cmake/wstypes
DOCDIR  := $(P)/share/doc/wstypes
MANDIR  := $(P)/share/man/man1

# libwstypes-test: ws_typetest*.c, which need cmocka (built on demand).
$(TYPETEST_SRC:%.c=$(B)/obj/%.o): | install-deps
$(L)/libwstypes-test.a: $(TYPETEST_SRC:%.c=$(B)/obj/%.o)
	@mkdir -p $(dir $@)
	rm -f $@ && ar rcs $@ $^

# libwstypes-handshake as installed: its objects linked into one, in which
# only the names ws_handshake.h declares stay global (scripts/exports.sh
# lists them, as for the shared libraries), so that the codec's own
# helpers (hs_*) cannot clash with a name of the program it is linked into.
HS_INSTALL_A := $(B)/pkg/libwstypes-handshake.a
OBJCOPY ?= objcopy
$(HS_INSTALL_A): $(L)/libwstypes-handshake.a handshake/ws_handshake.h scripts/exports.sh
	@mkdir -p $(dir $@)
	scripts/exports.sh handshake/ws_handshake.h -- $< | \
	  sed -n 's/^    \(.*\);$$/\1/p' >$(@:.a=.public)
	$(LD) -r --whole-archive $< -o $(@:.a=.o)
	$(OBJCOPY) --keep-global-symbols=$(@:.a=.public) $(@:.a=.o)
	rm -f $@ && ar rcs $@ $(@:.a=.o)

# The .pc and CMake files: @VERSION@ and @MAJOR@ filled in.
$(B)/pkg/%: pkg/%.in VERSION
	@mkdir -p $(dir $@)
	sed -e 's/@VERSION@/$(VERSION)/g' -e 's/@MAJOR@/$(MAJOR)/g' $< >$@

PC_FILES    := wstypes.pc wstypes-autobahn.pc wstypes-test.pc wstypes-handshake.pc
CMAKE_FILES := wstypesConfig.cmake wstypesConfigVersion.cmake
INSTALL_HDR := $(PUBLIC_HDR) generated/$(STEM).h handshake/ws_handshake.h
SO_FILES    := $(foreach l,libwstypes libwstypes-$(STEM),$(l).so.$(VERSION) $(l).so.$(MAJOR) $(l).so)

.PHONY: install uninstall install-deps
install-deps:
	@scripts/deps.sh install
install: install-deps all $(L)/libwstypes-test.a $(HS_INSTALL_A) $(addprefix $(B)/pkg/,$(PC_FILES) $(CMAKE_FILES))
	install -d $(P)/bin $(LIBDIR)/pkgconfig $(INCDIR) $(CMAKEDIR) $(DOCDIR) $(MANDIR)
	install -m 755 $(GEN) $(B)/bin/wstypes $(P)/bin/
	install -m 644 $(LIB_A) $(L)/libwstypes-test.a $(HS_INSTALL_A) $(LIBDIR)/
	install -m 755 $(L)/libwstypes.so.$(VERSION) $(L)/libwstypes-$(STEM).so.$(VERSION) $(LIBDIR)/
	for l in libwstypes libwstypes-$(STEM); do \
	  ln -sf $$l.so.$(VERSION) $(LIBDIR)/$$l.so.$(MAJOR) && \
	  ln -sf $$l.so.$(MAJOR) $(LIBDIR)/$$l.so || exit 1; done
	install -m 644 $(INSTALL_HDR) $(INCDIR)/
	install -m 644 $(addprefix $(B)/pkg/,$(PC_FILES)) $(LIBDIR)/pkgconfig/
	install -m 644 $(addprefix $(B)/pkg/,$(CMAKE_FILES)) $(CMAKEDIR)/
	install -m 644 man/wstypes-gen.1 man/wstypes.1 $(MANDIR)/
	install -m 644 LICENSE README.md docs/*.md $(DOCDIR)/

uninstall:
	rm -f $(P)/bin/wstypes-gen $(P)/bin/wstypes
	rm -f $(addprefix $(LIBDIR)/,$(notdir $(LIB_A)) libwstypes-test.a libwstypes-handshake.a $(SO_FILES))
	rm -f $(addprefix $(INCDIR)/,$(notdir $(INSTALL_HDR)))
	rm -f $(addprefix $(LIBDIR)/pkgconfig/,$(PC_FILES))
	rm -f $(addprefix $(CMAKEDIR)/,$(CMAKE_FILES))
	rm -f $(MANDIR)/wstypes-gen.1 $(MANDIR)/wstypes.1
	rm -f $(addprefix $(DOCDIR)/,LICENSE README.md $(notdir $(wildcard docs/*.md)))
	-rmdir $(INCDIR) $(CMAKEDIR) $(DOCDIR) 2>/dev/null
