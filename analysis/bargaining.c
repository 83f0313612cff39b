/* bargaining.c — the bargaining concept: the axiomatic solutions (Nash, asymmetric Nash,
 * Kalai-Smorodinsky, egalitarian, utilitarian) over the outcomes of a game or their
 * lotteries, from a disagreement point (maxmin levels, the first pure equilibrium or a
 * named outcome); and, for a scenario with a `bargaining` block, the divided pie,
 * Rubinstein alternating offers and the commitment-problem threshold. Every solution is
 * re-checked by solver/bargaining/verify.c before it is reported. */
#include "analysis.h"
#include "../games/util.h"
#include "../games/scenario_bargaining.h"
#include "../solver/bargaining/bargaining.h"

#include <ctype.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define BARG_MAX_OUTCOMES 200000

/* Trimmed copy of [a, b) compared with s. */
static int same_word(const char *a, const char *b, const char *s)
{
    while (a < b && isspace((unsigned char)*a))
        a++;
    while (b > a && isspace((unsigned char)b[-1]))
        b--;
    return strlen(s) == (size_t)(b - a) && !strncmp(a, s, (size_t)(b - a));
}

/* "Dare / Chicken" or "Dare,Chicken": one strategy label per player, in order. */
static int parse_outcome(const ent_game *g, const char *text, uint64_t *out, ent_error *err)
{
    int n = ent_game_nplayers(g);
    uint64_t idx = 0;
    const char *s = text;
    for (int p = 0; p < n; p++) {
        while (isspace((unsigned char)*s))
            s++;
        const char *e = s + strcspn(s, ",/");
        if (!*s && p < n) {
            return ent_error_set(err, ENT_EOPTION,
                                 "--disagreement '%s': expected %d strategy labels, one per "
                                 "player, separated by '/' or ','",
                                 text, n);
        }
        int found = -1;
        for (int k = 0; k < ent_game_nstrategies(g, p) && found < 0; k++)
            if (same_word(s, e, ent_game_strategy_label(g, p, k)))
                found = k;
        if (found < 0)
            return ent_error_set(err, ENT_EOPTION,
                                 "--disagreement '%s': player %s has no strategy '%.*s'", text,
                                 ent_game_player_label(g, p), (int)(e - s), s);
        idx += (uint64_t)found * ent_game_stride(g, p);
        s = *e ? e + 1 : e;
    }
    if (*s)
        return ent_error_set(err, ENT_EOPTION, "--disagreement '%s': more labels than players",
                             text);
    *out = idx;
    return ENT_OK;
}

/* The disagreement point and its description. */
static int disagreement(const ana_ctx *ctx, double *d, char *what, size_t cap,
                        ent_error *err)
{
    const ent_game *g = ctx->game;
    int n = ent_game_nplayers(g);
    const sc_bargaining *blk = ent_scenario_bargaining_block(ctx->scenario);
    const char *how = ctx->disagreement   ? ctx->disagreement
                      : blk && blk->state ? blk->state
                                          : "maxmin";
    if (!strcmp(how, "maxmin")) {
        for (int p = 0; p < n; p++) {
            double *st = malloc(sizeof(double) * (size_t)ent_game_nstrategies(g, p));
            if (!st)
                return ent_error_set(err, ENT_ENOMEM, "out of memory");
            int rc = ent_maxmin(g, p, &d[p], st, err);
            free(st);
            if (rc != ENT_OK)
                return rc;
        }
        snprintf(what, cap, "each actor's maxmin (security) level");
        return ENT_OK;
    }
    uint64_t idx = 0;
    if (!strcmp(how, "nash")) {
        ent_pure_eq *eqs = NULL;
        size_t count = 0;
        uint64_t total = 0;
        int rc = ent_pure_nash(g, NULL, &eqs, &count, &total, err);
        if (rc != ENT_OK)
            return rc;
        if (!count) {
            free(eqs);
            return ent_error_set(err, ENT_EOPTION,
                                 "--disagreement nash: the game has no pure Nash equilibrium");
        }
        idx = eqs[0].profile;
        free(eqs);
        char on[512];
        ana_outcome_name(g, idx, on, sizeof on);
        snprintf(what, cap, "the pure Nash equilibrium %s%s", on,
                 total > 1 ? " (the first of several)" : "");
    } else if (ctx->scenario && (strchr(how, '.') || !*how)) { /* a scenario state */
        int *prof = malloc(sizeof(int) * (size_t)n);
        if (!prof)
            return ent_error_set(err, ENT_ENOMEM, "out of memory");
        ent_error e2 = {0, ""};
        if (ent_scenario_parse_state(ctx->scenario, how, prof, &e2) != ENT_OK) {
            free(prof);
            return ent_error_set(err, ENT_EOPTION, "disagreement state '%s': %s", how, e2.msg);
        }
        idx = ent_game_profile_index(g, prof);
        char on[512];
        ent_scenario_describe(ctx->scenario, prof, on, sizeof on);
        free(prof);
        snprintf(what, cap, "the state where %s", on);
    } else {
        int rc = parse_outcome(g, how, &idx, err);
        if (rc != ENT_OK)
            return rc;
        char on[512];
        ana_outcome_name(g, idx, on, sizeof on);
        snprintf(what, cap, "the outcome %s", on);
    }
    for (int p = 0; p < n; p++)
        d[p] = ent_game_payoffs(g, p)[idx];
    return ENT_OK;
}

