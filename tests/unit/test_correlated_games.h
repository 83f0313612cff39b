/* test_correlated_games.h — games with known answers for the issue-5 tests (correlated
 * equilibria, dominance, QRE, support enumeration, coalitions), built in code. */
#ifndef TEST_CORRELATED_GAMES_H
#define TEST_CORRELATED_GAMES_H

#include <criterion/criterion.h>
#include <string.h>

#include "entente.h"

/* pay: for each profile (player 0 fastest), the n payoffs. */
static inline ent_game *tg_make(int n, const int *ns, const double *pay)
{
    ent_game *g;
    cr_assert_eq(ent_game_new(&g, n, ns, NULL, NULL), ENT_OK);
    uint64_t np = ent_game_nprofiles(g);
    for (int p = 0; p < n; p++)
        for (uint64_t i = 0; i < np; i++)
            ent_game_payoffs_mut(g, p)[i] = pay[i * (uint64_t)n + (uint64_t)p];
    return g;
}

/* Chicken (Aumann 1974): strategies Dare=0, Chicken=1. (D,D)=0,0 (D,C)=7,2 (C,D)=2,7
 * (C,C)=6,6. Nash: (D,C), (C,D), both Chicken w.p. 2/3 (welfare 9, 9, 28/3); the best
 * correlated equilibrium puts 1/2 on (C,C) and 1/4 on each pure Nash: welfare 10.5. */
static inline ent_game *tg_chicken(void)
{
    static const int ns[2] = {2, 2};
    static const double pay[] = {0, 0, 2, 7, 7, 2, 6, 6};
    ent_game *g = tg_make(2, ns, pay);
    ent_game_set_strategy_label(g, 0, 0, "Dare");
    ent_game_set_strategy_label(g, 0, 1, "Chicken");
    ent_game_set_strategy_label(g, 1, 0, "Dare");
    ent_game_set_strategy_label(g, 1, 1, "Chicken");
    return g;
}

/* Truce monitoring (inspection game). Violator: Comply=0, Violate=1; Monitor: Inspect=0,
 * Trust=1. Violator: 0 if comply; violate & inspected -3, violate & trusted +1. Monitor:
 * inspecting costs 1; catching a violation gains 2; an unseen violation costs 2.
 * Unique equilibrium: violate w.p. 1/4, inspect w.p. 1/4 (closed form: b/(a+b) and
 * c/(d+e)); payoffs (0, -1/2). */
static inline ent_game *tg_inspection(void)
{
    static const int ns[2] = {2, 2};
    /* (C,I) (V,I) (C,T) (V,T) */
    static const double pay[] = {0, -1, -3, 1, 0, 0, 1, -2};
    return tg_make(2, ns, pay);
}

/* Prisoner's dilemma: C=0, D=1. */
static inline ent_game *tg_pd(void)
{
    static const int ns[2] = {2, 2};
    static const double pay[] = {3, 3, 5, 0, 0, 5, 1, 1};
    return tg_make(2, ns, pay);
}

/* Bernheim, Peleg & Whinston (1987) three-player example: rows T/B, columns L/R, player 3
 * picks matrix A or B. Pure Nash: (T,L,A) = (0,0,10) and (B,R,B) = (-1,-1,5). (T,L,A) is
 * not coalition-proof: players 1 and 2 move to (B,R) given A, a self-enforcing deviation.
 * (B,R,B) is coalition-proof but not strong (all three prefer (T,L,A)). */
static inline ent_game *tg_bpw(void)
{
    static const int ns[3] = {2, 2, 2};
    static const double pay[] = {0,  0,  10, -5, -5, 0, -5, -5, 0, 1,  1,  -5,
                                 -2, -2, 0,  -5, -5, 0, -5, -5, 0, -1, -1, 5};
    return tg_make(3, ns, pay);
}

/* A three-player cyclic matching game (a generalised Jordan 1993 game): H=0, T=1.
 * Player 1 wants to match player 2 (1 for H-H, 2 for T-T), player 2 to match player 3 (3
 * for H-H, 1 for T-T), player 3 to mismatch player 1 (1 for H against T, 4 for T against
 * H). No pure equilibrium; the unique equilibrium, in closed form from the three
 * indifference conditions: P1 plays H w.p. 1/5, P2 w.p. 2/3, P3 w.p. 1/4. */
