/* fuzz_efg.c — libFuzzer target for the Gambit .efg reader and writer. Properties: no
 * crash, hang or leak; errors are one line "fuzz.efg:LINE: ..."; the stream and string
 * readers agree; the writer's output reads back to an equal tree (ent_efg_equal) and
 * writing that again gives the same text; the reduced normal form of a small tree is
 * built without error. tests/unit/test_efg_fuzz.c includes this file (with
 * ENT_FUZZ_REPLAY defined) to replay tests/fuzz/corpus/efg/ without a fuzzer. Build for fuzzing (see tests/fuzz/README.md):
 *   clang -g -O1 -fsanitize=fuzzer,address,undefined -Iinclude tests/fuzz/fuzz_efg.c \
 *         games/efg.c games/efg_io.c games/efg_nfg.c games/gambit_text.c games/game.c \
 *         games/core.c -lgmp -lm -o fuzz_efg */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "entente.h"

/* "fuzz.efg:<digits>: <text>" on one line */
static int efg_msg_ok(const ent_error *e)
{
    const char *m = e->msg;
    if (strncmp(m, "fuzz.efg:", 9) != 0 || strchr(m, '\n'))
        return 0;
    m += 9;
    if (*m < '1' || *m > '9')
        return 0;
    while (*m >= '0' && *m <= '9')
        m++;
    return m[0] == ':' && m[1] == ' ' && m[2] != '\0';
}

static char *efg_text(const ent_efg *t)
{
    char *buf = NULL;
    size_t len = 0;
    FILE *f = open_memstream(&buf, &len);
    if (!f)
        return NULL;
    int rc = ent_efg_write(t, f);
    fclose(f);
    if (rc != ENT_OK) {
        free(buf);
        return NULL;
    }
    return buf;
}

/* Returns 0 when every property holds, else the number of the first that failed. */
static int efg_fuzz_one(const uint8_t *data, size_t size)
{
    ent_game_opts o;
    ent_game_opts_init(&o);
    o.mem_limit = (size_t)1 << 24; /* keep the fuzzer's allocations small */
    int bad = 0;
    ent_efg *ts = NULL, *tm = NULL, *back = NULL;
    ent_error es = {0, ""}, em = {0, ""};
    int rs = ENT_OK;
    if (size > 0) {
        FILE *f = fmemopen((void *)data, size, "rb");
        if (!f)
            return 0;
        rs = ent_efg_read_stream(f, "fuzz.efg", &o, &ts, &es);
        fclose(f);
        if (rs != ENT_OK && (rs > 0 || ts || !efg_msg_ok(&es)))
            bad = 1;
    }
    char *text = malloc(size + 1);
    if (!text)
        goto done;
    memcpy(text, data, size);
    text[size] = '\0';
    int rm = ent_efg_read_string(text, "fuzz.efg", &o, &tm, &em);
    free(text);
    if (!bad && rm != ENT_OK && (rm > 0 || tm || !efg_msg_ok(&em)))
        bad = 2;
    if (!bad && size > 0 && !memchr(data, '\0', size) &&
        (rs != rm || strcmp(es.msg, em.msg) || (ts && !ent_efg_equal(ts, tm))))
        bad = 3;
    if (!bad && tm) {
        char *w1 = efg_text(tm);
        ent_error eb = {0, ""};
        if (!w1 || ent_efg_read_string(w1, "written", &o, &back, &eb) != ENT_OK)
            bad = 4;
        else if (!ent_efg_equal(tm, back))
            bad = 5;
        else {
            char *w2 = efg_text(back);
            if (!w2 || strcmp(w1, w2))
                bad = 6;
            free(w2);
        }
        free(w1);
    }
    if (!bad && tm && ent_efg_nnodes(tm) <= 64) {
        ent_game_opts small;
        ent_game_opts_init(&small);
        small.mem_limit = (size_t)1 << 20;
        ent_game *g = NULL;
        ent_error eg = {0, ""};
        int rg = ent_efg_to_nfg(tm, 1, &small, &g, NULL, &eg);
        if (rg != ENT_OK && rg != ENT_ETOOBIG)
            bad = 7;
        ent_game_free(&g);
    }
done:
    ent_efg_free(&ts);
    ent_efg_free(&tm);
    ent_efg_free(&back);
    return bad;
}

#ifndef ENT_FUZZ_REPLAY
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (efg_fuzz_one(data, size) != 0)
        __builtin_trap();
    return 0;
}
#endif
