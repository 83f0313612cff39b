/* extensive.c — the extensive-form concepts for trees (.efg, or built in memory):
 * `spe` (subgame-perfect equilibria: backward induction listing and counting every pure
 * SPE under perfect information, subgame decomposition otherwise; each with its path in
 * words, the off-path choices that hold it in place, payoffs, and the pure Nash
 * equilibria of the normal form that are not subgame perfect) and `seqform` (the
 * sequence-form LP of a two-player zero-sum tree). Every equilibrium is checked by the
 * independent tree walks and, through its normal-form image, by ana_eq_add. */
#include "analysis.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

enum { SPE_MAX_PATH = 24, SPE_MAX_THREATS = 12 };

static int need_tree(ana_ctx *ctx, ent_report *r, const char *concept)
{
    if (ctx->tree)
        return 0;
    ent_report_section(r, concept);
    ent_report_text(r, "This concept applies to games in extensive form (a Gambit .efg file, or a "
                       "scenario with a sequence block).");
    return 1;
}

static const char *iset_name(const ent_efg *t, int h, char *buf, size_t cap)
{
    const char *l = ent_efg_infoset_label(t, h);
    if (l[0])
        snprintf(buf, cap, "\"%s\"", l);
    else
        snprintf(buf, cap, "information set %d", h + 1);
    return buf;
}

static const char *act_name(const ent_efg *t, int h, int a, char *buf, size_t cap)
{
    const char *l = ent_efg_action_label(t, h, a);
    if (l[0])
        snprintf(buf, cap, "%s", l);
    else
        snprintf(buf, cap, "action %d", a + 1);
    return buf;
}

static void put_payoffs(const ent_efg *t, const double *pay, char *buf, size_t cap)
{
    size_t len = 0;
    char num[32];
    buf[0] = '\0';
    for (int p = 0; p < ent_efg_nplayers(t) && len < cap; p++) {
        int w = snprintf(buf + len, cap - len, "%s%s", p ? ", " : "", ent_fmt_num(num, pay[p]));
        len += w > 0 ? (size_t)w : 0;
    }
}

/* Path in words of a behaviour profile: the moves with positive probability, in
 * preorder (chance moves named with their probabilities), at most SPE_MAX_PATH. Nodes
 * reached with probability 0 are marked in reach[] = 0. */
static void describe_path(const ent_efg *t, const double *b, double *reach, char *buf, size_t cap)
{
    int N = ent_efg_nnodes(t), shown = 0;
    size_t len = 0;
    char an[128], num[32];
    buf[0] = '\0';
    for (int x = 0; x < N; x++)
        reach[x] = 0;
    reach[0] = 1;
    for (int x = 0; x < N; x++) {
        int h = ent_efg_node_iset(t, x);
        if (h < 0)
            continue;
        int k = ent_efg_infoset_nactions(t, h), p = ent_efg_infoset_player(t, h);
        for (int a = 0; a < k; a++) {
            double q = b[ent_efg_action_index(t, h, a)];
            reach[ent_efg_node_child(t, x, a)] = reach[x] * q;
            if (reach[x] <= 0 || q <= 0 || len >= cap)
                continue;
            if (shown == SPE_MAX_PATH) {
                len += (size_t)snprintf(buf + len, cap - len, "; ...");
                shown++;
                continue;
            }
            if (shown > SPE_MAX_PATH)
                continue;
            act_name(t, h, a, an, sizeof an);
            int w;
            if (p < 0)
                w = snprintf(buf + len, cap - len, "%schance: %s (%s)", shown ? "; " : "", an,
                             ent_fmt_num(num, q));
            else if (q < 1)
                w = snprintf(buf + len, cap - len, "%s%s: %s with probability %s", shown ? "; " : "",
                             ent_efg_player_label(t, p), an, ent_fmt_num(num, q));
            else
                w = snprintf(buf + len, cap - len, "%s%s: %s", shown ? "; " : "",
                             ent_efg_player_label(t, p), an);
            len += w > 0 ? (size_t)w : 0;
            shown++;
        }
    }
    if (len >= cap && cap > 4)
        memcpy(buf + cap - 4, "...", 4);
}