static int parse_powers(const char *text, int n, double *w, ent_error *err)
{
    const char *s = text;
    for (int i = 0; i < n; i++) {
        char *end;
        w[i] = strtod(s, &end);
        if (end == s || !(w[i] > 0) || !isfinite(w[i]) || (i < n - 1 && *end != ',') ||
            (i == n - 1 && *end))
            return ent_error_set(err, ENT_EOPTION,
                                 "--powers '%s': expected %d positive numbers separated by ','",
                                 text, n);
        s = end + 1;
    }
    return ENT_OK;
}

/* LP solutions carry noise near 1e-11: reports show 9 decimals below the payoff scale
 * (the checks use the unrounded values). */
static double shown(double v, double scale)
{
    double q = pow(10, floor(log10(scale)) - 9);
    double r = round(v / q) * q;
    return fabs(r) < q ? 0.0 : r;
}

static ent_table *result_tables(ent_report *r, ent_table **mixt)
{
    ent_table *t = ent_report_find_table(r, "bargaining");
    if (!t) {
        t = ent_report_table(r, "bargaining",
                             "Bargaining solutions: each actor's payoff, its disagreement "
                             "payoff and gain (each solution re-checked)");
        ent_table_col(t, "solution", ENT_COL_STR);
        ent_table_col(t, "actor", ENT_COL_STR);
        ent_table_col(t, "payoff", ENT_COL_NUM);
        ent_table_col(t, "disagreement", ENT_COL_NUM);
        ent_table_col(t, "gain", ENT_COL_NUM);
        ent_table_col(t, "at_disagreement", ENT_COL_BOOL);
    }
    *mixt = ent_report_find_table(r, "bargaining_agreement");
    if (!*mixt) {
        *mixt = ent_report_table(r, "bargaining_agreement",
                                 "The agreement of each solution as outcomes mixed");
        ent_table_col(*mixt, "solution", ENT_COL_STR);
        ent_table_col(*mixt, "outcome", ENT_COL_STR);
        ent_table_col(*mixt, "weight", ENT_COL_NUM);
    }
    return t;
}

