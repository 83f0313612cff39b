/* twoplayer.c — the two-player concepts: `nash` (mixed equilibria:
 * vertex enumeration, support enumeration, Lemke-Howson or the zero-sum LP, optional
 * exact certification), `zerosum` (value and optimal strategies of constant-sum games)
 * and `maxmin` (mixed security strategies of every player, any number of players). */
#include "analysis.h"

#include <float.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Equilibria listed in prose; the machine-readable table has all of them. */
enum { NASH_PROSE_ROWS = 100 };

/* Parse --method for nash: enum, support, lemke, lemke=LABEL (1-based), lp. */
static int nash_method(const ana_ctx *ctx, ent_bimatrix_opts *o, int *lp, ent_error *err)
{
    const char *s = ctx->method;
    *lp = 0;
    if (!s || !strcmp(s, "auto"))
        return ANA_OK;
    if (!strcmp(s, "enum"))
        o->method = ENT_BM_ENUM;
    else if (!strcmp(s, "support"))
        o->method = ENT_BM_SUPPORT;
    else if (!strcmp(s, "lemke"))
        o->method = ENT_BM_LEMKE;
    else if (!strncmp(s, "lemke=", 6)) {
        char *end;
        long k = strtol(s + 6, &end, 10);
        if (*end || end == s + 6 || k < 1 || k > 1000000) {
            ent_error_set(err, ENT_EINVAL, "--method lemke=LABEL needs a label from 1 to m+n");
            return ANA_BADOPT;
        }
        int nl = ent_game_nstrategies(ctx->game, 0) + ent_game_nstrategies(ctx->game, 1);
        if (k > nl) {
            ent_error_set(err, ENT_EINVAL, "%s: Lemke-Howson label %ld is out of range 1..%d",
                          ctx->input, k, nl);
            return ANA_FAIL;
        }
        o->method = ENT_BM_LEMKE;
        o->label = (int)k - 1;
    } else if (!strcmp(s, "lp"))
        *lp = 1;
    else {
        ent_error_set(err, ENT_EINVAL,
                      "unknown method '%s' for nash (enum, support, lemke, lemke=LABEL, lp)", s);
        return ANA_BADOPT;
    }
    return ANA_OK;
}

static const char *method_name(int m)
{
    switch (m) {
    case ENT_BM_ENUM:
        return "vertex enumeration (all extreme equilibria)";
    case ENT_BM_SUPPORT:
        return "support enumeration";
    case ENT_BM_LEMKE:
        return "Lemke-Howson";
    default:
        return "?";
    }
}

static int zerosum_rows(ana_ctx *ctx, ent_report *r, const char *concept, ent_error *err)
{
    const ent_game *g = ctx->game;
    int m = ent_game_nstrategies(g, 0), n = ent_game_nstrategies(g, 1);
    double *mixed = malloc(sizeof(double) * (size_t)(m + n)), v, c;
    if (!mixed) {
        ent_error_set(err, ENT_ENOMEM, "out of memory");
        return ANA_FAIL;
    }
    int rc = ent_zerosum_solve(g, ctx->exact, &v, mixed, mixed + m, err);
    if (rc == ENT_OK) {
        ent_game_is_constant_sum(g, &c);
        char b1[32], b2[32];
        ent_report_text(r, "value of the game: %s to %s, %s to %s (linear programming%s)",
                        ent_fmt_num(b1, v), ent_game_player_label(g, 0), ent_fmt_num(b2, c - v),
                        ent_game_player_label(g, 1), ctx->exact ? ", exact simplex" : "");
        ent_report_kv_num(r, "zerosum value", v);
        rc = ana_eq_add(ctx, r, concept, 1, mixed, "optimal strategies (LP)", err);
        if (rc == ENT_OK) {
            char desc[2048];
            ana_describe_profile(g, mixed, desc, sizeof desc);
            ent_report_text(r, "optimal strategies: %s", desc);
        }
    }
    free(mixed);
    return rc == ENT_OK ? ANA_OK : ANA_FAIL;
}

