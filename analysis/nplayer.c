/* nplayer.c — the n-player concepts: dominance (strict and weak, pure and mixed, in
 * order), the logit QRE branch and its limit, support enumeration of all equilibria of
 * small games, strong / coalition-proof Nash and Pareto efficiency. Every equilibrium
 * printed is re-checked independently (ana_eq_add) and every dominance step against all
 * remaining opponent profiles. */
#include "analysis.h"
#include "../games/util.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* ------------------------------------------------------------ dominance */

static void mixture_text(const ent_game *g, int p, const double *w, char *buf, size_t cap)
{
    size_t len = 0;
    char pb[32];
    buf[0] = '\0';
    for (int t = 0; t < ent_game_nstrategies(g, p) && len < cap; t++) {
        if (w[t] <= 1e-12)
            continue;
        ana_prob_text(w[t], pb);
        int k = snprintf(buf + len, cap - len, "%s%s %s", len ? " + " : "", pb,
                         ent_game_strategy_label(g, p, t));
        len += k > 0 ? (size_t)k : 0;
    }
}

int ana_dominance(ana_ctx *ctx, ent_report *r, ent_error *err)
{
    const ent_game *g = ctx->game;
    ent_report_section(r, "Dominance");
    ent_table *t = ent_report_table(r, "dominance",
                                    "Iterated elimination (each step re-checked against all "
                                    "remaining opponent profiles)");
    ent_table_cols(t, "kind:s,round:i,player:s,strategy:s,dominated_by:s,by_mixture:b,margin:n");
    char mix[1024];
    double deadline = ana_deadline(ctx);
    int stopped = 0;
    for (int weak = 0; weak <= 1 && !stopped; weak++) {
        ent_dominance d;
        int st = ent_dominance_run_until(g, weak, deadline, &d, err);
        if (st == ENT_ETIMEOUT) {
            stopped = 1;
            err->status = ENT_OK;
            err->msg[0] = '\0';
        } else if (st != ENT_OK) {
            ent_solver_thread_done();
            return ana_fail_in(ctx, err);
        }
        for (int k = 0; k < d.nsteps; k++) {
            const ent_dom_step *s = &d.steps[k];
            if (s->by_pure >= 0)
                snprintf(mix, sizeof mix, "%s", ent_game_strategy_label(g, s->player, s->by_pure));
            else
                mixture_text(g, s->player, d.weights + s->wofs, mix, sizeof mix);
            ent_table_str(t, "%s", weak ? "weak" : "strict");
            ent_table_int(t, s->round);
            ent_table_str(t, "%s", ent_game_player_label(g, s->player));
            ent_table_str(t, "%s", ent_game_strategy_label(g, s->player, s->strategy));
            ent_table_str(t, "%s", mix);
            ent_table_bool(t, s->by_pure < 0);
            ent_table_num(t, s->margin);
        }
        ent_buf left = {0};
        for (int p = 0; p < ent_game_nplayers(g); p++) {
            int off = ent_game_strategy_offset(g, p), first = 1;
            ent_buf_printf(&left, "%s%s {", p ? "; " : "", ent_game_player_label(g, p));
            for (int s = 0; s < ent_game_nstrategies(g, p); s++)
                if (d.keep[off + s]) {
                    ent_buf_printf(&left, "%s%s", first ? "" : ", ",
                                   ent_game_strategy_label(g, p, s));
                    first = 0;
                }
            ent_buf_puts(&left, "}");
        }
        ent_report_text(r, "%s dominance (%s): %d strateg%s eliminated; %s: %s.",
                        weak ? "Weak" : "Strict",
                        weak ? "one at a time, first in player/strategy order; the result can "
                               "depend on the order"
                             : "pure and mixed dominators, all at once per round",
                        d.nsteps, d.nsteps == 1 ? "y" : "ies",
                        stopped ? "left when it stopped" : "survivors", left.data ? left.data : "");
        ent_buf_free(&left);
        ent_dominance_clear(&d);
        if (stopped)
            ana_incomplete(r, "dominance", weak ? "weak dominance (the strict eliminations are "
                                                  "complete; the weak ones listed hold, more may follow)"
                                                : "strict dominance (the eliminations listed "
                                                  "hold, more may follow; weak dominance was not run)");
    }
    ent_report_text(r, "Use --reduce to solve the game left by strict elimination (it keeps "
                       "every Nash equilibrium).");
    ent_solver_thread_done();
    return ANA_OK;
}

