/* registry.c — the concept registry: one line per solution concept. A concept is one
 * run function in the unit of its family (analysis/<family>.c) plus one line here; the
 * entente program, ent_analyze and the Python module all find it through this table. */
#include "analysis.h"

#include <string.h>

#define NF ENT_KIND_NORMAL
#define SC ENT_KIND_SCENARIO
#define GM ENT_KIND_GRAPH

const ana_concept ana_registry[] = {
    /* name, summary, kinds, default, options read, CSV table, run */
    {"pure", "pure Nash equilibria, strict dominance by pure strategies, security levels",
     NF, 1, "threads", "equilibria", ana_pure},
    {"nash", "mixed equilibria of two-player games (--method enum|support|lemke|lemke=K|lp)",
     NF, 1, "method,exact,time_limit", "equilibria", ana_nash},
    {"zerosum", "value and optimal strategies (constant-sum two-player games)", NF, 1,
     "exact", "equilibria", ana_zerosum},
    {"maxmin", "mixed security (maxmin) strategy of every player", NF, 0, "", "equilibria",
     ana_maxmin},
    {"correlated", "correlated equilibria: welfare range, actors' bounds, --objective (LP)",
     NF, 0, "objective,time_limit", "correlated", ana_correlated},
    {"cce", "coarse correlated equilibria (same reports as correlated)", NF, 0,
     "objective,time_limit", "correlated", ana_cce},
    {"dominance", "iterated strict (pure and mixed) and weak dominance, in order", NF, 0, "",
     "dominance", ana_dominance},
    {"qre", "logit QRE branch traced to its limiting Nash equilibrium (n players)", NF, 0,
     "time_limit", "equilibria", ana_qre},
    {"enumpoly", "all Nash equilibria of small n-player games (support enumeration)", NF, 0,
     "seed,time_limit", "equilibria", ana_enumpoly},
    {"strong", "strong and coalition-proof status and Pareto status of pure equilibria", NF,
     0, "", "strong", ana_strong},
    {"pareto", "Pareto-optimal outcomes", NF, 0, "", "pareto", ana_pareto},
    {"gmcr", "graph model: Nash, GMR, SMR, SEQ, SIM stability, explanations, coalitions",
     NF | GM, 0, "status_quo,coalitions", "equilibria", ana_gmcr},
    {"sweep", "scenario: pure equilibria along each analysis.sweep", SC, 0, "threads",
     "sweep", ana_sweep},
    {"montecarlo", "scenario: share of samples where each outcome is a pure equilibrium", SC,
     0, "seed,samples,threads", "montecarlo", ana_montecarlo},
    {NULL, NULL, 0, 0, NULL, NULL, NULL},
};

const ana_concept *ana_find(const char *name)
{
    for (const ana_concept *c = ana_registry; c->name; c++)
        if (!strcmp(c->name, name))
            return c;
    return NULL;
}
