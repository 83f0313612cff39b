/* bimatrix_enum.c — all extreme equilibria of a bimatrix game by vertex enumeration of
 * the best-response polytopes P = {x >= 0, B'^T x <= 1} and Q = {A' y <= 1, y >= 0}
 * (Avis, Rosenberg, Savani, von Stengel, Economic Theory 42, 2010): an extreme
 * equilibrium is a pair of vertices whose label sets cover all m + n strategies. First
 * choice: reverse search over P's vertices, else Q's (bimatrix_rs.c), each vertex giving
 * its partners by small square solves. When both are refused (a decision too close to
 * call, partner systems singular): each polytope's feasible bases are explored by a
 * depth-first search over single feasible pivots, taking every tied leaving row, so
 * degenerate vertices are reached (the graph of feasible bases is connected; Kruse,
 * "Degeneracy graphs", 1986).
 * One tableau follows the search and is rebuilt from the data every few pivots, so
 * rounding does not accumulate; vertices are identified by their label sets. Both
 * polytopes are searched at once (alternating in one thread, side by side in two); when
 * one is finished and nondegenerate, each of its vertices determines its only possible
 * partner by one square solve, otherwise the other is finished too and label sets are
 * matched. Coordinates are finally recomputed from the label sets, so the output does
 * not depend on which search finished first or on the thread count. */
#define _GNU_SOURCE
#include "bimatrix.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>
#ifdef _OPENMP
#include <omp.h>
#endif

#define PIV_EPS ENT_TOL_TIE
#define VAL_TOL ENT_TOL_TIE

/* Working state of the depth-first search: the current tableau G = B^-1 [M | I | 1]
 * (k rows, nv + 1 columns) and the basis. */
typedef struct {
    double *G;
    int *rowof, *varof;
    unsigned char *used;
    uint64_t *cur, *nb, *lab;
} work;

typedef struct {
    int undo_e, undo_l; /* pivot that led here (-1 at the root) */
    int next_e;         /* next entering column to examine */
} frame;

typedef struct {
    int d, k, nv, W, Wb;
    const double *M; /* k x d, entries in [1, 2] */
    const int *zlab, *rlab;
    /* vertices */
    int cnt, cap;
    uint64_t *lab; /* cnt * W */
    int *vh;       /* vertex hash: index or -1 */
    size_t vhsize;
    /* visited bases */
    uint64_t *bh; /* bhsize * Wb keys */
    unsigned char *bused;
    size_t bhsize, bcount;
    /* resumable search state */
    work w;
    frame *fr;
    size_t nfr, capf, moves;
    int since, done;
    int incomplete, status;
} poly;

static uint64_t hash_words(const uint64_t *w, int n)
{
    uint64_t h = 0x9e3779b97f4a7c15ULL;
    for (int i = 0; i < n; i++) {
        uint64_t x = w[i] + h;
        x = (x ^ (x >> 30)) * 0xbf58476d1ce4e5b9ULL;
        x = (x ^ (x >> 27)) * 0x94d049bb133111ebULL;
        h = x ^ (x >> 31);
    }
    return h;
}

static inline int words_eq(const uint64_t *a, const uint64_t *b, int n)
{
    for (int i = 0; i < n; i++)
        if (a[i] != b[i])
            return 0;
    return 1;
}

/* Insert basis key; returns 1 if new, 0 if present, -1 on no memory. */
static int basis_insert(poly *P, const uint64_t *key)
{
    if ((P->bcount + 1) * 2 > P->bhsize) {
        size_t ns = P->bhsize ? P->bhsize * 2 : 1024;
        uint64_t *nk = (uint64_t *)malloc(sizeof(uint64_t) * ns * (size_t)P->Wb);
        unsigned char *nu = (unsigned char *)calloc(ns, 1);
        if (!nk || !nu) {
            free(nk);
            free(nu);
            return -1;
        }
        for (size_t i = 0; i < P->bhsize; i++) {
            if (!P->bused[i])
                continue;
            const uint64_t *k = P->bh + i * P->Wb;
            size_t h = hash_words(k, P->Wb) & (ns - 1);
            while (nu[h])
                h = (h + 1) & (ns - 1);
            nu[h] = 1;
            memcpy(nk + h * P->Wb, k, sizeof(uint64_t) * (size_t)P->Wb);
        }
        free(P->bh);
        free(P->bused);
        P->bh = nk;
        P->bused = nu;
        P->bhsize = ns;
    }
    size_t h = hash_words(key, P->Wb) & (P->bhsize - 1);
    while (P->bused[h]) {
        if (words_eq(P->bh + h * P->Wb, key, P->Wb))
            return 0;
        h = (h + 1) & (P->bhsize - 1);
    }
    P->bused[h] = 1;
    memcpy(P->bh + h * P->Wb, key, sizeof(uint64_t) * (size_t)P->Wb);
    P->bcount++;
    return 1;
}

