/* test_efg.c — extensive-form games: the .efg reader and writer (round trip on every
 * Gambit sample, malformed inputs), the reduced normal form, Kuhn's behaviour <-> mixed
 * maps, and known answers: centipede (4 and 10), ultimatum with discrete offers (both SPE,
 * the tie included), Selten's horse, entry deterrence with a chance move, Kuhn poker
 * (-1/18 by the sequence-form LP, equal to the normal-form LP value), and the samples'
 * subgame-perfect equilibria checked against their reduced normal forms. */
#include <criterion/criterion.h>
#include <dirent.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "entente.h"

#define SAMPLES "tests/data/efg/gambit"

static ent_efg *read_str(const char *text)
{
    ent_efg *t = NULL;
    ent_error e = {0, ""};
    int rc = ent_efg_read_string(text, "t.efg", NULL, &t, &e);
    cr_assert_eq(rc, ENT_OK, "read failed: %s", e.msg);
    return t;
}

static ent_efg *read_path(const char *path)
{
    ent_efg *t = NULL;
    ent_error e = {0, ""};
    cr_assert_eq(ent_efg_read_file(path, NULL, &t, &e), ENT_OK, "%s", e.msg);
    return t;
}

static char *write_str(const ent_efg *t)
{
    char *buf = NULL;
    size_t len = 0;
    FILE *f = open_memstream(&buf, &len);
    cr_assert_not_null(f);
    cr_assert_eq(ent_efg_write(t, f), ENT_OK);
    fclose(f);
    return buf;
}

/* Every sample reads, writes, re-reads to an equal tree, and writing is stable. */
Test(efg, round_trip_every_gambit_sample)
{
    DIR *d = opendir(SAMPLES);
    cr_assert_not_null(d);
    struct dirent *de;
    int count = 0;
    while ((de = readdir(d))) {
        size_t l = strlen(de->d_name);
        if (l < 5 || strcmp(de->d_name + l - 4, ".efg"))
            continue;
        char path[512];
        snprintf(path, sizeof path, "%s/%s", SAMPLES, de->d_name);
        ent_efg *t = read_path(path), *u = NULL;
        char *text = write_str(t);
        ent_error e = {0, ""};
        cr_assert_eq(ent_efg_read_string(text, path, NULL, &u, &e), ENT_OK, "%s: %s", path, e.msg);
        cr_assert(ent_efg_equal(t, u), "%s: re-read tree differs", path);
        char *again = write_str(u);
        cr_assert_str_eq(text, again, "%s: writing is not stable", path);
        free(text);
        free(again);
        ent_efg_free(&t);
        ent_efg_free(&u);
        count++;
    }
    closedir(d);
    cr_assert_eq(count, 60, "expected the 60 Gambit samples, saw %d", count);
}

/* Information sets and outcomes may be given in full once and referred to by number. */
Test(efg, repeated_sets_and_outcomes_by_number)
{
    ent_efg *t = read_str("EFG 2 D \"t\" { \"A\" \"B\" } \"c\"\n"
                          "p \"\" 1 1 \"h\" { \"L\" \"R\" } 0\n"
                          "p \"\" 2 7 \"k\" { \"l\" \"r\" } 0\n"
                          "t \"\" 3 \"o\" { 1.5, 2/3 }\n"
                          "t \"\" 4 \"p\" { -1 1e1 }\n"
                          "p \"\" 2 7 0\n"
                          "t \"\" 3\n"
                          "t \"\" 4 \"p\" { -1, 10 }\n");
    cr_assert_eq(ent_efg_nnodes(t), 7);
    cr_assert_eq(ent_efg_ninfosets(t), 2);
    cr_assert_eq(ent_efg_noutcomes(t), 2);
    cr_assert(ent_efg_has_exact(t));
    cr_assert_eq(ent_efg_node_iset(t, 1), ent_efg_node_iset(t, 4));
    cr_assert_eq(ent_efg_node_outcome(t, 2), ent_efg_node_outcome(t, 5));
    cr_assert_float_eq(ent_efg_outcome_payoff(t, 0, 1), 2.0 / 3, 1e-15);
    cr_assert_eq(ent_efg_perfect_information(t), 0);
    cr_assert(ent_efg_perfect_recall(t, NULL, 0));
    char *text = write_str(t);
    cr_assert(strstr(text, "EFG 2 D \"t\""), "%s", text);
    cr_assert(strstr(text, "{ 1.5, 2/3 }"), "%s", text);
    free(text);
    ent_efg_free(&t);
}

