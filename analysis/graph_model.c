/* graph_model.c — the `gmcr` concept: the graph model of the loaded game,
 * its stability table (states x concepts, one mark per decision maker), the equilibria of
 * each concept as verified rows of the shared "equilibria" table (re-checked by the
 * literal definitions of solver/gmcr/verify.c), one explanation per state, DM and concept,
 * and the coalition analysis of the equilibria; with --coalitions (or the scenario's
 * analysis.gmcr_coalitions) the coalitional concepts of solver/gmcr/coalitions.c as well. */
#include "analysis.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define GMCR_EXPLAIN_ROWS 50000  /* beyond this, explanations only for equilibria */
#define GMCR_COALITION_WORK (1u << 22)
#define GMCR_EQ_ROWS 1000 /* at most this many equilibria listed (and re-checked) per concept */

typedef struct {
    const ent_gmcr *m;
    const uint64_t *index; /* state -> profile index */
    const ent_game *g;
    int concept;
    int coalitional; /* concept is an ent_gmcr_cconcept */
} gm_verify_ctx;

/* Independent re-check of an equilibrium row: the state is stable for every DM under the
 * literal definition. */
static int gm_verify(void *arg, const int *profile)
{
    const gm_verify_ctx *v = arg;
    uint64_t pi = ent_game_profile_index(v->g, profile);
    uint32_t n = ent_gmcr_nstates(v->m), s = 0, hi = n;
    while (s < hi) { /* index is increasing */
        uint32_t mid = s + (hi - s) / 2;
        if (v->index[mid] < pi)
            s = mid + 1;
        else
            hi = mid;
    }
    if (s == n || v->index[s] != pi)
        return 0;
    for (int d = 0; d < ent_gmcr_ndm(v->m); d++) {
        int st = 0;
        int rc = v->coalitional ? ent_gmcr_verify_cstable(v->m, v->concept, d, s, &st)
                                : ent_gmcr_verify_stable(v->m, v->concept, d, s, &st);
        if (rc != ENT_OK || !st)
            return 0;
    }
    return 1;
}

/* Concepts under which s is an equilibrium; cres: the coalitional results, or NULL. */
static void eq_concepts(const ent_gmcr *m, const ent_gmcr_result *res,
                        const ent_gmcr_cresult *cres, uint32_t s, char *buf, size_t cap)
{
    size_t len = 0;
    buf[0] = '\0';
    for (int c = 0; c < ENT_GMCR_NCONCEPTS; c++)
        if (ent_gmcr_concept_applies(m, c) && ent_gmcr_equilibrium(res, c, s) && len < cap) {
            int w = snprintf(buf + len, cap - len, "%s%s", len ? " " : "", ent_gmcr_concept_name(c));
            len += w > 0 ? (size_t)w : 0;
        }
    for (int c = 0; cres && c < ENT_GMCR_NCCONCEPTS; c++)
        if (ent_gmcr_cequilibrium(cres, c, s) && len < cap) {
            int w = snprintf(buf + len, cap - len, "%s%s", len ? " " : "", ent_gmcr_cconcept_name(c));
            len += w > 0 ? (size_t)w : 0;
        }
}

/* "1 -(LG)-> 5 -(MoE + Uniroyal)-> 8" */
static void path_text(const ent_gmcr *m, const uint32_t *path, const unsigned *movers, uint32_t len,
                      char *buf, size_t cap)
{
    size_t l = 0;
    buf[0] = '\0';
    for (uint32_t k = 0; k < len && l < cap; k++) {
        int w;
        if (k) {
            w = snprintf(buf + l, cap - l, " -(");
            l += w > 0 ? (size_t)w : 0;
            int first = 1;
            for (int d = 0; d < ent_gmcr_ndm(m) && l < cap; d++)
                if (movers[k - 1] >> d & 1) {
                    w = snprintf(buf + l, cap - l, "%s%s", first ? "" : " + ", ent_gmcr_dm_name(m, d));
                    l += w > 0 ? (size_t)w : 0;
                    first = 0;
                }
            if (l >= cap)
                break;
            w = snprintf(buf + l, cap - l, ")-> ");
            l += w > 0 ? (size_t)w : 0;
        }
        if (l >= cap)
            break;
        w = snprintf(buf + l, cap - l, "%u", path[k] + 1);
        l += w > 0 ? (size_t)w : 0;
    }
}

