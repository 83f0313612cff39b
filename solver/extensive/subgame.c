/* subgame.c — subgame-perfect equilibria by subgame decomposition (Selten 1965, 1975):
 * subgames are solved deepest first; each becomes a small tree in which the subgames
 * below are terminal nodes paying their chosen equilibrium's values, is turned into its
 * reduced normal form and solved by the normal-form solvers (two players: all extreme
 * equilibria; more: pure equilibria, else support enumeration). Every combination of
 * the subgames' equilibria is followed (depth first) up to a limit; each resulting
 * behaviour profile is re-checked in every subgame (ent_efg_spe_max_regret). */
#include "../../games/efg_impl.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

typedef struct {
    const ent_efg *t;
    int n;
    int32_t *roots, nroots; /* subgame roots, deepest (largest index) first */
    unsigned char *is_root;
    int32_t *end;           /* one past each node's subtree */
    double *val;            /* per node: value of the subgame at a root, as chosen */
    double *behav;          /* the profile being assembled */
    int32_t *map;           /* original information set -> small tree's, scratch */
    int max_list, nfound, truncated;
    double *out;
    size_t out_cap;
    ent_error *err;
} dctx;

/* The small tree of the subgame at r: nodes of r's subtree outside deeper subgames, those
 * subgames' roots as terminal nodes paying their values. OUT: *mini, and back[mini iset]
 * = original information set. */
static int small_tree(dctx *c, int32_t r, ent_efg **mini, int32_t **back)
{
    const ent_efg *t = c->t;
    int n = c->n;
    ent_efg *m;
    int rc = ent_efg_new(&m, n, NULL, c->err);
    if (rc)
        return rc;
    int32_t *bk = malloc(sizeof(int32_t) * (size_t)(t->nisets + 1));
    double *pay = malloc(sizeof(double) * (size_t)n);
    const char **lab = NULL;
    if (!bk || !pay) {
        rc = ent_error_set(c->err, ENT_ENOMEM, "out of memory");
        goto fail;
    }
    for (int32_t h = 0; h < t->nisets; h++)
        c->map[h] = -1;
    for (int32_t y = r; y < c->end[r];) {
        int out = -1;
        int leaf = y != r && c->is_root[y];
        if (leaf || t->outcome[y] >= 0) {
            for (int p = 0; p < n; p++)
                pay[p] = leaf ? c->val[(size_t)y * n + p] : t->pay[(size_t)t->outcome[y] * n + p];
            if ((out = ent_efg_add_outcome(m, pay, NULL, NULL, 0, "", c->err)) < 0) {
                rc = out;
                goto fail;
            }
        }
        int32_t mh = -1;
        if (!leaf && t->iset[y] >= 0) {
            int32_t h = t->iset[y];
            if (c->map[h] < 0) {
                const efg_infoset *is = &t->is[h];
                lab = malloc(sizeof(char *) * (size_t)is->nact);
                if (!lab) {
                    rc = ent_error_set(c->err, ENT_ENOMEM, "out of memory");
                    goto fail;
                }
                for (int a = 0; a < is->nact; a++)
                    lab[a] = efg_str(t, t->alabel[is->act0 + a]);
                int k = ent_efg_add_infoset(m, is->player, is->nact, lab,
                                            is->prob0 >= 0 ? t->prob + is->prob0 : NULL, NULL, NULL,
                                            is->number, efg_str(t, is->label), c->err);
                free(lab);
                lab = NULL;
                if (k < 0) {
                    rc = k;
                    goto fail;
                }
                c->map[h] = k;
                bk[k] = h;
            }
            mh = c->map[h];
        }
        if ((rc = ent_efg_add_node(m, mh, out, "", c->err)) < 0)
            goto fail;
        rc = ENT_OK;
        y = leaf ? c->end[y] : y + 1;
    }
    if ((rc = ent_efg_finish(m, c->err)))
        goto fail;
    free(pay);
    *mini = m;
    *back = bk;
    return ENT_OK;
fail:
    free(bk);
    free(pay);
    ent_efg_free(&m);
    return rc;
}

