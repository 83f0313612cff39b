/* provenance.c — what produced a report, recorded in it so that anyone can cite and
 * reproduce the numbers: the program, the input and the SHA-256 of its content, every
 * parameter value used (and which were set on the command line), the concepts, the seed
 * and samples, the options that change results, and the date (SOURCE_DATE_EPOCH when
 * set, so a rebuild of the same report is byte-identical). The thread count is left out:
 * results do not depend on it (tested), and the report must not either. */
#include "analysis.h"
#include "../games/util.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

/* The report's date: SOURCE_DATE_EPOCH (seconds since 1970, UTC) when it is set and
 * valid, else now. Returns 1 when it came from the environment. */
static int report_date(char *buf, size_t cap)
{
    const char *e = getenv("SOURCE_DATE_EPOCH");
    time_t when = time(NULL);
    int from_env = 0;
    if (e && *e) {
        char *end;
        errno = 0;
        long long v = strtoll(e, &end, 10);
        if (!*end && !errno && v >= 0 && v <= 253402300799LL) {
            when = (time_t)v;
            from_env = 1;
        }
    }
    struct tm tm;
    gmtime_r(&when, &tm);
    strftime(buf, cap, "%Y-%m-%d", &tm);
    return from_env;
}

int ent_source_date_check(const char **why)
{
    const char *e = getenv("SOURCE_DATE_EPOCH");
    if (!e || !*e)
        return 1;
    char *end;
    errno = 0;
    long long v = strtoll(e, &end, 10);
    if (*end || errno || v < 0 || v > 253402300799LL) {
        *why = "SOURCE_DATE_EPOCH must be a whole number of seconds since 1970-01-01 UTC "
               "(up to year 9999)";
        return 0;
    }
    return 1;
}

void ana_provenance(const ana_ctx *ctx, const ent_analysis_opts *opts, ent_report *r)
{
    char num[32], num2[32];
    ent_report_provenance(r, "program", "entente %s", ENT_VERSION);
    ent_report_provenance(r, "input", "%s", ctx->input);
    const ent_scenario *s = ctx->scenario;
    if (opts->input_sha256)
        ent_report_provenance(r, "sha256", "%s", opts->input_sha256);
    else if (s)
        ent_report_provenance(r, "sha256", "%s", ent_scenario_sha256(s));
    if (s && ent_scenario_nparams(s) > 0) {
        ent_buf t = {0};
        for (int i = 0; i < ent_scenario_nparams(s); i++) {
            double v = ent_scenario_param_value(s, i), pt = ent_scenario_param_point(s, i);
            ent_buf_printf(&t, "%s%s=%s", i ? ", " : "", ent_scenario_param_name(s, i), ent_fmt_num(num, v));
            if (ent_scenario_param_is_fixed(s, i) || v != pt)
                ent_buf_printf(&t, " (--set; file: %s)", ent_fmt_num(num2, pt));
            else if (ent_scenario_param_is_random(s, i))
                ent_buf_printf(&t, "~"); /* drawn by montecarlo from the file's distribution */
        }
        if (t.data && !t.failed)
            ent_report_provenance(r, "parameters (~ drawn by montecarlo)", "%s", t.data);
        ent_buf_free(&t);
    }
    ent_buf c = {0};
    for (size_t i = 0; i < ent_report_nparts(r); i++) {
        const char *p = ent_report_part_name(r, i);
        if (strcmp(p, "summary"))
            ent_buf_printf(&c, "%s%s", c.len ? ", " : "", p);
    }
    if (c.data && !c.failed)
        ent_report_provenance(r, "concepts", "%s", c.data);
    ent_buf_free(&c);
    /* the seed and samples the sampling concepts use (as analysis/batch.c resolves them) */
    int sampled = 0;
    for (size_t i = 0; i < ent_report_nparts(r); i++)
        sampled |= !strcmp(ent_report_part_name(r, i), "montecarlo");
    if (sampled && s) {
        unsigned long long seed = 1;
        if (ctx->seed_set)
            seed = ctx->seed;
        else if (!ent_scenario_analysis_seed(s, &seed))
            seed = 1;
        unsigned long long n = ctx->samples ? ctx->samples
                                            : (unsigned long long)ent_scenario_analysis_samples(s);
        ent_report_provenance(r, "seed", "%llu%s", seed, ctx->seed_set ? " (--seed)" : "");
        ent_report_provenance(r, "samples", "%llu%s", n, ctx->samples ? " (--samples)" : "");
    } else if (ctx->seed_set) {
        ent_report_provenance(r, "seed", "%lu (--seed)", ctx->seed);
    }
    ent_buf o = {0};
    if (ctx->method)
        ent_buf_printf(&o, "method=%s", ctx->method);
    if (ctx->exact)
        ent_buf_printf(&o, "%sexact", o.len ? ", " : "");
    if (ctx->time_limit > 0)
        ent_buf_printf(&o, "%stime limit=%ss", o.len ? ", " : "", ent_fmt_num(num, ctx->time_limit));
    if (opts->reduce)
        ent_buf_printf(&o, "%sreduce", o.len ? ", " : "");
    if (ctx->status_quo)
        ent_buf_printf(&o, "%sstatus quo=%s", o.len ? ", " : "", ctx->status_quo);
    if (ctx->objective)
        ent_buf_printf(&o, "%sobjective=%s", o.len ? ", " : "", ctx->objective);
    if (ctx->coalitions)
        ent_buf_printf(&o, "%scoalitions", o.len ? ", " : "");
    if (ctx->disagreement)
        ent_buf_printf(&o, "%sdisagreement=%s", o.len ? ", " : "", ctx->disagreement);
    if (ctx->powers)
        ent_buf_printf(&o, "%spowers=%s", o.len ? ", " : "", ctx->powers);
    if (ctx->no_lotteries)
        ent_buf_printf(&o, "%sno lotteries", o.len ? ", " : "");
    if (ctx->max_spe)
        ent_buf_printf(&o, "%smax spe=%d", o.len ? ", " : "", ctx->max_spe);
    if (o.data && !o.failed)
        ent_report_provenance(r, "options", "%s", o.data);
    ent_buf_free(&o);
    char date[64];
    int env = report_date(date, sizeof date);
    ent_report_provenance(r, "date", "%s%s", date, env ? " (SOURCE_DATE_EPOCH)" : "");
}