/* ------------------------------------------------------------ QRE and support enumeration */

/* The equilibria table is data for CSV/JSON: say each equilibrium in prose too. */
static void eq_prose(const ana_ctx *ctx, ent_report *r, int id, const double *mixed)
{
    const ent_game *g = ctx->game;
    int n = ent_game_nplayers(g);
    char *desc = malloc(4096);
    double *pay = malloc(sizeof(double) * (size_t)n), *reg = malloc(sizeof(double) * (size_t)n);
    ent_buf b = {0};
    if (desc && pay && reg && ent_verify_regrets(g, mixed, reg, pay) == ENT_OK) {
        double mr = 0;
        char nb[32];
        for (int p = 0; p < n; p++) {
            mr = reg[p] > mr ? reg[p] : mr;
            ent_buf_printf(&b, "%s%s", p ? ", " : "", ent_fmt_num(nb, ana_clean(g, pay[p])));
        }
        if (mr <= ENT_TOL_ROUNDING * ent_game_payoff_scale(g))
            mr = 0; /* rounding noise, in the game's units */
        ana_describe_profile(g, mixed, desc, 4096);
        unsigned char *feas = NULL;
        char dom[1024] = "";
        if (ana_feasible_mask(ctx, &feas) == ENT_OK) {
            uint64_t d = ent_pareto_dominator(g, feas, pay, ent_verify_tolerance(g));
            if (d != UINT64_MAX) {
                char on[900];
                ana_outcome_name(g, d, on, sizeof on);
                snprintf(dom, sizeof dom, "; Pareto-dominated by %s", on);
            } else {
                snprintf(dom, sizeof dom, "; no outcome Pareto-dominates it");
            }
        }
        free(feas);
        ent_report_text(r, "  %d. %s  payoffs (%s)  max regret %.2g%s", id, desc,
                        b.data ? b.data : "", mr, dom);
    }
    ent_buf_free(&b);
    free(desc);
    free(pay);
    free(reg);
}

