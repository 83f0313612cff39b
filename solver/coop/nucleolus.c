/* nucleolus.c — least core, core membership, nucleolus and prenucleolus of a dense TU
 * game by a sequence of LPs (Maschler, Peleg & Shapley 1979, "Geometric properties of
 * the kernel, nucleolus and related solution concepts", Math. Oper. Res. 4) with row
 * generation: each LP holds only the coalitions found violated by a scan of all 2^n.
 * Settled coalitions: positive dual in an optimal solution (tight in every optimal
 * solution, by complementary slackness) or in the span of settled ones (Derks & Kuipers
 * 1997, "Implementing the simplex method for computing the prenucleolus of transferable
 * utility games"; Fromen 1997). Each stage raises the rank, so at most n stages. */
#include "coop.h"
#include "../lp/lp.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>
#ifdef _OPENMP
#include <omp.h>
#endif

void ent_tu_opts_init(ent_tu_opts *o)
{
    o->exact = 0;
    o->threads = 0;
    o->tol = 0.0;
    o->max_nodes = 0;
}

int ent_tu_in_core(const ent_tu *g, const double *x, double tol, uint32_t *blocking,
                   double *max_excess)
{
    int n = g->n;
    uint32_t full = (uint32_t)(((uint64_t)1 << n) - 1);
    double sum = 0.0;
    for (int i = 0; i < n; i++)
        sum += x[i];
    double best = -INFINITY;
    uint32_t arg = 0;
    /* direct pass: x(S) accumulated by lowest bit, no shared code with the LPs */
    double *xs = (double *)malloc(sizeof(double) << (n < 20 ? n : 20));
    int lowbits = n < 20 ? n : 20;
    if (!xs)
        return ENT_ENOMEM;
    xs[0] = 0.0;
    for (uint32_t s = 1; s < (1u << lowbits); s++)
        xs[s] = xs[s & (s - 1)] + x[__builtin_ctz(s)];
    for (uint64_t s = 1; s < full; s++) {
        double hx = 0.0;
        for (uint64_t h = s >> lowbits, b = (uint64_t)lowbits; h; h >>= 1, b++)
            if (h & 1)
                hx += x[b];
        double e = g->v[s] - (xs[s & ((1u << lowbits) - 1)] + hx);
        if (e > best) {
            best = e;
            arg = (uint32_t)s;
        }
    }
    free(xs);
    double eff = fabs(sum - g->v[full]);
    if (blocking)
        *blocking = best > tol ? arg : 0;
    if (max_excess)
        *max_excess = n > 1 ? best : 0.0;
    return eff <= tol && !(n > 1 && best > tol);
}

/* ------------------------------------------------------------------ engine */

enum { ROW_EFF = 0, ROW_FREE = 1, ROW_FIXED = 2 };

typedef struct {
    const ent_tu *g;           /* dense game, or */
    const ent_tu_oracle *orc;  /* a game given by an oracle */
    uint64_t max_nodes, nodes;
    int n, pre, exact, nthreads;
    uint64_t full;
    double tol;
    ent_lp *lp;
    uint64_t *rmask;
    unsigned char *rkind;
    int nrows, caprows;
    coop_basis basis;    /* span of settled coalitions and N */
    double *z;           /* null-space basis of the settled span, nz rows of n */
    ent_split *zt;       /* split tables of the null vectors */
    int nz;
    ent_split xt;
    double *x, eps;
    int lps, stages, maxrows;
    /* scan candidates */
    int K;
    int64_t nblocks, bsize;
    uint32_t *cand_m;
    double *cand_e;
    int *cand_n;
    ent_error *err;
    int err_set; /* err already holds the message of a failure */
} nuc;

/* v(s) from the table or the oracle (a failure is reported in u->err) */
static int value_of(nuc *u, uint64_t s, double *out)
{
    if (u->g) {
        *out = u->g->v[s];
        return ENT_OK;
    }
    int rc = u->orc->value(u->orc->ctx, s, out);
    if (rc == ENT_OK && !isfinite(*out))
        rc = ENT_ENUMERIC;
    if (rc != ENT_OK)
        return u->err_set = 1, ent_error_set(u->err, rc, "the value of coalition 0x%llx: %s",
                             (unsigned long long)s, ent_strerror(rc));
    return ENT_OK;
}

