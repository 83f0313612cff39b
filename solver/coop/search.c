/* search.c — branch and bound over the coalitions of a game given by an oracle (n <= 64):
 * the coalitions of largest excess v(T) - x(T), for row generation in the least core and
 * nucleolus LPs and for core membership when the 2^n table cannot be stored (Land & Doig
 * 1960; for the nucleolus by constraint generation see Hallefjord, Helming & Jørnsten
 * 1995). Members are decided one at a time; a subtree is cut when the oracle's upper
 * bound on v over its coalitions, minus the least x(T) it allows, cannot beat the
 * threshold; a local search first supplies good coalitions, so that only better ones are
 * sought. The first levels are expanded once and their subtrees run in parallel, each
 * with its own list, merged in a fixed order: the answer does not depend on the number
 * of threads. */
#include "coop.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>
#ifdef _OPENMP
#include <omp.h>
#endif

#define SPLIT_DEPTH 10
#define FLUSH 1024

typedef struct {
    const coop_search_req *q;
    int n;
    int order[64];
    double negx_suf[65]; /* sum of negative x over order[d..n-1] */
    double negy_suf[65]; /* the same for the filter y (q->y) */
    uint64_t free_suf[65];
    uint64_t full;
    double bar0; /* K coalitions at least this good are known (local search) */
    volatile int abort_flag;
    uint64_t nodes_flushed;
    int failed_rc;
    uint64_t failed_mask;
} ctx;

typedef struct {
    coop_hit *h;
    size_t n, cap;
    uint64_t nodes, unflushed;
    int rc, overflow;
    uint64_t bad_mask;
    uint64_t *cnt; /* counting mode: coalitions found per member */
} __attribute__((aligned(64))) task; /* one cache line each: no false sharing */

static int hit_cmp(const void *a, const void *b)
{
    const coop_hit *x = a, *y = b;
    if (x->excess != y->excess)
        return x->excess > y->excess ? -1 : 1;
    return x->mask < y->mask ? -1 : x->mask > y->mask;
}

/* the current bar: the threshold, or the K-th best kept when the list is full */
static double bar(const ctx *c, const task *t)
{
    double b = c->q->thr > c->bar0 ? c->q->thr : c->bar0;
    if (c->q->K > 0 && t->n == (size_t)c->q->K && t->h[t->n - 1].excess > b)
        return t->h[t->n - 1].excess;
    return b;
}

static void keep(ctx *c, task *t, uint64_t s, double ex)
{
    size_t K = (size_t)c->q->K;
    if (K > 0) { /* sorted top-K list */
        if (t->n == K && hit_cmp(&(coop_hit){s, ex}, &t->h[K - 1]) >= 0)
            return;
        size_t pos = t->n < K ? t->n : K - 1;
        while (pos > 0 && hit_cmp(&(coop_hit){s, ex}, &t->h[pos - 1]) < 0) {
            t->h[pos] = t->h[pos - 1];
            pos--;
        }
        t->h[pos] = (coop_hit){s, ex};
        if (t->n < K)
            t->n++;
        return;
    }
    if (t->n == c->q->cap) {
        t->rc = ENT_ETOOBIG;
        t->overflow = 1;
        c->abort_flag = 1;
        return;
    }
    if (t->n == t->cap) {
        size_t nc = t->cap ? 2 * t->cap : 256;
        coop_hit *h = realloc(t->h, sizeof *h * nc);
        if (!h) {
            t->rc = ENT_ENOMEM;
            return;
        }
        t->h = h;
        t->cap = nc;
    }
    t->h[t->n++] = (coop_hit){s, ex};
}

static int count_node(ctx *c, task *t)
{
    t->nodes++;
    if (++t->unflushed == FLUSH) {
        uint64_t total;
#ifdef _OPENMP
#pragma omp atomic capture
#endif
        total = c->nodes_flushed += FLUSH;
        t->unflushed = 0;
        if (total > c->q->node_limit) {
            c->abort_flag = 1;
            t->rc = ENT_ETOOBIG;
        }
    }
    return t->rc == ENT_OK && !c->abort_flag;
}

/* upper bound on v(T) - x(T) below (in, d): the oracle's bound on v minus the least x(T) */
static int node_bound(const ctx *c, uint64_t in, int d, double xin, double *ub)
{
    const ent_tu_oracle *o = c->q->o;
    double lo, hi;
    int rc = o->bounds(o->ctx, in, c->free_suf[d], &lo, &hi);
    *ub = hi - (xin + c->negx_suf[d]);
    return rc;
}

