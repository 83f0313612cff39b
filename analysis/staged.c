/* staged.c — the `spe` concept on a scenario with a sequence block: the scenario's staged
 * game (games/scenario_tree.c) is solved for its subgame-perfect equilibria (backward
 * induction under perfect information, subgame decomposition otherwise); each is reported
 * as its path in the scenario's words, each actor's payoff and the replies that hold it
 * in place (what would follow each move off the path), then compared with the pure Nash
 * equilibria of the simultaneous reading (the compiled normal form): those no
 * subgame-perfect equilibrium reaches rest on non-credible threats. Every equilibrium is
 * checked by the independent tree walk (regrets in every subgame) and through the tree's
 * reduced normal form (ent_verify_regrets). */
#include "analysis.h"

#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

enum { ST_MAX_THREATS = 24, ST_TEXT = 4096 };

typedef struct {
    const ent_scenario *s;
    const ent_efg *t;
    const ent_scenario_treemap *map;
    int N, nh, nb, n;
    double tol;
    double *reach;  /* [N] */
    double *mass;   /* [maxact]: scratch */
    int *vals;      /* [maxact]: scratch */
    double *val;    /* [N x n]: payoffs of each node's subtree under the profile being described */
    int maxact;
} staged;

/* Probability of reaching every node under behaviour b. */
static void reach_of(const staged *S, const double *b, double *reach)
{
    for (int x = 0; x < S->N; x++)
        reach[x] = 0;
    reach[0] = 1;
    for (int x = 0; x < S->N; x++) {
        int h = ent_efg_node_iset(S->t, x);
        if (h < 0)
            continue;
        for (int a = 0; a < ent_efg_infoset_nactions(S->t, h); a++)
            reach[ent_efg_node_child(S->t, x, a)] = reach[x] * b[ent_efg_action_index(S->t, h, a)];
    }
}

/* Expected payoffs (leaves carry the outcomes) under reach. */
static void expected(const staged *S, const double *reach, double *pay)
{
    for (int p = 0; p < S->n; p++)
        pay[p] = 0;
    for (int x = 0; x < S->N; x++) {
        int o = ent_efg_node_outcome(S->t, x);
        if (o < 0 || reach[x] <= 0)
            continue;
        for (int p = 0; p < S->n; p++)
            pay[p] += reach[x] * ent_efg_outcome_payoff(S->t, o, p);
    }
}

static void append(char *buf, size_t cap, size_t *len, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));
static void append(char *buf, size_t cap, size_t *len, const char *fmt, ...)
{
    if (*len >= cap)
        return;
    va_list ap;
    va_start(ap, fmt);
    int w = vsnprintf(buf + *len, cap - *len, fmt, ap);
    va_end(ap);
    *len += w > 0 ? (size_t)w : 0;
    if (*len >= cap && cap > 4)
        memcpy(buf + cap - 4, "...", 4);
}

/* Action a of information set h in the scenario's words. */
static void choice_words(const staged *S, int h, int a, char *buf, size_t cap)
{
    int p = ent_scenario_treemap_actor(S->map, h), c = ent_scenario_treemap_choice(S->map, h, a);
    uint32_t opts = ent_scenario_treemap_options(S->map, h);
    if (opts)
        ent_scenario_describe_options(S->s, p, opts, (uint32_t)c, buf, cap);
    else
        ent_scenario_describe_actor(S->s, p, c, buf, cap);
}

/* 1 if action a of information set h is what strategy `strat` of its actor does there. */
static int choice_is(const staged *S, int h, int a, int strat)
{
    int p = ent_scenario_treemap_actor(S->map, h), c = ent_scenario_treemap_choice(S->map, h, a);
    uint32_t opts = ent_scenario_treemap_options(S->map, h), bits = 0;
    if (!opts)
        return c == strat;
    for (int k = 0; k < 32; k++)
        if (((opts >> k) & 1u) && ent_scenario_strategy_has_option(S->s, p, strat, k))
            bits |= 1u << k;
    return (uint32_t)c == bits;
}

