/* efg_verify.c — independent checks of equilibria of trees, sharing no code with the
 * algorithms that find them: (1) a pure profile of a perfect-information tree is subgame
 * perfect iff at every decision node the chosen action is a best reply for the mover given
 * the values below (recursive walk from the root); (2) behaviour-strategy regrets in a
 * subgame: each player's expected payoff, and the payoff of a best response built
 * information set by information set (valid with perfect recall), by a separate walk. */
#include "../../games/efg_impl.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

double ent_efg_tolerance(const ent_efg *t)
{
    double lo = INFINITY, hi = -INFINITY;
    for (int64_t i = 0; i < (int64_t)t->nout * t->nplayers; i++) {
        if (t->pay[i] < lo)
            lo = t->pay[i];
        if (t->pay[i] > hi)
            hi = t->pay[i];
    }
    double r = hi > lo ? hi - lo : 1;
    double tol = 1e-9 * r;
    return tol > 1e-12 ? tol : 1e-12;
}

/* ------------------------------------------------ (1) pure, perfect information */

typedef struct {
    const ent_efg *t;
    const int32_t *choice;
    double tol, worst;
    double *val; /* nnodes x n */
} pure_walk;

/* Value of node x's subtree under the profile; explicit stack, children first. */
static void pure_values(pure_walk *w)
{
    const ent_efg *t = w->t;
    int n = t->nplayers;
    int32_t *st = malloc(sizeof(int32_t) * (size_t)t->nnodes);
    unsigned char *done = calloc((size_t)t->nnodes, 1);
    if (!st || !done) {
        free(st);
        free(done);
        w->worst = INFINITY;
        return;
    }
    int32_t top = 0;
    st[top++] = 0;
    while (top > 0) {
        int32_t x = st[top - 1];
        int k = efg_nact(t, x);
        if (!done[x]) {
            done[x] = 1;
            for (int a = 0; a < k; a++)
                st[top++] = efg_child(t, x, a);
            continue;
        }
        top--;
        double *v = w->val + (size_t)x * n;
        for (int p = 0; p < n; p++)
            v[p] = t->outcome[x] >= 0 ? t->pay[(size_t)t->outcome[x] * n + p] : 0;
        if (k == 0)
            continue;
        const efg_infoset *is = &t->is[t->iset[x]];
        if (is->player < 0) {
            for (int a = 0; a < k; a++)
                for (int p = 0; p < n; p++)
                    v[p] += t->prob[is->prob0 + a] * w->val[(size_t)efg_child(t, x, a) * n + p];
            continue;
        }
        int c = w->choice[t->iset[x]];
        if (c < 0 || c >= k) {
            w->worst = INFINITY;
            c = 0;
        }
        const double *cv = w->val + (size_t)efg_child(t, x, c) * n;
        for (int p = 0; p < n; p++)
            v[p] += cv[p];
        for (int a = 0; a < k; a++) {
            double gain = w->val[(size_t)efg_child(t, x, a) * n + is->player] - cv[is->player];
            if (gain > w->worst)
                w->worst = gain;
        }
    }
    free(st);
    free(done);
}

int ent_efg_verify_pure_spe(const ent_efg *t, const int32_t *choice, double tol, double *worst,
                            double *payoff)
{
    if (!ent_efg_perfect_information(t))
        return ENT_EUNSUPPORTED;
    pure_walk w = {t, choice, tol, 0, NULL};
    w.val = malloc(sizeof(double) * (size_t)t->nnodes * t->nplayers);
    if (!w.val)
        return ENT_ENOMEM;
    pure_values(&w);
    if (payoff)
        memcpy(payoff, w.val, sizeof(double) * (size_t)t->nplayers);
    free(w.val);
    if (worst)
        *worst = w.worst;
    return w.worst <= tol ? 1 : 0;
}

/* ------------------------------------------------ (2) behaviour regrets */

typedef struct {
    const ent_efg *t;
    const double *b;
    int p;
    double *reach; /* others' and chance's probability of reaching x from the root */
    double *W;     /* best-response value of x's subtree weighted by reach; NAN = unknown */
    int32_t *best; /* per information set: best action, -1 unknown */
    int64_t *off;  /* CSR of nodes per information set */
    int32_t *mem;
    int32_t root, end;
} br_walk;

static double br_value(br_walk *w, int32_t x);

static int br_decide(br_walk *w, int32_t h)
{
    const ent_efg *t = w->t;
    if (w->best[h] >= 0)
        return w->best[h];
    int k = t->is[h].nact, besta = 0;
    double bestv = -INFINITY;
    for (int a = 0; a < k; a++) {
        double s = 0;
        for (int64_t i = w->off[h]; i < w->off[h + 1]; i++)
            s += br_value(w, efg_child(t, w->mem[i], a));
        if (s > bestv) {
            bestv = s;
            besta = a;
        }
    }
    w->best[h] = besta;
    return besta;
}

