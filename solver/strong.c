/* strong.c — coalitional stability of pure Nash equilibria: strong Nash equilibrium
 * (Aumann 1959: no coalition has a joint deviation making all its members strictly better
 * off) and coalition-proof Nash equilibrium (Bernheim, Peleg & Whinston 1987, JET 42:
 * a profile is coalition-proof in a game if it is self-enforcing — its restriction to
 * every proper coalition is coalition-proof in the game that coalition faces — and no
 * other self-enforcing profile makes every player strictly better off). Deviations are
 * pure; the recursion is memoised per (coalition, profile). Pareto status comes from
 * pareto.c. */
#include "entente.h"

#include <stdlib.h>
#include <string.h>

#define MAX_PROFILES 1000000ULL
#define MAX_MEMO (64ULL << 20)

typedef struct {
    const ent_game *g;
    int n;
    uint64_t np;
    double tol;
    const unsigned char *feas; /* NULL = every outcome feasible */
    unsigned char *memo_cp; /* [coalition * np + i]: 0 unknown, 1 yes, 2 no */
    unsigned char *memo_se;
} cp_ctx;

static double pay(const cp_ctx *c, int p, uint64_t i) { return ent_game_payoffs(c->g, p)[i]; }

/* Enumerate the profiles that agree with i outside coalition C: *cur starts at i with C's
 * strategies zero; returns 0 when exhausted. */
static uint64_t first_dev(const cp_ctx *c, uint32_t C, uint64_t i)
{
    for (int p = 0; p < c->n; p++)
        if (C >> p & 1) {
            uint64_t st = ent_game_stride(c->g, p);
            i -= ((i / st) % (uint64_t)ent_game_nstrategies(c->g, p)) * st;
        }
    return i;
}

static int next_dev(const cp_ctx *c, uint32_t C, uint64_t *cur)
{
    for (int p = 0; p < c->n; p++) {
        if (!(C >> p & 1))
            continue;
        uint64_t st = ent_game_stride(c->g, p), m = (uint64_t)ent_game_nstrategies(c->g, p);
        uint64_t s = (*cur / st) % m;
        if (s + 1 < m) {
            *cur += st;
            return 1;
        }
        *cur -= s * st;
    }
    return 0;
}

static int improves_all(const cp_ctx *c, uint32_t C, uint64_t to, uint64_t from)
{
    if (c->feas && !c->feas[to])
        return 0;
    for (int p = 0; p < c->n; p++)
        if ((C >> p & 1) && !(pay(c, p, to) > pay(c, p, from) + c->tol))
            return 0;
    return 1;
}

static int cpne(cp_ctx *c, uint32_t C, uint64_t i);

static int self_enforcing(cp_ctx *c, uint32_t C, uint64_t i)
{
    unsigned char *m = &c->memo_se[(uint64_t)C * c->np + i];
    if (*m)
        return *m == 1;
    int ok = 1;
    for (uint32_t D = (C - 1) & C; D && ok; D = (D - 1) & C) /* proper nonempty subsets */
        ok = cpne(c, D, i);
    *m = ok ? 1 : 2;
    return ok;
}

static int cpne(cp_ctx *c, uint32_t C, uint64_t i)
{
    unsigned char *m = &c->memo_cp[(uint64_t)C * c->np + i];
    if (*m)
        return *m == 1;
    int ok;
    if (!(C & (C - 1))) { /* one player: best response */
        int p = __builtin_ctz(C);
        uint64_t j = first_dev(c, C, i);
        ok = 1;
        do
            ok = !(pay(c, p, j) > pay(c, p, i) + c->tol);
        while (ok && next_dev(c, C, &j));
    } else {
        ok = self_enforcing(c, C, i);
        if (ok) {
            uint64_t j = first_dev(c, C, i);
            do
                if (j != i && improves_all(c, C, j, i) && self_enforcing(c, C, j))
                    ok = 0;
            while (ok && next_dev(c, C, &j));
        }
    }
    *m = ok ? 1 : 2;
    return ok;
}

/* Why profile i is not coalition-proof for coalition C: the blocking coalition and its
 * deviation (a best response for one player, a self-enforcing improvement otherwise). */
static void why_not(cp_ctx *c, uint32_t C, uint64_t i, uint32_t *block, uint64_t *dev)
{
    if (C & (C - 1)) {
        if (!self_enforcing(c, C, i)) {
            for (int size = 1; size < __builtin_popcount(C); size++)
                for (uint32_t D = (C - 1) & C; D; D = (D - 1) & C)
                    if (__builtin_popcount(D) == size && !cpne(c, D, i)) {
                        why_not(c, D, i, block, dev);
                        return;
                    }
        }
        uint64_t j = first_dev(c, C, i);
        do
            if (j != i && improves_all(c, C, j, i) && self_enforcing(c, C, j)) {
                *block = C;
                *dev = j;
                return;
            }
        while (next_dev(c, C, &j));
    }
    int p = __builtin_ctz(C);
    uint64_t j = first_dev(c, C, i), best = i;
    do
        if (pay(c, p, j) > pay(c, p, best) + c->tol)
            best = j;
    while (next_dev(c, C, &j));
    *block = C;
    *dev = best;
}