/* Subtree payoffs of every node under b (children come after their parent in preorder). */
static void values_of(const staged *S, const double *b)
{
    for (int x = S->N - 1; x >= 0; x--) {
        double *v = S->val + (size_t)x * S->n;
        int h = ent_efg_node_iset(S->t, x), o = ent_efg_node_outcome(S->t, x);
        for (int p = 0; p < S->n; p++)
            v[p] = o >= 0 ? ent_efg_outcome_payoff(S->t, o, p) : 0;
        if (h < 0)
            continue;
        for (int a = 0; a < ent_efg_infoset_nactions(S->t, h); a++) {
            double q = b[ent_efg_action_index(S->t, h, a)];
            const double *c = S->val + (size_t)ent_efg_node_child(S->t, x, a) * S->n;
            if (q > 0)
                for (int p = 0; p < S->n; p++)
                    v[p] += q * c[p];
        }
    }
}

/* 1 if chance node x matters: its outcomes lead to different payoffs (S->val current). */
static int chance_matters(const staged *S, int x)
{
    int h = ent_efg_node_iset(S->t, x);
    const double *c0 = S->val + (size_t)ent_efg_node_child(S->t, x, 0) * S->n;
    for (int a = 1; a < ent_efg_infoset_nactions(S->t, h); a++) {
        const double *c = S->val + (size_t)ent_efg_node_child(S->t, x, a) * S->n;
        for (int p = 0; p < S->n; p++)
            if (fabs(c[p] - c0[p]) > S->tol)
                return 1;
    }
    return 0;
}

/* The moves of stages first..last (inclusive) under reach and b, in the scenario's words:
 * each actor's choice (or its probabilities) and each chance move's outcomes where they
 * matter (S->val holds the subtree payoffs under b). */
static void moves_text(const staged *S, const double *b, const double *reach, int first, int last,
                       char *buf, size_t cap)
{
    const ent_scenario *s = S->s;
    size_t len = 0;
    int parts = 0;
    char w[1024], num[32];
    buf[0] = '\0';
    for (int st = first; st <= last; st++) {
        int nmov = ent_scenario_stage_is_chance(s, st) ? 1 : ent_scenario_stage_nactors(s, st);
        for (int j = 0; j < nmov; j++) {
            int actor = ent_scenario_stage_is_chance(s, st) ? -1 : ent_scenario_stage_actor(s, st, j);
            uint32_t opts = actor >= 0 ? ent_scenario_stage_options(s, st, j) : 0;
            double *m = S->mass, tot = 0;
            int *val = S->vals, radix = 0; /* the choices met, in order, and their mass */
            for (int x = 0; x < S->N; x++) {
                int h = ent_efg_node_iset(S->t, x);
                if (h < 0 || reach[x] <= 0 || ent_scenario_treemap_stage(S->map, h) != st ||
                    ent_scenario_treemap_actor(S->map, h) != actor || (actor < 0 && !chance_matters(S, x)))
                    continue;
                if (opts && ent_efg_infoset_nactions(S->t, h) == 1)
                    continue; /* a split option with no choice left (no force, no response) */
                for (int a = 0; a < ent_efg_infoset_nactions(S->t, h); a++) {
                    double q = reach[x] * b[ent_efg_action_index(S->t, h, a)];
                    int c = ent_scenario_treemap_choice(S->map, h, a), k = 0;
                    while (k < radix && val[k] != c)
                        k++;
                    if (k == radix && radix < S->maxact) {
                        val[radix] = c;
                        m[radix++] = 0;
                    }
                    if (k < radix)
                        m[k] += q;
                    tot += q;
                }
            }
            if (tot <= 0)
                continue;
            int shown = 0;
            for (int k = 0; k < radix; k++)
                shown += m[k] > 1e-12 * tot;
            for (int k = 0, i = 0; k < radix; k++) {
                if (!(m[k] > 1e-12 * tot))
                    continue;
                if (actor >= 0 && opts)
                    ent_scenario_describe_options(s, actor, opts, (uint32_t)val[k], w, sizeof w);
                else if (actor >= 0)
                    ent_scenario_describe_actor(s, actor, val[k], w, sizeof w);
                else
                    snprintf(w, sizeof w, "%s", ent_scenario_chance_text(s, st, val[k]));
                if (shown == 1) {
                    append(buf, cap, &len, "%s%s%s", parts++ ? "; " : "", actor < 0 ? "chance: " : "", w);
                    continue;
                }
                size_t nl = strlen(ent_scenario_actor_name(s, actor >= 0 ? actor : 0));
                if (actor >= 0 && !strncmp(w, ent_scenario_actor_name(s, actor), nl) && !strncmp(w + nl, ": ", 2))
                    memmove(w, w + nl + 2, strlen(w + nl + 2) + 1); /* "Russia: fight" -> "fight" */
                ana_prob_text(m[k] / tot, num);
                if (i == 0)
                    append(buf, cap, &len, "%s%s: ", parts++ ? "; " : "",
                           actor >= 0 ? ent_scenario_actor_name(s, actor) : ent_scenario_stage_name(s, st));
                append(buf, cap, &len, "%s%s (%s)", i ? " or " : "", w, num);
                i++;
            }
        }
    }
}