int ana_qre(ana_ctx *ctx, ent_report *r, ent_error *err)
{
    const ent_game *g = ctx->game;
    int T = ent_game_total_strategies(g);
    ent_qre_opts o;
    ent_qre_opts_init(&o);
    if (ctx->time_limit > 0)
        o.max_time = ctx->time_limit;
    ent_qre_branch b;
    ent_error e2 = {0, ""};
    int rc = ent_qre_trace(g, &o, &b, &e2);
    if (rc != ENT_OK && (rc == ENT_ENOMEM || rc == ENT_ETOOBIG || b.npoints == 0)) {
        *err = e2;
        return ANA_FAIL;
    }
    ent_report_section(r, "Logit quantal response equilibrium (principal branch)");
    ent_report_text(r, "Traced by predictor-corrector continuation (Turocy 2005) from lambda = 0 "
                       "in %d steps to lambda = %.6g.",
                    b.npoints - 1, b.lambda[b.npoints - 1]);
    if (rc != ENT_OK)
        ent_report_text(r, "The path stopped early: %s.", e2.msg);
    ent_table *t = ent_report_table(r, "qre_branch",
                                    "Points of the branch (lambda in the game's payoff units)");
    ent_table_cols(t, "lambda:n,profile:s");
    for (int p = 0; p < ent_game_nplayers(g); p++)
        for (int s = 0; s < ent_game_nstrategies(g, p); s++)
            ana_prob_col(t, g, p, s, ENT_COL_NUM);
    ana_strategies_table(ctx, r);
    char *desc = malloc(4096);
    if (!desc) {
        ent_qre_branch_clear(&b);
        ent_error_set(err, ENT_ENOMEM, "out of memory");
        return ANA_FAIL;
    }
    double next = 0;
    for (int k = 0; k < b.npoints; k++) {
        if (b.lambda[k] < next && k != b.npoints - 1)
            continue;
        next = b.lambda[k] <= 0 ? 0.01 : next * 10;
        while (next <= b.lambda[k])
            next *= 10;
        const double *x = b.profile + (size_t)k * T;
        ent_table_num(t, b.lambda[k]);
        /* the description rounds, so show plain numbers */
        size_t len = 0;
        desc[0] = '\0';
        for (int p = 0; p < ent_game_nplayers(g) && len < 4096; p++) {
            int off = ent_game_strategy_offset(g, p);
            for (int s = 0; s < ent_game_nstrategies(g, p) && len < 4096; s++) {
                char nb[32];
                int w = snprintf(desc + len, 4096 - len, "%s%s", s ? " " : (p ? " / " : ""),
                                 ent_fmt_num(nb, x[off + s]));
                len += w > 0 ? (size_t)w : 0;
            }
        }
        ent_table_str(t, "%s", desc);
        for (int i = 0; i < T; i++)
            ent_table_num(t, x[i]);
    }
    free(desc);
    int out = ANA_OK;
    if (b.limit_ok) {
        char note[128];
        snprintf(note, sizeof note, "limit of the logit QRE branch (lambda -> inf), Newton-refined");
        out = ana_eq_add(ctx, r, "qre", 1, b.limit, note, err) == ENT_OK ? ANA_OK : ANA_FAIL;
        ent_report_text(r, "The branch converges to this Nash equilibrium (Newton-refined, "
                           "verified):");
        eq_prose(ctx, r, 1, b.limit);
    } else {
        ent_report_text(r, "The end of the branch could not be refined to a verified Nash "
                           "equilibrium (regret %.3g); nothing is listed.",
                        b.limit_regret);
    }
    ent_qre_branch_clear(&b);
    return out;
}

int ana_enumpoly(ana_ctx *ctx, ent_report *r, ent_error *err)
{
    const ent_game *g = ctx->game;
    int T = ent_game_total_strategies(g);
    ent_npoly_opts o;
    ent_npoly_opts_init(&o);
    o.seed = ctx->seed;
    if (ctx->time_limit > 0)
        o.max_time = ctx->time_limit;
    ent_npoly_result res;
    ent_error e2 = {0, ""};
    int rc = ent_nash_npoly(g, &o, &res, &e2);
    if (rc != ENT_OK && rc != ENT_ETIMEOUT) {
        *err = e2;
        return ANA_FAIL;
    }
    ent_report_section(r, "Nash equilibria by support enumeration (n players)");
    ent_report_kv_str(r, "enumpoly_complete", "%s", "not guaranteed");
    ent_report_text(r, "%d equilibri%s found over %lu support profiles; each support system was "
                       "solved by Levenberg-Marquardt from %d seeded starts.",
                    res.neq, res.neq == 1 ? "um" : "a", res.supports, o.starts);
    ent_report_text(r, "Completeness is NOT guaranteed: an equilibrium no start converges to is "
                       "missed, and a continuum shows only the points reached.");
    if (rc == ENT_ETIMEOUT)
        ent_report_text(r, "Stopped early: %s.", e2.msg);
    int out = ANA_OK;
    for (int e = 0; e < res.neq && out == ANA_OK; e++) {
        if (ana_eq_add(ctx, r, "enumpoly", e + 1, res.eq + (size_t)e * T, "support enumeration",
                       err) != ENT_OK)
            out = ANA_FAIL;
        else
            eq_prose(ctx, r, e + 1, res.eq + (size_t)e * T);
    }
    ent_npoly_result_clear(&res);
    return out;
}

/* ------------------------------------------------------------ coalitions and Pareto */

