/* cartel_bb.c — cartel stability by branch and bound, for payoffs given by an oracle
 * (n <= 64), where the 2^n coalitions cannot all be examined. Members are decided one at
 * a time (in or out); a node is cut when interval bounds on the payoffs prove, for every
 * coalition below it, that a decided member gains by leaving, that a decided outsider
 * gains by joining (or, with transfers, the same for the coalition's surplus), or that
 * the coalition is too small. Members proven content for every coalition below a node
 * are not tested again under it. Leaves are judged by the exact checks of cartel.c, so
 * the bounds decide the speed, never the answer.
 *
 * Internally stable coalitions are counted by a second search that cuts on internal
 * stability only and counts a whole subtree at once when every member, decided or free,
 * is proven content in all of its coalitions.
 *
 * The first levels are expanded breadth first and the subtrees run in parallel; counts
 * are sums, the list keeps the smallest masks and the largest coalition is the lowest
 * mask of the largest size, so the answer does not depend on the number of threads. */
#include "coop.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>
#ifdef _OPENMP
#include <omp.h>
#endif

#define FLUSH 1024
#define TASKS_PER_THREAD 64
#define MAX_FRONTIER 65536
/* With transfers, testing an outsider costs O(n) bounds (the coalition's total or surplus
 * with it); it is done only at nodes with at most this many members undecided, where the
 * bounds are tight enough to cut: on 24 members of the coalition of the willing, optimal
 * transfers took 8.0 s this way and 23 s testing at every node (bench/README.md). */
#define EXT_FREE 3

typedef struct {
    double lo, hi;
} ival;

typedef struct {
    coop_cartel c;
    const ent_cartel_oracle *g;
    int n, minsz, internal_only;
    int ext_free; /* transfers: outsiders are tested at nodes with at most this many free */
    double tol;
    int order[64];
    uint64_t full, free_suf[65];
    uint64_t max_nodes, nodes;
    volatile int abort_flag;
    uint64_t binom[65][65];
} bb;

typedef struct {
    uint64_t in, out;
    int d;
    uint64_t sure_int; /* members of `in` that stay in every coalition below */
    uint64_t sure_ext; /* members of `out` that stay out in every coalition below */
    int sure_pis;      /* optimal transfers: every coalition below is potentially stable */
} node;

typedef struct {
    uint64_t nstable, ninternal;
    uint64_t *heap; /* max-heap of the smallest stable masks */
    size_t nh;
    uint64_t largest, in_all, in_any;
    int bigsz;
    uint64_t nodes, unflushed;
    int rc;
    int fail_rc;        /* a payoff failed at a leaf: the lowest such coalition */
    uint64_t fail_at;
} __attribute__((aligned(64))) acc;

static uint64_t full_mask(int n) { return n == 64 ? ~(uint64_t)0 : ((uint64_t)1 << n) - 1; }

/* bounds of pi_k over the box for every k in `members`: v[k] */
static int pbm(const bb *b, uint64_t members, uint64_t in, uint64_t free, ival *v)
{
    double lo[64], hi[64];
    if (!members)
        return ENT_OK;
    int rc = b->g->bounds(b->g->ctx, members, in, free, lo, hi);
    if (rc != ENT_OK)
        return rc;
    for (uint64_t a = members; a; a &= a - 1) {
        int k = __builtin_ctzll(a);
        if (isnan(lo[k]) || isnan(hi[k]) || lo[k] > hi[k])
            v[k] = (ival){-INFINITY, INFINITY};
        else
            v[k] = (ival){lo[k], hi[k]};
    }
    return ENT_OK;
}

static int pb(const bb *b, int k, uint64_t in, uint64_t free, ival *v)
{
    ival w[64];
    int rc = pbm(b, (uint64_t)1 << k, in, free, w);
    *v = w[k];
    return rc;
}

static ival isub(ival a, ival b)
{
    ival r = {a.lo - b.hi, a.hi - b.lo};
    if (isnan(r.lo))
        r.lo = -INFINITY;
    if (isnan(r.hi))
        r.hi = INFINITY;
    return r;
}

