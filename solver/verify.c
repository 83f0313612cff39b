/* verify.c — independent equilibrium check. Given any mixed profile, computes every
 * player's expected payoff against the others' mixture for each pure strategy by one
 * direct pass over all profiles (prefix/suffix products of the others' probabilities,
 * long double accumulation), and returns the regret: best pure response minus actual.
 * It shares no code with the algorithms whose output it checks. */
#include "entente.h"

#include <math.h>
#include <stdlib.h>

double ent_verify_tolerance(const ent_game *g)
{
    double lo = INFINITY, hi = -INFINITY;
    int n = ent_game_nplayers(g);
    uint64_t np = ent_game_nprofiles(g);
    for (int p = 0; p < n; p++) {
        const double *u = ent_game_payoffs(g, p);
        for (uint64_t i = 0; i < np; i++) {
            if (u[i] < lo)
                lo = u[i];
            if (u[i] > hi)
                hi = u[i];
        }
    }
    double range = hi - lo;
    return 1e-9 * (range > 1.0 ? range : 1.0);
}

int ent_verify_regrets(const ent_game *g, const double *mixed, double *regret, double *payoff)
{
    int n = ent_game_nplayers(g);
    int tot = ent_game_total_strategies(g);
    for (int p = 0; p < n; p++) {
        long double sum = 0;
        int off = ent_game_strategy_offset(g, p);
        for (int s = 0; s < ent_game_nstrategies(g, p); s++) {
            double x = mixed[off + s];
            if (!(x >= -1e-12) || !isfinite(x))
                return ENT_EINVAL;
            sum += x;
        }
        if (fabsl(sum - 1.0L) > 1e-9L)
            return ENT_EINVAL;
    }
    long double *val = (long double *)calloc((size_t)tot, sizeof(long double));
    long double *pre = (long double *)malloc(sizeof(long double) * (size_t)(n + 1));
    long double *suf = (long double *)malloc(sizeof(long double) * (size_t)(n + 1));
    int *prof = (int *)calloc((size_t)n, sizeof(int));
    if (!val || !pre || !suf || !prof) {
        free(val);
        free(pre);
        free(suf);
        free(prof);
        return ENT_ENOMEM;
    }
    uint64_t np = ent_game_nprofiles(g);
    for (uint64_t i = 0; i < np; i++) {
        pre[0] = 1;
        for (int p = 0; p < n; p++)
            pre[p + 1] = pre[p] * mixed[ent_game_strategy_offset(g, p) + prof[p]];
        suf[n] = 1;
        for (int p = n - 1; p >= 0; p--)
            suf[p] = suf[p + 1] * mixed[ent_game_strategy_offset(g, p) + prof[p]];
        for (int p = 0; p < n; p++) {
            long double w = pre[p] * suf[p + 1];
            if (w != 0)
                val[ent_game_strategy_offset(g, p) + prof[p]] += w * ent_game_payoffs(g, p)[i];
        }
        for (int p = 0; p < n; p++) { /* odometer, player 0 fastest */
            if (++prof[p] < ent_game_nstrategies(g, p))
                break;
            prof[p] = 0;
        }
    }
    for (int p = 0; p < n; p++) {
        int off = ent_game_strategy_offset(g, p);
        long double best = -INFINITY, act = 0;
        for (int s = 0; s < ent_game_nstrategies(g, p); s++) {
            if (val[off + s] > best)
                best = val[off + s];
            act += mixed[off + s] * val[off + s];
        }
        if (regret) {
            double r = (double)(best - act);
            regret[p] = r < 0 ? 0 : r;
        }
        if (payoff)
            payoff[p] = (double)act;
    }
    free(val);
    free(pre);
    free(suf);
    free(prof);
    return ENT_OK;
}

double ent_verify_max_regret(const ent_game *g, const double *mixed)
{
    int n = ent_game_nplayers(g);
    double *r = (double *)malloc(sizeof(double) * (size_t)n);
    if (!r)
        return ENT_ENOMEM;
    int rc = ent_verify_regrets(g, mixed, r, NULL);
    double m = 0;
    for (int p = 0; p < n && rc == ENT_OK; p++)
        if (r[p] > m)
            m = r[p];
    free(r);
    return rc ? (double)rc : m;
}
