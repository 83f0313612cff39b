# entente — plain Makefile (no autotools). `make help` lists targets and knobs.
#
# Knobs: SANITIZE=address,undefined  OPENMP=0  DEBUG=1  PREFIX=/usr/local  WERROR=1
# Objects go to build/<variant>/ so sanitized and plain builds never mix; the plain build
# also installs the program as bin/entente.

SHELL      := /bin/bash
CC         ?= cc
PREFIX     ?= /usr/local
OPENMP     ?= 1
DEBUG      ?= 0
SANITIZE   ?=
WERROR     ?= 0

comma := ,
VARIANT := $(if $(SANITIZE),san-$(subst $(comma),-,$(SANITIZE)),rel)$(if $(filter 0,$(OPENMP)),-noomp)$(if $(filter 1,$(DEBUG)),-dbg)
B       := build/$(VARIANT)
ifeq ($(VARIANT),rel)
BIN     := bin/entente
else
BIN     := $(B)/bin/entente
endif

# Debian packages the build and the tests need (see README.md, "Dependencies").
DEB_PKGS := libglpk-dev libconfig-dev libcriterion-dev libjansson-dev libgmp-dev nettle-dev lrslib \
            help2man pkg-config python3-numpy python3-pytest \
            chromium librsvg2-bin libxml2-utils texlive-latex-base texlive-latex-recommended \
            python3-jsonschema
# header -> package, checked by `make deps`
DEP_HEADERS := glpk.h:libglpk-dev libconfig.h:libconfig-dev criterion/criterion.h:libcriterion-dev \
               jansson.h:libjansson-dev gmp.h:libgmp-dev nettle/sha2.h:nettle-dev
DEP_PROGS := lrsnash:lrslib help2man:help2man pkg-config:pkg-config chromium:chromium \
             rsvg-convert:librsvg2-bin xmllint:libxml2-utils pdflatex:texlive-latex-base
# LaTeX package -> Debian package, checked with kpsewhich (the report tests compile tables)
DEP_TEXFILES := booktabs.sty:texlive-latex-recommended
# python module -> package, checked with /usr/bin/python3
DEP_PYMODS := numpy:python3-numpy pytest:python3-pytest jsonschema:python3-jsonschema

WARN    := -Wall -Wextra -Wshadow -Wconversion -Wno-sign-conversion -Wstrict-prototypes \
           -Wmissing-prototypes -Wformat=2 -Wundef
CFLAGS  ?= $(if $(filter 1,$(DEBUG)),-O0,-O2) -g
CFLAGS  += -std=gnu11 $(WARN) -fvisibility=hidden -Iinclude -MMD -MP
ifeq ($(WERROR),1)
CFLAGS  += -Werror
endif
ifneq ($(filter 1,$(OPENMP)),)
CFLAGS  += -fopenmp
LDFLAGS += -fopenmp
else
CFLAGS  += -Wno-unknown-pragmas
endif
ifneq ($(SANITIZE),)
CFLAGS  += -fsanitize=$(SANITIZE) -fno-omit-frame-pointer -fno-sanitize-recover=all
LDFLAGS += -fsanitize=$(SANITIZE)
endif
LDLIBS  += -lglpk -lconfig -ljansson -lgmp -lnettle -lm

