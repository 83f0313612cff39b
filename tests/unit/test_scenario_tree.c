/* test_scenario_tree.c — a scenario's sequence block as an extensive form: hand-computed
 * backward induction on a two-stage entry game and on a game with a chance move, leaves
 * equal to the compiled normal form, infeasible combinations left out, a hidden stage
 * making one information set, the subgame-perfect equilibria unchanged by writing the
 * tree to .efg and reading it back, every SPE path among the pure Nash equilibria of
 * the tree's reduced normal form, the chance-move variant of the default scenario giving
 * the default's expected payoffs, and malformed sequences refused with file:line. */
#include <criterion/criterion.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "entente.h"

static ent_scenario *load(const char *path)
{
    ent_scenario *s = NULL;
    ent_error err = {0, ""};
    int rc = ent_scenario_load(path, NULL, &s, &err);
    cr_assert_eq(rc, ENT_OK, "%s: %s", path, err.msg);
    return s;
}

static ent_efg *staged(const ent_scenario *s, ent_scenario_treemap **map)
{
    ent_efg *t = NULL;
    ent_error err = {0, ""};
    int rc = ent_scenario_to_efg(s, NULL, NULL, &t, map, &err);
    cr_assert_eq(rc, ENT_OK, "%s", err.msg);
    return t;
}

/* Payoffs at the root of a pure choice (one action per information set), walking from
 * the root through chance nodes in expectation: independent of the solvers. */
static void walk(const ent_efg *t, int x, const int32_t *ch, double w, double *pay)
{
    int n = ent_efg_nplayers(t), o = ent_efg_node_outcome(t, x), h = ent_efg_node_iset(t, x);
    if (o >= 0)
        for (int p = 0; p < n; p++)
            pay[p] += w * ent_efg_outcome_payoff(t, o, p);
    if (h < 0)
        return;
    if (ent_efg_infoset_player(t, h) < 0) {
        for (int a = 0; a < ent_efg_infoset_nactions(t, h); a++)
            walk(t, ent_efg_node_child(t, x, a), ch, w * ent_efg_chance_prob(t, h, a), pay);
        return;
    }
    walk(t, ent_efg_node_child(t, x, ch[h]), ch, w, pay);
}

Test(scenario_tree, entry_backward_induction_by_hand)
{
    ent_scenario *s = load("tests/data/scenario/seq_entry.cfg");
    ent_scenario_treemap *map = NULL;
    ent_efg *t = staged(s, &map);
    /* root (entrant), two incumbent nodes, four leaves */
    cr_assert_eq(ent_efg_nnodes(t), 7);
    cr_assert_eq(ent_efg_ninfosets(t), 3);
    cr_assert(ent_efg_perfect_information(t));
    ent_spe_opts o;
    ent_spe_opts_init(&o);
    ent_spe_result res;
    ent_error err = {0, ""};
    cr_assert_eq(ent_efg_spe_backward(t, &o, &res, &err), ENT_OK, "%s", err.msg);
    /* the incumbent's tie after `out` gives two equilibria with one path */
    cr_assert_eq(res.count, 2);
    cr_assert_eq(res.nlisted, 2);
    for (int i = 0; i < 2; i++) {
        const int32_t *ch = res.choice + (size_t)i * res.ninfosets;
        int h0 = ent_efg_node_iset(t, 0);
        cr_assert_eq(ent_scenario_treemap_actor(map, h0), 0);
        /* the entrant enters (strategy 1 = "enter") */
        cr_assert_eq(ent_scenario_treemap_choice(map, h0, ch[h0]), 1);
        int x = ent_efg_node_child(t, 0, ch[h0]), h1 = ent_efg_node_iset(t, x);
        cr_assert_eq(ent_scenario_treemap_actor(map, h1), 1);
        cr_assert_eq(ent_scenario_treemap_choice(map, h1, ch[h1]), 1, "the incumbent accommodates");
        double pay[2] = {0, 0};
        walk(t, 0, ch, 1.0, pay);
        cr_assert_float_eq(pay[0], 1.0, 1e-15);
        cr_assert_float_eq(pay[1], 1.0, 1e-15);
        cr_assert_float_eq(res.payoff[i * 2], 1.0, 1e-15);
    }
    ent_spe_result_clear(&res);
    ent_efg_free(&t);
    ent_scenario_treemap_free(&map);
    ent_scenario_free(&s);
}