/* Expected payoffs at the root of a small tree under behaviour b (preorder reach). */
static void tree_value(const ent_efg *m, const double *b, double *v)
{
    int n = m->nplayers;
    double *reach = malloc(sizeof(double) * (size_t)m->nnodes);
    for (int p = 0; p < n; p++)
        v[p] = 0;
    if (!reach)
        return;
    reach[0] = 1;
    for (int32_t x = 0; x < m->nnodes; x++) {
        if (m->outcome[x] >= 0)
            for (int p = 0; p < n; p++)
                v[p] += reach[x] * m->pay[(size_t)m->outcome[x] * n + p];
        for (int a = 0; a < efg_nact(m, x); a++)
            reach[efg_child(m, x, a)] = reach[x] * b[m->is[m->iset[x]].act0 + a];
    }
    free(reach);
}

/* Equilibria of a normal form as mixed profiles (neq x total strategies). */
static int nf_equilibria(const ent_game *g, double **eq, int *neq, ent_error *err)
{
    int n = ent_game_nplayers(g), tot = ent_game_total_strategies(g);
    *eq = NULL;
    *neq = 0;
    if (n == 2) {
        ent_bimatrix_opts o;
        ent_bimatrix_opts_init(&o);
        if (ent_game_total_strategies(g) > 128)
            o.method = ENT_BM_LEMKE;
        ent_bimatrix *b;
        int rc = ent_bimatrix_solve(g, &o, &b, err);
        if (rc)
            return rc;
        int k = ent_bimatrix_count(b);
        *eq = malloc(sizeof(double) * (size_t)(k ? k : 1) * tot);
        if (!*eq) {
            ent_bimatrix_free(&b);
            return ent_error_set(err, ENT_ENOMEM, "out of memory");
        }
        for (int i = 0; i < k; i++)
            ent_bimatrix_profile(b, i, *eq + (size_t)i * tot);
        *neq = k;
        ent_bimatrix_free(&b);
        return ENT_OK;
    }
    ent_pure_eq *pe;
    size_t cnt;
    uint64_t total;
    int rc = ent_pure_nash(g, NULL, &pe, &cnt, &total, err);
    if (rc)
        return rc;
    if (cnt > 0) {
        *eq = calloc(cnt * (size_t)tot, sizeof(double));
        int *prof = malloc(sizeof(int) * (size_t)n);
        if (!*eq || !prof) {
            free(pe);
            free(prof);
            return ent_error_set(err, ENT_ENOMEM, "out of memory");
        }
        for (size_t i = 0; i < cnt; i++) {
            ent_game_profile_decode(g, pe[i].profile, prof);
            for (int p = 0; p < n; p++)
                (*eq)[i * tot + ent_game_strategy_offset(g, p) + prof[p]] = 1;
        }
        *neq = (int)cnt;
        free(prof);
        free(pe);
        return ENT_OK;
    }
    free(pe);
    ent_npoly_opts o;
    ent_npoly_opts_init(&o);
    ent_npoly_result r;
    if ((rc = ent_nash_npoly(g, &o, &r, err)))
        return rc;
    *eq = r.eq;
    *neq = r.neq;
    r.eq = NULL;
    ent_npoly_result_clear(&r);
    return ENT_OK;
}

