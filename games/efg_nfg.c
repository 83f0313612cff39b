/* efg_nfg.c — from a tree to its normal form and back: the full normal form (a plan for
 * every information set) and the reduced normal form (a plan only for the information
 * sets a player's own earlier choices do not exclude; perfect recall required), the
 * behaviour <-> mixed strategy maps of Kuhn's theorem (Kuhn 1953) for games with perfect
 * recall, and a strategic game as a tree (players move in turn, each at one information
 * set). Payoffs of a profile are the expectation over chance of the outcomes on the path,
 * exactly (GMP) when the tree is exact. */
#include "efg_impl.h"
#include "util.h"

#include <gmp.h>
#include <limits.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define MAX_STRATEGIES 100000000LL /* per player */

struct ent_efg_plans {
    int nplayers;
    int *nis;       /* [n] information sets of each player */
    int32_t **isl;  /* [n][nis]: global information-set indices, in tree order */
    int *nstrat;    /* [n] */
    int32_t **act;  /* [n][nstrat * nis]: action, or -1 where the plan says nothing */
    int32_t *pos;   /* [ninfosets]: position of a set in its player's list (-1 chance) */
};

void ent_efg_plans_free(ent_efg_plans **pp)
{
    if (!pp || !*pp)
        return;
    ent_efg_plans *pl = *pp;
    for (int p = 0; p < pl->nplayers; p++) {
        if (pl->isl)
            free(pl->isl[p]);
        if (pl->act)
            free(pl->act[p]);
    }
    free(pl->nis);
    free(pl->isl);
    free(pl->nstrat);
    free(pl->act);
    free(pl->pos);
    free(pl);
    *pp = NULL;
}

int ent_efg_plan_action(const ent_efg_plans *pl, int player, int strategy, int iset)
{
    int k = pl->pos[iset];
    if (k < 0)
        return -1;
    return pl->act[player][(size_t)strategy * pl->nis[player] + k];
}

/* 1 if information set h (of player p) can be reached when p follows plan (indexed by
 * position in p's list). With perfect recall every node of h has the same own history,
 * so the first node decides. */
static int relevant(const ent_efg *t, const ent_efg_plans *pl, int p, const int32_t *plan,
                    int32_t h)
{
    int32_t child = t->is[h].first;
    for (int32_t y = t->parent[child]; y >= 0; child = y, y = t->parent[y]) {
        int32_t k = t->iset[y];
        if (t->is[k].player != p)
            continue;
        int a = plan[pl->pos[k]];
        if (a < 0 || efg_child(t, y, a) != child)
            return 0;
    }
    return 1;
}

typedef struct {
    const ent_efg *t;
    ent_efg_plans *pl;
    int p, reduced, store;
    int32_t *plan;
    long long count, cap;
    int32_t *out;
} enum_ctx;

static void enumerate(enum_ctx *c, int i)
{
    if (c->count > c->cap)
        return;
    int nis = c->pl->nis[c->p];
    if (i == nis) {
        if (c->store)
            memcpy(c->out + (size_t)c->count * nis, c->plan, sizeof(int32_t) * (size_t)nis);
        c->count++;
        return;
    }
    int32_t h = c->pl->isl[c->p][i];
    if (c->reduced && !relevant(c->t, c->pl, c->p, c->plan, h)) {
        c->plan[i] = -1;
        enumerate(c, i + 1);
        return;
    }
    for (int a = 0; a < c->t->is[h].nact; a++) {
        c->plan[i] = a;
        enumerate(c, i + 1);
    }
    c->plan[i] = -1;
}

/* Plans of every player; a player with more than cap strategies is refused
 * (ENT_ETOOBIG) before they are stored, and so is a product of counts above max_prof. */
