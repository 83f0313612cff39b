/* cmd_report.c — `entente report FILE --out DIR`: the analysis of `entente solve FILE`
 * (the same options), written as a folder of files: report.html (self-contained),
 * report.md, each visible table as TABLE.csv, TABLE.json and TABLE.tex, each chart as
 * NAME.svg, and manifest.json (each file's SHA-256, the command line, the provenance).
 * Every file is written to a temporary name and renamed (cli_write_file), the manifest
 * last. The page and chart building is library code (report/); this file parses, loads,
 * runs and writes. Also the manifest writer of `entente solve -o OUT --manifest M`. */
#define _GNU_SOURCE
#include "cli.h"

#include <stdarg.h>

#include <dirent.h>
#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

int (*cli_solve_hook)(const ent_analysis_opts *ctx, char **sets, int nsets);

int cli_parse_digits(const char *arg)
{
    char *end;
    long d = strtol(arg, &end, 10);
    if (*end || end == arg || d < 1 || d > 17) {
        fprintf(stderr, "%s: --digits needs a number from 1 to 17\n", cli_prog());
        return CLI_USAGE;
    }
    ent_fmt_set_digits((int)d);
    return CLI_OK;
}

/* ------------------------------------------------------------ provenance */

typedef struct {
    ent_page_kv kv[32];
    char *owned[32];
    size_t n;
} prov_list;

static void prov_add(prov_list *p, const char *key, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));
static void prov_add(prov_list *p, const char *key, const char *fmt, ...)
{
    if (p->n >= sizeof p->kv / sizeof p->kv[0])
        return;
    va_list ap;
    va_start(ap, fmt);
    char *v = NULL;
    if (vasprintf(&v, fmt, ap) < 0)
        v = NULL;
    va_end(ap);
    if (!v)
        return;
    p->owned[p->n] = v;
    p->kv[p->n].key = key;
    p->kv[p->n].value = v;
    p->n++;
}

static void prov_free(prov_list *p)
{
    for (size_t i = 0; i < p->n; i++)
        free(p->owned[i]);
    p->n = 0;
}

/* The provenance of report r (program, input and its SHA-256, parameters, concepts,
 * seed, samples, date, the command without -t, -o, --out, --force and --manifest; see
 * ent_report_provenance) so that the report's own files are the same for any thread
 * count and folder; digits when not the default. With with_run: the thread count too,
 * for the manifest. */
static void provenance(prov_list *p, const ent_report *r, const ent_analysis_opts *ctx,
                       int with_run)
{
    for (size_t i = 0; r && i < ent_report_provenance_count(r); i++) {
        const char *key, *value;
        ent_report_provenance_get(r, i, &key, &value);
        if (key && value)
            prov_add(p, key, "%s", value);
    }
    if (ent_fmt_digits() != 12)
        prov_add(p, "digits", "%d", ent_fmt_digits());
    if (with_run)
        prov_add(p, "threads", "%d", ctx->threads);
}

/* ------------------------------------------------------------- manifest */

typedef struct {
    const ent_manifest_info *m;
} manifest_job;

static int emit_manifest(FILE *f, void *arg)
{
    return ent_manifest_write(f, ((manifest_job *)arg)->m);
}

/* The folder part of path ("." when none). OUT: malloc'd. */
static char *dir_of(const char *path)
{
    const char *sl = strrchr(path, '/');
    if (!sl)
        return strdup(".");
    if (sl == path)
        return strdup("/");
    return strndup(path, (size_t)(sl - path));
}

/* path as recorded in a manifest in folder mdir: relative to it when inside it. */
static const char *relative_to(const char *path, const char *mdir)
{
    size_t n = strlen(mdir);
    if (!strcmp(mdir, "."))
        return path[0] == '.' && path[1] == '/' ? path + 2 : path;
    if (!strncmp(path, mdir, n) && path[n] == '/')
        return path + n + 1;
    return path;
}