/* depth-first search below (in, d); xin = x(in) */
static void dfs(ctx *c, task *t, uint64_t in, int d, double xin, double yin)
{
    if (!count_node(c, t))
        return;
    const coop_search_req *q = c->q;
    if (d == c->n) {
        if (!in || in == c->full)
            return;
        double v;
        int rc = q->o->value(q->o->ctx, in, &v);
        if (rc != ENT_OK || !isfinite(v)) {
            t->rc = rc != ENT_OK ? rc : ENT_ENUMERIC;
            t->bad_mask = in;
            return;
        }
        double ex = v - xin;
        if (ex > bar(c, t) && !(q->y && yin >= -q->ytol) && !(q->skip && q->skip(q->skip_ctx, in))) {
            if (t->cnt)
                for (uint64_t a = in; a; a &= a - 1)
                    t->cnt[__builtin_ctzll(a)]++;
            else
                keep(c, t, in, ex);
        }
        return;
    }
    if (q->y && yin + c->negy_suf[d] >= -q->ytol)
        return;
    double ub;
    int rc = node_bound(c, in, d, xin, &ub);
    if (rc != ENT_OK) {
        t->rc = rc;
        t->bad_mask = in;
        return;
    }
    if (ub <= bar(c, t))
        return;
    int i = c->order[d];
    dfs(c, t, in | ((uint64_t)1 << i), d + 1, xin + q->x[i], q->y ? yin + q->y[i] : 0.0);
    if (t->rc == ENT_OK)
        dfs(c, t, in, d + 1, xin, yin);
}

/* expand the first levels breadth-first with the threshold alone: the surviving prefixes */
static int prefixes(ctx *c, int depth, uint64_t **out, double **outx, size_t *count, task *t)
{
    size_t cap = 64, cnt = 1;
    uint64_t *p = malloc(sizeof *p * cap);
    double *px = malloc(sizeof *px * cap);
    if (!p || !px) {
        free(p);
        free(px);
        return ENT_ENOMEM;
    }
    p[0] = 0;
    px[0] = 0.0;
    for (int d = 0; d < depth; d++) {
        size_t w = 0;
        uint64_t *np = malloc(sizeof *np * (2 * cnt + 1));
        double *nx = malloc(sizeof *nx * (2 * cnt + 1));
        if (!np || !nx) {
            free(np);
            free(nx);
            free(p);
            free(px);
            return ENT_ENOMEM;
        }
        for (size_t k = 0; k < cnt; k++) {
            if (!count_node(c, t))
                break;
            double ub;
            int rc = node_bound(c, p[k], d, px[k], &ub);
            if (rc != ENT_OK) {
                t->rc = rc;
                t->bad_mask = p[k];
                break;
            }
            if (ub <= c->q->thr || ub <= c->bar0)
                continue;
            int i = c->order[d];
            np[w] = p[k] | ((uint64_t)1 << i);
            nx[w++] = px[k] + c->q->x[i];
            np[w] = p[k];
            nx[w++] = px[k];
        }
        free(p);
        free(px);
        p = np;
        px = nx;
        cnt = w;
        if (t->rc != ENT_OK || !cnt)
            break;
    }
    *out = p;
    *outx = px;
    *count = cnt;
    return t->rc;
}

/* excess of s, or -inf when it cannot be computed (the exhaustive search reports it) */
static double excess_of(const ctx *c, uint64_t s)
{
    double v, xs = 0.0;
    if (!s || s == c->full || c->q->o->value(c->q->o->ctx, s, &v) != ENT_OK || !isfinite(v))
        return -INFINITY;
    for (uint64_t a = s; a; a &= a - 1)
        xs += c->q->x[__builtin_ctzll(a)];
    return v - xs;
}

/* the filters other than the threshold: y(s) < -ytol (when y is given), not skipped */
static int qualifies(const coop_search_req *q, uint64_t s)
{
    if (q->y) {
        double ys = 0.0;
        for (uint64_t a = s; a; a &= a - 1)
            ys += q->y[__builtin_ctzll(a)];
        if (ys >= -q->ytol)
            return 0;
    }
    return !(q->skip && q->skip(q->skip_ctx, s));
}

/* Local search for good coalitions before the exhaustive one (top-K mode): from the best
 * four of the singletons and the complements of singletons, flip the member that raises
 * the excess most until none does. Every coalition seen above the threshold is offered
 * to the seed list; with K of them known, the search needs only better ones. */
