/* scenario_compile.c — a loaded scenario at a parameter point becomes a normal-form game:
 * one player per actor, one strategy per feasible option combination or choice, payoffs
 * from the additive rules, the lexicographic scores of prioritised statements (the
 * option-prioritisation of Fang, Hipel, Kilgour & Peng, "A decision support system for
 * interactive decision making", IEEE SMC 2003) or the explicit table. Also the queries on
 * profiles: feasibility, irreversible moves, description in words, parsing a state. */
#include "scenario_int.h"
#include "util.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

void sc_fill_lits(const ent_scenario *s, int a, int strategy, unsigned char *lits)
{
    const sc_actor *A = &s->actors[a];
    uint32_t c = A->strat[strategy];
    unsigned char *l = lits + A->litbase;
    if (A->kind == SC_OPTIONS)
        for (int k = 0; k < A->nitems; k++)
            l[k] = (unsigned char)((c >> k) & 1u);
    else
        for (int k = 0; k < A->nitems; k++)
            l[k] = (unsigned char)(k == (int)c);
}

int sc_profile_feasible_lits(const ent_scenario *s, const unsigned char *lits)
{
    ent_expr_env env = {.lits = lits, .params = s->pv};
    for (int i = 0; i < s->ninf; i++) {
        double v;
        if (ent_expr_eval(s->inf[i], &env, &v, NULL) != ENT_OK || v != 0.0)
            return 0;
    }
    return 1;
}

static int valid_profile(const ent_scenario *s, const int *profile)
{
    for (int a = 0; a < s->nactors; a++)
        if (profile[a] < 0 || profile[a] >= s->actors[a].nstrat)
            return 0;
    return 1;
}

int ent_scenario_profile_feasible(const ent_scenario *s, const int *profile)
{
    unsigned char lits[SC_MAX_ITEMS];
    if (!valid_profile(s, profile))
        return 0;
    if (!s->ninf)
        return 1;
    for (int a = 0; a < s->nactors; a++)
        sc_fill_lits(s, a, profile[a], lits);
    return sc_profile_feasible_lits(s, lits);
}

static void where_(const ent_scenario *s, const int *prof, int actor, ent_error *err)
{
    if (!err)
        return;
    char tail[600];
    size_t len = (size_t)snprintf(tail, sizeof tail, " (%s%s%sat ", actor >= 0 ? "payoff of " : "",
                                  actor >= 0 ? s->aids[actor] : "", actor >= 0 ? " " : "");
    for (int a = 0; a < s->nactors && len < sizeof tail; a++)
        len += (size_t)snprintf(tail + len, sizeof tail - len, "%s%s", a ? " / " : "",
                                s->actors[a].labels[prof[a]]);
    if (len < sizeof tail)
        snprintf(tail + len, sizeof tail - len, ")");
    size_t m = strlen(err->msg);
    if (m < sizeof err->msg - 1)
        snprintf(err->msg + m, sizeof err->msg - m, "%s", tail);
}

/* Walk every profile in game order (actor 0 fastest) keeping `lits` and `prof` current;
 * the macros below open and close the loop. */
#define FOR_PROFILES(s, prof, lits, p)                                   \
    for (int a_ = 0; a_ < (s)->nactors; a_++) {                          \
        (prof)[a_] = 0;                                                  \
        sc_fill_lits((s), a_, 0, (lits));                                \
    }                                                                    \
    for (uint64_t p = 0; p < (s)->nprofiles; p++)
#define NEXT_PROFILE(s, prof, lits)                                      \
    for (int a_ = 0; a_ < (s)->nactors; a_++) {                          \
        if (++(prof)[a_] < (s)->actors[a_].nstrat) {                     \
            sc_fill_lits((s), a_, (prof)[a_], (lits));                   \
            break;                                                       \
        }                                                                \
        (prof)[a_] = 0;                                                  \
        sc_fill_lits((s), a_, 0, (lits));                                \
    }

static void decode(const ent_scenario *s, uint64_t p, int *prof, unsigned char *lits)
{
    for (int a = 0; a < s->nactors; a++) {
        uint64_t k = (uint64_t)s->actors[a].nstrat;
        prof[a] = (int)(p % k);
        p /= k;
        if (lits)
            sc_fill_lits(s, a, prof[a], lits);
    }
}