static int plans_build(const ent_efg *t, int reduced, long long cap, double max_prof,
                       ent_efg_plans **out, ent_error *err)
{
    *out = NULL;
    if (reduced && !ent_efg_perfect_recall(t, NULL, 0))
        reduced = 0;
    int n = t->nplayers;
    ent_efg_plans *pl = calloc(1, sizeof *pl);
    if (!pl)
        return ent_error_set(err, ENT_ENOMEM, "out of memory");
    pl->nplayers = n;
    pl->nis = calloc((size_t)n, sizeof(int));
    pl->isl = calloc((size_t)n, sizeof(int32_t *));
    pl->nstrat = calloc((size_t)n, sizeof(int));
    pl->act = calloc((size_t)n, sizeof(int32_t *));
    pl->pos = malloc(sizeof(int32_t) * (size_t)(t->nisets ? t->nisets : 1));
    int rc = ENT_OK;
    if (!pl->nis || !pl->isl || !pl->nstrat || !pl->act || !pl->pos) {
        rc = ent_error_set(err, ENT_ENOMEM, "out of memory");
        goto fail;
    }
    for (int32_t h = 0; h < t->nisets; h++) {
        int p = t->is[h].player;
        pl->pos[h] = p < 0 ? -1 : pl->nis[p]++;
    }
    for (int p = 0; p < n; p++) {
        pl->isl[p] = malloc(sizeof(int32_t) * (size_t)(pl->nis[p] + 1));
        if (!pl->isl[p]) {
            rc = ent_error_set(err, ENT_ENOMEM, "out of memory");
            goto fail;
        }
    }
    for (int32_t h = 0; h < t->nisets; h++)
        if (t->is[h].player >= 0)
            pl->isl[t->is[h].player][pl->pos[h]] = h;
    double prof = 1;
    for (int p = 0; p < n; p++) {
        int nis = pl->nis[p];
        int32_t *plan = malloc(sizeof(int32_t) * (size_t)(nis + 1));
        if (!plan) {
            rc = ent_error_set(err, ENT_ENOMEM, "out of memory");
            goto fail;
        }
        for (int i = 0; i < nis; i++)
            plan[i] = -1;
        enum_ctx c = {t, pl, p, reduced, 0, plan, 0, cap, NULL};
        enumerate(&c, 0);
        if (c.count > cap) {
            free(plan);
            rc = ent_error_set(err, ENT_ETOOBIG,
                               "normal form too large: %s has more than %lld %s strategies",
                               t->player[p], cap, reduced ? "reduced" : "pure");
            goto fail;
        }
        prof *= (double)(c.count ? c.count : 1);
        if (prof > max_prof) {
            free(plan);
            rc = ent_error_set(err, ENT_ETOOBIG,
                               "normal form too large: more than %.0f strategy profiles "
                               "(the limit for %d players is %.0f)",
                               prof, n, max_prof);
            goto fail;
        }
        uint64_t bytes;
        if (!ent_mul_ok((uint64_t)c.count, (uint64_t)(nis ? nis : 1) * sizeof(int32_t), &bytes) ||
            bytes > ((uint64_t)1 << 32)) {
            free(plan);
            rc = ent_error_set(err, ENT_ETOOBIG,
                               "normal form too large: %s's %lld strategies over %d information "
                               "sets need more than 4 GiB",
                               t->player[p], c.count, nis);
            goto fail;
        }
        pl->act[p] = malloc((size_t)bytes + sizeof(int32_t));
        if (!pl->act[p]) {
            free(plan);
            rc = ent_error_set(err, ENT_ENOMEM, "out of memory");
            goto fail;
        }
        c.store = 1;
        c.count = 0;
        c.out = pl->act[p];
        enumerate(&c, 0);
        pl->nstrat[p] = (int)c.count;
        free(plan);
    }
    *out = pl;
    return ENT_OK;
fail:
    ent_efg_plans_free(&pl);
    return rc;
}

int ent_efg_plans_new(const ent_efg *t, int reduced, ent_efg_plans **out, ent_error *err)
{
    return plans_build(t, reduced, MAX_STRATEGIES, 1e300, out, err);
}

int ent_efg_plans_nstrategies(const ent_efg_plans *pl, int player) { return pl->nstrat[player]; }

/* ------------------------------------------------------------ payoffs */

/* Expected payoffs of the pure profile prof (one strategy per player) by a walk of the
 * nodes it reaches; stack holds up to nnodes (node, probability) pairs. */
