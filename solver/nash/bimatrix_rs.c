/* bimatrix_rs.c — extreme equilibria of a bimatrix game by reverse search
 * (Avis and Fukuda, "A pivoting algorithm for convex hulls and vertex enumeration of
 * arrangements and polyhedra", Discrete Comput. Geom. 8, 1992) over the vertices of one
 * best-response polytope S, the parent of a vertex being its Bland's-rule simplex pivot
 * towards the origin (minimise the sum of coordinates). No memory per vertex: the tree is
 * implicit, so subtrees are independent jobs (budgeted splitting as in mplrs, Avis and
 * Jordan, Math. Program. Comput. 10, 2018) run as OpenMP tasks. Each vertex of S gives
 * its only possible partner in the other polytope O by one small square solve (the
 * complementary labels). Degenerate polytopes: lexicographic ratio test, and at a
 * degenerate vertex the partners are the vertices of a face of O. A decision too close
 * to call (a value within RS_EPS of zero that is not clearly zero, a singular system)
 * stops the search: the caller then uses the full-basis DFS. */
#include "bimatrix.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>
#ifdef _OPENMP
#include <omp.h>
#endif

#define RS_ZERO ENT_TOL_ROUNDING /* computed values this close to zero are zero */
#define RS_EPS ENT_TOL_TIE       /* values in (RS_ZERO, RS_EPS] are too close to call */
#define RS_PIV ENT_TOL_TIE       /* smallest pivot element taken in a ratio test */
#define RS_MAXCOMB 4096  /* partner systems tried at one degenerate vertex */
#define RS_REFACTOR 256  /* pivots between rebuilds of the dictionary */
#define RS_BUDGET 2048   /* vertices a job explores before handing out its subtrees (also
                          * after 64 if fewer jobs wait than there are threads) */
#define RS_BUDGET0 64    /* the same for the root job, so that all threads start soon */

int bm_basis_tableau(const double *M, int k, int d, const uint64_t *basis, double *G,
                     int *rowof, int *varof, unsigned char *used)
{
    int nv = d + k, cols = nv + 1;
    for (int r = 0; r < k; r++) {
        double *g = G + (size_t)r * cols;
        memcpy(g, M + (size_t)r * d, sizeof(double) * (size_t)d);
        memset(g + d, 0, sizeof(double) * (size_t)k);
        g[d + r] = 1.0;
        g[nv] = 1.0;
        used[r] = 0;
    }
    for (int v = 0; v < nv; v++)
        rowof[v] = -1;
    for (int pass = 0; pass < 2; pass++)
        for (int c = pass ? 0 : d; c < (pass ? d : nv); c++) {
            if (!bm_lbl_has(basis, c))
                continue;
            int pr = -1;
            double best = 0;
            for (int r = 0; r < k; r++)
                if (!used[r] && fabs(G[(size_t)r * cols + c]) > best) {
                    best = fabs(G[(size_t)r * cols + c]);
                    pr = r;
                }
            if (pr < 0 || best < 1e-11)
                return -1;
            used[pr] = 1;
            rowof[c] = pr;
            varof[pr] = c;
            bm_tableau_pivot(G, k, cols, pr, c);
        }
    return 0;
}

/* Shared, read-only problem data and the flags all jobs watch. */
typedef struct {
    const double *M;  /* S: k x d, entries in [1, 2] */
    const double *MO; /* O: d x k (O's rows are S's coordinates) */
    int d, k, nv, W, zoff, roff, s_is_p;
    double deadline;
    uint64_t max_nodes;
    uint64_t nodes; /* visited so far (atomic) */
    int stop;       /* RS_* reason (atomic) */
    int threads;    /* team size */
    int pending;    /* jobs handed out and not started yet (atomic) */
} rs_ctx;

/* why the search stopped: running, refused (too close to call: the caller falls back),
 * deadline or node cap, no memory */
enum { RS_RUN = 0, RS_REFUSE, RS_LIMIT, RS_NOMEM };

typedef struct {
    uint64_t b[2];
} rs_job;

typedef struct {
    int c, r, next; /* pivot (row r, cobasic position c) that led here; next column */
} rs_frame;