/* Lemke-Howson: how many paths ended, and which were stopped, re-run exactly or failed
 * (labels 1-based, as in --method lemke=LABEL). */
static void lemke_paths(ent_report *r, const ent_bimatrix *b, int nl)
{
    int run = 0, ended = 0, exact = 0, stopped = 0, failed = 0;
    char fl[512], xl[512];
    size_t fn = 0, xn = 0;
    fl[0] = xl[0] = '\0';
    for (int k = 0; k < nl; k++) {
        int e, st = ent_bimatrix_path(b, k, &e);
        if (st == ENT_EINVAL)
            continue;
        run++;
        if (st == ENT_OK) {
            ended++;
            if (e) {
                exact++;
                if (xn < sizeof xl - 16)
                    xn += (size_t)snprintf(xl + xn, sizeof xl - xn, "%s%d", exact > 1 ? ", " : "", k + 1);
            }
        } else if (st == ENT_ETIMEOUT) {
            stopped++;
        } else {
            failed++;
            if (fn < sizeof fl - 48)
                fn += (size_t)snprintf(fl + fn, sizeof fl - fn, "%s%d (%s)", failed > 1 ? ", " : "",
                                       k + 1, ent_strerror(st));
        }
    }
    ent_report_kv_str(r, "lemke paths", "%d of %d ended at an equilibrium", ended, run);
    if (exact)
        ent_report_text(r, "Lemke-Howson: %d path%s failed in floating point and %s followed "
                           "again in exact integer arithmetic (missing label%s %s%s).",
                        exact, exact == 1 ? "" : "s", exact == 1 ? "was" : "were",
                        exact == 1 ? "" : "s", xl, xn >= sizeof xl - 16 ? ", ..." : "");
    if (stopped)
        ent_report_text(r, "Lemke-Howson: %d path%s stopped early by the time limit or an "
                           "interrupt.", stopped, stopped == 1 ? "" : "s");
    if (failed)
        ent_report_text(r, "Lemke-Howson: %d path%s failed even in exact arithmetic (missing "
                           "label%s %s%s); the equilibria of the other paths are listed.",
                        failed, failed == 1 ? "" : "s", failed == 1 ? "" : "s", fl,
                        fn >= sizeof fl - 48 ? ", ..." : "");
}

