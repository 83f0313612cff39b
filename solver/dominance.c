/* dominance.c — iterated elimination of strictly and weakly dominated strategies in
 * n-player games, domination by pure strategies or by mixtures (an LP per candidate; see
 * Myerson 1991, Game Theory, §3.9, and Fudenberg & Tirole 1991, §2.1). Each elimination
 * is re-checked by evaluating the dominating mixture against every remaining opponent
 * profile directly, independently of the LP. */
#include "entente.h"
#include "lp/lp.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

typedef struct {
    const ent_game *g;
    unsigned char *keep;
    uint64_t *opp; /* opponent profiles (p's strategy 0) of the current player */
    uint64_t nopp;
    double *w;     /* mixture scratch, max strategies */
    double tol;
    double deadline; /* ent_clock() time, 0 = none */
} dom_ctx;

/* Profiles of the others' remaining strategies, with p's strategy set to 0. */
static void opp_profiles(dom_ctx *c, int p)
{
    const ent_game *g = c->g;
    int n = ent_game_nplayers(g);
    int cur[64];
    uint64_t k = 0;
    for (int q = 0; q < n; q++)
        cur[q] = 0;
    for (;;) {
        int ok = 1;
        uint64_t idx = 0;
        for (int q = 0; q < n; q++) {
            if (q == p)
                continue;
            if (!c->keep[ent_game_strategy_offset(g, q) + cur[q]]) {
                ok = 0;
                break;
            }
            idx += (uint64_t)cur[q] * ent_game_stride(g, q);
        }
        if (ok)
            c->opp[k++] = idx;
        int q = 0;
        for (; q < n; q++) {
            if (q == p)
                continue;
            if (++cur[q] < ent_game_nstrategies(g, q))
                break;
            cur[q] = 0;
        }
        if (q == n)
            break;
    }
    c->nopp = k;
}

/* Direct check of mixture w (over p's strategies) against strategy s.
 * OUT: *minadv, *sumadv over all remaining opponent profiles. */
static void advantage(const dom_ctx *c, int p, int s, const double *w, double *minadv,
                      double *sumadv)
{
    const ent_game *g = c->g;
    const double *u = ent_game_payoffs(g, p);
    uint64_t st = ent_game_stride(g, p);
    int m = ent_game_nstrategies(g, p);
    double mn = INFINITY;
    long double sum = 0;
    for (uint64_t k = 0; k < c->nopp; k++) {
        long double v = 0;
        for (int t = 0; t < m; t++)
            if (w[t] != 0)
                v += (long double)w[t] * u[c->opp[k] + (uint64_t)t * st];
        double a = (double)(v - u[c->opp[k] + (uint64_t)s * st]);
        if (a < mn)
            mn = a;
        sum += a;
    }
    *minadv = mn;
    *sumadv = (double)sum;
}

/* LP for a dominating mixture of p's remaining strategies other than s. Strict: max eps
 * with sum_t w_t u(t,o) - u(s,o) >= eps. Weak: sum_t w_t u(t,o) >= u(s,o), max total. */