/* Status-quo analysis: which equilibria the status quo reaches by unilateral and by
 * coalitional improvements, with one shortest path each. */
static int gm_status_quo(const ana_ctx *ctx, ent_report *r, const ent_gmcr *m,
                         const ent_gmcr_result *res, const ent_gmcr_cresult *cres,
                         const uint64_t *index, uint32_t sq, double deadline, ent_error *err)
{
    const ent_game *g = ctx->game;
    const size_t cap = (size_t)ent_gmcr_ndm(m) * ent_gmcr_nstates(m) + 1;
    uint32_t *path = malloc(cap * sizeof *path);
    unsigned *movers = malloc(cap * sizeof *movers);
    int *prof = malloc((size_t)ent_gmcr_ndm(m) * sizeof *prof);
    char *lab = malloc(1024), *pbuf = malloc(4096);
    int rc = ANA_OK, coal_ok = 1;
    if (!path || !movers || !prof || !lab || !pbuf) {
        ent_error_set(err, ENT_ENOMEM, "out of memory");
        rc = ANA_FAIL;
        goto done;
    }
    ent_report_section(r, "Status quo analysis");
    ana_outcome_name(g, index[sq], lab, 1024);
    ent_report_text(r, "Status quo: state %u (%s). Paths are shortest sequences of improvements; each "
                       "step names who moves.", sq + 1, lab);
    ent_table *t = ent_report_table(r, "gmcr_status_quo", "Equilibria reachable from the status quo");
    ent_table_cols(t,
                   "state:i,outcome:s,equilibrium_under:s,unilateral:b,unilateral_path:s,coalitional:b,"
                   "coalitional_path:s");
    for (uint32_t s = 0; s < ent_gmcr_nstates(m); s++) {
        eq_concepts(m, res, cres, s, lab, 1024);
        if (!lab[0])
            continue;
        if (ent_should_stop(deadline))
            break; /* the caller reports the stop */
        uint32_t len = 0;
        ent_error e2;
        if (ent_gmcr_status_quo(m, sq, s, 0, path, movers, &len, &e2) != ENT_OK) {
            ent_error_set(err, e2.status, "%s", e2.msg);
            rc = ANA_FAIL;
            goto done;
        }
        ent_table_int(t, (long long)s + 1);
        ana_outcome_name(g, index[s], pbuf, 4096);
        ent_table_str(t, "%s", pbuf);
        ent_table_str(t, "%s", lab);
        ent_table_bool(t, len > 0);
        path_text(m, path, movers, len, pbuf, 4096);
        ent_table_str(t, "%s", pbuf);
        int crc = coal_ok ? ent_gmcr_status_quo(m, sq, s, 1, path, movers, &len, &e2) : ENT_ETOOBIG;
        if (crc == ENT_ETOOBIG) {
            if (coal_ok)
                ent_report_text(r, "Coalitional paths skipped: %s.", e2.msg);
            coal_ok = 0;
            ent_table_null(t);
            ent_table_null(t);
            continue;
        }
        if (crc != ENT_OK) {
            ent_error_set(err, e2.status, "%s", e2.msg);
            rc = ANA_FAIL;
            goto done;
        }
        ent_table_bool(t, len > 0);
        path_text(m, path, movers, len, pbuf, 4096);
        ent_table_str(t, "%s", pbuf);
    }
done:
    free(path);
    free(movers);
    free(prof);
    free(lab);
    free(pbuf);
    return rc;
}