typedef struct {
    const char *text;
    int line;
    const char *msg;
} bad_case;

Test(efg, malformed_inputs_name_the_line)
{
    static const bad_case cases[] = {
        {"", 1, "expected 'EFG'"},
        {"EFG 3 R \"\" { \"A\" }\nt \"\" 0\n", 1, "format version 2"},
        {"EFG 2 X \"\" { \"A\" }\nt \"\" 0\n", 1, "'R' or 'D'"},
        {"EFG 2 R \"\" { }\nt \"\" 0\n", 1, "at least one player"},
        {"EFG 2 R \"\" { \"A\" }\n", 2, "ends before the root"},
        {"EFG 2 R \"\" { \"A\" }\n\np \"\" 1 1 \"\" { \"x\" \"y\" } 0\nt \"\" 0\n", 5,
         "still needs 1 more child"},
        {"EFG 2 R \"\" { \"A\" }\np \"\" 2 1 \"\" { \"x\" } 0\nt \"\" 0\n", 2, "player 2 does not exist"},
        {"EFG 2 R \"\" { \"A\" }\np \"\" 1 1 0\nt \"\" 0\n", 2, "used before its actions"},
        {"EFG 2 R \"\" { \"A\" }\nt \"\" 1\n", 2, "outcome 1 is used before"},
        {"EFG 2 R \"\" { \"A\" \"B\" }\nt \"\" 1 \"\" { 1 }\n", 2, "has 1 payoff, expected 2"},
        {"EFG 2 R \"\" { \"A\" }\nt \"\" 1 \"\" { 1 2 }\n", 2, "more than 1 payoffs"},
        {"EFG 2 R \"\" { \"A\" }\nc \"\" 1 \"\" { \"h\" 1/2 \"t\" 1/3 } 0\nt \"\" 0\nt \"\" 0\n", 2,
         "sum to"},
        {"EFG 2 R \"\" { \"A\" }\nc \"\" 1 \"\" { \"h\" 3/2 \"t\" -1/2 } 0\nt \"\" 0\nt \"\" 0\n", 2,
         "not between 0 and 1"},
        {"EFG 2 R \"\" { \"A\" }\nt \"\" 0\nt \"\" 0\n", 3, "after the tree is complete"},
        {"EFG 2 R \"\" { \"A\" }\nq \"\" 0\n", 2, "the root node"},
        {"EFG 2 R \"\" { \"A\" }\np \"\" 1 1 \"\" { } 0\n", 2, "at least one action"},
        {"EFG 2 R \"\" { \"A\" }\np \"\" 1 1 \"\" { \"x\" \"y\" } 0\np \"\" 1 1 \"\" { \"x\" } 0\nt \"\" 0\nt \"\" 0\n",
         3, "different name, actions"},
        {"EFG 2 R \"\" { \"A\" }\nt \"\" 1 \"o\" { 1 }\n\n", 2, NULL},
        {"EFG 2 R \"\" { \"A\" }\nt \"\" 0 \"x\"\n", 2, "outcome 0 means no outcome"},
        {"EFG 2 R \"\" { \"A\" }\nt \"\" 1 \"\" { 1/0 }\n", 2, "zero denominator"},
        {"EFG 2 R \"\" { \"A\" }\np \"\" 1 0 \"\" { \"x\" } 0\nt \"\" 0\n", 2, "from 1 to"},
        {"EFG 2 R \"\" { \"A\" }\nt \"unterminated 0\n", 2, "unterminated string"},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        ent_efg *t = NULL;
        ent_error e = {0, ""};
        int rc = ent_efg_read_string(cases[i].text, "bad.efg", NULL, &t, &e);
        if (!cases[i].msg) { /* a valid control case */
            cr_assert_eq(rc, ENT_OK, "case %zu: %s", i, e.msg);
            ent_efg_free(&t);
            continue;
        }
        cr_assert_neq(rc, ENT_OK, "case %zu should fail", i);
        cr_assert_null(t);
        char want[64];
        snprintf(want, sizeof want, "bad.efg:%d: ", cases[i].line);
        cr_assert(!strncmp(e.msg, want, strlen(want)), "case %zu: '%s' should start with '%s'", i,
                  e.msg, want);
        cr_assert(strstr(e.msg, cases[i].msg), "case %zu: '%s' should say '%s'", i, e.msg,
                  cases[i].msg);
        cr_assert_null(strchr(e.msg, '\n'));
    }
}