static int push_row(nuc *u, uint64_t s, int kind, double eps_fixed)
{
    int n = u->n;
    int idx[ENT_TU_ORACLE_MAX_N + 1];
    double val[ENT_TU_ORACLE_MAX_N + 1];
    double vs;
    int rc = value_of(u, s, &vs);
    if (rc != ENT_OK)
        return rc;
    int k = 0;
    for (int i = 0; i < n; i++)
        if ((s >> i) & 1u) {
            idx[k] = i;
            val[k++] = 1.0;
        }
    int r;
    if (kind == ROW_FREE) {
        idx[k] = n;
        val[k++] = 1.0;
        r = ent_lp_add_row(u->lp, k, idx, val, ENT_LP_LO, vs, 0.0);
    } else if (kind == ROW_EFF) {
        r = ent_lp_add_row(u->lp, k, idx, val, ENT_LP_FX, vs, vs);
    } else {
        /* a settled coalition keeps its excess at the stage's level; for the exact
         * re-solve up to a margin below the tolerance: the level and v(S) - level are
         * rounded to doubles, and glp_exact reads the data as fractions within about
         * 1e-12 of them (GLPK's fp2rat), so equations fixed exactly can be inconsistent
         * in its arithmetic */
        double rhs = vs - eps_fixed, d = 1e-3 * u->tol;
        r = u->exact ? ent_lp_add_row(u->lp, k, idx, val, ENT_LP_DB, rhs - d, rhs + d)
                     : ent_lp_add_row(u->lp, k, idx, val, ENT_LP_FX, rhs, rhs);
    }
    if (r < 0)
        return r;
    if (u->nrows == u->caprows) {
        int c = u->caprows ? 2 * u->caprows : 256;
        uint64_t *m = (uint64_t *)realloc(u->rmask, sizeof(uint64_t) * (size_t)c);
        if (!m)
            return ENT_ENOMEM;
        u->rmask = m;
        unsigned char *kd = (unsigned char *)realloc(u->rkind, (size_t)c);
        if (!kd)
            return ENT_ENOMEM;
        u->rkind = kd;
        u->caprows = c;
    }
    u->rmask[u->nrows] = s;
    u->rkind[u->nrows] = (unsigned char)kind;
    u->nrows++;
    if (u->nrows > u->maxrows)
        u->maxrows = u->nrows;
    return ENT_OK;
}

/* delete the rows flagged in del[] from the LP and the row arrays (order kept) */
static int delete_rows(nuc *u, const unsigned char *del)
{
    int cnt = 0;
    for (int r = 0; r < u->nrows; r++)
        cnt += del[r];
    if (!cnt)
        return ENT_OK;
    int *rows = (int *)malloc(sizeof(int) * (size_t)cnt);
    if (!rows)
        return ENT_ENOMEM;
    int k = 0, w = 0;
    for (int r = 0; r < u->nrows; r++) {
        if (del[r])
            rows[k++] = r;
        else {
            u->rmask[w] = u->rmask[r];
            u->rkind[w] = u->rkind[r];
            w++;
        }
    }
    int rc = ent_lp_del_rows(u->lp, cnt, rows);
    free(rows);
    u->nrows = w;
    return rc;
}

/* null space of the settled span, with split tables for fast span tests in scans */
static int rebuild_null(nuc *u)
{
    int n = u->n;
    for (int j = 0; j < u->nz && u->g; j++)
        ent_split_free(&u->zt[j]);
    u->nz = coop_basis_null(&u->basis, u->z);
    for (int j = 0; j < u->nz && u->g; j++) {
        if (ent_split_init(&u->zt[j], n) != ENT_OK) {
            u->nz = j;
            return ENT_ENOMEM;
        }
        ent_split_set(&u->zt[j], n, u->z + (size_t)j * (size_t)n);
    }
    return ENT_OK;
}

static int in_span_fast(const nuc *u, uint32_t s)
{
    for (int j = 0; j < u->nz; j++)
        if (fabs(ent_split_sum(&u->zt[j], s)) > 1e-9)
            return 0;
    return 1;
}

/* the same without split tables (oracle games, n <= 64): skip() of the search */
static int in_span_bits(void *ctx, uint64_t s)
{
    const nuc *u = ctx;
    return coop_null_spans(u->z, u->nz, u->n, s);
}