static void iadd(ival *a, ival b)
{
    a->lo += b.lo;
    a->hi += b.hi;
    if (isnan(a->lo))
        a->lo = -INFINITY;
    if (isnan(a->hi))
        a->hi = INFINITY;
}

static ival hull0(ival a)
{
    return (ival){a.lo < 0.0 ? a.lo : 0.0, a.hi > 0.0 ? a.hi : 0.0};
}

/* total payoff of the members, sum_{k in S} pi_k(S), over in <= S <= in | free */
static int total(const bb *b, uint64_t in, uint64_t free, ival *t)
{
    ival v[64], w;
    int rc = pbm(b, in, in, free, v);
    if (rc != ENT_OK)
        return rc;
    *t = (ival){0.0, 0.0};
    for (uint64_t a = in; a; a &= a - 1)
        iadd(t, v[__builtin_ctzll(a)]);
    for (uint64_t a = free; a; a &= a - 1) {
        uint64_t k1 = a & (~a + 1);
        if ((rc = pb(b, __builtin_ctzll(a), in | k1, free & ~k1, &w)) != ENT_OK)
            return rc;
        iadd(t, hull0(w));
    }
    return ENT_OK;
}

/* sum_{k in S} (pi_k(S) - pi_k(S \ k)) over in <= S <= in | free (optimal transfers: S is
 * potentially internally stable iff this is >= -tol) */
static int gain(const bb *b, uint64_t in, uint64_t free, ival *t)
{
    ival st[64], u, v;
    int rc = pbm(b, in, in, free, st);
    if (rc != ENT_OK)
        return rc;
    *t = (ival){0.0, 0.0};
    for (uint64_t a = in; a; a &= a - 1) {
        uint64_t k1 = a & (~a + 1);
        int k = __builtin_ctzll(a);
        if ((rc = pb(b, k, in & ~k1, free, &v)) != ENT_OK)
            return rc;
        iadd(t, isub(st[k], v));
    }
    for (uint64_t a = free; a; a &= a - 1) {
        uint64_t k1 = a & (~a + 1);
        int k = __builtin_ctzll(a);
        if ((rc = pb(b, k, in | k1, free & ~k1, &u)) != ENT_OK ||
            (rc = pb(b, k, in, free & ~k1, &v)) != ENT_OK)
            return rc;
        iadd(t, hull0(isub(u, v)));
    }
    return ENT_OK;
}

/* the sum of the weights over the box: [in, in + free] */
static ival wbox(const bb *b, uint64_t in, uint64_t free)
{
    const double *w = b->c.o->weights;
    double wlo = 0.0, wf = 0.0;
    for (uint64_t a = in; a; a &= a - 1)
        wlo += w[__builtin_ctzll(a)];
    for (uint64_t a = free; a; a &= a - 1)
        wf += w[__builtin_ctzll(a)];
    return (ival){wlo, wlo + wf};
}

/* member i's share w_i T / W of the total T over the box, W in wb (weights > 0) */
static ival share(const bb *b, int i, ival t, ival wb)
{
    double wi = b->c.o->weights[i];
    ival v = {wi * (t.lo >= 0.0 ? t.lo / wb.hi : t.lo / wb.lo),
              wi * (t.hi >= 0.0 ? t.hi / wb.lo : t.hi / wb.hi)};
    if (isnan(v.lo))
        v.lo = -INFINITY;
    if (isnan(v.hi))
        v.hi = INFINITY;
    return v;
}

/* 1 cut: surely leaves (stay < leave); 2 surely stays; 0 open */
static int verdict_leave(const bb *b, ival stay, ival leave)
{
    return leave.lo - stay.hi > b->tol ? 1 : leave.hi - stay.lo <= b->tol ? 2 : 0;
}

/* Internal stability over the box of the members of `test` (all in `in`): *cut = 1 when
 * one surely leaves; *sure gets those that surely stay. */
