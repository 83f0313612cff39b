/* zerosum.c — constant-sum two-player games and mixed security (maxmin) strategies by
 * linear programming (von Neumann's minimax theorem in Dantzig's LP form; e.g. Maschler,
 * Solan, Zamir, "Game Theory", 2013, ch. 5): max v s.t. sum_i x_i u(i, s) >= v for every
 * pure reply s of the others, x a probability vector. */
#include "entente.h"
#include "lp/lp.h"

#include <math.h>
#include <stdlib.h>

int ent_game_is_constant_sum(const ent_game *g, double *c)
{
    if (ent_game_nplayers(g) != 2)
        return 0;
    /* on the normalised game (exact differences when the game is exact): the sum stays
     * constant under each player's shift, and the test is relative to the range */
    ent_game *gn;
    if (ent_game_normalise(g, &gn, NULL) != ENT_OK)
        return 0;
    const double *u0 = ent_game_payoffs(gn, 0), *u1 = ent_game_payoffs(gn, 1);
    uint64_t np = ent_game_nprofiles(g);
    double s0 = u0[0] + u1[0];
    int cs = 1;
    for (uint64_t i = 1; i < np && cs; i++)
        if (fabs(u0[i] + u1[i] - s0) > 1e-12)
            cs = 0;
    ent_game_free(&gn);
    if (cs && c)
        *c = ent_game_payoffs(g, 0)[0] + ent_game_payoffs(g, 1)[0];
    return cs;
}

/* max_x min over the others' pure profiles of player p's payoff. Rows: one per profile
 * of the others (those with s_p = 0 give the base index). */
static int security_lp(const ent_game *g, int p, int exact, double *level, double *strategy,
                       ent_error *err)
{
    int k = ent_game_nstrategies(g, p);
    uint64_t np = ent_game_nprofiles(g), stride = ent_game_stride(g, p);
    uint64_t rows = np / (uint64_t)k;
    if (np + rows > 10000000ULL)
        return ent_error_set(err, ENT_ETOOBIG,
                             "security LP for player %d would have %llu nonzeros (limit 10000000)",
                             p + 1, (unsigned long long)(np + rows));
    double bytes = ent_lp_bytes((double)rows + 1, (double)k + 1, (double)(np + rows + k));
    double budget = ent_lp_memory_budget();
    if (bytes > budget)
        return ent_error_set(err, ENT_ETOOBIG,
                             "security LP for player %d: %llu rows and %llu nonzeros need about "
                             "%.2f GiB, more than the %.2f GiB of memory available (physical "
                             "memory or ulimit -v)", p + 1, (unsigned long long)rows + 1,
                             (unsigned long long)(np + rows + k), bytes / 1073741824.0,
                             budget / 1073741824.0);
    const double *u = ent_game_payoffs(g, p);
    /* Scale-free: the LP sees the payoffs mapped into [-1, 1] (the optimal strategies do
     * not change; the level is mapped back), so 1e20 or 1e-300 behaves as 1. Not with
     * exact: its rational re-solve works on the payoffs as given. */
    double mid = 0, half = 1;
    if (!exact) {
        double lo = INFINITY, hi = -INFINITY;
        for (uint64_t i = 0; i < np; i++) {
            lo = fmin(lo, u[i]);
            hi = fmax(hi, u[i]);
        }
        mid = lo / 2 + hi / 2;
        half = hi / 2 - lo / 2;
        if (!(half > 0))
            half = 1;
    }
    ent_lp *lp = ent_lp_new(ENT_LP_MAX);
    int *idx = (int *)malloc(sizeof(int) * (size_t)(k + 1));
    double *val = (double *)malloc(sizeof(double) * (size_t)(k + 1));
    int rc = ENT_OK;
    if (!lp || !idx || !val) {
        rc = ent_error_set(err, ENT_ENOMEM, "out of memory");
        goto out;
    }
    ent_lp_add_cols(lp, k + 1); /* x_0..x_{k-1}, v */
    ent_lp_set_col_bounds(lp, k, ENT_LP_FREE, 0, 0);
    ent_lp_set_obj(lp, k, 1.0);
    for (int s = 0; s < k; s++) {
        idx[s] = s;
        val[s] = 1.0;
    }
    ent_lp_add_row(lp, k, idx, val, ENT_LP_FX, 1.0, 1.0);
    idx[k] = k;
    for (uint64_t b = 0; b < np; b++) {
        if ((b / stride) % (uint64_t)k != 0)
            continue;
        for (int s = 0; s < k; s++)
            val[s] = (u[b + (uint64_t)s * stride] - mid) / half;
        val[k] = -1.0;
        if (ent_lp_add_row(lp, k + 1, idx, val, ENT_LP_LO, 0.0, 0.0) < 0) {
            rc = ent_error_set(err, ENT_ENOMEM, "out of memory building the security LP");
            goto out;
        }
    }
    int st = ent_lp_solve(lp, exact);
    if (st != ENT_OK) {
        rc = ent_error_set(err, ENT_ELP, "security LP for player %d: %s", p + 1,
                           ent_strerror(st));
        goto out;
    }
    *level = ent_lp_col(lp, k) * half + mid;
    if (strategy) {
        double sum = 0;
        for (int s = 0; s < k; s++) {
            strategy[s] = fmax(0.0, ent_lp_col(lp, s));
            sum += strategy[s];
        }
        for (int s = 0; s < k; s++)
            strategy[s] /= sum;
    }
out:
    ent_lp_free(&lp);
    free(idx);
    free(val);
    return rc;
}

/* security_lp on the normalised game (LP data unit-free), the level mapped back to the
 * game's units. */
static int security_unit(const ent_game *g, int p, int exact, double *level, double *strategy,
                         ent_error *err)
{
    ent_game *gn;
    double scale, lo, hi, lv = 0;
    if (ent_game_normalise(g, &gn, &scale) != ENT_OK)
        return ent_error_set(err, ENT_ENOMEM, "out of memory");
    int rc = security_lp(gn, p, exact, &lv, strategy, err);
    ent_game_free(&gn);
    ent_game_payoff_bounds(g, p, &lo, &hi);
    if (rc == ENT_OK && level)
        *level = lo + lv * scale;
    return rc;
}

int ent_maxmin(const ent_game *g, int player, double *level, double *strategy, ent_error *err)
{
    if (player < 0 || player >= ent_game_nplayers(g))
        return ent_error_set(err, ENT_EINVAL, "no player %d", player + 1);
    return security_unit(g, player, 0, level, strategy, err);
}

int ent_zerosum_solve(const ent_game *g, int exact, double *value, double *x, double *y,
                      ent_error *err)
{
    double c;
    if (!ent_game_is_constant_sum(g, &c))
        return ent_error_set(err, ENT_EUNSUPPORTED,
                             "the game is not a two-player constant-sum game");
    double v0, v1;
    int rc = security_unit(g, 0, exact, &v0, x, err);
    if (rc == ENT_OK)
        rc = security_unit(g, 1, exact, &v1, y, err);
    if (rc == ENT_OK && value)
        *value = v0;
    return rc;
}
