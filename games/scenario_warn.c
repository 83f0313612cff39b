/* scenario_warn.c — what a loaded scenario may be doing by mistake, as warnings (not
 * errors: the scenario is valid): an actor that no payoff rule pays, a parameter that no
 * expression reads; ent_scenario_set_param adds one for a value outside the parameter's
 * distribution. Each is one line "file:line: warning: ...". */
#include "scenario_int.h"
#include "util.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int sc_warn(ent_scenario *s, const char *fmt, ...)
{
    char line[1024];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(line, sizeof line, fmt, ap);
    va_end(ap);
    char **w = realloc(s->warnings, sizeof(char *) * (size_t)(s->nwarnings + 1));
    if (!w)
        return ENT_ENOMEM;
    s->warnings = w;
    if (!(w[s->nwarnings] = ent_strdup(line)))
        return ENT_ENOMEM;
    s->nwarnings++;
    return ENT_OK;
}

int sc_collect_warnings(ent_scenario *s)
{
    int rc = ENT_OK;
    if (s->pref_kind == 0 && s->rules) { /* additive rules: who is never paid */
        for (int a = 0; a < s->nactors && rc == ENT_OK; a++) {
            int paid = 0;
            for (int r = 0; r < s->nrules && !paid; r++)
                paid = s->rules[r].val && s->rules[r].val[a] != NULL;
            if (!paid)
                rc = sc_warn(s, "%s:%d: warning: no payoff rule gives actor '%s' a payoff "
                                "(its payoff is 0 in every outcome)",
                             s->path, s->actors[a].line, s->aids[a]);
        }
    }
    if (s->nparams == 0 || rc != ENT_OK)
        return rc;
    unsigned char *used = calloc((size_t)s->nparams, 1);
    if (!used)
        return ENT_ENOMEM;
    for (int r = 0; r < s->nrules; r++) {
        ent_expr_mark_params(s->rules[r].when, used, s->nparams);
        for (int a = 0; s->rules[r].val && a < s->nactors; a++)
            ent_expr_mark_params(s->rules[r].val[a], used, s->nparams);
    }
    for (int a = 0; s->nstmt && a < s->nactors; a++)
        for (int k = 0; k < s->nstmt[a]; k++)
            ent_expr_mark_params(s->stmt[a][k], used, s->nparams);
    for (int k = 0; k < s->ninf; k++)
        ent_expr_mark_params(s->inf[k], used, s->nparams);
    ent_expr_mark_params(s->cvalue, used, s->nparams);
    ent_expr_mark_params(s->cpayoff, used, s->nparams);
    for (int i = 0; s->stage_info && i < s->nstages; i++) /* chance probabilities and settings */
        for (int k = 0; k < s->stage_info[i].nout; k++) {
            ent_expr_mark_params(s->stage_info[i].out[k].p, used, s->nparams);
            for (int j = 0; j < s->stage_info[i].out[k].nset; j++)
                ent_expr_mark_params(s->stage_info[i].out[k].set_val[j], used, s->nparams);
        }
    for (int i = 0; i < s->nparams && rc == ENT_OK; i++)
        if (!used[i])
            rc = sc_warn(s, "%s:%d: warning: parameter '%s' is never used",
                         s->params[i].file ? s->params[i].file : s->path, s->params[i].line,
                         s->params[i].name);
    free(used);
    return rc;
}

int ent_scenario_nwarnings(const ent_scenario *s) { return s ? s->nwarnings : 0; }

const char *ent_scenario_warning(const ent_scenario *s, int i)
{
    return s && i >= 0 && i < s->nwarnings ? s->warnings[i] : NULL;
}

int ent_scenario_analysis_concept_place(const ent_scenario *s, int i, const char **file, int *line)
{
    if (!s || i < 0 || i >= s->nconcepts)
        return ENT_EINVAL;
    *file = s->concept_files && s->concept_files[i] ? s->concept_files[i] : s->path;
    *line = s->concept_lines ? s->concept_lines[i] : 0;
    return ENT_OK;
}
