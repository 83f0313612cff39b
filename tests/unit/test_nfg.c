/* test_nfg.c — the Gambit .nfg reader and writer: both body forms, labels and escapes,
 * numbers (integers, decimals, fractions, exponents) with their exact values, round trips
 * on every Gambit sample, a large streamed file, and malformed inputs (message + line). */
#include <criterion/criterion.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <dirent.h>
#include <unistd.h>

#include "entente.h"

#define SAMPLES "tests/data/nfg/gambit"

static ent_game *read_ok(const char *text)
{
    ent_game *g = NULL;
    ent_error e = {0, ""};
    int rc = ent_nfg_read_string(text, "t.nfg", NULL, &g, &e);
    cr_assert_eq(rc, ENT_OK, "read failed: %s", e.msg);
    cr_assert_not_null(g);
    return g;
}

static void exact_is(const ent_game *g, int p, uint64_t i, int64_t num, int64_t den)
{
    int64_t n, d;
    ent_game_get_exact(g, p, i, &n, &d);
    cr_assert(n == num && d == den, "player %d profile %llu: exact %lld/%lld, expected %lld/%lld",
              p, (unsigned long long)i, (long long)n, (long long)d, (long long)num,
              (long long)den);
}

Test(nfg, payoff_form_labels_title_comment)
{
    ent_game *g = read_ok("NFG 1 R \"Prisoner's dilemma\" { \"Row\" \"Column\" }\n"
                          "{ { \"C\" \"D\" }\n{ \"c\" \"d\" }\n}\n"
                          "\"a comment\nover two lines\"\n\n"
                          "3 3 5 0\n0 5 1 1\n");
    cr_assert_eq(ent_game_nplayers(g), 2);
    cr_assert_str_eq(ent_game_title(g), "Prisoner's dilemma");
    cr_assert_str_eq(ent_game_comment(g), "a comment\nover two lines");
    cr_assert_str_eq(ent_game_player_label(g, 1), "Column");
    cr_assert_str_eq(ent_game_strategy_label(g, 0, 1), "D");
    cr_assert_str_eq(ent_game_strategy_label(g, 1, 0), "c");
    /* profile order: player 1 fastest: (C,c) (D,c) (C,d) (D,d) */
    const double *u0 = ent_game_payoffs(g, 0), *u1 = ent_game_payoffs(g, 1);
    cr_assert(u0[0] == 3 && u1[0] == 3 && u0[1] == 5 && u1[1] == 0);
    cr_assert(u0[2] == 0 && u1[2] == 5 && u0[3] == 1 && u1[3] == 1);
    cr_assert(ent_game_has_exact(g));
    exact_is(g, 0, 1, 5, 1);
    ent_game_free(&g);
}

Test(nfg, count_form_default_labels_no_comment)
{
    ent_game *g = read_ok("NFG 1 D \"\" { \"1\" \"2\" \"3\" } { 2 3 1 }\n"
                          "1 2 3 4 5 6 7 8 9 10 11 12 13 14 15 16 17 18\n");
    cr_assert_eq(ent_game_nstrategies(g, 1), 3);
    cr_assert_eq(ent_game_nstrategies(g, 2), 1);
    cr_assert_str_eq(ent_game_strategy_label(g, 1, 2), "3");
    cr_assert_str_eq(ent_game_comment(g), "");
    /* profile 5 = (s0=1, s1=2): payoffs 16 17 18 */
    cr_assert_eq(ent_game_payoffs(g, 2)[5], 18);
    ent_game_free(&g);
}

Test(nfg, outcome_form_with_null_outcome_and_commas)
{
    ent_game *g = read_ok("NFG 1 R \"o\" { \"A\" \"B\" }\n"
                          "{ { \"x\" \"y\" }\n{ \"l\" \"r\" }\n}\n\"\"\n\n"
                          "{\n{ \"first\" 1, -1 }\n{ \"second\" 3/4 .5 }\n}\n"
                          "2 0 1 2\n");
    const double *u0 = ent_game_payoffs(g, 0), *u1 = ent_game_payoffs(g, 1);
    cr_assert(u0[0] == 0.75 && u1[0] == 0.5);
    cr_assert(u0[1] == 0 && u1[1] == 0); /* outcome 0: no outcome */
    cr_assert(u0[2] == 1 && u1[2] == -1);
    cr_assert(u0[3] == 0.75);
    exact_is(g, 0, 0, 3, 4);
    exact_is(g, 1, 0, 1, 2);
    exact_is(g, 1, 2, -1, 1);
    ent_game_free(&g);
}