/* Per-thread workspace: the dictionary D ((k + 1) x (d + 1), column-major: row i < k is
 * basic variable bas[i] = D[i][d] - sum_c D[i][c] x_cob[c]; row k holds the reduced
 * costs of the objective, a positive entry meaning an improving column), the
 * current basis, the DFS stack, solver scratch and the equilibria found. */
typedef struct {
    _Alignas(64) double *D; /* each workspace on its own cache lines */
    double *G, *Mw, *y;
    int *bas, *cob, *rowof, *varof, *tcol, *srow;
    int *where;              /* variable -> its row if basic, else -(position + 1) */
    int *lv, *idx, *kset;    /* tight variables of a vertex, a combination, tied rows */
    unsigned char *used, *rowin, *zero;
    uint64_t cur[2];
    rs_frame *fr;
    int capf, since;
    rs_job *jobs;
    int njobs, capjobs;
    uint64_t *pairs; /* npairs * 2W label words (x labels, y labels) */
    int npairs, cappairs;
} rs_ws;

static int ws_init(rs_ws *w, const rs_ctx *C)
{
    int d = C->d, k = C->k, nv = C->nv, s = d < k ? d : k;
    memset(w, 0, sizeof *w);
    w->D = (double *)malloc(sizeof(double) * (size_t)(k + 1) * (size_t)(d + 1));
    w->G = (double *)malloc(sizeof(double) * (size_t)k * (size_t)(nv + 1));
    w->Mw = (double *)malloc(sizeof(double) * (size_t)s * (size_t)(s + 1));
    w->y = (double *)malloc(sizeof(double) * (size_t)k);
    w->bas = (int *)malloc(sizeof(int) * (size_t)k);
    w->cob = (int *)malloc(sizeof(int) * (size_t)d);
    w->rowof = (int *)malloc(sizeof(int) * (size_t)nv);
    w->varof = (int *)malloc(sizeof(int) * (size_t)k);
    w->tcol = (int *)malloc(sizeof(int) * (size_t)k);
    w->srow = (int *)malloc(sizeof(int) * (size_t)d);
    w->used = (unsigned char *)malloc((size_t)k);
    w->where = (int *)malloc(sizeof(int) * (size_t)nv);
    w->lv = (int *)malloc(sizeof(int) * (size_t)nv);
    w->idx = (int *)malloc(sizeof(int) * (size_t)nv);
    w->kset = (int *)malloc(sizeof(int) * (size_t)k);
    w->rowin = (unsigned char *)malloc((size_t)d);
    w->zero = (unsigned char *)malloc((size_t)k);
    w->capf = 256;
    w->fr = (rs_frame *)malloc(sizeof(rs_frame) * (size_t)w->capf);
    if (!w->D || !w->G || !w->Mw || !w->y || !w->bas || !w->cob || !w->rowof ||
        !w->varof || !w->tcol || !w->srow || !w->used || !w->fr || !w->where || !w->lv ||
        !w->idx || !w->kset || !w->rowin || !w->zero)
        return -1;
    return 0;
}

static void ws_free(rs_ws *w)
{
    free(w->D);
    free(w->G);
    free(w->Mw);
    free(w->y);
    free(w->bas);
    free(w->cob);
    free(w->rowof);
    free(w->varof);
    free(w->tcol);
    free(w->srow);
    free(w->used);
    free(w->where);
    free(w->lv);
    free(w->idx);
    free(w->kset);
    free(w->rowin);
    free(w->zero);
    free(w->fr);
    free(w->jobs);
    free(w->pairs);
}

/* Weight of coordinate a in the objective (minimise the weighted sum): all in [1, 2),
 * irregular so that no edge of a polytope with integer data is parallel to the
 * objective's level sets (which would make reduced costs zero: Bland's rule then
 * depends on the sign of rounding noise). */
static inline double rs_weight(int a)
{
    double t = (double)(a + 1) * 0.6180339887498949;
    return 1.0 + (t - floor(t));
}