static int mixed_dominator(dom_ctx *c, int p, int s, int weak, double *w)
{
    const ent_game *g = c->g;
    const double *u = ent_game_payoffs(g, p);
    uint64_t st = ent_game_stride(g, p);
    int m = ent_game_nstrategies(g, p), off = ent_game_strategy_offset(g, p);
    int cols[64], nc = 0;
    for (int t = 0; t < m && nc < 63; t++)
        if (t != s && c->keep[off + t])
            cols[nc++] = t;
    if (nc < 2)
        return 0;
    ent_lp *lp = ent_lp_new(ENT_LP_MAX);
    if (!lp)
        return ENT_ENOMEM;
    ent_lp_set_deadline(lp, c->deadline);
    int eps = -1;
    ent_lp_add_cols(lp, nc);
    if (!weak) {
        eps = ent_lp_add_cols(lp, 1);
        ent_lp_set_col_bounds(lp, eps, ENT_LP_FREE, 0, 0);
        ent_lp_set_obj(lp, eps, 1.0);
    }
    int idx[65];
    double val[65];
    for (uint64_t k = 0; k < c->nopp; k++) {
        for (int j = 0; j < nc; j++) {
            idx[j] = j;
            val[j] = u[c->opp[k] + (uint64_t)cols[j] * st];
        }
        int nz = nc;
        if (!weak) {
            idx[nz] = eps;
            val[nz++] = -1.0;
        }
        ent_lp_add_row(lp, nz, idx, val, ENT_LP_LO, u[c->opp[k] + (uint64_t)s * st], 0);
    }
    for (int j = 0; j < nc; j++) {
        idx[j] = j;
        val[j] = 1.0;
        if (weak) {
            double tot = 0;
            for (uint64_t k = 0; k < c->nopp; k++)
                tot += u[c->opp[k] + (uint64_t)cols[j] * st];
            ent_lp_set_obj(lp, j, tot);
        }
    }
    ent_lp_add_row(lp, nc, idx, val, ENT_LP_FX, 1, 1);
    int rc = ent_lp_solve(lp, 0);
    int found = 0;
    if (rc == ENT_OK) {
        for (int t = 0; t < m; t++)
            w[t] = 0;
        double sum = 0;
        for (int j = 0; j < nc; j++) {
            double x = ent_lp_col(lp, j);
            x = x < 0 ? 0 : x;
            w[cols[j]] = x;
            sum += x;
        }
        for (int t = 0; t < m && sum > 0; t++)
            w[t] /= sum;
        found = sum > 0;
    }
    ent_lp_free(&lp);
    return rc == ENT_ETIMEOUT ? ENT_ETIMEOUT : found;
}

/* Is p's strategy s dominated? Fills the step (except round) and returns 1 if so. */
static int dominated(dom_ctx *c, int p, int s, int weak, ent_dom_step *step, double *wout,
                     int *err)
{
    const ent_game *g = c->g;
    int m = ent_game_nstrategies(g, p), off = ent_game_strategy_offset(g, p);
    double mn, sum;
    for (int t = 0; t < m; t++) {
        if (t == s || !c->keep[off + t])
            continue;
        memset(c->w, 0, sizeof(double) * (size_t)m);
        c->w[t] = 1;
        advantage(c, p, s, c->w, &mn, &sum);
        if ((!weak && mn > c->tol) || (weak && mn >= -c->tol && sum > c->tol)) {
            step->by_pure = t;
            step->margin = weak ? sum : mn;
            memcpy(wout, c->w, sizeof(double) * (size_t)m);
            return 1;
        }
    }
    int f = mixed_dominator(c, p, s, weak, c->w);
    if (f < 0) {
        *err = f;
        return 0;
    }
    if (!f)
        return 0;
    advantage(c, p, s, c->w, &mn, &sum); /* independent re-check of the LP's mixture */
    if ((!weak && mn > c->tol) || (weak && mn >= -c->tol && sum > c->tol)) {
        step->by_pure = -1;
        step->margin = weak ? sum : mn;
        memcpy(wout, c->w, sizeof(double) * (size_t)m);
        return 1;
    }
    return 0;
}

void ent_dominance_clear(ent_dominance *d)
{
    free(d->steps);
    free(d->weights);
    free(d->keep);
    memset(d, 0, sizeof *d);
}

static int dominance_unit(const ent_game *g, int weak, double deadline, ent_dominance *out,
                          ent_error *err);

int ent_dominance_run(const ent_game *g, int weak, ent_dominance *out, ent_error *err)
{
    return ent_dominance_run_until(g, weak, 0, out, err);
}

int ent_dominance_run_until(const ent_game *g, int weak, double deadline, ent_dominance *out,
                            ent_error *err)
{
    /* on the normalised game (exact differences when the game is exact), so LPs and
     * tolerances are unit-free; margins are reported in the game's units */
    ent_game *gn;
    double scale;
    memset(out, 0, sizeof *out);
    if (ent_game_normalise(g, &gn, &scale) != ENT_OK)
        return ent_error_set(err, ENT_ENOMEM, "dominance: out of memory");
    int rc = dominance_unit(gn, weak, deadline, out, err);
    ent_game_free(&gn);
    for (int k = 0; k < out->nsteps; k++)
        out->steps[k].margin *= scale;
    return rc;
}

