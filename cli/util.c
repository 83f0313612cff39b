/* util.c — CLI helpers: failure messages and report output (through cli_write_file). */
#include "cli.h"

#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int cli_fail(const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    fputs("entente: ", stderr);
    vfprintf(stderr, fmt, ap);
    fputc('\n', stderr);
    va_end(ap);
    return CLI_FAIL;
}

typedef struct {
    const ent_report *r;
    ent_format fmt;
    const char *csv_table;
} report_job;

static int emit_report(FILE *f, void *arg)
{
    const report_job *j = arg;
    return ent_report_write(j->r, f, j->fmt, j->csv_table);
}

int cli_write_report(const cli_ctx *ctx, const ent_report *r, const char *csv_table)
{
    if (!ctx->output || !strcmp(ctx->output, "-")) {
        int rc = ent_report_write(r, stdout, ctx->fmt, csv_table);
        if (rc == ENT_OK && fflush(stdout) != 0)
            rc = ENT_EIO;
        return rc ? cli_fail("writing the report: %s", ent_strerror(rc)) : CLI_OK;
    }
    report_job j = {r, ctx->fmt, csv_table};
    return cli_write_file(ctx->output, emit_report, &j);
}