LIB_SRC  := $(sort $(wildcard games/*.c games/*/*.c solver/*.c solver/*/*.c analysis/*.c report/*.c))
CLI_SRC  := $(sort $(wildcard cli/*.c))
TEST_SRC := $(sort $(wildcard tests/unit/*.c))
BENCH_SRC := $(sort $(wildcard bench/*.c))
LIB_OBJ  := $(LIB_SRC:%.c=$(B)/%.o)
CLI_OBJ  := $(CLI_SRC:%.c=$(B)/%.o)
TEST_OBJ := $(TEST_SRC:%.c=$(B)/%.o)
BENCH_BIN := $(BENCH_SRC:bench/%.c=$(B)/bench/%)
LIB      := $(B)/libentente.a
# shared library: libentente.so.MAJOR.MINOR.PATCH, soname libentente.so.MAJOR
VERSION  := $(shell sed -n 's/^\#define ENT_VERSION "\(.*\)"/\1/p' include/entente.h)
SOMAJOR  := $(firstword $(subst ., ,$(VERSION)))
SONAME   := libentente.so.$(SOMAJOR)
SOLIB    := $(B)/libentente.so.$(VERSION)
PC       := $(B)/entente.pc
MAN      := $(B)/entente.1
# where `make install` puts things (DESTDIR is prepended to each)
BINDIR   ?= $(PREFIX)/bin
LIBDIR   ?= $(PREFIX)/lib
INCDIR   ?= $(PREFIX)/include
DATADIR  ?= $(PREFIX)/share/entente
MANDIR   ?= $(PREFIX)/share/man/man1
PCDIR    ?= $(LIBDIR)/pkgconfig
# Debian's python3 reads /usr/lib/python3/dist-packages and, for /usr/local,
# /usr/local/lib/python3.X/dist-packages; other prefixes need PYTHONPATH=$(PYDIR)
PYVER    := $(shell /usr/bin/python3 -c 'import sys; print("%d.%d" % sys.version_info[:2])' 2>/dev/null)
PYDIR    ?= $(if $(filter /usr,$(PREFIX)),$(PREFIX)/lib/python3/dist-packages,$(PREFIX)/lib/python$(PYVER)/dist-packages)
UNIT     := $(B)/tests/unit-tests
DEPS_OK  := build/.deps-ok

.PHONY: all run test bench clean install uninstall deps help
.DEFAULT_GOAL := all

all: $(DEPS_OK) $(BIN) $(SOLIB)

## deps: check every library and tool the build and tests need; install what is missing
## (apt-get as root, otherwise print the command). Cheap after the first run (stamp).
deps: $(DEPS_OK)
$(DEPS_OK): Makefile
	@missing=""; \
	for hp in $(DEP_HEADERS); do h=$${hp%%:*}; p=$${hp##*:}; \
	  printf '#include <%s>\n' "$$h" | $(CC) -E -x c - >/dev/null 2>&1 || missing="$$missing $$p"; done; \
	for cp in $(DEP_PROGS); do c=$${cp%%:*}; p=$${cp##*:}; \
	  command -v "$$c" >/dev/null 2>&1 || missing="$$missing $$p"; done; \
	for tp in $(DEP_TEXFILES); do t=$${tp%%:*}; p=$${tp##*:}; \
	  kpsewhich "$$t" >/dev/null 2>&1 || missing="$$missing $$p"; done; \
	for mp in $(DEP_PYMODS); do m=$${mp%%:*}; p=$${mp##*:}; \
	  /usr/bin/python3 -c "import $$m" >/dev/null 2>&1 || missing="$$missing $$p"; done; \
	if [ -n "$$missing" ]; then \
	  if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null; then \
	    echo "deps: installing$$missing"; \
	    export DEBIAN_FRONTEND=noninteractive; \
	    apt-get update -qq >/dev/null && apt-get install -y -qq $$missing >/dev/null || { echo "deps: apt-get install failed"; exit 1; }; \
	  else \
	    echo "deps: missing$$missing; run: sudo apt-get update && sudo apt-get install -y$$missing"; exit 1; \
	  fi; \
	fi
	@mkdir -p $(@D) && touch $@

$(B)/%.o: %.c | $(DEPS_OK)
	@mkdir -p $(@D)
	$(CC) $(CFLAGS) -c $< -o $@

$(LIB): $(LIB_OBJ)
	@mkdir -p $(@D)
	@rm -f $@
	ar rcs $@ $^

# library objects are position-independent: the same objects make both libraries
$(LIB_OBJ): CFLAGS += -fPIC
# objects are rebuilt when the compiler flags change (a stamp holding them)
FLAGS_STAMP := $(B)/.flags
$(FLAGS_STAMP): FORCE
	@mkdir -p $(@D)
	@echo '$(CC) $(CFLAGS) -fPIC' | cmp -s - $@ || echo '$(CC) $(CFLAGS) -fPIC' >$@
$(LIB_OBJ) $(CLI_OBJ) $(TEST_OBJ): $(FLAGS_STAMP)
.PHONY: FORCE
FORCE:

$(SOLIB): $(LIB_OBJ)
	@mkdir -p $(@D)
	$(CC) -shared -Wl,-soname,$(SONAME) $(LDFLAGS) -o $@ $^ $(LDLIBS)
	ln -sf $(notdir $@) $(B)/$(SONAME)
	ln -sf $(SONAME) $(B)/libentente.so

# rewritten when PREFIX (or another line) changes
$(PC): FORCE
	@mkdir -p $(@D)
	@printf '%s\n' 'prefix=$(PREFIX)' 'libdir=$(LIBDIR)' 'includedir=$(INCDIR)' '' \
	  'Name: entente' 'Description: negotiation game-theory solver (equilibria, coalitions, reports)' \
	  'Version: $(VERSION)' 'Cflags: -I$${includedir}' 'Libs: -L$${libdir} -lentente' \
	  'Libs.private: $(strip $(LDFLAGS) $(LDLIBS))' >$@.new
	@cmp -s $@.new $@ && rm -f $@.new || mv $@.new $@

# the man page: `entente --help` and each command's --help, by help2man
$(MAN): $(BIN) cli/man-extra.sh
	@mkdir -p $(@D)
	bash cli/man-extra.sh $(BIN) >$(B)/entente.h2m
	help2man -N -n 'negotiation game-theory solver' -i $(B)/entente.h2m -o $@ ./$(BIN)

$(BIN): $(CLI_OBJ) $(LIB)
	@mkdir -p $(@D)
	$(CC) $(LDFLAGS) -o $@ $(CLI_OBJ) $(LIB) $(LDLIBS)

$(UNIT): $(TEST_OBJ) $(LIB)
	@mkdir -p $(@D)
	$(CC) $(LDFLAGS) -o $@ $(TEST_OBJ) $(LIB) $(LDLIBS) -lcriterion

$(B)/bench/%: bench/%.c $(LIB)
	@mkdir -p $(@D)
	$(CC) $(CFLAGS) $(LDFLAGS) -o $@ $< $(LIB) $(LDLIBS)

## run: build and solve the default scenario
run: all
	./$(BIN)

## test: build and run unit, known-answer and golden CLI tests
test: all $(UNIT)
	@tests/run.sh "$(UNIT)" "$(BIN)"

## bench: build and run the benchmarks (results: bench/README.md)
bench: all $(BENCH_BIN)
	@bench/run.sh "$(B)/bench" "$(BIN)"

## install: program, libraries, header, pkg-config file, man page, configs, Python module
install: all $(PC) $(MAN)
	install -d $(DESTDIR)$(BINDIR) $(DESTDIR)$(LIBDIR) $(DESTDIR)$(INCDIR) $(DESTDIR)$(PCDIR) \
	  $(DESTDIR)$(MANDIR) $(DESTDIR)$(DATADIR)/configs/classic $(DESTDIR)$(PYDIR)/entente
	install -m 755 $(BIN) $(DESTDIR)$(BINDIR)/entente
	install -m 644 $(LIB) $(DESTDIR)$(LIBDIR)/libentente.a
	install -m 755 $(SOLIB) $(DESTDIR)$(LIBDIR)/libentente.so.$(VERSION)
	ln -sf libentente.so.$(VERSION) $(DESTDIR)$(LIBDIR)/$(SONAME)
	ln -sf $(SONAME) $(DESTDIR)$(LIBDIR)/libentente.so
	install -m 644 include/entente.h $(DESTDIR)$(INCDIR)/entente.h
	install -m 644 $(PC) $(DESTDIR)$(PCDIR)/entente.pc
	install -m 644 $(MAN) $(DESTDIR)$(MANDIR)/entente.1
	install -m 644 configs/*.cfg configs/README.md $(DESTDIR)$(DATADIR)/configs/
	install -m 644 configs/classic/*.cfg $(DESTDIR)$(DATADIR)/configs/classic/
	install -m 644 python/entente/*.py $(DESTDIR)$(PYDIR)/entente/

## uninstall: remove what install put under PREFIX
uninstall:
	rm -f $(DESTDIR)$(BINDIR)/entente $(DESTDIR)$(LIBDIR)/libentente.a \
	  $(DESTDIR)$(LIBDIR)/libentente.so.$(VERSION) $(DESTDIR)$(LIBDIR)/$(SONAME) \
	  $(DESTDIR)$(LIBDIR)/libentente.so $(DESTDIR)$(INCDIR)/entente.h \
	  $(DESTDIR)$(PCDIR)/entente.pc $(DESTDIR)$(MANDIR)/entente.1
	rm -rf $(DESTDIR)$(DATADIR) $(DESTDIR)$(PYDIR)/entente

clean:
	rm -rf build bin

help:
	@echo "entente $(shell sed -n 's/^#define ENT_VERSION "\(.*\)"/\1/p' include/entente.h) — make targets"
	@echo "  make run      build and solve the default scenario (configs/ukraine-2025.cfg)"
	@echo "  make test     build and run all tests (unit, known answers, golden CLI, Python"
	@echo "                module, install into a temporary prefix, the shell suites tests/*.sh"
	@echo "                with large runs under small limits in limits.sh; see tests/README.md)"
	@echo "  make bench    run the benchmarks (see bench/README.md)"
	@echo "  make deps     check/install the Debian packages the build needs"
	@echo "  make install  install the program, libentente.so/.a, entente.h, entente.pc,"
	@echo "                the man page, configs and the Python module under PREFIX ($(PREFIX));"
	@echo "                DESTDIR=dir stages the install elsewhere"
	@echo "  make uninstall  remove what make install put under PREFIX"
	@echo "  make clean    remove build/ and bin/"
	@echo "knobs: SANITIZE=address,undefined  OPENMP=0  DEBUG=1  WERROR=1  PREFIX=dir"
	@echo "  e.g. make test SANITIZE=address,undefined"

-include $(LIB_OBJ:.o=.d) $(CLI_OBJ:.o=.d) $(TEST_OBJ:.o=.d)
