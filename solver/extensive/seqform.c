/* seqform.c — the sequence form of a two-player tree with perfect recall (Koller, Megiddo
 * & von Stengel, "Efficient computation of equilibria for extensive two-person games",
 * GEB 14, 1996). A player's sequence is the empty one or the last own (information set,
 * action) on a path; realization plans satisfy E x = e, F y = f, x, y >= 0; the payoff
 * matrix A holds, per pair of sequences, the chance-weighted payoffs of the nodes they
 * reach. For a constant-sum game player 1's maxmin plan solves
 *   max f'q  s.t.  F'q <= A'x,  E x = e,  x >= 0,
 * and player 2's the mirror LP; both through solver/lp/. Plans become behaviour
 * strategies by x(sa) / x(s). */
#define _GNU_SOURCE
#include "../../games/efg_impl.h"
#include "../lp/lp.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

typedef struct {
    int32_t nseq[2];   /* sequences per player (0 = empty) */
    int32_t nrow[2];   /* 1 + information sets of the player */
    int32_t *seq0;     /* per action index: sequence of (set, action), or -1 */
    int32_t *parent_seq; /* per information set: the sequence leading to it */
    int32_t *row;      /* per information set: row in the player's E/F (1..) */
    /* A as triples (s1, s2, value) merged */
    int64_t na;
    int32_t *a1, *a2;
    double *av;
} seqform;

static void sf_free(seqform *s)
{
    free(s->seq0);
    free(s->parent_seq);
    free(s->row);
    free(s->a1);
    free(s->a2);
    free(s->av);
}

static int cmp_pair(const void *x, const void *y, void *arg)
{
    const seqform *s = arg;
    int64_t i = *(const int64_t *)x, j = *(const int64_t *)y;
    if (s->a2[i] != s->a2[j])
        return s->a2[i] < s->a2[j] ? -1 : 1;
    if (s->a1[i] != s->a1[j])
        return s->a1[i] < s->a1[j] ? -1 : 1;
    return 0;
}

/* payoff to player 0 (constant-sum: player 1 gets c minus it) */
static int build(const ent_efg *t, seqform *s)
{
    memset(s, 0, sizeof *s);
    int32_t N = t->nnodes;
    s->seq0 = malloc(sizeof(int32_t) * (size_t)(t->nactions + 1));
    s->parent_seq = malloc(sizeof(int32_t) * (size_t)(t->nisets + 1));
    s->row = malloc(sizeof(int32_t) * (size_t)(t->nisets + 1));
    int32_t *cur = malloc(sizeof(int32_t) * 2 * (size_t)N); /* current sequence per player */
    double *ch = malloc(sizeof(double) * (size_t)N);         /* chance reach */
    s->a1 = malloc(sizeof(int32_t) * (size_t)N);
    s->a2 = malloc(sizeof(int32_t) * (size_t)N);
    s->av = malloc(sizeof(double) * (size_t)N);
    if (!s->seq0 || !s->parent_seq || !s->row || !cur || !ch || !s->a1 || !s->a2 || !s->av) {
        free(cur);
        free(ch);
        return ENT_ENOMEM;
    }
    s->nseq[0] = s->nseq[1] = 1;
    s->nrow[0] = s->nrow[1] = 1;
    for (int64_t i = 0; i < t->nactions; i++)
        s->seq0[i] = -1;
    for (int32_t h = 0; h < t->nisets; h++) {
        int p = t->is[h].player;
        s->row[h] = -1;
        if (p < 0)
            continue;
        s->row[h] = s->nrow[p]++;
        for (int a = 0; a < t->is[h].nact; a++)
            s->seq0[t->is[h].act0 + a] = s->nseq[p]++;
    }
    cur[0] = cur[1] = 0;
    ch[0] = 1;
    for (int32_t x = 0; x < N; x++) {
        if (t->outcome[x] >= 0 && ch[x] > 0) {
            s->a1[s->na] = cur[2 * x];
            s->a2[s->na] = cur[2 * x + 1];
            s->av[s->na++] = ch[x] * t->pay[(size_t)t->outcome[x] * 2];
        }
        int k = efg_nact(t, x);
        if (!k)
            continue;
        int32_t h = t->iset[x];
        const efg_infoset *is = &t->is[h];
        if (is->player >= 0)
            s->parent_seq[h] = cur[2 * x + is->player]; /* same at every node: perfect recall */
        for (int a = 0; a < k; a++) {
            int32_t c = efg_child(t, x, a);
            cur[2 * c] = cur[2 * x];
            cur[2 * c + 1] = cur[2 * x + 1];
            ch[c] = ch[x];
            if (is->player < 0)
                ch[c] *= t->prob[is->prob0 + a];
            else
                cur[2 * c + is->player] = s->seq0[is->act0 + a];
        }
    }
    free(cur);
    free(ch);
    /* merge duplicate pairs */
    int64_t *ord = malloc(sizeof(int64_t) * (size_t)(s->na + 1));
    int32_t *b1 = malloc(sizeof(int32_t) * (size_t)(s->na + 1)), *b2 = malloc(sizeof(int32_t) * (size_t)(s->na + 1));
    double *bv = malloc(sizeof(double) * (size_t)(s->na + 1));
    if (!ord || !b1 || !b2 || !bv) {
        free(ord);
        free(b1);
        free(b2);
        free(bv);
        return ENT_ENOMEM;
    }
    for (int64_t i = 0; i < s->na; i++)
        ord[i] = i;
    qsort_r(ord, (size_t)s->na, sizeof(int64_t), cmp_pair, s);
    int64_t m = 0;
    for (int64_t i = 0; i < s->na; i++) {
        int64_t j = ord[i];
        if (m > 0 && b1[m - 1] == s->a1[j] && b2[m - 1] == s->a2[j])
            bv[m - 1] += s->av[j];
        else {
            b1[m] = s->a1[j];
            b2[m] = s->a2[j];
            bv[m++] = s->av[j];
        }
    }
    free(ord);
    free(s->a1);
    free(s->a2);
    free(s->av);
    s->a1 = b1;
    s->a2 = b2;
    s->av = bv;
    s->na = m;
    return ENT_OK;
}

