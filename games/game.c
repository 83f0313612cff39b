/* game.c — the n-player normal-form game: strategy counts, mixed-radix strides, payoffs
 * contiguous per player, labels, and an optional exact (rational) payoff table. */
#include "entente.h"
#include "util.h"

#include <math.h>
#include <stdio.h>

struct ent_game {
    int n;             /* players */
    int *nstrat;       /* [n] */
    int *offset;       /* [n+1] prefix sums of nstrat */
    uint64_t *stride;  /* [n] */
    uint64_t nprof;
    double *pay;       /* [n * nprof], player-major */
    int64_t *exact;    /* NULL or [2 * n * nprof]: num, den pairs */
    char *title, *comment;
    char **plabel;     /* [n] */
    char **slabel;     /* [offset[n]] */
};

void ent_game_opts_init(ent_game_opts *o)
{
    o->mem_limit = (size_t)4 << 30;
}

static char *label_dup(const char *prefix, int a)
{
    char b[64];
    snprintf(b, sizeof b, "%s%d", prefix, a);
    return ent_strdup(b);
}

int ent_game_new(ent_game **out, int nplayers, const int *nstrat, const ent_game_opts *opts,
                 ent_error *err)
{
    ent_game_opts def;
    if (!opts) {
        ent_game_opts_init(&def);
        opts = &def;
    }
    *out = NULL;
    if (nplayers < 1)
        return ent_error_set(err, ENT_EINVAL, "a game needs at least one player (got %d)",
                             nplayers);
    uint64_t nprof = 1;
    int total = 0;
    for (int p = 0; p < nplayers; p++) {
        if (nstrat[p] < 1)
            return ent_error_set(err, ENT_EINVAL, "player %d has %d strategies (needs >= 1)",
                                 p + 1, nstrat[p]);
        if (!ent_mul_ok(nprof, (uint64_t)nstrat[p], &nprof) || total > INT32_MAX - nstrat[p])
            return ent_error_set(err, ENT_ETOOBIG,
                                 "game too large: the number of strategy profiles overflows");
        total += nstrat[p];
    }
    uint64_t bytes;
    if (!ent_mul_ok(nprof, (uint64_t)nplayers * sizeof(double), &bytes) ||
        bytes > (uint64_t)opts->mem_limit)
        return ent_error_set(err, ENT_ETOOBIG,
                             "game too large: %d players, %llu profiles need %.4g GiB of "
                             "payoffs, above the limit of %.4g GiB",
                             nplayers, (unsigned long long)nprof,
                             (double)nprof * nplayers * sizeof(double) / 1073741824.0,
                             (double)opts->mem_limit / 1073741824.0);
    ent_game *g = (ent_game *)calloc(1, sizeof *g);
    if (!g)
        return ent_error_set(err, ENT_ENOMEM, "out of memory");
    g->n = nplayers;
    g->nprof = nprof;
    g->nstrat = (int *)malloc(sizeof(int) * (size_t)nplayers);
    g->offset = (int *)malloc(sizeof(int) * (size_t)(nplayers + 1));
    g->stride = (uint64_t *)malloc(sizeof(uint64_t) * (size_t)nplayers);
    g->plabel = (char **)calloc((size_t)nplayers, sizeof(char *));
    g->slabel = (char **)calloc((size_t)total, sizeof(char *));
    g->pay = (double *)calloc((size_t)(nprof * (uint64_t)nplayers), sizeof(double));
    g->title = ent_strdup("");
    g->comment = ent_strdup("");
    if (!g->nstrat || !g->offset || !g->stride || !g->plabel || !g->slabel || !g->pay ||
        !g->title || !g->comment) {
        ent_game_free(&g);
        return ent_error_set(err, ENT_ENOMEM, "out of memory allocating a game of %llu profiles",
                             (unsigned long long)nprof);
    }
    uint64_t st = 1;
    g->offset[0] = 0;
    for (int p = 0; p < nplayers; p++) {
        g->nstrat[p] = nstrat[p];
        g->stride[p] = st;
        st *= (uint64_t)nstrat[p];
        g->offset[p + 1] = g->offset[p] + nstrat[p];
        g->plabel[p] = label_dup("Player ", p + 1);
        if (!g->plabel[p]) {
            ent_game_free(&g);
            return ent_error_set(err, ENT_ENOMEM, "out of memory");
        }
        for (int s = 0; s < nstrat[p]; s++) {
            g->slabel[g->offset[p] + s] = label_dup("", s + 1);
            if (!g->slabel[g->offset[p] + s]) {
                ent_game_free(&g);
                return ent_error_set(err, ENT_ENOMEM, "out of memory");
            }
        }
    }
    *out = g;
    return ENT_OK;
}

