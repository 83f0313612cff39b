/* backward.c — pure subgame-perfect equilibria of perfect-information trees by backward
 * induction (Zermelo 1913; Kuhn 1953), with chance nodes. Nodes are in preorder, so one
 * pass from the last node to the root sees every child before its parent. Ties are
 * enumerated as an odometer over the decision nodes (the root side turning fastest,
 * re-solving only the nodes above the changed one), and counted without enumeration by
 * keeping, per node, the distinct continuation values with their multiplicities. */
#include "../../games/efg_impl.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#define COUNT_MAX_VALUES 4096 /* distinct values kept per node for counting */

void ent_spe_opts_init(ent_spe_opts *o)
{
    o->max_list = 100;
    o->tol = 0;
}

void ent_spe_result_clear(ent_spe_result *r)
{
    free(r->choice);
    free(r->payoff);
    memset(r, 0, sizeof *r);
}

static double default_tol(const ent_efg *t)
{
    double m = 0;
    for (int64_t i = 0; i < (int64_t)t->nout * t->nplayers; i++)
        if (fabs(t->pay[i]) > m)
            m = fabs(t->pay[i]);
    return 1e-10 * (m > 1 ? m : 1);
}

/* ------------------------------------------------------------ counting */

/* Distinct value vectors (n doubles each) with their multiplicities. */
typedef struct {
    int m, cap;
    double *v;
    uint64_t *c;
} vlist;

static uint64_t sat_add(uint64_t a, uint64_t b, int *sat)
{
    if (a > UINT64_MAX - b) {
        *sat = 1;
        return UINT64_MAX;
    }
    return a + b;
}

static uint64_t sat_mul(uint64_t a, uint64_t b, int *sat)
{
    if (a && b > UINT64_MAX / a) {
        *sat = 1;
        return UINT64_MAX;
    }
    return a * b;
}

static int vl_add(vlist *L, int n, const double *v, uint64_t c, double tol, int *sat)
{
    for (int i = 0; i < L->m; i++) {
        int same = 1;
        for (int p = 0; p < n && same; p++)
            same = fabs(L->v[(size_t)i * n + p] - v[p]) <= tol;
        if (same) {
            L->c[i] = sat_add(L->c[i], c, sat);
            return 0;
        }
    }
    if (L->m == COUNT_MAX_VALUES)
        return -1;
    if (L->m == L->cap) {
        int nc = L->cap ? L->cap * 2 : 2;
        double *nv = realloc(L->v, sizeof(double) * (size_t)nc * n);
        if (nv)
            L->v = nv;
        uint64_t *ncn = realloc(L->c, sizeof(uint64_t) * (size_t)nc);
        if (ncn)
            L->c = ncn;
        if (!nv || !ncn)
            return -2;
        L->cap = nc;
    }
    memcpy(L->v + (size_t)L->m * n, v, sizeof(double) * (size_t)n);
    L->c[L->m++] = c;
    return 0;
}

static void vl_free(vlist *L)
{
    free(L->v);
    free(L->c);
    memset(L, 0, sizeof *L);
}

/* Count all pure SPE. Returns ENT_OK with *exact = 0 when a node had too many distinct
 * values (the count is then not computed). */
static int count_spe(const ent_efg *t, double tol, uint64_t *count, int *exact)
{
    int n = t->nplayers;
    vlist *L = calloc((size_t)t->nnodes, sizeof *L);
    double *tmp = malloc(sizeof(double) * (size_t)n * 2);
    if (!L || !tmp) {
        free(L);
        free(tmp);
        return ENT_ENOMEM;
    }
    int sat = 0, rc = ENT_OK, toomany = 0;
    for (int32_t x = t->nnodes - 1; x >= 0 && !rc && !toomany; x--) {
        const double *o = t->outcome[x] >= 0 ? t->pay + (size_t)t->outcome[x] * n : NULL;
        int k = efg_nact(t, x);
        if (k == 0) {
            for (int p = 0; p < n; p++)
                tmp[p] = o ? o[p] : 0;
            if (vl_add(&L[x], n, tmp, 1, tol, &sat) == -2)
                rc = ENT_ENOMEM;
            continue;
        }
        const efg_infoset *is = &t->is[t->iset[x]];
        if (is->player < 0) {
            /* chance: every combination of the children's values */
            vlist cur = {0};
            for (int p = 0; p < n; p++)
                tmp[p] = o ? o[p] : 0;
            if (vl_add(&cur, n, tmp, 1, tol, &sat) == -2)
                rc = ENT_ENOMEM;
            for (int a = 0; a < k && !rc && !toomany; a++) {
                const vlist *C = &L[efg_child(t, x, a)];
                double pr = t->prob[is->prob0 + a];
                vlist nxt = {0};
                for (int i = 0; i < cur.m && !rc && !toomany; i++)
                    for (int j = 0; j < C->m && !rc && !toomany; j++) {
                        for (int p = 0; p < n; p++)
                            tmp[p] = cur.v[(size_t)i * n + p] + pr * C->v[(size_t)j * n + p];
                        int r = vl_add(&nxt, n, tmp, sat_mul(cur.c[i], C->c[j], &sat), tol, &sat);
                        if (r == -2)
                            rc = ENT_ENOMEM;
                        else if (r == -1)
                            toomany = 1;
                    }
                vl_free(&cur);
                cur = nxt;
            }
            L[x] = cur;
        } else {
            int p = is->player;
            for (int a = 0; a < k && !rc && !toomany; a++) {
                const vlist *A = &L[efg_child(t, x, a)];
                for (int i = 0; i < A->m && !rc && !toomany; i++) {
                    double va = A->v[(size_t)i * n + p];
                    uint64_t c = A->c[i];
                    for (int b = 0; b < k && c; b++) {
                        if (b == a)
                            continue;
                        const vlist *B = &L[efg_child(t, x, b)];
                        uint64_t s = 0;
                        for (int j = 0; j < B->m; j++)
                            if (B->v[(size_t)j * n + p] <= va + tol)
                                s = sat_add(s, B->c[j], &sat);
                        c = sat_mul(c, s, &sat);
                    }
                    if (!c)
                        continue;
                    for (int q = 0; q < n; q++)
                        tmp[q] = (o ? o[q] : 0) + A->v[(size_t)i * n + q];
                    int r = vl_add(&L[x], n, tmp, c, tol, &sat);
                    if (r == -2)
                        rc = ENT_ENOMEM;
                    else if (r == -1)
                        toomany = 1;
                }
            }
        }
        for (int a = 0; a < k; a++)
            vl_free(&L[efg_child(t, x, a)]);
    }
    uint64_t total = 0;
    if (!rc && !toomany)
        for (int i = 0; i < L[0].m; i++)
            total = sat_add(total, L[0].c[i], &sat);
    for (int32_t x = 0; x < t->nnodes; x++)
        vl_free(&L[x]);
    free(L);
    free(tmp);
    *count = total;
    *exact = !rc && !toomany && !sat;
    return rc;
}