static double br_value(br_walk *w, int32_t x)
{
    if (!isnan(w->W[x]))
        return w->W[x];
    const ent_efg *t = w->t;
    int n = t->nplayers;
    double v = t->outcome[x] >= 0 ? w->reach[x] * t->pay[(size_t)t->outcome[x] * n + w->p] : 0;
    int k = efg_nact(t, x);
    if (k > 0) {
        int32_t h = t->iset[x];
        if (t->is[h].player == w->p)
            v += br_value(w, efg_child(t, x, br_decide(w, h)));
        else
            for (int a = 0; a < k; a++)
                v += br_value(w, efg_child(t, x, a));
    }
    w->W[x] = v;
    return v;
}

int ent_efg_verify_behaviour(const ent_efg *t, const double *behav, int root, double *regret,
                             double *payoff)
{
    if (root < 0 || root >= t->nnodes || t->kind[root] == ENT_EFG_TERMINAL)
        return ENT_EINVAL;
    if (!ent_efg_perfect_recall(t, NULL, 0))
        return ENT_EUNSUPPORTED;
    for (int32_t h = 0; h < t->nisets; h++) {
        double s = 0;
        for (int a = 0; a < t->is[h].nact; a++) {
            double q = behav[t->is[h].act0 + a];
            if (!(q >= -1e-12))
                return ENT_EINVAL;
            s += q;
        }
        if (fabs(s - 1) > 1e-6)
            return ENT_EINVAL;
    }
    int n = t->nplayers;
    int32_t N = t->nnodes;
    /* the subtree of root is [root, end) in preorder: its last node is reached by
     * following last children */
    int32_t last = root;
    while (efg_nact(t, last) > 0)
        last = efg_child(t, last, efg_nact(t, last) - 1);
    int32_t end = last + 1;
    br_walk w = {t, behav, 0, NULL, NULL, NULL, NULL, NULL, root, end};
    w.reach = malloc(sizeof(double) * (size_t)N);
    w.W = malloc(sizeof(double) * (size_t)N);
    w.best = malloc(sizeof(int32_t) * (size_t)(t->nisets + 1));
    w.off = calloc((size_t)t->nisets + 2, sizeof(int64_t));
    w.mem = malloc(sizeof(int32_t) * (size_t)N);
    double *full = malloc(sizeof(double) * (size_t)N); /* all players' reach */
    double *ev = calloc((size_t)n, sizeof(double));
    int rc = ENT_OK;
    if (!w.reach || !w.W || !w.best || !w.off || !w.mem || !full || !ev) {
        rc = ENT_ENOMEM;
        goto out;
    }
    for (int32_t x = root; x < end; x++)
        if (t->iset[x] >= 0)
            w.off[t->iset[x] + 1]++;
    for (int32_t h = 0; h < t->nisets; h++)
        w.off[h + 1] += w.off[h];
    {
        int64_t *fill = malloc(sizeof(int64_t) * (size_t)(t->nisets + 1));
        if (!fill) {
            rc = ENT_ENOMEM;
            goto out;
        }
        memcpy(fill, w.off, sizeof(int64_t) * (size_t)(t->nisets + 1));
        for (int32_t x = root; x < end; x++)
            if (t->iset[x] >= 0)
                w.mem[fill[t->iset[x]]++] = x;
        free(fill);
    }
    /* expected payoffs: preorder, a node's reach from its parent's */
    full[root] = 1;
    for (int32_t x = root; x < end; x++) {
        if (t->outcome[x] >= 0)
            for (int p = 0; p < n; p++)
                ev[p] += full[x] * t->pay[(size_t)t->outcome[x] * n + p];
        for (int a = 0; a < efg_nact(t, x); a++)
            full[efg_child(t, x, a)] = full[x] * behav[t->is[t->iset[x]].act0 + a];
    }
    for (int p = 0; p < n; p++) {
        w.p = p;
        w.reach[root] = 1;
        for (int32_t x = root; x < end; x++) {
            w.W[x] = NAN;
            int k = efg_nact(t, x);
            if (!k)
                continue;
            const efg_infoset *is = &t->is[t->iset[x]];
            for (int a = 0; a < k; a++)
                w.reach[efg_child(t, x, a)] =
                    w.reach[x] * (is->player == p ? 1.0 : behav[is->act0 + a]);
        }
        for (int32_t h = 0; h < t->nisets; h++)
            w.best[h] = -1;
        double brv = br_value(&w, root);
        if (regret)
            regret[p] = brv - ev[p];
        if (payoff)
            payoff[p] = ev[p];
    }
out:
    free(w.reach);
    free(w.W);
    free(w.best);
    free(w.off);
    free(w.mem);
    free(full);
    free(ev);
    return rc;
}

double ent_efg_spe_max_regret(const ent_efg *t, const double *behav)
{
    unsigned char *root = malloc((size_t)t->nnodes);
    double *reg = malloc(sizeof(double) * (size_t)t->nplayers);
    if (!root || !reg || ent_efg_subgame_roots(t, root)) {
        free(root);
        free(reg);
        return ENT_ENOMEM;
    }
    double worst = 0;
    for (int32_t x = 0; x < t->nnodes; x++) {
        if (!root[x])
            continue;
        int rc = ent_efg_verify_behaviour(t, behav, x, reg, NULL);
        if (rc) {
            worst = rc;
            break;
        }
        for (int p = 0; p < t->nplayers; p++)
            if (reg[p] > worst)
                worst = reg[p];
    }
    free(root);
    free(reg);
    return worst;
}