Test(efg, size_limit_refuses_before_allocating)
{
    ent_game_opts o;
    ent_game_opts_init(&o);
    o.mem_limit = 2000;
    ent_efg *t = NULL;
    ent_error e = {0, ""};
    /* a long chain of decisions */
    char *buf = malloc(200000);
    size_t len = (size_t)sprintf(buf, "EFG 2 R \"\" { \"A\" }\n");
    for (int i = 0; i < 2000; i++)
        len += (size_t)sprintf(buf + len, "p \"\" 1 %d \"\" { \"a\" \"b\" } 0\nt \"\" 0\n", i + 1);
    sprintf(buf + len, "t \"\" 0\n");
    int rc = ent_efg_read_string(buf, "big.efg", &o, &t, &e);
    cr_assert_eq(rc, ENT_ETOOBIG, "%s", e.msg);
    cr_assert(strstr(e.msg, "above the limit"), "%s", e.msg);
    cr_assert(!strncmp(e.msg, "big.efg:", 8), "%s", e.msg);
    cr_assert_eq(ent_efg_read_string(buf, "big.efg", NULL, &t, &e), ENT_OK, "%s", e.msg);
    cr_assert_eq(ent_efg_nnodes(t), 4001);
    ent_efg_free(&t);
    free(buf);
}

/* ------------------------------------------------------------- builders */

static int outcome(ent_efg *t, double a, double b)
{
    double p[2] = {a, b};
    ent_error e;
    int o = ent_efg_add_outcome(t, p, NULL, NULL, 0, "", &e);
    cr_assert_geq(o, 0, "%s", e.msg);
    return o;
}

static int iset(ent_efg *t, int player, int nact)
{
    ent_error e;
    int h = ent_efg_add_infoset(t, player, nact, NULL, NULL, NULL, NULL, 0, "", &e);
    cr_assert_geq(h, 0, "%s", e.msg);
    return h;
}

static void node(ent_efg *t, int h, int o)
{
    ent_error e;
    cr_assert_geq(ent_efg_add_node(t, h, o, "", &e), 0, "%s", e.msg);
}

/* Centipede of length L: at stage k (0-based) the mover may take (mover k+2, other k) or
 * pass; after the last pass both get L+... : (L, L). Backward induction: take at once. */
static ent_efg *centipede(int L)
{
    ent_efg *t;
    ent_error e;
    cr_assert_eq(ent_efg_new(&t, 2, NULL, &e), ENT_OK);
    for (int k = 0; k < L; k++) {
        int mover = k % 2;
        node(t, iset(t, mover, 2), -1);
        node(t, -1, mover == 0 ? outcome(t, k + 2, k) : outcome(t, k, k + 2));
    }
    node(t, -1, outcome(t, L, L));
    cr_assert_eq(ent_efg_finish(t, &e), ENT_OK, "%s", e.msg);
    return t;
}

