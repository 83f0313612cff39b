/* cartel.c — cartel (coalition) stability in the sense of d'Aspremont, Jacquemin,
 * Gabszewicz & Weymark (1983, "On the stability of collusive price leadership", Can. J.
 * Econ. 16): internal stability (no member gains by leaving) and external stability (no
 * outsider gains by joining), over all 2^n coalitions in parallel; transfers by fixed
 * sharing weights or optimal transfers (Carraro, Eyckmans & Finus 2006, "Optimal transfers
 * and participation decisions in international environmental agreements", Rev. Int.
 * Organ. 1). The public-good game is Barrett's (1994, "Self-enforcing international
 * environmental agreements", Oxf. Econ. Pap. 46) with heterogeneous members as in STACO. */
#include "coop.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>
#ifdef _OPENMP
#include <omp.h>
#endif

void ent_cartel_opts_init(ent_cartel_opts *o)
{
    o->threads = 0;
    o->tol = 1e-9;
    o->transfers = ENT_CARTEL_NONE;
    o->weights = NULL;
    o->max_list = 1000;
    o->min_size = 2;
    o->max_nodes = (uint64_t)1 << 26;
    o->count_internal = 1;
}

void ent_cartel_result_free(ent_cartel_result *r)
{
    free(r->stable);
    memset(r, 0, sizeof *r);
}

struct ent_cartel_pg {
    int n;
    double *b, *c;
    double *ic, *d, *h, *hc; /* per member: 1/c, b/c, b^2/(2c), 1/(2c) */
    ent_split B, K, D;       /* sums of b, 1/c, b/c over a coalition */
    double Dall;
};

/* Fast path for the public-good game without transfers: the coalition's aggregates are
 * computed once and each member's deviation payoff in O(1) (incremental evaluation). */
static int check_pg(const struct ent_cartel_pg *p, uint32_t s, double tol)
{
    uint32_t full = (uint32_t)(((uint64_t)1 << p->n) - 1);
    double B = ent_split_sum(&p->B, s), K = ent_split_sum(&p->K, s);
    double D = ent_split_sum(&p->D, s);
    double Q = B * K + p->Dall - D;
    for (uint32_t m = s; m; m &= m - 1) {
        int i = __builtin_ctz(m);
        double bi = p->b[i];
        double in = bi * Q - B * B * p->hc[i];
        double Q1 = (B - bi) * (K - p->ic[i]) + p->Dall - D + p->d[i];
        if (bi * Q1 - p->h[i] > in + tol)
            return 0;
    }
    for (uint32_t o = full & ~s; o; o &= o - 1) {
        int j = __builtin_ctz(o);
        double bj = p->b[j];
        double out = bj * Q - p->h[j];
        double B1 = B + bj;
        double Q1 = B1 * (K + p->ic[j]) + p->Dall - D - p->d[j];
        if (bj * Q1 - B1 * B1 * p->hc[j] >= out - tol)
            return 1;
    }
    return 2;
}

/* raw payoff pi_i(s) from the dense callback or the oracle */
static int raw(const coop_cartel *c, int i, uint64_t s, double *out)
{
    if (c->orc)
        return c->orc->payoff(c->orc->ctx, i, s, out);
    return c->fn(c->ctx, i, (uint32_t)s, out);
}

double coop_cartel_wsum(const coop_cartel *c, uint64_t s)
{
    if (c->n <= 30)
        return ent_split_sum(&c->wt, (uint32_t)s);
    double w = 0.0;
    for (; s; s &= s - 1)
        w += c->o->weights[__builtin_ctzll(s)];
    return w;
}

/* payoff of member i when s forms, after transfers (ENT_CARTEL_WEIGHTS) */
static int pay(const coop_cartel *c, int i, uint64_t s, double *out)
{
    if (c->o->transfers != ENT_CARTEL_WEIGHTS || !((s >> i) & 1u))
        return raw(c, i, s, out);
    double total = 0.0;
    for (uint64_t a = s; a; a &= a - 1) {
        double p;
        int rc = raw(c, __builtin_ctzll(a), s, &p);
        if (rc != ENT_OK)
            return rc;
        total += p;
    }
    *out = total * c->o->weights[i] / coop_cartel_wsum(c, s);
    return ENT_OK;
}

/* optimal transfers: S is potentially internally stable iff
 * sum_{i in S} pi_i(S) >= sum_{i in S} pi_i(S \ i) */
