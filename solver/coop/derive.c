/* derive.c — the characteristic function of a normal-form game (von Neumann &
 * Morgenstern 1944, ch. 25; alpha/beta: Aumann & Peleg 1960, "Von Neumann-Morgenstern
 * solutions to cooperative games without side payments"): for every coalition S, the
 * zero-sum game between S and N \ S with S's payoff the sum of its members' payoffs,
 * solved by LP (mixed) or by max-min / min-max over pure joint strategies. */
#include "coop.h"
#include "../lp/lp.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>
#ifdef _OPENMP
#include <omp.h>
#endif

/* offsets of every joint strategy of the players in mask (mixed radix, lowest player
 * fastest); returns the count */
static uint64_t joint_offsets(const ent_game *g, uint32_t mask, uint64_t *off)
{
    int n = ent_game_nplayers(g);
    uint64_t cnt = 1;
    off[0] = 0;
    for (int p = 0; p < n; p++) {
        if (!((mask >> p) & 1u))
            continue;
        uint64_t m = (uint64_t)ent_game_nstrategies(g, p), st = ent_game_stride(g, p);
        for (uint64_t s = 1; s < m; s++)
            for (uint64_t a = 0; a < cnt; a++)
                off[s * cnt + a] = off[a] + s * st;
        cnt *= m;
    }
    return cnt;
}

/* value to S of the matrix game M (na x nb, row player S maximises) */
static int solve_matrix(const double *M, uint64_t na, uint64_t nb, int mode, double *out)
{
    if (mode == ENT_TU_ALPHA_PURE || mode == ENT_TU_BETA_PURE) {
        double best = mode == ENT_TU_ALPHA_PURE ? -INFINITY : INFINITY;
        if (mode == ENT_TU_ALPHA_PURE)
            for (uint64_t a = 0; a < na; a++) {
                double mn = INFINITY;
                for (uint64_t b = 0; b < nb; b++)
                    mn = fmin(mn, M[a * nb + b]);
                best = fmax(best, mn);
            }
        else
            for (uint64_t b = 0; b < nb; b++) {
                double mx = -INFINITY;
                for (uint64_t a = 0; a < na; a++)
                    mx = fmax(mx, M[a * nb + b]);
                best = fmin(best, mx);
            }
        *out = best;
        return ENT_OK;
    }
    /* alpha: max t  s.t. sum_a x_a M[a][b] - t >= 0 (all b), sum x = 1
     * beta:  min t  s.t. sum_b y_b M[a][b] - t <= 0 (all a), sum y = 1 */
    int alpha = mode == ENT_TU_ALPHA;
    uint64_t nv = alpha ? na : nb, nr = alpha ? nb : na;
    ent_lp *lp = ent_lp_new(alpha ? ENT_LP_MAX : ENT_LP_MIN);
    int *idx = (int *)malloc(sizeof(int) * (size_t)(nv + 1));
    double *val = (double *)malloc(sizeof(double) * (size_t)(nv + 1));
    int rc = ENT_ENOMEM;
    if (!lp || !idx || !val)
        goto out;
    if ((rc = ent_lp_add_cols(lp, (int)nv + 1)) < 0)
        goto out;
    ent_lp_set_col_bounds(lp, (int)nv, ENT_LP_FREE, 0, 0);
    ent_lp_set_obj(lp, (int)nv, 1.0);
    for (uint64_t r = 0; r < nr; r++) {
        for (uint64_t v = 0; v < nv; v++) {
            idx[v] = (int)v;
            val[v] = alpha ? M[v * nb + r] : M[r * nb + v];
        }
        idx[nv] = (int)nv;
        val[nv] = -1.0;
        rc = ent_lp_add_row(lp, (int)nv + 1, idx, val, alpha ? ENT_LP_LO : ENT_LP_UP, 0.0, 0.0);
        if (rc < 0)
            goto out;
    }
    for (uint64_t v = 0; v < nv; v++) {
        idx[v] = (int)v;
        val[v] = 1.0;
    }
    if ((rc = ent_lp_add_row(lp, (int)nv, idx, val, ENT_LP_FX, 1.0, 1.0)) < 0)
        goto out;
    rc = ent_lp_solve(lp, 0);
    if (rc == ENT_OK)
        *out = ent_lp_obj(lp);
out:
    ent_lp_free(&lp);
    free(idx);
    free(val);
    return rc < 0 ? rc : ENT_OK;
}

