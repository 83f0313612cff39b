/* qre.c — the principal branch of the logit quantal response equilibrium correspondence
 * (McKelvey & Palfrey 1995), traced from lambda = 0 (the centroid) by predictor-corrector
 * continuation in log-probabilities (Turocy 2005, "A dynamic homotopy interpretation of
 * the logistic quantal response equilibrium correspondence", GEB 51; Allgower & Georg
 * 1990, ch. 2): Euler predictor along the unit tangent, Newton corrector in the hyperplane
 * orthogonal to it, step length adapted to the corrector's behaviour. The end point is
 * refined by Newton on its support and verified with ent_verify_regrets. */
#include "entente.h"
#include "nash/nplayer.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

void ent_qre_opts_init(ent_qre_opts *o)
{
    o->lambda_max = 1e6;
    o->max_steps = 20000;
    o->max_time = 0;
}

void ent_qre_branch_clear(ent_qre_branch *b)
{
    free(b->lambda);
    free(b->profile);
    free(b->limit);
    memset(b, 0, sizeof *b);
}

typedef struct {
    const ent_game *g;
    int n, T;
    double R; /* payoff range used to scale lambda */
    double *sig, *v, *J;
} qre_t;

/* H(z) (T entries) and, if A != NULL, DH as the first T rows of A ((T+1) x (T+1)). */
static void homotopy(qre_t *q, const double *z, double *H, double *A)
{
    int T = q->T, N = T + 1;
    double lam = z[T];
    for (int i = 0; i < T; i++)
        q->sig[i] = exp(z[i]);
    if (A)
        ent_np_jacobian(q->g, q->sig, q->v, q->J);
    else
        ent_np_values(q->g, q->sig, q->v);
    if (A)
        memset(A, 0, sizeof(double) * (size_t)N * (size_t)N);
    for (int p = 0; p < q->n; p++) {
        int off = ent_game_strategy_offset(q->g, p), m = ent_game_nstrategies(q->g, p);
        double sum = 0;
        for (int t = 0; t < m; t++) {
            sum += q->sig[off + t];
            if (A)
                A[(size_t)off * N + off + t] = q->sig[off + t];
        }
        H[off] = sum - 1;
        for (int s = 1; s < m; s++) {
            int r = off + s;
            double dv = (q->v[r] - q->v[off]) / q->R;
            H[r] = z[r] - z[off] - lam * dv;
            if (!A)
                continue;
            double *row = A + (size_t)r * N;
            row[r] += 1;
            row[off] -= 1;
            for (int c = 0; c < T; c++) {
                double d = q->J[(size_t)r * T + c] - q->J[(size_t)off * T + c];
                if (d != 0)
                    row[c] -= lam / q->R * d * q->sig[c];
            }
            row[T] = -dv;
        }
    }
}

static double now_s(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + 1e-9 * (double)ts.tv_nsec;
}

static int push_point(ent_qre_branch *b, int *cap, int T, double lam, const double *sig)
{
    if (b->npoints == *cap) {
        int nc = *cap ? *cap * 2 : 64;
        double *l = (double *)realloc(b->lambda, sizeof(double) * (size_t)nc);
        if (!l)
            return ENT_ENOMEM;
        b->lambda = l;
        double *pr = (double *)realloc(b->profile, sizeof(double) * (size_t)nc * (size_t)T);
        if (!pr)
            return ENT_ENOMEM;
        b->profile = pr;
        *cap = nc;
    }
    b->lambda[b->npoints] = lam;
    memcpy(b->profile + (size_t)b->npoints * T, sig, sizeof(double) * (size_t)T);
    b->npoints++;
    return ENT_OK;
}

/* Refine the end of the branch: keep strategies above a threshold, Newton on that
 * support, accept the first result that verifies. */
