/* fuzz_scenario.c — libFuzzer target for the scenario loader and the expression compiler.
 * The input is written to a scenario file and loaded. Properties: no crash, leak or
 * undefined behaviour; an error is one line starting with the file name and ':'; a
 * loaded scenario compiles, its descriptions have the length they report, every
 * feasible profile written as a state parses back to itself, staying put is always an
 * allowed move, and the coalition value of the grand coalition evaluates or fails
 * cleanly. The same bytes are also compiled as one expression. tests/unit/
 * test_scenario_fuzz.c includes this file (with ENT_FUZZ_REPLAY defined) to replay the
 * corpus in tests/fuzz/corpus/scenario/ without a fuzzer. Build (tests/fuzz/README.md):
 *   clang -g -O1 -fsanitize=fuzzer,address,undefined -Iinclude tests/fuzz/fuzz_scenario.c \
 *     games/scenario*.c games/expr.c games/game.c games/core.c report/report.c \
 *     -lconfig -ljansson -lm -o fuzz_scenario */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "entente.h"
#include "../../games/expr.h"

static int one_line_from(const ent_error *e, const char *path)
{
    size_t n = strlen(path);
    return !strncmp(e->msg, path, n) && e->msg[n] == ':' && !strchr(e->msg, '\n');
}

static int check_loaded(ent_scenario *s)
{
    int n = ent_scenario_nactors(s);
    if (n > 0) {
        ent_game *g;
        if (ent_scenario_compile(s, &g, NULL) != ENT_OK)
            return 3;
        uint64_t np = ent_game_nprofiles(g);
        int prof[64], back[64];
        char words[2048], state[4096];
        for (uint64_t i = 0; i < np && i < 512; i++) {
            ent_game_profile_decode(g, i, prof);
            int len = ent_scenario_describe(s, prof, words, sizeof words);
            if (len < 0 || ((size_t)len < sizeof words && strlen(words) != (size_t)len)) {
                ent_game_free(&g);
                return 4;
            }
            if (!ent_scenario_profile_feasible(s, prof))
                continue;
            size_t k = 0;
            state[0] = '\0';
            for (int a = 0; a < n && k < sizeof state - 200; a++) {
                int no = ent_scenario_noptions(s, a);
                const char *id = ent_scenario_actor_id(s, a);
                if (no == 0) { /* choices: the label is the choice id */
                    k += (size_t)snprintf(state + k, sizeof state - k, "%s.%s,", id,
                                          ent_scenario_strategy_label(s, a, prof[a]));
                    continue;
                }
                for (int o = 0; o < no && k < sizeof state - 200; o++)
                    if (ent_scenario_strategy_has_option(s, a, prof[a], o))
                        k += (size_t)snprintf(state + k, sizeof state - k, "%s.%s,", id,
                                              ent_scenario_option_id(s, a, o));
            }
            if (k < sizeof state - 200) {
                ent_error e;
                if (ent_scenario_parse_state(s, state, back, &e) != ENT_OK ||
                    memcmp(prof, back, sizeof(int) * (size_t)n)) {
                    ent_game_free(&g);
                    return 5;
                }
            }
            for (int a = 0; a < n; a++)
                if (!ent_scenario_move_allowed(s, a, prof[a], prof[a])) {
                    ent_game_free(&g);
                    return 6;
                }
        }
        ent_game_free(&g);
    }
    if (ent_scenario_has_coalition(s)) {
        int all[64], m = ent_scenario_coalition_nmembers(s);
        double v;
        for (int i = 0; i < m; i++)
            all[i] = i;
        int rc = ent_scenario_coalition_value(s, all, m, &v);
        if (rc != ENT_OK && rc != ENT_ENOTFOUND && rc != ENT_ENUMERIC)
            return 7;
    }
    return 0;
}

static int expr_one(const uint8_t *data, size_t size)
{
    static const char *const pn[] = {"x", "y"};
    static const int order[] = {0, 1}; /* pn sorted by name: looked up by binary search */
    static const char *const it[] = {"a", "b"};
    static const char *const *const items[] = {it};
    static const char *const actors[] = {"p"};
    static const int ni[] = {2}, lb[] = {0};
    static const char *const attrs[] = {"w"};
    char *text = malloc(size + 1);
    if (!text)
        return 0;
    memcpy(text, data, size);
    text[size] = '\0';
    ent_expr_syms sy = {ENT_EXPR_LITS | ENT_EXPR_PARAMS | ENT_EXPR_AGG | ENT_EXPR_MEMBER | ENT_EXPR_VALUE,
                        2, pn, 1, actors, ni, items, lb, 1, attrs, order};
    ent_expr *e;
    ent_error err;
    int bad = 0;
    if (ent_expr_compile(text, &sy, "f", 1, &e, &err) == ENT_OK) {
        double params[2] = {1.5, 0.0}, at[2] = {2.0, 3.0}, v;
        unsigned char lits[2] = {1, 0};
        int mem[2] = {0, 1};
        ent_expr_env env = {.params = params, .lits = lits, .attrs = at, .nattrs = 1, .members = mem, .m = 2};
        int rc = ent_expr_eval(e, &env, &v, &err);
        if (rc != ENT_OK && rc != ENT_ENUMERIC)
            bad = 8;
        ent_expr_free(&e);
    } else if (strncmp(err.msg, "f:1: ", 5) != 0 || strchr(err.msg, '\n')) {
        bad = 9;
    }
    free(text);
    return bad;
}

/* 0 when every property holds, else the number of the failed property */
static int scenario_fuzz_one(const uint8_t *data, size_t size)
{
    char dir[] = "/tmp/entfuzzXXXXXX";
    if (!mkdtemp(dir))
        return 0;
    char path[64];
    snprintf(path, sizeof path, "%s/fuzz.cfg", dir);
    FILE *f = fopen(path, "wb");
    int bad = 0;
    if (f) {
        fwrite(data, 1, size, f);
        fclose(f);
        ent_scenario *s = NULL;
        ent_error err = {0, ""};
        if (ent_scenario_load(path, NULL, &s, &err) == ENT_OK)
            bad = check_loaded(s);
        else if (!one_line_from(&err, path) && !strstr(err.msg, "@include") && !strstr(err.msg, "included"))
            bad = 2;
        ent_scenario_free(&s);
        unlink(path);
    }
    rmdir(dir);
    if (!bad && size < 4096)
        bad = expr_one(data, size);
    return bad;
}

#ifndef ENT_FUZZ_REPLAY
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (scenario_fuzz_one(data, size))
        abort();
    return 0;
}
#endif
