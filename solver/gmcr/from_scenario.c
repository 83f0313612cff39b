/* from_scenario.c — the graph model of a scenario: feasible joint profiles are the states
 * (ent_scenario_profile_feasible), an actor's change of its own strategy allowed by
 * ent_scenario_move_allowed is a move, and the compiled game's payoffs give the ordinal
 * preferences (for prioritised statements these are the lexicographic scores of option
 * prioritisation: Fang, Hipel, Kilgour & Peng, "A decision support system for interactive
 * decision making", IEEE SMC-C 33, 2003). */
#include "model.h"

#include <stdlib.h>

static int feasible_cb(void *arg, const int *profile)
{
    return ent_scenario_profile_feasible((const ent_scenario *)arg, profile);
}

static int move_cb(void *arg, int player, int from, int to)
{
    return ent_scenario_move_allowed((const ent_scenario *)arg, player, from, to);
}

int ent_gmcr_from_scenario(const ent_scenario *s, const ent_game *g, ent_gmcr **out,
                           uint64_t **index, ent_error *err)
{
    *out = NULL;
    if (index)
        *index = NULL;
    if (ent_scenario_nactors(s) != ent_game_nplayers(g))
        return ent_error_set(err, ENT_EINVAL, "graph model: the game was not compiled from this scenario");
    uint64_t *idx = NULL;
    ent_gmcr *m = NULL;
    int rc = ent_gmcr_from_game(g, feasible_cb, move_cb, (void *)s, &m, &idx, err);
    if (rc != ENT_OK)
        return rc;
    const int np = ent_game_nplayers(g);
    int *prof = malloc((size_t)np * sizeof *prof);
    char *buf = malloc(1024);
    if (!prof || !buf)
        rc = ent_error_set(err, ENT_ENOMEM, "graph model: out of memory");
    for (int a = 0; a < np && rc == ENT_OK; a++)
        if (ent_gmcr_set_dm_name(m, a, ent_scenario_actor_name(s, a)) != ENT_OK)
            rc = ent_error_set(err, ENT_ENOMEM, "graph model: out of memory");
    for (uint32_t k = 0; k < ent_gmcr_nstates(m) && rc == ENT_OK; k++) {
        ent_game_profile_decode(g, idx[k], prof);
        ent_scenario_describe(s, prof, buf, 1024);
        if (ent_gmcr_set_state_name(m, k, buf) != ENT_OK)
            rc = ent_error_set(err, ENT_ENOMEM, "graph model: out of memory");
    }
    free(prof);
    free(buf);
    if (rc != ENT_OK) {
        ent_gmcr_free(&m);
        free(idx);
        return rc;
    }
    *out = m;
    if (index)
        *index = idx;
    else
        free(idx);
    return ENT_OK;
}