int ent_tu_from_game(const ent_game *g, int mode, int threads, ent_tu **out, ent_error *err)
{
    *out = NULL;
    int n = ent_game_nplayers(g);
    if (mode < ENT_TU_ALPHA || mode > ENT_TU_BETA_PURE)
        return ent_error_set(err, ENT_EINVAL, "unknown characteristic-function mode %d", mode);
    if (n > ENT_TU_MAX_N)
        return ent_error_set(err, ENT_ETOOBIG, "game with %d players: at most %d", n,
                             ENT_TU_MAX_N);
    uint64_t np = ent_game_nprofiles(g);
    double work = ldexp((double)np, n);
    if (work > ldexp(1.0, 34) || np > (uint64_t)1 << 26)
        return ent_error_set(err, ENT_ETOOBIG,
                             "characteristic function of a %d-player game with %llu profiles "
                             "needs 2^%d zero-sum games (%.0f payoff reads); limit 2^34",
                             n, (unsigned long long)np, n, work);
    int rc = ent_tu_new(out, n, 0, err);
    if (rc != ENT_OK)
        return rc;
    for (int p = 0; p < n; p++)
        ent_tu_set_label(*out, p, ent_game_player_label(g, p));
    double *v = ent_tu_values_mut(*out);
    int64_t total = (int64_t)1 << n;
    uint32_t full = (uint32_t)(total - 1);
    int64_t bad = total;
    int badrc = ENT_OK;
#ifdef _OPENMP
    int nt = threads > 0 ? threads : omp_get_max_threads();
#pragma omp parallel num_threads(nt)
#else
    (void)threads;
#endif
    {
        uint64_t *offS = (uint64_t *)malloc(sizeof(uint64_t) * np);
        uint64_t *offC = (uint64_t *)malloc(sizeof(uint64_t) * np);
        double *M = (double *)malloc(sizeof(double) * np);
        int ok = offS && offC && M;
#ifdef _OPENMP
#pragma omp for schedule(dynamic, 1)
#endif
        for (int64_t s = 1; s < total; s++) {
            int r = ENT_ENOMEM;
            if (ok) {
                uint64_t na = joint_offsets(g, (uint32_t)s, offS);
                uint64_t nb = joint_offsets(g, full & ~(uint32_t)s, offC);
                for (uint64_t a = 0; a < na; a++)
                    for (uint64_t b = 0; b < nb; b++) {
                        double sum = 0.0;
                        for (uint32_t m = (uint32_t)s; m; m &= m - 1)
                            sum += ent_game_payoffs(g, __builtin_ctz(m))[offS[a] + offC[b]];
                        M[a * nb + b] = sum;
                    }
                r = solve_matrix(M, na, nb, mode, &v[s]);
            }
            if (r != ENT_OK) {
#ifdef _OPENMP
#pragma omp critical(ent_derive_fail)
#endif
                if (s < bad) {
                    bad = s;
                    badrc = r;
                }
            }
        }
        free(offS);
        free(offC);
        free(M);
#ifdef _OPENMP
        /* release GLPK in worker threads; the calling thread keeps its environment (the
         * caller may hold LPs of its own) */
        if (omp_get_thread_num() != 0)
            ent_lp_thread_done();
#endif
    }
    v[0] = 0.0;
    if (bad < total) {
        ent_tu_free(out);
        return ent_error_set(err, badrc, "characteristic function: coalition 0x%llx: %s",
                             (unsigned long long)bad, ent_strerror(badrc));
    }
    return ENT_OK;
}
