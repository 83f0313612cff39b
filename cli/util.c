/* util.c — CLI helpers: failure messages and report output (through cli_write_file). */
#include "cli.h"

#include <errno.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/ioctl.h>
#include <unistd.h>

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
    const ent_write_opts *view;
} report_job;

static int emit_report(FILE *f, void *arg)
{
    const report_job *j = arg;
    return ent_report_write_opts(j->r, f, j->fmt, j->csv_table, j->view);
}

int cli_write_report(const cli_ctx *ctx, const ent_report *r, const char *csv_table)
{
    if (!ctx->output || !strcmp(ctx->output, "-")) {
        errno = 0;
        int rc = ent_report_write_opts(r, stdout, ctx->fmt, csv_table, ctx->view);
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
    report_job j = {r, ctx->fmt, csv_table, ctx->view};
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

void cli_view_init(cli_view *v)
{
    ent_write_opts_init(&v->w);
    v->w.view = ENT_VIEW_AUTO;
    v->w.explain = 0;
    v->width_set = 0;
    v->quiet = 0;
}

int cli_view_option(cli_view *v, int opt, const char *arg)
{
    char *end;
    switch (opt) {
    case CLI_OPT_DETAIL:
        v->w.view = ENT_VIEW_DETAIL;
        return 1;
    case CLI_OPT_SUMMARY:
        v->w.view = ENT_VIEW_SUMMARY;
        return 1;
    case CLI_OPT_QUIET:
        v->quiet = 1;
        return 1;
    case CLI_OPT_SECTIONS:
        if (!arg[0] || arg[0] == ',' || arg[strlen(arg) - 1] == ',' || strstr(arg, ",,")) {
            fprintf(stderr, "%s: --sections needs comma-separated section names, e.g. summary,gmcr\n",
                    prog_name);
            return -1;
        }
        v->w.sections = arg;
        return 1;
    case CLI_OPT_EXPLAIN:
        v->w.explain = 1;
        if (v->w.view == ENT_VIEW_AUTO)
            v->w.view = ENT_VIEW_DETAIL;
        return 1;
    case CLI_OPT_WIDTH: {
        errno = 0;
        long w = strtol(arg, &end, 10);
        if (!arg[0] || *end || errno || (w != 0 && (w < 40 || w > 10000))) {
            fprintf(stderr, "%s: --width needs 0 (no wrapping) or a number of columns from 40 to 10000\n",
                    prog_name);
            return -1;
        }
        v->w.width = (int)w;
        v->width_set = 1;
        return 1;
    }
    default:
        return 0;
    }
}

int cli_view_finish(cli_view *v, const ent_report *r, const char *output)
{
    if (!v->width_set) {
        v->w.width = 80;
        struct winsize ws;
        if ((!output || !strcmp(output, "-")) && isatty(STDOUT_FILENO) &&
            ioctl(STDOUT_FILENO, TIOCGWINSZ, &ws) == 0 && ws.ws_col >= 40)
            v->w.width = ws.ws_col;
    }
    for (const char *p = v->w.sections; p && *p;) {
        size_t n = strcspn(p, ",");
        int found = 0;
        for (size_t k = 0; k < ent_report_nparts(r) && !found; k++) {
            const char *name = ent_report_part_name(r, k);
            found = strlen(name) == n && !strncmp(name, p, n);
        }
        if (!found) {
            fprintf(stderr, "%s: --sections: this report has no section '%.*s' (it has: ", prog_name,
                    (int)n, p);
            for (size_t k = 0; k < ent_report_nparts(r); k++)
                fprintf(stderr, "%s%s", k ? ", " : "", ent_report_part_name(r, k));
            fprintf(stderr, ")\n");
            return -1;
        }
        p += n + (p[n] == ',');
    }
    return 0;
}

/* A word as the shell reads it back: bare when it holds only safe characters, else in
 * single quotes (a quote inside as '\''). */
static void shell_word(FILE *f, const char *w)
{
    int safe = w[0] != '\0';
    for (const char *p = w; *p && safe; p++)
        safe = (*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') || (*p >= '0' && *p <= '9') ||
               strchr("-_./=:,+@%", *p);
    if (safe) {
        fputs(w, f);
        return;
    }
    fputc('\'', f);
    for (const char *p = w; *p; p++) {
        if (*p == '\'')
            fputs("'\\''", f);
        else
            fputc(*p, f);
    }
    fputc('\'', f);
}

char *cli_command_line(const char *command, int argc, char **argv)
{
    char *buf = NULL;
    size_t len = 0;
    FILE *f = open_memstream(&buf, &len);
    if (!f)
        return NULL;
    fprintf(f, "entente %s", command);
    /* left out: the thread count and the output file, which do not change the results
     * (and must not change the bytes of a report); so are the manifest's name and the
     * report folder (--out, --force) */
    for (int i = 1; i < argc; i++) {
        const char *a = argv[i];
        if (!strcmp(a, "--")) {
            for (; i < argc; i++) {
                fputc(' ', f);
                shell_word(f, argv[i]);
            }
            break;
        }
        int with_arg = !strcmp(a, "-t") || !strcmp(a, "--threads") || !strcmp(a, "-o") ||
                       !strcmp(a, "--output") || !strcmp(a, "--values-out") ||
                       !strcmp(a, "--manifest") || !strcmp(a, "--out") || !strcmp(a, "-O");
        if (with_arg) {
            i++;
            continue;
        }
        if (!strcmp(a, "--force") || !strncmp(a, "--manifest=", 11) || !strncmp(a, "--out=", 6))
            continue;
        if (!strncmp(a, "--threads=", 10) || !strncmp(a, "--output=", 9) ||
            !strncmp(a, "--values-out=", 13) ||
            (a[0] == '-' && (a[1] == 't' || a[1] == 'o') && a[2]))
            continue;
        fputc(' ', f);
        shell_word(f, a);
    }
    if (fclose(f) != 0) {
        free(buf);
        return NULL;
    }
    return buf;
}
