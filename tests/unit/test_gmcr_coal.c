/* test_gmcr_coal.c — coalitional stability in the graph model (Inohara & Hipel 2008):
 * hand-derived answers for the prisoner's dilemma and Elmira, the algorithm against the
 * literal re-check on random models, the implications between the concepts, agreement
 * with the coalitional-improvement search of gmcr.c, thread-count independence, size
 * refusal. */
#include <criterion/criterion.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#ifdef _OPENMP
#include <omp.h>
#endif

#include "entente.h"

static uint64_t rng(uint64_t *x)
{
    *x ^= *x << 13;
    *x ^= *x >> 7;
    *x ^= *x << 17;
    return *x;
}

static void ceqlist(const ent_gmcr *m, const ent_gmcr_cresult *r, int c, char *buf, size_t cap)
{
    size_t len = 0;
    buf[0] = '\0';
    for (uint32_t s = 0; s < ent_gmcr_nstates(m); s++)
        if (ent_gmcr_cequilibrium(r, c, s))
            len += (size_t)snprintf(buf + len, cap - len, "%s%u", len ? " " : "", s + 1);
}

static void cross_check(const ent_gmcr *m, const ent_gmcr_cresult *r)
{
    for (int c = 0; c < ENT_GMCR_NCCONCEPTS; c++)
        for (int d = 0; d < ent_gmcr_ndm(m); d++)
            for (uint32_t s = 0; s < ent_gmcr_nstates(m); s++) {
                int v = -1;
                cr_assert_eq(ent_gmcr_verify_cstable(m, c, d, s, &v), ENT_OK);
                cr_assert_eq(v, ent_gmcr_cstable(r, c, d, s), "%s dm %d state %u",
                             ent_gmcr_cconcept_name(c), d, s + 1);
            }
}

/* Prisoner's dilemma in option form (option k: DM k cooperates): states 1 DD, 2 CD, 3 DC,
 * 4 CC; DM 1 ranks DC > CC > DD > CD, DM 2 symmetrically. By hand: the grand coalition
 * moves DD -> CD -> CC (a legal sequence), which both prefer, and nobody is left to
 * sanction it, so DD is not coalitionally stable; at CC a DM's defection is answered by
 * the other's defection (an improvement for it) to DD, and no coalition improves on CC; at
 * CD and DC the cooperator defects unpunished. CNASH: no equilibrium (every state has an
 * improvement for some coalition); CGMR = CSMR = CSEQ = {CC}. */
Test(gmcr_coal, prisoners_dilemma_by_hand)
{
    int owner[2] = {0, 1};
    uint64_t st[4] = {0, 1, 2, 3};
    ent_gmcr *m;
    ent_error err;
    cr_assert_eq(ent_gmcr_new_options(&m, 2, 2, owner, NULL, 4, st, &err), ENT_OK, "%s", err.msg);
    int r0[4] = {2, 1, 4, 3}, r1[4] = {2, 4, 1, 3};
    for (uint32_t s = 0; s < 4; s++) {
        ent_gmcr_set_rank(m, 0, s, r0[s]);
        ent_gmcr_set_rank(m, 1, s, r1[s]);
    }
    ent_gmcr_set_dm_name(m, 0, "P1");
    ent_gmcr_set_dm_name(m, 1, "P2");
    cr_assert_eq(ent_gmcr_seal(m, &err), ENT_OK);
    ent_gmcr_cresult *r;
    cr_assert_eq(ent_gmcr_coalition_analyze(m, &r, &err), ENT_OK, "%s", err.msg);
    char buf[64];
    const char *want[4] = {"", "4", "4", "4"};
    for (int c = 0; c < 4; c++) {
        ceqlist(m, r, c, buf, sizeof buf);
        cr_assert_str_eq(buf, want[c], "%s: %s", ent_gmcr_cconcept_name(c), buf);
    }
    /* per DM under CNASH: only each DM's best state (DC for P1, CD for P2) */
    for (uint32_t s = 0; s < 4; s++) {
        cr_assert_eq(ent_gmcr_cstable(r, ENT_GMCR_CNASH, 0, s), s == 2);
        cr_assert_eq(ent_gmcr_cstable(r, ENT_GMCR_CNASH, 1, s), s == 1);
    }
    cross_check(m, r);
    unsigned H;
    uint32_t imp, san;
    ent_gmcr_cwitness(r, ENT_GMCR_CGMR, 0, 0, &H, &imp, &san);
    cr_assert(H == 3u && imp == 3 && san == UINT32_MAX);
    char why[512];
    ent_gmcr_cexplain(m, r, ENT_GMCR_CGMR, 0, 0, why, sizeof why);
    cr_assert_str_eq(why, "P1 together with P2 can move from 1 to 4, which all of them prefer, "
                          "and no one is left to respond.");
    ent_gmcr_cexplain(m, r, ENT_GMCR_CSEQ, 0, 3, why, sizeof why);
    cr_assert_str_eq(why, "The move of P1 from 4 to 3 is sanctioned: P2 can respond by coalitional "
                          "improvements of their own with 1, which P1 likes no more than 4.");
    ent_gmcr_cexplain(m, r, ENT_GMCR_CNASH, 0, 2, why, sizeof why);
    cr_assert_str_eq(why, "Neither P1 alone nor any coalition including it can move from 3 to a "
                          "state all its members prefer.");
    ent_gmcr_cresult_free(&r);
    cr_assert_null(r);
    ent_gmcr_free(&m);
}