/* add up to K violated coalitions outside the span, found by branch and bound in two
 * searches: the most violated one (its excess M), then the K largest above the midpoint
 * between the threshold and M. The high bar of both keeps the early rounds, when many
 * coalitions are violated, from visiting most of the tree. */
static int generate_oracle(nuc *u, int *added)
{
    double thr = u->eps + u->tol;
    coop_search_req q = {.o = u->orc, .x = u->x, .thr = thr, .K = 1,
                         .node_limit = u->max_nodes, .threads = u->nthreads,
                         .skip = in_span_bits, .skip_ctx = u};
    coop_hit *h = NULL;
    size_t nh = 0;
    uint64_t nodes = 0;
    int rc = coop_search(&q, &h, &nh, &nodes, u->err);
    u->nodes += nodes;
    if (rc == ENT_OK && nh) {
        q.thr = thr + 0.5 * (h[0].excess - thr);
        q.K = u->K;
        free(h);
        h = NULL;
        rc = coop_search(&q, &h, &nh, &nodes, u->err);
        u->nodes += nodes;
    }
    if (rc != ENT_OK) {
        u->err_set = 1;
        free(h);
        return rc;
    }
    int added_now = 0;
    for (size_t k = 0; k < nh && rc == ENT_OK; k++) {
        int present = 0;
        for (int r = 0; r < u->nrows && !present; r++)
            present = u->rmask[r] == h[k].mask;
        if (!present) {
            rc = push_row(u, h[k].mask, ROW_FREE, 0.0);
            added_now++;
        }
    }
    free(h);
    *added = added_now;
    return rc;
}

/* insert (e, s) into a top-K list ordered by excess desc, then mask asc */
static void topk_insert(uint32_t *m, double *e, int *cnt, int K, uint32_t s, double ex)
{
    int c = *cnt;
    if (c == K && !(ex > e[K - 1]))
        return;
    int pos = c < K ? c : K - 1;
    while (pos > 0 && ex > e[pos - 1]) {
        m[pos] = m[pos - 1];
        e[pos] = e[pos - 1];
        pos--;
    }
    m[pos] = s;
    e[pos] = ex;
    if (c < K)
        *cnt = c + 1;
}

/* scan all coalitions for excess > eps + tol outside the settled span; add the K most
 * violated as free rows. OUT: *added */
static int generate(nuc *u, int *added)
{
    if (!u->g)
        return generate_oracle(u, added);
    const double *v = u->g->v;
    double thr = u->eps + u->tol;
    int64_t total = (int64_t)1 << u->n;
#ifdef _OPENMP
#pragma omp parallel for schedule(dynamic, 1) num_threads(u->nthreads) if (u->nblocks > 1)
#endif
    for (int64_t b = 0; b < u->nblocks; b++) {
        int64_t lo = b * u->bsize, hi = lo + u->bsize;
        if (hi > total - 1)
            hi = total - 1;
        if (lo < 1)
            lo = 1;
        uint32_t *cm = u->cand_m + b * u->K;
        double *ce = u->cand_e + b * u->K;
        int cnt = 0;
        for (int64_t s = lo; s < hi; s++) {
            double ex = v[s] - ent_split_sum(&u->xt, (uint32_t)s);
            if (ex > thr && (cnt < u->K || ex > ce[u->K - 1]) && !in_span_fast(u, (uint32_t)s))
                topk_insert(cm, ce, &cnt, u->K, (uint32_t)s, ex);
        }
        u->cand_n[b] = cnt;
    }
    /* merge in block order (deterministic) */
    uint32_t best_m[2 * ENT_TU_MAX_N + 16];
    double best_e[2 * ENT_TU_MAX_N + 16];
    int nb = 0;
    for (int64_t b = 0; b < u->nblocks; b++)
        for (int k = 0; k < u->cand_n[b]; k++)
            topk_insert(best_m, best_e, &nb, u->K, u->cand_m[b * u->K + k],
                        u->cand_e[b * u->K + k]);
    /* a row already in the LP can look violated only by the LP's own feasibility
     * tolerance: never add it twice (this also ends the round) */
    int added_now = 0;
    for (int k = 0; k < nb; k++) {
        int present = 0;
        for (int r = 0; r < u->nrows && !present; r++)
            present = u->rmask[r] == best_m[k];
        if (present)
            continue;
        int rc = push_row(u, best_m[k], ROW_FREE, 0.0);
        if (rc != ENT_OK)
            return rc;
        added_now++;
    }
    *added = added_now;
    return ENT_OK;
}