void ent_game_free(ent_game **gp)
{
    if (!gp || !*gp)
        return;
    ent_game *g = *gp;
    if (g->plabel)
        for (int p = 0; p < g->n; p++)
            free(g->plabel[p]);
    if (g->slabel && g->offset)
        for (int i = 0; i < g->offset[g->n]; i++)
            free(g->slabel[i]);
    free(g->plabel);
    free(g->slabel);
    free(g->nstrat);
    free(g->offset);
    free(g->stride);
    free(g->pay);
    free(g->exact);
    free(g->title);
    free(g->comment);
    free(g);
    *gp = NULL;
}

int ent_game_clone(const ent_game *g, ent_game **out)
{
    ent_game_opts o;
    ent_game_opts_init(&o);
    o.mem_limit = SIZE_MAX;
    int rc = ent_game_new(out, g->n, g->nstrat, &o, NULL);
    if (rc)
        return rc;
    ent_game *c = *out;
    memcpy(c->pay, g->pay, sizeof(double) * (size_t)(g->nprof * (uint64_t)g->n));
    rc = ent_game_set_title(c, g->title) | ent_game_set_comment(c, g->comment);
    for (int p = 0; p < g->n && !rc; p++) {
        rc = ent_game_set_player_label(c, p, g->plabel[p]);
        for (int s = 0; s < g->nstrat[p] && !rc; s++)
            rc = ent_game_set_strategy_label(c, p, s, g->slabel[g->offset[p] + s]);
    }
    if (!rc && g->exact) {
        size_t n = 2 * (size_t)(g->nprof * (uint64_t)g->n);
        c->exact = (int64_t *)malloc(sizeof(int64_t) * n);
        if (!c->exact)
            rc = ENT_ENOMEM;
        else
            memcpy(c->exact, g->exact, sizeof(int64_t) * n);
    }
    if (rc) {
        ent_game_free(out);
        return ENT_ENOMEM;
    }
    return ENT_OK;
}

int ent_game_nplayers(const ent_game *g) { return g->n; }
int ent_game_nstrategies(const ent_game *g, int p) { return g->nstrat[p]; }
uint64_t ent_game_nprofiles(const ent_game *g) { return g->nprof; }
uint64_t ent_game_stride(const ent_game *g, int p) { return g->stride[p]; }
int ent_game_total_strategies(const ent_game *g) { return g->offset[g->n]; }
int ent_game_strategy_offset(const ent_game *g, int p) { return g->offset[p]; }
const double *ent_game_payoffs(const ent_game *g, int p) { return g->pay + (size_t)p * g->nprof; }
double *ent_game_payoffs_mut(ent_game *g, int p) { return g->pay + (size_t)p * g->nprof; }

uint64_t ent_game_profile_index(const ent_game *g, const int *profile)
{
    uint64_t idx = 0;
    for (int p = 0; p < g->n; p++)
        idx += (uint64_t)profile[p] * g->stride[p];
    return idx;
}

void ent_game_profile_decode(const ent_game *g, uint64_t idx, int *profile)
{
    for (int p = 0; p < g->n; p++) {
        profile[p] = (int)(idx % (uint64_t)g->nstrat[p]);
        idx /= (uint64_t)g->nstrat[p];
    }
}

int ent_game_has_exact(const ent_game *g) { return g->exact != NULL; }

int ent_game_set_exact(ent_game *g, int p, uint64_t idx, int64_t num, int64_t den)
{
    if (den <= 0 || p < 0 || p >= g->n || idx >= g->nprof)
        return ENT_EINVAL;
    if (!g->exact) {
        size_t n = (size_t)(g->nprof * (uint64_t)g->n);
        g->exact = (int64_t *)malloc(sizeof(int64_t) * 2 * n);
        if (!g->exact)
            return ENT_ENOMEM;
        for (size_t i = 0; i < n; i++) {
            double v = g->pay[i];
            int integral = v == floor(v) && fabs(v) < 9.0e15;
            g->exact[2 * i] = integral ? (int64_t)v : 0;
            g->exact[2 * i + 1] = integral ? 1 : 0; /* den 0: unknown */
        }
    }
    size_t i = (size_t)p * g->nprof + idx;
    g->exact[2 * i] = num;
    g->exact[2 * i + 1] = den;
    return ENT_OK;
}

void ent_game_get_exact(const ent_game *g, int p, uint64_t idx, int64_t *num, int64_t *den)
{
    size_t i = (size_t)p * g->nprof + idx;
    if (g->exact && g->exact[2 * i + 1] > 0) {
        *num = g->exact[2 * i];
        *den = g->exact[2 * i + 1];
    } else {
        *num = 0;
        *den = 0; /* no exact value */
    }
}