/* Elmira, nine states (as in test_gmcr.c; Hipel, Fang, Kilgour & Haight 1993). By hand:
 * at 5 MoE and Uniroyal together reach 8 (MoE modifies, then Uniroyal accepts), which
 * both prefer, and LG cannot move from 8 to anything MoE likes less than 5 (LG's only
 * move gives 4), so 5, the Nash equilibrium that the coalition analysis of Kilgour et al.
 * (2001) and Inohara & Hipel (2008) overturns, is stable under no coalitional concept;
 * from 8 every coalition reaches only 4 (through LG) and 9, and no coalition containing the
 * mover likes them better, from 9 nobody moves: CNASH = {8, 9}. */
Test(gmcr_coal, elmira_by_hand)
{
    ent_gmcr *m;
    cr_assert_eq(ent_gmcr_new(&m, 3, 9, NULL), ENT_OK);
    static const int moe[][2] = {{1, 2}, {3, 4}, {5, 6}, {7, 8}};
    static const int ur[][2] = {{1, 3}, {1, 9}, {2, 4}, {2, 9}, {3, 9}, {4, 9},
                                {5, 7}, {5, 9}, {6, 8}, {6, 9}, {7, 9}, {8, 9}};
    static const int lg[][2] = {{1, 5}, {2, 6}, {3, 7}, {4, 8}};
    for (int k = 0; k < 4; k++)
        ent_gmcr_add_move(m, 0, (uint32_t)moe[k][0] - 1, (uint32_t)moe[k][1] - 1);
    for (int k = 0; k < 12; k++)
        ent_gmcr_add_move(m, 1, (uint32_t)ur[k][0] - 1, (uint32_t)ur[k][1] - 1);
    for (int k = 0; k < 4; k++) {
        ent_gmcr_add_move(m, 2, (uint32_t)lg[k][0] - 1, (uint32_t)lg[k][1] - 1);
        ent_gmcr_add_move(m, 2, (uint32_t)lg[k][1] - 1, (uint32_t)lg[k][0] - 1);
    }
    static const int p[3][9] = {{7, 3, 4, 8, 5, 1, 2, 6, 9},
                                {1, 4, 8, 5, 9, 2, 3, 7, 6},
                                {7, 3, 5, 1, 8, 6, 4, 2, 9}};
    for (int d = 0; d < 3; d++)
        for (int k = 0; k < 9; k++)
            ent_gmcr_set_rank(m, d, (uint32_t)p[d][k] - 1, 100 - k);
    ent_gmcr_set_dm_name(m, 0, "MoE");
    ent_gmcr_set_dm_name(m, 1, "Uniroyal");
    ent_gmcr_set_dm_name(m, 2, "LG");
    cr_assert_eq(ent_gmcr_seal(m, NULL), ENT_OK);
    ent_gmcr_cresult *r;
    cr_assert_eq(ent_gmcr_coalition_analyze(m, &r, NULL), ENT_OK);
    char buf[64];
    ceqlist(m, r, ENT_GMCR_CNASH, buf, sizeof buf);
    cr_assert_str_eq(buf, "8 9");
    for (int c = 0; c < 4; c++) {
        cr_assert_eq(ent_gmcr_cequilibrium(r, c, 4), 0, "state 5 under %s", ent_gmcr_cconcept_name(c));
        cr_assert_eq(ent_gmcr_cequilibrium(r, c, 7), 1);
        cr_assert_eq(ent_gmcr_cequilibrium(r, c, 8), 1);
        cr_assert_eq(ent_gmcr_cstable(r, c, 0, 4), 0);
    }
    unsigned H;
    uint32_t imp, san;
    ent_gmcr_cwitness(r, ENT_GMCR_CGMR, 0, 4, &H, &imp, &san);
    cr_assert(H == 3u && imp == 7 && san == UINT32_MAX, "%u %u %u", H, imp, san);
    char why[512];
    ent_gmcr_cexplain(m, r, ENT_GMCR_CGMR, 0, 4, why, sizeof why);
    cr_assert_str_eq(why, "MoE together with Uniroyal can move from 5 to 8, which all of them "
                          "prefer, and LG cannot respond with a state MoE likes no more than 5.");
    cross_check(m, r);
    ent_gmcr_cresult_free(&r);
    ent_gmcr_free(&m);
}

