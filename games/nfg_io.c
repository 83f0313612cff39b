/* nfg_io.c — Gambit strategic-game (.nfg) files: a one-pass streaming reader for both body
 * forms (payoff list; outcome list + profile mapping) and a writer of the payoff-list form.
 * Format: The Gambit Project, "Game representation formats — the strategic game (.nfg)
 * file format" (gambit.sourceforge.net/gambit14/formats.html). Linear time; payoffs go
 * straight into the game's arrays; sizes are checked before allocating; every error
 * names file:line of the offending token. */
#include "entente.h"
#include "gambit_text.h"

#include <errno.h>
#include <limits.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#define NFG_MAX_PLAYERS 65536

/* ----------------------------------------------------------------- parser */

typedef struct {
    gt_lexer L;
    const ent_game_opts *o;
    int n;                /* players */
    char **plabel;        /* [n] */
    int *nstrat;          /* [n] */
    char **slabel;        /* flat strategy labels, NULL in the count form */
    size_t nslabel, slcap;
    char *title, *comment;
    ent_game *g;
    int exact_ok;         /* every number so far exact, and the table affordable */
} parser;

static int expect(parser *P, tok_kind k, const char *what)
{
    int rc = gt_next_token(&P->L);
    if (rc)
        return rc;
    if (P->L.kind != k) {
        char d[96];
        return gt_fail(&P->L, P->L.tline, ENT_EPARSE, "expected %s, found %s", what,
                     gt_describe(&P->L, d, sizeof d));
    }
    return ENT_OK;
}

static char *take_string(parser *P)
{
    return ent_strdup(P->L.str.data ? P->L.str.data : "");
}

/* Refuse a game whose payoff storage would exceed the limit, given that the first
 * `upto` players' counts are known (the rest count as 1). */
static int check_size(parser *P, int upto, unsigned long long line)
{
    uint64_t prof = 1, bytes;
    for (int p = 0; p < upto; p++)
        if (!ent_mul_ok(prof, (uint64_t)P->nstrat[p], &prof))
            return gt_fail(&P->L, line, ENT_ETOOBIG,
                         "game too large: the strategy counts multiply to more than 2^64 "
                         "profiles");
    if (!ent_mul_ok(prof, (uint64_t)P->n * sizeof(double), &bytes) ||
        bytes > (uint64_t)P->o->mem_limit)
        return gt_fail(&P->L, line, ENT_ETOOBIG,
                     "game too large: %d players and %s%llu strategy profiles need %s%.4g "
                     "GiB of payoffs, above the limit of %.4g GiB",
                     P->n, upto < P->n ? "at least " : "", (unsigned long long)prof,
                     upto < P->n ? "at least " : "",
                     (double)prof * P->n * (double)sizeof(double) / 1073741824.0,
                     (double)P->o->mem_limit / 1073741824.0);
    return ENT_OK;
}

