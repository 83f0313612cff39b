/* scenario_bargaining.h — the `bargaining` block of a scenario (internal): a pie divided
 * between two sides, alternating offers, and commitment-problem cases. Loaded by
 * games/scenario_bargaining.c from scenario.c, read by analysis/bargaining.c. */
#ifndef ENT_SCENARIO_BARGAINING_H
#define ENT_SCENARIO_BARGAINING_H

#include "entente.h"
#include "../solver/bargaining/bargaining.h"

#include <libconfig.h>

enum { SCB_LINEAR = 0, SCB_POWER = 1, SCB_EXPR = 2 };

struct ent_expr;

typedef struct {
    char *name;
    barg_commitment c;
} scb_case;

typedef struct sc_bargaining {
    char *state;        /* disagreement_state: the game's disagreement outcome, or NULL */
    char *side[2];
    int utility[2];     /* SCB_LINEAR, SCB_POWER or SCB_EXPR */
    struct ent_expr *expr[2]; /* SCB_EXPR: an expression in `share` */
    double exponent[2]; /* power utility: share^exponent, exponent > 0 */
    double d[2], w[2];
    barg_rubinstein rub;
    double rate[2], period; /* when given as rates: delta = exp(-rate period) */
    int has_rate;
    int ncases;
    scb_case *cases;
} sc_bargaining;

/* Error callback of the loader: "file:line: msg" for setting st; returns status. */
typedef int (*scb_fail_fn)(void *loader, const config_setting_t *st, int status, const char *msg);

/* Parse the block. OUT: *out (free with scb_free). Errors through fail. */
int scb_load(void *loader, scb_fail_fn fail, const config_setting_t *b, sc_bargaining **out);
void scb_free(sc_bargaining **b);
/* The scenario's block, or NULL. */
const sc_bargaining *ent_scenario_bargaining_block(const ent_scenario *s);
/* Utility of `side` at share x. */
double scb_utility(void *b, int side, double x);

#endif