static void check_centipede(int L)
{
    ent_efg *t = centipede(L);
    cr_assert(ent_efg_perfect_information(t));
    ent_spe_result r;
    ent_error e;
    cr_assert_eq(ent_efg_spe_backward(t, NULL, &r, &e), ENT_OK, "%s", e.msg);
    cr_assert_eq(r.nlisted, 1);
    cr_assert_eq(r.count, 1);
    cr_assert(r.count_exact);
    for (int h = 0; h < ent_efg_ninfosets(t); h++)
        cr_assert_eq(r.choice[h], 0, "everyone takes");
    cr_assert_eq(r.payoff[0], 2.0);
    cr_assert_eq(r.payoff[1], 0.0);
    double w;
    cr_assert_eq(ent_efg_verify_pure_spe(t, r.choice, r.tol, &w, NULL), 1);
    /* passing everywhere is not subgame perfect */
    int32_t *pass = malloc(sizeof(int32_t) * (size_t)ent_efg_ninfosets(t));
    for (int h = 0; h < ent_efg_ninfosets(t); h++)
        pass[h] = 1;
    cr_assert_eq(ent_efg_verify_pure_spe(t, pass, r.tol, &w, NULL), 0);
    cr_assert_float_eq(w, 1.0, 1e-12);
    /* every pure Nash equilibrium of the reduced normal form ends at once with (2, 0) */
    ent_game *g;
    cr_assert_eq(ent_efg_to_nfg(t, 1, NULL, &g, NULL, &e), ENT_OK, "%s", e.msg);
    cr_assert_eq(ent_game_nstrategies(g, 0), (L + 1) / 2 + 1);
    ent_pure_eq *eq;
    size_t cnt;
    uint64_t tot;
    cr_assert_eq(ent_pure_nash(g, NULL, &eq, &cnt, &tot, &e), ENT_OK);
    cr_assert_geq(cnt, 1);
    for (size_t i = 0; i < cnt; i++) {
        cr_assert_eq(ent_game_payoffs(g, 0)[eq[i].profile], 2.0);
        cr_assert_eq(ent_game_payoffs(g, 1)[eq[i].profile], 0.0);
    }
    free(eq);
    free(pass);
    ent_game_free(&g);
    ent_spe_result_clear(&r);
    ent_efg_free(&t);
}

Test(efg_known, centipede_4) { check_centipede(4); }
Test(efg_known, centipede_10) { check_centipede(10); }

/* Ultimatum: the proposer offers x in 0..M of M; the responder accepts (M-x, x) or
 * rejects (0, 0). Two pure SPE: accept everything and offer 0, or reject 0 and offer 1. */
Test(efg_known, ultimatum_all_spe_with_the_tie)
{
    const int M = 4;
    ent_efg *t;
    ent_error e;
    cr_assert_eq(ent_efg_new(&t, 2, NULL, &e), ENT_OK);
    node(t, iset(t, 0, M + 1), -1);
    for (int x = 0; x <= M; x++) {
        node(t, iset(t, 1, 2), -1);
        node(t, -1, outcome(t, M - x, x));
        node(t, -1, outcome(t, 0, 0));
    }
    cr_assert_eq(ent_efg_finish(t, &e), ENT_OK);
    ent_spe_result r;
    cr_assert_eq(ent_efg_spe_backward(t, NULL, &r, &e), ENT_OK, "%s", e.msg);
    cr_assert_eq(r.nlisted, 2);
    cr_assert_eq(r.count, 2);
    cr_assert(r.count_exact);
    int seen0 = 0, seen1 = 0;
    for (int i = 0; i < 2; i++) {
        const int32_t *c = r.choice + (size_t)i * r.ninfosets;
        double w;
        cr_assert_eq(ent_efg_verify_pure_spe(t, c, r.tol, &w, NULL), 1);
        for (int x = 1; x <= M; x++)
            cr_assert_eq(c[1 + x], 0, "positive offers are accepted");
        if (c[0] == 0 && c[1] == 0) {
            seen0 = 1;
            cr_assert_eq(r.payoff[i * 2], M);
        }
        if (c[0] == 1 && c[1] == 1) {
            seen1 = 1;
            cr_assert_eq(r.payoff[i * 2], M - 1);
        }
    }
    cr_assert(seen0 && seen1);
    /* with a limit of one, one is listed and both are counted */
    ent_spe_opts o;
    ent_spe_opts_init(&o);
    o.max_list = 1;
    ent_spe_result_clear(&r);
    cr_assert_eq(ent_efg_spe_backward(t, &o, &r, &e), ENT_OK);
    cr_assert_eq(r.nlisted, 1);
    cr_assert_eq(r.count, 2);
    ent_spe_result_clear(&r);
    ent_efg_free(&t);
}