static int read_header(parser *P)
{
    gt_lexer *L = &P->L;
    char d[96];
    /* a UTF-8 byte-order mark, as some editors write, is skipped */
    static const unsigned char bom[3] = {0xEF, 0xBB, 0xBF};
    for (int i = 0; i < 3 && peekc(L) == bom[i]; i++)
        L->p++;
    int rc = gt_next_token(L);
    if (rc)
        return rc;
    if (L->kind != T_WORD || strcmp(L->text, "NFG") != 0) {
        if (L->kind == T_WORD && strcmp(L->text, "EFG") == 0)
            return gt_fail(L, L->tline, ENT_EUNSUPPORTED,
                         "this is a Gambit extensive-form (EFG) file, not a strategic game");
        return gt_fail(L, L->tline, ENT_EPARSE,
                     "expected 'NFG' (a Gambit strategic game) at the start, found %s",
                     gt_describe(L, d, sizeof d));
    }
    if ((rc = gt_next_token(L)))
        return rc;
    if (L->kind != T_NUMBER || strcmp(L->text, "1") != 0)
        return gt_fail(L, L->tline, ENT_EPARSE, "expected the format version 1 after 'NFG', found %s",
                     gt_describe(L, d, sizeof d));
    if ((rc = gt_next_token(L)))
        return rc;
    if (L->kind != T_WORD || (strcmp(L->text, "R") != 0 && strcmp(L->text, "D") != 0))
        return gt_fail(L, L->tline, ENT_EPARSE, "expected the number type 'R' or 'D', found %s",
                     gt_describe(L, d, sizeof d));
    if ((rc = expect(P, T_STRING, "the game title (a quoted string)")))
        return rc;
    if (!(P->title = take_string(P)))
        return gt_fail(L, L->tline, ENT_ENOMEM, "out of memory");
    if ((rc = expect(P, T_LBRACE, "'{' opening the list of player names")))
        return rc;
    int pcap = 0;
    for (;;) {
        if ((rc = gt_next_token(L)))
            return rc;
        if (L->kind == T_RBRACE)
            break;
        if (L->kind != T_STRING)
            return gt_fail(L, L->tline, ENT_EPARSE,
                         "expected a player name (a quoted string) or '}', found %s",
                         gt_describe(L, d, sizeof d));
        if (P->n == NFG_MAX_PLAYERS)
            return gt_fail(L, L->tline, ENT_ETOOBIG, "too many players (the limit is %d)",
                         NFG_MAX_PLAYERS);
        if (P->n == pcap) {
            int nc = pcap ? 2 * pcap : 8;
            char **np = (char **)realloc(P->plabel, sizeof(char *) * (size_t)nc);
            if (!np)
                return gt_fail(L, L->tline, ENT_ENOMEM, "out of memory");
            P->plabel = np;
            pcap = nc;
        }
        if (!(P->plabel[P->n] = take_string(P)))
            return gt_fail(L, L->tline, ENT_ENOMEM, "out of memory");
        P->n++;
    }
    if (P->n == 0)
        return gt_fail(L, L->tline, ENT_EPARSE, "the game has no players");
    P->nstrat = (int *)calloc((size_t)P->n, sizeof(int));
    if (!P->nstrat)
        return gt_fail(L, L->tline, ENT_ENOMEM, "out of memory");

    /* strategies: { 2 3 } or { { "a" "b" } { "x" "y" "z" } } */
    if ((rc = expect(P, T_LBRACE, "'{' opening the strategies")))
        return rc;
    if ((rc = gt_next_token(L)))
        return rc;
    if (L->kind == T_NUMBER) {
        for (int p = 0; p < P->n; p++) {
            if (p && (rc = gt_next_token(L)))
                return rc;
            int ok = L->kind == T_NUMBER && L->tlen <= 10;
            long long v = 0;
            for (size_t i = 0; ok && i < L->tlen; i++) {
                ok = L->text[i] >= '0' && L->text[i] <= '9';
                v = v * 10 + (L->text[i] - '0');
            }
            if (!ok || v > INT_MAX)
                return gt_fail(L, L->tline, ENT_EPARSE,
                             "expected the number of strategies of player %d (a whole number), "
                             "found %s",
                             p + 1, gt_describe(L, d, sizeof d));
            if (v < 1)
                return gt_fail(L, L->tline, ENT_EPARSE, "player %d has 0 strategies (needs at least 1)",
                             p + 1);
            P->nstrat[p] = (int)v;
            if ((rc = check_size(P, p + 1, L->tline)))
                return rc;
        }
        if ((rc = gt_next_token(L)))
            return rc;
        if (L->kind != T_RBRACE)
            return gt_fail(L, L->tline, ENT_EPARSE,
                         "expected '}' after the %d strategy counts (one per player), found %s",
                         P->n, gt_describe(L, d, sizeof d));
    } else if (L->kind == T_LBRACE) {
        for (int p = 0; p < P->n; p++) {
            if (p && (rc = expect(P, T_LBRACE, "'{' opening the next player's strategy names")))
                return rc;
            for (;;) {
                if ((rc = gt_next_token(L)))
                    return rc;
                if (L->kind == T_RBRACE)
                    break;
                if (L->kind != T_STRING)
                    return gt_fail(L, L->tline, ENT_EPARSE,
                                 "expected a strategy name (a quoted string) or '}', found %s",
                                 gt_describe(L, d, sizeof d));
                if (P->nstrat[p] == INT_MAX)
                    return gt_fail(L, L->tline, ENT_ETOOBIG, "player %d has too many strategies",
                                 p + 1);
                P->nstrat[p]++;
                if ((rc = check_size(P, p + 1, L->tline)))
                    return rc;
                if (P->nslabel == P->slcap) {
                    size_t nc = P->slcap ? 2 * P->slcap : 16;
                    char **ns = (char **)realloc(P->slabel, sizeof(char *) * nc);
                    if (!ns)
                        return gt_fail(L, L->tline, ENT_ENOMEM, "out of memory");
                    P->slabel = ns;
                    P->slcap = nc;
                }
                if (!(P->slabel[P->nslabel] = take_string(P)))
                    return gt_fail(L, L->tline, ENT_ENOMEM, "out of memory");
                P->nslabel++;
            }
            if (P->nstrat[p] == 0)
                return gt_fail(L, L->tline, ENT_EPARSE, "player %d has no strategies", p + 1);
        }
        if ((rc = gt_next_token(L)))
            return rc;
        if (L->kind != T_RBRACE)
            return gt_fail(L, L->tline, ENT_EPARSE,
                         "expected '}' after the strategy names of the %d players, found %s",
                         P->n, gt_describe(L, d, sizeof d));
    } else {
        return gt_fail(L, L->tline, ENT_EPARSE,
                     "expected strategy counts or '{' opening player 1's strategy names, "
                     "found %s",
                     gt_describe(L, d, sizeof d));
    }
    /* optional comment */
    if ((rc = gt_next_token(L)))
        return rc;
    if (L->kind == T_STRING) {
        if (!(P->comment = take_string(P)))
            return gt_fail(L, L->tline, ENT_ENOMEM, "out of memory");
        if ((rc = gt_next_token(L)))
            return rc;
    }
    return ENT_OK;
}