static void payoff_text(const staged *S, const double *pay, char *buf, size_t cap)
{
    size_t len = 0;
    char num[32];
    buf[0] = '\0';
    for (int p = 0; p < S->n; p++)
        append(buf, cap, &len, "%s%s %s", p ? ", " : "", ent_scenario_actor_id(S->s, p), ent_fmt_num(num, pay[p]));
}

/* Behaviour profiles of the subgame-perfect equilibria: backward induction (perfect
 * information, every pure one) or subgame decomposition. */
static int spe_list(ana_ctx *ctx, const ent_efg *t, int maxl, double **all, int *nf, char *how,
                    size_t cap, ent_error *err)
{
    int nb = ent_efg_nbehaviour(t), nh = ent_efg_ninfosets(t);
    *all = NULL;
    *nf = 0;
    if (ent_efg_perfect_information(t)) {
        ent_spe_opts o;
        ent_spe_opts_init(&o);
        o.max_list = maxl;
        ent_spe_result res;
        if (ent_efg_spe_backward(t, &o, &res, err) != ENT_OK)
            return ANA_FAIL;
        if (!(*all = malloc(sizeof(double) * (size_t)nb * (size_t)(res.nlisted ? res.nlisted : 1)))) {
            ent_spe_result_clear(&res);
            ent_error_set(err, ENT_ENOMEM, "out of memory");
            return ANA_FAIL;
        }
        for (int i = 0; i < res.nlisted; i++) {
            const int32_t *ch = res.choice + (size_t)i * nh;
            double *b = *all + (size_t)i * nb;
            for (int h = 0; h < nh; h++)
                for (int a = 0; a < ent_efg_infoset_nactions(t, h); a++)
                    b[ent_efg_action_index(t, h, a)] =
                        ent_efg_infoset_player(t, h) < 0 ? ent_efg_chance_prob(t, h, a) : (ch[h] == a);
        }
        *nf = res.nlisted;
        if (res.count_exact)
            snprintf(how, cap, "backward induction (every move is seen): %llu pure subgame-perfect equilibri%s%s",
                     (unsigned long long)res.count, res.count == 1 ? "um" : "a",
                     res.count > (uint64_t)res.nlisted ? " (the first ones are listed; raise --max-spe for more)" : "");
        else
            snprintf(how, cap, "backward induction (every move is seen): %d pure subgame-perfect equilibria "
                               "listed (more than can be counted exactly)", res.nlisted);
        ent_spe_result_clear(&res);
        (void)ctx;
        return ANA_OK;
    }
    int trunc = 0;
    if (ent_efg_spe_subgames(t, maxl, all, nf, &trunc, err) != ENT_OK)
        return ANA_FAIL;
    snprintf(how, cap, "subgame decomposition (some moves are simultaneous; each subgame solved through its reduced "
                       "normal form): %d subgame-perfect "
                       "equilibri%s%s", *nf, *nf == 1 ? "um" : "a",
             trunc ? " listed (limit reached; raise --max-spe)" : "");
    return ANA_OK;
}

/* The second check: the equilibrium's image in the tree's reduced normal form. */
static int nf_check(const ent_game *G, const ent_efg_plans *pl, const ent_efg *t, const double *b,
                    double *mixed, double *regret)
{
    if (!G)
        return 1;
    if (ent_efg_mixed_from_behaviour(t, pl, b, mixed) != ENT_OK)
        return 0;
    if (ent_verify_regrets(G, mixed, regret, NULL) != ENT_OK)
        return 0;
    return ent_verify_decide(G, mixed, regret);
}

