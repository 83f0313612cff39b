/* test_lrs_io.c — lrsnash's game format: written payoffs read back bit for bit (doubles
 * without an exact value go out as the fraction they equal), exact values kept, and
 * malformed input refused with its line. */
#include <criterion/criterion.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "entente.h"

static char *write_lrs(const ent_game *g)
{
    char *buf = NULL;
    size_t len = 0;
    FILE *f = open_memstream(&buf, &len);
    ent_error e = {0, ""};
    cr_assert_eq(ent_lrs_write(g, f, &e), ENT_OK, "%s", e.msg);
    fclose(f);
    return buf;
}

Test(lrs_io, doubles_round_trip_bit_for_bit)
{
    int dim[2] = {2, 3};
    ent_game *g = NULL;
    ent_error e = {0, ""};
    cr_assert_eq(ent_game_new(&g, 2, dim, NULL, &e), ENT_OK);
    const double vals[] = {0.1, -1e-300, 1e300, 2.0 / 3.0, -7, 0.5};
    for (int p = 0; p < 2; p++)
        for (int i = 0; i < 6; i++)
            ent_game_payoffs_mut(g, p)[i] = p ? -vals[i] : vals[i];
    char *text = write_lrs(g);
    cr_assert(strncmp(text, "2 3\n\n", 5) == 0, "%s", text);
    cr_assert(strstr(text, "3602879701896397/36028797018963968"), "0.1 not exact:\n%s", text);
    ent_game *h = NULL;
    cr_assert_eq(ent_lrs_read_string(text, "t.lrs", NULL, &h, &e), ENT_OK, "%s", e.msg);
    for (int p = 0; p < 2; p++)
        cr_assert(!memcmp(ent_game_payoffs(g, p), ent_game_payoffs(h, p), 6 * sizeof(double)),
                  "player %d payoffs changed", p + 1);
    free(text);
    ent_game_free(&g);
    ent_game_free(&h);
}

Test(lrs_io, exact_values_and_layout)
{
    /* rows of the row player's matrix, then the column player's */
    const char *in = "2 2\n1/3 2\n-4 0.25\n\n1 2\n3 4\n";
    ent_game *g = NULL;
    ent_error e = {0, ""};
    cr_assert_eq(ent_lrs_read_string(in, "t.lrs", NULL, &g, &e), ENT_OK, "%s", e.msg);
    cr_assert(ent_game_has_exact(g));
    int prof[2] = {0, 1};
    uint64_t idx = ent_game_profile_index(g, prof); /* row 1, column 2 */
    cr_assert_eq(ent_game_payoffs(g, 0)[idx], 2.0);
    cr_assert_eq(ent_game_payoffs(g, 1)[idx], 2.0);
    int64_t n, d;
    ent_game_get_exact(g, 0, 0, &n, &d);
    cr_assert(n == 1 && d == 3);
    char *text = write_lrs(g);
    cr_assert_str_eq(text, "2 2\n\n1/3 2\n-4 1/4\n\n1 2\n3 4\n");
    free(text);
    ent_game_free(&g);
}

Test(lrs_io, malformed_input_names_the_line)
{
    static const struct {
        const char *text, *msg;
    } bad[] = {
        {"", "t.lrs:1: the file ends before the row player's strategy count"},
        {"2\n", "t.lrs:2: the file ends before the column player's strategy count"},
        {"2 1.5\n", "t.lrs:1: a strategy count must be a whole number from 1 to 1000000"},
        {"1 1\n1\n{\n", "t.lrs:3: expected the column player's payoff at row 1, column 1 (a number), found '{'"},
        {"1 1\n1 2 3\n", "t.lrs:2: unexpected"},
        {"1 1\n1 1/0\n", "t.lrs:2: bad number"},
    };
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        ent_game *g = NULL;
        ent_error e = {0, ""};
        cr_assert_neq(ent_lrs_read_string(bad[i].text, "t.lrs", NULL, &g, &e), ENT_OK);
        cr_assert_null(g);
        cr_assert(!strncmp(e.msg, bad[i].msg, strlen(bad[i].msg)), "case %zu: '%s'", i, e.msg);
    }
    int dim[3] = {1, 1, 1};
    ent_game *g3 = NULL;
    ent_error e = {0, ""};
    cr_assert_eq(ent_game_new(&g3, 3, dim, NULL, &e), ENT_OK);
    FILE *f = fopen("/dev/null", "w");
    cr_assert_eq(ent_lrs_write(g3, f, &e), ENT_EUNSUPPORTED);
    fclose(f);
    ent_game_free(&g3);
}