/* Off-path choices: decision information sets no node of which is reached. */
static void describe_threats(const ent_efg *t, const double *b, const double *reach,
                             ent_report *r)
{
    int N = ent_efg_nnodes(t), nh = ent_efg_ninfosets(t), shown = 0, more = 0;
    unsigned char *on = calloc((size_t)nh + 1, 1);
    if (!on)
        return;
    for (int x = 0; x < N; x++)
        if (ent_efg_node_iset(t, x) >= 0 && reach[x] > 0)
            on[ent_efg_node_iset(t, x)] = 1;
    char in[160], an[128], num[32], line[512];
    for (int h = 0; h < nh; h++) {
        int p = ent_efg_infoset_player(t, h);
        if (p < 0 || on[h])
            continue;
        if (shown == SPE_MAX_THREATS) {
            more++;
            continue;
        }
        size_t len = (size_t)snprintf(line, sizeof line, "     had play reached %s, %s would choose ",
                                      iset_name(t, h, in, sizeof in), ent_efg_player_label(t, p));
        int k = ent_efg_infoset_nactions(t, h), first = 1;
        for (int a = 0; a < k && len < sizeof line; a++) {
            double q = b[ent_efg_action_index(t, h, a)];
            if (q <= 0)
                continue;
            act_name(t, h, a, an, sizeof an);
            int w = q < 1 ? snprintf(line + len, sizeof line - len, "%s%s (%s)", first ? "" : " or ",
                                     an, ent_fmt_num(num, q))
                          : snprintf(line + len, sizeof line - len, "%s", an);
            len += w > 0 ? (size_t)w : 0;
            first = 0;
        }
        ent_report_text(r, "%s", line);
        shown++;
    }
    if (more)
        ent_report_text(r, "     (and %d more off-path information set%s)", more, more == 1 ? "" : "s");
    if (!shown)
        ent_report_text(r, "     (every information set is on the path)");
    free(on);
}

/* Reduced normal-form strategy index of player p that the pure behaviour b follows, or -1. */
static int plan_index(const ent_efg *t, const ent_efg_plans *pl, int p, const double *b)
{
    int ns = ent_efg_plans_nstrategies(pl, p), nh = ent_efg_ninfosets(t);
    for (int s = 0; s < ns; s++) {
        int ok = 1;
        for (int h = 0; h < nh && ok; h++) {
            if (ent_efg_infoset_player(t, h) != p)
                continue;
            int a = ent_efg_plan_action(pl, p, s, h);
            if (a >= 0)
                ok = b[ent_efg_action_index(t, h, a)] == 1.0;
        }
        if (ok)
            return s;
    }
    return -1;
}

/* One equilibrium: prose, table row, and the verified normal-form row. */
static int report_equilibrium(ana_ctx *ctx, ent_report *r, ent_table *tab, const char *concept,
                              int id, const double *b, const char *kind, ent_error *err)
{
    const ent_efg *t = ctx->tree;
    int n = ent_efg_nplayers(t), N = ent_efg_nnodes(t);
    double *reach = malloc(sizeof(double) * (size_t)N), *reg = malloc(sizeof(double) * (size_t)n),
           *pay = malloc(sizeof(double) * (size_t)n);
    double *mixed = malloc(sizeof(double) * (size_t)(ctx->game ? ent_game_total_strategies(ctx->game) : 1));
    char *path = malloc(4096), pays[512];
    int rc = ANA_OK;
    if (!reach || !reg || !pay || !mixed || !path) {
        ent_error_set(err, ENT_ENOMEM, "out of memory");
        rc = ANA_FAIL;
        goto out;
    }
    if (ent_efg_verify_behaviour(t, b, 0, reg, pay) != ENT_OK) {
        ent_error_set(err, ENT_EVERIFY, "%s equilibrium %d could not be checked", concept, id);
        rc = ANA_FAIL;
        goto out;
    }
    double worst = ent_efg_spe_max_regret(t, b), tol = ent_efg_tolerance(t);
    if (!strcmp(concept, "seqform")) {
        worst = 0;
        for (int p = 0; p < n; p++)
            worst = reg[p] > worst ? reg[p] : worst;
    }
    if (worst < 0 || worst > 10 * tol) {
        ent_error_set(err, ENT_EVERIFY, "%s equilibrium %d failed verification: regret %.3g exceeds %.3g",
                      concept, id, worst, 10 * tol);
        rc = ANA_FAIL;
        goto out;
    }
    describe_path(t, b, reach, path, 4096);
    put_payoffs(t, pay, pays, sizeof pays);
    ent_report_text(r, "%d. %s", id, path);
    ent_report_text(r, "   payoffs (%s)%s%s", pays, kind ? "  " : "", kind ? kind : "");
    if (strcmp(concept, "seqform")) {
        ent_report_text(r, "   off the path:");
        describe_threats(t, b, reach, r);
    }
    ent_table_int(tab, id);
    ent_table_str(tab, "%s", path);
    for (int p = 0; p < n; p++)
        ent_table_num(tab, pay[p]);
    ent_table_num(tab, worst < 0 ? 0 : worst);
    if (ctx->game && ctx->plans && ent_efg_mixed_from_behaviour(t, ctx->plans, b, mixed) == ENT_OK &&
        ana_eq_add(ctx, r, concept, id, mixed, kind ? kind : "", err) != ENT_OK)
        rc = ANA_FAIL;
out:
    free(reach);
    free(reg);
    free(pay);
    free(mixed);
    free(path);
    return rc;
}

