/* bench_nfg.c — times the Gambit .nfg reader (ent_nfg_read_file) on generated files
 * against two references measured in the same run: reading the same bytes once (fread +
 * byte sum, the physical floor) and converting the same numbers with libc strtod over the
 * file held in memory (the usual hand-written parser's core). Prints medians of R runs
 * (process CPU time, single thread, so other load on the machine does not count),
 * MB/s, ratios and a result hash (FNV-1a of all payoff doubles) so a speed-up cannot
 * silently change answers.  usage: bench_nfg [RUNS]   (default 5, minimum 5) */
#include "entente.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

static double now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts); /* CPU time: robust on a shared machine */
    return (double)ts.tv_sec + 1e-9 * (double)ts.tv_nsec;
}

static int cmp_double(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return (x > y) - (x < y);
}

static double median(double *v, int n)
{
    qsort(v, (size_t)n, sizeof *v, cmp_double);
    return n % 2 ? v[n / 2] : 0.5 * (v[n / 2 - 1] + v[n / 2]);
}

static volatile double sink;

/* Seeded generator (splitmix64), so every run writes the same file. */
static uint64_t next_rand(uint64_t *s)
{
    uint64_t z = (*s += 0x9e3779b97f4a7c15ULL);
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
    return z ^ (z >> 31);
}

/* Write a payoff-list game: n players with k strategies each; kind 0 = decimals with 3
 * places, 1 = integers. Returns the header length in bytes. */
static long write_game(const char *path, int n, int k, int kind)
{
    FILE *f = fopen(path, "w");
    if (!f)
        return -1;
    fprintf(f, "NFG 1 R \"bench\" {");
    for (int p = 0; p < n; p++)
        fprintf(f, " \"P%d\"", p + 1);
    fprintf(f, " }\n{");
    for (int p = 0; p < n; p++)
        fprintf(f, " %d", k);
    fprintf(f, " }\n\"\"\n");
    long header = ftell(f);
    uint64_t np = 1, s = 20250904;
    for (int p = 0; p < n; p++)
        np *= (uint64_t)k;
    for (uint64_t i = 0; i < np; i++)
        for (int p = 0; p < n; p++) {
            uint64_t r = next_rand(&s);
            if (kind == 0)
                fprintf(f, "%s%d.%03u", p ? " " : "", (int)(r % 200) - 100,
                        (unsigned)((r >> 32) % 1000));
            else
                fprintf(f, "%s%d", p ? " " : "", (int)(r % 2001) - 1000);
            if (p == n - 1)
                fputc('\n', f);
        }
    if (fclose(f) != 0)
        return -1;
    return header;
}

static uint64_t game_hash(const ent_game *g)
{
    uint64_t h = 0xcbf29ce484222325ULL;
    for (int p = 0; p < ent_game_nplayers(g); p++) {
        const double *u = ent_game_payoffs(g, p);
        for (uint64_t i = 0; i < ent_game_nprofiles(g); i++) {
            unsigned char b[8];
            memcpy(b, &u[i], 8);
            for (int j = 0; j < 8; j++)
                h = (h ^ b[j]) * 0x100000001b3ULL;
        }
    }
    return h;
}

static int bench(const char *label, int n, int k, int kind, int runs)
{
    char path[] = "/tmp/ent_bench_nfgXXXXXX";
    int fd = mkstemp(path);
    if (fd < 0)
        return 1;
    close(fd);
    long header = write_game(path, n, k, kind);
    FILE *f = fopen(path, "rb");
    if (header < 0 || !f)
        return 1;
    fseek(f, 0, SEEK_END);
    long size = ftell(f);
    fclose(f);
    char *text = malloc((size_t)size + 1);
    double *t_raw = malloc(sizeof(double) * (size_t)runs), *t_strtod = malloc(sizeof(double) * (size_t)runs),
           *t_read = malloc(sizeof(double) * (size_t)runs);
    unsigned char *chunk = malloc(65536);
    uint64_t hash = 0;
    int ok = text && t_raw && t_strtod && t_read && chunk;
    for (int r = 0; ok && r < runs; r++) {
        /* 1. the bytes once */
        double t0 = now();
        f = fopen(path, "rb");
        size_t got, total = 0;
        unsigned long sum = 0;
        while ((got = fread(chunk, 1, 65536, f)) > 0) {
            for (size_t i = 0; i < got; i++)
                sum += chunk[i];
            total += got;
        }
        fclose(f);
        t_raw[r] = now() - t0;
        sink = (double)sum;
        /* 2. strtod over the payload held in memory (file read included) */
        t0 = now();
        f = fopen(path, "rb");
        got = fread(text, 1, (size_t)size, f);
        fclose(f);
        text[got] = '\0';
        double acc = 0;
        char *p = text + header, *end;
        for (;;) {
            double v = strtod(p, &end);
            if (end == p)
                break;
            acc += v;
            p = end;
        }
        t_strtod[r] = now() - t0;
        sink = acc;
        /* 3. the reader */
        ent_game *g;
        ent_error e;
        t0 = now();
        if (ent_nfg_read_file(path, NULL, &g, &e) != ENT_OK) {
            fprintf(stderr, "%s\n", e.msg);
            ok = 0;
            break;
        }
        t_read[r] = now() - t0;
        uint64_t h = game_hash(g);
        if (r && h != hash) {
            fprintf(stderr, "bench_nfg: result changed between runs\n");
            ok = 0;
        }
        hash = h;
        ent_game_free(&g);
        (void)total;
    }
    if (ok) {
        double raw = median(t_raw, runs), st = median(t_strtod, runs), rd = median(t_read, runs);
        double mb = (double)size / 1e6;
        printf("%-28s %7.1f MB  read %7.3f s %6.1f MB/s | bytes once %6.3f s | strtod %6.3f s | "
               "read/bytes %5.1fx  read/strtod %4.2fx | hash %016llx\n",
               label, mb, rd, mb / rd, raw, st, rd / raw, rd / st, (unsigned long long)hash);
        fflush(stdout);
    }
    unlink(path);
    free(text);
    free(t_raw);
    free(t_strtod);
    free(t_read);
    free(chunk);
    return ok ? 0 : 1;
}

int main(int argc, char **argv)
{
    int runs = argc > 1 ? atoi(argv[1]) : 5;
    if (runs < 5)
        runs = 5;
    printf("Gambit .nfg reader, median CPU seconds of %d runs (file in the page cache)\n", runs);
    int rc = 0;
    rc |= bench("2 x 1000x1000, decimals", 2, 1000, 0, runs);
    rc |= bench("2 x 1000x1000, integers", 2, 1000, 1, runs);
    rc |= bench("12 x 3 (531441 prof), ints", 12, 3, 1, runs);
    return rc;
}