Test(nfg, crlf_and_byte_order_mark)
{
    ent_game *g = read_ok("\xEF\xBB\xBFNFG 1 R \"w\" { \"a\" \"b\" }\r\n{ 1 2 }\r\n\r\n1 2\r\n3 4\r\n");
    cr_assert_eq(ent_game_payoffs(g, 1)[1], 4);
    ent_game_free(&g);
}

Test(nfg, label_escapes)
{
    ent_game *g = read_ok("NFG 1 R \"say \\\"hi\\\"\" { \"back\\\\slash\" \"a\\nb\" } { 1 1 }\n"
                          "0 0\n");
    cr_assert_str_eq(ent_game_title(g), "say \"hi\"");
    cr_assert_str_eq(ent_game_player_label(g, 0), "back\\slash");
    cr_assert_str_eq(ent_game_player_label(g, 1), "a\\nb"); /* other escapes kept as is */
    ent_game_free(&g);
}

Test(nfg, numbers_and_exact_values)
{
    ent_game *g = read_ok("NFG 1 R \"\" { \"1\" } { 12 }\n"
                          "0.811 3/4 -6/8 .5 1e3 2.5E-1 +4 -0 1.131000 12.800000 -7/1 100\n");
    const double *u = ent_game_payoffs(g, 0);
    double want[12] = {0.811, 0.75, -0.75, 0.5, 1000, 0.25, 4, 0, 1.131, 12.8, -7, 100};
    for (int i = 0; i < 12; i++)
        cr_assert_eq(u[i], want[i], "payoff %d = %.17g", i, u[i]);
    cr_assert(!signbit(u[7]), "-0 reads as +0");
    exact_is(g, 0, 0, 811, 1000);
    exact_is(g, 0, 2, -3, 4);
    exact_is(g, 0, 4, 1000, 1);
    exact_is(g, 0, 8, 1131, 1000);
    exact_is(g, 0, 9, 64, 5);
    ent_game_free(&g);
}

Test(nfg, inexact_number_drops_exact_table)
{
    ent_game *g = read_ok("NFG 1 R \"\" { \"1\" } { 3 }\n"
                          "1/3 0.12345678901234567890123 1e-30\n");
    cr_assert(!ent_game_has_exact(g));
    const double *u = ent_game_payoffs(g, 0);
    cr_assert_eq(u[0], 1.0 / 3.0);
    cr_assert_eq(u[1], strtod("0.12345678901234567890123", NULL));
    cr_assert_eq(u[2], 1e-30);
    ent_game_free(&g);
}

/* read(write(g)) == g: labels, payoffs bit for bit, exact values. */
static void assert_same(const ent_game *a, const ent_game *b, const char *what)
{
    int n = ent_game_nplayers(a);
    cr_assert_eq(ent_game_nplayers(b), n, "%s: players", what);
    cr_assert_str_eq(ent_game_title(a), ent_game_title(b), "%s: title", what);
    cr_assert_str_eq(ent_game_comment(a), ent_game_comment(b), "%s: comment", what);
    for (int p = 0; p < n; p++) {
        cr_assert_str_eq(ent_game_player_label(a, p), ent_game_player_label(b, p), "%s", what);
        cr_assert_eq(ent_game_nstrategies(a, p), ent_game_nstrategies(b, p), "%s", what);
        for (int s = 0; s < ent_game_nstrategies(a, p); s++)
            cr_assert_str_eq(ent_game_strategy_label(a, p, s), ent_game_strategy_label(b, p, s),
                             "%s", what);
    }
    cr_assert_eq(ent_game_has_exact(a), ent_game_has_exact(b), "%s: exact table", what);
    uint64_t np = ent_game_nprofiles(a);
    for (int p = 0; p < n; p++)
        for (uint64_t i = 0; i < np; i++) {
            double x = ent_game_payoffs(a, p)[i], y = ent_game_payoffs(b, p)[i];
            cr_assert(memcmp(&x, &y, sizeof x) == 0, "%s: payoff %d/%llu %.17g != %.17g", what,
                      p, (unsigned long long)i, x, y);
            int64_t n1, d1, n2, d2;
            ent_game_get_exact(a, p, i, &n1, &d1);
            ent_game_get_exact(b, p, i, &n2, &d2);
            cr_assert(n1 == n2 && d1 == d2, "%s: exact %d/%llu", what, p, (unsigned long long)i);
        }
}

