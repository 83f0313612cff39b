/* util.c — CLI helpers: failure messages and atomic report output. */
#include "cli.h"

#include <errno.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

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

int cli_write_report(const cli_ctx *ctx, const ent_report *r, const char *csv_table)
{
    if (!ctx->output || !strcmp(ctx->output, "-")) {
        int rc = ent_report_write(r, stdout, ctx->fmt, csv_table);
        if (rc == ENT_OK && fflush(stdout) != 0)
            rc = ENT_EIO;
        return rc ? cli_fail("writing the report: %s", ent_strerror(rc)) : CLI_OK;
    }
    size_t n = strlen(ctx->output) + 16;
    char *tmp = malloc(n);
    if (!tmp)
        return cli_fail("out of memory");
    snprintf(tmp, n, "%s.tmpXXXXXX", ctx->output);
    int fd = mkstemp(tmp);
    if (fd < 0) {
        int e = errno;
        free(tmp);
        return cli_fail("%s: cannot create: %s", ctx->output, strerror(e));
    }
    FILE *f = fdopen(fd, "w");
    int rc = f ? ent_report_write(r, f, ctx->fmt, csv_table) : ENT_EIO;
    if (f && fclose(f) != 0 && rc == ENT_OK)
        rc = ENT_EIO;
    if (!f)
        close(fd);
    if (rc == ENT_OK && rename(tmp, ctx->output) != 0)
        rc = ENT_EIO;
    if (rc != ENT_OK) {
        unlink(tmp);
        free(tmp);
        return cli_fail("%s: writing the report failed: %s", ctx->output, ent_strerror(rc));
    }
    free(tmp);
    return CLI_OK;
}