static ent_table *spe_table(const ana_ctx *ctx, ent_report *r, const char *name,
                            const char *caption)
{
    ent_table *tab = ent_report_table(r, name, caption);
    if (ent_table_ncols(tab) == 0) {
        ent_table_col(tab, "id", ENT_COL_INT);
        ent_table_col(tab, "path", ENT_COL_STR);
        for (int p = 0; p < ent_efg_nplayers(ctx->tree); p++) {
            char c[300];
            snprintf(c, sizeof c, "payoff:%s", ent_efg_player_label(ctx->tree, p));
            ent_table_col(tab, c, ENT_COL_NUM);
        }
        ent_table_col(tab, "max_regret", ENT_COL_NUM);
        ent_table_machine_only(tab);
    }
    return tab;
}

/* Pure Nash equilibria of the reduced normal form that no listed SPE induces. */
static int non_credible(ana_ctx *ctx, ent_report *r, const int *spe_prof, int nspe,
                        int complete, ent_error *err)
{
    const ent_game *g = ctx->game;
    int n = ent_game_nplayers(g);
    ent_pure_eq *eq = NULL;
    size_t cnt = 0;
    uint64_t total = 0;
    ent_pure_opts o;
    ent_pure_opts_init(&o);
    o.max_report = 100;
    if (ent_pure_nash(g, &o, &eq, &cnt, &total, err) != ENT_OK)
        return ANA_FAIL;
    int *prof = malloc(sizeof(int) * (size_t)n);
    char *desc = malloc(4096);
    double *mixed = calloc((size_t)ent_game_total_strategies(g), sizeof(double));
    if (!prof || !desc || !mixed) {
        free(eq);
        free(prof);
        free(desc);
        free(mixed);
        ent_error_set(err, ENT_ENOMEM, "out of memory");
        return ANA_FAIL;
    }
    ent_table *tab = ent_report_table(r, "nash_vs_spe", "Pure Nash equilibria of the normal form and subgame perfection");
    if (ent_table_ncols(tab) == 0) {
        ent_table_col(tab, "profile", ENT_COL_STR);
        ent_table_col(tab, "subgame_perfect", ENT_COL_BOOL);
        ent_table_machine_only(tab);
    }
    int bad = 0;
    for (size_t k = 0; k < cnt; k++) {
        ent_game_profile_decode(g, eq[k].profile, prof);
        int match = 0;
        for (int s = 0; s < nspe && !match; s++) {
            match = 1;
            for (int p = 0; p < n && match; p++)
                match = spe_prof[(size_t)s * n + p] == prof[p];
        }
        for (int i = 0; i < ent_game_total_strategies(g); i++)
            mixed[i] = 0;
        for (int p = 0; p < n; p++)
            mixed[ent_game_strategy_offset(g, p) + prof[p]] = 1;
        ana_describe_profile(g, mixed, desc, 4096);
        ent_table_str(tab, "%s", desc);
        ent_table_bool(tab, match);
        if (!match) {
            if (!bad)
                ent_report_text(r, complete ? "Nash equilibria of the normal form that are not subgame perfect (non-credible threats):"
                                            : "Pure Nash equilibria of the normal form not among the subgame-perfect equilibria found:");
            ent_report_text(r, "  %s", desc);
            bad++;
        }
    }
    if (!bad && cnt)
        ent_report_text(r, "Every pure Nash equilibrium of the normal form (%zu) is %s.", cnt,
                        complete ? "subgame perfect" : "among the subgame-perfect equilibria found");
    if (total > cnt)
        ent_report_text(r, "(the first %zu of %llu pure Nash equilibria were compared)", cnt,
                        (unsigned long long)total);
    free(eq);
    free(prof);
    free(desc);
    free(mixed);
    return ANA_OK;
}

