/* bimatrix_enum.c — all extreme equilibria of a bimatrix game by vertex enumeration of
 * the best-response polytopes P = {x >= 0, B'^T x <= 1} and Q = {A' y <= 1, y >= 0}
 * (Avis, Rosenberg, Savani, von Stengel, Economic Theory 42, 2010), then matching
 * completely labelled vertex pairs. Each polytope's feasible bases are explored by a
 * depth-first search over single feasible pivots, taking every tied leaving row, so
 * degenerate vertices are reached (the graph of feasible bases is connected; Kruse,
 * "Degeneracy graphs", 1986). The tableau of each basis is rebuilt from the original
 * data, so rounding does not accumulate; vertices are identified by their label sets.
 * The two polytopes are enumerated in parallel (OpenMP sections) and matched in
 * parallel over P's vertices into pre-indexed slots. */
#define _GNU_SOURCE
#include "bimatrix.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#define PIV_EPS 1e-9
#define VAL_TOL 1e-9

typedef struct {
    int d, k, nv, W, Wb;
    const double *M; /* k x d, entries in [1, 2] */
    const int *zlab, *rlab;
    /* vertices */
    int cnt, cap;
    double *z;     /* cnt * d, unnormalised */
    uint64_t *lab; /* cnt * W */
    int *vh;       /* vertex hash: index or -1 */
    size_t vhsize;
    /* visited bases */
    uint64_t *bh; /* bhsize * Wb keys */
    unsigned char *bused;
    size_t bhsize, bcount;
    uint64_t *stack;
    size_t sp, scap;
    int incomplete, status;
} poly;

static uint64_t hash_words(const uint64_t *w, int n)
{
    uint64_t h = 0x9e3779b97f4a7c15ULL;
    for (int i = 0; i < n; i++) {
        h ^= w[i] + 0x9e3779b97f4a7c15ULL + (h << 6) + (h >> 2);
        h *= 0xff51afd7ed558ccdULL;
    }
    return h ^ (h >> 29);
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
        if (!memcmp(P->bh + h * P->Wb, key, sizeof(uint64_t) * (size_t)P->Wb))
            return 0;
        h = (h + 1) & (P->bhsize - 1);
    }
    P->bused[h] = 1;
    memcpy(P->bh + h * P->Wb, key, sizeof(uint64_t) * (size_t)P->Wb);
    P->bcount++;
    return 1;
}

static int push(poly *P, const uint64_t *key)
{
    if (P->sp == P->scap) {
        size_t nc = P->scap ? P->scap * 2 : 256;
        uint64_t *s = (uint64_t *)realloc(P->stack, sizeof(uint64_t) * nc * (size_t)P->Wb);
        if (!s)
            return -1;
        P->stack = s;
        P->scap = nc;
    }
    memcpy(P->stack + P->sp * P->Wb, key, sizeof(uint64_t) * (size_t)P->Wb);
    P->sp++;
    return 0;
}

/* Add a vertex unless its label set is known; -1 on no memory. */
static int vertex_insert(poly *P, const double *z, const uint64_t *lab)
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
        if (!memcmp(P->lab + (size_t)P->vh[h] * P->W, lab, sizeof(uint64_t) * (size_t)P->W))
            return 0;
        h = (h + 1) & (P->vhsize - 1);
    }
    if (P->cnt == P->cap) {
        int nc = P->cap ? 2 * P->cap : 256;
        double *nz = (double *)realloc(P->z, sizeof(double) * (size_t)nc * (size_t)P->d);
        if (!nz)
            return -1;
        P->z = nz;
        uint64_t *nl = (uint64_t *)realloc(P->lab, sizeof(uint64_t) * (size_t)nc * (size_t)P->W);
        if (!nl)
            return -1;
        P->lab = nl;
        P->cap = nc;
    }
    memcpy(P->z + (size_t)P->cnt * P->d, z, sizeof(double) * (size_t)P->d);
    memcpy(P->lab + (size_t)P->cnt * P->W, lab, sizeof(uint64_t) * (size_t)P->W);
    P->vh[h] = P->cnt++;
    return 0;
}