static int make_game(parser *P)
{
    gt_lexer *L = &P->L;
    ent_error e = {0, ""};
    int rc = ent_game_new(&P->g, P->n, P->nstrat, P->o, &e);
    if (rc)
        return gt_fail(L, L->tline, rc, "%s", e.msg);
    rc = ent_game_set_title(P->g, P->title);
    if (!rc && P->comment)
        rc = ent_game_set_comment(P->g, P->comment);
    size_t k = 0;
    for (int p = 0; p < P->n && !rc; p++) {
        rc = ent_game_set_player_label(P->g, p, P->plabel[p]);
        for (int s = 0; P->slabel && s < P->nstrat[p] && !rc; s++)
            rc = ent_game_set_strategy_label(P->g, p, s, P->slabel[k++]);
    }
    if (rc)
        return gt_fail(L, L->tline, ENT_ENOMEM, "out of memory");
    /* the exact table costs twice the payoffs: keep it only within the same limit */
    uint64_t bytes;
    P->exact_ok = ent_mul_ok(ent_game_nprofiles(P->g), (uint64_t)P->n * 2 * sizeof(int64_t),
                             &bytes) &&
                  bytes <= (uint64_t)P->o->mem_limit;
    return ENT_OK;
}

/* Store one payoff (and its exact value while every number so far had one). */
static void put_payoff(parser *P, int p, uint64_t idx, double v, int exact, int64_t num,
                       int64_t den)
{
    ent_game_payoffs_mut(P->g, p)[idx] = v;
    if (!P->exact_ok)
        return;
    if (!exact) {
        P->exact_ok = 0;
        ent_game_clear_exact(P->g);
        return;
    }
    if (ent_game_has_exact(P->g) || den != 1 || !(fabs(v) < 9.0e15)) {
        /* (the table, when created, takes integers below 9e15 from the doubles) */
        if (ent_game_set_exact(P->g, p, idx, num, den) != ENT_OK) {
            P->exact_ok = 0;
            ent_game_clear_exact(P->g);
        }
    }
}

static int number_or_fail(parser *P, gt_num *x)
{
    const char *why = "";
    if (gt_parse_number(P->L.text, P->L.tlen, x, &why) != ENT_OK) {
        char s[40];
        gt_show(s, sizeof s, P->L.text, P->L.tlen);
        return gt_fail(&P->L, P->L.tline, ENT_EPARSE, "bad number '%s': %s", s, why);
    }
    return ENT_OK;
}