static char *write_to_string(const ent_game *g)
{
    char *buf = NULL;
    size_t len = 0;
    FILE *f = open_memstream(&buf, &len);
    cr_assert_not_null(f);
    cr_assert_eq(ent_nfg_write(g, f), ENT_OK);
    fclose(f);
    return buf;
}

Test(nfg, round_trip_every_gambit_sample)
{
    DIR *d = opendir(SAMPLES);
    cr_assert_not_null(d, "cannot open " SAMPLES);
    struct dirent *de;
    int count = 0;
    while ((de = readdir(d))) {
        size_t l = strlen(de->d_name);
        if (l < 5 || strcmp(de->d_name + l - 4, ".nfg"))
            continue;
        char path[512];
        snprintf(path, sizeof path, "%s/%s", SAMPLES, de->d_name);
        ent_game *g = NULL, *h = NULL;
        ent_error e = {0, ""};
        cr_assert_eq(ent_nfg_read_file(path, NULL, &g, &e), ENT_OK, "%s", e.msg);
        cr_assert(ent_game_has_exact(g), "%s: every sample is exact", path);
        char *text = write_to_string(g);
        cr_assert_eq(ent_nfg_read_string(text, path, NULL, &h, &e), ENT_OK, "%s: %s", path, e.msg);
        assert_same(g, h, path);
        char *again = write_to_string(h);
        cr_assert_str_eq(text, again, "%s: writing is not stable", path);
        free(text);
        free(again);
        ent_game_free(&g);
        ent_game_free(&h);
        count++;
    }
    closedir(d);
    cr_assert_eq(count, 27, "expected the 27 Gambit samples, saw %d", count);
}

Test(nfg, sample_values_from_the_files)
{
    ent_game *g = NULL;
    ent_error e;
    /* perfect1: outcome "21" = (3/2, 1) is profile (row 2, column 1) = index 1 */
    cr_assert_eq(ent_nfg_read_file(SAMPLES "/perfect1.nfg", NULL, &g, &e), ENT_OK);
    exact_is(g, 0, 1, 3, 2);
    cr_assert_eq(ent_game_payoffs(g, 1)[1], 1);
    ent_game_free(&g);
    /* cent2: profile list 1 4 7 2 5 8 3 6 9; profile 1 uses outcome 4 = (0.564, 1.566) */
    cr_assert_eq(ent_nfg_read_file(SAMPLES "/cent2.nfg", NULL, &g, &e), ENT_OK);
    exact_is(g, 0, 1, 141, 250);
    exact_is(g, 1, 1, 783, 500);
    cr_assert_str_eq(ent_game_strategy_label(g, 0, 0), "1*11");
    ent_game_free(&g);
    /* loopback: multi-line comment, outcome 3 is (7.32, 6) at profile index 2 via "1 3 2 4" */
    cr_assert_eq(ent_nfg_read_file(SAMPLES "/loopback.nfg", NULL, &g, &e), ENT_OK);
    cr_assert(strstr(ent_game_comment(g), "backwards bend") != NULL);
    cr_assert(strchr(ent_game_comment(g), '\n') != NULL);
    exact_is(g, 0, 1, 183, 25);
    ent_game_free(&g);
    /* e07: "D" payoff list with a { 4 4 } count block */
    cr_assert_eq(ent_nfg_read_file(SAMPLES "/e07.nfg", NULL, &g, &e), ENT_OK);
    cr_assert_eq(ent_game_nprofiles(g), 16);
    cr_assert_eq(ent_game_payoffs(g, 1)[15], -15.1);
    ent_game_free(&g);
}