/* Add a vertex unless its label set is known; -1 on no memory. */
static int vertex_insert(poly *P, const uint64_t *lab)
{
    if ((size_t)(P->cnt + 1) * 2 > P->vhsize) {
        size_t ns = P->vhsize ? P->vhsize * 2 : 256;
        int *nh = (int *)malloc(sizeof(int) * ns);
        if (!nh)
            return -1;
        for (size_t i = 0; i < ns; i++)
            nh[i] = -1;
        for (int v = 0; v < P->cnt; v++) {
            size_t h = hash_words(P->lab + (size_t)v * P->W, P->W) & (ns - 1);
            while (nh[h] >= 0)
                h = (h + 1) & (ns - 1);
            nh[h] = v;
        }
        free(P->vh);
        P->vh = nh;
        P->vhsize = ns;
    }
    size_t h = hash_words(lab, P->W) & (P->vhsize - 1);
    while (P->vh[h] >= 0) {
        if (words_eq(P->lab + (size_t)P->vh[h] * P->W, lab, P->W))
            return 0;
        h = (h + 1) & (P->vhsize - 1);
    }
    if (P->cnt == P->cap) {
        int nc = P->cap ? 2 * P->cap : 256;
        uint64_t *nl = (uint64_t *)realloc(P->lab, sizeof(uint64_t) * (size_t)nc * (size_t)P->W);
        if (!nl)
            return -1;
        P->lab = nl;
        P->cap = nc;
    }
    memcpy(P->lab + (size_t)P->cnt * P->W, lab, sizeof(uint64_t) * (size_t)P->W);
    P->vh[h] = P->cnt++;
    return 0;
}

/* Rebuild G from the basis in cur (Gauss-Jordan, bm_basis_tableau). 0, or -1 if the
 * basis is singular. */
static int refactor(const poly *P, work *w)
{
    return bm_basis_tableau(P->M, P->k, P->d, w->cur, w->G, w->rowof, w->varof, w->used);
}

static void tab_pivot(const poly *P, work *w, int pr, int e)
{
    bm_tableau_pivot(w->G, P->k, P->nv + 1, pr, e);
    int l = w->varof[pr];
    w->rowof[l] = -1;
    w->rowof[e] = pr;
    w->varof[pr] = e;
    w->cur[l >> 6] &= ~((uint64_t)1 << (l & 63));
    bm_lbl_set(w->cur, e);
}

/* Record the vertex of the current basis (its label set). */
static int visit(poly *P, work *w)
{
    int d = P->d, nv = P->nv, cols = nv + 1;
    memset(w->lab, 0, sizeof(uint64_t) * (size_t)P->W);
    for (int v = 0; v < nv; v++) {
        double val = w->rowof[v] < 0 ? 0.0 : w->G[(size_t)w->rowof[v] * cols + nv];
        if (val <= VAL_TOL)
            bm_lbl_set(w->lab, v < d ? P->zlab[v] : P->rlab[v - d]);
    }
    return vertex_insert(P, w->lab);
}

/* The first feasible pivot with entering column e that leads to an unvisited basis
 * (marked visited); returns its row, -1 if none, -2 on no memory. */
static int next_pivot(poly *P, work *w, int e)
{
    int k = P->k, nv = P->nv, cols = nv + 1;
    const double *G = w->G;
    /* minimum ratio b/a over rows with a > 0, by cross-multiplication (no divisions) */
    double bb = 0, ab = 0;
    for (int r = 0; r < k; r++) {
        double a = G[(size_t)r * cols + e];
        if (a > PIV_EPS) {
            double b = G[(size_t)r * cols + nv];
            b = b > 0 ? b : 0;
            if (ab == 0 || b * ab < bb * a) {
                bb = b;
                ab = a;
            }
        }
    }
    if (ab == 0)
        return -1;
    double lim = bb / ab + VAL_TOL;
    for (int r = 0; r < k; r++) {
        double a = G[(size_t)r * cols + e];
        if (a <= PIV_EPS)
            continue;
        double b = G[(size_t)r * cols + nv];
        if ((b > 0 ? b : 0) > lim * a)
            continue;
        int l = w->varof[r];
        memcpy(w->nb, w->cur, sizeof(uint64_t) * (size_t)P->Wb);
        w->nb[l >> 6] &= ~((uint64_t)1 << (l & 63));
        bm_lbl_set(w->nb, e);
        int ins = basis_insert(P, w->nb);
        if (ins < 0)
            return -2;
        if (ins == 1)
            return r;
    }
    return -1;
}