/* Rebuild D from the basis in w->cur, keeping the positions in bas and cob. */
static int rs_refactor(const rs_ctx *C, rs_ws *w)
{
    int d = C->d, k = C->k, nv = C->nv, cols = nv + 1, ld = k + 1;
    if (bm_basis_tableau(C->M, k, d, w->cur, w->G, w->rowof, w->varof, w->used))
        return -1;
    double *D = w->D;
    for (int c = 0; c <= d; c++) {
        int v = c < d ? w->cob[c] : nv;
        double *col = D + (size_t)c * ld, rc = v < d ? -rs_weight(v) : 0.0;
        for (int i = 0; i < k; i++) {
            double g = w->G[(size_t)w->rowof[w->bas[i]] * cols + v];
            col[i] = g;
            if (w->bas[i] < d)
                rc += rs_weight(w->bas[i]) * g;
        }
        col[k] = rc;
    }
    w->since = 0;
    return 0;
}

/* Dictionary pivot: the variable at cobasic position c enters, the one basic in row r
 * leaves (and takes position c). Column-major: each update is a contiguous axpy. */
static void rs_pivot(const rs_ctx *C, rs_ws *w, int r, int c)
{
    int d = C->d, k = C->k, ld = k + 1;
    double *D = w->D, *pc = D + (size_t)c * ld;
    double inv = 1.0 / pc[r];
    for (int j = 0; j <= d; j++) {
        if (j == c)
            continue;
        double *cj = D + (size_t)j * ld;
        double g = cj[r] * inv;
        if (g != 0.0)
            for (int i = 0; i <= k; i++)
                cj[i] -= g * pc[i];
        cj[r] = g;
    }
    for (int i = 0; i <= k; i++)
        pc[i] *= -inv;
    pc[r] = inv;
    int e = w->cob[c], l = w->bas[r];
    w->cob[c] = l;
    w->bas[r] = e;
    w->where[l] = -(c + 1);
    w->where[e] = r;
    w->cur[l >> 6] &= ~((uint64_t)1 << (l & 63));
    bm_lbl_set(w->cur, e);
}

/* Is the neighbour through cobasic position c a child in the reverse-search tree?
 * The leaving row is the lexicographic minimum ratio (Dantzig, Orden, Wolfe 1955: the
 * right-hand side perturbed by (eps, eps^2, ...), so that every basis is a vertex of a
 * simple polytope and degenerate vertices are visited once per lexico-feasible basis).
 * 1 (row of the pivot in *row), 0, or -1 if a decision is too close to call. */
static int rs_child(const rs_ctx *C, rs_ws *w, int c, int *row)
{
    int d = C->d, k = C->k, ld = k + 1;
    const double *D = w->D, *a = D + (size_t)c * ld, *b = D + (size_t)d * ld;
    double re = a[k];
    if (re > RS_EPS)
        return 0; /* improving column: the neighbour is closer to the root */
    if (re > -RS_EPS)
        return -1;
    /* minimum ratio b/a over rows with a > 0, compared by cross-multiplication without
     * branches (the first row with a > 0 always wins against a1 = 0) */
    int r = -1;
    double a1 = 0, b1 = 1;
    for (int i = 0; i < k; i++) {
        int better = (a[i] > RS_PIV) & (b[i] * a1 < b1 * a[i]);
        r = better ? i : r;
        a1 = better ? a[i] : a1;
        b1 = better ? b[i] : b1;
    }
    if (r < 0)
        return -1; /* unbounded: cannot happen for a best-response polytope */
    /* rows whose basic variable reaches zero too: ties, broken lexicographically */
    double t = b1 / a1, lo = INFINITY;
    for (int i = 0; i < k; i++) {
        double v = i == r || a[i] <= RS_ZERO ? INFINITY : b[i] - t * a[i];
        lo = v < lo ? v : lo;
    }
    if (lo <= RS_EPS) {
        int nk = 0;
        for (int i = 0; i < k; i++) {
            if (a[i] <= RS_ZERO)
                continue;
            double v = i == r ? 0.0 : b[i] - t * a[i];
            if (v > RS_EPS)
                continue;
            if (v > RS_ZERO || a[i] <= RS_PIV)
                return -1;
            w->kset[nk++] = i;
        }
        for (int j = 0; j < k && nk > 1; j++) {
            /* column j of B^-1: the slack of row j */
            int wv = w->where[d + j];
            const double *bj = wv < 0 ? D + (size_t)(-wv - 1) * ld : NULL;
            double qmin = INFINITY;
            for (int q = 0; q < nk; q++) {
                int i = w->kset[q];
                double qi = (bj ? bj[i] : (double)(i == wv)) / a[i];
                qmin = qi < qmin ? qi : qmin;
            }
            int nn = 0;
            for (int q = 0; q < nk; q++) {
                int i = w->kset[q];
                double gap = (bj ? bj[i] : (double)(i == wv)) / a[i] - qmin;
                if (gap > RS_EPS)
                    continue;
                if (gap > RS_ZERO)
                    return -1;
                w->kset[nn++] = i;
            }
            nk = nn;
        }
        if (nk != 1)
            return -1;
        r = w->kset[0];
        a1 = a[r];
    }
    /* Bland's rule at the neighbour: the entering column is the smallest-index one with
     * a positive reduced cost; the neighbour is a child iff that is the leaving
     * variable l (whose edge leads straight back here). */
    int l = w->bas[r];
    double f = re / a1;
    for (int j = 0; j < d; j++) {
        if (j == c || w->cob[j] > l)
            continue;
        const double *cj = D + (size_t)j * ld;
        double rj = cj[k] - f * cj[r];
        if (rj > RS_EPS)
            return 0;
        if (rj > -RS_EPS)
            return -1;
    }
    *row = r;
    return 1;
}