int cli_write_manifest(const char *path, int argc, char **argv, const ent_analysis_opts *ctx,
                       const ent_report *r, const char *const *files, size_t nfiles)
{
    prov_list p = {0};
    provenance(&p, r, ctx, 1);
    ent_manifest_file_info *fi = calloc(nfiles ? nfiles : 1, sizeof *fi);
    char(*sha)[65] = calloc(nfiles ? nfiles : 1, sizeof *sha);
    char *mdir = dir_of(path), cwd[PATH_MAX];
    int rc = CLI_OK;
    if (!fi || !sha || !mdir || !getcwd(cwd, sizeof cwd))
        rc = cli_fail("%s: cannot record the run: %s", path, strerror(errno ? errno : ENOMEM));
    for (size_t i = 0; rc == CLI_OK && i < nfiles; i++) {
        ent_error err = {0, ""};
        struct stat st;
        if (ent_sha256_file(files[i], sha[i], &err) != ENT_OK || stat(files[i], &st) != 0) {
            rc = cli_fail("%s", err.msg[0] ? err.msg : strerror(errno));
            break;
        }
        fi[i].path = relative_to(files[i], mdir);
        fi[i].bytes = (uint64_t)st.st_size;
        fi[i].sha256 = sha[i];
    }
    if (rc == CLI_OK) {
        ent_manifest_info m = {argc, (const char *const *)argv, cwd, getenv("SOURCE_DATE_EPOCH"),
                               p.kv, p.n, fi, nfiles};
        manifest_job j = {&m};
        rc = cli_write_file(path, emit_manifest, &j);
    }
    free(fi);
    free(sha);
    free(mdir);
    prov_free(&p);
    return rc;
}

/* -------------------------------------------------------------- report */

static const char *out_dir;
static int force, report_argc;
static char **report_argv;

typedef struct {
    int kind; /* 0 table, 1 chart, 2 html, 3 markdown */
    const ent_table *t;
    ent_format fmt;
    const char *svg;
    const ent_report *const *parts;
    size_t nparts;
    const ent_chart *charts;
    size_t ncharts;
    const prov_list *prov;
} file_job;

static int emit_file(FILE *f, void *arg)
{
    file_job *j = arg;
    switch (j->kind) {
    case 0:
        if (j->fmt == ENT_FMT_LATEX) /* the provenance as comments */
            for (size_t i = 0; i < j->prov->n; i++) {
                fprintf(f, "%% %s: ", j->prov->kv[i].key);
                for (const char *c = j->prov->kv[i].value; *c; c++)
                    fputc(*c == '\n' || *c == '\r' ? ' ' : *c, f);
                fputc('\n', f);
            }
        return ent_table_write(j->t, f, j->fmt);
    case 1:
        return fputs(j->svg, f) < 0 ? ENT_EIO : ENT_OK;
    case 2:
        return ent_page_write_html(j->parts, j->nparts, j->charts, j->ncharts, j->prov->kv, j->prov->n, f);
    default:
        return ent_page_write_markdown(j->parts, j->nparts, j->charts, j->ncharts, j->prov->kv, j->prov->n, f);
    }
}

typedef struct {
    char **path;
    size_t n, cap;
} name_list;

static int names_add(name_list *l, const char *dir, const char *name)
{
    if (l->n == l->cap) {
        size_t nc = l->cap ? l->cap * 2 : 32;
        char **q = realloc(l->path, nc * sizeof *q);
        if (!q)
            return -1;
        l->path = q;
        l->cap = nc;
    }
    if (asprintf(&l->path[l->n], "%s/%s", dir, name) < 0)
        return -1;
    l->n++;
    return 0;
}

static void names_free(name_list *l)
{
    for (size_t i = 0; i < l->n; i++)
        free(l->path[i]);
    free(l->path);
}

/* Write one file of the folder (atomically) and remember its name. */
static int write_one(name_list *l, const char *name, file_job *j)
{
    if (names_add(l, out_dir, name) != 0)
        return cli_fail("out of memory");
    return cli_write_file(l->path[l->n - 1], emit_file, j);
}

/* Check the output folder: a missing one is made (when create), an existing one is
 * refused when it has files, unless --force. */
static int prepare_dir(int create)
{
    struct stat st;
    if (stat(out_dir, &st) != 0) {
        if (errno != ENOENT)
            return cli_fail("%s: %s", out_dir, strerror(errno));
        if (create && mkdir(out_dir, 0777) != 0)
            return cli_fail("%s: cannot create the folder: %s", out_dir, strerror(errno));
        return CLI_OK;
    }
    if (!S_ISDIR(st.st_mode))
        return cli_fail("%s: exists and is not a folder", out_dir);
    DIR *d = opendir(out_dir);
    if (!d)
        return cli_fail("%s: %s", out_dir, strerror(errno));
    int empty = 1;
    struct dirent *e;
    while (empty && (e = readdir(d)))
        empty = !strcmp(e->d_name, ".") || !strcmp(e->d_name, "..");
    closedir(d);
    if (!empty && !force)
        return cli_fail("%s: the folder is not empty (--force replaces its report files)", out_dir);
    return CLI_OK;
}