/* Every leaf carries the compiled normal form's payoffs at its profile; every feasible
 * profile is a leaf exactly once and no infeasible one is. */
static void leaves_are_the_normal_form(const char *path)
{
    ent_scenario *s = load(path);
    ent_game *g = NULL;
    ent_error err = {0, ""};
    cr_assert_eq(ent_scenario_compile(s, &g, &err), ENT_OK, "%s", err.msg);
    ent_scenario_treemap *map = NULL;
    ent_efg *t = staged(s, &map);
    uint64_t np = ent_game_nprofiles(g);
    int *seen = calloc(np, sizeof(int)), prof[8];
    int leaves = 0;
    for (int x = 0; x < ent_efg_nnodes(t); x++) {
        int64_t p = ent_scenario_treemap_profile(map, x);
        if (ent_efg_node_kind(t, x) != ENT_EFG_TERMINAL) {
            cr_assert_eq(p, -1);
            continue;
        }
        cr_assert(p >= 0 && (uint64_t)p < np);
        leaves++;
        seen[p]++;
        ent_game_profile_decode(g, (uint64_t)p, prof);
        cr_assert(ent_scenario_profile_feasible(s, prof), "leaf %d is an infeasible profile", x);
        int o = ent_efg_node_outcome(t, x);
        for (int a = 0; a < 4; a++)
            cr_assert_eq(ent_efg_outcome_payoff(t, o, a), ent_game_payoffs(g, a)[p]);
    }
    cr_assert_eq((uint64_t)leaves, ent_scenario_count_feasible(s));
    for (uint64_t p = 0; p < np; p++) {
        ent_game_profile_decode(g, p, prof);
        cr_assert_eq(seen[p], ent_scenario_profile_feasible(s, prof));
    }
    /* a simultaneous stage; every actor remembers its own earlier moves */
    char why[256];
    cr_assert(ent_efg_perfect_recall(t, why, sizeof why), "%s", why);
    cr_assert(!ent_efg_perfect_information(t));
    free(seen);
    ent_efg_free(&t);
    ent_scenario_treemap_free(&map);
    ent_game_free(&g);
    ent_scenario_free(&s);
}

Test(scenario_tree, leaves_are_the_normal_form_default) { leaves_are_the_normal_form("configs/ukraine-2025.cfg"); }
Test(scenario_tree, leaves_are_the_normal_form_options_split)
{
    leaves_are_the_normal_form("configs/ukraine-2025-ceasefire-first.cfg");
}

/* configs/ukraine-2025-ceasefire-first.cfg: the coalition's response, decided after an
 * attack on its deployed force, compares -co_war_cost (-5) with -co_humiliation (-4) plus
 * the same other terms: it backs down; with co_humiliation 6 it responds. Every
 * subgame-perfect path is war at both values (Russia 2.5, the coalition 0). */
Test(scenario_tree, response_decided_later_by_hand)
{
    const double hum[] = {4, 6};
    for (int i = 0; i < 2; i++) {
        ent_scenario *s = load("configs/ukraine-2025-ceasefire-first.cfg");
        ent_error err = {0, ""};
        cr_assert_eq(ent_scenario_set_param(s, "co_humiliation", hum[i], &err), ENT_OK);
        cr_assert_eq(ent_scenario_stage_options(s, 4, 0), 2u, "stage 5 decides coalition.engage only");
        cr_assert_eq(ent_scenario_stage_options(s, 0, 1), 0u, "Ukraine decides its whole strategy");
        ent_scenario_treemap *map = NULL;
        ent_efg *t = staged(s, &map);
        double *all = NULL;
        int nf = 0, tr = 0, responses = 0;
        cr_assert_eq(ent_efg_spe_subgames(t, 1000, &all, &nf, &tr, &err), ENT_OK, "%s", err.msg);
        cr_assert(nf > 0 && !tr);
        for (int k = 0; k < nf; k++) {
            const double *b = all + (size_t)k * ent_efg_nbehaviour(t);
            double reg[4], pay[4];
            cr_assert_eq(ent_efg_verify_behaviour(t, b, 0, reg, pay), ENT_OK);
            cr_assert_float_eq(pay[2], 2.5, 1e-12, "Russia: %g", pay[2]);
            cr_assert_float_eq(pay[0], 0.0, 1e-12, "coalition: %g", pay[0]);
            for (int h = 0; h < ent_efg_ninfosets(t); h++) {
                if (ent_scenario_treemap_actor(map, h) != 0 || ent_scenario_treemap_options(map, h) != 2u ||
                    ent_efg_infoset_nactions(t, h) != 2)
                    continue;
                for (int a = 0; a < 2; a++)
                    if (ent_scenario_treemap_choice(map, h, a) == 2) { /* engage on */
                        cr_assert_float_eq(b[ent_efg_action_index(t, h, a)], i ? 1.0 : 0.0, 1e-12);
                        responses++;
                    }
            }
        }
        cr_assert(responses > 0);
        free(all);
        ent_efg_free(&t);
        ent_scenario_treemap_free(&map);
        ent_scenario_free(&s);
    }
}