/* " after the project succeeds": the chance outcomes on the way to node x, or "". */
static void chance_context(const staged *S, int x, char *buf, size_t cap)
{
    size_t len = 0;
    int parts = 0;
    buf[0] = '\0';
    for (int c = x, p = ent_efg_node_parent(S->t, x); p >= 0; c = p, p = ent_efg_node_parent(S->t, p)) {
        int h = ent_efg_node_iset(S->t, p);
        if (ent_efg_infoset_player(S->t, h) >= 0)
            continue;
        for (int a = 0; a < ent_efg_infoset_nactions(S->t, h); a++)
            if (ent_efg_node_child(S->t, p, a) == c)
                append(buf, cap, &len, "%s%s", parts++ ? " and " : " after ",
                       ent_scenario_chance_text(S->s, ent_scenario_treemap_stage(S->map, h),
                                                ent_scenario_treemap_choice(S->map, h, a)));
    }
}

/* One row per move off the path: what the others would do after it. */
static void threats(const staged *S, ent_report *r, ent_table *tt, int id, const double *b,
                    const double *pay, double *b2, double *reach2, double *pay2)
{
    const ent_efg *t = S->t;
    const ent_scenario *s = S->s;
    int shown = 0, more = 0, nst = ent_scenario_nstages(s);
    char dev[1024], then[ST_TEXT], num[32], num2[32];
    unsigned char *done = calloc((size_t)S->nh + 1, 1);
    if (!done)
        return;
    for (int x = 0; x < S->N; x++) {
        int h = ent_efg_node_iset(t, x), p;
        if (h < 0 || S->reach[x] <= 0 || done[h] || (p = ent_efg_infoset_player(t, h)) < 0)
            continue;
        done[h] = 1;
        int st = ent_scenario_treemap_stage(S->map, h);
        for (int a = 0; a < ent_efg_infoset_nactions(t, h); a++) {
            if (b[ent_efg_action_index(t, h, a)] > 0)
                continue;
            if (shown == ST_MAX_THREATS) {
                more++;
                continue;
            }
            memcpy(b2, b, sizeof(double) * (size_t)S->nb);
            for (int k = 0; k < ent_efg_infoset_nactions(t, h); k++)
                b2[ent_efg_action_index(t, h, k)] = k == a;
            reach_of(S, b2, reach2);
            expected(S, reach2, pay2);
            values_of(S, b2);
            choice_words(S, h, a, dev, sizeof dev);
            then[0] = '\0';
            if (st + 1 < nst)
                moves_text(S, b2, reach2, st + 1, nst - 1, then, sizeof then);
            if (!then[0])
                snprintf(then, sizeof then, "(no later move)");
            char ctx_[600];
            chance_context(S, x, ctx_, sizeof ctx_);
            ent_report_text(r, "   had %s chosen \"%s\"%s: %s; %s's payoff %s instead of %s",
                            ent_scenario_actor_name(s, p), dev, ctx_, then, ent_scenario_actor_id(s, p),
                            ent_fmt_num(num, pay2[p]), ent_fmt_num(num2, pay[p]));
            ent_table_int(tt, id);
            ent_table_str(tt, "%s", ent_scenario_actor_id(s, p));
            ent_table_str(tt, "%s", dev);
            ent_table_str(tt, "%s", then);
            ent_table_num(tt, pay2[p]);
            ent_table_num(tt, pay[p]);
            shown++;
        }
    }
    if (more)
        ent_report_text(r, "   (and %d more moves off the path; the spe_threats table lists the first %d)", more,
                        ST_MAX_THREATS);
    if (!shown)
        ent_report_text(r, "   (no move off the path: every option on it is played or none is left)");
    free(done);
}

/* Why a pure profile of the simultaneous reading is no subgame-perfect outcome: the first
 * mover on its path who gains by moving otherwise when the later movers answer as in
 * equilibrium b. Returns 1 and fills buf if one is found. */