static int pis(const coop_cartel *c, uint64_t s, int *ok)
{
    double in = 0.0, out = 0.0, p;
    for (uint64_t a = s; a; a &= a - 1) {
        int i = __builtin_ctzll(a);
        int rc = raw(c, i, s, &p);
        if (rc != ENT_OK)
            return rc;
        in += p;
        if ((rc = raw(c, i, s & ~((uint64_t)1 << i), &p)) != ENT_OK)
            return rc;
        out += p;
    }
    *ok = in >= out - c->o->tol;
    return ENT_OK;
}

int coop_cartel_internal(const coop_cartel *c, uint64_t s)
{
    int rc;
    if (c->o->transfers == ENT_CARTEL_OPTIMAL) {
        int ok;
        if ((rc = pis(c, s, &ok)) != ENT_OK)
            return rc;
        return ok;
    }
    double a, b;
    for (uint64_t m = s; m; m &= m - 1) {
        int i = __builtin_ctzll(m);
        if ((rc = pay(c, i, s, &a)) != ENT_OK ||
            (rc = pay(c, i, s & ~((uint64_t)1 << i), &b)) != ENT_OK)
            return rc;
        if (b > a + c->o->tol)
            return 0;
    }
    return 1;
}

int coop_cartel_external(const coop_cartel *c, uint64_t s)
{
    int rc;
    uint64_t full = c->n == 64 ? ~(uint64_t)0 : ((uint64_t)1 << c->n) - 1;
    for (uint64_t o = full & ~s; o; o &= o - 1) {
        uint64_t j1 = o & (~o + 1);
        if (c->o->transfers == ENT_CARTEL_OPTIMAL) {
            int ok;
            if ((rc = pis(c, s | j1, &ok)) != ENT_OK)
                return rc;
            if (ok)
                return 0;
            continue;
        }
        int j = __builtin_ctzll(o);
        double a, b;
        if ((rc = pay(c, j, s, &a)) != ENT_OK || (rc = pay(c, j, s | j1, &b)) != ENT_OK)
            return rc;
        if (b >= a - c->o->tol) /* an indifferent outsider joins */
            return 0;
    }
    return 1;
}

/* 1 internal, 2 internal and external; 0 neither; <0 error */
int coop_cartel_check(const coop_cartel *c, uint64_t s)
{
    if (!c->orc && c->fn == ent_cartel_pg_payoff && c->o->transfers == ENT_CARTEL_NONE)
        return check_pg((const struct ent_cartel_pg *)c->ctx, (uint32_t)s, c->o->tol);
    int r = coop_cartel_internal(c, s);
    if (r <= 0)
        return r;
    r = coop_cartel_external(c, s);
    return r < 0 ? r : 1 + r;
}

int coop_cartel_fail(ent_error *err, int rc, uint64_t at)
{
    return ent_error_set(err, rc,
                         "cartel stability: a payoff could not be computed while checking "
                         "the coalition 0x%llx: %s",
                         (unsigned long long)at, ent_strerror(rc));
}

int coop_cartel_init(coop_cartel *c, int n, const ent_cartel_opts *o, ent_error *err)
{
    if (o->transfers == ENT_CARTEL_WEIGHTS) {
        if (!o->weights)
            return ent_error_set(err, ENT_EINVAL, "transfer weights missing");
        for (int i = 0; i < n; i++)
            if (!(o->weights[i] > 0.0) || !isfinite(o->weights[i]))
                return ent_error_set(err, ENT_EINVAL,
                                     "transfer weight of member %d is %g; must be positive",
                                     i + 1, o->weights[i]);
        if (n <= 30) {
            if (ent_split_init(&c->wt, n) != ENT_OK)
                return ent_error_set(err, ENT_ENOMEM, "out of memory");
            ent_split_set(&c->wt, n, o->weights);
        }
    }
    return ENT_OK;
}