/* The tree of a small game (at most 64 nodes) as a machine-only table for its chart:
 * nodes in depth-first order (parents first), each with its parent's row (0 for the
 * root), who moves (or the payoffs at a terminal node, summed along the path), the action
 * leading to it, whether the behaviour profile b (the first subgame-perfect equilibrium)
 * reaches it, and whether b plays that action (off the path too: what holds it in place). */
static void tree_table(ent_report *r, const ent_efg *t, const double *b)
{
    int nn = ent_efg_nnodes(t), np = ent_efg_nplayers(t);
    if (nn > 64 || np > 16)
        return;
    int root = -1;
    for (int v = 0; v < nn && root < 0; v++)
        if (ent_efg_node_parent(t, v) < 0)
            root = v;
    if (root < 0)
        return;
    ent_table *tab = ent_report_table(r, "efg_tree", "The game tree and the first subgame-perfect path");
    ent_table_cols(tab, "node:i,parent:i,label:s,action:s,on_path:b,chosen:b");
    ent_table_machine_only(tab);
    /* explicit stack: node, parent row, action label, on path, payoffs so far */
    struct {
        int node, prow, on, chance, chosen;
        const char *action;
        double prob, pay[16];
    } st[64];
    int top = 0, row = 0;
    st[top].node = root;
    st[top].prow = 0;
    st[top].on = 1;
    st[top].action = "";
    st[top].chance = 0;
    st[top].chosen = 1;
    st[top].prob = 0;
    for (int p = 0; p < np; p++)
        st[top].pay[p] = 0;
    top++;
    while (top > 0) {
        top--;
        int v = st[top].node, prow = st[top].prow, on = st[top].on;
        const char *action = st[top].action;
        int st_is_chance = st[top].chance, chosen = st[top].chosen;
        double st_chance_prob = st[top].prob, pay[16];
        char cbuf[32];
        memcpy(pay, st[top].pay, sizeof pay);
        int out = ent_efg_node_outcome(t, v);
        for (int p = 0; out >= 0 && p < np; p++)
            pay[p] += ent_efg_outcome_payoff(t, out, p);
        int h = ent_efg_node_iset(t, v);
        row++;
        ent_table_int(tab, row);
        ent_table_int(tab, prow);
        if (h < 0) {
            char text[16 * 34] = "(", num[32];
            for (int p = 0; p < np; p++) {
                strcat(text, ent_fmt_num(num, pay[p]));
                strcat(text, p + 1 < np ? ", " : ")");
            }
            ent_table_str(tab, "%s", text);
        } else {
            int pl = ent_efg_infoset_player(t, h);
            ent_table_str(tab, "%s", pl < 0 ? "chance" : ent_efg_player_label(t, pl));
        }
        if (st_is_chance)
            ent_table_str(tab, "%s (%s)", action, ent_fmt_num(cbuf, st_chance_prob));
        else
            ent_table_str(tab, "%s", action);
        ent_table_bool(tab, on);
        ent_table_bool(tab, chosen);
        if (h < 0)
            continue;
        /* children pushed last first, so they come out in action order */
        for (int a = ent_efg_infoset_nactions(t, h) - 1; a >= 0 && top < 64; a--) {
            st[top].node = ent_efg_node_child(t, v, a);
            st[top].prow = row;
            st[top].on = on && b[ent_efg_action_index(t, h, a)] > 0;
            st[top].action = ent_efg_action_label(t, h, a);
            st[top].chance = ent_efg_infoset_player(t, h) < 0;
            st[top].prob = st[top].chance ? ent_efg_chance_prob(t, h, a) : 0;
            st[top].chosen = b[ent_efg_action_index(t, h, a)] > 0;
            memcpy(st[top].pay, pay, sizeof pay);
            top++;
        }
    }
}

