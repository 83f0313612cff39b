/* provenance.c — what produced a report, recorded in it so that anyone can cite and
 * reproduce the numbers: the program, the input and the SHA-256 of its content, every
 * parameter value used (and which were set on the command line), the concepts, the seed
 * and samples, the options that change results, and the date (SOURCE_DATE_EPOCH when
 * set, so a rebuild of the same report is byte-identical). The thread count is left out:
 * results do not depend on it (tested), and the report must not either. */
#include "analysis.h"

#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

/* A growing string; on allocation failure it stays as it was (the report then records
 * what fitted rather than failing). */
typedef struct {
    char *s;
    size_t len, cap;
} text;

static void add(text *t, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static void add(text *t, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    va_list aq;
    va_copy(aq, ap);
    int n = vsnprintf(NULL, 0, fmt, aq);
    va_end(aq);
    if (n >= 0 && t->len + (size_t)n + 1 > t->cap) {
        size_t nc = (t->cap ? t->cap * 2 : 256) + (size_t)n;
        char *q = (char *)realloc(t->s, nc);
        if (q) {
            t->s = q;
            t->cap = nc;
        }
    }
    if (n >= 0 && t->len + (size_t)n + 1 <= t->cap) {
        vsnprintf(t->s + t->len, (size_t)n + 1, fmt, ap);
        t->len += (size_t)n;
    }
    va_end(ap);
}

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
        text t = {0};
        for (int i = 0; i < ent_scenario_nparams(s); i++) {
            double v = ent_scenario_param_value(s, i), pt = ent_scenario_param_point(s, i);
            add(&t, "%s%s=%s", i ? ", " : "", ent_scenario_param_name(s, i), ent_fmt_num(num, v));
            if (ent_scenario_param_is_fixed(s, i) || v != pt)
                add(&t, " (--set; file: %s)", ent_fmt_num(num2, pt));
            else if (ent_scenario_param_is_random(s, i))
                add(&t, "~"); /* drawn by montecarlo from the file's distribution */
        }
        if (t.s)
            ent_report_provenance(r, "parameters (~ drawn by montecarlo)", "%s", t.s);
        free(t.s);
    }
    text c = {0};
    for (size_t i = 0; i < ent_report_nparts(r); i++) {
        const char *p = ent_report_part_name(r, i);
        if (strcmp(p, "summary"))
            add(&c, "%s%s", c.len ? ", " : "", p);
    }
    if (c.s)
        ent_report_provenance(r, "concepts", "%s", c.s);
    free(c.s);
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
    text o = {0};
    if (ctx->method)
        add(&o, "method=%s", ctx->method);
    if (ctx->exact)
        add(&o, "%sexact", o.len ? ", " : "");
    if (ctx->time_limit > 0)
        add(&o, "%stime limit=%ss", o.len ? ", " : "", ent_fmt_num(num, ctx->time_limit));
    if (opts->reduce)
        add(&o, "%sreduce", o.len ? ", " : "");
    if (ctx->status_quo)
        add(&o, "%sstatus quo=%s", o.len ? ", " : "", ctx->status_quo);
    if (ctx->objective)
        add(&o, "%sobjective=%s", o.len ? ", " : "", ctx->objective);
    if (ctx->coalitions)
        add(&o, "%scoalitions", o.len ? ", " : "");
    if (ctx->disagreement)
        add(&o, "%sdisagreement=%s", o.len ? ", " : "", ctx->disagreement);
    if (ctx->powers)
        add(&o, "%spowers=%s", o.len ? ", " : "", ctx->powers);
    if (ctx->no_lotteries)
        add(&o, "%sno lotteries", o.len ? ", " : "");
    if (ctx->max_spe)
        add(&o, "%smax spe=%d", o.len ? ", " : "", ctx->max_spe);
    if (o.s)
        ent_report_provenance(r, "options", "%s", o.s);
    free(o.s);
    char date[64];
    int env = report_date(date, sizeof date);
    ent_report_provenance(r, "date", "%s%s", date, env ? " (SOURCE_DATE_EPOCH)" : "");
}
