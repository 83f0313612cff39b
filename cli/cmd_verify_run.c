/* cmd_verify_run.c — `entente verify-run MANIFEST`: re-run the command a manifest records
 * (`entente report ... --out DIR` or `entente solve ... -o OUT --manifest M`) into a
 * temporary folder, in the recorded working directory and with the recorded
 * SOURCE_DATE_EPOCH, and say for every file of the manifest whether the re-run wrote the
 * same bytes as the file on disk (and as the SHA-256 recorded). Exit 0 when every file
 * is identical, 1 otherwise (the differing files are listed), 2 for a usage error. */
#define _GNU_SOURCE
#include "cli.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

static void usage(FILE *f)
{
    fprintf(f, "usage: entente verify-run MANIFEST\n"
               "Re-run the command recorded in MANIFEST (written by 'entente report --out DIR'\n"
               "as DIR/manifest.json, or by 'entente solve -o OUT --manifest FILE') into a\n"
               "temporary folder, with the same working directory and SOURCE_DATE_EPOCH, and\n"
               "say for each file whether the re-run is byte-identical to it.\n"
               "Exit status: 0 all identical, 1 some file differs (listed) or the re-run failed.\n");
}

/* Remove a folder this command made (flat: the re-run writes no sub-folders). */
static void remove_tree(const char *dir)
{
    DIR *d = opendir(dir);
    if (d) {
        struct dirent *e;
        while ((e = readdir(d))) {
            if (!strcmp(e->d_name, ".") || !strcmp(e->d_name, ".."))
                continue;
            char *p = NULL;
            if (asprintf(&p, "%s/%s", dir, e->d_name) >= 0) {
                struct stat st;
                if (lstat(p, &st) == 0 && S_ISDIR(st.st_mode))
                    remove_tree(p);
                else
                    unlink(p);
                free(p);
            }
        }
        closedir(d);
    }
    rmdir(dir);
}

/* 1 if the two files have the same bytes, 0 if not, -1 if one cannot be read. */
static int same_bytes(const char *a, const char *b)
{
    FILE *fa = fopen(a, "rb"), *fb = fopen(b, "rb");
    int rc = fa && fb ? 1 : -1;
    while (rc == 1) {
        char x[8192], y[8192];
        size_t na = fread(x, 1, sizeof x, fa), nb = fread(y, 1, sizeof y, fb);
        if (na != nb || memcmp(x, y, na) != 0)
            rc = 0;
        else if (na == 0)
            break;
    }
    if (fa)
        fclose(fa);
    if (fb)
        fclose(fb);
    return rc;
}

static const char *base_name(const char *p)
{
    const char *s = strrchr(p, '/');
    return s ? s + 1 : p;
}