static void profile_payoff(const ent_efg *t, const ent_efg_plans *pl, const int *prof,
                           int32_t *stack, double *sp, double *u)
{
    int n = t->nplayers;
    for (int p = 0; p < n; p++)
        u[p] = 0;
    int64_t top = 0;
    stack[top] = 0;
    sp[top++] = 1.0;
    while (top > 0) {
        top--;
        int32_t x = stack[top];
        double pr = sp[top];
        if (t->outcome[x] >= 0)
            for (int p = 0; p < n; p++)
                u[p] += pr * t->pay[(size_t)t->outcome[x] * n + p];
        int32_t h = t->iset[x];
        if (h < 0)
            continue;
        const efg_infoset *is = &t->is[h];
        if (is->player < 0) {
            for (int a = is->nact - 1; a >= 0; a--)
                if (t->prob[is->prob0 + a] > 0) {
                    stack[top] = efg_child(t, x, a);
                    sp[top++] = pr * t->prob[is->prob0 + a];
                }
        } else {
            int p = is->player;
            int a = pl->act[p][(size_t)prof[p] * pl->nis[p] + pl->pos[h]];
            stack[top] = efg_child(t, x, a < 0 ? 0 : a);
            sp[top++] = pr;
        }
    }
}

/* The same in exact arithmetic. u: n initialised mpq_t. Returns 0 if a value does not fit
 * a 64-bit fraction afterwards (checked by the caller). */
static void profile_payoff_exact(const ent_efg *t, const ent_efg_plans *pl, const int *prof,
                                 int32_t *stack, mpq_t *qs, mpq_t *u, mpq_t tmp)
{
    int n = t->nplayers;
    for (int p = 0; p < n; p++)
        mpq_set_ui(u[p], 0, 1);
    int64_t top = 0;
    stack[top] = 0;
    mpq_set_ui(qs[top++], 1, 1);
    while (top > 0) {
        top--;
        int32_t x = stack[top];
        if (t->outcome[x] >= 0)
            for (int p = 0; p < n; p++) {
                size_t i = (size_t)t->outcome[x] * n + p;
                mpq_set_si(tmp, t->enu[i], (unsigned long)t->eden[i]);
                mpq_canonicalize(tmp);
                mpq_mul(tmp, tmp, qs[top]);
                mpq_add(u[p], u[p], tmp);
            }
        int32_t h = t->iset[x];
        if (h < 0)
            continue;
        const efg_infoset *is = &t->is[h];
        if (is->player < 0) {
            /* children pushed above top; qs[top] is this node's probability */
            mpq_set(tmp, qs[top]);
            for (int a = is->nact - 1; a >= 0; a--)
                if (t->pnum[is->prob0 + a] != 0) {
                    stack[top] = efg_child(t, x, a);
                    mpq_set_si(qs[top], t->pnum[is->prob0 + a],
                               (unsigned long)t->pden[is->prob0 + a]);
                    mpq_canonicalize(qs[top]);
                    mpq_mul(qs[top], qs[top], tmp);
                    top++;
                }
        } else {
            int p = is->player;
            int a = pl->act[p][(size_t)prof[p] * pl->nis[p] + pl->pos[h]];
            stack[top] = efg_child(t, x, a < 0 ? 0 : a);
            top++; /* qs[top-1] already holds pr */
        }
    }
}

static int fits64(const mpq_t q, int64_t *num, int64_t *den)
{
    if (!mpz_fits_slong_p(mpq_numref(q)) || !mpz_fits_slong_p(mpq_denref(q)))
        return 0;
    *num = mpz_get_si(mpq_numref(q));
    *den = mpz_get_si(mpq_denref(q));
    return 1;
}

static void strategy_label(const ent_efg *t, const ent_efg_plans *pl, int p, int s, ent_buf *b)
{
    b->len = 0;
    if (b->data)
        b->data[0] = '\0';
    int nis = pl->nis[p];
    if (nis == 0) {
        ent_buf_puts(b, "(no move)");
        return;
    }
    for (int i = 0; i < nis; i++) {
        int a = pl->act[p][(size_t)s * nis + i];
        if (i)
            ent_buf_putc(b, '/');
        const efg_infoset *is = &t->is[pl->isl[p][i]];
        if (a < 0)
            ent_buf_putc(b, '*');
        else {
            const char *l = efg_str(t, t->alabel[is->act0 + a]);
            if (l[0])
                ent_buf_puts(b, l);
            else
                ent_buf_printf(b, "%d", a + 1);
        }
    }
}