int sc_prepare(ent_scenario *s, ent_error *err)
{
    unsigned char lits[SC_MAX_ITEMS];
    int prof[SC_MAX_ACTORS];
    uint64_t np = s->nprofiles, bytes;
    ent_expr_env env = {.params = s->pv, .lits = lits};
    if (s->pref_kind == 2) {
        s->static_table = 1;
        return ENT_OK;
    }
    if (s->pref_kind == 1) { /* parameter-free statements: the scores are fixed */
        for (int a = 0; a < s->nactors; a++)
            for (int k = 0; k < s->nstmt[a]; k++)
                if (ent_expr_uses(s->stmt[a][k]) & ENT_EXPR_USES_PARAMS)
                    return ENT_OK;
        if (!ent_mul_ok(np, (uint64_t)s->nactors * sizeof(double), &bytes) || bytes > s->opts.mem_limit)
            return ENT_OK;
        if (!(s->table = malloc((size_t)bytes)))
            return ent_error_set(err, ENT_ENOMEM, "out of memory");
        FOR_PROFILES(s, prof, lits, p)
        {
            for (int a = 0; a < s->nactors; a++) {
                double score = 0.0, v;
                int ns = s->nstmt[a];
                for (int k = 0; k < ns; k++) {
                    if (ent_expr_eval(s->stmt[a][k], &env, &v, err) != ENT_OK)
                        return ENT_ENUMERIC;
                    if (v != 0.0)
                        score += ldexp(1.0, ns - 1 - k);
                }
                s->table[p * (uint64_t)s->nactors + (uint64_t)a] = score;
            }
            NEXT_PROFILE(s, prof, lits)
        }
        s->static_table = 1;
        return ENT_OK;
    }
    /* additive rules: conditions without parameters as one byte per profile */
    if (!ent_mul_ok(np, (uint64_t)s->nrules, &bytes) || bytes > s->opts.mem_limit / 4)
        return ENT_OK;
    uint64_t lbytes;
    if (!ent_mul_ok(np, (uint64_t)s->nlits, &lbytes) || lbytes > s->opts.mem_limit / 4)
        return ENT_OK;
    s->rmask = calloc((size_t)bytes + 1, 1);
    s->rany = calloc((size_t)s->nrules, 1);
    s->plits = malloc((size_t)lbytes + 1);
    if (!s->rmask || !s->rany || !s->plits)
        return ent_error_set(err, ENT_ENOMEM, "out of memory");
    FOR_PROFILES(s, prof, lits, p)
    {
        memcpy(s->plits + p * (uint64_t)s->nlits, lits, (size_t)s->nlits);
        NEXT_PROFILE(s, prof, lits)
    }
    for (int r = 0; r < s->nrules; r++) {
        const ent_expr *w = s->rules[r].when;
        unsigned char *m = s->rmask + (size_t)r * (size_t)np;
        if (w && (ent_expr_uses(w) & ENT_EXPR_USES_PARAMS)) {
            s->rany[r] = 2; /* evaluated at each point */
            continue;
        }
        FOR_PROFILES(s, prof, lits, p)
        {
            double v = 1.0;
            if (w && ent_expr_eval(w, &env, &v, err) != ENT_OK) {
                where_(s, prof, -1, err);
                return ENT_ENUMERIC;
            }
            m[p] = v != 0.0;
            s->rany[r] |= m[p];
            NEXT_PROFILE(s, prof, lits)
        }
    }
    return ENT_OK;
}

/* one rule at every profile where it holds; values that do not read options are
 * evaluated once, when the rule first applies */