static int why_not(const staged *S, const int *prof, const double *b, double *b2, double *reach2,
                   double *pay2, char *buf, size_t cap)
{
    const ent_efg *t = S->t;
    const ent_scenario *s = S->s;
    /* the profile played everywhere it is available, b elsewhere */
    memcpy(b2, b, sizeof(double) * (size_t)S->nb);
    for (int h = 0; h < S->nh; h++) {
        int p = ent_efg_infoset_player(t, h);
        if (p < 0)
            continue;
        for (int a = 0; a < ent_efg_infoset_nactions(t, h); a++)
            if (choice_is(S, h, a, prof[p])) {
                for (int k = 0; k < ent_efg_infoset_nactions(t, h); k++)
                    b2[ent_efg_action_index(t, h, k)] = 0;
                b2[ent_efg_action_index(t, h, a)] = 1;
            }
    }
    /* along its path, each mover's best deviation against b's replies */
    double *path = malloc(sizeof(double) * (size_t)S->N), *base = malloc(sizeof(double) * (size_t)S->n);
    double *b3 = malloc(sizeof(double) * (size_t)S->nb);
    int found = 0;
    if (!path || !base || !b3)
        goto out;
    reach_of(S, b2, path);
    expected(S, path, base);
    for (int x = 0; x < S->N && !found; x++) {
        int h = ent_efg_node_iset(t, x), p;
        if (h < 0 || path[x] <= 0 || (p = ent_efg_infoset_player(t, h)) < 0)
            continue;
        for (int a = 0; a < ent_efg_infoset_nactions(t, h) && !found; a++) {
            if (b2[ent_efg_action_index(t, h, a)] > 0)
                continue;
            /* deviate at h; every later information set answers as in b */
            memcpy(b3, b, sizeof(double) * (size_t)S->nb);
            for (int g = 0; g < S->nh; g++) {
                int q = ent_efg_infoset_player(t, g);
                if (q < 0 || ent_scenario_treemap_stage(S->map, g) >= ent_scenario_treemap_stage(S->map, h))
                    continue;
                for (int k = 0; k < ent_efg_infoset_nactions(t, g); k++)
                    b3[ent_efg_action_index(t, g, k)] = b2[ent_efg_action_index(t, g, k)];
            }
            for (int g = 0; g < S->nh; g++) /* same-stage movers keep the profile's moves */
                if (g != h && ent_efg_infoset_player(t, g) >= 0 &&
                    ent_scenario_treemap_stage(S->map, g) == ent_scenario_treemap_stage(S->map, h))
                    for (int k = 0; k < ent_efg_infoset_nactions(t, g); k++)
                        b3[ent_efg_action_index(t, g, k)] = b2[ent_efg_action_index(t, g, k)];
            for (int k = 0; k < ent_efg_infoset_nactions(t, h); k++)
                b3[ent_efg_action_index(t, h, k)] = k == a;
            reach_of(S, b3, reach2);
            expected(S, reach2, pay2);
            if (pay2[p] > base[p] + S->tol) {
                char dev[400], num[32], num2[32];
                choice_words(S, h, a, dev, sizeof dev);
                snprintf(buf, cap, "%s would rather choose \"%s\" (payoff %s instead of %s) once the later moves answer it",
                         ent_scenario_actor_name(s, p), dev, ent_fmt_num(num, pay2[p]), ent_fmt_num(num2, base[p]));
                found = 1;
            }
        }
    }
out:
    free(path);
    free(base);
    free(b3);
    return found;
}