static int push_pair(const rs_ctx *C, rs_ws *w, const uint64_t *ls, const uint64_t *lo)
{
    int W = C->W;
    if (w->npairs == w->cappairs) {
        int nc = w->cappairs ? 2 * w->cappairs : 64;
        uint64_t *a = (uint64_t *)realloc(w->pairs, sizeof(uint64_t) * (size_t)nc * 2 * W);
        if (!a)
            return -1;
        w->pairs = a;
        w->cappairs = nc;
    }
    uint64_t *p = w->pairs + (size_t)w->npairs * 2 * W;
    memcpy(p, C->s_is_p ? ls : lo, sizeof(uint64_t) * (size_t)W);
    memcpy(p + W, C->s_is_p ? lo : ls, sizeof(uint64_t) * (size_t)W);
    w->npairs++;
    return 0;
}

/* With the rows (of O) marked in w->rowin tight and the coordinates marked in w->zero
 * zero, solve for y; if the system is nonsingular count it in *nonsing, and if y is a
 * nonzero point of O, record (x, y). 0, or -2 on no memory. */
static int rs_partner(const rs_ctx *C, rs_ws *w, const uint64_t *ls, int *nonsing)
{
    int d = C->d, k = C->k, nr = 0, nf = 0;
    for (int a = 0; a < d; a++)
        if (w->rowin[a])
            w->srow[nr++] = a;
    for (int b = 0; b < k; b++)
        if (!w->zero[b])
            w->tcol[nf++] = b;
    if (nr != nf)
        return 0;
    if (nr == 0) {
        (*nonsing)++; /* y = 0 */
        return 0;
    }
    double *Mw = w->Mw, *y = w->y;
    int cs = nr + 1;
    for (int a = 0; a < nr; a++) {
        const double *mo = C->MO + (size_t)w->srow[a] * k;
        for (int b = 0; b < nr; b++)
            Mw[(size_t)a * cs + b] = mo[w->tcol[b]];
        Mw[(size_t)a * cs + nr] = 1.0;
    }
    if (bm_solve_square(Mw, nr, y, 1e-11))
        return 0;
    (*nonsing)++;
    for (int j = 0; j < nr; j++)
        if (y[j] < -RS_EPS)
            return 0;
    /* y's labels: zero coordinates and tight rows */
    uint64_t lo[2] = {0, 0};
    for (int b = 0; b < k; b++)
        bm_lbl_set(lo, C->roff + b);
    for (int j = 0; j < nr; j++)
        if (y[j] > RS_EPS)
            lo[(C->roff + w->tcol[j]) >> 6] &= ~((uint64_t)1 << ((C->roff + w->tcol[j]) & 63));
    for (int a = 0; a < d; a++) {
        if (w->rowin[a]) {
            bm_lbl_set(lo, C->zoff + a);
            continue;
        }
        const double *mo = C->MO + (size_t)a * k;
        double v = 0;
        for (int j = 0; j < nr; j++)
            v += mo[w->tcol[j]] * y[j];
        if (v > 1.0 + RS_EPS)
            return 0;
        if (v >= 1.0 - RS_EPS)
            bm_lbl_set(lo, C->zoff + a);
    }
    return push_pair(C, w, ls, lo) ? -2 : 0;
}