/* Start the search at the basis of slacks (the vertex 0). Returns 0 or -1 (memory). */
static int poly_start(poly *P)
{
    int d = P->d, k = P->k, nv = P->nv, cols = nv + 1;
    work *w = &P->w;
    w->G = (double *)malloc(sizeof(double) * (size_t)k * (size_t)cols);
    w->rowof = (int *)malloc(sizeof(int) * (size_t)nv);
    w->varof = (int *)malloc(sizeof(int) * (size_t)k);
    w->used = (unsigned char *)malloc((size_t)k);
    w->cur = (uint64_t *)calloc((size_t)P->Wb, sizeof(uint64_t));
    w->nb = (uint64_t *)malloc(sizeof(uint64_t) * (size_t)P->Wb);
    w->lab = (uint64_t *)malloc(sizeof(uint64_t) * (size_t)P->W);
    P->capf = 256;
    P->fr = (frame *)malloc(sizeof(frame) * P->capf);
    if (!w->G || !w->rowof || !w->varof || !w->used || !w->cur ||
        !w->nb || !w->lab || !P->fr)
        return -1;
    for (int r = 0; r < k; r++)
        bm_lbl_set(w->cur, d + r);
    if (basis_insert(P, w->cur) < 0 || refactor(P, w) < 0 || visit(P, w) < 0)
        return -1;
    P->fr[0].undo_e = P->fr[0].undo_l = -1;
    P->fr[0].next_e = 0;
    P->nfr = 1;
    return 0;
}

/* Continue the depth-first search over feasible bases for up to `budget` new bases, one
 * tableau following the search by pivots (forward into a new basis, back when a branch
 * is done), rebuilt from the basis every REFACTOR pivots to bound rounding. Sets done
 * when the search is over (complete, incomplete or failed). */
#define REFACTOR 40
static void poly_step(poly *P, size_t budget, double deadline, uint64_t max_bases)
{
    work *w = &P->w;
    size_t fwd = 0, iters = 0;
    while (!P->done && fwd < budget && iters++ < 32 * budget) {
        frame *f = &P->fr[P->nfr - 1];
        if ((++P->moves & 63) == 0 && ent_should_stop(deadline)) {
            P->incomplete = P->done = 1;
            break;
        }
        if (f->next_e < P->nv) {
            int e = f->next_e;
            if (w->rowof[e] >= 0) {
                f->next_e++;
                continue;
            }
            /* the column is examined again on return, for its other tied rows */
            int pr = next_pivot(P, w, e);
            if (pr == -2) {
                P->status = ENT_ENOMEM;
                P->done = 1;
                break;
            }
            if (pr < 0) {
                f->next_e++;
                continue;
            }
            if (P->bcount > max_bases) {
                P->incomplete = P->done = 1;
                break;
            }
            int l = w->varof[pr];
            tab_pivot(P, w, pr, e);
            if (++P->since >= REFACTOR) {
                P->since = 0;
                if (refactor(P, w) < 0) {
                    P->status = ENT_ENUMERIC;
                    P->done = 1;
                    break;
                }
            }
            fwd++;
            if (visit(P, w) < 0) {
                P->status = ENT_ENOMEM;
                P->done = 1;
                break;
            }
            if (P->nfr == P->capf) {
                frame *nf = (frame *)realloc(P->fr, sizeof(frame) * P->capf * 2);
                if (!nf) {
                    P->status = ENT_ENOMEM;
                    P->done = 1;
                    break;
                }
                P->fr = nf;
                P->capf *= 2;
            }
            P->fr[P->nfr].undo_e = e;
            P->fr[P->nfr].undo_l = l;
            P->fr[P->nfr].next_e = 0;
            P->nfr++;
        } else {
            int e = f->undo_e, l = f->undo_l;
            P->nfr--;
            if (e < 0) {
                P->done = 1;
                break;
            }
            tab_pivot(P, w, w->rowof[e], l);
            if (++P->since >= REFACTOR) {
                P->since = 0;
                if (refactor(P, w) < 0) {
                    P->status = ENT_ENUMERIC;
                    P->done = 1;
                    break;
                }
            }
        }
    }
}