Test(scenario_tree, hidden_stage_is_one_information_set)
{
    ent_scenario *s = load("tests/data/scenario/seq_hidden.cfg");
    cr_assert(ent_scenario_stage_hidden(s, 0));
    ent_efg *t = staged(s, NULL);
    cr_assert_eq(ent_efg_ninfosets(t), 2);
    cr_assert_eq(ent_efg_node_iset(t, 1), ent_efg_node_iset(t, 4), "the second mover does not see the first");
    double *all = NULL;
    int nf = 0, trunc = 0;
    ent_error err = {0, ""};
    cr_assert_eq(ent_efg_spe_subgames(t, 10, &all, &nf, &trunc, &err), ENT_OK, "%s", err.msg);
    cr_assert_eq(nf, 1);
    for (int k = 0; k < ent_efg_nbehaviour(t); k++)
        cr_assert_float_eq(all[k], 0.5, 1e-12);
    free(all);
    ent_efg_free(&t);
    ent_scenario_free(&s);
}

/* tests/data/scenario/seq_chance.cfg by hand: after success (gain 10) the partner keeps
 * (10 > 6); after failure (gain 2) it is indifferent (2 = 2); investing without an audit
 * gives the investor 0.5 (-3) + 0.5 (-2 or -3), with one 0.8 (-3.5) + 0.2 (-2.5 or
 * -3.5); staying out gives 0. So the investor stays out and the partner's four ties (two
 * nodes after `out`, one failure node after each way of investing) give 16 equilibria. */
Test(scenario_tree, chance_move_by_hand)
{
    ent_scenario *s = load("tests/data/scenario/seq_chance.cfg");
    ent_scenario_treemap *map = NULL;
    ent_efg *t = staged(s, &map);
    cr_assert(ent_scenario_stage_is_chance(s, 1));
    cr_assert_str_eq(ent_scenario_chance_text(s, 1, 0), "the project succeeds");
    /* the chance node after "invest + audit" has 0.8 / 0.2, after "invest" 0.5 / 0.5 */
    int h0 = ent_efg_node_iset(t, 0), seen = 0;
    for (int a = 0; a < ent_efg_infoset_nactions(t, h0); a++) {
        int c = ent_efg_node_child(t, 0, a), hc = ent_efg_node_iset(t, c);
        int strat = ent_scenario_treemap_choice(map, h0, a);
        int audit = ent_scenario_strategy_has_option(s, 0, strat, 1);
        cr_assert_eq(ent_efg_infoset_player(t, hc), -1);
        cr_assert_float_eq(ent_efg_chance_prob(t, hc, 0), audit ? 0.8 : 0.5, 1e-15);
        /* payoffs after success: the partner's `gain` is 10 */
        int succ = ent_efg_node_child(t, c, 0), hs = ent_efg_node_iset(t, succ);
        for (int k = 0; k < ent_efg_infoset_nactions(t, hs); k++) {
            int leaf = ent_efg_node_child(t, succ, k), o = ent_efg_node_outcome(t, leaf);
            int keep = ent_scenario_treemap_choice(map, hs, k) == 1;
            int invest = ent_scenario_strategy_has_option(s, 0, strat, 0);
            double want = !invest ? 0 : keep ? 10 : 6;
            cr_assert_float_eq(ent_efg_outcome_payoff(t, o, 1), want, 1e-15);
        }
        seen++;
    }
    cr_assert_eq(seen, 3);
    ent_spe_opts o;
    ent_spe_opts_init(&o);
    ent_spe_result res;
    ent_error err = {0, ""};
    cr_assert_eq(ent_efg_spe_backward(t, &o, &res, &err), ENT_OK, "%s", err.msg);
    cr_assert_eq(res.count, 16);
    cr_assert_eq(res.nlisted, 16);
    for (int i = 0; i < res.nlisted; i++) {
        const int32_t *ch = res.choice + (size_t)i * res.ninfosets;
        cr_assert_eq(ent_scenario_treemap_choice(map, h0, ch[h0]), 0, "the investor stays out");
        cr_assert_float_eq(res.payoff[i * 2], 0.0, 1e-15);
        /* the best way in is worth -2.5 when the partner shares after failure */
        int32_t *dev = malloc(sizeof(int32_t) * (size_t)res.ninfosets);
        memcpy(dev, ch, sizeof(int32_t) * (size_t)res.ninfosets);
        for (int a = 0; a < 3; a++)
            if (ent_scenario_treemap_choice(map, h0, a) == 1) /* invest, no audit */
                dev[h0] = a;
        double pay[2] = {0, 0};
        walk(t, 0, dev, 1.0, pay);
        cr_assert(fabs(pay[0] + 2.5) < 1e-12 || fabs(pay[0] + 3.0) < 1e-12, "%g", pay[0]);
        free(dev);
    }
    ent_spe_result_clear(&res);
    ent_efg_free(&t);
    ent_scenario_treemap_free(&map);
    ent_scenario_free(&s);
}