int ana_nash(ana_ctx *ctx, ent_report *r, ent_error *err)
{
    const ent_game *g = ctx->game;
    ent_report_section(r, "Nash equilibria (mixed, two-player)");
    if (ent_game_nplayers(g) != 2) {
        ent_report_text(r, "This game has %d players: the two-player methods of 'nash' do not "
                           "apply. Mixed equilibria of n-player games are computed by concepts "
                           "'qre' (logit QRE limit) and 'enumpoly' (all equilibria, small "
                           "games); pure equilibria by concept 'pure'.", ent_game_nplayers(g));
        return ANA_OK;
    }
    ent_bimatrix_opts o;
    ent_bimatrix_opts_init(&o);
    o.time_limit = ctx->time_limit;
    int lp, rc = nash_method(ctx, &o, &lp, err);
    if (rc != ANA_OK)
        return rc;
    if (lp) {
        if (!ent_game_is_constant_sum(g, NULL)) {
            ent_error_set(err, ENT_EUNSUPPORTED,
                          "%s: --method lp needs a constant-sum game", ctx->input);
            return ANA_FAIL;
        }
        ent_report_kv_str(r, "nash method", "linear programming (zero-sum)");
        return zerosum_rows(ctx, r, "nash", err);
    }
    ent_bimatrix *b;
    if (ent_bimatrix_solve(g, &o, &b, err) != ENT_OK) {
        char msg[1024];
        snprintf(msg, sizeof msg, "%s", err->msg);
        ent_error_set(err, err->status, "%s: %s", ctx->input, msg);
        return ANA_FAIL;
    }
    /* --exact: the vertices re-derived in rational arithmetic. When a tie misled the
     * floating-point path so that a vertex is not determined by its labels, the
     * equilibria are still decided exactly, one by one (below), without the table. */
    int certified = ctx->exact;
    char uncert[1024] = "";
    if (ctx->exact && ent_bimatrix_certify(g, b, err) != ENT_OK) {
        if (!ent_game_has_exact(g) || err->status == ENT_ENOMEM) {
            char msg[1024];
            snprintf(msg, sizeof msg, "%s", err->msg);
            ent_error_set(err, err->status, "%s: %s", ctx->input, msg);
            ent_bimatrix_free(&b);
            return ANA_FAIL;
        }
        snprintf(uncert, sizeof uncert, "%s", err->msg);
        err->status = ENT_OK;
        err->msg[0] = '\0';
        certified = 0;
    }
    int m = ent_game_nstrategies(g, 0), n = ent_game_nstrategies(g, 1);
    int meth = ent_bimatrix_method(b), cnt = ent_bimatrix_count(b);
    /* The candidates: in an exact game, a floating-point candidate the exact re-check
     * refuses (a near-tie decided wrongly in floating point) is dropped, and the
     * Lemke-Howson paths (followed again exactly when they fail) add the equilibria
     * they reach, so the answer never depends on how floating point broke a tie. */
    double *cand = NULL;
    char (*cnote)[64] = NULL;
    int *cidx = NULL, ncand = 0, dropped = 0, added = 0;
    ent_bimatrix *lb = NULL;
    {
        int cap = cnt + m + n + 1;
        cand = malloc(sizeof(double) * (size_t)(m + n) * (size_t)cap);
        cnote = malloc(sizeof *cnote * (size_t)cap);
        cidx = malloc(sizeof(int) * (size_t)cap);
        double *reg = malloc(sizeof(double) * 2);
        if (!cand || !cnote || !cidx || !reg) {
            free(cand);
            free(cnote);
            free(cidx);
            free(reg);
            ent_bimatrix_free(&b);
            ent_error_set(err, ENT_ENOMEM, "out of memory");
            return ANA_FAIL;
        }
        int exactg = ent_game_has_exact(g);
        for (int k = 0; k < cnt; k++) {
            double *x = cand + (size_t)ncand * (size_t)(m + n);
            int xv, yv;
            ent_bimatrix_profile(b, k, x);
            ent_bimatrix_vertices(b, k, &xv, &yv);
            if (exactg && (ent_verify_regrets(g, x, reg, NULL) != ENT_OK ||
                           !ent_verify_decide(g, x, reg))) {
                dropped++;
                continue;
            }
            snprintf(cnote[ncand], sizeof cnote[ncand], "component %d; x%d y%d%s",
                     ent_bimatrix_component(b, k) + 1, xv + 1, yv + 1, certified ? "; exact" : "");
            cidx[ncand++] = k;
        }
        /* once floating point is known to have misjudged a tie in this game, an
         * enumeration candidate stays only if the exact re-check decides it (a profile
         * whose regret is merely below the tolerance is not taken on trust) */
        if (dropped) {
            int kept = 0;
            for (int j = 0; j < ncand; j++) {
                const double *x = cand + (size_t)j * (size_t)(m + n);
                if (ent_verify_exact(g, x, NULL) != 1) {
                    dropped++;
                    continue;
                }
                if (kept != j) {
                    memmove(cand + (size_t)kept * (size_t)(m + n), x, sizeof(double) * (size_t)(m + n));
                    memcpy(cnote[kept], cnote[j], sizeof cnote[kept]);
                    cidx[kept] = cidx[j];
                }
                kept++;
            }
            ncand = kept;
        }
        ent_bimatrix_opts lo;
        ent_bimatrix_opts_init(&lo);
        lo.method = ENT_BM_LEMKE;
        lo.time_limit = ctx->time_limit;
        ent_error e2 = {0, ""};
        if (dropped && meth != ENT_BM_LEMKE && ent_bimatrix_solve(g, &lo, &lb, &e2) == ENT_OK) {
            for (int k = 0; k < ent_bimatrix_count(lb) && ncand < cap; k++) {
                double *x = cand + (size_t)ncand * (size_t)(m + n);
                ent_bimatrix_profile(lb, k, x);
                if (ent_verify_regrets(g, x, reg, NULL) != ENT_OK || !ent_verify_decide(g, x, reg))
                    continue;
                int dup = 0;
                for (int j = 0; j < ncand && !dup; j++) {
                    double d = 0;
                    for (int i = 0; i < m + n; i++)
                        d = fmax(d, fabs(cand[(size_t)j * (size_t)(m + n) + (size_t)i] - x[i]));
                    dup = d <= 1e-9;
                }
                if (dup)
                    continue;
                snprintf(cnote[ncand], sizeof cnote[ncand], "Lemke-Howson (exact re-check)");
                cidx[ncand++] = -1;
                added++;
            }
        }
        free(reg);
    }
    if (dropped)
        certified = 0; /* the exact table would list the refused candidates */
    cnt = ncand;
    ent_report_kv_str(r, "nash method", "%s%s", method_name(meth),
                      meth == ENT_BM_LEMKE && o.label >= 0 ? " (one label)" : "");
    ent_report_kv_int(r, "nash equilibria", cnt);
    if (meth == ENT_BM_ENUM && !dropped)
        ent_report_kv_int(r, "nash components", ent_bimatrix_ncomponents(b));
    ent_report_kv_str(r, "nash complete", "%s",
                      ent_bimatrix_incomplete(b) ? "no (stopped early)"
                      : dropped ? "not guaranteed (floating point misjudged a near-tie)"
                      : meth == ENT_BM_ENUM    ? "yes"
                      : meth == ENT_BM_SUPPORT ? "only if the game is nondegenerate"
                                               : "no (Lemke-Howson finds some equilibria)");
    if (ent_bimatrix_incomplete(b) && meth == ENT_BM_LEMKE)
        ent_report_text(r, "INCOMPLETE: the time limit or an interrupt stopped Lemke-Howson "
                           "before every path ended; the equilibria below are those found, "
                           "all verified.");
    else if (ent_bimatrix_incomplete(b))
        ent_report_text(r, "INCOMPLETE: the time limit, an interrupt or the size cap of 20 "
                           "million bases per polytope stopped the enumeration; the equilibria "
                           "below are those found, all verified.");
    if (meth == ENT_BM_LEMKE)
        lemke_paths(r, b, m + n);
    if (uncert[0])
        ent_report_text(r, "Exact certification of the vertices failed (%s): a near-tie misled "
                           "floating point. Each equilibrium below was instead re-checked in exact "
                           "rational arithmetic, from the fractions its probabilities round.",
                        uncert);
    if (dropped)
        ent_report_text(r, "%d candidate%s of %s failed the exact re-check (a near-tie decided "
                           "wrongly in floating point) and %s dropped; Lemke-Howson, its paths "
                           "followed again exactly where needed, added %d equilibri%s. The list "
                           "may be incomplete.",
                        dropped, dropped == 1 ? "" : "s", method_name(meth),
                        dropped == 1 ? "was" : "were", added, added == 1 ? "um" : "a");
    if (cnt == 0)
        ent_report_text(r, "No equilibrium found.");
    else if (meth == ENT_BM_ENUM && !dropped)
        ent_report_text(r, "%d extreme equilibri%s in %d component%s; every convex combination "
                           "within a maximal Nash subset (table 'components') is also an "
                           "equilibrium:", cnt, cnt == 1 ? "um" : "a", ent_bimatrix_ncomponents(b),
                        ent_bimatrix_ncomponents(b) == 1 ? "" : "s");
    else
        ent_report_text(r, "%d equilibri%s found by %s:", cnt, cnt == 1 ? "um" : "a",
                        method_name(meth));
    double *mixed = malloc(sizeof(double) * (size_t)(m + n));
    char note[256];
    rc = ANA_OK;
    for (int k = 0; k < cnt && mixed; k++) {
        memcpy(mixed, cand + (size_t)k * (size_t)(m + n), sizeof(double) * (size_t)(m + n));
        snprintf(note, sizeof note, "%s", cnote[k]);
        if (ana_eq_add(ctx, r, "nash", k + 1, mixed, note, err) != ENT_OK) {
            rc = ANA_FAIL;
            break;
        }
        if (k < NASH_PROSE_ROWS) {
            char desc[2048], p0[32], p1[32];
            double pay[2];
            ana_describe_profile(g, mixed, desc, sizeof desc);
            ent_verify_regrets(g, mixed, NULL, pay);
            if (certified)
                ent_report_text(r, "  %d. %s  payoffs (%s, %s)  [%s]", k + 1, desc,
                                ent_bimatrix_exact(b, cidx[k], m + n),
                                ent_bimatrix_exact(b, cidx[k], m + n + 1), note);
            else
                ent_report_text(r, "  %d. %s  payoffs (%s, %s)  [%s]", k + 1, desc,
                                ent_fmt_num(p0, ana_clean(g, pay[0])), ent_fmt_num(p1, ana_clean(g, pay[1])), note);
        } else if (k == NASH_PROSE_ROWS) {
            ent_report_text(r, "  ... %d more (all are in the CSV/JSON equilibria table)",
                            cnt - NASH_PROSE_ROWS);
        }
    }
    if (!mixed) {
        ent_error_set(err, ENT_ENOMEM, "out of memory");
        rc = ANA_FAIL;
    }
    free(mixed);
    if (rc == ANA_OK && certified && cnt > 0) {
        ent_table *t = ent_report_table(r, "exact", "Equilibria in exact rational arithmetic");
        ent_table_col(t, "id", ENT_COL_INT);
        for (int p = 0; p < 2; p++)
            for (int s = 0; s < ent_game_nstrategies(g, p); s++)
                ana_prob_col(t, g, p, s, ENT_COL_STR);
        for (int p = 0; p < 2; p++)
            ana_payoff_col(t, g, p, ENT_COL_STR);
        ana_strategies_table(ctx, r);
        for (int k = 0; k < cnt; k++) {
            ent_table_int(t, k + 1);
            for (int i = 0; i < m + n + 2; i++)
                ent_table_str(t, "%s", ent_bimatrix_exact(b, cidx[k], i));
        }
    }
    if (rc == ANA_OK && ent_bimatrix_nsubsets(b) > 0 && !dropped) {
        ent_table *t = ent_report_table(r, "components",
                                        "Maximal Nash subsets (convex sets of equilibria: every "
                                        "x vertex with every y vertex)");
        ent_table_cols(t, "component:i,subset:i,x_vertices:s,y_vertices:s");
        for (int s = 0; s < ent_bimatrix_nsubsets(b); s++) {
            int c, nx, ny;
            const int *xs, *ys;
            char bx[1024], by[1024];
            size_t lx = 0, ly = 0;
            bx[0] = by[0] = '\0';
            ent_bimatrix_subset(b, s, &c, &nx, &xs, &ny, &ys);
            for (int a = 0; a < nx && lx < sizeof bx - 16; a++)
                lx += (size_t)snprintf(bx + lx, sizeof bx - lx, "%sx%d", a ? " " : "", xs[a] + 1);
            for (int a = 0; a < ny && ly < sizeof by - 16; a++)
                ly += (size_t)snprintf(by + ly, sizeof by - ly, "%sy%d", a ? " " : "", ys[a] + 1);
            ent_table_int(t, c + 1);
            ent_table_int(t, s + 1);
            ent_table_str(t, "%s", bx);
            ent_table_str(t, "%s", by);
        }
    }
    ent_bimatrix_free(&b);
    ent_bimatrix_free(&lb);
    free(cand);
    free(cnote);
    free(cidx);
    return rc;
}