static int solve_lp(nuc *u, ent_error *err)
{
    int rc = ent_lp_solve(u->lp, u->exact);
    u->lps++;
    /* the imputations were checked non-empty before: an infeasible stage is numerical
     * (glp_exact reads every double as a fraction within about 1e-12 of it, so the
     * exact re-solve can lose a stage's level), never an empty imputation set */
    if (rc == ENT_EINFEASIBLE)
        rc = ENT_ENUMERIC;
    if (rc != ENT_OK)
        return ent_error_set(err, rc, "nucleolus: stage %d LP (%d rows): %s", u->stages + 1,
                             u->nrows, ent_strerror(rc));
    u->eps = ent_lp_col(u->lp, u->n);
    for (int i = 0; i < u->n; i++)
        u->x[i] = ent_lp_col(u->lp, i);
    if (u->g)
        ent_split_set(&u->xt, u->n, u->x);
    return ENT_OK;
}

/* settle the rows with positive duals; drop free rows that fall in the span */
static int settle(nuc *u, ent_error *err)
{
    int nr0 = u->nrows;
    unsigned char *del = (unsigned char *)calloc((size_t)nr0 + 1, 1);
    uint64_t *fix = (uint64_t *)malloc(sizeof(uint64_t) * ((size_t)nr0 + 1));
    if (!del || !fix) {
        free(del);
        free(fix);
        return ent_error_set(err, ENT_ENOMEM, "out of memory");
    }
    int nfix = 0, raised = 0;
    for (int r = 0; r < nr0; r++) {
        if (u->rkind[r] != ROW_FREE)
            continue;
        if (ent_lp_row_dual(u->lp, r) > 1e-9) {
            del[r] = 1;
            if (coop_basis_add_mask(&u->basis, u->rmask[r])) {
                fix[nfix++] = u->rmask[r];
                raised = 1;
            }
        }
    }
    if (!raised) {
        free(del);
        free(fix);
        return ent_error_set(err, ENT_ENUMERIC,
                             "nucleolus: stage %d settled no new coalition (numerical trouble)",
                             u->stages);
    }
    for (int r = 0; r < nr0; r++)
        if (u->rkind[r] == ROW_FREE && !del[r] && coop_basis_spans_mask(&u->basis, u->rmask[r]))
            del[r] = 1;
    int rc = delete_rows(u, del);
    for (int k = 0; rc == ENT_OK && k < nfix; k++)
        rc = push_row(u, fix[k], ROW_FIXED, u->eps);
    free(del);
    free(fix);
    if (rc == ENT_OK)
        rc = rebuild_null(u);
    if (rc != ENT_OK)
        return ent_error_set(err, rc, "nucleolus: %s", ent_strerror(rc));
    return ENT_OK;
}

static void nuc_free(nuc *u)
{
    ent_lp_free(&u->lp);
    free(u->rmask);
    free(u->rkind);
    coop_basis_free(&u->basis);
    if (u->zt && u->g)
        for (int j = 0; j < u->nz; j++)
            ent_split_free(&u->zt[j]);
    free(u->zt);
    free(u->z);
    ent_split_free(&u->xt);
    free(u->x);
    free(u->cand_m);
    free(u->cand_e);
    free(u->cand_n);
}

/* scale of the values: max |v| over the table, or the oracle's bounds on all coalitions
 * with v(N) and the singletons when those are not finite */
static int value_scale(const ent_tu *g, const ent_tu_oracle *orc, uint64_t full, double *vmax,
                       ent_error *err)
{
    if (g) {
        *vmax = coop_vmax(g);
        return ENT_OK;
    }
    double lo, hi;
    int rc = orc->bounds(orc->ctx, 0, full, &lo, &hi);
    if (rc != ENT_OK)
        return ent_error_set(err, rc, "bounds of the coalition values: %s", ent_strerror(rc));
    if (isfinite(lo) && isfinite(hi)) {
        *vmax = fmax(fabs(lo), fabs(hi));
        return ENT_OK;
    }
    double m = 0.0, v;
    for (int i = 0; i <= orc->n; i++) {
        uint64_t s = i < orc->n ? (uint64_t)1 << i : full;
        if ((rc = orc->value(orc->ctx, s, &v)) != ENT_OK)
            return ent_error_set(err, rc, "the value of a coalition: %s", ent_strerror(rc));
        m = fmax(m, fabs(v));
    }
    *vmax = m;
    return ENT_OK;
}