/* The SPE of the compiled tree equal those of the tree written to .efg and read back;
 * every SPE is a pure Nash equilibrium of the tree's reduced normal form. */
static void roundtrip_and_nash(const char *path)
{
    ent_scenario *s = load(path);
    ent_efg *t = staged(s, NULL), *back = NULL;
    char *buf = NULL;
    size_t len = 0;
    FILE *f = open_memstream(&buf, &len);
    cr_assert_eq(ent_efg_write(t, f), ENT_OK);
    fclose(f);
    ent_error err = {0, ""};
    cr_assert_eq(ent_efg_read_string(buf, "staged.efg", NULL, &back, &err), ENT_OK, "%s", err.msg);
    cr_assert(ent_efg_equal(t, back), "%s: the tree read back differs", path);
    int nb = ent_efg_nbehaviour(t);
    double *a1 = NULL, *a2 = NULL;
    int n1 = 0, n2 = 0, tr1 = 0, tr2 = 0;
    cr_assert_eq(ent_efg_spe_subgames(t, 1000, &a1, &n1, &tr1, &err), ENT_OK, "%s", err.msg);
    cr_assert_eq(ent_efg_spe_subgames(back, 1000, &a2, &n2, &tr2, &err), ENT_OK, "%s", err.msg);
    cr_assert_eq(n1, n2);
    cr_assert(n1 > 0);
    for (int k = 0; k < n1 * nb; k++)
        cr_assert_eq(a1[k], a2[k]);
    ent_game *G = NULL;
    ent_efg_plans *pl = NULL;
    cr_assert_eq(ent_efg_to_nfg(t, 1, NULL, &G, &pl, &err), ENT_OK, "%s", err.msg);
    ent_pure_eq *eq = NULL;
    size_t cnt = 0;
    uint64_t total = 0;
    cr_assert_eq(ent_pure_nash(G, NULL, &eq, &cnt, &total, &err), ENT_OK, "%s", err.msg);
    int np = ent_game_nplayers(G), pure = 0;
    double *mixed = malloc(sizeof(double) * (size_t)ent_game_total_strategies(G));
    int *prof = malloc(sizeof(int) * (size_t)np);
    for (int i = 0; i < n1; i++) {
        const double *b = a1 + (size_t)i * nb;
        cr_assert_eq(ent_efg_mixed_from_behaviour(t, pl, b, mixed), ENT_OK);
        int is_pure = 1;
        for (int p = 0; p < np; p++) {
            prof[p] = -1;
            for (int k = 0; k < ent_game_nstrategies(G, p); k++) {
                double q = mixed[ent_game_strategy_offset(G, p) + k];
                if (q > 1 - 1e-12)
                    prof[p] = k;
            }
            is_pure &= prof[p] >= 0;
        }
        if (!is_pure)
            continue;
        pure++;
        uint64_t idx = ent_game_profile_index(G, prof);
        int found = 0;
        for (size_t k = 0; k < cnt && !found; k++)
            found = eq[k].profile == idx;
        cr_assert(found, "%s: SPE %d is no pure Nash equilibrium of the reduced normal form", path, i + 1);
    }
    cr_assert(pure > 0);
    free(mixed);
    free(prof);
    free(eq);
    free(a1);
    free(a2);
    free(buf);
    ent_game_free(&G);
    ent_efg_plans_free(&pl);
    ent_efg_free(&t);
    ent_efg_free(&back);
    ent_scenario_free(&s);
}