/* 1 if choose(n, r) <= RS_MAXCOMB */
static int few_combinations(int n, int r)
{
    double c = 1;
    for (int i = 0; i < r; i++) {
        c = c * (n - i) / (i + 1);
        if (c > RS_MAXCOMB)
            return 0;
    }
    return 1;
}

/* The vertex x of S at the current basis (skipped if it is the origin) and its partners:
 * the vertices y != 0 of O whose labels contain the complement of x's labels L(x) (the
 * cobasic variables and the basic ones at zero). Nondegenerate x: one square system.
 * If z basic variables are zero, the complement fixes only k - z constraints of O: every
 * choice of z more from L(x) is solved (the face's vertices; all of them are found once
 * one choice is nonsingular, which proves the fixed constraints independent).
 * 0, -1 (every system singular, a value too close to zero, or too many choices), -2. */
static int rs_visit(const rs_ctx *C, rs_ws *w)
{
    int d = C->d, k = C->k, ld = k + 1, nl = 0, z = 0, s = 0;
    const double *bv = w->D + (size_t)d * ld;
    for (int c = 0; c < d; c++)
        w->lv[nl++] = w->cob[c];
    for (int i = 0; i < k; i++) {
        if (bv[i] <= RS_ZERO) {
            w->lv[nl++] = w->bas[i];
            z++;
        } else if (bv[i] <= RS_EPS)
            return -1;
        else if (w->bas[i] < d)
            s++;
    }
    if (s == 0)
        return 0; /* the origin */
    if (z > 0 && !few_combinations(nl, z))
        return -1;
    uint64_t ls[2] = {0, 0};
    for (int q = 0; q < nl; q++) {
        int v = w->lv[q];
        bm_lbl_set(ls, v < d ? C->zoff + v : C->roff + v - d);
    }
    /* fixed by x's positive variables: its support rows tight, unused columns zero */
    memset(w->rowin, 0, (size_t)d);
    memset(w->zero, 0, (size_t)k);
    for (int i = 0; i < k; i++)
        if (bv[i] > RS_ZERO) {
            int v = w->bas[i];
            if (v < d)
                w->rowin[v] = 1;
            else
                w->zero[v - d] = 1;
        }
    for (int q = 0; q < z; q++)
        w->idx[q] = q;
    int nonsing = 0;
    for (;;) {
        for (int q = 0; q < z; q++) {
            int v = w->lv[w->idx[q]];
            if (v < d)
                w->rowin[v] = 1;
            else
                w->zero[v - d] = 1;
        }
        int rc = rs_partner(C, w, ls, &nonsing);
        for (int q = 0; q < z; q++) {
            int v = w->lv[w->idx[q]];
            if (v < d)
                w->rowin[v] = 0;
            else
                w->zero[v - d] = 0;
        }
        if (rc)
            return rc;
        int q = z - 1;
        while (q >= 0 && w->idx[q] == nl - z + q)
            q--;
        if (q < 0)
            break;
        w->idx[q]++;
        for (int p = q + 1; p < z; p++)
            w->idx[p] = w->idx[p - 1] + 1;
    }
    return nonsing ? 0 : -1;
}

/* Set the workspace to the basis b (bas and cob in increasing order) and build D. */
static int rs_load(const rs_ctx *C, rs_ws *w, const uint64_t *b)
{
    int d = C->d, k = C->k;
    w->cur[0] = b[0];
    w->cur[1] = b[1];
    for (int i = 0, c = 0, bi = 0; i < C->nv; i++) {
        if (bm_lbl_has(w->cur, i)) {
            if (bi < k)
                w->bas[bi] = i;
            w->where[i] = bi++;
        } else {
            if (c < d)
                w->cob[c] = i;
            w->where[i] = -(++c);
        }
    }
    return rs_refactor(C, w);
}

static void set_stop(rs_ctx *C, int why)
{
    int old;
#pragma omp atomic read
    old = C->stop;
    if (old == RS_RUN || why == RS_REFUSE || why == RS_NOMEM) {
#pragma omp atomic write
        C->stop = why;
    }
}