int ent_cartel_stability(int n, ent_cartel_fn fn, void *ctx, const ent_cartel_opts *o,
                         ent_cartel_result *res, ent_error *err)
{
    memset(res, 0, sizeof *res);
    ent_cartel_opts def;
    if (!o) {
        ent_cartel_opts_init(&def);
        o = &def;
    }
    if (n < 1 || n > ENT_TU_MAX_N)
        return ent_error_set(err, ENT_ETOOBIG,
                             "cartel stability over 2^%d coalitions: at most %d members", n,
                             ENT_TU_MAX_N);
    coop_cartel c = {n, fn, ctx, NULL, o, {0, 0, NULL, NULL}};
    int rc0 = coop_cartel_init(&c, n, o, err);
    if (rc0 != ENT_OK)
        return rc0;
    int64_t total = (int64_t)1 << n;
    int64_t bsize = (int64_t)1 << (n > 14 ? 14 : n);
    int64_t nb = total / bsize;
    size_t keep = o->max_list;
    uint64_t *cnt_st = (uint64_t *)calloc((size_t)nb, sizeof(uint64_t));
    uint64_t *cnt_in = (uint64_t *)calloc((size_t)nb, sizeof(uint64_t));
    uint64_t *largest = (uint64_t *)calloc((size_t)nb, sizeof(uint64_t));
    uint64_t *all = (uint64_t *)malloc(sizeof(uint64_t) * (size_t)nb);
    uint64_t *any = (uint64_t *)calloc((size_t)nb, sizeof(uint64_t));
    int *brc = (int *)calloc((size_t)nb, sizeof(int));
    uint64_t *bfail = (uint64_t *)calloc((size_t)nb, sizeof(uint64_t));
    uint64_t *list = (uint64_t *)malloc(sizeof(uint64_t) * (keep ? keep : 1));
    /* the first `keep` stable masks per block would cost nb*keep; instead count first, then
     * list in a second pass over the blocks that hold the first `keep` */
    if (!cnt_st || !cnt_in || !largest || !brc || !list || !all || !any || !bfail) {
        free(bfail);
        free(all);
        free(any);
        free(cnt_st);
        free(cnt_in);
        free(largest);
        free(brc);
        free(list);
        ent_split_free(&c.wt);
        return ent_error_set(err, ENT_ENOMEM, "out of memory");
    }
    int minsz = o->min_size < 0 ? 0 : o->min_size;
#ifdef _OPENMP
    int nt = o->threads > 0 ? o->threads : omp_get_max_threads();
#pragma omp parallel for schedule(dynamic, 1) num_threads(nt) if (nb > 1)
#endif
    for (int64_t b = 0; b < nb; b++) {
        uint64_t st = 0, in = 0;
        uint64_t big = 0, in_all = ~(uint64_t)0, in_any = 0;
        int bigsz = -1;
        for (int64_t s = b * bsize; s < (b + 1) * bsize; s++) {
            int sz = __builtin_popcount((uint32_t)s);
            if (sz < minsz)
                continue;
            int r = coop_cartel_check(&c, (uint64_t)s);
            if (r < 0) { /* the block's lowest failing coalition */
                brc[b] = r;
                bfail[b] = (uint64_t)s;
                break;
            }
            if (r >= 1)
                in++;
            if (r == 2) {
                st++;
                in_all &= (uint64_t)s;
                in_any |= (uint64_t)s;
                if (sz > bigsz) {
                    bigsz = sz;
                    big = (uint64_t)s;
                }
            }
        }
        cnt_st[b] = st;
        cnt_in[b] = in;
        largest[b] = big;
        all[b] = in_all;
        any[b] = in_any;
    }
    res->in_all = ~(uint64_t)0;
    int rc = ENT_OK;
    int bigsz = -1;
    for (int64_t b = 0; b < nb; b++) {
        if (brc[b] != ENT_OK && rc == ENT_OK) {
            rc = brc[b];
            res->failed = 1;
            res->failed_at = bfail[b];
        }
        res->nstable += cnt_st[b];
        res->ninternal += cnt_in[b];
        res->in_all &= all[b];
        res->in_any |= any[b];
        if (cnt_st[b] && __builtin_popcountll(largest[b]) > bigsz) {
            bigsz = __builtin_popcountll(largest[b]);
            res->largest = largest[b];
        }
    }
    /* list the first `keep` stable coalitions (sequential re-check of the blocks needed) */
    size_t nl = 0;
    for (int64_t b = 0; rc == ENT_OK && b < nb && nl < keep; b++) {
        if (!cnt_st[b])
            continue;
        for (int64_t s = b * bsize; s < (b + 1) * bsize && nl < keep; s++) {
            if (__builtin_popcount((uint32_t)s) < minsz)
                continue;
            int r = coop_cartel_check(&c, (uint64_t)s);
            if (r < 0) {
                rc = r;
                res->failed = 1;
                res->failed_at = (uint64_t)s;
                break;
            }
            if (r == 2)
                list[nl++] = (uint64_t)s;
        }
    }
    if (rc == ENT_OK) {
        int r = coop_cartel_check(&c, (uint64_t)(total - 1));
        if (r < 0) {
            rc = r;
            res->failed = 1;
            res->failed_at = (uint64_t)(total - 1);
        }
        else
            res->grand_internal = r >= 1;
    }
    if (!res->nstable)
        res->in_all = 0;
    free(bfail);
    free(all);
    free(any);
    free(cnt_st);
    free(cnt_in);
    free(largest);
    free(brc);
    ent_split_free(&c.wt);
    if (rc != ENT_OK) {
        free(list);
        uint64_t at = res->failed_at;
        memset(res, 0, sizeof *res);
        res->failed = 1;
        res->failed_at = at;
        return coop_cartel_fail(err, rc, at);
    }
    res->stable = list;
    res->nlisted = nl;
    res->internal_counted = 1;
    return ENT_OK;
}