/* Run the sequence on the table g or the oracle orc; stages_max = 1 gives the least core.
 * OUT: x, *eps1 (first level), *eps_last (level of the last stage), info. */
static int run(const ent_tu *g, const ent_tu_oracle *orc, int pre, const ent_tu_opts *o,
               int stages_max, double *x, double *eps1, double *eps_last, ent_tu_info *info,
               ent_error *err)
{
    ent_tu_opts def;
    if (!o) {
        ent_tu_opts_init(&def);
        o = &def;
    }
    int n = g ? g->n : orc->n;
    uint64_t full = n == 64 ? ~(uint64_t)0 : ((uint64_t)1 << n) - 1;
    nuc u;
    memset(&u, 0, sizeof u);
    u.g = g;
    u.orc = orc;
    u.err = err;
    u.n = n;
    double vmax, vN, vi[ENT_TU_ORACLE_MAX_N];
    int rc = value_scale(g, orc, full, &vmax, err);
    if (rc != ENT_OK)
        return rc;
    if ((rc = value_of(&u, full, &vN)) != ENT_OK)
        return rc;
    double sv = 0.0;
    for (int i = 0; i < n; i++) {
        if ((rc = value_of(&u, (uint64_t)1 << i, &vi[i])) != ENT_OK)
            return rc;
        sv += vi[i];
    }
    if (!pre && sv > vN + 1e-9 * (1 + vmax))
        return ent_error_set(err, ENT_EINFEASIBLE,
                             "no imputation: v(N) = %g is below the sum of singleton values %g",
                             vN, sv);
    if (n == 1) {
        x[0] = vN;
        if (eps1)
            *eps1 = 0.0;
        if (eps_last)
            *eps_last = 0.0;
        if (info) {
            memset(info, 0, sizeof *info);
            info->certified = 1;
        }
        return ENT_OK;
    }
    u.pre = pre;
    u.exact = o->exact;
    u.full = full;
    u.max_nodes = o->max_nodes ? o->max_nodes : (uint64_t)1 << 26;
    u.tol = o->tol > 0 ? o->tol : 1e-9 * (1.0 + vmax);
#ifdef _OPENMP
    u.nthreads = o->threads > 0 ? o->threads : omp_get_max_threads();
#else
    u.nthreads = 1;
#endif
    u.K = g ? 2 * n + 8 : 4 * n + 16;
    rc = ENT_ENOMEM;
    u.lp = ent_lp_new(ENT_LP_MIN);
    u.z = (double *)calloc((size_t)n * (size_t)n, sizeof(double));
    u.zt = (ent_split *)calloc((size_t)n, sizeof(ent_split));
    u.x = (double *)calloc((size_t)n, sizeof(double));
    if (g) {
        u.bsize = (int64_t)1 << (n > 16 ? 16 : n);
        u.nblocks = (((int64_t)1 << n) + u.bsize - 1) / u.bsize;
        u.cand_m = (uint32_t *)malloc(sizeof(uint32_t) * (size_t)(u.nblocks * u.K));
        u.cand_e = (double *)malloc(sizeof(double) * (size_t)(u.nblocks * u.K));
        u.cand_n = (int *)calloc((size_t)u.nblocks, sizeof(int));
        if (!u.cand_m || !u.cand_e || !u.cand_n || ent_split_init(&u.xt, n) != ENT_OK)
            goto oom;
    }
    if (!u.lp || !u.z || !u.zt || !u.x || coop_basis_init(&u.basis, n) != ENT_OK)
        goto oom;
    if (ent_lp_add_cols(u.lp, n + 1) < 0)
        goto oom;
    for (int i = 0; i < n; i++)
        ent_lp_set_col_bounds(u.lp, i, pre ? ENT_LP_FREE : ENT_LP_LO, pre ? 0.0 : vi[i], 0.0);
    ent_lp_set_col_bounds(u.lp, n, ENT_LP_FREE, 0.0, 0.0);
    ent_lp_set_obj(u.lp, n, 1.0);
    if ((rc = push_row(&u, full, ROW_EFF, 0.0)) != ENT_OK)
        goto fail;
    coop_basis_add_mask(&u.basis, full);
    if ((rc = rebuild_null(&u)) != ENT_OK)
        goto fail;
    for (int i = 0; i < n; i++)
        if ((rc = push_row(&u, (uint64_t)1 << i, ROW_FREE, 0.0)) != ENT_OK)
            goto fail;
    if (n >= 3)
        for (int i = 0; i < n; i++)
            if ((rc = push_row(&u, full & ~((uint64_t)1 << i), ROW_FREE, 0.0)) != ENT_OK)
                goto fail;
    while (u.basis.rank < n && u.stages < stages_max) {
        for (;;) {
            if ((rc = solve_lp(&u, err)) != ENT_OK)
                goto out;
            int added = 0;
            if ((rc = generate(&u, &added)) != ENT_OK)
                goto fail;
            if (!added)
                break;
        }
        u.stages++;
        if (u.stages == 1 && eps1)
            *eps1 = u.eps;
        if (info && u.stages == 1)
            info->eps1 = u.eps;
        if (u.stages < stages_max && (rc = settle(&u, err)) != ENT_OK)
            goto out;
    }
    memcpy(x, u.x, sizeof(double) * (size_t)n);
    if (eps_last)
        *eps_last = u.eps;
    if (info) {
        info->stages = u.stages;
        info->lps = u.lps;
        info->rows = u.maxrows;
        info->certified = 0;
        info->nodes = u.nodes;
    }
    rc = ENT_OK;
    goto out;
oom:
    rc = ENT_ENOMEM;
fail:
    if (!u.err_set)
        ent_error_set(err, rc, "nucleolus: %s", ent_strerror(rc));
out:
    nuc_free(&u);
    return rc;
}