int ana_staged_spe(ana_ctx *ctx, ent_report *r, ent_error *err)
{
    const ent_scenario *s = ctx->scenario;
    ent_efg *t = NULL;
    ent_scenario_treemap *map = NULL;
    ent_game *G = NULL;
    ent_efg_plans *pl = NULL;
    double *all = NULL;
    int nf = 0, rc = ANA_OK;
    ent_report_section(r, "Staged game: subgame-perfect equilibria");
    if (ent_scenario_to_efg(s, NULL, NULL, &t, &map, err) != ENT_OK)
        return ANA_FAIL;
    staged S = {.s = s, .t = t, .map = map, .N = ent_efg_nnodes(t), .nh = ent_efg_ninfosets(t),
                .nb = ent_efg_nbehaviour(t), .n = ent_efg_nplayers(t), .tol = ent_efg_tolerance(t)};
    {
        char seq[1024];
        size_t len = 0;
        seq[0] = '\0';
        for (int st = 0; st < ent_scenario_nstages(s); st++) {
            append(seq, sizeof seq, &len, "%s", st ? " -> " : "");
            if (ent_scenario_stage_is_chance(s, st))
                append(seq, sizeof seq, &len, "chance %s", ent_scenario_stage_name(s, st));
            for (int j = 0; j < ent_scenario_stage_nactors(s, st); j++) {
                int a = ent_scenario_stage_actor(s, st, j);
                uint32_t o = ent_scenario_stage_options(s, st, j);
                append(seq, sizeof seq, &len, "%s%s", j ? " + " : "", ent_scenario_actor_id(s, a));
                for (int k = 0, first = 1; o && k < 32; k++)
                    if ((o >> k) & 1u) {
                        append(seq, sizeof seq, &len, "%s%s", first ? "." : ",", ent_scenario_option_id(s, a, k));
                        first = 0;
                    }
            }
            if (ent_scenario_stage_hidden(s, st))
                append(seq, sizeof seq, &len, " (hidden)");
        }
        int together = 0;
        for (int st = 0; st < ent_scenario_nstages(s); st++)
            together |= ent_scenario_stage_nactors(s, st) > 1;
        ent_report_text(r, "Stages: %s%s. The staged game has %d nodes and %d information sets.", seq,
                        together ? " (\" + \": at the same time)" : "", S.N, S.nh);
    }
    ent_game_opts go;
    ent_game_opts_init(&go);
    go.mem_limit = (size_t)256 << 20;
    ent_error e2 = {0, ""};
    int nrc = ent_efg_to_nfg(t, 1, &go, &G, &pl, &e2);
    if (nrc != ENT_OK && nrc != ENT_ETOOBIG) {
        ent_error_set(err, nrc, "%s", e2.msg);
        rc = ANA_FAIL;
        goto out;
    }
    int maxact = 1;
    for (int h = 0; h < S.nh; h++)
        if (ent_efg_infoset_nactions(t, h) > maxact)
            maxact = ent_efg_infoset_nactions(t, h);
    for (int a = 0; a < ent_scenario_nactors(s); a++)
        if (ent_scenario_nstrategies(s, a) > maxact)
            maxact = ent_scenario_nstrategies(s, a);
    for (int st = 0; st < ent_scenario_nstages(s); st++)
        if (ent_scenario_chance_noutcomes(s, st) > maxact)
            maxact = ent_scenario_chance_noutcomes(s, st);
    char how[512];
    if ((rc = spe_list(ctx, t, ctx->max_spe > 0 ? ctx->max_spe : 100, &all, &nf, how, sizeof how, err)))
        goto out;
    ent_report_text(r, "Solved by %s.", how);
    S.reach = malloc(sizeof(double) * (size_t)S.N);
    S.mass = malloc(sizeof(double) * (size_t)maxact);
    S.vals = malloc(sizeof(int) * (size_t)maxact);
    S.maxact = maxact;
    S.val = malloc(sizeof(double) * (size_t)S.N * (size_t)S.n);
    double *b2 = malloc(sizeof(double) * (size_t)S.nb), *reach2 = malloc(sizeof(double) * (size_t)S.N);
    double *pay = malloc(sizeof(double) * (size_t)S.n), *pay2 = malloc(sizeof(double) * (size_t)S.n);
    double *regret = malloc(sizeof(double) * (size_t)S.n);
    double *mixed = malloc(sizeof(double) * (size_t)(G ? ent_game_total_strategies(G) : 1));
    char *path = malloc(ST_TEXT), **prev = calloc((size_t)(nf ? nf : 1), sizeof(char *)), pays[1024];
    int ns = ent_scenario_nactors(s);
    uint64_t nprof = ent_scenario_nprofiles(s);
    unsigned char *spe_out = calloc((size_t)nprof, 1); /* the sizes of the compiled game */
    if (!S.reach || !S.mass || !S.vals || !S.val || !b2 || !reach2 || !pay || !pay2 || !regret || !mixed || !path || !prev ||
        !spe_out) {
        ent_error_set(err, ENT_ENOMEM, "out of memory");
        rc = ANA_FAIL;
        goto done;
    }
    ent_table *tab = ent_report_table(r, "spe", "Subgame-perfect equilibria of the staged game");
    if (ent_table_ncols(tab) == 0) {
        ent_table_col(tab, "id", ENT_COL_INT);
        ent_table_col(tab, "path", ENT_COL_STR);
        for (int p = 0; p < S.n; p++) {
            char c[300];
            snprintf(c, sizeof c, "payoff:%s", ent_scenario_actor_id(s, p));
            ent_table_col(tab, c, ENT_COL_NUM);
        }
        ent_table_col(tab, "max_regret", ENT_COL_NUM);
        ent_table_col(tab, "same_path_as", ENT_COL_INT);
        ent_table_machine_only(tab);
    }
    ent_table *tt = ent_report_table(r, "spe_threats", "Moves off the path and the replies that answer them");
    if (ent_table_ncols(tt) == 0) {
        ent_table_cols(tt, "id:i,actor:s,move:s,then:s,payoff_after:n,payoff_on_path:n");
        ent_table_machine_only(tt);
    }
    int distinct = 0, nmixed = 0;
    for (int i = 0; i < nf && rc == ANA_OK; i++) {
        const double *b = all + (size_t)i * S.nb;
        double worst = ent_efg_spe_max_regret(t, b);
        if (worst < 0 || worst > 10 * S.tol || !nf_check(G, pl, t, b, mixed, regret)) {
            ent_error_set(err, ENT_EVERIFY,
                          "spe: staged equilibrium %d failed verification (largest regret over subgames %.3g)", i + 1,
                          worst);
            rc = ANA_FAIL;
            break;
        }
        reach_of(&S, b, S.reach);
        expected(&S, S.reach, pay);
        values_of(&S, b);
        moves_text(&S, b, S.reach, 0, ent_scenario_nstages(s) - 1, path, ST_TEXT);
        int pure = 1; /* players' moves pure (chance aside): its leaves are outcomes */
        for (int h = 0; h < S.nh && pure; h++)
            for (int a = 0; a < ent_efg_infoset_nactions(t, h) && ent_efg_infoset_player(t, h) >= 0; a++) {
                double q = b[ent_efg_action_index(t, h, a)];
                pure &= q == 0 || q == 1;
            }
        for (int x = 0; x < S.N && pure; x++) {
            int64_t pi = ent_scenario_treemap_profile(map, x);
            if (pi >= 0 && S.reach[x] > 0)
                spe_out[pi] = 1;
        }
        nmixed += !pure;
        int same = 0;
        for (int j = 0; j < i && !same; j++)
            if (prev[j] && !strcmp(prev[j], path))
                same = j + 1;
        if (!same && !(prev[i] = strdup(path))) {
            ent_error_set(err, ENT_ENOMEM, "out of memory");
            rc = ANA_FAIL;
            break;
        }
        ent_table_int(tab, i + 1);
        ent_table_str(tab, "%s", path);
        for (int p = 0; p < S.n; p++)
            ent_table_num(tab, pay[p]);
        ent_table_num(tab, worst < 0 ? 0 : worst);
        if (same)
            ent_table_int(tab, same);
        else
            ent_table_null(tab);
        if (same) /* the same path, other replies off it: counted, not repeated */
            continue;
        distinct++;
        payoff_text(&S, pay, pays, sizeof pays);
        ent_report_text(r, "%d. %s", i + 1, path);
        ent_report_text(r, "   payoffs: %s", pays);
        ent_report_text(r, "   held in place by what would follow each move off the path:");
        threats(&S, r, tt, i + 1, b, pay, b2, reach2, pay2);
    }
    if (rc == ANA_OK && nf > distinct)
        ent_report_text(r, "(%d further equilibri%s follow%s one of these paths and differ only in replies off it: "
                           "table spe, column same_path_as)",
                        nf - distinct, nf - distinct == 1 ? "um" : "a", nf - distinct == 1 ? "s" : "");
    if (rc == ANA_OK)
        ent_report_text(r, "Each equilibrium passed two checks: regrets recomputed in every subgame by a separate "
                           "tree walk%s.",
                        G ? ", and its image in the staged game's reduced normal form re-checked by ent_verify_regrets"
                          : " (the reduced normal form is too large for the second check)");
    /* the simultaneous reading */
    if (rc == ANA_OK && ctx->game && nf > 0) {
        const ent_game *g = ctx->game;
        ent_pure_eq *eq = NULL;
        size_t cnt = 0;
        uint64_t total = 0;
        ent_pure_opts po;
        ent_pure_opts_init(&po);
        po.max_report = 100;
        if (ent_pure_nash(g, &po, &eq, &cnt, &total, err) != ENT_OK) {
            rc = ANA_FAIL;
            goto done;
        }
        ent_table *nt = ent_report_table(r, "nash_vs_spe",
                                         "Pure Nash equilibria of the simultaneous reading and the staged game");
        if (ent_table_ncols(nt) == 0) {
            ent_table_cols(nt, "profile:s,outcome:s,spe_outcome:b,why_not:s");
            ent_table_machine_only(nt);
        }
        int prof[64], kept = 0, dropped = 0, feas = 0;
        char words[ST_TEXT], why[1024];
        const double *b0 = all;
        for (size_t k = 0; k < cnt && ns <= 64; k++) {
            ent_game_profile_decode(g, eq[k].profile, prof);
            if (!ent_scenario_profile_feasible(s, prof))
                continue;
            feas++;
            ent_scenario_describe(s, prof, words, sizeof words);
            int in = spe_out[eq[k].profile];
            why[0] = '\0';
            if (!in && !why_not(&S, prof, b0, b2, reach2, pay2, why, sizeof why))
                snprintf(why, sizeof why, "no subgame-perfect equilibrium found reaches it");
            if (!kept && !dropped)
                ent_report_text(r, "Against the simultaneous reading (every actor choosing without seeing the others):");
            char lab[1024];
            ana_outcome_name(g, eq[k].profile, lab, sizeof lab);
            ent_table_str(nt, "%s", lab);
            ent_table_str(nt, "%s", words);
            ent_table_bool(nt, in);
            ent_table_str(nt, "%s", why);
            if (in) {
                kept++;
                ent_report_text(r, "  subgame perfect: %s", words);
            } else {
                dropped++;
                ent_report_text(r, "  NOT subgame perfect (a non-credible threat): %s", words);
                ent_report_text(r, "     %s", why);
            }
        }
        if (total > cnt)
            ent_report_text(r, "(the first %zu of %llu pure Nash equilibria were compared)", cnt,
                            (unsigned long long)total);
        int newout = 0;
        for (uint64_t p = 0; p < nprof; p++) {
            int isne = 0;
            for (size_t k = 0; k < cnt && !isne; k++)
                isne = eq[k].profile == p;
            if (spe_out[p] && !isne)
                newout++;
        }
        if (!feas)
            ent_report_text(r, "The simultaneous reading has no pure Nash equilibrium at a feasible profile; the staged "
                               "game's answer is above.");
        else if (!dropped)
            ent_report_text(r, "The staged game keeps every one of the %d pure equilibri%s of the simultaneous reading "
                               "as a subgame-perfect outcome.",
                            feas, feas == 1 ? "um" : "a");
        else
            ent_report_text(r, "The staged game keeps %d of the %d pure equilibri%s of the simultaneous reading; "
                               "%d rest%s on threats that are not credible once the earlier moves are seen.",
                            kept, feas, feas == 1 ? "um" : "a", dropped, dropped == 1 ? "s" : "");
        if (nmixed)
            ent_report_text(r, "%d subgame-perfect equilibri%s mix%s: %s no outcome of its own to compare.", nmixed,
                            nmixed == 1 ? "um" : "a", nmixed == 1 ? "es" : "", nmixed == 1 ? "it has" : "they have");
        if (newout)
            ent_report_text(r, "%d outcome%s of the staged game %s no pure equilibrium of the simultaneous reading "
                               "(moving first, or seeing the moves before, changes the answer).",
                            newout, newout == 1 ? "" : "s", newout == 1 ? "is" : "are");
        free(eq);
    }
done:
    free(S.reach);
    free(S.mass);
    free(S.vals);
    free(S.val);
    free(b2);
    free(reach2);
    free(pay);
    free(pay2);
    free(regret);
    free(mixed);
    free(path);
    for (int i = 0; prev && i < nf; i++)
        free(prev[i]);
    free(prev);
    free(spe_out);
out:
    free(all);
    ent_game_free(&G);
    ent_efg_plans_free(&pl);
    ent_efg_free(&t);
    ent_scenario_treemap_free(&map);
    return rc;
}