int ana_strong(ana_ctx *ctx, ent_report *r, ent_error *err)
{
    const ent_game *g = ctx->game;
    int n = ent_game_nplayers(g), k;
    ent_coalition_status *st;
    unsigned char *feas = NULL;
    if (ana_feasible_mask(ctx, &feas) != ENT_OK) {
        ent_error_set(err, ENT_ENOMEM, "out of memory");
        return ANA_FAIL;
    }
    uint64_t examined = 0;
    int arc = ent_coalition_analyse_until(g, feas, ana_deadline(ctx), &st, &k, &examined, err);
    free(feas);
    if (arc != ENT_OK && arc != ENT_ETIMEOUT)
        return ana_fail_in(ctx, err);
    ent_report_section(r, "Coalitional stability of pure equilibria");
    if (arc == ENT_ETIMEOUT) {
        char what[256];
        err->status = ENT_OK;
        err->msg[0] = '\0';
        snprintf(what, sizeof what, "the analysis after %llu of %llu profiles (by index; the "
                                    "equilibria among them are listed in full)",
                 (unsigned long long)examined, (unsigned long long)ent_game_nprofiles(g));
        ana_incomplete(r, "strong", what);
    }
    ent_report_text(r, "Strong Nash: no coalition can jointly deviate so that every member "
                       "gains. Coalition-proof (Bernheim, Peleg & Whinston 1987): only "
                       "deviations that are themselves immune to further sub-coalition "
                       "deviations count.");
    ent_table *t = ent_report_table(r, "strong", "Pure Nash equilibria: strong, coalition-proof, "
                                                 "Pareto");
    ent_table_col(t, "outcome", ENT_COL_STR);
    char a[1024], b[1024];
    for (int p = 0; p < n; p++)
        ana_payoff_col(t, g, p, ENT_COL_NUM);
    ana_strategies_table(ctx, r);
    ent_table_cols(t,
                   "strong:b,strong_blocked_by:s,strong_deviation:s,coalition_proof:b,cp_blocked_by:s,"
                   "cp_deviation:s,pareto_optimal:b,pareto_dominated_by:s");
    if (k == 0)
        ent_report_text(r, arc == ENT_ETIMEOUT ? "No pure Nash equilibrium among the profiles "
                                                 "examined."
                                               : "The game has no pure Nash equilibrium.");
    int T = ent_game_total_strategies(g);
    double *mixed = calloc((size_t)T, sizeof(double));
    int *prof = malloc(sizeof(int) * (size_t)n);
    if (!mixed || !prof) {
        free(mixed);
        free(prof);
        free(st);
        ent_error_set(err, ENT_ENOMEM, "out of memory");
        return ANA_FAIL;
    }
    for (int e = 0; e < k; e++) {
        ent_coalition_status *s = &st[e];
        /* independent check that the profile is a Nash equilibrium */
        ent_game_profile_decode(g, s->profile, prof);
        memset(mixed, 0, sizeof(double) * (size_t)T);
        for (int p = 0; p < n; p++)
            mixed[ent_game_strategy_offset(g, p) + prof[p]] = 1;
        double mr = ent_verify_max_regret(g, mixed);
        if (mr < 0 || mr > ent_verify_tolerance(g)) {
            ana_outcome_name(g, s->profile, a, sizeof a);
            ent_error_set(err, ENT_EVERIFY, "%s: strong: %s failed verification (regret %.3g)",
                          ctx->input, a, mr);
            free(mixed);
            free(prof);
            free(st);
            return ANA_FAIL;
        }
        ana_outcome_name(g, s->profile, a, sizeof a);
        ent_table_str(t, "%s", a);
        for (int p = 0; p < n; p++)
            ent_table_num(t, ent_game_payoffs(g, p)[s->profile]);
        ent_table_bool(t, s->strong);
        ana_coalition_name(g, s->strong_block, b, sizeof b);
        ent_table_str(t, "%s", s->strong ? "" : b);
        ana_outcome_name(g, s->strong_dev, b, sizeof b);
        ent_table_str(t, "%s", s->strong ? "" : b);
        ent_table_bool(t, s->cpne);
        ana_coalition_name(g, s->cpne_block, b, sizeof b);
        ent_table_str(t, "%s", s->cpne ? "" : b);
        ana_outcome_name(g, s->cpne_dev, b, sizeof b);
        ent_table_str(t, "%s", s->cpne ? "" : b);
        ent_table_bool(t, s->pareto);
        if (!s->pareto)
            ana_outcome_name(g, s->pareto_dom, b, sizeof b);
        ent_table_str(t, "%s", s->pareto ? "" : b);
        if (s->strong) {
            ent_report_text(r, "%s: strong Nash (hence coalition-proof).", a);
        } else {
            char c1[1024], d1[1024];
            ana_coalition_name(g, s->strong_block, c1, sizeof c1);
            ana_outcome_name(g, s->strong_dev, d1, sizeof d1);
            if (s->cpne)
                ent_report_text(r, "%s: not strong (%s gain by moving to %s), but coalition-"
                                   "proof: no such deviation is self-enforcing.",
                                a, c1, d1);
            else {
                char c2[1024], d2[1024];
                ana_coalition_name(g, s->cpne_block, c2, sizeof c2);
                ana_outcome_name(g, s->cpne_dev, d2, sizeof d2);
                ent_report_text(r, "%s: not strong (%s gain by moving to %s) and not coalition-"
                                   "proof (%s have the self-enforcing deviation to %s).",
                                a, c1, d1, c2, d2);
            }
        }
    }
    free(mixed);
    free(prof);
    free(st);
    return ANA_OK;
}