/* Selten's horse: the only subgame is the game; its pure equilibria (D, a, L),
 * (A, d, R) and (A, a, R) are all subgame perfect (Selten 1975: only (D, a, L) is
 * sequential). */
Test(efg_known, seltens_horse)
{
    ent_efg *t = read_str(
        "EFG 2 R \"Selten's horse\" { \"1\" \"2\" \"3\" }\n\"\"\n"
        "p \"\" 1 1 \"\" { \"D\" \"A\" } 0\n"
        "p \"\" 3 1 \"\" { \"L\" \"R\" } 0\n"
        "t \"\" 1 \"\" { 3 3 2 }\n"
        "t \"\" 2 \"\" { 0 0 0 }\n"
        "p \"\" 2 1 \"\" { \"d\" \"a\" } 0\n"
        "p \"\" 3 1 \"\" { \"L\" \"R\" } 0\n"
        "t \"\" 3 \"\" { 4 4 0 }\n"
        "t \"\" 4 \"\" { 1 1 1 }\n"
        "t \"\" 4\n");
    cr_assert_not(ent_efg_perfect_information(t));
    double *b;
    int nf, tr;
    ent_error e;
    cr_assert_eq(ent_efg_spe_subgames(t, 10, &b, &nf, &tr, &e), ENT_OK, "%s", e.msg);
    cr_assert_eq(nf, 3); /* (D, a, L), (A, d, R), (A, a, R) */
    int nb = ent_efg_nbehaviour(t), a = 0, r = 0;
    for (int i = 0; i < nf; i++) {
        double reg[3], pay[3];
        cr_assert_eq(ent_efg_verify_behaviour(t, b + (size_t)i * nb, 0, reg, pay), ENT_OK);
        if (pay[0] == 3 && pay[2] == 2)
            a = 1;
        if (pay[0] == 1 && pay[1] == 1 && pay[2] == 1)
            r = 1;
    }
    cr_assert(a && r, "expected (3,3,2) and (1,1,1)");
    free(b);
    ent_efg_free(&t);
}

/* Entry deterrence with a chance move: demand is high or low (1/2 each), seen by both.
 * The incumbent always accommodates; the entrant enters only when demand is high. The
 * threat to fight is a Nash equilibrium of the normal form but not subgame perfect. */
Test(efg_known, entry_deterrence_with_chance)
{
    ent_efg *t = read_str(
        "EFG 2 R \"Entry\" { \"Entrant\" \"Incumbent\" }\n\"\"\n"
        "c \"\" 1 \"demand\" { \"high\" 1/2 \"low\" 1/2 } 0\n"
        "p \"\" 1 1 \"high\" { \"enter\" \"out\" } 0\n"
        "p \"\" 2 1 \"high entry\" { \"fight\" \"accommodate\" } 0\n"
        "t \"\" 1 \"\" { -1 1 }\n"
        "t \"\" 2 \"\" { 2 2 }\n"
        "t \"\" 3 \"\" { 0 4 }\n"
        "p \"\" 1 2 \"low\" { \"enter\" \"out\" } 0\n"
        "p \"\" 2 2 \"low entry\" { \"fight\" \"accommodate\" } 0\n"
        "t \"\" 4 \"\" { -1 0 }\n"
        "t \"\" 5 \"\" { -1/2 1 }\n"
        "t \"\" 6 \"\" { 0 2 }\n");
    ent_spe_result r;
    ent_error e;
    cr_assert_eq(ent_efg_spe_backward(t, NULL, &r, &e), ENT_OK, "%s", e.msg);
    cr_assert_eq(r.count, 1);
    cr_assert_float_eq(r.payoff[0], 1.0, 1e-12);
    cr_assert_float_eq(r.payoff[1], 2.0, 1e-12);
    cr_assert_eq(r.choice[1], 0);     /* enter when high */
    cr_assert_eq(r.choice[2], 1);     /* accommodate */
    cr_assert_eq(r.choice[3], 1);     /* out when low */
    /* the normal form has more pure equilibria (fighting threats) than the one SPE */
    ent_game *g;
    cr_assert_eq(ent_efg_to_nfg(t, 1, NULL, &g, NULL, &e), ENT_OK);
    cr_assert(ent_game_has_exact(g));
    ent_pure_eq *eq;
    size_t cnt;
    uint64_t tot;
    cr_assert_eq(ent_pure_nash(g, NULL, &eq, &cnt, &tot, &e), ENT_OK);
    cr_assert_gt(cnt, 1);
    free(eq);
    ent_game_free(&g);
    ent_spe_result_clear(&r);
    ent_efg_free(&t);
}