/* Enumerate all vertices of {z >= 0, M z <= 1}. */
static void poly_enumerate(poly *P, double deadline, uint64_t max_bases)
{
    int d = P->d, k = P->k, nv = P->nv, cols = nv + 1;
    double *G = (double *)malloc(sizeof(double) * (size_t)k * (size_t)cols);
    int *rowof = (int *)malloc(sizeof(int) * (size_t)nv);
    int *varof = (int *)malloc(sizeof(int) * (size_t)k);
    int *basic = (int *)malloc(sizeof(int) * (size_t)k);
    unsigned char *used = (unsigned char *)malloc((size_t)k);
    double *z = (double *)malloc(sizeof(double) * (size_t)d);
    uint64_t *cur = (uint64_t *)malloc(sizeof(uint64_t) * (size_t)P->Wb);
    uint64_t *nb = (uint64_t *)malloc(sizeof(uint64_t) * (size_t)P->Wb);
    uint64_t *lab = (uint64_t *)malloc(sizeof(uint64_t) * (size_t)P->W);
    if (!G || !rowof || !varof || !basic || !used || !z || !cur || !nb || !lab) {
        P->status = ENT_ENOMEM;
        goto out;
    }
    memset(cur, 0, sizeof(uint64_t) * (size_t)P->Wb);
    for (int r = 0; r < k; r++)
        bm_lbl_set(cur, d + r);
    if (basis_insert(P, cur) < 0 || push(P, cur) < 0) {
        P->status = ENT_ENOMEM;
        goto out;
    }
    size_t processed = 0;
    while (P->sp > 0) {
        if ((processed & 63) == 0 && deadline > 0 && bm_now() > deadline) {
            P->incomplete = 1;
            break;
        }
        processed++;
        P->sp--;
        memcpy(cur, P->stack + P->sp * P->Wb, sizeof(uint64_t) * (size_t)P->Wb);
        int nb_ = 0;
        for (int v = 0; v < nv; v++) {
            rowof[v] = -1;
            if (bm_lbl_has(cur, v))
                basic[nb_++] = v;
        }
        /* G = [M | I | 1] */
        for (int r = 0; r < k; r++) {
            double *g = G + (size_t)r * cols;
            memcpy(g, P->M + (size_t)r * d, sizeof(double) * (size_t)d);
            memset(g + d, 0, sizeof(double) * (size_t)k);
            g[d + r] = 1.0;
            g[nv] = 1.0;
            used[r] = 0;
        }
        int singular = 0;
        for (int t = 0; t < nb_ && !singular; t++) {
            int c = basic[t], pr = -1;
            double best = 0;
            for (int r = 0; r < k; r++)
                if (!used[r] && fabs(G[(size_t)r * cols + c]) > best) {
                    best = fabs(G[(size_t)r * cols + c]);
                    pr = r;
                }
            if (pr < 0 || best < 1e-11) {
                singular = 1;
                break;
            }
            used[pr] = 1;
            rowof[c] = pr;
            varof[pr] = c;
            double *gp = G + (size_t)pr * cols;
            double inv = 1.0 / gp[c];
            for (int j = 0; j < cols; j++)
                gp[j] *= inv;
            gp[c] = 1.0;
            for (int r = 0; r < k; r++) {
                if (r == pr)
                    continue;
                double *gr = G + (size_t)r * cols;
                double f = gr[c];
                if (f == 0.0)
                    continue;
                for (int j = 0; j < cols; j++)
                    gr[j] -= f * gp[j];
                gr[c] = 0.0;
            }
        }
        if (singular)
            continue;
        /* vertex and its labels */
        memset(lab, 0, sizeof(uint64_t) * (size_t)P->W);
        for (int v = 0; v < nv; v++) {
            double val = rowof[v] < 0 ? 0.0 : G[(size_t)rowof[v] * cols + nv];
            if (v < d)
                z[v] = val > VAL_TOL ? val : 0.0;
            if (val <= VAL_TOL)
                bm_lbl_set(lab, v < d ? P->zlab[v] : P->rlab[v - d]);
        }
        if (vertex_insert(P, z, lab) < 0) {
            P->status = ENT_ENOMEM;
            break;
        }
        /* every feasible pivot: entering nonbasic e, each tied minimum-ratio row */
        for (int e = 0; e < nv; e++) {
            if (rowof[e] >= 0)
                continue;
            double minr = INFINITY;
            for (int r = 0; r < k; r++) {
                double a = G[(size_t)r * cols + e];
                if (a > PIV_EPS) {
                    double b = G[(size_t)r * cols + nv];
                    double q = (b > 0 ? b : 0) / a;
                    if (q < minr)
                        minr = q;
                }
            }
            if (minr == INFINITY)
                continue;
            for (int r = 0; r < k; r++) {
                double a = G[(size_t)r * cols + e];
                if (a <= PIV_EPS)
                    continue;
                double b = G[(size_t)r * cols + nv];
                if ((b > 0 ? b : 0) / a > minr + VAL_TOL)
                    continue;
                memcpy(nb, cur, sizeof(uint64_t) * (size_t)P->Wb);
                nb[varof[r] >> 6] &= ~((uint64_t)1 << (varof[r] & 63));
                bm_lbl_set(nb, e);
                int ins = basis_insert(P, nb);
                if (ins < 0 || (ins == 1 && push(P, nb) < 0)) {
                    P->status = ENT_ENOMEM;
                    goto out;
                }
                if (P->bcount > max_bases) {
                    P->incomplete = 1;
                    goto out;
                }
            }
        }
    }
out:
    free(G);
    free(rowof);
    free(varof);
    free(basic);
    free(used);
    free(z);
    free(cur);
    free(nb);
    free(lab);
}