static void poly_free(poly *P)
{
    free(P->lab);
    free(P->vh);
    free(P->bh);
    free(P->bused);
    free(P->w.G);
    free(P->w.rowof);
    free(P->w.varof);
    free(P->w.used);
    free(P->w.cur);
    free(P->w.nb);
    free(P->w.lab);
    free(P->fr);
}

static int is_superset(const uint64_t *a, const uint64_t *c, int W)
{
    for (int w = 0; w < W; w++)
        if ((a[w] & c[w]) != c[w])
            return 0;
    return 1;
}

/* 1 unless v is the vertex 0 (every coordinate's label present). */
static int nonzero(const poly *P, int v)
{
    const uint64_t *l = P->lab + (size_t)v * P->W;
    for (int i = 0; i < P->d; i++)
        if (!bm_lbl_has(l, P->zlab[i]))
            return 1;
    return 0;
}

/* 1 if every nonzero vertex found has exactly d labels. */
static int nondegenerate(const poly *P)
{
    for (int v = 0; v < P->cnt; v++)
        if (nonzero(P, v) && bm_lbl_count(P->lab + (size_t)v * P->W, P->W) != P->d)
            return 0;
    return 1;
}

/* The vertex of the other polytope O whose labels include C (|C| = O->d): solve the d x d
 * system of the constraints named by C. OUT: labels of the solution. Returns 1 found,
 * 0 infeasible (not a vertex of O or zero), -1 singular (degenerate case). */
static int solve_other(const poly *O, const uint64_t *C, double *Mw, double *z, uint64_t *lab)
{
    int d = O->d, k = O->k, c = d + 1, nr = 0;
    for (int v = 0; v < O->nv; v++) {
        int l = v < d ? O->zlab[v] : O->rlab[v - d];
        if (!bm_lbl_has(C, l))
            continue;
        double *row = Mw + (size_t)nr * c;
        if (v < d) {
            memset(row, 0, sizeof(double) * (size_t)c);
            row[v] = 1.0;
        } else {
            memcpy(row, O->M + (size_t)(v - d) * d, sizeof(double) * (size_t)d);
            row[d] = 1.0;
        }
        nr++;
    }
    if (nr != d || bm_solve_square(Mw, d, z, 1e-11))
        return -1;
    double sum = 0;
    for (int i = 0; i < d; i++) {
        if (z[i] < -VAL_TOL)
            return 0;
        sum += z[i];
    }
    if (sum <= VAL_TOL)
        return 0;
    int W = O->W;
    memset(lab, 0, sizeof(uint64_t) * (size_t)W);
    for (int i = 0; i < d; i++)
        if (z[i] <= VAL_TOL)
            bm_lbl_set(lab, O->zlab[i]);
    for (int r = 0; r < k; r++) {
        double s = 0;
        for (int i = 0; i < d; i++)
            s += O->M[(size_t)r * d + i] * z[i];
        if (s > 1.0 + VAL_TOL)
            return 0;
        if (s >= 1.0 - VAL_TOL)
            bm_lbl_set(lab, O->rlab[r]);
    }
    return 1;
}

/* A growable list of equilibria as label-set pairs (x labels, y labels). */
typedef struct {
    uint64_t *l; /* n * 2W */
    int n, cap, W;
} pairs;

static int pairs_add(pairs *q, const uint64_t *lx, const uint64_t *ly)
{
    if (q->n == q->cap) {
        int nc = q->cap ? 2 * q->cap : 64;
        uint64_t *a = (uint64_t *)realloc(q->l, sizeof(uint64_t) * (size_t)nc * 2 * q->W);
        if (!a)
            return -1;
        q->l = a;
        q->cap = nc;
    }
    memcpy(q->l + (size_t)q->n * 2 * q->W, lx, sizeof(uint64_t) * (size_t)q->W);
    memcpy(q->l + (size_t)q->n * 2 * q->W + q->W, ly, sizeof(uint64_t) * (size_t)q->W);
    q->n++;
    return 0;
}

static int cmp_pair(const void *a, const void *b, void *ctx)
{
    int W2 = *(const int *)ctx;
    const uint64_t *x = (const uint64_t *)a, *y = (const uint64_t *)b;
    for (int w = 0; w < W2; w++)
        if (x[w] != y[w])
            return x[w] < y[w] ? 1 : -1;
    return 0;
}