static int internal_tests(const bb *b, uint64_t test, uint64_t in, uint64_t free, int last,
                          ival *stay, int *cut, uint64_t *sure)
{
    ival leave, tot, wb = {0, 0};
    int rc, weights = b->c.o->transfers == ENT_CARTEL_WEIGHTS;
    *cut = 0;
    if (!test)
        return ENT_OK;
    if (weights) {
        if ((rc = total(b, in, free, &tot)) != ENT_OK)
            return rc;
        wb = wbox(b, in, free);
    }
    /* the member decided last first: it is the likeliest to fail */
    uint64_t first = last >= 0 ? test & ((uint64_t)1 << last) : 0;
    for (int pass = 0; pass < 2; pass++)
        for (uint64_t a = pass ? test & ~first : first; a; a &= a - 1) {
            int i = __builtin_ctzll(a);
            if (weights)
                stay[i] = share(b, i, tot, wb);
            if ((rc = pb(b, i, in & ~((uint64_t)1 << i), free, &leave)) != ENT_OK)
                return rc;
            int v = verdict_leave(b, stay[i], leave);
            if (v == 1) {
                *cut = 1;
                return ENT_OK;
            }
            if (v == 2)
                *sure |= (uint64_t)1 << i;
        }
    return ENT_OK;
}

/* The tests at a node: *cut = 1 cut, 0 go on; nd's proven sets are extended. */
static int node_tests(const bb *b, node *nd, uint64_t free, int last, int *cut)
{
    const ent_cartel_opts *o = b->c.o;
    int rc;
    *cut = 1;
    if (__builtin_popcountll(nd->in | free) < b->minsz)
        return ENT_OK;
    if (o->transfers == ENT_CARTEL_OPTIMAL) {
        ival gs;
        if (!nd->sure_pis) {
            if ((rc = gain(b, nd->in, free, &gs)) != ENT_OK)
                return rc;
            if (gs.hi < -b->tol)
                return ENT_OK;
            nd->sure_pis = gs.lo >= -b->tol;
        }
        if (!b->internal_only && __builtin_popcountll(free) <= b->ext_free)
            for (uint64_t a = nd->out & ~nd->sure_ext; a; a &= a - 1) {
                uint64_t j1 = a & (~a + 1);
                if ((rc = gain(b, nd->in | j1, free, &gs)) != ENT_OK)
                    return rc;
                if (gs.lo >= -b->tol)
                    return ENT_OK; /* j joins a potentially stable coalition */
                if (gs.hi < -b->tol)
                    nd->sure_ext |= j1;
            }
        *cut = 0;
        return ENT_OK;
    }
    /* one evaluation of the node's box serves the members' and the outsiders' payoffs */
    int c;
    uint64_t open = nd->in & ~nd->sure_int, ext = nd->out & ~nd->sure_ext;
    if (b->internal_only ||
        (o->transfers != ENT_CARTEL_NONE && __builtin_popcountll(free) > b->ext_free))
        ext = 0;
    ival stay[64], join[64];
    if ((rc = pbm(b, (o->transfers == ENT_CARTEL_NONE ? open : 0) | ext, nd->in, free, stay)) !=
        ENT_OK)
        return rc;
    if ((rc = internal_tests(b, open, nd->in, free, last, stay, &c, &nd->sure_int)) != ENT_OK)
        return rc;
    if (c)
        return ENT_OK;
    if (ext) {
        for (uint64_t a = ext; a; a &= a - 1) {
            uint64_t j1 = a & (~a + 1);
            int j = __builtin_ctzll(a);
            if (o->transfers == ENT_CARTEL_WEIGHTS) {
                ival tot;
                if ((rc = total(b, nd->in | j1, free, &tot)) != ENT_OK)
                    return rc;
                join[j] = share(b, j, tot, wbox(b, nd->in | j1, free));
            } else if ((rc = pb(b, j, nd->in | j1, free, &join[j])) != ENT_OK)
                return rc;
            if (join[j].lo >= stay[j].hi - b->tol)
                return ENT_OK; /* an indifferent outsider joins */
            if (join[j].hi < stay[j].lo - b->tol)
                nd->sure_ext |= j1;
        }
    }
    *cut = 0;
    return ENT_OK;
}