/* the options for the zero-normalised game: an absolute tolerance divided by its scale */
static const ent_tu_opts *norm_opts(const ent_tu_opts *o, const coop_norm *z, ent_tu_opts *buf)
{
    if (!o)
        ent_tu_opts_init(buf);
    else
        *buf = *o;
    if (buf->tol > 0)
        buf->tol /= z->scale;
    return buf;
}

int ent_tu_least_core(const ent_tu *g, const ent_tu_opts *o, double *x, double *eps,
                      ent_error *err)
{
    double e = 0.0;
    coop_norm z;
    int rc;
    if (coop_norm_new(g, &z) == ENT_OK) {
        ent_tu_opts on;
        double x0[ENT_TU_MAX_N];
        rc = run(z.g, NULL, 1, norm_opts(o, &z, &on), 1, x0, &e, NULL, NULL, err);
        if (rc == ENT_OK) {
            coop_norm_back(&z, g->n, x0, x);
            e *= z.scale;
        }
        coop_norm_free(&z);
    } else
        rc = run(g, NULL, 1, o, 1, x, &e, NULL, NULL, err);
    if (rc == ENT_OK && eps)
        *eps = e;
    return rc;
}

/* Kohlberg's verdict k (1 holds, 0 fails, 2 undecided) as the nucleolus' status */
static int kohlberg_verdict(int k, int prenucleolus, ent_tu_info *info, ent_error *err)
{
    if (k == 0)
        return ent_error_set(err, ENT_EVERIFY,
                             "%s fails Kohlberg's balancedness criterion (numerical trouble)",
                             prenucleolus ? "prenucleolus" : "nucleolus");
    info->certified = k == 1;
    return ENT_OK;
}

int ent_tu_nucleolus(const ent_tu *g, int prenucleolus, const ent_tu_opts *o, double *x,
                     ent_tu_info *info, ent_error *err)
{
    ent_tu_info local;
    if (!info)
        info = &local;
    memset(info, 0, sizeof *info);
    /* solved and certified on the zero-normalised game (scale 1), mapped back */
    coop_norm z;
    int rc = coop_norm_new(g, &z);
    if (rc != ENT_OK) { /* no room for the copy: the game as given */
        if ((rc = run(g, NULL, prenucleolus, o, g->n + 1, x, NULL, NULL, info, err)) != ENT_OK)
            return rc;
        int k = ent_tu_kohlberg(g, x, prenucleolus, 1e-7 * (1.0 + coop_vmax(g)), 20000, err);
        return k < 0 ? k : kohlberg_verdict(k, prenucleolus, info, err);
    }
    ent_tu_opts on;
    double x0[ENT_TU_MAX_N];
    rc = run(z.g, NULL, prenucleolus, norm_opts(o, &z, &on), g->n + 1, x0, NULL, NULL, info,
             err);
    int k = rc;
    if (rc == ENT_OK)
        k = ent_tu_kohlberg(z.g, x0, prenucleolus, 1e-7, 20000, err);
    if (rc == ENT_OK && k >= 0) {
        coop_norm_back(&z, g->n, x0, x);
        info->eps1 *= z.scale;
    }
    coop_norm_free(&z);
    if (k < 0)
        return k;
    return kohlberg_verdict(k, prenucleolus, info, err);
}

