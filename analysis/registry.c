/* registry.c — the concept registry: one line per solution concept. A concept is one
 * run function in the unit of its family (analysis/<family>.c) plus one line here; the
 * entente program, ent_analyze and the Python module all find it through this table. */
#include "analysis.h"

#include <string.h>

#define NF ENT_KIND_NORMAL
#define SC ENT_KIND_SCENARIO
#define GM ENT_KIND_GRAPH
#define CO ENT_KIND_COALITION
#define EX ENT_KIND_EXTENSIVE
#define CO_OPTS "members,derive,max_dense,max_nodes,threads"

const ana_concept ana_registry[] = {
    /* name, summary, kinds, default, options read, CSV table, run, family bit */
    /* trees first: a tree's report opens with its subgame-perfect equilibria */
    {"spe", "trees: subgame-perfect equilibria, their paths and threats, non-credible Nash",
     EX, 1, "max_spe", "spe", ana_spe, 0},
    {"seqform", "trees: sequence-form LP of two-player zero-sum games (value, behaviour)", EX,
     1, "exact", "seqform", ana_seqform, 0},
    {"pure", "pure Nash equilibria, strict dominance by pure strategies, security levels",
     NF, 1, "threads", "equilibria", ana_pure, 0},
    {"nash", "mixed equilibria of two-player games (--method enum|support|lemke|lemke=K|lp)",
     NF, 1, "method,exact,time_limit", "equilibria", ana_nash, 0},
    {"zerosum", "value and optimal strategies (constant-sum two-player games)", NF, 1,
     "exact", "equilibria", ana_zerosum, 0},
    {"maxmin", "mixed security (maxmin) strategy of every player", NF, 0, "", "equilibria",
     ana_maxmin, 0},
    {"correlated", "correlated equilibria: welfare range, actors' bounds, --objective (LP)",
     NF, 0, "objective,time_limit", "correlated", ana_correlated, 0},
    {"cce", "coarse correlated equilibria (same reports as correlated)", NF, 0,
     "objective,time_limit", "correlated", ana_cce, 0},
    {"dominance", "iterated strict (pure and mixed) and weak dominance, in order", NF, 0, "",
     "dominance", ana_dominance, 0},
    {"qre", "logit QRE branch traced to its limiting Nash equilibrium (n players)", NF, 0,
     "time_limit", "equilibria", ana_qre, 0},
    {"enumpoly", "all Nash equilibria of small n-player games (support enumeration)", NF, 0,
     "seed,time_limit", "equilibria", ana_enumpoly, 0},
    {"strong", "strong and coalition-proof status and Pareto status of pure equilibria", NF,
     0, "", "strong", ana_strong, 0},
    {"pareto", "Pareto-optimal outcomes", NF, 0, "", "pareto", ana_pareto, 0},
    {"gmcr", "graph model: Nash, GMR, SMR, SEQ, SIM stability, explanations, coalitions",
     NF | GM, 0, "status_quo,coalitions", "equilibria", ana_gmcr, 0},
    {"sweep", "scenario: pure equilibria along each analysis.sweep", SC, 0, "threads",
     "sweep", ana_sweep, 0},
    {"bargaining", "Nash, Kalai-Smorodinsky, egalitarian, utilitarian bargaining; scenario "
     "bargaining block: pie, Rubinstein, commitment threshold",
     NF, 0, "disagreement,powers,no_lotteries", "bargaining", ana_bargaining, 0},
    {"montecarlo", "scenario: share of samples where each outcome is a pure equilibrium", SC,
     0, "seed,samples,threads", "montecarlo", ana_montecarlo, 0},
    /* coalitional: run together by ent_analyze_coalition, default = those that apply */
    {"core", "core non-emptiness, least core, which coalitions block", CO, 1, CO_OPTS,
     "solutions", NULL, ANA_C_CORE},
    {"nucleolus", "nucleolus (certified by Kohlberg's criterion)", CO, 1, CO_OPTS ",exact",
     "solutions", NULL, ANA_C_NUC},
    {"shapley", "Shapley value (exact; sampled with a 95% interval for large n)", CO, 1,
     CO_OPTS ",samples,seed", "solutions", NULL, ANA_C_SHAP},
    {"banzhaf", "Banzhaf value", CO, 1, CO_OPTS, "solutions", NULL, ANA_C_BANZ},
    {"power", "Shapley-Shubik and Banzhaf power indices (weighted voting)", CO, 1, CO_OPTS,
     "solutions", NULL, ANA_C_POWER},
    {"cartel", "internally and externally stable coalitions (payoff expression)", CO, 1,
     CO_OPTS ",transfers", "solutions", NULL, ANA_C_CARTEL},
    {NULL, NULL, 0, 0, NULL, NULL, NULL, 0},
};

const ana_concept *ana_find(const char *name)
{
    for (const ana_concept *c = ana_registry; c->name; c++)
        if (!strcmp(c->name, name))
            return c;
    return NULL;
}

int ent_concept_check_scenario(const ent_scenario *s, ent_error *err)
{
    const char *names[64];
    int n = 0;
    for (const ana_concept *c = ana_registry; c->name && n < 64; c++)
        names[n++] = c->name;
    for (int i = 0; i < ent_scenario_analysis_nconcepts(s); i++) {
        const char *want = ent_scenario_analysis_concept(s, i);
        if (ana_find(want))
            continue;
        const char *file = "", *near = ent_nearest_name(want, names, n);
        int line = 0;
        ent_scenario_analysis_concept_place(s, i, &file, &line);
        return ent_error_set(err, ENT_ENOTFOUND,
                             "%s:%d: unknown concept '%s' in analysis.concepts%s%s%s", file, line,
                             want, near ? " (did you mean '" : " (see 'entente solve --help')",
                             near ? near : "", near ? "'?)" : "");
    }
    return ENT_OK;
}