int ent_efg_to_nfg(const ent_efg *t, int reduced, const ent_game_opts *o, ent_game **out,
                   ent_efg_plans **plans_out, ent_error *err)
{
    *out = NULL;
    if (plans_out)
        *plans_out = NULL;
    ent_efg_plans *pl;
    ent_game_opts def;
    if (!o) {
        ent_game_opts_init(&def);
        o = &def;
    }
    double max_prof = (double)o->mem_limit / (8.0 * t->nplayers);
    long long cap = max_prof < (double)MAX_STRATEGIES ? (long long)max_prof : MAX_STRATEGIES;
    int rc = plans_build(t, reduced, cap, max_prof, &pl, err);
    if (rc)
        return rc;
    int n = t->nplayers;
    int *ns = malloc(sizeof(int) * (size_t)n);
    if (!ns) {
        ent_efg_plans_free(&pl);
        return ent_error_set(err, ENT_ENOMEM, "out of memory");
    }
    for (int p = 0; p < n; p++)
        ns[p] = pl->nstrat[p] ? pl->nstrat[p] : 1;
    ent_game *g = NULL;
    rc = ent_game_new(&g, n, ns, o, err);
    free(ns);
    if (rc) {
        ent_efg_plans_free(&pl);
        return rc;
    }
    ent_buf b = {0};
    rc = ent_game_set_title(g, t->title) || ent_game_set_comment(g, t->comment) ? ENT_ENOMEM : ENT_OK;
    for (int p = 0; p < n && !rc; p++) {
        if (ent_game_set_player_label(g, p, t->player[p]))
            rc = ENT_ENOMEM;
        for (int s = 0; s < pl->nstrat[p] && !rc; s++) {
            strategy_label(t, pl, p, s, &b);
            if (b.failed || ent_game_set_strategy_label(g, p, s, b.data ? b.data : ""))
                rc = ENT_ENOMEM;
        }
    }
    ent_buf_free(&b);
    if (rc) {
        ent_game_free(&g);
        ent_efg_plans_free(&pl);
        return ent_error_set(err, ENT_ENOMEM, "out of memory");
    }
    uint64_t np = ent_game_nprofiles(g);
    int exact = ent_efg_has_exact(t);
    int fail = 0, exact_fits = 1;
    double **U = malloc(sizeof(double *) * (size_t)n);
    if (!U)
        fail = 1;
    else
        for (int p = 0; p < n; p++)
            U[p] = ent_game_payoffs_mut(g, p);
#pragma omp parallel if (np > 64)
    {
        int32_t *stack = malloc(sizeof(int32_t) * (size_t)t->nnodes);
        double *sp = malloc(sizeof(double) * (size_t)t->nnodes);
        double *u = malloc(sizeof(double) * (size_t)n);
        int *prof = malloc(sizeof(int) * (size_t)n);
        int ok = stack && sp && u && prof && U;
        if (!ok) {
#pragma omp atomic write
            fail = 1;
        }
#pragma omp for schedule(static)
        for (uint64_t i = 0; i < np; i++) {
            if (!ok)
                continue;
            ent_game_profile_decode(g, i, prof);
            profile_payoff(t, pl, prof, stack, sp, u);
            for (int p = 0; p < n; p++)
                U[p][i] = u[p] == 0 ? 0.0 : u[p];
        }
        free(stack);
        free(sp);
        free(u);
        free(prof);
    }
    if (!fail && exact) {
        /* exact payoffs, one profile at a time (GMP temporaries are per call) */
        int32_t *stack = malloc(sizeof(int32_t) * (size_t)t->nnodes);
        mpq_t *qs = malloc(sizeof(mpq_t) * (size_t)t->nnodes);
        mpq_t *u = malloc(sizeof(mpq_t) * (size_t)n);
        int *prof = malloc(sizeof(int) * (size_t)n);
        if (!stack || !qs || !u || !prof)
            fail = 1;
        else {
            mpq_t tmp;
            mpq_init(tmp);
            for (int32_t x = 0; x < t->nnodes; x++)
                mpq_init(qs[x]);
            for (int p = 0; p < n; p++)
                mpq_init(u[p]);
            for (uint64_t i = 0; i < np && exact_fits; i++) {
                ent_game_profile_decode(g, i, prof);
                profile_payoff_exact(t, pl, prof, stack, qs, u, tmp);
                for (int p = 0; p < n && exact_fits; p++) {
                    int64_t num, den;
                    if (!fits64(u[p], &num, &den) || ent_game_set_exact(g, p, i, num, den))
                        exact_fits = 0;
                }
            }
            for (int32_t x = 0; x < t->nnodes; x++)
                mpq_clear(qs[x]);
            for (int p = 0; p < n; p++)
                mpq_clear(u[p]);
            mpq_clear(tmp);
        }
        free(stack);
        free(qs);
        free(u);
        free(prof);
        if (!exact_fits)
            ent_game_clear_exact(g);
    }
    free(U);
    if (fail) {
        ent_game_free(&g);
        ent_efg_plans_free(&pl);
        return ent_error_set(err, ENT_ENOMEM, "out of memory");
    }
    *out = g;
    if (plans_out)
        *plans_out = pl;
    else
        ent_efg_plans_free(&pl);
    return ENT_OK;
}