static void poly_free(poly *P)
{
    free(P->z);
    free(P->lab);
    free(P->vh);
    free(P->bh);
    free(P->bused);
    free(P->stack);
}

/* Sort order of vertices: by label set, highest word first. */
static int cmp_lab(const void *a, const void *b, void *ctx)
{
    const poly *P = (const poly *)ctx;
    const uint64_t *la = P->lab + (size_t)(*(const int *)a) * P->W;
    const uint64_t *lb = P->lab + (size_t)(*(const int *)b) * P->W;
    for (int w = P->W - 1; w >= 0; w--)
        if (la[w] != lb[w])
            return la[w] < lb[w] ? 1 : -1;
    return 0;
}

/* Scaled copy of a payoff matrix into [1, 2]; transpose != 0 gives its transpose. */
static double *scaled(const double *X, int m, int n, int transpose)
{
    double lo = INFINITY, hi = -INFINITY;
    for (size_t i = 0; i < (size_t)m * n; i++) {
        if (X[i] < lo)
            lo = X[i];
        if (X[i] > hi)
            hi = X[i];
    }
    double range = hi > lo ? hi - lo : 1.0;
    double *M = (double *)malloc(sizeof(double) * (size_t)m * (size_t)n);
    if (!M)
        return NULL;
    for (int i = 0; i < m; i++)
        for (int j = 0; j < n; j++) {
            double v = 1.0 + (X[(size_t)i * n + j] - lo) / range;
            if (transpose)
                M[(size_t)j * m + i] = v;
            else
                M[(size_t)i * n + j] = v;
        }
    return M;
}

static int is_superset(const uint64_t *a, const uint64_t *c, int W)
{
    for (int w = 0; w < W; w++)
        if ((a[w] & c[w]) != c[w])
            return 0;
    return 1;
}

