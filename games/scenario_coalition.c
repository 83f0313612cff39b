/* scenario_coalition.c — queries on a scenario's coalition block (a transferable-utility
 * game): members and their attributes, the `value` expression of a coalition, the cartel
 * `payoff` of a member, the explicit `values` table and the voting quota. Everything
 * here is reentrant and allocation-free; the block is loaded in scenario.c. */
#include "scenario_int.h"

#include <math.h>

int ent_scenario_has_coalition(const ent_scenario *s) { return s->has_coalition; }
int ent_scenario_coalition_nmembers(const ent_scenario *s) { return s->cm; }
int ent_scenario_coalition_nattrs(const ent_scenario *s) { return s->cnattrs; }
int ent_scenario_coalition_has_payoff(const ent_scenario *s) { return s->cpayoff != NULL; }
int ent_scenario_coalition_nvalues(const ent_scenario *s) { return s->ncvalues; }
double ent_scenario_coalition_quota(const ent_scenario *s) { return s->quota; }
int ent_scenario_coalition_quota_members(const ent_scenario *s) { return s->quota_members; }

const char *ent_scenario_coalition_member(const ent_scenario *s, int i)
{
    return i >= 0 && i < s->cm ? s->cids[i] : NULL;
}

const char *ent_scenario_coalition_member_name(const ent_scenario *s, int i)
{
    return i >= 0 && i < s->cm ? s->cnames[i] : NULL;
}

const char *ent_scenario_coalition_attr_name(const ent_scenario *s, int k)
{
    return k >= 0 && k < s->cnattrs ? s->cattr_names[k] : NULL;
}

double ent_scenario_coalition_attr(const ent_scenario *s, int i, int k)
{
    if (i < 0 || i >= s->cm || k < 0 || k >= s->cnattrs)
        return NAN;
    return s->cattrs[(size_t)i * (size_t)s->cnattrs + (size_t)k];
}

int ent_scenario_coalition_kind(const ent_scenario *s)
{
    if (!s->has_coalition)
        return 0;
    if (!isnan(s->quota))
        return 3;
    if (s->ncvalues)
        return 2;
    return s->cvalue ? 1 : 0;
}

static int members_ok(const ent_scenario *s, const int *members, int m)
{
    if (m < 0 || m > s->cm)
        return 0;
    for (int i = 0; i < m; i++)
        if (members[i] < 0 || members[i] >= s->cm)
            return 0;
    return 1;
}

int ent_scenario_coalition_value(const ent_scenario *s, const int *members, int m, double *out)
{
    if (!s->cvalue)
        return ENT_ENOTFOUND;
    if (!members_ok(s, members, m))
        return ENT_EINVAL;
    ent_expr_env env = {.params = s->pv, .attrs = s->cattrs, .nattrs = s->cnattrs, .members = members, .m = m};
    return ent_expr_eval(s->cvalue, &env, out, NULL);
}

int ent_scenario_coalition_payoff(const ent_scenario *s, int member, const int *members, int m, double *out)
{
    if (!s->cpayoff)
        return ENT_ENOTFOUND;
    if (!members_ok(s, members, m) || member < 0 || member >= s->cm)
        return ENT_EINVAL;
    ent_expr_env env = {.params = s->pv, .attrs = s->cattrs, .nattrs = s->cnattrs, .members = members,
                        .m = m, .member = member};
    for (int i = 0; i < m; i++)
        if (members[i] == member)
            env.inside = 1;
    if (s->cvalue) {
        int rc = ent_expr_eval(s->cvalue, &env, &env.value, NULL);
        if (rc)
            return rc;
    }
    return ent_expr_eval(s->cpayoff, &env, out, NULL);
}

void ent_scenario_coalition_value_entry(const ent_scenario *s, int j, const int **members, int *m, double *v)
{
    const sc_cvalue *c = &s->cvalues[j];
    *members = c->members;
    *m = c->m;
    *v = c->v;
}
