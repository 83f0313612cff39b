/* cmd_gmcr.c — the `gmcr` concept of `entente solve`: the graph model of the loaded game,
 * its stability table (states x concepts, one mark per decision maker), the equilibria of
 * each concept as verified rows of the shared "equilibria" table (re-checked by the
 * literal definitions of solver/gmcr_verify.c), one explanation per state, DM and concept,
 * and the coalition analysis of the equilibria. */
#include "cli.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define GMCR_EXPLAIN_ROWS 50000  /* beyond this, explanations only for equilibria */
#define GMCR_COALITION_WORK (1u << 22)

typedef struct {
    const ent_gmcr *m;
    const uint64_t *index; /* state -> profile index */
    const ent_game *g;
    int concept;
} gm_verify_ctx;

/* Independent re-check of an equilibrium row: the state is stable for every DM under the
 * literal definition. */
static int gm_verify(void *arg, const int *profile)
{
    const gm_verify_ctx *v = arg;
    uint64_t pi = ent_game_profile_index(v->g, profile);
    uint32_t n = ent_gmcr_nstates(v->m), s = 0;
    while (s < n && v->index[s] != pi)
        s++;
    if (s == n)
        return 0;
    for (int d = 0; d < ent_gmcr_ndm(v->m); d++) {
        int st = 0;
        if (ent_gmcr_verify_stable(v->m, v->concept, d, s, &st) != ENT_OK || !st)
            return 0;
    }
    return 1;
}

/* "C / D" from the game's strategy labels. */
static void outcome_label(const ent_game *g, uint64_t pi, int *prof, char *buf, size_t cap)
{
    size_t len = 0;
    buf[0] = '\0';
    ent_game_profile_decode(g, pi, prof);
    for (int p = 0; p < ent_game_nplayers(g) && len < cap; p++) {
        int w = snprintf(buf + len, cap - len, "%s%s", p ? " / " : "",
                         ent_game_strategy_label(g, p, prof[p]));
        if (w < 0)
            break;
        len += (size_t)w;
    }
}

static void eq_concepts(const ent_gmcr *m, const ent_gmcr_result *res, uint32_t s, char *buf,
                        size_t cap)
{
    size_t len = 0;
    buf[0] = '\0';
    for (int c = 0; c < ENT_GMCR_NCONCEPTS; c++)
        if (ent_gmcr_concept_applies(m, c) && ent_gmcr_equilibrium(res, c, s) && len < cap) {
            int w = snprintf(buf + len, cap - len, "%s%s", len ? " " : "", ent_gmcr_concept_name(c));
            len += w > 0 ? (size_t)w : 0;
        }
}