int ent_coalition_analyse(const ent_game *g, const unsigned char *feasible,
                          ent_coalition_status **out, int *nout, ent_error *err)
{
    return ent_coalition_analyse_until(g, feasible, 0, out, nout, NULL, err);
}

int ent_coalition_analyse_until(const ent_game *g, const unsigned char *feasible,
                                double deadline, ent_coalition_status **out, int *nout,
                                uint64_t *examined, ent_error *err)
{
    if (examined)
        *examined = 0;
    *out = NULL;
    *nout = 0;
    cp_ctx c;
    memset(&c, 0, sizeof c);
    c.g = g;
    c.n = ent_game_nplayers(g);
    c.np = ent_game_nprofiles(g);
    c.tol = ent_verify_tolerance(g);
    c.feas = feasible;
    if (c.n > 16 || c.np > MAX_PROFILES || (c.np << c.n) > MAX_MEMO)
        return ent_error_set(err, ENT_ETOOBIG,
                             "coalition analysis: %d players and %llu profiles exceed the limits "
                             "(16 players, %llu profiles, players x profiles memo %llu)",
                             c.n, (unsigned long long)c.np, MAX_PROFILES,
                             (unsigned long long)MAX_MEMO);
    uint32_t all = (uint32_t)((1u << c.n) - 1);
    size_t memo = (size_t)(c.np << c.n);
    c.memo_cp = (unsigned char *)calloc(memo, 1);
    c.memo_se = (unsigned char *)calloc(memo, 1);
    unsigned char *po = (unsigned char *)malloc((size_t)c.np);
    size_t cap = 16;
    ent_coalition_status *st = (ent_coalition_status *)malloc(sizeof *st * cap);
    int rc = ENT_OK, k = 0;
    double *pv = (double *)malloc(sizeof(double) * (size_t)c.n);
    if (!c.memo_cp || !c.memo_se || !po || !st || !pv) {
        rc = ent_error_set(err, ENT_ENOMEM, "coalition analysis: out of memory");
        goto done;
    }
    rc = ent_pareto_optimal_until(g, feasible, deadline, po, NULL);
    if (rc != ENT_OK) {
        rc = ent_error_set(err, rc, "coalition analysis: %s",
                           rc == ENT_ETIMEOUT ? "stopped by the time limit or an interrupt"
                                              : ent_strerror(rc));
        if (rc == ENT_ETIMEOUT)
            goto stopped;
        goto done;
    }
    for (uint64_t i = 0; i < c.np; i++) {
        if (examined)
            *examined = i;
        if ((i & 63) == 0 && ent_should_stop(deadline)) {
            rc = ent_error_set(err, ENT_ETIMEOUT, "coalition analysis: stopped by the time "
                                                  "limit or an interrupt");
            goto stopped;
        }
        if (feasible && !feasible[i])
            continue;
        int nash = 1;
        for (int p = 0; p < c.n && nash; p++)
            nash = cpne(&c, 1u << p, i);
        if (!nash)
            continue;
        if ((size_t)k == cap) {
            ent_coalition_status *ns = (ent_coalition_status *)realloc(st, sizeof *st * cap * 2);
            if (!ns) {
                rc = ent_error_set(err, ENT_ENOMEM, "coalition analysis: out of memory");
                goto done;
            }
            st = ns;
            cap *= 2;
        }
        ent_coalition_status *s = &st[k++];
        memset(s, 0, sizeof *s);
        s->profile = i;
        /* strong: smallest blocking coalition first, then lowest mask, first deviation */
        s->strong = 1;
        for (int size = 2; size <= c.n && s->strong; size++)
            for (uint32_t C = 1; C <= all && s->strong; C++) {
                if (__builtin_popcount(C) != size)
                    continue;
                uint64_t j = first_dev(&c, C, i);
                do
                    if (j != i && improves_all(&c, C, j, i)) {
                        s->strong = 0;
                        s->strong_block = C;
                        s->strong_dev = j;
                    }
                while (s->strong && next_dev(&c, C, &j));
            }
        s->cpne = cpne(&c, all, i);
        if (!s->cpne)
            why_not(&c, all, i, &s->cpne_block, &s->cpne_dev);
        s->pareto = po[i];
        if (!s->pareto) {
            for (int p = 0; p < c.n; p++)
                pv[p] = pay(&c, p, i);
            s->pareto_dom = ent_pareto_dominator(g, feasible, pv, 0);
        }
    }
    if (examined)
        *examined = c.np;
    goto done;
stopped: /* the equilibria among the profiles examined, each fully analysed */
    free(c.memo_cp);
    free(c.memo_se);
    free(po);
    free(pv);
    *out = st;
    *nout = k;
    return ENT_ETIMEOUT;
done:
    free(c.memo_cp);
    free(c.memo_se);
    free(po);
    free(pv);
    if (rc != ENT_OK) {
        free(st);
        return rc;
    }
    *out = st;
    *nout = k;
    return ENT_OK;
}