Test(nfg, round_trip_inexact_doubles)
{
    int ns[2] = {2, 3};
    ent_game *g, *h;
    cr_assert_eq(ent_game_new(&g, 2, ns, NULL, NULL), ENT_OK);
    double v[12] = {0.1 + 0.2, 1.0 / 3.0, 1e-300, -0.0,      2.5e300, -123456789.123456789,
                    M_PI,      1e22,      5e-324, 0.1 * 3.0, 4503599627370497.5, -1};
    for (int i = 0; i < 12; i++)
        ent_game_payoffs_mut(g, i / 6)[i % 6] = v[i];
    cr_assert_eq(ent_game_set_title(g, "quote \" and \\ backslash"), ENT_OK);
    cr_assert_eq(ent_game_set_strategy_label(g, 1, 2, "tab\there"), ENT_OK);
    char *text = write_to_string(g);
    ent_error e;
    cr_assert_eq(ent_nfg_read_string(text, "w", NULL, &h, &e), ENT_OK, "%s", e.msg);
    ent_game_payoffs_mut(g, 0)[3] = 0.0; /* the writer writes -0 as 0 */
    for (int i = 0; i < 12; i++) {
        double a = ent_game_payoffs(g, i / 6)[i % 6], b = ent_game_payoffs(h, i / 6)[i % 6];
        cr_assert(memcmp(&a, &b, sizeof a) == 0, "payoff %d: %.17g != %.17g", i, a, b);
    }
    cr_assert_str_eq(ent_game_title(h), "quote \" and \\ backslash");
    cr_assert_str_eq(ent_game_strategy_label(h, 1, 2), "tab\there");
    free(text);
    ent_game_free(&g);
    ent_game_free(&h);
}

/* Found by libFuzzer: a game without an exact table (one 40-digit decimal) is written as
 * shortest decimals, which read back as exact; the doubles must agree bit for bit and a
 * second write must give the same text. */
Test(nfg, inexact_game_rewrites_stably)
{
    ent_game *g = read_ok("NFG 1 R \"\" { \"1\" } { 3 }\n"
                          "4.588888888888888888888888888888888888888 1e-05 1.5e+20\n");
    cr_assert(!ent_game_has_exact(g));
    char *w1 = write_to_string(g);
    cr_assert(strstr(w1, "\n4.588888888888889\n0.00001\n1.5e+20\n") != NULL,
              "written: %s", w1);
    ent_game *h = read_ok(w1);
    for (int i = 0; i < 3; i++) {
        double a = ent_game_payoffs(g, 0)[i], b = ent_game_payoffs(h, 0)[i];
        cr_assert(memcmp(&a, &b, sizeof a) == 0, "payoff %d: %.17g != %.17g", i, a, b);
    }
    char *w2 = write_to_string(h);
    cr_assert_str_eq(w1, w2);
    free(w1);
    free(w2);
    ent_game_free(&g);
    ent_game_free(&h);
}

Test(nfg, writer_refuses_non_finite)
{
    int ns[1] = {2};
    ent_game *g;
    cr_assert_eq(ent_game_new(&g, 1, ns, NULL, NULL), ENT_OK);
    ent_game_payoffs_mut(g, 0)[1] = INFINITY;
    char *buf = NULL;
    size_t len = 0;
    FILE *f = open_memstream(&buf, &len);
    cr_assert_eq(ent_nfg_write(g, f), ENT_EINVAL);
    fclose(f);
    cr_assert_eq(len, 0, "nothing written");
    free(buf);
    ent_game_free(&g);
}

/* A ~1 MB file streamed through 64 KiB chunks: values checked, then the line of a bad
 * token near the end. */
static char *big_file(int bad_at)
{
    char *path = strdup("/tmp/ent_nfg_bigXXXXXX");
    int fd = mkstemp(path);
    cr_assert(fd >= 0);
    FILE *f = fdopen(fd, "w");
    fprintf(f, "NFG 1 D \"big\" { \"1\" \"2\" \"3\" }\n{ 40 40 40 }\n");
    for (int i = 0; i < 64000; i++) {
        if (i == bad_at)
            fprintf(f, "1 2 oops\n");
        else
            fprintf(f, "%d.%03d %d/8 %d\n", i % 1000, (i * 7) % 1000, i % 77, -i);
    }
    fclose(f);
    return path;
}

