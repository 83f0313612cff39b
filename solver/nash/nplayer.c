/* nplayer.c — n-player mixed-profile helpers: expected payoffs of pure strategies and
 * their derivatives by one pass over all profiles, a dense Gaussian-elimination solver,
 * and a Levenberg-Marquardt solve of a support's indifference equations (Nocedal &
 * Wright 2006, Numerical Optimization, §10.3). */
#include "nplayer.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

/* Walk all profiles with an odometer (player 0 fastest). */
static int next_profile(const ent_game *g, int *prof)
{
    int n = ent_game_nplayers(g);
    for (int p = 0; p < n; p++) {
        if (++prof[p] < ent_game_nstrategies(g, p))
            return 1;
        prof[p] = 0;
    }
    return 0;
}

void ent_np_values(const ent_game *g, const double *x, double *v)
{
    int n = ent_game_nplayers(g), T = ent_game_total_strategies(g);
    int prof[64];
    double pre[65], suf[65];
    memset(v, 0, sizeof(double) * (size_t)T);
    memset(prof, 0, sizeof prof);
    uint64_t i = 0;
    do {
        pre[0] = 1;
        for (int p = 0; p < n; p++)
            pre[p + 1] = pre[p] * x[ent_game_strategy_offset(g, p) + prof[p]];
        suf[n] = 1;
        for (int p = n - 1; p >= 0; p--)
            suf[p] = suf[p + 1] * x[ent_game_strategy_offset(g, p) + prof[p]];
        for (int p = 0; p < n; p++) {
            double w = pre[p] * suf[p + 1];
            if (w != 0)
                v[ent_game_strategy_offset(g, p) + prof[p]] += w * ent_game_payoffs(g, p)[i];
        }
        i++;
    } while (next_profile(g, prof));
}

void ent_np_jacobian(const ent_game *g, const double *x, double *v, double *J)
{
    int n = ent_game_nplayers(g), T = ent_game_total_strategies(g);
    int prof[64], off[64];
    double xs[64];
    memset(J, 0, sizeof(double) * (size_t)T * (size_t)T);
    memset(v, 0, sizeof(double) * (size_t)T);
    memset(prof, 0, sizeof prof);
    for (int p = 0; p < n; p++)
        off[p] = ent_game_strategy_offset(g, p);
    uint64_t i = 0;
    do {
        for (int p = 0; p < n; p++)
            xs[p] = x[off[p] + prof[p]];
        for (int p = 0; p < n; p++) {
            double up = ent_game_payoffs(g, p)[i];
            if (up == 0)
                continue;
            int rp = off[p] + prof[p];
            double wp = 1;
            for (int r = 0; r < n; r++)
                if (r != p)
                    wp *= xs[r];
            v[rp] += wp * up;
            for (int q = 0; q < n; q++) {
                if (q == p)
                    continue;
                double w = 1;
                for (int r = 0; r < n; r++)
                    if (r != p && r != q)
                        w *= xs[r];
                J[(size_t)rp * (size_t)T + (size_t)(off[q] + prof[q])] += w * up;
            }
        }
        i++;
    } while (next_profile(g, prof));
}

int ent_np_solve(int n, double *A, double *b)
{
    for (int k = 0; k < n; k++) {
        int piv = k;
        double best = fabs(A[(size_t)k * n + k]);
        for (int r = k + 1; r < n; r++)
            if (fabs(A[(size_t)r * n + k]) > best) {
                best = fabs(A[(size_t)r * n + k]);
                piv = r;
            }
        if (!(best > 1e-300))
            return -1;
        if (piv != k) {
            for (int c = 0; c < n; c++) {
                double t = A[(size_t)k * n + c];
                A[(size_t)k * n + c] = A[(size_t)piv * n + c];
                A[(size_t)piv * n + c] = t;
            }
            double t = b[k];
            b[k] = b[piv];
            b[piv] = t;
        }
        for (int r = k + 1; r < n; r++) {
            double f = A[(size_t)r * n + k] / A[(size_t)k * n + k];
            if (f == 0)
                continue;
            for (int c = k; c < n; c++)
                A[(size_t)r * n + c] -= f * A[(size_t)k * n + c];
            b[r] -= f * b[k];
        }
    }
    for (int k = n - 1; k >= 0; k--) {
        double s = b[k];
        for (int c = k + 1; c < n; c++)
            s -= A[(size_t)k * n + c] * b[c];
        b[k] = s / A[(size_t)k * n + k];
    }
    return 0;
}

typedef struct {
    const ent_game *g;
    const unsigned char *sup;
    int n, T, N;
    int *var;  /* N - n entries: global strategy index of each probability unknown */
    int *own;  /* player of each probability unknown */
    double *v, *J, *x;
    double scale;
} sys_t;

/* Residual F (N) at unknowns z (N: support probabilities then w_p); optionally DF. */
static double residual(sys_t *s, const double *z, double *F, double *DF)
{
    int m = s->N - s->n;
    memset(s->x, 0, sizeof(double) * (size_t)s->T);
    for (int k = 0; k < m; k++)
        s->x[s->var[k]] = z[k];
    if (DF)
        ent_np_jacobian(s->g, s->x, s->v, s->J);
    else
        ent_np_values(s->g, s->x, s->v);
    double nrm = 0;
    for (int k = 0; k < m; k++) {
        F[k] = (s->v[s->var[k]] - z[m + s->own[k]]) / s->scale;
        if (fabs(F[k]) > nrm)
            nrm = fabs(F[k]);
    }
    for (int p = 0; p < s->n; p++)
        F[m + p] = -1;
    for (int k = 0; k < m; k++)
        F[m + s->own[k]] += z[k];
    for (int p = 0; p < s->n; p++)
        if (fabs(F[m + p]) > nrm)
            nrm = fabs(F[m + p]);
    if (DF) {
        int N = s->N;
        memset(DF, 0, sizeof(double) * (size_t)N * (size_t)N);
        for (int k = 0; k < m; k++) {
            for (int j = 0; j < m; j++)
                DF[(size_t)k * N + j] = s->J[(size_t)s->var[k] * s->T + s->var[j]] / s->scale;
            DF[(size_t)k * N + m + s->own[k]] = -1 / s->scale;
            DF[(size_t)(m + s->own[k]) * N + k] = 1;
        }
    }
    return nrm;
}