static int read_payoff_list(parser *P)
{
    gt_lexer *L = &P->L;
    uint64_t np = ent_game_nprofiles(P->g), total = np * (uint64_t)P->n, k = 0;
    char d[96];
    int rc;
    double **pay = (double **)malloc(sizeof(double *) * (size_t)P->n);
    if (!pay)
        return gt_fail(L, L->tline, ENT_ENOMEM, "out of memory");
    for (int p = 0; p < P->n; p++)
        pay[p] = ent_game_payoffs_mut(P->g, p);
    for (uint64_t idx = 0; idx < np; idx++)
        for (int p = 0; p < P->n; p++, k++) {
            if (k && (rc = gt_next_token(L)))
                goto out;
            if (L->kind != T_NUMBER) {
                if (L->kind == T_EOF)
                    rc = gt_fail(L, L->tline, ENT_EPARSE,
                               "the file ends after %llu of %llu payoffs (%llu profiles x %d "
                               "players)",
                               (unsigned long long)k, (unsigned long long)total,
                               (unsigned long long)np, P->n);
                else
                    rc = gt_fail(L, L->tline, ENT_EPARSE, "expected payoff %llu of %llu, found %s",
                               (unsigned long long)k + 1, (unsigned long long)total,
                               gt_describe(L, d, sizeof d));
                goto out;
            }
            gt_num x;
            if ((rc = number_or_fail(P, &x)))
                goto out;
            if (P->exact_ok)
                put_payoff(P, p, idx, x.v, x.exact, x.num, x.den);
            else
                pay[p][idx] = x.v;
        }
    if ((rc = gt_next_token(L)))
        goto out;
    if (L->kind != T_EOF)
        rc = gt_fail(L, L->tline, ENT_EPARSE,
                   "expected the end of the file after the last payoff (%llu profiles x %d "
                   "players = %llu payoffs), found %s",
                   (unsigned long long)np, P->n, (unsigned long long)total,
                   gt_describe(L, d, sizeof d));
out:
    free(pay);
    return rc;
}

typedef struct {
    double *v;    /* [count * n] */
    int64_t *ex;  /* [2 * count * n] num, den (den 0: not exact) */
    size_t count, cap;
} outcomes;