Test(nfg, large_file_streamed)
{
    char *path = big_file(-1);
    ent_game *g;
    ent_error e;
    cr_assert_eq(ent_nfg_read_file(path, NULL, &g, &e), ENT_OK, "%s", e.msg);
    cr_assert_eq(ent_game_nprofiles(g), 64000);
    cr_assert(ent_game_has_exact(g));
    exact_is(g, 0, 9, 9063, 1000); /* profile 9: "9.063 9/8 -9" */
    exact_is(g, 1, 9, 9, 8);
    exact_is(g, 2, 9, -9, 1);
    for (int i = 0; i < 64000; i += 997) {
        double want0 = (i % 1000) + ((i * 7) % 1000) / 1000.0;
        cr_assert(fabs(ent_game_payoffs(g, 0)[i] - want0) < 1e-9);
        cr_assert_eq(ent_game_payoffs(g, 1)[i], (i % 77) / 8.0);
        cr_assert_eq(ent_game_payoffs(g, 2)[i], -i);
    }
    ent_game_free(&g);
    unlink(path);
    free(path);

    path = big_file(61234);
    cr_assert_eq(ent_nfg_read_file(path, NULL, &g, &e), ENT_EPARSE);
    char want[600];
    snprintf(want, sizeof want, "%s:61237: expected payoff 183705 of 192000, found 'oops'", path);
    cr_assert(strncmp(e.msg, want, strlen(want)) == 0, "got: %s", e.msg);
    cr_assert_null(g);
    unlink(path);
    free(path);
}

Test(nfg, memory_limit_refused_with_numbers)
{
    ent_game_opts o;
    ent_game_opts_init(&o);
    o.mem_limit = 1000;
    ent_game *g;
    ent_error e;
    int rc = ent_nfg_read_string("NFG 1 R \"\" { \"a\" \"b\" }\n{ 10 10 }\n", "m.nfg", &o, &g, &e);
    cr_assert_eq(rc, ENT_ETOOBIG);
    cr_assert_str_eq(e.msg, "m.nfg:2: game too large: 2 players and 100 strategy profiles need "
                            "1.49e-06 GiB of payoffs, above the limit of 9.313e-07 GiB");
}

Test(nfg, missing_file)
{
    ent_game *g;
    ent_error e;
    cr_assert_eq(ent_nfg_read_file("tests/data/nfg/does-not-exist.nfg", NULL, &g, &e), ENT_EIO);
    cr_assert_str_eq(e.msg, "tests/data/nfg/does-not-exist.nfg: cannot open: No such file or "
                            "directory");
}

/* ------------------------------------------------------------ malformed inputs */

typedef struct {
    const char *text;
    size_t len; /* 0: strlen(text); else bytes (may hold NULs) */
    int line;
    const char *msg; /* expected to follow "bad.nfg:LINE: " */
} bad_case;

#define H2 "NFG 1 R \"t\" { \"a\" \"b\" }\n{ 2 2 }\n" /* header: 2 lines, 2x2 */
#define H2L "NFG 1 R \"t\" { \"a\" \"b\" }\n{ { \"x\" \"y\" }\n{ \"l\" \"r\" }\n}\n\"\"\n"