static inline ent_game *tg_jordan(void)
{
    static const int ns[3] = {2, 2, 2};
    double pay[24];
    for (int i = 0; i < 8; i++) {
        int s0 = i & 1, s1 = (i >> 1) & 1, s2 = (i >> 2) & 1;
        pay[3 * i + 0] = s0 == s1 ? (s0 == 0 ? 1 : 2) : 0;
        pay[3 * i + 1] = s1 == s2 ? (s1 == 0 ? 3 : 1) : 0;
        pay[3 * i + 2] = s2 != s0 ? (s2 == 0 ? 1 : 4) : 0;
    }
    return tg_make(3, ns, pay);
}

/* Gambit sample 2x2x2.nfg (McKelvey & McLennan): 9 Nash equilibria, 2 totally mixed. */
static inline ent_game *tg_mm222(void)
{
    static const int ns[3] = {2, 2, 2};
    static const double pay[] = {9, 8, 12, 0, 0, 0, 0, 0, 0, 9, 8, 2,
                                 0, 0, 0,  3, 4, 6, 3, 4, 6, 0, 0, 0};
    return tg_make(3, ns, pay);
}

/* Gambit sample 3x3x3.nfg: "five equilibria (two pure)". */
static inline ent_game *tg_g333(void)
{
    static const int ns[3] = {3, 3, 3};
    static const double pay[] = {
        1.131, 1.210, 2.426, 1.358, 2.234, 2.238, 1.655, 1.347, 2.747, 1.576, 5.634, 5.675,
        1.478, 2.544, 1.973, 1.436, 4.864, 5.267, 1.735, 4.043, 7.247, 3.830, 1.335, 1.734,
        1.428, 1.521, 4.248, 2.429, 2.326, 2.422, 5.255, 5.334, 2.643, 2.243, 3.518, 3.062,
        2.455, 6.523, 4.225, 7.486, 4.483, 5.764, 7.566, 4.655, 7.076, 4.943, 7.362, 4.382,
        4.434, 4.271, 4.120, 4.533, 5.231, 5.458, 3.222, 3.024, 1.223, 2.873, 4.452, 4.549,
        4.564, 4.326, 1.762, 5.277, 4.837, 5.645, 4.995, 5.754, 4.383, 4.423, 1.759, 2.705,
        4.642, 1.897, 4.042, 4.976, 7.324, 7.723, 4.486, 4.882, 2.537};
    return tg_make(3, ns, pay);
}

/* Gambit sample 2x2x2x2.nfg: "Four person, 2x2x2x2 game with 3 Nash equilibria". */
static inline ent_game *tg_g2222(void)
{
    static const int ns[4] = {2, 2, 2, 2};
    static const double pay[] = {
        1.131, 1.210, 2.426, 2.429, 4.225, 5.277, 4.837, 5.645, 4.452, 4.549, 1.655, 1.347,
        7.566, 4.655, 7.076, 4.423, 1.223, 1.358, 2.234, 2.238, 4.483, 5.764, 4.995, 5.754,
        4.564, 4.326, 1.762, 1.576, 7.247, 4.943, 7.362, 4.382, 2.326, 2.422, 3.222, 3.024,
        1.478, 2.544, 1.973, 7.486, 2.747, 2.243, 3.518, 3.062, 1.759, 2.705, 1.735, 4.043,
        5.255, 5.334, 2.643, 2.873, 4.383, 1.436, 4.864, 5.267, 5.634, 5.675, 2.455, 6.523,
        4.642, 1.897, 4.042, 3.830};
    return tg_make(4, ns, pay);
}

/* Gambit sample mixdom.nfg: zero-sum 4x4 where player 1's first strategy is dominated
 * only by a mixture (0.6 of the second + 0.4 of the third beats it everywhere). */
static inline ent_game *tg_mixdom(void)
{
    static const int ns[2] = {4, 4};
    static const double a[16] = {6, 7, 5, 1, 2, 1, 4, 3, 1, 2, 6, 7, 4, 5, 7, 2};
    double pay[32];
    for (int i = 0; i < 16; i++) {
        pay[2 * i] = a[i];
        pay[2 * i + 1] = -a[i];
    }
    return tg_make(2, ns, pay);
}

#endif