static int game_bargaining(ana_ctx *ctx, ent_report *r, ent_error *err)
{
    const ent_game *g = ctx->game;
    int n = ent_game_nplayers(g);
    uint64_t np = ent_game_nprofiles(g);
    unsigned char *feas = NULL;
    if (ana_feasible_mask(ctx, &feas) != ENT_OK)
        return ent_error_set(err, ENT_ENOMEM, "out of memory"), ANA_FAIL;
    uint64_t m = 0;
    for (uint64_t i = 0; i < np; i++)
        m += !feas || feas[i];
    if (m > BARG_MAX_OUTCOMES) {
        free(feas);
        ent_error_set(err, ENT_ETOOBIG, "bargaining: %llu outcomes (at most %d)",
                      (unsigned long long)m, BARG_MAX_OUTCOMES);
        return ANA_FAIL;
    }
    int rc = ANA_FAIL;
    uint64_t *prof = malloc(sizeof(uint64_t) * (size_t)m);
    double *pay = malloc(sizeof(double) * (size_t)m * (size_t)n);
    double *d = malloc(sizeof(double) * (size_t)n);
    double *w = ctx->powers ? malloc(sizeof(double) * (size_t)n) : NULL;
    barg_solution sol = {0};
    char what[700];
    if (!prof || !pay || !d || (ctx->powers && !w) ||
        barg_solution_alloc(&sol, n, (int)m) != ENT_OK) {
        ent_error_set(err, ENT_ENOMEM, "out of memory");
        goto out;
    }
    m = 0;
    for (uint64_t i = 0; i < np; i++)
        if (!feas || feas[i]) {
            prof[m] = i;
            for (int p = 0; p < n; p++)
                pay[m * (uint64_t)n + (uint64_t)p] = ent_game_payoffs(g, p)[i];
            m++;
        }
    int st = disagreement(ctx, d, what, sizeof what, err);
    if (st == ENT_OK && w)
        st = parse_powers(ctx->powers, n, w, err);
    if (st != ENT_OK) {
        rc = st == ENT_EOPTION ? ANA_BADOPT : ANA_FAIL;
        goto out;
    }
    barg_problem bp = {n, (int)m, pay, d, w, !ctx->no_lotteries};
    ent_report_section(r, "Bargaining (Nash 1950; Kalai-Smorodinsky 1975; Kalai 1977)");
    ent_report_text(r, "Feasible agreements: %s %llu outcomes%s; disagreement point: %s.",
                    bp.lotteries ? "every lottery over the" : "each of the",
                    (unsigned long long)m, feas ? " the scenario allows" : "", what);
    if (w) {
        ent_buf pb = {0};
        char b[32];
        for (int p = 0; p < n; p++)
            ent_buf_printf(&pb, "%s%s %s", p ? ", " : "", ent_game_player_label(g, p),
                           ent_fmt_num(b, w[p]));
        ent_report_text(r, "Nash bargaining powers: %s.", pb.data ? pb.data : "");
        ent_buf_free(&pb);
    }
    ent_table *mixt, *t = result_tables(r, &mixt);
    double sc = 1;
    for (uint64_t k = 0; k < m * (uint64_t)n; k++)
        sc = fmax(sc, fabs(pay[k]));
    double tol = 1e-7 * sc;
    for (int kind = 0; kind < BARG_NKINDS; kind++) {
        if ((st = barg_solve(&bp, kind, &sol, err)) != ENT_OK) {
            if (st == ENT_EINFEASIBLE) {
                char msg[sizeof err->msg];
                snprintf(msg, sizeof msg, "%s", err->msg);
                ent_error_set(err, ENT_EINFEASIBLE, "%s: bargaining: %s", ctx->input, msg);
            }
            goto out;
        }
        double viol;
        if (!barg_verify(&bp, kind, &sol, tol, &viol)) {
            ent_error_set(err, ENT_EVERIFY,
                          "bargaining: the %s solution failed its check (violation %.3g)",
                          barg_kind_name[kind], viol);
            goto out;
        }
        const char *label = kind == BARG_NASH && w ? "nash (asymmetric)" : barg_kind_name[kind];
        ent_buf words = {0}, gains = {0};
        char on[1024], pb[32], vb[32], gb[32];
        for (int k = 0; k < (int)m; k++) {
            if (sol.mix[k] <= 1e-9)
                continue;
            ana_outcome_name(g, prof[k], on, sizeof on);
            ent_table_str(mixt, "%s", label);
            ent_table_str(mixt, "%s", on);
            ent_table_num(mixt, shown(sol.mix[k], 1));
            ana_prob_text(shown(sol.mix[k], 1), pb);
            ent_buf_printf(&words, "%s%s%s%s", words.len ? " + " : "",
                           sol.mix[k] < 1 - 1e-9 ? pb : "", sol.mix[k] < 1 - 1e-9 ? " " : "", on);
        }
        for (int p = 0; p < n; p++) {
            double gain = shown(sol.x[p] - d[p], sc), xp = shown(sol.x[p], sc);
            int at = fabs(sol.x[p] - d[p]) <= tol;
            ent_table_str(t, "%s", label);
            ent_table_str(t, "%s", ent_game_player_label(g, p));
            ent_table_num(t, xp);
            ent_table_num(t, d[p]);
            ent_table_num(t, at ? 0.0 : gain);
            ent_table_bool(t, at);
            ent_buf_printf(&gains, "%s%s %s (%s%s)", p ? ", " : "", ent_game_player_label(g, p),
                           ent_fmt_num(vb, xp), at ? "at disagreement" : "+",
                           at ? "" : ent_fmt_num(gb, gain));
        }
        ent_report_text(r, "%s: %s; payoffs %s.", label, words.data ? words.data : "",
                        gains.data ? gains.data : "");
        if (kind == BARG_NKINDS - 1)
            for (int p = 0; p < n; p++)
                if (sol.fixed[p])
                    ent_report_text(r, "No feasible agreement gives %s more than its disagreement payoff %s: "
                                       "it has nothing to gain from a deal.",
                                    ent_game_player_label(g, p), ent_fmt_num(vb, d[p]));
        ent_buf_free(&words);
        ent_buf_free(&gains);
    }
    rc = ANA_OK;
out:
    barg_solution_free(&sol);
    ent_solver_thread_done();
    free(feas);
    free(prof);
    free(pay);
    free(d);
    free(w);
    return rc;
}