static const bad_case bad[] = {
    {"", 0, 1, "expected 'NFG' (a Gambit strategic game) at the start, found the end of the file"},
    {"\n\n  \n", 0, 4, "expected 'NFG' (a Gambit strategic game) at the start, found the end of the file"},
    {"NFX 1 R \"t\"", 0, 1, "expected 'NFG' (a Gambit strategic game) at the start, found 'NFX'"},
    {"EFG 2 R \"t\" { \"a\" }\n", 0, 1, "this is a Gambit extensive-form (EFG) file, not a strategic game"},
    {"NFG 2 R \"t\"", 0, 1, "expected the format version 1 after 'NFG', found the number 2"},
    {"NFG 1\nQ \"t\"", 0, 2, "expected the number type 'R' or 'D', found 'Q'"},
    {"NFG 1 R\ntitle { \"a\" }", 0, 2, "expected the game title (a quoted string), found 'title'"},
    {"NFG 1 R \"t\" \"a\" }", 0, 1, "expected '{' opening the list of player names, found the string \"a\""},
    {"NFG 1 R \"t\" { \"a\" 3 }", 0, 1, "expected a player name (a quoted string) or '}', found the number 3"},
    {"NFG 1 R \"t\" { }\n{ }\n", 0, 1, "the game has no players"},
    {"NFG 1 R \"t\" {\n\"a\"\n\"b }\n{ 2 2 }\n1 2 3\n", 0, 3, "unterminated string (the file ends before its closing '\"')"},
    {"NFG 1 R \"t\" { \"a\" \"b\" }\n\"c\"", 0, 2, "expected '{' opening the strategies, found the string \"c\""},
    {"NFG 1 R \"t\" { \"a\" \"b\" }\n{ 2 0 }\n", 0, 2, "player 2 has 0 strategies (needs at least 1)"},
    {"NFG 1 R \"t\" { \"a\" \"b\" }\n{ 2\n2.5 }\n", 0, 3, "expected the number of strategies of player 2 (a whole number), found the number 2.5"},
    {"NFG 1 R \"t\" { \"a\" \"b\" }\n{ 2 }\n", 0, 2, "expected the number of strategies of player 2 (a whole number), found '}'"},
    {"NFG 1 R \"t\" { \"a\" \"b\" }\n{ 2 2 2 }\n", 0, 2, "expected '}' after the 2 strategy counts (one per player), found the number 2"},
    {"NFG 1 R \"t\" { \"a\" \"b\" \"c\" }\n{ 1000\n1000\n100000 }\n1 2 3\n", 0, 4,
     "game too large: 3 players and 100000000000 strategy profiles need 2235 GiB of payoffs, above the limit of 4 GiB"},
    {"NFG 1 R \"t\" { \"a\" \"b\" \"c\" }\n{ 100000\n100000\n100000 }\n1 2 3\n", 0, 3,
     "game too large: 3 players and at least 10000000000 strategy profiles need at least 223.5 GiB of payoffs, above the limit of 4 GiB"},
    {"NFG 1 R \"t\" { \"a\" \"b\" }\n{ 2147483647 2147483647 }\n", 0, 2,
     "game too large: 2 players and at least 2147483647 strategy profiles need at least 32 GiB of payoffs, above the limit of 4 GiB"},
    {"NFG 1 R \"t\" { \"a\" \"b\" \"c\" }\n{ 4000000000 2 2 }\n", 0, 2,
     "expected the number of strategies of player 1 (a whole number), found the number 4000000000"},
    {"NFG 1 R \"t\" { \"a\" \"b\" }\n{ { \"x\" }\n{ }\n}\n", 0, 3, "player 2 has no strategies"},
    {"NFG 1 R \"t\" { \"a\" \"b\" }\n{ { \"x\" 3 }\n", 0, 2, "expected a strategy name (a quoted string) or '}', found the number 3"},
    {"NFG 1 R \"t\" { \"a\" \"b\" }\n{ { \"x\" }\n{ \"y\" }\n{ \"z\" }\n}\n", 0, 4,
     "expected '}' after the strategy names of the 2 players, found '{'"},
    {H2 "1 2 3 4\n5 6\n", 0, 5, "the file ends after 6 of 8 payoffs (4 profiles x 2 players)"},
    {H2, 0, 3, "expected the payoffs (numbers) or '{' opening the outcome list, found the end of the file"},
    {H2 "1 2 3 4\n5 6 7 8\n9\n", 0, 5, "expected the end of the file after the last payoff (4 profiles x 2 players = 8 payoffs), found the number 9"},
    {H2 "1 2\n3x 4\n", 0, 4, "bad number '3x': not a number"},
    {H2 "1 2 1..2", 0, 3, "bad number '1..2': not a number"},
    {H2 "1 2 1e", 0, 3, "bad number '1e': the exponent needs digits"},
    {H2 "1\n2\n3/0", 0, 5, "bad number '3/0': zero denominator"},
    {H2 "3/4/5", 0, 3, "bad number '3/4/5': a fraction is whole-number/whole-number, like 3/4"},
    {H2 "1 - 3", 0, 3, "bad number '-': a number needs at least one digit"},
    {H2 "1 2 1e99999", 0, 3, "bad number '1e99999': number out of range"},
    {H2 "1 2 \"x\"", 0, 3, "expected payoff 3 of 8, found the string \"x\""},
    {H2 "1 ; 2", 0, 3, "unexpected character ';'"},
    {H2 "\n\x01\x02\xff garbage", 0, 4, "unexpected byte 0x01 (not a Gambit .nfg text file?)"},
    {"NFG 1 R \"t\0x\" { \"a\" }", 20, 1, "NUL byte inside a string"},
    {"\x7f" "ELF\x02\x01\x01", 7, 1, "unexpected byte 0x7f (not a Gambit .nfg text file?)"},
    {H2L "{\n{ \"o1\" 1 2 }\n}\n1 2 0 1\n", 0, 9, "outcome index '2' out of range: the game has 1 outcomes (0 means no outcome)"},
    {H2L "{\n{ \"o1\" 1 2 }\n}\n1 1.0 0 1\n", 0, 9, "outcome index '1.0' is not a whole number"},
    {H2L "{\n{ \"o1\" 1 2 }\n}\n1 -1 0 1\n", 0, 9, "outcome index '-1' is not a whole number"},
    {H2L "{\n{ \"o1\"\n1 }\n}\n1 1 1 1\n", 0, 7, "outcome 1 has 1 payoffs, expected 2 (one per player)"},
    {H2L "{\n{ \"o1\" 1 2 3 }\n}\n", 0, 7, "outcome 1 has more than 2 payoffs (one per player)"},
    {H2L "{\n{ 1 2 }\n}\n", 0, 7, "expected the outcome's name (a quoted string), found the number 1"},
    {H2L "{\n{ \"o1\" 1 \"2\" }\n}\n", 0, 7, "expected a payoff or '}' in outcome 1, found the string \"2\""},
    {H2L "{\n{ \"o1\" 1 2 }\n}\n1 1\n1", 0, 10, "the file ends after 3 of 4 outcome indices (one per profile)"},
    {H2L "{\n{ \"o1\" 1 2 }\n}\n1 1 1 1 }", 0, 9, "expected the end of the file after the last outcome index (the game has 4 profiles), found '}'"},
    {H2L "{\n\"o1\" 1 2 }\n}\n", 0, 7, "expected '{' opening outcome 1 or '}' ending the outcome list, found the string \"o1\""},
};