/* ------------------------------------------------------------ oracle games */

static int oracle_ok(const ent_tu_oracle *g, ent_error *err)
{
    if (!g || g->n < 1 || g->n > ENT_TU_ORACLE_MAX_N || !g->value || !g->bounds)
        return ent_error_set(err, ENT_EINVAL, "coalitional game: 1 to %d members and an oracle",
                             ENT_TU_ORACLE_MAX_N);
    return ENT_OK;
}

/* An oracle game divided by a power of two near its largest value (exact), so that the
 * tolerances of the LPs and searches are relative to the size of the values. */
typedef struct {
    const ent_tu_oracle *o;
    double scale, inv;
} scaled_oracle;

static int scaled_value(void *ctx, uint64_t s, double *out)
{
    const scaled_oracle *q = (const scaled_oracle *)ctx;
    int rc = q->o->value(q->o->ctx, s, out);
    *out *= q->inv;
    return rc;
}

static int scaled_bounds(void *ctx, uint64_t in, uint64_t free, double *lo, double *hi)
{
    const scaled_oracle *q = (const scaled_oracle *)ctx;
    int rc = q->o->bounds(q->o->ctx, in, free, lo, hi);
    *lo *= q->inv;
    *hi *= q->inv;
    return rc;
}

static int scale_oracle(const ent_tu_oracle *g, const ent_tu_opts *o, scaled_oracle *q,
                        ent_tu_oracle *out, ent_tu_opts *ob, ent_error *err)
{
    int rc = oracle_ok(g, err);
    if (rc != ENT_OK)
        return rc;
    uint64_t full = g->n == 64 ? ~(uint64_t)0 : ((uint64_t)1 << g->n) - 1;
    double vmax;
    if ((rc = value_scale(NULL, g, full, &vmax, err)) != ENT_OK)
        return rc;
    q->o = g;
    q->scale = vmax > 0 && isfinite(vmax) ? ldexp(1.0, ilogb(vmax) + 1) : 1.0;
    q->inv = 1.0 / q->scale;
    *out = (ent_tu_oracle){.n = g->n, .ctx = q, .value = scaled_value, .bounds = scaled_bounds};
    if (o)
        *ob = *o;
    else
        ent_tu_opts_init(ob);
    if (ob->tol > 0)
        ob->tol *= q->inv;
    return ENT_OK;
}

static int oracle_least_core(const ent_tu_oracle *g, const ent_tu_opts *o, double *x,
                             double *eps, ent_error *err)
{
    int rc = oracle_ok(g, err);
    double e = 0.0;
    if (rc == ENT_OK)
        rc = run(NULL, g, 1, o, 1, x, &e, NULL, NULL, err);
    if (rc == ENT_OK && eps)
        *eps = e;
    return rc;
}

static int oracle_max_excess(const ent_tu_oracle *g, const double *x, const ent_tu_opts *o,
                             uint64_t *arg, double *max_excess, ent_error *err)
{
    int rc = oracle_ok(g, err);
    if (rc != ENT_OK)
        return rc;
    ent_tu_opts def;
    if (!o) {
        ent_tu_opts_init(&def);
        o = &def;
    }
    coop_search_req q = {.o = g, .x = x, .thr = -INFINITY, .K = 1,
                         .node_limit = o->max_nodes ? o->max_nodes : (uint64_t)1 << 26,
                         .threads = o->threads};
    coop_hit *h = NULL;
    size_t nh = 0;
    rc = coop_search(&q, &h, &nh, NULL, err);
    if (rc == ENT_OK) {
        *arg = nh ? h[0].mask : 0;
        *max_excess = nh ? h[0].excess : -INFINITY;
    }
    free(h);
    return rc;
}