static int add_job(rs_ws *w, const uint64_t *b)
{
    if (w->njobs == w->capjobs) {
        int nc = w->capjobs ? 2 * w->capjobs : 64;
        rs_job *a = (rs_job *)realloc(w->jobs, sizeof(rs_job) * (size_t)nc);
        if (!a)
            return -1;
        w->jobs = a;
        w->capjobs = nc;
    }
    w->jobs[w->njobs].b[0] = b[0];
    w->jobs[w->njobs].b[1] = b[1];
    w->njobs++;
    return 0;
}

/* Explore the subtree rooted at the basis of job j: visit up to `budget` vertices, then
 * record the roots of the unexplored subtrees in w->jobs. */
static uint64_t rs_run(rs_ctx *C, rs_ws *w, const rs_job *j, uint64_t budget)
{
    int d = C->d;
    uint64_t local = 0;
    w->njobs = 0;
    if (rs_load(C, w, j->b)) {
        set_stop(C, RS_REFUSE);
        return 0;
    }
    int rc = rs_visit(C, w);
    if (rc) {
        set_stop(C, rc == -1 ? RS_REFUSE : RS_NOMEM);
        return 0;
    }
    local = 1;
    int nfr = 1;
    w->fr[0].c = w->fr[0].r = -1;
    w->fr[0].next = 0;
    while (nfr > 0) {
        rs_frame *f = &w->fr[nfr - 1];
        if (f->next < d) {
            int c = f->next++, r = -1;
            int ch = rs_child(C, w, c, &r);
            if (ch < 0) {
                set_stop(C, RS_REFUSE);
                return local;
            }
            if (!ch)
                continue;
            if (local >= budget) {
                uint64_t nb[2] = {w->cur[0], w->cur[1]};
                int e = w->cob[c], l = w->bas[r];
                nb[l >> 6] &= ~((uint64_t)1 << (l & 63));
                bm_lbl_set(nb, e);
                if (add_job(w, nb)) {
                    set_stop(C, RS_NOMEM);
                    return local;
                }
                continue;
            }
            rs_pivot(C, w, r, c);
            if (++w->since >= RS_REFACTOR && rs_refactor(C, w)) {
                set_stop(C, RS_REFUSE);
                return local;
            }
            if (nfr == w->capf) {
                rs_frame *a = (rs_frame *)realloc(w->fr, sizeof(rs_frame) * (size_t)w->capf * 2);
                if (!a) {
                    set_stop(C, RS_NOMEM);
                    return local;
                }
                w->fr = a;
                w->capf *= 2;
            }
            w->fr[nfr].c = c;
            w->fr[nfr].r = r;
            w->fr[nfr].next = 0;
            nfr++;
            rc = rs_visit(C, w);
            if (rc) {
                set_stop(C, rc == -1 ? RS_REFUSE : RS_NOMEM);
                return local;
            }
            if ((++local & 63) == 0) {
                uint64_t tot;
#pragma omp atomic capture
                tot = C->nodes += 64;
                int st;
#pragma omp atomic read
                st = C->stop;
                if (st != RS_RUN)
                    return local;
                if (tot > C->max_nodes || ent_should_stop(C->deadline)) {
                    set_stop(C, RS_LIMIT);
                    return local;
                }
                if (C->threads > 1) {
                    /* a thread may be idle: hand out the rest of this subtree now */
                    int pend;
#pragma omp atomic read
                    pend = C->pending;
                    if (pend < C->threads)
                        budget = local;
                }
            }
        } else {
            nfr--;
            if (nfr == 0)
                break;
            rs_pivot(C, w, f->r, f->c);
            if (++w->since >= RS_REFACTOR && rs_refactor(C, w)) {
                set_stop(C, RS_REFUSE);
                return local;
            }
        }
    }
    return local;
}

/* One job, then its leftover subtrees as new tasks (spawned after the workspace is no
 * longer needed, so a thread may run them inline). */