int bm_enumerate(const double *A, const double *B, int m, int n, double deadline,
                 uint64_t max_bases, ent_bimatrix *r, ent_error *err)
{
    int W = (m + n + 63) / 64, rc = ENT_OK;
    double *MP = scaled(B, m, n, 1); /* n x m */
    double *MQ = scaled(A, m, n, 0); /* m x n */
    int *zlP = (int *)malloc(sizeof(int) * (size_t)(m + n));
    int *zlQ = (int *)malloc(sizeof(int) * (size_t)(m + n));
    poly P, Q;
    memset(&P, 0, sizeof P);
    memset(&Q, 0, sizeof Q);
    int *ox = NULL, *oy = NULL, *cnt = NULL, *off = NULL, *match = NULL, *yh = NULL,
        *ydeg = NULL, *xmap = NULL, *ymap = NULL;
    if (!MP || !MQ || !zlP || !zlQ) {
        rc = ENT_ENOMEM;
        goto out;
    }
    /* P: z = x (labels 0..m-1), rows = columns j (labels m+j). Q: z = y (labels m+j),
     * rows = rows i (labels i). */
    for (int i = 0; i < m + n; i++)
        zlP[i] = zlQ[i] = i;
    P.d = m;
    P.k = n;
    P.M = MP;
    P.zlab = zlP;
    P.rlab = zlP + m;
    Q.d = n;
    Q.k = m;
    Q.M = MQ;
    Q.zlab = zlQ + m;
    Q.rlab = zlQ;
    P.nv = Q.nv = m + n;
    P.W = Q.W = W;
    P.Wb = Q.Wb = W;
#pragma omp parallel sections
    {
#pragma omp section
        poly_enumerate(&P, deadline, max_bases);
#pragma omp section
        poly_enumerate(&Q, deadline, max_bases);
    }
    if (P.status || Q.status) {
        rc = ENT_ENOMEM;
        goto out;
    }
    r->incomplete = P.incomplete || Q.incomplete;
    ox = (int *)malloc(sizeof(int) * (size_t)P.cnt);
    oy = (int *)malloc(sizeof(int) * (size_t)Q.cnt);
    if (!ox || !oy) {
        rc = ENT_ENOMEM;
        goto out;
    }
    for (int v = 0; v < P.cnt; v++)
        ox[v] = v;
    for (int v = 0; v < Q.cnt; v++)
        oy[v] = v;
    qsort_r(ox, (size_t)P.cnt, sizeof(int), cmp_lab, &P);
    qsort_r(oy, (size_t)Q.cnt, sizeof(int), cmp_lab, &Q);
    /* index Q's nondegenerate nonzero vertices by label set; list degenerate ones */
    size_t yhs = 16;
    while (yhs < (size_t)Q.cnt * 2)
        yhs *= 2;
    yh = (int *)malloc(sizeof(int) * yhs);
    ydeg = (int *)malloc(sizeof(int) * (size_t)(Q.cnt + 1));
    int nydeg = 0, nyall = 0;
    if (!yh || !ydeg) {
        rc = ENT_ENOMEM;
        goto out;
    }
    for (size_t i = 0; i < yhs; i++)
        yh[i] = -1;
    for (int t = 0; t < Q.cnt; t++) {
        int v = oy[t];
        double s = 0;
        for (int j = 0; j < n; j++)
            s += Q.z[(size_t)v * n + j];
        if (s <= VAL_TOL) {
            oy[t] = -1; /* the zero vertex */
            continue;
        }
        oy[nyall++] = v;
    }
    for (int t = 0; t < nyall; t++) {
        int v = oy[t];
        const uint64_t *l = Q.lab + (size_t)v * W;
        if (bm_lbl_count(l, W) > n) {
            ydeg[nydeg++] = t;
            continue;
        }
        size_t h = hash_words(l, W) & (yhs - 1);
        while (yh[h] >= 0)
            h = (h + 1) & (yhs - 1);
        yh[h] = t;
    }
    cnt = (int *)calloc((size_t)P.cnt + 1, sizeof(int));
    off = (int *)malloc(sizeof(int) * ((size_t)P.cnt + 1));
    if (!cnt || !off) {
        rc = ENT_ENOMEM;
        goto out;
    }
    /* two passes over P's vertices: count, then fill the pre-indexed slots */
    for (int pass = 0; pass < 2; pass++) {
        if (pass == 1) {
            off[0] = 0;
            for (int t = 0; t < P.cnt; t++)
                off[t + 1] = off[t] + cnt[t];
            match = (int *)malloc(sizeof(int) * (size_t)(off[P.cnt] + 1));
            if (!match) {
                rc = ENT_ENOMEM;
                goto out;
            }
        }
#pragma omp parallel for schedule(dynamic, 64)
        for (int t = 0; t < P.cnt; t++) {
            int v = ox[t];
            const uint64_t *lx = P.lab + (size_t)v * W;
            double s = 0;
            for (int i = 0; i < m; i++)
                s += P.z[(size_t)v * m + i];
            if (s <= VAL_TOL)
                continue;
            uint64_t c[2];
            for (int w = 0; w < W; w++)
                c[w] = ~lx[w];
            if ((m + n) & 63)
                c[W - 1] &= ((uint64_t)1 << ((m + n) & 63)) - 1;
            int found = 0, base = pass ? off[t] : 0;
            int *dst = pass ? match : NULL;
            /* collect matches into a small local buffer in y order */
            if (bm_lbl_count(lx, W) == m) {
                size_t h = hash_words(c, W) & (yhs - 1);
                while (yh[h] >= 0) {
                    const uint64_t *ly = Q.lab + (size_t)oy[yh[h]] * W;
                    if (!memcmp(ly, c, sizeof(uint64_t) * (size_t)W)) {
                        if (dst)
                            dst[base + found] = yh[h];
                        found++;
                        break;
                    }
                    h = (h + 1) & (yhs - 1);
                }
                for (int q = 0; q < nydeg; q++)
                    if (is_superset(Q.lab + (size_t)oy[ydeg[q]] * W, c, W)) {
                        if (dst)
                            dst[base + found] = ydeg[q];
                        found++;
                    }
            } else {
                for (int q = 0; q < nyall; q++)
                    if (is_superset(Q.lab + (size_t)oy[q] * W, c, W)) {
                        if (dst)
                            dst[base + found] = q;
                        found++;
                    }
            }
            if (!pass)
                cnt[t] = found;
        }
    }
    /* emit in fixed order: P vertices in sorted order, their matches sorted */
    xmap = (int *)malloc(sizeof(int) * ((size_t)P.cnt + 1));
    ymap = (int *)malloc(sizeof(int) * ((size_t)nyall + 1));
    if (!xmap || !ymap) {
        rc = ENT_ENOMEM;
        goto out;
    }
    for (int q = 0; q < nyall; q++)
        ymap[q] = -1;
    double *xbuf = (double *)malloc(sizeof(double) * (size_t)(m + n));
    if (!xbuf) {
        rc = ENT_ENOMEM;
        goto out;
    }
    for (int t = 0; t < P.cnt && rc == ENT_OK; t++) {
        if (cnt[t] == 0)
            continue;
        int *mt = match + off[t];
        /* insertion sort of the (few) matches */
        for (int a = 1; a < cnt[t]; a++)
            for (int b = a; b > 0 && mt[b - 1] > mt[b]; b--) {
                int tmp = mt[b];
                mt[b] = mt[b - 1];
                mt[b - 1] = tmp;
            }
        int v = ox[t];
        double s = 0;
        for (int i = 0; i < m; i++)
            s += P.z[(size_t)v * m + i];
        for (int i = 0; i < m; i++)
            xbuf[i] = P.z[(size_t)v * m + i] / s;
        int xi = bm_add_x(r, xbuf, P.lab + (size_t)v * W, 0);
        if (xi < 0) {
            rc = ENT_ENOMEM;
            break;
        }
        for (int a = 0; a < cnt[t]; a++) {
            int q = mt[a];
            if (ymap[q] < 0) {
                int yv = oy[q];
                double sy = 0;
                for (int j = 0; j < n; j++)
                    sy += Q.z[(size_t)yv * n + j];
                for (int j = 0; j < n; j++)
                    xbuf[j] = Q.z[(size_t)yv * n + j] / sy;
                ymap[q] = bm_add_y(r, xbuf, Q.lab + (size_t)yv * W, 0);
                if (ymap[q] < 0) {
                    rc = ENT_ENOMEM;
                    break;
                }
            }
            if (bm_add_eq(r, xi, ymap[q], 0)) {
                rc = ENT_ENOMEM;
                break;
            }
        }
    }
    free(xbuf);
out:
    if (rc == ENT_ENOMEM)
        ent_error_set(err, rc, "out of memory enumerating vertices (%d x %d game)", m, n);
    free(MP);
    free(MQ);
    free(zlP);
    free(zlQ);
    poly_free(&P);
    poly_free(&Q);
    free(ox);
    free(oy);
    free(cnt);
    free(off);
    free(match);
    free(yh);
    free(ydeg);
    free(xmap);
    free(ymap);
    return rc;
}