int ana_spe(ana_ctx *ctx, ent_report *r, ent_error *err)
{
    if (!ctx->tree && ctx->scenario && ent_scenario_nstages(ctx->scenario) > 0)
        return ana_staged_spe(ctx, r, err);
    if (need_tree(ctx, r, "Subgame-perfect equilibria"))
        return ANA_OK;
    const ent_efg *t = ctx->tree;
    int n = ent_efg_nplayers(t), nb = ent_efg_nbehaviour(t), nh = ent_efg_ninfosets(t);
    int maxl = ctx->max_spe > 0 ? ctx->max_spe : 100;
    ent_report_section(r, "Subgame-perfect equilibria");
    char why[512];
    if (!ent_efg_perfect_recall(t, why, sizeof why)) {
        ent_report_text(r, "Not computed: %s.", why);
        return ANA_OK;
    }
    ent_table *tab = spe_table(ctx, r, "spe", "Subgame-perfect equilibria");
    double *b = NULL;
    int *prof = NULL, nlist = 0, complete = 0, rc = ANA_OK;
    if (ent_efg_perfect_information(t)) {
        ent_spe_opts o;
        ent_spe_opts_init(&o);
        o.max_list = maxl;
        ent_spe_result res;
        if (ent_efg_spe_backward(t, &o, &res, err) != ENT_OK)
            return ANA_FAIL;
        nlist = res.nlisted;
        complete = res.count_exact && res.count == (uint64_t)res.nlisted;
        if (res.count_exact)
            ent_report_text(r, "Perfect information: backward induction finds %llu pure subgame-perfect equilibri%s%s.",
                            (unsigned long long)res.count, res.count == 1 ? "um" : "a",
                            complete ? "" : " (the first ones are listed; raise --max-spe for more)");
        else
            ent_report_text(r, "Perfect information: backward induction lists %d pure subgame-perfect equilibria; "
                               "there are more than can be counted exactly.", nlist);
        b = malloc(sizeof(double) * (size_t)nb);
        prof = malloc(sizeof(int) * (size_t)(nlist ? nlist : 1) * n);
        if (!b || !prof) {
            ent_spe_result_clear(&res);
            free(b);
            free(prof);
            ent_error_set(err, ENT_ENOMEM, "out of memory");
            return ANA_FAIL;
        }
        for (int i = 0; i < nlist && rc == ANA_OK; i++) {
            const int32_t *ch = res.choice + (size_t)i * nh;
            double worst;
            if (ent_efg_verify_pure_spe(t, ch, res.tol, &worst, NULL) != 1) {
                ent_error_set(err, ENT_EVERIFY, "spe equilibrium %d failed the subgame check (shortfall %.3g)",
                              i + 1, worst);
                rc = ANA_FAIL;
                break;
            }
            for (int h = 0; h < nh; h++)
                for (int a = 0; a < ent_efg_infoset_nactions(t, h); a++)
                    b[ent_efg_action_index(t, h, a)] =
                        ent_efg_infoset_player(t, h) < 0 ? ent_efg_chance_prob(t, h, a) : (ch[h] == a);
            for (int p = 0; p < n; p++)
                prof[(size_t)i * n + p] = ctx->plans ? plan_index(t, ctx->plans, p, b) : -1;
            rc = report_equilibrium(ctx, r, tab, "spe", i + 1, b, NULL, err);
            if (i == 0 && rc == ANA_OK)
                tree_table(r, t, b);
        }
        ent_spe_result_clear(&res);
    } else {
        int nf = 0, trunc = 0;
        double *all = NULL;
        if (ent_efg_spe_subgames(t, maxl, &all, &nf, &trunc, err) != ENT_OK)
            return ANA_FAIL;
        ent_report_text(r, "Subgame decomposition (each subgame solved through its reduced normal form): "
                           "%d subgame-perfect equilibri%s%s.",
                        nf, nf == 1 ? "um" : "a", trunc ? " listed (limit reached; raise --max-spe)" : "");
        nlist = nf;
        prof = malloc(sizeof(int) * (size_t)(nf ? nf : 1) * n);
        if (!prof) {
            free(all);
            ent_error_set(err, ENT_ENOMEM, "out of memory");
            return ANA_FAIL;
        }
        for (int i = 0; i < nf && rc == ANA_OK; i++) {
            const double *bi = all + (size_t)i * nb;
            int pure = 1;
            for (int k = 0; k < nb && pure; k++)
                pure = bi[k] == 0 || bi[k] == 1;
            for (int p = 0; p < n; p++)
                prof[(size_t)i * n + p] = pure && ctx->plans ? plan_index(t, ctx->plans, p, bi) : -1;
            rc = report_equilibrium(ctx, r, tab, "spe", i + 1, bi, pure ? "pure" : "mixed", err);
            if (i == 0 && rc == ANA_OK)
                tree_table(r, t, bi);
        }
        free(all);
    }
    if (rc == ANA_OK && ctx->game)
        rc = non_credible(ctx, r, prof, nlist, complete, err);
    free(b);
    free(prof);
    return rc;
}