static int fill_rule(const ent_scenario *s, int r, const double *params, double *const *pay, ent_error *err)
{
    const sc_rule *R = &s->rules[r];
    unsigned char lits[SC_MAX_ITEMS];
    int prof[SC_MAX_ACTORS], n = s->nactors, have = 0;
    double cv[SC_MAX_ACTORS];
    int dyn[SC_MAX_ACTORS], ndyn = 0;
    ent_expr_env env = {.params = params, .lits = lits};
    for (int a = 0; a < n; a++)
        dyn[a] = R->val[a] && (ent_expr_uses(R->val[a]) & ENT_EXPR_USES_LITS);
    for (int a = 0; a < n; a++)
        ndyn += dyn[a];
    const unsigned char *m = s->rmask && s->rany[r] != 2 ? s->rmask + (size_t)r * (size_t)s->nprofiles : NULL;
    if (m && !s->rany[r])
        return ENT_OK;
    if (m && ndyn) { /* a fixed condition, values that read options: literals per profile */
        for (uint64_t p = 0; p < s->nprofiles; p++) {
            if (!m[p])
                continue;
            env.lits = s->plits + p * (uint64_t)s->nlits;
            for (int a = 0; a < n; a++) {
                double v;
                if (!R->val[a])
                    continue;
                if (dyn[a] || !have) {
                    if (ent_expr_eval(R->val[a], &env, &v, err) != ENT_OK) {
                        decode(s, p, prof, NULL);
                        where_(s, prof, a, err);
                        return ENT_ENUMERIC;
                    }
                    if (!dyn[a])
                        cv[a] = v;
                } else {
                    v = cv[a];
                }
                pay[a][p] += v;
            }
            have = 1;
        }
        return ENT_OK;
    }
    if (m) { /* the common case: a fixed condition and values of parameters only */
        for (uint64_t p = 0; p < s->nprofiles; p++) {
            if (!m[p])
                continue;
            if (!have) {
                for (int a = 0; a < n; a++)
                    if (R->val[a] && ent_expr_eval(R->val[a], &env, &cv[a], err) != ENT_OK) {
                        decode(s, p, prof, NULL);
                        where_(s, prof, a, err);
                        return ENT_ENUMERIC;
                    }
                have = 1;
            }
            for (int a = 0; a < n; a++)
                if (R->val[a])
                    pay[a][p] += cv[a];
        }
        return ENT_OK;
    }
    FOR_PROFILES(s, prof, lits, p)
    {
        double v = 1.0;
        if (m)
            v = m[p];
        else if (R->when && ent_expr_eval(R->when, &env, &v, err) != ENT_OK) {
            where_(s, prof, -1, err);
            return ENT_ENUMERIC;
        }
        if (v != 0.0) {
            for (int a = 0; a < n; a++) {
                if (!R->val[a])
                    continue;
                if (dyn[a] || !have) {
                    if (ent_expr_eval(R->val[a], &env, &v, err) != ENT_OK) {
                        where_(s, prof, a, err);
                        return ENT_ENUMERIC;
                    }
                    if (!dyn[a])
                        cv[a] = v;
                } else {
                    v = cv[a];
                }
                pay[a][p] += v;
            }
            have = 1;
        }
        NEXT_PROFILE(s, prof, lits)
    }
    return ENT_OK;
}

int sc_fill_game(const ent_scenario *s, const double *params, ent_game *g, ent_error *err)
{
    int n = s->nactors;
    unsigned char lits[SC_MAX_ITEMS];
    int prof[SC_MAX_ACTORS];
    double *pay[SC_MAX_ACTORS];
    uint64_t np = s->nprofiles;
    for (int a = 0; a < n; a++)
        pay[a] = ent_game_payoffs_mut(g, a);
    if (s->static_table) {
        for (uint64_t p = 0; p < np; p++)
            for (int a = 0; a < n; a++)
                pay[a][p] = s->table[p * (uint64_t)n + (uint64_t)a];
        return ENT_OK;
    }
    if (s->pref_kind == 0) {
        for (int a = 0; a < n; a++)
            memset(pay[a], 0, sizeof(double) * (size_t)np);
        for (int r = 0; r < s->nrules; r++)
            if (fill_rule(s, r, params, pay, err) != ENT_OK)
                return ENT_ENUMERIC;
        for (uint64_t p = 0; p < np; p++)
            for (int a = 0; a < n; a++)
                if (!isfinite(pay[a][p])) {
                    ent_error_set(err, ENT_ENUMERIC, "%s: the payoff of %s is not finite", s->path, s->aids[a]);
                    decode(s, p, prof, NULL);
                    where_(s, prof, -1, err);
                    return ENT_ENUMERIC;
                }
        return ENT_OK;
    }
    /* statements that read parameters */
    ent_expr_env env = {.params = params, .lits = lits};
    FOR_PROFILES(s, prof, lits, p)
    {
        for (int a = 0; a < n; a++) {
            double score = 0.0, v;
            int ns = s->nstmt[a];
            for (int k = 0; k < ns; k++) {
                if (ent_expr_eval(s->stmt[a][k], &env, &v, err) != ENT_OK) {
                    where_(s, prof, a, err);
                    return ENT_ENUMERIC;
                }
                if (v != 0.0)
                    score += ldexp(1.0, ns - 1 - k);
            }
            pay[a][p] = score;
        }
        NEXT_PROFILE(s, prof, lits)
    }
    return ENT_OK;
}

