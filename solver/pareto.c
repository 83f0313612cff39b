/* pareto.c — Pareto efficiency over the pure outcomes of an n-player game: the
 * Pareto-optimal profiles (sorted sweep: a dominating outcome has a larger payoff sum, so
 * each profile is compared only with the optimal ones before it) and, for any payoff
 * vector (e.g. of an equilibrium), a Pareto-optimal outcome that dominates it. */
#define _GNU_SOURCE
#include "entente.h"

#include <stdlib.h>

typedef struct {
    const ent_game *g;
    double *sum;
} sort_ctx;

static int cmp_outcome(const void *a, const void *b, void *arg)
{
    const sort_ctx *c = (const sort_ctx *)arg;
    uint64_t i = *(const uint64_t *)a, j = *(const uint64_t *)b;
    if (c->sum[i] != c->sum[j])
        return c->sum[i] > c->sum[j] ? -1 : 1;
    for (int p = 0; p < ent_game_nplayers(c->g); p++) {
        double x = ent_game_payoffs(c->g, p)[i], y = ent_game_payoffs(c->g, p)[j];
        if (x != y)
            return x > y ? -1 : 1;
    }
    return i < j ? -1 : (i > j);
}

/* 1 if outcome j Pareto-dominates outcome i (exact comparison). */
static int dominates(const ent_game *g, uint64_t j, uint64_t i)
{
    int strict = 0;
    for (int p = 0; p < ent_game_nplayers(g); p++) {
        double a = ent_game_payoffs(g, p)[j], b = ent_game_payoffs(g, p)[i];
        if (a < b)
            return 0;
        strict |= a > b;
    }
    return strict;
}

int ent_pareto_optimal(const ent_game *g, const unsigned char *feasible, unsigned char *mask)
{
    return ent_pareto_optimal_until(g, feasible, 0, mask, NULL);
}

int ent_pareto_optimal_until(const ent_game *g, const unsigned char *feasible, double deadline,
                             unsigned char *mask, uint64_t *examined)
{
    uint64_t np = ent_game_nprofiles(g);
    int n = ent_game_nplayers(g);
    uint64_t *ord = (uint64_t *)malloc(sizeof(uint64_t) * (size_t)np);
    uint64_t *front = (uint64_t *)malloc(sizeof(uint64_t) * (size_t)np);
    double *sum = (double *)malloc(sizeof(double) * (size_t)np);
    if (!ord || !front || !sum) {
        free(ord);
        free(front);
        free(sum);
        return ENT_ENOMEM;
    }
    for (uint64_t i = 0; i < np; i++) {
        double s = 0;
        for (int p = 0; p < n; p++)
            s += ent_game_payoffs(g, p)[i];
        sum[i] = s;
        ord[i] = i;
        mask[i] = 0;
    }
    sort_ctx c = {g, sum};
    qsort_r(ord, (size_t)np, sizeof(uint64_t), cmp_outcome, &c);
    uint64_t nf = 0, k = 0;
    int rc = ENT_OK;
    for (; k < np; k++) {
        if ((k & 63) == 0 && ent_should_stop(deadline)) {
            rc = ENT_ETIMEOUT;
            break;
        }
        uint64_t i = ord[k];
        if (feasible && !feasible[i])
            continue;
        int dom = 0;
        for (uint64_t f = 0; f < nf && !dom; f++)
            dom = dominates(g, front[f], i);
        if (!dom) {
            front[nf++] = i;
            mask[i] = 1;
        }
    }
    if (examined)
        *examined = k;
    free(ord);
    free(front);
    free(sum);
    return rc;
}

uint64_t ent_pareto_dominator(const ent_game *g, const unsigned char *feasible,
                              const double *payoff, double tol)
{
    uint64_t np = ent_game_nprofiles(g), best = UINT64_MAX;
    int n = ent_game_nplayers(g);
    double bestsum = 0;
    for (uint64_t j = 0; j < np; j++) {
        if (feasible && !feasible[j])
            continue;
        int ok = 1, strict = 0;
        double s = 0;
        for (int p = 0; p < n && ok; p++) {
            double a = ent_game_payoffs(g, p)[j];
            if (a < payoff[p] - tol)
                ok = 0;
            if (a > payoff[p] + tol)
                strict = 1;
            s += a;
        }
        if (ok && strict && (best == UINT64_MAX || s > bestsum)) {
            best = j;
            bestsum = s;
        }
    }
    return best;
}