static void refine_limit(const ent_game *g, const double *sig, ent_qre_branch *b)
{
    int T = ent_game_total_strategies(g), n = ent_game_nplayers(g);
    double tol = ent_verify_tolerance(g);
    static const double thr[] = {1e-6, 1e-4, 1e-8, 1e-2, 1e-10};
    unsigned char *sup = (unsigned char *)malloc((size_t)T);
    double *x = (double *)malloc(sizeof(double) * (size_t)T);
    memcpy(b->limit, sig, sizeof(double) * (size_t)T);
    double r0 = ent_verify_max_regret(g, b->limit);
    b->limit_regret = r0 < 0 ? INFINITY : r0;
    b->limit_ok = b->limit_regret <= tol;
    for (size_t k = 0; sup && x && !b->limit_ok && k < sizeof thr / sizeof thr[0]; k++) {
        for (int i = 0; i < T; i++) {
            sup[i] = sig[i] > thr[k];
            x[i] = sup[i] ? sig[i] : 0;
        }
        for (int p = 0; p < n; p++) { /* the best-weighted strategy is always kept */
            int off = ent_game_strategy_offset(g, p), best = off;
            for (int t = 0; t < ent_game_nstrategies(g, p); t++)
                if (sig[off + t] > sig[best])
                    best = off + t;
            sup[best] = 1;
            x[best] = sig[best];
        }
        if (ent_np_support_newton(g, sup, x, tol / 1e-9, NULL) != 1)
            continue;
        int neg = 0;
        for (int i = 0; i < T; i++) {
            if (x[i] < -1e-10)
                neg = 1;
            x[i] = x[i] < 0 ? 0 : x[i];
        }
        if (neg)
            continue;
        double r = ent_verify_max_regret(g, x);
        if (r >= 0 && r <= tol) {
            memcpy(b->limit, x, sizeof(double) * (size_t)T);
            b->limit_regret = r;
            b->limit_ok = 1;
        }
    }
    free(sup);
    free(x);
}

static int qre_unit(const ent_game *g, const ent_qre_opts *o, ent_qre_branch *out,
                    ent_error *err, double unit);

int ent_qre_trace(const ent_game *g, const ent_qre_opts *o, ent_qre_branch *out,
                  ent_error *err)
{
    ent_game *gn;
    double unit;
    memset(out, 0, sizeof *out);
    if (ent_game_normalise(g, &gn, &unit) != ENT_OK)
        return ent_error_set(err, ENT_ENOMEM, "qre: out of memory");
    int rc = qre_unit(gn, o, out, err, unit);
    ent_game_free(&gn);
    if (out->limit)
        out->limit_regret *= unit;
    return rc;
}

/* The branch of a normalised game (payoff range 1); lambdas are reported divided by
 * unit, the original game's payoff scale. */