/* ------------------------------------------------------------ listing */

int ent_efg_spe_backward(const ent_efg *t, const ent_spe_opts *o, ent_spe_result *out,
                         ent_error *err)
{
    ent_spe_opts def;
    if (!o) {
        ent_spe_opts_init(&def);
        o = &def;
    }
    memset(out, 0, sizeof *out);
    if (!ent_efg_perfect_information(t))
        return ent_error_set(err, ENT_EUNSUPPORTED,
                             "backward induction needs perfect information (an information "
                             "set has several nodes); use subgame decomposition");
    int n = t->nplayers;
    int32_t N = t->nnodes;
    double tol = o->tol > 0 ? o->tol : default_tol(t);
    int maxl = o->max_list > 0 ? o->max_list : 100;
    out->tol = tol;
    out->nplayers = n;
    out->ninfosets = t->nisets;
    double *val = malloc(sizeof(double) * (size_t)N * n);
    int32_t *idx = calloc((size_t)N, sizeof(int32_t)); /* chosen tie index per node */
    int32_t *nopt = calloc((size_t)N, sizeof(int32_t)); /* optimal actions per node */
    int32_t *act = malloc(sizeof(int32_t) * (size_t)N);  /* chosen action per node */
    out->choice = malloc(sizeof(int32_t) * (size_t)maxl * (t->nisets ? t->nisets : 1));
    out->payoff = malloc(sizeof(double) * (size_t)maxl * n);
    if (!val || !idx || !nopt || !act || !out->choice || !out->payoff) {
        free(val);
        free(idx);
        free(nopt);
        free(act);
        ent_spe_result_clear(out);
        return ent_error_set(err, ENT_ENOMEM, "out of memory (%d nodes)", N);
    }
    int32_t from = N - 1;
    for (;;) {
        for (int32_t x = from; x >= 0; x--) {
            double *v = val + (size_t)x * n;
            const double *oc = t->outcome[x] >= 0 ? t->pay + (size_t)t->outcome[x] * n : NULL;
            for (int p = 0; p < n; p++)
                v[p] = oc ? oc[p] : 0;
            act[x] = -1;
            int k = efg_nact(t, x);
            if (k == 0)
                continue;
            const efg_infoset *is = &t->is[t->iset[x]];
            if (is->player < 0) {
                for (int a = 0; a < k; a++) {
                    double pr = t->prob[is->prob0 + a];
                    const double *c = val + (size_t)efg_child(t, x, a) * n;
                    for (int p = 0; p < n; p++)
                        v[p] += pr * c[p];
                }
                continue;
            }
            int p = is->player;
            double best = -INFINITY;
            for (int a = 0; a < k; a++) {
                double c = val[(size_t)efg_child(t, x, a) * n + p];
                if (c > best)
                    best = c;
            }
            int cnt = 0, pick = -1;
            for (int a = 0; a < k; a++)
                if (val[(size_t)efg_child(t, x, a) * n + p] >= best - tol) {
                    if (cnt == idx[x])
                        pick = a;
                    cnt++;
                }
            nopt[x] = cnt;
            act[x] = pick;
            const double *c = val + (size_t)efg_child(t, x, pick) * n;
            for (int q = 0; q < n; q++)
                v[q] += c[q];
        }
        /* record */
        int32_t *ch = out->choice + (size_t)out->nlisted * t->nisets;
        for (int32_t h = 0; h < t->nisets; h++)
            ch[h] = -1;
        for (int32_t x = 0; x < N; x++)
            if (act[x] >= 0)
                ch[t->iset[x]] = act[x];
        memcpy(out->payoff + (size_t)out->nlisted * n, val, sizeof(double) * (size_t)n);
        out->nlisted++;
        if (out->nlisted == maxl)
            break;
        /* next: the root-most decision node (smallest index) with another tied action */
        int32_t x = 0;
        while (x < N && !(act[x] >= 0 && idx[x] + 1 < nopt[x]))
            x++;
        if (x == N)
            break;
        idx[x]++;
        memset(idx, 0, sizeof(int32_t) * (size_t)x);
        from = x;
    }
    free(val);
    free(idx);
    free(nopt);
    free(act);
    int rc = count_spe(t, tol, &out->count, &out->count_exact);
    if (rc) {
        ent_spe_result_clear(out);
        return ent_error_set(err, rc, "out of memory counting equilibria");
    }
    if (!out->count_exact && out->count < (uint64_t)out->nlisted)
        out->count = (uint64_t)out->nlisted;
    return ENT_OK;
}