static void local_search(ctx *c, task *seed)
{
    int n = c->n;
    const coop_search_req *q = c->q;
    coop_hit start[4];
    int ns = 0;
    for (int k = 0; k < 2 * n; k++) {
        uint64_t b = (uint64_t)1 << (k % n);
        uint64_t s = k < n ? b : (c->full & ~b);
        double e = excess_of(c, s);
        if (e == -INFINITY)
            continue;
        coop_hit h = {s, e};
        int pos;
        if (ns < 4)
            pos = ns++;
        else if (hit_cmp(&h, &start[3]) < 0)
            pos = 3;
        else
            continue;
        while (pos > 0 && hit_cmp(&h, &start[pos - 1]) < 0) {
            start[pos] = start[pos - 1];
            pos--;
        }
        start[pos] = h;
    }
    for (int k = 0; k < ns; k++) {
        coop_hit cur = start[k];
        for (int step = 0; step < 3 * n; step++) {
            coop_hit best = cur;
            for (int i = 0; i < n; i++) {
                uint64_t s = cur.mask ^ ((uint64_t)1 << i);
                double e = excess_of(c, s);
                if (e == -INFINITY)
                    continue;
                if (e > q->thr && qualifies(q, s))
                    keep(c, seed, s, e);
                if (e > best.excess)
                    best = (coop_hit){s, e};
            }
            if (best.mask == cur.mask)
                break;
            cur = best;
        }
        if (cur.excess > q->thr && qualifies(q, cur.mask))
            keep(c, seed, cur.mask, cur.excess);
    }
}