int ent_scenario_compile_at(const ent_scenario *s, const double *values, ent_game **out, ent_error *err)
{
    *out = NULL;
    if (!s->nactors)
        return ent_error_set(err, ENT_EUNSUPPORTED, "%s: the scenario has no actors (only a coalition block)",
                             s->path);
    int ns[SC_MAX_ACTORS];
    for (int a = 0; a < s->nactors; a++)
        ns[a] = s->actors[a].nstrat;
    ent_game_opts go;
    ent_game_opts_init(&go);
    go.mem_limit = s->opts.mem_limit;
    ent_game *g;
    int rc = ent_game_new(&g, s->nactors, ns, &go, err);
    if (rc)
        return rc;
    rc = ent_game_set_title(g, s->title[0] ? s->title : s->path);
    for (int a = 0; a < s->nactors && !rc; a++) {
        rc = ent_game_set_player_label(g, a, s->actors[a].name);
        for (int j = 0; j < ns[a] && !rc; j++)
            rc = ent_game_set_strategy_label(g, a, j, s->actors[a].labels[j]);
    }
    if (rc) {
        ent_game_free(&g);
        return ent_error_set(err, rc, "out of memory");
    }
    if ((rc = sc_fill_game(s, values, g, err))) {
        ent_game_free(&g);
        return rc;
    }
    *out = g;
    return ENT_OK;
}

int ent_scenario_compile(const ent_scenario *s, ent_game **out, ent_error *err)
{
    return ent_scenario_compile_at(s, s->pv, out, err);
}

int ent_scenario_fill(const ent_scenario *s, const double *values, ent_game *g, ent_error *err)
{
    if (ent_game_nplayers(g) != s->nactors)
        return ent_error_set(err, ENT_EINVAL, "ent_scenario_fill: the game was not compiled from this scenario");
    for (int a = 0; a < s->nactors; a++)
        if (ent_game_nstrategies(g, a) != s->actors[a].nstrat)
            return ent_error_set(err, ENT_EINVAL, "ent_scenario_fill: the game was not compiled from this scenario");
    if (ent_game_has_exact(g))
        ent_game_clear_exact(g);
    return sc_fill_game(s, values, g, err);
}

/* ------------------------------------------------------------------ queries */

const char *ent_scenario_title(const ent_scenario *s) { return s->title; }
const char *ent_scenario_path(const ent_scenario *s) { return s->path; }
const char *ent_scenario_source(const ent_scenario *s) { return s->source; }
int ent_scenario_nactors(const ent_scenario *s) { return s->nactors; }
uint64_t ent_scenario_nprofiles(const ent_scenario *s) { return s->nactors ? s->nprofiles : 0; }
int ent_scenario_pref_kind(const ent_scenario *s) { return s->pref_kind; }

int ent_scenario_nstrategies(const ent_scenario *s, int a)
{
    return a >= 0 && a < s->nactors ? s->actors[a].nstrat : 0;
}

const char *ent_scenario_strategy_label(const ent_scenario *s, int a, int strategy)
{
    if (a < 0 || a >= s->nactors || strategy < 0 || strategy >= s->actors[a].nstrat)
        return NULL;
    return s->actors[a].labels[strategy];
}

const char *ent_scenario_actor_id(const ent_scenario *s, int a)
{
    return a >= 0 && a < s->nactors ? s->actors[a].id : NULL;
}

const char *ent_scenario_actor_name(const ent_scenario *s, int a)
{
    return a >= 0 && a < s->nactors ? s->actors[a].name : NULL;
}

