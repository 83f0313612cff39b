/* fuzz_nfg.c — libFuzzer target for the Gambit .nfg reader and writer. Properties: no
 * crash or leak; errors are one line "fuzz.nfg:LINE: ..."; the stream and string readers
 * agree; whatever reads back from the writer's output is the same game (same exact values,
 * same doubles), and writing is stable; the double of every exact payoff is the nearest
 * double to its fraction (an exact GMP check). tests/unit/test_nfg_fuzz.c includes this file to replay the corpus in
 * tests/fuzz/corpus/nfg/ without a fuzzer. Build for fuzzing (see tests/fuzz/README.md):
 *   clang -g -O1 -fsanitize=fuzzer,address,undefined -Iinclude tests/fuzz/fuzz_nfg.c \
 *         games/nfg_io.c games/game.c games/core.c -lgmp -lm -o fuzz_nfg */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "entente.h"
#include "../unit/nearest_double.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* "fuzz.nfg:<digits>: <text>" on one line */
static int msg_ok(const ent_error *e)
{
    const char *m = e->msg;
    if (strncmp(m, "fuzz.nfg:", 9) != 0 || strchr(m, '\n'))
        return 0;
    m += 9;
    if (*m < '1' || *m > '9')
        return 0;
    while (*m >= '0' && *m <= '9')
        m++;
    return m[0] == ':' && m[1] == ' ' && m[2] != '\0';
}

static char *write_text(const ent_game *g)
{
    char *buf = NULL;
    size_t len = 0;
    FILE *f = open_memstream(&buf, &len);
    if (!f)
        return NULL;
    int rc = ent_nfg_write(g, f);
    fclose(f);
    if (rc != ENT_OK) {
        free(buf);
        return NULL;
    }
    return buf;
}

/* Same labels and bit-identical payoffs; exact values identical where a has them (b may
 * gain exact values when a has none: the written decimals). */
static int same_game(const ent_game *a, const ent_game *b)
{
    int n = ent_game_nplayers(a);
    if (ent_game_nplayers(b) != n || strcmp(ent_game_title(a), ent_game_title(b)) ||
        strcmp(ent_game_comment(a), ent_game_comment(b)) ||
        (ent_game_has_exact(a) && !ent_game_has_exact(b)))
        return 0;
    for (int p = 0; p < n; p++) {
        if (strcmp(ent_game_player_label(a, p), ent_game_player_label(b, p)) ||
            ent_game_nstrategies(a, p) != ent_game_nstrategies(b, p))
            return 0;
        for (int s = 0; s < ent_game_nstrategies(a, p); s++)
            if (strcmp(ent_game_strategy_label(a, p, s), ent_game_strategy_label(b, p, s)))
                return 0;
    }
    uint64_t np = ent_game_nprofiles(a);
    for (int p = 0; p < n; p++)
        for (uint64_t i = 0; i < np; i++) {
            double x = ent_game_payoffs(a, p)[i], y = ent_game_payoffs(b, p)[i];
            int64_t n1, d1, n2, d2;
            ent_game_get_exact(a, p, i, &n1, &d1);
            ent_game_get_exact(b, p, i, &n2, &d2);
            if (memcmp(&x, &y, sizeof x) || (d1 > 0 && (n1 != n2 || d1 != d2)))
                return 0;
        }
    return 1;
}

/* 1 when every exact payoff of g has as its double the nearest double to its fraction */
static int doubles_nearest(const ent_game *g)
{
    if (!ent_game_has_exact(g))
        return 1;
    uint64_t np = ent_game_nprofiles(g);
    for (int p = 0; p < ent_game_nplayers(g); p++)
        for (uint64_t i = 0; i < np; i++) {
            int64_t num, den;
            ent_game_get_exact(g, p, i, &num, &den);
            if (den > 0 && !nearest_double_ok_frac(ent_game_payoffs(g, p)[i], num, den))
                return 0;
        }
    return 1;
}

/* Returns 0 when every property holds, else the number of the first that failed. */
static int nfg_fuzz_one(const uint8_t *data, size_t size)
{
    ent_game_opts o;
    ent_game_opts_init(&o);
    o.mem_limit = (size_t)1 << 24; /* keep the fuzzer's allocations small */
    int bad = 0;
    ent_game *gs = NULL, *gm = NULL, *back = NULL;
    ent_error es = {0, ""}, em = {0, ""};
    int rs = ENT_OK;
    if (size > 0) {
        FILE *f = fmemopen((void *)data, size, "rb");
        if (!f)
            return 0;
        rs = ent_nfg_read_stream(f, "fuzz.nfg", &o, &gs, &es);
        fclose(f);
        if (rs != ENT_OK && (rs > 0 || gs || !msg_ok(&es)))
            bad = 1;
    }
    char *text = (char *)malloc(size + 1);
    if (!text)
        goto done;
    memcpy(text, data, size);
    text[size] = '\0';
    int rm = ent_nfg_read_string(text, "fuzz.nfg", &o, &gm, &em);
    free(text);
    if (!bad && rm != ENT_OK && (rm > 0 || gm || !msg_ok(&em)))
        bad = 2;
    if (!bad && size > 0 && !memchr(data, '\0', size) &&
        (rs != rm || strcmp(es.msg, em.msg) || (gs && !same_game(gs, gm))))
        bad = 3;
    if (!bad && gm && !doubles_nearest(gm))
        bad = 7;
    if (!bad && gm) {
        char *w1 = write_text(gm);
        ent_error eb = {0, ""};
        if (!w1 || ent_nfg_read_string(w1, "written", &o, &back, &eb) != ENT_OK)
            bad = 4;
        else if (!same_game(gm, back))
            bad = 5;
        else {
            char *w2 = write_text(back);
            if (!w2 || strcmp(w1, w2))
                bad = 6;
            free(w2);
        }
        free(w1);
    }
done:
    ent_game_free(&gs);
    ent_game_free(&gm);
    ent_game_free(&back);
    return bad;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (nfg_fuzz_one(data, size) != 0)
        __builtin_trap();
    return 0;
}