int ana_seqform(ana_ctx *ctx, ent_report *r, ent_error *err)
{
    if (need_tree(ctx, r, "Sequence form"))
        return ANA_OK;
    const ent_efg *t = ctx->tree;
    ent_report_section(r, "Sequence form (zero-sum LP)");
    double *b = malloc(sizeof(double) * (size_t)ent_efg_nbehaviour(t)), v;
    if (!b) {
        ent_error_set(err, ENT_ENOMEM, "out of memory");
        return ANA_FAIL;
    }
    ent_error e2 = {0, ""};
    int st = ent_efg_seqform_zerosum(t, ctx->exact, &v, b, &e2);
    if (st == ENT_EUNSUPPORTED) {
        ent_report_text(r, "Not applicable: %s.", e2.msg);
        free(b);
        return ANA_OK;
    }
    if (st != ENT_OK) {
        ent_error_set(err, st, "%s", e2.msg);
        free(b);
        return ANA_FAIL;
    }
    char num[32];
    ent_report_kv_num(r, "value", v);
    ent_report_text(r, "Value of the game to %s: %s (one LP per player over sequences%s).",
                    ent_efg_player_label(t, 0), ent_fmt_num(num, v), ctx->exact ? ", exact simplex" : "");
    ent_table *tab = spe_table(ctx, r, "seqform", "Sequence-form equilibrium");
    int rc = report_equilibrium(ctx, r, tab, "seqform", 1, b, NULL, err);
    /* behaviour strategies per information set */
    if (rc == ANA_OK) {
        ent_table *bt = ent_report_table(r, "behaviour", "Behaviour strategies");
        if (ent_table_ncols(bt) == 0) {
            ent_table_col(bt, "player", ENT_COL_STR);
            ent_table_col(bt, "information set", ENT_COL_STR);
            ent_table_col(bt, "action", ENT_COL_STR);
            ent_table_col(bt, "probability", ENT_COL_NUM);
        }
        char in[160], an[128];
        for (int h = 0; h < ent_efg_ninfosets(t); h++) {
            int p = ent_efg_infoset_player(t, h);
            if (p < 0)
                continue;
            for (int a = 0; a < ent_efg_infoset_nactions(t, h); a++) {
                ent_table_str(bt, "%s", ent_efg_player_label(t, p));
                ent_table_str(bt, "%s", iset_name(t, h, in, sizeof in));
                ent_table_str(bt, "%s", act_name(t, h, a, an, sizeof an));
                ent_table_num(bt, b[ent_efg_action_index(t, h, a)]);
            }
        }
    }
    free(b);
    return rc;
}