/* ------------------------------------------------------ Kuhn's theorem */

int ent_efg_nbehaviour(const ent_efg *t) { return (int)t->nactions; }
int ent_efg_action_index(const ent_efg *t, int iset, int action)
{
    return (int)(t->is[iset].act0 + action);
}

int ent_efg_behaviour_from_mixed(const ent_efg *t, const ent_efg_plans *pl, const double *mixed,
                                 double *behav)
{
    int n = t->nplayers, off = 0;
    for (int32_t h = 0; h < t->nisets; h++) {
        const efg_infoset *is = &t->is[h];
        for (int a = 0; a < is->nact; a++)
            behav[is->act0 + a] = is->player < 0 ? t->prob[is->prob0 + a] : 0.0;
    }
    for (int p = 0; p < n; p++) {
        int nis = pl->nis[p];
        for (int i = 0; i < nis; i++) {
            const efg_infoset *is = &t->is[pl->isl[p][i]];
            double reach = 0, all = 0;
            for (int s = 0; s < pl->nstrat[p]; s++) {
                int a = pl->act[p][(size_t)s * nis + i];
                double x = mixed[off + s];
                if (x < 0)
                    return ENT_EINVAL;
                if (a >= 0) {
                    behav[is->act0 + a] += x;
                    reach += x;
                }
                all += x;
            }
            if (reach > 0) {
                for (int a = 0; a < is->nact; a++)
                    behav[is->act0 + a] /= reach;
            } else {
                /* not reached: the plans' choice of the first strategy specifying it */
                int chosen = -1;
                for (int s = 0; s < pl->nstrat[p] && chosen < 0; s++)
                    chosen = pl->act[p][(size_t)s * nis + i];
                for (int a = 0; a < is->nact; a++)
                    behav[is->act0 + a] = a == (chosen < 0 ? 0 : chosen);
            }
            (void)all;
        }
        off += pl->nstrat[p] ? pl->nstrat[p] : 1;
    }
    return ENT_OK;
}

int ent_efg_mixed_from_behaviour(const ent_efg *t, const ent_efg_plans *pl, const double *behav,
                                 double *mixed)
{
    int n = t->nplayers, off = 0;
    for (int p = 0; p < n; p++) {
        int nis = pl->nis[p];
        if (pl->nstrat[p] == 0) {
            mixed[off++] = 1.0;
            continue;
        }
        for (int s = 0; s < pl->nstrat[p]; s++) {
            double x = 1;
            for (int i = 0; i < nis; i++) {
                int a = pl->act[p][(size_t)s * nis + i];
                if (a >= 0)
                    x *= behav[t->is[pl->isl[p][i]].act0 + a];
            }
            mixed[off + s] = x;
        }
        off += pl->nstrat[p];
    }
    return ENT_OK;
}

/* ------------------------------------------------------ strategic game as a tree */