static int gm_report(cli_ctx *ctx, ent_report *r, ent_gmcr *m, const uint64_t *index,
                     ent_error *err)
{
    const ent_game *g = ctx->game;
    const int nd = ent_gmcr_ndm(m);
    const uint32_t n = ent_gmcr_nstates(m);
    int *prof = malloc((size_t)nd * sizeof *prof);
    char *lab = malloc(1024), *buf = malloc(2048);
    ent_gmcr_result *res = NULL;
    int rc = CLI_OK;
    if (!prof || !lab || !buf) {
        ent_error_set(err, ENT_ENOMEM, "out of memory");
        rc = CLI_FAIL;
        goto out;
    }
    for (uint32_t s = 0; s < n && n <= 4096; s++) {
        outcome_label(g, index[s], prof, lab, 1024);
        ent_gmcr_set_state_name(m, s, lab);
    }
    if (ent_gmcr_analyze(m, &res, err) != ENT_OK) {
        rc = CLI_FAIL;
        goto out;
    }
    ent_report_section(r, "Graph model (GMCR) stability");
    ent_report_text(r, "%u states (the game's profiles); a decision maker moves by changing its own "
                       "strategy; preferences are the order of its payoffs, equal payoffs tied.", n);
    int text = ctx->fmt == ENT_FMT_TEXT || ctx->fmt == ENT_FMT_MARKDOWN || ctx->fmt == ENT_FMT_LATEX;
    size_t len = 0;
    for (int d = 0; d < nd; d++)
        len += (size_t)snprintf(buf + len, len < 2048 ? 2048 - len : 0, "%s%s", d ? ", " : "",
                                ent_gmcr_dm_name(m, d));
    if (text)
        ent_report_text(r, "Marks per concept: one per decision maker (%s), \u2713 stable, \u00b7 unstable.", buf);
    ent_table *t = ent_report_table(r, "gmcr_stability", "Stability of every state");
    ent_table_col(t, "state", ENT_COL_INT);
    ent_table_col(t, "outcome", ENT_COL_STR);
    for (int c = 0; c < ENT_GMCR_NCONCEPTS; c++) {
        if (!ent_gmcr_concept_applies(m, c))
            continue;
        if (text) {
            ent_table_col(t, ent_gmcr_concept_name(c), ENT_COL_STR);
            continue;
        }
        for (int d = 0; d < nd; d++) {
            snprintf(lab, 1024, "%s:%s", ent_gmcr_concept_name(c), ent_gmcr_dm_name(m, d));
            ent_table_col(t, lab, ENT_COL_BOOL);
        }
    }
    ent_table_col(t, "equilibrium_under", ENT_COL_STR);
    for (uint32_t s = 0; s < n; s++) {
        ent_table_int(t, (long long)s + 1);
        outcome_label(g, index[s], prof, lab, 1024);
        ent_table_str(t, "%s", lab);
        for (int c = 0; c < ENT_GMCR_NCONCEPTS; c++) {
            if (!ent_gmcr_concept_applies(m, c))
                continue;
            if (text) {
                size_t k = 0;
                for (int d = 0; d < nd; d++) {
                    const char *mk = ent_gmcr_stable(res, c, d, s) ? "\u2713" : "\u00b7";
                    memcpy(lab + k, mk, strlen(mk) + 1);
                    k += strlen(mk);
                }
                ent_table_str(t, "%s", lab);
            } else {
                for (int d = 0; d < nd; d++)
                    ent_table_bool(t, ent_gmcr_stable(res, c, d, s) == 1);
            }
        }
        eq_concepts(m, res, s, lab, 1024);
        ent_table_str(t, "%s", lab);
    }
    /* equilibria, each re-checked by the literal definitions */
    for (int c = 0; c < ENT_GMCR_NCONCEPTS && rc == CLI_OK; c++) {
        if (!ent_gmcr_concept_applies(m, c))
            continue;
        gm_verify_ctx v = {m, index, g, c};
        snprintf(buf, 2048, "gmcr-%s", ent_gmcr_concept_name(c));
        for (uint32_t s = 0; s < n && rc == CLI_OK; s++) {
            if (!ent_gmcr_equilibrium(res, c, s))
                continue;
            ent_game_profile_decode(g, index[s], prof);
            snprintf(lab, 1024, "state %u", s + 1);
            if (cli_state_add(ctx, r, buf, (int)s + 1, prof, gm_verify, &v, lab, err) != ENT_OK)
                rc = CLI_FAIL;
        }
    }
    if (rc != CLI_OK)
        goto out;
    /* explanations */
    int napplies = 0;
    for (int c = 0; c < ENT_GMCR_NCONCEPTS; c++)
        napplies += ent_gmcr_concept_applies(m, c);
    int all = (uint64_t)n * (uint64_t)nd * (uint64_t)napplies <= GMCR_EXPLAIN_ROWS;
    ent_report_section(r, "Why each state is stable or not");
    if (!all)
        ent_report_text(r, "%u states: explanations are listed for the equilibria only.", n);
    t = ent_report_table(r, "explanations", "One reason per state, decision maker and concept");
    ent_table_col(t, "state", ENT_COL_INT);
    ent_table_col(t, "actor", ENT_COL_STR);
    ent_table_col(t, "concept", ENT_COL_STR);
    ent_table_col(t, "stable", ENT_COL_BOOL);
    ent_table_col(t, "why", ENT_COL_STR);
    for (uint32_t s = 0; s < n; s++) {
        if (!all) {
            eq_concepts(m, res, s, lab, 1024);
            if (!lab[0])
                continue;
        }
        for (int d = 0; d < nd; d++)
            for (int c = 0; c < ENT_GMCR_NCONCEPTS; c++) {
                if (!ent_gmcr_concept_applies(m, c))
                    continue;
                ent_gmcr_explain(m, res, c, d, s, buf, 2048);
                ent_table_int(t, (long long)s + 1);
                ent_table_str(t, "%s", ent_gmcr_dm_name(m, d));
                ent_table_str(t, "%s", ent_gmcr_concept_name(c));
                ent_table_bool(t, ent_gmcr_stable(res, c, d, s) == 1);
                ent_table_str(t, "%s", buf);
            }
    }
    /* coalition analysis of the equilibria (Kilgour, Hipel, Fang & Peng 2001) */
    ent_report_section(r, "Coalition stability of the equilibria");
    if ((uint64_t)n * nd * (1u << (nd < 20 ? nd : 20)) > GMCR_COALITION_WORK) {
        ent_report_text(r, "Skipped: %u states and %d decision makers are too many for the coalition "
                           "search (limit: states x DMs x 2^DMs <= %u).", n, nd, GMCR_COALITION_WORK);
        goto out;
    }
    ent_report_text(r, "A coalition improves on a state when its members, moving in turn, can reach a "
                       "state every member prefers.");
    t = ent_report_table(r, "gmcr_coalitions", "Coalitional improvements from the equilibria");
    ent_table_col(t, "state", ENT_COL_INT);
    ent_table_col(t, "equilibrium_under", ENT_COL_STR);
    ent_table_col(t, "coalition_stable", ENT_COL_BOOL);
    ent_table_col(t, "coalition", ENT_COL_STR);
    ent_table_col(t, "improvement", ENT_COL_STR);
    for (uint32_t s = 0; s < n; s++) {
        eq_concepts(m, res, s, lab, 1024);
        if (!lab[0])
            continue;
        unsigned mask;
        uint32_t to;
        if (ent_gmcr_coalition_improvement(m, s, &mask, &to) != ENT_OK) {
            ent_error_set(err, ENT_ENOMEM, "out of memory in the coalition analysis");
            rc = CLI_FAIL;
            goto out;
        }
        ent_table_int(t, (long long)s + 1);
        ent_table_str(t, "%s", lab);
        ent_table_bool(t, mask == 0);
        len = 0;
        buf[0] = '\0';
        for (int d = 0; d < nd; d++)
            if (mask >> d & 1)
                len += (size_t)snprintf(buf + len, len < 2048 ? 2048 - len : 0, "%s%s",
                                        len ? " + " : "", ent_gmcr_dm_name(m, d));
        ent_table_str(t, "%s", buf);
        if (mask)
            ent_table_str(t, "%s", ent_gmcr_state_label(m, to, lab, 1024));
        else
            ent_table_str(t, "%s", "");
    }
out:
    ent_gmcr_result_free(&res);
    free(prof);
    free(lab);
    free(buf);
    return rc;
}

int cli_concept_gmcr(cli_ctx *ctx, ent_report *r, ent_error *err)
{
    ent_gmcr *m = NULL;
    uint64_t *index = NULL;
    if (ent_gmcr_from_game(ctx->game, NULL, NULL, NULL, &m, &index, err) != ENT_OK)
        return CLI_FAIL;
    int rc = gm_report(ctx, r, m, index, err);
    ent_gmcr_free(&m);
    free(index);
    return rc;
}