/* Full pairing: for each nonzero vertex of S, every nonzero vertex of O whose labels
 * contain the complement (used with degenerate polytopes or partial results). Parallel
 * over S's vertices into per-vertex slots. */
static int pair_all(const poly *S, const poly *O, int s_is_p, int nlab, pairs *q)
{
    int W = S->W, rc = 0;
    int *cnt = (int *)calloc((size_t)S->cnt + 1, sizeof(int));
    int **lists = (int **)calloc((size_t)S->cnt + 1, sizeof(int *));
    if (!cnt || !lists) {
        free(cnt);
        free(lists);
        return -1;
    }
    /* O's nonzero vertices: nondegenerate ones in a hash by label set (a nondegenerate
     * vertex of S can only match one with exactly the complementary labels, or a
     * degenerate one), degenerate ones in a list */
    size_t hs = 16;
    while (hs < (size_t)O->cnt * 2)
        hs *= 2;
    int *oh = (int *)malloc(sizeof(int) * hs);
    int *odeg = (int *)malloc(sizeof(int) * ((size_t)O->cnt + 1));
    int nodeg = 0, fail = 0;
    if (!oh || !odeg) {
        free(oh);
        free(odeg);
        free(cnt);
        free(lists);
        return -1;
    }
    for (size_t i = 0; i < hs; i++)
        oh[i] = -1;
    for (int u = 0; u < O->cnt; u++) {
        if (!nonzero(O, u))
            continue;
        const uint64_t *lo = O->lab + (size_t)u * W;
        if (bm_lbl_count(lo, W) != O->d) {
            odeg[nodeg++] = u;
            continue;
        }
        size_t h = hash_words(lo, W) & (hs - 1);
        while (oh[h] >= 0)
            h = (h + 1) & (hs - 1);
        oh[h] = u;
    }
#pragma omp parallel for schedule(dynamic, 16) reduction(| : fail) if (S->cnt > 4096)
    for (int v = 0; v < S->cnt; v++) {
        if (!nonzero(S, v))
            continue;
        const uint64_t *ls = S->lab + (size_t)v * W;
        uint64_t c[2];
        for (int w = 0; w < W; w++)
            c[w] = ~ls[w];
        if (nlab & 63)
            c[W - 1] &= ((uint64_t)1 << (nlab & 63)) - 1;
        int cap = 0, simple = bm_lbl_count(ls, W) == S->d, hit = -1;
        if (simple) {
            size_t h = hash_words(c, W) & (hs - 1);
            while (oh[h] >= 0) {
                if (words_eq(O->lab + (size_t)oh[h] * W, c, W)) {
                    hit = oh[h];
                    break;
                }
                h = (h + 1) & (hs - 1);
            }
        }
        int ncand = simple ? nodeg + 1 : O->cnt;
        for (int t = 0; t < ncand; t++) {
            int u = simple ? (t < nodeg ? odeg[t] : hit) : t;
            if (u < 0 || !is_superset(O->lab + (size_t)u * W, c, W) || !nonzero(O, u))
                continue;
            if (cnt[v] == cap) {
                cap = cap ? 2 * cap : 4;
                int *a = (int *)realloc(lists[v], sizeof(int) * (size_t)cap);
                if (!a) {
                    fail = 1;
                    break;
                }
                lists[v] = a;
            }
            lists[v][cnt[v]++] = u;
        }
    }
    if (fail)
        rc = -1;
    for (int v = 0; v < S->cnt && !rc; v++)
        for (int t = 0; t < cnt[v] && !rc; t++) {
            const uint64_t *ls = S->lab + (size_t)v * W, *lo = O->lab + (size_t)lists[v][t] * W;
            rc = s_is_p ? pairs_add(q, ls, lo) : pairs_add(q, lo, ls);
        }
    for (int v = 0; v < S->cnt; v++)
        free(lists[v]);
    free(lists);
    free(cnt);
    free(oh);
    free(odeg);
    return rc;
}

/* Fast pairing when S is nondegenerate: each nonzero vertex of S determines the only
 * possible partner in O by solving one square system (-1 in *singular if a system is
 * singular: the caller then enumerates O too). */
