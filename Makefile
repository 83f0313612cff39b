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
DEB_PKGS := libglpk-dev libconfig-dev libcriterion-dev libjansson-dev libgmp-dev lrslib
# header -> package, checked by `make deps`
DEP_HEADERS := glpk.h:libglpk-dev libconfig.h:libconfig-dev criterion/criterion.h:libcriterion-dev \
               jansson.h:libjansson-dev gmp.h:libgmp-dev
DEP_PROGS := lrsnash:lrslib

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
LDLIBS  += -lglpk -lconfig -ljansson -lgmp -lm
# scenarios: `entente` without a file solves configs/ukraine-2025.cfg from the working
# directory, else from the installed data directory
CFLAGS  += -DENT_DATADIR='"$(PREFIX)/share/entente"'

LIB_SRC  := $(sort $(wildcard games/*.c games/*/*.c solver/*.c solver/*/*.c analysis/*.c report/*.c))
CLI_SRC  := $(sort $(wildcard cli/*.c) analysis/coalition.c)
LIB_SRC  := $(filter-out analysis/coalition.c,$(LIB_SRC))
TEST_SRC := $(sort $(wildcard tests/unit/*.c))
BENCH_SRC := $(sort $(wildcard bench/*.c))
LIB_OBJ  := $(LIB_SRC:%.c=$(B)/%.o)
CLI_OBJ  := $(CLI_SRC:%.c=$(B)/%.o)
TEST_OBJ := $(TEST_SRC:%.c=$(B)/%.o)
BENCH_BIN := $(BENCH_SRC:bench/%.c=$(B)/bench/%)
LIB      := $(B)/libentente.a
UNIT     := $(B)/tests/unit-tests
DEPS_OK  := build/.deps-ok

.PHONY: all run test bench clean install deps help
.DEFAULT_GOAL := all

all: $(DEPS_OK) $(BIN)

## deps: check every library and tool the build and tests need; install what is missing
## (apt-get as root, otherwise print the command). Cheap after the first run (stamp).
deps: $(DEPS_OK)
$(DEPS_OK): Makefile
	@missing=""; \
	for hp in $(DEP_HEADERS); do h=$${hp%%:*}; p=$${hp##*:}; \
	  printf '#include <%s>\n' "$$h" | $(CC) -E -x c - >/dev/null 2>&1 || missing="$$missing $$p"; done; \
	for cp in $(DEP_PROGS); do c=$${cp%%:*}; p=$${cp##*:}; \
	  command -v "$$c" >/dev/null 2>&1 || missing="$$missing $$p"; done; \
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

install: all
	install -d $(DESTDIR)$(PREFIX)/bin $(DESTDIR)$(PREFIX)/lib $(DESTDIR)$(PREFIX)/include
	install -m 755 $(BIN) $(DESTDIR)$(PREFIX)/bin/entente
	install -m 644 $(LIB) $(DESTDIR)$(PREFIX)/lib/libentente.a
	install -m 644 include/entente.h $(DESTDIR)$(PREFIX)/include/entente.h
	install -d $(DESTDIR)$(PREFIX)/share/entente/configs/classic
	install -m 644 configs/*.cfg $(DESTDIR)$(PREFIX)/share/entente/configs/
	install -m 644 configs/classic/*.cfg $(DESTDIR)$(PREFIX)/share/entente/configs/classic/

clean:
	rm -rf build bin

help:
	@echo "entente $(shell sed -n 's/^#define ENT_VERSION "\(.*\)"/\1/p' include/entente.h) — make targets"
	@echo "  make run      build and solve the default scenario (configs/ukraine-2025.cfg)"
	@echo "  make test     build and run all tests (unit, known answers, golden CLI)"
	@echo "  make bench    run the benchmarks (see bench/README.md)"
	@echo "  make deps     check/install the Debian packages the build needs"
	@echo "  make install  install bin, lib and header under PREFIX ($(PREFIX))"
	@echo "  make clean    remove build/ and bin/"
	@echo "knobs: SANITIZE=address,undefined  OPENMP=0  DEBUG=1  WERROR=1  PREFIX=dir"
	@echo "  e.g. make test SANITIZE=address,undefined"

-include $(LIB_OBJ:.o=.d) $(CLI_OBJ:.o=.d) $(TEST_OBJ:.o=.d)
