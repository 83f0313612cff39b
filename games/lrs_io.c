/* lrs_io.c — two-player games in the input format of lrsnash (lrslib): the strategy
 * counts "m n", then the m x n payoff matrix of the row player and that of the column
 * player, row by row; entries are integers or fractions p/q (decimals are read too).
 * Reading keeps exact values (64-bit fractions) as the Gambit readers do; writing gives
 * every payoff exactly, as an integer or a fraction (a double without an exact value is
 * written as the fraction it equals, computed with GMP), so lrsnash sees the same game. */
#include "entente.h"
#include "gambit_text.h"

#include <errno.h>
#include <gmp.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

static int next_number(gt_lexer *L, const char *what, gt_num *x)
{
    int rc = gt_next_token(L);
    if (rc)
        return rc;
    char d[96];
    if (L->kind == T_EOF)
        return gt_fail(L, L->line, ENT_EPARSE, "the file ends before %s", what);
    if (L->kind != T_NUMBER)
        return gt_fail(L, L->tline, ENT_EPARSE, "expected %s (a number), found %s", what,
                       gt_describe(L, d, sizeof d));
    const char *why = "";
    if (gt_parse_number(L->text, L->tlen, x, &why) != ENT_OK) {
        char s[40];
        gt_show(s, sizeof s, L->text, L->tlen);
        return gt_fail(L, L->tline, ENT_EPARSE, "bad number '%s' (%s): %s", s, what, why);
    }
    return ENT_OK;
}

static int parse(gt_lexer *L, const ent_game_opts *o, ent_game **out)
{
    gt_num x;
    int dim[2], rc;
    for (int k = 0; k < 2; k++) {
        if ((rc = next_number(L, k ? "the column player's strategy count" : "the row player's strategy count", &x)))
            return rc;
        if (!x.exact || x.den != 1 || x.num < 1 || x.num > 1000000)
            return gt_fail(L, L->tline, ENT_EPARSE,
                           "a strategy count must be a whole number from 1 to 1000000");
        dim[k] = (int)x.num;
    }
    ent_game *g = NULL;
    if ((rc = ent_game_new(&g, 2, dim, o, L->err)) != ENT_OK) {
        /* size refused before any payoff is read: the message gets the place */
        char msg[sizeof L->err->msg];
        snprintf(msg, sizeof msg, "%s", L->err->msg);
        return ent_error_set(L->err, rc, "%s:%llu: %s", L->name, L->tline, msg);
    }
    uint64_t np = ent_game_nprofiles(g);
    int exact = 1;
    char what[96];
    for (int p = 0; p < 2 && rc == ENT_OK; p++) {
        double *u = ent_game_payoffs_mut(g, p);
        for (int i = 0; i < dim[0] && rc == ENT_OK; i++)
            for (int j = 0; j < dim[1] && rc == ENT_OK; j++) {
                snprintf(what, sizeof what, "the %s player's payoff at row %d, column %d",
                         p ? "column" : "row", i + 1, j + 1);
                if ((rc = next_number(L, what, &x)))
                    break;
                uint64_t idx = (uint64_t)i + (uint64_t)j * (uint64_t)dim[0];
                u[idx] = x.v;
                if (exact && x.exact) {
                    if (ent_game_set_exact(g, p, idx, x.num, x.den) != ENT_OK) {
                        exact = 0;
                        ent_game_clear_exact(g);
                    }
                } else if (exact) {
                    exact = 0;
                    ent_game_clear_exact(g);
                }
            }
    }
    if (rc == ENT_OK && (rc = gt_next_token(L)) == ENT_OK && L->kind != T_EOF) {
        char d[96];
        rc = gt_fail(L, L->tline, ENT_EPARSE,
                     "unexpected %s after the two %d x %d payoff matrices (%llu numbers)",
                     gt_describe(L, d, sizeof d), dim[0], dim[1], (unsigned long long)(2 * np));
    }
    if (rc == ENT_OK && L->ioerr)
        rc = ent_error_set(L->err, ENT_EIO, "%s: reading failed: %s", L->name, strerror(L->ioerr));
    if (rc != ENT_OK) {
        ent_game_free(&g);
        return rc;
    }
    ent_game_set_title(g, "two-player game (lrsnash format)");
    ent_game_set_player_label(g, 0, "Row");
    ent_game_set_player_label(g, 1, "Column");
    *out = g;
    return ENT_OK;
}