static int dominance_unit(const ent_game *g, int weak, double deadline, ent_dominance *out,
                          ent_error *err)
{
    memset(out, 0, sizeof *out);
    int n = ent_game_nplayers(g), tot = ent_game_total_strategies(g);
    if (n > 64)
        return ent_error_set(err, ENT_ETOOBIG, "dominance: %d players exceed the limit of 64", n);
    for (int p = 0; p < n; p++)
        if (ent_game_nstrategies(g, p) > 63)
            return ent_error_set(err, ENT_ETOOBIG,
                                 "dominance: player %d has %d strategies, over the limit of 63",
                                 p + 1, ent_game_nstrategies(g, p));
    dom_ctx c;
    memset(&c, 0, sizeof c);
    c.g = g;
    c.tol = ent_verify_tolerance(g);
    c.deadline = deadline;
    uint64_t maxopp = 0, np = ent_game_nprofiles(g);
    for (int p = 0; p < n; p++) {
        uint64_t k = np / (uint64_t)ent_game_nstrategies(g, p);
        if (k > maxopp)
            maxopp = k;
    }
    out->keep = (unsigned char *)malloc((size_t)tot);
    out->steps = (ent_dom_step *)calloc((size_t)tot, sizeof(ent_dom_step));
    out->weights = (double *)calloc((size_t)tot * 64, sizeof(double));
    c.opp = (uint64_t *)malloc(sizeof(uint64_t) * (size_t)maxopp);
    c.w = (double *)malloc(sizeof(double) * 64);
    unsigned char *drop = (unsigned char *)calloc((size_t)tot, 1);
    int rc = ENT_OK;
    if (!out->keep || !out->steps || !out->weights || !c.opp || !c.w || !drop) {
        rc = ent_error_set(err, ENT_ENOMEM, "dominance: out of memory");
        goto done;
    }
    memset(out->keep, 1, (size_t)tot);
    c.keep = out->keep;
    size_t wofs = 0;
    for (int round = 1;; round++) {
        int found = 0;
        memset(drop, 0, (size_t)tot);
        for (int p = 0; p < n && !(weak && found); p++) {
            int m = ent_game_nstrategies(g, p), off = ent_game_strategy_offset(g, p), alive = 0;
            int gone = 0;
            for (int s = 0; s < m; s++)
                alive += c.keep[off + s];
            if (alive < 2)
                continue;
            opp_profiles(&c, p);
            for (int s = 0; s < m && !(weak && found); s++) {
                if (!c.keep[off + s])
                    continue;
                if (ent_should_stop(deadline)) {
                    rc = ENT_ETIMEOUT;
                    goto stopped;
                }
                ent_dom_step *st = &out->steps[out->nsteps];
                int e = 0;
                if (dominated(&c, p, s, weak, st, out->weights + wofs, &e)) {
                    st->player = p;
                    st->strategy = s;
                    st->round = round;
                    st->wofs = wofs;
                    wofs += (size_t)m;
                    out->nsteps++;
                    drop[off + s] = 1;
                    found++;
                    if (alive - ++gone < 2)
                        break;
                } else if (e == ENT_ETIMEOUT) {
                    rc = ENT_ETIMEOUT;
                    goto stopped;
                } else if (e) {
                    rc = ent_error_set(err, e, "dominance: %s", ent_strerror(e));
                    goto done;
                }
            }
        }
        if (!found)
            break;
        for (int i = 0; i < tot; i++)
            if (drop[i])
                c.keep[i] = 0;
    }
    goto done;
stopped: /* the steps found hold: this round's eliminations are dropped too */
    for (int i = 0; i < tot; i++)
        if (drop[i])
            c.keep[i] = 0;
    ent_error_set(err, rc, "dominance: stopped by the time limit or an interrupt");
    free(c.opp);
    free(c.w);
    free(drop);
    return rc;
done:
    free(c.opp);
    free(c.w);
    free(drop);
    if (rc != ENT_OK)
        ent_dominance_clear(out);
    return rc;
}

int ent_game_reduce_dominated(const ent_game *g, ent_game **out, ent_error *err)
{
    ent_dominance d;
    *out = NULL;
    int rc = ent_dominance_run(g, 0, &d, err);
    if (rc != ENT_OK)
        return rc;
    rc = ent_game_restrict(g, d.keep, out, err);
    ent_dominance_clear(&d);
    return rc;
}
