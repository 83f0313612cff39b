/* bimatrix.c — the two-player equilibrium result object and the method dispatcher:
 * vertex and equilibrium storage, labels of mixed strategies, connected components of
 * the equilibrium graph and its maximal Nash subsets (maximal bicliques; Avis,
 * Rosenberg, Savani, von Stengel, "Enumeration of Nash equilibria for two-player
 * games", Economic Theory 42, 2010, section 4). */
#include "bimatrix.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

double bm_now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + 1e-9 * (double)ts.tv_nsec;
}

double *bm_scaled(const double *X, int m, int n, int transpose)
{
    double lo = INFINITY, hi = -INFINITY;
    for (size_t i = 0; i < (size_t)m * n; i++) {
        lo = fmin(lo, X[i]);
        hi = fmax(hi, X[i]);
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

void bm_tableau_pivot(double *T, int rows, int cols, int pr, int e)
{
    double *p = T + (size_t)pr * cols;
    double inv = 1.0 / p[e];
    for (int j = 0; j < cols; j++)
        p[j] *= inv;
    p[e] = 1.0;
    for (int r = 0; r < rows; r++) {
        if (r == pr)
            continue;
        double *q = T + (size_t)r * cols;
        double f = q[e];
        if (f == 0.0)
            continue;
        for (int j = 0; j < cols; j++)
            q[j] -= f * p[j];
        q[e] = 0.0;
    }
}

int bm_solve_square(double *S, int n, double *z, double tiny)
{
    int c = n + 1;
    for (int col = 0; col < n; col++) {
        int pr = col;
        double best = fabs(S[(size_t)col * c + col]);
        for (int r = col + 1; r < n; r++)
            if (fabs(S[(size_t)r * c + col]) > best) {
                best = fabs(S[(size_t)r * c + col]);
                pr = r;
            }
        if (best < tiny)
            return -1;
        if (pr != col)
            for (int j = col; j < c; j++) {
                double t = S[(size_t)pr * c + j];
                S[(size_t)pr * c + j] = S[(size_t)col * c + j];
                S[(size_t)col * c + j] = t;
            }
        const double *sp = S + (size_t)col * c;
        for (int r = col + 1; r < n; r++) {
            double *sr = S + (size_t)r * c;
            double f = sr[col] / sp[col];
            if (f != 0.0)
                for (int j = col + 1; j < c; j++)
                    sr[j] -= f * sp[j];
        }
    }
    for (int col = n - 1; col >= 0; col--) {
        const double *sp = S + (size_t)col * c;
        double v = sp[n];
        for (int j = col + 1; j < n; j++)
            v -= sp[j] * z[j];
        z[col] = v / sp[col];
    }
    return 0;
}

int bm_lbl_count(const uint64_t *l, int W)
{
    int c = 0;
    for (int w = 0; w < W; w++)
        c += __builtin_popcountll(l[w]);
    return c;
}

ent_bimatrix *bm_new(int m, int n)
{
    ent_bimatrix *r = (ent_bimatrix *)calloc(1, sizeof *r);
    if (!r)
        return NULL;
    r->m = m;
    r->n = n;
    r->W = (m + n + 63) / 64;
    return r;
}

void ent_bimatrix_free(ent_bimatrix **rp)
{
    if (!rp || !*rp)
        return;
    ent_bimatrix *r = *rp;
    if (r->exact) {
        for (size_t i = 0; i < (size_t)r->neq * (size_t)(r->m + r->n + 2); i++)
            free(r->exact[i]);
        free(r->exact);
    }
    free(r->xc);
    free(r->yc);
    free(r->xl);
    free(r->yl);
    free(r->eqx);
    free(r->eqy);
    free(r->eqc);
    free(r->sub_comp);
    free(r->sub_xoff);
    free(r->sub_yoff);
    free(r->sub_x);
    free(r->sub_y);
    free(r->path_status);
    free(r->path_exact);
    free(r);
    *rp = NULL;
}

static int add_vertex(int *cnt, int *cap, double **cs, uint64_t **ls, int d, int W,
                      const double *c, const uint64_t *l, int dedup)
{
    if (dedup)
        for (int v = 0; v < *cnt; v++)
            if (!memcmp(*ls + (size_t)v * W, l, sizeof(uint64_t) * (size_t)W))
                return v;
    if (*cnt == *cap) {
        int nc = *cap ? 2 * *cap : 16;
        double *a = (double *)realloc(*cs, sizeof(double) * (size_t)nc * (size_t)d);
        if (!a)
            return -1;
        *cs = a;
        uint64_t *b = (uint64_t *)realloc(*ls, sizeof(uint64_t) * (size_t)nc * (size_t)W);
        if (!b)
            return -1;
        *ls = b;
        *cap = nc;
    }
    memcpy(*cs + (size_t)*cnt * d, c, sizeof(double) * (size_t)d);
    memcpy(*ls + (size_t)*cnt * W, l, sizeof(uint64_t) * (size_t)W);
    return (*cnt)++;
}

int bm_add_x(ent_bimatrix *r, const double *c, const uint64_t *l, int dedup)
{
    return add_vertex(&r->nx, &r->capx, &r->xc, &r->xl, r->m, r->W, c, l, dedup);
}

int bm_add_y(ent_bimatrix *r, const double *c, const uint64_t *l, int dedup)
{
    return add_vertex(&r->ny, &r->capy, &r->yc, &r->yl, r->n, r->W, c, l, dedup);
}

int bm_add_eq(ent_bimatrix *r, int xi, int yi, int dedup)
{
    if (dedup)
        for (int k = 0; k < r->neq; k++)
            if (r->eqx[k] == xi && r->eqy[k] == yi)
                return 0;
    if (r->neq == r->capeq) {
        int nc = r->capeq ? 2 * r->capeq : 16;
        int *a = (int *)realloc(r->eqx, sizeof(int) * (size_t)nc);
        if (!a)
            return ENT_ENOMEM;
        r->eqx = a;
        a = (int *)realloc(r->eqy, sizeof(int) * (size_t)nc);
        if (!a)
            return ENT_ENOMEM;
        r->eqy = a;
        r->capeq = nc;
    }
    r->eqx[r->neq] = xi;
    r->eqy[r->neq] = yi;
    r->neq++;
    return 0;
}

void bm_labels_x(const double *B, int m, int n, const double *x, double tol, uint64_t *l)
{
    int W = (m + n + 63) / 64;
    memset(l, 0, sizeof(uint64_t) * (size_t)W);
    double best = -INFINITY;
    for (int j = 0; j < n; j++) {
        double s = 0;
        for (int i = 0; i < m; i++)
            s += x[i] * B[(size_t)i * n + j];
        if (s > best)
            best = s;
    }
    for (int i = 0; i < m; i++)
        if (x[i] <= tol)
            bm_lbl_set(l, i);
    for (int j = 0; j < n; j++) {
        double s = 0;
        for (int i = 0; i < m; i++)
            s += x[i] * B[(size_t)i * n + j];
        if (s >= best - tol)
            bm_lbl_set(l, m + j);
    }
}

void bm_labels_y(const double *A, int m, int n, const double *y, double tol, uint64_t *l)
{
    int W = (m + n + 63) / 64;
    memset(l, 0, sizeof(uint64_t) * (size_t)W);
    double best = -INFINITY;
    for (int i = 0; i < m; i++) {
        double s = 0;
        for (int j = 0; j < n; j++)
            s += A[(size_t)i * n + j] * y[j];
        if (s > best)
            best = s;
    }
    for (int i = 0; i < m; i++) {
        double s = 0;
        for (int j = 0; j < n; j++)
            s += A[(size_t)i * n + j] * y[j];
        if (s >= best - tol)
            bm_lbl_set(l, i);
    }
    for (int j = 0; j < n; j++)
        if (y[j] <= tol)
            bm_lbl_set(l, m + j);
}

int bm_matrices(const ent_game *g, double **A, double **B)
{
    int m = ent_game_nstrategies(g, 0), n = ent_game_nstrategies(g, 1);
    *A = (double *)malloc(sizeof(double) * (size_t)m * (size_t)n);
    *B = (double *)malloc(sizeof(double) * (size_t)m * (size_t)n);
    if (!*A || !*B) {
        free(*A);
        free(*B);
        *A = *B = NULL;
        return ENT_ENOMEM;
    }
    /* the normalised game (exact differences when the game is exact): equilibria are
     * unchanged, and no decision of the algorithms depends on the game's units or offset */
    ent_game *gn;
    if (ent_game_normalise(g, &gn, NULL) != ENT_OK) {
        free(*A);
        free(*B);
        *A = *B = NULL;
        return ENT_ENOMEM;
    }
    const double *u0 = ent_game_payoffs(gn, 0), *u1 = ent_game_payoffs(gn, 1);
    for (int i = 0; i < m; i++)
        for (int j = 0; j < n; j++) {
            (*A)[(size_t)i * n + j] = u0[i + (size_t)j * m];
            (*B)[(size_t)i * n + j] = u1[i + (size_t)j * m];
        }
    ent_game_free(&gn);
    return ENT_OK;
}

static int uf_find(int *p, int a)
{
    while (p[a] != a)
        a = p[a] = p[p[a]];
    return a;
}

/* Maximal bicliques of one component by closing the family of neighbourhoods N(x) under
 * intersection: each closed y-set Y gives the maximal biclique (N(Y), Y). */
#define BM_MAX_FAMILY 4096
static int component_subsets(ent_bimatrix *r, int c, int **sc, int *cap, int **xo, int **yo,
                             int **sx, int **sy, int *nsx, int *nsy, int *capx, int *capy)
{
    int *xs = NULL, *ys = NULL, nxs = 0, nys = 0, rc = ENT_OK;
    uint64_t *nb = NULL, *fam = NULL;
    xs = (int *)malloc(sizeof(int) * (size_t)r->neq);
    ys = (int *)malloc(sizeof(int) * (size_t)r->neq);
    if (!xs || !ys) {
        rc = ENT_ENOMEM;
        goto out;
    }
    for (int k = 0; k < r->neq; k++) {
        if (r->eqc[k] != c)
            continue;
        int fx = 0, fy = 0;
        for (int t = 0; t < nxs; t++)
            fx |= xs[t] == r->eqx[k];
        for (int t = 0; t < nys; t++)
            fy |= ys[t] == r->eqy[k];
        if (!fx)
            xs[nxs++] = r->eqx[k];
        if (!fy)
            ys[nys++] = r->eqy[k];
    }
    int YW = (nys + 63) / 64;
    nb = (uint64_t *)calloc((size_t)nxs * YW, sizeof(uint64_t));
    fam = (uint64_t *)malloc(sizeof(uint64_t) * (size_t)BM_MAX_FAMILY * YW);
    if (!nb || !fam) {
        rc = ENT_ENOMEM;
        goto out;
    }
    for (int k = 0; k < r->neq; k++) {
        if (r->eqc[k] != c)
            continue;
        int a = 0, b = 0;
        while (xs[a] != r->eqx[k])
            a++;
        while (ys[b] != r->eqy[k])
            b++;
        nb[(size_t)a * YW + (b >> 6)] |= (uint64_t)1 << (b & 63);
    }
    int nf = 0;
    uint64_t *z = (uint64_t *)malloc(sizeof(uint64_t) * (size_t)YW);
    if (!z) {
        rc = ENT_ENOMEM;
        goto out;
    }
    for (int a = 0; a < nxs && rc == ENT_OK; a++) {
        int dup = 0;
        for (int f = 0; f < nf && !dup; f++)
            dup = !memcmp(fam + (size_t)f * YW, nb + (size_t)a * YW, sizeof(uint64_t) * YW);
        if (!dup)
            memcpy(fam + (size_t)nf++ * YW, nb + (size_t)a * YW, sizeof(uint64_t) * YW);
    }
    for (int f = 0; f < nf && rc == ENT_OK; f++)
        for (int a = 0; a < nxs; a++) {
            int nonempty = 0;
            for (int w = 0; w < YW; w++) {
                z[w] = fam[(size_t)f * YW + w] & nb[(size_t)a * YW + w];
                nonempty |= z[w] != 0;
            }
            if (!nonempty)
                continue;
            int dup = 0;
            for (int h = 0; h < nf && !dup; h++)
                dup = !memcmp(fam + (size_t)h * YW, z, sizeof(uint64_t) * YW);
            if (dup)
                continue;
            if (nf == BM_MAX_FAMILY) {
                rc = ENT_ETOOBIG;
                break;
            }
            memcpy(fam + (size_t)nf++ * YW, z, sizeof(uint64_t) * YW);
        }
    free(z);
    if (rc != ENT_OK)
        goto out;
    for (int f = 0; f < nf; f++) {
        const uint64_t *Y = fam + (size_t)f * YW;
        int s = r->nsub;
        if (s + 2 > *cap) {
            int nc = *cap ? 2 * *cap : 16;
            int *p1 = (int *)realloc(*sc, sizeof(int) * (size_t)nc);
            if (p1)
                *sc = p1;
            int *p2 = (int *)realloc(*xo, sizeof(int) * (size_t)nc);
            if (p2)
                *xo = p2;
            int *p3 = (int *)realloc(*yo, sizeof(int) * (size_t)nc);
            if (p3)
                *yo = p3;
            if (!p1 || !p2 || !p3) {
                rc = ENT_ENOMEM;
                goto out;
            }
            *cap = nc;
        }
        if (*nsx + nxs > *capx) {
            int nc = 2 * (*nsx + nxs) + 16;
            int *p = (int *)realloc(*sx, sizeof(int) * (size_t)nc);
            if (!p) {
                rc = ENT_ENOMEM;
                goto out;
            }
            *sx = p;
            *capx = nc;
        }
        if (*nsy + nys > *capy) {
            int nc = 2 * (*nsy + nys) + 16;
            int *p = (int *)realloc(*sy, sizeof(int) * (size_t)nc);
            if (!p) {
                rc = ENT_ENOMEM;
                goto out;
            }
            *sy = p;
            *capy = nc;
        }
        (*sc)[s] = c;
        (*xo)[s] = *nsx;
        (*yo)[s] = *nsy;
        for (int a = 0; a < nxs; a++) {
            int sup = 1;
            for (int w = 0; w < YW && sup; w++)
                sup = (nb[(size_t)a * YW + w] & Y[w]) == Y[w];
            if (sup)
                (*sx)[(*nsx)++] = xs[a];
        }
        for (int b = 0; b < nys; b++)
            if ((Y[b >> 6] >> (b & 63)) & 1)
                (*sy)[(*nsy)++] = ys[b];
        r->nsub++;
        (*xo)[r->nsub] = *nsx;
        (*yo)[r->nsub] = *nsy;
    }
out:
    free(xs);
    free(ys);
    free(nb);
    free(fam);
    return rc;
}

int bm_components(ent_bimatrix *r, int subsets)
{
    int nv = r->nx + r->ny;
    int *p = (int *)malloc(sizeof(int) * (size_t)(nv > 0 ? nv : 1));
    int *num = (int *)malloc(sizeof(int) * (size_t)(nv > 0 ? nv : 1));
    free(r->eqc);
    r->eqc = (int *)malloc(sizeof(int) * (size_t)(r->neq > 0 ? r->neq : 1));
    if (!p || !num || !r->eqc) {
        free(p);
        free(num);
        return ENT_ENOMEM;
    }
    for (int v = 0; v < nv; v++) {
        p[v] = v;
        num[v] = -1;
    }
    for (int k = 0; k < r->neq; k++) {
        int a = uf_find(p, r->eqx[k]), b = uf_find(p, r->nx + r->eqy[k]);
        if (a != b)
            p[a < b ? b : a] = a < b ? a : b;
    }
    r->ncomp = 0;
    for (int k = 0; k < r->neq; k++) {
        int a = uf_find(p, r->eqx[k]);
        if (num[a] < 0)
            num[a] = r->ncomp++;
        r->eqc[k] = num[a];
    }
    free(p);
    free(num);
    if (!subsets)
        return ENT_OK;
    int cap = 0, capx = 0, capy = 0, nsx = 0, nsy = 0, rc = ENT_OK;
    r->nsub = 0;
    for (int c = 0; c < r->ncomp && rc == ENT_OK; c++)
        rc = component_subsets(r, c, &r->sub_comp, &cap, &r->sub_xoff, &r->sub_yoff,
                               &r->sub_x, &r->sub_y, &nsx, &nsy, &capx, &capy);
    if (rc == ENT_ETOOBIG) {
        /* too many subsets to list: report components only */
        r->nsub = 0;
        rc = ENT_OK;
    }
    return rc;
}

void ent_bimatrix_opts_init(ent_bimatrix_opts *o)
{
    memset(o, 0, sizeof *o);
    o->method = ENT_BM_AUTO;
    o->label = -1;
    o->auto_enum_limit = 40;
}

/* Map X (len entries) by one positive affine map into [-1, 1] (all 0 if constant),
 * without overflow even for payoffs near +-DBL_MAX. */
static void unit_range(double *X, size_t len)
{
    double lo = INFINITY, hi = -INFINITY;
    for (size_t i = 0; i < len; i++) {
        lo = fmin(lo, X[i]);
        hi = fmax(hi, X[i]);
    }
    double mid = lo / 2 + hi / 2, half = hi / 2 - lo / 2;
    for (size_t i = 0; i < len; i++)
        X[i] = half > 0 ? (X[i] - mid) / half : 0.0;
}

int ent_bimatrix_solve(const ent_game *g, const ent_bimatrix_opts *opts, ent_bimatrix **out,
                       ent_error *err)
{
    ent_bimatrix_opts o;
    *out = NULL;
    if (opts)
        o = *opts;
    else
        ent_bimatrix_opts_init(&o);
    if (ent_game_nplayers(g) != 2)
        return ent_error_set(err, ENT_EUNSUPPORTED,
                             "two-player methods need 2 players; this game has %d",
                             ent_game_nplayers(g));
    int m = ent_game_nstrategies(g, 0), n = ent_game_nstrategies(g, 1);
    int method = o.method;
    if (method == ENT_BM_AUTO)
        method = m + n <= (o.auto_enum_limit > 0 ? o.auto_enum_limit : 40) ? ENT_BM_ENUM
                                                                          : ENT_BM_LEMKE;
    if (method == ENT_BM_ENUM && m + n > 128)
        return ent_error_set(err, ENT_ETOOBIG,
                             "vertex enumeration is limited to m + n <= 128 strategies; "
                             "this game has %d + %d (use --method lemke)", m, n);
    if (method == ENT_BM_LEMKE && (o.label < -1 || o.label >= m + n))
        return ent_error_set(err, ENT_EINVAL, "Lemke-Howson label %d is out of range 0..%d",
                             o.label, m + n - 1);
    double *A, *B;
    if (bm_matrices(g, &A, &B))
        return ent_error_set(err, ENT_ENOMEM, "out of memory");
    /* equilibria do not change when a player's payoffs are mapped by a positive affine
     * map: every method works on payoffs in [-1, 1], so that 1e20 or 1e-300 behaves as 1 */
    double *A0 = NULL, *B0 = NULL; /* as given: Lemke-Howson's exact paths use them */
    if (method == ENT_BM_LEMKE && bm_matrices(g, &A0, &B0)) {
        free(A);
        free(B);
        return ent_error_set(err, ENT_ENOMEM, "out of memory");
    }
    unit_range(A, (size_t)m * n);
    unit_range(B, (size_t)m * n);
    ent_bimatrix *r = bm_new(m, n);
    if (!r) {
        free(A);
        free(B);
        free(A0);
        free(B0);
        return ent_error_set(err, ENT_ENOMEM, "out of memory");
    }
    r->method = method;
    double deadline = o.time_limit > 0 ? bm_now() + o.time_limit : 0;
    int rc;
    if (method == ENT_BM_ENUM)
        rc = bm_enumerate(A, B, m, n, deadline, o.max_bases ? o.max_bases : 20000000, r, err);
    else if (method == ENT_BM_SUPPORT)
        rc = bm_support(A, B, m, n, deadline, r, err);
    else if (method == ENT_BM_LEMKE)
        rc = bm_lemke(A, B, A0, B0, m, n, o.label, deadline, r, err);
    else
        rc = ent_error_set(err, ENT_EINVAL, "unknown two-player method %d", method);
    if (rc == ENT_OK && bm_components(r, method == ENT_BM_ENUM))
        rc = ent_error_set(err, ENT_ENOMEM, "out of memory");
    free(A);
    free(B);
    free(A0);
    free(B0);
    if (rc != ENT_OK) {
        ent_bimatrix_free(&r);
        return rc;
    }
    *out = r;
    return ENT_OK;
}

int ent_bimatrix_method(const ent_bimatrix *r) { return r->method; }
int ent_bimatrix_incomplete(const ent_bimatrix *r) { return r->incomplete; }
int ent_bimatrix_count(const ent_bimatrix *r) { return r->neq; }
int ent_bimatrix_ncomponents(const ent_bimatrix *r) { return r->ncomp; }
int ent_bimatrix_nsubsets(const ent_bimatrix *r) { return r->nsub; }

void ent_bimatrix_profile(const ent_bimatrix *r, int k, double *mixed)
{
    memcpy(mixed, r->xc + (size_t)r->eqx[k] * r->m, sizeof(double) * (size_t)r->m);
    memcpy(mixed + r->m, r->yc + (size_t)r->eqy[k] * r->n, sizeof(double) * (size_t)r->n);
}

void ent_bimatrix_vertices(const ent_bimatrix *r, int k, int *xv, int *yv)
{
    *xv = r->eqx[k];
    *yv = r->eqy[k];
}

int ent_bimatrix_component(const ent_bimatrix *r, int k) { return r->eqc[k]; }

int ent_bimatrix_path(const ent_bimatrix *r, int label, int *exact)
{
    if (exact)
        *exact = 0;
    if (!r->path_status || label < 0 || label >= r->m + r->n || r->path_status[label] > 0)
        return ENT_EINVAL;
    if (exact)
        *exact = r->path_exact[label];
    return r->path_status[label];
}

void ent_bimatrix_subset(const ent_bimatrix *r, int s, int *component, int *nx,
                         const int **xs, int *ny, const int **ys)
{
    *component = r->sub_comp[s];
    *nx = r->sub_xoff[s + 1] - r->sub_xoff[s];
    *ny = r->sub_yoff[s + 1] - r->sub_yoff[s];
    *xs = r->sub_x + r->sub_xoff[s];
    *ys = r->sub_y + r->sub_yoff[s];
}

const char *ent_bimatrix_exact(const ent_bimatrix *r, int k, int i)
{
    if (!r->exact || k < 0 || k >= r->neq || i < 0 || i >= r->m + r->n + 2)
        return NULL;
    return r->exact[(size_t)k * (size_t)(r->m + r->n + 2) + i];
}