static int pair_solve(const poly *S, const poly *O, int s_is_p, int nlab, pairs *q,
                      int *singular, int partial)
{
    int W = S->W, rc = 0, sing = 0, fail = 0;
    signed char *st = (signed char *)calloc((size_t)S->cnt + 1, 1);
    uint64_t *ol = (uint64_t *)malloc(sizeof(uint64_t) * ((size_t)S->cnt + 1) * (size_t)W);
    if (!st || !ol) {
        free(st);
        free(ol);
        return -1;
    }
#pragma omp parallel reduction(| : sing, fail) if (S->cnt > 4096)
    {
        double *Mw = (double *)malloc(sizeof(double) * (size_t)O->d * (size_t)(O->d + 1));
        double *z = (double *)malloc(sizeof(double) * (size_t)O->d);
        if (!Mw || !z)
            fail = 1;
#pragma omp for schedule(dynamic, 64)
        for (int v = 0; v < S->cnt; v++) {
            if (fail || !nonzero(S, v))
                continue;
            const uint64_t *ls = S->lab + (size_t)v * W;
            uint64_t c[2];
            for (int w = 0; w < W; w++)
                c[w] = ~ls[w];
            if (nlab & 63)
                c[W - 1] &= ((uint64_t)1 << (nlab & 63)) - 1;
            int res = solve_other(O, c, Mw, z, ol + (size_t)v * W);
            if (res < 0)
                sing = 1;
            st[v] = (signed char)res;
        }
        free(Mw);
        free(z);
    }
    *singular = sing;
    if (fail)
        rc = -1;
    for (int v = 0; v < S->cnt && !rc && (!sing || partial); v++) {
        if (st[v] != 1)
            continue;
        const uint64_t *ls = S->lab + (size_t)v * W, *lo = ol + (size_t)v * W;
        rc = s_is_p ? pairs_add(q, ls, lo) : pairs_add(q, lo, ls);
    }
    free(st);
    free(ol);
    return rc;
}

/* Normalised vertex coordinates from a label set, by solving the tight constraints
 * (zero probabilities; best replies at a common value; sum 1) with the original
 * payoffs X (ours a, his b: X[a*e+b]). Same arithmetic whichever polytope was
 * enumerated, so the output does not depend on the search path. */
static int coords_from_labels(const double *X, size_t sa, size_t sb, int d, int e,
                              const uint64_t *lab, int zoff, int boff, double *Mw, double *p)
{
    int c = d + 2, nr = 0;
    for (int a = 0; a < d; a++)
        if (bm_lbl_has(lab, zoff + a)) {
            memset(Mw + (size_t)nr * c, 0, sizeof(double) * (size_t)c);
            Mw[(size_t)nr * c + a] = 1.0;
            nr++;
        }
    for (int b = 0; b < e; b++)
        if (bm_lbl_has(lab, boff + b)) {
            for (int a = 0; a < d; a++)
                Mw[(size_t)nr * c + a] = X[(size_t)a * sa + (size_t)b * sb];
            Mw[(size_t)nr * c + d] = -1.0;
            Mw[(size_t)nr * c + d + 1] = 0.0;
            nr++;
        }
    for (int a = 0; a < d; a++)
        Mw[(size_t)nr * c + a] = 1.0;
    Mw[(size_t)nr * c + d] = 0.0;
    Mw[(size_t)nr * c + d + 1] = 1.0;
    nr++;
    for (int col = 0; col <= d; col++) {
        int pr = -1;
        double best = 0;
        for (int r = col; r < nr; r++)
            if (fabs(Mw[(size_t)r * c + col]) > best) {
                best = fabs(Mw[(size_t)r * c + col]);
                pr = r;
            }
        if (pr < 0 || best < 1e-13)
            return -1;
        if (pr != col)
            for (int j = 0; j < c; j++) {
                double t = Mw[(size_t)pr * c + j];
                Mw[(size_t)pr * c + j] = Mw[(size_t)col * c + j];
                Mw[(size_t)col * c + j] = t;
            }
        for (int r = 0; r < nr; r++) {
            if (r == col)
                continue;
            double f = Mw[(size_t)r * c + col] / Mw[(size_t)col * c + col];
            if (f != 0.0)
                for (int j = col; j < c; j++)
                    Mw[(size_t)r * c + j] -= f * Mw[(size_t)col * c + j];
        }
    }
    double s = 0;
    for (int a = 0; a < d; a++) {
        p[a] = Mw[(size_t)a * c + d + 1] / Mw[(size_t)a * c + a];
        if (p[a] < 1e-15)
            p[a] = 0.0;
        s += p[a];
    }
    for (int a = 0; a < d; a++)
        p[a] /= s;
    return 0;
}