static int read_common(FILE *f, const char *text, const char *name, const ent_game_opts *o,
                       ent_game **out, ent_error *err)
{
    *out = NULL;
    gt_lexer L;
    memset(&L, 0, sizeof L);
    L.name = name;
    L.what = ".lrs";
    L.err = err;
    L.line = 1;
    L.f = f;
    int rc = ENT_OK;
    if (f) {
        L.chunk = (unsigned char *)malloc(GT_CHUNK);
        if (!L.chunk)
            return ent_error_set(err, ENT_ENOMEM, "%s: out of memory", name);
        L.p = L.end = L.chunk;
    } else {
        L.p = (const unsigned char *)text;
        L.end = L.p + strlen(text);
        L.eof = 1;
    }
    rc = parse(&L, o, out);
    free(L.chunk);
    ent_buf_free(&L.str);
    return rc;
}

int ent_lrs_read_string(const char *text, const char *name, const ent_game_opts *o, ent_game **out,
                        ent_error *err)
{
    return read_common(NULL, text, name ? name : "<string>", o, out, err);
}

int ent_lrs_read_file(const char *path, const ent_game_opts *o, ent_game **out, ent_error *err)
{
    *out = NULL;
    FILE *f = fopen(path, "rb");
    if (!f)
        return ent_error_set(err, ENT_EIO, "%s: cannot open: %s", path, strerror(errno));
    int rc = read_common(f, NULL, path, o, out, err);
    fclose(f);
    return rc;
}

/* One payoff exactly: its exact value, else the fraction the double equals. */
static void write_value(FILE *f, const ent_game *g, int p, uint64_t idx, mpq_t q)
{
    if (ent_game_has_exact(g)) {
        int64_t num, den;
        ent_game_get_exact(g, p, idx, &num, &den);
        if (den == 1)
            fprintf(f, "%lld", (long long)num);
        else
            fprintf(f, "%lld/%lld", (long long)num, (long long)den);
        return;
    }
    mpq_set_d(q, ent_game_payoffs(g, p)[idx]);
    mpq_out_str(f, 10, q);
}

int ent_lrs_write(const ent_game *g, FILE *f, ent_error *err)
{
    if (ent_game_nplayers(g) != 2)
        return ent_error_set(err, ENT_EUNSUPPORTED,
                             "lrsnash's format holds two-player games; this game has %d players",
                             ent_game_nplayers(g));
    int m = ent_game_nstrategies(g, 0), n = ent_game_nstrategies(g, 1);
    for (int p = 0; p < 2; p++) {
        const double *u = ent_game_payoffs(g, p);
        for (uint64_t i = 0; i < ent_game_nprofiles(g); i++)
            if (!isfinite(u[i]))
                return ent_error_set(err, ENT_EINVAL, "a payoff is not finite: lrsnash cannot read it");
    }
    mpq_t q;
    mpq_init(q);
    fprintf(f, "%d %d\n", m, n);
    for (int p = 0; p < 2; p++) {
        fputc('\n', f);
        for (int i = 0; i < m; i++) {
            for (int j = 0; j < n; j++) {
                if (j)
                    fputc(' ', f);
                write_value(f, g, p, (uint64_t)i + (uint64_t)j * (uint64_t)m, q);
            }
            fputc('\n', f);
        }
    }
    mpq_clear(q);
    return ferror(f) ? ent_error_set(err, ENT_EIO, "writing failed") : ENT_OK;
}