Test(nfg, malformed_inputs_name_the_line)
{
    size_t ncase = sizeof bad / sizeof bad[0];
    cr_assert_geq(ncase, 25);
    for (size_t i = 0; i < ncase; i++) {
        ent_game *g = (ent_game *)1;
        ent_error e = {0, ""};
        int rc;
        if (bad[i].len) {
            FILE *f = fmemopen((void *)bad[i].text, bad[i].len, "rb");
            cr_assert_not_null(f);
            rc = ent_nfg_read_stream(f, "bad.nfg", NULL, &g, &e);
            fclose(f);
        } else {
            rc = ent_nfg_read_string(bad[i].text, "bad.nfg", NULL, &g, &e);
        }
        char want[1024];
        snprintf(want, sizeof want, "bad.nfg:%d: %s", bad[i].line, bad[i].msg);
        cr_expect(rc < 0, "case %zu: accepted", i);
        cr_expect_null(g, "case %zu: game returned on error", i);
        cr_expect_str_eq(e.msg, want, "case %zu: got   %s\n             want %s", i, e.msg, want);
        cr_expect(strchr(e.msg, '\n') == NULL, "case %zu: message spans lines", i);
    }
}

/* Limits that keep hostile files from growing memory: string length, token length,
 * player count (each refused with the limit named, at the offending line). */
Test(nfg, length_limits)
{
    size_t big = ((size_t)1 << 20) + 10;
    char *t = malloc(big + 200);
    cr_assert_not_null(t);
    ent_game *g;
    ent_error e;

    int n = sprintf(t, "NFG 1 R\n\"");
    memset(t + n, 'x', big);
    strcpy(t + n + big, "\" { \"a\" } { 1 } 0\n");
    cr_assert_eq(ent_nfg_read_string(t, "big.nfg", NULL, &g, &e), ENT_ETOOBIG);
    cr_assert_str_eq(e.msg, "big.nfg:2: string longer than 1048576 bytes");

    n = sprintf(t, "NFG 1 R \"\" { \"a\" } { 1 }\n\n");
    memset(t + n, '7', 5000);
    strcpy(t + n + 5000, "\n");
    cr_assert_eq(ent_nfg_read_string(t, "big.nfg", NULL, &g, &e), ENT_EPARSE);
    cr_assert_str_eq(e.msg, "big.nfg:3: token longer than 4096 characters");

    n = sprintf(t, "NFG 1 R \"\" {");
    for (int p = 0; p < 65537; p++)
        n += sprintf(t + n, " \"\"");
    strcpy(t + n, " }\n");
    cr_assert_eq(ent_nfg_read_string(t, "big.nfg", NULL, &g, &e), ENT_ETOOBIG);
    cr_assert_str_eq(e.msg, "big.nfg:1: too many players (the limit is 65536)");
    free(t);
}