static ent_gmcr *random_graph(uint64_t *seed, int ndm, uint32_t n, int density)
{
    ent_gmcr *m;
    cr_assert_eq(ent_gmcr_new(&m, ndm, n, NULL), ENT_OK);
    for (int d = 0; d < ndm; d++)
        for (uint32_t s = 0; s < n; s++) {
            ent_gmcr_set_rank(m, d, s, (int64_t)(rng(seed) % (n / 2 + 1)));
            for (uint32_t t = 0; t < n; t++)
                if (t != s && (int)(rng(seed) % 100) < density)
                    ent_gmcr_add_move(m, d, s, t);
        }
    cr_assert_eq(ent_gmcr_seal(m, NULL), ENT_OK);
    return m;
}

/* Random general graphs, 2 to 4 DMs: the algorithm equals the literal re-check; the
 * concepts nest (CNASH implies CSMR and CSEQ, which imply CGMR); a CNASH equilibrium is
 * exactly a Nash equilibrium from which no coalition of two or more has an improvement
 * (ent_gmcr_coalition_improvement, gmcr.c); with two DMs each coalitional concept implies
 * its individual one (Inohara & Hipel 2008: the sanctions of H = {i} are then the other
 * DM's moves). */
Test(gmcr_coal, random_models_match_literal_check_and_nest)
{
    uint64_t seed = 0xC0FFEE1234567ull;
    for (int trial = 0; trial < 45; trial++) {
        int ndm = 2 + trial % 3;
        uint32_t n = 3 + (uint32_t)(rng(&seed) % (ndm == 4 ? 7 : 10));
        ent_gmcr *m = random_graph(&seed, ndm, n, 8 + trial % 25);
        ent_gmcr_cresult *r;
        ent_gmcr_result *ind;
        cr_assert_eq(ent_gmcr_coalition_analyze(m, &r, NULL), ENT_OK);
        cr_assert_eq(ent_gmcr_analyze(m, &ind, NULL), ENT_OK);
        cross_check(m, r);
        for (uint32_t s = 0; s < n; s++) {
            for (int d = 0; d < ndm; d++) {
                int cn = ent_gmcr_cstable(r, 0, d, s), cg = ent_gmcr_cstable(r, 1, d, s);
                int cs = ent_gmcr_cstable(r, 2, d, s), cq = ent_gmcr_cstable(r, 3, d, s);
                cr_assert(!cn || (cs && cq));
                cr_assert(!(cs || cq) || cg);
                cr_assert(!cn || ent_gmcr_stable(ind, ENT_GMCR_NASH, d, s));
                if (ndm == 2)
                    for (int c = 0; c < 4; c++)
                        cr_assert(!ent_gmcr_cstable(r, c, d, s) || ent_gmcr_stable(ind, c, d, s),
                                  "%s implies %s", ent_gmcr_cconcept_name(c), ent_gmcr_concept_name(c));
            }
            unsigned mask;
            cr_assert_eq(ent_gmcr_coalition_improvement(m, s, &mask, NULL), ENT_OK);
            cr_assert_eq(ent_gmcr_cequilibrium(r, ENT_GMCR_CNASH, s),
                         ent_gmcr_equilibrium(ind, ENT_GMCR_NASH, s) && mask == 0);
        }
        ent_gmcr_result_free(&ind);
        ent_gmcr_cresult_free(&r);
        ent_gmcr_free(&m);
    }
}