/* internal-count mode: 1 if every coalition below the node is internally stable */
static int all_internal(const bb *b, const node *nd, uint64_t free, int *yes)
{
    *yes = 0;
    if (b->c.o->transfers == ENT_CARTEL_OPTIMAL) {
        *yes = nd->sure_pis;
        return ENT_OK;
    }
    if (nd->in & ~nd->sure_int)
        return ENT_OK;
    for (uint64_t a = free; a; a &= a - 1) {
        uint64_t k1 = a & (~a + 1), sure = 0;
        ival stay[64];
        int cut, rc = b->c.o->transfers == ENT_CARTEL_WEIGHTS
                          ? ENT_OK
                          : pbm(b, k1, nd->in | k1, free & ~k1, stay);
        if (rc == ENT_OK)
            rc = internal_tests(b, k1, nd->in | k1, free & ~k1, -1, stay, &cut, &sure);
        if (rc != ENT_OK)
            return rc;
        if (!sure)
            return ENT_OK;
    }
    *yes = 1;
    return ENT_OK;
}

static void heap_push(acc *t, size_t keep, uint64_t s)
{
    uint64_t *h = t->heap;
    size_t i;
    if (!keep)
        return;
    if (t->nh < keep) { /* append and sift up */
        for (i = t->nh++; i > 0 && h[(i - 1) / 2] < s; i = (i - 1) / 2)
            h[i] = h[(i - 1) / 2];
        h[i] = s;
        return;
    }
    if (s >= h[0])
        return;
    for (i = 0;;) { /* replace the largest and sift down */
        size_t l = 2 * i + 1, r = l + 1, m = i;
        uint64_t big = s;
        if (l < t->nh && h[l] > big) {
            m = l;
            big = h[l];
        }
        if (r < t->nh && h[r] > big)
            m = r;
        if (m == i)
            break;
        h[i] = h[m];
        i = m;
    }
    h[i] = s;
}

static int count_node(bb *b, acc *t)
{
    t->nodes++;
    if (++t->unflushed == FLUSH) {
        uint64_t tot;
#pragma omp atomic capture
        tot = b->nodes += FLUSH;
        t->unflushed = 0;
        if (tot > b->max_nodes)
            b->abort_flag = 1;
    }
    return b->abort_flag;
}

static uint64_t completions(const bb *b, int nin, int nfree)
{
    int t0 = b->minsz - nin;
    if (t0 < 0)
        t0 = 0;
    uint64_t s = 0;
    for (int t = t0; t <= nfree; t++) {
        uint64_t c = b->binom[nfree][t];
        s = s + c < s ? UINT64_MAX : s + c;
    }
    return s;
}

/* visit a node: 1 expand it, 0 done (cut, leaf or counted) */
static int visit(bb *b, acc *t, node *nd, int last, size_t keep)
{
    if (count_node(b, t))
        return 0;
    uint64_t free = b->free_suf[nd->d];
    int cut, rc = node_tests(b, nd, free, last, &cut);
    if (rc == ENT_OK && !cut && free) {
        if (!b->internal_only)
            return 1;
        int yes;
        rc = all_internal(b, nd, free, &yes);
        if (rc == ENT_OK && !yes)
            return 1;
        if (rc == ENT_OK) {
            uint64_t c = completions(b, __builtin_popcountll(nd->in), __builtin_popcountll(free));
            t->ninternal = t->ninternal + c < t->ninternal ? UINT64_MAX : t->ninternal + c;
        }
    } else if (rc == ENT_OK && !cut) { /* a leaf: the exact check */
        int r = b->internal_only ? coop_cartel_internal(&b->c, nd->in)
                                 : coop_cartel_check(&b->c, nd->in);
        if (r < 0) { /* kept, and the search goes on: the lowest one is reported */
            if (!t->fail_rc || nd->in < t->fail_at) {
                t->fail_rc = r;
                t->fail_at = nd->in;
            }
        } else if (b->internal_only)
            t->ninternal += (uint64_t)r;
        else if (r == 2) {
            int sz = __builtin_popcountll(nd->in);
            t->nstable++;
            t->in_all &= nd->in;
            t->in_any |= nd->in;
            heap_push(t, keep, nd->in);
            if (sz > t->bigsz || (sz == t->bigsz && nd->in < t->largest)) {
                t->bigsz = sz;
                t->largest = nd->in;
            }
        }
    }
    if (rc != ENT_OK) {
        if (t->rc == ENT_OK)
            t->rc = rc;
        b->abort_flag = 1;
    }
    return 0;
}