int ent_scenario_noptions(const ent_scenario *s, int a)
{
    if (a < 0 || a >= s->nactors || s->actors[a].kind != SC_OPTIONS)
        return 0;
    return s->actors[a].nitems;
}

const char *ent_scenario_option_id(const ent_scenario *s, int a, int k)
{
    if (k < 0 || k >= ent_scenario_noptions(s, a))
        return NULL;
    return s->actors[a].items[k];
}

int ent_scenario_strategy_has_option(const ent_scenario *s, int a, int strategy, int k)
{
    if (k < 0 || k >= ent_scenario_noptions(s, a) || strategy < 0 || strategy >= s->actors[a].nstrat)
        return 0;
    return (int)((s->actors[a].strat[strategy] >> k) & 1u);
}

int ent_scenario_move_allowed(const ent_scenario *s, int a, int from, int to)
{
    if (a < 0 || a >= s->nactors || from < 0 || to < 0 || from >= s->actors[a].nstrat ||
        to >= s->actors[a].nstrat)
        return 0;
    if (from == to)
        return 1;
    const sc_actor *A = &s->actors[a];
    for (int i = 0; i < s->nirrev; i++) {
        const sc_irrev *r = &s->irrev[i];
        if (r->actor != a)
            continue;
        int f, t;
        if (A->kind == SC_OPTIONS) {
            f = (int)((A->strat[from] >> r->item) & 1u);
            t = (int)((A->strat[to] >> r->item) & 1u);
        } else {
            f = (int)A->strat[from] == r->item;
            t = (int)A->strat[to] == r->item;
        }
        if (r->forward && f && !t)
            return 0;
        if (!r->forward && !f && t)
            return 0;
    }
    return 1;
}

int ent_scenario_nstages(const ent_scenario *s) { return s->nstages; }
const char *ent_scenario_stage_name(const ent_scenario *s, int st)
{
    return st >= 0 && st < s->nstages ? s->stage_info[st].name : NULL;
}
uint32_t ent_scenario_stage_options(const ent_scenario *s, int st, int j)
{
    if (st < 0 || st >= s->nstages || j < 0 || j >= s->stage_n[st] || s->stage_opts[st][j] == SC_WHOLE)
        return 0;
    return s->stage_opts[st][j];
}
int ent_scenario_stage_is_chance(const ent_scenario *s, int st)
{
    return st >= 0 && st < s->nstages && s->stage_info[st].chance;
}
int ent_scenario_stage_hidden(const ent_scenario *s, int st)
{
    return st >= 0 && st < s->nstages && s->stage_info[st].hidden;
}
int ent_scenario_chance_noutcomes(const ent_scenario *s, int st)
{
    return ent_scenario_stage_is_chance(s, st) ? s->stage_info[st].nout : 0;
}
const char *ent_scenario_chance_outcome(const ent_scenario *s, int st, int k)
{
    return k >= 0 && k < ent_scenario_chance_noutcomes(s, st) ? s->stage_info[st].out[k].id : NULL;
}
const char *ent_scenario_chance_text(const ent_scenario *s, int st, int k)
{
    if (k < 0 || k >= ent_scenario_chance_noutcomes(s, st))
        return NULL;
    const sc_chance_out *o = &s->stage_info[st].out[k];
    return o->text ? o->text : o->id;
}
int ent_scenario_stage_nactors(const ent_scenario *s, int st)
{
    return st >= 0 && st < s->nstages ? s->stage_n[st] : 0;
}
int ent_scenario_stage_actor(const ent_scenario *s, int st, int j)
{
    return st >= 0 && st < s->nstages && j >= 0 && j < s->stage_n[st] ? s->stages[st][j] : -1;
}

