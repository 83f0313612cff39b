/* util.c — CLI helpers: failure messages and report output (through cli_write_file). */
#include "cli.h"

#include <errno.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

static char prog_name[64] = "entente";

void cli_set_command(const char *command)
{
    snprintf(prog_name, sizeof prog_name, "entente%s%s", command ? " " : "", command ? command : "");
}

const char *cli_prog(void) { return prog_name; }

/* A number as a scenario file writes one: [+-] digits [. digits] [(e|E) [+-] digits], or
 * with the digits only after the point; nothing before or after it (no hexadecimal,
 * fractions, inf/nan or spaces, which strtod alone would take or skip). */
static int decimal_syntax(const char *p)
{
    int digits = 0;
    if (*p == '+' || *p == '-')
        p++;
    while (*p >= '0' && *p <= '9')
        p++, digits++;
    if (*p == '.') {
        p++;
        while (*p >= '0' && *p <= '9')
            p++, digits++;
    }
    if (!digits)
        return 0;
    if (*p == 'e' || *p == 'E') {
        p++;
        if (*p == '+' || *p == '-')
            p++;
        if (!(*p >= '0' && *p <= '9'))
            return 0;
        while (*p >= '0' && *p <= '9')
            p++;
    }
    return *p == '\0';
}

int cli_parse_set(const char *arg, char *name, size_t cap, double *value)
{
    const char *eq = strchr(arg, '=');
    char *end = NULL;
    if (!eq || eq == arg || (size_t)(eq - arg) >= cap || !decimal_syntax(eq + 1))
        return -1;
    errno = 0;
    double v = strtod(eq + 1, &end);
    if (end == eq + 1 || *end || errno == ERANGE || !isfinite(v))
        return -1;
    snprintf(name, cap, "%.*s", (int)(eq - arg), arg);
    *value = v;
    return 0;
}

int cli_usage_set(const char *arg)
{
    char name[256];
    double v;
    if (cli_parse_set(arg, name, sizeof name, &v) == 0)
        return CLI_OK;
    fprintf(stderr, "%s: --set %s: expected NAME=NUMBER (e.g. --set q_backstop=0.4)\n", prog_name, arg);
    fprintf(stderr, "Try '%s --help'.\n", prog_name);
    return CLI_USAGE;
}

int cli_fail(const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    fprintf(stderr, "%s: ", prog_name);
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
        errno = 0;
        int rc = ent_report_write(r, stdout, ctx->fmt, csv_table);
        if (rc == ENT_OK && fflush(stdout) != 0)
            rc = ENT_EIO;
        /* the system's reason ("No space left on device") when a write failed */
        int e = errno;
        if (rc == ENT_EIO && e != 0) {
            clearerr(stdout);
            return cli_fail("writing the report to standard output: %s", strerror(e));
        }
        return rc ? cli_fail("writing the report: %s", ent_strerror(rc)) : CLI_OK;
    }
    report_job j = {r, ctx->fmt, csv_table};
    return cli_write_file(ctx->output, emit_report, &j);
}


int cli_format_from_name(const char *path)
{
    static const struct {
        const char *ext;
        ent_format fmt;
    } map[] = {{".csv", ENT_FMT_CSV},      {".json", ENT_FMT_JSON},      {".md", ENT_FMT_MARKDOWN},
               {".markdown", ENT_FMT_MARKDOWN}, {".tex", ENT_FMT_LATEX}, {".latex", ENT_FMT_LATEX},
               {".txt", ENT_FMT_TEXT}};
    size_t n = path ? strlen(path) : 0;
    for (size_t i = 0; n && i < sizeof map / sizeof map[0]; i++) {
        size_t e = strlen(map[i].ext);
        if (n > e && !strcasecmp(path + n - e, map[i].ext))
            return (int)map[i].fmt;
    }
    return -1;
}