/* Files a previous run's manifest lists (plain names inside the folder), to remove those
 * this run does not write again. OUT: malloc'd list. */
static void old_files(name_list *old)
{
    char *mpath = NULL;
    if (asprintf(&mpath, "%s/manifest.json", out_dir) < 0)
        return;
    ent_manifest *m = NULL;
    if (access(mpath, F_OK) == 0 && ent_manifest_read(mpath, &m, NULL) == ENT_OK) {
        for (size_t i = 0; i < ent_manifest_nfiles(m); i++) {
            const char *p = ent_manifest_file(m, i, NULL);
            if (p && !strchr(p, '/') && strcmp(p, ".") && strcmp(p, ".."))
                names_add(old, out_dir, p);
        }
        ent_manifest_free(&m);
    }
    free(mpath);
}

/* Load the input as cmd_solve does; a scenario with only a coalition block is loaded
 * without a game. */
static int load_input(const ent_analysis_opts *ctx, char **sets, int nsets, ent_scenario **scen,
                      ent_game **game, ent_efg **tree)
{
    ent_error err = {0, ""};
    int rc;
    if (cli_is_tree(ctx->input))
        rc = ent_efg_read_file(ctx->input, NULL, tree, &err);
    else if (!cli_is_scenario(ctx->input))
        rc = cli_load_game(ctx->input, game, &err);
    else {
        rc = cli_load_scenario(ctx->input, sets, nsets, scen, game, &err);
        ent_scenario *s = NULL;
        if (rc != ENT_OK && ent_scenario_load(ctx->input, NULL, &s, NULL) == ENT_OK &&
            ent_scenario_nactors(s) == 0 && ent_scenario_has_coalition(s)) {
            rc = ENT_OK;
            for (int i = 0; i < nsets && rc == ENT_OK; i++) {
                char name[256];
                double v;
                rc = cli_parse_set(sets[i], name, sizeof name, &v) == 0
                         ? ent_scenario_set_param(s, name, v, &err)
                         : ENT_EINVAL;
            }
            if (rc == ENT_OK) {
                *scen = s;
                s = NULL;
            }
        }
        ent_scenario_free(&s);
    }
    if (rc != ENT_OK) {
        fprintf(stderr, "%s\n", err.msg[0] ? err.msg : ent_strerror(rc));
        return CLI_FAIL;
    }
    return CLI_OK;
}

/* One analysis for the given format: solve's concepts (game or tree), or the coalition
 * concepts (coal). */
static int analyze(const ent_analysis_opts *ctx, ent_format fmt, int coal, const ent_scenario *scen,
                   const ent_game *game, const ent_efg *tree, ent_report **out)
{
    ent_analysis_opts o = *ctx;
    o.fmt = fmt;
    if (coal)
        o.concepts = NULL; /* solve's concepts name no coalition concept */
    ent_error err = {0, ""};
    int rc = coal ? ent_analyze_coalition(scen, &o, out, &err)
             : tree ? ent_analyze_tree(tree, &o, out, &err)
                    : ent_analyze(game, scen, &o, out, &err);
    if (rc == ENT_EOPTION) {
        fprintf(stderr, "%s: %s\n", cli_prog(), err.msg);
        return CLI_USAGE;
    }
    if (rc != ENT_OK) {
        size_t il = strlen(ctx->input);
        if (strncmp(err.msg, ctx->input, il) != 0 || err.msg[il] != ':')
            fprintf(stderr, "%s: ", ctx->input);
        fprintf(stderr, "%s\n", err.msg[0] ? err.msg : "failed");
        return CLI_FAIL;
    }
    return CLI_OK;
}