int ent_scenario_analysis_nconcepts(const ent_scenario *s) { return s->nconcepts; }
const char *ent_scenario_analysis_concept(const ent_scenario *s, int i)
{
    return i >= 0 && i < s->nconcepts ? s->concepts[i] : NULL;
}
const char *ent_scenario_status_quo(const ent_scenario *s) { return s->status_quo; }
int ent_scenario_gmcr_coalitions(const ent_scenario *s) { return s->gmcr_coalitions; }
int ent_scenario_analysis_seed(const ent_scenario *s, unsigned long long *seed)
{
    if (s->has_seed && seed)
        *seed = s->seed;
    return s->has_seed;
}
long long ent_scenario_analysis_samples(const ent_scenario *s) { return s->samples; }
int ent_scenario_analysis_nsweeps(const ent_scenario *s) { return s->nsweeps; }
void ent_scenario_analysis_sweep(const ent_scenario *s, int i, int *param, double *from, double *to,
                                 int *steps)
{
    const sc_sweep *w = &s->sweeps[i];
    *param = w->param;
    *from = w->from;
    *to = w->to;
    *steps = w->steps;
}

/* ----------------------------------------------------------------- in words */

/* Append actor a's strategy in words to buf (len bytes used, parts said so far). */
static void describe_actor(const ent_scenario *s, int a, int strategy, char *buf, size_t cap,
                           size_t *lenp, int *partsp)
{
    size_t len = *lenp;
    int parts = *partsp;
#define PUT(...)                                                                  \
    do {                                                                          \
        int w_ = snprintf(len < cap ? buf + len : NULL, len < cap ? cap - len : 0, \
                          __VA_ARGS__);                                           \
        len += w_ > 0 ? (size_t)w_ : 0;                                           \
    } while (0)
#define SEP()                  \
    do {                       \
        if (parts++)           \
            PUT("; ");         \
    } while (0)
    const sc_actor *A = &s->actors[a];
    uint32_t c = A->strat[strategy];
    if (A->kind == SC_CHOICES) {
        SEP();
        if (A->text_on[c])
            PUT("%s", A->text_on[c]);
        else
            PUT("%s: %s", A->name, A->items[c]);
    } else {
        int said = 0;
        for (int k = 0; k < A->nitems; k++) {
            int on = (int)((c >> k) & 1u);
            const char *t = on ? A->text_on[k] : A->text_off[k];
            if (t) {
                SEP();
                PUT("%s", t);
                said = 1;
            } else if (on) {
                SEP();
                PUT("%s: %s", A->name, A->items[k]);
                said = 1;
            }
        }
        if (!said) {
            SEP();
            PUT("%s: none", A->name);
        }
    }
#undef SEP
#undef PUT
    *lenp = len;
    *partsp = parts;
}

int sc_options_words(const ent_scenario *s, int a, uint32_t mask, uint32_t bits, const char *sep,
                     char *buf, size_t cap)
{
    const sc_actor *A = &s->actors[a];
    size_t len = 0;
    int parts = 0;
    if (cap)
        buf[0] = '\0';
    for (int k = 0; k < A->nitems && k < 32; k++) {
        if (!((mask >> k) & 1u))
            continue;
        int on = (int)((bits >> k) & 1u), w;
        const char *t = on ? A->text_on[k] : A->text_off[k];
        char *at = len < cap ? buf + len : NULL;
        size_t room = len < cap ? cap - len : 0;
        if (t)
            w = snprintf(at, room, "%s%s", parts ? sep : "", t);
        else
            w = snprintf(at, room, "%s%s: %s%s", parts ? sep : "", A->name, on ? "" : "not ", A->items[k]);
        len += w > 0 ? (size_t)w : 0;
        parts++;
    }
    return (int)len;
}

int ent_scenario_describe_options(const ent_scenario *s, int a, uint32_t mask, uint32_t bits, char *buf,
                                  size_t cap)
{
    if (cap)
        buf[0] = '\0';
    if (a < 0 || a >= s->nactors || s->actors[a].kind != SC_OPTIONS)
        return 0;
    return sc_options_words(s, a, mask, bits, "; ", buf, cap);
}

int ent_scenario_describe(const ent_scenario *s, const int *profile, char *buf, size_t cap)
{
    size_t len = 0;
    int parts = 0;
    if (cap)
        buf[0] = '\0';
    if (!valid_profile(s, profile)) {
        int w = snprintf(buf, cap, "(not a profile of this scenario)");
        return w > 0 ? w : 0;
    }
    for (int a = 0; a < s->nactors; a++)
        describe_actor(s, a, profile[a], buf, cap, &len, &parts);
    return (int)len;
}