static int descend(dctx *c, int k)
{
    const ent_efg *t = c->t;
    size_t nb = (size_t)t->nactions;
    if (c->nfound >= c->max_list) {
        c->truncated = 1;
        return ENT_OK;
    }
    if (k == c->nroots) {
        double worst = ent_efg_spe_max_regret(t, c->behav);
        if (worst < 0 || !(worst <= ent_efg_tolerance(t) * 10))
            return ent_error_set(c->err, ENT_EVERIFY,
                                 "a subgame-perfect candidate failed the check in every "
                                 "subgame (largest regret %g)",
                                 worst);
        if ((size_t)c->nfound == c->out_cap) {
            size_t nc = c->out_cap ? c->out_cap * 2 : 4;
            double *o = realloc(c->out, sizeof(double) * nc * (nb ? nb : 1));
            if (!o)
                return ent_error_set(c->err, ENT_ENOMEM, "out of memory");
            c->out = o;
            c->out_cap = nc;
        }
        memcpy(c->out + (size_t)c->nfound * nb, c->behav, sizeof(double) * nb);
        c->nfound++;
        return ENT_OK;
    }
    int32_t r = c->roots[k];
    ent_efg *m = NULL;
    int32_t *back = NULL;
    int rc = small_tree(c, r, &m, &back);
    if (rc)
        return rc;
    ent_game *g = NULL;
    ent_efg_plans *pl = NULL;
    double *eq = NULL, *mb = NULL, *v = NULL;
    int neq = 0;
    if ((rc = ent_efg_to_nfg(m, 1, NULL, &g, &pl, c->err)) ||
        (rc = nf_equilibria(g, &eq, &neq, c->err)))
        goto out;
    mb = malloc(sizeof(double) * (size_t)(m->nactions + 1));
    v = malloc(sizeof(double) * (size_t)c->n);
    if (!mb || !v) {
        rc = ent_error_set(c->err, ENT_ENOMEM, "out of memory");
        goto out;
    }
    int tot = ent_game_total_strategies(g);
    for (int e = 0; e < neq && !rc && c->nfound < c->max_list; e++) {
        ent_efg_behaviour_from_mixed(m, pl, eq + (size_t)e * tot, mb);
        for (int32_t h = 0; h < m->nisets; h++) {
            const efg_infoset *is = &t->is[back[h]];
            for (int a = 0; a < is->nact; a++)
                c->behav[is->act0 + a] = mb[m->is[h].act0 + a];
        }
        tree_value(m, mb, v);
        memcpy(c->val + (size_t)r * c->n, v, sizeof(double) * (size_t)c->n);
        rc = descend(c, k + 1);
    }
    if (neq == 0 && !rc)
        rc = ent_error_set(c->err, ENT_ENUMERIC, "no equilibrium found in the subgame at node %d",
                           r + 1);
out:
    free(eq);
    free(mb);
    free(v);
    ent_game_free(&g);
    ent_efg_plans_free(&pl);
    ent_efg_free(&m);
    free(back);
    return rc;
}

int ent_efg_spe_subgames(const ent_efg *t, int max_list, double **behav, int *nfound,
                         int *truncated, ent_error *err)
{
    *behav = NULL;
    *nfound = 0;
    *truncated = 0;
    char why[512];
    if (!ent_efg_perfect_recall(t, why, sizeof why))
        return ent_error_set(err, ENT_EUNSUPPORTED, "subgame perfection needs perfect recall here: %s",
                             why);
    dctx c;
    memset(&c, 0, sizeof c);
    c.t = t;
    c.n = t->nplayers;
    c.err = err;
    c.max_list = max_list > 0 ? max_list : 100;
    int32_t N = t->nnodes;
    c.is_root = malloc((size_t)N);
    c.end = malloc(sizeof(int32_t) * (size_t)N);
    c.roots = malloc(sizeof(int32_t) * (size_t)N);
    c.val = calloc((size_t)N * c.n, sizeof(double));
    c.behav = malloc(sizeof(double) * (size_t)(t->nactions + 1));
    c.map = malloc(sizeof(int32_t) * (size_t)(t->nisets + 1));
    int rc = ENT_OK;
    if (!c.is_root || !c.end || !c.roots || !c.val || !c.behav || !c.map ||
        ent_efg_subgame_roots(t, c.is_root)) {
        rc = ent_error_set(err, ENT_ENOMEM, "out of memory");
        goto out;
    }
    for (int32_t x = N - 1; x >= 0; x--) {
        c.end[x] = x + 1;
        int k = efg_nact(t, x);
        if (k)
            c.end[x] = c.end[efg_child(t, x, k - 1)];
        if (c.is_root[x])
            c.roots[c.nroots++] = x;
    }
    for (int32_t h = 0; h < t->nisets; h++)
        for (int a = 0; a < t->is[h].nact; a++)
            c.behav[t->is[h].act0 + a] = t->is[h].player < 0 ? t->prob[t->is[h].prob0 + a] : (a == 0);
    rc = descend(&c, 0);
out:
    if (rc == ENT_OK) {
        *behav = c.out;
        *nfound = c.nfound;
        *truncated = c.truncated;
    } else
        free(c.out);
    free(c.is_root);
    free(c.end);
    free(c.roots);
    free(c.val);
    free(c.behav);
    free(c.map);
    return rc;
}