static int run_report(const ent_analysis_opts *ctx, char **sets, int nsets)
{
    ent_scenario *scen = NULL;
    ent_game *game = NULL;
    ent_efg *tree = NULL;
    if (!strcmp(ctx->input, "-")) {
        fprintf(stderr, "%s: a report records its input to be re-run: name a FILE, not "
                        "standard input\n", cli_prog());
        return CLI_USAGE;
    }
    int rc = prepare_dir(0); /* before the run, so that a refusal comes at once */
    if (rc != CLI_OK)
        return rc;
    if ((rc = load_input(ctx, sets, nsets, &scen, &game, &tree)) != CLI_OK)
        return rc;
    /* parts: the solve analysis (when there is a game or tree), the coalitional one (when
     * the scenario has a coalition block); each for people (Markdown: marks and prose)
     * and for machines (JSON: typed cells) */
    ent_report *human[2] = {0}, *machine[2] = {0};
    size_t np = 0;
    if (game || tree) {
        if ((rc = analyze(ctx, ENT_FMT_MARKDOWN, 0, scen, game, tree, &human[np])) == CLI_OK &&
            (rc = analyze(ctx, ENT_FMT_JSON, 0, scen, game, tree, &machine[np])) == CLI_OK)
            np++;
    }
    if (rc == CLI_OK && scen && ent_scenario_has_coalition(scen)) {
        if ((rc = analyze(ctx, ENT_FMT_MARKDOWN, 1, scen, NULL, NULL, &human[np])) == CLI_OK &&
            (rc = analyze(ctx, ENT_FMT_JSON, 1, scen, NULL, NULL, &machine[np])) == CLI_OK)
            np++;
    }
    char *cmdline = cli_command_line("report", report_argc, report_argv);
    for (size_t p = 0; cmdline && p < np; p++)
        ent_report_provenance(human[p], "command", "%s", cmdline);
    free(cmdline);
    ent_chart *charts[2] = {0};
    size_t nch[2] = {0}, ntotal = 0;
    for (size_t p = 0; rc == CLI_OK && p < np; p++) {
        if (ent_report_charts(machine[p], &charts[p], &nch[p]) != ENT_OK)
            rc = cli_fail("out of memory");
        ntotal += nch[p];
    }
    ent_chart *all = rc == CLI_OK ? calloc(ntotal ? ntotal : 1, sizeof *all) : NULL;
    if (rc == CLI_OK && !all)
        rc = cli_fail("out of memory");
    for (size_t p = 0, k = 0; all && p < np; p++)
        for (size_t c = 0; c < nch[p]; c++)
            all[k++] = charts[p][c]; /* borrowed */
    prov_list prov = {0};
    name_list written = {0}, old = {0};
    if (rc == CLI_OK) /* the folder is made once there is something to write */
        rc = prepare_dir(1);
    if (rc == CLI_OK) {
        provenance(&prov, human[0], ctx, 0);
        if (force)
            old_files(&old);
    }
    const ent_report *const *parts = (const ent_report *const *)human;
    /* tables: LaTeX from the human report, CSV and JSON from the typed one */
    for (size_t p = 0; rc == CLI_OK && p < np; p++) {
        for (size_t k = 0; rc == CLI_OK && k < ent_report_ntables(human[p]); k++) {
            const ent_table *t = ent_report_table_at(human[p], k);
            if (ent_table_is_machine_only(t))
                continue;
            const ent_table *mt = ent_report_find_table(machine[p], ent_table_name(t));
            char stem[160], name[200];
            ent_page_table_stem(parts, p, t, stem, sizeof stem);
            static const char *const ext[3] = {"csv", "json", "tex"};
            static const ent_format fmt[3] = {ENT_FMT_CSV, ENT_FMT_JSON, ENT_FMT_LATEX};
            for (int e = 0; rc == CLI_OK && e < 3; e++) {
                file_job j = {.kind = 0, .t = e < 2 && mt ? mt : t, .fmt = fmt[e], .prov = &prov};
                snprintf(name, sizeof name, "%s.%s", stem, ext[e]);
                rc = write_one(&written, name, &j);
            }
        }
    }
    for (size_t k = 0; rc == CLI_OK && k < ntotal; k++) {
        char name[200];
        file_job j = {.kind = 1, .svg = all[k].svg};
        snprintf(name, sizeof name, "%s.svg", all[k].name);
        rc = write_one(&written, name, &j);
    }
    file_job page = {.parts = parts, .nparts = np, .charts = all, .ncharts = ntotal, .prov = &prov};
    if (rc == CLI_OK) {
        page.kind = 2;
        rc = write_one(&written, "report.html", &page);
    }
    if (rc == CLI_OK) {
        page.kind = 3;
        rc = write_one(&written, "report.md", &page);
    }
    if (rc == CLI_OK) {
        char *mpath = NULL;
        if (asprintf(&mpath, "%s/manifest.json", out_dir) < 0)
            rc = cli_fail("out of memory");
        else
            rc = cli_write_manifest(mpath, report_argc, report_argv, ctx, human[0],
                                    (const char *const *)written.path, written.n);
        free(mpath);
    }
    /* --force: files of the previous report that this one did not write again */
    for (size_t i = 0; rc == CLI_OK && i < old.n; i++) {
        int again = 0;
        for (size_t k = 0; k < written.n && !again; k++)
            again = !strcmp(old.path[i], written.path[k]);
        if (!again && unlink(old.path[i]) != 0 && errno != ENOENT)
            rc = cli_fail("%s: cannot remove: %s", old.path[i], strerror(errno));
    }
    if (rc == CLI_OK)
        fprintf(stderr, "%s: %zu files written to %s (report.html, report.md, manifest.json)\n",
                cli_prog(), written.n + 1, out_dir);
    names_free(&written);
    names_free(&old);
    prov_free(&prov);
    free(all);
    for (size_t p = 0; p < 2; p++) {
        ent_charts_free(&charts[p], nch[p]);
        ent_report_free(&human[p]);
        ent_report_free(&machine[p]);
    }
    ent_game_free(&game);
    ent_efg_free(&tree);
    ent_scenario_free(&scen);
    return rc;
}