static void child(const bb *b, const node *p, int in_side, node *c)
{
    uint64_t k1 = (uint64_t)1 << b->order[p->d];
    *c = *p;
    c->d = p->d + 1;
    if (in_side)
        c->in |= k1;
    else
        c->out |= k1;
}

static void dfs(bb *b, acc *t, node *nd, int last, size_t keep)
{
    if (!visit(b, t, nd, last, keep))
        return;
    node c;
    child(b, nd, 1, &c);
    dfs(b, t, &c, b->order[nd->d], keep);
    child(b, nd, 0, &c);
    dfs(b, t, &c, b->order[nd->d], keep);
}

typedef struct {
    node nd;
    int last;
} task;

/* branching order: members whose membership moves the others' payoffs most first */
static int make_order(bb *b)
{
    int n = b->n;
    double infl[64];
    uint64_t full = b->full;
    for (int k = 0; k < n; k++) {
        uint64_t k1 = (uint64_t)1 << k;
        double s = 0.0;
        for (int i = 0; i < n; i++) {
            double a, c, d, e; /* a payoff that fails here only orders less well */
            if (b->g->payoff(b->g->ctx, i, full, &a) == ENT_OK &&
                b->g->payoff(b->g->ctx, i, full & ~k1, &c) == ENT_OK)
                s += fabs(a - c);
            if (b->g->payoff(b->g->ctx, i, k1, &d) == ENT_OK &&
                b->g->payoff(b->g->ctx, i, 0, &e) == ENT_OK)
                s += fabs(d - e);
        }
        infl[k] = s;
        b->order[k] = k;
    }
    for (int i = 1; i < n; i++) { /* stable insertion sort, largest influence first */
        int x = b->order[i], j = i;
        while (j > 0 && infl[b->order[j - 1]] < infl[x]) {
            b->order[j] = b->order[j - 1];
            j--;
        }
        b->order[j] = x;
    }
    b->free_suf[n] = 0;
    for (int d = n - 1; d >= 0; d--)
        b->free_suf[d] = b->free_suf[d + 1] | ((uint64_t)1 << b->order[d]);
    return ENT_OK;
}

static int cmp_u64(const void *a, const void *b)
{
    uint64_t x = *(const uint64_t *)a, y = *(const uint64_t *)b;
    return x < y ? -1 : x > y;
}