static void rs_task(rs_ctx *C, rs_ws *ws, rs_job j, uint64_t budget)
{
    int st;
#pragma omp atomic read
    st = C->stop;
    if (st != RS_RUN)
        return;
#ifdef _OPENMP
    rs_ws *w = &ws[omp_get_thread_num()];
#else
    rs_ws *w = ws;
#endif
#pragma omp atomic
    C->pending -= 1;
    if (!w->fr)
        return; /* this thread's workspace failed (stop is set) */
    uint64_t done = rs_run(C, w, &j, budget) & 63;
#pragma omp atomic
    C->nodes += done;
    int n = w->njobs;
    if (n == 0)
        return;
    rs_job *mine = (rs_job *)malloc(sizeof(rs_job) * (size_t)n);
    if (!mine) {
        set_stop(C, RS_NOMEM);
        return;
    }
    memcpy(mine, w->jobs, sizeof(rs_job) * (size_t)n);
#pragma omp atomic
    C->pending += n;
    for (int i = 0; i < n; i++) {
        rs_job ji = mine[i];
#pragma omp task firstprivate(ji, C, ws)
        rs_task(C, ws, ji, C->threads > 1 ? RS_BUDGET : UINT64_MAX);
    }
    free(mine);
}

int bm_revsearch(const double *M, const double *MO, int d, int k, int zoff, int roff,
                 int s_is_p, double deadline, uint64_t max_nodes, int threads,
                 uint64_t **pairs, int *npairs, int *incomplete, uint64_t *nodes)
{
    rs_ctx C;
    memset(&C, 0, sizeof C);
    C.M = M;
    C.MO = MO;
    C.d = d;
    C.k = k;
    C.nv = d + k;
    C.W = (d + k + 63) / 64;
    C.zoff = zoff;
    C.roff = roff;
    C.s_is_p = s_is_p;
    C.deadline = deadline;
    C.max_nodes = max_nodes;
    C.pending = 1;
    *pairs = NULL;
    *npairs = 0;
    *incomplete = 0;
    if (C.nv > 128)
        return ENT_ETOOBIG;
    if (threads < 1)
        threads = 1;
    C.threads = threads;
    rs_ws *ws = (rs_ws *)aligned_alloc(64, sizeof(rs_ws) * (size_t)threads);
    if (!ws)
        return ENT_ENOMEM;
    memset(ws, 0, sizeof(rs_ws) * (size_t)threads);
    rs_job root = {{0, 0}};
    for (int i = 0; i < k; i++)
        bm_lbl_set(root.b, d + i);
    /* each thread allocates its own workspace (its own heap arena and pages) before it
     * can run any job: jobs run only in the single construct or at its closing barrier */
#pragma omp parallel num_threads(threads) if (threads > 1)
    {
#ifdef _OPENMP
        int t = omp_get_thread_num();
#else
        int t = 0;
#endif
        if (ws_init(&ws[t], &C))
            set_stop(&C, RS_NOMEM);
#pragma omp single
        {
#ifdef _OPENMP
            C.threads = omp_get_num_threads(); /* 1 inside another parallel region */
#endif
            rs_task(&C, ws, root, C.threads > 1 ? RS_BUDGET0 : UINT64_MAX);
        }
    }
    int rc = ENT_OK;
    if (C.stop == RS_NOMEM)
        rc = ENT_ENOMEM;
    else if (C.stop == RS_REFUSE)
        rc = 1;
    else {
        int tot = 0;
        for (int t = 0; t < threads; t++)
            tot += ws[t].npairs;
        int W2 = 2 * C.W;
        uint64_t *all = (uint64_t *)malloc(sizeof(uint64_t) * ((size_t)tot + 1) * (size_t)W2);
        if (!all)
            rc = ENT_ENOMEM;
        else {
            size_t off = 0;
            for (int t = 0; t < threads; t++) {
                if (ws[t].npairs == 0)
                    continue;
                memcpy(all + off, ws[t].pairs, sizeof(uint64_t) * (size_t)ws[t].npairs * (size_t)W2);
                off += (size_t)ws[t].npairs * (size_t)W2;
            }
            *pairs = all;
            *npairs = tot;
            *incomplete = C.stop == RS_LIMIT;
        }
    }
    if (nodes)
        *nodes = C.nodes;
    for (int t = 0; t < threads; t++)
        ws_free(&ws[t]);
    free(ws);
    return rc;
}