Test(gmcr_coal, same_result_with_one_or_two_threads)
{
#ifdef _OPENMP
    uint64_t seed = 4242;
    const uint32_t n = 700; /* above the parallel threshold */
    ent_gmcr *m;
    cr_assert_eq(ent_gmcr_new(&m, 3, n, NULL), ENT_OK);
    for (int d = 0; d < 3; d++)
        for (uint32_t s = 0; s < n; s++) {
            ent_gmcr_set_rank(m, d, s, (int64_t)(rng(&seed) % 40));
            for (int k = 0; k < 2; k++) {
                uint32_t t = (uint32_t)(rng(&seed) % n);
                if (t != s)
                    ent_gmcr_add_move(m, d, s, t);
            }
        }
    cr_assert_eq(ent_gmcr_seal(m, NULL), ENT_OK);
    ent_gmcr_cresult *a, *b;
    omp_set_num_threads(1);
    cr_assert_eq(ent_gmcr_coalition_analyze(m, &a, NULL), ENT_OK);
    omp_set_num_threads(2);
    cr_assert_eq(ent_gmcr_coalition_analyze(m, &b, NULL), ENT_OK);
    int unstable = 0;
    for (int c = 0; c < 4; c++)
        for (int d = 0; d < 3; d++)
            for (uint32_t s = 0; s < n; s++) {
                unsigned h1, h2;
                uint32_t i1, s1, i2, s2;
                cr_assert_eq(ent_gmcr_cstable(a, c, d, s), ent_gmcr_cstable(b, c, d, s));
                unstable += !ent_gmcr_cstable(a, c, d, s);
                ent_gmcr_cwitness(a, c, d, s, &h1, &i1, &s1);
                ent_gmcr_cwitness(b, c, d, s, &h2, &i2, &s2);
                cr_assert(h1 == h2 && i1 == i2 && s1 == s2);
            }
    cr_assert(unstable > 0);
    /* spot re-checks of the large model */
    for (uint32_t s = 0; s < n; s += 97)
        for (int c = 0; c < 4; c++) {
            int v;
            cr_assert_eq(ent_gmcr_verify_cstable(m, c, 1, s, &v), ENT_OK);
            cr_assert_eq(v, ent_gmcr_cstable(a, c, 1, s));
        }
    ent_gmcr_cresult_free(&a);
    ent_gmcr_cresult_free(&b);
    ent_gmcr_free(&m);
#endif
}

Test(gmcr_coal, too_large_refused_with_size)
{
    ent_gmcr *m;
    cr_assert_eq(ent_gmcr_new(&m, 4, 4096, NULL), ENT_OK);
    cr_assert_eq(ent_gmcr_seal(m, NULL), ENT_OK);
    ent_gmcr_cresult *r = (ent_gmcr_cresult *)1;
    ent_error err;
    cr_assert_eq(ent_gmcr_coalition_analyze(m, &r, &err), ENT_ETOOBIG);
    cr_assert_null(r);
    cr_assert(strstr(err.msg, "4096 states and 4 decision makers") != NULL, "%s", err.msg);
    int v;
    cr_assert_eq(ent_gmcr_verify_cstable(m, 0, 0, 0, &v), ENT_ETOOBIG);
    ent_gmcr_free(&m);
}