int ana_pareto(ana_ctx *ctx, ent_report *r, ent_error *err)
{
    const ent_game *g = ctx->game;
    int n = ent_game_nplayers(g);
    uint64_t np = ent_game_nprofiles(g);
    unsigned char *m = malloc((size_t)np), *feas = NULL;
    int frc = ana_feasible_mask(ctx, &feas), prc = ENT_ENOMEM;
    uint64_t examined = 0;
    if (!m || frc != ENT_OK ||
        ((prc = ent_pareto_optimal_until(g, feas, ana_deadline(ctx), m, &examined)) != ENT_OK &&
         prc != ENT_ETIMEOUT)) {
        free(m);
        free(feas);
        ent_error_set(err, ENT_ENOMEM, "out of memory");
        return ANA_FAIL;
    }
    ent_report_section(r, "Pareto efficiency");
    if (prc == ENT_ETIMEOUT) {
        char what[256];
        snprintf(what, sizeof what, "the comparison after %llu of %llu outcomes (by decreasing "
                                    "payoff sum; those listed are Pareto-optimal, more may be)",
                 (unsigned long long)examined, (unsigned long long)np);
        ana_incomplete(r, "pareto", what);
    }
    ent_table *t = ent_report_table(r, "pareto", "Pareto-optimal outcomes");
    ent_table_col(t, "outcome", ENT_COL_STR);
    for (int p = 0; p < n; p++)
        ana_payoff_col(t, g, p, ENT_COL_NUM);
    ana_strategies_table(ctx, r);
    uint64_t cnt = 0;
    char name[1024];
    for (uint64_t i = 0; i < np; i++) {
        if (!m[i])
            continue;
        cnt++;
        ana_outcome_name(g, i, name, sizeof name);
        ent_table_str(t, "%s", name);
        for (int p = 0; p < n; p++)
            ent_table_num(t, ent_game_payoffs(g, p)[i]);
    }
    ent_report_text(r, "%llu of %llu outcomes %s Pareto-optimal (no other outcome is at least "
                       "as good for every actor and better for one).",
                    (unsigned long long)cnt, (unsigned long long)np,
                    prc == ENT_ETIMEOUT ? "found before the stop are" : "are");
    free(feas);
    free(m);
    return ANA_OK;
}