static int qre_unit(const ent_game *g, const ent_qre_opts *o, ent_qre_branch *out,
                    ent_error *err, double unit)
{
    ent_qre_opts def;
    if (!o) {
        ent_qre_opts_init(&def);
        o = &def;
    }
    memset(out, 0, sizeof *out);
    qre_t q;
    q.g = g;
    q.n = ent_game_nplayers(g);
    q.T = ent_game_total_strategies(g);
    if (q.n > 64 || q.T > 2000 || ent_game_nprofiles(g) > 10000000ULL)
        return ent_error_set(err, ENT_ETOOBIG,
                             "qre: game too large for dense path following (%d players, %d "
                             "strategies, %llu profiles; limits 64, 2000, 10000000)",
                             q.n, q.T, (unsigned long long)ent_game_nprofiles(g));
    q.R = 1.0; /* g is normalised */
    int T = q.T, N = T + 1;
    size_t NN = (size_t)N * (size_t)N;
    double *mem = (double *)malloc(sizeof(double) * ((size_t)T * T + 2 * (size_t)T + 2 * NN +
                                                     7 * (size_t)N));
    out->limit = (double *)malloc(sizeof(double) * (size_t)T);
    if (!mem || !out->limit) {
        free(mem);
        ent_qre_branch_clear(out);
        return ent_error_set(err, ENT_ENOMEM, "qre: out of memory");
    }
    q.J = mem;
    q.v = q.J + (size_t)T * T;
    q.sig = q.v + T;
    double *A = q.sig + T, *B = A + NN, *z = B + NN, *tau = z + N, *tnew = tau + N;
    double *zp = tnew + N, *H = zp + N, *d = H + N, *sig = d + N;
    int cap = 0, rc = ENT_OK;
    for (int p = 0; p < q.n; p++) {
        int off = ent_game_strategy_offset(g, p), m = ent_game_nstrategies(g, p);
        for (int t = 0; t < m; t++)
            z[off + t] = -log((double)m);
    }
    z[T] = 0;
    memset(tau, 0, sizeof(double) * (size_t)N);
    tau[T] = 1;
    for (int i = 0; i < T; i++)
        sig[i] = exp(z[i]);
    if ((rc = push_point(out, &cap, T, 0, sig)) != ENT_OK)
        goto nomem;
    double h = 0.03, t0 = now_s();
    int steps = 0;
    while (z[T] < o->lambda_max) {
        if (++steps > o->max_steps || ent_interrupted() || (o->max_time > 0 && now_s() - t0 > o->max_time))
            break;
        /* tangent: [DH; tau^T] t = e_T */
        homotopy(&q, z, H, A);
        for (int c = 0; c < N; c++)
            A[(size_t)T * N + c] = tau[c];
        memset(tnew, 0, sizeof(double) * (size_t)N);
        tnew[T] = 1;
        if (ent_np_solve(N, A, tnew) != 0) {
            rc = ent_error_set(err, ENT_ENUMERIC,
                               "qre: singular Jacobian at lambda %.6g (degenerate game)",
                               z[T] / unit);
            break;
        }
        double nrm = 0;
        for (int c = 0; c < N; c++)
            nrm += tnew[c] * tnew[c];
        nrm = sqrt(nrm);
        for (int c = 0; c < N; c++)
            tau[c] = tnew[c] / nrm;
        int accepted = 0;
        while (!accepted) {
            for (int c = 0; c < N; c++)
                zp[c] = z[c] + h * tau[c];
            int conv = 0, it;
            double prev = INFINITY;
            for (it = 0; it < 8; it++) {
                homotopy(&q, zp, H, B);
                for (int c = 0; c < N; c++)
                    B[(size_t)T * N + c] = tau[c];
                memcpy(d, H, sizeof(double) * (size_t)T);
                d[T] = 0;
                if (ent_np_solve(N, B, d) != 0)
                    break;
                double dn = 0, zn = 1;
                for (int c = 0; c < N; c++) {
                    zp[c] -= d[c];
                    dn = fmax(dn, fabs(d[c]));
                    zn = fmax(zn, fabs(zp[c]));
                }
                if (!isfinite(dn) || (it > 0 && dn > 0.5 * prev) || dn > 0.5 + 0.5 * h)
                    break;
                prev = dn;
                if (dn < 1e-11 * zn) {
                    conv = 1;
                    break;
                }
            }
            if (conv) {
                accepted = 1;
                memcpy(z, zp, sizeof(double) * (size_t)N);
                if (it <= 2)
                    h *= 2;
            } else {
                h /= 2;
                if (h < 1e-12) {
                    rc = ent_error_set(err, ENT_ENUMERIC,
                                       "qre: step size underflow at lambda %.6g", z[T] / unit);
                    break;
                }
            }
        }
        if (rc != ENT_OK)
            break;
        for (int i = 0; i < T; i++)
            sig[i] = exp(z[i]);
        if ((rc = push_point(out, &cap, T, z[T] / unit, sig)) != ENT_OK)
            goto nomem;
    }
    if (rc == ENT_OK && z[T] < o->lambda_max)
        rc = ent_error_set(err, ENT_ETIMEOUT,
                           "qre: stopped at lambda %.6g after %d steps (step or time limit)",
                           z[T] / unit, steps - 1);
    /* normalise the end point (rounding) before refinement */
    for (int p = 0; p < q.n; p++) {
        int off = ent_game_strategy_offset(g, p), m = ent_game_nstrategies(g, p);
        double s = 0;
        for (int t = 0; t < m; t++)
            s += sig[off + t];
        for (int t = 0; t < m; t++)
            sig[off + t] /= s;
    }
    refine_limit(g, sig, out);
    free(mem);
    return rc;
nomem:
    free(mem);
    ent_qre_branch_clear(out);
    return ent_error_set(err, ENT_ENOMEM, "qre: out of memory");
}