int ent_scenario_describe_actor(const ent_scenario *s, int a, int strategy, char *buf, size_t cap)
{
    size_t len = 0;
    int parts = 0;
    if (cap)
        buf[0] = '\0';
    if (a < 0 || a >= s->nactors || strategy < 0 || strategy >= s->actors[a].nstrat)
        return 0;
    describe_actor(s, a, strategy, buf, cap, &len, &parts);
    return (int)len;
}

static int parse_state(const ent_scenario *s, const char *text, int *profile, ent_error *err);

int ent_scenario_parse_state(const ent_scenario *s, const char *text, int *profile, ent_error *err)
{
    int rc = parse_state(s, text, profile, err);
    if (rc && err) /* one line, whatever the text contains */
        for (char *c = err->msg; *c; c++)
            if ((unsigned char)*c < 0x20 || *c == 0x7f)
                *c = ' ';
    return rc;
}

static int parse_state(const ent_scenario *s, const char *text, int *profile, ent_error *err)
{
    uint32_t mask[SC_MAX_ACTORS];
    int chosen[SC_MAX_ACTORS];
    for (int a = 0; a < s->nactors; a++) {
        mask[a] = 0;
        chosen[a] = -1;
    }
    const char *p = text;
    while (*p) {
        while (*p == ' ' || *p == '\t' || *p == ',')
            p++;
        if (!*p)
            break;
        const char *q = p;
        while (*q && *q != ',')
            q++;
        const char *e = q;
        while (e > p && (e[-1] == ' ' || e[-1] == '\t'))
            e--;
        size_t n = (size_t)(e - p);
        const char *dot = memchr(p, '.', n);
        if (!dot)
            return ent_error_set(err, ENT_EPARSE, "'%.*s' in the state must be written actor.option", (int)n, p);
        size_t na = (size_t)(dot - p), nb = n - na - 1;
        int a = -1;
        for (int i = 0; i < s->nactors; i++)
            if (strlen(s->aids[i]) == na && !strncmp(s->aids[i], p, na))
                a = i;
        if (a < 0) {
            const char *near = ent_expr_nearest(p, na, s->aids, s->nactors);
            char sg[128] = "";
            if (near)
                snprintf(sg, sizeof sg, " (did you mean '%s'?)", near);
            return ent_error_set(err, ENT_ENOTFOUND, "unknown actor '%.*s' in the state%s", (int)na, p, sg);
        }
        const sc_actor *A = &s->actors[a];
        int k = -1;
        for (int i = 0; i < A->nitems; i++)
            if (strlen(A->items[i]) == nb && !strncmp(A->items[i], dot + 1, nb))
                k = i;
        if (k < 0) {
            const char *near = ent_expr_nearest(dot + 1, nb, (const char *const *)A->items, A->nitems);
            char sg[128] = "";
            if (near)
                snprintf(sg, sizeof sg, " (did you mean '%s'?)", near);
            return ent_error_set(err, ENT_ENOTFOUND, "actor '%s' has no option or choice '%.*s'%s", A->id,
                                 (int)nb, dot + 1, sg);
        }
        if (A->kind == SC_OPTIONS)
            mask[a] |= (uint32_t)1 << k;
        else if (chosen[a] >= 0 && chosen[a] != k)
            return ent_error_set(err, ENT_EPARSE, "the state gives two choices for actor '%s'", A->id);
        else
            chosen[a] = k;
        p = q;
    }
    for (int a = 0; a < s->nactors; a++) {
        const sc_actor *A = &s->actors[a];
        uint32_t want;
        if (A->kind == SC_CHOICES) {
            if (chosen[a] < 0)
                return ent_error_set(err, ENT_EPARSE, "the state gives no choice for actor '%s'", A->id);
            want = (uint32_t)chosen[a];
        } else {
            want = mask[a];
        }
        int j = -1;
        for (int i = 0; i < A->nstrat; i++)
            if (A->strat[i] == want)
                j = i;
        if (j < 0)
            return ent_error_set(err, ENT_EINFEASIBLE,
                                 "the state's combination for actor '%s' is excluded by an infeasible pattern",
                                 A->id);
        profile[a] = j;
    }
    return ENT_OK;
}