/* Sort the equilibria, number their vertices in order of appearance and store them. */
static int emit(const double *A, const double *B, int m, int n, pairs *q, ent_bimatrix *r)
{
    int W = q->W, W2 = 2 * W, rc = ENT_OK;
    if (q->n > 1)
        qsort_r(q->l, (size_t)q->n, sizeof(uint64_t) * (size_t)W2, cmp_pair, &W2);
    int mx = m > n ? m : n;
    double *Mw = (double *)malloc(sizeof(double) * (size_t)(m + n + 1) * (size_t)(mx + 2));
    double *c = (double *)malloc(sizeof(double) * (size_t)mx);
    if (!Mw || !c) {
        free(Mw);
        free(c);
        return ENT_ENOMEM;
    }
    int xi = -1;
    for (int k = 0; k < q->n && rc == ENT_OK; k++) {
        const uint64_t *lx = q->l + (size_t)k * W2, *ly = lx + W;
        if (k > 0 && !memcmp(lx, q->l + (size_t)(k - 1) * W2, sizeof(uint64_t) * (size_t)W) &&
            !memcmp(ly, q->l + (size_t)(k - 1) * W2 + W, sizeof(uint64_t) * (size_t)W))
            continue; /* duplicate */
        if (k == 0 || memcmp(lx, q->l + (size_t)(k - 1) * W2, sizeof(uint64_t) * (size_t)W)) {
            /* x: ours = row a, his = column b, payoff B[a][b] */
            if (coords_from_labels(B, (size_t)n, 1, m, n, lx, 0, m, Mw, c)) {
                rc = ENT_ENUMERIC;
                break;
            }
            xi = bm_add_x(r, c, lx, 0);
        }
        int yi = -1;
        for (int v = 0; v < r->ny && yi < 0; v++)
            if (!memcmp(r->yl + (size_t)v * W, ly, sizeof(uint64_t) * (size_t)W))
                yi = v;
        if (yi < 0) {
            /* y: ours = column b, his = row a, payoff A[a][b] */
            uint64_t rl[4] = {0, 0, 0, 0};
            for (int j = 0; j < n; j++)
                if (bm_lbl_has(ly, m + j))
                    bm_lbl_set(rl, j);
            for (int i = 0; i < m; i++)
                if (bm_lbl_has(ly, i))
                    bm_lbl_set(rl, n + i);
            if (coords_from_labels(A, 1, (size_t)n, n, m, rl, 0, n, Mw, c)) {
                rc = ENT_ENUMERIC;
                break;
            }
            yi = bm_add_y(r, c, ly, 0);
        }
        if (xi < 0 || yi < 0 || bm_add_eq(r, xi, yi, 0))
            rc = ENT_ENOMEM;
    }
    free(Mw);
    free(c);
    return rc;
}

/* One side of the race with two threads: search X until it is done or the other side
 * has finished (then tell the other side to stop). */
static void race(poly *X, int *stop, double deadline, uint64_t max_bases)
{
    int s;
    do {
        poly_step(X, 256, deadline, max_bases);
#pragma omp atomic read
        s = *stop;
    } while (!X->done && !s);
#pragma omp atomic write
    *stop = 1;
}