static int read_outcome_form(parser *P)
{
    gt_lexer *L = &P->L;
    outcomes oc = {NULL, NULL, 0, 0};
    char d[96];
    int rc = ENT_OK, n = P->n;
    size_t per = (size_t)n * (sizeof(double) + 2 * sizeof(int64_t));
    /* outcome list: { { "name" p1 p2 ... } ... } — current token is the outer '{' */
    for (;;) {
        if ((rc = gt_next_token(L)))
            goto out;
        if (L->kind == T_RBRACE)
            break;
        if (L->kind != T_LBRACE) {
            rc = gt_fail(L, L->tline, ENT_EPARSE,
                       "expected '{' opening outcome %zu or '}' ending the outcome list, "
                       "found %s",
                       oc.count + 1, gt_describe(L, d, sizeof d));
            goto out;
        }
        unsigned long long oline = L->tline;
        if ((rc = expect(P, T_STRING, "the outcome's name (a quoted string)")))
            goto out;
        if (oc.count == oc.cap) {
            size_t nc = oc.cap ? 2 * oc.cap : 16;
            if (nc > (size_t)P->o->mem_limit / per + 16) {
                rc = gt_fail(L, L->tline, ENT_ETOOBIG,
                           "too many outcomes: %zu outcomes of %d payoffs exceed the memory "
                           "limit of %.4g GiB",
                           oc.count + 1, n, (double)P->o->mem_limit / 1073741824.0);
                goto out;
            }
            double *nv = (double *)realloc(oc.v, sizeof(double) * nc * (size_t)n);
            if (nv)
                oc.v = nv;
            int64_t *ne = nv ? (int64_t *)realloc(oc.ex, sizeof(int64_t) * 2 * nc * (size_t)n)
                             : NULL;
            if (!ne) {
                rc = gt_fail(L, L->tline, ENT_ENOMEM, "out of memory");
                goto out;
            }
            oc.ex = ne;
            oc.cap = nc;
        }
        size_t base = oc.count * (size_t)n;
        int got = 0;
        for (;;) {
            if ((rc = gt_next_token(L)))
                goto out;
            if (L->kind == T_RBRACE)
                break;
            if (L->kind != T_NUMBER) {
                rc = gt_fail(L, L->tline, ENT_EPARSE,
                           "expected a payoff or '}' in outcome %zu, found %s", oc.count + 1,
                           gt_describe(L, d, sizeof d));
                goto out;
            }
            if (got == n) {
                rc = gt_fail(L, L->tline, ENT_EPARSE,
                           "outcome %zu has more than %d payoffs (one per player)",
                           oc.count + 1, n);
                goto out;
            }
            gt_num x;
            if ((rc = number_or_fail(P, &x)))
                goto out;
            oc.v[base + (size_t)got] = x.v;
            oc.ex[2 * (base + (size_t)got)] = x.exact ? x.num : 0;
            oc.ex[2 * (base + (size_t)got) + 1] = x.exact ? x.den : 0;
            got++;
        }
        if (got != n) {
            rc = gt_fail(L, oline, ENT_EPARSE, "outcome %zu has %d payoffs, expected %d (one per player)",
                       oc.count + 1, got, n);
            goto out;
        }
        oc.count++;
    }
    /* profile mapping: one outcome index per profile, player 1's strategy fastest */
    uint64_t np = ent_game_nprofiles(P->g);
    for (uint64_t idx = 0; idx < np; idx++) {
        if ((rc = gt_next_token(L)))
            goto out;
        if (L->kind != T_NUMBER) {
            if (L->kind == T_EOF)
                rc = gt_fail(L, L->tline, ENT_EPARSE,
                           "the file ends after %llu of %llu outcome indices (one per profile)",
                           (unsigned long long)idx, (unsigned long long)np);
            else
                rc = gt_fail(L, L->tline, ENT_EPARSE,
                           "expected outcome index %llu of %llu, found %s",
                           (unsigned long long)idx + 1, (unsigned long long)np,
                           gt_describe(L, d, sizeof d));
            goto out;
        }
        uint64_t k = 0;
        int ok = L->tlen <= 19;
        for (size_t i = 0; ok && i < L->tlen; i++) {
            ok = L->text[i] >= '0' && L->text[i] <= '9';
            k = k * 10 + (uint64_t)(L->text[i] - '0');
        }
        char s[40];
        gt_show(s, sizeof s, L->text, L->tlen);
        if (!ok) {
            rc = gt_fail(L, L->tline, ENT_EPARSE, "outcome index '%s' is not a whole number", s);
            goto out;
        }
        if (k > oc.count) {
            rc = gt_fail(L, L->tline, ENT_EPARSE,
                       "outcome index '%s' out of range: the game has %zu outcomes (0 means "
                       "no outcome)",
                       s, oc.count);
            goto out;
        }
        for (int p = 0; p < n; p++) {
            if (k == 0) {
                put_payoff(P, p, idx, 0.0, 1, 0, 1);
            } else {
                size_t j = (size_t)(k - 1) * (size_t)n + (size_t)p;
                put_payoff(P, p, idx, oc.v[j], oc.ex[2 * j + 1] > 0, oc.ex[2 * j],
                           oc.ex[2 * j + 1]);
            }
        }
    }
    if ((rc = gt_next_token(L)))
        goto out;
    if (L->kind != T_EOF)
        rc = gt_fail(L, L->tline, ENT_EPARSE,
                   "expected the end of the file after the last outcome index (the game has "
                   "%llu profiles), found %s",
                   (unsigned long long)np, gt_describe(L, d, sizeof d));
out:
    free(oc.v);
    free(oc.ex);
    return rc;
}

static int parse_all(parser *P)
{
    int rc = read_header(P);
    if (rc)
        return rc;
    gt_lexer *L = &P->L;
    if (L->kind != T_NUMBER && L->kind != T_LBRACE) {
        char d[96];
        return gt_fail(L, L->tline, ENT_EPARSE,
                     "expected the payoffs (numbers) or '{' opening the outcome list, found %s",
                     gt_describe(L, d, sizeof d));
    }
    if ((rc = make_game(P)))
        return rc;
    rc = L->kind == T_LBRACE ? read_outcome_form(P) : read_payoff_list(P);
    if (rc == ENT_OK && P->exact_ok && !ent_game_has_exact(P->g)) {
        /* all payoffs were integers below 9e15: the table takes them from the doubles */
        double v0 = ent_game_payoffs(P->g, 0)[0];
        if (ent_game_set_exact(P->g, 0, 0, (int64_t)v0, 1) != ENT_OK)
            ent_game_clear_exact(P->g);
    }
    return rc;
}