int cmd_verify_run(int argc, char **argv)
{
    if (argc >= 2 && (!strcmp(argv[1], "--help") || !strcmp(argv[1], "-h"))) {
        usage(stdout);
        return CLI_OK;
    }
    if (argc != 2 || argv[1][0] == '-') {
        fprintf(stderr, "%s: expected one MANIFEST\nTry 'entente verify-run --help'.\n", cli_prog());
        return CLI_USAGE;
    }
    const char *mpath = argv[1];
    ent_error err = {0, ""};
    ent_manifest *m = NULL;
    if (ent_manifest_read(mpath, &m, &err) != ENT_OK) {
        fprintf(stderr, "%s\n", err.msg);
        return CLI_FAIL;
    }
    size_t ac = ent_manifest_argc(m);
    const char *cmd = ent_manifest_arg(m, 0);
    int is_report = !strcmp(cmd, "report"), is_solve = !strcmp(cmd, "solve");
    if (!is_report && !is_solve) {
        ent_manifest_free(&m);
        return cli_fail("%s: the command '%s' cannot be re-run (report or solve only)", mpath, cmd);
    }
    /* the manifest's folder, absolute: files are recorded relative to it */
    char mdir[PATH_MAX], cwd[PATH_MAX];
    {
        char *tmp = strdup(mpath);
        char *sl = tmp ? strrchr(tmp, '/') : NULL;
        if (sl)
            *sl = '\0';
        const char *d = tmp && sl ? (tmp[0] ? tmp : "/") : ".";
        if (!tmp || !realpath(d, mdir)) {
            free(tmp);
            ent_manifest_free(&m);
            return cli_fail("%s: %s", mpath, strerror(errno ? errno : ENOMEM));
        }
        free(tmp);
    }
    if (!getcwd(cwd, sizeof cwd)) {
        ent_manifest_free(&m);
        return cli_fail("%s", strerror(errno));
    }
    const char *tmproot = getenv("TMPDIR");
    char *tdir = NULL;
    if (asprintf(&tdir, "%s/entente-verify-XXXXXX", tmproot && *tmproot ? tmproot : "/tmp") < 0 ||
        !mkdtemp(tdir)) {
        free(tdir);
        ent_manifest_free(&m);
        return cli_fail("cannot make a temporary folder: %s", strerror(errno));
    }
    /* the command with its outputs sent to the temporary folder */
    char **nargv = calloc(ac + 4, sizeof *nargv);
    char **owned = calloc(ac + 4, sizeof *owned);
    char *outname = NULL;
    size_t n = 0, no = 0;
    int rc = nargv && owned ? CLI_OK : cli_fail("out of memory");
    if (rc == CLI_OK)
        nargv[n++] = "entente";
    for (size_t i = 0; rc == CLI_OK && i < ac; i++) {
        const char *a = ent_manifest_arg(m, i);
        const char *val = NULL;
        int opt_out = 0, opt_manifest = 0;
        if (is_report && (!strcmp(a, "--out") || !strcmp(a, "-O")) && i + 1 < ac)
            opt_out = 1, val = ent_manifest_arg(m, ++i);
        else if (is_report && !strncmp(a, "--out=", 6))
            opt_out = 1, val = a + 6;
        else if (is_solve && (!strcmp(a, "-o") || !strcmp(a, "--output")) && i + 1 < ac)
            opt_out = 1, val = ent_manifest_arg(m, ++i);
        else if (is_solve && !strncmp(a, "--output=", 9))
            opt_out = 1, val = a + 9;
        else if (is_solve && !strncmp(a, "-o", 2) && a[2])
            opt_out = 1, val = a + 2;
        else if (is_solve && !strcmp(a, "--manifest") && i + 1 < ac)
            opt_manifest = 1, ++i;
        else if (is_solve && !strncmp(a, "--manifest=", 11))
            opt_manifest = 1;
        if (opt_out) {
            char *p = NULL;
            if (is_report)
                rc = asprintf(&p, "%s/out", tdir) < 0 ? cli_fail("out of memory") : CLI_OK;
            else
                rc = asprintf(&p, "%s/%s", tdir, base_name(val)) < 0 ? cli_fail("out of memory") : CLI_OK;
            if (rc != CLI_OK)
                break;
            owned[no++] = p;
            outname = p;
            nargv[n++] = is_report ? "--out" : "-o";
            nargv[n++] = p;
        } else if (opt_manifest) {
            char *p = NULL;
            if (asprintf(&p, "%s/manifest.json", tdir) < 0) {
                rc = cli_fail("out of memory");
                break;
            }
            owned[no++] = p;
            nargv[n++] = "--manifest";
            nargv[n++] = p;
        } else {
            nargv[n++] = (char *)a;
        }
    }
    if (rc == CLI_OK && !outname)
        rc = cli_fail("%s: the recorded command names no output (%s)", mpath,
                      is_report ? "--out DIR" : "-o FILE");
    /* re-run: this program, in the recorded folder, with the recorded date; its stderr
     * is shown only when it fails */
    char errlog[PATH_MAX + 32];
    snprintf(errlog, sizeof errlog, "%s/stderr.txt", tdir);
    if (rc == CLI_OK) {
        const char *wd = ent_manifest_cwd(m);
        fflush(stdout);
        fflush(stderr);
        pid_t pid = fork();
        if (pid < 0) {
            rc = cli_fail("cannot start the re-run: %s", strerror(errno));
        } else if (pid == 0) {
            if (wd && wd[0] && chdir(wd) != 0)
                _exit(126);
            const char *sde = ent_manifest_source_date_epoch(m);
            if (sde)
                setenv("SOURCE_DATE_EPOCH", sde, 1);
            else
                unsetenv("SOURCE_DATE_EPOCH");
            int null = open("/dev/null", O_WRONLY);
            if (null >= 0) {
                dup2(null, 1);
                close(null);
            }
            int log = open(errlog, O_WRONLY | O_CREAT | O_TRUNC, 0600);
            if (log >= 0) {
                dup2(log, 2);
                close(log);
            }
            execv("/proc/self/exe", nargv);
            _exit(127);
        } else {
            int st;
            while (waitpid(pid, &st, 0) < 0 && errno == EINTR)
                ;
            if (!WIFEXITED(st) || WEXITSTATUS(st) != 0) {
                printf("the re-run failed (%s %d): every file differs\n",
                       WIFEXITED(st) ? "exit status" : "signal",
                       WIFEXITED(st) ? WEXITSTATUS(st) : WTERMSIG(st));
                FILE *lf = fopen(errlog, "r");
                char line[1024];
                while (lf && fgets(line, sizeof line, lf))
                    fprintf(stderr, "  re-run: %s", line);
                if (lf)
                    fclose(lf);
                rc = CLI_FAIL;
            }
        }
    }
    /* compare each file */
    size_t nf = ent_manifest_nfiles(m), ndiff = 0;
    for (size_t i = 0; rc == CLI_OK && i < nf; i++) {
        const char *sha, *p = ent_manifest_file(m, i, &sha);
        char *orig = NULL, *redo = NULL, now[65] = "";
        int bad = 0;
        const char *why = "";
        if (p[0] == '/')
            bad = asprintf(&orig, "%s", p) < 0;
        else
            bad = asprintf(&orig, "%s/%s", mdir, p) < 0;
        if (is_report)
            bad |= asprintf(&redo, "%s/%s", outname, base_name(p)) < 0;
        else
            bad |= asprintf(&redo, "%s", outname) < 0;
        if (bad) {
            rc = cli_fail("out of memory");
        } else {
            int same = same_bytes(orig, redo);
            if (same < 0)
                why = access(orig, R_OK) != 0 ? "missing or unreadable" : "not written by the re-run";
            else if (!same)
                why = "differs from the re-run";
            else if (ent_sha256_file(orig, now, NULL) != ENT_OK || strcmp(now, sha) != 0)
                why = "identical to the re-run but not to its SHA-256 in the manifest";
            if (why[0]) {
                printf("DIFFERENT  %s: %s\n", p, why);
                ndiff++;
            } else {
                printf("identical  %s\n", p);
            }
        }
        free(orig);
        free(redo);
    }
    if (rc == CLI_OK) {
        if (ndiff)
            printf("%zu of %zu files differ\n", ndiff, nf);
        else
            printf("all %zu files identical\n", nf);
        rc = ndiff ? CLI_FAIL : CLI_OK;
    }
    remove_tree(tdir);
    for (size_t i = 0; i < no; i++)
        free(owned[i]);
    free(owned);
    free(nargv);
    free(tdir);
    ent_manifest_free(&m);
    return rc;
}