Test(scenario_tree, efg_roundtrip_and_reduced_nash_default) { roundtrip_and_nash("configs/ukraine-2025.cfg"); }
Test(scenario_tree, efg_roundtrip_and_reduced_nash_resolve)
{
    roundtrip_and_nash("configs/ukraine-2025-staged-resolve.cfg");
}
Test(scenario_tree, efg_roundtrip_and_reduced_nash_entry) { roundtrip_and_nash("tests/data/scenario/seq_entry.cfg"); }
Test(scenario_tree, efg_roundtrip_and_reduced_nash_chance) { roundtrip_and_nash("tests/data/scenario/seq_chance.cfg"); }
Test(scenario_tree, efg_roundtrip_and_reduced_nash_options_split)
{
    roundtrip_and_nash("configs/ukraine-2025-ceasefire-first.cfg");
}

/* The resolve as a chance move (q = 1 or 0 with probability q) gives, since the default
 * payoffs are linear in q, the default's expected payoffs: the same SPE payoffs, at the
 * point values and with q moved. */
Test(scenario_tree, resolve_chance_matches_expected_costs)
{
    const double qs[] = {-1, 0.3, 0.95};
    for (int i = 0; i < 3; i++) {
        ent_scenario *d = load("configs/ukraine-2025.cfg"), *c = load("configs/ukraine-2025-staged-resolve.cfg");
        ent_error err = {0, ""};
        if (qs[i] >= 0) {
            cr_assert_eq(ent_scenario_set_param(d, "q_backstop", qs[i], &err), ENT_OK);
            cr_assert_eq(ent_scenario_set_param(c, "q_backstop", qs[i], &err), ENT_OK);
        }
        ent_efg *td = staged(d, NULL), *tc = staged(c, NULL);
        double *ad = NULL, *ac = NULL, pd[4], pc[4], reg[4];
        int nd = 0, nc = 0, tr = 0;
        cr_assert_eq(ent_efg_spe_subgames(td, 1000, &ad, &nd, &tr, &err), ENT_OK, "%s", err.msg);
        cr_assert_eq(ent_efg_spe_subgames(tc, 1000, &ac, &nc, &tr, &err), ENT_OK, "%s", err.msg);
        cr_assert_eq(nd, nc);
        cr_assert(ent_efg_verify_behaviour(td, ad, 0, reg, pd) == ENT_OK);
        cr_assert(ent_efg_verify_behaviour(tc, ac, 0, reg, pc) == ENT_OK);
        for (int p = 0; p < 4; p++)
            cr_assert_float_eq(pd[p], pc[p], 1e-12, "q %g, actor %d: %g vs %g", qs[i], p, pd[p], pc[p]);
        free(ad);
        free(ac);
        ent_efg_free(&td);
        ent_efg_free(&tc);
        ent_scenario_free(&d);
        ent_scenario_free(&c);
    }
}

Test(scenario_tree, size_checked_before_building)
{
    ent_scenario *s = load("configs/ukraine-2025.cfg");
    ent_game_opts o;
    ent_game_opts_init(&o);
    o.mem_limit = 1000;
    ent_efg *t = NULL;
    ent_error err = {0, ""};
    cr_assert_eq(ent_scenario_to_efg(s, NULL, &o, &t, NULL, &err), ENT_ETOOBIG);
    cr_assert_null(t);
    cr_assert(strstr(err.msg, "up to 46 nodes"), "%s", err.msg);
    ent_scenario_free(&s);
}