int ent_efg_from_nfg(const ent_game *g, ent_efg **out, ent_error *err)
{
    *out = NULL;
    int n = ent_game_nplayers(g);
    uint64_t np = ent_game_nprofiles(g), nodes = 0, level = 1;
    for (int p = 0; p < n; p++) {
        if (!ent_mul_ok(level, (uint64_t)ent_game_nstrategies(g, p), &level) ||
            (nodes += level) > INT32_MAX - 1)
            return ent_error_set(err, ENT_ETOOBIG,
                                 "tree too large: the strategic game needs more than %d nodes",
                                 INT32_MAX);
    }
    ent_efg *t;
    int rc = ent_efg_new(&t, n, NULL, err);
    if (rc)
        return rc;
    if (ent_efg_set_title(t, ent_game_title(g)) || ent_efg_set_comment(t, ent_game_comment(g)))
        rc = ent_error_set(err, ENT_ENOMEM, "out of memory");
    for (int p = 0; p < n && !rc; p++)
        if (ent_efg_set_player_label(t, p, ent_game_player_label(g, p)))
            rc = ent_error_set(err, ENT_ENOMEM, "out of memory");
    int exact = ent_game_has_exact(g);
    double *pay = malloc(sizeof(double) * (size_t)n);
    int64_t *num = malloc(sizeof(int64_t) * (size_t)n), *den = malloc(sizeof(int64_t) * (size_t)n);
    const char **lab = NULL;
    int *iset = malloc(sizeof(int) * (size_t)n), *prof = malloc(sizeof(int) * (size_t)n);
    if (!pay || !num || !den || !iset || !prof)
        rc = ent_error_set(err, ENT_ENOMEM, "out of memory");
    for (int p = 0; p < n && !rc; p++) {
        int m = ent_game_nstrategies(g, p);
        lab = malloc(sizeof(char *) * (size_t)m);
        if (!lab) {
            rc = ent_error_set(err, ENT_ENOMEM, "out of memory");
            break;
        }
        for (int s = 0; s < m; s++)
            lab[s] = ent_game_strategy_label(g, p, s);
        rc = ent_efg_add_infoset(t, p, m, lab, NULL, NULL, NULL, 1, "", err);
        free(lab);
        if (rc < 0)
            break;
        iset[p] = rc;
        rc = ENT_OK;
    }
    /* preorder: player 0's node, then for each of its actions player 1's node, ...; the
     * terminal nodes come in the order where the last player's strategy varies fastest */
    for (int p = 0; p < n && !rc; p++)
        prof[p] = 0;
    if (!rc && (rc = ent_efg_add_node(t, iset[0], -1, "", err)) >= 0)
        rc = ENT_OK;
    int depth = 1;
    while (!rc && depth > 0) {
        if (depth < n) {
            if ((rc = ent_efg_add_node(t, iset[depth], -1, "", err)) < 0)
                break;
            rc = ENT_OK;
            prof[depth] = 0;
            depth++;
            continue;
        }
        uint64_t idx = ent_game_profile_index(g, prof);
        for (int p = 0; p < n; p++) {
            pay[p] = ent_game_payoffs(g, p)[idx];
            num[p] = den[p] = 0;
            if (exact)
                ent_game_get_exact(g, p, idx, &num[p], &den[p]);
        }
        int o = ent_efg_add_outcome(t, pay, exact ? num : NULL, exact ? den : NULL, 0, "", err);
        if (o < 0 || (rc = ent_efg_add_node(t, -1, o, "", err)) < 0) {
            rc = o < 0 ? o : rc;
            break;
        }
        rc = ENT_OK;
        /* advance the last player's strategy; carry upwards */
        int p = n - 1;
        while (p >= 0 && ++prof[p] == ent_game_nstrategies(g, p)) {
            prof[p] = 0;
            p--;
        }
        if (p < 0)
            break;
        depth = p + 1;
    }
    (void)np;
    free(pay);
    free(num);
    free(den);
    free(iset);
    free(prof);
    if (!rc)
        rc = ent_efg_finish(t, err);
    if (rc) {
        ent_efg_free(&t);
        return rc;
    }
    *out = t;
    return ENT_OK;
}