/* Kuhn poker: value -1/18 by the sequence-form LP; the same as the LP on its reduced
 * normal form (27 x 64); the equilibrium's behaviour regrets vanish; Kuhn's maps agree. */
Test(efg_known, kuhn_poker_value)
{
    ent_efg *t = read_path("tests/data/efg/kuhn.efg");
    int nb = ent_efg_nbehaviour(t);
    double *b = malloc(sizeof(double) * (size_t)nb), v, reg[2], pay[2];
    ent_error e;
    cr_assert_eq(ent_efg_seqform_zerosum(t, 0, &v, b, &e), ENT_OK, "%s", e.msg);
    cr_assert_float_eq(v, -1.0 / 18, 1e-9);
    cr_assert_eq(ent_efg_verify_behaviour(t, b, 0, reg, pay), ENT_OK);
    cr_assert_lt(reg[0], 1e-9);
    cr_assert_lt(reg[1], 1e-9);
    cr_assert_float_eq(pay[0], -1.0 / 18, 1e-9);
    ent_game *g;
    ent_efg_plans *pl;
    cr_assert_eq(ent_efg_to_nfg(t, 1, NULL, &g, &pl, &e), ENT_OK, "%s", e.msg);
    cr_assert_eq(ent_game_nstrategies(g, 0), 27);
    cr_assert_eq(ent_game_nstrategies(g, 1), 64);
    double nv;
    cr_assert_eq(ent_zerosum_solve(g, 0, &nv, NULL, NULL, &e), ENT_OK, "%s", e.msg);
    cr_assert_float_eq(nv, v, 1e-9);
    /* behaviour -> mixed: the same payoffs and a Nash equilibrium of the normal form */
    double *mixed = malloc(sizeof(double) * (size_t)ent_game_total_strategies(g));
    double *back = malloc(sizeof(double) * (size_t)nb);
    cr_assert_eq(ent_efg_mixed_from_behaviour(t, pl, b, mixed), ENT_OK);
    double nreg[2], npay[2];
    cr_assert_eq(ent_verify_regrets(g, mixed, nreg, npay), ENT_OK);
    cr_assert_float_eq(npay[0], pay[0], 1e-12);
    cr_assert_lt(nreg[0], 1e-9);
    cr_assert_lt(nreg[1], 1e-9);
    /* and back: the same behaviour wherever the set is reached */
    cr_assert_eq(ent_efg_behaviour_from_mixed(t, pl, mixed, back), ENT_OK);
    double r2[2], p2[2];
    cr_assert_eq(ent_efg_verify_behaviour(t, back, 0, r2, p2), ENT_OK);
    cr_assert_float_eq(p2[0], pay[0], 1e-12);
    free(b);
    free(mixed);
    free(back);
    ent_efg_plans_free(&pl);
    ent_game_free(&g);
    ent_efg_free(&t);
}

/* Every sample with perfect recall: its SPE (backward induction under perfect
 * information, else subgame decomposition) are Nash equilibria of the reduced normal
 * form (checked there by ent_verify_regrets), and a pure SPE is one of the normal form's
 * pure equilibria; with perfect information, every pure SPE is listed and counted. */