static int gm_report(ana_ctx *ctx, ent_report *r, ent_gmcr *m, const uint64_t *index,
                     uint32_t sq, ent_error *err)
{
    const ent_game *g = ctx->game;
    const int nd = ent_gmcr_ndm(m);
    const uint32_t n = ent_gmcr_nstates(m);
    int *prof = malloc((size_t)nd * sizeof *prof);
    char *lab = malloc(1024), *buf = malloc(2048);
    ent_gmcr_result *res = NULL;
    ent_gmcr_cresult *cres = NULL;
    int rc = ANA_OK;
    if (!prof || !lab || !buf) {
        ent_error_set(err, ENT_ENOMEM, "out of memory");
        rc = ANA_FAIL;
        goto out;
    }
    for (uint32_t s = 0; s < n && n <= 4096 && !ctx->scenario; s++) {
        ana_outcome_name(g, index[s], lab, 1024);
        ent_gmcr_set_state_name(m, s, lab);
    }
    double deadline = ana_deadline(ctx);
    const char *stop_what = NULL; /* set when the time limit or an interrupt stopped it */
    int arc = ent_gmcr_analyze_until(m, deadline, &res, err);
    if (arc == ENT_ETIMEOUT) {
        err->status = ENT_OK;
        err->msg[0] = '\0';
        ent_report_section(r, "Graph model (GMCR) stability");
        ana_incomplete(r, "gmcr", "the stability analysis before any verdict (a verdict needs "
                                  "every decision maker's sanction tables)");
        goto out;
    }
    if (arc != ENT_OK) {
        rc = ana_fail_in(ctx, err);
        goto out;
    }
    /* coalitional stability (Inohara & Hipel 2008), when asked for */
    if ((ctx->coalitions || (ctx->scenario && ent_scenario_gmcr_coalitions(ctx->scenario))) &&
        ent_gmcr_coalition_analyze(m, &cres, err) != ENT_OK) {
        if (err) {
            char msg[sizeof err->msg];
            snprintf(msg, sizeof msg, "%s", err->msg);
            ent_error_set(err, err->status, "%s: %s", ctx->input, msg);
        }
        rc = ANA_FAIL;
        goto out;
    }
    ent_report_section(r, "Graph model (GMCR) stability");
    if (ctx->scenario)
        ent_report_text(r, "%u feasible states (joint profiles matching no infeasible pattern); an actor "
                           "moves by changing its own options or choice (irreversible options one way "
                           "only); preferences are the order of its payoffs (for prioritised "
                           "statements, their lexicographic scores), equal payoffs tied.", n);
    else
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
    ent_table_cols(t, "state:i,outcome:s");
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
    for (int c = 0; cres && c < ENT_GMCR_NCCONCEPTS; c++) {
        if (text) {
            ent_table_col(t, ent_gmcr_cconcept_name(c), ENT_COL_STR);
            continue;
        }
        for (int d = 0; d < nd; d++) {
            snprintf(lab, 1024, "%s:%s", ent_gmcr_cconcept_name(c), ent_gmcr_dm_name(m, d));
            ent_table_col(t, lab, ENT_COL_BOOL);
        }
    }
    ent_table_col(t, "equilibrium_under", ENT_COL_STR);
    for (uint32_t s = 0; s < n; s++) {
        ent_table_int(t, (long long)s + 1);
        ana_outcome_name(g, index[s], lab, 1024);
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
        for (int c = 0; cres && c < ENT_GMCR_NCCONCEPTS; c++) {
            if (text) {
                size_t k = 0;
                for (int d = 0; d < nd; d++) {
                    const char *mk = ent_gmcr_cstable(cres, c, d, s) ? "\u2713" : "\u00b7";
                    memcpy(lab + k, mk, strlen(mk) + 1);
                    k += strlen(mk);
                }
                ent_table_str(t, "%s", lab);
            } else {
                for (int d = 0; d < nd; d++)
                    ent_table_bool(t, ent_gmcr_cstable(cres, c, d, s) == 1);
            }
        }
        eq_concepts(m, res, cres, s, lab, 1024);
        ent_table_str(t, "%s", lab);
    }
    if (n <= 64) { /* the unilateral moves of a small model, for its state-graph chart */
        ent_table *mv = ent_report_table(r, "gmcr_moves", "Unilateral moves between states");
        ent_table_cols(mv, "from:i,to:i,actor:s");
        ent_table_machine_only(mv);
        for (uint32_t s = 0; s < n; s++)
            for (int d = 0; d < nd; d++) {
                uint32_t nm = 0;
                const uint32_t *to = ent_gmcr_moves(m, d, s, &nm);
                for (uint32_t k = 0; k < nm; k++) {
                    ent_table_int(mv, (long long)s + 1);
                    ent_table_int(mv, (long long)to[k] + 1);
                    ent_table_str(mv, "%s", ent_gmcr_dm_name(m, d));
                }
            }
    }
    if (cres)
        ent_report_text(r, "Coalitional concepts (Inohara & Hipel 2008): cnash, cgmr, csmr, cseq judge "
                           "the moves of every coalition that includes the decision maker (alone "
                           "or with others) to states all its members prefer, sanctioned by "
                           "the moves of the coalitions formed by the others.");
    /* equilibria, each re-checked by the literal definitions */
    for (int cc = 0; cc < ENT_GMCR_NCONCEPTS + (cres ? ENT_GMCR_NCCONCEPTS : 0) && rc == ANA_OK;
         cc++) {
        const int coal = cc >= ENT_GMCR_NCONCEPTS, c = coal ? cc - ENT_GMCR_NCONCEPTS : cc;
        if (!coal && !ent_gmcr_concept_applies(m, c))
            continue;
        gm_verify_ctx v = {m, index, g, c, coal};
        snprintf(buf, 2048, "gmcr-%s", coal ? ent_gmcr_cconcept_name(c) : ent_gmcr_concept_name(c));
        uint32_t listed = 0, total = 0;
        /* each row's literal re-check searches the whole (state, last mover) graph per
         * improvement: bound the rows so the re-checks stay within ~2^28 steps */
        uint64_t work = (uint64_t)n * (uint64_t)nd * (uint64_t)nd * 8u;
        uint64_t maxrows = ((uint64_t)1 << 28) / (work ? work : 1);
        if (maxrows > GMCR_EQ_ROWS)
            maxrows = GMCR_EQ_ROWS;
        if (maxrows < 10)
            maxrows = 10;
        if (coal) {
            /* the literal coalitional re-check searches (state, last coalition) sequences of
             * whole coalitional moves per improvement: about n^2 * 4^DMs * DMs steps a row */
            work = (uint64_t)n * n * ((uint64_t)1 << (2 * nd)) * (uint64_t)nd;
            maxrows = ((uint64_t)1 << 30) / (work ? work : 1);
            if (maxrows > GMCR_EQ_ROWS)
                maxrows = GMCR_EQ_ROWS;
        }
        for (uint32_t s = 0; s < n && rc == ANA_OK; s++) {
            if (!(coal ? ent_gmcr_cequilibrium(cres, c, s) : ent_gmcr_equilibrium(res, c, s)))
                continue;
            if (++total > maxrows)
                continue;
            if (ent_should_stop(deadline)) {
                stop_what = "the re-checked listing of the equilibria (the stability table above "
                            "is complete)";
                goto stop;
            }
            listed++;
            ent_game_profile_decode(g, index[s], prof);
            snprintf(lab, 1024, "state %u", s + 1);
            if (ana_state_add(ctx, r, buf, (int)s + 1, prof, gm_verify, &v, lab, err) != ENT_OK)
                rc = ANA_FAIL;
        }
        if (total > listed && listed == 0)
            ent_report_text(r, "%s: %u equilibria (see the stability table); %u states are too many to "
                               "re-check them by the literal definition, so none is listed here.",
                            buf, total, n);
        else if (total > listed)
            ent_report_text(r, "%s: %u equilibria; the first %u are listed (each re-checked).", buf,
                            total, listed);
    }
    if (rc != ANA_OK)
        goto out;
    /* explanations */
    int napplies = 0;
    for (int c = 0; c < ENT_GMCR_NCONCEPTS; c++)
        napplies += ent_gmcr_concept_applies(m, c);
    if (cres)
        napplies += ENT_GMCR_NCCONCEPTS;
    int all = (uint64_t)n * (uint64_t)nd * (uint64_t)napplies <= GMCR_EXPLAIN_ROWS;
    ent_report_section(r, "Why each state is stable or not");
    if (!all)
        ent_report_text(r, "%u states: explanations are listed for the equilibria only, at most %d rows.",
                        n, GMCR_EXPLAIN_ROWS);
    t = ent_report_table(r, "explanations", "One reason per state, decision maker and concept");
    ent_table_explanation(t);
    ent_table_cols(t, "state:i,actor:s,concept:s,stable:b,why:s");
    size_t rows = 0;
    for (uint32_t s = 0; s < n && rows < GMCR_EXPLAIN_ROWS; s++) {
        if ((s & 255) == 0 && ent_should_stop(deadline)) {
            stop_what = "the explanations (the stability table and equilibria above are complete)";
            goto stop;
        }
        if (!all) {
            eq_concepts(m, res, cres, s, lab, 1024);
            if (!lab[0])
                continue;
        }
        rows += (size_t)nd * (size_t)napplies;
        for (int d = 0; d < nd; d++) {
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
            for (int c = 0; cres && c < ENT_GMCR_NCCONCEPTS; c++) {
                ent_gmcr_cexplain(m, cres, c, d, s, buf, 2048);
                ent_table_int(t, (long long)s + 1);
                ent_table_str(t, "%s", ent_gmcr_dm_name(m, d));
                ent_table_str(t, "%s", ent_gmcr_cconcept_name(c));
                ent_table_bool(t, ent_gmcr_cstable(cres, c, d, s) == 1);
                ent_table_str(t, "%s", buf);
            }
        }
    }
    if (sq != UINT32_MAX && (rc = gm_status_quo(ctx, r, m, res, cres, index, sq, deadline, err)) != ANA_OK)
        goto out;
    if (ent_should_stop(deadline)) {
        stop_what = "the status quo and coalition analyses (the stability table, equilibria and "
                    "explanations above are complete)";
        goto stop;
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
    ent_table_cols(t, "state:i,equilibrium_under:s,coalition_stable:b,coalition:s,improvement:s");
    for (uint32_t s = 0; s < n; s++) {
        eq_concepts(m, res, cres, s, lab, 1024);
        if (!lab[0])
            continue;
        if (ent_should_stop(deadline)) {
            stop_what = "the coalition analysis of the equilibria (the rows above are complete)";
            goto stop;
        }
        unsigned mask;
        uint32_t to;
        if (ent_gmcr_coalition_improvement(m, s, &mask, &to) != ENT_OK) {
            ent_error_set(err, ENT_ENOMEM, "out of memory in the coalition analysis");
            rc = ANA_FAIL;
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
    goto out;
stop:
    ana_incomplete(r, "gmcr", stop_what);
out:
    if (rc == ANA_FAIL)
        ana_fail_in(ctx, err);
    ent_gmcr_result_free(&res);
    ent_gmcr_cresult_free(&cres);
    free(prof);
    free(lab);
    free(buf);
    return rc;
}

int ana_gmcr(ana_ctx *ctx, ent_report *r, ent_error *err)
{
    ent_gmcr *m = NULL;
    uint64_t *index = NULL;
    const ent_scenario *sc = ctx->scenario;
    if (ctx->status_quo && !sc) {
        ent_error_set(err, ENT_EINVAL, "%s: --status-quo applies to scenarios (.cfg)", ctx->input);
        return ANA_FAIL;
    }
    int rc = sc ? ent_gmcr_from_scenario(sc, ctx->game, &m, &index, err)
                : ent_gmcr_from_game(ctx->game, NULL, NULL, NULL, &m, &index, err);
    if (rc != ENT_OK)
        return ANA_FAIL;
    uint32_t sq = UINT32_MAX;
    const char *sqtext = ctx->status_quo ? ctx->status_quo : sc ? ent_scenario_status_quo(sc) : NULL;
    if (sqtext) {
        int np = ent_game_nplayers(ctx->game);
        int *prof = malloc((size_t)np * sizeof *prof);
        if (!prof || ent_scenario_parse_state(sc, sqtext, prof, err) != ENT_OK) {
            if (!prof)
                ent_error_set(err, ENT_ENOMEM, "out of memory");
            free(prof);
            ent_gmcr_free(&m);
            free(index);
            return ANA_FAIL;
        }
        uint64_t pi = ent_game_profile_index(ctx->game, prof);
        free(prof);
        uint32_t st = ent_gmcr_state_of_profile(index, ent_gmcr_nstates(m), pi);
        if (st == UINT32_MAX) {
            ent_error_set(err, ENT_EINVAL, "%s: status quo \"%s\" is not a feasible state",
                          ctx->input, sqtext);
            ent_gmcr_free(&m);
            free(index);
            return ANA_FAIL;
        }
        sq = st;
    }
    rc = gm_report(ctx, r, m, index, sq, err);
    ent_gmcr_free(&m);
    free(index);
    return rc;
}
