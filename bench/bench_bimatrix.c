/* bench_bimatrix.c — timing of the two-player solvers on random integer games.
 *   bench_bimatrix lrs SIZE SEED FILE       write the game in lrsnash's input format
 *   bench_bimatrix lrshash SIZE FILE        count and hash of lrsnash's output FILE
 *   bench_bimatrix run SIZE SEED METHOD REPS
 * METHOD: enum, lemke (all labels), support. Prints the median wall time of REPS runs
 * (threads from OMP_NUM_THREADS), the number of equilibria and a hash of their exact
 * fractions, so a speed-up cannot silently change the answers. */
#include "entente.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

static unsigned long long st;
static int rnd(void)
{
    st = st * 6364136223846793005ULL + 1442695040888963407ULL;
    return (int)((st >> 33) % 2001ULL) - 1000;
}

static double now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + 1e-9 * (double)ts.tv_nsec;
}

/* lrsnash output: a line "2 y_1 .. y_n payoff" is followed by one or more lines
 * "1 x_1 .. x_m payoff", each an equilibrium (x, y). Prints the count and the same
 * order-independent hash of the fractions as `run` (x then y, concatenated). */
static int lrs_hash(const char *path, int size)
{
    FILE *f = fopen(path, "r");
    if (!f)
        return 1;
    char line[1 << 16], y[1 << 16] = "";
    int count = 0;
    unsigned long long h = 1469598103934665603ULL;
    while (fgets(line, sizeof line, f)) {
        if (line[0] != '1' && line[0] != '2')
            continue;
        /* keep the `size` fractions after the player number */
        char buf[1 << 16], *o = buf, *save = NULL;
        int nt = 0;
        for (char *t = strtok_r(line + 1, " \t\n", &save); t && nt < size;
             t = strtok_r(NULL, " \t\n", &save), nt++) {
            size_t l = strlen(t);
            memcpy(o, t, l);
            o += l;
        }
        *o = 0;
        if (line[0] == '2') {
            memcpy(y, buf, (size_t)(o - buf) + 1);
            continue;
        }
        unsigned long long he = 1469598103934665603ULL;
        for (const char *c = buf; *c; c++)
            he = (he ^ (unsigned char)*c) * 1099511628211ULL;
        for (const char *c = y; *c; c++)
            he = (he ^ (unsigned char)*c) * 1099511628211ULL;
        h += he;
        count++;
    }
    fclose(f);
    printf("%d %016llx\n", count, h);
    return 0;
}

static int cmpd(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return (x > y) - (x < y);
}

int main(int argc, char **argv)
{
    if (argc < 4 || (argc < 5 && strcmp(argv[1], "lrshash"))) {
        fprintf(stderr, "usage: bench_bimatrix lrs SIZE SEED FILE | lrshash SIZE FILE | run SIZE SEED METHOD REPS\n");
        return 2;
    }
    if (!strcmp(argv[1], "lrshash"))
        return lrs_hash(argv[3], atoi(argv[2]));
    int size = atoi(argv[2]);
    st = strtoull(argv[3], NULL, 10) * 2654435761ULL + 1;
    if (size < 1 || size > 60)
        return 2;
    int *A = malloc(sizeof(int) * (size_t)size * size), *B = malloc(sizeof(int) * (size_t)size * size);
    if (!A || !B)
        return 1;
    for (int i = 0; i < size * size; i++) {
        A[i] = rnd();
        B[i] = rnd();
    }
    if (!strcmp(argv[1], "lrs")) {
        FILE *f = fopen(argv[4], "w");
        if (!f)
            return 1;
        fprintf(f, "%d %d\n\n", size, size);
        for (int M = 0; M < 2; M++) {
            for (int i = 0; i < size; i++, fputc('\n', f))
                for (int j = 0; j < size; j++)
                    fprintf(f, "%d ", (M ? B : A)[i * size + j]);
            fputc('\n', f);
        }
        fclose(f);
        free(A);
        free(B);
        return 0;
    }
    if (argc < 6)
        return 2;
    int ns[2] = {size, size};
    ent_game *g;
    if (ent_game_new(&g, 2, ns, NULL, NULL))
        return 1;
    for (int i = 0; i < size; i++)
        for (int j = 0; j < size; j++) {
            ent_game_payoffs_mut(g, 0)[i + j * size] = A[i * size + j];
            ent_game_payoffs_mut(g, 1)[i + j * size] = B[i * size + j];
        }
    ent_bimatrix_opts o;
    ent_bimatrix_opts_init(&o);
    o.method = !strcmp(argv[4], "lemke") ? ENT_BM_LEMKE
             : !strcmp(argv[4], "support") ? ENT_BM_SUPPORT : ENT_BM_ENUM;
    int reps = atoi(argv[5]);
    if (reps < 1 || reps > 1000)
        return 2;
    double *t = malloc(sizeof(double) * (size_t)reps);
    int count = 0;
    unsigned long long h = 1469598103934665603ULL;
    for (int k = 0; k < reps; k++) {
        ent_bimatrix *r;
        ent_error err;
        double t0 = now();
        if (ent_bimatrix_solve(g, &o, &r, &err)) {
            fprintf(stderr, "%s\n", err.msg);
            return 1;
        }
        t[k] = now() - t0;
        if (k == 0) {
            if (ent_bimatrix_certify(g, r, &err)) {
                fprintf(stderr, "%s\n", err.msg);
                return 1;
            }
            count = ent_bimatrix_count(r);
            /* order-independent hash of the exact equilibria */
            for (int e = 0; e < count; e++) {
                unsigned long long he = 1469598103934665603ULL;
                for (int i = 0; i < 2 * size; i++)
                    for (const char *c = ent_bimatrix_exact(r, e, i); *c; c++)
                        he = (he ^ (unsigned char)*c) * 1099511628211ULL;
                h += he;
            }
        }
        ent_bimatrix_free(&r);
    }
    qsort(t, (size_t)reps, sizeof(double), cmpd);
    printf("%.6f %d %016llx\n", t[reps / 2], count, h);
    free(t);
    free(A);
    free(B);
    ent_game_free(&g);
    return 0;
}