static void report_usage(FILE *f)
{
    fprintf(f,
            "usage: entente report [FILE] --out DIR [--force] [solve options]\n"
            "Run the analysis of 'entente solve FILE' (the same options: -c, --set, --seed,\n"
            "--samples, -t, --digits, ...) and write into DIR:\n"
            "  report.html     the whole report as one self-contained page (charts inline)\n"
            "  report.md       the same content in Markdown\n"
            "  TABLE.csv, TABLE.json, TABLE.tex   every table shown in the report\n"
            "  NAME.svg        the charts\n"
            "  manifest.json   each file with its SHA-256, the command and the provenance\n"
            "                  ('entente verify-run DIR/manifest.json' re-runs and compares)\n"
            "Each file is written under a temporary name and renamed when complete.\n"
            "Without FILE, the default scenario (configs/ukraine-2025.cfg).\n\n"
            "options:\n"
            "  -O, --out DIR          the folder to write (created if missing)\n"
            "      --force            write into a folder that is not empty (replacing the\n"
            "                         files of an earlier report there)\n"
            "  -h, --help             this help; 'entente solve --help' lists the solve options\n");
}

int cmd_report(int argc, char **argv)
{
    /* take --out and --force out; the rest are solve's options, parsed by cmd_solve */
    char **rest = calloc((size_t)argc + 1, sizeof *rest);
    if (!rest)
        return cli_fail("out of memory");
    int nrest = 0;
    out_dir = NULL;
    force = 0;
    for (int i = 0; i < argc; i++) {
        const char *a = argv[i];
        if (i > 0 && (!strcmp(a, "--help") || !strcmp(a, "-h"))) {
            free(rest);
            report_usage(stdout);
            return CLI_OK;
        }
        if (i > 0 && (!strcmp(a, "--out") || !strcmp(a, "-O"))) {
            if (i + 1 >= argc) {
                free(rest);
                fprintf(stderr, "%s: %s needs a folder\nTry 'entente report --help'.\n", cli_prog(), a);
                return CLI_USAGE;
            }
            out_dir = argv[++i];
        } else if (i > 0 && !strncmp(a, "--out=", 6)) {
            out_dir = a + 6;
        } else if (i > 0 && !strcmp(a, "--force")) {
            force = 1;
        } else {
            rest[nrest++] = argv[i];
        }
        if (i > 0 && !strcmp(a, "--")) { /* the rest are operands */
            for (i++; i < argc; i++)
                rest[nrest++] = argv[i];
        }
    }
    if (!out_dir || !out_dir[0]) {
        free(rest);
        fprintf(stderr, "%s: --out DIR is required\nTry 'entente report --help'.\n", cli_prog());
        return CLI_USAGE;
    }
    /* the folder without trailing slashes, so that file names join cleanly */
    char *dir = strdup(out_dir);
    if (!dir) {
        free(rest);
        return cli_fail("out of memory");
    }
    for (size_t n = strlen(dir); n > 1 && dir[n - 1] == '/'; n--)
        dir[n - 1] = '\0';
    out_dir = dir;
    report_argc = argc;
    report_argv = argv;
    cli_solve_hook = run_report;
    int rc = cmd_solve(nrest, rest);
    cli_solve_hook = NULL;
    free(rest);
    free(dir);
    return rc;
}