int ent_cartel_pg_new(ent_cartel_pg **out, int n, const double *b, const double *c,
                      ent_error *err)
{
    *out = NULL;
    if (n < 1 || n > ENT_TU_MAX_N)
        return ent_error_set(err, ENT_ETOOBIG, "public-good game with %d members: 1 to %d", n,
                             ENT_TU_MAX_N);
    for (int i = 0; i < n; i++)
        if (!(b[i] >= 0.0) || !(c[i] > 0.0) || !isfinite(b[i]) || !isfinite(c[i]))
            return ent_error_set(err, ENT_EINVAL,
                                 "member %d: benefit %g must be >= 0 and cost %g > 0", i + 1,
                                 b[i], c[i]);
    ent_cartel_pg *p = (ent_cartel_pg *)calloc(1, sizeof *p);
    double *k = (double *)malloc(sizeof(double) * (size_t)n);
    double *d = (double *)malloc(sizeof(double) * (size_t)n);
    if (!p || !k || !d)
        goto oom;
    p->n = n;
    p->b = (double *)malloc(sizeof(double) * (size_t)n);
    p->c = (double *)malloc(sizeof(double) * (size_t)n);
    p->ic = (double *)malloc(sizeof(double) * (size_t)n);
    p->d = (double *)malloc(sizeof(double) * (size_t)n);
    p->h = (double *)malloc(sizeof(double) * (size_t)n);
    p->hc = (double *)malloc(sizeof(double) * (size_t)n);
    if (!p->b || !p->c || !p->ic || !p->d || !p->h || !p->hc || ent_split_init(&p->B, n) || ent_split_init(&p->K, n) ||
        ent_split_init(&p->D, n))
        goto oom;
    p->Dall = 0.0;
    for (int i = 0; i < n; i++) {
        p->b[i] = b[i];
        p->c[i] = c[i];
        k[i] = p->ic[i] = 1.0 / c[i];
        d[i] = p->d[i] = b[i] / c[i];
        p->h[i] = 0.5 * b[i] * b[i] / c[i];
        p->hc[i] = 0.5 / c[i];
        p->Dall += d[i];
    }
    ent_split_set(&p->B, n, b);
    ent_split_set(&p->K, n, k);
    ent_split_set(&p->D, n, d);
    free(k);
    free(d);
    *out = p;
    return ENT_OK;
oom:
    free(k);
    free(d);
    ent_cartel_pg_free(&p);
    return ent_error_set(err, ENT_ENOMEM, "out of memory");
}

void ent_cartel_pg_free(ent_cartel_pg **pp)
{
    if (!pp || !*pp)
        return;
    ent_cartel_pg *p = *pp;
    free(p->b);
    free(p->c);
    free(p->ic);
    free(p->d);
    free(p->h);
    free(p->hc);
    ent_split_free(&p->B);
    ent_split_free(&p->K);
    ent_split_free(&p->D);
    free(p);
    *pp = NULL;
}

int ent_cartel_pg_payoff(void *pgv, int i, uint32_t s, double *out)
{
    const ent_cartel_pg *p = (const ent_cartel_pg *)pgv;
    double Bs = ent_split_sum(&p->B, s);
    double Q = Bs * ent_split_sum(&p->K, s) + p->Dall - ent_split_sum(&p->D, s);
    double qi = ((s >> i) & 1u) ? Bs / p->c[i] : p->b[i] / p->c[i];
    *out = p->b[i] * Q - 0.5 * p->c[i] * qi * qi;
    return ENT_OK;
}