static int read_common(FILE *f, const char *text, const char *name, const ent_game_opts *o,
                       ent_game **out, ent_error *err)
{
    ent_game_opts def;
    if (!o) {
        ent_game_opts_init(&def);
        o = &def;
    }
    *out = NULL;
    parser *P = (parser *)calloc(1, sizeof *P);
    if (!P)
        return ent_error_set(err, ENT_ENOMEM, "%s: out of memory", name);
    P->o = o;
    P->L.name = name;
    P->L.what = ".nfg";
    P->L.err = err;
    P->L.line = 1;
    P->L.f = f;
    int rc = ENT_OK;
    if (f) {
        P->L.chunk = (unsigned char *)malloc(GT_CHUNK);
        if (!P->L.chunk)
            rc = ent_error_set(err, ENT_ENOMEM, "%s: out of memory", name);
        P->L.p = P->L.end = P->L.chunk;
    } else {
        P->L.p = (const unsigned char *)text;
        P->L.end = P->L.p + strlen(text);
        P->L.eof = 1;
    }
    if (!rc)
        rc = parse_all(P);
    if (rc == ENT_OK)
        *out = P->g;
    else
        ent_game_free(&P->g);
    for (int p = 0; p < P->n; p++)
        free(P->plabel[p]);
    for (size_t i = 0; i < P->nslabel; i++)
        free(P->slabel[i]);
    free(P->plabel);
    free(P->slabel);
    free(P->nstrat);
    free(P->title);
    free(P->comment);
    free(P->L.chunk);
    ent_buf_free(&P->L.str);
    free(P);
    return rc;
}

int ent_nfg_read_stream(FILE *f, const char *name, const ent_game_opts *o, ent_game **out,
                        ent_error *err)
{
    return read_common(f, NULL, name ? name : "<stream>", o, out, err);
}

int ent_nfg_read_string(const char *text, const char *name, const ent_game_opts *o,
                        ent_game **out, ent_error *err)
{
    return read_common(NULL, text, name ? name : "<string>", o, out, err);
}

int ent_nfg_read_file(const char *path, const ent_game_opts *o, ent_game **out, ent_error *err)
{
    *out = NULL;
    FILE *f = fopen(path, "rb");
    if (!f)
        return ent_error_set(err, ENT_EIO, "%s: cannot open: %s", path, strerror(errno));
    int rc = read_common(f, NULL, path, o, out, err);
    fclose(f);
    return rc;
}

int ent_nfg_write(const ent_game *g, FILE *f)
{
    int n = ent_game_nplayers(g);
    uint64_t np = ent_game_nprofiles(g);
    for (int p = 0; p < n; p++) {
        const double *u = ent_game_payoffs(g, p);
        for (uint64_t i = 0; i < np; i++)
            if (!isfinite(u[i]))
                return ENT_EINVAL;
    }
    fputs("NFG 1 R ", f);
    gt_write_string(f, ent_game_title(g));
    fputs(" {", f);
    for (int p = 0; p < n; p++) {
        fputc(' ', f);
        gt_write_string(f, ent_game_player_label(g, p));
    }
    fputs(" }\n\n{", f);
    for (int p = 0; p < n; p++) {
        fputs(p ? "\n  {" : " {", f);
        for (int s = 0; s < ent_game_nstrategies(g, p); s++) {
            fputc(' ', f);
            gt_write_string(f, ent_game_strategy_label(g, p, s));
        }
        fputs(" }", f);
    }
    fputs("\n}\n", f);
    gt_write_string(f, ent_game_comment(g));
    fputs("\n\n", f);
    int exact = ent_game_has_exact(g);
    for (uint64_t i = 0; i < np; i++) {
        for (int p = 0; p < n; p++) {
            if (p)
                fputc(' ', f);
            int64_t num = 0, den = 0;
            if (exact)
                ent_game_get_exact(g, p, i, &num, &den);
            if (den > 0)
                gt_write_exact(f, num, den);
            else
                gt_write_double(f, ent_game_payoffs(g, p)[i]);
        }
        fputc('\n', f);
    }
    return ferror(f) ? ENT_EIO : ENT_OK;
}