/* Player `me`'s maxmin plan. me = 0: max q0 s.t. for each sequence j of player 1:
 * sum_r F[r][j] q_r - sum_i A[i][j] x_i <= 0, E x = e. me = 1 mirrors it with -A (the
 * constant-sum game's payoff to player 2 up to the constant). OUT: plan (nseq[me]),
 * *value = the LP's optimum (me's guaranteed payoff from A, i.e. -value for me = 1). */
static int solve_side(const ent_efg *t, const seqform *s, int me, int exact, double *plan,
                      double *value)
{
    int op = 1 - me;
    int nx = s->nseq[me], nq = s->nrow[op];
    ent_lp *lp = ent_lp_new(ENT_LP_MAX);
    if (!lp)
        return ENT_ENOMEM;
    int rc = ENT_OK;
    if (ent_lp_add_cols(lp, nx + nq) < 0) {
        ent_lp_free(&lp);
        return ENT_ENOMEM;
    }
    for (int j = 0; j < nq; j++)
        ent_lp_set_col_bounds(lp, nx + j, ENT_LP_FREE, 0, 0);
    ent_lp_set_obj(lp, nx + 0, 1.0);
    /* E x = e: row 0: x_empty = 1; row of set h: -x_parent + sum_a x_ha = 0 */
    int maxnz = 2;
    for (int32_t h = 0; h < t->nisets; h++)
        if (t->is[h].nact + 1 > maxnz)
            maxnz = t->is[h].nact + 1;
    int cap = maxnz + nx + nq + 2;
    int *idx = malloc(sizeof(int) * (size_t)cap);
    double *val = malloc(sizeof(double) * (size_t)cap);
    if (!idx || !val) {
        free(idx);
        free(val);
        ent_lp_free(&lp);
        return ENT_ENOMEM;
    }
    idx[0] = 0;
    val[0] = 1;
    if (ent_lp_add_row(lp, 1, idx, val, ENT_LP_FX, 1, 1) < 0)
        rc = ENT_ELP;
    for (int32_t h = 0; h < t->nisets && !rc; h++) {
        if (t->is[h].player != me)
            continue;
        int k = 0;
        idx[k] = s->parent_seq[h];
        val[k++] = -1;
        for (int a = 0; a < t->is[h].nact; a++) {
            idx[k] = s->seq0[t->is[h].act0 + a];
            val[k++] = 1;
        }
        if (ent_lp_add_row(lp, k, idx, val, ENT_LP_FX, 0, 0) < 0)
            rc = ENT_ELP;
    }
    /* one row per opponent sequence j: sum_r F[r][j] q_r - sum_i A_me[i][j] x_i <= 0.
     * F[0][0] = 1; for set h of op: F[row h][parent] = -1, F[row h][ha] = 1. */
    int32_t *first = malloc(sizeof(int32_t) * (size_t)(s->nseq[op] + 1));
    if (!first)
        rc = ENT_ENOMEM;
    /* A entries sorted by (a2, a1): index them by op's sequence */
    double *dense = malloc(sizeof(double) * (size_t)nx);
    if (!dense)
        rc = ENT_ENOMEM;
    int32_t *owner = malloc(sizeof(int32_t) * (size_t)(s->nseq[op] + 1)); /* set of op owning seq */
    int32_t *act_of = malloc(sizeof(int32_t) * (size_t)(s->nseq[op] + 1));
    if (!owner || !act_of)
        rc = ENT_ENOMEM;
    if (!rc) {
        for (int32_t j = 0; j < s->nseq[op]; j++)
            owner[j] = -1;
        for (int32_t h = 0; h < t->nisets; h++)
            if (t->is[h].player == op)
                for (int a = 0; a < t->is[h].nact; a++) {
                    owner[s->seq0[t->is[h].act0 + a]] = h;
                    act_of[s->seq0[t->is[h].act0 + a]] = a;
                }
    }
    /* entries of A by op's sequence: build lists */
    int64_t *aoff = calloc((size_t)s->nseq[op] + 2, sizeof(int64_t));
    int64_t *aidx = malloc(sizeof(int64_t) * (size_t)(s->na + 1));
    if (!aoff || !aidx)
        rc = ENT_ENOMEM;
    if (!rc) {
        for (int64_t e = 0; e < s->na; e++)
            aoff[(op == 1 ? s->a2[e] : s->a1[e]) + 1]++;
        for (int32_t j = 0; j < s->nseq[op]; j++)
            aoff[j + 1] += aoff[j];
        int64_t *fill = malloc(sizeof(int64_t) * (size_t)(s->nseq[op] + 1));
        if (!fill)
            rc = ENT_ENOMEM;
        else {
            memcpy(fill, aoff, sizeof(int64_t) * (size_t)(s->nseq[op] + 1));
            for (int64_t e = 0; e < s->na; e++)
                aidx[fill[op == 1 ? s->a2[e] : s->a1[e]]++] = e;
            free(fill);
        }
    }
    for (int32_t j = 0; j < s->nseq[op] && !rc; j++) {
        int k = 0;
        /* F column j: q_0 for the empty sequence; for a sequence ha, +q_row(h) and -q_row(h')
         * for every set h' of op whose parent sequence is j */
        if (j == 0) {
            idx[k] = nx + 0;
            val[k++] = 1;
        } else {
            idx[k] = nx + s->row[owner[j]];
            val[k++] = 1;
        }
        for (int32_t h = 0; h < t->nisets; h++)
            if (t->is[h].player == op && s->parent_seq[h] == j) {
                if (k >= cap)
                    break;
                idx[k] = nx + s->row[h];
                val[k++] = -1;
            }
        for (int i = 0; i < nx; i++)
            dense[i] = 0;
        for (int64_t e = aoff[j]; e < aoff[j + 1]; e++) {
            int64_t q = aidx[e];
            int32_t i = me == 0 ? s->a1[q] : s->a2[q];
            dense[i] += me == 0 ? s->av[q] : -s->av[q];
        }
        for (int i = 0; i < nx && k < cap; i++)
            if (dense[i] != 0) {
                idx[k] = i;
                val[k++] = -dense[i];
            }
        if (ent_lp_add_row(lp, k, idx, val, ENT_LP_UP, 0, 0) < 0)
            rc = ENT_ELP;
    }
    free(first);
    free(dense);
    free(owner);
    free(act_of);
    free(aoff);
    free(aidx);
    free(idx);
    free(val);
    if (!rc)
        rc = ent_lp_solve(lp, exact);
    if (!rc) {
        for (int i = 0; i < nx; i++)
            plan[i] = ent_lp_col(lp, i);
        *value = ent_lp_obj(lp);
    }
    ent_lp_free(&lp);
    ent_lp_thread_done();
    return rc;
}