/* one search (stable or internal-count); fills res's counts, list and largest */
static int search(bb *b, int threads, size_t keep, ent_cartel_result *res)
{
    int nth = 1;
#ifdef _OPENMP
    nth = threads > 0 ? threads : omp_get_max_threads();
#endif
    if (nth < 1)
        nth = 1;
    acc *ac = (acc *)aligned_alloc(64, sizeof(acc) * (size_t)nth);
    task *fr = (task *)malloc(sizeof(task) * MAX_FRONTIER);
    task *nx = (task *)malloc(sizeof(task) * MAX_FRONTIER);
    int rc = ENT_OK;
    if (!ac || !fr || !nx) {
        free(ac);
        free(fr);
        free(nx);
        return ENT_ENOMEM;
    }
    memset(ac, 0, sizeof(acc) * (size_t)nth);
    for (int i = 0; i < nth && rc == ENT_OK; i++) {
        ac[i].bigsz = -1;
        ac[i].in_all = ~(uint64_t)0;
        if (keep && !(ac[i].heap = (uint64_t *)malloc(sizeof(uint64_t) * keep)))
            rc = ENT_ENOMEM;
    }
    b->nodes = 0;
    b->abort_flag = 0;
    /* breadth first from the root until there are enough subtrees for the threads */
    size_t nf = 1, target = (size_t)nth * TASKS_PER_THREAD;
    memset(&fr[0], 0, sizeof fr[0]);
    fr[0].last = -1;
    while (rc == ENT_OK && nth > 1 && nf > 0 && nf < target && fr[0].nd.d < b->n &&
           2 * nf <= MAX_FRONTIER && !b->abort_flag) {
        size_t nn = 0;
        for (size_t i = 0; i < nf; i++) {
            if (!visit(b, &ac[0], &fr[i].nd, fr[i].last, keep))
                continue;
            for (int side = 1; side >= 0; side--) {
                child(b, &fr[i].nd, side, &nx[nn].nd);
                nx[nn++].last = b->order[fr[i].nd.d];
            }
        }
        task *sw = fr;
        fr = nx;
        nx = sw;
        nf = nn;
    }
    if (rc == ENT_OK && !b->abort_flag) {
#ifdef _OPENMP
#pragma omp parallel for schedule(dynamic, 1) num_threads(nth) if (nf > 1 && nth > 1)
#endif
        for (size_t i = 0; i < nf; i++) {
            int me = 0;
#ifdef _OPENMP
            me = omp_get_thread_num();
#endif
            if (!b->abort_flag)
                dfs(b, &ac[me], &fr[i].nd, fr[i].last, keep);
        }
    }
    uint64_t nodes = 0;
    uint64_t *all = NULL;
    size_t nall = 0;
    for (int i = 0; i < nth; i++)
        nall += ac[i].nh;
    if (rc == ENT_OK && !(all = (uint64_t *)malloc(sizeof(uint64_t) * (nall ? nall : 1))))
        rc = ENT_ENOMEM;
    nall = 0;
    int bigsz = -1;
    res->in_all = ~(uint64_t)0;
    int fail_rc = 0;
    for (int i = 0; i < nth; i++) {
        if (rc == ENT_OK && ac[i].rc != ENT_OK)
            rc = ac[i].rc;
        if (ac[i].fail_rc && (!fail_rc || ac[i].fail_at < res->failed_at)) {
            fail_rc = ac[i].fail_rc;
            res->failed_at = ac[i].fail_at;
        }
        nodes += ac[i].nodes;
        res->nstable += ac[i].nstable;
        res->in_all &= ac[i].in_all;
        res->in_any |= ac[i].in_any;
        res->ninternal = res->ninternal + ac[i].ninternal < res->ninternal
                             ? UINT64_MAX
                             : res->ninternal + ac[i].ninternal;
        if (ac[i].bigsz > bigsz || (ac[i].bigsz == bigsz && ac[i].largest < res->largest)) {
            bigsz = ac[i].bigsz;
            res->largest = ac[i].largest;
        }
        if (all)
            for (size_t j = 0; j < ac[i].nh; j++)
                all[nall++] = ac[i].heap[j];
        free(ac[i].heap);
    }
    if (!res->nstable)
        res->in_all = 0;
    res->nodes += nodes;
    if (rc == ENT_OK && nodes > b->max_nodes)
        rc = ENT_ETOOBIG;
    if (rc == ENT_OK && fail_rc) {
        rc = fail_rc;
        res->failed = 1;
    }
    if (rc == ENT_OK && all && !b->internal_only) {
        qsort(all, nall, sizeof *all, cmp_u64);
        res->stable = all;
        res->nlisted = nall < keep ? nall : keep;
        all = NULL;
    }
    free(all);
    free(ac);
    free(fr);
    free(nx);
    return rc;
}