void ent_game_clear_exact(ent_game *g)
{
    free(g->exact);
    g->exact = NULL;
}

const char *ent_game_title(const ent_game *g) { return g->title; }
const char *ent_game_comment(const ent_game *g) { return g->comment; }
const char *ent_game_player_label(const ent_game *g, int p) { return g->plabel[p]; }
const char *ent_game_strategy_label(const ent_game *g, int p, int s)
{
    return g->slabel[g->offset[p] + s];
}

static int replace(char **slot, const char *s)
{
    char *d = ent_strdup(s ? s : "");
    if (!d)
        return ENT_ENOMEM;
    free(*slot);
    *slot = d;
    return ENT_OK;
}

int ent_game_set_title(ent_game *g, const char *s) { return replace(&g->title, s); }
int ent_game_set_comment(ent_game *g, const char *s) { return replace(&g->comment, s); }
int ent_game_set_player_label(ent_game *g, int p, const char *s)
{
    if (p < 0 || p >= g->n)
        return ENT_EINVAL;
    return replace(&g->plabel[p], s);
}
int ent_game_set_strategy_label(ent_game *g, int p, int st, const char *s)
{
    if (p < 0 || p >= g->n || st < 0 || st >= g->nstrat[p])
        return ENT_EINVAL;
    return replace(&g->slabel[g->offset[p] + st], s);
}

int ent_game_restrict(const ent_game *g, const unsigned char *keep, ent_game **out,
                      ent_error *err)
{
    int *ns = (int *)malloc(sizeof(int) * (size_t)g->n);
    int **map = (int **)calloc((size_t)g->n, sizeof(int *));
    int rc = ENT_OK;
    *out = NULL;
    if (!ns || !map) {
        rc = ent_error_set(err, ENT_ENOMEM, "out of memory");
        goto done;
    }
    for (int p = 0; p < g->n; p++) {
        map[p] = (int *)malloc(sizeof(int) * (size_t)g->nstrat[p]);
        if (!map[p]) {
            rc = ent_error_set(err, ENT_ENOMEM, "out of memory");
            goto done;
        }
        ns[p] = 0;
        for (int s = 0; s < g->nstrat[p]; s++)
            if (keep[g->offset[p] + s])
                map[p][ns[p]++] = s;
        if (ns[p] == 0) {
            rc = ent_error_set(err, ENT_EINVAL, "restriction keeps no strategy of %s",
                               g->plabel[p]);
            goto done;
        }
    }
    ent_game_opts o;
    ent_game_opts_init(&o);
    o.mem_limit = SIZE_MAX;
    rc = ent_game_new(out, g->n, ns, &o, err);
    if (rc)
        goto done;
    ent_game *r = *out;
    int *prof = (int *)malloc(sizeof(int) * (size_t)g->n);
    int *orig = (int *)malloc(sizeof(int) * (size_t)g->n);
    if (!prof || !orig) {
        free(prof);
        free(orig);
        ent_game_free(out);
        rc = ent_error_set(err, ENT_ENOMEM, "out of memory");
        goto done;
    }
    for (uint64_t i = 0; i < r->nprof; i++) {
        ent_game_profile_decode(r, i, prof);
        for (int p = 0; p < g->n; p++)
            orig[p] = map[p][prof[p]];
        uint64_t j = ent_game_profile_index(g, orig);
        for (int p = 0; p < g->n; p++) {
            r->pay[(size_t)p * r->nprof + i] = g->pay[(size_t)p * g->nprof + j];
            if (g->exact) {
                int64_t nu, de;
                ent_game_get_exact(g, p, j, &nu, &de);
                if (de > 0)
                    rc |= ent_game_set_exact(r, p, i, nu, de);
            }
        }
    }
    free(prof);
    free(orig);
    rc |= ent_game_set_title(r, g->title) | ent_game_set_comment(r, g->comment);
    for (int p = 0; p < g->n; p++) {
        rc |= ent_game_set_player_label(r, p, g->plabel[p]);
        for (int s = 0; s < ns[p]; s++)
            rc |= ent_game_set_strategy_label(r, p, s, g->slabel[g->offset[p] + map[p][s]]);
    }
    if (rc) {
        ent_game_free(out);
        rc = ent_error_set(err, ENT_ENOMEM, "out of memory");
    }
done:
    if (map)
        for (int p = 0; p < g->n; p++)
            free(map[p]);
    free(map);
    free(ns);
    return rc;
}