Test(efg_known, samples_spe_against_reduced_normal_form, .timeout = 120)
{
    DIR *d = opendir(SAMPLES);
    cr_assert_not_null(d);
    struct dirent *de;
    int checked = 0;
    while ((de = readdir(d))) {
        size_t l = strlen(de->d_name);
        if (l < 5 || strcmp(de->d_name + l - 4, ".efg"))
            continue;
        char path[512];
        snprintf(path, sizeof path, "%s/%s", SAMPLES, de->d_name);
        ent_efg *t = read_path(path);
        ent_error e = {0, ""};
        ent_game *g = NULL;
        ent_efg_plans *pl = NULL;
        ent_game_opts o;
        ent_game_opts_init(&o);
        o.mem_limit = (size_t)20000 * 8 * (size_t)ent_efg_nplayers(t); /* 20000 profiles */
        if (!ent_efg_perfect_recall(t, NULL, 0) ||
            ent_efg_to_nfg(t, 1, &o, &g, &pl, &e) != ENT_OK) {
            ent_game_free(&g);
            ent_efg_plans_free(&pl);
            ent_efg_free(&t);
            continue;
        }
        int nb = ent_efg_nbehaviour(t), tot = ent_game_total_strategies(g);
        double *mixed = malloc(sizeof(double) * (size_t)tot);
        double tol = ent_verify_tolerance(g) * 100;
        if (ent_efg_perfect_information(t)) {
            ent_spe_result r;
            cr_assert_eq(ent_efg_spe_backward(t, NULL, &r, &e), ENT_OK, "%s: %s", path, e.msg);
            cr_assert_geq(r.nlisted, 1);
            double *b = malloc(sizeof(double) * (size_t)nb);
            for (int i = 0; i < r.nlisted; i++) {
                const int32_t *c = r.choice + (size_t)i * r.ninfosets;
                double w;
                cr_assert_eq(ent_efg_verify_pure_spe(t, c, r.tol, &w, NULL), 1, "%s", path);
                for (int h = 0; h < ent_efg_ninfosets(t); h++)
                    for (int a = 0; a < ent_efg_infoset_nactions(t, h); a++)
                        b[ent_efg_action_index(t, h, a)] = ent_efg_infoset_player(t, h) < 0
                                                               ? ent_efg_chance_prob(t, h, a)
                                                               : (c[h] == a);
                ent_efg_mixed_from_behaviour(t, pl, b, mixed);
                cr_assert_leq(ent_verify_max_regret(g, mixed), tol, "%s: SPE %d", path, i);
            }
            free(b);
            ent_spe_result_clear(&r);
        } else {
            double *b;
            int nf, tr;
            int rc = ent_efg_spe_subgames(t, 20, &b, &nf, &tr, &e);
            cr_assert_eq(rc, ENT_OK, "%s: %s", path, e.msg);
            cr_assert_geq(nf, 1, "%s", path);
            for (int i = 0; i < nf; i++) {
                ent_efg_mixed_from_behaviour(t, pl, b + (size_t)i * nb, mixed);
                cr_assert_leq(ent_verify_max_regret(g, mixed), tol, "%s: SPE %d", path, i);
            }
            free(b);
        }
        checked++;
        free(mixed);
        ent_game_free(&g);
        ent_efg_plans_free(&pl);
        ent_efg_free(&t);
    }
    closedir(d);
    cr_assert_geq(checked, 30, "only %d samples were checked", checked);
}

/* A strategic game as a tree and back gives the same payoffs. */
Test(efg, strategic_game_round_trip)
{
    ent_game *g;
    ent_error e;
    cr_assert_eq(ent_nfg_read_string("NFG 1 R \"pd\" { \"R\" \"C\" } { 2 3 }\n"
                                     "3 3 5 0 1 2 0 5 1 1 2 2\n", "t.nfg", NULL, &g, &e),
                 ENT_OK, "%s", e.msg);
    ent_efg *t;
    cr_assert_eq(ent_efg_from_nfg(g, &t, &e), ENT_OK, "%s", e.msg);
    cr_assert_not(ent_efg_perfect_information(t));
    ent_game *h;
    cr_assert_eq(ent_efg_to_nfg(t, 1, NULL, &h, NULL, &e), ENT_OK);
    cr_assert_eq(ent_game_nprofiles(h), 6);
    for (int p = 0; p < 2; p++)
        for (uint64_t i = 0; i < 6; i++)
            cr_assert_eq(ent_game_payoffs(g, p)[i], ent_game_payoffs(h, p)[i]);
    ent_game_free(&g);
    ent_game_free(&h);
    ent_efg_free(&t);
}