static void plan_to_behaviour(const ent_efg *t, const seqform *s, int p, const double *plan,
                              double *behav)
{
    for (int32_t h = 0; h < t->nisets; h++) {
        const efg_infoset *is = &t->is[h];
        if (is->player != p)
            continue;
        double par = plan[s->parent_seq[h]], sum = 0;
        for (int a = 0; a < is->nact; a++) {
            double v = plan[s->seq0[is->act0 + a]];
            behav[is->act0 + a] = v > 0 ? v : 0;
            sum += behav[is->act0 + a];
        }
        if (par > 1e-12 && sum > 0)
            for (int a = 0; a < is->nact; a++)
                behav[is->act0 + a] /= sum;
        else
            for (int a = 0; a < is->nact; a++)
                behav[is->act0 + a] = a == 0;
    }
}

int ent_efg_seqform_zerosum(const ent_efg *t, int exact, double *value, double *behav,
                            ent_error *err)
{
    if (t->nplayers != 2)
        return ent_error_set(err, ENT_EUNSUPPORTED,
                             "the sequence-form LP needs two players (the tree has %d)",
                             t->nplayers);
    char why[512];
    if (!ent_efg_perfect_recall(t, why, sizeof why))
        return ent_error_set(err, ENT_EUNSUPPORTED, "the sequence form needs perfect recall: %s", why);
    /* constant sum: along every path to a leaf the two payoffs add to the same c */
    int32_t N = t->nnodes;
    double *acc = malloc(sizeof(double) * 2 * (size_t)N);
    if (!acc)
        return ent_error_set(err, ENT_ENOMEM, "out of memory");
    double c = NAN, tol = ent_efg_tolerance(t);
    int cs = 1;
    for (int32_t x = 0; x < N && cs; x++) {
        int32_t par = t->parent[x];
        for (int p = 0; p < 2; p++)
            acc[2 * x + p] = (par >= 0 ? acc[2 * par + p] : 0) +
                             (t->outcome[x] >= 0 ? t->pay[(size_t)t->outcome[x] * 2 + p] : 0);
        if (t->kind[x] == ENT_EFG_TERMINAL) {
            double sum = acc[2 * x] + acc[2 * x + 1];
            if (isnan(c))
                c = sum;
            else if (fabs(sum - c) > tol)
                cs = 0;
        }
    }
    free(acc);
    if (!cs)
        return ent_error_set(err, ENT_EUNSUPPORTED,
                             "the tree is not constant-sum (the sequence-form LP solves "
                             "two-player zero-sum games)");
    seqform s;
    int rc = build(t, &s);
    if (rc) {
        sf_free(&s);
        return ent_error_set(err, rc, "out of memory building the sequence form");
    }
    double *x = malloc(sizeof(double) * (size_t)s.nseq[0]);
    double *y = malloc(sizeof(double) * (size_t)s.nseq[1]);
    double v1 = 0, v2 = 0;
    if (!x || !y)
        rc = ENT_ENOMEM;
    if (!rc)
        rc = solve_side(t, &s, 0, exact, x, &v1);
    if (!rc)
        rc = solve_side(t, &s, 1, exact, y, &v2);
    if (!rc) {
        for (int32_t h = 0; h < t->nisets; h++)
            if (t->is[h].player < 0)
                for (int a = 0; a < t->is[h].nact; a++)
                    behav[t->is[h].act0 + a] = t->prob[t->is[h].prob0 + a];
        plan_to_behaviour(t, &s, 0, x, behav);
        plan_to_behaviour(t, &s, 1, y, behav);
        *value = v1 == 0 ? 0.0 : v1;
        if (fabs(v1 + v2) > 1e-6 * (1 + fabs(v1)))
            rc = ENT_ENUMERIC;
    }
    free(x);
    free(y);
    sf_free(&s);
    if (rc == ENT_ENUMERIC)
        return ent_error_set(err, rc, "the two sequence-form LPs disagree on the value (%.12g vs %.12g)",
                             v1, -v2);
    if (rc)
        return ent_error_set(err, rc, "sequence-form LP: %s", ent_strerror(rc));
    return ENT_OK;
}