/* The scenario's bargaining block: the pie, alternating offers, commitment cases. */
static int block_bargaining(const sc_bargaining *b, ent_report *r, ent_error *err)
{
    char b1[32], b2[32], b3[32], b4[32];
    barg_pie pie = {scb_utility, (void *)b, {b->d[0], b->d[1]}, {b->w[0], b->w[1]}};
    int side;
    double at;
    int rc = barg_pie_check(&pie, &side, &at);
    if (rc != ENT_OK) {
        ent_error_set(err, rc, rc == ENT_EINVAL ? "bargaining: the utility of %s is not increasing (at share %g)"
                                                : "bargaining: the disagreement point lies outside the feasible set (%s cannot reach its disagreement value)",
                      b->side[side], at);
        return ANA_FAIL;
    }
    ent_report_section(r, "Dividing the pie (bargaining block)");
    ent_report_text(r, "%s and %s divide a pie of 1; disagreement utilities %s and %s.", b->side[0],
                    b->side[1], ent_fmt_num(b1, b->d[0]), ent_fmt_num(b2, b->d[1]));
    ent_table *t = ent_report_table(r, "bargaining_pie", "Axiomatic divisions of the pie (each re-checked)");
    ent_table_col(t, "solution", ENT_COL_STR);
    ent_table_col(t, "side", ENT_COL_STR);
    ent_table_col(t, "share", ENT_COL_NUM);
    ent_table_col(t, "utility", ENT_COL_NUM);
    ent_table_col(t, "gain", ENT_COL_NUM);
    for (int kind = 0; kind < BARG_NKINDS; kind++) {
        double x;
        barg_pie_solve(&pie, kind, &x);
        if (!barg_pie_verify(&pie, kind, x, 1e-7)) {
            ent_error_set(err, ENT_EVERIFY, "bargaining: the %s division of the pie failed its check",
                          barg_kind_name[kind]);
            return ANA_FAIL;
        }
        x = fabs(x - round(x * 1e8) / 1e8) < 1e-10 ? round(x * 1e8) / 1e8 : x;
        for (int i = 0; i < 2; i++) {
            double sh = i ? 1 - x : x, u = scb_utility((void *)b, i, sh);
            ent_table_str(t, "%s", barg_kind_name[kind]);
            ent_table_str(t, "%s", b->side[i]);
            ent_table_num(t, sh);
            ent_table_num(t, u);
            ent_table_num(t, u - b->d[i]);
        }
        ent_report_text(r, "%s: %s gets %s of the pie, %s gets %s.", barg_kind_name[kind], b->side[0],
                        ent_fmt_num(b1, x), b->side[1], ent_fmt_num(b2, 1 - x));
    }
    double sh[2];
    int bind[2];
    if (barg_rubinstein_solve(&b->rub, sh, bind, err) != ENT_OK ||
        !barg_rubinstein_verify(&b->rub, sh, 1e-9)) {
        if (!err->status)
            ent_error_set(err, ENT_EVERIFY, "bargaining: the alternating-offers division failed its check");
        return ANA_FAIL;
    }
    ent_report_section(r, "Alternating offers (Rubinstein 1982)");
    ent_report_text(r, "%s proposes first; discount factors %s (%s) and %s (%s) per period%s%s.",
                    b->side[b->rub.proposer], ent_fmt_num(b1, b->rub.delta[0]), b->side[0],
                    ent_fmt_num(b2, b->rub.delta[1]), b->side[1], b->rub.breakdown > 0 ? "; breakdown risk " : "",
                    b->rub.breakdown > 0 ? ent_fmt_num(b3, b->rub.breakdown) : "");
    ent_table *rt = ent_report_table(r, "bargaining_offers", "Alternating offers: the immediate agreement");
    ent_table_col(rt, "side", ENT_COL_STR);
    ent_table_col(rt, "share", ENT_COL_NUM);
    ent_table_col(rt, "outside_option", ENT_COL_NUM);
    ent_table_col(rt, "option_binds", ENT_COL_BOOL);
    for (int i = 0; i < 2; i++) {
        ent_table_str(rt, "%s", b->side[i]);
        ent_table_num(rt, sh[i]);
        ent_table_num(rt, b->rub.has_out ? b->rub.out[i] : 0);
        ent_table_bool(rt, bind[i]);
    }
    ent_report_text(r, "Agreement at once: %s %s, %s %s%s.", b->side[0], ent_fmt_num(b1, sh[0]), b->side[1],
                    ent_fmt_num(b2, sh[1]),
                    bind[0] || bind[1] ? " (an outside option binds: the offer just matches it)" : "");
    if (b->has_rate && b->rate[0] > 0) {
        double lim = b->rub.proposer == 0 ? b->rate[1] / (b->rate[0] + b->rate[1]) : b->rate[0] / (b->rate[0] + b->rate[1]);
        ent_report_text(r, "As the period shrinks the proposer's advantage vanishes: %s's share tends to %s "
                           "(the Nash solution with powers 1/rate).",
                        b->side[b->rub.proposer], ent_fmt_num(b1, lim));
    }
    if (!b->ncases)
        return ANA_OK;
    ent_report_section(r, "The commitment problem (Fearon 1995; Powell 2006)");
    ent_table *ct = ent_report_table(r, "bargaining_commitment",
                                     "Threshold credibility of the guarantee (closed form, re-checked by bisection)");
    ent_table_col(ct, "case", ENT_COL_STR);
    ent_table_col(ct, "q_star", ENT_COL_NUM);
    ent_table_col(ct, "q_bisection", ENT_COL_NUM);
    ent_table_col(ct, "q_ceiling", ENT_COL_NUM);
    ent_table_col(ct, "range_without_guarantee", ENT_COL_BOOL);
    ent_table *qt = ent_report_table(r, "bargaining_range", "Bargaining range by guarantee credibility q (A's share today)");
    ent_table_col(qt, "case", ENT_COL_STR);
    ent_table_col(qt, "q", ENT_COL_NUM);
    ent_table_col(qt, "low", ENT_COL_NUM);
    ent_table_col(qt, "high", ENT_COL_NUM);
    ent_table_col(qt, "empty", ENT_COL_BOOL);
    for (int k = 0; k < b->ncases; k++) {
        const barg_commitment *c = &b->cases[k].c;
        double qs, qm, qb, lo, hi;
        int ex = barg_commitment_threshold(c, &qs, &qm, &qb);
        if (ex != !isnan(qb) || (ex && fabs(qs - qb) > 1e-9)) {
            ent_error_set(err, ENT_EVERIFY, "bargaining: case '%s': closed-form threshold %g and bisection %g disagree",
                          b->cases[k].name, qs, qb);
            return ANA_FAIL;
        }
        int now = barg_commitment_range(c, 0, &lo, &hi);
        ent_table_str(ct, "%s", b->cases[k].name);
        ent_table_num(ct, ex ? qs : NAN);
        ent_table_num(ct, ex ? qb : NAN);
        ent_table_num(ct, ex ? qm : NAN);
        ent_table_bool(ct, now);
        for (int j = 0; j <= 10; j++) {
            double q = j / 10.0;
            int ne = barg_commitment_range(c, q, &lo, &hi);
            ent_table_str(qt, "%s", b->cases[k].name);
            ent_table_num(qt, q);
            ent_table_num(qt, lo);
            ent_table_num(qt, hi);
            ent_table_bool(qt, !ne);
        }
        if (now)
            ent_report_text(r, "%s: a settlement beats war even without the guarantee.", b->cases[k].name);
        else if (ex)
            ent_report_text(r, "%s: no settlement is self-enforcing unless the guarantor is believed to fight "
                               "with probability at least %s; above that, a deal beats war for both sides.",
                            b->cases[k].name, ent_fmt_num(b4, qs));
        else
            ent_report_text(r, "%s: no credibility of the guarantee makes a settlement beat war for both "
                               "sides.", b->cases[k].name);
        if (ex && qm < 1)
            ent_report_text(r, "%s: above a credibility of %s the guarantee backfires: the rising side would "
                               "rather fight now than face a guaranteed opponent later.",
                            b->cases[k].name, ent_fmt_num(b4, qm));
    }
    return ANA_OK;
}

int ana_bargaining(ana_ctx *ctx, ent_report *r, ent_error *err)
{
    int rc = game_bargaining(ctx, r, err);
    const sc_bargaining *b = ent_scenario_bargaining_block(ctx->scenario);
    if (rc == ANA_OK && b)
        rc = block_bargaining(b, r, err);
    return rc;
}