int ana_zerosum(ana_ctx *ctx, ent_report *r, ent_error *err)
{
    const ent_game *g = ctx->game;
    if (!ent_game_is_constant_sum(g, NULL)) {
        if (!ctx->concepts)
            return ANA_OK; /* default run: applies to constant-sum games only */
        ent_report_section(r, "Zero-sum value");
        ent_report_text(r, "Not a two-player constant-sum game: no value (see concept "
                           "'maxmin' for security levels).");
        return ANA_OK;
    }
    ent_report_section(r, "Zero-sum value");
    return zerosum_rows(ctx, r, "zerosum", err);
}

int ana_maxmin(ana_ctx *ctx, ent_report *r, ent_error *err)
{
    const ent_game *g = ctx->game;
    int np = ent_game_nplayers(g), rc = ANA_OK;
    ent_report_section(r, "Security (maxmin) strategies");
    ent_report_text(r, "Each player's mixed strategy maximising the worst payoff over all pure "
                       "profiles of the others (LP); the level is re-checked by direct "
                       "evaluation.");
    ent_table *t = ent_report_table(r, "maxmin", "Mixed security strategies");
    ent_table_cols(t, "player:s,level:n,strategy:s");
    for (int p = 0; p < np && rc == ANA_OK; p++) {
        int k = ent_game_nstrategies(g, p);
        double *x = malloc(sizeof(double) * (size_t)k), level;
        if (!x || ent_maxmin(g, p, &level, x, err) != ENT_OK) {
            if (!x)
                ent_error_set(err, ENT_ENOMEM, "out of memory");
            free(x);
            return ANA_FAIL;
        }
        /* independent check: the worst pure reply leaves at least the level */
        uint64_t nprof = ent_game_nprofiles(g), stride = ent_game_stride(g, p);
        const double *u = ent_game_payoffs(g, p);
        double worst = INFINITY, lo = INFINITY, hi = -INFINITY;
        for (uint64_t i = 0; i < nprof; i++) {
            lo = fmin(lo, u[i]);
            hi = fmax(hi, u[i]);
            if ((i / stride) % (uint64_t)k)
                continue;
            double s = 0;
            for (int a = 0; a < k; a++)
                s += x[a] * u[i + (uint64_t)a * stride];
            worst = fmin(worst, s);
        }
        /* relative to the range, plus the rounding of sums of payoffs as large as |lo|, |hi| */
        if (fabs(worst - level) >
            ENT_TOL_REGRET * (hi - lo) + 8 * k * DBL_EPSILON * fmax(fabs(lo), fabs(hi))) {
            free(x);
            ent_error_set(err, ENT_EVERIFY, "%s: maxmin of %s failed verification (%g vs %g)",
                          ctx->input, ent_game_player_label(g, p), worst, level);
            return ANA_FAIL;
        }
        char desc[4096];
        size_t len = 0;
        desc[0] = '\0';
        for (int a = 0; a < k && len < sizeof desc - 64; a++) {
            if (x[a] <= 1e-12)
                continue;
            char num[32];
            len += (size_t)snprintf(desc + len, sizeof desc - len, "%s%s %s", len ? " + " : "",
                                    ent_fmt_num(num, x[a]), ent_game_strategy_label(g, p, a));
        }
        ent_table_str(t, "%s", ent_game_player_label(g, p));
        ent_table_num(t, level);
        ent_table_str(t, "%s", desc);
        free(x);
    }
    return rc;
}