static int oracle_nucleolus(const ent_tu_oracle *g, int prenucleolus, const ent_tu_opts *o,
                            double *x, ent_tu_info *info, ent_error *err)
{
    ent_tu_info local;
    if (!info)
        info = &local;
    memset(info, 0, sizeof *info);
    int rc = oracle_ok(g, err);
    if (rc == ENT_OK)
        rc = run(NULL, g, prenucleolus, o, g->n + 1, x, NULL, NULL, info, err);
    if (rc != ENT_OK || g->n == 1)
        return rc;
    /* Kohlberg's criterion on every coalition down to the last stage's level, found by a
     * search of its own (all coalitions above a threshold, not the LP's rows) */
    int n = g->n;
    uint64_t full = n == 64 ? ~(uint64_t)0 : ((uint64_t)1 << n) - 1;
    double vmax, vN, sum = 0.0;
    if ((rc = value_scale(NULL, g, full, &vmax, err)) != ENT_OK)
        return rc;
    double ktol = 1e-7 * (1.0 + vmax);
    if ((rc = g->value(g->ctx, full, &vN)) != ENT_OK)
        return ent_error_set(err, rc, "the value of the grand coalition: %s", ent_strerror(rc));
    for (int i = 0; i < n; i++)
        sum += x[i];
    int holds = fabs(sum - vN) <= ktol;
    uint64_t b0[ENT_TU_ORACLE_MAX_N];
    int nb = 0;
    for (int i = 0; i < n && holds && !prenucleolus; i++) {
        double vi;
        if ((rc = g->value(g->ctx, (uint64_t)1 << i, &vi)) != ENT_OK)
            return ent_error_set(err, rc, "the value of a singleton: %s", ent_strerror(rc));
        if (x[i] < vi - ktol)
            holds = 0;
        else if (x[i] <= vi + ktol)
            b0[nb++] = (uint64_t)1 << i;
    }
    int k = 0;
    if (holds) {
        ent_tu_opts def;
        if (!o) {
            ent_tu_opts_init(&def);
            o = &def;
        }
        /* levels found by searches of their own, not the LPs' rows */
        k = coop_kohlberg_oracle(g, x, b0, nb, ktol,
                                 o->max_nodes ? o->max_nodes : (uint64_t)1 << 26, o->threads, err);
        if (k < 0)
            return k;
    }
    return kohlberg_verdict(k, prenucleolus, info, err);
}

int ent_tu_oracle_least_core(const ent_tu_oracle *g, const ent_tu_opts *o, double *x,
                             double *eps, ent_error *err)
{
    scaled_oracle q;
    ent_tu_oracle h;
    ent_tu_opts ob;
    double e = 0.0;
    int rc = scale_oracle(g, o, &q, &h, &ob, err);
    if (rc == ENT_OK)
        rc = oracle_least_core(&h, &ob, x, &e, err);
    if (rc != ENT_OK)
        return rc;
    for (int i = 0; i < g->n; i++)
        x[i] *= q.scale;
    if (eps)
        *eps = e * q.scale;
    return ENT_OK;
}

int ent_tu_oracle_max_excess(const ent_tu_oracle *g, const double *x, const ent_tu_opts *o,
                             uint64_t *arg, double *max_excess, ent_error *err)
{
    scaled_oracle q;
    ent_tu_oracle h;
    ent_tu_opts ob;
    double x0[ENT_TU_ORACLE_MAX_N];
    int rc = scale_oracle(g, o, &q, &h, &ob, err);
    if (rc != ENT_OK)
        return rc;
    for (int i = 0; i < g->n; i++)
        x0[i] = x[i] * q.inv;
    if ((rc = oracle_max_excess(&h, x0, &ob, arg, max_excess, err)) == ENT_OK)
        *max_excess *= q.scale;
    return rc;
}

int ent_tu_oracle_nucleolus(const ent_tu_oracle *g, int prenucleolus, const ent_tu_opts *o,
                            double *x, ent_tu_info *info, ent_error *err)
{
    scaled_oracle q;
    ent_tu_oracle h;
    ent_tu_opts ob;
    int rc = scale_oracle(g, o, &q, &h, &ob, err);
    if (rc == ENT_OK)
        rc = oracle_nucleolus(&h, prenucleolus, &ob, x, info, err);
    if (rc != ENT_OK)
        return rc;
    for (int i = 0; i < g->n; i++)
        x[i] *= q.scale;
    if (info)
        info->eps1 *= q.scale;
    return ENT_OK;
}