int coop_search(const coop_search_req *q, coop_hit **hits, size_t *nhits, uint64_t *nodes,
                ent_error *err)
{
    *hits = NULL;
    *nhits = 0;
    int n = q->o->n;
    if (n < 1 || n > 64)
        return ent_error_set(err, ENT_EINVAL, "coalition search: %d members (1 to 64)", n);
    ctx c;
    memset(&c, 0, sizeof c);
    c.q = q;
    c.n = n;
    c.full = n == 64 ? ~(uint64_t)0 : ((uint64_t)1 << n) - 1;
    /* members with large |x| first: they move x(T) the most */
    for (int i = 0; i < n; i++)
        c.order[i] = i;
    double key[64];
    for (int i = 0; i < n; i++)
        key[i] = fabs(q->x[i]);
    for (int i = 1; i < n; i++) {
        int m = c.order[i], j = i;
        while (j > 0 && key[c.order[j - 1]] < key[m]) {
            c.order[j] = c.order[j - 1];
            j--;
        }
        c.order[j] = m;
    }
    c.negx_suf[n] = c.negy_suf[n] = 0.0;
    c.free_suf[n] = 0;
    for (int d = n - 1; d >= 0; d--) {
        double xi = q->x[c.order[d]], yi = q->y ? q->y[c.order[d]] : 0.0;
        c.negx_suf[d] = c.negx_suf[d + 1] + (xi < 0 ? xi : 0.0);
        c.negy_suf[d] = c.negy_suf[d + 1] + (yi < 0 ? yi : 0.0);
        c.free_suf[d] = c.free_suf[d + 1] | ((uint64_t)1 << c.order[d]);
    }
    task head, seed;
    memset(&head, 0, sizeof head);
    memset(&seed, 0, sizeof seed);
    c.bar0 = -INFINITY;
    if (q->K > 0) {
        seed.h = malloc(sizeof(coop_hit) * (size_t)q->K);
        seed.cap = (size_t)q->K;
        if (!seed.h)
            return ent_error_set(err, ENT_ENOMEM, "out of memory");
        local_search(&c, &seed);
        if (seed.n == (size_t)q->K)
            c.bar0 = seed.h[seed.n - 1].excess;
    }
    int depth = n - 1 < SPLIT_DEPTH ? n - 1 : SPLIT_DEPTH;
    uint64_t *pre = NULL;
    double *prex = NULL;
    size_t np = 0;
    int rc = prefixes(&c, depth, &pre, &prex, &np, &head);
    task *tasks = NULL;
    if (rc == ENT_OK && np) {
        tasks = aligned_alloc(64, np * sizeof *tasks);
        if (!tasks)
            rc = ENT_ENOMEM;
        else
            memset(tasks, 0, np * sizeof *tasks);
    }
    size_t K = q->K > 0 ? (size_t)q->K : 0;
    uint64_t *cnt = NULL;
    if (rc == ENT_OK && np && q->counts) {
        cnt = calloc(np * (size_t)n, sizeof *cnt);
        if (!cnt)
            rc = ENT_ENOMEM;
        for (size_t k = 0; cnt && k < np; k++)
            tasks[k].cnt = cnt + k * (size_t)n;
    }
    for (size_t k = 0; rc == ENT_OK && K && k < np; k++) {
        tasks[k].h = malloc(sizeof(coop_hit) * K);
        tasks[k].cap = K;
        if (!tasks[k].h)
            rc = ENT_ENOMEM;
    }
    if (rc == ENT_OK && np) {
        int nth = q->threads;
#ifdef _OPENMP
        if (nth <= 0)
            nth = omp_get_max_threads();
#pragma omp parallel for schedule(dynamic, 1) num_threads(nth) if (np > 1 && nth > 1)
#endif
        for (size_t k = 0; k < np; k++) {
            double yin = 0.0;
            for (uint64_t a = q->y ? pre[k] : 0; a; a &= a - 1)
                yin += q->y[__builtin_ctzll(a)];
            dfs(&c, &tasks[k], pre[k], depth, prex[k], yin);
        }
        (void)nth;
    }
    uint64_t total = head.nodes;
    size_t all = seed.n;
    uint64_t bad = 0;
    int overflow = 0;
    for (size_t k = 0; k < np && tasks; k++) {
        total += tasks[k].nodes;
        all += tasks[k].n;
        overflow |= tasks[k].overflow;
        if (rc == ENT_OK && tasks[k].rc != ENT_OK) {
            rc = tasks[k].rc;
            bad = tasks[k].bad_mask;
        }
    }
    if (rc == ENT_OK && head.rc != ENT_OK) {
        rc = head.rc;
        bad = head.bad_mask;
    }
    if (!K && !q->counts && all > q->cap)
        overflow = 1;
    if (q->counts) {
        memset(q->counts, 0, sizeof *q->counts * (size_t)n);
        for (size_t k = 0; cnt && k < np; k++)
            for (int i = 0; i < n; i++)
                q->counts[i] += tasks[k].cnt[i];
    }
    free(cnt);
    if (overflow || (total > q->node_limit && (rc == ENT_OK || rc == ENT_ETOOBIG)))
        rc = ENT_ETOOBIG;
    coop_hit *h = NULL;
    if (rc == ENT_OK && all) {
        h = malloc(sizeof *h * all);
        if (!h)
            rc = ENT_ENOMEM;
    }
    size_t w = 0;
    if (rc == ENT_OK && seed.n) {
        memcpy(h, seed.h, sizeof *h * seed.n);
        w = seed.n;
    }
    for (size_t k = 0; rc == ENT_OK && k < np; k++) {
        if (!tasks[k].n)
            continue;
        memcpy(h + w, tasks[k].h, sizeof *h * tasks[k].n);
        w += tasks[k].n;
    }
    if (rc == ENT_OK) {
        if (w)
            qsort(h, w, sizeof *h, hit_cmp);
        size_t u = 0; /* the local search and the tree may both have found a coalition */
        for (size_t k = 0; k < w; k++)
            if (!u || h[k].mask != h[u - 1].mask)
                h[u++] = h[k];
        w = u;
        if (K && w > K)
            w = K;
        *hits = h;
        *nhits = w;
    } else
        free(h);
    for (size_t k = 0; k < np && tasks; k++)
        free(tasks[k].h);
    free(tasks);
    free(pre);
    free(prex);
    free(head.h);
    free(seed.h);
    if (nodes)
        *nodes = total;
    if (rc == ENT_ETOOBIG) {
        if (overflow)
            return ent_error_set(err, rc, "more than %zu coalitions have an excess above %g",
                                 q->cap, q->thr);
        return ent_error_set(err, rc,
                             "the search over the 2^%d coalitions needs more than %llu "
                             "branch-and-bound nodes (the bounds on the values do not cut it "
                             "enough)",
                             n, (unsigned long long)q->node_limit);
    }
    if (rc != ENT_OK) {
        char list[400];
        int p = 0;
        for (int i = 0; i < n && p < (int)sizeof list - 8; i++)
            if ((bad >> i) & 1u)
                p += snprintf(list + p, sizeof list - (size_t)p, "%s#%d", p ? "," : "", i + 1);
        return ent_error_set(err, rc, "the value of coalition {%s} could not be computed: %s",
                             list, ent_strerror(rc));
    }
    return ENT_OK;
}