Test(gmcr_coal, many_dms_refused_by_search_work)
{
    ent_gmcr *m;
    cr_assert_eq(ent_gmcr_new(&m, 8, 128, NULL), ENT_OK);
    cr_assert_eq(ent_gmcr_seal(m, NULL), ENT_OK);
    ent_gmcr_cresult *r;
    ent_error err;
    cr_assert_eq(ent_gmcr_coalition_analyze(m, &r, &err), ENT_ETOOBIG);
    cr_assert(strstr(err.msg, "128 states and 8 decision makers") != NULL, "%s", err.msg);
    ent_gmcr_free(&m);
    cr_assert_eq(ent_gmcr_new(&m, 9, 4, NULL), ENT_OK);
    cr_assert_eq(ent_gmcr_seal(m, NULL), ENT_OK);
    cr_assert_eq(ent_gmcr_coalition_analyze(m, &r, &err), ENT_ETOOBIG);
    cr_assert(strstr(err.msg, "9 decision makers") != NULL, "%s", err.msg);
    ent_gmcr_free(&m);
}

/* Where coalitional and individual stability part: DM 1 improves from 10 to 0, and only 9,
 * the end of a chain 0 -> 1 -> ... -> 9 of DM 2's moves, is worse for it than 10. In the
 * individual GMR, DM 2 may not move twice in a row, so there is no sanction. In CGMR the
 * others sanction by coalitional moves, no coalition twice in a row: DM 2 moves as {2},
 * then as {2, 3}, then as {2} again..., so the chain is a sanction. (The converse part of
 * the implication therefore holds only with two DMs; see the random test above.) */
Test(gmcr_coal, class_sanctions_may_repeat_a_dm)
{
    ent_gmcr *m;
    cr_assert_eq(ent_gmcr_new(&m, 3, 12, NULL), ENT_OK);
    ent_gmcr_add_move(m, 0, 10, 0);
    for (uint32_t s = 0; s < 9; s++)
        ent_gmcr_add_move(m, 1, s, s + 1);
    for (uint32_t s = 0; s < 12; s++)
        ent_gmcr_set_rank(m, 0, s, s == 9 ? 0 : (s == 10 ? 5 : 7));
    cr_assert_eq(ent_gmcr_seal(m, NULL), ENT_OK);
    ent_gmcr_result *ind;
    ent_gmcr_cresult *r;
    cr_assert_eq(ent_gmcr_analyze(m, &ind, NULL), ENT_OK);
    cr_assert_eq(ent_gmcr_coalition_analyze(m, &r, NULL), ENT_OK);
    cr_assert_eq(ent_gmcr_stable(ind, ENT_GMCR_GMR, 0, 10), 0);
    cr_assert_eq(ent_gmcr_cstable(r, ENT_GMCR_CGMR, 0, 10), 1);
    cr_assert_eq(ent_gmcr_cstable(r, ENT_GMCR_CSMR, 0, 10), 1);
    cr_assert_eq(ent_gmcr_cstable(r, ENT_GMCR_CNASH, 0, 10), 0);
    /* DM 2 is indifferent everywhere, so its moves are no improvements: no CSEQ sanction */
    cr_assert_eq(ent_gmcr_cstable(r, ENT_GMCR_CSEQ, 0, 10), 0);
    unsigned H;
    uint32_t imp, san;
    ent_gmcr_cwitness(r, ENT_GMCR_CGMR, 0, 10, &H, &imp, &san);
    cr_assert(H == 1u && imp == 0 && san == 9, "%u %u %u", H, imp, san);
    cross_check(m, r);
    ent_gmcr_result_free(&ind);
    ent_gmcr_cresult_free(&r);
    ent_gmcr_free(&m);
}