int ent_cartel_oracle_stability(const ent_cartel_oracle *g, const ent_cartel_opts *o,
                                ent_cartel_result *res, ent_error *err)
{
    memset(res, 0, sizeof *res);
    ent_cartel_opts def;
    if (!o) {
        ent_cartel_opts_init(&def);
        o = &def;
    }
    if (!g || !g->payoff || !g->bounds || g->n < 1 || g->n > ENT_TU_ORACLE_MAX_N)
        return ent_error_set(err, ENT_EINVAL, "cartel stability: an oracle with 1 to %d members "
                                              "is needed",
                             ENT_TU_ORACLE_MAX_N);
    bb *b = (bb *)calloc(1, sizeof *b);
    if (!b)
        return ent_error_set(err, ENT_ENOMEM, "out of memory");
    int n = g->n;
    b->c = (coop_cartel){n, NULL, NULL, g, o, {0, 0, NULL, NULL}};
    int rc = coop_cartel_init(&b->c, n, o, err);
    if (rc != ENT_OK) {
        free(b);
        return rc;
    }
    b->g = g;
    b->n = n;
    b->minsz = o->min_size < 0 ? 0 : o->min_size;
    b->tol = o->tol;
    b->ext_free = EXT_FREE;
    b->full = full_mask(n);
    b->max_nodes = o->max_nodes ? o->max_nodes : (uint64_t)1 << 26;
    for (int i = 0; i <= n; i++) {
        b->binom[i][0] = 1;
        for (int j = 1; j <= i; j++)
            b->binom[i][j] = b->binom[i - 1][j - 1] + (j < i ? b->binom[i - 1][j] : 0);
    }
    if ((rc = make_order(b)) == ENT_OK)
        rc = search(b, o->threads, o->max_list, res);
    uint64_t stable_nodes = res->nodes;
    if (rc == ENT_ETOOBIG) {
        ent_cartel_result_free(res);
        ent_error_set(err, rc,
                      "cartel stability over the 2^%d coalitions needs more than %llu "
                      "branch-and-bound nodes (the bounds on the payoffs do not cut it "
                      "enough)",
                      n, (unsigned long long)b->max_nodes);
        free(b);
        return rc;
    }
    if (rc == ENT_OK && o->count_internal) { /* the internally stable ones, within a budget */
        ent_cartel_result ir;
        memset(&ir, 0, sizeof ir);
        uint64_t budget = stable_nodes > ((uint64_t)1 << 20) ? stable_nodes : (uint64_t)1 << 20;
        b->max_nodes = budget < b->max_nodes ? budget : b->max_nodes;
        b->internal_only = 1;
        int r2 = search(b, o->threads, 0, &ir);
        if (r2 == ENT_OK) {
            res->ninternal = ir.ninternal;
            res->internal_counted = 1;
            res->nodes += ir.nodes; /* (a search cut off stops at a time-dependent count) */
        } else if (r2 != ENT_ETOOBIG) {
            rc = r2;
            res->failed = ir.failed;
            res->failed_at = ir.failed_at;
        }
        ent_cartel_result_free(&ir);
    }
    if (rc == ENT_OK) {
        int r = coop_cartel_internal(&b->c, b->full);
        if (r < 0) {
            rc = r;
            res->failed = 1;
            res->failed_at = b->full;
        } else
            res->grand_internal = r;
    }
    ent_split_free(&b->c.wt);
    free(b);
    if (rc != ENT_OK) {
        int failed = res->failed;
        uint64_t at = res->failed_at;
        ent_cartel_result_free(res);
        if (rc == ENT_ENOMEM)
            return ent_error_set(err, rc, "out of memory");
        if (!failed)
            return ent_error_set(err, rc, "cartel stability: %s", ent_strerror(rc));
        res->failed = 1;
        res->failed_at = at;
        return coop_cartel_fail(err, rc, at);
    }
    return ENT_OK;
}