static size_t ws_doubles(int T, int N)
{
    size_t NN = (size_t)N * (size_t)N;
    return (size_t)T * (size_t)T + 2 * (size_t)T + 3 * NN + 6 * (size_t)N;
}

int ent_np_ws_init(ent_np_ws *w, const ent_game *g)
{
    int T = ent_game_total_strategies(g), N = T + ent_game_nplayers(g);
    w->iw = (int *)malloc(sizeof(int) * (size_t)(2 * T + 1));
    w->dw = (double *)malloc(sizeof(double) * ws_doubles(T, N));
    if (!w->iw || !w->dw) {
        ent_np_ws_free(w);
        return ENT_ENOMEM;
    }
    return ENT_OK;
}

void ent_np_ws_free(ent_np_ws *w)
{
    free(w->iw);
    free(w->dw);
    w->iw = NULL;
    w->dw = NULL;
}

int ent_np_support_newton(const ent_game *g, const unsigned char *sup, double *x, double scale,
                          ent_np_ws *ws)
{
    sys_t s;
    memset(&s, 0, sizeof s);
    s.g = g;
    s.sup = sup;
    s.n = ent_game_nplayers(g);
    s.T = ent_game_total_strategies(g);
    s.scale = scale > 0 ? scale : 1;
    int m = 0;
    for (int k = 0; k < s.T; k++)
        m += sup[k] != 0;
    int N = s.N = m + s.n;
    size_t NN = (size_t)N * (size_t)N;
    ent_np_ws own_ws = {NULL, NULL};
    if (!ws) { /* one-off call: allocate here */
        if (ent_np_ws_init(&own_ws, g) != ENT_OK)
            return ENT_ENOMEM;
        ws = &own_ws;
    }
    s.var = ws->iw;
    s.own = s.var + m;
    double *buf = ws->dw;
    s.J = buf;
    s.v = s.J + (size_t)s.T * s.T;
    s.x = s.v + s.T;
    double *DF = s.x + s.T, *A = DF + NN, *JtJ = A + NN;
    double *z = JtJ + NN, *F = z + N, *rhs = F + N, *zn = rhs + N, *Fn = zn + N, *d = Fn + N;
    int k = 0;
    for (int p = 0; p < s.n; p++) {
        int off = ent_game_strategy_offset(g, p);
        for (int t = 0; t < ent_game_nstrategies(g, p); t++)
            if (sup[off + t]) {
                s.var[k] = off + t;
                s.own[k] = p;
                z[k++] = x[off + t];
            }
    }
    memset(s.x, 0, sizeof(double) * (size_t)s.T);
    for (k = 0; k < m; k++)
        s.x[s.var[k]] = z[k];
    ent_np_values(g, s.x, s.v);
    for (int p = 0; p < s.n; p++) {
        double sum = 0;
        int c = 0;
        for (k = 0; k < m; k++)
            if (s.own[k] == p) {
                sum += s.v[s.var[k]];
                c++;
            }
        z[m + p] = sum / c;
    }
    double mu = 1e-8, nrm = residual(&s, z, F, DF);
    int ok = 0;
    for (int it = 0; it < 80; it++) {
        if (nrm < 1e-15) /* polish well below the acceptance level */
            break;
        /* Levenberg-Marquardt step: (DF^T DF + mu I) d = -DF^T F */
        for (int a = 0; a < N; a++) {
            double r = 0;
            for (int b = 0; b < N; b++)
                r -= DF[(size_t)b * N + a] * F[b];
            rhs[a] = r;
            for (int b = 0; b <= a; b++) {
                double t = 0;
                for (int c = 0; c < N; c++)
                    t += DF[(size_t)c * N + a] * DF[(size_t)c * N + b];
                JtJ[(size_t)a * N + b] = JtJ[(size_t)b * N + a] = t;
            }
        }
        int accepted = 0;
        for (int tries = 0; tries < 12 && !accepted; tries++) {
            memcpy(A, JtJ, sizeof(double) * NN);
            for (int a = 0; a < N; a++)
                A[(size_t)a * N + a] += mu * (1 + JtJ[(size_t)a * N + a]);
            memcpy(d, rhs, sizeof(double) * (size_t)N);
            if (ent_np_solve(N, A, d) == 0) {
                for (int a = 0; a < N; a++)
                    zn[a] = z[a] + d[a];
                double nn = residual(&s, zn, Fn, NULL);
                if (nn < nrm) {
                    memcpy(z, zn, sizeof(double) * (size_t)N);
                    nrm = residual(&s, z, F, DF);
                    mu = mu > 1e-12 ? mu / 10 : mu;
                    accepted = 1;
                    break;
                }
            }
            mu *= 10;
        }
        if (!accepted)
            break;
        for (k = 0; k < m; k++) /* far outside the simplex: give up on this start */
            if (z[k] < -1 || z[k] > 2)
                it = 1000;
    }
    ok = nrm < 1e-12;
    memset(x, 0, sizeof(double) * (size_t)s.T);
    for (k = 0; k < m; k++)
        x[s.var[k]] = z[k];
    ent_np_ws_free(&own_ws);
    return ok;
}
