/* from_game.c — the graph model of a normal-form game: feasible profiles become states,
 * changes of one player's strategy become that player's moves, payoffs become ordinal
 * ranks with ties (the graph model needs only the order: Fang, Hipel & Kilgour 1993,
 * ch. 2). The scenario front end supplies the feasibility and move filters. */
#include "model.h"

#include <stdlib.h>
#include <string.h>

static int cmp_dbl(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return (x > y) - (x < y);
}

/* Position of x among the sorted distinct values v[0..n-1]. */
static int64_t rank_of(const double *v, size_t n, double x)
{
    size_t lo = 0, hi = n;
    while (hi - lo > 1) {
        size_t mid = (lo + hi) / 2;
        if (v[mid] <= x)
            lo = mid;
        else
            hi = mid;
    }
    return (int64_t)lo;
}

uint32_t ent_gmcr_state_of_profile(const uint64_t *idx, uint32_t n, uint64_t pi)
{
    uint32_t lo = 0, hi = n;
    while (lo < hi) {
        uint32_t mid = lo + (hi - lo) / 2;
        if (idx[mid] < pi)
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo < n && idx[lo] == pi ? lo : UINT32_MAX;
}

int ent_gmcr_from_game(const ent_game *g, int (*feasible)(void *arg, const int *profile),
                       int (*move_ok)(void *arg, int player, int from, int to), void *arg,
                       ent_gmcr **out, uint64_t **index, ent_error *err)
{
    *out = NULL;
    if (index)
        *index = NULL;
    const int np = ent_game_nplayers(g);
    const uint64_t total = ent_game_nprofiles(g);
    if (np > ENT_GMCR_MAX_DM)
        return ent_error_set(err, ENT_EUNSUPPORTED, "graph model: %d players (at most %d)", np,
                             ENT_GMCR_MAX_DM);
    if (total > ENT_GMCR_MAX_STATES)
        return ent_error_set(err, ENT_ETOOBIG,
                             "graph model: %llu profiles exceed the limit of %u states",
                             (unsigned long long)total, ENT_GMCR_MAX_STATES);
    int *prof = malloc((size_t)np * sizeof *prof);
    uint64_t *idx = malloc((size_t)(total ? total : 1) * sizeof *idx);
    if (!prof || !idx) {
        free(prof);
        free(idx);
        return ent_error_set(err, ENT_ENOMEM, "graph model: out of memory");
    }
    uint32_t n = 0;
    for (uint64_t pi = 0; pi < total; pi++) {
        ent_game_profile_decode(g, pi, prof);
        if (!feasible || feasible(arg, prof))
            idx[n++] = pi;
    }
    if (n == 0) {
        free(prof);
        free(idx);
        return ent_error_set(err, ENT_EINFEASIBLE, "graph model: no feasible state");
    }
    ent_gmcr *m;
    int rc = ent_gmcr_new(&m, np, n, err);
    double *vals = rc == ENT_OK ? malloc((size_t)n * sizeof *vals) : NULL;
    if (rc == ENT_OK && !vals)
        rc = ent_error_set(err, ENT_ENOMEM, "graph model: out of memory");
    for (int p = 0; p < np && rc == ENT_OK; p++) {
        ent_gmcr_set_dm_name(m, p, ent_game_player_label(g, p));
        const double *u = ent_game_payoffs(g, p);
        for (uint32_t s = 0; s < n; s++)
            vals[s] = u[idx[s]];
        qsort(vals, n, sizeof *vals, cmp_dbl);
        size_t k = 0;
        for (uint32_t s = 0; s < n; s++)
            if (s == 0 || vals[s] != vals[k - 1])
                vals[k++] = vals[s];
        for (uint32_t s = 0; s < n; s++)
            ent_gmcr_set_rank(m, p, s, rank_of(vals, k, u[idx[s]]));
    }
    for (uint32_t s = 0; s < n && rc == ENT_OK; s++) {
        ent_game_profile_decode(g, idx[s], prof);
        for (int p = 0; p < np && rc == ENT_OK; p++) {
            ent_gmcr_set_component(m, s, p, prof[p]);
            int a = prof[p];
            uint64_t stride = ent_game_stride(g, p);
            for (int b = 0; b < ent_game_nstrategies(g, p) && rc == ENT_OK; b++) {
                if (b == a || (move_ok && !move_ok(arg, p, a, b)))
                    continue;
                uint64_t pj = idx[s] - (uint64_t)a * stride + (uint64_t)b * stride;
                uint32_t t = n == total ? (uint32_t)pj /* every profile a state */
                                        : ent_gmcr_state_of_profile(idx, n, pj);
                if (t != UINT32_MAX && ent_gmcr_add_move(m, p, s, t) != ENT_OK)
                    rc = ent_error_set(err, ENT_ENOMEM, "graph model: out of memory for the moves");
            }
        }
    }
    free(vals);
    free(prof);
    if (rc == ENT_OK)
        rc = ent_gmcr_seal(m, err);
    if (rc != ENT_OK) {
        ent_gmcr_free(&m);
        free(idx);
        return rc;
    }
    if (index)
        *index = idx;
    else
        free(idx);
    *out = m;
    return ENT_OK;
}