int bm_enumerate(const double *A, const double *B, int m, int n, double deadline,
                 uint64_t max_bases, ent_bimatrix *r, ent_error *err)
{
    int W = (m + n + 63) / 64, rc = ENT_OK;
    double *MP = bm_scaled(B, m, n, 1); /* n x m */
    double *MQ = bm_scaled(A, m, n, 0); /* m x n */
    int *zl = (int *)malloc(sizeof(int) * (size_t)(m + n));
    poly P, Q;
    pairs q;
    memset(&P, 0, sizeof P);
    memset(&Q, 0, sizeof Q);
    memset(&q, 0, sizeof q);
    q.W = W;
    if (!MP || !MQ || !zl) {
        rc = ENT_ENOMEM;
        goto out;
    }
    /* P: z = x (labels 0..m-1), rows = columns j (labels m+j). Q: z = y (labels m+j),
     * rows = rows i (labels i). */
    for (int i = 0; i < m + n; i++)
        zl[i] = i;
    P.d = m;
    P.k = n;
    P.M = MP;
    P.zlab = zl;
    P.rlab = zl + m;
    Q.d = n;
    Q.k = m;
    Q.M = MQ;
    Q.zlab = zl + m;
    Q.rlab = zl;
    P.nv = Q.nv = m + n;
    P.W = Q.W = W;
    P.Wb = Q.Wb = W;
    /* Fast path: reverse search over P, else over Q; the full-basis DFS below only when
     * both refuse (a decision too close to call, or partners not pinned down). */
    {
#ifdef _OPENMP
        int threads = m + n >= 20 ? omp_get_max_threads() : 1;
#else
        int threads = 1;
#endif
        for (int side = 0; side < 2; side++) {
            uint64_t *pl;
            int np, inc;
            int rs = side == 0 ? bm_revsearch(MP, MQ, m, n, 0, m, 1, deadline, max_bases, threads,
                                              &pl, &np, &inc, NULL)
                               : bm_revsearch(MQ, MP, n, m, m, 0, 0, deadline, max_bases, threads,
                                              &pl, &np, &inc, NULL);
            if (rs < 0) {
                rc = rs;
                goto out;
            }
            if (rs == 1)
                continue;
            for (int i = 0; i < np && rc == ENT_OK; i++)
                if (pairs_add(&q, pl + (size_t)i * 2 * W, pl + (size_t)i * 2 * W + W))
                    rc = ENT_ENOMEM;
            free(pl);
            if (rc == ENT_OK) {
                r->incomplete = inc;
                rc = emit(A, B, m, n, &q, r);
            }
            goto out;
        }
    }
    if (poly_start(&P) || poly_start(&Q)) {
        rc = ENT_ENOMEM;
        goto out;
    }
    /* Race: search both polytopes until one is finished (alternating in one thread,
     * side by side in two); the finished one's vertices determine their partners. The
     * answer is the same set whichever finishes first, and emit() orders it. */
    int stop = 0;
#ifdef _OPENMP
    /* threads only pay off beyond small games (start-up cost of a parallel region) */
    int two = omp_get_max_threads() >= 2 && m + n >= 20;
#else
    int two = 0;
#endif
    if (two) {
#pragma omp parallel sections num_threads(2)
        {
#pragma omp section
            race(&P, &stop, deadline, max_bases);
#pragma omp section
            race(&Q, &stop, deadline, max_bases);
        }
    } else {
        while (!P.done && !Q.done) {
            poly_step(&P, 256, deadline, max_bases);
            if (!P.done)
                poly_step(&Q, 256, deadline, max_bases);
        }
    }
    if (P.status || Q.status) {
        rc = P.status ? P.status : Q.status;
        goto out;
    }
    poly *S = (P.done && !P.incomplete) ? &P : (Q.done && !Q.incomplete) ? &Q : NULL;
    int singular = 1;
    if (S && nondegenerate(S)) {
        if (pair_solve(S, S == &P ? &Q : &P, S == &P, m + n, &q, &singular, 0) < 0) {
            rc = ENT_ENOMEM;
            goto out;
        }
    }
    if (singular) {
        q.n = 0;
        if (S) {
            /* degenerate: finish the other polytope and match label sets */
            poly *O = S == &P ? &Q : &P;
            while (!O->done)
                poly_step(O, 1 << 20, deadline, max_bases);
            if (O->status) {
                rc = O->status;
                goto out;
            }
        }
        r->incomplete = P.incomplete || Q.incomplete;
        if (pair_all(&P, &Q, 1, m + n, &q) < 0) {
            rc = ENT_ENOMEM;
            goto out;
        }
        if (r->incomplete) {
            /* stopped early: every vertex found on either side also yields its partner
             * by a square solve where that system is nonsingular (duplicates are
             * removed by emit) */
            int sg;
            if (pair_solve(&P, &Q, 1, m + n, &q, &sg, 1) < 0 ||
                pair_solve(&Q, &P, 0, m + n, &q, &sg, 1) < 0) {
                rc = ENT_ENOMEM;
                goto out;
            }
        }
    }
    rc = emit(A, B, m, n, &q, r);
out:
    if (rc == ENT_ENOMEM)
        ent_error_set(err, rc, "out of memory enumerating vertices (%d x %d game)", m, n);
    else if (rc == ENT_ENUMERIC)
        ent_error_set(err, rc, "vertex enumeration: singular system (numerical trouble; "
                               "payoffs of very different magnitudes?)");
    free(MP);
    free(MQ);
    free(zl);
    poly_free(&P);
    poly_free(&Q);
    free(q.l);
    return rc;
}
